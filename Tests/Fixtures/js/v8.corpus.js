'use strict';
// Corpus for `v8`: serialize() bytes (as hex) for the structured-clone types, round trips
// through deserialize(), the raw Serializer/Deserializer API, error cases and module shape.
// Error values get `stack` removed or replaced first: stack text is engine-specific.
const v8 = require('v8');
const util = require('util');

function show(v) {
  return util.inspect(v, { depth: 4, breakLength: Infinity, showHidden: false });
}

function section(name) {
  console.log(`--- ${name}`);
}

function hex(label, value) {
  let text;
  try {
    text = v8.serialize(value).toString('hex');
  } catch (e) {
    text = `THROWS ${e.name}: ${e.message}`;
  }
  console.log(`${label} => ${text}`);
}

function roundTrip(label, value) {
  let text;
  try {
    const back = v8.deserialize(v8.serialize(value));
    // Errors as their parts: how an error with a foreign stack prints is engine-specific.
    text = back instanceof Error
      ? `${back.constructor.name} name=${back.name} message=${back.message} stack=${back.stack} cause=${show(back.cause)}`
      : show(back);
    text += ` ${Object.prototype.toString.call(back)}`;
  } catch (e) {
    text = `THROWS ${e.name}: ${e.message}`;
  }
  console.log(`${label} => ${text}`);
}

function noStack(error) {
  error.stack = undefined;
  return error;
}

