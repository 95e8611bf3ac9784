'use strict';
// Corpus for `diagnostics_channel`: channels, subscribe/unsubscribe, hasSubscribers, the
// Channel/ActiveChannel prototype switch, store binding, TracingChannel (sync, promise and
// callback tracing) and errors thrown by subscribers.
const dc = require('diagnostics_channel');
const util = require('util');
const { AsyncLocalStorage } = require('async_hooks');

function log(...parts) {
  console.log(parts.map((p) => (typeof p === 'string' ? p : util.inspect(p, { breakLength: Infinity }))).join(' '));
}
function section(name) {
  log(`--- ${name}`);
}
function attempt(label, fn) {
  try {
    log(label, '=>', fn());
  } catch (e) {
    log(label, 'THROWS', `${e.name} ${e.code} ${e.message}`);
  }
}

// Subscriber and transform errors are rethrown on the next tick as uncaught exceptions.
process.on('uncaughtException', (err) => log('uncaughtException', err.message));

section('module');
log(Object.keys(dc).join(','));
log(typeof dc.Channel, dc.Channel.name);

section('channel');
const a = dc.channel('a');
log(a === dc.channel('a'), a.name, a.hasSubscribers, a instanceof dc.Channel);
log(util.inspect(a));
const sym = Symbol('sym-channel');
log(dc.channel(sym).name === sym);
for (const bad of [1, null, undefined, {}, true]) attempt(`channel(${util.inspect(bad)})`, () => dc.channel(bad));
log('hasSubscribers none', dc.hasSubscribers('a'), dc.hasSubscribers('never-created'));

section('subscribe');
const seen = [];
function onA(message, name) {
  seen.push(`${util.inspect(message)}@${String(name)}`);
}
a.subscribe(onA);
log('after subscribe', a.hasSubscribers, dc.hasSubscribers('a'), a instanceof dc.Channel);
log(util.inspect(a));
log(Object.getPrototypeOf(a) === dc.Channel.prototype, Object.getPrototypeOf(a).constructor.name);
a.publish({ x: 1 });
a.publish('str');
a.publish();
log(seen.join(' | '));
attempt('subscribe(non-function)', () => a.subscribe('nope'));
log('unsubscribe unknown', a.unsubscribe(() => {}));
log('unsubscribe', a.unsubscribe(onA), a.hasSubscribers, util.inspect(a));
log('unsubscribe again', a.unsubscribe(onA));
a.publish('ignored');
log('count', seen.length);

section('module-level subscribe');
const got = [];
const fn = (m, n) => got.push(`${m}:${n}`);
log(dc.subscribe('b', fn), dc.hasSubscribers('b'));
dc.channel('b').publish('hello');
log(dc.unsubscribe('b', fn), dc.hasSubscribers('b'), dc.unsubscribe('b', fn));
log(got.join());
log(dc.unsubscribe('nobody', fn));

section('subscribe during publish');
{
  const ch = dc.channel('c');
  const order = [];
  const late = () => order.push('late');
  ch.subscribe(() => {
    order.push('first');
    ch.subscribe(late);
  });
  ch.subscribe(function second() {
    order.push('second');
  });
  ch.publish(1);
  order.push('|');
  ch.publish(2);
  log(order.join(','));
}

section('subscriber errors');
{
  const ch = dc.channel('errors');
  const order = [];
  ch.subscribe(() => {
    order.push('thrower');
    throw new Error('subscriber failed');
  });
  ch.subscribe(() => order.push('after'));
  ch.publish('x');
  log(order.join(','));
}

section('bindStore / runStores');
{
  const store = new AsyncLocalStorage();
  const ch = dc.channel('stores');
  log('unbind unknown', ch.unbindStore(store));
  ch.bindStore(store, (data) => ({ wrapped: data }));
  log(ch.hasSubscribers, util.inspect(ch).includes('ActiveChannel'));
  const result = ch.runStores({ id: 7 }, function (a, b) {
    return `${JSON.stringify(store.getStore())} ${this.t} ${a} ${b}`;
  }, { t: 'this' }, 1, 2);
  log(result);
  const seenData = [];
  ch.subscribe((m) => seenData.push(`${JSON.stringify(m)} store=${JSON.stringify(store.getStore())}`));
  ch.runStores('data', () => {});
  log(seenData.join());
  ch.bindStore(store);
  ch.runStores('plain', () => log('no transform', store.getStore()));
  log('unbind', ch.unbindStore(store), ch.unbindStore(store));
  const idle = dc.channel('idle');
  log('idle runStores', idle.runStores(1, (x) => x + 1, null, 41));
  const ch2 = dc.channel('throwing-transform');
  ch2.bindStore(store, () => { throw new Error('transform failed'); });
  ch2.runStores('d', () => log('ran without store', store.getStore()));
}

