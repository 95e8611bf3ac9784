'use strict';
// crypto.subtle (WebCrypto) over the same host operations as node:crypto: every CryptoKey wraps
// a KeyObject (key material as bytes in the guest), every operation is a stateless host call.

const { Buffer } = require('buffer');

const kKeyObject = Symbol('kKeyObject');
const kConstructing = Symbol('kConstructing');

function domException(message, name) {
  const { DOMException } = require('internal/dom_exception');
  return new DOMException(message, name);
}

function nodeCrypto() { return require('crypto'); }
function keys() { return require('internal/crypto/keys'); }

function illegalConstructor() {
  const err = new TypeError('Illegal constructor');
  err.code = 'ERR_ILLEGAL_CONSTRUCTOR';
  return err;
}

class CryptoKey {
  constructor(token) {
    if (token !== kConstructing) throw illegalConstructor();
  }
  get type() { return this[kKeyObject].keyObject.type; }
  get extractable() { return this[kKeyObject].extractable; }
  get algorithm() { return this[kKeyObject].algorithm; }
  get usages() { return this[kKeyObject].usages; }
  [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
    const fields = { type: this.type, extractable: this.extractable, algorithm: this.algorithm, usages: this.usages };
    return `CryptoKey ${inspect(fields, { ...options, depth: options.depth === null ? null : options.depth - 1 })}`;
  }
}
Object.defineProperty(CryptoKey.prototype, Symbol.toStringTag, { __proto__: null, value: 'CryptoKey', configurable: true });

function makeCryptoKey(keyObject, algorithm, extractable, usages) {
  const key = new CryptoKey(kConstructing);
  Object.defineProperty(key, kKeyObject, { __proto__: null, value: { keyObject, algorithm, extractable, usages: [...usages] }, enumerable: false });
  return key;
}

function keyObjectOf(key) { return key[kKeyObject].keyObject; }

