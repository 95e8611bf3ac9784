// new Countdown(n, callback): callback runs (exactly once) when dec() has been called n times.
'use strict';

const assert = require('assert');
const common = require('./');

class Countdown {
  #remaining;
  #callback;

  constructor(limit, callback) {
    assert.strictEqual(typeof limit, 'number');
    assert.strictEqual(typeof callback, 'function');
    this.#remaining = limit;
    this.#callback = common.mustCall(callback);
  }

  dec() {
    assert(this.#remaining > 0, 'Countdown expired');
    this.#remaining--;
    if (this.#remaining === 0) this.#callback();
    return this.#remaining;
  }

  get remaining() {
    return this.#remaining;
  }
}

module.exports = Countdown;
