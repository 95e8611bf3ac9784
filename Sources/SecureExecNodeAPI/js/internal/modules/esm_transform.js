'use strict';
// ES module → classic script compiler.
//
// JavaScriptCore's C API only evaluates classic scripts, so every ES module is compiled here into
// one function expression that a loader evaluates with `internal.natives.compile(code, filename)`.
// The compiler is a real JavaScript front end: a tokenizer (strings, templates with arbitrarily
// nested `${}`, regular-expression literals vs division, comments, hashbang) and a recursive-descent
// parser over its tokens that tracks scopes, so that only genuine module syntax and genuine
// references to imported bindings are rewritten. Nothing is ever matched by regular expressions
// over the source text.
//
// Output
// ------
// `transform(source, { filename })` returns `{ code, imports, exportNames, starExports,
// hasTopLevelAwait, usesImportMeta, usesDynamicImport }`, where `code` is
//
//     (function* ($se$import, $se$export, $se$meta, $se$dynamicImport, $se$error) {"use strict";PROLOGUE;yield;BODY
//     })
//
// (`async function*` when the module uses top-level await). `$se$` is the default prefix of every
// name the compiler introduces; if the source text contains `$se$` anywhere, `$se1$`, `$se2$`, …
// is used instead, so generated names can never collide with the module's own identifiers.
// BODY is the module source with the same line breaks at the same places: every line of the
// module keeps its line number (the prologue shares line 1; the closing `})` is on an extra last
// line), so stack traces point at the original lines. Only columns on rewritten lines move.
//
// The module function is a generator so that instantiation and evaluation are separate steps,
// which circular imports need:
//   * calling it runs nothing (function declarations are hoisted at that point);
//   * the first `next()` INSTANTIATES: it binds every imported namespace (`$se$import(i)`), hands the
//     module's export getters to `$se$export`, and stops at `yield`. Exported function declarations
//     are callable from then on, before the module body has run (as in real ES modules); `let`,
//     `const` and `class` exports throw ReferenceError (TDZ) until they are initialized;
//   * the second `next()` EVALUATES the body. For a top-level-await module (`async function*`) both
//     calls return promises; the instantiation part still runs synchronously inside the first
//     `next()` call, so a loader may instantiate all modules synchronously and only await the
//     evaluation results.
// Call it with `this` undefined: `fn.call(undefined, importFn, exportFn, meta, dynamicImport)`.
//
// What the loader passes in:
//   $se$import(index) → the module namespace object of `imports[index]` (the index into the
//       `imports` array of the transform result). It is called during instantiation, so the loader
//       must have created a namespace object for every module of the graph before instantiating any
//       of them (it may still be empty then; it must be complete before evaluation starts). Imported
//       bindings are read as live property reads on it (`$se$n0.name`, `$se$n0["string name"]`).
//   $se$export(getters) → called exactly once, during instantiation, with a null-prototype object
//       mapping every export name (local exports, `export { x } from`, `export * as ns from`) to a
//       zero-argument getter returning the current value of the binding. The loader defines these as
//       enumerable getters on the module's namespace. `export * from` is NOT included: the
//       `starExports` indices tell the loader which requested modules' names to add (excluding
//       `default` and ambiguous names, as the ESM spec says).
//   $se$meta → the `import.meta` object (url, filename, dirname, resolve …).
//   $se$dynamicImport(specifier, options) → a promise for the namespace of a dynamically imported
//       module, resolved relative to this module.
//   $se$error(value) → called with the caught value at the start of every `catch (name)` block
//       (internal/error_stacks normalize); `lineOneOffset` in the result is the length of what
//       precedes the module's first line, `edits` the column shifts on the lines we rewrote.
// Link-time checks that need the graph (a requested name that the target does not export) are the
// loader's: `imports[i].names` lists every name this module imports or re-exports from request i.
//
// Semantics kept: strict mode, `this === undefined` at top level, live bindings (reads of imported
// names always see the exporter's current value, also through closures), calls of imported
// functions get `this === undefined`, assignments to imports throw TypeError "Assignment to constant
// variable.", `export default function () {}` / `class {}` / `() => {}` get the name "default", and
// module-only early errors (import/export outside the top level, duplicate exports, exporting an
// undeclared name, top-level return/yield, new.target at top level, `await` in non-async functions,
// an import that clashes with another declaration) are SyntaxErrors whose message ends with
// `(filename:line:column)`; they also carry `reason`, `filename`, `line` and `column` properties.
// Other early errors of strict code are left to the engine, which reports them at the right line.
//
// Also exported:
//   hasModuleSyntax(source) → true when the source has import/export declarations, import.meta or
//       top-level await (Node's module syntax detection for ambiguous .js files).
//   detectCjsExports(source) → { exports, reexports }: the named exports of a CommonJS module in the
//       spirit of Node's cjs-module-lexer (exports.a =, module.exports.a =, Object.defineProperty,
//       module.exports = { … } literals, module.exports = require(), transpiler re-export helpers).
//   tokenize(source) → the token list of the (heuristic) tokenizer, for tests and tools.

// ---------------------------------------------------------------------------------------------
// Characters

const ID_START_RE = /\p{ID_Start}/u;
const ID_CONTINUE_RE = /[\p{ID_Continue}\u200C\u200D]/u;

function isIdStartCP(cp) {
  if (cp < 128) return (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) || cp === 36 || cp === 95;
  return ID_START_RE.test(String.fromCodePoint(cp));
}

function isIdPartCP(cp) {
  if (cp < 128) {
    return (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90) || (cp >= 48 && cp <= 57) || cp === 36 || cp === 95;
  }
  return ID_CONTINUE_RE.test(String.fromCodePoint(cp));
}

function isLineTerminator(c) {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

function isOtherSpace(c) {
  return c === 11 || c === 12 || c === 0xA0 || c === 0xFEFF || c === 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
    c === 0x202F || c === 0x205F || c === 0x3000;
}

function isDigit(c) { return c >= 48 && c <= 57; }

// Offset of a `#!` hashbang comment (at the start, or right after a byte order mark), else -1.
function hashbangStart(src) {
  const h = src.charCodeAt(0) === 0xFEFF ? 1 : 0;
  return src.charCodeAt(h) === 35 && src.charCodeAt(h + 1) === 33 ? h : -1;
}

function hasLineTerminator(src, from, to) {
  for (let i = from; i < to; i++) if (isLineTerminator(src.charCodeAt(i))) return true;
  return false;
}

// 1-based line and column of a source offset (CRLF counts as one line break).
function lineColumn(src, pos) {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < pos && i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (c === 10 || c === 0x2028 || c === 0x2029 || (c === 13 && src.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: pos - lineStart + 1 };
}

function makeSyntaxError(reason, filename, src, pos) {
  const { line, column } = lineColumn(src, pos);
  const file = filename || '<anonymous>';
  const err = new SyntaxError(`${reason} (${file}:${line}:${column})`);
  err.reason = reason;
  err.filename = file;
  err.line = line;
  err.column = column;
  return err;
}

// The cooked value of a string literal token (with its quotes).
function stringValue(raw) {
  const body = raw.slice(1, -1);
  if (body.indexOf('\\') < 0) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== '\\') { out += ch; continue; }
    const e = body[++i];
    switch (e) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'v': out += '\v'; break;
      case '\r': if (body[i + 1] === '\n') i++; break;
      case '\n': case '\u2028': case '\u2029': break;
      case 'x': out += String.fromCharCode(parseInt(body.slice(i + 1, i + 3), 16)); i += 2; break;
      case 'u': {
        if (body[i + 1] === '{') {
          const close = body.indexOf('}', i);
          out += String.fromCodePoint(parseInt(body.slice(i + 2, close), 16));
          i = close;
        } else {
          out += String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16));
          i += 4;
        }
        break;
      }
      default:
        if (e >= '0' && e <= '7') {
          // \0 and legacy octal escapes (sloppy code only; module code rejects them in the engine).
          let j = i;
          let digits = '';
          while (j < body.length && digits.length < 3 && body[j] >= '0' && body[j] <= '7') digits += body[j++];
          if (digits.length === 3 && digits[0] > '3') digits = digits.slice(0, 2);
          out += String.fromCharCode(parseInt(digits, 8));
          i += digits.length - 1;
        } else {
          out += e;
        }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Tokenizer
//
// Tokens: name (identifiers and keywords; `value` is the identifier with escapes decoded, `escaped`
// tells whether it had any), private (#x), punct, num, string (value = raw text with quotes),
// template (tpl: 'full' | 'head' | 'middle' | 'tail'), regex, invalid (message), eof. `nl` is true
// when a line terminator precedes the token.
//
// Whether a `/` starts a regular expression is decided by the standard heuristic from the previous
// significant token: after an operand (identifier, literal, `)`, `]`, `}` closing an expression) it
// is division, after an operator, `(`, `,`, keyword like `return`/`typeof`/`yield`/`await`, `)` of an
// `if`/`while`/`for`/`with` head or `}` of a block it starts a regular expression. `{` is classified
// as block or expression (object literal, function expression body) when it opens. The parser
// corrects the rare misjudged cases (it knows whether it expects an operand) by asking the
// tokenizer to re-read a single token from a saved state: every token starting with `/` carries a
// snapshot of the tokenizer state (the bracket stack is a persistent linked list, so a snapshot is
// O(1)).

function Token(type, value, start, end, nl) {
  this.type = type;
  this.value = value;
  this.start = start;
  this.end = end;
  this.nl = nl;
  this.tpl = '';
  this.escaped = false;
  this.state = null;
}
// Tokens and parsers inherit nothing: a guest's accessor on Object.prototype (`type`, `exports`…)
// must never see our assignments (Node's test-module-prototype-mutation).
Object.setPrototypeOf(Token.prototype, null);

// Keywords after which an expression (so a regular expression) may follow.
const KEYWORDS_BEFORE_EXPR = new Set([
  'return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else',
  'yield', 'await', 'extends', 'default', 'export',
]);
const KEYWORDS_BEFORE_STATEMENT = new Set(['else', 'do', 'try', 'finally', 'export', 'default']);
const CONTROL_KEYWORDS = new Set(['if', 'while', 'for', 'with', 'switch', 'catch']);

class Lexer {
  constructor(src) {
    this.src = src;
    this.len = src.length;
    this.pos = 0;
    this.carryNl = false;
    this.badComment = -1;
    // Bracket stack: persistent list of { ch: '(' | '[' | '{' | '${', kind, q, next }.
    this.stack = null;
    this.exprOK = true; // a regular expression may start here
    this.stmtOK = true; // a statement may start here
    this.prevStmtOK = true; // stmtOK before the last token
    this.lastEndsExpr = false; // the last token ends an operand
    this.lastType = '';
    this.lastValue = '';
    this.afterDot = false; // the last token is `.` or `?.`
    this.pendParen = ''; // kind of the next `(`: control | fndecl | fnexpr
    this.lastParen = ''; // kind of the last `)`
    this.q = 0; // pending `?` of conditional expressions at this bracket level
    const h = hashbangStart(src);
    if (h >= 0) { // #! hashbang (after an optional byte order mark)
      let p = h + 2;
      while (p < this.len && !isLineTerminator(src.charCodeAt(p))) p++;
      this.pos = p;
    }
  }

