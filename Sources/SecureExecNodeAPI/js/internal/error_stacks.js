'use strict';

// Error stacks as V8 (and so Node) shows them, on JavaScriptCore.
//
// JSC writes `err.stack` as `fn@file:line:col` lines, words its engine errors differently, and has
// no hook where it creates an error and no `Error.prepareStackTrace`. Here:
//   * the global error constructors (Error, TypeError, …) become Proxies of the engine's own, whose
//     construct trap gives every new error a lazy `stack` accessor (as V8 has: formatted on first
//     read, `Error.prepareStackTrace(err, callSites)` when set, `Error.stackTraceLimit` frames);
//     identity is kept (`instanceof`, subclassing, `Error.prototype`, `name`, `length`);
//   * `Error.captureStackTrace(obj, fn)` installs the same accessor on any object;
//   * `normalize(err)` rewords an engine error's message in V8's words and gives it the same
//     accessor. Guest code reaches engine errors only in `catch` clauses (our module compilers
//     insert a call at the start of each one), in promise rejection handlers (our `then`) and as
//     uncaught errors (the loop): each path calls it. It is idempotent, never throws, and costs one
//     WeakMap probe for errors already seen.
//   * `JSON.parse` errors get V8's messages (internal/v8_messages v8JsonMessage);
//   * `sourceArrow(err)` is the "file:line / source line / caret" Node prints above an uncaught
//     error, `callSource(fn)` the call expression that called `fn` (assert.ok quotes it).
// Frames of our own modules (`node:internal/…`) never show. Guest files are registered by our
// compilers (`registerFile`): with their source and our edits, JSC's line:column becomes the
// guest's own, moved to where V8 points (JSC points at a call's `(`, V8 at the callee).
// Our replacements (the constructors, `captureStackTrace`, `JSON.parse`, `Function.prototype.
// toString`, and through `looksNative` the bootstrap's) print as native functions, in V8's form.

const { v8Message, v8JsonFailure } = require('internal/v8_messages');

const ReflectApply = Reflect.apply;
const ReflectConstruct = Reflect.construct;
const ObjectDefineProperty = Object.defineProperty;
const ObjectHasOwn = Object.hasOwn;
const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
const ObjectGetPrototypeOf = Object.getPrototypeOf;
const ObjectSetPrototypeOf = Object.setPrototypeOf;
const WeakMapGet = WeakMap.prototype.get;
const WeakMapSet = WeakMap.prototype.set;
const WeakMapHas = WeakMap.prototype.has;
const StringSplit = String.prototype.split;
const StringIndexOf = String.prototype.indexOf;
const StringSlice = String.prototype.slice;
const StringStartsWith = String.prototype.startsWith;
const StringEndsWith = String.prototype.endsWith;
const RegExpExec = RegExp.prototype.exec;
const ArrayPush = Array.prototype.push;
const NumberIsNaN = Number.isNaN;
const MathFloor = Math.floor;

const RealError = Error;
// JSC's own limit leaves room for our frames, which are dropped before the guest's limit applies
// (capturing fewer frames is most of what an error costs).
function syncEngineLimit() {
  const limit = toLimit(userLimit);
  try {
    RealError.stackTraceLimit = limit === undefined ? 0 : limit === Infinity ? Infinity : limit + 20;
  } catch {
    // A frozen Error: JSC keeps the limit it has.
  }
}

// ---------------------------------------------------------------------------------------------
// Guest files: how far line 1 is shifted by our wrapper, and whether frames show as file URLs.

const files = new Map();

/** Notes that `filename`'s code was compiled with `offset` characters of ours before its first
 *  line, as a CommonJS module or (`esm`) an ES module; `source` is its text (for the source line
 *  Node prints above an uncaught error), `edits` what we changed in it, in source order:
 *  [{ start, end, added }] (original range, length of our text). */
function registerFile(filename, offset, esm, source, edits) {
  files.set(filename, { offset, esm: esm === true, source, edits });
}

// ---------------------------------------------------------------------------------------------
// JSC stacks → frames

// `fn@file:1:2`, `@file:1:2`, `file:1:2`, `fn@[native code]`.
const locationRe = /^(.*):(\d+):(\d+)$/;

function isLocationStart(line) {
  return ReflectApply(StringStartsWith, line, ['/']) || ReflectApply(StringStartsWith, line, ['node:']) ||
    ReflectApply(StringStartsWith, line, ['file:']) || ReflectApply(StringStartsWith, line, ['[native code]']);
}

/** One line of a JSC stack as { fn, file, line, column, native }, or undefined. */
function parseFrame(text) {
  let fn = '';
  let location = text;
  if (!isLocationStart(text)) {
    const at = ReflectApply(StringIndexOf, text, ['@']);
    if (at < 0) return undefined;
    fn = ReflectApply(StringSlice, text, [0, at]);
    location = ReflectApply(StringSlice, text, [at + 1]);
  }
  if (location === '[native code]') return { fn, file: '', line: 0, column: 0, native: true };
  // `fn@` (a class's default constructor): no location.
  if (location === '') return { fn, file: '', line: 0, column: 0, native: false, nowhere: true };
  const m = ReflectApply(RegExpExec, locationRe, [location]);
  if (m === null) return undefined;
  return { fn, file: m[1], line: +m[2], column: +m[3], native: false };
}

function isInternal(f) {
  return f !== undefined && ReflectApply(StringStartsWith, f.file, ['node:internal/']);
}

// ---------------------------------------------------------------------------------------------
// Columns: JSC points at a call's `(`, a property's `.` and past a variable's name; V8 at the
// callee (`new` for constructions), the property name and the name's start. Guest source text
// tells which; our own insertions (the catch normaliser, renamed `import(`) are taken out first.

function isSpace(c) { return c === 32 || c === 9; }
function isWordChar(c) {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 36 || c === 95 || c > 127;
}
function isOperatorChar(c) {
  return c === 61 || c === 33 || c === 60 || c === 62 || c === 43 || c === 45 || c === 42 || c === 47 || c === 37 ||
    c === 38 || c === 124 || c === 94 || c === 63;
}
/** The start of the word that ends right before `end` (after blanks), or -1 when it is not `word`. */
function wordBefore(text, end, word) {
  let i = end;
  while (i > 0 && isSpace(text.charCodeAt(i - 1))) i--;
  const stop = i;
  while (i > 0 && isWordChar(text.charCodeAt(i - 1))) i--;
  return stop > i && ReflectApply(StringSlice, text, [i, stop]) === word ? i : -1;
}
/** The start of the name ending at `end` (after blanks), or -1. */
function nameBefore(text, end) {
  let i = end;
  while (i > 0 && isSpace(text.charCodeAt(i - 1))) i--;
  const stop = i;
  while (i > 0 && isWordChar(text.charCodeAt(i - 1))) i--;
  return stop > i ? i : -1;
}

