const debug = require('debug');
const log = debug('app:test');
console.log(typeof log, log.namespace, log.enabled, debug.enabled('app:test'));
debug.enable('app:*');
console.log(debug.enabled('app:test'), debug.enabled('other'));
