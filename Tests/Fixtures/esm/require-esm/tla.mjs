await Promise.resolve();
export const b = 2;
