import { a, b, fn, Base, obj, setA, __proto__, 'b-string' as bString, ünïcödé, tagFn } from './dep.mjs';
import * as dep from './dep.mjs';

const out = [];
const log = (label, value) => out.push(`${label}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);

class Derived extends Base {
  static #count = a;
  #secret = b;
  static { log('static block', Derived.#count + b); }
  get [obj.key]() { return this.#secret; }
  set value(v) { this.#secret = v; }
  get a() { return a; }
  static has(o) { return #secret in o; }
  greet() { return `${super.greet()} + derived`; }
  async *gen() { yield /\//.source; yield a / b; }
}
const d = Derived.make();
log('class', [d.k, d.a, Derived.has(d), d.greet(), d instanceof Base]);
d.value = 'changed';
log('accessor', d.k);
const gen = d.gen();
log('async gen', [(await gen.next()).value, (await gen.next()).value]);

const { x = a, y: [z = b] = [] } = {};
log('destructuring defaults', [x, z]);
log('arrow param shadowing', ((a, c = a) => c)(1));
log('arrow destructured params', [(({ a }) => a)({ a: 'o' }), (([a]) => a)(['arr']), (({ q: a }) => a)({ q: 'ren' }), (({ ...a }) => Object.keys(a).join())({ r: 1 })]);
log('named fn expr', (function a() { return typeof a; })());
log('class expr name', (class a { static n = a.name; }).n);
log('comma call', (0, fn)(1));
log('calls', [fn(1, 2), fn?.(3), dep.fn(4).endsWith('set'), (fn)(5), fn.call(undefined, 6)]);
log('new', [new Base().greet(), new dep.Base().greet(), new (class extends Base {})().greet()]);
log('member chains', [obj.nested.deep(a), obj?.nested?.deep?.(b), obj.list.map((v) => v * a).join()]);
log('computed member', [obj['key'], { [a]: 'computed' }[2]]);
log('spread', [[...obj.list, a].join(), Math.max(...[a, b]), { ...obj.nested, a }.a]);
log('operators', [void a, !a, -a, a ** 2, (-a) ** 2, a ?? b, a in { 2: 1 }, typeof a, typeof undefinedGlobal, b % a, a << 1]);
log('regex vs division', [a / b / 1, /a/.test('a'), a /* c */ / 2, `${a / 2}${/x/.source}`]);
log('tagged', [tagFn`x${a}y${b}z`, obj.nested.deep`t`]);
log('async arrow arg', await Promise.resolve(a).then(async (a) => a * 10));
let async = 'async ident';
log('contextual keywords', [async, ((get, set, of, let_) => [get, set, of].join())('g', 's', 'o'), { get: 1, set: 2, async: 3, static: 4 }.static]);
log('object literal', { a, b, [b]: a, bString, ünïcödé, __proto__, method() { return a; }, get getter() { return b; } });
log('proto import shorthand', [Object.getPrototypeOf({ __proto__ }) === Object.prototype, ({ __proto__ }).__proto__.inherited]);
const { a: renamed } = { a: 'renamed' };
log('rename', renamed);
switch (a) { case 2: { let a = 'case block'; log('switch', a); } }
try { throw new Error('e'); } catch { log('optional catch', a); }
outer: for (const a of [1, 2]) { for (const b of [1, 2]) { if (b === 2) continue outer; log('labels', `${a}${b}`); } }
for (const k in { a, b }) log('for-in', k);
let i = 0;
for (let j = (a in { 2: 0 }) ? 1 : 0; j < 2; j++) i += j;
log('for in-expression', i);
setA(7);
log('live after setA', [a, dep.a, ünïcödé, (() => a)()]);
const attempts = [() => { a ||= 1; }, () => { a ??= 1; }, () => { [a, ...obj.list] = []; }, () => { ({ a = 5 } = {}); }];
log('assignments', attempts.map((f) => { try { f(); return 'ok'; } catch (e) { return e.name; } }));
log('import.meta in static block', class { static { this.m = typeof import.meta; } }.m);
log('export default object on next line', (await import('./default-next-line.mjs')).default);
log('unicode escapes', [\u0061, ünïcödé, \u{62}]);
const arrowObj = () => ({ a });
log('arrow object', arrowObj());
log('getter a', Object.getOwnPropertyDescriptor(Derived.prototype, 'a').get.call(d));

for (const line of out) console.log(line);
