'use strict';
// `async_hooks`: AsyncLocalStorage, AsyncResource and the execution-id functions of Node 22,
// on an engine without promise hooks.
//
// How context follows asynchronous work here
// ------------------------------------------
// V8 gives Node a hook on every promise; JavaScriptCore gives us nothing. Instead, the entry
// points that schedule work are wrapped: each captures the current *context* (an immutable map
// AsyncLocalStorage -> store, plus the execution ids) when work is scheduled and reinstalls it
// while the callback runs:
//   - Promise.prototype.then (so also catch/finally, which call `then`, and Promise.all/race/
//     any/allSettled, which call `then` on each element): the context at `then` time,
//   - queueMicrotask, process.nextTick (and the internal loop's nextTick/queueMicrotask),
//   - setTimeout, setInterval (every repetition), setImmediate (globals and `timers` exports,
//     hence timers/promises too).
// EventEmitter listeners are not bound (as in Node: they run in the emitter's caller context).
//
// What does NOT propagate (verified on JavaScriptCore 2.50 with /usr/bin/jsc):
//   - The continuation of an async function after `await <native promise>`: the engine performs
//     PerformPromiseThen internally and never calls the (patched) `then`. The code after the
//     first such `await` runs with whatever context is current when the microtask queue is
//     drained (normally the empty one), so `als.getStore()` is undefined there. Code before the
//     first `await` runs synchronously inside `run()` and sees the store. Awaiting a non-native
//     thenable calls its `then` from a later job, so it does not carry the context either.
//     `for await` and async generators behave the same. (JSC does read
//     `Promise.prototype.constructor` synchronously during `await`; a future version could
//     hook that, at the price of changing microtask ordering.)
//   - Callbacks the host invokes directly (I/O completions not routed through promises
//     created under a store) run in the context current at that time.
//   Patterns that work: `.then()` chains, callbacks passed to timers/nextTick/queueMicrotask,
//   `AsyncLocalStorage.bind(fn)` / `AsyncLocalStorage.snapshot()` / `AsyncResource#bind`,
//   and calling `als.run()` inside each callback.
//
// createHook() returns an AsyncHook whose enable()/disable() are accepted no-ops (they return
// the hook): no init/before/after/destroy/promiseResolve callback is ever called, because the
// engine cannot observe resource creation.
//
// Installation: install(targets) patches the entry points; see its comment for what the
// bootstrap must call. Loading this module also installs on the default targets, so the
// module works even if the bootstrap never calls install (only functions captured from the
// globals before that moment stay unwrapped).

const {
  codes: {
    ERR_ASYNC_CALLBACK,
    ERR_INVALID_ASYNC_ID,
  },
} = require('internal/errors');
const { validateFunction, validateString } = require('internal/validators');

// ---------------------------------------------------------------------------------------------
// The current context

const EMPTY_FRAME = new Map();
// AsyncLocalStorage -> store, never mutated once installed (copy on write).
let currentFrame = EMPTY_FRAME;

// The top-level execution (main script) has async id 1 and trigger id 0, as in Node.
const topLevelResource = {};
let execution = { asyncId: 1, triggerAsyncId: 0, resource: topLevelResource };
let lastAsyncId = 1;
// AsyncLocalStorage instances switched off by disable()/exit() (until their next run/enterWith).
const disabledStorages = new Set();
// Promise callbacks and microtasks are only wrapped once some storage or resource was used,
// so that programs that never touch async_hooks pay nothing for their promises.
let promisesTracked = false;

function newAsyncId() {
  return ++lastAsyncId;
}

// The frame new work inherits: entries of disabled storages are not propagated (as in Node,
// where a disabled storage stops copying its store to new resources).
function frameToCapture() {
  if (disabledStorages.size === 0 || currentFrame.size === 0) return currentFrame;
  let frame;
  for (const storage of currentFrame.keys()) {
    if (!storage.enabled) {
      frame ??= new Map(currentFrame);
      frame.delete(storage);
    }
  }
  return frame ?? currentFrame;
}

/** The context to reinstall later: the frame and a new execution (async id) for the work. */
function capture(resource) {
  return {
    frame: frameToCapture(),
    execution: { asyncId: newAsyncId(), triggerAsyncId: execution.asyncId, resource },
  };
}

