export const a = 'import-a';
export const b = 'import-b';
export const c = 'import-c';
export function fn() { return 'import-fn'; }
export class Klass { static id = 'import-Klass'; }
export let counter = 0;
export function bump() { counter++; }