function lineOf(info, line) {
  if (info.lines === undefined) info.lines = typeof info.source === 'string' ? ReflectApply(StringSplit, info.source, ['\n']) : [];
  const text = info.lines[line - 1];
  return typeof text === 'string' ? text : undefined;
}

/** Our edits on `line` of a file as [{ column, removed, added }] (0-based original columns). */
function editsOn(info, line) {
  if (info.edits === undefined || info.edits.length === 0) return undefined;
  if (info.editLines === undefined) {
    const byLine = new Map();
    let lineNo = 1;
    let lineStart = 0;
    let scan = 0;
    const src = info.source;
    for (const e of info.edits) {
      for (; scan < e.start; scan++) {
        if (src.charCodeAt(scan) === 10) { lineNo++; lineStart = scan + 1; }
      }
      let list = byLine.get(lineNo);
      if (list === undefined) { list = []; byLine.set(lineNo, list); }
      ReflectApply(ArrayPush, list, [{ column: e.start - lineStart, removed: e.end - e.start, added: e.added }]);
    }
    info.editLines = byLine;
  }
  return info.editLines.get(line);
}

/** Corrects a frame of a guest file in place: wrapper offset, our edits, V8's column rules. */
function correctColumn(f, info) {
  if (f.line === 1 && f.column > info.offset) f.column -= info.offset;
  let c = f.column - 1;
  const edits = editsOn(info, f.line);
  if (edits !== undefined) {
    let shift = 0;
    for (const e of edits) {
      const at = e.column + shift;
      if (c < at) break;
      if (c < at + e.added) { c = e.column; shift = 0; break; }
      shift += e.added - e.removed;
    }
    c -= shift;
  }
  const text = lineOf(info, f.line);
  if (text === undefined || c < 0 || c > text.length) return;
  const ch = text.charCodeAt(c);
  if (ch === 40) { // `(`: a call or a construction
    let start = nameBefore(text, c);
    if (start >= 0) {
      const callee = start;
      // Through `a.b.C` to its first name.
      for (;;) {
        let k = start;
        while (k > 0 && isSpace(text.charCodeAt(k - 1))) k--;
        if (k === 0 || text.charCodeAt(k - 1) !== 46) break;
        const prev = nameBefore(text, k - 1);
        if (prev < 0) break;
        start = prev;
      }
      const newAt = wordBefore(text, start, 'new');
      if (newAt >= 0) { c = newAt; f.construct = true; } else c = callee;
    }
  } else if (ch === 46 || (ch === 63 && text.charCodeAt(c + 1) === 46)) { // `.` / `?.`: a property
    let i = c + (ch === 63 ? 2 : 1);
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (i < text.length && (isWordChar(text.charCodeAt(i)) || text.charCodeAt(i) === 35 /* #private */)) {
      c = i;
      i++;
      while (i < text.length && isWordChar(text.charCodeAt(i))) i++;
      while (i < text.length && isSpace(text.charCodeAt(i))) i++;
      const next = text.charCodeAt(i);
      if (next === 61 && text.charCodeAt(i + 1) !== 61 && text.charCodeAt(i + 1) !== 62) {
        c = i; // a property write: V8 points at its `=`
        f.accessor = 'set';
      } else if (next !== 40) {
        f.accessor = 'get'; // a property read (a getter, if a frame is above it)
      }
    }
  } else if (wordBefore(text, c, 'in') >= 0) { // `a in b`: JSC points at b, V8 at `in`
    c = wordBefore(text, c, 'in');
  } else if (wordBefore(text, c, 'instanceof') >= 0) { // `a instanceof b`: V8 points at the operator
    c = wordBefore(text, c, 'instanceof');
  } else if (isWordChar(ch) && (c === 0 || !isWordChar(text.charCodeAt(c - 1)))) {
    // `o.#x = v`: JSC points at the target's start, V8 at the `=`.
    let i = c;
    while (i < text.length && isWordChar(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) === 46 && text.charCodeAt(i + 1) === 35) {
      i += 2;
      while (i < text.length && isWordChar(text.charCodeAt(i))) i++;
      while (i < text.length && isSpace(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) === 61 && text.charCodeAt(i + 1) !== 61) c = i;
    }
  } else if (c > 0 && ch !== 91 && !isWordChar(ch) && isWordChar(text.charCodeAt(c - 1))) { // past a name
    const start = nameBefore(text, c);
    if (start >= 0) {
      c = start;
      // A variable read in `return …` or `x = …`: V8 points at the statement or the assignment.
      const returnAt = wordBefore(text, c, 'return');
      if (returnAt >= 0) c = returnAt;
      else {
        let i = c;
        while (i > 0 && isSpace(text.charCodeAt(i - 1))) i--;
        if (i > 1 && text.charCodeAt(i - 1) === 61 && !isOperatorChar(text.charCodeAt(i - 2))) {
          const target = nameBefore(text, i - 1);
          if (target >= 0) c = target;
        }
      }
    }
  } else if (c > 1 && text.charCodeAt(c - 1) === 61 && !isOperatorChar(text.charCodeAt(c - 2)) && isSpace(ch)) {
    c -= 1; // just past an assignment's `=` (a write to a constant): V8 points at the `=`
  }
  f.column = c + 1;
}

/** Moves a frame from the start of a binary expression to its operator (`1n + 1`). */
function operatorColumn(f) {
  const info = files.get(f.file);
  const text = info === undefined ? undefined : lineOf(info, f.line);
  if (text === undefined) return;
  let i = f.column - 1;
  while (i < text.length && (isWordChar(text.charCodeAt(i)) || text.charCodeAt(i) === 46)) i++;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  const ch = text.charCodeAt(i);
  if (ch === 43 || ch === 45 || ch === 42 || ch === 47 || ch === 37 || ch === 38 || ch === 124 || ch === 94 || ch === 60 || ch === 62) f.column = i + 1;
}

/** The guest's frames of a JSC stack string (ours dropped, columns corrected), or undefined
 *  when the string is not a JSC stack. */
