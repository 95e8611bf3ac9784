'use strict';
// Corpus for `readline` and `readline/promises` over EventEmitter-based fake streams (so the
// test does not depend on the stream module): line splitting, events, question, prompt,
// pause/resume/close, async iteration, cursor helpers, emitKeypressEvents and Readline.
const readline = require('readline');
const readlinePromises = require('readline/promises');
const EventEmitter = require('events');
const util = require('util');

function log(...parts) {
  console.log(parts.map((p) => (typeof p === 'string' ? p : util.inspect(p, { breakLength: Infinity }))).join(' '));
}
function section(name) {
  log(`--- ${name}`);
}
function attempt(label, fn) {
  try {
    log(label, '=>', fn());
  } catch (e) {
    log(label, 'THROWS', `${e.name} ${e.code} ${e.message}`);
  }
}

class FakeInput extends EventEmitter {
  constructor() {
    super();
    this.calls = [];
  }
  resume() { this.calls.push('resume'); return this; }
  pause() { this.calls.push('pause'); return this; }
}
class FakeOutput extends EventEmitter {
  constructor(isTTY = false) {
    super();
    this.data = [];
    this.writable = true;
    this.isTTY = isTTY;
  }
  write(chunk, cb) {
    this.data.push(chunk);
    if (typeof cb === 'function') process.nextTick(cb);
    return true;
  }
}

const steps = [];
function step(name, fn) {
  steps.push([name, fn]);
}

step('module shape', () => {
  log(Object.keys(readline).join(','));
  log(Object.keys(readlinePromises).join(','));
  log(readline.promises === readlinePromises);
  log(typeof readline.Interface, readline.Interface.name, typeof readlinePromises.Interface, typeof readlinePromises.Readline);
});

step('lines', () => {
  const input = new FakeInput();
  const rl = readline.createInterface({ input });
  log('terminal', rl.terminal, 'prompt', rl.getPrompt(), 'line', JSON.stringify(rl.line), 'closed', rl.closed, 'paused', rl.paused);
  log('history', rl.history, rl.historySize, rl.crlfDelay, rl.columns, rl.getCursorPos(), input.calls.join());
  const lines = [];
  rl.on('line', (line) => lines.push(JSON.stringify(line)));
  rl.on('close', () => lines.push('close'));
  input.emit('data', 'one\ntwo\r\nthree\rfour');
  input.emit('data', ' continued\n');
  input.emit('data', Buffer.from('caf\xc3', 'latin1'));
  input.emit('data', Buffer.from('\xa9\n', 'latin1'));
  input.emit('data', 'split\r');
  input.emit('data', '\nafter-crlf\n\n');
  input.emit('data', 'tail without newline');
  log(lines.join(' '));
  input.emit('end');
  log(lines.join(' '));
  log('closed', rl.closed, 'paused', rl.paused, input.calls.join(), input.listenerCount('data'), input.listenerCount('end'));
  rl.close();
  log('close twice emits once', lines.filter((l) => l === 'close').length);
});

step('events pause/resume/close', () => {
  const input = new FakeInput();
  const output = new FakeOutput();
  const rl = readline.createInterface(input, output);
  const events = [];
  for (const name of ['pause', 'resume', 'close', 'line', 'history']) rl.on(name, (...a) => events.push(`${name}${a.length ? ':' + a.join('|') : ''}`));
  log(rl.pause() === rl, rl.paused);
  rl.pause();
  log(rl.resume() === rl, rl.paused);
  rl.resume();
  rl.write('typed line\n');
  rl.pause();
  rl.write('resumes on write\n');
  rl.close();
  rl.close();
  log(events.join(', '));
  log('output', JSON.stringify(output.data));
  attempt('question after close', () => rl.question('q?', () => {}));
  attempt('write after close', () => rl.write('x\n'));
});

