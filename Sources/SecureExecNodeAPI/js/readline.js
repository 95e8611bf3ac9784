'use strict';
// The `readline` module as in Node 22: Interface over a Readable-like input ('data'/'end'
// events, pause/resume), 'line' events with Node's line splitting (\n, \r\n, lone \r, and a
// \r\n split across chunks within crlfDelay), question(), prompt(), pause/resume/close events,
// the async iterator over lines, and the cursor helpers writing ANSI sequences.
//
// The sandbox has no TTY: the input is never in raw mode, so interfaces are normally
// non-terminal (`terminal` is taken from output.isTTY, as in Node). An explicit
// `terminal: true` is honoured with a reduced line editor (printable input, backspace/delete,
// cursor left/right/home/end, history up/down, Ctrl+A/E/U/K/W/C/D, enter) on keypress events;
// tab completion, kill ring, undo/redo and word motions are not implemented.
// History is kept only in terminal mode, like Node.

const EventEmitter = require('events');
const {
  codes: {
    ERR_INVALID_ARG_VALUE,
    ERR_INVALID_CURSOR_POS,
    ERR_USE_AFTER_CLOSE,
  },
} = require('internal/errors');
const {
  validateAbortSignal,
  validateArray,
  validateFunction,
  validateNumber,
  validateString,
  validateUint32,
} = require('internal/validators');
const { StringDecoder } = require('string_decoder');

const kHistorySize = 30;
const kMinCrlfDelay = 100;
const kEscapeCodeTimeout = 500;
// \r\n, \n, or a \r not followed by \n.
const lineEnding = /\r?\n|\r(?!\n)/g;

const kDecoder = Symbol('_decoder');
const kLineBuffer = Symbol('_line_buffer');
const kOldPrompt = Symbol('_oldPrompt');
const kPreviousKey = Symbol('_previousKey');
const kPrompt = Symbol('_prompt');
const kQuestionCallback = Symbol('_questionCallback');
const kSawKeyPress = Symbol('_sawKeyPress');
const kSawReturnAt = Symbol('_sawReturnAt');
const kLineObjectStream = Symbol('line object stream');
const kQuestion = Symbol('_question');
const kQuestionCancel = Symbol('_questionCancel');
const kOnLine = Symbol('_onLine');
const kNormalWrite = Symbol('_normalWrite');
const kTtyWrite = Symbol('_ttyWrite');
const kWriteToOutput = Symbol('_writeToOutput');
const kRefreshLine = Symbol('_refreshLine');
const kAddHistory = Symbol('_addHistory');
const kSetRawMode = Symbol('_setRawMode');
const kInsertString = Symbol('_insertString');
const kLine = Symbol('_line');
const kQuestionReject = Symbol('_questionReject');
const kMoveCursor = Symbol('_moveCursor');
const kGetDisplayPos = Symbol('_getDisplayPos');
let inspectModule;

// ---------------------------------------------------------------------------------------------
// ANSI cursor helpers

const kEscape = '\x1b';
const CSI = (strings, ...args) => {
  let out = `${kEscape}[`;
  for (let i = 0; i < args.length; i++) out += strings[i] + args[i];
  return out + strings[strings.length - 1];
};
CSI.kClearToLineBeginning = `${kEscape}[1K`;
CSI.kClearToLineEnd = `${kEscape}[0K`;
CSI.kClearLine = `${kEscape}[2K`;
CSI.kClearScreenDown = `${kEscape}[0J`;

function finish(stream, data, callback) {
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (stream == null) {
    if (typeof callback === 'function') process.nextTick(callback, null);
    return true;
  }
  return stream.write(data, callback);
}

function cursorTo(stream, x, y, callback) {
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (typeof y === 'function') {
    callback = y;
    y = undefined;
  }
  if (Number.isNaN(x)) throw new ERR_INVALID_ARG_VALUE('x', x);
  if (Number.isNaN(y)) throw new ERR_INVALID_ARG_VALUE('y', y);
  if (stream == null || (typeof x !== 'number' && typeof y !== 'number')) {
    if (typeof callback === 'function') process.nextTick(callback, null);
    return true;
  }
  if (typeof x !== 'number') throw new ERR_INVALID_CURSOR_POS();
  const data = typeof y !== 'number' ? CSI`${x + 1}G` : CSI`${y + 1};${x + 1}H`;
  return stream.write(data, callback);
}

