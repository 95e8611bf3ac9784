// Errors and stacks as Node shows them: engine error wording (caught, from promises, from
// timers), V8 stack format (frames of this file only: function name and basename:line:column),
// Error.captureStackTrace, Error.stackTraceLimit, Error.prepareStackTrace with CallSites.
// Runs under Node 22 (tools/expect.sh stacks) and in the sandbox (NodeCorpusTests). Sloppy mode on
// purpose: JSC runs strict-mode tail calls without a frame (proper tail calls), V8 keeps them.

const path = require('path');
const log = (...args) => console.log(...args); const defaultPrepare = Error.prepareStackTrace;

/** The frames of this file in an error's stack: `fn file:line:col` (or `file:line:col`). */
function frames(stack) {
  if (typeof stack !== 'string') return String(stack);
  const out = [];
  for (const line of stack.split('\n').slice(1)) {
    const m = /^    at (?:(.*) \()?(.*?):(\d+):(\d+)\)?$/.exec(line);
    if (m === null) continue;
    if (m[2].startsWith('node:')) continue;
    out.push(`${m[1] ?? ''} ${path.basename(m[2])}:${m[3]}:${m[4]}`.trim());
  }
  return out.join(' | ');
}

function show(label, err) {
  log(`${label}: ${String(err)}`);
  log(`  ctor=${err && err.constructor && err.constructor.name} header=${typeof err.stack === 'string' ? err.stack.split('\n')[0] : err.stack}`);
  log(`  frames=${frames(err.stack)}`);
}

function attempt(label, fn) {
  try {
    fn();
    log(`${label}: no error`);
  } catch (err) {
    show(label, err);
  }
}

log('== engine errors, caught');
attempt('read null', () => { const o = null; return o.x; });
attempt('read undefined', () => { let u; return u.foo; });
attempt('read undefined bracket', () => { let u; return u['bar']; });
attempt('read null index', () => { const o = null; return o[0]; });
attempt('write null', () => { const o = null; o.x = 1; });
attempt('not a function', () => { const o = {}; o.bar(); });
attempt('not a function (number)', () => { const n = 5; n(); });
attempt('undeclared', () => { return notDeclaredAnywhere + 1; });
attempt('assign const', () => { const c = 1; c = 2; });
attempt('invalid array length', () => new Array(-1));
attempt('bigint mix', () => 1n + 1);
attempt('in primitive', () => 'a' in 'abc');
// (not a tail call: JSC runs strict-mode tail calls without growing the stack)
attempt('stack overflow', () => { const f = () => 1 + f(); f(); });
attempt('JSON.parse', () => JSON.parse('{bad'));
attempt('not a constructor', () => { const x = 1; return new x(); });
attempt('not iterable', () => { const [a] = 5; return a; });
attempt('tdz', () => { tdz; let tdz = 1; });

log('== thrown by code');
function thrower() { throw new Error('plain'); }
attempt('plain Error', thrower);
attempt('TypeError', () => { throw new TypeError('bad type'); });
attempt('RangeError', () => { throw new RangeError('bad range'); });
attempt('empty message', () => { throw new Error(); });
attempt('Error() without new', () => { throw Error('called'); });
function level3() { throw new Error('deep'); }
function level2() { level3(); }
function level1() { level2(); }
attempt('nested', level1);

log('== classes');
class MyError extends Error {
  constructor(message) {
    super(message);
    this.name = 'MyError';
  }
}
class Bare extends Error {}
attempt('subclass', () => { throw new MyError('mine'); });
attempt('bare subclass', () => { throw new Bare('bare'); });
const mine = new MyError('props');
log('instanceof', mine instanceof MyError, mine instanceof Error, Object.getPrototypeOf(MyError) === Error);
log('Error identity', Error.name, Error.length, TypeError.length, Object.getPrototypeOf(TypeError) === Error,
  new TypeError('t') instanceof Error, Error.prototype.constructor === Error, TypeError.prototype.name);
log('stack descriptor', JSON.stringify(Object.keys(Object.getOwnPropertyDescriptor(new Error('d'), 'stack')).sort()));
log('stack own', Object.prototype.hasOwnProperty.call(new Error('x'), 'stack'), Object.keys(new Error('x')).length);