const shared = { s: 1 };
const circular = { name: 'c' };
circular.self = circular;
const cases = [
  ['undefined', undefined], ['null', null], ['true', true], ['false', false],
  ['0', 0], ['1', 1], ['-1', -1], ['63', 63], ['64', 64], ['-64', -64], ['-65', -65],
  ['int32 max', 2 ** 31 - 1], ['int32 min', -(2 ** 31)], ['2^31', 2 ** 31], ['-2^31-1', -(2 ** 31) - 1],
  ['1.5', 1.5], ['-0', -0], ['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity],
  ['MAX_SAFE', Number.MAX_SAFE_INTEGER], ['tiny', 5e-324],
  ['empty string', ''], ['abc', 'abc'], ['latin1', 'caf\u00e9'], ['euro', '\u20ac'], ['mixed', 'a\u20acb'],
  ['emoji', '\ud83d\ude00'], ['lone surrogate', '\ud800'], ['long string', 'xyz'.repeat(60)],
  ['two-byte long', '\u0100'.repeat(70)],
  ['0n', 0n], ['1n', 1n], ['-1n', -1n], ['2^64', 2n ** 64n], ['2^64-1', 2n ** 64n - 1n], ['-(2^70)', -(2n ** 70n)],
  ['big 2^200', 2n ** 200n + 12345n],
  ['{}', {}], ['{a:1}', { a: 1, b: 'x' }], ['number keys', { 2: 'a', 1: 'b', x: 1 }], ['nested', { a: { b: [{}] } }],
  ['key -1', { '-1': 1 }], ['big index keys', { 4294967295: 1, 4294967294: 2 }], ['key 01', { '01': 1, 1: 2 }],
  ['float key', { 1.5: 1 }], ['null proto', Object.create(null)], ['class instance', new (class K { constructor() { this.a = 1; } })()],
  ['getter', { get g() { return 7; } }], ['non-enumerable', Object.defineProperty({ a: 1 }, 'b', { value: 2 })],
  ['symbol key', { [Symbol('s')]: 1, a: 2 }], ['undefined value', { a: undefined }],
  ['[]', []], ['[1,2,3]', [1, 2, 3]], ['sparse', [1, , 3]], ['holes', new Array(3)], ['trailing hole', [1, 2, , ]],
  ['array props', Object.assign([1], { x: 2 })], ['nested arrays', [[1], [2, [3]]]], ['mixed array', [1, 'a', null, undefined, true, 1.5]],
  ['Date 0', new Date(0)], ['Date', new Date(Date.UTC(2020, 1, 3, 4, 5, 6, 7))], ['invalid Date', new Date(NaN)],
  ['RegExp', /ab/gi], ['RegExp flags', /x/dsuy], ['RegExp m', /^a$/m], ['RegExp escaped', /\/\n[a-z]+/],
  ['Map', new Map([[1, 'a'], ['b', { c: 2 }]])], ['empty Map', new Map()], ['Set', new Set([1, 'two', 3n])],
  ['map refs', new Map([[shared, shared]])],
  ['Buffer', Buffer.from('hi')], ['Uint8Array', new Uint8Array([1, 2])], ['Int8Array', new Int8Array([-1, 1])],
  ['Uint8ClampedArray', new Uint8ClampedArray([300])], ['Int16Array', new Int16Array([-2])], ['Uint16Array', new Uint16Array([1, 2])],
  ['Int32Array', new Int32Array([-3])], ['Uint32Array', new Uint32Array([4])], ['Float32Array', new Float32Array([0.5])],
  ['Float64Array', new Float64Array([1])], ['BigInt64Array', new BigInt64Array([-1n])], ['BigUint64Array', new BigUint64Array([1n])],
  ['DataView', new DataView(new ArrayBuffer(2))], ['subarray view', new Uint8Array(new ArrayBuffer(8), 2, 3)],
  ['ArrayBuffer', new ArrayBuffer(2)], ['ArrayBuffer bytes', new Uint8Array([9, 8, 7]).buffer],
  ['buffer + view', [new ArrayBuffer(1), new Uint8Array(2)]], ['same buffer twice', (() => { const b = Buffer.from('x'); return [b, b]; })()],
  ['Number object', new Number(3)], ['String object', new String('s')], ['String object two-byte', new String('\u20ac')],
  ['Boolean true', Object(true)], ['Boolean false', Object(false)], ['BigInt object', Object(5n)],
  ['circular', circular], ['shared', [shared, shared]], ['deep shared', { a: shared, b: [shared], c: new Set([shared]) }],
  ['Error', noStack(new Error('m'))], ['TypeError', noStack(new TypeError('t'))], ['RangeError', noStack(new RangeError('r'))],
  ['EvalError', noStack(new EvalError('e'))], ['ReferenceError', noStack(new ReferenceError('f'))],
  ['SyntaxError', noStack(new SyntaxError('s'))], ['URIError', noStack(new URIError('u'))],
  ['Error cause', noStack(new Error('m', { cause: 5 }))], ['Error object cause', noStack(new Error('m', { cause: { x: [1] } }))],
  ['Error custom stack', (() => { const e = new RangeError('r'); e.stack = 'S'; return e; })()],
  ['Error no message', (() => { const e = noStack(new Error('')); delete e.message; return e; })()],
  ['Error custom name', (() => { const e = noStack(new Error('x')); e.name = 'Custom'; e.extra = 1; return e; })()],
  ['Error two-byte', noStack(new Error('\u20ac'))],
  ['padding object', { a: '\u20ac' }], ['padding array', ['\u20ac', 'x\u20ac', 'ab', '\u0100\u0101']],
  ['padding deep', { ab: { c: '\u20ac', dd: 'x\u20ac' } }],
  ['function', function foo() {}], ['arrow', () => 1], ['symbol', Symbol('q')], ['WeakMap', new WeakMap()],
  ['Promise', Promise.resolve()], ['arguments', (function () { return arguments; })(1, 2)], ['nested function', { f: function g() {} }],
];

section('serialize');
for (const [label, value] of cases) hex(label, value);

section('round trip');
for (const [label, value] of cases) roundTrip(label, value);
{
  const e = v8.deserialize(v8.serialize((() => { const x = new RangeError('t', { cause: 'c' }); x.stack = 'STK'; return x; })()));
  console.log([e instanceof RangeError, e.name, e.message, e.stack, e.cause, Object.getOwnPropertyNames(e).join()].join(' '));
  const c = v8.deserialize(v8.serialize(circular));
  console.log(`circular ${c.self === c} ${c.name}`);
  const s = v8.deserialize(v8.serialize([shared, shared]));
  console.log(`shared ${s[0] === s[1]}`);
  const b = v8.deserialize(v8.serialize(Buffer.from('buf')));
  console.log(`Buffer ${Buffer.isBuffer(b)} ${b.toString()} ${b.buffer.byteLength > 0}`);
}

section('Serializer / Deserializer');
{
  const ser = new v8.Serializer();
  ser.writeHeader();
  ser.writeUint32(300);
  ser.writeUint64(1, 2);
  ser.writeDouble(1.5);
  ser.writeRawBytes(Buffer.from('ab'));
  ser.writeValue({ k: [1] });
  console.log(ser.releaseBuffer().toString('hex'));
  console.log(`after release: "${ser.releaseBuffer().toString('hex')}"`);
  const des = new v8.Deserializer(Buffer.from('ff0fac028280808010000000000000f83f61626f22016b410149022400017b01', 'hex'));
  console.log([des.readHeader(), des.getWireFormatVersion(), des.readUint32(), des.readUint64().join('/'), des.readDouble(),
    des.readRawBytes(2).toString(), show(des.readValue())].join(' '));
  // A plain Serializer writes ArrayBufferViews in V8's own form (buffer, then view).
  const plain = new v8.Serializer();
  plain.writeHeader();
  plain.writeValue(new Uint16Array([1, 2]));
  const bytes = plain.releaseBuffer();
  console.log(`plain view ${bytes.toString('hex')}`);
  const plainDes = new v8.Deserializer(bytes);
  plainDes.readHeader();
  console.log(`plain view back ${show(plainDes.readValue())}`);
  class MySerializer extends v8.Serializer {
    _writeHostObject(obj) { this.writeUint32(obj.length); }
  }
  const custom = new MySerializer();
  custom._setTreatArrayBufferViewsAsHostObjects(true);
  custom.writeHeader();
  custom.writeValue([new Uint8Array(5)]);
  console.log(`custom host ${custom.releaseBuffer().toString('hex')}`);
  class MyDeserializer extends v8.Deserializer {
    _readHostObject() { return { length: this.readUint32() }; }
  }
  const cd = new MyDeserializer(Buffer.from('ff0f41015c05240001', 'hex'));
  cd.readHeader();
  console.log(`custom host back ${show(cd.readValue())}`);
  const transfer = new v8.Serializer();
  const ab = new ArrayBuffer(4);
  transfer.transferArrayBuffer(7, ab);
  transfer.writeHeader();
  transfer.writeValue([ab]);
  const tbytes = transfer.releaseBuffer();
  console.log(`transfer ${tbytes.toString('hex')}`);
  const td = new v8.Deserializer(tbytes);
  const target = new ArrayBuffer(2);
  td.transferArrayBuffer(7, target);
  td.readHeader();
  console.log(`transfer back ${td.readValue()[0] === target}`);
  console.log(`DefaultSerializer ${Object.getPrototypeOf(v8.DefaultSerializer) === v8.Serializer} ${Object.getPrototypeOf(v8.DefaultDeserializer) === v8.Deserializer}`);
  console.log(`_getDataCloneError ${v8.Serializer.prototype._getDataCloneError === Error}`);
}

section('deserialize errors');
for (const h of ['ff0e5f', 'ff0d5f', 'ff0f', 'ff0f6f', 'ff0f4103', 'ff0f5e05', 'ff0f5a10', 'ff0f2205616263', 'ff0f7f', 'ff1f5f', '0f5f']) {
  try {
    console.log(`${h} => ${show(v8.deserialize(Buffer.from(h, 'hex')))}`);
  } catch (e) {
    console.log(`${h} => THROWS ${e.name}: ${e.message}`);
  }
}
for (const bad of ['x', 1, {}, null]) {
  try {
    v8.deserialize(bad);
  } catch (e) {
    console.log(`deserialize(${show(bad)}) => THROWS ${e.name} ${e.code} ${e.message}`);
  }
}
console.log(show(v8.deserialize(new Uint8Array([0xff, 0x0f, 0x49, 0x08]))));
console.log(show(v8.deserialize(new DataView(new Uint8Array([0xff, 0x0f, 0x54]).buffer))));

section('module');
console.log(Object.keys(v8).join(','));
console.log(Object.getOwnPropertyNames(v8.Serializer.prototype).sort().join(','));
console.log(Object.getOwnPropertyNames(v8.Deserializer.prototype).sort().join(','));
console.log(Object.keys(v8.getHeapStatistics()).join(','));
console.log(Object.values(v8.getHeapStatistics()).every((n) => typeof n === 'number'));
console.log(v8.getHeapSpaceStatistics().map((s) => s.space_name).join(','));
console.log(Object.keys(v8.getHeapSpaceStatistics()[0]).join(','));
console.log(Object.keys(v8.getHeapCodeStatistics()).join(','));
console.log(typeof v8.cachedDataVersionTag());
console.log(String(v8.setFlagsFromString('--allow-natives-syntax')));
try { v8.setFlagsFromString(1); } catch (e) { console.log(`${e.name} ${e.code} ${e.message}`); }
console.log(Object.keys(v8.startupSnapshot).join(','), v8.startupSnapshot.isBuildingSnapshot());
console.log(Object.keys(v8.promiseHooks).join(','));
console.log(v8.isStringOneByteRepresentation('caf\u00e9'), v8.isStringOneByteRepresentation('\u20ac'));
console.log(typeof v8.GCProfiler, typeof new v8.GCProfiler().start);