function moveCursor(stream, dx, dy, callback) {
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (stream == null || !(dx || dy)) {
    if (typeof callback === 'function') process.nextTick(callback, null);
    return true;
  }
  let data = '';
  if (dx < 0) data += CSI`${-dx}D`;
  else if (dx > 0) data += CSI`${dx}C`;
  if (dy < 0) data += CSI`${-dy}A`;
  else if (dy > 0) data += CSI`${dy}B`;
  return stream.write(data, callback);
}

// dir < 0: to the left of the cursor; dir > 0: to the right; 0: the whole line.
function clearLine(stream, dir, callback) {
  const data = dir < 0 ? CSI.kClearToLineBeginning : dir > 0 ? CSI.kClearToLineEnd : CSI.kClearLine;
  return finish(stream, data, callback);
}

function clearScreenDown(stream, callback) {
  return finish(stream, CSI.kClearScreenDown, callback);
}

// ---------------------------------------------------------------------------------------------
// Keypress decoding (emitKeypressEvents)

const kKeypressDecoder = Symbol('keypress-decoder');
const kEscapeDecoder = Symbol('escape-decoder');

const kCsiKeys = {
  A: 'up', B: 'down', C: 'right', D: 'left', E: 'clear', F: 'end', H: 'home',
  P: 'f1', Q: 'f2', R: 'f3', S: 'f4',
  '1~': 'home', '2~': 'insert', '3~': 'delete', '4~': 'end', '5~': 'pageup', '6~': 'pagedown',
  '7~': 'home', '8~': 'end', '11~': 'f1', '12~': 'f2', '13~': 'f3', '14~': 'f4', '15~': 'f5',
  '17~': 'f6', '18~': 'f7', '19~': 'f8', '20~': 'f9', '21~': 'f10', '23~': 'f11', '24~': 'f12',
  Z: 'tab',
};

// Splits decoded input into key objects { sequence, name, ctrl, meta, shift }.
function decodeKeys(text) {
  const keys = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    const key = { sequence: ch, name: undefined, ctrl: false, meta: false, shift: false };
    if (ch === kEscape && (text[i + 1] === '[' || text[i + 1] === 'O')) {
      // CSI / SS3: ESC [ params final  or  ESC O final
      let j = i + 2;
      while (j < text.length && /[0-9;]/.test(text[j])) j++;
      const params = text.slice(i + 2, j);
      const final = text[j] ?? '';
      key.sequence = text.slice(i, j + 1);
      const [num, modifier] = params.split(';');
      const code = final === '~' ? `${num}~` : final;
      key.name = kCsiKeys[code] ?? 'undefined';
      if (final === 'Z') key.shift = true;
      const mod = (Number(modifier) || 1) - 1;
      key.shift ||= Boolean(mod & 1);
      key.meta = Boolean(mod & 10);
      key.ctrl = Boolean(mod & 4);
      if (key.name === 'undefined') key.name = undefined;
      i = j + 1;
    } else {
      if (ch === '\r') key.name = 'return';
      else if (ch === '\n') key.name = 'enter';
      else if (ch === '\t') key.name = 'tab';
      else if (ch === '\b' || ch === '\x7f') key.name = 'backspace';
      else if (ch === kEscape) {
        if (i + 1 < text.length) {
          // ESC + char: meta
          const next = text[i + 1];
          key.sequence = ch + next;
          key.meta = true;
          key.name = /[a-zA-Z0-9]/.test(next) ? next.toLowerCase() : undefined;
          key.shift = /[A-Z]/.test(next);
          i += 2;
          keys.push(key);
          continue;
        }
        key.name = 'escape';
      } else if (ch === ' ') key.name = 'space';
      else if (ch <= '\x1a') {
        key.name = String.fromCharCode(ch.charCodeAt(0) + 'a'.charCodeAt(0) - 1);
        key.ctrl = true;
      } else if (/^[0-9a-z]$/.test(ch)) key.name = ch;
      else if (/^[A-Z]$/.test(ch)) {
        key.name = ch.toLowerCase();
        key.shift = true;
      }
      i++;
    }
    keys.push(key);
  }
  return keys;
}

