'use strict';
// net: TCP sockets and servers through the host. `connect` is one host call checked like every
// connection (permission op "connect" with the resolved addresses, then the adapter's
// destination policy; the socket goes to the checked address). Servers listen on the host's
// loopback. Data arrives as `net.socket` host events, routed by socket id.

const EventEmitter = require('events');
const { Duplex } = require('stream');
const { Buffer } = require('buffer');
const {
  codes: {
    ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_INVALID_IP_ADDRESS, ERR_MISSING_ARGS,
    ERR_SERVER_ALREADY_LISTEN, ERR_SERVER_NOT_RUNNING, ERR_SOCKET_CLOSED,
  },
  ErrnoException, ExceptionWithHostPort,
} = require('internal/errors');
const { getTimerDuration, validateFunction, validateNumber, validatePort } = require('internal/validators');
const { kTimeout, setUnrefTimeout, clearTimeout } = require('internal/timers');

const sockets = new Map(); // host id -> Socket
const servers = new Map(); // host id -> Server
const early = new Map();   // host id -> events that arrived before the socket knew its id
// Unix domain sockets within the sandbox: a server listening on a path is known to this call
// only (no file is made, nothing reaches the host), and a connection to that path pairs two
// sockets in memory.
const pipeServers = new Map(); // path -> Server
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

// Node's own grammar (internal/net): dotted quads without leading zeros; IPv6 in any of its
// forms, with an optional trailing IPv4 part and zone index.
const v4Seg = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]\\d|\\d)';
const v4Str = `(?:${v4Seg}\\.){3}${v4Seg}`;
const IPv4Reg = new RegExp(`^${v4Str}$`);
const v6Seg = '(?:[0-9a-fA-F]{1,4})';
const IPv6Reg = new RegExp('^(?:' +
  `(?:${v6Seg}:){7}(?:${v6Seg}|:)|` +
  `(?:${v6Seg}:){6}(?:${v4Str}|:${v6Seg}|:)|` +
  `(?:${v6Seg}:){5}(?::${v4Str}|(?::${v6Seg}){1,2}|:)|` +
  `(?:${v6Seg}:){4}(?:(?::${v6Seg}){0,1}:${v4Str}|(?::${v6Seg}){1,3}|:)|` +
  `(?:${v6Seg}:){3}(?:(?::${v6Seg}){0,2}:${v4Str}|(?::${v6Seg}){1,4}|:)|` +
  `(?:${v6Seg}:){2}(?:(?::${v6Seg}){0,3}:${v4Str}|(?::${v6Seg}){1,5}|:)|` +
  `(?:${v6Seg}:){1}(?:(?::${v6Seg}){0,4}:${v4Str}|(?::${v6Seg}){1,6}|:)|` +
  `(?::(?:(?::${v6Seg}){0,5}:${v4Str}|(?::${v6Seg}){1,7}|:))` +
')(?:%[0-9a-zA-Z-.:]{1,})?$');

function isIPv4(input) { return IPv4Reg.test(`${input}`); }
function isIPv6(input) { return IPv6Reg.test(`${input}`); }

function isIP(input) { return isIPv4(input) ? 4 : isIPv6(input) ? 6 : 0; }

function hostError(error, host, port) {
  if (error && typeof error === 'object' && error.code !== undefined && error.syscall === undefined) error.syscall = 'connect';
  if (error && typeof error === 'object') {
    if (error.address === undefined && isIP(host)) error.address = host;
    if (error.port === undefined) error.port = port;
  }
  return error;
}

/** `(port[, host][, cb])`, `(path[, cb])` or `(options[, cb])` → [options, cb or null] (Node's
 *  normalizeArgs: a string that is not a number is a pipe path). */
function normalizeArgs(args) {
  if (args.length === 0) return [{}, null];
  const arg0 = args[0];
  let options = {};
  if (typeof arg0 === 'object' && arg0 !== null) {
    options = arg0;
  } else if (typeof arg0 === 'string' && !(Number(arg0) >= 0)) {
    options.path = arg0;
  } else {
    options.port = arg0;
    if (args.length > 1 && typeof args[1] === 'string') options.host = args[1];
  }
  const cb = args[args.length - 1];
  return [options, typeof cb === 'function' ? cb : null];
}

