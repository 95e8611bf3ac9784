// SecureExec's own stand-in for Node's `test/common` module, written from how the files in
// Node's test/parallel use it (see tools/conformance/README.md). The conformance harness lays it
// out as <stage>/test/common so that `require('../common')` in a test file resolves here.
//
// Call checks (mustCall & co.) are verified when the process emits 'exit': a failed check is
// printed to stdout and the exit code becomes 1.
'use strict';

const assert = require('assert');
const fs = require('fs');
const path = require('path');
const util = require('util');

const { inspect } = util;  // tests delete util.inspect to check it is not needed

const env = process.env;
const platform = process.platform;

// Tests replace built-ins (Object.keys, Array.prototype methods, Object.prototype.get, ...) to
// check that Node's modules do not depend on them; our own checks must not either.
const ObjectKeys = Object.keys;
const ObjectDefineProperty = Object.defineProperty;
const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
const ReflectApply = Reflect.apply;
const ReflectConstruct = Reflect.construct;
const ArrayPrototypeIncludes = Array.prototype.includes;
const ArrayPrototypePush = Array.prototype.push;
const StringPrototypeSplit = (s, sep) => Reflect.apply(String.prototype.split, s, [sep]);
const StringPrototypeStartsWith = (s, prefix) => Reflect.apply(String.prototype.startsWith, s, [prefix]);
const RegExpPrototypeExec = (re, s) => Reflect.apply(RegExp.prototype.exec, re, [s]);
const stdout = process.stdout;
const stdoutWrite = stdout.write;

// ---------------------------------------------------------------------------------------------
// Platform and feature flags. The sandbox has no OpenSSL, no inspector and no child processes of
// its own; the flags report what the runtime really offers so that guarded tests skip.

const isWindows = platform === 'win32';
const isLinux = platform === 'linux';
const isOSX = platform === 'darwin';
const isAIX = platform === 'aix';
const isSunOS = platform === 'sunos';
const isFreeBSD = platform === 'freebsd';
const isOpenBSD = platform === 'openbsd';
// os is loaded on first use only: test-os-checked-function patches os's binding after loading
// common and before loading os.
let osModule;
const os = () => (osModule === undefined ? (osModule = require('os')) : osModule);
const isIBMi = () => os().type() === 'OS400';
const isLinuxPPCBE = () => isLinux && process.arch === 'ppc64' && os().endianness() === 'BE';

function canRequire(id) {
  try {
    require(id);
    return true;
  } catch {
    return false;
  }
}

let isMainThread = true;
try {
  isMainThread = require('worker_threads').isMainThread !== false;
} catch {
  // No worker_threads: there is only the main thread.
}

const hasIntl = typeof Intl === 'object' && Intl !== null &&
  typeof Intl.DateTimeFormat === 'function';

function detectIPv6() {
  try {
    const interfaces = os().networkInterfaces();
    return Object.values(interfaces).some((list) =>
      (list || []).some((info) => info.family === 'IPv6' || info.family === 6));
  } catch {
    return false;
  }
}

const isDumbTerminal = env.TERM === 'dumb';
const PORT = Number(env.NODE_COMMON_PORT) || 12346;
const localhostIPv4 = '127.0.0.1';
const localIPv6Hosts = isLinux ? ['ip6-localhost', 'ip6-loopback', 'ipv6-localhost', 'ipv6-loopback', 'localhost'] : ['localhost'];

// ---------------------------------------------------------------------------------------------
// Call checks.

const callChecks = [];

function callSite() {
  // "file:line:column" of the first stack frame outside this folder: the test's own call. (Frame
  // counting would not do: JavaScriptCore drops the frames of strict-mode tail calls.) Index loops
  // only: tests create checks after replacing Array iterators.
  const frames = StringPrototypeSplit(String(new Error().stack || ''), '\n');
  for (let i = 0; i < frames.length; i++) {
    // V8 "    at fn (/file:1:2)" / "    at /file:1:2", JavaScriptCore "fn@/file:1:2" / "@/file:1:2".
    const m = RegExpPrototypeExec(/(?:^|[@(\s])(\/[^()@]*?:\d+:\d+)\)?\s*$/, frames[i]);
    if (m && !StringPrototypeStartsWith(m[1], `${__dirname}/`)) return m[1];
  }
  return '<unknown>';
}

