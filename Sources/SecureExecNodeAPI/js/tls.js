'use strict';
// tls: client connections through the host, checked like `net.connect` (permission op
// "connect", protocol "tls:", then the adapter's destination policy). The host does TLS with
// certificate verification always on (against `servername`, else the host): `rejectUnauthorized:
// false` does not turn it off, and a certificate that does not verify fails the connection.
// Servers (`createServer`) are not available in the sandbox.

const net = require('net');

class TLSSocket extends net.Socket {
  constructor(socket, options = {}) {
    super(options);
    this.encrypted = true;
    this.authorized = false;
    this.authorizationError = null;
    this.alpnProtocol = false;
    this.servername = options.servername;
    this._tls = { servername: options.servername };
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

function createServer() {
  const err = new Error('tls.createServer is not supported in the sandbox');
  err.code = 'ERR_NOT_SUPPORTED_IN_SANDBOX';
  throw err;
}

function checkServerIdentity() { return undefined; }

module.exports = {
  TLSSocket,
  connect,
  createServer,
  checkServerIdentity,
  createSecureContext(options) { return { context: {}, options }; },
  getCiphers() { return ['tls_aes_128_gcm_sha256', 'tls_aes_256_gcm_sha384', 'tls_chacha20_poly1305_sha256']; },
  rootCertificates: Object.freeze([]),
  DEFAULT_ECDH_CURVE: 'auto',
  DEFAULT_MIN_VERSION: 'TLSv1.2',
  DEFAULT_MAX_VERSION: 'TLSv1.3',
  DEFAULT_CIPHERS: 'TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256',
};
