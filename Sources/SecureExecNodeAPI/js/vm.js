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
//   - vm.Module, SourceTextModule and SyntheticModule (with --experimental-vm-modules, as in
//     Node) are records of our ES module loader (internal/modules/esm) whose dependencies come
//     from the linker; a module of another context is compiled in that context's realm.
//     A module's createCachedData() caches nothing; `cachedData` is accepted or rejected by
//     V8's check (the source text's length).
//   - Not supported: `timeout`, `microtaskMode`, `breakOnSigint`.

const {
  codes: {
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_ARG_VALUE,
    ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING,
    ERR_VM_MODULE_ALREADY_LINKED,
    ERR_VM_MODULE_CACHED_DATA_REJECTED,
    ERR_VM_MODULE_CANNOT_CREATE_CACHED_DATA,
    ERR_VM_MODULE_DIFFERENT_CONTEXT,
    ERR_VM_MODULE_LINK_FAILURE,
    ERR_VM_MODULE_NOT_MODULE,
    ERR_VM_MODULE_STATUS,
  },
} = require('internal/errors');
const { natives } = internal;
const {
  validateArray,
  validateObject,
  validateString,
  validateBoolean,
  validateFunction,
  validateUint32,
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

// ---------------------------------------------------------------------------------------------
// vm.Module, vm.SourceTextModule, vm.SyntheticModule

const esm = () => require('internal/modules/esm');
const customInspect = Symbol.for('nodejs.util.inspect.custom');
const kCreate = Symbol('kCreate');
const moduleState = new WeakMap(); // Module → its state (below)
const recordModules = new WeakMap(); // loader record → Module
const identifierCounts = new WeakMap(); // context (or the main context's key) → next number
const mainContextKey = {};

function stateOf(module) {
  const state = moduleState.get(module);
  if (state === undefined) throw new ERR_VM_MODULE_NOT_MODULE();
  return state;
}

function nextIdentifier(context) {
  const key = context === undefined ? mainContextKey : context;
  const n = identifierCounts.get(key) ?? 0;
  identifierCounts.set(key, n + 1);
  return `vm:module(${n})`;
}

function moduleOptions(options) {
  validateObject(options, 'options');
  const { identifier } = options;
  if (identifier !== undefined) validateString(identifier, 'options.identifier');
  if (options.context !== undefined) contextGlobal(options.context, 'options.context');
  return identifier;
}

class Module {
  constructor(token, state) {
    if (new.target === Module || token !== kCreate) throw new TypeError('Module is not a constructor');
    moduleState.set(this, state);
    recordModules.set(state.record, this);
  }

  get identifier() { return stateOf(this).identifier; }

  get context() { return stateOf(this).context; }

  get status() { return stateOf(this).status; }

  get namespace() {
    const state = stateOf(this);
    if (state.status === 'unlinked' || state.status === 'linking') {
      throw new ERR_VM_MODULE_STATUS('must not be unlinked or linking');
    }
    return state.record.namespace;
  }

  get error() {
    const state = stateOf(this);
    if (state.status !== 'errored') throw new ERR_VM_MODULE_STATUS('must be errored');
    return state.error;
  }

  async link(linker) {
    const state = stateOf(this);
    validateFunction(linker, 'linker');
    if (state.status === 'linked') throw new ERR_VM_MODULE_ALREADY_LINKED();
    if (state.status !== 'unlinked') throw new ERR_VM_MODULE_STATUS('must be unlinked');
    await linkModule(this, state, linker);
    try {
      esm().linkVmGraph(state.record);
    } catch (err) {
      state.status = 'unlinked';
      throw err;
    }
    markLinked(state.record);
  }

  async evaluate(options = {}) {
    const state = stateOf(this);
    validateObject(options, 'options');
    if (options.timeout !== undefined) validateUint32(options.timeout, 'options.timeout', true);
    if (options.breakOnSigint !== undefined) validateBoolean(options.breakOnSigint, 'options.breakOnSigint');
    if (state.status !== 'linked' && state.status !== 'evaluated' && state.status !== 'errored' && state.status !== 'evaluating') {
      throw new ERR_VM_MODULE_STATUS('must be one of linked, evaluated, or errored');
    }
    const graph = collectGraph(state.record);
    for (const s of graph) if (s.status === 'linked') s.status = 'evaluating';
    try {
      await esm().evaluateVmGraph(state.record);
    } catch (err) {
      settleGraph(graph);
      throw err;
    }
    settleGraph(graph);
  }

  [customInspect](depth, options, inspect) {
    const state = stateOf(this);
    if (typeof depth === 'number' && depth < 0) return this;
    // A plain object in this module's class, so that inspect names the class.
    const o = { __proto__: Object.getPrototypeOf(this), status: state.status, identifier: state.identifier, context: state.context };
    if (state.status === 'errored') o.error = state.error;
    return inspect(o, { ...options, customInspect: false });
  }
}

/** Every vm module state reachable from `record`. */
function collectGraph(record, out = new Set()) {
  const module = recordModules.get(record);
  if (module === undefined) return out;
  const state = moduleState.get(module);
  if (out.has(state)) return out;
  out.add(state);
  for (const dep of record.deps) collectGraph(dep, out);
  return out;
}

function settleGraph(graph) {
  for (const s of graph) {
    const evaluation = s.record.evaluation;
    if (evaluation === undefined) continue;
    if (evaluation.error !== undefined) {
      s.status = 'errored';
      s.error = evaluation.error.value;
    } else {
      s.status = 'evaluated';
    }
  }
}

function markLinked(record) {
  for (const s of collectGraph(record)) if (s.status === 'linking' || s.status === 'unlinked') s.status = 'linked';
}

/** Asks `linker` for the modules `module` requests (and, for those not linked yet, theirs). */
async function linkModule(module, state, linker) {
  if (state.kind !== 'source') return;
  state.status = 'linking';
  try {
    const requests = esm().moduleRequests(state.record);
    const modules = await Promise.all(requests.map(async ({ specifier, attributes }) => {
      const attrs = { __proto__: null, ...(attributes ?? {}) };
      const linked = await linker(specifier, module, { attributes: attrs, assert: attrs });
      const depState = linked !== null && typeof linked === 'object' ? moduleState.get(linked) : undefined;
      if (depState === undefined) throw new ERR_VM_MODULE_NOT_MODULE();
      if (depState.context !== state.context) throw new ERR_VM_MODULE_DIFFERENT_CONTEXT();
      if (depState.status === 'errored') {
        throw new ERR_VM_MODULE_LINK_FAILURE(`request for '${specifier}' resolved to an errored module`, depState.error);
      }
      if (depState.status === 'unlinked') await linkModule(linked, depState, linker);
      return depState.record;
    }));
    esm().setVmDependencies(state.record, modules);
  } catch (err) {
    state.status = 'unlinked';
    throw err;
  }
}

class SourceTextModule extends Module {
  constructor(sourceText, options = {}) {
    validateString(sourceText, 'sourceText');
    validateObject(options, 'options');
    const { context, initializeImportMeta, importModuleDynamically } = options;
    let identifier = moduleOptions(options);
    if (options.lineOffset !== undefined) validateInt(options.lineOffset, 'options.lineOffset');
    if (options.columnOffset !== undefined) validateInt(options.columnOffset, 'options.columnOffset');
    if (initializeImportMeta !== undefined) validateFunction(initializeImportMeta, 'options.initializeImportMeta');
    if (importModuleDynamically !== undefined && typeof importModuleDynamically !== 'function' &&
        importModuleDynamically !== constants.USE_MAIN_CONTEXT_DEFAULT_LOADER) {
      throw new ERR_INVALID_ARG_TYPE('options.importModuleDynamically', 'function', importModuleDynamically);
    }
    if (options.cachedData !== undefined && !ArrayBuffer.isView(options.cachedData)) {
      throw new ERR_INVALID_ARG_TYPE('options.cachedData', ['Buffer', 'TypedArray', 'DataView'], options.cachedData);
    }
    if (identifier === undefined) identifier = nextIdentifier(context);
    let self;
    const hooks = {
      realm: context === undefined ? undefined : contextGlobal(context, 'options.context'),
      meta() {
        const meta = { __proto__: null };
        if (initializeImportMeta !== undefined) initializeImportMeta(meta, self);
        return meta;
      },
      dynamicImport(specifier, importOptions) {
        return dynamicImportFrom(self, importModuleDynamically, specifier, importOptions);
      },
    };
    const record = esm().sourceTextRecord(sourceText, identifier, hooks);
    if (options.cachedData !== undefined && !cachedDataMatches(options.cachedData, sourceText)) {
      throw new ERR_VM_MODULE_CACHED_DATA_REJECTED();
    }
    super(kCreate, { kind: 'source', record, identifier, context, status: 'unlinked', error: undefined });
    self = this;
  }

  get dependencySpecifiers() {
    const state = stateOf(this);
    if (state.specifiers === undefined) {
      state.specifiers = Object.freeze(esm().moduleRequests(state.record).map((r) => r.specifier));
    }
    return state.specifiers;
  }

  createCachedData() {
    const state = stateOf(this);
    if (state.status === 'evaluating' || state.status === 'evaluated' || state.status === 'errored') {
      throw new ERR_VM_MODULE_CANNOT_CREATE_CACHED_DATA();
    }
    return moduleCachedData(state.record.source);
  }
}

// A module's "cached data": nothing is cached (every module is compiled from its text), but it is
// accepted or rejected as V8's is, whose check is the source text's length: a tag and the length.
const cachedDataTag = [0x53, 0x45, 0x4d, 0x31]; // 'SEM1'

function moduleCachedData(source) {
  const { Buffer } = require('buffer');
  const data = Buffer.alloc(8);
  cachedDataTag.forEach((byte, i) => { data[i] = byte; });
  data.writeUInt32LE(source.length >>> 0, 4);
  return data;
}

function cachedDataMatches(cachedData, source) {
  const bytes = new Uint8Array(cachedData.buffer, cachedData.byteOffset, cachedData.byteLength);
  const expected = moduleCachedData(source);
  if (bytes.length !== expected.length) return false;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== expected[i]) return false;
  return true;
}

