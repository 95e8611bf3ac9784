'use strict';

// The public `util` module (Node 22).
//
// Loaded during bootstrap: `process` is touched only inside functions, and modules written by
// others (internal/errors, buffer) are required lazily at call time.

const {
  inspect,
  format,
  formatWithOptions,
  stripVTControlCharacters,
  isError: isErrorInternal,
} = require('internal/util/inspect');
const internalTypes = require('internal/util/types');
const { isDeepStrictEqual } = require('internal/util/comparisons');
const { TextDecoder, TextEncoder } = require('internal/encoding');

const ReflectApply = Reflect.apply;
const ReflectConstruct = Reflect.construct;
const ObjectDefineProperty = Object.defineProperty;
const ObjectDefineProperties = Object.defineProperties;
const ObjectGetOwnPropertyDescriptors = Object.getOwnPropertyDescriptors;
const ObjectGetPrototypeOf = Object.getPrototypeOf;
const ObjectSetPrototypeOf = Object.setPrototypeOf;
const ObjectKeys = Object.keys;
const ObjectValues = Object.values;
const ObjectEntries = Object.entries;
const ObjectPrototypeHasOwnProperty = Function.prototype.call.bind(Object.prototype.hasOwnProperty);
const ObjectPrototypeToString = Function.prototype.call.bind(Object.prototype.toString);
const ArrayIsArray = Array.isArray;
const NumberIsSafeInteger = Number.isSafeInteger;

// util.types is a plain object of the predicates (the internal module carries extra helpers).
const types = {};
for (const key of ObjectKeys(internalTypes)) types[key] = internalTypes[key];

// --- Errors -------------------------------------------------------------------------------------

let errorsModule;
function lazyErrors() {
  if (errorsModule === undefined) {
    try {
      errorsModule = require('internal/errors');
    } catch {
      errorsModule = null;
    }
  }
  return errorsModule;
}

// Node-shaped error from internal/errors; a plain error with the code if it is missing.
function nodeError(code, Base, args, fallbackMessage) {
  const errors = lazyErrors();
  const Ctor = errors && errors.codes && errors.codes[code];
  if (typeof Ctor === 'function') return new Ctor(...args);
  const err = new Base(fallbackMessage);
  ObjectDefineProperty(err, 'code', { __proto__: null, value: code, enumerable: true, writable: true, configurable: true });
  return err;
}

function describeReceived(value) {
  if (value == null) return ` Received ${value}`;
  if (typeof value === 'function') return ` Received function ${value.name}`;
  if (typeof value === 'object') {
    if (value.constructor && value.constructor.name) {
      return ` Received an instance of ${value.constructor.name}`;
    }
    return ` Received ${inspect(value, { depth: -1 })}`;
  }
  let shown = inspect(value, { colors: false });
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  return ` Received type ${typeof value} (${shown})`;
}

function invalidArgType(name, expected, value) {
  const kind = name.includes('.') ? 'property' : 'argument';
  const expectedText = ArrayIsArray(expected) ? expected.join(' or ') : expected;
  return nodeError('ERR_INVALID_ARG_TYPE', TypeError, [name, expected, value],
                   `The "${name}" ${kind} must be of type ${expectedText}.${describeReceived(value)}`);
}

function invalidArgValue(name, value, reason) {
  const kind = name.includes('.') ? 'property' : 'argument';
  return nodeError('ERR_INVALID_ARG_VALUE', TypeError, reason === undefined ? [name, value] : [name, value, reason],
                   `The ${kind} '${name}' ${reason || 'is invalid'}. Received ${inspect(value)}`);
}

function validateFunction(value, name) {
  if (typeof value !== 'function') throw invalidArgType(name, 'Function', value);
}

function validateString(value, name) {
  if (typeof value !== 'string') throw invalidArgType(name, 'string', value);
}

function validateBoolean(value, name) {
  if (typeof value !== 'boolean') throw invalidArgType(name, 'boolean', value);
}

function validateNumber(value, name) {
  if (typeof value !== 'number') throw invalidArgType(name, 'number', value);
}

function validateObject(value, name) {
  if (value === null || typeof value !== 'object' || ArrayIsArray(value)) {
    throw invalidArgType(name, 'Object', value);
  }
}

function validateArray(value, name) {
  if (!ArrayIsArray(value)) throw invalidArgType(name, 'Array', value);
}

// --- Deprecation --------------------------------------------------------------------------------

// Codes already warned about (one warning per code per process).
const codesWarned = new Set();

function emitWarning(...args) {
  if (typeof process === 'object' && process !== null && typeof process.emitWarning === 'function') {
    process.emitWarning(...args);
  }
}

/**
 * Wraps `fn` so that its first call emits a DeprecationWarning (once per `code`).
 */
