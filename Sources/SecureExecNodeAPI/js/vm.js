'use strict';
// The `vm` module on JavaScriptCore:
//   - runInThisContext(code) / Script#runInThisContext(): indirect eval in the guest's global
//     scope (var declarations become globals, as in Node); options such as filename,
//     lineOffset, timeout and breakOnSigint are accepted and ignored (the sandbox's own CPU
//     budget applies instead of `timeout`).
//   - createContext(object) makes a second realm in the same engine (natives.contextCreate): a
//     fresh set of builtins whose global variables are `object`'s properties (reads, writes,
//     deletes and enumeration of global names go to the object, as with V8's interceptors).
//     runInContext / runInNewContext / Script#runInContext evaluate code there; compileFunction
//     accepts a `parsingContext`. The realm has nothing but the ECMAScript builtins (no
//     require, process, console output or timers, as in Node) and shares the call's CPU and
//     memory limits; at most 1024 contexts per call. vm.constants.DONT_CONTEXTIFY gives the
//     realm's own global object.
//   - new Script(code): syntax is checked up front by compiling the code as a function body
//     (never run), so most SyntaxErrors surface at construction like Node; top-level `return`
//     is only rejected when the script runs.
//   - compileFunction(code, params): the Function constructor, in this context or another.
//   - createCachedData() returns an empty Buffer; supplied cachedData is always rejected.
//   - Not supported: vm.Module / SourceTextModule, `timeout`, `microtaskMode`, `breakOnSigint`.

const {
  codes: { ERR_INVALID_ARG_TYPE },
} = require('internal/errors');
const { natives } = internal;
const {
  validateArray,
  validateObject,
  validateString,
  validateBoolean,
  kValidateObjectAllowArray,
} = require('internal/validators');

function notSupported(name) {
  const err = new Error(`vm.${name} is not supported in sandbox`);
  err.code = 'ERR_NOT_SUPPORTED_IN_SANDBOX';
  return err;
}

// Contextified objects (and DONT_CONTEXTIFY globals) -> the realm's global object.
const contexts = new WeakMap();

function contextGlobal(value, name) {
  const global = (value !== null && (typeof value === 'object' || typeof value === 'function')) ? contexts.get(value) : undefined;
  if (global === undefined) throw new ERR_INVALID_ARG_TYPE(name, 'vm.Context', value);
  return global;
}

/** A new realm for `sandbox`; its global object. */
function newRealm(sandbox) {
  try {
    return natives.contextCreate(sandbox);
  } catch (err) {
    if (typeof err?.message === 'string' && err.message.startsWith('ERR_RESOURCE_BUDGET_EXCEEDED')) err.code = 'ERR_RESOURCE_BUDGET_EXCEEDED';
    throw err;
  }
}

function evaluateIn(global, code, options) {
  const filename = options.filename === undefined ? 'evalmachine.<anonymous>' : `${options.filename}`;
  const line = 1 + (Number.isInteger(options.lineOffset) ? options.lineOffset : 0);
  return natives.contextEvaluate(global, code, filename, line);
}

// Indirect eval: global scope, not this module's.
const globalEval = eval;

function runCode(code) {
  return globalEval(code);
}

function getOptions(options) {
  if (typeof options === 'string') return { filename: options };
  if (options === undefined || options === null) return {};
  validateObject(options, 'options');
  return options;
}

class Script {
  #code;
  #options;

  constructor(code, options = {}) {
    code = `${code}`;
    options = getOptions(options);
    if (options.cachedData !== undefined && !ArrayBuffer.isView(options.cachedData)) {
      throw new ERR_INVALID_ARG_TYPE('options.cachedData', ['Buffer', 'TypedArray', 'DataView'], options.cachedData);
    }
    if (options.produceCachedData !== undefined) validateBoolean(options.produceCachedData, 'options.produceCachedData');
    // Parse without running: a function body accepts the same statements as a script (except
    // top-level return), and the Function constructor cannot be escaped by unbalanced braces.
    // eslint-disable-next-line no-new-func
    new Function(code);
    this.#code = code;
    this.#options = { filename: options.filename, lineOffset: options.lineOffset };
    // Magic comments, as V8 reports them.
    this.sourceURL = lastMagicComment(code, 'sourceURL');
    this.sourceMapURL = lastMagicComment(code, 'sourceMappingURL');
    if (options.cachedData !== undefined) this.cachedDataRejected = true;
    if (options.produceCachedData) {
      this.cachedDataProduced = false;
    }
  }