  save(nl) {
    return {
      pos: this.pos, nl, stack: this.stack, exprOK: this.exprOK, stmtOK: this.stmtOK, prevStmtOK: this.prevStmtOK,
      lastEndsExpr: this.lastEndsExpr, lastType: this.lastType, lastValue: this.lastValue, afterDot: this.afterDot,
      pendParen: this.pendParen, lastParen: this.lastParen, q: this.q,
    };
  }

  restore(s) {
    this.pos = s.pos;
    this.carryNl = s.nl;
    this.stack = s.stack;
    this.exprOK = s.exprOK;
    this.stmtOK = s.stmtOK;
    this.prevStmtOK = s.prevStmtOK;
    this.lastEndsExpr = s.lastEndsExpr;
    this.lastType = s.lastType;
    this.lastValue = s.lastValue;
    this.afterDot = s.afterDot;
    this.pendParen = s.pendParen;
    this.lastParen = s.lastParen;
    this.q = s.q;
    this.badComment = -1;
  }

  skipSpace() {
    const src = this.src;
    const len = this.len;
    let pos = this.pos;
    let nl = this.carryNl;
    this.carryNl = false;
    while (pos < len) {
      const c = src.charCodeAt(pos);
      if (c === 32 || c === 9) { pos++; continue; }
      if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) { nl = true; pos++; continue; }
      if (c === 47) {
        const d = src.charCodeAt(pos + 1);
        if (d === 47) {
          pos += 2;
          while (pos < len && !isLineTerminator(src.charCodeAt(pos))) pos++;
          continue;
        }
        if (d === 42) {
          const end = src.indexOf('*/', pos + 2);
          if (end < 0) { this.badComment = pos; pos = len; break; }
          if (!nl && hasLineTerminator(src, pos + 2, end)) nl = true;
          pos = end + 2;
          continue;
        }
        break;
      }
      if (c === 11 || c === 12 || (c > 127 && isOtherSpace(c))) { pos++; continue; }
      break;
    }
    this.pos = pos;
    return nl;
  }

  invalid(start, end, message, nl) {
    const t = new Token('invalid', message, start, end, nl);
    this.pos = end;
    return t;
  }

  // regexMode: undefined = heuristic, true = read `/` as a regular expression, false = as division.
  next(regexMode) {
    const nl = this.skipSpace();
    const src = this.src;
    const start = this.pos;
    if (this.badComment >= 0) {
      const at = this.badComment;
      this.badComment = -1;
      return this.invalid(at, this.len, 'Invalid or unexpected token', nl);
    }
    if (start >= this.len) return new Token('eof', '', start, start, nl);
    const c = src.charCodeAt(start);
    let tok;
    if (c === 47) { // '/'
      const state = this.save(nl);
      const asRegex = regexMode === undefined ? this.exprOK : regexMode;
      tok = asRegex ? this.readRegex(start, nl) : this.readPunct(start, nl);
      tok.state = state;
    } else if (c === 39 || c === 34) {
      tok = this.readString(start, c, nl);
    } else if (c === 96) {
      tok = this.readTemplate(start, true, nl);
    } else if (c === 125 && this.stack !== null && this.stack.ch === '${') {
      const node = this.stack;
      this.stack = node.next;
      this.q = node.q;
      tok = this.readTemplate(start, false, nl);
    } else if (isDigit(c) || (c === 46 && isDigit(src.charCodeAt(start + 1)))) {
      tok = this.readNumber(start, nl);
    } else if (c === 35 && start + 1 < this.len && this.isIdStartAt(start + 1)) {
      tok = this.readName(start + 1, nl);
      if (tok.type === 'name') {
        tok.type = 'private';
        tok.value = '#' + tok.value;
        tok.start = start;
      }
    } else if (c === 92 || this.isIdStartAt(start)) {
      tok = this.readName(start, nl);
    } else {
      tok = this.readPunct(start, nl);
    }
    this.update(tok);
    return tok;
  }

  isIdStartAt(pos) {
    const c = this.src.charCodeAt(pos);
    if (c < 128) return isIdStartCP(c);
    return isIdStartCP(this.src.codePointAt(pos));
  }

  readName(start, nl) {
    const src = this.src;
    let pos = start;
    let value = '';
    let chunk = pos;
    let escaped = false;
    for (;;) {
      if (pos >= this.len) break;
      const c = src.charCodeAt(pos);
      if (c < 128) {
        if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 36 || c === 95) { pos++; continue; }
        if (c === 92) { // \uXXXX or \u{X…}
          value += src.slice(chunk, pos);
          if (src.charCodeAt(pos + 1) !== 117) return this.invalid(start, pos + 1, 'Invalid Unicode escape sequence', nl);
          let hex;
          let after;
          if (src.charCodeAt(pos + 2) === 123) {
            const close = src.indexOf('}', pos + 3);
            if (close < 0) return this.invalid(start, pos + 2, 'Invalid Unicode escape sequence', nl);
            hex = src.slice(pos + 3, close);
            after = close + 1;
          } else {
            hex = src.slice(pos + 2, pos + 6);
            after = pos + 6;
          }
          if (!/^[0-9a-fA-F]+$/.test(hex) || (hex.length !== 4 && src.charCodeAt(pos + 2) !== 123)) {
            return this.invalid(start, pos + 2, 'Invalid Unicode escape sequence', nl);
          }
          const cp = parseInt(hex, 16);
          if (cp > 0x10FFFF || !(value === '' && pos === start ? isIdStartCP(cp) : isIdPartCP(cp))) {
            return this.invalid(start, after, 'Invalid Unicode escape sequence', nl);
          }
          value += String.fromCodePoint(cp);
          escaped = true;
          pos = after;
          chunk = pos;
          continue;
        }
        break;
      }
      const cp = src.codePointAt(pos);
      if (pos === start ? isIdStartCP(cp) : isIdPartCP(cp)) { pos += cp > 0xFFFF ? 2 : 1; continue; }
      break;
    }
    value += src.slice(chunk, pos);
    const t = new Token('name', value, start, pos, nl);
    t.escaped = escaped;
    this.pos = pos;
    return t;
  }

  readNumber(start, nl) {
    const src = this.src;
    let pos = start;
    const c = src.charCodeAt(pos);
    const c1 = src.charCodeAt(pos + 1) | 32;
    if (c === 48 && (c1 === 120 || c1 === 111 || c1 === 98)) { // 0x 0o 0b
      pos += 2;
      for (;;) {
        const d = src.charCodeAt(pos);
        if (isDigit(d) || ((d | 32) >= 97 && (d | 32) <= 102) || d === 95) pos++;
        else break;
      }
    } else {
      while (isDigit(src.charCodeAt(pos)) || src.charCodeAt(pos) === 95) pos++;
      if (src.charCodeAt(pos) === 46) {
        pos++;
        while (isDigit(src.charCodeAt(pos)) || src.charCodeAt(pos) === 95) pos++;
      }
      if ((src.charCodeAt(pos) | 32) === 101) { // e E
        const s = src.charCodeAt(pos + 1);
        if (isDigit(s) || ((s === 43 || s === 45) && isDigit(src.charCodeAt(pos + 2)))) {
          pos += 2;
          while (isDigit(src.charCodeAt(pos)) || src.charCodeAt(pos) === 95) pos++;
        }
      }
    }
    if (src.charCodeAt(pos) === 110) pos++; // BigInt
    if (pos < this.len && (this.isIdStartAt(pos) || isDigit(src.charCodeAt(pos)) || src.charCodeAt(pos) === 92)) {
      let end = pos;
      while (end < this.len && isIdPartCP(src.codePointAt(end))) end++;
      return this.invalid(start, Math.max(end, pos + 1), 'Invalid or unexpected token', nl);
    }
    this.pos = pos;
    return new Token('num', src.slice(start, pos), start, pos, nl);
  }

  readString(start, quote, nl) {
    const src = this.src;
    const len = this.len;
    let pos = start + 1;
    for (;;) {
      if (pos >= len) return this.invalid(start, len, 'Invalid or unexpected token', nl);
      const c = src.charCodeAt(pos);
      if (c === quote) { pos++; break; }
      if (c === 92) {
        pos += 2;
        if (src.charCodeAt(pos - 1) === 13 && src.charCodeAt(pos) === 10) pos++;
        continue;
      }
      if (c === 10 || c === 13) return this.invalid(start, pos, 'Invalid or unexpected token', nl);
      pos++;
    }
    this.pos = pos;
    return new Token('string', src.slice(start, pos), start, pos, nl);
  }

  readTemplate(start, opening, nl) {
    const src = this.src;
    const len = this.len;
    let pos = start + 1;
    let kind;
    for (;;) {
      if (pos >= len) return this.invalid(start, len, opening ? 'Unterminated template literal' : 'Missing } in template expression', nl);
      const c = src.charCodeAt(pos);
      if (c === 96) { pos++; kind = opening ? 'full' : 'tail'; break; }
      if (c === 36 && src.charCodeAt(pos + 1) === 123) {
        pos += 2;
        kind = opening ? 'head' : 'middle';
        this.stack = { ch: '${', kind: 'tpl', q: this.q, next: this.stack };
        this.q = 0;
        break;
      }
      if (c === 92) { pos += 2; continue; }
      pos++;
    }
    this.pos = pos;
    const t = new Token('template', '', start, pos, nl);
    t.tpl = kind;
    return t;
  }

  readRegex(start, nl) {
    const src = this.src;
    const len = this.len;
    let pos = start + 1;
    let inClass = false;
    for (;;) {
      if (pos >= len) return this.invalid(start, len, 'Invalid regular expression: missing /', nl);
      const c = src.charCodeAt(pos);
      if (isLineTerminator(c)) return this.invalid(start, pos, 'Invalid regular expression: missing /', nl);
      if (c === 92) {
        pos++;
        if (pos >= len || isLineTerminator(src.charCodeAt(pos))) {
          return this.invalid(start, pos, 'Invalid regular expression: missing /', nl);
        }
        pos++;
        continue;
      }
      if (inClass) {
        if (c === 93) inClass = false;
      } else if (c === 91) {
        inClass = true;
      } else if (c === 47) {
        pos++;
        break;
      }
      pos++;
    }
    while (pos < len && isIdPartCP(src.codePointAt(pos))) pos++;
    this.pos = pos;
    return new Token('regex', src.slice(start, pos), start, pos, nl);
  }

  readPunct(start, nl) {
    const src = this.src;
    const c = src.charCodeAt(start);
    const c1 = src.charCodeAt(start + 1);
    const c2 = src.charCodeAt(start + 2);
    let n = 1;
    switch (c) {
      case 40: case 41: case 91: case 93: case 123: case 125: case 59: case 44: case 126: case 58: case 64:
        break;
      case 46: // .
        if (c1 === 46 && c2 === 46) n = 3;
        break;
      case 63: // ?
        if (c1 === 63) n = c2 === 61 ? 3 : 2;
        else if (c1 === 46 && !isDigit(c2)) n = 2;
        break;
      case 60: // <
        if (c1 === 60) n = c2 === 61 ? 3 : 2;
        else if (c1 === 61) n = 2;
        break;
      case 62: // >
        if (c1 === 62) {
          if (c2 === 62) n = src.charCodeAt(start + 3) === 61 ? 4 : 3;
          else n = c2 === 61 ? 3 : 2;
        } else if (c1 === 61) n = 2;
        break;
      case 61: // =
        if (c1 === 61) n = c2 === 61 ? 3 : 2;
        else if (c1 === 62) n = 2;
        break;
      case 33: // !
        if (c1 === 61) n = c2 === 61 ? 3 : 2;
        break;
      case 43: case 45: // + -
        if (c1 === c || c1 === 61) n = 2;
        break;
      case 42: // *
        if (c1 === 42) n = c2 === 61 ? 3 : 2;
        else if (c1 === 61) n = 2;
        break;
      case 47: case 37: case 94: // / % ^
        if (c1 === 61) n = 2;
        break;
      case 38: case 124: // & |
        if (c1 === c) n = c2 === 61 ? 3 : 2;
        else if (c1 === 61) n = 2;
        break;
      default: {
        const cp = src.codePointAt(start);
        return this.invalid(start, start + (cp > 0xFFFF ? 2 : 1), 'Invalid or unexpected token', nl);
      }
    }
    this.pos = start + n;
    return new Token('punct', src.slice(start, start + n), start, start + n, nl);
  }

  // Heuristic state after a token: may a regular expression / a statement follow?
  classifyBrace() {
    const t = this.lastType;
    const v = this.lastValue;
    if (t === '') return 'block';
    if (t === 'punct') {
      switch (v) {
        case ')': return this.lastParen === 'fnexpr' ? 'fnexpr' : 'block';
        case '=>': case ';': case '{': case '}': return 'block';
        case ':': return this.stmtOK ? 'block' : 'expr';
        default: return 'expr';
      }
    }
    if (t === 'name' && !this.afterDot) {
      if (KEYWORDS_BEFORE_STATEMENT.has(v) && v !== 'default') return 'block';
      if (KEYWORDS_BEFORE_EXPR.has(v)) return 'expr';
    }
    if (t === 'template') return 'expr';
    return 'block';
  }

  update(tok) {
    const type = tok.type;
    const v = tok.value;
    let exprOK = false;
    let stmtOK = false;
    let endsExpr = false;
    const wasStmtOK = this.stmtOK || (tok.nl && this.lastEndsExpr);
    if (type === 'punct') {
      switch (v) {
        case '(':
          this.stack = { ch: '(', kind: this.pendParen, q: this.q, next: this.stack };
          this.q = 0;
          this.pendParen = '';
          exprOK = true;
          break;
        case '[':
          this.stack = { ch: '[', kind: '', q: this.q, next: this.stack };
          this.q = 0;
          exprOK = true;
          break;
        case '{': {
          const kind = this.classifyBrace();
          this.stack = { ch: '{', kind, q: this.q, next: this.stack };
          this.q = 0;
          this.pendParen = '';
          exprOK = true;
          stmtOK = kind === 'block';
          break;
        }
        case ')': {
          const node = this.stack;
          let kind = '';
          if (node !== null && node.ch === '(') {
            kind = node.kind;
            this.q = node.q;
            this.stack = node.next;
          }
          this.lastParen = kind;
          if (kind === 'control') { exprOK = true; stmtOK = true; } else endsExpr = true;
          break;
        }
        case ']': {
          const node = this.stack;
          if (node !== null && node.ch === '[') { this.q = node.q; this.stack = node.next; }
          endsExpr = true;
          break;
        }
        case '}': {
          const node = this.stack;
          let kind = 'block';
          if (node !== null && node.ch === '{') { kind = node.kind; this.q = node.q; this.stack = node.next; }
          if (kind === 'block') { exprOK = true; stmtOK = true; } else endsExpr = true;
          break;
        }
        case ';':
          exprOK = true;
          stmtOK = this.stack === null || this.stack.ch === '{';
          this.pendParen = '';
          break;
        case '++': case '--':
          if (this.lastEndsExpr && !tok.nl) endsExpr = true;
          else exprOK = true;
          break;
        case '?':
          this.q++;
          exprOK = true;
          break;
        case ':':
          exprOK = true;
          if (this.q > 0) this.q--;
          else if (this.stack === null || (this.stack.ch === '{' && this.stack.kind === 'block')) stmtOK = true;
          break;
        default:
          exprOK = true;
      }
    } else if (type === 'name') {
      if (this.afterDot) {
        endsExpr = true;
      } else if (!tok.escaped && KEYWORDS_BEFORE_EXPR.has(v)) {
        exprOK = true;
        stmtOK = KEYWORDS_BEFORE_STATEMENT.has(v);
      } else if (!tok.escaped && v === 'function') {
        const decl = wasStmtOK || (this.lastType === 'name' && this.lastValue === 'async' && this.prevStmtOK);
        this.pendParen = decl ? 'fndecl' : 'fnexpr';
      } else if (!tok.escaped && CONTROL_KEYWORDS.has(v)) {
        this.pendParen = 'control';
      } else if (!tok.escaped && KEYWORDS_BEFORE_STATEMENT.has(v)) {
        exprOK = true;
        stmtOK = true;
      } else {
        endsExpr = true;
      }
    } else if (type === 'template') {
      if (tok.tpl === 'full' || tok.tpl === 'tail') endsExpr = true;
      else exprOK = true;
    } else if (type === 'num' || type === 'string' || type === 'regex' || type === 'private') {
      endsExpr = true;
    } else {
      exprOK = true;
    }
    this.prevStmtOK = wasStmtOK;
    this.afterDot = type === 'punct' && (v === '.' || v === '?.');
    this.lastType = type;
    this.lastValue = v;
    this.lastEndsExpr = endsExpr;
    this.exprOK = exprOK;
    this.stmtOK = stmtOK;
  }
}

