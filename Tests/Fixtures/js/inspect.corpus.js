'use strict';
// Corpus for util.inspect / util.format: every line is compared byte for byte with Node 22.
// Only deterministic, engine-independent values: error stacks are fixed strings, no promises,
// proxies or iterator previews (those depend on engine hooks and are tested elsewhere).
const util = require('util');

const inspect = util.inspect;
let section = '';
function title(name) {
  section = name;
  console.log(`## ${name}`);
}
let counter = 0;
function p(value, opts) {
  counter++;
  const out = opts === undefined ? inspect(value) : inspect(value, opts);
  console.log(`${section}#${counter}: ${out}`);
}
function line(text) {
  console.log(String(text));
}
function withStack(err, stack) {
  err.stack = stack;
  return err;
}

title('primitives');
p(1); p(-1); p(0); p(-0); p(1.5); p(-1.25e-7); p(1e21); p(123456789012345680000); p(NaN);
p(Infinity); p(-Infinity); p(0.1 + 0.2); p(2 ** 53); p(Number.MIN_VALUE); p(Number.MAX_VALUE);
p(0n); p(1n); p(-12345678901234567890n); p(true); p(false); p(undefined); p(null);
p(Symbol()); p(Symbol('desc')); p(Symbol('with space')); p(Symbol.for('registered'));
p(Symbol.iterator); p(Symbol.asyncIterator); p(Symbol('a\nb'));

title('strings');
p(''); p('a'); p('hello world'); p("it's"); p('say "hi"'); p('it\'s "x"'); p('it\'s "x" `y`');
p('it\'s "x" ${y}'); p('a\\b'); p('tab\there'); p('new\nline'); p('\r\n'); p('\x00\x01\x1f');
p('\x7f\x80\x9f\xa0'); p('\u00e9\u4e2d\u{1f600}'); p('\ud800'); p('\udc00x'); p('x\ud83d');
p('\ud83d\ude00'); p('\b\f\v'); p('\u2028\u2029'); p('\x1b[31mred\x1b[39m');
p('a'.repeat(100)); p('a\n'.repeat(5)); p('line one\nline two\nline three\nline four\n');
p('x'.repeat(20) + '\n' + 'y'.repeat(20)); p('short\nstr');
p({ s: 'a'.repeat(90) }); p({ s: 'first line\nsecond line\nthird line that is long enough\n' });
p(['aaaaaaaaaaaaaaaaaaaa\nbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb']);
p('a'.repeat(30), { maxStringLength: 10 }); p('ab', { maxStringLength: 1 });
p(['abcdef', 'ghijkl'], { maxStringLength: 2 }); p('abc', { maxStringLength: 0 });
p('abc', { maxStringLength: null }); p('x'.repeat(10020)); p("'".repeat(3) + '"');
p('a\'b\n"c"\n`d`\n'.repeat(3));
p(`${'q'.repeat(120)}'"\`\n`);

title('numbers and separators');
const numericOpts = { numericSeparator: true };
p(1234567, numericOpts); p(-1234567.891, numericOpts); p(123, numericOpts); p(1234.5678, numericOpts);
p(0.0000001, numericOpts); p(1e21, numericOpts); p(NaN, numericOpts); p(-0, numericOpts);
p(123456789n, numericOpts); p(-1000n, numericOpts); p(999n, numericOpts);
p([1000000, 2000000.5, 3n ** 20n], numericOpts); p(new Float64Array([1234.5, 1e6]), numericOpts);
p(1000.0001, numericOpts); p(-1000, numericOpts); p(Infinity, numericOpts); p(12345.1, numericOpts);

title('arrays');
p([]); p([1]); p([1, 2, 3]); p(['a', 'b']); p([undefined, null]); p([[]]); p([{}]);
p([1, [2, [3, [4, [5]]]]]); p([[1, 2], [3, 4]]); p(new Array(3)); p([1, , 3]); p([, 1]);
p([1, , , , 5]); p([, , , ]); p(Object.assign([1, 2], { extra: true }));
p(Object.assign([], { a: 1 })); p(Object.assign([1], { '-1': 'neg', 1.5: 'frac' }));
const withSym = [1]; withSym[Symbol('s')] = 2; p(withSym);
const sparseExtra = [1, , 3]; sparseExtra.k = 'v'; p(sparseExtra);
p(Array.from({ length: 101 }, (_, i) => i));
p(Array.from({ length: 10 }, (_, i) => i), { maxArrayLength: 3 });
p(Array.from({ length: 10 }, (_, i) => i), { maxArrayLength: 0 });
p(Array.from({ length: 10 }, (_, i) => i), { maxArrayLength: 1 });
p([1, 2, 3], { maxArrayLength: -1 }); p(new Array(200), { maxArrayLength: 2 });
const holes = new Array(10); holes[2] = 'x'; holes[8] = 'y'; p(holes); p(holes, { maxArrayLength: 2 });
p(Array.from({ length: 5 }, (_, i) => i), { maxArrayLength: null });
const big = []; big[2 ** 32 - 2] = 1; p(big);
p([1, 2, 3], { compact: false }); p([[1, [2]]], { compact: false });
p(Array.from({ length: 26 }, (_, i) => String.fromCharCode(97 + i)));
p(Array.from({ length: 30 }, (_, i) => i * 1000));
p(Array.from({ length: 30 }, (_, i) => -i * 37));
p(Array.from({ length: 7 }, (_, i) => i)); p(Array.from({ length: 6 }, (_, i) => i));
p(Array.from({ length: 40 }, (_, i) => 'x'.repeat(i % 7)));
p(Array.from({ length: 12 }, (_, i) => 'word' + 'w'.repeat(i)));
p(Array.from({ length: 20 }, (_, i) => ({ i })));
p(Array.from({ length: 50 }, (_, i) => (i % 2 ? i : `s${i}`)));
p(Array.from({ length: 16 }, (_, i) => BigInt(i) * 1000n));
p(Array.from({ length: 30 }, (_, i) => i), { breakLength: 40 });
p(Array.from({ length: 30 }, (_, i) => i), { compact: 1 });
p(Array.from({ length: 30 }, (_, i) => i), { compact: 2 });
p(Array.from({ length: 30 }, (_, i) => i), { breakLength: Infinity });
p(Array.from({ length: 120 }, (_, i) => i * 3.5));
p(Array.from({ length: 9 }, (_, i) => [i, i + 1]));
p([Array.from({ length: 27 }, (_, i) => i), 'tail']);
p({ nested: { list: Array.from({ length: 40 }, (_, i) => i) } });
p(Array.from({ length: 8 }, (_, i) => (i % 3 === 0 ? undefined : i)));
p(Array.from({ length: 8 }, (_, i) => (i % 2 ? null : true)));
p(Array.from({ length: 25 }, (_, i) => '\u4e2d'.repeat(i % 4 + 1)));
p(Array.from({ length: 25 }, (_, i) => '\u{1f600}'.repeat(i % 3 + 1)));
p(Array.from({ length: 10 }, (_, i) => i), { colors: true });
p(Array.from({ length: 30 }, (_, i) => `${i}`), { colors: true });
const longArr = Array.from({ length: 130 }, (_, i) => i); p(longArr, { maxArrayLength: 120 });

