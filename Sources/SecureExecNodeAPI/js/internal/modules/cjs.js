'use strict';
// CommonJS: Node's module loader over the sandbox's filesystem (every read passes the host's fs
// permission check). Builtins come from our embedded modules.

const path = require('path');
// Our builtin loader (module code below also names a guest `require`).
const requireBuiltin = require;
const { natives, settings } = internal;
// Captured before guest code runs (guest code may replace JSON's methods).
const JSONParse = JSON.parse;
const JSONStringify = JSON.stringify;

const cache = Object.create(null);
const extensions = Object.create(null);

/** An own data property, whatever setters Object.prototype has (guest code may add them). */
function setOwn(object, key, value) {
  Object.defineProperty(object, key, { __proto__: null, value, writable: true, enumerable: true, configurable: true });
}

function Module(id = '', parent) {
  this.id = id;
  this.path = path.dirname(id);
  setOwn(this, 'exports', {});
  this.filename = null;
  this.loaded = false;
  this.children = [];
  this.paths = [];
  Object.defineProperty(this, 'parent', { __proto__: null, value: parent, writable: true, configurable: true, enumerable: false });
  if (parent && parent.children) parent.children.push(this);
}

Module._cache = cache;
Module._extensions = extensions;
Module.builtinModules = settings.builtins.filter((n) => !n.startsWith('internal/') && !internal.schemeOnlyBuiltins.has(n));
Module.globalPaths = settings.modulePaths.slice();
Module.isBuiltin = function isBuiltin(name) {
  return typeof name === 'string' && (name.startsWith('node:') ? internal.isPublicBuiltin(name.slice(5), true) : internal.isPublicBuiltin(name));
};
Module.wrapper = ['(function (exports, require, module, __filename, __dirname) { ', '\n});'];
Module.wrap = (script) => Module.wrapper[0] + script + Module.wrapper[1];
Module.Module = Module;

// ---------------------------------------------------------------------------------------------
// Filesystem probes (through the host; a denied read is an EACCES error, as in Node).

// Resolution probes a path the guest may not read as absent and moves on (as a search through
// NODE_PATH-like folders must); reading the file it settles on still needs permission.
// While the main module loads synchronously, what exists is remembered (as Node's statCache
// does); absences are always asked again, since the guest may create files meanwhile.
let statCache = null;
/** A resolution probe: the status, null for a missing path, undefined for one the guest may not
 *  stat (it counts as absent, but says nothing about what lies below it). */
function probe(file) {
  if (statCache !== null) {
    const known = statCache.get(file);
    if (known !== undefined) return known;
  }
  let result;
  try {
    result = internal.call('fs.stat', { path: file, follow: true, probe: true });
  } catch {
    return undefined;
  }
  return learn(file, result);
}
/** Keeps what a probe answered (see `probe`). */
function learn(file, result) {
  if (result === null || result === undefined) return null;
  if (result === false || typeof result !== 'object') return undefined;
  if (statCache !== null) statCache.set(file, result);
  if (typeof result.realPath === 'string') realPaths.set(file, result.realPath);
  return result;
}
function statType(file) { return probe(file) ?? undefined; }

/** The first of `candidates` that is a file, probed in order in one host round trip (Node tries
 *  them one by one; the host answers each status until the first file). `statuses[i]` is what
 *  `probe(candidates[i])` says, for those the host was asked about. */
function probeFirstFile(candidates) {
  const statuses = [];
  let i = 0;
  // What the main load already knows needs no trip.
  while (i < candidates.length && statCache !== null && statCache.get(candidates[i]) !== undefined) {
    const known = statCache.get(candidates[i]);
    statuses[i] = known;
    if (known.type === 'file') return { found: candidates[i], statuses };
    i++;
  }
  while (i < candidates.length) {
    const batch = candidates.slice(i, i + 64);
    let results;
    try {
      results = internal.call('fs.probeFiles', { paths: batch });
    } catch {
      results = undefined;
    }
    if (!Array.isArray(results)) {
      // One at a time (a path the host refused as an argument, e.g. too long).
      for (; i < candidates.length; i++) {
        statuses[i] = probe(candidates[i]);
        if (statuses[i] && statuses[i].type === 'file') return { found: candidates[i], statuses };
      }
      return { found: undefined, statuses };
    }
    for (let j = 0; j < results.length; j++, i++) {
      statuses[i] = learn(candidates[i], results[j]);
      if (statuses[i] && statuses[i].type === 'file') return { found: candidates[i], statuses };
    }
    if (results.length < batch.length) break;
  }
  return { found: undefined, statuses };
}

// Module files load from their real paths (symlinks resolved, as Node does without
// --preserve-symlinks), so a linked package finds its own dependencies beside its real folder.
const realPaths = new Map();
function isFile(file) { const s = statType(file); return s !== undefined && s.type === 'file'; }
function isDirectory(file) { const s = statType(file); return s !== undefined && s.type === 'directory'; }
function readText(file) { return internal.call('fs.readFile', { path: file, encoding: 'utf8' }); }