function tokenize(source) {
  const lx = new Lexer(String(source));
  const out = [];
  for (;;) {
    const t = lx.next();
    out.push({ type: t.type, value: t.type === 'template' ? source.slice(t.start, t.end) : t.value, start: t.start, end: t.end });
    if (t.type === 'eof') return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Parser: walks the whole program (statements and expressions) without building a tree. It
// records scopes and declarations, every identifier reference (with the facts the rewriting needs:
// call callee, assignment target, shorthand property, first token of a statement), module
// declarations, and the source edits.

const KEYWORDS = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum',
  'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null',
  'return', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with',
]);

const ASSIGN_OPS = new Set(['=', '+=', '-=', '*=', '/=', '%=', '**=', '<<=', '>>=', '>>>=', '&=', '|=', '^=', '&&=', '||=', '??=']);

const BINARY_PREC = new Map([
  ['??', 1], ['||', 2], ['&&', 3], ['|', 4], ['^', 5], ['&', 6],
  ['==', 7], ['!=', 7], ['===', 7], ['!==', 7],
  ['<', 8], ['>', 8], ['<=', 8], ['>=', 8],
  ['<<', 9], ['>>', 9], ['>>>', 9],
  ['+', 10], ['-', 10], ['*', 11], ['/', 11], ['%', 11], ['**', 12],
]);

function isP(t, v) { return t.type === 'punct' && t.value === v; }
function isKw(t, v) { return t.type === 'name' && t.value === v && !t.escaped; }

function describe(t) {
  switch (t.type) {
    case 'eof': return 'Unexpected end of input';
    case 'invalid': return t.value;
    case 'num': return 'Unexpected number';
    case 'string': return 'Unexpected string';
    case 'template': return 'Unexpected template string';
    case 'regex': return 'Unexpected regular expression';
    case 'private': return `Unexpected identifier '${t.value}'`;
    case 'name':
      if (t.escaped && KEYWORDS.has(t.value)) return 'Keyword must not contain escaped characters';
      if (KEYWORDS.has(t.value)) return `Unexpected token '${t.value}'`;
      if (t.value === 'await') return 'Unexpected reserved word';
      if (t.value === 'yield' || t.value === 'let' || t.value === 'static' || t.value === 'implements' ||
        t.value === 'interface' || t.value === 'package' || t.value === 'private' || t.value === 'protected' ||
        t.value === 'public') return 'Unexpected strict mode reserved word';
      return `Unexpected identifier '${t.value}'`;
    default: return `Unexpected token '${t.value}'`;
  }
}

function newScope(kind, parent) {
  const s = { kind, names: null, parent, fn: null, arrow: false };
  s.fn = kind === 'function' || parent === null ? s : parent.fn;
  return s;
}

function addName(scope, name) {
  if (scope.names === null) scope.names = new Set();
  scope.names.add(name);
}

class Parser {
  constructor(source, filename, mode) {
    this.src = source;
    this.filename = filename;
    this.module = mode === 'module';
    this.detect = mode === 'detect';
    this.lx = new Lexer(source);
    this.toks = [];
    this.i = 0;
    this.moduleScope = newScope('function', null);
    this.scope = this.moduleScope;
    this.ctx = { async: this.module, gen: false, top: true, nt: false, ret: !this.module, field: false };
    this.refs = [];
    this.stmtStart = -1;
    this.topNames = new Set();
    this.requests = [];
    this.requestKeys = new Map();
    this.importBindings = new Map();
    this.exports = new Map();
    this.starExports = [];
    this.edits = [];
    this.hasTLA = false;
    this.usesMeta = false;
    this.usesDynamicImport = false;
    this.hasModuleDecl = false;
    this.defaultFnName = false;
    this.P = '$se$';
  }

  // -- tokens

  fill(j) {
    const toks = this.toks;
    while (toks.length <= j) {
      const last = toks.length > 0 ? toks[toks.length - 1] : null;
      toks.push(last !== null && last.type === 'eof' ? last : this.lx.next());
    }
    return toks[j];
  }

  cur() {
    const i = this.i;
    return i < this.toks.length ? this.toks[i] : this.fill(i);
  }

  tk(k) {
    const j = this.i + k;
    return j < this.toks.length ? this.toks[j] : this.fill(j);
  }

  at(j) {
    return j < this.toks.length ? this.toks[j] : this.fill(j);
  }

  relex(regexMode) {
    const t = this.toks[this.i];
    this.toks.length = this.i;
    this.lx.restore(t.state);
    const nt = this.lx.next(regexMode);
    this.toks.push(nt);
    return nt;
  }

  // The current token in a position where an operator may follow an operand: `/` is division.
  peekOp() {
    const t = this.cur();
    if (t.state !== null && (t.type === 'regex' || t.type === 'invalid')) return this.relex(false);
    return t;
  }

  isP(v) {
    const t = this.cur();
    return t.type === 'punct' && t.value === v;
  }

  fail(tok, reason) {
    throw makeSyntaxError(reason, this.filename, this.src, tok.start);
  }

  unexpected(tok) {
    this.fail(tok, describe(tok));
  }

  expectP(v) {
    const t = this.cur();
    if (t.type !== 'punct' || t.value !== v) this.unexpected(t);
    this.i++;
    return t;
  }

  expectName(v) {
    const t = this.cur();
    if (!isKw(t, v)) this.unexpected(t);
    this.i++;
    return t;
  }

  consumeSemicolon() {
    const t = this.cur();
    if (t.type === 'punct') {
      if (t.value === ';') { this.i++; return; }
      if (t.value === '}') return;
    }
    if (t.type === 'eof' || t.nl) return;
    this.unexpected(t);
  }

  // Does this token begin an expression (for `yield` / `await` operands)?
  startsExpr(t) {
    switch (t.type) {
      case 'name': return !(t.value === 'in' || t.value === 'of' || t.value === 'instanceof') || t.escaped;
      case 'num': case 'string': case 'regex': case 'private': return true;
      case 'template': return t.tpl === 'full' || t.tpl === 'head';
      case 'punct':
        switch (t.value) {
          case '(': case '[': case '{': case '+': case '-': case '!': case '~': case '++': case '--': case '/': case '/=':
            return true;
          default: return false;
        }
      default: return false;
    }
  }

  // -- scopes and references

