export default async function* () { yield 'async-gen'; }
