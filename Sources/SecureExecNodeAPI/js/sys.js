'use strict';
// `sys`: the deprecated alias of `util` (Node warns DEP0025 on first load).
internal.warnOnce?.('DEP0025', 'sys is deprecated. Use util instead.', 'DeprecationWarning', 'DEP0025');
module.exports = require('util');
