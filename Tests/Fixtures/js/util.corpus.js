'use strict';
// Corpus for the util module (besides inspect/format, see inspect.corpus.js): util.types,
// isDeepStrictEqual, inherits, promisify, callbackify, deprecate, debuglog, TextEncoder and
// TextDecoder, parseArgs, styleText, system error names and the deprecated is* helpers.
// Asynchronous parts run one after another so their output order does not depend on the event
// loop implementation.
const util = require('util');

function line(text) {
  console.log(String(text));
}
function show(label, value) {
  line(`${label}: ${util.inspect(value, { depth: 4 })}`);
}
function attempt(label, fn) {
  try {
    const result = fn();
    show(label, result);
  } catch (err) {
    line(`${label}: threw ${err.name} ${err.code} ${err.message}`);
  }
}
function hex(str) {
  return JSON.stringify(str).replace(/[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// Warnings are captured by replacing process.emitWarning (read at call time by util).
const warnings = [];
const originalEmitWarning = process.emitWarning;
process.emitWarning = function (msg, type, code) {
  warnings.push(`${typeof type === 'string' ? type : (type && type.type)} ${typeof code === 'string' ? code : '-'} ${msg}`);
};
function flushWarnings(label) {
  line(`${label} warnings: ${warnings.length === 0 ? 'none' : warnings.join(' | ')}`);
  warnings.length = 0;
}

line('## exports');
line(typeof util.inspect.custom === 'symbol' && util.inspect.custom === Symbol.for('nodejs.util.inspect.custom'));
line(util.promisify.custom === Symbol.for('nodejs.util.promisify.custom'));
for (const name of ['format', 'formatWithOptions', 'inspect', 'inherits', 'promisify', 'callbackify',
  'deprecate', 'isDeepStrictEqual', 'debuglog', 'debug', 'parseArgs', 'styleText',
  'stripVTControlCharacters', 'toUSVString', 'getSystemErrorName', 'getSystemErrorMap',
  'getSystemErrorMessage', 'aborted', 'isArray', 'isError', 'TextEncoder', 'TextDecoder']) {
  line(`${name}: ${typeof util[name]}`);
}
line(typeof util.types);

line('## types');
const T = util.types;
function* gen() {}
async function asyncFn() {}
async function* asyncGen() {}
const samples = {
  date: new Date(0),
  fakeDate: Object.create(Date.prototype),
  regexp: /x/,
  fakeRegexp: Object.create(RegExp.prototype),
  regexpProto: RegExp.prototype,
  map: new Map(),
  fakeMap: Object.create(Map.prototype),
  set: new Set(),
  weakMap: new WeakMap(),
  weakSet: new WeakSet(),
  u8: new Uint8Array(1),
  u8c: new Uint8ClampedArray(1),
  i8: new Int8Array(1),
  u16: new Uint16Array(1),
  i16: new Int16Array(1),
  u32: new Uint32Array(1),
  i32: new Int32Array(1),
  f32: new Float32Array(1),
  f64: new Float64Array(1),
  bi64: new BigInt64Array(1),
  bu64: new BigUint64Array(1),
  fakeU8: Object.create(Uint8Array.prototype),
  arrayBuffer: new ArrayBuffer(1),
  dataView: new DataView(new ArrayBuffer(1)),
  numberObj: new Number(1),
  stringObj: new String('s'),
  booleanObj: new Boolean(false),
  bigintObj: Object(1n),
  symbolObj: Object(Symbol('s')),
  number: 1,
  string: 's',
  error: new Error('e'),
  typeError: new TypeError('t'),
  fakeError: Object.create(Error.prototype),
  subError: new (class extends Error {})(),
  asyncFn,
  asyncArrow: async () => {},
  asyncMethod: { async m() {} }.m,
  methodNamedAsync: { async() {} }.async,
  gen,
  genMethod: { *g() {} }.g,
  asyncGen,
  plainFn() {},
  arrow: () => {},
  klass: class {},
  bound: asyncFn.bind(null),
  genObj: gen(),
  asyncGenObj: asyncGen(),
  args: (function () { return arguments; })(),
  argsLike: { length: 0, callee: null },
  obj: {},
  nullObj: null,
  arr: [],
};
const spoofed = {
  tagDate: { [Symbol.toStringTag]: 'Date' },
  tagMap: { [Symbol.toStringTag]: 'Map' },
  tagArgs: { [Symbol.toStringTag]: 'Arguments' },
  tagError: { [Symbol.toStringTag]: 'Error' },
  tagU8: { [Symbol.toStringTag]: 'Uint8Array' },
  taggedRealDate: Object.defineProperty(new Date(0), Symbol.toStringTag, { value: 'Nope' }),
  taggedRealMap: Object.defineProperty(new Map(), Symbol.toStringTag, { value: 'Nope' }),
  taggedRealU8: Object.defineProperty(new Uint8Array(1), Symbol.toStringTag, { value: 'Nope' }),
  protoSwappedMap: Object.setPrototypeOf(new Map(), Set.prototype),
  protoSwappedAsync: Object.setPrototypeOf(async function () {}, Function.prototype),
  protoSwappedPlain: Object.setPrototypeOf(function () {}, Object.getPrototypeOf(async function () {})),
  nullProtoDate: Object.setPrototypeOf(new Date(0), null),
  nullProtoError: Object.setPrototypeOf(new Error('x'), null),
};
const predicates = Object.keys(T).filter((k) => !['isProxy', 'isExternal', 'isKeyObject', 'isCryptoKey',
  'isPromise', 'isMapIterator', 'isSetIterator', 'isModuleNamespaceObject', 'isFloat16Array'].includes(k));
for (const [name, value] of Object.entries({ ...samples, ...spoofed })) {
  const hits = predicates.filter((k) => T[k](value));
  line(`${name}: ${hits.join(' ') || '-'}`);
}
line(`isExternal: ${T.isExternal({})} isKeyObject: ${T.isKeyObject({})} isCryptoKey: ${T.isCryptoKey({})}`);
line(`isProxy(plain): ${T.isProxy({})}`);
line(`isPromise(thenable): ${T.isPromise({ then() {} })} isPromise(fake): ${T.isPromise(Object.create(Promise.prototype))}`);
line(`isPromise(real): ${T.isPromise(Promise.resolve(1))}`);
line(`isMapIterator: ${T.isMapIterator(new Map().keys())} ${T.isMapIterator(new Set().keys())} ${T.isMapIterator([].keys())}`);
line(`isSetIterator: ${T.isSetIterator(new Set().values())} ${T.isSetIterator(new Map().values())}`);

line('## isDeepStrictEqual');
const eq = util.isDeepStrictEqual;
function pair(label, a, b) {
  line(`${label}: ${eq(a, b)}`);
}
pair('same prim', 1, 1); pair('num vs str', 1, '1'); pair('0 vs -0', 0, -0); pair('NaN', NaN, NaN);
pair('null vs undefined', null, undefined); pair('objects', { a: 1, b: [1, 2] }, { b: [1, 2], a: 1 });
pair('objects diff', { a: 1 }, { a: 2 }); pair('extra key', { a: 1 }, { a: 1, b: undefined });
pair('arrays', [1, [2, [3]]], [1, [2, [3]]]); pair('array vs object', [], {});
pair('array holes', [1, , 3], [1, undefined, 3]); pair('both holes', [1, , 3], [1, , 3]);
pair('array extra prop', Object.assign([1], { x: 1 }), [1]);
pair('dates', new Date(0), new Date(0)); pair('dates diff', new Date(0), new Date(1));
pair('invalid dates', new Date(NaN), new Date(NaN)); pair('date props', Object.assign(new Date(0), { a: 1 }), new Date(0));
pair('regexps', /a/g, /a/g); pair('regexp flags', /a/g, /a/i); pair('regexp lastIndex', Object.assign(/a/g, { lastIndex: 2 }), /a/g);
pair('errors', new Error('a'), new Error('a')); pair('error msgs', new Error('a'), new Error('b'));
pair('error types', new Error('a'), new TypeError('a'));
pair('error causes', new Error('a', { cause: 1 }), new Error('a', { cause: 2 }));
pair('error props', Object.assign(new Error('a'), { code: 1 }), Object.assign(new Error('a'), { code: 1 }));
pair('aggregate', new AggregateError([1], 'x'), new AggregateError([2], 'x'));
pair('maps', new Map([[1, { a: 1 }]]), new Map([[1, { a: 1 }]])); pair('maps diff', new Map([[1, 2]]), new Map([[1, 3]]));
pair('map obj keys', new Map([[{}, 'a'], [{}, 'b']]), new Map([[{}, 'b'], [{}, 'a']]));
pair('map loose key', new Map([[1, 'a']]), new Map([['1', 'a']]));
pair('sets', new Set([1, { a: 1 }]), new Set([{ a: 1 }, 1])); pair('sets diff', new Set([1]), new Set([2]));
pair('set sizes', new Set([1]), new Set([1, 2])); pair('set loose', new Set([1]), new Set(['1']));
pair('set nested', new Set([new Set([1])]), new Set([new Set([1])]));
pair('typed', new Uint8Array([1, 2]), new Uint8Array([1, 2])); pair('typed diff', new Uint8Array([1]), new Uint8Array([2]));
pair('typed kinds', new Uint8Array([1]), new Int8Array([1])); pair('float NaN', new Float64Array([NaN]), new Float64Array([NaN]));
pair('float zero', new Float32Array([0]), new Float32Array([-0]));
pair('typed prop', Object.assign(new Uint8Array(1), { a: 1 }), new Uint8Array(1));
pair('buffers', new ArrayBuffer(2), new ArrayBuffer(2)); pair('buffer sizes', new ArrayBuffer(1), new ArrayBuffer(2));
pair('dataview', new DataView(new ArrayBuffer(2)), new DataView(new ArrayBuffer(2)));
pair('boxed', new Number(1), new Number(1)); pair('boxed diff', new String('a'), new String('b'));
pair('boxed vs prim', new Number(1), 1); pair('boxed -0', new Number(0), new Number(-0));
pair('symbols keys', { [Symbol.for('a')]: 1 }, { [Symbol.for('a')]: 1 });
pair('symbols diff', { [Symbol.for('a')]: 1 }, { [Symbol.for('a')]: 2 }); pair('symbol missing', { [Symbol.for('a')]: 1 }, {});
pair('prototypes', Object.create(null), {}); pair('class vs obj', new (class A { constructor() { this.x = 1; } })(), { x: 1 });
pair('functions', () => {}, () => {}); const fnRef = () => {}; pair('same function', fnRef, fnRef);
pair('weakmaps', new WeakMap(), new WeakMap()); pair('promises', Promise.resolve(1), Promise.resolve(1));
pair('non-enumerable', { x: 1, y: 1 }, Object.defineProperty({ x: 1, z: 1 }, 'y', { value: 1 }));
pair('getter', { get a() { return 1; } }, { a: 1 }); pair('bigint', 1n, 1n); pair('bigint vs num', 1n, 1);
const ca = {}; ca.self = ca; const cb = {}; cb.self = cb; pair('circular', ca, cb);
const cc = {}; cc.self = { self: cc }; pair('circular 2', ca, cc);
const arrA = [1]; arrA.push(arrA); const arrB = [1]; arrB.push(arrB); pair('circular arrays', arrA, arrB);
pair('args vs array', (function () { return arguments; })(1), [1]); pair('nested deep', { a: { b: { c: { d: [1, { e: 2 }] } } } }, { a: { b: { c: { d: [1, { e: 2 }] } } } });
pair('sparse vs dense', new Array(3), [undefined, undefined, undefined]);
pair('string objects', Object.assign(new String('ab'), { x: 1 }), Object.assign(new String('ab'), { x: 1 }));

line('## inherits');
function Animal(name) { this.name = name; }
Animal.prototype.speak = function () { return `${this.name} speaks`; };
function Dog(name) { Animal.call(this, name); }
util.inherits(Dog, Animal);
line(new Dog('rex').speak()); line(Dog.super_ === Animal); line(Object.getPrototypeOf(Dog.prototype) === Animal.prototype);
line(JSON.stringify(Object.getOwnPropertyDescriptor(Dog, 'super_') && Object.keys(Object.getOwnPropertyDescriptor(Dog, 'super_'))));
line(Object.getOwnPropertyDescriptor(Dog, 'super_').enumerable);
attempt('inherits(null)', () => util.inherits(null, Animal));
attempt('inherits(undefined super)', () => util.inherits(Dog, undefined));
attempt('inherits(no prototype)', () => util.inherits(Dog, {}));
attempt('inherits(arrow super)', () => util.inherits(Dog, () => {}));

line('## deprecate');
const dep1 = util.deprecate(function add(a, b) { return a + b; }, 'add is deprecated', 'DEP_CORPUS_1');
line(`${dep1.name} ${dep1.length} ${dep1(1, 2)} ${dep1(3, 4)}`);
flushWarnings('dep1');
const dep2 = util.deprecate(function sub(a, b) { return a - b; }, 'second wrapper same code', 'DEP_CORPUS_1');
line(dep2(5, 3)); flushWarnings('dep2 (same code)');
const dep3 = util.deprecate(() => 'arrow', 'no code');
line(dep3()); line(dep3()); flushWarnings('dep3');
class OldClass { constructor(v) { this.v = v; } }
const DepClass = util.deprecate(OldClass, 'class deprecated', 'DEP_CORPUS_2');
const depInstance = new DepClass(7);
line(`${depInstance.v} ${depInstance instanceof OldClass} ${DepClass.prototype === OldClass.prototype}`);
flushWarnings('DepClass');
attempt('deprecate bad code', () => util.deprecate(() => {}, 'm', 5));
const depThis = util.deprecate(function () { return this && this.tag; }, 'this', 'DEP_CORPUS_3');
line(depThis.call({ tag: 'receiver kept' })); flushWarnings('depThis');
line(Object.getPrototypeOf(dep1) === Object.getPrototypeOf(function () {}));
line(util.isArray([])); line(util.isArray({})); line(util.isArray([]));
line(util.isBoolean(false)); line(util.isNull(null)); line(util.isNullOrUndefined(undefined));
line(util.isNumber(1)); line(util.isString('s')); line(util.isSymbol(Symbol('s'))); line(util.isUndefined(undefined));
line(util.isRegExp(/x/)); line(util.isRegExp({ [Symbol.toStringTag]: 'RegExp' })); line(util.isObject({}));
line(util.isObject(null)); line(util.isDate(new Date())); line(util.isError(new Error('x')));
line(util.isError({ [Symbol.toStringTag]: 'Error' })); line(util.isError(Object.create(Error.prototype)));
line(util.isFunction(() => {})); line(util.isPrimitive(1)); line(util.isPrimitive({}));
line(JSON.stringify(util._extend({ a: 1 }, { b: 2 }))); line(JSON.stringify(util._extend({ a: 1 }, null)));
flushWarnings('legacy');
for (const name of ['isArray', 'isBoolean', 'isNull', 'isNullOrUndefined', 'isNumber', 'isString', 'isSymbol',
  'isUndefined', 'isRegExp', 'isObject', 'isDate', 'isError', 'isFunction', 'isPrimitive', '_extend', 'log']) {
  line(`${name}: ${util[name].name} ${util[name].length}`);
}

line('## debuglog');
const dbg = util.debuglog('corpus-section');
line(`${typeof dbg} ${dbg.enabled}`); dbg('not printed %s', 'x'); line(util.debug === util.debuglog);
let cbCalled = false;
const dbg2 = util.debuglog('other', () => { cbCalled = true; });
dbg2('x'); line(`callback: ${cbCalled} enabled: ${dbg2.enabled}`);

line('## styleText');
const plain = { isTTY: false, write() {}, on() {} };
attempt('styleText red', () => util.styleText('red', 'text', { validateStream: false }));
attempt('styleText list', () => util.styleText(['bold', 'underline', 'blue'], 'x', { validateStream: false }));
attempt('styleText none', () => util.styleText('none', 'x', { validateStream: false }));
attempt('styleText alias', () => util.styleText('grey', 'x', { validateStream: false }));
attempt('styleText non-tty', () => util.styleText('red', 'text', { stream: plain }));
attempt('styleText bad format', () => util.styleText('nope', 'x'));
attempt('styleText bad text', () => util.styleText('red', 5));
attempt('styleText bad stream', () => util.styleText('red', 'x', { stream: {} }));
attempt('styleText bad validate', () => util.styleText('red', 'x', { validateStream: 'yes' }));

line('## strings');
line(util.stripVTControlCharacters('\u001b[1mbold\u001b[22m')); line(hex(util.toUSVString('a\ud800b\udc00c\ud83d\ude00')));
attempt('strip non-string', () => util.stripVTControlCharacters(null));

line('## system errors');
for (const errno of [-2, -13, -17, -98, -111, -4095]) {
  line(`${errno}: ${util.getSystemErrorName(errno)} / ${util.getSystemErrorMessage(errno)}`);
}
line(util.getSystemErrorName(-99999)); line(util.getSystemErrorMap() instanceof Map);
line(JSON.stringify(util.getSystemErrorMap().get(-2)));
attempt('errname positive', () => util.getSystemErrorName(1));
attempt('errname string', () => util.getSystemErrorName('x'));
attempt('errname float', () => util.getSystemErrorName(-1.5));

line('## TextEncoder');
const enc = new util.TextEncoder();
show('encoding', enc.encoding); show('encode', enc.encode('héllo €𝄞')); show('encode empty', enc.encode());
show('encode lone', enc.encode('a\ud800b\udfff')); show('encode number', enc.encode(5));
show('encodeInto', enc.encodeInto('héllo', new Uint8Array(3))); show('encodeInto full', enc.encodeInto('ab', new Uint8Array(4)));
show('encodeInto astral', enc.encodeInto('😀a', new Uint8Array(5))); show('encodeInto astral short', enc.encodeInto('😀', new Uint8Array(3)));
attempt('encodeInto bad dest', () => enc.encodeInto('abc', 5));
attempt('encodeInto bad src', () => enc.encodeInto(5, new Uint8Array(4)));
attempt('encode bad this', () => util.TextEncoder.prototype.encode.call({}, 'a'));
show('inspect encoder', enc); line(Object.prototype.toString.call(enc));
line(Object.keys(util.TextEncoder.prototype).join(','));

line('## TextDecoder');
const dec = new util.TextDecoder();
line(`${dec.encoding} ${dec.fatal} ${dec.ignoreBOM}`);
show('inspect decoder', dec); show('inspect fatal', new util.TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }));
show('inspect depth', [dec]); line(Object.prototype.toString.call(dec));
line(Object.keys(util.TextDecoder.prototype).join(','));
const decode = (label, bytes, opts, encName) => attempt(label, () => hex(new util.TextDecoder(encName, opts).decode(new Uint8Array(bytes))));
decode('ascii', [104, 105]); decode('two byte', [0xc3, 0xa9]); decode('three byte', [0xe2, 0x82, 0xac]);
decode('four byte', [0xf0, 0x9f, 0x98, 0x80]); decode('bom stripped', [0xef, 0xbb, 0xbf, 0x41]);
decode('bom kept', [0xef, 0xbb, 0xbf, 0x41], { ignoreBOM: true }); decode('two boms', [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]);
decode('invalid', [0xff, 0x41, 0x80, 0xc0, 0xaf]); decode('truncated', [0xe2, 0x82]);
decode('surrogate', [0xed, 0xa0, 0x80]); decode('overlong', [0xe0, 0x80, 0x80]); decode('too big', [0xf4, 0x90, 0x80, 0x80]);
decode('mixed invalid', [0xf0, 0x9f, 0x98, 0x80, 0xe2, 0x82, 0x41, 0xc0, 0xed, 0xa0, 0x80, 0xf4, 0x90]);
decode('fatal ok', [0x41], { fatal: true }); decode('fatal bad', [0xff], { fatal: true });
decode('fatal truncated', [0xe2, 0x82], { fatal: true });
decode('utf16le', [0x41, 0x00, 0x3d, 0xd8, 0x00, 0xde], undefined, 'utf-16le');
decode('utf16le bom', [0xff, 0xfe, 0x41, 0x00], undefined, 'utf-16le');
decode('utf16le lone', [0x00, 0xdc, 0x41, 0x00, 0x3d, 0xd8], undefined, 'utf-16le');
decode('utf16le odd', [0x41, 0x00, 0x42], undefined, 'utf-16le');
decode('utf16le fatal', [0x00, 0xdc], { fatal: true }, 'utf-16le');
decode('utf16be', [0x00, 0x41, 0xd8, 0x3d, 0xde, 0x00], undefined, 'utf-16be');
decode('latin1', [0x41, 0xe9, 0xff], undefined, 'latin1');
decode('ascii label', [0x41, 0xff], undefined, 'ascii');
for (const label of ['utf8', ' UTF-8 ', 'unicode-1-1-utf-8', 'utf-16', 'UCS-2', 'csunicode', 'unicodefeff',
  'utf-16be', 'latin1', 'iso-8859-1', 'us-ascii', 'windows-1252', 'l1', 'cp1252', '\tutf8\n']) {
  attempt(`label ${JSON.stringify(label)}`, () => new util.TextDecoder(label).encoding);
}
attempt('label unknown', () => new util.TextDecoder('klingon'));
attempt('label null', () => new util.TextDecoder(null));
attempt('label undefined', () => new util.TextDecoder(undefined).encoding);
attempt('bad options', () => new util.TextDecoder('utf-8', 5));
attempt('null options', () => new util.TextDecoder('utf-8', null).fatal);
attempt('fatal truthy', () => new util.TextDecoder('utf-8', { fatal: 1 }).fatal);
attempt('decode undefined', () => new util.TextDecoder().decode());
attempt('decode utf16 undefined', () => new util.TextDecoder('utf-16le').decode(undefined));
attempt('decode string', () => new util.TextDecoder('utf-16le').decode('x'));
attempt('decode dataview', () => new util.TextDecoder().decode(new DataView(new Uint8Array([0x41, 0x42]).buffer, 1)));
attempt('decode arraybuffer', () => new util.TextDecoder().decode(new Uint8Array([0x43]).buffer));
attempt('decode u16 view', () => new util.TextDecoder().decode(new Uint16Array([0x4241])));
attempt('decode subarray', () => new util.TextDecoder().decode(new Uint8Array([0x41, 0x42, 0x43]).subarray(1, 2)));
attempt('decode bad this', () => util.TextDecoder.prototype.decode.call({}, new Uint8Array(1)));
attempt('encoding bad this', () => Object.getOwnPropertyDescriptor(util.TextDecoder.prototype, 'encoding').get.call({}));
{
  const d = new util.TextDecoder();
  const parts = [d.decode(new Uint8Array([0xe2, 0x82]), { stream: true }), d.decode(new Uint8Array([0xac]), { stream: true }),
    d.decode(new Uint8Array([0xf0, 0x9f]), { stream: true }), d.decode(new Uint8Array([0x98, 0x80]), { stream: true }),
    d.decode(new Uint8Array([0xe2]))];
  line(`stream utf8: ${parts.map(hex).join(' ')}`);
  const d2 = new util.TextDecoder();
  const bomParts = [d2.decode(new Uint8Array([0xef, 0xbb]), { stream: true }), d2.decode(new Uint8Array([0xbf, 0x41])),
    d2.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x42]))];
  line(`stream bom: ${bomParts.map(hex).join(' ')}`);
  const d3 = new util.TextDecoder('utf-16le');
  const u16Parts = [d3.decode(new Uint8Array([0x3d, 0xd8, 0x00]), { stream: true }), d3.decode(new Uint8Array([0xde, 0x41]), { stream: true }),
    d3.decode(new Uint8Array([0x00, 0x3d]))];
  line(`stream utf16: ${u16Parts.map(hex).join(' ')}`);
  const d4 = new util.TextDecoder('utf-8', { fatal: true });
  try { d4.decode(new Uint8Array([0xff])); } catch (e) { line(`fatal reset: ${e.code}`); }
  line(`after fatal: ${hex(d4.decode(new Uint8Array([0x41])))}`);
}

