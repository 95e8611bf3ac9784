'use strict';
// fetch: each request is a host call checked against the network permission (with the URL,
// method, hostname, port and protocol) before any connection. The full Fetch API comes with
// the networking module; until then a permitted request fails as "not implemented" by the host.

async function fetch(input, init = {}) {
  const url = typeof input === 'string' ? input : input && typeof input.href === 'string' ? input.href : input && input.url;
  if (typeof url !== 'string') throw new TypeError('Failed to parse URL from ' + String(input));
  let parsed;
  try {
    parsed = new (require('url').URL)(url);
  } catch (cause) {
    const err = new TypeError(`Failed to parse URL from ${url}`);
    err.cause = cause;
    throw err;
  }
  const method = String(init.method ?? (input && input.method) ?? 'GET').toUpperCase();
  return internal.callAsync('net.fetch', { url: parsed.href, method });
}

module.exports = { fetch };
