// Crypto test helpers. The sandbox has `crypto` (hasCrypto is true), but none of Node's helpers
// here yet: a test that needs one fails on it.
'use strict';

const common = require('./');

if (!common.hasCrypto) common.skip('missing crypto');

module.exports = {};
