'use strict';
// Helpers of Node's test/common/child_process for the sandbox (our own code). Children that run
// `node` are nested sandboxed runtimes, so there is no stale host process to clean up.

const common = require('./');

// A child that outlives its parent's timer by far.
const kExpiringChildRunTime = common.platformTimeout(20 * 1000);
const kExpiringParentTimer = 1;

function cleanupStaleProcess() {}

function logAfterTime(time) {
  setTimeout(() => {
    console.log('child stdout');
    console.error('child stderr');
  }, time);
}

module.exports = {
  cleanupStaleProcess,
  logAfterTime,
  kExpiringChildRunTime,
  kExpiringParentTimer,
};