function parseStack(raw) {
  if (typeof raw !== 'string') return undefined;
  const lines = ReflectApply(StringSplit, raw, ['\n']);
  const parsed = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].length === 0) continue;
    const at = ReflectApply(StringIndexOf, lines[i], ['@node:internal/']);
    if (at >= 0) { // ours: only its name matters
      ReflectApply(ArrayPush, parsed, [{ fn: ReflectApply(StringSlice, lines[i], [0, at]), file: ReflectApply(StringSlice, lines[i], [at + 1]), line: 0, column: 0, native: false }]);
      continue;
    }
    const frame = parseFrame(lines[i]);
    if (frame === undefined) return undefined;
    ReflectApply(ArrayPush, parsed, [frame]);
  }
  const out = [];
  for (let i = 0; i < parsed.length; i++) {
    const f = parsed[i];
    const next = parsed[i + 1];
    if (f.native) {
      // Natives our modules call (Reflect.construct in the constructor trap, …) are ours.
      if (f.fn === '' || (isInternal(next) && !(f.fn === 'parse' && next.fn === 'parse'))) continue;
      ReflectApply(ArrayPush, out, [f]);
      continue;
    }
    if (f.nowhere) { ReflectApply(ArrayPush, out, [f]); continue; }
    if (isInternal(f)) continue;
    const info = files.get(f.file);
    if (info !== undefined) {
      // An async function's frame shows twice in JSC: in its body and at its closing brace.
      const prev = parsed[i - 1];
      if (prev !== undefined && prev.fn === f.fn && prev.file === f.file && f.column >= 2) {
        const text = lineOf(info, f.line);
        const column = f.line === 1 ? f.column - info.offset : f.column;
        if (text !== undefined && text.charCodeAt(column - 2) === 125) continue;
      }
      correctColumn(f, info);
      // A timer's or an immediate's callback: V8 names the receiver (Timeout, Immediate).
      if (isInternal(next)) {
        for (let j = i + 1; j < parsed.length && isInternal(parsed[j]); j++) {
          const caller = parsed[j].fn;
          if (caller === 'runTimers' || caller === 'runImmediates') {
            const kind = caller === 'runTimers' ? 'Timeout' : 'Immediate';
            const slot = caller === 'runTimers' ? '_onTimeout' : '_onImmediate';
            f.receiver = f.fn === '' ? `${kind}.${slot}` : `${kind}.${f.fn} [as ${slot}]`;
            break;
          }
        }
      }
      f.esm = info.esm;
      // The CommonJS wrapper itself: V8 shows `Object.<anonymous>`.
      if (!info.esm && (f.fn === '' || f.fn === 'anonymous') && next !== undefined &&
          ReflectApply(StringStartsWith, next.file, ['node:internal/modules/cjs'])) {
        f.wrapper = true;
      }
    }
    if (f.fn === 'global code' || f.fn === 'module code') f.fn = '';
    if (f.fn === 'eval code') { f.fn = 'eval'; f.eval = true; }
    ReflectApply(ArrayPush, out, [f]);
  }
  // A frame whose caller constructed it (`new C()` at the call site) is V8's `new C`; one called
  // by a property read or write is a getter or setter (`get x`).
  for (let i = 0; i + 1 < out.length; i++) {
    const f = out[i];
    const caller = out[i + 1];
    if (f.fn === '' || f.native) continue;
    if (caller.construct) f.isNew = true;
    else if (caller.accessor !== undefined && !f.wrapper) f.fn = `${caller.accessor} ${f.fn}`;
  }
  return out;
}

function fileText(f) {
  if (f.esm) return ReflectApply(StringStartsWith, f.file, ["data:"]) ? f.file : `file://${encodeURI(f.file)}`;
  return f.file;
}

/** A frame as V8 writes it after `    at `. */
// Receivers V8 names for the engine's own functions that guest code commonly calls.
const nativeReceivers = new Map([
  ['parse', 'JSON'], ['stringify', 'JSON'], ['map', 'Array'], ['forEach', 'Array'], ['filter', 'Array'],
  ['reduce', 'Array'], ['reduceRight', 'Array'], ['some', 'Array'], ['every', 'Array'], ['find', 'Array'],
  ['findIndex', 'Array'], ['flatMap', 'Array'], ['sort', 'Array'], ['from', 'Array'],
]);

function frameText(f) {
  if (f.native) {
    const receiver = nativeReceivers.get(f.fn);
    // An engine constructor calling back (`new Promise(executor)`): V8 shows `new Promise`.
    const c = f.fn.charCodeAt(0);
    const prefix = receiver !== undefined ? `${receiver}.` : c >= 65 && c <= 90 ? 'new ' : '';
    return `${prefix}${f.fn} (<anonymous>)`;
  }
  const location = `${fileText(f)}:${f.line}:${f.column}`;
  if (f.wrapper) return `Object.<anonymous> (${location})`;
  if (f.receiver !== undefined) return `${f.receiver} (${location})`;
  if (f.fn === '') return location;
  return `${f.isNew ? 'new ' : ''}${f.fn} (${location})`;
}

// ---------------------------------------------------------------------------------------------
// CallSite (V8's API for Error.prepareStackTrace)

const frameOf = new WeakMap();

function callSiteFrame(site) {
  const f = ReflectApply(WeakMapGet, frameOf, [site]);
  if (f === undefined) throw new TypeError('Illegal invocation');
  return f;
}

class CallSite {
  getThis() { callSiteFrame(this); return undefined; }
  getTypeName() { return callSiteFrame(this).wrapper ? 'Object' : null; }
  getFunction() { callSiteFrame(this); return undefined; }
  getFunctionName() {
    const f = callSiteFrame(this);
    return f.fn === '' || f.wrapper ? null : f.fn;
  }
  getMethodName() { callSiteFrame(this); return null; }
  getFileName() { const f = callSiteFrame(this); return f.native ? undefined : fileText(f); }
  getLineNumber() { const f = callSiteFrame(this); return f.native ? null : f.line; }
  getColumnNumber() { const f = callSiteFrame(this); return f.native ? null : f.column; }
  getEnclosingLineNumber() { return null; }
  getEnclosingColumnNumber() { return null; }
  getScriptNameOrSourceURL() { return this.getFileName(); }
  getScriptHash() { callSiteFrame(this); return ''; }
  getEvalOrigin() { const f = callSiteFrame(this); return f.eval ? fileText(f) : undefined; }
  getPosition() { callSiteFrame(this); return 0; }
  getPromiseIndex() { callSiteFrame(this); return null; }
  isToplevel() { const f = callSiteFrame(this); return !f.wrapper && !f.native; }
  isEval() { return callSiteFrame(this).eval === true; }
  isNative() { return callSiteFrame(this).native; }
  isConstructor() { callSiteFrame(this); return false; }
  isAsync() { callSiteFrame(this); return false; }
  isPromiseAll() { callSiteFrame(this); return false; }
  toString() { return frameText(callSiteFrame(this)); }
}

function makeCallSite(frame) {
  const site = new CallSite();
  ReflectApply(WeakMapSet, frameOf, [site, frame]);
  return site;
}

// ---------------------------------------------------------------------------------------------
// The lazy `stack` accessor

// Holder object → { raw, limit, skip, value, done }.
const stacks = new WeakMap();
let userLimit = 10;
let formatting = false;
syncEngineLimit();

let kIsNodeError;

function header(err) {
  try {
    let name = err.name === undefined ? 'Error' : String(err.name);
    const message = err.message === undefined ? '' : String(err.message);
    // Node's own errors (ERR_*) show their code: `TypeError [ERR_X]: …`.
    if (kIsNodeError === undefined) kIsNodeError = require('internal/errors').kIsNodeError;
    if (err[kIsNodeError] === true && typeof err.code === 'string') name = `${name} [${err.code}]`;
    return message.length === 0 ? name : name.length === 0 ? message : `${name}: ${message}`;
  } catch {
    return 'Error';
  }
}

function toLimit(value) {
  if (typeof value !== 'number' || NumberIsNaN(value)) return undefined;
  if (value <= 0) return 0;
  return value === Infinity ? Infinity : MathFloor(value);
}

