'use strict';
// JavaScriptCore words engine errors differently from V8, and Node users (and their tools) read
// V8's words. JSC's C API offers no hook where errors are created, so messages are reworded where
// our code handles an error: uncaught exceptions and unhandled rejections (what the CLI prints,
// `errorMessage`, and what 'uncaughtException' handlers receive). Errors guest code catches keep
// JSC's wording (see issue 11).

const rules = [
  // null.x / undefined.y (property reads and writes)
  [/^(null|undefined) is not an object \(evaluating '(?:[^']*?)\.([A-Za-z_$][\w$]*)'\)$/, (m) => `Cannot read properties of ${m[1]} (reading '${m[2]}')`],
  // x.y = v / x['k'] = v
  [/^(null|undefined) is not an object \(evaluating '(?:[^']*?)\.([A-Za-z_$][\w$]*) = .*'\)$/s, (m) => `Cannot set properties of ${m[1]} (setting '${m[2]}')`],
  [/^(null|undefined) is not an object \(evaluating '(?:[^']*?)\[(?:"([^"\]]*)"|'([^'\]]*)'|(\d+))\] = .*'\)$/s, (m) => `Cannot set properties of ${m[1]} (setting '${m[2] ?? m[3] ?? m[4]}')`],
  // x['k'] / x[0] (a literal key only: for x[k] the key's value is not in the message)
  [/^(null|undefined) is not an object \(evaluating '(?:[^']*?)\[(?:"([^"\]]*)"|'([^'\]]*)'|(\d+))\]'\)$/, (m) => `Cannot read properties of ${m[1]} (reading '${m[2] ?? m[3] ?? m[4]}')`],
  // o.f() on a non-function
  [/^(.+) is not a function\. \(In '.*', '.*' is (?:undefined|null|an instance of \w+|a[n]? \w+)\)$/s, (m) => `${m[1]} is not a function`],
  [/^(.+) is not a function\. \(In '.*', '.*' is .*\)$/s, (m) => `${m[1]} is not a function`],
  [/^Can't find variable: (.+)$/, (m) => `${m[1]} is not defined`],
  [/^Attempted to assign to readonly property\.$/, () => 'Assignment to constant variable.'],
  [/^Maximum call stack size exceeded\.$/, () => 'Maximum call stack size exceeded'],
  [/^Invalid mix of BigInt and other type in [\w ]+\.$/, () => 'Cannot mix BigInt and other types, use explicit conversions'],
  [/^Array length must be a positive integer of safe magnitude\.$/, () => 'Invalid array length'],
  [/^function is not a constructor \(evaluating 'new ([\w$.]+)\(.*\)'\)$/s, (m) => `${m[1]} is not a constructor`],
  [/^(?:undefined|null|[\w$.]+) is not a constructor \(evaluating 'new ([\w$.]+)\(.*\)'\)$/s, (m) => `${m[1]} is not a constructor`],
  [/^(["'])(.*)\1 is not an Object\. \(evaluating '(["'])(.*)\3 in .*'\)$/s, (m) => `Cannot use 'in' operator to search for '${m[4]}' in ${m[2]}`],
];

/** V8's wording for a JSC engine message, or the message unchanged. */
function v8Message(message) {
  if (typeof message !== 'string') return message;
  for (const [pattern, rewrite] of rules) {
    const m = pattern.exec(message);
    if (m !== null) return rewrite(m);
  }
  return message;
}

/** Rewords an engine error in place (own `message` only; our own errors are left alone). */
function toV8(err) {
  if (err === null || typeof err !== 'object') return err;
  try {
    const desc = Object.getOwnPropertyDescriptor(err, 'message');
    if (desc === undefined || !('value' in desc) || !desc.writable) return err;
    const reworded = v8Message(desc.value);
    if (reworded !== desc.value) err.message = reworded;
  } catch {
    // A Proxy or an exotic object: leave it as it is.
  }
  return err;
}

module.exports = { v8Message, toV8 };
