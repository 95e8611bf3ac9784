// Two Duplex streams connected back to back: what one side writes, the other reads.
'use strict';

const assert = require('assert');
const { Duplex } = require('stream');

const kPendingCallback = Symbol('pendingCallback');
const kOther = Symbol('other');

class PairedDuplex extends Duplex {
  constructor(options) {
    super(options);
    this[kPendingCallback] = null;
    this[kOther] = null;
  }

  _read() {
    // The other side may write again once we want more data.
    const callback = this[kPendingCallback];
    if (callback) {
      this[kPendingCallback] = null;
      callback();
    }
  }

  _write(chunk, encoding, callback) {
    const other = this[kOther];
    assert.notStrictEqual(other, null);
    assert.strictEqual(other[kPendingCallback], null);
    if (chunk.length === 0) {
      process.nextTick(callback);
    } else {
      other.push(chunk);
      other[kPendingCallback] = callback;
    }
  }

  _final(callback) {
    this[kOther].on('end', callback);
    this[kOther].push(null);
  }
}

function makeDuplexPair(options) {
  const clientSide = new PairedDuplex(options);
  const serverSide = new PairedDuplex(options);
  clientSide[kOther] = serverSide;
  serverSide[kOther] = clientSide;
  return { clientSide, serverSide };
}

module.exports = makeDuplexPair;