function emitKeypressEvents(stream, iface = {}) {
  if (stream[kKeypressDecoder]) return;
  stream[kKeypressDecoder] = new StringDecoder('utf8');
  stream[kEscapeDecoder] = true;

  function onData(input) {
    if (stream.listenerCount('keypress') > 0) {
      const text = stream[kKeypressDecoder].write(input);
      if (text) {
        for (const key of decodeKeys(text)) {
          // Escape sequences pass undefined as the text, everything else its characters.
          const escaped = key.sequence.length > 1 && key.sequence[0] === kEscape;
          if (iface) iface[kSawKeyPress] = key.sequence.length === 1;
          stream.emit('keypress', escaped ? undefined : key.sequence, key);
        }
      }
    } else {
      // Nobody listens any more: stop decoding.
      stream.removeListener('data', onData);
      stream.on('newListener', onNewListener);
    }
  }

  function onNewListener(event) {
    if (event === 'keypress') {
      stream.on('data', onData);
      stream.removeListener('newListener', onNewListener);
    }
  }

  if (stream.listenerCount('keypress') > 0) stream.on('data', onData);
  else stream.on('newListener', onNewListener);
}

// ---------------------------------------------------------------------------------------------
// Interface

function InterfaceConstructor(input, output, completer, terminal) {
  this[kSawReturnAt] = 0;
  this.isCompletionEnabled = true;
  this[kSawKeyPress] = false;
  this[kPreviousKey] = null;
  this.escapeCodeTimeout = kEscapeCodeTimeout;
  this.tabSize = 8;

  EventEmitter.call(this);

  let history;
  let historySize;
  let removeHistoryDuplicates = false;
  let crlfDelay;
  let prompt = '> ';
  let signal;

  if (input?.input) {
    // An options object.
    output = input.output;
    completer = input.completer;
    terminal = input.terminal;
    history = input.history;
    historySize = input.historySize;
    signal = input.signal;
    if (input.tabSize !== undefined) {
      validateUint32(input.tabSize, 'tabSize', true);
      this.tabSize = input.tabSize;
    }
    removeHistoryDuplicates = input.removeHistoryDuplicates;
    if (input.prompt !== undefined) prompt = input.prompt;
    if (input.escapeCodeTimeout !== undefined) {
      if (Number.isFinite(input.escapeCodeTimeout)) {
        this.escapeCodeTimeout = input.escapeCodeTimeout;
      } else {
        throw new ERR_INVALID_ARG_VALUE('input.escapeCodeTimeout', this.escapeCodeTimeout);
      }
    }
    if (signal) validateAbortSignal(signal, 'options.signal');
    crlfDelay = input.crlfDelay;
    input = input.input;
  }

  if (completer !== undefined && typeof completer !== 'function') {
    throw new ERR_INVALID_ARG_VALUE('completer', completer);
  }
  if (history === undefined) history = [];
  else validateArray(history, 'history');
  if (historySize === undefined) historySize = kHistorySize;
  validateNumber(historySize, 'historySize', 0);

  // Without an explicit `terminal`, the output's isTTY decides.
  if (terminal === undefined && !(output === null || output === undefined)) {
    terminal = !!output.isTTY;
  }

  const self = this;
  this.line = '';
  this.output = output;
  this.input = input;
  this.history = history;
  this.historySize = historySize;
  this.removeHistoryDuplicates = !!removeHistoryDuplicates;
  this.crlfDelay = crlfDelay ? Math.max(kMinCrlfDelay, crlfDelay) : kMinCrlfDelay;
  this.completer = completer;
  this.setPrompt(prompt);
  this.terminal = !!terminal;

  function onerror(err) {
    self.emit('error', err);
  }

  function ondata(data) {
    self[kNormalWrite](data);
  }

  function onend() {
    if (typeof self[kLineBuffer] === 'string' && self[kLineBuffer].length > 0) {
      self.emit('line', self[kLineBuffer]);
    }
    self.close();
  }

  function ontermend() {
    if (typeof self.line === 'string' && self.line.length > 0) self.emit('line', self.line);
    self.close();
  }

  function onkeypress(s, key) {
    self[kTtyWrite](s, key);
  }

  this[kLineObjectStream] = undefined;
  input.on('error', onerror);

  if (!this.terminal) {
    input.on('data', ondata);
    input.on('end', onend);
    self.once('close', () => {
      input.removeListener('data', ondata);
      input.removeListener('error', onerror);
      input.removeListener('end', onend);
    });
    this[kDecoder] = new StringDecoder('utf8');
  } else {
    emitKeypressEvents(input, this);
    input.on('keypress', onkeypress);
    input.on('end', ontermend);
    this[kSetRawMode](true);
    this.terminal = true;
    this.cursor = 0;
    this.historyIndex = -1;
    self.once('close', () => {
      input.removeListener('keypress', onkeypress);
      input.removeListener('error', onerror);
      input.removeListener('end', ontermend);
    });
  }

  if (signal) {
    const onAborted = () => self.close();
    if (signal.aborted) {
      process.nextTick(onAborted);
    } else {
      signal.addEventListener('abort', onAborted, { once: true });
      self.once('close', () => signal.removeEventListener('abort', onAborted));
    }
  }

  this.line = '';
  input.resume();
}

