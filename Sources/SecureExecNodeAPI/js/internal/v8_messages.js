'use strict';
// JavaScriptCore words engine errors differently from V8, and Node users (and their tools) read
// V8's words. JSC's C API offers no hook where errors are created, so messages are reworded where
// guest code can first see an error (internal/error_stacks normalize: catch clauses, rejection
// handlers, uncaught exceptions and unhandled rejections).

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
  [/^Cannot access invalid private field \(evaluating '.*\.(#[\w$]+) [-+*/%&|^<>?]*= .*'\)$/s, (m) => `Cannot write private member ${m[1]} to an object whose class did not declare it`],
  [/^Cannot access invalid private field \(evaluating '.*\.(#[\w$]+)'\)$/s, (m) => `Cannot read private member ${m[1]} from an object whose class did not declare it`],
  [/^Cannot convert a symbol to a string$/, () => 'Cannot convert a Symbol value to a string'],
  [/^Cannot convert a symbol to a number$/, () => 'Cannot convert a Symbol value to a number'],
  [/^0 is an invalid divisor value\.$/, () => 'Division by zero'],
  [/^Properties can only be defined on Objects\.$/, () => 'Object.defineProperty called on non-object'],
  [/^reduce of empty array with no initial value$/, () => 'Reduce of empty array with no initial value'],
  [/^reduceRight of empty array with no initial value$/, () => 'Reduce of empty array with no initial value'],
  [/^URI error$/, () => 'URI malformed'],
  [/^Access index out of bounds for atomic access\.$/, () => 'Invalid atomic access index'],
  [/^Right hand side of instanceof is not an object$/, () => "Right-hand side of 'instanceof' is not an object"],
  [/^Right hand side of instanceof is not a function$/, () => "Right-hand side of 'instanceof' is not callable"],
  [/^WeakMap keys must be objects or non-registered symbols$/, () => 'Invalid value used as weak map key'],
  [/^WeakSet values must be objects or non-registered symbols$/, () => 'Invalid value used in weak set'],
  [/^toFixed\(\) argument must be between 0 and 100$/, () => 'toFixed() digits argument must be between 0 and 100'],
  [/^toPrecision\(\) argument must be between 1 and 100$/, () => 'toPrecision() argument must be between 1 and 100'],
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

// ---------------------------------------------------------------------------------------------
// JSON.parse: JSC says "JSON Parse error: …" without a position; V8 names what it expected where.
// `v8JsonMessage(text)` re-reads the text V8's way and words the first error as V8 does.

const specialJSON = new Set(['undefined', 'NaN', 'Infinity', '[object Object]']);

function jsonPosition(text, pos, inJSON) {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < pos; i++) {
    if (text.charCodeAt(i) === 10) { line++; lineStart = i + 1; }
  }
  return `${inJSON ? ' in JSON' : ''} at position ${pos} (line ${line} column ${pos - lineStart + 1})`;
}

class JSONFailure {
  constructor(message, position, end) {
    this.message = message;
    this.position = position;
    this.end = end === true;
  }
}

/** V8's message for the first error in `text`, or undefined when it parses. */
function v8JsonMessage(text) {
  const failure = v8JsonFailure(text);
  return failure === undefined ? undefined : failure.message;
}

/** The first error in `text` as V8 reports it: { message, position, end } (`end`: the text
 *  ended early), or undefined when it parses. */
