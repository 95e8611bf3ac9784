'use strict';

// util.types: brand checks for built-in objects.
//
// Node answers these from V8's internal object types. Here we answer them from internal slots that
// the language lets us probe: a built-in method or getter that throws a TypeError unless its
// receiver has the right slot (e.g. `Map.prototype.size` getter) tells the truth even when
// `Symbol.toStringTag` or the prototype chain lies. All probes are captured at load time so later
// patching of the built-ins by guest code cannot fool them.
//
// A few kinds have no side-effect-free probe in the language (Proxy, Promise in a strict sense,
// Map/Set iterators, generator objects, module namespaces, arguments objects). For those an
// optional engine hook is consulted at call time (`internal.natives.<name>`, see
// internal/util/inspect.js for the list), with a best-effort pure-JS fallback.

const ObjectPrototypeToString = Object.prototype.toString;
const FunctionPrototypeToString = Function.prototype.toString;
const ReflectApply = Reflect.apply;
const ObjectGetPrototypeOf = Object.getPrototypeOf;
const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
const ObjectPrototypeHasOwnProperty = Object.prototype.hasOwnProperty;

function getter(proto, name) {
  const desc = proto && ObjectGetOwnPropertyDescriptor(proto, name);
  return desc && desc.get;
}

// Calls `fn` with `value` as receiver; true when it does not throw.
function probe(fn, value, args) {
  if (fn === undefined) return false;
  try {
    ReflectApply(fn, value, args || []);
    return true;
  } catch {
    return false;
  }
}

