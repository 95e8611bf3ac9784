'use strict';
// The `v8` module. serialize()/deserialize() and the Serializer/Deserializer classes speak V8's
// ValueSerializer wire format, version 15 (what Node 22 writes), implemented here in
// JavaScript so the bytes match Node's for the structured-clone types:
//   undefined null booleans numbers bigints strings, plain objects, arrays (dense and sparse),
//   Date, RegExp, Map, Set, ArrayBuffer, boxed primitives, Errors, and ArrayBufferViews
//   (written by DefaultSerializer as host objects: view type index, byte length, bytes).
// Engine-dependent details we cannot observe on JavaScriptCore:
//   - V8 writes a number as Int32 ('I') when it is stored as a small integer and as a double
//     ('N') otherwise; we write every integer in [-2^31, 2^31) except -0 as Int32.
//   - V8 writes an array densely ('A') when its elements kind is packed, sparsely ('a') when
//     holey; we write densely exactly when every index below length is an own property.
//   - A string is written as one-byte ('"') when all its code units are <= 0xFF.
//   - Error stacks are written as the engine's `stack` string.
//   - Proxies cannot be told apart from ordinary objects on JavaScriptCore; a proxy is written
//     as the object it presents (V8 refuses it with "#<Object> could not be cloned.").
// Heap statistics are plausible fixed-shape numbers (the engine's heap is not V8's); flags,
// coverage, heap snapshots and promise hooks are not available (documented per function).

const {
  codes: {
    ERR_INVALID_ARG_TYPE,
    ERR_NOT_BUILDING_SNAPSHOT,
    ERR_METHOD_NOT_IMPLEMENTED,
  },
} = require('internal/errors');
const { validateString, validateOneOf, validateUint32, validateFunction } = require('internal/validators');

// The guest's Buffer class. (Under a development host without the sandbox's loop, the host's
// global Buffer is the one the calling script uses.)
let BufferCtor;
function Buffer() {
  if (BufferCtor === undefined) {
    const inSandbox = typeof internal === 'object' && internal !== null && internal.loop !== undefined;
    BufferCtor = !inSandbox && typeof globalThis.Buffer === 'function' ? globalThis.Buffer : require('buffer').Buffer;
  }
  return BufferCtor;
}

let inspectFn;
function inspect(value) {
  inspectFn ??= require('internal/util/inspect').inspect;
  return inspectFn(value);
}

const kLatestVersion = 15;

// Serialization tags (one byte each).
const T = {
  version: 0xFF,
  padding: 0x00,
  verifyObjectCount: 0x3F, // ?
  theHole: 0x2D, // -
  undefined: 0x5F, // _
  null: 0x30, // 0
  true: 0x54, // T
  false: 0x46, // F
  int32: 0x49, // I
  uint32: 0x55, // U
  double: 0x4E, // N
  bigint: 0x5A, // Z
  utf8String: 0x53, // S
  oneByteString: 0x22, // "
  twoByteString: 0x63, // c
  objectReference: 0x5E, // ^
  beginJSObject: 0x6F, // o
  endJSObject: 0x7B, // {
  beginSparseJSArray: 0x61, // a
  endSparseJSArray: 0x40, // @
  beginDenseJSArray: 0x41, // A
  endDenseJSArray: 0x24, // $
  date: 0x44, // D
  trueObject: 0x79, // y
  falseObject: 0x78, // x
  numberObject: 0x6E, // n
  bigintObject: 0x7A, // z
  stringObject: 0x73, // s
  regExp: 0x52, // R
  beginJSMap: 0x3B, // ;
  endJSMap: 0x3A, // :
  beginJSSet: 0x27, // '
  endJSSet: 0x2C, // ,
  arrayBuffer: 0x42, // B
  resizableArrayBuffer: 0x7E, // ~
  arrayBufferTransfer: 0x74, // t
  arrayBufferView: 0x56, // V
  sharedArrayBuffer: 0x75, // u
  hostObject: 0x5C, // \
  error: 0x72, // r
};

// Error sub-tags.
const E = {
  evalErrorPrototype: 0x45, // E
  rangeErrorPrototype: 0x52, // R
  referenceErrorPrototype: 0x46, // F
  syntaxErrorPrototype: 0x53, // S
  typeErrorPrototype: 0x54, // T
  uriErrorPrototype: 0x55, // U
  message: 0x6D, // m
  cause: 0x63, // c
  stack: 0x73, // s
  end: 0x2E, // .
};

const kErrorPrototypeTags = new Map([
  ['EvalError', E.evalErrorPrototype],
  ['RangeError', E.rangeErrorPrototype],
  ['ReferenceError', E.referenceErrorPrototype],
  ['SyntaxError', E.syntaxErrorPrototype],
  ['TypeError', E.typeErrorPrototype],
  ['URIError', E.uriErrorPrototype],
]);

// ArrayBufferView sub-tags (V8's own view encoding, readable for completeness).
const kViewTags = {
  0x62: Int8Array, // b
  0x42: Uint8Array, // B
  0x43: Uint8ClampedArray, // C
  0x77: Int16Array, // w
  0x57: Uint16Array, // W
  0x64: Int32Array, // d
  0x44: Uint32Array, // D
  0x66: Float32Array, // f
  0x46: Float64Array, // F
  0x71: BigInt64Array, // q
  0x51: BigUint64Array, // Q
  0x3F: DataView, // ?
};
if (typeof globalThis.Float16Array === 'function') kViewTags[0x68] = globalThis.Float16Array; // h