// ---------------------------------------------------------------------------------------------
// Resolution

// Index loops in the loader: guest code may break Array.prototype[Symbol.iterator] and still
// require modules (as in Node, whose loader uses primordials).

/** Extension probing tries every registered extension (`require.extensions`), in order. */
function tryExtensions(base, withBase = false) {
  const extensionList = Object.keys(extensions);
  const candidates = withBase ? [base] : [];
  for (let i = 0; i < extensionList.length; i++) candidates[candidates.length] = base + extensionList[i];
  return probeFirstFile(candidates);
}

// package.json files read once per call, as Node reads each once per process.
const packageCache = new Map();
function readPackage(dir) {
  if (packageCache.has(dir)) return packageCache.get(dir);
  const file = path.join(dir, 'package.json');
  if (!isFile(file)) {
    packageCache.set(dir, undefined);
    return undefined;
  }
  try {
    const parsed = JSON.parse(readText(file));
    // Only the file's own fields (a getter on Object.prototype must not answer for it).
    const fields = { __proto__: null };
    if (parsed !== null && typeof parsed === 'object') {
      const keys = ['name', 'main', 'exports', 'imports', 'type'];
      for (let i = 0; i < keys.length; i++) {
        if (Object.prototype.hasOwnProperty.call(parsed, keys[i])) fields[keys[i]] = parsed[keys[i]];
      }
    }
    packageCache.set(dir, fields);
    return fields;
  } catch (err) {
    if (err && err.code === 'EACCES') throw err;
    err.path = file;
    err.message = `Error parsing ${file}: ${err.message}`;
    throw err;
  }
}

function tryDirectory(dir) {
  const pkg = readPackage(dir);
  if (pkg && typeof pkg.main === 'string' && pkg.main.length > 0) {
    const main = path.resolve(dir, pkg.main);
    const found = tryExtensions(main, true).found || tryIndex(main);
    if (found) return found;
  }
  return tryIndex(dir);
}

function tryIndex(dir) {
  return tryExtensions(path.join(dir, 'index')).found;
}

/** The file itself, with an extension, or as a folder (Node's LOAD_AS_FILE, LOAD_AS_DIRECTORY). */
function resolveAsPath(target) {
  const { found, statuses } = tryExtensions(target, true);
  if (found !== undefined) return found;
  const own = statuses[0];
  return own !== null && own !== undefined && own.type === 'directory' ? tryDirectory(target) : undefined;
}

function nodeModulePaths(from) {
  from = path.resolve(from);
  if (from === '/') return ['/node_modules'];
  const paths = [];
  const parts = from.split('/');
  for (let i = parts.length; i > 0; i--) {
    if (parts[i - 1] === 'node_modules') continue;
    const dir = parts.slice(0, i).join('/') || '/';
    paths.push(path.join(dir, 'node_modules'));
  }
  return paths;
}
Module._nodeModulePaths = nodeModulePaths;

/** Where a request is looked up: null for builtins, the parent's folder for relative requests,
 *  the node_modules chain plus the global paths for bare ones. */
