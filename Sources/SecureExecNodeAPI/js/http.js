'use strict';
// http: the client (request/get, ClientRequest) and the server (createServer, from
// _http_server). A request is one host call (`net.fetch` with op "http"), checked like fetch:
// permission with the resolved addresses, then the adapter's destination policy, and the
// connection goes to the checked address. A server is Node's: a net.Server on the host's
// loopback whose connections our own parser (_http_common) reads and answers.

const EventEmitter = require('events');
const { Writable } = require('stream');
const { Buffer } = require('buffer');
const { URL } = require('url');
const {
  codes: {
    ERR_HTTP_HEADERS_SENT, ERR_INVALID_HTTP_TOKEN, ERR_INVALID_ARG_TYPE,
  },
} = require('internal/errors');

const { STATUS_CODES, Server, ServerResponse } = require('_http_server');
const { IncomingMessage } = require('_http_incoming');
const { OutgoingMessage, validateHeaderName, validateHeaderValue } = require('_http_outgoing');
const { methods: METHODS, _checkIsHttpToken: checkIsHttpToken } = require('_http_common');

function toBuffer(chunk, encoding) {
  if (typeof chunk === 'string') return Buffer.from(chunk, encoding || 'utf8');
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new ERR_INVALID_ARG_TYPE('chunk', ['string', 'Buffer', 'Uint8Array'], chunk);
}

// ---------------------------------------------------------------------------------------------
// A client request's connection as libraries see it (`req.socket`, `res.socket`): the host owns
// the real one, so this carries the addresses and accepts the usual calls.

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
// A client's outgoing request: headers and body, buffered until end() (the host sends it).

const kHeaders = Symbol('outgoing headers'); // lower name -> [name, value]
const kChunks = Symbol('outgoing chunks');

class ClientOutgoing extends Writable {
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

class ClientRequest extends ClientOutgoing {
  constructor(input, options, callback, defaultProtocol = 'http:') {
    super();
    if (typeof options === 'function') { callback = options; options = undefined; }
    const target = requestURL(input, options, defaultProtocol);
    const o = target.options;
    this.method = String(o.method || 'GET').toUpperCase();
    if (!checkIsHttpToken(this.method)) throw new ERR_INVALID_HTTP_TOKEN('Method', this.method);
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
            information(event) {
              // 1xx answers (102, 103 Early Hints, …) as Node's 'information' event.
              const pairs = Array.isArray(event.headers) ? event.headers : [];
              const headers = {};
              for (const [name, value] of pairs) {
                const key = String(name).toLowerCase();
                headers[key] = headers[key] === undefined ? value : `${headers[key]}, ${value}`;
              }
              req.emit('information', {
                statusCode: event.status, statusMessage: event.statusText || STATUS_CODES[event.status] || '',
                httpVersion: '1.1', httpVersionMajor: 1, httpVersionMinor: 1, headers, rawHeaders: pairs.flat(),
              });
            },
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

function createServer(options, requestListener) {
  return new Server(options, requestListener);
}

module.exports = {
  METHODS: METHODS.slice().sort(),
  STATUS_CODES,
  Agent: CallableAgent,
  ClientRequest,
  IncomingMessage,
  OutgoingMessage,
  Server,
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
