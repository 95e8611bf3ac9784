'use strict';
// https: the http client over TLS (verification on, in the host). Servers inside the sandbox
// speak plain HTTP on the host's loopback only; `https.createServer` is not available.

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

function createServer() {
  const err = new Error('https.createServer is not supported in the sandbox (use http.createServer)');
  err.code = 'ERR_NOT_SUPPORTED_IN_SANDBOX';
  throw err;
}

module.exports = { Agent, globalAgent, request, get, createServer, Server: http.Server };
