'use strict';
// Node 22 `string_decoder` module in plain JavaScript.
//
// Node keeps the decoder state in a 7-byte Buffer that its C++ decoder mutates; the legacy
// `lastChar`, `lastNeed` and `lastTotal` properties are views of that Buffer. The same layout is
// kept here so those properties (stale bytes included) read exactly as in Node:
//   bytes 0..3  incomplete character bytes
//   byte 4      bytes still missing to complete the character
//   byte 5      bytes buffered so far
//   byte 6      encoding (values of Node's `enum encoding`)

const { Buffer } = require('buffer');

const kIncompleteCharactersStart = 0;
const kIncompleteCharactersEnd = 4;
const kMissingBytes = 4;
const kBufferedBytes = 5;
const kEncodingField = 6;
const kSize = 7;

const kNativeDecoder = Symbol('kNativeDecoder');

const ASCII = 0;
const UTF8 = 1;
const BASE64 = 2;
const UCS2 = 3;
const LATIN1 = 4;
const HEX = 5;
const BASE64URL = 7;
const encodingsMap = { __proto__: null, ascii: ASCII, utf8: UTF8, base64: BASE64, utf16le: UCS2, latin1: LATIN1, hex: HEX, buffer: 6, base64url: BASE64URL };

let lazyCodes;
function codes() {
  if (lazyCodes === undefined) lazyCodes = require('internal/errors').codes;
  return lazyCodes;
}

// Buffer's per-encoding decoders, captured so later changes to Buffer.prototype do not affect us
// (Node calls its C++ encoders directly).
const bufferProto = Buffer.prototype;
const decoders = [];
decoders[ASCII] = bufferProto.asciiSlice;
decoders[UTF8] = bufferProto.utf8Slice;
decoders[BASE64] = bufferProto.base64Slice;
decoders[UCS2] = bufferProto.ucs2Slice;
decoders[LATIN1] = bufferProto.latin1Slice;
decoders[HEX] = bufferProto.hexSlice;
decoders[BASE64URL] = bufferProto.base64urlSlice;

const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
const typedArraySubarray = TypedArrayPrototype.subarray;
const typedArraySet = TypedArrayPrototype.set;
const getTypedArrayTag = Object.getOwnPropertyDescriptor(TypedArrayPrototype, Symbol.toStringTag).get;
const typedArrayGetBuffer = Object.getOwnPropertyDescriptor(TypedArrayPrototype, 'buffer').get;
const typedArrayGetByteOffset = Object.getOwnPropertyDescriptor(TypedArrayPrototype, 'byteOffset').get;
const typedArrayGetByteLength = Object.getOwnPropertyDescriptor(TypedArrayPrototype, 'byteLength').get;
const dataViewGetBuffer = Object.getOwnPropertyDescriptor(DataView.prototype, 'buffer').get;
const dataViewGetByteOffset = Object.getOwnPropertyDescriptor(DataView.prototype, 'byteOffset').get;
const dataViewGetByteLength = Object.getOwnPropertyDescriptor(DataView.prototype, 'byteLength').get;

// The bytes of any ArrayBufferView (Node reads the raw memory of typed arrays and DataViews).
function viewBytes(view) {
  if (getTypedArrayTag.call(view) !== undefined) {
    if (getTypedArrayTag.call(view) === 'Uint8Array') return view;
    return new Uint8Array(typedArrayGetBuffer.call(view), typedArrayGetByteOffset.call(view),
                          typedArrayGetByteLength.call(view));
  }
  return new Uint8Array(dataViewGetBuffer.call(view), dataViewGetByteOffset.call(view),
                        dataViewGetByteLength.call(view));
}

function makeString(bytes, start, end, encoding) {
  if (start === end) return '';
  const decode = decoders[encoding];
  return decode.call(bytes, start, end);
}

const { normalizeEncoding: normalizeEncodingName } = require('internal/util');

// Buffer keeps its original isEncoding under a private symbol; a replaced Buffer.isEncoding may
// admit extra names (Node honours that).
let originalIsEncoding;
function bufferIsEncodingPatched() {
  if (originalIsEncoding === undefined) {
    const sym = Object.getOwnPropertySymbols(Buffer).find((s) => s.description === 'kIsEncodingSymbol');
    originalIsEncoding = sym !== undefined ? Buffer[sym] : null;
  }
  return Buffer.isEncoding !== originalIsEncoding;
}

function normalizeEncoding(enc) {
  const nenc = normalizeEncodingName(enc);
  if (nenc === undefined) {
    if (!bufferIsEncodingPatched() || !Buffer.isEncoding(enc)) {
      throw new (codes().ERR_UNKNOWN_ENCODING)(enc);
    }
    return enc;
  }
  return nenc;
}