title('objects');
p({}); p({ a: 1 }); p({ a: 1, b: 'two', c: [3], d: { e: null } }); p({ 'a-b': 1 });
p({ '': 1 }); p({ 1: 1, 0: 0, b: 2, a: 1 }); p({ $dollar: 1, _under: 2, camelCase: 3, 'sp ace': 4 });
p({ 'quo\'te': 1, 'dbl"q': 2, 'both\'"': 3, 'new\nline': 4 }); p({ __proto__: { inherited: 1 }, own: 2 });
p({ ['__proto__']: 'own proto key' }); p({ ü: 1, ñame: 2 }); p({ a1: 1, '1a': 2, A_: 3 });
p({ [Symbol('sym')]: 1, [Symbol()]: 2, [Symbol.for('reg')]: 3, [Symbol.toPrimitive]: 4 });
p({ undef: undefined, nul: null, nan: NaN, negz: -0 });
p({ a: { b: { c: { d: { e: 1 } } } } }); p({ a: { b: { c: {} } } }); p({ a: { b: { c: [] } } });
p({ a: { b: { c: [1] } } }); p({ a: { b: { c: { d: 1 } } } }, { depth: 0 });
p({ a: { b: { c: { d: 1 } } } }, { depth: 1 }); p({ a: { b: { c: { d: 1 } } } }, { depth: Infinity });
p({ a: { b: { c: { d: 1 } } } }, { depth: null }); p({ a: [[[[[1]]]]] }, { depth: 3 });
p({ a: 1 }, { depth: -1 }); p([1], { depth: -1 }); p({}, { depth: -1 }); p([], { depth: -1 });
p(Object.create(null)); p(Object.assign(Object.create(null), { a: 1, b: [2] }));
p({ inner: Object.create(null) }); p({ inner: Object.assign(Object.create(null), { x: 1 }) }, { depth: 0 });
p(Object.create({})); p(Object.create(Object.create(null)));
p(Object.setPrototypeOf({ a: 1 }, Object.create(null)));
p(Object.create(Array.prototype)); p(Object.create(Date.prototype));
p(Object.create(Object.prototype, { hidden: { value: 1 }, shown: { value: 2, enumerable: true } }));
p(Object.create(Object.prototype, { hidden: { value: 1 }, shown: { value: 2, enumerable: true } }),
  { showHidden: true });
const wide = {}; for (let i = 0; i < 30; i++) wide[`key${i}`] = i; p(wide);
const wide2 = {}; for (let i = 0; i < 4; i++) wide2[`k${i}`] = 'v'.repeat(14); p(wide2);
const wide3 = {}; for (let i = 0; i < 5; i++) wide3[`k${i}`] = 'v'.repeat(10); p(wide3);
p({ a: 'x'.repeat(60), b: 1 }); p({ a: 'x'.repeat(66) }); p({ a: 'x'.repeat(67) });
p({ a: 'x'.repeat(55), b: 'y' }); p({ aa: { bb: 'x'.repeat(50) }, cc: 1 });
p({ k: [1, 2, 3], l: { m: 'n' }, o: [{ p: 1 }, { q: 2 }] });
p({ k: [1, 2, 3], l: { m: 'n' }, o: [{ p: 1 }, { q: 2 }] }, { compact: false });
p({ k: [1, 2, 3], l: { m: 'n' }, o: [{ p: 1 }, { q: 2 }] }, { compact: true });
p({ k: [1, 2, 3], l: { m: 'n' }, o: [{ p: 1 }, { q: 2 }] }, { compact: 1 });
p({ k: [1, 2, 3], l: { m: 'n' }, o: [{ p: 1 }, { q: 2 }] }, { compact: 0 });
p({ a: { b: { c: 'x'.repeat(70) } } }, { compact: true });
p({ a: 'x'.repeat(100), b: { c: 'y'.repeat(90) } }, { compact: true });
p({ a: 1, b: 2 }, { compact: true, breakLength: 5 });
p({ level1: { level2: { level3: 'deep' }, sibling: [1, 2, 3] }, other: 'value', more: 42 });
p({ level1: { level2: { level3: { level4: 'deeper' } } } }, { compact: 3, depth: 5 });
p({ a: { b: 1 }, c: { d: { e: 2 } } }, { breakLength: 20 });
p({ a: { b: 1 }, c: { d: { e: 2 } } }, { breakLength: 0 });
p({ z: 1, a: 2, m: { y: 1, b: 2 } }, { sorted: true });
p({ z: 1, a: 2 }, { sorted: (a, b) => (a < b ? 1 : -1) });
p(new Map([['z', 1], ['a', 2]]), { sorted: true }); p(new Set(['z', 'a']), { sorted: true });
p(Object.assign([3, 1], { z: 1, a: 2 }), { sorted: true });
p({ text: 'multi\nline\nvalue that is definitely long enough to need a split\n', n: 1 });
p({ a: [{ b: { c: [{ d: 1 }] } }] });

