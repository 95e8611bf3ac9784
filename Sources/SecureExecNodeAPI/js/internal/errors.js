'use strict';

// Node 22's error machinery: the `codes` table of ERR_* error classes plus the
// helpers Node's own modules use to build errno-style and system errors.
// Every observable detail (name, code, message, toString(), own properties)
// follows Node 22.20 because guest code and its test suites compare them
// verbatim.

const kIsNodeError = Symbol('kIsNodeError');
// Shared with internal/lazy_errors so both name the same symbol.
const { kEnhanceStackBeforeInspector, hideStackFrames } = require('internal/lazy_errors');

// ---------------------------------------------------------------------------
// Formatting. Node formats "Received ..." parts with util.inspect. The inspect
// module is loaded lazily (it depends on this module) and, should it be
// unavailable, a small formatter covering the common shapes stands in.

let inspectModule = null;
function lazyInspectModule() {
  if (inspectModule === null) {
    try {
      const m = require('internal/util/inspect');
      // A module still in the middle of loading (a require cycle) has no
      // inspect yet; only cache a usable one.
      if (typeof m.inspect === 'function') inspectModule = m;
    } catch {
      // Fall through to the simple formatter.
    }
  }
  return inspectModule;
}

function inspect(value, options) {
  const m = lazyInspectModule();
  if (m !== null) return m.inspect(value, options);
  return simpleInspect(value, options && options.depth !== undefined ? options.depth : 2, 0);
}

function format(...args) {
  const m = lazyInspectModule();
  if (m !== null && typeof m.format === 'function') return m.format(...args);
  return simpleFormat(args);
}

const kIdentifier = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
const customInspectSymbol = Symbol.for('nodejs.util.inspect.custom');

function quoteString(str) {
  // Same quote preference as util.inspect: ', then ", then `.
  let quote = "'";
  if (str.includes("'")) {
    if (!str.includes('"')) quote = '"';
    else if (!str.includes('`') && !str.includes('${')) quote = '`';
  }
  let out = '';
  for (let i = 0; i < str.length; i++) {
    const ch = str[i];
    const code = str.charCodeAt(i);
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
    else out += ch;
  }
  return `${quote}${out}${quote}`;
}

function formatNumber(n) {
  return Object.is(n, -0) ? '-0' : `${n}`;
}

function functionBase(fn) {
  if (/^class\b/.test(Function.prototype.toString.call(fn))) {
    return fn.name ? `[class ${fn.name}]` : '[class (anonymous)]';
  }
  // Function, AsyncFunction, GeneratorFunction, AsyncGeneratorFunction.
  const kind = Object.prototype.toString.call(fn).slice(8, -1);
  return fn.name ? `[${kind}: ${fn.name}]` : `[${kind} (anonymous)]`;
}

function constructorName(obj) {
  let proto = Object.getPrototypeOf(obj);
  while (proto !== null) {
    const desc = Object.getOwnPropertyDescriptor(proto, 'constructor');
    if (desc !== undefined && typeof desc.value === 'function' && desc.value.name !== '') {
      return desc.value.name;
    }
    proto = Object.getPrototypeOf(proto);
  }
  return null;
}

// A reduced util.inspect: exact for primitives and short plain objects and
// arrays, approximate beyond that. Only used when internal/util/inspect is
// not available.
function simpleInspect(value, depth, level) {
  switch (typeof value) {
    case 'string': return quoteString(value);
    case 'number': return formatNumber(value);
    case 'bigint': return `${value}n`;
    case 'boolean': return `${value}`;
    case 'undefined': return 'undefined';
    case 'symbol': return value.toString();
    case 'function': return functionBase(value);
  }
  if (value === null) return 'null';
  const custom = value[customInspectSymbol];
  if (typeof custom === 'function' && custom !== inspect) {
    const result = Reflect.apply(custom, value, [depth - level, { depth: depth - level }, inspect]);
    if (result !== value) return typeof result === 'string' ? result : simpleInspect(result, depth, level);
  }
  if (value instanceof Error) {
    // V8 stacks start with "Name: message"; others (JavaScriptCore) do not.
    const header = Error.prototype.toString.call(value);
    return typeof value.stack === 'string' && value.stack.startsWith(header) ? value.stack : `[${header}]`;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value instanceof RegExp) return `${value}`;

  const name = constructorName(value);
  const isArray = Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
  let prefix;
  if (name === null) prefix = isArray ? '[Array(' + value.length + '): null prototype] ' : '[Object: null prototype] ';
  else if (isArray) prefix = name === 'Array' ? '' : `${name}(${value.length}) `;
  else if (value instanceof Map || value instanceof Set) prefix = `${name}(${value.size}) `;
  else prefix = name === 'Object' ? '' : `${name} `;

  const size = isArray ? value.length : (value instanceof Map || value instanceof Set) ? value.size : 0;
  const keys = Object.keys(value).filter((k) => !isArray || !(String(k >>> 0) === k && (k >>> 0) < value.length));
  const symbols = Object.getOwnPropertySymbols(value)
    .filter((s) => Object.prototype.propertyIsEnumerable.call(value, s));
  const empty = size === 0 && keys.length === 0 && symbols.length === 0;
  const braces = isArray ? ['[', ']'] : ['{', '}'];

  if (empty) return `${prefix}${braces[0]}${braces[1]}`;
  if (level > depth) {
    if (name === null) return '[Object: null prototype]';
    return `[${isArray ? 'Array' : name}]`;
  }

  const parts = [];
  if (isArray) {
    for (let i = 0; i < value.length; i++) {
      if (i in value) parts.push(simpleInspect(value[i], depth, level + 1));
      else {
        let holes = 1;
        while (i + 1 < value.length && !(i + 1 in value)) { holes++; i++; }
        parts.push(`<${holes} empty item${holes > 1 ? 's' : ''}>`);
      }
    }
  } else if (value instanceof Map) {
    for (const [k, v] of value) {
      parts.push(`${simpleInspect(k, depth, level + 1)} => ${simpleInspect(v, depth, level + 1)}`);
    }
  } else if (value instanceof Set) {
    for (const v of value) parts.push(simpleInspect(v, depth, level + 1));
  }
  for (const key of keys) {
    const shownKey = kIdentifier.test(key) ? key : quoteString(key);
    parts.push(`${shownKey}: ${simpleInspect(value[key], depth, level + 1)}`);
  }
  for (const sym of symbols) {
    parts.push(`[${sym.toString()}]: ${simpleInspect(value[sym], depth, level + 1)}`);
  }

  const oneLine = `${prefix}${braces[0]} ${parts.join(', ')} ${braces[1]}`;
  if (oneLine.length + level * 2 <= 72 && !oneLine.includes('\n')) return oneLine;
  const indent = '  '.repeat(level);
  return `${prefix}${braces[0]}\n${indent}  ${parts.join(`,\n${indent}  `)}\n${indent}${braces[1]}`;
}

