'use strict';
// The Fetch API: fetch, Headers, Request, Response, FormData. Every request is one host call
// (`net.fetch`) that the host checks (permission with the resolved addresses, then the network
// adapter's destination policy) before it connects. Redirects come back here and are followed
// hop by hop: each hop is a new, fully checked host call. Errors have undici's shape:
// `TypeError: fetch failed` with the network error as `cause`.

const { Buffer, Blob, File } = require('buffer');
const { URL, URLSearchParams } = require('url');
const { DOMException } = require('internal/dom_exception');

const customInspect = Symbol.for('nodejs.util.inspect.custom');
const encoder = new TextEncoder();
const decoder = new TextDecoder();

const tokenRe = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const badValueRe = /[\0\r\n]/;

function normalizeValue(value) {
  return String(value).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
}

function validateName(name, context = 'Headers.append') {
  name = String(name);
  if (!tokenRe.test(name)) throw new TypeError(`${context}: "${name}" is an invalid header name.`);
  return name;
}

function validateValue(name, value, context = 'Headers.append') {
  value = normalizeValue(value);
  if (badValueRe.test(value)) throw new TypeError(`${context}: "${value}" is an invalid header value.`);
  return value;
}

// ---------------------------------------------------------------------------------------------
// Headers

const kList = Symbol('headers list');
const kGuard = Symbol('headers guard');

class Headers {
  constructor(init = undefined) {
    this[kList] = []; // [lowercase name, value, original name]
    this[kGuard] = 'none';
    if (init === undefined || init === null) return;
    if (typeof init !== 'object' && typeof init !== 'function') {
      throw new TypeError("Failed to construct 'Headers': The provided value is not of type '(record<ByteString, ByteString> or sequence<sequence<ByteString>>)'.");
    }
    if (init instanceof Headers) {
      for (const [lower, value, original] of init[kList]) this[kList].push([lower, value, original]);
    } else if (typeof init[Symbol.iterator] === 'function') {
      for (const pair of init) {
        const entry = [...pair];
        if (entry.length !== 2) throw new TypeError('Headers constructor: expected name/value pair to be length 2, found ' + entry.length + '.');
        this.append(entry[0], entry[1]);
      }
    } else {
      for (const key of Object.keys(init)) this.append(key, init[key]);
    }
  }

  append(name, value) {
    name = validateName(name);
    value = validateValue(name, value);
    if (this[kGuard] === 'immutable') throw new TypeError('immutable');
    this[kList].push([name.toLowerCase(), value, name]);
  }

  delete(name) {
    name = validateName(name, 'Headers.delete');
    if (this[kGuard] === 'immutable') throw new TypeError('immutable');
    const lower = name.toLowerCase();
    this[kList] = this[kList].filter((entry) => entry[0] !== lower);
  }

  get(name) {
    const lower = validateName(name, 'Headers.get').toLowerCase();
    const values = this[kList].filter((e) => e[0] === lower).map((e) => e[1]);
    return values.length === 0 ? null : values.join(', ');
  }

  getSetCookie() {
    return this[kList].filter((e) => e[0] === 'set-cookie').map((e) => e[1]);
  }

  has(name) {
    const lower = validateName(name, 'Headers.has').toLowerCase();
    return this[kList].some((e) => e[0] === lower);
  }

  set(name, value) {
    name = validateName(name, 'Headers.set');
    value = validateValue(name, value, 'Headers.set');
    if (this[kGuard] === 'immutable') throw new TypeError('immutable');
    const lower = name.toLowerCase();
    const index = this[kList].findIndex((e) => e[0] === lower);
    if (index === -1) { this[kList].push([lower, value, name]); return; }
    this[kList][index] = [lower, value, name];
    this[kList] = this[kList].filter((e, i) => i <= index || e[0] !== lower);
  }

