'use strict';
// Corpus for WHATWG streams (`stream/web`), the Node <-> web adapters
// (Readable.toWeb/fromWeb & co.), `stream/consumers`, and finished()/pipeline()
// on web streams. Scenarios log events with microtask/tick markers and print
// strings only; they run one after another so the order is deterministic.

const web = require('stream/web');
const stream = require('stream');
const consumers = require('stream/consumers');
const { Buffer } = require('buffer');
const util = require('util');
const {
  ReadableStream, WritableStream, TransformStream,
  ReadableStreamDefaultReader, ReadableStreamBYOBReader, WritableStreamDefaultWriter,
  CountQueuingStrategy, ByteLengthQueuingStrategy,
  TextEncoderStream, TextDecoderStream,
} = web;
const { Readable, Writable, Duplex, PassThrough } = stream;

const log = (...parts) => console.log(parts.map(String).join(' '));

function fmt(v) {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (typeof v === 'symbol') return v.toString();
  if (typeof v === 'function') return `fn:${v.name}`;
  if (Buffer.isBuffer(v)) return `<Buf ${v.toString('hex')}>`;
  if (v instanceof DataView) return `<DV ${v.byteOffset}+${v.byteLength}/${v.buffer.byteLength}>`;
  if (ArrayBuffer.isView(v)) return `<${v.constructor.name} ${Array.from(v).join(',')} @${v.byteOffset}/${v.buffer.byteLength}>`;
  if (v instanceof ArrayBuffer) return `<AB ${v.byteLength}>`;
  if (v instanceof Error) return fmtErr(v);
  if (Array.isArray(v)) return `[${v.map(fmt).join(',')}]`;
  if (typeof v === 'object' && 'done' in v && 'value' in v) return `{${fmt(v.value)},done=${v.done}}`;
  try {
    return JSON.stringify(v);
  } catch {
    return Object.prototype.toString.call(v);
  }
}

function fmtErr(e) {
  if (!(e instanceof Error) && !(e && typeof e === 'object' && 'message' in e)) return `nonerror:${fmt(e)}`;
  let s = `${e.name}[${e.code}]:${e.message}`;
  if (e.cause !== undefined) s += ` cause=${e.cause instanceof Error ? e.cause.message : fmt(e.cause)}`;
  return s;
}

function ticks(L, label = '') {
  process.nextTick(() => L.push(`tick${label}`));
  queueMicrotask(() => L.push(`micro${label}`));
}

// Microtask-level clock: pushes m1..mN on successive microtasks.
function microClock(L, n = 6, label = 'm') {
  let i = 0;
  const step = () => {
    i++;
    L.push(`${label}${i}`);
    if (i < n) queueMicrotask(step);
  };
  queueMicrotask(step);
}

const immediate = () => new Promise((r) => setImmediate(r));
async function settle(n = 4) {
  for (let i = 0; i < n; i++) await immediate();
}

function tryCall(fn) {
  try {
    const r = fn();
    return `ok:${fmt(r)}`;
  } catch (e) {
    return `throw:${fmtErr(e)}`;
  }
}

async function tryAwait(p) {
  try {
    return `ok:${fmt(await p)}`;
  } catch (e) {
    return `rej:${fmtErr(e)}`;
  }
}

function track(L, label, p) {
  p.then((v) => L.push(`${label}:ok(${fmt(v)})`), (e) => L.push(`${label}:rej(${fmtErr(e)})`));
  return p;
}

const scenarios = [];
function test(name, fn) {
  scenarios.push([name, fn]);
}

// ---------------------------------------------------------------------------
// Shape

test('module shape', () => {
  log(JSON.stringify(Object.keys(web)));
  for (const k of Object.keys(web)) {
    const C = web[k];
    const names = Object.getOwnPropertyNames(C.prototype).map((n) => {
      const d = Object.getOwnPropertyDescriptor(C.prototype, n);
      return n + (d.get ? '(g)' : '') + (d.enumerable ? 'E' : '');
    });
    const tag = Object.getOwnPropertyDescriptor(C.prototype, Symbol.toStringTag);
    log(k, C.name, C.length, JSON.stringify(Object.getOwnPropertyNames(C)), JSON.stringify(names),
      tag ? `${tag.value}/${tag.writable}${tag.enumerable}${tag.configurable}` : 'notag');
  }
  log(JSON.stringify(Object.keys(consumers)), Object.keys(consumers).map((k) => `${consumers[k].name}/${consumers[k].length}`).join(','));
  const rsp = ReadableStream.prototype;
  log(rsp[Symbol.asyncIterator] === rsp.values, Object.getOwnPropertyDescriptor(rsp, Symbol.asyncIterator).enumerable);
  log(['cancel', 'getReader', 'pipeThrough', 'pipeTo', 'tee', 'values'].map((k) => `${k}/${rsp[k].length}`).join(','));
  log(['read', 'releaseLock', 'cancel'].map((k) => `${k}/${ReadableStreamDefaultReader.prototype[k].length}`).join(','));
  log(['read', 'releaseLock', 'cancel'].map((k) => `${k}/${ReadableStreamBYOBReader.prototype[k].length}`).join(','));
  log(['abort', 'close', 'getWriter'].map((k) => `${k}/${WritableStream.prototype[k].length}`).join(','));
  log(['abort', 'close', 'releaseLock', 'write'].map((k) => `${k}/${WritableStreamDefaultWriter.prototype[k].length}`).join(','));
  log(Object.prototype.toString.call(new ReadableStream()), Object.prototype.toString.call(new WritableStream().getWriter()),
    Object.prototype.toString.call(new TransformStream()), Object.prototype.toString.call(new CountQueuingStrategy({ highWaterMark: 1 })));
  log(Object.prototype.toString.call(new TextEncoderStream()), Object.prototype.toString.call(new TextDecoderStream()));
  const s1 = new CountQueuingStrategy({ highWaterMark: 2 });
  const s2 = new CountQueuingStrategy({ highWaterMark: 3 });
  const b1 = new ByteLengthQueuingStrategy({ highWaterMark: '7' });
  log(s1.size === s2.size, s1.size.name, s1.size.length, s1.size(), b1.size({ byteLength: 9 }), b1.highWaterMark, typeof b1.highWaterMark);
  log(JSON.stringify(Object.keys(s1)), JSON.stringify(Object.keys(new ReadableStream())), Object.getOwnPropertySymbols(new ReadableStream()).length > 0);
  const AsyncIteratorProto = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);
  const it = new ReadableStream().values();
  log(Object.getPrototypeOf(Object.getPrototypeOf(it)) === AsyncIteratorProto, JSON.stringify(Object.keys(Object.getPrototypeOf(it))), it[Symbol.asyncIterator]() === it);
});

test('inspect', () => {
  log(util.inspect(new ReadableStream()));
  log(util.inspect(new ReadableStream({ type: 'bytes' })));
  log(util.inspect(new WritableStream()));
  log(util.inspect(new TransformStream()));
  log(util.inspect(new CountQueuingStrategy({ highWaterMark: 3 })), util.inspect(new ByteLengthQueuingStrategy({ highWaterMark: 4 })));
  let c;
  new ReadableStream({ start(cc) { c = cc; } });
  log(util.inspect(c));
  let bc;
  new ReadableStream({ type: 'bytes', start(cc) { bc = cc; } });
  log(util.inspect(bc));
  log(util.inspect(new TextEncoderStream()));
  log(util.inspect(new TextDecoderStream('utf-16le', { fatal: true })));
  const locked = new ReadableStream();
  locked.getReader();
  log(util.inspect(locked), util.inspect({ nested: { deeper: { s: new WritableStream() } } }, { depth: 1 }));
  const errored = new ReadableStream({ start(cc) { cc.error(new Error('x')); } });
  const closed = new ReadableStream({ start(cc) { cc.close(); } });
  log(util.inspect(errored), util.inspect(closed));
});