function runInContext(context, fn, thisArg, args) {
  const savedFrame = currentFrame;
  const savedExecution = execution;
  currentFrame = context.frame;
  execution = context.execution;
  if (execution.resource === undefined && thisArg !== null && typeof thisArg === 'object') {
    // Timers and immediates: the Timeout/Immediate object is the resource, as in Node.
    execution.resource = thisArg;
  }
  try {
    return Reflect.apply(fn, thisArg, args);
  } catch (err) {
    // The domain module notes the domain a callback threw in, before its context is left.
    if (domainHooks.observeThrow !== null) domainHooks.observeThrow(err);
    throw err;
  } finally {
    currentFrame = savedFrame;
    execution = savedExecution;
  }
}

const domainHooks = require('internal/domain_hooks');

// A function that runs `fn` in the context captured now. `this` and arguments pass through.
function wrapCallback(fn, resource) {
  const context = capture(resource);
  return function contextWrapped(...args) {
    return runInContext(context, fn, this, args);
  };
}

// ---------------------------------------------------------------------------------------------
// Installation

const patched = new WeakSet();
let originalThen;

// Replaces obj[name] (a function) by make(original), keeping the property's attributes, the
// function's name and length. Each object is patched once per name.
function patchMethod(obj, name, make) {
  if (obj === null || (typeof obj !== 'object' && typeof obj !== 'function')) return;
  const desc = Object.getOwnPropertyDescriptor(obj, name);
  if (desc === undefined || typeof desc.value !== 'function' || patched.has(desc.value)) return;
  const original = desc.value;
  const replacement = make(original);
  Object.defineProperty(replacement, 'name', { __proto__: null, value: original.name, configurable: true });
  Object.defineProperty(replacement, 'length', { __proto__: null, value: original.length, configurable: true });
  patched.add(replacement);
  Object.defineProperty(obj, name, { ...desc, value: replacement });
}

function patchPromiseThen(PromiseCtor) {
  patchMethod(PromiseCtor.prototype, 'then', (then) => {
    originalThen ??= then;
    return function (onFulfilled, onRejected) {
      if (promisesTracked) {
        if (typeof onFulfilled === 'function') onFulfilled = wrapCallback(onFulfilled, this);
        if (typeof onRejected === 'function') onRejected = wrapCallback(onRejected, this);
      }
      return Reflect.apply(then, this, [onFulfilled, onRejected]);
    };
  });
}

function patchCallbackFirst(obj, name, always) {
  patchMethod(obj, name, (original) => function (callback, ...rest) {
    if (typeof callback === 'function' && (always || promisesTracked)) {
      callback = wrapCallback(callback, undefined);
    }
    return Reflect.apply(original, this, [callback, ...rest]);
  });
}

function patchTimers(obj) {
  for (const name of ['setTimeout', 'setInterval', 'setImmediate']) patchCallbackFirst(obj, name, true);
}

/**
 * Patches the scheduling entry points of one context so that async context propagates.
 * Idempotent; every target is optional. What the bootstrap must call, once per context, right
 * after it has defined the timer globals and `queueMicrotask`:
 *
 *   requireBuiltin('async_hooks').install({ global: globalThis, process, timers, loop });
 *
 * where `timers` is the `timers` module's exports and `loop` is internal/loop's exports.
 * Patched: global.Promise.prototype.then; global.queueMicrotask; global.setTimeout/
 * setInterval/setImmediate; timers.setTimeout/setInterval/setImmediate; loop.nextTick and
 * loop.queueMicrotask (process.nextTick calls loop.nextTick); process.nextTick when no loop
 * is given.
 */
function install({ global: g = globalThis, process: proc, timers, loop } = {}) {
  if (typeof g.Promise === 'function') patchPromiseThen(g.Promise);
  patchCallbackFirst(g, 'queueMicrotask', false);
  patchTimers(g);
  if (timers !== undefined) patchTimers(timers);
  if (loop !== undefined) {
    patchCallbackFirst(loop, 'nextTick', true);
    patchCallbackFirst(loop, 'queueMicrotask', false);
  } else if (proc !== undefined && proc !== null) {
    patchCallbackFirst(proc, 'nextTick', true);
  }
}

function installDefaults() {
  // In the sandbox the internal loop and our timers module exist; under a development host
  // (tools/run-with-node.js) only the host's globals do.
  const loop = typeof internal === 'object' && internal !== null ? internal.loop : undefined;
  install({
    global: globalThis,
    process: typeof process === 'object' ? process : undefined,
    timers: loop !== undefined ? require('timers') : undefined,
    loop,
  });
}