  /** Sorted, combined pairs (set-cookie kept apart), as the spec iterates them. */
  #sorted() {
    const names = [...new Set(this[kList].map((e) => e[0]))].sort();
    const out = [];
    for (const name of names) {
      if (name === 'set-cookie') { for (const v of this.getSetCookie()) out.push([name, v]); continue; }
      out.push([name, this.get(name)]);
    }
    return out;
  }

  forEach(callback, thisArg = undefined) {
    if (typeof callback !== 'function') throw new TypeError("Failed to execute 'forEach' on 'Headers': parameter 1 is not of type 'Function'.");
    for (const [name, value] of this.#sorted()) callback.call(thisArg, value, name, this);
  }

  *entries() { yield* this.#sorted(); }
  *keys() { for (const [name] of this.#sorted()) yield name; }
  *values() { for (const [, value] of this.#sorted()) yield value; }
  [Symbol.iterator]() { return this.entries(); }

  get [Symbol.toStringTag]() { return 'Headers'; }

  [customInspect](depth, options, inspect) {
    const record = {};
    for (const [name, value] of this.#sorted()) record[name] = value;
    return `Headers ${inspect(record, options)}`;
  }
}

function headerPairs(headers) {
  return headers[kList].map((e) => [e[2], e[1]]);
}

function immutableHeaders(pairs) {
  const headers = new Headers();
  for (const [name, value] of pairs) headers[kList].push([name.toLowerCase(), value, name]);
  headers[kGuard] = 'immutable';
  return headers;
}

// ---------------------------------------------------------------------------------------------
// FormData

const kEntries = Symbol('form entries');

function toEntryValue(value, filename) {
  if (value instanceof Blob) {
    if (!(value instanceof File) || filename !== undefined) {
      return new File([value], filename !== undefined ? String(filename) : value instanceof File ? value.name : 'blob',
        { type: value.type });
    }
    return value;
  }
  return String(value);
}

class FormData {
  constructor(form = undefined) {
    if (form !== undefined) throw new TypeError("Failed to construct 'FormData': parameter 1 is not of type 'HTMLFormElement'.");
    this[kEntries] = [];
  }
  append(name, value, filename = undefined) { this[kEntries].push([String(name), toEntryValue(value, filename)]); }
  delete(name) { name = String(name); this[kEntries] = this[kEntries].filter((e) => e[0] !== name); }
  get(name) { name = String(name); const e = this[kEntries].find((x) => x[0] === name); return e === undefined ? null : e[1]; }
  getAll(name) { name = String(name); return this[kEntries].filter((e) => e[0] === name).map((e) => e[1]); }
  has(name) { name = String(name); return this[kEntries].some((e) => e[0] === name); }
  set(name, value, filename = undefined) {
    name = String(name);
    const entry = [name, toEntryValue(value, filename)];
    const index = this[kEntries].findIndex((e) => e[0] === name);
    if (index === -1) { this[kEntries].push(entry); return; }
    this[kEntries][index] = entry;
    this[kEntries] = this[kEntries].filter((e, i) => i <= index || e[0] !== name);
  }
  forEach(callback, thisArg = undefined) { for (const [k, v] of this[kEntries]) callback.call(thisArg, v, k, this); }
  *entries() { for (const [k, v] of this[kEntries]) yield [k, v]; }
  *keys() { for (const [k] of this[kEntries]) yield k; }
  *values() { for (const [, v] of this[kEntries]) yield v; }
  [Symbol.iterator]() { return this.entries(); }
  get [Symbol.toStringTag]() { return 'FormData'; }
}

function escapeQuoted(text) {
  return text.replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');
}

async function encodeMultipart(form, boundary) {
  const chunks = [];
  for (const [name, value] of form[kEntries]) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuoted(name)}"`;
    if (typeof value === 'string') {
      chunks.push(encoder.encode(`${head}\r\n\r\n${value.replace(/\r(?!\n)|(?<!\r)\n/g, '\r\n')}\r\n`));
    } else {
      head += `; filename="${escapeQuoted(value.name)}"\r\nContent-Type: ${value.type || 'application/octet-stream'}\r\n\r\n`;
      chunks.push(encoder.encode(head), new Uint8Array(await value.arrayBuffer()), encoder.encode('\r\n'));
    }
  }
  chunks.push(encoder.encode(`--${boundary}--\r\n`));
  return concat(chunks);
}

function parseMultipart(bytes, boundary) {
  const form = new FormData();
  const text = Buffer.from(bytes).toString('latin1');
  const delimiter = `--${boundary}`;
  const parts = text.split(delimiter);
  for (let i = 1; i < parts.length; i++) {
    let part = parts[i];
    if (part.startsWith('--')) break;
    if (part.startsWith('\r\n')) part = part.slice(2);
    if (part.endsWith('\r\n')) part = part.slice(0, -2);
    const split = part.indexOf('\r\n\r\n');
    if (split === -1) throw new TypeError('Failed to parse body as FormData.');
    const headerText = part.slice(0, split);
    const body = part.slice(split + 4);
    const disposition = /content-disposition:\s*form-data;\s*name="([^"]*)"(?:;\s*filename="([^"]*)")?/i.exec(headerText);
    if (disposition === null) throw new TypeError('Failed to parse body as FormData.');
    const type = /content-type:\s*([^\r\n]*)/i.exec(headerText);
    const name = Buffer.from(disposition[1], 'latin1').toString('utf8');
    if (disposition[2] !== undefined) {
      form.append(name, new File([Buffer.from(body, 'latin1')], Buffer.from(disposition[2], 'latin1').toString('utf8'),
        { type: type ? type[1] : '' }));
    } else {
      form.append(name, Buffer.from(body, 'latin1').toString('utf8'));
    }
  }
  return form;
}

// ---------------------------------------------------------------------------------------------
// Bodies

const kBody = Symbol('body');       // { source: Uint8Array | Blob | FormData | ReadableStream | null, stream }
const kUsed = Symbol('body used');
const kHeadersSlot = Symbol('headers');

function concat(chunks) {
  let length = 0;
  for (const c of chunks) length += c.byteLength;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const c of chunks) { out.set(c, offset); offset += c.byteLength; }
  return out;
}

/** The spec's "extract a body": the source and the Content-Type it implies. */
function extractBody(init) {
  if (init === null || init === undefined) return { source: null, type: null };
  if (typeof init === 'string') return { source: encoder.encode(init), type: 'text/plain;charset=UTF-8' };
  if (init instanceof URLSearchParams) {
    return { source: encoder.encode(init.toString()), type: 'application/x-www-form-urlencoded;charset=UTF-8' };
  }
  if (init instanceof ArrayBuffer) return { source: new Uint8Array(init.slice(0)), type: null };
  if (ArrayBuffer.isView(init)) {
    return { source: new Uint8Array(init.buffer.slice(init.byteOffset, init.byteOffset + init.byteLength)), type: null };
  }
  if (init instanceof Blob) return { source: init, type: init.type || null };
  if (init instanceof FormData) {
    const boundary = '----formdata-undici-0' + String(Math.random()).slice(2, 13).padStart(11, '0');
    return { source: init, boundary, type: `multipart/form-data; boundary=${boundary}` };
  }
  const { ReadableStream } = require('stream/web');
  if (init instanceof ReadableStream) return { source: init, type: null };
  if (typeof init === 'object' && typeof init[Symbol.asyncIterator] === 'function') {
    const iterable = init;
    return { source: ReadableStream.from(iterable), type: null };
  }
  return { source: encoder.encode(String(init)), type: 'text/plain;charset=UTF-8' };
}

async function readStream(stream) {
  const reader = stream.getReader();
  const chunks = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (typeof value === 'string') chunks.push(encoder.encode(value));
    else if (value instanceof Uint8Array) chunks.push(value);
    else if (ArrayBuffer.isView(value)) chunks.push(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    else if (value instanceof ArrayBuffer) chunks.push(new Uint8Array(value));
    else throw new TypeError('Received non-Uint8Array chunk');
  }
  return concat(chunks);
}

/** The body's bytes (consumes it). */
async function bodyBytes(body) {
  const { source } = body;
  if (source === null) return new Uint8Array(0);
  if (source instanceof Uint8Array) return source;
  if (source instanceof Blob) return new Uint8Array(await source.arrayBuffer());
  if (source instanceof FormData) return encodeMultipart(source, body.boundary);
  return readStream(source);
}

function bytesStream(bytes) {
  const { ReadableStream } = require('stream/web');
  return new ReadableStream({
    type: 'bytes',
    start(controller) {
      if (bytes.byteLength > 0) controller.enqueue(new Uint8Array(bytes));
      controller.close();
    },
  });
}

class BodyMixin {
  get body() {
    const body = this[kBody];
    if (body.source === null) return null;
    if (body.stream === undefined) {
      const { ReadableStream } = require('stream/web');
      if (body.source instanceof ReadableStream) {
        body.stream = body.source;
      } else {
        const source = body.source;
        const { ReadableStream: RS } = require('stream/web');
        body.stream = new RS({
          type: 'bytes',
          async pull(controller) {
            const bytes = await bodyBytes({ source, boundary: body.boundary });
            if (bytes.byteLength > 0) controller.enqueue(new Uint8Array(bytes));
            controller.close();
          },
        });
      }
      body.source = body.stream;
    }
    return body.stream;
  }

  get bodyUsed() {
    const body = this[kBody];
    return this[kUsed] === true || (body.stream !== undefined && body.stream.locked && body.stream.disturbed === true);
  }

  async arrayBuffer() { const b = await consume(this); return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength); }
  async bytes() { return new Uint8Array(await this.arrayBuffer()); }
  async text() { return decoder.decode(await consume(this)); }
  async json() { return JSON.parse(await this.text()); }
  async blob() {
    const bytes = await consume(this);
    return new Blob([bytes], { type: this[kHeadersSlot].get('content-type') ?? '' });
  }
  async formData() {
    const type = this[kHeadersSlot].get('content-type') ?? '';
    const bytes = await consume(this);
    if (/^multipart\/form-data/i.test(type)) {
      const boundary = /boundary=("?)([^";]+)\1/i.exec(type);
      if (boundary === null) throw new TypeError('Failed to parse body as FormData.');
      return parseMultipart(bytes, boundary[2]);
    }
    if (/^application\/x-www-form-urlencoded/i.test(type)) {
      const form = new FormData();
      for (const [k, v] of new URLSearchParams(decoder.decode(bytes))) form.append(k, v);
      return form;
    }
    throw new TypeError('Content-Type was not one of "multipart/form-data" or "application/x-www-form-urlencoded".');
  }
}

