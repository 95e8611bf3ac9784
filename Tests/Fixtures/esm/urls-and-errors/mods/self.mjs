export const before = 'self';
export const again = import('./self.mjs');
