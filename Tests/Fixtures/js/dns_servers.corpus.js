// dns server lists as Node keeps them: validation, formatting, duplicates, per-resolver lists.
// (No query is sent: resolution goes through the host's resolver. A new resolver's default list
// is the host's configuration in Node and empty in the sandbox, so it is not printed.)
const dns = require('dns');
dns.setServers(['127.0.0.1:5353', '[::1]:53', '::1', '1.2.3.4:53', '[fe80::1]:5353']);
console.log(dns.getServers(), dns.promises.getServers());
for (const bad of ['x', [1], ['foo'], [null], ['1.2.3.4:x']]) {
  try { dns.setServers(bad); console.log('accepted', bad); } catch (e) { console.log(e.code, e.message); }
}
const resolver = new dns.Resolver();
resolver.setServers(['8.8.8.8', '2001:4860:4860::8888']);
console.log(resolver.getServers(), dns.getServers().length);
const promiseResolver = new dns.promises.Resolver();
promiseResolver.setServers(['9.9.9.9:53']);
console.log(promiseResolver.getServers());
dns.promises.setServers([]);
console.log(dns.getServers());
