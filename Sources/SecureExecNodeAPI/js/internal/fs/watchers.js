'use strict';
// fs.watchFile / fs.watch / fs.promises.watch.
//
// StatWatcher is Node's: it polls `stat` every `interval` ms as libuv's uv_fs_poll does (first
// result remembered silently; 'change' (curr, prev) when the result differs or an error state
// changes; zeroed Stats while the file is missing).
//
// FSWatcher has no inotify to sit on — the host filesystem is behind the bridge and may be a
// virtual one — so it polls too: every 100 ms it compares a snapshot of the watched file, or of
// the watched directory's entries (its whole tree with `recursive`), and emits Node's
// 'rename' (an entry appeared or went) and 'change' (an entry's size or times changed) events
// with the entry's name. Every poll is an ordinary fs call, through the same permission checks.
// Events arrive up to one interval late and changes within one interval fold into one event.

const EventEmitter = require('events');
const pathModule = require('path');
const { codes: { ERR_INVALID_ARG_TYPE }, uvException } = require('internal/errors');
const { validateFunction, validateUint32, validateBoolean, validateAbortSignal } = require('internal/validators');
const { getValidatedPath, makeStats, bigintStats } = require('internal/fs/utils');

const kFSWatchInterval = 100;
const kMaxWatchedEntries = 4096;

function lazyFs() { return require('fs'); }

// Both watchers poll on a timer that keeps the process alive unless the watcher is unref'd.
function armPoll(watcher, poll, interval) {
  watcher._timer = setTimeout(poll, interval);
  if (!watcher._refed) watcher._timer.unref();
}

// --- fs.watchFile --------------------------------------------------------------------------

const zeroStats = (bigint) => {
  const zero = {
    dev: 0, mode: 0, nlink: 0, uid: 0, gid: 0, rdev: 0, blksize: 0, ino: 0, size: 0, blocks: 0,
    atimeMs: 0, mtimeMs: 0, ctimeMs: 0, birthtimeMs: 0,
  };
  return bigint ? bigintStats(zero) : makeStats(zero);
};

function sameStat(a, b) {
  for (const key of ['ctimeMs', 'mtimeMs', 'birthtimeMs', 'size', 'mode', 'uid', 'gid', 'ino', 'dev']) {
    if (a[key] !== b[key]) return false;
  }
  return true;
}

class StatWatcher extends EventEmitter {
  constructor(bigint) {
    super();
    this._bigint = Boolean(bigint);
    this._timer = null;
    this._active = false;
    this._refed = true;
    this._generation = 0;
  }

  /** Starts polling `filename` (absolute) every `interval` ms; a second start does nothing. */
  _start(filename, persistent, interval) {
    if (this._active) return;
    validateBoolean(persistent, 'persistent');
    validateUint32(interval, 'interval');
    this._active = true;
    this._refed = persistent;
    const generation = ++this._generation;
    let status = 0; // libuv's busy_polling: 0 before the first result, 1 after a stat, <0 an errno
    let previous = zeroStats(this._bigint);
    // A stop (or a stop and a new start) makes this generation's stat results stale.
    const current = () => generation === this._generation;
    const poll = () => {
      this._timer = null;
      lazyFs().stat(filename, { bigint: this._bigint }, (err, stats) => {
        if (!current()) return;
        if (err) {
          const errno = typeof err.errno === 'number' ? err.errno : -1;
          if (status !== errno) {
            // A failure after another one is dropped when the link count did not change (Node).
            const repeated = status < 0 && previous.nlink == 0; // eslint-disable-line eqeqeq
            status = errno;
            if (!repeated) this.emit('change', zeroStats(this._bigint), previous);
          }
        } else {
          if (status !== 0 && (status < 0 || !sameStat(previous, stats))) this.emit('change', stats, previous);
          previous = stats;
          status = 1;
        }
        if (current()) armPoll(this, poll, interval);
      });
    };
    poll();
  }

  stop() {
    if (!this._active) return;
    this._active = false;
    this._generation++;
    if (this._timer !== null) { clearTimeout(this._timer); this._timer = null; }
    process.nextTick(() => this.emit('stop'));
  }
}

// Both watchers keep the process alive through their poll timer unless unref'd.
const refMethods = {
  ref() {
    this._refed = true;
    this._timer?.ref();
    return this;
  },
  unref() {
    this._refed = false;
    this._timer?.unref();
    return this;
  },
};
function installRefMethods(prototype) {
  for (const name of ['ref', 'unref']) {
    Object.defineProperty(prototype, name, { __proto__: null, value: refMethods[name], writable: true, configurable: true });
  }
}
installRefMethods(StatWatcher.prototype);

const statWatchers = new Map();

function watchFile(filename, options, listener) {
  filename = getValidatedPath(filename, 'filename');
  if (options === null || typeof options !== 'object') {
    listener = options;
    options = null;
  }
  options = { interval: 5007, persistent: true, ...options };
  validateFunction(listener, 'listener');
  let watcher = statWatchers.get(filename);
  if (watcher === undefined) {
    watcher = new StatWatcher(options.bigint);
    watcher._start(filename, options.persistent, options.interval);
    statWatchers.set(filename, watcher);
  }
  watcher.addListener('change', listener);
  return watcher;
}

function unwatchFile(filename, listener) {
  filename = getValidatedPath(filename, 'filename');
  const watcher = statWatchers.get(filename);
  if (watcher === undefined) return;
  if (typeof listener === 'function') watcher.removeListener('change', listener);
  else watcher.removeAllListeners('change');
  if (watcher.listenerCount('change') === 0) {
    watcher.stop();
    statWatchers.delete(filename);
  }
}

// --- fs.watch ------------------------------------------------------------------------------

