'use strict';
// Corpus for `assert` / `assert/strict`: AssertionError messages (diffs included) and
// properties, error validation forms of throws/rejects, match, ifError, fail, CallTracker.
// Prints strings only; nothing stack-dependent is printed.
const assert = require('assert');
const strictAssert = require('assert/strict');
const util = require('util');

process.on('warning', () => {}); // DEP0094 / DEP0173 warnings go to stderr; keep stdout clean.
process.removeAllListeners('warning');
process.on('warning', (w) => console.log(`warning ${w.name} ${w.code} ${w.message}`));

function section(name) {
  console.log(`--- ${name}`);
}

// Stack frames differ between engines and launchers: drop them from inspected values.
function show(v) {
  if (v instanceof Error) return `<${String(v)} keys=${Object.keys(v).join('|')}>`;
  return util.inspect(v, { depth: 1, breakLength: Infinity })
    .split('\n').filter((line) => !/^\s+at /.test(line) && !/^\s+\.\.\. \d+ lines matching/.test(line)).join('\n');
}

function describeError(e) {
  if (e === null || typeof e !== 'object') return `non-error ${typeof e} ${String(e)}`;
  if (e instanceof assert.AssertionError) {
    const parts = [
      `AssertionError name=${e.name} code=${e.code} generated=${e.generatedMessage}`,
      `operator=${JSON.stringify(e.operator)}`,
      `actual=${show(e.actual)}`,
      `expected=${show(e.expected)}`,
      `diff=${e.diff}`,
      `keys=${Object.keys(e).join(',')}`,
    ];
    return `${parts.join(' ')}\n  message=${JSON.stringify(e.message)}\n  toString=${JSON.stringify(String(e))}`;
  }
  return `${e.name} code=${e.code} message=${JSON.stringify(e.message)}`;
}

function t(label, fn) {
  try {
    const r = fn();
    console.log(`${label} => ok ${r === undefined ? '' : util.inspect(r)}`);
  } catch (e) {
    console.log(`${label} => THROWS ${describeError(e)}`);
  }
}

const pending = [];
function ta(label, fn) {
  pending.push(async () => {
    try {
      const r = await fn();
      console.log(`${label} => resolved ${util.inspect(r)}`);
    } catch (e) {
      console.log(`${label} => REJECTS ${describeError(e)}`);
    }
  });
}

// ---------------------------------------------------------------------------------------------
section('module shape');
console.log(Object.keys(assert).join(','));
console.log(Object.keys(assert.strict).join(','));
console.log(String(strictAssert === assert.strict), String(assert.strict.strict === assert.strict));
console.log(String(assert.ok === assert), String(assert.strict.ok === assert), String(assert.strict.equal === assert.strictEqual));
console.log(String(assert.strict.deepEqual === assert.deepStrictEqual), String(assert.strict.notEqual === assert.notStrictEqual));
console.log(`${assert.name} ${assert.length} ${assert.strict.name} ${assert.fail.name} ${assert.rejects.name}`);
console.log(String(Object.getPrototypeOf(assert.AssertionError) === Error));
console.log(String(typeof assert.Assert), String(assert.strict.Assert === assert.Assert));

// ---------------------------------------------------------------------------------------------
section('ok');
t('ok(true)', () => assert.ok(true));
t('ok(1)', () => assert(1));
t('ok()', () => assert.ok());
t('assert()', () => assert());
t('eval ok(false)', () => eval('assert.ok(false)'));
t('eval ok(0)', () => eval('assert(0)'));
t('eval ok(null)', () => eval('assert.ok(null)'));
t('eval ok("")', () => eval('assert.ok("")'));
t('eval ok(NaN)', () => eval('assert.ok(NaN)'));
t('eval strict ok', () => eval('assert.strict(undefined)'));
t('ok(false, msg)', () => assert.ok(false, 'custom message'));
t('ok(0, number msg)', () => assert.ok(0, 42));
t('ok(false, Error)', () => assert.ok(false, new TypeError('own error')));
t('forEach(assert)', () => [0].forEach(assert));
t('new Function', () => new Function('assert', 'assert(null)')(assert));

