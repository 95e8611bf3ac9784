'use strict';
// Corpus for the `events` module (EventEmitter, static helpers) and the global
// EventTarget / Event / CustomEvent. Prints strings only.

const EventEmitter = require('events');
const events = require('node:events');

const log = (...parts) => console.log(parts.map(String).join(' '));
const fnName = (f) => (typeof f === 'function' ? (f.name || '<anon>') : String(f));
const errLine = (e) => `${e.name} | ${e.code} | ${e.message} | ${String(e)}`;
function attempt(label, fn) {
  try {
    const r = fn();
    log(label, '->', typeof r === 'object' && r !== null ? 'object' : String(r));
  } catch (e) {
    log(label, 'threw', errLine(e));
  }
}

// Capture process warnings instead of printing them.
const warnings = [];
process.emitWarning = (w) => {
  warnings.push(w);
  log('warning:', w.name, '|', w.message, '|', w.type === undefined ? '-' : String(w.type), '|', w.count);
};

function section(name) {
  log('== ' + name);
}

section('module shape');
log(typeof EventEmitter, EventEmitter.name, EventEmitter.length, EventEmitter === events, EventEmitter.EventEmitter === EventEmitter);
log(JSON.stringify(Object.keys(EventEmitter)));
log(JSON.stringify(Object.getOwnPropertyNames(EventEmitter.prototype)));
log(EventEmitter.usingDomains, EventEmitter.defaultMaxListeners, EventEmitter.captureRejections);
log(String(EventEmitter.captureRejectionSymbol), EventEmitter.captureRejectionSymbol === Symbol.for('nodejs.rejection'));
log(String(EventEmitter.errorMonitor), typeof EventEmitter.kMaxEventTargetListeners, typeof EventEmitter.kMaxEventTargetListenersWarned);
log(typeof events.once, events.once.length, typeof events.on, events.on.length, typeof events.getEventListeners, typeof events.getMaxListeners, typeof events.setMaxListeners, typeof events.addAbortListener, typeof events.listenerCount);
for (const m of ['on', 'addListener', 'prependListener', 'once', 'prependOnceListener', 'off', 'removeListener', 'removeAllListeners', 'emit', 'listeners', 'rawListeners', 'listenerCount', 'eventNames', 'setMaxListeners', 'getMaxListeners']) {
  log(m, EventEmitter.prototype[m].name, EventEmitter.prototype[m].length);
}
log(EventEmitter.prototype.on === EventEmitter.prototype.addListener, EventEmitter.prototype.off === EventEmitter.prototype.removeListener);

section('instance shape');
{
  const e = new EventEmitter();
  log(JSON.stringify(Object.keys(e)), Reflect.ownKeys(e).length, Reflect.ownKeys(e).map(String).join(','));
  log(Object.getPrototypeOf(e._events) === null, e._eventsCount, e._maxListeners, e.getMaxListeners());
  log(JSON.stringify(e.eventNames()), e.listenerCount('x'), e.emit('x'), e.listeners('x').length);
  const called = EventEmitter.call({});
  log(called === undefined);
}

section('basic ordering and arguments');
{
  const e = new EventEmitter();
  const order = [];
  e.on('a', function (...args) { order.push('1:' + args.join(',') + ':' + (this === e)); });
  e.on('a', (x) => order.push('2:' + x));
  e.prependListener('a', () => order.push('0'));
  e.addListener('a', () => order.push('3'));
  log(e.emit('a', 1, 2, 3), order.join(' '));
  log(e.listenerCount('a'), JSON.stringify(e.eventNames()), e._eventsCount);
  log(e.emit('b'), e.emit('a'), order.join(' '));
  const sym = Symbol('s');
  e.on(sym, () => order.push('sym'));
  e.on(42, () => order.push('num'));
  log(e.emit(sym), e.emit(42), e.emit('42'), e.eventNames().map(String).join(','));
  const seen = [];
  e.on('many', (...a) => seen.push(a.length));
  e.emit('many'); e.emit('many', 1); e.emit('many', 1, 2, 3, 4, 5, 6, 7, 8);
  log(seen.join(','));
}

