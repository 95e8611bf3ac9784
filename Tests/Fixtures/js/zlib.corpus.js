// zlib and brotli as Node 22 has them: one-shot, callback, promise and stream forms, errors.
const zlib = require('zlib');
const { promisify } = require('util');
const { pipeline, Readable, Writable } = require('stream');

const text = 'The quick brown fox jumps over the lazy dog. '.repeat(200);
const dictionary = Buffer.from('quick brown fox lazy dog');
const hex = (b) => b.toString('hex');
function summary(buffer) {
  if (buffer[0] === 0x1f && buffer[1] === 0x8b) return `gzip ${hex(buffer.subarray(0, 10))} ${zlib.gunzipSync(buffer).length}`;
  if ((buffer[0] & 0x0f) === 8 && ((buffer[0] << 8) | buffer[1]) % 31 === 0) {
    try { return `zlib ${hex(buffer.subarray(0, 2))} ${zlib.inflateSync(buffer, { dictionary }).length}`; } catch { /* raw after all */ }
  }
  try { return `raw ${zlib.inflateRawSync(buffer, { dictionary }).length}`; } catch { /* not raw */ }
  try { return `brotli ${zlib.brotliDecompressSync(buffer).length}`; } catch { /* not brotli */ }
  return `bytes ${buffer.length} ${hex(buffer)}`;
}
// Compressed bytes depend on the zlib build (Node bundles its own), so compressed output shows
// only its container header (zlib: 2 bytes, gzip: 10) and whether it decompresses again.
const show = (label, f) => {
  try {
    const r = f();
    console.log(label, Buffer.isBuffer(r) ? summary(r) : r);
  } catch (e) {
    console.log(label, e.name, e.code, e.errno, e.message);
  }
};

// Byte-exact output of every deflating mode, and round trips.
for (const level of [0, 1, 6, 9]) {
  show(`deflate level ${level}`, () => zlib.deflateSync(text, { level }));
  show(`gzip level ${level}`, () => zlib.gzipSync(text, { level }));
  show(`raw level ${level}`, () => zlib.deflateRawSync(text, { level }));
}
show('deflate strategy', () => zlib.deflateSync(text, { strategy: zlib.constants.Z_HUFFMAN_ONLY }));
show('deflate window 9 memLevel 1', () => zlib.deflateSync(text, { windowBits: 9, memLevel: 1 }));
show('raw window 8', () => zlib.deflateRawSync(text, { windowBits: 8 }));
show('inflate', () => zlib.inflateSync(zlib.deflateSync(text)).toString() === text);
show('gunzip', () => zlib.gunzipSync(zlib.gzipSync(text)).toString() === text);
show('inflateRaw', () => zlib.inflateRawSync(zlib.deflateRawSync(text)).toString() === text);
show('unzip of gzip', () => zlib.unzipSync(zlib.gzipSync('g')).toString());
show('unzip of deflate', () => zlib.unzipSync(zlib.deflateSync('d')).toString());
show('gunzip two members', () => zlib.gunzipSync(Buffer.concat([zlib.gzipSync('one '), zlib.gzipSync('two')])).toString());
show('inflate windowBits 0', () => zlib.inflateSync(zlib.deflateSync('auto'), { windowBits: 0 }).toString());
show('empty', () => zlib.gunzipSync(zlib.gzipSync('')).length);
show('typed array input', () => zlib.inflateSync(new Uint8Array(zlib.deflateSync('ta'))).toString());
show('ArrayBuffer input', () => { const d = zlib.deflateSync('ab'); return zlib.inflateSync(d.buffer.slice(d.byteOffset, d.byteOffset + d.length)).toString(); });
show('DataView input', () => { const d = zlib.deflateSync('dv'); return zlib.inflateSync(new DataView(d.buffer, d.byteOffset, d.length)).toString(); });

// Dictionaries.
show('deflate dictionary', () => zlib.deflateSync(text, { dictionary }));
show('inflate dictionary', () => zlib.inflateSync(zlib.deflateSync(text, { dictionary }), { dictionary }).toString() === text);
show('missing dictionary', () => zlib.inflateSync(zlib.deflateSync(text, { dictionary })));
show('wrong dictionary', () => zlib.inflateSync(zlib.deflateSync(text, { dictionary }), { dictionary: Buffer.from('nope') }));
show('raw dictionary', () => zlib.inflateRawSync(zlib.deflateRawSync(text, { dictionary }), { dictionary }).toString() === text);

