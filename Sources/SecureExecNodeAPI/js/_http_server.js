'use strict';
// _http_server: http.Server and ServerResponse, as Node builds them — an HTTP/1 server is a
// net.Server (the host's loopback listener; every connection a net.Socket) whose connections
// this module parses and answers: keep-alive, pipelining, `Expect: 100-continue`, upgrades and
// CONNECT, 'clientError' with Node's 400/408/431 answers, the server's idle, keep-alive,
// headers and request timeouts. The host sees bytes on a socket only: the `listen` permission
// (protocol "http:"/"https:") is the server's one check.

const net = require('net');
const { Buffer } = require('buffer');
const { HTTPParser, continueExpression, chunkExpression, _checkInvalidHeaderChar: checkInvalidHeaderChar, freeParser } = require('_http_common');
const { IncomingMessage, readStart, readStop } = require('_http_incoming');
const { OutgoingMessage, kUniqueHeaders, parseUniqueHeadersOption } = require('_http_outgoing');
const { kOutHeaders, kNeedDrain } = require('internal/http');
const { validateInteger, validateBoolean, validateObject } = require('internal/validators');
const {
  codes: {
    ERR_HTTP_HEADERS_SENT, ERR_HTTP_INVALID_STATUS_CODE, ERR_HTTP_SOCKET_ASSIGNED, ERR_HTTP_SOCKET_ENCODING,
    ERR_HTTP_REQUEST_TIMEOUT, ERR_INVALID_ARG_VALUE, ERR_INVALID_CHAR,
  },
} = require('internal/errors');

const STATUS_CODES = {
  100: 'Continue', 101: 'Switching Protocols', 102: 'Processing', 103: 'Early Hints', 200: 'OK', 201: 'Created',
  202: 'Accepted', 203: 'Non-Authoritative Information', 204: 'No Content', 205: 'Reset Content', 206: 'Partial Content',
  207: 'Multi-Status', 208: 'Already Reported', 226: 'IM Used', 300: 'Multiple Choices', 301: 'Moved Permanently',
  302: 'Found', 303: 'See Other', 304: 'Not Modified', 305: 'Use Proxy', 307: 'Temporary Redirect',
  308: 'Permanent Redirect', 400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden',
  404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable', 407: 'Proxy Authentication Required',
  408: 'Request Timeout', 409: 'Conflict', 410: 'Gone', 411: 'Length Required', 412: 'Precondition Failed',
  413: 'Payload Too Large', 414: 'URI Too Long', 415: 'Unsupported Media Type', 416: 'Range Not Satisfiable',
  417: 'Expectation Failed', 418: "I'm a Teapot", 421: 'Misdirected Request', 422: 'Unprocessable Entity',
  423: 'Locked', 424: 'Failed Dependency', 425: 'Too Early', 426: 'Upgrade Required', 428: 'Precondition Required',
  429: 'Too Many Requests', 431: 'Request Header Fields Too Large', 451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable',
  504: 'Gateway Timeout', 505: 'HTTP Version Not Supported', 506: 'Variant Also Negotiates', 507: 'Insufficient Storage',
  508: 'Loop Detected', 509: 'Bandwidth Limit Exceeded', 510: 'Not Extended', 511: 'Network Authentication Required',
};

const kServerResponse = Symbol('ServerResponse');
const kIncomingMessageClass = Symbol('IncomingMessage');
const kConnections = Symbol('http.server.connections');
const kConnectionsCheckingInterval = Symbol('http.server.connectionsCheckingInterval');

// ---------------------------------------------------------------------------------------------
// ServerResponse

class ServerResponse extends OutgoingMessage {
  constructor(req, options) {
    super(options);
    if (req.method === 'HEAD') this._hasBody = false;
    this.req = req;
    this.sendDate = true;
    this._sent100 = false;
    this._expect_continue = false;
    if (req.httpVersionMajor < 1 || req.httpVersionMinor < 1) {
      this.useChunkedEncodingByDefault = chunkExpression.test(req.headers.te);
      this.shouldKeepAlive = false;
    }
    this.statusCode = 200;
    this.statusMessage = undefined;
  }