section('once and prependOnceListener');
{
  const e = new EventEmitter();
  const order = [];
  e.once('x', (v) => order.push('once:' + v));
  e.on('x', (v) => order.push('on:' + v));
  e.prependOnceListener('x', (v) => order.push('ponce:' + v));
  log(e.listenerCount('x'), e.rawListeners('x').map((f) => f.name).join(','), e.listeners('x').map(fnName).join(','));
  e.emit('x', 1);
  e.emit('x', 2);
  log(order.join(' '), e.listenerCount('x'));
  function named() { order.push('named'); }
  e.once('y', named);
  log(e.listeners('y')[0] === named, e.rawListeners('y')[0] === named, e.rawListeners('y')[0].listener === named);
  e.rawListeners('y')[0]();
  log(e.listenerCount('y'), order.join(' '));
  e.once('z', named);
  e.removeListener('z', named);
  log(e.listenerCount('z'), e.emit('z'));
  // A once listener that re-emits: it must only run once.
  let count = 0;
  e.once('re', () => { count++; e.emit('re'); });
  e.emit('re');
  log('re count', count);
  // once with this binding and no arguments
  e.once('t', function () { log('t this ok', this === e, arguments.length); });
  e.emit('t');
}

section('removal during emit');
{
  const e = new EventEmitter();
  const order = [];
  const b = () => order.push('b');
  const a = () => { order.push('a'); e.removeListener('x', b); };
  e.on('x', a); e.on('x', b);
  e.emit('x');
  e.emit('x');
  log(order.join(' '), e.listenerCount('x'));
  const order2 = [];
  const c = () => { order2.push('c'); e.on('y', () => order2.push('late')); };
  e.on('y', c);
  e.emit('y');
  e.emit('y');
  log(order2.join(' '));
  const order3 = [];
  const self = () => { order3.push('self'); e.removeAllListeners('z'); };
  e.on('z', self); e.on('z', () => order3.push('other'));
  e.emit('z'); e.emit('z');
  log(order3.join(' '), e.listenerCount('z'));
}

section('removeListener details');
{
  const e = new EventEmitter();
  const f = () => {};
  const g = () => {};
  e.on('x', f); e.on('x', g); e.on('x', f);
  e.removeListener('x', f);
  log(e.listeners('x').map((l) => (l === f ? 'f' : 'g')).join(','));
  e.removeListener('x', f);
  log(e.listeners('x').map((l) => (l === f ? 'f' : 'g')).join(','), typeof e._events.x);
  e.removeListener('x', f);
  e.removeListener('nope', f);
  log(e.listenerCount('x'), e.off('x', g) === e, e.listenerCount('x'), JSON.stringify(e.eventNames()));
  log(e.removeListener('x', g) === e);
  attempt('removeListener non-function', () => e.removeListener('x', 5));
  attempt('removeListener undefined', () => e.removeListener('x'));
  attempt('removeListener object', () => e.removeListener('x', {}));
}

section('newListener / removeListener events');
{
  const e = new EventEmitter();
  const log2 = [];
  e.on('newListener', (type, l) => log2.push('new:' + String(type) + ':' + fnName(l)));
  e.on('removeListener', (type, l) => log2.push('rm:' + String(type) + ':' + fnName(l)));
  function one() {}
  function two() {}
  e.on('x', one);
  e.once('x', two);
  e.prependListener('y', one);
  e.removeListener('x', two);
  e.removeListener('x', one);
  e.on('z', one); e.on('z', two);
  e.removeAllListeners('z');
  e.on('w', one);
  e.removeAllListeners();
  log(log2.join(' '));
  log(JSON.stringify(e.eventNames()), e._eventsCount);
  // newListener listener added during newListener does not see itself
  const f = new EventEmitter();
  const seen = [];
  f.on('newListener', (t) => {
    seen.push(t);
    if (t === 'a') f.on('b', () => {});
  });
  f.on('a', () => {});
  log(seen.join(','), f.listenerCount('b'));
  // once listener firing emits removeListener with the original function
  const g = new EventEmitter();
  const rm = [];
  g.on('removeListener', (t, l) => rm.push(t + ':' + fnName(l)));
  g.once('q', function qq() {});
  g.emit('q');
  log(rm.join(','));
}