/** Takes the body's bytes once; a second read fails as in undici. */
async function consume(self) {
  const body = self[kBody];
  if (self[kUsed] || (body.stream !== undefined && body.stream.locked)) {
    throw new TypeError('Body is unusable: Body has already been read');
  }
  self[kUsed] = true;
  return bodyBytes(body);
}

function mixBody(Class) {
  for (const name of Object.getOwnPropertyNames(BodyMixin.prototype)) {
    if (name === 'constructor') continue;
    Object.defineProperty(Class.prototype, name, Object.getOwnPropertyDescriptor(BodyMixin.prototype, name));
  }
}

// ---------------------------------------------------------------------------------------------
// Request

const methods = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'];
const forbiddenMethods = ['CONNECT', 'TRACE', 'TRACK'];
const kState = Symbol('state');

function normalizeMethod(method) {
  method = String(method);
  if (!tokenRe.test(method)) throw new TypeError(`'${method}' is not a valid HTTP method.`);
  const upper = method.toUpperCase();
  if (forbiddenMethods.includes(upper)) throw new TypeError(`'${method}' HTTP method is unsupported.`);
  return methods.includes(upper) ? upper : method;
}

class Request {
  constructor(input, init = {}) {
    if (arguments.length === 0) throw new TypeError("Failed to construct 'Request': 1 argument required, but only 0 present.");
    if (init === null || init === undefined) init = {};
    let state;
    if (input instanceof Request) {
      state = { ...input[kState] };
      state.headers = new Headers(input[kHeadersSlot]);
      if (init.body === undefined && input[kBody].source !== null) {
        if (input.bodyUsed) throw new TypeError('Cannot construct a Request with a Request object that has already been used.');
        this[kBody] = { source: input[kBody].source, boundary: input[kBody].boundary };
        input[kUsed] = true;
      }
    } else {
      let url;
      try {
        url = new URL(String(input));
      } catch (cause) {
        const err = new TypeError('Failed to parse URL from ' + String(input));
        err.cause = cause;
        throw err;
      }
      if (url.username !== '' || url.password !== '') {
        throw new TypeError('Request cannot be constructed from a URL that includes credentials: ' + String(input));
      }
      state = { url: url.href, method: 'GET', headers: new Headers(), redirect: 'follow', signal: null,
        credentials: 'same-origin', mode: 'cors', cache: 'default', referrer: 'about:client', integrity: '',
        keepalive: false, duplex: 'half' };
    }
    if (init.method !== undefined) state.method = normalizeMethod(init.method);
    if (init.headers !== undefined) state.headers = new Headers(init.headers);
    if (init.redirect !== undefined) {
      if (!['follow', 'manual', 'error'].includes(init.redirect)) {
        throw new TypeError(`Request constructor: ${init.redirect} is not an accepted type. Expected one of follow, manual, error.`);
      }
      state.redirect = init.redirect;
    }
    if (init.signal !== undefined) {
      if (init.signal !== null && (typeof init.signal !== 'object' || typeof init.signal.aborted !== 'boolean')) {
        throw new TypeError("Failed to construct 'Request': member signal is not of type AbortSignal.");
      }
      state.signal = init.signal;
    }
    for (const key of ['credentials', 'mode', 'cache', 'referrer', 'integrity', 'keepalive']) {
      if (init[key] !== undefined) state[key] = init[key];
    }
    if (init.body !== undefined && init.body !== null) {
      if (state.method === 'GET' || state.method === 'HEAD') throw new TypeError('Request with GET/HEAD method cannot have body.');
      const extracted = extractBody(init.body);
      this[kBody] = { source: extracted.source, boundary: extracted.boundary };
      if (extracted.type !== null && !state.headers.has('content-type')) state.headers.append('content-type', extracted.type);
    }
    if (this[kBody] === undefined) this[kBody] = { source: null };
    const { AbortController } = require('internal/abort_controller');
    const controller = new AbortController();
    if (state.signal) {
      if (state.signal.aborted) controller.abort(state.signal.reason);
      else state.signal.addEventListener('abort', () => controller.abort(state.signal.reason), { once: true });
    }
    state.ownSignal = controller.signal;
    this[kState] = state;
    this[kHeadersSlot] = state.headers;
  }

