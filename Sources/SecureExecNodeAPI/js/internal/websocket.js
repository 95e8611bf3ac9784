'use strict';
// The WHATWG WebSocket client (Node 22's global `WebSocket`). The host does the connection:
// `ws.connect` runs the whole network gate (permission op "websocket" with the URL, hostname,
// port, protocol `ws:`/`wss:` and the resolved addresses, then the adapter's SSRF policy) and
// the opening handshake (TLS verified for wss:). Messages, errors and the close arrive as
// `ws.event` host events routed by socket id; sends are `ws.send` calls, answered once the
// connection took the frame (that is what `bufferedAmount` counts).

const { EventTarget, Event, defineEventHandler } = require('internal/event_target');
const { DOMException } = require('internal/dom_exception');
const { Buffer, Blob } = require('buffer');

const CONNECTING = 0;
const OPEN = 1;
const CLOSING = 2;
const CLOSED = 3;

const sockets = new Map(); // host id -> WebSocket
const early = new Map();   // host id -> events that arrived before the socket knew its id
let listening = false;

function listen() {
  if (listening) return;
  listening = true;
  internal.loop.onHostEvent('ws.event', (event, bytes) => {
    if (event === undefined) return;
    const socket = sockets.get(event.id);
    if (socket === undefined) {
      const queue = early.get(event.id) ?? [];
      if (queue.length < 4096) queue.push([event, bytes]);
      early.set(event.id, queue);
      return;
    }
    socket[kEvent](event, bytes);
  });
}

const kState = Symbol('kState');
const kEvent = Symbol('kEvent');

