'use strict';
// Corpus for `vm` contexts: createContext/runInContext/runInNewContext, Script, compileFunction
// with a parsing context, what a new realm contains, and argument errors. Prints strings only.

const vm = require('vm');
const log = (...parts) => console.log(parts.map(String).join(' '));
const attempt = (label, fn) => {
  try { log(label, '->', fn()); } catch (e) { log(label, 'threw', e.name, e.code, e.message); }
};

const sandbox = { animal: 'cat', count: 2 };
log('createContext returns the object', vm.createContext(sandbox) === sandbox);
log('isContext', vm.isContext(sandbox), vm.isContext({}), vm.isContext([]));
vm.runInContext('count += 1; name = "kitty"; var v = 5; function f() { return 7 }', sandbox);
log('globals land on the object', sandbox.count, sandbox.name, sandbox.v, typeof sandbox.f, sandbox.f());
log('fresh realm', vm.runInNewContext('typeof require + " " + typeof process + " " + typeof setTimeout + " " + typeof Buffer'));
log('own builtins', vm.runInNewContext('[] instanceof Array'), vm.runInNewContext('[]') instanceof Array,
    vm.runInNewContext('Array') === Array, vm.runInNewContext('Object.getPrototypeOf(globalThis) === Object.prototype'));
log('arguments by object', vm.runInNewContext('a + b', { a: 1, b: 2 }));
const ctx = vm.createContext({ x: 1, y: 2 });
log('delete', vm.runInContext('delete x; typeof x', ctx), 'x' in ctx, ctx.y);
log('keys of the global', Object.keys(vm.runInContext('this', vm.createContext({ p: 1, q: 2 }))).join(','));
log('object changes seen inside', (() => { const c = vm.createContext({ n: 1 }); c.n = 41; c.m = 1; return vm.runInContext('n + m', c); })());
attempt('error from the realm', () => {
  try { vm.runInNewContext('throw new TypeError("inner")'); } catch (e) {
    return [e instanceof TypeError, e.name, e.message, Object.getPrototypeOf(e) === TypeError.prototype].join(' ');
  }
});
attempt('not a context', () => vm.runInContext('1', {}));
attempt('not an object', () => vm.createContext(1));
attempt('bad options', () => vm.createContext({}, { name: 1 }));
const script = new vm.Script('globalVar = (typeof globalVar === "number" ? globalVar : 0) + 1');
const c2 = vm.createContext({});
script.runInContext(c2);
script.runInContext(c2);
log('script reused', c2.globalVar, script.runInNewContext({ globalVar: 10 }));
attempt('Script#runInContext on a plain object', () => script.runInContext({}));
const fn = vm.compileFunction('return a + b + x', ['a', 'b'], { parsingContext: vm.createContext({ x: 100 }) });
log('compileFunction in a context', fn(1, 2), fn.length);
const g = vm.createContext(vm.constants.DONT_CONTEXTIFY);
log('DONT_CONTEXTIFY', typeof g.Array, g.Array === Array, vm.isContext(g), vm.runInContext('globalThis === this', g));
log('lexical declarations', vm.runInNewContext('let l = 1; const k = 2; l + k'));
log('constructor name', vm.runInNewContext('this.constructor.name'));
log('functions close over the realm', (() => {
  const c = vm.createContext({ base: 5 });
  const add = vm.runInContext('(n) => base + n', c);
  c.base = 6;
  return add(1);
})());
log('promises', typeof vm.runInNewContext('Promise.resolve(1)').then);
vm.runInNewContext('Promise.resolve(2)').then((v) => log('resolved', v));
log('JSON across realms', JSON.stringify(vm.runInNewContext('({ a: [1, { b: 2 }] })')));
log('runInThisContext', vm.runInThisContext('typeof require'), typeof vm.runInThisContext('globalThis.process'));

// Declarations in a context's code are the sandbox's properties, found by later bare reads in the
// same code and in later code (vars, functions, async functions, loops' vars).
{
  const ctx = vm.createContext({ base: 1 });
  console.log(vm.runInContext('var v = 5; function f() { return v + base } async function g() {} f() + typeof g', ctx));
  console.log(vm.runInContext('for (var i = 0; i < 3; i++) {} v + i + f()', ctx), ctx.v, typeof ctx.f, ctx.i);
  // (Strict code's declarations are read back within the code; they do not reach the sandbox.)
  console.log(vm.runInNewContext('var x = 2; x * 3'), vm.runInContext('"use strict"; var s = 1; function h() { return s } h()', ctx));
}
