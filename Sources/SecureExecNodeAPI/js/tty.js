'use strict';
// The `tty` module. The sandbox has no terminals: isatty() is false for every fd, and
// constructing a ReadStream/WriteStream fails the way Node fails for a descriptor that is not a
// TTY (SystemError ERR_TTY_INIT_FAILED, uv_tty_init returned EINVAL). The classes and their
// prototype methods exist so that feature detection and `instanceof` work, and so that
// WriteStream.prototype.getColorDepth/hasColors can be called with an explicit env (libraries
// do), with Node's decision table.

const {
  codes: { ERR_TTY_INIT_FAILED, ERR_INVALID_FD },
} = require('internal/errors');
const { validateInteger } = require('internal/validators');

function isatty(fd) {
  // Node: Number.isInteger(fd) && fd >= 0 && fd <= 2147483647 && isTTY(fd). Nothing is a TTY.
  void fd;
  return false;
}

function ttyInitFailed() {
  return new ERR_TTY_INIT_FAILED({
    errno: -22,
    code: 'EINVAL',
    message: 'invalid argument',
    syscall: 'uv_tty_init',
  });
}

function validateFd(fd) {
  if (fd >> 0 !== fd || fd < 0) throw new ERR_INVALID_FD(fd);
}

function ReadStream(fd, options) {
  if (!(this instanceof ReadStream)) return new ReadStream(fd, options);
  validateFd(fd);
  throw ttyInitFailed();
}

ReadStream.prototype.setRawMode = function setRawMode(flag) {
  flag = !!flag;
  this.isRaw = flag;
  return this;
};

function WriteStream(fd) {
  if (!(this instanceof WriteStream)) return new WriteStream(fd);
  validateFd(fd);
  throw ttyInitFailed();
}

// The socket classes these extend in Node come from `net`, loaded on first use when present.
function inheritFromSocket() {
  try {
    const { Socket } = require('net');
    if (typeof Socket === 'function') {
      Object.setPrototypeOf(ReadStream.prototype, Socket.prototype);
      Object.setPrototypeOf(ReadStream, Socket);
      Object.setPrototypeOf(WriteStream.prototype, Socket.prototype);
      Object.setPrototypeOf(WriteStream, Socket);
    }
  } catch {
    // No net module: keep plain prototypes.
  }
}

// Color depth in bits (1, 4, 8 or 24) from the environment, as Node computes it.
const COLORS_2 = 1;
const COLORS_16 = 4;
const COLORS_256 = 8;
const COLORS_16m = 24;

const kTermColors = {
  eterm: COLORS_16, cons25: COLORS_16, console: COLORS_16, cygwin: COLORS_16, dtterm: COLORS_16,
  gnome: COLORS_16, hurd: COLORS_16, jfbterm: COLORS_16, konsole: COLORS_16, kterm: COLORS_16,
  mlterm: COLORS_16, mosh: COLORS_16m, putty: COLORS_16, st: COLORS_16,
  'rxvt-unicode-24bit': COLORS_16m, terminator: COLORS_16m, 'xterm-kitty': COLORS_16m,
};
const kCiColors = [
  ['APPVEYOR', COLORS_256], ['BUILDKITE', COLORS_256], ['CIRCLECI', COLORS_16m], ['DRONE', COLORS_256],
  ['GITEA_ACTIONS', COLORS_16m], ['GITHUB_ACTIONS', COLORS_16m], ['GITLAB_CI', COLORS_256], ['TRAVIS', COLORS_256],
];
const kColorTerms = [/ansi/, /color/, /linux/, /direct/, /^con[0-9]*x[0-9]/, /^rxvt/, /^screen/, /^xterm/, /^vt100/, /^vt220/];

let warnedForceColor = false;
function warnIgnoredDisable(env) {
  if (warnedForceColor) return;
  const names = [];
  if (env.NODE_DISABLE_COLORS !== undefined) names.push('NODE_DISABLE_COLORS');
  if (env.NO_COLOR !== undefined) names.push('NO_COLOR');
  if (names.length === 0) return;
  process.emitWarning(`The '${names.join("' and '")}' env is ignored due to the 'FORCE_COLOR' env being set.`, 'Warning');
  warnedForceColor = true;
}

