'use strict';
// Message channels between a guest and the `node` children it forks (child_process.fork, or
// 'ipc' in stdio). Both ends are sandboxed runtimes; the host carries JSON text between them
// (IPCChannel.swift). Messages are JSON values, as with Node's default 'json' serialization;
// handles (sockets, servers) cannot be sent.
//   parent: child.send / child.disconnect / child.connected, 'message' and 'disconnect' events;
//   child:  process.send / process.disconnect / process.connected / process.channel, the same
//           events on `process`; the child stays alive while connected and someone listens
//           for 'message' or 'disconnect' (unless process.channel.unref()).

const { Buffer } = require('buffer');

function errors() { return require('internal/errors'); }

function notSupported(what) {
  const err = new Error(`${what} is not supported in sandbox`);
  err.code = 'ERR_NOT_SUPPORTED_IN_SANDBOX';
  return err;
}

/**
 * `target.send(message, handle, options, callback)`: `deliver(bytes)` hands the JSON text to the
 * host and answers false when the channel is closed.
 */
function sendMessage(target, deliver, message, handle, options, callback) {
  const { codes } = errors();
  if (typeof handle === 'function') {
    callback = handle;
    handle = undefined;
    options = undefined;
  } else if (typeof options === 'function') {
    callback = options;
    options = undefined;
  } else if (options !== undefined) {
    require('internal/validators').validateObject(options, 'options');
  }
  if (message === undefined) throw new codes.ERR_MISSING_ARGS('message');
  if (typeof message !== 'string' && typeof message !== 'object' && typeof message !== 'number' &&
      typeof message !== 'boolean') {
    throw new codes.ERR_INVALID_ARG_TYPE('message', ['string', 'object', 'number', 'boolean'], message);
  }
  if (handle !== undefined && handle !== null) throw notSupported('Sending a handle over IPC');
  const closed = () => {
    const err = new codes.ERR_IPC_CHANNEL_CLOSED();
    if (typeof callback === 'function') process.nextTick(callback, err);
    else process.nextTick(() => target.emit('error', err));
    return false;
  };
  if (!target.connected) return closed();
  const text = JSON.stringify(message);
  if (!deliver(Buffer.from(text === undefined ? 'null' : text, 'utf8'))) return closed();
  if (typeof callback === 'function') process.nextTick(callback, null);
  return true;
}

/** A message from the other end: Node's internal ('NODE_…' cmd) ones go to 'internalMessage'. */
function receive(target, bytes) {
  let value;
  try {
    value = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch {
    return;
  }
  if (value !== null && typeof value === 'object' && typeof value.cmd === 'string' && value.cmd.startsWith('NODE_')) {
    target.emit('internalMessage', value);
    return;
  }
  target.emit('message', value, undefined);
}

/** The child's end: called once per call when the host says this call was forked. */
function setupChild() {
  const loop = internal.loop;
  let connected = true;
  let refed = false;
  let unrefed = false;
  const updateRef = () => {
    const want = connected && !unrefed &&
      (process.listenerCount('message') > 0 || process.listenerCount('disconnect') > 0);
    if (want && !refed) { refed = true; loop.refHandle(); }
    else if (!want && refed) { refed = false; loop.unrefHandle(); }
  };
  const close = (initiated) => {
    if (!connected) return;
    connected = false;
    if (initiated) internal.call('ipc.disconnect', {});
    updateRef();
    process.nextTick(() => process.emit('disconnect'));
  };
  process.channel = {
    fd: 3,
    ref() { unrefed = false; updateRef(); },
    unref() { unrefed = true; updateRef(); },
  };
  Object.defineProperty(process, 'connected', { __proto__: null, get: () => connected, enumerable: true, configurable: true });
  process.send = function send(message, handle, options, callback) {
    return sendMessage(process, (bytes) => internal.call('ipc.send', {}, bytes), message, handle, options, callback);
  };
  process.disconnect = function disconnect() {
    if (!connected) {
      process.emit('error', new (errors().codes.ERR_IPC_DISCONNECTED)());
      return;
    }
    close(true);
  };
  process.on('newListener', (name) => { if (name === 'message' || name === 'disconnect') process.nextTick(updateRef); });
  process.on('removeListener', (name) => { if (name === 'message' || name === 'disconnect') process.nextTick(updateRef); });
  loop.onHostEvent('ipc', (message, bytes) => {
    if (message?.type === 'message' && bytes) receive(process, bytes);
    else if (message?.type === 'disconnect') close(false);
  });
  internal.call('ipc.ready', {});
}

module.exports = { sendMessage, receive, setupChild };
