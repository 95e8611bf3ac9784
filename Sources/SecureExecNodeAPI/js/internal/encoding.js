'use strict';

// WHATWG TextEncoder / TextDecoder for utf-8, utf-16le, utf-16be and windows-1252 (latin1),
// decoding in pure JavaScript with streaming, `fatal` and `ignoreBOM`.
//
// Node 22 decodes the windows-1252 labels (latin1, ascii, ...) as ISO-8859-1, i.e. each byte
// becomes the code point of the same value; we reproduce that rather than the WHATWG table.

const ArrayBufferIsView = ArrayBuffer.isView;
const StringFromCharCode = String.fromCharCode;
const ReflectApply = Reflect.apply;
const ObjectDefineProperties = Object.defineProperties;
const ObjectGetPrototypeOf = Object.getPrototypeOf;
const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
const TypedArrayPrototype = ObjectGetPrototypeOf(Uint8Array.prototype);
const TypedArrayGetName = ObjectGetOwnPropertyDescriptor(TypedArrayPrototype, Symbol.toStringTag).get;
const ArrayBufferGetByteLength = ObjectGetOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get;
const SharedArrayBufferGetByteLength = typeof SharedArrayBuffer === 'function' ?
  ObjectGetOwnPropertyDescriptor(SharedArrayBuffer.prototype, 'byteLength').get : undefined;

const kFlagFatal = 0x2;
const kFlagIgnoreBOM = 0x4;
const kFlagsSymbol = Symbol('flags');
const kHandleSymbol = Symbol('handle');
const customInspectSymbol = Symbol.for('nodejs.util.inspect.custom');

let errorsModule;
function nodeError(code, Base, args, message) {
  if (errorsModule === undefined) {
    try {
      errorsModule = require('internal/errors');
    } catch {
      errorsModule = null;
    }
  }
  const Ctor = errorsModule && errorsModule.codes && errorsModule.codes[code];
  if (typeof Ctor === 'function') return new Ctor(...args);
  const err = new Base(message);
  err.code = code;
  return err;
}

// A TypeError with a fixed message (Node throws these from C++ without the usual "Received").
function plainCodeError(code, Base, message) {
  const err = new Base(message);
  Object.defineProperty(err, 'code', { __proto__: null, value: code, enumerable: true, writable: true, configurable: true });
  return err;
}

function invalidThis(type) {
  return nodeError('ERR_INVALID_THIS', TypeError, [type], `Value of "this" must be of type ${type}`);
}

function lazyInspect() {
  return require('internal/util/inspect').inspect;
}

// --- Labels (https://encoding.spec.whatwg.org/#names-and-labels) -------------------------------

const encodingLabels = { __proto__: null };
function addLabels(name, labels) {
  for (let i = 0; i < labels.length; i++) encodingLabels[labels[i]] = name;
}
addLabels('utf-8', ['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8',
  'x-unicode20utf8']);
addLabels('utf-16le', ['csunicode', 'iso-10646-ucs-2', 'ucs-2', 'unicode', 'unicodefeff',
  'utf-16', 'utf-16le']);
addLabels('utf-16be', ['unicodefffe', 'utf-16be']);
addLabels('windows-1252', ['ansi_x3.4-1968', 'ascii', 'cp1252', 'cp819', 'csisolatin1', 'ibm819',
  'iso-8859-1', 'iso-ir-100', 'iso8859-1', 'iso88591', 'iso_8859-1', 'iso_8859-1:1987', 'l1',
  'latin1', 'us-ascii', 'windows-1252', 'x-cp1252']);

function getEncodingFromLabel(label) {
  const normalized = String(label).replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '').toLowerCase();
  return encodingLabels[normalized];
}

// --- Input handling -----------------------------------------------------------------------------

function isAnyArrayBuffer(value) {
  if (value === null || typeof value !== 'object') return false;
  try {
    ReflectApply(ArrayBufferGetByteLength, value, []);
    return true;
  } catch {
    // Not an ArrayBuffer.
  }
  if (SharedArrayBufferGetByteLength === undefined) return false;
  try {
    ReflectApply(SharedArrayBufferGetByteLength, value, []);
    return true;
  } catch {
    return false;
  }
}

// Returns the bytes of a BufferSource as a Uint8Array view (no copy), or undefined.
function toBytes(input) {
  // A detached buffer (transferred away) reads as empty, as in Node; JSC refuses a view on it.
  if (ArrayBufferIsView(input)) {
    return input.byteLength === 0 ? new Uint8Array(0) : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  }
  if (isAnyArrayBuffer(input)) return input.byteLength === 0 ? new Uint8Array(0) : new Uint8Array(input);
  return undefined;
}

// Builds strings from code units without overflowing the argument limit.
class StringBuilder {
  constructor() {
    this.units = [];
    this.result = '';
  }

