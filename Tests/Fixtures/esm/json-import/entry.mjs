import data from './data.json' with { type: 'json' };
import * as ns from './data.json' with { type: "json" };
import again, { version } from './config.mjs';
export { default as reexported } from './data.json' with { 'type': 'json' };
import { reexported } from './entry.mjs';

console.log(`${data.name} v${data.version} ${data.nested.flag} ${data.nested.items.join('')}`);
console.log(`namespace keys: ${Object.keys(ns).join(',')} same=${ns.default === data}`);
console.log(`shared instance: ${again === data} ${version}`);
console.log(`re-exported: ${reexported === data}`);
data.version = 4;
console.log(`mutation visible: ${again.version}`);