section('tracingChannel');
{
  const tc = dc.tracingChannel('op');
  log(Object.keys(tc).join(','), Object.getOwnPropertyNames(tc).join(','));
  log(tc.start.name, tc.end.name, tc.asyncStart.name, tc.asyncEnd.name, tc.error.name);
  log('hasSubscribers', tc.hasSubscribers);
  const events = [];
  const handlers = {
    start(ctx) { events.push(`start ${JSON.stringify(ctx)}`); },
    end(ctx) { events.push(`end ${JSON.stringify(ctx)}`); },
    asyncStart(ctx) { events.push(`asyncStart ${JSON.stringify(ctx)}`); },
    asyncEnd(ctx) { events.push(`asyncEnd ${JSON.stringify(ctx)}`); },
    error(ctx) { events.push(`error ${ctx.error && ctx.error.message}`); },
  };
  tc.subscribe(handlers);
  log('hasSubscribers', tc.hasSubscribers);
  log('traceSync', tc.traceSync(function (x) { return x * 2 + this.k; }, { name: 'sync' }, { k: 1 }, 20));
  try {
    tc.traceSync(() => { throw new Error('sync boom'); }, { name: 'syncErr' });
  } catch (e) {
    log('traceSync threw', e.message);
  }
  log(events.splice(0).join('\n'));
  log('no subscribers path', dc.tracingChannel('other').traceSync((x) => x, {}, null, 5));
  const cbResult = tc.traceCallback(function (x, cb) {
    cb(null, x + 1);
    return 'returned';
  }, 1, { name: 'cb' }, null, 5, (err, res) => events.push(`callback ${err} ${res}`));
  log('traceCallback', cbResult);
  tc.traceCallback((cb) => cb(new Error('cb failed')), 0, { name: 'cbErr' }, null, (err) => events.push(`callback err ${err.message}`));
  tc.traceCallback((a, cb) => cb(null, a), -1, { name: 'neg' }, null, 'v', (err, res) => events.push(`callback -1 ${res}`));
  attempt('traceCallback bad callback', () => tc.traceCallback(() => {}, 0, {}, null, 'not a function'));
  log(events.splice(0).join('\n'));
  const p1 = tc.tracePromise(async (x) => x * 3, { name: 'promise' }, null, 4);
  const p2 = tc.tracePromise(() => Promise.reject(new Error('rejected')), { name: 'promiseErr' });
  const p3 = tc.tracePromise(() => ({ then(r) { r('thenable'); } }), { name: 'thenable' });
  let syncThrow;
  try {
    tc.tracePromise(() => { throw new Error('sync in promise'); }, { name: 'promiseSync' });
  } catch (e) {
    syncThrow = e.message;
  }
  log('sync throw', syncThrow, p1 instanceof Promise);
  Promise.allSettled([p1, p2, p3]).then((results) => {
    log(results.map((r) => (r.status === 'fulfilled' ? `ok ${r.value}` : `err ${r.reason.message}`)).join(', '));
    log(events.splice(0).join('\n'));
    log('unsubscribe', tc.unsubscribe(handlers), tc.hasSubscribers, tc.unsubscribe(handlers));
    log('unsubscribe partial', tc.unsubscribe({ start() {} }));
    const custom = dc.tracingChannel({
      start: dc.channel('s'), end: dc.channel('e'), asyncStart: dc.channel('as'), asyncEnd: dc.channel('ae'), error: dc.channel('er'),
    });
    log('from channels', custom.start.name, custom.error.name);
    attempt('tracingChannel(1)', () => dc.tracingChannel(1));
    attempt('tracingChannel(bad member)', () => dc.tracingChannel({ start: {}, end: 1 }));
    log('--- done');
  });
}
