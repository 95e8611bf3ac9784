export const value = 'dep';
export const import_ = 'not a keyword';
