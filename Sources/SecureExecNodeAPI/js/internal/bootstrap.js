'use strict';
// Runs first in every fresh context: `(function (natives, config) { … })`, where `config` is the
// runtime's configuration (the same for every call). The host bootstraps the next call's context
// ahead of time, while idle; `hooks.configure(callConfig)` then applies what is particular to the
// call (cwd, argv, clocks, stdin) just before the entry runs.
// Builds the private `internal` object, the builtin module loader, the globals (process, console,
// timers, …) and returns the hooks the host's event loop calls. Nothing defined here is reachable
// from guest code except through the public objects it installs.

const ObjectDefineProperty = Object.defineProperty;
const JSONParse = JSON.parse;
const JSONStringify = JSON.stringify;
const ReflectApply = Reflect.apply;
const SymbolFor = Symbol.for;

const settings = JSONParse(config);

/** Whether the runtime runs with a Node option (ProcessConfig.execArgv), in any of its spellings. */
function hasNodeOption(...spellings) {
  const execArgv = settings.process.execArgv;
  return Array.isArray(execArgv) && spellings.some((spelling) => execArgv.includes(spelling));
}

// ---------------------------------------------------------------------------------------------
// The bridge. Every host effect goes through call/callAsync/send; the host validates everything.

const pendingOps = new Map();
// The guest's process object, created by internal/process/object (modules receive it).
let process;

function bridgeError(text) {
  let desc;
  try { desc = JSONParse(text); } catch { desc = { message: 'bridge error', code: 'ERR_INTERNAL' }; }
  return internal.errorFromDescription(desc);
}

function decode(result) {
  if (typeof result === 'string') {
    if (result.length > 0 && result.charCodeAt(0) === 33 /* ! */) throw bridgeError(result.slice(1));
    return result.length === 0 ? undefined : JSONParse(result);
  }
  return result; // Uint8Array
}

const internal = {
  settings,
  natives,
  /** Synchronous host call: blocks until the host answers. */
  call(op, args, bytes) {
    return decode(natives.call(op, args === undefined ? '' : JSONStringify(args), bytes));
  },
  /** Asynchronous host call: a promise settled from the event loop. */
  callAsync(op, args, bytes) {
    return new Promise((resolve, reject) => {
      const id = natives.callAsync(op, args === undefined ? '' : JSONStringify(args), bytes);
      if (typeof id === 'string') { // refused before it was sent (payload limits)
        try { resolve(decode(id)); } catch (e) { reject(e); }
        return;
      }
      pendingOps.set(id, { resolve, reject });
    });
  },
  /** Fire-and-forget message to the host. */
  send(op, args, bytes) {
    natives.send(op, args === undefined ? '' : JSONStringify(args), bytes);
  },
  write(fd, data) { natives.write(fd, data); },
  /** Builds the guest error the host described ({code, message, name, syscall, path, …}). */
  errorFromDescription(desc) {
    const Ctor = desc.name === 'TypeError' ? TypeError : desc.name === 'RangeError' ? RangeError : Error;
    const err = new Ctor(desc.message);
    if (desc.syscall !== undefined) {
      const errno = requireBuiltin('internal/errors').errnoNumber?.(desc.code);
      if (errno !== undefined) err.errno = errno;
    }
    err.code = desc.code;
    for (const key of ['syscall', 'path', 'dest', 'hostname', 'address', 'port']) {
      if (desc[key] !== undefined) err[key] = desc[key];
    }
    return err;
  },
  reportUncaught: undefined, // set below
  hasNodeOption,
};

// ---------------------------------------------------------------------------------------------
// Builtin modules: compiled once per VM by the host, instantiated once per call, on first use.

const builtinCache = new Map();
const publicBuiltins = new Set(settings.builtins);
const unsupportedModules = new Set(['cluster', 'inspector', 'inspector/promises', 'repl', 'trace_events', 'wasi']);

function requireBuiltin(name) {
  const cached = builtinCache.get(name);
  if (cached !== undefined) return cached.exports;
  const wrapper = natives.builtin(name);
  if (wrapper === undefined) {
    const err = new Error(`No such built-in module: ${name}`);
    err.code = 'ERR_UNKNOWN_BUILTIN_MODULE';
    throw err;
  }
  const module = { exports: {}, id: name, loaded: false };
  builtinCache.set(name, module);
  try {
    ReflectApply(wrapper, module.exports, [module.exports, requireBuiltin, module, process, internal]);
  } catch (e) {
    builtinCache.delete(name);
    throw e;
  }
  module.loaded = true;
  return module.exports;
}

