'use strict';
// KeyObject, key generation, import/export, sign/verify, RSA-OAEP and Diffie-Hellman. Key material
// stays in the guest as canonical DER (PKCS#8 for private keys, SPKI for public keys) and travels
// with every host call; the host keeps nothing between calls.

const { Buffer } = require('buffer');

function errors() { return require('internal/errors'); }
function validators() { return require('internal/validators'); }

function codedError(Ctor, code, message) {
  const err = new Ctor(message);
  if (code !== undefined) err.code = code;
  return err;
}

function notSupported(what) {
  return codedError(Error, 'ERR_NOT_SUPPORTED_IN_SANDBOX', `crypto.${what} is not supported in sandbox`);
}

const kKeyType = Symbol('kKeyType');
const kMaterial = Symbol('kMaterial');

function b64(s) { return Buffer.from(s, 'base64'); }

class KeyObject {
  constructor(type, handle) {
    if (type !== 'secret' && type !== 'public' && type !== 'private') throw new (errors().codes.ERR_INVALID_ARG_VALUE)('type', type);
    if (typeof handle !== 'object' || handle === null) throw new (errors().codes.ERR_INVALID_ARG_TYPE)('handle', 'object', handle);
    this[kKeyType] = type;
    Object.defineProperty(this, kMaterial, { __proto__: null, value: handle, enumerable: false });
  }
  get type() { return this[kKeyType]; }
  static from(key) {
    const { CryptoKey } = require('internal/crypto/webcrypto');
    if (!(key instanceof CryptoKey)) throw new (errors().codes.ERR_INVALID_ARG_TYPE)('key', 'CryptoKey', key);
    return require('internal/crypto/webcrypto').keyObjectOf(key);
  }
  equals(other) {
    if (!(other instanceof KeyObject)) throw new (errors().codes.ERR_INVALID_ARG_TYPE)('otherKeyObject', 'KeyObject', other);
    if (other.type !== this.type) return false;
    const a = this[kMaterial].bytes, b = other[kMaterial].bytes;
    return a.length === b.length && require('crypto').timingSafeEqual(a, b);
  }
}
Object.defineProperty(KeyObject.prototype, Symbol.toStringTag, { __proto__: null, value: 'KeyObject', configurable: true });

class SecretKeyObject extends KeyObject {
  constructor(handle) { super('secret', handle); }
  get symmetricKeySize() { return this[kMaterial].bytes.length; }
  export(options) {
    if (options !== undefined) validators().validateObject(options, 'options');
    const bytes = Buffer.from(this[kMaterial].bytes);
    if (options?.format === 'jwk') return { kty: 'oct', k: bytes.toString('base64url') };
    return bytes;
  }
}

// Node caches these two on the object under symbols (util.inspect shows them once read).
const kAsymmetricKeyType = Symbol('kAsymmetricKeyType');
const kAsymmetricKeyDetails = Symbol('kAsymmetricKeyDetails');

