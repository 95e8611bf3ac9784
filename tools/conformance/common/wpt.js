// The few web-platform-tests harness functions the files in test/parallel call directly.
'use strict';

const assert = require('assert');

const harness = {
  test(fn, description) {
    try {
      fn();
    } catch (err) {
      console.error(`In ${description}:`);
      throw err;
    }
  },
  assert_equals: (actual, expected, message) => assert.strictEqual(actual, expected, message),
  assert_true: (value, message) => assert.strictEqual(value, true, message),
  assert_false: (value, message) => assert.strictEqual(value, false, message),
  assert_array_equals: (actual, expected, message) =>
    assert.deepStrictEqual(Array.from(actual), Array.from(expected), message),
  assert_throws(expected, fn, message) {
    // `expected` is an error instance or constructor-like object whose name must match.
    const name = expected && (expected.name || (expected.constructor && expected.constructor.name));
    assert.throws(fn, (err) => typeof err === 'object' && err !== null &&
      typeof err.name === 'string' && err.name.startsWith(name), message);
  },
  assert_unreached(description) {
    assert.fail(`Reached unreachable code: ${description}`);
  },
};

module.exports = { harness };
