'use strict';
// `worker_threads` for a sandbox that runs exactly one thread: this is always the main thread
// (isMainThread true, parentPort/workerData null, threadId 0) and `new Worker()` fails with
// Error code ERR_NOT_SUPPORTED_IN_SANDBOX. MessageChannel, MessagePort and BroadcastChannel
// work inside the thread: messages are structured-cloned and delivered asynchronously (one
// macrotask per message, like Node's event loop delivery), MessagePorts are NodeEventTargets
// (`on('message', v)` gets the value, addEventListener gets a MessageEvent), a started port
// with a 'message' listener keeps the event loop alive until it is closed or unref()'d, and
// receiveMessageOnPort() takes a queued message synchronously. Environment data is a per-thread
// map. Transfer lists move MessagePorts; transferred ArrayBuffers are copied, then detached
// when the engine supports ArrayBuffer.prototype.transfer.

const EventEmitter = require('events');
const {
  NodeEventTarget,
  Event,
  defineEventHandler,
  kNewListener,
  kRemoveListener,
  kCreateEvent,
} = require('internal/event_target');
const {
  codes: {
    ERR_INVALID_ARG_TYPE,
    ERR_MISSING_ARGS,
    ERR_INVALID_THIS,
    ERR_WORKER_MESSAGING_SAME_THREAD,
    ERR_WORKER_MESSAGING_FAILED,
  },
} = require('internal/errors');
const { validateInteger } = require('internal/validators');

const SHARE_ENV = Symbol.for('nodejs.worker_threads.SHARE_ENV');

function notSupported() {
  const err = new Error('worker_threads.Worker is not supported in sandbox');
  err.code = 'ERR_NOT_SUPPORTED_IN_SANDBOX';
  return err;
}

class Worker extends EventEmitter {
  constructor(filename, options) {
    super();
    void filename;
    void options;
    throw notSupported();
  }
}

// ---------------------------------------------------------------------------------------------
// Scheduling and loop liveness

// The sandbox loop (when present) counts handles that keep the process alive.
function loopHandles() {
  const loop = typeof internal === 'object' && internal !== null ? internal.loop : undefined;
  return loop !== undefined && typeof loop.refHandle === 'function' ? loop : undefined;
}

function schedule(fn) {
  const timers = loopHandles() !== undefined ? require('timers') : globalThis;
  timers.setImmediate(fn);
}

let structuredCloneFn;
function cloneMessage(value, transferList) {
  structuredCloneFn ??= require('internal/structured_clone').structuredClone;
  if (value !== null && typeof value === 'object' && uncloneable.has(value)) {
    const { DOMException } = require('internal/dom_exception');
    throw new DOMException('Cannot clone object of unsupported type.', 'DataCloneError');
  }
  const ports = [];
  const buffers = [];
  if (transferList !== undefined && transferList !== null) {
    if (typeof transferList[Symbol.iterator] !== 'function') {
      throw new ERR_INVALID_ARG_TYPE('transferList', 'sequence', transferList);
    }
    for (const item of transferList) {
      if (item instanceof MessagePort) ports.push(item);
      else if (item instanceof ArrayBuffer) buffers.push(item);
    }
  }
  // Ports travel by identity (this is the same thread); everything else is cloned.
  const cloned = ports.length === 0 ? structuredCloneFn(value) : cloneWithPorts(value, ports);
  for (const buffer of buffers) {
    if (untransferable.has(buffer)) continue;
    if (typeof buffer.transfer === 'function') buffer.transfer();
  }
  return { data: cloned, ports };
}

// structuredClone cannot clone ports; swap them for placeholders and back.
function cloneWithPorts(value, ports) {
  if (ports.includes(value)) return value;
  if (value === null || typeof value !== 'object') return structuredCloneFn(value);
  const placeholders = new Map();
  const swap = (v) => {
    if (v === null || typeof v !== 'object') return v;
    const index = ports.indexOf(v);
    if (index !== -1) {
      const marker = { __port: index };
      placeholders.set(marker, v);
      return marker;
    }
    return v;
  };
  const shallow = Array.isArray(value) ? value.map(swap) : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, swap(v)]));
  const cloned = structuredCloneFn(shallow);
  for (const key of Object.keys(cloned)) {
    const v = cloned[key];
    if (v !== null && typeof v === 'object' && typeof v.__port === 'number') cloned[key] = ports[v.__port];
  }
  return cloned;
}