class AsymmetricKeyObject extends KeyObject {
  get asymmetricKeyType() {
    if (!Object.prototype.hasOwnProperty.call(this, kAsymmetricKeyType)) this[kAsymmetricKeyType] = this[kMaterial].info.asymmetricKeyType;
    return this[kAsymmetricKeyType];
  }
  get asymmetricKeyDetails() {
    const { info } = this[kMaterial];
    if (info.asymmetricKeyType !== 'rsa' && info.asymmetricKeyType !== 'ec') return {};
    if (!Object.prototype.hasOwnProperty.call(this, kAsymmetricKeyDetails)) {
      this[kAsymmetricKeyDetails] = info.asymmetricKeyType === 'rsa' ? { modulusLength: info.modulusLength, publicExponent: BigInt('0x' + info.publicExponent) }
        : { namedCurve: info.namedCurve };
    }
    return { ...this[kAsymmetricKeyDetails] };
  }
  export(options) {
    validators().validateObject(options, 'options');
    const { info, bytes } = this[kMaterial];
    const format = options.format ?? 'pem';
    if (format === 'jwk') {
      const jwk = internal.call('crypto.keyExport', { kind: this.type, format: 'jwk' }, bytes);
      const order = { EC: ['kty', 'x', 'y', 'crv', 'd'], OKP: ['crv', 'd', 'x', 'kty'], RSA: ['kty', 'n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'] }[jwk.kty];
      const out = {};
      for (const name of order) if (jwk[name] !== undefined) out[name] = jwk[name];
      return out;
    }
    if (format !== 'pem' && format !== 'der') throw new (errors().codes.ERR_INVALID_ARG_VALUE)('options.format', format);
    const type = options.type;
    const allowed = this.type === 'public' ? ['pkcs1', 'spki'] : ['pkcs1', 'pkcs8', 'sec1'];
    if (!allowed.includes(type)) throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The property 'options.type' is invalid. Received ${require('internal/util/inspect').inspect(type)}`);
    if (options.cipher !== undefined || options.passphrase !== undefined) throw notSupported('KeyObject.export with a cipher (encrypted keys)');
    if (type === 'pkcs1' && info.asymmetricKeyType !== 'rsa') {
      throw codedError(Error, 'ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS', 'The selected key encoding pkcs1 can only be used for RSA keys.');
    }
    if (type === 'sec1' && info.asymmetricKeyType !== 'ec') {
      throw codedError(Error, 'ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS', 'The selected key encoding sec1 can only be used for EC keys.');
    }
    let der = bytes;
    if (type === 'pkcs1' || type === 'sec1') {
      const out = internal.call('crypto.keyExport', { kind: this.type, format: type }, bytes);
      der = Buffer.from(out.buffer, out.byteOffset, out.byteLength);
    }
    if (format === 'der') return Buffer.from(der);
    const label = type === 'pkcs1' ? `RSA ${this.type === 'public' ? 'PUBLIC' : 'PRIVATE'} KEY`
      : type === 'sec1' ? 'EC PRIVATE KEY' : this.type === 'public' ? 'PUBLIC KEY' : 'PRIVATE KEY';
    return toPEM(der, label);
  }
}

class PublicKeyObject extends AsymmetricKeyObject {
  constructor(handle) { super('public', handle); }
}

class PrivateKeyObject extends AsymmetricKeyObject {
  constructor(handle) { super('private', handle); }
}

function toPEM(der, label) {
  const text = Buffer.from(der).toString('base64');
  const lines = [];
  for (let i = 0; i < text.length; i += 64) lines.push(text.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

function fromPEM(text) {
  const match = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(text);
  if (!match) return undefined;
  if (/Proc-Type:/.test(match[2]) || match[1] === 'ENCRYPTED PRIVATE KEY') throw notSupported('createPrivateKey with an encrypted key');
  return { label: match[1], der: Buffer.from(match[2].replace(/[^A-Za-z0-9+/=]/g, ''), 'base64') };
}

function decoderError() {
  return codedError(Error, 'ERR_OSSL_UNSUPPORTED', 'error:1E08010C:DECODER routines::unsupported');
}

function handleFromInfo(info, kind) {
  const der = kind === 'public' && info.kind === 'private' ? info.publicDer : info.der;
  const publicInfo = { ...info, kind: 'public', der: info.publicDer ?? info.der };
  delete publicInfo.publicDer;
  return { info: kind === 'public' ? publicInfo : info, bytes: b64(der), publicBytes: b64(info.publicDer ?? info.der) };
}

function makeAsymmetric(info, kind) {
  const handle = handleFromInfo(info, kind);
  return kind === 'public' ? new PublicKeyObject(handle) : new PrivateKeyObject(handle);
}

function importDER(der, kind, container) {
  return internal.call('crypto.keyInfo', { kind, type: container ?? null }, der);
}

function keyBytes(value) {
  if (typeof value === 'string') return Buffer.from(value);
  if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  return undefined;
}

const kKeyInputTypes = ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView', 'KeyObject', 'CryptoKey'];

/**
 * Reads a key given as PEM/DER/JWK (string, buffer or {key, format, type}) and returns
 * {kind, info} for `want` ('private' or 'public'; a public request accepts private input).
 */
function parseAsymmetric(input, want, name = 'key') {
  let options = {};
  let key = input;
  if (typeof input === 'object' && input !== null && !ArrayBuffer.isView(input) && !(input instanceof ArrayBuffer) && !(input instanceof KeyObject) && !isCryptoKey(input)) {
    options = input;
    key = input.key;
    if (options.format === 'jwk') {
      if (typeof key !== 'object' || key === null) throw new (errors().codes.ERR_INVALID_ARG_TYPE)('key.key', 'object', key);
      return { info: importJWK(key, want), kind: want };
    }
  }
  if (key instanceof KeyObject) return { keyObject: key };
  if (isCryptoKey(key)) return { keyObject: require('internal/crypto/webcrypto').keyObjectOf(key) };
  const bytes = keyBytes(key);
  if (bytes === undefined) {
    throw new (errors().codes.ERR_INVALID_ARG_TYPE)(name, kKeyInputTypes, key);
  }
  const format = options.format ?? 'pem';
  if (format === 'der') {
    const type = options.type;
    if (want === 'private' || type === 'pkcs8' || type === 'sec1' || (type === 'pkcs1' && want === 'private')) {
      const kind = type === 'spki' ? 'public' : (type === 'pkcs1' && want === 'public') ? 'public' : 'private';
      return { info: importDER(bytes, kind, type === 'pkcs8' ? null : type), kind };
    }
    return { info: importDER(bytes, 'public', type === 'pkcs1' ? 'pkcs1' : null), kind: 'public' };
  }
  const pem = fromPEM(typeof key === 'string' ? key : bytes.toString('latin1'));
  if (!pem) throw decoderError();
  switch (pem.label) {
    case 'PRIVATE KEY': return { info: importDER(pem.der, 'private', null), kind: 'private' };
    case 'RSA PRIVATE KEY': return { info: importDER(pem.der, 'private', 'pkcs1'), kind: 'private' };
    case 'EC PRIVATE KEY': return { info: importDER(pem.der, 'private', 'sec1'), kind: 'private' };
    case 'PUBLIC KEY': return { info: importDER(pem.der, 'public', null), kind: 'public' };
    case 'RSA PUBLIC KEY': return { info: importDER(pem.der, 'public', 'pkcs1'), kind: 'public' };
    case 'CERTIFICATE': throw notSupported('createPublicKey from an X.509 certificate');
    default: throw decoderError();
  }
}

function isCryptoKey(value) {
  const webcrypto = require('internal/crypto/webcrypto');
  return value instanceof webcrypto.CryptoKey;
}

function importJWK(jwk, want) {
  const fields = {};
  for (const name of ['kty', 'crv', 'x', 'y', 'd', 'n', 'e', 'p', 'q', 'dp', 'dq', 'qi']) {
    if (jwk[name] !== undefined) {
      if (typeof jwk[name] !== 'string') throw new (errors().codes.ERR_INVALID_ARG_TYPE)(`key.${name}`, 'string', jwk[name]);
      fields[name] = jwk[name];
    }
  }
  if (typeof jwk.kty !== 'string') throw new (errors().codes.ERR_INVALID_ARG_TYPE)('key.kty', 'string', jwk.kty);
  if (jwk.kty === 'EC' || jwk.kty === 'OKP') {
    if (typeof jwk.crv !== 'string') throw new (errors().codes.ERR_INVALID_ARG_TYPE)('key.crv', 'string', jwk.crv);
  }
  if (!['EC', 'OKP', 'RSA'].includes(jwk.kty)) throw new (errors().codes.ERR_INVALID_ARG_VALUE)('key.kty', jwk.kty, 'must be one of: \'RSA\', \'EC\', \'OKP\'');
  if (want === 'private' && fields.d === undefined) throw codedError(TypeError, 'ERR_CRYPTO_INVALID_JWK', 'Invalid JWK data');
  if (want === 'public') delete fields.d;
  return internal.call('crypto.keyFromJwk', fields);
}

function createPrivateKey(key) {
  if (typeof key === 'object' && key !== null && (key instanceof KeyObject)) {
    throw new (errors().codes.ERR_INVALID_ARG_TYPE)('key', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], key);
  }
  const parsed = parseAsymmetric(key, 'private');
  if (parsed.keyObject) throw new (errors().codes.ERR_INVALID_ARG_TYPE)('key', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], key);
  if (parsed.kind !== 'private') throw decoderError();
  return makeAsymmetric(parsed.info, 'private');
}

function createPublicKey(key) {
  const parsed = parseAsymmetric(key, 'public');
  if (parsed.keyObject) {
    const ko = parsed.keyObject;
    if (ko.type !== 'private') throw new (errors().codes.ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE)(ko.type, 'private');
    const { info } = ko[kMaterial];
    return makeAsymmetric({ ...info, publicDer: undefined, der: info.publicDer, kind: 'public' }, 'public');
  }
  return makeAsymmetric(parsed.info, 'public');
}

function createSecretKey(key, encoding) {
  let bytes;
  if (typeof key === 'string') bytes = Buffer.from(key, encoding);
  else if (ArrayBuffer.isView(key)) bytes = Buffer.from(key.buffer, key.byteOffset, key.byteLength);
  else if (key instanceof ArrayBuffer) bytes = Buffer.from(key);
  else throw new (errors().codes.ERR_INVALID_ARG_TYPE)('key', ['ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], key);
  return new SecretKeyObject({ bytes: Buffer.from(bytes) });
}

/** Secret bytes of a secret KeyObject or CryptoKey, or undefined. */
function secretMaterial(key) {
  if (key instanceof SecretKeyObject) return key[kMaterial].bytes;
  if (isCryptoKey(key)) {
    const ko = require('internal/crypto/webcrypto').keyObjectOf(key);
    if (ko instanceof SecretKeyObject) return ko[kMaterial].bytes;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Generation

const kCurves = { 'P-256': 'prime256v1', 'prime256v1': 'prime256v1', 'secp256r1': 'prime256v1', 'P-384': 'secp384r1', 'secp384r1': 'secp384r1', 'P-521': 'secp521r1', 'secp521r1': 'secp521r1' };

function keyGenArgs(type, options) {
  validators().validateString(type, 'type');
  if (!['rsa', 'ec', 'ed25519', 'x25519', 'rsa-pss', 'dsa', 'dh', 'ed448', 'x448'].includes(type)) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'type' must be a supported key type. Received ${require('internal/util/inspect').inspect(type)}`);
  }
  if (!['rsa', 'ec', 'ed25519', 'x25519'].includes(type)) throw notSupported(`generateKeyPair('${type}')`);
  if (options !== undefined) validators().validateObject(options, 'options');
  options = options ?? {};
  const args = { type };
  checkKeyEncodings(type, options);
  if (type === 'rsa') {
    validators().validateUint32(options.modulusLength, 'options.modulusLength');
    args.modulusLength = options.modulusLength;
    if (options.publicExponent !== undefined) {
      validators().validateUint32(options.publicExponent, 'options.publicExponent');
      args.publicExponent = options.publicExponent;
    }
  } else if (type === 'ec') {
    validators().validateString(options.namedCurve, 'options.namedCurve');
    const curve = kCurves[options.namedCurve];
    if (curve === undefined) throw codedError(TypeError, 'ERR_CRYPTO_INVALID_CURVE', 'Invalid EC curve name');
    args.namedCurve = curve;
  }
  return args;
}