  push(unit) {
    this.units.push(unit);
    if (this.units.length >= 8192) this.flush();
  }

  pushCodePoint(cp) {
    if (cp > 0xffff) {
      cp -= 0x10000;
      this.push(0xd800 + (cp >> 10));
      this.push(0xdc00 + (cp & 0x3ff));
    } else {
      this.push(cp);
    }
  }

  flush() {
    if (this.units.length !== 0) {
      this.result += ReflectApply(StringFromCharCode, null, this.units);
      this.units = [];
    }
  }

  toString() {
    this.flush();
    return this.result;
  }
}

// --- Decoders -----------------------------------------------------------------------------------

// UTF-8 per https://encoding.spec.whatwg.org/#utf-8-decoder: each maximal invalid subsequence
// becomes one U+FFFD.
class Utf8Decoder {
  constructor() {
    this.reset();
  }

  reset() {
    this.codePoint = 0;
    this.bytesNeeded = 0;
    this.bytesSeen = 0;
    this.lower = 0x80;
    this.upper = 0xbf;
  }

  // Returns false on a decoding error when `fatal`.
  decode(bytes, out, flush, fatal) {
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i];
      if (this.bytesNeeded === 0) {
        if (byte <= 0x7f) {
          out.push(byte);
        } else if (byte >= 0xc2 && byte <= 0xdf) {
          this.bytesNeeded = 1;
          this.codePoint = byte & 0x1f;
        } else if (byte >= 0xe0 && byte <= 0xef) {
          if (byte === 0xe0) this.lower = 0xa0;
          if (byte === 0xed) this.upper = 0x9f;
          this.bytesNeeded = 2;
          this.codePoint = byte & 0xf;
        } else if (byte >= 0xf0 && byte <= 0xf4) {
          if (byte === 0xf0) this.lower = 0x90;
          if (byte === 0xf4) this.upper = 0x8f;
          this.bytesNeeded = 3;
          this.codePoint = byte & 0x7;
        } else {
          if (fatal) return false;
          out.push(0xfffd);
        }
        continue;
      }
      if (byte < this.lower || byte > this.upper) {
        // The pending sequence is invalid; the current byte starts over.
        this.reset();
        if (fatal) return false;
        out.push(0xfffd);
        i--;
        continue;
      }
      this.lower = 0x80;
      this.upper = 0xbf;
      this.codePoint = (this.codePoint << 6) | (byte & 0x3f);
      if (++this.bytesSeen === this.bytesNeeded) {
        out.pushCodePoint(this.codePoint);
        this.reset();
      }
    }
    if (flush && this.bytesNeeded !== 0) {
      this.reset();
      if (fatal) return false;
      out.push(0xfffd);
    }
    return true;
  }
}

// UTF-16 per https://encoding.spec.whatwg.org/#shared-utf-16-decoder.
class Utf16Decoder {
  constructor(bigEndian) {
    this.bigEndian = bigEndian;
    this.reset();
  }

  reset() {
    this.leadByte = -1;
    this.leadSurrogate = -1;
  }

  decode(bytes, out, flush, fatal) {
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i];
      if (this.leadByte === -1) {
        this.leadByte = byte;
        continue;
      }
      const unit = this.bigEndian ? (this.leadByte << 8) | byte : (byte << 8) | this.leadByte;
      this.leadByte = -1;
      if (this.leadSurrogate !== -1) {
        const lead = this.leadSurrogate;
        this.leadSurrogate = -1;
        if (unit >= 0xdc00 && unit <= 0xdfff) {
          out.push(lead);
          out.push(unit);
          continue;
        }
        // Unpaired lead surrogate; the unit is processed on its own below.
        if (fatal) return false;
        out.push(0xfffd);
      }
      if (unit >= 0xd800 && unit <= 0xdbff) {
        this.leadSurrogate = unit;
      } else if (unit >= 0xdc00 && unit <= 0xdfff) {
        if (fatal) return false;
        out.push(0xfffd);
      } else {
        out.push(unit);
      }
    }
    if (flush && (this.leadByte !== -1 || this.leadSurrogate !== -1)) {
      this.reset();
      if (fatal) return false;
      out.push(0xfffd);
    }
    return true;
  }
}

// Node 22 decodes the windows-1252 family byte for code point.
class Latin1Decoder {
  reset() {}

  decode(bytes, out) {
    for (let i = 0; i < bytes.length; i++) out.push(bytes[i]);
    return true;
  }
}

function makeDecoder(encoding) {
  switch (encoding) {
    case 'utf-8': return new Utf8Decoder();
    case 'utf-16le': return new Utf16Decoder(false);
    case 'utf-16be': return new Utf16Decoder(true);
    default: return new Latin1Decoder();
  }
}