class Socket extends Duplex {
  constructor(options = {}) {
    if (typeof options === 'number') options = { fd: options };
    else if (options === undefined || options === null) options = {};
    for (const key of ['objectMode', 'readableObjectMode', 'writableObjectMode']) {
      if (options[key]) throw new ERR_INVALID_ARG_VALUE(`options.${key}`, options[key], 'is not supported');
    }
    const streamOptions = { allowHalfOpen: options.allowHalfOpen ?? false, decodeStrings: true, emitClose: false, autoDestroy: true };
    for (const key of ['highWaterMark', 'readableHighWaterMark', 'writableHighWaterMark']) {
      if (options[key] !== undefined) streamOptions[key] = options[key];
    }
    super(streamOptions);
    this.timeout = 0;
    this[kTimeout] = null;
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
    this._pendingBytes = 0;
    this.server = null;
  }

  /** Bytes handed to the host plus those still queued (as Node counts them). */
  get bytesWritten() {
    const queued = this.writableBuffer;
    if (!queued) return undefined;
    let bytes = this._bytesWritten + this._pendingBytes;
    for (const entry of queued) {
      bytes += typeof entry.chunk === 'string' ? Buffer.byteLength(entry.chunk, entry.encoding) : entry.chunk.length;
    }
    return bytes;
  }
  get bufferSize() { return this.writableLength; }
  get _connecting() { return this.connecting; }
  get pending() { return this._id === undefined && this._pipe === undefined; }
  get readyState() {
    if (this.connecting) return 'opening';
    if (this.readable && this.writable) return 'open';
    if (this.readable) return 'readOnly';
    if (this.writable) return 'writeOnly';
    return 'closed';
  }

  connect(...args) {
    const [options, callback] = normalizeArgs(args);
    if (callback !== null) this.once('connect', callback);
    if (options.port === undefined && options.path == null) throw new ERR_MISSING_ARGS(['options', 'port', 'path']);
    if (options.path != null) {
      const path = String(options.path);
      const server = pipeServers.get(path);
      if (server !== undefined) {
        // A server of this sandbox listens there: connected in memory, as a pipe.
        this.connecting = true;
        process.nextTick(() => {
          this.connecting = false;
          if (this.destroyed) return;
          if (!server.listening || server._pipePath !== path) {
            this.destroy(new ExceptionWithHostPort(-111, 'connect', path));
            return;
          }
          server._acceptPipe(this);
          this.emit('connect');
          this.emit('ready');
        });
        return this;
      }
      // Nothing of this sandbox listens on the path: refused where it exists, ENOENT where not.
      let exists = false;
      try { exists = require('fs').existsSync(path); } catch { /* not visible: as missing */ }
      const err = new ExceptionWithHostPort(exists ? -111 : -2, 'connect', path);
      process.nextTick(() => this.destroy(err));
      return this;
    }
    const { localAddress, localPort } = options;
    if (localAddress && !isIP(localAddress)) throw new ERR_INVALID_IP_ADDRESS(localAddress);
    if (localPort) validateNumber(localPort, 'options.localPort');
    if (options.hints !== undefined && (typeof options.hints !== 'number' || (options.hints & ~(0x400 | 0x800 | 0x100)) !== 0)) {
      throw new ERR_INVALID_ARG_VALUE('hints', options.hints);
    }
    if (options.host !== undefined && options.host !== null && typeof options.host !== 'string') {
      throw new ERR_INVALID_ARG_TYPE('options.host', 'string', options.host);
    }
    if (typeof options.port !== 'number' && typeof options.port !== 'string') {
      throw new ERR_INVALID_ARG_TYPE('options.port', ['number', 'string'], options.port);
    }
    const port = validatePort(options.port);
    const host = options.host || 'localhost';
    this[kTimeout]?.refresh();
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
      this._attach(info.id, info.remoteAddress, info.remotePort, info.localAddress, info.localPort);
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

  _attach(id, remoteAddress, remotePort, localAddress = '127.0.0.1', localPort = 0) {
    this._id = id;
    this.remoteAddress = remoteAddress;
    this.remotePort = remotePort;
    this.remoteFamily = isIP(remoteAddress) === 6 ? 'IPv6' : 'IPv4';
    this.localAddress = localAddress;
    this.localPort = localPort;
    this.localFamily = isIP(localAddress) === 6 ? 'IPv6' : 'IPv4';
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

  /** Becomes one end of an in-memory pipe whose other end is `peer`. */
  _pipeJoin(peer) {
    this._pipe = { peer, waiting: [] };
    this._hold();
  }

  /** Bytes the other end wrote; its write completes once this end's reader keeps up. */
  _pipeReceive(chunk, done) {
    if (this.destroyed) { done(); return; }
    this.bytesRead += chunk.length;
    this[kTimeout]?.refresh();
    if (this.push(chunk)) done(); else this._pipe.waiting.push(done);
  }

  _pipeEnded() {
    if (this.destroyed || this.readableEnded) return;
    this.push(null);
    this.read(0);
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
        this[kTimeout]?.refresh();
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
        // The connection is gone: the readable side ends first ('end' is emitted once what
        // arrived is read, as after Node's EOF), then the socket is destroyed.
        sockets.delete(this._id);
        this._release();
        if (this.destroyed) break;
        if (this.readableEnded) { this.destroy(); break; }
        this.once('end', () => process.nextTick(() => { if (!this.destroyed) this.destroy(); }));
        this.push(null);
        this.read(0);
        break;
    }
  }

  _read() {
    if (this._pipe !== undefined) {
      const waiting = this._pipe.waiting.splice(0);
      for (const done of waiting) done();
      return;
    }
    this._requestRead();
  }

  /** One outstanding read request at a time; the host reads once per request. */
  _requestRead() {
    if (this._id === undefined || this._readPending || this.destroyed) return;
    this._readPending = true;
    internal.callAsync('net.read', { id: this._id }).catch(() => {});
  }

  _write(chunk, encoding, callback) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
    if (this._pipe !== undefined) {
      const peer = this._pipe.peer;
      if (peer.destroyed || peer.readableEnded) {
        callback(new ErrnoException(-32, 'write'));
        return;
      }
      this._bytesWritten += bytes.length;
      const copy = Buffer.from(bytes);
      process.nextTick(() => peer._pipeReceive(copy, () => {
        this[kTimeout]?.refresh();
        callback();
      }));
      return;
    }
    if (this._id === undefined) {
      if (!this.connecting) { callback(new ERR_SOCKET_CLOSED()); return; }
      this._pendingBytes += bytes.length;
      this._pendingWrite = () => { this._pendingBytes -= bytes.length; this._write(bytes, 'buffer', callback); };
      return;
    }
    this._bytesWritten += bytes.length;
    const written = internal.callAsync('net.write', { id: this._id }, bytes);
    this._lastWrite = written;
    written.then(() => {
      this[kTimeout]?.refresh();
      callback();
    }, (error) => callback(error));
  }

