'use strict';
// Node 22 `buffer` module, implemented in plain JavaScript for JavaScriptCore.
//
// Behaviour follows Node 22.20 (lib/buffer.js plus its C++ bindings): argument handling, error
// codes/messages, the 8 KiB allocation pool, lenient base64/hex decoding, V8's UTF-8 encoder
// (never splits a character, lone surrogates become U+FFFD) and V8's UTF-8 decoder (WHATWG
// "maximal subpart" replacement).
//
// Optional native fast paths. They are looked up at call time on `internal.natives`; every one
// may be missing, in which case the JavaScript implementation below is used.
//   utf8Decode(bytes: Uint8Array, start: number, end: number) -> string
//       UTF-8 -> string, invalid sequences replaced by U+FFFD per maximal subpart (WHATWG),
//       BOM is NOT stripped.
//   utf8Write(bytes: Uint8Array, string: string, offset: number, length: number) -> number
//       Encodes `string` into bytes[offset .. offset+length) and returns the number of bytes
//       written. Never writes a partial character; lone surrogates are written as EF BF BD.
//   utf8ByteLength(string: string) -> number
//       Byte length of the UTF-8 encoding (lone surrogates count 3).
//   latin1Decode(bytes: Uint8Array, start: number, end: number) -> string
//       One char per byte (U+0000..U+00FF).
//   ucs2Decode(bytes: Uint8Array, start: number, end: number) -> string
//       Little-endian UTF-16 code units; (end - start) is always even.
//   base64Encode(bytes: Uint8Array, start: number, end: number, url: boolean) -> string
//       Standard alphabet with '=' padding when url is false; '-_' and no padding when true.
//   getOwnNonIndexProperties(object: object, onlyEnumerable: boolean) -> Array<string|symbol>
//       Own keys of a typed array except its integer indices (used by the inspect hook).

// ---------------------------------------------------------------------------------------------
// Lazy access to sibling modules (they may load after us, or not exist yet during development).

let lazyCodes;
function codes() {
  if (lazyCodes === undefined) lazyCodes = require('internal/errors').codes;
  return lazyCodes;
}

let lazyInspectFn;
function utilInspect(value, options) {
  if (lazyInspectFn === undefined) {
    try {
      lazyInspectFn = require('internal/util/inspect').inspect;
    } catch {
      lazyInspectFn = require('util').inspect;
    }
  }
  return lazyInspectFn(value, options);
}

function natives() {
  return internal ? internal.natives : undefined;
}

// Errors raised by Node's C++ layer are plain engine errors with an enumerable `code` property
// (no "[CODE]" in the name), so they are built here rather than through internal/errors.
function nativeError(Ctor, code, message) {
  const err = new Ctor(message);
  err.code = code;
  return err;
}

function notAStringError() {
  return nativeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'argument must be a string');
}

function indexOutOfRange() {
  return nativeError(RangeError, 'ERR_OUT_OF_RANGE', 'Index out of range');
}

// ---------------------------------------------------------------------------------------------
// Captured intrinsics (guest code may later patch the globals).

const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
const getTypedArrayTag = Object.getOwnPropertyDescriptor(TypedArrayPrototype, Symbol.toStringTag).get;
const typedArrayFill = TypedArrayPrototype.fill;
const typedArraySet = TypedArrayPrototype.set;
const typedArraySlice = TypedArrayPrototype.slice;
const typedArrayIndexOf = TypedArrayPrototype.indexOf;
const typedArrayLastIndexOf = TypedArrayPrototype.lastIndexOf;
const typedArrayGetLength = Object.getOwnPropertyDescriptor(TypedArrayPrototype, 'length').get;
const typedArrayGetBuffer = Object.getOwnPropertyDescriptor(TypedArrayPrototype, 'buffer').get;
const typedArrayGetByteOffset = Object.getOwnPropertyDescriptor(TypedArrayPrototype, 'byteOffset').get;
const typedArrayGetByteLength = Object.getOwnPropertyDescriptor(TypedArrayPrototype, 'byteLength').get;
const arrayBufferGetByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get;
const arrayBufferDetachedDesc = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'detached');
const arrayBufferGetDetached = arrayBufferDetachedDesc ? arrayBufferDetachedDesc.get : undefined;
const SharedArrayBufferCtor = typeof SharedArrayBuffer === 'function' ? SharedArrayBuffer : undefined;
const sharedArrayBufferGetByteLength = SharedArrayBufferCtor ?
  Object.getOwnPropertyDescriptor(SharedArrayBufferCtor.prototype, 'byteLength').get : undefined;
const dataViewGetBuffer = Object.getOwnPropertyDescriptor(DataView.prototype, 'buffer').get;
const dataViewGetByteOffset = Object.getOwnPropertyDescriptor(DataView.prototype, 'byteOffset').get;
const dataViewGetByteLength = Object.getOwnPropertyDescriptor(DataView.prototype, 'byteLength').get;
const isArrayBufferView = ArrayBuffer.isView;
const fromCharCode = String.fromCharCode;
const fromCharCodeApply = (units) => fromCharCode.apply(null, units);
const objectToString = Object.prototype.toString;
const MathFloor = Math.floor;
const MathMin = Math.min;
const MathMax = Math.max;
const MathTrunc = Math.trunc;
const NumberIsInteger = Number.isInteger;
const NumberIsNaN = Number.isNaN;

function isUint8Array(value) {
  return getTypedArrayTag.call(value) === 'Uint8Array';
}

function isTypedArray(value) {
  return getTypedArrayTag.call(value) !== undefined;
}

function isArrayBuffer(value) {
  if (value === null || typeof value !== 'object' || isArrayBufferView(value)) return false;
  if (value instanceof ArrayBuffer) return true;
  // Brand check for objects whose prototype chain was changed (rare, so the cost of a throw is fine).
  if (objectToString.call(value) !== '[object ArrayBuffer]') return false;
  try {
    arrayBufferGetByteLength.call(value);
    return true;
  } catch {
    return false;
  }
}

function isSharedArrayBuffer(value) {
  if (SharedArrayBufferCtor === undefined || value === null || typeof value !== 'object' ||
      isArrayBufferView(value)) {
    return false;
  }
  if (value instanceof SharedArrayBufferCtor) return true;
  if (objectToString.call(value) !== '[object SharedArrayBuffer]') return false;
  try {
    sharedArrayBufferGetByteLength.call(value);
    return true;
  } catch {
    return false;
  }
}

function isAnyArrayBuffer(value) {
  return isArrayBuffer(value) || isSharedArrayBuffer(value);
}

// Raw bytes of any ArrayBufferView (typed array or DataView), as a Uint8Array over the same memory.
function viewBytes(view) {
  if (getTypedArrayTag.call(view) !== undefined) {
    return new Uint8Array(typedArrayGetBuffer.call(view), typedArrayGetByteOffset.call(view),
                          typedArrayGetByteLength.call(view));
  }
  return new Uint8Array(dataViewGetBuffer.call(view), dataViewGetByteOffset.call(view),
                        dataViewGetByteLength.call(view));
}

// ---------------------------------------------------------------------------------------------
// Constants

// Node 22 on 64-bit reports V8's limits; we report the same numbers so feature checks behave alike.
const kMaxLength = 2 ** 53 - 1;
const kStringMaxLength = 536870888;
const constants = Object.defineProperties({}, {
  MAX_LENGTH: { __proto__: null, value: kMaxLength, writable: false, enumerable: true, configurable: false },
  MAX_STRING_LENGTH: { __proto__: null, value: kStringMaxLength, writable: false, enumerable: true, configurable: false },
});
let INSPECT_MAX_BYTES = 50;

const customInspectSymbol = Symbol.for('nodejs.util.inspect.custom');
const kIsEncodingSymbol = Symbol('kIsEncodingSymbol');

// ---------------------------------------------------------------------------------------------
// Validators (local copies with Node's exact messages; internal/validators is not required so this
// module only depends on internal/errors).

function validateNumber(value, name, min, max) {
  if (typeof value !== 'number') throw new (codes().ERR_INVALID_ARG_TYPE)(name, 'number', value);
  if ((min != null && value < min) || (max != null && value > max) ||
      ((min != null || max != null) && NumberIsNaN(value))) {
    throw new (codes().ERR_OUT_OF_RANGE)(
      name,
      `${min != null ? `>= ${min}` : ''}${min != null && max != null ? ' && ' : ''}${max != null ? `<= ${max}` : ''}`,
      value);
  }
}

function validateInteger(value, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
  if (typeof value !== 'number') throw new (codes().ERR_INVALID_ARG_TYPE)(name, 'number', value);
  if (!NumberIsInteger(value)) throw new (codes().ERR_OUT_OF_RANGE)(name, 'an integer', value);
  if (value < min || value > max) {
    throw new (codes().ERR_OUT_OF_RANGE)(name, `>= ${min} && <= ${max}`, value);
  }
}

function validateOffset(value, name, min = 0, max = kMaxLength) {
  validateInteger(value, name, min, max);
}

function validateString(value, name) {
  if (typeof value !== 'string') throw new (codes().ERR_INVALID_ARG_TYPE)(name, 'string', value);
}

// ---------------------------------------------------------------------------------------------
// String building. Code units are collected in a reusable plain array and turned into strings in
// chunks: String.fromCharCode.apply on a plain array is the fastest bulk path in JSC, while tiny
// results are cheaper to build by concatenation.

const kChunk = 8192;
const scratch = new Array(kChunk).fill(0);

// One-character strings for every byte value (cheap concatenation for tiny results).
const byteChars = [];
for (let i = 0; i < 256; i++) byteChars.push(fromCharCode(i));

function unitsToString(units, n) {
  if (n <= 8) {
    let s = '';
    for (let i = 0; i < n; i++) s += fromCharCode(units[i]);
    return s;
  }
  if (n === units.length) return fromCharCodeApply(units);
  return fromCharCodeApply(units.slice(0, n));
}

// ---------------------------------------------------------------------------------------------
// Codecs. All operate on a Uint8Array `buf` and index ranges; `start`/`end` are already valid.

// --- latin1 / ascii ---

function latin1Decode(buf, start, end) {
  const n = natives();
  if (n !== undefined && n.latin1Decode !== undefined) return n.latin1Decode(buf, start, end);
  const len = end - start;
  if (len <= 8) {
    let s = '';
    for (let i = start; i < end; i++) s += byteChars[buf[i]];
    return s;
  }
  let res = '';
  const units = scratch;
  while (start < end) {
    const stop = MathMin(start + kChunk, end);
    let k = 0;
    for (let i = start; i < stop; i++) units[k++] = buf[i];
    res += unitsToString(units, k);
    start = stop;
  }
  return res;
}

function asciiDecode(buf, start, end) {
  // Bytes >= 0x80 lose their high bit, as Node does.
  let i = start;
  while (i < end && buf[i] < 0x80) i++;
  if (i === end) return latin1Decode(buf, start, end);
  let res = '';
  const units = scratch;
  while (start < end) {
    const stop = MathMin(start + kChunk, end);
    let k = 0;
    for (let j = start; j < stop; j++) units[k++] = buf[j] & 0x7f;
    res += unitsToString(units, k);
    start = stop;
  }
  return res;
}

// Writes the low byte of each UTF-16 code unit (Node's latin1 *and* ascii write).
function latin1Write(buf, string, offset, length) {
  const n = MathMin(length, string.length);
  for (let i = 0; i < n; i++) buf[offset + i] = string.charCodeAt(i);
  return n;
}

// --- UTF-16LE ---

function ucs2Decode(buf, start, end) {
  end = start + ((end - start) & ~1);
  const n = natives();
  if (n !== undefined && n.ucs2Decode !== undefined) return n.ucs2Decode(buf, start, end);
  let res = '';
  const units = scratch;
  while (start < end) {
    const stop = MathMin(start + 2 * kChunk, end);
    let k = 0;
    for (let i = start; i < stop; i += 2) units[k++] = buf[i] | (buf[i + 1] << 8);
    res += unitsToString(units, k);
    start = stop;
  }
  return res;
}

function ucs2Write(buf, string, offset, length) {
  const n = MathMin(length >>> 1, string.length);
  for (let i = 0; i < n; i++) {
    const c = string.charCodeAt(i);
    buf[offset++] = c;
    buf[offset++] = c >>> 8;
  }
  return n * 2;
}

// --- UTF-8 ---

function utf8ByteLength(string) {
  const n = natives();
  if (n !== undefined && n.utf8ByteLength !== undefined) return n.utf8ByteLength(string);
  const len = string.length;
  let bytes = len;
  for (let i = 0; i < len; i++) {
    const c = string.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) {
      bytes += 1;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < len &&
               (string.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // Two code units, four bytes.
      i++;
    } else {
      bytes += 2;
    }
  }
  return bytes;
}