// --- TextDecoder --------------------------------------------------------------------------------

class TextDecoder {
  #encoding;
  #fatal;
  #ignoreBOM;
  #decoder;
  // Whether the BOM check for the current stream is still to be done.
  #bomPending = true;

  constructor(encoding = 'utf-8', options = undefined) {
    const name = getEncodingFromLabel(`${encoding}`);
    if (name === undefined) {
      throw nodeError('ERR_ENCODING_NOT_SUPPORTED', RangeError, [encoding],
                      `The "${encoding}" encoding is not supported`);
    }
    if (options !== undefined && options !== null && typeof options !== 'object' &&
        typeof options !== 'function') {
      throw nodeError('ERR_INVALID_ARG_TYPE', TypeError, ['options', 'object', options],
                      `The "options" argument must be of type object. Received type ${
                        typeof options} (${String(options)})`);
    }
    let flags = 0;
    if (options !== undefined && options !== null) {
      flags |= options.fatal ? kFlagFatal : 0;
      flags |= options.ignoreBOM ? kFlagIgnoreBOM : 0;
    }
    this.#encoding = name;
    this.#fatal = (flags & kFlagFatal) !== 0;
    this.#ignoreBOM = (flags & kFlagIgnoreBOM) !== 0;
    this.#decoder = makeDecoder(name);
  }

  static #check(self) {
    if (self === null || typeof self !== 'object' || !(#decoder in self)) {
      throw invalidThis('TextDecoder');
    }
  }