function invalidProperty(name, value) {
  return codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The property '${name}' is invalid. Received ${require('internal/util/inspect').inspect(value)}`);
}

/** Validates publicKeyEncoding/privateKeyEncoding before any key is generated, as Node does. */
function checkKeyEncodings(type, options) {
  for (const [which, kind] of [['publicKeyEncoding', 'public'], ['privateKeyEncoding', 'private']]) {
    const encoding = options?.[which];
    if (encoding === undefined) continue;
    if (typeof encoding !== 'object' || encoding === null) throw invalidProperty(`options.${which}`, encoding);
    const { format } = encoding;
    if (format === 'jwk') continue;
    if (format !== undefined && format !== 'pem' && format !== 'der') throw invalidProperty(`options.${which}.format`, format);
    const allowed = kind === 'public' ? ['pkcs1', 'spki'] : ['pkcs1', 'pkcs8', 'sec1'];
    if (!allowed.includes(encoding.type)) throw invalidProperty(`options.${which}.type`, encoding.type);
    if (encoding.type === 'pkcs1' && type !== 'rsa') {
      throw codedError(Error, 'ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS', 'The selected key encoding pkcs1 can only be used for RSA keys.');
    }
    if (encoding.type === 'sec1' && type !== 'ec') {
      throw codedError(Error, 'ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS', 'The selected key encoding sec1 can only be used for EC keys.');
    }
    if (kind === 'private' && encoding.cipher !== undefined) {
      if (encoding.passphrase === undefined) throw invalidProperty(`options.${which}.passphrase`, encoding.passphrase);
      throw notSupported('generateKeyPair with an encrypted private key encoding');
    }
  }
}

function encodeGenerated(key, encoding) {
  if (encoding === undefined) return key;
  validators().validateObject(encoding, 'encoding');
  if (encoding.format === 'jwk') return key.export({ format: 'jwk' });
  return key.export(encoding);
}

function finishPair(info, options) {
  const privateKey = makeAsymmetric(info, 'private');
  const publicKey = makeAsymmetric(info, 'public');
  return {
    publicKey: encodeGenerated(publicKey, options?.publicKeyEncoding),
    privateKey: encodeGenerated(privateKey, options?.privateKeyEncoding),
  };
}

function generateKeyPairSync(type, options) {
  const args = keyGenArgs(type, options);
  return finishPair(internal.call('crypto.keyGenerate', args), options);
}

function generateKeyPair(type, options, callback) {
  if (typeof options === 'function') { callback = options; options = undefined; }
  validators().validateFunction(callback, 'callback');
  const args = keyGenArgs(type, options);
  internal.callAsync('crypto.keyGenerate', args).then((info) => {
    let pair;
    try { pair = finishPair(info, options); } catch (err) { callback(err); return; }
    callback(null, pair.publicKey, pair.privateKey);
  }, (err) => callback(err));
}

// util.promisify(generateKeyPair) resolves to { publicKey, privateKey }, as in Node.
Object.defineProperty(generateKeyPair, Symbol.for('nodejs.util.promisify.customArgs'), { __proto__: null, value: ['publicKey', 'privateKey'] });

function generateKeySync(type, options) {
  validators().validateString(type, 'type');
  validators().validateObject(options, 'options');
  const { length } = options;
  if (type === 'hmac') {
    validators().validateInteger(length, 'options.length', 8, 2 ** 31 - 1);
    return createSecretKey(require('crypto').randomBytes(Math.floor(length / 8)));
  }
  if (type === 'aes') {
    if (![128, 192, 256].includes(length)) {
      throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The property 'options.length' must be one of: 128, 192, 256. Received ${require('internal/util/inspect').inspect(length)}`);
    }
    return createSecretKey(require('crypto').randomBytes(length / 8));
  }
  throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'type' must be a supported key type. Received ${require('internal/util/inspect').inspect(type)}`);
}

function generateKey(type, options, callback) {
  validators().validateFunction(callback, 'callback');
  const key = generateKeySync(type, options);
  process.nextTick(callback, null, key);
}

// ---------------------------------------------------------------------------------------------
// Signatures

function dataBytes(data, name = 'data') {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  throw new (errors().codes.ERR_INVALID_ARG_TYPE)(name, ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], data);
}

/** A private or public KeyObject for `key` (sign wants private; verify accepts either). */
function keyObjectFor(key, want) {
  const parsed = parseAsymmetric(key, want);
  let ko = parsed.keyObject;
  if (!ko) ko = makeAsymmetric(parsed.info, parsed.kind);
  if (want === 'private' && ko.type !== 'private') throw new (errors().codes.ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE)(ko.type, 'private');
  if (ko.type === 'secret') throw new (errors().codes.ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE)(ko.type, want === 'private' ? 'private' : 'public or private');
  return ko;
}

const kDigests = ['sha1', 'sha256', 'sha384', 'sha512'];

function signatureOptions(algorithm, key) {
  const options = {};
  if (algorithm !== null && algorithm !== undefined) {
    validators().validateString(algorithm, 'algorithm');
    let name = algorithm.toLowerCase();
    if (name.startsWith('rsa-')) name = name.slice(4);
    name = name.replace(/-/g, '');
    if (!kDigests.includes(name)) {
      if (['md5', 'sha224', 'sha512224', 'sha512256', 'sha3256', 'sha3384', 'sha3512', 'ripemd160'].includes(name)) throw notSupported(`sign with digest '${algorithm}'`);
      throw codedError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${algorithm}`);
    }
    options.digest = name;
  }
  if (typeof key === 'object' && key !== null && !ArrayBuffer.isView(key) && !(key instanceof KeyObject)) {
    if (key.padding !== undefined) {
      if (key.padding !== 1 && key.padding !== 6) throw notSupported(`sign with padding ${key.padding}`);
      options.padding = key.padding;
    }
    if (key.saltLength !== undefined) { validators().validateInt32(key.saltLength, 'key.saltLength', -2); options.saltLength = key.saltLength; }
    if (key.dsaEncoding !== undefined) {
      if (key.dsaEncoding !== 'der' && key.dsaEncoding !== 'ieee-p1363') throw new (errors().codes.ERR_INVALID_ARG_VALUE)('options.dsaEncoding', key.dsaEncoding);
      options.dsaEncoding = key.dsaEncoding;
    }
  }
  return options;
}

