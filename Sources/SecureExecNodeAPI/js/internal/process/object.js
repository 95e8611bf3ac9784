'use strict';
// The guest's `process`: an EventEmitter with Node's properties, built from the host's process
// configuration. Nothing here reads the host: env goes through the bridge on every access.

const { settings, natives } = internal;

// `process` is the object the bootstrap created. It becomes an EventEmitter (prototype and
// state) the first time anything needs one: when `events` loads, or when code reaches for an
// emitter method on it. Until then its prototype forwards those names, so a call that never
// uses process events (most calls) does not load and link `events` in its fresh context.
let upgraded = false;
function upgradeProcess(EventEmitter) {
  if (upgraded) return;
  upgraded = true;
  Object.setPrototypeOf(process, EventEmitter.prototype);
  EventEmitter.call(process);
  // Node prints warnings when the only 'warning' listener is its own.
  process.on('warning', () => {});
}
internal.upgradeProcess = upgradeProcess;
/** Whether `process` has listeners for `name` (false before it became an emitter). */
internal.processHasListeners = (name) => upgraded && process.listenerCount(name) > 0;
/** Whether `process` ever became an emitter (before that, no listener can exist). */
internal.processIsEmitter = () => upgraded;

const emitterMethods = ['on', 'once', 'off', 'emit', 'addListener', 'removeListener', 'removeAllListeners',
  'prependListener', 'prependOnceListener', 'listeners', 'rawListeners', 'listenerCount', 'eventNames',
  'setMaxListeners', 'getMaxListeners'];
const lazyEmitter = Object.create(Object.prototype);
for (const name of emitterMethods) {
  Object.defineProperty(lazyEmitter, name, {
    __proto__: null,
    configurable: true,
    get() {
      upgradeProcess(require('events'));
      return Object.getPrototypeOf(process)[name];
    },
    set(value) {
      upgradeProcess(require('events'));
      Object.defineProperty(this, name, { __proto__: null, value, writable: true, configurable: true, enumerable: true });
    },
  });
}
Object.setPrototypeOf(process, lazyEmitter);
Object.defineProperty(process, Symbol.toStringTag, { __proto__: null, value: 'process', writable: true, enumerable: false, configurable: false });

function loop() { return internal.loop; }
function errors() { return require('internal/errors'); }

const cfg = settings.process;
process.title = 'node';
process.version = cfg.version;
process.versions = Object.freeze({ ...cfg.versions });
process.arch = cfg.arch;
process.platform = cfg.platform;
process.release = Object.freeze({ name: 'node', lts: 'Jod' });
process.argv = [];
process.argv0 = 'node';
process.execArgv = Array.isArray(cfg.execArgv) ? cfg.execArgv.slice() : [];
process.execPath = cfg.execPath;
process.pid = cfg.pid;
process.ppid = cfg.ppid;
process.exitCode = undefined;
process._exiting = false;
process.config = Object.freeze({
  target_defaults: { cflags: [], default_configuration: 'Release', defines: [], include_dirs: [], libraries: [] },
  variables: { node_module_version: 127, napi_build_version: '10', node_shared: false, v8_enable_i18n_support: 1, icu_small: false, asan: 0 },
});
process.features = Object.freeze({ inspector: false, debug: false, uv: true, ipv6: true, tls_alpn: true, tls_sni: true, tls_ocsp: true, tls: true, cached_builtins: true, typescript: false });
process.allowedNodeEnvironmentFlags = new Set();
process.debugPort = 9229;
// The warning options of node the runtime honours (ProcessConfig.execArgv): as in Node, the
// property exists (true, read-only) only when its option was given; guest code may set it.
for (const [option, name] of [['--throw-deprecation', 'throwDeprecation'], ['--no-deprecation', 'noDeprecation'], ['--trace-deprecation', 'traceDeprecation']]) {
  if (internal.hasNodeOption(option)) Object.defineProperty(process, name, { __proto__: null, value: true, writable: false, enumerable: true, configurable: true });
}
const noWarnings = internal.hasNodeOption('--no-warnings');

// ---------------------------------------------------------------------------------------------
// Working directory: guest state, validated against the virtual filesystem.

