// Builtin aliases, constants and loop liveness as Node 22 has them.
const util = require('util');
const path = require('path');
const stream = require('stream');
console.log(require('util/types') === util.types, require('node:util/types') === util.types);
console.log(require('path/posix') === path.posix, require('path/win32') === path.win32);
console.log(require('_stream_readable') === stream.Readable, require('_stream_writable') === stream.Writable);
console.log(require('_stream_duplex') === stream.Duplex, require('_stream_transform') === stream.Transform);
console.log(require('_stream_passthrough') === stream.PassThrough);
console.log(require('module').isBuiltin('util/types'), require('module').isBuiltin('path/posix'));
const os = require('os');
const eol = Object.getOwnPropertyDescriptor(os, 'EOL');
console.log(JSON.stringify(eol.value), eol.writable, eol.enumerable, eol.configurable);
try { os.EOL = 'x'; } catch (e) { console.log(e.name); }
console.log(JSON.stringify(os.EOL), os.devNull);
(() => { 'use strict'; try { os.EOL = 'x'; } catch (e) { console.log(e.constructor.name); } })();
// An unref'd immediate runs only while something else keeps the loop alive (scheduled from a
// timer callback, so how long the main script took does not matter).
setTimeout(() => {
  setImmediate(() => console.log('unref immediate, loop kept alive by a timer')).unref();
  setTimeout(() => {
    console.log('timer');
    setImmediate(() => console.log('never printed: nothing else is alive')).unref();
  }, 1);
}, 0);
