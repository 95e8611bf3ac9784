import path from 'node:path';
export const where = path.basename(import.meta.filename) + ' in ' + path.basename(import.meta.dirname);
export function metaLater() {
  return path.basename(new URL(import.meta.url).pathname);
}
console.log(`other main: ${import.meta.main}`);