const kRegExpFlags = [['g', 1], ['i', 2], ['m', 4], ['y', 8], ['u', 16], ['s', 32], ['d', 128], ['v', 256]];

const toStringTag = (v) => Object.prototype.toString.call(v);

function isArrayIndex(key) {
  if (key === '0') return true;
  if (!/^[1-9][0-9]*$/.test(key)) return false;
  return Number(key) <= 4294967294;
}

// V8's short rendering of an uncloneable value, for the DataCloneError message.
function describeForCloneError(value) {
  if (typeof value === 'function') return Function.prototype.toString.call(value);
  if (typeof value === 'symbol') return value.toString();
  let name = 'Object';
  try {
    const ctor = Object.getPrototypeOf(value)?.constructor;
    if (typeof ctor === 'function' && ctor.name) name = ctor.name;
  } catch {
    // keep "Object"
  }
  return `#<${name}>`;
}

// ---------------------------------------------------------------------------------------------
// Serializer

const kBuffer = Symbol('buffer');
const kLength = Symbol('length');
const kIds = Symbol('ids');
const kNextId = Symbol('nextId');
const kViewsAsHost = Symbol('treatArrayBufferViewsAsHostObjects');
const kTransferred = Symbol('transferred');

class Serializer {
  constructor() {
    this[kBuffer] = new Uint8Array(64);
    this[kLength] = 0;
    this[kIds] = new Map();
    this[kNextId] = 0;
    this[kViewsAsHost] = false;
    this[kTransferred] = new Map();
  }

  writeHeader() {
    writeByte(this, T.version);
    writeVarint(this, kLatestVersion);
  }

  writeValue(value) {
    writeObject(this, value);
    return true;
  }

  releaseBuffer() {
    // A Buffer over its own exactly-sized memory (not the pool), as Node returns.
    const bytes = this[kBuffer].slice(0, this[kLength]);
    const out = Buffer().from(bytes.buffer, 0, bytes.length);
    this[kBuffer] = new Uint8Array(64);
    this[kLength] = 0;
    return out;
  }

  transferArrayBuffer(id, arrayBuffer) {
    validateUint32(id, 'id');
    this[kTransferred].set(arrayBuffer, id);
  }

  writeUint32(value) {
    writeVarint(this, value >>> 0);
  }

  writeUint64(hi, lo) {
    writeVarint(this, (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0));
  }

  writeDouble(value) {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setFloat64(0, Number(value), true);
    writeBytes(this, bytes);
  }

  writeRawBytes(source) {
    if (!ArrayBuffer.isView(source)) {
      throw new ERR_INVALID_ARG_TYPE('source', ['Buffer', 'TypedArray', 'DataView'], source);
    }
    writeBytes(this, new Uint8Array(source.buffer, source.byteOffset, source.byteLength));
  }

  _setTreatArrayBufferViewsAsHostObjects(flag) {
    this[kViewsAsHost] = Boolean(flag);
  }
}
Serializer.prototype._getDataCloneError = Error;

function ensure(ser, extra) {
  const need = ser[kLength] + extra;
  if (need <= ser[kBuffer].length) return;
  let size = ser[kBuffer].length * 2;
  while (size < need) size *= 2;
  const grown = new Uint8Array(size);
  grown.set(ser[kBuffer].subarray(0, ser[kLength]));
  ser[kBuffer] = grown;
}

function writeByte(ser, byte) {
  ensure(ser, 1);
  ser[kBuffer][ser[kLength]++] = byte;
}

function writeBytes(ser, bytes) {
  ensure(ser, bytes.length);
  ser[kBuffer].set(bytes, ser[kLength]);
  ser[kLength] += bytes.length;
}

// Unsigned LEB128; accepts numbers up to 2^53 and bigints.
function writeVarint(ser, value) {
  if (typeof value === 'bigint') {
    do {
      let byte = Number(value & 0x7Fn);
      value >>= 7n;
      if (value !== 0n) byte |= 0x80;
      writeByte(ser, byte);
    } while (value !== 0n);
    return;
  }
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value !== 0) byte |= 0x80;
    writeByte(ser, byte);
  } while (value !== 0);
}

function varintSize(value) {
  let size = 1;
  while (value >= 128) {
    value = Math.floor(value / 128);
    size++;
  }
  return size;
}

function writeZigZag(ser, value) {
  writeVarint(ser, ((value << 1) ^ (value >> 31)) >>> 0);
}

function writeDoubleRaw(ser, value) {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setFloat64(0, value, true);
  writeBytes(ser, bytes);
}

