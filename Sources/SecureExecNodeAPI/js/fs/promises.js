'use strict';
// `fs/promises`: the promise forms of `fs`.
module.exports = require('fs').promises;
