'use strict';
// The `dgram` module: UDP sockets over the host (udp.* bridge operations, UDPSockets.swift).
// A socket is bound on the host's loopback whatever address the guest names (the address it
// named is what `address()` reports); binding asks the network permission (op `listen`,
// protocol `udp:`) and every destination passes the same gate as a connection (op `connect`,
// protocol `udp:`: permission, DNS permission, SSRF policy), except the sandbox's own sockets
// on the loopback. Datagrams arrive one at a time as the guest takes them. Multicast and
// broadcast are not available (membership calls throw ERR_NOT_SUPPORTED_IN_SANDBOX); buffer
// sizes are remembered, not applied.

const EventEmitter = require('events');
const { Buffer } = require('buffer');
const {
  codes: {
    ERR_INVALID_ARG_TYPE,
    ERR_MISSING_ARGS,
    ERR_SOCKET_ALREADY_BOUND,
    ERR_SOCKET_BAD_BUFFER_SIZE,
    ERR_SOCKET_BAD_TYPE,
    ERR_SOCKET_DGRAM_IS_CONNECTED,
    ERR_SOCKET_DGRAM_NOT_CONNECTED,
    ERR_SOCKET_DGRAM_NOT_RUNNING,
    ERR_BUFFER_OUT_OF_BOUNDS,
  },
} = require('internal/errors');
const { validateNumber, validatePort, validateString } = require('internal/validators');

const BIND_STATE_UNBOUND = 0;
const BIND_STATE_BINDING = 1;
const BIND_STATE_BOUND = 2;
const CONNECT_STATE_DISCONNECTED = 0;
const CONNECT_STATE_CONNECTING = 1;
const CONNECT_STATE_CONNECTED = 2;
const kDefaultBufferSize = 212992;

const sockets = new Map(); // host id -> Socket

internal.loop.onHostEvent('udp', (event, bytes) => {
  const socket = event === undefined ? undefined : sockets.get(event.id);
  if (socket === undefined) return;
  switch (event.type) {
    case 'message': {
      const msg = bytes ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : Buffer.alloc(0);
      socket.emit('message', msg, { address: event.address, family: event.family, port: event.port, size: msg.length });
      // The next datagram once this one was handed over.
      if (socket._id === event.id) internal.send('udp.read', { id: event.id });
      break;
    }
    case 'error': {
      const err = new Error(event.message);
      err.code = event.code;
      err.errno = event.code === 'ECONNREFUSED' ? -111 : -5;
      err.syscall = 'recvmsg';
      socket.emit('error', err);
      break;
    }
    case 'close':
      sockets.delete(event.id);
      break;
    default:
      break;
  }
});

function notSupported(what) {
  const err = new Error(`${what} is not supported in sandbox`);
  err.code = 'ERR_NOT_SUPPORTED_IN_SANDBOX';
  return err;
}

class Socket extends EventEmitter {
  constructor(type, listener) {
    super();
    let options;
    if (type !== null && typeof type === 'object') {
      options = type;
      type = options.type;
    }
    if (type !== 'udp4' && type !== 'udp6') throw new ERR_SOCKET_BAD_TYPE();
    this.type = type;
    if (typeof listener === 'function') this.on('message', listener);
    this._id = 0;
    this._bindState = BIND_STATE_UNBOUND;
    this._connectState = CONNECT_STATE_DISCONNECTED;
    this._address = undefined;
    this._port = undefined;
    this._remote = undefined;
    this._queue = undefined;
    this._refed = true;
    this._holding = false;
    this._reuseAddr = !!options?.reuseAddr;
    this._recvBufferSize = options?.recvBufferSize;
    this._sendBufferSize = options?.sendBufferSize;
    this._closed = false;
    if (options?.signal !== undefined) {
      const signal = options.signal;
      if (signal === null || typeof signal !== 'object' || !('aborted' in signal)) {
        throw new ERR_INVALID_ARG_TYPE('options.signal', 'AbortSignal', signal);
      }
      const onAbort = () => { if (!this._closed) this.close(); };
      if (signal.aborted) process.nextTick(onAbort);
      else signal.addEventListener('abort', onAbort, { once: true });
    }
  }