test('constructor and argument errors', async () => {
  const t = (label, f) => log(label, tryCall(f));
  t('rs bad source', () => new ReadableStream(1));
  t('rs null source', () => new ReadableStream(null));
  t('rs array source', () => new ReadableStream([]));
  t('rs bad type', () => new ReadableStream({ type: 'foo' }));
  t('rs type undefined str', () => new ReadableStream({ type: 'undefined' }));
  t('rs bytes size', () => new ReadableStream({ type: 'bytes' }, { size() { return 1; } }));
  t('rs bad strategy', () => new ReadableStream({}, 1));
  t('rs null strategy', () => new ReadableStream({}, null));
  t('rs hwm neg', () => new ReadableStream({}, { highWaterMark: -1 }));
  t('rs hwm nan', () => new ReadableStream({}, { highWaterMark: NaN }));
  t('rs hwm str', () => new ReadableStream({}, { highWaterMark: 'x' }));
  t('rs hwm numeric str', () => new ReadableStream({}, { highWaterMark: '3' }));
  t('rs size not fn', () => new ReadableStream({}, { size: 1 }));
  t('rs start not fn', () => new ReadableStream({ start: 1 }));
  t('rs pull not fn', () => new ReadableStream({ pull: 1 }));
  t('rs cancel not fn', () => new ReadableStream({ cancel: 1 }));
  t('rs autoAllocate 0', () => new ReadableStream({ type: 'bytes', autoAllocateChunkSize: 0 }));
  t('rs start throws', () => new ReadableStream({ start() { throw new Error('start threw'); } }));
  t('rs getReader bad mode', () => new ReadableStream().getReader({ mode: 'x' }));
  t('rs getReader byob on default', () => new ReadableStream().getReader({ mode: 'byob' }).constructor.name);
  t('rs getReader opts num', () => new ReadableStream().getReader(1));
  t('rs getReader null opts', () => new ReadableStream().getReader(null).constructor.name);
  t('rs locked getReader', () => { const s = new ReadableStream(); s.getReader(); s.getReader(); });
  t('rs pipeThrough bad', () => new ReadableStream().pipeThrough(1));
  t('rs pipeThrough no writable', () => new ReadableStream().pipeThrough({ readable: new ReadableStream() }));
  t('rs pipeThrough locked', () => { const s = new ReadableStream(); s.getReader(); return s.pipeThrough(new TransformStream()); });
  t('rs pipeThrough bad signal', () => new ReadableStream().pipeThrough(new TransformStream(), { signal: {} }));
  t('rs tee locked', () => { const s = new ReadableStream(); s.getReader(); return s.tee(); });
  t('rs values locked', () => { const s = new ReadableStream(); s.getReader(); return s.values(); });
  t('rs values bad opts', () => new ReadableStream().values(1));
  t('rs from bad', () => ReadableStream.from(1));
  t('rs from null', () => ReadableStream.from(null));
  t('rs from bad iterator', () => ReadableStream.from({ [Symbol.iterator]() { return 1; } }));
  t('rs locked this', () => Object.getOwnPropertyDescriptor(ReadableStream.prototype, 'locked').get.call({}));
  t('rs getReader this', () => ReadableStream.prototype.getReader.call({}));
  t('rs tee this', () => ReadableStream.prototype.tee.call({}));
  t('reader new bad', () => new ReadableStreamDefaultReader(1));
  t('reader new locked', () => { const s = new ReadableStream(); s.getReader(); return new ReadableStreamDefaultReader(s); });
  t('byob new on default', () => new ReadableStreamBYOBReader(new ReadableStream()));
  t('reader releaseLock this', () => ReadableStreamDefaultReader.prototype.releaseLock.call({}));
  t('ctrl enqueue closed', () => { let c; new ReadableStream({ start(cc) { c = cc; } }); c.close(); c.enqueue(1); });
  t('ctrl close twice', () => { let c; new ReadableStream({ start(cc) { c = cc; } }); c.close(); c.close(); });
  t('ctrl enqueue errored', () => { let c; new ReadableStream({ start(cc) { c = cc; } }); c.error(new Error('e')); c.enqueue(1); });
  t('ctrl illegal', () => new web.ReadableStreamDefaultController());
  t('bytectrl illegal', () => new web.ReadableByteStreamController());
  t('byobreq illegal', () => new web.ReadableStreamBYOBRequest());
  t('tctrl illegal', () => new web.TransformStreamDefaultController());
  t('wctrl illegal', () => new web.WritableStreamDefaultController());
  t('bctrl enqueue non view', () => { let c; new ReadableStream({ type: 'bytes', start(cc) { c = cc; } }); c.enqueue(1); });
  t('bctrl enqueue empty', () => { let c; new ReadableStream({ type: 'bytes', start(cc) { c = cc; } }); c.enqueue(new Uint8Array(0)); });
  t('bctrl enqueue closed', () => { let c; new ReadableStream({ type: 'bytes', start(cc) { c = cc; } }); c.close(); c.enqueue(new Uint8Array(1)); });
  t('bctrl close twice', () => { let c; new ReadableStream({ type: 'bytes', start(cc) { c = cc; } }); c.close(); c.close(); });
  t('bctrl byobRequest this', () => Object.getOwnPropertyDescriptor(web.ReadableByteStreamController.prototype, 'byobRequest').get.call({}));
  t('ws bad sink', () => new WritableStream(1));
  t('ws null sink', () => new WritableStream(null));
  t('ws type', () => new WritableStream({ type: 'bytes' }));
  t('ws write not fn', () => new WritableStream({ write: 1 }));
  t('ws close not fn', () => new WritableStream({ close: 1 }));
  t('ws abort not fn', () => new WritableStream({ abort: 1 }));
  t('ws start not fn', () => new WritableStream({ start: 1 }));
  t('ws hwm neg', () => new WritableStream({}, { highWaterMark: -1 }));
  t('ws strategy str', () => new WritableStream({}, 'x'));
  t('ws locked', () => { const s = new WritableStream(); s.getWriter(); s.getWriter(); });
  t('writer new bad', () => new WritableStreamDefaultWriter(1));
  t('writer desiredSize released', () => { const wr = new WritableStream().getWriter(); wr.releaseLock(); return wr.desiredSize; });
  t('ws locked this', () => Object.getOwnPropertyDescriptor(WritableStream.prototype, 'locked').get.call({}));
  t('ws signal this', () => Object.getOwnPropertyDescriptor(web.WritableStreamDefaultController.prototype, 'signal').get.call({}));
  t('ts bad', () => new TransformStream(1));
  t('ts null', () => new TransformStream(null));
  t('ts readableType', () => new TransformStream({ readableType: 'bytes' }));
  t('ts writableType', () => new TransformStream({ writableType: 'bytes' }));
  t('ts transform not fn', () => new TransformStream({ transform: 1 }));
  t('ts flush not fn', () => new TransformStream({ flush: 1 }));
  t('ts cancel not fn', () => new TransformStream({ cancel: 1 }));
  t('ts start not fn', () => new TransformStream({ start: 1 }));
  t('ts whwm', () => new TransformStream({}, { highWaterMark: -1 }));
  t('ts rhwm', () => new TransformStream({}, {}, { highWaterMark: -1 }));
  t('ts wstrategy num', () => new TransformStream({}, 1));
  t('ts readable this', () => Object.getOwnPropertyDescriptor(TransformStream.prototype, 'readable').get.call({}));
  t('cqs bad', () => new CountQueuingStrategy());
  t('cqs num', () => new CountQueuingStrategy(1));
  t('cqs nohwm', () => new CountQueuingStrategy({}));
  t('blqs nohwm', () => new ByteLengthQueuingStrategy({}));
  t('cqs this', () => Object.getOwnPropertyDescriptor(CountQueuingStrategy.prototype, 'highWaterMark').get.call({}));
  t('cqs size this', () => Object.getOwnPropertyDescriptor(CountQueuingStrategy.prototype, 'size').get.call({}));
  t('blqs size this', () => Object.getOwnPropertyDescriptor(ByteLengthQueuingStrategy.prototype, 'size').get.call({}));
  t('tes encoding this', () => Object.getOwnPropertyDescriptor(TextEncoderStream.prototype, 'encoding').get.call({}));
  t('tds fatal this', () => Object.getOwnPropertyDescriptor(TextDecoderStream.prototype, 'fatal').get.call({}));
  t('tds bad enc', () => new TextDecoderStream('nope'));
  t('cs bad', () => new web.CompressionStream('nope'));
  t('ds bad', () => new web.DecompressionStream('nope'));
  t('cs none', () => new web.CompressionStream());
  t('cs symbol', () => new web.CompressionStream(Symbol('s')));
  t('cs readable this', () => Object.getOwnPropertyDescriptor(web.CompressionStream.prototype, 'readable').get.call({}));
  const r = (label, f) => tryAwait(f()).then((v) => log(label, v));
  await r('rs cancel locked', () => { const s = new ReadableStream(); s.getReader(); return s.cancel(); });
  await r('rs pipeTo locked', () => { const s = new ReadableStream(); s.getReader(); return s.pipeTo(new WritableStream()); });
  await r('rs pipeTo bad dest', () => new ReadableStream().pipeTo(1));
  await r('rs pipeTo locked dest', () => { const d = new WritableStream(); d.getWriter(); return new ReadableStream().pipeTo(d); });
  await r('rs pipeTo bad opts', () => new ReadableStream().pipeTo(new WritableStream(), 1));
  await r('rs pipeTo bad signal', () => new ReadableStream().pipeTo(new WritableStream(), { signal: 1 }));
  await r('rs cancel this', () => ReadableStream.prototype.cancel.call({}));
  await r('rs pipeTo this', () => ReadableStream.prototype.pipeTo.call({}, new WritableStream()));
  await r('reader read this', () => ReadableStreamDefaultReader.prototype.read.call({}));
  await r('reader closed this', () => Object.getOwnPropertyDescriptor(ReadableStreamDefaultReader.prototype, 'closed').get.call({}));
  await r('reader read released', () => { const rd = new ReadableStream().getReader(); rd.releaseLock(); return rd.read(); });
  await r('reader cancel released', () => { const rd = new ReadableStream().getReader(); rd.releaseLock(); return rd.cancel(); });
  await r('reader closed released', () => { const rd = new ReadableStream().getReader(); rd.releaseLock(); return rd.closed; });
  await r('reader pending release', () => { const rd = new ReadableStream().getReader(); const p = rd.read(); rd.releaseLock(); return p; });
  await r('byob read bad view', () => new ReadableStream({ type: 'bytes' }).getReader({ mode: 'byob' }).read(1));
  await r('byob read zero view', () => new ReadableStream({ type: 'bytes' }).getReader({ mode: 'byob' }).read(new Uint8Array(0)));
  await r('byob read min 0', () => new ReadableStream({ type: 'bytes' }).getReader({ mode: 'byob' }).read(new Uint8Array(4), { min: 0 }));
  await r('byob read min frac', () => new ReadableStream({ type: 'bytes' }).getReader({ mode: 'byob' }).read(new Uint8Array(4), { min: 1.5 }));
  await r('byob read min str', () => new ReadableStream({ type: 'bytes' }).getReader({ mode: 'byob' }).read(new Uint8Array(4), { min: '1' }));
  await r('byob read min big', () => new ReadableStream({ type: 'bytes' }).getReader({ mode: 'byob' }).read(new Uint8Array(4), { min: 5 }));
  await r('byob read u16 min big', () => new ReadableStream({ type: 'bytes' }).getReader({ mode: 'byob' }).read(new Uint16Array(2), { min: 3 }));
  await r('byob read dataview min', () => new ReadableStream({ type: 'bytes' }).getReader({ mode: 'byob' }).read(new DataView(new ArrayBuffer(4)), { min: 5 }));
  await r('byob read opts bad', () => new ReadableStream({ type: 'bytes' }).getReader({ mode: 'byob' }).read(new Uint8Array(4), 1));
  await r('byob read released', () => { const rd = new ReadableStream({ type: 'bytes' }).getReader({ mode: 'byob' }); rd.releaseLock(); return rd.read(new Uint8Array(1)); });
  await r('ws abort locked', () => { const s = new WritableStream(); s.getWriter(); return s.abort(); });
  await r('ws close locked', () => { const s = new WritableStream(); s.getWriter(); return s.close(); });
  await r('ws close closed', () => { const s = new WritableStream(); s.close(); return s.close(); });
  await r('ws close after close done', async () => { const s = new WritableStream(); await s.close(); return s.close(); });
  await r('writer write released', () => { const wr = new WritableStream().getWriter(); wr.releaseLock(); return wr.write(1); });
  await r('writer close released', () => { const wr = new WritableStream().getWriter(); wr.releaseLock(); return wr.close(); });
  await r('writer abort released', () => { const wr = new WritableStream().getWriter(); wr.releaseLock(); return wr.abort(); });
  await r('writer ready released', () => { const wr = new WritableStream().getWriter(); wr.releaseLock(); return wr.ready; });
  await r('writer closed released', () => { const wr = new WritableStream().getWriter(); wr.releaseLock(); return wr.closed; });
  await r('writer write after close', () => { const wr = new WritableStream().getWriter(); wr.close(); return wr.write(1); });
  await r('writer close twice', () => { const wr = new WritableStream().getWriter(); wr.close(); return wr.close(); });
  await r('writer write this', () => WritableStreamDefaultWriter.prototype.write.call({}));
  await r('writer ready this', () => Object.getOwnPropertyDescriptor(WritableStreamDefaultWriter.prototype, 'ready').get.call({}));
  const released = [];
  const rd1 = new ReadableStream().getReader();
  rd1.releaseLock();
  const rd2 = new ReadableStream().getReader();
  rd2.releaseLock();
  await rd1.closed.catch((e) => released.push(e));
  await rd2.closed.catch((e) => released.push(e));
  const w1 = new WritableStream().getWriter();
  w1.releaseLock();
  const w2 = new WritableStream().getWriter();
  w2.releaseLock();
  await w1.closed.catch((e) => released.push(e));
  await w2.ready.catch((e) => released.push(e));
  log('shared released errors', released[0] === released[1], released[2] === released[3], released[0] === released[2]);
});

// ---------------------------------------------------------------------------
// ReadableStream (default controller)

test('rs start/pull timing', async () => {
  const L = [];
  const rs = new ReadableStream({
    start(c) {
      L.push(`start ds=${c.desiredSize}`);
    },
    pull(c) {
      L.push(`pull ds=${c.desiredSize}`);
      c.enqueue(L.length);
    },
  }, { highWaterMark: 2 });
  L.push('constructed');
  microClock(L, 6);
  ticks(L);
  await settle();
  const reader = rs.getReader();
  track(L, 'read1', reader.read());
  track(L, 'read2', reader.read());
  track(L, 'read3', reader.read());
  microClock(L, 8, 'n');
  await settle();
  log(L.join(' '));
});

test('rs async start', async () => {
  const L = [];
  let resolveStart;
  const rs = new ReadableStream({
    start(c) {
      L.push('start');
      c.enqueue('early');
      return new Promise((r) => { resolveStart = r; });
    },
    pull(c) {
      L.push('pull');
      c.enqueue('pulled');
      c.close();
    },
  });
  const reader = rs.getReader();
  track(L, 'r1', reader.read());
  track(L, 'r2', reader.read());
  track(L, 'r3', reader.read());
  track(L, 'closed', reader.closed);
  await settle();
  L.push('resolving start');
  resolveStart();
  microClock(L, 6);
  await settle();
  log(L.join(' '));
  const L2 = [];
  const rs2 = new ReadableStream({ start() { return Promise.reject(new Error('start rejected')); } });
  const rd2 = rs2.getReader();
  track(L2, 'read', rd2.read());
  track(L2, 'closed', rd2.closed);
  await settle();
  log(L2.join(' '));
});

test('rs enqueue before read', async () => {
  const L = [];
  let c;
  const rs = new ReadableStream({ start(cc) { c = cc; } });
  c.enqueue('a');
  c.enqueue('b');
  L.push(`ds=${c.desiredSize}`);
  const reader = rs.getReader();
  track(L, 'r1', reader.read());
  L.push(`ds=${c.desiredSize}`);
  c.close();
  L.push(`ds=${c.desiredSize}`);
  track(L, 'r2', reader.read());
  track(L, 'r3', reader.read());
  track(L, 'closed', reader.closed);
  microClock(L, 4);
  await settle();
  L.push(`ds=${c.desiredSize}`);
  log(L.join(' '));
});

test('rs pending reads fulfilled by enqueue', async () => {
  const L = [];
  let c;
  const rs = new ReadableStream({ start(cc) { c = cc; }, pull() { L.push('pull'); } }, { highWaterMark: 0 });
  const reader = rs.getReader();
  track(L, 'r1', reader.read());
  track(L, 'r2', reader.read());
  await settle();
  L.push('enqueue');
  c.enqueue(1);
  L.push('after enqueue');
  microClock(L, 3);
  await settle();
  c.enqueue(2);
  c.enqueue(3);
  L.push(`ds=${c.desiredSize}`);
  c.error(new Error('boom'));
  track(L, 'r3', reader.read());
  track(L, 'closed', reader.closed);
  L.push(`ds=${c.desiredSize}`);
  await settle();
  log(L.join(' '));
});