title('getters and setters');
const acc = {
  get g() { return 1; },
  set s(v) {},
  get gs() { return 'both'; },
  set gs(v) {},
  get obj() { return { x: 1 }; },
  get nul() { return null; },
  get thrower() { throw new Error('boom'); },
  get str() { return 'a\nb'; },
};
p(acc); p(acc, { getters: true }); p(acc, { getters: 'get' }); p(acc, { getters: 'set' });
class WithAccessors {
  constructor() { this.own = 1; }
  get computed() { return this.own + 1; }
  set computed(v) {}
  get readOnly() { return 'ro'; }
  method() {}
  static get staticGetter() { return 1; }
}
p(new WithAccessors()); p(new WithAccessors(), { showHidden: true });
p(new WithAccessors(), { showHidden: true, getters: true });
p(Object.defineProperty({}, 'hiddenGetter', { get() { return 1; } }), { showHidden: true });

title('functions');
function named() {}
function withArgs(a, b, c) {}
const arrow = () => {};
const anonymous = (() => function () {})();
async function asyncFn() {}
function* genFn() {}
async function* asyncGenFn() {}
const asyncArrow = async () => {};
const obj = { method() {}, async asyncMethod() {}, *genMethod() {}, async *agm() {},
  get prop() { return 1; }, ['computed' + 'Name']() {}, [Symbol.iterator]() {}, 'quoted-name'() {} };
p(named); p(withArgs); p(arrow); p(anonymous); p(asyncFn); p(genFn); p(asyncGenFn); p(asyncArrow);
p(obj.method); p(obj.asyncMethod); p(obj.genMethod); p(obj.agm); p(obj.computedName);
p(obj[Symbol.iterator]); p(obj['quoted-name']); p(obj);
p(Object.assign(function withProps() {}, { a: 1, b: 'two' }));
p(Object.assign(() => {}, { nested: { deep: true } }));
const renamed = function original() {}; Object.defineProperty(renamed, 'name', { value: 'changed' });
p(renamed);
const noName = function () {}; Object.defineProperty(noName, 'name', { value: '' }); p(noName);
const symName = function () {}; Object.defineProperty(symName, 'name', { value: Symbol('fnSym') });
p(symName);
const numName = function () {}; Object.defineProperty(numName, 'name', { value: 42 }); p(numName);
p(Object.setPrototypeOf(function nullProto() {}, null));
p(Object.setPrototypeOf(function customProto() {}, Object.prototype));
const taggedFn = function tagged() {}; taggedFn[Symbol.toStringTag] = 'Tagged'; p(taggedFn);
const taggedFn2 = function tagged2() {};
Object.defineProperty(taggedFn2, Symbol.toStringTag, { value: 'Hidden' }); p(taggedFn2);
p([named, arrow, asyncFn]); p({ fn: named, nested: { fn: genFn } });
p(Math.max); p(Function.prototype.call); p(named.bind(null)); p(arrow.bind(null));
p(new Function('a', 'return a'));
p(function () {}, { depth: -1 }); p(Object.assign(function x() {}, { a: 1 }), { depth: -1 });

title('classes');
class A {}
class B extends A {}
class C extends B { constructor() { super(); this.c = 1; } }
const AnonClass = (() => class {})();
class WithStatic { static x = 1; static y = 'two'; }
class Ext extends Array {}
class MyMap extends Map {}
class MySet extends Set {}
class MyErr extends Error {}
class NullBase extends null {}
class /* comment */ Commented {}
class
  MultiLine
{}
p(A); p(B); p(C); p(AnonClass); p(WithStatic); p(Ext); p(MyMap); p(NullBase); p(Commented);
p(MultiLine); p(class extends A {}); p(class Foo { constructor(a = '(') {} });
p(new A()); p(new B()); p(new C()); p(new AnonClass()); p(new WithStatic());
p(Ext.from([1, 2])); p(new Ext()); p(new MyMap([[1, 'a']])); p(new MySet([1])); p(new MySet());
p(new MyMap()); p({ inst: new C(), cls: C });
const renamedClass = class Orig {}; Object.defineProperty(renamedClass, 'name', { value: 'Renamed' });
p(renamedClass); p(new renamedClass());
const noNameClass = class Named {}; Object.defineProperty(noNameClass, 'name', { value: '' });
p(noNameClass);
class Tagged { get [Symbol.toStringTag]() { return 'TagValue'; } }
p(new Tagged()); p(Tagged);
class SameTag { get [Symbol.toStringTag]() { return 'SameTag'; } }
p(new SameTag());
const tagOwn = { [Symbol.toStringTag]: 'OwnTag', x: 1 }; p(tagOwn);
const tagHidden = Object.defineProperty({ x: 1 }, Symbol.toStringTag, { value: 'HiddenTag' });
p(tagHidden); p(tagHidden, { showHidden: true });
p(Object.defineProperty({}, Symbol.toStringTag, { value: '' }));
p(Object.defineProperty({}, Symbol.toStringTag, { value: 5 }));
function OldStyle() { this.v = 1; }
OldStyle.prototype.method = function () {};
p(new OldStyle());
function Parent() {} function Child() {}
util.inherits(Child, Parent); p(new Child()); p(Child.super_ === Parent ? 'super ok' : 'super bad');
const instNull = new C(); Object.setPrototypeOf(instNull, null); p(instNull);
const deepProto = Object.create(Object.create(Object.create(null)));
p(deepProto); p({ x: deepProto });
class WithProtoProp {} WithProtoProp.prototype.shared = 1; p(new WithProtoProp(), { showHidden: true });