function checkDigestForKey(options, ko) {
  const type = ko.asymmetricKeyType;
  if (type === 'ed25519' && options.digest !== undefined) throw codedError(Error, 'ERR_OSSL_INVALID_DIGEST', 'error:1C80007A:Provider routines::invalid digest');
  if (type === 'x25519') throw codedError(Error, 'ERR_OSSL_EVP_OPERATION_NOT_SUPPORTED_FOR_THIS_KEYTYPE', 'error:03000096:digital envelope routines::operation not supported for this keytype');
  if ((type === 'rsa' || type === 'ec') && options.digest === undefined) options.digest = 'sha256';

}

// ---------------------------------------------------------------------------------------------
// RSA-PSS with any salt length (RFC 8017 EMSA-PSS): encoding and checking happen here, the
// private-key primitive on the host ('crypto.rsaRaw'), the public one with BigInt (a public
// computation on public data).

const kHashLength = { sha1: 20, sha256: 32, sha384: 48, sha512: 64 };

function digestBytes(name, data) { return require('crypto').createHash(name).update(data).digest(); }

function mgf1(hash, seed, length) {
  const parts = [];
  let produced = 0;
  for (let counter = 0; produced < length; counter++) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    const block = digestBytes(hash, Buffer.concat([seed, c]));
    parts.push(block);
    produced += block.length;
  }
  return Buffer.concat(parts).subarray(0, length);
}

