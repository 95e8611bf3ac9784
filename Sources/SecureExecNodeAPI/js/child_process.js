'use strict';
// child_process. Every spawn is one host request, checked against the childProcess permission
// before anything runs; the host's command executor starts the program (or a nested sandboxed
// runtime for `node`). Output arrives as `child` host events ({id, type, code, signal} + bytes);
// stdin writes, end and kill are requests. Sync variants are one request that returns
// stdout/stderr/status/signal together. Without an executor the host answers ENOSYS.

const EventEmitter = require('events');
const { Buffer } = require('buffer');

const lazy = {
  get errors() { return require('internal/errors'); },
  get validators() { return require('internal/validators'); },
  get Readable() { return require('internal/streams/readable'); },
  get Writable() { return require('internal/streams/writable'); },
};

const signalNumbers = internal.signals;
function signalName(number) {
  if (number === null || number === undefined) return null;
  return Object.keys(signalNumbers).find((name) => signalNumbers[name] === number) ?? null;
}
function toSignalNumber(signal) {
  if (typeof signal === 'number' && signalName(signal) !== null) return signal;
  if (typeof signal === 'string') {
    const upper = signal.toUpperCase();
    if (Object.prototype.hasOwnProperty.call(signalNumbers, upper)) return signalNumbers[upper];
  }
  throw new (lazy.errors.codes.ERR_UNKNOWN_SIGNAL)(signal);
}

function sanitizeKillSignal(killSignal) {
  if (typeof killSignal === 'string' || typeof killSignal === 'number') return toSignalNumber(killSignal);
  if (killSignal != null) throw new (lazy.errors.codes.ERR_INVALID_ARG_TYPE)('options.killSignal', ['string', 'number'], killSignal);
  return undefined;
}

function validateTimeout(timeout) {
  if (timeout != null && !(Number.isInteger(timeout) && timeout >= 0)) {
    throw new (lazy.errors.codes.ERR_OUT_OF_RANGE)('timeout', 'an unsigned integer', timeout);
  }
}

function validateMaxBuffer(maxBuffer) {
  if (maxBuffer != null && !(typeof maxBuffer === 'number' && maxBuffer >= 0)) {
    throw new (lazy.errors.codes.ERR_OUT_OF_RANGE)('options.maxBuffer', 'a positive number', maxBuffer);
  }
}

// -------------------------------------------------------------------------------------------
// Arguments, as Node normalises them.

function notSupported(what) {
  const err = new Error(`${what} is not supported in sandbox`);
  err.code = 'ERR_NOT_SUPPORTED_IN_SANDBOX';
  return err;
}

function stdioFlags(stdio) {
  let ipc = false;
  if (Array.isArray(stdio)) {
    const count = stdio.filter((s) => s === 'ipc').length;
    if (count > 1) throw new (lazy.errors.codes.ERR_IPC_ONE_PIPE)();
    ipc = count === 1;
  }
  // true: a pipe to the guest; false: /dev/null. 'inherit' pipes and forwards to our stdio.
  let list;
  if (stdio === undefined || stdio === null || stdio === 'pipe' || stdio === 'overlapped') list = ['pipe', 'pipe', 'pipe'];
  else if (stdio === 'ignore' || stdio === 'inherit') list = [stdio, stdio, stdio];
  else if (Array.isArray(stdio)) list = [stdio[0], stdio[1], stdio[2]];
  else throw new (lazy.errors.codes.ERR_INVALID_ARG_VALUE)('stdio', stdio);
  const flags = list.map((s, fd) => {
    if (s === undefined || s === null || s === 'pipe' || s === 'overlapped') return 'pipe';
    if (s === 'ignore' || s === 'inherit') return s;
    if (s === fd) return 'inherit';
    if (s === 'ipc') return 'ignore';
    return 'pipe';
  });
  // A message channel to the child (only a sandboxed `node` can have one).
  flags.ipc = ipc;
  return flags;
}

function rejectNullBytes(value, name) {
  if (typeof value === 'string' && value.includes('\u0000')) {
    throw new (lazy.errors.codes.ERR_INVALID_ARG_VALUE)(name, value, 'must be a string without null bytes');
  }
}