step('prompt and question', () => {
  const input = new FakeInput();
  const output = new FakeOutput();
  const rl = readline.createInterface({ input, output, prompt: '$ ' });
  log(rl.getPrompt());
  rl.setPrompt('>> ');
  rl.prompt();
  const got = [];
  rl.on('line', (l) => got.push(`line:${l}`));
  rl.question('Name? ', (answer) => got.push(`answer:${answer}`));
  log('prompt during question', rl.getPrompt());
  rl.question('ignored? ', () => got.push('never'));
  input.emit('data', 'Ada\nnext\n');
  log(got.join(' '), 'prompt restored', rl.getPrompt());
  log('output', JSON.stringify(output.data));
  const ac = new AbortController();
  rl.question('Abortable? ', { signal: ac.signal }, (a) => got.push(`abortable:${a}`));
  ac.abort();
  input.emit('data', 'after abort\n');
  log(got.join(' '), rl.getPrompt());
  rl.question('pre-aborted', { signal: AbortSignal.abort() }, () => got.push('never2'));
  log('output', JSON.stringify(output.data.slice(-2)));
  attempt('bad signal', () => rl.question('x', { signal: 1 }, () => {}));
  rl.close();
});

step('options validation', () => {
  const input = new FakeInput();
  attempt('completer', () => readline.createInterface({ input, completer: 1 }));
  attempt('history', () => readline.createInterface({ input, history: 'x' }));
  attempt('historySize', () => readline.createInterface({ input, historySize: -1 }));
  attempt('historySize NaN', () => readline.createInterface({ input, historySize: NaN }));
  attempt('tabSize', () => readline.createInterface({ input, tabSize: 0 }));
  attempt('escapeCodeTimeout', () => readline.createInterface({ input, escapeCodeTimeout: Infinity }));
  attempt('signal', () => readline.createInterface({ input, signal: {} }));
  const rl = readline.createInterface({ input, crlfDelay: 5, historySize: 3, tabSize: 4, prompt: 'p ' });
  log(rl.crlfDelay, rl.historySize, rl.tabSize, rl.getPrompt(), rl.escapeCodeTimeout);
  const rl2 = readline.createInterface({ input, crlfDelay: 5000 });
  log(rl2.crlfDelay);
  const ttyOut = new FakeOutput(true);
  const rl3 = readline.createInterface({ input: new FakeInput(), output: ttyOut, terminal: false });
  log('explicit terminal false', rl3.terminal);
  const rl4 = readline.createInterface({ input: new FakeInput(), output: new FakeOutput() });
  log('non-tty output', rl4.terminal);
  const rl5 = readline.Interface({ input: new FakeInput() });
  log('Interface without new', rl5 instanceof readline.Interface, rl5 instanceof EventEmitter);
  for (const r of [rl, rl2, rl3, rl4, rl5]) r.close();
});

step('signal closes', (done) => {
  const ac = new AbortController();
  const rl = readline.createInterface({ input: new FakeInput(), signal: ac.signal });
  rl.on('close', () => log('closed by abort'));
  ac.abort();
  const rl2 = readline.createInterface({ input: new FakeInput(), signal: AbortSignal.abort() });
  log('pre-aborted closed sync?', rl2.closed === true);
  rl2.on('close', () => {
    log('pre-aborted closed on next tick');
    done();
  });
});

step('async iterator', (done) => {
  const input = new FakeInput();
  const rl = readline.createInterface({ input });
  input.emit('data', 'lost before iteration\n');
  const seen = [];
  (async () => {
    for await (const line of rl) seen.push(line);
    log('iterated', seen.join('|'), rl.closed);
    const input2 = new FakeInput();
    const rl2 = readline.createInterface({ input: input2 });
    const it = rl2[Symbol.asyncIterator]();
    log(it === rl2[Symbol.asyncIterator](), typeof it.next, typeof it.return);
    input2.emit('data', 'a\nb\n');
    log((await it.next()).value, (await it.next()).value);
    const r = await it.return();
    log('return', r.done, rl2.closed);
    done();
  })();
  input.emit('data', 'x\ny');
  process.nextTick(() => {
    input.emit('data', '\nz\n');
    input.emit('end');
  });
});

step('promises question', (done) => {
  const input = new FakeInput();
  const output = new FakeOutput();
  const rl = readlinePromises.createInterface({ input, output });
  log(rl instanceof readlinePromises.Interface, rl instanceof EventEmitter);
  const p = rl.question('Q1? ');
  input.emit('data', 'A1\n');
  p.then(async (a) => {
    log('answer', a);
    const ac = new AbortController();
    const p2 = rl.question('Q2? ', { signal: ac.signal });
    ac.abort('why');
    try {
      await p2;
    } catch (e) {
      log('rejected', e.name, e.code, e.message, e.cause);
    }
    try {
      await rl.question('Q3? ', { signal: AbortSignal.abort('pre') });
    } catch (e) {
      log('pre-aborted', e.name, e.message, e.cause);
    }
    log('output', JSON.stringify(output.data));
    rl.close();
    try {
      await rl.question('closed?');
    } catch (e) {
      log('closed', e.name, e.code, e.message);
    }
    done();
  });
});