/** Frames of a state after `skip` (a constructor or captureStackTrace's function) and `limit`. */
function framesOf(state) {
  let frames = parseStack(state.raw);
  if (frames === undefined) return undefined;
  if (state.skip !== undefined) {
    let index = -1;
    for (let i = 0; i < frames.length; i++) {
      if (frames[i].fn === state.skip) { index = i; break; }
    }
    if (index >= 0) frames = frames.slice(index + 1);
    else if (state.skipAll) frames = [];
  }
  if (state.hint === 'operator' && frames.length > 0) operatorColumn(frames[0]);
  if (state.at !== undefined && frames.length > 0) {
    frames[0].line = state.at.line;
    frames[0].column = state.at.column;
  }
  const shown = [];
  for (let i = 0; i < frames.length && shown.length < state.limit; i++) {
    if (!frames[i].nowhere) ReflectApply(ArrayPush, shown, [frames[i]]);
  }
  return shown;
}

function format(holder, state) {
  const frames = framesOf(state);
  if (frames === undefined) return state.raw;
  const prepare = ErrorProxy.prepareStackTrace;
  if (typeof prepare === 'function' && prepare !== defaultPrepare && !formatting) {
    formatting = true;
    try {
      const sites = [];
      for (let i = 0; i < frames.length; i++) ReflectApply(ArrayPush, sites, [makeCallSite(frames[i])]);
      return ReflectApply(prepare, ErrorProxy, [holder, sites]);
    } finally {
      formatting = false;
    }
  }
  let text = header(holder);
  for (let i = 0; i < frames.length; i++) text += `\n    at ${frameText(frames[i])}`;
  return text;
}

// Node 22's own Error.prepareStackTrace (code that wraps it calls it with its CallSites).
const defaultPrepare = {
  ErrorPrepareStackTrace(error, trace) {
    let text = header(error);
    if (trace !== null && typeof trace === 'object') {
      for (let i = 0; i < trace.length; i++) text += `\n    at ${String(trace[i])}`;
    }
    return text;
  },
}.ErrorPrepareStackTrace;

function stateOf(object) {
  for (let o = object; o !== null && (typeof o === 'object' || typeof o === 'function'); o = ObjectGetPrototypeOf(o)) {
    const state = ReflectApply(WeakMapGet, stacks, [o]);
    if (state !== undefined) return { holder: o, state };
  }
  return undefined;
}

// The accessor V8 installs (Node 22: an own accessor, formatted on the first read).
const stackAccessor = {
  get stack() {
    const found = stateOf(this);
    if (found === undefined) return undefined;
    const { holder, state } = found;
    if (!state.done) {
      state.value = format(holder, state);
      state.done = true;
    }
    return state.value;
  },
  set stack(value) {
    const found = stateOf(this);
    if (found === undefined || found.holder !== this) {
      ObjectDefineProperty(this, 'stack', { __proto__: null, value, writable: true, configurable: true, enumerable: true });
      return;
    }
    found.state.value = value;
    found.state.done = true;
  },
};
const stackDescriptor = ObjectGetOwnPropertyDescriptor(stackAccessor, 'stack');
const accessorDescriptor = { __proto__: null, get: stackDescriptor.get, set: stackDescriptor.set, enumerable: false, configurable: true };

/** Gives `object` a lazy V8 `stack` from the JSC stack string `raw`. */
function install(object, raw, skip, skipAll) {
  const limit = toLimit(userLimit);
  if (limit === undefined) {
    // V8: a non-numeric Error.stackTraceLimit captures nothing.
    ReflectApply(WeakMapSet, stacks, [object, { raw: '', limit: 0, skip: undefined, value: undefined, done: true }]);
  } else {
    ReflectApply(WeakMapSet, stacks, [object, { raw, limit, skip, skipAll, value: undefined, done: false }]);
  }
  ObjectDefineProperty(object, 'stack', accessorDescriptor);
}

/** A descriptor's value when it is a data descriptor (never a read through Object.prototype,
 *  which guest code may have given a `value` getter). */
function dataValue(desc) {
  return desc !== undefined && ObjectHasOwn(desc, 'value') ? desc.value : undefined;
}

/** The engine's own stack string of a fresh error (an own data property). */
function rawStack(err) {
  const desc = ObjectGetOwnPropertyDescriptor(err, 'stack');
  const value = dataValue(desc);
  return typeof value === 'string' ? value : undefined;
}

// ---------------------------------------------------------------------------------------------
// The error constructors

const proxies = new Map(); // engine constructor → proxy
const sourceTexts = new WeakMap(); // proxy → what Function.prototype.toString shows for it
let ErrorProxy;

function constructorName(fn) {
  try {
    const desc = ObjectGetOwnPropertyDescriptor(fn, 'name');
    const value = dataValue(desc);
    return typeof value === 'string' ? value : '';
  } catch {
    return '';
  }
}

function makeHandler(target, proxyRef) {
  return {
    __proto__: null,
    construct(t, args, newTarget) {
      const err = ReflectConstruct(target, args, newTarget === proxyRef.proxy ? target : newTarget);
      finishNew(err, newTarget === proxyRef.proxy ? undefined : newTarget);
      return err;
    },
    apply(t, thisArg, args) {
      const err = ReflectConstruct(target, args, target);
      finishNew(err, undefined);
      return err;
    },
  };
}

function finishNew(err, newTarget) {
  try {
    const raw = rawStack(err);
    if (raw === undefined) return;
    // As V8: frames up to the subclass constructor (new.target) are not shown.
    install(err, raw, newTarget !== undefined ? constructorName(newTarget) : undefined, false);
  } catch {
    // Leave the engine's stack.
  }
}