function isObjectLike(value) {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

function natives() {
  return (typeof internal === 'object' && internal !== null && internal.natives) || undefined;
}

function hook(name) {
  const n = natives();
  const fn = n && n[name];
  return typeof fn === 'function' ? fn : undefined;
}

// --- Typed arrays -------------------------------------------------------------------------------

const TypedArrayPrototype = ObjectGetPrototypeOf(Uint8Array.prototype);
// %TypedArray%.prototype[@@toStringTag] returns the [[TypedArrayName]] slot, or undefined for any
// other receiver (it never throws and ignores own/inherited toStringTag overrides).
const TypedArrayPrototypeGetSymbolToStringTag = getter(TypedArrayPrototype, Symbol.toStringTag);

function typedArrayName(value) {
  return ReflectApply(TypedArrayPrototypeGetSymbolToStringTag, value, []);
}

function isTypedArray(value) {
  return typedArrayName(value) !== undefined;
}

function makeTypedArrayCheck(name) {
  return function(value) { return typedArrayName(value) === name; };
}

const isUint8Array = makeTypedArrayCheck('Uint8Array');
const isUint8ClampedArray = makeTypedArrayCheck('Uint8ClampedArray');
const isUint16Array = makeTypedArrayCheck('Uint16Array');
const isUint32Array = makeTypedArrayCheck('Uint32Array');
const isInt8Array = makeTypedArrayCheck('Int8Array');
const isInt16Array = makeTypedArrayCheck('Int16Array');
const isInt32Array = makeTypedArrayCheck('Int32Array');
const isFloat16Array = makeTypedArrayCheck('Float16Array');
const isFloat32Array = makeTypedArrayCheck('Float32Array');
const isFloat64Array = makeTypedArrayCheck('Float64Array');
const isBigInt64Array = makeTypedArrayCheck('BigInt64Array');
const isBigUint64Array = makeTypedArrayCheck('BigUint64Array');

const ArrayBufferIsView = ArrayBuffer.isView;

function isArrayBufferView(value) {
  return ArrayBufferIsView(value);
}

// DataView.prototype.buffer does not throw for detached buffers (byteLength would).
const DataViewPrototypeGetBuffer = getter(DataView.prototype, 'buffer');
function isDataView(value) {
  return isObjectLike(value) && probe(DataViewPrototypeGetBuffer, value);
}

// ArrayBuffer.prototype.byteLength throws for SharedArrayBuffers and non-buffers, and returns 0
// (no throw) for detached buffers.
const ArrayBufferPrototypeGetByteLength = getter(ArrayBuffer.prototype, 'byteLength');
function isArrayBuffer(value) {
  return isObjectLike(value) && probe(ArrayBufferPrototypeGetByteLength, value);
}

const SharedArrayBufferPrototypeGetByteLength = typeof SharedArrayBuffer === 'function' ?
  getter(SharedArrayBuffer.prototype, 'byteLength') : undefined;
function isSharedArrayBuffer(value) {
  return isObjectLike(value) && probe(SharedArrayBufferPrototypeGetByteLength, value);
}

function isAnyArrayBuffer(value) {
  return isArrayBuffer(value) || isSharedArrayBuffer(value);
}

// --- Collections --------------------------------------------------------------------------------

const MapPrototypeGetSize = getter(Map.prototype, 'size');
const SetPrototypeGetSize = getter(Set.prototype, 'size');
const WeakMapPrototypeHas = WeakMap.prototype.has;
const WeakSetPrototypeHas = WeakSet.prototype.has;

function isMap(value) {
  return isObjectLike(value) && probe(MapPrototypeGetSize, value);
}

function isSet(value) {
  return isObjectLike(value) && probe(SetPrototypeGetSize, value);
}

function isWeakMap(value) {
  return isObjectLike(value) && probe(WeakMapPrototypeHas, value, [{}]);
}

function isWeakSet(value) {
  return isObjectLike(value) && probe(WeakSetPrototypeHas, value, [{}]);
}

// Iterator prototypes. Advancing an iterator is the only slot probe and it has side effects, so
// without an engine hook we accept objects whose prototype is the iterator prototype and whose
// tag is the built-in one.
const MapIteratorPrototype = ObjectGetPrototypeOf(new Map().entries());
const SetIteratorPrototype = ObjectGetPrototypeOf(new Set().entries());

function isMapIterator(value) {
  const h = hook('isMapIterator');
  if (h !== undefined) return h(value) === true;
  return isObjectLike(value) && ObjectGetPrototypeOf(value) === MapIteratorPrototype;
}

function isSetIterator(value) {
  const h = hook('isSetIterator');
  if (h !== undefined) return h(value) === true;
  return isObjectLike(value) && ObjectGetPrototypeOf(value) === SetIteratorPrototype;
}

// --- Dates, RegExps, boxed primitives -----------------------------------------------------------

const DatePrototypeGetTime = Date.prototype.getTime;
function isDate(value) {
  return isObjectLike(value) && probe(DatePrototypeGetTime, value);
}

// The `source` getter throws unless the receiver has [[OriginalSource]], except that it answers
// '(?:)' for RegExp.prototype itself, which is not a RegExp.
const RegExpPrototype = RegExp.prototype;
const RegExpPrototypeGetSource = getter(RegExpPrototype, 'source');
function isRegExp(value) {
  return isObjectLike(value) && value !== RegExpPrototype &&
    probe(RegExpPrototypeGetSource, value);
}

const NumberPrototypeValueOf = Number.prototype.valueOf;
const StringPrototypeValueOf = String.prototype.valueOf;
const BooleanPrototypeValueOf = Boolean.prototype.valueOf;
const BigIntPrototypeValueOf = typeof BigInt === 'function' ? BigInt.prototype.valueOf : undefined;
const SymbolPrototypeValueOf = Symbol.prototype.valueOf;

function isNumberObject(value) {
  return typeof value === 'object' && value !== null && probe(NumberPrototypeValueOf, value);
}
function isStringObject(value) {
  return typeof value === 'object' && value !== null && probe(StringPrototypeValueOf, value);
}
function isBooleanObject(value) {
  return typeof value === 'object' && value !== null && probe(BooleanPrototypeValueOf, value);
}
function isBigIntObject(value) {
  return typeof value === 'object' && value !== null && probe(BigIntPrototypeValueOf, value);
}
function isSymbolObject(value) {
  return typeof value === 'object' && value !== null && probe(SymbolPrototypeValueOf, value);
}
function isBoxedPrimitive(value) {
  return isNumberObject(value) || isStringObject(value) || isBooleanObject(value) ||
    isBigIntObject(value) || isSymbolObject(value);
}

// --- Errors -------------------------------------------------------------------------------------

const ErrorIsError = typeof Error.isError === 'function' ? Error.isError : undefined;
const SymbolToStringTag = Symbol.toStringTag;

// Object.prototype.toString reports the built-in tag of an object unless a @@toStringTag is found,
// so it is trustworthy exactly when no @@toStringTag is reachable.
function builtinTag(value) {
  let hasTag;
  try {
    hasTag = SymbolToStringTag in value;
  } catch {
    return undefined;
  }
  if (hasTag) return undefined;
  return ReflectApply(ObjectPrototypeToString, value, []);
}

function isNativeError(value) {
  if (!isObjectLike(value)) return false;
  const h = hook('isNativeError');
  if (h !== undefined) return h(value) === true;
  if (ErrorIsError !== undefined) return ErrorIsError(value);
  return builtinTag(value) === '[object Error]';
}

// --- Functions ----------------------------------------------------------------------------------

// Source text tells the function kind and cannot be spoofed (Function.prototype.toString is
// captured at load). Native and bound functions print as `function name() { [native code] }`.
function functionSource(fn) {
  try {
    return ReflectApply(FunctionPrototypeToString, fn, []);
  } catch {
    return '';
  }
}

// Skips whitespace and comments starting at `i`.
function skipSpace(src, i) {
  for (;;) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f' ||
        c === '\u00a0' || c === '\ufeff' || c === '\u2028' || c === '\u2029') {
      i++;
    } else if (c === '/' && src[i + 1] === '/') {
      const end = src.indexOf('\n', i);
      i = end === -1 ? src.length : end + 1;
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      i = end === -1 ? src.length : end + 2;
    } else {
      return i;
    }
  }
}

