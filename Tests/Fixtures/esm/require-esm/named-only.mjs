export const x = 1; export function f() {}
