import { aValue, hoisted, AClass } from './a.mjs';
import * as a from './a.mjs';
console.log('b: evaluating');
console.log(`b: ${hoisted()}`);
try {
  console.log(aValue);
} catch (e) {
  console.log(`b: aValue before init -> ${e.name}`);
}
try {
  new AClass();
} catch (e) {
  console.log(`b: AClass before init -> ${e.name}`);
}
console.log(`b: namespace has ${'hoisted' in a} ${'aValue' in a} ${'nope' in a}`);
export const bValue = 'b-value';
export function bFunction() {
  return `bFunction(${typeof hoisted})`;
}
export function readA() {
  return aValue;
}