// Index just past the parenthesised group that opens at `i` (src[i] === '('), skipping strings
// and comments; -1 when unbalanced.
function skipParens(src, i) {
  let depth = 0;
  for (; i < src.length; i++) {
    const c = src[i];
    if (c === '(') {
      depth++;
    } else if (c === ')') {
      if (--depth === 0) return i + 1;
    } else if (c === '"' || c === "'" || c === '`') {
      for (i++; i < src.length && src[i] !== c; i++) {
        if (src[i] === '\\') i++;
      }
    } else if (c === '/' && (src[i + 1] === '/' || src[i + 1] === '*')) {
      i = skipSpace(src, i) - 1;
    }
  }
  return -1;
}

const identStart = /[A-Za-z_$\u0080-\uffff]/;
const identPart = /[A-Za-z0-9_$\u0080-\uffff]/;

// Returns { async, generator } for a function's source text.
function functionKind(fn) {
  const src = functionSource(fn);
  let isAsync = false;
  let i = 0;
  if (src.startsWith('async') && !identPart.test(src[5] || '')) {
    // `async` is a keyword unless it is the name of a method (`async() {}`) or of the single
    // parameter of an arrow (`async => 1`).
    const j = skipSpace(src, 5);
    if (src[j] === '(') {
      // `async (a) => …` is an async arrow; `async(a) { … }` is a method named async.
      const k = skipParens(src, j);
      isAsync = k !== -1 && src.startsWith('=>', skipSpace(src, k));
    } else if (src.startsWith('=>', j)) {
      isAsync = false;
    } else {
      isAsync = j < src.length;
    }
    if (isAsync) i = j;
  }
  let isGenerator = false;
  if (src.startsWith('function') && !identPart.test(src[i + 8] || '') && i === 0) {
    isGenerator = src[skipSpace(src, 8)] === '*';
  } else if (isAsync && src.startsWith('function', i) && !identPart.test(src[i + 8] || '')) {
    isGenerator = src[skipSpace(src, i + 8)] === '*';
  } else if (src[i] === '*') {
    // Generator method: `*name() {}` or `async *name() {}`.
    isGenerator = true;
  }
  return { async: isAsync, generator: isGenerator };
}

function isAsyncFunction(value) {
  if (typeof value !== 'function') return false;
  const h = hook('isAsyncFunction');
  if (h !== undefined) return h(value) === true;
  return functionKind(value).async;
}

function isGeneratorFunction(value) {
  if (typeof value !== 'function') return false;
  const h = hook('isGeneratorFunction');
  if (h !== undefined) return h(value) === true;
  return functionKind(value).generator;
}

// Generator objects: resuming is the only slot probe, so fall back to the prototype chain
// (a generator object inherits from fn.prototype, which inherits from %GeneratorPrototype%).
const GeneratorPrototype = ObjectGetPrototypeOf(ObjectGetPrototypeOf((function*() {})()));
const AsyncGeneratorPrototype =
  ObjectGetPrototypeOf(ObjectGetPrototypeOf((async function*() {})()));
const GeneratorPrototypeToStringTag = GeneratorPrototype[SymbolToStringTag];

function isGeneratorObject(value) {
  if (!isObjectLike(value) || typeof value === 'function') return false;
  const h = hook('isGeneratorObject');
  if (h !== undefined) return h(value) === true;
  let proto = ObjectGetPrototypeOf(value);
  if (proto === null || proto === GeneratorPrototype || proto === AsyncGeneratorPrototype) {
    return false;
  }
  proto = ObjectGetPrototypeOf(proto);
  return proto === GeneratorPrototype || proto === AsyncGeneratorPrototype;
}

// --- Promises -----------------------------------------------------------------------------------

const PromiseResolve = Promise.resolve;
const PromisePrototypeThen = Promise.prototype.then;
const PromisePrototype = Promise.prototype;

function noop() {}

// Finds the `constructor` data property along the prototype chain without running getters.
function findConstructor(value) {
  let obj = value;
  for (let i = 0; obj !== null && i < 1000; i++) {
    const desc = ObjectGetOwnPropertyDescriptor(obj, 'constructor');
    if (desc !== undefined) return desc.value;
    obj = ObjectGetPrototypeOf(obj);
  }
  return undefined;
}

