'use strict';
// Corpus for Buffer's UTF-8 encoder: byte lengths, writes into short buffers (never a partial
// character), lone surrogates (EF BF BD), offsets, and TextEncoder for comparison.
const out = [];
const samples = ['', 'abc', 'é', '€uro', '😀x', '\ud800', 'a\udc00b', '\ud83d', 'x'.repeat(100) + '😀', 'ab\u0000cd', '中文字符'];
for (const s of samples) {
  out.push(Buffer.byteLength(s), Buffer.from(s).toString('hex'));
  for (const size of [0, 1, 2, 3, 4, 5]) { const b = Buffer.alloc(size, 0xaa); out.push(b.write(s) + ':' + b.toString('hex')); }
  const c = Buffer.alloc(8, 0); out.push(c.write(s, 2, 3) + ':' + c.toString('hex'));
  out.push(new TextEncoder().encode(s).join(','));
}
console.log(out.join('|'));
