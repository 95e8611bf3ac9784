import './tla.mjs';
export const c = 1;