function normalizeSpawnArguments(file, args, options) {
  const { validateString, validateObject } = lazy.validators;
  validateString(file, 'file');
  if (file.length === 0) throw new (lazy.errors.codes.ERR_INVALID_ARG_VALUE)('file', file, 'cannot be empty');
  if (Array.isArray(args)) {
    args = args.slice();
  } else if (args === undefined || args === null) {
    args = [];
  } else if (typeof args !== 'object') {
    throw new (lazy.errors.codes.ERR_INVALID_ARG_TYPE)('args', 'object', args);
  } else {
    options = args;
    args = [];
  }
  if (options === undefined) options = {};
  else validateObject(options, 'options');
  const { validateBoolean, isInt32 } = lazy.validators;
  if (options.detached != null) validateBoolean(options.detached, 'options.detached');
  for (const id of ['uid', 'gid']) {
    if (options[id] != null && !isInt32(options[id])) throw new (lazy.errors.codes.ERR_INVALID_ARG_TYPE)(`options.${id}`, 'int32', options[id]);
  }
  if (options.windowsHide != null) validateBoolean(options.windowsHide, 'options.windowsHide');
  if (options.windowsVerbatimArguments != null) validateBoolean(options.windowsVerbatimArguments, 'options.windowsVerbatimArguments');
  // Like Node: arguments are converted to strings; NUL bytes are refused.
  args = args.map((a) => `${a}`);
  rejectNullBytes(file, 'file');
  args.forEach((a, i) => rejectNullBytes(a, `args[${i}]`));

  let cwd = options.cwd;
  if (cwd !== undefined && cwd !== null) {
    if (cwd instanceof URL) cwd = require('url').fileURLToPath(cwd);
    validateString(cwd, 'options.cwd');
    cwd = require('path').resolve(cwd);
  } else {
    cwd = process.cwd();
  }

  let shell = false;
  if (options.shell != null && typeof options.shell !== 'boolean' && typeof options.shell !== 'string') {
    throw new (lazy.errors.codes.ERR_INVALID_ARG_TYPE)('options.shell', ['boolean', 'string'], options.shell);
  }
  if (options.shell) {
    rejectNullBytes(options.shell, 'options.shell');
    // A shell is a command like any other: its own permission request names it.
    const command = args.length > 0 ? `${file} ${args.join(' ')}` : file;
    file = typeof options.shell === 'string' ? options.shell : '/bin/sh';
    args = ['-c', command];
    shell = true;
  }

  let env;
  if (options.env !== undefined && options.env !== null) {
    validateObject(options.env, 'options.env');
    env = {};
    // Inherited (prototype) keys count too, as in Node; undefined values are left out.
    for (const key in options.env) {
      const value = options.env[key];
      if (value === undefined) continue;
      rejectNullBytes(key, `options.env['${key}']`);
      rejectNullBytes(`${value}`, `options.env['${key}']`);
      env[key] = `${value}`;
    }
  }

  if (options.argv0 != null) {
    validateString(options.argv0, 'options.argv0');
    rejectNullBytes(options.argv0, 'options.argv0');
  }
  return {
    file,
    args,
    argv0: typeof options.argv0 === 'string' ? options.argv0 : undefined,
    spawnargs: [typeof options.argv0 === 'string' ? options.argv0 : file, ...args],
    cwd,
    env,
    shell,
    stdio: stdioFlags(options.stdio),
    options,
  };
}

function hostRequest(n) {
  return {
    command: n.file,
    args: n.args,
    cwd: n.cwd,
    env: n.env,
    shell: n.shell,
    argv0: n.argv0,
    stdio: n.stdio.map((s) => s !== 'ignore'),
    ipc: n.stdio.ipc === true,
  };
}

function spawnFailure(err, syscall, spawnargs) {
  err.spawnargs = spawnargs.slice(1);
  return err;
}

// -------------------------------------------------------------------------------------------
// ChildProcess

const children = new Map();
let nextId = 1;

internal.loop.onHostEvent('child', (message, bytes) => {
  const child = children.get(message?.id);
  if (child !== undefined) child._hostEvent(message, bytes);
});

