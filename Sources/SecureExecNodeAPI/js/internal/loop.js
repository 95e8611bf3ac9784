'use strict';
// The guest half of the event loop: the nextTick queue, timers, immediates, uncaught errors and
// exit. The host drives the phases (timers → host I/O → immediates) and waits in between; every
// phase here ends with Node's tick processing: all nextTicks, then all microtasks, repeated.

const { natives, settings } = internal;
const ReflectApply = Reflect.apply;

const domainHooks = require('internal/domain_hooks');
/** Thrown by process.exit() to unwind guest code; never reported. */
const exitSentinel = Object.freeze({ __proto__: null, exit: true });

// ---------------------------------------------------------------------------------------------
// nextTick and microtasks

const tickQueue = [];
let tickHead = 0;

function nextTick(callback, ...args) {
  if (typeof callback !== 'function') {
    const { codes } = require('internal/errors');
    throw new codes.ERR_INVALID_ARG_TYPE('callback', 'Function', callback);
  }
  if (process._exiting) return;
  tickQueue.push({ callback, args });
}

/** Node's processTicksAndRejections: drain nextTicks, then microtasks, until both are empty. */
function processTicks() {
  do {
    while (tickHead < tickQueue.length) {
      const tick = tickQueue[tickHead];
      // Run ticks are let go: a tick that queues the next one (a nextTick loop) must not keep
      // every earlier one alive until the queue empties.
      tickQueue[tickHead++] = undefined;
      if (tickHead === 4096) {
        tickQueue.splice(0, tickHead);
        tickHead = 0;
      }
      try {
        const { callback, args } = tick;
        if (args.length === 0) callback(); else ReflectApply(callback, undefined, args);
      } catch (err) {
        handleUncaught(err);
      }
    }
    tickQueue.length = 0;
    tickHead = 0;
    natives.drain();
  } while (tickQueue.length > 0);
}

function queueMicrotask(callback) {
  if (typeof callback !== 'function') {
    const { codes } = require('internal/errors');
    throw new codes.ERR_INVALID_ARG_TYPE('callback', 'Function', callback);
  }
  Promise.resolve().then(() => {
    try { callback(); } catch (err) { handleUncaught(err); }
  });
}