title('errors');
const basic = withStack(new Error('basic'), 'Error: basic\n    at fn (/app/file.js:1:2)\n    at main (/app/main.js:3:4)');
p(basic); p([basic]); p({ err: basic }); p({ deep: { err: basic } }); p(basic, { compact: false });
p(basic, { depth: 0 }); p({ a: { b: { err: basic } } }, { depth: 1 });
p(withStack(new TypeError('type'), 'TypeError: type\n    at x (y.js:1:1)'));
p(withStack(new RangeError('range'), 'RangeError: range'));
p(withStack(new SyntaxError('syn'), 'SyntaxError: syn\n    at <anonymous>'));
p(withStack(new Error(''), 'Error\n    at a (b.js:1:1)'));
p(withStack(new Error('no frames'), 'Error: no frames'));
p(withStack(new Error('x'), 'completely custom'));
p(withStack(new Error('x'), ''));
const noStack = new Error('no stack'); delete noStack.stack; noStack.stack = undefined; p(noStack);
const named2 = withStack(new Error('msg'), 'Error: msg\n    at a (b.js:1:1)'); named2.name = 'Custom';
p(named2);
const named3 = withStack(new Error('msg'), 'Error: msg'); named3.name = 'CustomError'; p(named3);
const named4 = withStack(new Error('msg'), 'Error: msg'); named4.name = ''; p(named4);
const sub = withStack(new MyErr('sub'), 'Error: sub\n    at a (b.js:1:1)'); p(sub);
class NamedErr extends Error { constructor(m) { super(m); this.name = 'NamedErr'; } }
p(withStack(new NamedErr('n'), 'NamedErr: n\n    at a (b.js:1:1)'));
class FieldErr extends Error { name = 'FieldErr'; }
p(withStack(new FieldErr('f'), 'Error: f\n    at a (b.js:1:1)'));
class ProtoNameErr extends Error {} ProtoNameErr.prototype.name = 'ProtoNameErr';
p(withStack(new ProtoNameErr('pn'), 'ProtoNameErr: pn'));
const extra = withStack(new Error('extra'), 'Error: extra\n    at a (b.js:1:1)');
extra.code = 'E_CODE'; extra.details = { a: [1, 2] }; extra[Symbol('s')] = 1; p(extra);
const msgChanged = withStack(new Error('original'), 'Error: original'); msgChanged.message = 'changed';
p(msgChanged);
const msgEnum = withStack(new Error('m'), 'Error: m'); msgEnum.message = 'm'; p(msgEnum);
const enumName = withStack(new Error('m'), 'Error: m');
Object.defineProperty(enumName, 'name', { value: 'Error', enumerable: true }); p(enumName);
const withCause = withStack(new Error('outer', { cause: withStack(new Error('inner'), 'Error: inner\n    at i (i.js:1:1)') }),
  'Error: outer\n    at o (o.js:1:1)');
p(withCause); p({ withCause }); p(withCause, { depth: 0 });
p(withStack(new Error('c', { cause: 'string cause' }), 'Error: c'));
p(withStack(new Error('c', { cause: { code: 1 } }), 'Error: c\n    at a (b.js:1:1)'));
p(withStack(new Error('c', { cause: undefined }), 'Error: c'));
p(withStack(new Error('c', { cause: null }), 'Error: c'));
const sharedFrames = 'Error: top\n    at a (a.js:1:1)\n    at b (b.js:2:2)\n    at c (c.js:3:3)\n    at d (d.js:4:4)\n    at e (e.js:5:5)';
const causeShared = withStack(new Error('cause'), 'Error: cause\n    at z (z.js:9:9)\n    at b (b.js:2:2)\n    at c (c.js:3:3)\n    at d (d.js:4:4)\n    at e (e.js:5:5)');
p(withStack(new Error('top', { cause: causeShared }), sharedFrames));
const circularCause = withStack(new Error('circ'), 'Error: circ'); circularCause.cause = circularCause;
p(circularCause);
const inheritedCause = withStack(Object.create(withStack(new Error('proto'), 'Error: proto'), {}), 'Error: child');
p(inheritedCause);
const agg = withStack(new AggregateError([withStack(new Error('e1'), 'Error: e1'), 'plain', 3], 'many'),
  'AggregateError: many\n    at a (b.js:1:1)');
p(agg); p({ agg });
const errorsProp = withStack(new Error('has errors'), 'Error: has errors'); errorsProp.errors = [1]; p(errorsProp);
const nullProtoErr = withStack(new Error('np'), 'Error: np\n    at a (b.js:1:1)');
Object.setPrototypeOf(nullProtoErr, null); p(nullProtoErr);
const nullProtoType = withStack(new TypeError('npt'), 'TypeError: npt'); Object.setPrototypeOf(nullProtoType, null);
p(nullProtoType);
const taggedErr = withStack(new RangeError('t'), 'RangeError: t');
Object.defineProperty(taggedErr, Symbol.toStringTag, { value: 'Tagged' }); p(taggedErr);
const multiMsg = withStack(new Error('line1\nline2'), 'Error: line1\nline2\n    at a (b.js:1:1)'); p(multiMsg);
p({ nested: multiMsg }); p([[multiMsg]]);
const msgWithAt = withStack(new Error('fake\n    at frame'), 'Error: fake\n    at frame\n    at real (r.js:1:1)');
p(msgWithAt);
const objStack = withStack(new Error('obj stack'), { not: 'a string' }); p(objStack);
const numNameErr = withStack(new Error('x'), 'Error: x'); numNameErr.name = 42; p(numNameErr);
const errLike = { name: 'Error', message: 'like', stack: 'Error: like' }; p(errLike);
const fakeProto = Object.create(Error.prototype); p(fakeProto);
const fakeProto2 = Object.create(Error.prototype, { message: { value: 'fake' } }); p(fakeProto2);
p(withStack(new Error('colors'), 'Error: colors\n    at a (/app/node_modules/pkg/index.js:1:1)\n    at node:internal/main:1:1'),
  { colors: true });
