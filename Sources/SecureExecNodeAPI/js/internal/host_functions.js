'use strict';
// Host functions: Swift closures the embedder exposes to guest code (`HostFunctions` on the host).
//
// Loaded by the bootstrap (before any guest code) when the runtime configuration has a
// `hostFunctions` entry: `{ tree, maxDepth, maxBytes, maxBinaryBytes }`, where `tree` maps names
// to "async", "sync" or a nested tree. Every top-level name becomes a global: a function, or a
// frozen namespace object. Calls go to the host as bridge operation `host.call` with
// `{ f: qualified name, a: arguments in the wire format }` plus one binary payload for bytes.
//
// Arguments are copied here, by our code, into the wire format (see HostValue.swift):
//   - only own enumerable data properties are read, with Object.getOwnPropertyDescriptor: getters
//     are refused and never called, `toJSON` is never looked at, prototypes are not walked;
//   - built-in kinds are recognised by brand checks (captured getters that throw for the wrong
//     receiver), not by `Symbol.toStringTag` or `instanceof`, which guest code can fake;
//   - Proxies are refused: the global `Proxy` is replaced at bootstrap by a stand-in that records
//     every proxy it makes (this is the only realm, and guest code never sees the original
//     constructor);
//   - cycles are refused (TypeError), nesting is bounded (`maxDepth`, RangeError), and the text
//     and bytes are bounded by the bridge payload limits (RangeError) — checked as the copy grows,
//     so a 100 MB string is refused before it is copied.
// Every built-in used is captured when this file loads, so guest code patching prototypes later
// changes nothing here.

const ObjectDefineProperty = Object.defineProperty;
const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
const ObjectGetPrototypeOf = Object.getPrototypeOf;
const ObjectKeys = Object.keys;
const ObjectFreeze = Object.freeze;
const ObjectHasOwn = Object.hasOwn;
const ReflectApply = Reflect.apply;
const ArrayIsArray = Array.isArray;
const JSONStringify = JSON.stringify;
const StringPrototypeCharCodeAt = String.prototype.charCodeAt;
const NumberIsFinite = Number.isFinite;
const BigIntCtor = BigInt;
const DateCtor = Date;
const DateGetTime = Date.prototype.getTime;
const MapCtor = Map;
const SetCtor = Set;
const MapSet = Map.prototype.set;
const SetAdd = Set.prototype.add;
const SetHas = Set.prototype.has;
const SetDelete = Set.prototype.delete;
const MapEntries = Map.prototype.entries;
const SetValues = Set.prototype.values;
const MapIteratorNext = ObjectGetPrototypeOf(new Map().entries()).next;
const SetIteratorNext = ObjectGetPrototypeOf(new Set().values()).next;
const getter = (proto, name) => ObjectGetOwnPropertyDescriptor(proto, name).get;
const MapSize = getter(Map.prototype, 'size');
const SetSize = getter(Set.prototype, 'size');
const ArrayBufferCtor = ArrayBuffer;
const ArrayBufferByteLength = getter(ArrayBuffer.prototype, 'byteLength');
const TypedArrayPrototype = ObjectGetPrototypeOf(Uint8Array.prototype);
const TypedArrayTag = getter(TypedArrayPrototype, Symbol.toStringTag);
const TypedArrayBuffer = getter(TypedArrayPrototype, 'buffer');
const TypedArrayByteOffset = getter(TypedArrayPrototype, 'byteOffset');
const TypedArrayByteLength = getter(TypedArrayPrototype, 'byteLength');
const TypedArraySet = TypedArrayPrototype.set;
const DataViewCtor = DataView;
const DataViewBuffer = getter(DataView.prototype, 'buffer');
const DataViewByteOffset = getter(DataView.prototype, 'byteOffset');
const DataViewByteLength = getter(DataView.prototype, 'byteLength');
const Uint8ArrayCtor = Uint8Array;
const RegExpCtor = RegExp;
const RegExpPrototype = RegExp.prototype;
const RegExpSource = getter(RegExp.prototype, 'source');
const regExpFlagGetters = [];
for (const [flag, name] of [['d', 'hasIndices'], ['g', 'global'], ['i', 'ignoreCase'], ['m', 'multiline'],
  ['s', 'dotAll'], ['u', 'unicode'], ['v', 'unicodeSets'], ['y', 'sticky']]) {
  const desc = ObjectGetOwnPropertyDescriptor(RegExp.prototype, name);
  if (desc !== undefined && desc.get !== undefined) regExpFlagGetters.push({ __proto__: null, flag, get: desc.get });
}
const NumberValueOf = Number.prototype.valueOf;
const StringValueOf = String.prototype.valueOf;
const BooleanValueOf = Boolean.prototype.valueOf;
const BigIntValueOf = BigInt.prototype.valueOf;
const SymbolValueOf = Symbol.prototype.valueOf;
const ErrorPrototype = Error.prototype;
const PromisePrototype = Promise.prototype;
const PromiseThen = Promise.prototype.then;
const PromiseCtor = Promise;
const errorConstructors = {
  __proto__: null, Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError,
};
const binaryConstructors = {
  __proto__: null, Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array,
};

