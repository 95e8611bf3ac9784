import { count, increment, reset, label, total, receiver, tag, config } from './counter.mjs';
import * as counter from './counter.mjs';

console.log(`start count=${count} total=${total} label=${label}`);
increment();
increment(5);
console.log(`after increments count=${count} total=${total} ns=${counter.count}`);

// Closures read the current value, not a snapshot.
const read = () => count;
const obj = { count, label };
increment();
console.log(`closure=${read()} shorthand-snapshot=${obj.count} label=${obj.label}`);

reset();
console.log(`after reset count=${count} label=${label} read=${read()}`);

// Calls through an import binding have no receiver.
console.log(`receiver=${receiver()} optional=${receiver?.()} paren=${(receiver)()}`);
console.log(`tagged=${tag`a${1}b${2}c`}`);
console.log(`typeof=${typeof increment} ${typeof count} ${typeof counter}`);
console.log(`top-level this=${this}`);

// Assignments to imported bindings throw.
const attempts = [
  () => { count = 1; },
  () => { count++; },
  () => { --count; },
  () => { count += 2; },
  () => { ({ count } = { count: 3 }); },
  () => { [count] = [4]; },
  () => { ({ a: count } = { a: 5 }); },
  () => { for (count of [6]); },
  () => { counter = null; },
  () => { config.step = 2; },
];
for (const attempt of attempts) {
  try {
    attempt();
    console.log('no error');
  } catch (e) {
    console.log(`${e.name}: ${e.message}`);
  }
}
console.log(`count still ${count}, step now ${config.step}`);
try {
  counter.count = 10;
} catch (e) {
  console.log(`namespace write: ${e.name}`);
}
console.log(`namespace keys=${Object.keys(counter).join(',')}`);
console.log(`namespace tag=${Object.prototype.toString.call(counter)}`);
increment(
  10
)
console.log(`multi-line call count=${count}`)