p(withStack(new Error('hidden'), 'Error: hidden'), { showHidden: true });
const hiddenProps = withStack(new Error('hp', { cause: 1 }), 'Error: hp\n    at a (b.js:1:1)');
p(hiddenProps, { showHidden: true });
p(Object.assign(withStack(new Error('e'), 'Error: e'), { name: 'Err', message: 'e' }));
p(withStack(new Error('e'), 'Error: e\n    at a (b.js:1:1)'), { breakLength: 3 });
p({ list: [withStack(new Error('a'), 'Error: a'), withStack(new Error('b'), 'Error: b')] });
p(withStack(new EvalError('eval'), 'EvalError: eval'));
p(withStack(new URIError('uri'), 'URIError: uri'));
p(withStack(new ReferenceError('ref'), 'ReferenceError: ref\n    at a (b.js:1:1)'));

title('boxed primitives');
p(new Number(3)); p(new Number(-0)); p(new String('str')); p(new String('')); p(new Boolean(true));
p(new Boolean(false)); p(Object(Symbol('boxed'))); p(Object(10n)); p(new Number(NaN));
p(Object.assign(new Number(1), { extra: 'prop' })); p(Object.assign(new String('ab'), { x: 1 }));
p(new String('multi\nline')); p([new Number(1), new String('a')]); p(new Number(1), { colors: true });
p(new String('s'), { colors: true }); p(Object.assign(new Boolean(true), { a: 1 }), { colors: true });
class MyNumber extends Number {} p(new MyNumber(5)); class MyString extends String {} p(new MyString('q'));
p(Object.setPrototypeOf(new Number(7), null)); p(Object.setPrototypeOf(new String('np'), null));
const taggedNum = new Number(2); Object.defineProperty(taggedNum, Symbol.toStringTag, { value: 'T' });
p(taggedNum); p(new Number(1234567), { numericSeparator: true }); p(new String('x'), { showHidden: true });

title('dates and regexps');
p(new Date(0)); p(new Date(1e12)); p(new Date(-1)); p(new Date(NaN)); p(new Date(8.64e15));
p(new Date(-8.64e15)); p([new Date(0)]); p({ d: new Date(86400000) });
p(Object.assign(new Date(0), { prop: 1 })); p(Object.assign(new Date(NaN), { prop: 1 }));
class MyDate extends Date {} p(new MyDate(0)); p(Object.setPrototypeOf(new Date(0), null));
p(new Date(0), { colors: true });
p(/abc/); p(/a\/b/gi); p(/[\]]+/muy); p(new RegExp('')); p(new RegExp('\n')); p(/x/dgimsuy.flags);
p(/x/s); p(Object.assign(/re/, { prop: 'x' })); p([/a/, /b/g]); p({ re: /c/ }, { colors: true });
class MyRegExp extends RegExp {} p(new MyRegExp('m', 'g')); p(Object.setPrototypeOf(/np/, null));
p(Object.assign(/deep/, { a: 1 }), { depth: -1 }); p({ a: { b: { c: Object.assign(/d/, { x: 1 }) } } });
const matched = /(?<word>b)/.exec('abc'); p(matched);

title('collections');
p(new Map()); p(new Map([['a', 1]])); p(new Map([[{ k: 1 }, [1, 2]], ['k', new Map([[1, 2]])]]));
p(new Map([[NaN, 'nan'], [undefined, null]])); p(new Set()); p(new Set([1, 'two', [3], { four: 4 }]));
p(new Set([new Set([1])])); p(new Map([['nested', new Map([['deeper', new Map([['deepest', 1]])]])]]));
p(new Map(Array.from({ length: 120 }, (_, i) => [i, i]))); p(new Set(Array.from({ length: 110 }, (_, i) => i)));
p(new Map([[1, 2], [3, 4], [5, 6]]), { maxArrayLength: 1 }); p(new Set([1, 2, 3]), { maxArrayLength: 0 });
p(Object.assign(new Map([[1, 2]]), { extra: 'x' })); p(Object.assign(new Set(), { extra: 'y' }));
p(Object.assign(new Map(), { extra: 'z' })); p(new Map([['a'.repeat(40), 'b'.repeat(40)]]));
p(new Set(Array.from({ length: 30 }, (_, i) => i))); p(new Map([[1, { a: { b: { c: 1 } } }]]));
p(new Map([[1, 2]]), { depth: -1 }); p(new Set([1]), { depth: 0 }); p([new Set([1])], { depth: 0 });
p(new Map([['k', 'v']]), { colors: true }); p(new Set(['v']), { compact: false });
p(new Map([['k', 'v']]), { compact: true }); p(new Set([1, 2]), { compact: true, breakLength: 3 });
p(Object.setPrototypeOf(new Map([[1, 2]]), null)); p(Object.setPrototypeOf(new Set([1]), null));
p(new WeakMap()); p(new WeakSet()); p(new WeakMap([[{}, 1]])); p({ wm: new WeakMap() });
p(Object.assign(new WeakMap(), { p: 1 })); p(new WeakMap(), { colors: true });
class MyWeakMap extends WeakMap {} p(new MyWeakMap());
const mapTag = new Map(); Object.defineProperty(mapTag, Symbol.toStringTag, { value: 'Custom' }); p(mapTag);