class ChildProcess extends EventEmitter {
  constructor() {
    super();
    this._closesNeeded = 1;
    this._closesGot = 0;
    this.connected = false;
    this.signalCode = null;
    this.exitCode = null;
    this.killed = false;
    this.spawnfile = null;
    this.spawnargs = [];
    this.pid = undefined;
    this.stdin = null;
    this.stdout = null;
    this.stderr = null;
    this.stdio = [null, null, null];
    this._id = 0;
    this._alive = false;
    this._refed = false;
  }

  spawn(options) {
    let n = options?._normalized;
    if (n === undefined) {
      const { validateObject, validateString, validateArray } = lazy.validators;
      validateObject(options, 'options');
      // Node's order: stdio (and, with an IPC channel, envPairs), file, args.
      if (Array.isArray(options.stdio) && options.stdio.includes('ipc') && options.envPairs !== undefined) {
        validateArray(options.envPairs, 'options.envPairs');
      }
      validateString(options.file, 'options.file');
      if (options.args !== undefined) validateArray(options.args, 'options.args');
      if (options.envPairs !== undefined) validateArray(options.envPairs, 'options.envPairs');
      let env;
      if (options.envPairs !== undefined) {
        env = {};
        for (const pair of options.envPairs) {
          const at = `${pair}`.indexOf('=');
          if (at > 0) env[`${pair}`.slice(0, at)] = `${pair}`.slice(at + 1);
        }
      }
      const argv = options.args ?? [options.file];
      n = normalizeSpawnArguments(options.file, argv.slice(1), { cwd: options.cwd, stdio: options.stdio, env, argv0: argv[0] });
    }
    this.spawnfile = n.file;
    this.spawnargs = n.spawnargs;
    const id = nextId++;
    this._id = id;

    // The streams exist even when the spawn fails (they end at once then), as in Node.
    if (n.stdio[0] === 'pipe') this.stdin = makeStdin(this);
    for (const fd of [1, 2]) {
      if (n.stdio[fd] === 'ignore') continue;
      const stream = makeReadable(this);
      if (n.stdio[fd] === 'inherit') {
        const target = fd === 1 ? process.stdout : process.stderr;
        stream.on('data', (chunk) => target.write(chunk));
      } else if (fd === 1) this.stdout = stream;
      else this.stderr = stream;
      if (fd === 1) this._out = stream; else this._err = stream;
    }
    this.stdio = [this.stdin, this.stdout, this.stderr];

    let answer;
    try {
      answer = internal.call('child.spawn', { id, ...hostRequest(n) });
    } catch (err) {
      spawnFailure(err, 'spawn', n.spawnargs);
      const errno = typeof err.errno === 'number' ? err.errno : -1;
      this._id = 0;
      process.nextTick(() => {
        this.exitCode = errno;
        this.emit('error', err);
        this.stdin?.destroy();
        this._out?.destroy();
        this._err?.destroy();
        maybeClose(this);
      });
      return err.errno;
    }
    this._alive = true;
    this.pid = answer.pid;
    children.set(id, this);
    if (n.stdio.ipc) this._setupChannel();
    internal.loop.refHandle();
    this._refed = true;
    if (n.stdio[0] !== 'pipe' && n.stdio[0] !== 'ignore') internal.call('child.end', { id });
    process.nextTick(() => this.emit('spawn'));
    return 0;
  }