function rsaPublicNumbers(ko) {
  const jwk = internal.call('crypto.keyExport', { kind: 'public', format: 'jwk' }, ko[kMaterial].publicBytes);
  const toBig = (b64) => BigInt('0x' + (Buffer.from(b64, 'base64url').toString('hex') || '0'));
  const n = toBig(jwk.n);
  return { n, e: toBig(jwk.e), bits: n.toString(2).length };
}

function modPow(base, exponent, modulus) {
  let result = 1n;
  base %= modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * base) % modulus;
    base = (base * base) % modulus;
  }
  return result;
}

function bigToBytes(value, length) {
  const hex = value.toString(16).padStart(length * 2, '0');
  return hex.length > length * 2 ? undefined : Buffer.from(hex, 'hex');
}

function pssSaltLength(saltLength, emLen, hLen) {
  // Unset: OpenSSL 3's default for signing, the digest length unless the key is too small for it.
  if (saltLength === undefined) return Math.min(hLen, emLen - hLen - 2);
  if (saltLength === -2) return emLen - hLen - 2; // RSA_PSS_SALTLEN_MAX_SIGN
  if (saltLength === -1) return hLen; // RSA_PSS_SALTLEN_DIGEST
  return saltLength;
}

function pssSign(ko, digest, data, saltLength) {
  const hLen = kHashLength[digest];
  const { bits } = rsaPublicNumbers(ko);
  const emBits = bits - 1, emLen = Math.ceil(emBits / 8), k = Math.ceil(bits / 8);
  const sLen = pssSaltLength(saltLength, emLen, hLen);
  if (sLen < 0 || emLen < hLen + sLen + 2) {
    throw codedError(Error, 'ERR_OSSL_RSA_DATA_TOO_LARGE_FOR_KEY_SIZE', 'error:0200006E:rsa routines::data too large for key size');
  }
  const salt = require('crypto').randomBytes(sLen);
  const h = digestBytes(digest, Buffer.concat([Buffer.alloc(8), digestBytes(digest, data), salt]));
  const db = Buffer.concat([Buffer.alloc(emLen - sLen - hLen - 2), Buffer.from([1]), salt]);
  const mask = mgf1(digest, h, emLen - hLen - 1);
  for (let i = 0; i < db.length; i++) db[i] ^= mask[i];
  db[0] &= 0xff >> (8 * emLen - emBits);
  const em = Buffer.concat([Buffer.alloc(k - emLen), db, h, Buffer.from([0xbc])]);
  const der = ko[kMaterial].bytes;
  const sig = internal.call('crypto.rsaRaw', { keyLength: der.length }, Buffer.concat([der, em]));
  return Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength);
}

function pssVerify(ko, digest, data, signature, saltLength) {
  const hLen = kHashLength[digest];
  const { n, e, bits } = rsaPublicNumbers(ko);
  const k = Math.ceil(bits / 8), emBits = bits - 1, emLen = Math.ceil(emBits / 8);
  if (signature.length !== k) return false;
  const s = BigInt('0x' + (signature.toString('hex') || '0'));
  if (s >= n) return false;
  const em = bigToBytes(modPow(s, e, n), emLen);
  if (em === undefined || em.length < hLen + 2 || em[emLen - 1] !== 0xbc) return false;
  const masked = em.subarray(0, emLen - hLen - 1), h = em.subarray(emLen - hLen - 1, emLen - 1);
  const topBits = 0xff >> (8 * emLen - emBits);
  if ((masked[0] & ~topBits) !== 0) return false;
  const db = Buffer.from(masked);
  const mask = mgf1(digest, h, db.length);
  for (let i = 0; i < db.length; i++) db[i] ^= mask[i];
  db[0] &= topBits;
  let index = 0;
  while (index < db.length && db[index] === 0) index++;
  if (index === db.length || db[index] !== 1) return false;
  const salt = db.subarray(index + 1);
  if (saltLength !== undefined && saltLength !== -2 && salt.length !== (saltLength === -1 ? hLen : saltLength)) return false;
  const expected = digestBytes(digest, Buffer.concat([Buffer.alloc(8), digestBytes(digest, data), salt]));
  return require('crypto').timingSafeEqual(expected, h);
}

function signOneShot(algorithm, data, key) {
  const options = signatureOptions(algorithm, key);
  const ko = keyObjectFor(key, 'private');
  checkDigestForKey(options, ko);
  if (ko.asymmetricKeyType === 'rsa' && options.padding === 6) return pssSign(ko, options.digest, data, options.saltLength);
  const der = ko[kMaterial].bytes;
  const sig = internal.call('crypto.sign', { ...options, keyLength: der.length }, Buffer.concat([der, data]));
  return Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength);
}

function verifyOneShot(algorithm, data, key, signature) {
  const options = signatureOptions(algorithm, key);
  const ko = keyObjectFor(key, 'public');
  checkDigestForKey(options, ko);
  if (ko.asymmetricKeyType === 'rsa' && options.padding === 6) return pssVerify(ko, options.digest, data, signature, options.saltLength);
  const der = ko[kMaterial].publicBytes;
  return internal.call('crypto.verify', { ...options, keyLength: der.length, signatureLength: signature.length }, Buffer.concat([der, signature, data]));
}

function sign(algorithm, data, key, callback) {
  if (algorithm !== null && algorithm !== undefined) validators().validateString(algorithm, 'algorithm');
  const bytes = dataBytes(data);
  if (key === undefined || key === null) throw new (errors().codes.ERR_CRYPTO_SIGN_KEY_REQUIRED)();
  if (callback !== undefined) {
    validators().validateFunction(callback, 'callback');
    let result, error = null;
    try { result = signOneShot(algorithm, bytes, key); } catch (err) { error = err; }
    process.nextTick(callback, error, result);
    return undefined;
  }
  return signOneShot(algorithm, bytes, key);
}

