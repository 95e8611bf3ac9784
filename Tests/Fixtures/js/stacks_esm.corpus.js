// Errors and stacks in an ES module (module syntax makes this file one, in Node 22 and in the
// sandbox): frames are file URLs, top-level frames are anonymous, columns stay right on lines our
// compiler rewrites (imported bindings, catch clauses). Frames print as `fn basename:line:col`.
import path from 'node:path';
import { inspect } from 'node:util';

const log = (...args) => console.log(...args);
function frames(stack) {
  const out = [];
  for (const line of String(stack).split('\n').slice(1)) {
    const m = /^    at (?:(.*) \()?(.*?):(\d+):(\d+)\)?$/.exec(line);
    if (m === null || m[2].startsWith('node:')) continue;
    out.push(`${m[1] ?? ''} ${m[2].startsWith('file://') ? 'file:' : ''}${path.basename(m[2])}:${m[3]}:${m[4]}`.trim());
  }
  return out.join(' | ');
}
function show(label, err) {
  log(`${label}: ${String(err)}`);
  log(`  frames=${frames(err.stack)}`);
}

try { null.x; } catch (e) { show('top-level read null', e); }
try { undefined.y = 1; } catch (e) { show('top-level write undefined', e); }
try { missingName; } catch (e) { show('top-level undeclared', e); }
function inner() { return path.basename(new Error('in function').stack.split('\n')[1]); }
log('imported binding on the line:', inner());
function thrower() { throw new TypeError('from function'); }
function caller() { thrower(); }
try { caller(); } catch (e) { show('nested', e); }
class Shape { constructor() { this.area = inspect(null.size); } }
try { new Shape(); } catch (e) { show('constructor', e); }
const obj = { get broken() { return undefined.z; } };
try { obj.broken; } catch (e) { show('getter', e); }
try { JSON.parse('{"a":}'); } catch (e) { show('JSON', e); }
try { [1].map(() => { throw new RangeError('in map'); }); } catch (e) { show('callback', e); }
try { const { a } = 5; void a; null.after; } catch (e) { show('after destructuring', e); }
Error.prepareStackTrace = (err, sites) => sites.filter((s) => String(s.getFileName()).endsWith('.corpus.js')).map((s) => `${s.getFunctionName()}@${path.basename(s.getFileName())}:${s.getLineNumber()}`).join(',');
function named() { return new Error('x').stack; }
log('prepareStackTrace:', named());
Error.prepareStackTrace = undefined;
const awaited = await Promise.reject(new Error('awaited')).catch((e) => e);
show('awaited rejection', awaited);
try { await (async () => { await null; return null.w; })(); } catch (e) { show('await in try', e); }
setTimeout(() => {
  try { null.t; } catch (e) { show('timer', e); }
  log('== done');
}, 1);
