'use strict';
// node:test — Node's test runner for code inside the sandbox: test/it, describe/suite, hooks,
// subtests, skip/todo, timeouts, plans, t.assert and mock functions, reported in TAP the way
// Node 22 reports when standard output is not a terminal (the sandbox's never is). Only
// reachable as `node:test` (a bare `require('test')` is a package, as in Node).
//
// Tests run one after another (the `concurrency` option is accepted, not honoured). Top-level
// tests start once the entry script has finished; the summary is printed when the event loop
// would otherwise end (`beforeExit`), and a failure sets `process.exitCode = 1`.

const { inspect } = require('util');

function errors() { return require('internal/errors'); }
function now() { return Number(process.hrtime.bigint()) / 1e6; }

const kinds = { test: 'test', suite: 'suite' };

// ---------------------------------------------------------------------------------------------
// Failures as Node describes them (ERR_TEST_FAILURE wrapping the cause, with a failureType).

function testFailure(cause, failureType) {
  const message = cause instanceof Error || (cause && typeof cause === 'object' && 'message' in cause)
    ? cause.message : String(cause);
  const err = new Error(message);
  err.code = 'ERR_TEST_FAILURE';
  Object.defineProperty(err, 'cause', { __proto__: null, value: cause, enumerable: false, writable: true, configurable: true });
  err.failureType = failureType;
  return err;
}

