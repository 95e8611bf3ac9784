// node:test scenarios: the TAP output must match Node 22's (durations and stacks aside).
const { test, describe, it, before, after, beforeEach, afterEach, mock } = require('node:test');
const assert = require('node:assert');

const events = [];
before(() => events.push('root before'));
test('passes', () => { assert.strictEqual(1 + 1, 2); });
test('async failure', async () => { await null; assert.strictEqual(1, 2); });
test('plain error', () => { throw new Error('boom'); });
test('error with code', () => { const e = new TypeError('bad'); e.code = 'E_X'; throw e; });
test('non-error thrown', () => { throw 'str'; });
test('deep equality', () => { assert.deepStrictEqual({ a: 1, b: [1, 2] }, { a: 1, b: [1, 3] }); });
test('multi-line strings', () => { assert.strictEqual('a\nb', 'a\nc'); });
test('falsy', () => { assert.ok(0); });
test('quotes in message', () => { assert.equal('a', 'b'); });
test('skip with reason', { skip: 'not now' }, () => { throw new Error('never runs'); });
test.skip('skip shorthand', () => {});
test('todo with reason', { todo: 'later' }, () => { throw new Error('todo fail'); });
test.todo('todo without body');
test('timeout', { timeout: 10 }, () => new Promise((resolve) => setTimeout(resolve, 300)));
test('t.skip inside', (t) => { t.skip('nah'); });
test('t.todo inside', (t) => { t.todo(); });
test('callback done', (t, done) => { setTimeout(done, 1); });
test('callback error', (t, done) => { done(new Error('cb err')); });
test('plan met', (t) => { t.plan(2); t.assert.ok(true); t.assert.strictEqual(1, 1); });
test('plan missed', (t) => { t.plan(2); t.assert.ok(true); });
test('escaped # name\\with \\n', () => {});
test('diagnostics', (t) => { t.diagnostic('first note'); t.diagnostic('second # note'); });
test('subtests', async (t) => {
  await t.test('first child', () => {});
  await t.test('failing child', () => { throw new Error('child'); });
  t.test('unawaited child', () => {});
});
test('context', (t) => {
  t.diagnostic(`name=${t.name} aborted=${t.signal.aborted}`);
});
describe('suite', () => {
  before(() => events.push('suite before'));
  beforeEach(() => events.push('beforeEach'));
  afterEach(() => events.push('afterEach'));
  after(() => events.push('suite after'));
  it('one', () => {});
  it('two', () => { events.push('in two'); });
  it.todo('three');
  describe('nested', () => {
    it('deeper', () => {});
    it('deeper failing', () => { assert.fail('nope'); });
  });
});
describe('failing before hook', () => {
  before(() => { throw new Error('hook boom'); });
  it('never runs', () => {});
});
describe.skip('skipped suite', () => { it('inside', () => {}); });
test('mock.fn', (t) => {
  const double = mock.fn((x) => x * 2);
  double(2);
  double(3);
  const calls = double.mock.calls.map((c) => `${c.arguments[0]}->${c.result}`).join(',');
  t.diagnostic(`calls=${double.mock.callCount()} ${calls}`);
  double.mock.mockImplementationOnce(() => 'once');
  t.diagnostic(`once=${double(1)} again=${double(1)}`);
  double.mock.resetCalls();
  t.diagnostic(`after reset=${double.mock.callCount()}`);
});
test('mock.method', (t) => {
  const object = { greet(name) { return `hello ${name}`; } };
  const spy = t.mock.method(object, 'greet', () => 'mocked');
  t.diagnostic(`${object.greet('a')} ${spy.mock.calls[0].arguments[0]}`);
  spy.mock.restore();
  t.diagnostic(object.greet('b'));
});
test('events in order', (t) => { t.diagnostic(events.join(', ')); });
test(async function namedFunction() {});
test();