/** name (relative to the watched directory, or the file's own name) -> "mode:size:mtime:ctime:ino" */
function snapshot(path, recursive) {
  const fs = lazyFs();
  const entries = new Map();
  const stats = fs.statSync(path);
  const describe = (s) => `${s.mode}:${s.size}:${s.mtimeMs}:${s.ctimeMs}:${s.ino}`;
  if (!stats.isDirectory()) {
    entries.set(pathModule.basename(path), describe(stats));
    return { directory: false, entries };
  }
  const pending = [''];
  while (pending.length > 0 && entries.size < kMaxWatchedEntries) {
    const relative = pending.shift();
    let names;
    try {
      names = fs.readdirSync(relative === '' ? path : pathModule.join(path, relative));
    } catch {
      continue;
    }
    for (const name of names) {
      if (entries.size >= kMaxWatchedEntries) break;
      const entry = relative === '' ? name : pathModule.join(relative, name);
      try {
        const s = fs.lstatSync(pathModule.join(path, entry));
        entries.set(entry, describe(s));
        if (recursive && s.isDirectory()) pending.push(entry);
      } catch {
        // Gone between readdir and lstat: the next poll sees it missing.
      }
    }
  }
  return { directory: true, entries };
}

class FSWatcher extends EventEmitter {
  constructor() {
    super();
    this._timer = null;
    this._refed = true;
    this._closed = false;
    // Node's watcher keeps its native handle here; closing it stops the events.
    this._handle = { close: () => this._stop() };
  }

  _start(filename, persistent, recursive, encoding) {
    let state = snapshot(filename, recursive); // throws ENOENT & co. synchronously, as Node
    this._refed = persistent;
    const emitName = (name) => (encoding === 'buffer' ? Buffer.from(name) : name);
    const poll = () => {
      this._timer = null;
      if (this._handle === null) return;
      let next;
      try {
        next = snapshot(filename, recursive);
      } catch {
        // The watched path itself went: one 'rename' for it, then nothing more (inotify's
        // watch is gone with it).
        this.emit('change', 'rename', emitName(pathModule.basename(filename)));
        this._stop();
        return;
      }
      if (next.directory === state.directory) {
        for (const [name, description] of next.entries) {
          const before = state.entries.get(name);
          if (before === undefined) this.emit('change', 'rename', emitName(name));
          else if (before !== description) this.emit('change', 'change', emitName(name));
        }
        for (const name of state.entries.keys()) {
          if (!next.entries.has(name)) this.emit('change', 'rename', emitName(name));
        }
      }
      state = next;
      if (this._handle !== null) armPoll(this, poll, kFSWatchInterval);
    };
    armPoll(this, poll, kFSWatchInterval);
  }

  _stop() {
    if (this._handle === null) return;
    this._handle = null;
    if (this._timer !== null) { clearTimeout(this._timer); this._timer = null; }
  }

  close() {
    if (this._closed) return;
    this._closed = true;
    this._stop();
    process.nextTick(() => this.emit('close'));
  }
}

installRefMethods(FSWatcher.prototype);

function watchOptions(options) {
  if (typeof options === 'string') options = { encoding: options };
  else if (options === undefined || options === null) options = {};
  else if (typeof options !== 'object') throw new ERR_INVALID_ARG_TYPE('options', ['string', 'Object'], options);
  const { persistent = true, recursive = false, encoding = 'utf8', signal } = options;
  validateBoolean(persistent, 'options.persistent');
  validateBoolean(recursive, 'options.recursive');
  if (signal !== undefined) validateAbortSignal(signal, 'options.signal');
  if (encoding !== 'buffer' && !Buffer.isEncoding(encoding)) {
    const { codes } = require('internal/errors');
    throw new codes.ERR_INVALID_ARG_VALUE('encoding', encoding, 'is invalid encoding');
  }
  return { persistent, recursive, encoding, signal };
}

function watch(filename, options, listener) {
  if (typeof options === 'function') {
    listener = options;
    options = undefined;
  }
  const path = getValidatedPath(filename, 'filename');
  const { persistent, recursive, encoding, signal } = watchOptions(options);
  const watcher = new FSWatcher();
  try {
    watcher._start(path, persistent, recursive, encoding);
  } catch (err) {
    // Node reports the failed watch, not the stat or readdir behind it.
    if (err && err.syscall !== undefined) throw uvException({ errno: err.errno, code: err.code, syscall: 'watch', path: err.path });
    throw err;
  }
  if (listener !== undefined && listener !== null) watcher.addListener('change', listener);
  if (signal !== undefined) {
    if (signal.aborted) process.nextTick(() => watcher.close());
    else signal.addEventListener('abort', () => watcher.close(), { once: true });
  }
  return watcher;
}

/** fs.promises.watch: the same events as an async iterator of { eventType, filename }. */
async function* watchAsync(filename, options = {}) {
  const { signal } = watchOptions(options);
  if (signal?.aborted) {
    const { AbortError } = require('internal/errors');
    throw new AbortError(undefined, { cause: signal.reason });
  }
  const watcher = watch(filename, { ...options, signal: undefined });
  const queue = [];
  let wake = null;
  let failure = null;
  watcher.on('change', (eventType, name) => {
    queue.push({ eventType, filename: name });
    if (wake !== null) { wake(); wake = null; }
  });
  const onAbort = () => {
    const { AbortError } = require('internal/errors');
    failure = new AbortError(undefined, { cause: signal.reason });
    if (wake !== null) { wake(); wake = null; }
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    while (true) {
      while (queue.length > 0) yield queue.shift();
      if (failure !== null) throw failure;
      await new Promise((resolve) => { wake = resolve; });
      if (failure !== null) throw failure;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    watcher.close();
  }
}

module.exports = { StatWatcher, FSWatcher, watchFile, unwatchFile, watch, watchAsync };
