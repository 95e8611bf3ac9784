'use strict';
// Stand-ins for internal/errors used by the modules every call loads (events, validators, path):
// each forwards to the real error class or helper on first use, so a call that throws no Node
// error never evaluates the large error table (every call bootstraps a fresh context).

let errors;
function load() {
  errors ??= require('internal/errors');
  return errors;
}

/** `codes.ERR_X` as a constructor that builds the real ERR_X error. */
const codes = new Proxy({ __proto__: null }, {
  __proto__: null,
  get(target, name) {
    if (typeof name !== 'string') return undefined;
    let forward = target[name];
    if (forward === undefined) {
      forward = function (...args) { return Reflect.construct(load().codes[name], args); };
      Object.defineProperty(forward, 'name', { __proto__: null, value: name });
      target[name] = forward;
    }
    return forward;
  },
});

/** Node marks helpers whose frames it hides from stacks; our stacks hide internals anyway. */
function hideStackFrames(fn) {
  function wrappedFn(...args) {
    return Reflect.apply(fn, this, args);
  }
  wrappedFn.withoutStackTrace = fn;
  return wrappedFn;
}

module.exports = {
  codes,
  hideStackFrames,
  kEnhanceStackBeforeInspector: Symbol('kEnhanceStackBeforeInspector'),
  AbortError: function AbortError(...args) { return Reflect.construct(load().AbortError, args); },
  genericNodeError(...args) { return load().genericNodeError(...args); },
  lazyInspect(...args) { return load().lazyInspect(...args); },
};