Object.setPrototypeOf(InterfaceConstructor.prototype, EventEmitter.prototype);
Object.setPrototypeOf(InterfaceConstructor, EventEmitter);

class Interface extends InterfaceConstructor {
  get columns() {
    if (this.output?.columns) return this.output.columns;
    return Infinity;
  }

  setPrompt(prompt) {
    this[kPrompt] = prompt;
  }

  getPrompt() {
    return this[kPrompt];
  }

  [kSetRawMode](mode) {
    const wasInRawMode = this.input.isRaw;
    if (typeof this.input.setRawMode === 'function') this.input.setRawMode(mode);
    return wasInRawMode;
  }

  prompt(preserveCursor) {
    if (this.paused) this.resume();
    if (this.terminal && process.env.TERM !== 'dumb') {
      if (!preserveCursor) this.cursor = 0;
      this[kRefreshLine]();
    } else {
      this[kWriteToOutput](this[kPrompt]);
    }
  }

  [kQuestion](query, cb) {
    if (this.closed) throw new ERR_USE_AFTER_CLOSE('readline');
    if (this[kQuestionCallback]) {
      this.prompt();
    } else {
      this[kOldPrompt] = this[kPrompt];
      this.setPrompt(query);
      this[kQuestionCallback] = cb;
      this.prompt();
    }
  }

  [kOnLine](line) {
    if (this[kQuestionCallback]) {
      const cb = this[kQuestionCallback];
      this[kQuestionCallback] = null;
      this.setPrompt(this[kOldPrompt]);
      cb(line);
    } else {
      this.emit('line', line);
    }
  }

  [kQuestionCancel]() {
    if (this[kQuestionCallback]) {
      this[kQuestionCallback] = null;
      this.setPrompt(this[kOldPrompt]);
      this.clearLine();
    }
  }

  [kWriteToOutput](stringToWrite) {
    validateString(stringToWrite, 'stringToWrite');
    if (this.output !== null && this.output !== undefined) this.output.write(stringToWrite);
  }

  [kAddHistory]() {
    if (this.line.length === 0) return '';
    if (this.historySize === 0) return this.line;
    if (this.line.trim().length === 0) return this.line;
    if (this.history.length === 0 || this.history[0] !== this.line) {
      if (this.removeHistoryDuplicates) {
        const dup = this.history.indexOf(this.line);
        if (dup !== -1) this.history.splice(dup, 1);
      }
      this.history.unshift(this.line);
      if (this.history.length > this.historySize) this.history.pop();
    }
    this.historyIndex = -1;
    const line = this.history[0];
    this.emit('history', this.history);
    return line;
  }

  // Terminal mode: redraw prompt and line, then put the cursor back.
  [kRefreshLine]() {
    const line = this[kPrompt] + this.line;
    cursorTo(this.output, 0);
    clearScreenDown(this.output);
    this[kWriteToOutput](line);
    if (line.length === 0) this[kWriteToOutput](' ');
    cursorTo(this.output, this.getCursorPos().cols);
  }

  close() {
    if (this.closed) return;
    this.pause();
    if (this.terminal) this[kSetRawMode](false);
    this.closed = true;
    this.emit('close');
  }

  pause() {
    if (this.paused) return;
    this.input.pause();
    this.paused = true;
    this.emit('pause');
    return this;
  }

  resume() {
    if (!this.paused) return;
    this.input.resume();
    this.paused = false;
    this.emit('resume');
    return this;
  }

  write(d, key) {
    if (this.paused) this.resume();
    if (this.terminal) this[kTtyWrite](d, key);
    else this[kNormalWrite](d);
  }

