import { value, later } from './slow.mjs';
import { syncValue } from './sync.mjs';
console.log(`entry: ${value} ${later} ${syncValue}`);

const results = await Promise.all([1, 2, 3].map(async (n) => n * 2));
console.log(`entry: ${results.join(',')}`);

// await in nested async functions and arrows, and top-level await in expressions
async function twice(x) { return (await x) * 2; }
const arrow = async () => await twice(Promise.resolve(21));
console.log(`entry: ${await arrow()} ${typeof await 0} ${(await import('./sync.mjs')).syncValue}`);
let acc = ''
for await (const s of ['a', Promise.resolve('b'), 'c']) acc += s
console.log(`entry: for await ${acc}`)
try {
  await Promise.reject(new Error('rejected'));
} catch (e) {
  console.log(`entry: caught ${e.message}`);
}
const { value: again } = await import('./slow.mjs')
;[1].forEach(() => console.log(`entry: again ${again}`))
