'use strict';
// `assert/strict`: the strict variant of `assert` (the same object as `assert.strict`).

module.exports = require('assert').strict;
