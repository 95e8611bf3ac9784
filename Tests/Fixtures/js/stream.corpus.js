'use strict';
// Corpus for the `stream` module: Readable, Writable, Duplex, Transform,
// PassThrough, pipe, pipeline, finished, compose, operators and helpers.
// Every scenario records events (with tick/microtask markers) and prints one
// line of strings; scenarios run one after another so ordering is stable.

const stream = require('stream');
const { Buffer } = require('buffer');
const {
  Readable, Writable, Duplex, Transform, PassThrough,
  pipeline, finished, compose, addAbortSignal,
} = stream;
const streamPromises = require('stream/promises');

const log = (...parts) => console.log(parts.map(String).join(' '));

function fmt(v) {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (typeof v === 'symbol') return v.toString();
  if (typeof v === 'function') return `fn:${v.name}`;
  if (Buffer.isBuffer(v)) return `<Buf ${v.toString('hex')}>`;
  if (v instanceof Uint8Array) return `<U8 ${Array.from(v).join(',')}>`;
  if (v instanceof Error) return fmtErr(v);
  if (Array.isArray(v)) return `[${v.map(fmt).join(',')}]`;
  try {
    return JSON.stringify(v);
  } catch {
    return Object.prototype.toString.call(v);
  }
}

function fmtErr(e) {
  if (!(e instanceof Error)) return `nonerror:${fmt(e)}`;
  let s = `${e.name}[${e.code}]:${e.message}`;
  if (e.cause !== undefined) s += ` cause=${e.cause instanceof Error ? e.cause.message : fmt(e.cause)}`;
  if (Array.isArray(e.errors)) s += ` errors=${e.errors.map((x) => x.message).join('|')}`;
  return s;
}

const DEFAULT_EVENTS = ['end', 'finish', 'prefinish', 'close', 'error', 'drain', 'pause', 'resume', 'pipe', 'unpipe'];
function watch(L, tag, s, events = DEFAULT_EVENTS) {
  for (const e of events) {
    s.on(e, (...a) => {
      let extra = '';
      if (e === 'error' || e === 'data') extra = `(${a.map(fmt).join(',')})`;
      else if (e === 'pipe' || e === 'unpipe') extra = `(${a[0] === undefined ? 'undefined' : typeof a[0]})`;
      L.push(`${tag}:${e}${extra}`);
    });
  }
}

