// Hosts and addresses for tests that reach the internet (the sandbox denies the network unless
// the harness grants it). Each can be overridden by the environment variable of the same name.
'use strict';

const defaults = {
  INET_HOST: 'nodejs.org',
  INET4_HOST: 'nodejs.org',
  INET6_HOST: 'nodejs.org',
  INET4_IP: '8.8.8.8',
  INET6_IP: '2001:4860:4860::8888',
  INVALID_HOST: 'something.invalid',
  MX_HOST: 'nodejs.org',
  SRV_HOST: '_jabber._tcp.google.com',
  PTR_HOST: '8.8.8.8.in-addr.arpa',
  NAPTR_HOST: 'sip2sip.info',
  SOA_HOST: 'nodejs.org',
  CAA_HOST: 'google.com',
  CNAME_HOST: 'blog.nodejs.org',
  NS_HOST: 'nodejs.org',
  TXT_HOST: 'nodejs.org',
  DNS4_SERVER: '8.8.8.8',
  DNS6_SERVER: '2001:4860:4860::8888',
};

const addresses = {};
for (const [name, value] of Object.entries(defaults)) {
  addresses[name] = process.env[`NODE_TEST_${name}`] || value;
}

module.exports = { addresses };
