'use strict';
// _http_incoming: IncomingMessage, a request a server received or a response a client got.
// A server's requests read from their connection (the parser pushes body bytes; a full buffer
// pauses the socket until the reader asks for more); a client's responses come from the host's
// HTTP client (`_deliver`, `_requestMore`, `_cancelBody`).

const { Readable, finished } = require('stream');
const { Buffer } = require('buffer');

const kHeaders = Symbol('kHeaders');
const kHeadersDistinct = Symbol('kHeadersDistinct');
const kHeadersCount = Symbol('kHeadersCount');
const kTrailers = Symbol('kTrailers');
const kTrailersDistinct = Symbol('kTrailersDistinct');
const kTrailersCount = Symbol('kTrailersCount');

/** Node's rules for folding repeated headers: these keep their first value only. */
const dropDuplicates = new Set(['age', 'authorization', 'content-length', 'content-type', 'etag', 'expires', 'from',
  'host', 'if-modified-since', 'if-unmodified-since', 'last-modified', 'location', 'max-forwards',
  'proxy-authorization', 'referer', 'retry-after', 'server', 'user-agent']);

function readStart(socket) {
  if (socket && !socket._paused && socket.readable) socket.resume();
}

function readStop(socket) {
  if (socket) socket.pause();
}

class IncomingMessage extends Readable {
  constructor(socket) {
    super(socket ? { highWaterMark: socket.readableHighWaterMark } : undefined);
    this._readableState.readingMore = true;
    this.socket = socket;
    this.httpVersionMajor = null;
    this.httpVersionMinor = null;
    this.httpVersion = null;
    this.complete = false;
    this[kHeaders] = null;
    this[kHeadersDistinct] = null;
    this[kHeadersCount] = 0;
    this.rawHeaders = [];
    this[kTrailers] = null;
    this[kTrailersDistinct] = null;
    this[kTrailersCount] = 0;
    this.rawTrailers = [];
    this.joinDuplicateHeaders = false;
    this.aborted = false;
    this.upgrade = null;
    this.url = '';
    this.method = null;
    this.statusCode = null;
    this.statusMessage = null;
    this.client = this.socket;
    this._consuming = false;
    this._dumped = false;
    this._pausedSocket = false;
  }

  get connection() { return this.socket; }
  set connection(value) { this.socket = value; }

  get headers() { return this._folded(kHeaders, this.rawHeaders, kHeadersCount, false); }
  set headers(value) { this[kHeaders] = value; }
  get headersDistinct() { return this._folded(kHeadersDistinct, this.rawHeaders, kHeadersCount, true); }
  set headersDistinct(value) { this[kHeadersDistinct] = value; }
  get trailers() { return this._folded(kTrailers, this.rawTrailers, kTrailersCount, false); }
  set trailers(value) { this[kTrailers] = value; }
  get trailersDistinct() { return this._folded(kTrailersDistinct, this.rawTrailers, kTrailersCount, true); }
  set trailersDistinct(value) { this[kTrailersDistinct] = value; }

  /** The object a raw header list folds into (made on first use, as Node makes it). */
  _folded(key, raw, countKey, distinct) {
    if (this[key] === null) {
      const dest = {};
      for (let n = 0; n < this[countKey]; n += 2) {
        if (distinct) this._addHeaderLineDistinct(raw[n], raw[n + 1], dest); else this._addHeaderLine(raw[n], raw[n + 1], dest);
      }
      this[key] = dest;
    }
    return this[key];
  }

  setTimeout(msecs, callback) {
    if (callback) this.on('timeout', callback);
    if (this.socket) this.socket.setTimeout(msecs);
    return this;
  }

  /** Reading counts as consuming even when the whole body is already buffered (Node marks it in
   *  `_read`, which a buffered, ended body never reaches here: our parser may deliver head and
   *  body in one go where Node's gets them in separate reads). */
  read(n) {
    if (!this._consuming && this.readableFlowing !== null && !this._dumped) this._consuming = true;
    return super.read(n);
  }

  _read(n) {
    if (!this._consuming) {
      this._readableState.readingMore = false;
      this._consuming = true;
    }
    if (this._requestMore) { this._requestMore(); return; }
    // The server paused the socket when this buffer was full.
    if (this._pausedSocket) {
      this._pausedSocket = false;
      readStart(this.socket);
    }
  }

  _destroy(error, callback) {
    if (!this.readableEnded || !this.complete) {
      this.aborted = true;
      this.emit('aborted');
    }
    if (!this.complete && this._cancelBody) this._cancelBody();
    // A server's request cut short takes its connection with it.
    if (this.socket && !this.socket.destroyed && this.aborted && this._requestMore === undefined && this.socket.server) {
      this.socket.destroy(error);
      const cleanup = finished(this.socket, (e) => {
        if (e && e.code === 'ERR_STREAM_PREMATURE_CLOSE') e = null;
        cleanup();
        process.nextTick(onError, this, e || error, callback);
      });
      return;
    }
    process.nextTick(onError, this, error, callback);
  }

  /** Adds the raw header lines (name, value, name, value, …): as headers or as trailers. */
  _addHeaderLines(headers, n) {
    if (headers && headers.length) {
      if (this.complete) {
        this.rawTrailers = headers;
        this[kTrailersCount] = n;
        this[kTrailers] = null;
        this[kTrailersDistinct] = null;
      } else {
        this.rawHeaders = headers;
        this[kHeadersCount] = n;
        this[kHeaders] = null;
        this[kHeadersDistinct] = null;
      }
    }
  }

  /** One header into `dest`, folded as Node folds repeated ones. */
  _addHeaderLine(field, value, dest) {
    field = String(field).toLowerCase();
    if (field === 'set-cookie') {
      if (dest[field] !== undefined) dest[field].push(value); else dest[field] = [value];
    } else if (dropDuplicates.has(field) && !this.joinDuplicateHeaders) {
      if (dest[field] === undefined) dest[field] = value;
    } else if (typeof dest[field] === 'string') {
      dest[field] += (field === 'cookie' && !this.joinDuplicateHeaders ? '; ' : ', ') + value;
    } else {
      dest[field] = value;
    }
  }

  _addHeaderLineDistinct(field, value, dest) {
    field = String(field).toLowerCase();
    if (Array.isArray(dest[field]) && Object.prototype.hasOwnProperty.call(dest, field)) dest[field].push(value);
    else dest[field] = [value];
  }

  /** A server's request nobody reads: its body is read and dropped (the connection goes on). */
  _dump() {
    if (!this._dumped) {
      this._dumped = true;
      this.removeAllListeners('data');
      this.resume();
    }
  }

  // The host client's side (http.request): the whole head at once, then the body.
  _setHeaders(pairs) {
    const flat = pairs.flat();
    this._addHeaderLines(flat, flat.length);
  }

  _deliver(body) {
    if (body && body.length > 0) this.push(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
    this.complete = true;
    this.push(null);
  }
}

function onError(self, error, callback) {
  // As Node: the error is emitted only when someone listens for it.
  if (self.listenerCount('error') === 0) callback(); else callback(error);
}

module.exports = { IncomingMessage, readStart, readStop };