function bufferSource(data, name = 'data') {
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  throw new (require('internal/errors').codes.ERR_INVALID_ARG_TYPE)(name, ['ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], data);
}

function toArrayBuffer(buffer) {
  const out = new ArrayBuffer(buffer.byteLength);
  new Uint8Array(out).set(buffer);
  return out;
}

const kAlgorithmNames = ['AES-GCM', 'AES-CBC', 'AES-CTR', 'AES-KW', 'HMAC', 'ECDSA', 'ECDH', 'Ed25519', 'X25519', 'RSASSA-PKCS1-v1_5',
  'RSA-PSS', 'RSA-OAEP', 'PBKDF2', 'HKDF', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'];
const kSupported = new Set(kAlgorithmNames);

function normalize(algorithm) {
  const object = typeof algorithm === 'string' ? { name: algorithm } : algorithm;
  if (typeof object !== 'object' || object === null || typeof object.name !== 'string') {
    throw domException('Unrecognized algorithm name', 'NotSupportedError');
  }
  const name = kAlgorithmNames.find((n) => n.toUpperCase() === object.name.toUpperCase());
  if (name === undefined || !kSupported.has(name)) throw domException('Unrecognized algorithm name', 'NotSupportedError');
  return { ...object, name };
}

/** `normalize` for one operation: an algorithm that does not offer it is not recognised. */
const kOperations = {
  encrypt: ['AES-GCM', 'AES-CBC', 'AES-CTR', 'RSA-OAEP'],
  sign: ['HMAC', 'ECDSA', 'Ed25519', 'RSASSA-PKCS1-v1_5', 'RSA-PSS'],
  deriveBits: ['PBKDF2', 'HKDF', 'ECDH', 'X25519'],
  wrapKey: ['AES-GCM', 'AES-CBC', 'AES-CTR', 'AES-KW', 'RSA-OAEP'],
};

function normalizeFor(operation, algorithm) {
  const alg = normalize(algorithm);
  if (!kOperations[operation].includes(alg.name)) throw domException('Unrecognized algorithm name', 'NotSupportedError');
  return alg;
}

function normalizeHash(hash) {
  const name = normalize(hash).name;
  if (!name.startsWith('SHA-')) throw domException('Unrecognized algorithm name', 'NotSupportedError');
  return name;
}

function nodeHash(name) { return name.replace('-', '').toLowerCase(); }

const kHashLength = { 'SHA-1': 160, 'SHA-256': 256, 'SHA-384': 384, 'SHA-512': 512 };
const kHmacBlock = { 'SHA-1': 512, 'SHA-256': 512, 'SHA-384': 1024, 'SHA-512': 1024 };
const kCurveNode = { 'P-256': 'prime256v1', 'P-384': 'secp384r1', 'P-521': 'secp521r1' };
const kCurveWeb = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };

const kUsages = {
  'AES-GCM': { secret: ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'] },
  'AES-CBC': { secret: ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'] },
  'AES-CTR': { secret: ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'] },
  'AES-KW': { secret: ['wrapKey', 'unwrapKey'] },
  HMAC: { secret: ['sign', 'verify'] },
  PBKDF2: { secret: ['deriveKey', 'deriveBits'] },
  HKDF: { secret: ['deriveKey', 'deriveBits'] },
  ECDSA: { private: ['sign'], public: ['verify'] },
  Ed25519: { private: ['sign'], public: ['verify'] },
  'RSASSA-PKCS1-v1_5': { private: ['sign'], public: ['verify'] },
  'RSA-PSS': { private: ['sign'], public: ['verify'] },
  'RSA-OAEP': { private: ['decrypt', 'unwrapKey'], public: ['encrypt', 'wrapKey'] },
  ECDH: { private: ['deriveKey', 'deriveBits'], public: [] },
  X25519: { private: ['deriveKey', 'deriveBits'], public: [] },
};

function usageError(name) {
  const kind = name.startsWith('AES') ? 'an AES' : name === 'HMAC' ? 'an HMAC' : name.startsWith('RSA') ? 'an RSA' : name === 'ECDSA' || name === 'ECDH' ? 'an EC' : `an ${name}`;
  return domException(`Unsupported key usage for ${kind} key`, 'SyntaxError');
}

function checkUsages(name, usages, allowed) {
  if (!Array.isArray(usages)) throw new (require('internal/errors').codes.ERR_INVALID_ARG_TYPE)('keyUsages', 'Array', usages);
  for (const usage of usages) if (!allowed.includes(usage)) throw usageError(name);
}

function requireKey(key, name, usage) {
  if (!(key instanceof CryptoKey)) throw new (require('internal/errors').codes.ERR_INVALID_ARG_TYPE)('key', 'CryptoKey', key);
  if (key.algorithm.name !== name || !key.usages.includes(usage)) {
    throw domException('The requested operation is not valid for the provided key', 'InvalidAccessError');
  }
  return keyObjectOf(key);
}

function operationError(message = 'The operation failed for an operation-specific reason') {
  return domException(message, 'OperationError');
}

/** Runs `f`, turning Node-style errors of the underlying operation into an OperationError. */
function operation(f) {
  try { return f(); } catch (err) {
    if (err?.name === 'OperationError' || err?.code === 'ERR_NOT_SUPPORTED_IN_SANDBOX' || err instanceof TypeError) throw err;
    const wrapped = operationError();
    wrapped.cause = err;
    throw wrapped;
  }
}

// ---------------------------------------------------------------------------------------------
// Keys

function secretAlgorithm(name, algorithm, bytes) {
  if (name === 'HMAC') {
    const hash = normalizeHash(algorithm.hash);
    return { name, hash: { name: hash }, length: bytes.length * 8 };
  }
  if (name === 'PBKDF2' || name === 'HKDF') return { name };
  return { name, length: bytes.length * 8 };
}

function asymmetricAlgorithm(name, algorithm, keyObject) {
  if (name === 'ECDSA' || name === 'ECDH') return { name, namedCurve: kCurveWeb[keyObject.asymmetricKeyDetails.namedCurve] };
  if (name === 'Ed25519' || name === 'X25519') return { name };
  const details = keyObject.asymmetricKeyDetails;
  const exponent = [];
  for (let e = details.publicExponent; e > 0n; e >>= 8n) exponent.unshift(Number(e & 0xffn));
  return { name, modulusLength: details.modulusLength, publicExponent: new Uint8Array(exponent), hash: { name: normalizeHash(algorithm.hash) } };
}

function expectedKeyType(name) {
  if (name.startsWith('RSA')) return 'rsa';
  if (name === 'ECDSA' || name === 'ECDH') return 'ec';
  return name.toLowerCase();
}

function wrapAsymmetric(keyObject, algorithm, extractable, usages) {
  const name = algorithm.name;
  if (keyObject.asymmetricKeyType !== expectedKeyType(name)) throw domException('Invalid key type', 'DataError');
  if ((name === 'ECDSA' || name === 'ECDH') && algorithm.namedCurve !== undefined && kCurveNode[algorithm.namedCurve] !== keyObject.asymmetricKeyDetails.namedCurve) {
    throw domException('Named curve mismatch', 'DataError');
  }
  checkUsages(name, usages, kUsages[name][keyObject.type]);
  return makeCryptoKey(keyObject, asymmetricAlgorithm(name, algorithm, keyObject), keyObject.type === 'public' ? true : extractable, usages);
}

async function generateKey(algorithm, extractable, keyUsages) {
  const alg = normalize(algorithm);
  const { name } = alg;
  if (!kUsages[name] || name === 'PBKDF2' || name === 'HKDF') throw domException('Unrecognized algorithm name', 'NotSupportedError');
  const all = [...(kUsages[name].secret ?? []), ...(kUsages[name].private ?? []), ...(kUsages[name].public ?? [])];
  checkUsages(name, keyUsages, all);
  if (kUsages[name].secret) {
    let length = alg.length;
    if (name === 'HMAC') {
      const hash = normalizeHash(alg.hash);
      length = length ?? kHmacBlock[hash];
      if (!Number.isInteger(length) || length <= 0 || length % 8 !== 0) throw domException('Unsupported algorithm.length', 'NotSupportedError');
    } else if (![128, 192, 256].includes(length)) {
      throw operationError('Invalid key length');
    }
    if (keyUsages.length === 0) throw domException('Usages cannot be empty when creating a key.', 'SyntaxError');
    const bytes = nodeCrypto().randomBytes(Math.ceil(length / 8));
    return makeCryptoKey(keys().createSecretKey(bytes), name === 'HMAC' ? { name, length, hash: { name: normalizeHash(alg.hash) } } : { name, length },
      extractable, keyUsages);
  }
  let pair;
  if (name === 'ECDSA' || name === 'ECDH') {
    if (!kCurveNode[alg.namedCurve]) throw domException('Unrecognized namedCurve', 'NotSupportedError');
    pair = await promisified('ec', { namedCurve: kCurveNode[alg.namedCurve] });
  } else if (name === 'Ed25519' || name === 'X25519') {
    pair = await promisified(name.toLowerCase(), {});
  } else {
    const exponent = bufferSource(alg.publicExponent, 'publicExponent').reduce((acc, b) => acc * 256 + b, 0);
    normalizeHash(alg.hash);
    pair = await promisified('rsa', { modulusLength: alg.modulusLength, publicExponent: exponent }).catch((err) => { throw operationError(err.message); });
  }
  const privateUsages = keyUsages.filter((u) => kUsages[name].private.includes(u));
  if (privateUsages.length === 0) throw domException('Usages cannot be empty when creating a key.', 'SyntaxError');
  return {
    publicKey: wrapAsymmetric(pair.publicKey, alg, true, keyUsages.filter((u) => kUsages[name].public.includes(u))),
    privateKey: wrapAsymmetric(pair.privateKey, alg, extractable, privateUsages),
  };
}

function promisified(type, options) {
  return new Promise((resolve, reject) => keys().generateKeyPair(type, options, (err, publicKey, privateKey) => {
    if (err) reject(err); else resolve({ publicKey, privateKey });
  }));
}

// Raw public keys: the SubjectPublicKeyInfo prefix for each fixed-size encoding.
const kSpkiPrefix = {
  'P-256': '3059301306072a8648ce3d020106082a8648ce3d030107034200',
  'P-384': '3076301006072a8648ce3d020106052b81040022036200',
  'P-521': '30819b301006072a8648ce3d020106052b8104002303818600',
  Ed25519: '302a300506032b6570032100',
  X25519: '302a300506032b656e032100',
};
const kRawLength = { 'P-256': 65, 'P-384': 97, 'P-521': 133, Ed25519: 32, X25519: 32 };

async function importKey(format, keyData, algorithm, extractable, keyUsages) {
  const alg = normalize(algorithm);
  const { name } = alg;
  if (!kUsages[name]) throw domException('Unrecognized algorithm name', 'NotSupportedError');
  if (!['raw', 'jwk', 'spki', 'pkcs8'].includes(format)) throw domException(`Unable to import ${name} key with format ${format}`, 'NotSupportedError');
  if (kUsages[name].secret) {
    checkUsages(name, keyUsages, kUsages[name].secret);
    let bytes;
    if (format === 'raw') bytes = bufferSource(keyData, 'keyData');
    else if (format === 'jwk' && name !== 'PBKDF2' && name !== 'HKDF') {
      if (keyData?.kty !== 'oct' || typeof keyData.k !== 'string') throw domException('Invalid keyData', 'DataError');
      bytes = Buffer.from(keyData.k, 'base64url');
    } else {
      throw domException(`Unable to import ${name} secret key using ${format} format`, 'NotSupportedError');
    }
    if (name.startsWith('AES') && ![16, 24, 32].includes(bytes.length)) throw domException('Invalid key length', 'DataError');
    if ((name === 'PBKDF2' || name === 'HKDF') && extractable) throw domException(`${name} keys are not extractable`, 'SyntaxError');
    return makeCryptoKey(keys().createSecretKey(bytes), secretAlgorithm(name, alg, bytes), extractable, keyUsages);
  }
  let keyObject;
  try {
    if (format === 'spki') keyObject = keys().createPublicKey({ key: bufferSource(keyData, 'keyData'), format: 'der', type: 'spki' });
    else if (format === 'pkcs8') keyObject = keys().createPrivateKey({ key: bufferSource(keyData, 'keyData'), format: 'der', type: 'pkcs8' });
    else if (format === 'jwk') {
      if (typeof keyData !== 'object' || keyData === null) throw new TypeError('keyData must be an object');
      keyObject = keyData.d === undefined ? keys().createPublicKey({ key: keyData, format: 'jwk' }) : keys().createPrivateKey({ key: keyData, format: 'jwk' });
    } else {
      const curve = alg.namedCurve ?? name;
      const raw = bufferSource(keyData, 'keyData');
      if (!kSpkiPrefix[curve] || raw.length !== kRawLength[curve]) throw domException('Invalid keyData', 'DataError');
      keyObject = keys().createPublicKey({ key: Buffer.concat([Buffer.from(kSpkiPrefix[curve], 'hex'), raw]), format: 'der', type: 'spki' });
    }
  } catch (err) {
    if (err?.name === 'DataError' || err?.name === 'NotSupportedError') throw err;
    const wrapped = domException('Invalid keyData', 'DataError');
    wrapped.cause = err;
    throw wrapped;
  }
  return wrapAsymmetric(keyObject, alg, extractable, keyUsages);
}

async function exportKey(format, key) {
  if (!(key instanceof CryptoKey)) throw new (require('internal/errors').codes.ERR_INVALID_ARG_TYPE)('key', 'CryptoKey', key);
  const { name } = key.algorithm;
  if (name === 'PBKDF2' || name === 'HKDF') throw domException(`${name} key export is not supported`, 'NotSupportedError');
  if (!key.extractable) throw domException('key is not extractable', 'InvalidAccessException');
  const ko = keyObjectOf(key);
  if (ko.type === 'secret') {
    if (format === 'raw') return toArrayBuffer(ko.export());
    if (format === 'jwk') {
      const jwk = { key_ops: key.usages, ext: true };
      if (name === 'HMAC') jwk.alg = `HS${key.algorithm.hash.name.slice(4)}`;
      else jwk.alg = `A${key.algorithm.length}${name.slice(4)}`;
      return { ...jwk, kty: 'oct', k: ko.export().toString('base64url') };
    }
    throw domException(`Unable to export ${name} secret key using ${format} format`, 'NotSupportedError');
  }
  if (format === 'spki' && ko.type === 'public') return toArrayBuffer(ko.export({ format: 'der', type: 'spki' }));
  if (format === 'pkcs8' && ko.type === 'private') return toArrayBuffer(ko.export({ format: 'der', type: 'pkcs8' }));
  if (format === 'raw' && ko.type === 'public' && name !== 'RSA-PSS' && !name.startsWith('RSA')) {
    const der = ko.export({ format: 'der', type: 'spki' });
    const curve = key.algorithm.namedCurve ?? name;
    return toArrayBuffer(der.subarray(der.length - kRawLength[curve]));
  }
  if (format === 'jwk') {
    const jwk = { key_ops: key.usages, ext: true };
    if (name === 'Ed25519') jwk.alg = 'Ed25519';
    if (name.startsWith('RSA')) {
      const bits = key.algorithm.hash.name.slice(4);
      jwk.alg = name === 'RSA-PSS' ? `PS${bits}` : name === 'RSA-OAEP' ? (bits === '1' ? 'RSA-OAEP' : `RSA-OAEP-${bits}`) : `RS${bits}`;
    }
    return Object.assign(jwk, ko.export({ format: 'jwk' }));
  }
  throw domException(`Unable to export ${name} ${ko.type} key using ${format} format`, 'NotSupportedError');
}

// ---------------------------------------------------------------------------------------------
// Operations

async function sign(algorithm, key, data) {
  const alg = normalizeFor('sign', algorithm);
  const ko = requireKey(key, alg.name, 'sign');
  const bytes = bufferSource(data);
  return toArrayBuffer(operation(() => signWith(alg, key, ko, bytes)));
}

function signWith(alg, key, ko, bytes) {
  switch (alg.name) {
    case 'HMAC': return nodeCrypto().createHmac(nodeHash(key.algorithm.hash.name), ko.export()).update(bytes).digest();
    case 'Ed25519': return nodeCrypto().sign(null, bytes, ko);
    case 'ECDSA': return nodeCrypto().sign(nodeHash(normalizeHash(alg.hash)), bytes, { key: ko, dsaEncoding: 'ieee-p1363' });
    case 'RSASSA-PKCS1-v1_5': return nodeCrypto().sign(nodeHash(key.algorithm.hash.name), bytes, { key: ko, padding: 1 });
    case 'RSA-PSS': return nodeCrypto().sign(nodeHash(key.algorithm.hash.name), bytes, { key: ko, padding: 6, saltLength: alg.saltLength });
    default: throw domException('Unrecognized algorithm name', 'NotSupportedError');
  }
}

async function verify(algorithm, key, signature, data) {
  const alg = normalizeFor('sign', algorithm);
  const ko = requireKey(key, alg.name, 'verify');
  const sig = bufferSource(signature, 'signature');
  const bytes = bufferSource(data);
  return operation(() => {
    switch (alg.name) {
      case 'HMAC': {
        const mac = signWith(alg, key, ko, bytes);
        return mac.length === sig.length && nodeCrypto().timingSafeEqual(mac, sig);
      }
      case 'Ed25519': return nodeCrypto().verify(null, bytes, ko, sig);
      case 'ECDSA': return nodeCrypto().verify(nodeHash(normalizeHash(alg.hash)), bytes, { key: ko, dsaEncoding: 'ieee-p1363' }, sig);
      case 'RSASSA-PKCS1-v1_5': return nodeCrypto().verify(nodeHash(key.algorithm.hash.name), bytes, { key: ko, padding: 1 }, sig);
      case 'RSA-PSS': return nodeCrypto().verify(nodeHash(key.algorithm.hash.name), bytes, { key: ko, padding: 6, saltLength: alg.saltLength }, sig);
      default: throw domException('Unrecognized algorithm name', 'NotSupportedError');
    }
  });
}

function aes(alg, key, ko, data, decrypt) {
  const bits = key.algorithm.length;
  if (alg.name === 'AES-GCM') {
    const iv = bufferSource(alg.iv, 'iv');
    const tagLength = alg.tagLength ?? 128;
    if (![32, 64, 96, 104, 112, 120, 128].includes(tagLength)) throw operationError(`${tagLength} is not a valid AES-GCM tag length`);
    const c = (decrypt ? nodeCrypto().createDecipheriv : nodeCrypto().createCipheriv)(`aes-${bits}-gcm`, ko.export(), iv, { authTagLength: tagLength / 8 });
    if (alg.additionalData !== undefined) c.setAAD(bufferSource(alg.additionalData, 'additionalData'));
    if (decrypt) {
      if (data.length < tagLength / 8) throw operationError('The provided data is too small.');
      c.setAuthTag(data.subarray(data.length - tagLength / 8));
      return Buffer.concat([c.update(data.subarray(0, data.length - tagLength / 8)), c.final()]);
    }
    return Buffer.concat([c.update(data), c.final(), c.getAuthTag()]);
  }
  if (alg.name === 'AES-CBC') {
    const iv = bufferSource(alg.iv, 'iv');
    if (iv.length !== 16) throw operationError('algorithm.iv must contain exactly 16 bytes');
    const c = (decrypt ? nodeCrypto().createDecipheriv : nodeCrypto().createCipheriv)(`aes-${bits}-cbc`, ko.export(), iv);
    return Buffer.concat([c.update(data), c.final()]);
  }
  const counter = bufferSource(alg.counter, 'counter');
  if (counter.length !== 16) throw operationError('algorithm.counter must contain exactly 16 bytes');
  if (!(alg.length > 0 && alg.length <= 128)) throw operationError('algorithm.length must be between 1 and 128');
  if (alg.length < 128) {
    // The host's counter carries through all 128 bits; refuse inputs that would wrap the
    // low `length` bits (WebCrypto wraps them instead).
    let low = 0n;
    for (const b of counter) low = (low << 8n) | BigInt(b);
    low &= (1n << BigInt(alg.length)) - 1n;
    if (low + BigInt(Math.ceil(data.length / 16)) > (1n << BigInt(alg.length))) throw operationError('AES-CTR counter wrap is not supported in sandbox');
  }
  const c = nodeCrypto().createCipheriv(`aes-${bits}-ctr`, ko.export(), counter);
  return Buffer.concat([c.update(data), c.final()]);
}

async function encrypt(algorithm, key, data) {
  const alg = normalizeFor('encrypt', algorithm);
  const ko = requireKey(key, alg.name, 'encrypt');
  const bytes = bufferSource(data);
  return toArrayBuffer(operation(() => cipherWith(alg, key, ko, bytes, false)));
}

function cipherWith(alg, key, ko, bytes, decrypt) {
  if (alg.name === 'RSA-OAEP') {
    if (alg.label !== undefined && bufferSource(alg.label, 'label').length > 0) {
      throw Object.assign(new Error('crypto.subtle RSA-OAEP with a label is not supported in sandbox'), { code: 'ERR_NOT_SUPPORTED_IN_SANDBOX' });
    }
    const options = { key: ko, oaepHash: nodeHash(key.algorithm.hash.name) };
    return decrypt ? nodeCrypto().privateDecrypt(options, bytes) : nodeCrypto().publicEncrypt(options, bytes);
  }
  if (!alg.name.startsWith('AES-') || alg.name === 'AES-KW') throw domException('Unrecognized algorithm name', 'NotSupportedError');
  return aes(alg, key, ko, bytes, decrypt);
}

async function decrypt(algorithm, key, data) {
  const alg = normalizeFor('encrypt', algorithm);
  const ko = requireKey(key, alg.name, 'decrypt');
  const bytes = bufferSource(data);
  return toArrayBuffer(operation(() => cipherWith(alg, key, ko, bytes, true)));
}

function deriveBitsWith(alg, key, length, usage) {
  const ko = requireKey(key, alg.name, usage);
  if (alg.name === 'PBKDF2' || alg.name === 'HKDF') {
    if (length === null || length === undefined) throw operationError('length cannot be null');
    if (length % 8 !== 0) throw operationError('length must be a multiple of 8');
  }
  if (alg.name === 'PBKDF2') {
    if (!(alg.iterations > 0)) throw operationError('iterations cannot be zero');
    return operation(() => nodeCrypto().pbkdf2Sync(ko.export(), bufferSource(alg.salt, 'salt'), alg.iterations, length / 8, nodeHash(normalizeHash(alg.hash))));
  }
  if (alg.name === 'HKDF') {
    return operation(() => Buffer.from(nodeCrypto().hkdfSync(nodeHash(normalizeHash(alg.hash)), ko.export(), bufferSource(alg.salt, 'salt'), bufferSource(alg.info, 'info'), length / 8)));
  }
  if (alg.name === 'ECDH' || alg.name === 'X25519') {
    if (!(alg.public instanceof CryptoKey) || alg.public.type !== 'public' || alg.public.algorithm.name !== alg.name) {
      throw domException('algorithm.public must be a public key of the same algorithm', 'InvalidAccessError');
    }
    const secret = operation(() => nodeCrypto().diffieHellman({ privateKey: ko, publicKey: keyObjectOf(alg.public) }));
    if (length === null || length === undefined) return secret;
    if (length > secret.length * 8) throw operationError('derived bit length is too large');
    const out = Buffer.from(secret.subarray(0, Math.ceil(length / 8)));
    if (length % 8) out[out.length - 1] &= 0xff << (8 - (length % 8));
    return out;
  }
  throw domException('Unrecognized algorithm name', 'NotSupportedError');
}

async function deriveBits(algorithm, baseKey, length) {
  const alg = normalizeFor('deriveBits', algorithm);
  return toArrayBuffer(deriveBitsWith(alg, baseKey, length, 'deriveBits'));
}

function derivedKeyLength(alg) {
  if (alg.name === 'HMAC') return alg.length ?? kHmacBlock[normalizeHash(alg.hash)];
  if (alg.name.startsWith('AES-')) {
    if (![128, 192, 256].includes(alg.length)) throw operationError('Invalid key length');
    return alg.length;
  }
  if (alg.name === 'HKDF' || alg.name === 'PBKDF2') return null;
  throw domException('Unrecognized algorithm name', 'NotSupportedError');
}

async function deriveKey(algorithm, baseKey, derivedKeyAlgorithm, extractable, keyUsages) {
  const alg = normalizeFor('deriveBits', algorithm);
  const target = normalize(derivedKeyAlgorithm);
  const length = derivedKeyLength(target);
  const bits = deriveBitsWith(alg, baseKey, length, 'deriveKey');
  return importKey('raw', bits, target, extractable, keyUsages);
}

/** RFC 3394 AES key wrap (AES-KW), computed by the host. */
function keyWrap(ko, bytes, unwrap) {
  const key = ko.export();
  const out = internal.call('crypto.cipher', { mode: 'aes-kw', keyLength: key.length, ivLength: 0, offset: 0, decrypt: unwrap }, Buffer.concat([key, bytes]));
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

async function wrapKey(format, key, wrappingKey, wrapAlgorithm) {
  const alg = normalizeFor('wrapKey', wrapAlgorithm);
  const ko = requireKey(wrappingKey, alg.name, 'wrapKey');
  const exported = await exportKey(format, key);
  let bytes = format === 'jwk' ? Buffer.from(JSON.stringify(exported)) : Buffer.from(exported);
  if (alg.name === 'AES-KW') {
    // A JWK is padded with spaces to whole 64-bit blocks, as Node does.
    if (format === 'jwk' && bytes.length % 8 !== 0) bytes = Buffer.concat([bytes, Buffer.alloc(8 - (bytes.length % 8), 0x20)]);
    return toArrayBuffer(operation(() => keyWrap(ko, bytes, false)));
  }
  return toArrayBuffer(operation(() => cipherWith(alg, wrappingKey, ko, bytes, false)));
}

async function unwrapKey(format, wrappedKey, unwrappingKey, unwrapAlgorithm, unwrappedKeyAlgorithm, extractable, keyUsages) {
  const alg = normalizeFor('wrapKey', unwrapAlgorithm);
  const ko = requireKey(unwrappingKey, alg.name, 'unwrapKey');
  const wrapped = bufferSource(wrappedKey, 'wrappedKey');
  const bytes = operation(() => (alg.name === 'AES-KW' ? keyWrap(ko, wrapped, true) : cipherWith(alg, unwrappingKey, ko, wrapped, true)));
  let keyData = bytes;
  if (format === 'jwk') {
    try { keyData = JSON.parse(bytes.toString('utf8')); } catch { throw domException('Invalid wrapped JWK', 'DataError'); }
  }
  return importKey(format, keyData, unwrappedKeyAlgorithm, extractable, keyUsages);
}

async function digest(algorithm, data) {
  if (!ArrayBuffer.isView(data) && !(data instanceof ArrayBuffer)) {
    throw new TypeError("Failed to execute 'digest' on 'SubtleCrypto': 2nd argument is not instance of ArrayBuffer, Buffer, TypedArray, or DataView.");
  }
  const name = normalizeHash(algorithm);
  return toArrayBuffer(nodeCrypto().createHash(nodeHash(name)).update(bufferSource(data)).digest());
}

class SubtleCrypto {
  constructor(token) {
    if (token !== kConstructing) throw illegalConstructor();
  }
}

/** The global `crypto`'s class (the object itself is node:crypto's `webcrypto`). */
class Crypto {
  constructor() { throw illegalConstructor(); }
}
Object.defineProperty(SubtleCrypto.prototype, Symbol.toStringTag, { __proto__: null, value: 'SubtleCrypto', configurable: true });
const methods = { digest, generateKey, importKey, exportKey, sign, verify, encrypt, decrypt, deriveBits, deriveKey, wrapKey, unwrapKey };
for (const [name, fn] of Object.entries(methods)) {
  Object.defineProperty(SubtleCrypto.prototype, name, {
    __proto__: null,
    // Every method reports argument errors as a rejected promise, as WebCrypto does.
    value: { async [name](...args) { return fn(...args); } }[name], writable: true, configurable: true, enumerable: true,
  });
}
const subtle = new SubtleCrypto(kConstructing);

module.exports = { Crypto, CryptoKey, SubtleCrypto, subtle, makeCryptoKey, keyObjectOf, kKeyObject };
