'use strict';
// The `assert` module as in Node 22.20: every assertion, AssertionError with Node's exact
// messages (including the Myers line diff of `strictEqual`/`deepStrictEqual`), the Assert class,
// partialDeepStrictEqual, and the deprecated CallTracker.
//
// Differences from Node, all forced by the engine or the sandbox:
// - `assert.ok(value)` / `assert(value)` without a message: as Node, the call is quoted from the
//   caller's source ("The expression evaluated to a falsy value:\n\n  assert.ok(false)\n"),
//   found through the call site (internal/error_stacks callSource, from the source our module
//   compilers registered, never re-read from disk); where there is none (eval, `new Function`)
//   Node's fallback `${inspect(value)} == true` is produced. With no argument at all, Node's exact
//   'No value argument passed to `assert.ok()`' is produced.
// - Colors: the sandbox's stderr is never a TTY, so diffs are always the uncolored form.
// - `err.stack` starts with `AssertionError [ERR_ASSERTION]: message` as in V8; on
//   JavaScriptCore the frames are converted through the bootstrap's V8-format hook
//   (internal.natives.errorStack) when present, provided that hook passes an already
//   V8-format stack through unchanged (otherwise util.inspect would garble it, and the
//   engine's frames are kept instead).

const {
  codes: {
    ERR_AMBIGUOUS_ARGUMENT,
    ERR_CONSTRUCT_CALL_REQUIRED,
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_ARG_VALUE,
    ERR_INVALID_RETURN_VALUE,
    ERR_MISSING_ARGS,
    ERR_UNAVAILABLE_DURING_EXIT,
    ERR_OUT_OF_RANGE,
  },
  isErrorStackTraceLimitWritable,
} = require('internal/errors');
const {
  validateFunction,
  validateObject,
  validateOneOf,
  validateUint32,
} = require('internal/validators');
const { inspect, isError } = require('internal/util/inspect');
const { isPromise, isRegExp } = require('internal/util/types');

let comparisons;
function lazyComparisons() {
  comparisons ??= require('internal/util/comparisons');
  return comparisons;
}

// ---------------------------------------------------------------------------------------------
// AssertionError

// Node colors diffs only when stderr is a color TTY; here it never is.
const colors = { green: '', red: '', white: '', blue: '', gray: '', hasColors: false };

const kReadableOperator = {
  deepStrictEqual: 'Expected values to be strictly deep-equal:',
  partialDeepStrictEqual: 'Expected values to be partially and strictly deep-equal:',
  strictEqual: 'Expected values to be strictly equal:',
  strictEqualObject: 'Expected "actual" to be reference-equal to "expected":',
  deepEqual: 'Expected values to be loosely deep-equal:',
  notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
  notStrictEqual: 'Expected "actual" to be strictly unequal to:',
  notStrictEqualObject: 'Expected "actual" not to be reference-equal to "expected":',
  notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:',
  notIdentical: 'Values have same structure but are not reference-equal:',
  notDeepEqualUnequal: 'Expected values not to be loosely deep-equal:',
};

const kMaxShortStringLength = 12;
const kMaxLongStringLength = 512;
// Operators whose message is a diff, even when a custom message heads it.
const kDiffOperators = new Set(['deepStrictEqual', 'strictEqual', 'partialDeepStrictEqual']);

// A shallow stand-in for an Error that has no stack to print, so the diff shows the
// properties the comparison looked at rather than two stack traces.
function copyError(source) {
  const target = Object.assign({ __proto__: Object.getPrototypeOf(source) }, source);
  Object.defineProperty(target, 'message', { __proto__: null, value: source.message });
  if (Object.prototype.hasOwnProperty.call(source, 'cause')) {
    let { cause } = source;
    if (isError(cause)) cause = copyError(cause);
    Object.defineProperty(target, 'cause', { __proto__: null, value: cause });
  }
  return target;
}

// util.inspect with fixed options, so that changed defaults never hide a difference.
function inspectValue(value) {
  return inspect(value, {
    compact: false,
    customInspect: false,
    depth: 1000,
    maxArrayLength: Infinity,
    showHidden: false,
    showProxy: false,
    sorted: true,
    getters: true,
  });
}

// --- Myers' O(ND) line diff. The result lists operations from the end backwards: [op, line].
const kInsert = 1; // present in actual only
const kDelete = -1; // present in expected only
const kKeep = 0;
const kLinesKeptAroundChange = 5;

// Object diffs treat `x` and `x,` as the same line (the last entry of a level has no comma).
function linesEqual(a, b, commaTolerant) {
  if (a === b) return true;
  return commaTolerant && (`${a},` === b || a === `${b},`);
}

function myersDiff(actual, expected, commaTolerant = false) {
  const n = actual.length;
  const m = expected.length;
  const max = n + m;
  if (max > 2 ** 31 - 1) throw new ERR_OUT_OF_RANGE('myersDiff input size', '< 2^31', max);
  // v[k + max]: furthest x reached on diagonal k; a snapshot per edit distance for backtracking.
  const v = new Int32Array(2 * max + 1);
  const snapshots = [];
  for (let d = 0; d <= max; d++) {
    snapshots.push(new Int32Array(v));
    for (let k = -d; k <= d; k += 2) {
      const i = k + max;
      let x = (k === -d || (k !== d && v[i - 1] < v[i + 1])) ? v[i + 1] : v[i - 1] + 1;
      let y = x - k;
      while (x < n && y < m && linesEqual(actual[x], expected[y], commaTolerant)) { x++; y++; }
      v[i] = x;
      if (x >= n && y >= m) return walkBack(snapshots, actual, expected, commaTolerant);
    }
  }
  return [];
}

