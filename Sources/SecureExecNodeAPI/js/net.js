'use strict';
// net: TCP sockets and servers through the host. `connect` is one host call checked like every
// connection (permission op "connect" with the resolved addresses, then the adapter's
// destination policy; the socket goes to the checked address). Servers listen on the host's
// loopback. Data arrives as `net.socket` host events, routed by socket id.

const EventEmitter = require('events');
const { Duplex } = require('stream');
const { Buffer } = require('buffer');
const {
  codes: { ERR_SERVER_ALREADY_LISTEN, ERR_SERVER_NOT_RUNNING, ERR_SOCKET_CLOSED },
} = require('internal/errors');

const sockets = new Map(); // host id -> Socket
const servers = new Map(); // host id -> Server
const early = new Map();   // host id -> events that arrived before the socket knew its id
let listening = false;

function listen() {
  if (listening) return;
  listening = true;
  internal.loop.onHostEvent('net.socket', (event, bytes) => {
    if (event === undefined) return;
    if (event.type === 'connection') {
      const server = servers.get(event.server);
      if (server === undefined) { internal.callAsync('net.destroy', { id: event.id }).catch(() => {}); return; }
      server._accept(event);
      return;
    }
    const socket = sockets.get(event.id);
    if (socket === undefined) {
      const queue = early.get(event.id) ?? [];
      if (queue.length < 1024) queue.push([event, bytes]);
      early.set(event.id, queue);
      return;
    }
    socket._event(event, bytes);
  });
}

function isIPv4(input) {
  return /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(String(input));
}

