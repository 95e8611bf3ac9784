'use strict';
// Where the `domain` module plugs into the runtime once loaded (nothing happens until then):
//   - observeThrow(err): called with every value a context-wrapped callback throws, while the
//     callback's context (so its domain) is still current;
//   - handleUncaught(err): called first for an uncaught exception; true when a domain took it.
module.exports = { __proto__: null, observeThrow: null, handleUncaught: null };
