'use strict';
// AbortController and AbortSignal as Node 22 implements them on top of its EventTarget:
// `abort` events are trusted Events, `onabort` is an event handler attribute, the default
// reason is a DOMException named AbortError, AbortSignal.timeout() aborts with a TimeoutError
// DOMException from an unref'd timer, and AbortSignal.any() follows the DOM spec's
// "dependent signals" algorithm (source signals are held weakly, as in Node).
// Transfer between threads does not exist here (no workers), so the transferable helpers only
// validate and return their argument.

const {
  defineEventHandler,
  EventTarget,
  Event,
  kTrustEvent,
  kNewListener,
  kRemoveListener,
  kResistStopPropagation,
  kWeakHandler,
} = require('internal/event_target');
const { kMaxEventTargetListeners } = require('events');
const {
  codes: {
    ERR_ILLEGAL_CONSTRUCTOR,
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_THIS,
  },
} = require('internal/errors');
const {
  validateAbortSignal,
  validateAbortSignalArray,
  validateObject,
  validateUint32,
  kValidateObjectAllowObjects,
} = require('internal/validators');
const { DOMException } = require('internal/dom_exception');

const customInspectSymbol = Symbol.for('nodejs.util.inspect.custom');
const kEnumerableProperty = { __proto__: null, enumerable: true };
const kEmptyObject = Object.freeze({ __proto__: null });

const kDontThrowSymbol = Symbol('kDontThrowSymbol');
const kAborted = Symbol('kAborted');
const kReason = Symbol('kReason');
const kTimeout = Symbol('kTimeout');
const kComposite = Symbol('kComposite');
const kSourceSignals = Symbol('kSourceSignals');
const kDependantSignals = Symbol('kDependantSignals');

// In the sandbox the internal timers module is used (guest code replacing the global
// setTimeout, e.g. fake timers, must not affect AbortSignal.timeout, as in Node). When this file
// runs under the host's node for development, the internal loop does not exist and the
// host's own timers are the right ones.
function timers() {
  return internal !== undefined && internal !== null && internal.loop !== undefined
    ? require('timers')
    : globalThis;
}

// Signals that must stay alive while they can still abort and someone listens (a timeout
// signal with an 'abort' listener, a composite signal with live sources).
const gcPersistentSignals = new Set();

const clearTimeoutRegistry = new FinalizationRegistry((timer) => timers().clearTimeout(timer));
const dependantSignalsCleanupRegistry = new FinalizationRegistry((signalWeakRef) => {
  const signal = signalWeakRef.deref();
  if (signal === undefined) return;
  for (const ref of signal[kDependantSignals]) {
    if (ref.deref() === undefined) signal[kDependantSignals].delete(ref);
  }
});
const sourceSignalsCleanupRegistry = new FinalizationRegistry(({ sourceSignalRef, composedSignalRef }) => {
  const composed = composedSignalRef.deref();
  if (composed === undefined) return;
  composed[kSourceSignals].delete(sourceSignalRef);
  // Without sources it can never abort: no reason to keep it alive any more.
  if (composed[kSourceSignals].size === 0) gcPersistentSignals.delete(composed);
});

let inspectFn;
function inspect(value, options) {
  inspectFn ??= require('internal/util/inspect').inspect;
  return inspectFn(value, options);
}

// `Name { …fields }`, one level less deep; at negative depth the object itself is returned, which
// util.inspect then prints without calling the custom hook again (Node prints `AbortController {}`).
function customInspect(self, obj, depth, options) {
  if (depth < 0) return self;
  const opts = Object.assign({}, options, {
    depth: options.depth === null ? null : options.depth - 1,
  });
  return `${self.constructor.name} ${inspect(obj, opts)}`;
}

function validateThisAbortSignal(obj) {
  if (obj?.[kAborted] === undefined) throw new ERR_INVALID_THIS('AbortSignal');
}

// WebIDL sequence<any> conversion, with Node's error wording.
function toSequence(value) {
  const notSequence = () => {
    const err = new TypeError('Value can not be converted to sequence.');
    err.code = 'ERR_INVALID_ARG_TYPE';
    return err;
  };
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) throw notSequence();
  const iterator = value?.[Symbol.iterator]?.();
  if (iterator === undefined) throw notSequence();
  const out = [];
  for (;;) {
    const step = iterator?.next?.();
    if (step === undefined) throw notSequence();
    if (step.done === true) break;
    out.push(step.value);
  }
  return out;
}