// ---------------------------------------------------------------------------------------------
// MessageEvent

const kData = Symbol('kData');
const kPorts = Symbol('kPorts');

class MessageEvent extends Event {
  constructor(type, options = {}) {
    super(type, options);
    this[kData] = options.data;
    this[kPorts] = Object.freeze([...(options.ports ?? [])]);
    this.origin = options.origin ?? '';
    this.lastEventId = options.lastEventId ?? '';
    this.source = options.source ?? null;
  }

  get data() { return this[kData]; }

  get ports() { return this[kPorts]; }
}

// ---------------------------------------------------------------------------------------------
// MessagePort / MessageChannel

const kPeer = Symbol('kPeer');
const kQueue = Symbol('kQueue');
const kStarted = Symbol('kStarted');
const kClosed = Symbol('kClosed');
const kRefed = Symbol('kRefed');
const kHeld = Symbol('kHeld');
const kDraining = Symbol('kDraining');
const kCreate = Symbol('kCreate');

// Errors Node raises from its native MessagePort code (plain TypeErrors with a code).
function typeErrorWithCode(message, code) {
  const err = new TypeError(message);
  err.code = code;
  return err;
}

function isPort(value) {
  return value !== null && typeof value === 'object' && kQueue in value;
}

class MessagePort extends NodeEventTarget {
  constructor(token) {
    if (token !== kCreate) {
      const err = new TypeError('Constructor cannot be called');
      err.code = 'ERR_CONSTRUCT_CALL_INVALID';
      throw err;
    }
    super();
    this[kPeer] = null;
    this[kQueue] = [];
    this[kStarted] = false;
    this[kClosed] = false;
    this[kRefed] = true;
    this[kHeld] = false;
    this[kDraining] = false;
  }

  postMessage(message, transferList) {
    if (!isPort(this)) throw new ERR_INVALID_THIS('MessagePort');
    if (arguments.length === 0) throw typeErrorWithCode('Not enough arguments to MessagePort.postMessage', 'ERR_MISSING_ARGS');
    if (transferList !== undefined && transferList !== null && !Array.isArray(transferList) &&
        typeof transferList === 'object' && 'transfer' in transferList) {
      transferList = transferList.transfer;
    }
    const peer = this[kPeer];
    const cloned = cloneMessage(message, transferList);
    if (this[kClosed] || peer === null || peer[kClosed]) return;
    peer[kQueue].push(cloned);
    drainSoon(peer);
  }

  start() {
    if (!isPort(this)) throw new ERR_INVALID_THIS('MessagePort');
    this[kStarted] = true;
    updateHold(this);
    drainSoon(this);
  }

  close() {
    if (!isPort(this)) throw new ERR_INVALID_THIS('MessagePort');
    if (this[kClosed]) return;
    const peer = this[kPeer];
    closePort(this);
    if (peer !== null) closePort(peer);
  }

  ref() {
    this[kRefed] = true;
    updateHold(this);
    return this;
  }

  unref() {
    this[kRefed] = false;
    updateHold(this);
    return this;
  }

  hasRef() {
    return !this[kClosed] && this[kRefed] && this[kStarted] && this.listenerCount('message') > 0;
  }

  [kNewListener](size, type, listener, once, capture, passive, weak) {
    super[kNewListener](size, type, listener, once, capture, passive, weak);
    // A message listener starts the port (Node does this for on() and addEventListener()).
    if (type === 'message' && !this[kClosed]) this.start();
  }

  [kRemoveListener](size, type, listener, capture) {
    super[kRemoveListener](size, type, listener, capture);
    if (type === 'message') updateHold(this);
  }

  [kCreateEvent](data, type) {
    return new MessageEvent(type, { data });
  }

