#!/usr/bin/env node
// Development aid: run a script under the host's node, with require('<builtin>') answered by our
// guest-side modules in Sources/SecureExecNodeAPI/js (same wrapper as in the sandbox).
'use strict';
const fs = require('fs');
const path = require('path');
const Module = require('module');
const root = path.join(__dirname, '..', 'Sources', 'SecureExecNodeAPI', 'js');
const cache = new Map();
function ours(name) {
  if (name.startsWith('node:')) name = name.slice(5);
  const file = path.join(root, name + '.js');
  if (!fs.existsSync(file)) return undefined;
  if (cache.has(name)) return cache.get(name).exports;
  const module = { exports: {} };
  cache.set(name, module);
  const src = fs.readFileSync(file, 'utf8');
  const fn = new Function('exports', 'require', 'module', 'process', 'internal', src);
  fn.call(module.exports, module.exports, builtinRequire, module, process, {});
  return module.exports;
}
function builtinRequire(name) {
  const m = ours(name);
  return m === undefined ? require(name) : m;
}
const origLoad = Module._load;
Module._load = function (request, parent, isMain) {
  const m = ours(request);
  return m === undefined ? origLoad.apply(this, arguments) : m;
};
require(path.resolve(process.argv[2]));