  decode(input = undefined, options = undefined) {
    TextDecoder.#check(this);
    let bytes;
    if (input === undefined) {
      bytes = new Uint8Array(0);
    } else {
      bytes = toBytes(input);
      if (bytes === undefined) {
        // Node 22 reports the argument under the name its native decoder uses.
        const argName = this.#encoding === 'utf-8' ? 'list' : 'input';
        throw plainCodeError('ERR_INVALID_ARG_TYPE', TypeError,
                             `The "${argName}" argument must be an instance of ` +
                             'SharedArrayBuffer, ArrayBuffer or ArrayBufferView.');
      }
    }
    const stream = options !== undefined && options !== null && typeof options === 'object' &&
      Boolean(options.stream);
    const out = new StringBuilder();
    const ok = this.#decoder.decode(bytes, out, !stream, this.#fatal);
    if (!ok) {
      this.#decoder.reset();
      this.#bomPending = true;
      throw nodeError('ERR_ENCODING_INVALID_ENCODED_DATA', TypeError, [this.#encoding, undefined],
                      `The encoded data was not valid for encoding ${this.#encoding}`);
    }
    let result = out.toString();
    if (this.#bomPending && result.length !== 0) {
      // The BOM is looked for once per stream, at its start.
      this.#bomPending = false;
      if (!this.#ignoreBOM && this.#encoding !== 'windows-1252' &&
          result.charCodeAt(0) === 0xfeff) {
        result = result.slice(1);
      }
    }
    if (!stream) this.#bomPending = true;
    return result;
  }

  get encoding() {
    TextDecoder.#check(this);
    return this.#encoding;
  }

  get fatal() {
    TextDecoder.#check(this);
    return this.#fatal;
  }

  get ignoreBOM() {
    TextDecoder.#check(this);
    return this.#ignoreBOM;
  }

  [customInspectSymbol](depth, opts) {
    TextDecoder.#check(this);
    if (typeof depth === 'number' && depth < 0) return beyondDepth(this, 'TextDecoder', opts);
    const constructor = findConstructor(this) || TextDecoder;
    const obj = { __proto__: { constructor } };
    obj.encoding = this.#encoding;
    obj.fatal = this.#fatal;
    obj.ignoreBOM = this.#ignoreBOM;
    if (opts && opts.showHidden) {
      obj[kFlagsSymbol] = (this.#fatal ? kFlagFatal : 0) | (this.#ignoreBOM ? kFlagIgnoreBOM : 0);
      obj[kHandleSymbol] = undefined;
    }
    return `${constructor.name} ${lazyInspect()(obj)}`;
  }
}

// What Node prints for an object past the inspection depth: `[Name]` (Node's instances carry
// symbol-keyed slots, so they are never shown as an empty `Name {}`).
function beyondDepth(obj, tag, opts) {
  const ctor = findConstructor(obj);
  const name = ctor === null ? `[${tag}: null prototype]` : ctor.name === tag ? `[${tag}]` : `[${ctor.name} [${tag}]]`;
  return typeof opts?.stylize === 'function' ? opts.stylize(name, 'special') : name;
}

function findConstructor(obj) {
  while (obj !== null) {
    const desc = ObjectGetOwnPropertyDescriptor(obj, 'constructor');
    if (desc !== undefined && typeof desc.value === 'function' && desc.value.name !== '') {
      return desc.value;
    }
    obj = ObjectGetPrototypeOf(obj);
  }
  return null;
}

// --- TextEncoder --------------------------------------------------------------------------------

function encodeUtf8(str) {
  // Worst case 3 bytes per UTF-16 code unit.
  const out = new Uint8Array(str.length * 3);
  let pos = 0;
  for (let i = 0; i < str.length; i++) {
    let cp = str.charCodeAt(i);
    if (cp < 0x80) {
      out[pos++] = cp;
      continue;
    }
    if (cp >= 0xd800 && cp <= 0xdfff) {
      const next = i + 1 < str.length ? str.charCodeAt(i + 1) : 0;
      if (cp <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else {
        // Lone surrogates encode as U+FFFD.
        cp = 0xfffd;
      }
    }
    pos = writeCodePoint(out, pos, cp);
  }
  return out.slice(0, pos);
}

function utf8Length(cp) {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

function writeCodePoint(out, pos, cp) {
  if (cp < 0x80) {
    out[pos++] = cp;
  } else if (cp < 0x800) {
    out[pos++] = 0xc0 | (cp >> 6);
    out[pos++] = 0x80 | (cp & 0x3f);
  } else if (cp < 0x10000) {
    out[pos++] = 0xe0 | (cp >> 12);
    out[pos++] = 0x80 | ((cp >> 6) & 0x3f);
    out[pos++] = 0x80 | (cp & 0x3f);
  } else {
    out[pos++] = 0xf0 | (cp >> 18);
    out[pos++] = 0x80 | ((cp >> 12) & 0x3f);
    out[pos++] = 0x80 | ((cp >> 6) & 0x3f);
    out[pos++] = 0x80 | (cp & 0x3f);
  }
  return pos;
}

class TextEncoder {
  #brand = true;

  static #check(self) {
    if (self === null || typeof self !== 'object' || !(#brand in self)) {
      throw invalidThis('TextEncoder');
    }
  }

  get encoding() {
    TextEncoder.#check(this);
    return 'utf-8';
  }

  encode(input = '') {
    TextEncoder.#check(this);
    return encodeUtf8(`${input}`);
  }

  encodeInto(src, dest) {
    TextEncoder.#check(this);
    if (typeof src !== 'string') {
      throw nodeError('ERR_INVALID_ARG_TYPE', TypeError, ['src', 'string', src],
                      'The "src" argument must be of type string.');
    }
    if (ReflectApply(TypedArrayGetName, dest, []) !== 'Uint8Array') {
      throw nodeError('ERR_INVALID_ARG_TYPE', TypeError, ['dest', 'Uint8Array', dest],
                      'The "dest" argument must be an instance of Uint8Array.');
    }
    let read = 0;
    let written = 0;
    const available = dest.length;
    for (let i = 0; i < src.length; i++) {
      let cp = src.charCodeAt(i);
      let units = 1;
      if (cp >= 0xd800 && cp <= 0xdfff) {
        const next = i + 1 < src.length ? src.charCodeAt(i + 1) : 0;
        if (cp <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          cp = 0x10000 + ((cp - 0xd800) << 10) + (next - 0xdc00);
          units = 2;
        } else {
          cp = 0xfffd;
        }
      }
      // Stop before a code point that does not fit entirely.
      if (written + utf8Length(cp) > available) break;
      written = writeCodePoint(dest, written, cp);
      read += units;
      i += units - 1;
    }
    return { read, written };
  }

  [customInspectSymbol](depth, opts) {
    TextEncoder.#check(this);
    if (typeof depth === 'number' && depth < 0) return beyondDepth(this, 'TextEncoder', opts);
    const ctor = findConstructor(this);
    // Node prints this object without a class name.
    const obj = { __proto__: { constructor: ctor === null ? TextEncoder : ctor } };
    obj.encoding = 'utf-8';
    return lazyInspect()(obj, opts);
  }
}

// WebIDL: operations and attributes are enumerable; the classes carry their tag.
function makeEnumerable(proto, names, tag) {
  const descriptors = {};
  for (const name of names) {
    const desc = { __proto__: null, ...ObjectGetOwnPropertyDescriptor(proto, name) };
    desc.enumerable = true;
    descriptors[name] = desc;
  }
  descriptors[Symbol.toStringTag] = { __proto__: null, value: tag, writable: false, enumerable: false, configurable: true };
  ObjectDefineProperties(proto, descriptors);
}
makeEnumerable(TextDecoder.prototype, ['decode', 'encoding', 'fatal', 'ignoreBOM'], 'TextDecoder');
makeEnumerable(TextEncoder.prototype, ['encoding', 'encode', 'encodeInto'], 'TextEncoder');

module.exports = {
  getEncodingFromLabel,
  TextDecoder,
  TextEncoder,
};
