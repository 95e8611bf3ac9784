'use strict';
// `path/win32`: the Windows implementation carried by `path`.
module.exports = require('path').win32;