// Brotli.
show('brotli', () => zlib.brotliCompressSync(text));
show('brotli quality 4', () => zlib.brotliCompressSync(text, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }));
show('brotli text mode', () => zlib.brotliCompressSync(text, { params: { [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: text.length } }));
show('brotli round trip', () => zlib.brotliDecompressSync(zlib.brotliCompressSync(text)).toString() === text);
show('brotli garbage', () => zlib.brotliDecompressSync(Buffer.alloc(100, 0xff)));
show('brotli truncated', () => zlib.brotliDecompressSync(zlib.brotliCompressSync(text).subarray(0, 20)));
show('brotli bad param', () => zlib.brotliCompressSync('x', { params: { 999: 1 } }));

// Errors and limits.
show('bad header', () => zlib.inflateSync(Buffer.from('hello')));
show('truncated gzip', () => zlib.gunzipSync(zlib.gzipSync(text).subarray(0, 30)));
show('corrupt raw', () => zlib.inflateRawSync(Buffer.from([0xff, 0xff, 0xff])));
show('bad input type', () => zlib.deflateSync(123));
show('bad level', () => zlib.deflateSync('x', { level: 42 }));
show('bad level type', () => zlib.deflateSync('x', { level: 'a' }));
show('bad windowBits', () => zlib.deflateSync('x', { windowBits: 7 }));
show('bad strategy', () => zlib.deflateSync('x', { strategy: 9 }));
show('bad dictionary', () => zlib.deflateSync('x', { dictionary: 'str' }));
show('maxOutputLength', () => zlib.inflateSync(zlib.deflateSync(text), { maxOutputLength: 10 }));
show('finishFlush sync flush', () => zlib.inflateSync(zlib.deflateSync(text).subarray(0, 40), { finishFlush: zlib.constants.Z_SYNC_FLUSH }).length > 0);
show('info', () => { const r = zlib.deflateSync('i', { info: true }); return `${summary(r.buffer)} ${r.engine.constructor.name}`; });

// crc32, constants, codes.
show('crc32', () => [zlib.crc32('hello'), zlib.crc32('world', 123), zlib.crc32(Buffer.from(text)), zlib.crc32(new Uint16Array([1, 2]))].join(' '));
show('crc32 bad', () => zlib.crc32(5));
show('constants', () => [zlib.constants.Z_BEST_COMPRESSION, zlib.constants.BROTLI_OPERATION_FINISH, zlib.Z_SYNC_FLUSH, zlib.codes.Z_BUF_ERROR, zlib.codes['-5']].join(' '));
show('classes', () => [new zlib.Gzip() instanceof zlib.Gzip, zlib.Deflate() instanceof zlib.Deflate, zlib.createGunzip().constructor.name, typeof zlib.createBrotliCompress().params].join(' '));

(async () => {
  // Callback and promise forms.
  await new Promise((resolve) => zlib.deflate(text, (err, out) => { console.log('deflate cb', err, summary(out)); resolve(); }));
  await new Promise((resolve) => zlib.gunzip(Buffer.from('junk'), (err) => { console.log('gunzip cb error', err.code, err.message); resolve(); }));
  const gzipped = await promisify(zlib.gzip)(text, { level: 9 });
  console.log('promisified', summary(gzipped), (await promisify(zlib.unzip)(gzipped)).toString() === text);
  console.log('brotli cb', (await promisify(zlib.brotliDecompress)(await promisify(zlib.brotliCompress)('br'))).toString());

  // Streams: chunked writes, flush, output in order, pipeline.
  const chunks = [];
  const deflate = zlib.createDeflate();
  deflate.on('data', (d) => chunks.push(d));
  deflate.write(text.slice(0, 1000));
  await new Promise((resolve) => deflate.flush(resolve));
  console.log('after flush', zlib.inflateSync(Buffer.concat(chunks), { finishFlush: zlib.constants.Z_SYNC_FLUSH }).length, deflate.bytesWritten);
  deflate.end(text.slice(1000));
  await new Promise((resolve) => deflate.on('end', resolve));
  const whole = Buffer.concat(chunks);
  console.log('stream deflate', zlib.inflateSync(whole).toString() === text);

  const big = Buffer.alloc(3 << 20, 'abcdefgh');
  let received = 0;
  await new Promise((resolve, reject) => pipeline(
    Readable.from([big.subarray(0, 1 << 20), big.subarray(1 << 20, 2 << 20), big.subarray(2 << 20)]),
    zlib.createGzip(),
    zlib.createGunzip(),
    new Writable({ write(chunk, enc, cb) { received += chunk.length; cb(); } }),
    (err) => (err ? reject(err) : resolve()),
  ));
  console.log('pipeline gzip→gunzip', received);

  const gunzip = zlib.createGunzip();
  gunzip.on('error', (e) => console.log('stream error', e.code, e.errno, e.message));
  gunzip.on('close', () => console.log('stream closed'));
  gunzip.end(Buffer.from('nope'));
  await new Promise((resolve) => setTimeout(resolve, 10));

  const truncated = zlib.createInflate();
  truncated.on('error', (e) => console.log('truncated stream', e.code, e.message));
  truncated.on('data', () => {});
  truncated.end(zlib.deflateSync(text).subarray(0, 50));
  await new Promise((resolve) => setTimeout(resolve, 10));

  const params = zlib.createDeflate({ level: 1 });
  const out = [];
  params.on('data', (d) => out.push(d));
  params.write(text);
  params.params(9, zlib.constants.Z_DEFAULT_STRATEGY, () => {
    params.end(text);
  });
  await new Promise((resolve) => params.on('end', resolve));
  console.log('params', zlib.inflateSync(Buffer.concat(out)).toString() === text + text);

  const br = zlib.createBrotliCompress();
  const brOut = [];
  br.on('data', (d) => brOut.push(d));
  br.end(text);
  await new Promise((resolve) => br.on('end', resolve));
  console.log('brotli stream', zlib.brotliDecompressSync(Buffer.concat(brOut)).toString() === text);

  const closing = zlib.createGzip();
  closing.close(() => console.log('close callback', closing.destroyed));

  // Read-only tables; options that are not an object are no options; the synchronous step.
  zlib.codes = { Z_OK: 1 };
  zlib.constants = {};
  console.log('read-only', zlib.codes.Z_OK, zlib.codes['0'], typeof zlib.constants.Z_FINISH);
  const numeric = zlib.createGunzip(15);
  console.log('numeric options', numeric instanceof zlib.Gunzip);
  numeric.close();
  const zipped = new zlib.Gzip()._processChunk(Buffer.from(text), zlib.constants.Z_FINISH);
  console.log('processChunk', new zlib.Gunzip()._processChunk(zipped, zlib.constants.Z_FINISH).toString() === text);
})();