function copyFunctionShape(target, fn) {
  // Keep `name` and `length` of the wrapped function: events, streams and util check them.
  const keys = ['name', 'length'];
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const desc = ObjectGetOwnPropertyDescriptor(fn, key);
    if (desc && 'value' in desc) {
      try {
        ObjectDefineProperty(target, key, { __proto__: null, value: desc.value, configurable: true });
      } catch {
        // Non-configurable on the target: leave it.
      }
    }
  }
  return target;
}

function noop() {}

function registerCheck(fn, count, kind) {
  if (typeof fn === 'number') {
    count = fn;
    fn = noop;
  } else if (fn === undefined) {
    fn = noop;
  }
  if (count === undefined) count = 1;
  if (typeof count !== 'number' || Number.isNaN(count)) {
    throw new TypeError(`Invalid ${kind === 'exact' ? 'exact' : 'minimum'} value: ${count}`);
  }
  if (typeof fn !== 'function') {
    throw new TypeError(`Expected a function, got ${inspect(fn)}`);
  }
  const check = { kind, count, actual: 0, site: callSite(), name: fn.name || '<anonymous>' };
  ReflectApply(ArrayPrototypePush, callChecks, [check]);
  const wrapper = function(...args) {
    check.actual++;
    return new.target ? ReflectConstruct(fn, args, new.target) : ReflectApply(fn, this, args);
  };
  return copyFunctionShape(wrapper, fn);
}

function mustCall(fn, exact) {
  return registerCheck(fn, exact, 'exact');
}

function mustCallAtLeast(fn, minimum) {
  return registerCheck(fn, minimum, 'minimum');
}

function mustSucceed(fn, exact) {
  return mustCall(function(err, ...args) {
    assert.ifError(err);
    if (typeof fn === 'function') return Reflect.apply(fn, this, args);
  }, exact);
}

function mustNotCall(message) {
  const site = callSite().replace(/:\d+$/, '');  // "file:line", as Node's common reports it
  return function mustNotCall(...args) {
    const details = args.length > 0 ?
      `\ncalled with arguments: ${args.map((a) => inspect(a)).join(', ')}` : '';
    assert.fail(`${message || 'function should not have been called'} at ${site}${details}`);
  };
}

// The failed checks as one message, '' when all passed. Index loops and string concatenation only:
// this runs at 'exit', after the test may have replaced iterators or Array methods.
function failedChecksReport() {
  let report = '';
  for (let i = 0; i < callChecks.length; i++) {
    const check = callChecks[i];
    const exact = check.kind === 'exact';
    if (exact ? check.actual === check.count : check.actual >= check.count) continue;
    report += `Mismatched ${check.name} function calls. Expected ${exact ? 'exactly' : 'at least'} ` +
      `${check.count}, actual ${check.actual}.\n    at ${check.site}\n`;
  }
  return report;
}

// ---------------------------------------------------------------------------------------------
// Errors and warnings.

function expectsError(validator, exact) {
  return mustCall((...args) => {
    if (args.length !== 1) {
      assert.fail(`Expected one argument, got ${inspect(args)}`);
    }
    const [error] = args;
    if (error !== null && typeof error === 'object') {
      const desc = Object.getOwnPropertyDescriptor(error, 'message');
      if (desc) assert.strictEqual(desc.enumerable, false, 'error.message must not be enumerable');
    }
    assert.throws(() => { throw error; }, validator);
    return true;
  }, exact);
}

// name -> list of [message (string or RegExp), code]
const expectedWarnings = new Map();
let warningListenerInstalled = false;

