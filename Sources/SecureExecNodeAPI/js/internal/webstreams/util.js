'use strict';

// Shared pieces of the WHATWG streams implementation: internal slots, brand
// checks, queue-with-sizes, strategy extraction, promise helpers and the
// custom inspection Node uses for every stream class.

const {
  codes: {
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_ARG_VALUE,
    ERR_INVALID_STATE,
  },
} = require('internal/errors');

// Every stream object keeps its internal slots under kState and its class
// name under kType (used for brand checks and inspection).
const kState = Symbol('kState');
const kType = Symbol('kType');

const kInspect = Symbol.for('nodejs.util.inspect.custom');

// Captured at load so guest code patching Promise cannot reach into the
// streams' own promise plumbing.
const PromiseCtor = Promise;
const PromisePrototypeThen = Promise.prototype.then;
const PromiseResolveFn = Promise.resolve;
const PromiseRejectFn = Promise.reject;
function promiseThen(promise, onFulfilled, onRejected) {
  return Reflect.apply(PromisePrototypeThen, promise, [onFulfilled, onRejected]);
}
function promiseResolve(value) {
  return Reflect.apply(PromiseResolveFn, PromiseCtor, [value]);
}
function promiseReject(reason) {
  return Reflect.apply(PromiseRejectFn, PromiseCtor, [reason]);
}

const AsyncIteratorPrototype =
  Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);

// Prototype of the iterators returned by ReadableStream.prototype.values().
const AsyncIterator = Object.create(AsyncIteratorPrototype, {
  next: {
    __proto__: null,
    configurable: true,
    enumerable: true,
    writable: true,
  },
  return: {
    __proto__: null,
    configurable: true,
    enumerable: true,
    writable: true,
  },
});

function extractHighWaterMark(value, defaultHWM) {
  if (value === undefined) return defaultHWM;
  value = +value;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
    throw new ERR_INVALID_ARG_VALUE.RangeError('strategy.highWaterMark', value);
  }
  return value;
}

function extractSizeAlgorithm(size) {
  if (size === undefined) return () => 1;
  if (typeof size !== 'function') {
    throw new ERR_INVALID_ARG_TYPE('strategy.size', 'Function', size);
  }
  return size;
}

let inspectFn;
function inspect(value, options) {
  inspectFn ??= require('internal/util/inspect').inspect;
  return inspectFn(value, options);
}

// `Name { …data }`, one level deeper than the caller.
function customInspect(depth, options, name, data) {
  if (depth < 0) return this;

  const opts = {
    ...options,
    depth: options.depth == null ? null : options.depth - 1,
  };

  return `${name} ${inspect(data, opts)}`;
}

// Read through the prototype getters so own-property tampering on a view
// cannot lie to the stream machinery.
const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
function viewGetter(name) {
  const typed = Object.getOwnPropertyDescriptor(TypedArrayPrototype, name).get;
  const dataView = Object.getOwnPropertyDescriptor(DataView.prototype, name).get;
  return (view) => (ArrayBuffer.isView(view) && !(view instanceof DataView) ?
    typed.call(view) : dataView.call(view));
}
const ArrayBufferViewGetBuffer = viewGetter('buffer');
const ArrayBufferViewGetByteLength = viewGetter('byteLength');
const ArrayBufferViewGetByteOffset = viewGetter('byteOffset');
const arrayBufferByteLength =
  Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get;
function ArrayBufferGetByteLength(buffer) {
  return arrayBufferByteLength.call(buffer);
}

const arrayBufferDetached =
  Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'detached')?.get;
function isArrayBufferDetached(buffer) {
  if (arrayBufferDetached !== undefined) return arrayBufferDetached.call(buffer);
  // Without the accessor, a detached buffer is indistinguishable from an
  // empty one; treat zero length as detached.
  return arrayBufferByteLength.call(buffer) === 0;
}

const arrayBufferTransfer = ArrayBuffer.prototype.transfer;
// Moves the contents into a new ArrayBuffer and detaches the old one (the
// spec's TransferArrayBuffer). Engines without transfer() get a copy.
function transferArrayBuffer(buffer) {
  if (typeof arrayBufferTransfer === 'function') {
    return arrayBufferTransfer.call(buffer);
  }
  return ArrayBuffer.prototype.slice.call(buffer, 0);
}

function cloneAsUint8Array(view) {
  const buffer = ArrayBufferViewGetBuffer(view);
  const byteOffset = ArrayBufferViewGetByteOffset(view);
  const byteLength = ArrayBufferViewGetByteLength(view);
  return new Uint8Array(
    ArrayBuffer.prototype.slice.call(buffer, byteOffset, byteOffset + byteLength));
}

function copyArrayBuffer(dest, destOffset, src, srcOffset, length) {
  new Uint8Array(dest, destOffset, length).set(new Uint8Array(src, srcOffset, length));
}

function isBrandCheck(brand) {
  return (value) => {
    return value != null &&
           value[kState] !== undefined &&
           value[kType] === brand;
  };
}

function dequeueValue(controller) {
  const { value, size } = controller[kState].queue.shift();
  controller[kState].queueTotalSize =
    Math.max(0, controller[kState].queueTotalSize - size);
  return value;
}

function resetQueue(controller) {
  controller[kState].queue = [];
  controller[kState].queueTotalSize = 0;
}