  get url() { return this[kState].url; }
  get method() { return this[kState].method; }
  get headers() { return this[kHeadersSlot]; }
  get redirect() { return this[kState].redirect; }
  get signal() { return this[kState].ownSignal; }
  get credentials() { return this[kState].credentials; }
  get mode() { return this[kState].mode; }
  get cache() { return this[kState].cache; }
  get referrer() { return this[kState].referrer; }
  get integrity() { return this[kState].integrity; }
  get keepalive() { return this[kState].keepalive; }
  get duplex() { return 'half'; }
  get destination() { return ''; }
  get referrerPolicy() { return ''; }

  clone() {
    if (this.bodyUsed) throw new TypeError('Request.clone: Body has already been consumed.');
    const copy = new Request(this.url, { method: this.method, headers: this.headers, redirect: this.redirect, signal: this.signal });
    copy[kBody] = teeBody(this);
    return copy;
  }

  get [Symbol.toStringTag]() { return 'Request'; }
}
mixBody(Request);

function teeBody(owner) {
  const body = owner[kBody];
  if (body.source === null) return { source: null };
  const { ReadableStream } = require('stream/web');
  if (body.source instanceof ReadableStream) {
    const [a, b] = body.source.tee();
    body.source = a;
    body.stream = a;
    return { source: b };
  }
  return { source: body.source, boundary: body.boundary };
}