function deprecate(fn, msg, code) {
  if (code !== undefined) validateString(code, 'code');
  let warned = false;
  function deprecated(...args) {
    // process.noDeprecation is read at call time, like Node.
    if (!warned && !(typeof process === 'object' && process !== null && process.noDeprecation)) {
      warned = true;
      if (code !== undefined) {
        if (!codesWarned.has(code)) {
          emitWarning(msg, 'DeprecationWarning', code, deprecated);
          codesWarned.add(code);
        }
      } else {
        emitWarning(msg, 'DeprecationWarning', deprecated);
      }
    }
    if (new.target) return ReflectConstruct(fn, args, new.target);
    return ReflectApply(fn, this, args);
  }
  // The wrapper keeps fn's prototype chain, length and prototype object.
  ObjectSetPrototypeOf(deprecated, fn);
  ObjectDefineProperty(deprecated, 'length', {
    __proto__: null,
    value: fn.length, writable: false, enumerable: false, configurable: true,
  });
  if (fn.prototype) deprecated.prototype = fn.prototype;
  return deprecated;
}

// --- inherits, promisify, callbackify -----------------------------------------------------------

/**
 * Legacy prototype inheritance: ctor.prototype inherits from superCtor.prototype.
 */
function inherits(ctor, superCtor) {
  if (ctor === undefined || ctor === null) throw invalidArgType('ctor', 'Function', ctor);
  if (superCtor === undefined || superCtor === null) {
    throw invalidArgType('superCtor', 'Function', superCtor);
  }
  if (superCtor.prototype === undefined) {
    throw invalidArgType('superCtor.prototype', 'Object', superCtor.prototype);
  }
  ObjectDefineProperty(ctor, 'super_', {
    __proto__: null,
    value: superCtor, writable: true, configurable: true,
  });
  ObjectSetPrototypeOf(ctor.prototype, superCtor.prototype);
}

const kCustomPromisifiedSymbol = Symbol.for('nodejs.util.promisify.custom');
// Our own builtins mark callback APIs that resolve with several values (e.g. dns.lookup resolves
// { address, family }) with this symbol holding the value names.
const { customPromisifyArgs: kCustomPromisifyArgsSymbol } = require('internal/util');

function promisify(original) {
  validateFunction(original, 'original');
  if (original[kCustomPromisifiedSymbol]) {
    const fn = original[kCustomPromisifiedSymbol];
    validateFunction(fn, 'util.promisify.custom');
    return ObjectDefineProperty(fn, kCustomPromisifiedSymbol, {
      __proto__: null, value: fn, enumerable: false, writable: false, configurable: true,
    });
  }
  // Names for callbacks that pass several values (resolved as an object).
  const argumentNames = original[kCustomPromisifyArgsSymbol];

  function fn(...args) {
    return new Promise((resolve, reject) => {
      args.push((err, ...values) => {
        if (err) return reject(err);
        if (argumentNames !== undefined && values.length > 1) {
          const obj = {};
          for (let i = 0; i < argumentNames.length; i++) obj[argumentNames[i]] = values[i];
          resolve(obj);
        } else {
          resolve(values[0]);
        }
      });
      const result = ReflectApply(original, this, args);
      if (internalTypes.isPromise(result)) {
        emitWarning('Calling promisify on a function that returns a Promise is likely a mistake.',
                    'DeprecationWarning', 'DEP0174');
      }
    });
  }

  ObjectSetPrototypeOf(fn, ObjectGetPrototypeOf(original));
  ObjectDefineProperty(fn, kCustomPromisifiedSymbol, {
    __proto__: null, value: fn, enumerable: false, writable: false, configurable: true,
  });
  const descriptors = ObjectGetOwnPropertyDescriptors(original);
  const values = ObjectValues(descriptors);
  for (let i = 0; i < values.length; i++) ObjectSetPrototypeOf(values[i], null);
  return ObjectDefineProperties(fn, descriptors);
}
promisify.custom = kCustomPromisifiedSymbol;

function callbackifyOnRejected(reason, cb) {
  // A falsy rejection reason would look like success to the callback: wrap it.
  if (!reason) {
    const newReason = nodeError('ERR_FALSY_VALUE_REJECTION', Error, [reason],
                                'Promise was rejected with falsy value');
    newReason.reason = reason;
    reason = newReason;
    if (typeof Error.captureStackTrace === 'function') {
      Error.captureStackTrace(reason, callbackifyOnRejected);
    }
  }
  return cb(reason);
}

function nextTick(fn, ...args) {
  if (typeof process === 'object' && process !== null && typeof process.nextTick === 'function') {
    process.nextTick(fn, ...args);
  } else {
    queueMicrotask(() => fn(...args));
  }
}

function callbackify(original) {
  validateFunction(original, 'original');
  function callbackified(...args) {
    const maybeCb = args.pop();
    if (typeof maybeCb !== 'function') {
      throw nodeError('ERR_INVALID_ARG_TYPE', TypeError, ['last argument', 'Function', maybeCb],
                      `The last argument must be of type function.${describeReceived(maybeCb)}`);
    }
    const cb = maybeCb.bind(this);
    // The callback runs on a later tick so its exceptions do not reject the promise.
    ReflectApply(original, this, args).then(
      (ret) => nextTick(cb, null, ret),
      (rej) => nextTick(callbackifyOnRejected, rej, cb));
  }
  const descriptors = ObjectGetOwnPropertyDescriptors(original);
  if (descriptors.length && typeof descriptors.length.value === 'number') {
    descriptors.length.value++;
  }
  if (descriptors.name && typeof descriptors.name.value === 'string') {
    descriptors.name.value += 'Callbackified';
  }
  const values = ObjectValues(descriptors);
  for (let i = 0; i < values.length; i++) ObjectSetPrototypeOf(values[i], null);
  ObjectDefineProperties(callbackified, descriptors);
  return callbackified;
}