let cwd = '/';
/** The call's argv and working directory (the host bootstraps contexts before calls exist). */
internal.setProcessCall = function setProcessCall(call) {
  process.argv = call.argv.slice();
  process.argv0 = call.argv[0] ?? 'node';
  cwd = call.cwd;
};
process.cwd = function cwd_() { return cwd; };
process.chdir = function chdir(directory) {
  require('internal/validators').validateString(directory, 'directory');
  const path = require('path');
  const target = path.resolve(cwd, directory);
  internal.call('process.chdir', { path: target });
  cwd = target;
};
let umask = 0o022;
process.umask = function (mask) {
  const old = umask;
  if (mask !== undefined) umask = require('internal/validators').parseFileMode(mask, 'mask');
  return old;
};

// ---------------------------------------------------------------------------------------------
// Environment: a proxy whose every access asks the host, which checks the env permission.

// As in Node, what is not a variable is looked up on Object.prototype (`process.env.hasOwnProperty`).
const envTarget = {};
process.env = new Proxy(envTarget, {
  __proto__: null,
  get(target, name) {
    if (typeof name !== 'string') return undefined;
    const value = internal.call('env.get', { name });
    return value !== undefined ? value : Reflect.get(Object.getPrototypeOf(target), name);
  },
  has(target, name) {
    if (typeof name !== 'string') return false;
    return internal.call('env.get', { name }) !== undefined || name in Object.getPrototypeOf(target);
  },
  set(_, name, value) {
    if (typeof name !== 'string') return false;
    // A template converts as Node does (a Symbol value is a TypeError).
    internal.call('env.set', { name, value: `${value}` });
    return true;
  },
  defineProperty(_, name, descriptor) {
    const { ERR_INVALID_OBJECT_DEFINE_PROPERTY } = errors().codes;
    const dataOnly = "'process.env' only accepts a configurable, writable, and enumerable data descriptor";
    if ('value' in descriptor) {
      if (descriptor.writable !== true || descriptor.enumerable !== true || descriptor.configurable !== true) {
        throw new ERR_INVALID_OBJECT_DEFINE_PROPERTY(dataOnly);
      }
    } else if ('get' in descriptor || 'set' in descriptor) {
      throw new ERR_INVALID_OBJECT_DEFINE_PROPERTY("'process.env' does not accept an accessor(getter/setter) descriptor");
    } else {
      throw new ERR_INVALID_OBJECT_DEFINE_PROPERTY(dataOnly);
    }
    if (typeof name !== 'string') return false;
    internal.call('env.set', { name, value: `${descriptor.value}` });
    return true;
  },
  deleteProperty(_, name) {
    if (typeof name !== 'string') return true;
    internal.call('env.delete', { name });
    return true;
  },
  ownKeys() {
    return internal.call('env.keys', {});
  },
  getOwnPropertyDescriptor(_, name) {
    if (typeof name !== 'string') return undefined;
    const value = internal.call('env.get', { name });
    if (value === undefined) return undefined;
    return { __proto__: null, value, writable: true, enumerable: true, configurable: true };
  },
});

// ---------------------------------------------------------------------------------------------
// Time and resources

function hrtime(previous) {
  const ns = internal.hrtimeNs();
  let sec = Math.floor(ns / 1e9);
  let nsec = Math.floor(ns - sec * 1e9);
  if (previous !== undefined) {
    if (!Array.isArray(previous)) {
      throw new (errors().codes.ERR_INVALID_ARG_TYPE)('time', 'Array', previous);
    }
    if (previous.length !== 2) {
      throw new (errors().codes.ERR_OUT_OF_RANGE)('time', 2, previous.length);
    }
    sec -= previous[0];
    nsec -= previous[1];
    if (nsec < 0) { sec -= 1; nsec += 1e9; }
  }
  return [sec, nsec];
}
hrtime.bigint = function bigint() { return BigInt(Math.floor(internal.hrtimeNs())); };
process.hrtime = hrtime;
process.uptime = function uptime() { return internal.hrtimeNs() / 1e9; };