  pushScope(kind) {
    this.scope = newScope(kind, this.scope);
    return this.scope;
  }

  declare(tok, kind) {
    const name = tok.value;
    const s = kind === 'var' ? this.scope.fn : this.scope;
    addName(s, name);
    if (s === this.moduleScope) {
      if (this.importBindings.has(name)) this.fail(tok, `Identifier '${name}' has already been declared`);
      this.topNames.add(name);
    }
  }

  addRef(tok, index) {
    const r = { tok, scope: this.scope, call: false, write: false, short: false, stmt: index === this.stmtStart };
    this.refs.push(r);
    return r;
  }

  markTarget(d) {
    if (d === null) return;
    if (d.k === 'ref') {
      d.r.write = true;
    } else if (d.k === 'arr' || d.k === 'obj') {
      for (const item of d.items) this.markTarget(item);
    }
  }

  checkBindingName(t) {
    if (t.type !== 'name' || KEYWORDS.has(t.value)) this.unexpected(t);
    if (this.module && (t.value === 'await' || t.value === 'yield' || t.value === 'arguments' || t.value === 'eval' ||
      t.value === 'let')) {
      if (t.value === 'arguments' || t.value === 'eval') this.fail(t, 'Unexpected eval or arguments in strict mode');
      this.unexpected(t);
    }
  }

  // -- programs and statements

  parseProgram() {
    for (;;) {
      const t = this.cur();
      if (t.type === 'eof') break;
      this.parseStatement(true);
    }
    if (this.module) this.checkExports();
  }

  parseStatement(inList) {
    const t = this.cur();
    if (t.type === 'name' && !t.escaped) {
      switch (t.value) {
        case 'var': case 'const':
          this.i++;
          this.parseVarDecls(t.value, false, null);
          this.consumeSemicolon();
          return;
        case 'let':
          if (this.isLetDecl(this.tk(1))) {
            this.i++;
            this.parseVarDecls('let', false, null);
            this.consumeSemicolon();
            return;
          }
          break;
        case 'function':
          this.parseFunction(true, false);
          return;
        case 'async': {
          const t1 = this.tk(1);
          if (isKw(t1, 'function') && !t1.nl) {
            this.i++;
            this.parseFunction(true, true);
            return;
          }
          break;
        }
        case 'class':
          this.parseClass(true);
          return;
        case 'if':
          this.i++;
          this.parseParenExpr();
          this.parseStatement(false);
          if (isKw(this.cur(), 'else')) {
            this.i++;
            this.parseStatement(false);
          }
          return;
        case 'for':
          this.parseFor();
          return;
        case 'while':
          this.i++;
          this.parseParenExpr();
          this.parseStatement(false);
          return;
        case 'do':
          this.i++;
          this.parseStatement(false);
          this.expectName('while');
          this.parseParenExpr();
          if (this.isP(';')) this.i++;
          return;
        case 'return': {
          if (!this.ctx.ret) this.fail(t, 'Illegal return statement');
          this.i++;
          const n = this.cur();
          if (!n.nl && !isP(n, ';') && !isP(n, '}') && n.type !== 'eof') this.parseExpression(false);
          this.consumeSemicolon();
          return;
        }
        case 'break': case 'continue': {
          this.i++;
          const n = this.cur();
          if (n.type === 'name' && !n.nl && !KEYWORDS.has(n.value)) this.i++;
          this.consumeSemicolon();
          return;
        }
        case 'throw':
          this.i++;
          if (this.cur().nl) this.fail(this.cur(), 'Illegal newline after throw');
          this.parseExpression(false);
          this.consumeSemicolon();
          return;
        case 'try':
          this.parseTry();
          return;
        case 'switch':
          this.parseSwitch();
          return;
        case 'with':
          if (this.module) this.fail(t, 'Strict mode code may not include a with statement');
          this.i++;
          this.parseParenExpr();
          this.parseStatement(false);
          return;
        case 'debugger':
          this.i++;
          this.consumeSemicolon();
          return;
        case 'import': {
          const t1 = this.tk(1);
          if (isP(t1, '(') || isP(t1, '.')) break;
          if (!inList || !this.isTopLevel()) {
            if (this.detect) this.fail(t, 'Cannot use import statement outside a module');
            this.unexpected(t1);
          }
          this.parseImportDecl();
          return;
        }
        case 'export':
          if (!inList || !this.isTopLevel()) this.unexpected(t);
          this.parseExportDecl();
          return;
        default:
          break;
      }
    }
    if (t.type === 'name') {
      const t1 = this.tk(1);
      if (isP(t1, ':') && !(KEYWORDS.has(t.value) && !t.escaped)) {
        if (this.module && (t.value === 'await' || t.value === 'yield')) this.unexpected(t);
        this.i += 2;
        if (isKw(this.cur(), 'function')) this.parseFunction(true, false);
        else this.parseStatement(false);
        return;
      }
    } else if (t.type === 'punct') {
      if (t.value === '{') { this.parseBlock(); return; }
      if (t.value === ';') { this.i++; return; }
    }
    if (inList) this.stmtStart = this.i;
    this.parseExpression(false);
    this.consumeSemicolon();
  }

  isTopLevel() {
    return this.scope === this.moduleScope && this.ctx.top;
  }

  isLetDecl(t1) {
    if (t1.type === 'name') return !(t1.value === 'in' || t1.value === 'instanceof' || t1.value === 'of') || t1.escaped || this.module;
    return isP(t1, '[') || isP(t1, '{');
  }

  parseParenExpr() {
    this.expectP('(');
    this.parseExpression(false);
    this.expectP(')');
  }

  parseBlock() {
    this.expectP('{');
    const outer = this.scope;
    this.pushScope('block');
    this.parseStatementsUntilBrace();
    this.scope = outer;
  }

  parseStatementsUntilBrace() {
    for (;;) {
      const t = this.cur();
      if (isP(t, '}')) { this.i++; return; }
      if (t.type === 'eof') this.unexpected(t);
      this.parseStatement(true);
    }
  }

  parseVarDecls(kind, noIn, out) {
    for (;;) {
      this.parseBinding(kind, out);
      if (this.isP('=')) {
        this.i++;
        this.parseAssign(noIn);
      }
      if (!this.isP(',')) return;
      this.i++;
    }
  }

  parseBinding(kind, out) {
    const t = this.cur();
    if (t.type === 'name') {
      this.checkBindingName(t);
      this.i++;
      this.declare(t, kind);
      if (out !== null) out.push(t);
      return;
    }
    if (isP(t, '[')) {
      this.i++;
      for (;;) {
        const e = this.cur();
        if (isP(e, ']')) { this.i++; return; }
        if (isP(e, ',')) { this.i++; continue; }
        if (isP(e, '...')) {
          this.i++;
          this.parseBinding(kind, out);
        } else {
          this.parseBinding(kind, out);
          if (this.isP('=')) { this.i++; this.parseAssign(false); }
        }
        if (!this.isP(']')) this.expectP(',');
      }
    }
    if (isP(t, '{')) {
      this.i++;
      for (;;) {
        const e = this.cur();
        if (isP(e, '}')) { this.i++; return; }
        if (isP(e, '...')) {
          this.i++;
          this.parseBinding(kind, out);
        } else {
          if (e.type === 'name' && !isP(this.tk(1), ':')) {
            this.parseBinding(kind, out);
          } else {
            this.parsePropertyName();
            this.expectP(':');
            this.parseBinding(kind, out);
          }
          if (this.isP('=')) { this.i++; this.parseAssign(false); }
        }
        if (!this.isP('}')) this.expectP(',');
      }
    }
    this.unexpected(t);
  }

  parseFor() {
    this.i++;
    let t = this.cur();
    if (isKw(t, 'await')) {
      if (this.ctx.async) {
        if (this.ctx.top) this.hasTLA = true;
      } else if (this.detect && this.ctx.top) {
        this.hasTLA = true;
      } else {
        this.unexpected(t);
      }
      this.i++;
    }
    this.expectP('(');
    const outer = this.scope;
    this.pushScope('block');
    t = this.cur();
    if (isKw(t, 'var') || isKw(t, 'const') || (isKw(t, 'let') && this.isLetDecl(this.tk(1)))) {
      this.i++;
      this.parseVarDecls(t.value, true, null);
    } else if (!isP(t, ';')) {
      const d = this.parseExpression(true);
      const n = this.cur();
      if (isKw(n, 'of') || isKw(n, 'in')) this.markTarget(d);
    }
    t = this.cur();
    if (isKw(t, 'of')) {
      this.i++;
      this.parseAssign(false);
    } else if (isKw(t, 'in')) {
      this.i++;
      this.parseExpression(false);
    } else {
      this.expectP(';');
      if (!this.isP(';')) this.parseExpression(false);
      this.expectP(';');
      if (!this.isP(')')) this.parseExpression(false);
    }
    this.expectP(')');
    this.parseStatement(false);
    this.scope = outer;
  }

  parseTry() {
    this.i++;
    this.parseBlock();
    if (isKw(this.cur(), 'catch')) {
      this.i++;
      const outer = this.scope;
      this.pushScope('block');
      let simple;
      if (this.isP('(')) {
        this.i++;
        const first = this.cur();
        const before = this.i;
        this.parseBinding('let', null);
        if (first.type === 'name' && this.i === before + 1) simple = first;
        this.expectP(')');
      }
      const brace = this.cur();
      this.expectP('{');
      // The caught value first goes through the loader's error normaliser (V8 wording and stack).
      if (simple !== undefined) this.insert(brace.end, `${this.P}error(${this.src.slice(simple.start, simple.end)});`);
      this.parseStatementsUntilBrace();
      this.scope = outer;
    }
    if (isKw(this.cur(), 'finally')) {
      this.i++;
      this.parseBlock();
    }
  }

  parseSwitch() {
    this.i++;
    this.parseParenExpr();
    this.expectP('{');
    const outer = this.scope;
    this.pushScope('block');
    for (;;) {
      const t = this.cur();
      if (isP(t, '}')) { this.i++; break; }
      if (isKw(t, 'case')) {
        this.i++;
        this.parseExpression(false);
        this.expectP(':');
      } else if (isKw(t, 'default')) {
        this.i++;
        this.expectP(':');
      } else {
        if (t.type === 'eof') this.unexpected(t);
        this.parseStatement(true);
      }
    }
    this.scope = outer;
  }

  // -- functions and classes

  // Returns { k: 'fn', anon, nameTok, parenTok, endTok }.
  parseFunction(isDecl, isAsync) {
    this.i++; // function
    let isGen = false;
    if (this.isP('*')) { isGen = true; this.i++; }
    let nameTok = null;
    const t = this.cur();
    if (t.type === 'name' && !isP(t, '(')) {
      this.checkBindingName(t);
      nameTok = t;
      this.i++;
      if (isDecl) this.declare(t, 'let');
    }
    const outerScope = this.scope;
    const outerCtx = this.ctx;
    this.pushScope('function');
    if (!isDecl && nameTok !== null) addName(this.scope, nameTok.value);
    this.ctx = { async: isAsync, gen: isGen, top: false, nt: true, ret: true, field: false };
    const parenTok = this.cur();
    this.parseParams();
    const endTok = this.parseFunctionBody();
    this.scope = outerScope;
    this.ctx = outerCtx;
    return { k: 'fn', anon: nameTok === null, nameTok, parenTok, endTok };
  }