// --- debuglog -----------------------------------------------------------------------------------

let debugImpls;
let testEnabled;

// NODE_DEBUG is read once, on first use.
function initializeDebugEnv() {
  debugImpls = { __proto__: null };
  let debugEnv;
  try {
    debugEnv = process.env.NODE_DEBUG;
  } catch {
    debugEnv = undefined;
  }
  if (debugEnv) {
    debugEnv = String(debugEnv)
      .replace(/[|\\{}()[\]^$+?.]/g, '\\$&')
      .replaceAll('*', '.*')
      .replaceAll(',', '$|^');
    const debugEnvRegex = new RegExp(`^${debugEnv}$`, 'i');
    testEnabled = (str) => debugEnvRegex.exec(str) !== null;
  } else {
    testEnabled = () => false;
  }
}

function colorDepthFromEnv() {
  const env = process.env;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    switch (force) {
      case '':
      case '1':
      case 'true':
        return 4;
      case '2':
        return 8;
      case '3':
        return 24;
      default:
        return 1;
    }
  }
  return undefined;
}

// Whether output to `stream` should be colored (internal/util/colors.shouldColorize).
function shouldColorize(stream) {
  try {
    const forced = colorDepthFromEnv();
    if (forced !== undefined) return forced > 2;
  } catch {
    // No environment access.
  }
  return Boolean(stream && stream.isTTY &&
    (typeof stream.getColorDepth === 'function' ? stream.getColorDepth() > 2 : true));
}

function noop() {}

function debuglogImpl(enabled, set) {
  if (debugImpls[set] === undefined) {
    if (enabled) {
      const pid = process.pid;
      if (set === 'HTTP' || set === 'HTTP2') {
        emitWarning(`Setting the NODE_DEBUG environment variable to '${set.toLowerCase()}' ` +
                    'can expose sensitive data (such as passwords, tokens and authentication ' +
                    'headers) in the resulting log.');
      }
      debugImpls[set] = function debug(...args) {
        const colors = shouldColorize(process.stderr);
        const msg = formatWithOptions({ colors }, ...args);
        const coloredPID = inspect(pid, { colors });
        process.stderr.write(format('%s %s: %s\n', set, coloredPID, msg));
      };
    } else {
      debugImpls[set] = noop;
    }
  }
  return debugImpls[set];
}

/**
 * Returns a logger that writes to stderr when NODE_DEBUG names `set`. `cb` receives the real
 * logging function on first use.
 */
function debuglog(set, cb) {
  let enabled;
  function init() {
    if (debugImpls === undefined) initializeDebugEnv();
    set = set.toUpperCase();
    enabled = testEnabled(set);
  }
  let debug = (...args) => {
    init();
    debug = debuglogImpl(enabled, set);
    if (typeof cb === 'function') cb(debug);
    return debug(...args);
  };
  let test = () => {
    init();
    test = () => enabled;
    return enabled;
  };
  const logger = (...args) => debug(...args);
  ObjectDefineProperty(logger, 'enabled', {
    __proto__: null,
    get() { return test(); },
    configurable: true,
    enumerable: true,
  });
  return logger;
}

// --- styleText ----------------------------------------------------------------------------------

function isStreamLike(stream) {
  if (stream === null || typeof stream !== 'object') return false;
  if (stream._readableState || stream._writableState) return true;
  if (typeof stream.on === 'function' &&
      (typeof stream.write === 'function' || typeof stream.pipe === 'function')) {
    return true;
  }
  // Web streams.
  return typeof stream.getReader === 'function' || typeof stream.getWriter === 'function';
}

function escapeStyleCode(code) {
  return `\u001b[${code}m`;
}

/**
 * Wraps `text` in the ANSI codes of `format` (a color/modifier name or an array of them), unless
 * `stream` should not be colored.
 */
function styleText(format, text, { validateStream = true, stream = process.stdout } = {}) {
  validateString(text, 'text');
  validateBoolean(validateStream, 'options.validateStream');
  let skipColorize;
  if (validateStream) {
    if (!isStreamLike(stream)) {
      throw invalidArgType('stream', ['ReadableStream', 'WritableStream', 'Stream'], stream);
    }
    skipColorize = !shouldColorize(stream);
  }
  const formats = ArrayIsArray(format) ? format : [format];
  let left = '';
  let right = '';
  for (const key of formats) {
    if (key === 'none') continue;
    const formatCodes = inspect.colors[key];
    if (formatCodes == null) {
      const allowed = ObjectKeys(inspect.colors);
      throw invalidArgValue('format', key,
                            `must be one of: ${allowed.map((v) => `'${v}'`).join(', ')}`);
    }
    if (skipColorize) continue;
    left += escapeStyleCode(formatCodes[0]);
    right = `${escapeStyleCode(formatCodes[1])}${right}`;
  }
  return skipColorize ? text : `${left}${text}${right}`;
}

// --- System errors ------------------------------------------------------------------------------