function walkBack(snapshots, actual, expected, commaTolerant) {
  const max = actual.length + expected.length;
  let x = actual.length;
  let y = expected.length;
  const ops = [];
  for (let d = snapshots.length - 1; d >= 0; d--) {
    const v = snapshots[d];
    const k = x - y;
    const prevK = (k === -d || (k !== d && v[k - 1 + max] < v[k + 1 + max])) ? k + 1 : k - 1;
    const prevX = v[prevK + max];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      const line = actual[x - 1];
      // Of two comma-tolerant matches, show the line that has the comma.
      ops.push([kKeep, commaTolerant && !line.endsWith(',') ? expected[y - 1] : line]);
      x--;
      y--;
    }
    if (d > 0) {
      if (x > prevX) ops.push([kInsert, actual[--x]]);
      else ops.push([kDelete, expected[--y]]);
    }
  }
  return ops;
}

// Renders the operations; runs of more than 5 unchanged lines are cut to their first five and
// the line right before the next change, with a `...` marker in between.
function printMyersDiff(ops, operator) {
  let message = '';
  let skipped = false;
  let keptRun = 0;
  for (let i = ops.length - 1; i >= 0; i--) {
    const [op, line] = ops[i];
    const previousOp = i < ops.length - 1 ? ops[i + 1][0] : null;
    if (previousOp === kKeep && op !== kKeep) {
      // A run of unchanged lines ended: print what the first five did not show.
      if (keptRun === kLinesKeptAroundChange + 1) {
        message += `${colors.white}  ${ops[i + 1][1]}\n`;
      } else if (keptRun === kLinesKeptAroundChange + 2) {
        message += `${colors.white}  ${ops[i + 2][1]}\n`;
        message += `${colors.white}  ${ops[i + 1][1]}\n`;
      } else if (keptRun >= kLinesKeptAroundChange + 3) {
        message += `${colors.blue}...${colors.white}\n`;
        message += `${colors.white}  ${ops[i + 1][1]}\n`;
        skipped = true;
      }
      keptRun = 0;
    }
    if (op === kInsert) {
      message += operator === 'partialDeepStrictEqual'
        ? `${colors.gray}${colors.hasColors ? ' ' : '+'} ${line}${colors.white}\n`
        : `${colors.green}+${colors.white} ${line}\n`;
    } else if (op === kDelete) {
      message += `${colors.red}-${colors.white} ${line}\n`;
    } else {
      if (keptRun < kLinesKeptAroundChange) message += `${colors.white}  ${line}\n`;
      keptRun++;
    }
  }
  return { message: `\n${message.trimEnd()}`, skipped };
}

// Two one-line values: `a !== b` when short, else one above the other (with a caret under the
// first differing character of two short enough strings).
function simpleDiff(originalActual, actual, originalExpected, expected) {
  let length = actual.length + expected.length;
  if (typeof originalActual === 'string') length -= 2;
  if (typeof originalExpected === 'string') length -= 2;
  if (length <= kMaxShortStringLength && (originalActual !== 0 || originalExpected !== 0)) {
    return { message: `${actual} !== ${expected}`, header: '' };
  }
  // (The character-level colored diff Node uses for strings needs colors.)
  let message = `\n${colors.green}+${colors.white} ${actual}\n${colors.red}- ${colors.white}${expected}`;
  const bothStrings = typeof actual === 'string' && typeof expected === 'string';
  const terminalWidth = 80; // stderr is not a TTY
  if (bothStrings && actual.length + expected.length <= terminalWidth) {
    for (let i = 0; i < actual.length; i++) {
      if (actual[i] !== expected[i]) {
        // The first characters (quote included) make the difference obvious: no caret there.
        if (i >= 3) message += `\n${' '.repeat(i + 2)}^`;
        break;
      }
    }
  }
  return { message };
}

function createErrDiff(actual, expected, operator, customMessage, diffType = 'simple') {
  // Two distinct objects (or functions) under strictEqual: say they are not the same reference.
  if (operator === 'strictEqual' &&
      ((typeof actual === 'object' && actual !== null && typeof expected === 'object' && expected !== null) ||
       (typeof actual === 'function' && typeof expected === 'function'))) {
    operator = 'strictEqualObject';
  }
  let skipped = false;
  let message;
  const inspectedActual = inspectValue(actual);
  const inspectedExpected = inspectValue(expected);
  const actualLines = inspectedActual.split('\n');
  const expectedLines = inspectedExpected.split('\n');
  let header = `${colors.green}+ actual${colors.white} ${colors.red}- expected${colors.white}`;

  const isSimple = actualLines.length <= 1 && expectedLines.length <= 1 &&
    (typeof actual !== 'object' || actual === null || typeof expected !== 'object' || expected === null);
  if (isSimple) {
    const simple = simpleDiff(actual, actualLines[0], expected, expectedLines[0]);
    message = simple.message;
    if (simple.header !== undefined) header = simple.header;
  } else if (inspectedActual === inspectedExpected) {
    operator = 'notIdentical';
    if (actualLines.length > 50 && diffType !== 'full') {
      message = `${actualLines.slice(0, 50).join('\n')}\n...}`;
      skipped = true;
    } else {
      message = actualLines.join('\n');
    }
    header = '';
  } else {
    const commaTolerant = actual != null && typeof actual === 'object';
    const printed = printMyersDiff(myersDiff(actualLines, expectedLines, commaTolerant), operator);
    message = printed.message;
    if (operator === 'partialDeepStrictEqual') {
      header = `${colors.gray}${colors.hasColors ? '' : '+ '}actual${colors.white} ${colors.red}- expected${colors.white}`;
    }
    if (printed.skipped) skipped = true;
  }
  const title = customMessage || kReadableOperator[operator];
  return `${title}\n${header}${skipped ? '\n... Skipped lines' : ''}\n${message}\n`;
}