function resolveLookupPaths(request, parent) {
  if (internal.isPublicBuiltin(request) || (request.startsWith('node:') && internal.isPublicBuiltin(request.slice(5), true))) return null;
  if (request === '.' || request === '..' || request.startsWith('./') || request.startsWith('../')) {
    return [parent && parent.id && parent.filename ? path.dirname(parent.filename) : '.'];
  }
  const own = parent && Array.isArray(parent.paths) && parent.paths.length > 0 ? parent.paths : nodeModulePaths(process.cwd());
  return own.concat(Module.globalPaths);
}
Module._resolveLookupPaths = resolveLookupPaths;
Module._pathCache = { __proto__: null };
Module._stat = function _stat(filename) {
  const s = statType(String(filename));
  return s === undefined ? -2 : s.type === 'directory' ? 1 : 0;
};
Module._findPath = function _findPath(request, paths, isMain) {
  const absolute = path.isAbsolute(request);
  const searchDirs = absolute ? [''] : (paths ?? []);
  for (let i = 0; i < searchDirs.length; i++) {
    const dir = searchDirs[i];
    const found = resolveAsPath(absolute ? request : path.resolve(dir, request));
    if (found) return realPaths.get(found) ?? found;
  }
  return false;
};
Module._initPaths = function _initPaths() { Module.globalPaths = settings.modulePaths.slice(); };
Module._preloadModules = function _preloadModules(requests) {
  if (!Array.isArray(requests)) return;
  const parent = new Module('internal/preload', null);
  parent.paths = nodeModulePaths(process.cwd());
  for (const request of requests) parent.require(request);
};
Module.runMain = function runMain_() {
  const err = new Error('Module.runMain is not supported in sandbox: the host runs the entry');
  err.code = 'ERR_NOT_SUPPORTED_IN_SANDBOX';
  throw err;
};
Module.syncBuiltinESMExports = function syncBuiltinESMExports() {};
Module.findSourceMap = function findSourceMap() { return undefined; };
Module.SourceMap = class SourceMap {
  constructor(payload) { this.payload = payload; }
  findEntry() { return {}; }
  findOrigin() { return {}; }
};
Module.register = function register() {
  const err = new Error('module.register (customization hooks) is not supported in sandbox');
  err.code = 'ERR_NOT_SUPPORTED_IN_SANDBOX';
  throw err;
};
Module.constants = Object.freeze({ compileCacheStatus: Object.freeze({ FAILED: 0, ENABLED: 1, ALREADY_ENABLED: 2, DISABLED: 3 }) });
Module.enableCompileCache = function enableCompileCache() {
  return { status: Module.constants.compileCacheStatus.DISABLED, message: 'compiled code is cached by the sandbox itself' };
};
Module.getCompileCacheDir = function getCompileCacheDir() { return undefined; };
Module._debug = function _debug() {};
/** The nearest package.json at or above what `specifier` resolves to from `base`. */
Module.findPackageJSON = function findPackageJSON(specifier, base) {
  if (specifier instanceof URL) specifier = require('url').fileURLToPath(specifier);
  if (base instanceof URL || (typeof base === 'string' && base.startsWith('file:'))) base = require('url').fileURLToPath(base);
  let start;
  if (typeof specifier === 'string' && specifier.startsWith('file:')) start = require('url').fileURLToPath(specifier);
  else if (typeof specifier === 'string' && path.isAbsolute(specifier)) start = specifier;
  else {
    const parent = new Module(base, null);
    parent.filename = base;
    parent.paths = nodeModulePaths(path.dirname(base));
    start = resolveFilename(specifier, parent, false);
  }
  for (let dir = path.dirname(start); ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (isFile(file)) return file;
    if (dir === '/') return undefined;
  }
};
Module.stripTypeScriptTypes = function stripTypeScriptTypes() {
  const err = new Error('module.stripTypeScriptTypes is not supported in sandbox');
  err.code = 'ERR_NOT_SUPPORTED_IN_SANDBOX';
  throw err;
};

function notFound(request, parent) {
  const stack = [];
  for (let m = parent; m; m = m.parent) if (m.filename || m.id) stack.push(m.filename || m.id);
  let message = `Cannot find module '${request}'`;
  if (stack.length > 0) message += `\nRequire stack:\n- ${stack.join('\n- ')}`;
  const err = new Error(message);
  err.code = 'MODULE_NOT_FOUND';
  err.requireStack = stack;
  return err;
}

function resolveFilename(request, parent, isMain, options) {
  const found = resolveFilenameAsIs(request, parent, isMain, options);
  return realPaths.get(found) ?? found;
}

function resolveFilenameAsIs(request, parent, isMain, options) {
  if (typeof request !== 'string') {
    const { codes } = require('internal/errors');
    throw new codes.ERR_INVALID_ARG_TYPE('id', 'string', request);
  }
  if (request.startsWith('node:')) {
    if (internal.isPublicBuiltin(request.slice(5), true)) return request;
    const { codes } = require('internal/errors');
    throw new codes.ERR_UNKNOWN_BUILTIN_MODULE(request);
  }
  if (internal.isPublicBuiltin(request)) return request;
  const base = parent && parent.filename ? path.dirname(parent.filename) : process.cwd();
  if (request.startsWith('./') || request.startsWith('../') || request.startsWith('/') || request === '.' || request === '..') {
    // A request ending in a slash, `.` or `..` names a folder: no file or extension is tried.
    const folderOnly = request.endsWith('/') || request === '.' || request === '..' || request.endsWith('/.') || request.endsWith('/..');
    const starts = options && Array.isArray(options.paths) ? options.paths.map((p) => path.resolve(process.cwd(), p)) : [base];
    const startList = starts;
    for (let i = 0; i < startList.length; i++) {
      const start = startList[i];
      const target = path.resolve(start, request);
      const found = folderOnly ? (isDirectory(target) ? tryDirectory(target) : undefined) : resolveAsPath(target);
      if (found) return found;
    }
    throw notFound(request, parent);
  }
  const dirs = options && Array.isArray(options.paths)
    ? options.paths.flatMap((p) => nodeModulePaths(path.resolve(process.cwd(), p)))
    : (parent && parent.paths && parent.paths.length ? parent.paths : nodeModulePaths(base)).concat(Module.globalPaths);
  const conditions = (options && options.conditions) || requireConditions;
  if (request.startsWith('#')) {
    const found = resolveImports(request, base, conditions, parent, options !== undefined && options.esm === true);
    if (found !== undefined) return found;
  }
  const { name, subpath } = splitPackageSpecifier(request);
  // A package may import itself by its own name, through its "exports" (PACKAGE_SELF_RESOLVE).
  if (parent && parent.filename && !(options && Array.isArray(options.paths))) {
    for (let dir = base; ; dir = path.dirname(dir)) {
      const own = readPackage(dir);
      if (own !== undefined) {
        if (own.name === name && own.exports !== undefined && own.exports !== null) {
          return resolveExports(dir, own.exports, subpath, conditions, request, parent, options !== undefined && options.esm === true);
        }
        break;
      }
      if (dir === '/') break;
    }
  }
  const dirList = dirs;
  for (let i = 0; i < dirList.length; i++) {
    const dir = dirList[i];
    // Nothing lies below a folder that does not exist: one probe instead of one per candidate
    // (a folder the guest may not stat is searched as usual).
    if (probe(dir) === null) continue;
    // A package with an "exports" map resolves only through it.
    const packageDir = path.join(dir, name);
    const packageStatus = name.length > 0 ? probe(packageDir) : undefined;
    const candidate = path.join(dir, request);
    if (packageStatus === null && candidate.startsWith(packageDir + '/')) continue;
    const pkg = packageStatus && packageStatus.type === 'directory' ? readPackage(packageDir) : undefined;
    if (pkg && pkg.exports !== undefined && pkg.exports !== null) {
      return resolveExports(packageDir, pkg.exports, subpath, conditions, request, parent, options !== undefined && options.esm === true);
    }
    const found = resolveAsPath(candidate);
    if (found) return found;
  }
  throw notFound(request, parent);
}
Module._resolveFilename = resolveFilename;