// ---------------------------------------------------------------------------------------------
// Response

const nullBodyStatus = [101, 103, 204, 205, 304];
const redirectStatus = [301, 302, 303, 307, 308];

class Response {
  constructor(body = null, init = {}) {
    if (init === null || init === undefined) init = {};
    const status = init.status === undefined ? 200 : Number(init.status);
    if (!Number.isInteger(status) || status < 200 || status > 599) {
      throw new RangeError(`init["status"] must be in the range of 200 to 599, inclusive.`);
    }
    const statusText = init.statusText === undefined ? '' : String(init.statusText);
    if (/[^\t\x20-\x7e\x80-\xff]/.test(statusText)) throw new TypeError('Invalid statusText');
    const headers = new Headers(init.headers);
    this[kState] = { status, statusText, type: 'default', url: '', redirected: false };
    this[kBody] = { source: null };
    if (body !== null && body !== undefined) {
      if (nullBodyStatus.includes(status)) throw new TypeError('Response constructor: Invalid response status code ' + status);
      const extracted = extractBody(body);
      this[kBody] = { source: extracted.source, boundary: extracted.boundary };
      if (extracted.type !== null && !headers.has('content-type')) headers.append('content-type', extracted.type);
    }
    this[kHeadersSlot] = headers;
  }

  static error() {
    const r = new Response();
    r[kState] = { status: 0, statusText: '', type: 'error', url: '', redirected: false };
    r[kHeadersSlot][kGuard] = 'immutable';
    return r;
  }