  [kNormalWrite](b) {
    if (b === undefined) return;
    let string = this[kDecoder].write(b);
    // The \n of a \r\n split over two chunks.
    if (this[kSawReturnAt] && Date.now() - this[kSawReturnAt] <= this.crlfDelay) {
      if (string.codePointAt(0) === 10) string = string.slice(1);
      this[kSawReturnAt] = 0;
    }
    lineEnding.lastIndex = 0;
    let match = lineEnding.exec(string);
    if (match !== null) {
      if (this[kLineBuffer]) {
        string = this[kLineBuffer] + string;
        this[kLineBuffer] = null;
        lineEnding.lastIndex = 0;
        match = lineEnding.exec(string);
      }
      this[kSawReturnAt] = string.endsWith('\r') ? Date.now() : 0;
      const indexes = [0, match.index, lineEnding.lastIndex];
      let next;
      while ((next = lineEnding.exec(string)) !== null) indexes.push(next.index, lineEnding.lastIndex);
      const last = indexes.length - 1;
      this[kLineBuffer] = string.slice(indexes[last]);
      for (let i = 1; i < last; i += 2) this[kOnLine](string.slice(indexes[i - 1], indexes[i]));
    } else if (string) {
      this[kLineBuffer] = this[kLineBuffer] ? this[kLineBuffer] + string : string;
    }
  }

  [kInsertString](c) {
    this.line = this.line.slice(0, this.cursor) + c + this.line.slice(this.cursor);
    this.cursor += c.length;
    this[kRefreshLine]();
  }

  [kLine]() {
    const line = this[kAddHistory]();
    this.line = '';
    this.cursor = 0;
    this[kWriteToOutput]('\r\n');
    this[kOnLine](line);
  }

  // A reduced terminal line editor (see the header comment).
  [kTtyWrite](s, key) {
    key = key || {};
    this[kPreviousKey] = key;
    if (key.ctrl && !key.meta) {
      switch (key.name) {
        case 'c':
          if (this.listenerCount('SIGINT') > 0) {
            this.emit('SIGINT');
          } else {
            this.close();
            this[kQuestionReject]?.(new (require('internal/errors').AbortError)('Aborted with Ctrl+C'));
          }
          return;
        case 'd':
          if (this.cursor === 0 && this.line.length === 0) {
            this.close();
            this[kQuestionReject]?.(new (require('internal/errors').AbortError)('Aborted with Ctrl+D'));
          } else if (this.cursor < this.line.length) {
            this.line = this.line.slice(0, this.cursor) + this.line.slice(this.cursor + 1);
            this[kRefreshLine]();
          }
          return;
        case 'a': this.cursor = 0; this[kRefreshLine](); return;
        case 'e': this.cursor = this.line.length; this[kRefreshLine](); return;
        case 'u': this.line = this.line.slice(this.cursor); this.cursor = 0; this[kRefreshLine](); return;
        case 'k': this.line = this.line.slice(0, this.cursor); this[kRefreshLine](); return;
        case 'w': {
          const before = this.line.slice(0, this.cursor).replace(/\S+\s*$/, '');
          this.line = before + this.line.slice(this.cursor);
          this.cursor = before.length;
          this[kRefreshLine]();
          return;
        }
        case 'h': break; // backspace below
        default: return;
      }
    }
    switch (key.name) {
      case 'return':
        this[kSawReturnAt] = Date.now();
        this[kLine]();
        return;
      case 'enter':
        // The \n of a \r\n pair was already handled by 'return'.
        if (this[kSawReturnAt] === 0 || Date.now() - this[kSawReturnAt] > this.crlfDelay) this[kLine]();
        this[kSawReturnAt] = 0;
        return;
      case 'backspace':
      case 'h':
        if (this.cursor > 0) {
          this.line = this.line.slice(0, this.cursor - 1) + this.line.slice(this.cursor);
          this.cursor--;
          this[kRefreshLine]();
        }
        return;
      case 'delete':
        if (this.cursor < this.line.length) {
          this.line = this.line.slice(0, this.cursor) + this.line.slice(this.cursor + 1);
          this[kRefreshLine]();
        }
        return;
      case 'left': if (this.cursor > 0) { this.cursor--; this[kRefreshLine](); } return;
      case 'right': if (this.cursor < this.line.length) { this.cursor++; this[kRefreshLine](); } return;
      case 'home': this.cursor = 0; this[kRefreshLine](); return;
      case 'end': this.cursor = this.line.length; this[kRefreshLine](); return;
      case 'up':
      case 'down': {
        if (this.history.length === 0) return;
        const index = key.name === 'up'
          ? Math.min(this.historyIndex + 1, this.history.length - 1)
          : this.historyIndex - 1;
        this.historyIndex = Math.max(index, -1);
        this.line = this.historyIndex === -1 ? '' : this.history[this.historyIndex];
        this.cursor = this.line.length;
        this[kRefreshLine]();
        return;
      }
    }
    if (typeof s === 'string' && s.length > 0 && !key.meta) {
      // Pasted text may hold several lines.
      const lines = s.split(/\r\n|\n|\r/);
      for (let i = 0; i < lines.length; i++) {
        if (i > 0) this[kLine]();
        if (lines[i]) this[kInsertString](lines[i]);
      }
    }
  }