/** Builtins only reachable with the `node:` scheme (`require('test')` is a package, as in Node). */
const schemeOnlyBuiltins = new Set(['test', 'test/reporters']);

/** Whether `name` (without `node:`) is a builtin guest code may load; `prefixed` when the request
 *  carried the `node:` scheme. */
function isPublicBuiltin(name, prefixed = false) {
  if (schemeOnlyBuiltins.has(name)) return prefixed && publicBuiltins.has(name);
  if (publicBuiltins.has(name) || unsupportedModules.has(name)) return true;
  return exposeInternals && name.startsWith('internal/') && !hiddenInternals.has(name) && natives.builtin(name) !== undefined;
}

// node --expose-internals (for Node's own tests): guest code may also require this runtime's
// `internal/*` modules. They hold no authority of their own — every host effect still goes through
// the bridge and the host's permission checks — but they let guest code reach our machinery, so
// this is for test suites only. The bootstrap and the module loaders are never reachable.
const exposeInternals = hasNodeOption('--expose-internals', '--expose_internals');
const hiddenInternals = new Set(['internal/bootstrap', 'internal/modules/cjs', 'internal/modules/esm', 'internal/loop']);
internal.schemeOnlyBuiltins = schemeOnlyBuiltins;

/** `require('fs')` from guest code: public builtins only. */
function loadPublicBuiltin(name) {
  if (unsupportedModules.has(name)) {
    const err = new Error(`${name} is not supported in sandbox`);
    err.code = 'ERR_NOT_SUPPORTED_IN_SANDBOX';
    throw err;
  }
  return requireBuiltin(name);
}

internal.requireBuiltin = requireBuiltin;