// Long strings in the inspected error are cut to ten lines or 512 characters.
function addEllipsis(string) {
  const lines = string.split('\n', 11);
  if (lines.length > 10) {
    lines.length = 10;
    return `${lines.join('\n')}\n...`;
  }
  if (string.length > kMaxLongStringLength) return `${string.slice(kMaxLongStringLength)}...`;
  return string;
}

// The message for everything that is not a diff operator.
function describeFailure(actual, expected, operator, diff) {
  if (operator === 'notDeepStrictEqual' || operator === 'notStrictEqual') {
    // The values are equal: show one of them.
    let base = kReadableOperator[operator];
    const lines = inspectValue(actual).split('\n');
    if (operator === 'notStrictEqual' &&
        ((typeof actual === 'object' && actual !== null) || typeof actual === 'function')) {
      base = kReadableOperator.notStrictEqualObject;
    }
    if (lines.length > 50 && diff !== 'full') {
      lines[46] = `${colors.blue}...${colors.white}`;
      lines.length = 47;
    }
    if (lines.length === 1) return `${base}${lines[0].length > 5 ? '\n\n' : ' '}${lines[0]}`;
    return `${base}\n\n${lines.join('\n')}\n`;
  }
  let res = inspectValue(actual);
  let other = inspectValue(expected);
  const known = kReadableOperator[operator];
  if (operator === 'notDeepEqual' && res === other) {
    res = `${known}\n\n${res}`;
    if (res.length > 1024 && diff !== 'full') res = `${res.slice(0, 1021)}...`;
    return res;
  }
  if (res.length > kMaxLongStringLength && diff !== 'full') res = `${res.slice(0, 509)}...`;
  if (other.length > kMaxLongStringLength && diff !== 'full') other = `${other.slice(0, 509)}...`;
  if (operator === 'deepEqual') {
    res = `${known}\n\n${res}\n\nshould loosely deep-equal\n\n`;
  } else {
    const unequal = kReadableOperator[`${operator}Unequal`];
    if (unequal) res = `${unequal}\n\n${res}\n\nshould not loosely deep-equal\n\n`;
    else other = ` ${operator} ${other}`;
  }
  return `${res}${other}`;
}

// The bootstrap's hook that renders an error's stack in V8's format (JavaScriptCore only).
function engineStackHook() {
  try {
    const hook = internal?.natives?.errorStack;
    return typeof hook === 'function' ? hook : undefined;
  } catch {
    return undefined;
  }
}

class AssertionError extends Error {
  constructor(options) {
    validateObject(options, 'options');
    const {
      message,
      operator,
      stackStartFn,
      details,
      stackStartFunction, // older name of stackStartFn
      diff = 'simple',
    } = options;
    let { actual, expected } = options;

    const limit = Error.stackTraceLimit;
    const limitWritable = isErrorStackTraceLimitWritable();
    // The stack is captured below, from stackStartFn on; none is needed for super().
    if (limitWritable) Error.stackTraceLimit = 0;

    let text;
    if (message != null) {
      text = kDiffOperators.has(operator)
        ? createErrDiff(actual, expected, operator, message, diff)
        : String(message);
    } else {
      if (typeof actual === 'object' && actual !== null &&
          typeof expected === 'object' && expected !== null &&
          'stack' in actual && actual instanceof Error &&
          'stack' in expected && expected instanceof Error) {
        actual = copyError(actual);
        expected = copyError(expected);
      }
      text = kDiffOperators.has(operator)
        ? createErrDiff(actual, expected, operator, message, diff)
        : describeFailure(actual, expected, operator, diff);
    }
    super(text);

    if (limitWritable) Error.stackTraceLimit = limit;

    this.generatedMessage = !message;
    // The stack's header is rendered while the name carries the code.
    Object.defineProperty(this, 'name', {
      __proto__: null,
      value: 'AssertionError [ERR_ASSERTION]',
      enumerable: false,
      writable: true,
      configurable: true,
    });
    this.code = 'ERR_ASSERTION';
    if (details) {
      this.actual = undefined;
      this.expected = undefined;
      this.operator = undefined;
      for (let i = 0; i < details.length; i++) {
        this[`message ${i}`] = details[i].message;
        this[`actual ${i}`] = details[i].actual;
        this[`expected ${i}`] = details[i].expected;
        this[`operator ${i}`] = details[i].operator;
        this[`stack trace ${i}`] = details[i].stack;
      }
    } else {
      this.actual = actual;
      this.expected = expected;
      this.operator = operator;
    }
    if (typeof Error.captureStackTrace === 'function') {
      Error.captureStackTrace(this, stackStartFn || stackStartFunction);
    }
    const stack = this.stack; // V8 renders (and freezes) the header now.
    // JavaScriptCore: render the V8-format stack through the bootstrap's hook while the name
    // still carries the code, so that `err.stack` reads like Node's.
    const hook = engineStackHook();
    let rendered;
    if (hook !== undefined && typeof stack === 'string' && !stack.startsWith('AssertionError [ERR_ASSERTION]')) {
      rendered = hook(this);
      if (typeof rendered === 'string') {
        Object.defineProperty(this, 'stack', { __proto__: null, value: rendered, writable: true, configurable: true, enumerable: false });
      } else {
        rendered = undefined;
      }
    }
    // JavaScriptCore's own line/column/sourceURL would point into this module: V8 has none.
    for (const key of ['line', 'column', 'sourceURL']) {
      if (Object.prototype.hasOwnProperty.call(this, key)) delete this[key];
    }
    this.name = 'AssertionError';
    this.diff = diff;
    // util.inspect renders stacks through the same hook. A hook that does not pass an
    // already V8-format stack through would garble it; then keep the engine's own frames and
    // let inspect render them (its header then lacks the " [ERR_ASSERTION]" part).
    if (rendered !== undefined && hook(this) !== rendered) {
      Object.defineProperty(this, 'stack', { __proto__: null, value: stack, writable: true, configurable: true, enumerable: false });
    }
  }