test('rs size strategy', async () => {
  const L = [];
  let c;
  const rs = new ReadableStream({ start(cc) { c = cc; } }, { highWaterMark: 10, size(chunk) { return chunk.length; } });
  c.enqueue('abc');
  L.push(c.desiredSize);
  c.enqueue('defgh');
  L.push(c.desiredSize);
  c.enqueue('ijklmnop');
  L.push(c.desiredSize);
  const rd = rs.getReader();
  await rd.read();
  L.push(c.desiredSize);
  const bad = new ReadableStream({ start(cc) { c = cc; } }, { size() { return -1; } });
  L.push(tryCall(() => c.enqueue('x')));
  L.push(util.inspect(bad));
  const thrower = new ReadableStream({ start(cc) { c = cc; } }, { size() { throw new Error('size threw'); } });
  L.push(tryCall(() => c.enqueue('x')));
  await thrower.getReader().closed.catch((e) => L.push(`closed:${fmtErr(e)}`));
  const inf = new ReadableStream({ start(cc) { c = cc; } }, { size() { return Infinity; } });
  L.push(tryCall(() => c.enqueue('x')));
  void inf;
  const zero = new ReadableStream({ start(cc) { c = cc; } }, { highWaterMark: 0 });
  L.push(c.desiredSize);
  c.enqueue(1);
  L.push(c.desiredSize);
  void zero;
  log(L.map(String).join(' | '));
});

test('rs cancel', async () => {
  const L = [];
  const rs = new ReadableStream({
    start(c) { c.enqueue('a'); },
    cancel(reason) {
      L.push(`cancel(${fmt(reason)})`);
      return new Promise((r) => setImmediate(() => { L.push('cancel done'); r('ignored'); }));
    },
  });
  const reader = rs.getReader();
  track(L, 'closed', reader.closed);
  track(L, 'cancel', reader.cancel('why'));
  track(L, 'read', reader.read());
  await settle();
  const rs2 = new ReadableStream({ cancel() { throw new Error('cancel threw'); } });
  track(L, 'cancel2', rs2.cancel());
  const rs3 = new ReadableStream({ start(c) { c.close(); }, cancel() { L.push('never'); } });
  track(L, 'cancel3', rs3.cancel());
  const rs4 = new ReadableStream({ start(c) { c.error(new Error('errored')); } });
  track(L, 'cancel4', rs4.cancel());
  const rs5 = new ReadableStream({ cancel() { return Promise.reject(new Error('cancel rejected')); } });
  track(L, 'cancel5', rs5.cancel());
  await settle();
  log(L.join(' '));
});

test('rs releaseLock', async () => {
  const L = [];
  let c;
  const rs = new ReadableStream({ start(cc) { c = cc; } });
  const r1 = rs.getReader();
  track(L, 'pending', r1.read());
  track(L, 'closed1', r1.closed);
  r1.releaseLock();
  r1.releaseLock();
  L.push(`locked=${rs.locked}`);
  const r2 = rs.getReader();
  c.enqueue('x');
  track(L, 'r2read', r2.read());
  c.close();
  await settle();
  track(L, 'closed2', r2.closed);
  r2.releaseLock();
  track(L, 'closed2b', r2.closed);
  const r3 = rs.getReader();
  track(L, 'r3read', r3.read());
  track(L, 'closed3', r3.closed);
  await settle();
  log(L.join(' '));
});

test('rs error states', async () => {
  const L = [];
  const err = new Error('stored');
  let c;
  const rs = new ReadableStream({ start(cc) { c = cc; } });
  c.error(err);
  c.error(new Error('second'));
  const rd = rs.getReader();
  const e1 = await rd.read().catch((e) => e);
  const e2 = await rd.closed.catch((e) => e);
  L.push(e1 === err, e2 === err, `ds=${c.desiredSize}`);
  L.push(tryCall(() => c.close()), tryCall(() => c.enqueue(1)));
  const rs2 = new ReadableStream({ pull() { throw new Error('pull threw'); } });
  const rd2 = rs2.getReader();
  track(L, 'pullerr', rd2.read());
  const rs3 = new ReadableStream({ pull() { return Promise.reject(new Error('pull rejected')); } });
  track(L, 'pullrej', rs3.getReader().read());
  await settle();
  log(L.map(String).join(' '));
});

test('rs pull backpressure', async () => {
  const L = [];
  let n = 0;
  const rs = new ReadableStream({
    pull(c) {
      n++;
      L.push(`pull${n} ds=${c.desiredSize}`);
      return new Promise((r) => setImmediate(() => {
        c.enqueue(n);
        if (n === 5) c.close();
        r();
      }));
    },
  }, new CountQueuingStrategy({ highWaterMark: 2 }));
  await settle(8);
  L.push(`n=${n}`);
  const out = [];
  for await (const v of rs) out.push(v);
  L.push(out.join(','));
  log(L.join(' '));
});

test('rs async iteration', async () => {
  const L = [];
  const rs = new ReadableStream({
    start(c) {
      c.enqueue(1);
      c.enqueue(2);
      c.enqueue(3);
      c.close();
    },
  });
  for await (const v of rs) L.push(v);
  L.push(`locked=${rs.locked}`);
  const rs2 = new ReadableStream({
    start(c) {
      c.enqueue('a');
      c.enqueue('b');
    },
    cancel(reason) { L.push(`cancel(${fmt(reason)})`); },
  });
  for await (const v of rs2) {
    L.push(v);
    break;
  }
  L.push(`locked2=${rs2.locked}`);
  const rs3 = new ReadableStream({
    start(c) { c.enqueue('x'); c.enqueue('y'); },
    cancel() { L.push('never cancel'); },
  });
  for await (const v of rs3.values({ preventCancel: true })) {
    L.push(v);
    break;
  }
  L.push(`locked3=${rs3.locked}`);
  const rd = rs3.getReader();
  L.push(fmt(await rd.read()));
  const rs4 = new ReadableStream({ start(c) { c.error(new Error('iter err')); } });
  try {
    for await (const v of rs4) L.push(v);
  } catch (e) {
    L.push(`caught:${fmtErr(e)}`);
  }
  const rs5 = new ReadableStream({ start(c) { c.enqueue(1); } });
  const it = rs5[Symbol.asyncIterator]();
  L.push(fmt(await it.next()));
  L.push(fmt(await it.return('retval')));
  L.push(fmt(await it.next()));
  L.push(fmt(await it.return('again')));
  log(L.join(' '));
});

test('rs iterator timing', async () => {
  const L = [];
  let c;
  const rs = new ReadableStream({ start(cc) { c = cc; } });
  c.enqueue('q');
  const it = rs.values();
  track(L, 'n1', it.next());
  track(L, 'n2', it.next());
  track(L, 'n3', it.next());
  microClock(L, 8);
  await settle();
  c.enqueue('w');
  c.close();
  await settle();
  log(L.join(' '));
  const L2 = [];
  const rs2 = new ReadableStream({ start(cc) { cc.enqueue(1); cc.close(); } });
  const rd = rs2.getReader();
  track(L2, 'read', rd.read());
  const rs3 = new ReadableStream({ start(cc) { cc.enqueue(1); cc.close(); } });
  track(L2, 'next', rs3.values().next());
  microClock(L2, 5);
  await settle();
  log(L2.join(' '));
});

test('rs tee', async () => {
  const L = [];
  let c;
  const rs = new ReadableStream({
    start(cc) { c = cc; },
    pull() { L.push('pull'); },
    cancel(reason) { L.push(`cancel(${fmt(reason)})`); },
  });
  const [b1, b2] = rs.tee();
  L.push(`locked=${rs.locked}`);
  const r1 = b1.getReader();
  const r2 = b2.getReader();
  track(L, 'b1r1', r1.read());
  c.enqueue('x');
  track(L, 'b2r1', r2.read());
  microClock(L, 5);
  await settle();
  c.enqueue('y');
  c.close();
  track(L, 'b1r2', r1.read());
  track(L, 'b1r3', r1.read());
  track(L, 'b1closed', r1.closed);
  microClock(L, 4, 'k');
  ticks(L);
  await settle();
  track(L, 'b2r2', r2.read());
  track(L, 'b2r3', r2.read());
  await settle();
  log(L.join(' '));
  const L2 = [];
  const rs2 = new ReadableStream({ cancel(reason) { L2.push(`cancel(${fmt(reason)})`); return 'cv'; } });
  const [c1, c2] = rs2.tee();
  track(L2, 'c1cancel', c1.cancel('r1'));
  await settle();
  L2.push('second');
  track(L2, 'c2cancel', c2.cancel('r2'));
  await settle();
  log(L2.join(' '));
  const L3 = [];
  let ec;
  const rs3 = new ReadableStream({ start(cc) { ec = cc; } });
  const [e1, e2] = rs3.tee();
  track(L3, 'e1closed', e1.getReader().closed);
  track(L3, 'e2closed', e2.getReader().closed);
  ec.error(new Error('tee src err'));
  await settle();
  log(L3.join(' '));
});

test('rs tee objects shared', async () => {
  const obj = { a: 1 };
  const rs = new ReadableStream({ start(c) { c.enqueue(obj); c.close(); } });
  const [b1, b2] = rs.tee();
  const v1 = (await b1.getReader().read()).value;
  const v2 = (await b2.getReader().read()).value;
  log(v1 === obj, v2 === obj);
});

test('ReadableStream.from', async () => {
  const L = [];
  const collect = async (tag, rs) => {
    const out = [];
    try {
      for await (const v of rs) out.push(fmt(v));
      L.push(`${tag}=${out.join(',')}`);
    } catch (e) {
      L.push(`${tag}=${out.join(',')} err ${fmtErr(e)}`);
    }
  };
  await collect('array', ReadableStream.from([1, 2, 3]));
  await collect('string', ReadableStream.from('abc'));
  await collect('set', ReadableStream.from(new Set(['x'])));
  await collect('gen', ReadableStream.from(function* () { yield 1; yield 2; }()));
  await collect('agen', ReadableStream.from(async function* () { yield 'a'; yield 'b'; }()));
  await collect('promises', ReadableStream.from([Promise.resolve(1), 2]));
  await collect('rejected', ReadableStream.from([Promise.reject(new Error('rejected elem'))]));
  await collect('throwing', ReadableStream.from(function* () { yield 1; throw new Error('gen threw'); }()));
  await collect('badresult', ReadableStream.from({ [Symbol.asyncIterator]() { return { next() { return 5; } }; } }));
  await collect('readable', ReadableStream.from(Readable.from(['n1', 'n2'])));
  await collect('rs', ReadableStream.from(new ReadableStream({ start(c) { c.enqueue('inner'); c.close(); } })));
  const rs = ReadableStream.from(function* () {
    try {
      yield 1;
      yield 2;
    } finally {
      L.push('gen cleanup');
    }
  }());
  const rd = rs.getReader();
  L.push(fmt(await rd.read()));
  L.push(fmt(await rd.cancel('stop')));
  const rs2 = ReadableStream.from({ [Symbol.asyncIterator]() { return { next() { return Promise.resolve({ done: false, value: 'v' }); }, return(r) { L.push(`return(${fmt(r)})`); return 1; } }; } });
  const rd2 = rs2.getReader();
  await rd2.read();
  L.push(await tryAwait(rd2.cancel('why')));
  L.push(rs instanceof ReadableStream, rs.constructor === ReadableStream);
  log(L.join(' | '));
});

test('rs from timing', async () => {
  const L = [];
  const rs = ReadableStream.from([1, 2]);
  const rd = rs.getReader();
  track(L, 'r1', rd.read());
  track(L, 'r2', rd.read());
  track(L, 'r3', rd.read());
  microClock(L, 10);
  await settle();
  log(L.join(' '));
});

// ---------------------------------------------------------------------------
// Byte streams

test('bytes default reader', async () => {
  const L = [];
  let c;
  const rs = new ReadableStream({
    type: 'bytes',
    start(cc) { c = cc; },
    pull(cc) { L.push(`pull ds=${cc.desiredSize} req=${cc.byobRequest === null ? 'null' : 'set'}`); },
  }, { highWaterMark: 4 });
  const src = new Uint8Array([1, 2, 3]);
  c.enqueue(src);
  L.push(`srcDetached=${src.byteLength === 0} ds=${c.desiredSize}`);
  const rd = rs.getReader();
  const r1 = await rd.read();
  L.push(fmt(r1), r1.value.constructor.name);
  c.enqueue(new Uint16Array([258]));
  c.enqueue(Buffer.alloc(2, 'hi'));
  L.push(fmt(await rd.read()), fmt(await rd.read()));
  track(L, 'pending', rd.read());
  await settle();
  c.enqueue(new DataView(new ArrayBuffer(2)));
  await settle();
  c.close();
  L.push(fmt(await rd.read()));
  await settle();
  log(L.join(' '));
});

