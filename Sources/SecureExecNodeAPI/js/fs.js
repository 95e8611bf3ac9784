'use strict';
// `fs` over the sandbox's virtual filesystem. Each operation is one host call; the host checks
// the fs permission (with the normalised and the resolved path) before it touches anything.
// Sync forms block on the host; callback and promise forms use async host calls.

const pathModule = require('path');
const { Buffer } = require('buffer');

function errors() { return require('internal/errors'); }
const { constants, toPath, DeprecatedStats, makeStats, bigintStats } = require('internal/fs/utils');

// ---------------------------------------------------------------------------------------------
// Arguments

function getOptions(options, defaults) {
  if (options === undefined || options === null || typeof options === 'function') return defaults;
  if (typeof options === 'string') return { ...defaults, encoding: options };
  if (typeof options !== 'object') {
    throw new (errors().codes.ERR_INVALID_ARG_TYPE)('options', ['string', 'Object'], options);
  }
  return { ...defaults, ...options };
}

function validateEncoding(encoding) {
  if (encoding && encoding !== 'buffer' && !Buffer.isEncoding(encoding)) {
    throw new (errors().codes.ERR_INVALID_ARG_VALUE)('encoding', encoding, 'is invalid encoding');
  }
}

function maybeCallback(cb) {
  if (typeof cb !== 'function') throw new (errors().codes.ERR_INVALID_ARG_TYPE)('cb', 'Function', cb);
  return cb;
}