  /** Corked writes leave as one (one host write, one packet: an HTTP head with its body). */
  _writev(chunks, callback) {
    const buffers = chunks.map(({ chunk, encoding }) => (typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk));
    this._write(buffers.length === 1 ? buffers[0] : Buffer.concat(buffers), 'buffer', callback);
  }

  _final(callback) {
    if (this._pipe !== undefined) {
      const peer = this._pipe.peer;
      process.nextTick(() => { peer._pipeEnded(); callback(); });
      return;
    }
    if (this._id === undefined) {
      if (this.connecting) { this._pendingWrite = () => this._final(callback); return; }
      callback();
      return;
    }
    internal.callAsync('net.end', { id: this._id }).then(() => callback(), () => callback());
  }

  _destroy(error, callback) {
    clearTimeout(this[kTimeout]);
    if (this._pipe !== undefined) {
      // The other end reads to its end, then closes (as after the peer's close on a socket).
      const { peer, waiting } = this._pipe;
      for (const done of waiting.splice(0)) done();
      process.nextTick(() => {
        peer._pipeEnded();
        if (!peer.destroyed && !peer.allowHalfOpen) peer.once('end', () => process.nextTick(() => peer.destroy()));
      });
    }
    if (this._id !== undefined) {
      // Bytes already handed to the host go out first (as bytes a socket passed to the kernel
      // do in Node): the host runs requests concurrently, so the destroy waits for the last write.
      const id = this._id;
      const destroy = () => internal.callAsync('net.destroy', { id }).catch(() => {});
      if (this._lastWrite !== undefined) this._lastWrite.then(destroy, destroy); else destroy();
      sockets.delete(this._id);
      this._id = undefined;
      this._closed = true;
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
    return this._id === undefined ? {} : { address: this.localAddress, family: this.localFamily, port: this.localPort };
  }

  setEncoding(encoding) { super.setEncoding(encoding); return this; }
  /** An idle timeout: 'timeout' once nothing was read or written for `msecs` (unref'd). */
  setTimeout(msecs, callback) {
    if (this.destroyed) return this;
    this.timeout = msecs;
    msecs = getTimerDuration(msecs, 'msecs');
    clearTimeout(this[kTimeout]);
    if (msecs === 0) {
      if (callback !== undefined) {
        validateFunction(callback, 'callback');
        this.removeListener('timeout', callback);
      }
    } else {
      this[kTimeout] = setUnrefTimeout(() => this.emit('timeout'), msecs);
      if (callback !== undefined) {
        validateFunction(callback, 'callback');
        this.once('timeout', callback);
      }
    }
    return this;
  }
  setNoDelay(enable) { this._noDelay = enable === undefined ? true : !!enable; return this; }
  setKeepAlive(enable, initialDelay) { this._keepAlive = !!enable; this._keepAliveDelay = ~~(initialDelay / 1000); return this; }
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
    this._connections = 0;
  }

