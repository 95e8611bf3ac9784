export const red = 'red';
export const green = 'green';
export default 'colors-default';
export let mutable = 1;
export function bump() { mutable++; }
