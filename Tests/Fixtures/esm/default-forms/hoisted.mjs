// The default function is hoisted: callable before its declaration.
export const early = fn();
export default function fn() { return 'hoisted-default'; }