function ticks(L, label = '') {
  process.nextTick(() => L.push(`tick${label}`));
  queueMicrotask(() => L.push(`micro${label}`));
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

function stateFlags(s) {
  const out = [];
  const r = s._readableState;
  const w = s._writableState;
  if (r) {
    const sym = Object.getOwnPropertySymbols(r).find((x) => x.description === 'kState');
    out.push(`r=${r[sym]}`);
  }
  if (w) {
    const sym = Object.getOwnPropertySymbols(w).find((x) => x.description === 'kState');
    out.push(`w=${w[sym]}`);
  }
  return out.join(',');
}

const scenarios = [];
function test(name, fn) {
  scenarios.push([name, fn]);
}

// ---------------------------------------------------------------------------
// Module shape

test('module keys', () => {
  log(JSON.stringify(Object.keys(stream)));
  log(typeof stream, stream.name, stream.length, stream === stream.Stream);
  log(JSON.stringify(Object.getOwnPropertyNames(stream.Stream.prototype)));
  log(JSON.stringify(Object.getOwnPropertyNames(Readable.prototype)));
  log(JSON.stringify(Object.getOwnPropertyNames(Readable)));
  log(JSON.stringify(Object.getOwnPropertyNames(Writable.prototype)));
  log(JSON.stringify(Object.getOwnPropertyNames(Writable)));
  log(JSON.stringify(Object.getOwnPropertyNames(Duplex.prototype)));
  log(JSON.stringify(Object.getOwnPropertyNames(Duplex)));
  log(JSON.stringify(Object.getOwnPropertyNames(Transform.prototype)));
  log(JSON.stringify(Object.getOwnPropertyNames(PassThrough.prototype)));
  log(JSON.stringify(Object.keys(streamPromises)), stream.promises === streamPromises);
  log(JSON.stringify(Object.keys(require('node:stream/promises'))));
  const fns = ['Readable', 'Writable', 'Duplex', 'Transform', 'PassThrough', 'pipeline', 'finished', 'compose',
    'addAbortSignal', 'destroy', 'duplexPair', 'isDisturbed', 'isErrored', 'isReadable', 'isWritable', 'isDestroyed',
    'getDefaultHighWaterMark', 'setDefaultHighWaterMark', '_isArrayBufferView', '_isUint8Array', '_uint8ArrayToBuffer'];
  log(fns.map((k) => `${k}:${stream[k].name}/${stream[k].length}`).join(' '));
  log(streamPromises.pipeline.name, streamPromises.pipeline.length, streamPromises.finished.name, streamPromises.finished.length);
  const ops = ['drop', 'filter', 'flatMap', 'map', 'take', 'compose', 'every', 'forEach', 'reduce', 'toArray', 'some', 'find', 'asIndexedPairs'];
  log(ops.map((k) => {
    const d = Object.getOwnPropertyDescriptor(Readable.prototype, k);
    return d ? `${k}:${d.value.name}/${d.value.length}/${d.enumerable}${d.writable}${d.configurable}` : `${k}:none`;
  }).join(' '));
  const util = require('util');
  log(stream.pipeline[util.promisify.custom] === streamPromises.pipeline, stream.finished[util.promisify.custom] === streamPromises.finished);
  log(util.promisify(stream.pipeline) === streamPromises.pipeline, typeof stream.finished.finished);
  log(Object.getPrototypeOf(Readable) === stream.Stream, Object.getPrototypeOf(Duplex) === Readable, Object.getPrototypeOf(Transform) === Duplex,
    Object.getPrototypeOf(PassThrough) === Transform, Object.getPrototypeOf(Writable) === stream.Stream);
  log(Object.getPrototypeOf(stream.Stream) === require('events'), new stream.Stream() instanceof require('events'));
  log(new Duplex() instanceof Writable, new Transform() instanceof Writable, new Readable() instanceof Writable,
    new PassThrough() instanceof Readable, ({ _writableState: {} }) instanceof Writable);
  log(stream.getDefaultHighWaterMark(false), stream.getDefaultHighWaterMark(true));
  log(stream._isArrayBufferView(new DataView(new ArrayBuffer(1))), stream._isUint8Array(Buffer.alloc(1)), stream._isUint8Array(new Uint16Array(1)));
  const b = stream._uint8ArrayToBuffer(new Uint8Array([1, 2, 3]).subarray(1));
  log(Buffer.isBuffer(b), b.length, fmt(b));
  log(JSON.stringify(Object.keys(Readable.prototype)), JSON.stringify(Object.keys(Writable.prototype)), JSON.stringify(Object.keys(Duplex.prototype)));
  log(Duplex.prototype.write === Writable.prototype.write, Duplex.prototype.destroy === Writable.prototype.destroy, Duplex.prototype._writev);
});

test('instance shape', () => {
  const r = new Readable();
  log(JSON.stringify(Object.keys(r)), JSON.stringify(Object.keys(r._readableState)));
  log(JSON.stringify(Object.keys(r._events)), JSON.stringify(r.eventNames()), r._eventsCount);
  r.on('foo', () => {});
  log(JSON.stringify(r.eventNames()), r._eventsCount, r.listenerCount('data'));
  const w = new Writable();
  log(JSON.stringify(Object.keys(w)), JSON.stringify(Object.keys(w._writableState)));
  const d = new Duplex({ read() {}, write() {}, final() {}, destroy() {}, construct(cb) { cb(); }, allowHalfOpen: false });
  log(JSON.stringify(Object.keys(d)));
  const t = new Transform({ transform() {}, flush() {} });
  log(JSON.stringify(Object.keys(t)), JSON.stringify(t.eventNames()));
  log(JSON.stringify(Object.keys(new PassThrough())));
  log(stateFlags(new Readable()), stateFlags(new Readable({ objectMode: true, emitClose: false })), stateFlags(new Readable({ autoDestroy: false, encoding: 'hex' })));
  log(stateFlags(new Writable()), stateFlags(new Writable({ objectMode: true, decodeStrings: false, emitClose: false })), stateFlags(new Writable({ defaultEncoding: 'latin1', autoDestroy: false })));
  log(stateFlags(new Duplex()), stateFlags(new Duplex({ readable: false, writable: false })), stateFlags(new Transform()), stateFlags(new PassThrough({ objectMode: true })));
  log(stateFlags(new Readable({ construct(cb) {} })), stateFlags(new Writable({ construct(cb) {} })));
});

test('constructor options', () => {
  log(tryCall(() => new Readable({ highWaterMark: -1 })));
  log(tryCall(() => new Readable({ highWaterMark: 1.5 })));
  log(tryCall(() => new Readable({ highWaterMark: '5' })));
  log(tryCall(() => new Writable({ highWaterMark: NaN })));
  log(tryCall(() => new Duplex({ readableHighWaterMark: -2 })));
  log(tryCall(() => new Duplex({ writableHighWaterMark: 'x' })));
  log(tryCall(() => new Readable({ defaultEncoding: 'nope' })));
  log(tryCall(() => new Writable({ defaultEncoding: 'nope' })));
  log(tryCall(() => new Readable({ encoding: 'nope' })));
  const r = Readable({ highWaterMark: 3 });
  log(r instanceof Readable, r.readableHighWaterMark, Writable().writableHighWaterMark, Duplex().readableHighWaterMark, Transform().writableHighWaterMark, PassThrough() instanceof PassThrough);
  log(new Readable({ objectMode: true }).readableHighWaterMark, new Writable({ objectMode: true }).writableHighWaterMark);
  const d = new Duplex({ readableObjectMode: true, writableHighWaterMark: 7, readableHighWaterMark: 3 });
  log(d.readableObjectMode, d.writableObjectMode, d.readableHighWaterMark, d.writableHighWaterMark);
  const d2 = new Duplex({ highWaterMark: 9, readableHighWaterMark: 3, writableObjectMode: true });
  log(d2.readableHighWaterMark, d2.writableHighWaterMark, d2.writableObjectMode, d2.readableObjectMode);
  const r2 = new Readable({ readableObjectMode: true, readableHighWaterMark: 2 });
  log(r2.readableObjectMode, r2.readableHighWaterMark);
  for (const opts of [{ highWaterMark: 0 }, { readableHighWaterMark: 0 }, { readableHighWaterMark: 0, writableHighWaterMark: 5 }, { highWaterMark: 4 }, { writableHighWaterMark: 3 }]) {
    const t = new Transform(opts);
    log('transform', JSON.stringify(opts), t.readableHighWaterMark, t.writableHighWaterMark);
  }
  log(new Readable({ highWaterMark: 1e3 }).readableHighWaterMark, new Readable({ highWaterMark: null }).readableHighWaterMark);
  const re = new Readable({ encoding: 'utf-8' });
  log(re.readableEncoding, re._readableState.decoder !== null, re._readableState.defaultEncoding);
  const rl = new Readable({ defaultEncoding: 'latin1' });
  log(rl._readableState.defaultEncoding, new Writable({ defaultEncoding: 'UTF-8' })._writableState.defaultEncoding);
  log(new Writable({ defaultEncoding: 'hex' })._writableState.defaultEncoding);
});

// ---------------------------------------------------------------------------
// Readable

test('readable flowing basic', async () => {
  const L = [];
  const r = new Readable({ read() {} });
  watch(L, 'r', r);
  r.on('data', (d) => L.push(`data:${fmt(d)}`));
  r.push('a');
  r.push(Buffer.from('b'));
  r.push(new Uint8Array([99]));
  L.push(`len=${r.readableLength},flowing=${r.readableFlowing}`);
  r.push(null);
  ticks(L);
  await settle();
  log(L.join(' '));
  log(r.destroyed, r.readableEnded, r.closed, r.readable, r.readableDidRead, r.readableAborted, r.errored);
});

test('readable push return values', async () => {
  const L = [];
  const r = new Readable({ highWaterMark: 4, read() {} });
  L.push(r.push('ab'), r.push('cd'), r.push('e'), r.push(''), r.readableLength);
  L.push(r.read(3), r.readableLength);
  L.push(r.push(null), r.readableLength);
  L.push(tryCall(() => r.push('x')));
  r.on('error', (e) => L.push(`error:${fmtErr(e)}`));
  await settle();
  log(L.map(fmt).join(' '));
});

test('readable object mode push', async () => {
  const L = [];
  const r = new Readable({ objectMode: true, read() {} });
  L.push(r.push(1), r.push('x'), r.push({ a: 1 }), r.push(0), r.push(''), r.push(undefined), r.push(false));
  L.push(r.readableLength);
  for (let i = 0; i < 8; i++) L.push(r.read());
  r.push(null);
  L.push(r.read());
  await settle();
  log(L.map(fmt).join(' '));
  const r2 = new Readable({ objectMode: true, highWaterMark: 2, read() {} });
  log(r2.push(1), r2.push(2), r2.push(3), r2.readableLength);
});

test('readable invalid chunks', async () => {
  const L = [];
  for (const chunk of [1, {}, true, [1], Symbol('s')]) {
    const r = new Readable({ read() {} });
    r.on('error', (e) => L.push(`error:${fmtErr(e)}`));
    r.on('close', () => L.push('close'));
    L.push(`push:${r.push(chunk)}`);
  }
  const r = new Readable({ read() {}, autoDestroy: false });
  r.on('error', (e) => L.push(`noauto-error:${fmtErr(e)}`));
  L.push(`push:${r.push(42)}`, `errored:${r.errored !== null}`, `destroyed:${r.destroyed}`);
  const u = new Readable({ read() {} });
  u.on('error', (e) => L.push(`unshift-error:${fmtErr(e)}`));
  L.push(`unshift:${u.unshift(5)}`);
  await settle();
  log(L.join(' '));
});

test('readable read(n) semantics', async () => {
  const L = [];
  const r = new Readable({ read() {} });
  r.push('hello');
  r.push('world');
  L.push(r.read(0), r.read(3), r.read(4), r.readableLength, r.read(10), r.read(), r.readableLength);
  r.push('abc');
  L.push(r.read('2'), r.read(1.7), r.read(-1), r.read(NaN), r.readableLength);
  r.push(null);
  L.push(r.read(5), r.readableLength, r.read());
  r.on('end', () => L.push('end'));
  await settle();
  log(L.map(fmt).join(' '));
});

test('readable read raises hwm', async () => {
  const r = new Readable({ highWaterMark: 2, read() {} });
  r.read(5);
  const a = r.readableHighWaterMark;
  r.read(1000);
  const b = r.readableHighWaterMark;
  r.read(1);
  log(a, b, r.readableHighWaterMark, tryCall(() => r.read(0x40000001)));
  const r2 = new Readable({ highWaterMark: 2, read() {} });
  log(tryCall(() => r2.read(0x40000000)), r2.readableHighWaterMark);
});

test('readable paused mode readable event', async () => {
  const L = [];
  let n = 0;
  const r = new Readable({
    highWaterMark: 3,
    read(size) {
      L.push(`_read(${size})`);
      n++;
      if (n <= 3) this.push(`c${n}`);
      else this.push(null);
    },
  });
  watch(L, 'r', r);
  r.on('readable', () => {
    L.push('readable');
    let chunk;
    while ((chunk = r.read()) !== null) L.push(`got:${fmt(chunk)}`);
  });
  ticks(L);
  await settle();
  log(L.join(' '));
});

test('readable async push', async () => {
  const L = [];
  let n = 0;
  const r = new Readable({
    read() {
      L.push('_read');
      n++;
      setImmediate(() => {
        if (n <= 2) this.push(`x${n}`);
        else this.push(null);
      });
    },
  });
  watch(L, 'r', r);
  r.on('data', (d) => L.push(`data:${fmt(d)}`));
  await settle(8);
  log(L.join(' '));
});

test('readable sync push in read with hwm', async () => {
  const L = [];
  let n = 0;
  const r = new Readable({
    highWaterMark: 5,
    read(size) {
      n++;
      L.push(`_read${n}(${size})`);
      if (n < 6) this.push('ab');
      else this.push(null);
    },
  });
  r.on('end', () => L.push('end'));
  L.push(`read:${fmt(r.read(1))}`, `len:${r.readableLength}`);
  await settle();
  L.push(`len:${r.readableLength}`);
  L.push(`read:${fmt(r.read())}`);
  await settle();
  L.push(`len:${r.readableLength}`, `read:${fmt(r.read())}`);
  await settle();
  log(L.join(' '));
});

test('readable setEncoding', async () => {
  const L = [];
  const r = new Readable({ read() {} });
  r.push(Buffer.from([0xe2, 0x82]));
  r.push(Buffer.from([0xac, 0x41]));
  L.push(r.readableLength);
  r.setEncoding('utf8');
  L.push(r.readableEncoding, r.readableLength, r.read());
  r.push(Buffer.from([0xf0, 0x9f]));
  L.push(r.readableLength);
  r.push(Buffer.from([0x98, 0x80]));
  L.push(r.readableLength, r.read());
  r.push('plain');
  r.push(Buffer.from([0xe2]));
  r.push(null);
  L.push(r.read());
  await settle();
  log(L.map(fmt).join(' '));
  const h = new Readable({ read() {}, encoding: 'hex' });
  h.push(Buffer.from('AB'));
  h.push('ff', 'hex');
  h.push('zz');
  log(fmt(h.read()), h.readableLength, fmt(h.setEncoding(null) === h), h.readableEncoding);
  const b = new Readable({ read() {} });
  b.setEncoding('base64');
  b.push(Buffer.from('abcd'));
  b.push(null);
  log(fmt(b.read()), fmt(b.read()));
  const l = new Readable({ read() {} });
  l.push('é', 'latin1');
  l.push('é');
  log(fmt(l.read()));
  const u = new Readable({ read() {}, encoding: 'utf16le' });
  u.push(Buffer.from([0x41]));
  log(u.readableLength);
  u.push(Buffer.from([0x00, 0x42]));
  u.push(null);
  log(fmt(u.read()));
  const s = new Readable({ read() {}, encoding: 'utf8' });
  s.push('abcdef');
  log(fmt(s.read(2)), fmt(s.read(3)), fmt(s.read(5)), s.readableLength);
  s.push('gh');
  s.push('ij');
  log(fmt(s.read(3)), fmt(s.read(1)));
});

test('readable unshift', async () => {
  const L = [];
  const r = new Readable({ read() {} });
  r.push('world');
  L.push(r.unshift('hello '), r.readableLength, r.read());
  r.unshift(Buffer.from('x'));
  r.unshift('616263', 'hex');
  L.push(r.read());
  r.setEncoding('utf8');
  r.unshift('zz');
  r.unshift('7979', 'hex');
  L.push(r.read());
  r.push(null);
  r.unshift('late');
  L.push(r.read());
  r.on('end', () => {
    L.push('end');
    r.on('error', (e) => L.push(`err:${fmtErr(e)}`));
    L.push(r.unshift('after'));
  });
  r.read();
  await settle();
  log(L.map(fmt).join(' '));
  const o = new Readable({ objectMode: true, read() {} });
  o.push(2);
  o.unshift(1);
  o.unshift(null);
  log(fmt(o.read()), fmt(o.read()), fmt(o.read()), o.readableEnded);
  const e = new Readable({ read() {} });
  log(e.unshift(''), e.unshift(Buffer.alloc(0)), e.readableLength);
});

test('readable pause/resume', async () => {
  const L = [];
  const r = new Readable({ read() {} });
  watch(L, 'r', r);
  r.on('data', (d) => {
    L.push(`data:${fmt(d)}`);
    if (String(d) === 'b') {
      r.pause();
      L.push(`paused=${r.isPaused()},flowing=${r.readableFlowing}`);
      setImmediate(() => {
        L.push('resuming');
        r.resume();
      });
    }
  });
  L.push(`isPaused=${r.isPaused()},flowing=${r.readableFlowing}`);
  r.push('a');
  r.push('b');
  r.push('c');
  r.push(null);
  await settle(6);
  log(L.join(' '));
  const r2 = new Readable({ read() {} });
  const L2 = [];
  watch(L2, 'r2', r2);
  r2.pause();
  L2.push(`${r2.isPaused()},${r2.readableFlowing},${r2._readableState.paused}`);
  r2.on('data', () => L2.push('data'));
  r2.push('x');
  L2.push(`${r2.isPaused()},${r2.readableFlowing}`);
  r2.resume();
  r2.resume();
  L2.push(`${r2.isPaused()},${r2.readableFlowing}`);
  await settle();
  r2.pause();
  r2.pause();
  log(L2.join(' '));
});

test('readable resume without data listener', async () => {
  const L = [];
  let n = 0;
  const r = new Readable({
    read() {
      n++;
      this.push(n < 4 ? `c${n}` : null);
    },
  });
  watch(L, 'r', r);
  r.resume();
  L.push(`flowing=${r.readableFlowing}`);
  await settle();
  L.push(`n=${n}`, `ended=${r.readableEnded}`, `didRead=${r.readableDidRead}`);
  log(L.join(' '));
});

test('readable readableFlowing setter', async () => {
  const L = [];
  const r = new Readable({ read() {} });
  r.readableFlowing = false;
  r.on('data', (d) => L.push(`data:${fmt(d)}`));
  r.push('a');
  await settle();
  L.push(`flowing=${r.readableFlowing}`);
  r.readableFlowing = null;
  r.push('b');
  await settle();
  L.push(`flowing=${r.readableFlowing} len=${r.readableLength}`);
  r.resume();
  await settle();
  log(L.join(' '));
});

test('readable once readable cycles', async () => {
  const L = [];
  const r = new Readable({ read() {} });
  r.push('one');
  r.once('readable', () => {
    L.push(`readable1:${fmt(r.read())}`);
    r.push('two');
    r.once('readable', () => {
      L.push(`readable2:${fmt(r.read())}`);
      r.push(null);
    });
  });
  r.on('end', () => L.push('end'));
  await settle();
  L.push(`flowing=${r.readableFlowing}`);
  r.resume();
  await settle();
  log(L.join(' '));
});

test('readable readable and data together', async () => {
  const L = [];
  const r = new Readable({ read() {} });
  r.on('readable', () => L.push(`readable len=${r.readableLength}`));
  r.on('data', (d) => L.push(`data:${fmt(d)}`));
  L.push(`flowing=${r.readableFlowing}`);
  r.push('a');
  r.push('b');
  await settle();
  L.push(`len=${r.readableLength}`);
  L.push(`read:${fmt(r.read())}`);
  r.removeAllListeners('readable');
  await settle();
  L.push(`flowing=${r.readableFlowing}`);
  r.push('c');
  await settle();
  log(L.join(' '));
});

test('readable remove readable listener resumes', async () => {
  const L = [];
  const r = new Readable({ read() {} });
  const onr = () => L.push('readable');
  r.on('readable', onr);
  r.on('data', (d) => L.push(`data:${fmt(d)}`));
  r.push('x');
  await settle();
  r.removeListener('readable', onr);
  L.push(`flowing-before-tick=${r.readableFlowing}`);
  await settle();
  L.push(`flowing=${r.readableFlowing}`);
  r.push('y');
  await settle();
  log(L.join(' '));
});

test('readable end without reading', async () => {
  const L = [];
  const r = new Readable({ read() {} });
  watch(L, 'r', r);
  r.push('data');
  r.push(null);
  await settle();
  L.push(`ended=${r.readableEnded}`);
  r.read();
  ticks(L);
  await settle();
  log(L.join(' '));
});

test('readable end emitted only after consume', async () => {
  const L = [];
  const r = new Readable({ read() {} });
  watch(L, 'r', r);
  r.on('readable', () => {
    L.push('readable');
    const c = r.read(2);
    L.push(`read:${fmt(c)}`);
  });
  r.push('abcde');
  r.push(null);
  await settle();
  log(L.join(' '));
});

test('readable emitClose false / autoDestroy false', async () => {
  const L = [];
  const r = new Readable({ read() {}, emitClose: false });
  watch(L, 'a', r);
  r.resume();
  r.push(null);
  await settle();
  L.push(`destroyed=${r.destroyed},closed=${r.closed}`);
  const r2 = new Readable({ read() {}, autoDestroy: false });
  watch(L, 'b', r2);
  r2.resume();
  r2.push(null);
  await settle();
  L.push(`destroyed=${r2.destroyed},closed=${r2.closed}`);
  r2.destroy();
  await settle();
  L.push(`destroyed=${r2.destroyed},closed=${r2.closed}`);
  log(L.join(' '));
});

test('readable destroy variants', async () => {
  const L = [];
  const r = new Readable({ read() {} });
  watch(L, 'a', r);
  r.destroy();
  L.push(`destroyed=${r.destroyed},closed=${r.closed},readable=${r.readable},aborted=${r.readableAborted}`);
  ticks(L);
  await settle();
  const r2 = new Readable({ read() {} });
  watch(L, 'b', r2);
  r2.destroy(new Error('boom'));
  r2.destroy(new Error('again'));
  L.push(`errored=${fmt(r2.errored)}`);
  await settle();
  L.push(`closed=${r2.closed}`);
  const r3 = new Readable({
    read() {},
    destroy(err, cb) {
      L.push(`_destroy(${fmt(err)})`);
      setImmediate(() => cb(new Error('from destroy')));
    },
  });
  watch(L, 'c', r3);
  r3.destroy(null, (err) => L.push(`cb(${fmt(err)})`));
  L.push(`closed=${r3.closed}`);
  await settle();
  L.push(`closed=${r3.closed}`);
  const r4 = new Readable({ read() {}, destroy(err, cb) { throw new Error('thrown in destroy'); } });
  watch(L, 'd', r4);
  r4.destroy();
  await settle();
  const r5 = new Readable({ read() {}, emitClose: false });
  watch(L, 'e', r5);
  r5.destroy(new Error('e5'));
  r5.destroy(null, () => L.push('e-cb-after-destroyed'));
  await settle();
  const r6 = new Readable({ read() {} });
  watch(L, 'f', r6);
  r6.push('pending');
  r6.on('data', (d) => L.push(`f:data:${fmt(d)}`));
  r6.destroy();
  await settle();
  log(L.join(' '));
});

test('readable destroy in read and data', async () => {
  const L = [];
  const r = new Readable({
    read() {
      this.push('a');
      this.destroy(new Error('in read'));
    },
  });
  watch(L, 'r', r);
  r.on('data', (d) => L.push(`data:${fmt(d)}`));
  await settle();
  const r2 = new Readable({ read() {} });
  watch(L, 'r2', r2);
  r2.on('data', (d) => {
    L.push(`data:${fmt(d)}`);
    r2.destroy();
  });
  r2.push('x');
  r2.push('y');
  await settle();
  const r3 = new Readable({ read() { throw new Error('read threw'); } });
  watch(L, 'r3', r3);
  r3.resume();
  await settle();
  log(L.join(' '));
});

test('readable error then push', async () => {
  const L = [];
  const r = new Readable({ read() {}, autoDestroy: false });
  watch(L, 'r', r);
  r.destroy(new Error('x'));
  L.push(r.push('a'), r.readableLength);
  await settle();
  log(L.map(String).join(' '));
});

test('readable _read not implemented', async () => {
  const L = [];
  const r = new Readable();
  watch(L, 'r', r);
  r.read();
  await settle();
  const r2 = new Readable({ autoDestroy: false });
  watch(L, 'r2', r2);
  r2.read();
  await settle();
  L.push(r2.destroyed);
  log(L.join(' '));
});

test('readable construct', async () => {
  const L = [];
  const r = new Readable({
    construct(cb) {
      L.push('construct');
      setImmediate(() => {
        L.push('constructed');
        cb();
      });
    },
    read() {
      L.push('_read');
      this.push('x');
      this.push(null);
    },
  });
  watch(L, 'r', r);
  r.on('data', (d) => L.push(`data:${fmt(d)}`));
  L.push('sync');
  ticks(L);
  await settle(6);
  const r2 = new Readable({
    construct(cb) { cb(new Error('construct failed')); },
    read() { L.push('never'); },
  });
  watch(L, 'r2', r2);
  r2.resume();
  await settle();
  const r3 = new Readable({
    construct(cb) { setImmediate(cb); },
    read() {},
  });
  watch(L, 'r3', r3);
  r3.destroy(new Error('destroyed while constructing'));
  L.push(`r3 destroyed=${r3.destroyed}`);
  await settle(6);
  const r4 = new Readable({ construct(cb) { throw new Error('construct threw'); }, read() {} });
  watch(L, 'r4', r4);
  await settle();
  const r5 = new Readable({ construct(cb) { cb(); cb(); }, read() {} });
  watch(L, 'r5', r5);
  await settle();
  const r6 = new Readable({ construct(cb) { cb(); }, read() { L.push('r6 _read'); } });
  r6.push('early');
  L.push(`r6 len=${r6.readableLength}`);
  r6.on('readable', () => L.push('r6 readable'));
  await settle();
  log(L.join(' '));
});

test('readable async iterator', async () => {
  const L = [];
  const r = new Readable({ objectMode: true, read() {} });
  r.push(1);
  r.push(2);
  setImmediate(() => {
    r.push(3);
    r.push(null);
  });
  for await (const v of r) L.push(v);
  L.push(`destroyed=${r.destroyed}`);
  const r2 = Readable.from([1, 2, 3, 4]);
  for await (const v of r2) {
    L.push(`v${v}`);
    if (v === 2) break;
  }
  L.push(`r2 destroyed=${r2.destroyed}`);
  await settle();
  L.push(`r2 closed=${r2.closed}`);
  const r3 = Readable.from([1, 2, 3]);
  for await (const v of r3.iterator({ destroyOnReturn: false })) {
    L.push(`w${v}`);
    break;
  }
  L.push(`r3 destroyed=${r3.destroyed}`);
  for await (const v of r3) L.push(`rest${v}`);
  const r4 = new Readable({ read() {} });
  setImmediate(() => r4.destroy(new Error('iter error')));
  try {
    for await (const v of r4) L.push(v);
  } catch (e) {
    L.push(`caught:${fmtErr(e)}`);
  }
  const r5 = new Readable({ read() {} });
  setImmediate(() => r5.destroy());
  try {
    for await (const v of r5) L.push(v);
    L.push('r5 done');
  } catch (e) {
    L.push(`r5 caught:${fmtErr(e)}`);
  }
  const r6 = new Readable({ read() {} });
  r6.push('abc');
  r6.push('def');
  r6.push(null);
  const chunks = [];
  for await (const c of r6) chunks.push(fmt(c));
  L.push(chunks.join('|'));
  const r7 = Readable.from(['a', 'b']);
  try {
    for await (const c of r7) {
      L.push(c);
      throw new Error('body threw');
    }
  } catch (e) {
    L.push(`r7:${fmtErr(e)} destroyed=${r7.destroyed}`);
  }
  log(L.map(String).join(' '));
  log(tryCall(() => r.iterator(1)), typeof r[Symbol.asyncIterator]().next, r6.iterator().stream === r6);
});

test('readable async iterator manual next', async () => {
  const L = [];
  const r = new Readable({ objectMode: true, read() {} });
  const it = r[Symbol.asyncIterator]();
  const p1 = it.next();
  const p2 = it.next();
  r.push('a');
  r.push('b');
  r.push(null);
  L.push(JSON.stringify(await p1), JSON.stringify(await p2), JSON.stringify(await it.next()));
  const r2 = Readable.from([1, 2]);
  const it2 = r2[Symbol.asyncIterator]();
  L.push(JSON.stringify(await it2.next()), JSON.stringify(await it2.return()), JSON.stringify(await it2.next()));
  L.push(`destroyed=${r2.destroyed}`);
  const r3 = new Readable({ read() {}, autoDestroy: false });
  const it3 = r3[Symbol.asyncIterator]();
  setImmediate(() => r3.destroy(new Error('no auto')));
  try {
    await it3.next();
  } catch (e) {
    L.push(`it3:${fmtErr(e)}`);
  }
  log(L.join(' '));
});

test('readable asyncDispose', async () => {
  const L = [];
  const key = Symbol.asyncDispose ?? Symbol.for('nodejs.asyncDispose');
  const r = new Readable({ read() {} });
  watch(L, 'r', r);
  const p = r[key]();
  L.push(`destroyed=${r.destroyed}`);
  await p.then((v) => L.push(`resolved:${v}`), (e) => L.push(`rejected:${fmtErr(e)}`));
  const r2 = Readable.from([]);
  r2.resume();
  await settle();
  await r2[key]().then((v) => L.push(`r2 resolved:${v}`), (e) => L.push(`r2 rejected:${fmtErr(e)}`));
  log(L.join(' '));
});

test('Readable.from', async () => {
  const L = [];
  const collect = async (tag, r) => {
    try {
      const out = [];
      r.on('end', () => out.push('END'));
      for await (const c of r) out.push(fmt(c));
      L.push(`${tag}=${out.join(',')} om=${r.readableObjectMode} hwm=${r.readableHighWaterMark}`);
    } catch (e) {
      L.push(`${tag} error ${fmtErr(e)}`);
    }
  };
  await collect('array', Readable.from([1, 'a', { b: 2 }]));
  await collect('string', Readable.from('hello'));
  await collect('buffer', Readable.from(Buffer.from('buf')));
  await collect('set', Readable.from(new Set([1, 2])));
  await collect('gen', Readable.from(function* () { yield 1; yield 2; }()));
  await collect('agen', Readable.from(async function* () { yield 'x'; yield 'y'; }()));
  await collect('promises', Readable.from([Promise.resolve(1), 2, Promise.resolve(3)]));
  await collect('nullval', Readable.from([1, null, 2]));
  await collect('asyncnull', Readable.from(async function* () { yield 1; yield null; }()));
  await collect('promisenull', Readable.from([Promise.resolve(null)]));
  await collect('opts', Readable.from(['a', 'b'], { objectMode: false }));
  await collect('hwm', Readable.from([1, 2], { highWaterMark: 5 }));
  await collect('throwing', Readable.from(function* () { yield 1; throw new Error('gen threw'); }()));
  await collect('athrowing', Readable.from(async function* () { yield 1; throw new Error('agen threw'); }()));
  await collect('rejected', Readable.from([Promise.reject(new Error('rejected value'))]));
  await collect('customasync', Readable.from({ [Symbol.asyncIterator]() { let i = 0; return { next: () => Promise.resolve(i < 2 ? { value: i++, done: false } : { done: true }) }; } }));
  await collect('asyncpromisevalue', Readable.from({ [Symbol.asyncIterator]() { let i = 0; return { next: async () => (i++ < 1 ? { value: Promise.resolve('pv'), done: false } : { done: true }) }; } }));
  for (const bad of [null, undefined, 1, {}, Symbol.iterator]) L.push(tryCall(() => Readable.from(bad)));
  log(L.join(' | '));
});

test('Readable.from timing', async () => {
  const L = [];
  const r = Readable.from([1, 2, 3]);
  r.on('data', (d) => L.push(`d${d}`));
  r.on('end', () => L.push('end'));
  r.on('close', () => L.push('close'));
  ticks(L);
  await settle();
  const r2 = Readable.from(async function* () { yield 1; yield 2; }());
  r2.on('data', (d) => L.push(`a${d}`));
  r2.on('end', () => L.push('aend'));
  r2.on('close', () => L.push('aclose'));
  ticks(L, '2');
  await settle();
  const r3 = Readable.from([1, Promise.resolve(2), 3]);
  r3.on('data', (d) => L.push(`p${d}`));
  r3.on('end', () => L.push('pend'));
  ticks(L, '3');
  await settle();
  log(L.join(' '));
});

test('Readable.from destroy cleanup', async () => {
  const L = [];
  function* gen() {
    try {
      yield 1;
      yield 2;
      yield 3;
    } finally {
      L.push('gen finally');
    }
  }
  const r = Readable.from(gen());
  r.on('data', (d) => {
    L.push(`d${d}`);
    if (d === 1) r.destroy();
  });
  r.on('close', () => L.push('close'));
  await settle();
  async function* agen() {
    try {
      yield 'a';
      yield 'b';
    } catch (e) {
      L.push(`agen caught ${e.message}`);
      yield 'c';
    } finally {
      L.push('agen finally');
    }
  }
  const r2 = Readable.from(agen());
  r2.on('data', (d) => {
    L.push(`d${d}`);
    r2.destroy(new Error('stop'));
  });
  r2.on('error', (e) => L.push(`error:${e.message}`));
  r2.on('close', () => L.push('close2'));
  await settle();
  log(L.join(' '));
});

test('readable wrap', async () => {
  const L = [];
  const EE = require('events');
  const old = new EE();
  old.pause = () => L.push('old.pause');
  old.resume = () => L.push('old.resume');
  old.extra = function() { return 'extra'; };
  const r = new Readable({ highWaterMark: 2 }).wrap(old);
  watch(L, 'r', r);
  r.on('data', (d) => L.push(`data:${fmt(d)}`));
  old.emit('data', Buffer.from('abc'));
  old.emit('data', 'de');
  await settle();
  old.emit('end');
  await settle();
  L.push(typeof r.extra, typeof r.pause);
  const old2 = new EE();
  const r2 = new Readable({ objectMode: true }).wrap(old2);
  r2.on('error', (e) => L.push(`r2 error:${e.message}`));
  r2.on('close', () => L.push('r2 close'));
  old2.emit('error', new Error('old err'));
  await settle();
  const old3 = new EE();
  const r3 = Readable.wrap(old3);
  L.push(`r3 om=${r3.readableObjectMode}`);
  r3.on('close', () => L.push('r3 close'));
  old3.emit('close');
  await settle();
  const old4 = new EE();
  old4.readableObjectMode = false;
  const r4 = Readable.wrap(old4, { highWaterMark: 3 });
  L.push(`r4 om=${r4.readableObjectMode} hwm=${r4.readableHighWaterMark}`);
  const old5 = new EE();
  const it = [];
  setImmediate(() => {
    old5.emit('data', 'p');
    old5.emit('data', 'q');
    old5.emit('end');
  });
  for await (const c of Readable.prototype[Symbol.asyncIterator].call(old5)) it.push(fmt(c));
  L.push(`iter legacy=${it.join(',')}`);
  log(L.join(' '));
});

test('readable highWaterMark 0', async () => {
  const L = [];
  let n = 0;
  const r = new Readable({
    highWaterMark: 0,
    read() {
      n++;
      L.push(`_read${n}`);
      if (n < 3) this.push(`v${n}`);
      else this.push(null);
    },
  });
  r.on('readable', () => {
    L.push('readable');
    let c;
    while ((c = r.read()) !== null) L.push(fmt(c));
  });
  r.on('end', () => L.push('end'));
  await settle();
  log(L.join(' '));
  const o = new Readable({ objectMode: true, highWaterMark: 0, read() {} });
  log(o.push('a'), o.readableLength, o.push('b'), o.readableLength);
});

test('readable maybeReadMore', async () => {
  const L = [];
  let n = 0;
  const r = new Readable({
    highWaterMark: 6,
    read(size) {
      n++;
      L.push(`_read${n}(${size}) len=${this.readableLength}`);
      if (n > 5) return this.push(null);
      process.nextTick(() => this.push('ab'));
    },
  });
  r.once('readable', () => L.push(`readable len=${r.readableLength}`));
  await settle();
  L.push(`len=${r.readableLength}`);
  log(L.join(' '));
});

test('readable properties', async () => {
  const r = new Readable({ read() {} });
  const props = () => [r.readable, r.readableAborted, r.readableDidRead, r.readableEnded, r.readableFlowing, r.readableLength,
    r.readableObjectMode, r.readableEncoding, r.readableHighWaterMark, r.destroyed, r.closed, fmt(r.errored)].join(',');
  const L = [props()];
  r.push('a');
  L.push(props());
  r.read();
  L.push(props());
  r.push(null);
  r.read();
  await settle();
  L.push(props());
  const r2 = new Readable({ read() {} });
  r2.on('error', () => {});
  r2.destroy(new Error('e'));
  L.push([r2.readable, r2.readableAborted, r2.destroyed, r2.closed, fmt(r2.errored)].join(','));
  await settle();
  L.push([r2.readable, r2.readableAborted, r2.destroyed, r2.closed].join(','));
  r2.destroyed = false;
  L.push(r2.destroyed);
  const r3 = new Readable();
  r3.readable = false;
  L.push(r3.readable, r3._readableState.readable);
  log(L.join(' | '));
  const st = new Readable({ read() {} })._readableState;
  log(st.pipesCount, st.paused, st.flowing, st.objectMode, st.ended, st.constructed, st.sync, st.errored, st.decoder, st.encoding, st.defaultEncoding, Array.isArray(st.buffer), st.bufferIndex, st.awaitDrainWriters);
  st.paused = true;
  log(st.paused);
  log(Readable.ReadableState === st.constructor, typeof Readable._fromList);
});

test('readable captureRejections', async () => {
  const L = [];
  const r = new Readable({ read() {}, captureRejections: true });
  r.on('error', (e) => L.push(`error:${e.message}`));
  r.on('close', () => L.push('close'));
  r.on('data', async () => {
    throw new Error('async listener');
  });
  r.push('x');
  await settle();
  log(L.join(' '));
});

// ---------------------------------------------------------------------------
// Writable

test('writable basic order', async () => {
  const L = [];
  const w = new Writable({
    write(chunk, enc, cb) {
      L.push(`_write(${fmt(chunk)},${enc})`);
      cb();
    },
  });
  watch(L, 'w', w);
  L.push(`ret=${w.write('a')}`);
  L.push(`ret=${w.write(Buffer.from('b'), () => L.push('cb-b'))}`);
  L.push(`ret=${w.write(new Uint8Array([1]), 'utf8', () => L.push('cb-u8'))}`);
  w.end('z', () => L.push('end-cb'));
  L.push(`ended=${w.writableEnded},finished=${w.writableFinished}`);
  ticks(L);
  await settle();
  L.push(`finished=${w.writableFinished},destroyed=${w.destroyed},closed=${w.closed}`);
  log(L.join(' '));
});

test('writable async write', async () => {
  const L = [];
  const w = new Writable({
    highWaterMark: 3,
    write(chunk, enc, cb) {
      L.push(`_write(${fmt(chunk)})`);
      setImmediate(() => {
        L.push(`done(${fmt(chunk)})`);
        cb();
      });
    },
  });
  watch(L, 'w', w);
  L.push(w.write('ab'), w.writableLength, w.writableNeedDrain);
  L.push(w.write('cd', () => L.push('cb-cd')), w.writableLength, w.writableNeedDrain);
  L.push(w.write('e'), w.writableLength);
  L.push(`buffer=${w.writableBuffer.length}`, `count=${w._writableState.bufferedRequestCount}`);
  await settle(8);
  L.push(w.writableNeedDrain, w.writableLength);
  w.end();
  await settle(4);
  log(L.map(String).join(' '));
});

test('writable drain sync', async () => {
  const L = [];
  const w = new Writable({ highWaterMark: 2, write(c, e, cb) { cb(); } });
  watch(L, 'w', w);
  L.push(w.write('abc'), w.writableNeedDrain, w.writableLength);
  L.push(w.write('d'));
  ticks(L);
  await settle();
  L.push(w.writableNeedDrain);
  log(L.map(String).join(' '));
});

test('writable callbacks same cb batching', async () => {
  const L = [];
  const w = new Writable({ write(c, e, cb) { cb(); } });
  const cb = (err) => L.push(`cb(${fmt(err)})`);
  w.write('a', cb);
  w.write('b', cb);
  w.write('c', cb);
  w.write('d', () => L.push('other'));
  w.write('e', cb);
  ticks(L);
  await settle();
  const w2 = new Writable({ objectMode: true, write(c, e, cb) { cb(); } });
  watch(L, 'o', w2);
  w2.write(1);
  w2.write(2);
  w2.end();
  ticks(L, 'o');
  await settle();
  const w3 = new Writable({ write(c, e, cb) { cb(); } });
  watch(L, 'b', w3);
  w3.write('1');
  w3.end();
  ticks(L, 'b');
  await settle();
  log(L.join(' '));
});

test('writable cork/uncork writev', async () => {
  const L = [];
  const w = new Writable({
    write(chunk, enc, cb) {
      L.push(`_write(${fmt(chunk)},${enc})`);
      cb();
    },
    writev(chunks, cb) {
      L.push(`_writev(${chunks.map((c) => `${fmt(c.chunk)}:${c.encoding}`).join(';')} all=${chunks.allBuffers})`);
      cb();
    },
  });
  watch(L, 'w', w);
  w.cork();
  w.write('a');
  w.write('b', () => L.push('cb-b'));
  w.cork();
  L.push(`corked=${w.writableCorked}`);
  w.uncork();
  L.push(`corked=${w.writableCorked},len=${w.writableLength}`);
  w.uncork();
  L.push(`corked=${w.writableCorked},len=${w.writableLength}`);
  w.uncork();
  w.cork();
  w.write('single');
  w.uncork();
  await settle();
  const w2 = new Writable({
    decodeStrings: false,
    writev(chunks, cb) {
      L.push(`v2(${chunks.map((c) => `${fmt(c.chunk)}:${c.encoding}`).join(';')} all=${chunks.allBuffers})`);
      cb();
    },
  });
  watch(L, 'w2', w2);
  w2.cork();
  w2.write('x');
  w2.write(Buffer.from('y'));
  w2.write('7a', 'hex');
  w2.end('end');
  await settle();
  log(L.join(' '));
});

test('writable only writev', async () => {
  const L = [];
  const w = new Writable({
    writev(chunks, cb) {
      L.push(`writev(${chunks.length})`);
      cb();
    },
  });
  w.write('a');
  w.write('b');
  w.write('c');
  w.end();
  w.on('finish', () => L.push('finish'));
  await settle();
  log(L.join(' '));
});

test('writable end behaviours', async () => {
  const L = [];
  const w = new Writable({ write(c, e, cb) { cb(); } });
  watch(L, 'w', w);
  w.end();
  w.end(() => L.push('end2-cb'));
  L.push(tryCall(() => w.write('late')));
  w.write('late2', (err) => L.push(`late-cb:${fmtErr(err)}`));
  await settle();
  w.end((err) => L.push(`end3:${fmtErr(err)}`));
  w.end('data', (err) => L.push(`end4:${fmtErr(err)}`));
  await settle();
  log(L.join(' '));
  const L2 = [];
  const w2 = new Writable({ write(c, e, cb) { cb(); }, autoDestroy: false });
  watch(L2, 'w2', w2);
  w2.end('a');
  w2.write('b');
  await settle();
  log(L2.join(' '));
  const L3 = [];
  const w3 = new Writable({ write(c, e, cb) { cb(); } });
  watch(L3, 'w3', w3);
  w3.end(null, () => L3.push('cb-null'));
  w3.end(undefined, 'utf8', () => L3.push('cb-undef'));
  await settle();
  log(L3.join(' '));
  const L4 = [];
  const w4 = new Writable({ write(c, e, cb) { cb(); } });
  w4.on('error', (e) => L4.push(`error:${fmtErr(e)}`));
  w4.destroy();
  w4.end((err) => L4.push(`end-after-destroy:${fmtErr(err)}`));
  await settle();
  log(L4.join(' '));
});

test('writable final', async () => {
  const L = [];
  const w = new Writable({
    write(c, e, cb) {
      L.push(`_write(${fmt(c)})`);
      cb();
    },
    final(cb) {
      L.push('_final');
      setImmediate(() => {
        L.push('final-done');
        cb();
      });
    },
  });
  watch(L, 'w', w);
  w.write('a');
  w.end(() => L.push('end-cb'));
  await settle();
  const w2 = new Writable({ write(c, e, cb) { cb(); }, final(cb) { L.push('_final2'); cb(); } });
  watch(L, 'w2', w2);
  w2.end();
  ticks(L, '2');
  await settle();
  const w3 = new Writable({ write(c, e, cb) { cb(); }, final(cb) { cb(new Error('final failed')); } });
  watch(L, 'w3', w3);
  w3.end((err) => L.push(`w3 end-cb:${fmtErr(err)}`));
  await settle();
  const w4 = new Writable({ write(c, e, cb) { cb(); }, final(cb) { throw new Error('final threw'); } });
  watch(L, 'w4', w4);
  w4.end();
  await settle();
  const w5 = new Writable({ write(c, e, cb) { cb(); }, final(cb) { cb(); cb(); } });
  watch(L, 'w5', w5);
  w5.end();
  await settle();
  const w6 = new Writable({ write(c, e, cb) { cb(); }, final(cb) { setImmediate(cb); } });
  watch(L, 'w6', w6);
  w6.end();
  w6.destroy();
  await settle();
  log(L.join(' '));
});

test('writable errors from write', async () => {
  const L = [];
  const w = new Writable({
    write(chunk, enc, cb) {
      L.push(`_write(${fmt(chunk)})`);
      cb(new Error('write failed'));
    },
  });
  watch(L, 'w', w);
  L.push(`ret=${w.write('a', (err) => L.push(`cb-a:${fmtErr(err)}`))}`);
  L.push(`ret=${w.write('b', (err) => L.push(`cb-b:${fmtErr(err)}`))}`);
  L.push(`errored=${fmt(w.errored)},writable=${w.writable}`);
  await settle();
  const w2 = new Writable({
    write(chunk, enc, cb) {
      setImmediate(() => cb(new Error('async fail')));
    },
  });
  watch(L, 'w2', w2);
  w2.write('a', (err) => L.push(`w2 cb-a:${fmtErr(err)}`));
  w2.write('b', (err) => L.push(`w2 cb-b:${fmtErr(err)}`));
  w2.end((err) => L.push(`w2 end:${fmtErr(err)}`));
  await settle(6);
  const w3 = new Writable({
    autoDestroy: false,
    write(chunk, enc, cb) { cb(new Error('noauto fail')); },
  });
  watch(L, 'w3', w3);
  w3.write('a', (err) => L.push(`w3 cb:${fmtErr(err)}`));
  await settle();
  L.push(`w3 destroyed=${w3.destroyed} errored=${fmt(w3.errored)} writable=${w3.writable}`);
  w3.write('b', (err) => L.push(`w3 cb2:${fmtErr(err)}`));
  w3.end((err) => L.push(`w3 end:${fmtErr(err)}`));
  await settle();
  log(L.join(' '));
});

test('writable multiple callback', async () => {
  const L = [];
  const w = new Writable({ write(c, e, cb) { cb(); cb(); } });
  watch(L, 'w', w);
  w.write('a');
  await settle();
  const w2 = new Writable({ write(c, e, cb) { cb(); setImmediate(cb); } });
  watch(L, 'w2', w2);
  w2.write('a');
  await settle();
  log(L.join(' '));
});

test('writable invalid chunks', async () => {
  const L = [];
  const w = new Writable({ write(c, e, cb) { cb(); } });
  for (const c of [1, {}, true, [], null, undefined]) L.push(tryCall(() => w.write(c)));
  L.push(tryCall(() => w.write('a', 'bogus')));
  L.push(tryCall(() => w.write(new Uint16Array(2))));
  L.push(tryCall(() => w.write(new DataView(new ArrayBuffer(2)))));
  L.push(tryCall(() => w.end(5)));
  const o = new Writable({ objectMode: true, write(c, e, cb) { L.push(`obj:${fmt(c)}:${e}`); cb(); } });
  for (const c of [1, {}, false, '', undefined]) L.push(tryCall(() => o.write(c)));
  L.push(tryCall(() => o.write(null)));
  await settle();
  log(L.join(' | '));
});

test('writable encodings', async () => {
  const L = [];
  const w = new Writable({ decodeStrings: false, write(c, e, cb) { L.push(`${fmt(c)}:${e}`); cb(); } });
  w.write('a');
  w.write('b', 'hex');
  w.write('c', 'latin1');
  w.write(Buffer.from('d'), 'hex');
  w.write('e', 'buffer');
  L.push(tryCall(() => w.setDefaultEncoding('UCS2') === w));
  w.write('f');
  L.push(tryCall(() => w.setDefaultEncoding('bad')));
  L.push(tryCall(() => w.setDefaultEncoding(null)));
  L.push(w._writableState.defaultEncoding);
  const w2 = new Writable({ write(c, e, cb) { L.push(`${fmt(c)}:${e}`); cb(); } });
  w2.write('6869', 'hex');
  w2.write('aGk=', 'base64');
  w2.setDefaultEncoding('latin1');
  w2.write('ÿ');
  const w3 = new Writable({ defaultEncoding: 'hex', write(c, e, cb) { L.push(`w3:${fmt(c)}:${e}`); cb(); } });
  w3.write('4142');
  await settle();
  log(L.join(' '));
});

test('writable destroy pending', async () => {
  const L = [];
  const w = new Writable({
    write(c, e, cb) {
      L.push(`_write(${fmt(c)})`);
      setImmediate(cb);
    },
  });
  watch(L, 'w', w);
  w.write('a', (err) => L.push(`cb-a:${fmtErr(err)}`));
  w.write('b', (err) => L.push(`cb-b:${fmtErr(err)}`));
  w.write('c', (err) => L.push(`cb-c:${fmtErr(err)}`));
  w.end((err) => L.push(`end:${fmtErr(err)}`));
  w.destroy();
  L.push(`destroyed=${w.destroyed},writable=${w.writable},aborted=${w.writableAborted}`);
  await settle();
  w.write('d', (err) => L.push(`cb-d:${fmtErr(err)}`));
  await settle();
  log(L.join(' '));
  const L2 = [];
  const w2 = new Writable({ write(c, e, cb) { setImmediate(cb); } });
  watch(L2, 'w2', w2);
  w2.write('a', (err) => L2.push(`cb-a:${fmtErr(err)}`));
  w2.write('b', (err) => L2.push(`cb-b:${fmtErr(err)}`));
  w2.destroy(new Error('kaput'));
  await settle();
  log(L2.join(' '));
});

test('writable construct', async () => {
  const L = [];
  const w = new Writable({
    construct(cb) {
      L.push('construct');
      setImmediate(() => {
        L.push('constructed');
        cb();
      });
    },
    write(c, e, cb) {
      L.push(`_write(${fmt(c)})`);
      cb();
    },
    final(cb) {
      L.push('_final');
      cb();
    },
  });
  watch(L, 'w', w);
  L.push(`ret=${w.write('a')}`);
  w.end('b');
  L.push(`len=${w.writableLength}`);
  await settle(6);
  const w2 = new Writable({
    construct(cb) { setImmediate(() => cb(new Error('bad construct'))); },
    write(c, e, cb) { cb(); },
  });
  watch(L, 'w2', w2);
  w2.write('x', (err) => L.push(`w2 cb:${fmtErr(err)}`));
  await settle(6);
  log(L.join(' '));
});

test('writable properties', async () => {
  const w = new Writable({ highWaterMark: 5, write(c, e, cb) { setImmediate(cb); } });
  const props = () => [w.writable, w.writableEnded, w.writableFinished, w.writableNeedDrain, w.writableLength, w.writableCorked,
    w.writableHighWaterMark, w.writableObjectMode, w.writableAborted, w.destroyed, w.closed, fmt(w.errored), w.writableBuffer.length].join(',');
  const L = [props()];
  w.write('abcdef');
  w.write('g');
  L.push(props());
  w.cork();
  L.push(props());
  w.end();
  L.push(props());
  await settle();
  L.push(props());
  log(L.join(' | '));
  const w2 = new Writable();
  w2.writable = false;
  log(w2.writable, w2._writableState.writable, new Writable()._writableState.writable);
  const st = new Writable()._writableState;
  log(st.objectMode, st.finalCalled, st.needDrain, st.ending, st.ended, st.finished, st.destroyed, st.decodeStrings, st.writing, st.sync,
    st.bufferProcessing, st.constructed, st.prefinished, st.errorEmitted, st.emitClose, st.autoDestroy, st.closed, st.closeEmitted,
    st.allBuffers, st.allNoop, st.errored, st.defaultEncoding, typeof st.writecb, st.afterWriteTickInfo, JSON.stringify(st.buffered),
    JSON.stringify(st.getBuffer()), st.bufferedRequestCount, st.pendingcb, st.writelen, st.corked, typeof st.onwrite);
  log(Writable.WritableState === st.constructor);
});

test('writable pipe error', async () => {
  const L = [];
  const w = new Writable();
  w.on('error', (e) => L.push(`error:${fmtErr(e)}`));
  L.push(`ret=${w.pipe(new Writable())}`);
  await settle();
  log(L.join(' '));
});

test('writable destroy during write', async () => {
  const L = [];
  const w = new Writable({
    write(c, e, cb) {
      this.destroy();
      cb();
    },
  });
  watch(L, 'w', w);
  w.write('a', (err) => L.push(`cb:${fmtErr(err)}`));
  w.write('b', (err) => L.push(`cb2:${fmtErr(err)}`));
  await settle();
  log(L.join(' '));
});

test('writable state flags timeline', async () => {
  const L = [];
  const w = new Writable({ highWaterMark: 1, write(c, e, cb) { setImmediate(cb); } });
  L.push(stateFlags(w));
  w.write('a');
  L.push(stateFlags(w));
  w.write('b', () => {});
  L.push(stateFlags(w));
  w.cork();
  L.push(stateFlags(w));
  w.end(() => {});
  L.push(stateFlags(w));
  await settle();
  L.push(stateFlags(w));
  const r = new Readable({ read() {} });
  r.on('data', () => {});
  L.push(stateFlags(r));
  r.push('x');
  L.push(stateFlags(r));
  await settle();
  L.push(stateFlags(r));
  r.pause();
  r.push(null);
  L.push(stateFlags(r));
  r.resume();
  await settle();
  L.push(stateFlags(r));
  log(L.join(' '));
});

// ---------------------------------------------------------------------------
// Duplex / Transform / PassThrough

test('duplex basics', async () => {
  const L = [];
  const d = new Duplex({
    read() {},
    write(c, e, cb) {
      L.push(`_write(${fmt(c)})`);
      this.push(c);
      cb();
    },
    final(cb) {
      L.push('_final');
      this.push(null);
      cb();
    },
  });
  watch(L, 'd', d);
  d.on('data', (c) => L.push(`data:${fmt(c)}`));
  d.write('a');
  d.end('b');
  await settle();
  L.push(`destroyed=${d.destroyed},readable=${d.readable},writable=${d.writable}`);
  log(L.join(' '));
});

test('duplex allowHalfOpen false', async () => {
  const L = [];
  const d = new Duplex({
    allowHalfOpen: false,
    read() {},
    write(c, e, cb) { cb(); },
  });
  watch(L, 'd', d);
  d.resume();
  d.push(null);
  await settle();
  L.push(`writableEnded=${d.writableEnded}`);
  log(L.join(' '));
  const L2 = [];
  const d2 = new Duplex({ read() {}, write(c, e, cb) { cb(); } });
  watch(L2, 'd2', d2);
  d2.resume();
  d2.push(null);
  await settle();
  L2.push(`destroyed=${d2.destroyed},writable=${d2.writable}`);
  d2.end();
  await settle();
  L2.push(`destroyed=${d2.destroyed}`);
  log(L2.join(' '));
});

test('duplex disabled sides', async () => {
  const L = [];
  const d = new Duplex({ readable: false, write(c, e, cb) { cb(); } });
  watch(L, 'd', d);
  L.push(`readable=${d.readable},ended=${d.readableEnded}`);
  d.end('x');
  await settle();
  const d2 = new Duplex({ writable: false, read() {} });
  watch(L, 'd2', d2);
  L.push(`writable=${d2.writable},finished=${d2.writableFinished}`);
  L.push(tryCall(() => d2.write('a')));
  d2.resume();
  d2.push(null);
  await settle();
  log(L.join(' '));
  log(stream.isReadable(d), stream.isWritable(d2), d.writableAborted, d.closed);
});

test('duplex destroy', async () => {
  const L = [];
  const d = new Duplex({ read() {}, write(c, e, cb) { setImmediate(cb); } });
  watch(L, 'd', d);
  d.write('a', (err) => L.push(`cb-a:${fmtErr(err)}`));
  d.write('b', (err) => L.push(`cb-b:${fmtErr(err)}`));
  d.destroy(new Error('duplex boom'));
  L.push(`destroyed=${d.destroyed},r=${d._readableState.destroyed},w=${d._writableState.destroyed}`);
  await settle();
  d.destroyed = false;
  L.push(`destroyed=${d.destroyed}`);
  const d2 = new Duplex({
    read() {},
    write(c, e, cb) { cb(new Error('dw')); },
  });
  watch(L, 'd2', d2);
  d2.write('x');
  L.push(`d2 readable errored=${fmt(d2._readableState.errored)}`);
  await settle();
  log(L.join(' '));
});

test('duplex construct', async () => {
  const L = [];
  const d = new Duplex({
    construct(cb) { L.push('construct'); setImmediate(cb); },
    read() { L.push('_read'); this.push(null); },
    write(c, e, cb) { L.push(`_write(${fmt(c)})`); cb(); },
  });
  watch(L, 'd', d);
  d.write('x');
  d.end();
  d.resume();
  await settle(6);
  log(L.join(' '));
});

test('transform basics', async () => {
  const L = [];
  const t = new Transform({
    transform(chunk, enc, cb) {
      L.push(`_transform(${fmt(chunk)},${enc})`);
      cb(null, chunk.toString().toUpperCase());
    },
    flush(cb) {
      L.push('_flush');
      this.push('!');
      cb(null, '?');
    },
  });
  watch(L, 't', t);
  t.on('data', (d) => L.push(`data:${fmt(d)}`));
  t.write('a');
  t.write('b');
  t.end('c');
  ticks(L);
  await settle();
  log(L.join(' '));
});

test('transform multiple pushes and errors', async () => {
  const L = [];
  const t = new Transform({
    objectMode: true,
    transform(chunk, enc, cb) {
      this.push(chunk);
      this.push(chunk * 10);
      cb();
    },
  });
  t.on('data', (d) => L.push(d));
  t.on('end', () => L.push('end'));
  t.write(1);
  t.write(2);
  t.end();
  await settle();
  const t2 = new Transform({ transform(chunk, enc, cb) { cb(new Error('tx fail')); } });
  watch(L, 't2', t2);
  t2.write('a', (err) => L.push(`t2 cb:${fmtErr(err)}`));
  await settle();
  const t3 = new Transform({ transform(c, e, cb) { cb(); }, flush(cb) { cb(new Error('flush fail')); } });
  watch(L, 't3', t3);
  t3.resume();
  t3.end((err) => L.push(`t3 end:${fmtErr(err)}`));
  await settle();
  const t4 = new Transform();
  watch(L, 't4', t4);
  L.push(tryCall(() => t4.end('x')));
  await settle();
  const t5 = new Transform({ transform(c, e, cb) { throw new Error('tx threw'); } });
  watch(L, 't5', t5);
  L.push(tryCall(() => t5.write('a')));
  await settle();
  log(L.map(String).join(' '));
});

test('transform backpressure', async () => {
  const L = [];
  let calls = 0;
  const t = new Transform({
    highWaterMark: 2,
    objectMode: true,
    transform(c, e, cb) {
      calls++;
      L.push(`tx${c}`);
      cb(null, c);
    },
  });
  for (let i = 1; i <= 6; i++) L.push(`w${i}=${t.write(i)}`);
  L.push(`rlen=${t.readableLength},wlen=${t.writableLength}`);
  await settle();
  L.push(`calls=${calls} rlen=${t.readableLength},wlen=${t.writableLength}`);
  L.push(`read=${t.read()}`);
  await settle();
  L.push(`calls=${calls} rlen=${t.readableLength},wlen=${t.writableLength}`);
  t.on('data', (d) => L.push(`data${d}`));
  await settle();
  L.push(`calls=${calls}`);
  log(L.join(' '));
});

test('transform push null in transform', async () => {
  const L = [];
  const t = new Transform({
    transform(c, e, cb) {
      this.push(c);
      this.push(null);
      cb();
    },
  });
  watch(L, 't', t);
  t.on('data', (d) => L.push(`data:${fmt(d)}`));
  t.write('a', (err) => L.push(`cb:${fmtErr(err)}`));
  t.write('b', (err) => L.push(`cb2:${fmtErr(err)}`));
  await settle();
  log(L.join(' '));
});

test('transform final override', async () => {
  const L = [];
  class T extends Transform {
    _transform(c, e, cb) { cb(null, c); }
    _flush(cb) { L.push('_flush'); cb(); }
    _final(cb) { L.push('_final'); cb(); }
  }
  const t = new T();
  watch(L, 't', t);
  t.resume();
  t.end('x');
  await settle();
  log(L.join(' '));
});

test('passthrough', async () => {
  const L = [];
  const p = new PassThrough();
  watch(L, 'p', p);
  p.write('ab');
  p.write(Buffer.from('cd'));
  L.push(`len=${p.readableLength}`);
  L.push(`read=${fmt(p.read(3))}`);
  p.end('e');
  L.push(`read=${fmt(p.read())}`);
  await settle();
  L.push(`read=${fmt(p.read())}`);
  await settle();
  const o = new PassThrough({ objectMode: true });
  o.write({ a: 1 });
  o.write([1, 2]);
  L.push(fmt(o.read()), fmt(o.read()), fmt(o.read()));
  const e = new PassThrough({ encoding: 'hex' });
  e.write('AB');
  L.push(fmt(e.read()));
  const h = new PassThrough({ highWaterMark: 1 });
  L.push(h.write('a'), h.write('b'), h.write('c'), h.readableLength, h.writableLength);
  log(L.join(' '));
});

test('duplexPair', async () => {
  const L = [];
  const [a, b] = stream.duplexPair();
  L.push(a instanceof Duplex, b instanceof Duplex, a.constructor.name);
  b.on('data', (d) => L.push(`b:data:${fmt(d)}`));
  a.on('data', (d) => L.push(`a:data:${fmt(d)}`));
  b.on('end', () => L.push('b:end'));
  a.write('hello', () => L.push('a write cb'));
  b.write('world');
  a.end();
  await settle();
  L.push(`a.writableFinished=${a.writableFinished}`);
  b.end();
  await settle();
  const [c, d] = stream.duplexPair({ objectMode: true });
  d.on('data', (v) => L.push(`d:${fmt(v)}`));
  c.write({ x: 1 });
  await settle();
  log(L.join(' '));
});

// ---------------------------------------------------------------------------
// pipe

test('pipe basic', async () => {
  const L = [];
  const r = new Readable({ read() {} });
  const w = new Writable({ write(c, e, cb) { L.push(`w:${fmt(c)}`); cb(); } });
  watch(L, 'r', r);
  watch(L, 'w', w);
  L.push(`ret=${r.pipe(w) === w}`);
  L.push(`flowing=${r.readableFlowing},pipes=${r._readableState.pipes.length}`);
  r.push('a');
  r.push('b');
  r.push(null);
  await settle();
  log(L.join(' '));
});

test('pipe backpressure', async () => {
  const L = [];
  let n = 0;
  const r = new Readable({
    highWaterMark: 2,
    read() {
      n++;
      this.push(n <= 5 ? `c${n}` : null);
    },
  });
  const w = new Writable({
    highWaterMark: 3,
    write(c, e, cb) {
      L.push(`write:${fmt(c)}`);
      setImmediate(cb);
    },
  });
  watch(L, 'r', r, ['pause', 'resume', 'end', 'close']);
  watch(L, 'w', w, ['drain', 'finish', 'close']);
  r.pipe(w);
  await settle(20);
  log(L.join(' '));
});

test('pipe end false and unpipe', async () => {
  const L = [];
  const r = new Readable({ read() {} });
  const w = new Writable({ write(c, e, cb) { L.push(`w:${fmt(c)}`); cb(); } });
  watch(L, 'r', r);
  watch(L, 'w', w);
  r.pipe(w, { end: false });
  r.push('x');
  r.push(null);
  await settle();
  L.push(`w.writableEnded=${w.writableEnded}`);
  log(L.join(' '));
  const L2 = [];
  const r2 = new Readable({ read() {} });
  const w2 = new Writable({ write(c, e, cb) { L2.push(`w2:${fmt(c)}`); cb(); } });
  watch(L2, 'r2', r2);
  watch(L2, 'w2', w2);
  r2.pipe(w2);
  r2.push('a');
  await settle();
  r2.unpipe(w2);
  L2.push(`flowing=${r2.readableFlowing},pipes=${r2._readableState.pipes.length}`);
  r2.push('b');
  await settle();
  L2.push(`len=${r2.readableLength}`);
  r2.unpipe(w2);
  r2.unpipe();
  log(L2.join(' '));
});

test('pipe multiple destinations', async () => {
  const L = [];
  const r = new Readable({ read() {} });
  const mk = (tag, async) => new Writable({
    highWaterMark: 1,
    write(c, e, cb) {
      L.push(`${tag}:${fmt(c)}`);
      if (async) setImmediate(cb); else cb();
    },
  });
  const w1 = mk('w1', true);
  const w2 = mk('w2', false);
  watch(L, 'r', r, ['pause', 'resume', 'end']);
  watch(L, 'w1', w1, ['drain', 'finish', 'unpipe']);
  watch(L, 'w2', w2, ['drain', 'finish', 'unpipe']);
  r.pipe(w1);
  r.pipe(w2);
  L.push(`pipesCount=${r._readableState.pipesCount}`);
  r.push('a');
  r.push('b');
  r.push('c');
  await settle(10);
  r.unpipe();
  L.push(`pipes=${r._readableState.pipes.length},flowing=${r.readableFlowing}`);
  log(L.join(' '));
});

test('pipe dest error', async () => {
  const L = [];
  const r = new Readable({ read() {} });
  const w = new Writable({ write(c, e, cb) { cb(new Error('dest failed')); } });
  watch(L, 'r', r);
  watch(L, 'w', w);
  r.pipe(w);
  r.push('a');
  await settle();
  L.push(`pipes=${r._readableState.pipes.length},flowing=${r.readableFlowing},rdestroyed=${r.destroyed}`);
  log(L.join(' '));
  const L2 = [];
  const r2 = new Readable({ read() {} });
  const w2 = new Writable({ write(c, e, cb) { cb(); } });
  r2.pipe(w2);
  try {
    w2.emit('error', new Error('manual emit'));
  } catch (e) {
    L2.push(`threw:${e.message}`);
  }
  w2.on('error', (e) => L2.push(`later error:${e.message}`));
  await settle();
  L2.push(`w2destroyed=${w2.destroyed},pipes=${r2._readableState.pipes.length}`);
  log(L2.join(' '));
});

test('pipe after end and to ended', async () => {
  const L = [];
  const r = new Readable({ read() {} });
  r.push(null);
  r.resume();
  await settle();
  const w = new Writable({ write(c, e, cb) { cb(); } });
  watch(L, 'w', w);
  r.pipe(w);
  await settle();
  const r2 = new Readable({ read() {} });
  const w2 = new Writable({ write(c, e, cb) { cb(); } });
  w2.end();
  watch(L, 'w2', w2);
  watch(L, 'r2', r2);
  r2.pipe(w2);
  r2.push('late');
  await settle();
  log(L.join(' '));
});

test('pipe dest close unpipes', async () => {
  const L = [];
  const r = new Readable({ read() {} });
  const w = new Writable({ write(c, e, cb) { cb(); } });
  watch(L, 'r', r);
  watch(L, 'w', w);
  r.pipe(w);
  w.destroy();
  await settle();
  L.push(`pipes=${r._readableState.pipes.length},flowing=${r.readableFlowing}`);
  log(L.join(' '));
});

test('pipe to needDrain dest', async () => {
  const L = [];
  const w = new Writable({ highWaterMark: 1, write(c, e, cb) { setImmediate(cb); } });
  w.write('xx');
  const r = new Readable({ read() {} });
  watch(L, 'r', r, ['pause', 'resume', 'data']);
  watch(L, 'w', w, ['drain']);
  r.pipe(w);
  r.push('a');
  L.push(`flowing=${r.readableFlowing}`);
  await settle(6);
  log(L.join(' '));
});

test('legacy Stream pipe', async () => {
  const L = [];
  const src = new stream.Stream();
  src.readable = true;
  const dest = new stream.Stream();
  dest.writable = true;
  dest.write = (c) => {
    L.push(`write:${c}`);
    return c !== 'full';
  };
  dest.end = () => L.push('dest.end');
  src.pause = () => L.push('src.pause');
  src.resume = () => L.push('src.resume');
  dest.on('pipe', (s) => L.push(`pipe:${s === src}`));
  L.push(src.pipe(dest) === dest);
  src.emit('data', 'a');
  src.emit('data', 'full');
  dest.emit('drain');
  src.emit('end');
  src.emit('data', 'after');
  L.push(`listeners=${src.listenerCount('data')},${dest.listenerCount('drain')}`);
  const src2 = new stream.Stream();
  const dest2 = new stream.Stream();
  dest2.write = () => true;
  dest2.destroy = () => L.push('dest2.destroy');
  src2.pipe(dest2);
  src2.emit('close');
  const src3 = new stream.Stream();
  const dest3 = new stream.Stream();
  dest3.write = () => true;
  src3.pipe(dest3);
  dest3.on('error', (e) => L.push(`dest3 err:${e.message}`));
  try {
    src3.emit('error', new Error('legacy err'));
  } catch (e) {
    L.push(`threw first:${e.message}`);
  }
  try {
    src3.emit('error', new Error('unhandled'));
  } catch (e) {
    L.push(`threw:${e.message}`);
  }
  const src4 = new stream.Stream();
  const dest4 = new stream.Stream();
  dest4.write = () => true;
  dest4.end = () => L.push('dest4.end');
  src4.pipe(dest4, { end: false });
  src4.emit('end');
  L.push(JSON.stringify(new stream.Stream().eventNames()));
  log(L.join(' '));
});

// ---------------------------------------------------------------------------
// finished / eos

test('finished readable', async () => {
  const L = [];
  const r = new Readable({ read() {} });
  finished(r, function(err) { L.push(`cb(${fmt(err)}) this=${this === r}`); });
  r.resume();
  r.push('a');
  r.push(null);
  watch(L, 'r', r, ['end', 'close']);
  await settle();
  const r2 = new Readable({ read() {} });
  finished(r2, (err) => L.push(`r2 cb(${fmt(err)})`));
  r2.destroy();
  await settle();
  const r3 = new Readable({ read() {} });
  finished(r3, (err) => L.push(`r3 cb(${fmt(err)})`));
  r3.on('error', () => {});
  r3.destroy(new Error('r3 err'));
  await settle();
  const r4 = new Readable({ read() {}, emitClose: false });
  finished(r4, (err) => L.push(`r4 cb(${fmt(err)})`));
  r4.resume();
  r4.push(null);
  await settle();
  const r5 = new Readable({ read() {}, autoDestroy: false });
  finished(r5, (err) => L.push(`r5 cb(${fmt(err)})`));
  r5.resume();
  r5.push(null);
  await settle();
  log(L.join(' '));
});

test('finished writable', async () => {
  const L = [];
  const w = new Writable({ write(c, e, cb) { cb(); } });
  finished(w, (err) => L.push(`cb(${fmt(err)})`));
  watch(L, 'w', w, ['finish', 'close']);
  w.end('x');
  await settle();
  const w2 = new Writable({ write(c, e, cb) { cb(); } });
  finished(w2, (err) => L.push(`w2 cb(${fmt(err)})`));
  w2.destroy();
  await settle();
  const w3 = new Writable({ write(c, e, cb) { cb(new Error('w3 fail')); } });
  w3.on('error', () => {});
  finished(w3, (err) => L.push(`w3 cb(${fmt(err)})`));
  w3.write('a');
  await settle();
  const w4 = new Writable({ write(c, e, cb) { cb(); }, emitClose: false });
  finished(w4, (err) => L.push(`w4 cb(${fmt(err)})`));
  w4.end();
  await settle();
  const w5 = new Writable({ write(c, e, cb) { cb(); } });
  finished(w5, { error: false }, (err) => L.push(`w5 cb(${fmt(err)})`));
  w5.on('error', (e) => L.push(`w5 error:${e.message}`));
  w5.emit('error', new Error('manual'));
  w5.end();
  await settle();
  log(L.join(' '));
});

test('finished duplex options', async () => {
  const L = [];
  const mk = () => new Duplex({ read() {}, write(c, e, cb) { cb(); } });
  const d1 = mk();
  finished(d1, (err) => L.push(`both(${fmt(err)})`));
  finished(d1, { readable: false }, (err) => L.push(`writeonly(${fmt(err)})`));
  finished(d1, { writable: false }, (err) => L.push(`readonly(${fmt(err)})`));
  d1.end();
  await settle();
  L.push('--');
  d1.resume();
  d1.push(null);
  await settle();
  const d2 = mk();
  finished(d2, (err) => L.push(`d2(${fmt(err)})`));
  d2.destroy();
  await settle();
  log(L.join(' '));
});

test('finished already done', async () => {
  const L = [];
  const r = new Readable({ read() {} });
  r.resume();
  r.push(null);
  await settle();
  finished(r, (err) => L.push(`closed-readable(${fmt(err)})`));
  const w = new Writable({ write(c, e, cb) { cb(); }, autoDestroy: false });
  w.end();
  await settle();
  finished(w, (err) => L.push(`finished-writable(${fmt(err)})`));
  const e = new Readable({ read() {}, autoDestroy: false });
  e.on('error', () => {});
  e.destroy(new Error('old error'));
  await settle();
  finished(e, (err) => L.push(`errored(${fmt(err)})`));
  const r2 = new Readable({ read() {}, autoDestroy: false });
  r2.resume();
  r2.push(null);
  await settle();
  finished(r2, (err) => L.push(`ended-noauto(${fmt(err)})`));
  ticks(L);
  await settle();
  log(L.join(' '));
});

test('finished premature close', async () => {
  const L = [];
  const r = new Readable({ read() {} });
  finished(r, (err) => L.push(`r(${fmt(err)})`));
  r.emit('close');
  await settle();
  const w = new Writable({ write() {} });
  finished(w, (err) => L.push(`w(${fmt(err)})`));
  w.write('a');
  w.emit('close');
  await settle();
  const r2 = new Readable({ read() {} });
  r2.push(null);
  finished(r2, (err) => L.push(`r2(${fmt(err)})`));
  r2.destroy();
  await settle();
  log(L.join(' '));
});

test('finished signal and cleanup', async () => {
  const L = [];
  const ac = new AbortController();
  const r = new Readable({ read() {} });
  finished(r, { signal: ac.signal }, (err) => L.push(`abort(${fmt(err)})`));
  ac.abort('why');
  await settle();
  L.push(`listeners=${r.listenerCount('close')}`);
  const r2 = new Readable({ read() {} });
  finished(r2, { signal: AbortSignal.abort() }, (err) => L.push(`pre-aborted(${fmt(err)})`));
  await settle();
  const r3 = new Readable({ read() {} });
  const cleanup = finished(r3, (err) => L.push('never'));
  L.push(`before=${r3.listenerCount('end')},${r3.listenerCount('close')}`);
  cleanup();
  L.push(`after=${r3.listenerCount('end')},${r3.listenerCount('close')}`);
  r3.destroy();
  await settle();
  log(L.join(' '));
  log(tryCall(() => finished(r, 'x')));
  log(tryCall(() => finished(r)));
  log(tryCall(() => finished({}, () => {})));
  log(tryCall(() => finished(null, () => {})));
  log(tryCall(() => finished(r, { signal: 1 }, () => {})));
  log(tryCall(() => finished(r, null, () => {})));
});

test('finished legacy streams', async () => {
  const L = [];
  const EE = require('events');
  const s = new EE();
  s.write = () => {};
  s.writable = true;
  finished(s, (err) => L.push(`legacy-w(${fmt(err)})`));
  s.writable = false;
  s.emit('close');
  await settle();
  const s2 = new EE();
  s2.pipe = () => {};
  s2.readable = true;
  finished(s2, (err) => L.push(`legacy-r(${fmt(err)})`));
  s2.emit('end');
  await settle();
  const s3 = new EE();
  s3.pipe = () => {};
  finished(s3, (err) => L.push(`legacy-r-close(${fmt(err)})`));
  s3.emit('close');
  await settle();
  const s4 = new EE();
  s4.pipe = () => {};
  s4.pause = () => {};
  s4.resume = () => {};
  finished(s4, (err) => L.push(`legacy-strict-close(${fmt(err)})`));
  s4.emit('close');
  await settle();
  const s5 = new EE();
  s5.write = () => {};
  s5.aborted = false;
  finished(s5, (err) => L.push(`aborted(${fmt(err)})`));
  s5.emit('aborted');
  await settle();
  log(L.join(' '));
});

test('promises.finished', async () => {
  const L = [];
  const r = new Readable({ read() {} });
  const p = streamPromises.finished(r);
  r.resume();
  r.push(null);
  await p.then((v) => L.push(`resolved:${v}`));
  const r2 = new Readable({ read() {} });
  const p2 = streamPromises.finished(r2);
  r2.destroy(new Error('pf'));
  await p2.catch((e) => L.push(`rejected:${fmtErr(e)}`));
  const r3 = new Readable({ read() {} });
  const p3 = streamPromises.finished(r3, { cleanup: true });
  r3.resume();
  r3.push(null);
  await p3;
  L.push(`listeners=${r3.listenerCount('end')}`);
  L.push(tryCall(() => streamPromises.finished(r3, { cleanup: 'yes' })));
  await streamPromises.finished(r3, null).then(() => L.push('null-opts ok'));
  log(L.join(' '));
});

// ---------------------------------------------------------------------------
// pipeline

test('pipeline basic', async () => {
  const L = [];
  const r = Readable.from(['a', 'b', 'c'], { objectMode: false });
  const t = new Transform({ transform(c, e, cb) { cb(null, c.toString().toUpperCase()); } });
  const out = [];
  const w = new Writable({ write(c, e, cb) { out.push(c.toString()); cb(); } });
  watch(L, 'r', r, ['end', 'close']);
  watch(L, 't', t, ['finish', 'end', 'close']);
  watch(L, 'w', w, ['finish', 'close']);
  const ret = pipeline(r, t, w, (err, val) => L.push(`done(${fmt(err)},${fmt(val)}) out=${out.join('')}`));
  L.push(`ret=w:${ret === w}`);
  await settle();
  log(L.join(' '));
});

test('pipeline error in middle', async () => {
  const L = [];
  const r = new Readable({ read() {} });
  const t = new Transform({ transform(c, e, cb) { cb(new Error('transform exploded')); } });
  const w = new Writable({ write(c, e, cb) { cb(); } });
  watch(L, 'r', r, ['close', 'error']);
  watch(L, 't', t, ['close', 'error']);
  watch(L, 'w', w, ['close', 'error']);
  pipeline(r, t, w, (err) => L.push(`done(${fmt(err)}) r=${r.destroyed} t=${t.destroyed} w=${w.destroyed}`));
  r.push('x');
  await settle();
  log(L.join(' '));
});

test('pipeline source destroyed', async () => {
  const L = [];
  const r = new Readable({ read() {} });
  const w = new Writable({ write(c, e, cb) { cb(); } });
  watch(L, 'w', w, ['close', 'error', 'finish']);
  pipeline(r, w, (err) => L.push(`done(${fmt(err)})`));
  r.destroy();
  await settle();
  const r2 = new Readable({ read() {} });
  const w2 = new Writable({ write(c, e, cb) { cb(); } });
  pipeline(r2, w2, (err) => L.push(`done2(${fmt(err)}) r2=${r2.destroyed}`));
  w2.destroy();
  await settle();
  const r3 = new Readable({ read() {} });
  const w3 = new Writable({ write(c, e, cb) { cb(); } });
  pipeline(r3, w3, (err) => L.push(`done3(${fmt(err)})`));
  r3.destroy(new Error('src err'));
  await settle();
  log(L.join(' '));
});

test('pipeline generators', async () => {
  const L = [];
  await new Promise((resolve) => {
    pipeline(
      function* () { yield 'a'; yield 'b'; },
      async function* (source) {
        for await (const c of source) yield `${c}!`;
      },
      async function (source) {
        const parts = [];
        for await (const c of source) parts.push(c);
        return parts.join(',');
      },
      (err, val) => {
        L.push(`done(${fmt(err)},${fmt(val)})`);
        resolve();
      },
    );
  });
  await new Promise((resolve) => {
    const ret = pipeline(
      Readable.from([1, 2, 3]),
      async function* (source, { signal }) {
        L.push(`signal:${typeof signal.aborted}`);
        for await (const c of source) yield c * 2;
      },
      (err) => {
        L.push(`done2(${fmt(err)})`);
        resolve();
      },
    );
    L.push(`ret2:${ret.constructor.name},${ret.readableObjectMode}`);
    ret.on('data', (d) => L.push(`ret-data:${d}`));
  });
  await new Promise((resolve) => {
    pipeline(
      [1, 2],
      async function* (source) {
        for await (const c of source) {
          if (c === 2) throw new Error('gen failed');
          yield c;
        }
      },
      new Writable({ objectMode: true, write(c, e, cb) { L.push(`w:${c}`); cb(); } }),
      (err) => {
        L.push(`done3(${fmt(err)})`);
        resolve();
      },
    );
  });
  await new Promise((resolve) => {
    pipeline(
      'abc',
      async function (source) {
        let s = '';
        for await (const c of source) s += c;
        return s;
      },
      (err, val) => {
        L.push(`done4(${fmt(err)},${fmt(val)})`);
        resolve();
      },
    );
  });
  await new Promise((resolve) => {
    pipeline(
      [1, 2, 3],
      async function (source) { throw new Error('sink rejected'); },
      (err, val) => {
        L.push(`done5(${fmt(err)},${fmt(val)})`);
        resolve();
      },
    );
  });
  log(L.join(' '));
});

test('pipeline invalid', () => {
  log(tryCall(() => pipeline()));
  log(tryCall(() => pipeline(Readable.from([]))));
  log(tryCall(() => pipeline(Readable.from([]), () => {})));
  log(tryCall(() => pipeline([Readable.from([])], () => {})));
  log(tryCall(() => pipeline(() => 5, new PassThrough(), () => {})));
  log(tryCall(() => pipeline([1], (s) => 5, new PassThrough(), () => {})));
  log(tryCall(() => pipeline([1], (s) => 5, () => {})));
  log(tryCall(() => pipeline([1], 5, () => {})));
  log(tryCall(() => pipeline(5, new PassThrough(), () => {})));
  log(tryCall(() => pipeline(Readable.from([]), new PassThrough(), 'nope')));
});

test('pipeline signal', async () => {
  const L = [];
  const ac = new AbortController();
  const r = new Readable({ read() {} });
  const w = new Writable({ write(c, e, cb) { cb(); } });
  watch(L, 'r', r, ['close', 'error']);
  watch(L, 'w', w, ['close', 'error']);
  await new Promise((resolve) => {
    streamPromises.pipeline(r, w, { signal: ac.signal }).then(
      () => { L.push('resolved'); resolve(); },
      (e) => { L.push(`rejected:${fmtErr(e)}`); resolve(); });
    ac.abort(new Error('abort reason'));
  });
  await settle();
  const r2 = Readable.from([1, 2]);
  await streamPromises.pipeline(r2, new PassThrough({ objectMode: true }), { signal: AbortSignal.abort() })
    .catch((e) => L.push(`pre:${fmtErr(e)}`));
  log(L.join(' '));
});

test('pipeline end option and value', async () => {
  const L = [];
  const w = new Writable({ write(c, e, cb) { L.push(`w:${fmt(c)}`); cb(); } });
  await streamPromises.pipeline(Readable.from(['a']), w, { end: false });
  L.push(`ended=${w.writableEnded}`);
  const v = await streamPromises.pipeline(Readable.from(['x', 'y']), async (src) => {
    const out = [];
    for await (const c of src) out.push(c);
    return out;
  });
  L.push(`value=${fmt(v)}`);
  const v2 = await streamPromises.pipeline([1, 2], async function* (src) { for await (const c of src) yield c; }, async (src) => { for await (const c of src); });
  L.push(`value2=${fmt(v2)}`);
  log(L.join(' '));
});

test('pipeline last stream readable cleanup', async () => {
  const L = [];
  const r = Readable.from(['a', 'b']);
  const p = new PassThrough();
  await new Promise((resolve) => pipeline(r, p, (err) => { L.push(`done(${fmt(err)})`); resolve(); }));
  L.push(`p ended=${p.writableEnded} rlen=${p.readableLength} listeners=${p.listenerCount('error')},${p.listenerCount('close')}`);
  L.push(fmt(p.read()));
  log(L.join(' '));
});

// ---------------------------------------------------------------------------
// compose / Duplex.from

test('compose', async () => {
  const L = [];
  const c = compose(
    new Transform({ transform(ch, e, cb) { cb(null, ch.toString().toUpperCase()); } }),
    async function* (src) { for await (const x of src) yield `<${x}>`; },
  );
  L.push(c.constructor.name, c.readable, c.writable);
  c.on('data', (d) => L.push(`data:${fmt(d)}`));
  c.on('end', () => L.push('end'));
  c.on('finish', () => L.push('finish'));
  c.on('close', () => L.push('close'));
  c.write('ab');
  c.end('cd');
  await settle();
  log(L.join(' '));
  log(tryCall(() => compose()));
  log(tryCall(() => compose(new Writable(), new PassThrough())));
  log(tryCall(() => compose(new PassThrough(), Readable.from([]))));
  const L2 = [];
  const c2 = compose(new PassThrough(), new PassThrough());
  c2.on('error', (e) => L2.push(`error:${fmtErr(e)}`));
  c2.on('close', () => L2.push('close'));
  c2.destroy();
  await settle();
  log(L2.join(' '));
  const L3 = [];
  const single = compose(new PassThrough());
  L3.push(single instanceof PassThrough);
  const gen = compose(async function* (src) { for await (const x of src) yield x; });
  L3.push(gen.constructor.name);
  const c4 = compose(Readable.from(['x', 'y']), new PassThrough({ objectMode: true }));
  L3.push(`c4 writable=${c4.writable}`);
  c4.on('data', (d) => L3.push(`c4:${fmt(d)}`));
  await settle();
  const c5 = compose(new PassThrough(), new Writable({ write(ch, e, cb) { L3.push(`c5w:${fmt(ch)}`); cb(); } }));
  L3.push(`c5 readable=${c5.readable}`);
  c5.on('finish', () => L3.push('c5 finish'));
  c5.end('zz');
  await settle();
  log(L3.join(' '));
});

test('compose error propagation', async () => {
  const L = [];
  const c = compose(
    new PassThrough(),
    new Transform({ transform(ch, e, cb) { cb(new Error('inner fail')); } }),
  );
  c.on('error', (e) => L.push(`error:${fmtErr(e)}`));
  c.on('close', () => L.push('close'));
  c.write('x');
  await settle();
  log(L.join(' '));
});

test('Duplex.from', async () => {
  const L = [];
  const fromIter = Duplex.from([1, 2]);
  L.push(fromIter.constructor.name, fromIter.writable, fromIter.readable);
  fromIter.on('data', (d) => L.push(`iter:${d}`));
  await settle();
  const gen = Duplex.from(async function* (src) {
    for await (const c of src) yield String(c).toUpperCase();
  });
  gen.on('data', (d) => L.push(`gen:${fmt(d)}`));
  gen.on('end', () => L.push('gen end'));
  gen.write('a');
  gen.end('b');
  await settle();
  const sink = Duplex.from(async function (src) {
    for await (const c of src) L.push(`sink:${fmt(c)}`);
  });
  L.push(`sink readable=${sink.readable}`);
  sink.on('finish', () => L.push('sink finish'));
  sink.end('z');
  await settle();
  const prom = Duplex.from(Promise.resolve('pv'));
  prom.on('data', (d) => L.push(`prom:${fmt(d)}`));
  prom.on('end', () => L.push('prom end'));
  await settle();
  const pt = new PassThrough();
  L.push(`same=${Duplex.from(pt) === pt}`);
  const fromR = Duplex.from(Readable.from(['r1']));
  L.push(`fromR ${fromR.readable},${fromR.writable}`);
  fromR.on('data', (d) => L.push(`fromR:${fmt(d)}`));
  await settle();
  const wr = new Writable({ write(c, e, cb) { L.push(`wr:${fmt(c)}`); cb(); } });
  const fromW = Duplex.from(wr);
  L.push(`fromW ${fromW.readable},${fromW.writable}`);
  fromW.end('w1');
  await settle();
  const pair = Duplex.from({ readable: Readable.from(['p']), writable: new Writable({ write(c, e, cb) { L.push(`pair:${fmt(c)}`); cb(); } }) });
  pair.on('data', (d) => L.push(`pairdata:${fmt(d)}`));
  pair.write('to-w');
  await settle();
  L.push(tryCall(() => Duplex.from(5)));
  L.push(tryCall(() => Duplex.from(() => 5)));
  log(L.join(' '));
});

// ---------------------------------------------------------------------------
// Helpers

test('stream.destroy / is* helpers', async () => {
  const L = [];
  const r = new Readable({ read() {} });
  L.push(stream.isReadable(r), stream.isWritable(r), stream.isDestroyed(r), stream.isErrored(r), stream.isDisturbed(r));
  r.on('error', (e) => L.push(`error:${fmtErr(e)}`));
  stream.destroy(r);
  L.push(stream.isDestroyed(r), stream.isReadable(r));
  await settle();
  const r2 = new Readable({ read() {} });
  r2.on('error', () => {});
  stream.destroy(r2, new Error('explicit'));
  await settle();
  L.push(stream.isErrored(r2), stream.isDisturbed(r2));
  const r3 = new Readable({ read() {} });
  r3.push('a');
  r3.read();
  L.push(stream.isDisturbed(r3));
  const w = new Writable();
  L.push(stream.isReadable(w), stream.isWritable(w));
  w.end();
  L.push(stream.isWritable(w));
  L.push(stream.isReadable({}), stream.isWritable({}), stream.isDestroyed({}), stream.isErrored({}), stream.isDisturbed({}));
  L.push(stream.isReadable(null), stream.isDestroyed(null));
  const fin = new Readable({ read() {} });
  fin.resume();
  fin.push(null);
  await settle();
  L.push(`fin destroyed=${fin.destroyed}`);
  const fin2 = new Readable({ read() {}, autoDestroy: false });
  fin2.on('error', (e) => L.push(`fin2 error:${fmtErr(e)}`));
  fin2.on('close', () => L.push('fin2 close'));
  fin2.resume();
  fin2.push(null);
  await settle();
  stream.destroy(fin2);
  await settle();
  const EE = require('events');
  const legacy = new EE();
  legacy.pipe = () => {};
  legacy.on('close', () => L.push('legacy close'));
  legacy.on('error', (e) => L.push(`legacy error:${fmtErr(e)}`));
  stream.destroy(legacy);
  L.push(`legacy marked=${stream.isDestroyed(legacy)}`);
  await settle();
  const closable = new EE();
  closable.write = () => {};
  closable.close = () => L.push('close() called');
  stream.destroy(closable);
  stream.destroy(null);
  log(L.join(' '));
});

test('default highWaterMark', () => {
  const L = [];
  L.push(tryCall(() => stream.setDefaultHighWaterMark(false, -1)));
  L.push(tryCall(() => stream.setDefaultHighWaterMark(false, 1.5)));
  L.push(tryCall(() => stream.setDefaultHighWaterMark(true, 'x')));
  stream.setDefaultHighWaterMark(false, 1024);
  stream.setDefaultHighWaterMark(true, 4);
  L.push(new Readable().readableHighWaterMark, new Writable({ objectMode: true }).writableHighWaterMark, stream.getDefaultHighWaterMark(false), stream.getDefaultHighWaterMark(true));
  L.push(new Transform().readableHighWaterMark, new Duplex({ readableObjectMode: true }).readableHighWaterMark);
  stream.setDefaultHighWaterMark(false, 65536);
  stream.setDefaultHighWaterMark(true, 16);
  L.push(stream.getDefaultHighWaterMark(false), stream.getDefaultHighWaterMark(), stream.getDefaultHighWaterMark(1));
  log(L.join(' '));
});

test('addAbortSignal', async () => {
  const L = [];
  const ac = new AbortController();
  const r = new Readable({ read() {} });
  L.push(addAbortSignal(ac.signal, r) === r);
  r.on('error', (e) => L.push(`error:${fmtErr(e)}`));
  r.on('close', () => L.push('close'));
  ac.abort('because');
  await settle();
  const r2 = new Readable({ read() {}, signal: AbortSignal.abort('pre') });
  r2.on('error', (e) => L.push(`r2 error:${fmtErr(e)}`));
  L.push(`r2 destroyed=${r2.destroyed}`);
  await settle();
  const ac3 = new AbortController();
  const w = new Writable({ write(c, e, cb) { cb(); }, signal: ac3.signal });
  w.on('error', (e) => L.push(`w error:${fmtErr(e)}`));
  w.end();
  await settle();
  ac3.abort();
  await settle();
  L.push(`w destroyed=${w.destroyed}`);
  L.push(tryCall(() => addAbortSignal(1, r)));
  L.push(tryCall(() => addAbortSignal(ac.signal, {})));
  L.push(tryCall(() => addAbortSignal(null, r)));
  log(L.join(' '));
});

// ---------------------------------------------------------------------------
// Operators

test('operators map/filter/toArray', async () => {
  const L = [];
  L.push(fmt(await Readable.from([1, 2, 3, 4]).map((x) => x * 2).toArray()));
  L.push(fmt(await Readable.from([1, 2, 3, 4]).filter((x) => x % 2).toArray()));
  L.push(fmt(await Readable.from([1, 2, 3, 4]).filter(async (x) => x > 2).map(async (x) => `v${x}`).toArray()));
  L.push(fmt(await Readable.from([1, 2, 3]).flatMap((x) => [x, x]).toArray()));
  L.push(fmt(await Readable.from([1, 2, 3]).flatMap(async function* (x) { yield x; yield -x; }).toArray()));
  L.push(fmt(await Readable.from([1, 2, 3, 4, 5]).drop(2).toArray()));
  L.push(fmt(await Readable.from([1, 2, 3, 4, 5]).take(2).toArray()));
  L.push(fmt(await Readable.from([1, 2, 3]).take(0).toArray()));
  L.push(fmt(await Readable.from([1, 2, 3]).drop(10).toArray()));
  L.push(fmt(await Readable.from([1, 2, 3]).drop('1').take('x').toArray()));
  L.push(fmt(await Readable.from([1, 2, 3]).take(Infinity).toArray()));
  const r = new Readable({ read() {} });
  r.push('ab');
  r.push('cd');
  r.push(null);
  L.push(fmt(await r.toArray()));
  const m = Readable.from([1]).map((x) => x);
  L.push(m.constructor.name, m.readableObjectMode, m.readableHighWaterMark);
  log(L.join(' '));
});

test('operators promise returning', async () => {
  const L = [];
  L.push(await Readable.from([1, 2, 3]).some((x) => x > 2));
  L.push(await Readable.from([1, 2, 3]).some((x) => x > 5));
  L.push(await Readable.from([1, 2, 3]).every((x) => x > 0));
  L.push(await Readable.from([1, 2, 3]).every(async (x) => x > 1));
  L.push(await Readable.from([1, 2, 3]).find((x) => x > 1));
  L.push(await Readable.from([1, 2, 3]).find((x) => x > 5));
  L.push(await Readable.from([1, 2, 3]).reduce((a, b) => a + b));
  L.push(await Readable.from([1, 2, 3]).reduce((a, b) => a + b, 10));
  L.push(await Readable.from([]).reduce((a, b) => a + b, 'init'));
  await Readable.from([]).reduce((a, b) => a + b).catch((e) => L.push(fmtErr(e)));
  const seen = [];
  L.push(await Readable.from([1, 2, 3]).forEach((x) => { seen.push(x); }));
  L.push(seen.join(','));
  const r = Readable.from([1, 2, 3, 4]);
  L.push(await r.some((x) => x === 2), r.destroyed);
  await Readable.from([1, 2]).map(() => { throw new Error('map threw'); }).toArray().catch((e) => L.push(fmtErr(e)));
  await Readable.from([1, 2]).forEach(async () => { throw new Error('forEach rejected'); }).catch((e) => L.push(fmtErr(e)));
  log(L.map(String).join(' '));
});

test('operators concurrency ordering', async () => {
  const L = [];
  const order = [];
  const res = await Readable.from([30, 10, 20, 5]).map(async (x) => {
    order.push(`start${x}`);
    for (let i = 0; i < x; i++) await null;
    order.push(`end${x}`);
    return x;
  }, { concurrency: 2 }).toArray();
  L.push(fmt(res), order.join(','));
  const order2 = [];
  await Readable.from([3, 1, 2]).forEach(async (x) => {
    order2.push(`s${x}`);
    for (let i = 0; i < x; i++) await null;
    order2.push(`e${x}`);
  }, { concurrency: 3 });
  L.push(order2.join(','));
  const order3 = [];
  const res3 = await Readable.from([1, 2, 3, 4, 5, 6]).map(async (x) => {
    order3.push(`s${x}`);
    await null;
    return x;
  }, { concurrency: 2, highWaterMark: 1 }).toArray();
  L.push(fmt(res3), order3.join(','));
  log(L.join(' '));
});

test('operators signals', async () => {
  const L = [];
  const ac = new AbortController();
  const p = Readable.from([1, 2, 3]).map(async (x, { signal }) => {
    L.push(`sig:${signal.aborted}`);
    return x;
  }, { signal: ac.signal }).toArray();
  L.push(fmt(await p));
  await Readable.from([1, 2]).toArray({ signal: AbortSignal.abort('pre') }).catch((e) => L.push(fmtErr(e)));
  await Readable.from([1, 2]).reduce((a, b) => a + b, 0, { signal: AbortSignal.abort() }).catch((e) => L.push(fmtErr(e)));
  const ac2 = new AbortController();
  const mapped = Readable.from([1, 2, 3, 4]).map(async (x) => {
    if (x === 2) ac2.abort();
    return x;
  }, { signal: ac2.signal });
  await mapped.toArray().catch((e) => L.push(`mid:${fmtErr(e)}`));
  await Readable.from([1]).drop(0, { signal: AbortSignal.abort() }).toArray().catch((e) => L.push(`drop:${fmtErr(e)}`));
  await Readable.from([1]).take(1, { signal: AbortSignal.abort() }).toArray().catch((e) => L.push(`take:${fmtErr(e)}`));
  L.push(tryCall(() => Readable.from([1]).map((x) => x, { signal: 'x' })));
  L.push(tryCall(() => Readable.from([1]).map((x) => x, { concurrency: 0 })));
  L.push(tryCall(() => Readable.from([1]).map((x) => x, { concurrency: 1.5 })));
  L.push(tryCall(() => Readable.from([1]).map((x) => x, { highWaterMark: -1 })));
  L.push(tryCall(() => Readable.from([1]).map(1)));
  L.push(tryCall(() => Readable.from([1]).drop(-1)));
  L.push(tryCall(() => Readable.from([1]).take(1, 1)));
  L.push(tryCall(() => Readable.from([1]).flatMap(1)));
  L.push(tryCall(() => new (Readable.from([1]).map)((x) => x)));
  L.push(tryCall(() => new (Readable.prototype.toArray)()));
  await Readable.from([1]).some(1).catch((e) => L.push(`some:${fmtErr(e)}`));
  await Readable.from([1]).every(1).catch((e) => L.push(`every:${fmtErr(e)}`));
  await Readable.from([1]).forEach(1).catch((e) => L.push(`forEach:${fmtErr(e)}`));
  await Readable.from([1]).reduce(1).catch((e) => L.push(`reduce:${fmtErr(e)}`));
  await Readable.from([1]).toArray(1).catch((e) => L.push(`toArray:${fmtErr(e)}`));
  log(L.join(' | '));
});

test('operators compose', async () => {
  const L = [];
  const c = Readable.from(['a', 'b']).compose(async function* (src) {
    for await (const x of src) yield x.toUpperCase();
  });
  L.push(c.constructor.name);
  L.push(fmt(await c.toArray()));
  L.push(tryCall(() => Readable.from([]).compose(Readable.from([]))));
  const c2 = Readable.from([1, 2]).compose(new PassThrough({ objectMode: true }));
  L.push(fmt(await c2.toArray()));
  log(L.join(' '));
});

test('operators on destroyed and errored', async () => {
  const L = [];
  const r = new Readable({ read() {} });
  const p = r.toArray().then((v) => L.push(`v=${fmt(v)}`), (e) => L.push(`e=${fmtErr(e)}`));
  r.push('a');
  r.destroy(new Error('mid'));
  await p;
  const r2 = new Readable({ objectMode: true, read() {} });
  const p2 = r2.map((x) => x).toArray().then((v) => L.push(`v2=${fmt(v)}`), (e) => L.push(`e2=${fmtErr(e)}`));
  r2.push(1);
  r2.destroy();
  await p2;
  log(L.join(' '));
});

test('sync iterables with promises', async () => {
  const L = [];
  const r = Readable.from([1, 2, 3]).flatMap((x) => [x, Promise.resolve(-x)]);
  r.on('data', (d) => L.push(`d${d}`));
  r.on('end', () => L.push('end'));
  await settle(6);
  const r2 = Readable.from([1, 2, 3]).flatMap((x) => [x, x === 2 ? Promise.reject(new Error('bad')) : x]);
  r2.on('data', (d) => L.push(`e${d}`));
  r2.on('error', (e) => L.push(`err:${e.message}`));
  await settle(6);
  const r3 = Readable.from([1, 2, 3]).flatMap((x) => [x, x]);
  r3.once('data', () => r3.destroy(new Error('stop')));
  r3.on('error', (e) => L.push(`err3:${e.message}`));
  r3.on('close', () => L.push('close3'));
  await settle(6);
  await new Promise((resolve) => pipeline(
    [1, Promise.reject(new Error('prej'))],
    new Writable({ objectMode: true, write(c, e, cb) { L.push(`w${c}`); cb(); } }),
    (err) => { L.push(`pl:${err && err.message}`); resolve(); }));
  const consumers = require('stream/consumers');
  L.push(await consumers.text(['a', 'b']), await consumers.text('xyz'));
  await consumers.text([Promise.reject(new Error('crej'))]).catch((e) => L.push(`consumer:${e.message}`));
  const gen = Readable.from([Promise.resolve('p'), Promise.reject(new Error('from rej'))]);
  gen.on('data', (d) => L.push(`g:${d}`));
  gen.on('error', (e) => L.push(`gerr:${e.message}`));
  await settle(6);
  log(L.join(' '));
});

// ---------------------------------------------------------------------------
// Misc timing-sensitive scenarios

test('end/finish/close ordering duplex', async () => {
  const L = [];
  const p = new PassThrough();
  watch(L, 'p', p, ['data', 'end', 'finish', 'prefinish', 'close']);
  p.end('x');
  ticks(L);
  await settle();
  log(L.join(' '));
});

test('setEncoding before data listener', async () => {
  const L = [];
  const r = new Readable({ read() {} });
  r.setEncoding('hex');
  r.on('data', (d) => L.push(fmt(d)));
  r.push('ab');
  r.push(Buffer.from([255]));
  r.push(null);
  await settle();
  log(L.join(' '));
});

test('readable objectMode with encoding', async () => {
  const L = [];
  const r = new Readable({ objectMode: true, encoding: 'utf8', read() {} });
  r.push(Buffer.from('hi'));
  r.push('there');
  L.push(fmt(r.read()), fmt(r.read()));
  log(L.join(' '));
});

test('many chunks fromList paths', async () => {
  const r = new Readable({ read() {} });
  for (let i = 0; i < 5; i++) r.push(Buffer.from([i, i + 1]));
  const out = [];
  out.push(fmt(r.read(3)), fmt(r.read(1)), fmt(r.read(4)), fmt(r.read(2)), r.readableLength, r._readableState.bufferIndex, r._readableState.buffer.length);
  r.push(Buffer.from('zz'));
  out.push(fmt(r.read()), r._readableState.bufferIndex, r._readableState.buffer.length);
  const big = new Readable({ read() {} });
  for (let i = 0; i < 1100; i++) big.push('x');
  for (let i = 0; i < 1030; i++) big.read(1);
  out.push(big._readableState.bufferIndex, big._readableState.buffer.length, big.readableLength);
  log(out.join(' '));
});

test('write many sync then end', async () => {
  const L = [];
  const chunks = [];
  const w = new Writable({
    highWaterMark: 10,
    write(c, e, cb) { chunks.push(c.length); process.nextTick(cb); },
  });
  let i = 0;
  let ok = true;
  while (ok && i < 20) {
    ok = w.write('abcd');
    i++;
  }
  L.push(`stopped at ${i}`);
  w.once('drain', () => L.push(`drain len=${w.writableLength}`));
  await settle();
  w.end();
  await settle();
  L.push(chunks.join(','));
  log(L.join(' '));
});

// ---------------------------------------------------------------------------
// Seeded randomized scenarios: sequences of operations (push/read/write/end/
// cork/destroy/pipe/pipeline/operators…) with random waits between them, driven
// by a fixed-seed PRNG, so every run performs the same steps. Each prints the
// full event/return-value log.

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
    if (v instanceof Error) return `E(${v.code || v.message})`;
    if (typeof v === 'object') { try { return JSON.stringify(v); } catch { return 'obj'; } }
    return String(v);
  }

  const immediate = () => new Promise((r) => setImmediate(r));

  async function pause(R, L) {
    const k = R();
    if (k < 0.3) return;
    if (k < 0.5) { await null; L.push('|m'); return; }
    if (k < 0.7) { await new Promise((r) => process.nextTick(r)); L.push('|t'); return; }
    await immediate(); L.push('|i');
  }

  function watch(L, tag, s, evs) {
    for (const e of evs) s.on(e, (...a) => L.push(`${tag}:${e}${e === 'data' || e === 'error' ? '(' + fmt(a[0]) + ')' : ''}`));
  }

  function rstate(r) {
    const s = r._readableState;
    return `[${s.length},${s.flowing},${s.ended},${s.endEmitted},${s.reading},${s.needReadable},${s.emittedReadable},${s.destroyed},${r.readableAborted},${r.readableDidRead},${s.closed}]`;
  }
  function wstate(w) {
    const s = w._writableState;
    return `[${s.length},${s.writing},${s.ending},${s.ended},${s.finished},${s.needDrain},${s.pendingcb},${s.corked},${s.destroyed},${w.writableNeedDrain},${s.closed}]`;
  }

  async function fuzzReadable(seed) {
    const R = rng(seed);
    const L = [];
    const om = R() < 0.3;
    const hwm = [0, 1, 2, 4, 16, undefined][Math.floor(R() * 6)];
    const asyncRead = R() < 0.4;
    const autoPush = R() < 0.5;
    let pushes = 0;
    const opts = { objectMode: om, highWaterMark: hwm, autoDestroy: R() < 0.8, emitClose: R() < 0.9 };
    if (!om && R() < 0.2) opts.encoding = 'utf8';
    const r = new Readable({
      ...opts,
      read(n) {
        L.push(`_read(${n})`);
        if (!autoPush) return;
        const go = () => {
          pushes++;
          if (pushes > 5) { L.push('ret=' + this.push(null)); return; }
          L.push('ret=' + this.push(om ? pushes : 'ab'.repeat(pushes)));
        };
        if (asyncRead) process.nextTick(go); else go();
      },
    });
    watch(L, 'r', r, ['end', 'close', 'error', 'pause', 'resume']);
    const nops = 4 + Math.floor(R() * 12);
    let dataOn = false;
    for (let i = 0; i < nops; i++) {
      const k = Math.floor(R() * 14);
      try {
        switch (k) {
          case 0: L.push('push:' + r.push(om ? { i } : 'x' + i)); break;
          case 1: L.push('pushnull:' + r.push(null)); break;
          case 2: L.push('read:' + fmt(r.read())); break;
          case 3: { const n = Math.floor(R() * 5); L.push(`read${n}:` + fmt(r.read(n))); break; }
          case 4: if (!dataOn) { dataOn = true; r.on('data', (d) => L.push('data:' + fmt(d))); L.push('ondata'); } break;
          case 5: r.on('readable', () => { L.push('readable'); if (R() < 0.5) L.push('rr:' + fmt(r.read())); }); L.push('onreadable'); break;
          case 6: r.pause(); L.push('pause()'); break;
          case 7: r.resume(); L.push('resume()'); break;
          case 8: r.destroy(R() < 0.5 ? new Error('boom') : undefined); L.push('destroy()'); break;
          case 9: L.push('unshift:' + r.unshift(om ? { u: i } : 'u' + i)); break;
          case 10: if (!om) { r.setEncoding(R() < 0.5 ? 'utf8' : 'hex'); L.push('setEnc'); } break;
          case 11: L.push('state' + rstate(r)); break;
          case 12: r.removeAllListeners('readable'); L.push('rmreadable'); break;
          case 13: L.push('push0:' + r.push(om ? 0 : '')); break;
        }
      } catch (e) {
        L.push('throw:' + fmt(e));
      }
      await pause(R, L);
    }
    await immediate(); await immediate(); await immediate();
    L.push('final' + rstate(r));
    return L.join(' ');
  }

  async function fuzzWritable(seed) {
    const R = rng(seed);
    const L = [];
    const om = R() < 0.3;
    const hwm = [0, 1, 3, 8, undefined][Math.floor(R() * 5)];
    const mode = Math.floor(R() * 3); // 0 sync cb, 1 tick cb, 2 immediate cb
    const useWritev = R() < 0.3;
    const useFinal = R() < 0.4;
    const errAt = R() < 0.2 ? Math.floor(R() * 4) : -1;
    let nwrites = 0;
    const complete = (cb, err) => {
      if (mode === 0) cb(err); else if (mode === 1) process.nextTick(cb, err); else setImmediate(cb, err);
    };
    const opts = { objectMode: om, highWaterMark: hwm, autoDestroy: R() < 0.8, emitClose: R() < 0.9, decodeStrings: R() < 0.8 };
    opts.write = function(c, e, cb) {
      nwrites++;
      L.push(`_write(${fmt(c)},${e})`);
      complete(cb, nwrites - 1 === errAt ? new Error('wfail') : undefined);
    };
    if (useWritev) opts.writev = function(chunks, cb) { L.push(`_writev(${chunks.length})`); complete(cb); };
    if (useFinal) opts.final = function(cb) { L.push('_final'); complete(cb, R() < 0.2 ? new Error('ffail') : undefined); };
    const w = new Writable(opts);
    watch(L, 'w', w, ['finish', 'prefinish', 'close', 'error', 'drain']);
    const nops = 4 + Math.floor(R() * 12);
    for (let i = 0; i < nops; i++) {
      const k = Math.floor(R() * 11);
      try {
        switch (k) {
          case 0: case 1: L.push('write:' + w.write(om ? { i } : 'c' + i)); break;
          case 2: L.push('writecb:' + w.write(om ? i : 'd' + i, (err) => L.push(`cb${i}(${fmt(err)})`))); break;
          case 3: w.end(R() < 0.5 ? undefined : (om ? 'last' : 'z'), () => {}); L.push('end()'); break;
          case 4: w.end((err) => L.push(`endcb(${fmt(err)})`)); L.push('end(cb)'); break;
          case 5: w.cork(); L.push('cork'); break;
          case 6: w.uncork(); L.push('uncork'); break;
          case 7: w.destroy(R() < 0.5 ? new Error('wd') : undefined); L.push('destroy'); break;
          case 8: L.push('state' + wstate(w)); break;
          case 9: L.push('writeBuf:' + w.write(Buffer.from('q'), 'latin1')); break;
          case 10: w.once('drain', () => L.push('drain-once')); break;
        }
      } catch (e) {
        L.push('throw:' + fmt(e));
      }
      await pause(R, L);
    }
    for (let j = 0; j < 5; j++) await immediate();
    L.push('final' + wstate(w));
    return L.join(' ');
  }

  async function fuzzTransform(seed) {
    const R = rng(seed);
    const L = [];
    const om = R() < 0.4;
    const hwm = [0, 1, 2, undefined][Math.floor(R() * 4)];
    const asyncT = R() < 0.4;
    const t = new Transform({
      objectMode: om,
      highWaterMark: hwm,
      allowHalfOpen: R() < 0.7,
      transform(c, e, cb) {
        L.push(`_tx(${fmt(c)})`);
        const go = () => {
          if (R() < 0.3) this.push(om ? 'extra' : 'E');
          cb(null, c);
        };
        if (asyncT) process.nextTick(go); else go();
      },
      flush(cb) { L.push('_flush'); cb(null, om ? 'F' : 'F'); },
    });
    watch(L, 't', t, ['end', 'finish', 'prefinish', 'close', 'error', 'drain', 'pause', 'resume']);
    const nops = 4 + Math.floor(R() * 14);
    let dataOn = false;
    for (let i = 0; i < nops; i++) {
      const k = Math.floor(R() * 10);
      try {
        switch (k) {
          case 0: case 1: L.push('write:' + t.write(om ? i : 'w' + i)); break;
          case 2: t.end(); L.push('end'); break;
          case 3: L.push('read:' + fmt(t.read())); break;
          case 4: if (!dataOn) { dataOn = true; t.on('data', (d) => L.push('data:' + fmt(d))); } break;
          case 5: t.on('readable', () => { L.push('readable'); }); break;
          case 6: t.pause(); break;
          case 7: t.resume(); break;
          case 8: t.destroy(); L.push('destroy'); break;
          case 9: L.push('st' + rstate(t) + wstate(t)); break;
        }
      } catch (e) {
        L.push('throw:' + fmt(e));
      }
      await pause(R, L);
    }
    for (let j = 0; j < 5; j++) await immediate();
    L.push('final' + rstate(t) + wstate(t));
    return L.join(' ');
  }

  async function fuzzPipe(seed) {
    const R = rng(seed);
    const L = [];
    let n = 0;
    const max = 3 + Math.floor(R() * 6);
    const r = new Readable({
      highWaterMark: [1, 2, 4][Math.floor(R() * 3)],
      read() {
        n++;
        const go = () => this.push(n > max ? null : 'p' + n);
        if (R() < 0.5) go(); else process.nextTick(go);
      },
    });
    const mkW = (tag) => new Writable({
      highWaterMark: [1, 2, 8][Math.floor(R() * 3)],
      write(c, e, cb) {
        L.push(`${tag}:w(${c})`);
        const k = R();
        if (k < 0.4) cb(); else if (k < 0.7) process.nextTick(cb); else setImmediate(cb);
      },
    });
    const w1 = mkW('a');
    watch(L, 'r', r, ['end', 'close', 'pause', 'resume', 'error']);
    watch(L, 'a', w1, ['finish', 'close', 'drain', 'pipe', 'unpipe', 'error']);
    const usePipeline = R() < 0.4;
    if (usePipeline) {
      const mids = [];
      if (R() < 0.5) mids.push(new PassThrough({ highWaterMark: 1 }));
      stream.pipeline(r, ...mids, w1, (err) => L.push(`pipeline(${fmt(err)})`));
    } else {
      r.pipe(w1, { end: R() < 0.8 });
      if (R() < 0.4) {
        const w2 = mkW('b');
        watch(L, 'b', w2, ['finish', 'close', 'drain', 'unpipe', 'error']);
        r.pipe(w2);
        if (R() < 0.3) setImmediate(() => { r.unpipe(w2); L.push('unpiped b'); });
      }
    }
    if (R() < 0.2) setImmediate(() => { L.push('destroying'); (R() < 0.5 ? r : w1).destroy(R() < 0.5 ? new Error('x') : undefined); });
    for (let j = 0; j < 25; j++) await immediate();
    return L.join(' ');
  }


  async function fuzzReactive(seed) {
    const R = rng(seed);
    const L = [];
    const om = R() < 0.4;
    let n = 0;
    const max = 2 + Math.floor(R() * 6);
    const construct = R() < 0.2;
    const opts = {
      objectMode: om,
      highWaterMark: [0, 1, 3, undefined][Math.floor(R() * 4)],
      read() {
        n++;
        L.push(`_read${n}`);
        const k = R();
        const go = () => {
          if (k < 0.05) { this.destroy(new Error('readfail')); return; }
          L.push('push=' + this.push(n > max ? null : (om ? n : 'r' + n)));
        };
        if (k < 0.5) go(); else if (k < 0.8) process.nextTick(go); else setImmediate(go);
      },
    };
    if (construct) opts.construct = (cb) => { L.push('construct'); setImmediate(() => cb(R() < 0.2 ? new Error('cfail') : undefined)); };
    const r = new Readable(opts);
    watch(L, 'r', r, ['end', 'close', 'error', 'pause', 'resume']);
    if (R() < 0.5) {
      stream.finished(r, (err) => L.push(`finished(${fmt(err)})`));
    }
    const mode = Math.floor(R() * 4);
    if (mode === 0) {
      r.on('data', (d) => {
        L.push('data:' + fmt(d));
        const k = R();
        if (k < 0.1) { r.pause(); setImmediate(() => { L.push('resume later'); r.resume(); }); }
        else if (k < 0.15) r.destroy();
        else if (k < 0.2) L.push('unshift=' + r.unshift(om ? 'U' : 'U'));
        else if (k < 0.25) L.push('read-in-data=' + fmt(r.read()));
      });
    } else if (mode === 1) {
      r.on('readable', () => {
        L.push('readable');
        let c;
        let lim = 0;
        while (lim++ < 10 && (c = r.read(R() < 0.5 ? undefined : 2)) !== null) L.push('got:' + fmt(c));
        if (R() < 0.1) r.destroy(new Error('in readable'));
      });
    } else if (mode === 2) {
      (async () => {
        try {
          for await (const c of r) {
            L.push('iter:' + fmt(c));
            if (R() < 0.15) { L.push('break'); break; }
            if (R() < 0.1) await immediate();
          }
          L.push('iter done');
        } catch (e) {
          L.push('iter err:' + fmt(e));
        }
      })();
    } else {
      const w = new Writable({
        objectMode: om,
        highWaterMark: [1, 2, 16][Math.floor(R() * 3)],
        write(c, e, cb) {
          L.push('w:' + fmt(c));
          const k = R();
          if (k < 0.05) cb(new Error('wfail'));
          else if (k < 0.5) cb();
          else if (k < 0.8) process.nextTick(cb);
          else setImmediate(cb);
        },
      });
      watch(L, 'w', w, ['finish', 'close', 'error', 'drain', 'unpipe']);
      if (R() < 0.5) r.pipe(w);
      else stream.pipeline(r, w, (err) => L.push(`pl(${fmt(err)})`));
    }
    for (let j = 0; j < 20; j++) await immediate();
    L.push('final' + rstate(r));
    return L.join(' ');
  }

  async function fuzzDuplex(seed) {
    const R = rng(seed);
    const L = [];
    const d = new Duplex({
      allowHalfOpen: R() < 0.5,
      objectMode: R() < 0.3,
      readable: R() < 0.9,
      writable: R() < 0.9,
      read() { L.push('_read'); },
      write(c, e, cb) { L.push('_write'); if (R() < 0.5) cb(); else process.nextTick(cb); },
      final(cb) { L.push('_final'); if (R() < 0.5) cb(); else setImmediate(cb); },
    });
    watch(L, 'd', d, ['end', 'finish', 'prefinish', 'close', 'error']);
    if (R() < 0.5) stream.finished(d, (err) => L.push(`fin(${fmt(err)})`));
    if (R() < 0.3) stream.finished(d, { readable: false }, (err) => L.push(`finW(${fmt(err)})`));
    if (R() < 0.3) stream.finished(d, { writable: false }, (err) => L.push(`finR(${fmt(err)})`));
    const nops = 3 + Math.floor(R() * 10);
    for (let i = 0; i < nops; i++) {
      const k = Math.floor(R() * 9);
      try {
        switch (k) {
          case 0: L.push('push=' + d.push('x')); break;
          case 1: L.push('pushnull=' + d.push(null)); break;
          case 2: L.push('write=' + d.write('y')); break;
          case 3: d.end(); L.push('end()'); break;
          case 4: d.resume(); L.push('resume()'); break;
          case 5: L.push('read=' + fmt(d.read())); break;
          case 6: d.destroy(R() < 0.5 ? new Error('dd') : undefined); L.push('destroy()'); break;
          case 7: L.push('st' + rstate(d) + wstate(d)); break;
          case 8: L.push(`flags=${d.readable},${d.writable},${d.destroyed},${d.readableEnded},${d.writableEnded},${d.writableFinished},${d.closed}`); break;
        }
      } catch (e) {
        L.push('throw:' + fmt(e));
      }
      await pause(R, L);
    }
    for (let j = 0; j < 6; j++) await immediate();
    L.push('final' + rstate(d) + wstate(d));
    return L.join(' ');
  }

  async function fuzzPipeline(seed) {
    const R = rng(seed);
    const L = [];
    const om = true;
    const n = 1 + Math.floor(R() * 5);
    const srcKind = Math.floor(R() * 4);
    let src;
    const items = Array.from({ length: n }, (_, i) => i + 1);
    if (srcKind === 0) src = Readable.from(items);
    else if (srcKind === 1) src = items;
    else if (srcKind === 2) src = async function* () { for (const i of items) { if (R() < 0.2) await null; yield i; } };
    else {
      let k = 0;
      src = new Readable({ objectMode: true, read() { k++; const go = () => { if (k === 3 && R() < 0.2) this.destroy(new Error('srcfail')); else this.push(k > n ? null : k); }; if (R() < 0.5) go(); else setImmediate(go); } });
    }
    const stages = [src];
    const nmid = Math.floor(R() * 3);
    for (let i = 0; i < nmid; i++) {
      const kind = Math.floor(R() * 3);
      if (kind === 0) {
        stages.push(new Transform({ objectMode: true, transform(c, e, cb) { L.push(`T${i}(${c})`); if (c === 2 && R() < 0.15) cb(new Error('txfail')); else if (R() < 0.5) cb(null, c * 10); else process.nextTick(cb, null, c * 10); } }));
      } else if (kind === 1) {
        stages.push(async function* (source) { for await (const c of source) { L.push(`G${i}(${c})`); if (c === 20 && R() < 0.15) throw new Error('genfail'); yield c + 1; } });
      } else {
        stages.push(new PassThrough({ objectMode: true, highWaterMark: 1 }));
      }
    }
    const sinkKind = Math.floor(R() * 3);
    if (sinkKind === 0) {
      stages.push(new Writable({ objectMode: true, highWaterMark: 1, write(c, e, cb) { L.push(`W(${c})`); if (R() < 0.5) cb(); else setImmediate(cb); } }));
    } else if (sinkKind === 1) {
      stages.push(async function (source) { const out = []; for await (const c of source) { out.push(c); if (R() < 0.1) break; } return out.join('+'); });
    } else {
      stages.push(new PassThrough({ objectMode: true }));
    }
    for (const st of stages) if (st && typeof st.on === 'function') st.on('close', () => L.push(`close:${st.constructor.name}`));
    const useSignal = R() < 0.2;
    const ac = new AbortController();
    try {
      if (R() < 0.5) {
        const ret = stream.pipeline(...stages, (err, val) => L.push(`cb(${fmt(err)},${fmt(val)})`));
        L.push(`ret=${ret && ret.constructor.name}`);
        if (sinkKind === 2 || typeof stages[stages.length - 1] === 'function') ret.on('data', (d) => L.push(`out:${fmt(d)}`));
      } else {
        const p = stream.promises.pipeline(...stages, ...(useSignal ? [{ signal: ac.signal }] : []));
        p.then((v) => L.push(`resolved(${fmt(v)})`), (e) => L.push(`rejected(${fmt(e)})`));
        if (sinkKind === 2) stages[stages.length - 1].on('data', (d) => L.push(`out:${fmt(d)}`));
        if (useSignal) setImmediate(() => { L.push('abort'); ac.abort(); });
      }
    } catch (e) {
      L.push('throw:' + fmt(e));
    }
    for (let j = 0; j < 25; j++) await immediate();
    return L.join(' ');
  }

  async function fuzzOperators(seed) {
    const R = rng(seed);
    const L = [];
    const n = Math.floor(R() * 6);
    const items = Array.from({ length: n }, (_, i) => i + 1);
    let r = Readable.from(items);
    const nops = 1 + Math.floor(R() * 3);
    const conc = 1 + Math.floor(R() * 3);
    for (let i = 0; i < nops; i++) {
      const k = Math.floor(R() * 6);
      const slow = R() < 0.5;
      if (k === 0) r = r.map(async (x) => { L.push(`m${i}(${x})`); if (slow) for (let q = 0; q < (x % 3); q++) await null; if (x === 4 && R() < 0.2) throw new Error('mapfail'); return x * 2; }, { concurrency: conc });
      else if (k === 1) r = r.filter(async (x) => { L.push(`f${i}(${x})`); if (slow) await null; return x % 2 === 0; }, { concurrency: conc });
      else if (k === 2) r = r.take(Math.floor(R() * 4));
      else if (k === 3) r = r.drop(Math.floor(R() * 3));
      else if (k === 4) r = r.flatMap((x) => [x, -x]);
      else r = r.map((x) => x + 1);
    }
    const term = Math.floor(R() * 5);
    let p;
    if (term === 0) p = r.toArray();
    else if (term === 1) p = r.reduce((a, b) => a + b, 0);
    else if (term === 2) p = r.some((x) => x > 3);
    else if (term === 3) p = r.forEach((x) => { L.push(`each(${x})`); });
    else p = r.find((x) => x > 2);
    p.then((v) => L.push(`res:${fmt(v)}`), (e) => L.push(`err:${fmt(e)}`));
    for (let j = 0; j < 20; j++) await immediate();
    return L.join(' ');
  }

  return { fuzzReadable, fuzzWritable, fuzzTransform, fuzzPipe, fuzzReactive, fuzzDuplex, fuzzPipeline, fuzzOperators };
})();

{
  const kinds = [
    ['readable', seeded.fuzzReadable],
    ['writable', seeded.fuzzWritable],
    ['transform', seeded.fuzzTransform],
    ['pipe', seeded.fuzzPipe],
    ['reactive', seeded.fuzzReactive],
    ['duplex', seeded.fuzzDuplex],
    ['pipeline', seeded.fuzzPipeline],
    ['operators', seeded.fuzzOperators],
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