  parseParams() {
    this.expectP('(');
    for (;;) {
      if (this.isP(')')) { this.i++; return; }
      if (this.isP('...')) {
        this.i++;
        this.parseBinding('let', null);
      } else {
        this.parseBinding('let', null);
        if (this.isP('=')) { this.i++; this.parseAssign(false); }
      }
      if (!this.isP(')')) this.expectP(',');
    }
  }

  parseFunctionBody() {
    this.expectP('{');
    const savedStart = this.stmtStart;
    for (;;) {
      const t = this.cur();
      if (isP(t, '}')) { this.i++; this.stmtStart = savedStart; return t; }
      if (t.type === 'eof') this.unexpected(t);
      this.parseStatement(true);
    }
  }

  parseMethod(isAsync, isGen) {
    const outerScope = this.scope;
    const outerCtx = this.ctx;
    this.pushScope('function');
    this.ctx = { async: isAsync, gen: isGen, top: false, nt: true, ret: true, field: false };
    this.parseParams();
    this.parseFunctionBody();
    this.scope = outerScope;
    this.ctx = outerCtx;
  }

  parseArrow(isAsync, single, noIn) {
    if (isAsync) this.i++;
    const outerScope = this.scope;
    const outerCtx = this.ctx;
    this.pushScope('function').arrow = true;
    this.ctx = { async: isAsync, gen: false, top: false, nt: outerCtx.nt, ret: true, field: false };
    if (single) this.parseBinding('let', null);
    else this.parseParams();
    const arrow = this.cur();
    if (!isP(arrow, '=>') || arrow.nl) this.unexpected(arrow);
    this.i++;
    if (this.isP('{')) this.parseFunctionBody();
    else this.parseAssign(noIn);
    this.scope = outerScope;
    this.ctx = outerCtx;
    return { k: 'fn', anon: true, nameTok: null, parenTok: null, endTok: null };
  }

  // Returns { k: 'fn', anon, nameTok, endTok }.
  parseClass(isDecl) {
    this.i++; // class
    let nameTok = null;
    const t = this.cur();
    if (t.type === 'name' && !isKw(t, 'extends')) {
      this.checkBindingName(t);
      nameTok = t;
      this.i++;
      if (isDecl) this.declare(t, 'let');
    }
    const outerScope = this.scope;
    this.pushScope('block');
    if (nameTok !== null) addName(this.scope, nameTok.value);
    if (isKw(this.cur(), 'extends')) {
      this.i++;
      this.parseLHS();
    }
    this.expectP('{');
    let endTok;
    for (;;) {
      const m = this.cur();
      if (isP(m, '}')) { endTok = m; this.i++; break; }
      if (m.type === 'eof') this.unexpected(m);
      this.parseClassMember();
    }
    this.scope = outerScope;
    return { k: 'fn', anon: nameTok === null, nameTok, parenTok: null, endTok };
  }

  isPropStart(t) {
    return t.type === 'name' || t.type === 'string' || t.type === 'num' || t.type === 'private' || isP(t, '[');
  }

  parseClassMember() {
    let t = this.cur();
    if (isP(t, ';')) { this.i++; return; }
    let isAsync = false;
    let isGen = false;
    if (isKw(t, 'static')) {
      const t1 = this.tk(1);
      if (isP(t1, '{')) {
        this.i++;
        this.parseInitializerContext(() => this.parseFunctionBody());
        return;
      }
      if (!(isP(t1, '(') || isP(t1, '=') || isP(t1, ';') || isP(t1, '}'))) {
        this.i++;
        t = this.cur();
      }
    }
    if (isKw(t, 'async')) {
      const t1 = this.tk(1);
      if (!t1.nl && (this.isPropStart(t1) || isP(t1, '*'))) {
        isAsync = true;
        this.i++;
        t = this.cur();
      }
    }
    if (isP(t, '*')) {
      isGen = true;
      this.i++;
      t = this.cur();
    }
    if (!isAsync && !isGen && (isKw(t, 'get') || isKw(t, 'set')) && this.isPropStart(this.tk(1))) {
      this.i++;
    }
    this.parsePropertyName();
    if (this.isP('(')) {
      this.parseMethod(isAsync, isGen);
      return;
    }
    if (isAsync || isGen) this.unexpected(this.cur());
    if (this.isP('=')) {
      this.i++;
      this.parseInitializerContext(() => this.parseAssign(false));
    }
    this.consumeSemicolon();
  }

  // Class field initializers and static blocks: a function-like scope without await/yield.
  parseInitializerContext(fn) {
    const outerScope = this.scope;
    const outerCtx = this.ctx;
    this.pushScope('function');
    this.ctx = { async: false, gen: false, top: false, nt: true, ret: false, field: true };
    fn();
    this.scope = outerScope;
    this.ctx = outerCtx;
  }

  parsePropertyName() {
    const t = this.cur();
    if (t.type === 'name' || t.type === 'string' || t.type === 'num' || t.type === 'private') {
      this.i++;
      return;
    }
    if (isP(t, '[')) {
      this.i++;
      this.parseAssign(false);
      this.expectP(']');
      return;
    }
    this.unexpected(t);
  }

  // -- expressions
  //
  // Expression parsers return a descriptor or null: { k: 'ref', r } for a plain identifier
  // reference, { k: 'arr' | 'obj', items } for literals that may turn out to be assignment
  // patterns, { k: 'fn', anon, … } for function and class definitions.

  parseExpression(noIn) {
    let d = this.parseAssign(noIn);
    while (this.isP(',')) {
      this.i++;
      this.parseAssign(noIn);
      d = null;
    }
    return d;
  }

  matchParen(j) {
    let depth = 0;
    for (;;) {
      const t = this.at(j);
      if (t.type === 'punct') {
        const v = t.value;
        if (v === '(' || v === '[' || v === '{') depth++;
        else if (v === ')' || v === ']' || v === '}') {
          depth--;
          if (depth === 0) return v === ')' ? j : -1;
          if (depth < 0) return -1;
        }
      } else if (t.type === 'template') {
        if (t.tpl === 'head') depth++;
        else if (t.tpl === 'tail') depth--;
      } else if (t.type === 'eof' || t.type === 'invalid') {
        return -1;
      }
      j++;
    }
  }

  isArrowAt(j) {
    const t = this.at(j);
    return t.type === 'punct' && t.value === '=>' && !t.nl;
  }

  parseAssign(noIn) {
    const t = this.cur();
    if (t.type === 'name') {
      if (!t.escaped) {
        if (t.value === 'yield' && this.ctx.gen) return this.parseYield(noIn);
        if (t.value === 'async') {
          const t1 = this.tk(1);
          if (!t1.nl) {
            if (t1.type === 'name' && !KEYWORDS.has(t1.value) && this.isArrowAt(this.i + 2)) return this.parseArrow(true, true, noIn);
            if (isP(t1, '(')) {
              const close = this.matchParen(this.i + 1);
              if (close >= 0 && this.isArrowAt(close + 1)) return this.parseArrow(true, false, noIn);
            }
          }
        }
      }
      if (!(KEYWORDS.has(t.value) && !t.escaped) && this.isArrowAt(this.i + 1)) return this.parseArrow(false, true, noIn);
    } else if (isP(t, '(')) {
      const close = this.matchParen(this.i);
      if (close >= 0 && this.isArrowAt(close + 1)) return this.parseArrow(false, false, noIn);
    }
    const left = this.parseConditional(noIn);
    const op = this.peekOp();
    if (op.type === 'punct' && ASSIGN_OPS.has(op.value)) {
      this.markTarget(left);
      this.i++;
      this.parseAssign(noIn);
      return null;
    }
    return left;
  }

  parseYield(noIn) {
    this.i++;
    const t = this.cur();
    if (t.nl) return null;
    if (isP(t, '*')) {
      this.i++;
      this.parseAssign(noIn);
      return null;
    }
    if (this.startsExpr(t)) this.parseAssign(noIn);
    return null;
  }

  parseConditional(noIn) {
    const d = this.parseBinary(0, noIn);
    if (this.isP('?')) {
      this.i++;
      this.parseAssign(false);
      this.expectP(':');
      this.parseAssign(noIn);
      return null;
    }
    return d;
  }

  binaryPrec(t, noIn) {
    if (t.type === 'punct') return BINARY_PREC.get(t.value) || 0;
    if (t.type === 'name' && !t.escaped) {
      if (t.value === 'instanceof') return 8;
      if (t.value === 'in') return noIn ? 0 : 8;
    }
    return 0;
  }

  parseBinary(minPrec, noIn) {
    let left = this.parseUnary();
    for (;;) {
      const t = this.peekOp();
      const prec = this.binaryPrec(t, noIn);
      if (prec === 0 || prec <= minPrec) return left;
      this.i++;
      this.parseBinary(t.value === '**' ? prec - 1 : prec, noIn);
      left = null;
    }
  }

  parseUnary() {
    const t = this.cur();
    if (t.type === 'punct') {
      switch (t.value) {
        case '!': case '~': case '+': case '-':
          this.i++;
          this.parseUnary();
          return null;
        case '++': case '--':
          this.i++;
          this.markTarget(this.parseUnary());
          return null;
        default:
          break;
      }
    } else if (t.type === 'name' && !t.escaped) {
      switch (t.value) {
        case 'typeof': case 'void':
          this.i++;
          this.parseUnary();
          return null;
        case 'delete': {
          this.i++;
          const operand = this.cur();
          const d = this.parseUnary();
          if (this.module && d !== null && d.k === 'ref' && d.r.tok === operand) {
            this.fail(operand, 'Delete of an unqualified identifier in strict mode.');
          }
          return null;
        }
        case 'await':
          if (this.ctx.async) {
            if (this.ctx.top) this.hasTLA = true;
            this.i++;
            this.parseUnary();
            return null;
          }
          if (this.module) this.fail(t, 'Unexpected reserved word');
          if (this.detect && this.ctx.top && this.looksLikeAwaitOperand(this.tk(1))) {
            this.hasTLA = true;
            this.i++;
            this.parseUnary();
            return null;
          }
          break;
        default:
          break;
      }
    }
    return this.parsePostfix();
  }

  // Script goal (module detection): is `await X` at the top level an await expression rather than an
  // identifier? Only when X cannot continue an expression that starts with the identifier `await`.
  looksLikeAwaitOperand(t) {
    if (t.nl) return false;
    switch (t.type) {
      case 'name': return t.escaped || !(t.value === 'in' || t.value === 'of' || t.value === 'instanceof');
      case 'num': case 'string': case 'private': return true;
      case 'punct': return t.value === '{' || t.value === '!' || t.value === '~';
      default: return false;
    }
  }

  parsePostfix() {
    const d = this.parseLHS();
    const t = this.cur();
    if (t.type === 'punct' && (t.value === '++' || t.value === '--') && !t.nl) {
      this.markTarget(d);
      this.i++;
      return null;
    }
    return d;
  }

  parseLHS() {
    const t = this.cur();
    const d = isKw(t, 'new') ? this.parseNew() : this.parsePrimary();
    return this.parseSubscripts(d, false);
  }

  parseNew() {
    const newTok = this.cur();
    this.i++;
    if (this.isP('.')) {
      this.i++;
      const m = this.cur();
      if (!isKw(m, 'target')) this.unexpected(m);
      if (this.module && !this.ctx.nt) this.fail(newTok, 'new.target expression is not allowed here');
      this.i++;
      return null;
    }
    const d = isKw(this.cur(), 'new') ? this.parseNew() : this.parsePrimary();
    this.parseSubscripts(d, true);
    if (this.isP('(')) this.parseArguments();
    return null;
  }

