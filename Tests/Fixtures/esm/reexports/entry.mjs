import * as lib from './lib/index.mjs';
import def, { red, rouge, vert, colors, mutable, bump, 'a circle' as aCircle, 'local name' as localName, unique } from './lib/index.mjs';
import { default as shapesDefault, circle } from './lib/shapes.mjs';

console.log(`keys: ${Object.keys(lib).join(',')}`);
console.log(`default: ${def} ${lib.default} ${shapesDefault}`);
console.log(`named: ${red} ${rouge} ${vert} ${circle} ${aCircle} ${localName} ${unique}`);
console.log(`colorsDefault: ${lib.colorsDefault}`);
console.log(`colors ns: ${Object.keys(colors).join(',')} default=${colors.default}`);
console.log(`shared is ambiguous: ${'shared' in lib} ${lib.shared}`);
console.log(`string names: ${lib['a-square']} ${lib['a circle']}`);
console.log(`live through re-export: ${mutable} ${lib.mutable} ${colors.mutable}`);
bump();
console.log(`after bump: ${mutable} ${lib.mutable} ${colors.mutable}`);
console.log(`same namespace: ${colors === lib.colors}`);
