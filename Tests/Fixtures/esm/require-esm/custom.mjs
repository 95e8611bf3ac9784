const value = { custom: true };
export { value as 'module.exports' };
export const ignored = 1;