section('removeAllListeners');
{
  const e = new EventEmitter();
  e.on('a', () => {}); e.on('b', () => {}); e.on('b', () => {});
  log(e.removeAllListeners('a') === e, JSON.stringify(e.eventNames()), e._eventsCount);
  e.removeAllListeners('missing');
  log(JSON.stringify(e.eventNames()));
  e.removeAllListeners();
  log(JSON.stringify(e.eventNames()), e._eventsCount);
  const order = [];
  e.on('removeListener', (t) => order.push(String(t)));
  e.on('a', () => {}); e.on('a', () => {}); e.on('b', () => {});
  e.removeAllListeners();
  log(order.join(','), JSON.stringify(e.eventNames()));
  log(new EventEmitter().removeAllListeners(undefined).eventNames().length);
  const e2 = new EventEmitter();
  e2.on('undefined', () => {});
  e2.removeAllListeners(undefined);
  log(JSON.stringify(e2.eventNames()));
}

section('listeners / rawListeners / listenerCount');
{
  const e = new EventEmitter();
  function a() {}
  function b() {}
  e.on('x', a); e.once('x', b); e.on('x', a);
  const ls = e.listeners('x');
  log(ls.length, ls[0] === a, ls[1] === b, ls[2] === a);
  ls.push(b);
  log(e.listenerCount('x'), e.listenerCount('x', a), e.listenerCount('x', b), e.listenerCount('x', () => {}), e.listenerCount('x', null));
  log(e.rawListeners('x')[1] === b, typeof e.rawListeners('x')[1].listener);
  log(EventEmitter.listenerCount(e, 'x'), EventEmitter.listenerCount({ listenerCount: () => 99 }, 'x'));
  log(e.listenerCount('nope'), e.listenerCount('nope', a));
  const single = new EventEmitter();
  single.once('s', a);
  log(single.listenerCount('s', a), single.listenerCount('s', b), single.listeners('s')[0] === a);
}

section('error events');
{
  const e = new EventEmitter();
  attempt('emit error Error', () => e.emit('error', new Error('boom')));
  attempt('emit error TypeError', () => e.emit('error', new TypeError('bad type')));
  attempt('emit error string', () => e.emit('error', 'just a string'));
  attempt('emit error number', () => e.emit('error', 42));
  attempt('emit error undefined', () => e.emit('error'));
  attempt('emit error null', () => e.emit('error', null));
  attempt('emit error object', () => e.emit('error', { message: 'obj' }));
  attempt('emit error array', () => e.emit('error', [1, 'two']));
  try {
    e.emit('error', { code: 42 });
  } catch (err) {
    log('context', JSON.stringify(err.context), err.code);
  }
  const thrown = new Error('same');
  try { e.emit('error', thrown); } catch (err) { log('same object', err === thrown); }
  e.on('error', (er) => log('handled', er.message));
  log(e.emit('error', new Error('caught')));
  const m = new EventEmitter();
  m.on(EventEmitter.errorMonitor, (er) => log('monitor', er.message));
  attempt('monitor then throw', () => m.emit('error', new Error('monitored')));
  m.on('error', (er) => log('handler', er.message));
  m.emit('error', new Error('both'));
  const bare = Object.create(EventEmitter.prototype);
  attempt('emit error on bare object', () => bare.emit('error', new Error('bare')));
  log('bare emit other', bare.emit('other'));
}

section('listener validation');
for (const bad of [undefined, null, 1, 'str', {}, [], Symbol('x'), true, 10n]) {
  const e = new EventEmitter();
  attempt('on ' + (typeof bad === 'symbol' ? 'symbol' : JSON.stringify(bad === undefined ? 'undefined' : typeof bad === 'bigint' ? '10n' : bad)), () => e.on('x', bad));
  attempt('once', () => e.once('x', bad));
  attempt('prependListener', () => e.prependListener('x', bad));
  attempt('prependOnceListener', () => e.prependOnceListener('x', bad));
}

