'use strict';

// TextEncoderStream and TextDecoderStream: TransformStreams around the
// Encoding Standard's encoder/decoder (with surrogate pairs split across
// chunks handled as the standard requires).

const { TextEncoder, TextDecoder } = require('internal/encoding');
const { TransformStream } = require('internal/webstreams/transformstream');
const {
  customInspect,
  kEnumerableProperty,
  kInspect,
} = require('internal/webstreams/util');
const {
  codes: {
    ERR_INVALID_THIS,
  },
} = require('internal/errors');

const kEmptyObject = Object.freeze({ __proto__: null });

function privateMemberError(name) {
  return new TypeError(`Cannot read private member ${name} from an object whose class did not declare it`);
}

class TextEncoderStream {
  #pendingHighSurrogate = null;
  #handle;
  #transform;

  constructor() {
    this.#handle = new TextEncoder();
    this.#transform = new TransformStream({
      transform: (chunk, controller) => {
        // https://encoding.spec.whatwg.org/#encode-and-enqueue-a-chunk
        chunk = String(chunk);
        let finalChunk = '';
        for (let i = 0; i < chunk.length; i++) {
          const item = chunk[i];
          const codepoint = item.charCodeAt(0);
          if (this.#pendingHighSurrogate !== null) {
            const highSurrogate = this.#pendingHighSurrogate;
            this.#pendingHighSurrogate = null;
            if (codepoint >= 0xDC00 && codepoint <= 0xDFFF) {
              finalChunk += highSurrogate + item;
              continue;
            }
            finalChunk += '\uFFFD';
          }
          if (codepoint >= 0xD800 && codepoint <= 0xDBFF) {
            this.#pendingHighSurrogate = item;
            continue;
          }
          if (codepoint >= 0xDC00 && codepoint <= 0xDFFF) {
            finalChunk += '\uFFFD';
            continue;
          }
          finalChunk += item;
        }
        if (finalChunk) {
          controller.enqueue(this.#handle.encode(finalChunk));
        }
      },
      flush: (controller) => {
        // https://encoding.spec.whatwg.org/#encode-and-flush
        if (this.#pendingHighSurrogate !== null) {
          controller.enqueue(new Uint8Array([0xEF, 0xBF, 0xBD]));
        }
      },
    });
  }

  get encoding() {
    if (!(#handle in this)) throw privateMemberError('#handle');
    return this.#handle.encoding;
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
    if (this == null) throw new ERR_INVALID_THIS('TextEncoderStream');
    return customInspect(depth, options, 'TextEncoderStream', {
      encoding: this.#handle.encoding,
      readable: this.#transform.readable,
      writable: this.#transform.writable,
    });
  }
}

class TextDecoderStream {
  #handle;
  #transform;

  constructor(encoding = 'utf-8', options = kEmptyObject) {
    this.#handle = new TextDecoder(encoding, options);
    this.#transform = new TransformStream({
      transform: (chunk, controller) => {
        const value = this.#handle.decode(chunk, { stream: true });
        if (value) controller.enqueue(value);
      },
      flush: (controller) => {
        const value = this.#handle.decode();
        if (value) controller.enqueue(value);
        controller.terminate();
      },
    });
  }

  get encoding() {
    if (!(#handle in this)) throw privateMemberError('#handle');
    return this.#handle.encoding;
  }

  get fatal() {
    if (!(#handle in this)) throw privateMemberError('#handle');
    return this.#handle.fatal;
  }

  get ignoreBOM() {
    if (!(#handle in this)) throw privateMemberError('#handle');
    return this.#handle.ignoreBOM;
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
    if (this == null) throw new ERR_INVALID_THIS('TextDecoderStream');
    return customInspect(depth, options, 'TextDecoderStream', {
      encoding: this.#handle.encoding,
      fatal: this.#handle.fatal,
      ignoreBOM: this.#handle.ignoreBOM,
      readable: this.#transform.readable,
      writable: this.#transform.writable,
    });
  }
}

Object.defineProperties(TextEncoderStream.prototype, {
  encoding: kEnumerableProperty,
  readable: kEnumerableProperty,
  writable: kEnumerableProperty,
});

Object.defineProperties(TextDecoderStream.prototype, {
  encoding: kEnumerableProperty,
  fatal: kEnumerableProperty,
  ignoreBOM: kEnumerableProperty,
  readable: kEnumerableProperty,
  writable: kEnumerableProperty,
});

module.exports = {
  TextEncoderStream,
  TextDecoderStream,
};
