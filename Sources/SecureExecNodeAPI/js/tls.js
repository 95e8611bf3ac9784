'use strict';
// tls: client connections through the host, checked like `net.connect` (permission op
// "connect", protocol "tls:", then the adapter's destination policy). The host does TLS with
// certificate verification always on (against `servername`, else the host): `rejectUnauthorized:
// false` and `ca` do not change that, and a certificate that does not verify fails the
// connection. The one exception is a server the sandbox itself opened (`tls.createServer` /
// `https.createServer`, bound to the host's loopback): there `ca` is the trust root and
// `rejectUnauthorized: false` skips verification, since the guest only talks to itself.

const net = require('net');
const { Buffer } = require('buffer');

class TLSSocket extends net.Socket {
  constructor(socket, options = {}) {
    super(options);
    this.encrypted = true;
    this.authorized = false;
    this.authorizationError = null;
    this.alpnProtocol = false;
    this.servername = options.servername;
    this._tls = { servername: options.servername, ca: pemText(options.ca), rejectUnauthorized: options.rejectUnauthorized };
  }
  getPeerCertificate() { return {}; }
  getCertificate() { return null; }
  getProtocol() { return null; }
  getCipher() { return undefined; }
  getSession() { return undefined; }
  isSessionReused() { return false; }
  setServername(name) { this.servername = name; this._tls.servername = name; }
  renegotiate(options, callback) { if (callback) process.nextTick(callback, new Error('renegotiation is not supported')); return false; }
  exportKeyingMaterial() { throw new Error('exportKeyingMaterial is not supported in the sandbox'); }
}

function connect(...args) {
  let options = {};
  let callback;
  if (typeof args[args.length - 1] === 'function') callback = args.pop();
  if (args[0] !== null && typeof args[0] === 'object') options = { ...args[0] };
  else {
    options = { ...(typeof args[2] === 'object' ? args[2] : typeof args[1] === 'object' ? args[1] : {}) };
    options.port = args[0];
    if (typeof args[1] === 'string') options.host = args[1];
  }
  const host = options.host ?? 'localhost';
  const servername = options.servername ?? (net.isIP(host) ? undefined : host);
  const socket = new TLSSocket(null, { ...options, servername });
  if (callback) socket.once('secureConnect', callback);
  return socket.connect({ port: options.port, host });
}

/** PEM text from a string, Buffer or array of them (nil when absent). */
function pemText(value) {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map((v) => pemText(v)).filter((v) => v !== undefined).join('\n');
  if (typeof value === 'string') return value;
  if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('latin1');
  const err = new TypeError('The "options.ca" property must be of type string or an instance of Buffer');
  err.code = 'ERR_INVALID_ARG_TYPE';
  throw err;
}

/** `{key, cert}` for the host, from a server's options (PEM; `pfx` is not supported). */
function serverCredentials(options) {
  const key = pemText(options?.key);
  const cert = pemText(options?.cert);
  if (key === undefined || cert === undefined) {
    const err = new Error('the sandbox\'s TLS servers need PEM `key` and `cert` options');
    err.code = 'ERR_SANDBOX_TLS_CREDENTIALS';
    throw err;
  }
  return { key, cert };
}

// A TLS server on the host's loopback with the guest's key and certificate: the host does the
// handshake; each accepted connection is a TLSSocket ('secureConnection').
class Server extends net.Server {
  constructor(options, secureConnectionListener) {
    if (typeof options === 'function') { secureConnectionListener = options; options = {}; }
    super(options || {});
    this._credentials = serverCredentials(options || {});
    if (secureConnectionListener) this.on('secureConnection', secureConnectionListener);
  }
  _listenArguments(args) { return { ...args, tls: this._credentials }; }
  _makeSocket() {
    const socket = new TLSSocket(null, { allowHalfOpen: this._options.allowHalfOpen });
    socket.authorized = false;
    return socket;
  }
  _emitConnection(socket) {
    this.emit('connection', socket);
    this.emit('secureConnection', socket);
  }
  setSecureContext(options) { this._credentials = serverCredentials(options); }
  addContext() {}
  getTicketKeys() { return Buffer.alloc(48); }
  setTicketKeys() {}
}

function createServer(options, secureConnectionListener) { return new Server(options, secureConnectionListener); }

function checkServerIdentity() { return undefined; }

module.exports = {
  TLSSocket,
  Server: require('internal/callable_class')(Server),
  connect,
  createServer,
  pemText,
  serverCredentials,
  checkServerIdentity,
  createSecureContext(options) { return { context: {}, options }; },
  getCiphers() { return ['tls_aes_128_gcm_sha256', 'tls_aes_256_gcm_sha384', 'tls_chacha20_poly1305_sha256']; },
  rootCertificates: Object.freeze([]),
  DEFAULT_ECDH_CURVE: 'auto',
  DEFAULT_MIN_VERSION: 'TLSv1.2',
  DEFAULT_MAX_VERSION: 'TLSv1.3',
  DEFAULT_CIPHERS: 'TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256',
};