  parseSubscripts(d, noCall) {
    for (;;) {
      const t = this.cur();
      if (t.type === 'punct') {
        switch (t.value) {
          case '.': {
            this.i++;
            const n = this.cur();
            if (n.type !== 'name' && n.type !== 'private') this.unexpected(n);
            this.i++;
            d = null;
            continue;
          }
          case '?.': {
            if (noCall) return d;
            const n = this.tk(1);
            if (d !== null && d.k === 'ref' && isP(n, '(')) d.r.call = true;
            this.i++;
            if (isP(n, '(')) this.parseArguments();
            else if (isP(n, '[')) {
              this.i++;
              this.parseExpression(false);
              this.expectP(']');
            } else if (n.type === 'name' || n.type === 'private') this.i++;
            else this.unexpected(n);
            d = null;
            continue;
          }
          case '[':
            this.i++;
            this.parseExpression(false);
            this.expectP(']');
            d = null;
            continue;
          case '(':
            if (noCall) return d;
            if (d !== null && d.k === 'ref') d.r.call = true;
            this.parseArguments();
            d = null;
            continue;
          default:
            return d;
        }
      }
      if (t.type === 'template' && (t.tpl === 'full' || t.tpl === 'head')) {
        if (d !== null && d.k === 'ref') d.r.call = true;
        this.parseTemplate();
        d = null;
        continue;
      }
      return d;
    }
  }

  parseArguments() {
    this.expectP('(');
    for (;;) {
      if (this.isP(')')) { this.i++; return; }
      if (this.isP('...')) this.i++;
      this.parseAssign(false);
      if (!this.isP(')')) this.expectP(',');
    }
  }

  parseTemplate() {
    const t = this.cur();
    this.i++;
    if (t.tpl === 'full') return;
    for (;;) {
      this.parseExpression(false);
      const m = this.cur();
      if (m.type !== 'template' || (m.tpl !== 'middle' && m.tpl !== 'tail')) this.unexpected(m);
      this.i++;
      if (m.tpl === 'tail') return;
    }
  }

  parsePrimary() {
    let t = this.cur();
    switch (t.type) {
      case 'name':
        return this.parseNamePrimary(t);
      case 'num': case 'string': case 'regex':
        this.i++;
        return null;
      case 'template':
        if (t.tpl === 'full' || t.tpl === 'head') {
          this.parseTemplate();
          return null;
        }
        break;
      case 'private':
        if (isKw(this.tk(1), 'in')) {
          this.i++;
          return null;
        }
        break;
      case 'punct':
        switch (t.value) {
          case '(': return this.parseParen();
          case '[': return this.parseArrayLiteral();
          case '{': return this.parseObjectLiteral();
          case '/': case '/=':
            t = this.relex(true);
            if (t.type === 'regex') {
              this.i++;
              return null;
            }
            break;
          default:
            break;
        }
        break;
      default:
        break;
    }
    this.unexpected(t);
    return null;
  }

  parseNamePrimary(t) {
    const v = t.value;
    if (!t.escaped) {
      switch (v) {
        case 'function': return this.parseFunction(false, false);
        case 'class': return this.parseClass(false);
        case 'this': case 'null': case 'true': case 'false': case 'super':
          this.i++;
          return null;
        case 'new':
          return this.parseNew();
        case 'import':
          return this.parseImportExpression(t);
        case 'async': {
          const t1 = this.tk(1);
          if (isKw(t1, 'function') && !t1.nl) {
            this.i++;
            return this.parseFunction(false, true);
          }
          break;
        }
        default:
          if (KEYWORDS.has(v)) this.unexpected(t);
          if (this.module && (v === 'yield' || v === 'await')) this.unexpected(t);
      }
    } else if (KEYWORDS.has(v)) {
      this.unexpected(t);
    }
    const index = this.i;
    this.i++;
    return { k: 'ref', r: this.addRef(t, index) };
  }

  parseImportExpression(t) {
    const t1 = this.tk(1);
    if (isP(t1, '.')) {
      const t2 = this.tk(2);
      if (!isKw(t2, 'meta')) this.unexpected(t2);
      if (this.detect) this.hasModuleDecl = true;
      this.usesMeta = true;
      this.replace(t.start, t2.end, this.P + 'meta');
      this.i += 3;
      return null;
    }
    if (isP(t1, '(')) {
      this.usesDynamicImport = true;
      this.replace(t.start, t.end, this.P + 'dynamicImport');
      this.i++;
      this.parseArguments();
      return null;
    }
    this.unexpected(t1);
    return null;
  }

  parseParen() {
    this.i++;
    const d = this.parseExpression(false);
    this.expectP(')');
    return d !== null && (d.k === 'ref' || d.k === 'fn') ? d : null;
  }

  parseArrayLiteral() {
    this.i++;
    const items = [];
    for (;;) {
      const t = this.cur();
      if (isP(t, ']')) { this.i++; break; }
      if (isP(t, ',')) { this.i++; continue; }
      if (isP(t, '...')) this.i++;
      const d = this.parseAssign(false);
      if (d !== null) items.push(d);
      if (!this.isP(']')) this.expectP(',');
    }
    return { k: 'arr', items };
  }

  parseObjectLiteral() {
    this.i++;
    const items = [];
    for (;;) {
      let t = this.cur();
      if (isP(t, '}')) { this.i++; break; }
      if (isP(t, '...')) {
        this.i++;
        const d = this.parseAssign(false);
        if (d !== null) items.push(d);
      } else {
        let modified = false;
        let isAsync = false;
        let isGen = false;
        if (t.type === 'name' && !t.escaped) {
          const t1 = this.tk(1);
          if ((t.value === 'get' || t.value === 'set') && this.isPropStart(t1)) {
            modified = true;
            this.i++;
          } else if (t.value === 'async' && !t1.nl && (this.isPropStart(t1) || isP(t1, '*'))) {
            modified = true;
            isAsync = true;
            this.i++;
          }
        }
        if (this.isP('*')) {
          modified = true;
          isGen = true;
          this.i++;
        }
        t = this.cur();
        const keyIndex = this.i;
        this.parsePropertyName();
        const n = this.cur();
        if (isP(n, '(')) {
          this.parseMethod(isAsync, isGen);
        } else if (modified) {
          this.unexpected(n);
        } else if (isP(n, ':')) {
          this.i++;
          const d = this.parseAssign(false);
          if (d !== null) items.push(d);
        } else if (t.type === 'name' && (isP(n, ',') || isP(n, '}') || isP(n, '='))) {
          if (KEYWORDS.has(t.value) && !t.escaped) this.unexpected(t);
          if (this.module && (t.value === 'await' || t.value === 'yield')) this.unexpected(t);
          const r = this.addRef(t, keyIndex);
          r.short = true;
          if (isP(n, '=')) { // CoverInitializedName: only valid in an assignment pattern
            r.write = true;
            this.i++;
            this.parseAssign(false);
          } else {
            items.push({ k: 'ref', r });
          }
        } else {
          this.unexpected(n);
        }
      }
      if (!this.isP('}')) this.expectP(',');
    }
    return { k: 'obj', items };
  }

  // -- module declarations

  request(specTok, attributes) {
    const specifier = stringValue(specTok.value);
    const keys = Object.keys(attributes).sort();
    let key = specifier;
    for (const k of keys) key += `\u0000${k}\u0000${attributes[k]}`;
    let req = this.requestKeys.get(key);
    if (req === undefined) {
      req = { index: this.requests.length, specifier, attributes, names: [], namespace: false, bound: false };
      this.requests.push(req);
      this.requestKeys.set(key, req);
    }
    return req;
  }

  requestName(req, name) {
    req.bound = true;
    if (!req.names.includes(name)) req.names.push(name);
  }

  parseAttributes() {
    const t = this.cur();
    const attributes = Object.create(null);
    if ((isKw(t, 'with') || (isKw(t, 'assert') && !t.nl)) && isP(this.tk(1), '{')) {
      this.i += 2;
      for (;;) {
        const k = this.cur();
        if (isP(k, '}')) { this.i++; break; }
        let key;
        if (k.type === 'name') key = k.value;
        else if (k.type === 'string') key = stringValue(k.value);
        else this.unexpected(k);
        this.i++;
        this.expectP(':');
        const v = this.cur();
        if (v.type !== 'string') this.unexpected(v);
        this.i++;
        if (Object.prototype.hasOwnProperty.call(attributes, key)) this.fail(k, `Import attribute has duplicate key '${key}'`);
        attributes[key] = stringValue(v.value);
        if (!this.isP('}')) this.expectP(',');
      }
    }
    return attributes;
  }

  moduleSpecifier() {
    const t = this.cur();
    if (t.type !== 'string') this.unexpected(t);
    this.i++;
    return t;
  }

