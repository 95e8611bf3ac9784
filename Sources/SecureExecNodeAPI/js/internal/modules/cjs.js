'use strict';
// CommonJS: Node's module loader over the sandbox's filesystem (every read passes the host's fs
// permission check). Builtins come from our embedded modules.

const path = require('path');
// Our builtin loader (module code below also names a guest `require`).
const requireBuiltin = require;
const { natives, settings } = internal;

const cache = Object.create(null);
const extensions = Object.create(null);

function Module(id = '', parent) {
  this.id = id;
  this.path = path.dirname(id);
  this.exports = {};
  this.filename = null;
  this.loaded = false;
  this.children = [];
  this.paths = [];
  Object.defineProperty(this, 'parent', { value: parent, writable: true, configurable: true, enumerable: false });
  if (parent && parent.children) parent.children.push(this);
}

Module._cache = cache;
Module._extensions = extensions;
Module.builtinModules = settings.builtins.filter((n) => !n.startsWith('internal/'));
Module.globalPaths = settings.modulePaths.slice();
Module.isBuiltin = function isBuiltin(name) {
  return typeof name === 'string' && internal.isPublicBuiltin(name.startsWith('node:') ? name.slice(5) : name);
};
Module.wrapper = ['(function (exports, require, module, __filename, __dirname) { ', '\n});'];
Module.wrap = (script) => Module.wrapper[0] + script + Module.wrapper[1];
Module.Module = Module;

// ---------------------------------------------------------------------------------------------
// Filesystem probes (through the host; a denied read is an EACCES error, as in Node).

// Resolution probes a path the guest may not read as absent and moves on (as a search through
// NODE_PATH-like folders must); reading the file it settles on still needs permission.
function statType(file) {
  try {
    return internal.call('fs.stat', { path: file, follow: true, probe: true });
  } catch {
    return undefined;
  }
}
function isFile(file) { const s = statType(file); return s !== undefined && s.type === 'file'; }
function isDirectory(file) { const s = statType(file); return s !== undefined && s.type === 'directory'; }
function readText(file) { return internal.call('fs.readFile', { path: file, encoding: 'utf8' }); }

// ---------------------------------------------------------------------------------------------
// Resolution

const resolveExtensions = ['.js', '.json', '.node'];

function tryExtensions(base) {
  for (const ext of resolveExtensions) {
    if (isFile(base + ext)) return base + ext;
  }
  return undefined;
}

function readPackage(dir) {
  const file = path.join(dir, 'package.json');
  if (!isFile(file)) return undefined;
  try {
    return JSON.parse(readText(file));
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
    const found = (isFile(main) && main) || tryExtensions(main) || tryIndex(main);
    if (found) return found;
  }
  return tryIndex(dir);
}

function tryIndex(dir) {
  return tryExtensions(path.join(dir, 'index'));
}

function resolveAsPath(target) {
  if (isFile(target)) return target;
  return tryExtensions(target) ?? (isDirectory(target) ? tryDirectory(target) : undefined);
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
  paths.push('/node_modules');
  return paths;
}
Module._nodeModulePaths = nodeModulePaths;

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
  if (typeof request !== 'string') {
    const { codes } = require('internal/errors');
    throw new codes.ERR_INVALID_ARG_TYPE('id', 'string', request);
  }
  if (request.startsWith('node:')) {
    if (internal.isPublicBuiltin(request.slice(5))) return request;
    const { codes } = require('internal/errors');
    throw new codes.ERR_UNKNOWN_BUILTIN_MODULE(request);
  }
  if (internal.isPublicBuiltin(request)) return request;
  const base = parent && parent.filename ? path.dirname(parent.filename) : process.cwd();
  if (request.startsWith('./') || request.startsWith('../') || request.startsWith('/') || request === '.' || request === '..') {
    const starts = options && Array.isArray(options.paths) ? options.paths.map((p) => path.resolve(process.cwd(), p)) : [base];
    for (const start of starts) {
      const found = resolveAsPath(path.resolve(start, request));
      if (found) return found;
    }
    throw notFound(request, parent);
  }
  const dirs = options && Array.isArray(options.paths)
    ? options.paths.flatMap((p) => nodeModulePaths(path.resolve(process.cwd(), p)))
    : [...(parent && parent.paths && parent.paths.length ? parent.paths : nodeModulePaths(base)), ...Module.globalPaths];
  const conditions = (options && options.conditions) || requireConditions;
  if (request.startsWith('#')) return resolveImports(request, base, conditions, parent);
  const { name, subpath } = splitPackageSpecifier(request);
  for (const dir of dirs) {
    // A package with an "exports" map resolves only through it.
    const packageDir = path.join(dir, name);
    const pkg = name.length > 0 && isDirectory(packageDir) ? readPackage(packageDir) : undefined;
    if (pkg && pkg.exports !== undefined && pkg.exports !== null) {
      return resolveExports(packageDir, pkg.exports, subpath, conditions, request, parent);
    }
    const found = resolveAsPath(path.join(dir, request));
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

/** `#name` through the nearest package.json's "imports" map (Node's PACKAGE_IMPORTS_RESOLVE). */
function resolveImports(request, fromDir, conditions, parent) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const pkg = readPackage(dir);
    if (pkg !== undefined) {
      if (pkg.imports !== null && typeof pkg.imports === 'object') {
        return resolveExports(dir, pkg.imports, request, conditions, request, parent, true);
      }
      break;
    }
    if (dir === '/') break;
  }
  const err = new TypeError(`Package import specifier "${request}" is not defined${parent && parent.filename ? ` imported from ${parent.filename}` : ''}`);
  err.code = 'ERR_PACKAGE_IMPORT_NOT_DEFINED';
  throw err;
}