test('bytes byob reader', async () => {
  const L = [];
  let c;
  const rs = new ReadableStream({
    type: 'bytes',
    start(cc) { c = cc; },
    pull(cc) {
      const req = cc.byobRequest;
      L.push(`pull view=${req ? fmt(req.view) : 'none'}`);
    },
  });
  const rd = rs.getReader({ mode: 'byob' });
  L.push(rd.constructor.name);
  const buf = new Uint8Array(4);
  const p = rd.read(buf);
  L.push(`bufDetached=${buf.byteLength === 0}`);
  await settle();
  const req = c.byobRequest;
  L.push(`req=${fmt(req.view)} same=${req === c.byobRequest}`);
  req.view[0] = 9;
  req.view[1] = 8;
  req.respond(2);
  L.push(`after respond req=${c.byobRequest}`);
  L.push(tryCall(() => req.respond(1)));
  L.push(tryCall(() => req.view));
  const res = await p;
  L.push(fmt(res), res.value.buffer.byteLength);
  c.enqueue(new Uint8Array([5, 6, 7, 8, 9]));
  L.push(fmt(await rd.read(new Uint8Array(3))));
  L.push(fmt(await rd.read(new Uint8Array(3))));
  const p16 = rd.read(new Uint16Array(2));
  await settle();
  c.byobRequest.view.set([1, 0, 2]);
  c.byobRequest.respond(3);
  L.push(fmt(await p16));
  L.push(fmt(await rd.read(new Uint8Array(2))));
  const pClose = rd.read(new Uint8Array(2));
  await settle();
  c.close();
  L.push(`req after close=${c.byobRequest ? fmt(c.byobRequest.view) : 'null'}`);
  c.byobRequest.respond(0);
  L.push(fmt(await pClose));
  L.push(fmt(await rd.read(new Uint8Array(2))));
  log(L.join(' '));
});

test('bytes byob min and respondWithNewView', async () => {
  const L = [];
  let c;
  const rs = new ReadableStream({ type: 'bytes', start(cc) { c = cc; } });
  const rd = rs.getReader({ mode: 'byob' });
  const p = rd.read(new Uint8Array(6), { min: 4 });
  track(L, 'min4', p);
  c.enqueue(new Uint8Array([1, 2]));
  await settle();
  L.push('after 2 bytes');
  c.enqueue(new Uint8Array([3, 4, 5]));
  await settle();
  const p2 = rd.read(new Uint8Array(4));
  await settle();
  const req = c.byobRequest;
  const v = req.view;
  const nv = new Uint8Array(v.buffer, v.byteOffset, 2);
  nv.set([7, 7]);
  req.respondWithNewView(nv);
  L.push(fmt(await p2));
  const p3 = rd.read(new Uint8Array(4));
  await settle();
  L.push(tryCall(() => c.byobRequest.respondWithNewView(new Uint8Array(2))));
  L.push(tryCall(() => c.byobRequest.respondWithNewView(1)));
  L.push(tryCall(() => c.byobRequest.respond(0)));
  L.push(tryCall(() => c.byobRequest.respond(10)));
  c.byobRequest.respond(1);
  L.push(fmt(await p3));
  const p4 = rd.read(new Uint8Array(4), { min: 3 });
  c.enqueue(new Uint8Array([1]));
  c.close();
  L.push(`req=${c.byobRequest ? fmt(c.byobRequest.view) : 'null'}`);
  c.byobRequest.respond(0);
  L.push(await tryAwait(p4));
  log(L.join(' '));
});

test('bytes autoAllocate', async () => {
  const L = [];
  const rs = new ReadableStream({
    type: 'bytes',
    autoAllocateChunkSize: 8,
    pull(c) {
      const req = c.byobRequest;
      L.push(`pull ${req ? fmt(req.view) : 'none'}`);
      req.view.set([1, 2, 3]);
      req.respond(3);
      c.close();
    },
  });
  const rd = rs.getReader();
  const r = await rd.read();
  L.push(fmt(r), r.value.buffer.byteLength);
  L.push(fmt(await rd.read()));
  log(L.join(' '));
});

test('bytes tee', async () => {
  const L = [];
  const rs = new ReadableStream({
    type: 'bytes',
    start(c) {
      c.enqueue(new Uint8Array([1, 2]));
      c.enqueue(new Uint8Array([3]));
      c.close();
    },
  });
  const [b1, b2] = rs.tee();
  L.push(util.inspect(b1));
  const r1 = b1.getReader();
  const r2 = b2.getReader({ mode: 'byob' });
  L.push(fmt(await r1.read()));
  L.push(fmt(await r2.read(new Uint8Array(4))));
  L.push(fmt(await r1.read()));
  L.push(fmt(await r2.read(new Uint8Array(4))));
  L.push(fmt(await r1.read()));
  L.push(fmt(await r2.read(new Uint8Array(4))));
  log(L.join(' '));
});

test('bytes cancel and error with pending byob', async () => {
  const L = [];
  let c;
  const rs = new ReadableStream({ type: 'bytes', start(cc) { c = cc; }, cancel(r) { L.push(`cancel(${fmt(r)})`); } });
  const rd = rs.getReader({ mode: 'byob' });
  const p = rd.read(new Uint8Array(3));
  track(L, 'read', p);
  track(L, 'cancel', rd.cancel('bye'));
  await settle();
  let c2;
  const rs2 = new ReadableStream({ type: 'bytes', start(cc) { c2 = cc; } });
  const rd2 = rs2.getReader({ mode: 'byob' });
  track(L, 'read2', rd2.read(new Uint8Array(3)));
  c2.error(new Error('byte err'));
  L.push(`req=${c2.byobRequest} ds=${c2.desiredSize}`);
  await settle();
  let c3;
  const rs3 = new ReadableStream({ type: 'bytes', start(cc) { c3 = cc; } });
  const rd3 = rs3.getReader({ mode: 'byob' });
  const p3 = rd3.read(new Uint8Array(4));
  track(L, 'read3', p3);
  await settle();
  rd3.releaseLock();
  L.push(`req after release=${c3.byobRequest ? fmt(c3.byobRequest.view) : 'null'}`);
  await settle();
  const rd3b = rs3.getReader();
  track(L, 'read3b', rd3b.read());
  c3.enqueue(new Uint8Array([4, 4]));
  await settle();
  log(L.join(' '));
});

// ---------------------------------------------------------------------------
// WritableStream

test('ws write ordering', async () => {
  const L = [];
  const ws = new WritableStream({
    start(c) { L.push('start'); },
    write(chunk, c) {
      L.push(`write(${fmt(chunk)})`);
      return new Promise((r) => setImmediate(() => { L.push(`done(${fmt(chunk)})`); r(); }));
    },
    close() { L.push('sink close'); },
  }, { highWaterMark: 2 });
  const w = ws.getWriter();
  L.push(`ds=${w.desiredSize} locked=${ws.locked}`);
  track(L, 'w1', w.write('a'));
  L.push(`ds=${w.desiredSize}`);
  track(L, 'w2', w.write('b'));
  L.push(`ds=${w.desiredSize}`);
  track(L, 'ready', w.ready);
  track(L, 'w3', w.write('c'));
  track(L, 'close', w.close());
  track(L, 'closed', w.closed);
  L.push(`ds=${w.desiredSize}`);
  microClock(L, 4);
  await settle(10);
  L.push(`ds=${w.desiredSize}`);
  log(L.join(' '));
});

test('ws sync sink', async () => {
  const L = [];
  const ws = new WritableStream({
    write(chunk) { L.push(`write(${fmt(chunk)})`); },
    close() { L.push('close'); },
  });
  const w = ws.getWriter();
  track(L, 'w1', w.write(1));
  track(L, 'w2', w.write(2));
  track(L, 'c', w.close());
  track(L, 'closed', w.closed);
  microClock(L, 10);
  await settle();
  log(L.join(' '));
});

test('ws ready promise', async () => {
  const L = [];
  const resolvers = [];
  const ws = new WritableStream({
    write() { return new Promise((r) => resolvers.push(r)); },
  }, { highWaterMark: 1 });
  const w = ws.getWriter();
  const ready0 = w.ready;
  w.write('a');
  const ready1 = w.ready;
  L.push(`same=${ready0 === ready1} ds=${w.desiredSize}`);
  track(L, 'ready1', ready1);
  await settle();
  L.push(`resolvers=${resolvers.length}`);
  resolvers.shift()();
  await settle();
  L.push(`ds=${w.desiredSize} changed=${w.ready !== ready1}`);
  log(L.join(' '));
});

test('ws abort', async () => {
  const L = [];
  let resolveWrite;
  const ws = new WritableStream({
    write(chunk, c) {
      L.push(`write(${fmt(chunk)})`);
      c.signal.addEventListener('abort', () => L.push(`signal abort(${fmt(c.signal.reason)})`));
      return new Promise((r) => { resolveWrite = r; });
    },
    abort(reason) { L.push(`sink abort(${fmt(reason)})`); return 'ignored'; },
    close() { L.push('never close'); },
  });
  const w = ws.getWriter();
  track(L, 'w1', w.write('a'));
  track(L, 'w2', w.write('b'));
  await settle();
  track(L, 'abort', w.abort('stop'));
  track(L, 'abort again', w.abort('again'));
  track(L, 'ready', w.ready);
  track(L, 'closed', w.closed);
  L.push(`ds=${w.desiredSize}`);
  await settle();
  L.push('resolving write');
  resolveWrite();
  await settle();
  L.push(`ds=${w.desiredSize}`);
  track(L, 'w3', w.write('c'));
  await settle();
  log(L.join(' '));
  const L2 = [];
  const ws2 = new WritableStream({ abort() { throw new Error('abort threw'); } });
  track(L2, 'abort2', ws2.abort('x'));
  const ws3 = new WritableStream();
  await ws3.close();
  track(L2, 'abort closed', ws3.abort('late'));
  await settle();
  log(L2.join(' '));
});

test('ws errors', async () => {
  const L = [];
  const ws = new WritableStream({
    write(chunk) {
      L.push(`write(${fmt(chunk)})`);
      if (chunk === 2) throw new Error('write threw');
    },
  });
  const w = ws.getWriter();
  track(L, 'w1', w.write(1));
  track(L, 'w2', w.write(2));
  track(L, 'w3', w.write(3));
  track(L, 'closed', w.closed);
  await settle();
  track(L, 'close', w.close());
  await settle();
  log(L.join(' '));
  const L2 = [];
  let ctrl;
  const ws2 = new WritableStream({ start(c) { ctrl = c; }, write() { L2.push('never'); } });
  const w2 = ws2.getWriter();
  ctrl.error(new Error('ctrl error'));
  ctrl.error(new Error('ignored'));
  track(L2, 'write', w2.write('x'));
  track(L2, 'closed', w2.closed);
  track(L2, 'ready', w2.ready);
  L2.push(`ds=${w2.desiredSize}`);
  await settle();
  L2.push(tryCall(() => new WritableStream({ start() { throw new Error('sync start throw'); } })));
  const ws4 = new WritableStream({ start() { return Promise.reject(new Error('start rejected')); } });
  const w4 = ws4.getWriter();
  track(L2, 'w4 write', w4.write(1));
  track(L2, 'w4 closed', w4.closed);
  await settle();
  const ws5 = new WritableStream({ close() { throw new Error('close threw'); } });
  const w5 = ws5.getWriter();
  track(L2, 'w5 close', w5.close());
  track(L2, 'w5 closed', w5.closed);
  await settle();
  const ws6 = new WritableStream({}, { size() { throw new Error('size threw'); } });
  const w6 = ws6.getWriter();
  track(L2, 'w6 write', w6.write('x'));
  track(L2, 'w6 closed', w6.closed);
  await settle();
  log(L2.join(' '));
});

test('ws close with pending writes and abort during close', async () => {
  const L = [];
  let resolveClose;
  const ws = new WritableStream({
    write(chunk) { L.push(`write(${fmt(chunk)})`); },
    close() { L.push('close start'); return new Promise((r) => { resolveClose = r; }); },
    abort(r) { L.push(`abort(${fmt(r)})`); },
  });
  const w = ws.getWriter();
  w.write('a');
  track(L, 'close', w.close());
  await settle();
  track(L, 'abort', w.abort('late abort'));
  L.push('resolving close');
  resolveClose();
  track(L, 'closed', w.closed);
  await settle();
  log(L.join(' '));
});

