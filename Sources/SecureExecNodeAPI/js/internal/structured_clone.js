'use strict';
// structuredClone: the HTML structured clone algorithm over guest values (no host involvement).

function dataCloneError(message) {
  const { DOMException } = require('internal/dom_exception');
  return new DOMException(message, 'DataCloneError');
}

function structuredClone(value, options) {
  if (arguments.length === 0) {
    throw new TypeError("Failed to execute 'structuredClone' on 'Window': 1 argument required, but only 0 present.");
  }
  const transfer = options && options.transfer;
  const memory = new Map();
  function clone(v) {
    if (v === null || (typeof v !== 'object' && typeof v !== 'function')) {
      if (typeof v === 'symbol') throw dataCloneError(`${String(v)} could not be cloned.`);
      return v;
    }
    if (typeof v === 'function') throw dataCloneError(`${String(v).slice(0, 60)} could not be cloned.`);
    if (memory.has(v)) return memory.get(v);
    let out;
    const tag = Object.prototype.toString.call(v);
    if (Array.isArray(v)) {
      out = new Array(v.length);
      memory.set(v, out);
      for (const key of Object.keys(v)) out[key] = clone(v[key]);
      return out;
    }
    switch (tag) {
      case '[object Date]': out = new Date(v.getTime()); break;
      case '[object RegExp]': out = new RegExp(v.source, v.flags); break;
      case '[object Boolean]': out = Object(Boolean.prototype.valueOf.call(v)); break;
      case '[object Number]': out = Object(Number.prototype.valueOf.call(v)); break;
      case '[object String]': out = Object(String.prototype.valueOf.call(v)); break;
      case '[object BigInt]': out = Object(BigInt.prototype.valueOf.call(v)); break;
      case '[object ArrayBuffer]': out = v.slice(0); break;
      case '[object Map]':
        out = new Map(); memory.set(v, out);
        for (const [k, val] of v) out.set(clone(k), clone(val));
        return out;
      case '[object Set]':
        out = new Set(); memory.set(v, out);
        for (const k of v) out.add(clone(k));
        return out;
      case '[object Error]': {
        const names = ['Error', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError'];
        const Ctor = globalThis[names.includes(v.name) ? v.name : 'Error'];
        out = new Ctor(v.message);
        memory.set(v, out);
        if ('stack' in v) out.stack = v.stack;
        if ('cause' in v) out.cause = clone(v.cause);
        return out;
      }
      default:
        if (ArrayBuffer.isView(v)) {
          const buffer = clone(v.buffer);
          out = tag === '[object DataView]'
            ? new DataView(buffer, v.byteOffset, v.byteLength)
            : new v.constructor(buffer, v.byteOffset, v.length);
          break;
        }
        if (tag !== '[object Object]' && tag !== '[object Arguments]') {
          throw dataCloneError(`${tag.slice(8, -1)} object could not be cloned.`);
        }
        out = {};
        memory.set(v, out);
        for (const key of Object.keys(v)) out[key] = clone(v[key]);
        return out;
    }
    memory.set(v, out);
    return out;
  }
  const result = clone(value);
  if (Array.isArray(transfer)) {
    for (const t of transfer) if (t instanceof ArrayBuffer && typeof t.transfer === 'function') t.transfer();
  }
  return result;
}

module.exports = { structuredClone };