function normalizeExpectedWarnings(name, expected, code) {
  let list;
  if (typeof expected === 'string' || expected instanceof RegExp) {
    list = [[expected, code]];
  } else if (Array.isArray(expected)) {
    list = Array.isArray(expected[0]) ? expected.map((e) => [e[0], e[1]]) : [[expected[0], expected[1]]];
  } else if (expected !== null && typeof expected === 'object') {
    list = Object.keys(expected).map((key) => [expected[key], key]);
  } else {
    throw new TypeError(`Invalid expected warnings for ${name}: ${inspect(expected)}`);
  }
  if (name === 'DeprecationWarning') {
    for (const [, c] of list) assert(c, `DeprecationWarning expectations need a code: ${inspect(list)}`);
  }
  return list;
}

function onWarning(warning) {
  const list = expectedWarnings.get(warning.name);
  if (list === undefined) {
    throw new TypeError(`"${warning.name}" was triggered without being expected.\n${inspect(warning)}`);
  }
  list.check(warning);
}

function expectWarningsFor(name, expected, code) {
  const list = normalizeExpectedWarnings(name, expected, code);
  list.check = mustCall((warning) => {
    const next = list.shift();
    if (next === undefined) assert.fail(`Unexpected extra warning received: ${warning}`);
    const [message, warningCode] = next;
    assert.strictEqual(warning.name, name);
    if (message instanceof RegExp) {
      assert.match(warning.message, message);
    } else {
      assert.strictEqual(warning.message, message);
    }
    assert.strictEqual(warning.code, warningCode);
  }, list.length);
  expectedWarnings.set(name, list);
}

function expectWarning(nameOrMap, expected, code) {
  if (!warningListenerInstalled) {
    warningListenerInstalled = true;
    process.on('warning', onWarning);
  }
  if (typeof nameOrMap === 'string') {
    expectWarningsFor(nameOrMap, expected, code);
  } else {
    for (const name of Object.keys(nameOrMap)) expectWarningsFor(name, nameOrMap[name]);
  }
}

// The tail of ERR_INVALID_ARG_TYPE's message (" Received ...") for `input`, worded as the Node
// version the sandbox emulates (22) words it; Node 18's differs only for anonymous functions and
// strings longer than 28 characters.
function invalidArgTypeHelper(input) {
  if (input == null) return ` Received ${input}`;
  if (typeof input === 'function') return ` Received function ${input.name}`;
  if (typeof input === 'object') {
    if (input.constructor && 'name' in input.constructor) {
      return ` Received an instance of ${input.constructor.name}`;
    }
    return ` Received ${inspect(input, { depth: -1 })}`;
  }
  if (typeof input === 'string') {
    const shown = input.length > 28 ? `${input.slice(0, 25)}...` : input;
    return ` Received type string (${shown.includes("'") ? JSON.stringify(shown) : `'${shown}'`})`;
  }
  let shown = inspect(input, { colors: false });
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  return ` Received type ${typeof input} (${shown})`;
}

// ---------------------------------------------------------------------------------------------
// Skipping.

function printSkipMessage(message) {
  console.log(`1..0 # Skipped: ${message}`);
}

function skip(message) {
  printSkipMessage(message);
  process.exit(0);
}

