'use strict';
// Corpus for the `buffer` module: every line is compared byte for byte with Node 22's output.
const bufferModule = require('buffer');
const { Buffer, SlowBuffer, transcode, isUtf8, isAscii, atob, btoa, Blob, File, resolveObjectURL } = bufferModule;

const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

// Printable form of a string: ASCII as is, everything else as \uXXXX (lone surrogates included).
function esc(s) {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= 0x20 && c < 0x7f && c !== 0x5c ? s[i] : '\\u' + c.toString(16).padStart(4, '0');
  }
  return '"' + out + '"';
}

function hex(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
  return s;
}

function show(v) {
  if (Buffer.isBuffer(v)) return `Buffer(${v.length})<${hex(v)}>`;
  if (v instanceof Uint8Array) return `${v.constructor.name}(${v.length})<${hex(v)}>`;
  if (typeof v === 'string') return esc(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (v === undefined) return 'undefined';
  if (typeof v === 'function') return `[Function ${v.name}]`;
  return JSON.stringify(v);
}

function errText(e) {
  if (e === null || typeof e !== 'object') return `non-error ${String(e)}`;
  return `${String(e)} code=${e.code}`;
}

function t(label, fn) {
  let r;
  try {
    r = show(fn());
  } catch (e) {
    r = 'THROWS ' + errText(e);
  }
  console.log(`${label} => ${r}`);
}

function section(name) {
  console.log(`--- ${name}`);
}

// Deterministic pseudo-random numbers for the generated cases.
let seed = 12345;
function rand() {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
}
function randInt(n) {
  return Math.floor(rand() * n);
}

const ENCODINGS = ['utf8', 'utf-8', 'UTF8', 'ucs2', 'ucs-2', 'utf16le', 'utf-16le', 'UTF-16LE',
  'latin1', 'binary', 'BINARY', 'ascii', 'ASCII', 'base64', 'Base64', 'base64url', 'hex', 'Hex'];

// ---------------------------------------------------------------------------------------------
section('module shape');
t('keys', () => Object.keys(bufferModule).join(','));
t('kMaxLength', () => bufferModule.kMaxLength);
t('kStringMaxLength', () => bufferModule.kStringMaxLength);
t('constants', () => bufferModule.constants);
t('constants frozen MAX_LENGTH', () => Object.getOwnPropertyDescriptor(bufferModule.constants, 'MAX_LENGTH').writable);
t('INSPECT_MAX_BYTES', () => bufferModule.INSPECT_MAX_BYTES);
t('Buffer.poolSize', () => Buffer.poolSize);
t('Buffer.name/length', () => `${Buffer.name}/${Buffer.length}`);
t('proto chain', () => Object.getPrototypeOf(Buffer.prototype) === Uint8Array.prototype);
t('Buffer proto is Uint8Array', () => Object.getPrototypeOf(Buffer) === Uint8Array);
t('instanceof', () => [Buffer.alloc(1) instanceof Buffer, Buffer.alloc(1) instanceof Uint8Array].join());
t('constructor', () => Buffer.alloc(1).constructor === Buffer);
t('species', () => Buffer[Symbol.species] === Buffer);
t('map gives Buffer', () => Buffer.isBuffer(Buffer.from([1, 2]).map((x) => x * 2)));
t('map result', () => Buffer.from([1, 2]).map((x) => x * 2));
t('filter result', () => Buffer.from([1, 200, 3]).filter((x) => x > 2));
t('Uint8Array slice species', () => Uint8Array.prototype.slice.call(Buffer.from('abc'), 1));
t('static fns', () => ['from', 'copyBytesFrom', 'of', 'alloc', 'allocUnsafe', 'allocUnsafeSlow', 'isBuffer',
  'compare', 'isEncoding', 'concat', 'byteLength'].map((k) => `${k}:${typeof Buffer[k]}/${Buffer[k].length}`).join(' '));
t('proto method lengths', () => ['toString', 'write', 'fill', 'indexOf', 'lastIndexOf', 'includes', 'copy',
  'compare', 'equals', 'slice', 'subarray', 'toJSON', 'swap16', 'readUInt8', 'readUIntLE', 'writeUInt8',
  'writeUIntLE', 'writeBigInt64LE', 'readDoubleBE', 'utf8Write', 'hexWrite', 'latin1Slice']
  .map((k) => `${k}/${Buffer.prototype[k].length}`).join(' '));
t('alias identity', () => [Buffer.prototype.readUint8 === Buffer.prototype.readUInt8,
  Buffer.prototype.writeUint32BE === Buffer.prototype.writeUInt32BE,
  Buffer.prototype.readBigUint64LE === Buffer.prototype.readBigUInt64LE,
  Buffer.prototype.toLocaleString === Buffer.prototype.toString,
  Buffer.prototype.inspect === Buffer.prototype[inspectCustom]].join());
t('parent/offset', () => {
  const b = Buffer.from('hello world, this is a test').subarray(3, 5);
  return [b.parent === b.buffer, b.offset === b.byteOffset, Object.getOwnPropertyDescriptor(Buffer.prototype, 'parent').enumerable].join();
});
t('parent on Uint8Array', () => String(Object.getOwnPropertyDescriptor(Buffer.prototype, 'parent').get.call(new Uint8Array(2))));
t('keys of buffer', () => Object.keys(Buffer.from('ab')).join(','));
t('entries', () => [...Buffer.from('abc').entries()].join(';'));
t('keys iter', () => [...Buffer.from('abc').keys()].join(';'));
t('values iter', () => [...Buffer.from('abc').values()].join(';'));
t('spread', () => [...Buffer.from('hi')].join(';'));
t('for-in has methods', () => {
  const keys = [];
  for (const k in Buffer.from('a')) keys.push(k);
  return keys.includes('0') && keys.includes('readUInt8') && keys.includes('toString');
});

// ---------------------------------------------------------------------------------------------
section('Buffer.from strings, every encoding');
const STRINGS = ['', 'a', 'hello', 'héllo wörld', '€100', '😀', 'a😀b', '\ud800', '\udc00', 'x\ud800y',
  '\udbff\udfff', '\ud83d', '\u0000\u0001\u007f\u0080\u00ff', '\u0100\u0141\uffff', 'AQID', 'AQI=', 'AQ==',
  'YWJj ZGVm\n', 'YW-_', '+/+/', '=', 'Y', 'YQ', 'YQ=x', 'abc=def', '0', '01', '012', '0123456789abcdef',
  'DEADBEEF', 'zz', 'a1g2', '1z22', '\u0161\u0162', 'ab\u0100cd', ' \t\r\n', 'ÿþ'];
for (const s of STRINGS) {
  for (const enc of ENCODINGS) {
    t(`from(${esc(s)}, ${enc})`, () => Buffer.from(s, enc));
  }
}
t('from default enc', () => Buffer.from('ab€'));
t('from undefined enc', () => Buffer.from('ab€', undefined));
t('from null enc', () => Buffer.from('ab€', null));
t('from empty enc', () => Buffer.from('ab€', ''));
t('from numeric enc', () => Buffer.from('ab€', 5));
t('from bogus enc', () => Buffer.from('ab', 'bogus'));
t('from utf9', () => Buffer.from('ab', 'utf9'));
t('from small uses pool', () => Buffer.from('abc').buffer.byteLength);
t('from empty string pool', () => Buffer.from('').buffer.byteLength);
t('from large no pool', () => Buffer.from('x'.repeat(5000)).buffer.byteLength);
t('from large multibyte', () => Buffer.from('é'.repeat(3000)).length);
t('from 4096 chars', () => Buffer.from('a'.repeat(4096)).length);
t('from 1500 euro', () => Buffer.from('€'.repeat(1500)).length);

// ---------------------------------------------------------------------------------------------
section('byteLength');
for (const s of STRINGS) {
  const parts = [];
  for (const enc of ['utf8', 'ucs2', 'latin1', 'ascii', 'base64', 'base64url', 'hex', 'bogus', undefined]) {
    parts.push(`${enc}:${Buffer.byteLength(s, enc)}`);
  }
  console.log(`byteLength(${esc(s)}) => ${parts.join(' ')}`);
}
t('byteLength Buffer', () => Buffer.byteLength(Buffer.alloc(7)));
t('byteLength Uint16Array', () => Buffer.byteLength(new Uint16Array(5)));
t('byteLength ArrayBuffer', () => Buffer.byteLength(new ArrayBuffer(9)));
t('byteLength DataView', () => Buffer.byteLength(new DataView(new ArrayBuffer(4), 1)));
t('byteLength number', () => Buffer.byteLength(5));
t('byteLength null', () => Buffer.byteLength(null));
t('byteLength object', () => Buffer.byteLength({}));
t('byteLength base64 padded', () => Buffer.byteLength('YWJjZA==', 'base64'));
t('byteLength base64 one pad', () => Buffer.byteLength('YWJjZGU=', 'base64'));
t('byteLength base64 ws', () => Buffer.byteLength('YW Jj ZA==', 'base64'));
t('byteLength long', () => Buffer.byteLength('😀'.repeat(1000)));

// ---------------------------------------------------------------------------------------------
section('decoding bytes, every encoding');
const BYTES = [
  [], [0x61], [0x68, 0x65, 0x6c, 0x6c, 0x6f], [0xc3, 0xa9], [0xe2, 0x82, 0xac], [0xf0, 0x9f, 0x98, 0x80],
  [0xff], [0xfe, 0xff], [0x80], [0xbf, 0x80], [0xc0, 0x80], [0xc1, 0xbf], [0xc2], [0xc2, 0x41], [0xe0, 0x80, 0x80],
  [0xe0, 0xa0], [0xe0, 0xa0, 0x80], [0xe2, 0x82], [0xe2, 0x82, 0x41], [0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf],
  [0xed, 0x9f, 0xbf], [0xef, 0xbf, 0xbd], [0xef, 0xbb, 0xbf, 0x61], [0xf0, 0x80, 0x80, 0x80], [0xf0, 0x90, 0x80, 0x80],
  [0xf0, 0x9f, 0x98], [0xf0, 0x9f], [0xf4, 0x8f, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80], [0xf5, 0x80, 0x80, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80], [0xfc, 0x84, 0x80, 0x80, 0x80, 0x80], [0x61, 0xf0, 0x9f, 0x98, 0x62],
  [0xc3, 0xa9, 0xc3], [0x00, 0x01, 0x7f], [0xe2, 0x28, 0xa1], [0xf0, 0x28, 0x8c, 0xbc], [0xf0, 0x90, 0x28, 0xbc],
  [0x3d, 0xd8, 0x00, 0xde], [0x00, 0xd8], [0x00, 0xdc, 0x61, 0x00], [0x61, 0x00, 0x62],
];
for (const b of BYTES) {
  const buf = Buffer.from(b);
  for (const enc of ['utf8', 'ucs2', 'latin1', 'ascii', 'base64', 'base64url', 'hex']) {
    t(`[${buf.toString('hex')}].toString(${enc})`, () => buf.toString(enc));
  }
}

// Generated UTF-8 sequences: every decoding must equal Node's replacement behaviour.
section('utf8 decode generated');
for (let i = 0; i < 300; i++) {
  const n = 1 + randInt(7);
  const bytes = [];
  for (let j = 0; j < n; j++) {
    const r = rand();
    bytes.push(r < 0.25 ? randInt(0x80) : r < 0.55 ? 0x80 + randInt(0x40) : r < 0.85 ? 0xc0 + randInt(0x40) : randInt(256));
  }
  const buf = Buffer.from(bytes);
  t(`utf8 [${buf.toString('hex')}]`, () => buf.toString());
}

section('utf8 encode generated');
const UNITS = ['a', 'Z', '\u0000', '\u007f', '\u0080', '\u07ff', '\u0800', '\uffff', '\ud7ff', '\ue000', '\ud800',
  '\udbff', '\udc00', '\udfff', '\ud83d\ude00', '\u00e9', '\u20ac'];
for (let i = 0; i < 150; i++) {
  let s = '';
  const n = 1 + randInt(5);
  for (let j = 0; j < n; j++) s += UNITS[randInt(UNITS.length)];
  t(`utf8 encode ${esc(s)}`, () => Buffer.from(s));
}

section('toString ranges');
const abc = Buffer.from('abcdefghij');
const RANGE_ARGS = [[], [undefined], [undefined, 2], [2], [2, 5], [-1, 3], [3, -1], [5, 2], [0, 100], [100],
  [1.5, 4.9], ['2', '4'], [NaN, 3], [2, NaN], [null, null], [Infinity], [-Infinity, Infinity], [0, 0], [10, 10],
  [9, 10], [true, 3]];
for (const args of RANGE_ARGS) {
  t(`toString(utf8, ${args.map(show).join(', ')})`, () => abc.toString('utf8', ...args));
  t(`toString(hex, ${args.map(show).join(', ')})`, () => abc.toString('hex', ...args));
}
t('toString()', () => abc.toString());
t('toString(undefined, 1, 3)', () => abc.toString(undefined, 1, 3));
t('toString(null)', () => abc.toString(null));
t('toString(bogus)', () => abc.toString('bogus'));
t('toString(empty)', () => abc.toString(''));
t('toString(utf8, start>=len bogus enc)', () => abc.toString('bogus', 20));
t('toString object encoding', () => abc.toString({ toString() { return 'hex'; } }));
t('toString ucs2 odd', () => Buffer.from([0x61, 0x00, 0x62]).toString('ucs2'));
t('toString ucs2 offset', () => Buffer.from([0x61, 0x00, 0x62, 0x00]).toString('ucs2', 1));
t('toString large utf8', () => Buffer.from('aé€😀'.repeat(3000)).toString().length);
t('toString large latin1', () => Buffer.alloc(20000, 0xe9).toString('latin1').length);
t('toString large ascii', () => Buffer.alloc(20000, 0xe9).toString('ascii').slice(0, 3));
t('toString large base64', () => Buffer.alloc(20000, 0x41).toString('base64').length);
t('toString large hex', () => Buffer.alloc(20000, 0x41).toString('hex').slice(-6));
t('toString large ucs2', () => Buffer.alloc(20000, 0x41).toString('ucs2').length);
t('toLocaleString', () => Buffer.from('hi').toLocaleString('hex'));

// ---------------------------------------------------------------------------------------------
section('base64 lenient decoding');
const B64 = ['', 'YQ', 'YQ=', 'YQ==', 'YQ===', 'YWI', 'YWI=', 'YWJj', 'YWJjZA', 'YWJjZA==', 'Y W J j', 'YW\nJj',
  'YWJj\r\nZGVm', 'YQ==YQ==', 'Y=Q', '=YQ', 'YR==', 'YS==', '_-_-', '-_8', '/+/+', 'Zm9v!YmFy', 'Zm9v*YmFy',
  '\u00e9YWJj', 'YWJ\u0141', 'YQ\u013dYQ', '\u0159\u0151==', '@@@@', '====', 'Y', 'YWJjZ', 'YWJjZGVmZw',
  'SGVsbG8gV29ybGQ', 'SGVsbG8gV29ybGQ=', 'SGVs bG8g V29y bGQ=', 'A'.repeat(11), '////', '____', '8J+YgA==',
  '8J-YgA'];
for (const s of B64) {
  t(`base64 ${esc(s)}`, () => Buffer.from(s, 'base64'));
  t(`base64url ${esc(s)}`, () => Buffer.from(s, 'base64url'));
}
t('base64 encode 0..5 bytes', () => [0, 1, 2, 3, 4, 5].map((n) => Buffer.from('abcde'.slice(0, n)).toString('base64')).join('|'));
t('base64url encode 0..5 bytes', () => [0, 1, 2, 3, 4, 5].map((n) => Buffer.from('abcde'.slice(0, n)).toString('base64url')).join('|'));
t('base64 of ff', () => Buffer.from([0xfb, 0xff, 0xbf]).toString('base64'));
t('base64url of ff', () => Buffer.from([0xfb, 0xff, 0xbf]).toString('base64url'));
for (let i = 0; i < 60; i++) {
  const n = randInt(12);
  const bytes = [];
  for (let j = 0; j < n; j++) bytes.push(randInt(256));
  const buf = Buffer.from(bytes);
  const b64 = buf.toString('base64');
  const noisy = b64.split('').map((c) => (rand() < 0.2 ? ' ' + c : c)).join('');
  t(`base64 roundtrip ${buf.toString('hex')}`, () => `${b64} ${buf.toString('base64url')} ${Buffer.from(noisy, 'base64').equals(buf)}`);
}

section('hex decoding');
const HEX = ['', '0', '00', '0g', 'g0', 'abc', 'abcd', 'ABCD', 'aBcD', '12 34', '1234zz56', 'zz', ' 12', '0x12',
  '\u0161\u0162', '\u0130\u0131', 'ff'.repeat(10), '-1', '1-'];
for (const s of HEX) t(`hex ${esc(s)}`, () => Buffer.from(s, 'hex'));

section('latin1/ascii/ucs2 encoding');
t('latin1 high chars', () => Buffer.from('\u00ff\u0100\u0141\uffff', 'latin1'));
t('ascii high chars', () => Buffer.from('\u00ff\u0100\u0141\uffff', 'ascii'));
t('ascii decode high', () => Buffer.from([0x80, 0xff, 0x41, 0xc1]).toString('ascii'));
t('ucs2 surrogate', () => Buffer.from('\ud83d\ude00\ud800', 'ucs2'));
t('ucs2 decode pair', () => Buffer.from([0x3d, 0xd8, 0x00, 0xde]).toString('ucs2'));

// ---------------------------------------------------------------------------------------------
section('write');
const WRITE_ARGS = [
  ['abc'], ['abc', 1], ['abc', 1, 1], ['abc', 'hex'], ['abcd', 'hex'], ['abc', 0, 'latin1'], ['abc', 2, 'ucs2'],
  ['abc', 0, 3, 'ucs2'], ['abc', 0, 5, 'ucs2'], ['€€', 0], ['€€', 1], ['€€', 0, 4], ['€€', 3], ['😀', 0, 3],
  ['😀', 4], ['\ud800', 5], ['aGVsbG8=', 'base64'], ['aGVsbG8=', 1, 'base64'], ['aGVsbG8', 0, 2, 'base64'],
  ['aGVsbG8', 'base64url'], ['zz', 'hex'], ['1z', 'hex'], ['abc', 'bogus'], ['abc', 0, 2, 'bogus'], ['abc', -1],
  ['abc', 9], ['abc', 8], ['abc', 1.5], ['abc', '1'], ['abc', 0, -1], ['abc', 0, 9], ['abc', 0, 1.5],
  ['abc', undefined, 1], ['abc', undefined, 1, 'hex'], ['abc', null], ['abc', 0, null], ['abc', 0, undefined, 'latin1'],
  [5], [null], [{}], ['abc', 'ascii'], ['\u00e9\u0100', 'ascii'], ['abc', ''], ['abc', 0, 3, ''], ['abc', 0, 3, null],
  ['abc', 0, 3, 0], ['abc', 'UTF-8'], ['abcdefghijkl'], ['x', 8], ['xy', 7], ['€', 6], ['€', 5],
];
for (const args of WRITE_ARGS) {
  t(`write(${args.map(show).join(', ')})`, () => {
    const b = Buffer.alloc(8, 0x2e);
    const n = b.write(...args);
    return `${n} ${b.toString('hex')}`;
  });
}
t('write on empty buffer', () => Buffer.alloc(0).write('abc'));
t('write empty string', () => Buffer.alloc(2).write(''));
section('per-encoding write/slice methods');
for (const m of ['utf8Write', 'latin1Write', 'asciiWrite', 'hexWrite', 'ucs2Write', 'base64Write', 'base64urlWrite']) {
  for (const args of [['abcd'], ['abcd', 2], ['abcd', 1, 2], ['abcd', 5], ['abcd', -1], ['abcd', 0, 9], [7], ['abcd', 4]]) {
    t(`${m}(${args.map(show).join(', ')})`, () => {
      const b = Buffer.alloc(4);
      const n = b[m](...args);
      return `${n} ${b.toString('hex')}`;
    });
  }
}
for (const m of ['utf8Slice', 'latin1Slice', 'asciiSlice', 'hexSlice', 'ucs2Slice', 'base64Slice', 'base64urlSlice']) {
  for (const args of [[], [1], [1, 3], [3, 1], [0, 9], [-1], [5], ['1', '3'], [1.7, 3.2]]) {
    t(`${m}(${args.map(show).join(', ')})`, () => Buffer.from([0x61, 0xc3, 0xa9, 0x62])[m](...args));
  }
  t(`${m} on empty`, () => Buffer.alloc(0)[m](5, 9));
}

// ---------------------------------------------------------------------------------------------
section('fill');
const FILL_ARGS = [
  [0], [1], [255], [256], [257], [-1], [1.9], [NaN], ['a'], ['ab'], ['abc', 1], ['abc', 1, 4], ['€'], ['€', 1, 7],
  ['😀'], ['\u00e9', 'latin1'], ['\u0100', 'latin1'], ['\u0100'], ['é'], ['a', 'ucs2'], ['ab', 'utf16le'], ['616', 'hex'],
  ['6162', 'hex'], ['zz', 'hex'], ['a', 'hex'], ['YWI=', 'base64'], ['YQ', 'base64url'], ['', 0], [''],
  ['x', 'ascii'], ['\u00e9x', 'ascii'], ['a', 0, 8, 'bogus'], ['a', 'bogus'], ['a', 0, 8, 5], ['a', 0, 8, null],
  ['a', ''], [0, -1], [0, 1.5], [0, 0, 9], [0, 0, -1], [0, 5, 2], [0, 9], [0, '1'], [0, 0, '1'], ['a', 0, 'latin1'],
  ['ab', 1, 'latin1'], ['a', undefined, 3], [true], [false], [null], [undefined], [{}], [[]], [{ valueOf() { return 66; } }],
  [Buffer.from('xyz')], [Buffer.from('xyz'), 2], [Buffer.alloc(0)], [new Uint8Array([1, 2])], [new Uint16Array([0x0102, 0x0304])],
  [new DataView(new ArrayBuffer(3))], ['ab', 0, 0], ['abcdefghijk'],
];
for (const args of FILL_ARGS) {
  t(`fill(${args.map(show).join(', ')})`, () => Buffer.alloc(8, 0x2e).fill(...args));
}
t('fill returns this', () => { const b = Buffer.alloc(2); return b.fill(1) === b; });
t('fill empty buffer invalid hex', () => Buffer.alloc(0).fill('zz', 'hex'));
t('fill big pattern', () => Buffer.alloc(5000).fill('abc').toString('latin1', 4990));
t('fill utf8 split char', () => Buffer.alloc(7).fill('€a'));

section('alloc/allocUnsafe/allocUnsafeSlow/SlowBuffer');
const ALLOC_ARGS = [[0], [1], [5], [5, 1], [5, 'ab'], [5, 'YWJj', 'base64'], [5, 'zz', 'hex'], [5, 'a', 'bogus'],
  [0, 'a', 'bogus'], [5, 0, 'bogus'], [5, ''], [5, Buffer.from('xy')], [5, Buffer.alloc(0)], [1.5], [-1], [NaN], ['5'],
  [null], [undefined], [2 ** 53], [Infinity], [5, 300], [5, -1], [5, true], [3, '😀']];
for (const args of ALLOC_ARGS) {
  t(`alloc(${args.map(show).join(', ')})`, () => Buffer.alloc(...args));
}
for (const size of [0, 1, 10, 4095, 4096, 1.5, -1, '1', NaN, undefined]) {
  t(`allocUnsafe(${show(size)}).length`, () => Buffer.allocUnsafe(size).length);
  t(`allocUnsafeSlow(${show(size)}).length`, () => Buffer.allocUnsafeSlow(size).length);
}
t('allocUnsafe pooled', () => Buffer.allocUnsafe(10).buffer.byteLength);
t('allocUnsafe 4096 not pooled', () => Buffer.allocUnsafe(4096).buffer.byteLength);
t('allocUnsafeSlow not pooled', () => Buffer.allocUnsafeSlow(10).buffer.byteLength);
t('alloc not pooled', () => Buffer.alloc(10).buffer.byteLength);
t('allocUnsafe is Buffer', () => Buffer.isBuffer(Buffer.allocUnsafe(3)));
t('SlowBuffer', () => SlowBuffer(4).length);
t('SlowBuffer is Buffer', () => SlowBuffer(4) instanceof Buffer);
t('SlowBuffer bad', () => SlowBuffer(-1));
t('Buffer(number)', () => Buffer(3));
t('new Buffer(number)', () => new Buffer(3));
t('Buffer(string)', () => Buffer('abc'));
t('Buffer(string, enc)', () => Buffer('616263', 'hex'));
t('Buffer(number, string)', () => Buffer(1, 'b'));
t('Buffer(array)', () => new Buffer([1, 2, 3]));

// ---------------------------------------------------------------------------------------------
section('Buffer.from other values');
const FROM_VALUES = [
  ['array', () => [1, 2, 3]], ['array of mixed', () => [256, -1, 1.9, '7', 'x', null, true]], ['empty array', () => []],
  ['array-like', () => ({ length: 3, 0: 1, 1: 2 })], ['array-like string length', () => ({ length: '3', 0: 1 })],
  ['array-like negative', () => ({ length: -2 })], ['array-like fraction', () => ({ length: 2.5, 0: 9, 1: 8, 2: 7 })],
  ['JSON shape', () => ({ type: 'Buffer', data: [104, 105] })], ['JSON shape bad data', () => ({ type: 'Buffer', data: 'x' })],
  ['Buffer', () => Buffer.from('copy')], ['Uint8Array', () => new Uint8Array([5, 6])], ['Uint16Array', () => new Uint16Array([1, 256, 65535])],
  ['Float64Array', () => new Float64Array([1.5, -1, 300])], ['DataView', () => new DataView(new ArrayBuffer(4))],
  ['String object', () => new String('str')], ['valueOf string', () => ({ valueOf() { return 'vo'; } })],
  ['valueOf array', () => ({ valueOf() { return [7, 8]; } })], ['valueOf self', () => { const o = { valueOf() { return o; } }; return o; }],
  ['toPrimitive', () => ({ [Symbol.toPrimitive](hint) { return 'tp:' + hint; } })],
  ['toPrimitive number', () => ({ [Symbol.toPrimitive]() { return 5; } })], ['object with buffer', () => ({ buffer: new ArrayBuffer(4) })],
  ['plain object', () => ({})], ['number', () => 5], ['null', () => null], ['undefined', () => undefined], ['boolean', () => true],
  ['symbol', () => Symbol('s')], ['function', () => function f() {}], ['bigint', () => 5n],
];
for (const [name, make] of FROM_VALUES) {
  t(`from(${name})`, () => Buffer.from(make()));
}
t('from(array) copies', () => { const a = [1, 2]; const b = Buffer.from(a); a[0] = 9; return b; });
t('from(buffer) copies', () => { const a = Buffer.from('ab'); const b = Buffer.from(a); a[0] = 0x7a; return b; });
t('from(big array)', () => Buffer.from(new Array(5000).fill(7)).length);
t('from(array) pooled', () => Buffer.from([1, 2, 3]).buffer.byteLength);
t('from(String, hex)', () => Buffer.from(new String('6162'), 'hex'));

section('Buffer.from ArrayBuffer (shared memory)');
{
  const ab = new ArrayBuffer(8);
  const view = new Uint8Array(ab);
  for (let i = 0; i < 8; i++) view[i] = i + 1;
  const ARGS = [[], [2], [2, 3], [8], [9], [0, 9], [2, 7], [-1], [1.5], [1.5, 2.5], ['2', '3'], [NaN, NaN], [null],
    [undefined, 4], [0, -1], [0, 0], [3.9], [2, 6.9], [0, '5'], [0, 'x']];
  for (const args of ARGS) {
    t(`from(ab8, ${args.map(show).join(', ')})`, () => {
      const b = Buffer.from(ab, ...args);
      return `${b.byteOffset}:${b.length}:${b.toString('hex')}`;
    });
  }
  t('from(ab) shares memory', () => {
    const b = Buffer.from(ab, 2, 2);
    b[0] = 0xaa;
    return view[2];
  });
  t('from(ab) buffer identity', () => Buffer.from(ab).buffer === ab);
}

section('copyBytesFrom');
const CBF_ARGS = [[], [1], [1, 1], [0, 0], [5], [undefined, 2], [-1], [1.5], ['1'], [0, -1], [0, 10]];
for (const args of CBF_ARGS) {
  t(`copyBytesFrom(u16, ${args.map(show).join(', ')})`, () => Buffer.copyBytesFrom(new Uint16Array([0x0102, 0x0304, 0x0506]), ...args));
}
t('copyBytesFrom(float32)', () => Buffer.copyBytesFrom(new Float32Array([1])));
t('copyBytesFrom(empty)', () => Buffer.copyBytesFrom(new Uint8Array(0), 1));
t('copyBytesFrom(array)', () => Buffer.copyBytesFrom([1, 2]));
t('copyBytesFrom(DataView)', () => Buffer.copyBytesFrom(new DataView(new ArrayBuffer(2))));
t('copyBytesFrom copies', () => { const u = new Uint8Array([1, 2]); const b = Buffer.copyBytesFrom(u); u[0] = 9; return b; });
t('of', () => Buffer.of(1, 2, 300, -1));
t('of empty', () => Buffer.of());

section('isBuffer/isEncoding');
for (const v of [Buffer.alloc(0), new Uint8Array(1), {}, null, 'abc', SlowBuffer(1)]) t(`isBuffer(${show(v)})`, () => Buffer.isBuffer(v));
for (const e of ['utf8', 'UTF-8', 'utf-8', 'UTF8', 'ucs2', 'UCS-2', 'utf16le', 'Utf-16LE', 'latin1', 'binary', 'ascii', 'base64',
  'BASE64URL', 'hex', 'HEX', '', 'utf16', 'raw', 'buffer', 'utf-16be', null, undefined, 5, {}, 'utf8 ']) {
  t(`isEncoding(${show(e)})`, () => Buffer.isEncoding(e));
}

// ---------------------------------------------------------------------------------------------
section('indexOf/lastIndexOf/includes');
const hay = Buffer.from('abcabcabc\u00e9\u20ac');
const INDEX_CASES = [
  ['a'], ['abc'], ['c', 3], ['c', -1], ['c', -4], ['c', -100], ['c', 100], ['bca', 2], ['abcd'], [''], ['', 3], ['', 100],
  ['', -1], ['é'], ['€'], [0x61], [0x61 + 256], [-159], [0xac], [0xac, 13], [1000], [97.9], ['a', '1'], ['a', 'latin1'],
  ['c3a9', 'hex'], ['c3a9', 0, 'hex'], ['zz', 'hex'], ['YWJj', 'base64'], ['YWJj', 3, 'base64'], ['\u00e9', 'latin1'],
  ['\u00e9', 'binary'], ['a', 'ucs2'], ['a\u0062', 'utf16le'], ['abc', 'ascii'], ['a', 'bogus'], ['a', 0, 'bogus'],
  [Buffer.from('bc')], [Buffer.from('bc'), 2], [Buffer.from('bc'), -2], [Buffer.from('')], [Buffer.from(''), 5],
  [new Uint8Array([0x62, 0x63])], [Buffer.from('bc'), 0, 'bogus'], [Buffer.from('bc'), 0, 'ucs2'], [{}], [null], [true],
  ['b', null], ['b', []], ['b', {}], ['b', undefined], ['b', NaN], ['b', 1.5], ['b', -1.5], ['b', 2 ** 32], ['b', -(2 ** 32)],
  ['b', '1'],
];
for (const args of INDEX_CASES) {
  const label = args.map(show).join(', ');
  t(`indexOf(${label})`, () => hay.indexOf(...args));
  t(`lastIndexOf(${label})`, () => hay.lastIndexOf(...args));
  t(`includes(${label})`, () => hay.includes(...args));
}
section('indexOf ucs2 haystacks');
const u16 = Buffer.from('abcabc\u0100', 'ucs2');
for (const args of [['b', 'ucs2'], ['b', 3, 'ucs2'], ['b', 2, 'ucs2'], ['bc', -4, 'ucs2'], ['\u0100', 'ucs2'], ['c', 100, 'ucs2'],
  ['', 0, 'ucs2'], ['', 99, 'ucs2'], [Buffer.from('b\u0000'), 'ucs2'], [Buffer.from('b'), 'ucs2'], [Buffer.from('x\u0000'), 'ucs2']]) {
  const label = args.map(show).join(', ');
  t(`u16.indexOf(${label})`, () => u16.indexOf(...args));
  t(`u16.lastIndexOf(${label})`, () => u16.lastIndexOf(...args));
}
t('odd ucs2 haystack', () => Buffer.from('abc').indexOf(Buffer.from('x\u0000'), 0, 'ucs2'));
t('odd ucs2 haystack string', () => Buffer.from('abc').indexOf('x', 0, 'ucs2'));
t('empty haystack', () => Buffer.alloc(0).indexOf('a'));
t('empty haystack number', () => Buffer.alloc(0).indexOf(0));
t('empty haystack empty needle', () => Buffer.alloc(0).lastIndexOf(''));
for (let i = 0; i < 80; i++) {
  const alpha = 'ab\u0000';
  let h = '';
  let n = '';
  for (let j = randInt(10); j > 0; j--) h += alpha[randInt(3)];
  for (let j = randInt(3); j > 0; j--) n += alpha[randInt(3)];
  const off = randInt(24) - 12;
  const enc = ['utf8', 'ucs2', 'latin1', 'hex'][randInt(4)];
  const b = Buffer.from(h);
  t(`gen ${esc(h)} ${esc(n)} ${off} ${enc}`, () => `${b.indexOf(n, off, enc)} ${b.lastIndexOf(n, off, enc)} ${b.indexOf(Buffer.from(n), off, enc)} ${b.lastIndexOf(Buffer.from(n), off)}`);
}

// ---------------------------------------------------------------------------------------------
section('slice/subarray');
const base = Buffer.from('0123456789');
const SLICE_ARGS = [[], [3], [3, 6], [-3], [-3, -1], [6, 3], [-100, 100], [1.7, 4.2], ['2', '5'], [NaN, 3], [null, 4],
  [undefined, -2], [Infinity], [-Infinity, 2], [0, 0], [10], [4, undefined], [2 ** 40, 1], [-0, -0]];
for (const args of SLICE_ARGS) {
  t(`slice(${args.map(show).join(', ')})`, () => base.slice(...args).toString());
  t(`subarray(${args.map(show).join(', ')})`, () => base.subarray(...args).toString());
}
t('slice shares memory', () => {
  const b = Buffer.from('abcdef');
  const s = b.slice(1, 3);
  s[0] = 0x5a;
  return `${b.toString()} ${s.byteOffset - b.byteOffset} ${Buffer.isBuffer(s)}`;
});
t('subarray on Uint8Array', () => Buffer.prototype.subarray.call(new Uint8Array([1, 2, 3]), 1));
t('slice of slice', () => base.slice(2, 8).slice(-2).toString());

// ---------------------------------------------------------------------------------------------
section('compare/equals');
const A = Buffer.from('abc');
const CMP = [Buffer.from('abc'), Buffer.from('abd'), Buffer.from('ab'), Buffer.from('abcd'), Buffer.from(''), Buffer.from('b'), new Uint8Array([0x61, 0x62, 0x63])];
for (const other of CMP) {
  t(`compare abc vs ${show(other)}`, () => `${A.compare(other)} ${Buffer.compare(A, other)} ${Buffer.compare(other, A)} ${A.equals(other)}`);
}
const CMP_ARGS = [[0], [1], [0, 2], [0, 3, 0, 2], [1, 3, 1, 3], [0, 3, 1], [5], [0, 5], [0, 2, 5], [0, 2, 0, 5], [-1],
  [1.5], ['1'], [3, 3], [0, 0, 0, 0], [0, 2, 3, 3], [2, 2, 0, 1], [undefined, undefined, 1], [null], [0, 3, 3, 1]];
for (const args of CMP_ARGS) {
  t(`abc.compare(abd, ${args.map(show).join(', ')})`, () => A.compare(Buffer.from('abd'), ...args));
}
t('compare with string', () => A.compare('abc'));
t('Buffer.compare bad first', () => Buffer.compare('a', A));
t('Buffer.compare bad second', () => Buffer.compare(A, []));
t('equals non-buffer', () => A.equals('abc'));
t('equals self', () => A.equals(A));
t('equals empty', () => Buffer.alloc(0).equals(new Uint8Array(0)));
t('sort buffers', () => [Buffer.from('b'), Buffer.from('a'), Buffer.from('ab'), Buffer.from('')].sort(Buffer.compare).map(String).join('|'));

section('copy');
const COPY_ARGS = [[], [2], [2, 1], [2, 1, 3], [0, 0, 100], [-1], [0, -1], [0, 5], [0, 6], [0, 0, -1], [10], [1.5],
  ['1'], [0, '2'], [NaN, NaN, NaN], [0, 3, 2], [null, null, null], [0, 0, 2.9], [Infinity], [0, Infinity], [0, 0, Infinity]];
for (const args of COPY_ARGS) {
  t(`copy(${args.map(show).join(', ')})`, () => {
    const target = Buffer.alloc(6, 0x2e);
    const n = Buffer.from('ABCDE').copy(target, ...args);
    return `${n} ${target.toString()}`;
  });
}
t('copy overlapping forward', () => { const b = Buffer.from('abcdef'); b.copy(b, 2, 0, 4); return b.toString(); });
t('copy overlapping backward', () => { const b = Buffer.from('abcdef'); b.copy(b, 0, 2); return b.toString(); });
t('copy to Uint8Array', () => { const u = new Uint8Array(3); Buffer.from('xyz').copy(u); return u; });
t('copy to non-buffer', () => Buffer.from('x').copy([]));
t('copy from Uint8Array via call', () => { const t2 = Buffer.alloc(2); Buffer.prototype.copy.call(new Uint8Array([7, 8]), t2); return t2; });

section('concat');
const CONCAT = [
  [[]], [[Buffer.from('ab'), Buffer.from('cd')]], [[Buffer.from('ab'), Buffer.from('cd')], 3], [[Buffer.from('ab')], 5],
  [[Buffer.from('ab')], 0], [[new Uint8Array([1, 2]), Buffer.from('x')]], [[Buffer.from('ab')], -1], [[Buffer.from('ab')], 1.5],
  [[Buffer.from('ab')], '3'], [['ab']], [[Buffer.from('a'), 'b']], ['ab'], [null], [[Buffer.alloc(0), Buffer.alloc(0)]],
  [[Buffer.from('a'), { length: 3 }]], [[Buffer.from('ab'), Buffer.from('cd')], undefined],
];
for (const args of CONCAT) t(`concat(${JSON.stringify(args, (k, v) => (v && v.type === 'Buffer' ? 'buf:' + Buffer.from(v.data).toString() : v))})`, () => Buffer.concat(...args));
t('concat copies', () => { const a = Buffer.from('a'); const c = Buffer.concat([a]); a[0] = 0x7a; return c; });
t('concat large', () => Buffer.concat([Buffer.alloc(5000, 1), Buffer.alloc(5000, 2)]).length);

// ---------------------------------------------------------------------------------------------
section('swap');
for (const n of [0, 2, 3, 4, 6, 8, 16]) {
  const bytes = Array.from({ length: n }, (_, i) => i + 1);
  for (const m of ['swap16', 'swap32', 'swap64']) t(`${m} len ${n}`, () => Buffer.from(bytes)[m]());
}
t('swap16 returns this', () => { const b = Buffer.alloc(2); return b.swap16() === b; });
t('swap16 large', () => Buffer.from('ab'.repeat(200)).swap16().toString().slice(0, 6));

section('toJSON');
t('toJSON', () => Buffer.from('hi').toJSON());
t('toJSON empty', () => Buffer.alloc(0).toJSON());
t('JSON.stringify', () => JSON.stringify({ b: Buffer.from([1, 255]) }));
t('JSON roundtrip', () => Buffer.from(JSON.parse(JSON.stringify(Buffer.from('round')))).toString());

section('inspect');
const insp = (b) => b[inspectCustom]();
t('inspect hello', () => insp(Buffer.from('hello')));
t('inspect empty', () => insp(Buffer.alloc(0)));
t('inspect 50', () => insp(Buffer.alloc(50, 1)));
t('inspect 51', () => insp(Buffer.alloc(51, 2)));
t('inspect 52', () => insp(Buffer.alloc(52, 3)));
t('inspect 100', () => insp(Buffer.alloc(100, 0xab)));
t('inspect via prototype.inspect', () => Buffer.from('x').inspect());
t('INSPECT_MAX_BYTES set', () => { bufferModule.INSPECT_MAX_BYTES = 4; const r = insp(Buffer.from('abcdef')); return r; });
t('INSPECT_MAX_BYTES zero', () => { bufferModule.INSPECT_MAX_BYTES = 0; return insp(Buffer.from('abc')); });
t('INSPECT_MAX_BYTES bad', () => { bufferModule.INSPECT_MAX_BYTES = -1; });
t('INSPECT_MAX_BYTES string', () => { bufferModule.INSPECT_MAX_BYTES = '5'; });
t('INSPECT_MAX_BYTES restore', () => { bufferModule.INSPECT_MAX_BYTES = 50; return bufferModule.INSPECT_MAX_BYTES; });
{
  const util = require('util');
  t('util.inspect buffer', () => util.inspect(Buffer.from('hello')));
  t('util.inspect empty', () => util.inspect(Buffer.alloc(0)));
  t('util.inspect long', () => util.inspect(Buffer.alloc(60)));
  t('util.inspect extra prop', () => { const b = Buffer.from('ab'); b.foo = 'bar'; return util.inspect(b); });
  t('util.inspect extra prop empty', () => { const b = Buffer.alloc(0); b.x = 1; return util.inspect(b); });
  t('util.inspect nested', () => util.inspect({ a: Buffer.from([1, 2]) }));
}

// ---------------------------------------------------------------------------------------------
section('read unsigned/signed');
const RB = Buffer.from([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0xff, 0xfe, 0x80, 0x00, 0x7f, 0xff]);
const READS = ['readUInt8', 'readUint8', 'readInt8', 'readUInt16LE', 'readUInt16BE', 'readUint16LE', 'readInt16LE', 'readInt16BE',
  'readUInt32LE', 'readUInt32BE', 'readUint32BE', 'readInt32LE', 'readInt32BE', 'readFloatLE', 'readFloatBE', 'readDoubleLE',
  'readDoubleBE', 'readBigUInt64LE', 'readBigUInt64BE', 'readBigUint64LE', 'readBigInt64LE', 'readBigInt64BE'];
const READ_OFFSETS = [undefined, 0, 1, 5, 6, 8, 9, 10, 12, 13, 14, -1, 1.5, '1', NaN, null, Infinity, 2 ** 32, -0];
for (const m of READS) {
  const parts = [];
  for (const off of READ_OFFSETS) {
    let r;
    try {
      r = show(off === undefined ? RB[m]() : RB[m](off));
    } catch (e) {
      r = `E(${e.code}: ${e.message})`;
    }
    parts.push(`${show(off)}=${r}`);
  }
  console.log(`${m} => ${parts.join(' | ')}`);
}
section('readUIntLE/BE and readIntLE/BE');
for (const m of ['readUIntLE', 'readUIntBE', 'readIntLE', 'readIntBE', 'readUintLE', 'readUintBE']) {
  for (const bl of [1, 2, 3, 4, 5, 6]) {
    const parts = [];
    for (const off of [0, 1, 14 - bl, 15 - bl, -1]) {
      let r;
      try {
        r = show(RB[m](off, bl));
      } catch (e) {
        r = `E(${e.code}: ${e.message})`;
      }
      parts.push(`${off}=${r}`);
    }
    console.log(`${m}(*, ${bl}) => ${parts.join(' | ')}`);
  }
  for (const args of [[0, 0], [0, 7], [0, 1.5], [0, '2'], [0], [], [undefined, 2], ['0', 2], [0, NaN], [1.5, 2]]) {
    t(`${m}(${args.map(show).join(', ')})`, () => RB[m](...args));
  }
}
section('read on empty/small buffers');
for (const m of ['readUInt8', 'readUInt16LE', 'readInt32BE', 'readDoubleLE', 'readBigInt64LE']) {
  t(`${m} on empty`, () => Buffer.alloc(0)[m](0));
  t(`${m} on 3 bytes at 0`, () => Buffer.alloc(3)[m](0));
}
t('readUIntLE 6 on 5 bytes', () => Buffer.alloc(5).readUIntLE(0, 6));
t('read on Uint8Array via call', () => Buffer.prototype.readUInt16BE.call(new Uint8Array([1, 2])));

section('write numbers');
const WRITES = [
  ['writeUInt8', [0, 1, 255, 256, -1, 1.7, NaN, '12', 0x7f]], ['writeUint8', [200]], ['writeInt8', [0, 127, 128, -128, -129, -1, 1.5]],
  ['writeUInt16LE', [0, 0x1234, 65535, 65536, -1, 1.5]], ['writeUInt16BE', [0x1234, 65536]], ['writeInt16LE', [-1, -32768, 32767, 32768, -32769]],
  ['writeInt16BE', [-2, 0x1234]], ['writeUInt32LE', [0x12345678, 2 ** 32 - 1, 2 ** 32, -1, 1.5]], ['writeUInt32BE', [0x12345678, 2 ** 32]],
  ['writeInt32LE', [-1, -(2 ** 31), 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1]], ['writeInt32BE', [-2, 2 ** 31]], ['writeUint32LE', [7]],
  ['writeFloatLE', [1.5, -0, NaN, Infinity, 3.4e38, 3.5e38, 1e-46, 0.1, '2.5', 'x']], ['writeFloatBE', [1.5, -2]],
  ['writeDoubleLE', [Math.PI, -0, NaN, -Infinity, 5e-324, '1e3']], ['writeDoubleBE', [Math.PI, 1]],
];
for (const [m, values] of WRITES) {
  for (const v of values) {
    for (const off of [undefined, 0, 2, 4, 5, -1, 1.5, '1', 8]) {
      t(`${m}(${show(v)}, ${show(off)})`, () => {
        const b = Buffer.alloc(8);
        const r = off === undefined ? b[m](v) : b[m](v, off);
        return `${r} ${b.toString('hex')}`;
      });
    }
  }
}
section('writeUIntLE/BE and writeIntLE/BE');
const WN_VALUES = { 1: [0, 255, 256, -1, -128, -129, 127, 128], 2: [0x1234, 65535, 65536, -32768, -32769],
  3: [0x123456, 2 ** 24 - 1, 2 ** 24, -(2 ** 23), -(2 ** 23) - 1], 4: [0x12345678, 2 ** 32, -(2 ** 31) - 1],
  5: [0x123456789a, 2 ** 40 - 1, 2 ** 40, -(2 ** 39), -(2 ** 39) - 1, 1.5, -1.5], 6: [0x123456789abc, 2 ** 48 - 1, 2 ** 48, -(2 ** 47), -(2 ** 47) - 1, -1, 2 ** 47] };
for (const m of ['writeUIntLE', 'writeUIntBE', 'writeIntLE', 'writeIntBE', 'writeUintLE', 'writeUintBE']) {
  for (const bl of [1, 2, 3, 4, 5, 6]) {
    for (const v of WN_VALUES[bl]) {
      for (const off of [0, 8 - bl, 9 - bl]) {
        t(`${m}(${show(v)}, ${off}, ${bl})`, () => {
          const b = Buffer.alloc(8);
          const r = b[m](v, off, bl);
          return `${r} ${b.toString('hex')}`;
        });
      }
    }
  }
  for (const args of [[1, 0, 0], [1, 0, 7], [1, 0, 1.5], [1, 0, '2'], [1, 0], [1], [1, undefined, 2], [1, '0', 2], [1, -1, 3], [NaN, 0, 3], ['5', 0, 3]]) {
    t(`${m}(${args.map(show).join(', ')})`, () => {
      const b = Buffer.alloc(8);
      const r = b[m](...args);
      return `${r} ${b.toString('hex')}`;
    });
  }
}
section('BigInt writes');
const BIG_VALUES = [0n, 1n, -1n, 255n, 2n ** 32n, 2n ** 63n - 1n, 2n ** 63n, -(2n ** 63n), -(2n ** 63n) - 1n, 2n ** 64n - 1n, 2n ** 64n, 0x0102030405060708n];
for (const m of ['writeBigUInt64LE', 'writeBigUInt64BE', 'writeBigUint64LE', 'writeBigInt64LE', 'writeBigInt64BE']) {
  for (const v of BIG_VALUES) {
    t(`${m}(${show(v)})`, () => {
      const b = Buffer.alloc(10);
      const r = b[m](v, 1);
      return `${r} ${b.toString('hex')} ${m.includes('Int64') && !m.includes('UInt') && !m.includes('Uint') ? (m.endsWith('LE') ? b.readBigInt64LE(1) : b.readBigInt64BE(1)) : (m.endsWith('LE') ? b.readBigUInt64LE(1) : b.readBigUInt64BE(1))}`;
    });
  }
  for (const off of [undefined, 0, 2, 3, -1, 1.5, '0']) {
    t(`${m}(5n, ${show(off)})`, () => {
      const b = Buffer.alloc(10);
      return `${off === undefined ? b[m](5n) : b[m](5n, off)} ${b.toString('hex')}`;
    });
  }
}
section('float round trips');
for (const v of [0, -0, 1, -1, 0.5, 1 / 3, 1e300, -1e-300, 3.4028234663852886e38, 1.1754943508222875e-38, 1.401298464324817e-45, 65504, NaN, Infinity]) {
  t(`float ${show(v)}`, () => {
    const b = Buffer.alloc(4);
    b.writeFloatLE(v);
    const le = b.readFloatLE();
    b.writeFloatBE(v);
    return `${show(le)} ${show(b.readFloatBE())} ${b.toString('hex')}`;
  });
  t(`double ${show(v)}`, () => {
    const b = Buffer.alloc(8);
    b.writeDoubleBE(v);
    return `${show(b.readDoubleBE())} ${b.toString('hex')} ${show(b.readDoubleLE())}`;
  });
}
section('generated read/write round trips');
for (let i = 0; i < 60; i++) {
  const bl = 1 + randInt(6);
  const signed = rand() < 0.5;
  const max = signed ? 2 ** (bl * 8 - 1) : 2 ** (bl * 8);
  const v = signed ? Math.floor(rand() * max * 2) - max : Math.floor(rand() * max);
  const le = rand() < 0.5;
  const w = `write${signed ? 'Int' : 'UInt'}${le ? 'LE' : 'BE'}`;
  const r = `read${signed ? 'Int' : 'UInt'}${le ? 'LE' : 'BE'}`;
  t(`${w}/${r} ${v} ${bl}`, () => {
    const b = Buffer.alloc(8);
    b[w](v, 1, bl);
    return `${b.toString('hex')} ${b[r](1, bl)}`;
  });
}

// ---------------------------------------------------------------------------------------------
section('transcode');
const TC_SOURCES = [Buffer.from('a\u00e9\u20ac\ud83d\ude00'), Buffer.from([0x61, 0xff, 0xc3, 0xe2, 0x82, 0x41]), Buffer.from('\ud800a\udc00', 'ucs2'),
  Buffer.from([0x61, 0x00, 0x62]), Buffer.from([0x80, 0x7f, 0xff]), Buffer.from('plain')];
const TC_ENCS = ['utf8', 'ucs2', 'utf16le', 'latin1', 'binary', 'ascii', 'UTF-8'];
for (const src of TC_SOURCES) {
  for (const from of TC_ENCS) {
    for (const to of TC_ENCS) {
      t(`transcode(${src.toString('hex')}, ${from}, ${to})`, () => transcode(src, from, to));
    }
  }
}
t('transcode empty bogus', () => transcode(Buffer.alloc(0), 'bogus', 'x'));
t('transcode hex', () => transcode(Buffer.from('a'), 'hex', 'utf8'));
t('transcode to base64', () => transcode(Buffer.from('a'), 'utf8', 'base64'));
t('transcode string', () => transcode('a', 'utf8', 'ucs2'));
t('transcode Uint8Array', () => transcode(new Uint8Array([0x61]), 'latin1', 'ucs2'));
t('transcode error props', () => { try { transcode(Buffer.from([0xff]), 'utf8', 'ucs2'); } catch (e) { return `${e.name} ${e.code} ${e.errno} ${Object.keys(e).join(',')}`; } });

section('isUtf8/isAscii');
const VALIDATE = [[], [0x61], [0x80], [0xc3, 0xa9], [0xc3], [0xed, 0xa0, 0x80], [0xef, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80],
  [0xf0, 0x9f, 0x98, 0x80], [0xc0, 0x80], [0x7f, 0x00], [0xe0, 0x9f, 0x80]];
for (const b of VALIDATE) t(`isUtf8/isAscii [${Buffer.from(b).toString('hex')}]`, () => `${isUtf8(Buffer.from(b))} ${isAscii(Buffer.from(b))}`);
t('isUtf8 ArrayBuffer', () => isUtf8(new Uint8Array([0xc3, 0xa9]).buffer));
t('isUtf8 Uint16Array', () => isUtf8(new Uint16Array([0xffff])));
t('isAscii Uint16Array', () => isAscii(new Uint16Array([0x7f7f])));
t('isUtf8 DataView', () => isUtf8(new DataView(new ArrayBuffer(1))));
t('isUtf8 string', () => isUtf8('abc'));
t('isAscii null', () => isAscii(null));
t('isUtf8 subarray', () => isUtf8(Buffer.from([0xff, 0x61, 0xff]).subarray(1, 2)));

section('atob/btoa');
const ATOB = ['', 'YQ', 'YQ=', 'YQ==', 'YQ===', 'Y', 'YW', 'YWI', 'YWJj', 'YWJjZA', ' Y W J j ', 'YW\tJj\n', 'YW\fJj\r', 'YW\vJj',
  'YW Jj=', 'YWJ=', 'YWJj=', 'YWJj==', 'YR==', 'YQ=a', '=YQ', 'Y=Q', '-_', '+/', '+/+/', 'YQ\u00a0', 'YQ==\n', 'YQ= =',
  'Y Q = =', '\u0100AAA', '//79', 'AAAA'];
for (const s of ATOB) {
  t(`atob(${esc(s)})`, () => {
    try {
      return atob(s);
    } catch (e) {
      return `${e.name}: ${e.message} (${e.code})`;
    }
  });
}
for (const v of [null, undefined, 123, true, {}, [], ['YQ']]) {
  t(`atob(${show(v)})`, () => {
    try {
      return atob(v);
    } catch (e) {
      return `${e.name}: ${e.message} (${e.code})`;
    }
  });
}
t('atob()', () => atob());
for (const s of ['', 'a', 'ab', 'abc', 'abcd', '\u00ff\u00fe\u0000', '\u0100', '\ud800', 'hello world']) {
  t(`btoa(${esc(s)})`, () => {
    try {
      return btoa(s);
    } catch (e) {
      return `${e.name}: ${e.message} (${e.code})`;
    }
  });
}
for (const v of [null, undefined, 1, {}]) t(`btoa(${show(v)})`, () => btoa(v));
t('btoa()', () => btoa());
t('atob/btoa length', () => `${atob.length} ${btoa.length}`);
t('atob(btoa(all bytes))', () => {
  let s = '';
  for (let i = 0; i < 256; i++) s += String.fromCharCode(i);
  return atob(btoa(s)) === s;
});

// ---------------------------------------------------------------------------------------------
section('Blob/File (sync)');
t('Blob props', () => Object.getOwnPropertyNames(Blob.prototype).join(','));
t('File props', () => Object.getOwnPropertyNames(File.prototype).join(','));
t('Blob lengths', () => `${Blob.length} ${File.length} ${Blob.name} ${File.name}`);
t('Blob toStringTag', () => Object.prototype.toString.call(new Blob()));
t('File toStringTag', () => Object.prototype.toString.call(new File([], 'f')));
t('File extends Blob', () => new File([], 'f') instanceof Blob);
t('Blob enumerable', () => Object.getOwnPropertyDescriptor(Blob.prototype, 'size').enumerable);
t('Blob keys', () => Object.keys(new Blob(['x'])).join(','));
t('Blob empty', () => `${new Blob().size} ${JSON.stringify(new Blob().type)}`);
t('Blob string', () => new Blob('abc'));
t('Blob null', () => new Blob(null));
t('Blob number', () => new Blob(5));
t('Blob object', () => new Blob({}));
t('Blob bad options', () => new Blob([], 5));
t('Blob null options', () => new Blob([], null).size);
t('Blob bad endings', () => new Blob([], { endings: 'x' }));
t('Blob native endings', () => new Blob(['a\nb\r\nc'], { endings: 'native' }).size);
t('Blob type lower', () => new Blob([], { type: 'Text/HTML' }).type);
t('Blob type non-ascii', () => new Blob([], { type: 'text/\u00e9' }).type);
t('Blob type number', () => new Blob([], { type: 5 }).type);
t('Blob mixed parts', () => new Blob(['ab', new Uint8Array([99]), new Uint16Array([0x6564]), new ArrayBuffer(1), new Blob(['x']), 5, null, {}, '€']).size);
t('Blob slice size', () => new Blob(['abcdef']).slice(1, -1).size);
t('Blob slice negative', () => new Blob(['abcdef']).slice(-2).size);
t('Blob slice reversed', () => new Blob(['abcdef']).slice(4, 2).size);
t('Blob slice fractional', () => new Blob(['abcdef']).slice(1.5, 3.7).size);
t('Blob slice type', () => new Blob(['abcdef']).slice(0, 3, 'A/B').type);
t('Blob slice constructor', () => new File(['ab'], 'n').slice(0, 1).constructor.name);
t('Blob size getter bad this', () => Object.getOwnPropertyDescriptor(Blob.prototype, 'size').get.call({}));
t('Blob slice bad this', () => Blob.prototype.slice.call({}));
t('File no args', () => new File());
t('File one arg', () => new File([]));
t('File name', () => new File(['ab'], 'n.txt', { type: 'X', lastModified: 5 }).name);
t('File lastModified', () => new File(['ab'], 'n.txt', { lastModified: 5 }).lastModified);
t('File lastModified NaN', () => new File(['ab'], 'n.txt', { lastModified: 'x' }).lastModified);
t('File lastModified default', () => typeof new File(['ab'], 'n.txt').lastModified);
t('File type', () => new File(['ab'], 'n.txt', { type: 'X' }).type);
t('File size', () => new File(['ab', 'c'], 'n.txt', null).size);
t('File bad options', () => new File(['ab'], 'n.txt', 5));
t('File name object', () => new File([], { toString() { return 'q'; } }).name);
// The message comes from the engine (private field access), so only the error class is compared.
t('File name getter bad this', () => {
  try {
    return Object.getOwnPropertyDescriptor(File.prototype, 'name').get.call(new Blob());
  } catch (e) {
    return `${e instanceof TypeError} ${e.code}`;
  }
});
t('resolveObjectURL', () => resolveObjectURL('blob:nodedata:abc'));
t('resolveObjectURL number', () => resolveObjectURL(5));
{
  const util = require('util');
  t('inspect Blob', () => util.inspect(new Blob(['abc'], { type: 't' })));
  t('inspect File', () => util.inspect(new File(['abc'], 'f', { type: 't', lastModified: 1 })));
}

// Async parts run last, strictly one after another.
(async () => {
  section('Blob/File (async)');
  const at = async (label, fn) => {
    let r;
    try {
      r = show(await fn());
    } catch (e) {
      r = 'REJECTS ' + errText(e);
    }
    console.log(`${label} => ${r}`);
  };
  await at('text with BOM and invalid', () => new Blob(['\ufeffab\ud800', new Uint8Array([0xff])]).text());
  await at('text keeps second BOM', () => new Blob(['\ufeff\ufeffa']).text());
  await at('arrayBuffer', async () => Buffer.from(await new Blob(['abc', 'def']).arrayBuffer()));
  await at('arrayBuffer is ArrayBuffer', async () => (await new Blob(['abc']).arrayBuffer()) instanceof ArrayBuffer);
  await at('bytes', () => new Blob(['abc']).bytes());
  await at('slice text', () => new Blob(['abcdef']).slice(1, 4).text());
  await at('slice of slice', () => new Blob(['abcdef']).slice(1).slice(1, 3).text());
  await at('slice fractional text', () => new Blob(['abcdef']).slice(1.7, 3.2).text());
  await at('slice NaN', () => new Blob(['abcdef']).slice(NaN, 2).text());
  await at('slice infinities', () => new Blob(['abcdef']).slice(Infinity, -Infinity).text());
  await at('File text', () => new File(['abc', 'd'], 'x').text());
  await at('mixed parts text', () => new Blob(['ab', new Uint8Array([99]), new Blob(['x']), 5, '€']).text());
  await at('native endings text', () => new Blob(['a\r\nb\rc\n'], { endings: 'native' }).text());
  await at('copy isolation', async () => {
    const u = new Uint8Array([0x61, 0x62]);
    const b = new Blob([u]);
    u[0] = 0x7a;
    return b.text();
  });
  await at('text bad this', () => Blob.prototype.text.call({}));
  await at('arrayBuffer bad this', () => Blob.prototype.arrayBuffer.call({}));
  await at('bytes bad this', () => Blob.prototype.bytes.call({}));
  await at('text returns promise', async () => Blob.prototype.text.call({}).catch(() => 'caught'));
  console.log('--- end');
})();
