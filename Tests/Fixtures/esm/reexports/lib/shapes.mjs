export const circle = 'circle';
export const square = 'square';
export const shared = 'from-shapes';
export default 'shapes-default';
