export const shared = 'from-other';
export const unique = 'unique';
