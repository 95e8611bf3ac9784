// A minimal readable/writable Stream whose run(lines) emits each line (plus "\n") as 'data'.
'use strict';

const { Stream } = require('stream');

function noop() {}

class ArrayStream extends Stream {
  run(lines) {
    for (const line of lines) this.emit('data', `${line}\n`);
  }
}

Object.assign(ArrayStream.prototype, {
  readable: true,
  writable: true,
  pause: noop,
  resume: noop,
  write: noop,
});

module.exports = ArrayStream;