  // The name in an import/export specifier: an IdentifierName or a string literal.
  moduleExportName(t) {
    if (t.type === 'name') return t.value;
    if (t.type === 'string') {
      const s = stringValue(t.value);
      if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s)) {
        this.fail(t, 'Invalid module export name: contains unpaired surrogate');
      }
      return s;
    }
    this.unexpected(t);
    return '';
  }

  parseImportDecl() {
    const start = this.cur();
    this.i++;
    this.hasModuleDecl = true;
    const bindings = [];
    let t = this.cur();
    let specTok;
    if (t.type === 'string') {
      specTok = t;
      this.i++;
    } else {
      if (t.type === 'name') {
        this.checkBindingName(t);
        bindings.push({ tok: t, name: 'default', ns: false });
        this.i++;
        if (this.isP(',')) {
          this.i++;
          t = this.cur();
        } else {
          t = null;
        }
      }
      if (t !== null) {
        if (isP(t, '*')) {
          this.i++;
          this.expectName('as');
          const local = this.cur();
          this.checkBindingName(local);
          this.i++;
          bindings.push({ tok: local, name: '*', ns: true });
        } else if (isP(t, '{')) {
          this.i++;
          for (;;) {
            const n = this.cur();
            if (isP(n, '}')) { this.i++; break; }
            const imported = this.moduleExportName(n);
            this.i++;
            let local = n;
            if (isKw(this.cur(), 'as')) {
              this.i++;
              local = this.cur();
              this.i++;
            }
            if (local.type === 'string' || (local.type === 'name' && KEYWORDS.has(local.value) && !local.escaped)) {
              this.fail(local, 'Unexpected reserved word');
            }
            this.checkBindingName(local);
            bindings.push({ tok: local, name: imported, ns: false });
            if (!this.isP('}')) this.expectP(',');
          }
        } else {
          this.unexpected(t);
        }
      }
      this.expectName('from');
      specTok = this.moduleSpecifier();
    }
    const attributes = this.parseAttributes();
    this.consumeSemicolon();
    const end = this.toks[this.i - 1].end;
    const req = this.request(specTok, attributes);
    for (const b of bindings) {
      const name = b.tok.value;
      if (this.importBindings.has(name) || this.topNames.has(name)) this.fail(b.tok, `Identifier '${name}' has already been declared`);
      this.importBindings.set(name, { req, name: b.name, ns: b.ns });
      if (b.ns) {
        req.namespace = true;
        req.bound = true;
      } else {
        this.requestName(req, b.name);
      }
    }
    this.blank(start.start, end, true);
  }

  addExport(name, entry, tok) {
    if (this.exports.has(name)) this.fail(tok, `Duplicate export of '${name}'`);
    entry.tok = tok;
    this.exports.set(name, entry);
  }

  parseExportDecl() {
    const exp = this.cur();
    this.i++;
    this.hasModuleDecl = true;
    const t = this.cur();
    if (isP(t, '*')) {
      this.i++;
      let asTok = null;
      if (isKw(this.cur(), 'as')) {
        this.i++;
        asTok = this.cur();
        this.moduleExportName(asTok);
        this.i++;
      }
      this.expectName('from');
      const specTok = this.moduleSpecifier();
      const attributes = this.parseAttributes();
      this.consumeSemicolon();
      const req = this.request(specTok, attributes);
      if (asTok !== null) {
        req.namespace = true;
        req.bound = true;
        this.addExport(this.moduleExportName(asTok), { kind: 'namespace', req }, asTok);
      } else if (!this.starExports.includes(req.index)) {
        this.starExports.push(req.index);
      }
      this.blank(exp.start, this.toks[this.i - 1].end, true);
      return;
    }
    if (isP(t, '{')) {
      this.i++;
      const specs = [];
      for (;;) {
        const l = this.cur();
        if (isP(l, '}')) { this.i++; break; }
        this.moduleExportName(l);
        this.i++;
        let e = l;
        if (isKw(this.cur(), 'as')) {
          this.i++;
          e = this.cur();
          this.moduleExportName(e);
          this.i++;
        }
        specs.push({ l, e });
        if (!this.isP('}')) this.expectP(',');
      }
      if (isKw(this.cur(), 'from')) {
        this.i++;
        const specTok = this.moduleSpecifier();
        const attributes = this.parseAttributes();
        this.consumeSemicolon();
        const req = this.request(specTok, attributes);
        req.bound = true;
        for (const { l, e } of specs) {
          const imported = this.moduleExportName(l);
          this.requestName(req, imported);
          this.addExport(this.moduleExportName(e), { kind: 'indirect', req, name: imported }, e);
        }
      } else {
        this.consumeSemicolon();
        for (const { l, e } of specs) {
          if (l.type === 'string' || (KEYWORDS.has(l.value) && !l.escaped)) this.fail(l, 'Unexpected reserved word');
          this.addExport(this.moduleExportName(e), { kind: 'local', local: l.value, ref: l }, e);
        }
      }
      this.blank(exp.start, this.toks[this.i - 1].end, true);
      return;
    }
    if (isKw(t, 'default')) {
      this.i++;
      const n = this.cur();
      const n1 = this.tk(1);
      const P = this.P;
      if (isKw(n, 'function') || (isKw(n, 'async') && isKw(n1, 'function') && !n1.nl)) {
        const isAsync = n.value === 'async';
        if (isAsync) this.i++;
        const info = this.parseFunctionDeclarationForDefault(isAsync);
        this.blank(exp.start, t.end, false);
        if (info.nameTok !== null) {
          this.addExport('default', { kind: 'local', local: info.nameTok.value }, t);
        } else {
          this.insert(info.parenTok.start, ` ${P}default`);
          this.defaultFnName = true;
          this.addExport('default', { kind: 'local', local: `${P}default` }, t);
        }
        return;
      }
      if (isKw(n, 'class')) {
        const info = this.parseClass(true);
        if (info.nameTok !== null) {
          this.blank(exp.start, t.end, false);
          this.addExport('default', { kind: 'local', local: info.nameTok.value }, t);
        } else {
          this.replace(exp.start, t.end, `const ${P}default = {default:`);
          this.insert(info.endTok.end, '}.default;');
          this.addExport('default', { kind: 'local', local: `${P}default` }, t);
        }
        return;
      }
      const d = this.parseAssign(false);
      const last = this.toks[this.i - 1];
      const hadSemicolon = this.isP(';');
      this.consumeSemicolon();
      if (d !== null && d.k === 'fn' && d.anon) {
        this.replace(exp.start, t.end, `const ${P}default = {default:`);
        this.insert(last.end, hadSemicolon ? '}.default' : '}.default;');
      } else {
        this.replace(exp.start, t.end, `const ${P}default =`);
        if (!hadSemicolon) this.insert(last.end, ';');
      }
      this.addExport('default', { kind: 'local', local: `${P}default` }, t);
      return;
    }
    if (isKw(t, 'var') || isKw(t, 'const') || (isKw(t, 'let') && this.isLetDecl(this.tk(1)))) {
      this.i++;
      const names = [];
      this.parseVarDecls(t.value, false, names);
      this.consumeSemicolon();
      for (const nameTok of names) this.addExport(nameTok.value, { kind: 'local', local: nameTok.value }, nameTok);
      this.blank(exp.start, exp.end, false);
      return;
    }
    if (isKw(t, 'function') || (isKw(t, 'async') && isKw(this.tk(1), 'function') && !this.tk(1).nl)) {
      if (t.value === 'async') this.i++;
      const after = this.tk(1);
      if (isP(after, '(') || (isP(after, '*') && isP(this.tk(2), '('))) {
        this.fail(isP(after, '(') ? after : this.tk(2), 'Function statements require a function name');
      }
      const info = this.parseFunction(true, t.value === 'async');
      this.addExport(info.nameTok.value, { kind: 'local', local: info.nameTok.value }, info.nameTok);
      this.blank(exp.start, exp.end, false);
      return;
    }
    if (isKw(t, 'class')) {
      if (!(this.tk(1).type === 'name' && !isKw(this.tk(1), 'extends'))) this.unexpected(this.tk(1));
      const info = this.parseClass(true);
      this.addExport(info.nameTok.value, { kind: 'local', local: info.nameTok.value }, info.nameTok);
      this.blank(exp.start, exp.end, false);
      return;
    }
    this.unexpected(t);
  }

  // `export default function [name] (…) {…}`: a hoisted declaration; an anonymous one is bound to
  // `${P}default` (and renamed "default" during instantiation).
  parseFunctionDeclarationForDefault(isAsync) {
    const t1 = this.tk(1);
    const nameIsNext = t1.type === 'name' || (isP(t1, '*') && this.tk(2).type === 'name');
    if (nameIsNext) return this.parseFunction(true, isAsync);
    return this.parseFunction(false, isAsync);
  }

  checkExports() {
    for (const [, entry] of this.exports) {
      if (entry.kind !== 'local' || entry.ref === undefined) continue;
      const name = entry.local;
      if (!this.topNames.has(name) && !this.importBindings.has(name)) {
        this.fail(entry.ref, `Export '${name}' is not defined in module`);
      }
    }
  }

  // -- edits

  replace(start, end, text) {
    // Keep every line break of the replaced range.
    let breaks = '';
    for (let i = start; i < end; i++) {
      const c = this.src.charCodeAt(i);
      if (isLineTerminator(c)) breaks += this.src[i];
    }
    this.edits.push({ start, end, text: text + breaks });
  }

  insert(pos, text) {
    this.edits.push({ start: pos, end: pos, text });
  }

  // Replaces a range by spaces, keeping line breaks; `semicolon` puts a `;` first so that the
  // statements around a removed declaration never run together.
  blank(start, end, semicolon) {
    const src = this.src;
    let out = semicolon ? ';' : '';
    let run = 0;
    for (let i = start + (semicolon ? 1 : 0); i < end; i++) {
      const c = src.charCodeAt(i);
      if (isLineTerminator(c)) {
        out += ' '.repeat(run) + src[i];
        run = 0;
      } else if (c >= 0xDC00 && c <= 0xDFFF && i > start && src.charCodeAt(i - 1) >= 0xD800 && src.charCodeAt(i - 1) <= 0xDBFF) {
        // second half of a surrogate pair: one column
      } else {
        run++;
      }
    }
    out += ' '.repeat(run);
    this.edits.push({ start, end, text: out });
  }
}
Object.setPrototypeOf(Parser.prototype, null);

// ---------------------------------------------------------------------------------------------
// transform

function chooseprefix(source) {
  if (source.indexOf('$se$') < 0) return '$se$';
  for (let n = 1; ; n++) {
    const p = `$se${n}$`;
    if (source.indexOf(p) < 0) return p;
  }
}

const IDENTIFIER_NAME_RE = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*$/u;

function propertyAccess(name) {
  return IDENTIFIER_NAME_RE.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

function propertyKey(name) {
  return name === '__proto__' ? '["__proto__"]' : JSON.stringify(name);
}

function insideFunction(scope, moduleScope) {
  for (let s = scope; s !== moduleScope; s = s.parent) {
    if (s.kind === 'function' && !s.arrow) return true;
  }
  return false;
}

function shadowed(ref, moduleScope) {
  const name = ref.tok.value;
  for (let s = ref.scope; s !== moduleScope; s = s.parent) {
    if (s.names !== null && s.names.has(name)) return true;
  }
  return false;
}

function transform(source, options) {
  if (typeof source !== 'string') source = String(source);
  const filename = options && options.filename !== undefined ? String(options.filename) : '<anonymous>';
  const p = new Parser(source, filename, 'module');
  const P = chooseprefix(source);
  p.P = P;
  p.parseProgram();

  const nsVar = (req) => `${P}n${req.index}`;
  // A global the prologue uses, unless the module declares its own binding of that name.
  const intrinsic = (name) => {
    if (!p.topNames.has(name) && !p.importBindings.has(name)) return name;
    return name === 'Object' ? '(({}).constructor)' : '((()=>{try{null.x}catch(e){return e.constructor}})())';
  };
  const importRead = (binding) => (binding.ns ? nsVar(binding.req) : nsVar(binding.req) + propertyAccess(binding.name));

  // References to imported bindings (and to `arguments` outside any function, which must not
  // see the module function's own arguments).
  const written = new Map();
  for (const r of p.refs) {
    const name = r.tok.value;
    if (name === 'arguments') {
      if (!insideFunction(r.scope, p.moduleScope)) p.edits.push({ start: r.tok.start, end: r.tok.end, text: `${P}arguments` });
      continue;
    }
    const binding = p.importBindings.get(name);
    if (binding === undefined || shadowed(r, p.moduleScope)) continue;
    let text;
    if (r.write) {
      written.set(name, binding);
      text = `${P}w${propertyAccess(name)}`;
    } else if (binding.ns) {
      continue; // namespace imports are real const bindings
    } else {
      text = importRead(binding);
      if (r.call) text = `${r.stmt ? ';' : ''}(0,${text})`;
    }
    if (r.short) text = `${name === '__proto__' ? '["__proto__"]' : name}: ${text}`;
    p.edits.push({ start: r.tok.start, end: r.tok.end, text });
  }

  // Hashbang → line comment.
  const hashbang = hashbangStart(source);
  if (hashbang >= 0) p.edits.push({ start: hashbang, end: hashbang + 2, text: '//' });

  // The prologue (instantiation), all on line 1.
  let prologue = '"use strict";';
  const decls = [];
  for (const req of p.requests) {
    if (req.bound) decls.push(`${nsVar(req)}=${P}import(${req.index})`);
  }
  for (const [local, binding] of p.importBindings) {
    if (binding.ns) decls.push(`${local}=${nsVar(binding.req)}`);
  }
  if (decls.length > 0) prologue += `const ${decls.join(',')};`;
  if (written.size > 0) {
    const members = [];
    for (const [local, binding] of written) {
      const key = propertyKey(local);
      members.push(`get ${key}(){return ${importRead(binding)}}`);
      members.push(`set ${key}(v){throw new ${intrinsic('TypeError')}("Assignment to constant variable.")}`);
    }
    prologue += `const ${P}w={${members.join(',')}};`;
  }
  const getters = ['__proto__:null'];
  const exportNames = [];
  for (const [name, entry] of p.exports) {
    exportNames.push(name);
    let value;
    if (entry.kind === 'local') {
      const binding = p.importBindings.get(entry.local);
      value = binding !== undefined ? importRead(binding) : entry.local;
    } else if (entry.kind === 'indirect') {
      value = nsVar(entry.req) + propertyAccess(entry.name);
    } else {
      value = nsVar(entry.req);
    }
    getters.push(`${propertyKey(name)}:()=>${value}`);
  }
  prologue += `${P}export({${getters.join(',')}});`;
  if (p.defaultFnName) prologue += `${intrinsic('Object')}.defineProperty(${P}default,"name",{ __proto__: null,value:"default"});`;
  prologue += 'yield;';

  // Apply the edits.
  const edits = p.edits.sort((a, b) => a.start - b.start || a.end - b.end);
  let body = '';
  let pos = 0;
  for (const e of edits) {
    if (e.start < pos) throw new Error(`esm_transform: overlapping edits at ${e.start} in ${filename}`);
    body += source.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  body += source.slice(pos);

  const head = `(${p.hasTLA ? 'async ' : ''}function* (${P}import, ${P}export, ${P}meta, ${P}dynamicImport, ${P}error) {`;
  return {
    code: `${head}${prologue}${body}\n})`,
    lineOneOffset: head.length + prologue.length,
    // What moved columns: [{ start, end, added }] in source order (ranges within one line).
    edits: edits.filter((e) => !hasLineTerminator(source, e.start, e.end)).map((e) => ({ start: e.start, end: e.end, added: e.text.length })),
    imports: p.requests.map((req) => ({
      specifier: req.specifier,
      attributes: Object.assign({}, req.attributes),
      names: req.names.slice(),
      namespace: req.namespace,
    })),
    exportNames,
    starExports: p.starExports.slice(),
    hasTopLevelAwait: p.hasTLA,
    usesImportMeta: p.usesMeta,
    usesDynamicImport: p.usesDynamicImport,
  };
}

// ---------------------------------------------------------------------------------------------
// Module syntax detection

function scanModuleSyntax(source) {
  const lx = new Lexer(source);
  const toks = [];
  for (;;) {
    const t = lx.next();
    if (t.type === 'eof') break;
    if (t.type !== 'invalid') toks.push(t);
  }
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k];
    if (t.type !== 'name' || t.escaped || (t.value !== 'import' && t.value !== 'export')) continue;
    const prev = k > 0 ? toks[k - 1] : null;
    if (prev !== null && (isP(prev, '.') || isP(prev, '?.'))) continue;
    const n = toks[k + 1];
    if (n === undefined) continue;
    if (t.value === 'import') {
      if (isP(n, '.') && toks[k + 2] !== undefined && isKw(toks[k + 2], 'meta')) return true;
      if (n.type === 'string' || isP(n, '{') || isP(n, '*') || (n.type === 'name' && !isP(n, '('))) return true;
    } else if (isP(n, '{') || isP(n, '*') || n.type === 'name') {
      return true;
    }
  }
  return false;
}

