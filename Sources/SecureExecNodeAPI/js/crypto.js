'use strict';
// crypto: randomness from the host kernel (through a native that fills guest memory; no host
// effect, so no permission); hashes and HMACs computed beside the engine (natives, swift-crypto);
// key derivation, ciphers (internal/crypto/cipher), asymmetric keys and signatures
// (internal/crypto/keys) and WebCrypto (internal/crypto/webcrypto) computed by the host with
// swift-crypto. What is missing throws "not supported in sandbox" —
// never silently succeeds.

const { Buffer } = require('buffer');
const { natives } = internal;
const cipher = require('internal/crypto/cipher');
const keys = require('internal/crypto/keys');

function errors() { return require('internal/errors'); }

const kMaxRandomValues = 65536;
const kMaxRandomBytes = 2 ** 31 - 1;

function fill(view) {
  internal.natives.randomFill(view);
  return view;
}

function isIntegerTypedArray(value) {
  return value instanceof Int8Array || value instanceof Uint8Array || value instanceof Uint8ClampedArray ||
    value instanceof Int16Array || value instanceof Uint16Array || value instanceof Int32Array ||
    value instanceof Uint32Array || value instanceof BigInt64Array || value instanceof BigUint64Array;
}

function getRandomValues(array) {
  if (!isIntegerTypedArray(array)) {
    const { DOMException } = require('internal/dom_exception');
    throw new DOMException("The data argument must be an integer-type TypedArray", 'TypeMismatchError');
  }
  if (array.byteLength > kMaxRandomValues) {
    const { DOMException } = require('internal/dom_exception');
    throw new DOMException(`The ArrayBufferView's byte length (${array.byteLength}) exceeds the number of bytes of entropy available via this API (65536)`, 'QuotaExceededError');
  }
  fill(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  return array;
}

function validateSize(size) {
  if (typeof size !== 'number') throw new (errors().codes.ERR_INVALID_ARG_TYPE)('size', 'number', size);
  if (!(size >= 0 && size <= kMaxRandomBytes) || !Number.isInteger(size)) {
    throw new (errors().codes.ERR_OUT_OF_RANGE)('size', `>= 0 && <= ${kMaxRandomBytes}`, size);
  }
}

function randomBytes(size, callback) {
  validateSize(size);
  const buffer = Buffer.allocUnsafe(size);
  fill(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength));
  if (callback === undefined) return buffer;
  if (typeof callback !== 'function') throw new (errors().codes.ERR_INVALID_ARG_TYPE)('callback', 'Function', callback);
  process.nextTick(callback, null, buffer);
  return undefined;
}

function randomFillSync(buffer, offset = 0, size) {
  if (!ArrayBuffer.isView(buffer) && !(buffer instanceof ArrayBuffer)) {
    throw new (errors().codes.ERR_INVALID_ARG_TYPE)('buf', ['ArrayBuffer', 'ArrayBufferView'], buffer);
  }
  const bytes = buffer instanceof ArrayBuffer ? new Uint8Array(buffer) : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const end = size === undefined ? bytes.length : offset + size;
  if (offset < 0 || end > bytes.length || offset > end) throw new (errors().codes.ERR_OUT_OF_RANGE)('offset', `>= 0 && <= ${bytes.length}`, offset);
  fill(bytes.subarray(offset, end));
  return buffer;
}

function randomFill(buffer, offset, size, callback) {
  if (typeof offset === 'function') { callback = offset; offset = 0; size = undefined; }
  else if (typeof size === 'function') { callback = size; size = undefined; }
  if (typeof callback !== 'function') throw new (errors().codes.ERR_INVALID_ARG_TYPE)('callback', 'Function', callback);
  randomFillSync(buffer, offset, size);
  process.nextTick(callback, null, buffer);
}

