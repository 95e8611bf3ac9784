'use strict';
// Where the `domain` module plugs into the runtime once loaded (nothing happens until then):
//   - observeThrow(err): called with every value a context-wrapped callback throws, while the
//     callback's context (so its domain) is still current;
//   - handleUncaught(err): called first for an uncaught exception; true when a domain took it;
//   - loadedAt: the stack of the `require('domain')` that loaded it (Node names it when
//     process.setUncaughtExceptionCaptureCallback is refused because of it).
// Also kept here: the capture callback of process.setUncaughtExceptionCaptureCallback (`capture`),
// which takes an uncaught exception before 'uncaughtException' listeners do.
module.exports = { __proto__: null, observeThrow: null, handleUncaught: null, loadedAt: null, capture: null };