section('max listeners');
{
  const e = new EventEmitter();
  for (let i = 0; i < 11; i++) e.on('leak', () => {});
  log('after 11', warnings.length);
  e.on('leak', () => {});
  log('after 12', warnings.length, warnings[0] && warnings[0].emitter === e, warnings[0] && warnings[0].count);
  const f = new EventEmitter();
  f.setMaxListeners(2);
  log(f.getMaxListeners(), events.getMaxListeners(f));
  f.on('x', () => {}); f.on('x', () => {}); f.on('x', () => {});
  f.setMaxListeners(0);
  for (let i = 0; i < 20; i++) f.on('y', () => {});
  const sym = new EventEmitter();
  sym.setMaxListeners(1);
  sym.on(Symbol('leaky'), () => {});
  const s2 = Object.getOwnPropertySymbols(sym._events)[0];
  sym.on(s2, () => {});
  class MyEmitter extends EventEmitter {}
  const my = new MyEmitter();
  my.setMaxListeners(1);
  my.on('z', () => {}); my.on('z', () => {});
  attempt('setMaxListeners -1', () => f.setMaxListeners(-1));
  attempt('setMaxListeners str', () => f.setMaxListeners('1'));
  attempt('setMaxListeners NaN', () => f.setMaxListeners(NaN));
  attempt('setMaxListeners Infinity', () => f.setMaxListeners(Infinity));
  attempt('defaultMaxListeners = -1', () => { EventEmitter.defaultMaxListeners = -1; });
  attempt('defaultMaxListeners = "x"', () => { EventEmitter.defaultMaxListeners = 'x'; });
  EventEmitter.defaultMaxListeners = 3;
  const g = new EventEmitter();
  log(g.getMaxListeners(), events.getMaxListeners(g));
  events.setMaxListeners(5);
  log(EventEmitter.defaultMaxListeners, g.getMaxListeners());
  events.setMaxListeners(7, g);
  log(g.getMaxListeners(), EventEmitter.defaultMaxListeners);
  attempt('setMaxListeners bad target', () => events.setMaxListeners(1, {}));
  attempt('setMaxListeners bad n', () => events.setMaxListeners('x', g));
  attempt('getMaxListeners bad', () => events.getMaxListeners({}));
  attempt('getMaxListeners null', () => events.getMaxListeners(null));
  events.setMaxListeners();
  log(EventEmitter.defaultMaxListeners);
  EventEmitter.defaultMaxListeners = 10;
  log('warnings total', warnings.length);
}

section('getEventListeners');
{
  const e = new EventEmitter();
  const a = () => {};
  e.on('x', a); e.once('x', a);
  const ls = events.getEventListeners(e, 'x');
  log(ls.length, ls[0] === a, ls[1] === a);
  log(events.getEventListeners(e, 'none').length);
  attempt('getEventListeners bad', () => events.getEventListeners({}, 'x'));
  attempt('getEventListeners number', () => events.getEventListeners(5, 'x'));
}

section('shape mode');
{
  class Shaped extends EventEmitter {
    constructor() {
      super();
    }
  }
  const s = new Shaped();
  log(Object.keys(s).join(','));
  const pre = { _events: { __proto__: null, close: undefined }, _eventsCount: 0 };
  Object.setPrototypeOf(pre, EventEmitter.prototype);
  EventEmitter.call(pre);
  const f = () => {};
  pre.on('close', f);
  pre.on('removeListener', () => log('removeListener fired'));
  log(pre._eventsCount, JSON.stringify(Object.keys(pre._events)));
  pre.removeListener('close', f);
  log(pre._eventsCount, JSON.stringify(Object.keys(pre._events)), pre._events.close);
  pre.removeAllListeners('close');
  log(JSON.stringify(Object.keys(pre._events)));
  // init twice keeps listeners
  const twice = new EventEmitter();
  twice.on('x', f);
  EventEmitter.init.call(twice);
  log(twice.listenerCount('x'));
}

section('captureRejections option validation');
attempt('captureRejections 1', () => new EventEmitter({ captureRejections: 1 }));
attempt('captureRejections "yes"', () => new EventEmitter({ captureRejections: 'yes' }));
attempt('captureRejections false', () => new EventEmitter({ captureRejections: false }));
attempt('static captureRejections = 1', () => { EventEmitter.captureRejections = 1; });
log(new EventEmitter({ captureRejections: true })[Object.getOwnPropertySymbols(new EventEmitter({ captureRejections: true }))[1]]);

section('subclassing');
{
  class Foo extends EventEmitter {
    constructor() {
      super({ captureRejections: false });
      this.x = 1;
    }
  }
  const foo = new Foo();
  foo.on('a', function () { log('foo this', this instanceof Foo, this.x); });
  foo.emit('a');
  function Legacy() { EventEmitter.call(this); }
  Object.setPrototypeOf(Legacy.prototype, EventEmitter.prototype);
  const l = new Legacy();
  l.on('b', (v) => log('legacy', v));
  l.emit('b', 'ok');
  log(l instanceof EventEmitter, Object.keys(l).join(','));
  attempt('emit on plain object', () => EventEmitter.prototype.emit.call({}, 'x'));
  attempt('on on plain object', () => EventEmitter.prototype.on.call({}, 'x', () => {}));
}