step('promisified question', (done) => {
  const input = new FakeInput();
  const rl = readline.createInterface({ input });
  const question = util.promisify(rl.question).bind(rl);
  question('?').then((answer) => {
    log('promisify answer', answer);
    rl.close();
    done();
  });
  input.emit('data', 'yes\n');
});

step('cursor helpers', (done) => {
  const out = new FakeOutput();
  log(readline.cursorTo(out, 3), readline.cursorTo(out, 3, 4), readline.cursorTo(out), readline.cursorTo(null, 1));
  log(readline.moveCursor(out, 2, -1), readline.moveCursor(out, -3, 5), readline.moveCursor(out, 0, 0), readline.moveCursor(out, 1, 0));
  log(readline.clearLine(out, -1), readline.clearLine(out, 1), readline.clearLine(out, 0), readline.clearScreenDown(out));
  log(JSON.stringify(out.data));
  attempt('cursorTo NaN', () => readline.cursorTo(out, NaN));
  attempt('cursorTo y NaN', () => readline.cursorTo(out, 1, NaN));
  attempt('cursorTo y only', () => readline.cursorTo(out, undefined, 2));
  attempt('cursorTo bad cb', () => readline.cursorTo(out, 1, 1, 'cb'));
  attempt('moveCursor bad cb', () => readline.moveCursor(out, 1, 1, 'cb'));
  attempt('clearLine bad cb', () => readline.clearLine(out, 1, 'cb'));
  let pending = 3;
  const cb = (label) => (err) => {
    log('callback', label, err);
    if (--pending === 0) done();
  };
  readline.cursorTo(null, 1, cb('null stream'));
  readline.cursorTo(out, 2, cb('cursorTo y as cb'));
  readline.clearScreenDown(null, cb('clearScreenDown null'));
});

step('emitKeypressEvents', () => {
  const input = new FakeInput();
  readline.emitKeypressEvents(input);
  readline.emitKeypressEvents(input);
  const keys = [];
  input.on('keypress', (s, key) => keys.push(`${JSON.stringify(s)}:${key.name}:${key.ctrl ? 'C' : ''}${key.meta ? 'M' : ''}${key.shift ? 'S' : ''}:${JSON.stringify(key.sequence)}`));
  input.emit('data', 'aB1 \r\n\t\x7f\x03\x1b[A\x1b[B\x1b[C\x1b[D\x1b[3~\x1b[H\x1b[F');
  log(keys.join('\n'));
  log(input.listenerCount('data'));
});

step('Readline (promises)', (done) => {
  const out = new FakeOutput();
  const r = new readlinePromises.Readline(out);
  log(r.cursorTo(1) === r, r.cursorTo(1, 2) === r);
  r.moveCursor(2, -3).moveCursor(0, 0).clearLine(-1).clearLine(1).clearLine(0).clearScreenDown();
  log('before commit', JSON.stringify(out.data));
  r.commit().then(() => {
    log('after commit', JSON.stringify(out.data));
    r.cursorTo(5);
    r.rollback();
    return r.commit();
  }).then(() => {
    log('after rollback', JSON.stringify(out.data));
    const auto = new readlinePromises.Readline(out, { autoCommit: true });
    auto.cursorTo(9);
    log('autoCommit sync', out.data.length);
    process.nextTick(() => {
      log('autoCommit later', JSON.stringify(out.data.slice(-1)));
      attempt('bad stream', () => new readlinePromises.Readline({}));
      attempt('bad autoCommit', () => new readlinePromises.Readline(out, { autoCommit: 1 }));
      attempt('cursorTo 1.5', () => r.cursorTo(1.5));
      attempt('clearLine 2', () => r.clearLine(2));
      attempt('moveCursor x', () => r.moveCursor('x', 1));
      done();
    });
  });
});

(function run(i) {
  if (i >= steps.length) {
    log('--- done');
    return;
  }
  const [name, fn] = steps[i];
  section(name);
  let called = false;
  const done = () => {
    if (called) return;
    called = true;
    setTimeout(() => run(i + 1), 0);
  };
  if (fn.length === 0) {
    fn();
    done();
  } else {
    fn(done);
  }
})(0);