function verify(algorithm, data, key, signature, callback) {
  if (algorithm !== null && algorithm !== undefined) validators().validateString(algorithm, 'algorithm');
  const bytes = dataBytes(data);
  if (!ArrayBuffer.isView(signature)) throw new (errors().codes.ERR_INVALID_ARG_TYPE)('signature', ['Buffer', 'TypedArray', 'DataView'], signature);
  const sig = Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength);
  if (key === undefined || key === null) throw codedError(TypeError, 'ERR_CRYPTO_SIGN_KEY_REQUIRED', 'No key provided to sign');
  if (callback !== undefined) {
    validators().validateFunction(callback, 'callback');
    let result, error = null;
    try { result = verifyOneShot(algorithm, bytes, key, sig); } catch (err) { error = err; }
    process.nextTick(callback, error, result);
    return undefined;
  }
  return verifyOneShot(algorithm, bytes, key, sig);
}

const Writable = require('internal/streams/writable');

/** createSign/createVerify name their digest up front; Node's message has no name in it. */
function checkStreamDigest(algorithm) {
  try { signatureOptions(algorithm); } catch (err) {
    if (err.code === 'ERR_CRYPTO_INVALID_DIGEST') throw codedError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest');
    throw err;
  }
}

/** Sign and Verify: a writable collecting the data, used once. */
class SignatureStream extends Writable {
  constructor(algorithm, options) {
    validators().validateString(algorithm, 'algorithm');
    super(options);
    checkStreamDigest(algorithm);
    this._algorithm = algorithm;
    this._chunks = [];
  }
  _write(chunk, encoding, callback) { this.update(chunk, encoding); callback(); }
  update(data, encoding) {
    if (this._chunks === null) throw codedError(Error, 'ERR_CRYPTO_INVALID_STATE', 'Not initialised');
    if (typeof data === 'string') data = Buffer.from(data, encoding);
    else if (!ArrayBuffer.isView(data)) throw new (errors().codes.ERR_INVALID_ARG_TYPE)('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
    this._chunks.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    return this;
  }
}

class Sign extends SignatureStream {
  sign(key, encoding) {
    if (key === undefined || key === null) throw new (errors().codes.ERR_CRYPTO_SIGN_KEY_REQUIRED)();
    if (this._chunks === null) throw codedError(Error, 'ERR_CRYPTO_INVALID_STATE', 'Not initialised');
    const data = Buffer.concat(this._chunks);
    this._chunks = null;
    const sig = signOneShot(this._algorithm, data, key);
    return encoding && encoding !== 'buffer' ? sig.toString(encoding) : sig;
  }
}

class Verify extends SignatureStream {
  verify(key, signature, encoding) {
    if (typeof signature === 'string') signature = Buffer.from(signature, encoding);
    if (!ArrayBuffer.isView(signature)) throw new (errors().codes.ERR_INVALID_ARG_TYPE)('signature', ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], signature);
    if (this._chunks === null) throw codedError(Error, 'ERR_CRYPTO_INVALID_STATE', 'Not initialised');
    const data = Buffer.concat(this._chunks);
    this._chunks = null;
    return verifyOneShot(this._algorithm, data, key, Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength));
  }
}

function createSign(algorithm, options) { return new Sign(algorithm, options); }
function createVerify(algorithm, options) { return new Verify(algorithm, options); }

/**
 * Node's crypto classes are functions that also work without `new`: a function with the class's
 * prototype that constructs the class.
 */
function callable(Class, name) {
  const fn = { [name]: function (...args) { return Reflect.construct(Class, args, new.target ?? fn); } }[name];
  fn.prototype = Class.prototype;
  Object.defineProperty(Class.prototype, 'constructor', { __proto__: null, value: fn, writable: true, configurable: true });
  Object.setPrototypeOf(fn, Class); // statics (ECDH.convertKey) stay reachable
  return fn;
}

// ---------------------------------------------------------------------------------------------
// RSA-OAEP and Diffie-Hellman

const RSA_PKCS1_OAEP_PADDING = 4;

