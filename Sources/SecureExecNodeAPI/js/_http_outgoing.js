'use strict';
// _http_outgoing: OutgoingMessage, the head and body of a message written to a connection — a
// server's responses (ServerResponse). As in Node it is a legacy Stream, not a Writable: the head
// is built when the first body bytes (or end()) come, sent with them, and bytes written before a
// connection is assigned (a pipelined response waiting its turn) are queued.

const Stream = require('stream');
const { Buffer } = require('buffer');
const { validateString } = require('internal/validators');
const { _checkIsHttpToken: checkIsHttpToken, _checkInvalidHeaderChar: checkInvalidHeaderChar } = require('_http_common');
const {
  codes: {
    ERR_HTTP_HEADERS_SENT, ERR_HTTP_INVALID_HEADER_VALUE, ERR_HTTP_TRAILER_INVALID, ERR_INVALID_HTTP_TOKEN,
    ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_INVALID_CHAR, ERR_METHOD_NOT_IMPLEMENTED,
    ERR_STREAM_ALREADY_FINISHED, ERR_STREAM_CANNOT_PIPE, ERR_STREAM_DESTROYED, ERR_STREAM_NULL_VALUES,
    ERR_STREAM_WRITE_AFTER_END, ERR_HTTP_BODY_NOT_ALLOWED, ERR_HTTP_CONTENT_LENGTH_MISMATCH,
  },
} = require('internal/errors');

const { kOutHeaders, kNeedDrain } = require('internal/http');
const kCorked = Symbol('corked');
const kErrored = Symbol('errored');
const kHighWaterMark = Symbol('kHighWaterMark');
const kRejectNonStandardBodyWrites = Symbol('kRejectNonStandardBodyWrites');
const kBytesWritten = Symbol('kBytesWritten');

const CRLF = '\r\n';
const RE_CONN_CLOSE = /(?:^|\W)close(?:$|\W)/i;
const RE_TE_CHUNKED = /(?:^|\W)chunked(?:$|\W)/i;
const HIGH_WATER_MARK = 16 * 1024;
const nonAscii = /[^\x00-\x7f]/;

let dateCache;
/** The Date header's value, computed once a second. */
function utcDate() {
  if (!dateCache) {
    dateCache = new Date().toUTCString();
    setTimeout(() => { dateCache = undefined; }, 1000 - new Date().getMilliseconds()).unref();
  }
  return dateCache;
}

function validateHeaderName(name, label = 'Header name') {
  if (typeof name !== 'string' || !name || !checkIsHttpToken(name)) throw new ERR_INVALID_HTTP_TOKEN(label, name);
}

function validateHeaderValue(name, value) {
  if (value === undefined) throw new ERR_HTTP_INVALID_HEADER_VALUE(value, name);
  if (checkInvalidHeaderChar(value)) throw new ERR_INVALID_CHAR('header content', name);
}

function isCookieField(name) { return name.length === 6 && name.toLowerCase() === 'cookie'; }

function nop() {}

class OutgoingMessage extends Stream {
  constructor(options) {
    super();
    this.outputData = [];
    this.outputSize = 0;
    this.writable = true;
    this.destroyed = false;
    this._last = false;
    this.chunkedEncoding = false;
    this.shouldKeepAlive = true;
    this.maxRequestsOnConnectionReached = false;
    this._defaultKeepAlive = true;
    this.useChunkedEncodingByDefault = true;
    this.sendDate = false;
    this._removedConnection = false;
    this._removedContLen = false;
    this._removedTE = false;
    this.strictContentLength = false;
    this[kBytesWritten] = 0;
    this._contentLength = null;
    this._hasBody = true;
    this._trailer = '';
    this[kNeedDrain] = false;
    this.finished = false;
    this._headerSent = false;
    this[kCorked] = 0;
    this._closed = false;
    this.socket = null;
    this._header = null;
    this[kOutHeaders] = null;
    this._keepAliveTimeout = 0;
    this._onPendingData = nop;
    this[kErrored] = null;
    this[kHighWaterMark] = options?.highWaterMark ?? HIGH_WATER_MARK;
    this[kRejectNonStandardBodyWrites] = options?.rejectNonStandardBodyWrites ?? false;
  }