  static redirect(url, status = 302) {
    const parsed = new URL(String(url));
    if (!redirectStatus.includes(status)) throw new RangeError(`Invalid status code ${status}`);
    const r = new Response(null, { status: 200 });
    r[kState].status = status;
    r[kHeadersSlot].set('location', parsed.href);
    r[kHeadersSlot][kGuard] = 'immutable';
    return r;
  }

  static json(data, init = {}) {
    const text = JSON.stringify(data);
    if (text === undefined) throw new TypeError('Value is not JSON serializable');
    const r = new Response(text, init);
    r[kHeadersSlot].set('content-type', 'application/json');
    return r;
  }

  get type() { return this[kState].type; }
  get url() { return this[kState].url; }
  get redirected() { return this[kState].redirected; }
  get status() { return this[kState].status; }
  get ok() { return this[kState].status >= 200 && this[kState].status <= 299; }
  get statusText() { return this[kState].statusText; }
  get headers() { return this[kHeadersSlot]; }

  clone() {
    if (this.bodyUsed) throw new TypeError('Response.clone: Body has already been consumed.');
    const copy = new Response();
    copy[kState] = { ...this[kState] };
    copy[kHeadersSlot] = new Headers(this[kHeadersSlot]);
    copy[kHeadersSlot][kGuard] = this[kHeadersSlot][kGuard];
    copy[kBody] = teeBody(this);
    return copy;
  }

  get [Symbol.toStringTag]() { return 'Response'; }

  [customInspect](depth, options, inspect) {
    return `Response ${inspect({
      status: this.status, statusText: this.statusText, headers: this.headers, body: this.body,
      bodyUsed: this.bodyUsed, ok: this.ok, redirected: this.redirected, type: this.type, url: this.url,
    }, options)}`;
  }
}
mixBody(Response);

function networkResponse(head, body, redirected) {
  const r = new Response();
  r[kState] = { status: head.status, statusText: head.statusText, type: 'basic', url: head.url, redirected };
  r[kHeadersSlot] = immutableHeaders(head.headers);
  const empty = nullBodyStatus.includes(head.status) || head.method === 'HEAD';
  if (empty && head.stream !== undefined) body.cancel().catch(() => {});
  r[kBody] = { source: empty ? null : body };
  return r;
}

// ---------------------------------------------------------------------------------------------
// Streamed bodies: `net.body` host events, routed by id. Events may arrive before the answer
// that names the id; they wait in `early` until the body is attached. A body the host reads on
// demand (`onDemand`) moves only when asked (`requestBody`), and holds the event loop only while
// a request is outstanding: an unread body does not keep the process alive.

const bodies = new Map(); // id -> { sink, onDemand, outstanding, held }
const early = new Map();
let bodiesListening = false;

function settle(entry) {
  if (entry.outstanding) { entry.outstanding = false; internal.loop.unrefHandle(); }
}

function release(entry) {
  settle(entry);
  if (entry.held) { entry.held = false; internal.loop.unrefHandle(); }
}

function routeBody(entry, event, bytes) {
  // An informational (1xx) answer before the response: no body bytes, nothing settled.
  if (event.type === 'information') { if (entry.sink.information) entry.sink.information(event); return; }
  settle(entry);
  if (event.type === 'data') { entry.sink.data(bytes); return; }
  bodies.delete(event.id);
  release(entry);
  if (event.type === 'end') entry.sink.end();
  else {
    const cause = new Error(event.message);
    cause.code = event.code;
    entry.sink.error(cause);
  }
}

/** Installs the `net.body` listener; call before the request that may stream is sent. */
function listenBodies() {
  if (!bodiesListening) {
    bodiesListening = true;
    internal.loop.onHostEvent('net.body', (event, bytes) => {
      if (event === undefined) return;
      const entry = bodies.get(event.id);
      if (entry === undefined) {
        const queue = early.get(event.id) ?? [];
        queue.push([event, bytes]);
        early.set(event.id, queue);
        return;
      }
      routeBody(entry, event, bytes);
    });
  }
}

