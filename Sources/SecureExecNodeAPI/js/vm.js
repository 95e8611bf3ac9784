'use strict';
// The `vm` module, reduced to what one JavaScriptCore context can do:
//   - runInThisContext(code) / Script#runInThisContext(): indirect eval in the guest's global
//     scope (var declarations become globals, as in Node); options such as filename,
//     lineOffset, timeout and breakOnSigint are accepted and ignored (the sandbox's own CPU
//     budget applies instead of `timeout`).
//   - new Script(code): syntax is checked up front by compiling the code as a function body
//     (never run), so most SyntaxErrors surface at construction like Node; top-level `return`
//     is only rejected when the script runs.
//   - compileFunction(code, params): the Function constructor, in this context.
//   - No second context can be created: createContext, runInContext, runInNewContext (and the
//     Script methods of the same names) throw Error code ERR_NOT_SUPPORTED_IN_SANDBOX with
//     message 'vm.<name> is not supported in sandbox'. isContext() is therefore always false.
//   - createCachedData() returns an empty Buffer; supplied cachedData is always rejected.

const {
  codes: { ERR_INVALID_ARG_TYPE },
} = require('internal/errors');
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

  runInContext() {
    throw notSupported('runInContext');
  }

  runInNewContext() {
    throw notSupported('runInNewContext');
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
  // No contextified object can exist in the sandbox.
  return false;
}

function createContext() {
  throw notSupported('createContext');
}

function runInContext() {
  throw notSupported('runInContext');
}

function runInNewContext() {
  throw notSupported('runInNewContext');
}

function compileFunction(code, params, options = {}) {
  validateString(code, 'code');
  if (params !== undefined) {
    validateArray(params, 'params');
    params.forEach((param, i) => validateString(param, `params[${i}]`));
  }
  validateObject(options, 'options');
  if (options.parsingContext !== undefined) throw notSupported('compileFunction with parsingContext');
  if (options.contextExtensions !== undefined) {
    validateArray(options.contextExtensions, 'options.contextExtensions');
    if (options.contextExtensions.length > 0) throw notSupported('compileFunction with contextExtensions');
  }
  // eslint-disable-next-line no-new-func
  const fn = new Function(...(params ?? []), code);
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
