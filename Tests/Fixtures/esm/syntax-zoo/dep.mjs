export let a = 2;
export const b = 3;
export function fn(...args) { return `fn(${args.join(',')}) this=${this === undefined ? 'undefined' : 'set'}`; }
export class Base { greet() { return 'base greet'; } static make() { return new this(); } }
export const obj = { nested: { deep: (x) => `deep(${x})` }, list: [1, 2, 3], key: 'k' };
export function setA(v) { a = v; }
const proto = { inherited: 'no' };
export { proto as __proto__, b as 'b-string', a as ünïcödé };
export function tagFn(strings, ...values) { return strings.raw.join('_') + values.join('+'); }