  assignSocket(socket) {
    if (socket._httpMessage) throw new ERR_HTTP_SOCKET_ASSIGNED();
    socket._httpMessage = this;
    socket.on('close', onServerResponseClose);
    this.socket = socket;
    this.emit('socket', socket);
    this._flush();
  }

  detachSocket(socket) {
    socket.removeListener('close', onServerResponseClose);
    socket._httpMessage = null;
    this.socket = null;
  }

  writeContinue(callback) {
    this._writeRaw('HTTP/1.1 100 Continue\r\n\r\n', 'ascii', callback);
    this._sent100 = true;
  }

  writeProcessing(callback) {
    this._writeRaw('HTTP/1.1 102 Processing\r\n\r\n', 'ascii', callback);
  }

  writeEarlyHints(hints, callback) {
    validateObject(hints, 'hints');
    if (hints.link === null || hints.link === undefined) return;
    const link = linkHeaderValue(hints.link);
    if (link.length === 0) return;
    let head = 'HTTP/1.1 103 Early Hints\r\nLink: ' + link + '\r\n';
    for (const key of Object.keys(hints)) {
      if (key !== 'link') head += key + ': ' + hints[key] + '\r\n';
    }
    this._writeRaw(head + '\r\n', 'ascii', callback);
  }

  _implicitHeader() { this.writeHead(this.statusCode); }

  writeHead(statusCode, reason, obj) {
    if (this._header) throw new ERR_HTTP_HEADERS_SENT('write');
    const originalStatusCode = statusCode;
    statusCode |= 0;
    if (statusCode < 100 || statusCode > 999) throw new ERR_HTTP_INVALID_STATUS_CODE(originalStatusCode);
    if (typeof reason === 'string') {
      this.statusMessage = reason;
    } else {
      this.statusMessage ||= STATUS_CODES[statusCode] || 'unknown';
      obj ??= reason;
    }
    this.statusCode = statusCode;
    let headers;
    if (this[kOutHeaders]) {
      if (Array.isArray(obj)) {
        if (obj.length % 2 !== 0) throw new ERR_INVALID_ARG_VALUE('headers', obj);
        // Headers given here override earlier ones but may repeat among themselves.
        for (let n = 0; n < obj.length; n += 2) this.removeHeader(obj[n]);
        for (let n = 0; n < obj.length; n += 2) if (obj[n]) this.appendHeader(obj[n], obj[n + 1]);
      } else if (obj) {
        for (const k of Object.keys(obj)) if (k) this.setHeader(k, obj[k]);
      }
      headers = this[kOutHeaders];
    } else {
      headers = obj;
    }
    if (checkInvalidHeaderChar(this.statusMessage)) throw new ERR_INVALID_CHAR('statusMessage');
    const statusLine = `HTTP/1.1 ${statusCode} ${this.statusMessage}\r\n`;
    if (statusCode === 204 || statusCode === 304 || (statusCode >= 100 && statusCode <= 199)) this._hasBody = false;
    // A client waiting for 100 Continue that got a final answer must still send its body.
    if (this._expect_continue && !this._sent100) this.shouldKeepAlive = false;
    this._storeHeader(statusLine, headers);
    return this;
  }

  get writeHeader() { return this.writeHead; }
}