  _hold() { if (!this._holding && this._refed) { this._holding = true; internal.loop.refHandle(); } }
  _release() { if (this._holding) { this._holding = false; internal.loop.unrefHandle(); } }

  listen(...args) {
    const [normalized, callback] = normalizeArgs(args);
    let options = normalized;
    if (this._id !== undefined || this._pending) throw new ERR_SERVER_ALREADY_LISTEN();
    if (options._handle || options.handle || (typeof options.fd === 'number' && options.fd >= 0)) {
      throw new Error('net.Server.listen(handle) is not supported in sandbox');
    }
    if (args.length === 0 || typeof args[0] === 'function' || (options.port === undefined && 'port' in options) || options.port === null) {
      options = { ...options, port: 0 };
    }
    if (typeof options.port !== 'number' && typeof options.port !== 'string') {
      if (typeof options.path === 'string' && options.path !== '' && !(Number(options.path) >= 0)) {
        return this._listenPipe(options.path, callback);
      }
      if (!('port' in options) && !('path' in options)) {
        throw new ERR_INVALID_ARG_VALUE('options', options, 'must have the property "port" or "path"');
      }
      throw new ERR_INVALID_ARG_VALUE('options', options);
    }
    const port = validatePort(options.port, 'options.port');
    const host = options.host === undefined || options.host === null || options.host === '' ? undefined : String(options.host);
    if (callback !== null) this.once('listening', callback);
    this._requestedHost = host;
    this._prepareListen();
    this._hold();
    const request = this._listenArguments({ port, host });
    if (host === undefined) {
      // As Node (no host to look up): bound before listen() returns, so address() answers at
      // once; 'listening' (or 'error') follows on the next tick.
      let info;
      try {
        info = internal.call(this._listenOperation, request);
      } catch (error) {
        this._release();
        process.nextTick(() => this.emit('error', error));
        return this;
      }
      this._listening(info);
      process.nextTick(() => { if (this.listening && this._id === info.id) this.emit('listening'); });
      return this;
    }
    this._pending = true;
    // Servers bind the host's loopback: an address of another interface is not available.
    if (isIP(host) && !/^(127\.|0\.0\.0\.0$|::$|::1$|::ffff:127\.)/i.test(host)) {
      const err = new Error(`listen EADDRNOTAVAIL: address not available ${host}:${port}`);
      Object.assign(err, { errno: -99, code: 'EADDRNOTAVAIL', syscall: 'listen', address: host, port });
      process.nextTick(() => { this._pending = false; this._release(); this.emit('error', err); });
      return this;
    }
    internal.callAsync(this._listenOperation, request).then((info) => {
      this._pending = false;
      if (this._closeWhenListening) {
        // As in Node, a server closed right after listen() never emits 'listening'.
        this._closeWhenListening = false;
        this._release();
        internal.callAsync(this._closeOperation, { id: info.id }).finally(() => this.emit('close'));
        return;
      }
      this._listening(info);
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

  _listening(info) {
    this._id = info.id;
    this._port = info.port;
    this._registerListening(info);
    this.listening = true;
  }

  // What a kind of server changes (http.Server overrides these): the host operations, the event
  // listener it needs, and the table that routes host events to it.
  get _listenOperation() { return 'net.listen'; }
  get _closeOperation() { return 'net.closeServer'; }
  _listenArguments(args) { return args; }
  _prepareListen() { listen(); }
  _registerListening(info) { servers.set(info.id, this); }
  _unregisterListening(id) { servers.delete(id); }

  _listenPipe(path, callback) {
    if (callback !== null) this.once('listening', callback);
    if (pipeServers.has(path)) {
      const err = new Error(`listen EADDRINUSE: address already in use ${path}`);
      Object.assign(err, { errno: -98, code: 'EADDRINUSE', syscall: 'listen', address: path, port: -1 });
      process.nextTick(() => this.emit('error', err));
      return this;
    }
    pipeServers.set(path, this);
    this._pipePath = path;
    this.listening = true;
    this._hold();
    process.nextTick(() => { if (this._pipePath === path) this.emit('listening'); });
    return this;
  }

  /** An address of a connection as Node reports it: a server listening without a host (or on
   *  `::`) is dual-stack there, so its IPv4 addresses appear IPv4-mapped. */
  _seen(address) {
    const host = this._requestedHost;
    return (host === undefined || host === '::') && isIPv4(address) ? `::ffff:${address}` : address;
  }

  /** A connection to this server's path: the server's end of the pair. */
  _acceptPipe(client) {
    const socket = this._makeSocket();
    socket.server = this;
    socket._pipeJoin(client);
    client._pipeJoin(socket);
    this._track(socket);
    this._emitConnection(socket);
  }

  _accept(event) {
    if (typeof this.maxConnections === 'number' && this.maxConnections >= 0 && this._connections >= this.maxConnections) {
      // Over the limit: closed at once, and 'drop' says who it was (as Node 18.6+).
      internal.callAsync('net.destroy', { id: event.id }).catch(() => {});
      const local = this._seen(event.localAddress);
      const remote = this._seen(event.remoteAddress);
      this.emit('drop', {
        localAddress: local, localPort: event.localPort, localFamily: isIP(local) === 6 ? 'IPv6' : 'IPv4',
        remoteAddress: remote, remotePort: event.remotePort, remoteFamily: isIP(remote) === 6 ? 'IPv6' : 'IPv4',
      });
      return;
    }
    const socket = this._makeSocket();
    socket.server = this;
    socket._attach(event.id, this._seen(event.remoteAddress), event.remotePort, this._seen(event.localAddress), event.localPort);
    this._track(socket);
    this._emitConnection(socket);
  }
  _makeSocket() { return new Socket({ allowHalfOpen: this._options.allowHalfOpen, highWaterMark: this._options.highWaterMark }); }
  _emitConnection(socket) { this.emit('connection', socket); }

  /** What Node reports for the address the guest asked for (the host binds loopback whatever it
   *  is): `::` without a host, as Node's dual-stack default. */
  address() {
    if (!this.listening) return null;
    if (this._pipePath !== undefined) return this._pipePath;
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
      if (this._pipePath !== undefined) {
        pipeServers.delete(this._pipePath);
        this._pipePath = undefined;
      } else {
        const id = this._id;
        this._unregisterListening(id);
        this._id = undefined;
        // Closed before close() returns, as Node closes its handle: a connection attempted
        // after this is refused.
        try { internal.call(this._closeOperation, { id }); } catch { /* already gone with the call */ }
      }
      this.listening = false;
      this._release();
      internal.loop.closingHandle();
      this._listenerClosed = true;
      this._emitCloseIfDrained();
    } else if (this._pending) {
      this._closeWhenListening = true;
    } else {
      process.nextTick(() => this.emit('close'));
    }
    return this;
  }

  /** Connections accepted and not yet closed. */
  getConnections(callback) { process.nextTick(callback, null, this._connections); return this; }
  _track(socket) {
    this._connections++;
    socket.once('close', () => {
      this._connections--;
      this._emitCloseIfDrained();
    });
  }

  /** As Node: 'close' once the listener is closed and every connection it accepted has closed. */
  _emitCloseIfDrained() {
    if (!this._listenerClosed || this._connections > 0) return;
    this._listenerClosed = false;
    process.nextTick(() => this.emit('close'));
  }
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
  // Loaded when first used (internal/blocklist uses isIPv4/isIPv6 from here).
  get BlockList() { return require('internal/blocklist').BlockList; },
  get SocketAddress() { return require('internal/blocklist').SocketAddress; },
  getDefaultAutoSelectFamily() { return true; },
  setDefaultAutoSelectFamily() {},
  getDefaultAutoSelectFamilyAttemptTimeout() { return 250; },
  setDefaultAutoSelectFamilyAttemptTimeout() {},
};
