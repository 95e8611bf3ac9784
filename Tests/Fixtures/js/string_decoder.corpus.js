'use strict';
// Corpus for `string_decoder`: every line is compared byte for byte with Node 22's output.
const { StringDecoder } = require('string_decoder');
const { Buffer } = require('buffer');

// Printable form of a string: ASCII as is, everything else as \uXXXX (lone surrogates included).
function esc(s) {
  if (typeof s !== 'string') return `<${typeof s}>`;
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

function state(d) {
  return `lastChar=${hex(d.lastChar)} lastNeed=${d.lastNeed} lastTotal=${d.lastTotal}`;
}

function errText(e) {
  return `${String(e)} code=${e.code}`;
}

function t(label, fn) {
  let r;
  try {
    r = fn();
  } catch (e) {
    r = 'THROWS ' + errText(e);
  }
  console.log(`${label} => ${r}`);
}

// Feeds `chunks` (arrays of bytes; null means end()) and reports every step.
function run(encoding, chunks, label = '') {
  const d = new StringDecoder(encoding);
  const parts = [];
  for (const chunk of chunks) {
    if (chunk === null) {
      parts.push(`end:${esc(d.end())}`);
    } else if (chunk.end) {
      parts.push(`end(${hex(chunk.end)}):${esc(d.end(Buffer.from(chunk.end)))}`);
    } else {
      parts.push(`${hex(chunk)}:${esc(d.write(Buffer.from(chunk)))} [${state(d)}]`);
    }
  }
  console.log(`${encoding}${label} ${parts.join(' | ')}`);
}

let seed = 4242;
function rand() {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
}
function randInt(n) {
  return Math.floor(rand() * n);
}

console.log('--- shape');
t('exports', () => Object.keys(require('string_decoder')).join(','));
t('name/length', () => `${StringDecoder.name}/${StringDecoder.length}`);
t('prototype keys', () => Object.getOwnPropertyNames(StringDecoder.prototype).join(','));
t('enumerable proto', () => Object.keys(StringDecoder.prototype).join(','));
t('instance keys', () => Object.keys(new StringDecoder()).join(','));
t('instance symbols', () => Object.getOwnPropertySymbols(new StringDecoder()).map(String).join(','));
t('lastChar is Buffer', () => Buffer.isBuffer(new StringDecoder().lastChar));
t('lastChar length', () => new StringDecoder().lastChar.length);
t('method lengths', () => ['write', 'end', 'text'].map((m) => `${m}/${StringDecoder.prototype[m].length}`).join(' '));

console.log('--- encodings');
for (const enc of [undefined, null, '', 'utf8', 'UTF-8', 'utf-8', 'ucs2', 'UCS-2', 'utf16le', 'utf-16le', 'latin1', 'binary', 'BINARY',
  'ascii', 'base64', 'base64url', 'BASE64URL', 'hex', 'Hex']) {
  t(`encoding(${String(enc)})`, () => new StringDecoder(enc).encoding);
}
for (const enc of ['bogus', 'utf16', 'buffer', 0, false, {}, 'utf8 ']) {
  t(`encoding(${typeof enc === 'string' ? enc : typeof enc + ':' + String(enc)})`, () => new StringDecoder(enc).encoding);
}

console.log('--- write arguments');
t('write string', () => new StringDecoder().write('abc'));
t('write number', () => new StringDecoder().write(5));
t('write null', () => new StringDecoder().write(null));
t('write array', () => new StringDecoder().write([0x61]));
t('write ArrayBuffer', () => new StringDecoder().write(new ArrayBuffer(1)));
t('write Uint16Array', () => esc(new StringDecoder('utf16le').write(new Uint16Array([0x61, 0x20ac]))));
t('write DataView', () => esc(new StringDecoder().write(new DataView(new Uint8Array([0x68, 0x69]).buffer))));
t('write Uint8Array', () => esc(new StringDecoder('hex').write(new Uint8Array([1, 2]))));
t('write empty', () => esc(new StringDecoder().write(Buffer.alloc(0))));
t('write wrong this', () => StringDecoder.prototype.write.call({}, Buffer.from('a')));
t('end string', () => new StringDecoder().end('abc'));
t('end number', () => new StringDecoder().end(5));
t('end empty', () => esc(new StringDecoder().end()));
t('end Buffer', () => esc(new StringDecoder('base64').end(Buffer.from('ab'))));

console.log('--- utf8');
run('utf8', [[0x61, 0x62], null]);
run('utf8', [[0xe2], [0x82], [0xac], null]);
run('utf8', [[0xe2, 0x82], [0xac, 0x61], null]);
run('utf8', [[0xe2], null]);
run('utf8', [[0xe2, 0x82], null]);
run('utf8', [[0xf0, 0x9f], [0x98], [0x80], null]);
run('utf8', [[0xf0], [0x9f, 0x98, 0x80, 0xf0, 0x9f], [0x98, 0x81], null]);
run('utf8', [[0xf0, 0x9f, 0x98], null]);
run('utf8', [[0xe2], [0x41], null]);
run('utf8', [[0xe2, 0x82], [0x41, 0x42], null]);
run('utf8', [[0xf0, 0x9f], [0x98, 0x41], null]);
run('utf8', [[0xc3], [0xc3], [0xa9], null]);
run('utf8', [[0x80], [0x80], null]);
run('utf8', [[0x61, 0x80, 0x80, 0x80], null]);
run('utf8', [[0x80, 0x80, 0x80, 0x80], null]);
run('utf8', [[0xff], [0xfe], null]);
run('utf8', [[0xf8, 0x88], [0x80], null]);
run('utf8', [[0xc3, 0xa9, 0xc3], [0xa9], null]);
run('utf8', [[0xed, 0xa0], [0x80], null]);
run('utf8', [[0xe0], [0x80, 0x80], null]);
run('utf8', [[0xf4, 0x90], [0x80, 0x80], null]);
run('utf8', [[0xc3, 0xa9, 0xa9], null]);
run('utf8', [[0xe2, 0x82, 0xac, 0xac], null]);
run('utf8', [[0xe2], [], [0x82], [], [0xac], null]);
run('utf8', [[0xe2], { end: [0x82, 0xac] }]);
run('utf8', [[0xe2], { end: [0x82] }]);
run('utf8', [[0xe2], null, [0x82, 0xac], null]);
run('utf8', [[0xef, 0xbb, 0xbf, 0x61], null]);
run('utf8', [[0xef], [0xbb, 0xbf], null]);

console.log('--- utf16le');
run('utf16le', [[0x61, 0x00, 0x62, 0x00], null]);
run('utf16le', [[0x61], [0x00], null]);
run('utf16le', [[0x61], null]);
run('utf16le', [[0x3d, 0xd8], [0x4d, 0xdc], null]);
run('utf16le', [[0x3d], [0xd8, 0x4d], [0xdc], null]);
run('utf16le', [[0x3d, 0xd8, 0x4d], [0xdc], null]);
run('utf16le', [[0x3d, 0xd8], null]);
run('utf16le', [[0x3d, 0xd8, 0x4d], null]);
run('utf16le', [[0x3d, 0xd8], [0x61, 0x00], null]);
run('utf16le', [[0x3d, 0xd8], [0x3d, 0xd8], [0x4d, 0xdc], null]);
run('utf16le', [[0x00, 0xdc, 0x61], [0x00], null]);
run('ucs2', [[0x61, 0x00, 0x3d], [0xd8, 0x00, 0xde, 0x62, 0x00], null]);
run('ucs2', [[0x3d], { end: [0xd8] }]);

console.log('--- base64 / base64url');
run('base64', [[0x61], [0x62], [0x63], null]);
run('base64', [[0x61, 0x62], null]);
run('base64', [[0x61], null]);
run('base64', [[0x61, 0x62, 0x63, 0x64], [0x65], null]);
run('base64', [[0xfb, 0xff], [0xbf], null]);
run('base64url', [[0xfb, 0xff], [0xbf], null]);
run('base64url', [[0xfb], null]);
run('base64', [[], null]);
run('base64', [[0x61], { end: [0x62, 0x63, 0x64] }]);

console.log('--- hex / latin1 / ascii');
run('hex', [[0x00, 0xff], [0x12], null]);
run('latin1', [[0xe9, 0x61], [0xff], null]);
run('ascii', [[0xe9, 0x61], [0xff, 0x7f], null]);
run('binary', [[0x80], null]);

console.log('--- text()');
t('text offset', () => {
  const d = new StringDecoder('utf8');
  d.write(Buffer.from([0xe2, 0x82]));
  return `${esc(d.text(Buffer.from('\u20acabc'), 3))} ${state(d)}`;
});
t('text no offset', () => esc(new StringDecoder('hex').text(Buffer.from('ab'))));
t('text partial', () => {
  const d = new StringDecoder('utf8');
  return `${esc(d.text(Buffer.from([0x61, 0xe2, 0x82]), 0))} ${state(d)}`;
});

console.log('--- reuse after end');
{
  const d = new StringDecoder('utf8');
  const r1 = d.write(Buffer.from([0xe2, 0x82]));
  const r2 = d.end();
  const r3 = d.write(Buffer.from([0xac]));
  const r4 = d.end(Buffer.from([0xf0, 0x9f, 0x98, 0x80]));
  console.log(`reuse ${esc(r1)} ${esc(r2)} ${esc(r3)} ${esc(r4)} ${state(d)}`);
}

console.log('--- whole strings split at every position');
const SAMPLES = ['aé€😀b', '\u00ff\u0100\ud7ff\ue000\uffff', '𝄞x𝄞', 'abc'];
for (const enc of ['utf8', 'utf16le', 'base64', 'base64url', 'hex', 'latin1']) {
  for (const sample of SAMPLES) {
    const bytes = [...Buffer.from(sample, enc === 'utf16le' ? 'utf16le' : 'utf8')];
    const results = [];
    for (let cut = 0; cut <= bytes.length; cut++) {
      const d = new StringDecoder(enc);
      const out = d.write(Buffer.from(bytes.slice(0, cut))) + '|' + d.write(Buffer.from(bytes.slice(cut))) + '|' + d.end();
      results.push(esc(out));
    }
    console.log(`split ${enc} ${esc(sample)} => ${results.join(' ')}`);
  }
}

console.log('--- byte at a time');
for (const enc of ['utf8', 'utf16le', 'base64', 'hex']) {
  const bytes = [...Buffer.from('héllo €uro 😀 \u0800', enc === 'utf16le' ? 'utf16le' : 'utf8')];
  const d = new StringDecoder(enc);
  let out = '';
  const needs = [];
  for (const b of bytes) {
    out += d.write(Buffer.from([b]));
    needs.push(d.lastNeed);
  }
  out += d.end();
  console.log(`bytewise ${enc} ${esc(out)} needs=${needs.join('')}`);
}

console.log('--- generated utf8 streams');
for (let i = 0; i < 150; i++) {
  const chunks = [];
  for (let c = 1 + randInt(4); c > 0; c--) {
    const chunk = [];
    for (let n = randInt(5); n > 0; n--) {
      const r = rand();
      chunk.push(r < 0.3 ? randInt(0x80) : r < 0.6 ? 0x80 + randInt(0x40) : r < 0.9 ? 0xc0 + randInt(0x40) : randInt(256));
    }
    chunks.push(chunk);
  }
  chunks.push(null);
  run('utf8', chunks, ` #${i}`);
}

console.log('--- generated utf16le/base64 streams');
for (let i = 0; i < 60; i++) {
  const enc = ['utf16le', 'base64', 'base64url'][i % 3];
  const chunks = [];
  for (let c = 1 + randInt(4); c > 0; c--) {
    const chunk = [];
    for (let n = randInt(5); n > 0; n--) chunk.push(rand() < 0.4 ? 0xd8 + randInt(8) : randInt(256));
    chunks.push(chunk);
  }
  chunks.push(null);
  run(enc, chunks, ` #${i}`);
}

console.log('--- patched Buffer.isEncoding');
{
  const original = Buffer.isEncoding;
  Buffer.isEncoding = (e) => e === 'custom' || original(e);
  t('custom accepted', () => new StringDecoder('custom').encoding);
  t('custom decodes as ascii', () => esc(new StringDecoder('custom').write(Buffer.from([0xe9, 0x61]))));
  t('other still rejected', () => new StringDecoder('other').encoding);
  Buffer.isEncoding = original;
  t('custom after restore', () => new StringDecoder('custom').encoding);
}

console.log('--- large input');
{
  const big = Buffer.from('€'.repeat(5000) + 'x');
  const d = new StringDecoder('utf8');
  let out = '';
  for (let i = 0; i < big.length; i += 1000) out += d.write(big.subarray(i, i + 1000));
  out += d.end();
  console.log(`large utf8 ok=${out === '€'.repeat(5000) + 'x'} length=${out.length}`);
}
console.log('--- inspect');
t('util.inspect', () => require('util').inspect(new StringDecoder('hex')));
console.log('--- end');
