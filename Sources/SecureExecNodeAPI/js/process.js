'use strict';
// The `process` builtin: the global process object.
module.exports = process;