  get connection() { return this.socket; }
  set connection(value) { this.socket = value; }
  get errored() { return this[kErrored]; }
  get closed() { return this._closed; }
  get headersSent() { return !!this._header; }
  get writableEnded() { return this.finished; }
  get writableFinished() {
    return this.finished && this.outputSize === 0 && (!this.socket || this.socket.writableLength === 0);
  }
  get writableObjectMode() { return false; }
  get writableLength() { return this.outputSize + (this.socket ? this.socket.writableLength : 0); }
  get writableHighWaterMark() { return this.socket ? this.socket.writableHighWaterMark : this[kHighWaterMark]; }
  get writableCorked() { return this.socket ? this.socket.writableCorked : this[kCorked]; }
  get writableNeedDrain() { return !this.destroyed && !this.finished && this[kNeedDrain]; }

  cork() {
    if (this.socket) this.socket.cork(); else this[kCorked]++;
  }

  uncork() {
    if (this.socket) this.socket.uncork(); else if (this[kCorked]) this[kCorked]--;
  }

  setTimeout(msecs, callback) {
    if (callback) this.on('timeout', callback);
    if (!this.socket) this.once('socket', (socket) => socket.setTimeout(msecs));
    else this.socket.setTimeout(msecs);
    return this;
  }

  destroy(error) {
    if (this.destroyed) return this;
    this.destroyed = true;
    this[kErrored] = error;
    if (this.socket) this.socket.destroy(error);
    else this.once('socket', (socket) => socket.destroy(error));
    return this;
  }

  // --- headers ---

  setHeader(name, value) {
    if (this._header) throw new ERR_HTTP_HEADERS_SENT('set');
    validateHeaderName(name);
    validateHeaderValue(name, value);
    let headers = this[kOutHeaders];
    if (headers === null) this[kOutHeaders] = headers = { __proto__: null };
    headers[name.toLowerCase()] = [name, value];
    return this;
  }

  setHeaders(headers) {
    if (this._header) throw new ERR_HTTP_HEADERS_SENT('set');
    if (!headers || Array.isArray(headers) || typeof headers.keys !== 'function' || typeof headers.get !== 'function') {
      throw new ERR_INVALID_ARG_TYPE('headers', ['Headers', 'Map'], headers);
    }
    // Set-Cookie may repeat: collect its values first.
    const cookies = [];
    for (const { 0: key, 1: value } of headers) {
      if (String(key).toLowerCase() === 'set-cookie') {
        if (Array.isArray(value)) cookies.push(...value); else cookies.push(value);
        continue;
      }
      this.setHeader(key, value);
    }
    if (cookies.length) this.setHeader('set-cookie', cookies);
    return this;
  }