// `<uri>` then `; param` or `; param=value` (a value quoted or not), as Node checks Link hints.
const linkValue = /^<[^>]*>(?:\s*;\s*[^;"\s]+(?:=(")?[^;"\s]*\1)?)*$/;
const linkFormat = 'must be an array or string of format "</styles.css>; rel=preload; as=style"';

/** The Link header value of Early Hints: one link, or a list joined with commas. */
function linkHeaderValue(hints) {
  const check = (value) => {
    if (typeof value !== 'string' || !linkValue.test(value)) throw new ERR_INVALID_ARG_VALUE('hints', value, linkFormat);
    return value;
  };
  if (typeof hints === 'string') return check(hints);
  if (Array.isArray(hints)) return hints.map(check).join(', ');
  throw new ERR_INVALID_ARG_VALUE('hints', hints, linkFormat);
}

function onServerResponseClose() {
  const res = this._httpMessage;
  if (res) emitCloseNT(res);
}

function emitCloseNT(res) {
  if (!res._closed) {
    res.destroyed = true;
    res._closed = true;
    res.emit('close');
  }
}

// ---------------------------------------------------------------------------------------------
// Connections: what each one is doing, for the server's timeouts and closeIdleConnections.

class ConnectionsList {
  constructor() { this.list = new Set(); }
  add(entry) { this.list.add(entry); }
  remove(entry) { this.list.delete(entry); }
  all() { return [...this.list]; }
  idle() { return [...this.list].filter((c) => c.requestStart === null); }
  /** Connections whose current request took too long: headers, or the whole request. */
  expired(headersTimeout, requestTimeout) {
    const now = internal.loop.now;
    const out = [];
    for (const c of this.list) {
      if (c.requestStart === null) continue;
      if (!c.headersDone && headersTimeout > 0 && now - c.requestStart > headersTimeout) { out.push(c); continue; }
      if (requestTimeout > 0 && now - c.requestStart > requestTimeout) out.push(c);
    }
    for (const c of out) this.list.delete(c);
    return out;
  }
}


// ---------------------------------------------------------------------------------------------
// Server

function storeHTTPOptions(options) {
  this[kIncomingMessageClass] = options.IncomingMessage || IncomingMessage;
  this[kServerResponse] = options.ServerResponse || ServerResponse;
  const maxHeaderSize = options.maxHeaderSize;
  if (maxHeaderSize !== undefined) validateInteger(maxHeaderSize, 'maxHeaderSize', 0);
  this.maxHeaderSize = maxHeaderSize;
  const insecureHTTPParser = options.insecureHTTPParser;
  if (insecureHTTPParser !== undefined) validateBoolean(insecureHTTPParser, 'options.insecureHTTPParser');
  this.insecureHTTPParser = insecureHTTPParser;
  this.requestTimeout = integerOption(options, 'requestTimeout', 300000);
  this.headersTimeout = integerOption(options, 'headersTimeout', Math.min(60000, this.requestTimeout));
  if (this.requestTimeout > 0 && this.headersTimeout > 0 && this.headersTimeout > this.requestTimeout) {
    throw new ERR_INVALID_ARG_VALUE('headersTimeout', options.headersTimeout, 'must be less than or equal to requestTimeout');
  }
  this.keepAliveTimeout = integerOption(options, 'keepAliveTimeout', 5000);
  this.connectionsCheckingInterval = integerOption(options, 'connectionsCheckingInterval', 30000);
  const requireHostHeader = options.requireHostHeader;
  if (requireHostHeader !== undefined) {
    validateBoolean(requireHostHeader, 'options.requireHostHeader');
    this.requireHostHeader = requireHostHeader;
  } else {
    this.requireHostHeader = true;
  }
  const joinDuplicateHeaders = options.joinDuplicateHeaders;
  if (joinDuplicateHeaders !== undefined) validateBoolean(joinDuplicateHeaders, 'options.joinDuplicateHeaders');
  this.joinDuplicateHeaders = joinDuplicateHeaders;
  const rejectNonStandardBodyWrites = options.rejectNonStandardBodyWrites;
  if (rejectNonStandardBodyWrites !== undefined) validateBoolean(rejectNonStandardBodyWrites, 'options.rejectNonStandardBodyWrites');
  this.rejectNonStandardBodyWrites = rejectNonStandardBodyWrites ?? false;
  this[kUniqueHeaders] = parseUniqueHeadersOption(options.uniqueHeaders);
}

/** A non-negative integer option, or its default. */
function integerOption(options, name, defaultValue) {
  const value = options[name];
  if (value === undefined) return defaultValue;
  validateInteger(value, name, 0);
  return value;
}

function setupConnectionsTracking() {
  this[kConnections] ||= new ConnectionsList();
  if (this[kConnectionsCheckingInterval]) clearInterval(this[kConnectionsCheckingInterval]);
  if (this.connectionsCheckingInterval > 0) {
    this[kConnectionsCheckingInterval] = setInterval(checkConnections.bind(this), this.connectionsCheckingInterval).unref();
  }
}

function httpServerPreClose(server) {
  server.closeIdleConnections();
  clearInterval(server[kConnectionsCheckingInterval]);
}

function checkConnections() {
  const headersTimeout = Number.isFinite(this.headersTimeout) && this.headersTimeout >= 0 ? this.headersTimeout : 0;
  const requestTimeout = Number.isFinite(this.requestTimeout) && this.requestTimeout >= 0 ? this.requestTimeout : 0;
  if (headersTimeout === 0 && requestTimeout === 0) return;
  for (const connection of this[kConnections].expired(headersTimeout, requestTimeout)) {
    if (connection.socket) socketOnError.call(connection.socket, new ERR_HTTP_REQUEST_TIMEOUT());
  }
}

class Server extends net.Server {
  constructor(options, requestListener) {
    if (typeof options === 'function') { requestListener = options; options = {}; }
    else if (options === null || options === undefined) options = {};
    else validateObject(options, 'options');
    super({ allowHalfOpen: true, noDelay: options.noDelay ?? true, keepAlive: options.keepAlive,
      keepAliveInitialDelay: options.keepAliveInitialDelay, highWaterMark: options.highWaterMark });
    storeHTTPOptions.call(this, options);
    if (requestListener) this.on('request', requestListener);
    this.httpAllowHalfOpen = false;
    this.on('connection', connectionListener);
    this.on('listening', setupConnectionsTracking);
    this.timeout = 0;
    this.maxHeadersCount = null;
    this.maxRequestsPerSocket = 0;
  }

  _listenArguments(args) { return { ...args, http: true }; }
}
addServerMethods(Server.prototype, net.Server.prototype);

/** The HTTP behaviour of a server class (http.Server, https.Server) over its base's close. */
function addServerMethods(proto, base) {
  proto.close = function close(...args) {
    httpServerPreClose(this);
    Reflect.apply(base.close, this, args);
    return this;
  };
  proto.closeAllConnections = function closeAllConnections() {
    if (!this[kConnections]) return;
    for (const connection of this[kConnections].all()) connection.socket.destroy();
  };
  proto.closeIdleConnections = function closeIdleConnections() {
    if (!this[kConnections]) return;
    for (const connection of this[kConnections].idle()) {
      const socket = connection.socket;
      const message = socket._httpMessage;
      if (message && !message.finished) continue;
      // Our writes reach the host asynchronously: an ended answer whose last bytes are still on
      // their way closes its connection once they are written ('finish'), as Node's (written
      // synchronously) would have been by now.
      if (message && !message.writableFinished) {
        message.once('finish', () => socket.destroy());
        continue;
      }
      socket.destroy();
    }
  };
  proto.setTimeout = function setTimeout(msecs, callback) {
    this.timeout = msecs;
    if (callback) this.on('timeout', callback);
    return this;
  };
  proto[Symbol.asyncDispose] = function () {
    return new Promise((resolve, reject) => this.close((err) => (err ? reject(err) : resolve())));
  };
  proto[Symbol.for('nodejs.rejection')] = function (err, event, ...args) {
    if (event === 'request') {
      const res = args[1];
      if (!res.headersSent && !res.writableEnded) {
        for (const name of res.getHeaderNames()) res.removeHeader(name);
        res.statusCode = 500;
        res.end(STATUS_CODES[500]);
      } else {
        res.destroy();
      }
      return;
    }
    const rejection = base[Symbol.for('nodejs.rejection')];
    if (typeof rejection === 'function') Reflect.apply(rejection, this, [err, event, ...args]);
    else this.emit('error', err);
  };
}

// ---------------------------------------------------------------------------------------------
// One connection

const badRequestResponse = `HTTP/1.1 400 ${STATUS_CODES[400]}\r\nConnection: close\r\n\r\n`;
const requestTimeoutResponse = `HTTP/1.1 408 ${STATUS_CODES[408]}\r\nConnection: close\r\n\r\n`;
const requestHeaderFieldsTooLargeResponse = `HTTP/1.1 431 ${STATUS_CODES[431]}\r\nConnection: close\r\n\r\n`;
const requestChunkExtensionsTooLargeResponse = `HTTP/1.1 413 ${STATUS_CODES[413]}\r\nConnection: close\r\n\r\n`;

function noop() {}

function connectionListener(socket) {
  const server = this;
  socket.server = server;
  // A timeout nobody handles ends the connection.
  if (server.timeout && typeof socket.setTimeout === 'function') socket.setTimeout(server.timeout);
  socket.on('timeout', socketOnTimeout);

  const parser = new HTTPParser(HTTPParser.REQUEST, server.maxHeaderSize || 0, server.insecureHTTPParser === true);
  parser.socket = socket;
  socket.parser = parser;
  if (typeof server.maxHeadersCount === 'number' && server.maxHeadersCount > 0) parser.maxHeaderPairs = server.maxHeadersCount << 1;

  // requestStart: the loop time the current request's first byte came (null between requests).
  const connection = { socket, requestStart: null, headersDone: false };
  server[kConnections] ||= new ConnectionsList();
  server[kConnections].add(connection);

  const state = {
    onData: null, onEnd: null, onClose: null, onDrain: null,
    outgoing: [], incoming: [], outgoingData: 0, requestsCount: 0, keepAliveTimeoutSet: false, connection,
  };
  state.onData = (d) => socketOnData(server, socket, parser, state, d);
  state.onEnd = () => socketOnEnd(server, socket, parser, state);
  state.onClose = () => socketOnClose(socket, state);
  state.onDrain = () => socketOnDrain(socket, state);
  socket.on('data', state.onData);
  socket.on('error', socketOnError);
  socket.on('end', state.onEnd);
  socket.on('close', state.onClose);
  socket.on('drain', state.onDrain);

  parser.onHeadersComplete = (info) => parserOnHeadersComplete(server, socket, parser, state, info);
  parser.onBody = (chunk) => parserOnBody(parser, socket, chunk);
  parser.onMessageComplete = (trailers) => parserOnMessageComplete(parser, socket, state, trailers);
  socket.setEncoding = socketSetEncoding;
  socket._paused = false;
}

function socketSetEncoding() { throw new ERR_HTTP_SOCKET_ENCODING(); }

function updateOutgoingData(socket, state, delta) {
  state.outgoingData += delta;
  socketOnDrain(socket, state);
}

function socketOnDrain(socket, state) {
  const needPause = state.outgoingData > socket.writableHighWaterMark;
  // Paused for too much queued output: read again.
  if (socket._paused && !needPause) {
    socket._paused = false;
    socket.resume();
  }
  const msg = socket._httpMessage;
  if (msg && !msg.finished && msg.writableNeedDrain) {
    msg[kNeedDrain] = false;
    msg.emit('drain');
  }
}

function socketOnTimeout() {
  const req = this.parser?.incoming;
  const reqTimeout = req && !req.complete && req.emit('timeout', this);
  const res = this._httpMessage;
  const resTimeout = res && res.emit('timeout', this);
  const serverTimeout = this.server.emit('timeout', this);
  if (!reqTimeout && !resTimeout && !serverTimeout) this.destroy();
}

function socketOnClose(socket, state) {
  freeParser(socket.parser, null, socket);
  socket.server?.[kConnections]?.remove(state.connection);
  state.connection.socket = null;
  abortIncoming(state.incoming);
}

function connResetError(message) {
  const err = new Error(message);
  err.code = 'ECONNRESET';
  return err;
}

function abortIncoming(incoming) {
  while (incoming.length) {
    const req = incoming.shift();
    req.destroy(connResetError('aborted'));
  }
}

function socketOnEnd(server, socket, parser, state) {
  const ret = parser.finish();
  if (ret instanceof Error) {
    socketOnError.call(socket, ret);
  } else if (!server.httpAllowHalfOpen && !answersEnded(socket, state)) {
    socket.end();
  } else if (state.outgoing.length) {
    // Answers already ended but not yet written out still go (Node's writes complete within
    // the tick that reads the end; ours wait for the host): the connection ends after the last.
    state.outgoing[state.outgoing.length - 1]._last = true;
  } else if (socket._httpMessage) {
    socket._httpMessage._last = true;
  } else {
    socket.end();
  }
}

/** Whether answers are in flight and every one of them has ended (only its bytes are pending). */
function answersEnded(socket, state) {
  const current = socket._httpMessage;
  if (!current || current.writableFinished) return false;
  return current.finished && state.outgoing.every((res) => res.finished);
}

function socketOnData(server, socket, parser, state, d) {
  if (!socket.parser) return;
  if (parser.idle && state.connection.requestStart === null) {
    state.connection.requestStart = internal.loop.now;
    state.connection.headersDone = false;
  }
  const ret = parser.execute(d);
  onParserExecuteCommon(server, socket, parser, state, ret, d);
}

function socketOnError(e) {
  // Later errors are ignored.
  this.removeListener('error', socketOnError);
  if (this.listenerCount('error') === 0) this.on('error', noop);
  if (!this.server.emit('clientError', e, this)) {
    // Answer only when nothing of an answer went out yet.
    if (this.writable && (!this._httpMessage || !this._httpMessage._headerSent)) {
      let response;
      switch (e.code) {
        case 'HPE_HEADER_OVERFLOW': response = requestHeaderFieldsTooLargeResponse; break;
        case 'HPE_CHUNK_EXTENSIONS_OVERFLOW': response = requestChunkExtensionsTooLargeResponse; break;
        case 'ERR_HTTP_REQUEST_TIMEOUT': response = requestTimeoutResponse; break;
        default: response = badRequestResponse;
      }
      this.write(response);
    }
    this.destroy(e);
  }
}

function onParserExecuteCommon(server, socket, parser, state, ret, d) {
  if (ret instanceof Error) {
    ret.rawPacket = d;
    socketOnError.call(socket, ret);
    return;
  }
  const req = parser.incoming;
  if (req && req.upgrade && parser.state === 8 /* UPGRADED */) {
    const eventName = req.method === 'CONNECT' ? 'connect' : 'upgrade';
    socket.removeListener('data', state.onData);
    socket.removeListener('end', state.onEnd);
    socket.removeListener('close', state.onClose);
    socket.removeListener('drain', state.onDrain);
    socket.removeListener('error', socketOnError);
    socket.removeListener('timeout', socketOnTimeout);
    delete socket.setEncoding;
    server[kConnections]?.remove(state.connection);
    freeParser(parser, req, socket);
    if (server.listenerCount(eventName) > 0) {
      const bodyHead = d.subarray(ret, d.length);
      socket.readableFlowing = null;
      socket.pause();
      server.emit(eventName, req, socket, Buffer.from(bodyHead));
    } else {
      // An upgrade or CONNECT nobody handles.
      socket.destroy();
    }
  } else if (req && req.method === 'PRI') {
    socket.destroy();
  }
}

function parserOnHeadersComplete(server, socket, parser, state, info) {
  const IncomingClass = server[kIncomingMessageClass];
  const req = new IncomingClass(socket);
  req.httpVersionMajor = info.versionMajor;
  req.httpVersionMinor = info.versionMinor;
  req.httpVersion = `${info.versionMajor}.${info.versionMinor}`;
  req.joinDuplicateHeaders = server.joinDuplicateHeaders === true;
  req.url = info.url;
  req.method = info.method;
  req.upgrade = info.upgrade;
  req._addHeaderLines(info.rawHeaders, info.rawHeaders.length);
  parser.incoming = req;
  state.connection.headersDone = true;

  if (req.upgrade) {
    req.upgrade = req.method === 'CONNECT' || server.listenerCount('upgrade') > 0;
    if (req.upgrade) {
      req.complete = true;
      req.push(null);
      return 2;
    }
  }
  const skipBody = parserOnIncoming(server, socket, state, req, info.shouldKeepAlive);
  return skipBody;
}

function parserOnBody(parser, socket, chunk) {
  const stream = parser.incoming;
  if (stream === null || stream._dumped) return;
  // The parser's buffer is reused by the socket: copy.
  const ret = stream.push(Buffer.from(chunk));
  if (!ret) {
    stream._pausedSocket = true;
    readStop(socket);
  }
}

function parserOnMessageComplete(parser, socket, state, trailers) {
  const stream = parser.incoming;
  state.connection.requestStart = null;
  if (stream !== null) {
    stream.complete = true;
    if (trailers.length) {
      stream._addHeaderLines(trailers, trailers.length);
    }
    stream.push(null);
  }
  readStart(socket);
}

function parserOnIncoming(server, socket, state, req, keepAlive) {
  resetSocketTimeout(server, socket, state);
  state.incoming.push(req);
  // Too many answers queued (a flood of pipelined requests): stop reading until they drain.
  if (!socket._paused) {
    const ws = socket._writableState;
    if ((ws && ws.needDrain) || state.outgoingData >= socket.writableHighWaterMark) {
      socket._paused = true;
      socket.pause();
    }
  }
  const ResponseClass = server[kServerResponse];
  const res = new ResponseClass(req, { highWaterMark: socket.writableHighWaterMark, rejectNonStandardBodyWrites: server.rejectNonStandardBodyWrites });
  res._keepAliveTimeout = server.keepAliveTimeout;
  res._maxRequestsPerSocket = server.maxRequestsPerSocket;
  res._onPendingData = (delta) => updateOutgoingData(socket, state, delta);
  res.shouldKeepAlive = keepAlive;
  res[kUniqueHeaders] = server[kUniqueHeaders];

  if (socket._httpMessage) state.outgoing.push(res); else res.assignSocket(socket);
  res.on('finish', () => resOnFinish(req, res, socket, state, server));

  let handled = false;
  if (req.httpVersionMajor === 1 && req.httpVersionMinor === 1) {
    // RFC 7230 5.4: an HTTP/1.1 request without Host is a 400.
    if (server.requireHostHeader && req.headers.host === undefined) {
      res.writeHead(400, ['Connection', 'close']);
      res.end();
      return 0;
    }
    const limited = typeof server.maxRequestsPerSocket === 'number' && server.maxRequestsPerSocket > 0;
    if (limited) {
      state.requestsCount++;
      res.maxRequestsOnConnectionReached = server.maxRequestsPerSocket <= state.requestsCount;
    }
    if (limited && server.maxRequestsPerSocket < state.requestsCount) {
      handled = true;
      server.emit('dropRequest', req, socket);
      res.writeHead(503);
      res.end();
    } else if (req.headers.expect !== undefined) {
      handled = true;
      if (continueExpression.test(req.headers.expect)) {
        res._expect_continue = true;
        if (server.listenerCount('checkContinue') > 0) {
          server.emit('checkContinue', req, res);
        } else {
          res.writeContinue();
          server.emit('request', req, res);
        }
      } else if (server.listenerCount('checkExpectation') > 0) {
        server.emit('checkExpectation', req, res);
      } else {
        res.writeHead(417);
        res.end();
      }
    }
  }
  if (!handled) server.emit('request', req, res);
  return 0;
}

function resetSocketTimeout(server, socket, state) {
  if (!state.keepAliveTimeoutSet) return;
  socket.setTimeout(server.timeout || 0);
  state.keepAliveTimeoutSet = false;
}

function clearIncoming(req) {
  req ||= this;
  const parser = req.socket?.parser;
  if (parser && parser.incoming === req) {
    if (req.readableEnded) parser.incoming = null;
    else req.on('end', clearIncoming);
  }
}

function resOnFinish(req, res, socket, state, server) {
  if (state.incoming[0] === req) state.incoming.shift();
  // A body nobody read is read and dropped, so the next request on the connection can come.
  if (!req._consuming && !req._readableState.resumeScheduled) req._dump();
  res.detachSocket(socket);
  clearIncoming(req);
  process.nextTick(emitCloseNT, res);
  if (res._last) {
    if (typeof socket.destroySoon === 'function') socket.destroySoon(); else socket.end();
  } else if (state.outgoing.length === 0) {
    if (server.keepAliveTimeout && typeof socket.setTimeout === 'function') {
      socket.setTimeout(server.keepAliveTimeout);
      state.keepAliveTimeoutSet = true;
    }
  } else {
    const next = state.outgoing.shift();
    if (next) next.assignSocket(socket);
  }
}

module.exports = {
  STATUS_CODES,
  Server: require('internal/callable_class')(Server),
  ServerResponse,
  setupConnectionsTracking,
  storeHTTPOptions,
  addServerMethods,
  _connectionListener: connectionListener,
  kServerResponse,
  httpServerPreClose,
  kConnectionsCheckingInterval,
};