  toString() {
    return `${this.name} [${this.code}]: ${this.message}`;
  }

  [inspect.custom](recurseTimes, ctx) {
    // Print actual/expected at depth 0 and long strings shortened: the message already shows them.
    const savedActual = this.actual;
    const savedExpected = this.expected;
    if (typeof this.actual === 'string') this.actual = addEllipsis(this.actual);
    if (typeof this.expected === 'string') this.expected = addEllipsis(this.expected);
    const result = inspect(this, { ...ctx, customInspect: false, depth: 0 });
    this.actual = savedActual;
    this.expected = savedExpected;
    return result;
  }
}

// ---------------------------------------------------------------------------------------------
// ok()

function innerOk(fn, argLen, value, message) {
  if (value) return;
  let generatedMessage = false;
  if (argLen === 0) {
    generatedMessage = true;
    message = 'No value argument passed to `assert.ok()`';
  } else if (message == null) {
    // Node quotes the call's source when it has it; otherwise (eval, code not from a file) the
    // message stays undefined, which yields Node's fallback, `${inspect(value)} == true`.
    generatedMessage = true;
    const code = internal?.errorStacks?.callSource(fn);
    if (code !== undefined) message = `The expression evaluated to a falsy value:\n\n  ${code}\n`;
  } else if (isError(message)) {
    throw message;
  }
  const err = new AssertionError({ actual: value, expected: true, message, operator: '==', stackStartFn: fn });
  err.generatedMessage = generatedMessage;
  throw err;
}

// ---------------------------------------------------------------------------------------------
// partialDeepStrictEqual: `expected` must be a (deep, strict) subset of `actual`.

function isPartialStrictEqual(actual, expected, memo = new Map()) {
  if (Object.is(actual, expected)) return true;
  if (typeof actual !== 'object' || typeof expected !== 'object' || actual === null || expected === null) {
    return lazyComparisons().isDeepStrictEqual(actual, expected);
  }
  if (Object.getPrototypeOf(actual) !== Object.getPrototypeOf(expected)) return false;
  const tag = Object.prototype.toString.call(actual);
  if (tag !== Object.prototype.toString.call(expected)) return false;
  // Cycles: a pair already under comparison is assumed equal.
  let seen = memo.get(actual);
  if (seen?.has(expected)) return true;
  if (seen === undefined) memo.set(actual, seen = new Set());
  seen.add(expected);

  if (Array.isArray(actual)) {
    // Expected items must appear in actual, in order.
    let pos = 0;
    for (let i = 0; i < expected.length; i++) {
      while (pos < actual.length && !isPartialStrictEqual(actual[pos], expected[i], memo)) pos++;
      if (pos === actual.length) return false;
      pos++;
    }
    return partialKeys(actual, expected, memo, (key) => !/^(0|[1-9][0-9]*)$/.test(key));
  }
  if (actual instanceof Set) {
    outer: for (const value of expected) {
      if (actual.has(value)) continue;
      if (typeof value !== 'object' || value === null) return false;
      for (const candidate of actual) {
        if (isPartialStrictEqual(candidate, value, memo)) continue outer;
      }
      return false;
    }
    return true;
  }
  if (actual instanceof Map) {
    for (const [key, value] of expected) {
      if (!actual.has(key) || !isPartialStrictEqual(actual.get(key), value, memo)) return false;
    }
    return true;
  }
  if (ArrayBuffer.isView(actual) || tag === '[object Date]' || tag === '[object RegExp]' ||
      tag === '[object ArrayBuffer]' || tag === '[object SharedArrayBuffer]' ||
      tag === '[object Number]' || tag === '[object String]' || tag === '[object Boolean]' ||
      tag === '[object BigInt]' || tag === '[object Symbol]') {
    return lazyComparisons().isDeepStrictEqual(actual, expected);
  }
  if (isError(expected)) {
    for (const key of ['message', 'name']) {
      if (expected[key] !== '' && expected[key] !== undefined && actual[key] !== expected[key]) return false;
    }
  }
  return partialKeys(actual, expected, memo, () => true);
}

