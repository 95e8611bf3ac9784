'use strict';
// `path/posix`: the POSIX implementation, which is `path` itself here.
module.exports = require('path').posix;