// ---------------------------------------------------------------------------------------------
section('equal / notEqual');
t('equal(1, "1")', () => assert.equal(1, '1'));
t('equal(1, 2)', () => assert.equal(1, 2));
t('equal(NaN, NaN)', () => assert.equal(NaN, NaN));
t('equal(null, undefined)', () => assert.equal(null, undefined));
t('equal({}, {})', () => assert.equal({}, {}));
t('equal("a\\nb", "c")', () => assert.equal('a\nb', 'c'));
t('equal(msg)', () => assert.equal(1, 2, 'one is not two'));
t('equal(Error msg)', () => assert.equal(1, 2, new RangeError('range!')));
t('equal one arg', () => assert.equal(1));
t('equal no arg', () => assert.equal());
t('notEqual(1, 2)', () => assert.notEqual(1, 2));
t('notEqual(1, "1")', () => assert.notEqual(1, '1'));
t('notEqual(NaN, NaN)', () => assert.notEqual(NaN, NaN));
t('notEqual long', () => assert.notEqual('x'.repeat(600), 'x'.repeat(600)));
t('notEqual msg', () => assert.notEqual(2, 2, 'same'));

// ---------------------------------------------------------------------------------------------
section('strictEqual');
t('strictEqual(1, 1)', () => assert.strictEqual(1, 1));
t('strictEqual(NaN, NaN)', () => assert.strictEqual(NaN, NaN));
t('strictEqual(0, -0)', () => assert.strictEqual(0, -0));
t('strictEqual(-0, 0)', () => assert.strictEqual(-0, 0));
t('strictEqual(1, 2)', () => assert.strictEqual(1, 2));
t('strictEqual(1, "1")', () => assert.strictEqual(1, '1'));
t('strictEqual(null, undefined)', () => assert.strictEqual(null, undefined));
t('strictEqual(true, false)', () => assert.strictEqual(true, false));
t('strictEqual(1n, 2n)', () => assert.strictEqual(1n, 2n));
t('strictEqual(sym)', () => assert.strictEqual(Symbol('a'), Symbol('a')));
t('strictEqual short strings', () => assert.strictEqual('abc', 'abd'));
t('strictEqual 12 chars', () => assert.strictEqual('abcdef', 'abcdeg'));
t('strictEqual 13 chars', () => assert.strictEqual('abcdefg', 'abcdefh'));
t('strictEqual long strings', () => assert.strictEqual('hello world, this is', 'hello world, that is'));
t('strictEqual differ early', () => assert.strictEqual('ab-long-string-here', 'xb-long-string-here'));
t('strictEqual differ at 3', () => assert.strictEqual('abc-long-string-here', 'abX-long-string-here'));
t('strictEqual very long', () => assert.strictEqual('a'.repeat(50), 'a'.repeat(49) + 'b'));
t('strictEqual multi-line strings', () => assert.strictEqual('a\nb\nc', 'a\nB\nc'));
t('strictEqual string vs number', () => assert.strictEqual('1234567890', 1234567890));
t('strictEqual long numbers', () => assert.strictEqual(123456789, 987654321));
t('strictEqual 0 vs -0 msg', () => assert.strictEqual(0, -0, 'zeros'));
t('strictEqual objects same shape', () => assert.strictEqual({ a: 1 }, { a: 1 }));
t('strictEqual arrays same shape', () => assert.strictEqual([1, 2], [1, 2]));
t('strictEqual empty objects', () => assert.strictEqual({}, {}));
t('strictEqual functions', () => assert.strictEqual(function a() {}, function a() {}));
t('strictEqual different functions', () => assert.strictEqual(function a() {}, function b() {}));
t('strictEqual objects differ', () => assert.strictEqual({ a: 1, b: 2 }, { a: 1, b: 3 }));
t('strictEqual object vs null', () => assert.strictEqual({ a: 1 }, null));
t('strictEqual null vs object', () => assert.strictEqual(null, { a: 1, b: [1, 2] }));
t('strictEqual array vs number', () => assert.strictEqual([1, 2, 3], 3));
t('strictEqual custom msg', () => assert.strictEqual(1, 2, 'my message'));
t('strictEqual custom msg objects', () => assert.strictEqual({ a: 1 }, { a: 2 }, 'obj message'));
t('strictEqual Error msg', () => assert.strictEqual(1, 2, new Error('thrown instead')));
t('strictEqual undefined vs string', () => assert.strictEqual(undefined, 'undefined'));
t('strictEqual Date', () => assert.strictEqual(new Date(0), new Date(0)));
t('strictEqual map', () => assert.strictEqual(new Map([[1, 2]]), new Map([[1, 3]])));
t('strictEqual big same', () => {
  const big = {};
  for (let i = 0; i < 60; i++) big[`key${i}`] = i;
  assert.strictEqual(big, { ...big });
});

