'use strict';
// Node's console: formatting through util.formatWithOptions, output to process.stdout/stderr
// (which stream to the host's onStdio), the Console class for custom streams.

const { formatWithOptions, inspect } = require('internal/util/inspect');

const kCounts = Symbol('counts');
const kTimers = Symbol('timers');
const kIndent = Symbol('groupIndent');
const kStdout = Symbol('stdout');
const kStderr = Symbol('stderr');
const kOptions = Symbol('inspectOptions');

function Console(options, stderr, ignoreErrors) {
  if (!new.target) return new Console(options, stderr, ignoreErrors);
  initialize(this, options, stderr, ignoreErrors);
}

function initialize(target, options, stderr, ignoreErrors) {
  if (options === null || typeof options !== 'object' || typeof options.write === 'function') {
    options = { stdout: options, stderr, ignoreErrors };
  }
  const { stdout, stderr: err = stdout, inspectOptions } = options;
  if (stdout === null || typeof stdout !== 'object' || typeof stdout.write !== 'function') {
    const { codes } = require('internal/errors');
    throw new codes.ERR_CONSOLE_WRITABLE_STREAM('stdout');
  }
  if (err === null || typeof err !== 'object' || typeof err.write !== 'function') {
    const { codes } = require('internal/errors');
    throw new codes.ERR_CONSOLE_WRITABLE_STREAM('stderr');
  }
  const hidden = (value) => ({ __proto__: null, value, writable: true, configurable: true, enumerable: false });
  Object.defineProperties(target, {
    [kStdout]: hidden(stdout),
    [kStderr]: hidden(err),
    [kOptions]: hidden(inspectOptions ?? {}),
    [kCounts]: hidden(new Map()),
    [kTimers]: hidden(new Map()),
    [kIndent]: hidden(''),
  });
  // Methods are bound so `const { log } = console` works, as in Node.
  for (const key of Object.getOwnPropertyNames(Console.prototype)) {
    if (key === 'constructor') continue;
    target[key] = Console.prototype[key].bind(target);
  }
}

function write(consoleObject, stream, text) {
  const indent = consoleObject[kIndent];
  if (indent.length > 0) {
    text = text.includes('\n') ? text.replace(/\n/g, `\n${indent}`) : text;
    text = indent + text;
  }
  stream.write(`${text}\n`);
}

function format(consoleObject, args) {
  return formatWithOptions(consoleObject[kOptions], ...args);
}

const methods = {
  log(...args) { write(this, this[kStdout], format(this, args)); },
  warn(...args) { write(this, this[kStderr], format(this, args)); },
  dir(object, options) {
    write(this, this[kStdout], inspect(object, { customInspect: false, ...this[kOptions], ...options }));
  },
  dirxml(...args) { this.log(...args); },
  time(label = 'default') {
    label = `${label}`;
    if (this[kTimers].has(label)) {
      process.emitWarning(`Label '${label}' already exists for console.time()`);
      return;
    }
    this[kTimers].set(label, internal.hrtimeNs());
  },
  timeEnd(label = 'default') {
    label = `${label}`;
    if (timeLogImpl(this, 'timeEnd', label)) this[kTimers].delete(label);
  },
  timeLog(label = 'default', ...data) {
    timeLogImpl(this, 'timeLog', `${label}`, data);
  },
  trace(...args) {
    const err = { name: 'Trace', message: format(this, args) };
    Error.captureStackTrace?.(err, this.trace);
    let text = `Trace${err.message ? `: ${err.message}` : ''}`;
    const frames = typeof err.stack === 'string' ? err.stack.split('\n').filter((l) => /^\s+at /.test(l)) : [];
    if (frames.length > 0) text += `\n${frames.join('\n')}`;
    write(this, this[kStderr], text);
  },
  assert(expression, ...args) {
    if (expression) return;
    if (args.length > 0 && typeof args[0] === 'string') {
      args[0] = `Assertion failed: ${args[0]}`;
    } else {
      args.unshift('Assertion failed');
    }
    this.warn(...args);
  },
  clear() {},
  count(label = 'default') {
    label = `${label}`;
    const count = (this[kCounts].get(label) ?? 0) + 1;
    this[kCounts].set(label, count);
    this.log(`${label}: ${count}`);
  },
  countReset(label = 'default') {
    label = `${label}`;
    if (!this[kCounts].has(label)) {
      process.emitWarning(`Count for '${label}' does not exist`);
      return;
    }
    this[kCounts].delete(label);
  },
  group(...data) {
    if (data.length > 0) this.log(...data);
    this[kIndent] += '  ';
  },
  groupEnd() {
    this[kIndent] = this[kIndent].slice(0, Math.max(0, this[kIndent].length - 2));
  },
  table(tabularData, properties) {
    write(this, this[kStdout], renderTable(tabularData, properties, this[kOptions]));
  },
  profile() {},
  profileEnd() {},
  timeStamp() {},
};
methods.info = methods.log;
methods.debug = methods.log;
methods.error = methods.warn;
methods.groupCollapsed = methods.group;