function skipIf32Bits() {
  if (!['x64', 'arm64', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64el'].includes(process.arch)) {
    skip('The tested feature is not available in 32bit builds');
  }
}

function skipIfWorker() {
  if (!isMainThread) skip('This test only works on a main thread');
}

function skipIfInspectorDisabled() {
  if (!canRequire('inspector')) skip('V8 inspector is disabled');
}

function skipIfEslintMissing() {
  if (!fs.existsSync(path.join(__dirname, '..', '..', 'tools', 'node_modules', 'eslint'))) {
    skip('missing ESLint');
  }
}

function skipIfDumbTerminal() {
  if (isDumbTerminal) skip('skipping - dumb terminal');
}

// ---------------------------------------------------------------------------------------------
// Assorted helpers.

function platformTimeout(ms) {
  const factor = Number(env.SECURE_EXEC_TIMEOUT_FACTOR) || 1;
  if (typeof ms === 'bigint') return ms * BigInt(Math.ceil(factor));
  return ms * factor;
}

const bufferViewTypes = [
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array, DataView,
];

function getArrayBufferViews(buf) {
  const views = [];
  for (const Type of bufferViewTypes) {
    const size = Type.BYTES_PER_ELEMENT || 1;
    if (buf.byteLength % size === 0) {
      views.push(new Type(buf.buffer, buf.byteOffset, buf.byteLength / size));
    }
  }
  return views;
}

function getBufferSources(buf) {
  return [...getArrayBufferViews(buf), new Uint8Array(buf).buffer];
}

function getCallSite(fn) {
  // "file:line" of the call to getCallSite (fn is accepted for compatibility).
  void fn;
  const site = callSite();
  return site.replace(/:\d+$/, '');
}

function getTTYfd() {
  const tty = require('tty');
  for (const fd of [0, 1, 2]) {
    try {
      if (tty.isatty(fd)) return fd;
    } catch {
      // keep looking
    }
  }
  return -1;
}

function isAlive(pid) {
  try {
    process.kill(pid, 'SIGCONT');
    return true;
  } catch {
    return false;
  }
}

function nodeProcessAborted(exitCode, signal) {
  if (isWindows) return exitCode === 0xC0000409 || exitCode === 134;
  if (signal !== null && signal !== undefined) return ['SIGABRT', 'SIGTRAP', 'SIGILL'].includes(signal);
  return exitCode === 134 || exitCode === 133 || exitCode === 132;
}

function childShouldThrowAndAbort() {
  // Node's helper runs this through a shell; the sandbox grants `node` only, so no shell.
  const { execFile } = require('child_process');
  const child = execFile(process.execPath, ['--abort-on-uncaught-exception', require.main.filename, 'child']);
  child.on('exit', mustCall((exitCode, signal) => {
    assert(nodeProcessAborted(exitCode, signal),
           `expected an abort, got exit code ${exitCode} and signal ${signal}`);
  }));
}

function spawnPromisified(...args) {
  const { spawn } = require('child_process');
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const child = spawn(...args);
    if (child.stdout) { child.stdout.setEncoding('utf8'); child.stdout.on('data', (d) => { stdout += d; }); }
    if (child.stderr) { child.stderr.setEncoding('utf8'); child.stderr.on('data', (d) => { stderr += d; }); }
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

function runWithInvalidFD(fn) {
  // Count down from a huge descriptor until one is not open.
  for (let fd = 2 ** 30; fd > 2 ** 30 - 64; fd--) {
    try {
      fs.fstatSync(fd);
    } catch {
      return fn(fd);
    }
  }
  printSkipMessage('Could not generate an invalid fd');
}

function requireNoPackageJSONAbove(dir = __dirname) {
  let current = path.resolve(dir, '..');
  for (;;) {
    const candidate = path.join(current, 'package.json');
    let exists = false;
    try {
      exists = fs.existsSync(candidate);
    } catch {
      // unreadable: treat as absent
    }
    if (exists) assert.fail(`This test shouldn't load properties from a package.json above its file location. Found package.json at ${candidate}.`);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
}

function createZeroFilledFile(filename) {
  fs.writeFileSync(filename, Buffer.alloc(10 * 1024 * 1024));
}

async function gcUntil(name, condition) {
  if (typeof globalThis.gc !== 'function') {
    throw new Error(`gcUntil(${name}): global.gc is not available (run with --expose-gc)`);
  }
  for (let i = 0; i < 10; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    globalThis.gc();
    if (condition()) return;
  }
  throw new Error(`Test ${name} failed`);
}

// A proxy that fails the test on any attempt to change `target` or anything reachable from it.
const mutationProxies = new WeakMap();
function mustNotMutateObjectDeep(target) {
  if (target === null || typeof target !== 'object') return target;
  if (mutationProxies.has(target)) return mutationProxies.get(target);
  const refuse = (what) => (_t, key) => {
    assert.fail(`Expected no side effects, got ${what} ${typeof key === 'symbol' ? key.toString() : inspect(key)}`);
  };
  const proxy = new Proxy(target, {
    get(t, key, receiver) {
      const value = Reflect.get(t, key, receiver);
      const desc = Reflect.getOwnPropertyDescriptor(t, key);
      // Invariant: a non-configurable, non-writable data property must be returned as is.
      if (desc && !desc.configurable && !desc.writable && 'value' in desc) return value;
      return mustNotMutateObjectDeep(value);
    },
    set: refuse('set'),
    defineProperty: refuse('defineProperty'),
    deleteProperty: refuse('deleteProperty'),
    setPrototypeOf: () => assert.fail('Expected no side effects, got setPrototypeOf'),
    preventExtensions: () => assert.fail('Expected no side effects, got preventExtensions'),
    isExtensible: (t) => Reflect.isExtensible(t),
  });
  mutationProxies.set(target, proxy);
  return proxy;
}

// ---------------------------------------------------------------------------------------------
// Leaked globals: an enumerable global that appeared while the test ran and was not allowed.

const globalsAtStart = ObjectKeys(globalThis);
const allowedGlobalValues = [];
function allowGlobals(...allowlist) {
  ReflectApply(ArrayPrototypePush, allowedGlobalValues, allowlist);
  return [...allowedGlobalValues];
}

function leakedGlobalsReport() {
  if (env.NODE_TEST_KNOWN_GLOBALS === '0') return '';
  const keys = ObjectKeys(globalThis);
  let leaked = '';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (ReflectApply(ArrayPrototypeIncludes, globalsAtStart, [key])) continue;
    let value;
    try {
      value = globalThis[key];
    } catch {
      continue;
    }
    if (!ReflectApply(ArrayPrototypeIncludes, allowedGlobalValues, [value])) leaked += (leaked ? ', ' : '') + key;
  }
  return leaked;
}

// At exit: failed call checks are printed to stdout and make the exit code 1; leaked globals
// throw an AssertionError.
process.on('exit', (code) => {
  const report = failedChecksReport();
  if (report !== '') {
    ReflectApply(stdoutWrite, stdout, [report]);
    if (!code) process.exitCode = 1;
  }
  const leaked = leakedGlobalsReport();
  if (leaked !== '') assert.fail(`Unexpected global(s) found: ${leaked}`);
});

// ---------------------------------------------------------------------------------------------

// Created on first use (it needs the per-test temporary folder).
let pipePath;

module.exports = {
  allowGlobals,
  canCreateSymLink: () => !isWindows,
  checkoutEOL: isWindows ? '\r\n' : '\n',
  childShouldThrowAndAbort,
  createZeroFilledFile,
  expectsError,
  expectWarning,
  gcUntil,
  getArrayBufferViews,
  getBufferSources,
  getCallSite,
  getTTYfd,
  hasCrypto: true,
  hasFipsCrypto: false,
  hasIntl,
  hasMultiLocalhost: () => false,
  hasOpenSSL3: false,
  hasOpenSSL31: false,
  hasQuic: false,
  inFreeBSDJail: false,
  invalidArgTypeHelper,
  isAIX,
  isAlive,
  isAsan: false,
  isDumbTerminal,
  isFreeBSD,
  isLinux,
  isMainThread,
  isOpenBSD,
  isOSX,
  isSunOS,
  isWindows,
  localhostIPv4,
  localIPv6Hosts,
  mustCall,
  mustCallAtLeast,
  mustNotCall,
  mustNotMutateObjectDeep,
  mustSucceed,
  nodeProcessAborted,
  opensslCli: false,
  platformTimeout,
  printSkipMessage,
  pwdCommand: isWindows ? ['cmd.exe', ['/d', '/c', 'cd']] : ['pwd', []],
  requireNoPackageJSONAbove,
  runWithInvalidFD,
  skip,
  skipIf32Bits,
  skipIfDumbTerminal,
  skipIfEslintMissing,
  skipIfInspectorDisabled,
  skipIfWorker,
  spawnPromisified,
  PORT,

  get enoughTestMem() {
    return os().totalmem() > 0x70000000;
  },
  get isIBMi() {
    return isIBMi();
  },
  get isLinuxPPCBE() {
    return isLinuxPPCBE();
  },
  get hasIPv6() {
    return detectIPv6();
  },
  get PIPE() {
    if (pipePath === undefined) {
      const tmpdir = require('./tmpdir');
      pipePath = path.join(tmpdir.path, `node-test.${process.pid}.sock`);
    }
    return pipePath;
  },
};