// Asynchronous parts run in sequence so the output order is deterministic.
async function asyncTests() {
  section('events.once');
  {
    const e = new EventEmitter();
    setTimeout(() => e.emit('ready', 1, 'two'), 0);
    const args = await events.once(e, 'ready');
    log('once args', JSON.stringify(args), e.listenerCount('ready'), e.listenerCount('error'));
    const p = events.once(e, 'never');
    log('pending listeners', e.listenerCount('never'), e.listenerCount('error'));
    e.emit('error', new Error('failed'));
    try { await p; } catch (err) { log('once rejected', err.message, e.listenerCount('never'), e.listenerCount('error')); }
    const pe = events.once(e, 'error');
    e.emit('error', new Error('as value'));
    log('once error event', (await pe)[0].message);
    const ac = new AbortController();
    const pa = events.once(e, 'x', { signal: ac.signal });
    ac.abort();
    try { await pa; } catch (err) { log('aborted', errLine(err), e.listenerCount('x')); }
    const ac2 = new AbortController();
    ac2.abort('why');
    try { await events.once(e, 'x', { signal: ac2.signal }); } catch (err) { log('pre-aborted', errLine(err), String(err.cause)); }
    for (const opts of [null, 5, 'x', { signal: 1 }, { signal: {} }]) {
      try { await events.once(e, 'x', opts); log('no throw'); } catch (err) { log('once opts', errLine(err)); }
    }
    const et = new EventTarget();
    setTimeout(() => et.dispatchEvent(new Event('ping')), 0);
    const [ev] = await events.once(et, 'ping');
    log('once EventTarget', ev.type, ev instanceof Event);
    try { await events.once({}, 'x'); } catch (err) { log('once bad emitter', errLine(err)); }
  }

  section('events.on');
  {
    const e = new EventEmitter();
    const it = events.on(e, 'data');
    log('on listeners', e.listenerCount('data'), e.listenerCount('error'), typeof it[Symbol.asyncIterator], it[Symbol.asyncIterator]() === it);
    e.emit('data', 1);
    e.emit('data', 2, 3);
    const got = [];
    for await (const v of it) {
      got.push(JSON.stringify(v));
      if (got.length === 2) break;
    }
    log('on values', got.join(' '), e.listenerCount('data'), e.listenerCount('error'));
    const it2 = events.on(e, 'data');
    const p = it2.next();
    e.emit('data', 'a');
    log('on pending', JSON.stringify(await p));
    e.emit('error', new Error('iter fail'));
    try { await it2.next(); } catch (err) { log('on error', err.message); }
    log('on after error', JSON.stringify(await it2.next()), e.listenerCount('data'));
    const it3 = events.on(e, 'data', { close: ['end'] });
    e.emit('data', 'x');
    e.emit('end');
    log('close', JSON.stringify(await it3.next()), JSON.stringify(await it3.next()));
    const ac = new AbortController();
    const it4 = events.on(e, 'data', { signal: ac.signal });
    const p4 = it4.next();
    ac.abort();
    try { await p4; } catch (err) { log('on aborted', errLine(err)); }
    const it5 = events.on(e, 'data');
    log('return', JSON.stringify(await it5.return()), e.listenerCount('data'));
    try { it5.throw('not an error'); } catch (err) { log('throw non-error', errLine(err)); }
    const it6 = events.on(e, 'data');
    const p6 = it6.next();
    it6.throw(new Error('thrown in'));
    try { await p6; } catch (err) { log('throw error', err.message); }
    for (const opts of [{ highWaterMark: 0 }, { lowWaterMark: 0 }, { highWaterMark: 1.5 }, { signal: 'x' }, 'str']) {
      try { events.on(e, 'data', opts); log('no throw'); } catch (err) { log('on opts', errLine(err)); }
    }
    // highWaterMark pauses and resumes the emitter
    const paused = [];
    const pe = new EventEmitter();
    pe.pause = () => paused.push('pause');
    pe.resume = () => paused.push('resume');
    const it7 = events.on(pe, 'd', { highWaterMark: 2, lowWaterMark: 1 });
    pe.emit('d', 1); pe.emit('d', 2); pe.emit('d', 3);
    await it7.next(); await it7.next(); await it7.next();
    log('watermarks', paused.join(','));
    await it7.return();
    const ac2 = new AbortController();
    ac2.abort();
    try { events.on(e, 'data', { signal: ac2.signal }); } catch (err) { log('on pre-aborted', errLine(err)); }
  }

  section('captureRejections');
  {
    const e = new EventEmitter({ captureRejections: true });
    e.on('x', async () => { throw new Error('async boom'); });
    e.on('error', (err) => log('captured', err.message));
    e.emit('x');
    await new Promise((r) => setTimeout(r, 0));
    const f = new EventEmitter({ captureRejections: true });
    f[Symbol.for('nodejs.rejection')] = (err, type, ...args) => log('rejection hook', err.message, String(type), JSON.stringify(args));
    f.on('y', async () => { throw new Error('hooked'); });
    f.emit('y', 1, 2);
    await new Promise((r) => setTimeout(r, 0));
    const g = new EventEmitter();
    g.on('z', async () => 'fine');
    log('no capture emit', g.emit('z'));
    const h = new EventEmitter({ captureRejections: true });
    h.on('w', () => ({ then: 5 }));
    log('non-thenable', h.emit('w'));
    EventEmitter.captureRejections = true;
    const i = new EventEmitter();
    log('global capture', EventEmitter.captureRejections, Object.getOwnPropertySymbols(i).length);
    i.on('q', () => Promise.reject(new Error('global')));
    i.on('error', (err) => log('global captured', err.message));
    i.emit('q');
    EventEmitter.captureRejections = false;
    await new Promise((r) => setTimeout(r, 0));
  }

  section('addAbortListener');
  {
    const ac = new AbortController();
    const d = events.addAbortListener(ac.signal, (ev) => log('abort listener', ev.type));
    log('disposable', typeof d, Object.getPrototypeOf(d));
    ac.abort();
    const ac2 = new AbortController();
    ac2.abort();
    events.addAbortListener(ac2.signal, (...args) => log('pre-aborted listener args', args.length));
    await new Promise((r) => setTimeout(r, 0));
    for (const [s, l] of [[undefined, () => {}], [null, () => {}], [{}, () => {}], [new AbortController().signal, 'x']]) {
      try { events.addAbortListener(s, l); log('no throw'); } catch (err) { log('addAbortListener', errLine(err)); }
    }
  }

  section('EventEmitterAsyncResource');
  {
    const { EventEmitterAsyncResource } = events;
    log(typeof EventEmitterAsyncResource, EventEmitterAsyncResource.name);
    const r = new EventEmitterAsyncResource({ name: 'X' });
    r.on('a', (v) => log('async resource emit', v));
    log(r.emit('a', 5), r instanceof EventEmitter, typeof r.asyncId);
    try { new EventEmitterAsyncResource({ name: 5 }); } catch (err) { log('bad name', errLine(err)); }
  }
}

