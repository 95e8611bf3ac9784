'use strict';
// Corpus for Node's error machinery, observed through public APIs (path,
// events, EventTarget): name, code, message, String(), and the shape of the
// error objects. Prints strings only.

const path = require('path');
const EventEmitter = require('events');

const log = (...parts) => console.log(parts.map(String).join(' '));

function describe(e) {
  const messageDesc = Object.getOwnPropertyDescriptor(e, 'message');
  return [
    e.name,
    e.code,
    JSON.stringify(e.message),
    JSON.stringify(String(e)),
    e.constructor === TypeError ? 'TypeError' : e.constructor === RangeError ? 'RangeError' : e.constructor === Error ? 'Error' : e.constructor && e.constructor.name,
    e instanceof Error,
    Object.prototype.toString.call(e),
    JSON.stringify(Object.keys(e)),
    messageDesc ? `${messageDesc.enumerable}/${messageDesc.writable}/${messageDesc.configurable}` : 'inherited',
    Object.prototype.hasOwnProperty.call(e, 'name'),
    Object.prototype.hasOwnProperty.call(e, 'toString'),
  ].join(' | ');
}

function attempt(label, fn) {
  try {
    fn();
    log(label, '-> no error');
  } catch (e) {
    log(label, '->', describe(e));
  }
}

function label(value) {
  if (typeof value === 'symbol') return `symbol:${value.description}`;
  if (typeof value === 'bigint') return `bigint:${value}`;
  if (typeof value === 'function') return `function:${value.name}`;
  if (typeof value === 'number') return `number:${Object.is(value, -0) ? '-0' : value}`;
  if (typeof value === 'string') return `string:${JSON.stringify(value)}`;
  if (typeof value === 'boolean') return `boolean:${value}`;
  if (value === null || value === undefined) return String(value);
  return `object:${Object.prototype.toString.call(value)}`;
}

class Custom {}
class WithName { static name = 'Overridden'; }
function Legacy() {}
const noCtorName = Object.create({ constructor: {} });
const nullProtoWithKeys = Object.assign(Object.create(null), { key: 'value' });

// Every kind of "Received ..." description ERR_INVALID_ARG_TYPE produces.
const received = [
  undefined, null, true, false, 0, -0, 1, -1, 1.5, -2.25, 1e21, 1e-7, NaN, Infinity, -Infinity,
  2 ** 53, Number.MAX_VALUE, 0n, 10n, -123456789012345678901234567890n,
  '', 'a', 'it\'s', 'say "hi"', 'both \' and "', 'x'.repeat(28), 'y'.repeat(29), 'a\'b'.repeat(12),
  'line\nbreak', 'tab\there', '\u00e9\u00fc', '\u{1F600}',
  Symbol(), Symbol('desc'), Symbol('a'.repeat(40)), Symbol.iterator, Symbol.for('registered'),
  function named() {}, function () {}, () => {}, async function asyncFn() {}, function* gen() {}, class K {}, Math.max,
  {}, { a: 1 }, [], [1, 2, 3], new Map(), new Set(), new Date(0), /re/g, new Error('e'), new TypeError('t'),
  new Custom(), new WithName(), new Legacy(), Object.create(null), nullProtoWithKeys, noCtorName,
  new Uint8Array(2), new ArrayBuffer(4), Promise.resolve(), new Proxy({}, {}), Object(1), Object('s'),
  new (class extends Array {})(), Math, JSON,
];

log('== ERR_INVALID_ARG_TYPE via path (expects string)');
for (const value of received) {
  attempt(`path.basename(${label(value)})`, () => path.basename(value));
}

log('== property vs argument names');
attempt('path.resolve index name', () => path.resolve('/a', 'b', 42));
attempt('path.format(1)', () => path.format(1));
attempt('path.format(null)', () => path.format(null));
attempt('path.format([])', () => path.format([]));
attempt('path.format(fn)', () => path.format(() => {}));
attempt('path.basename suffix', () => path.basename('a', 5));
attempt('path.relative to', () => path.relative('/a', {}));

