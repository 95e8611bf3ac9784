'use strict';

// Deep equality with Node's semantics, shared by util.isDeepStrictEqual and assert.
//
// Strict mode: primitives compare with Object.is (but 0 !== -0 and NaN equals NaN), objects need
// the same [[Prototype]] and the same built-in tag, own enumerable symbol keys count.
// Loose mode: primitives compare with == (NaN equals NaN), prototypes are ignored, symbols keys
// are ignored.
// Both: built-in kinds (Date, RegExp, Error, typed arrays, buffers, boxed primitives, Map, Set,
// URL) compare by content, then own enumerable keys compare recursively. Cycles are handled by
// treating a pair of values already being compared further up as equal.

const types = require('internal/util/types');
const {
  isAnyArrayBuffer,
  isArrayBuffer,
  isArrayBufferView,
  isDate,
  isMap,
  isRegExp,
  isSet,
  isNativeError,
  isBoxedPrimitive,
  isNumberObject,
  isStringObject,
  isBooleanObject,
  isBigIntObject,
  isSymbolObject,
  isFloat16Array,
  isFloat32Array,
  isFloat64Array,
  isKeyObject,
  isCryptoKey,
  isWeakMap,
  isWeakSet,
} = types;
const typedArrayName = types.typedArrayName;

const uncurryThis = Function.prototype.bind.bind(Function.prototype.call);
const ArrayIsArray = Array.isArray;
const ObjectIs = Object.is;
const ObjectKeys = Object.keys;
const ObjectGetPrototypeOf = Object.getPrototypeOf;
const ObjectGetOwnPropertySymbols = Object.getOwnPropertySymbols;
const ObjectPrototypeHasOwnProperty = uncurryThis(Object.prototype.hasOwnProperty);
const ObjectPrototypePropertyIsEnumerable = uncurryThis(Object.prototype.propertyIsEnumerable);
const ObjectPrototypeToString = uncurryThis(Object.prototype.toString);
const NumberIsNaN = Number.isNaN;
const NumberPrototypeValueOf = uncurryThis(Number.prototype.valueOf);
const StringPrototypeValueOf = uncurryThis(String.prototype.valueOf);
const BooleanPrototypeValueOf = uncurryThis(Boolean.prototype.valueOf);
const BigIntPrototypeValueOf = uncurryThis(BigInt.prototype.valueOf);
const SymbolPrototypeValueOf = uncurryThis(Symbol.prototype.valueOf);
const DatePrototypeGetTime = uncurryThis(Date.prototype.getTime);
const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
const TypedArrayPrototypeGetBuffer =
  uncurryThis(Object.getOwnPropertyDescriptor(TypedArrayPrototype, 'buffer').get);
const TypedArrayPrototypeGetByteOffset =
  uncurryThis(Object.getOwnPropertyDescriptor(TypedArrayPrototype, 'byteOffset').get);
const TypedArrayPrototypeGetByteLength =
  uncurryThis(Object.getOwnPropertyDescriptor(TypedArrayPrototype, 'byteLength').get);
const DataViewPrototypeGetBuffer =
  uncurryThis(Object.getOwnPropertyDescriptor(DataView.prototype, 'buffer').get);
const DataViewPrototypeGetByteOffset =
  uncurryThis(Object.getOwnPropertyDescriptor(DataView.prototype, 'byteOffset').get);
const DataViewPrototypeGetByteLength =
  uncurryThis(Object.getOwnPropertyDescriptor(DataView.prototype, 'byteLength').get);
const SafeSet = Set;
const SafeMap = Map;

const kStrict = true;
const kLoose = false;

const kNoIterator = 0;
const kIsArray = 1;
const kIsSet = 2;
const kIsMap = 3;

function areSimilarRegExps(a, b) {
  return a.source === b.source && a.flags === b.flags && a.lastIndex === b.lastIndex;
}

// Loose comparison of float arrays goes element by element (0 == -0, NaN != NaN).
function areSimilarFloatArrays(a, b) {
  if (a.byteLength !== b.byteLength) return false;
  for (let offset = 0; offset < a.length; offset++) {
    if (a[offset] !== b[offset]) return false;
  }
  return true;
}

