'use strict';
// http: the client (request/get, ClientRequest, IncomingMessage) and sandbox servers
// (createServer). A request is one host call (`net.fetch` with op "http"), checked like fetch:
// permission with the resolved addresses, then the adapter's destination policy, and the
// connection goes to the checked address. A server listens on the host's loopback; the host
// hands each request to the guest as an `http.server` event and the guest's answer goes back
// with `http.respond`.

const EventEmitter = require('events');
const { Readable, Writable } = require('stream');
const { Buffer } = require('buffer');
const { URL } = require('url');
const {
  codes: {
    ERR_HTTP_HEADERS_SENT, ERR_INVALID_HTTP_TOKEN, ERR_INVALID_ARG_TYPE, ERR_HTTP_INVALID_STATUS_CODE,
    ERR_INVALID_CHAR, ERR_HTTP_INVALID_HEADER_VALUE,
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

const METHODS = ['ACL', 'BIND', 'CHECKOUT', 'CONNECT', 'COPY', 'DELETE', 'GET', 'HEAD', 'LINK', 'LOCK', 'M-SEARCH', 'MERGE',
  'MKACTIVITY', 'MKCALENDAR', 'MKCOL', 'MOVE', 'NOTIFY', 'OPTIONS', 'PATCH', 'POST', 'PROPFIND', 'PROPPATCH', 'PURGE',
  'PUT', 'QUERY', 'REBIND', 'REPORT', 'SEARCH', 'SOURCE', 'SUBSCRIBE', 'TRACE', 'UNBIND', 'UNLINK', 'UNLOCK', 'UNSUBSCRIBE'];

const tokenRe = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;
const invalidValueRe = /[^\t\x20-\x7e\x80-\xff]/;

function validateHeaderName(name, label = 'Header name') {
  if (typeof name !== 'string' || !name || !tokenRe.test(name)) throw new ERR_INVALID_HTTP_TOKEN(label, name);
}

function validateHeaderValue(name, value) {
  if (value === undefined) throw new ERR_HTTP_INVALID_HEADER_VALUE(value, name);
  if (invalidValueRe.test(String(value))) throw new ERR_INVALID_CHAR('header content', name);
}

function toBuffer(chunk, encoding) {
  if (typeof chunk === 'string') return Buffer.from(chunk, encoding || 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new ERR_INVALID_ARG_TYPE('chunk', ['string', 'Buffer', 'Uint8Array'], chunk);
}

/** Node's rules for folding repeated headers into `message.headers`. */
const dropDuplicates = new Set(['age', 'authorization', 'content-length', 'content-type', 'etag', 'expires', 'from',
  'host', 'if-modified-since', 'if-unmodified-since', 'last-modified', 'location', 'max-forwards',
  'proxy-authorization', 'referer', 'retry-after', 'server', 'user-agent']);

function foldHeaders(pairs) {
  const headers = { __proto__: null };
  const distinct = { __proto__: null };
  for (const [rawName, value] of pairs) {
    const name = rawName.toLowerCase();
    (distinct[name] ??= []).push(value);
    if (headers[name] === undefined) {
      headers[name] = name === 'set-cookie' ? [value] : value;
    } else if (name === 'set-cookie') {
      headers[name].push(value);
    } else if (!dropDuplicates.has(name)) {
      headers[name] += (name === 'cookie' ? '; ' : ', ') + value;
    }
  }
  return { headers: Object.assign({}, headers), distinct: Object.assign({}, distinct) };
}

// ---------------------------------------------------------------------------------------------
// The connection as libraries see it (`req.socket`, `res.socket`): the host owns the real one,
// so this carries the addresses and accepts the usual calls.

class ConnectionSocket extends EventEmitter {
  constructor(remoteAddress, remotePort, localAddress, localPort, owner) {
    super();
    this.remoteAddress = remoteAddress;
    this.remotePort = remotePort;
    this.remoteFamily = 'IPv4';
    this.localAddress = localAddress;
    this.localPort = localPort;
    this.readable = true;
    this.writable = true;
    this.destroyed = false;
    this.connecting = false;
    this.bytesRead = 0;
    this.bytesWritten = 0;
    this._owner = owner;
  }
  address() { return { address: this.localAddress, family: 'IPv4', port: this.localPort }; }
  setTimeout(msecs, callback) { if (this._owner && typeof this._owner.setTimeout === 'function' && this._owner !== this) this._owner.setTimeout(msecs, callback); return this; }
  setNoDelay() { return this; }
  setKeepAlive() { return this; }
  ref() { return this; }
  unref() { return this; }
  cork() {}
  uncork() {}
  destroy(error) {
    if (this.destroyed) return this;
    this.destroyed = true;
    if (this._owner && typeof this._owner.destroy === 'function') this._owner.destroy(error);
    process.nextTick(() => this.emit('close', error != null));
    return this;
  }
  end() { return this.destroy(); }
}

// ---------------------------------------------------------------------------------------------
// IncomingMessage

class IncomingMessage extends Readable {
  constructor(socket = null) {
    super();
    this.socket = socket;
    this.httpVersionMajor = 1;
    this.httpVersionMinor = 1;
    this.httpVersion = '1.1';
    this.complete = false;
    this.rawHeaders = [];
    this.rawTrailers = [];
    this.headers = {};
    this.headersDistinct = {};
    this.trailers = {};
    this.trailersDistinct = {};
    this.aborted = false;
    this.upgrade = false;
    this.url = '';
    this.method = null;
    this.statusCode = null;
    this.statusMessage = null;
  }

  get connection() { return this.socket; }

  _setHeaders(pairs) {
    this.rawHeaders = pairs.flat();
    const { headers, distinct } = foldHeaders(pairs);
    this.headers = headers;
    this.headersDistinct = distinct;
  }

  _deliver(body) {
    if (body && body.length > 0) this.push(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
    this.complete = true;
    this.push(null);
  }

  _read() { if (this._requestMore) this._requestMore(); }

  _destroy(error, callback) {
    if (!this.readableEnded || !this.complete) {
      this.aborted = true;
      this.emit('aborted');
    }
    if (!this.complete && this._cancelBody) this._cancelBody();
    // As Node: the error is emitted only when someone listens for it.
    process.nextTick(() => callback(this.listenerCount('error') === 0 ? null : error));
  }

  setTimeout(msecs, callback) {
    if (callback) this.on('timeout', callback);
    return this;
  }
}

// ---------------------------------------------------------------------------------------------
// Outgoing messages: headers and body, buffered until end().

const kHeaders = Symbol('outgoing headers'); // lower name -> [name, value]
const kChunks = Symbol('outgoing chunks');

class OutgoingMessage extends Writable {
  constructor() {
    super({ decodeStrings: false, autoDestroy: false, emitClose: false });
    this[kHeaders] = new Map();
    this[kChunks] = [];
    this.headersSent = false;
    this.sendDate = false;
    this.finished = false;
    this.chunkedEncoding = false;
    this.useChunkedEncodingByDefault = true;
  }

  setHeader(name, value) {
    if (this.headersSent) throw new ERR_HTTP_HEADERS_SENT('set');
    validateHeaderName(name);
    validateHeaderValue(name, value);
    this[kHeaders].set(name.toLowerCase(), [name, value]);
    return this;
  }

  appendHeader(name, value) {
    if (this.headersSent) throw new ERR_HTTP_HEADERS_SENT('append');
    validateHeaderName(name);
    validateHeaderValue(name, value);
    const existing = this[kHeaders].get(name.toLowerCase());
    if (existing === undefined) { this[kHeaders].set(name.toLowerCase(), [name, value]); return this; }
    const values = Array.isArray(existing[1]) ? existing[1] : [existing[1]];
    existing[1] = values.concat(value);
    return this;
  }

  getHeader(name) {
    if (typeof name !== 'string') throw new ERR_INVALID_ARG_TYPE('name', 'string', name);
    return this[kHeaders].get(name.toLowerCase())?.[1];
  }
  getHeaders() {
    const out = { __proto__: null };
    for (const [key, [, value]] of this[kHeaders]) out[key] = value;
    return out;
  }
  getHeaderNames() { return [...this[kHeaders].keys()]; }
  getRawHeaderNames() { return [...this[kHeaders].values()].map(([name]) => name); }
  hasHeader(name) { return this[kHeaders].has(String(name).toLowerCase()); }
  removeHeader(name) {
    if (this.headersSent) throw new ERR_HTTP_HEADERS_SENT('remove');
    this[kHeaders].delete(String(name).toLowerCase());
  }
  flushHeaders() {}
  setTimeout(msecs, callback) { if (callback) this.once('timeout', callback); return this; }

  /** Header pairs for the host, one per value. */
  _headerPairs() {
    const pairs = [];
    for (const [name, value] of this[kHeaders].values()) {
      if (Array.isArray(value)) for (const v of value) pairs.push([name, String(v)]);
      else pairs.push([name, String(value)]);
    }
    return pairs;
  }

  _write(chunk, encoding, callback) {
    try {
      this[kChunks].push(toBuffer(chunk, encoding));
    } catch (e) {
      callback(e);
      return;
    }
    callback();
  }

  _body() {
    return this[kChunks].length === 0 ? undefined : Buffer.concat(this[kChunks]);
  }
}

// ---------------------------------------------------------------------------------------------
// Agent: keep-alive pooling as in Node. The host owns the connections (one call's, closed when
// it ends); an AgentSocket stands for one and carries its host id (`conn`), known from the first
// answer on it. Every request is checked again by the host, reused connection or not.

const socketsByConn = new Map(); // host connection id -> AgentSocket
let poolListening = false;

function listenPool() {
  if (poolListening) return;
  poolListening = true;
  // A connection the host saw close (the server ended an idle one): gone from freeSockets.
  internal.loop.onHostEvent('http.pool', (event) => {
    if (event === undefined || event.type !== 'close') return;
    const socket = socketsByConn.get(event.conn);
    if (socket === undefined) return;
    socketsByConn.delete(event.conn);
    socket._hostConn = undefined;
    if (socket._agentFree) socket.destroy();
  });
}

class AgentSocket extends ConnectionSocket {
  constructor(agent, name, options) {
    super(undefined, undefined, '127.0.0.1', 0, null);
    this._agent = agent;
    this._name = name;
    this._agentOptions = options;
    this._hostConn = undefined;
    this._agentFree = false;
    this._freeTimer = undefined;
    this._httpMessage = null;
    this.timeout = 0;
    if (agent.protocol === 'https:') this.encrypted = true;
  }

  _bindHost(conn) {
    if (this._hostConn === conn) return;
    if (this._hostConn !== undefined) socketsByConn.delete(this._hostConn);
    this._hostConn = conn;
    if (conn !== undefined) { listenPool(); socketsByConn.set(conn, this); }
  }

  setTimeout(msecs, callback) {
    if (callback) this.once('timeout', callback);
    this.timeout = Number(msecs) || 0;
    if (this._freeTimer) { clearTimeout(this._freeTimer); this._freeTimer = undefined; }
    if (this._agentFree && this.timeout > 0) {
      this._freeTimer = setTimeout(() => { this._freeTimer = undefined; this.emit('timeout'); }, this.timeout);
      this._freeTimer.unref?.();
    } else if (!this._agentFree && this._owner && msecs !== 0) {
      this._owner.setTimeout(msecs);
    }
    return this;
  }

  destroy(error) {
    if (this.destroyed) return this;
    this.destroyed = true;
    this.readable = false;
    this.writable = false;
    if (this._freeTimer) { clearTimeout(this._freeTimer); this._freeTimer = undefined; }
    if (this._hostConn !== undefined) {
      const conn = this._hostConn;
      socketsByConn.delete(conn);
      this._hostConn = undefined;
      internal.callAsync('http.poolClose', { conn }).catch(() => {});
    }
    const owner = this._owner;
    this._owner = null;
    if (owner && typeof owner.destroy === 'function' && !owner.destroyed && !owner._responseDone) owner.destroy(error);
    // As in Node, the agent lets go of the socket on its 'close'.
    process.nextTick(() => {
      this._agent._removeSocket(this);
      this.emit('close', error != null);
    });
    return this;
  }
}

class Agent extends EventEmitter {
  constructor(options) {
    super();
    this.defaultPort = 80;
    this.protocol = 'http:';
    this.options = { __proto__: null, ...options };
    if (this.options.noDelay === undefined) this.options.noDelay = true;
    this.options.path = null;
    this.requests = { __proto__: null };
    this.sockets = { __proto__: null };
    this.freeSockets = { __proto__: null };
    this.keepAliveMsecs = this.options.keepAliveMsecs || 1000;
    this.keepAlive = this.options.keepAlive || false;
    this.maxSockets = this.options.maxSockets || CallableAgent.defaultMaxSockets;
    this.maxFreeSockets = this.options.maxFreeSockets || 256;
    this.scheduling = this.options.scheduling || 'lifo';
    this.maxTotalSockets = this.options.maxTotalSockets;
    this.totalSocketCount = 0;
    this.agentKeepAliveTimeoutBuffer = 1000;
    if (this.scheduling !== 'fifo' && this.scheduling !== 'lifo') {
      const { ERR_INVALID_ARG_VALUE } = require('internal/errors').codes;
      throw new ERR_INVALID_ARG_VALUE('scheduling', this.scheduling, "must be one of: 'fifo', 'lifo'");
    }
    if (this.maxTotalSockets !== undefined) {
      if (typeof this.maxTotalSockets !== 'number') throw new ERR_INVALID_ARG_TYPE('maxTotalSockets', 'number', this.maxTotalSockets);
      if (!(this.maxTotalSockets > 0)) {
        const { ERR_OUT_OF_RANGE } = require('internal/errors').codes;
        throw new ERR_OUT_OF_RANGE('maxTotalSockets', '> 0', this.maxTotalSockets);
      }
    } else {
      this.maxTotalSockets = Infinity;
    }
    this.on('free', (socket, opts) => this._onFree(socket, opts));
  }

  getName(options = {}) {
    let name = options.host || 'localhost';
    name += ':';
    if (options.port) name += options.port;
    name += ':';
    if (options.localAddress) name += options.localAddress;
    if (options.family === 4 || options.family === 6) name += `:${options.family}`;
    if (options.socketPath) name += `:${options.socketPath}`;
    return name;
  }

  /** Gives `req` a socket: an idle one for its origin, a new one within the limits, or a place in the queue. */
  addRequest(req, options) {
    const name = this.getName(options);
    const free = this.freeSockets[name];
    let socket;
    while (free !== undefined && free.length > 0 && socket === undefined) {
      const candidate = this.scheduling === 'fifo' ? free.shift() : free.pop();
      if (!candidate.destroyed) socket = candidate;
    }
    if (free !== undefined && free.length === 0) delete this.freeSockets[name];
    if (socket !== undefined) {
      socket._agentFree = false;
      if (socket._freeTimer) { clearTimeout(socket._freeTimer); socket._freeTimer = undefined; }
      (this.sockets[name] ??= []).push(socket);
      this.reuseSocket(socket, req);
      req.onSocket(socket);
      return;
    }
    const inUse = this.sockets[name] === undefined ? 0 : this.sockets[name].length;
    if (inUse < this.maxSockets && this.totalSocketCount < this.maxTotalSockets) {
      req.onSocket(this.createSocket(req, options, name));
    } else {
      (this.requests[name] ??= []).push(req);
      req._queued = true;
      internal.loop.refHandle();
    }
  }

  createSocket(req, options, name = this.getName(options)) {
    const socket = new AgentSocket(this, name, { ...options });
    socket.on('free', () => this.emit('free', socket, socket._agentOptions));
    this.totalSocketCount++;
    (this.sockets[name] ??= []).push(socket);
    return socket;
  }

  reuseSocket(socket, req) {
    req.reusedSocket = true;
  }

  keepSocketAlive(socket) {
    socket.setKeepAlive(true, this.keepAliveMsecs);
    socket.unref();
    const timeout = this.options.timeout;
    if (timeout > 0) socket.setTimeout(timeout);
    return true;
  }

  _onFree(socket) {
    if (socket.destroyed) return;
    const name = socket._name;
    socket._httpMessage = null;
    socket._owner = null;
    const queue = this.requests[name];
    if (queue !== undefined && queue.length > 0) {
      const next = queue.shift();
      if (queue.length === 0) delete this.requests[name];
      this._dequeued(next);
      next.onSocket(socket);
      return;
    }
    const freeCount = this.freeSockets[name] === undefined ? 0 : this.freeSockets[name].length;
    if (!this.keepAlive || socket._hostConn === undefined || freeCount >= this.maxFreeSockets) {
      socket.destroy();
      return;
    }
    const inUse = this.sockets[name];
    if (inUse !== undefined) {
      const index = inUse.indexOf(socket);
      if (index !== -1) inUse.splice(index, 1);
      if (inUse.length === 0) delete this.sockets[name];
    }
    (this.freeSockets[name] ??= []).push(socket);
    socket._agentFree = true;
    if (socket.listenerCount('timeout') === 0) socket.on('timeout', () => { if (socket._agentFree) socket.destroy(); });
    this.keepSocketAlive(socket);
  }

  _dequeued(req) {
    if (req._queued) { req._queued = false; internal.loop.unrefHandle(); }
  }

  /** A queued request that ended before it got a socket. */
  _cancelRequest(req) {
    for (const name of Object.keys(this.requests)) {
      const queue = this.requests[name];
      const index = queue.indexOf(req);
      if (index !== -1) {
        queue.splice(index, 1);
        if (queue.length === 0) delete this.requests[name];
        this._dequeued(req);
      }
    }
  }

  _removeSocket(socket) {
    const name = socket._name;
    let found = false;
    for (const sets of [this.sockets, this.freeSockets]) {
      const list = sets[name];
      if (list === undefined) continue;
      const index = list.indexOf(socket);
      if (index !== -1) {
        list.splice(index, 1);
        found = true;
        if (list.length === 0) delete sets[name];
      }
    }
    if (found) this.totalSocketCount--;
    // A queued request gets a new socket for the closed one.
    const queue = this.requests[name];
    if (queue !== undefined && queue.length > 0) {
      const inUse = this.sockets[name] === undefined ? 0 : this.sockets[name].length;
      if (inUse < this.maxSockets && this.totalSocketCount < this.maxTotalSockets) {
        const next = queue.shift();
        if (queue.length === 0) delete this.requests[name];
        this._dequeued(next);
        next.onSocket(this.createSocket(next, socket._agentOptions, name));
      }
    }
  }

  destroy() {
    for (const sets of [this.freeSockets, this.sockets]) {
      for (const name of Object.keys(sets)) for (const socket of [...sets[name]]) socket.destroy();
    }
  }
}
// As in Node, `http.Agent(options)` works without `new` too.
const CallableAgent = require('internal/callable_class')(Agent);
CallableAgent.defaultMaxSockets = Infinity;

const globalAgent = new CallableAgent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });

// ---------------------------------------------------------------------------------------------
// ClientRequest

function requestURL(input, options, defaultProtocol) {
  let base = {};
  if (typeof input === 'string') {
    base = urlToOptions(new URL(input));
  } else if (input instanceof URL) {
    base = urlToOptions(input);
  } else if (input && typeof input === 'object') {
    options = input;
    input = undefined;
  }
  const o = { ...base, ...(options || {}) };
  const protocol = o.protocol || (o.agent && o.agent.protocol) || defaultProtocol;
  if (protocol !== defaultProtocol) {
    const err = new TypeError(`Protocol "${protocol}" not supported. Expected "${defaultProtocol}"`);
    err.code = 'ERR_INVALID_PROTOCOL';
    throw err;
  }
  let host = o.hostname || o.host || 'localhost';
  if (typeof host === 'string' && !o.hostname && host.includes(':') && !host.startsWith('[') && host.split(':').length === 2) {
    host = host.split(':')[0];
  }
  if (typeof host === 'string' && host.includes(':') && !host.startsWith('[')) host = `[${host}]`;
  const port = o.port !== undefined && o.port !== null && o.port !== '' ? Number(o.port)
    : (o.defaultPort || (protocol === 'https:' ? 443 : 80));
  const path = o.path || '/';
  if (/[\u0000-\u0020]/.test(path)) {
    const err = new TypeError('Request path contains unescaped characters');
    err.code = 'ERR_UNESCAPED_CHARACTERS';
    throw err;
  }
  const defaultPort = protocol === 'https:' ? 443 : 80;
  const authority = port === defaultPort ? host : `${host}:${port}`;
  return { options: o, protocol, host, port, path, url: `${protocol}//${authority}${path.startsWith('/') ? path : '/' + path}` };
}

function urlToOptions(url) {
  return {
    protocol: url.protocol,
    hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
    hash: url.hash, search: url.search, pathname: url.pathname, path: `${url.pathname || ''}${url.search || ''}`,
    href: url.href, port: url.port === '' ? undefined : Number(url.port),
    auth: url.username || url.password ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` : undefined,
  };
}

class ClientRequest extends OutgoingMessage {
  constructor(input, options, callback, defaultProtocol = 'http:') {
    super();
    if (typeof options === 'function') { callback = options; options = undefined; }
    const target = requestURL(input, options, defaultProtocol);
    const o = target.options;
    this.method = String(o.method || 'GET').toUpperCase();
    if (!tokenRe.test(this.method)) throw new ERR_INVALID_HTTP_TOKEN('Method', this.method);
    this.path = target.path;
    this.host = target.host;
    this.protocol = target.protocol;
    const defaultAgent = o._defaultAgent || (this.protocol === 'https:' ? require('https').globalAgent : globalAgent);
    let agent = o.agent;
    if (agent === false) agent = new defaultAgent.constructor();
    else if (agent === null || agent === undefined) agent = defaultAgent;
    this.agent = agent;
    this.reusedSocket = false;
    this.socket = null;
    this.aborted = false;
    this.timeout = o.timeout;
    this._url = target.url;
    this._tlsOptions = { ca: o.ca, rejectUnauthorized: o.rejectUnauthorized };
    this._signal = o.signal;
    if (o.headers) {
      // An array: [[name, value], ...] or Node's flat raw form; names may repeat.
      const list = Array.isArray(o.headers);
      const entries = !list ? Object.entries(o.headers) : Array.isArray(o.headers[0]) ? o.headers : pairsFromFlat(o.headers);
      for (const [name, value] of entries) {
        if (value === undefined) continue;
        if (list) this.appendHeader(name, value); else this.setHeader(name, value);
      }
    }
    if (o.auth && !Array.isArray(o.headers) && !this.hasHeader('authorization')) {
      this.setHeader('Authorization', 'Basic ' + Buffer.from(String(o.auth)).toString('base64'));
    }
    if (callback) this.once('response', callback);
    if (o.timeout !== undefined) this.setTimeout(o.timeout);
    if (this._signal) {
      if (this._signal.aborted) process.nextTick(() => this.destroy(abortError(this._signal)));
      else this._signal.addEventListener('abort', () => this.destroy(abortError(this._signal)), { once: true });
    }
    // Keep-alive as Node decides it: the agent keeps connections, or bounds them (a finite
    // maxSockets hands a finished connection to a queued request); `Connection: close` opts out.
    const connectionHeader = this.getHeader('connection');
    const wantsClose = connectionHeader !== undefined && /(^|,)\s*close\s*(,|$)/i.test(String(connectionHeader));
    this.shouldKeepAlive = !wantsClose && typeof this.agent.addRequest === 'function'
      && (this.agent.keepAlive === true || Number.isFinite(this.agent.maxSockets));
    const agentOptions = { ...o, host: target.host.startsWith('[') ? target.host.slice(1, -1) : target.host, port: target.port };
    if (typeof this.agent.addRequest === 'function') {
      this.agent.addRequest(this, agentOptions);
    } else {
      this.onSocket(new ConnectionSocket(undefined, undefined, '127.0.0.1', 0, this));
    }
  }

  get connection() { return this.socket; }

  /** The agent assigned a socket: announce it, then send once end() was called. */
  onSocket(socket) {
    if (this.destroyed) {
      // Ended while waiting: the socket goes back to the agent.
      if (socket instanceof AgentSocket) process.nextTick(() => socket.emit('free'));
      return;
    }
    this.socket = socket;
    socket._owner = this;
    socket._httpMessage = this;
    process.nextTick(() => {
      if (this.destroyed) return;
      this.emit('socket', socket);
      this._socketReady = true;
      if (this._sendPending) { this._sendPending = false; this._send(); }
    });
  }

  _destroy(error, callback) {
    if (this._queued && this.agent && typeof this.agent._cancelRequest === 'function') this.agent._cancelRequest(this);
    const socket = this.socket;
    if (socket && !this._responseDone && socket._owner === this) socket.destroy();
    // As in Node: destroyed before any answer, 'error' (socket hang up unless given) and 'close'.
    if (!error && !this.res && !this.aborted) {
      error = new Error('socket hang up');
      error.code = 'ECONNRESET';
    }
    callback(error);
    this._emitClose();
  }

  _emitClose() {
    if (this._closeEmitted) return;
    this._closeEmitted = true;
    process.nextTick(() => this.emit('close'));
  }

  /** The response was read to its end: the connection goes back to the agent when it stays open. */
  _finishResponse(res) {
    this._responseDone = true;
    const socket = this.socket;
    if (!(socket instanceof AgentSocket) || socket.destroyed || socket._owner !== this) return;
    const close = /(^|,)\s*close\s*(,|$)/i.test(String(res.headers.connection || ''));
    if (this.shouldKeepAlive && !close && socket._hostConn !== undefined) {
      socket.emit('free');
    } else {
      socket._owner = null;
      socket.destroy();
    }
  }

  /** The response broke off: its connection is not reusable. */
  _dropSocket() {
    this._responseDone = true;
    const socket = this.socket;
    if (socket instanceof AgentSocket && socket._owner === this) {
      socket._owner = null;
      socket.destroy();
    }
  }

  _final(callback) {
    this.headersSent = true;
    this.finished = true;
    if (this._socketReady) this._send(); else this._sendPending = true;
    callback();
  }

  _send() {
    const body = this._body();
    if (body !== undefined && !this.hasHeader('content-length')) {
      this.setHeaderInternal('Content-Length', String(body.length));
    }
    internal.loop.refHandle();
    const settle = () => internal.loop.unrefHandle();
    require('internal/fetch').listenBodies();
    const args = { url: this._url, method: this.method, headers: this._headerPairs(), op: 'http', stream: true };
    const socket = this.socket;
    if (this.shouldKeepAlive && socket instanceof AgentSocket) {
      args.keepAlive = true;
      if (socket._hostConn !== undefined) args.conn = socket._hostConn;
    }
    if (this.protocol === 'https:') {
      // Honoured only for the sandbox's own HTTPS servers (every other destination is verified
      // against the system's roots).
      const agentOptions = (this.agent && this.agent.options) || {};
      const ca = this._tlsOptions.ca ?? agentOptions.ca;
      if (ca !== undefined) args.ca = require('tls').pemText(ca);
      if ((this._tlsOptions.rejectUnauthorized ?? agentOptions.rejectUnauthorized) === false) args.rejectUnauthorized = false;
    }
    internal.callAsync('net.fetch', args, body)
      .then((frame) => {
        settle();
        if (this._timer) { clearTimeout(this._timer); this._timer = undefined; }
        const { decodeFrame, attachBody, requestBody, cancelBody } = require('internal/fetch');
        const { head, body: responseBody } = decodeFrame(frame);
        if (socket instanceof AgentSocket) socket._bindHost(head.conn);
        if (this.destroyed) { if (head.stream !== undefined) cancelBody(head.stream); return; }
        const res = new IncomingMessage(this.socket);
        const req = this;
        res.req = this;
        res.statusCode = head.status;
        res.statusMessage = head.statusText || STATUS_CODES[head.status] || '';
        res._setHeaders(head.headers);
        this.res = res;
        if (head.stream !== undefined) {
          const id = head.stream;
          const skip = this.method === 'HEAD';
          attachBody(id, {
            data(bytes) {
              // Ask for more only while the reader keeps up (backpressure to the host socket).
              if (skip || res.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))) requestBody(id);
            },
            end() { res.complete = true; res.push(null); },
            error(cause) {
              req._dropSocket();
              const err = new Error('aborted');
              err.code = 'ECONNRESET';
              err.cause = cause;
              res.destroy(err);
            },
          }, head.onDemand === true);
          res._cancelBody = () => { cancelBody(id); req._dropSocket(); };
          res._requestMore = () => requestBody(id);
          if (skip) requestBody(id);
        } else if (this.method === 'HEAD') res._deliver(undefined); else res._deliver(responseBody);
        res.on('end', () => { this._finishResponse(res); this._emitClose(); });
        if (!this.emit('response', res)) res.resume();
      }, (error) => {
        settle();
        if (this.destroyed) return;
        if (error && error.code === 'EACCES' && error.syscall === undefined) error.syscall = 'connect';
        this.destroy(error);
      });
  }

  setHeaderInternal(name, value) { this[kHeaders].set(name.toLowerCase(), [name, value]); }

  /** Emits 'timeout' when no response arrived within `msecs` (the request is not ended: as in Node). */
  setTimeout(msecs, callback) {
    if (callback) this.once('timeout', callback);
    if (this._timer) { clearTimeout(this._timer); this._timer = undefined; }
    msecs = Number(msecs);
    if (msecs > 0) {
      this._timer = setTimeout(() => { this._timer = undefined; if (!this.res && !this.destroyed) this.emit('timeout'); }, msecs);
      this._timer.unref?.();
    }
    return this;
  }

  abort() {
    if (this.aborted) return;
    this.aborted = true;
    process.nextTick(() => this.emit('abort'));
    this.destroy();
  }

  setNoDelay() {}
  setSocketKeepAlive() {}
}

function pairsFromFlat(list) {
  const out = [];
  for (let i = 0; i + 1 < list.length; i += 2) out.push([list[i], list[i + 1]]);
  return out;
}

function abortError(signal) {
  const err = new Error('The operation was aborted');
  err.name = 'AbortError';
  err.code = 'ABORT_ERR';
  err.cause = signal.reason;
  return err;
}

function request(url, options, callback) {
  return new ClientRequest(url, options, callback, 'http:');
}

function get(url, options, callback) {
  const req = request(url, options, callback);
  req.end();
  return req;
}

// ---------------------------------------------------------------------------------------------
// Servers

const servers = new Map(); // host id -> Server
let listening = false;

function onServerEvent(event, bytes) {
  if (event === undefined || event.type !== 'request') return;
  const server = servers.get(event.server);
  if (server === undefined) {
    internal.callAsync('http.respond', { req: event.req, status: 503, headers: [] }).catch(() => {});
    return;
  }
  server._dispatch(event, bytes);
}

class ServerResponse extends OutgoingMessage {
  constructor(req, id) {
    super();
    this.req = req;
    this._id = id;
    this.statusCode = 200;
    this.statusMessage = undefined;
    this.sendDate = true;
    this.socket = null;
  }

  get connection() { return this.socket; }

  writeHead(statusCode, reason, headers) {
    if (this.headersSent) throw new ERR_HTTP_HEADERS_SENT('write');
    if (typeof reason !== 'string') { headers = reason; reason = undefined; }
    statusCode |= 0;
    if (statusCode < 100 || statusCode > 999) throw new ERR_HTTP_INVALID_STATUS_CODE(statusCode);
    this.statusCode = statusCode;
    if (reason !== undefined) this.statusMessage = reason;
    if (Array.isArray(headers)) {
      for (const [name, value] of pairsFromFlat(headers)) this.appendHeader(name, value);
    } else if (headers) {
      for (const name of Object.keys(headers)) if (headers[name] !== undefined) this.setHeader(name, headers[name]);
    }
    return this;
  }

  writeContinue() {}
  writeProcessing() {}
  writeEarlyHints() {}
  assignSocket() {}
  detachSocket() {}

  /** The answer's status line and headers, as the host takes them. */
  _head() {
    if (this.sendDate && !this.hasHeader('date')) this[kHeaders].set('date', ['Date', new Date().toUTCString()]);
    const status = this.statusCode;
    return { req: this._id, status, statusText: this.statusMessage ?? STATUS_CODES[status] ?? 'unknown', headers: this._headerPairs() };
  }

  /** Sends the head of a streamed answer (once). */
  _start(flush = false) {
    if (this._started === undefined) {
      const status = this.statusCode;
      if (status < 100 || status > 999) return Promise.reject(new ERR_HTTP_INVALID_STATUS_CODE(status));
      this.headersSent = true;
      // The head leaves with the first part of the body (one packet, as in Node) unless flushed.
      this._started = internal.callAsync('http.respondStart', { ...this._head(), flush });
    }
    return this._started;
  }

  flushHeaders() { this._start(true).catch(() => {}); }

  // A chunk written before end() streams (chunked); `end(data)` alone answers in one piece.
  _write(chunk, encoding, callback) {
    let bytes;
    try { bytes = toBuffer(chunk, encoding); } catch (e) { callback(e); return; }
    this._start()
      .then(() => internal.callAsync('http.respondChunk', { req: this._id }, bytes))
      .then(() => callback(), (error) => callback(error));
  }

  end(chunk, encoding, callback) {
    if (typeof chunk === 'function') { callback = chunk; chunk = undefined; encoding = undefined; }
    else if (typeof encoding === 'function') { callback = encoding; encoding = undefined; }
    if (chunk !== undefined && chunk !== null && this._started === undefined && !this.writableEnded) {
      this[kChunks].push(toBuffer(chunk, encoding));
      chunk = undefined;
    }
    if (chunk !== undefined && chunk !== null) super.end(chunk, encoding, callback); else super.end(callback);
    return this;
  }

  _final(callback) {
    this.finished = true;
    const done = () => { callback(); process.nextTick(() => this.emit('close')); };
    if (this._started !== undefined) {
      this._started.then(() => internal.callAsync('http.respondEnd', { req: this._id })).then(done, (error) => callback(error));
      return;
    }
    const status = this.statusCode;
    if (status < 100 || status > 999) { callback(new ERR_HTTP_INVALID_STATUS_CODE(status)); return; }
    this.headersSent = true;
    internal.callAsync('http.respond', this._head(), this._body()).then(done, (error) => callback(error));
  }
}

// http.Server is a net.Server (as in Node) whose connections the host's HTTP server parses:
// listening, closing and ref/unref are net.Server's, over the `http.*` operations.
class Server extends require('net').Server {
  constructor(options, requestListener) {
    if (typeof options === 'function') { requestListener = options; options = {}; }
    super(options || {});
    if (requestListener) this.on('request', requestListener);
    this._port = undefined;
    this._handle = null;
    this.timeout = 0;
    this.keepAliveTimeout = 5000;
    this.headersTimeout = 60000;
    this.requestTimeout = 300000;
    this.maxHeadersCount = null;
    this.maxRequestsPerSocket = 0;
  }

  get _listenOperation() { return 'http.listen'; }
  get _closeOperation() { return 'http.close'; }
  _prepareListen() {
    if (!listening) {
      internal.loop.onHostEvent('http.server', onServerEvent);
      listening = true;
    }
  }
  _registerListening(info) {
    this._hostPort = info.hostPort;
    servers.set(info.id, this);
  }
  _unregisterListening(id) { servers.delete(id); }

  closeAllConnections() {}
  closeIdleConnections() {}
  setTimeout(msecs, callback) { this.timeout = msecs; if (callback) this.on('timeout', callback); return this; }

  _dispatch(event, bytes) {
    const socket = new ConnectionSocket('127.0.0.1', 0, '127.0.0.1', this._port, null);
    socket.server = this;
    if (this._secure) socket.encrypted = true;  // an https.Server's connection (req.socket.encrypted)
    const req = new IncomingMessage(socket);
    req.method = event.method;
    req.url = event.url;
    const [major, minor] = String(event.httpVersion || '1.1').split('.');
    req.httpVersionMajor = Number(major);
    req.httpVersionMinor = Number(minor);
    req.httpVersion = event.httpVersion;
    req._setHeaders(event.headers);
    const res = new ServerResponse(req, event.req);
    res.socket = socket;
    socket._owner = res;
    req._deliver(bytes);
    this.emit('request', req, res);
  }
}

function createServer(options, requestListener) {
  return new Server(options, requestListener);
}

module.exports = {
  METHODS: METHODS.slice(),
  STATUS_CODES,
  Agent: CallableAgent,
  ClientRequest,
  IncomingMessage,
  OutgoingMessage,
  Server: require('internal/callable_class')(Server),
  ServerResponse,
  createServer,
  validateHeaderName,
  validateHeaderValue,
  get,
  request,
  maxHeaderSize: 16384,
  globalAgent,
  setMaxIdleHTTPParsers() {},
};