// Mirrors V8's String::WriteUtf8 with REPLACE_INVALID_UTF8: stops before a character that does
// not fit completely.
function utf8Write(buf, string, offset, length) {
  const n = natives();
  if (n !== undefined && n.utf8Write !== undefined) return n.utf8Write(buf, string, offset, length);
  const len = string.length;
  const end = offset + length;
  let p = offset;
  for (let i = 0; i < len; i++) {
    let c = string.charCodeAt(i);
    if (c < 0x80) {
      if (p >= end) break;
      buf[p++] = c;
      continue;
    }
    if (c < 0x800) {
      if (p + 2 > end) break;
      buf[p++] = 0xc0 | (c >> 6);
      buf[p++] = 0x80 | (c & 0x3f);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      if (c <= 0xdbff && i + 1 < len) {
        const d = string.charCodeAt(i + 1);
        if ((d & 0xfc00) === 0xdc00) {
          if (p + 4 > end) break;
          const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
          buf[p++] = 0xf0 | (cp >> 18);
          buf[p++] = 0x80 | ((cp >> 12) & 0x3f);
          buf[p++] = 0x80 | ((cp >> 6) & 0x3f);
          buf[p++] = 0x80 | (cp & 0x3f);
          i++;
          continue;
        }
      }
      c = 0xfffd; // Lone surrogate.
    }
    if (p + 3 > end) break;
    buf[p++] = 0xe0 | (c >> 12);
    buf[p++] = 0x80 | ((c >> 6) & 0x3f);
    buf[p++] = 0x80 | (c & 0x3f);
  }
  return p - offset;
}

// Full UTF-8 encoding of a string (used by fill, indexOf, Blob).
function utf8Encode(string) {
  const out = new Uint8Array(utf8ByteLength(string));
  utf8Write(out, string, 0, out.length);
  return out;
}