  appendHeader(name, value) {
    if (this._header) throw new ERR_HTTP_HEADERS_SENT('append');
    validateHeaderName(name);
    validateHeaderValue(name, value);
    const field = name.toLowerCase();
    const headers = this[kOutHeaders];
    if (headers === null || !headers[field]) return this.setHeader(name, value);
    if (!Array.isArray(headers[field][1])) headers[field][1] = [headers[field][1]];
    const existing = headers[field][1];
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) existing.push(value[i]);
    } else {
      existing.push(value);
    }
    return this;
  }

  getHeader(name) {
    validateString(name, 'name');
    const headers = this[kOutHeaders];
    if (headers === null) return undefined;
    const entry = headers[name.toLowerCase()];
    return entry && entry[1];
  }

  getHeaderNames() { return this[kOutHeaders] !== null ? Object.keys(this[kOutHeaders]) : []; }

  getRawHeaderNames() {
    const headers = this[kOutHeaders];
    if (headers === null) return [];
    return Object.values(headers).map((entry) => entry[0]);
  }

  getHeaders() {
    const headers = this[kOutHeaders];
    const out = { __proto__: null };
    if (headers) for (const key of Object.keys(headers)) out[key] = headers[key][1];
    return out;
  }

  hasHeader(name) {
    validateString(name, 'name');
    return this[kOutHeaders] !== null && !!this[kOutHeaders][name.toLowerCase()];
  }

  removeHeader(name) {
    validateString(name, 'name');
    if (this._header) throw new ERR_HTTP_HEADERS_SENT('remove');
    const key = name.toLowerCase();
    switch (key) {
      case 'connection': this._removedConnection = true; break;
      case 'content-length': this._removedContLen = true; break;
      case 'transfer-encoding': this._removedTE = true; break;
      case 'date': this.sendDate = false; break;
    }
    if (this[kOutHeaders] !== null) delete this[kOutHeaders][key];
  }

  _implicitHeader() {
    throw new ERR_METHOD_NOT_IMPLEMENTED('_implicitHeader()');
  }

  _renderHeaders() {
    if (this._header) throw new ERR_HTTP_HEADERS_SENT('render');
    const headers = {};
    if (this[kOutHeaders] !== null) for (const key of Object.keys(this[kOutHeaders])) headers[this[kOutHeaders][key][0]] = this[kOutHeaders][key][1];
    return headers;
  }

  /** Builds the head from the first line and the headers, with Node's keep-alive and framing rules. */
  _storeHeader(firstLine, headers) {
    const state = { connection: false, contLen: false, te: false, date: false, expect: false, trailer: false, header: firstLine };
    if (headers) {
      if (headers === this[kOutHeaders]) {
        for (const key in headers) {
          const entry = headers[key];
          processHeader(this, state, entry[0], entry[1], false);
        }
      } else if (Array.isArray(headers)) {
        if (headers.length && Array.isArray(headers[0])) {
          for (const entry of headers) processHeader(this, state, entry[0], entry[1], true);
        } else {
          if (headers.length % 2 !== 0) throw new ERR_INVALID_ARG_VALUE('headers', headers);
          for (let n = 0; n < headers.length; n += 2) processHeader(this, state, headers[n], headers[n + 1], true);
        }
      } else {
        for (const key in headers) {
          if (Object.prototype.hasOwnProperty.call(headers, key)) processHeader(this, state, key, headers[key], true);
        }
      }
    }
    let { header } = state;
    if (this.sendDate && !state.date) header += 'Date: ' + utcDate() + CRLF;
    // A 204 or 304 never carries a body: no terminating chunk, and the connection closes.
    if (this.chunkedEncoding && (this.statusCode === 204 || this.statusCode === 304)) {
      this.chunkedEncoding = false;
      this.shouldKeepAlive = false;
    }
    if (this._removedConnection) {
      this._last = true;
      this.shouldKeepAlive = false;
    } else if (!state.connection) {
      const shouldSendKeepAlive = this.shouldKeepAlive && (state.contLen || this.useChunkedEncodingByDefault || this.agent);
      if (shouldSendKeepAlive && this.maxRequestsOnConnectionReached) {
        header += 'Connection: close\r\n';
      } else if (shouldSendKeepAlive) {
        header += 'Connection: keep-alive\r\n';
        if (this._keepAliveTimeout && this._defaultKeepAlive) {
          const timeoutSeconds = Math.floor(this._keepAliveTimeout / 1000);
          let max = '';
          if (~~this._maxRequestsPerSocket > 0) max = `, max=${this._maxRequestsPerSocket}`;
          header += `Keep-Alive: timeout=${timeoutSeconds}${max}\r\n`;
        }
      } else {
        this._last = true;
        header += 'Connection: close\r\n';
      }
    }
    if (!state.contLen && !state.te) {
      if (!this._hasBody) {
        this.chunkedEncoding = false;
      } else if (!this.useChunkedEncodingByDefault) {
        this._last = true;
      } else if (!state.trailer && !this._removedContLen && typeof this._contentLength === 'number') {
        header += 'Content-Length: ' + this._contentLength + CRLF;
      } else if (!this._removedTE) {
        header += 'Transfer-Encoding: chunked\r\n';
        this.chunkedEncoding = true;
      }
    }
    if (this.chunkedEncoding !== true && state.trailer) throw new ERR_HTTP_TRAILER_INVALID();
    this._header = header + CRLF;
    this._headerSent = false;
    // An `Expect: 100-continue` head goes at once (the peer waits for an answer to it).
    if (state.expect) this._send('');
  }

  // --- body ---

  write(chunk, encoding, callback) {
    if (typeof encoding === 'function') { callback = encoding; encoding = null; }
    const ret = writeInternal(this, chunk, encoding, callback, false);
    if (!ret) this[kNeedDrain] = true;
    return ret;
  }

  addTrailers(headers) {
    this._trailer = '';
    const keys = Object.keys(headers);
    const isArray = Array.isArray(headers);
    for (let i = 0; i < keys.length; i++) {
      let field, value;
      const key = keys[i];
      if (isArray) { field = headers[key][0]; value = headers[key][1]; } else { field = key; value = headers[key]; }
      if (typeof field !== 'string' || !field || !checkIsHttpToken(field)) throw new ERR_INVALID_HTTP_TOKEN('Trailer name', field);
      if (checkInvalidHeaderChar(value)) throw new ERR_INVALID_CHAR('trailer content', field);
      this._trailer += field + ': ' + value + CRLF;
    }
  }

  end(chunk, encoding, callback) {
    if (typeof chunk === 'function') { callback = chunk; chunk = null; encoding = null; }
    else if (typeof encoding === 'function') { callback = encoding; encoding = null; }
    if (this.socket) this.socket.cork();
    if (chunk) {
      if (this.finished) {
        onError(this, new ERR_STREAM_WRITE_AFTER_END(), typeof callback !== 'function' ? nop : callback);
        return this;
      }
      writeInternal(this, chunk, encoding, null, true);
    } else if (this.finished) {
      if (this.socket) this.socket.uncork();
      if (typeof callback === 'function') {
        if (!this.writableFinished) this.on('finish', () => callback(new ERR_STREAM_ALREADY_FINISHED('end')));
        else callback(new ERR_STREAM_ALREADY_FINISHED('end'));
      }
      return this;
    } else if (!this._header) {
      this._contentLength = 0;
      this._implicitHeader();
    }
    if (typeof callback === 'function') this.once('finish', callback);
    if (this.strictContentLength && this[kBytesWritten] !== this._contentLength && typeof this._contentLength === 'number' && !this._removedContLen) {
      throw new ERR_HTTP_CONTENT_LENGTH_MISMATCH(this[kBytesWritten], this._contentLength);
    }
    const finish = (err) => { if (!err) onFinish(this); };
    if (this._hasBody && this.chunkedEncoding) {
      this._send('0\r\n' + this._trailer + '\r\n', 'latin1', finish);
    } else {
      // Force a flush: 'finish' follows once everything written so far is out.
      this._send('', 'latin1', finish);
    }
    if (this.socket) {
      this.socket._writableState.corked = 1;
      this.socket.uncork();
    }
    this[kCorked] = 0;
    this.finished = true;
    if (this.outputData.length === 0 && this.socket && this.socket._httpMessage === this) this._finish();
    return this;
  }

  _finish() {
    this.emit('prefinish');
  }

  /** Head and body go out together when they can (one packet, as in Node). */
  _send(data, encoding, callback) {
    if (!this._headerSent && this._header !== null) {
      // The head is Latin-1 text (header values are bytes): joined with a body string only when
      // that encodes it the same.
      if (typeof data === 'string' && (encoding === 'latin1' || ((encoding === 'utf8' || !encoding) && !nonAscii.test(this._header)))) {
        data = this._header + data;
      } else {
        const header = this._header;
        this.outputData.unshift({ data: header, encoding: 'latin1', callback: null });
        this.outputSize += header.length;
        this._onPendingData(header.length);
      }
      this._headerSent = true;
    }
    return this._writeRaw(data, encoding, callback);
  }

  _writeRaw(data, encoding, callback) {
    const conn = this.socket;
    if (conn && conn.destroyed) return false;
    if (typeof encoding === 'function') { callback = encoding; encoding = null; }
    if (conn && conn._httpMessage === this && conn.writable) {
      if (this.outputData.length) this._flushOutput(conn);
      return conn.write(data, encoding, callback);
    }
    this.outputData.push({ data, encoding, callback });
    this.outputSize += data.length;
    this._onPendingData(data.length);
    return this.outputSize < this[kHighWaterMark];
  }

  /** The connection became this message's: what was queued goes out. */
  _flush() {
    const socket = this.socket;
    if (socket && socket.writable) {
      const ret = this._flushOutput(socket);
      if (this.finished) {
        this._finish();
      } else if (ret && this[kNeedDrain]) {
        this[kNeedDrain] = false;
        this.emit('drain');
      }
    }
  }

  _flushOutput(socket) {
    while (this[kCorked]) { this[kCorked]--; socket.cork(); }
    const outputLength = this.outputData.length;
    if (outputLength <= 0) return undefined;
    const outputData = this.outputData;
    socket.cork();
    let ret;
    for (let i = 0; i < outputLength; i++) {
      const { data, encoding, callback } = outputData[i];
      outputData[i].data = null;
      ret = socket.write(data, encoding, callback);
    }
    socket.uncork();
    this.outputData = [];
    this._onPendingData(-this.outputSize);
    this.outputSize = 0;
    return ret;
  }

  flushHeaders() {
    if (!this._header) this._implicitHeader();
    // Force-flush the headers.
    this._send('');
  }

  pipe() {
    // OutgoingMessage should be write-only; piping from it is disabled.
    this.emit('error', new ERR_STREAM_CANNOT_PIPE());
  }

}