line('## parseArgs');
const parse = (label, config) => attempt(label, () => util.parseArgs(config));
const opts = { foo: { type: 'boolean', short: 'f' }, bar: { type: 'string', short: 'b' }, many: { type: 'string', multiple: true, short: 'm' } };
parse('basic', { args: ['-f', '--bar', 'b'], options: opts });
parse('inline', { args: ['--bar=x=y', '-bvalue'], options: opts });
parse('multiple', { args: ['-m', '1', '--many', '2', '--many=3'], options: opts });
parse('group', { args: ['-fb', 'val'], options: opts, tokens: true });
parse('group inline', { args: ['-fbval'], options: opts, tokens: true });
parse('terminator', { args: ['-f', '--', '--bar', 'x'], options: opts, allowPositionals: true, tokens: true });
parse('positionals', { args: ['a', '-f', 'b'], options: opts, allowPositionals: true });
parse('unexpected positional', { args: ['a'], options: opts });
parse('unknown', { args: ['--nope'], options: opts });
parse('unknown with positionals', { args: ['--nope'], options: opts, allowPositionals: true });
parse('unknown short', { args: ['-z'], options: opts });
parse('missing value', { args: ['--bar'], options: opts });
parse('missing short value', { args: ['-b'], options: opts });
parse('boolean with value', { args: ['--foo=1'], options: opts });
parse('ambiguous long', { args: ['--bar', '-f'], options: opts });
parse('ambiguous short', { args: ['-b', '-f'], options: opts });
parse('dash value inline', { args: ['--bar=-x'], options: opts });
parse('lone dash', { args: ['-'], options: opts, allowPositionals: true });
parse('non-strict', { args: ['--x', '-y', 'z', '--w=1'], strict: false });
parse('non-strict tokens', { args: ['-ab', '--c'], strict: false, tokens: true });
parse('defaults', { args: [], options: { d: { type: 'boolean', default: true }, s: { type: 'string', default: 'z' }, m: { type: 'string', multiple: true, default: ['a'] } } });
parse('default overridden', { args: ['--s', 'given'], options: { s: { type: 'string', default: 'z' } } });
parse('negative', { args: ['--no-color'], options: { color: { type: 'boolean' } }, allowNegative: true });
parse('negative string', { args: ['--no-name'], options: { name: { type: 'string' } }, allowNegative: true });
parse('negative disallowed', { args: ['--no-color'], options: { color: { type: 'boolean' } } });
parse('proto', { args: ['--__proto__', 'x'], strict: false });
parse('bad args', { args: 'x' }); parse('bad strict', { args: [], strict: 1 });
parse('bad tokens', { args: [], tokens: 'yes' }); parse('bad options', { args: [], options: 5 });
parse('bad option', { args: [], options: { a: 5 } }); parse('bad type', { args: [], options: { a: { type: 'number' } } });
parse('missing type', { args: [], options: { a: {} } }); parse('bad short', { args: [], options: { a: { type: 'string', short: 'ab' } } });
parse('short not string', { args: [], options: { a: { type: 'string', short: 5 } } });
parse('bad multiple', { args: [], options: { a: { type: 'boolean', multiple: 1 } } });
parse('bad default', { args: [], options: { a: { type: 'string', default: 5 } } });
parse('bad default array', { args: [], options: { a: { type: 'string', multiple: true, default: 'x' } } });
parse('bad default element', { args: [], options: { a: { type: 'boolean', multiple: true, default: [true, 'x'] } } });
parse('numbers as args', { args: [5], strict: false });
parse('empty args', { args: [] });

