'use strict';

// stream.addAbortSignal(signal, stream): destroys a Node stream (or errors a
// web stream) with an AbortError once the signal aborts.

const {
  AbortError,
  codes: { ERR_INVALID_ARG_TYPE },
} = require('internal/errors');
const {
  isNodeStream,
  isWebStream,
  kControllerErrorFunction,
} = require('internal/streams/utils');
const eos = require('internal/streams/end-of-stream');

// Node's own check here is looser than validators.validateAbortSignal: any
// object with an `aborted` property passes (and `null` reaches the `in`
// operator, which throws).
function validateSignal(signal, name) {
  if (signal === null) {
    // V8's wording for `'aborted' in null`, on every engine.
    throw new TypeError("Cannot use 'in' operator to search for 'aborted' in null");
  }
  if (typeof signal !== 'object' || !('aborted' in signal)) {
    throw new ERR_INVALID_ARG_TYPE(name, 'AbortSignal', signal);
  }
}

function addAbortSignal(signal, stream) {
  validateSignal(signal, 'signal');
  if (!isNodeStream(stream) && !isWebStream(stream)) {
    throw new ERR_INVALID_ARG_TYPE('stream', ['ReadableStream', 'WritableStream', 'Stream'], stream);
  }
  return addAbortSignalNoValidate(signal, stream);
}

function addAbortSignalNoValidate(signal, stream) {
  if (typeof signal !== 'object' || !('aborted' in signal)) {
    return stream;
  }
  const onAbort = isNodeStream(stream) ?
    () => {
      stream.destroy(new AbortError(undefined, { cause: signal.reason }));
    } :
    () => {
      stream[kControllerErrorFunction](new AbortError(undefined, { cause: signal.reason }));
    };
  if (signal.aborted) {
    onAbort();
  } else {
    const disposable = require('events').addAbortListener(signal, onAbort);
    // Stop listening once the stream is done anyway.
    eos(stream, disposable[Symbol.dispose ?? Symbol.for('nodejs.dispose')]);
  }
  return stream;
}

module.exports = { addAbortSignal, addAbortSignalNoValidate };