// ---------------------------------------------------------------------------------------------
section('notStrictEqual');
t('notStrictEqual(1, 2)', () => assert.notStrictEqual(1, 2));
t('notStrictEqual(1, 1)', () => assert.notStrictEqual(1, 1));
t('notStrictEqual("abcdef")', () => assert.notStrictEqual('abcdef', 'abcdef'));
t('notStrictEqual("ab")', () => assert.notStrictEqual('ab', 'ab'));
t('notStrictEqual(NaN)', () => assert.notStrictEqual(NaN, NaN));
t('notStrictEqual obj', () => { const o = { a: 1, b: 'two' }; assert.notStrictEqual(o, o); });
t('notStrictEqual fn', () => assert.notStrictEqual(assert, assert));
t('notStrictEqual arr', () => { const a = [1, 2, 3]; assert.notStrictEqual(a, a); });
t('notStrictEqual big', () => {
  const a = Array.from({ length: 60 }, (_, i) => i);
  assert.notStrictEqual(a, a);
});
t('notStrictEqual msg', () => assert.notStrictEqual(1, 1, 'nope'));

// ---------------------------------------------------------------------------------------------
section('deepEqual / notDeepEqual');
t('deepEqual loose', () => assert.deepEqual({ a: 1 }, { a: '1' }));
t('deepEqual fail', () => assert.deepEqual({ a: 1, b: [1, 2] }, { a: 1, b: [1, 3] }));
t('deepEqual primitives', () => assert.deepEqual(1, 2));
t('deepEqual arrays', () => assert.deepEqual([1, 2, 3], [1, 2, 4]));
t('deepEqual long', () => assert.deepEqual('x'.repeat(600), 'y'.repeat(600)));
t('deepEqual msg', () => assert.deepEqual(1, 2, 'deep msg'));
t('notDeepEqual ok', () => assert.notDeepEqual({ a: 1 }, { a: 2 }));
t('notDeepEqual same', () => assert.notDeepEqual({ a: 1 }, { a: 1 }));
t('notDeepEqual loose same', () => assert.notDeepEqual({ a: 1 }, { a: '1' }));
t('notDeepEqual long', () => {
  const a = Array.from({ length: 300 }, (_, i) => `item-${i}`);
  assert.notDeepEqual(a, a.slice());
});
t('strict.deepEqual', () => assert.strict.deepEqual({ a: 1 }, { a: '1' }));
t('strict.equal', () => assert.strict.equal(1, '1'));
t('strict.notEqual', () => assert.strict.notEqual(1, '1'));
t('strict.notDeepEqual', () => assert.strict.notDeepEqual([1], [1]));

// ---------------------------------------------------------------------------------------------
section('deepStrictEqual');
t('dse equal', () => assert.deepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }));
t('dse simple', () => assert.deepStrictEqual(1, 2));
t('dse strings', () => assert.deepStrictEqual('foo', 'bar'));
t('dse objects', () => assert.deepStrictEqual({ a: 1, b: 2, c: [1, 2, 3] }, { a: 1, b: 3, c: [1, 2, 4] }));
t('dse loose', () => assert.deepStrictEqual({ a: 1 }, { a: '1' }));
t('dse key missing', () => assert.deepStrictEqual({ a: 1, b: 2 }, { a: 1 }));
t('dse key extra', () => assert.deepStrictEqual({ a: 1 }, { a: 1, b: 2 }));
t('dse array length', () => assert.deepStrictEqual([1, 2, 3], [1, 2]));
t('dse array vs object', () => assert.deepStrictEqual([1], { 0: 1 }));
t('dse same structure', () => assert.deepStrictEqual(Object.create(null), {}));
t('dse proto', () => {
  class Foo { constructor() { this.a = 1; } }
  assert.deepStrictEqual(new Foo(), { a: 1 });
});
t('dse nested', () => assert.deepStrictEqual(
  { user: { name: 'ann', roles: ['admin', 'dev'], meta: { age: 30, tags: new Set(['x']) } } },
  { user: { name: 'ann', roles: ['admin', 'ops'], meta: { age: 31, tags: new Set(['x']) } } }));
