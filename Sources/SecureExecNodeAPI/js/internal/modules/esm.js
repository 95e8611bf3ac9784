'use strict';
// ES modules: JavaScriptCore's C API runs classic scripts only, so each module is compiled by
// internal/modules/esm_transform into a generator function — first step instantiates (binds
// imports, registers export getters), second step evaluates — and this loader links the graph:
// namespace objects for every module first, then instantiation, then evaluation in post-order
// (dependencies first, cycles tolerated), as the spec's Link() and Evaluate() do.
// Every file read passes the host's fs permission, like CommonJS loading.

const path = require('path');
const { transform, detectCjsExports } = require('internal/modules/esm_transform');
const { natives } = internal;

const records = new Map(); // filename or `node:name` → record
const JSONParse = JSON.parse;
const JSONStringify = JSON.stringify;

/** `transform` through the runtime's module cache (ModuleCompileCache on the host side): a
 *  file whose text is the same as in an earlier call (or earlier in this one, as the syntax
 *  detection of an entry and its run) is not parsed again. The result is plain data. */
function transformCached(source, filename) {
  if (typeof source !== 'string') return transform(source, { filename });
  const stored = natives.moduleCacheGet('esm', filename, source);
  if (stored !== undefined) return JSONParse(stored);
  let compiled;
  try {
    compiled = transform(source, { filename });
  } catch (err) {
    throw asNodeSyntaxError(err, filename, source);
  }
  natives.moduleCacheSet('esm', filename, source, JSONStringify(compiled));
  return compiled;
}

/** A syntax error of our compiler as Node shows one: the message alone; the file, line and column
 *  in the arrow printed above an uncaught error (`file:///…:line`, the line, a caret). */
function asNodeSyntaxError(err, filename, source) {
  if (!(err instanceof SyntaxError) || typeof err.reason !== 'string' || typeof err.line !== 'number') return err;
  const { reason, line, column } = err;
  err.message = reason;
  delete err.reason;
  delete err.filename;
  delete err.line;
  delete err.column;
  internal.errorStacks.registerSyntaxLocation(err, fileURL(filename), source, line, column);
  return err;
}

// Index loops over arrays: guest code may break Array.prototype[Symbol.iterator] and still import.
function each(list, fn) {
  for (let i = 0; i < list.length; i++) fn(list[i]);
}

/** A module's URL: its file's, or the `data:` URL it came from. */
function fileURL(filename) {
  if (filename.startsWith('data:')) return filename;
  return require('url').pathToFileURL(filename).href;
}

/** A relative or absolute specifier (or `file:` URL) as a path: resolved as a URL against the
 *  importer's, so percent-escapes are decoded as in Node; an escaped `/` or `\` is refused. */
