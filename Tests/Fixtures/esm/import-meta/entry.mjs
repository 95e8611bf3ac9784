import path from 'node:path';
import { basename } from 'path';
import { where, metaLater } from './sub/other.mjs';

console.log(`typeof: ${typeof import.meta}`);
console.log(`keys: ${Object.keys(import.meta).sort().join(',')}`);
console.log(`url: ${import.meta.url.startsWith('file:///')} ${path.basename(import.meta.url)}`);
console.log(`filename: ${path.basename(import.meta.filename)} dirname: ${basename(import.meta.dirname)}`);
console.log(`consistent: ${path.join(import.meta.dirname, 'entry.mjs') === import.meta.filename}`);
console.log(`resolve: ${path.basename(import.meta.resolve('./sub/other.mjs'))} ${import.meta.resolve('./sub/other.mjs').startsWith('file:///')}`);
console.log(`other module: ${where} ${metaLater()}`);
const meta = import.meta;
function inner() { return import.meta === meta; }
console.log(`same object: ${inner()} ${(() => import.meta.url === meta.url)()}`);
import.meta.custom = 'writable';
console.log(`custom: ${import.meta.custom}`);
console.log(`main: ${import.meta.main}`);
