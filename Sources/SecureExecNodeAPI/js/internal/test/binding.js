'use strict';
// `require('internal/test/binding')` under --expose-internals, as Node's own tests use it.
// Node hands out its C++ bindings here; we have none, so `internalBinding(name)` answers from
// our JavaScript only for the bindings whose contents are plain data or inspection helpers, and
// throws Node's "No such binding" for every other one. Nothing here reaches the host.

const { uvErrmap } = require('internal/errors');

process.emitWarning('These APIs are for internal testing only. Do not use them.', 'internal/test/binding');

function uvBinding() {
  const binding = {
    errname(err) {
      const entry = uvErrmap.get(err);
      return entry === undefined ? `Unknown system error ${err}` : entry[0];
    },
    getErrorMap() { return new Map(uvErrmap); },
  };
  for (const [errno, [name]] of uvErrmap) binding[`UV_${name}`] = errno;
  return binding;
}

function constantsBinding() {
  const os = require('os').constants;
  const fs = require('fs').constants;
  const crypto = require('crypto').constants;
  const zlib = require('zlib').constants;
  return {
    os: { UV_UDP_REUSEADDR: 4, dlopen: os.dlopen, errno: os.errno, signals: os.signals, priority: os.priority },
    fs, crypto, zlib,
    trace: { TRACE_EVENT_PHASE_BEGIN: 66, TRACE_EVENT_PHASE_END: 69, TRACE_EVENT_PHASE_INSTANT: 73 },
  };
}

const factories = {
  __proto__: null,
  uv: uvBinding,
  constants: constantsBinding,
  util: () => ({ ...require('internal/util/inspect').bindingUtil }),
};
const cache = new Map();

function internalBinding(name) {
  const factory = factories[name];
  if (factory === undefined) throw new Error(`No such binding: ${name}`);
  let binding = cache.get(name);
  if (binding === undefined) {
    binding = factory();
    cache.set(name, binding);
  }
  return binding;
}

module.exports = { internalBinding };