test('ws releaseLock and reacquire', async () => {
  const L = [];
  const ws = new WritableStream({ write(c) { L.push(`write(${fmt(c)})`); } });
  const w1 = ws.getWriter();
  const closed1 = w1.closed;
  w1.write('one');
  w1.releaseLock();
  L.push(`locked=${ws.locked} changed=${closed1 !== w1.closed}`);
  await closed1.catch((e) => L.push(`closed1:${fmtErr(e)}`));
  const w2 = ws.getWriter();
  await w2.write('two');
  await w2.close();
  L.push(`ds=${w2.desiredSize}`);
  w2.releaseLock();
  const w3 = ws.getWriter();
  L.push(await tryAwait(w3.closed), await tryAwait(w3.ready), `ds=${w3.desiredSize}`);
  log(L.join(' '));
});

test('ws controller signal', async () => {
  const L = [];
  let ctrl;
  const ws = new WritableStream({ start(c) { ctrl = c; } });
  const sig = ctrl.signal;
  L.push(typeof sig.aborted, sig.aborted, sig === ctrl.signal);
  sig.addEventListener('abort', () => L.push(`abort event reason=${fmt(sig.reason)}`));
  const p = ws.abort('r1');
  L.push(`sync aborted=${sig.aborted}`);
  await p;
  L.push(util.inspect(ws));
  log(L.join(' '));
});

// ---------------------------------------------------------------------------
// TransformStream

test('ts basic', async () => {
  const L = [];
  const ts = new TransformStream({
    start(c) { L.push('start'); },
    transform(chunk, c) {
      L.push(`transform(${fmt(chunk)}) ds=${c.desiredSize}`);
      c.enqueue(String(chunk).toUpperCase());
    },
    flush(c) {
      L.push('flush');
      c.enqueue('!');
    },
  });
  const w = ts.writable.getWriter();
  const r = ts.readable.getReader();
  track(L, 'w1', w.write('a'));
  track(L, 'w2', w.write('b'));
  track(L, 'close', w.close());
  track(L, 'r1', r.read());
  track(L, 'r2', r.read());
  track(L, 'r3', r.read());
  track(L, 'r4', r.read());
  microClock(L, 12);
  await settle();
  log(L.join(' '));
});

test('ts identity and backpressure', async () => {
  const L = [];
  const ts = new TransformStream(undefined, { highWaterMark: 1 }, { highWaterMark: 2 });
  const w = ts.writable.getWriter();
  L.push(`wds=${w.desiredSize}`);
  const writes = [];
  for (let i = 1; i <= 5; i++) {
    writes.push(track(L, `w${i}`, w.write(i)));
    L.push(`ds${i}=${w.desiredSize}`);
  }
  await settle();
  L.push('reading');
  const r = ts.readable.getReader();
  L.push(fmt(await r.read()), fmt(await r.read()));
  await settle();
  L.push(`ds=${w.desiredSize}`);
  L.push(util.inspect(ts).replace(/\s+/g, ' '));
  log(L.join(' '));
});

test('ts errors and terminate', async () => {
  const L = [];
  const ts = new TransformStream({ transform() { throw new Error('tx threw'); } });
  const w = ts.writable.getWriter();
  const r = ts.readable.getReader();
  track(L, 'write', w.write('x'));
  track(L, 'read', r.read());
  track(L, 'wclosed', w.closed);
  track(L, 'rclosed', r.closed);
  await settle();
  log(L.join(' '));
  const L2 = [];
  const ts2 = new TransformStream({
    transform(chunk, c) {
      c.enqueue(chunk);
      c.terminate();
    },
  });
  const w2 = ts2.writable.getWriter();
  const r2 = ts2.readable.getReader();
  track(L2, 'write', w2.write('y'));
  track(L2, 'r1', r2.read());
  track(L2, 'r2', r2.read());
  track(L2, 'wclosed', w2.closed);
  await settle();
  track(L2, 'write2', w2.write('z'));
  await settle();
  log(L2.join(' '));
  const L3 = [];
  let tc;
  const ts3 = new TransformStream({ start(c) { tc = c; } });
  tc.error(new Error('ctrl err'));
  track(L3, 'wclosed', ts3.writable.getWriter().closed);
  track(L3, 'rclosed', ts3.readable.getReader().closed);
  L3.push(tryCall(() => tc.enqueue(1)));
  L3.push(`ds=${tc.desiredSize}`);
  await settle();
  const ts4 = new TransformStream({ flush() { throw new Error('flush threw'); } });
  const w4 = ts4.writable.getWriter();
  track(L3, 'close4', w4.close());
  track(L3, 'rclosed4', ts4.readable.getReader().closed);
  await settle();
  const ts5 = new TransformStream({ async transform(ch, c) { await null; c.enqueue(ch * 2); } });
  const w5 = ts5.writable.getWriter();
  const r5 = ts5.readable.getReader();
  w5.write(21);
  L3.push(fmt(await r5.read()));
  log(L3.join(' '));
});

test('ts cancel and abort', async () => {
  const L = [];
  const ts = new TransformStream({
    cancel(reason) { L.push(`transformer cancel(${fmt(reason)})`); },
    flush() { L.push('never flush'); },
  });
  const w = ts.writable.getWriter();
  track(L, 'rcancel', ts.readable.cancel('rc'));
  track(L, 'wclosed', w.closed);
  track(L, 'write', w.write(1));
  await settle();
  log(L.join(' '));
  const L2 = [];
  const ts2 = new TransformStream({ cancel(reason) { L2.push(`cancel(${fmt(reason)})`); } });
  const r2 = ts2.readable.getReader();
  track(L2, 'abort', ts2.writable.abort('wa'));
  track(L2, 'rclosed', r2.closed);
  await settle();
  const ts3 = new TransformStream({ cancel() { throw new Error('cancel threw'); } });
  track(L2, 'abort3', ts3.writable.abort('x'));
  track(L2, 'rclosed3', ts3.readable.getReader().closed);
  await settle();
  log(L2.join(' '));
});

test('pipeThrough and pipeTo', async () => {
  const L = [];
  const src = new ReadableStream({
    start(c) {
      c.enqueue('a');
      c.enqueue('b');
      c.close();
    },
  });
  const out = [];
  const dest = new WritableStream({
    write(chunk) { L.push(`write(${fmt(chunk)})`); out.push(chunk); },
    close() { L.push('dest close'); },
  });
  const t = new TransformStream({ transform(chunk, c) { c.enqueue(chunk + chunk); } });
  const p = src.pipeThrough(t).pipeTo(dest);
  L.push(`srcLocked=${src.locked} tLocked=${t.writable.locked}`);
  microClock(L, 20);
  await track(L, 'pipe', p);
  L.push(out.join(','), `destLocked=${dest.locked}`);
  await settle();
  log(L.join(' '));
});

test('pipeTo timing', async () => {
  const L = [];
  let c;
  const src = new ReadableStream({ start(cc) { c = cc; } });
  const dest = new WritableStream({
    write(chunk) { L.push(`write(${fmt(chunk)})`); },
    close() { L.push('close'); },
  });
  const p = src.pipeTo(dest);
  track(L, 'pipe', p);
  c.enqueue(1);
  c.enqueue(2);
  microClock(L, 12);
  await settle();
  c.enqueue(3);
  c.close();
  microClock(L, 12, 'n');
  await settle();
  log(L.join(' '));
});

test('pipeTo options', async () => {
  const L = [];
  const mkSrc = (tag) => new ReadableStream({
    start(c) { c.enqueue(`${tag}1`); },
    cancel(r) { L.push(`${tag} src cancel(${fmt(r)})`); },
  });
  const mkDest = (tag) => new WritableStream({
    write(ch) { L.push(`${tag} write(${fmt(ch)})`); },
    close() { L.push(`${tag} dest close`); },
    abort(r) { L.push(`${tag} dest abort(${fmt(r)})`); },
  });
  const s1 = new ReadableStream({ start(c) { c.enqueue('x'); c.close(); } });
  const d1 = mkDest('pc');
  await track(L, 'preventClose', s1.pipeTo(d1, { preventClose: true }));
  L.push(`d1 locked=${d1.locked}`);
  const w1 = d1.getWriter();
  await w1.write('more');
  const errSrc = new ReadableStream({ start(c) { c.error(new Error('src failed')); } });
  await tryAwait(errSrc.pipeTo(mkDest('ea'))).then((v) => L.push(`errSrc ${v}`));
  await tryAwait(new ReadableStream({ start(c) { c.error(new Error('src failed 2')); } }).pipeTo(mkDest('pa'), { preventAbort: true })).then((v) => L.push(`preventAbort ${v}`));
  const errDest = new WritableStream({ start(c) { c.error(new Error('dest failed')); } });
  await tryAwait(mkSrc('ec').pipeTo(errDest)).then((v) => L.push(`errDest ${v}`));
  const errDest2 = new WritableStream({ start(c) { c.error(new Error('dest failed 2')); } });
  await tryAwait(mkSrc('pcn').pipeTo(errDest2, { preventCancel: true })).then((v) => L.push(`preventCancel ${v}`));
  const closedDest = new WritableStream();
  await closedDest.close();
  await tryAwait(mkSrc('cd').pipeTo(closedDest)).then((v) => L.push(`closedDest ${v}`));
  const ac = new AbortController();
  const p = mkSrc('ab').pipeTo(mkDest('ab'), { signal: ac.signal });
  await settle();
  ac.abort(new Error('abort reason'));
  await tryAwait(p).then((v) => L.push(`aborted ${v}`));
  await tryAwait(mkSrc('pre').pipeTo(mkDest('pre'), { signal: AbortSignal.abort() })).then((v) => L.push(`preAborted ${v}`));
  const ac2 = new AbortController();
  const p2 = mkSrc('pb').pipeTo(mkDest('pb'), { signal: ac2.signal, preventAbort: true, preventCancel: true });
  await settle();
  ac2.abort();
  await tryAwait(p2).then((v) => L.push(`abortPrevented ${v}`));
  log(L.join(' | '));
});

test('pipeTo backpressure', async () => {
  const L = [];
  let n = 0;
  const src = new ReadableStream({
    pull(c) {
      n++;
      L.push(`pull${n}`);
      if (n > 4) c.close();
      else c.enqueue(n);
    },
  }, { highWaterMark: 0 });
  const resolvers = [];
  const dest = new WritableStream({
    write(ch) {
      L.push(`write${ch}`);
      return new Promise((r) => resolvers.push(r));
    },
    close() { L.push('close'); },
  }, { highWaterMark: 2 });
  const p = src.pipeTo(dest);
  track(L, 'pipe', p);
  for (let i = 0; i < 8; i++) {
    await settle();
    L.push(`--${i}`);
    const r = resolvers.shift();
    if (r) r();
  }
  await settle();
  log(L.join(' '));
});

// ---------------------------------------------------------------------------
// Encoding streams

test('TextEncoderStream', async () => {
  const L = [];
  const tes = new TextEncoderStream();
  L.push(tes.encoding);
  const w = tes.writable.getWriter();
  const r = tes.readable.getReader();
  w.write('hé');
  w.write('\uD83D');
  w.write('\uDE00x');
  w.write('\uDC00');
  w.write('');
  w.write(42);
  w.write('\uD800');
  w.close();
  for (;;) {
    const { value, done } = await r.read();
    if (done) break;
    L.push(fmt(value));
  }
  log(L.join(' '));
});

test('TextDecoderStream', async () => {
  const L = [];
  const tds = new TextDecoderStream();
  L.push(tds.encoding, tds.fatal, tds.ignoreBOM);
  const w = tds.writable.getWriter();
  const r = tds.readable.getReader();
  w.write(new Uint8Array([0xEF, 0xBB, 0xBF, 0x68, 0xE2]));
  w.write(new Uint8Array([0x82, 0xAC]));
  w.write(new Uint8Array([0xF0, 0x9F]).buffer);
  w.write(new Uint8Array([0x98]));
  w.close();
  for (;;) {
    const { value, done } = await r.read();
    if (done) break;
    L.push(fmt(value));
  }
  const fatal = new TextDecoderStream('utf-8', { fatal: true });
  const fw = fatal.writable.getWriter();
  const fr = fatal.readable.getReader();
  track(L, 'fatal write', fw.write(new Uint8Array([0xFF])));
  track(L, 'fatal read', fr.read());
  await settle();
  const latin = new TextDecoderStream('latin1', { ignoreBOM: true });
  L.push(latin.encoding, latin.ignoreBOM);
  const lw = latin.writable.getWriter();
  lw.write(new Uint8Array([0xE9, 0x41]));
  lw.close();
  L.push(fmt((await latin.readable.getReader().read()).value));
  const u16 = new TextDecoderStream('utf-16le');
  const uw = u16.writable.getWriter();
  uw.write(new Uint8Array([0x41]));
  uw.write(new Uint8Array([0x00, 0x42, 0x00]));
  uw.close();
  const ur = u16.readable.getReader();
  const parts = [];
  for (;;) {
    const { value, done } = await ur.read();
    if (done) break;
    parts.push(value);
  }
  L.push(fmt(parts));
  const bad = new TextDecoderStream();
  const bw = bad.writable.getWriter();
  track(L, 'bad chunk', bw.write(5));
  await settle();
  log(L.join(' '));
});

