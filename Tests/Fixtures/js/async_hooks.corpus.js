'use strict';
// Corpus for `async_hooks`: AsyncLocalStorage propagation through the scheduling entry points
// the sandbox wraps (promise then/catch/finally, Promise.all, queueMicrotask, process.nextTick,
// setTimeout, setInterval, setImmediate), AsyncResource, bind,
// snapshot, exit, disable, enterWith, createHook and the module's shape.
// Continuations after `await` are deliberately absent: the sandbox's engine (JavaScriptCore)
// cannot propagate context into them (see async_hooks.js).
const asyncHooks = require('async_hooks');
const { AsyncLocalStorage, AsyncResource } = asyncHooks;
const util = require('util');
const EventEmitter = require('events');

function log(...parts) {
  console.log(parts.map((p) => (typeof p === 'string' ? p : util.inspect(p))).join(' '));
}

// Steps run one after another; each calls done() when its asynchronous part is over. Every
// step starts in the top-level (empty) context, whatever context called done().
const steps = [];
let runInRoot;
function step(name, fn) {
  steps.push({ name, fn });
}
function next(i = 0) {
  if (i >= steps.length) {
    log('--- done');
    return;
  }
  const { name, fn } = steps[i];
  log(`--- ${name}`);
  let finished = false;
  const done = () => {
    if (finished) return;
    finished = true;
    setTimeout(() => runInRoot(next, i + 1), 1);
  };
  try {
    fn(done);
  } catch (e) {
    log('THROWS', String(e));
    done();
  }
}

const als = new AsyncLocalStorage();
const other = new AsyncLocalStorage();

step('module shape', (done) => {
  log(Object.keys(asyncHooks).join(','));
  log(typeof asyncHooks.executionAsyncId(), typeof asyncHooks.triggerAsyncId(),
    typeof asyncHooks.executionAsyncResource());
  log(Object.getPrototypeOf(asyncHooks.asyncWrapProviders) === null, Object.isFrozen(asyncHooks.asyncWrapProviders));
  log(JSON.stringify(asyncHooks.asyncWrapProviders));
  log(util.inspect(new AsyncLocalStorage()));
  done();
});

step('sync run', (done) => {
  log('outside', als.getStore());
  const r = als.run({ id: 1 }, (a, b) => {
    log('inside', als.getStore(), a, b);
    als.run({ id: 2 }, () => log('nested', als.getStore()));
    log('after nested', als.getStore());
    other.run('o', () => log('two storages', als.getStore(), other.getStore()));
    return 'ret';
  }, 'x', 'y');
  log('returned', r, 'outside again', als.getStore());
  try {
    als.run(3, () => { throw new Error('boom'); });
  } catch (e) {
    log('thrown', e.message, 'store restored', als.getStore());
  }
  log('same store fast path', als.run(undefined, () => als.getStore()));
  done();
});

step('promise then/catch/finally', (done) => {
  let pending = 4;
  const fin = () => { if (--pending === 0) done(); };
  als.run('then-store', () => {
    Promise.resolve(1).then((v) => {
      log('then', v, als.getStore());
      return v + 1;
    }).then((v) => {
      log('then 2', v, als.getStore());
      fin();
    });
    Promise.reject(new Error('r')).catch((e) => {
      log('catch', e.message, als.getStore());
      fin();
    });
    Promise.resolve().finally(() => {
      log('finally', als.getStore());
      fin();
    });
    Promise.all([Promise.resolve('a'), 'b']).then((v) => {
      log('all', v.join(), als.getStore());
      fin();
    });
  });
  log('sync after run', als.getStore());
});

step('then registered in another context', (done) => {
  let resolve;
  const p = als.run('creator', () => new Promise((r) => { resolve = r; }));
  als.run('registrar', () => {
    p.then(() => {
      log('then sees registrar', als.getStore());
      done();
    });
  });
  als.run('resolver', () => resolve());
});

step('queueMicrotask / nextTick', (done) => {
  let pending = 2;
  const fin = () => { if (--pending === 0) done(); };
  als.run('micro', () => {
    queueMicrotask(() => {
      log('queueMicrotask', als.getStore());
      fin();
    });
    process.nextTick((a, b) => {
      log('nextTick', als.getStore(), a, b);
      fin();
    }, 1, 2);
  });
});

step('timers', (done) => {
  let pending = 3;
  const fin = () => { if (--pending === 0) done(); };
  als.run('timer', () => {
    setTimeout((a) => {
      log('setTimeout', als.getStore(), a);
      fin();
    }, 2, 'arg');
    setImmediate(() => {
      log('setImmediate', als.getStore());
      fin();
    });
    let n = 0;
    const iv = setInterval(() => {
      n++;
      log('setInterval', n, als.getStore());
      if (n === 2) {
        clearInterval(iv);
        fin();
      }
    }, 1);
  });
  log('timer outside', als.getStore());
});

step('nested scheduling', (done) => {
  als.run('outer', () => {
    setTimeout(() => {
      log('level 1', als.getStore());
      als.run('inner', () => {
        process.nextTick(() => {
          log('level 2 tick', als.getStore());
          Promise.resolve().then(() => {
            log('level 3 then', als.getStore());
            setImmediate(() => {
              log('level 4 immediate', als.getStore());
              done();
            });
          });
        });
      });
      log('level 1 after inner run', als.getStore());
    }, 1);
  });
});