function validateInt(value, name) {
  if (!Number.isInteger(value)) throw new ERR_INVALID_ARG_TYPE(name, 'number', value);
}

async function dynamicImportFrom(referrer, callback, specifier, importOptions) {
  if (callback === undefined) throw new ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING();
  if (callback === constants.USE_MAIN_CONTEXT_DEFAULT_LOADER) {
    return esm().dynamicImport(specifier, require('path').join(process.cwd(), '[vm]'), importOptions);
  }
  const attributes = { __proto__: null, ...(importOptions?.with ?? importOptions?.assert ?? {}) };
  const result = await callback(specifier, referrer, attributes);
  if (require('internal/util/types').isModuleNamespaceObject(result)) return result;
  const state = result !== null && typeof result === 'object' ? moduleState.get(result) : undefined;
  if (state === undefined) throw new ERR_VM_MODULE_NOT_MODULE();
  if (state.status === 'errored') throw state.error;
  return result.namespace;
}

class SyntheticModule extends Module {
  constructor(exportNames, evaluateCallback, options = {}) {
    validateArray(exportNames, 'exportNames');
    const names = new Set();
    exportNames.forEach((name, i) => {
      validateString(name, `exportNames[${i}]`);
      if (names.has(name)) throw new ERR_INVALID_ARG_VALUE(`exportNames.${name}`, name, 'is duplicated');
      names.add(name);
    });
    validateFunction(evaluateCallback, 'evaluateCallback');
    validateObject(options, 'options');
    let identifier = moduleOptions(options);
    if (identifier === undefined) identifier = nextIdentifier(options.context);
    let self;
    const record = esm().syntheticRecord(identifier, names, () => ReflectApply(evaluateCallback, self, []));
    super(kCreate, { kind: 'synthetic', record, identifier, context: options.context, status: 'unlinked', error: undefined });
    self = this;
  }

  setExport(name, value) {
    const state = stateOf(this);
    validateString(name, 'name');
    if (state.status === 'unlinked' || state.status === 'linking') {
      throw new ERR_VM_MODULE_STATUS('must be linked');
    }
    if (!state.record.values.has(name)) throw new ReferenceError(`Export '${name}' is not defined in module`);
    state.record.values.set(name, value);
  }
}

const ReflectApply = Reflect.apply;

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

// As in Node, the module classes exist with --experimental-vm-modules only.
if (internal.hasNodeOption('--experimental-vm-modules')) {
  module.exports.Module = Module;
  module.exports.SourceTextModule = SourceTextModule;
  module.exports.SyntheticModule = SyntheticModule;
}