function viewBytes(view) {
  if (typedArrayName(view) !== undefined) {
    return new Uint8Array(TypedArrayPrototypeGetBuffer(view), TypedArrayPrototypeGetByteOffset(view),
                          TypedArrayPrototypeGetByteLength(view));
  }
  return new Uint8Array(DataViewPrototypeGetBuffer(view), DataViewPrototypeGetByteOffset(view),
                        DataViewPrototypeGetByteLength(view));
}

function equalBytes(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return false;
  }
  return true;
}

function areSimilarTypedArrays(a, b) {
  return equalBytes(viewBytes(a), viewBytes(b));
}

function areEqualArrayBuffers(buf1, buf2) {
  return buf1.byteLength === buf2.byteLength &&
    equalBytes(new Uint8Array(buf1), new Uint8Array(buf2));
}

function isEqualBoxedPrimitive(val1, val2) {
  if (isNumberObject(val1)) {
    return isNumberObject(val2) &&
      ObjectIs(NumberPrototypeValueOf(val1), NumberPrototypeValueOf(val2));
  }
  if (isStringObject(val1)) {
    return isStringObject(val2) && StringPrototypeValueOf(val1) === StringPrototypeValueOf(val2);
  }
  if (isBooleanObject(val1)) {
    return isBooleanObject(val2) &&
      BooleanPrototypeValueOf(val1) === BooleanPrototypeValueOf(val2);
  }
  if (isBigIntObject(val1)) {
    return isBigIntObject(val2) && BigIntPrototypeValueOf(val1) === BigIntPrototypeValueOf(val2);
  }
  if (isSymbolObject(val1)) {
    return isSymbolObject(val2) && SymbolPrototypeValueOf(val1) === SymbolPrototypeValueOf(val2);
  }
  return false;
}

function isInstanceOfError(value) {
  try {
    return value instanceof Error;
  } catch {
    return false;
  }
}

let URLConstructor;
function isURL(value) {
  if (URLConstructor === undefined) {
    // URL is installed by the bootstrap after this module may have loaded.
    if (typeof globalThis.URL !== 'function') return false;
    URLConstructor = globalThis.URL;
  }
  try {
    return typeof value.href === 'string' && value instanceof URLConstructor;
  } catch {
    return false;
  }
}

// Own non-index keys, as V8's GetOwnNonIndexProperties with ONLY_ENUMERABLE (and SKIP_SYMBOLS in
// loose mode).
function getOwnNonIndexProperties(value, strict) {
  let result = types.ownNonIndexNames(value);
  if (result === undefined) {
    const keys = ObjectKeys(value);
    result = [];
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (!(/^(0|[1-9][0-9]*)$/.test(key) && +key < 4294967295)) result.push(key);
    }
  }
  if (strict) {
    const symbols = ObjectGetOwnPropertySymbols(value);
    for (let i = 0; i < symbols.length; i++) {
      if (ObjectPrototypePropertyIsEnumerable(value, symbols[i])) result.push(symbols[i]);
    }
  }
  return result;
}

function innerDeepEqual(val1, val2, strict, memos) {
  // Identical values are equal, except +0 and -0 in strict mode.
  if (val1 === val2) {
    return val1 !== 0 || ObjectIs(val1, val2) || !strict;
  }

  if (strict) {
    if (typeof val1 !== 'object') {
      return typeof val1 === 'number' && NumberIsNaN(val1) && NumberIsNaN(val2);
    }
    if (typeof val2 !== 'object' || val1 === null || val2 === null) return false;
    if (ObjectGetPrototypeOf(val1) !== ObjectGetPrototypeOf(val2)) return false;
  } else {
    if (val1 === null || typeof val1 !== 'object') {
      if (val2 === null || typeof val2 !== 'object') {
        // eslint-disable-next-line eqeqeq
        return val1 == val2 || (NumberIsNaN(val1) && NumberIsNaN(val2));
      }
      return false;
    }
    if (val2 === null || typeof val2 !== 'object') return false;
  }
  return objectComparisonStart(val1, val2, strict, memos);
}

