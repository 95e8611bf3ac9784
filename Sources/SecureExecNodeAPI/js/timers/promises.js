'use strict';
// timers/promises: setTimeout, setImmediate and setInterval as promises and async iterators.

const timers = require('timers');

function abortError(signal) {
  const { AbortError } = require('internal/errors');
  return new AbortError(undefined, { cause: signal?.reason });
}

function validateOptions(options) {
  const { validateObject, validateBoolean, validateAbortSignal } = require('internal/validators');
  validateObject(options, 'options');
  const { signal, ref = true } = options;
  if (signal !== undefined) validateAbortSignal(signal, 'options.signal');
  validateBoolean(ref, 'options.ref');
  return { signal, ref };
}

function setTimeout(after, value, options = {}) {
  let signal, ref;
  try { ({ signal, ref } = validateOptions(options)); } catch (err) { return Promise.reject(err); }
  if (signal?.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    const timer = timers.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(value);
    }, after);
    if (!ref) timer.unref();
    function onAbort() {
      timers.clearTimeout(timer);
      reject(abortError(signal));
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function setImmediate(value, options = {}) {
  let signal, ref;
  try { ({ signal, ref } = validateOptions(options)); } catch (err) { return Promise.reject(err); }
  if (signal?.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    const immediate = timers.setImmediate(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(value);
    });
    if (!ref) immediate.unref();
    function onAbort() {
      timers.clearImmediate(immediate);
      reject(abortError(signal));
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

async function* setInterval(after, value, options = {}) {
  const { signal, ref } = validateOptions(options);
  if (signal?.aborted) throw abortError(signal);
  let pending = 0;
  let wake;
  const timer = timers.setInterval(() => {
    pending++;
    if (wake) { wake(); wake = undefined; }
  }, after);
  if (!ref) timer.unref();
  let aborted = false;
  const onAbort = () => { aborted = true; if (wake) { wake(); wake = undefined; } };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      if (pending === 0) await new Promise((resolve) => { wake = resolve; });
      if (aborted) throw abortError(signal);
      if (pending > 0) { pending--; yield value; }
    }
  } finally {
    timers.clearInterval(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

const scheduler = {
  wait(delay, options) { return setTimeout(delay, undefined, options); },
  yield() { return setImmediate(); },
};

module.exports = { setTimeout, setImmediate, setInterval, scheduler };
