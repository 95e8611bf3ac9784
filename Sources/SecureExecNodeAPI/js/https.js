'use strict';
// https: the http client over TLS (verification on, in the host). `https.createServer` is Node's:
// a tls.Server (the host terminates TLS with the guest's PEM key and certificate) whose secure
// connections _http_server reads and answers; the listen is the `listen` permission with
// protocol "https:".

const http = require('http');

const kTLSNameFields = ['ca', 'cert', 'clientCertEngine', 'ciphers', 'key', 'pfx', 'rejectUnauthorized', 'servername',
  'minVersion', 'maxVersion', 'secureProtocol', 'crl', 'honorCipherOrder', 'ecdhCurve', 'dhparam', 'secureOptions',
  'sessionIdContext', 'sigalgs', 'privateKeyIdentifier', 'privateKeyEngine'];

class Agent extends http.Agent {
  constructor(options) {
    super(options);
    this.defaultPort = 443;
    this.protocol = 'https:';
    this.maxCachedSessions = this.options.maxCachedSessions;
    if (this.maxCachedSessions === undefined) this.maxCachedSessions = 100;
    this._sessionCache = { map: {}, list: [] };
  }

  /** Node's key: the http one plus the TLS options (connections differ by them). */
  getName(options = {}) {
    let name = super.getName(options);
    for (const field of kTLSNameFields) {
      name += ':';
      const value = options[field];
      if (field === 'rejectUnauthorized' || field === 'secureOptions') {
        if (value !== undefined) name += value;
      } else if (field === 'servername') {
        if (value && value !== options.host) name += value;
      } else if (value) {
        name += value;
      }
    }
    return name;
  }
}
const CallableAgent = require('internal/callable_class')(Agent);
const globalAgent = new CallableAgent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });

function request(url, options, callback) {
  return new http.ClientRequest(url, options, callback, 'https:');
}

function get(url, options, callback) {
  const req = request(url, options, callback);
  req.end();
  return req;
}

const { storeHTTPOptions, setupConnectionsTracking, addServerMethods, _connectionListener } = require('_http_server');
const tls = require('tls');

class Server extends tls.Server {
  constructor(options, requestListener) {
    if (typeof options === 'function') { requestListener = options; options = {}; }
    else if (options === null || options === undefined) options = {};
    const opts = { ...options };
    super({ noDelay: true, ALPNProtocols: ['http/1.1'], ...opts, allowHalfOpen: true }, _connectionListener);
    storeHTTPOptions.call(this, opts);
    this.httpAllowHalfOpen = false;
    if (requestListener) this.on('request', requestListener);
    this.on('tlsClientError', function (err, conn) {
      if (!this.emit('clientError', err, conn)) conn.destroy(err);
    });
    this.timeout = 0;
    this.maxHeadersCount = null;
    this.maxRequestsPerSocket = 0;
    this.on('listening', setupConnectionsTracking);
  }
  _listenArguments(args) { return { ...super._listenArguments(args), http: true }; }
}
addServerMethods(Server.prototype, tls.Server.prototype);

function createServer(options, requestListener) { return new Server(options, requestListener); }

module.exports = { Agent: CallableAgent, globalAgent, request, get, createServer, Server: require('internal/callable_class')(Server) };