function writeString(ser, string) {
  let oneByte = true;
  for (let i = 0; i < string.length; i++) {
    if (string.charCodeAt(i) > 0xFF) {
      oneByte = false;
      break;
    }
  }
  if (oneByte) {
    writeByte(ser, T.oneByteString);
    writeVarint(ser, string.length);
    ensure(ser, string.length);
    for (let i = 0; i < string.length; i++) ser[kBuffer][ser[kLength]++] = string.charCodeAt(i);
    return;
  }
  const byteLength = string.length * 2;
  // Two-byte payloads start at an even offset: pad when tag + length would end on an odd one.
  if ((ser[kLength] + 1 + varintSize(byteLength)) & 1) writeByte(ser, T.padding);
  writeByte(ser, T.twoByteString);
  writeVarint(ser, byteLength);
  ensure(ser, byteLength);
  for (let i = 0; i < string.length; i++) {
    const c = string.charCodeAt(i);
    ser[kBuffer][ser[kLength]++] = c & 0xFF;
    ser[kBuffer][ser[kLength]++] = c >> 8;
  }
}

function writeBigIntContents(ser, value) {
  const negative = value < 0n;
  let magnitude = negative ? -value : value;
  const digits = [];
  while (magnitude > 0n) {
    digits.push(magnitude & 0xFFFFFFFFFFFFFFFFn);
    magnitude >>= 64n;
  }
  const byteLength = digits.length * 8;
  writeVarint(ser, byteLength * 2 + (negative ? 1 : 0));
  const bytes = new Uint8Array(byteLength);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < digits.length; i++) view.setBigUint64(i * 8, digits[i], true);
  writeBytes(ser, bytes);
}

function writeNumber(ser, value) {
  if (Number.isInteger(value) && value >= -2147483648 && value <= 2147483647 && !Object.is(value, -0)) {
    writeByte(ser, T.int32);
    writeZigZag(ser, value);
  } else {
    writeByte(ser, T.double);
    writeDoubleRaw(ser, value);
  }
}

function dataCloneError(ser, message) {
  const Ctor = ser._getDataCloneError;
  return new Ctor(message);
}

function writeObject(ser, value) {
  switch (typeof value) {
    case 'undefined': writeByte(ser, T.undefined); return;
    case 'boolean': writeByte(ser, value ? T.true : T.false); return;
    case 'number': writeNumber(ser, value); return;
    case 'bigint':
      writeByte(ser, T.bigint);
      writeBigIntContents(ser, value);
      return;
    case 'string': writeString(ser, value); return;
    case 'symbol':
    case 'function':
      throw dataCloneError(ser, `${describeForCloneError(value)} could not be cloned.`);
  }
  if (value === null) {
    writeByte(ser, T.null);
    return;
  }
  writeReceiver(ser, value);
}

function writeReceiver(ser, value) {
  const id = ser[kIds].get(value);
  if (id !== undefined) {
    writeByte(ser, T.objectReference);
    writeVarint(ser, id);
    return;
  }
  const tag = toStringTag(value);
  const isView = ArrayBuffer.isView(value);
  if (isView && !ser[kViewsAsHost]) {
    // V8's own encoding writes the backing buffer first, then the view.
    if (!ser[kIds].has(value.buffer)) writeReceiver(ser, value.buffer);
  }
  ser[kIds].set(value, ser[kNextId]++);

  if (Array.isArray(value)) {
    writeArray(ser, value);
    return;
  }
  if (isView) {
    if (ser[kViewsAsHost]) {
      writeByte(ser, T.hostObject);
      if (typeof ser._writeHostObject !== 'function') {
        throw dataCloneError(ser, `Unserializable host object: ${inspect(value)}`);
      }
      ser._writeHostObject(value);
      return;
    }
    writeByte(ser, T.arrayBufferView);
    const subtag = Object.keys(kViewTags).find((key) => value instanceof kViewTags[key]);
    writeByte(ser, Number(subtag ?? 0x3F));
    writeVarint(ser, value.byteOffset);
    writeVarint(ser, value.byteLength);
    writeVarint(ser, 0); // flags
    return;
  }
  switch (tag) {
    case '[object Date]':
      writeByte(ser, T.date);
      writeDoubleRaw(ser, Date.prototype.getTime.call(value));
      return;
    case '[object RegExp]': {
      writeByte(ser, T.regExp);
      writeString(ser, value.source);
      let flags = 0;
      for (const [letter, bit] of kRegExpFlags) if (value.flags.includes(letter)) flags |= bit;
      writeVarint(ser, flags);
      return;
    }
    case '[object Map]': {
      writeByte(ser, T.beginJSMap);
      const entries = [...Map.prototype.entries.call(value)];
      for (const [k, v] of entries) {
        writeObject(ser, k);
        writeObject(ser, v);
      }
      writeByte(ser, T.endJSMap);
      writeVarint(ser, entries.length * 2);
      return;
    }
    case '[object Set]': {
      writeByte(ser, T.beginJSSet);
      const values = [...Set.prototype.values.call(value)];
      for (const v of values) writeObject(ser, v);
      writeByte(ser, T.endJSSet);
      writeVarint(ser, values.length);
      return;
    }
    case '[object ArrayBuffer]': {
      const transferId = ser[kTransferred].get(value);
      if (transferId !== undefined) {
        writeByte(ser, T.arrayBufferTransfer);
        writeVarint(ser, transferId);
        return;
      }
      writeByte(ser, T.arrayBuffer);
      writeVarint(ser, value.byteLength);
      writeBytes(ser, new Uint8Array(value));
      return;
    }
    case '[object SharedArrayBuffer]': {
      if (typeof ser._getSharedArrayBufferId !== 'function') {
        throw dataCloneError(ser, `${describeForCloneError(value)} could not be cloned.`);
      }
      writeByte(ser, T.sharedArrayBuffer);
      writeVarint(ser, ser._getSharedArrayBufferId(value));
      return;
    }
    case '[object Boolean]':
      writeByte(ser, Boolean.prototype.valueOf.call(value) ? T.trueObject : T.falseObject);
      return;
    case '[object Number]':
      writeByte(ser, T.numberObject);
      writeDoubleRaw(ser, Number.prototype.valueOf.call(value));
      return;
    case '[object BigInt]':
      writeByte(ser, T.bigintObject);
      writeBigIntContents(ser, BigInt.prototype.valueOf.call(value));
      return;
    case '[object String]':
      writeByte(ser, T.stringObject);
      writeString(ser, String.prototype.valueOf.call(value));
      return;
    case '[object Error]':
      writeError(ser, value);
      return;
  }
  if (!isPlainCloneable(value, tag)) {
    throw dataCloneError(ser, `${describeForCloneError(value)} could not be cloned.`);
  }
  writeByte(ser, T.beginJSObject);
  const count = writeProperties(ser, value, Object.keys(value));
  writeByte(ser, T.endJSObject);
  writeVarint(ser, count);
}