function rsaCipher(decrypt, key, buffer) {
  const ko = keyObjectFor(key, decrypt ? 'private' : 'public');
  const data = dataBytes(buffer, 'buffer');
  let padding = RSA_PKCS1_OAEP_PADDING, oaepHash = 'sha1';
  if (typeof key === 'object' && key !== null && !ArrayBuffer.isView(key) && !(key instanceof KeyObject)) {
    if (key.padding !== undefined) padding = key.padding;
    if (key.oaepHash !== undefined) { validators().validateString(key.oaepHash, 'key.oaepHash'); oaepHash = key.oaepHash; }
    if (key.oaepLabel !== undefined && dataBytes(key.oaepLabel, 'key.oaepLabel').length > 0) throw notSupported('RSA-OAEP with a label');
  }
  if (ko.asymmetricKeyType !== 'rsa') throw codedError(Error, 'ERR_OSSL_EVP_OPERATION_NOT_SUPPORTED_FOR_THIS_KEYTYPE', 'error:03000096:digital envelope routines::operation not supported for this keytype');
  if (padding === RSA_PKCS1_PADDING || padding === RSA_NO_PADDING) return rsaRawCipher(decrypt ? 'privateDecrypt' : 'publicEncrypt', ko, data, padding);
  if (padding !== RSA_PKCS1_OAEP_PADDING) throw notSupported(`${decrypt ? 'privateDecrypt' : 'publicEncrypt'} with padding ${padding}`);
  const der = decrypt ? ko[kMaterial].bytes : ko[kMaterial].publicBytes;
  const out = internal.call('crypto.rsaCipher', { decrypt, oaepHash, keyLength: der.length }, Buffer.concat([der, data]));
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

function publicEncrypt(key, buffer) { return rsaCipher(false, key, buffer); }
function privateDecrypt(key, buffer) { return rsaCipher(true, key, buffer); }

const RSA_PKCS1_PADDING = 1;
const RSA_NO_PADDING = 3;

function rsaError(code, reason, message) {
  return codedError(Error, code, `error:${reason}:rsa routines::${message}`);
}

/** The raw RSA operations with PKCS#1 v1.5 (types 1 and 2) or no padding, padded here. */
function rsaRawCipher(operation, ko, data, padding) {
  const { n, e, bits } = rsaPublicNumbers(ko);
  const k = Math.ceil(bits / 8);
  const usesPrivate = operation === 'privateEncrypt' || operation === 'privateDecrypt';
  const apply = (block) => {
    if (usesPrivate) {
      const der = ko[kMaterial].bytes;
      const out = internal.call('crypto.rsaRaw', { keyLength: der.length }, Buffer.concat([der, block]));
      return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
    }
    const value = BigInt('0x' + (block.toString('hex') || '0'));
    if (value >= n) throw rsaError('ERR_OSSL_RSA_DATA_TOO_LARGE_FOR_MODULUS', '0200006C', 'data too large for modulus');
    return bigToBytes(modPow(value, e, n), k);
  };
  if (operation === 'privateEncrypt' || operation === 'publicEncrypt') {
    let block = data;
    if (padding === RSA_NO_PADDING) {
      if (data.length > k) throw rsaError('ERR_OSSL_RSA_DATA_TOO_LARGE_FOR_KEY_SIZE', '0200006E', 'data too large for key size');
      if (data.length < k) throw rsaError('ERR_OSSL_RSA_DATA_TOO_SMALL_FOR_KEY_SIZE', '0200007A', 'data too small for key size');
    } else {
      if (data.length > k - 11) throw rsaError('ERR_OSSL_RSA_DATA_TOO_LARGE_FOR_KEY_SIZE', '0200006E', 'data too large for key size');
      const ps = Buffer.alloc(k - 3 - data.length, 0xff);
      if (operation === 'publicEncrypt') {
        // Type 2: random non-zero padding bytes.
        require('crypto').randomFillSync(ps);
        for (let i = 0; i < ps.length; i++) while (ps[i] === 0) ps[i] = require('crypto').randomBytes(1)[0];
      }
      block = Buffer.concat([Buffer.from([0, operation === 'publicEncrypt' ? 2 : 1]), ps, Buffer.from([0]), data]);
    }
    return apply(block);
  }
  // privateDecrypt / publicDecrypt
  if (data.length !== k) {
    if (padding === RSA_NO_PADDING && data.length > k) throw rsaError('ERR_OSSL_RSA_DATA_TOO_LARGE_FOR_KEY_SIZE', '0200006E', 'data too large for key size');
    throw rsaError('ERR_OSSL_RSA_INVALID_PADDING', '0200008A', 'invalid padding');
  }
  const block = apply(data);
  if (padding === RSA_NO_PADDING) return block;
  const type = operation === 'publicDecrypt' ? 1 : 2;
  let index = 2;
  if (block[0] !== 0 || block[1] !== type) throw rsaError('ERR_OSSL_RSA_INVALID_PADDING', '0200008A', 'invalid padding');
  while (index < block.length && block[index] !== 0) {
    if (type === 1 && block[index] !== 0xff) throw rsaError('ERR_OSSL_RSA_INVALID_PADDING', '0200008A', 'invalid padding');
    index++;
  }
  if (index === block.length || index < 10) throw rsaError('ERR_OSSL_RSA_INVALID_PADDING', '0200008A', 'invalid padding');
  return Buffer.from(block.subarray(index + 1));
}

function privateEncrypt(key, buffer) { return rsaPrivatePublic('privateEncrypt', key, buffer); }
function publicDecrypt(key, buffer) { return rsaPrivatePublic('publicDecrypt', key, buffer); }

function rsaPrivatePublic(operation, key, buffer) {
  const ko = keyObjectFor(key, operation === 'privateEncrypt' ? 'private' : 'public');
  const data = dataBytes(buffer, 'buffer');
  let padding = RSA_PKCS1_PADDING;
  if (typeof key === 'object' && key !== null && !ArrayBuffer.isView(key) && !(key instanceof KeyObject) && key.padding !== undefined) padding = key.padding;
  if (ko.asymmetricKeyType !== 'rsa') throw codedError(Error, undefined, 'error:00000000:lib(0)::reason(0)');
  if (padding !== RSA_PKCS1_PADDING && padding !== RSA_NO_PADDING) throw notSupported(`${operation} with padding ${padding}`);
  return rsaRawCipher(operation, ko, data, padding);
}

function diffieHellman(options, callback) {
  validators().validateObject(options, 'options');
  const { privateKey, publicKey } = options;
  if (!(privateKey instanceof KeyObject)) throw new (errors().codes.ERR_INVALID_ARG_VALUE)('options.privateKey', privateKey);
  if (!(publicKey instanceof KeyObject)) throw new (errors().codes.ERR_INVALID_ARG_VALUE)('options.publicKey', publicKey);
  if (privateKey.type !== 'private') throw new (errors().codes.ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE)(privateKey.type, 'private');
  if (publicKey.type !== 'public' && publicKey.type !== 'private') throw new (errors().codes.ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE)(publicKey.type, 'private or public');
  const a = privateKey.asymmetricKeyType, b = publicKey.asymmetricKeyType;
  if (a !== b) throw codedError(Error, 'ERR_CRYPTO_INCOMPATIBLE_KEY', `Incompatible key types for Diffie-Hellman: ${a} and ${b}`);
  if (a === 'ec' && privateKey.asymmetricKeyDetails.namedCurve !== publicKey.asymmetricKeyDetails.namedCurve) {
    throw codedError(Error, 'ERR_OSSL_MISMATCHING_DOMAIN_PARAMETERS', 'error:1C8000CB:Provider routines::mismatching domain parameters');
  }
  const compute = () => {
    const mine = privateKey[kMaterial].bytes;
    const out = internal.call('crypto.deriveShared', { keyLength: mine.length }, Buffer.concat([mine, publicKey[kMaterial].publicBytes]));
    return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  };
  if (callback === undefined) return compute();
  validators().validateFunction(callback, 'callback');
  let result, error = null;
  try { result = compute(); } catch (err) { error = err; }
  process.nextTick(callback, error, result);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// ECDH (createECDH): raw private scalars and uncompressed public points over the same keys.

const kEcdhCurves = { prime256v1: ['P-256', '3059301306072a8648ce3d020106082a8648ce3d030107034200', 65],
  secp384r1: ['P-384', '3076301006072a8648ce3d020106052b81040022036200', 97],
  secp521r1: ['P-521', '30819b301006072a8648ce3d020106052b8104002303818600', 133] };

function encodeOut(buffer, encoding) {
  return encoding && encoding !== 'buffer' ? buffer.toString(encoding) : buffer;
}

function inputBytes(value, encoding, name) {
  if (typeof value === 'string') return Buffer.from(value, encoding);
  if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  throw new (errors().codes.ERR_INVALID_ARG_TYPE)(name, ['string', 'ArrayBuffer', 'Buffer', 'TypedArray', 'DataView'], value);
}

class ECDH {
  constructor(curve) {
    validators().validateString(curve, 'curve');
    const name = curve;
    if (!kEcdhCurves[name]) throw codedError(TypeError, 'ERR_CRYPTO_INVALID_CURVE', 'Invalid EC curve name');
    this._curve = name;
    this._key = undefined;
  }
  generateKeys(encoding, format) {
    this._key = generateKeyPairSync('ec', { namedCurve: this._curve }).privateKey;
    return this.getPublicKey(encoding, format);
  }
  _jwk() {
    if (this._key === undefined) throw codedError(Error, 'ERR_CRYPTO_ECDH_INVALID_PUBLIC_KEY', 'Failed to get ECDH public key');
    return this._key.export({ format: 'jwk' });
  }
  getPublicKey(encoding, format) {
    const jwk = this._jwk();
    const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]);
    return encodeOut(convertPoint(point, this._curve, format), encoding);
  }
  getPrivateKey(encoding) {
    if (this._key === undefined) throw codedError(Error, 'ERR_CRYPTO_ECDH_INVALID_PUBLIC_KEY', 'Failed to get ECDH private key');
    return encodeOut(Buffer.from(this._jwk().d, 'base64url'), encoding);
  }
  setPrivateKey(key, encoding) {
    const bytes = inputBytes(key, encoding, 'key');
    try {
      this._key = makeAsymmetric(internal.call('crypto.keyFromJwk', { kty: 'EC', crv: kEcdhCurves[this._curve][0], d: bytes.toString('base64url') }), 'private');
    } catch {
      throw codedError(Error, 'ERR_CRYPTO_INVALID_KEYTYPE', 'Private key is not valid for specified curve.');
    }
    return this;
  }
  computeSecret(otherPublicKey, inputEncoding, outputEncoding) {
    let point = inputBytes(otherPublicKey, inputEncoding, 'otherPublicKey');
    const [, prefix, length] = kEcdhCurves[this._curve];
    if (this._key === undefined) throw codedError(Error, 'ERR_CRYPTO_INVALID_STATE', 'Invalid state for operation computeSecret');
    let peer;
    try {
      if (point[0] === 2 || point[0] === 3) point = convertPoint(point, this._curve, 'uncompressed');
      if (point.length !== length || point[0] !== 4) throw new Error('bad point');
      peer = makeAsymmetric(importDER(Buffer.concat([Buffer.from(prefix, 'hex'), point]), 'public', null), 'public');
    } catch {
      throw codedError(Error, 'ERR_CRYPTO_ECDH_INVALID_PUBLIC_KEY', 'Public key is not valid for specified curve');
    }
    return encodeOut(diffieHellman({ privateKey: this._key, publicKey: peer }), outputEncoding);
  }
}

