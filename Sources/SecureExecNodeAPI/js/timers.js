'use strict';
// setTimeout/setInterval/setImmediate and their clears, with Node's Timeout and Immediate objects.
// Scheduling lives in internal/loop; the host wakes the loop when the next timer is due.

const loop = internal.loop;
const TIMEOUT_MAX = 2 ** 31 - 1;

function validateCallback(callback) {
  if (typeof callback !== 'function') {
    const { codes } = require('internal/errors');
    throw new codes.ERR_INVALID_ARG_TYPE('callback', 'Function', callback);
  }
}

function normalizeDelay(after) {
  after *= 1;
  if (!(after >= 1 && after <= TIMEOUT_MAX)) {
    if (after > TIMEOUT_MAX) {
      process.emitWarning(`${after} does not fit into a 32-bit signed integer.\nTimeout duration was set to 1.`, 'TimeoutOverflowWarning');
    }
    after = 1;
  }
  return after;
}

let nextId = 1;
const kId = Symbol('timerId');

class Timeout {
  constructor(callback, after, args, isRepeat) {
    after = normalizeDelay(after);
    this._idleTimeout = after;
    this._onTimeout = callback;
    this._timerArgs = args;
    this._repeat = isRepeat ? after : null;
    this._destroyed = false;
    this._ref = true;
    this._active = false;
    this[kId] = nextId++;
  }
  ref() { loop.setTimerRef(this, true); return this; }
  unref() { loop.setTimerRef(this, false); return this; }
  hasRef() { return this._ref; }
  /** Re-arms the timer from now, even after it fired (as Node); not once cleared. */
  refresh() {
    if (!(this._idleTimeout >= 0)) return this;
    if (this._active) loop.unscheduleTimer(this);
    this._destroyed = false;
    loop.scheduleTimer(this, true);
    return this;
  }
  close() { clearTimeout(this); return this; }
  [Symbol.toPrimitive]() {
    // A timer used as a number can later be cleared by that number.
    byId.set(this[kId], this);
    return this[kId];
  }
  [Symbol.dispose]() { clearTimeout(this); }
}

// Timers returned as primitives (`+timeout`) can be cleared by their id.
const byId = new Map();

function setTimeout(callback, after, ...args) {
  validateCallback(callback);
  const timer = new Timeout(callback, after, args.length ? args : undefined, false);
  loop.scheduleTimer(timer, true);
  return timer;
}

function setInterval(callback, repeat, ...args) {
  validateCallback(callback);
  const timer = new Timeout(callback, repeat, args.length ? args : undefined, true);
  loop.scheduleTimer(timer, true);
  return timer;
}

function clearTimeout(timer) {
  if (timer === null || timer === undefined) return;
  if (typeof timer === 'number' || typeof timer === 'string') {
    timer = byId.get(Number(timer));
    if (timer === undefined) return;
  }
  if (timer instanceof Timeout) {
    byId.delete(timer[kId]);
    timer._destroyed = true;
    timer._repeat = null;
    // As Node's unenroll: a later refresh() or active() does not start it again.
    timer._idleTimeout = -1;
    loop.unscheduleTimer(timer);
  } else if (typeof timer === 'object' && timer._onTimeout) {
    // An object enrolled with timers.enroll (Node clears its callback too).
    timer._onTimeout = null;
    unenrollItem(timer);
  }
}

// The deprecated list API (timers.enroll/unenroll/active/_unrefActive) on any object with an
// `_onTimeout` method: each enrolled object is scheduled through a record of its own.
const enrolled = new WeakMap(); // object → its timer record

function unenrollItem(item) {
  const record = enrolled.get(item);
  if (record !== undefined) loop.unscheduleTimer(record);
  if (item._destroyed) return;
  item._destroyed = true;
  item._idleNext = null;
  item._idlePrev = null;
  item._idleTimeout = -1;
}

function enroll(item, msecs) {
  internal.warnOnce('DEP0095', 'timers.enroll() is deprecated. Please use setTimeout instead.', 'DeprecationWarning', 'DEP0095');
  msecs = require('internal/validators').getTimerDuration(msecs, 'msecs');
  if (item._idleNext) unenrollItem(item);
  item._idleNext = item;
  item._idlePrev = item;
  item._idleTimeout = msecs;
}

/** Starts (or restarts) an enrolled object's timer, ref'd or not. */
function activate(item, ref) {
  if (item instanceof Timeout) {
    if (item._ref !== ref) ref ? item.ref() : item.unref();
    item.refresh();
    return;
  }
  const msecs = item._idleTimeout;
  if (msecs === undefined || msecs < 0) return;
  let record = enrolled.get(item);
  if (record === undefined) {
    record = {
      _idleTimeout: msecs, _timerArgs: undefined, _repeat: null, _ref: ref, _active: false, _destroyed: false,
      _onTimeout() {
        // Taken off its list before the callback (as Node): the callback may enroll it again.
        item._idleNext = null;
        item._idlePrev = null;
        if (!item._onTimeout) { item._destroyed = true; return; }
        item._onTimeout();
      },
    };
    enrolled.set(item, record);
  }
  if (record._active) loop.unscheduleTimer(record);
  record._ref = ref;
  record._idleTimeout = msecs;
  item._idleStart = Math.trunc(loop.now);
  if (!item._idleNext) item._idleNext = item;
  if (!item._idlePrev) item._idlePrev = item;
  item._destroyed = false;
  loop.scheduleTimer(record, true);
}

class Immediate {
  constructor(callback, args) {
    this._onImmediate = callback;
    this._argv = args;
    this._destroyed = false;
    this._ref = true;
  }
  ref() { loop.setImmediateRef(this, true); return this; }
  unref() { loop.setImmediateRef(this, false); return this; }
  hasRef() { return this._ref; }
  [Symbol.dispose]() { clearImmediate(this); }
}

function setImmediate(callback, ...args) {
  validateCallback(callback);
  const immediate = new Immediate(callback, args.length ? args : undefined);
  loop.addImmediate(immediate);
  return immediate;
}

function clearImmediate(immediate) {
  if (immediate instanceof Immediate) loop.clearImmediateEntry(immediate);
}

let promises;
// util.promisify(setTimeout) and (setImmediate) are the timers/promises functions, as in Node.
for (const fn of [setTimeout, setImmediate]) {
  Object.defineProperty(fn, Symbol.for('nodejs.util.promisify.custom'), {
    __proto__: null,
    enumerable: true,
    get() { return (promises ??= require('timers/promises'))[fn.name]; },
  });
}

module.exports = {
  setTimeout,
  clearTimeout,
  setInterval,
  clearInterval: clearTimeout,
  setImmediate,
  clearImmediate,
  get promises() { return promises ??= require('timers/promises'); },
  // The deprecated list API some packages still use.
  enroll,
  unenroll(item) {
    internal.warnOnce('DEP0096', 'timers.unenroll() is deprecated. Please use clearTimeout instead.', 'DeprecationWarning', 'DEP0096');
    clearTimeout(item);
  },
  active(item) {
    internal.warnOnce('DEP0126', 'timers.active() is deprecated. Please use timeout.refresh() instead.', 'DeprecationWarning', 'DEP0126');
    activate(item, true);
  },
  _unrefActive(item) {
    internal.warnOnce('DEP0127', 'timers._unrefActive() is deprecated. Please use timeout.refresh() instead.', 'DeprecationWarning', 'DEP0127');
    activate(item, false);
  },
};