section('EventTarget basics');
{
  const et = new EventTarget();
  const order = [];
  const h1 = (e) => order.push('h1:' + e.type + ':' + (e.target === et) + ':' + e.eventPhase);
  et.addEventListener('foo', h1);
  et.addEventListener('foo', h1);
  et.addEventListener('foo', { handleEvent(e) { order.push('obj:' + (this !== et)); } });
  et.addEventListener('foo', (e) => order.push('h3:' + String(e.currentTarget)));
  const ev = new Event('foo');
  log('before', ev.eventPhase, ev.target, ev.currentTarget, ev.isTrusted, ev.bubbles, ev.cancelable, ev.composed, ev.defaultPrevented, ev.returnValue, ev.cancelBubble);
  log('dispatch', et.dispatchEvent(ev), order.join(' '));
  log('after', ev.eventPhase, ev.target === et, ev.currentTarget, ev.srcElement === et, ev.composedPath().length);
  log(typeof ev.timeStamp, Object.prototype.toString.call(ev), Object.prototype.toString.call(et));
  log(Event.NONE, Event.CAPTURING_PHASE, Event.AT_TARGET, Event.BUBBLING_PHASE);
  log(JSON.stringify(Object.keys(Event.prototype)), JSON.stringify(Object.keys(EventTarget.prototype)));
  et.removeEventListener('foo', h1);
  order.length = 0;
  et.dispatchEvent(new Event('foo'));
  log('removed', order.join(' '));
  log('no listeners', et.dispatchEvent(new Event('nothing')));
}

