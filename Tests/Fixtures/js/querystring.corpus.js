'use strict';
// Corpus for the `querystring` module: parse/decode (separators, maxKeys, custom decoders,
// malformed escapes), stringify/encode, escape/unescape/unescapeBuffer. Prints strings only.

const qs = require('querystring');
const util = require('util');

const q = JSON.stringify;
const log = (...parts) => console.log(parts.join(' '));

function attempt(label, fn) {
  try {
    const v = fn();
    log(label, '->', typeof v === 'string' ? q(v) : util.inspect(v, { depth: 4 }));
  } catch (e) {
    log(label, 'threw', `${e.name} | ${e.code} | ${e.message} | ${String(e)}`);
  }
}

log('== module shape');
log(q(Object.keys(qs)));
for (const k of Object.keys(qs)) log(k, typeof qs[k], qs[k].name, qs[k].length);
log(qs.encode === qs.stringify, qs.decode === qs.parse, qs === require('node:querystring'));

log('== parse');
const inputs = [
  '', 'a', 'a=', '=', '==', '=a', 'a=b', 'a=b=c', 'a==b', 'a&b', 'a&&b', '&a&', '&&', '&', 'a=1&a=2&a=3',
  'a=1&b=2&a=3', 'a[]=1&a[]=2', 'a.b=c', '+', 'a+b=c+d', '%20=%20', 'a=%2B', 'a%3Db=c', 'a=%26', '%', '%%', '%2',
  '%zz', 'a=%', 'a=%4', 'a=%41', 'a=%41%', '%41=%42', 'a=%e2%82%ac', 'a=%E2%82', 'a=%FF', 'a=%ff%fe', 'a=%C3%A9%zz',
  'a=%C3%A9%', 'ü=日本', 'a=ü%41', 'a=ü%FF', 'a=\ud800', '\ud83d\ude00=%F0%9F%98%80', 'a=b;c=d', 'a=b#c',
  'a=%00b', 'toString=1', '__proto__=1', 'hasOwnProperty=x&hasOwnProperty=y', 'constructor=c', 'a=1&=2&=3',
  ' a = b ', 'a=b&', '&a=b', 'a=b&&&c=d', 'x'.repeat(20) + '=' + 'y'.repeat(20), 'a=%2b+%20%2B',
  'a=%41+b&c=%zz+d', 'a%20b+c=d', 'a=b%', 'a=%e4%bd%a0%e5%a5%bd', 'a=%E4%BD', 'key=val%u00e9',
];
for (const input of inputs) attempt(`parse(${q(input)})`, () => qs.parse(input));
for (const input of [undefined, null, 1, {}, [], true]) attempt(`parse(${util.inspect(input)})`, () => qs.parse(input));
attempt('parse proto', () => Object.getPrototypeOf(qs.parse('a=1')) === null);
attempt('decode', () => qs.decode('x=1&y=2'));

log('== separators');
const sepCases = [
  ['a:1;b:2', ';', ':'], ['a=1;b=2', ';'], ['a::1&&b::2', '&&', '::'], ['a=1&&b=2&c=3', '&&'], ['a==1&b==2', null, '=='],
  ['a->1<>b->2', '<>', '->'], ['a=1&b', '', ''], ['a1b2', 'b', '1'], ['aXXbXXc', 'XX', 'b'], ['a&&&b', '&&'],
  ['a&=&b=', '&='], ['a=b&c=d', '&', '&'], ['a===b', null, '=='], ['k=v;;k2=v2', ';;'], ['k1v1k2v2', 'k', 'v'],
  ['a=1&a=2', 1, 2], ['a2b1c', 1, 2], ['ab', 'ab'], ['a==b&c', '=', '&'], ['a.b.c.d', '.', '.'],
  ['a%3Db', null, '%3D'], ['a+b=c+d', '+'], ['a=b&&c=d&&', '&&'], ['x&y&', '&y'],
];
for (const [input, sep, eq] of sepCases) attempt(`parse(${q(input)}, ${q(sep)}, ${q(eq)})`, () => qs.parse(input, sep, eq));

log('== maxKeys');
const many = Array.from({ length: 1005 }, (_, i) => `k${i}=${i}`).join('&');
attempt('default max', () => Object.keys(qs.parse(many)).length);
for (const maxKeys of [0, -1, 1, 2, 3, 1000, 5000, NaN, '2', Infinity]) {
  attempt(`maxKeys ${String(maxKeys)}`, () => Object.keys(qs.parse(many, null, null, { maxKeys })).length);
}
attempt('maxKeys with empty pairs', () => qs.parse('&&a=1&&b=2&c=3', null, null, { maxKeys: 2 }));
attempt('maxKeys 1 empty', () => qs.parse('&a=1', null, null, { maxKeys: 1 }));