function partialKeys(actual, expected, memo, include) {
  for (const key of Reflect.ownKeys(expected)) {
    if (!Object.prototype.propertyIsEnumerable.call(expected, key) || !include(key)) continue;
    if (!Object.prototype.hasOwnProperty.call(actual, key) && !(key in actual)) return false;
    if (!isPartialStrictEqual(actual[key], expected[key], memo)) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// The Assert class and its methods

const kOptions = Symbol('options');
const NO_EXCEPTION_SENTINEL = {};
let warnedFail = false;

function Assert(options) {
  if (!new.target) throw new ERR_CONSTRUCT_CALL_REQUIRED('Assert');
  options = Object.assign({ __proto__: null, strict: true }, options);
  if (options.diff !== undefined) validateOneOf(options.diff, 'options.diff', ['simple', 'full']);
  this.AssertionError = AssertionError;
  Object.defineProperty(this, kOptions, {
    __proto__: null, value: options, enumerable: false, configurable: false, writable: false,
  });
  if (options.strict) {
    this.equal = this.strictEqual;
    this.deepEqual = this.deepStrictEqual;
    this.notEqual = this.notStrictEqual;
    this.notDeepEqual = this.notDeepStrictEqual;
  }
}

// Methods read their options through `this?.[kOptions]`: destructured methods have no `this`.
function diffOf(self) {
  return self?.[kOptions]?.diff;
}

function innerFail(obj) {
  if (obj.message instanceof Error) throw obj.message;
  throw new AssertionError(obj);
}

Assert.prototype.fail = function fail(actual, expected, message, operator, stackStartFn) {
  const argsLen = arguments.length;
  let internalMessage = false;
  if (actual == null && argsLen <= 1) {
    internalMessage = true;
    message = 'Failed';
  } else if (argsLen === 1) {
    message = actual;
    actual = undefined;
  } else {
    if (!warnedFail) {
      warnedFail = true;
      process.emitWarning(
        'assert.fail() with more than one argument is deprecated. ' +
          'Please use assert.strictEqual() instead or only pass a message.',
        'DeprecationWarning',
        'DEP0094',
      );
    }
    if (argsLen === 2) operator = '!=';
  }
  if (message instanceof Error) throw message;
  const err = new AssertionError({
    actual,
    expected,
    operator: operator === undefined ? 'fail' : operator,
    stackStartFn: stackStartFn || fail,
    message,
    diff: diffOf(this),
  });
  if (internalMessage) err.generatedMessage = true;
  throw err;
};

Assert.prototype.ok = function ok(...args) {
  innerOk(ok, args.length, ...args);
};

Assert.prototype.equal = function equal(actual, expected, message) {
  if (arguments.length < 2) throw new ERR_MISSING_ARGS('actual', 'expected');
  // eslint-disable-next-line eqeqeq
  if (actual != expected && (!Number.isNaN(actual) || !Number.isNaN(expected))) {
    innerFail({ actual, expected, message, operator: '==', stackStartFn: equal, diff: diffOf(this) });
  }
};

Assert.prototype.notEqual = function notEqual(actual, expected, message) {
  if (arguments.length < 2) throw new ERR_MISSING_ARGS('actual', 'expected');
  // eslint-disable-next-line eqeqeq
  if (actual == expected || (Number.isNaN(actual) && Number.isNaN(expected))) {
    innerFail({ actual, expected, message, operator: '!=', stackStartFn: notEqual, diff: diffOf(this) });
  }
};

Assert.prototype.deepEqual = function deepEqual(actual, expected, message) {
  if (arguments.length < 2) throw new ERR_MISSING_ARGS('actual', 'expected');
  if (!lazyComparisons().isDeepEqual(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'deepEqual', stackStartFn: deepEqual, diff: diffOf(this) });
  }
};

Assert.prototype.notDeepEqual = function notDeepEqual(actual, expected, message) {
  if (arguments.length < 2) throw new ERR_MISSING_ARGS('actual', 'expected');
  if (lazyComparisons().isDeepEqual(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'notDeepEqual', stackStartFn: notDeepEqual, diff: diffOf(this) });
  }
};

Assert.prototype.deepStrictEqual = function deepStrictEqual(actual, expected, message) {
  if (arguments.length < 2) throw new ERR_MISSING_ARGS('actual', 'expected');
  if (!lazyComparisons().isDeepStrictEqual(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'deepStrictEqual', stackStartFn: deepStrictEqual, diff: diffOf(this) });
  }
};

Assert.prototype.notDeepStrictEqual = function notDeepStrictEqual(actual, expected, message) {
  if (arguments.length < 2) throw new ERR_MISSING_ARGS('actual', 'expected');
  if (lazyComparisons().isDeepStrictEqual(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'notDeepStrictEqual', stackStartFn: notDeepStrictEqual, diff: diffOf(this) });
  }
};

Assert.prototype.strictEqual = function strictEqual(actual, expected, message) {
  if (arguments.length < 2) throw new ERR_MISSING_ARGS('actual', 'expected');
  if (!Object.is(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'strictEqual', stackStartFn: strictEqual, diff: diffOf(this) });
  }
};

