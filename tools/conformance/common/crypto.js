// Crypto test helpers: the sandbox has no crypto module, so a test that needs them skips.
'use strict';

const common = require('./');

if (!common.hasCrypto) common.skip('missing crypto');

module.exports = {};
