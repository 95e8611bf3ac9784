import lib, { alpha, beta, delta, epsilon, zeta } from './lib.cjs';
import * as libNs from './lib.cjs';
import literal, { one, two, three } from './literal.cjs';
import * as literalNs from './literal.cjs';

console.log(`lib: ${alpha} ${beta()} ${delta} ${epsilon} ${zeta} default.gamma=${lib.gamma}`);
const names = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'hiddenLater', '__esModule', 'commented', 'inString'];
console.log(`lib names: ${names.map((k) => `${k}:${k in libNs}`).join(' ')}`);
console.log(`literal: ${one} ${two} ${three()} ${literal.four}`);
console.log(`literal names: ${['one', 'two', 'three', 'four'].map((k) => `${k}:${k in literalNs}`).join(' ')}`);