line('## promisify and callbackify');
const warnBefore = warnings.length;
(async () => {
  const double = util.promisify((x, cb) => cb(null, x * 2));
  line(`promisify: ${await double(21)}`);
  const failing = util.promisify((cb) => cb(new Error('failed')));
  try { await failing(); } catch (e) { line(`promisify rejects: ${e.message}`); }
  const falsyErr = util.promisify((cb) => cb(0, 'value'));
  line(`promisify falsy err: ${await falsyErr()}`);
  const multi = util.promisify((cb) => cb(null, 1, 2, 3));
  line(`promisify multi: ${await multi()}`);
  function withCustom() {}
  withCustom[util.promisify.custom] = () => Promise.resolve('custom');
  const pc = util.promisify(withCustom);
  line(`promisify custom: ${await pc()} ${pc === withCustom[util.promisify.custom]} ${util.promisify(pc) === pc}`);
  const receiver = { v: 5, m(cb) { cb(null, this.v); } };
  receiver.pm = util.promisify(receiver.m);
  line(`promisify this: ${await receiver.pm()}`);
  const named = util.promisify(function namedFn(a, b, cb) {});
  line(`promisify shape: ${named.name} ${named.length} ${Object.getPrototypeOf(named) === Function.prototype}`);
  const asyncOriginal = util.promisify(async function asyncOriginal() {});
  line(`promisify of async fn: ${typeof asyncOriginal}`);
  attempt('promisify non-function', () => util.promisify(5));
  const badCustom = function () {}; badCustom[util.promisify.custom] = 5;
  attempt('promisify bad custom', () => util.promisify(badCustom));

  const cbified = util.callbackify(async (x) => x + 1);
  line(`callbackify shape: ${cbified.name} ${cbified.length}`);
  const named2 = util.callbackify(async function namedAsync(a, b) {});
  line(`callbackify named: ${named2.name} ${named2.length}`);
  await new Promise((resolve) => cbified(1, (err, value) => { line(`callbackify: ${err} ${value}`); resolve(); }));
  const rejecting = util.callbackify(async () => { throw new Error('rejected'); });
  await new Promise((resolve) => rejecting((err) => { line(`callbackify error: ${err.message}`); resolve(); }));
  const rejectNull = util.callbackify(() => Promise.reject(null));
  await new Promise((resolve) => rejectNull((err) => { line(`callbackify null: ${err.code} ${err.message} ${err.reason}`); resolve(); }));
  const rejectZero = util.callbackify(() => Promise.reject(0));
  await new Promise((resolve) => rejectZero((err) => { line(`callbackify zero: ${err.code} ${err.reason}`); resolve(); }));
  const thisCb = util.callbackify(async function () { return this.tag; });
  await new Promise((resolve) => thisCb.call({ tag: 'kept' }, (err, v) => { line(`callbackify this: ${v}`); resolve(); }));
  attempt('callbackify non-function', () => util.callbackify('x'));
  attempt('callbackify no callback', () => util.callbackify(async () => {})(1));

  const controller = new AbortController();
  const abortedPromise = util.aborted(controller.signal, {});
  controller.abort();
  await abortedPromise;
  line('aborted resolved');
  const pre = new AbortController(); pre.abort();
  line(`aborted already: ${await util.aborted(pre.signal, {})}`);
  try { await util.aborted({}, {}); } catch (e) { line(`aborted bad signal: ${e.code}`); }
  try { await util.aborted(new AbortController().signal, 5); } catch (e) { line(`aborted bad resource: ${e.code}`); }

  flushWarnings('async');
  process.emitWarning = originalEmitWarning;
  line(`warnings before async: ${warnBefore}`);
  line('## done');
})();