function getColorDepth(env = process.env) {
  const has = (name) => Object.prototype.hasOwnProperty.call(env, name);
  if (env.FORCE_COLOR !== undefined) {
    switch (env.FORCE_COLOR) {
      case '':
      case '1':
      case 'true':
        warnIgnoredDisable(env);
        return COLORS_16;
      case '2':
        warnIgnoredDisable(env);
        return COLORS_256;
      case '3':
        warnIgnoredDisable(env);
        return COLORS_16m;
      default:
        return COLORS_2;
    }
  }
  if (env.NODE_DISABLE_COLORS !== undefined || env.NO_COLOR !== undefined || env.TERM === 'dumb') return COLORS_2;
  if (env.TMUX) return COLORS_16m;
  if (has('TF_BUILD') && has('AGENT_NAME')) return COLORS_16;
  if (has('CI')) {
    for (const [name, colors] of kCiColors) if (has(name)) return colors;
    return env.CI_NAME === 'codeship' ? COLORS_256 : COLORS_2;
  }
  if ('TEAMCITY_VERSION' in env) {
    return /^(9\.(0*[1-9]\d*)\.|\d{2,}\.)/.test(env.TEAMCITY_VERSION) ? COLORS_16 : COLORS_2;
  }
  switch (env.TERM_PROGRAM) {
    case 'iTerm.app':
      return !env.TERM_PROGRAM_VERSION || /^[0-2]\./.test(env.TERM_PROGRAM_VERSION) ? COLORS_256 : COLORS_16m;
    case 'HyperTerm':
    case 'MacTerm':
      return COLORS_16m;
    case 'Apple_Terminal':
      return COLORS_256;
  }
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return COLORS_16m;
  if (env.TERM) {
    if (/truecolor/.test(env.TERM)) return COLORS_16m;
    if (/^xterm-256/.test(env.TERM)) return COLORS_256;
    const term = env.TERM.toLowerCase();
    if (kTermColors[term]) return kTermColors[term];
    if (kColorTerms.some((re) => re.test(term))) return COLORS_16;
  }
  if (env.COLORTERM) return COLORS_16;
  return COLORS_2;
}

function hasColors(count, env) {
  if (env === undefined && (count === undefined || (typeof count === 'object' && count !== null))) {
    env = count;
    count = 16;
  } else {
    validateInteger(count, 'count', 2);
  }
  return count <= 2 ** getColorDepth(env);
}

let readline;
function lazyReadline() {
  readline ??= require('readline');
  return readline;
}

Object.assign(WriteStream.prototype, {
  isTTY: true,
  getColorDepth(env) { return getColorDepth(env); },
  hasColors(count, env) { return hasColors(count, env); },
  _refreshSize() {
    const [columns, rows] = this.getWindowSize();
    if (this.columns !== columns || this.rows !== rows) {
      this.columns = columns;
      this.rows = rows;
      this.emit?.('resize');
    }
  },
  cursorTo(x, y, cb) { return lazyReadline().cursorTo(this, x, y, cb); },
  moveCursor(dx, dy, cb) { return lazyReadline().moveCursor(this, dx, dy, cb); },
  clearLine(dir, cb) { return lazyReadline().clearLine(this, dir, cb); },
  clearScreenDown(cb) { return lazyReadline().clearScreenDown(this, cb); },
  getWindowSize() { return [this.columns ?? 80, this.rows ?? 24]; },
});
for (const name of Object.keys(WriteStream.prototype)) {
  Object.defineProperty(WriteStream.prototype, name, { __proto__: null, enumerable: false });
}
Object.defineProperty(ReadStream.prototype, 'setRawMode', { __proto__: null, enumerable: false });

inheritFromSocket();

module.exports = { isatty, ReadStream, WriteStream };