// rss: the worker process's resident size (engine, bootstrap and what the guest allocated — what
// the memory limit counts); in-process engines report the heap for it.
function heapSize() { return natives.heapCapacity ? natives.heapCapacity() : 0; }
function residentSize(heap) {
  const resident = natives.residentBytes ? natives.residentBytes() : undefined;
  return resident === undefined ? heap : resident;
}
function memoryUsage() {
  const heap = heapSize();
  return { rss: residentSize(heap), heapTotal: heap, heapUsed: heap, external: 0, arrayBuffers: 0 };
}
memoryUsage.rss = function rss() { return residentSize(heapSize()); };
process.memoryUsage = memoryUsage;
process.cpuUsage = function cpuUsage(previous) {
  const user = Math.floor(internal.hrtimeNs() / 1e3);
  if (previous) return { user: user - previous.user, system: 0 - previous.system };
  return { user, system: 0 };
};
process.resourceUsage = function resourceUsage() {
  return { userCPUTime: 0, systemCPUTime: 0, maxRSS: 0, sharedMemorySize: 0, unsharedDataSize: 0, unsharedStackSize: 0, minorPageFault: 0, majorPageFault: 0, swappedOut: 0, fsRead: 0, fsWrite: 0, ipcSent: 0, ipcReceived: 0, signalsCount: 0, voluntaryContextSwitches: 0, involuntaryContextSwitches: 0 };
};
process.constrainedMemory = function () { return settings.memoryLimitBytes; };
process.availableMemory = function () { return settings.memoryLimitBytes; };

// ---------------------------------------------------------------------------------------------
// Identity

process.getuid = () => cfg.uid;
process.geteuid = () => cfg.uid;
process.getgid = () => cfg.gid;
process.getegid = () => cfg.gid;
process.getgroups = () => [cfg.gid];
// Changing identity: checked as Node checks it, then refused — the sandbox has no user database
// (every name is unknown) and its process may not become another id.
function identitySetter(name, kind) {
  const method = {
    [name](id) {
      if (typeof id !== 'number' && typeof id !== 'string') throw new (errors().codes.ERR_INVALID_ARG_TYPE)('id', ['number', 'string'], id);
      if (typeof id === 'string') throw new (errors().codes.ERR_UNKNOWN_CREDENTIAL)(kind, id);
      require('internal/validators').validateUint32(id, 'id');
      if (id === (kind === 'User' ? cfg.uid : cfg.gid)) return;
      const err = new Error('EPERM, Operation not permitted');
      err.code = 'EPERM';
      err.errno = -1;
      throw err;
    },
  }[name];
  return method;
}
process.setuid = identitySetter('setuid', 'User');
process.seteuid = identitySetter('seteuid', 'User');
process.setgid = identitySetter('setgid', 'Group');
process.setegid = identitySetter('setegid', 'Group');

// ---------------------------------------------------------------------------------------------
// Control flow

process.nextTick = function nextTick(callback, ...args) { loop().nextTick(callback, ...args); };
process.exit = function exit(code) {
  if (code !== undefined) validateExitCode(code);
  loop().exit(code);
};
process.reallyExit = process.exit;
process.abort = { abort() { loop().exit(134); } }.abort;

function validateExitCode(code) {
  if (code === null || code === undefined) return;
  if (typeof code === 'string' && /^-?\d+$/.test(code.trim())) return;
  if (!Number.isInteger(code)) {
    const { codes } = errors();
    if (typeof code === 'number') throw new codes.ERR_OUT_OF_RANGE('code', 'an integer', code);
    throw new codes.ERR_INVALID_ARG_TYPE('code', 'integer', code);
  }
}

let exitCodeValue;
Object.defineProperty(process, 'exitCode', {
  __proto__: null,
  enumerable: true,
  configurable: false,
  get() { return exitCodeValue; },
  set(code) {
    validateExitCode(code);
    exitCodeValue = code;
  },
});

const signals = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGBUS: 7, SIGFPE: 8, SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15, SIGCHLD: 17, SIGCONT: 18, SIGSTOP: 19, SIGTSTP: 20, SIGTTIN: 21, SIGTTOU: 22, SIGURG: 23, SIGXCPU: 24, SIGXFSZ: 25, SIGVTALRM: 26, SIGPROF: 27, SIGWINCH: 28, SIGIO: 29, SIGPWR: 30, SIGSYS: 31 };
internal.signals = signals;

process.kill = function kill(pid, signal = 'SIGTERM') {
  const { codes } = errors();
  if (typeof pid !== 'number' || !Number.isInteger(pid)) throw new codes.ERR_INVALID_ARG_TYPE('pid', 'number', pid);
  const signo = typeof signal === 'number' ? signal : signals[signal];
  if (signo === undefined) throw new codes.ERR_UNKNOWN_SIGNAL(String(signal));
  if (pid === process.pid || pid === 0) {
    if (signo === 0) return true;
    const name = Object.keys(signals).find((k) => signals[k] === signo);
    if (name !== undefined && process.listenerCount(name) > 0) {
      internal.loop.nextTick(() => process.emit(name, name));
      return true;
    }
    if (name === 'SIGWINCH' || name === 'SIGCHLD' || name === 'SIGURG' || name === 'SIGCONT') return true;
    loop().exit(128 + signo);
  }
  // Other processes are children (child_process) or do not exist in the sandbox.
  return internal.call('process.kill', { pid, signal: signo });
};

