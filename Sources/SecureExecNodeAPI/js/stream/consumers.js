'use strict';

// `stream/consumers`: collect a whole stream (Node stream, web stream or any
// async iterable) into a Blob, ArrayBuffer, Buffer, string or parsed JSON.

const { Buffer, Blob } = require('buffer');
const { TextDecoder } = require('internal/encoding');
const { toAsyncIterable } = require('internal/streams/async-from-sync');

async function blob(stream) {
  const chunks = [];
  for await (const chunk of toAsyncIterable(stream)) {
    chunks.push(chunk);
  }
  return new Blob(chunks);
}

async function arrayBuffer(stream) {
  const ret = await blob(stream);
  return ret.arrayBuffer();
}

async function buffer(stream) {
  return Buffer.from(await arrayBuffer(stream));
}

async function text(stream) {
  const dec = new TextDecoder();
  let str = '';
  for await (const chunk of toAsyncIterable(stream)) {
    if (typeof chunk === 'string') {
      str += chunk;
    } else {
      str += dec.decode(chunk, { stream: true });
    }
  }
  // Flush any incomplete multi-byte sequence.
  str += dec.decode(undefined, { stream: false });
  return str;
}

async function json(stream) {
  const str = await text(stream);
  return JSON.parse(str);
}

module.exports = {
  arrayBuffer,
  blob,
  buffer,
  text,
  json,
};