function wrap(Ctor, parentProxy) {
  const proxyRef = { proxy: undefined };
  const handler = makeHandler(Ctor, proxyRef);
  if (Ctor === RealError) {
    handler.get = (t, key, receiver) => (key === 'stackTraceLimit' ? userLimit : Reflect.get(t, key, receiver));
    handler.set = (t, key, value, receiver) => {
      if (key === 'stackTraceLimit' && receiver === proxyRef.proxy) {
        if (Reflect.getOwnPropertyDescriptor(t, key)?.writable === false) return false; // frozen
        userLimit = value;
        syncEngineLimit();
        return true;
      }
      return Reflect.set(t, key, value, receiver === proxyRef.proxy ? t : receiver);
    };
    handler.getOwnPropertyDescriptor = (t, key) => {
      const own = Reflect.getOwnPropertyDescriptor(t, key);
      // Descriptors without a prototype: the engine reads the trap's result as a descriptor, and
      // guest code may have put `get` or `set` on Object.prototype.
      if (own !== undefined) Object.setPrototypeOf(own, null);
      // (A frozen Error keeps the engine's descriptor: a Proxy may not report it otherwise.)
      if (key !== 'stackTraceLimit' || (own !== undefined && !own.configurable)) return own;
      return userLimit === undefined ? undefined : { __proto__: null, value: userLimit, writable: true, enumerable: true, configurable: true };
    };
    handler.defineProperty = (t, key, desc) => {
      if (key === 'stackTraceLimit') {
        if (ObjectHasOwn(desc, 'value')) { userLimit = desc.value; syncEngineLimit(); }
        // Freezing Error (non-configurable, read-only) must reach the engine's own property.
        if (desc.configurable === false || desc.writable === false) return Reflect.defineProperty(t, key, { __proto__: null, ...desc, value: userLimit });
        return true;
      }
      return Reflect.defineProperty(t, key, desc);
    };
    handler.deleteProperty = (t, key) => {
      if (key === 'stackTraceLimit') { userLimit = undefined; syncEngineLimit(); return true; }
      return Reflect.deleteProperty(t, key);
    };
    handler.has = (t, key) => (key === 'stackTraceLimit' ? userLimit !== undefined : Reflect.has(t, key));
  }
  const proxy = new Proxy(Ctor, handler);
  proxyRef.proxy = proxy;
  ObjectDefineProperty(Ctor.prototype, 'constructor', { __proto__: null, value: proxy, writable: true, configurable: true, enumerable: false });
  if (parentProxy !== undefined) ObjectSetPrototypeOf(Ctor, parentProxy);
  proxies.set(Ctor, proxy);
  sourceTexts.set(proxy, nativeSource(constructorName(Ctor)));
  ObjectDefineProperty(globalThis, constructorName(Ctor), { __proto__: null, value: proxy, writable: true, configurable: true, enumerable: false });
  return proxy;
}

/** `Error.captureStackTrace(obj, fn)`: V8's, over a JSC stack taken here. */
function captureStackTrace(object, fn) {
  if (object === null || (typeof object !== 'object' && typeof object !== 'function')) {
    throw new TypeError('Invalid argument');
  }
  const probe = ReflectConstruct(RealError, [], RealError);
  const raw = rawStack(probe);
  let skip = typeof fn === 'function' ? constructorName(fn) : undefined;
  if (skip === '') skip = undefined;
  install(object, raw === undefined ? '' : raw, skip, skip !== undefined);
  ReflectApply(WeakMapSet, seen, [object, true]);
}

// ---------------------------------------------------------------------------------------------
// Engine errors the guest catches

const seen = new WeakMap();

/** Rewords an engine error in V8's words and gives it a V8 stack, in place. Returns `value`. */
function normalize(value) {
  if (value === null || typeof value !== 'object') return value;
  try {
    if (ReflectApply(WeakMapHas, seen, [value])) return value;
    ReflectApply(WeakMapSet, seen, [value, true]);
    // Only what the engine made: a non-enumerable own stack string in JSC's frame format.
    const stackDesc = ObjectGetOwnPropertyDescriptor(value, 'stack');
    const raw = dataValue(stackDesc);
    if (stackDesc === undefined || stackDesc.enumerable || typeof raw !== 'string') return value;
    if (raw !== '') {
      const end = ReflectApply(StringIndexOf, raw, ['\n']);
      if (parseFrame(end < 0 ? raw : ReflectApply(StringSlice, raw, [0, end])) === undefined) return value;
    }
    const desc = ObjectGetOwnPropertyDescriptor(value, 'message');
    const jscMessage = dataValue(desc);
    let hint;
    if (typeof jscMessage === 'string' && desc.writable) {
      const reworded = v8Message(jscMessage);
      if (reworded !== jscMessage) {
        value.message = reworded;
        // JSC points at a binary expression's start, V8 at its operator.
        if (ReflectApply(StringStartsWith, reworded, ['Cannot mix BigInt']) || reworded === 'Division by zero') hint = 'operator';
      }
    }
    install(value, raw, undefined, false);
    if (hint !== undefined) ReflectApply(WeakMapGet, stacks, [value]).hint = hint;
    const message = value.message;
    if (typeof message === 'string' && ReflectApply(StringStartsWith, message, ["undefined is not a function (near '..."])) {
      // Destructuring or for-of over a non-iterable: V8 names the iterable expression.
      const frames = parseStack(raw);
      const found = frames !== undefined && frames.length > 0 ? findIterable(frames[0], message) : undefined;
      if (found !== undefined) {
        value.message = `${found.name} is not iterable`;
        ReflectApply(WeakMapGet, stacks, [value]).at = found;
      }
    }
    if (message === 'Cannot access uninitialized variable.' || message === 'Assignment to constant variable.') {
      // JSC names no variable and often points at the enclosing function: the lexer finds both.
      const state = ReflectApply(WeakMapGet, stacks, [value]);
      const frames = parseStack(raw);
      const found = frames !== undefined && frames.length > 0
        ? findBinding(frames[0], message === 'Assignment to constant variable.' ? 'const' : 'tdz') : undefined;
      if (found !== undefined) {
        if (found.name !== undefined) value.message = `Cannot access '${found.name}' before initialization`;
        if (found.line !== frames[0].line || found.column !== frames[0].column) state.at = found;
      } else if (message === 'Assignment to constant variable.') {
        // JSC words a write to a read-only property the same way: V8 names the property.
        const top = frames !== undefined && frames.length > 0 ? frames[0] : undefined;
        const name = top !== undefined ? writtenProperty(top) : undefined;
        if (name !== undefined) {
          value.message = `Cannot assign to read only property '${name}' of object '#<Object>'`;
        } else if (top !== undefined && top.native && (top.fn === 'push' || top.fn === 'unshift')) {
          // A frozen array grown by a builtin: V8's words, without the index JSC does not tell.
          value.message = 'Cannot add property, object is not extensible';
        } else {
          value.message = jscMessage;
        }
      }
    } else if (message === 'Attempting to define property on object that is not extensible.') {
      // V8 names the property; JSC does not. A guest `o.name = v` tells it; the builtins
      // (Object.assign, Object.defineProperty, …) do not, and keep V8's words without it.
      const frames = parseStack(raw);
      const top = frames !== undefined && frames.length > 0 ? frames[0] : undefined;
      const name = top !== undefined && !top.native ? writtenProperty(top) : undefined;
      const verb = top !== undefined && top.native && (top.fn === 'defineProperty' || top.fn === 'defineProperties') ? 'define' : 'add';
      value.message = `Cannot ${verb} property${name !== undefined ? ` ${name}` : ''}, object is not extensible`;
    } else if (message === 'Cannot call a class constructor without |new|') {
      const frames = parseStack(raw);
      let name;
      for (let i = 0; frames !== undefined && i < frames.length && name === undefined; i++) {
        if (!frames[i].native) name = calleeName(frames[i]);
      }
      if (name !== undefined) value.message = `Class constructor ${name} cannot be invoked without 'new'`;
    }
  } catch {
    // A Proxy or an exotic object: leave it as it is.
  }
  return value;
}