// Ordinary objects only: functions, proxies-of-unknown-kind, promises, weak collections,
// arguments objects and other exotic or internal-slot objects are not cloneable.
function isPlainCloneable(value, tag) {
  if (tag === '[object Arguments]') return false;
  const types = require('internal/util/types');
  if (types.isProxy?.(value) || types.isPromise(value) || types.isWeakMap?.(value) ||
      types.isWeakSet?.(value) || types.isGeneratorObject?.(value) || types.isMapIterator?.(value) ||
      types.isSetIterator?.(value)) {
    return false;
  }
  if (typeof WeakRef === 'function' && value instanceof WeakRef) return false;
  return true;
}

function writeKey(ser, key) {
  if (isArrayIndex(key)) writeNumber(ser, Number(key));
  else writeString(ser, key);
}

// Writes key/value pairs of the own enumerable string keys, in order; returns how many.
function writeProperties(ser, object, keys) {
  let count = 0;
  for (const key of keys) {
    const desc = Object.getOwnPropertyDescriptor(object, key);
    if (desc === undefined || !desc.enumerable) continue;
    writeKey(ser, key);
    writeObject(ser, object[key]);
    count++;
  }
  return count;
}

function writeArray(ser, array) {
  const length = array.length;
  let dense = true;
  for (let i = 0; i < length; i++) {
    if (!Object.prototype.hasOwnProperty.call(array, i)) {
      dense = false;
      break;
    }
  }
  if (dense) {
    writeByte(ser, T.beginDenseJSArray);
    writeVarint(ser, length);
    for (let i = 0; i < length; i++) writeObject(ser, array[i]);
    const rest = Object.keys(array).filter((key) => !isArrayIndex(key));
    const count = writeProperties(ser, array, rest);
    writeByte(ser, T.endDenseJSArray);
    writeVarint(ser, count);
    writeVarint(ser, length);
  } else {
    writeByte(ser, T.beginSparseJSArray);
    writeVarint(ser, length);
    const count = writeProperties(ser, array, Object.keys(array));
    writeByte(ser, T.endSparseJSArray);
    writeVarint(ser, count);
    writeVarint(ser, length);
  }
}

function ownDataValue(object, key) {
  const desc = Object.getOwnPropertyDescriptor(object, key);
  return desc !== undefined && 'value' in desc ? desc : undefined;
}

function writeError(ser, error) {
  writeByte(ser, T.error);
  const name = error.name;
  const prototypeTag = kErrorPrototypeTags.get(typeof name === 'string' ? name : undefined);
  if (prototypeTag !== undefined) writeByte(ser, prototypeTag);
  const message = ownDataValue(error, 'message');
  if (message !== undefined) {
    writeByte(ser, E.message);
    writeString(ser, String(message.value));
  }
  const stack = error.stack;
  if (typeof stack === 'string') {
    writeByte(ser, E.stack);
    writeString(ser, stack);
  }
  const cause = ownDataValue(error, 'cause');
  if (cause !== undefined) {
    writeByte(ser, E.cause);
    writeObject(ser, cause.value);
  }
  writeByte(ser, E.end);
}

// ---------------------------------------------------------------------------------------------
// Deserializer

const kInput = Symbol('input');
const kPos = Symbol('position');
const kVersion = Symbol('version');
const kObjects = Symbol('objects');
const kTransferMap = Symbol('transferMap');

function invalidData() {
  return new Error('Unable to deserialize cloned data.');
}

class Deserializer {
  constructor(buffer) {
    if (!ArrayBuffer.isView(buffer)) {
      const err = new TypeError('buffer must be a TypedArray or a DataView');
      err.code = 'ERR_INVALID_ARG_TYPE';
      throw err;
    }
    this.buffer = buffer;
    this[kInput] = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    this[kPos] = 0;
    this[kVersion] = 0;
    this[kObjects] = [];
    this[kTransferMap] = new Map();
  }