section('EventTarget options');
{
  const et = new EventTarget();
  const order = [];
  const h = () => order.push('once');
  et.addEventListener('a', h, { once: true });
  et.dispatchEvent(new Event('a'));
  et.dispatchEvent(new Event('a'));
  log('once', order.join(','));
  order.length = 0;
  const c = () => order.push('c');
  et.addEventListener('b', c, true);
  et.addEventListener('b', c, false);
  et.dispatchEvent(new Event('b'));
  et.removeEventListener('b', c);
  et.dispatchEvent(new Event('b'));
  et.removeEventListener('b', c, { capture: true });
  et.dispatchEvent(new Event('b'));
  log('capture', order.join(','));
  order.length = 0;
  const ac = new AbortController();
  et.addEventListener('s', () => order.push('signal'), { signal: ac.signal });
  et.dispatchEvent(new Event('s'));
  ac.abort();
  et.dispatchEvent(new Event('s'));
  const ac2 = new AbortController();
  ac2.abort();
  et.addEventListener('s', () => order.push('never'), { signal: ac2.signal });
  et.dispatchEvent(new Event('s'));
  log('signal', order.join(','));
  order.length = 0;
  et.addEventListener('p', (e) => { e.preventDefault(); order.push('passive:' + e.defaultPrevented); }, { passive: true });
  const pe = new Event('p', { cancelable: true });
  log('passive dispatch', et.dispatchEvent(pe), order.join(','), pe.defaultPrevented);
  for (const opts of [5, 'x', { signal: 5 }, { signal: null }]) {
    try { et.addEventListener('z', () => {}, opts); log('ok', typeof opts); } catch (err) { log('bad options', errLine(err)); }
  }
  et.addEventListener('n', () => order.push('null opts'), null);
  et.dispatchEvent(new Event('n'));
  log(order.join(','));
}

section('Event cancelable and propagation');
{
  const et = new EventTarget();
  et.addEventListener('c', (e) => e.preventDefault());
  const a = new Event('c', { cancelable: true });
  const b = new Event('c');
  log('cancelable', et.dispatchEvent(a), a.defaultPrevented, a.returnValue, et.dispatchEvent(b), b.defaultPrevented, b.returnValue);
  const order = [];
  et.addEventListener('s', (e) => { order.push('1'); e.stopImmediatePropagation(); });
  et.addEventListener('s', () => order.push('2'));
  et.dispatchEvent(new Event('s'));
  log('stopImmediate', order.join(','));
  order.length = 0;
  et.addEventListener('t', (e) => { order.push('1'); e.stopPropagation(); });
  et.addEventListener('t', () => order.push('2'));
  const t = new Event('t');
  et.dispatchEvent(t);
  log('stopPropagation', order.join(','), t.cancelBubble);
  const cb = new Event('x');
  cb.cancelBubble = false;
  log(cb.cancelBubble);
  cb.cancelBubble = true;
  log(cb.cancelBubble);
  order.length = 0;
  const r = () => { order.push('r'); et.removeEventListener('r', r2); };
  const r2 = () => order.push('r2');
  et.addEventListener('r', r); et.addEventListener('r', r2);
  et.dispatchEvent(new Event('r'));
  log('removed during dispatch', order.join(','));
  order.length = 0;
  et.addEventListener('add', () => { order.push('first'); et.addEventListener('add', () => order.push('added')); });
  et.dispatchEvent(new Event('add'));
  log('added during dispatch', order.join(','));
  const rec = new Event('rec');
  et.addEventListener('rec', () => {
    try { et.dispatchEvent(rec); } catch (err) { log('recursion', errLine(err)); }
  });
  et.dispatchEvent(rec);
  log('redispatch', et.dispatchEvent(rec));
  const ie = new Event('init');
  ie.initEvent('renamed', true, true);
  log('initEvent', ie.type, ie.bubbles, ie.cancelable);
}