/** V8 stack text for a JSC stack string (used where a stack is shown without an error object). */
function v8StackText(err) {
  const state = ReflectApply(WeakMapGet, stacks, [err]);
  if (state !== undefined) return undefined;
  const raw = typeof err.stack === 'string' ? err.stack : undefined;
  const frames = parseStack(raw);
  if (frames === undefined) return undefined;
  let text = header(err);
  for (let i = 0; i < frames.length && i < 10; i++) text += `\n    at ${frameText(frames[i])}`;
  return text;
}

/** What Node prints above an uncaught error: `file:line`, the source line, a caret under where
 *  the error was thrown (for `throw new E()`, the `throw`), and a blank line. Undefined when the
 *  error's first frame is not in a guest file we compiled. */
function sourceArrow(err) {
  try {
    const json = ReflectApply(WeakMapGet, jsonSources, [err]);
    if (json !== undefined) return jsonArrow(json);
    const syntax = ReflectApply(WeakMapGet, syntaxLocations, [err]);
    if (syntax !== undefined) return syntaxArrow(syntax);
    const found = stateOf(err);
    if (found === undefined || found.holder !== err) return undefined;
    const frames = framesOf({ ...found.state, limit: 1 });
    if (frames === undefined || frames.length === 0) return undefined;
    const f = frames[0];
    const info = files.get(f.file);
    if (f.native || info === undefined || typeof info.source !== 'string') return undefined;
    let text = lineOf(info, f.line);
    if (text === undefined) return undefined;
    if (text.length > 0 && text.charCodeAt(text.length - 1) === 13) text = ReflectApply(StringSlice, text, [0, -1]);
    let column = f.column - 1;
    if (column < 0 || column > text.length) return undefined;
    const newAt = wordBefore(text, column, 'new');
    const throwAt = wordBefore(text, newAt >= 0 ? newAt : column, 'throw');
    if (throwAt >= 0) column = throwAt;
    let pad = '';
    for (let i = 0; i < column; i++) pad += text.charCodeAt(i) === 9 ? '\t' : ' ';
    return `${fileText(f)}:${f.line}\n${text}\n${pad}^\n\n`;
  } catch {
    return undefined;
  }
}

/** Node's arrow into the text a JSON.parse error came from (`<anonymous_script>:line`). */
function jsonArrow({ source, position, end }) {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < position && i < source.length; i++) {
    if (source.charCodeAt(i) === 10) { line++; lineStart = i + 1; }
  }
  let lineEnd = ReflectApply(StringIndexOf, source, ['\n', lineStart]);
  if (lineEnd < 0) lineEnd = source.length;
  const text = ReflectApply(StringSlice, source, [lineStart, lineEnd]);
  if (end || position >= source.length) return `<anonymous_script>:${line}\n${text}\n\n`;
  let pad = '';
  for (let i = lineStart; i < position; i++) pad += source.charCodeAt(i) === 9 ? '\t' : ' ';
  return `<anonymous_script>:${line}\n${text}\n${pad}^\n\n`;
}

/** Where V8 reports a TDZ error (`kind` 'tdz': the first use of a let/const/class name before
 *  its declaration, and that name) or an assignment to a constant ('const': the `=` of the first
 *  assignment to a const name), searched by the lexer from where JSC reported it to the end of
 *  that function or block. { name, line, column } or undefined. */
function findBinding(frame, kind) {
  const info = files.get(frame.file);
  if (info === undefined || typeof info.source !== 'string' || frame.native || frame.nowhere) return undefined;
  if (lineOf(info, frame.line) === undefined) return undefined;
  if (kind === 'const') {
    // Already at an `=`: a name's assignment is the constant's; a property's is not one.
    const text = lineOf(info, frame.line);
    const c = frame.column - 1;
    if (text.charCodeAt(c) === 61) {
      const nameAt = nameBefore(text, c);
      let k = nameAt;
      while (k > 0 && isSpace(text.charCodeAt(k - 1))) k--;
      return nameAt >= 0 && text.charCodeAt(k - 1) !== 46 ? { name: undefined, line: frame.line, column: frame.column } : undefined;
    }
  }
  let offset = 0;
  for (let l = 1; l < frame.line; l++) offset += info.lines[l - 1].length + 1;
  offset += frame.column - 1;
  const { tokenize } = require('internal/modules/esm_transform');
  const tokens = tokenize(ReflectApply(StringSlice, info.source, [offset, offset + 50000]));
  // The tokens up to the end of the function (or block) JSC's position is in.
  let depth = 0;
  let entered = false;
  let last = tokens.length;
  for (let i = 0; i < tokens.length; i++) {
    const v = tokens[i].value;
    if (tokens[i].type === 'eof') { last = i; break; }
    if (v === '{') { depth++; entered = true; } else if (v === '}') {
      depth--;
      if (depth < 0 || (entered && depth === 0)) { last = i; break; }
    }
  }
  const declared = new Map(); // name → { index, kind }
  for (let i = 0; i + 1 < last; i++) {
    const t = tokens[i];
    if (t.type === 'name' && (t.value === 'let' || t.value === 'const' || t.value === 'class') &&
        tokens[i + 1].type === 'name' && !(i > 0 && (tokens[i - 1].value === '.' || tokens[i - 1].value === '?.'))) {
      if (!declared.has(tokens[i + 1].value)) declared.set(tokens[i + 1].value, { index: i + 1, kind: t.value });
    }
  }
  const at = (token, name) => {
    let line = frame.line;
    let lineStart = offset - (frame.column - 1);
    for (let p = offset; p < offset + token.start; p++) {
      if (info.source.charCodeAt(p) === 10) { line++; lineStart = p + 1; }
    }
    let column = offset + token.start - lineStart + 1;
    // `return new C()` before `class C`: V8 points at the return statement.
    const text = lineOf(info, line);
    if (text !== undefined) {
      const newAt = wordBefore(text, column - 1, 'new');
      const returnAt = wordBefore(text, newAt >= 0 ? newAt : column - 1, 'return');
      if (returnAt >= 0) column = returnAt + 1;
    }
    return { name, line, column };
  };
  for (let i = 0; i < last; i++) {
    const t = tokens[i];
    if (t.type !== 'name' || (i > 0 && (tokens[i - 1].value === '.' || tokens[i - 1].value === '?.'))) continue;
    const decl = declared.get(t.value);
    if (decl === undefined) continue;
    if (kind === 'tdz' && i < decl.index - 1) return at(t, t.value);
  }
  if (kind === 'const') {
    // The constant may be declared before JSC's position: any `const NAME` of the file counts.
    if (info.constNames === undefined) {
      info.constNames = new Set();
      try {
        const all = tokenize(info.source);
        for (let i = 0; i + 1 < all.length; i++) {
          if (all[i].type === 'name' && all[i].value === 'const' && all[i + 1].type === 'name') info.constNames.add(all[i + 1].value);
        }
      } catch {
        // No names: the error keeps JSC's wording.
      }
    }
    const search = (list, end, place) => {
      for (let i = 0; i + 1 < end; i++) {
        const t = list[i];
        if (t.type !== 'name' || !info.constNames.has(t.value)) continue;
        if (i > 0 && (list[i - 1].value === '.' || list[i - 1].value === '?.' || list[i - 1].value === 'const')) continue;
        const op = list[i + 1];
        if (op.type === 'punct' && ASSIGN_TOKENS.has(op.value)) return place(op);
      }
      return undefined;
    };
    const ahead = search(tokens, last, (op) => ({ ...at(op), name: undefined }));
    if (ahead !== undefined) return ahead;
    // JSC's position is sometimes past the assignment: the whole line, then.
    const text = lineOf(info, frame.line);
    let lineTokens;
    try { lineTokens = tokenize(text); } catch { return undefined; }
    return search(lineTokens, lineTokens.length, (op) => ({ name: undefined, line: frame.line, column: op.start + 1 }));
  }
  return undefined;
}
/** The property a frame's position writes (`o.name = …`, at its `=`), or undefined. */
function writtenProperty(frame) {
  const info = files.get(frame.file);
  const text = info === undefined ? undefined : lineOf(info, frame.line);
  const c = frame.column - 1;
  if (text === undefined || text.charCodeAt(c) !== 61) return undefined;
  const nameAt = nameBefore(text, c);
  let k = nameAt;
  while (k > 0 && isSpace(text.charCodeAt(k - 1))) k--;
  if (nameAt < 0 || text.charCodeAt(k - 1) !== 46) return undefined;
  let end = nameAt;
  while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
  return ReflectApply(StringSlice, text, [nameAt, end]);
}

