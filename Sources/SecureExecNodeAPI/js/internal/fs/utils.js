'use strict';
// Pieces of fs shared with its helpers (as Node's internal/fs/utils): the constants, path
// validation, and the Stats classes built from the host's stat descriptions.

const pathModule = require('path');
const { Buffer } = require('buffer');

function errors() { return require('internal/errors'); }

const constants = Object.freeze({
  UV_FS_SYMLINK_DIR: 1, UV_FS_SYMLINK_JUNCTION: 2, O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2,
  UV_DIRENT_UNKNOWN: 0, UV_DIRENT_FILE: 1, UV_DIRENT_DIR: 2, UV_DIRENT_LINK: 3, UV_DIRENT_FIFO: 4,
  UV_DIRENT_SOCKET: 5, UV_DIRENT_CHAR: 6, UV_DIRENT_BLOCK: 7, S_IFMT: 0o170000, S_IFREG: 0o100000,
  S_IFDIR: 0o40000, S_IFCHR: 0o20000, S_IFBLK: 0o60000, S_IFIFO: 0o10000, S_IFLNK: 0o120000,
  S_IFSOCK: 0o140000, O_CREAT: 64, O_EXCL: 128, UV_FS_O_FILEMAP: 0, O_NOCTTY: 256, O_TRUNC: 512,
  O_APPEND: 1024, O_DIRECTORY: 65536, O_NOATIME: 262144, O_NOFOLLOW: 131072, O_SYNC: 1052672,
  O_DSYNC: 4096, O_DIRECT: 16384, O_NONBLOCK: 2048, S_IRWXU: 448, S_IRUSR: 256, S_IWUSR: 128,
  S_IXUSR: 64, S_IRWXG: 56, S_IRGRP: 32, S_IWGRP: 16, S_IXGRP: 8, S_IRWXO: 7, S_IROTH: 4,
  S_IWOTH: 2, S_IXOTH: 1, F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1, UV_FS_COPYFILE_EXCL: 1,
  COPYFILE_EXCL: 1, UV_FS_COPYFILE_FICLONE: 2, COPYFILE_FICLONE: 2, UV_FS_COPYFILE_FICLONE_FORCE: 4,
  COPYFILE_FICLONE_FORCE: 4,
});

/** A path argument as Node accepts it (string, Buffer, file: URL), absolute and checked. */
function toPath(value, name = 'path') {
  let path = value;
  if (value instanceof Uint8Array) {
    path = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8');
  } else if (value !== null && typeof value === 'object' && typeof value.href === 'string' && value.protocol !== undefined) {
    path = require('url').fileURLToPath(value);
  } else if (typeof value !== 'string') {
    throw new (errors().codes.ERR_INVALID_ARG_TYPE)(name, ['string', 'Buffer', 'URL'], value);
  }
  if (path.includes('\u0000')) {
    throw new (errors().codes.ERR_INVALID_ARG_VALUE)(name, value, 'must be a string, Uint8Array, or URL without null bytes');
  }
  return pathModule.resolve(path);
}

// As Node 22: the numeric fields are own properties (in this order); the Date fields are
// prototype accessors that become own, non-enumerable properties when first read or set, so
// `console.log(stats)` and `JSON.stringify(stats)` show the numbers only.
const kNsPerMs = 1e6;
const kNsPerMsBigInt = 1000000n;

function StatsBase(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks) {
  this.dev = dev; this.mode = mode; this.nlink = nlink; this.uid = uid; this.gid = gid;
  this.rdev = rdev; this.blksize = blksize; this.ino = ino; this.size = size; this.blocks = blocks;
}
StatsBase.prototype.isDirectory = function isDirectory() { return this._checkModeProperty(constants.S_IFDIR); };
StatsBase.prototype.isFile = function isFile() { return this._checkModeProperty(constants.S_IFREG); };
StatsBase.prototype.isBlockDevice = function isBlockDevice() { return this._checkModeProperty(constants.S_IFBLK); };
StatsBase.prototype.isCharacterDevice = function isCharacterDevice() { return this._checkModeProperty(constants.S_IFCHR); };
StatsBase.prototype.isSymbolicLink = function isSymbolicLink() { return this._checkModeProperty(constants.S_IFLNK); };
StatsBase.prototype.isFIFO = function isFIFO() { return this._checkModeProperty(constants.S_IFIFO); };
StatsBase.prototype.isSocket = function isSocket() { return this._checkModeProperty(constants.S_IFSOCK); };

