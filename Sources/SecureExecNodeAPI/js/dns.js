'use strict';
// dns: lookups through the host's resolver, each one a `dns` permission request (DNS is a
// channel out of the sandbox too). `resolve*` answer from the same lookup (A and AAAA only).

const {
  codes: { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE },
} = require('internal/errors');

function dnsError(error, syscall, hostname) {
  if (!error || typeof error !== 'object') return error;
  if (error.code === 'EACCES') return error;
  const err = new Error(`${syscall} ${error.code} ${hostname}`);
  err.errno = undefined;
  err.code = error.code;
  err.syscall = syscall;
  err.hostname = hostname;
  return err;
}

function normalizeFamily(family) {
  if (family === 'IPv4') return 4;
  if (family === 'IPv6') return 6;
  if (family === undefined || family === null) return 0;
  if (family !== 0 && family !== 4 && family !== 6) throw new ERR_INVALID_ARG_VALUE('options.family', family, 'must be one of: 0, 4, 6');
  return family;
}

async function lookupAll(hostname, family, syscall = 'getaddrinfo') {
  try {
    return await internal.callAsync('dns.lookup', { hostname, family });
  } catch (error) {
    throw dnsError(error, syscall, hostname);
  }
}

function lookup(hostname, options, callback) {
  if (typeof options === 'function') { callback = options; options = {}; }
  if (typeof callback !== 'function') throw new ERR_INVALID_ARG_TYPE('callback', 'Function', callback);
  if (hostname !== undefined && hostname !== null && typeof hostname !== 'string') {
    throw new ERR_INVALID_ARG_TYPE('hostname', 'string', hostname);
  }
  if (typeof options === 'number') options = { family: options };
  options = options || {};
  const family = normalizeFamily(options.family);
  if (!hostname) {
    process.nextTick(() => (options.all ? callback(null, []) : callback(null, null, family === 6 ? 6 : 4)));
    return {};
  }
  lookupAll(hostname, family).then((list) => {
    if (options.all) callback(null, list);
    else callback(null, list[0].address, list[0].family);
  }, (error) => callback(error));
  return {};
}

function resolver(family, syscall) {
  return function resolve(hostname, options, callback) {
    if (typeof options === 'function') { callback = options; options = {}; }
    if (typeof hostname !== 'string') throw new ERR_INVALID_ARG_TYPE('hostname', 'string', hostname);
    if (typeof callback !== 'function') throw new ERR_INVALID_ARG_TYPE('callback', 'Function', callback);
    lookupAll(hostname, family, syscall).then((list) => {
      const addresses = list.map((e) => e.address);
      callback(null, options && options.ttl ? addresses.map((address) => ({ address, ttl: 0 })) : addresses);
    }, (error) => callback(error));
    return {};
  };
}

const resolve4 = resolver(4, 'queryA');
const resolve6 = resolver(6, 'queryAaaa');

function resolve(hostname, rrtype, callback) {
  if (typeof rrtype === 'function') { callback = rrtype; rrtype = 'A'; }
  if (rrtype === 'A') return resolve4(hostname, callback);
  if (rrtype === 'AAAA') return resolve6(hostname, callback);
  const err = new Error(`query${rrtype} ENOTIMP ${hostname}`);
  err.code = 'ENOTIMP';
  process.nextTick(() => callback(err));
  return {};
}

// The servers a resolver was given (Node's validation and getServers formatting). Queries still
// go through the host's resolver: the list is kept and reported, not used.
const IANA_DNS_PORT = 53;
function parseServers(servers) {
  const { validateArray, validateString } = require('internal/validators');
  const { isIP } = require('net');
  validateArray(servers, 'servers');
  const list = [];
  servers.forEach((server, index) => {
    validateString(server, `servers[${index}]`);
    if (isIP(server) !== 0) { list.push([server, IANA_DNS_PORT]); return; }
    const bracketed = /^\[([^[\]]*)\](?::(\d+))?$/.exec(server);
    if (bracketed && isIP(bracketed[1]) !== 0) {
      list.push([bracketed[1], Number.parseInt(bracketed[2]) || IANA_DNS_PORT]);
      return;
    }
    const split = /(^.+?)(?::(\d+))?$/.exec(server);
    if (split && isIP(split[1]) !== 0) {
      list.push([split[1], Number.parseInt(split[2] || IANA_DNS_PORT)]);
      return;
    }
    throw new (require('internal/errors').codes.ERR_INVALID_IP_ADDRESS)(server);
  });
  // The same server twice is kept once (as c-ares keeps it).
  return list.filter(([host, port], i) => list.findIndex(([h, p]) => h === host && p === port) === i);
}
function formatServers(list) {
  return list.map(([host, port]) => {
    if (port === IANA_DNS_PORT) return host;
    return `${require('net').isIP(host) === 6 ? `[${host}]` : host}:${port}`;
  });
}
let defaultServers = [];