const requireConditions = ['node', 'require', 'default'];

/** `@scope/pkg/sub/path` → { name: '@scope/pkg', subpath: './sub/path' }. */
function splitPackageSpecifier(request) {
  const parts = request.split('/');
  const count = request.startsWith('@') ? 2 : 1;
  const name = parts.slice(0, count).join('/');
  const rest = parts.slice(count).join('/');
  return { name, subpath: rest.length > 0 ? `./${rest}` : '.' };
}

/** `#name` through the nearest package.json's "imports" map (Node's PACKAGE_IMPORTS_RESOLVE).
 *  For `require`, a nearest package.json without "imports" lets the request go on as a package
 *  name (Node's CommonJS back-compat); `import` fails. */
function resolveImports(request, fromDir, conditions, parent, esm) {
  const errs = require('internal/errors').codes;
  const base = parent && parent.filename ? parent.filename : undefined;
  if (request === '#' || request.startsWith('#/') || request.endsWith('/')) {
    throw new errs.ERR_INVALID_MODULE_SPECIFIER(request, 'is not a valid internal imports specifier name', base);
  }
  let packageDir;
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const pkg = readPackage(dir);
    if (pkg !== undefined) {
      packageDir = dir;
      if (pkg.imports !== null && typeof pkg.imports === 'object') {
        const found = resolveMap(dir, pkg.imports, request, conditions, base, true);
        if (found !== null && found !== undefined) return found;
      } else if (!esm) {
        return undefined;
      }
      break;
    }
    if (dir === '/') break;
  }
  if (packageDir === undefined && !esm) return undefined;
  throw new errs.ERR_PACKAGE_IMPORT_NOT_DEFINED(request, packageDir === undefined ? undefined : `${packageDir === '/' ? '' : packageDir}/`, base);
}

/** Node's PACKAGE_EXPORTS_RESOLVE for `subpath` ('.' or './x') of the package in `packageDir`. */
function resolveExports(packageDir, exportsField, subpath, conditions, request, parent, esm) {
  const base = esm && parent && parent.filename ? parent.filename : undefined;
  let map = exportsField;
  const keys = map !== null && typeof map === 'object' && !Array.isArray(map) ? Object.keys(map) : [];
  if (keys.length > 0) {
    const dotted = keys[0].startsWith('.');
    for (let i = 1; i < keys.length; i++) {
      if (keys[i].startsWith('.') !== dotted) {
        throw new (require('internal/errors').codes.ERR_INVALID_PACKAGE_CONFIG)(path.join(packageDir, 'package.json'), base,
          '"exports" cannot contain some keys starting with \'.\' and some not. The exports object must either be an object of package subpath keys or an object of main entry condition name keys only.');
      }
    }
  }
  if (typeof map === 'string' || Array.isArray(map) || keys.length === 0 || !keys[0].startsWith('.')) map = { '.': exportsField };
  const found = resolveMap(packageDir, map, subpath, conditions, base, false);
  if (found === null || found === undefined) {
    throw new (require('internal/errors').codes.ERR_PACKAGE_PATH_NOT_EXPORTED)(`${packageDir}/`, subpath, base);
  }
  return found;
}

/** An "exports" or "imports" map: the exact key, else the best `*` pattern (Node's
 *  PACKAGE_IMPORTS_EXPORTS_RESOLVE). A file path, or null/undefined for no match. */
