// net.BlockList and net.SocketAddress as Node 22 has them.
const { BlockList, SocketAddress } = require('net');
const util = require('util');
const b = new BlockList();
b.addAddress('1.1.1.1');
b.addAddress('::ffff:1.1.1.2', 'ipv6');
b.addRange('10.0.0.1', '10.0.0.10');
b.addSubnet('8592:757c:efae:4e45::', 64, 'IpV6');
b.addAddress('2001:db8:0:0:0:0:0:1', 'ipv6');
b.addSubnet('192.168.0.0', 27);
console.log(b.rules);
console.log(util.inspect(b), util.inspect(b, { depth: -1 }));
for (const [address, family] of [['1.1.1.1'], ['1.1.1.1', 'ipv6'], ['::ffff:1.1.1.1', 'ipv6'], ['1.1.1.2'], ['10.0.0.5'],
  ['::ffff:0a00:0005', 'ipv6'], ['10.0.0.11'], ['8592:757c:efae:4e45::f', 'ipv6'], ['8592:757c:efaf::1', 'ipv6'],
  ['192.168.0.31'], ['192.168.0.32'], ['2001:db8::1', 'ipv6'], ['x'], ['::1', 'ipv6']]) {
  console.log(address, family ?? '', b.check(address, family));
}
const s = new SocketAddress({ address: '::1', family: 'ipv6', port: 80 });
console.log(s, JSON.stringify(s), SocketAddress.isSocketAddress(s), BlockList.isBlockList(b), new SocketAddress());
console.log(b.check(s), b.check(new SocketAddress({ address: '1.1.1.1' })));
for (const f of [
  () => new SocketAddress({ address: 'x' }),
  () => new SocketAddress({ family: 'ipx' }),
  () => b.addRange('1.1.1.2', '1.1.1.1'),
  () => b.addAddress('1.1.1.1', 'foo'),
  () => b.addAddress(1),
  () => b.addSubnet('1.1.1.1', NaN),
  () => b.addSubnet('1.1.1.1', 33),
  () => b.addSubnet('::', 129, 'ipv6'),
  () => b.check(1),
]) {
  try { f(); console.log('no error'); } catch (e) { console.log(e.code, e.message); }
}
