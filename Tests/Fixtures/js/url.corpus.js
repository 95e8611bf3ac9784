'use strict';
// Corpus for the `url` module: the WHATWG URL parser (hosts, IPv4/IPv6 spellings, IDNA,
// percent-encoding, relative resolution, file URLs, opaque paths), setters, URLSearchParams,
// inspect output, the legacy url.parse/format/resolve API and the file/domain helpers.
// Prints strings only; nothing depends on the current directory or the platform name.

const url = require('url');
const { URL, URLSearchParams } = url;
const util = require('util');

const q = JSON.stringify;
const log = (...parts) => console.log(parts.join(' '));

function describeError(e) {
  const extra = [];
  if (e && typeof e === 'object') {
    if ('input' in e) extra.push(`input=${typeof e.input === 'string' ? q(e.input) : typeof e.input}`);
    if ('base' in e) extra.push(`base=${q(e.base)}`);
  }
  // The platform name ends some messages; keep the corpus platform-independent.
  const message = String(e && e.message).replace(/ on [a-z0-9]+$/, ' on <platform>');
  return `${e && e.name} | ${e && e.code} | ${message} | ${q(Object.keys(e || {}))} ${extra.join(' ')}`;
}

function attempt(label, fn) {
  try {
    const v = fn();
    log(label, '->', typeof v === 'string' ? q(v) : v === undefined ? 'undefined' : q(v));
  } catch (e) {
    log(label, 'threw', describeError(e));
  }
}

const components = (u) => [u.href, u.origin, u.protocol, u.username, u.password, u.host, u.hostname,
  u.port, u.pathname, u.search, u.hash];

function parsed(input, base) {
  try {
    const u = base === undefined ? new URL(input) : new URL(input, base);
    return q(components(u));
  } catch (e) {
    return `threw ${describeError(e)}`;
  }
}