// The libuv errno table comes from internal/errors. Accepted shapes, first found wins:
// getSystemErrorMap() -> Map; uvErrmap / uvErrorMap / UV_ERRORS as a Map, an array of
// [errno, [name, message]] or an object keyed by errno; lazyUv().getErrorMap().
function getUvErrorMap() {
  const errors = lazyErrors();
  if (!errors) return new Map();
  if (typeof errors.getSystemErrorMap === 'function') return errors.getSystemErrorMap();
  for (const name of ['uvErrmap', 'uvErrorMap', 'UV_ERRORS', 'uvErrors']) {
    const table = errors[name];
    if (table instanceof Map) return new Map(table);
    if (ArrayIsArray(table)) return new Map(table);
    if (table !== null && typeof table === 'object') {
      const map = new Map();
      for (const key of ObjectKeys(table)) map.set(Number(key), table[key]);
      return map;
    }
  }
  if (typeof errors.lazyUv === 'function') {
    const uv = errors.lazyUv();
    if (uv && typeof uv.getErrorMap === 'function') return uv.getErrorMap();
  }
  return new Map();
}

function validateErrno(err) {
  validateNumber(err, 'err');
  if (err >= 0 || !NumberIsSafeInteger(err)) {
    throw nodeError('ERR_OUT_OF_RANGE', RangeError, ['err', 'a negative integer', err],
                    `The value of "err" is out of range. It must be a negative integer. Received ${err}`);
  }
}

function getSystemErrorName(err) {
  validateErrno(err);
  const errors = lazyErrors();
  if (errors && typeof errors.getSystemErrorName === 'function' &&
      errors.getSystemErrorName !== getSystemErrorName) {
    return errors.getSystemErrorName(err);
  }
  const entry = getUvErrorMap().get(err);
  return entry ? entry[0] : `Unknown system error ${err}`;
}

function getSystemErrorMessage(err) {
  validateErrno(err);
  const entry = getUvErrorMap().get(err);
  return entry ? entry[1] : `Unknown system error ${err}`;
}

function getSystemErrorMap() {
  return getUvErrorMap();
}

// Legacy helpers building errno-style errors; the classes live in internal/errors.
function _errnoException(err, syscall, original) {
  const errors = lazyErrors();
  if (typeof errors.ErrnoException === 'function') {
    return new errors.ErrnoException(err, syscall, original);
  }
  return errors.errnoException(err, syscall, original);
}

function _exceptionWithHostPort(err, syscall, address, port, additional) {
  const errors = lazyErrors();
  if (typeof errors.ExceptionWithHostPort === 'function') {
    return new errors.ExceptionWithHostPort(err, syscall, address, port, additional);
  }
  return errors.exceptionWithHostPort(err, syscall, address, port, additional);
}

// --- Small helpers ------------------------------------------------------------------------------

function toUSVString(input) {
  const str = `${input}`;
  if (typeof str.toWellFormed === 'function') return str.toWellFormed();
  return str.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
                     '\ufffd');
}

/**
 * Resolves once `signal` aborts, as long as `resource` is alive.
 */
function aborted(signal, resource) {
  return (async () => {
    if (signal === undefined) throw invalidArgType('signal', 'AbortSignal', signal);
    if (signal === null || typeof signal !== 'object' || !('aborted' in signal)) {
      throw invalidArgType('signal', 'AbortSignal', signal);
    }
    if (resource === null || (typeof resource !== 'object' && typeof resource !== 'function')) {
      throw invalidArgType('resource', 'object', resource);
    }
    if (signal.aborted) return undefined;
    return new Promise((resolve) => {
      signal.addEventListener('abort', () => resolve(), { once: true });
    });
  })();
}

