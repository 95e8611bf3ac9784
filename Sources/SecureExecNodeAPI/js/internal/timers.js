'use strict';
// The pieces of Node's internal/timers other modules share: the symbol under which a socket keeps
// its idle-timeout Timeout (null until setTimeout), the longest delay, and unref'd timeouts.

const { setTimeout, clearTimeout } = require('timers');

const kTimeout = Symbol('timeout');
const TIMEOUT_MAX = 2 ** 31 - 1;

/** A Timeout that does not keep the event loop alive (sockets' and servers' idle timers). */
function setUnrefTimeout(callback, after, ...args) {
  return setTimeout(callback, after, ...args).unref();
}

module.exports = { kTimeout, TIMEOUT_MAX, setUnrefTimeout, clearTimeout };