/** Runs `fn` as one macrotask: errors are uncaught exceptions, then ticks and microtasks run. */
function runGuarded(fn) {
  try {
    fn();
  } catch (err) {
    if (err === exitSentinel) return;
    handleUncaught(err);
  }
  try {
    processTicks();
  } catch (err) {
    if (err !== exitSentinel) throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// Uncaught exceptions and unhandled rejections

function errorHeader(err) {
  try {
    if (err !== null && (typeof err === 'object' || typeof err === 'function') && err instanceof Error) {
      return String(err);
    }
    if (typeof err === 'string') return err;
    return require('internal/util/inspect').inspect(err);
  } catch {
    return 'Uncaught exception';
  }
}

/** Prints an uncaught error as Node does and ends the call with `code`. */
function fatal(err, code, header) {
  if (err === exitSentinel) return;
  let text;
  try {
    if (err === null || (typeof err !== 'object' && typeof err !== 'function')) {
      // Primitives print as themselves, with Node's hint.
      const shown = typeof err === 'string' ? err : require('internal/util/inspect').inspect(err);
      text = `${shown}\n(Use \`node --trace-uncaught ...\` to show where the exception was thrown)\n`;
    } else {
      // Node's "arrow": where it was thrown, the source line and a caret.
      const arrow = internal.errorStacks.sourceArrow(err);
      // A syntax error prints its stack as Node's does (Node's own frames are its loader's).
      const stack = internal.errorStacks.hasSyntaxLocation(err) ? err.stack : undefined;
      text = `${arrow ?? ''}${typeof stack === 'string' ? stack : require('internal/util/inspect').inspect(err)}\n`;
    }
    text += `\nNode.js ${process.version}\n`;
  } catch {
    text = `${errorHeader(err)}\n`;
  }
  internal.write(2, text);
  process.exitCode = code;
  emitExit(code);
  natives.exit(process.exitCode ?? code, header ?? errorHeader(err));
  throw exitSentinel;
}

const abortOnUncaught = internal.hasNodeOption('--abort-on-uncaught-exception');

function handleUncaught(err) {
  if (err === exitSentinel) throw err;
  internal.errorStacks.normalize(err);
  if (domainHooks.handleUncaught !== null) {
    try {
      if (domainHooks.handleUncaught(err)) return;
    } catch (err2) {
      // A domain's error handler threw and no outer domain took it: that error is uncaught.
      if (err2 === exitSentinel) throw err2;
      err = err2;
    }
  }
  if (domainHooks.capture !== null) {
    const capture = domainHooks.capture;
    try {
      capture(err);
      return;
    } catch (err2) {
      if (err2 === exitSentinel) throw err2;
      fatal(err2, 7);
    }
  }
  if (abortOnUncaught) {
    // node --abort-on-uncaught-exception: no 'uncaughtException' listener runs; the process
    // reports the error and aborts (exit status 134, as a shell shows SIGABRT), without 'exit'.
    let text;
    try { text = `Uncaught ${require('internal/util/inspect').inspect(err)}\n`; } catch { text = `Uncaught ${errorHeader(err)}\n`; }
    internal.write(2, text);
    natives.exit(134, errorHeader(err));
    throw exitSentinel;
  }
  if (internal.processHasListeners('uncaughtException')) {
    try {
      process.emit('uncaughtException', err, 'uncaughtException');
      return;
    } catch (err2) {
      if (err2 === exitSentinel) throw err2;
      fatal(err2, 7);
    }
  }
  if (internal.processHasListeners('uncaughtExceptionMonitor')) process.emit('uncaughtExceptionMonitor', err, 'uncaughtException');
  fatal(err, 1);
}

function handleRejection(reason, promise) {
  internal.errorStacks.normalize(reason);
  if (internal.processHasListeners('unhandledRejection')) {
    process.emit('unhandledRejection', reason, promise);
    return;
  }
  if (reason instanceof Error) {
    handleUncaughtFromPromise(reason);
    return;
  }
  const { inspect } = require('internal/util/inspect');
  const err = new Error('This error originated either by throwing inside of an async function ' +
    'without a catch block, or by rejecting a promise which was not handled with .catch(). ' +
    `The promise rejected with the reason "${inspect(reason)}".`);
  err.name = 'UnhandledPromiseRejection';
  err.code = 'ERR_UNHANDLED_REJECTION';
  handleUncaughtFromPromise(err);
}

function handleUncaughtFromPromise(err) {
  if (internal.processHasListeners('uncaughtException')) {
    try {
      process.emit('uncaughtException', err, 'unhandledRejection');
      return;
    } catch (err2) {
      if (err2 === exitSentinel) throw err2;
      fatal(err2, 7);
    }
  }
  if (internal.processHasListeners('uncaughtExceptionMonitor')) process.emit('uncaughtExceptionMonitor', err, 'unhandledRejection');
  fatal(err, 1);
}

// ---------------------------------------------------------------------------------------------
// Exit

function emitExit(code) {
  if (process._exiting) return;
  process._exiting = true;
  if (process.exitCode === undefined) process.exitCode = code;
  try {
    if (internal.processHasListeners('exit')) process.emit('exit', process.exitCode ?? 0);
  } catch (err) {
    if (err === exitSentinel) throw err;
    // An error thrown by an 'exit' listener is itself uncaught.
    internal.write(2, `${errorHeader(err)}\n`);
    process.exitCode = 7;
  }
}

function exit(code) {
  if (code !== undefined && code !== null) process.exitCode = code;
  emitExit(process.exitCode ?? 0);
  natives.exit(exitCodeNumber(), undefined);
  throw exitSentinel;
}

function exitCodeNumber() {
  const code = process.exitCode;
  if (code === undefined || code === null) return 0;
  const n = Number(code);
  return Number.isInteger(n) ? (n | 0) : 0;
}

function beforeExit() {
  const before = activeCount();
  if (internal.processHasListeners('beforeExit')) runGuarded(() => process.emit('beforeExit', exitCodeNumber()));
  return activeCount() > before || activeCount() > 0 ? 1 : 0;
}

function finish() {
  if (mainPending !== undefined) {
    // The entry's top-level await never settled: Node exits with 13.
    internal.write(2, 'Warning: Detected unsettled top-level await\n');
    if (process.exitCode === undefined) process.exitCode = 13;
  }
  runGuarded(() => emitExit(exitCodeNumber()));
  return exitCodeNumber();
}

let mainPending;
/** The entry's top-level-await promise, while it is unsettled. */
function trackMain(promise) {
  const token = {};
  mainPending = token;
  promise.then(() => { if (mainPending === token) mainPending = undefined; },
    (err) => { if (mainPending === token) mainPending = undefined; handleUncaught(err); });
}

// ---------------------------------------------------------------------------------------------
// Timers: a binary heap ordered by (due time, creation order). Times are the loop's clock in ms.

let loopNow = 0;
let timerSeq = 0;
const heap = [];
let refedTimers = 0;
let activeTimers = 0;

function heapLess(a, b) { return a.due < b.due || (a.due === b.due && a.seq < b.seq); }
function heapPush(t) {
  heap.push(t);
  let i = heap.length - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!heapLess(heap[i], heap[p])) break;
    [heap[i], heap[p]] = [heap[p], heap[i]];
    i = p;
  }
}
function heapPop() {
  const top = heap[0];
  const last = heap.pop();
  if (heap.length > 0) {
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < heap.length && heapLess(heap[l], heap[m])) m = l;
      if (r < heap.length && heapLess(heap[r], heap[m])) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  }
  return top;
}

