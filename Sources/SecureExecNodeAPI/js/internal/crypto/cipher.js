'use strict';
// Cipheriv / Decipheriv: AES (ECB, CBC, CTR, GCM) and ChaCha20-Poly1305. The guest keeps all state
// (partial blocks, the CBC chaining block, the stream offset, the ciphertext an AEAD tag covers);
// the host performs stateless block operations with the key passed on every call.

const { Buffer } = require('buffer');
const Transform = require('internal/streams/transform');

function errors() { return require('internal/errors'); }

function codedError(Ctor, code, message) {
  const err = new Ctor(message);
  if (code !== undefined) err.code = code;
  return err;
}

// AEAD messages are buffered in the guest until final(): bounded.
const kMaxAeadBytes = 64 << 20;

const ciphers = new Map();
const nids = { 128: { cbc: 419, ctr: 904, ecb: 418, gcm: 895 }, 192: { cbc: 423, ctr: 905, ecb: 422, gcm: 898 }, 256: { cbc: 427, ctr: 906, ecb: 426, gcm: 901 } };
for (const bits of [128, 192, 256]) {
  for (const mode of ['cbc', 'ctr', 'ecb', 'gcm']) {
    ciphers.set(`aes-${bits}-${mode}`, {
      mode: `aes-${mode}`, name: mode === 'gcm' ? `id-aes${bits}-gcm` : `aes-${bits}-${mode}`, nid: nids[bits][mode],
      keyLength: bits / 8, ivLength: mode === 'ecb' ? 0 : mode === 'gcm' ? 12 : 16, blockSize: mode === 'cbc' || mode === 'ecb' ? 16 : 1,
    });
  }
  ciphers.set(`aes${bits}`, ciphers.get(`aes-${bits}-cbc`));
  ciphers.set(`id-aes${bits}-gcm`, ciphers.get(`aes-${bits}-gcm`));
}
ciphers.set('chacha20-poly1305', { mode: 'chacha20-poly1305', name: 'chacha20-poly1305', nid: 1018, keyLength: 32, ivLength: 12, blockSize: 1 });

function getCiphers() { return [...ciphers.keys()].sort(); }

function lookup(name) {
  if (typeof name !== 'string') throw new (errors().codes.ERR_INVALID_ARG_TYPE)('cipher', 'string', name);
  const info = ciphers.get(name.toLowerCase());
  if (!info) throw codedError(Error, 'ERR_CRYPTO_UNKNOWN_CIPHER', 'Unknown cipher');
  return info;
}

function getCipherInfo(nameOrNid, options) {
  if (typeof nameOrNid !== 'string' && typeof nameOrNid !== 'number') {
    throw new (errors().codes.ERR_INVALID_ARG_TYPE)('nameOrNid', ['string', 'number'], nameOrNid);
  }
  if (options !== undefined) {
    const { validateObject, validateInt32 } = require('internal/validators');
    validateObject(options, 'options');
    if (options.keyLength !== undefined) validateInt32(options.keyLength, 'options.keyLength');
    if (options.ivLength !== undefined) validateInt32(options.ivLength, 'options.ivLength');
  }
  const info = typeof nameOrNid === 'string' ? ciphers.get(nameOrNid.toLowerCase()) : [...ciphers.values()].find((c) => c.nid === nameOrNid);
  if (!info) return undefined;
  if (options?.keyLength !== undefined && options.keyLength !== info.keyLength) return undefined;
  let ivLength = info.ivLength;
  if (options?.ivLength !== undefined && options.ivLength !== info.ivLength) {
    if (info.mode !== 'aes-gcm' || !(options.ivLength > 0)) return undefined;
    ivLength = options.ivLength;
  }
  const mode = info.mode === 'chacha20-poly1305' ? 'stream' : info.mode.slice(4);
  const result = { mode, name: info.name, nid: info.nid };
  if (mode !== 'stream') result.blockSize = info.blockSize;
  if (ivLength) result.ivLength = ivLength;
  result.keyLength = info.keyLength;
  return result;
}

function secretKeyBytes(key) {
  if (typeof key === 'string') return Buffer.from(key, 'utf8');
  if (ArrayBuffer.isView(key)) return Buffer.from(key.buffer, key.byteOffset, key.byteLength);
  if (key instanceof ArrayBuffer) return Buffer.from(key);
  const keys = require('internal/crypto/keys');
  const material = keys.secretMaterial(key);
  if (material !== undefined) return material;
  throw new (errors().codes.ERR_INVALID_ARG_TYPE)('key', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView', 'KeyObject', 'CryptoKey'], key);
}

function ivBytes(iv) {
  if (iv === null) return null;
  if (typeof iv === 'string') return Buffer.from(iv, 'utf8');
  if (ArrayBuffer.isView(iv)) return Buffer.from(iv.buffer, iv.byteOffset, iv.byteLength);
  if (iv instanceof ArrayBuffer) return Buffer.from(iv);
  throw new (errors().codes.ERR_INVALID_ARG_TYPE)('iv', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], iv);
}