// The timer holds the signal weakly and is unref'd: an unreachable timeout signal may be
// collected (its timer is then cleared) and a pending timeout never keeps the loop alive.
function setWeakAbortSignalTimeout(weakRef, delay) {
  const timeout = timers().setTimeout(() => {
    const signal = weakRef.deref();
    if (signal !== undefined) {
      gcPersistentSignals.delete(signal);
      abortSignal(signal, new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    }
  }, delay);
  timeout.unref();
  return timeout;
}

class AbortSignal extends EventTarget {
  constructor(dontThrowSymbol = undefined, init = kEmptyObject) {
    if (dontThrowSymbol !== kDontThrowSymbol) throw new ERR_ILLEGAL_CONSTRUCTOR();
    super();
    // Any number of listeners is normal for a signal: no leak warning.
    this[kMaxEventTargetListeners] = 0;
    const { aborted = false, reason = undefined, composite = false } = init;
    this[kAborted] = aborted;
    this[kReason] = reason;
    this[kComposite] = composite;
  }

  get aborted() {
    validateThisAbortSignal(this);
    return !!this[kAborted];
  }

  get reason() {
    validateThisAbortSignal(this);
    return this[kReason];
  }

  throwIfAborted() {
    validateThisAbortSignal(this);
    if (this[kAborted]) throw this[kReason];
  }

  [customInspectSymbol](depth, options) {
    return customInspect(this, { aborted: this.aborted }, depth, options);
  }

  static abort(reason = new DOMException('This operation was aborted', 'AbortError')) {
    return new AbortSignal(kDontThrowSymbol, { aborted: true, reason });
  }

  static timeout(delay) {
    validateUint32(delay, 'delay', false);
    const signal = new AbortSignal(kDontThrowSymbol);
    signal[kTimeout] = true;
    clearTimeoutRegistry.register(signal, setWeakAbortSignalTimeout(new WeakRef(signal), delay));
    return signal;
  }

  static any(signals) {
    const signalsArray = toSequence(signals);
    validateAbortSignalArray(signalsArray, 'signals');
    const resultSignal = new AbortSignal(kDontThrowSymbol, { composite: true });
    if (signalsArray.length === 0) return resultSignal;

    const resultSignalWeakRef = new WeakRef(resultSignal);
    resultSignal[kSourceSignals] = new Set();
    let hasTimeoutSignals = false;

    for (const signal of signalsArray) {
      if (signal[kTimeout]) {
        // A timeout source must outlive the composite that depends on it.
        hasTimeoutSignals = true;
        gcPersistentSignals.add(signal);
      }
      if (signal.aborted) {
        abortSignal(resultSignal, signal.reason);
        return resultSignal;
      }
      signal[kDependantSignals] ??= new Set();
      if (!signal[kComposite]) {
        const signalWeakRef = new WeakRef(signal);
        resultSignal[kSourceSignals].add(signalWeakRef);
        signal[kDependantSignals].add(resultSignalWeakRef);
        dependantSignalsCleanupRegistry.register(resultSignal, signalWeakRef);
        sourceSignalsCleanupRegistry.register(signal, {
          sourceSignalRef: signalWeakRef,
          composedSignalRef: resultSignalWeakRef,
        });
      } else if (signal[kSourceSignals]) {
        // A composite source contributes its own (non-composite) sources.
        for (const sourceSignalWeakRef of signal[kSourceSignals]) {
          const sourceSignal = sourceSignalWeakRef.deref();
          if (!sourceSignal || resultSignal[kSourceSignals].has(sourceSignalWeakRef)) continue;
          resultSignal[kSourceSignals].add(sourceSignalWeakRef);
          sourceSignal[kDependantSignals].add(resultSignalWeakRef);
          dependantSignalsCleanupRegistry.register(resultSignal, sourceSignalWeakRef);
          sourceSignalsCleanupRegistry.register(signal, {
            sourceSignalRef: sourceSignalWeakRef,
            composedSignalRef: resultSignalWeakRef,
          });
        }
      }
    }
    if (hasTimeoutSignals && resultSignal[kSourceSignals].size > 0) gcPersistentSignals.add(resultSignal);
    return resultSignal;
  }

  [kNewListener](size, type, listener, once, capture, passive, weak) {
    super[kNewListener](size, type, listener, once, capture, passive, weak);
    const canStillAbort = this[kTimeout] || (this[kComposite] && this[kSourceSignals]?.size);
    if (canStillAbort && type === 'abort' && !this.aborted && !weak && size === 1) {
      // Someone listens for a future abort: keep the signal alive until it fires.
      gcPersistentSignals.add(this);
    }
  }

  [kRemoveListener](size, type, listener, capture) {
    super[kRemoveListener](size, type, listener, capture);
    const canStillAbort = this[kTimeout] || (this[kComposite] && this[kSourceSignals]?.size);
    if (canStillAbort && type === 'abort' && size === 0) gcPersistentSignals.delete(this);
  }
}

Object.defineProperties(AbortSignal.prototype, { aborted: kEnumerableProperty });
Object.defineProperty(AbortSignal.prototype, Symbol.toStringTag, {
  __proto__: null, writable: false, enumerable: false, configurable: true, value: 'AbortSignal',
});
defineEventHandler(AbortSignal.prototype, 'abort');

// https://dom.spec.whatwg.org/#abortsignal-signal-abort
function abortSignal(signal, reason) {
  if (signal[kAborted]) return;
  signal[kAborted] = true;
  signal[kReason] = reason;

  // Dependent signals are marked aborted before any listener runs, then get their events
  // after the source's.
  const dependents = [];
  signal[kDependantSignals]?.forEach((ref) => {
    const dependent = ref.deref();
    if (dependent && !dependent[kAborted]) {
      dependent[kReason] = reason;
      dependent[kAborted] = true;
      dependents.push(dependent);
    }
  });
  runAbort(signal);
  for (const dependent of dependents) runAbort(dependent);

  gcPersistentSignals.delete(signal);
  if (signal[kComposite] && signal[kSourceSignals]) {
    signal[kSourceSignals].forEach((ref) => {
      const source = ref.deref();
      if (source) gcPersistentSignals.delete(source);
    });
  }
}

function runAbort(signal) {
  signal.dispatchEvent(new Event('abort', { [kTrustEvent]: true }));
}

class AbortController {
  #signal;

  static #check(obj) {
    if (obj === null || typeof obj !== 'object' || !(#signal in obj)) throw new ERR_INVALID_THIS('AbortController');
  }

  get signal() {
    AbortController.#check(this);
    this.#signal ??= new AbortSignal(kDontThrowSymbol);
    return this.#signal;
  }

  abort(reason = new DOMException('This operation was aborted', 'AbortError')) {
    AbortController.#check(this);
    abortSignal(this.#signal ??= new AbortSignal(kDontThrowSymbol), reason);
  }

  [customInspectSymbol](depth, options) {
    return customInspect(this, { signal: this.signal }, depth, options);
  }
}

Object.defineProperties(AbortController.prototype, {
  signal: kEnumerableProperty,
  abort: kEnumerableProperty,
});
Object.defineProperty(AbortController.prototype, Symbol.toStringTag, {
  __proto__: null, writable: false, enumerable: false, configurable: true, value: 'AbortController',
});

// util.transferableAbortSignal: nothing is ever transferred here, so only the check remains.
function transferableAbortSignal(signal) {
  if (signal?.[kAborted] === undefined) throw new ERR_INVALID_ARG_TYPE('signal', 'AbortSignal', signal);
  return signal;
}

function transferableAbortController() {
  return new AbortController();
}

// util.aborted(signal, resource): resolves once `signal` aborts, for as long as `resource` lives.
async function aborted(signal, resource) {
  if (signal === undefined) throw new ERR_INVALID_ARG_TYPE('signal', 'AbortSignal', signal);
  validateAbortSignal(signal, 'signal');
  validateObject(resource, 'resource', kValidateObjectAllowObjects);
  if (signal.aborted) return Promise.resolve();
  let resolve;
  const promise = new Promise((res) => { resolve = res; });
  signal.addEventListener('abort', resolve, {
    __proto__: null, [kWeakHandler]: resource, once: true, [kResistStopPropagation]: true,
  });
  return promise;
}

module.exports = {
  AbortController,
  AbortSignal,
  aborted,
  transferableAbortSignal,
  transferableAbortController,
};
