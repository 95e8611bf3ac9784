const alpha = await import('./mods/alpha.mjs');
console.log(`static-like: ${alpha.name} ${alpha.default('entry')} ${Object.keys(alpha).join(',')}`);

const which = 'beta';
const beta = await import(`./mods/${which}.mjs`);
const viaBeta = await beta.loadAlpha();
console.log(`computed: ${beta.name} same namespace=${viaBeta === alpha}`);

const data = await import('./mods/data.json', { with: { type: 'json' } });
console.log(`json: ${data.default.kind} ${data.default.list.join('+')} keys=${Object.keys(data).join(',')}`);

try {
  await import('./mods/data.json');
} catch (e) {
  console.log(`json without attribute: ${e.name} ${e.code}`);
}
try {
  await import('./mods/missing.mjs');
} catch (e) {
  console.log(`missing: ${e.code}`);
}

function later() {
  return import('./mods/alpha.mjs').then((ns) => ns.name);
}
import('./mods/beta.mjs').then(({ name }) => console.log(`then: ${name}`));
console.log(`inside function: ${await later()}`);
const thing = { import(spec) { return `method import(${spec})`; } };
console.log(thing.import('./mods/alpha.mjs'));
const lazy = [() => import('./mods/alpha.mjs')];
console.log(`lazy: ${(await lazy[0]()).name}`);
