export const fromTypeModule = 'yes';