// WHATWG UTF-8 decoder (same output as V8's String::NewFromUtf8): each maximal subpart of an
// ill-formed sequence becomes one U+FFFD.
function utf8Decode(buf, start, end) {
  const n = natives();
  if (n !== undefined && n.utf8Decode !== undefined) return n.utf8Decode(buf, start, end);
  // Pure-ASCII input is common; latin1Decode handles it with less work per byte.
  let i = start;
  while (i < end && buf[i] < 0x80) i++;
  if (i === end) return latin1Decode(buf, start, end);

  let res = '';
  const units = scratch;
  let k = 0;
  i = start;
  while (i < end) {
    if (k >= kChunk - 1) { // Room for a surrogate pair.
      res += unitsToString(units, k);
      k = 0;
    }
    const b0 = buf[i];
    if (b0 < 0x80) {
      units[k++] = b0;
      i++;
      continue;
    }
    if (b0 >= 0xc2 && b0 <= 0xdf) {
      if (i + 1 < end) {
        const b1 = buf[i + 1];
        if ((b1 & 0xc0) === 0x80) {
          units[k++] = ((b0 & 0x1f) << 6) | (b1 & 0x3f);
          i += 2;
          continue;
        }
      }
      units[k++] = 0xfffd;
      i++;
      continue;
    }
    if (b0 >= 0xe0 && b0 <= 0xef) {
      const lo = b0 === 0xe0 ? 0xa0 : 0x80;
      const hi = b0 === 0xed ? 0x9f : 0xbf;
      if (i + 1 < end) {
        const b1 = buf[i + 1];
        if (b1 >= lo && b1 <= hi) {
          if (i + 2 < end) {
            const b2 = buf[i + 2];
            if ((b2 & 0xc0) === 0x80) {
              units[k++] = ((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f);
              i += 3;
              continue;
            }
          }
          units[k++] = 0xfffd;
          i += 2;
          continue;
        }
      }
      units[k++] = 0xfffd;
      i++;
      continue;
    }
    if (b0 >= 0xf0 && b0 <= 0xf4) {
      const lo = b0 === 0xf0 ? 0x90 : 0x80;
      const hi = b0 === 0xf4 ? 0x8f : 0xbf;
      if (i + 1 < end) {
        const b1 = buf[i + 1];
        if (b1 >= lo && b1 <= hi) {
          if (i + 2 < end) {
            const b2 = buf[i + 2];
            if ((b2 & 0xc0) === 0x80) {
              if (i + 3 < end) {
                const b3 = buf[i + 3];
                if ((b3 & 0xc0) === 0x80) {
                  const cp = (((b0 & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) |
                              (b3 & 0x3f)) - 0x10000;
                  units[k++] = 0xd800 | (cp >> 10);
                  units[k++] = 0xdc00 | (cp & 0x3ff);
                  i += 4;
                  continue;
                }
              }
              units[k++] = 0xfffd;
              i += 3;
              continue;
            }
          }
          units[k++] = 0xfffd;
          i += 2;
          continue;
        }
      }
      units[k++] = 0xfffd;
      i++;
      continue;
    }
    // 0x80..0xc1 (continuation or overlong lead) and 0xf5..0xff never start a character.
    units[k++] = 0xfffd;
    i++;
  }
  return res + unitsToString(units, k);
}

// Strict UTF-8 validation (isUtf8, transcode).
function isValidUtf8(buf, start, end) {
  let i = start;
  while (i < end) {
    const b0 = buf[i];
    if (b0 < 0x80) {
      i++;
    } else if (b0 >= 0xc2 && b0 <= 0xdf) {
      if (i + 1 >= end || (buf[i + 1] & 0xc0) !== 0x80) return false;
      i += 2;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      const lo = b0 === 0xe0 ? 0xa0 : 0x80;
      const hi = b0 === 0xed ? 0x9f : 0xbf;
      if (i + 2 >= end || buf[i + 1] < lo || buf[i + 1] > hi || (buf[i + 2] & 0xc0) !== 0x80) return false;
      i += 3;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      const lo = b0 === 0xf0 ? 0x90 : 0x80;
      const hi = b0 === 0xf4 ? 0x8f : 0xbf;
      if (i + 3 >= end || buf[i + 1] < lo || buf[i + 1] > hi || (buf[i + 2] & 0xc0) !== 0x80 ||
          (buf[i + 3] & 0xc0) !== 0x80) {
        return false;
      }
      i += 4;
    } else {
      return false;
    }
  }
  return true;
}

// --- hex ---

const hexTable = [];
for (let i = 0; i < 256; i++) hexTable.push((i < 16 ? '0' : '') + i.toString(16));
const hexCodes = [];
for (let i = 0; i < 16; i++) hexCodes.push('0123456789abcdef'.charCodeAt(i));

// Value of a hex digit for char codes 0..255, -1 otherwise.
const unhexTable = new Int8Array(256).fill(-1);
for (let i = 0; i < 10; i++) unhexTable[0x30 + i] = i;
for (let i = 0; i < 6; i++) {
  unhexTable[0x41 + i] = 10 + i;
  unhexTable[0x61 + i] = 10 + i;
}

function hexEncode(buf, start, end) {
  if (end - start <= 12) {
    let s = '';
    for (let i = start; i < end; i++) s += hexTable[buf[i]];
    return s;
  }
  let res = '';
  const units = scratch;
  while (start < end) {
    const stop = MathMin(start + (kChunk >>> 1), end);
    let k = 0;
    for (let i = start; i < stop; i++) {
      const b = buf[i];
      units[k++] = hexCodes[b >> 4];
      units[k++] = hexCodes[b & 15];
    }
    res += unitsToString(units, k);
    start = stop;
  }
  return res;
}

// Decodes pairs of hex digits until the first invalid pair (Node's behaviour). Like Node's C++
// decoder, only the low byte of each UTF-16 code unit is looked at.
function hexWrite(buf, string, offset, length) {
  const pairs = MathMin(length, string.length >>> 1);
  let i = 0;
  for (; i < pairs; i++) {
    const a = unhexTable[string.charCodeAt(i * 2) & 0xff];
    const b = unhexTable[string.charCodeAt(i * 2 + 1) & 0xff];
    if (a < 0 || b < 0) break;
    buf[offset + i] = (a << 4) | b;
  }
  return i;
}

// --- base64 / base64url ---

const base64Chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const base64UrlChars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const base64Codes = [];
const base64UrlCodes = [];
for (let i = 0; i < 64; i++) {
  base64Codes.push(base64Chars.charCodeAt(i));
  base64UrlCodes.push(base64UrlChars.charCodeAt(i));
}
// Decoding accepts both alphabets (Node's lenient decoder); -1 marks characters to skip.
const unbase64Table = new Int8Array(256).fill(-1);
for (let i = 0; i < 64; i++) {
  unbase64Table[base64Chars.charCodeAt(i)] = i;
  unbase64Table[base64UrlChars.charCodeAt(i)] = i;
}

function base64Encode(buf, start, end, url) {
  const n = natives();
  if (n !== undefined && n.base64Encode !== undefined) return n.base64Encode(buf, start, end, url);
  const table = url ? base64UrlCodes : base64Codes;
  const units = scratch;
  let res = '';
  let k = 0;
  let i = start;
  const whole = start + MathFloor((end - start) / 3) * 3;
  for (; i < whole; i += 3) {
    if (k > kChunk - 4) {
      res += unitsToString(units, k);
      k = 0;
    }
    const v = (buf[i] << 16) | (buf[i + 1] << 8) | buf[i + 2];
    units[k++] = table[v >> 18];
    units[k++] = table[(v >> 12) & 0x3f];
    units[k++] = table[(v >> 6) & 0x3f];
    units[k++] = table[v & 0x3f];
  }
  const rest = end - whole;
  if (rest !== 0 && k > kChunk - 4) {
    res += unitsToString(units, k);
    k = 0;
  }
  if (rest === 1) {
    const v = buf[i];
    units[k++] = table[v >> 2];
    units[k++] = table[(v & 0x03) << 4];
    if (!url) {
      units[k++] = 0x3d;
      units[k++] = 0x3d;
    }
  } else if (rest === 2) {
    const v = (buf[i] << 8) | buf[i + 1];
    units[k++] = table[v >> 10];
    units[k++] = table[(v >> 4) & 0x3f];
    units[k++] = table[(v & 0x0f) << 2];
    if (!url) units[k++] = 0x3d;
  }
  return res + unitsToString(units, k);
}

// Node's lenient base64 decoder: characters outside both alphabets are skipped, decoding stops at
// the first '=', bytes are emitted as soon as their bits are complete, and only the low byte of
// each UTF-16 code unit is considered (as the C++ decoder does).
function base64Write(buf, string, offset, length) {
  const len = string.length;
  const end = offset + length;
  let p = offset;
  let acc = 0;
  let nbits = 0;
  for (let i = 0; i < len && p < end; i++) {
    const c = string.charCodeAt(i) & 0xff;
    const v = unbase64Table[c];
    if (v < 0) {
      if (c === 0x3d) break;
      continue;
    }
    acc = ((acc << 6) | v) & 0xffffff;
    nbits += 6;
    if (nbits >= 8) {
      nbits -= 8;
      buf[p++] = (acc >> nbits) & 0xff;
    }
  }
  return p - offset;
}

function base64ByteLength(string, bytes) {
  // Trailing padding does not produce bytes.
  if (string.charCodeAt(bytes - 1) === 0x3d) bytes--;
  if (bytes > 1 && string.charCodeAt(bytes - 1) === 0x3d) bytes--;
  return (bytes * 3) >>> 2;
}

// ---------------------------------------------------------------------------------------------
// Encoding names

// Values of Node's `enum encoding`; only their identity matters (indexOf special-cases UCS2).
const encodingsMap = { __proto__: null, ascii: 0, utf8: 1, base64: 2, utf16le: 3, latin1: 4, hex: 5, buffer: 6, base64url: 7 };

const { normalizeEncoding } = require('internal/util');

// ---------------------------------------------------------------------------------------------
// Buffer class

// FastBuffer is the real class; Buffer shares its prototype, so every Buffer is a FastBuffer and
// `Buffer.prototype.__proto__ === Uint8Array.prototype`.
class FastBuffer extends Uint8Array {
  // An explicit constructor keeps `new FastBuffer()` (no arguments) a zero-length buffer.
  constructor(bufferOrLength, byteOffset, length) {
    super(bufferOrLength, byteOffset, length);
  }
}

// --- allocation pool (as Node: small allocations share 8 KiB slabs) ---

let poolSize = 0;
let poolOffset = 0;
let allocPool;

function createUnsafeBuffer(size) {
  return new FastBuffer(size);
}

function createPool() {
  poolSize = Buffer.poolSize;
  allocPool = createUnsafeBuffer(poolSize).buffer;
  poolOffset = 0;
}

function alignPool() {
  // Keep the next slice 8-byte aligned.
  if (poolOffset & 0x7) {
    poolOffset |= 0x7;
    poolOffset++;
  }
}

function allocate(size) {
  if (size <= 0) return new FastBuffer();
  if (size < (Buffer.poolSize >>> 1)) {
    if (allocPool === undefined || size > (poolSize - poolOffset)) createPool();
    const b = new FastBuffer(allocPool, poolOffset, size);
    poolOffset += size;
    alignPool();
    return b;
  }
  return createUnsafeBuffer(size);
}

let bufferWarningEmitted = false;
let nodeModulesCheckCounter = 0;
function showBufferDeprecation() {
  // Node only warns when the caller is outside node_modules, and stops checking (without
  // warning) after 10000 calls to bound the cost of capturing stacks.
  if (bufferWarningEmitted || ++nodeModulesCheckCounter > 10000) return;
  const stack = new Error().stack;
  if (typeof stack === 'string' && stack.includes('node_modules')) return;
  bufferWarningEmitted = true;
  if (typeof process === 'object' && process !== null && typeof process.emitWarning === 'function') {
    process.emitWarning(
      'Buffer() is deprecated due to security and usability issues. Please use the ' +
      'Buffer.alloc(), Buffer.allocUnsafe(), or Buffer.from() methods instead.',
      'DeprecationWarning', 'DEP0005');
  }
}

// The deprecated constructor form: Buffer(arg[, encodingOrOffset[, length]]), with or without new.
function Buffer(arg, encodingOrOffset, length) {
  showBufferDeprecation();
  if (typeof arg === 'number') {
    if (typeof encodingOrOffset === 'string') {
      throw new (codes().ERR_INVALID_ARG_TYPE)('string', 'string', arg);
    }
    return Buffer.alloc(arg);
  }
  return Buffer.from(arg, encodingOrOffset, length);
}

Object.defineProperty(Buffer, Symbol.species, {
  __proto__: null,
  enumerable: false,
  configurable: true,
  get() { return FastBuffer; },
});

FastBuffer.prototype.constructor = Buffer;
Buffer.prototype = FastBuffer.prototype;
Object.setPrototypeOf(Buffer, Uint8Array);

Buffer.poolSize = 8 * 1024;

// --- encoding operations ---

function fromStringFast(string, ops) {
  const maxLength = Buffer.poolSize >>> 1;
  let length = string.length; // A lower bound on the byte length for most encodings.
  if (length >= maxLength) return createFromString(string, ops);
  length *= 4; // An upper bound (4 bytes per code unit).
  if (length >= maxLength) length = ops.byteLength(string);
  if (length >= maxLength) return createFromString(string, ops, length);
  if (allocPool === undefined || length > (poolSize - poolOffset)) createPool();
  let b = new FastBuffer(allocPool, poolOffset, length);
  const actual = ops.write(b, string, 0, length);
  if (actual !== length) b = new FastBuffer(allocPool, poolOffset, actual);
  poolOffset += actual;
  alignPool();
  return b;
}

function createFromString(string, ops, length = ops.byteLength(string)) {
  const buf = createUnsafeBuffer(length);
  const actual = ops.write(buf, string, 0, length);
  return actual < length ? new FastBuffer(buf.buffer, 0, actual) : buf;
}

function indexOfStringAsBytes(buf, val, byteOffset, ops, dir) {
  return indexOfBuffer(buf, fromStringFast(val, ops), byteOffset, ops.encodingVal, dir);
}

const encodingOps = {
  __proto__: null,
  utf8: {
    encoding: 'utf8',
    encodingVal: encodingsMap.utf8,
    byteLength: utf8ByteLength,
    write: utf8Write,
    slice: utf8Decode,
    indexOf: (buf, val, byteOffset, dir) =>
      indexOfBytes(buf, utf8Encode(val), byteOffset, encodingsMap.utf8, dir),
  },
  ucs2: {
    encoding: 'ucs2',
    encodingVal: encodingsMap.utf16le,
    byteLength: (string) => string.length * 2,
    write: ucs2Write,
    slice: ucs2Decode,
    indexOf: (buf, val, byteOffset, dir) => indexOfUcs2String(buf, val, byteOffset, dir),
  },
  utf16le: {
    encoding: 'utf16le',
    encodingVal: encodingsMap.utf16le,
    byteLength: (string) => string.length * 2,
    write: ucs2Write,
    slice: ucs2Decode,
    indexOf: (buf, val, byteOffset, dir) => indexOfUcs2String(buf, val, byteOffset, dir),
  },
  latin1: {
    encoding: 'latin1',
    encodingVal: encodingsMap.latin1,
    byteLength: (string) => string.length,
    write: latin1Write,
    slice: latin1Decode,
    indexOf: (buf, val, byteOffset, dir) =>
      indexOfBytes(buf, latin1Bytes(val), byteOffset, encodingsMap.latin1, dir),
  },
  ascii: {
    encoding: 'ascii',
    encodingVal: encodingsMap.ascii,
    byteLength: (string) => string.length,
    write: latin1Write,
    slice: asciiDecode,
    indexOf: (buf, val, byteOffset, dir) =>
      indexOfStringAsBytes(buf, val, byteOffset, encodingOps.ascii, dir),
  },
  base64: {
    encoding: 'base64',
    encodingVal: encodingsMap.base64,
    byteLength: (string) => base64ByteLength(string, string.length),
    write: base64Write,
    slice: (buf, start, end) => base64Encode(buf, start, end, false),
    indexOf: (buf, val, byteOffset, dir) =>
      indexOfStringAsBytes(buf, val, byteOffset, encodingOps.base64, dir),
  },
  base64url: {
    encoding: 'base64url',
    encodingVal: encodingsMap.base64url,
    byteLength: (string) => base64ByteLength(string, string.length),
    write: base64Write,
    slice: (buf, start, end) => base64Encode(buf, start, end, true),
    indexOf: (buf, val, byteOffset, dir) =>
      indexOfStringAsBytes(buf, val, byteOffset, encodingOps.base64url, dir),
  },
  hex: {
    encoding: 'hex',
    encodingVal: encodingsMap.hex,
    byteLength: (string) => string.length >>> 1,
    write: hexWrite,
    slice: hexEncode,
    indexOf: (buf, val, byteOffset, dir) =>
      indexOfStringAsBytes(buf, val, byteOffset, encodingOps.hex, dir),
  },
};

// Encoding name -> ops, for the names Node accepts (any letter case).
const opsByName = {
  __proto__: null,
  'utf8': encodingOps.utf8, 'utf-8': encodingOps.utf8,
  'ucs2': encodingOps.ucs2, 'ucs-2': encodingOps.ucs2,
  'utf16le': encodingOps.utf16le, 'utf-16le': encodingOps.utf16le,
  'latin1': encodingOps.latin1, 'binary': encodingOps.latin1,
  'base64': encodingOps.base64, 'base64url': encodingOps.base64url,
  'hex': encodingOps.hex, 'ascii': encodingOps.ascii,
};

function getEncodingOps(encoding) {
  encoding += '';
  const ops = opsByName[encoding];
  if (ops !== undefined) return ops;
  return opsByName[encoding.toLowerCase()];
}

function latin1Bytes(string) {
  const out = new Uint8Array(string.length);
  latin1Write(out, string, 0, out.length);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Buffer static methods

Buffer.from = function from(value, encodingOrOffset, length) {
  if (typeof value === 'string') return fromString(value, encodingOrOffset);

  if (typeof value === 'object' && value !== null) {
    if (isAnyArrayBuffer(value)) return fromArrayBuffer(value, encodingOrOffset, length);

    const valueOf = value.valueOf && value.valueOf();
    if (valueOf != null && valueOf !== value &&
        (typeof valueOf === 'string' || typeof valueOf === 'object')) {
      return from(valueOf, encodingOrOffset, length);
    }

    const b = fromObject(value);
    if (b) return b;

    if (typeof value[Symbol.toPrimitive] === 'function') {
      const primitive = value[Symbol.toPrimitive]('string');
      if (typeof primitive === 'string') return fromString(primitive, encodingOrOffset);
    }
  }

  throw new (codes().ERR_INVALID_ARG_TYPE)(
    'first argument', ['string', 'Buffer', 'ArrayBuffer', 'Array', 'Array-like Object'], value);
};

Buffer.copyBytesFrom = function copyBytesFrom(view, offset, length) {
  if (!isTypedArray(view)) throw new (codes().ERR_INVALID_ARG_TYPE)('view', ['TypedArray'], view);
  const viewLength = typedArrayGetLength.call(view);
  if (viewLength === 0) return Buffer.alloc(0);
  if (offset !== undefined || length !== undefined) {
    if (offset !== undefined) {
      validateInteger(offset, 'offset', 0);
      if (offset >= viewLength) return Buffer.alloc(0);
    } else {
      offset = 0;
    }
    let end;
    if (length !== undefined) {
      validateInteger(length, 'length', 0);
      end = offset + length;
    } else {
      end = viewLength;
    }
    view = typedArraySlice.call(view, offset, end);
  }
  return fromArrayLike(new Uint8Array(typedArrayGetBuffer.call(view), typedArrayGetByteOffset.call(view),
                                      typedArrayGetByteLength.call(view)));
};

// Buffer.of is Uint8Array.of but producing a Buffer.
function of(...items) {
  const newObj = createUnsafeBuffer(items.length);
  for (let k = 0; k < items.length; k++) newObj[k] = items[k];
  return newObj;
}
Buffer.of = of;

Buffer.alloc = function alloc(size, fill, encoding) {
  validateNumber(size, 'size', 0, kMaxLength);
  if (fill !== undefined && fill !== 0 && size > 0) {
    const buf = createUnsafeBuffer(size);
    return _fill(buf, fill, 0, buf.length, encoding);
  }
  return new FastBuffer(size);
};

Buffer.allocUnsafe = function allocUnsafe(size) {
  validateNumber(size, 'size', 0, kMaxLength);
  return allocate(size);
};

Buffer.allocUnsafeSlow = function allocUnsafeSlow(size) {
  validateNumber(size, 'size', 0, kMaxLength);
  return createUnsafeBuffer(size);
};

function SlowBuffer(size) {
  validateNumber(size, 'size', 0, kMaxLength);
  return createUnsafeBuffer(size);
}
Object.setPrototypeOf(SlowBuffer.prototype, Uint8Array.prototype);
Object.setPrototypeOf(SlowBuffer, Uint8Array);

let slowBufferWarned = false;
// Exported wrapper, as util.deprecate would produce (DEP0030).
function deprecatedSlowBuffer(size) {
  if (!slowBufferWarned) {
    slowBufferWarned = true;
    if (typeof process === 'object' && process !== null && typeof process.emitWarning === 'function') {
      process.emitWarning('SlowBuffer() is deprecated. Please use Buffer.allocUnsafeSlow()',
                          'DeprecationWarning', 'DEP0030');
    }
  }
  return SlowBuffer(size);
}
Object.defineProperty(deprecatedSlowBuffer, 'name', { __proto__: null, value: 'SlowBuffer' });
deprecatedSlowBuffer.prototype = SlowBuffer.prototype;
Object.setPrototypeOf(deprecatedSlowBuffer, Uint8Array);

function fromString(string, encoding) {
  let ops;
  if (!encoding || encoding === 'utf8' || typeof encoding !== 'string') {
    ops = encodingOps.utf8;
  } else {
    ops = getEncodingOps(encoding);
    if (ops === undefined) throw new (codes().ERR_UNKNOWN_ENCODING)(encoding);
  }
  if (string.length === 0) return new FastBuffer();
  return fromStringFast(string, ops);
}

function fromArrayBuffer(obj, byteOffset, length) {
  if (byteOffset === undefined) {
    byteOffset = 0;
  } else {
    byteOffset = +byteOffset;
    if (NumberIsNaN(byteOffset)) byteOffset = 0;
  }
  const maxLength = obj.byteLength - byteOffset;
  if (maxLength < 0) throw new (codes().ERR_BUFFER_OUT_OF_BOUNDS)('offset');
  // Without a length the view runs to the end of the ArrayBuffer (offset truncated by the engine).
  if (length !== undefined) {
    length = +length;
    if (length > 0) {
      if (length > maxLength) throw new (codes().ERR_BUFFER_OUT_OF_BOUNDS)('length');
    } else {
      length = 0;
    }
  }
  // Report a negative offset with V8's wording rather than the engine's own.
  if (byteOffset <= -1) throw new RangeError(`Start offset ${byteOffset} is outside the bounds of the buffer`);
  return new FastBuffer(obj, byteOffset, length);
}

function fromArrayLike(obj) {
  if (obj.length <= 0) return new FastBuffer();
  if (obj.length < (Buffer.poolSize >>> 1)) {
    if (allocPool === undefined || obj.length > (poolSize - poolOffset)) createPool();
    const b = new FastBuffer(allocPool, poolOffset, obj.length);
    typedArraySet.call(b, obj, 0);
    poolOffset += obj.length;
    alignPool();
    return b;
  }
  return new FastBuffer(obj);
}

function fromObject(obj) {
  if (obj.length !== undefined || isAnyArrayBuffer(obj.buffer)) {
    if (typeof obj.length !== 'number') return new FastBuffer();
    return fromArrayLike(obj);
  }
  if (obj.type === 'Buffer' && Array.isArray(obj.data)) return fromArrayLike(obj.data);
}

Buffer.isBuffer = function isBuffer(b) {
  return b instanceof Buffer;
};

Buffer.compare = function compare(buf1, buf2) {
  if (!isUint8Array(buf1)) throw new (codes().ERR_INVALID_ARG_TYPE)('buf1', ['Buffer', 'Uint8Array'], buf1);
  if (!isUint8Array(buf2)) throw new (codes().ERR_INVALID_ARG_TYPE)('buf2', ['Buffer', 'Uint8Array'], buf2);
  if (buf1 === buf2) return 0;
  return compareBytes(buf1, 0, buf1.length, buf2, 0, buf2.length);
};

Buffer.isEncoding = function isEncoding(encoding) {
  return typeof encoding === 'string' && encoding.length !== 0 &&
    normalizeEncoding(encoding) !== undefined;
};
Buffer[kIsEncodingSymbol] = Buffer.isEncoding;

Buffer.concat = function concat(list, length) {
  if (!Array.isArray(list)) throw new (codes().ERR_INVALID_ARG_TYPE)('list', 'Array', list);
  if (list.length === 0) return new FastBuffer();

  if (length === undefined) {
    length = 0;
    for (let i = 0; i < list.length; i++) {
      if (list[i].length) length += list[i].length;
    }
  } else {
    validateOffset(length, 'length');
  }

  const buffer = Buffer.allocUnsafe(length);
  let pos = 0;
  for (let i = 0; i < list.length; i++) {
    const buf = list[i];
    if (!isUint8Array(buf)) {
      throw new (codes().ERR_INVALID_ARG_TYPE)(`list[${i}]`, ['Buffer', 'Uint8Array'], list[i]);
    }
    pos += copyActual(buf, buffer, pos, 0, buf.length);
  }
  // Zero the tail when `length` exceeded the total (allocUnsafe memory may be reused).
  if (pos < length) typedArrayFill.call(buffer, 0, pos, length);
  return buffer;
};

function byteLength(string, encoding) {
  if (typeof string !== 'string') {
    if (isArrayBufferView(string) || isAnyArrayBuffer(string)) return string.byteLength;
    throw new (codes().ERR_INVALID_ARG_TYPE)('string', ['string', 'Buffer', 'ArrayBuffer'], string);
  }
  const len = string.length;
  if (len === 0) return 0;
  if (!encoding || encoding === 'utf8') return utf8ByteLength(string);
  if (encoding === 'ascii') return len;
  const ops = getEncodingOps(encoding);
  // Node falls back to UTF-8 for unknown encodings here instead of throwing.
  if (ops === undefined) return utf8ByteLength(string);
  return ops.byteLength(string);
}
Buffer.byteLength = byteLength;

// ---------------------------------------------------------------------------------------------
// Comparison, copy, search

// memcmp over the common prefix, then by length (Node's normalizeCompareVal).
function compareBytes(a, aStart, aEnd, b, bStart, bEnd) {
  const aLen = aEnd - aStart;
  const bLen = bEnd - bStart;
  const n = MathMin(aLen, bLen);
  for (let i = 0; i < n; i++) {
    const x = a[aStart + i];
    const y = b[bStart + i];
    if (x !== y) return x < y ? -1 : 1;
  }
  return aLen > bLen ? 1 : aLen < bLen ? -1 : 0;
}

function copyActual(source, target, targetStart, sourceStart, sourceEnd) {
  if (sourceEnd - sourceStart > target.byteLength - targetStart) {
    sourceEnd = sourceStart + target.byteLength - targetStart;
  }
  let nb = sourceEnd - sourceStart;
  const sourceLen = source.byteLength - sourceStart;
  if (nb > sourceLen) nb = sourceLen;
  if (nb <= 0) return 0;
  // TypedArray#set handles overlapping memory like memmove.
  if (sourceStart === 0 && nb === source.length) {
    typedArraySet.call(target, source, targetStart);
  } else {
    typedArraySet.call(target, new Uint8Array(source.buffer, source.byteOffset + sourceStart, nb), targetStart);
  }
  return nb;
}

function toInteger(n, defaultVal) {
  n = +n;
  if (!NumberIsNaN(n) && n >= Number.MIN_SAFE_INTEGER && n <= Number.MAX_SAFE_INTEGER) {
    return ((n % 1) === 0 ? n : MathFloor(n));
  }
  return defaultVal;
}

function _copy(source, target, targetStart, sourceStart, sourceEnd) {
  if (!isUint8Array(source)) throw new (codes().ERR_INVALID_ARG_TYPE)('source', ['Buffer', 'Uint8Array'], source);
  if (!isUint8Array(target)) throw new (codes().ERR_INVALID_ARG_TYPE)('target', ['Buffer', 'Uint8Array'], target);

  if (targetStart === undefined) {
    targetStart = 0;
  } else {
    targetStart = NumberIsInteger(targetStart) ? targetStart : toInteger(targetStart, 0);
    if (targetStart < 0) throw new (codes().ERR_OUT_OF_RANGE)('targetStart', '>= 0', targetStart);
  }

  if (sourceStart === undefined) {
    sourceStart = 0;
  } else {
    sourceStart = NumberIsInteger(sourceStart) ? sourceStart : toInteger(sourceStart, 0);
    if (sourceStart < 0 || sourceStart > source.byteLength) {
      throw new (codes().ERR_OUT_OF_RANGE)('sourceStart', `>= 0 && <= ${source.byteLength}`, sourceStart);
    }
  }

  if (sourceEnd === undefined) {
    sourceEnd = source.byteLength;
  } else {
    sourceEnd = NumberIsInteger(sourceEnd) ? sourceEnd : toInteger(sourceEnd, 0);
    if (sourceEnd < 0) throw new (codes().ERR_OUT_OF_RANGE)('sourceEnd', '>= 0', sourceEnd);
  }

  if (targetStart >= target.byteLength || sourceStart >= sourceEnd) return 0;
  return copyActual(source, target, targetStart, sourceStart, sourceEnd);
}

// Node's IndexOfOffset: where a search starts, or -1 when no search is needed.
function indexOfOffset(length, offset, needleLength, isForward) {
  if (offset < 0) {
    if (offset + length >= 0) return length + offset; // Counts back from the end.
    if (isForward || needleLength === 0) return 0;
    return -1;
  }
  if (offset + needleLength <= length) return offset;
  if (needleLength === 0) return length;
  if (isForward) return -1;
  return length - 1;
}

// Naive search over `unit`-byte code units (1 or 2). `from` is in units. Returns a unit index or -1.
function searchBytes(hay, hayUnits, needle, needleUnits, from, isForward, unit) {
  if (hayUnits < needleUnits) return -1;
  const diff = hayUnits - needleUnits;
  if (unit === 1) {
    // The engine's TypedArray#indexOf (a memchr) finds candidates for the first byte.
    const first = needle[0];
    if (isForward) {
      let i = from;
      while (i <= diff) {
        i = typedArrayIndexOf.call(hay, first, i);
        if (i === -1 || i > diff) return -1;
        let j = 1;
        while (j < needleUnits && hay[i + j] === needle[j]) j++;
        if (j === needleUnits) return i;
        i++;
      }
    } else {
      let i = from > diff ? diff : from;
      while (i >= 0) {
        i = typedArrayLastIndexOf.call(hay, first, i);
        if (i === -1) return -1;
        let j = 1;
        while (j < needleUnits && hay[i + j] === needle[j]) j++;
        if (j === needleUnits) return i;
        i--;
      }
    }
    return -1;
  }
  const match = (i) => {
    for (let j = 0; j < needleUnits * 2; j++) if (hay[i * 2 + j] !== needle[j]) return false;
    return true;
  };
  if (isForward) {
    for (let i = from; i <= diff; i++) if (match(i)) return i;
  } else {
    for (let i = from > diff ? diff : from; i >= 0; i--) if (match(i)) return i;
  }
  return -1;
}

// Shared tail of IndexOfString/IndexOfBuffer. `offset` is the JS byteOffset (already a number);
// the C++ layer truncates it toward zero.
function indexOfBytes(buf, needle, byteOffset, encodingVal, dir, haystackLength = buf.length) {
  const offsetI64 = MathTrunc(byteOffset);
  const needleLength = needle.length;
  const optOffset = indexOfOffset(haystackLength, offsetI64, needleLength, dir);
  if (needleLength === 0) return optOffset; // Like String#indexOf with an empty needle.
  if (haystackLength === 0 || optOffset <= -1) return -1;
  if ((dir && needleLength + optOffset > haystackLength) || needleLength > haystackLength) return -1;

  if (encodingVal === encodingsMap.utf16le) {
    if (haystackLength < 2 || needleLength < 2) return -1;
    const hayUnits = MathFloor(haystackLength / 2);
    const res = searchBytes(buf, hayUnits, needle, MathFloor(needleLength / 2),
                            MathFloor(optOffset / 2), dir, 2);
    // Node compares `result * 2` with the (possibly odd) byte length; mirror that exactly.
    const result = (res === -1 ? hayUnits : res) * 2;
    return result === haystackLength ? -1 : result;
  }
  return searchBytes(buf, haystackLength, needle, needleLength, optOffset, dir, 1);
}

function indexOfBuffer(buf, val, byteOffset, encodingVal, dir) {
  return indexOfBytes(buf, viewBytes(val), byteOffset, encodingVal, dir);
}

function indexOfUcs2String(buf, val, byteOffset, dir) {
  // The haystack is rounded down to whole code units; an empty needle returns the start offset.
  const haystackLength = buf.length & ~1;
  const needle = new Uint8Array(val.length * 2);
  ucs2Write(needle, val, 0, needle.length);
  return indexOfBytes(buf, needle, byteOffset, encodingsMap.utf16le, dir, haystackLength);
}

function indexOfNumber(buf, val, byteOffset, dir) {
  const needle = val & 0xff;
  const len = buf.length;
  const optOffset = indexOfOffset(len, MathTrunc(byteOffset), 1, dir);
  if (optOffset <= -1 || len === 0) return -1;
  return dir ? typedArrayIndexOf.call(buf, needle, optOffset) : typedArrayLastIndexOf.call(buf, needle, optOffset);
}

function bidirectionalIndexOf(buffer, val, byteOffset, encoding, dir) {
  if (!isArrayBufferView(buffer)) {
    throw new (codes().ERR_INVALID_ARG_TYPE)('buffer', ['Buffer', 'TypedArray', 'DataView'], buffer);
  }
  if (typeof byteOffset === 'string') {
    encoding = byteOffset;
    byteOffset = undefined;
  } else if (byteOffset > 0x7fffffff) {
    byteOffset = 0x7fffffff;
  } else if (byteOffset < -0x80000000) {
    byteOffset = -0x80000000;
  }
  // Values like null and [] become 0; undefined, 'foo' and {} become NaN (search everything).
  byteOffset = +byteOffset;
  if (NumberIsNaN(byteOffset)) byteOffset = dir ? 0 : (buffer.length || buffer.byteLength);
  dir = !!dir;

  if (typeof val === 'number') return indexOfNumber(buffer, val >>> 0, byteOffset, dir);

  let ops;
  if (encoding === undefined) ops = encodingOps.utf8;
  else ops = getEncodingOps(encoding);

  if (typeof val === 'string') {
    if (ops === undefined) throw new (codes().ERR_UNKNOWN_ENCODING)(encoding);
    return ops.indexOf(buffer, val, byteOffset, dir);
  }

  if (isUint8Array(val)) {
    const encodingVal = ops === undefined ? encodingsMap.utf8 : ops.encodingVal;
    return indexOfBuffer(buffer, val, byteOffset, encodingVal, dir);
  }

  throw new (codes().ERR_INVALID_ARG_TYPE)('value', ['number', 'string', 'Buffer', 'Uint8Array'], val);
}

// ---------------------------------------------------------------------------------------------
// fill

function _fill(buf, value, offset, end, encoding) {
  if (typeof value === 'string') {
    if (offset === undefined || typeof offset === 'string') {
      encoding = offset;
      offset = 0;
      end = buf.length;
    } else if (typeof end === 'string') {
      encoding = end;
      end = buf.length;
    }

    const normalizedEncoding = normalizeEncoding(encoding);
    if (normalizedEncoding === undefined) {
      validateString(encoding, 'encoding');
      throw new (codes().ERR_UNKNOWN_ENCODING)(encoding);
    }

    if (value.length === 0) {
      value = 0; // An empty string fills with zeros.
    } else if (value.length === 1) {
      // A single character that maps to a single byte is filled as a number.
      if (normalizedEncoding === 'utf8') {
        const code = value.charCodeAt(0);
        if (code < 128) value = code;
      } else if (normalizedEncoding === 'latin1') {
        value = value.charCodeAt(0);
      }
    }
    encoding = normalizedEncoding;
  } else {
    encoding = undefined;
  }

  if (offset === undefined) {
    offset = 0;
    end = buf.length;
  } else {
    validateOffset(offset, 'offset');
    // Invalid ranges are not set to a default, so can range check early.
    if (end === undefined) {
      end = buf.length;
    } else {
      validateOffset(end, 'end', 0, buf.length);
    }
    if (offset >= end) return buf;
  }

  if (typeof value === 'number') {
    const byteLen = typedArrayGetByteLength.call(buf);
    const fillLength = end - offset;
    if (offset > end || fillLength + offset > byteLen) throw new (codes().ERR_BUFFER_OUT_OF_BOUNDS)();
    typedArrayFill.call(buf, value, offset, end);
  } else {
    const res = fillPattern(buf, value, offset, end, encoding);
    if (res < 0) {
      if (res === -1) throw new (codes().ERR_INVALID_ARG_VALUE)('value', value);
      throw new (codes().ERR_BUFFER_OUT_OF_BOUNDS)();
    }
  }
  return buf;
}

// Node's C++ Fill for strings, views and other values: the encoded bytes are repeated over the
// range (a trailing multi-byte character may be cut). Returns -1 when nothing could be encoded.
function fillPattern(buf, value, start, end, encoding) {
  const fillLength = end - start;
  if (start > end || fillLength + start > buf.length) return -2;
  let pattern;
  if (isArrayBufferView(value)) {
    pattern = viewBytes(value);
  } else if (typeof value !== 'string') {
    typedArrayFill.call(buf, (+value >>> 0) & 255, start, end);
    return 0;
  } else if (encoding === 'utf8') {
    pattern = utf8Encode(value);
  } else if (encoding === 'utf16le') {
    pattern = new Uint8Array(value.length * 2);
    ucs2Write(pattern, value, 0, pattern.length);
  } else {
    const ops = encodingOps[encoding];
    pattern = new Uint8Array(MathMin(ops.byteLength(value), fillLength));
    pattern = pattern.subarray(0, ops.write(pattern, value, 0, pattern.length));
  }
  const patLen = pattern.length;
  if (patLen >= fillLength) {
    typedArraySet.call(buf, pattern.subarray(0, fillLength), start);
    return 0;
  }
  if (patLen === 0) return -1;
  typedArraySet.call(buf, pattern, start);
  // Double the filled prefix until the range is covered (few large copies instead of a byte loop).
  let filled = patLen;
  while (filled < fillLength) {
    const n = MathMin(filled, fillLength - filled);
    buf.copyWithin(start + filled, start, start + n);
    filled += n;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Numeric read/write helpers (Node's exact validation order and messages)

function boundsError(value, length, type) {
  if (MathFloor(value) !== value) {
    validateNumber(value, type);
    throw new (codes().ERR_OUT_OF_RANGE)(type || 'offset', 'an integer', value);
  }
  if (length < 0) throw new (codes().ERR_BUFFER_OUT_OF_BOUNDS)();
  throw new (codes().ERR_OUT_OF_RANGE)(type || 'offset', `>= ${type ? 1 : 0} and <= ${length}`, value);
}

function checkBounds(buf, offset, byteLength) {
  validateNumber(offset, 'offset');
  if (buf[offset] === undefined || buf[offset + byteLength] === undefined) {
    boundsError(offset, buf.length - (byteLength + 1));
  }
}

// `byteLength` is the width minus one, as in Node.
function checkInt(value, min, max, buf, offset, byteLength) {
  if (value > max || value < min) {
    const n = typeof min === 'bigint' ? 'n' : '';
    let range;
    if (byteLength > 3) {
      if (min === 0 || min === 0n) {
        range = `>= 0${n} and < 2${n} ** ${(byteLength + 1) * 8}${n}`;
      } else {
        range = `>= -(2${n} ** ${(byteLength + 1) * 8 - 1}${n}) and < 2${n} ** ` +
                `${(byteLength + 1) * 8 - 1}${n}`;
      }
    } else {
      range = `>= ${min}${n} and <= ${max}${n}`;
    }
    throw new (codes().ERR_OUT_OF_RANGE)('value', range, value);
  }
  checkBounds(buf, offset, byteLength);
}

// Validates a `width`-byte access at `offset` the way every readXxx method does.
function checkRead(buf, offset, width) {
  validateNumber(offset, 'offset');
  if (buf[offset] === undefined || buf[offset + width - 1] === undefined) {
    boundsError(offset, buf.length - width);
  }
}

function readUnsigned(buf, offset, width, littleEndian) {
  let val = 0;
  if (littleEndian) {
    for (let i = width - 1; i >= 0; i--) val = val * 256 + buf[offset + i];
  } else {
    for (let i = 0; i < width; i++) val = val * 256 + buf[offset + i];
  }
  return val;
}

function readSigned(buf, offset, width, littleEndian) {
  const val = readUnsigned(buf, offset, width, littleEndian);
  const limit = 2 ** (width * 8 - 1);
  return val >= limit ? val - limit * 2 : val;
}

// Stores the low `width` bytes of an already range-checked number exactly like Node: the low
// 32 bits via ToUint32, the bits above via Math.floor(value / 2**32).
function writeUnsigned(buf, value, offset, width, littleEndian) {
  let lo = value;
  const hi = width > 4 ? MathFloor(value * 2 ** -32) : 0;
  const loBytes = width > 4 ? 4 : width;
  if (littleEndian) {
    for (let i = 0; i < loBytes; i++) {
      buf[offset + i] = lo;
      lo = lo >>> 8;
    }
    if (width > 4) {
      buf[offset + 4] = hi;
      if (width > 5) buf[offset + 5] = hi >>> 8;
    }
  } else {
    const base = offset + width - 1;
    for (let i = 0; i < loBytes; i++) {
      buf[base - i] = lo;
      lo = lo >>> 8;
    }
    if (width > 4) {
      buf[base - 4] = hi;
      if (width > 5) buf[base - 5] = hi >>> 8;
    }
  }
  return offset + width;
}

function writeU_Int8(buf, value, offset, min, max) {
  value = +value;
  validateNumber(offset, 'offset');
  if (value > max || value < min) {
    throw new (codes().ERR_OUT_OF_RANGE)('value', `>= ${min} and <= ${max}`, value);
  }
  if (buf[offset] === undefined) boundsError(offset, buf.length - 1);
  buf[offset] = value;
  return offset + 1;
}

function writeInt(buf, value, offset, width, min, max, littleEndian) {
  if (width === 1) return writeU_Int8(buf, value, offset, min, max);
  value = +value;
  checkInt(value, min, max, buf, offset, width - 1);
  if (width === 4) {
    // Typed array stores take the low 8 bits, so shifting the int32 view is enough.
    if (littleEndian) {
      buf[offset] = value;
      buf[offset + 1] = value >>> 8;
      buf[offset + 2] = value >>> 16;
      buf[offset + 3] = value >>> 24;
    } else {
      buf[offset] = value >>> 24;
      buf[offset + 1] = value >>> 16;
      buf[offset + 2] = value >>> 8;
      buf[offset + 3] = value;
    }
    return offset + 4;
  }
  if (width === 2) {
    if (littleEndian) {
      buf[offset] = value;
      buf[offset + 1] = value >>> 8;
    } else {
      buf[offset] = value >>> 8;
      buf[offset + 1] = value;
    }
    return offset + 2;
  }
  return writeUnsigned(buf, value, offset, width, littleEndian);
}

const unsignedMax = [0, 0xff, 0xffff, 0xffffff, 0xffffffff, 0xffffffffff, 0xffffffffffff];
const signedMax = [0, 0x7f, 0x7fff, 0x7fffff, 0x7fffffff, 0x7fffffffff, 0x7fffffffffff];

function isValidByteLength(byteLength) {
  return byteLength === 1 || byteLength === 2 || byteLength === 3 || byteLength === 4 ||
    byteLength === 5 || byteLength === 6;
}

// Float conversions through a shared scratch buffer; byte order of the host is detected once.
const float32Array = new Float32Array(1);
const uInt8Float32Array = new Uint8Array(float32Array.buffer);
const float64Array = new Float64Array(1);
const uInt8Float64Array = new Uint8Array(float64Array.buffer);
float32Array[0] = -1; // 0xbf800000
const bigEndianHost = uInt8Float32Array[3] === 0;

function readFloatBytes(buf, offset, littleEndian) {
  checkRead(buf, offset, 4);
  const swap = littleEndian === bigEndianHost;
  for (let i = 0; i < 4; i++) uInt8Float32Array[swap ? 3 - i : i] = buf[offset + i];
  return float32Array[0];
}

function readDoubleBytes(buf, offset, littleEndian) {
  checkRead(buf, offset, 8);
  const swap = littleEndian === bigEndianHost;
  for (let i = 0; i < 8; i++) uInt8Float64Array[swap ? 7 - i : i] = buf[offset + i];
  return float64Array[0];
}

function writeFloatBytes(buf, val, offset, littleEndian) {
  val = +val;
  checkBounds(buf, offset, 3);
  float32Array[0] = val;
  const swap = littleEndian === bigEndianHost;
  for (let i = 0; i < 4; i++) buf[offset + i] = uInt8Float32Array[swap ? 3 - i : i];
  return offset + 4;
}

function writeDoubleBytes(buf, val, offset, littleEndian) {
  val = +val;
  checkBounds(buf, offset, 7);
  float64Array[0] = val;
  const swap = littleEndian === bigEndianHost;
  for (let i = 0; i < 8; i++) buf[offset + i] = uInt8Float64Array[swap ? 7 - i : i];
  return offset + 8;
}

// One BigInt allocation per read: the bytes go through 64-bit typed array scratch space.
const bigUint64Array = new BigUint64Array(1);
const bigInt64Array = new BigInt64Array(bigUint64Array.buffer);
const uInt8BigArray = new Uint8Array(bigUint64Array.buffer);

function readBig64(buf, offset, littleEndian, signed) {
  checkRead(buf, offset, 8);
  const swap = littleEndian === bigEndianHost;
  for (let i = 0; i < 8; i++) uInt8BigArray[swap ? 7 - i : i] = buf[offset + i];
  return signed ? bigInt64Array[0] : bigUint64Array[0];
}

function writeBig64(buf, value, offset, min, max, littleEndian) {
  checkInt(value, min, max, buf, offset, 7);
  const lo = Number(value & 0xffffffffn);
  const hi = Number((value >> 32n) & 0xffffffffn);
  if (littleEndian) {
    writeUnsigned(buf, lo, offset, 4, true);
    writeUnsigned(buf, hi, offset + 4, 4, true);
  } else {
    writeUnsigned(buf, hi, offset, 4, false);
    writeUnsigned(buf, lo, offset + 4, 4, false);
  }
  return offset + 8;
}

// ---------------------------------------------------------------------------------------------
// Buffer.prototype: numeric accessors (declared as named functions so `.name` matches Node)

const proto = Buffer.prototype;

function readBigUInt64LE(offset = 0) { return readBig64(this, offset, true, false); }
function readBigUInt64BE(offset = 0) { return readBig64(this, offset, false, false); }
function readBigInt64LE(offset = 0) { return readBig64(this, offset, true, true); }
function readBigInt64BE(offset = 0) { return readBig64(this, offset, false, true); }
function writeBigUInt64LE(value, offset = 0) {
  return writeBig64(this, value, offset, 0n, 0xffffffffffffffffn, true);
}
function writeBigUInt64BE(value, offset = 0) {
  return writeBig64(this, value, offset, 0n, 0xffffffffffffffffn, false);
}
function writeBigInt64LE(value, offset = 0) {
  return writeBig64(this, value, offset, -(2n ** 63n), 2n ** 63n - 1n, true);
}
function writeBigInt64BE(value, offset = 0) {
  return writeBig64(this, value, offset, -(2n ** 63n), 2n ** 63n - 1n, false);
}

function readUIntLE(offset, byteLength) {
  if (offset === undefined) throw new (codes().ERR_INVALID_ARG_TYPE)('offset', 'number', offset);
  if (!isValidByteLength(byteLength)) boundsError(byteLength, 6, 'byteLength');
  checkRead(this, offset, byteLength);
  return readUnsigned(this, offset, byteLength, true);
}
function readUIntBE(offset, byteLength) {
  if (offset === undefined) throw new (codes().ERR_INVALID_ARG_TYPE)('offset', 'number', offset);
  if (!isValidByteLength(byteLength)) boundsError(byteLength, 6, 'byteLength');
  checkRead(this, offset, byteLength);
  return readUnsigned(this, offset, byteLength, false);
}
function readIntLE(offset, byteLength) {
  if (offset === undefined) throw new (codes().ERR_INVALID_ARG_TYPE)('offset', 'number', offset);
  if (!isValidByteLength(byteLength)) boundsError(byteLength, 6, 'byteLength');
  checkRead(this, offset, byteLength);
  return readSigned(this, offset, byteLength, true);
}
function readIntBE(offset, byteLength) {
  if (offset === undefined) throw new (codes().ERR_INVALID_ARG_TYPE)('offset', 'number', offset);
  if (!isValidByteLength(byteLength)) boundsError(byteLength, 6, 'byteLength');
  checkRead(this, offset, byteLength);
  return readSigned(this, offset, byteLength, false);
}

function readUInt8(offset = 0) {
  validateNumber(offset, 'offset');
  const val = this[offset];
  if (val === undefined) boundsError(offset, this.length - 1);
  return val;
}
function readUInt16LE(offset = 0) {
  checkRead(this, offset, 2);
  return this[offset] + this[offset + 1] * 2 ** 8;
}
function readUInt16BE(offset = 0) {
  checkRead(this, offset, 2);
  return this[offset] * 2 ** 8 + this[offset + 1];
}
function readUInt32LE(offset = 0) {
  checkRead(this, offset, 4);
  return this[offset] + this[offset + 1] * 2 ** 8 + this[offset + 2] * 2 ** 16 + this[offset + 3] * 2 ** 24;
}
function readUInt32BE(offset = 0) {
  checkRead(this, offset, 4);
  return this[offset] * 2 ** 24 + this[offset + 1] * 2 ** 16 + this[offset + 2] * 2 ** 8 + this[offset + 3];
}
function readInt8(offset = 0) {
  validateNumber(offset, 'offset');
  const val = this[offset];
  if (val === undefined) boundsError(offset, this.length - 1);
  return (val << 24) >> 24;
}
function readInt16LE(offset = 0) {
  checkRead(this, offset, 2);
  return ((this[offset] | (this[offset + 1] << 8)) << 16) >> 16;
}
function readInt16BE(offset = 0) {
  checkRead(this, offset, 2);
  return (((this[offset] << 8) | this[offset + 1]) << 16) >> 16;
}
function readInt32LE(offset = 0) {
  checkRead(this, offset, 4);
  return this[offset] | (this[offset + 1] << 8) | (this[offset + 2] << 16) | (this[offset + 3] << 24);
}
function readInt32BE(offset = 0) {
  checkRead(this, offset, 4);
  return (this[offset] << 24) | (this[offset + 1] << 16) | (this[offset + 2] << 8) | this[offset + 3];
}

function writeUIntLE(value, offset, byteLength) {
  if (!isValidByteLength(byteLength)) boundsError(byteLength, 6, 'byteLength');
  return writeInt(this, value, offset, byteLength, 0, unsignedMax[byteLength], true);
}
function writeUIntBE(value, offset, byteLength) {
  if (!isValidByteLength(byteLength)) boundsError(byteLength, 6, 'byteLength');
  return writeInt(this, value, offset, byteLength, 0, unsignedMax[byteLength], false);
}
function writeIntLE(value, offset, byteLength) {
  if (!isValidByteLength(byteLength)) boundsError(byteLength, 6, 'byteLength');
  const max = signedMax[byteLength];
  return writeInt(this, value, offset, byteLength, -max - 1, max, true);
}
function writeIntBE(value, offset, byteLength) {
  if (!isValidByteLength(byteLength)) boundsError(byteLength, 6, 'byteLength');
  const max = signedMax[byteLength];
  return writeInt(this, value, offset, byteLength, -max - 1, max, false);
}
function writeUInt8(value, offset = 0) { return writeU_Int8(this, value, offset, 0, 0xff); }
function writeUInt16LE(value, offset = 0) { return writeInt(this, value, offset, 2, 0, 0xffff, true); }
function writeUInt16BE(value, offset = 0) { return writeInt(this, value, offset, 2, 0, 0xffff, false); }
function writeUInt32LE(value, offset = 0) { return writeInt(this, value, offset, 4, 0, 0xffffffff, true); }
function writeUInt32BE(value, offset = 0) { return writeInt(this, value, offset, 4, 0, 0xffffffff, false); }
function writeInt8(value, offset = 0) { return writeU_Int8(this, value, offset, -0x80, 0x7f); }
function writeInt16LE(value, offset = 0) { return writeInt(this, value, offset, 2, -0x8000, 0x7fff, true); }
function writeInt16BE(value, offset = 0) { return writeInt(this, value, offset, 2, -0x8000, 0x7fff, false); }
function writeInt32LE(value, offset = 0) {
  return writeInt(this, value, offset, 4, -0x80000000, 0x7fffffff, true);
}
function writeInt32BE(value, offset = 0) {
  return writeInt(this, value, offset, 4, -0x80000000, 0x7fffffff, false);
}

// Node names these after the host byte order (Forwards = native order).
const readFloatLE = bigEndianHost ?
  function readFloatBackwards(offset = 0) { return readFloatBytes(this, offset, true); } :
  function readFloatForwards(offset = 0) { return readFloatBytes(this, offset, true); };
const readFloatBE = bigEndianHost ?
  function readFloatForwards(offset = 0) { return readFloatBytes(this, offset, false); } :
  function readFloatBackwards(offset = 0) { return readFloatBytes(this, offset, false); };
const readDoubleLE = bigEndianHost ?
  function readDoubleBackwards(offset = 0) { return readDoubleBytes(this, offset, true); } :
  function readDoubleForwards(offset = 0) { return readDoubleBytes(this, offset, true); };
const readDoubleBE = bigEndianHost ?
  function readDoubleForwards(offset = 0) { return readDoubleBytes(this, offset, false); } :
  function readDoubleBackwards(offset = 0) { return readDoubleBytes(this, offset, false); };
const writeFloatLE = bigEndianHost ?
  function writeFloatBackwards(val, offset = 0) { return writeFloatBytes(this, val, offset, true); } :
  function writeFloatForwards(val, offset = 0) { return writeFloatBytes(this, val, offset, true); };
const writeFloatBE = bigEndianHost ?
  function writeFloatForwards(val, offset = 0) { return writeFloatBytes(this, val, offset, false); } :
  function writeFloatBackwards(val, offset = 0) { return writeFloatBytes(this, val, offset, false); };
const writeDoubleLE = bigEndianHost ?
  function writeDoubleBackwards(val, offset = 0) { return writeDoubleBytes(this, val, offset, true); } :
  function writeDoubleForwards(val, offset = 0) { return writeDoubleBytes(this, val, offset, true); };
const writeDoubleBE = bigEndianHost ?
  function writeDoubleForwards(val, offset = 0) { return writeDoubleBytes(this, val, offset, false); } :
  function writeDoubleBackwards(val, offset = 0) { return writeDoubleBytes(this, val, offset, false); };

// Same property order as Node's Buffer.prototype.
proto.readBigUInt64LE = readBigUInt64LE;
proto.readBigUInt64BE = readBigUInt64BE;
proto.readBigUint64LE = readBigUInt64LE;
proto.readBigUint64BE = readBigUInt64BE;
proto.readBigInt64LE = readBigInt64LE;
proto.readBigInt64BE = readBigInt64BE;
proto.writeBigUInt64LE = writeBigUInt64LE;
proto.writeBigUInt64BE = writeBigUInt64BE;
proto.writeBigUint64LE = writeBigUInt64LE;
proto.writeBigUint64BE = writeBigUInt64BE;
proto.writeBigInt64LE = writeBigInt64LE;
proto.writeBigInt64BE = writeBigInt64BE;

proto.readUIntLE = readUIntLE;
proto.readUInt32LE = readUInt32LE;
proto.readUInt16LE = readUInt16LE;
proto.readUInt8 = readUInt8;
proto.readUIntBE = readUIntBE;
proto.readUInt32BE = readUInt32BE;
proto.readUInt16BE = readUInt16BE;
proto.readUintLE = readUIntLE;
proto.readUint32LE = readUInt32LE;
proto.readUint16LE = readUInt16LE;
proto.readUint8 = readUInt8;
proto.readUintBE = readUIntBE;
proto.readUint32BE = readUInt32BE;
proto.readUint16BE = readUInt16BE;
proto.readIntLE = readIntLE;
proto.readInt32LE = readInt32LE;
proto.readInt16LE = readInt16LE;
proto.readInt8 = readInt8;
proto.readIntBE = readIntBE;
proto.readInt32BE = readInt32BE;
proto.readInt16BE = readInt16BE;

proto.writeUIntLE = writeUIntLE;
proto.writeUInt32LE = writeUInt32LE;
proto.writeUInt16LE = writeUInt16LE;
proto.writeUInt8 = writeUInt8;
proto.writeUIntBE = writeUIntBE;
proto.writeUInt32BE = writeUInt32BE;
proto.writeUInt16BE = writeUInt16BE;
proto.writeUintLE = writeUIntLE;
proto.writeUint32LE = writeUInt32LE;
proto.writeUint16LE = writeUInt16LE;
proto.writeUint8 = writeUInt8;
proto.writeUintBE = writeUIntBE;
proto.writeUint32BE = writeUInt32BE;
proto.writeUint16BE = writeUInt16BE;
proto.writeIntLE = writeIntLE;
proto.writeInt32LE = writeInt32LE;
proto.writeInt16LE = writeInt16LE;
proto.writeInt8 = writeInt8;
proto.writeIntBE = writeIntBE;
proto.writeInt32BE = writeInt32BE;
proto.writeInt16BE = writeInt16BE;

proto.readFloatLE = readFloatLE;
proto.readFloatBE = readFloatBE;
proto.readDoubleLE = readDoubleLE;
proto.readDoubleBE = readDoubleBE;
proto.writeFloatLE = writeFloatLE;
proto.writeFloatBE = writeFloatBE;
proto.writeDoubleLE = writeDoubleLE;
proto.writeDoubleBE = writeDoubleBE;

// ---------------------------------------------------------------------------------------------
// Buffer.prototype: per-encoding slice/write methods (undocumented but used by libraries)

// Node's C++ ParseArrayIndex: undefined -> default, otherwise ToIntegerOrInfinity, negative -> OOB.
function parseArrayIndex(value, def) {
  if (value === undefined) return def;
  const n = MathTrunc(+value) || 0;
  if (n < 0) throw indexOutOfRange();
  return n;
}

function checkIsView(value) {
  if (!isArrayBufferView(value)) {
    throw nativeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'argument must be a buffer');
  }
}

// C++ StringSlice<encoding>.
function makeSliceMethod(name, decode) {
  const fn = {
    [name](start, end) {
      checkIsView(this);
      const len = this.length;
      if (len === 0) return '';
      start = parseArrayIndex(start, 0);
      end = parseArrayIndex(end, len);
      if (end < start) end = start;
      if (end > len) throw indexOutOfRange();
      return decode(this, start, end);
    },
  }[name];
  return fn;
}

// C++ StringWrite<encoding> / SlowWriteString<encoding>.
function stringWrite(buf, string, offset, length, write) {
  checkIsView(buf);
  if (typeof string !== 'string') throw notAStringError();
  const bufLen = buf.length;
  offset = parseArrayIndex(offset, 0);
  if (offset > bufLen) {
    throw nativeError(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', '"offset" is outside of buffer bounds');
  }
  let maxLength = parseArrayIndex(length, bufLen - offset);
  maxLength = MathMin(bufLen - offset, maxLength);
  if (maxLength === 0) return 0;
  return write(buf, string, offset, maxLength);
}

// Node wraps asciiWrite/latin1Write/utf8Write in JavaScript with these bounds checks.
function makeJsWriteMethod(name, write) {
  const fn = {
    [name](string, offset = 0, length = this.byteLength - offset) {
      if (offset < 0 || offset > this.byteLength) throw new (codes().ERR_BUFFER_OUT_OF_BOUNDS)('offset');
      // A length past the end is clamped later, only a negative one is rejected.
      if (length < 0) throw new (codes().ERR_BUFFER_OUT_OF_BOUNDS)('length');
      return stringWrite(this, string, offset, length, write);
    },
  }[name];
  return fn;
}

function makeNativeWriteMethod(name, write) {
  const fn = {
    [name]: function(string, offset, length) {
      return stringWrite(this, string, offset, length, write);
    },
  }[name];
  // C++ functions report length 0.
  Object.defineProperty(fn, 'length', { __proto__: null, value: 0 });
  return fn;
}

const sliceMethodLength = { __proto__: null, value: 0 };
proto.asciiSlice = makeSliceMethod('asciiSlice', asciiDecode);
proto.base64Slice = makeSliceMethod('base64Slice', (b, s, e) => base64Encode(b, s, e, false));
proto.base64urlSlice = makeSliceMethod('base64urlSlice', (b, s, e) => base64Encode(b, s, e, true));
proto.latin1Slice = makeSliceMethod('latin1Slice', latin1Decode);
proto.hexSlice = makeSliceMethod('hexSlice', hexEncode);
proto.ucs2Slice = makeSliceMethod('ucs2Slice', ucs2Decode);
proto.utf8Slice = makeSliceMethod('utf8Slice', utf8Decode);
for (const name of ['asciiSlice', 'base64Slice', 'base64urlSlice', 'latin1Slice', 'hexSlice', 'ucs2Slice', 'utf8Slice']) {
  Object.defineProperty(proto[name], 'length', sliceMethodLength);
}
proto.asciiWrite = makeJsWriteMethod('asciiWrite', latin1Write);
proto.base64Write = makeNativeWriteMethod('base64Write', base64Write);
proto.base64urlWrite = makeNativeWriteMethod('base64urlWrite', base64Write);
proto.latin1Write = makeJsWriteMethod('latin1Write', latin1Write);
proto.hexWrite = makeNativeWriteMethod('hexWrite', hexWrite);
proto.ucs2Write = makeNativeWriteMethod('ucs2Write', ucs2Write);
proto.utf8Write = makeJsWriteMethod('utf8Write', utf8Write);

// ---------------------------------------------------------------------------------------------
// Buffer.prototype: the documented methods

// Deprecated aliases kept by Node.
Object.defineProperty(proto, 'parent', {
  __proto__: null,
  enumerable: true,
  configurable: true,
  get() {
    if (!(this instanceof Buffer)) return undefined;
    return this.buffer;
  },
});
Object.defineProperty(proto, 'offset', {
  __proto__: null,
  enumerable: true,
  configurable: true,
  get() {
    if (!(this instanceof Buffer)) return undefined;
    return this.byteOffset;
  },
});

proto.copy = function copy(target, targetStart, sourceStart, sourceEnd) {
  return _copy(this, target, targetStart, sourceStart, sourceEnd);
};

// No arguments: fast UTF-8 path; start/end are clamped like Node (no errors for odd values).
proto.toString = function toString(encoding, start, end) {
  if (arguments.length === 0) return utf8Decode(this, 0, this.length);

  const len = this.length;
  if (start <= 0) start = 0;
  else if (start >= len) return '';
  else start = MathTrunc(start) || 0;

  if (end === undefined || end > len) end = len;
  else end = MathTrunc(end) || 0;

  if (end <= start) return '';

  if (encoding === undefined) return utf8Decode(this, start, end);

  const ops = getEncodingOps(encoding);
  if (ops === undefined) throw new (codes().ERR_UNKNOWN_ENCODING)(encoding);
  return ops.slice(this, start, end);
};

proto.equals = function equals(otherBuffer) {
  if (!isUint8Array(otherBuffer)) {
    throw new (codes().ERR_INVALID_ARG_TYPE)('otherBuffer', ['Buffer', 'Uint8Array'], otherBuffer);
  }
  if (this === otherBuffer) return true;
  const len = typedArrayGetByteLength.call(this);
  if (len !== typedArrayGetByteLength.call(otherBuffer)) return false;
  return len === 0 || compareBytes(this, 0, len, otherBuffer, 0, len) === 0;
};

// `<Buffer 68 65 6c 6c 6f>`, plus own non-index properties when util.inspect passes a context.
function inspect(recurseTimes, ctx) {
  const max = INSPECT_MAX_BYTES;
  const actualMax = MathMin(max, this.length);
  const remaining = this.length - max;
  let str = hexEncode(this, 0, actualMax).replace(/(.{2})/g, '$1 ').trim();
  if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
  if (ctx) {
    let extras = false;
    const obj = { __proto__: null };
    for (const key of ownNonIndexProperties(this, !ctx.showHidden)) {
      extras = true;
      obj[key] = this[key];
    }
    if (extras) {
      if (this.length !== 0) str += ', ';
      // Drop the "[Object: null prototype] {" prefix and the " }" suffix.
      str += utilInspect(obj, { ...ctx, breakLength: Infinity, compact: true }).slice(27, -2);
    }
  }
  return `<${this.constructor.name} ${str}>`;
}

function ownNonIndexProperties(obj, onlyEnumerable) {
  const n = natives();
  if (n !== undefined && n.getOwnNonIndexProperties !== undefined) {
    return n.getOwnNonIndexProperties(obj, onlyEnumerable);
  }
  const keys = Reflect.ownKeys(obj);
  const result = [];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    // Typed arrays only hold integer indices as numeric-looking own keys.
    if (typeof key === 'string' && key !== '' && `${+key}` === key) continue;
    if (onlyEnumerable && !Object.prototype.propertyIsEnumerable.call(obj, key)) continue;
    result.push(key);
  }
  return result;
}

proto[customInspectSymbol] = inspect;
proto.inspect = inspect;

proto.compare = function compare(target, targetStart, targetEnd, sourceStart, sourceEnd) {
  if (!isUint8Array(target)) throw new (codes().ERR_INVALID_ARG_TYPE)('target', ['Buffer', 'Uint8Array'], target);
  if (arguments.length === 1) return compareBytes(this, 0, this.length, target, 0, target.length);

  if (targetStart === undefined) targetStart = 0;
  else validateOffset(targetStart, 'targetStart');

  if (targetEnd === undefined) targetEnd = target.length;
  else validateOffset(targetEnd, 'targetEnd', 0, target.length);

  if (sourceStart === undefined) sourceStart = 0;
  else validateOffset(sourceStart, 'sourceStart');

  if (sourceEnd === undefined) sourceEnd = this.length;
  else validateOffset(sourceEnd, 'sourceEnd', 0, this.length);

  if (sourceStart >= sourceEnd) return (targetStart >= targetEnd ? 0 : -1);
  if (targetStart >= targetEnd) return 1;

  // C++ CompareOffset.
  if (sourceStart > this.length) {
    throw nativeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "sourceStart" is out of range.');
  }
  if (targetStart > target.length) {
    throw nativeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "targetStart" is out of range.');
  }
  const toCmp = MathMin(sourceEnd - sourceStart, targetEnd - targetStart, this.length - sourceStart);
  let val = 0;
  for (let i = 0; i < toCmp; i++) {
    const x = this[sourceStart + i];
    const y = target[targetStart + i];
    if (x !== y) {
      val = x < y ? -1 : 1;
      break;
    }
  }
  if (val !== 0) return val;
  const a = sourceEnd - sourceStart;
  const b = targetEnd - targetStart;
  return a > b ? 1 : a < b ? -1 : 0;
};

proto.indexOf = function indexOf(val, byteOffset, encoding) {
  return bidirectionalIndexOf(this, val, byteOffset, encoding, true);
};

proto.lastIndexOf = function lastIndexOf(val, byteOffset, encoding) {
  return bidirectionalIndexOf(this, val, byteOffset, encoding, false);
};

proto.includes = function includes(val, byteOffset, encoding) {
  return this.indexOf(val, byteOffset, encoding) !== -1;
};

proto.fill = function fill(value, offset, end, encoding) {
  return _fill(this, value, offset, end, encoding);
};

proto.write = function write(string, offset, length, encoding) {
  // write(string)
  if (offset === undefined) return stringWrite(this, string, 0, this.length, utf8Write);

  if (length === undefined && typeof offset === 'string') {
    // write(string, encoding)
    encoding = offset;
    length = this.length;
    offset = 0;
  } else {
    // write(string, offset[, length][, encoding])
    validateOffset(offset, 'offset', 0, this.length);
    const remaining = this.length - offset;
    if (length === undefined) {
      length = remaining;
    } else if (typeof length === 'string') {
      encoding = length;
      length = remaining;
    } else {
      validateOffset(length, 'length', 0, this.length);
      if (length > remaining) length = remaining;
    }
  }
  if (!encoding || encoding === 'utf8') return stringWrite(this, string, offset, length, utf8Write);
  if (encoding === 'ascii') return stringWrite(this, string, offset, length, latin1Write);

  const ops = getEncodingOps(encoding);
  if (ops === undefined) throw new (codes().ERR_UNKNOWN_ENCODING)(encoding);
  return stringWrite(this, string, offset, length, ops.write);
};

proto.toJSON = function toJSON() {
  if (this.length > 0) {
    const data = new Array(this.length);
    for (let i = 0; i < this.length; ++i) data[i] = this[i];
    return { type: 'Buffer', data };
  }
  return { type: 'Buffer', data: [] };
};

// Math.trunc keeps offsets beyond the int32 range intact; negatives count from the end.
function adjustOffset(offset, length) {
  offset = MathTrunc(offset);
  if (offset === 0 || NumberIsNaN(offset)) return 0;
  if (offset < 0) {
    offset += length;
    return offset > 0 ? offset : 0;
  }
  if (offset < length) return offset;
  return length;
}

proto.subarray = function subarray(start, end) {
  const srcLength = this.length;
  start = adjustOffset(start, srcLength);
  end = end !== undefined ? adjustOffset(end, srcLength) : srcLength;
  const newLength = end > start ? end - start : 0;
  return new FastBuffer(this.buffer, this.byteOffset + start, newLength);
};

// Unlike Uint8Array#slice, Buffer#slice shares memory.
proto.slice = function slice(start, end) {
  return this.subarray(start, end);
};

function swap(b, n, m) {
  const i = b[n];
  b[n] = b[m];
  b[m] = i;
}

proto.swap16 = function swap16() {
  const len = this.length;
  if (len % 2 !== 0) throw new (codes().ERR_INVALID_BUFFER_SIZE)('16-bits');
  for (let i = 0; i < len; i += 2) swap(this, i, i + 1);
  return this;
};

proto.swap32 = function swap32() {
  const len = this.length;
  if (len % 4 !== 0) throw new (codes().ERR_INVALID_BUFFER_SIZE)('32-bits');
  for (let i = 0; i < len; i += 4) {
    swap(this, i, i + 3);
    swap(this, i + 1, i + 2);
  }
  return this;
};

proto.swap64 = function swap64() {
  const len = this.length;
  if (len % 8 !== 0) throw new (codes().ERR_INVALID_BUFFER_SIZE)('64-bits');
  for (let i = 0; i < len; i += 8) {
    swap(this, i, i + 7);
    swap(this, i + 1, i + 6);
    swap(this, i + 2, i + 5);
    swap(this, i + 3, i + 4);
  }
  return this;
};

proto.toLocaleString = proto.toString;

// ---------------------------------------------------------------------------------------------
// transcode (Node uses ICU; the supported pairs and substitution rules are reproduced here)

// ICU's UErrorCode values Node reports.
const U_ILLEGAL_ARGUMENT_ERROR = 1;
const U_INVALID_CHAR_FOUND = 10;
const icuErrorNames = { [U_ILLEGAL_ARGUMENT_ERROR]: 'U_ILLEGAL_ARGUMENT_ERROR', [U_INVALID_CHAR_FOUND]: 'U_INVALID_CHAR_FOUND' };

function transcodeError(errno) {
  const code = icuErrorNames[errno];
  const err = new Error(`Unable to transcode Buffer [${code}]`);
  err.code = code;
  err.errno = errno;
  return err;
}

// Decodes `source` to an array of code points; invalid input becomes U+FFFD, or throws when
// `strict` (ICU's UTF-8 -> UTF-16 and UTF-16 -> UTF-8 fast converters reject invalid input).
function transcodeDecode(source, from, to) {
  const cps = [];
  const len = source.length;
  if (from === 'latin1' || from === 'ascii') {
    // ASCII bytes >= 0x80 are invalid for ICU except when Node copies them straight to UCS-2.
    const replaceHigh = from === 'ascii' && to !== 'ucs2';
    for (let i = 0; i < len; i++) {
      const b = source[i];
      cps.push(replaceHigh && b >= 0x80 ? 0xfffd : b);
    }
  } else if (from === 'utf8') {
    if (to === 'ucs2' && !isValidUtf8(source, 0, len)) throw transcodeError(U_INVALID_CHAR_FOUND);
    const s = utf8Decode(source, 0, len);
    for (let i = 0; i < s.length; i++) {
      const c = s.codePointAt(i);
      if (c > 0xffff) i++;
      cps.push(c);
    }
  } else { // ucs2
    const units = len >>> 1;
    for (let i = 0; i < units; i++) {
      const c = source[2 * i] | (source[2 * i + 1] << 8);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < units) {
        const d = source[2 * i + 2] | (source[2 * i + 3] << 8);
        if (d >= 0xdc00 && d <= 0xdfff) {
          cps.push(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
          i++;
          continue;
        }
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        if (to === 'utf8') throw transcodeError(U_INVALID_CHAR_FOUND);
        cps.push(0xfffd);
      } else {
        cps.push(c);
      }
    }
    // ICU's UTF-16 -> UTF-16 conversion reports a dangling odd byte as one more U+FFFD.
    if ((len & 1) && to === 'ucs2') cps.push(0xfffd);
  }
  return cps;
}

function transcodeEncode(cps, to) {
  if (to === 'utf8') {
    let s = '';
    for (let i = 0; i < cps.length; i++) s += String.fromCodePoint(cps[i]);
    const out = utf8Encode(s);
    return new FastBuffer(out.buffer, out.byteOffset, out.length);
  }
  if (to === 'ucs2') {
    let n = 0;
    for (let i = 0; i < cps.length; i++) n += cps[i] > 0xffff ? 2 : 1;
    const out = createUnsafeBuffer(n * 2);
    let p = 0;
    for (let i = 0; i < cps.length; i++) {
      let c = cps[i];
      if (c > 0xffff) {
        c -= 0x10000;
        const hi = 0xd800 | (c >> 10);
        const lo = 0xdc00 | (c & 0x3ff);
        out[p++] = hi;
        out[p++] = hi >>> 8;
        out[p++] = lo;
        out[p++] = lo >>> 8;
      } else {
        out[p++] = c;
        out[p++] = c >>> 8;
      }
    }
    return out;
  }
  // latin1 / ascii: unmappable characters become '?'.
  const limit = to === 'ascii' ? 0x7f : 0xff;
  const out = createUnsafeBuffer(cps.length);
  for (let i = 0; i < cps.length; i++) out[i] = cps[i] <= limit ? cps[i] : 0x3f;
  return out;
}

const transcodeEncodings = { __proto__: null, utf8: 'utf8', utf16le: 'ucs2', latin1: 'latin1', ascii: 'ascii' };

function transcode(source, fromEncoding, toEncoding) {
  if (!isUint8Array(source)) {
    throw new (codes().ERR_INVALID_ARG_TYPE)('source', ['Buffer', 'Uint8Array'], source);
  }
  if (source.length === 0) return Buffer.alloc(0);
  const from = transcodeEncodings[normalizeEncoding(fromEncoding) || fromEncoding];
  const to = transcodeEncodings[normalizeEncoding(toEncoding) || toEncoding];
  if (from === undefined || to === undefined) throw transcodeError(U_ILLEGAL_ARGUMENT_ERROR);
  return transcodeEncode(transcodeDecode(source, from, to), to);
}

// ---------------------------------------------------------------------------------------------
// isUtf8 / isAscii

function bytesForValidation(input) {
  let ab;
  let bytes;
  if (isTypedArray(input)) {
    ab = typedArrayGetBuffer.call(input);
    bytes = viewBytes(input);
  } else if (isAnyArrayBuffer(input)) {
    ab = input;
    bytes = undefined;
  } else {
    return undefined;
  }
  if (arrayBufferGetDetached !== undefined && isArrayBuffer(ab) && arrayBufferGetDetached.call(ab)) {
    throw nativeError(Error, 'ERR_INVALID_STATE', 'Cannot validate on a detached buffer');
  }
  return bytes === undefined ? new Uint8Array(ab) : bytes;
}

function isUtf8(input) {
  const bytes = bytesForValidation(input);
  if (bytes === undefined) {
    throw new (codes().ERR_INVALID_ARG_TYPE)('input', ['ArrayBuffer', 'Buffer', 'TypedArray'], input);
  }
  return isValidUtf8(bytes, 0, bytes.length);
}

function isAscii(input) {
  const bytes = bytesForValidation(input);
  if (bytes === undefined) {
    throw new (codes().ERR_INVALID_ARG_TYPE)('input', ['ArrayBuffer', 'Buffer', 'TypedArray'], input);
  }
  for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------
// atob / btoa (WHATWG forgiving-base64, errors are DOMException InvalidCharacterError)

let FallbackDOMException;
function domException(message, name) {
  const Ctor = typeof globalThis.DOMException === 'function' ? globalThis.DOMException : undefined;
  if (Ctor !== undefined) return new Ctor(message, name);
  if (FallbackDOMException === undefined) {
    // Minimal stand-in until the runtime provides DOMException.
    const legacyCodes = { __proto__: null, InvalidCharacterError: 5 };
    FallbackDOMException = class DOMException extends Error {
      constructor(msg = '', errName = 'Error') {
        super(msg);
        Object.defineProperty(this, 'name', { __proto__: null, value: errName, configurable: true, writable: true });
        Object.defineProperty(this, 'code', { __proto__: null, value: legacyCodes[errName] || 0, configurable: true, writable: true });
      }
    };
  }
  return new FallbackDOMException(message, name);
}

function isAsciiWhitespace(c) {
  return c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d || c === 0x20;
}

function btoa(input) {
  if (arguments.length === 0) throw new (codes().ERR_MISSING_ARGS)('input');
  input = `${input}`;
  for (let n = 0; n < input.length; n++) {
    if (input.charCodeAt(n) > 0xff) throw domException('Invalid character', 'InvalidCharacterError');
  }
  const bytes = latin1Bytes(input);
  return base64Encode(bytes, 0, bytes.length, false);
}

function atob(input) {
  if (arguments.length === 0) throw new (codes().ERR_MISSING_ARGS)('input');
  input = `${input}`;
  let nonAsciiWhitespaceCharCount = 0;
  let equalCharCount = 0;
  for (let n = 0; n < input.length; n++) {
    const c = input.charCodeAt(n);
    if (isAsciiWhitespace(c)) continue;
    const isEqual = c === 0x3d;
    if (!isEqual && (c > 0xff || unbase64Table[c] < 0 || c === 0x2d || c === 0x5f)) {
      throw domException('Invalid character', 'InvalidCharacterError');
    }
    nonAsciiWhitespaceCharCount++;
    if (isEqual) {
      equalCharCount++;
    } else if (equalCharCount) {
      // '=' is only allowed at the end.
      throw domException('Invalid character', 'InvalidCharacterError');
    }
    if (equalCharCount > 2) throw domException('Invalid character', 'InvalidCharacterError');
  }
  let reminder = nonAsciiWhitespaceCharCount % 4;
  if (!reminder) {
    reminder = (nonAsciiWhitespaceCharCount - equalCharCount) % 4;
  } else if (equalCharCount) {
    throw domException('Invalid character', 'InvalidCharacterError');
  }
  if (reminder === 1) {
    throw domException('The string to be decoded is not correctly encoded.', 'InvalidCharacterError');
  }
  const out = new Uint8Array(base64ByteLength(input, input.length));
  const n = base64Write(out, input, 0, out.length);
  return latin1Decode(out, 0, n);
}

// ---------------------------------------------------------------------------------------------
// Blob / File

const kHandle = Symbol('kHandle');
const kType = Symbol('kType');
const kLength = Symbol('kLength');
const disallowedTypeCharacters = /[^\u{0020}-\u{007E}]/u;

function isBlob(object) {
  return object != null && object[kHandle] !== undefined;
}

function validateDictionary(value, name) {
  if (value != null && typeof value !== 'object' && typeof value !== 'function') {
    throw new (codes().ERR_INVALID_ARG_TYPE)(name, 'a dictionary', value);
  }
}

function getBlobSource(source, endings) {
  if (isBlob(source)) return source[kHandle];
  let bytes;
  if (isAnyArrayBuffer(source)) {
    bytes = new Uint8Array(source);
  } else if (isArrayBufferView(source)) {
    bytes = viewBytes(source);
  } else {
    source = `${source}`;
    if (endings === 'native') {
      const eol = typeof process === 'object' && process !== null && process.platform === 'win32' ? '\r\n' : '\n';
      // Node 22 converts "\n" and "\r\n" only; a lone "\r" is kept.
      source = source.replace(/\n|\r\n/g, eol);
    }
    return utf8Encode(source);
  }
  // Copy: later changes to the source must not show through the Blob.
  return typedArraySlice.call(bytes);
}

function concatParts(parts, length) {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(length);
  let pos = 0;
  for (let i = 0; i < parts.length; i++) {
    typedArraySet.call(out, parts[i], pos);
    pos += parts[i].length;
  }
  return out;
}

// WebIDL `long long` conversion (no clamp): NaN and infinities become 0, fractions truncate.
function toLongLong(value) {
  let x = +value;
  if (!Number.isFinite(x) || x === 0) return 0;
  x = MathTrunc(x);
  x %= 2 ** 64;
  if (x >= 2 ** 63) x -= 2 ** 64;
  else if (x < -(2 ** 63)) x += 2 ** 64;
  return x;
}

function normalizeBlobType(type) {
  type = `${type}`;
  return disallowedTypeCharacters.test(type) ? '' : type.toLowerCase();
}

class Blob {
  constructor(sources = [], options) {
    if (sources === null || typeof sources[Symbol.iterator] !== 'function' || typeof sources === 'string') {
      throw new (codes().ERR_INVALID_ARG_TYPE)('sources', 'a sequence', sources);
    }
    validateDictionary(options, 'options');
    let { endings = 'transparent', type = '' } = options ?? {};
    endings = `${endings}`;
    if (endings !== 'transparent' && endings !== 'native') {
      throw new (codes().ERR_INVALID_ARG_VALUE)('options.endings', endings);
    }
    let length = 0;
    const parts = [];
    for (const source of sources) {
      const part = getBlobSource(source, endings);
      length += part.length;
      parts.push(part);
    }
    if (length > kMaxLength) throw new (codes().ERR_BUFFER_TOO_LARGE)(kMaxLength);
    this[kHandle] = concatParts(parts, length);
    this[kLength] = length;
    this[kType] = normalizeBlobType(type);
  }

  [customInspectSymbol](depth, options) {
    if (depth < 0) return this;
    const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
    return `Blob ${utilInspect({ size: this.size, type: this.type }, opts)}`;
  }

  get type() {
    if (!isBlob(this)) throw new (codes().ERR_INVALID_THIS)('Blob');
    return this[kType];
  }

  get size() {
    if (!isBlob(this)) throw new (codes().ERR_INVALID_THIS)('Blob');
    return this[kLength];
  }

  slice(start = 0, end = this[kLength], contentType = '') {
    if (!isBlob(this)) throw new (codes().ERR_INVALID_THIS)('Blob');
    start = toLongLong(start);
    end = toLongLong(end);
    const length = this[kLength];
    if (start < 0) start = MathMax(length + start, 0);
    else start = MathMin(start, length);
    if (end < 0) end = MathMax(length + end, 0);
    else end = MathMin(end, length);
    contentType = normalizeBlobType(contentType);
    const span = MathMax(end - start, 0);
    return createBlob(this[kHandle].subarray(start, start + span), span, contentType);
  }

  arrayBuffer() {
    if (!isBlob(this)) return Promise.reject(new (codes().ERR_INVALID_THIS)('Blob'));
    const handle = this[kHandle];
    return Promise.resolve().then(() => typedArraySlice.call(handle).buffer);
  }

  text() {
    if (!isBlob(this)) return Promise.reject(new (codes().ERR_INVALID_THIS)('Blob'));
    const handle = this[kHandle];
    return Promise.resolve().then(() => {
      // TextDecoder semantics: a leading UTF-8 BOM is dropped.
      const start = handle.length >= 3 && handle[0] === 0xef && handle[1] === 0xbb && handle[2] === 0xbf ? 3 : 0;
      return utf8Decode(handle, start, handle.length);
    });
  }

  bytes() {
    if (!isBlob(this)) return Promise.reject(new (codes().ERR_INVALID_THIS)('Blob'));
    const handle = this[kHandle];
    return Promise.resolve().then(() => typedArraySlice.call(handle));
  }

  stream() {
    if (!isBlob(this)) throw new (codes().ERR_INVALID_THIS)('Blob');
    const ReadableStreamCtor = typeof globalThis.ReadableStream === 'function' ? globalThis.ReadableStream : undefined;
    if (ReadableStreamCtor === undefined) throw new (codes().ERR_METHOD_NOT_IMPLEMENTED)('stream()');
    const handle = this[kHandle];
    let pos = 0;
    return new ReadableStreamCtor({
      type: 'bytes',
      pull(controller) {
        if (pos >= handle.length) {
          controller.close();
          if (controller.byobRequest) controller.byobRequest.respond(0);
          return;
        }
        const end = MathMin(pos + 65536, handle.length);
        controller.enqueue(typedArraySlice.call(handle, pos, end));
        pos = end;
      },
    }, { highWaterMark: 0 });
  }
}

// Blobs made by slice() skip the constructor; Node also gives them an own `constructor`.
function createBlob(handle, length, type = '') {
  const blob = Object.create(Blob.prototype);
  blob[kHandle] = handle;
  blob[kType] = type;
  blob[kLength] = length;
  blob.constructor = Blob;
  return blob;
}

Object.defineProperty(Blob.prototype, Symbol.toStringTag, {
  __proto__: null,
  configurable: true,
  value: 'Blob',
});
for (const name of ['size', 'type', 'slice', 'stream', 'text', 'arrayBuffer', 'bytes']) {
  Object.defineProperty(Blob.prototype, name, { __proto__: null, enumerable: true });
}

class File extends Blob {
  // Private fields, as in Node 22: the getters throw a TypeError for foreign receivers.
  #name;
  #lastModified;

  constructor(fileBits, fileName, options = {}) {
    if (arguments.length < 2) throw new (codes().ERR_MISSING_ARGS)('fileBits', 'fileName');
    super(fileBits, options);
    let { lastModified } = options ?? {};
    if (lastModified !== undefined) {
      // Unary plus (not Number()) so BigInts throw, as in Node.
      lastModified = +lastModified;
      if (NumberIsNaN(lastModified)) lastModified = 0;
    } else {
      lastModified = Date.now();
    }
    this.#name = `${fileName}`;
    this.#lastModified = lastModified;
  }

  get name() {
    return this.#name;
  }

  get lastModified() {
    return this.#lastModified;
  }

  [customInspectSymbol](depth, options) {
    if (depth < 0) return this;
    const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
    return `File ${utilInspect({
      size: this.size,
      type: this.type,
      name: this.#name,
      lastModified: this.#lastModified,
    }, opts)}`;
  }
}

Object.defineProperties(File.prototype, {
  name: { __proto__: null, enumerable: true },
  lastModified: { __proto__: null, enumerable: true },
  [Symbol.toStringTag]: { __proto__: null, configurable: true, value: 'File' },
});

// Object URLs (URL.createObjectURL) are not supported by the sandbox, so nothing ever resolves.
function resolveObjectURL(url) {
  url = `${url}`; // Coerced like Node (throws for symbols) even though nothing can match.
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Exports (same keys and order as Node 22)

module.exports = {
  Buffer,
  SlowBuffer: deprecatedSlowBuffer,
  transcode,
  isUtf8,
  isAscii,
  kMaxLength,
  kStringMaxLength,
  btoa,
  atob,
};

Object.defineProperties(module.exports, {
  constants: {
    __proto__: null,
    configurable: false,
    enumerable: true,
    value: constants,
  },
  INSPECT_MAX_BYTES: {
    __proto__: null,
    configurable: true,
    enumerable: true,
    get() { return INSPECT_MAX_BYTES; },
    set(val) {
      validateNumber(val, 'INSPECT_MAX_BYTES', 0);
      INSPECT_MAX_BYTES = val;
    },
  },
});

module.exports.Blob = Blob;
module.exports.resolveObjectURL = resolveObjectURL;
module.exports.File = File;
