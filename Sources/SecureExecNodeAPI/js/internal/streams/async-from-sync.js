'use strict';

// `for await` / `yield*` over a *sync* iterable go through the engine's
// CreateAsyncFromSyncIterator. JavaScriptCore's version never settles when
// the iterable yields a rejected promise (V8's rejects), so the stream code
// adapts sync iterables itself with the same steps (and the same microtask
// count) as V8: each value is resolved as a promise and unwrapped into an
// iterator result.

const PromiseCtor = Promise;
const PromisePrototypeThen = Promise.prototype.then;
const PromiseResolve = Promise.resolve;
const PromiseReject = Promise.reject;

function resolve(value) {
  return Reflect.apply(PromiseResolve, PromiseCtor, [value]);
}

function reject(reason) {
  return Reflect.apply(PromiseReject, PromiseCtor, [reason]);
}

function checkResult(result) {
  if (result === null || (typeof result !== 'object' && typeof result !== 'function')) {
    throw new TypeError(`Iterator result ${result} is not an object`);
  }
  return result;
}

// AsyncFromSyncIteratorContinuation.
function continuation(result) {
  const done = !!result.done;
  return Reflect.apply(PromisePrototypeThen, resolve(result.value), [(value) => ({ value, done })]);
}

function createAsyncFromSyncIterator(syncIterator) {
  const nextMethod = syncIterator.next;
  return {
    [Symbol.asyncIterator]() { return this; },
    next(value) {
      try {
        const result = arguments.length === 0 ?
          Reflect.apply(nextMethod, syncIterator, []) :
          Reflect.apply(nextMethod, syncIterator, [value]);
        return continuation(checkResult(result));
      } catch (error) {
        return reject(error);
      }
    },
    return(value) {
      try {
        const returnMethod = syncIterator.return;
        if (returnMethod == null) return resolve({ value, done: true });
        return continuation(checkResult(Reflect.apply(returnMethod, syncIterator, [value])));
      } catch (error) {
        return reject(error);
      }
    },
    // Without a sync throw() the value is rejected as is (V8's behaviour).
    throw(value) {
      try {
        const throwMethod = syncIterator.throw;
        if (throwMethod == null) return reject(value);
        return continuation(checkResult(Reflect.apply(throwMethod, syncIterator, [value])));
      } catch (error) {
        return reject(error);
      }
    },
  };
}

// What `for await (… of iterable)` would iterate: the async iterator when
// there is one, otherwise the adapted sync iterator.
function toAsyncIterable(iterable) {
  if (iterable != null && iterable[Symbol.asyncIterator] == null &&
      typeof iterable[Symbol.iterator] === 'function') {
    return createAsyncFromSyncIterator(iterable[Symbol.iterator]());
  }
  return iterable;
}

module.exports = { toAsyncIterable, createAsyncFromSyncIterator };