/** The caller's location (`file:line:column`) from the first guest frame of a fresh stack. */
function callerLocation() {
  const stack = new Error().stack || '';
  for (const line of stack.split('\n').slice(1)) {
    const m = /(?:\(|^at )([^()]+):(\d+):(\d+)\)?$/.exec(line.trim());
    if (m && !m[1].startsWith('node:')) return `${m[1]}:${m[2]}:${m[3]}`;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Mocks (mock.fn, mock.method, getters/setters), restored after the test that made them.

class MockFunctionContext {
  #calls = [];
  #implementation;
  #original;
  #onceImplementations = new Map();
  #restore;
  #times;
  constructor(implementation, original, restore, times) {
    this.#implementation = implementation;
    this.#original = original;
    this.#restore = restore;
    this.#times = times;
  }
  get calls() { return this.#calls.slice(); }
  callCount() { return this.#calls.length; }
  mockImplementation(implementation) {
    if (typeof implementation !== 'function') throw new (errors().codes.ERR_INVALID_ARG_TYPE)('implementation', 'function', implementation);
    this.#implementation = implementation;
  }
  mockImplementationOnce(implementation, onCall) {
    if (typeof implementation !== 'function') throw new (errors().codes.ERR_INVALID_ARG_TYPE)('implementation', 'function', implementation);
    this.#onceImplementations.set(onCall ?? this.#calls.length, implementation);
  }
  resetCalls() { this.#calls = []; }
  restore() { if (this.#restore) this.#restore(); }
  /** Which function answers the next call. */
  nextImplementation() {
    const index = this.#calls.length;
    const once = this.#onceImplementations.get(index);
    if (once) { this.#onceImplementations.delete(index); return once; }
    if (this.#times !== undefined && index >= this.#times) return this.#original;
    return this.#implementation;
  }
  record(call) { this.#calls.push(call); }
}

function mockedFunction(context) {
  const mocked = function (...args) {
    const implementation = context.nextImplementation();
    const call = { arguments: args, error: undefined, result: undefined, stack: new Error(), target: new.target, this: this };
    try {
      call.result = implementation === undefined ? undefined
        : new.target ? Reflect.construct(implementation, args, new.target) : Reflect.apply(implementation, this, args);
    } catch (e) {
      call.error = e;
      context.record(call);
      throw e;
    }
    context.record(call);
    return call.result;
  };
  Object.defineProperty(mocked, 'mock', { __proto__: null, value: context, enumerable: false, configurable: false });
  return mocked;
}

class MockTracker {
  #mocks = [];
  fn(original = function () {}, implementation = original, options = {}) {
    if (original !== null && typeof original === 'object') { options = original; original = function () {}; implementation = original; }
    else if (implementation !== null && typeof implementation === 'object') { options = implementation; implementation = original; }
    if (typeof original !== 'function') throw new (errors().codes.ERR_INVALID_ARG_TYPE)('original', 'function', original);
    if (typeof implementation !== 'function') throw new (errors().codes.ERR_INVALID_ARG_TYPE)('implementation', 'function', implementation);
    const context = new MockFunctionContext(implementation, original, undefined, options.times);
    this.#mocks.push(context);
    return mockedFunction(context);
  }
  method(object, methodName, implementation, options = {}) {
    if (implementation !== null && typeof implementation === 'object' && typeof implementation !== 'function') { options = implementation; implementation = undefined; }
    if (object === null || (typeof object !== 'object' && typeof object !== 'function')) {
      throw new (errors().codes.ERR_INVALID_ARG_TYPE)('object', 'object', object);
    }
    const { getter = false, setter = false } = options;
    let owner = object;
    let descriptor;
    while (owner !== null && !(descriptor = Object.getOwnPropertyDescriptor(owner, methodName))) owner = Object.getPrototypeOf(owner);
    if (!descriptor) throw new (errors().codes.ERR_INVALID_ARG_VALUE)('methodName', methodName, 'must be a method');
    const accessor = getter ? 'get' : setter ? 'set' : 'value';
    const original = descriptor[accessor];
    if (typeof original !== 'function') {
      throw new (errors().codes.ERR_INVALID_ARG_VALUE)('methodName', original, `must be a ${getter ? 'getter' : setter ? 'setter' : 'method'}`);
    }
    const restore = () => {
      if (owner === object) Object.defineProperty(object, methodName, descriptor);
      else delete object[methodName];
    };
    const context = new MockFunctionContext(implementation ?? original, original, restore, options.times);
    this.#mocks.push(context);
    const mocked = mockedFunction(context);
    Object.defineProperty(object, methodName, { ...descriptor, [accessor]: mocked, configurable: true });
    return mocked;
  }
  getter(object, methodName, implementation, options = {}) { return this.method(object, methodName, implementation, { ...options, getter: true }); }
  setter(object, methodName, implementation, options = {}) { return this.method(object, methodName, implementation, { ...options, setter: true }); }
  reset() { this.restoreAll(); this.#mocks = []; }
  restoreAll() { for (const context of this.#mocks) context.restore(); }
  get timers() {
    const err = new Error('mock.timers is not supported in sandbox');
    err.code = 'ERR_NOT_SUPPORTED_IN_SANDBOX';
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// Tests and suites.

class Test {
  constructor({ name, fn, options, parent, kind, location }) {
    this.name = name;
    this.fn = fn;
    this.options = options;
    this.parent = parent;
    this.kind = kind;
    this.location = location;
    this.nesting = parent ? parent.nesting + 1 : -1;
    this.subtests = [];
    this.started = 0;
    this.hooks = { before: [], after: [], beforeEach: [], afterEach: [] };
    this.skip = options.skip ?? false;
    this.todo = options.todo ?? false;
    this.timeout = options.timeout ?? Infinity;
    this.error = undefined;
    this.cancelled = false;
    this.duration = 0;
    this.diagnostics = [];
    this.planned = options.plan;
    this.assertions = 0;
    this.mock = undefined;
    this.controller = new AbortController();
    this.finished = undefined;
    this.chain = Promise.resolve();
    this.done = new Promise((resolve) => { this.resolveDone = resolve; });
  }

  get fullName() {
    const names = [];
    for (let t = this; t && t.parent; t = t.parent) names.unshift(t.name);
    return names.join(' > ');
  }

  addSubtest(test) {
    this.subtests.push(test);
    return test;
  }

  /** Runs the test (once) and every subtest it registered; resolves when it is done. */
  run() {
    if (!this.finished) this.finished = this.#run().then(this.resolveDone);
    return this.finished;
  }

  async #run() {
    const start = now();
    if (this.skip !== false && this.skip !== undefined && this.skip !== null) {
      this.duration = now() - start;
      return;
    }
    try {
      if (this.kind === kinds.suite) {
        await this.#runSuite();
      } else {
        await this.#runTest();
      }
    } catch (e) {
      if (this.error === undefined) this.error = e;
    }
    this.duration = now() - start;
    if (this.mock) this.mock.reset();
    this.controller.abort();
  }

  async #runTest() {
    const chain = [];
    for (let p = this.parent; p; p = p.parent) chain.unshift(p);
    try {
      for (const ancestor of chain) for (const hook of ancestor.hooks.beforeEach) await runHook(hook, this.context(), ancestor);
      await withTimeout(callTestFunction(this.fn, this.context()), this.timeout);
      await this.#runPendingSubtests();
    } catch (e) {
      this.error = e && e.code === 'ERR_TEST_FAILURE' ? e : testFailure(e, 'testCodeFailure');
    }
    try {
      for (const ancestor of chain.reverse()) for (const hook of ancestor.hooks.afterEach) await runHook(hook, this.context(), ancestor);
    } catch (e) {
      if (this.error === undefined) this.error = e && e.code === 'ERR_TEST_FAILURE' ? e : testFailure(e, 'hookFailed');
    }
    if (this.error === undefined && this.planned !== undefined && this.planned !== this.assertions) {
      this.error = testFailure(new Error(`plan expected ${this.planned} assertions but received ${this.assertions}`), 'testCodeFailure');
      this.error.stack = undefined;
    }
    this.#failForSubtests();
  }

  async #runSuite() {
    try {
      if (this.bodyResult) await this.bodyResult;
      for (const hook of this.hooks.before) await runHook(hook, this.suiteContext(), this);
    } catch (e) {
      this.error = e && e.code === 'ERR_TEST_FAILURE' ? e : testFailure(e, 'hookFailed');
      for (const test of this.subtests) test.cancel();
      return;
    }
    await this.#runPendingSubtests();
    try {
      for (const hook of this.hooks.after) await runHook(hook, this.suiteContext(), this);
    } catch (e) {
      this.error = testFailure(e, 'hookFailed');
    }
    this.#failForSubtests();
  }

  async #runPendingSubtests() {
    await this.chain;
    for (let i = 0; i < this.subtests.length; i++) await this.subtests[i].run();
  }

  #failForSubtests() {
    if (this.error !== undefined) return;
    const failed = this.subtests.filter((t) => t.failed).length;
    if (failed > 0) {
      this.error = testFailure(new Error(`${failed} subtest${failed === 1 ? '' : 's'} failed`), 'subtestsFailed');
      this.error.stack = undefined;
    }
  }

  cancel() {
    this.cancelled = true;
    this.error = testFailure(new Error('test did not finish before its parent and was cancelled'), 'cancelledByParent');
    this.error.stack = undefined;
    this.finished = Promise.resolve();
    this.resolveDone();
  }

  get isSkipped() { return this.skip !== false && this.skip !== undefined && this.skip !== null; }
  get isTodo() { return this.todo !== false && this.todo !== undefined && this.todo !== null; }
  get isCancelled() {
    return this.error !== undefined && (this.error.failureType === 'cancelledByParent' || this.error.failureType === 'testTimeoutFailure');
  }
  get failed() { return this.error !== undefined && !this.isTodo; }

  context() {
    if (!this.testContext) this.testContext = new TestContext(this);
    return this.testContext;
  }

  suiteContext() {
    if (!this.suiteContextObject) this.suiteContextObject = new SuiteContext(this);
    return this.suiteContextObject;
  }
}

async function callTestFunction(fn, context) {
  if (typeof fn !== 'function') return;
  if (fn.length >= 2) {
    await new Promise((resolve, reject) => {
      let settled = false;
      const done = (err) => {
        if (settled) return;
        settled = true;
        if (err) reject(err); else resolve();
      };
      const result = fn.call(context, context, done);
      if (result && typeof result.then === 'function') {
        result.then(undefined, (e) => done(e));
      }
    });
    return;
  }
  await fn.call(context, context);
}

async function runHook(hook, context, owner) {
  try {
    await withTimeout(callTestFunction(hook.fn, context), hook.timeout);
  } catch (e) {
    throw e && e.code === 'ERR_TEST_FAILURE' ? e : testFailure(e, 'hookFailed');
  }
  void owner;
}

function withTimeout(promise, timeout) {
  if (timeout === Infinity || timeout === undefined) return promise;
  let timer;
  const expired = new Promise((_, reject) => {
    timer = setTimeout(() => {
      const err = testFailure(new Error(`test timed out after ${timeout}ms`), 'testTimeoutFailure');
      err.stack = undefined;
      reject(err);
    }, timeout);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------------------------
// What test functions receive.

const assertionNames = ['deepEqual', 'deepStrictEqual', 'doesNotMatch', 'doesNotReject', 'doesNotThrow', 'equal', 'fail',
  'ifError', 'match', 'notDeepEqual', 'notDeepStrictEqual', 'notEqual', 'notStrictEqual', 'ok', 'rejects', 'strictEqual',
  'throws'];

/** What a suite's body receives (and what a test context has besides its own methods). */
class SuiteContext {
  #owner;
  constructor(owner) { this.#owner = owner; }
  get name() { return this.#owner.name; }
  get fullName() { return this.#owner.fullName; }
  get filePath() { return process.argv[1]; }
  get signal() { return this.#owner.controller.signal; }
}

class TestContext extends SuiteContext {
  #test;
  #assert;
  constructor(test) {
    super(test);
    this.#test = test;
  }
  get mock() {
    if (!this.#test.mock) this.#test.mock = new MockTracker();
    return this.#test.mock;
  }
  get assert() {
    if (!this.#assert) {
      const assert = require('assert');
      const test = this.#test;
      this.#assert = {};
      for (const name of assertionNames) {
        this.#assert[name] = function (...args) {
          test.assertions++;
          return Reflect.apply(assert[name], this, args);
        };
      }
    }
    return this.#assert;
  }
  diagnostic(message) { this.#test.diagnostics.push(String(message)); }
  plan(count) {
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
      throw new (errors().codes.ERR_INVALID_ARG_TYPE)('count', 'number', count);
    }
    if (this.#test.planned !== undefined) {
      const err = new Error('cannot set plan more than once');
      err.code = 'ERR_TEST_FAILURE';
      throw err;
    }
    this.#test.planned = count;
  }
  skip(message) { this.#test.skip = message === undefined ? true : String(message); }
  todo(message) { this.#test.todo = message === undefined ? true : String(message); }
  runOnly() {}
  test(name, options, fn) {
    const parent = this.#test;
    const test = parent.addSubtest(createTest(kinds.test, parent, name, options, fn, {}));
    parent.assertions++;
    // One subtest at a time, in the order they were started.
    parent.chain = parent.chain.then(() => test.run());
    return test.done.then(() => undefined);
  }
  before(fn, options) { this.#test.hooks.before.push(hook(fn, options)); }
  after(fn, options) { this.#test.hooks.after.push(hook(fn, options)); }
  beforeEach(fn, options) { this.#test.hooks.beforeEach.push(hook(fn, options)); }
  afterEach(fn, options) { this.#test.hooks.afterEach.push(hook(fn, options)); }
}

function hook(fn, options = {}) {
  if (typeof fn !== 'function') throw new (errors().codes.ERR_INVALID_ARG_TYPE)('fn', 'function', fn);
  return { fn, timeout: options && options.timeout };
}

// ---------------------------------------------------------------------------------------------
// Registration.

let root;
/** The suite whose body is running (tests registered now belong to it). */
let currentSuite;

function rootTest() {
  if (!root) {
    root = new Test({ name: '<root>', fn: undefined, options: {}, parent: undefined, kind: kinds.suite });
    root.startTime = now();
    root.reported = 0;
    process.on('beforeExit', finishRoot);
    setImmediate(runRoot);
  }
  return root;
}

function normalizeArguments(name, options, fn) {
  if (typeof name === 'function') { fn = name; name = fn.name || '<anonymous>'; options = {}; }
  else if (name !== null && typeof name === 'object') { fn = options; options = name; name = (fn && fn.name) || '<anonymous>'; }
  else if (typeof options === 'function') { fn = options; options = {}; }
  if (name === undefined || name === null) name = (fn && fn.name) || '<anonymous>';
  if (options === undefined || options === null) options = {};
  if (typeof options !== 'object') throw new (errors().codes.ERR_INVALID_ARG_TYPE)('options', 'object', options);
  if (fn !== undefined && typeof fn !== 'function') throw new (errors().codes.ERR_INVALID_ARG_TYPE)('fn', 'function', fn);
  if (options.timeout !== undefined && (typeof options.timeout !== 'number' || options.timeout < 0)) {
    throw new (errors().codes.ERR_INVALID_ARG_TYPE)('options.timeout', 'number', options.timeout);
  }
  return { name: String(name), options, fn };
}

function createTest(kind, parent, rawName, rawOptions, rawFn, overrides) {
  const { name, options, fn } = normalizeArguments(rawName, rawOptions, rawFn);
  const test = new Test({ name, fn, options: { ...options, ...overrides }, parent, kind, location: callerLocation() });
  if (kind === kinds.suite && !test.isSkipped) {
    const previous = currentSuite;
    currentSuite = test;
    try {
      const result = typeof fn === 'function' ? fn.call(test.suiteContext(), test.suiteContext()) : undefined;
      if (result && typeof result.then === 'function') test.bodyResult = result;
    } catch (e) {
      test.error = testFailure(e, 'testCodeFailure');
    } finally {
      currentSuite = previous;
    }
  }
  return test;
}

function register(kind, overrides) {
  return function (name, options, fn) {
    const parent = currentSuite || rootTest();
    const test = parent.addSubtest(createTest(kind, parent, name, options, fn, overrides));
    if (parent === root && root.idle) setImmediate(runRoot);
    return kind === kinds.test && parent === root ? test.done.then(() => undefined) : Promise.resolve();
  };
}

function withShorthands(kind) {
  const fn = register(kind, {});
  fn.skip = register(kind, { skip: true });
  fn.todo = register(kind, { todo: true });
  fn.only = register(kind, { only: true });
  return fn;
}

// ---------------------------------------------------------------------------------------------
// The root: runs top-level tests in order, reports each when done, and sums up at the end.

async function runRoot() {
  if (root.running) return;
  root.running = true;
  root.idle = false;
  try {
    if (root.beforeHooks) await root.beforeHooks;
  } catch (e) {
    root.error = e;
  }
  while (root.reported < root.subtests.length) {
    const test = root.subtests[root.reported];
    if (root.error !== undefined && !test.finished) test.cancel();
    await test.run();
    root.reported++;
    if (root.reported === 1) write('TAP version 13\n');
    write(report(test, root.reported));
  }
  root.running = false;
  root.idle = true;
}

async function finishRoot() {
  if (root.finishedAll || root.running) return;
  if (root.reported < root.subtests.length) { setImmediate(runRoot); return; }
  root.finishedAll = true;
  try {
    for (const h of root.hooks.after) await runHook(h, root.suiteContext(), root);
  } catch (e) {
    root.error = root.error ?? e;
  }
  const counts = { tests: 0, suites: 0, pass: 0, fail: 0, cancelled: 0, skipped: 0, todo: 0 };
  const count = (test) => {
    if (test.kind === kinds.suite) counts.suites++;
    else {
      counts.tests++;
      if (test.isSkipped) counts.skipped++;
      else if (test.isTodo) counts.todo++;
      else if (test.isCancelled) counts.cancelled++;
      else if (test.error !== undefined) counts.fail++;
      else counts.pass++;
    }
    for (const sub of test.subtests) count(sub);
  };
  for (const test of root.subtests) count(test);
  if (root.reported === 0) write('TAP version 13\n');
  let text = `1..${root.subtests.length}\n`;
  for (const key of Object.keys(counts)) text += `# ${key} ${counts[key]}\n`;
  text += `# duration_ms ${inspect(now() - root.startTime)}\n`;
  write(text);
  if (counts.fail > 0 || counts.cancelled > 0 || root.error !== undefined) process.exitCode = 1;
}

function write(text) { process.stdout.write(text); }

// ---------------------------------------------------------------------------------------------
// TAP, as Node's TAP reporter writes it.

function tapEscape(text) {
  return String(text).replace(/\\/g, '\\\\').replace(/#/g, '\\#').replace(/\n/g, '\\n');
}

function indent(nesting) { return '    '.repeat(nesting); }

function report(test, number) {
  const pad = indent(test.nesting);
  let text = `${pad}# Subtest: ${tapEscape(test.name)}\n`;
  if (test.subtests.length > 0) {
    test.subtests.forEach((sub, i) => { text += report(sub, i + 1); });
    text += `${indent(test.nesting + 1)}1..${test.subtests.length}\n`;
  }
  let directive = '';
  if (test.isSkipped) directive = ` # SKIP${typeof test.skip === 'string' ? ` ${tapEscape(test.skip)}` : ''}`;
  else if (test.isTodo) directive = ` # TODO${typeof test.todo === 'string' ? ` ${tapEscape(test.todo)}` : ''}`;
  text += `${pad}${test.error !== undefined ? 'not ok' : 'ok'} ${number} - ${tapEscape(test.name)}${directive}\n`;
  text += `${pad}  ---\n`;
  text += yaml(pad, 'duration_ms', test.cancelled ? 0 : test.duration);
  text += yaml(pad, 'type', test.kind);
  if (test.error !== undefined) {
    if (test.location) text += yaml(pad, 'location', test.location);
    text += yaml(pad, null, test.error, new Set());
  }
  text += `${pad}  ...\n`;
  for (const message of test.diagnostics) text += `${pad}# ${tapEscape(message)}\n`;
  return text;
}

const lineBreak = /\r?\n/;
const frameStart = /^ {4}at /;

function isAssertionLike(value) {
  return value && typeof value === 'object' && 'expected' in value && 'actual' in value;
}

function yaml(pad, name, value, seen) {
  if (value === undefined) return '';
  const prefix = `${pad}  ${name}:`;
  if (value === null) return `${prefix} ~\n`;
  if (typeof value !== 'object') {
    if (typeof value !== 'string') return `${prefix} ${inspect(value)}\n`;
    const lines = value.split(lineBreak);
    if (lines.length === 1) return `${prefix} ${inspect(value)}\n`;
    let text = `${prefix} |-\n`;
    for (const line of lines) text += `${pad}    ${line}\n`;
    return text;
  }
  seen.add(value);
  const isError = value instanceof Error;
  let propsPad = pad;
  let text = '';
  if (name !== null) { text += `${prefix}\n`; propsPad += '  '; }
  for (const key of Object.keys(value)) {
    if (isError && (key === 'cause' || key === 'code')) continue;
    const entry = value[key];
    if (seen.has(entry)) { text += `${propsPad}  ${key}: <Circular>\n`; continue; }
    text += yaml(propsPad, key, entry, seen);
  }
  if (isError) {
    const { cause, code, failureType } = value;
    let message = value.message ?? '<unknown error>';
    let errName = value.name;
    let stack = value.stack;
    let errCode = code;
    let expected, actual, operator, assertion = false;
    if (code === 'ERR_TEST_FAILURE' && (failureType === 'testCodeFailure' || failureType === 'hookFailed')) {
      const causeIsObject = cause !== null && typeof cause === 'object';
      stack = causeIsObject ? cause.stack : undefined;
      errCode = (causeIsObject && cause.code) || errCode;
      errName = (causeIsObject && cause.name) || errName;
      if (isAssertionLike(cause)) {
        expected = cause.expected; actual = cause.actual; operator = cause.operator; assertion = true;
      }
    }
    text += yaml(pad, 'error', message, seen);
    if (errCode) text += yaml(pad, 'code', errCode, seen);
    if (errName && errName !== 'Error') text += yaml(pad, 'name', errName, seen);
    if (assertion) {
      text += yaml(pad, 'expected', expected, seen);
      text += yaml(pad, 'actual', actual, seen);
      text += yaml(pad, 'operator', operator, seen);
    }
    if (typeof stack === 'string') {
      const frames = [];
      for (const frame of stack.split(lineBreak)) {
        const processed = frame.replace(frameStart, '');
        if (processed.length > 0 && processed.length !== frame.length) frames.push(processed);
      }
      if (frames.length > 0) {
        const delimiter = `\n${pad}    `;
        text += `${pad}  stack: |-${delimiter}${frames.join(delimiter)}\n`;
      }
    }
  }
  return text;
}

// ---------------------------------------------------------------------------------------------

function moduleHook(kind) {
  return function (fn, options) {
    const owner = currentSuite || rootTest();
    const registered = hook(fn, options);
    // The root is already running in Node: its `before` hooks start as they are registered.
    if (owner === root && kind === 'before') {
      root.beforeHooks = (root.beforeHooks || Promise.resolve()).then(() => undefined);
      const started = runHook(registered, root.suiteContext(), root);
      root.beforeHooks = Promise.all([root.beforeHooks, started]);
      started.catch(() => {});
      return;
    }
    owner.hooks[kind].push(registered);
  };
}

const test = withShorthands(kinds.test);
const describe = withShorthands(kinds.suite);

function run() {
  const err = new Error('run() is not supported in sandbox: it starts test files in new processes');
  err.code = 'ERR_NOT_SUPPORTED_IN_SANDBOX';
  throw err;
}

const mock = new MockTracker();

module.exports = test;
Object.assign(test, {
  test,
  it: test,
  describe,
  suite: describe,
  before: moduleHook('before'),
  after: moduleHook('after'),
  beforeEach: moduleHook('beforeEach'),
  afterEach: moduleHook('afterEach'),
  mock,
  run,
});