t('dse long array', () => assert.deepStrictEqual(
  Array.from({ length: 30 }, (_, i) => i + 1),
  Array.from({ length: 30 }, (_, i) => (i === 29 ? 31 : i + 1))));
t('dse mid change', () => assert.deepStrictEqual(
  Array.from({ length: 40 }, (_, i) => i),
  Array.from({ length: 40 }, (_, i) => (i === 20 ? -1 : i))));
t('dse two changes', () => assert.deepStrictEqual(
  Array.from({ length: 40 }, (_, i) => i),
  Array.from({ length: 40 }, (_, i) => (i === 10 || i === 18 ? -i : i))));
t('dse 6 kept', () => assert.deepStrictEqual([1, 2, 3, 4, 5, 6, 'a', 7], [1, 2, 3, 4, 5, 6, 'b', 7]));
t('dse 7 kept', () => assert.deepStrictEqual([1, 2, 3, 4, 5, 6, 7, 'a'], [1, 2, 3, 4, 5, 6, 7, 'b']));
t('dse 8 kept', () => assert.deepStrictEqual([1, 2, 3, 4, 5, 6, 7, 8, 'a'], [1, 2, 3, 4, 5, 6, 7, 8, 'b']));
t('dse Map', () => assert.deepStrictEqual(new Map([['a', 1], ['b', 2]]), new Map([['a', 1], ['b', 3]])));
t('dse Set', () => assert.deepStrictEqual(new Set([1, 2, 3]), new Set([1, 2, 4])));
t('dse Date', () => assert.deepStrictEqual(new Date(0), new Date(1000)));
t('dse RegExp', () => assert.deepStrictEqual(/a/g, /a/i));
t('dse Error', () => assert.deepStrictEqual(new Error('a'), new Error('b')));
t('dse TypeError vs Error', () => assert.deepStrictEqual(new TypeError('a'), new Error('a')));
t('dse Buffer', () => assert.deepStrictEqual(Buffer.from('abc'), Buffer.from('abd')));
t('dse Uint8Array', () => assert.deepStrictEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3])));
t('dse NaN', () => assert.deepStrictEqual(NaN, NaN));
t('dse -0', () => assert.deepStrictEqual(-0, 0));
t('dse [-0]', () => assert.deepStrictEqual([-0], [0]));
t('dse symbols keys', () => assert.deepStrictEqual({ [Symbol.for('s')]: 1 }, { [Symbol.for('s')]: 2 }));
t('dse strings multi-line', () => assert.deepStrictEqual('a\nb\nc\nd', 'a\nb\nX\nd'));
t('dse undefined vs null', () => assert.deepStrictEqual(undefined, null));
t('dse boxed', () => assert.deepStrictEqual(new Number(1), new Number(2)));
t('dse getter', () => assert.deepStrictEqual({ get a() { return 1; } }, { a: 2 }));
t('dse comma tolerance', () => assert.deepStrictEqual({ a: 1, b: { c: 1 } }, { a: 1, b: { c: 1 }, d: 2 }));
t('dse custom msg', () => assert.deepStrictEqual({ a: 1 }, { a: 2 }, 'custom deep'));
t('dse full diff', () => new assert.Assert({ diff: 'full' }).deepStrictEqual(
  Array.from({ length: 30 }, (_, i) => i), Array.from({ length: 30 }, (_, i) => (i === 29 ? 0 : i))));