  // Ends the current input line on the output (after a cancelled question).
  clearLine() {
    this[kMoveCursor](+Infinity);
    this[kWriteToOutput]('\r\n');
    this.line = '';
    this.cursor = 0;
    this.prevRows = 0;
  }

  [kMoveCursor](dx) {
    if (dx === 0) return;
    const oldPos = this.getCursorPos();
    this.cursor += dx;
    if (this.cursor < 0) this.cursor = 0;
    else if (this.cursor > this.line.length) this.cursor = this.line.length;
    const newPos = this.getCursorPos();
    if (oldPos.rows === newPos.rows) moveCursor(this.output, newPos.cols - oldPos.cols, 0);
    else this[kRefreshLine]();
  }

  // Display position of the end of `str` (wide characters take two columns, tabs align).
  [kGetDisplayPos](str) {
    inspectModule ??= require('internal/util/inspect');
    const columns = this.columns;
    let offset = 0;
    let rows = 0;
    for (const ch of inspectModule.stripVTControlCharacters(str)) {
      if (ch === '\n') {
        rows += Math.ceil(offset / columns) || 1;
        offset = 0;
        continue;
      }
      if (ch === '\t') {
        offset += this.tabSize - (offset % this.tabSize);
        continue;
      }
      const width = inspectModule.getStringWidth(ch, false);
      if (width === 0 || width === 1) {
        offset += width;
      } else {
        if ((offset + 1) % columns === 0) offset++;
        offset += 2;
      }
    }
    const cols = offset % columns;
    rows += (offset - cols) / columns;
    return { cols, rows };
  }

  getCursorPos() {
    return this[kGetDisplayPos](this[kPrompt] + this.line.slice(0, this.cursor));
  }

  // Lines as an async iterator; ends at 'close'. Lines emitted before the first call are not
  // replayed, as in Node.
  [Symbol.asyncIterator]() {
    if (this[kLineObjectStream] === undefined) this[kLineObjectStream] = lineIterator(this);
    return this[kLineObjectStream];
  }
}

function lineIterator(rl) {
  const queue = [];
  const waiting = [];
  let done = false;
  let error = null;
  const onLine = (line) => {
    if (waiting.length > 0) waiting.shift().resolve({ value: line, done: false });
    else queue.push(line);
  };
  const onClose = () => {
    done = true;
    cleanup();
    while (waiting.length > 0) waiting.shift().resolve({ value: undefined, done: true });
  };
  const onError = (err) => {
    error = err;
    cleanup();
    while (waiting.length > 0) waiting.shift().reject(err);
  };
  function cleanup() {
    rl.removeListener('line', onLine);
    rl.removeListener('close', onClose);
    rl.removeListener('error', onError);
  }
  rl.on('line', onLine);
  rl.on('close', onClose);
  rl.on('error', onError);
  const iterator = {
    next() {
      if (queue.length > 0) return Promise.resolve({ value: queue.shift(), done: false });
      if (error !== null) {
        const err = error;
        error = null;
        done = true;
        return Promise.reject(err);
      }
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    return() {
      done = true;
      cleanup();
      while (waiting.length > 0) waiting.shift().resolve({ value: undefined, done: true });
      return Promise.resolve({ value: undefined, done: true });
    },
    throw(err) {
      done = true;
      cleanup();
      return Promise.reject(err);
    },
    [Symbol.asyncIterator]() { return this; },
  };
  Object.setPrototypeOf(iterator, Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype));
  return iterator;
}