Assert.prototype.notStrictEqual = function notStrictEqual(actual, expected, message) {
  if (arguments.length < 2) throw new ERR_MISSING_ARGS('actual', 'expected');
  if (Object.is(actual, expected)) {
    innerFail({ actual, expected, message, operator: 'notStrictEqual', stackStartFn: notStrictEqual, diff: diffOf(this) });
  }
};

Assert.prototype.partialDeepStrictEqual = function partialDeepStrictEqual(actual, expected, message) {
  if (arguments.length < 2) throw new ERR_MISSING_ARGS('actual', 'expected');
  if (!isPartialStrictEqual(actual, expected)) {
    innerFail({
      actual, expected, message, operator: 'partialDeepStrictEqual', stackStartFn: partialDeepStrictEqual, diff: diffOf(this),
    });
  }
};

// The keys a validation object lists, copied for a readable diff (RegExps that matched show
// the matched string instead).
class Comparison {
  constructor(obj, keys, actual) {
    for (const key of keys) {
      if (!(key in obj)) continue;
      if (actual !== undefined && typeof actual[key] === 'string' && isRegExp(obj[key]) &&
          RegExp.prototype.exec.call(obj[key], actual[key]) !== null) {
        this[key] = actual[key];
      } else {
        this[key] = obj[key];
      }
    }
  }
}

function compareExceptionKey(self, actual, expected, key, message, keys, fn) {
  if (key in actual && lazyComparisons().isDeepStrictEqual(actual[key], expected[key])) return;
  if (!message) {
    const err = new AssertionError({
      actual: new Comparison(actual, keys),
      expected: new Comparison(expected, keys, actual),
      operator: 'deepStrictEqual',
      stackStartFn: fn,
      diff: diffOf(self),
    });
    err.actual = actual;
    err.expected = expected;
    err.operator = fn.name;
    throw err;
  }
  innerFail({ actual, expected, message, operator: fn.name, stackStartFn: fn, diff: diffOf(self) });
}

// Checks a caught error against throws()/rejects()'s `error` argument.
function expectedException(self, actual, expected, message, fn) {
  let generatedMessage = false;
  if (typeof expected !== 'function') {
    if (isRegExp(expected)) {
      const str = String(actual);
      if (RegExp.prototype.exec.call(expected, str) !== null) return;
      if (!message) {
        generatedMessage = true;
        message = 'The input did not match the regular expression ' +
          `${inspect(expected)}. Input:\n\n${inspect(str)}\n`;
      }
    } else if (typeof actual !== 'object' || actual === null) {
      const err = new AssertionError({
        actual, expected, message, operator: 'deepStrictEqual', stackStartFn: fn, diff: diffOf(self),
      });
      err.operator = fn.name;
      throw err;
    } else {
      // A validation object: every key must match (name and message too for an Error).
      const keys = Object.keys(expected);
      if (expected instanceof Error) {
        keys.push('name', 'message');
      } else if (keys.length === 0) {
        throw new ERR_INVALID_ARG_VALUE('error', expected, 'may not be an empty object');
      }
      for (const key of keys) {
        if (typeof actual[key] === 'string' && isRegExp(expected[key]) &&
            RegExp.prototype.exec.call(expected[key], actual[key]) !== null) {
          continue;
        }
        compareExceptionKey(self, actual, expected, key, message, keys, fn);
      }
      return;
    }
  } else if (expected.prototype !== undefined && actual instanceof expected) {
    // An Error class (arrow functions have no prototype and cannot be classes).
    return;
  } else if (Object.prototype.isPrototypeOf.call(Error, expected)) {
    if (!message) {
      generatedMessage = true;
      message = `The error is expected to be an instance of "${expected.name}". Received `;
      if (isError(actual)) {
        const name = actual.constructor?.name || actual.name;
        if (expected.name === name) {
          message += 'an error with identical name but a different prototype.';
        } else {
          message += `"${name}"`;
        }
        if (actual.message) message += `\n\nError message:\n\n${actual.message}`;
      } else {
        message += `"${inspect(actual, { depth: -1 })}"`;
      }
    }
  } else {
    // A validation function must return exactly true.
    const res = Reflect.apply(expected, {}, [actual]);
    if (res === true) return;
    if (!message) {
      generatedMessage = true;
      const name = expected.name ? `"${expected.name}" ` : '';
      message = `The ${name}validation function is expected to return "true". Received ${inspect(res)}`;
      if (isError(actual)) message += `\n\nCaught error:\n\n${actual}`;
    }
  }
  const err = new AssertionError({
    actual, expected, message, operator: fn.name, stackStartFn: fn, diff: diffOf(self),
  });
  err.generatedMessage = generatedMessage;
  throw err;
}

function getActual(fn) {
  validateFunction(fn, 'fn');
  try {
    fn();
  } catch (e) {
    // What guest code would see in its own catch clause: engine errors in V8's words.
    return internal.errorStacks.normalize(e);
  }
  return NO_EXCEPTION_SENTINEL;
}

// Native promises, or promise-likes with both then and catch (not bare thenables).
function checkIsPromise(obj) {
  return isPromise(obj) ||
    (obj !== null && typeof obj === 'object' && typeof obj.then === 'function' && typeof obj.catch === 'function');
}

