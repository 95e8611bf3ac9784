'use strict';
// What `run()` returns: the entry's exports as JSON. Only JSON-like data crosses to the host;
// functions, symbols and bigints fail the call, as in the reference.

function describe(value) {
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  if (typeof value === 'symbol') return value.toString();
  return `${typeof value} ${String(value)}`;
}

function exportsToJSON(module) {
  if (module === undefined) return 'null';
  const value = module.esm !== undefined ? module.esm.mainExports() : module.exports;
  let text;
  try {
    text = JSON.stringify(value === undefined ? null : value, function (key, v) {
      if (typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint') {
        throw new TypeError(`${describe(v)} at ${key === '' ? 'exports' : `exports…${key}`} cannot be serialized`);
      }
      return v;
    });
  } catch (err) {
    throw new Error(`failed to serialize exports: ${err && err.message}`);
  }
  return text === undefined ? 'null' : text;
}

module.exports = { exportsToJSON };