  readHeader() {
    const input = this[kInput];
    if (this[kPos] < input.length && input[this[kPos]] === T.version) {
      this[kPos]++;
      this[kVersion] = readVarintNumber(this);
      if (this[kVersion] > kLatestVersion || this[kVersion] < 13) throw unsupportedVersion();
    } else {
      throw unsupportedVersion();
    }
    return true;
  }

  readValue() {
    return readObject(this);
  }

  getWireFormatVersion() {
    return this[kVersion];
  }

  transferArrayBuffer(id, arrayBuffer) {
    validateUint32(id, 'id');
    this[kTransferMap].set(id, arrayBuffer);
  }

  readUint32() {
    return readVarintNumber(this) >>> 0;
  }

  readUint64() {
    const value = readVarintBigInt(this);
    return [Number((value >> 32n) & 0xFFFFFFFFn), Number(value & 0xFFFFFFFFn)];
  }

  readDouble() {
    return readDoubleRaw(this);
  }

  _readRawBytes(length) {
    const offset = this[kPos];
    if (offset + length > this[kInput].length) throw invalidData();
    this[kPos] += length;
    return offset;
  }
}

Deserializer.prototype.readRawBytes = function readRawBytes(length) {
  const offset = this._readRawBytes(length);
  return Buffer().from(this.buffer.buffer, this.buffer.byteOffset + offset, length);
};

function unsupportedVersion() {
  return new Error('Unable to deserialize cloned data due to invalid or unsupported version.');
}

function readByte(des) {
  if (des[kPos] >= des[kInput].length) throw invalidData();
  return des[kInput][des[kPos]++];
}

function readVarintNumber(des) {
  let result = 0;
  let scale = 1;
  for (;;) {
    const byte = readByte(des);
    result += (byte & 0x7F) * scale;
    if ((byte & 0x80) === 0) return result;
    scale *= 128;
  }
}

function readVarintBigInt(des) {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    const byte = readByte(des);
    result |= BigInt(byte & 0x7F) << shift;
    if ((byte & 0x80) === 0) return result;
    shift += 7n;
  }
}

function readZigZag(des) {
  const raw = readVarintNumber(des) >>> 0;
  return (raw >>> 1) ^ -(raw & 1);
}

function readDoubleRaw(des) {
  const start = des._readRawBytes(8);
  const input = des[kInput];
  return new DataView(input.buffer, input.byteOffset + start, 8).getFloat64(0, true);
}

function readBytes(des, length) {
  const start = des._readRawBytes(length);
  return des[kInput].subarray(start, start + length);
}

function readOneByteString(des) {
  const bytes = readBytes(des, readVarintNumber(des));
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return out;
}

function readTwoByteString(des) {
  const byteLength = readVarintNumber(des);
  if (byteLength & 1) throw invalidData();
  const bytes = readBytes(des, byteLength);
  const codes = new Array(byteLength / 2);
  for (let i = 0; i < codes.length; i++) codes[i] = bytes[2 * i] | (bytes[2 * i + 1] << 8);
  let out = '';
  for (let i = 0; i < codes.length; i += 8192) out += String.fromCharCode(...codes.slice(i, i + 8192));
  return out;
}

function readUtf8String(des) {
  const bytes = readBytes(des, readVarintNumber(des));
  return new TextDecoderShim().decode(bytes);
}

// TextDecoder is a global installed by the bootstrap; util exports it too.
function TextDecoderShim() {
  const Ctor = globalThis.TextDecoder ?? require('util').TextDecoder;
  return new Ctor();
}

function readBigIntContents(des) {
  const bitfield = readVarintNumber(des);
  const negative = (bitfield & 1) === 1;
  const byteLength = Math.floor(bitfield / 2);
  const bytes = readBytes(des, byteLength);
  let value = 0n;
  for (let i = byteLength - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]);
  return negative ? -value : value;
}

function readTag(des) {
  let tag;
  do {
    tag = readByte(des);
  } while (tag === T.padding);
  return tag;
}

function peekTag(des) {
  let pos = des[kPos];
  const input = des[kInput];
  while (pos < input.length && input[pos] === T.padding) pos++;
  return pos < input.length ? input[pos] : undefined;
}

function readString(des) {
  const tag = readTag(des);
  switch (tag) {
    case T.oneByteString: return readOneByteString(des);
    case T.twoByteString: return readTwoByteString(des);
    case T.utf8String: return readUtf8String(des);
    default: throw invalidData();
  }
}

function remember(des, object) {
  des[kObjects].push(object);
  return object;
}