for (const [name, fn] of Object.entries(methods)) {
  Object.defineProperty(Console.prototype, name, { __proto__: null, value: fn, writable: true, configurable: true, enumerable: true });
}

function formatTime(ms) {
  let hours = 0, minutes = 0, seconds = 0;
  if (ms >= 1000) {
    if (ms >= 60000) {
      if (ms >= 3600000) { hours = Math.floor(ms / 3600000); ms -= hours * 3600000; }
      minutes = Math.floor(ms / 60000); ms -= minutes * 60000;
    }
    seconds = ms / 1000;
  }
  if (hours !== 0 || minutes !== 0) {
    const [s, msPart] = seconds.toFixed(3).split('.');
    const res = hours !== 0 ? `${hours}:${String(minutes).padStart(2, '0')}` : `${minutes}`;
    return `${res}:${s.padStart(2, '0')}.${msPart} (${hours !== 0 ? 'h:mm' : 'm'}:ss.mmm)`;
  }
  if (seconds !== 0) return `${seconds.toFixed(3)}s`;
  return `${Number(ms.toFixed(3))}ms`;
}

function timeLogImpl(consoleObject, name, label, data) {
  const start = consoleObject[kTimers].get(label);
  if (start === undefined) {
    process.emitWarning(`No such label '${label}' for console.${name}()`);
    return false;
  }
  const ms = (internal.hrtimeNs() - start) / 1e6;
  const text = `${label}: ${formatTime(ms)}`;
  if (data === undefined || data.length === 0) consoleObject.log(text);
  else consoleObject.log(text, ...data);
  return true;
}

// console.table: Node's box-drawing layout.
function renderTable(data, properties, options) {
  if (data === null || typeof data !== 'object') return formatWithOptions(options, data);
  const inspectCell = (v) => inspect(v, { ...options, depth: 1, maxArrayLength: 3, breakLength: Infinity, compact: true });
  const indexKey = '(index)';
  const valuesKey = 'Values';
  const rows = [];
  const columns = [];
  let hasValues = false;
  const isMap = data instanceof Map;
  const isSet = data instanceof Set;
  const entries = isMap ? [...data.entries()].map(([k, v], i) => [i, v, k])
    : isSet ? [...data.values()].map((v, i) => [i, v])
    : Object.keys(data).map((k) => [k, data[k]]);
  for (const [key, value, mapKey] of entries) {
    const row = { [indexKey]: String(key) };
    if (isMap) row.Key = inspectCell(mapKey);
    if (value !== null && typeof value === 'object' || typeof value === 'function') {
      for (const k of Object.keys(value)) {
        if (properties && !properties.includes(k)) continue;
        if (!columns.includes(k)) columns.push(k);
        row[k] = inspectCell(value[k]);
      }
    } else {
      hasValues = true;
      row[valuesKey] = inspectCell(value);
    }
    rows.push(row);
  }
  const header = [isMap ? '(iteration index)' : indexKey];
  if (isMap) header.push('Key');
  const keyColumns = properties ? properties.filter((p) => columns.includes(p) || true) : columns;
  header.push(...keyColumns);
  if (hasValues) header.push(valuesKey);
  const table = rows.map((row) => header.map((h, i) => (i === 0 ? row[indexKey] : row[h] ?? '')));
  const width = (s) => require('internal/util/inspect').getStringWidth?.(s) ?? s.length;
  const widths = header.map((h, i) => Math.max(width(h), ...table.map((r) => width(r[i]))) + 2);
  const pad = (s, w) => {
    const total = w - width(s);
    const left = Math.floor(total / 2);
    return ' '.repeat(left) + s + ' '.repeat(total - left);
  };
  const line = (l, m, r) => l + widths.map((w) => '─'.repeat(w)).join(m) + r;
  const out = [line('┌', '┬', '┐'), `│${header.map((h, i) => pad(h, widths[i])).join('│')}│`, line('├', '┼', '┤')];
  for (const r of table) out.push(`│${r.map((c, i) => pad(c, widths[i])).join('│')}│`);
  out.push(line('└', '┴', '┘'));
  return out.join('\n');
}

const globalConsole = Object.create({});
initialize(globalConsole, { stdout: process.stdout, stderr: process.stderr });
globalConsole.Console = Console;

module.exports = globalConsole;