step('enterWith', (done) => {
  setTimeout(() => {
    log('before enterWith', als.getStore());
    als.enterWith('entered');
    log('after enterWith', als.getStore());
    setTimeout(() => {
      log('timer after enterWith', als.getStore());
      done();
    }, 1);
  }, 1);
});

step('exit', (done) => {
  als.run('exit-store', () => {
    const r = als.exit((a) => {
      log('in exit', als.getStore(), a);
      setTimeout(() => {
        log('timer from exit', als.getStore());
        done();
      }, 1);
      return 'exit-ret';
    }, 'arg');
    log('exit returned', r, 'after exit', als.getStore());
  });
});

step('disable', (done) => {
  const s = new AsyncLocalStorage();
  s.run('d', () => {
    log('before disable', s.getStore(), s.enabled);
    s.disable();
    log('after disable', s.getStore(), s.enabled);
    setTimeout(() => {
      log('timer after disable', s.getStore());
      s.run('again', () => log('run re-enables', s.getStore(), s.enabled));
      done();
    }, 1);
  });
});

step('EventEmitter listeners are not bound', (done) => {
  const ee = new EventEmitter();
  als.run('listener-added', () => {
    ee.on('x', () => log('listener sees', als.getStore()));
  });
  als.run('emitter', () => ee.emit('x'));
  ee.emit('x');
  done();
});

step('AsyncLocalStorage.bind / snapshot', (done) => {
  const bound = als.run('bound-store', () => AsyncLocalStorage.bind((a) => `${als.getStore()}:${a}`));
  log('bound', bound('x'), bound.name, bound.length);
  const snap = als.run('snap-store', () => AsyncLocalStorage.snapshot());
  log('snapshot', snap(() => als.getStore()), snap((a, b) => `${als.getStore()}${a}${b}`, 1, 2), snap.name, snap.length);
  als.run('elsewhere', () => log('bound inside run', bound('y')));
  done();
});

step('AsyncResource', (done) => {
  const r = als.run('resource-store', () => new AsyncResource('MyResource'));
  log(typeof r.asyncId(), typeof r.triggerAsyncId(), r.asyncId() > 0);
  log('runInAsyncScope', r.runInAsyncScope(function (a, b) { return `${als.getStore()} ${this.t} ${a} ${b}`; }, { t: 'this' }, 1, 2));
  log('emitDestroy returns this', r.emitDestroy() === r);
  const f = r.bind(function named(a, b, c) { return `${als.getStore()} ${a}`; });
  log('bind', f('p'), f.name, f.length, Object.keys(f).join());
  const g = r.bind(function () { return this.v; }, { v: 'thisArg' });
  log('bind thisArg', g(), g.name);
  const h = AsyncResource.bind(function hello() { return als.getStore(); });
  log('static bind', h(), h.name);
  const explicit = new AsyncResource('X', { triggerAsyncId: 42 });
  log('explicit trigger', explicit.triggerAsyncId());
  const numeric = new AsyncResource('X', 7);
  log('numeric trigger', numeric.triggerAsyncId());
  for (const bad of [{ triggerAsyncId: -2 }, { triggerAsyncId: 1.5 }, -3]) {
    try {
      new AsyncResource('X', bad);
    } catch (e) {
      log('bad trigger', e.name, e.code, e.message);
    }
  }
  for (const badType of [1, undefined, null, {}]) {
    try {
      new AsyncResource(badType);
    } catch (e) {
      log('bad type', e.name, e.code, e.message);
    }
  }
  try {
    r.bind(1);
  } catch (e) {
    log('bind non-function', e.code, e.message);
  }
  const ids = r.runInAsyncScope(() => [asyncHooks.executionAsyncId() === r.asyncId(),
    asyncHooks.triggerAsyncId() === r.triggerAsyncId(), asyncHooks.executionAsyncResource() === r]);
  log('ids inside scope', ids.join());
  done();
});

step('createHook', (done) => {
  const hook = asyncHooks.createHook({ init() {}, before() {}, after() {}, destroy() {}, promiseResolve() {} });
  log('enable returns hook', hook.enable() === hook, 'disable returns hook', hook.disable() === hook);
  log(Object.keys(hook).length, Object.getOwnPropertySymbols(hook).length);
  for (const name of ['init', 'before', 'after', 'destroy', 'promiseResolve']) {
    try {
      asyncHooks.createHook({ [name]: 'nope' });
    } catch (e) {
      log('bad hook', e.name, e.code, e.message);
    }
  }
  log(typeof asyncHooks.createHook({}).enable);
  done();
});

step('store objects are identical', (done) => {
  const store = { counter: 0 };
  als.run(store, () => {
    setTimeout(() => {
      als.getStore().counter++;
      Promise.resolve().then(() => {
        als.getStore().counter++;
        log('same object', als.getStore() === store, store.counter);
        done();
      });
    }, 1);
  });
});

runInRoot = AsyncLocalStorage.snapshot();
next();
