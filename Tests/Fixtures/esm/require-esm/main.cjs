const ns = require('./esm.mjs');
console.log(ns, ns.a, typeof ns.default, Object.prototype.toString.call(ns));
console.log('cached:', require('./esm.mjs') === ns, Object.isExtensible(ns), Object.getPrototypeOf(ns));
const named = require('./named-only.mjs');
console.log(named, '__esModule' in named);
console.log(require('./custom.mjs'));
console.log(require('./type-module/lib.js'));
console.log(require('./detect.js'));
for (const file of ['./tla.mjs', './dep-tla.mjs']) {
  try { require(file) } catch (e) { console.log(e.code, e.message.split('\n')[0]) }
}
try { require('./broken.mjs') } catch (e) { console.log(e.name) }