  [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
    const state = { active: !this[kClosed], refed: this.hasRef() };
    if (depth < 0) return 'MessagePort';
    return `MessagePort ${inspect(state, { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  }
}
defineEventHandler(MessagePort.prototype, 'message');
defineEventHandler(MessagePort.prototype, 'messageerror');

function closePort(port) {
  if (port[kClosed]) return;
  port[kClosed] = true;
  port[kQueue].length = 0;
  updateHold(port);
  schedule(() => port.emit('close'));
}

// Keep the sandbox's event loop alive while a started, ref'd port listens for messages.
function updateHold(port) {
  const loop = loopHandles();
  if (loop === undefined) return;
  const want = port.hasRef();
  if (want && !port[kHeld]) {
    port[kHeld] = true;
    loop.refHandle();
  } else if (!want && port[kHeld]) {
    port[kHeld] = false;
    loop.unrefHandle();
  }
}

function drainSoon(port) {
  if (!port[kStarted] || port[kDraining] || port[kQueue].length === 0) return;
  port[kDraining] = true;
  schedule(() => {
    port[kDraining] = false;
    // Everything queued so far is delivered in one go, as Node's port handle does.
    let pending = port[kQueue].length;
    while (pending-- > 0 && !port[kClosed] && port[kStarted]) {
      const entry = port[kQueue].shift();
      if (entry === undefined) break;
      deliver(port, entry.data, new MessageEvent('message', { data: entry.data, ports: entry.ports }));
    }
    drainSoon(port);
  });
}

const kHybridDispatch = Symbol.for('nodejs.internal.kHybridDispatch');
function deliver(port, data, event) {
  // Node-style listeners get the data, DOM listeners the MessageEvent.
  port[kHybridDispatch](data, 'message', event);
}

function createPortPair() {
  const port1 = new MessagePort(kCreate);
  const port2 = new MessagePort(kCreate);
  port1[kPeer] = port2;
  port2[kPeer] = port1;
  return [port1, port2];
}

class MessageChannel {
  constructor() {
    const [port1, port2] = createPortPair();
    this.port1 = port1;
    this.port2 = port2;
  }
}

function receiveMessageOnPort(port) {
  if (!isPort(port)) throw typeErrorWithCode('The "port" argument must be a MessagePort instance', 'ERR_INVALID_ARG_TYPE');
  const entry = port[kQueue].shift();
  if (entry === undefined) return undefined;
  return { message: entry.data };
}

function moveMessagePortToContext() {
  const err = new Error('worker_threads.moveMessagePortToContext is not supported in sandbox');
  err.code = 'ERR_NOT_SUPPORTED_IN_SANDBOX';
  throw err;
}

// ---------------------------------------------------------------------------------------------
// BroadcastChannel: delivery to every other open channel of the same name in this thread.

const broadcastGroups = new Map();
const kName = Symbol('kName');
const kBroadcastClosed = Symbol('kBroadcastClosed');
const kBroadcastRefed = Symbol('kBroadcastRefed');
const kBroadcastHeld = Symbol('kBroadcastHeld');

class BroadcastChannel extends NodeEventTarget {
  constructor(name) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('name');
    super();
    this[kName] = `${name}`;
    this[kBroadcastClosed] = false;
    this[kBroadcastRefed] = true;
    this[kBroadcastHeld] = false;
    let group = broadcastGroups.get(this[kName]);
    if (group === undefined) broadcastGroups.set(this[kName], group = new Set());
    group.add(this);
  }

  get name() {
    if (!(kName in this)) throw new ERR_INVALID_THIS('BroadcastChannel');
    return this[kName];
  }

  close() {
    if (!(kName in this)) throw new ERR_INVALID_THIS('BroadcastChannel');
    if (this[kBroadcastClosed]) return;
    this[kBroadcastClosed] = true;
    broadcastGroups.get(this[kName])?.delete(this);
    updateBroadcastHold(this);
  }

  postMessage(message) {
    if (!(kName in this)) throw new ERR_INVALID_THIS('BroadcastChannel');
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('message');
    if (this[kBroadcastClosed]) {
      const { DOMException } = require('internal/dom_exception');
      throw new DOMException('BroadcastChannel is closed.', 'InvalidStateError');
    }
    const { data } = cloneMessage(message);
    for (const other of broadcastGroups.get(this[kName]) ?? []) {
      if (other === this) continue;
      schedule(() => {
        if (other[kBroadcastClosed]) return;
        other[kHybridDispatch](data, 'message', new MessageEvent('message', { data }));
      });
    }
  }

  ref() {
    this[kBroadcastRefed] = true;
    updateBroadcastHold(this);
    return this;
  }

  unref() {
    this[kBroadcastRefed] = false;
    updateBroadcastHold(this);
    return this;
  }

  [kNewListener](size, type, listener, once, capture, passive, weak) {
    super[kNewListener](size, type, listener, once, capture, passive, weak);
    if (type === 'message') updateBroadcastHold(this);
  }

  [kRemoveListener](size, type, listener, capture) {
    super[kRemoveListener](size, type, listener, capture);
    if (type === 'message') updateBroadcastHold(this);
  }

  [kCreateEvent](data, type) {
    return new MessageEvent(type, { data });
  }

  [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
    if (!(kName in this)) throw new ERR_INVALID_THIS('BroadcastChannel');
    if (depth < 0) return 'BroadcastChannel';
    const opts = { ...options, depth: options.depth == null ? null : options.depth - 1 };
    return `BroadcastChannel ${inspect({ name: this[kName], active: !this[kBroadcastClosed] }, opts)}`;
  }
}
defineEventHandler(BroadcastChannel.prototype, 'message');
defineEventHandler(BroadcastChannel.prototype, 'messageerror');

function updateBroadcastHold(channel) {
  const loop = loopHandles();
  if (loop === undefined) return;
  const want = !channel[kBroadcastClosed] && channel[kBroadcastRefed] && channel.listenerCount('message') > 0;
  if (want && !channel[kBroadcastHeld]) {
    channel[kBroadcastHeld] = true;
    loop.refHandle();
  } else if (!want && channel[kBroadcastHeld]) {
    channel[kBroadcastHeld] = false;
    loop.unrefHandle();
  }
}

// ---------------------------------------------------------------------------------------------
// Transfer markers and environment data

const untransferable = new WeakSet();
const uncloneable = new WeakSet();

function markAsUntransferable(object) {
  if ((typeof object !== 'object' && typeof object !== 'function') || object === null) return;
  untransferable.add(object);
}

function isMarkedAsUntransferable(object) {
  if (object == null) return false;
  return untransferable.has(object);
}

function markAsUncloneable(object) {
  if ((typeof object !== 'object' && typeof object !== 'function') || object === null) return;
  uncloneable.add(object);
}

const environmentData = new Map();

function setEnvironmentData(key, value) {
  if (value === undefined) environmentData.delete(key);
  else environmentData.set(key, value);
}

function getEnvironmentData(key) {
  return environmentData.get(key);
}

// There is no other thread to message.
async function postMessageToThread(threadId, value, transferList, timeout) {
  if (typeof transferList === 'number' && typeof timeout === 'undefined') {
    timeout = transferList;
    transferList = [];
  }
  validateInteger(threadId, 'threadId', 0);
  if (timeout !== undefined) validateInteger(timeout, 'timeout', 0);
  if (threadId === 0) throw new ERR_WORKER_MESSAGING_SAME_THREAD();
  throw new ERR_WORKER_MESSAGING_FAILED();
}

module.exports = {
  isInternalThread: false,
  isMainThread: true,
  MessagePort,
  MessageChannel,
  markAsUncloneable,
  markAsUntransferable,
  isMarkedAsUntransferable,
  moveMessagePortToContext,
  receiveMessageOnPort,
  resourceLimits: {},
  postMessageToThread,
  threadId: 0,
  threadName: '',
  SHARE_ENV,
  Worker,
  parentPort: null,
  workerData: null,
  BroadcastChannel,
  setEnvironmentData,
  getEnvironmentData,
};