function randomUUID() {
  const b = fill(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function randomInt(min, max, callback) {
  if (typeof max === 'undefined' || typeof max === 'function') { callback = max; max = min; min = 0; }
  if (!Number.isSafeInteger(min)) throw new (errors().codes.ERR_INVALID_ARG_TYPE)('min', 'a safe integer', min);
  if (!Number.isSafeInteger(max)) throw new (errors().codes.ERR_INVALID_ARG_TYPE)('max', 'a safe integer', max);
  if (max <= min) throw new (errors().codes.ERR_OUT_OF_RANGE)('max', `greater than the value of "min" (${min})`, max);
  const range = max - min;
  if (range > 2 ** 48) throw new (errors().codes.ERR_OUT_OF_RANGE)('max - min', `<= ${2 ** 48}`, range);
  // Rejection sampling over 48 random bits: no modulo bias.
  const limit = 2 ** 48 - (2 ** 48 % range);
  let value;
  do {
    const b = fill(new Uint8Array(6));
    value = b.reduce((acc, byte) => acc * 256 + byte, 0);
  } while (value >= limit);
  const result = min + (value % range);
  if (typeof callback === 'function') { process.nextTick(callback, null, result); return undefined; }
  return result;
}

function unsupported(name) {
  return function () {
    const err = new Error(`crypto.${name} is not supported in sandbox`);
    err.code = 'ERR_NOT_SUPPORTED_IN_SANDBOX';
    throw err;
  };
}

// ---------------------------------------------------------------------------------------------
// Hashes and HMACs: running states kept beside the engine (natives.hashCreate/Update/Digest/
// Copy), fed chunk by chunk, so any amount of data can be hashed within the CPU budget. Hash and
// Hmac are Transform streams as in Node (written data is hashed, the digest is the output).

const hashAlgorithms = ['md5', 'sha1', 'sha256', 'sha384', 'sha512'];

function toBytes(data, encoding, name = 'data') {
  if (typeof data === 'string') return Buffer.from(data, encoding || 'utf8');
  if (data instanceof Uint8Array) return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  throw new (errors().codes.ERR_INVALID_ARG_TYPE)(name, ['string', 'Buffer', 'TypedArray', 'DataView'], data);
}

function checkAlgorithm(algorithm) {
  if (typeof algorithm !== 'string') throw new (errors().codes.ERR_INVALID_ARG_TYPE)('algorithm', 'string', algorithm);
  let name = algorithm.toLowerCase();
  if (name.startsWith('rsa-')) name = name.slice(4);
  name = name.replace(/-/g, '');
  if (!hashAlgorithms.includes(name)) {
    const err = new Error('Digest method not supported');
    err.code = 'ERR_OSSL_EVP_UNSUPPORTED';
    throw err;
  }
  return name;
}

function output(bytes, encoding) {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return encoding === undefined || encoding === 'buffer' ? buffer : buffer.toString(encoding);
}

const kState = Symbol('kState');
const kFinalized = Symbol('kFinalized');

/** What Hash and Hmac share: a running state fed by `update` and by the stream side. */
class Digest extends require('stream').Transform {
  update(data, encoding) {
    if (this[kFinalized]) throw new (errors().codes.ERR_CRYPTO_HASH_FINALIZED)();
    natives.hashUpdate(this[kState], toBytes(data, encoding));
    return this;
  }
  _transform(chunk, encoding, callback) {
    this.update(chunk, encoding);
    callback();
  }
  _flush(callback) {
    this.push(this.digest());
    callback();
  }
}

class Hash extends Digest {
  constructor(algorithm, options, key, copyOf) {
    super(options);
    const name = checkAlgorithm(algorithm);
    this[kFinalized] = false;
    this[kState] = copyOf !== undefined ? natives.hashCopy(copyOf) : natives.hashCreate(name, key);
    this._algorithm = name;
  }
  digest(encoding) {
    if (this[kFinalized]) throw new (errors().codes.ERR_CRYPTO_HASH_FINALIZED)();
    this[kFinalized] = true;
    return output(natives.hashDigest(this[kState]), encoding);
  }
  copy(options) {
    if (this[kFinalized]) throw new (errors().codes.ERR_CRYPTO_HASH_FINALIZED)();
    return new Hash(this._algorithm, options, undefined, this[kState]);
  }
}

class Hmac extends Digest {
  constructor(algorithm, key, options) {
    super(options);
    const name = checkAlgorithm(algorithm);
    if (key === undefined || key === null) {
      throw new (errors().codes.ERR_INVALID_ARG_TYPE)('key', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView', 'KeyObject', 'CryptoKey'], key);
    }
    const keyBytes = typeof key === 'object' && key.type === 'secret' && typeof key.export === 'function'
      ? key.export() : toBytes(key, options?.encoding, 'key');
    this[kFinalized] = false;
    this[kState] = natives.hashCreate(name, keyBytes);
  }
  digest(encoding) {
    // As in Node, a second digest of an HMAC is empty rather than an error.
    if (this[kFinalized]) return output(new Uint8Array(0), encoding);
    this[kFinalized] = true;
    return output(natives.hashDigest(this[kState]), encoding);
  }
}

function createHash(algorithm, options) { return new Hash(algorithm, options); }
function createHmac(algorithm, key, options) { return new Hmac(algorithm, key, options); }
function hash(algorithm, data, outputEncoding = 'hex') {
  return createHash(algorithm).update(data).digest(outputEncoding);
}

// ---------------------------------------------------------------------------------------------
// Key derivation (pbkdf2, hkdf, scrypt), computed by the host (bounded there: it runs outside the
// guest's CPU budget).

function keyMaterial(value, name) {
  if (typeof value === 'string') return Buffer.from(value);
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (name === 'ikm' && value !== null && typeof value === 'object' && value.type === 'secret' && typeof value.export === 'function') {
    return Buffer.from(value.export());
  }
  throw new (errors().codes.ERR_INVALID_ARG_TYPE)(name, ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], value);
}

function validatedInt32(value, name, min) {
  require('internal/validators').validateInt32(value, name, min);
  return value;
}

function pbkdf2Args(password, salt, iterations, keylen, digest) {
  password = keyMaterial(password, 'password');
  salt = keyMaterial(salt, 'salt');
  validatedInt32(iterations, 'iterations', 1);
  validatedInt32(keylen, 'keylen', 0);
  require('internal/validators').validateString(digest, 'digest');
  return { password, salt, iterations, keylen, digest };
}

function runPbkdf2({ password, salt, iterations, keylen, digest }) {
  if (keylen === 0) throw new Error('Deriving bits failed');
  const bytes = internal.call('crypto.pbkdf2', { passwordLength: password.length, iterations, keylen, digest },
    Buffer.concat([password, salt]));
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function pbkdf2Sync(password, salt, iterations, keylen, digest) {
  return runPbkdf2(pbkdf2Args(password, salt, iterations, keylen, digest));
}

/** Runs `work` after the current tick and hands its result or error to `callback`. */
function deferred(callback, work) {
  require('internal/validators').validateFunction(callback, 'callback');
  setImmediate(() => {
    let result;
    try { result = work(); } catch (err) { callback(err); return; }
    callback(null, result);
  });
}

function pbkdf2(password, salt, iterations, keylen, digest, callback) {
  if (typeof digest === 'function') {
    callback = digest;
    digest = undefined;
  }
  const args = pbkdf2Args(password, salt, iterations, keylen, digest);
  deferred(callback, () => runPbkdf2(args));
}

function hkdfArgs(digest, ikm, salt, info, keylen) {
  require('internal/validators').validateString(digest, 'digest');
  ikm = keyMaterial(ikm, 'ikm');
  salt = keyMaterial(salt, 'salt');
  info = keyMaterial(info, 'info');
  validatedInt32(keylen, 'length', 0);
  if (info.length > 1024) throw new (errors().codes.ERR_OUT_OF_RANGE)('info', 'must not contain more than 1024 bytes', info.length);
  return { digest, ikm, salt, info, keylen };
}

function runHkdf({ digest, ikm, salt, info, keylen }) {
  const bytes = internal.call('crypto.hkdf', { digest, ikmLength: ikm.length, saltLength: salt.length, keylen },
    Buffer.concat([ikm, salt, info]));
  // Node hands HKDF output over as an ArrayBuffer.
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

function hkdfSync(digest, ikm, salt, info, keylen) { return runHkdf(hkdfArgs(digest, ikm, salt, info, keylen)); }
function hkdf(digest, ikm, salt, info, keylen, callback) {
  const args = hkdfArgs(digest, ikm, salt, info, keylen);
  deferred(callback, () => runHkdf(args));
}

function scryptArgs(password, salt, keylen, options) {
  password = keyMaterial(password, 'password');
  salt = keyMaterial(salt, 'salt');
  validatedInt32(keylen, 'keylen', 0);
  options = options ?? {};
  const pick = (a, b, fallback) => {
    if (options[a] !== undefined && options[b] !== undefined) throw new (errors().codes.ERR_INCOMPATIBLE_OPTION_PAIR)(a, b);
    return options[a] ?? options[b] ?? fallback;
  };
  const N = pick('N', 'cost', 16384);
  const r = pick('r', 'blockSize', 8);
  const p = pick('p', 'parallelization', 1);
  const maxmem = options.maxmem ?? 32 << 20;
  for (const [name, value] of [['N', N], ['r', r], ['p', p], ['maxmem', maxmem]]) {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      throw new (errors().codes.ERR_INVALID_ARG_TYPE)(`options.${name}`, 'number', value);
    }
  }
  if (N < 2 || (N & (N - 1)) !== 0 || r < 1 || p < 1) {
    const err = new RangeError('Invalid scrypt params');
    err.code = 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS';
    throw err;
  }
  if (128 * N * r > maxmem) {
    const err = new RangeError('Invalid scrypt params: error:030000AC:digital envelope routines::memory limit exceeded');
    err.code = 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS';
    throw err;
  }
  return { password, salt, keylen, N, r, p, maxmem };
}

function runScrypt({ password, salt, keylen, N, r, p, maxmem }) {
  const bytes = internal.call('crypto.scrypt', { passwordLength: password.length, keylen, N, r, p, maxmem },
    Buffer.concat([password, salt]));
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function scryptSync(password, salt, keylen, options) { return runScrypt(scryptArgs(password, salt, keylen, options)); }
function scrypt(password, salt, keylen, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  const args = scryptArgs(password, salt, keylen, options);
  deferred(callback, () => runScrypt(args));
}

const { subtle } = require('internal/crypto/webcrypto');
const webcrypto = { getRandomValues, randomUUID, subtle };
Object.defineProperty(webcrypto, Symbol.toStringTag, { __proto__: null, value: 'Crypto', configurable: true });

const exported = {
  randomBytes,
  pseudoRandomBytes: randomBytes,
  randomFillSync,
  randomFill,
  randomUUID,
  randomInt,
  getRandomValues,
  webcrypto,
  subtle,
  constants: Object.freeze({
    RSA_PKCS1_PADDING: 1, RSA_NO_PADDING: 3, RSA_PKCS1_OAEP_PADDING: 4, RSA_X931_PADDING: 5, RSA_PKCS1_PSS_PADDING: 6,
    RSA_PSS_SALTLEN_DIGEST: -1, RSA_PSS_SALTLEN_MAX_SIGN: -2, RSA_PSS_SALTLEN_AUTO: -2,
    POINT_CONVERSION_COMPRESSED: 2, POINT_CONVERSION_UNCOMPRESSED: 4, POINT_CONVERSION_HYBRID: 6,
  }),
  getHashes: () => hashAlgorithms.slice(),
  createHash,
  createHmac,
  pbkdf2,
  pbkdf2Sync,
  hkdf,
  hkdfSync,
  scrypt,
  scryptSync,
  hash,
  Hash: require('internal/callable_class')(Hash),
  Hmac: require('internal/callable_class')(Hmac),
  getCiphers: cipher.getCiphers,
  getCipherInfo: cipher.getCipherInfo,
  createCipheriv: cipher.createCipheriv,
  createDecipheriv: cipher.createDecipheriv,
  Cipheriv: cipher.Cipheriv,
  Decipheriv: cipher.Decipheriv,
  getCurves: keys.getCurves,
  KeyObject: keys.KeyObject,
  createPrivateKey: keys.createPrivateKey,
  createPublicKey: keys.createPublicKey,
  createSecretKey: keys.createSecretKey,
  generateKeyPair: keys.generateKeyPair,
  generateKeyPairSync: keys.generateKeyPairSync,
  generateKey: keys.generateKey,
  generateKeySync: keys.generateKeySync,
  sign: keys.sign,
  verify: keys.verify,
  createSign: keys.createSign,
  createVerify: keys.createVerify,
  Sign: keys.Sign,
  Verify: keys.Verify,
  publicEncrypt: keys.publicEncrypt,
  privateDecrypt: keys.privateDecrypt,
  privateEncrypt: keys.privateEncrypt,
  publicDecrypt: keys.publicDecrypt,
  diffieHellman: keys.diffieHellman,
  createECDH: keys.createECDH,
  ECDH: keys.ECDH,
  timingSafeEqual(a, b) {
    if (!ArrayBuffer.isView(a) && !(a instanceof ArrayBuffer)) throw new (errors().codes.ERR_INVALID_ARG_TYPE)('buf1', ['ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], a);
    if (!ArrayBuffer.isView(b) && !(b instanceof ArrayBuffer)) throw new (errors().codes.ERR_INVALID_ARG_TYPE)('buf2', ['ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], b);
    const x = new Uint8Array(a.buffer ?? a, a.byteOffset ?? 0, a.byteLength);
    const y = new Uint8Array(b.buffer ?? b, b.byteOffset ?? 0, b.byteLength);
    if (x.length !== y.length) throw new (errors().codes.ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH)();
    let diff = 0;
    for (let i = 0; i < x.length; i++) diff |= x[i] ^ y[i];
    return diff === 0;
  },
};
for (const name of ['createDiffieHellman',
  'setEngine', 'secureHeapUsed', 'setFips', 'getFips']) {
  exported[name] = unsupported(name);
}

module.exports = exported;