function resolveMap(packageDir, map, key, conditions, base, isImports) {
  if (Object.prototype.hasOwnProperty.call(map, key) && !key.includes('*') && !key.endsWith('/')) {
    return resolveTarget(packageDir, map[key], '', key, base, false, isImports, conditions);
  }
  let best;
  let bestMatch = '';
  const keyList = Object.keys(map);
  for (let i = 0; i < keyList.length; i++) {
    const candidate = keyList[i];
    const star = candidate.indexOf('*');
    if (star < 0 || candidate.lastIndexOf('*') !== star || !key.startsWith(candidate.slice(0, star))) continue;
    const trailer = candidate.slice(star + 1);
    // Node's PATTERN_KEY_COMPARE: the longer prefix, then the longer key.
    if (key.length >= candidate.length && key.endsWith(trailer) &&
        (best === undefined || star > best.indexOf('*') || (star === best.indexOf('*') && candidate.length > best.length))) {
      best = candidate;
      bestMatch = key.slice(star, key.length - trailer.length);
    }
  }
  if (best === undefined) return undefined;
  return resolveTarget(packageDir, map[best], bestMatch, best, base, true, isImports, conditions);
}

// Segments a target or a pattern match may not contain (`.`, `..`, `node_modules`, also
// percent-encoded); empty segments are only deprecated.
const invalidSegment = /(^|\\|\/)((\.|%2e)(\.|%2e)?|(n|%6e|%4e)(o|%6f|%4f)(d|%64|%44)(e|%65|%45)(_|%5f)(m|%6d|%4d)(o|%6f|%4f)(d|%64|%44)(u|%75|%55)(l|%6c|%4c)(e|%65|%45)(s|%73|%53))?(\\|\/|$)/i;
const forbiddenSegment = /(^|\\|\/)((\.|%2e)(\.|%2e)?|(n|%6e|%4e)(o|%6f|%4f)(d|%64|%44)(e|%65|%45)(_|%5f)(m|%6d|%4d)(o|%6f|%4f)(d|%64|%44)(u|%75|%55)(l|%6c|%4c)(e|%65|%45)(s|%73|%53))(\\|\/|$)/i;

function invalidTarget(packageDir, key, target, isImports, base) {
  const shown = typeof target === 'object' && target !== null ? JSON.stringify(target, null, '') : `${target}`;
  return new (require('internal/errors').codes.ERR_INVALID_PACKAGE_TARGET)(`${packageDir}/`, key, shown, isImports, base);
}

/** Node's PACKAGE_TARGET_RESOLVE: a file path, null (excluded), or undefined (no condition met). */
function resolveTarget(packageDir, target, match, key, base, pattern, isImports, conditions) {
  if (typeof target === 'string') return resolveTargetString(packageDir, target, match, key, base, pattern, isImports, conditions);
  if (Array.isArray(target)) {
    if (target.length === 0) return null;
    let last;
    for (let i = 0; i < target.length; i++) {
      let found;
      try {
        found = resolveTarget(packageDir, target[i], match, key, base, pattern, isImports, conditions);
      } catch (err) {
        last = err;
        if (err && err.code === 'ERR_INVALID_PACKAGE_TARGET') continue;
        throw err;
      }
      if (found === undefined) continue;
      if (found === null) { last = null; continue; }
      return found;
    }
    if (last === undefined || last === null) return last;
    throw last;
  }
  if (target !== null && typeof target === 'object') {
    const targetKeys = Object.keys(target);
    for (let i = 0; i < targetKeys.length; i++) {
      const condition = targetKeys[i];
      if (/^\d+$/.test(condition)) {
        throw new (require('internal/errors').codes.ERR_INVALID_PACKAGE_CONFIG)(path.join(packageDir, 'package.json'), base,
          '"exports" cannot contain numeric property keys.');
      }
    }
    for (let i = 0; i < targetKeys.length; i++) {
      const condition = targetKeys[i];
      if (condition === 'default' || conditions.includes(condition)) {
        const found = resolveTarget(packageDir, target[condition], match, key, base, pattern, isImports, conditions);
        if (found === undefined) continue;
        return found;
      }
    }
    return undefined;
  }
  if (target === null) return null;
  throw invalidTarget(packageDir, key, target, isImports, base);
}

