const YAML = require('yaml');
const doc = YAML.parse('a: 1\nlist:\n  - x\n  - { y: [1, 2] }\nstr: "quoted"\n');
console.log(doc);
console.log(YAML.stringify({ name: 'sandbox', nested: { list: [1, 'two', null] } }));