/** The name a frame's position calls (`Name(…)`, at the name), or undefined. */
function calleeName(frame) {
  const info = files.get(frame.file);
  const text = info === undefined ? undefined : lineOf(info, frame.line);
  const c = frame.column - 1;
  if (text === undefined || !isWordChar(text.charCodeAt(c))) return undefined;
  let end = c;
  while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
  return ReflectApply(StringSlice, text, [c, end]);
}

// An expression V8 would print as it is written: a name, a member chain, a number.
const simpleExpression = /^(?:[A-Za-z_$][\w$]*(?:\s*\.\s*[A-Za-z_$][\w$]*)*|\d+(?:\.\d+)?)$/;

/** For JSC's "undefined is not a function (near '…')" of a destructuring `[a] = expr` or a
 *  `for (x of expr)`: { name: expr, line, column } when expr is simple, else undefined. */
function findIterable(frame, message) {
  const info = files.get(frame.file);
  const text = info === undefined ? undefined : lineOf(info, frame.line);
  if (text === undefined) return undefined;
  const near = ReflectApply(StringSlice, message, ["undefined is not a function (near '...".length, -"...')".length]);
  let start;
  let end;
  const ofAt = near.lastIndexOf(' of ');
  if (ofAt >= 0 && !ReflectApply(StringStartsWith, near, ['['])) {
    const expr = ReflectApply(StringSlice, near, [ofAt + 4]).trim();
    if (!simpleExpression.test(expr)) return undefined;
    // The expression after ` of ` (a whole word, not part of `of` or another name).
    start = -1;
    for (let from = frame.column - 1; ;) {
      const i = text.indexOf(expr, from);
      if (i < 0) break;
      if (wordBefore(text, i, 'of') >= 0 && !isWordChar(text.charCodeAt(i + expr.length))) { start = i; break; }
      from = i + 1;
    }
    if (start < 0) return undefined;
    end = start + expr.length;
  } else if (ReflectApply(StringStartsWith, near, ['['])) {
    // `[pattern] = expr`: from JSC's position (the pattern), past its `]` and the `=`.
    let i = frame.column - 1;
    if (text.charCodeAt(i) !== 91) return undefined;
    let depth = 0;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 91) depth++;
      else if (c === 93 && --depth === 0) break;
    }
    i++;
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) !== 61 || text.charCodeAt(i + 1) === 61) return undefined;
    i++;
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    start = i;
    while (i < text.length && !';,)}'.includes(text[i])) i++;
    const expr = ReflectApply(StringSlice, text, [start, i]).trim();
    if (!simpleExpression.test(expr)) return undefined;
    end = start + expr.length;
  } else {
    return undefined;
  }
  return { name: ReflectApply(StringSlice, text, [start, end]), line: frame.line, column: start + 1 };
}

const ASSIGN_TOKENS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '**=', '<<=', '>>=', '>>>=', '&=', '|=', '^=', '&&=', '||=', '??=', '++', '--']);

/** The source of the call expression that called `fn` (the frame above `fn`'s own), as Node's
 *  assert quotes it (continuation lines re-indented as Node does), or undefined when that call is
 *  not in a guest file we compiled. */
function callSource(fn) {
  try {
    const raw = rawStack(ReflectConstruct(RealError, [], RealError));
    const frames = parseStack(raw);
    const name = typeof fn === 'function' ? constructorName(fn) : '';
    if (frames === undefined || name === '') return undefined;
    let index = -1;
    for (let i = 0; i < frames.length; i++) if (frames[i].fn === name) { index = i; break; }
    const call = frames[index + 1];
    if (index < 0 || call === undefined || call.native) return undefined;
    const info = files.get(call.file);
    if (info === undefined || typeof info.source !== 'string') return undefined;
    const text = lineOf(info, call.line);
    if (text === undefined) return undefined;
    // The callee `a.b.c` the column points into, from its first name.
    let start = call.column - 1;
    if (start < 0 || start >= text.length || !isWordChar(text.charCodeAt(start))) return undefined;
    for (;;) {
      let k = start;
      while (k > 0 && isSpace(text.charCodeAt(k - 1))) k--;
      if (k === 0 || text.charCodeAt(k - 1) !== 46) break;
      const prev = nameBefore(text, k - 1);
      if (prev < 0) break;
      start = prev;
    }
    // Its arguments, to the matching `)`, by the lexer's tokens.
    let offset = 0;
    for (let l = 1; l < call.line; l++) offset += info.lines[l - 1].length + 1;
    const from = offset + start;
    const rest = ReflectApply(StringSlice, info.source, [from, from + 20000]);
    const { tokenize } = require('internal/modules/esm_transform');
    const tokens = tokenize(rest);
    let depth = 0;
    let end = -1;
    for (const t of tokens) {
      if (t.type === 'eof') break;
      if (t.value === '(') depth++;
      else if (t.value === ')') {
        depth--;
        if (depth === 0) { end = t.end; break; }
      }
    }
    if (end < 0) return undefined;
    const lines = ReflectApply(StringSplit, ReflectApply(StringSlice, rest, [0, end]), ['\n']);
    let code = lines[0];
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i];
      let pos = 0;
      while (pos < start && (line.charCodeAt(pos) === 32 || line.charCodeAt(pos) === 9)) pos++;
      code += `\n  ${ReflectApply(StringSlice, line, [pos])}`;
    }
    return code;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Install