function toBytes(data, encoding) {
  if (typeof data === 'string') return Buffer.from(data, encoding || 'utf8');
  if (data instanceof Uint8Array) return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new (errors().codes.ERR_INVALID_ARG_TYPE)('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
}

// ---------------------------------------------------------------------------------------------
// Stats and Dirent

const direntTypes = { file: 1, directory: 2, symlink: 3, fifo: 4, socket: 5, char: 6, block: 7 };
class Dirent {
  constructor(name, type, parentPath) {
    this.name = name;
    this.parentPath = parentPath;
    this.path = parentPath;
    this[kType] = type;
  }
  isFile() { return this[kType] === 1; }
  isDirectory() { return this[kType] === 2; }
  isSymbolicLink() { return this[kType] === 3; }
  isFIFO() { return this[kType] === 4; }
  isSocket() { return this[kType] === 5; }
  isCharacterDevice() { return this[kType] === 6; }
  isBlockDevice() { return this[kType] === 7; }
}
const kType = Symbol('type');

// ---------------------------------------------------------------------------------------------
// Operations: each is (args → host request) + (host result → Node result), used three ways.

function encodeResult(bytes, encoding) {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return encoding && encoding !== 'buffer' ? buffer.toString(encoding) : buffer;
}

const ops = {
  readFile(path, options) {
    const { encoding, flag, signal } = getOptions(options, { encoding: null, flag: 'r' });
    validateEncoding(encoding);
    if (signal !== undefined) require('internal/validators').validateAbortSignal(signal, 'options.signal');
    return [{ op: 'fs.readFile', args: { path: toPath(path), flag } }, (bytes) => encodeResult(bytes, encoding)];
  },
  writeFile(path, data, options) {
    const { encoding, flag, mode } = getOptions(options, { encoding: 'utf8', flag: 'w', mode: 0o666 });
    return [{ op: 'fs.writeFile', args: { path: toPath(path, 'file'), flag, mode }, bytes: toBytes(data, encoding) }];
  },
  appendFile(path, data, options) {
    const { encoding, flag, mode } = getOptions(options, { encoding: 'utf8', flag: 'a', mode: 0o666 });
    return [{ op: 'fs.writeFile', args: { path: toPath(path), flag, mode }, bytes: toBytes(data, encoding) }];
  },
  stat(path, options) {
    const { bigint } = getOptions(options, { bigint: false });
    return [{ op: 'fs.stat', args: { path: toPath(path), follow: true } }, (s) => (bigint ? bigintStats(s) : makeStats(s))];
  },
  lstat(path, options) {
    const { bigint } = getOptions(options, { bigint: false });
    return [{ op: 'fs.stat', args: { path: toPath(path), follow: false } }, (s) => (bigint ? bigintStats(s) : makeStats(s))];
  },
  access(path, mode = constants.F_OK) {
    return [{ op: 'fs.access', args: { path: toPath(path), mode } }];
  },
  readdir(path, options) {
    const { withFileTypes, encoding, recursive } = getOptions(options, { withFileTypes: false, encoding: 'utf8', recursive: false });
    validateEncoding(encoding);
    const dir = toPath(path);
    return [{ op: 'fs.readdir', args: { path: dir, recursive: !!recursive } }, (entries) => {
      if (withFileTypes) {
        return entries.map(([name, type]) => {
          const full = pathModule.join(dir, name);
          return new Dirent(pathModule.basename(full), direntTypes[type] ?? 0, pathModule.dirname(full));
        });
      }
      return entries.map(([name]) => (encoding === 'buffer' ? Buffer.from(name) : name));
    }];
  },
  mkdir(path, options) {
    const { recursive, mode } = typeof options === 'number' || typeof options === 'string'
      ? { recursive: false, mode: options } : getOptions(options, { recursive: false, mode: 0o777 });
    return [{ op: 'fs.mkdir', args: { path: toPath(path), recursive: !!recursive, mode: Number(mode) } }, (first) => (recursive ? first ?? undefined : undefined)];
  },
  mkdtemp(prefix, options) {
    const { encoding } = getOptions(options, { encoding: 'utf8' });
    validateEncoding(encoding);
    if (prefix instanceof Uint8Array) prefix = Buffer.from(prefix.buffer, prefix.byteOffset, prefix.byteLength).toString();
    else if (prefix !== null && typeof prefix === 'object' && typeof prefix.href === 'string') prefix = require('url').fileURLToPath(prefix);
    if (typeof prefix !== 'string') throw new (errors().codes.ERR_INVALID_ARG_TYPE)('prefix', 'string', prefix);
    return [{ op: 'fs.mkdtemp', args: { prefix: toPath(prefix, 'prefix') + (prefix.endsWith('/') ? '/' : '') } }, (p) => (encoding === 'buffer' ? Buffer.from(p) : p)];
  },
  rmdir(path, options) {
    const { recursive } = getOptions(options, { recursive: false });
    return [{ op: 'fs.rm', args: { path: toPath(path), recursive: !!recursive, force: false, directory: true } }];
  },
  rm(path, options) {
    const { recursive, force } = getOptions(options, { recursive: false, force: false });
    return [{ op: 'fs.rm', args: { path: toPath(path), recursive: !!recursive, force: !!force, directory: false } }];
  },
  unlink(path) {
    return [{ op: 'fs.unlink', args: { path: toPath(path) } }];
  },
  rename(oldPath, newPath) {
    return [{ op: 'fs.rename', args: { path: toPath(oldPath, 'oldPath'), dest: toPath(newPath, 'newPath') } }];
  },
  copyFile(src, dest, mode = 0) {
    return [{ op: 'fs.copyFile', args: { path: toPath(src, 'src'), dest: toPath(dest, 'dest'), mode } }];
  },
  realpath(path, options) {
    const { encoding } = getOptions(options, { encoding: 'utf8' });
    validateEncoding(encoding);
    return [{ op: 'fs.realpath', args: { path: toPath(path) } }, (p) => (encoding === 'buffer' ? Buffer.from(p) : p)];
  },
  readlink(path, options) {
    const { encoding } = getOptions(options, { encoding: 'utf8' });
    validateEncoding(encoding);
    return [{ op: 'fs.readlink', args: { path: toPath(path) } }, (p) => (encoding === 'buffer' ? Buffer.from(p) : p)];
  },
  symlink(target, path, type) {
    if (type !== undefined && type !== null && type !== 'dir' && type !== 'file' && type !== 'junction') {
      throw new (errors().codes.ERR_FS_INVALID_SYMLINK_TYPE)(type);
    }
    if (typeof target !== 'string' && !(target instanceof Uint8Array) && !(target instanceof URL)) {
      throw new (errors().codes.ERR_INVALID_ARG_TYPE)('target', ['string', 'Buffer', 'URL'], target);
    }
    const text = target instanceof Uint8Array ? Buffer.from(target).toString() : target instanceof URL ? require('url').fileURLToPath(target) : target;
    if (text.includes('\u0000')) throw new (errors().codes.ERR_INVALID_ARG_VALUE)('target', target, 'must be a string, Uint8Array, or URL without null bytes');
    return [{ op: 'fs.symlink', args: { target: text, path: toPath(path) } }];
  },
  link(existingPath, newPath) {
    return [{ op: 'fs.link', args: { path: toPath(existingPath, 'existingPath'), dest: toPath(newPath, 'newPath') } }];
  },
  chmod(path, mode) {
    return [{ op: 'fs.chmod', args: { path: toPath(path), mode: require('internal/validators').parseFileMode(mode, 'mode') } }];
  },
  chown(path, uid, gid) {
    const { validateInteger } = require('internal/validators');
    const p = toPath(path);
    validateInteger(uid, 'uid', -1, 2 ** 32 - 1);
    validateInteger(gid, 'gid', -1, 2 ** 32 - 1);
    return [{ op: 'fs.chown', args: { path: p, uid, gid } }];
  },
  utimes(path, atime, mtime) {
    const toMs = (t, name) => {
      if (typeof t === 'number') return t * 1000;
      if (typeof t === 'string' && t !== '' && Number.isFinite(Number(t))) return Number(t) * 1000;
      if (t instanceof Date) return t.getTime();
      throw new (errors().codes.ERR_INVALID_ARG_TYPE)(name, ['number', 'string', 'Date'], t);
    };
    return [{ op: 'fs.utimes', args: { path: toPath(path), atimeMs: toMs(atime, 'atime'), mtimeMs: toMs(mtime, 'mtime') } }];
  },
  truncate(path, len = 0) {
    // A descriptor (deprecated in Node, still accepted): ftruncate.
    if (typeof path === 'number') return fdOps.ftruncate(path, len);
    const p = toPath(path);
    require('internal/validators').validateInteger(len, 'len');
    return [{ op: 'fs.truncate', args: { path: p, length: Math.max(0, len) } }];
  },
};

// Node calls an fs callback from its event loop: what the callback throws is an uncaught
// exception ('uncaughtException', domains), not a rejection of some promise of ours. `settle`
// calls `cb` with `toArgs(value)` (default `[null, value]`) or `[err]`.
function settle(promise, cb, toArgs = (value) => [null, value]) {
  promise.then((value) => deliver(cb, toArgs(value)), (err) => deliver(cb, [err]));
}

function deliver(cb, args) {
  try {
    Reflect.apply(cb, undefined, args);
  } catch (err) {
    internal.loop.handleUncaught(err);
  }
}

function runSync(name, args) {
  const [request, transform] = ops[name](...args);
  const result = internal.call(request.op, request.args, request.bytes);
  return transform ? transform(result) : undefined;
}

/** Validates the arguments now (a callback form throws them synchronously, as Node does), then
 *  returns the host call's promise. */
function runAsync(name, args) {
  const [request, transform] = ops[name](...args);
  return internal.callAsync(request.op, request.args, request.bytes)
    .then((result) => (transform ? transform(result) : undefined));
}

const fs = { constants, Stats: DeprecatedStats, Dirent, F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1 };
const promises = { constants };

for (const name of Object.keys(ops)) {
  fs[`${name}Sync`] = function (...args) { return runSync(name, args); };
  Object.defineProperty(fs[`${name}Sync`], 'name', { __proto__: null, value: `${name}Sync` });
  fs[name] = function (...args) {
    const cb = maybeCallback(args.pop());
    // Argument errors throw synchronously, as in Node.
    settle(runAsync(name, args), cb);
  };
  Object.defineProperty(fs[name], 'name', { __proto__: null, value: name });
  promises[name] = async function (...args) { return runAsync(name, args); };
}

// ---------------------------------------------------------------------------------------------
// File descriptors: the host keeps the call's descriptor table (closed with the call).

function validateFd(fd) {
  if (typeof fd !== 'number') throw new (errors().codes.ERR_INVALID_ARG_TYPE)('fd', 'number', fd);
  if (!Number.isInteger(fd) || fd < 0 || fd > 2147483647) throw new (errors().codes.ERR_OUT_OF_RANGE)('fd', '>= 0 && <= 2147483647', fd);
  return fd;
}

function flagsString(flags) {
  if (flags === undefined || flags === null) return 'r';
  if (typeof flags === 'string') {
    if (!/^(r|rs|sr|r\+|rs\+|sr\+|w|wx|xw|w\+|wx\+|xw\+|a|ax|xa|as|sa|a\+|ax\+|xa\+|as\+|sa\+)$/.test(flags)) {
      throw new (errors().codes.ERR_INVALID_ARG_VALUE)('flags', flags);
    }
    return flags.replace(/s/g, '');
  }
  if (typeof flags === 'number') {
    require('internal/validators').validateInt32(flags, 'flags');
    const { O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND, O_EXCL } = constants;
    const acc = flags & 3;
    // Writing to a file that must exist (no O_CREAT): opened as 'r+', which fails where it is missing.
    if (acc !== 0 && !(flags & (O_CREAT | O_TRUNC | O_APPEND))) return 'r+';
    let f = (flags & O_APPEND) ? 'a' : (flags & (O_CREAT | O_TRUNC)) || acc === O_WRONLY ? 'w' : 'r';
    if (flags & O_EXCL) f += 'x';
    if (acc === O_RDWR) f += '+';
    return f;
  }
  throw new (errors().codes.ERR_INVALID_ARG_TYPE)('flags', ['string', 'number'], flags);
}

/** readSync/read arguments in all of Node's shapes → { buffer, offset, length, position }. */
function readArgs(buffer, offsetOrOptions, length, position) {
  let offset = offsetOrOptions;
  if (buffer !== null && typeof buffer === 'object' && !ArrayBuffer.isView(buffer)) {
    ({ buffer = Buffer.alloc(16384), offset = 0, length, position = null } = buffer);
  } else if (offsetOrOptions !== null && typeof offsetOrOptions === 'object') {
    ({ offset = 0, length, position = null } = offsetOrOptions);
  }
  const { codes } = errors();
  if (!ArrayBuffer.isView(buffer)) throw new codes.ERR_INVALID_ARG_TYPE('buffer', ['Buffer', 'TypedArray', 'DataView'], buffer);
  const v = require('internal/validators');
  if (offset == null) offset = 0; else v.validateInteger(offset, 'offset', 0);
  if (length === undefined) length = buffer.byteLength - offset;
  length |= 0;
  if (length < 0) throw new codes.ERR_OUT_OF_RANGE('length', '>= 0', length);
  if (length > 0 && buffer.byteLength === 0) throw new codes.ERR_INVALID_ARG_VALUE('buffer', buffer, 'is empty and cannot be written');
  if (offset + length > buffer.byteLength) throw new codes.ERR_OUT_OF_RANGE('length', `<= ${buffer.byteLength - offset}`, length);
  if (position == null) {
    position = null;
  } else if (typeof position === 'bigint') {
    if (position < -1n || position > 9223372036854775807n) throw new codes.ERR_OUT_OF_RANGE('position', '>= -1 && <= 9223372036854775807', position);
    position = position < 0n ? null : Number(position);
  } else if (typeof position === 'number') {
    v.validateInteger(position, 'position', -1);
    if (position < 0) position = null;
  } else {
    throw new codes.ERR_INVALID_ARG_TYPE('position', ['integer', 'bigint'], position);
  }
  return { buffer, offset, length, position };
}

function copyInto(target, offset, bytes) {
  new Uint8Array(target.buffer, target.byteOffset, target.byteLength).set(bytes, offset);
  return bytes.length;
}

/** Node's validateOffsetLengthWrite. */
function checkWriteRange(offset, length, byteLength) {
  const { codes } = errors();
  if (offset > byteLength) throw new codes.ERR_OUT_OF_RANGE('offset', `<= ${byteLength}`, offset);
  if (length > byteLength - offset) throw new codes.ERR_OUT_OF_RANGE('length', `<= ${byteLength - offset}`, length);
  if (length < 0) throw new codes.ERR_OUT_OF_RANGE('length', '>= 0', length);
  require('internal/validators').validateInt32(length, 'length', 0);
}

/** A string written with `encoding` (hex needs an even length, as Node checks). */
function stringBytes(data, encoding) {
  if (encoding === undefined || encoding === null || typeof encoding === 'function') encoding = 'utf8';
  if (String(encoding).toLowerCase() === 'hex' && data.length % 2 !== 0) {
    throw new (errors().codes.ERR_INVALID_ARG_VALUE)('encoding', encoding, `is invalid for data of length ${data.length}`);
  }
  return Buffer.from(data, encoding);
}

/** writeSync/write arguments → { bytes, position } (Node's writeSync shapes: a view with
 *  offset, length, position or an options object; a string with position and encoding). */
function writeArgs(data, offsetOrOptions, length, position) {
  if (ArrayBuffer.isView(data)) {
    const view = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    let offset = offsetOrOptions;
    if (typeof offset === 'object') {
      ({ offset = 0, length = view.byteLength - offset, position = null } = offsetOrOptions ?? {});
    }
    if (offset == null || typeof offset === 'function') offset = 0;
    else require('internal/validators').validateInteger(offset, 'offset', 0);
    if (typeof length !== 'number') length = view.byteLength - offset;
    if (typeof position === 'bigint') position = Number(position);
    if (typeof position !== 'number') position = null;
    checkWriteRange(offset, length, view.byteLength);
    return { bytes: view.subarray(offset, offset + length), position: position !== null && position >= 0 ? position : null };
  }
  if (typeof data !== 'string') {
    throw new (errors().codes.ERR_INVALID_ARG_TYPE)('buffer', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
  }
  // A string: (string, position, encoding).
  return { bytes: stringBytes(data, length), position: typeof offsetOrOptions === 'number' && offsetOrOptions >= 0 ? offsetOrOptions : null };
}

const fdOps = {
  open: (path, flags, mode) => {
    const p = toPath(path);
    const f = flagsString(flags);
    return [{ op: 'fs.open', args: { path: p, flags: f, mode: require('internal/validators').parseFileMode(mode, 'mode', 0o666) } }];
  },
  close: (fd) => [{ op: 'fs.close', args: { fd: validateFd(fd) } }],
  fstat: (fd, options) => [{ op: 'fs.fstat', args: { fd: validateFd(fd) } }, (st) => (options && options.bigint ? bigintStats(st) : makeStats(st))],
  ftruncate: (fd, len = 0) => {
    validateFd(fd);
    require('internal/validators').validateInteger(len, 'len');
    return [{ op: 'fs.ftruncate', args: { fd, length: Math.max(0, len) } }];
  },
  fsync: (fd) => [{ op: 'fs.fsync', args: { fd: validateFd(fd) } }],
  fdatasync: (fd) => [{ op: 'fs.fsync', args: { fd: validateFd(fd) } }],
  // The path forms' argument checks, with the descriptor in place of the path.
  fchmod: (fd, ...rest) => onDescriptor('fs.fchmod', validateFd(fd), ops.chmod('/', ...rest)),
  fchown: (fd, ...rest) => onDescriptor('fs.fchown', validateFd(fd), ops.chown('/', ...rest)),
  futimes: (fd, ...rest) => onDescriptor('fs.futimes', validateFd(fd), ops.utimes('/', ...rest)),
};

function onDescriptor(op, fd, [request]) {
  const { path, ...args } = request.args;
  return [{ op, args: { fd, ...args } }];
}

/** Runs a descriptor operation asynchronously: a promise of its (transformed) result. */
function fdCallAsync(name, ...args) {
  const [request, transform] = fdOps[name](...args);
  return internal.callAsync(request.op, request.args).then((r) => (transform ? transform(r) : r));
}

for (const name of Object.keys(fdOps)) {
  fs[`${name}Sync`] = function (...args) {
    const [request, transform] = fdOps[name](...args);
    const result = internal.call(request.op, request.args);
    return transform ? transform(result) : result;
  };
  fs[name] = function (...args) {
    const cb = maybeCallback(args.pop());
    settle(fdCallAsync(name, ...args), cb);
  };
}

fs.readSync = function readSync(fd, buffer, offset, length, position) {
  validateFd(fd);
  const a = readArgs(buffer, offset, length, position);
  if (a.length === 0) return 0;
  const bytes = internal.call('fs.read', { fd, length: a.length, position: a.position });
  return copyInto(a.buffer, a.offset, bytes);
};
fs.read = function read(fd, buffer, offsetOrOptions, length, position, callback) {
  validateFd(fd);
  let offset = offsetOrOptions;
  let params = null;
  // Node's shapes: (fd, cb), (fd, options, cb), (fd, buffer, cb), (fd, buffer, options, cb),
  // (fd, buffer, offset, length, position, cb).
  if (arguments.length <= 4) {
    if (arguments.length === 4) {
      if (offsetOrOptions !== null && offsetOrOptions !== undefined && typeof offsetOrOptions !== 'object') {
        throw new (errors().codes.ERR_INVALID_ARG_TYPE)('options', 'Object', offsetOrOptions);
      }
      callback = length;
      params = offsetOrOptions ?? {};
    } else if (arguments.length === 3) {
      if (!ArrayBuffer.isView(buffer)) {
        params = buffer ?? {};
        ({ buffer = Buffer.alloc(16384) } = params);
      }
      callback = offsetOrOptions;
    } else {
      callback = buffer;
      buffer = Buffer.alloc(16384);
    }
    if (params !== null) ({ offset = 0, length = buffer?.byteLength - offset, position = null } = params);
  }
  if (!ArrayBuffer.isView(buffer)) throw new (errors().codes.ERR_INVALID_ARG_TYPE)('buffer', ['Buffer', 'TypedArray', 'DataView'], buffer);
  require('internal/validators').validateFunction(callback, 'cb');
  const a = readArgs(buffer, offset, length, position);
  if (a.length === 0) { process.nextTick(() => deliver(callback, [null, 0, buffer])); return; }
  settle(internal.callAsync('fs.read', { fd, length: a.length, position: a.position }), callback,
    (bytes) => [null, copyInto(a.buffer, a.offset, bytes), a.buffer]);
};
fs.writeSync = function writeSync(fd, data, offset, length, position) {
  validateFd(fd);
  const a = writeArgs(data, offset, length, position);
  return internal.call('fs.write', { fd, position: a.position }, a.bytes);
};
fs.write = function write(fd, data, offsetOrOptions, length, position, callback) {
  validateFd(fd);
  let a;
  let cb;
  if (ArrayBuffer.isView(data)) {
    cb = maybeCallback(callback || position || length || offsetOrOptions);
    a = writeArgs(data, typeof offsetOrOptions === 'function' ? undefined : offsetOrOptions,
      typeof length === 'function' ? undefined : length, typeof position === 'function' ? undefined : position);
  } else {
    if (typeof data !== 'string') {
      throw new (errors().codes.ERR_INVALID_ARG_TYPE)('buffer', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
    }
    // (fd, string[, position[, encoding]], cb)
    if (typeof position !== 'function') {
      if (typeof offsetOrOptions === 'function') { position = offsetOrOptions; offsetOrOptions = null; } else { position = length; }
      length = 'utf8';
    }
    cb = maybeCallback(position);
    a = writeArgs(data, offsetOrOptions, length);
  }
  settle(internal.callAsync('fs.write', { fd, position: a.position }, a.bytes), cb, (n) => [null, n, data]);
};
/** fs.promises.open's handle. */
class FileHandle extends require('events') {
  constructor(fd) { super(); this.fd = fd; }
  async read(buffer, offset, length, position) {
    const a = readArgs(buffer ?? {}, offset, length, position);
    const bytes = await internal.callAsync('fs.read', { fd: this.fd, length: a.length, position: a.position });
    return { bytesRead: copyInto(a.buffer, a.offset, bytes), buffer: a.buffer };
  }
  async write(data, offset, length, position) {
    const a = writeArgs(data, offset, length, position);
    const bytesWritten = await internal.callAsync('fs.write', { fd: this.fd, position: a.position }, a.bytes);
    return { bytesWritten, buffer: data };
  }
  async readFile(options) {
    const { encoding } = getOptions(options, { encoding: null });
    const size = (await this.stat()).size;
    const chunks = [];
    for (;;) {
      const bytes = await internal.callAsync('fs.read', { fd: this.fd, length: Math.max(size, 65536), position: null });
      if (bytes.length === 0) break;
      chunks.push(Buffer.from(bytes));
    }
    const all = Buffer.concat(chunks);
    return encoding ? all.toString(encoding) : all;
  }
  async writeFile(data, options) {
    const { encoding } = getOptions(options, { encoding: 'utf8' });
    await internal.callAsync('fs.write', { fd: this.fd, position: null }, toBytes(data, encoding));
  }
  appendFile(data, options) { return this.writeFile(data, options); }
  async stat(options) { return fdCallAsync('fstat', this.fd, options); }
  async truncate(len = 0) { await internal.callAsync('fs.ftruncate', { fd: this.fd, length: len }); }
  async sync() { await internal.callAsync('fs.fsync', { fd: this.fd }); }
  async datasync() { await internal.callAsync('fs.fsync', { fd: this.fd }); }
  async chmod(mode) { await fdCallAsync('fchmod', this.fd, mode); }
  async chown(uid, gid) { await fdCallAsync('fchown', this.fd, uid, gid); }
  async utimes(atime, mtime) { await fdCallAsync('futimes', this.fd, atime, mtime); }
  async close() {
    if (this.fd === -1) return;
    const fd = this.fd;
    this.fd = -1;
    await internal.callAsync('fs.close', { fd });
    this.emit('close');
  }
  [Symbol.asyncDispose]() { return this.close(); }
  createReadStream(options) { return createReadStream(undefined, { ...getOptions(options, {}), fd: this }); }
  createWriteStream(options) { return createWriteStream(undefined, { ...getOptions(options, {}), fd: this }); }
  readLines(options) {
    return require('readline').createInterface({ input: this.createReadStream(options), crlfDelay: Infinity });
  }
}
promises.open = async function open(path, flags, mode) {
  const [request] = fdOps.open(path, flags, mode);
  return new FileHandle(await internal.callAsync(request.op, request.args));
};
fs.FileHandle = FileHandle;

// ---------------------------------------------------------------------------------------------
// Streams over descriptors.

// fs.ReadStream / fs.WriteStream as Node's: constructors callable with or without `new` (and with
// `.call(this)` from an old-style subclass), over `options.fs` (default: this module), whose
// `open` a subclass or a caller may replace (Node's back-compat for patched `open()`).
const kIsPerformingIO = Symbol('kIsPerformingIO');
const kIoDone = Symbol('kIoDone');
const kFs = Symbol('kFs');

const openReadFs = require('util').deprecate(function open() { /* the stream opens itself */ },
  'ReadStream.prototype.open() is deprecated', 'DEP0135');
const openWriteFs = require('util').deprecate(function open() { /* the stream opens itself */ },
  'WriteStream.prototype.open() is deprecated', 'DEP0135');

/** Options and descriptor common to both kinds; returns the options for the stream base. */
function setUpFileStream(stream, path, options, flags, fsMethods) {
  const { validateInteger, validateFunction } = require('internal/validators');
  options = { ...getOptions(options, {}) };
  const fd = options.fd instanceof FileHandle ? options.fd.fd : options.fd;
  stream[kFs] = options.fs || fs;
  if (fd === undefined || fd === null) {
    stream.fd = null;
    for (let i = 0; i < fsMethods.length; i++) {
      const names = fsMethods[i];
      if (!names.some((name) => typeof stream[kFs][name] === 'function')) {
        validateFunction(stream[kFs][names[0]], `options.fs.${names[0]}`);
      }
    }
    // Checked as any path; kept as given (a URL becomes its path), as Node does.
    const checked = toPath(path);
    stream.path = typeof path === 'string' || path instanceof Uint8Array ? path : checked;
  } else {
    validateInteger(fd, 'fd', 0, 2147483647);
    stream.fd = fd;
    stream.path = undefined;  // as Node: a stream over a descriptor has no path
  }
  options.autoDestroy = options.autoClose === undefined ? true : options.autoClose;
  stream.flags = options.flags === undefined ? flags : options.flags;
  stream.mode = options.mode === undefined ? 0o666 : options.mode;
  stream[kIsPerformingIO] = false;
  return options;
}

/** Opens the file before the first read or write; a replaced `open()` is called instead and its
 *  'open' or 'error' event ends the construction. */
function constructFileStream(callback) {
  const stream = this;
  if (typeof stream.fd === 'number') { callback(); return; }
  if (stream.open !== openReadFs && stream.open !== openWriteFs) {
    const emit = stream.emit;
    stream.emit = function (...args) {
      if (args[0] === 'open') {
        this.emit = emit;
        callback();
        Reflect.apply(emit, this, args);
      } else if (args[0] === 'error') {
        this.emit = emit;
        callback(args[1]);
      } else {
        Reflect.apply(emit, this, args);
      }
    };
    stream.open();
    return;
  }
  stream[kFs].open(stream.path, stream.flags, stream.mode, (err, fd) => {
    if (err) { callback(err); return; }
    stream.fd = fd;
    callback();
    stream.emit('open', stream.fd);
    stream.emit('ready');
  });
}

/** Closes the descriptor once no read or write is under way. */
function destroyFileStream(err, callback) {
  const close = (error) => {
    if (!this.fd && this.fd !== 0) { callback(error); return; }
    const fd = this.fd;
    this.fd = null;
    this[kFs].close(fd, (closeError) => callback(closeError || error));
  };
  if (this[kIsPerformingIO]) this.once(kIoDone, (ioError) => close(err || ioError));
  else close(err);
}

/** What both kinds share on their prototypes: the base stream, `autoClose` (the base's
 *  autoDestroy, in its `stateKey` state), `pending`, the deprecated `open`, opening and closing. */
function fileStreamPrototype(Ctor, Base, stateKey, open) {
  Object.setPrototypeOf(Ctor.prototype, Base.prototype);
  Object.setPrototypeOf(Ctor, Base);
  Object.defineProperty(Ctor.prototype, 'autoClose', {
    __proto__: null,
    get() { return this[stateKey].autoDestroy; },
    set(value) { this[stateKey].autoDestroy = value; },
    configurable: true,
  });
  Object.defineProperty(Ctor.prototype, 'pending', { __proto__: null, get() { return this.fd === null; }, configurable: true });
  Ctor.prototype.open = open;
  Ctor.prototype._construct = constructFileStream;
  Ctor.prototype._destroy = destroyFileStream;
}

function ReadStream(path, options) {
  if (!(this instanceof ReadStream)) return new ReadStream(path, options);
  const { validateInteger } = require('internal/validators');
  options = setUpFileStream(this, path, options, 'r', [['open'], ['read'], ['close']]);
  if (options.highWaterMark === undefined) options.highWaterMark = 64 * 1024;
  this.start = options.start;
  this.end = options.end === undefined ? Infinity : options.end;
  this.pos = undefined;
  this.bytesRead = 0;
  if (this.start !== undefined) {
    validateInteger(this.start, 'start', 0);
    this.pos = this.start;
  }
  if (this.end !== Infinity) {
    validateInteger(this.end, 'end', 0);
    if (this.start !== undefined && this.start > this.end) {
      throw new (errors().codes.ERR_OUT_OF_RANGE)('start', `<= "end" (here: ${this.end})`, this.start);
    }
  }
  Reflect.apply(require('stream').Readable, this, [options]);
}
fileStreamPrototype(ReadStream, require('stream').Readable, '_readableState', openReadFs);
ReadStream.prototype._read = function _read(n) {
  n = this.pos !== undefined ? Math.min(this.end - this.pos + 1, n) : Math.min(this.end - this.bytesRead + 1, n);
  if (n <= 0) { this.push(null); return; }
  const buffer = Buffer.allocUnsafeSlow(n);
  this[kIsPerformingIO] = true;
  this[kFs].read(this.fd, buffer, 0, n, this.pos ?? null, (err, bytesRead, filled) => {
    this[kIsPerformingIO] = false;
    if (this.destroyed) { this.emit(kIoDone, err); return; }
    if (err) { this.destroy(err); return; }
    if (bytesRead > 0) {
      if (this.pos !== undefined) this.pos += bytesRead;
      this.bytesRead += bytesRead;
      const data = filled === undefined ? buffer : filled;
      this.push(bytesRead === data.length ? data : Buffer.from(data.subarray(0, bytesRead)));
    } else {
      this.push(null);
    }
  });
};
ReadStream.prototype.close = function close(callback) {
  if (typeof callback === 'function') require('stream').finished(this, callback);
  this.destroy();
};

function WriteStream(path, options) {
  if (!(this instanceof WriteStream)) return new WriteStream(path, options);
  const { validateInteger } = require('internal/validators');
  options = setUpFileStream(this, path, options, 'w', [['open'], ['write', 'writev'], ['close']]);
  options.decodeStrings = true;
  this.start = options.start;
  this.pos = undefined;
  this.bytesWritten = 0;
  if (this.start !== undefined) {
    validateInteger(this.start, 'start', 0);
    this.pos = this.start;
  }
  Reflect.apply(require('stream').Writable, this, [options]);
  if (options.encoding) this.setDefaultEncoding(options.encoding);
}
fileStreamPrototype(WriteStream, require('stream').Writable, '_writableState', openWriteFs);
WriteStream.prototype._write = function _write(data, encoding, callback) {
  this[kIsPerformingIO] = true;
  this[kFs].write(this.fd, data, 0, data.length, this.pos ?? null, (err, bytes) => {
    this[kIsPerformingIO] = false;
    if (this.destroyed) {
      callback(err);
      this.emit(kIoDone, err);
      return;
    }
    if (err) { callback(err); return; }
    this.bytesWritten += bytes;
    callback();
  });
  if (this.pos !== undefined) this.pos += data.length;
};
WriteStream.prototype.close = function close(callback) {
  if (callback) {
    if (this.closed) { process.nextTick(callback); return; }
    this.on('close', callback);
  }
  // With autoClose off, the end still closes the stream.
  if (!this.autoClose) this.on('finish', this.destroy);
  this.end();
};
WriteStream.prototype.destroySoon = WriteStream.prototype.end;

function createReadStream(path, options) { return new ReadStream(path, options); }
function createWriteStream(path, options) { return new WriteStream(path, options); }

fs.createReadStream = createReadStream;
fs.createWriteStream = createWriteStream;
fs.ReadStream = ReadStream;
fs.WriteStream = WriteStream;

// ---------------------------------------------------------------------------------------------
// readv / writev: one ranged host read (scattered into the buffers) or one ranged write of the
// buffers joined; the host bounds either by the bridge payload limit.

function validateBuffers(buffers) {
  if (!Array.isArray(buffers) || !buffers.every((b) => ArrayBuffer.isView(b))) {
    throw new (errors().codes.ERR_INVALID_ARG_TYPE)('buffers', 'ArrayBufferView[]', buffers);
  }
  return buffers;
}

function vectorPosition(position) {
  if (typeof position === 'bigint') return Number(position);
  return typeof position === 'number' && position >= 0 ? position : null;
}

function scatter(buffers, bytes) {
  let at = 0;
  for (const b of buffers) {
    if (at >= bytes.length) break;
    const view = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    const n = Math.min(view.length, bytes.length - at);
    view.set(bytes.subarray(at, at + n));
    at += n;
  }
  return at;
}

function gather(buffers) {
  return Buffer.concat(buffers.map((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength)));
}

function vectorLength(buffers) { return buffers.reduce((n, b) => n + b.byteLength, 0); }

fs.readvSync = function readvSync(fd, buffers, position) {
  validateFd(fd);
  validateBuffers(buffers);
  const length = vectorLength(buffers);
  if (length === 0) return 0;
  return scatter(buffers, internal.call('fs.read', { fd, length, position: vectorPosition(position) }));
};
fs.readv = function readv(fd, buffers, position, callback) {
  if (typeof position === 'function') { callback = position; position = null; }
  validateFd(fd);
  validateBuffers(buffers);
  maybeCallback(callback);
  const length = vectorLength(buffers);
  settle(internal.callAsync('fs.read', { fd, length, position: vectorPosition(position) }), callback,
    (bytes) => [null, scatter(buffers, bytes), buffers]);
};
fs.writevSync = function writevSync(fd, buffers, position) {
  validateFd(fd);
  validateBuffers(buffers);
  if (buffers.length === 0) return 0;
  return internal.call('fs.write', { fd, position: vectorPosition(position) }, gather(buffers));
};
fs.writev = function writev(fd, buffers, position, callback) {
  if (typeof position === 'function') { callback = position; position = null; }
  validateFd(fd);
  validateBuffers(buffers);
  maybeCallback(callback);
  settle(internal.callAsync('fs.write', { fd, position: vectorPosition(position) }, gather(buffers)), callback,
    (n) => [null, n, buffers]);
};
FileHandle.prototype.readv = async function readv(buffers, position) {
  validateBuffers(buffers);
  const bytes = await internal.callAsync('fs.read', { fd: this.fd, length: vectorLength(buffers), position: vectorPosition(position) });
  return { bytesRead: scatter(buffers, bytes), buffers };
};
FileHandle.prototype.writev = async function writev(buffers, position) {
  validateBuffers(buffers);
  const bytesWritten = buffers.length === 0 ? 0
    : await internal.callAsync('fs.write', { fd: this.fd, position: vectorPosition(position) }, gather(buffers));
  return { bytesWritten, buffers };
};

// ---------------------------------------------------------------------------------------------
// opendir / Dir: the listing is taken once (bounded by the host) and handed out entry by entry.

class Dir {
  #path;
  #entries;
  #closed = false;
  constructor(path, entries) {
    if (path === undefined) throw new (errors().codes.ERR_MISSING_ARGS)('handle');
    this.#path = path;
    this.#entries = entries;
  }
  get path() { return this.#path; }
  #next() {
    if (this.#closed) throw new (errors().codes.ERR_DIR_CLOSED)();
    return this.#entries.shift() ?? null;
  }
  readSync() { return this.#next(); }
  read(callback) {
    if (callback === undefined) {
      try { return Promise.resolve(this.#next()); } catch (err) { return Promise.reject(err); }
    }
    maybeCallback(callback);
    let entry;
    try { entry = this.#next(); } catch (err) { process.nextTick(callback, err); return; }
    process.nextTick(callback, null, entry);
  }
  closeSync() {
    if (this.#closed) throw new (errors().codes.ERR_DIR_CLOSED)();
    this.#closed = true;
    this.#entries = [];
  }
  close(callback) {
    if (callback === undefined) {
      try { this.closeSync(); return Promise.resolve(); } catch (err) { return Promise.reject(err); }
    }
    maybeCallback(callback);
    try { this.closeSync(); } catch (err) { process.nextTick(callback, err); return; }
    process.nextTick(callback, null);
  }
  async* entries() {
    try {
      for (;;) {
        const entry = await this.read();
        if (entry === null) break;
        yield entry;
      }
    } finally {
      if (!this.#closed) this.closeSync();
    }
  }
  [Symbol.asyncIterator]() { return this.entries(); }
  [Symbol.dispose]() { if (!this.#closed) this.closeSync(); }
  async [Symbol.asyncDispose]() { if (!this.#closed) this.closeSync(); }
}

function opendirRequest(path, options) {
  const opts = getOptions(options, { encoding: 'utf8', bufferSize: 32, recursive: false });
  require('internal/validators').validateInteger(opts.bufferSize, 'options.bufferSize', 1, 4294967295);
  const dir = toPath(path);
  const given = typeof path === 'string' ? path : dir;
  const toDir = (entries) => new Dir(given, entries.map(([name, type]) => {
    const slash = name.lastIndexOf('/');
    const parent = slash < 0 ? given : pathModule.join(given, name.slice(0, slash));
    const base = slash < 0 ? name : name.slice(slash + 1);
    return new Dirent(opts.encoding === 'buffer' ? Buffer.from(base) : base, direntTypes[type] ?? 0, parent);
  }));
  return [{ op: 'fs.readdir', args: { path: dir, recursive: !!opts.recursive } }, toDir];
}
/** The listing's error as opendir's (Node names the syscall `opendir`). */
function asOpendirError(err) {
  if (err && err.syscall === 'scandir') {
    err.syscall = 'opendir';
    err.message = err.message.replace(', scandir', ', opendir');
  }
  return err;
}
fs.opendirSync = function opendirSync(path, options) {
  const [request, toDir] = opendirRequest(path, options);
  try { return toDir(internal.call(request.op, request.args)); } catch (err) { throw asOpendirError(err); }
};
fs.opendir = function opendir(path, options, callback) {
  if (typeof options === 'function') { callback = options; options = undefined; }
  maybeCallback(callback);
  const [request, toDir] = opendirRequest(path, options);
  settle(internal.callAsync(request.op, request.args).catch((err) => { throw asOpendirError(err); }), callback,
    (entries) => [null, toDir(entries)]);
};
promises.opendir = async function opendir(path, options) {
  const [request, toDir] = opendirRequest(path, options);
  try { return toDir(await internal.callAsync(request.op, request.args)); } catch (err) { throw asOpendirError(err); }
};
fs.Dir = Dir;

// ---------------------------------------------------------------------------------------------
// statfs: the path is stat'ed through the permission gate; the numbers describe the sandbox's
// virtual filesystem (fixed, not the host's disk).

class StatFs {
  constructor(bigint) {
    const v = bigint ? BigInt : Number;
    this.type = v(0x01021994); this.bsize = v(4096); this.blocks = v(262144); this.bfree = v(131072);
    this.bavail = v(131072); this.files = v(65536); this.ffree = v(32768);
  }
}
function statfsRequest(path, options) {
  const { bigint } = getOptions(options, { bigint: false });
  return [{ op: 'fs.stat', args: { path: toPath(path), follow: true } }, () => new StatFs(!!bigint)];
}
fs.statfsSync = function statfsSync(path, options) {
  const [request, make] = statfsRequest(path, options);
  return make(internal.call(request.op, request.args));
};
fs.statfs = function statfs(path, options, callback) {
  if (typeof options === 'function') { callback = options; options = undefined; }
  maybeCallback(callback);
  const [request, make] = statfsRequest(path, options);
  settle(internal.callAsync(request.op, request.args), callback, (r) => [null, make(r)]);
};
promises.statfs = async function statfs(path, options) {
  const [request, make] = statfsRequest(path, options);
  return make(await internal.callAsync(request.op, request.args));
};

// ---------------------------------------------------------------------------------------------
// cp: Node's algorithm written once as a generator of steps ([fs method, ...args]), run with the
// sync methods by cpSync and with the promise methods by cp. Every step is an ordinary fs call,
// so every file touched passes the permission gate (a copy out of a grant fails with EACCES).

function cpError(Code, code, message, path) {
  const errno = { EINVAL: 22, EISDIR: 21, ENOTDIR: 20, EEXIST: 17, EPIPE: 32 }[code];
  return new (errors().codes[Code])({ message, path, syscall: 'cp', errno, code });
}

function isSubdir(parent, child) {
  const a = pathModule.resolve(parent).split('/').filter(Boolean);
  const b = pathModule.resolve(child).split('/').filter(Boolean);
  return a.every((part, i) => b[i] === part);
}

function* cpSteps(src, dest, opts) {
  const top = yield* cpCheckPaths(src, dest, opts);
  if (top.skipped) return;
  // The destination's parents must not be the source itself.
  const srcParent = pathModule.resolve(pathModule.dirname(src));
  let parent = pathModule.resolve(pathModule.dirname(dest));
  while (parent !== srcParent && parent !== pathModule.parse(parent).root) {
    let st;
    // A parent that is missing (or that the guest may not see) ends the walk, as ENOENT does in Node.
    try { st = yield ['stat', parent, { bigint: true }]; } catch { break; }
    if (st.ino === top.srcStat.ino && st.dev === top.srcStat.dev) {
      throw cpError('ERR_FS_CP_EINVAL', 'EINVAL', `cannot copy ${src} to a subdirectory of self ${dest}`, dest);
    }
    parent = pathModule.dirname(parent);
  }
  const destParent = pathModule.dirname(dest);
  let parentExists = true;
  try { yield ['access', destParent]; } catch { parentExists = false; }
  if (!parentExists) yield ['mkdir', destParent, { recursive: true }];
  yield* cpItem(top.destStat, src, dest, opts);
}

function* cpCheckPaths(src, dest, opts) {
  if (opts.filter) {
    const keep = yield ['filter', src, dest];
    if (!keep) return { skipped: true };
  }
  const statName = opts.dereference ? 'stat' : 'lstat';
  const srcStat = yield [statName, src, { bigint: true }];
  let destStat = null;
  try { destStat = yield [statName, dest, { bigint: true }]; } catch (err) { if (err.code !== 'ENOENT') throw err; }
  if (destStat) {
    if (destStat.ino && destStat.dev && destStat.ino === srcStat.ino && destStat.dev === srcStat.dev) {
      throw cpError('ERR_FS_CP_EINVAL', 'EINVAL', 'src and dest cannot be the same', dest);
    }
    if (srcStat.isDirectory() && !destStat.isDirectory()) {
      throw cpError('ERR_FS_CP_DIR_TO_NON_DIR', 'EISDIR', `cannot overwrite non-directory ${dest} with directory ${src}`, dest);
    }
    if (!srcStat.isDirectory() && destStat.isDirectory()) {
      throw cpError('ERR_FS_CP_NON_DIR_TO_DIR', 'ENOTDIR', `cannot overwrite directory ${dest} with non-directory ${src}`, dest);
    }
  }
  if (srcStat.isDirectory() && isSubdir(src, dest)) {
    throw cpError('ERR_FS_CP_EINVAL', 'EINVAL', `cannot copy ${src} to a subdirectory of self ${dest}`, dest);
  }
  return { srcStat, destStat, skipped: false };
}

function* cpItem(destStat, src, dest, opts) {
  const srcStat = yield [opts.dereference ? 'stat' : 'lstat', src];
  if (srcStat.isDirectory()) {
    if (!opts.recursive) throw cpError('ERR_FS_EISDIR', 'EISDIR', `${src} is a directory (not copied)`, src);
    if (!destStat) yield ['mkdir', dest];
    for (const name of yield ['readdir', src]) {
      const srcItem = pathModule.join(src, name);
      const destItem = pathModule.join(dest, name);
      const item = yield* cpCheckPaths(srcItem, destItem, opts);
      if (!item.skipped) yield* cpItem(item.destStat, srcItem, destItem, opts);
    }
    if (!destStat) yield ['chmod', dest, srcStat.mode & 0o7777];
  } else if (srcStat.isFile() || srcStat.isCharacterDevice() || srcStat.isBlockDevice()) {
    if (destStat) {
      if (opts.force) {
        yield ['unlink', dest];
      } else {
        if (opts.errorOnExist) throw cpError('ERR_FS_CP_EEXIST', 'EEXIST', `${dest} already exists`, dest);
        return;
      }
    }
    yield ['copyFile', src, dest, opts.mode];
    if (opts.preserveTimestamps) {
      if ((srcStat.mode & 0o200) === 0) yield ['chmod', dest, srcStat.mode | 0o200];
      yield ['utimes', dest, srcStat.atime, srcStat.mtime];
    }
    yield ['chmod', dest, srcStat.mode & 0o7777];
  } else if (srcStat.isSymbolicLink()) {
    let target = yield ['readlink', src];
    if (!opts.verbatimSymlinks && !pathModule.isAbsolute(target)) target = pathModule.resolve(pathModule.dirname(src), target);
    if (!destStat) { yield ['symlink', target, dest]; return; }
    let destTarget;
    try {
      destTarget = yield ['readlink', dest];
    } catch (err) {
      if (err.code === 'EINVAL' || err.code === 'UNKNOWN') { yield ['symlink', target, dest]; return; }
      throw err;
    }
    if (!pathModule.isAbsolute(destTarget)) destTarget = pathModule.resolve(pathModule.dirname(dest), destTarget);
    if (target !== destTarget && isSubdir(target, destTarget)) {
      throw cpError('ERR_FS_CP_EINVAL', 'EINVAL', `cannot copy ${target} to a subdirectory of self ${destTarget}`, dest);
    }
    const resolvedStat = yield ['stat', src];
    if (target !== destTarget && resolvedStat.isDirectory() && isSubdir(destTarget, target)) {
      throw cpError('ERR_FS_CP_SYMLINK_TO_SUBDIRECTORY', 'EINVAL', `cannot overwrite ${destTarget} with ${target}`, dest);
    }
    yield ['unlink', dest];
    yield ['symlink', target, dest];
  } else if (srcStat.isSocket()) {
    throw cpError('ERR_FS_CP_SOCKET', 'EINVAL', `cannot copy a socket file: ${dest}`, dest);
  } else if (srcStat.isFIFO()) {
    throw cpError('ERR_FS_CP_FIFO_PIPE', 'EINVAL', `cannot copy a FIFO pipe: ${dest}`, dest);
  } else {
    throw cpError('ERR_FS_CP_UNKNOWN', 'EINVAL', `cannot copy an unknown file type: ${dest}`, dest);
  }
}

function cpArguments(src, dest, options) {
  const v = require('internal/validators');
  const opts = getOptions(options, {});
  const o = {
    dereference: false, errorOnExist: false, force: true, preserveTimestamps: false,
    recursive: false, verbatimSymlinks: false, mode: 0, filter: undefined, ...opts,
  };
  for (const key of ['dereference', 'errorOnExist', 'force', 'preserveTimestamps', 'recursive', 'verbatimSymlinks']) {
    v.validateBoolean(o[key], `options.${key}`);
  }
  if (o.filter !== undefined) v.validateFunction(o.filter, 'options.filter');
  v.validateInteger(o.mode, 'options.mode', 0, 7);
  if (o.dereference && o.verbatimSymlinks) {
    throw new (errors().codes.ERR_INCOMPATIBLE_OPTION_PAIR)('dereference', 'verbatimSymlinks');
  }
  const s = toPath(src, 'src');
  const d = toPath(dest, 'dest');
  if (s === d) throw cpError('ERR_FS_CP_EINVAL', 'EINVAL', 'src and dest cannot be the same', d);
  return [s, d, o];
}

fs.cpSync = function cpSync(src, dest, options) {
  const [s, d, o] = cpArguments(src, dest, options);
  const steps = cpSteps(s, d, o);
  let step = steps.next();
  while (!step.done) {
    const [name, ...args] = step.value;
    let value;
    try {
      if (name === 'filter') {
        value = o.filter(...args);
        if (value !== null && typeof value === 'object' && typeof value.then === 'function') {
          throw new (errors().codes.ERR_INVALID_RETURN_VALUE)('boolean', 'filter', value);
        }
      } else {
        value = fs[`${name}Sync`](...args);
      }
    } catch (err) {
      step = steps.throw(err);
      continue;
    }
    step = steps.next(value);
  }
};
promises.cp = async function cp(src, dest, options) {
  const [s, d, o] = cpArguments(src, dest, options);
  const steps = cpSteps(s, d, o);
  let step = steps.next();
  while (!step.done) {
    const [name, ...args] = step.value;
    let value;
    try {
      value = name === 'filter' ? await o.filter(...args) : await promises[name](...args);
    } catch (err) {
      step = steps.throw(err);
      continue;
    }
    step = steps.next(value);
  }
};
fs.cp = function cp(src, dest, options, callback) {
  if (typeof options === 'function') { callback = options; options = undefined; }
  maybeCallback(callback);
  settle(promises.cp(src, dest, options), callback, () => [null]);
};

// readFile/writeFile/appendFile on a descriptor: from (and at) its current position, in chunks.
{
  const kChunk = 1 << 20;
  const byPath = { readFile: fs.readFile, readFileSync: fs.readFileSync, writeFile: fs.writeFile,
    writeFileSync: fs.writeFileSync, appendFile: fs.appendFile, appendFileSync: fs.appendFileSync };
  const finish = (chunks, encoding) => {
    validateEncoding(encoding);
    const all = Buffer.concat(chunks);
    return encoding && encoding !== 'buffer' ? all.toString(encoding) : all;
  };
  fs.readFileSync = function readFileSync(path, options) {
    if (typeof path !== 'number') return byPath.readFileSync(path, options);
    const fd = validateFd(path);
    const { encoding } = getOptions(options, { encoding: null });
    const chunks = [];
    for (;;) {
      const bytes = internal.call('fs.read', { fd, length: kChunk, position: null });
      if (bytes.length === 0) return finish(chunks, encoding);
      chunks.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    }
  };
  fs.readFile = function readFile(path, ...rest) {
    if (typeof path !== 'number') return byPath.readFile(path, ...rest);
    const cb = maybeCallback(rest.pop());
    const fd = validateFd(path);
    const { encoding } = getOptions(rest[0], { encoding: null });
    const chunks = [];
    const next = () => internal.callAsync('fs.read', { fd, length: kChunk, position: null }).then((bytes) => {
      if (bytes.length === 0) { deliver(cb, [null, finish(chunks, encoding)]); return; }
      chunks.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      next();
    }, (err) => deliver(cb, [err]));
    next();
  };
  const writeAll = (fd, data, options, defaults) => {
    const { encoding } = getOptions(options, defaults);
    const bytes = toBytes(data, encoding);
    for (let at = 0; at < bytes.length; at += kChunk) {
      internal.call('fs.write', { fd, position: null }, bytes.subarray(at, Math.min(bytes.length, at + kChunk)));
    }
  };
  const writeAllAsync = async (fd, data, options, defaults) => {
    const { encoding } = getOptions(options, defaults);
    const bytes = toBytes(data, encoding);
    for (let at = 0; at < bytes.length; at += kChunk) {
      await internal.callAsync('fs.write', { fd, position: null }, bytes.subarray(at, Math.min(bytes.length, at + kChunk)));
    }
  };
  for (const name of ['writeFile', 'appendFile']) {
    fs[`${name}Sync`] = function (path, data, options) {
      if (typeof path !== 'number') return byPath[`${name}Sync`](path, data, options);
      writeAll(validateFd(path), data, options, { encoding: 'utf8' });
    };
    Object.defineProperty(fs[`${name}Sync`], 'name', { __proto__: null, value: `${name}Sync` });
    fs[name] = function (path, data, ...rest) {
      if (typeof path !== 'number') return byPath[name](path, data, ...rest);
      const cb = maybeCallback(rest.pop());
      settle(writeAllAsync(validateFd(path), data, rest[0], { encoding: 'utf8' }), cb, () => [null]);
    };
    Object.defineProperty(fs[name], 'name', { __proto__: null, value: name });
  }
}

// statSync/lstatSync({ throwIfNoEntry: false }) answer undefined for a missing path.
for (const name of ['statSync', 'lstatSync']) {
  const original = fs[name];
  fs[name] = function (path, options) {
    try {
      return original(path, options);
    } catch (err) {
      if (err && err.code === 'ENOENT' && options && options.throwIfNoEntry === false) return undefined;
      throw err;
    }
  };
  Object.defineProperty(fs[name], 'name', { __proto__: null, value: name });
}

// util.promisify of the calls whose callbacks take several values resolves to an object.
{
  const kArgs = Symbol.for('nodejs.util.promisify.customArgs');
  fs.read[kArgs] = ['bytesRead', 'buffer'];
  fs.write[kArgs] = ['bytesWritten', 'buffer'];
  fs.readv[kArgs] = ['bytesRead', 'buffers'];
  fs.writev[kArgs] = ['bytesWritten', 'buffers'];
}

fs.existsSync = function existsSync(path) {
  try {
    return internal.call('fs.access', { path: toPath(path), mode: 0 }) === undefined;
  } catch {
    return false;
  }
};
fs.exists = function exists(path, callback) {
  maybeCallback(callback);
  let target;
  try { target = toPath(path); } catch { process.nextTick(callback, false); return; }
  settle(internal.callAsync('fs.access', { path: target, mode: 0 }).then(() => true, () => false), callback, (found) => [found]);
};
fs.realpathSync.native = fs.realpathSync;
fs.realpath.native = fs.realpath;

// Polling watchers (internal/fs/watchers): every poll is an ordinary, permission-checked fs call.
fs.watch = function watch(filename, options, listener) { return require('internal/fs/watchers').watch(filename, options, listener); };
fs.watchFile = function watchFile(filename, options, listener) { return require('internal/fs/watchers').watchFile(filename, options, listener); };
fs.unwatchFile = function unwatchFile(filename, listener) { return require('internal/fs/watchers').unwatchFile(filename, listener); };
promises.watch = function watch(filename, options) { return require('internal/fs/watchers').watchAsync(filename, options); };

fs.promises = promises;
module.exports = fs;