// Error stacks and engine error messages as V8 shows them (internal/error_stacks): installed
// before anything else creates errors. `natives.errorStack` is util.inspect's hook.
const errorStacks = requireBuiltin('internal/error_stacks');
internal.errorStacks = errorStacks;
const normalizeError = errorStacks.normalize;
natives.errorStack = function errorStack(err) {
  normalizeError(err);
  return errorStacks.v8StackText(err);
};
// Constructor names of objects that lose their prototype. V8 knows which constructor made an
// object even after `Object.setPrototypeOf(o, null)` (util.inspect shows `[Foo: null prototype]`);
// JSC's API does not. So the three ways to set a prototype (Object.setPrototypeOf,
// Reflect.setPrototypeOf, the `__proto__` setter) are proxies of the engine's functions that,
// when an object's prototype becomes null for the first time, remember the name of the
// `constructor` its chain had (read from data properties only, stopping at a proxy, so no guest
// code runs) — unless that is a derived class, whose instances V8 does not name either.
// `natives.constructorNameOf(o)` reads the record (internal/util/inspect).
{
  const names = new WeakMap();
  const WeakMapGet = WeakMap.prototype.get;
  const WeakMapSet = WeakMap.prototype.set;
  const getOwnDescriptor = Object.getOwnPropertyDescriptor;
  const getPrototypeOf = Object.getPrototypeOf;
  const functionSource = Function.prototype.toString;
  const derivedClass = /^class\b[^{]*\bextends\b/;
  const RegExpTest = RegExp.prototype.test;
  // (Proxy is still the engine's here; natives.getProxyDetails is defined just below.)
  const isProxy = (value) => natives.getProxyDetails(value, false) !== undefined;
  const chainConstructorName = (object) => {
    let current = object;
    for (let depth = 0; current !== null && depth < 1000 && !isProxy(current); depth++) {
      const ctor = getOwnDescriptor(current, 'constructor');
      if (ctor !== undefined && typeof ctor.value === 'function') {
        if (isProxy(ctor.value) || ReflectApply(RegExpTest, derivedClass, [ReflectApply(functionSource, ctor.value, [])])) return undefined;
        const name = getOwnDescriptor(ctor.value, 'name');
        if (name !== undefined && typeof name.value === 'string' && name.value !== '') return name.value;
      }
      current = getPrototypeOf(current);
    }
    return undefined;
  };
  const remember = (object) => {
    if (object === null || (typeof object !== 'object' && typeof object !== 'function')) return;
    if (isProxy(object) || ReflectApply(WeakMapGet, names, [object]) !== undefined) return;
    const name = chainConstructorName(object);
    if (name !== undefined) ReflectApply(WeakMapSet, names, [object, name]);
  };
  const watching = (fn) => errorStacks.looksNative(new Proxy(fn, {
    __proto__: null,
    apply(target, thisArg, args) {
      // Arguments are checked (and a failure thrown) by the engine's function first.
      const object = fn === protoSetter ? thisArg : args[0];
      const proto = fn === protoSetter ? args[0] : args[1];
      if (proto === null) {
        try {
          remember(object);
        } catch {
          // An exotic object of another realm (a revoked proxy): V8 would not name it either.
        }
      }
      return ReflectApply(target, thisArg, args);
    },
  }), fn.name);
  const protoDescriptor = getOwnDescriptor(Object.prototype, '__proto__');
  const protoSetter = protoDescriptor === undefined ? undefined : protoDescriptor.set;
  ObjectDefineProperty(Object, 'setPrototypeOf', { __proto__: null, value: watching(Object.setPrototypeOf), writable: true, enumerable: false, configurable: true });
  ObjectDefineProperty(Reflect, 'setPrototypeOf', { __proto__: null, value: watching(Reflect.setPrototypeOf), writable: true, enumerable: false, configurable: true });
  if (typeof protoSetter === 'function') {
    ObjectDefineProperty(Object.prototype, '__proto__', { __proto__: null, set: watching(protoSetter) });
  }
  /** The name of the constructor an object had before its prototype was set to null, if any. */
  natives.constructorNameOf = (object) => ReflectApply(WeakMapGet, names, [object]);
}
// Proxies. V8 lets Node look inside a Proxy without running its traps (util.types.isProxy,
// util.inspect's showProxy, util.format's %s); JSC's API cannot. So `Proxy` is a proxy of the real
// constructor that remembers, out of the guest's reach, the target and handler of every proxy it
// makes (and forgets them on revocation, as V8 does). Proxies of other realms (vm contexts) stay
// opaque, as do the engine's own.
{
  const RealProxy = Proxy;
  const details = new WeakMap();
  const WeakMapGet = WeakMap.prototype.get;
  const WeakMapSet = WeakMap.prototype.set;
  const ReflectConstruct = Reflect.construct;
  const realRevocable = RealProxy.revocable;
  const ProxyConstructor = new RealProxy(RealProxy, {
    __proto__: null,
    construct(target, args, newTarget) {
      const proxy = ReflectConstruct(target, args, newTarget);
      ReflectApply(WeakMapSet, details, [proxy, [args[0], args[1]]]);
      return proxy;
    },
  });
  ObjectDefineProperty(RealProxy, 'revocable', {
    __proto__: null, writable: true, enumerable: false, configurable: true,
    value: function revocable(target, handler) {
      const result = ReflectApply(realRevocable, RealProxy, [target, handler]);
      const entry = [target, handler];
      ReflectApply(WeakMapSet, details, [result.proxy, entry]);
      const revoke = result.revoke;
      result.revoke = errorStacks.looksNative([() => { entry[0] = null; entry[1] = null; revoke(); }][0], '');
      return result;
    },
  });
  errorStacks.looksNative(ProxyConstructor, 'Proxy');
  errorStacks.looksNative(RealProxy.revocable, 'revocable');
  ObjectDefineProperty(globalThis, 'Proxy', { __proto__: null, value: ProxyConstructor, writable: true, enumerable: false, configurable: true });
  /** Node's getProxyDetails: undefined for a non-proxy; [target, handler] (`full`, the default)
   *  or the target; nulls once revoked. */
  natives.getProxyDetails = function getProxyDetails(value, full = true) {
    const entry = ReflectApply(WeakMapGet, details, [value]);
    if (entry === undefined) return undefined;
    return full ? [entry[0], entry[1]] : entry[0];
  };
}
internal.isPublicBuiltin = isPublicBuiltin;
internal.loadPublicBuiltin = loadPublicBuiltin;

// ---------------------------------------------------------------------------------------------
// Clocks. With timing mitigation "freeze", every clock the guest can read stands still.

// Until `configure` runs, clocks read zero. Set per call.
internal.frozen = true;
internal.hrtimeNs = () => 0;
internal.originTimeMs = 0;

// The frozen Date is made while the context is prepared; a call with frozen clocks installs it.
let frozenNow = 0;
const RealDate = Date;
const DateConstruct = Reflect.construct;
const FrozenDate = function Date(...args) {
  if (new.target === undefined) return new RealDate(frozenNow).toString();
  return args.length === 0
    ? DateConstruct(RealDate, [frozenNow], new.target)
    : DateConstruct(RealDate, args, new.target);
};
ObjectDefineProperty(FrozenDate, 'length', { __proto__: null, value: 7 });
FrozenDate.prototype = RealDate.prototype;
ObjectDefineProperty(FrozenDate, 'now', { __proto__: null, value: errorStacks.looksNative({ now() { return frozenNow; } }.now, 'now'), writable: false, configurable: false });
FrozenDate.parse = RealDate.parse;
FrozenDate.UTC = RealDate.UTC;
errorStacks.looksNative(FrozenDate, 'Date');

/** Applies the call's timing mode: with "freeze", every clock stands still at `now`. */
function configureClocks(timing, now) {
  const frozen = timing === 'freeze';
  internal.frozen = frozen;
  internal.hrtimeNs = frozen ? () => 0 : () => natives.hrtime();
  internal.originTimeMs = frozen ? now : natives.now() - natives.hrtime() / 1e6;
  if (!frozen) return;
  frozenNow = now;
  ObjectDefineProperty(RealDate.prototype, 'constructor', { __proto__: null, value: FrozenDate, writable: true, configurable: true });
  ObjectDefineProperty(globalThis, 'Date', { __proto__: null, value: FrozenDate, writable: false, configurable: false, enumerable: false });
  // Shared memory is how a second thread becomes a clock: with frozen clocks there is none (no
  // shared buffer exists before this point, so none can be reached later).
  delete globalThis.SharedArrayBuffer;
}

// Atomics.wait. Only one thread ever runs guest code (worker_threads cannot start workers), so
// nothing can notify a waiter: a wait on a matching value always times out. The engine's wait
// would block the thread where neither the CPU limit nor terminate() can end it; this one checks
// its arguments and the value through the engine's (with a zero timeout, so its errors and
// 'not-equal' are the engine's) and then waits on the monotonic clock in a loop that both can
// stop. The wait counts as CPU time; an endless one ends at the CPU limit.
if (typeof Atomics === 'object' && typeof Atomics.wait === 'function') {
  const engineWait = Atomics.wait;
  const NumberCtor = Number;
  const wait = {
    wait(typedArray, index, value, timeout) {
      const result = ReflectApply(engineWait, Atomics, [typedArray, index, value, 0]);
      const ms = timeout === undefined ? Infinity : NumberCtor(timeout);
      if (result !== 'timed-out' || !(ms > 0)) return result;
      const until = natives.hrtime() + ms * 1e6;
      while (natives.hrtime() < until) { /* no one can notify: wait out the timeout */ }
      return 'timed-out';
    },
  }.wait;
  errorStacks.looksNative(wait, 'wait');
  ObjectDefineProperty(Atomics, 'wait', { __proto__: null, value: wait, writable: true, enumerable: false, configurable: true });
}

// ---------------------------------------------------------------------------------------------
// The guest's process, console and timers.

// This JSC has no Symbol.dispose/asyncDispose yet; Node 22 code (and ours) expects them.
if (typeof Symbol.dispose !== 'symbol') ObjectDefineProperty(Symbol, 'dispose', { __proto__: null, value: SymbolFor('nodejs.dispose') });
if (typeof Symbol.asyncDispose !== 'symbol') ObjectDefineProperty(Symbol, 'asyncDispose', { __proto__: null, value: SymbolFor('nodejs.asyncDispose') });

// The object exists before any module loads, so modules loaded while it is being built (events,
// errors, …) hold the same `process` their functions use later.
process = {};
requireBuiltin('internal/process/object');
internal.process = process;
const loop = requireBuiltin('internal/loop');
internal.loop = loop;

function defineGlobal(name, value) {
  ObjectDefineProperty(globalThis, name, { __proto__: null, value, writable: true, configurable: true, enumerable: false });
}
function defineLazyGlobal(name, load) {
  ObjectDefineProperty(globalThis, name, {
    __proto__: null,
    configurable: true,
    enumerable: false,
    get() {
      const value = load();
      defineGlobal(name, value);
      return value;
    },
    set(value) { defineGlobal(name, value); },
  });
}

defineGlobal('global', globalThis);
defineGlobal('process', process);
defineLazyGlobal('console', () => requireBuiltin('console'));
const timers = requireBuiltin('timers');
for (const name of ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate']) {
  defineGlobal(name, timers[name]);
}
defineGlobal('queueMicrotask', loop.queueMicrotask);
defineLazyGlobal('structuredClone', () => requireBuiltin('internal/structured_clone').structuredClone);
defineLazyGlobal('performance', () => requireBuiltin('perf_hooks').performance);
for (const name of ['Buffer', 'atob', 'btoa', 'Blob', 'File']) {
  defineLazyGlobal(name, () => requireBuiltin('buffer')[name]);
}
for (const name of ['TextEncoder', 'TextDecoder']) {
  defineLazyGlobal(name, () => requireBuiltin('util')[name]);
}
for (const name of ['EventTarget', 'Event', 'CustomEvent']) {
  defineLazyGlobal(name, () => requireBuiltin('internal/event_target')[name]);
}
for (const name of ['AbortController', 'AbortSignal']) {
  defineLazyGlobal(name, () => requireBuiltin('internal/abort_controller')[name]);
}
for (const name of ['URL', 'URLSearchParams']) {
  defineLazyGlobal(name, () => requireBuiltin('url')[name]);
}
for (const name of ['fetch', 'Headers', 'Request', 'Response', 'FormData']) {
  defineLazyGlobal(name, () => requireBuiltin('internal/fetch')[name]);
}
for (const name of ['WebSocket', 'MessageEvent']) {
  defineLazyGlobal(name, () => requireBuiltin('internal/websocket')[name]);
}
defineLazyGlobal('DOMException', () => requireBuiltin('internal/dom_exception').DOMException);
defineLazyGlobal('Navigator', () => requireBuiltin('internal/navigator').Navigator);
// As in Node: an enumerable getter, no setter.
ObjectDefineProperty(globalThis, 'navigator', {
  __proto__: null, configurable: true, enumerable: true,
  get: Object.getOwnPropertyDescriptor({ get navigator() { return requireBuiltin('internal/navigator').navigator; } }, 'navigator').get,
});
for (const name of ['ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamBYOBReader',
  'ReadableStreamBYOBRequest', 'ReadableByteStreamController', 'ReadableStreamDefaultController',
  'WritableStream', 'WritableStreamDefaultWriter', 'WritableStreamDefaultController', 'TransformStream',
  'TransformStreamDefaultController', 'ByteLengthQueuingStrategy', 'CountQueuingStrategy',
  'TextEncoderStream', 'TextDecoderStream', 'CompressionStream', 'DecompressionStream']) {
  defineLazyGlobal(name, () => requireBuiltin('stream/web')[name]);
}
for (const name of ['MessageChannel', 'MessagePort', 'BroadcastChannel']) {
  defineLazyGlobal(name, () => requireBuiltin('worker_threads')[name]);
}
defineLazyGlobal('crypto', () => requireBuiltin('crypto').webcrypto);
for (const name of ['Crypto', 'CryptoKey', 'SubtleCrypto']) defineLazyGlobal(name, () => requireBuiltin('internal/crypto/webcrypto')[name]);
// The embedder's host functions (HostFunctions), installed before any guest code runs.
if (settings.hostFunctions !== undefined) requireBuiltin('internal/host_functions').install(settings.hostFunctions);
// node --expose-gc: a global gc() that collects the guest's heap now.
if (hasNodeOption('--expose-gc', '--expose_gc')) {
  defineGlobal('gc', { gc() { natives.collectGarbage(); } }.gc);
}
// JSC's own console prints nothing; ours replaces it (lazily, above). Its leftover properties
// and the engine's non-Node globals go.
for (const name of ['WebAssembly']) delete globalThis[name];

// ---------------------------------------------------------------------------------------------
// Unhandled rejections: JSC reports them after a microtask drain; the loop handles them as Node.

// JSC reports a rejection when its microtask drain ends; Node decides only after the nextTick
// queue has run too. A handler attached in between (`.then`/`.catch` from a nextTick) marks the
// report stale, so `then` notes handled promises while reports are pending.
const rejections = [];
natives.setRejectionHandler(function (promise, reason) {
  rejections.push({ promise, reason, handled: false });
  natives.noteRejection();
});

let probing = false;
function markHandled(promise) {
  if (probing) return;
  for (const entry of rejections) if (entry.promise === promise) entry.handled = true;
}
const PromiseThen = Promise.prototype.then;
ObjectDefineProperty(Promise.prototype, 'then', {
  __proto__: null,
  value: {
    then(onFulfilled, onRejected) {
      if (rejections.length > 0) markHandled(this);
      // A rejection handler sees an engine error in V8's words, as a catch clause does.
      if (typeof onRejected === 'function') {
        const handler = onRejected;
        onRejected = (reason) => handler(normalizeError(reason));
      }
      return ReflectApply(PromiseThen, this, [onFulfilled, onRejected]);
    },
  }.then,
  writable: true,
  configurable: true,
  enumerable: false,
});
// `await p` attaches its handler internally, without `then`, but reads `p.constructor` first
// (PromiseResolve): that read marks the report stale too.
const PromiseConstructor = Promise;
ObjectDefineProperty(Promise.prototype, 'constructor', {
  __proto__: null,
  get() {
    if (rejections.length > 0) markHandled(this);
    return PromiseConstructor;
  },
  set(value) {
    ObjectDefineProperty(this, 'constructor', { __proto__: null, value, writable: true, configurable: true, enumerable: true });
  },
  configurable: true,
  enumerable: false,
});

/** util.types.isPromise: PromiseResolve(C, v) returns v itself exactly for real promises. */
natives.isPromise = function isPromise(value) {
  if (value === null || typeof value !== 'object') return false;
  probing = true;
  try {
    const C = value.constructor;
    if (C !== PromiseConstructor && !(typeof C === 'function' && C.prototype instanceof PromiseConstructor)) return false;
    const result = ReflectApply(PromiseConstructor.resolve, C, [value]);
    if (result === value) return true;
    // A promise was made around a non-promise: keep its eventual rejection quiet.
    if (result !== null && typeof result === 'object') ReflectApply(PromiseThen, result, [undefined, () => {}]);
    return false;
  } catch {
    return false;
  } finally {
    probing = false;
  }
};

function processRejections() {
  while (rejections.length > 0) {
    const { promise, reason, handled } = rejections.shift();
    if (handled || reason === loop.exitSentinel) continue;
    loop.handleRejection(reason, promise);
  }
}

// ---------------------------------------------------------------------------------------------
// Hooks for the host's event loop. Each call is one JavaScript entry under the CPU budget.

const cjs = requireBuiltin('internal/modules/cjs');
let mainModule;
// What every call's entry runs, run once now (see prime in internal/modules/cjs.js).
cjs.prime();
const serialize = requireBuiltin('internal/serialize');
serialize.exportsToJSON({ exports: { primed: [1] } });

return {
  /** Per-call settings: cwd, argv, timing, frozenTimeMs, stdin, maxTimers. */
  configure(callConfig) {
    const call = JSONParse(callConfig);
    settings.stdin = call.stdin;
    settings.stdinStream = call.stdinStream === true;
    settings.maxTimers = call.maxTimers;
    internal.setProcessCall(call);
    configureClocks(call.timing, call.frozenTimeMs);
    // A forked `node` child: process.send and friends, talking to the parent.
    if (call.ipc === true) requireBuiltin('internal/ipc').setupChild();
  },
  runMain(code, filename, kind) {
    loop.runGuarded(() => {
      mainModule = cjs.runMain(code, filename, kind);
    });
  },
  runTimers(nowMs) { return loop.runTimers(nowMs); },
  runImmediates() { loop.runImmediates(); },
  hasImmediates() { return loop.hasImmediates(); },
  isAlive() { return loop.isAlive(); },
  dispatch(id, result) {
    const op = pendingOps.get(id);
    if (op === undefined) return;
    pendingOps.delete(id);
    loop.runGuarded(() => {
      let value;
      try { value = decode(result); } catch (e) { op.reject(e); return; }
      op.resolve(value);
    });
  },
  event(kind, json, bytes) { loop.runGuarded(() => loop.hostEvent(kind, json, bytes)); },
  processRejections() { loop.runGuarded(processRejections); },
  beforeExit() { return loop.beforeExit(); },
  finish() { return loop.finish(); },
  exportsJSON() {
    return serialize.exportsToJSON(mainModule);
  },
};
