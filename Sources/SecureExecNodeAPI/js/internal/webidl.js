'use strict';
// WebIDL's integer conversion (https://webidl.spec.whatwg.org/#abstract-opdef-converttoint), as
// Node's internal/webidl offers it to the web APIs.

const MathAbs = Math.abs;
const MathMax = Math.max;
const MathMin = Math.min;
const MathRound = Math.round;
const MathSign = Math.sign;
const MathTrunc = Math.trunc;
const NumberIsFinite = Number.isFinite;
const NumberIsNaN = Number.isNaN;

/** Rounds to the nearest integer, halves to even; never -0. */
function evenRound(x) {
  const i = MathTrunc(x) + 0;
  if (MathAbs(x % 1) === 0.5) return i % 2 === 0 ? i : i + MathSign(i || x);
  return MathRound(x) + 0;
}

/** The [EnforceRange]/[Clamp]-aware conversion of `value` to a `bitLength`-bit integer. */
function convertToInt(name, value, bitLength, options = { __proto__: null }) {
  const signed = options.signed === true;
  let upperBound;
  let lowerBound;
  if (bitLength === 64) {
    upperBound = Number.MAX_SAFE_INTEGER;
    lowerBound = signed ? Number.MIN_SAFE_INTEGER : 0;
  } else if (signed) {
    lowerBound = -(2 ** (bitLength - 1));
    upperBound = 2 ** (bitLength - 1) - 1;
  } else {
    lowerBound = 0;
    upperBound = 2 ** bitLength - 1;
  }

  let x = +value;
  if (x === 0) x = 0; // -0 -> +0

  if (options.enforceRange === true) {
    if (!NumberIsFinite(x)) {
      const { codes } = require('internal/errors');
      throw new codes.ERR_INVALID_ARG_VALUE(name, value, 'must be a finite number');
    }
    x = MathTrunc(x) + 0;
    if (x < lowerBound || x > upperBound) {
      const { codes } = require('internal/errors');
      throw new codes.ERR_INVALID_ARG_VALUE(name, value, `must be in the range [${lowerBound}, ${upperBound}]`);
    }
    return x;
  }

  if (options.clamp === true && !NumberIsNaN(x)) {
    return evenRound(MathMin(MathMax(x, lowerBound), upperBound));
  }

  if (!NumberIsFinite(x) || x === 0) return 0;
  x = MathTrunc(x);
  if (x >= lowerBound && x <= upperBound) return x + 0;

  const twoToTheBitLength = 2 ** bitLength;
  x %= twoToTheBitLength;
  if (x < 0) x += twoToTheBitLength;
  if (signed && x >= 2 ** (bitLength - 1)) return x - twoToTheBitLength;
  return x;
}

module.exports = { convertToInt, evenRound };