function budgetExceeded(what) {
  const err = new Error(`ERR_RESOURCE_BUDGET_EXCEEDED: maximum number of ${what} exceeded`);
  err.code = 'ERR_RESOURCE_BUDGET_EXCEEDED';
  return err;
}

/** Schedules `timer` (a Timeout) `timer._idleTimeout` ms from the loop's now. */
function scheduleTimer(timer, isNew) {
  if (isNew) {
    if (activeTimers >= settings.maxTimers) throw budgetExceeded('timers');
    activeTimers++;
    if (timer._ref) refedTimers++;
  }
  timer._active = true;
  timer._idleStart = Math.trunc(loopNow);
  // Whole milliseconds, as Node's timer lists (1.1 and 1.8 ms run with 1 ms, in creation order).
  timer._due = loopNow + Math.trunc(timer._idleTimeout);
  timer._entry = { due: timer._due, seq: timerSeq++, timer };
  heapPush(timer._entry);
}

function unscheduleTimer(timer) {
  if (!timer._active) return;
  timer._active = false;
  timer._entry.timer = null; // lazily dropped from the heap
  activeTimers--;
  if (timer._ref) refedTimers--;
}

function setTimerRef(timer, ref) {
  if (timer._ref === ref) return;
  timer._ref = ref;
  if (timer._active) refedTimers += ref ? 1 : -1;
}

/** Timers phase: runs every due timer; returns ms until the next ref'd one, or -1 for none. */
function runTimers(nowMs) {
  loopNow = nowMs;
  while (heap.length > 0) {
    const entry = heap[0];
    if (entry.timer === null) { heapPop(); continue; }
    if (entry.due > loopNow) break;
    heapPop();
    const timer = entry.timer;
    if (!timer._onTimeout) {
      // A timer whose callback was taken away ends without running (as Node's listOnTimeout).
      unscheduleTimer(timer);
      timer._destroyed = true;
      continue;
    }
    // As in Node, a timer stays active (and counted) while its callback runs.
    runGuarded(() => {
      const { _onTimeout: callback, _timerArgs: args } = timer;
      ReflectApply(callback, timer, args === undefined ? [] : args);
    });
    // Unless the callback cleared or refreshed it: an interval reschedules from the time its
    // callback ran (Node: start + repeat), anything else ends.
    if (timer._active && timer._entry === entry) {
      const repeat = timer._repeat;
      if (repeat !== null && repeat !== undefined && timer._idleTimeout !== -1) {
        timer._idleTimeout = repeat;
        timer._due = loopNow + Math.trunc(repeat);
        timer._entry = { due: timer._due, seq: timerSeq++, timer };
        heapPush(timer._entry);
      } else {
        unscheduleTimer(timer);
        timer._destroyed = true;
      }
    }
  }
  while (heap.length > 0 && heap[0].timer === null) heapPop();
  // Tell the host how long it may wait and whether anything keeps the loop alive:
  //   ≥ 0: alive, next timer in that many ms;  Infinity: alive, no timer;
  //   -1: nothing alive, no timer;  ≤ -2: nothing alive, an unref'd timer in (-r - 2) ms
  //   (it still fires if the host waits for something else, such as a pending host call).
  const alive = activeCount() > 0;
  if (heap.length === 0) return alive ? Infinity : -1;
  const delay = Math.max(0, heap[0].due - loopNow);
  return alive ? delay : -delay - 2;
}