// ---------------------------------------------------------------------------
// Node <-> web adapters

test('Readable.toWeb', async () => {
  const L = [];
  const r = new Readable({ read() { L.push('_read'); } });
  for (const e of ['pause', 'resume', 'end', 'close']) r.on(e, () => L.push(`r:${e}`));
  const rs = Readable.toWeb(r);
  L.push(`flowing=${r.readableFlowing} paused=${r.isPaused()}`);
  ticks(L);
  await settle();
  const rd = rs.getReader();
  track(L, 'read1', rd.read());
  r.push('abc');
  r.push(Buffer.from('de'));
  await settle();
  track(L, 'read2', rd.read());
  r.push(null);
  track(L, 'read3', rd.read());
  await settle();
  log(L.join(' '));
  const L2 = [];
  const o = new Readable({ objectMode: true, read() {} });
  const ors = Readable.toWeb(o);
  o.push({ a: 1 });
  o.push('str');
  o.push(null);
  const out = [];
  for await (const v of ors) out.push(fmt(v));
  L2.push(out.join(','));
  const e = new Readable({ read() {} });
  const ers = Readable.toWeb(e);
  const erd = ers.getReader();
  track(L2, 'errread', erd.read());
  e.destroy(new Error('node err'));
  await settle();
  const c = new Readable({ read() {} });
  c.on('close', () => L2.push('c closed'));
  const crs = Readable.toWeb(c);
  track(L2, 'cancel', crs.cancel('web cancel'));
  await settle();
  L2.push(`c destroyed=${c.destroyed} errored=${fmt(c.errored)}`);
  const d = new Readable({ read() {} });
  d.destroy();
  const drs = Readable.toWeb(d);
  track(L2, 'destroyed read', drs.getReader().read());
  const p = new Readable({ read() {} });
  const prs = Readable.toWeb(p);
  track(L2, 'premature', prs.getReader().read());
  p.destroy();
  await settle();
  L2.push(tryCall(() => Readable.toWeb({})));
  const hw = Readable.toWeb(new Readable({ highWaterMark: 3, read() {} }));
  L2.push(util.inspect(hw));
  const s = Readable.toWeb(new Readable({ read() {} }), { strategy: new CountQueuingStrategy({ highWaterMark: 7 }) });
  void s;
  log(L2.join(' '));
});

test('Readable.toWeb backpressure', async () => {
  const L = [];
  let n = 0;
  const r = new Readable({
    highWaterMark: 4,
    read() {
      n++;
      L.push(`_read${n}`);
      if (n <= 6) this.push('xy');
      else this.push(null);
    },
  });
  r.on('pause', () => L.push('pause'));
  r.on('resume', () => L.push('resume'));
  const rs = Readable.toWeb(r);
  await settle();
  L.push(`n=${n}`);
  const rd = rs.getReader();
  const chunks = [];
  for (;;) {
    const { value, done } = await rd.read();
    if (done) break;
    chunks.push(Buffer.from(value).toString());
  }
  L.push(chunks.join('|'));
  log(L.join(' '));
});

test('Readable.fromWeb', async () => {
  const L = [];
  let c;
  const rs = new ReadableStream({ start(cc) { c = cc; }, cancel(r) { L.push(`web cancel(${fmt(r)})`); } });
  const r = Readable.fromWeb(rs);
  L.push(`om=${r.readableObjectMode} hwm=${r.readableHighWaterMark} locked=${rs.locked}`);
  for (const e of ['end', 'close', 'error']) r.on(e, (x) => L.push(`r:${e}${x ? `(${fmtErr(x)})` : ''}`));
  r.on('data', (d) => L.push(`data:${fmt(d)}`));
  c.enqueue(new Uint8Array([104, 105]));
  c.enqueue('str');
  ticks(L);
  await settle();
  c.close();
  await settle();
  log(L.join(' '));
  const L2 = [];
  let c2;
  const rs2 = new ReadableStream({ start(cc) { c2 = cc; } });
  const r2 = Readable.fromWeb(rs2, { objectMode: true, highWaterMark: 2 });
  r2.on('error', (e) => L2.push(`error:${fmtErr(e)}`));
  r2.on('close', () => L2.push('close'));
  c2.enqueue({ k: 1 });
  L2.push(`om=${r2.readableObjectMode} hwm=${r2.readableHighWaterMark}`);
  L2.push(fmt(await new Promise((res) => r2.once('data', res))));
  c2.error(new Error('web err'));
  await settle();
  let c3;
  const rs3 = new ReadableStream({ start(cc) { c3 = cc; }, cancel(r) { L2.push(`cancel(${fmtErr(r)})`); } });
  const r3 = Readable.fromWeb(rs3);
  r3.on('error', () => {});
  r3.on('close', () => L2.push('r3 close'));
  r3.destroy(new Error('node destroy'));
  await settle();
  void c3;
  const r4 = Readable.fromWeb(new ReadableStream({ start(cc) { cc.enqueue('x'); cc.close(); } }), { encoding: 'utf8' });
  L2.push(fmt(await r4.toArray()));
  L2.push(tryCall(() => Readable.fromWeb({})));
  L2.push(tryCall(() => Readable.fromWeb(new ReadableStream(), { encoding: 'nope' })));
  L2.push(tryCall(() => Readable.fromWeb(new ReadableStream(), { objectMode: 1 })));
  L2.push(tryCall(() => Readable.fromWeb(new ReadableStream(), 1)));
  const locked = new ReadableStream();
  locked.getReader();
  L2.push(tryCall(() => Readable.fromWeb(locked)));
  log(L2.join(' '));
});

test('Writable.toWeb', async () => {
  const L = [];
  const w = new Writable({
    highWaterMark: 3,
    write(chunk, enc, cb) {
      L.push(`_write(${fmt(chunk)},${enc})`);
      setImmediate(cb);
    },
    final(cb) { L.push('_final'); cb(); },
  });
  for (const e of ['finish', 'close', 'drain']) w.on(e, () => L.push(`w:${e}`));
  const ws = Writable.toWeb(w);
  const writer = ws.getWriter();
  L.push(`ds=${writer.desiredSize}`);
  track(L, 'wr1', writer.write(new Uint8Array([1, 2])));
  track(L, 'wr2', writer.write('text'));
  track(L, 'close', writer.close());
  await settle(8);
  log(L.join(' '));
  const L2 = [];
  const w2 = new Writable({ write(c, e, cb) { cb(new Error('node write failed')); } });
  w2.on('error', () => {});
  const ws2 = Writable.toWeb(w2);
  const wr2 = ws2.getWriter();
  track(L2, 'write', wr2.write(new Uint8Array([1])));
  track(L2, 'closed', wr2.closed);
  await settle();
  const w3 = new Writable({ write(c, e, cb) { cb(); } });
  w3.on('close', () => L2.push('w3 close'));
  w3.on('error', (e) => L2.push(`w3 error:${fmtErr(e)}`));
  const ws3 = Writable.toWeb(w3);
  track(L2, 'abort', ws3.abort(new Error('web abort')));
  await settle();
  const w4 = new Writable({ write(c, e, cb) { cb(); } });
  const ws4 = Writable.toWeb(w4);
  const wr4 = ws4.getWriter();
  track(L2, 'w4 closed', wr4.closed);
  w4.destroy();
  await settle();
  const w5 = new Writable();
  w5.end();
  const ws5 = Writable.toWeb(w5);
  L2.push(util.inspect(ws5));
  L2.push(tryCall(() => Writable.toWeb({})));
  const om = Writable.toWeb(new Writable({ objectMode: true, highWaterMark: 5, write(c, e, cb) { L2.push(`om:${fmt(c)}`); cb(); } }));
  const omw = om.getWriter();
  L2.push(`omds=${omw.desiredSize}`);
  await omw.write({ z: 1 });
  log(L2.join(' '));
});

test('Writable.fromWeb', async () => {
  const L = [];
  const ws = new WritableStream({
    write(chunk) {
      L.push(`web write(${fmt(chunk)})`);
      return new Promise((r) => setImmediate(r));
    },
    close() { L.push('web close'); },
    abort(r) { L.push(`web abort(${fmtErr(r)})`); },
  });
  const w = Writable.fromWeb(ws);
  L.push(`hwm=${w.writableHighWaterMark} om=${w.writableObjectMode} locked=${ws.locked}`);
  for (const e of ['finish', 'close', 'error', 'drain']) w.on(e, (x) => L.push(`w:${e}${x ? `(${fmtErr(x)})` : ''}`));
  w.write('hello', () => L.push('cb hello'));
  w.write(Buffer.from('buf'), () => L.push('cb buf'));
  w.write('6869', 'hex', () => L.push('cb hex'));
  w.end(() => L.push('end cb'));
  await settle(10);
  log(L.join(' '));
  const L2 = [];
  const ws2 = new WritableStream({ abort(r) { L2.push(`abort(${fmtErr(r)})`); } });
  const w2 = Writable.fromWeb(ws2, { objectMode: true, highWaterMark: 3, decodeStrings: false });
  L2.push(`om=${w2.writableObjectMode} hwm=${w2.writableHighWaterMark}`);
  w2.on('error', (e) => L2.push(`error:${fmtErr(e)}`));
  w2.on('close', () => L2.push('close'));
  w2.destroy(new Error('node destroy'));
  await settle();
  const ws3 = new WritableStream({ write() { throw new Error('web write threw'); } });
  const w3 = Writable.fromWeb(ws3);
  w3.on('error', (e) => L2.push(`w3 error:${fmtErr(e)}`));
  w3.write('x', (err) => L2.push(`w3 cb:${fmtErr(err)}`));
  await settle();
  const ws4 = new WritableStream();
  const w4 = Writable.fromWeb(ws4);
  w4.on('error', (e) => L2.push(`w4 error:${fmtErr(e)}`));
  w4.on('close', () => L2.push('w4 close'));
  w4.destroy();
  await settle();
  L2.push(tryCall(() => Writable.fromWeb({})));
  L2.push(tryCall(() => Writable.fromWeb(new WritableStream(), { decodeStrings: 1 })));
  log(L2.join(' '));
});

test('Duplex.toWeb / fromWeb', async () => {
  const L = [];
  const d = new PassThrough();
  const { readable, writable } = Duplex.toWeb(d);
  L.push(readable.constructor.name, writable.constructor.name);
  const w = writable.getWriter();
  const r = readable.getReader();
  w.write(new Uint8Array([65, 66]));
  w.close();
  const chunks = [];
  for (;;) {
    const { value, done } = await r.read();
    if (done) break;
    chunks.push(fmt(value));
  }
  L.push(chunks.join(','));
  L.push(tryCall(() => Duplex.toWeb({})));
  const rd = new Duplex({ readable: false, write(c, e, cb) { cb(); } });
  const pair = Duplex.toWeb(rd);
  L.push(await tryAwait(pair.readable.getReader().read()));
  const destroyed = new PassThrough();
  destroyed.destroy();
  const dpair = Duplex.toWeb(destroyed);
  L.push(await tryAwait(dpair.readable.getReader().read()), await tryAwait(dpair.writable.getWriter().closed));
  log(L.join(' '));
  const L2 = [];
  const ts = new TransformStream({ transform(ch, c) { c.enqueue(String(ch).toUpperCase()); } });
  const dx = Duplex.fromWeb(ts, { objectMode: true });
  L2.push(`allowHalfOpen=${dx.allowHalfOpen} om=${dx.readableObjectMode},${dx.writableObjectMode}`);
  dx.on('data', (v) => L2.push(`data:${fmt(v)}`));
  dx.on('end', () => L2.push('end'));
  dx.on('finish', () => L2.push('finish'));
  dx.on('close', () => L2.push('close'));
  dx.write('a');
  dx.end('b');
  await settle(10);
  L2.push(tryCall(() => Duplex.fromWeb({})));
  L2.push(tryCall(() => Duplex.fromWeb({ readable: new ReadableStream() })));
  L2.push(tryCall(() => Duplex.fromWeb(ts, { encoding: 'zz' })));
  const ts2 = new TransformStream();
  const dx2 = Duplex.from(ts2);
  L2.push(`from pair: ${dx2.constructor.name}`);
  const dx3 = Duplex.from({ readable: new ReadableStream({ start(c) { c.enqueue('ro'); c.close(); } }), writable: new WritableStream() });
  dx3.on('data', (v) => L2.push(`dx3:${fmt(v)}`));
  await settle();
  log(L2.join(' '));
});

