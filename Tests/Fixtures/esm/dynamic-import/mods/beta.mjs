export const name = 'beta';
export const loadAlpha = () => import('./alpha.mjs');