  _hostEvent(message, bytes) {
    switch (message.type) {
      case 'stdout': this._out?.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)); break;
      case 'stderr': this._err?.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)); break;
      case 'stdoutEnd': this._out?.push(null); break;
      case 'stderrEnd': this._err?.push(null); break;
      case 'exit': this._onExit(message.code, signalName(message.signal)); break;
      case 'message': if (bytes) require('internal/ipc').receive(this, bytes); break;
      case 'disconnect': this._channelClosed(); break;
      default: break;
    }
  }

  /** The parent's end of a message channel (fork, or 'ipc' in stdio). */
  _setupChannel() {
    this.connected = true;
    this.channel = { fd: 3, ref: () => this.ref(), unref: () => this.unref() };
    Object.defineProperty(this, '_channel', { __proto__: null, get: () => this.channel, configurable: true, enumerable: false });
    this.send = (message, handle, options, callback) => require('internal/ipc').sendMessage(
      this, (bytes) => internal.call('child.send', { id: this._id }, bytes), message, handle, options, callback);
    this.disconnect = () => {
      if (!this.connected) {
        this.emit('error', new (lazy.errors.codes.ERR_IPC_DISCONNECTED)());
        return;
      }
      internal.call('child.disconnect', { id: this._id });
      this._channelClosed();
    };
  }

  _channelClosed() {
    if (!this.connected) return;
    this.connected = false;
    this.channel = null;
    process.nextTick(() => this.emit('disconnect'));
  }

  _onExit(code, signal) {
    this._alive = false;
    if (signal) this.signalCode = signal; else this.exitCode = code;
    if (this.stdin) this.stdin.destroy();
    this.emit('exit', this.exitCode, this.signalCode);
    // Output nobody reads is drained so the streams can end and 'close' follows (as Node does).
    process.nextTick(() => {
      for (const stream of [this._out, this._err]) {
        if (stream && stream.readable && stream.readableFlowing === null) stream.resume();
      }
    });
    maybeClose(this);
  }

  kill(sig) {
    const signal = sig === 0 ? 0 : toSignalNumber(sig === undefined ? 'SIGTERM' : sig);
    if (!this._alive) return false;
    const sent = internal.call('child.kill', { id: this._id, signal });
    if (sent && signal !== 0) this.killed = true;
    return !!sent;
  }

  [Symbol.dispose]() { if (!this.killed) this.kill(); }

  ref() {
    if (!this._refed && this._id !== 0 && children.has(this._id)) {
      this._refed = true;
      internal.loop.refHandle();
    }
  }

  unref() {
    if (this._refed) {
      this._refed = false;
      internal.loop.unrefHandle();
    }
  }
}

function makeReadable(child) {
  const stream = new (lazy.Readable)({ read() {} });
  child._closesNeeded++;
  stream.on('close', () => maybeClose(child));
  return stream;
}

function makeStdin(child) {
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    if (child._id !== 0) try { internal.call('child.end', { id: child._id }); } catch {}
  };
  const stdin = new (lazy.Writable)({
    write(chunk, encoding, callback) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
      internal.callAsync('child.write', { id: child._id }, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))
        .then(() => callback(), (err) => callback(err));
    },
    final(callback) { end(); callback(); },
    destroy(err, callback) { end(); callback(err); },
  });
  // A pipe socket in Node: writable, not readable.
  Object.defineProperty(stdin, 'readable', { __proto__: null, value: false, writable: true, configurable: true });
  return stdin;
}

function maybeClose(child) {
  child._closesGot++;
  if (child._closesGot === child._closesNeeded) {
    children.delete(child._id);
    child.unref();
    child.emit('close', child.exitCode, child.signalCode);
  }
}

// -------------------------------------------------------------------------------------------
// spawn / exec / execFile

function spawn(file, args, options) {
  const n = normalizeSpawnArguments(file, args, options);
  const opts = n.options;
  validateTimeout(opts.timeout);
  if (opts.signal !== undefined) lazy.validators.validateAbortSignal(opts.signal, 'options.signal');
  const killSignal = sanitizeKillSignal(opts.killSignal);
  const child = new ChildProcess();
  child.spawn({ _normalized: n });

  if (opts.timeout > 0) {
    let timer = setTimeout(() => {
      if (timer) {
        try { child.kill(killSignal); } catch (err) { child.emit('error', err); }
        timer = null;
      }
    }, opts.timeout);
    child.once('exit', () => { if (timer) { clearTimeout(timer); timer = null; } });
  }
  if (opts.signal !== undefined) {
    const signal = opts.signal;
    const onAbort = () => {
      if (child.kill(killSignal)) child.emit('error', new (lazy.errors.AbortError)(undefined, { cause: signal.reason }));
    };
    if (signal.aborted) process.nextTick(onAbort);
    else {
      signal.addEventListener('abort', onAbort, { once: true });
      child.once('exit', () => signal.removeEventListener('abort', onAbort));
    }
  }
  return child;
}