// ---------------------------------------------------------------------------------------------
// Execution ids

function executionAsyncId() {
  return execution.asyncId;
}

function triggerAsyncId() {
  return execution.triggerAsyncId;
}

function executionAsyncResource() {
  execution.resource ??= {};
  return execution.resource;
}

// ---------------------------------------------------------------------------------------------
// createHook: accepted, validated, never called.

const kHookCallbacks = ['init', 'before', 'after', 'destroy', 'promiseResolve'];
const hookSymbols = {
  init: Symbol('init'),
  before: Symbol('before'),
  after: Symbol('after'),
  destroy: Symbol('destroy'),
  promiseResolve: Symbol('promiseResolve'),
};
const kNoPromiseHook = Symbol('kNoPromiseHook');

class AsyncHook {
  constructor({ init, before, after, destroy, promiseResolve }) {
    const given = { init, before, after, destroy, promiseResolve };
    for (const name of kHookCallbacks) {
      if (given[name] !== undefined && typeof given[name] !== 'function') {
        throw new ERR_ASYNC_CALLBACK(`hook.${name}`);
      }
    }
    for (const name of kHookCallbacks) this[hookSymbols[name]] = given[name];
    this[kNoPromiseHook] = false;
  }

  // No-ops: the engine reports no resource lifecycle events.
  enable() {
    return this;
  }

  disable() {
    return this;
  }
}

function createHook(fns) {
  return new AsyncHook(fns);
}

// ---------------------------------------------------------------------------------------------
// AsyncResource

const kAsyncId = Symbol('async_id_symbol');
const kTriggerAsyncId = Symbol('trigger_async_id_symbol');
const kContext = Symbol('context_frame');
const kEmptyObject = Object.freeze({ __proto__: null });

let deprecate;
function lazyDeprecate(fn, message, code) {
  deprecate ??= require('util').deprecate;
  return deprecate(fn, message, code);
}

class AsyncResource {
  constructor(type, opts = kEmptyObject) {
    validateString(type, 'type');
    let trigger = opts;
    if (typeof opts !== 'number') {
      trigger = opts.triggerAsyncId === undefined ? execution.asyncId : opts.triggerAsyncId;
    }
    if (!Number.isSafeInteger(trigger) || trigger < -1) {
      throw new ERR_INVALID_ASYNC_ID('triggerAsyncId', trigger);
    }
    promisesTracked = true;
    this[kContext] = frameToCapture();
    this[kAsyncId] = newAsyncId();
    this[kTriggerAsyncId] = trigger;
  }

  runInAsyncScope(fn, thisArg, ...args) {
    return runInContext({
      frame: this[kContext],
      execution: { asyncId: this[kAsyncId], triggerAsyncId: this[kTriggerAsyncId], resource: this },
    }, fn, thisArg, args);
  }

  // No destroy hooks can exist; kept for API compatibility.
  emitDestroy() {
    return this;
  }

  asyncId() {
    return this[kAsyncId];
  }

  triggerAsyncId() {
    return this[kTriggerAsyncId];
  }

  bind(fn, thisArg) {
    validateFunction(fn, 'fn');
    let bound;
    if (thisArg === undefined) {
      const resource = this;
      bound = function (...args) {
        return Reflect.apply(resource.runInAsyncScope, resource, [fn, this, ...args]);
      };
    } else {
      bound = this.runInAsyncScope.bind(this, fn, thisArg);
    }
    let self = this;
    Object.defineProperties(bound, {
      length: { __proto__: null, configurable: true, enumerable: false, value: fn.length, writable: false },
      asyncResource: {
        __proto__: null,
        configurable: true,
        enumerable: true,
        get: lazyDeprecate(function () { return self; },
          'The asyncResource property on bound functions is deprecated', 'DEP0172'),
        set: lazyDeprecate(function (value) { self = value; },
          'The asyncResource property on bound functions is deprecated', 'DEP0172'),
      },
    });
    return bound;
  }

  static bind(fn, type, thisArg) {
    type ||= fn.name;
    return (new AsyncResource(type || 'bound-anonymous-fn')).bind(fn, thisArg);
  }
}