// ---------------------------------------------------------------------------------------------
// Proxies: the bootstrap's `Proxy` stand-in records every one guest code can make (revoked ones
// included); `getProxyDetails` answers from that record without running a trap.

const getProxyDetails = internal.natives.getProxyDetails;

// ---------------------------------------------------------------------------------------------
// Guest values → wire format (text) + bytes.

function define(object, key, value) {
  ObjectDefineProperty(object, key, { __proto__: null, value, writable: true, enumerable: true, configurable: true });
}

function limitError(message) {
  const err = new RangeError(message);
  err.code = 'ERR_SANDBOX_PAYLOAD_TOO_LARGE';
  return err;
}

function cloneError(message) {
  const err = new TypeError(message);
  err.code = 'ERR_INVALID_ARG_TYPE';
  return err;
}

/** Where a value sits in the arguments, for messages: `argument 1`, `argument 1.items[3]`. */
function describePath(keys, depth) {
  let text = `argument ${keys[0] + 1}`;
  for (let i = 1; i <= depth; i++) {
    const key = keys[i];
    text += typeof key === 'number' ? `[${key}]` : `.${key}`;
  }
  return text;
}

/** Brand checks: each returns undefined unless `v` really is that kind of object. */
function probe(fn, v) {
  try { return ReflectApply(fn, v, []); } catch { return undefined; }
}

function isErrorObject(v) {
  let proto = ObjectGetPrototypeOf(v);
  for (let i = 0; proto !== null && i < 1000; i++) {
    if (proto === ErrorPrototype) return true;
    if (getProxyDetails(proto, false) !== undefined) return false;
    proto = ObjectGetPrototypeOf(proto);
  }
  return false;
}

/** A data property's value found on `v` or its prototypes, without running getters. */
function dataProperty(v, key, fallback) {
  let object = v;
  for (let i = 0; object !== null && i < 1000; i++) {
    if (getProxyDetails(object, false) !== undefined) return fallback;
    const desc = ObjectGetOwnPropertyDescriptor(object, key);
    if (desc !== undefined) {
      return ObjectHasOwn(desc, 'value') && typeof desc.value === 'string' ? desc.value : fallback;
    }
    object = ObjectGetPrototypeOf(object);
  }
  return fallback;
}