function resolveTargetString(packageDir, target, match, key, base, pattern, isImports, conditions) {
  if (match !== '' && !pattern && !target.endsWith('/')) throw invalidTarget(packageDir, key, target, isImports, base);
  const substitute = (text) => (pattern ? text.replace(/\*/g, () => match) : text + match);
  if (!target.startsWith('./')) {
    if (isImports && !target.startsWith('../') && !target.startsWith('/') && !/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(target)) {
      // An "imports" target naming another package resolves as that package, from this one.
      const from = new Module(path.join(packageDir, 'package.json'), null);
      from.filename = path.join(packageDir, 'package.json');
      from.paths = nodeModulePaths(packageDir);
      return resolveFilenameAsIs(substitute(target), from, false, { conditions });
    }
    throw invalidTarget(packageDir, key, target, isImports, base);
  }
  if (forbiddenSegment.test(target.slice(2))) throw invalidTarget(packageDir, key, target, isImports, base);
  const resolvedTarget = path.resolve(packageDir, target);
  if (resolvedTarget !== packageDir && !resolvedTarget.startsWith(packageDir === '/' ? '/' : `${packageDir}/`)) {
    throw invalidTarget(packageDir, key, target, isImports, base);
  }
  if (match !== '' && forbiddenSegment.test(match)) {
    const request = pattern ? key.replace('*', () => match) : key + match;
    throw new (require('internal/errors').codes.ERR_INVALID_MODULE_SPECIFIER)(request,
      `request is not a valid match in pattern "${key}" for the "${isImports ? 'imports' : 'exports'}" resolution of ${path.join(packageDir, 'package.json')}`, base);
  }
  const text = match === '' ? target : substitute(target);
  // The result is a URL in Node: an encoded separator is refused, other escapes decoded.
  if (/%2f|%5c/i.test(text)) {
    throw new (require('internal/errors').codes.ERR_INVALID_MODULE_SPECIFIER)(
      path.join(packageDir, text), 'must not include encoded "/" or "\\" characters', base);
  }
  let decoded = text;
  if (text.includes('%')) {
    try { decoded = decodeURIComponent(text); } catch { decoded = text; }
  }
  // Empty segments (`a//b`) are deprecated in targets and matches, not refused: kept as written.
  const file = packageDir + (packageDir === '/' ? '' : '/') + decoded.slice(2);
  if (!isFile(file)) {
    // `import` (its conditions) says what a folder is; `require` finds no module there.
    if (conditions.includes('import') && isDirectory(file)) {
      const err = new Error(`Directory import '${file}' is not supported resolving ES modules imported from ${base}`);
      err.code = 'ERR_UNSUPPORTED_DIR_IMPORT';
      err.url = require('url').pathToFileURL(file).href;
      throw err;
    }
    const err = notFound(file, null);
    err.path = path.join(packageDir, 'package.json');
    throw err;
  }
  return file;
}

// ---------------------------------------------------------------------------------------------
// Loading

function stripShebang(content) {
  return content.charCodeAt(0) === 35 && content.charCodeAt(1) === 33 ? `//${content.slice(2)}` : content;
}

/** Guest source as we compile it, from the lexer's tokens (never matching text):
 *  - `import(…)` goes to our ES module loader (JSC's own rejects): the real `import(` tokens
 *    (never in strings, comments or `.import(`) are renamed;
 *  - every `catch (e) {` clause first passes `e` to `$se$error` (internal/error_stacks
 *    normalize: engine errors in V8's words, with a V8 stack). Line breaks never move. */
function rewriteSource(source, edits) {
  const hasImport = source.includes('import');
  if (!hasImport && !source.includes('catch')) return source;
  const { tokenize } = require('internal/modules/esm_transform');
  let tokens;
  try { tokens = tokenize(source); } catch { return source; }
  let out = '';
  let last = 0;
  for (let i = 0; i < tokens.length - 1; i++) {
    const t = tokens[i];
    if (t.type !== 'name') continue;
    if (hasImport && t.value === 'import' && tokens[i + 1].value === '(' && !(i > 0 && tokens[i - 1].value === '.')) {
      out += source.slice(last, t.start) + '$se$dynamicImport';
      edits.push({ start: t.start, end: t.end, added: 17 });
      last = t.end;
    } else if (t.value === 'catch' && i > 0 && tokens[i - 1].type === 'punct' && tokens[i - 1].value === '}' &&
      tokens[i + 1].value === '(' && tokens[i + 2]?.type === 'name' && tokens[i + 3]?.value === ')' &&
      tokens[i + 4]?.value === '{') {
      // `} catch (e) {` (or a method named catch after a class member, where the call is harmless).
      const brace = tokens[i + 4];
      const call = `$se$error(${source.slice(tokens[i + 2].start, tokens[i + 2].end)});`;
      out += source.slice(last, brace.end) + call;
      edits.push({ start: brace.end, end: brace.end, added: call.length });
      last = brace.end;
      i += 4;
    }
  }
  return last === 0 ? source : out + source.slice(last);
}

/** `rewriteSource` through the runtime's module cache (ModuleCompileCache on the host side):
 *  a file whose text is the same as in an earlier call of this runtime skips the lexer. */
function rewriteSourceCached(source, filename, edits) {
  if (!source.includes('import') && !source.includes('catch')) return source;
  const stored = natives.moduleCacheGet('cjs', filename, source);
  if (stored !== undefined) {
    const split = stored.indexOf('\n');
    const storedEdits = JSONParse(stored.slice(0, split));
    for (let i = 0; i < storedEdits.length; i++) edits[edits.length] = storedEdits[i];
    return split + 1 === stored.length ? source : stored.slice(split + 1);
  }
  const body = rewriteSource(source, edits);
  natives.moduleCacheSet('cjs', filename, source, `${JSONStringify(edits)}\n${body === source ? '' : body}`);
  return body;
}

const wrapperParameters = 'exports, require, module, __filename, __dirname, $se$dynamicImport, $se$error';

