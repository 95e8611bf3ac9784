import { bValue, bFunction, readA } from './b.mjs';
console.log('a: evaluating');
export let aValue = 'a-initial';
export function hoisted() {
  return 'a.hoisted works before a evaluates';
}
export class AClass {}
console.log(`a: sees b ${bValue} ${bFunction()}`);
aValue = 'a-updated';
console.log(`a: b reads ${readA()}`);