function dataBytes(data, encoding) {
  if (typeof data === 'string') return Buffer.from(data, encoding && encoding !== 'buffer' ? encoding : 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  throw new (errors().codes.ERR_INVALID_ARG_TYPE)('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
}

function invalidState(operation) {
  return new (errors().codes.ERR_CRYPTO_INVALID_STATE)(operation);
}

function invalidTagLength(length) {
  return codedError(TypeError, 'ERR_CRYPTO_INVALID_AUTH_TAG', `Invalid authentication tag length: ${length}`);
}

function validTagLength(mode, length) {
  if (mode === 'aes-gcm') return length === 4 || length === 8 || (length >= 12 && length <= 16);
  return length >= 1 && length <= 16;
}

function hostCall(op, args, key, iv, aad, data) {
  const payload = Buffer.concat([key, iv ?? Buffer.alloc(0), aad ?? Buffer.alloc(0), data]);
  const bytes = internal.call(op, args, payload);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

class CipherBase extends Transform {
  constructor(decrypt, cipher, key, iv, options) {
    const info = lookup(cipher);
    const keyBytes = secretKeyBytes(key);
    const ivb = ivBytes(iv);
    super(options);
    if (keyBytes.length !== info.keyLength) throw codedError(RangeError, 'ERR_CRYPTO_INVALID_KEYLEN', 'Invalid key length');
    const aead = info.mode === 'aes-gcm' || info.mode === 'chacha20-poly1305';
    if (info.mode === 'aes-ecb') {
      if (ivb !== null && ivb.length !== 0) throw codedError(TypeError, 'ERR_CRYPTO_INVALID_IV', 'Invalid initialization vector');
    } else if (ivb === null || (info.mode === 'aes-gcm' ? ivb.length === 0 : ivb.length !== info.ivLength)) {
      throw codedError(TypeError, 'ERR_CRYPTO_INVALID_IV', 'Invalid initialization vector');
    }
    let tagLength = 16;
    if (aead && options?.authTagLength !== undefined) {
      require('internal/validators').validateInt32(options.authTagLength, 'options.authTagLength');
      if (!validTagLength(info.mode, options.authTagLength)) throw invalidTagLength(options.authTagLength);
      tagLength = options.authTagLength;
    }
    this._state = {
      decrypt, info, key: Buffer.from(keyBytes), iv: ivb ? Buffer.from(ivb) : null, aead,
      pending: Buffer.alloc(0), // partial block (ECB/CBC); held-back last block when decrypting with padding
      chain: ivb ? Buffer.from(ivb) : null, // CBC: the block the next one is chained to
      offset: 0, // stream modes: bytes processed
      padding: true, aad: Buffer.alloc(0), aadSet: false, ciphertext: [], ciphertextLength: 0,
      tagLength, tagLengthFixed: options?.authTagLength !== undefined, tag: undefined, finalized: false, decoder: undefined,
    };
  }

  _transform(chunk, encoding, callback) {
    let out;
    try { out = this.update(chunk, encoding); } catch (err) { callback(err); return; }
    this.push(out);
    callback();
  }

  _flush(callback) {
    let out;
    try { out = this.final(); } catch (err) { callback(err); return; }
    this.push(out);
    callback();
  }

  _encode(bytes, outputEncoding, end) {
    if (outputEncoding === undefined || outputEncoding === null || outputEncoding === 'buffer') return bytes;
    const s = this._state;
    if (s.decoder === undefined) {
      const { StringDecoder } = require('string_decoder');
      s.decoder = new StringDecoder(outputEncoding);
      s.decoderEncoding = outputEncoding;
    }
    return end ? s.decoder.end(bytes) : s.decoder.write(bytes);
  }

  _blocks(data, final) {
    const s = this._state;
    const { mode } = s.info;
    const args = { mode, keyLength: s.key.length, ivLength: 0, offset: 0, decrypt: s.decrypt };
    if (mode === 'aes-ecb' || mode === 'aes-cbc') {
      let all = s.pending.length ? Buffer.concat([s.pending, data]) : data;
      let usable = all.length - (all.length % 16);
      // Decrypting with padding: the last full block may hold the padding; keep it for final().
      if (!final && s.decrypt && s.padding && usable === all.length && usable > 0) usable -= 16;
      s.pending = Buffer.from(all.subarray(usable));
      if (usable === 0) return Buffer.alloc(0);
      const input = all.subarray(0, usable);
      if (mode === 'aes-ecb') return hostCall('crypto.cipher', args, s.key, null, null, input);
      args.ivLength = 16;
      const out = hostCall('crypto.cipher', args, s.key, s.chain, null, input);
      s.chain = Buffer.from((s.decrypt ? input : out).subarray(usable - 16));
      return out;
    }
    args.ivLength = s.iv.length;
    args.offset = s.offset;
    if (s.aead) {
      if (s.ciphertextLength + data.length > kMaxAeadBytes) {
        throw codedError(RangeError, 'ERR_OUT_OF_RANGE', `AEAD messages are limited to ${kMaxAeadBytes} bytes in sandbox`);
      }
    }
    const out = data.length === 0 ? Buffer.alloc(0) : hostCall('crypto.cipher', args, s.key, s.iv, null, data);
    s.offset += data.length;
    if (s.aead) {
      s.ciphertext.push(Buffer.from(s.decrypt ? data : out));
      s.ciphertextLength += data.length;
    }
    return out;
  }

  update(data, inputEncoding, outputEncoding) {
    const s = this._state;
    const bytes = dataBytes(data, inputEncoding);
    if (s.finalized) throw codedError(Error, undefined, 'Trying to add data in unsupported state');
    s.started = true;
    return this._encode(this._blocks(bytes, false), outputEncoding, false);
  }

  final(outputEncoding) {
    const s = this._state;
    if (s.finalized) throw codedError(Error, 'ERR_CRYPTO_INVALID_STATE', 'Invalid state');
    s.finalized = true;
    const { mode } = s.info;
    let out = Buffer.alloc(0);
    if (mode === 'aes-ecb' || mode === 'aes-cbc') {
      if (!s.decrypt) {
        if (s.padding) {
          const n = 16 - s.pending.length;
          out = this._blocks(Buffer.alloc(n, n), true);
        } else if (s.pending.length !== 0) {
          throw codedError(Error, 'ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH', 'error:1C80006B:Provider routines::wrong final block length');
        }
      } else {
        if (s.pending.length % 16 !== 0 || (s.padding && s.pending.length === 0)) {
          throw codedError(Error, 'ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH', 'error:1C80006B:Provider routines::wrong final block length');
        }
        const last = s.pending.length ? this._blocks(Buffer.alloc(0), true) : Buffer.alloc(0);
        if (s.padding) {
          const n = last[15];
          let bad = n < 1 || n > 16 ? 1 : 0;
          for (let i = 0; i < 16; i++) if (i >= 16 - n && last[i] !== n) bad = 1;
          if (bad) throw codedError(Error, 'ERR_OSSL_BAD_DECRYPT', 'error:1C800064:Provider routines::bad decrypt');
          out = last.subarray(0, 16 - n);
        } else {
          out = last;
        }
      }
    } else if (s.aead) {
      const tag = hostCall('crypto.aeadTag', { mode, keyLength: s.key.length, ivLength: s.iv.length, aadLength: s.aad.length },
        s.key, s.iv, s.aad, Buffer.concat(s.ciphertext));
      s.ciphertext = [];
      if (s.decrypt) {
        let diff = s.tag === undefined ? 1 : 0;
        if (s.tag !== undefined) for (let i = 0; i < s.tag.length; i++) diff |= s.tag[i] ^ tag[i];
        if (diff !== 0) throw new Error('Unsupported state or unable to authenticate data');
      } else {
        s.tag = Buffer.from(tag.subarray(0, s.tagLength));
      }
    }
    return this._encode(out, outputEncoding, true);
  }

  setAutoPadding(autoPadding = true) {
    const s = this._state;
    if (s.finalized) throw invalidState('setAutoPadding');
    s.padding = !!autoPadding;
    return this;
  }

  setAAD(aad, options) {
    const s = this._state;
    const bytes = dataBytes(aad, options?.encoding);
    if (!s.aead || s.finalized || s.started) throw invalidState('setAAD');
    if (options?.plaintextLength !== undefined) require('internal/validators').validateInt32(options.plaintextLength, 'options.plaintextLength', 0);
    s.aad = Buffer.concat([s.aad, bytes]);
    return this;
  }
}

class Cipheriv extends CipherBase {
  constructor(cipher, key, iv, options) { super(false, cipher, key, iv, options); }
  getAuthTag() {
    const s = this._state;
    if (!s.aead || !s.finalized || s.tag === undefined) throw invalidState('getAuthTag');
    return Buffer.from(s.tag);
  }
}

class Decipheriv extends CipherBase {
  constructor(cipher, key, iv, options) { super(true, cipher, key, iv, options); }
  setAuthTag(tag, encoding) {
    const s = this._state;
    const bytes = typeof tag === 'string' ? Buffer.from(tag, encoding) : tag;
    if (!ArrayBuffer.isView(bytes)) {
      throw new (errors().codes.ERR_INVALID_ARG_TYPE)('buffer', ['string', 'Buffer', 'TypedArray', 'DataView'], tag);
    }
    if (!s.aead || s.finalized || s.tag !== undefined) throw invalidState('setAuthTag');
    const length = bytes.byteLength;
    if (!validTagLength(s.info.mode, length) || (s.tagLengthFixed && length !== s.tagLength)) throw invalidTagLength(length);
    s.tag = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    s.tag = Buffer.from(s.tag);
    return this;
  }
}

function createCipheriv(cipher, key, iv, options) { return new Cipheriv(cipher, key, iv, options); }
function createDecipheriv(cipher, key, iv, options) { return new Decipheriv(cipher, key, iv, options); }

const { callable } = require('internal/crypto/keys');
module.exports = {
  Cipheriv: callable(Cipheriv, 'Cipheriv'), Decipheriv: callable(Decipheriv, 'Decipheriv'),
  createCipheriv, createDecipheriv, getCiphers, getCipherInfo,
};