// ---------------------------------------------------------------------------------------------
// AsyncLocalStorage (the async_hooks flavour Node 22 uses by default: disable() and exit()
// switch the instance off globally until the next run()/enterWith()).

class AsyncLocalStorage {
  constructor() {
    this.kResourceStore = Symbol('kResourceStore');
    this.enabled = false;
  }

  static bind(fn) {
    return AsyncResource.bind(fn);
  }

  static snapshot() {
    return AsyncLocalStorage.bind((cb, ...args) => cb(...args));
  }

  disable() {
    if (!this.enabled) return;
    this.enabled = false;
    disabledStorages.add(this);
  }

  _enable() {
    if (this.enabled) return;
    disabledStorages.delete(this);
    this.enabled = true;
    promisesTracked = true;
  }

  enterWith(store) {
    this._enable();
    const frame = new Map(currentFrame);
    frame.set(this, store);
    currentFrame = frame;
  }

  run(store, callback, ...args) {
    if (Object.is(store, this.getStore())) return Reflect.apply(callback, null, args);
    this._enable();
    const saved = currentFrame;
    const frame = new Map(currentFrame);
    frame.set(this, store);
    currentFrame = frame;
    try {
      return Reflect.apply(callback, null, args);
    } finally {
      currentFrame = saved;
    }
  }

  exit(callback, ...args) {
    if (!this.enabled) return Reflect.apply(callback, null, args);
    this.disable();
    try {
      return Reflect.apply(callback, null, args);
    } finally {
      this._enable();
    }
  }

  getStore() {
    if (!this.enabled) return undefined;
    return currentFrame.get(this);
  }
}

const asyncWrapProviders = Object.freeze({
  __proto__: null,
  ...Object.fromEntries([
    'NONE', 'DIRHANDLE', 'DNSCHANNEL', 'ELDHISTOGRAM', 'FILEHANDLE', 'FILEHANDLECLOSEREQ',
    'BLOBREADER', 'FSEVENTWRAP', 'FSREQCALLBACK', 'FSREQPROMISE', 'GETADDRINFOREQWRAP',
    'GETNAMEINFOREQWRAP', 'HEAPSNAPSHOT', 'HTTP2SESSION', 'HTTP2STREAM', 'HTTP2PING',
    'HTTP2SETTINGS', 'HTTPINCOMINGMESSAGE', 'HTTPCLIENTREQUEST', 'JSSTREAM', 'JSUDPWRAP',
    'MESSAGEPORT', 'PIPECONNECTWRAP', 'PIPESERVERWRAP', 'PIPEWRAP', 'PROCESSWRAP', 'PROMISE',
    'QUERYWRAP', 'QUIC_ENDPOINT', 'QUIC_LOGSTREAM', 'QUIC_PACKET', 'QUIC_SESSION', 'QUIC_STREAM',
    'QUIC_UDP', 'SHUTDOWNWRAP', 'SIGNALWRAP', 'STATWATCHER', 'STREAMPIPE', 'TCPCONNECTWRAP',
    'TCPSERVERWRAP', 'TCPWRAP', 'TTYWRAP', 'UDPSENDWRAP', 'UDPWRAP', 'SIGINTWATCHDOG', 'WORKER',
    'WORKERCPUPROFILE', 'WORKERCPUUSAGE', 'WORKERHEAPSNAPSHOT', 'WORKERHEAPSTATISTICS',
    'WRITEWRAP', 'ZLIB', 'CHECKPRIMEREQUEST', 'PBKDF2REQUEST', 'KEYPAIRGENREQUEST',
    'KEYGENREQUEST', 'KEYEXPORTREQUEST', 'CIPHERREQUEST', 'DERIVEBITSREQUEST', 'HASHREQUEST',
    'RANDOMBYTESREQUEST', 'RANDOMPRIMEREQUEST', 'SCRYPTREQUEST', 'SIGNREQUEST', 'TLSWRAP',
    'VERIFYREQUEST',
  ].map((name, index) => [name, index])),
});

module.exports = {
  AsyncLocalStorage,
  createHook,
  executionAsyncId,
  triggerAsyncId,
  executionAsyncResource,
  asyncWrapProviders,
  AsyncResource,
};
// Not enumerable: the module's public keys stay Node's.
Object.defineProperty(module.exports, 'install', { __proto__: null, value: install, enumerable: false, writable: true, configurable: true });

installDefaults();