/** Encodes `args` (an array we made) for function `name`. Returns `{ text, bytes }`. */
function encodeArguments(name, args, limits) {
  const maxDepth = limits.maxDepth;
  const maxChars = limits.maxBytes;
  const maxBinary = limits.maxBinaryBytes;
  const ancestors = new SetCtor();
  const keys = { __proto__: null };
  const chunks = { __proto__: null };
  let chunkCount = 0;
  let binaryLength = 0;
  let out = '';

  function fail(message, depth) {
    throw cloneError(`${name}: ${describePath(keys, depth)} ${message}`);
  }
  function room(extra) {
    if (out.length + extra > maxChars) {
      throw limitError(`${name}: arguments exceed ${maxChars} bytes`);
    }
  }
  function addBytes(kind, buffer, offset, length) {
    if (binaryLength + length > maxBinary) {
      throw limitError(`${name}: binary arguments exceed ${maxBinary} bytes`);
    }
    chunks[chunkCount++] = new Uint8ArrayCtor(buffer, offset, length);
    out += `["T",${JSONStringify(kind)},${binaryLength},${length}]`;
    binaryLength += length;
  }

  function encode(v, depth) {
    switch (typeof v) {
      case 'undefined': out += '["u"]'; return;
      case 'boolean': out += v ? 'true' : 'false'; return;
      case 'number':
        if (!NumberIsFinite(v)) out += v !== v ? '["n","NaN"]' : v > 0 ? '["n","Infinity"]' : '["n","-Infinity"]';
        else if (v === 0 && 1 / v < 0) out += '["n","-0"]';
        else out += `${v}`;
        return;
      case 'string':
        room(v.length + 2);
        out += JSONStringify(v);
        room(0);
        return;
      case 'bigint': out += `["b","${v}"]`; room(0); return;
      case 'symbol': fail('is a Symbol, which cannot be passed to a host function', depth); return;
      case 'function': fail('is a function, which cannot be passed to a host function', depth); return;
      default: break;
    }
    if (v === null) { out += 'null'; return; }
    if (getProxyDetails(v, false) !== undefined) fail('is a Proxy, which cannot be passed to a host function', depth);
    if (depth >= maxDepth) {
      const err = new RangeError(`${name}: ${describePath(keys, depth)} is nested more than ${maxDepth} levels deep`);
      err.code = 'ERR_SANDBOX_PAYLOAD_TOO_LARGE';
      throw err;
    }
    if (ReflectApply(SetHas, ancestors, [v])) fail('refers to itself (a cycle), which cannot be passed to a host function', depth);
    ReflectApply(SetAdd, ancestors, [v]);
    encodeObject(v, depth);
    ReflectApply(SetDelete, ancestors, [v]);
  }

  function encodeObject(v, depth) {
    if (ArrayIsArray(v)) {
      const length = ObjectGetOwnPropertyDescriptor(v, 'length').value;
      room(length * 2 + 4);
      out += '["A"';
      for (let i = 0; i < length; i++) {
        out += ',';
        keys[depth + 1] = i;
        const desc = ObjectGetOwnPropertyDescriptor(v, i);
        if (desc === undefined) out += '["u"]';
        else if (!ObjectHasOwn(desc, 'value')) fail('has a getter, which is never called; pass plain data', depth + 1);
        else encode(desc.value, depth + 1);
        room(0);
      }
      out += ']';
      return;
    }
    let time, size;
    if ((time = probe(DateGetTime, v)) !== undefined) {
      out += time === time ? `["D",${time}]` : '["D",null]';
      return;
    }
    if ((size = probe(MapSize, v)) !== undefined) {
      room(size * 4 + 4);
      out += '["M"';
      const iterator = ReflectApply(MapEntries, v, []);
      for (let i = 0; ; i++) {
        const step = ReflectApply(MapIteratorNext, iterator, []);
        if (step.done) break;
        keys[depth + 1] = `<Map entry ${i}>`;
        out += ',';
        encode(step.value[0], depth + 1);
        out += ',';
        encode(step.value[1], depth + 1);
      }
      out += ']';
      return;
    }
    if ((size = probe(SetSize, v)) !== undefined) {
      room(size * 2 + 4);
      out += '["S"';
      const iterator = ReflectApply(SetValues, v, []);
      for (let i = 0; ; i++) {
        const step = ReflectApply(SetIteratorNext, iterator, []);
        if (step.done) break;
        keys[depth + 1] = `<Set value ${i}>`;
        out += ',';
        encode(step.value, depth + 1);
      }
      out += ']';
      return;
    }
    let tag;
    if ((tag = probe(TypedArrayTag, v)) !== undefined) {
      addBytes(tag, probe(TypedArrayBuffer, v), probe(TypedArrayByteOffset, v), probe(TypedArrayByteLength, v));
      return;
    }
    let length;
    if ((length = probe(ArrayBufferByteLength, v)) !== undefined) {
      addBytes('ArrayBuffer', v, 0, length);
      return;
    }
    if ((length = probe(DataViewByteLength, v)) !== undefined) {
      addBytes('DataView', probe(DataViewBuffer, v), probe(DataViewByteOffset, v), length);
      return;
    }
    let source;
    if (v !== RegExpPrototype && (source = probe(RegExpSource, v)) !== undefined) {
      let flags = '';
      for (let i = 0; i < regExpFlagGetters.length; i++) {
        if (probe(regExpFlagGetters[i].get, v) === true) flags += regExpFlagGetters[i].flag;
      }
      room(source.length + 16);
      out += `["R",${JSONStringify(source)},${JSONStringify(flags)}]`;
      return;
    }
    let primitive;
    if ((primitive = probe(NumberValueOf, v)) !== undefined || (primitive = probe(StringValueOf, v)) !== undefined ||
        (primitive = probe(BooleanValueOf, v)) !== undefined || (primitive = probe(BigIntValueOf, v)) !== undefined) {
      encode(primitive, depth);
      return;
    }
    if (probe(SymbolValueOf, v) !== undefined) fail('is a Symbol, which cannot be passed to a host function', depth);
    if (ObjectGetPrototypeOf(v) === PromisePrototype) fail('is a Promise (did you forget `await`?)', depth);
    if (isErrorObject(v)) {
      const errorName = dataProperty(v, 'name', 'Error');
      const message = dataProperty(v, 'message', '');
      room(errorName.length + message.length + 16);
      out += `["E",${JSONStringify(errorName)},${JSONStringify(message)}]`;
      return;
    }
    const names = ObjectKeys(v);
    room(names.length * 4 + 2);
    out += '{';
    let first = true;
    for (let i = 0; i < names.length; i++) {
      const key = names[i];
      const desc = ObjectGetOwnPropertyDescriptor(v, key);
      if (desc === undefined) continue;
      keys[depth + 1] = key;
      if (!ObjectHasOwn(desc, 'value')) fail('has a getter, which is never called; pass plain data', depth + 1);
      if (!first) out += ',';
      first = false;
      room(key.length + 3);
      out += JSONStringify(key);
      out += ':';
      encode(desc.value, depth + 1);
      room(0);
    }
    out += '}';
  }

  out = '["A"';
  for (let i = 0; i < args.length; i++) {
    keys[0] = i;
    out += ',';
    encode(args[i], 0);
  }
  out += ']';

  let bytes;
  if (chunkCount > 0) {
    bytes = new Uint8ArrayCtor(binaryLength);
    let offset = 0;
    for (let i = 0; i < chunkCount; i++) {
      ReflectApply(TypedArraySet, bytes, [chunks[i], offset]);
      offset += chunks[i].length;
    }
  }
  return { __proto__: null, text: out, bytes };
}