  _hold() {
    if (!this._holding) {
      this._holding = true;
      if (this._refed) internal.loop.refHandle();
    }
  }

  _release() {
    if (this._holding) {
      this._holding = false;
      if (this._refed) internal.loop.unrefHandle();
    }
  }

  /** Node's healthCheck: a closed socket is not running. */
  _healthCheck() {
    if (this._closed) throw new ERR_SOCKET_DGRAM_NOT_RUNNING();
  }

  /** An operation on the socket itself: not running once closed, EBADF before it is bound. */
  _bound(syscall) {
    this._healthCheck();
    if (this._bindState !== BIND_STATE_BOUND) throw socketError(syscall, 'EBADF', -9);
  }

  bind(port, address, callback) {
    if (this._closed) throw new ERR_SOCKET_DGRAM_NOT_RUNNING();
    if (this._bindState !== BIND_STATE_UNBOUND) throw new ERR_SOCKET_ALREADY_BOUND();
    let exclusive = false;
    if (port !== null && typeof port === 'object') {
      callback = address;
      const options = port;
      if (options.fd !== undefined) throw notSupported('Binding to a file descriptor');
      port = options.port;
      address = options.address;
      exclusive = !!options.exclusive;
    } else if (typeof port === 'function') {
      callback = port;
      port = 0;
      address = undefined;
    }
    if (typeof address === 'function') {
      callback = address;
      address = undefined;
    }
    if (port === undefined || port === null) port = 0;
    port = validatePort(port, 'Port');
    if (address !== undefined && address !== null) validateString(address, 'address');
    if (typeof callback === 'function') this.once('listening', callback);
    this._bindState = BIND_STATE_BINDING;
    this._hold();
    const named = address || (this.type === 'udp4' ? '0.0.0.0' : '::');
    internal.callAsync('udp.bind', { type: this.type, address: named, port, reuseAddr: this._reuseAddr && !exclusive }).then(
      (answer) => {
        if (this._closed) {
          internal.send('udp.close', { id: answer.id });
          return;
        }
        this._id = answer.id;
        sockets.set(answer.id, this);
        this._address = named;
        this._port = answer.port;
        this._bindState = BIND_STATE_BOUND;
        this.emit('listening');
        const queue = this._queue;
        this._queue = undefined;
        if (queue !== undefined) for (const job of queue) job();
      },
      (err) => {
        this._bindState = BIND_STATE_UNBOUND;
        this._release();
        const queue = this._queue;
        this._queue = undefined;
        this.emit('error', err);
        if (queue !== undefined) for (const job of queue) job(err);
      });
    return this;
  }

  /** Runs `job` once bound (binding implicitly to any port first, as Node does for send). */
  _whenBound(job) {
    if (this._bindState === BIND_STATE_BOUND) { job(); return; }
    (this._queue ??= []).push(job);
    if (this._bindState === BIND_STATE_UNBOUND) this.bind({ port: 0, exclusive: true });
  }

  connect(port, address, callback) {
    port = validatePort(port, 'Port', false);
    if (typeof address === 'function') {
      callback = address;
      address = undefined;
    } else if (address !== undefined) {
      validateString(address, 'address');
    }
    if (this._connectState !== CONNECT_STATE_DISCONNECTED) throw new ERR_SOCKET_DGRAM_IS_CONNECTED();
    this._connectState = CONNECT_STATE_CONNECTING;
    const target = address || (this.type === 'udp4' ? '127.0.0.1' : '::1');
    this._whenBound((bindError) => {
      if (bindError) { this._connectState = CONNECT_STATE_DISCONNECTED; return; }
      // As Node: the callback is a 'connect' listener (one added while 'connect' is emitted
      // waits for the next), and a socket closed meanwhile hears nothing.
      if (typeof callback === 'function') this.once('connect', callback);
      internal.callAsync('udp.connect', { id: this._id, address: target, port }).then(
        (answer) => {
          if (this._closed) return;
          this._connectState = CONNECT_STATE_CONNECTED;
          this._remote = { address: answer.address, family: this.type === 'udp4' ? 'IPv4' : 'IPv6', port: answer.port };
          this.emit('connect');
        },
        (err) => {
          if (this._closed) return;
          this._connectState = CONNECT_STATE_DISCONNECTED;
          if (typeof callback === 'function') {
            this.removeListener('connect', callback);
            callback(err);
          } else {
            this.emit('error', err);
          }
        });
    });
  }