function pad(n) {
  return n < 10 ? `0${n}` : `${n}`;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// 26 Feb 16:19:34
function timestamp() {
  const d = new Date();
  const t = [pad(d.getHours()), pad(d.getMinutes()), pad(d.getSeconds())].join(':');
  return `${d.getDate()} ${months[d.getMonth()]} ${t}`;
}

function log(...args) {
  // eslint-disable-next-line no-console
  console.log('%s - %s', timestamp(), format(...args));
}

function _extend(target, source) {
  // Don't do anything if source isn't an object.
  if (source === null || typeof source !== 'object') return target;
  const keys = ObjectKeys(source);
  let i = keys.length;
  while (i--) target[keys[i]] = source[keys[i]];
  return target;
}

function isBuffer(value) {
  return require('buffer').Buffer.isBuffer(value);
}

// --- getCallSites -------------------------------------------------------------------------------

// Call sites of the caller, from the engine hook `internal.natives.getCallSites(frames)` when
// present, else parsed from an Error stack (V8 or JavaScriptCore format).
function getCallSites(frameCount = 10, options) {
  if (options === undefined && typeof frameCount === 'object' && frameCount !== null) {
    options = frameCount;
    frameCount = 10;
  }
  validateNumber(frameCount, 'frameCount');
  if (frameCount < 1 || frameCount > 200 || !NumberIsSafeInteger(frameCount)) {
    throw nodeError('ERR_OUT_OF_RANGE', RangeError, ['frameCount', '>= 1 && <= 200', frameCount],
                    `The value of "frameCount" is out of range. It must be >= 1 && <= 200. Received ${frameCount}`);
  }
  const n = (typeof internal === 'object' && internal !== null) ? internal.natives : undefined;
  if (n && typeof n.getCallSites === 'function') return n.getCallSites(frameCount);
  const stack = String(new Error().stack || '');
  const lines = stack.split('\n');
  const sites = [];
  for (const line of lines) {
    let m = /^\s*at (?:(.*?) \()?(.*?):(\d+):(\d+)\)?$/.exec(line);
    let functionName;
    let scriptName;
    let lineNumber;
    let column;
    if (m) {
      functionName = m[1] || '';
      scriptName = m[2];
      lineNumber = +m[3];
      column = +m[4];
    } else {
      m = /^(?:(.*?)@)?(.*?):(\d+):(\d+)$/.exec(line);
      if (!m) continue;
      functionName = m[1] === 'global code' || m[1] === 'module code' ? '' : (m[1] || '');
      scriptName = m[2];
      lineNumber = +m[3];
      column = +m[4];
    }
    sites.push({ __proto__: null, functionName, scriptId: '0', scriptName, lineNumber, columnNumber: column, column });
  }
  // Drop this function's own frame.
  return sites.slice(1, 1 + frameCount);
}

let getCallSiteWarned = false;
function getCallSite(frameCount = 10, options) {
  if (!getCallSiteWarned) {
    getCallSiteWarned = true;
    emitWarning('The `util.getCallSite` API has been renamed to `util.getCallSites()`.',
                'ExperimentalWarning');
  }
  return getCallSites(frameCount, options);
}

// --- parseArgs ----------------------------------------------------------------------------------

function objectGetOwn(obj, prop) {
  if (ObjectPrototypeHasOwnProperty(obj, prop)) return obj[prop];
  return undefined;
}

function optionsGetOwn(options, longOption, prop) {
  if (ObjectPrototypeHasOwnProperty(options, longOption)) {
    return objectGetOwn(options[longOption], prop);
  }
  return undefined;
}

function parseArgsError(code, message) {
  return nodeError(code, TypeError, [message], message);
}

function unknownOption(option, allowPositionals) {
  const errors = lazyErrors();
  if (errors && errors.codes && typeof errors.codes.ERR_PARSE_ARGS_UNKNOWN_OPTION === 'function') {
    return new errors.codes.ERR_PARSE_ARGS_UNKNOWN_OPTION(option, allowPositionals);
  }
  const suggestDashDash = allowPositionals ?
    `. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- ${JSON.stringify(option)}` :
    '';
  return parseArgsError('ERR_PARSE_ARGS_UNKNOWN_OPTION', `Unknown option '${option}'${suggestDashDash}`);
}

function unexpectedPositional(value) {
  const errors = lazyErrors();
  if (errors && errors.codes &&
      typeof errors.codes.ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL === 'function') {
    return new errors.codes.ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL(value);
  }
  return parseArgsError('ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL',
                        `Unexpected argument '${value}'. This command does not take positional arguments`);
}

function invalidOptionValue(message) {
  return parseArgsError('ERR_PARSE_ARGS_INVALID_OPTION_VALUE', message);
}

function isOptionValue(value) {
  // Per the Utility Conventions, an option-argument may start with a dash.
  return value != null;
}

function isOptionLikeValue(value) {
  return value != null && value.length > 1 && value[0] === '-';
}

function findLongOptionForShort(shortOption, options) {
  for (const { 0: longOption, 1: optionConfig } of ObjectEntries(options)) {
    if (objectGetOwn(optionConfig, 'short') === shortOption) return longOption;
  }
  return shortOption;
}

function isLoneShortOption(arg) {
  return arg.length === 2 && arg[0] === '-' && arg[1] !== '-';
}

function isLoneLongOption(arg) {
  return arg.length > 2 && arg.startsWith('--') && !arg.includes('=', 3);
}

function isLongOptionAndValue(arg) {
  return arg.length > 2 && arg.startsWith('--') && arg.includes('=', 3);
}

function isShortOptionGroup(arg, options) {
  if (arg.length <= 2 || arg[0] !== '-' || arg[1] === '-') return false;
  const longOption = findLongOptionForShort(arg[1], options);
  return optionsGetOwn(options, longOption, 'type') !== 'string';
}

function isShortOptionAndValue(arg, options) {
  if (arg.length <= 2 || arg[0] !== '-' || arg[1] === '-') return false;
  const longOption = findLongOptionForShort(arg[1], options);
  return optionsGetOwn(options, longOption, 'type') === 'string';
}

// Splits argv into option, positional and option-terminator tokens.
function argsToTokens(args, options) {
  const tokens = [];
  let index = -1;
  let groupCount = 0;
  const remainingArgs = args.slice();
  while (remainingArgs.length > 0) {
    const arg = remainingArgs.shift();
    const nextArg = remainingArgs[0];
    if (groupCount > 0) {
      groupCount--;
    } else {
      index++;
    }

    if (arg === '--') {
      // Everything after a bare '--' is positional.
      tokens.push({ kind: 'option-terminator', index });
      for (const rest of remainingArgs) tokens.push({ kind: 'positional', index: ++index, value: rest });
      break;
    }

    if (isLoneShortOption(arg)) {
      // -f or -f value
      const shortOption = arg[1];
      const longOption = findLongOptionForShort(shortOption, options);
      let value;
      let inlineValue;
      if (optionsGetOwn(options, longOption, 'type') === 'string' && isOptionValue(nextArg)) {
        value = remainingArgs.shift();
        inlineValue = false;
      }
      tokens.push({ kind: 'option', name: longOption, rawName: arg, index, value, inlineValue });
      if (value != null) ++index;
      continue;
    }

    if (isShortOptionGroup(arg, options)) {
      // -fXzy expands to -f -X -z -y; a string option in the middle takes the rest (-abFILE).
      const expanded = [];
      for (let i = 1; i < arg.length; i++) {
        const shortOption = arg[i];
        const longOption = findLongOptionForShort(shortOption, options);
        if (optionsGetOwn(options, longOption, 'type') !== 'string' || i === arg.length - 1) {
          expanded.push(`-${shortOption}`);
        } else {
          expanded.push(`-${arg.slice(i)}`);
          break;
        }
      }
      remainingArgs.unshift(...expanded);
      groupCount = expanded.length;
      continue;
    }

    if (isShortOptionAndValue(arg, options)) {
      // -fFILE
      const shortOption = arg[1];
      const longOption = findLongOptionForShort(shortOption, options);
      const value = arg.slice(2);
      tokens.push({
        kind: 'option', name: longOption, rawName: `-${shortOption}`, index, value, inlineValue: true,
      });
      continue;
    }

    if (isLoneLongOption(arg)) {
      // --foo or --foo value
      const longOption = arg.slice(2);
      let value;
      let inlineValue;
      if (optionsGetOwn(options, longOption, 'type') === 'string' && isOptionValue(nextArg)) {
        value = remainingArgs.shift();
        inlineValue = false;
      }
      tokens.push({ kind: 'option', name: longOption, rawName: arg, index, value, inlineValue });
      if (value != null) ++index;
      continue;
    }

    if (isLongOptionAndValue(arg)) {
      // --foo=bar
      const equalIndex = arg.indexOf('=');
      const longOption = arg.slice(2, equalIndex);
      const value = arg.slice(equalIndex + 1);
      tokens.push({
        kind: 'option', name: longOption, rawName: `--${longOption}`, index, value, inlineValue: true,
      });
      continue;
    }

    tokens.push({ kind: 'positional', index, value: arg });
  }
  return tokens;
}

function checkOptionUsage(config, token) {
  let tokenName = token.name;
  if (!ObjectPrototypeHasOwnProperty(config.options, tokenName)) {
    // --no-foo negates a known boolean option when allowNegative is set.
    if (config.allowNegative && tokenName.startsWith('no-')) {
      tokenName = tokenName.slice(3);
      if (!ObjectPrototypeHasOwnProperty(config.options, tokenName) ||
          optionsGetOwn(config.options, tokenName, 'type') !== 'boolean') {
        throw unknownOption(token.rawName, config.allowPositionals);
      }
    } else {
      throw unknownOption(token.rawName, config.allowPositionals);
    }
  }
  const short = optionsGetOwn(config.options, tokenName, 'short');
  const shortAndLong = `${short ? `-${short}, ` : ''}--${tokenName}`;
  const type = optionsGetOwn(config.options, tokenName, 'type');
  if (type === 'string' && typeof token.value !== 'string') {
    throw invalidOptionValue(`Option '${shortAndLong} <value>' argument missing`);
  }
  if (type === 'boolean' && token.value != null) {
    throw invalidOptionValue(`Option '${shortAndLong}' does not take an argument`);
  }
}

function checkOptionLikeValue(token) {
  if (!token.inlineValue && isOptionLikeValue(token.value)) {
    // The short form of the example is offered only when a short option was used.
    const example = token.rawName.startsWith('--') ?
      `'${token.rawName}=-XYZ'` :
      `'--${token.name}=-XYZ' or '${token.rawName}-XYZ'`;
    const errorMessage = `Option '${token.rawName}' argument is ambiguous.
Did you forget to specify the option argument for '${token.rawName}'?
To specify an option argument starting with a dash use ${example}.`;
    throw invalidOptionValue(errorMessage);
  }
}

function storeOption(longOption, optionValue, options, values, allowNegative) {
  if (longOption === '__proto__') return;
  if (allowNegative && longOption.startsWith('no-') && optionValue === undefined) {
    // --no-foo stores false for foo.
    longOption = longOption.slice(3);
    optionValue = false;
  }
  // Store by value rather than type, to preserve what the user wrote.
  const newValue = optionValue ?? true;
  if (optionsGetOwn(options, longOption, 'multiple')) {
    if (values[longOption]) {
      values[longOption].push(newValue);
    } else {
      values[longOption] = [newValue];
    }
  } else {
    values[longOption] = newValue;
  }
}

function storeDefaultOption(longOption, optionValue, values) {
  if (longOption === '__proto__') return;
  values[longOption] = optionValue;
}

function getMainArgs() {
  // Scripts given with -e/-p have no script path in argv.
  const execArgv = process.execArgv || [];
  if (execArgv.includes('-e') || execArgv.includes('--eval') ||
      execArgv.includes('-p') || execArgv.includes('--print')) {
    return process.argv.slice(1);
  }
  return process.argv.slice(2);
}

function validateStringArray(value, name) {
  validateArray(value, name);
  for (let i = 0; i < value.length; i++) validateString(value[i], `${name}[${i}]`);
}

function validateBooleanArray(value, name) {
  validateArray(value, name);
  for (let i = 0; i < value.length; i++) validateBoolean(value[i], `${name}[${i}]`);
}

/**
 * Parses command-line arguments (Node's util.parseArgs).
 */
function parseArgs(config = {}) {
  const args = objectGetOwn(config, 'args') ?? getMainArgs();
  const strict = objectGetOwn(config, 'strict') ?? true;
  const allowPositionals = objectGetOwn(config, 'allowPositionals') ?? !strict;
  const returnTokens = objectGetOwn(config, 'tokens') ?? false;
  const allowNegative = objectGetOwn(config, 'allowNegative') ?? false;
  const options = objectGetOwn(config, 'options') ?? { __proto__: null };
  const parseConfig = { args, strict, options, allowPositionals, allowNegative };

  validateArray(args, 'args');
  validateBoolean(strict, 'strict');
  validateBoolean(allowPositionals, 'allowPositionals');
  validateBoolean(returnTokens, 'tokens');
  validateBoolean(allowNegative, 'allowNegative');
  validateObject(options, 'options');
  for (const { 0: longOption, 1: optionConfig } of ObjectEntries(options)) {
    validateObject(optionConfig, `options.${longOption}`);
    const optionType = objectGetOwn(optionConfig, 'type');
    if (optionType !== 'string' && optionType !== 'boolean') {
      throw invalidArgType(`options.${longOption}.type`, "('string|boolean')", optionType);
    }
    if (ObjectPrototypeHasOwnProperty(optionConfig, 'short')) {
      const shortOption = optionConfig.short;
      validateString(shortOption, `options.${longOption}.short`);
      if (shortOption.length !== 1) {
        throw invalidArgValue(`options.${longOption}.short`, shortOption,
                              'must be a single character');
      }
    }
    const multipleOption = objectGetOwn(optionConfig, 'multiple');
    if (ObjectPrototypeHasOwnProperty(optionConfig, 'multiple')) {
      validateBoolean(multipleOption, `options.${longOption}.multiple`);
    }
    const defaultValue = objectGetOwn(optionConfig, 'default');
    if (defaultValue !== undefined) {
      let validator;
      if (optionType === 'string') {
        validator = multipleOption ? validateStringArray : validateString;
      } else {
        validator = multipleOption ? validateBooleanArray : validateBoolean;
      }
      validator(defaultValue, `options.${longOption}.default`);
    }
  }

  // Phase 1: tokens.
  const tokens = argsToTokens(args, options);

  // Phase 2: values and positionals.
  const result = {
    values: { __proto__: null },
    positionals: [],
  };
  if (returnTokens) result.tokens = tokens;
  for (const token of tokens) {
    if (token.kind === 'option') {
      if (strict) {
        checkOptionUsage(parseConfig, token);
        checkOptionLikeValue(token);
      }
      storeOption(token.name, token.value, options, result.values, allowNegative);
    } else if (token.kind === 'positional') {
      if (!allowPositionals) throw unexpectedPositional(token.value);
      result.positionals.push(token.value);
    }
  }

  // Phase 3: defaults for options not given.
  for (const { 0: longOption, 1: optionConfig } of ObjectEntries(options)) {
    if (objectGetOwn(optionConfig, 'default') !== undefined &&
        result.values[longOption] === undefined) {
      storeDefaultOption(longOption, objectGetOwn(optionConfig, 'default'), result.values);
    }
  }
  return result;
}

// --- parseEnv -----------------------------------------------------------------------------------

// Parses dotenv content into an object (Node's util.parseEnv).
function parseEnv(content) {
  validateString(content, 'content');
  const store = {};
  const lines = content.replace(/\r\n?/g, '\n');
  let pos = 0;
  while (pos < lines.length) {
    let lineEnd = lines.indexOf('\n', pos);
    if (lineEnd === -1) lineEnd = lines.length;
    let line = lines.slice(pos, lineEnd).trim();
    pos = lineEnd + 1;
    if (line === '' || line[0] === '#') continue;
    if (line.startsWith('export ')) line = line.slice(7).trimStart();
    const equal = line.indexOf('=');
    if (equal === -1) continue;
    const key = line.slice(0, equal).trim();
    if (key === '') continue;
    let value = line.slice(equal + 1).trim();
    const quote = value[0];
    if (quote === '"' || quote === "'" || quote === '`') {
      // Quoted values may span lines; find the closing quote in the remaining content.
      const rest = value.slice(1) + (pos <= lines.length ? `\n${lines.slice(pos)}` : '');
      const close = rest.indexOf(quote);
      if (close !== -1) {
        const inner = rest.slice(0, close);
        const consumed = inner.split('\n').length - 1;
        // Skip the lines consumed by a multi-line value.
        for (let i = 0; i < consumed; i++) {
          const next = lines.indexOf('\n', pos);
          pos = next === -1 ? lines.length : next + 1;
        }
        value = quote === '"' ? inner.replace(/\\n/g, '\n') : inner;
        store[key] = value;
        continue;
      }
    }
    const hash = value.indexOf('#');
    if (hash !== -1) value = value.slice(0, hash).trim();
    store[key] = value;
  }
  return store;
}

// --- Module -------------------------------------------------------------------------------------

// Wrappers with the same lengths as Node's implementations (the deprecation wrapper copies them).
function isArray(arg) { return ArrayIsArray(arg); }
function isBoolean(arg) { return typeof arg === 'boolean'; }
function isNull(arg) { return arg === null; }
function isNullOrUndefined(arg) { return arg === null || arg === undefined; }
function isNumber(arg) { return typeof arg === 'number'; }
function isString(arg) { return typeof arg === 'string'; }
function isSymbol(arg) { return typeof arg === 'symbol'; }
function isUndefined(arg) { return arg === undefined; }
function isRegExp() { return internalTypes.isRegExp(arguments[0]); }
function isObject(arg) { return arg !== null && typeof arg === 'object'; }
function isDate() { return internalTypes.isDate(arguments[0]); }
function isError(e) {
  // Node's legacy check, tag-based on purpose (see the deprecation message).
  return ObjectPrototypeToString(e) === '[object Error]' || isErrorInternal(e);
}
function isFunction(arg) { return typeof arg === 'function'; }
function isPrimitive(arg) {
  return arg === null || (typeof arg !== 'object' && typeof arg !== 'function');
}

function transferableAbortSignal(signal) {
  if (signal === null || typeof signal !== 'object' || !('aborted' in signal)) {
    throw invalidArgType('signal', 'AbortSignal', signal);
  }
  return signal;
}

function transferableAbortController() {
  return new AbortController();
}

function setTraceSigInt(enable) {
  validateBoolean(enable, 'enable');
}

module.exports = {
  _errnoException,
  _exceptionWithHostPort,
  _extend: deprecate(_extend, 'The `util._extend` API is deprecated. Please use Object.assign() instead.',
                     'DEP0060'),
  callbackify,
  debug: debuglog,
  debuglog,
  deprecate,
  format,
  styleText,
  formatWithOptions,
  getCallSite,
  getCallSites,
  getSystemErrorMap,
  getSystemErrorName,
  getSystemErrorMessage,
  inherits,
  inspect,
  isArray: deprecate(isArray,
                     'The `util.isArray` API is deprecated. Please use `Array.isArray()` instead.',
                     'DEP0044'),
  isBoolean: deprecate(isBoolean,
                       'The `util.isBoolean` API is deprecated.  Please use ' +
                       '`typeof arg === "boolean"` instead.', 'DEP0045'),
  isBuffer: deprecate(isBuffer,
                      'The `util.isBuffer` API is deprecated. Please use `Buffer.isBuffer()` ' +
                      'instead.', 'DEP0046'),
  isDeepStrictEqual,
  isNull: deprecate(isNull,
                    'The `util.isNull` API is deprecated. Please use `arg === null` instead.',
                    'DEP0050'),
  isNullOrUndefined: deprecate(isNullOrUndefined,
                               'The `util.isNullOrUndefined` API is deprecated. Please use ' +
                               '`arg === null || arg === undefined` instead.', 'DEP0051'),
  isNumber: deprecate(isNumber,
                      'The `util.isNumber` API is deprecated. Please use ' +
                      '`typeof arg === "number"` instead.', 'DEP0052'),
  isString: deprecate(isString,
                      'The `util.isString` API is deprecated.  Please use ' +
                      '`typeof arg === "string"` instead.', 'DEP0056'),
  isSymbol: deprecate(isSymbol,
                      'The `util.isSymbol` API is deprecated.  Please use ' +
                      '`arg === "symbol"` instead.', 'DEP0057'),
  isUndefined: deprecate(isUndefined,
                         'The `util.isUndefined` API is deprecated. Please use ' +
                         '`arg === undefined` instead.', 'DEP0058'),
  isRegExp: deprecate(isRegExp,
                      'The `util.isRegExp` API is deprecated. Please use ' +
                      '`arg instanceof RegExp` instead.', 'DEP0055'),
  isObject: deprecate(isObject,
                      'The `util.isObject` API is deprecated. Please use ' +
                      '`arg !== null && typeof arg === "object"` instead.', 'DEP0053'),
  isDate: deprecate(isDate,
                    'The `util.isDate` API is deprecated.  Please use `arg instanceof Date` ' +
                    'instead.', 'DEP0047'),
  isError: deprecate(isError,
                     'The `util.isError` API is deprecated. Please use ' +
                     '`ObjectPrototypeToString(e) === "[object Error]" || e instanceof Error` ' +
                     'instead.', 'DEP0048'),
  isFunction: deprecate(isFunction,
                        'The `util.isFunction` API is deprecated.  Please use ' +
                        '`typeof arg === "function"` instead.', 'DEP0049'),
  isPrimitive: deprecate(isPrimitive,
                         'The `util.isPrimitive` API is deprecated. Please use ' +
                         '`arg === null || (typeof arg !== "object" && typeof arg !== "function")` ' +
                         'instead.', 'DEP0054'),
  log: deprecate(log,
                 'The `util.log API is deprecated. Please use console.log() with a custom ' +
                 'formatter or a third-party logger instead.', 'DEP0059'),
  promisify,
  stripVTControlCharacters,
  toUSVString,
  transferableAbortSignal,
  transferableAbortController,
  aborted,
  types,
  parseEnv,
  parseArgs,
  TextDecoder,
  TextEncoder,
  setTraceSigInt,
};