// ---------------------------------------------------------------------------------------------
// Wire format → guest values (the host's results; JSON already parsed).

const base64Codes = (() => {
  const table = new Uint8ArrayCtor(128).fill(255);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < 64; i++) table[ReflectApply(StringPrototypeCharCodeAt, alphabet, [i])] = i;
  return table;
})();

function decodeBase64(text) {
  let length = text.length;
  while (length > 0 && ReflectApply(StringPrototypeCharCodeAt, text, [length - 1]) === 61 /* = */) length--;
  const bytes = new Uint8ArrayCtor((length * 3) >> 2);
  let buffer = 0, bits = 0, j = 0;
  for (let i = 0; i < length; i++) {
    const c = base64Codes[ReflectApply(StringPrototypeCharCodeAt, text, [i]) & 127];
    buffer = (buffer << 6) | c;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[j++] = (buffer >> bits) & 255;
    }
  }
  return bytes;
}

function revive(v) {
  if (v === null || typeof v !== 'object') return v;
  if (!ArrayIsArray(v)) {
    const out = {};
    const names = ObjectKeys(v);
    for (let i = 0; i < names.length; i++) define(out, names[i], revive(v[names[i]]));
    return out;
  }
  switch (v[0]) {
    case 'A': {
      const out = [];
      for (let i = 1; i < v.length; i++) define(out, i - 1, revive(v[i]));
      return out;
    }
    case 'u': return undefined;
    case 'n': return v[1] === '-0' ? -0 : v[1] === 'NaN' ? NaN : v[1] === 'Infinity' ? Infinity : -Infinity;
    case 'b': return BigIntCtor(v[1]);
    case 'D': return new DateCtor(v[1] === null ? NaN : v[1]);
    case 'M': {
      const out = new MapCtor();
      for (let i = 1; i + 1 < v.length; i += 2) ReflectApply(MapSet, out, [revive(v[i]), revive(v[i + 1])]);
      return out;
    }
    case 'S': {
      const out = new SetCtor();
      for (let i = 1; i < v.length; i++) ReflectApply(SetAdd, out, [revive(v[i])]);
      return out;
    }
    case 'R': return new RegExpCtor(v[1], v[2]);
    case 'E': {
      const Ctor = errorConstructors[v[1]] ?? Error;
      const err = new Ctor(v[2]);
      if (Ctor === Error && v[1] !== 'Error') {
        ObjectDefineProperty(err, 'name', { __proto__: null, value: v[1], writable: true, configurable: true });
      }
      return err;
    }
    case 'T': {
      const bytes = decodeBase64(v[2]);
      if (v[1] === 'Uint8Array') return bytes;
      if (v[1] === 'ArrayBuffer') return bytes.buffer;
      if (v[1] === 'DataView') return new DataViewCtor(bytes.buffer);
      const Ctor = binaryConstructors[v[1]] ?? Uint8ArrayCtor;
      return new Ctor(bytes.buffer, 0, bytes.length / Ctor.BYTES_PER_ELEMENT);
    }
    default: return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Installation.

function makeFunction(qualified, key, synchronous, limits) {
  const request = (args) => {
    const { text, bytes } = encodeArguments(qualified, args, limits);
    return { request: { __proto__: null, f: qualified, a: text }, bytes };
  };
  // Method syntax: a function with the right name that is not a constructor.
  const methods = synchronous
    ? {
      [key](...args) {
        const { request: body, bytes } = request(args);
        return revive(internal.call('host.call', body, bytes));
      },
    }
    : {
      [key](...args) {
        let call;
        try {
          call = request(args);
        } catch (err) {
          return new PromiseCtor((resolve, reject) => reject(err));
        }
        return ReflectApply(PromiseThen, internal.callAsync('host.call', call.request, call.bytes), [revive]);
      },
    };
  return methods[key];
}

function makeNamespace(tree, prefix, limits) {
  const namespace = {};
  const names = ObjectKeys(tree);
  for (let i = 0; i < names.length; i++) {
    const key = names[i];
    const entry = tree[key];
    const qualified = prefix + key;
    define(namespace, key, typeof entry === 'string'
      ? makeFunction(qualified, key, entry === 'sync', limits)
      : makeNamespace(entry, `${qualified}.`, limits));
  }
  return ObjectFreeze(namespace);
}

/** Installs the configured host functions as globals (from the bootstrap, before guest code). */
function install(configuration) {
  const limits = {
    __proto__: null,
    maxDepth: configuration.maxDepth,
    maxBytes: configuration.maxBytes,
    maxBinaryBytes: configuration.maxBinaryBytes,
  };
  const tree = configuration.tree;
  const names = ObjectKeys(tree);
  for (let i = 0; i < names.length; i++) {
    const key = names[i];
    const entry = tree[key];
    const value = typeof entry === 'string'
      ? makeFunction(key, key, entry === 'sync', limits)
      : makeNamespace(entry, `${key}.`, limits);
    ObjectDefineProperty(globalThis, key, { __proto__: null, value, writable: false, enumerable: false, configurable: false });
  }
}

module.exports = { install, encodeArguments, revive };