function compileWrapper(content, filename, allowAwait) {
  const original = stripShebang(content);
  const edits = [];
  const body = rewriteSourceCached(original, filename, edits);
  const compile = (kind, text) => {
    const head = `(${kind} (${wrapperParameters}) { `;
    const fn = natives.compile(`${head}${text}\n})`, filename);
    internal.errorStacks.registerFile(filename, head.length, false, original, text === body ? edits : undefined);
    return fn;
  };
  try {
    return compile('function', body);
  } catch (err) {
    // Top-level await is allowed in the entry: retry as an async function.
    if (err instanceof SyntaxError) {
      if (allowAwait) {
        try { return compile('async function', body); } catch { /* report the first error */ }
      }
      // Our rewrite must never be why code does not compile: retry without it.
      if (body !== original) {
        try { return compile('function', original); } catch { /* the first error */ }
        if (allowAwait) {
          try { return compile('async function', original); } catch { /* the first error */ }
        }
      }
      internal.errorStacks.locateEngineSyntaxError(err, filename, original);
    }
    throw err;
  }
}

/** `require()` of an ES module (Node 22.12+): a synchronous graph's namespace, or what it exports
 *  as "module.exports"; a graph with top-level await is ERR_REQUIRE_ASYNC_MODULE. */
function loadESM(module, filename) {
  const parentFile = module.parent && module.parent.filename ? module.parent.filename : undefined;
  module.exports = requireBuiltin('internal/modules/esm').requireModule(filename, parentFile);
}

extensions['.js'] = function (module, filename) {
  // `.mjs` and `.cjs` have no loaders of their own (as in Node): this one knows them.
  if (filename.endsWith('.mjs')) return loadESM(module, filename);
  if (filename.endsWith('.cjs')) return module._compile(readText(filename), filename);
  const esm = () => requireBuiltin('internal/modules/esm');
  const type = filename.endsWith('.js') ? esm().packageType(path.dirname(filename)) : undefined;
  if (type === 'module') return loadESM(module, filename);
  const content = readText(filename);
  let wrapper;
  try {
    wrapper = compileWrapper(content, filename, false);
  } catch (err) {
    // Outside a package that says, a file that only parses as a module is one (Node 22's
    // syntax detection).
    if (err instanceof SyntaxError && type === undefined && mentionsModuleSyntax(content) &&
        esm().isModuleEntry(content, filename)) {
      return loadESM(module, filename);
    }
    throw err;
  }
  runWrapper(module, wrapper, filename);
};

extensions['.json'] = function (module, filename) {
  const content = readText(filename);
  try {
    module.exports = JSON.parse(content.charCodeAt(0) === 0xfeff ? content.slice(1) : content);
  } catch (err) {
    err.message = `${filename}: ${err.message}`;
    throw err;
  }
};
extensions['.node'] = function (module, filename) {
  const err = new Error(`Cannot load native addon '${filename}': native addons are not supported in sandbox`);
  err.code = 'ERR_DLOPEN_DISABLED';
  throw err;
};

Module.prototype._compile = function (content, filename, allowAwait = false) {
  return runWrapper(this, compileWrapper(content, filename, allowAwait), filename);
};

function runWrapper(module, wrapper, filename) {
  const require = makeRequire(module);
  const dynamicImport = (specifier, options) => requireBuiltin('internal/modules/esm').dynamicImport(specifier, filename, options);
  return Reflect.apply(wrapper, module.exports, [module.exports, require, module, filename, path.dirname(filename), dynamicImport,
    internal.errorStacks.normalize]);
}

Module.prototype.load = function (filename) {
  this.filename = filename;
  this.paths = nodeModulePaths(path.dirname(filename));
  const ext = path.extname(filename);
  const loader = extensions[ext] ?? extensions['.js'];
  loader(this, filename);
  this.loaded = true;
};

Module.prototype.require = function (id) {
  if (typeof id !== 'string') {
    const { codes } = require('internal/errors');
    throw new codes.ERR_INVALID_ARG_TYPE('id', 'string', id);
  }
  if (id === '') {
    const { codes } = require('internal/errors');
    throw new codes.ERR_INVALID_ARG_VALUE('id', id, 'must be a non-empty string');
  }
  return Module._load(id, this, false);
};

/** A module required again by another parent becomes one of its children too (once). */
function updateChildren(parent, child) {
  const children = parent && parent.children;
  if (Array.isArray(children) && !children.includes(child)) children.push(child);
}

// Relative requests already resolved from a folder (Node's relativeResolveCache).
const relativeResolveCache = { __proto__: null };

Module._load = function (request, parent, isMain) {
  let relativeKey;
  if (parent && typeof parent.path === 'string' && (request.startsWith('./') || request.startsWith('../'))) {
    relativeKey = `${parent.path}\x00${request}`;
    const known = relativeResolveCache[relativeKey];
    if (known !== undefined) {
      const cachedModule = cache[known];
      if (cachedModule !== undefined) {
        updateChildren(parent, cachedModule);
        return cachedModule.exports;
      }
      delete relativeResolveCache[relativeKey];
    }
  }
  // `node:` requests bypass the cache; other builtins can be overridden through it (Node).
  if (request.startsWith('node:')) return internal.loadPublicBuiltin(resolveFilename(request, parent, isMain).slice(5));
  const filename = resolveFilename(request, parent, isMain);
  const cached = cache[filename];
  if (cached !== undefined) {
    updateChildren(parent, cached);
    if (relativeKey !== undefined) relativeResolveCache[relativeKey] = filename;
    return cached.exports;
  }
  if (filename.startsWith('node:')) return internal.loadPublicBuiltin(filename.slice(5));
  if (internal.isPublicBuiltin(filename)) return internal.loadPublicBuiltin(filename);
  if (relativeKey !== undefined) relativeResolveCache[relativeKey] = filename;
  const module = new Module(filename, parent);
  cache[filename] = module;
  let threw = true;
  try {
    module.load(filename);
    threw = false;
  } finally {
    if (threw) delete cache[filename];
  }
  return module.exports;
};