title('typed arrays and buffers');
p(new Uint8Array(0)); p(new Uint8Array([1, 2, 3])); p(new Int8Array([-1, 127])); p(new Uint8ClampedArray([255]));
p(new Int16Array([-32768])); p(new Uint16Array([65535])); p(new Int32Array([-1])); p(new Uint32Array([4294967295]));
p(new Float32Array([0.5, -0, NaN])); p(new Float64Array([Math.PI, Infinity]));
p(new BigInt64Array([-1n, 2n])); p(new BigUint64Array([18446744073709551615n]));
p(new Uint8Array(200)); p(new Uint8Array(10), { maxArrayLength: 3 }); p(new Uint8Array(4), { showHidden: true });
p(Object.assign(new Uint8Array(2), { extra: 1 })); p(new Uint8Array(2), { depth: -1 });
p(new Uint8Array(new ArrayBuffer(8), 2, 3)); p([new Uint16Array(2)]); p(new Float32Array(30));
p(Array.from({ length: 3 }, () => new Uint8Array(3))); p(new Uint8Array([1, 2]), { colors: true });
class MyU8 extends Uint8Array {} p(new MyU8(2)); p(Object.setPrototypeOf(new Uint8Array([9]), null));
p(new ArrayBuffer(0)); p(new ArrayBuffer(3)); p(new Uint8Array([1, 2, 255]).buffer);
p(new ArrayBuffer(120)); p(new ArrayBuffer(10), { maxArrayLength: 4 });
p(Object.assign(new ArrayBuffer(1), { p: 1 })); p({ buf: new ArrayBuffer(2) }); p(new ArrayBuffer(2), { colors: true });
p(new DataView(new ArrayBuffer(4))); p(new DataView(new ArrayBuffer(8), 2, 4));
p(new DataView(new ArrayBuffer(2)), { depth: 0 }); p({ dv: new DataView(new ArrayBuffer(1)) });
p(new Uint8Array(new ArrayBuffer(4), 1), { showHidden: true });

title('circular');
const circ = { name: 'circ' }; circ.self = circ; p(circ);
const circArr = [1]; circArr.push(circArr); p(circArr);
const c1 = { c1: true }; const c2 = { c2: true, c1 }; c1.c2 = c2; p(c1); p([c1, c2]);
const circMap = new Map(); circMap.set('self', circMap); p(circMap);
const circSet = new Set(); circSet.add(circSet); p(circSet);
const multi = { a: {}, b: {} }; multi.a.self = multi.a; multi.b.self = multi.b; multi.root = multi; p(multi);
const circ3 = { x: { y: {} } }; circ3.x.y.back = circ3.x; p(circ3); p(circ3, { compact: true });
const circFn = function circFunc() {}; circFn.self = circFn; p(circFn);
const shared = { s: 1 }; p({ a: shared, b: shared });
const circErr = withStack(new Error('circ err'), 'Error: circ err'); circErr.self = circErr; p(circErr);
const circDeep = { l1: { l2: { l3: {} } } }; circDeep.l1.l2.l3.top = circDeep; p(circDeep, { depth: 5 });
p(circ, { colors: true });

title('custom inspect');
const custom = { [inspect.custom]() { return 'CUSTOM'; } }; p(custom); p({ nested: custom }); p([custom]);
const customObj = { [inspect.custom]() { return { replaced: true }; } }; p(customObj);
const customMulti = { [inspect.custom]() { return 'line1\nline2'; } }; p({ a: { b: customMulti } });
const customThis = { x: 1, [inspect.custom]() { return this; } }; p(customThis);
const customDepth = { [inspect.custom](depth, opts) { return `depth=${depth} compact=${opts.compact} colors=${opts.colors}`; } };
p(customDepth); p({ a: { b: customDepth } }); p(customDepth, { depth: 5 }); p(customDepth, { depth: null });
const customInspectArg = {
  [inspect.custom](depth, opts, insp) { return `same=${insp === inspect} ${insp({ inner: [1] }, opts)}`; },
};
p(customInspectArg);
const customUserOpt = { [inspect.custom](d, opts) { return `user=${opts.userOption}`; } };
p(customUserOpt, { userOption: 'yes' });
const customStylize = { [inspect.custom](d, opts) { return opts.stylize('styled', 'special'); } };
p(customStylize); p(customStylize, { colors: true });
p(custom, { customInspect: false });
class WithCustom { [inspect.custom]() { return 'class custom'; } }
p(new WithCustom()); p(WithCustom.prototype); p([new WithCustom()]);
const customNum = { [inspect.custom]() { return 42; } }; p(customNum);
const customNull = { [inspect.custom]() { return null; } }; p(customNull);
const customArr = { [inspect.custom]() { return [1, 2, 3]; } }; p({ x: customArr });
const nullProtoCustom = Object.assign(Object.create(null), {
  [inspect.custom](d, opts) { return `np ${typeof opts.stylize} ${Object.getPrototypeOf(opts) === null}`; },
});
p(nullProtoCustom);
const customUsesInspect = { [inspect.custom](d, o, i) { return i(this.data, { ...o, depth: d }); }, data: { a: { b: { c: 1 } } } };
p(customUsesInspect); p({ outer: customUsesInspect });
p({ inspect() { return 'legacy inspect method is ignored'; } });
const customNonFn = { [inspect.custom]: 'not a function' }; p(customNonFn);

