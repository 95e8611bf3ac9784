'use strict';
// Corpus for the `domain` module: explicit and implicit binding, errors from timers, ticks,
// immediates, emitters and intercepted callbacks, nesting, and the module's shape.
// Prints strings only; every scenario runs one after the other through a chain of timers.

const domain = require('domain');
const EventEmitter = require('events');

const log = (...parts) => console.log(parts.map(String).join(' '));
process.emitWarning = () => {}; // DEP0097 and friends are not part of this corpus.

log('shape', Object.keys(domain).sort().join(','), typeof domain.Domain, domain.create() instanceof EventEmitter);
log('initial', process.domain, domain.active, domain._stack.length, EventEmitter.usingDomains);
const fresh = domain.create();
log('members', Array.isArray(fresh.members), fresh.members.length, Object.keys(fresh).sort().join(','));

const scenarios = [];
const scenario = (name, fn) => scenarios.push([name, fn]);
function next() {
  const entry = scenarios.shift();
  if (entry === undefined) { log('done', domain._stack.length); return; }
  log('==', entry[0]);
  // Each scenario starts outside every domain (the chain would otherwise carry one along).
  entry[1](() => {
    while (process.domain) process.domain.exit();
    setTimeout(next, 5);
  });
}

scenario('enter and exit', (done) => {
  const d = domain.create();
  d.enter();
  log('entered', process.domain === d, domain.active === d, domain._stack.length);
  d.exit();
  log('exited', process.domain, domain.active, domain._stack.length);
  done();
});

scenario('run returns and passes arguments', (done) => {
  const d = domain.create();
  const r = d.run(function (a, b) { return [this === d, a + b, process.domain === d].join(' '); }, 2, 3);
  log('run', r, process.domain === d);
  done();
});

scenario('error thrown in a timer', (done) => {
  const d = domain.create();
  d.on('error', (err) => {
    log('caught', err.message, err.domain === d, err.domainThrown, Object.keys(err).includes('domain'));
    done();
  });
  d.run(() => setTimeout(() => { throw new Error('from timer'); }, 1));
});

scenario('error thrown in nextTick and setImmediate', (done) => {
  const d = domain.create();
  let n = 0;
  d.on('error', (err) => { log('caught', err.message, err.domainThrown); if (++n === 2) done(); });
  d.run(() => {
    process.nextTick(() => { throw new Error('from tick'); });
    setImmediate(() => { throw new Error('from immediate'); });
  });
});

scenario('domain carried through nested callbacks', (done) => {
  const d = domain.create();
  d.run(() => {
    setTimeout(() => {
      process.nextTick(() => {
        setImmediate(() => {
          log('nested', process.domain === d);
          done();
        });
      });
    }, 1);
  });
});

scenario('emitter created in a domain', (done) => {
  const d = domain.create();
  d.on('error', (err) => {
    log('caught', err.message, err.domainEmitter === emitter, err.domainThrown, err.domain === d);
    done();
  });
  let emitter;
  d.run(() => { emitter = new EventEmitter(); });
  log('bound', emitter.domain === d, new EventEmitter().domain);
  emitter.on('ping', () => log('listener runs in domain', process.domain === d));
  emitter.emit('ping');
  emitter.emit('error', new Error('emitted'));
});

scenario('explicit add and remove', (done) => {
  const d = domain.create();
  const e = new EventEmitter();
  d.add(e);
  log('added', e.domain === d, d.members.length, d.members[0] === e);
  d.remove(e);
  log('removed', e.domain, d.members.length);
  d.add(e);
  d.on('error', (err) => { log('caught', err.message); done(); });
  e.emit('error', new Error('member error'));
});

scenario('an emitter error listener wins over the domain', (done) => {
  const d = domain.create();
  d.on('error', () => log('domain should not see this'));
  const e = new EventEmitter();
  d.add(e);
  e.on('error', (err) => { log('own listener', err.message); done(); });
  e.emit('error', new Error('handled locally'));
});

scenario('bind', (done) => {
  const d = domain.create();
  d.on('error', (err) => { log('caught', err.message, err.domainThrown); done(); });
  const bound = d.bind(function (x) {
    log('bound call', x, process.domain === d, this.tag);
    throw new Error('from bound');
  });
  log('bound.domain', bound.domain === d);
  setTimeout(() => bound.call({ tag: 'receiver' }, 7), 1);
});

scenario('intercept', (done) => {
  const d = domain.create();
  d.on('error', (err) => { log('caught', err.message, err.domainBound === fn, err.domainThrown); done(); });
  const fn = (a, b) => log('intercepted', a, b, process.domain === d);
  const wrapped = d.intercept(fn);
  wrapped(null, 'x', 'y');
  wrapped(new Error('callback error'));
});

scenario('synchronous throw inside run', (done) => {
  const d = domain.create();
  d.on('error', (err) => { log('caught', err.message, process.domain, domain._stack.length); done(); });
  d.run(() => { throw new Error('sync'); });
});

scenario('nested domains: the inner one catches', (done) => {
  const outer = domain.create();
  const inner = domain.create();
  outer.on('error', (err) => log('outer should not see', err.message));
  inner.on('error', (err) => { log('inner caught', err.message, err.domain === inner); done(); });
  outer.run(() => {
    inner.run(() => setTimeout(() => { throw new Error('deep'); }, 1));
  });
});

scenario('a throwing handler goes to the outer domain', (done) => {
  const outer = domain.create();
  const inner = domain.create();
  outer.on('error', (err) => { log('outer caught', err.message); done(); });
  inner.on('error', (err) => { log('inner saw', err.message); throw new Error('handler failed'); });
  outer.run(() => inner.run(() => { throw new Error('first'); }));
});

scenario('non-Error values', (done) => {
  const d = domain.create();
  d.on('error', (err) => { log('caught', typeof err, String(err)); done(); });
  d.run(() => setTimeout(() => { throw 'a string'; }, 1)); // eslint-disable-line no-throw-literal
});

scenario('an error without a domain reaches uncaughtException', (done) => {
  process.once('uncaughtException', (err) => { log('uncaughtException', err.message, err.domain); done(); });
  setTimeout(() => { throw new Error('no domain'); }, 1);
});

setTimeout(next, 1);
