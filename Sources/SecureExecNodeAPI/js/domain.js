'use strict';
// The `domain` module (deprecated in Node, still used by older code): errors thrown in callbacks
// scheduled inside a domain, and 'error' events of emitters bound to it, reach the domain's
// 'error' listeners instead of crashing the process.
//
// How the active domain follows asynchronous work: it is the store of a private
// AsyncLocalStorage, so it is whatever async_hooks carries to timers, immediates, nextTick,
// microtasks and promise callbacks (see async_hooks.js for what the engine does not let us carry,
// e.g. the code after an `await`). `process.domain` and `domain.active` read it. An error thrown
// by such a callback is noted with its domain before the callback's context is left
// (internal/domain_hooks), and the uncaught-exception path asks the domain first.

const EventEmitter = require('events');
const { AsyncLocalStorage } = require('async_hooks');
const domainHooks = require('internal/domain_hooks');
const { codes: { ERR_UNHANDLED_ERROR, ERR_DOMAIN_CALLBACK_NOT_AVAILABLE } } = require('internal/errors');

// As Node: the domain module and process.setUncaughtExceptionCaptureCallback exclude each other.
if (domainHooks.capture !== null) throw new ERR_DOMAIN_CALLBACK_NOT_AVAILABLE();
domainHooks.loadedAt = (() => {
  const holder = {};
  Error.captureStackTrace(holder);
  return holder.stack.split('\n').slice(1).join('\n');
})();

const storage = new AsyncLocalStorage();
// Domains entered and not exited, innermost last (Node's `domain._stack`).
const stack = [];
// The domain each thrown object (or the last thrown primitive) was thrown in.
const thrownIn = new WeakMap();
let lastPrimitiveDomain;

let everEntered = false;

/** The active domain: null at first and after an error was handled, undefined after an exit. */
function current() {
  const domain = storage.getStore();
  return domain === undefined && !everEntered ? null : domain;
}

function setActive(domain) {
  if (domain) everEntered = true;
  storage.enterWith(domain);
}

function hidden(object, name, value) {
  Object.defineProperty(object, name, { __proto__: null, value, writable: true, configurable: true, enumerable: false });
}

class Domain extends EventEmitter {
  constructor() {
    super();
    this.members = [];
  }

  enter() {
    stack.push(this);
    setActive(this);
  }

  exit() {
    // Exits this domain and every domain entered after it.
    const index = stack.lastIndexOf(this);
    if (index === -1) {
      // Active through the context a callback inherited, not entered here.
      if (current() === this) setActive(stack.length > 0 ? stack[stack.length - 1] : undefined);
      return;
    }
    stack.splice(index);
    setActive(stack.length > 0 ? stack[stack.length - 1] : undefined);
  }

  run(fn, ...args) {
    // No `finally`: a throw leaves the domain active, so the uncaught path finds it (as in Node).
    this.enter();
    const result = Reflect.apply(fn, this, args);
    this.exit();
    return result;
  }

  add(emitter) {
    if (emitter.domain === this) return;
    if (emitter.domain) emitter.domain.remove(emitter);
    // A domain added to another: the parent must not be a descendant of it.
    if (this.domain && emitter instanceof Domain) {
      for (let d = this.domain; d; d = d.domain) if (d === emitter) return;
    }
    hidden(emitter, 'domain', this);
    this.members.push(emitter);
  }

  remove(emitter) {
    emitter.domain = null;
    const index = this.members.indexOf(emitter);
    if (index !== -1) this.members.splice(index, 1);
  }

  bind(callback) {
    const domain = this;
    function runBound(...args) {
      return domain.run(() => Reflect.apply(callback, this, args));
    }
    hidden(runBound, 'domain', this);
    return runBound;
  }

  intercept(callback) {
    const domain = this;
    function runIntercepted(err, ...args) {
      if (err) {
        if (typeof err === 'object' || typeof err === 'function') {
          err.domainBound = callback;
          err.domainThrown = false;
          hidden(err, 'domain', domain);
        }
        domain.emit('error', err);
        return undefined;
      }
      return domain.run(() => Reflect.apply(callback, this, args));
    }
    hidden(runIntercepted, 'domain', this);
    return runIntercepted;
  }

  /** Handles an error thrown while this domain was active: true when a listener took it. */
  _errorHandler(err) {
    if ((typeof err === 'object' && err !== null) || typeof err === 'function') {
      hidden(err, 'domain', this);
      err.domainThrown = true;
    }
    // The handler does not run inside the domain it handles (nor inside domains entered in it).
    if (stack.includes(this)) this.exit();
    while (current() === this) this.exit();
    if (current() === this || EventEmitter.listenerCount(this, 'error') === 0) {
      stack.length = 0;
      setActive(null);
      return false;
    }
    let caught;
    try {
      caught = this.emit('error', err);
    } catch (err2) {
      // The handler threw: an outer domain may take that error, else it is uncaught.
      const outer = stack.length > 0 ? stack[stack.length - 1] : null;
      if (outer !== null) {
        setActive(outer);
        return outer._errorHandler(err2);
      }
      stack.length = 0;
      setActive(null);
      throw err2;
    }
    stack.length = 0;
    setActive(null);
    return caught;
  }
}

function create() {
  return new Domain();
}

// ---------------------------------------------------------------------------------------------
// Runtime hooks

domainHooks.observeThrow = (err) => {
  const domain = current();
  if (!domain) return;
  if ((typeof err === 'object' && err !== null) || typeof err === 'function') thrownIn.set(err, domain);
  else lastPrimitiveDomain = domain;
};

domainHooks.handleUncaught = (err) => {
  let domain = (typeof err === 'object' && err !== null) || typeof err === 'function' ? thrownIn.get(err) : lastPrimitiveDomain;
  lastPrimitiveDomain = undefined;
  domain ??= current();
  if (!domain) return false;
  return domain._errorHandler(err);
};

Object.defineProperty(process, 'domain', {
  __proto__: null,
  get: current,
  set(value) { setActive(value); },
  enumerable: true,
  configurable: true,
});

// Emitters created while a domain is active belong to it; their 'error' events without a
// listener go to the domain, and their listeners run inside it.
EventEmitter.usingDomains = true;
const eeInit = EventEmitter.init;
EventEmitter.init = function init(opts) {
  hidden(this, 'domain', null);
  const active = current();
  if (active && !(this instanceof Domain)) this.domain = active;
  return Reflect.apply(eeInit, this, [opts]);
};

const eeEmit = EventEmitter.prototype.emit;
EventEmitter.prototype.emit = function emit(...args) {
  const domain = this.domain;
  const type = args[0];
  if (domain === null || domain === undefined || this === process ||
      (type === 'error' && EventEmitter.listenerCount(this, 'error') > 0)) {
    return Reflect.apply(eeEmit, this, args);
  }
  if (type === 'error') {
    const err = args.length > 1 && args[1] ? args[1] : new ERR_UNHANDLED_ERROR();
    if (typeof err === 'object') {
      err.domainEmitter = this;
      hidden(err, 'domain', domain);
      err.domainThrown = false;
    }
    // The domain's handler runs outside the domain.
    while (current() === domain) domain.exit();
    domain.emit('error', err);
    return false;
  }
  domain.enter();
  const result = Reflect.apply(eeEmit, this, args);
  domain.exit();
  return result;
};

module.exports = {
  _stack: stack,
  Domain,
  createDomain: create,
  create,
  get active() { return current(); },
  set active(value) { setActive(value); },
};