t('dse big same structure', () => {
  const a = Array.from({ length: 60 }, (_, i) => ({ i }));
  assert.strictEqual(a, a.map((x) => x));
});
t('dse array of objects', () => assert.deepStrictEqual(
  [{ id: 1, name: 'a' }, { id: 2, name: 'b' }, { id: 3, name: 'c' }],
  [{ id: 1, name: 'a' }, { id: 2, name: 'B' }, { id: 3, name: 'c' }]));
t('dse inserted lines', () => assert.deepStrictEqual(
  { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8 },
  { a: 1, b: 2, c: 3, x: 0, d: 4, e: 5, f: 6, g: 7, h: 8 }));
t('dse class instance', () => {
  class Point { constructor(x, y) { this.x = x; this.y = y; } }
  assert.deepStrictEqual(new Point(1, 2), new Point(1, 3));
});
t('dse errors with stack', () => {
  const a = new Error('same');
  const b = new Error('same');
  b.code = 'X';
  assert.deepStrictEqual(a, b);
});
t('notDeepStrictEqual ok', () => assert.notDeepStrictEqual({ a: 1 }, { a: '1' }));
t('notDeepStrictEqual fail', () => assert.notDeepStrictEqual({ a: 1 }, { a: 1 }));
t('notDeepStrictEqual short', () => assert.notDeepStrictEqual(1, 1));
t('notDeepStrictEqual 6 chars', () => assert.notDeepStrictEqual('abc', 'abc'));
t('notDeepStrictEqual big', () => assert.notDeepStrictEqual(
  Array.from({ length: 60 }, (_, i) => i), Array.from({ length: 60 }, (_, i) => i)));

// ---------------------------------------------------------------------------------------------
section('partialDeepStrictEqual');
t('partial subset', () => assert.partialDeepStrictEqual({ a: 1, b: { c: 2, d: 3 } }, { b: { c: 2 } }));
t('partial array order', () => assert.partialDeepStrictEqual([1, 2, 3], [1, 3]));
t('partial array fail', () => assert.partialDeepStrictEqual([1, 2], [1, 2, 3]));
t('partial missing key', () => assert.partialDeepStrictEqual({ a: 1 }, { a: 1, b: undefined }));
t('partial primitives', () => assert.partialDeepStrictEqual(1, '1'));
t('partial Set', () => assert.partialDeepStrictEqual(new Set([1, { a: 1, b: 2 }]), new Set([{ a: 1 }])));
t('partial Map', () => assert.partialDeepStrictEqual(new Map([[1, { a: 1, b: 2 }]]), new Map([[1, { a: 1 }]])));