function objectComparisonStart(val1, val2, strict, memos) {
  const val1Tag = ObjectPrototypeToString(val1);
  const val2Tag = ObjectPrototypeToString(val2);
  if (val1Tag !== val2Tag) return false;

  if (ArrayIsArray(val1)) {
    if (!ArrayIsArray(val2) || val1.length !== val2.length) return false;
    const keys1 = getOwnNonIndexProperties(val1, strict);
    const keys2 = getOwnNonIndexProperties(val2, strict);
    if (keys1.length !== keys2.length) return false;
    return keyCheck(val1, val2, strict, memos, kIsArray, keys1);
  } else if (val1Tag === '[object Object]' && !isBoxedPrimitive(val1) && !isBoxedPrimitive(val2)) {
    return keyCheck(val1, val2, strict, memos, kNoIterator);
  } else if (isDate(val1)) {
    if (!isDate(val2) || DatePrototypeGetTime(val1) !== DatePrototypeGetTime(val2)) return false;
  } else if (isRegExp(val1)) {
    if (!isRegExp(val2) || !areSimilarRegExps(val1, val2)) return false;
  } else if (isArrayBufferView(val1)) {
    if (!isArrayBufferView(val2) || typedArrayName(val1) !== typedArrayName(val2)) return false;
    if (!strict && (isFloat16Array(val1) || isFloat32Array(val1) || isFloat64Array(val1))) {
      if (!areSimilarFloatArrays(val1, val2)) return false;
    } else if (!areSimilarTypedArrays(val1, val2)) {
      return false;
    }
    // The bytes are equal, so are the lengths: only the non-index keys are left to compare.
    const keys1 = getOwnNonIndexProperties(val1, strict);
    const keys2 = getOwnNonIndexProperties(val2, strict);
    if (keys1.length !== keys2.length) return false;
    return keyCheck(val1, val2, strict, memos, kNoIterator, keys1);
  } else if (isSet(val1)) {
    if (!isSet(val2) || val1.size !== val2.size) return false;
    return keyCheck(val1, val2, strict, memos, kIsSet);
  } else if (isMap(val1)) {
    if (!isMap(val2) || val1.size !== val2.size) return false;
    return keyCheck(val1, val2, strict, memos, kIsMap);
  } else if (isAnyArrayBuffer(val1)) {
    if (!isAnyArrayBuffer(val2) || isArrayBuffer(val1) !== isArrayBuffer(val2) ||
        !areEqualArrayBuffers(val1, val2)) {
      return false;
    }
  } else if (isNativeError(val1) || isInstanceOfError(val1)) {
    // The stack is not compared: it differs between otherwise identical errors. message, name,
    // cause and errors are compared when not enumerable (enumerable ones are compared as keys).
    if (!isNativeError(val2) && !isInstanceOfError(val2)) return false;
    const message1Enumerable = ObjectPrototypePropertyIsEnumerable(val1, 'message');
    const name1Enumerable = ObjectPrototypePropertyIsEnumerable(val1, 'name');
    const cause1Enumerable = ObjectPrototypePropertyIsEnumerable(val1, 'cause');
    const errors1Enumerable = ObjectPrototypePropertyIsEnumerable(val1, 'errors');
    if ((message1Enumerable !== ObjectPrototypePropertyIsEnumerable(val2, 'message') ||
         (!message1Enumerable && val1.message !== val2.message)) ||
        (name1Enumerable !== ObjectPrototypePropertyIsEnumerable(val2, 'name') ||
         (!name1Enumerable && val1.name !== val2.name)) ||
        (cause1Enumerable !== ObjectPrototypePropertyIsEnumerable(val2, 'cause') ||
         (!cause1Enumerable && (
           ObjectPrototypeHasOwnProperty(val1, 'cause') !==
             ObjectPrototypeHasOwnProperty(val2, 'cause') ||
           !innerDeepEqual(val1.cause, val2.cause, strict, memos)))) ||
        (errors1Enumerable !== ObjectPrototypePropertyIsEnumerable(val2, 'errors') ||
         (!errors1Enumerable && !innerDeepEqual(val1.errors, val2.errors, strict, memos)))) {
      return false;
    }
  } else if (isBoxedPrimitive(val1)) {
    if (!isEqualBoxedPrimitive(val1, val2)) return false;
  } else if (ArrayIsArray(val2) ||
             isArrayBufferView(val2) ||
             isSet(val2) ||
             isMap(val2) ||
             isDate(val2) ||
             isRegExp(val2) ||
             isAnyArrayBuffer(val2) ||
             isBoxedPrimitive(val2) ||
             isNativeError(val2) ||
             isInstanceOfError(val2)) {
    return false;
  } else if (isKeyObject(val1)) {
    if (!isKeyObject(val2) || !val1.equals(val2)) return false;
  } else if (isCryptoKey(val1)) {
    return false;
  } else if (isWeakMap(val1) || isWeakSet(val1)) {
    // Their contents cannot be compared; only identical ones (handled above) are equal.
    return false;
  } else if (isURL(val1)) {
    if (!isURL(val2) || val1.href !== val2.href) return false;
  }
  return keyCheck(val1, val2, strict, memos, kNoIterator);
}