function readObject(des) {
  const tag = readTag(des);
  switch (tag) {
    case T.verifyObjectCount:
      readVarintNumber(des);
      return readObject(des);
    case T.undefined: return undefined;
    case T.null: return null;
    case T.true: return true;
    case T.false: return false;
    case T.int32: return readZigZag(des);
    case T.uint32: return readVarintNumber(des) >>> 0;
    case T.double: return readDoubleRaw(des);
    case T.bigint: return readBigIntContents(des);
    case T.oneByteString: return readOneByteString(des);
    case T.twoByteString: return readTwoByteString(des);
    case T.utf8String: return readUtf8String(des);
    case T.objectReference: {
      const id = readVarintNumber(des);
      if (id >= des[kObjects].length) throw invalidData();
      return des[kObjects][id];
    }
    case T.beginJSObject: {
      const object = remember(des, {});
      const count = readProperties(des, object, T.endJSObject);
      if (readVarintNumber(des) !== count) throw invalidData();
      return object;
    }
    case T.beginDenseJSArray: {
      const length = readVarintNumber(des);
      const array = remember(des, new Array(length));
      for (let i = 0; i < length; i++) {
        if (peekTag(des) === T.theHole) {
          readTag(des);
          continue;
        }
        array[i] = readObject(des);
      }
      const count = readProperties(des, array, T.endDenseJSArray);
      if (readVarintNumber(des) !== count || readVarintNumber(des) !== length) throw invalidData();
      return array;
    }
    case T.beginSparseJSArray: {
      const length = readVarintNumber(des);
      const array = remember(des, new Array(length));
      const count = readProperties(des, array, T.endSparseJSArray);
      if (readVarintNumber(des) !== count || readVarintNumber(des) !== length) throw invalidData();
      return array;
    }
    case T.date: return remember(des, new Date(readDoubleRaw(des)));
    case T.trueObject: return remember(des, Object(true));
    case T.falseObject: return remember(des, Object(false));
    case T.numberObject: return remember(des, Object(readDoubleRaw(des)));
    case T.bigintObject: return remember(des, Object(readBigIntContents(des)));
    case T.stringObject: return remember(des, Object(readString(des)));
    case T.regExp: {
      const source = readString(des);
      const bits = readVarintNumber(des);
      let flags = '';
      for (const [letter, bit] of kRegExpFlags) if (bits & bit) flags += letter;
      // V8 orders flags canonically (dgimsuvy).
      flags = [...flags].sort((a, b) => 'dgimsuvy'.indexOf(a) - 'dgimsuvy'.indexOf(b)).join('');
      return remember(des, new RegExp(source, flags));
    }
    case T.beginJSMap: {
      const map = remember(des, new Map());
      let read = 0;
      while (peekTag(des) !== T.endJSMap) {
        const key = readObject(des);
        map.set(key, readObject(des));
        read += 2;
      }
      readTag(des);
      if (readVarintNumber(des) !== read) throw invalidData();
      return map;
    }
    case T.beginJSSet: {
      const set = remember(des, new Set());
      let read = 0;
      while (peekTag(des) !== T.endJSSet) {
        set.add(readObject(des));
        read++;
      }
      readTag(des);
      if (readVarintNumber(des) !== read) throw invalidData();
      return set;
    }
    case T.arrayBuffer: {
      const length = readVarintNumber(des);
      const bytes = readBytes(des, length);
      const buffer = remember(des, new ArrayBuffer(length));
      new Uint8Array(buffer).set(bytes);
      return maybeView(des, buffer);
    }
    case T.resizableArrayBuffer: {
      const length = readVarintNumber(des);
      const maxLength = readVarintNumber(des);
      const bytes = readBytes(des, length);
      const buffer = remember(des, new ArrayBuffer(length, { maxByteLength: maxLength }));
      new Uint8Array(buffer).set(bytes);
      return maybeView(des, buffer);
    }
    case T.arrayBufferTransfer: {
      const id = readVarintNumber(des);
      const buffer = des[kTransferMap].get(id);
      if (buffer === undefined) throw invalidData();
      remember(des, buffer);
      return maybeView(des, buffer);
    }
    case T.hostObject: {
      if (typeof des._readHostObject !== 'function') throw invalidData();
      const object = des._readHostObject();
      if (object === null || typeof object !== 'object') throw invalidData();
      return remember(des, object);
    }
    case T.error: return readError(des);
    default:
      throw invalidData();
  }
}

// V8's own view encoding: an ArrayBuffer immediately followed by 'V'.
function maybeView(des, buffer) {
  if (peekTag(des) !== T.arrayBufferView) return buffer;
  readTag(des);
  const subtag = readByte(des);
  const byteOffset = readVarintNumber(des);
  const byteLength = readVarintNumber(des);
  if (des[kVersion] >= 14) readVarintNumber(des); // flags
  const Ctor = kViewTags[subtag];
  if (Ctor === undefined) throw invalidData();
  const view = Ctor === DataView
    ? new DataView(buffer, byteOffset, byteLength)
    : new Ctor(buffer, byteOffset, byteLength / Ctor.BYTES_PER_ELEMENT);
  return remember(des, view);
}

function readProperties(des, object, endTag) {
  let count = 0;
  while (peekTag(des) !== endTag) {
    if (peekTag(des) === undefined) throw invalidData();
    const key = readObject(des);
    if (typeof key !== 'string' && typeof key !== 'number') throw invalidData();
    const value = readObject(des);
    Object.defineProperty(object, key, { __proto__: null, value, writable: true, enumerable: true, configurable: true });
    count++;
  }
  readTag(des);
  return count;
}