function hasModuleSyntax(source) {
  if (typeof source !== 'string') source = String(source);
  try {
    const p = new Parser(source, '<detect>', 'detect');
    p.parseProgram();
    return p.hasModuleDecl || p.usesMeta || p.hasTLA;
  } catch {
    return scanModuleSyntax(source);
  }
}

// ---------------------------------------------------------------------------------------------
// CommonJS named exports (in the spirit of cjs-module-lexer)

function detectCjsExports(source) {
  if (typeof source !== 'string') source = String(source);
  const lx = new Lexer(source);
  const toks = [];
  for (;;) {
    const t = lx.next();
    if (t.type === 'eof') break;
    if (t.type !== 'invalid') toks.push(t);
  }
  const n = toks.length;
  const exportsSet = new Set();
  const reexports = [];
  const requireVars = new Map();
  const P = (k, v) => k < n && isP(toks[k], v);
  const N = (k, v) => k < n && isKw(toks[k], v);
  const S = (k) => k < n && toks[k].type === 'string';
  const notMember = (k) => !(k > 0 && (isP(toks[k - 1], '.') || isP(toks[k - 1], '?.')));
  const addReexport = (spec) => { if (!reexports.includes(spec)) reexports.push(spec); };
  // require ( 'x' ) at k → specifier or null
  const requireAt = (k) => (N(k, 'require') && P(k + 1, '(') && S(k + 2) && P(k + 3, ')') ? stringValue(toks[k + 2].value) : null);

  // `.name =` or `['name'] =` after an exports object ending at k-1; returns the name or null.
  const memberAssign = (k) => {
    if (P(k, '.') && k + 1 < n && toks[k + 1].type === 'name' && P(k + 2, '=')) return toks[k + 1].value;
    if (P(k, '[') && S(k + 1) && P(k + 2, ']') && P(k + 3, '=')) return stringValue(toks[k + 1].value);
    return null;
  };
  // The descriptor of Object.defineProperty(exports, 'name', DESCRIPTOR) at k: only
  // `{ [enumerable: true,] value: … }` and a getter that returns an identifier or member
  // (`get: function [name]() { return x.y; }`, `get() { return x; }`) count, as they cannot run
  // arbitrary code.
  const definesPlainExport = (k) => {
    if (!P(k, '{')) return false;
    k++;
    if (N(k, 'enumerable') && P(k + 1, ':') && N(k + 2, 'true') && P(k + 3, ',')) k += 4;
    if (N(k, 'value') && P(k + 1, ':')) return true;
    if (!N(k, 'get')) return false;
    k++;
    if (P(k, ':') && N(k + 1, 'function')) {
      k += 2;
      if (k < n && toks[k].type === 'name' && !P(k, '(')) k++;
    }
    if (!(P(k, '(') && P(k + 1, ')') && P(k + 2, '{') && N(k + 3, 'return'))) return false;
    k += 4;
    if (!(k < n && toks[k].type === 'name')) return false;
    k++;
    if (P(k, '.') && k + 1 < n && toks[k + 1].type === 'name') k += 2;
    else if (P(k, '[') && S(k + 1) && P(k + 2, ']')) k += 3;
    if (P(k, ';')) k++;
    return P(k, '}');
  };
  // The callback of Babel's re-export loop `Object.keys(_x).forEach(function (key) { … })` at k:
  // its body must copy each key into exports (`exports[key] =` or
  // `Object.defineProperty(exports, key, …)`).
  const copiesIntoExports = (k) => {
    let key;
    if (N(k, 'function')) {
      k++;
      if (k < n && toks[k].type === 'name') k++;
      if (!P(k, '(') || !(k + 1 < n && toks[k + 1].type === 'name') || !P(k + 2, ')')) return false;
      key = toks[k + 1].value;
      k += 3;
    } else if (P(k, '(') && k + 1 < n && toks[k + 1].type === 'name' && P(k + 2, ')') && P(k + 3, '=>')) {
      key = toks[k + 1].value;
      k += 4;
    } else if (k < n && toks[k].type === 'name' && P(k + 1, '=>')) {
      key = toks[k].value;
      k += 2;
    } else {
      return false;
    }
    if (!P(k, '{')) return false;
    for (let depth = 0; k < n; k++) {
      if (P(k, '{')) depth++;
      else if (P(k, '}') && --depth === 0) return false;
      else if (N(k, 'exports') && notMember(k) && P(k + 1, '[') && N(k + 2, key) && P(k + 3, ']') && P(k + 4, '=')) return true;
      else if (N(k, 'defineProperty') && P(k + 1, '(') && N(k + 2, 'exports') && P(k + 3, ',') && N(k + 4, key)) return true;
    }
    return false;
  };
  // module.exports = { … }
  const objectLiteral = (k) => {
    k++;
    while (k < n) {
      if (P(k, '}')) return;
      if (P(k, '...')) {
        const spec = requireAt(k + 1);
        if (spec !== null) { addReexport(spec); k += 5; } else return;
      } else if (toks[k].type === 'name' && (P(k + 1, ',') || P(k + 1, '}'))) {
        exportsSet.add(toks[k].value);
        k++;
      } else if ((toks[k].type === 'name' || S(k)) && P(k + 1, ':')) {
        // The key counts when its value starts with an identifier; a value other than a plain
        // identifier ends the detection.
        const j = k + 2;
        if (!(j < n && toks[j].type === 'name')) return;
        exportsSet.add(toks[k].type === 'name' ? toks[k].value : stringValue(toks[k].value));
        if (!(P(j + 1, ',') || P(j + 1, '}'))) return;
        k = j + 1;
      } else {
        return;
      }
      if (P(k, ',')) k++;
    }
  };

  for (let k = 0; k < n; k++) {
    const t = toks[k];
    if (t.type !== 'name' || t.escaped) continue;
    switch (t.value) {
      case 'exports': {
        if (!notMember(k)) break;
        const name = memberAssign(k + 1);
        if (name !== null) exportsSet.add(name);
        break;
      }
      case 'module': {
        if (!notMember(k) || !P(k + 1, '.') || !N(k + 2, 'exports')) break;
        const name = memberAssign(k + 3);
        if (name !== null) {
          exportsSet.add(name);
        } else if (P(k + 3, '=')) {
          const spec = requireAt(k + 4);
          if (spec !== null) addReexport(spec);
          else if (P(k + 4, '{')) objectLiteral(k + 4);
        }
        break;
      }
      case 'Object': {
        if (!notMember(k) || !P(k + 1, '.')) break;
        if (N(k + 2, 'defineProperty') && P(k + 3, '(')) {
          let j = k + 4;
          if (N(j, 'exports')) j++;
          else if (N(j, 'module') && P(j + 1, '.') && N(j + 2, 'exports')) j += 3;
          else break;
          if (P(j, ',') && S(j + 1) && P(j + 2, ',') && definesPlainExport(j + 3)) exportsSet.add(stringValue(toks[j + 1].value));
        } else if (N(k + 2, 'keys') && P(k + 3, '(') && k + 4 < n && toks[k + 4].type === 'name' && P(k + 5, ')') &&
          P(k + 6, '.') && N(k + 7, 'forEach') && P(k + 8, '(')) {
          const spec = requireVars.get(toks[k + 4].value);
          if (spec !== undefined && copiesIntoExports(k + 9)) addReexport(spec);
        }
        break;
      }
      case '__export': case '__exportStar': {
        if (P(k + 1, '(')) {
          const spec = requireAt(k + 2);
          if (spec !== null) addReexport(spec);
        }
        break;
      }
      default: {
        // `name = require('x')` / `name = _interopRequireWildcard(require('x'))`, remembered for
        // Babel's `Object.keys(name).forEach(…)` re-export loops.
        if (P(k + 1, '=') && notMember(k)) {
          let spec = requireAt(k + 2);
          if (spec === null && k + 2 < n && toks[k + 2].type === 'name' && P(k + 3, '(')) spec = requireAt(k + 4);
          if (spec !== null) requireVars.set(t.value, spec);
        }
      }
    }
  }
  return { exports: [...exportsSet], reexports };
}

module.exports = { transform, hasModuleSyntax, detectCjsExports, tokenize };

// The compiler's own objects inherit nothing: setters guest code adds to Object.prototype
// (`exports`, `type`, …) must not see their fields being set.
Object.setPrototypeOf(Lexer.prototype, null);
Object.setPrototypeOf(Parser.prototype, null);
