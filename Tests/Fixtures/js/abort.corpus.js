'use strict';
// Corpus for AbortController / AbortSignal (and the DOMException reasons they produce):
// abort(), reasons, events and onabort, throwIfAborted, AbortSignal.abort/timeout/any,
// validation errors, property shapes and util.inspect output.
const util = require('util');
const { once } = require('events');

// Under the development runner the internal module is reachable; in Node and in the sandbox the
// globals are the implementation under test.
let impl;
try {
  impl = require('internal/abort_controller');
} catch {
  impl = globalThis;
}
const { AbortController, AbortSignal } = impl;
const DOMException = AbortSignal.abort().reason.constructor;

function log(...parts) {
  console.log(parts.map((p) => (typeof p === 'string' ? p : util.inspect(p, { breakLength: Infinity }))).join(' '));
}
function section(name) {
  log(`--- ${name}`);
}
function describeReason(r) {
  if (r instanceof DOMException) return `DOMException name=${r.name} message=${r.message} code=${r.code}`;
  if (r instanceof Error) return `${r.name}: ${r.message}`;
  return util.inspect(r);
}
function attempt(label, fn) {
  try {
    log(label, '=>', fn());
  } catch (e) {
    log(label, 'THROWS', `${e.name} ${e.code} ${e.message}`);
  }
}

section('shapes');
log(Object.keys(AbortController.prototype).join(), Object.keys(AbortSignal.prototype).join());
log(Object.getOwnPropertyNames(AbortSignal.prototype).join(), Object.getOwnPropertyNames(AbortSignal).join());
log(Object.prototype.toString.call(new AbortController()), Object.prototype.toString.call(new AbortController().signal));
log(AbortController.name, AbortSignal.name, AbortController.length, AbortSignal.length);
log(Object.getPrototypeOf(AbortSignal.prototype).constructor.name);
attempt('new AbortSignal()', () => new AbortSignal());
attempt('aborted getter on {}', () => Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'aborted').get.call({}));
attempt('reason getter on {}', () => Object.getOwnPropertyDescriptor(AbortSignal.prototype, 'reason').get.call({}));
attempt('throwIfAborted on {}', () => AbortSignal.prototype.throwIfAborted.call({}));

section('inspect');
{
  const ac = new AbortController();
  log(util.inspect(ac));
  log(util.inspect(ac.signal));
  log(util.inspect(ac, { depth: 0 }));
  log(util.inspect(ac, { depth: -1 }));
  log(util.inspect({ a: { b: ac } }));
  log(util.inspect([ac.signal], { depth: 0 }));
  ac.abort();
  log(util.inspect(ac.signal));
}

section('abort()');
{
  const ac = new AbortController();
  const signal = ac.signal;
  log(signal === ac.signal, signal.aborted, util.inspect(signal.reason));
  const order = [];
  signal.addEventListener('abort', (e) => {
    order.push(`listener type=${e.type} trusted=${e.isTrusted} target=${e.target === signal} aborted=${signal.aborted}`);
  });
  signal.onabort = (e) => order.push(`onabort ${e.constructor.name} cancelable=${e.cancelable} bubbles=${e.bubbles}`);
  signal.addEventListener('abort', () => order.push('once'), { once: true });
  log(typeof signal.onabort);
  ac.abort();
  log(order.join(' | '));
  log(signal.aborted, describeReason(signal.reason));
  ac.abort('again');
  log('second abort keeps reason', describeReason(signal.reason), order.length);
  attempt('throwIfAborted', () => signal.throwIfAborted());
  try {
    signal.throwIfAborted();
  } catch (e) {
    log('thrown is reason', e === signal.reason);
  }
}

section('abort reasons');
for (const reason of ['text', 0, null, { custom: true }, new TypeError('typed'), undefined]) {
  const ac = new AbortController();
  ac.abort(reason);
  log(describeReason(reason), '->', describeReason(ac.signal.reason), ac.signal.reason === reason);
}
{
  const ac = new AbortController();
  ac.abort();
  const r = ac.signal.reason;
  log(r instanceof Error, Object.prototype.toString.call(r), String(r), r.name, r.code, Object.keys(r).length);
  log(DOMException.ABORT_ERR, DOMException.TIMEOUT_ERR, r.ABORT_ERR);
  const ac2 = new AbortController();
  ac2.abort();
  log('fresh reason each time', ac2.signal.reason !== r);
}
{
  // abort() before the signal was read.
  const ac = new AbortController();
  ac.abort('early');
  log('early abort', ac.signal.aborted, ac.signal.reason);
}