function makeRequire(module) {
  const requireFn = function require(id) { return module.require(id); };
  function resolve(request, options) {
    if (typeof request !== 'string') {
      const { codes } = require('internal/errors');
      throw new codes.ERR_INVALID_ARG_TYPE('request', 'string', request);
    }
    if (request.startsWith('node:') && !internal.isPublicBuiltin(request.slice(5), true)) throw notFound(request, module);
    if (options !== undefined && options !== null && options.paths !== undefined && !Array.isArray(options.paths)) {
      const { codes } = require('internal/errors');
      throw new codes.ERR_INVALID_ARG_VALUE('options.paths', options.paths);
    }
    return resolveFilename(request, module, false, options);
  }
  resolve.paths = function paths(request) {
    if (typeof request !== 'string') {
      const { codes } = require('internal/errors');
      throw new codes.ERR_INVALID_ARG_TYPE('request', 'string', request);
    }
    return resolveLookupPaths(request, module);
  };
  setOwn(requireFn, 'resolve', resolve);
  setOwn(requireFn, 'main', mainModule);
  setOwn(requireFn, 'extensions', extensions);
  setOwn(requireFn, 'cache', cache);
  return requireFn;
}

Module.createRequire = function createRequire(filename) {
  if (filename instanceof URL || (typeof filename === 'string' && filename.startsWith('file:'))) {
    filename = require('url').fileURLToPath(filename);
  }
  if (typeof filename !== 'string' || !path.isAbsolute(filename)) {
    const { codes } = require('internal/errors');
    throw new codes.ERR_INVALID_ARG_VALUE('filename', filename, 'must be a file URL object, file URL string, or absolute path string');
  }
  const module = new Module(filename, null);
  module.filename = filename;
  module.paths = nodeModulePaths(path.dirname(filename));
  return makeRequire(module);
};

// ---------------------------------------------------------------------------------------------
// The entry

let mainModule;

/** Runs the call's entry code as the main module. Returns the module (or, for an ES module
 *  entry, an object whose `esm` is the loader). */
/** Whether `code` can contain module syntax at all (keywords cannot be written with escapes). */
const moduleKeyword = /\b(?:import|export)\b/;
function mentionsModuleSyntax(code) {
  return moduleKeyword.test(code);
}

function runMain(code, filename, kind) {
  // Code passed as a string (`[eval]`) has no package: without `import`/`export` it is CommonJS,
  // decided without loading the module compiler.
  const base = path.basename(filename);
  const evalEntry = (base === '[eval].js' || base === '[eval]') && !filename.endsWith('.mjs');
  if (!evalEntry || mentionsModuleSyntax(code)) {
    const esm = require('internal/modules/esm');
    if (esm.isModuleEntry(code, filename)) {
      esm.runMain(code, filename);
      return { esm };
    }
  }
  const module = new Module('.', null);
  module.filename = filename;
  module.path = evalEntry ? '.' : path.dirname(filename);
  module.paths = nodeModulePaths(path.dirname(filename));
  mainModule = module;
  setOwn(process, 'mainModule', module);
  cache[filename] = module;
  statCache = new Map();
  let result;
  try {
    result = module._compile(code, filename, true);
  } finally {
    statCache = null;
  }
  if (result !== undefined && typeof result.then === 'function') {
    internal.loop.trackMain(result);
  }
  module.loaded = true;
  return module;
}

/** Takes, while a context is prepared (before its call exists), the side-effect-free steps of a
 *  call's entry, so that the engine has run through their code once before the call's clock
 *  starts (the first run of code in a context costs several times the later ones). Nothing it
 *  makes is kept. */
function prime() {
  // A folder below the root, as a call's usually is: the root takes a shortcut, and code not
  // run here (path.join, …) costs tens of microseconds the first time a call runs it.
  mentionsModuleSyntax(path.basename('/prime/folder/[eval].js'));
  makeRequire(new Module('.', null)).paths = nodeModulePaths(path.dirname('/prime/folder/[eval].js'));
  // An empty module through the whole compile-and-run path (not cached, not the main module).
  const module = new Module('.', null);
  module.filename = '/[prime].js';
  runWrapper(module, compileWrapper('', module.filename, true), module.filename);
  internal.loop.runGuarded(() => {});
}

module.exports = { Module, runMain, prime };
