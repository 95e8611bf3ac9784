// Ciphers as Node 22 has them: AES (CBC, CTR, ECB, GCM) and ChaCha20-Poly1305 through
// createCipheriv/createDecipheriv — known answers, chunked updates, streams, and errors.
const crypto = require('crypto');
const show = (label, f) => { try { const r = f(); console.log(label, Buffer.isBuffer(r) ? r.toString('hex') : r) } catch (e) { console.log(label, e.name, e.code, e.message) } };
const key = (n, seed = 1) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7 + seed) & 0xff));
const data = Buffer.from(Array.from({ length: 100 }, (_, i) => (i * 13 + 5) & 0xff));
const chunked = (c, input, sizes) => {
  const out = []; let at = 0, i = 0;
  while (at < input.length) { const n = sizes[i++ % sizes.length]; out.push(c.update(input.subarray(at, at + n))); at += n; }
  out.push(c.final());
  return Buffer.concat(out);
};
for (const bits of [128, 192, 256]) {
  for (const mode of ['cbc', 'ctr', 'ecb']) {
    const name = `aes-${bits}-${mode}`;
    const iv = mode === 'ecb' ? null : key(16, 9);
    for (const len of [0, 1, 15, 16, 17, 32, 100]) {
      show(`${name} ${len}`, () => {
        const ct = chunked(crypto.createCipheriv(name, key(bits / 8), iv), data.subarray(0, len), [len || 1]);
        const ct2 = chunked(crypto.createCipheriv(name, key(bits / 8), iv), data.subarray(0, len), [1, 3, 16, 7]);
        const pt = chunked(crypto.createDecipheriv(name, key(bits / 8), iv), ct, [5, 16, 2]);
        return ct.toString('hex') + ' ' + ct.equals(ct2) + ' ' + pt.equals(data.subarray(0, len));
      });
    }
  }
  const gcm = `aes-${bits}-gcm`;
  for (const ivLen of [12, 1, 16, 60]) {
    for (const len of [0, 1, 16, 33, 100]) {
      show(`${gcm} iv${ivLen} ${len}`, () => {
        const c = crypto.createCipheriv(gcm, key(bits / 8), key(ivLen, 3));
        c.setAAD(Buffer.from('header'));
        const ct = chunked(c, data.subarray(0, len), [7, 16, 1]);
        const tag = c.getAuthTag();
        const d = crypto.createDecipheriv(gcm, key(bits / 8), key(ivLen, 3));
        d.setAAD(Buffer.from('header'));
        d.setAuthTag(tag);
        const pt = chunked(d, ct, [len || 1]);
        return ct.toString('hex') + ' ' + tag.toString('hex') + ' ' + pt.equals(data.subarray(0, len));
      });
    }
  }
}
for (const len of [0, 1, 63, 64, 65, 100]) {
  show(`chacha20-poly1305 ${len}`, () => {
    const c = crypto.createCipheriv('chacha20-poly1305', key(32), key(12, 4), { authTagLength: 16 });
    c.setAAD(Buffer.from('aad'), { plaintextLength: len });
    const ct = chunked(c, data.subarray(0, len), [10, 54, 1]);
    const tag = c.getAuthTag();
    const d = crypto.createDecipheriv('chacha20-poly1305', key(32), key(12, 4), { authTagLength: 16 });
    d.setAAD(Buffer.from('aad'), { plaintextLength: len });
    d.setAuthTag(tag);
    return ct.toString('hex') + ' ' + tag.toString('hex') + ' ' + chunked(d, ct, [len || 1]).equals(data.subarray(0, len));
  });
}
// NIST SP 800-38D test case 4 (AES-128-GCM with AAD).
show('gcm nist', () => {
  const k = Buffer.from('feffe9928665731c6d6a8f9467308308', 'hex');
  const iv = Buffer.from('cafebabefacedbaddecaf888', 'hex');
  const p = Buffer.from('d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39', 'hex');
  const c = crypto.createCipheriv('aes-128-gcm', k, iv);
  c.setAAD(Buffer.from('feedfacedeadbeeffeedfacedeadbeefabaddad2', 'hex'));
  return Buffer.concat([c.update(p), c.final()]).toString('hex') + ' ' + c.getAuthTag().toString('hex');
});
show('ctr counter wrap', () => {
  const c = crypto.createCipheriv('aes-128-ctr', key(16), Buffer.from('00000000000000ffffffffffffffffff', 'hex'));
  return Buffer.concat([c.update(data.subarray(0, 5)), c.update(data.subarray(5, 40)), c.final()]);
});
show('gcm truncated tag', () => {
  const c = crypto.createCipheriv('aes-128-gcm', key(16), key(12), { authTagLength: 8 });
  const ct = Buffer.concat([c.update('short tag'), c.final()]);
  const tag = c.getAuthTag();
  const d = crypto.createDecipheriv('aes-128-gcm', key(16), key(12), { authTagLength: 8 });
  d.setAuthTag(tag);
  return tag.length + ' ' + d.update(ct, undefined, 'utf8') + d.final('utf8');
});
show('gcm tampered', () => {
  const c = crypto.createCipheriv('aes-256-gcm', key(32), key(12));
  const ct = Buffer.concat([c.update('secret'), c.final()]);
  ct[0] ^= 1;
  const d = crypto.createDecipheriv('aes-256-gcm', key(32), key(12));
  d.setAuthTag(c.getAuthTag());
  d.update(ct);
  return d.final();
});
show('chacha tampered aad', () => {
  const c = crypto.createCipheriv('chacha20-poly1305', key(32), key(12));
  c.setAAD(Buffer.from('a'));
  const ct = Buffer.concat([c.update('secret'), c.final()]);
  const d = crypto.createDecipheriv('chacha20-poly1305', key(32), key(12));
  d.setAAD(Buffer.from('b'));
  d.setAuthTag(c.getAuthTag());
  d.update(ct);
  return d.final();
});
show('encodings', () => {
  const c = crypto.createCipheriv('aes-128-cbc', key(16), key(16));
  const ct = c.update('héllo wörld, some text', 'utf8', 'base64') + c.final('base64');
  const d = crypto.createDecipheriv('aes-128-cbc', key(16), key(16));
  return ct + ' ' + d.update(ct, 'base64', 'utf8') + d.final('utf8');
});
show('hex output', () => { const c = crypto.createCipheriv('aes-128-ctr', key(16), key(16)); return c.update('abc', 'utf8', 'hex') + c.final('hex'); });
show('string key and iv', () => crypto.createCipheriv('aes-128-cbc', '0123456789abcdef', 'fedcba9876543210').final());
show('no padding', () => { const c = crypto.createCipheriv('aes-128-cbc', key(16), key(16)); c.setAutoPadding(false); return Buffer.concat([c.update(data.subarray(0, 32)), c.final()]); });
show('no padding decrypt', () => { const d = crypto.createDecipheriv('aes-128-ecb', key(16), null); d.setAutoPadding(false); return Buffer.concat([d.update(data.subarray(0, 32)), d.final()]); });
show('no padding partial', () => { const c = crypto.createCipheriv('aes-128-cbc', key(16), key(16)); c.setAutoPadding(false); c.update(data.subarray(0, 15)); return c.final(); });
show('bad padding', () => { const d = crypto.createDecipheriv('aes-128-cbc', key(16), key(16)); d.update(data.subarray(0, 32)); return d.final(); });
show('partial block', () => { const d = crypto.createDecipheriv('aes-128-cbc', key(16), key(16)); d.update(data.subarray(0, 17)); return d.final(); });
show('empty decrypt', () => crypto.createDecipheriv('aes-128-cbc', key(16), key(16)).final());
show('unknown', () => crypto.createCipheriv('aes-128-xyz', key(16), key(16)));
show('upper case', () => crypto.createCipheriv('AES-128-CBC', key(16), key(16)).final());
show('alias', () => crypto.createCipheriv('aes256', key(32), key(16)).final());
show('cipher type', () => crypto.createCipheriv(1, key(16), key(16)));
show('key length', () => crypto.createCipheriv('aes-128-cbc', key(5), key(16)));
show('iv length', () => crypto.createCipheriv('aes-128-cbc', key(16), key(5)));
show('null iv', () => crypto.createCipheriv('aes-128-cbc', key(16), null));
show('ecb iv', () => crypto.createCipheriv('aes-128-ecb', key(16), key(16)));
show('key type', () => crypto.createCipheriv('aes-128-cbc', 5, key(16)));
show('iv type', () => crypto.createCipheriv('aes-128-cbc', key(16), 5));
show('gcm empty iv', () => crypto.createCipheriv('aes-128-gcm', key(16), Buffer.alloc(0)));
show('gcm tag length', () => crypto.createCipheriv('aes-128-gcm', key(16), key(12), { authTagLength: 5 }));
show('chacha key', () => crypto.createCipheriv('chacha20-poly1305', key(16), key(12)));
show('chacha iv', () => crypto.createCipheriv('chacha20-poly1305', key(32), key(8)));
show('getAuthTag early', () => crypto.createCipheriv('aes-128-gcm', key(16), key(12)).getAuthTag());
show('final twice', () => { const c = crypto.createCipheriv('aes-128-cbc', key(16), key(16)); c.final(); return c.final(); });
show('update after final', () => { const c = crypto.createCipheriv('aes-128-cbc', key(16), key(16)); c.final(); return c.update('a'); });
show('update number', () => crypto.createCipheriv('aes-128-ecb', key(16), null).update(5));
show('gcm no tag', () => { const d = crypto.createDecipheriv('aes-128-gcm', key(16), key(12)); d.update(Buffer.alloc(5)); return d.final(); });
show('setAuthTag length', () => crypto.createDecipheriv('aes-128-gcm', key(16), key(12)).setAuthTag(Buffer.alloc(3)));
show('setAuthTag on cipher', () => typeof crypto.createCipheriv('aes-128-gcm', key(16), key(12)).setAuthTag);
show('getAuthTag on decipher', () => typeof crypto.createDecipheriv('aes-128-gcm', key(16), key(12)).getAuthTag);
show('setAAD on cbc', () => crypto.createCipheriv('aes-128-cbc', key(16), key(16)).setAAD(Buffer.alloc(3)));
show('setAAD after update', () => { const c = crypto.createCipheriv('aes-128-gcm', key(16), key(12)); c.update('a'); c.setAAD(Buffer.from('x')); });
show('setAutoPadding chain', () => { const c = crypto.createCipheriv('aes-128-gcm', key(16), key(12)); return c.setAutoPadding(false) === c; });
show('class names', () => [crypto.createCipheriv('aes-128-ecb', key(16), null).constructor.name, crypto.createDecipheriv('aes-128-ecb', key(16), null).constructor.name].join());
show('is transform', () => crypto.createCipheriv('aes-128-ecb', key(16), null) instanceof require('stream').Transform);
show('getCiphers', () => ['aes-128-gcm', 'aes-256-cbc', 'aes-192-ctr', 'aes-128-ecb', 'chacha20-poly1305', 'aes256'].every((n) => crypto.getCiphers().includes(n)));
show('getCipherInfo', () => JSON.stringify([crypto.getCipherInfo('aes-128-gcm'), crypto.getCipherInfo('AES256'), crypto.getCipherInfo('chacha20-poly1305'), crypto.getCipherInfo('aes-128-ecb'), crypto.getCipherInfo('nope'), crypto.getCipherInfo('aes-128-cbc', { keyLength: 32 })]));
(async () => {
  const { pipeline } = require('stream/promises');
  const { Readable, Writable } = require('stream');
  const chunks = [];
  await pipeline(Readable.from([data.subarray(0, 40), data.subarray(40)]), crypto.createCipheriv('aes-192-cbc', key(24), key(16)),
    new Writable({ write(chunk, enc, cb) { chunks.push(chunk); cb(); } }));
  const ct = Buffer.concat(chunks);
  console.log('stream', ct.toString('hex'));
  const back = [];
  const d = crypto.createDecipheriv('aes-192-cbc', key(24), key(16));
  d.on('data', (c) => back.push(c));
  d.on('end', () => console.log('stream back', Buffer.concat(back).equals(data)));
  d.write(ct.subarray(0, 50));
  d.end(ct.subarray(50));
  const bad = crypto.createDecipheriv('aes-128-cbc', key(16), key(16));
  bad.on('error', (e) => console.log('stream error', e instanceof Error));
  bad.on('data', () => {});
  bad.end(Buffer.alloc(16));
})();
show('without new', () => { const c = crypto.Cipheriv('aes-128-ecb', key(16), null); return [c.constructor.name, c instanceof crypto.Cipheriv, c instanceof require('stream').Transform, crypto.Decipheriv('aes-128-ecb', key(16), null).update(c.final()).length].join(); });
show('with new', () => new crypto.Cipheriv('aes-128-ecb', key(16), null).constructor === crypto.Cipheriv);
show('getCipherInfo options', () => crypto.getCipherInfo('aes-128-cbc', null));
show('getCipherInfo keyLength type', () => crypto.getCipherInfo('aes-128-cbc', { keyLength: 'a' }));
show('getCipherInfo gcm ivLength', () => JSON.stringify([crypto.getCipherInfo('aes-128-gcm', { ivLength: 1 }), crypto.getCipherInfo('aes-128-cbc', { ivLength: 12 }), crypto.getCipherInfo(901)]));
