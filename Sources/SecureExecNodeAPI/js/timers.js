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
  refresh() {
    if (this._active) {
      loop.unscheduleTimer(this);
      loop.scheduleTimer(this, true);
    }
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
    loop.unscheduleTimer(timer);
  }
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
module.exports = {
  setTimeout,
  clearTimeout,
  setInterval,
  clearInterval: clearTimeout,
  setImmediate,
  clearImmediate,
  get promises() { return promises ??= require('timers/promises'); },
  // Deprecated internals some packages still touch.
  active(timer) { if (timer instanceof Timeout) timer.refresh(); },
  unenroll(timer) { clearTimeout(timer); },
};
