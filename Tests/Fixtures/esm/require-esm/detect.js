export const detected = 'esm syntax in a .js file';