title('options');
p({ a: [1, 2] }, true); p({ a: { b: { c: { d: {} } } } }, false, 0); p({ a: { b: { c: { d: {} } } } }, false, null);
p({ a: 1 }, false, 2, true); p({ a: 1 }, { unknownOption: true });
p([1, 'two', null, undefined, true, 3n, Symbol('s')], { colors: true });
p({ date: new Date(0), re: /x/, fn() {}, sym: Symbol('y') }, { colors: true });
const savedStyles = { ...inspect.styles };
inspect.styles.number = 'red'; inspect.styles.string = 'underline'; p([1, 'str'], { colors: true });
inspect.styles.number = 'not-a-color'; p(5, { colors: true });
Object.assign(inspect.styles, savedStyles); p([1, 'str'], { colors: true });
line(Object.keys(inspect.colors).join(','));
line(Object.keys(inspect.styles).join(','));
line(inspect.colors.grey === inspect.colors.gray); line(inspect.colors.bgGrey.join(','));
line(JSON.stringify(inspect.defaultOptions));
const savedDefaults = { ...inspect.defaultOptions };
inspect.defaultOptions = { depth: 0, breakLength: 20 };
p({ a: { b: 1 } }); p(['aaaaaaa', 'bbbbbbbb', 'cccccc']);
inspect.defaultOptions.compact = false; p({ a: 1 });
inspect.defaultOptions = savedDefaults; p({ a: { b: 1 } });
try { inspect.defaultOptions = null; } catch (e) { line(`${e.name} ${e.code}`); }
try { inspect.defaultOptions = 'x'; } catch (e) { line(`${e.name} ${e.code}`); }
line(Object.isSealed(inspect.defaultOptions));
line(inspect.custom === Symbol.for('nodejs.util.inspect.custom'));
p({ a: 1, b: { c: 2 } }, { breakLength: 1 }); p([[1, 2], [3, 4]], { breakLength: 10 });
p({ a: 'a'.repeat(20), b: 'b'.repeat(20), c: 'c'.repeat(20) }, { breakLength: 60 });
p({ a: 'a'.repeat(20), b: 'b'.repeat(20), c: 'c'.repeat(20) }, { breakLength: 100 });
p({ a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }, { compact: 3, breakLength: 30 });
p({ a: { b: { c: { d: 1 } } } }, { compact: 4, depth: 10 });
p({ a: { b: { c: { d: 1 } } } }, { compact: 2, depth: 10 });
p({ a: { b: { c: { d: 1 } } } }, { compact: 1, depth: 10 });
p({ a: { b: 'x'.repeat(80) } }, { compact: false });
p([{ a: 1, b: 2 }, { a: 3, b: 4 }], { compact: 1 });

title('arguments and misc objects');
(function () { p(arguments); })(1, 'two');
(function () { p(arguments); })();
(function () { p({ args: arguments }); })(3);
p(Math); p(JSON); p((function* () {})()); p((async function* () {})());
p([1, 2][Symbol.iterator]()); p('ab'[Symbol.iterator]());
p(Object.prototype); p(Array.prototype); p(Symbol.prototype); p(Map.prototype);
p(Object.getOwnPropertyDescriptor({ get x() { return 1; } }, 'x'));
p(Object.getOwnPropertyDescriptor({ x: 1 }, 'x'));
p({ a: Object.freeze({ b: 1 }) }); p(Object.seal([1]));
p(new (function Foo() { this.x = 1; })());
p({ constructor: 'not a function' }); p({ constructor: function Bar() {} });
p(Object.create({ constructor: function Baz() {} }));
const protoLoop = Object.create(Object.create(null, { constructor: { value: function Inner() {} } }));
p(protoLoop);