function execFile(file, args, options, callback) {
  if (Array.isArray(args)) {
    args = args.slice();
  } else if (args != null && typeof args === 'object') {
    callback = options;
    options = args;
    args = null;
  } else if (typeof args === 'function') {
    callback = args;
    options = null;
    args = null;
  }
  if (typeof options === 'function') {
    callback = options;
    options = null;
  } else if (options != null) {
    lazy.validators.validateObject(options, 'options');
  }
  if (callback != null) lazy.validators.validateFunction(callback, 'callback');
  args = args ?? [];
  options = {
    encoding: 'utf8',
    timeout: 0,
    maxBuffer: 1024 * 1024,
    killSignal: 'SIGTERM',
    cwd: null,
    env: null,
    shell: false,
    ...options,
  };
  validateTimeout(options.timeout);
  validateMaxBuffer(options.maxBuffer);
  options.killSignal = sanitizeKillSignal(options.killSignal);
  const child = spawn(file, args, {
    cwd: options.cwd ?? undefined,
    env: options.env ?? undefined,
    argv0: options.argv0,
    shell: options.shell,
    signal: options.signal,
    stdio: options.stdio,
    uid: options.uid,
    gid: options.gid,
    windowsHide: options.windowsHide,
    windowsVerbatimArguments: options.windowsVerbatimArguments,
  });

  const encoding = options.encoding && options.encoding !== 'buffer' && Buffer.isEncoding(options.encoding) ? options.encoding : null;
  const out = [];
  const err = [];
  let outLen = 0;
  let errLen = 0;
  let killed = false;
  let exited = false;
  let ex = null;
  let timer = null;
  const cmd = args.length > 0 ? `${file} ${args.join(' ')}` : file;

  function joined(chunks, stream) {
    if (encoding || stream?.readableEncoding) return chunks.join('');
    return Buffer.concat(chunks);
  }

  function exithandler(code, signal) {
    if (exited) return;
    exited = true;
    if (timer) { clearTimeout(timer); timer = null; }
    if (!callback) return;
    const stdout = joined(out, child.stdout);
    const stderr = joined(err, child.stderr);
    if (!ex && code === 0 && signal === null) {
      callback(null, stdout, stderr);
      return;
    }
    if (!ex) {
      ex = lazy.errors.genericNodeError(`Command failed: ${cmd}\n${stderr}`, {
        code: code < 0 ? lazy.errors.getSystemErrorName(code) : code,
        killed: child.killed || killed,
        signal,
      });
    }
    ex.cmd = cmd;
    callback(ex, stdout, stderr);
  }

  function errorhandler(e) {
    ex = e;
    child.stdout?.destroy();
    child.stderr?.destroy();
    exithandler();
  }

  function kill() {
    child.stdout?.destroy();
    child.stderr?.destroy();
    killed = true;
    try {
      child.kill(options.killSignal);
    } catch (e) {
      ex = e;
      exithandler();
    }
  }

  if (options.timeout > 0) {
    timer = setTimeout(() => { kill(); timer = null; }, options.timeout);
  }

  function collect(stream, chunks, which) {
    if (encoding) stream.setEncoding(encoding);
    stream.on('data', (chunk) => {
      if (options.maxBuffer === Infinity) {
        chunks.push(chunk);
        return;
      }
      const streamEncoding = stream.readableEncoding;
      const length = streamEncoding ? Buffer.byteLength(chunk, streamEncoding) : chunk.length;
      const total = (which === 'stdout' ? (outLen += length) : (errLen += length));
      if (total > options.maxBuffer) {
        const keep = Math.max(0, options.maxBuffer - (total - length));
        chunks.push(streamEncoding ? chunk.slice(0, keep) : chunk.subarray(0, keep));
        ex = new (lazy.errors.codes.ERR_CHILD_PROCESS_STDIO_MAXBUFFER)(which);
        kill();
      } else {
        chunks.push(chunk);
      }
    });
  }
  if (child.stdout) collect(child.stdout, out, 'stdout');
  if (child.stderr) collect(child.stderr, err, 'stderr');

  child.addListener('close', exithandler);
  child.addListener('error', errorhandler);
  return child;
}

function normalizeExecArgs(command, options, callback) {
  lazy.validators.validateString(command, 'command');
  rejectNullBytes(command, 'command');
  if (typeof options === 'function') { callback = options; options = undefined; }
  options = { ...options };
  options.shell = typeof options.shell === 'string' ? options.shell : true;
  return { file: command, options, callback };
}

function exec(command, options, callback) {
  const opts = normalizeExecArgs(command, options, callback);
  return execFile(opts.file, opts.options, opts.callback);
}

