'use strict';
// `_stream_transform`: the legacy name of `stream.Transform`.
module.exports = require('stream').Transform;
