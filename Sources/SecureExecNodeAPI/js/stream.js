'use strict';

// The `stream` module. Its export is the legacy Stream constructor, carrying
// the stream classes and helpers as properties (in Node 22's order).

const { streamReturningOperators, promiseReturningOperators } =
  require('internal/streams/operators');
const {
  codes: { ERR_ILLEGAL_CONSTRUCTOR },
} = require('internal/errors');
const compose = require('internal/streams/compose');
const {
  setDefaultHighWaterMark,
  getDefaultHighWaterMark,
} = require('internal/streams/state');
const { pipeline } = require('internal/streams/pipeline');
const { destroyer } = require('internal/streams/destroy');
const eos = require('internal/streams/end-of-stream');

// Loaded eagerly, as Node does. When `stream/promises` is the module being
// loaded (it loads this one), this sees its unfinished exports, so
// `stream.promises` is then an empty object — Node 22 behaves the same.
const promises = require('stream/promises');
const utils = require('internal/streams/utils');

const Stream = module.exports = require('internal/streams/legacy').Stream;

const kCustomPromisify = Symbol.for('nodejs.util.promisify.custom');

Stream.isDestroyed = utils.isDestroyed;
Stream.isDisturbed = utils.isDisturbed;
Stream.isErrored = utils.isErrored;
Stream.isReadable = utils.isReadable;
Stream.isWritable = utils.isWritable;

Stream.Readable = require('internal/streams/readable');

// Operators live on Readable.prototype as non-enumerable methods that are not
// constructors; stream-returning ones wrap their async generator in a Readable.
function defineOperator(key, op, wrap) {
  function fn(...args) {
    if (new.target) {
      throw new ERR_ILLEGAL_CONSTRUCTOR();
    }
    const result = Reflect.apply(op, this, args);
    return wrap ? Stream.Readable.from(result) : result;
  }
  Object.defineProperty(fn, 'name', { __proto__: null, value: op.name });
  Object.defineProperty(fn, 'length', { __proto__: null, value: op.length });
  Object.defineProperty(Stream.Readable.prototype, key, {
    __proto__: null,
    value: fn,
    enumerable: false,
    configurable: true,
    writable: true,
  });
}
for (const key of Object.keys(streamReturningOperators)) {
  defineOperator(key, streamReturningOperators[key], true);
}
for (const key of Object.keys(promiseReturningOperators)) {
  defineOperator(key, promiseReturningOperators[key], false);
}

Stream.Writable = require('internal/streams/writable');
Stream.Duplex = require('internal/streams/duplex');
Stream.Transform = require('internal/streams/transform');
Stream.PassThrough = require('internal/streams/passthrough');
Stream.duplexPair = require('internal/streams/duplexpair');
Stream.pipeline = pipeline;
const { addAbortSignal } = require('internal/streams/add-abort-signal');
Stream.addAbortSignal = addAbortSignal;
Stream.finished = eos;
Stream.destroy = destroyer;
Stream.compose = compose;
Stream.setDefaultHighWaterMark = setDefaultHighWaterMark;
Stream.getDefaultHighWaterMark = getDefaultHighWaterMark;

Object.defineProperty(Stream, 'promises', {
  __proto__: null,
  configurable: true,
  enumerable: true,
  get() {
    return promises;
  },
});

// util.promisify(stream.pipeline) / (stream.finished) give the promise forms.
Object.defineProperty(pipeline, kCustomPromisify, {
  __proto__: null,
  enumerable: true,
  get() {
    return promises.pipeline;
  },
});

Object.defineProperty(eos, kCustomPromisify, {
  __proto__: null,
  enumerable: true,
  get() {
    return promises.finished;
  },
});

// Backwards-compat with node 0.4.x
Stream.Stream = Stream;

// The chunk helpers (defined with the legacy Stream) go last, as in Node.
{
  const { _isArrayBufferView, _isUint8Array, _uint8ArrayToBuffer } = Stream;
  delete Stream._isArrayBufferView;
  delete Stream._isUint8Array;
  delete Stream._uint8ArrayToBuffer;
  Stream._isArrayBufferView = _isArrayBufferView;
  Stream._isUint8Array = _isUint8Array;
  Stream._uint8ArrayToBuffer = _uint8ArrayToBuffer;
}