// The public, legacy-compatible constructor: callable without `new`.
function LegacyInterface(input, output, completer, terminal) {
  if (!(this instanceof LegacyInterface)) return new LegacyInterface(input, output, completer, terminal);
  Reflect.apply(InterfaceConstructor, this, [input, output, completer, terminal]);
}
Object.setPrototypeOf(LegacyInterface.prototype, Interface.prototype);
Object.setPrototypeOf(LegacyInterface, Interface);
Object.defineProperty(LegacyInterface, 'name', { __proto__: null, value: 'Interface' });

LegacyInterface.prototype.question = function question(query, options, cb) {
  cb = typeof options === 'function' ? options : cb;
  if (options !== null && typeof options === 'object') {
    const { signal } = options;
    if (signal) {
      validateAbortSignal(signal, 'options.signal');
      if (signal.aborted) return;
      const onAbort = () => this[kQuestionCancel]();
      signal.addEventListener('abort', onAbort, { once: true });
      const cleanup = () => signal.removeEventListener('abort', onAbort);
      const originalCb = cb;
      cb = typeof cb === 'function' ? (answer) => {
        cleanup();
        return originalCb(answer);
      } : cleanup;
    }
  }
  if (typeof cb === 'function') this[kQuestion](query, cb);
};

// util.promisify(rl.question) resolves with the answer.
LegacyInterface.prototype.question[Symbol.for('nodejs.util.promisify.custom')] = function question(query, options) {
  if (options === null || typeof options !== 'object') options = {};
  return new Promise((resolve, reject) => {
    let cb = resolve;
    if (options.signal) {
      const { AbortError } = require('internal/errors');
      validateAbortSignal(options.signal, 'options.signal');
      if (options.signal.aborted) {
        reject(new AbortError(undefined, { cause: options.signal.reason }));
        return;
      }
      const onAbort = () => reject(new AbortError(undefined, { cause: options.signal.reason }));
      options.signal.addEventListener('abort', onAbort, { once: true });
      cb = (answer) => {
        options.signal.removeEventListener('abort', onAbort);
        resolve(answer);
      };
    }
    this.question(query, options, cb);
  });
};

// Legacy underscore members some userland code still calls or reads.
const legacyMethods = {
  _setRawMode: kSetRawMode,
  _onLine: kOnLine,
  _writeToOutput: kWriteToOutput,
  _addHistory: kAddHistory,
  _refreshLine: kRefreshLine,
  _normalWrite: kNormalWrite,
  _insertString: kInsertString,
  _line: kLine,
  _ttyWrite: kTtyWrite,
  _moveCursor: kMoveCursor,
  _getDisplayPos: kGetDisplayPos,
  _getCursorPos: 'getCursorPos',
};
for (const [name, symbol] of Object.entries(legacyMethods)) {
  Object.defineProperty(LegacyInterface.prototype, name, {
    __proto__: null,
    value(...args) { return this[symbol](...args); },
    writable: true,
    configurable: true,
    enumerable: false,
  });
}
const legacyFields = {
  _decoder: kDecoder,
  _line_buffer: kLineBuffer,
  _oldPrompt: kOldPrompt,
  _previousKey: kPreviousKey,
  _prompt: kPrompt,
  _questionCallback: kQuestionCallback,
  _sawKeyPress: kSawKeyPress,
  _sawReturnAt: kSawReturnAt,
};
for (const [name, symbol] of Object.entries(legacyFields)) {
  Object.defineProperty(LegacyInterface.prototype, name, {
    __proto__: null,
    get() { return this[symbol]; },
    set(value) { this[symbol] = value; },
    configurable: true,
    enumerable: false,
  });
}

function createInterface(input, output, completer, terminal) {
  return new LegacyInterface(input, output, completer, terminal);
}

let promisesModule;
module.exports = {
  Interface: LegacyInterface,
  clearLine,
  clearScreenDown,
  createInterface,
  cursorTo,
  emitKeypressEvents,
  moveCursor,
  get promises() {
    promisesModule ??= require('readline/promises');
    return promisesModule;
  },
};

// For readline/promises (not part of the public shape).
Object.defineProperty(module.exports, Symbol.for('secureexec.readline.internals'), {
  __proto__: null,
  value: { Interface, InterfaceConstructor, kQuestion, kQuestionCancel, kQuestionReject, CSI },
  enumerable: false,
});