  runInThisContext(options) {
    if (options !== undefined) getOptions(options);
    return runCode(this.#code);
  }

  runInContext(contextifiedObject, options) {
    const global = contextGlobal(contextifiedObject, 'contextifiedObject');
    return evaluateIn(global, this.#code, { ...this.#options, ...getOptions(options) });
  }

  runInNewContext(contextObject, options) {
    const context = createContext(contextObject, getContextOptions(options));
    return this.runInContext(context, options);
  }

  createCachedData() {
    return require('buffer').Buffer.alloc(0);
  }
}

function lastMagicComment(code, name) {
  const re = new RegExp(`//[#@][ \\t]+${name}=[ \\t]*(\\S*)`, 'g');
  let last;
  for (const match of code.matchAll(re)) last = match[1];
  return last;
}

function createScript(code, options) {
  return new Script(code, options);
}

function runInThisContext(code, options) {
  return createScript(code, options).runInThisContext(options);
}

function isContext(object) {
  validateObject(object, 'object', kValidateObjectAllowArray);
  return contexts.has(object);
}

function getContextOptions(options) {
  if (options === undefined || options === null || typeof options !== 'object') return {};
  return { name: options.contextName, origin: options.contextOrigin, codeGeneration: options.contextCodeGeneration };
}

function createContext(contextObject = {}, options = {}) {
  if (contextObject === constants.DONT_CONTEXTIFY) {
    const global = newRealm({ __proto__: null });
    contexts.set(global, global);
    return global;
  }
  if (isContext(contextObject)) return contextObject;
  validateObject(options, 'options');
  if (options.name !== undefined) validateString(options.name, 'options.name');
  if (options.origin !== undefined) validateString(options.origin, 'options.origin');
  if (options.codeGeneration !== undefined) validateObject(options.codeGeneration, 'options.codeGeneration');
  contexts.set(contextObject, newRealm(contextObject));
  return contextObject;
}

function runInContext(code, contextifiedObject, options) {
  return createScript(code, options).runInContext(contextifiedObject, options);
}

function runInNewContext(code, contextObject, options) {
  return createScript(code, options).runInNewContext(contextObject, options);
}

function compileFunction(code, params, options = {}) {
  validateString(code, 'code');
  if (params !== undefined) {
    validateArray(params, 'params');
    params.forEach((param, i) => validateString(param, `params[${i}]`));
  }
  validateObject(options, 'options');
  let global;
  if (options.parsingContext !== undefined) global = contextGlobal(options.parsingContext, 'options.parsingContext');
  if (options.contextExtensions !== undefined) {
    validateArray(options.contextExtensions, 'options.contextExtensions');
    if (options.contextExtensions.length > 0) throw notSupported('compileFunction with contextExtensions');
  }
  // eslint-disable-next-line no-new-func
  const fn = global === undefined ? new Function(...(params ?? []), code)
    : evaluateIn(global, `(function (${(params ?? []).join(', ')}) {\n${code}\n})`, options);
  Object.defineProperty(fn, 'name', { __proto__: null, value: '', configurable: true });
  return fn;
}

// No per-context heap accounting exists: a plausible estimate in Node's result shape.
function measureMemory(options = {}) {
  validateObject(options, 'options');
  const estimate = 4 * 1024 * 1024;
  return Promise.resolve({
    total: { jsMemoryEstimate: estimate, jsMemoryRange: [estimate, estimate] },
  });
}

const constants = Object.freeze({
  __proto__: null,
  USE_MAIN_CONTEXT_DEFAULT_LOADER: Symbol('vm_dynamic_import_main_context_default'),
  DONT_CONTEXTIFY: Symbol('vm_context_no_contextify'),
});

module.exports = {
  Script,
  createContext,
  createScript,
  runInContext,
  runInNewContext,
  runInThisContext,
  isContext,
  compileFunction,
  measureMemory,
  constants,
};
