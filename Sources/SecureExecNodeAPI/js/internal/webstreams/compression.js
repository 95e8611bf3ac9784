'use strict';

// CompressionStream and DecompressionStream: zlib streams exposed as a
// readable/writable pair. When the runtime has no zlib module they validate
// their argument like Node and then report that compression is unsupported.

const {
  customInspect,
  kEnumerableProperty,
  kInspect,
  nonWritableProperty,
} = require('internal/webstreams/util');

const kFormats = ['deflate', 'deflate-raw', 'gzip', 'brotli'];

function privateMemberError(name) {
  return new TypeError(`Cannot read private member ${name} from an object whose class did not declare it`);
}

// WebIDL enum conversion (String(value), which may throw), failing with
// Node's plain TypeError carrying code ERR_INVALID_ARG_VALUE.
function checkFormat(value, className) {
  const format = String(value);
  if (!kFormats.includes(format)) {
    const err = new TypeError(
      `Failed to construct '${className}': 1st argument value '${format}' is not a valid enum value of type CompressionFormat.`);
    err.code = 'ERR_INVALID_ARG_VALUE';
    throw err;
  }
  return format;
}

function lazyZlib() {
  try {
    return require('zlib');
  } catch {
    return undefined;
  }
}

function notSupported(className) {
  const err = new Error(`${className} is not supported in sandbox`);
  err.code = 'ERR_NOT_SUPPORTED_IN_SANDBOX';
  return err;
}

function createPair(handle) {
  const { newReadableWritablePairFromDuplex } = require('internal/webstreams/adapters');
  return newReadableWritablePairFromDuplex(handle);
}

class CompressionStream {
  #handle;
  #transform;

  constructor(format) {
    format = checkFormat(format, 'CompressionStream');
    const zlib = lazyZlib();
    if (zlib === undefined) throw notSupported('CompressionStream');
    switch (format) {
      case 'deflate':
        this.#handle = zlib.createDeflate();
        break;
      case 'deflate-raw':
        this.#handle = zlib.createDeflateRaw();
        break;
      case 'gzip':
        this.#handle = zlib.createGzip();
        break;
      case 'brotli':
        this.#handle = zlib.createBrotliCompress();
        break;
    }
    this.#transform = createPair(this.#handle);
  }

  get readable() {
    if (!(#transform in this)) throw privateMemberError('#transform');
    return this.#transform.readable;
  }

  get writable() {
    if (!(#transform in this)) throw privateMemberError('#transform');
    return this.#transform.writable;
  }

  [kInspect](depth, options) {
    return customInspect(depth, options, 'CompressionStream', {
      readable: this.#transform.readable,
      writable: this.#transform.writable,
    });
  }
}

class DecompressionStream {
  #handle;
  #transform;

  constructor(format) {
    format = checkFormat(format, 'DecompressionStream');
    const zlib = lazyZlib();
    if (zlib === undefined) throw notSupported('DecompressionStream');
    switch (format) {
      case 'deflate':
        this.#handle = zlib.createInflate();
        break;
      case 'deflate-raw':
        this.#handle = zlib.createInflateRaw();
        break;
      case 'gzip':
        this.#handle = zlib.createGunzip();
        break;
      case 'brotli':
        this.#handle = zlib.createBrotliDecompress();
        break;
    }
    this.#transform = createPair(this.#handle);
  }

  get readable() {
    if (!(#transform in this)) throw privateMemberError('#transform');
    return this.#transform.readable;
  }

  get writable() {
    if (!(#transform in this)) throw privateMemberError('#transform');
    return this.#transform.writable;
  }

  [kInspect](depth, options) {
    return customInspect(depth, options, 'DecompressionStream', {
      readable: this.#transform.readable,
      writable: this.#transform.writable,
    });
  }
}

Object.defineProperties(CompressionStream.prototype, {
  readable: kEnumerableProperty,
  writable: kEnumerableProperty,
  [Symbol.toStringTag]: nonWritableProperty('CompressionStream'),
});

Object.defineProperties(DecompressionStream.prototype, {
  readable: kEnumerableProperty,
  writable: kEnumerableProperty,
  [Symbol.toStringTag]: nonWritableProperty('DecompressionStream'),
});

module.exports = {
  CompressionStream,
  DecompressionStream,
};