// The deprecated (DEP0066) views of the header map, as Node's accessors.
function warnDEP0066(name) {
  internal.warnOnce('DEP0066', `OutgoingMessage.prototype.${name} is deprecated`, 'DeprecationWarning', 'DEP0066');
}
Object.defineProperties(OutgoingMessage.prototype, {
  _headers: {
    __proto__: null,
    get: function deprecated() { warnDEP0066('_headers'); return this.getHeaders(); },
    set: function deprecated(val) {
      warnDEP0066('_headers');
      if (val == null) {
        this[kOutHeaders] = null;
      } else if (typeof val === 'object') {
        const headers = this[kOutHeaders] = { __proto__: null };
        for (const name of Object.keys(val)) headers[name.toLowerCase()] = [name, val[name]];
      }
    },
  },
  _headerNames: {
    __proto__: null,
    get: function deprecated() {
      warnDEP0066('_headerNames');
      const headers = this[kOutHeaders];
      if (headers === null) return null;
      const out = { __proto__: null };
      for (const key of Object.keys(headers)) out[key] = headers[key][0];
      return out;
    },
    set: function deprecated(val) {
      warnDEP0066('_headerNames');
      if (typeof val === 'object' && val !== null) {
        const headers = this[kOutHeaders];
        if (!headers) return;
        for (const key of Object.keys(val)) {
          const header = headers[key];
          if (header) header[0] = val[key];
        }
      }
    },
  },
});