  disconnect() {
    if (this._connectState !== CONNECT_STATE_CONNECTED) throw new ERR_SOCKET_DGRAM_NOT_CONNECTED();
    internal.call('udp.disconnect', { id: this._id });
    this._connectState = CONNECT_STATE_DISCONNECTED;
    this._remote = undefined;
  }

  remoteAddress() {
    this._healthCheck();
    if (this._connectState !== CONNECT_STATE_CONNECTED) throw new ERR_SOCKET_DGRAM_NOT_CONNECTED();
    return { ...this._remote };
  }

  send(buffer, offset, length, port, address, callback) {
    const connected = this._connectState === CONNECT_STATE_CONNECTED;
    // Node's argument forms: (msg, offset, length, port, address, cb) with a slice, or
    // (msg, port, address, cb); connected sockets take no port or address.
    if (!connected) {
      if (address || (port && typeof port !== 'function')) {
        buffer = sliceBuffer(buffer, offset, length);
      } else {
        callback = port;
        port = offset;
        address = length;
      }
    } else {
      if (typeof length === 'number') {
        buffer = sliceBuffer(buffer, offset, length);
        if (typeof port === 'function') {
          callback = port;
          port = null;
        }
      } else {
        callback = offset;
      }
      if (port || address) throw new ERR_SOCKET_DGRAM_IS_CONNECTED();
    }
    let list;
    if (!Array.isArray(buffer)) {
      if (typeof buffer === 'string') list = [Buffer.from(buffer)];
      else if (!ArrayBuffer.isView(buffer)) throw new ERR_INVALID_ARG_TYPE('buffer', ['Buffer', 'TypedArray', 'DataView', 'string'], buffer);
      else list = [toBuffer(buffer)];
    } else {
      list = [];
      for (const chunk of buffer) {
        if (typeof chunk === 'string') list.push(Buffer.from(chunk));
        else if (ArrayBuffer.isView(chunk)) list.push(toBuffer(chunk));
        else throw new ERR_INVALID_ARG_TYPE('buffer list arguments', ['Buffer', 'TypedArray', 'DataView', 'string'], buffer);
      }
    }
    if (!connected) port = validatePort(port, 'Port', false);
    if (typeof callback !== 'function') callback = undefined;
    if (typeof address === 'function') {
      callback = address;
      address = undefined;
    } else if (address !== undefined && address !== null) {
      validateString(address, 'address');
    }
    if (this._closed) throw new ERR_SOCKET_DGRAM_NOT_RUNNING();
    const data = list.length === 1 ? list[0] : Buffer.concat(list);
    const target = connected ? undefined : (address || (this.type === 'udp4' ? '127.0.0.1' : '::1'));
    this._whenBound((bindError) => {
      if (bindError) { if (callback) callback(bindError); return; }
      if (this._closed) return;
      const args = connected ? { id: this._id } : { id: this._id, address: target, port };
      internal.callAsync('udp.send', args, new Uint8Array(data.buffer, data.byteOffset, data.byteLength)).then(
        (sent) => { if (callback) callback(null, sent); },
        (err) => {
          // As in Node, a failed send is reported to its callback only.
          if (!connected) { err.address = target; err.port = port; }
          if (callback) callback(err);
        });
    });
  }

  close(callback) {
    if (this._closed) throw new ERR_SOCKET_DGRAM_NOT_RUNNING();
    if (typeof callback === 'function') this.once('close', callback);
    this._closed = true;
    const id = this._id;
    if (id !== 0) {
      sockets.delete(id);
      internal.send('udp.close', { id });
    }
    this._bindState = BIND_STATE_UNBOUND;
    this._connectState = CONNECT_STATE_DISCONNECTED;
    this._release();
    process.nextTick(() => this.emit('close'));
    return this;
  }

  [Symbol.asyncDispose]() {
    if (this._closed) return Promise.resolve();
    return new Promise((resolve) => this.close(resolve));
  }

  address() {
    this._bound('getsockname');
    return { address: this._address, family: this.type === 'udp4' ? 'IPv4' : 'IPv6', port: this._port };
  }