section('AbortSignal.abort');
{
  const s = AbortSignal.abort();
  log(s.aborted, describeReason(s.reason), s instanceof AbortSignal);
  const s2 = AbortSignal.abort('why');
  log(s2.aborted, s2.reason);
  const s3 = AbortSignal.abort(undefined);
  log(describeReason(s3.reason));
  let fired = false;
  s.addEventListener('abort', () => { fired = true; });
  log('no event for pre-aborted', fired);
}

section('AbortSignal.any');
{
  const a = new AbortController();
  const b = new AbortController();
  const any = AbortSignal.any([a.signal, b.signal]);
  log(any.aborted, any instanceof AbortSignal);
  const events = [];
  a.signal.addEventListener('abort', () => events.push(`a aborted any.aborted=${any.aborted}`));
  any.addEventListener('abort', () => events.push(`any aborted reason=${any.reason}`));
  b.abort('b-reason');
  log(events.join(' | '));
  log(any.aborted, any.reason, a.signal.aborted);
  a.abort('a-reason');
  log('reason stays', any.reason);

  const pre = AbortSignal.any([new AbortController().signal, AbortSignal.abort('pre')]);
  log('pre-aborted', pre.aborted, pre.reason);
  const empty = AbortSignal.any([]);
  log('empty', empty.aborted);
  const c = new AbortController();
  const nested = AbortSignal.any([AbortSignal.any([c.signal])]);
  c.abort('nested-reason');
  log('nested', nested.aborted, nested.reason);
  const fromSet = AbortSignal.any(new Set([AbortSignal.abort('set')]));
  log('iterable', fromSet.reason);
  for (const bad of [1, null, 'ab', {}, [1], [null], [{}], undefined]) {
    attempt(`any(${util.inspect(bad)})`, () => AbortSignal.any(bad));
  }
  attempt('any(duck)', () => AbortSignal.any([{ aborted: false, addEventListener() {} }]).aborted);
}

section('AbortSignal.timeout validation');
for (const bad of [-1, 'a', 1.5, 2 ** 32, NaN, undefined, null]) {
  attempt(`timeout(${util.inspect(bad)})`, () => AbortSignal.timeout(bad));
}
log(AbortSignal.timeout(0).aborted);

section('listener options');
{
  const ac = new AbortController();
  const calls = [];
  const handler = () => calls.push('handler');
  ac.signal.addEventListener('abort', handler);
  ac.signal.addEventListener('abort', handler);
  ac.signal.removeEventListener('abort', handler);
  ac.signal.addEventListener('abort', { handleEvent(e) { calls.push(`handleEvent ${e.type}`); } });
  const remover = new AbortController();
  ac.signal.addEventListener('abort', () => calls.push('removed by signal'), { signal: remover.signal });
  remover.abort();
  ac.signal.onabort = () => calls.push('onabort 1');
  ac.signal.onabort = () => calls.push('onabort 2');
  ac.signal.addEventListener('abort', (e) => {
    calls.push('stopper');
    e.stopImmediatePropagation();
  });
  ac.signal.addEventListener('abort', () => calls.push('after stop'));
  ac.abort();
  log(calls.join(', '));
  log(ac.signal.onabort === null, typeof ac.signal.onabort);
  ac.signal.onabort = null;
  log(ac.signal.onabort);
}

section('events.once / timeout');
{
  const ac = new AbortController();
  once(ac.signal, 'abort').then(([e]) => log('events.once got', e.type));
  ac.abort();
  const t = AbortSignal.timeout(5);
  t.addEventListener('abort', () => {
    log('timeout fired', t.aborted, describeReason(t.reason));
  });
  const anyWithTimeout = AbortSignal.any([AbortSignal.timeout(1), new AbortController().signal]);
  anyWithTimeout.onabort = () => log('any(timeout) fired', describeReason(anyWithTimeout.reason));
  // The timeout timers are unref'd: this ref'd timer keeps the process alive until they fired.
  setTimeout(() => log('--- done'), 50);
}