/** Delivers body `id` to `sink` ({data(bytes), end(), error(cause)}). */
function attachBody(id, sink, onDemand = false) {
  listenBodies();
  const entry = { sink, onDemand, outstanding: false, held: !onDemand };
  bodies.set(id, entry);
  if (entry.held) internal.loop.refHandle();
  const queued = early.get(id);
  if (queued !== undefined) {
    early.delete(id);
    for (const [event, bytes] of queued) if (bodies.get(id) === entry) routeBody(entry, event, bytes);
  }
}

/** Asks the host for more of body `id` (one request outstanding at a time). */
function requestBody(id) {
  const entry = bodies.get(id);
  if (entry === undefined || !entry.onDemand || entry.outstanding) return;
  entry.outstanding = true;
  internal.loop.refHandle();
  internal.callAsync('net.bodyRead', { id }).catch(() => {});
}

/** Stops body `id` (the host closes the connection). */
function cancelBody(id) {
  const entry = bodies.get(id);
  if (entry === undefined) return;
  bodies.delete(id);
  release(entry);
  internal.callAsync('net.cancel', { id }).catch(() => {});
}

/** A ReadableStream over streamed body `id`. */
function bodyStream(id, signal, onDemand) {
  const { ReadableStream } = require('stream/web');
  let controllerRef;
  let waiter = null;
  const wake = () => { const w = waiter; waiter = null; if (w !== null) w(); };
  const stream = new ReadableStream({
    start(controller) {
      controllerRef = controller;
      attachBody(id, {
        data(bytes) { controller.enqueue(new Uint8Array(bytes)); wake(); },
        end() { controller.close(); wake(); },
        error(cause) {
          const err = new TypeError('terminated');
          err.cause = cause;
          controller.error(err);
          wake();
        },
      }, onDemand);
    },
    pull() {
      if (!onDemand || !bodies.has(id)) return undefined;
      return new Promise((resolve) => { waiter = resolve; requestBody(id); });
    },
    cancel() { wake(); cancelBody(id); },
  });
  if (signal) {
    signal.addEventListener('abort', () => {
      if (!bodies.has(id)) return;
      cancelBody(id);
      wake();
      try { controllerRef.error(abortReason(signal)); } catch {}
    }, { once: true });
  }
  return stream;
}

// ---------------------------------------------------------------------------------------------
// fetch

/** Reads the host's answer frame: 4-byte JSON length, JSON head, body. */
function decodeFrame(frame) {
  const bytes = frame instanceof Uint8Array ? frame : new Uint8Array(frame);
  const length = ((bytes[0] << 24) >>> 0) + (bytes[1] << 16) + (bytes[2] << 8) + bytes[3];
  const head = JSON.parse(decoder.decode(bytes.subarray(4, 4 + length)));
  // Header values are bytes, read as Latin-1 (as Node's parser and undici read them); the host
  // hands them over as UTF-8 text.
  if (Array.isArray(head.headers)) {
    for (const pair of head.headers) {
      if (typeof pair[1] === 'string' && /[^\x00-\x7f]/.test(pair[1])) pair[1] = Buffer.from(pair[1], 'utf8').toString('latin1');
    }
  }
  return { head, body: bytes.slice(4 + length) };
}

function fetchFailed(cause) {
  const err = new TypeError('fetch failed');
  err.cause = cause;
  return err;
}

function abortReason(signal) {
  return signal.reason !== undefined ? signal.reason : new DOMException('This operation was aborted', 'AbortError');
}

/** The host call, settled early when the signal aborts. */
function exchange(args, bytes, signal) {
  const call = internal.callAsync('net.fetch', args, bytes);
  if (!signal) return call;
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    call.then((v) => { signal.removeEventListener('abort', onAbort); resolve(v); },
      (e) => { signal.removeEventListener('abort', onAbort); reject(e); });
  });
}

const defaultHeaders = [['accept', '*/*'], ['accept-language', '*'], ['sec-fetch-mode', 'cors'], ['user-agent', 'node'],
  ['accept-encoding', 'gzip, deflate']];