const promises = {
  async lookup(hostname, options = {}) {
    if (typeof options === 'number') options = { family: options };
    const family = normalizeFamily(options.family);
    const list = await lookupAll(hostname, family);
    return options.all ? list : list[0];
  },
  async resolve4(hostname) { return (await lookupAll(hostname, 4, 'queryA')).map((e) => e.address); },
  async resolve6(hostname) { return (await lookupAll(hostname, 6, 'queryAaaa')).map((e) => e.address); },
  async resolve(hostname, rrtype = 'A') {
    if (rrtype === 'A') return promises.resolve4(hostname);
    if (rrtype === 'AAAA') return promises.resolve6(hostname);
    const err = new Error(`query${rrtype} ENOTIMP ${hostname}`);
    err.code = 'ENOTIMP';
    throw err;
  },
};

class Resolver {
  constructor() { this._servers = []; }
  cancel() {}
  getServers() { return formatServers(this._servers); }
  setServers(servers) { this._servers = parseServers(servers); }
  setLocalAddress() {}
}
Resolver.prototype.resolve = resolve;
Resolver.prototype.resolve4 = resolve4;
Resolver.prototype.resolve6 = resolve6;

const codes = ['NODATA', 'FORMERR', 'SERVFAIL', 'NOTFOUND', 'NOTIMP', 'REFUSED', 'BADQUERY', 'BADNAME', 'BADFAMILY',
  'BADRESP', 'CONNREFUSED', 'TIMEOUT', 'EOF', 'FILE', 'NOMEM', 'DESTRUCTION', 'BADSTR', 'BADFLAGS', 'NONAME',
  'BADHINTS', 'NOTINITIALIZED', 'LOADIPHLPAPI', 'ADDRGETNETWORKPARAMS', 'CANCELLED'];

// dns.promises.Resolver: the same resolver with promise methods.
class PromiseResolver {
  constructor() { this._servers = []; }
  cancel() {}
  getServers() { return formatServers(this._servers); }
  setServers(servers) { this._servers = parseServers(servers); }
  setLocalAddress() {}
}
PromiseResolver.prototype.resolve = promises.resolve;
PromiseResolver.prototype.resolve4 = promises.resolve4;
PromiseResolver.prototype.resolve6 = promises.resolve6;
Object.defineProperty(PromiseResolver, 'name', { __proto__: null, value: 'Resolver' });
promises.Resolver = PromiseResolver;
/** Reverse lookups are not offered; the arguments are still checked first, as in Node. */
function checkLookupService(address, port) {
  if (arguments.length < 2) throw new (require('internal/errors').codes.ERR_MISSING_ARGS)('address', 'port');
  const { validateString, validatePort } = require('internal/validators');
  validateString(address, 'address');
  if (require('net').isIP(address) === 0) throw new ERR_INVALID_ARG_VALUE('address', address);
  validatePort(port);
  const err = new Error('lookupService is not supported in sandbox');
  err.code = 'ERR_NOT_SUPPORTED_IN_SANDBOX';
  return err;
}
promises.lookupService = function lookupService(address, port) {
  return Promise.reject(checkLookupService.apply(undefined, arguments));
};
function lookupService(address, port, callback) {
  const err = checkLookupService.apply(undefined, Array.prototype.slice.call(arguments, 0, 2));
  require('internal/validators').validateFunction(callback, 'callback');
  process.nextTick(callback, err);
}
promises.getServers = function getServers() { return formatServers(defaultServers); };
promises.setServers = function setServers(servers) {
  const list = parseServers(servers);
  // As Node (c-ares): an empty list leaves the servers as they were.
  if (list.length > 0) defaultServers = list;
};
promises.setDefaultResultOrder = () => {};
promises.getDefaultResultOrder = () => 'verbatim';

module.exports = {
  lookup, lookupService, resolve, resolve4, resolve6, Resolver, promises,
  getServers: promises.getServers,
  setServers: promises.setServers,
  setDefaultResultOrder() {},
  getDefaultResultOrder() { return 'verbatim'; },
  ADDRCONFIG: 1024, V4MAPPED: 2048, ALL: 256,
};
// The error codes, on dns and on dns.promises (as in Node).
for (const code of codes) {
  module.exports[code] = promises[code] = code === 'NOTFOUND' ? 'ENOTFOUND' : 'E' + code;
}