function keyCheck(val1, val2, strict, memos, iterationType, aKeys) {
  // Remaining pairs are equal when they have the same own enumerable keys (in any order), equal
  // values for each, and for Sets and Maps equal contents.
  const isArrayLikeObject = aKeys !== undefined;
  if (aKeys === undefined) aKeys = ObjectKeys(val1);

  for (let i = 0; i < aKeys.length; i++) {
    if (!ObjectPrototypePropertyIsEnumerable(val2, aKeys[i])) return false;
  }

  if (!isArrayLikeObject) {
    if (aKeys.length !== ObjectKeys(val2).length) return false;
    if (strict) {
      const symbolKeysA = ObjectGetOwnPropertySymbols(val1);
      let count = 0;
      for (let i = 0; i < symbolKeysA.length; i++) {
        const key = symbolKeysA[i];
        if (ObjectPrototypePropertyIsEnumerable(val1, key)) {
          if (!ObjectPrototypePropertyIsEnumerable(val2, key)) return false;
          aKeys.push(key);
          count++;
        } else if (ObjectPrototypePropertyIsEnumerable(val2, key)) {
          return false;
        }
      }
      const symbolKeysB = ObjectGetOwnPropertySymbols(val2);
      let countB = 0;
      for (let i = 0; i < symbolKeysB.length; i++) {
        if (ObjectPrototypePropertyIsEnumerable(val2, symbolKeysB[i])) countB++;
      }
      if (count !== countB) return false;
    }
  }

  if (aKeys.length === 0 &&
      (iterationType === kNoIterator ||
       (iterationType === kIsArray && val1.length === 0) ||
       val1.size === 0)) {
    return true;
  }

  // A pair already under comparison further up is assumed equal (cycles).
  if (memos === undefined) {
    memos = { val1: new SafeMap(), depth: 0 };
  }
  let partners = memos.val1.get(val1);
  if (partners !== undefined && partners.has(val2)) return true;
  if (partners === undefined) {
    partners = new SafeSet();
    memos.val1.set(val1, partners);
  }
  partners.add(val2);
  let areEq;
  try {
    areEq = objEquiv(val1, val2, strict, aKeys, memos, iterationType);
  } finally {
    partners.delete(val2);
    if (partners.size === 0) memos.val1.delete(val1);
  }
  return areEq;
}

function setHasEqualElement(set, val2, strict, memo) {
  for (const val1 of set) {
    if (innerDeepEqual(val1, val2, strict, memo)) {
      // Each element matches only once.
      set.delete(val1);
      return true;
    }
  }
  return false;
}

// Loose equality lets a primitive match other primitives (1 == '1'). Returns:
// null for undefined (may match null), undefined for null (may match undefined), false when
// nothing else can match, true when a pairwise search is needed.
function findLooseMatchingPrimitives(prim) {
  switch (typeof prim) {
    case 'undefined':
      return null;
    case 'object': // Only null gets here.
      return undefined;
    case 'symbol':
      return false;
    case 'string':
      prim = +prim;
      // Only strings that convert to a number can equal other primitives.
      // Falls through.
    case 'number':
      if (NumberIsNaN(prim)) return false;
  }
  return true;
}

function setMightHaveLoosePrim(a, b, prim) {
  const altValue = findLooseMatchingPrimitives(prim);
  if (altValue != null) return altValue;
  return b.has(altValue) && !a.has(altValue);
}

