// URL rules of ES module specifiers: percent-escapes, data: URLs, "imports" targets that name
// packages, invalid package names, errors kept per module, CommonJS globals in a module.
const show = (label, e) => console.log(label, e.name, e.code ?? '', e.message.split('\n')[0].replaceAll(import.meta.dirname, '<dir>'));

console.log((await import('./mods/per%25cent.mjs')).default);
console.log((await import('./mods/%70lain.mjs')).default);
try { await import('./mods%2fplain.mjs'); } catch (e) { show('encoded slash', e); }

const data = await import('data:text/javascript,export default 6 * 7; export const name = "data";');
console.log(data.default, data.name);
const json = await import('data:application/json,{"k":[1,2]}', { with: { type: 'json' } });
console.log(JSON.stringify(json.default));
const base64 = await import(`data:text/javascript;base64,${Buffer.from('export default "from base64"').toString('base64')}`);
console.log(base64.default);
const fromData = await import('data:text/javascript,import path from "path"; export default path.sep');
console.log(JSON.stringify(fromData.default));
for (const url of ['data:text/plain,x', 'data:application/json,{}', 'data:text/javascript,import "./x.mjs"']) {
  try { await import(url); } catch (e) { show('data', e); }
}

console.log((await import('#ext')).default, (await import('#ext/other')).default, (await import('#local')).default);
for (const name of ['@scope', '.hidden', 'a%2Fb', 'no-such-package']) {
  try { await import(name); } catch (e) { show('package', e); }
}

let first;
try { await import('./mods/bad.mjs'); } catch (e) { first = e; show('syntax', e); }
try { await import('./mods/bad.mjs'); } catch (e) { console.log('same syntax error object:', e === first); }
let thrown;
try { await import('./mods/throws.mjs'); } catch (e) { thrown = e; show('evaluation', e); }
try { await import('./mods/throws.mjs'); } catch (e) { console.log('same evaluation error:', e === thrown, globalThis.throwsRuns); }

const self = await import('./mods/self.mjs');
console.log(self.before, (await self.again).before);
try { await import('./mods/uses-require.mjs'); } catch (e) { show('cjs global', e); }
try { await import('data:text/javascript,module.exports = 1'); } catch (e) { show('cjs global', e); }
console.log(import.meta.resolve('./not-there.mjs').endsWith('/urls-and-errors/not-there.mjs'));