const customPromisify = Symbol.for('nodejs.util.promisify.custom');
function promisified(run) {
  return function(...args) {
    let settle;
    const promise = new Promise((resolve, reject) => { settle = { resolve, reject }; });
    // Argument errors throw here, synchronously, as in Node.
    promise.child = run(...args, (err, stdout, stderr) => {
      if (err !== null) {
        err.stdout = stdout;
        err.stderr = stderr;
        settle.reject(err);
      } else {
        settle.resolve({ stdout, stderr });
      }
    });
    return promise;
  };
}
Object.defineProperty(exec, customPromisify, { __proto__: null, enumerable: false, value: promisified(exec) });
Object.defineProperty(execFile, customPromisify, { __proto__: null, enumerable: false, value: promisified(execFile) });

// -------------------------------------------------------------------------------------------
// Sync variants: one request, answered with a header and the collected output.

function spawnSync(file, args, options) {
  const n = normalizeSpawnArguments(file, args, options);
  if (n.stdio.ipc) throw new (lazy.errors.codes.ERR_IPC_SYNC_FORK)();
  const opts = n.options;
  const maxBuffer = opts.maxBuffer == null ? 1024 * 1024 : opts.maxBuffer;
  validateTimeout(opts.timeout);
  validateMaxBuffer(opts.maxBuffer);
  const killSignal = sanitizeKillSignal(opts.killSignal) ?? 15;
  let input;
  if (opts.input !== undefined && opts.input !== null) {
    if (typeof opts.input === 'string') input = Buffer.from(opts.input, opts.encoding && opts.encoding !== 'buffer' ? opts.encoding : 'utf8');
    else if (ArrayBuffer.isView(opts.input)) input = opts.input;
    else throw new (lazy.errors.codes.ERR_INVALID_ARG_TYPE)('options.stdio[0]', ['Buffer', 'TypedArray', 'DataView', 'string'], opts.input);
  }
  const request = {
    ...hostRequest(n),
    timeout: opts.timeout > 0 ? opts.timeout : undefined,
    killSignal,
    maxBuffer: maxBuffer === Infinity ? null : maxBuffer,
  };
  let answer;
  try {
    answer = internal.call('child.spawnSync', request,
      input === undefined ? undefined : new Uint8Array(input.buffer, input.byteOffset, input.byteLength));
  } catch (error) {
    // Only a failure to start is a result; anything else (a stopped call) propagates.
    if (typeof error?.syscall !== 'string' || !error.syscall.startsWith('spawnSync ')) throw error;
    spawnFailure(error, 'spawnSync', n.spawnargs);
    return { error, status: null, signal: null, output: null, pid: 0, stdout: null, stderr: null };
  }
  const view = new DataView(answer.buffer, answer.byteOffset, answer.byteLength);
  const headerLength = view.getUint32(0, true);
  const header = JSON.parse(Buffer.from(answer.buffer, answer.byteOffset + 4, headerLength).toString('utf8'));
  const bodyStart = answer.byteOffset + 4 + headerLength;
  let stdout = Buffer.from(Buffer.from(answer.buffer, bodyStart, header.stdoutLength));
  let stderr = Buffer.from(Buffer.from(answer.buffer, bodyStart + header.stdoutLength, answer.byteLength - 4 - headerLength - header.stdoutLength));
  // 'inherit' streams go to our own output; 'ignore' ones are null.
  if (n.stdio[1] === 'inherit') process.stdout.write(stdout);
  if (n.stdio[2] === 'inherit') process.stderr.write(stderr);
  const encoding = opts.encoding && opts.encoding !== 'buffer' && Buffer.isEncoding(opts.encoding) ? opts.encoding : null;
  const outValue = n.stdio[1] === 'pipe' ? (encoding ? stdout.toString(encoding) : stdout) : null;
  const errValue = n.stdio[2] === 'pipe' ? (encoding ? stderr.toString(encoding) : stderr) : null;
  const result = {
    status: header.status,
    signal: signalName(header.signal),
    output: [null, outValue, errValue],
    pid: header.pid,
    stdout: outValue,
    stderr: errValue,
  };
  if (header.error) {
    const error = internal.errorFromDescription(header.error);
    spawnFailure(error, 'spawnSync', n.spawnargs);
    return { error, ...result };
  }
  return result;
}

