'use strict';

// The pre-streams2 `Stream` base class: an EventEmitter with a minimal pipe().
// Readable, Writable, Duplex and Transform all inherit from it, and
// `require('stream')` itself is this constructor.

const EE = require('events');

function Stream(opts) {
  EE.call(this, opts);
}
Object.setPrototypeOf(Stream.prototype, EE.prototype);
Object.setPrototypeOf(Stream, EE);

// Old-style pipe: forwards 'data' to dest.write(), pauses on backpressure,
// resumes on 'drain', ends (or destroys) dest when the source ends (closes).
Stream.prototype.pipe = function(dest, options) {
  const source = this;

  function ondata(chunk) {
    if (dest.writable && dest.write(chunk) === false && source.pause) {
      source.pause();
    }
  }
  source.on('data', ondata);

  function ondrain() {
    if (source.readable && source.resume) {
      source.resume();
    }
  }
  dest.on('drain', ondrain);

  // stdio destinations are never ended by pipe().
  if (!dest._isStdio && (!options || options.end !== false)) {
    source.on('end', onend);
    source.on('close', onclose);
  }

  let didOnEnd = false;
  function onend() {
    if (didOnEnd) return;
    didOnEnd = true;
    dest.end();
  }

  function onclose() {
    if (didOnEnd) return;
    didOnEnd = true;
    if (typeof dest.destroy === 'function') dest.destroy();
  }

  // An error on either end breaks the pipe; rethrow it when nobody else
  // listens, as an unhandled 'error' would.
  function onerror(er) {
    cleanup();
    if (EE.listenerCount(this, 'error') === 0) {
      this.emit('error', er);
    }
  }
  prependListener(source, 'error', onerror);
  prependListener(dest, 'error', onerror);

  function cleanup() {
    source.removeListener('data', ondata);
    dest.removeListener('drain', ondrain);

    source.removeListener('end', onend);
    source.removeListener('close', onclose);

    source.removeListener('error', onerror);
    dest.removeListener('error', onerror);

    source.removeListener('end', cleanup);
    source.removeListener('close', cleanup);

    dest.removeListener('close', cleanup);
  }

  source.on('end', cleanup);
  source.on('close', cleanup);
  dest.on('close', cleanup);
  dest.emit('pipe', source);

  // Allow chaining: a.pipe(b).pipe(c).
  return dest;
};

// Streams pre-declare their common event slots in `_events` (as undefined), so
// event names only count slots that actually hold listeners.
Stream.prototype.eventNames = function eventNames() {
  const names = [];
  for (const key of Reflect.ownKeys(this._events)) {
    const value = this._events[key];
    if (typeof value === 'function' || (Array.isArray(value) && value.length > 0)) {
      names.push(key);
    }
  }
  return names;
};

// prependListener for emitters that predate it (userland EventEmitter copies).
function prependListener(emitter, event, fn) {
  if (typeof emitter.prependListener === 'function') {
    return emitter.prependListener(event, fn);
  }
  const events = emitter._events;
  if (!events || !events[event]) {
    emitter.on(event, fn);
  } else if (Array.isArray(events[event])) {
    events[event].unshift(fn);
  } else {
    events[event] = [fn, events[event]];
  }
}

// Chunk helpers push() and write() call through the Stream constructor (as
// Node does). They live here so the stream classes work whichever module is
// loaded first; `stream.js` re-adds them last to keep Node's key order.
Stream._isArrayBufferView = ArrayBuffer.isView;
Stream._isUint8Array = function isUint8Array(value) {
  return require('internal/util/types').isUint8Array(value);
};
Stream._uint8ArrayToBuffer = function _uint8ArrayToBuffer(chunk) {
  const FastBuffer = require('buffer').Buffer[Symbol.species];
  return new FastBuffer(chunk.buffer, chunk.byteOffset, chunk.byteLength);
};

module.exports = { Stream, prependListener };
