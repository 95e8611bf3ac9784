'use strict';
// https: the http client over TLS (verification on, in the host). `https.createServer` is an
// http.Server on the host's loopback whose TLS (the guest's PEM key and certificate) the host
// terminates; the listen is the same `listen` permission, with protocol "https:".

const http = require('http');

class Agent extends http.Agent {
  constructor(options = {}) {
    super({ defaultPort: 443, protocol: 'https:', ...options });
  }
}
const globalAgent = new Agent();

function request(url, options, callback) {
  return new http.ClientRequest(url, options, callback, 'https:');
}

function get(url, options, callback) {
  const req = request(url, options, callback);
  req.end();
  return req;
}

class Server extends http.Server {
  constructor(options, requestListener) {
    if (typeof options === 'function') { requestListener = options; options = {}; }
    super(options || {}, requestListener);
    this._credentials = require('tls').serverCredentials(options || {});
    this._secure = true;
  }
  _listenArguments(args) { return { ...args, tls: this._credentials }; }
}

function createServer(options, requestListener) { return new Server(options, requestListener); }

module.exports = { Agent, globalAgent, request, get, createServer, Server: require('internal/callable_class')(Server) };