// ---------------------------------------------------------------------------
// finished / pipeline / helpers with web streams

test('finished on web streams', async () => {
  const L = [];
  let c;
  const rs = new ReadableStream({ start(cc) { c = cc; } });
  stream.finished(rs, (err) => L.push(`rs done(${fmt(err)})`));
  c.close();
  microClock(L, 4);
  ticks(L);
  await settle();
  let c2;
  const rs2 = new ReadableStream({ start(cc) { c2 = cc; } });
  stream.finished(rs2, (err) => L.push(`rs2 done(${fmtErr(err)})`));
  c2.error(new Error('web failure'));
  await settle();
  const ws = new WritableStream();
  stream.finished(ws, (err) => L.push(`ws done(${fmt(err)})`));
  ws.close();
  await settle();
  const ws2 = new WritableStream();
  stream.finished(ws2, (err) => L.push(`ws2 done(${fmtErr(err)})`));
  ws2.abort(new Error('aborted ws'));
  await settle();
  const ac = new AbortController();
  const rs3 = new ReadableStream();
  stream.finished(rs3, { signal: ac.signal }, (err) => L.push(`rs3 done(${fmtErr(err)})`));
  ac.abort();
  await settle();
  await stream.promises.finished(new ReadableStream({ start(cc) { cc.close(); } })).then(() => L.push('promise finished'));
  const ts = new TransformStream();
  L.push(tryCall(() => stream.finished(ts, () => {})));
  log(L.join(' '));
});

test('is* helpers on web streams', async () => {
  const L = [];
  let c;
  const rs = new ReadableStream({ start(cc) { c = cc; } });
  L.push(stream.isReadable(rs), stream.isErrored(rs), stream.isDisturbed(rs), stream.isDestroyed(rs), stream.isWritable(rs));
  const rd = rs.getReader();
  rd.read().catch((e) => L.push(`read rejected:${e.message}`));
  L.push(stream.isDisturbed(rs));
  c.error(new Error('x'));
  L.push(stream.isReadable(rs), stream.isErrored(rs));
  const ws = new WritableStream();
  L.push(stream.isWritable(ws), stream.isErrored(ws), stream.isReadable(ws));
  const closed = new ReadableStream({ start(cc) { cc.close(); } });
  L.push(stream.isReadable(closed), stream.isDisturbed(closed));
  log(L.map(String).join(' '));
});

test('pipeline with web streams', async () => {
  const L = [];
  const src = new ReadableStream({ start(c) { c.enqueue('a'); c.enqueue('b'); c.close(); } });
  const ts = new TransformStream({ transform(ch, c) { c.enqueue(`<${ch}>`); } });
  const out = [];
  const dest = new WritableStream({ write(ch) { out.push(ch); }, close() { L.push('dest close'); } });
  await new Promise((res) => stream.pipeline(src, ts, dest, (err) => { L.push(`done(${fmt(err)}) out=${out.join('')}`); res(); }));
  const chunks = [];
  await stream.promises.pipeline(
    new ReadableStream({ start(c) { c.enqueue('x'); c.close(); } }),
    new PassThrough({ objectMode: true }),
    new Writable({ objectMode: true, write(ch, e, cb) { chunks.push(ch); cb(); } }));
  L.push(`web->node ${fmt(chunks)}`);
  const got = [];
  await stream.promises.pipeline(
    Readable.from(['n1', 'n2']),
    new WritableStream({ write(ch) { got.push(ch); } }));
  L.push(`node->web ${fmt(got)}`);
  const errSrc = new ReadableStream({ start(c) { c.error(new Error('web src err')); } });
  await stream.promises.pipeline(errSrc, new Writable({ write(c, e, cb) { cb(); } })).catch((e) => L.push(`errSrc ${fmtErr(e)}`));
  const errDest = new WritableStream({ write() { throw new Error('web dest err'); } });
  await stream.promises.pipeline(Readable.from(['q']), errDest).catch((e) => L.push(`errDest ${fmtErr(e)}`));
  const gen = await stream.promises.pipeline(
    ReadableStream.from([1, 2, 3]),
    async function* (source) { for await (const v of source) yield v * 10; },
    async (source) => { let s = 0; for await (const v of source) s += v; return s; });
  L.push(`sum=${gen}`);
  log(L.join(' '));
});

test('consumers', async () => {
  const L = [];
  L.push(await consumers.text(Readable.from(['hé', 'llo'])));
  L.push(await consumers.text(Readable.from([Buffer.from([0xE2, 0x82]), Buffer.from([0xAC])])));
  L.push(await consumers.text(new ReadableStream({ start(c) { c.enqueue(new Uint8Array([0xF0, 0x9F, 0x98])); c.enqueue(new Uint8Array([0x80])); c.close(); } })));
  L.push(await consumers.text((async function* () { yield 'a'; yield new Uint8Array([98]); })()));
  L.push(await consumers.text(Readable.from([Buffer.from([0xE2])])));
  L.push(JSON.stringify(await consumers.json(Readable.from(['{"a":', '[1,2]}']))));
  await consumers.json(Readable.from(['{bad'])).catch((e) => L.push(`json:${e.name}`));
  const buf = await consumers.buffer(Readable.from([Buffer.from('ab'), 'cd', new Uint8Array([101])]));
  L.push(Buffer.isBuffer(buf), fmt(buf));
  const ab = await consumers.arrayBuffer(new ReadableStream({ start(c) { c.enqueue(new Uint8Array([1, 2, 3])); c.close(); } }));
  L.push(ab instanceof ArrayBuffer, ab.byteLength);
  const b = await consumers.blob(Readable.from(['x', 'yz']));
  L.push(b.constructor.name, b.size, b.type === '', await b.text());
  await consumers.text(new ReadableStream({ start(c) { c.error(new Error('consumer err')); } })).catch((e) => L.push(fmtErr(e)));
  await consumers.buffer(Readable.from([1])).catch((e) => L.push(`num:${e.name}`));
  L.push(await consumers.text(Readable.from([])));
  log(L.map(String).join(' | '));
});

// ---------------------------------------------------------------------------
// Seeded randomized scenarios (fixed-seed PRNG, so runs are identical):
// operation sequences on readable/writable/transform/byte streams, pipeTo
// with signals and the Node adapters, logged with microtask-level markers.