function processHeader(self, state, key, value, validate) {
  if (validate) validateHeaderName(key);
  if (Array.isArray(value)) {
    if (value.length < 2 || !isCookieField(key)) {
      for (let i = 0; i < value.length; i++) storeHeader(self, state, key, value[i], validate);
      return;
    }
    value = value.join('; ');
  }
  storeHeader(self, state, key, value, validate);
}

function storeHeader(self, state, key, value, validate) {
  if (validate) validateHeaderValue(key, value);
  state.header += key + ': ' + value + CRLF;
  matchHeader(self, state, key, value);
}

function matchHeader(self, state, field, value) {
  if (field.length < 4 || field.length > 17) return;
  field = field.toLowerCase();
  switch (field) {
    case 'connection':
      state.connection = true;
      self._removedConnection = false;
      if (RE_CONN_CLOSE.test(value)) self._last = true; else self.shouldKeepAlive = true;
      break;
    case 'transfer-encoding':
      state.te = true;
      self._removedTE = false;
      if (RE_TE_CHUNKED.test(value)) self.chunkedEncoding = true;
      break;
    case 'content-length':
      state.contLen = true;
      self._contentLength = +value;
      self._removedContLen = false;
      break;
    case 'date':
    case 'expect':
    case 'trailer':
      state[field] = true;
      break;
    case 'keep-alive':
      self._defaultKeepAlive = false;
      break;
  }
}