title('format');
const f = util.format;
line(f()); line(f('')); line(f('plain')); line(f('%s', 'str')); line(f('%s', 42)); line(f('%s', -0));
line(f('%s', 12n)); line(f('%s', null)); line(f('%s', undefined)); line(f('%s', Symbol('sy')));
line(f('%s', { a: { b: { c: 1 } } })); line(f('%s', [1, [2, [3]]])); line(f('%s', new Date(0)));
line(f('%s', withStack(new Error('fmt'), 'Error: fmt\n    at a (b.js:1:1)')));
line(f('%s', { toString() { return 'custom toString'; } }));
line(f('%s', new (class Foo { toString() { return 'class toString'; } })()));
line(f('%s', new (class Bar {})()));
line(f('%s', Object.create(null))); line(f('%s', () => 1)); line(f('%s', function namedFn() {}));
line(f('%s', { [Symbol.toPrimitive]() { return 'prim'; } }));
line(f('%s', new Map([[1, 2]]))); line(f('%s', 'a', 'b'));
line(f('%d', 42)); line(f('%d', '42')); line(f('%d', '0x10')); line(f('%d', 1.5)); line(f('%d', -0));
line(f('%d', {})); line(f('%d', 12n)); line(f('%d', Symbol('x'))); line(f('%d', '')); line(f('%d', null));
line(f('%d', 1234567, 'x')); line(f('%i', 42.9)); line(f('%i', '42.9abc')); line(f('%i', -0.5));
line(f('%i', 12n)); line(f('%i', Symbol('x'))); line(f('%i', 'abc')); line(f('%f', '1.5e3'));
line(f('%f', 'abc')); line(f('%f', Symbol('x'))); line(f('%f', -0)); line(f('%f', 10n));
line(f('%j', { a: 1 })); line(f('%j', 'str')); line(f('%j', undefined)); line(f('%j', [1, { b: 2 }]));
const circJ = { a: 1 }; circJ.self = circJ; line(f('%j', circJ)); line(f('%j', { toJSON() { return 'tj'; } }));
line(f('%o', { a: [1, 2] })); line(f('%o', [1, { b: 2 }])); line(f('%o', 'str'));
line(f('%o', { a: { b: { c: { d: { e: { f: 1 } } } } } })); line(f('%O', { a: { b: { c: { d: 1 } } } }));
line(f('%O', 'str')); line(f('%c', 'color: red')); line(f('a%cb', 'css', 'extra'));
line(f('%%')); line(f('%%', 'x')); line(f('%% %s', 'x')); line(f('100%')); line(f('%')); line(f('%x', 1));
line(f('%s %s', 'one')); line(f('%s', 'one', 'two', 3)); line(f('%s:%s', 'a', 'b', { c: 1 }));
line(f('no specifiers', 1, 'two', { three: 3 })); line(f(1, 2, 3)); line(f({ a: 1 }, 'str'));
line(f('%s%d%i%f%j%o%O%c%%', 's', 1, 2, 3.5, {}, [], {}, 'c'));
line(f('%s', 'a\nb')); line(f('%d%d', 1)); line(f('%%s', 'x')); line(f('%s%', 'x')); line(f('%%%s', 'x'));
line(f('%s', '%s', 'x')); line(f('%z %s', 'x')); line(f('%s', [])); line(f('%s', {}));
line(f(null, undefined)); line(f(Symbol('first'), 'x')); line(f('%s', -1234567.5));
line(f('%s', [withStack(new Error('in array'), 'Error: in array')]));
line(f('x', withStack(new Error('appended'), 'Error: appended\n    at a (b.js:1:1)')));
line(f('%s', new Number(5))); line(f('%s', new String('boxed'))); line(f('%s', Object(Symbol('bs'))));
line(f('%s', new (class extends Array {})())); line(f('%s', Object.assign(Object.create(null), { x: 1 })));
line(f('%s', { toString: 'not a function' })); line(f('%s', { a: 1, toString() { return 'own'; } }));
class ProtoToString { toString() { return 'proto'; } } class Sub2 extends ProtoToString {}
line(f('%s', new Sub2())); line(f('%s', withStack(new (class extends Error {})('ext'), 'Error: ext\n    at x (y.js:1:1)')));
line(f('%s %o', 'mixed', { x: 1 })); line(f('%O', { a: 1 }, { b: 2 })); line(f('%s', '%d', 5));
const fo = util.formatWithOptions;
line(fo({ colors: true }, '%s %O', 'x', { a: 1 })); line(fo({ colors: true }, { a: 'b' }, 'c'));
line(fo({ depth: 0 }, '%O', { a: { b: 1 } })); line(fo({ compact: false }, { a: 1 }));
line(fo({ numericSeparator: true }, '%d %i %f %s', 1234567, 7654321, 1234.5, 98765));
line(fo({ numericSeparator: true }, 1234567)); line(fo({}, '%s', 'x')); line(fo([], 'arr opts'));
try { fo(null, 'x'); } catch (e) { line(`${e.name} ${e.code}`); }
try { fo('str', 'x'); } catch (e) { line(`${e.name} ${e.code}`); }

title('stripVTControlCharacters');
const strip = util.stripVTControlCharacters;
line(strip('\u001b[31mred\u001b[39m')); line(strip('\u001b[1m\u001b[4mbold\u001b[24m\u001b[22m'));
line(strip('plain')); line(strip('\u001b]8;;http://x\u0007link\u001b]8;;\u0007'));
line(strip('\u009b31mcsi')); line(JSON.stringify(strip('a\u001b[2Kb\u001b[1Gc')));
line(strip(inspect({ a: [1, 'x'] }, { colors: true })));
try { strip(5); } catch (e) { line(`${e.name} ${e.code}`); }

title('large and mixed');
const mixed = {
  string: 'value', number: 42, bigint: 42n, bool: true, nil: null, undef: undefined,
  sym: Symbol('s'), arr: [1, 'two', { three: 3 }], nested: { map: new Map([['k', new Set([1])]]) },
  date: new Date(0), re: /x/g, fn: function fn() {}, err: withStack(new Error('mixed'), 'Error: mixed'),
  typed: new Uint8Array([1, 2]), boxed: new String('boxed'),
};
p(mixed); p(mixed, { compact: false }); p(mixed, { depth: 0 }); p(mixed, { colors: true });
p(mixed, { breakLength: 120 }); p(mixed, { compact: true }); p(mixed, { sorted: true });
const table = Array.from({ length: 5 }, (_, i) => ({ id: i, name: `row${i}`, tags: ['a', 'b'] })); p(table);
const grid = Array.from({ length: 6 }, (_, r) => Array.from({ length: 6 }, (_, c) => r * 6 + c)); p(grid);
const deepTree = { value: 0, children: [{ value: 1, children: [{ value: 2, children: [{ value: 3, children: [] }] }] }] };
p(deepTree); p(deepTree, { depth: Infinity }); p(deepTree, { depth: Infinity, compact: 1 });
const objArr = Array.from({ length: 4 }, (_, i) => ({ key: 'k'.repeat(i * 8), v: i })); p(objArr);
p({ x: Array.from({ length: 8 }, (_, i) => ({ i })) });
p(Array.from({ length: 3 }, (_, i) => 'long string number '.repeat(2) + i));
const keyWidths = {}; for (let i = 1; i <= 12; i++) keyWidths['k'.repeat(i)] = i; p(keyWidths);
p({ a: [[[[]]]], b: [{}], c: [[]] }); p([[], {}, [[]], [{}], {}]);
p({ a: 1 }, { breakLength: 5, compact: 3 });
const exact = {}; exact['a'.repeat(61)] = 1; p(exact);
const exact2 = { ab: 'c'.repeat(63) }; p(exact2);
const exact3 = { ab: 'c'.repeat(64) }; p(exact3);
for (let n = 70; n <= 80; n += 2) p(['x'.repeat(n - 10), 'y']);
for (let n = 14; n <= 20; n++) p(Array.from({ length: n }, (_, i) => 'abc'.slice(0, (i % 3) + 1)));
