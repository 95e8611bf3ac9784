'use strict';
// Corpus for the deprecated `punycode` module (punycode.js 2.1.0 API): ucs2, encode/decode,
// toASCII/toUnicode, error cases. Prints strings only.

const punycode = require('punycode');

const q = JSON.stringify;
const log = (...parts) => console.log(parts.join(' '));

function attempt(label, fn) {
  try {
    log(label, '->', q(fn()));
  } catch (e) {
    log(label, 'threw', `${e.name} | ${e.code} | ${e.message}`);
  }
}

log('== module shape');
log(q(Object.keys(punycode)), q(Object.keys(punycode.ucs2)), punycode.version);
for (const k of ['decode', 'encode', 'toASCII', 'toUnicode']) log(k, typeof punycode[k], punycode[k].length);
log(typeof punycode.ucs2.decode, typeof punycode.ucs2.encode, punycode === require('node:punycode'));

// RFC 3492 section 7.1 samples and more.
const samples = [
  ['\u0644\u064A\u0647\u0645\u0627\u0628\u062A\u0643\u0644\u0645\u0648\u0634\u0639\u0631\u0628\u064A\u061F', 'egbpdaj6bu4bxfgehfvwxn'],
  ['\u4ED6\u4EEC\u4E3A\u4EC0\u4E48\u4E0D\u8BF4\u4E2D\u6587', 'ihqwcrb4cv8a8dqg056pqjye'],
  ['\u0050\u0072\u006F\u010D\u0070\u0072\u006F\u0073\u0074\u011B\u006E\u0065\u006D\u006C\u0075\u0076\u00ED\u010D\u0065\u0073\u006B\u0079', 'Proprostnemluvesky-uyb24dma41a'],
  ['\u05DC\u05DE\u05D4\u05D4\u05DD\u05E4\u05E9\u05D5\u05D8\u05DC\u05D0\u05DE\u05D3\u05D1\u05E8\u05D9\u05DD\u05E2\u05D1\u05E8\u05D9\u05EA', '4dbcagdahymbxekheh6e0a7fei0b'],
  ['\u3042\u308B\u3068\u3053\u3046', '8ciaaa5b'],
  ['3\u5E74B\u7D44\u91D1\u516B\u5148\u751F', '3B-ww4c5e180e575a65lsy2b'],
  ['Hello-Another-Way-\u305D\u308C\u305E\u308C\u306E\u5834\u6240', 'Hello-Another-Way--fc4qua05auwb3674vfr0b'],
  ['-> $1.00 <-', '-> $1.00 <--'],
  ['', ''], ['a', 'a-'], ['abc', 'abc-'], ['-', '--'], ['ü', 'tda'], ['bücher', 'bcher-kva'], ['😀', 'e28h'],
  ['\u0000', '\u0000-'], ['ßa', 'a-qfa'], ['\u007f', '\u007f-'], ['\u0080', 'a'], ['\uffff', '7z9i'],
  ['\ud800', 'vg8c'], ['\udc00', 'zr8c'], ['\ud800\udc00', 'ss2a'], ['\ud83d\ude00\ud83d\ude01', 'e28hja'],
];
log('== encode/decode');
for (const [plain, encoded] of samples) {
  attempt(`encode(${q(plain)})`, () => punycode.encode(plain));
  attempt(`decode(${q(encoded)})`, () => punycode.decode(encoded));
}
const badDecodes = [
  '!', '!!', '@', 'a-!', 'ZZZ', 'zz', '99999999999', 'zzzzzzzzzzzzzzz', 'a-', '-', '--', '---a', 'ü', 'ü-a', 'aĀ-b',
  'a-b-c', 'A-B', 'xn--', 'XN--', '0', '9', 'a', 'ab', 'ba', 'zz99', '_', 'a b', 'a.b', 'tda-', 'egbpdaj6bu4bxfgehfvwxn!',
];
for (const s of badDecodes) attempt(`decode(${q(s)})`, () => punycode.decode(s));
attempt('decode(huge)', () => punycode.decode('9'.repeat(40)));

log('== ucs2');
for (const s of ['', 'abc', '\ud83d\ude00', '\ud800', '\udc00', '\ud800a', 'a\udc00\ud800', '\ud800\ud800\udc00', '\uffff\u0000']) {
  attempt(`ucs2.decode(${q(s)})`, () => punycode.ucs2.decode(s));
}
for (const cps of [[], [97, 98], [0x1f600], [0xd800], [0xd800, 0xdc00], [0x10ffff], [65, '66'], [0x110000], [-1], [1.5]]) {
  attempt(`ucs2.encode(${q(cps)})`, () => punycode.ucs2.encode(cps));
}

log('== toASCII/toUnicode');
const domains = [
  '', 'example.com', 'EXAMPLE.com', 'bücher.de', 'Bücher.DE', 'mañana.com', '☃.net', '💩.la', 'xn--ls8h.la',
  'user@bücher.de', 'a@b@bücher.de', '@ü', 'ü@', 'ü。ü．ü｡ü', 'a..ü', '.ü.', 'ü\u007f', '\u007f', 'a\u0080',
  'ab--c.ü', 'ﬀ.com', 'İ.com', '日本語.jp', 'ü'.repeat(70) + '.com', '\ud800.com', 'a b.ü',
];
for (const d of domains) attempt(`toASCII(${q(d)})`, () => punycode.toASCII(d));
const asciiDomains = [
  '', 'xn--bcher-kva.de', 'XN--BCHER-KVA.de', 'xn--BCHER-KVA.de', 'xn--ls8h.la', 'user@xn--bcher-kva.de', 'xn--.com',
  'xn--a', 'xn--!', 'xn--zz', 'xn--', 'a.xn--tda.b', 'xn--tda。xn--tda', 'example.com', 'xn--99999999999', 'ü.xn--tda',
];
for (const d of asciiDomains) attempt(`toUnicode(${q(d)})`, () => punycode.toUnicode(d));
for (const [plain] of samples) {
  attempt(`roundtrip(${q(plain)})`, () => punycode.toUnicode(punycode.toASCII(plain)));
}