// ---------------------------------------------------------------------------------------------
section('throws');
class MyError extends Error {}
class OtherError extends Error {}
const thrower = (e) => () => { throw e; };
t('throws no error', () => assert.throws(() => {}));
t('throws no error msg', () => assert.throws(() => {}, 'should throw'));
t('throws no error class', () => assert.throws(() => {}, TypeError));
t('throws no error class msg', () => assert.throws(() => {}, TypeError, 'needs a TypeError'));
t('throws not fn', () => assert.throws('nope'));
t('throws any', () => assert.throws(thrower(new Error('x'))));
t('throws class ok', () => assert.throws(thrower(new TypeError('x')), TypeError));
t('throws class base ok', () => assert.throws(thrower(new TypeError('x')), Error));
t('throws class mismatch', () => assert.throws(thrower(new TypeError('bad thing')), RangeError));
t('throws class same name', () => assert.throws(thrower(new (class TypeError extends Error {})('t')), TypeError));
t('throws class non-error thrown', () => assert.throws(thrower('a string'), MyError));
t('throws class custom mismatch', () => assert.throws(thrower(new OtherError('o')), MyError));
t('throws class no message', () => assert.throws(thrower(new OtherError()), MyError));
t('throws RegExp ok', () => assert.throws(thrower(new Error('hello world')), /world/));
t('throws RegExp fail', () => assert.throws(thrower(new Error('hello world')), /planet/));
t('throws RegExp fail msg', () => assert.throws(thrower(new Error('hello world')), /planet/, 'regexp msg'));
t('throws RegExp string thrown', () => assert.throws(thrower('str err'), /str/));
t('throws validate fn ok', () => assert.throws(thrower(new Error('v')), (e) => e.message === 'v'));
t('throws validate fn false', () => assert.throws(thrower(new Error('v')), function check(e) { return false; }));
t('throws validate arrow undefined', () => assert.throws(thrower(new Error('v')), (e) => { e.x = 1; }));
t('throws validate fn non-error', () => assert.throws(thrower(5), function isSix(e) { return e === 6 ? true : 'no'; }));
t('throws object ok', () => assert.throws(thrower(Object.assign(new Error('m'), { code: 'E1' })), { code: 'E1', message: 'm' }));
t('throws object fail', () => assert.throws(thrower(Object.assign(new Error('m'), { code: 'E1' })), { code: 'E2', message: 'm' }));
t('throws object regexp ok', () => assert.throws(thrower(new Error('abc123')), { message: /\d+/ }));
t('throws object regexp fail', () => assert.throws(thrower(new Error('abc')), { message: /\d+/, name: 'Error' }));
t('throws object missing key', () => assert.throws(thrower(new Error('abc')), { foo: 'bar' }));
t('throws object msg', () => assert.throws(thrower(new Error('abc')), { foo: 'bar' }, 'obj fail msg'));
t('throws empty object', () => assert.throws(thrower(new Error('abc')), {}));
t('throws error instance ok', () => assert.throws(thrower(new TypeError('same')), new TypeError('same')));
t('throws error instance fail', () => assert.throws(thrower(new TypeError('same')), new RangeError('same')));
t('throws error instance msg', () => assert.throws(thrower(new Error('one')), new Error('two')));
t('throws primitive thrown vs object', () => assert.throws(thrower(42), { a: 1 }));
t('throws null thrown vs object', () => assert.throws(thrower(null), { a: 1 }));
t('throws nested object', () => assert.throws(thrower(Object.assign(new Error('m'), { info: { a: [1, 2] } })), { info: { a: [1, 3] } }));
t('throws string error arg', () => assert.throws(thrower(new Error('x')), 'a message'));
t('throws ambiguous', () => assert.throws(thrower(new Error('same text')), 'same text'));
t('throws ambiguous primitive', () => assert.throws(thrower('same text'), 'same text'));
t('throws string error with msg', () => assert.throws(thrower(new Error('x')), 'a', 'b'));
t('throws bad error type', () => assert.throws(thrower(new Error('x')), 42));
t('throws Error msg arg', () => assert.throws(() => {}, TypeError, new Error('thrown message')));
t('strict.throws', () => assert.strict.throws(thrower(new MyError('mine')), MyError));

// ---------------------------------------------------------------------------------------------
section('doesNotThrow');
t('doesNotThrow ok', () => assert.doesNotThrow(() => 1));
t('doesNotThrow throws', () => assert.doesNotThrow(thrower(new Error('boom'))));
t('doesNotThrow throws msg', () => assert.doesNotThrow(thrower(new Error('boom')), 'custom'));
t('doesNotThrow class match', () => assert.doesNotThrow(thrower(new TypeError('boom')), TypeError));
t('doesNotThrow class other', () => assert.doesNotThrow(thrower(new TypeError('boom')), RangeError));
t('doesNotThrow regexp match', () => assert.doesNotThrow(thrower(new Error('boom')), /bo/, 'with msg'));
t('doesNotThrow regexp other', () => assert.doesNotThrow(thrower(new Error('boom')), /zz/));
t('doesNotThrow fn match', () => assert.doesNotThrow(thrower(new Error('boom')), () => true));
t('doesNotThrow bad expected', () => assert.doesNotThrow(thrower(new Error('boom')), {}));
t('doesNotThrow non-error', () => assert.doesNotThrow(thrower('str')));
t('doesNotThrow not fn', () => assert.doesNotThrow(1));

