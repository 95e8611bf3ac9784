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

// V8 "External" values (a C++ pointer in a JS value) are what `util.types.isExternal` tells and
// util.inspect prints as `[External: address]`. Node's tests get one from a JSStream; ours is a
// frozen empty object with a null prototype that the util hooks recognise, with a made-up
// address.
function jsStreamBinding() {
  const externals = new WeakMap();
  let nextAddress = 0x5e000010;
  const natives = internal.natives;
  natives.isExternal = (value) => externals.has(value);
  natives.getExternalValue = (value) => externals.get(value) ?? 0;
  class JSStream {
    constructor() {
      const external = Object.freeze({ __proto__: null });
      externals.set(external, nextAddress);
      nextAddress += 0x40;
      this._externalStream = external;
    }
  }
  return { JSStream };
}

const factories = {
  __proto__: null,
  uv: uvBinding,
  js_stream: jsStreamBinding,
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