class MessageEvent extends Event {
  #data;
  #origin;
  constructor(type, options = {}) {
    super(type, options);
    this.#data = options.data;
    this.#origin = options.origin ?? '';
  }
  get data() { return this.#data; }
  get origin() { return this.#origin; }
  get lastEventId() { return ''; }
  get source() { return null; }
  get ports() { return []; }
}

class CloseEvent extends Event {
  #init;
  constructor(type, options = {}) {
    super(type, options);
    this.#init = { wasClean: Boolean(options.wasClean), code: Number(options.code ?? 0), reason: String(options.reason ?? '') };
  }
  get wasClean() { return this.#init.wasClean; }
  get code() { return this.#init.code; }
  get reason() { return this.#init.reason; }
}

class ErrorEvent extends Event {
  #init;
  constructor(type, options = {}) {
    super(type, options);
    this.#init = { message: String(options.message ?? ''), error: options.error };
  }
  get message() { return this.#init.message; }
  get error() { return this.#init.error; }
  get filename() { return ''; }
  get lineno() { return 0; }
  get colno() { return 0; }
}

const tokenPattern = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function parseURL(url) {
  let parsed;
  try {
    parsed = new URL(String(url));
  } catch (cause) {
    throw new DOMException(cause.message, 'SyntaxError');
  }
  if (parsed.protocol === 'http:') parsed.protocol = 'ws:';
  else if (parsed.protocol === 'https:') parsed.protocol = 'wss:';
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
    throw new DOMException(`Expected a ws: or wss: protocol, got ${parsed.protocol}`, 'SyntaxError');
  }
  if (parsed.hash !== '' || String(url).endsWith('#')) throw new DOMException('Got fragment', 'SyntaxError');
  return parsed;
}

function messageBytes(data) {
  if (typeof data === 'string') return { binary: false, bytes: Buffer.from(data, 'utf8') };
  if (data instanceof ArrayBuffer) return { binary: true, bytes: new Uint8Array(data.slice(0)) };
  if (ArrayBuffer.isView(data)) {
    return { binary: true, bytes: new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)) };
  }
  return { binary: false, bytes: Buffer.from(String(data), 'utf8') };
}

class WebSocket extends EventTarget {
  static CONNECTING = CONNECTING;
  static OPEN = OPEN;
  static CLOSING = CLOSING;
  static CLOSED = CLOSED;

  constructor(url, protocols = []) {
    super();
    if (arguments.length === 0) {
      throw new TypeError("Failed to construct 'WebSocket': 1 argument required, but only 0 present.");
    }
    if (protocols !== null && typeof protocols === 'object' && !Array.isArray(protocols) && protocols.protocols !== undefined) {
      protocols = protocols.protocols;
    }
    const list = typeof protocols === 'string' ? [protocols] : Array.from(protocols ?? [], String);
    if (list.some((p) => !tokenPattern.test(p)) || new Set(list).size !== list.length) {
      throw new DOMException('Invalid Sec-WebSocket-Protocol value', 'SyntaxError');
    }
    const parsed = parseURL(url);
    this[kState] = {
      url: parsed.href, readyState: CONNECTING, protocol: '', extensions: '', binaryType: 'blob',
      bufferedAmount: 0, id: undefined, holding: false, sendChain: Promise.resolve(), closeRequested: null,
      finished: false,
    };
    listen();
    this.#hold();
    internal.callAsync('ws.connect', { url: parsed.href, protocols: list }).then((info) => {
      const state = this[kState];
      state.id = info.id;
      sockets.set(info.id, this);
      if (state.closeRequested !== null) {
        // close() while connecting: the connection fails (error, then close with 1006).
        internal.callAsync('ws.terminate', { id: info.id }).catch(() => {});
        this.#fail('Connection was closed before it was established.');
        return;
      }
      state.readyState = OPEN;
      state.protocol = info.protocol ?? '';
      state.extensions = info.extensions ?? '';
      this.dispatchEvent(new Event('open'));
      const queued = early.get(info.id);
      if (queued !== undefined) {
        early.delete(info.id);
        for (const [event, bytes] of queued) this[kEvent](event, bytes);
      }
    }, (error) => {
      this.#fail('Received network error or non-101 status code.', error);
    });
  }

  get url() { return this[kState].url; }
  get readyState() { return this[kState].readyState; }
  get bufferedAmount() { return this[kState].bufferedAmount; }
  get protocol() { return this[kState].protocol; }
  get extensions() { return this[kState].extensions; }
  get binaryType() { return this[kState].binaryType; }
  set binaryType(type) {
    if (type === 'blob' || type === 'arraybuffer') this[kState].binaryType = type;
  }

  send(data) {
    if (arguments.length === 0) {
      throw new TypeError("Failed to execute 'send' on 'WebSocket': 1 argument required, but only 0 present.");
    }
    const state = this[kState];
    if (state.readyState === CONNECTING) throw new DOMException('Sent before connected.', 'InvalidStateError');
    if (state.readyState !== OPEN) return;
    const isBlob = data instanceof Blob;
    const size = isBlob ? data.size : messageBytes(data).bytes.byteLength;
    // Blobs are read asynchronously; a chain keeps messages in the order they were sent.
    const prepared = isBlob ? data.arrayBuffer().then((b) => ({ binary: true, bytes: new Uint8Array(b) })) : Promise.resolve(messageBytes(data));
    state.bufferedAmount += size;
    state.sendChain = state.sendChain.then(() => prepared).then(({ binary, bytes }) => {
      if (state.id === undefined || state.finished) return undefined;
      return internal.callAsync('ws.send', { id: state.id, binary }, bytes);
    }).catch(() => {}).finally(() => { state.bufferedAmount -= size; });
  }

  close(code, reason) {
    if (code !== undefined) {
      code = Number(code);
      if (!Number.isInteger(code) || (code !== 1000 && (code < 3000 || code > 4999))) {
        throw new DOMException('invalid code', 'InvalidAccessError');
      }
    }
    reason = reason === undefined ? '' : String(reason);
    if (Buffer.byteLength(reason, 'utf8') > 123) {
      throw new DOMException(`Reason must be less than 123 bytes; received ${Buffer.byteLength(reason, 'utf8')}`, 'SyntaxError');
    }
    const state = this[kState];
    if (state.readyState === CLOSING || state.readyState === CLOSED) return;
    state.closeRequested = { code, reason };
    if (state.readyState === CONNECTING) {
      state.readyState = CLOSING;
      return;
    }
    state.readyState = CLOSING;
    // After every queued send, so the close frame follows the messages.
    state.sendChain = state.sendChain.then(() => {
      if (state.finished) return undefined;
      return internal.callAsync('ws.close', { id: state.id, code, reason });
    }).catch(() => {});
  }

  #hold() {
    if (!this[kState].holding) { this[kState].holding = true; internal.loop.refHandle(); }
  }

  #release() {
    if (this[kState].holding) { this[kState].holding = false; internal.loop.unrefHandle(); }
  }

  /** The connection failed: an error event, then a close event with 1006. */
  #fail(message, error) {
    const state = this[kState];
    if (state.finished) return;
    const err = error instanceof Error ? error : new TypeError(message);
    this.dispatchEvent(new ErrorEvent('error', { message, error: err }));
    this.#finish(1006, '', false);
  }

  #finish(code, reason, wasClean) {
    const state = this[kState];
    if (state.finished) return;
    state.finished = true;
    state.readyState = CLOSED;
    if (state.id !== undefined) sockets.delete(state.id);
    this.#release();
    this.dispatchEvent(new CloseEvent('close', { code, reason, wasClean }));
  }

  [kEvent](event, bytes) {
    const state = this[kState];
    switch (event.type) {
      case 'message': {
        if (state.readyState !== OPEN) return;
        let data;
        if (!event.binary) {
          data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
        } else if (state.binaryType === 'arraybuffer') {
          data = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
        } else {
          data = new Blob([bytes]);
        }
        this.dispatchEvent(new MessageEvent('message', { data, origin: new URL(state.url).origin }));
        break;
      }
      case 'error':
        if (!state.finished) {
          const err = new TypeError(event.message);
          err.code = event.code;
          this.dispatchEvent(new ErrorEvent('error', { message: event.message, error: err }));
        }
        break;
      case 'close':
        if (state.readyState === OPEN) state.readyState = CLOSING;
        this.#finish(event.code, event.reason ?? '', Boolean(event.wasClean));
        break;
    }
  }
}

for (const [name, value] of [['CONNECTING', CONNECTING], ['OPEN', OPEN], ['CLOSING', CLOSING], ['CLOSED', CLOSED]]) {
  Object.defineProperty(WebSocket.prototype, name, { __proto__: null, value, enumerable: true });
}
for (const name of ['open', 'error', 'close', 'message']) defineEventHandler(WebSocket.prototype, name);

module.exports = { WebSocket, MessageEvent, CloseEvent, ErrorEvent };