log('== ERR_INVALID_ARG_TYPE with several expected types (events)');
for (const value of [undefined, 1, 'x', {}, [], new Custom(), () => {}, Symbol('t'), null]) {
  attempt(`setMaxListeners(1, ${label(value)})`, () => EventEmitter.setMaxListeners(1, value));
  attempt(`getEventListeners(${label(value)})`, () => EventEmitter.getEventListeners(value, 'x'));
  attempt(`getMaxListeners(${label(value)})`, () => EventEmitter.getMaxListeners(value));
}
for (const value of [undefined, null, 1, 'fn', {}, [], Symbol('l'), 10n]) {
  attempt(`on(listener=${label(value)})`, () => new EventEmitter().on('x', value));
}
attempt('captureRejections option', () => new EventEmitter({ captureRejections: 'yes' }));
attempt('static captureRejections', () => { EventEmitter.captureRejections = 0; });
attempt('once options', () => EventEmitter.on(new EventEmitter(), 'x', 'opts'));
attempt('on signal', () => EventEmitter.on(new EventEmitter(), 'x', { signal: {} }));
attempt('addAbortListener signal', () => EventEmitter.addAbortListener(undefined, () => {}));
attempt('addAbortListener listener', () => EventEmitter.addAbortListener(new AbortController().signal, 1));

log('== ERR_OUT_OF_RANGE');
for (const value of [-1, -0.5, NaN, -Infinity, -(2 ** 32), -(2 ** 32) - 1, -(2 ** 40), -(2 ** 53), -1e21]) {
  attempt(`setMaxListeners(${label(value)})`, () => new EventEmitter().setMaxListeners(value));
}
for (const value of [0, -1, 1.5, 2 ** 53, 2 ** 40 + 0.5, -(2 ** 33), 2 ** 60, NaN, Infinity, '1']) {
  attempt(`on highWaterMark ${label(value)}`, () => EventEmitter.on(new EventEmitter(), 'x', { highWaterMark: value }));
  attempt(`on lowWaterMark ${label(value)}`, () => EventEmitter.on(new EventEmitter(), 'x', { lowWaterMark: value }));
}
attempt('defaultMaxListeners = -5', () => { EventEmitter.defaultMaxListeners = -5; });
attempt('defaultMaxListeners = "5"', () => { EventEmitter.defaultMaxListeners = '5'; });

log('== ERR_UNHANDLED_ERROR');
const unhandled = [
  undefined, null, 0, 42, -0, 'message', 'it\'s', '', true, 10n, Symbol('sym'), { a: 1 }, { nested: { deep: { deeper: 1 } } },
  [1, 'two', [3]], [], {}, new Map([[1, 2]]), new Set(['a']), () => {}, function named() {}, new Custom(),
  Object.create(null), { toString() { return 'custom toString'; } }, new Date(0), /x/i,
  { error: 'object', code: 'E_OBJ', list: [1, 2, 3] },
];
for (const value of unhandled) {
  try {
    new EventEmitter().emit('error', value);
    log('no throw');
  } catch (e) {
    log(`emit('error', ${label(value)}) ->`, describe(e), '| context ok:', Object.is(e.context, value));
  }
}
{
  const original = new RangeError('range');
  try { new EventEmitter().emit('error', original); } catch (e) { log('Error passthrough', e === original, describe(e)); }
}

log('== ERR_INVALID_THIS / ERR_MISSING_ARGS / ERR_INVALID_ARG_VALUE / ERR_EVENT_RECURSION');
attempt('Event.prototype.type getter', () => Object.getOwnPropertyDescriptor(Event.prototype, 'type').get.call({}));
attempt('EventTarget.prototype.addEventListener this', () => EventTarget.prototype.addEventListener.call(1, 'x', () => {}));
attempt('new Event()', () => new Event());
attempt('new CustomEvent()', () => new CustomEvent());
attempt('addEventListener()', () => new EventTarget().addEventListener());
attempt('dispatchEvent()', () => new EventTarget().dispatchEvent());
attempt('dispatchEvent({})', () => new EventTarget().dispatchEvent({}));
attempt('addEventListener(symbol)', () => new EventTarget().addEventListener(Symbol('type'), () => {}));
attempt('addEventListener listener 5', () => new EventTarget().addEventListener('x', 5));
attempt('addEventListener options 5', () => new EventTarget().addEventListener('x', () => {}, 5));
attempt('new Event options', () => new Event('x', 'options'));
{
  const et = new EventTarget();
  const ev = new Event('loop');
  et.addEventListener('loop', () => attempt('nested dispatch', () => et.dispatchEvent(ev)));
  et.dispatchEvent(ev);
}

log('== AbortError');
{
  const ac = new AbortController();
  ac.abort(new Error('reason'));
  EventEmitter.once(new EventEmitter(), 'x', { signal: ac.signal }).then(
    () => log('resolved?'),
    (e) => {
      log('once aborted ->', describe(e), '| cause:', e.cause && e.cause.message);
      const ac2 = new AbortController();
      const p = EventEmitter.once(new EventEmitter(), 'y', { signal: ac2.signal });
      ac2.abort();
      return p.catch((e2) => log('once aborted later ->', describe(e2), '| cause:', e2.cause && e2.cause.name));
    });
}