const kErrorConstructors = new Map([
  [E.evalErrorPrototype, EvalError],
  [E.rangeErrorPrototype, RangeError],
  [E.referenceErrorPrototype, ReferenceError],
  [E.syntaxErrorPrototype, SyntaxError],
  [E.typeErrorPrototype, TypeError],
  [E.uriErrorPrototype, URIError],
]);

function readError(des) {
  let Ctor = Error;
  let message;
  let stack;
  let cause;
  let hasCause = false;
  for (;;) {
    const tag = readByte(des);
    if (tag === E.end) break;
    if (kErrorConstructors.has(tag)) {
      Ctor = kErrorConstructors.get(tag);
    } else if (tag === E.message) {
      message = readString(des);
    } else if (tag === E.stack) {
      stack = readString(des);
    } else if (tag === E.cause) {
      cause = readObject(des);
      hasCause = true;
    } else {
      throw invalidData();
    }
  }
  // A real error object (with the engine's error brand) carrying exactly these properties.
  const real = new Ctor();
  for (const key of Reflect.ownKeys(real)) delete real[key];
  Object.defineProperty(real, 'stack', { __proto__: null, value: stack, writable: true, enumerable: false, configurable: true });
  if (message !== undefined) {
    Object.defineProperty(real, 'message', { __proto__: null, value: message, writable: true, enumerable: false, configurable: true });
  }
  if (hasCause) {
    Object.defineProperty(real, 'cause', { __proto__: null, value: cause, writable: true, enumerable: false, configurable: true });
  }
  return remember(des, real);
}

// ---------------------------------------------------------------------------------------------
// Node's DefaultSerializer/DefaultDeserializer: ArrayBufferViews as host objects.

const kViewTypes = [
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, DataView, null /* 10: Buffer */, BigInt64Array, BigUint64Array,
  typeof globalThis.Float16Array === 'function' ? globalThis.Float16Array : undefined,
];
const kViewTypeNames = [
  '[object Int8Array]', '[object Uint8Array]', '[object Uint8ClampedArray]', '[object Int16Array]',
  '[object Uint16Array]', '[object Int32Array]', '[object Uint32Array]', '[object Float32Array]',
  '[object Float64Array]', '[object DataView]', null, '[object BigInt64Array]',
  '[object BigUint64Array]', '[object Float16Array]',
];

class DefaultSerializer extends Serializer {
  constructor() {
    super();
    this._setTreatArrayBufferViewsAsHostObjects(true);
  }

  _writeHostObject(abView) {
    // Buffers are written as their own bytes only, never their (pooled) backing store.
    let index = 10;
    const ctor = abView.constructor;
    if (ctor !== Buffer() && (globalThis.Buffer === undefined || ctor !== globalThis.Buffer)) {
      index = kViewTypeNames.indexOf(toStringTag(abView));
      if (index === -1 || index === 10) {
        throw new this._getDataCloneError(`Unserializable host object: ${inspect(abView)}`);
      }
    }
    this.writeUint32(index);
    this.writeUint32(abView.byteLength);
    this.writeRawBytes(new Uint8Array(abView.buffer, abView.byteOffset, abView.byteLength));
  }
}

class DefaultDeserializer extends Deserializer {
  _readHostObject() {
    const typeIndex = this.readUint32();
    const Ctor = typeIndex === 10 ? Buffer() : kViewTypes[typeIndex];
    if (Ctor === undefined || Ctor === null) throw invalidData();
    const byteLength = this.readUint32();
    const byteOffset = this._readRawBytes(byteLength);
    const elementSize = Ctor.BYTES_PER_ELEMENT || 1;
    const offset = this.buffer.byteOffset + byteOffset;
    if (offset % elementSize === 0) {
      if (Ctor === Buffer()) return Buffer().from(this.buffer.buffer, offset, byteLength);
      return new Ctor(this.buffer.buffer, offset, byteLength / elementSize);
    }
    // Unaligned: copy first.
    const copy = new Uint8Array(byteLength);
    copy.set(new Uint8Array(this.buffer.buffer, offset, byteLength));
    return new Ctor(copy.buffer, 0, byteLength / elementSize);
  }
}

function serialize(value) {
  const ser = new DefaultSerializer();
  ser.writeHeader();
  ser.writeValue(value);
  return ser.releaseBuffer();
}

function deserialize(buffer) {
  const des = new DefaultDeserializer(buffer);
  des.readHeader();
  return des.readValue();
}

// ---------------------------------------------------------------------------------------------
// Heap statistics and the rest. The numbers are plausible constants of V8's shape: the engine's
// heap is not V8's and real figures would leak host details.

function getHeapStatistics() {
  return {
    total_heap_size: 6029312,
    total_heap_size_executable: 262144,
    total_physical_size: 5922816,
    total_available_size: 4341430008,
    used_heap_size: 4507168,
    heap_size_limit: 4345298944,
    malloced_memory: 262296,
    peak_malloced_memory: 1048576,
    does_zap_garbage: 0,
    number_of_native_contexts: 1,
    number_of_detached_contexts: 0,
    total_global_handles_size: 8192,
    used_global_handles_size: 2304,
    external_memory: 1507749,
  };
}