// ---------------------------------------------------------------------------------------------
section('match / doesNotMatch');
t('match ok', () => assert.match('abc', /b/));
t('match fail', () => assert.match('abc', /x/));
t('match non-string', () => assert.match(123, /1/));
t('match bad regexp', () => assert.match('abc', 'b'));
t('match msg', () => assert.match('abc', /x/, 'no x'));
t('match Error msg', () => assert.match('abc', /x/, new TypeError('typed')));
t('doesNotMatch ok', () => assert.doesNotMatch('abc', /x/));
t('doesNotMatch fail', () => assert.doesNotMatch('abc', /b/));
t('doesNotMatch non-string', () => assert.doesNotMatch({}, /b/));
t('match multiline', () => assert.match('line1\nline2', /^x/m));

// ---------------------------------------------------------------------------------------------
section('ifError');
t('ifError null', () => assert.ifError(null));
t('ifError undefined', () => assert.ifError(undefined));
t('ifError error', () => assert.ifError(new Error('bad')));
t('ifError empty message', () => assert.ifError(new TypeError('')));
t('ifError string', () => assert.ifError('str'));
t('ifError number', () => assert.ifError(0));
t('ifError false', () => assert.ifError(false));
t('ifError object', () => assert.ifError({ message: 'obj msg' }));
t('ifError object nonstring message', () => assert.ifError({ message: 1 }));

// ---------------------------------------------------------------------------------------------
section('fail');
t('fail()', () => assert.fail());
t('fail(msg)', () => assert.fail('boom'));
t('fail(Error)', () => assert.fail(new TypeError('typed')));
t('fail(undefined)', () => assert.fail(undefined));
t('fail(null)', () => assert.fail(null));
t('fail(a, b)', () => assert.fail(1, 2));
t('fail(a, b, msg)', () => assert.fail(1, 2, 'three'));
t('fail(a, b, undefined, op)', () => assert.fail(1, 2, undefined, '>'));
t('fail(a, b, msg, op)', () => assert.fail('a', 'b', 'msg', 'op'));

// ---------------------------------------------------------------------------------------------
section('AssertionError');
t('new no options', () => new assert.AssertionError());
t('new string', () => new assert.AssertionError('x'));
t('new message', () => { throw new assert.AssertionError({ message: 'hand made' }); });
t('new strictEqual', () => { throw new assert.AssertionError({ actual: 1, expected: 2, operator: 'strictEqual' }); });
t('new deepStrictEqual', () => { throw new assert.AssertionError({ actual: [1], expected: [2], operator: 'deepStrictEqual' }); });
t('new unknown operator', () => { throw new assert.AssertionError({ actual: 1, expected: 2, operator: '>=' }); });
t('new notDeepEqual', () => { throw new assert.AssertionError({ actual: { a: 1 }, expected: { a: 2 }, operator: 'notDeepEqual' }); });
t('new no operator', () => { throw new assert.AssertionError({ actual: 'a', expected: 'b' }); });
t('new details', () => {
  throw new assert.AssertionError({ message: 'multi', details: [{ message: 'm0', actual: 1, expected: 2, operator: 'op', stack: 's' }] });
});
t('new diff full', () => { throw new assert.AssertionError({ actual: 1, expected: 2, operator: 'strictEqual', diff: 'full' }); });
t('instance', () => {
  const e = new assert.AssertionError({ actual: 1, expected: 2, operator: 'strictEqual' });
  return [e instanceof Error, e.name, Object.prototype.hasOwnProperty.call(e, 'name'),
    Object.getOwnPropertyDescriptor(e, 'name').enumerable,
    Object.getOwnPropertyNames(e).sort().join('|'), String(e)].join(' ');
});
t('inspect', () => {
  const e = new assert.AssertionError({ actual: 'line\n'.repeat(20), expected: 'y', operator: 'strictEqual', message: 'm' });
  // Only the property part: the stack header is engine-rendered.
  const text = util.inspect(e);
  return text.slice(text.indexOf('\n  generatedMessage')).split('\n').join('|');
});
t('inspect long actual', () => {
  const e = new assert.AssertionError({ actual: 'z'.repeat(600), expected: { deep: { deeper: 1 } }, operator: 'strictEqual', message: 'm' });
  const text = util.inspect(e);
  return text.slice(text.indexOf('\n  generatedMessage')).split('\n').join('|');
});

