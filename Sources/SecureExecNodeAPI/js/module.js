'use strict';
// The public `module` builtin: Node's Module class and its helpers.
module.exports = require('internal/modules/cjs').Module;