section('Event / EventTarget validation');
attempt('new Event()', () => new Event());
attempt('new Event(5)', () => new Event(5).type);
attempt('new Event(undefined)', () => new Event(undefined).type);
attempt('new Event("x", 5)', () => new Event('x', 5));
attempt('new Event("x", null)', () => new Event('x', null).type);
attempt('new CustomEvent()', () => new CustomEvent());
attempt('CustomEvent detail', () => new CustomEvent('x', { detail: { a: 1 } }).detail.a);
attempt('CustomEvent no detail', () => new CustomEvent('x').detail);
attempt('CustomEvent is Event', () => new CustomEvent('x') instanceof Event);
attempt('CustomEvent tag', () => Object.prototype.toString.call(new CustomEvent('x')));
attempt('Event getter on object', () => Object.getOwnPropertyDescriptor(Event.prototype, 'type').get.call({}));
attempt('detail getter on Event', () => Object.getOwnPropertyDescriptor(CustomEvent.prototype, 'detail').get.call(new Event('x')));
attempt('preventDefault on object', () => Event.prototype.preventDefault.call({}));
attempt('addEventListener no args', () => new EventTarget().addEventListener('x'));
attempt('addEventListener this', () => EventTarget.prototype.addEventListener.call({}, 'x', () => {}));
attempt('removeEventListener no args', () => new EventTarget().removeEventListener());
attempt('dispatchEvent no args', () => new EventTarget().dispatchEvent());
attempt('dispatchEvent non-event', () => new EventTarget().dispatchEvent({ type: 'x' }));
attempt('dispatchEvent string', () => new EventTarget().dispatchEvent('x'));
attempt('dispatchEvent this', () => EventTarget.prototype.dispatchEvent.call({}, new Event('x')));
attempt('addEventListener number listener', () => new EventTarget().addEventListener('x', 5));
attempt('addEventListener string listener', () => new EventTarget().addEventListener('x', 'str'));
attempt('addEventListener symbol type', () => new EventTarget().addEventListener(Symbol('t'), () => {}));
attempt('removeEventListener symbol type', () => new EventTarget().removeEventListener(Symbol('t'), () => {}));
attempt('removeEventListener null listener', () => new EventTarget().removeEventListener('x', null));
attempt('addEventListener null listener', () => new EventTarget().addEventListener('x', null));
attempt('addEventListener undefined listener', () => new EventTarget().addEventListener('x', undefined));
{
  const et = new EventTarget();
  const handler = {};
  et.addEventListener('late', handler);
  handler.handleEvent = (e) => log('late handleEvent', e.type);
  et.dispatchEvent(new Event('late'));
  et.addEventListener(7, () => log('numeric type'));
  et.dispatchEvent(new Event('7'));
}

section('CustomEvent dispatch');
{
  const et = new EventTarget();
  et.addEventListener('c', (e) => log('custom', e.type, JSON.stringify(e.detail), e instanceof CustomEvent));
  log(et.dispatchEvent(new CustomEvent('c', { detail: [1, 2] })));
  class MyTarget extends EventTarget {
    constructor() {
      super();
      this.name = 'mine';
    }
  }
  const mt = new MyTarget();
  mt.addEventListener('x', function (e) { log('subclass', this === mt, e.target.name); });
  mt.dispatchEvent(new Event('x'));
  class MyEvent extends Event {
    constructor(type, extra) {
      super(type);
      this.extra = extra;
    }
  }
  mt.addEventListener('y', (e) => log('event subclass', e.extra, e instanceof MyEvent));
  mt.dispatchEvent(new MyEvent('y', 'data'));
}

// The events helpers reach into EventTarget internals, so this only works
// when EventTarget and events come from the same implementation.
function eventTargetHelpers() {
  section('events helpers on EventTarget');
  const et = new EventTarget();
  const handler = { handleEvent() {} };
  et.addEventListener('late', handler);
  et.addEventListener('7', () => {});
  et.addEventListener('7', () => {}, { capture: true });
  attempt('getEventListeners', () => [events.getEventListeners(et, 'late').length, events.getEventListeners(et, 'late')[0] === handler, events.getEventListeners(et, '7').length, events.getEventListeners(et, 'none').length].join(','));
  attempt('getMaxListeners', () => events.getMaxListeners(et));
  attempt('setMaxListeners', () => {
    events.setMaxListeners(2, et);
    return events.getMaxListeners(et);
  });
  attempt('leak warning', () => {
    for (let i = 0; i < 3; i++) et.addEventListener('many', () => {});
    return warnings.length;
  });
}

asyncTests().then(() => {
  eventTargetHelpers();
  section('done');
  log('warnings', warnings.length);
}, (err) => log('async failure', err && err.stack));