const seeded = (() => {
  function rng(seed) {
    let s = seed >>> 0;
    return () => {
      s = (s + 0x6D2B79F5) >>> 0;
      let t = s;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  function fmt(v) {
    if (v === null) return 'null';
    if (v === undefined) return 'u';
    if (typeof v === 'string') return JSON.stringify(v);
    if (Buffer.isBuffer(v)) return `B${v.toString('hex')}`;
    if (ArrayBuffer.isView(v)) return `V${v.constructor.name}[${Array.from(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)).join(',')}]`;
    if (v instanceof Error) return `E(${v.code || v.message})`;
    if (typeof v === 'object' && 'done' in v) return `{${fmt(v.value)},${v.done}}`;
    if (typeof v === 'object') { try { return JSON.stringify(v); } catch { return 'obj'; } }
    return String(v);
  }
  const immediate = () => new Promise((r) => setImmediate(r));
  function track(L, label, p) {
    p.then((v) => L.push(`${label}:ok(${fmt(v)})`), (e) => L.push(`${label}:rej(${fmt(e)})`));
  }
  function clock(L, n) {
    let i = 0;
    const step = () => { i++; L.push(`.${i}`); if (i < n) queueMicrotask(step); };
    queueMicrotask(step);
  }

  async function pause(R, L) {
    const k = R();
    if (k < 0.3) return;
    if (k < 0.6) { clock(L, 1 + Math.floor(R() * 6)); await null; return; }
    if (k < 0.8) { await new Promise((r) => process.nextTick(r)); L.push('|t'); return; }
    await immediate(); L.push('|i');
  }

  async function fuzzRS(seed) {
    const R = rng(seed);
    const L = [];
    let c;
    const hwm = [0, 1, 2, 5][Math.floor(R() * 4)];
    const pullMode = Math.floor(R() * 4);
    let pulls = 0;
    const rs = new ReadableStream({
      start(cc) {
        c = cc;
        L.push('start');
        if (R() < 0.3) return new Promise((r) => setImmediate(r));
      },
      pull(cc) {
        pulls++;
        L.push(`pull${pulls} ds=${cc.desiredSize}`);
        if (pullMode === 0) return;
        if (pulls > 6) { cc.close(); return; }
        if (pullMode === 1) cc.enqueue('p' + pulls);
        else if (pullMode === 2) return new Promise((r) => queueMicrotask(() => { cc.enqueue('q' + pulls); r(); }));
        else return new Promise((r) => setImmediate(() => { try { cc.enqueue('s' + pulls); } catch (e) { L.push('enqerr'); } r(); }));
      },
      cancel(reason) { L.push(`cancel(${fmt(reason)})`); if (R() < 0.3) return new Promise((r) => setImmediate(r)); },
    }, { highWaterMark: hwm });
    let reader;
    const nops = 3 + Math.floor(R() * 12);
    for (let i = 0; i < nops; i++) {
      const k = Math.floor(R() * 12);
      try {
        switch (k) {
          case 0: c.enqueue('e' + i); L.push('enq'); break;
          case 1: c.close(); L.push('close'); break;
          case 2: c.error(new Error('err' + i)); L.push('error'); break;
          case 3: if (!reader) { reader = rs.getReader(); track(L, 'closed', reader.closed); L.push('getReader'); } break;
          case 4: case 5: if (reader) track(L, 'read' + i, reader.read()); break;
          case 6: if (reader) { reader.releaseLock(); reader = undefined; L.push('release'); } break;
          case 7: track(L, 'cancel' + i, reader ? reader.cancel('rc') : rs.cancel('sc')); break;
          case 8: L.push(`ds=${c.desiredSize} locked=${rs.locked}`); break;
          case 9: if (!reader && !rs.locked) {
            const [a, b] = rs.tee();
            L.push('tee');
            const ra = a.getReader(); const rb = b.getReader();
            track(L, 'ta', ra.read()); track(L, 'tb', rb.read());
            if (R() < 0.5) track(L, 'ta2', ra.read());
            if (R() < 0.3) track(L, 'cancelB', rb.cancel('x'));
            reader = { read: () => ra.read(), releaseLock() {}, cancel: (r) => ra.cancel(r), closed: ra.closed };
          } break;
          case 10: if (!reader && !rs.locked) {
            const it = rs.values({ preventCancel: R() < 0.5 });
            L.push('values');
            track(L, 'it1', it.next());
            if (R() < 0.5) track(L, 'it2', it.next());
            if (R() < 0.3) track(L, 'itret', it.return('rv'));
            reader = { read: () => it.next(), releaseLock() {}, cancel: (r) => it.return(r), closed: Promise.resolve() };
          } break;
          case 11: if (!reader && !rs.locked) {
            const out = [];
            const ws = new WritableStream({
              write(ch) { out.push(ch); L.push('pw:' + fmt(ch)); if (R() < 0.4) return new Promise((r) => queueMicrotask(r)); },
              close() { L.push('pclose'); },
              abort(r) { L.push(`pabort(${fmt(r)})`); },
            }, { highWaterMark: [1, 2][Math.floor(R() * 2)] });
            track(L, 'pipe', rs.pipeTo(ws, { preventClose: R() < 0.2, preventCancel: R() < 0.2 }));
            reader = { read: () => Promise.resolve('piped'), releaseLock() {}, cancel: () => Promise.resolve(), closed: Promise.resolve() };
          } break;
        }
      } catch (e) {
        L.push('throw:' + fmt(e));
      }
      await pause(R, L);
    }
    for (let j = 0; j < 6; j++) await immediate();
    return L.join(' ');
  }

  async function fuzzWS(seed) {
    const R = rng(seed);
    const L = [];
    let ctrl;
    const wmode = Math.floor(R() * 3);
    const ws = new WritableStream({
      start(c) { ctrl = c; L.push('start'); if (R() < 0.3) return new Promise((r) => setImmediate(r)); },
      write(ch) {
        L.push('write:' + fmt(ch));
        if (R() < 0.08) throw new Error('wthrow');
        if (wmode === 0) return;
        if (wmode === 1) return new Promise((r) => queueMicrotask(r));
        return new Promise((r) => setImmediate(r));
      },
      close() { L.push('sinkclose'); if (R() < 0.3) return new Promise((r) => setImmediate(r)); },
      abort(r) { L.push(`sinkabort(${fmt(r)})`); },
    }, { highWaterMark: [0, 1, 3][Math.floor(R() * 3)] });
    let w = ws.getWriter();
    track(L, 'closed', w.closed);
    const nops = 3 + Math.floor(R() * 12);
    for (let i = 0; i < nops; i++) {
      const k = Math.floor(R() * 9);
      try {
        switch (k) {
          case 0: case 1: track(L, 'w' + i, w.write(i)); break;
          case 2: track(L, 'close' + i, w.close()); break;
          case 3: track(L, 'abort' + i, w.abort('ab' + i)); break;
          case 4: track(L, 'ready' + i, w.ready); break;
          case 5: L.push('ds=' + (() => { try { return w.desiredSize; } catch (e) { return fmt(e); } })()); break;
          case 6: w.releaseLock(); L.push('release'); try { w = ws.getWriter(); L.push('reacquired'); track(L, 'closed2', w.closed); } catch (e) { L.push('reacq:' + fmt(e)); } break;
          case 7: ctrl.error(new Error('cerr')); L.push('cerror'); break;
          case 8: L.push(`sig=${ctrl.signal.aborted}`); break;
        }
      } catch (e) {
        L.push('throw:' + fmt(e));
      }
      await pause(R, L);
    }
    for (let j = 0; j < 6; j++) await immediate();
    return L.join(' ');
  }

  async function fuzzTS(seed) {
    const R = rng(seed);
    const L = [];
    let tc;
    const ts = new TransformStream({
      start(c) { tc = c; },
      transform(ch, c) {
        L.push('tx:' + fmt(ch));
        const k = R();
        if (k < 0.05) throw new Error('txfail');
        c.enqueue(ch);
        if (k < 0.3) c.enqueue(ch + '+');
        if (k > 0.8) return new Promise((r) => setImmediate(r));
      },
      flush(c) { L.push('flush'); c.enqueue('F'); },
      cancel(r) { L.push(`tcancel(${fmt(r)})`); },
    }, { highWaterMark: [0, 1, 2][Math.floor(R() * 3)] }, { highWaterMark: [0, 1, 2][Math.floor(R() * 3)] });
    const w = ts.writable.getWriter();
    const r = ts.readable.getReader();
    track(L, 'wclosed', w.closed);
    track(L, 'rclosed', r.closed);
    const nops = 3 + Math.floor(R() * 12);
    for (let i = 0; i < nops; i++) {
      const k = Math.floor(R() * 9);
      try {
        switch (k) {
          case 0: case 1: track(L, 'w' + i, w.write('c' + i)); break;
          case 2: case 3: track(L, 'r' + i, r.read()); break;
          case 4: track(L, 'close' + i, w.close()); break;
          case 5: track(L, 'abort' + i, w.abort('a')); break;
          case 6: track(L, 'rcancel' + i, r.cancel('rc')); break;
          case 7: tc.terminate(); L.push('terminate'); break;
          case 8: L.push(`wds=${w.desiredSize} tds=${tc.desiredSize}`); break;
        }
      } catch (e) {
        L.push('throw:' + fmt(e));
      }
      await pause(R, L);
    }
    for (let j = 0; j < 6; j++) await immediate();
    return L.join(' ');
  }

  async function fuzzAdapters(seed) {
    const R = rng(seed);
    const L = [];
    const k = Math.floor(R() * 4);
    if (k === 0) {
      let n = 0;
      const r = new stream.Readable({
        highWaterMark: [1, 4, 16][Math.floor(R() * 3)],
        read() { n++; const go = () => this.push(n > 5 ? null : 'n' + n); if (R() < 0.5) go(); else setImmediate(go); },
      });
      r.on('close', () => L.push('r:close'));
      const rs = stream.Readable.toWeb(r);
      const rd = rs.getReader();
      for (let i = 0; i < 8; i++) {
        track(L, 'rd' + i, rd.read());
        if (R() < 0.1) { track(L, 'cancel', rd.cancel('c')); break; }
        await pause(R, L);
      }
    } else if (k === 1) {
      let c;
      const rs = new ReadableStream({ start(cc) { c = cc; } });
      const r = stream.Readable.fromWeb(rs, { objectMode: R() < 0.5, highWaterMark: 2 });
      for (const e of ['end', 'close', 'error']) r.on(e, (x) => L.push(`r:${e}(${fmt(x)})`));
      r.on('data', (d) => L.push('data:' + fmt(d)));
      for (let i = 0; i < 6; i++) {
        const q = R();
        if (q < 0.6) c.enqueue('x' + i);
        else if (q < 0.7) { c.close(); break; }
        else if (q < 0.75) { c.error(new Error('we')); break; }
        else if (q < 0.8) { r.destroy(); break; }
        await pause(R, L);
      }
    } else if (k === 2) {
      const w = new stream.Writable({
        highWaterMark: [1, 3][Math.floor(R() * 2)],
        write(ch, e, cb) { L.push('nw:' + fmt(ch)); if (R() < 0.5) cb(); else setImmediate(cb); },
      });
      w.on('finish', () => L.push('w:finish'));
      w.on('close', () => L.push('w:close'));
      const ws = stream.Writable.toWeb(w);
      const wr = ws.getWriter();
      for (let i = 0; i < 5; i++) {
        track(L, 'ww' + i, wr.write(new Uint8Array([i])));
        await pause(R, L);
      }
      track(L, 'wclose', wr.close());
    } else {
      const ws = new WritableStream({
        write(ch) { L.push('sink:' + fmt(ch)); if (R() < 0.5) return new Promise((r) => setImmediate(r)); },
        close() { L.push('sinkclose'); },
      });
      const w = stream.Writable.fromWeb(ws, { highWaterMark: 2 });
      for (const e of ['finish', 'close', 'error', 'drain']) w.on(e, () => L.push('w:' + e));
      for (let i = 0; i < 5; i++) {
        L.push('wr=' + w.write('z' + i, () => L.push('cb' + i)));
        await pause(R, L);
      }
      w.end();
    }
    for (let j = 0; j < 10; j++) await immediate();
    return L.join(' ');
  }

  async function fuzzBytes(seed) {
    const R = rng(seed);
    const L = [];
    let c;
    const auto = R() < 0.3 ? 4 : undefined;
    let pulls = 0;
    const rs = new ReadableStream({
      type: 'bytes',
      autoAllocateChunkSize: auto,
      start(cc) { c = cc; },
      pull(cc) {
        pulls++;
        const req = cc.byobRequest;
        L.push(`pull${pulls} ds=${cc.desiredSize} req=${req ? req.view.byteLength : 'null'}`);
        if (pulls > 8) return;
        const k = R();
        if (req && k < 0.5) {
          const nbytes = 1 + Math.floor(R() * req.view.byteLength);
          for (let i = 0; i < nbytes; i++) req.view[i] = pulls * 10 + i;
          try { req.respond(nbytes); } catch (e) { L.push('respond err ' + fmt(e)); }
        } else if (k < 0.8) {
          cc.enqueue(new Uint8Array([pulls, pulls + 1, pulls + 2].slice(0, 1 + Math.floor(R() * 3))));
        }
      },
      cancel(r) { L.push(`cancel(${fmt(r)})`); },
    }, { highWaterMark: [0, 2, 8][Math.floor(R() * 3)] });
    let reader;
    let byob = false;
    const nops = 3 + Math.floor(R() * 10);
    for (let i = 0; i < nops; i++) {
      const k = Math.floor(R() * 10);
      try {
        switch (k) {
          case 0: c.enqueue(new Uint8Array([100 + i, 101 + i])); L.push('enq'); break;
          case 1: c.close(); L.push('close'); break;
          case 2: if (!reader) { byob = R() < 0.6; reader = rs.getReader(byob ? { mode: 'byob' } : undefined); track(L, 'closed', reader.closed); L.push(byob ? 'byobReader' : 'defReader'); } break;
          case 3: case 4: if (reader) {
            if (byob) {
              const kind = Math.floor(R() * 3);
              const view = kind === 0 ? new Uint8Array(1 + Math.floor(R() * 5)) : kind === 1 ? new Uint16Array(2) : new DataView(new ArrayBuffer(3));
              track(L, 'bread' + i, reader.read(view, R() < 0.3 ? { min: 1 + Math.floor(R() * 2) } : undefined));
            } else track(L, 'read' + i, reader.read());
          } break;
          case 5: if (reader) { reader.releaseLock(); reader = undefined; L.push('release'); } break;
          case 6: L.push(`ds=${c.desiredSize} req=${c.byobRequest ? c.byobRequest.view.byteLength : 'null'}`); break;
          case 7: if (c.byobRequest && R() < 0.5) { c.byobRequest.view[0] = 7; c.byobRequest.respond(1); L.push('respond1'); } break;
          case 8: c.error(new Error('berr')); L.push('error'); break;
          case 9: if (!reader && !rs.locked && R() < 0.5) {
            const [a, b] = rs.tee();
            L.push('tee');
            const ra = a.getReader(); const rb = b.getReader({ mode: 'byob' });
            track(L, 'ta', ra.read()); track(L, 'tb', rb.read(new Uint8Array(2)));
            reader = { read: () => ra.read(), releaseLock() {}, closed: ra.closed };
          } else if (!reader) { track(L, 'cancel', rs.cancel('bc')); } break;
        }
      } catch (e) {
        L.push('throw:' + fmt(e));
      }
      await pause(R, L);
    }
    for (let j = 0; j < 6; j++) await immediate();
    return L.join(' ');
  }

  async function fuzzPipeSignal(seed) {
    const R = rng(seed);
    const L = [];
    let n = 0;
    const src = new ReadableStream({
      pull(c) { n++; L.push('pull' + n); if (n > 5) c.close(); else if (R() < 0.5) c.enqueue(n); else return new Promise((r) => setImmediate(() => { try { c.enqueue(n); } catch {} r(); })); },
      cancel(r) { L.push(`scancel(${fmt(r)})`); },
    }, { highWaterMark: [0, 1, 3][Math.floor(R() * 3)] });
    const dest = new WritableStream({
      write(ch) { L.push('w' + ch); if (ch === 3 && R() < 0.2) throw new Error('dfail'); if (R() < 0.5) return new Promise((r) => setImmediate(r)); },
      close() { L.push('dclose'); },
      abort(r) { L.push(`dabort(${fmt(r)})`); },
    }, { highWaterMark: [1, 2][Math.floor(R() * 2)] });
    const ac = new AbortController();
    const opts = { preventClose: R() < 0.2, preventAbort: R() < 0.2, preventCancel: R() < 0.2 };
    if (R() < 0.4) opts.signal = ac.signal;
    const useThrough = R() < 0.3;
    let p;
    if (useThrough) {
      const ts = new TransformStream({ transform(ch, ctl) { L.push('t' + ch); ctl.enqueue(ch * 2); } });
      const out = src.pipeThrough(ts, opts);
      p = out.pipeTo(dest);
    } else {
      p = src.pipeTo(dest, opts);
    }
    track(L, 'pipe', p);
    if (opts.signal && R() < 0.8) {
      const when = Math.floor(R() * 4);
      for (let i = 0; i < when; i++) await immediate();
      L.push('abort!');
      ac.abort(R() < 0.5 ? new Error('why') : undefined);
    }
    for (let j = 0; j < 15; j++) await immediate();
    return L.join(' ');
  }

  return { fuzzRS, fuzzWS, fuzzTS, fuzzAdapters, fuzzBytes, fuzzPipeSignal };
})();

{
  const kinds = [
    ['readable', seeded.fuzzRS],
    ['writable', seeded.fuzzWS],
    ['transform', seeded.fuzzTS],
    ['adapters', seeded.fuzzAdapters],
    ['bytes', seeded.fuzzBytes],
    ['pipeTo', seeded.fuzzPipeSignal],
  ];
  for (const [kind, fn] of kinds) {
    for (let seed = 1; seed <= 40; seed++) {
      test(`seeded ${kind} #${seed}`, async () => {
        log(await fn(seed * 7919 + kind.length));
      });
    }
  }
}

(async () => {
  for (const [name, fn] of scenarios) {
    log(`== ${name}`);
    try {
      await fn();
    } catch (e) {
      log(`scenario threw: ${fmtErr(e)}`);
    }
    await settle();
  }
  log('== done');
})();