function v8JsonFailure(text) {
  let pos = 0;
  const len = text.length;
  const at = (message, inJSON = true) => new JSONFailure(`${message}${jsonPosition(text, pos, inJSON)}`, pos);
  const end = () => new JSONFailure('Unexpected end of JSON input', len, true);
  const token = () => {
    if (pos >= len) return end();
    if (specialJSON.has(text)) return new JSONFailure(`"${text}" is not valid JSON`, pos);
    const ch = text[pos];
    let shown;
    if (len < 21) shown = `"${text}"`;
    else if (pos < 10) shown = `"${text.slice(0, pos + 10)}"...`;
    else if (pos < len - 10) shown = `..."${text.slice(pos - 10, pos + 10)}"...`;
    else shown = `..."${text.slice(pos - 10)}"`;
    return new JSONFailure(`Unexpected token '${ch}', ${shown} is not valid JSON`, pos);
  };
  const space = () => {
    while (pos < len) {
      const c = text.charCodeAt(pos);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
      pos++;
    }
  };
  const isDigit = (c) => c >= 48 && c <= 57;
  const string = () => {
    pos++; // the opening quote
    for (;;) {
      if (pos >= len) throw at('Unterminated string');
      const c = text.charCodeAt(pos);
      if (c === 34) { pos++; return; }
      if (c < 32) throw at('Bad control character in string literal');
      if (c === 92) {
        pos++;
        if (pos >= len) throw end();
        const e = text[pos];
        if (e === 'u') {
          for (let k = 0; k < 4; k++) {
            pos++;
            if (pos >= len) throw end();
            if (!/[0-9a-fA-F]/.test(text[pos])) throw at('Bad Unicode escape');
          }
        } else if (!'"\\/bfnrt'.includes(e)) {
          throw at('Bad escaped character');
        }
      }
      pos++;
    }
  };
  const number = () => {
    if (text[pos] === '-') {
      pos++;
      if (pos >= len || !isDigit(text.charCodeAt(pos))) throw at('No number after minus sign');
    }
    if (text[pos] === '0') {
      pos++;
      if (pos < len && isDigit(text.charCodeAt(pos))) throw at('Unexpected number');
    } else {
      while (pos < len && isDigit(text.charCodeAt(pos))) pos++;
    }
    if (text[pos] === '.') {
      pos++;
      if (pos >= len || !isDigit(text.charCodeAt(pos))) throw at('Unterminated fractional number');
      while (pos < len && isDigit(text.charCodeAt(pos))) pos++;
    }
    if (text[pos] === 'e' || text[pos] === 'E') {
      pos++;
      if (text[pos] === '+' || text[pos] === '-') pos++;
      if (pos >= len || !isDigit(text.charCodeAt(pos))) throw at('Exponent part is missing a number');
      while (pos < len && isDigit(text.charCodeAt(pos))) pos++;
    }
  };
  const literal = (word) => {
    for (let k = 0; k < word.length; k++, pos++) {
      if (pos >= len) throw end();
      if (text[pos] !== word[k]) throw token();
    }
  };
  const value = () => {
    space();
    if (pos >= len) throw end();
    const ch = text[pos];
    if (ch === '"') return string();
    if (ch === '-' || isDigit(text.charCodeAt(pos))) return number();
    if (ch === 't') return literal('true');
    if (ch === 'f') return literal('false');
    if (ch === 'n') return literal('null');
    if (ch === '[') {
      pos++;
      space();
      if (text[pos] === ']') { pos++; return undefined; }
      for (;;) {
        value();
        space();
        if (text[pos] === ']') { pos++; return undefined; }
        if (text[pos] !== ',') throw at("Expected ',' or ']' after array element");
        pos++;
      }
    }
    if (ch === '{') {
      pos++;
      space();
      if (text[pos] === '}') { pos++; return undefined; }
      if (text[pos] !== '"') throw at("Expected property name or '}'");
      for (;;) {
        string();
        space();
        if (text[pos] !== ':') throw at("Expected ':' after property name");
        pos++;
        value();
        space();
        if (text[pos] === '}') { pos++; return undefined; }
        if (text[pos] !== ',') throw at("Expected ',' or '}' after property value");
        pos++;
        space();
        if (text[pos] !== '"') throw at('Expected double-quoted property name');
      }
    }
    throw token();
  };
  try {
    value();
    space();
    if (pos < len) throw at('Unexpected non-whitespace character after JSON', false);
    return undefined;
  } catch (e) {
    if (e instanceof JSONFailure) return e;
    return undefined;
  }
}

module.exports = { v8Message, v8JsonMessage, v8JsonFailure };