function getHeapSpaceStatistics() {
  const spaces = [
    ['read_only_space', 0, 0, 0, 0],
    ['new_space', 1048576, 452744, 578424, 1048576],
    ['old_space', 3637248, 3414456, 14312, 3604480],
    ['code_space', 262144, 139200, 105536, 262144],
    ['shared_space', 0, 0, 0, 0],
    ['trusted_space', 413696, 393216, 0, 413696],
    ['new_large_object_space', 0, 0, 1048576, 0],
    ['large_object_space', 667648, 651320, 0, 667648],
    ['code_large_object_space', 0, 0, 0, 0],
    ['shared_large_object_space', 0, 0, 0, 0],
    ['trusted_large_object_space', 0, 0, 0, 0],
  ];
  return spaces.map(([space_name, space_size, space_used_size, space_available_size, physical_space_size]) => ({
    space_name, space_size, space_used_size, space_available_size, physical_space_size,
  }));
}

function getHeapCodeStatistics() {
  return {
    code_and_metadata_size: 2087248,
    bytecode_and_metadata_size: 562152,
    external_script_source_size: 1497093,
    cpu_profiler_metadata_size: 0,
  };
}

function getCppHeapStatistics(type = 'detailed') {
  validateOneOf(type, 'type', ['brief', 'detailed']);
  const space = (name) => ({
    __proto__: null,
    name,
    committed_size_bytes: 0,
    resident_size_bytes: 0,
    used_size_bytes: 0,
    page_stats: [],
    free_list_stats: { __proto__: null, bucket_size: [], free_count: [], free_size: [] },
  });
  return {
    __proto__: null,
    committed_size_bytes: 0,
    resident_size_bytes: 0,
    used_size_bytes: 0,
    space_statistics: type === 'detailed'
      ? ['NormalPageSpace0', 'NormalPageSpace1', 'NormalPageSpace2', 'NormalPageSpace3', 'LargePageSpace'].map(space)
      : [],
    type_names: [],
    detail_level: type,
  };
}

// V8 flags cannot be changed at run time here: validated and ignored.
function setFlagsFromString(flags) {
  validateString(flags, 'flags');
}

// Node 22's value (V8 12.4 with Node's flags); code caches are not produced here anyway.
function cachedDataVersionTag() {
  return 2596627580;
}

function isStringOneByteRepresentation(content) {
  validateString(content, 'content');
  for (let i = 0; i < content.length; i++) if (content.charCodeAt(i) > 0xFF) return false;
  return true;
}

function notSupported(name) {
  const err = new Error(`v8.${name} is not supported in sandbox`);
  err.code = 'ERR_NOT_SUPPORTED_IN_SANDBOX';
  return err;
}

// Heap snapshots need V8's heap: not available.
function getHeapSnapshot() {
  throw notSupported('getHeapSnapshot');
}

function writeHeapSnapshot() {
  throw notSupported('writeHeapSnapshot');
}

function setHeapSnapshotNearHeapLimit(limit) {
  validateUint32(limit, 'limit', true);
}

function queryObjects(ctor) {
  validateFunction(ctor, 'constructor');
  throw notSupported('queryObjects');
}

// Coverage collection is an inspector feature; there is nothing to take or stop.
function takeCoverage() {}
function stopCoverage() {}

// Startup snapshots are never being built in the sandbox.
// (Node's isBuildingSnapshot() returns the number 0 here, not false.)
const startupSnapshot = {
  addDeserializeCallback() { throw new ERR_NOT_BUILDING_SNAPSHOT(); },
  addSerializeCallback() { throw new ERR_NOT_BUILDING_SNAPSHOT(); },
  setDeserializeMainFunction() { throw new ERR_NOT_BUILDING_SNAPSHOT(); },
  isBuildingSnapshot() { return 0; },
};

// Promise hooks need engine support (see async_hooks.js): registration is refused.
function promiseHookUnavailable() {
  throw new ERR_METHOD_NOT_IMPLEMENTED('v8.promiseHooks');
}
const promiseHooks = {
  createHook: promiseHookUnavailable,
  onInit: promiseHookUnavailable,
  onBefore: promiseHookUnavailable,
  onAfter: promiseHookUnavailable,
  onSettled: promiseHookUnavailable,
};

// GC profiling has no data source here: start/stop work, the report is empty.
class GCProfiler {
  #startTime = 0;
  #running = false;

  start() {
    if (this.#running) return;
    this.#running = true;
    this.#startTime = Date.now();
  }

  stop() {
    if (!this.#running) return undefined;
    this.#running = false;
    return { version: 1, startTime: this.#startTime, endTime: Date.now(), statistics: [] };
  }
}

module.exports = {
  cachedDataVersionTag,
  getHeapSnapshot,
  getHeapStatistics,
  getHeapSpaceStatistics,
  getHeapCodeStatistics,
  getCppHeapStatistics,
  setFlagsFromString,
  Serializer,
  Deserializer,
  DefaultSerializer,
  DefaultDeserializer,
  deserialize,
  takeCoverage,
  stopCoverage,
  serialize,
  writeHeapSnapshot,
  promiseHooks,
  queryObjects,
  startupSnapshot,
  setHeapSnapshotNearHeapLimit,
  GCProfiler,
  isStringOneByteRepresentation,
};