function isPromise(value) {
  if (!isObjectLike(value) || typeof value === 'function') return false;
  const h = hook('isPromise');
  if (h !== undefined) return h(value) === true;
  // PromiseResolve(C, x) returns x itself exactly when x has [[PromiseState]] and x.constructor
  // is C. Only try it for Promise and its subclasses so no foreign constructor runs.
  const C = findConstructor(value);
  if (typeof C !== 'function' || (C !== Promise && !(PromisePrototype.isPrototypeOf(C.prototype)))) {
    return false;
  }
  try {
    const result = ReflectApply(PromiseResolve, C, [value]);
    if (result === value) return true;
    // A new promise was made around a non-promise: keep its eventual rejection quiet.
    if (result !== null && typeof result === 'object') {
      try { ReflectApply(PromisePrototypeThen, result, [undefined, noop]); } catch { /* ignore */ }
    }
  } catch {
    // Not a promise (or a hostile subclass); either way not a plain promise.
  }
  return false;
}

// --- Other kinds answered by the engine when it can ---------------------------------------------

function isArgumentsObject(value) {
  if (typeof value !== 'object' || value === null) return false;
  const h = hook('isArgumentsObject');
  if (h !== undefined) return h(value) === true;
  return builtinTag(value) === '[object Arguments]';
}

function isModuleNamespaceObject(value) {
  if (typeof value !== 'object' || value === null) return false;
  const h = hook('isModuleNamespaceObject');
  if (h !== undefined) return h(value) === true;
  // Namespace objects are non-extensible, have a null prototype and an own, non-writable,
  // non-configurable @@toStringTag 'Module'.
  try {
    if (ObjectGetPrototypeOf(value) !== null || Object.isExtensible(value)) return false;
    const desc = ObjectGetOwnPropertyDescriptor(value, SymbolToStringTag);
    return desc !== undefined && desc.value === 'Module' && desc.writable === false &&
      desc.enumerable === false && desc.configurable === false;
  } catch {
    // Uninitialised bindings may throw on access; such an object is a namespace.
    return true;
  }
}

function isProxy(value) {
  if (!isObjectLike(value)) return false;
  const n = natives();
  if (n !== undefined) {
    if (typeof n.isProxy === 'function') return n.isProxy(value) === true;
    if (typeof n.getProxyDetails === 'function') return n.getProxyDetails(value, false) !== undefined;
  }
  return false;
}

// The own enumerable string keys of `value` that are not array indices, in order, without a
// string per index (natives.ownNonIndexKeys; Object.keys of a 100 000-element typed array leaves
// ~13 MB for the collector). undefined when that cannot be used: no native, or a proxy as the
// value or among what it inherits from (listing keys through a proxy would run its traps,
// which Object.keys of the value does not).
function ownNonIndexNames(value) {
  const h = hook('ownNonIndexKeys');
  if (h === undefined) return undefined;
  let o = value;
  for (let depth = 0; ; depth++) {
    if (depth > 32 || isProxy(o)) return undefined;
    o = ObjectGetPrototypeOf(o);
    if (o === null) break;
  }
  // The native lists inherited enumerable names too (last, as for-in does): keep own ones.
  const names = h(value);
  const result = [];
  for (let i = 0; i < names.length; i++) {
    if (ReflectApply(ObjectPrototypeHasOwnProperty, value, [names[i]])) result.push(names[i]);
  }
  return result;
}

function isExternal(value) {
  const h = hook('isExternal');
  if (h !== undefined) return h(value) === true;
  return false;
}

function isKeyObject(value) {
  return false;
}

function isCryptoKey(value) {
  return false;
}

module.exports = {
  isExternal,
  isDate,
  isArgumentsObject,
  isBigIntObject,
  isBooleanObject,
  isNumberObject,
  isStringObject,
  isSymbolObject,
  isNativeError,
  isRegExp,
  isAsyncFunction,
  isGeneratorFunction,
  isGeneratorObject,
  isPromise,
  isMap,
  isSet,
  isMapIterator,
  isSetIterator,
  isWeakMap,
  isWeakSet,
  isArrayBuffer,
  isDataView,
  isSharedArrayBuffer,
  isProxy,
  isModuleNamespaceObject,
  isAnyArrayBuffer,
  isBoxedPrimitive,
  isArrayBufferView,
  isTypedArray,
  isUint8Array,
  isUint8ClampedArray,
  isUint16Array,
  isUint32Array,
  isInt8Array,
  isInt16Array,
  isInt32Array,
  isFloat16Array,
  isFloat32Array,
  isFloat64Array,
  isBigInt64Array,
  isBigUint64Array,
  isKeyObject,
  isCryptoKey,
};

// Not part of util.types; shared with internal/util/inspect.
Object.defineProperty(module.exports, 'typedArrayName', { __proto__: null, value: typedArrayName, enumerable: false });
Object.defineProperty(module.exports, 'ownNonIndexNames', { __proto__: null, value: ownNonIndexNames, enumerable: false });
Object.defineProperty(module.exports, 'functionKind', { __proto__: null, value: functionKind, enumerable: false });