// ---------------------------------------------------------------------------------------------
section('Assert class');
t('Assert without new', () => assert.Assert());
t('Assert bad diff', () => new assert.Assert({ diff: 'nope' }));
t('Assert default strict', () => {
  const a = new assert.Assert();
  return [a.equal === a.strictEqual, a.deepEqual === a.deepStrictEqual, Object.keys(a).join(','),
    a.AssertionError === assert.AssertionError].join(' ');
});
t('Assert strict equal fails', () => new assert.Assert().equal(1, '1'));
t('Assert non-strict', () => new assert.Assert({ strict: false }).equal(1, '1'));
t('Assert keys', () => Object.keys(assert.Assert.prototype).join(','));
t('Assert destructured', () => {
  const { strictEqual } = new assert.Assert({ diff: 'full' });
  strictEqual(1, 2);
});
t('Assert diff full prop', () => new assert.Assert({ diff: 'full' }).strictEqual(1, 2));

// ---------------------------------------------------------------------------------------------
section('CallTracker');
t('CallTracker', () => {
  const tracker = new assert.CallTracker();
  function foo(a) { return a * 2; }
  const callsFoo = tracker.calls(foo, 2);
  const out = [callsFoo(2), callsFoo.name, callsFoo.length];
  const calls = tracker.getCalls(callsFoo);
  out.push(calls.length, calls[0].arguments.join(), Object.isFrozen(calls), Object.isFrozen(calls[0]));
  const report = tracker.report();
  out.push(report.length, report[0].message, report[0].actual, report[0].expected, report[0].operator,
    typeof report[0].stack);
  try { tracker.verify(); } catch (e) { out.push(describeError(e)); }
  callsFoo(3);
  tracker.verify();
  out.push('verified');
  tracker.reset(callsFoo);
  out.push(tracker.getCalls(callsFoo).length);
  const noop = tracker.calls();
  const three = tracker.calls(3);
  out.push(noop.name, three.name);
  try { tracker.verify(); } catch (e) { out.push(describeError(e), e['message 0'], e['operator 1'], e['actual 2']); }
  try { tracker.getCalls(() => {}); } catch (e) { out.push(describeError(e)); }
  try { tracker.calls(foo, -1); } catch (e) { out.push(describeError(e)); }
  try { tracker.calls(foo, 'x'); } catch (e) { out.push(describeError(e)); }
  tracker.reset();
  return out.join('\n  ');
});

// ---------------------------------------------------------------------------------------------
section('rejects / doesNotReject');
ta('rejects ok', () => assert.rejects(Promise.reject(new TypeError('t')), TypeError));
ta('rejects fn ok', () => assert.rejects(async () => { throw new Error('x'); }, /x/));
ta('rejects resolves', () => assert.rejects(Promise.resolve(1)));
ta('rejects resolves msg', () => assert.rejects(Promise.resolve(1), 'msg'));
ta('rejects resolves class', () => assert.rejects(Promise.resolve(1), TypeError));
ta('rejects wrong class', () => assert.rejects(Promise.reject(new TypeError('t')), RangeError));
ta('rejects object', () => assert.rejects(Promise.reject(new Error('m')), { message: 'n' }));
ta('rejects not promise', () => assert.rejects(1));
ta('rejects fn not returning promise', () => assert.rejects(() => 1));
ta('rejects fn throws sync', () => assert.rejects(() => { throw new Error('sync'); }));
ta('rejects thenable', () => assert.rejects({ then() {}, catch() {} }.constructor === Object ? Promise.reject(new Error('t')) : null));
ta('doesNotReject ok', () => assert.doesNotReject(Promise.resolve(1)));
ta('doesNotReject rejects', () => assert.doesNotReject(Promise.reject(new Error('nope'))));
ta('doesNotReject rejects msg', () => assert.doesNotReject(Promise.reject(new Error('nope')), 'msg'));
ta('doesNotReject class other', () => assert.doesNotReject(Promise.reject(new TypeError('nope')), RangeError));
ta('doesNotReject fn', () => assert.doesNotReject(async () => { throw new Error('async nope'); }));
ta('doesNotReject bad', () => assert.doesNotReject('x'));

(async () => {
  for (const p of pending) await p();
  console.log('--- done');
})();
