'use strict';
// Helpers Node keeps in its internal/util, shared by our modules. Reachable from guest code only
// under --expose-internals (Node's own tests use them); nothing here reaches the host.

const ObjectFreeze = Object.freeze;
const ReflectConstruct = Reflect.construct;

const customInspectSymbol = Symbol.for('nodejs.util.inspect.custom');
const customPromisifyArgs = Symbol.for('nodejs.util.promisify.customArgs');
const kEmptyObject = ObjectFreeze({ __proto__: null });
const kEnumerableProperty = ObjectFreeze({ __proto__: null, enumerable: true });

// Canonical names (lower case) -> normalized encoding.
const encodingNames = {
  __proto__: null,
  'utf8': 'utf8', 'utf-8': 'utf8',
  'ucs2': 'utf16le', 'ucs-2': 'utf16le', 'utf16le': 'utf16le', 'utf-16le': 'utf16le',
  'latin1': 'latin1', 'binary': 'latin1',
  'base64': 'base64', 'base64url': 'base64url',
  'hex': 'hex',
  'ascii': 'ascii',
};

/** undefined/null/'' mean utf8; matching is case-insensitive; unknown names give undefined. */
function normalizeEncoding(enc) {
  if (enc == null || enc === 'utf8' || enc === 'utf-8') return 'utf8';
  if (typeof enc === 'string') {
    if (enc.length === 0) return 'utf8';
    const hit = encodingNames[enc];
    if (hit !== undefined) return hit;
    return encodingNames[enc.toLowerCase()];
  }
  // Node switches on `enc.length` before stringifying, so only objects with a plausible length
  // are looked at further.
  const len = enc.length;
  if (typeof len !== 'number' || len < 3 || len > 9) return undefined;
  return encodingNames[`${enc}`.toLowerCase()];
}

/** An error of any realm: a native error object, or an Error on the prototype chain. */
function isError(e) {
  return require('internal/util/types').isNativeError(e) || e instanceof Error;
}

const experimentalWarnings = new Set();
function emitExperimentalWarning(feature) {
  if (experimentalWarnings.has(feature)) return;
  experimentalWarnings.add(feature);
  process.emitWarning(`${feature} is an experimental feature and might change at any time`, 'ExperimentalWarning');
}

/** Blocks the thread for `msec` milliseconds: a busy wait on the host's monotonic clock (real
 *  time passes even when the guest's clocks are frozen; the call's CPU limit still applies). */
function sleep(msec) {
  require('internal/validators').validateUint32(msec, 'msec');
  const until = internal.natives.hrtime() + msec * 1e6;
  while (internal.natives.hrtime() < until) { /* wait */ }
}

/** A class callable without `new` (as Node's createClassWrapper). */
function createClassWrapper(type) {
  function fn(...args) {
    return ReflectConstruct(type, args, new.target || type);
  }
  Object.defineProperties(fn, {
    name: { __proto__: null, value: type.name },
    length: { __proto__: null, value: type.length },
  });
  Object.setPrototypeOf(fn, type);
  fn.prototype = type.prototype;
  return fn;
}


/** Crypto is always available here (as in a Node built with OpenSSL). */
function assertCrypto() {}

function filterOwnProperties(source, keys) {
  const filtered = { __proto__: null };
  for (const key of keys) {
    if (Object.prototype.hasOwnProperty.call(source, key)) filtered[key] = source[key];
  }
  return filtered;
}

function getConstructorOf(obj) {
  while (obj) {
    const descriptor = Object.getOwnPropertyDescriptor(obj, 'constructor');
    if (descriptor !== undefined && typeof descriptor.value === 'function' && descriptor.value.name !== '') {
      return descriptor.value;
    }
    obj = Object.getPrototypeOf(obj);
  }
  return null;
}

module.exports = {
  assertCrypto,
  createClassWrapper,
  customInspectSymbol,
  customPromisifyArgs,
  emitExperimentalWarning,
  filterOwnProperties,
  getConstructorOf,
  isError,
  kEmptyObject,
  kEnumerableProperty,
  normalizeEncoding,
  sleep,
};
