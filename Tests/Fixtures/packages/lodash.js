const _ = require('lodash');
console.log(_.chunk([1, 2, 3, 4, 5], 2), _.camelCase('hello world'), _.uniq([1, 1, 2]));
console.log(_.groupBy(['one', 'two', 'three'], 'length'), _.merge({ a: { b: 1 } }, { a: { c: 2 } }));
console.log(_.template('hi <%= name %>!')({ name: 'sandbox' }), _.debounce !== undefined, _.cloneDeep({ d: new Date(0) }));