ErrorProxy = wrap(RealError, undefined);
ObjectDefineProperty(RealError, 'captureStackTrace', {
  __proto__: null,
  value: {
    captureStackTrace(object, fn) { captureStackTrace(object, fn); },
  }.captureStackTrace,
  writable: true,
  configurable: true,
  enumerable: false,
});
ObjectDefineProperty(RealError, 'prepareStackTrace', { __proto__: null, value: defaultPrepare, writable: true, configurable: true, enumerable: false });

// Function.prototype.toString as V8's: native functions print on one line
// (`function keys() { [native code] }`; JSC breaks it over three) and a proxy of a function as
// `function () { [native code] }` (JSC names it `ProxyObject`). The engine functions we replace
// with proxies or functions of our own (the error constructors, JSON.parse, setPrototypeOf, …)
// print as the engine's own.
const FunctionToString = Function.prototype.toString;
const jscNativeSource = /^function ([^(]*)\(\) \{\n    \[native code\]\n\}$/;

function nativeSource(name) {
  return `function ${name}() { [native code] }`;
}

/** Makes `fn` (ours, standing in for the engine's function `name`) print as a native function. */
function looksNative(fn, name) {
  ReflectApply(WeakMapSet, sourceTexts, [fn, nativeSource(name)]);
  return fn;
}

ObjectDefineProperty(Function.prototype, 'toString', {
  __proto__: null,
  value: {
    toString() {
      const text = ReflectApply(WeakMapGet, sourceTexts, [this]);
      if (text !== undefined) return text;
      const source = ReflectApply(FunctionToString, this, []);
      if (!ReflectApply(StringEndsWith, source, ['[native code]\n}'])) return source;
      const m = ReflectApply(RegExpExec, jscNativeSource, [source]);
      if (m === null) return source;
      return nativeSource(m[1] === 'ProxyObject' ? '' : m[1]);
    },
  }.toString,
  writable: true,
  configurable: true,
  enumerable: false,
});

// JSON.parse: V8's messages (JSC's have no position), from the text it was given.
const JSONParse = JSON.parse;
ObjectDefineProperty(JSON, 'parse', {
  __proto__: null,
  value: {
    parse(text, reviver) {
      try {
        return ReflectApply(JSONParse, JSON, [text, reviver]);
      } catch (err) {
        rewordJsonError(err, text);
        throw err;
      }
    },
  }.parse,
  writable: true,
  configurable: true,
  enumerable: false,
});

// JSON.parse errors → { source, position, end }, for Node's arrow into the JSON text.
const jsonSources = new WeakMap();

function rewordJsonError(err, text) {
  try {
    if (err === null || typeof err !== 'object' || ReflectApply(WeakMapHas, seen, [err])) return;
    const desc = ObjectGetOwnPropertyDescriptor(err, 'message');
    if (typeof dataValue(desc) !== 'string' || !ReflectApply(StringStartsWith, desc.value, ['JSON Parse error:'])) return;
    const source = String(text);
    const failure = v8JsonFailure(source);
    if (failure === undefined) return;
    err.message = failure.message;
    ReflectApply(WeakMapSet, jsonSources, [err, { source, position: failure.position, end: failure.end }]);
  } catch {
    // Keep the engine's message.
  }
}

// Ours, in place of the engine's: they print as native functions too.
for (const [fn, name] of [[Function.prototype.toString, 'toString'], [JSON.parse, 'parse'], [RealError.captureStackTrace, 'captureStackTrace']]) {
  looksNative(fn, name);
}

for (const Ctor of [TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError]) wrap(Ctor, ErrorProxy);
if (typeof AggregateError === 'function') wrap(AggregateError, ErrorProxy);

// Syntax errors our module compilers report → where in which text, for Node's arrow.
const syntaxLocations = new WeakMap();

/** Remembers where syntax error `err` points (`label` as the arrow's header names the file). */
function registerSyntaxLocation(err, label, source, line, column) {
  if (err !== null && typeof err === 'object') ReflectApply(WeakMapSet, syntaxLocations, [err, { label, source, line, column }]);
}

function syntaxArrow({ label, source, line, column }) {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const next = ReflectApply(StringIndexOf, source, ['\n', start]);
    if (next < 0) return undefined;
    start = next + 1;
  }
  let end = ReflectApply(StringIndexOf, source, ['\n', start]);
  if (end < 0) end = source.length;
  let text = ReflectApply(StringSlice, source, [start, end]);
  if (text.length > 0 && text.charCodeAt(text.length - 1) === 13) text = ReflectApply(StringSlice, text, [0, -1]);
  let pad = '';
  for (let i = 0; i < column - 1 && i < text.length; i++) pad += text.charCodeAt(i) === 9 ? '\t' : ' ';
  return `${label}:${line}\n${text}\n${pad}^\n\n`;
}

/** A syntax error the engine threw compiling `source` (labelled `label` in the arrow): V8's
 *  wording, the engine's own `line`/`column`/`sourceURL` properties removed (V8 has none), and
 *  Node's arrow. The engine gives the line; the caret goes under the token the message names
 *  (its first use on that line), at the end for an unexpected end, else at the line's start. */
function locateEngineSyntaxError(err, label, source) {
  try {
    if (!(err instanceof SyntaxError)) return;
    const lineDesc = ObjectGetOwnPropertyDescriptor(err, 'line');
    const line = dataValue(lineDesc);
    if (typeof line !== 'number' || line < 1) return;
    normalize(err);
    delete err.line;
    delete err.column;
    delete err.sourceURL;
    const message = typeof err.message === 'string' ? err.message : '';
    let start = 0;
    for (let n = 1; n < line; n++) {
      const next = ReflectApply(StringIndexOf, source, ['\n', start]);
      if (next < 0) return;
      start = next + 1;
    }
    let end = ReflectApply(StringIndexOf, source, ['\n', start]);
    if (end < 0) end = source.length;
    const text = ReflectApply(StringSlice, source, [start, end]);
    let column = -1;
    const token = /^Unexpected (?:token|identifier|strict mode reserved word|reserved word) '(.+)'$/.exec(message);
    if (token !== null) column = ReflectApply(StringIndexOf, text, [token[1]]);
    else if (message === 'Unexpected end of input') column = text.length;
    else if (message === 'Unexpected string') column = text.search(/['"]/);
    else if (message === 'Unexpected number') column = text.search(/\d/);
    if (column < 0) column = text.search(/\S/);
    if (column < 0) column = 0;
    registerSyntaxLocation(err, label, source, line, column + 1);
  } catch {
    // Keep the error as the engine made it.
  }
}

/** Whether `err` is a syntax error whose place in the source is known (see `sourceArrow`). */
function hasSyntaxLocation(err) {
  return err !== null && typeof err === 'object' && ReflectApply(WeakMapHas, syntaxLocations, [err]);
}

module.exports = { normalize, looksNative, registerFile, registerSyntaxLocation, locateEngineSyntaxError, hasSyntaxLocation, v8StackText, sourceArrow, callSource, parseStack, frameText };
