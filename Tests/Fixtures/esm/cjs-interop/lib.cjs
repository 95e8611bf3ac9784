'use strict';
const dep = { epsilon: 'epsilon' };
exports.alpha = 'alpha';
module.exports.beta = function beta() { return 'beta'; };
// Not detected by Node's lexer: the getter could run arbitrary code.
Object.defineProperty(exports, 'gamma', { enumerable: true, get: function () { return 'gamma'; } });
// Detected: a getter returning a member, and a value.
Object.defineProperty(exports, 'epsilon', { enumerable: true, get: function () { return dep.epsilon; } });
Object.defineProperty(exports, 'zeta', { value: 'zeta' });
exports['delta'] = 4;
exports.__esModule = true;
const hidden = 'hidden';
module.exports.hiddenLater = hidden;
// exports.commented = 'not detected';
const text = 'exports.inString = 1';