function specifierPath(specifier, parentFile) {
  if (!specifier.startsWith('file:') && !/%|[?#]/.test(specifier)) return path.resolve(path.dirname(parentFile), specifier);
  const url = new URL(specifier, fileURL(parentFile));
  if (/%2f|%5c/i.test(url.pathname)) {
    const err = new TypeError(`Invalid module "${url.pathname}" must not include encoded "/" or "\\" characters imported from ${parentFile}`);
    err.code = 'ERR_INVALID_MODULE_SPECIFIER';
    throw err;
  }
  return require('url').fileURLToPath(url);
}

/** `data:` URL modules: their media type and text (`;base64` decoded). */
function parseDataURL(url) {
  const match = /^data:([^,]*?)(;base64)?,([\s\S]*)$/.exec(url);
  if (match === null) {
    const err = new TypeError(`Invalid URL`);
    err.code = 'ERR_INVALID_URL';
    err.input = url;
    throw err;
  }
  const mime = match[1].split(';')[0].trim().toLowerCase();
  let body;
  try {
    body = match[2] ? require('buffer').Buffer.from(decodeURIComponent(match[3]), 'base64').toString('utf8') : decodeURIComponent(match[3]);
  } catch {
    const err = new TypeError(`Invalid URL`);
    err.code = 'ERR_INVALID_URL';
    err.input = url;
    throw err;
  }
  return { mime, body };
}

function dataFormat(url) {
  const { mime } = parseDataURL(url);
  if (mime === 'text/javascript' || mime === 'application/javascript') return 'esm';
  if (mime === 'application/json') return 'json';
  const err = new RangeError(`Unknown module format: ${mime} for URL ${url}`);
  err.code = 'ERR_UNKNOWN_MODULE_FORMAT';
  throw err;
}

function errors() { return require('internal/errors'); }

function notFound(specifier, parentFile) {
  const err = new Error(`Cannot find module '${specifier}' imported from ${parentFile}`);
  err.code = 'ERR_MODULE_NOT_FOUND';
  return err;
}

function readText(filename) { return internal.call('fs.readFile', { path: filename, encoding: 'utf8' }); }
// Real paths learnt from resolution probes (module files load from their real paths).
const realPaths = new Map();
function statType(filename) {
  try {
    // A probe answers null for a missing path.
    const status = internal.call('fs.stat', { path: filename, follow: true, probe: true });
    if (status === null || status === undefined) return undefined;
    if (typeof status.realPath === 'string') realPaths.set(filename, status.realPath);
    return status?.type;
  } catch (err) {
    if (err && err.code === 'EACCES') throw err;
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Resolution: ESM does not probe extensions; bare specifiers resolve like CommonJS packages.

function resolve(specifier, parentFile) {
  if (typeof specifier !== 'string') specifier = String(specifier);
  if (specifier.startsWith('node:')) {
    const name = specifier.slice(5);
    if (!internal.isPublicBuiltin(name, true)) throw new (errors().codes.ERR_UNKNOWN_BUILTIN_MODULE)(specifier);
    return `node:${name}`;
  }
  if (internal.isPublicBuiltin(specifier)) return `node:${specifier}`;
  if (specifier.startsWith('data:')) {
    parseDataURL(specifier);
    return specifier;
  }
  if (parentFile.startsWith('data:') && !/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(specifier)) {
    // A data: module has no folder: only absolute URLs and builtins resolve from it.
    const err = new TypeError(`Failed to resolve module specifier "${specifier}" from "${parentFile}": Invalid relative URL or base scheme is not hierarchical.`);
    err.code = 'ERR_UNSUPPORTED_RESOLVE_REQUEST';
    throw err;
  }
  if (specifier.startsWith('file:')) specifier = specifierPath(specifier, parentFile);
  const base = path.dirname(parentFile);
  if (specifier.startsWith('#')) {
    const { Module } = require('internal/modules/cjs');
    const parent = new Module(parentFile, null);
    parent.filename = parentFile;
    let id;
    try {
      id = Module._resolveFilename(specifier, parent, false, { conditions: ['node', 'import', 'default'], esm: true });
    } catch (err) {
      throw esmNotFound(err, specifier, parentFile);
    }
    return id.startsWith('node:') || !internal.isPublicBuiltin(id) ? id : `node:${id}`;
  }
  if (specifier.startsWith('./') || specifier.startsWith('../') || specifier.startsWith('/')) {
    const filename = specifierPath(specifier, parentFile);
    const type = statType(filename);
    if (type === 'file') return realPaths.get(filename) ?? filename;
    if (type === 'directory') {
      const err = new Error(`Directory import '${filename}' is not supported resolving ES modules imported from ${parentFile}`);
      err.code = 'ERR_UNSUPPORTED_DIR_IMPORT';
      throw err;
    }
    throw notFound(filename, parentFile);
  }
  // A package: reuse CommonJS's node_modules walk (package.json main/index).
  checkPackageName(specifier, parentFile);
  const { Module } = require('internal/modules/cjs');
  try {
    const parent = new Module(parentFile, null);
    parent.filename = parentFile;
    parent.paths = Module._nodeModulePaths(base);
    return Module._resolveFilename(specifier, parent, false, { conditions: ['node', 'import', 'default'], esm: true });
  } catch (err) {
    throw esmNotFound(err, specifier, parentFile);
  }
}

/** CommonJS's MODULE_NOT_FOUND as `import` reports it: the file a package map named is missing
 *  (`Cannot find module '/path'`), or the package itself (`Cannot find package 'name'`). */
function esmNotFound(err, specifier, parentFile) {
  if (!err || err.code !== 'MODULE_NOT_FOUND') return err;
  const target = typeof err.path === 'string' && err.path.endsWith('/package.json') && /^Cannot find module '(.*)'/.exec(err.message);
  const e = target
    ? new Error(`Cannot find module '${target[1]}' imported from ${parentFile}`)
    : new Error(`Cannot find package '${specifier}' imported from ${parentFile}`);
  e.code = 'ERR_MODULE_NOT_FOUND';
  if (target) e.url = fileURL(target[1]);
  return e;
}

/** Node's package name rules for a bare specifier (`@scope/name`, no `%` or `\\`, not `.`-led). */
function checkPackageName(specifier, parentFile) {
  const slash = specifier.indexOf('/');
  let name;
  let valid = true;
  if (specifier.startsWith('@')) {
    if (slash < 0 || slash === specifier.length - 1) valid = false;
    const second = specifier.indexOf('/', slash + 1);
    name = second < 0 ? specifier : specifier.slice(0, second);
  } else {
    name = slash < 0 ? specifier : specifier.slice(0, slash);
  }
  if (!valid || name.startsWith('.') || name.includes('%') || name.includes('\\') || name.length === 0) {
    const err = new TypeError(`Invalid module "${specifier}" is not a valid package name imported from ${parentFile}`);
    err.code = 'ERR_INVALID_MODULE_SPECIFIER';
    throw err;
  }
}

/** How a file is loaded: esm, commonjs or json (Node's rules: extension, then package type). */
const formats = new Map();
function formatOf(filename) {
  if (filename.startsWith('data:')) return dataFormat(filename);
  if (filename.endsWith('.mjs')) return 'esm';
  if (filename.endsWith('.cjs')) return 'commonjs';
  if (filename.endsWith('.json')) return 'json';
  const known = formats.get(filename);
  if (known !== undefined) return known;
  const type = packageType(path.dirname(filename));
  let format = type === 'module' ? 'esm' : 'commonjs';
  if (type === undefined && filename.endsWith('.js')) {
    // Outside a package that says, module syntax decides (Node 22's detection).
    let source;
    try { source = readText(filename); } catch { source = undefined; }
    if (source !== undefined && isModuleEntry(source, filename)) format = 'esm';
  }
  formats.set(filename, format);
  return format;
}

// The "type" of the package scope of each folder asked about, once per call (Node caches its
// package.json reads for the process).
const packageTypes = new Map();
function packageType(dir) {
  const walked = [];
  let result;
  for (;;) {
    if (packageTypes.has(dir)) { result = packageTypes.get(dir); break; }
    walked.push(dir);
    const file = path.join(dir, 'package.json');
    let type;
    // A package.json the guest may not read counts as absent.
    try { type = statType(file); } catch { type = undefined; }
    if (type === 'file') {
      try {
        const parsed = JSON.parse(readText(file));
        result = parsed !== null && typeof parsed === 'object' && Object.prototype.hasOwnProperty.call(parsed, 'type') ? parsed.type : undefined;
      } catch { result = undefined; }
      break;
    }
    const parent = path.dirname(dir);
    if (parent === dir) { result = undefined; break; }
    dir = parent;
  }
  each(walked, (d) => { packageTypes.set(d, result); });
  return result;
}

// ---------------------------------------------------------------------------------------------
// Records and namespaces

function makeNamespace() {
  const ns = Object.create(null);
  Object.defineProperty(ns, Symbol.toStringTag, { __proto__: null, value: 'Module' });
  return ns;
}

function defineExport(ns, name, getter) {
  Object.defineProperty(ns, name, { __proto__: null, get: getter, set: undefined, enumerable: true, configurable: true });
}

/** A namespace over plain values: builtins, CommonJS, JSON. */
function valueNamespace(exportsObject, names) {
  const ns = makeNamespace();
  defineExport(ns, 'default', () => exportsObject);
  if (exportsObject !== null && (typeof exportsObject === 'object' || typeof exportsObject === 'function')) {
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      if (name === 'default') continue;
      defineExport(ns, name, () => exportsObject[name]);
    }
  }
  return ns;
}

function finishNamespace(ns) {
  // Sorted keys, non-extensible, as module namespace objects are.
  const keys = Object.keys(ns).sort();
  const sorted = makeNamespace();
  each(keys, (key) => { Object.defineProperty(sorted, key, Object.getOwnPropertyDescriptor(ns, key)); });
  return Object.preventExtensions(sorted);
}

function recordFor(id, parentFile) {
  let record = records.get(id);
  if (record !== undefined) return record;
  if (id.startsWith('node:')) {
    const exportsObject = internal.loadPublicBuiltin(id.slice(5));
    record = { id, kind: 'builtin', status: 'evaluated', namespace: valueNamespace(exportsObject, Object.keys(exportsObject)) };
    records.set(id, record);
    return record;
  }
  const format = formatOf(id);
  const text = () => (id.startsWith('data:') ? parseDataURL(id).body : readText(id));
  if (format === 'json') {
    const value = JSON.parse(text());
    record = { id, kind: 'json', status: 'evaluated', namespace: finishNamespace(valueNamespace(value, [])) };
  } else if (format === 'commonjs') {
    record = { id, kind: 'commonjs', status: 'linked', namespace: undefined };
  } else {
    const source = text();
    const compiled = transformCached(source, id);
    record = { id, kind: 'esm', status: 'new', source, compiled, namespace: makeNamespace(), deps: [], generator: undefined, evaluation: undefined };
  }
  records.set(id, record);
  return record;
}

/** JSON modules need `with { type: 'json' }`; other modules may not claim a type. */
function checkAttributes(id, attributes) {
  // Own attributes only (an accessor on Object.prototype must not answer for them).
  const type = attributes && Object.prototype.hasOwnProperty.call(attributes, 'type') ? attributes.type : undefined;
  const isJSON = !id.startsWith('node:') && formatOf(id) === 'json';
  if (isJSON && type !== 'json') {
    const err = new TypeError(`Module "${fileURL(id)}" needs an import attribute of "type: json"`);
    err.code = 'ERR_IMPORT_ATTRIBUTE_MISSING';
    throw err;
  }
  if (!isJSON && type !== undefined) {
    const err = new TypeError(`Module "${id.startsWith('node:') ? id : fileURL(id)}" is not of type "${type}"`);
    err.code = 'ERR_IMPORT_ATTRIBUTE_TYPE_INCOMPATIBLE';
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// Linking

function link(record) {
  if (record.kind !== 'esm' || record.status !== 'new') return;
  record.status = 'linking';
  // A vm.SourceTextModule's dependencies are what its linker returned (`vm` set them).
  if (record.vm === undefined) {
    record.deps = record.compiled.imports.map((entry) => {
      const id = resolve(entry.specifier, record.id);
      checkAttributes(id, entry.attributes);
      return recordFor(id, record.id);
    });
  }
  each(record.deps, (dep) => { link(dep); });
  let fn;
  try {
    // A vm module of another context is compiled in that context's realm.
    fn = record.vm !== undefined && record.vm.realm !== undefined
      ? natives.contextEvaluate(record.vm.realm, `${record.compiled.code}`, record.id, 1)
      : natives.compile(`${record.compiled.code}`, record.id);
  } catch (err) {
    internal.errorStacks.locateEngineSyntaxError(err, fileURL(record.id), record.source);
    throw err;
  }
  internal.errorStacks.registerFile(record.id, record.compiled.lineOneOffset, true, record.source, record.compiled.edits);
  const meta = record.vm !== undefined ? record.vm.meta() : makeImportMeta(record.id);
  let exported = false;
  record.generator = fn.call(undefined,
    (index) => namespaceOf(record.deps[index]),
    (getters) => {
      if (exported) return;
      exported = true;
      each(Object.keys(getters), (name) => { defineExport(record.namespace, name, getters[name]); });
    },
    meta,
    record.vm !== undefined ? record.vm.dynamicImport : (specifier, options) => dynamicImport(specifier, record.id, options),
    internal.errorStacks.normalize);
  record.status = 'linked-pending';
}

function namespaceOf(record) {
  if (record.kind === 'commonjs') {
    // CommonJS evaluates when first imported (Node evaluates it during linking too).
    if (record.namespace === undefined) {
      const { Module } = require('internal/modules/cjs');
      const exportsObject = Module._load(record.id, null, false);
      let names = [];
      try { names = detectCjsExports(readText(record.id)).exports; } catch { /* no named exports */ }
      record.namespace = finishNamespace(valueNamespace(exportsObject, names));
    }
    return record.namespace;
  }
  return record.namespace;
}

/** First generator step for the whole graph (imports bound, exports registered), then star exports. */
function instantiate(record, seen = new Set()) {
  if (record.kind !== 'esm' || seen.has(record)) return;
  seen.add(record);
  each(record.deps, (dep) => { instantiate(dep, seen); });
  if (record.status === 'linked-pending') {
    const step = record.generator.next();
    record.firstStep = step; // a promise for async (top-level await) modules
    record.status = 'instantiated';
  }
}

function addStarExports(record, seen = new Set()) {
  if (record.kind !== 'esm' || seen.has(record) || record.sealed) return;
  seen.add(record);
  each(record.deps, (dep) => { addStarExports(dep, seen); });
  const own = new Set(Object.keys(record.namespace));
  const ambiguous = new Set();
  const provided = new Map();
  for (let i = 0; i < record.compiled.starExports.length; i++) {
    const index = record.compiled.starExports[i];
    const target = namespaceOf(record.deps[index]);
    const names = Object.keys(target);
    for (let j = 0; j < names.length; j++) {
      const name = names[j];
      if (name === 'default' || own.has(name)) continue;
      const source = provided.get(name);
      if (source !== undefined && source !== target) ambiguous.add(name);
      provided.set(name, target);
    }
  }
  for (const [name, target] of provided) {
    if (!ambiguous.has(name)) defineExport(record.namespace, name, () => target[name]);
  }
  sortInPlace(record.namespace);
  record.sealed = true;
}

/** Namespace keys in code-unit order, no new keys (importers already hold this object). */
function sortInPlace(ns) {
  const keys = Object.keys(ns).sort();
  const descriptors = keys.map((key) => Object.getOwnPropertyDescriptor(ns, key));
  each(keys, (key) => { delete ns[key]; });
  keys.forEach((key, i) => Object.defineProperty(ns, key, descriptors[i]));
  Object.preventExtensions(ns);
}

function checkImports(record, seen = new Set()) {
  if (record.kind !== 'esm' || seen.has(record)) return;
  seen.add(record);
  record.compiled.imports.forEach((entry, index) => {
    const dep = record.deps[index];
    if (dep.kind !== 'esm' && dep.kind !== 'synthetic') return;
    const names = entry.names ?? [];
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      if (name !== '*' && !(name in dep.namespace)) {
        const err = new SyntaxError(`The requested module '${entry.specifier}' does not provide an export named '${name}'`);
        throw err;
      }
    }
  });
  each(record.deps, (dep) => { checkImports(dep, seen); });
}

// ---------------------------------------------------------------------------------------------
// Evaluation

/** Evaluates the graph under `record`, dependencies first. Returns a promise when any module in
 *  it awaits at top level, else undefined. */
function evaluate(record, seen = new Set()) {
  if (record.kind === 'synthetic') return evaluateSynthetic(record);
  if (record.kind !== 'esm') return undefined;
  if (record.evaluation !== undefined) {
    if (record.evaluation.error !== undefined) throw record.evaluation.error.value;
    return record.evaluation.promise;
  }
  if (seen.has(record)) return undefined;
  seen.add(record);
  const pending = [];
  for (let i = 0; i < record.deps.length; i++) {
    const dep = record.deps[i];
    // A CommonJS dependency runs in dependency order even when nothing is imported from it
    // (`import './setup.cjs'`).
    if (dep.kind === 'commonjs') { namespaceOf(dep); continue; }
    const p = evaluate(dep, seen);
    if (p !== undefined) pending.push(p);
  }
  const run = () => {
    let result;
    try {
      result = record.generator.next();
    } catch (err) {
      throw explainCommonJSGlobal(err, record.id);
    }
    if (result && typeof result.then === 'function') {
      return result.then(() => undefined, (err) => { throw explainCommonJSGlobal(err, record.id); });
    }
    return undefined;
  };
  // A module whose dependencies are all done starts at once (its body runs synchronously up to
  // its first await), as the spec's evaluation order requires. It counts as evaluating from
  // now on (an import() of itself meanwhile waits for nothing more); an error it throws is
  // thrown again to every later importer.
  const evaluation = { promise: undefined, error: undefined };
  record.evaluation = evaluation;
  record.status = 'evaluated';
  try {
    evaluation.promise = pending.length > 0 ? Promise.all(pending).then(run) : run();
  } catch (err) {
    evaluation.error = { value: err };
    throw err;
  }
  return evaluation.promise;
}

/** A vm.SyntheticModule's evaluation: its callback, once; an error (or rejection) is kept. */
function evaluateSynthetic(record) {
  if (record.evaluation !== undefined) {
    if (record.evaluation.error !== undefined) throw record.evaluation.error.value;
    return record.evaluation.promise;
  }
  const evaluation = { promise: undefined, error: undefined };
  record.evaluation = evaluation;
  try {
    const result = record.evaluateSteps();
    if (result !== null && typeof result === 'object' && typeof result.then === 'function') {
      evaluation.promise = Promise.resolve(result).then(() => undefined, (err) => {
        evaluation.error = { value: err };
        throw err;
      });
    }
  } catch (err) {
    evaluation.error = { value: err };
    throw err;
  }
  return evaluation.promise;
}

/** Node's hint on a CommonJS variable used in an ES module (`require is not defined in ES module
 *  scope, you can use import instead`, and why a `.js` file is one). */
function explainCommonJSGlobal(err, id) {
  if (!(err instanceof ReferenceError)) return err;
  internal.errorStacks.normalize(err);  // the engine's wording in V8's first
  if (typeof err.message !== 'string') return err;
  const match = /^(require|module|exports|__filename|__dirname) is not defined$/.exec(err.message);
  if (match === null) return err;
  let message = `${match[1]} is not defined in ES module scope`;
  if (match[1] === 'require') message += ', you can use import instead';
  if (id.endsWith('.js')) {
    const dir = path.dirname(id);
    let scope = dir;
    for (;;) {
      if (statType(path.join(scope, 'package.json')) === 'file') break;
      const parent = path.dirname(scope);
      if (parent === scope) { scope = undefined; break; }
      scope = parent;
    }
    if (scope !== undefined && packageType(dir) === 'module') {
      message += `\nThis file is being treated as an ES module because it has a '.js' file extension and '${path.join(scope, 'package.json')}' contains "type": "module". To treat it as a CommonJS script, rename it to use the '.cjs' file extension.`;
    }
  }
  err.message = message;
  return err;
}

/** Async (top-level await) modules finish instantiating one microtask after their first step;
 *  evaluation of the graph starts only then. */
function afterInstantiation(record, evaluateGraph) {
  const steps = [];
  for (const r of records.values()) {
    if (r.kind === 'esm' && r.firstStep && typeof r.firstStep.then === 'function' && !r.firstStepSettled) {
      steps.push(r.firstStep.then(() => { r.firstStepSettled = true; }));
    }
  }
  return steps.length > 0 ? Promise.all(steps).then(evaluateGraph) : evaluateGraph();
}

function loadGraph(id, parentFile) {
  const record = recordFor(id, parentFile);
  link(record);
  instantiate(record);
  addStarExports(record);
  checkImports(record);
  return record;
}

function dynamicImport(specifier, parentFile, options) {
  return new Promise((resolvePromise, reject) => {
    try {
      const id = resolve(specifier, parentFile);
      checkAttributes(id, options && typeof options === 'object' ? (options.with ?? options.assert) : undefined);
      const record = loadGraph(id, parentFile);
      const done = afterInstantiation(record, () => evaluate(record));
      const ns = namespaceOf(record);
      if (done !== undefined) done.then(() => resolvePromise(ns), reject);
      else resolvePromise(ns);
    } catch (err) {
      reject(err);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// require() of ES modules (Node 22.12+): synchronous graphs only.

/** The first module under `record` (dependencies included) that awaits at top level. */
function findTopLevelAwait(record, seen = new Set()) {
  if (record.kind !== 'esm' || seen.has(record)) return undefined;
  seen.add(record);
  if (record.compiled.hasTopLevelAwait && record.evaluation === undefined) return record;
  for (let i = 0; i < record.deps.length; i++) {
    const dep = record.deps[i];
    const found = findTopLevelAwait(dep, seen);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** `require(id)` of an ES module from `parentFile`: evaluates the graph synchronously and returns
 *  what Node returns: the value exported as "module.exports" if any, else the namespace — with
 *  `__esModule: true` added (on a facade) when it has a default export. */
function requireModule(id, parentFile) {
  const record = loadGraph(id, parentFile);
  if (record.kind !== 'esm') return namespaceOf(record);
  if (findTopLevelAwait(record) !== undefined) {
    const err = new Error('require() cannot be used on an ESM graph with top-level await. Use import() instead. ' +
      'To see where the top-level await comes from, use --experimental-print-required-tla.' +
      `${parentFile ? `\n  From ${parentFile} ` : ''}\n  Requiring ${id} `);
    err.code = 'ERR_REQUIRE_ASYNC_MODULE';
    throw err;
  }
  const done = afterInstantiation(record, () => evaluate(record));
  if (done !== undefined && typeof done.then === 'function') {
    // Only a module already being evaluated asynchronously gets here.
    done.then(undefined, () => {});
    const err = new Error(`require() cannot be used on an ESM graph with top-level await. Use import() instead.\n  Requiring ${id} `);
    err.code = 'ERR_REQUIRE_ASYNC_MODULE';
    throw err;
  }
  const ns = record.namespace;
  if (Object.prototype.hasOwnProperty.call(ns, 'module.exports')) return ns['module.exports'];
  if (!('default' in ns) || '__esModule' in ns) return ns;
  if (record.requireFacade === undefined) {
    const facade = makeNamespace();
    Object.defineProperty(facade, '__esModule', { __proto__: null, value: true, enumerable: true, writable: false, configurable: false });
    each(Object.keys(ns), (name) => { defineExport(facade, name, () => ns[name]); });
    record.requireFacade = Object.preventExtensions(facade);
  }
  return record.requireFacade;
}

function makeImportMeta(filename) {
  const meta = Object.create(null);
  if (!filename.startsWith('data:')) {
    meta.dirname = path.dirname(filename);
    meta.filename = filename;
  }
  meta.main = filename === mainFile;
  meta.resolve = (specifier) => {
    specifier = String(specifier);
    // A relative or absolute URL is resolved without looking for the file (as in Node 20+).
    if (!filename.startsWith('data:') && (specifier.startsWith('./') || specifier.startsWith('../') || specifier.startsWith('/'))) {
      return new URL(specifier, fileURL(filename)).href;
    }
    const id = resolve(specifier, filename);
    return id.startsWith('node:') ? id : fileURL(id);
  };
  meta.url = fileURL(filename);
  return meta;
}

let mainFile;
let mainRecord;

/** Runs `code` as the entry module at `filename`. Returns its record. */
function runMain(code, filename) {
  mainFile = filename;
  const compiled = transformCached(code, filename);
  const record = { id: filename, kind: 'esm', status: 'new', source: code, compiled, namespace: makeNamespace(), deps: [] };
  records.set(filename, record);
  mainRecord = record;
  link(record);
  instantiate(record);
  addStarExports(record);
  checkImports(record);
  const done = afterInstantiation(record, () => evaluate(record));
  if (done !== undefined) internal.loop.trackMain(done);
  return record;
}

/** The entry's namespace as a plain object (what `run()` returns). */
function mainExports() {
  if (mainRecord === undefined) return undefined;
  const out = {};
  each(Object.keys(mainRecord.namespace), (key) => { out[key] = mainRecord.namespace[key]; });
  return out;
}

/** Whether the entry runs as an ES module: `.mjs`, `"type": "module"`, or (for other files) static
 *  import/export or import.meta in the code. Top-level await alone keeps CommonJS, where `exec`
 *  allows it. */
function isModuleEntry(code, filename) {
  if (filename.endsWith('.mjs')) return true;
  if (filename.endsWith('.cjs')) return false;
  // Code passed as a string (`[eval]`, like node -e) has no package: only its syntax decides.
  const base = path.basename(filename);
  const type = base === '[eval].js' || base === '[eval]' ? undefined : packageType(path.dirname(filename));
  if (type === 'module') return true;
  if (type === 'commonjs') return false;
  // Module syntax needs the keywords, which cannot be written with escapes.
  if (!/\b(?:import|export)\b/.test(code)) return false;
  const lexer = require('internal/modules/esm_transform');
  if (!lexer.hasModuleSyntax(code)) return false;
  try {
    const compiled = transformCached(code, filename);
    return compiled.imports.length > 0 || compiled.exportNames.length > 0 || compiled.usesImportMeta === true;
  } catch {
    return false; // let the CommonJS path report the syntax error
  }
}

// ---------------------------------------------------------------------------------------------
// vm.SourceTextModule and vm.SyntheticModule (lib/vm.js) are records of this loader too, never in
// its cache: `vm` sets their dependencies from its linker and drives the same steps.

/** A record for module `source` named `identifier`; `hooks` = { realm, meta(), dynamicImport }. */
function sourceTextRecord(source, identifier, hooks) {
  let compiled;
  try {
    compiled = transform(source, { filename: identifier });
  } catch (err) {
    throw asNodeSyntaxError(err, identifier, source);
  }
  return { id: identifier, kind: 'esm', status: 'new', source, compiled, namespace: makeNamespace(), deps: [], generator: undefined, evaluation: undefined, vm: hooks };
}

/** A record whose namespace has exactly `names` (values set by `setExport`). */
function syntheticRecord(identifier, names, evaluateSteps) {
  const values = new Map();
  const ns = makeNamespace();
  each([...names].sort(), (name) => { values.set(name, undefined); defineExport(ns, name, () => values.get(name)); });
  return { id: identifier, kind: 'synthetic', status: 'linked', namespace: Object.preventExtensions(ns), values, deps: [], evaluation: undefined, evaluateSteps };
}

/** The module requests of a source text record, in order, once each. */
function moduleRequests(record) {
  const seen = new Set();
  const out = [];
  each(record.compiled.imports, (entry) => {
    if (seen.has(entry.specifier)) return;
    seen.add(entry.specifier);
    out.push({ specifier: entry.specifier, attributes: entry.attributes });
  });
  return out;
}

/** Sets a source text record's dependencies: `records` are its module requests' (in order). */
function setVmDependencies(record, records) {
  const bySpecifier = new Map(moduleRequests(record).map((request, i) => [request.specifier, records[i]]));
  record.deps = record.compiled.imports.map((entry) => bySpecifier.get(entry.specifier));
}

/** Links and instantiates the graph under `record` (every source text record in it has its
 *  dependencies set). */
function linkVmGraph(record) {
  link(record);
  instantiate(record);
  addStarExports(record);
  checkImports(record);
}

/** Evaluates the graph under a linked vm record: a promise (or undefined when synchronous). */
function evaluateVmGraph(record) {
  return afterInstantiation(record, () => evaluate(record));
}

module.exports = {
  runMain, mainExports, dynamicImport, formatOf, isModuleEntry, resolve, requireModule, packageType,
  sourceTextRecord, syntheticRecord, moduleRequests, setVmDependencies, linkVmGraph, evaluateVmGraph,
};
