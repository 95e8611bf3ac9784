#!/usr/bin/env node
// import nothing from './nope.mjs'
/* export const fake = 1;
   import x from 'fake-block-comment'; */
import { value } from './dep.mjs'; // export { value }
import * as dep from './dep.mjs' /* import 'x' */;

const strings = [
  'import a from "a"',
  "export default 'b'",
  'it\'s an import: export { x }',
  "escaped \" import * as y from 'y'",
  'line \
continuation export const z = 1',
];
console.log(strings.join(' | '));

const nested = `outer ${`inner ${value} ${`deepest ${'}'} ${[1, 2].map((n) => `${n}{}`).join('')}`}`} import x from 'y' ${'`'}`;
console.log(nested);
console.log(`${{ a: 1 }.a}${(() => { return '}'; })()}\`${'${not a substitution}'}`);
console.log(`multi
line export default ${value}
template`);

// Regular expressions vs division.
const re1 = /import\s+(\w+)\s+from\s+'x'/g;
const re2 = /export [/]default\//;
const re3 = /[/*]+ import/;
let x = 10, g = 2, i = 5;
const div = x / g / i;
const divGroups = (x) / 2 / (g);
const arr = [x / 2, /,/.source];
console.log(re1.source, re2.test('export /default/'), re3.test('/* import'), div, divGroups, arr.join(' '));
if (x) /import/.test('import') && console.log('regex after if-paren');
while (false) /x/;
const obj = { a: 4 }
const afterObj = { n: 8 }.n / 2 / 2;
console.log(afterObj, obj.a / 2, typeof /export/, [] / 1);
function regexAfterReturn() { return /export default/.test('export default 1'); }
function* gen() { yield /import/.source; }
console.log(regexAfterReturn(), gen().next().value);
{ /* block */ }
/import (x)/.test('import x') && console.log('regex at statement start after block');
const fnExpr = function () { return 9; }
const quotient = fnExpr() / 3 / 1;
console.log(quotient);
let counter = 2;
counter++ / 2;
console.log(counter-- / 3, counter);

// Property names and member accesses named like keywords.
const o = {
  import: 'import-prop',
  export: 'export-prop',
  default: 'default-prop',
  import_: dep.import_,
  'import x from': 'string key',
  async importer() { return 'async method'; },
  get export2() { return 'getter'; },
};
class K {
  import() { return 'class method import'; }
  static export() { return 'static export'; }
  export = 'field export';
}
console.log(o.import, o.export, o.default, o.import_, o['import x from'], o.export2);
console.log(await o.importer(), new K().import(), K.export(), new K().export);
const importer = { import: (s) => `obj.import(${s})`, export: { default: 'nested' } };
console.log(importer.import('x'), importer?.import('y'), importer.export.default);
console.log(typeof import.meta, value);