// Node's StringDecoder::DecodeData.
function decode(state, view) {
  const data = viewBytes(view);
  let start = 0;
  let nread = data.length;
  const encoding = state[kEncodingField];

  if (encoding !== UTF8 && encoding !== UCS2 && encoding !== BASE64 && encoding !== BASE64URL) {
    // ASCII, HEX and LATIN1 never split characters.
    return makeString(data, 0, nread, encoding);
  }

  let prepend;
  let body;

  // First complete a character left over from the previous chunk.
  if (state[kMissingBytes] > 0) {
    if (encoding === UTF8) {
      // A byte that is not a continuation ends the incomplete character early (V8 then emits
      // U+FFFD for it) and starts a new one.
      for (let i = 0; i < nread && i < state[kMissingBytes]; ++i) {
        if ((data[start + i] & 0xc0) !== 0x80) {
          state[kMissingBytes] = 0;
          typedArraySet.call(state, typedArraySubarray.call(data, start, start + i), state[kBufferedBytes]);
          state[kBufferedBytes] += i;
          start += i;
          nread -= i;
          break;
        }
      }
    }

    const found = Math.min(nread, state[kMissingBytes]);
    typedArraySet.call(state, typedArraySubarray.call(data, start, start + found), state[kBufferedBytes]);
    start += found;
    nread -= found;
    state[kMissingBytes] -= found;
    state[kBufferedBytes] += found;

    if (state[kMissingBytes] === 0) {
      prepend = makeString(state, kIncompleteCharactersStart, state[kBufferedBytes], encoding);
      state[kBufferedBytes] = 0;
    }
  }

  if (nread === 0) {
    // Finishing the previous character used up this chunk.
    body = prepend !== undefined ? prepend : '';
    prepend = undefined;
  } else {
    // Keep back the start of a character that continues in the next chunk.
    if (encoding === UTF8 && (data[start + nread - 1] & 0x80)) {
      for (let i = nread - 1; ; --i) {
        state[kBufferedBytes]++;
        const byte = data[start + i];
        if ((byte & 0xc0) === 0x80) {
          // A trailing byte. Four of them, or reaching the chunk start, means invalid UTF-8 that
          // the decoder replaces anyway.
          if (state[kBufferedBytes] >= 4 || i === 0) {
            state[kBufferedBytes] = 0;
            break;
          }
        } else {
          // A lead byte tells how long the character should be.
          if ((byte & 0xe0) === 0xc0) {
            state[kMissingBytes] = 2;
          } else if ((byte & 0xf0) === 0xe0) {
            state[kMissingBytes] = 3;
          } else if ((byte & 0xf8) === 0xf0) {
            state[kMissingBytes] = 4;
          } else {
            state[kBufferedBytes] = 0; // Not a valid lead byte.
            break;
          }
          if (state[kBufferedBytes] >= state[kMissingBytes]) {
            // Complete (or over-long, hence invalid) already: nothing to keep.
            state[kMissingBytes] = 0;
            state[kBufferedBytes] = 0;
          }
          state[kMissingBytes] -= state[kBufferedBytes];
          break;
        }
      }
    } else if (encoding === UCS2) {
      if ((nread % 2) === 1) {
        // Half a code unit.
        state[kBufferedBytes] = 1;
        state[kMissingBytes] = 1;
      } else if ((data[start + nread - 1] & 0xfc) === 0xd8) {
        // A high surrogate waiting for its pair.
        state[kBufferedBytes] = 2;
        state[kMissingBytes] = 2;
      }
    } else if (encoding === BASE64 || encoding === BASE64URL) {
      // Encode whole 3-byte groups only, so no padding appears mid-stream.
      state[kBufferedBytes] = nread % 3;
      if (state[kBufferedBytes] > 0) state[kMissingBytes] = 3 - state[kBufferedBytes];
    }

    const buffered = state[kBufferedBytes];
    if (buffered > 0) {
      nread -= buffered;
      typedArraySet.call(state, typedArraySubarray.call(data, start + nread, start + nread + buffered),
                         kIncompleteCharactersStart);
    }

    body = nread > 0 ? makeString(data, start, start + nread, encoding) : '';
  }

  return prepend === undefined ? body : prepend + body;
}

// Node's StringDecoder::FlushData.
function flush(state) {
  const encoding = state[kEncodingField];
  if (encoding === UCS2 && state[kBufferedBytes] % 2 === 1) {
    // A single trailing byte is dropped.
    state[kMissingBytes]--;
    state[kBufferedBytes]--;
  }
  if (state[kBufferedBytes] === 0) return '';
  const ret = makeString(state, kIncompleteCharactersStart, state[kBufferedBytes], encoding);
  state[kMissingBytes] = 0;
  state[kBufferedBytes] = 0;
  return ret;
}

function StringDecoder(encoding) {
  this.encoding = normalizeEncoding(encoding);
  this[kNativeDecoder] = Buffer.alloc(kSize);
  this[kNativeDecoder][kEncodingField] = encodingsMap[this.encoding];
}

StringDecoder.prototype.write = function write(buf) {
  if (typeof buf === 'string') return buf;
  if (!ArrayBuffer.isView(buf)) {
    throw new (codes().ERR_INVALID_ARG_TYPE)('buf', ['Buffer', 'TypedArray', 'DataView'], buf);
  }
  if (!this[kNativeDecoder]) throw new (codes().ERR_INVALID_THIS)('StringDecoder');
  return decode(this[kNativeDecoder], buf);
};

StringDecoder.prototype.end = function end(buf) {
  let ret = '';
  if (buf !== undefined) ret = this.write(buf);
  if (this[kNativeDecoder][kBufferedBytes] > 0) ret += flush(this[kNativeDecoder]);
  return ret;
};

// Undocumented legacy API: decode from `offset`, forgetting any pending partial character.
StringDecoder.prototype.text = function text(buf, offset) {
  this[kNativeDecoder][kMissingBytes] = 0;
  this[kNativeDecoder][kBufferedBytes] = 0;
  return this.write(buf.slice(offset));
};

Object.defineProperties(StringDecoder.prototype, {
  lastChar: {
    __proto__: null,
    configurable: true,
    enumerable: true,
    get() {
      return typedArraySubarray.call(this[kNativeDecoder], kIncompleteCharactersStart, kIncompleteCharactersEnd);
    },
  },
  lastNeed: {
    __proto__: null,
    configurable: true,
    enumerable: true,
    get() {
      return this[kNativeDecoder][kMissingBytes];
    },
  },
  lastTotal: {
    __proto__: null,
    configurable: true,
    enumerable: true,
    get() {
      return this[kNativeDecoder][kBufferedBytes] + this[kNativeDecoder][kMissingBytes];
    },
  },
});

module.exports = { StringDecoder };
