import { a, b, c, fn, Klass, counter, bump } from './dep.mjs';

const out = [];
function params(a, { b }, [c] = []) { return `${a}/${b}/${c}`; }
out.push(params('p-a', { b: 'p-b' }, ['p-c']));
out.push(((a) => a)('arrow-a'), (b => b)('arrow-b'), (async (c) => c) && 'async-arrow');
{
  let a = 'block-a';
  const { b = 'default-b' } = {};
  class Klass { static id = 'block-Klass'; }
  function fn() { return 'block-fn'; }
  out.push(a, b, Klass.id, fn());
}
out.push(a, b, Klass.id, fn());
try { throw 'caught-a'; } catch (a) { out.push(a); }
try { throw { b: 'caught-b' }; } catch ({ b }) { out.push(b); }
for (let c = 'loop-c'; c; c = null) out.push(c);
for (const a of ['of-a']) out.push(a);
for (const b in { 'in-b': 1 }) out.push(b);
function hoistedVar() {
  out.push(typeof a);
  if (true) { var a = 'var-a'; }
  return a;
}
out.push(hoistedVar());
const named = function c() { return typeof c; };
out.push(named());
out.push(class b { static x = b.name; }.x);
function inner() {
  const read = () => c;
  const c = 'late-c';
  return read();
}
out.push(inner());
function sloppyLookalike() {
  return { a, b: b, [c]: c, fn };
}
const s = sloppyLookalike();
out.push(s.a, s.b, s['import-c'], s.fn());
class Fields {
  a = a;
  b = () => b;
  static c = c;
  a2() { return a; }
  ['computed' + c] = 1;
}
const f = new Fields();
out.push(f.a, f.b(), Fields.c, f.a2(), Object.keys(f).join('+'));
a: for (const x of [1]) { break a; }
const member = { a: 'member-a' };
out.push(member.a, typeof fn, typeof Klass);
out.push(((fn) => typeof fn)(1));
function usesCounter() { return counter; }
bump();
out.push(`${counter}/${usesCounter()}`);
const { a: renamed, ...rest } = { a: 'destructured', z: 1 };
out.push(renamed, Object.keys(rest).join());
function defaults(x = a, y = () => b) { return `${x}/${y()}`; }
out.push(defaults());
function shadowByFunction() {
  function a() { return 'fn-a'; }
  return a();
}
out.push(shadowByFunction());
const sw = (v) => { switch (v) { case 1: { let b = 'switch-b'; return b; } default: return b; } };
out.push(sw(1), sw(2));
for (const line of out) console.log(line);