// util.format for the specifiers error templates use (%s %d %i %f %j %o %O %c %%).
function simpleFormat(args) {
  const first = args[0];
  if (typeof first !== 'string') {
    return args.map((a) => (typeof a === 'string' ? a : simpleInspect(a, 2, 0))).join(' ');
  }
  let a = 1;
  let out = '';
  let last = 0;
  for (let i = 0; i < first.length - 1; i++) {
    if (first[i] !== '%') continue;
    const c = first[i + 1];
    if (c === '%') {
      out += first.slice(last, i) + '%';
      last = i + 2;
      i++;
      continue;
    }
    if (a >= args.length || !'sdifjoOc'.includes(c)) continue;
    const arg = args[a++];
    let piece;
    switch (c) {
      case 's':
        if (typeof arg === 'number') piece = formatNumber(arg);
        else if (typeof arg === 'bigint') piece = `${arg}n`;
        else if (typeof arg === 'object' && arg !== null) piece = simpleInspect(arg, 0, 0);
        else piece = String(arg);
        break;
      case 'd':
        piece = typeof arg === 'bigint' ? `${arg}n` :
          typeof arg === 'symbol' ? 'NaN' : formatNumber(Number(arg));
        break;
      case 'i':
        piece = typeof arg === 'bigint' ? `${arg}n` :
          typeof arg === 'symbol' ? 'NaN' : formatNumber(Number.parseInt(arg));
        break;
      case 'f':
        piece = typeof arg === 'symbol' ? 'NaN' : formatNumber(Number.parseFloat(arg));
        break;
      case 'j':
        try { piece = JSON.stringify(arg); } catch { piece = '[Circular]'; }
        break;
      case 'o':
      case 'O':
        piece = simpleInspect(arg, c === 'o' ? 4 : 2, 0);
        break;
      case 'c':
        piece = '';
        break;
    }
    out += first.slice(last, i) + piece;
    last = i + 2;
    i++;
  }
  out += first.slice(last);
  for (; a < args.length; a++) {
    const arg = args[a];
    out += ` ${typeof arg === 'string' ? arg : simpleInspect(arg, 2, 0)}`;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Error classes.

const messages = new Map();
const codes = {};

function assert(value, message) {
  if (!value) throw new codes.ERR_INTERNAL_ASSERTION(message);
}

function isErrorStackTraceLimitWritable() {
  const desc = Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit');
  if (desc === undefined) return Object.isExtensible(Error);
  return Object.prototype.hasOwnProperty.call(desc, 'writable') ? desc.writable : desc.set !== undefined;
}

function expectedArgumentCount(template) {
  // As Node, an unknown key (no template) expects no arguments rather than throwing here.
  return (`${template}`.match(/%[dfijoOs]/g) || []).length;
}

function argumentCountMessage(key, given, expected) {
  return `Code: ${key}; The provided arguments length (${given}) does not ` +
    `match the required ones (${expected}).`;
}

// Builds the message for `key` from its template or message function; `self`
// is the error under construction (some messages attach extra properties).
function getMessage(key, args, self) {
  const msg = messages.get(key);
  if (typeof msg === 'function') {
    // Parameters with defaults do not count towards Function#length.
    assert(msg.length <= args.length, argumentCountMessage(key, args.length, msg.length));
    return Reflect.apply(msg, self, args);
  }
  const expected = expectedArgumentCount(msg);
  assert(expected === args.length, argumentCountMessage(key, args.length, expected));
  if (args.length === 0) return msg;
  return format(msg, ...args);
}

// The class for one code and one base class. As in Node, instances report the
// base class as their constructor, keep `name` from the base class, carry an
// enumerable own `code`, and print as "Name [CODE]: message".
function makeNodeErrorWithCode(Base, key) {
  class NodeError extends Base {
    constructor(...args) {
      const msg = messages.get(key);
      if (typeof msg === 'string') {
        const expected = expectedArgumentCount(msg);
        assert(args.length === expected, argumentCountMessage(key, args.length, expected));
        super(expected === 0 ? msg : format(msg, ...args));
        this.code = key;
      } else {
        super();
        this.code = key;
        Object.defineProperty(this, 'message', {
          __proto__: null,
          value: getMessage(key, args, this),
          enumerable: false,
          writable: true,
          configurable: true,
        });
      }
    }

    get ['constructor']() {
      return Base;
    }

    get [kIsNodeError]() {
      return true;
    }

    toString() {
      return `${this.name} [${key}]: ${this.message}`;
    }
  }
  // Node's validators throw through `ERR_X.HideStackFramesError` to trim stack
  // frames; the trimming is a V8 nicety, so the alias is the class itself.
  Object.defineProperty(NodeError, 'HideStackFramesError', {
    __proto__: null,
    value: NodeError, writable: true, enumerable: false, configurable: true,
  });
  return NodeError;
}

let BufferCtor;
function lazyBuffer() {
  if (BufferCtor === undefined) BufferCtor = require('buffer').Buffer;
  return BufferCtor;
}

// Errors wrapping a libuv-style context ({ errno, code, syscall, message,
// path?, dest? }) under a Node error code, e.g. ERR_FS_EISDIR.
class SystemError extends Error {
  constructor(key, context) {
    super();
    const prefix = getMessage(key, [], this);
    let message = `${prefix}: ${context.syscall} returned ` +
                  `${context.code} (${context.message})`;
    if (context.path !== undefined) message += ` ${context.path}`;
    if (context.dest !== undefined) message += ` => ${context.dest}`;

    this.code = key;
    Object.defineProperties(this, {
      [kIsNodeError]: { __proto__: null, value: true, enumerable: false, writable: false, configurable: true },
      name: { __proto__: null, value: 'SystemError', enumerable: false, writable: true, configurable: true },
      message: { __proto__: null, value: message, enumerable: false, writable: true, configurable: true },
      info: { __proto__: null, value: context, enumerable: true, configurable: true, writable: false },
      errno: {
        __proto__: null,
        get() { return context.errno; },
        set: (value) => { context.errno = value; },
        enumerable: true,
        configurable: true,
      },
      syscall: {
        __proto__: null,
        get() { return context.syscall; },
        set: (value) => { context.syscall = value; },
        enumerable: true,
        configurable: true,
      },
    });
    // path/dest read back as strings and are stored as Buffers, like Node.
    for (const prop of ['path', 'dest']) {
      if (context[prop] === undefined) continue;
      Object.defineProperty(this, prop, {
        __proto__: null,
        get() { return context[prop] != null ? context[prop].toString() : context[prop]; },
        set: (value) => { context[prop] = value ? lazyBuffer().from(value.toString()) : undefined; },
        enumerable: true,
        configurable: true,
      });
    }
  }

  toString() {
    return `${this.name} [${this.code}]: ${this.message}`;
  }

  [customInspectSymbol](recurseTimes, ctx) {
    return inspect(this, { ...ctx, getters: true, customInspect: false });
  }
}

function makeSystemErrorWithCode(key) {
  class NodeError extends SystemError {
    constructor(ctx) {
      super(key, ctx);
    }
  }
  Object.defineProperty(NodeError, 'HideStackFramesError', {
    __proto__: null,
    value: NodeError, writable: true, enumerable: false, configurable: true,
  });
  return NodeError;
}

// Registers a code. `message` is a util.format template or a function called
// with the constructor arguments (`this` is the new error). Extra base classes
// become variants, e.g. codes.ERR_INVALID_ARG_VALUE.RangeError.
// Classes are made on first use: building all of them costs about a millisecond, paid by every
// call (each call starts from a fresh context), while a call uses a handful.
function E(key, message, Base, ...otherBases) {
  messages.set(key, message);
  Object.defineProperty(codes, key, {
    __proto__: null,
    configurable: true,
    enumerable: true,
    get() {
      const ErrClass = Base === SystemError ?
        makeSystemErrorWithCode(key) :
        makeNodeErrorWithCode(Base, key);
      for (let i = 0; i < otherBases.length; i++) {
        ErrClass[otherBases[i].name] = makeNodeErrorWithCode(otherBases[i], key);
      }
      Object.defineProperty(codes, key, { __proto__: null, value: ErrClass, writable: true, configurable: true, enumerable: true });
      return ErrClass;
    },
    set(value) {
      Object.defineProperty(codes, key, { __proto__: null, value, writable: true, configurable: true, enumerable: true });
    },
  });
}

// Message templates (util.format style), grouped by base class.
const templates = {
  TypeError: {
    ERR_AMBIGUOUS_ARGUMENT: 'The "%s" argument is ambiguous. %s',
    ERR_ARG_NOT_ITERABLE: '%s must be iterable',
    ERR_ASYNC_CALLBACK: '%s must be a function',
    ERR_ASYNC_TYPE: 'Invalid name for async "type": %s',
    ERR_CONSOLE_WRITABLE_STREAM: 'Console expects a writable stream instance for %s',
    ERR_CONSTRUCT_CALL_REQUIRED: 'Class constructor %s cannot be invoked without `new`',
    ERR_CRYPTO_ECDH_INVALID_FORMAT: 'Invalid ECDH format: %s',
    ERR_CRYPTO_INVALID_DIGEST: 'Invalid digest: %s',
    ERR_CRYPTO_INVALID_JWK: 'Invalid JWK data',
    ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE: 'Invalid key object type %s, expected %s.',
    ERR_FEATURE_UNAVAILABLE_ON_PLATFORM: 'The feature %s is unavailable on the current platform, which is being used to run Node.js',
    ERR_HTTP2_ALTSVC_INVALID_ORIGIN: 'HTTP/2 ALTSVC frames require a valid origin',
    ERR_HTTP2_ALTSVC_LENGTH: 'HTTP/2 ALTSVC frames are limited to 16382 bytes',
    ERR_HTTP2_HEADER_SINGLE_VALUE: 'Header field "%s" must only have a single value',
    ERR_HTTP2_INVALID_CONNECTION_HEADERS: 'HTTP/1 Connection specific headers are forbidden: "%s"',
    ERR_HTTP2_INVALID_HEADER_VALUE: 'Invalid value "%s" for header "%s"',
    ERR_HTTP2_INVALID_ORIGIN: 'HTTP/2 ORIGIN frames require a valid origin',
    ERR_HTTP2_INVALID_PSEUDOHEADER: '"%s" is an invalid pseudoheader or is used incorrectly',
    ERR_HTTP2_ORIGIN_LENGTH: 'HTTP/2 ORIGIN frames are limited to 16382 bytes',
    ERR_HTTP2_PSEUDOHEADER_NOT_ALLOWED: 'Cannot set HTTP/2 pseudo-headers',
    ERR_HTTP_INVALID_HEADER_VALUE: 'Invalid value "%s" for header "%s"',
    ERR_ILLEGAL_CONSTRUCTOR: 'Illegal constructor',
    ERR_IMPORT_ATTRIBUTE_MISSING: 'Module "%s" needs an import attribute of "%s: %s"',
    ERR_IMPORT_ATTRIBUTE_TYPE_INCOMPATIBLE: 'Module "%s" is not of type "%s"',
    ERR_INCOMPATIBLE_OPTION_PAIR: 'Option "%s" cannot be used in combination with option "%s"',
    ERR_INVALID_CURSOR_POS: 'Cannot set cursor row without setting its column',
    ERR_INVALID_FD_TYPE: 'Unsupported fd type: %s',
    ERR_INVALID_FILE_URL_HOST: 'File URL host must be "localhost" or empty on %s',
    ERR_INVALID_HANDLE_TYPE: 'This handle type cannot be sent',
    ERR_INVALID_HTTP_TOKEN: '%s must be a valid HTTP token ["%s"]',
    ERR_INVALID_IP_ADDRESS: 'Invalid IP address: %s',
    ERR_INVALID_OBJECT_DEFINE_PROPERTY: '%s',
    ERR_INVALID_PROTOCOL: 'Protocol "%s" not supported. Expected "%s"',
    ERR_INVALID_REPL_EVAL_CONFIG: 'Cannot specify both "breakEvalOnSigint" and "eval" for REPL',
    ERR_INVALID_REPL_INPUT: '%s',
    ERR_INVALID_SYNC_FORK_INPUT: 'Asynchronous forks do not support Buffer, TypedArray, DataView or string input: %s',
    ERR_INVALID_THIS: 'Value of "this" must be of type %s',
    ERR_INVALID_TUPLE: '%s must be an iterable %s tuple',
    ERR_MISSING_OPTION: '%s is required',
    ERR_NAPI_CONS_FUNCTION: 'Constructor must be a function',
    ERR_NO_ICU: '%s is not supported on Node.js compiled without ICU',
    ERR_PARSE_ARGS_INVALID_OPTION_VALUE: '%s',
    ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL: "Unexpected argument '%s'. This command does not take positional arguments",
    ERR_PERFORMANCE_INVALID_TIMESTAMP: '%d is not a valid timestamp',
    ERR_PERFORMANCE_MEASURE_INVALID_OPTIONS: '%s',
    ERR_SOCKET_BAD_BUFFER_SIZE: 'Buffer size must be a positive integer',
    ERR_SOCKET_BAD_TYPE: 'Bad socket type specified. Valid types are: udp4, udp6',
    ERR_STREAM_NULL_VALUES: 'May not write null values to stream',
    ERR_TLS_ALPN_CALLBACK_WITH_PROTOCOLS: 'The ALPNCallback and ALPNProtocols TLS options are mutually exclusive',
    ERR_TLS_INVALID_CONTEXT: '%s must be a SecureContext',
    ERR_TLS_INVALID_PROTOCOL_VERSION: '%j is not a valid %s TLS protocol version',
    ERR_TLS_PROTOCOL_VERSION_CONFLICT: 'TLS protocol version %j conflicts with secureProtocol %j',
    ERR_TRACE_EVENTS_CATEGORY_REQUIRED: 'At least one category is required',
    ERR_TRAILING_JUNK_AFTER_STREAM_END: 'Trailing junk found after the end of the compressed stream',
    ERR_UNESCAPED_CHARACTERS: '%s contains unescaped characters',
    ERR_UNKNOWN_ENCODING: 'Unknown encoding: %s',
    ERR_UNKNOWN_FILE_EXTENSION: 'Unknown file extension "%s" for %s',
    ERR_UNKNOWN_SIGNAL: 'Unknown signal: %s',
    ERR_UNSUPPORTED_RESOLVE_REQUEST: 'Failed to resolve module specifier "%s" from "%s": Invalid relative URL or base scheme is not hierarchical.',
    ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING: 'A dynamic import callback was not specified.',
    ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG: 'A dynamic import callback was invoked without --experimental-vm-modules',
    ERR_WEBASSEMBLY_RESPONSE: 'WebAssembly response %s',
    ERR_WORKER_UNSUPPORTED_OPERATION: '%s is not supported in workers',
  },
  Error: {
    ERR_INVALID_ADDRESS: 'Invalid socket address',
    ERR_ASSERTION: '%s',
    ERR_CANNOT_WATCH_SIGINT: 'Cannot watch for SIGINT signals',
    ERR_CHILD_CLOSED_BEFORE_REPLY: 'Child closed before reply received',
    ERR_CHILD_PROCESS_IPC_REQUIRED: "Forked processes must have an IPC channel, missing value 'ipc' in %s",
    ERR_CONTEXT_NOT_INITIALIZED: 'context used is not initialized',
    ERR_CRYPTO_CUSTOM_ENGINE_NOT_SUPPORTED: 'Custom engines not supported by this OpenSSL',
    ERR_CRYPTO_ECDH_INVALID_PUBLIC_KEY: 'Public key is not valid for specified curve',
    ERR_CRYPTO_ENGINE_UNKNOWN: 'Engine "%s" was not found',
    ERR_CRYPTO_FIPS_FORCED: 'Cannot set FIPS mode, it was forced with --force-fips at startup.',
    ERR_CRYPTO_FIPS_UNAVAILABLE: 'Cannot set FIPS mode in a non-FIPS build.',
    ERR_CRYPTO_HASH_FINALIZED: 'Digest already called',
    ERR_CRYPTO_HASH_UPDATE_FAILED: 'Hash update failed',
    ERR_CRYPTO_INCOMPATIBLE_KEY: 'Incompatible %s: %s',
    ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS: 'The selected key encoding %s %s.',
    ERR_CRYPTO_INVALID_STATE: 'Invalid state for operation %s',
    ERR_CRYPTO_PBKDF2_ERROR: 'PBKDF2 error',
    ERR_CRYPTO_SCRYPT_INVALID_PARAMETER: 'Invalid scrypt parameter',
    ERR_CRYPTO_SCRYPT_NOT_SUPPORTED: 'Scrypt algorithm not supported',
    ERR_CRYPTO_SIGN_KEY_REQUIRED: 'No key provided to sign',
    ERR_DEBUGGER_ERROR: '%s',
    ERR_DEBUGGER_STARTUP_ERROR: '%s',
    ERR_DIR_CLOSED: 'Directory handle was closed',
    ERR_DIR_CONCURRENT_OPERATION: 'Cannot do synchronous work on directory handle with concurrent asynchronous operations',
    ERR_DNS_SET_SERVERS_FAILED: 'c-ares failed to set servers: "%s" [%s]',
    ERR_DOMAIN_CALLBACK_NOT_AVAILABLE: 'A callback was registered through process.setUncaughtExceptionCaptureCallback(), which is mutually exclusive with using the `domain` module',
    ERR_DOMAIN_CANNOT_SET_UNCAUGHT_EXCEPTION_CAPTURE: 'The `domain` module is in use, which is mutually exclusive with calling process.setUncaughtExceptionCaptureCallback()',
    ERR_DUPLICATE_STARTUP_SNAPSHOT_MAIN_FUNCTION: 'Deserialize main function is already configured.',
    ERR_EVAL_ESM_CANNOT_PRINT: '--print cannot be used with ESM input',
    ERR_EVENT_RECURSION: 'The event "%s" is already being dispatched',
    ERR_FS_INVALID_SYMLINK_TYPE: 'Symlink type must be one of "dir", "file", or "junction". Received "%s"',
    ERR_FS_WATCH_QUEUE_OVERFLOW: 'fs.watch() queued more than %d events',
    ERR_HTTP2_CONNECT_AUTHORITY: ':authority header is required for CONNECT requests',
    ERR_HTTP2_CONNECT_PATH: 'The :path header is forbidden for CONNECT requests',
    ERR_HTTP2_CONNECT_SCHEME: 'The :scheme header is forbidden for CONNECT requests',
    ERR_HTTP2_GOAWAY_SESSION: 'New streams cannot be created after receiving a GOAWAY',
    ERR_HTTP2_HEADERS_AFTER_RESPOND: 'Cannot specify additional headers after response initiated',
    ERR_HTTP2_HEADERS_SENT: 'Response has already been initiated.',
    ERR_HTTP2_INVALID_SESSION: 'The session has been destroyed',
    ERR_HTTP2_INVALID_STREAM: 'The stream has been destroyed',
    ERR_HTTP2_MAX_PENDING_SETTINGS_ACK: 'Maximum number of pending settings acknowledgements',
    ERR_HTTP2_NESTED_PUSH: 'A push stream cannot initiate another push stream.',
    ERR_HTTP2_NO_MEM: 'Out of memory',
    ERR_HTTP2_NO_SOCKET_MANIPULATION: 'HTTP/2 sockets should not be directly manipulated (e.g. read and written)',
    ERR_HTTP2_OUT_OF_STREAMS: 'No stream ID is available because maximum stream ID has been reached',
    ERR_HTTP2_PAYLOAD_FORBIDDEN: 'Responses with %s status must not have a payload',
    ERR_HTTP2_PING_CANCEL: 'HTTP2 ping cancelled',
    ERR_HTTP2_PUSH_DISABLED: 'HTTP/2 client has disabled push streams',
    ERR_HTTP2_SEND_FILE: 'Directories cannot be sent',
    ERR_HTTP2_SEND_FILE_NOSEEK: 'Offset or length can only be specified for regular files',
    ERR_HTTP2_SESSION_ERROR: 'Session closed with error code %s',
    ERR_HTTP2_SETTINGS_CANCEL: 'HTTP2 session settings canceled',
    ERR_HTTP2_SOCKET_BOUND: 'The socket is already bound to an Http2Session',
    ERR_HTTP2_SOCKET_UNBOUND: 'The socket has been disconnected from the Http2Session',
    ERR_HTTP2_STATUS_101: 'HTTP status code 101 (Switching Protocols) is forbidden in HTTP/2',
    ERR_HTTP2_STREAM_ERROR: 'Stream closed with error code %s',
    ERR_HTTP2_STREAM_SELF_DEPENDENCY: 'A stream cannot depend on itself',
    ERR_HTTP2_TOO_MANY_CUSTOM_SETTINGS: 'Number of custom settings exceeds MAX_ADDITIONAL_SETTINGS',
    ERR_HTTP2_TOO_MANY_INVALID_FRAMES: 'Too many invalid HTTP/2 frames',
    ERR_HTTP2_TRAILERS_ALREADY_SENT: 'Trailing headers have already been sent',
    ERR_HTTP2_TRAILERS_NOT_READY: 'Trailing headers cannot be sent until after the wantTrailers event is emitted',
    ERR_HTTP2_UNSUPPORTED_PROTOCOL: 'protocol "%s" is unsupported.',
    ERR_HTTP_BODY_NOT_ALLOWED: 'Adding content for this request method or response status is not allowed.',
    ERR_HTTP_CONTENT_LENGTH_MISMATCH: "Response body's content-length of %s byte(s) does not match the content-length of %s byte(s) set in header",
    ERR_HTTP_HEADERS_SENT: 'Cannot %s headers after they are sent to the client',
    ERR_HTTP_REQUEST_TIMEOUT: 'Request timeout',
    ERR_HTTP_SOCKET_ASSIGNED: 'ServerResponse has an already assigned socket',
    ERR_HTTP_SOCKET_ENCODING: 'Changing the socket encoding is not allowed per RFC7230 Section 3.',
    ERR_HTTP_TRAILER_INVALID: 'Trailers are invalid with this transfer encoding',
    ERR_INPUT_TYPE_NOT_ALLOWED: '--input-type can only be used with string input via --eval, --print, or STDIN',
    ERR_INSPECTOR_ALREADY_ACTIVATED: 'Inspector is already activated. Close it with inspector.close() before activating it again.',
    ERR_INSPECTOR_ALREADY_CONNECTED: '%s is already connected',
    ERR_INSPECTOR_CLOSED: 'Session was closed',
    ERR_INSPECTOR_COMMAND: 'Inspector error %d: %s',
    ERR_INSPECTOR_NOT_ACTIVE: 'Inspector is not active',
    ERR_INSPECTOR_NOT_AVAILABLE: 'Inspector is not available',
    ERR_INSPECTOR_NOT_CONNECTED: 'Session is not connected',
    ERR_INSPECTOR_NOT_WORKER: 'Current thread is not a worker',
    ERR_INVALID_STATE: 'Invalid state: %s',
    ERR_IPC_CHANNEL_CLOSED: 'Channel closed',
    ERR_IPC_DISCONNECTED: 'IPC channel is already disconnected',
    ERR_IPC_ONE_PIPE: 'Child process can have only one IPC pipe',
    ERR_IPC_SYNC_FORK: 'IPC cannot be used with synchronous forks',
    ERR_LOADER_CHAIN_INCOMPLETE: "\"%s\" did not call the next hook in its chain and did not explicitly signal a short circuit. If this is intentional, include `shortCircuit: true` in the hook's return.",
    ERR_METHOD_NOT_IMPLEMENTED: 'The %s method is not implemented',
    ERR_MULTIPLE_CALLBACK: 'Callback called multiple times',
    ERR_NOT_BUILDING_SNAPSHOT: 'Operation cannot be invoked when not building startup snapshot',
    ERR_NOT_IN_SINGLE_EXECUTABLE_APPLICATION: 'Operation cannot be invoked when not in a single-executable application',
    ERR_NOT_SUPPORTED_IN_SNAPSHOT: '%s is not supported in startup snapshot',
    ERR_NO_CRYPTO: 'Node.js is not compiled with OpenSSL crypto support',
    ERR_NO_TYPESCRIPT: 'Node.js is not compiled with TypeScript support',
    ERR_OPERATION_FAILED: 'Operation failed: %s',
    ERR_QUIC_APPLICATION_ERROR: 'A QUIC application error occurred. %d [%s]',
    ERR_QUIC_CONNECTION_FAILED: 'QUIC connection failed',
    ERR_QUIC_ENDPOINT_CLOSED: 'QUIC endpoint closed: %s (%d)',
    ERR_QUIC_OPEN_STREAM_FAILED: 'Failed to open QUIC stream',
    ERR_QUIC_TRANSPORT_ERROR: 'A QUIC transport error occurred. %d [%s]',
    ERR_QUIC_VERSION_NEGOTIATION_ERROR: 'The QUIC session requires version negotiation',
    ERR_REQUIRE_CYCLE_MODULE: '%s',
    ERR_SCRIPT_EXECUTION_INTERRUPTED: 'Script execution was interrupted by `SIGINT`',
    ERR_SERVER_ALREADY_LISTEN: 'Listen method has been called more than once without closing.',
    ERR_SERVER_NOT_RUNNING: 'Server is not running.',
    ERR_SINGLE_EXECUTABLE_APPLICATION_ASSET_NOT_FOUND: 'Cannot find asset %s for the single executable application',
    ERR_SOCKET_ALREADY_BOUND: 'Socket is already bound',
    ERR_SOCKET_CLOSED: 'Socket is closed',
    ERR_SOCKET_CLOSED_BEFORE_CONNECTION: 'Socket closed before the connection was established',
    ERR_SOCKET_CONNECTION_TIMEOUT: 'Socket connection timeout',
    ERR_SOCKET_DGRAM_IS_CONNECTED: 'Already connected',
    ERR_SOCKET_DGRAM_NOT_CONNECTED: 'Not connected',
    ERR_SOCKET_DGRAM_NOT_RUNNING: 'Not running',
    ERR_SOURCE_MAP_CORRUPT: "The source map for '%s' does not exist or is corrupt.",
    ERR_SOURCE_MAP_MISSING_SOURCE: "Cannot find '%s' imported from the source map for '%s'",
    ERR_STREAM_ALREADY_FINISHED: 'Cannot call %s after a stream was finished',
    ERR_STREAM_CANNOT_PIPE: 'Cannot pipe, not readable',
    ERR_STREAM_DESTROYED: 'Cannot call %s after a stream was destroyed',
    ERR_STREAM_PREMATURE_CLOSE: 'Premature close',
    ERR_STREAM_PUSH_AFTER_EOF: 'stream.push() after EOF',
    ERR_STREAM_UNSHIFT_AFTER_END_EVENT: 'stream.unshift() after end event',
    ERR_STREAM_WRAP: 'Stream has StringDecoder set or is in objectMode',
    ERR_STREAM_WRITE_AFTER_END: 'write after end',
    ERR_SYNTHETIC: 'JavaScript Callstack',
    ERR_TLS_DH_PARAM_SIZE: 'DH parameter size %s is less than 2048',
    ERR_TLS_HANDSHAKE_TIMEOUT: 'TLS handshake timeout',
    ERR_TLS_INVALID_STATE: 'TLS socket connection must be securely established',
    ERR_TLS_RENEGOTIATION_DISABLED: 'TLS session renegotiation disabled for this socket',
    ERR_TLS_REQUIRED_SERVER_NAME: '"servername" is required parameter for Server.addContext',
    ERR_TLS_SESSION_ATTACK: 'TLS session renegotiation attack detected',
    ERR_TLS_SNI_FROM_SERVER: 'Cannot issue SNI from a TLS server-side socket',
    ERR_TRACE_EVENTS_UNAVAILABLE: 'Trace events are unavailable',
    ERR_UNAVAILABLE_DURING_EXIT: 'Cannot call function in process exit handler',
    ERR_UNCAUGHT_EXCEPTION_CAPTURE_ALREADY_SET: '`process.setupUncaughtExceptionCapture()` was called while a capture callback was already active',
    ERR_UNKNOWN_BUILTIN_MODULE: 'No such built-in module: %s',
    ERR_UNKNOWN_CREDENTIAL: '%s identifier does not exist: %s',
    ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING: 'Stripping types is currently unsupported for files under node_modules, for "%s"',
    ERR_USE_AFTER_CLOSE: '%s was closed',
    ERR_VALID_PERFORMANCE_ENTRY_TYPE: 'At least one valid performance entry type is required',
    ERR_VM_MODULE_ALREADY_LINKED: 'Module has already been linked',
    ERR_VM_MODULE_CACHED_DATA_REJECTED: 'cachedData buffer was rejected',
    ERR_VM_MODULE_CANNOT_CREATE_CACHED_DATA: 'Cached data cannot be created for a module which has been evaluated',
    ERR_VM_MODULE_DIFFERENT_CONTEXT: 'Linked modules must use the same context',
    ERR_VM_MODULE_NOT_MODULE: 'Provided module is not an instance of Module',
    ERR_VM_MODULE_STATUS: 'Module status %s',
    ERR_WASI_ALREADY_STARTED: 'WASI instance has already started',
    ERR_WORKER_INIT_FAILED: 'Worker initialization failure: %s',
    ERR_WORKER_MESSAGING_ERRORED: 'The destination thread threw an error while processing the message',
    ERR_WORKER_MESSAGING_FAILED: 'Cannot find the destination thread or listener',
    ERR_WORKER_MESSAGING_SAME_THREAD: 'Cannot sent a message to the same thread',
    ERR_WORKER_MESSAGING_TIMEOUT: 'Sending a message to another thread timed out',
    ERR_WORKER_NOT_RUNNING: 'Worker instance not running',
    ERR_WORKER_OUT_OF_MEMORY: 'Worker terminated due to reaching memory limit: %s',
    ERR_WORKER_UNSERIALIZABLE_ERROR: 'Serializing an uncaught exception failed',
  },
  RangeError: {
    ERR_BROTLI_INVALID_PARAM: '%s is not a valid Brotli parameter',
    ERR_BUFFER_TOO_LARGE: 'Cannot create a Buffer larger than %s bytes',
    ERR_CHILD_PROCESS_STDIO_MAXBUFFER: '%s maxBuffer length exceeded',
    ERR_ENCODING_NOT_SUPPORTED: 'The "%s" encoding is not supported',
    ERR_FS_FILE_TOO_LARGE: 'File size (%s) is greater than 2 GiB',
    ERR_HTTP2_INFO_STATUS_NOT_ALLOWED: 'Informational status codes cannot be used',
    ERR_HTTP2_INVALID_INFO_STATUS: 'Invalid informational status code: %s',
    ERR_HTTP2_INVALID_PACKED_SETTINGS_LENGTH: 'Packed settings length must be a multiple of six',
    ERR_HTTP2_PING_LENGTH: 'HTTP2 ping payload must be 8 bytes',
    ERR_HTTP2_STATUS_INVALID: 'Invalid status code: %s',
    ERR_HTTP_INVALID_STATUS_CODE: 'Invalid status code: %s',
    ERR_INVALID_ASYNC_ID: 'Invalid %s value: %s',
    ERR_INVALID_BUFFER_SIZE: 'Buffer size must be a multiple of %s',
    ERR_INVALID_FD: '"fd" must be a positive integer: %s',
    ERR_NAPI_INVALID_DATAVIEW_ARGS: 'byte_offset + byte_length should be less than or equal to the size in bytes of the array passed in',
    ERR_NAPI_INVALID_TYPEDARRAY_ALIGNMENT: 'start offset of %s should be a multiple of %s',
    ERR_NAPI_INVALID_TYPEDARRAY_LENGTH: 'Invalid typed array length',
    ERR_UNKNOWN_MODULE_FORMAT: 'Unknown module format: %s for URL %s',
    ERR_ZSTD_INVALID_PARAM: '%s is not a valid zstd parameter',
  },
  SystemError: {
    ERR_FS_CP_DIR_TO_NON_DIR: 'Cannot overwrite non-directory with directory',
    ERR_FS_CP_EEXIST: 'Target already exists',
    ERR_FS_CP_EINVAL: 'Invalid src or dest',
    ERR_FS_CP_FIFO_PIPE: 'Cannot copy a FIFO pipe',
    ERR_FS_CP_NON_DIR_TO_DIR: 'Cannot overwrite directory with non-directory',
    ERR_FS_CP_SOCKET: 'Cannot copy a socket file',
    ERR_FS_CP_SYMLINK_TO_SUBDIRECTORY: 'Cannot overwrite symlink in subdirectory of self',
    ERR_FS_CP_UNKNOWN: 'Cannot copy an unknown file type',
    ERR_FS_EISDIR: 'Path is a directory',
    ERR_SOCKET_BUFFER_SIZE: 'Could not get or set buffer size',
    ERR_SYSTEM_ERROR: 'A system error occurred',
    ERR_TTY_INIT_FAILED: 'TTY initialization failed',
  },
  SyntaxError: {
    ERR_INVALID_TYPESCRIPT_SYNTAX: '%s',
    ERR_SRI_PARSE: 'Subresource Integrity string %j had an unexpected %j at position %d',
    ERR_TLS_CERT_ALTNAME_FORMAT: 'Invalid subject alternative name string',
    ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX: '%s',
  },
  URIError: {
    ERR_INVALID_URI: 'URI malformed',
  },
};

// Codes with a fixed util.format template, grouped by base class. Codes whose
// message needs logic are registered with E() further down.
const baseClasses = { Error, TypeError, RangeError, SyntaxError, URIError, SystemError };
for (const baseName of Object.keys(templates)) {
  const group = templates[baseName];
  for (const key of Object.keys(group)) E(key, group[key], baseClasses[baseName]);
}
// Codes that also exist with other base classes.
for (const [key, ...others] of [
  ['ERR_INVALID_STATE', TypeError, RangeError],
  ['ERR_OPERATION_FAILED', TypeError],
]) {
  for (const Other of others) codes[key][Other.name] = makeNodeErrorWithCode(Other, key);
}

// ---------------------------------------------------------------------------
// Codes whose message is computed.

const kTypes = [
  'string', 'function', 'number', 'object',
  // 'Function' and 'Object' are accepted as alternatives to the lower case names.
  'Function', 'Object', 'boolean', 'bigint', 'symbol',
];
const classRegExp = /^[A-Z][a-zA-Z0-9]*$/;

// "a, b, and c" with Node's punctuation.
function formatList(array, type = 'and') {
  switch (array.length) {
    case 0: return '';
    case 1: return `${array[0]}`;
    case 2: return `${array[0]} ${type} ${array[1]}`;
    case 3: return `${array[0]}, ${array[1]}, ${type} ${array[2]}`;
    default:
      return `${array.slice(0, -1).join(', ')}, ${type} ${array[array.length - 1]}`;
  }
}

// The "Received ..." description of a value in type errors.
function determineSpecificType(value) {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  const type = typeof value;
  switch (type) {
    case 'bigint':
      return `type bigint (${value}n)`;
    case 'number':
      return `type number (${formatNumber(value)})`;
    case 'boolean':
      return `type boolean (${value})`;
    case 'symbol':
      return `type symbol (${String(value)})`;
    case 'function':
      return `function ${value.name}`;
    case 'object':
      if (value.constructor && 'name' in value.constructor) {
        return `an instance of ${value.constructor.name}`;
      }
      return inspect(value, { depth: -1 });
    case 'string':
      if (value.length > 28) value = `${value.slice(0, 25)}...`;
      return value.includes("'") ? `type string (${JSON.stringify(value)})` : `type string ('${value}')`;
    default: {
      let inspected = inspect(value, { colors: false });
      if (inspected.length > 28) inspected = `${inspected.slice(0, 25)}...`;
      return `type ${type} (${inspected})`;
    }
  }
}

// Lists in ERR_INVALID_ARG_TYPE: "x", "x or y", "x, y, or z".
function joinAlternatives(prefix, list) {
  if (list.length > 2) return `${prefix}${list.slice(0, -1).join(', ')}, or ${list[list.length - 1]}`;
  if (list.length === 2) return `${prefix}${list[0]} or ${list[1]}`;
  return `${prefix}${list[0]}`;
}

E('ERR_INVALID_ARG_TYPE', (name, expected, actual) => {
  assert(typeof name === 'string', "'name' must be a string");
  if (!Array.isArray(expected)) expected = [expected];

  let msg = 'The ';
  if (name.endsWith(' argument')) {
    msg += `${name} `;
  } else {
    msg += `"${name}" ${name.includes('.') ? 'property' : 'argument'} `;
  }
  msg += 'must be ';

  const types = [];
  const instances = [];
  const other = [];
  for (const value of expected) {
    assert(typeof value === 'string', 'All expected entries have to be of type string');
    if (kTypes.includes(value)) {
      types.push(value.toLowerCase());
    } else if (classRegExp.test(value)) {
      instances.push(value);
    } else {
      assert(value !== 'object', 'The value "object" should be written as "Object"');
      other.push(value);
    }
  }
  // With instances listed, a plain object is spelled as the instance "Object".
  if (instances.length > 0) {
    const pos = types.indexOf('object');
    if (pos !== -1) {
      types.splice(pos, 1);
      instances.push('Object');
    }
  }

  const clauses = [];
  if (types.length > 0) {
    clauses.push(types.length === 1 ? `of type ${types[0]}` : joinAlternatives('one of type ', types));
  }
  if (instances.length > 0) {
    // Two instances read "an instance of A or B", not "one of".
    clauses.push(instances.length === 2 ?
      `an instance of ${instances[0]} or ${instances[1]}` :
      joinAlternatives('an instance of ', instances));
  }
  if (other.length > 0) {
    if (other.length === 1) {
      clauses.push(`${other[0].toLowerCase() !== other[0] ? 'an ' : ''}${other[0]}`);
    } else {
      clauses.push(joinAlternatives('one of ', other));
    }
  }
  return `${msg}${clauses.join(' or ')}. Received ${determineSpecificType(actual)}`;
}, TypeError);

E('ERR_INVALID_ARG_VALUE', (name, value, reason = 'is invalid') => {
  let inspected = inspect(value);
  if (inspected.length > 128) inspected = `${inspected.slice(0, 128)}...`;
  const type = name.includes('.') ? 'property' : 'argument';
  return `The ${type} '${name}' ${reason}. Received ${inspected}`;
}, TypeError, RangeError);

// Integers beyond 2**32 are shown with "_" thousands separators.
function addNumericalSeparator(val) {
  let res = '';
  let i = val.length;
  const start = val[0] === '-' ? 1 : 0;
  for (; i >= start + 4; i -= 3) res = `_${val.slice(i - 3, i)}${res}`;
  return `${val.slice(0, i)}${res}`;
}

E('ERR_OUT_OF_RANGE', (str, range, input, replaceDefaultBoolean = false) => {
  assert(range, 'Missing "range" argument');
  let msg = replaceDefaultBoolean ? str : `The value of "${str}" is out of range.`;
  let received;
  if (Number.isInteger(input) && Math.abs(input) > 2 ** 32) {
    received = addNumericalSeparator(String(input));
  } else if (typeof input === 'bigint') {
    received = String(input);
    if (input > 2n ** 32n || input < -(2n ** 32n)) received = addNumericalSeparator(received);
    received += 'n';
  } else {
    received = inspect(input);
  }
  msg += ` It must be ${range}. Received ${received}`;
  return msg;
}, RangeError);

E('ERR_MISSING_ARGS', (...args) => {
  assert(args.length > 0, 'At least one arg needs to be specified');
  const wrap = (a) => `"${a}"`;
  const names = args.map((a) => (Array.isArray(a) ? a.map(wrap).join(' or ') : wrap(a)));
  return `The ${formatList(names)} argument${args.length > 1 ? 's' : ''} must be specified`;
}, TypeError);

E('ERR_UNHANDLED_ERROR', (err = undefined) => {
  const msg = 'Unhandled error.';
  return err === undefined ? msg : `${msg} (${err})`;
}, Error);

E('ERR_INTERNAL_ASSERTION', (message) => {
  const suffix = 'This is caused by either a bug in Node.js ' +
    'or incorrect usage of Node.js internals.\n' +
    'Please open an issue with this stack trace at ' +
    'https://github.com/nodejs/node/issues\n';
  return message === undefined ? suffix : `${message}\n${suffix}`;
}, Error);

E('ERR_BUFFER_OUT_OF_BOUNDS', (name = undefined) => {
  if (name) return `"${name}" is outside of buffer bounds`;
  return 'Attempt to access memory outside buffer bounds';
}, RangeError);

E('ERR_INVALID_CHAR', (name, field = undefined) => {
  let msg = `Invalid character in ${name}`;
  if (field !== undefined) msg += ` ["${field}"]`;
  return msg;
}, TypeError);

E('ERR_INVALID_RETURN_VALUE', (input, name, value) => {
  return `Expected ${input} to be returned from the "${name}"` +
    ` function but got ${determineSpecificType(value)}.`;
}, TypeError, RangeError);

E('ERR_INVALID_RETURN_PROPERTY', (input, name, prop, value) => {
  return `Expected a valid ${input} to be returned for the "${prop}" from the` +
    ` "${name}" hook but got ${determineSpecificType(value)}.`;
}, TypeError);

E('ERR_INVALID_RETURN_PROPERTY_VALUE', (input, name, prop, value) => {
  return `Expected ${input} to be returned for the "${prop}" from the` +
    ` "${name}" hook but got ${determineSpecificType(value)}.`;
}, TypeError);

E('ERR_SOCKET_BAD_PORT', (name, port, allowZero = true) => {
  assert(typeof allowZero === 'boolean', "The 'allowZero' argument must be of type boolean.");
  const operator = allowZero ? '>=' : '>';
  return `${name} should be ${operator} 0 and < 65536. Received ${determineSpecificType(port)}.`;
}, RangeError);

E('ERR_INVALID_URL', function(input, base = null) {
  this.input = input;
  if (base != null) this.base = base;
  // The input is deliberately left out of the message.
  return 'Invalid URL';
}, TypeError);

E('ERR_INVALID_URL_SCHEME', (expected) => {
  if (typeof expected === 'string') expected = [expected];
  assert(expected.length <= 2);
  const res = expected.length === 2 ?
    `one of scheme ${expected[0]} or ${expected[1]}` :
    `of scheme ${expected[0]}`;
  return `The URL must be ${res}`;
}, TypeError);

E('ERR_INVALID_FILE_URL_PATH', function(reason, input) {
  this.input = input;
  return `File URL path ${reason}`;
}, TypeError);

E('ERR_FALSY_VALUE_REJECTION', function(reason) {
  this.reason = reason;
  return 'Promise was rejected with falsy value';
}, Error);

E('ERR_ACCESS_DENIED', function(msg, permission = '', resource = '') {
  this.permission = permission;
  this.resource = resource;
  return msg;
}, Error);

E('ERR_ENCODING_INVALID_ENCODED_DATA', function(encoding, ret) {
  this.errno = ret;
  return `The encoded data was not valid for encoding ${encoding}`;
}, TypeError);

E('ERR_HTTP2_INVALID_SETTING_VALUE', function(name, actual, min = undefined, max = undefined) {
  this.actual = actual;
  if (min !== undefined) {
    this.min = min;
    this.max = max;
  }
  return `Invalid value for setting "${name}": ${actual}`;
}, TypeError, RangeError);

E('ERR_HTTP2_STREAM_CANCEL', function(error) {
  let msg = 'The pending stream has been canceled';
  if (error) {
    this.cause = error;
    if (typeof error.message === 'string') msg += ` (caused by: ${error.message})`;
  }
  return msg;
}, Error);

E('ERR_IMPORT_ATTRIBUTE_UNSUPPORTED', (attribute, value, url = undefined) => {
  const msg = `Import attribute "${attribute}" with value "${value}" is not supported`;
  return url === undefined ? msg : `${msg} in ${url}`;
}, TypeError);

E('ERR_INVALID_ADDRESS_FAMILY', function(addressType, host, port) {
  this.host = host;
  this.port = port;
  return `Invalid address family: ${addressType} ${host}:${port}`;
}, RangeError);

E('ERR_INVALID_MIME_SYNTAX', (production, str, invalidIndex) => {
  const at = invalidIndex !== -1 ? ` at ${invalidIndex}` : '';
  return `The MIME syntax for a ${production} in "${str}" is invalid${at}`;
}, TypeError);

E('ERR_INVALID_MODULE_SPECIFIER', (request, reason, base = undefined) => {
  return `Invalid module "${request}" ${reason}${base ? ` imported from ${base}` : ''}`;
}, TypeError);

E('ERR_INVALID_PACKAGE_CONFIG', (path, base, message) => {
  return `Invalid package config ${path}${base ? ` while importing ${base}` : ''}` +
    `${message ? `. ${message}` : ''}`;
}, Error);

E('ERR_INVALID_PACKAGE_TARGET', (pkgPath, key, target, isImport = false, base = undefined) => {
  const relError = typeof target === 'string' && !isImport &&
    target.length && !target.startsWith('./');
  const importedFrom = base ? ` imported from ${base}` : '';
  const relHint = relError ? '; targets must start with "./"' : '';
  if (key === '.') {
    assert(isImport === false);
    return `Invalid "exports" main target ${JSON.stringify(target)} defined ` +
      `in the package config ${pkgPath}package.json${importedFrom}${relHint}`;
  }
  return `Invalid "${isImport ? 'imports' : 'exports'}" target ${JSON.stringify(target)} ` +
    `defined for '${key}' in the package config ${pkgPath}package.json${importedFrom}${relHint}`;
}, Error);

E('ERR_IP_BLOCKED', (ip) => `IP(${ip}) is blocked by net.BlockList`, Error);

E('ERR_MODULE_NOT_FOUND', function(path, base, exactUrl) {
  if (exactUrl) {
    Object.defineProperty(this, 'url', {
      __proto__: null,
      value: `${exactUrl}`, enumerable: true, writable: true, configurable: true,
    });
  }
  return `Cannot find ${exactUrl ? 'module' : 'package'} '${path}' imported from ${base}`;
}, Error);

E('ERR_PACKAGE_IMPORT_NOT_DEFINED', (specifier, packagePath, base) => {
  return `Package import specifier "${specifier}" is not defined` +
    `${packagePath ? ` in package ${packagePath}package.json` : ''} imported from ${base}`;
}, TypeError);

E('ERR_PACKAGE_PATH_NOT_EXPORTED', (pkgPath, subpath, base = undefined) => {
  const importedFrom = base ? ` imported from ${base}` : '';
  if (subpath === '.') return `No "exports" main defined in ${pkgPath}package.json${importedFrom}`;
  return `Package subpath '${subpath}' is not defined by "exports" in ${pkgPath}package.json${importedFrom}`;
}, Error);

E('ERR_PARSE_ARGS_UNKNOWN_OPTION', (option, allowPositionals) => {
  const suggestDashDash = allowPositionals ?
    '. To specify a positional argument starting with a \'-\', place it at the end of the ' +
    `command after '--', as in '-- ${JSON.stringify(option)}` :
    '';
  return `Unknown option '${option}'${suggestDashDash}`;
}, TypeError);

E('ERR_REQUIRE_ASYNC_MODULE', (filename, parentFilename) => {
  let message = 'require() cannot be used on an ESM graph with top-level await. ' +
    'Use import() instead. To see where the top-level await comes from, ' +
    'use --experimental-print-required-tla.';
  if (parentFilename) message += `\n  From ${parentFilename} `;
  if (filename) message += `\n  Requiring ${filename} `;
  return message;
}, Error);

E('ERR_REQUIRE_ESM', (filename, hasEsmSyntax, parentPath = null, packageJsonPath = null) => {
  let msg = `require() of ES Module ${filename}${parentPath ? ` from ${parentPath}` : ''} not supported.`;
  if (!packageJsonPath) {
    if (filename.endsWith('.mjs')) {
      msg += `\nInstead change the require of ${filename} to a dynamic ` +
        'import() which is available in all CommonJS modules.';
    }
    return msg;
  }
  const path = require('path');
  const basename = parentPath && path.basename(filename) === path.basename(parentPath) ?
    filename : path.basename(filename);
  if (hasEsmSyntax) {
    return `${msg}\nInstead change the require of ${basename} in ${parentPath} to` +
      ' a dynamic import() which is available in all CommonJS modules.';
  }
  return `${msg}\n${basename} is treated as an ES module file as it is a .js ` +
    'file whose nearest parent package.json contains "type": "module" ' +
    'which declares all .js files in that package scope as ES modules.' +
    `\nInstead either rename ${basename} to end in .cjs, change the requiring ` +
    'code to use dynamic import() which is available in all CommonJS ' +
    'modules, or change "type": "module" to "type": "commonjs" in ' +
    `${packageJsonPath} to treat all .js files as CommonJS (using .mjs for ` +
    'all ES modules instead).\n';
}, Error);

E('ERR_TEST_FAILURE', function(error, failureType) {
  assert(typeof failureType === 'string' || typeof failureType === 'symbol',
         "The 'failureType' argument must be of type string or symbol.");
  let msg = error?.message ?? error;
  if (typeof msg !== 'string') msg = inspectWithNoCustomRetry(msg);
  this.failureType = failureType;
  this.cause = error;
  return msg;
}, Error);

E('ERR_TLS_ALPN_CALLBACK_INVALID_RESULT', (value, protocols) => {
  return `ALPN callback returned a value (${value}) that did not match any of ` +
    `the client's offered protocols (${protocols.join(', ')})`;
}, TypeError);

E('ERR_TLS_CERT_ALTNAME_INVALID', function(reason, host, cert) {
  this.reason = reason;
  this.host = host;
  this.cert = cert;
  return `Hostname/IP does not match certificate's altnames: ${reason}`;
}, Error);

E('ERR_UNSUPPORTED_DIR_IMPORT', function(path, base, exactUrl) {
  Object.defineProperty(this, 'url', {
    __proto__: null,
    value: exactUrl, enumerable: true, writable: true, configurable: true,
  });
  return `Directory import '${path}' is not supported resolving ES modules imported from ${base}`;
}, Error);

E('ERR_UNSUPPORTED_ESM_URL_SCHEME', (url, supported) => {
  // The sandbox reports a POSIX platform, so the Windows hint never applies.
  return `Only URLs with a scheme in: ${formatList(supported)} are supported by the ` +
    `default ESM loader. Received protocol '${url.protocol}'`;
}, Error);

E('ERR_VM_MODULE_LINK_FAILURE', function(message, cause) {
  this.cause = cause;
  return message;
}, Error);

E('ERR_WORKER_INVALID_EXEC_ARGV', (errors, msg = 'invalid execArgv flags') =>
  `Initiated Worker with ${msg}: ${Array.prototype.join.call(errors, ', ')}`, Error);

E('ERR_WORKER_PATH', (filename) =>
  'The worker script or module filename must be an absolute path or a ' +
  'relative path starting with \'./\' or \'../\'.' +
  (filename.startsWith('file://') ? ' Wrap file:// URLs with `new URL`.' : '') +
  (filename.startsWith('data:text/javascript') ? ' Wrap data: URLs with `new URL`.' : '') +
  ` Received "${filename}"`, TypeError);

function inspectWithNoCustomRetry(obj, options) {
  try {
    return inspect(obj, options);
  } catch {
    return inspect(obj, { ...options, customInspect: false });
  }
}

// ---------------------------------------------------------------------------
// Errors that Node raises from C++: plain Error/TypeError/RangeError objects
// with an own `code` and no "[CODE]" in their string form.

const nativeErrorClasses = {
  ERR_BUFFER_OUT_OF_BOUNDS: RangeError,
  ERR_BUFFER_TOO_LARGE: Error,
  ERR_CONSTRUCT_CALL_REQUIRED: TypeError,
  ERR_ILLEGAL_CONSTRUCTOR: Error,
  ERR_INVALID_ARG_TYPE: TypeError,
  ERR_INVALID_ARG_VALUE: TypeError,
  ERR_INVALID_STATE: Error,
  ERR_INVALID_THIS: TypeError,
  ERR_INVALID_URL: TypeError,
  ERR_MEMORY_ALLOCATION_FAILED: Error,
  ERR_MISSING_ARGS: TypeError,
  ERR_OPERATION_FAILED: TypeError,
  ERR_OUT_OF_RANGE: RangeError,
  ERR_STRING_TOO_LONG: Error,
};

const nativeErrorMessages = {
  // V8's String::kMaxLength on 64-bit hosts.
  ERR_STRING_TOO_LONG: 'Cannot create a string longer than 0x1fffffe8 characters',
  ERR_ILLEGAL_CONSTRUCTOR: 'Illegal constructor',
  ERR_MEMORY_ALLOCATION_FAILED: 'Failed to allocate memory',
};

function nativeError(code, message = nativeErrorMessages[code]) {
  const Base = nativeErrorClasses[code] || Error;
  const err = new Base(message);
  err.code = code;
  return err;
}

// ---------------------------------------------------------------------------
// libuv error numbers (Linux values, negative as libuv reports them).

const uvErrors = [
  [-7, 'E2BIG', 'argument list too long'],
  [-13, 'EACCES', 'permission denied'],
  [-98, 'EADDRINUSE', 'address already in use'],
  [-99, 'EADDRNOTAVAIL', 'address not available'],
  [-97, 'EAFNOSUPPORT', 'address family not supported'],
  [-11, 'EAGAIN', 'resource temporarily unavailable'],
  [-3000, 'EAI_ADDRFAMILY', 'address family not supported'],
  [-3001, 'EAI_AGAIN', 'temporary failure'],
  [-3002, 'EAI_BADFLAGS', 'bad ai_flags value'],
  [-3013, 'EAI_BADHINTS', 'invalid value for hints'],
  [-3003, 'EAI_CANCELED', 'request canceled'],
  [-3004, 'EAI_FAIL', 'permanent failure'],
  [-3005, 'EAI_FAMILY', 'ai_family not supported'],
  [-3006, 'EAI_MEMORY', 'out of memory'],
  [-3007, 'EAI_NODATA', 'no address'],
  [-3008, 'EAI_NONAME', 'unknown node or service'],
  [-3009, 'EAI_OVERFLOW', 'argument buffer overflow'],
  [-3014, 'EAI_PROTOCOL', 'resolved protocol is unknown'],
  [-3010, 'EAI_SERVICE', 'service not available for socket type'],
  [-3011, 'EAI_SOCKTYPE', 'socket type not supported'],
  [-114, 'EALREADY', 'connection already in progress'],
  [-9, 'EBADF', 'bad file descriptor'],
  [-16, 'EBUSY', 'resource busy or locked'],
  [-125, 'ECANCELED', 'operation canceled'],
  [-4080, 'ECHARSET', 'invalid Unicode character'],
  [-103, 'ECONNABORTED', 'software caused connection abort'],
  [-111, 'ECONNREFUSED', 'connection refused'],
  [-104, 'ECONNRESET', 'connection reset by peer'],
  [-89, 'EDESTADDRREQ', 'destination address required'],
  [-17, 'EEXIST', 'file already exists'],
  [-14, 'EFAULT', 'bad address in system call argument'],
  [-27, 'EFBIG', 'file too large'],
  [-113, 'EHOSTUNREACH', 'host is unreachable'],
  [-4, 'EINTR', 'interrupted system call'],
  [-22, 'EINVAL', 'invalid argument'],
  [-5, 'EIO', 'i/o error'],
  [-106, 'EISCONN', 'socket is already connected'],
  [-21, 'EISDIR', 'illegal operation on a directory'],
  [-40, 'ELOOP', 'too many symbolic links encountered'],
  [-24, 'EMFILE', 'too many open files'],
  [-90, 'EMSGSIZE', 'message too long'],
  [-36, 'ENAMETOOLONG', 'name too long'],
  [-100, 'ENETDOWN', 'network is down'],
  [-101, 'ENETUNREACH', 'network is unreachable'],
  [-23, 'ENFILE', 'file table overflow'],
  [-105, 'ENOBUFS', 'no buffer space available'],
  [-19, 'ENODEV', 'no such device'],
  [-2, 'ENOENT', 'no such file or directory'],
  [-12, 'ENOMEM', 'not enough memory'],
  [-64, 'ENONET', 'machine is not on the network'],
  [-92, 'ENOPROTOOPT', 'protocol not available'],
  [-28, 'ENOSPC', 'no space left on device'],
  [-38, 'ENOSYS', 'function not implemented'],
  [-107, 'ENOTCONN', 'socket is not connected'],
  [-20, 'ENOTDIR', 'not a directory'],
  [-39, 'ENOTEMPTY', 'directory not empty'],
  [-88, 'ENOTSOCK', 'socket operation on non-socket'],
  [-95, 'ENOTSUP', 'operation not supported on socket'],
  [-75, 'EOVERFLOW', 'value too large for defined data type'],
  [-1, 'EPERM', 'operation not permitted'],
  [-32, 'EPIPE', 'broken pipe'],
  [-71, 'EPROTO', 'protocol error'],
  [-93, 'EPROTONOSUPPORT', 'protocol not supported'],
  [-91, 'EPROTOTYPE', 'protocol wrong type for socket'],
  [-34, 'ERANGE', 'result too large'],
  [-30, 'EROFS', 'read-only file system'],
  [-108, 'ESHUTDOWN', 'cannot send after transport endpoint shutdown'],
  [-29, 'ESPIPE', 'invalid seek'],
  [-3, 'ESRCH', 'no such process'],
  [-110, 'ETIMEDOUT', 'connection timed out'],
  [-26, 'ETXTBSY', 'text file is busy'],
  [-18, 'EXDEV', 'cross-device link not permitted'],
  [-4094, 'UNKNOWN', 'unknown error'],
  [-4095, 'EOF', 'end of file'],
  [-6, 'ENXIO', 'no such device or address'],
  [-31, 'EMLINK', 'too many links'],
  [-112, 'EHOSTDOWN', 'host is down'],
  [-121, 'EREMOTEIO', 'remote I/O error'],
  [-25, 'ENOTTY', 'inappropriate ioctl for device'],
  [-4028, 'EFTYPE', 'inappropriate file type or format'],
  [-84, 'EILSEQ', 'illegal byte sequence'],
  [-94, 'ESOCKTNOSUPPORT', 'socket type not supported'],
  [-61, 'ENODATA', 'no data available'],
  [-49, 'EUNATCH', 'protocol driver not attached'],
  [-8, 'ENOEXEC', 'exec format error'],
];

// errno number -> [name, description], in libuv's order (util.getSystemErrorMap()).
const uvErrmap = new Map();
// name -> [errno number, description].
const uvErrnoByName = { __proto__: null };
for (const [errno, name, description] of uvErrors) {
  uvErrmap.set(errno, [name, description]);
  uvErrnoByName[name] = [errno, description];
}
const uvUnmappedError = ['UNKNOWN', 'unknown error'];

function uvErrmapGet(errno) {
  return uvErrmap.get(errno);
}

// The (negative) errno for a code name such as 'ENOENT', or undefined.
function errnoNumber(name) {
  return uvErrnoByName[name]?.[0];
}

function getSystemErrorName(errno) {
  const entry = uvErrmap.get(errno);
  return entry ? entry[0] : `Unknown system error ${errno}`;
}

function getSystemErrorMessage(errno) {
  const entry = uvErrmap.get(errno);
  return entry ? entry[1] : `Unknown system error ${errno}`;
}

function getSystemErrorMap() {
  return new Map(uvErrmap);
}

// The error fs and friends throw: "ENOENT: no such file or directory, open '/x'"
// with errno, code, syscall, path and dest properties.
class UVException extends Error {
  constructor(ctx) {
    const [code, uvmsg] = uvErrmap.get(ctx.errno) || uvUnmappedError;
    let message = `${code}: ${ctx.message || uvmsg}, ${ctx.syscall}`;
    let path;
    let dest;
    if (ctx.path) {
      path = ctx.path.toString();
      message += ` '${path}'`;
    }
    if (ctx.dest) {
      dest = ctx.dest.toString();
      message += ` -> '${dest}'`;
    }
    super(message);
    for (const prop of Object.keys(ctx)) {
      if (prop === 'message' || prop === 'path' || prop === 'dest') continue;
      this[prop] = ctx[prop];
    }
    this.code = code;
    if (path) this.path = path;
    if (dest) this.dest = dest;
  }

  get ['constructor']() {
    return Error;
  }
}

// Convenience over UVException for host-reported failures: accepts the errno
// either as libuv reports it (negative), as a positive Linux errno, or only as
// a code name, and lays properties out in Node's order (errno, code, syscall,
// then path/dest).
function uvException({ errno, code, syscall, path, dest, message, ...rest }) {
  if (typeof errno === 'number' && errno > 0) errno = -errno;
  if (errno === undefined && typeof code === 'string' && uvErrnoByName[code] !== undefined) {
    errno = uvErrnoByName[code][0];
  }
  const ctx = { errno, code, syscall, ...rest };
  if (path !== undefined) ctx.path = path;
  if (dest !== undefined) ctx.dest = dest;
  if (message !== undefined) ctx.message = message;
  return new UVException(ctx);
}

class UVExceptionWithHostPort extends Error {
  constructor(err, syscall, address, port) {
    const [code, uvmsg] = uvErrmap.get(err) || uvUnmappedError;
    let details = '';
    if (port && port > 0) details = ` ${address}:${port}`;
    else if (address) details = ` ${address}`;
    super(`${syscall} ${code}: ${uvmsg}${details}`);
    this.code = code;
    this.errno = err;
    this.syscall = syscall;
    this.address = address;
    if (port) this.port = port;
  }

  get ['constructor']() {
    return Error;
  }
}

// The former util._errnoException(): "<syscall> <CODE>[ <original>]".
class ErrnoException extends Error {
  constructor(err, syscall, original) {
    const code = getSystemErrorName(err);
    super(original ? `${syscall} ${code} ${original}` : `${syscall} ${code}`);
    this.errno = err;
    this.code = code;
    this.syscall = syscall;
  }

  get ['constructor']() {
    return Error;
  }
}

class ExceptionWithHostPort extends Error {
  constructor(err, syscall, address, port, additional) {
    const code = getSystemErrorName(err);
    let details = '';
    if (port && port > 0) details = ` ${address}:${port}`;
    else if (address) details = ` ${address}`;
    if (additional) details += ` - Local (${additional})`;
    super(`${syscall} ${code}${details}`);
    this.errno = err;
    this.code = code;
    this.syscall = syscall;
    this.address = address;
    if (port) this.port = port;
  }

  get ['constructor']() {
    return Error;
  }
}

const UV_EAI_NODATA = uvErrnoByName.EAI_NODATA[0];
const UV_EAI_NONAME = uvErrnoByName.EAI_NONAME[0];

// DNS failures: `code` is a libuv number or a c-ares code name.
class DNSException extends Error {
  constructor(code, syscall, hostname) {
    let errno;
    if (typeof code === 'number') {
      errno = code;
      // ENOTFOUND is not a real errno name but is what Node has always used.
      code = code === UV_EAI_NODATA || code === UV_EAI_NONAME ? 'ENOTFOUND' : getSystemErrorName(code);
    }
    super(`${syscall} ${code}${hostname ? ` ${hostname}` : ''}`);
    this.errno = errno;
    this.code = code;
    this.syscall = syscall;
    if (hostname) this.hostname = hostname;
  }

  get ['constructor']() {
    return Error;
  }
}

class ConnResetException extends Error {
  constructor(msg) {
    super(msg);
    this.code = 'ECONNRESET';
  }

  get ['constructor']() {
    return Error;
  }
}

// ---------------------------------------------------------------------------
// Other helpers shared by Node's modules.

// Node's AbortError is a plain Error with name and code, not a DOMException.
class AbortError extends Error {
  constructor(message = 'The operation was aborted', options = undefined) {
    if (options !== undefined && typeof options !== 'object') {
      throw new codes.ERR_INVALID_ARG_TYPE('options', 'Object', options);
    }
    super(message, options);
    this.code = 'ABORT_ERR';
    this.name = 'AbortError';
  }
}

class NodeAggregateError extends AggregateError {
  constructor(errors, message) {
    super(errors, message);
    this.code = errors[0]?.code;
  }

  get [kIsNodeError]() {
    return true;
  }

  get ['constructor']() {
    return AggregateError;
  }
}

// Node uses this wrapper to drop its own frames from stack traces. Only the
// `withoutStackTrace` escape hatch is observable, so the wrapper just calls.

function captureStackTrace(err, fn) {
  if (typeof Error.captureStackTrace === 'function') Error.captureStackTrace(err, fn);
}

// Combines an error raised while handling another one: both survive in an
// AggregateError carrying the outer error's message and code.
function aggregateTwoErrors(innerError, outerError) {
  if (innerError && outerError && innerError !== outerError) {
    if (Array.isArray(outerError.errors)) {
      // Already an AggregateError.
      outerError.errors.push(innerError);
      return outerError;
    }
    const err = new AggregateError([outerError, innerError], outerError.message);
    captureStackTrace(err, aggregateTwoErrors);
    err.code = outerError.code;
    return err;
  }
  return innerError || outerError;
}

function genericNodeError(message, errorProperties) {
  const err = new Error(message);
  Object.assign(err, errorProperties);
  return err;
}

let maxStackErrorName;
let maxStackErrorMessage;
// True for the engine's "Maximum call stack size exceeded" RangeError.
function isStackOverflowError(err) {
  if (maxStackErrorMessage === undefined) {
    try {
      const overflowStack = () => overflowStack();
      overflowStack();
    } catch (e) {
      maxStackErrorMessage = e.message;
      maxStackErrorName = e.name;
    }
  }
  return err && err.name === maxStackErrorName && err.message === maxStackErrorMessage;
}

// Node records the source line of syntax errors here for its fatal error
// printer; there is no such printer in the sandbox, so keep only the value.
const kArrowMessage = Symbol('kArrowMessage');
function setArrowMessage(err, arrowMessage) {
  try {
    Object.defineProperty(err, kArrowMessage, { __proto__: null, value: arrowMessage, configurable: true });
  } catch {
    // Non-extensible values simply do not get one.
  }
}

// V8-only stack trimming; nothing to do on JavaScriptCore.
function hideInternalStackFrames() {}

module.exports = {
  AbortError,
  aggregateTwoErrors,
  NodeAggregateError,
  codes,
  ConnResetException,
  DNSException,
  determineSpecificType,
  E,
  ErrnoException,
  errnoNumber,
  ExceptionWithHostPort,
  formatList,
  genericNodeError,
  getMessage,
  getSystemErrorMap,
  getSystemErrorMessage,
  getSystemErrorName,
  hideInternalStackFrames,
  hideStackFrames,
  inspectWithNoCustomRetry,
  isErrorStackTraceLimitWritable,
  isStackOverflowError,
  kEnhanceStackBeforeInspector,
  // util.inspect, loaded on first use, with a simple stand-in if unavailable.
  lazyInspect: inspect,
  kIsNodeError,
  nativeError,
  setArrowMessage,
  SystemError,
  uvErrmap,
  uvErrmapGet,
  uvErrnoByName,
  uvException,
  UVException,
  UVExceptionWithHostPort,
};