ECDH.convertKey = function convertKey(key, curve, inputEncoding, outputEncoding, format) {
  validators().validateString(curve, 'curve');
  if (!kEcdhCurves[curve]) throw codedError(TypeError, 'ERR_CRYPTO_INVALID_CURVE', 'Invalid EC curve name');
  return encodeOut(convertPoint(inputBytes(key, inputEncoding, 'key'), curve, format), outputEncoding);
};

/** A public point in the requested form ('uncompressed' by default, or 'compressed'). */
function convertPoint(point, curve, format = 'uncompressed') {
  if (format !== 'uncompressed' && format !== 'compressed') {
    if (format === 'hybrid') throw notSupported("ECDH points in the 'hybrid' format");
    throw codedError(TypeError, 'ERR_CRYPTO_ECDH_INVALID_FORMAT', `Invalid ECDH format: ${format}`);
  }
  const out = internal.call('crypto.ecPoint', { curve, compressed: format === 'compressed' }, point);
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

function createECDH(curve) { return new ECDH(curve); }

module.exports = {
  ECDH: callable(ECDH, 'ECDH'), createECDH,
  KeyObject, SecretKeyObject, PublicKeyObject, PrivateKeyObject, AsymmetricKeyObject, kMaterial,
  createPrivateKey, createPublicKey, createSecretKey, secretMaterial, makeAsymmetric, importDER, importJWK, toPEM,
  generateKeyPair, generateKeyPairSync, generateKey, generateKeySync,
  sign, verify, createSign, createVerify, Sign: callable(Sign, 'Sign'), Verify: callable(Verify, 'Verify'), signOneShot, verifyOneShot, callable,
  publicEncrypt, privateDecrypt, privateEncrypt, publicDecrypt, diffieHellman,
  getCurves: () => ['prime256v1', 'secp384r1', 'secp521r1'],
};