// ---------------------------------------------------------------------------------------------
// Immediates: run in insertion order; ones added while running wait for the next check phase.

let immediates = [];
let refedImmediates = 0;

function addImmediate(immediate) {
  if (immediates.length >= settings.maxTimers) throw budgetExceeded('immediates');
  immediates.push(immediate);
  if (immediate._ref) refedImmediates++;
}

function clearImmediateEntry(immediate) {
  if (immediate._destroyed) return;
  immediate._destroyed = true;
  if (immediate._ref) refedImmediates--;
}

function setImmediateRef(immediate, ref) {
  if (immediate._ref === ref || immediate._destroyed) { immediate._ref = ref; return; }
  immediate._ref = ref;
  refedImmediates += ref ? 1 : -1;
}

/** Whether the check phase has work (the poll phase must not block then). */
/** Whether a ref'd immediate is queued: the loop then stays alive and the poll phase does not
 *  block. Unref'd immediates still run in each check phase, but only while something else keeps
 *  the loop alive (libuv's unref'd check handle). */
function hasImmediates() {
  return refedImmediates > 0 ? 1 : 0;
}

/** Check phase: runs the immediates queued before it started. */
function runImmediates() {
  closingHandles = 0;
  const batch = immediates;
  immediates = [];
  for (const immediate of batch) {
    if (immediate._destroyed) continue;
    clearImmediateEntry(immediate);
    runGuarded(() => {
      const { _onImmediate: callback, _argv: args } = immediate;
      ReflectApply(callback, immediate, args === undefined ? [] : args);
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Handles other than timers (servers, sockets, children) register here so the loop stays alive.

let refedHandles = 0;
function refHandle() { refedHandles++; }
function unrefHandle() { refedHandles--; }
// Handles being closed keep the loop alive until the next check phase is over, ref'd or not, as
// libuv's closing handles do (their close callbacks run then): a 'beforeExit' listener sees the
// loop turn once more after a server closes.
let closingHandles = 0;
function closingHandle() { closingHandles++; }

function activeCount() { return refedTimers + refedImmediates + refedHandles + closingHandles; }
/** process.getActiveResourcesInfo's timers and immediates (ref'd ones, as Node counts them). */
function activeResources() {
  const list = [];
  for (let i = 0; i < refedTimers; i++) list.push('Timeout');
  for (let i = 0; i < refedImmediates; i++) list.push('Immediate');
  return list;
}
/** Whether anything ref'd keeps the loop alive (1) or not (0). */
/** 1 while something keeps the loop alive; else 2 when no 'beforeExit' listener can exist
 *  (`process` never became an emitter: the host skips that entry), 0 otherwise. */
function isAlive() {
  if (activeCount() > 0) return 1;
  return internal.processIsEmitter() ? 0 : 2;
}

const eventListeners = new Map();
/** Host-initiated events by kind (stream data, server requests, …). */
function onHostEvent(kind, listener) { eventListeners.set(kind, listener); }
function hostEvent(kind, json, bytes) {
  const listener = eventListeners.get(kind);
  if (listener !== undefined) listener(json.length === 0 ? undefined : JSON.parse(json), bytes);
}

module.exports = {
  exitSentinel,
  nextTick,
  queueMicrotask,
  processTicks,
  runGuarded,
  handleUncaught,
  handleRejection,
  exit,
  beforeExit,
  finish,
  trackMain,
  scheduleTimer,
  unscheduleTimer,
  setTimerRef,
  runTimers,
  addImmediate,
  clearImmediateEntry,
  setImmediateRef,
  runImmediates,
  hasImmediates,
  isAlive,
  activeResources,
  refHandle,
  unrefHandle,
  closingHandle,
  onHostEvent,
  hostEvent,
  get now() { return loopNow; },
};