function mapMightHaveLoosePrim(a, b, prim, item, memo) {
  const altValue = findLooseMatchingPrimitives(prim);
  if (altValue != null) return altValue;
  const curB = b.get(altValue);
  if ((curB === undefined && !b.has(altValue)) || !innerDeepEqual(item, curB, false, memo)) {
    return false;
  }
  return !a.has(altValue) && innerDeepEqual(item, curB, false, memo);
}

function setEquiv(a, b, strict, memo) {
  // Values of `a` without an identical value in `b` must find a deep-equal partner.
  let set = null;
  for (const val of a) {
    if (typeof val === 'object' && val !== null) {
      if (!b.has(val)) {
        if (set === null) set = new SafeSet();
        set.add(val);
      }
    } else if (!b.has(val)) {
      if (strict) return false;
      if (!setMightHaveLoosePrim(a, b, val)) return false;
      if (set === null) set = new SafeSet();
      set.add(val);
    }
  }
  if (set !== null) {
    for (const val of b) {
      if (typeof val === 'object' && val !== null) {
        if (!a.has(val) && !setHasEqualElement(set, val, strict, memo)) return false;
      } else if (!strict && !a.has(val) && !setHasEqualElement(set, val, strict, memo)) {
        return false;
      }
    }
    return set.size === 0;
  }
  return true;
}

function mapHasEqualEntry(set, map, key1, item1, strict, memo) {
  // All candidate keys must be considered: Map([[{}, 1], [{}, 2]]) vs Map([[{}, 2], [{}, 1]]).
  for (const key2 of set) {
    if (innerDeepEqual(key1, key2, strict, memo) &&
        innerDeepEqual(item1, map.get(key2), strict, memo)) {
      set.delete(key2);
      return true;
    }
  }
  return false;
}

function mapEquiv(a, b, strict, memo) {
  let set = null;
  for (const { 0: key, 1: item1 } of a) {
    if (typeof key === 'object' && key !== null) {
      if (set === null) set = new SafeSet();
      set.add(key);
    } else {
      const item2 = b.get(key);
      if ((item2 === undefined && !b.has(key)) || !innerDeepEqual(item1, item2, strict, memo)) {
        if (strict) return false;
        if (!mapMightHaveLoosePrim(a, b, key, item1, memo)) return false;
        if (set === null) set = new SafeSet();
        set.add(key);
      }
    }
  }
  if (set !== null) {
    for (const { 0: key, 1: item } of b) {
      if (typeof key === 'object' && key !== null) {
        if (!mapHasEqualEntry(set, a, key, item, strict, memo)) return false;
      } else if (!strict &&
                 (!a.has(key) || !innerDeepEqual(a.get(key), item, false, memo)) &&
                 !mapHasEqualEntry(set, a, key, item, false, memo)) {
        return false;
      }
    }
    return set.size === 0;
  }
  return true;
}

function objEquiv(a, b, strict, keys, memos, iterationType) {
  let i = 0;
  if (iterationType === kIsSet) {
    if (!setEquiv(a, b, strict, memos)) return false;
  } else if (iterationType === kIsMap) {
    if (!mapEquiv(a, b, strict, memos)) return false;
  } else if (iterationType === kIsArray) {
    for (; i < a.length; i++) {
      if (ObjectPrototypeHasOwnProperty(a, i)) {
        if (!ObjectPrototypeHasOwnProperty(b, i) || !innerDeepEqual(a[i], b[i], strict, memos)) {
          return false;
        }
      } else if (ObjectPrototypeHasOwnProperty(b, i)) {
        return false;
      } else {
        // Sparse array: compare the remaining keys of both.
        const keysA = ObjectKeys(a);
        for (; i < keysA.length; i++) {
          const key = keysA[i];
          if (!ObjectPrototypeHasOwnProperty(b, key) ||
              !innerDeepEqual(a[key], b[key], strict, memos)) {
            return false;
          }
        }
        return keysA.length === ObjectKeys(b).length;
      }
    }
  }
  for (i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (!innerDeepEqual(a[key], b[key], strict, memos)) return false;
  }
  return true;
}

function isDeepEqual(val1, val2) {
  return innerDeepEqual(val1, val2, kLoose);
}

function isDeepStrictEqual(val1, val2) {
  return innerDeepEqual(val1, val2, kStrict);
}

module.exports = {
  isDeepEqual,
  isDeepStrictEqual,
};