function dateFromMs(ms) {
  return new Date(Math.round(Number(ms)));
}

function lazyDateFields() {
  const fields = {};
  for (const name of ['atime', 'mtime', 'ctime', 'birthtime']) {
    fields[name] = {
      __proto__: null,
      enumerable: true,
      configurable: true,
      get() {
        const value = dateFromMs(this[`${name}Ms`]);
        Object.defineProperty(this, name, { __proto__: null, value, writable: true });
        return value;
      },
      set(value) {
        Object.defineProperty(this, name, { __proto__: null, value, writable: true });
      },
    };
  }
  return fields;
}

function Stats(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks, atimeMs, mtimeMs, ctimeMs, birthtimeMs) {
  Reflect.apply(StatsBase, this, [dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks]);
  this.atimeMs = atimeMs; this.mtimeMs = mtimeMs; this.ctimeMs = ctimeMs; this.birthtimeMs = birthtimeMs;
}
Object.setPrototypeOf(Stats.prototype, StatsBase.prototype);
Object.setPrototypeOf(Stats, StatsBase);
Object.defineProperties(Stats.prototype, lazyDateFields());
Stats.prototype._checkModeProperty = function _checkModeProperty(property) {
  return (this.mode & constants.S_IFMT) === property;
};

function BigIntStats(dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks, atimeNs, mtimeNs, ctimeNs, birthtimeNs) {
  Reflect.apply(StatsBase, this, [dev, mode, nlink, uid, gid, rdev, blksize, ino, size, blocks]);
  this.atimeMs = atimeNs / kNsPerMsBigInt; this.mtimeMs = mtimeNs / kNsPerMsBigInt;
  this.ctimeMs = ctimeNs / kNsPerMsBigInt; this.birthtimeMs = birthtimeNs / kNsPerMsBigInt;
  this.atimeNs = atimeNs; this.mtimeNs = mtimeNs; this.ctimeNs = ctimeNs; this.birthtimeNs = birthtimeNs;
}
Object.setPrototypeOf(BigIntStats.prototype, StatsBase.prototype);
Object.setPrototypeOf(BigIntStats, StatsBase);
Object.defineProperties(BigIntStats.prototype, lazyDateFields());
BigIntStats.prototype._checkModeProperty = function _checkModeProperty(property) {
  return (this.mode & BigInt(constants.S_IFMT)) === BigInt(property);
};

const statFields = ['dev', 'mode', 'nlink', 'uid', 'gid', 'rdev', 'blksize', 'ino', 'size', 'blocks'];
/** A Stats from the host's description. */
function makeStats(s) {
  return new Stats(s.dev, s.mode, s.nlink, s.uid, s.gid, s.rdev, s.blksize, s.ino, s.size, s.blocks,
                   s.atimeMs, s.mtimeMs, s.ctimeMs, s.birthtimeMs);
}
function bigintStats(s) {
  const ns = (ms) => BigInt(Math.floor(ms * kNsPerMs));
  return new BigIntStats(...statFields.map((key) => BigInt(s[key])), ns(s.atimeMs), ns(s.mtimeMs), ns(s.ctimeMs), ns(s.birthtimeMs));
}

// fs.Stats as exported: the same class, its constructor deprecated for callers (DEP0180).
function DeprecatedStats(...args) {
  internal.warnOnce('DEP0180', 'fs.Stats constructor is deprecated.', 'DeprecationWarning', 'DEP0180');
  return new.target === undefined ? Reflect.apply(Stats, this, args) : Reflect.construct(Stats, args, new.target);
}
Object.setPrototypeOf(DeprecatedStats, Stats);
DeprecatedStats.prototype = Stats.prototype;
Object.defineProperty(DeprecatedStats, 'name', { __proto__: null, value: 'Stats' });

module.exports = {
  constants, toPath, StatsBase, Stats, BigIntStats, DeprecatedStats, makeStats, bigintStats,
  /** Node's getValidatedPath, absolute: the path watchers and helpers key on. */
  getValidatedPath: toPath,
};