// ---------------------------------------------------------------------------------------------
// Warnings

const warned = new Set();
let firstWarning = true;
process.emitWarning = function emitWarning(warning, type, code, ctor) {
  let detail;
  if (type !== null && typeof type === 'object' && !Array.isArray(type)) {
    ctor = type.ctor;
    code = type.code;
    if (typeof type.detail === 'string') detail = type.detail;
    type = type.type || 'Warning';
  } else if (typeof type === 'function') {
    ctor = type; code = undefined; type = 'Warning';
  }
  if (type === undefined) type = 'Warning';
  if (typeof code === 'function') { ctor = code; code = undefined; }
  if (typeof warning === 'string') {
    const w = new Error(warning);
    w.name = String(type || 'Warning');
    if (code !== undefined) w.code = code;
    if (detail !== undefined) w.detail = detail;
    warning = w;
  } else if (!(warning instanceof Error)) {
    throw new (errors().codes.ERR_INVALID_ARG_TYPE)('warning', ['Error', 'string'], warning);
  }
  if (warning.name === 'DeprecationWarning') {
    if (process.noDeprecation) return;
    if (process.throwDeprecation) throw warning;
  }
  loop().nextTick(() => {
    process.emit('warning', warning);
    if (process.listenerCount('warning') > 1 || noWarnings || process.noProcessWarnings) return;
    const codeText = warning.code ? `[${warning.code}] ` : '';
    let text = `(node:${process.pid}) ${codeText}${warning.name}: ${warning.message}\n`;
    if (warning.detail) text += `${warning.detail}\n`;
    if (firstWarning) {
      firstWarning = false;
      const flag = warning.name === 'DeprecationWarning' ? '--trace-deprecation' : '--trace-warnings';
      text += `(Use \`node ${flag} ...\` to show where the warning was created)\n`;
    }
    internal.write(2, text);
  });
};
internal.warnOnce = function warnOnce(key, ...args) {
  if (warned.has(key)) return;
  warned.add(key);
  process.emitWarning(...args);
};

// ---------------------------------------------------------------------------------------------
// What a sandbox does not have.

function notSupported(name) {
  return function () {
    const err = new Error(`process.${name} is not supported in sandbox`);
    err.code = 'ERR_NOT_SUPPORTED_IN_SANDBOX';
    throw err;
  };
}
process.binding = notSupported('binding');
process._linkedBinding = notSupported('_linkedBinding');
process.dlopen = notSupported('dlopen');
// An uncaught exception goes to this callback instead of 'uncaughtException' listeners (and
// --abort-on-uncaught-exception does not abort). Mutually exclusive with the domain module.
process.setUncaughtExceptionCaptureCallback = function setUncaughtExceptionCaptureCallback(fn) {
  const hooks = internal.requireBuiltin('internal/domain_hooks');
  const { codes } = errors();
  if (fn === null) {
    hooks.capture = null;
    return;
  }
  if (typeof fn !== 'function') throw new codes.ERR_INVALID_ARG_TYPE('fn', ['Function', 'null'], fn);
  if (hooks.loadedAt !== null) {
    const err = new codes.ERR_DOMAIN_CANNOT_SET_UNCAUGHT_EXCEPTION_CAPTURE();
    const stack = err.stack;
    Object.defineProperty(err, 'stack', { __proto__: null, value: `${stack}\n${'-'.repeat(40)}\n${hooks.loadedAt}`, writable: true, configurable: true });
    throw err;
  }
  if (hooks.capture !== null) throw new codes.ERR_UNCAUGHT_EXCEPTION_CAPTURE_ALREADY_SET();
  hooks.capture = fn;
};
process.hasUncaughtExceptionCaptureCallback = function hasUncaughtExceptionCaptureCallback() {
  return internal.requireBuiltin('internal/domain_hooks').capture !== null;
};
// The active domain (the `domain` module makes this live once loaded).
process.domain = null;
process.setSourceMapsEnabled = () => {};
process.getActiveResourcesInfo = function getActiveResourcesInfo() { return loop().activeResources(); };
process.report = Object.freeze({ getReport: notSupported('report.getReport'), writeReport: notSupported('report.writeReport') });