async function waitForActual(promiseFn) {
  let resultPromise;
  if (typeof promiseFn === 'function') {
    resultPromise = promiseFn();
    if (!checkIsPromise(resultPromise)) {
      throw new ERR_INVALID_RETURN_VALUE('instance of Promise', 'promiseFn', resultPromise);
    }
  } else if (checkIsPromise(promiseFn)) {
    resultPromise = promiseFn;
  } else {
    throw new ERR_INVALID_ARG_TYPE('promiseFn', ['Function', 'Promise'], promiseFn);
  }
  try {
    await resultPromise;
  } catch (e) {
    return internal.errorStacks.normalize(e);
  }
  return NO_EXCEPTION_SENTINEL;
}

function expectsError(self, stackStartFn, actual, error, message) {
  if (typeof error === 'string') {
    // throws(fn, 'message'): the string is the message; a message after it is ambiguous.
    if (arguments.length === 5) {
      throw new ERR_INVALID_ARG_TYPE('error', ['Object', 'Error', 'Function', 'RegExp'], error);
    }
    if (typeof actual === 'object' && actual !== null) {
      if (actual.message === error) {
        throw new ERR_AMBIGUOUS_ARGUMENT('error/message',
          `The error message "${actual.message}" is identical to the message.`);
      }
    } else if (actual === error) {
      throw new ERR_AMBIGUOUS_ARGUMENT('error/message', `The error "${actual}" is identical to the message.`);
    }
    message = error;
    error = undefined;
  } else if (error != null && typeof error !== 'object' && typeof error !== 'function') {
    throw new ERR_INVALID_ARG_TYPE('error', ['Object', 'Error', 'Function', 'RegExp'], error);
  }

  if (actual === NO_EXCEPTION_SENTINEL) {
    let details = '';
    if (error?.name) details += ` (${error.name})`;
    details += message ? `: ${message}` : '.';
    const fnType = stackStartFn === Assert.prototype.rejects ? 'rejection' : 'exception';
    innerFail({
      actual: undefined,
      expected: error,
      operator: stackStartFn.name,
      message: `Missing expected ${fnType}${details}`,
      stackStartFn,
      diff: diffOf(self),
    });
  }
  if (!error) return;
  expectedException(self, actual, error, message, stackStartFn);
}

function hasMatchingError(actual, expected) {
  if (typeof expected !== 'function') {
    if (isRegExp(expected)) return RegExp.prototype.exec.call(expected, String(actual)) !== null;
    throw new ERR_INVALID_ARG_TYPE('expected', ['Function', 'RegExp'], expected);
  }
  if (expected.prototype !== undefined && actual instanceof expected) return true;
  if (Object.prototype.isPrototypeOf.call(Error, expected)) return false;
  return Reflect.apply(expected, {}, [actual]) === true;
}

function expectsNoError(self, stackStartFn, actual, error, message) {
  if (actual === NO_EXCEPTION_SENTINEL) return;
  if (typeof error === 'string') {
    message = error;
    error = undefined;
  }
  if (!error || hasMatchingError(actual, error)) {
    const details = message ? `: ${message}` : '.';
    const fnType = stackStartFn === Assert.prototype.doesNotReject ? 'rejection' : 'exception';
    innerFail({
      actual,
      expected: error,
      operator: stackStartFn.name,
      message: `Got unwanted ${fnType}${details}\nActual message: "${actual?.message}"`,
      stackStartFn,
      diff: diffOf(self),
    });
  }
  throw actual;
}

Assert.prototype.throws = function throws(promiseFn, ...args) {
  expectsError(this, throws, getActual(promiseFn), ...args);
};

Assert.prototype.rejects = async function rejects(promiseFn, ...args) {
  expectsError(this, rejects, await waitForActual(promiseFn), ...args);
};

Assert.prototype.doesNotThrow = function doesNotThrow(fn, ...args) {
  expectsNoError(this, doesNotThrow, getActual(fn), ...args);
};

Assert.prototype.doesNotReject = async function doesNotReject(fn, ...args) {
  expectsNoError(this, doesNotReject, await waitForActual(fn), ...args);
};

Assert.prototype.ifError = function ifError(err) {
  if (err === null || err === undefined) return;
  let message = 'ifError got unwanted exception: ';
  if (typeof err === 'object' && typeof err.message === 'string') {
    message += err.message.length === 0 && err.constructor ? err.constructor.name : err.message;
  } else {
    message += inspect(err);
  }
  const newErr = new AssertionError({
    actual: err, expected: null, operator: 'ifError', message, stackStartFn: ifError, diff: diffOf(this),
  });
  // Splice the original error's frames under the new error's own frames (V8-format stacks).
  const origStack = err.stack;
  if (typeof origStack === 'string') {
    const start = origStack.indexOf('\n    at');
    if (start !== -1) {
      const originalFrames = origStack.slice(start + 1).split('\n');
      let newFrames = String(newErr.stack).split('\n');
      for (const frame of originalFrames) {
        const pos = newFrames.indexOf(frame);
        if (pos !== -1) {
          newFrames = newFrames.slice(0, pos);
          break;
        }
      }
      newErr.stack = `${newFrames.join('\n')}\n${originalFrames.join('\n')}`;
    }
  }
  throw newErr;
};

