'use strict';
// child_process: every spawn is one host request, checked against the childProcess permission
// before anything runs. Without a command executor the host answers ENOSYS (after the check).

const EventEmitter = require('events');

function errors() { return require('internal/errors'); }

function normalize(file, args, options) {
  const { validateString } = require('internal/validators');
  validateString(file, 'file');
  if (file.length === 0) throw new (errors().codes.ERR_INVALID_ARG_VALUE)('file', file, 'cannot be empty');
  if (args !== undefined && args !== null && !Array.isArray(args)) {
    options = args;
    args = [];
  }
  args = (args ?? []).map((a) => String(a));
  options = options ?? {};
  const env = options.env === undefined ? undefined : Object.fromEntries(Object.entries(options.env).map(([k, v]) => [k, String(v)]));
  return {
    command: file,
    args,
    cwd: options.cwd === undefined ? process.cwd() : require('path').resolve(String(options.cwd)),
    env,
    shell: !!options.shell,
    input: options.input,
    timeout: options.timeout,
    encoding: options.encoding,
  };
}

function spawnRequest(request) {
  return { command: request.command, args: request.args, cwd: request.cwd, env: request.env, shell: request.shell };
}

function spawnSync(file, args, options) {
  const request = normalize(file, args, options);
  try {
    return internal.call('child.spawnSync', spawnRequest(request));
  } catch (error) {
    return { error, status: null, signal: null, output: null, pid: 0, stdout: null, stderr: null };
  }
}

function execFileSync(file, args, options) {
  const result = spawnSync(file, args, options);
  if (result.error) throw result.error;
  return result.stdout;
}

function execSync(command, options) {
  return execFileSync(command, [], { ...options, shell: true });
}

class ChildProcess extends EventEmitter {
  constructor() {
    super();
    this.pid = undefined;
    this.exitCode = null;
    this.signalCode = null;
    this.killed = false;
    this.stdin = null;
    this.stdout = null;
    this.stderr = null;
  }
  kill() { return false; }
  ref() {}
  unref() {}
}

function spawn(file, args, options) {
  const request = normalize(file, args, options);
  const child = new ChildProcess();
  internal.loop.refHandle();
  internal.callAsync('child.spawn', spawnRequest(request)).then(
    () => { internal.loop.unrefHandle(); },
    (err) => {
      internal.loop.unrefHandle();
      child.emit('error', err);
      child.emit('close', -2, null);
    });
  return child;
}

function execFile(file, args, options, callback) {
  if (typeof args === 'function') { callback = args; args = []; options = {}; }
  if (typeof options === 'function') { callback = options; options = {}; }
  const child = spawn(file, args, options);
  child.on('error', (err) => { if (callback) callback(err, '', ''); });
  return child;
}

function exec(command, options, callback) {
  if (typeof options === 'function') { callback = options; options = {}; }
  return execFile(command, [], { ...options, shell: true }, callback);
}

function fork() {
  const err = new Error('child_process.fork is not supported in sandbox');
  err.code = 'ERR_NOT_SUPPORTED_IN_SANDBOX';
  throw err;
}

module.exports = { ChildProcess, spawn, spawnSync, exec, execSync, execFile, execFileSync, fork };