/** Node's PACKAGE_EXPORTS_RESOLVE: subpaths, `*` patterns, condition objects, arrays (also the
 *  "imports" map, whose keys start with `#`). */
function resolveExports(packageDir, exportsField, subpath, conditions, request, parent, isImports = false) {
  let map = exportsField;
  const keys = map !== null && typeof map === 'object' && !Array.isArray(map) ? Object.keys(map) : [];
  const isSubpathMap = isImports || (keys.length > 0 && keys[0].startsWith('.'));
  if (!isSubpathMap) map = { '.': exportsField };
  let target;
  let match = '';
  if (Object.prototype.hasOwnProperty.call(map, subpath) && !subpath.includes('*')) {
    target = map[subpath];
  } else {
    // The longest pattern key whose prefix and suffix fit.
    let best;
    for (const key of Object.keys(map)) {
      const star = key.indexOf('*');
      if (star < 0) continue;
      const prefix = key.slice(0, star);
      const suffix = key.slice(star + 1);
      if (subpath.startsWith(prefix) && subpath.length >= key.length && subpath.endsWith(suffix) &&
          (best === undefined || prefix.length > best.prefix.length)) {
        best = { key, prefix, match: subpath.slice(prefix.length, subpath.length - suffix.length) };
      }
    }
    if (best !== undefined) {
      target = map[best.key];
      match = best.match;
    }
  }
  const resolved = resolveExportsTarget(packageDir, target, match, conditions);
  if (resolved === undefined || resolved === null) {
    const err = new Error(subpath === '.'
      ? `No "exports" main defined in ${path.join(packageDir, 'package.json')}`
      : `Package subpath '${subpath}' is not defined by "exports" in ${path.join(packageDir, 'package.json')}`);
    err.code = 'ERR_PACKAGE_PATH_NOT_EXPORTED';
    throw err;
  }
  if (!isFile(resolved)) throw notFound(request, parent);
  return resolved;
}

function resolveExportsTarget(packageDir, target, match, conditions) {
  if (typeof target === 'string') {
    if (!target.startsWith('./')) return undefined;
    const file = path.resolve(packageDir, target.replace(/\*/g, match));
    // A target may not leave its package.
    return file === packageDir || file.startsWith(packageDir + '/') ? file : undefined;
  }
  if (Array.isArray(target)) {
    for (const entry of target) {
      const found = resolveExportsTarget(packageDir, entry, match, conditions);
      if (found !== undefined && found !== null) return found;
    }
    return undefined;
  }
  if (target !== null && typeof target === 'object') {
    for (const key of Object.keys(target)) {
      if (key === 'default' || conditions.includes(key)) {
        const found = resolveExportsTarget(packageDir, target[key], match, conditions);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  }
  return target === null ? null : undefined;
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

const wrapperParameters = 'exports, require, module, __filename, __dirname, $se$dynamicImport, $se$error';

function compileWrapper(content, filename, allowAwait) {
  const original = stripShebang(content);
  const edits = [];
  const body = rewriteSource(original, edits);
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
    }
    throw err;
  }
}

extensions['.js'] = function (module, filename) {
  module._compile(readText(filename), filename);
};
extensions['.cjs'] = extensions['.js'];
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
  const wrapper = compileWrapper(content, filename, allowAwait);
  const require = makeRequire(this);
  const dynamicImport = (specifier, options) => requireBuiltin('internal/modules/esm').dynamicImport(specifier, filename, options);
  const result = Reflect.apply(wrapper, this.exports, [this.exports, require, this, filename, path.dirname(filename), dynamicImport, internal.errorStacks.normalize]);
  return result;
};

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

Module._load = function (request, parent, isMain) {
  const filename = resolveFilename(request, parent, isMain);
  if (filename.startsWith('node:')) return internal.loadPublicBuiltin(filename.slice(5));
  if (internal.isPublicBuiltin(filename)) return internal.loadPublicBuiltin(filename);
  const cached = cache[filename];
  if (cached !== undefined) return cached.exports;
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
    return resolveFilename(request, module, false, options);
  }
  resolve.paths = function paths(request) {
    if (internal.isPublicBuiltin(request) || request.startsWith('node:')) return null;
    if (request.startsWith('./') || request.startsWith('../')) return [module.filename ? path.dirname(module.filename) : process.cwd()];
    return [...module.paths, ...Module.globalPaths];
  };
  requireFn.resolve = resolve;
  requireFn.main = mainModule;
  requireFn.extensions = extensions;
  requireFn.cache = cache;
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
  module.paths = nodeModulePaths(path.dirname(filename));
  mainModule = module;
  process.mainModule = module;
  cache[filename] = module;
  const result = module._compile(code, filename, true);
  if (result !== undefined && typeof result.then === 'function') {
    internal.loop.trackMain(result);
  }
  module.loaded = true;
  return module;
}

module.exports = { Module, runMain };