function isIPv6(input) {
  const s = String(input);
  if (!s.includes(':') || /[^0-9a-fA-F:.%]/.test(s.split('%')[0])) return false;
  const [addr] = s.split('%');
  const double = addr.split('::');
  if (double.length > 2) return false;
  let groups = addr.split(':').filter((g) => g !== '');
  const last = groups[groups.length - 1];
  let count = groups.length;
  if (last !== undefined && last.includes('.')) { if (!isIPv4(last)) return false; count += 1; groups = groups.slice(0, -1); }
  if (!groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return double.length === 2 ? count < 8 : count === 8;
}

function isIP(input) { return isIPv4(input) ? 4 : isIPv6(input) ? 6 : 0; }

function hostError(error, host, port) {
  if (error && typeof error === 'object' && error.code !== undefined && error.syscall === undefined) error.syscall = 'connect';
  if (error && typeof error === 'object') {
    if (error.address === undefined && isIP(host)) error.address = host;
    if (error.port === undefined) error.port = port;
  }
  return error;
}

class Socket extends Duplex {
  constructor(options = {}) {
    super({ allowHalfOpen: options.allowHalfOpen ?? false, decodeStrings: true, emitClose: false, autoDestroy: true });
    this._id = undefined;
    this._refed = true;
    this._holding = false;
    this.connecting = false;
    this.remoteAddress = undefined;
    this.remotePort = undefined;
    this.remoteFamily = undefined;
    this.localAddress = undefined;
    this.localPort = undefined;
    this.bytesRead = 0;
    this._bytesWritten = 0;
    this._pendingWrite = null;
    this.server = null;
  }

  get bytesWritten() { return this._bytesWritten; }
  get pending() { return this._id === undefined; }
  get readyState() {
    if (this.connecting) return 'opening';
    if (this.readable && this.writable) return 'open';
    if (this.readable) return 'readOnly';
    if (this.writable) return 'writeOnly';
    return 'closed';
  }

  connect(...args) {
    let options;
    let callback;
    if (typeof args[args.length - 1] === 'function') callback = args.pop();
    if (args[0] !== null && typeof args[0] === 'object') options = args[0];
    else options = { port: args[0], host: args[1] };
    if (callback) this.once('connect', callback);
    const port = Number(options.port);
    const host = options.host === undefined ? 'localhost' : String(options.host);
    if (!Number.isInteger(port) || port <= 0 || port > 65535) {
      const err = new RangeError(`Port should be > 0 and < 65536. Received ${options.port}.`);
      err.code = 'ERR_SOCKET_BAD_PORT';
      throw err;
    }
    listen();
    this.connecting = true;
    this._hold();
    const request = { host, port };
    if (this._tls) {
      request.tls = true;
      if (this._tls.servername) request.servername = String(this._tls.servername);
      // Used only for the sandbox's own TLS servers; every other destination is verified
      // against the system's roots.
      if (this._tls.ca !== undefined) request.ca = this._tls.ca;
      if (this._tls.rejectUnauthorized === false) request.rejectUnauthorized = false;
    }
    internal.callAsync('net.connect', request).then((info) => {
      this.connecting = false;
      if (this.destroyed) { internal.callAsync('net.destroy', { id: info.id }).catch(() => {}); this._release(); return; }
      this._attach(info.id, info.remoteAddress, info.remotePort);
      this.emit('connect');
      if (this._tls) { this.authorized = this._tls.rejectUnauthorized !== false; this.emit('secureConnect'); }
      this.emit('ready');
    }, (error) => {
      this.connecting = false;
      this._release();
      this.destroy(hostError(error, host, port));
    });
    return this;
  }

  _attach(id, remoteAddress, remotePort) {
    this._id = id;
    this.remoteAddress = remoteAddress;
    this.remotePort = remotePort;
    this.remoteFamily = isIP(remoteAddress) === 6 ? 'IPv6' : 'IPv4';
    this.localAddress = '127.0.0.1';
    this.localPort = 0;
    sockets.set(id, this);
    this._readPending = false;
    this._hold();
    const queued = early.get(id);
    if (queued !== undefined) {
      early.delete(id);
      for (const [event, bytes] of queued) this._event(event, bytes);
    }
    if (this._pendingWrite !== null) {
      const pending = this._pendingWrite;
      this._pendingWrite = null;
      pending();
    }
    this._requestRead();
  }

  _hold() {
    if (!this._holding && this._refed) { internal.loop.refHandle(); }
    this._holding = true;
  }

  _release() {
    if (this._holding && this._refed) internal.loop.unrefHandle();
    this._holding = false;
  }

  _event(event, bytes) {
    switch (event.type) {
      case 'data': {
        const chunk = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        this.bytesRead += chunk.length;
        this._readPending = false;
        // Ask for more only while the reader keeps up (backpressure reaches the host socket).
        if (this.push(chunk)) this._requestRead();
        break;
      }
      case 'end':
        // As Node: the end is noticed even with nobody reading (a server's unread socket then
        // ends and closes when its peer does).
        this.push(null);
        this.read(0);
        break;
      case 'error': {
        const err = new Error(event.message);
        err.code = event.code;
        err.syscall = 'read';
        this.destroy(err);
        break;
      }
      case 'close':
        sockets.delete(this._id);
        this.push(null);
        this._release();
        if (!this.destroyed) this.destroy();
        break;
    }
  }

  _read() { this._requestRead(); }

  /** One outstanding read request at a time; the host reads once per request. */
  _requestRead() {
    if (this._id === undefined || this._readPending || this.destroyed) return;
    this._readPending = true;
    internal.callAsync('net.read', { id: this._id }).catch(() => {});
  }

  _write(chunk, encoding, callback) {
    if (this._id === undefined) {
      if (!this.connecting) { callback(new ERR_SOCKET_CLOSED()); return; }
      this._pendingWrite = () => this._write(chunk, encoding, callback);
      return;
    }
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
    this._bytesWritten += bytes.length;
    internal.callAsync('net.write', { id: this._id }, bytes).then(() => callback(), (error) => callback(error));
  }

  _final(callback) {
    if (this._id === undefined) {
      if (this.connecting) { this._pendingWrite = () => this._final(callback); return; }
      callback();
      return;
    }
    internal.callAsync('net.end', { id: this._id }).then(() => callback(), () => callback());
  }

  _destroy(error, callback) {
    if (this._id !== undefined) {
      internal.callAsync('net.destroy', { id: this._id }).catch(() => {});
      sockets.delete(this._id);
    }
    this._release();
    callback(error);
    process.nextTick(() => this.emit('close', error != null));
  }

  end(...args) {
    super.end(...args);
    return this;
  }

  address() {
    return this._id === undefined ? {} : { address: this.localAddress, family: 'IPv4', port: this.localPort };
  }

  setEncoding(encoding) { super.setEncoding(encoding); return this; }
  setTimeout(msecs, callback) { if (callback) this.once('timeout', callback); return this; }
  setNoDelay() { return this; }
  setKeepAlive() { return this; }
  ref() { if (!this._refed) { this._refed = true; if (this._holding) internal.loop.refHandle(); } return this; }
  unref() { if (this._refed) { if (this._holding) internal.loop.unrefHandle(); this._refed = false; } return this; }
  resetAndDestroy() { return this.destroy(); }
}

class Server extends EventEmitter {
  constructor(options, connectionListener) {
    super();
    if (typeof options === 'function') { connectionListener = options; options = {}; }
    this._options = options || {};
    if (connectionListener) this.on('connection', connectionListener);
    this.listening = false;
    this._id = undefined;
    this._pending = false;
    this._refed = true;
    /** Whether this server holds a reference on the event loop (listening or about to, and ref'd). */
    this._holding = false;
    /** close() came while the host was still opening the server: close it once it is open. */
    this._closeWhenListening = false;
    this.maxConnections = undefined;
  }

  _hold() { if (!this._holding && this._refed) { this._holding = true; internal.loop.refHandle(); } }
  _release() { if (this._holding) { this._holding = false; internal.loop.unrefHandle(); } }

  listen(...args) {
    let port = 0;
    let host;
    let callback;
    if (typeof args[args.length - 1] === 'function') callback = args.pop();
    if (args[0] !== null && typeof args[0] === 'object') { port = args[0].port ?? 0; host = args[0].host; }
    else { if (args[0] !== undefined && args[0] !== null) port = args[0]; if (typeof args[1] === 'string') host = args[1]; }
    if (typeof port === 'string' && /^\d+$/.test(port)) port = Number(port);
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535) {
      const err = new RangeError(`options.port should be >= 0 and < 65536. Received ${typeof port === 'string' ? `type string ('${port}')` : `type number (${port})`}.`);
      err.code = 'ERR_SOCKET_BAD_PORT';
      throw err;
    }
    if (this._id !== undefined || this._pending) throw new ERR_SERVER_ALREADY_LISTEN();
    if (callback) this.once('listening', callback);
    this._requestedHost = host === undefined || host === null ? undefined : String(host);
    this._prepareListen();
    this._pending = true;
    this._hold();
    internal.callAsync(this._listenOperation, this._listenArguments({ port, host: host === undefined ? undefined : String(host) })).then((info) => {
      this._pending = false;
      if (this._closeWhenListening) {
        // As in Node, a server closed right after listen() never emits 'listening'.
        this._closeWhenListening = false;
        this._release();
        internal.callAsync(this._closeOperation, { id: info.id }).finally(() => this.emit('close'));
        return;
      }
      this._id = info.id;
      this._port = info.port;
      this._registerListening(info);
      this.listening = true;
      this.emit('listening');
    }, (error) => {
      this._pending = false;
      this._release();
      if (this._closeWhenListening) {
        this._closeWhenListening = false;
        this.emit('close');
        return;
      }
      this.emit('error', error);
    });
    return this;
  }

  // What a kind of server changes (http.Server overrides these): the host operations, the event
  // listener it needs, and the table that routes host events to it.
  get _listenOperation() { return 'net.listen'; }
  get _closeOperation() { return 'net.closeServer'; }
  _listenArguments(args) { return args; }
  _prepareListen() { listen(); }
  _registerListening(info) { servers.set(info.id, this); }
  _unregisterListening(id) { servers.delete(id); }

  _accept(event) {
    const socket = this._makeSocket();
    socket.server = this;
    socket._attach(event.id, event.remoteAddress, event.remotePort);
    this._emitConnection(socket);
  }
  _makeSocket() { return new Socket({ allowHalfOpen: this._options.allowHalfOpen }); }
  _emitConnection(socket) { this.emit('connection', socket); }

  /** What Node reports for the address the guest asked for (the host binds loopback whatever it
   *  is): `::` without a host, as Node's dual-stack default. */
  address() {
    if (!this.listening) return null;
    const host = this._requestedHost;
    if (host === undefined || host === '::') return { address: '::', family: 'IPv6', port: this._port };
    if (host === 'localhost') return { address: '127.0.0.1', family: 'IPv4', port: this._port };
    const family = isIPv6(host) ? 'IPv6' : 'IPv4';
    return { address: isIP(host) ? host : '127.0.0.1', family, port: this._port };
  }

  close(callback) {
    if (typeof callback === 'function') {
      if (!this.listening && !this._pending) this.once('close', () => callback(new ERR_SERVER_NOT_RUNNING()));
      else this.once('close', callback);
    }
    if (this.listening) {
      const id = this._id;
      this._unregisterListening(id);
      this._id = undefined;
      this.listening = false;
      this._release();
      internal.callAsync(this._closeOperation, { id }).finally(() => this.emit('close'));
    } else if (this._pending) {
      this._closeWhenListening = true;
    } else {
      process.nextTick(() => this.emit('close'));
    }
    return this;
  }

  getConnections(callback) { process.nextTick(callback, null, 0); return this; }
  ref() { this._refed = true; if (this.listening || this._pending) this._hold(); return this; }
  unref() { this._refed = false; this._release(); return this; }
  [Symbol.asyncDispose]() { return new Promise((resolve) => this.close(() => resolve())); }
}

function connect(...args) {
  const options = args[0] !== null && typeof args[0] === 'object' ? args[0] : {};
  const socket = new Socket(options);
  return socket.connect(...args);
}

function createServer(options, connectionListener) { return new Server(options, connectionListener); }

const callableClass = require('internal/callable_class');
const CallableSocket = callableClass(Socket);
const CallableServer = callableClass(Server);

module.exports = {
  Socket: CallableSocket, Stream: CallableSocket, Server: CallableServer, connect, createConnection: connect, createServer, isIP, isIPv4, isIPv6,
  getDefaultAutoSelectFamily() { return true; },
  setDefaultAutoSelectFamily() {},
  getDefaultAutoSelectFamilyAttemptTimeout() { return 250; },
  setDefaultAutoSelectFamilyAttemptTimeout() {},
};