// ---------------------------------------------------------------------------
log('== module shape');
log(q(Object.keys(url)));
log(typeof URL, URL.name, URL.length, typeof URLSearchParams, URLSearchParams.name, URLSearchParams.length);
log(q(Object.getOwnPropertyNames(URL)), q(Object.getOwnPropertyNames(URLSearchParams)));
for (const C of [URL, URLSearchParams]) {
  for (const key of Reflect.ownKeys(C.prototype)) {
    const d = Object.getOwnPropertyDescriptor(C.prototype, key);
    log(C.name, String(key), d.enumerable, d.configurable, d.writable, typeof d.value, typeof d.get, typeof d.set,
        d.value && typeof d.value === 'function' ? `${d.value.name}/${d.value.length}` : q(d.value));
  }
  for (const key of Reflect.ownKeys(C)) {
    const d = Object.getOwnPropertyDescriptor(C, key);
    log(C.name, 'static', String(key), d.enumerable, d.configurable, d.writable,
        typeof d.value === 'function' ? `${d.value.name}/${d.value.length}` :
          typeof d.value === 'object' ? typeof d.value : q(d.value));
  }
}
log(URLSearchParams.prototype[Symbol.iterator] === URLSearchParams.prototype.entries);
{
  const it = new URLSearchParams('a=1').keys();
  const proto = Object.getPrototypeOf(it);
  log(q(Reflect.ownKeys(proto).map(String)), proto[Symbol.toStringTag], typeof proto.next, Object.prototype.toString.call(it));
  log(Object.getPrototypeOf(proto) === Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
  log(typeof it[Symbol.iterator], it[Symbol.iterator]() === it);
}
log(Object.prototype.toString.call(new URL('http://a')), Object.prototype.toString.call(new URLSearchParams()));
log(q(Object.keys(new URL('http://a'))), Object.getOwnPropertySymbols(new URL('http://a')).length);
log(q(Object.keys(new URLSearchParams('a=b'))));
log(url.URL === URL, typeof url.Url, url.Url.name, typeof url.parse, url.parse.name, url.format.name, url.resolve.name);

// ---------------------------------------------------------------------------
log('== hosts (SSRF-relevant spellings)');
const hosts = [
  '127.0.0.1', '127.1', '127.0.1', '127.00.0.1', '0177.0.0.1', '0177.1', '0x7f.1', '0x7F.0.0.1', '0x7f000001',
  '2130706433', '017700000001', '0x7f.0x0.0x0.0x1', '127.0.0.1.', '127.0.0.1..', '.127.0.0.1', '127.0.0.01',
  '127.0.0.08', '127.0.0.0x', '0x', '0x.0x.0x.0x', '0', '00', '0.0.0.0', '0x0', '1.2.3.4.5', '1.2.3', '1.2',
  '256.0.0.1', '255.255.255.255', '255.255.255.256', '4294967295', '4294967296', '0xffffffff', '0x100000000',
  '999999999999999999999', '1.256', '1.65536', '1.16777216', '1.2.65536', '1.2.3.256', '09', '08.1', '0x1g',
  '1.0x', '1..2', '1.2..', '..', '.', 'a.0x1', 'a.1', '1.a', 'abc.0', 'abc.09', 'foo.0x', 'foo.0x1g', '0xg',
  'localhost', 'LOCALHOST', 'localhost.', 'LocalHost.Example.COM', 'example.com.', 'ex%61mple.com', 'ex%2Eample',
  '%31%32%37.0.0.1', '%30x7f.1', '127%2e0%2e0%2e1', '１２７.０.０.１', '127。0。0。1', '127．1', '0Ｘ7f.1',
  '①②⑦.0.0.1', 'xn--', 'xn--a', 'xn--ls8h', 'XN--LS8H', 'xn--abc-', 'xn--zca', 'xn--fa-hia.de', 'a..b',
  'ab--cd', '-a-', 'a_b', 'a~b', 'a!b', 'a$b', "a'b", 'a(b)', 'a*b', 'a+b', 'a,b', 'a;b', 'a=b', 'a&b',
  'a%b', 'a%25b', 'a%00b', 'a%0Ab', 'a%20b', 'a b', 'a<b', 'a>b', 'a^b', 'a|b', 'a"b', 'a`b', 'a{b}', 'a\u007fb',
  'bücher.de', 'BÜCHER.de', 'faß.de', 'ς.com', 'Σ.com', 'i̇.com', 'İ.com', 'ẞ.de', '☃.net', '💩.la', 'ﬀ.com',
  'a\u00adb', 'a\u200bb', 'a\u200cb', 'a\u200db', 'a\ufeffb', 'a\u0300', '\u0300a', 'a\u2488b', 'a\u2474b',
  'a\ue000b', 'a\u0378b', 'a\ufffdb', 'עברית.com', 'a\u05d0', '\u05d0a', 'العربية.com', '\u0660\u0661',
  '\u05d0\u0660', 'x\u0640y', '日本語.jp', '한국.kr', 'ab\u3002cd', 'ab\uff0ecd', 'ab\uff61cd', '%E2%98%83.net',
  '%ef%bc%85', '%ff', '%C3%A9', 'a%C3%A9', '%e2%80%8c', 'ⅸ.com', '℡.com', 'ǅ.com',
  '[::1]', '[::]', '[0::0]', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '[::127.0.0.1]', '[1:2:3:4:5:6:7:8]',
  '[1:2:3:4:5:6:7::]', '[1:0:0:0:0:0:0:1]', '[1::0:0:1]', '[1:0:0:2:0:0:0:3]', '[0:0:1:0:0:1:0:0]',
  '[FFFF::ABCD]', '[fe80::1%25eth0]', '[::1.2.3]', '[::1.2.3.4.5]', '[::1.2.3.256]', '[::01.2.3.4]',
  '[1:2:3:4:5:6:7:8:9]', '[1::2::3]', '[:1]', '[1:]', '[12345::]', '[::g]', '[::1', '::1]', '[[::1]]',
  '[0x7f.1]', '[127.0.0.1]', '[1:2:3:4:5:6:1.2.3.4]', '[1:2:3:4:5:6:7:1.2.3.4]', '[::ffff:1.2.3.4]:80',
  'user:pass@host', 'u@h@x', ':@host', '@host', 'host:', 'host:0', 'host:80', 'host:8080', 'host:65535',
  'host:65536', 'host:-1', 'host:+1', 'host:1a', 'host:0x10', 'host:00000000000000000080', 'h\tost', 'h\nost',
];
for (const scheme of ['http', 'ws', 'file', 'foo']) {
  for (const h of hosts) log(scheme, q(h), parsed(`${scheme}://${h}/p`));
}
for (const h of hosts) log('domainToASCII', q(h), q(url.domainToASCII(h)), q(url.domainToUnicode(h)));

// ---------------------------------------------------------------------------
log('== absolute inputs');
const inputs = [
  'http://example.com', 'HTTP://EXAMPLE.COM/A?B#C', 'https://example.com:443/', 'http://example.com:80/',
  'ftp://example.com:21/', 'ws://x:80/', 'wss://x:443/', 'http://example.com:/', 'https://:443',
  '  http://example.com/  ', '\u0000\u001fhttp://a/\u0001', 'ht\ttp://a\n/b\r', 'http://a/b\t c',
  'http:example.com', 'http:/example.com', 'http:\\\\example.com', 'http:///example.com', 'http:////example.com',
  'http://\\\\example.com', 'https:/\\/example.com', 'http://user@example.com', 'http://user:@example.com',
  'http://:pass@example.com', 'http://@example.com', 'http://user:pa:ss@example.com', 'http://us@er:pa@ss@example.com',
  'http://a b@example.com', 'http://a%40b@c', 'http://ü:ö@x', 'http://user@/path', 'http://example.com/a/./b/../c',
  'http://example.com/a/%2e/b/%2E%2e/c', 'http://example.com/a/.%2e/b', 'http://example.com/..', 'http://example.com/a/..',
  'http://example.com/a/../../..', 'http://example.com/./', 'http://example.com/%2e', 'http://example.com/a/b/.',
  'http://example.com/a//b', 'http://example.com\\a\\b', 'http://example.com/ a b', 'http://example.com/"<>`{}|^',
  "http://example.com/'!$&()*+,;=:@~", 'http://example.com/%', 'http://example.com/%zz', 'http://example.com/%41',
  'http://example.com/ü/日本', 'http://example.com/\ud800', 'http://example.com/😀', 'http://example.com/?a b"#<>\'`',
  'foo://example.com/?a b"#<>\'`', 'http://example.com/?ü=日', 'http://example.com/?%zz', 'http://example.com/#a b"<>`',
  'http://example.com/#ü', 'http://example.com/#\u0000', 'http://example.com/??#?#', 'http://example.com/#?#',
  'http://example.com?', 'http://example.com#', 'http://example.com?#', 'foo://', 'foo://h', 'foo://h/',
  'foo:///', 'foo:/', 'foo:', 'foo:bar', 'foo: bar ', 'foo:bar baz?x#y', 'foo:/.//x', 'foo://h/.//x', 'foo:/..//x',
  'foo:////x', 'foo://u:p@h:1/p?q#f', 'foo://[::1]:0/', 'foo://h:65535', 'foo://%41/', 'foo://a%zz/', 'foo://ü/',
  'foo://a b/', 'foo://a<b/', 'foo://a^b/', 'foo://a|b/', 'foo://a%b/', 'foo://xn--ls8h/', 'foo://😀/',
  'mailto:user@example.com', 'mailto:User@Example.COM?subject=hi there', 'javascript:alert(1)', 'JavaScript:void(0)',
  'data:text/plain,hello world', 'data:,a\u0001b', 'about:blank', 'blob:https://example.com/uuid', 'blob:http://a:8080/x',
  'blob:ftp://a/x', 'blob:foo://a/x', 'blob:null/x', 'blob:blob:https://a/', 'blob:', 'urn:isbn:123', 'tel:+1-555',
  'sc:\\../', 'sc::a@example.net', 'a:\t foo.com', 'a+b-c.d://x', '1http://x', '+http://x', 'h%74tp://x',
  'file:', 'file:/', 'file://', 'file:///', 'file:////', 'file://localhost/etc', 'file://LOCALHOST/etc',
  'file://host/share/x', 'file://ü/x', 'file://127.1/x', 'file:///C:/Windows', 'file:///c|/x', 'file:C:/x',
  'file:/C:/x', 'file://C:/x', 'file:///C:/../..', 'file:///C:/x/../../y', 'file:///C|', 'file:///C:',
  'file:///a:b', 'file:///ab:/x', 'file:///%41:/x', 'file:..', 'file:.', 'file:a/b/../c', 'file:?q', 'file:#f',
  'file://h:80/x', 'file://u@h/x', 'file:\\\\h\\x', 'file:///a b/ü?q r#f s', 'file://[::1]/x', 'file://x%2Fy/',
  'http://[::1]:8080/', 'http://[::ffff:192.168.0.1]/', 'http://[2001:db8::1]/', 'http://[2001:DB8:0:0:8:800:200C:417A]/',
  'http://1.2.3.4:5/', 'http://0xC0.0xA8.0x0.0x1/', 'http://3232235521/', 'http://192.168.1/', 'http://192.11010305/',
  'http://example.com:65536/', 'http://example.com:999999999999/', 'http://example.com:1:2/', 'http://example.com:a/',
  'http://[::1]x/', 'http://a:b@c:d@e/', 'http://ex ample.com/', 'http://exa#mple.com/', 'http://exa?mple.com/',
  'http://ex%00ample.com/', 'http://%/', 'http://%25/', 'http://[/', 'http://]/', 'http:/', 'http:', 'http://',
  'http:///', 'http://?', 'http://#', 'http://@/', 'http://:/', 'non-special://:@test/x', 'non-special://test:@test/x',
  '', ' ', 'x', '/x', '//x', '?x', '#x', 'http', 'http:x', '\\\\x\\y', 'ä:b', 'a!:b',
];
for (const input of inputs) log(q(input), parsed(input));

// ---------------------------------------------------------------------------
log('== relative resolution');
const bases = [
  'http://a/b/c/d;p?q', 'http://example.org/foo/bar', 'https://u:p@h:8080/x/y/z?q#f', 'file:///C:/dir/file',
  'file://host/share/dir/file', 'file:///a/b', 'foo://h/a/b', 'foo:/a/b', 'foo:opaque', 'sc://h', 'about:blank',
  'data:a  ', 'mailto:x@y',
];
const relatives = [
  '', ' ', 'g', './g', 'g/', '/g', '//g', '?y', 'g?y', '#s', 'g#s', 'g?y#s', ';x', 'g;x', 'g;x?y#s', '.', './',
  '..', '../', '../g', '../..', '../../', '../../g', '../../../g', '../../../../g', '/./g', '/../g', 'g.', '.g',
  'g..', '..g', './../g', './g/.', 'g/./h', 'g/../h', 'g;x=1/./y', 'g;x=1/../y', 'g?y/./x', 'g?y/../x',
  'g#s/./x', 'g#s/../x', 'http:g', 'http:/g', 'http://g', 'https:g', 'file:g', 'foo:g', '\\g', '\\\\g\\h',
  '/\\g', '\\/g', 'C:/x', 'C|/x', '/C:/x', 'c:', 'x#f', '..#', '/x#', '?q#', '#', '%2e%2E/g', '.%2e/g', 'a\tb',
  ' /x ', 'http://[::1]', '//user@host:80/path', '///x', '////x', 'g?a b#c d', 'ü', '//ü',
];
for (const base of bases) {
  for (const rel of relatives) log(q(base), q(rel), parsed(rel, base));
}
log('bad base', parsed('g', 'not a url'), parsed('g', ''), parsed('http://a', 'bad'));

// ---------------------------------------------------------------------------
log('== setters');
const setterBases = [
  'http://u:p@example.com:8080/a/b?x=1#frag', 'https://example.com/', 'file:///C:/x', 'file://host/x',
  'foo://u:p@h:1/p?q#f', 'foo://h/p', 'foo:/p', 'foo:///p', 'foo:/.//p', 'foo:opaque', 'data:a  ?b#c',
  'mailto:x@y', 'http://[::1]/', 'ws://h:81/',
];
const setterValues = {
  href: ['http://new.example/', 'relative', 'foo:bar', '', ' https://x ', 'http://[::1', 'file:///z'],
  protocol: ['https', 'HTTPS:', 'http:extra', 'ws', 'file', 'foo', 'foo:', 'f o', '1a', '', 'mailto', 'b-c+d.e', 'http\t'],
  username: ['', 'user', 'us er', 'u:@/%', 'ü', '\ud800', '@'],
  password: ['', 'pass', 'pa ss', 'p:@/%', 'ü'],
  host: ['', 'new.example', 'new.example:9090', 'New.Example:80', ':8080', 'h:', 'h:a1', 'h:+1', 'h:-1', 'h:65536',
    '[::1]:99', '[::1', 'a b', 'a/b', 'a?b', 'a#b', 'a\\b', 'a@b', 'ü.com', 'xn--ls8h', '127.1', '0x7f.1:0',
    '%41', 'a%zz', 'h\t:\n9'],
  hostname: ['', 'new.example', 'h:80', '[::1]', '127.1', '0x7f000001', 'ÜBER', 'a b', 'a/b', 'a\\b', 'localhost'],
  port: ['', '0', '80', '443', '8080', '65535', '65536', '-1', '+1', 'a1', '1a', '08', ' 9', '\t9', '9\t9', '1 0',
    '99999999999999', '0x10', '00000000000000000080'],
  pathname: ['', '/', 'a', '/a/b', '\\a\\b', '/a/../b', '/a/%2e%2e/b', '/a b/ü', '?x', '#x', '//x', 'C|/x', '/..', '..'],
  search: ['', '?', '?a=1', 'a=1', '??a', '#x', 'a b', "'", 'ü', '\ud800'],
  hash: ['', '#', '#a', 'a', '##a', 'a b', '`', 'ü', '\u0000'],
};
for (const base of setterBases) {
  for (const [prop, values] of Object.entries(setterValues)) {
    for (const value of values) {
      let out;
      try {
        const u = new URL(base);
        u[prop] = value;
        out = q(components(u));
      } catch (e) {
        out = `threw ${describeError(e)}`;
      }
      log(q(base), prop, q(value), out);
    }
  }
}
{
  const u = new URL('http://a/');
  u.port = 8080;
  u.pathname = 123;
  u.search = { toString() { return 'x=y'; } };
  u.hash = null;
  log('coerced', q(components(u)));
  attempt('href symbol', () => { u.href = Symbol('s'); });
}

// ---------------------------------------------------------------------------
log('== searchParams live binding');
{
  const u = new URL('http://h/p?a=1&b=2&a=3#f');
  const sp = u.searchParams;
  log(sp === u.searchParams, q([...sp]), sp.size, sp.get('a'), q(sp.getAll('a')));
  sp.append('c', 'x y');
  log(u.href);
  sp.delete('a');
  log(u.href, u.search);
  sp.set('b', 'ü&=');
  log(u.href);
  sp.sort();
  log(u.href);
  sp.delete('b');
  sp.delete('c');
  log(u.href, q(u.search), sp.size);
  u.search = '?z=9&z=8';
  log(q([...sp]), sp.toString());
  u.href = 'http://other/?k=v';
  log(q([...sp]), u.href);
  u.search = '';
  log(q([...sp]), u.href);
  u.hash = 'h';
  sp.append('n', '1');
  log(u.href);
  const d = new URL('data:space    ?x=1');
  d.searchParams.delete('x');
  log(q(d.href));
  const e = new URL('data:space    #f');
  e.searchParams.append('q', '');
  log(q(e.href));
  const f = new URL('http://h/??a=1');
  log(q([...f.searchParams]));
  const g = new URL('http://h/?a=%zz%41&b=%e2%82&c=%F0%9F%98%80&d=+%20+');
  log(q([...g.searchParams]), g.searchParams.toString());
}

// ---------------------------------------------------------------------------
log('== URLSearchParams');
const paramInits = [
  undefined, null, '', '?', '??a', 'a', 'a=', '=a', '=', '&&', 'a=1&a=2&b', 'a=b=c', '+a+=+b+', '%20=%2B',
  'a=%zz', 'a=%4', 'a=%41%', '%e2%82%ac=%E2%82', 'a=%FF%FE', 'ü=日本', '\ud800=x', 'a=1&&b=2&', '&a',
  'a&b&c', 'a;b', 'a=1#f', 'name=%00x', 1, 0, true, {}, [], [['a', 'b']], [['a', 1], ['b', null]],
  { a: '1', b: ['x', 'y'], c: undefined }, new Map([['m', 'n']]), new URLSearchParams('copy=1'),
  [new Set(['s', 't'])], { __proto__: { inherited: 1 }, own: 2 }, Object.create(null),
];
for (const init of paramInits) {
  attempt(`new(${util.inspect(init)})`, () => {
    const p = new URLSearchParams(init);
    return [p.toString(), [...p], p.size];
  });
}
attempt('new([["a"]])', () => new URLSearchParams([['a']]).toString());
attempt('new([["a","b","c"]])', () => new URLSearchParams([['a', 'b', 'c']]).toString());
attempt('new([1])', () => new URLSearchParams([1]).toString());
attempt('new([null])', () => new URLSearchParams([null]).toString());
attempt('new(["ab"])', () => new URLSearchParams(['ab']).toString());
attempt('new({[Symbol.iterator]: 1})', () => new URLSearchParams({ [Symbol.iterator]: 1 }).toString());
attempt('new({[Symbol()]: 1})', () => new URLSearchParams({ [Symbol('s')]: 1 }).toString());
attempt('new(Symbol)', () => new URLSearchParams(Symbol('x')).toString());
{
  const p = new URLSearchParams('a=1&b=2&a=3&c&a=4');
  log(p.get('a'), p.get('z'), q(p.getAll('a')), q(p.getAll('z')), p.has('a'), p.has('z'), p.has('a', '3'), p.has('a', '9'));
  p.delete('a', '3');
  log(p.toString());
  p.delete('a', undefined);
  log(p.toString());
  p.append('x', 'ü +&=');
  p.append('x', '2');
  p.set('x', 'only');
  log(p.toString(), p.size);
  p.set('new', 'v');
  log(p.toString());
  const r = [];
  p.forEach(function (value, key, obj) { r.push([value, key, obj === p, this && this.t]); }, { t: 'T' });
  log(q(r));
  log(q([...p.keys()]), q([...p.values()]), q([...p.entries()]));
  const mutating = new URLSearchParams('a=1&b=2&c=3');
  const seen = [];
  mutating.forEach((v, k) => { seen.push(k); if (k === 'a') mutating.delete('b'); });
  log(q(seen));
  const it = mutating.entries();
  mutating.append('late', '1');
  log(q([...it]));
}
{
  const s = new URLSearchParams('z=1&a=2&\uFFFD=3&\uD83D\uDE00=4&b=5&a=1&A=0&=e&ä=6&aa=7&a=3');
  s.sort();
  log(s.toString());
  const many = new URLSearchParams();
  for (let i = 0; i < 150; i++) many.append(String.fromCharCode(97 + (i * 7) % 26), String(i));
  many.sort();
  log(many.toString());
}
attempt('append()', () => new URLSearchParams().append('a'));
attempt('delete()', () => new URLSearchParams().delete());
attempt('get()', () => new URLSearchParams().get());
attempt('getAll()', () => new URLSearchParams().getAll());
attempt('has()', () => new URLSearchParams().has());
attempt('set()', () => new URLSearchParams().set('a'));
attempt('forEach(1)', () => new URLSearchParams().forEach(1));
attempt('get.call({})', () => URLSearchParams.prototype.get.call({}, 'a'));
attempt('toString.call(null)', () => URLSearchParams.prototype.toString.call(null));
attempt('size.call({})', () => Object.getOwnPropertyDescriptor(URLSearchParams.prototype, 'size').get.call({}));
attempt('next.call({})', () => new URLSearchParams('a=1').keys().next.call({}));
attempt('serialize', () => new URLSearchParams({ ' !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~': 'ü€😀\u0000\u007f' }).toString());
attempt('lone surrogates', () => new URLSearchParams([['\ud800', '\udc00x']]).toString());
attempt('String()', () => String(new URLSearchParams('a=b c')));

// ---------------------------------------------------------------------------
log('== inspect');
const inspectTargets = [
  new URL('http://u:p@example.com:81/a/b?x=1&y=2#h'),
  new URL('file:///tmp/x'),
  new URL('foo:opaque'),
  new URLSearchParams(),
  new URLSearchParams('a=1'),
  new URLSearchParams('a=1&b=2&c=3'),
  new URLSearchParams({ longlonglonglongname1: 'valuevaluevaluevalue', longlonglonglongname2: 'valuevaluevaluevalue', third: 'x' }),
  new URLSearchParams('a=1&b=2').keys(),
  new URLSearchParams('a=1&b=2').values(),
  new URLSearchParams('a=1&b=2').entries(),
  new URLSearchParams(),
];
for (const t of inspectTargets) log(util.inspect(t));
{
  const it = new URLSearchParams('a=1&b=2&c=3').entries();
  it.next();
  log(util.inspect(it));
  log(util.inspect(new URLSearchParams([['x'.repeat(50), 'y'.repeat(50)]]).keys()));
  log(util.inspect({ u: new URL('http://a/?q=1'), p: new URLSearchParams('k=v') }));
  log(util.inspect([new URL('http://a')], { depth: 0 }));
  log(util.inspect({ a: { b: { c: { d: new URL('http://deep/') } } } }));
  log(util.inspect({ a: { b: { c: new URLSearchParams('deep=1') } } }));
  log(util.inspect(new URL('http://a/'), { compact: false, breakLength: 200 }));
  log(util.inspect(new URLSearchParams('a=1'), { colors: true }));
  class MyURL extends URL {}
  log(util.inspect(new MyURL('http://sub/')));
  class MyParams extends URLSearchParams {}
  log(util.inspect(new MyParams('s=1')));
  log(util.format('%s|%j|%o', new URL('http://f/'), new URL('http://j/'), new URLSearchParams('o=1')));
}

// ---------------------------------------------------------------------------
log('== misc API');
attempt('new URL()', () => new URL());
attempt('new URL(undefined)', () => new URL(undefined));
attempt('new URL(null)', () => new URL(null));
attempt('new URL(symbol)', () => new URL(Symbol('x')));
attempt('new URL(object)', () => new URL({ toString: () => 'http://obj/' }).href);
attempt('new URL(URL)', () => new URL(new URL('http://a/b')).href);
attempt('new URL("x", URL)', () => new URL('x', new URL('http://a/b/c')).href);
attempt('new URL("x")', () => new URL('x'));
attempt('new URL("x", "y")', () => new URL('x', 'y'));
attempt('URL.canParse()', () => URL.canParse());
attempt('URL.canParse', () => [URL.canParse('http://a'), URL.canParse('x'), URL.canParse('x', 'http://a'), URL.canParse('x', 'bad'), URL.canParse('http://a', undefined)]);
attempt('URL.parse()', () => URL.parse());
attempt('URL.parse', () => [URL.parse('x'), URL.parse('x', 'bad'), URL.parse('x', 'http://a/b').href, URL.parse('http://a') instanceof URL]);
attempt('toJSON', () => [new URL('http://a/b').toJSON(), JSON.stringify({ u: new URL('http://a/ü') }), String(new URL('http://s/')), `${new URL('http://t/')}`]);
attempt('toString.call({})', () => URL.prototype.toString.call({}));
attempt('href.get.call({})', () => Object.getOwnPropertyDescriptor(URL.prototype, 'href').get.call({}));
attempt('origin.get.call(1)', () => Object.getOwnPropertyDescriptor(URL.prototype, 'origin').get.call(1));
attempt('createObjectURL', () => URL.createObjectURL('x'));
attempt('revokeObjectURL()', () => URL.revokeObjectURL());
attempt('revokeObjectURL(x)', () => URL.revokeObjectURL('blob:nodedata:nothing'));
attempt('domainToASCII()', () => url.domainToASCII());
attempt('domainToUnicode()', () => url.domainToUnicode());
attempt('domain misc', () => [url.domainToASCII(''), url.domainToASCII(null), url.domainToASCII(123), url.domainToUnicode('xn--ls8h.XN--LS8H'), url.domainToUnicode('xn--a.xn--zca')]);

// ---------------------------------------------------------------------------
log('== file URLs');
const fileURLs = [
  'file:///', 'file:///a/b', 'file:///a%20b/c%25d', 'file:///%C3%BC', 'file:///a%2fb', 'file:///a%2Fb', 'file:///a%5cb',
  'file://localhost/x', 'file://host/x', 'file:///C:/x', 'file:///a?q#f', 'file:///%FF', 'http://a/b', 'FILE:///x',
];
for (const f of fileURLs) {
  attempt(`fileURLToPath(${q(f)})`, () => url.fileURLToPath(f));
  attempt(`fileURLToPath(URL ${q(f)})`, () => url.fileURLToPath(new URL(f)));
  attempt(`fileURLToPathBuffer(${q(f)})`, () => [...url.fileURLToPathBuffer(f)]);
  attempt(`fileURLToPath win32 ${q(f)}`, () => url.fileURLToPath(f, { windows: true }));
}
attempt('fileURLToPath(1)', () => url.fileURLToPath(1));
attempt('fileURLToPath(obj)', () => url.fileURLToPath({ href: 'file:///x', protocol: 'file:', hostname: '', pathname: '/a%20b' }));
attempt('fileURLToPath(bad obj)', () => url.fileURLToPath({ href: 'file:///x', protocol: 'file:', path: '/x' }));
attempt('fileURLToPath("x")', () => url.fileURLToPath('x'));
attempt('fileURLToPath(\\\\host win)', () => url.fileURLToPath('file://xn--ls8h/share/x', { windows: true }));
const paths = [
  '/', '/a/b', '/a/b/', '/a b/c%d', '/a?b#c', '/a\\b', '/a\nb\rc\td', '/ü/日本/😀', '/a/../b/./c', '//double',
  '/trailing/.', '/x/..', '/%2F', '/a"b<c>d`e{f}g|h^i', '/~user', '/\u0000',
];
for (const p of paths) {
  attempt(`pathToFileURL(${q(p)})`, () => url.pathToFileURL(p).href);
}
for (const p of ['C:\\a\\b', 'C:\\a b\\', '\\\\server\\share\\f', '\\\\?\\UNC\\server\\share\\f', 'C:\\%\\#\\?']) {
  attempt(`pathToFileURL win32 ${q(p)}`, () => url.pathToFileURL(p, { windows: true }).href);
}
attempt('pathToFileURL(1)', () => url.pathToFileURL(1));
attempt('pathToFileURL(\\\\server)', () => url.pathToFileURL('\\\\server', { windows: true }));

// ---------------------------------------------------------------------------
log('== urlToHttpOptions');
for (const u of ['http://a/', 'https://u:p%20w@[::1]:8443/p/a?q=1#h', 'http://a:80/x', 'http://%C3%BC:%40@b/', 'file:///x', 'foo://h:0/']) {
  attempt(u, () => {
    const o = url.urlToHttpOptions(new URL(u));
    return [Object.getPrototypeOf(o) === null, Object.keys(o), o];
  });
}
attempt('urlToHttpOptions(extended)', () => {
  const u = new URL('http://a/');
  u.extra = 1;
  return url.urlToHttpOptions(u);
});

// ---------------------------------------------------------------------------
log('== url.format');
for (const u of ['http://user:pass@xn--ls8h.example:8080/p?q=1#h', 'http://a/', 'foo:opaque?x#y', 'file:///x?y#z', 'http://[::1]/']) {
  for (const opts of [undefined, {}, { auth: false }, { fragment: false }, { search: false }, { unicode: true },
    { auth: 0, fragment: '', search: null, unicode: 1 }]) {
    attempt(`format(URL ${q(u)}, ${q(opts)})`, () => url.format(new URL(u), opts));
  }
}
attempt('format(URL, 1)', () => url.format(new URL('http://a'), 1));
attempt('format(1)', () => url.format(1));
attempt('format(null)', () => url.format(null));
const formatObjects = [
  {}, { protocol: 'http', host: 'a.com', pathname: 'x' }, { protocol: 'http:', hostname: 'a.com', port: 8080, pathname: '/x' },
  { protocol: 'https', hostname: '::1', port: '443' }, { protocol: 'mailto', auth: 'user', hostname: 'example.com' },
  { protocol: 'mailto:', pathname: 'x@y' }, { protocol: 'file', pathname: '/etc/passwd' }, { protocol: 'file:', host: '', pathname: 'x' },
  { protocol: 'foo', slashes: true, host: 'h', pathname: 'p' }, { host: 'h', pathname: 'p' },
  { pathname: '/a#b?c', search: 'x#y', hash: 'h' }, { pathname: 'p', query: { a: [1, 2], b: 'ü &', c: '' } },
  { search: '?s', query: { ignored: 1 } }, { protocol: 'http', auth: 'ü:p@ss w', host: 'h' },
  { protocol: 'http', host: 'h', hash: '#already', search: '?already' }, { href: 'http://ignored/', protocol: 'ftp', host: 'f' },
  { protocol: 'javascript', pathname: 'alert(1)' }, { protocol: 'HTTP', host: 'H' },
];
for (const o of formatObjects) attempt(`format(${q(o)})`, () => url.format(o));
attempt('format(string)', () => url.format('HTTP://Example.COM/a b?c d#e f'));
attempt('Url.prototype.format', () => url.Url.prototype.format.call({ protocol: 'x', host: 'y' }));

// ---------------------------------------------------------------------------
log('== url.parse');
const legacyInputs = [
  'http://user:pass@host.com:8080/p/a/t/h?query=string#hash', 'HTTP://USER:PASS@HOST.COM/P?Q#H', 'http://host.com',
  'http://host.com/', '//host.com/p', '///p', '/p/a?q=1', 'p/a?q=1', '?q=1', '#h', '', '   ', ' http://a/ ',
  'http://a\\b\\c?d\\e', 'http:\\\\a\\b', 'http://a b/c', 'http://a\tb/c', 'http://a\nb.com/', 'http://a/b c"d<e>f`g{h}i|j^k\'l',
  'http://a@b@c/d', 'http://a@b?@c', 'http://a:b@c:d@e/', 'http://%41%20:%zz@h/', 'http://@h', 'http://h:8080',
  'http://h:', 'http://h:abc/p', 'http://h:8x/', 'http://[::1]:8080/p', 'http://[::1', 'http://[fe80::1%eth0]/',
  'http://[a:b]/c', 'http://127.1/', 'http://0x7f.1/', 'http://BÜCHER.de/', 'http://xn--ls8h.la/', 'http://☃.net/',
  'http://a..b/', 'http://' + 'a'.repeat(256) + '/', 'http://-a-/', 'http://a_b/', 'http://a*b/', 'http://a;b/',
  'http://a%b/', 'http://a\u0000b/', 'http://a\u00adb/', 'http://a\u2488b/', 'http://xn--a/', 'http://a.xn--/',
  'mailto:user@host', 'mailto:a@b?subject=x', 'MAILTO:A@B', 'javascript:alert("x y")', 'javascript://x/y',
  'file:///etc/passwd', 'file://localhost/x', 'file:/x', 'file:x', 'FILE:///X', 'ftp://a/', 'gopher://a',
  'ws://a:1/b', 'xmpp:user@host/resource', 'urn:isbn:0', 'news:comp.lang', 'a+b.c-d:rest', '1a:b', 'http:/a',
  'http:a', 'http:///a', 'http:////a', 'http://a?b#c?d#e', 'http://a/?b#c', 'http://a/p?%zz=%41&a=1&a=2&b',
  'http://a/p?a=1;b=2', '//a/b?c', 'svn+ssh://u@h/p', 'http://\u3000/', 'http://a./', 'http://a.%2e/', 'http://x:0/',
  '\u00a0http://a/\ufeff', 'http://a/b#c\u0000d', 'http://[::1]', 'http://[::1]?q', 'http://[::1]#h', 'http://user@[::1]:80',
];
for (const input of legacyInputs) {
  for (const [pqs, sdh] of [[false, false], [true, false], [false, true]]) {
    attempt(`parse(${q(input)}, ${pqs}, ${sdh})`, () => {
      const u = url.parse(input, pqs, sdh);
      const own = {};
      for (const k of Object.keys(u)) own[k] = u[k];
      return own;
    });
  }
}
attempt('parse query proto', () => Object.getPrototypeOf(url.parse('/a?b=1', true).query) === null);
attempt('parse(1)', () => url.parse(1));
attempt('parse(Url)', () => { const u = url.parse('http://a'); return url.parse(u) === u; });
log(util.inspect(url.parse('http://user:pass@host.com:8080/p/a/t/h?query=string#hash', true)));
log(util.inspect(new url.Url()));
log(q(Object.keys(url.Url.prototype)));

// ---------------------------------------------------------------------------
log('== url.resolve');
const resolveBases = ['http://a/b/c/d;p?q', 'http://example.com/one/two', 'http://example.com', 'mailto:local1@domain1',
  'file:///a/b', '/one/two/three', 'one/two', 'http://u:p@a/b', 'foo://h/a', 'foo:a/b', ''];
const resolveRels = ['g', './g', 'g/', '/g', '//g', '?y', 'g?y', '#s', 'g#s', '', '.', './', '..', '../', '../g',
  '../..', '../../../g', '/./g', '/../g', 'g.', '..g', 'g/../h', 'http:g', 'http://x/y', 'https:g', 'mailto:local2@domain2',
  'local2@domain2', '//u@h/p', 'file:x', 'foo:z', '\\g', '#', '?'];
for (const b of resolveBases) {
  for (const r of resolveRels) attempt(`resolve(${q(b)}, ${q(r)})`, () => url.resolve(b, r));
}
attempt('resolveObject', () => url.resolveObject('http://a/b', 'c?d').href);
attempt('resolveObject(empty)', () => url.resolveObject('', 'x'));
attempt('Url.resolveObject', () => { const r = url.parse('http://a/b/c').resolveObject('../d'); return [r.href, r.pathname, r.path]; });

// ---------------------------------------------------------------------------
log('== searchParams laziness (Node drops the query at once, re-adds it on the next read)');
{
  const cases = [
    ['data:a  ?x=1', (u, sp) => { sp.delete('x'); sp.append('y', '1'); }],
    ['data:a  ?x=1', (u, sp) => { sp.append('y', '1'); }],
    ['data:a  ?x=1', (u, sp) => { sp.sort(); }],
    ['data:a  ?x=1#f', (u, sp) => { sp.append('q', '1'); }],
    ['data:a  #f', (u, sp) => { sp.append('q', '1'); }],
    ['data:a  ', (u, sp) => { sp.append('q', '1'); sp.delete('q'); }],
    ['http://h/?a=1', (u, sp) => { sp.delete('a'); u.href = 'http://n/?'; }],
    ['http://h/?a=1', (u, sp) => { sp.append('b', '2'); u.href = 'http://n/?a=1&b=2'; sp.append('c', '3'); }],
    ['http://h/?a=1', (u, sp) => { sp.set('a', '2'); u.hash = 'x'; }],
    ['http://h/?a=1', (u, sp) => { sp.set('a', '2'); u.search = '?a=2'; }],
    ['http://h/?a=1', (u, sp) => { sp.set('a', '2'); u.search = '?z'; }],
    ['foo:op  ?q', (u, sp) => { sp.delete('q'); u.pathname = 'x'; }],
  ];
  for (const [href, change] of cases) {
    const u = new URL(href);
    const sp = u.searchParams;
    const before = u.pathname;
    change(u, sp);
    log(q(href), q([before, u.pathname, u.hash]), q(u.search), q(u.href), q(u.pathname), q(sp.toString()));
  }
}

log('== inspect showHidden');
for (const h of ['http://u:p@h:8/a?b#c', 'http://:p@h/', 'file:///x', 'foo:bar', 'foo:/.//x', 'foo://', 'https://h/?#', 'ws://[::1]:9/']) {
  log(util.inspect(new URL(h), { showHidden: true, breakLength: Infinity }));
}
{
  const proto = Object.getPrototypeOf(new URLSearchParams().keys());
  for (const k of Reflect.ownKeys(proto)) {
    const d = Object.getOwnPropertyDescriptor(proto, k);
    log('iterator', String(k), d.enumerable, d.writable, d.configurable, typeof d.value);
  }
  attempt('inspect(iterator proto)', () => util.inspect(proto));
  log(util.inspect(new URLSearchParams('a=1'), { depth: -1 }), util.inspect({ a: new URLSearchParams('a=1').keys() }, { depth: 0 }));
  log(util.inspect(URL), util.inspect(URLSearchParams));
}

log('== IDNA through the URL parser');
const idnaHosts = [
  'fass.de', 'faß.de', 'Faß.de', 'xn--fa-hia.de', 'à.\u05d0\u0308', 'a\u0300.\u05d0\u0308', 'xn--0ca.xn--ssa73l',
  'a\u200cb', '\u0628\u200c\u0628', '\u0915\u094d\u200c\u0937', '\u0915\u094d\u200d\u0937', 'a\u200db',
  '\u05d0\u05d1', '\u05d0a', 'a\u05d0', '\u05d01', '1\u05d0', '\u0627\u0661', '\u0627\u0031\u0661', '\u05d0\u0300',
  'xn--ls8h', 'xn--LS8H', 'xn--ls8h-', 'xn--55qx5d', 'xn--mgbh0fb', 'xn--4dbrk0ce', 'xn--9n2bp8q', 'xn--ß',
  'xn--zca.xn--zca', 'xn--a-ecp.ru', 'xn--tda.xn--tda', 'xn--ss-', 'xn--1ug', 'xn--0ug', 'xn--a-ocn', 'xn--nxa',
  'ĳ.com', 'ǆ.com', '㍱.com', '㎒.com', 'ℌ.com', '𝐀.com', 'ꭰ.com', 'Ꭰ.com', '\u1e9e.de', 'K.com', 'ſ.com',
  'a\u034fb', 'a\u180bb', 'a\ufe0fb', 'a\u2060b', 'a\u00a0b', 'a\u3000b', 'a\u2028b', 'a\u0085b', 'a\ud800b',
];
for (const h of idnaHosts) log('idna', q(h), parsed(`https://${h}/`), q(url.domainToASCII(h)), q(url.domainToUnicode(h)));