const crlfBuffer = Buffer.from('\r\n');

function writeInternal(msg, chunk, encoding, callback, fromEnd) {
  if (typeof callback !== 'function') callback = nop;
  let len;
  if (chunk === null) throw new ERR_STREAM_NULL_VALUES();
  else if (typeof chunk === 'string') len = Buffer.byteLength(chunk, encoding);
  else if (chunk instanceof Uint8Array) len = chunk.length;
  else throw new ERR_INVALID_ARG_TYPE('chunk', ['string', 'Buffer', 'Uint8Array'], chunk);
  let err;
  if (msg.finished) err = new ERR_STREAM_WRITE_AFTER_END();
  else if (msg.destroyed) err = new ERR_STREAM_DESTROYED('write');
  if (err) {
    if (!msg.destroyed) onError(msg, err, callback); else process.nextTick(callback, err);
    return false;
  }
  if (!msg._header) {
    if (fromEnd) msg._contentLength = len;
    msg._implicitHeader();
  }
  if (!msg._hasBody) {
    if (msg[kRejectNonStandardBodyWrites]) throw new ERR_HTTP_BODY_NOT_ALLOWED();
    process.nextTick(callback);
    return true;
  }
  msg[kBytesWritten] += len;
  if (!fromEnd && msg.socket && !msg.socket.writableCorked) {
    msg.socket.cork();
    process.nextTick(connectionCorkNT, msg.socket);
  }
  let ret;
  if (msg.chunkedEncoding && len !== 0) {
    msg._send(len.toString(16), 'latin1', null);
    msg._send(crlfBuffer, null, null);
    msg._send(chunk, encoding, null);
    ret = msg._send(crlfBuffer, null, callback);
  } else {
    ret = msg._send(chunk, encoding, callback);
  }
  return ret;
}

function connectionCorkNT(conn) { conn.uncork(); }

function onError(msg, err, callback) {
  process.nextTick(() => {
    callback(err);
    if (typeof msg.emit === 'function' && !msg._closed) msg.emit('error', err);
  });
}

function onFinish(msg) {
  if (msg && msg.socket && msg.socket._hadError) return;
  msg.emit('finish');
}

module.exports = {
  kHighWaterMark, kUniqueHeaders: Symbol('kUniqueHeaders'),
  parseUniqueHeadersOption(headers) { return headers ? new Set(headers.map((h) => String(h).toLowerCase())) : null; },
  validateHeaderName,
  validateHeaderValue,
  OutgoingMessage,
};