function peekQueueValue(controller) {
  return controller[kState].queue[0].value;
}

function enqueueValueWithSize(controller, value, size) {
  size = +size;
  if (typeof size !== 'number' ||
      size < 0 ||
      Number.isNaN(size) ||
      size === Infinity) {
    throw new ERR_INVALID_ARG_VALUE.RangeError('size', size);
  }
  controller[kState].queue.push({ value, size });
  controller[kState].queueTotalSize += size;
}

function isPromise(value) {
  return value instanceof PromiseCtor;
}

// Calls fn and always returns a promise (a returned native promise as is).
function ensureIsPromise(fn, thisArg, ...args) {
  try {
    const value = Reflect.apply(fn, thisArg, args);
    return isPromise(value) ? value : promiseResolve(value);
  } catch (error) {
    return promiseReject(error);
  }
}

// Wraps an underlying source/sink/transformer method. It is an async
// function in Node: a returned promise is adopted (two extra microtasks)
// and a throw becomes a rejection.
function createPromiseCallback(name, fn, thisArg) {
  if (typeof fn !== 'function') {
    throw new ERR_INVALID_ARG_TYPE(name, 'Function', fn);
  }
  return async (...args) => Reflect.apply(fn, thisArg, args);
}

// A promise with its resolving functions, and whether it is still pending
// (the spec asks "is this promise pending?" for writer.ready/closed).
function createDeferredPromise() {
  const deferred = { promise: undefined, resolve: undefined, reject: undefined, pending: true };
  deferred.promise = new PromiseCtor((resolve, reject) => {
    deferred.resolve = (value) => {
      deferred.pending = false;
      resolve(value);
    };
    deferred.reject = (reason) => {
      deferred.pending = false;
      reject(reason);
    };
  });
  return deferred;
}

// An already settled "deferred" (resolve/reject unset, as Node does).
function settledDeferred(promise) {
  return { promise, resolve: undefined, reject: undefined, pending: false };
}

function isPromisePending(deferred) {
  return deferred !== undefined && deferred.promise !== undefined && deferred.pending === true;
}

// Node's SafePromiseAll: each entry (optionally mapped) is re-wrapped in a
// fresh promise, and the aggregate in another one; the microtask count is
// observable, so the shape is kept.
function safePromiseAll(items, mapFn) {
  return new PromiseCtor((resolve, reject) => {
    const wrapped = items.map((item, i) => new PromiseCtor((a, b) => {
      promiseThen(mapFn == null ? item : mapFn(item, i), a, b);
    }));
    promiseThen(PromiseCtor.all(wrapped), resolve, reject);
  });
}

// Marks a promise as handled, so its rejection is never reported.
function setPromiseHandled(promise) {
  promiseThen(promise, () => {}, () => {});
}

async function nonOpFlush() {}

function nonOpStart() {}

async function nonOpPull() {}

async function nonOpCancel() {}

async function nonOpWrite() {}

const kEnumerableProperty = { __proto__: null, enumerable: true };
Object.freeze(kEnumerableProperty);

function nonWritableProperty(value) {
  return {
    __proto__: null,
    configurable: true,
    value,
  };
}

// Node's ERR_INVALID_STATE.TypeError, shared by all the stream classes.
function invalidState(message) {
  return new ERR_INVALID_STATE.TypeError(message);
}

let DOMExceptionCtor;
// DOMException comes from the runtime when it has one; a compatible stand-in
// otherwise (name, message, legacy code).
function lazyDOMException(message, name) {
  if (DOMExceptionCtor === undefined) {
    if (typeof globalThis.DOMException === 'function') {
      DOMExceptionCtor = globalThis.DOMException;
    } else {
      const codes = { __proto__: null, AbortError: 20, DataCloneError: 25, InvalidStateError: 11 };
      DOMExceptionCtor = class DOMException extends Error {
        constructor(msg = '', errName = 'Error') {
          super(msg);
          Object.defineProperty(this, 'name', { __proto__: null, value: errName, configurable: true, writable: true });
          Object.defineProperty(this, 'code', { __proto__: null, value: codes[errName] ?? 0, configurable: true, writable: true });
        }
      };
    }
  }
  return new DOMExceptionCtor(message, name);
}

module.exports = {
  ArrayBufferViewGetBuffer,
  ArrayBufferViewGetByteLength,
  ArrayBufferViewGetByteOffset,
  ArrayBufferGetByteLength,
  AsyncIterator,
  cloneAsUint8Array,
  copyArrayBuffer,
  createDeferredPromise,
  createPromiseCallback,
  customInspect,
  dequeueValue,
  ensureIsPromise,
  enqueueValueWithSize,
  extractHighWaterMark,
  extractSizeAlgorithm,
  invalidState,
  isArrayBufferDetached,
  isBrandCheck,
  isPromisePending,
  kEnumerableProperty,
  kInspect,
  kState,
  kType,
  lazyDOMException,
  nonOpCancel,
  nonOpFlush,
  nonOpPull,
  nonOpStart,
  nonOpWrite,
  nonWritableProperty,
  peekQueueValue,
  promiseReject,
  promiseResolve,
  promiseThen,
  resetQueue,
  safePromiseAll,
  setPromiseHandled,
  settledDeferred,
  transferArrayBuffer,
};