log('== decodeURIComponent option');
attempt('custom decode', () => qs.parse('a=%41+b&c+d=e', null, null, { decodeURIComponent: (s) => `<${s}>` }));
attempt('custom decode plain', () => qs.parse('a=b&c', null, null, { decodeURIComponent: (s) => s.toUpperCase() }));
attempt('custom decode throws', () => qs.parse('a=%41%zz&b=%FF', null, null, { decodeURIComponent: () => { throw new Error('x'); } }));
attempt('decode unescape', () => qs.parse('a=%41', null, null, { decodeURIComponent: qs.unescape }));
attempt('decode not function', () => qs.parse('a=%41', null, null, { decodeURIComponent: 'no' }));
{
  const original = qs.unescape;
  qs.unescape = (s) => `[${s}]`;
  attempt('overridden unescape', () => qs.parse('a=%41&b=c&d=%zz'));
  qs.unescape = original;
  attempt('restored unescape', () => qs.parse('a=%41'));
}

log('== stringify');
const objects = [
  {}, { a: 1 }, { a: 'b c', 'd e': 'f' }, { a: [1, 2, 3] }, { a: [] }, { a: [], b: 1 }, { a: null, b: undefined },
  { a: true, b: false }, { a: 0, b: -0, c: NaN, d: Infinity, e: -Infinity }, { a: 1e21, b: 1e20, c: -1e21, d: 1.5e-7 },
  { a: 12345678901234567890n }, { a: {} }, { a: [{}, null, [1]] }, { a: Symbol('s') }, { a: () => 1 },
  { 'ü': '日本', '😀': '\u0000\u007f' }, { "!'()*-._~": "!'()*-._~" }, { ' &=+#?/%': ' &=+#?/%' },
  { a: '\ud800x' }, { a: 'x\udc00y' }, Object.create({ inherited: 1 }), [1, 2], 'string', 123, null, undefined,
  new Date(0), { a: new String('s') }, { [Symbol('k')]: 1, v: 2 },
];
for (const o of objects) attempt(`stringify(${util.inspect(o)})`, () => qs.stringify(o));
attempt('stringify lone high surrogate at end', () => qs.stringify({ a: 'x\ud800' }));
attempt('stringify sep/eq', () => qs.stringify({ a: [1, 2], b: 3 }, ';', ':'));
attempt('stringify empty sep/eq', () => qs.stringify({ a: [1, 2], b: 3 }, '', ''));
attempt('stringify multi sep', () => qs.stringify({ a: 1, b: 2 }, '&&', '=='));
attempt('stringify custom encode', () => qs.stringify({ 'a b': ['c d', 1, true, null, 1e21, 2n] }, null, null, { encodeURIComponent: (s) => `<${s}>` }));
attempt('stringify encode = escape', () => qs.stringify({ a: 'b c' }, null, null, { encodeURIComponent: qs.escape }));
attempt('stringify encode = encodeURIComponent', () => qs.stringify({ a: "b c!'", n: 1e21 }, null, null, { encodeURIComponent }));
{
  const original = qs.escape;
  qs.escape = (s) => `{${s}}`;
  attempt('overridden escape', () => qs.stringify({ a: 'b', n: 5, t: true }));
  qs.escape = original;
}
attempt('encode', () => qs.encode({ x: 'y' }));

log('== escape');
const escapes = [
  '', 'abc', 'a b', "!'()*-._~", ' "#$%&+,/:;<=>?@[\\]^`{|}', 'ü', '日本', '😀', '\u0000\u001f\u007f', '\u0080\u07ff\u0800\uffff',
  '\ud800', '\udc00', '\ud800a', '\udc00a', 'a\ud800', 'a\udbff\udfff', '\ud800\ud800', '\ud83d\ude00x',
];
for (const s of escapes) attempt(`escape(${q(s)})`, () => qs.escape(s));
for (const v of [1, true, null, undefined, {}, [1, 2], { toString() { return 'a b'; } }, 1.5, -0]) {
  attempt(`escape(${util.inspect(v)})`, () => qs.escape(v));
}

log('== unescape');
const unescapes = [
  '', 'abc', '%41', '%4', '%', '%%41', '%zz', '%41%zz', 'a+b', '%2B', '%e2%82%ac', '%E2%82', '%FF', '%C3%A9',
  '%C3%A9%FF', 'ü%41', 'ü%FF', '%F0%9F%98%80', '%F0%9F%98', '%ED%A0%80', '\ud800', '%00', 'a%2', 'a%2g',
];
for (const s of unescapes) {
  attempt(`unescape(${q(s)})`, () => qs.unescape(s));
  attempt(`unescape(${q(s)}, true)`, () => qs.unescape(s, true));
  attempt(`unescapeBuffer(${q(s)})`, () => [...qs.unescapeBuffer(s)]);
  attempt(`unescapeBuffer(${q(s)}, true)`, () => [...qs.unescapeBuffer(s, true)]);
}
attempt('unescapeBuffer type', () => require('buffer').Buffer.isBuffer(qs.unescapeBuffer('a')));
attempt('unescapeBuffer length', () => qs.unescapeBuffer('a%41+b%zz').length);
attempt('unescapeBuffer truncation', () => [...qs.unescapeBuffer('ĀĂ%41')]);

log('== round trips');
for (const o of [{ a: 'b c&d=e' }, { 'ü': ['1', '2'] }, { x: '%41' }, { '': '' }]) {
  attempt(`round ${q(o)}`, () => qs.parse(qs.stringify(o)));
}
