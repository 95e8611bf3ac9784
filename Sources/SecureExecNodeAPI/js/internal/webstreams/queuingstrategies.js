'use strict';

// ByteLengthQueuingStrategy and CountQueuingStrategy.

const {
  codes: {
    ERR_MISSING_OPTION,
  },
} = require('internal/errors');
const { validateObject } = require('internal/validators');
const {
  customInspect,
  kEnumerableProperty,
  kInspect,
  kType,
  nonWritableProperty,
} = require('internal/webstreams/util');

// One shared size function per strategy kind, both named "size".
const byteSizeFunction = Object.defineProperty(
  (chunk) => chunk.byteLength, 'name', { __proto__: null, value: 'size' });
const countSizeFunction = Object.defineProperty(
  () => 1, 'name', { __proto__: null, value: 'size' });

// V8's wording for private-field access on a foreign object, which is what
// Node reports for a wrong receiver here.
function privateMemberError(name) {
  return new TypeError(`Cannot read private member ${name} from an object whose class did not declare it`);
}

class ByteLengthQueuingStrategy {
  [kType] = 'ByteLengthQueuingStrategy';
  #state;

  constructor(init) {
    validateObject(init, 'init');
    if (init.highWaterMark === undefined) {
      throw new ERR_MISSING_OPTION('init.highWaterMark');
    }
    // Validated only when a stream uses the strategy, per the spec.
    this.#state = { highWaterMark: +init.highWaterMark };
  }

  get highWaterMark() {
    if (!(#state in this)) throw privateMemberError('#state');
    return this.#state.highWaterMark;
  }

  get size() {
    if (!(#state in this)) throw privateMemberError('#byteSizeFunction');
    return byteSizeFunction;
  }

  [kInspect](depth, options) {
    return customInspect(depth, options, this[kType], {
      highWaterMark: this.highWaterMark,
    });
  }
}

Object.defineProperties(ByteLengthQueuingStrategy.prototype, {
  highWaterMark: kEnumerableProperty,
  size: kEnumerableProperty,
  [Symbol.toStringTag]: nonWritableProperty(ByteLengthQueuingStrategy.name),
});

class CountQueuingStrategy {
  [kType] = 'CountQueuingStrategy';
  #state;

  constructor(init) {
    validateObject(init, 'init');
    if (init.highWaterMark === undefined) {
      throw new ERR_MISSING_OPTION('init.highWaterMark');
    }
    this.#state = { highWaterMark: +init.highWaterMark };
  }

  get highWaterMark() {
    if (!(#state in this)) throw privateMemberError('#state');
    return this.#state.highWaterMark;
  }

  get size() {
    if (!(#state in this)) throw privateMemberError('#countSizeFunction');
    return countSizeFunction;
  }

  [kInspect](depth, options) {
    return customInspect(depth, options, this[kType], {
      highWaterMark: this.highWaterMark,
    });
  }
}

Object.defineProperties(CountQueuingStrategy.prototype, {
  highWaterMark: kEnumerableProperty,
  size: kEnumerableProperty,
  [Symbol.toStringTag]: nonWritableProperty(CountQueuingStrategy.name),
});

module.exports = {
  ByteLengthQueuingStrategy,
  CountQueuingStrategy,
};