function checkExecSyncError(ret, args, cmd) {
  let err;
  if (ret.error) {
    err = ret.error;
    Object.assign(err, ret);
  } else if (ret.status !== 0) {
    let msg = 'Command failed: ';
    msg += cmd || args.join(' ');
    if (ret.stderr && ret.stderr.length > 0) msg += `\n${ret.stderr.toString()}`;
    err = lazy.errors.genericNodeError(msg, ret);
  }
  return err;
}

function execFileSync(file, args, options) {
  if (args !== null && args !== undefined && !Array.isArray(args) && typeof args === 'object') {
    options = args;
    args = [];
  }
  options = { ...options };
  const inheritStderr = !options.stdio;
  const ret = spawnSync(file, args ?? [], options);
  if (inheritStderr && ret.stderr) process.stderr.write(ret.stderr);
  const err = checkExecSyncError(ret, [file, ...(args ?? [])], undefined);
  if (err) throw err;
  return ret.stdout;
}

function execSync(command, options) {
  const opts = normalizeExecArgs(command, options, null).options;
  const inheritStderr = !opts.stdio;
  const ret = spawnSync(command, opts);
  if (inheritStderr && ret.stderr) process.stderr.write(ret.stderr);
  const err = checkExecSyncError(ret, undefined, command);
  if (err) throw err;
  return ret.stdout;
}

/**
 * `fork(modulePath, args, options)`: a sandboxed `node` child running `modulePath`, with a
 * message channel (`child.send`, `process.send` in the child).
 */
function fork(modulePath, args, options) {
  const { validateObject, validateArray } = lazy.validators;
  modulePath = validatedPath(modulePath, 'modulePath');
  if (args === undefined || args === null) {
    args = [];
  } else if (typeof args === 'object' && !Array.isArray(args)) {
    options = args;
    args = [];
  } else {
    validateArray(args, 'args');
  }
  if (options !== undefined && options !== null) validateObject(options, 'options');
  options = { ...options, shell: false };
  options.execPath = options.execPath || process.execPath;
  rejectNullBytes(options.execPath, 'options.execPath');
  const execArgv = options.execArgv || process.execArgv;
  execArgv.forEach((a, i) => rejectNullBytes(a, `options.execArgv[${i}]`));
  const withChannel = (stdio) => {
    switch (stdio) {
      case 'ignore': case 'overlapped': case 'pipe': return [stdio, stdio, stdio, 'ipc'];
      case 'inherit': return [0, 1, 2, 'ipc'];
      default: throw new (lazy.errors.codes.ERR_INVALID_ARG_VALUE)('stdio', stdio);
    }
  };
  if (typeof options.stdio === 'string') {
    options.stdio = withChannel(options.stdio);
  } else if (!Array.isArray(options.stdio)) {
    options.stdio = withChannel(options.silent ? 'pipe' : 'inherit');
  } else if (!options.stdio.includes('ipc')) {
    throw new (lazy.errors.codes.ERR_CHILD_PROCESS_IPC_REQUIRED)('options.stdio');
  }
  if (options.serialization !== undefined && options.serialization !== 'json') {
    throw notSupported(`serialization '${options.serialization}'`);
  }
  return spawn(options.execPath, [...execArgv, modulePath, ...args], options);
}

/** Node's getValidatedPath: a string, Buffer or file URL without NUL bytes. */
function validatedPath(value, name) {
  if (value instanceof URL) value = require('url').fileURLToPath(value);
  else if (value instanceof Uint8Array) value = Buffer.from(value).toString('utf8');
  if (typeof value !== 'string') throw new (lazy.errors.codes.ERR_INVALID_ARG_TYPE)(name, ['string', 'Buffer', 'URL'], value);
  if (value.includes('\u0000')) {
    throw new (lazy.errors.codes.ERR_INVALID_ARG_VALUE)(name, value, 'must be a string, Uint8Array, or URL without null bytes');
  }
  return value;
}

module.exports = {
  ChildProcess,
  _forkChild() {},
  exec,
  execFile,
  execFileSync,
  execSync,
  fork,
  spawn,
  spawnSync,
};
