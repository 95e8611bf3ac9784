const { v4, v5, validate, version, parse, stringify, NIL } = require('uuid');
const id = v4();
console.log(validate(id), version(id), validate('not-a-uuid'), NIL);
console.log(v5('hello', v5.DNS), v5('https://example.com', v5.URL));
console.log(stringify(parse('6ba7b810-9dad-11d1-80b4-00c04fd430c8')));
