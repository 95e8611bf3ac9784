console.log('slow: start');
const delay = (ms, v) => new Promise((resolve) => setTimeout(() => resolve(v), ms));
export const value = await delay(20, 'slow-value');
export let later = 'unset';
console.log('slow: after first await');
async function* numbers() {
  yield 1;
  await delay(1);
  yield 2;
  yield 3;
}
let sum = 0
for await (const n of numbers()) sum += n
later = `sum=${sum}`
console.log(`slow: done ${later}`);