// ---------------------------------------------------------------------------------------------
// Standard streams (minimal writers now; full streams when `stream` is loaded).

function makeWriter(fd) {
  const EventEmitter = require('events');
  const writer = new EventEmitter();
  writer.fd = fd;
  writer.isTTY = false;
  writer.writable = true;
  writer._isStdio = true;
  writer.write = function write(chunk, encoding, callback) {
    if (typeof encoding === 'function') { callback = encoding; encoding = undefined; }
    if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) {
      throw new (errors().codes.ERR_INVALID_ARG_TYPE)('chunk', ['string', 'Buffer', 'TypedArray', 'DataView'], chunk);
    }
    if (typeof chunk === 'string' && encoding && encoding !== 'utf8' && encoding !== 'utf-8') {
      chunk = require('buffer').Buffer.from(chunk, encoding);
    }
    internal.write(fd, chunk);
    if (typeof callback === 'function') loop().nextTick(callback);
    return true;
  };
  writer.end = function end(chunk, encoding, callback) {
    if (typeof chunk === 'function') { callback = chunk; chunk = undefined; }
    if (chunk !== undefined && chunk !== null) writer.write(chunk, encoding);
    if (typeof callback === 'function') loop().nextTick(callback);
    return writer;
  };
  writer.cork = () => {};
  writer.uncork = () => {};
  writer.setDefaultEncoding = () => writer;
  writer.getColorDepth = () => 1;
  writer.hasColors = () => false;
  writer.writableLength = 0;
  writer.writableHighWaterMark = 16384;
  return writer;
}
// Made on first use; assignable, as in Node.
for (const [name, fd] of [['stdout', 1], ['stderr', 2]]) {
  Object.defineProperty(process, name, {
    __proto__: null,
    configurable: true,
    enumerable: true,
    get() {
      const writer = makeWriter(fd);
      Object.defineProperty(process, name, { __proto__: null, value: writer, writable: true, configurable: true, enumerable: true });
      return writer;
    },
    set(value) {
      Object.defineProperty(process, name, { __proto__: null, value, writable: true, configurable: true, enumerable: true });
    },
  });
}

// process.stdin: a Readable over the call's input — the whole text given with the call
// (ExecOptions.stdin, the CLI's piped stdin), or, for a nested `node` spawned with a stdin pipe,
// what the parent writes as it writes it (host `stdin` events after `stdin.ready`). Reading it
// keeps the process alive until it ends (not while paused), as in Node.
function makeStdin() {
  const { Readable } = require('stream');
  const { Buffer } = require('buffer');
  const streamed = settings.stdinStream === true;
  const data = settings.stdin;
  let started = false;
  let ended = false;
  let refed = false;
  const ref = () => {
    if (!refed && !ended) { refed = true; internal.loop.refHandle(); }
  };
  const unref = () => {
    if (refed) { refed = false; internal.loop.unrefHandle(); }
  };
  const finish = () => {
    if (ended) return;
    unref();
    ended = true;
    stdin.push(null);
  };
  const stdin = new Readable({
    highWaterMark: 64 * 1024,
    read() {
      if (ended) return;
      if (stdin.readableFlowing !== false) ref();
      if (started) return;
      started = true;
      if (streamed) {
        internal.loop.onHostEvent('stdin', (message, bytes) => {
          if (message?.type === 'data' && bytes) stdin.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
          else if (message?.type === 'end') finish();
        });
        internal.call('stdin.ready', {});
      } else {
        setImmediate(() => {
          if (typeof data === 'string' && data.length > 0) stdin.push(Buffer.from(data, 'utf8'));
          finish();
        });
      }
    },
  });
  stdin.on('pause', unref);
  stdin.on('resume', () => { if (started) ref(); });
  stdin.fd = 0;
  stdin.isTTY = false;
  stdin.setRawMode = () => { throw new Error('setRawMode is not supported: stdin is not a TTY'); };
  return stdin;
}
let stdin;
Object.defineProperty(process, 'stdin', {
  __proto__: null,
  configurable: true,
  enumerable: true,
  get() { return stdin ??= makeStdin(); },
});

module.exports = process;