log('== lazy header');
const lazy = new Error('first');
lazy.message = 'second';
log(lazy.stack.split('\n')[0]);
const named = new Error('n');
named.name = 'Renamed';
log(named.stack.split('\n')[0]);
const assigned = new Error('assigned');
assigned.stack = 'custom stack';
log(assigned.stack);

log('== captureStackTrace');
const holder = { name: 'Holder', message: 'held' };
Error.captureStackTrace(holder);
log(holder.stack.split('\n')[0], typeof holder.stack);
function outer() { return inner(); }
function inner() { const o = {}; Error.captureStackTrace(o, inner); return o; }
log('skip inner', frames(outer().stack));
function hidden() { const o = {}; Error.captureStackTrace(o, hidden); return o; }
log('skip self', frames(hidden().stack));
function notOnStack() {}
const none = {};
Error.captureStackTrace(none, notOnStack);
log('fn not on stack', JSON.stringify(none.stack));
try { Error.captureStackTrace(1); } catch (e) { log('capture primitive', e.constructor.name); }

log('== stackTraceLimit');
function depth(n) { if (n === 0) throw new Error('depth'); depth(n - 1); }
for (const limit of [0, 1, 3, Infinity]) {
  Error.stackTraceLimit = limit;
  try { depth(5); } catch (e) { log(`limit ${limit}:`, frames(e.stack).split(' | ').length, frames(e.stack).split(' | ')[0]); }
}
Error.stackTraceLimit = 10;
log('limit value', Error.stackTraceLimit, Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit').writable);

log('== prepareStackTrace');
function callsites() {
  const saved = Error.prepareStackTrace;
  Error.prepareStackTrace = (_, stack) => stack;
  const stack = new Error().stack.slice(1);
  Error.prepareStackTrace = saved;
  return stack;
}
function whoCalls() { 'use strict'; const sites = callsites(); return sites[0]; }
const site = whoCalls();
log('callsite', path.basename(site.getFileName()), site.getLineNumber(), site.getColumnNumber(), site.getFunctionName(),
  site.isNative(), site.isEval(), site.isConstructor(), site.isAsync(), site.getThis(), site.getFunction());
log('callsite methods', typeof site.getTypeName, typeof site.getMethodName, typeof site.isToplevel, typeof site.toString);
function topSite() { return callsites()[1]; }
log('caller', topSite().getFunctionName() === null ? '(top)' : topSite().getFunctionName());

// depd-style: find who called the deprecated function.
function depd(namespace) {
  return function deprecate(message) {
    const saved = Error.prepareStackTrace;
    const savedLimit = Error.stackTraceLimit;
    Error.prepareStackTrace = (_, sites) => sites;
    Error.stackTraceLimit = Math.max(10, savedLimit);
    const obj = {};
    Error.captureStackTrace(obj, deprecate);
    const sites = obj.stack;
    Error.prepareStackTrace = saved;
    Error.stackTraceLimit = savedLimit;
    const caller = sites[0];
    return `${namespace} deprecated ${message} at ${path.basename(caller.getFileName())}:${caller.getLineNumber()}:${caller.getColumnNumber()}`;
  };
}
const deprecate = depd('my-module');
function usesOldApi() { return deprecate('oldApi()'); }
log(usesOldApi());

Error.prepareStackTrace = (err, sites) => `${err.name}|${err.message}|${sites.length > 0}`;
log('custom format', new RangeError('pst').stack);
Error.prepareStackTrace = (err, sites) => sites.map((s) => s.getFunctionName()).slice(0, 2).join(',');
function named1() { return new Error('x').stack; }
log('function names', named1());
Error.prepareStackTrace = undefined;
log('prepare removed', new Error('back').stack.split('\n')[0]);
try { null.y; } catch (e) {
  Error.prepareStackTrace = (err, sites) => `engine:${err.message}`;
  log('prepare on engine error', e.stack);
  Error.prepareStackTrace = undefined;
}

log('== promises and async');
async function asyncThrows() { await null; return undefined.z; }
function viaThen() {
  return Promise.resolve().then(() => { const o = null; return o.q; }).catch((e) => show('then/catch', e));
}
async function viaAwait() {
  try { await asyncThrows(); } catch (e) { show('await', e); }
}
function viaReject() {
  return new Promise((resolve, reject) => { try { null.w; } catch (e) { reject(e); } })
    .then(null, (e) => show('reject', e));
}
function viaExecutor() {
  return new Promise(() => { undefinedInExecutor(); }).catch((e) => show('executor', e));
}
function viaTimer() {
  return new Promise((resolve) => {
    setTimeout(() => {
      try { const t = undefined; t.timer; } catch (e) { show('timer', e); }
      resolve();
    }, 1);
  });
}
function viaQueueMicrotask() {
  return new Promise((resolve) => {
    queueMicrotask(() => { try { notAFunction(); } catch (e) { show('microtask', e); } resolve(); });
  });
}

viaThen()
  .then(viaAwait)
  .then(viaReject)
  .then(viaExecutor)
  .then(viaTimer)
  .then(viaQueueMicrotask)
  .then(() => {
    log('== util.inspect');
    const util = require('util');
    try { null.k; } catch (e) { log(util.inspect(e).split('\n')[0]); }
    log(util.inspect(new Error('inspected')).split('\n')[0]);
    const withCause = new Error('outer', { cause: new TypeError('inner') });
    log(String(withCause), String(withCause.cause));
    log('== eval');
    try { eval('null.e'); } catch (e) { log('eval:', String(e)); }
    try { new Function('return undefined.f')(); } catch (e) { log('Function:', String(e)); }
    log('== getters');
    const obj = { get bad() { return null.g; } };
    attempt('getter', () => obj.bad);
    log('== JSON.parse');
    for (const text of ['{"a":1,}', '[1 2]', '{"a" 1}', 'tru', 'undefined', '"abc', '01', '1e', '{"a":1} x',
      'hello world this is long text', '[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, x]', '"\\x"', '\n\n[\n1,\n2\n']) {
      try { JSON.parse(text); } catch (e) { log(JSON.stringify(text), String(e), '|', frames(e.stack)); }
    }
    log('== wrapping the default Error.prepareStackTrace (source-map-support style)');
    const original = defaultPrepare;
    log('default prepare', typeof original, original.length);
    Error.prepareStackTrace = (err, sites) => `[mapped] ${original(err, sites).split('\n').slice(0, 2).map((l) => l.replace(/\(.*[\\/]/, '(')).join(' / ')}`;
    function mapped() { return new Error('mapped').stack; }
    log(mapped());
    Error.prepareStackTrace = undefined;
    log(frames(new Error('restored').stack));
    log('== assert.ok quotes the call (found through its call site)');
    const assert = require('assert');
    try { assert.ok(''); } catch (e) { log(JSON.stringify(e.message)); }
    try {
      assert(
        typeof 1 === 'string',
      );
    } catch (e) { log(JSON.stringify(e.message), e.generatedMessage); }
    try { eval("assert.ok(0)"); } catch (e) { log(JSON.stringify(e.message)); }
    log('== more engine errors');
    const more = {
      'private read': () => { class A { #x = 1; static get(o) { return o.#x; } } A.get({}); },
      'private write': () => { class A { #x = 1; static set(o) { o.#x = 2; } } A.set({}); },
      'class without new': () => { class Foo {} Foo(); },
      'symbol to string': () => `${Symbol('s')}`,
      'BigInt division by zero': () => 1n / 0n,
      'frozen property': () => { 'use strict'; const o = Object.freeze({ a: 1 }); o.a = 2; },
      'defineProperty on a primitive': () => Object.defineProperty(1, 'a', {}),
      'reduce of empty array': () => [].reduce((a, b) => a),
      'URI malformed': () => decodeURIComponent('%'),
      'instanceof a primitive': () => ({}) instanceof 5,
      'WeakMap key': () => new WeakMap().set(1, 1),
      'toFixed digits': () => (1).toFixed(200),
      'for-of a non-iterable': () => { const settings = {}; for (const s of settings) void s; },
    };
    for (const [label, fn] of Object.entries(more)) {
      try { fn(); } catch (e) { log(`${label}: ${String(e)} | ${frames(e.stack).split(' | ')[0]}`); }
    }
    log('== done');
  });