/** The decompressor for a response's Content-Encoding (gzip, deflate, br), as undici decodes. */
function decoderFor(head) {
  if (head.method === 'HEAD' || head.method === 'CONNECT' || head.status === 204 || head.status === 304) return undefined;
  const header = head.headers.find((h) => h[0].toLowerCase() === 'content-encoding');
  if (header === undefined) return undefined;
  const codings = header[1].toLowerCase().split(',').map((c) => c.trim()).filter((c) => c.length > 0);
  // Only a single known coding is decoded; anything else reaches the guest as it came.
  if (codings.length !== 1) return undefined;
  const zlib = require('zlib');
  const flush = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  switch (codings[0]) {
    case 'gzip': case 'x-gzip': return () => zlib.createGunzip(flush);
    case 'deflate': return () => zlib.createUnzip(flush);
    case 'br': return () => zlib.createBrotliDecompress({ flush: zlib.constants.BROTLI_OPERATION_FLUSH, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
    default: return undefined;
  }
}

/** `body` (bytes or a ReadableStream) decoded by a zlib stream from `make`, as a ReadableStream. */
function decodedBody(body, make) {
  const { ReadableStream } = require('stream/web');
  const inflater = make();
  let source;
  return new ReadableStream({
    start(controller) {
      inflater.on('data', (chunk) => controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length)));
      inflater.on('end', () => { try { controller.close(); } catch {} });
      inflater.on('error', (cause) => {
        const err = new TypeError('terminated');
        err.cause = cause;
        try { controller.error(err); } catch {}
        if (source !== undefined) source.cancel().catch(() => {});
      });
      if (body instanceof Uint8Array) {
        inflater.end(body);
        return;
      }
      source = body.getReader();
      const pump = () => source.read().then(({ value, done }) => {
        if (done) { inflater.end(); return; }
        inflater.write(value);
        pump();
      }, (err) => { try { controller.error(err); } catch {} inflater.destroy(); });
      pump();
    },
    cancel(reason) {
      inflater.destroy();
      if (source !== undefined) return source.cancel(reason);
      return undefined;
    },
  });
}

async function fetch(input, init = undefined) {
  const request = new Request(input, init);
  const signal = request.signal;
  if (signal.aborted) throw abortReason(signal);
  let method = request.method;
  let url = request.url;
  let headers = headerPairs(request.headers);
  for (const [name, value] of defaultHeaders) {
    if (!request.headers.has(name)) headers.push([name, value]);
  }
  let body = request[kBody].source === null ? undefined : await bodyBytes(request[kBody]);
  request[kUsed] = request[kBody].source !== null;
  let redirects = 0;
  for (;;) {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw fetchFailed(new TypeError(parsed.protocol === 'data:' || parsed.protocol === 'blob:'
        ? `fetch of ${parsed.protocol} URLs is not supported in the sandbox` : 'unknown scheme'));
    }
    let frame;
    try {
      listenBodies();
      frame = await exchange({ url, method, headers, op: 'fetch', stream: true }, body, signal);
    } catch (error) {
      if (signal.aborted) throw abortReason(signal);
      throw fetchFailed(error);
    }
    const { head, body: bytes } = decodeFrame(frame);
    head.method = method;
    const responseBody = head.stream === undefined ? bytes : bodyStream(head.stream, signal, head.onDemand === true);
    const location = head.headers.find((h) => h[0].toLowerCase() === 'location');
    if (redirectStatus.includes(head.status) && location !== undefined && request.redirect !== 'manual') {
      if (head.stream !== undefined) responseBody.cancel().catch(() => {});
      if (request.redirect === 'error') throw fetchFailed(new TypeError('unexpected redirect'));
      if (++redirects > 20) throw fetchFailed(new TypeError('redirect count exceeded'));
      let next;
      try { next = new URL(location[1], url); } catch (cause) { throw fetchFailed(cause); }
      if (next.protocol !== 'http:' && next.protocol !== 'https:') throw fetchFailed(new TypeError('URL scheme must be a HTTP(S) scheme'));
      if ((head.status === 303 && method !== 'GET' && method !== 'HEAD') ||
          ((head.status === 301 || head.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
        headers = headers.filter(([n]) => !/^content-(type|length|encoding|language|location)$/i.test(n));
      }
      if (next.origin !== parsed.origin) {
        headers = headers.filter(([n]) => !/^(authorization|cookie|proxy-authorization|host)$/i.test(n));
      }
      url = next.href;
      continue;
    }
    const decode = decoderFor(head);
    return networkResponse(head, decode === undefined ? responseBody : decodedBody(responseBody, decode), redirects > 0);
  }
}

module.exports = { fetch, Headers, Request, Response, FormData, headerPairs, decodeFrame, listenBodies, attachBody, requestBody, cancelBody };