  ref() {
    if (!this._refed) {
      this._refed = true;
      if (this._holding) internal.loop.refHandle();
    }
    return this;
  }

  unref() {
    if (this._refed) {
      if (this._holding) internal.loop.unrefHandle();
      this._refed = false;
    }
    return this;
  }

  setBroadcast(flag) {
    this._bound('setBroadcast');
  }

  setTTL(ttl) {
    validateNumber(ttl, 'ttl');
    this._bound('setTTL');
    if (!(ttl > 0 && ttl < 256)) throw socketError('setTTL', 'EINVAL', -22);
    return ttl;
  }

  setMulticastTTL(ttl) {
    validateNumber(ttl, 'ttl');
    this._bound('setMulticastTTL');
    if (!(ttl >= 0 && ttl < 256)) throw socketError('setMulticastTTL', 'EINVAL', -22);
    return ttl;
  }

  setMulticastLoopback(flag) {
    this._bound('setMulticastLoopback');
    return flag;
  }

  setMulticastInterface(interfaceAddress) {
    this._healthCheck();
    validateString(interfaceAddress, 'interfaceAddress');
    this._bound('setMulticastInterface');
  }

  addMembership(multicastAddress, interfaceAddress) {
    if (!multicastAddress) throw new ERR_MISSING_ARGS('multicastAddress');
    this._healthCheck();
    throw notSupported('Multicast');
  }

  dropMembership(multicastAddress, interfaceAddress) {
    if (!multicastAddress) throw new ERR_MISSING_ARGS('multicastAddress');
    this._healthCheck();
    throw notSupported('Multicast');
  }

  addSourceSpecificMembership(sourceAddress, groupAddress, interfaceAddress) {
    validateString(sourceAddress, 'sourceAddress');
    validateString(groupAddress, 'groupAddress');
    this._healthCheck();
    throw notSupported('Multicast');
  }

  dropSourceSpecificMembership(sourceAddress, groupAddress, interfaceAddress) {
    validateString(sourceAddress, 'sourceAddress');
    validateString(groupAddress, 'groupAddress');
    this._healthCheck();
    throw notSupported('Multicast');
  }

  setRecvBufferSize(size) { this._recvBufferSize = bufferSize(this, size); }
  setSendBufferSize(size) { this._sendBufferSize = bufferSize(this, size); }
  getRecvBufferSize() { this._healthCheck(); return this._recvBufferSize ?? kDefaultBufferSize; }
  getSendBufferSize() { this._healthCheck(); return this._sendBufferSize ?? kDefaultBufferSize; }
  getSendQueueSize() { return 0; }
  getSendQueueCount() { return 0; }
}

/** A system error as Node's libuv bindings raise it (`setTTL EINVAL`). */
function socketError(syscall, code, errno) {
  const err = new Error(`${syscall} ${code}`);
  err.errno = errno;
  err.code = code;
  err.syscall = syscall;
  return err;
}

function bufferSize(socket, size) {
  if (!Number.isInteger(size) || size <= 0 || size > 0x7fffffff) throw new ERR_SOCKET_BAD_BUFFER_SIZE();
  socket._healthCheck();
  return size;
}

function sliceBuffer(buffer, offset, length) {
  if (typeof buffer === 'string') buffer = Buffer.from(buffer);
  else if (!ArrayBuffer.isView(buffer)) throw new ERR_INVALID_ARG_TYPE('buffer', ['Buffer', 'TypedArray', 'DataView', 'string'], buffer);
  offset >>>= 0;
  length >>>= 0;
  if (offset > buffer.byteLength) throw new ERR_BUFFER_OUT_OF_BOUNDS('offset');
  if (offset + length > buffer.byteLength) throw new ERR_BUFFER_OUT_OF_BOUNDS('length');
  return Buffer.from(buffer.buffer, buffer.byteOffset + offset, length);
}

function toBuffer(value) {
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  if (Buffer.isBuffer(value)) return value;
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

function createSocket(type, listener) {
  return new Socket(type, listener);
}

module.exports = {
  createSocket,
  Socket,
  _createSocketHandle() { throw notSupported('dgram._createSocketHandle'); },
};