function internalMatch(self, string, regexp, message, fn) {
  if (!isRegExp(regexp)) throw new ERR_INVALID_ARG_TYPE('regexp', 'RegExp', regexp);
  const match = fn === Assert.prototype.match;
  if (typeof string === 'string' && (RegExp.prototype.exec.call(regexp, string) !== null) === match) return;
  if (message instanceof Error) throw message;
  const generatedMessage = !message;
  message ||= typeof string !== 'string'
    ? `The "string" argument must be of type string. Received type ${typeof string} (${inspect(string)})`
    : (match
      ? 'The input did not match the regular expression '
      : 'The input was expected to not match the regular expression ') +
      `${inspect(regexp)}. Input:\n\n${inspect(string)}\n`;
  const err = new AssertionError({
    actual: string, expected: regexp, message, operator: fn.name, stackStartFn: fn, diff: diffOf(self),
  });
  err.generatedMessage = generatedMessage;
  throw err;
}

Assert.prototype.match = function match(string, regexp, message) {
  internalMatch(this, string, regexp, message, match);
};

Assert.prototype.doesNotMatch = function doesNotMatch(string, regexp, message) {
  internalMatch(this, string, regexp, message, doesNotMatch);
};

// ---------------------------------------------------------------------------------------------
// CallTracker (deprecated, DEP0173)

class CallTrackerContext {
  #expected;
  #calls = [];
  #name;
  #stackTrace;

  constructor({ expected, stackTrace, name }) {
    this.#expected = expected;
    this.#stackTrace = stackTrace;
    this.#name = name;
  }

  track(thisArg, args) {
    this.#calls.push(Object.freeze({ thisArg, arguments: Object.freeze(Array.prototype.slice.call(args)) }));
  }

  get delta() { return this.#calls.length - this.#expected; }

  reset() { this.#calls = []; }

  getCalls() { return Object.freeze(this.#calls.slice()); }

  report() {
    if (this.delta === 0) return undefined;
    return {
      message: `Expected the ${this.#name} function to be executed ${this.#expected} time(s) ` +
        `but was executed ${this.#calls.length} time(s).`,
      actual: this.#calls.length,
      expected: this.#expected,
      operator: this.#name,
      stack: this.#stackTrace,
    };
  }
}

const noop = Function.prototype;

class CallTracker {
  #callChecks = new Set();
  #trackedFunctions = new WeakMap();

  #getTrackedFunction(tracked) {
    if (!this.#trackedFunctions.has(tracked)) {
      throw new ERR_INVALID_ARG_VALUE('tracked', tracked, 'is not a tracked function');
    }
    return this.#trackedFunctions.get(tracked);
  }

  reset(tracked) {
    if (tracked === undefined) {
      this.#callChecks.forEach((check) => check.reset());
      return;
    }
    this.#getTrackedFunction(tracked).reset();
  }

  getCalls(tracked) {
    return this.#getTrackedFunction(tracked).getCalls();
  }

  calls(fn, expected = 1) {
    if (process._exiting) throw new ERR_UNAVAILABLE_DURING_EXIT();
    if (typeof fn === 'number') {
      expected = fn;
      fn = noop;
    } else if (fn === undefined) {
      fn = noop;
    }
    validateUint32(expected, 'expected', true);
    const context = new CallTrackerContext({ expected, stackTrace: new Error(), name: fn.name || 'calls' });
    const tracked = new Proxy(fn, {
      __proto__: null,
      apply(target, thisArg, argList) {
        context.track(thisArg, argList);
        return Reflect.apply(target, thisArg, argList);
      },
    });
    this.#callChecks.add(context);
    this.#trackedFunctions.set(tracked, context);
    return tracked;
  }

  report() {
    const errors = [];
    for (const context of this.#callChecks) {
      const message = context.report();
      if (message !== undefined) errors.push(message);
    }
    return errors;
  }

  verify() {
    const errors = this.report();
    if (errors.length === 0) return;
    const message = errors.length === 1
      ? errors[0].message
      : 'Functions were not called the expected number of times';
    throw new AssertionError({ message, details: errors });
  }
}

// ---------------------------------------------------------------------------------------------
// The module: `assert` is ok() with every method attached; `assert.strict` the strict variant.

function ok(...args) {
  innerOk(ok, args.length, ...args);
}

const assert = ok;
module.exports = assert;
assert.AssertionError = AssertionError;
assert.CallTracker = require('util').deprecate(CallTracker, 'assert.CallTracker is deprecated.', 'DEP0173');
assert.ok = assert;
for (const name of [
  'fail', 'equal', 'notEqual', 'deepEqual', 'notDeepEqual',
  'deepStrictEqual', 'notDeepStrictEqual', 'strictEqual',
  'notStrictEqual', 'partialDeepStrictEqual', 'match', 'doesNotMatch',
  'throws', 'rejects', 'doesNotThrow', 'doesNotReject', 'ifError',
]) {
  Object.defineProperty(assert, name, {
    __proto__: null, value: Assert.prototype[name], writable: true, enumerable: true, configurable: true,
  });
}

function strict(...args) {
  innerOk(strict, args.length, ...args);
}

assert.strict = Object.assign(strict, assert, {
  equal: assert.strictEqual,
  deepEqual: assert.deepStrictEqual,
  notEqual: assert.notStrictEqual,
  notDeepEqual: assert.notDeepStrictEqual,
});
assert.strict.Assert = Assert;
assert.strict.strict = assert.strict;
assert.Assert = Assert;
