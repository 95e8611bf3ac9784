'use strict';
// zlib: deflate, inflate, gzip, gunzip, raw deflate, unzip and brotli, as Node's module, over zlib
// and brotli in natives. They run beside the engine (in the worker process by default): untrusted
// compressed data is never decompressed in the host. Every call's output is bounded by
// `maxOutputLength` (and, in the worker, by the memory limit).

const { Buffer, kMaxLength } = require('buffer');
const { Transform } = require('stream');
const { natives } = internal;

function errorCodes() { return require('internal/errors').codes; }

const constants = Object.freeze({
  Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5,
  Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3,
  Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6, Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1,
  Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1, Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2, Z_RLE: 3,
  Z_FIXED: 4, Z_DEFAULT_STRATEGY: 0, ZLIB_VERNUM: 4880, DEFLATE: 1, INFLATE: 2, GZIP: 3, GUNZIP: 4,
  DEFLATERAW: 5, INFLATERAW: 6, UNZIP: 7, BROTLI_DECODE: 8, BROTLI_ENCODE: 9, ZSTD_DECOMPRESS: 11,
  ZSTD_COMPRESS: 10, Z_MIN_WINDOWBITS: 8, Z_MAX_WINDOWBITS: 15, Z_DEFAULT_WINDOWBITS: 15,
  Z_MIN_CHUNK: 64, Z_MAX_CHUNK: Infinity, Z_DEFAULT_CHUNK: 16384, Z_MIN_MEMLEVEL: 1, Z_MAX_MEMLEVEL: 9,
  Z_DEFAULT_MEMLEVEL: 8, Z_MIN_LEVEL: -1, Z_MAX_LEVEL: 9, Z_DEFAULT_LEVEL: -1,
  BROTLI_OPERATION_PROCESS: 0, BROTLI_OPERATION_FLUSH: 1, BROTLI_OPERATION_FINISH: 2,
  BROTLI_OPERATION_EMIT_METADATA: 3, BROTLI_PARAM_MODE: 0, BROTLI_MODE_GENERIC: 0,
  BROTLI_MODE_TEXT: 1, BROTLI_MODE_FONT: 2, BROTLI_DEFAULT_MODE: 0, BROTLI_PARAM_QUALITY: 1,
  BROTLI_MIN_QUALITY: 0, BROTLI_MAX_QUALITY: 11, BROTLI_DEFAULT_QUALITY: 11, BROTLI_PARAM_LGWIN: 2,
  BROTLI_MIN_WINDOW_BITS: 10, BROTLI_MAX_WINDOW_BITS: 24, BROTLI_LARGE_MAX_WINDOW_BITS: 30,
  BROTLI_DEFAULT_WINDOW: 22, BROTLI_PARAM_LGBLOCK: 3, BROTLI_MIN_INPUT_BLOCK_BITS: 16,
  BROTLI_MAX_INPUT_BLOCK_BITS: 24, BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING: 4,
  BROTLI_PARAM_SIZE_HINT: 5, BROTLI_PARAM_LARGE_WINDOW: 6, BROTLI_PARAM_NPOSTFIX: 7,
  BROTLI_PARAM_NDIRECT: 8, BROTLI_DECODER_RESULT_ERROR: 0, BROTLI_DECODER_RESULT_SUCCESS: 1,
  BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT: 2, BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT: 3,
  BROTLI_DECODER_PARAM_DISABLE_RING_BUFFER_REALLOCATION: 0, BROTLI_DECODER_PARAM_LARGE_WINDOW: 1,
  BROTLI_DECODER_NO_ERROR: 0, BROTLI_DECODER_SUCCESS: 1, BROTLI_DECODER_NEEDS_MORE_INPUT: 2,
  BROTLI_DECODER_NEEDS_MORE_OUTPUT: 3, BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_NIBBLE: -1,
  BROTLI_DECODER_ERROR_FORMAT_RESERVED: -2, BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_META_NIBBLE: -3,
  BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_ALPHABET: -4,
  BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_SAME: -5, BROTLI_DECODER_ERROR_FORMAT_CL_SPACE: -6,
  BROTLI_DECODER_ERROR_FORMAT_HUFFMAN_SPACE: -7,
  BROTLI_DECODER_ERROR_FORMAT_CONTEXT_MAP_REPEAT: -8,
  BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_1: -9, BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_2: -10,
  BROTLI_DECODER_ERROR_FORMAT_TRANSFORM: -11, BROTLI_DECODER_ERROR_FORMAT_DICTIONARY: -12,
  BROTLI_DECODER_ERROR_FORMAT_WINDOW_BITS: -13, BROTLI_DECODER_ERROR_FORMAT_PADDING_1: -14,
  BROTLI_DECODER_ERROR_FORMAT_PADDING_2: -15, BROTLI_DECODER_ERROR_FORMAT_DISTANCE: -16,
  BROTLI_DECODER_ERROR_DICTIONARY_NOT_SET: -19, BROTLI_DECODER_ERROR_INVALID_ARGUMENTS: -20,
  BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MODES: -21, BROTLI_DECODER_ERROR_ALLOC_TREE_GROUPS: -22,
  BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MAP: -25, BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_1: -26,
  BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_2: -27, BROTLI_DECODER_ERROR_ALLOC_BLOCK_TYPE_TREES: -30,
  BROTLI_DECODER_ERROR_UNREACHABLE: -31, ZSTD_e_continue: 0, ZSTD_e_flush: 1, ZSTD_e_end: 2,
  ZSTD_fast: 1, ZSTD_dfast: 2, ZSTD_greedy: 3, ZSTD_lazy: 4, ZSTD_lazy2: 5, ZSTD_btlazy2: 6,
  ZSTD_btopt: 7, ZSTD_btultra: 8, ZSTD_btultra2: 9, ZSTD_c_compressionLevel: 100,
  ZSTD_c_windowLog: 101, ZSTD_c_hashLog: 102, ZSTD_c_chainLog: 103, ZSTD_c_searchLog: 104,
  ZSTD_c_minMatch: 105, ZSTD_c_targetLength: 106, ZSTD_c_strategy: 107,
  ZSTD_c_enableLongDistanceMatching: 160, ZSTD_c_ldmHashLog: 161, ZSTD_c_ldmMinMatch: 162,
  ZSTD_c_ldmBucketSizeLog: 163, ZSTD_c_ldmHashRateLog: 164, ZSTD_c_contentSizeFlag: 200,
  ZSTD_c_checksumFlag: 201, ZSTD_c_dictIDFlag: 202, ZSTD_c_nbWorkers: 400, ZSTD_c_jobSize: 401,
  ZSTD_c_overlapLog: 402, ZSTD_d_windowLogMax: 100, ZSTD_CLEVEL_DEFAULT: 3, ZSTD_error_no_error: 0,
  ZSTD_error_GENERIC: 1, ZSTD_error_prefix_unknown: 10, ZSTD_error_version_unsupported: 12,
  ZSTD_error_frameParameter_unsupported: 14, ZSTD_error_frameParameter_windowTooLarge: 16,
  ZSTD_error_corruption_detected: 20, ZSTD_error_checksum_wrong: 22,
  ZSTD_error_literals_headerWrong: 24, ZSTD_error_dictionary_corrupted: 30,
  ZSTD_error_dictionary_wrong: 32, ZSTD_error_dictionaryCreation_failed: 34,
  ZSTD_error_parameter_unsupported: 40, ZSTD_error_parameter_combination_unsupported: 41,
  ZSTD_error_parameter_outOfBound: 42, ZSTD_error_tableLog_tooLarge: 44,
  ZSTD_error_maxSymbolValue_tooLarge: 46, ZSTD_error_maxSymbolValue_tooSmall: 48,
  ZSTD_error_stabilityCondition_notRespected: 50, ZSTD_error_stage_wrong: 60,
  ZSTD_error_init_missing: 62, ZSTD_error_memory_allocation: 64, ZSTD_error_workSpace_tooSmall: 66,
  ZSTD_error_dstSize_tooSmall: 70, ZSTD_error_srcSize_wrong: 72, ZSTD_error_dstBuffer_null: 74,
  ZSTD_error_noForwardProgress_destFull: 80, ZSTD_error_noForwardProgress_inputEmpty: 82,
});

// Stream kinds as the natives number them.
const MODE = {
  deflate: 1, inflate: 2, gzip: 3, gunzip: 4, deflateRaw: 5, inflateRaw: 6, unzip: 7,
  brotliEncode: 8, brotliDecode: 9,
};
const inflating = new Set([MODE.inflate, MODE.gunzip, MODE.inflateRaw, MODE.unzip, MODE.brotliDecode]);
const isBrotli = (mode) => mode === MODE.brotliEncode || mode === MODE.brotliDecode;

const codes = Object.freeze({
  Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3,
  Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6,
  0: 'Z_OK', 1: 'Z_STREAM_END', 2: 'Z_NEED_DICT', '-1': 'Z_ERRNO', '-2': 'Z_STREAM_ERROR',
  '-3': 'Z_DATA_ERROR', '-4': 'Z_MEM_ERROR', '-5': 'Z_BUF_ERROR', '-6': 'Z_VERSION_ERROR',
});

const defaultMessages = {
  2: 'Missing dictionary', '-2': 'stream error', '-3': 'data error', '-4': 'out of memory',
  '-5': 'unexpected end of file', '-6': 'incompatible version',
};

/** The error Node raises for a zlib or brotli failure. */
function engineError(mode, code, text) {
  let err;
  if (mode === MODE.brotliDecode && code < 0 && typeof text === 'string') {
    // Node's brotli names its errors with their group (BROTLI_DECODER_ERROR_FORMAT_PADDING_2 →
    // _ERROR_FORMAT_PADDING_2); some library builds give only the last part.
    const group = code >= -16 ? '_ERROR_FORMAT_' : code <= -21 && code >= -30 ? '_ERROR_ALLOC_' : '_ERROR_';
    err = new Error('Decompression failed');
    err.errno = code;
    err.code = `ERR_${text.startsWith('_') ? text : group + text}`;
    return err;
  }
  err = new Error(text || defaultMessages[code] || 'zlib error');
  err.errno = code;
  err.code = codes[code] ?? 'Z_UNKNOWN';
  return err;
}

function unexpectedEnd() { return engineError(MODE.inflate, constants.Z_BUF_ERROR, 'unexpected end of file'); }

// ---------------------------------------------------------------------------------------------
// Arguments

function toBuffer(value, name = 'buffer') {
  if (typeof value === 'string') return Buffer.from(value);
  if (value instanceof Uint8Array) return value;
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && value instanceof SharedArrayBuffer)) {
    return new Uint8Array(value);
  }
  throw new (errorCodes().ERR_INVALID_ARG_TYPE)(name, ['string', 'Buffer', 'TypedArray', 'DataView', 'ArrayBuffer'], value);
}

/** An option's number in [min, max], or its default when absent (Node's checkRangesOrGetDefault). */
function rangeOption(opts, key, min, max, fallback) {
  const value = opts[key];
  if (value === undefined || (typeof value === 'number' && Number.isNaN(value))) return fallback;
  if (typeof value !== 'number') throw new (errorCodes().ERR_INVALID_ARG_TYPE)(`options.${key}`, 'number', value);
  if (!Number.isFinite(value)) throw new (errorCodes().ERR_OUT_OF_RANGE)(`options.${key}`, 'a finite number', value);
  if (value < min || value > max) throw new (errorCodes().ERR_OUT_OF_RANGE)(`options.${key}`, `>= ${min} and <= ${max}`, value);
  return value;
}

const flushValues = [constants.Z_NO_FLUSH, constants.Z_PARTIAL_FLUSH, constants.Z_SYNC_FLUSH, constants.Z_FULL_FLUSH,
  constants.Z_FINISH, constants.Z_BLOCK];

/** Validated settings of one stream. */
function settingsFor(mode, opts) {
  if (opts === null || opts === undefined) opts = {};
  // As Node, options that are not an object (`createGunzip(15)`) are taken as no options.
  if (typeof opts !== 'object') opts = {};
  const brotli = isBrotli(mode);
  const settings = {
    mode,
    chunkSize: rangeOption(opts, 'chunkSize', constants.Z_MIN_CHUNK, Infinity, constants.Z_DEFAULT_CHUNK),
    // Node's default is kMaxLength; past the runtime's memory limit the call could not hold the
    // result anyway, so that is the default here (a decompression bomb is a RangeError, not an
    // allocation of gigabytes — also in in-process mode, which has no memory limit of its own).
    maxOutputLength: rangeOption(opts, 'maxOutputLength', 1, kMaxLength,
      Math.min(kMaxLength, internal.settings.memoryLimitBytes || kMaxLength)),
    info: opts.info === true,
  };
  if (brotli) {
    settings.flush = rangeOption(opts, 'flush', constants.BROTLI_OPERATION_PROCESS, constants.BROTLI_OPERATION_EMIT_METADATA, constants.BROTLI_OPERATION_PROCESS);
    settings.finishFlush = rangeOption(opts, 'finishFlush', constants.BROTLI_OPERATION_PROCESS, constants.BROTLI_OPERATION_EMIT_METADATA, constants.BROTLI_OPERATION_FINISH);
    settings.fullFlush = constants.BROTLI_OPERATION_FLUSH;
    settings.params = [];
    if (opts.params !== undefined) {
      if (opts.params === null || typeof opts.params !== 'object') {
        throw new (errorCodes().ERR_INVALID_ARG_TYPE)('options.params', 'Object', opts.params);
      }
      for (const key of Object.keys(opts.params)) {
        const id = Number(key);
        if (!Number.isInteger(id) || id < 0) {
          const err = new RangeError(`${key} is not a valid Brotli parameter`);
          err.code = 'ERR_BROTLI_INVALID_PARAM';
          throw err;
        }
        const value = opts.params[key];
        if (typeof value !== 'number' && typeof value !== 'boolean') {
          throw new (errorCodes().ERR_INVALID_ARG_TYPE)('options.params[key]', 'number', value);
        }
        settings.params.push([id, Number(value)]);
      }
    }
    return settings;
  }
  settings.flush = rangeOption(opts, 'flush', constants.Z_NO_FLUSH, constants.Z_BLOCK, constants.Z_NO_FLUSH);
  settings.finishFlush = rangeOption(opts, 'finishFlush', constants.Z_NO_FLUSH, constants.Z_BLOCK, constants.Z_FINISH);
  settings.fullFlush = constants.Z_FULL_FLUSH;
  const inflate = inflating.has(mode);
  // Inflating streams may leave windowBits to the stream header (0).
  const windowBits = opts.windowBits === 0 && inflate ? 0 : undefined;
  settings.windowBits = windowBits ?? rangeOption(opts, 'windowBits', constants.Z_MIN_WINDOWBITS, constants.Z_MAX_WINDOWBITS, constants.Z_DEFAULT_WINDOWBITS);
  // zlib refuses a raw deflate window of 8; Node uses 9.
  if (mode === MODE.deflateRaw && settings.windowBits === 8) settings.windowBits = 9;
  settings.level = rangeOption(opts, 'level', constants.Z_MIN_LEVEL, constants.Z_MAX_LEVEL, constants.Z_DEFAULT_COMPRESSION);
  settings.memLevel = rangeOption(opts, 'memLevel', constants.Z_MIN_MEMLEVEL, constants.Z_MAX_MEMLEVEL, constants.Z_DEFAULT_MEMLEVEL);
  settings.strategy = rangeOption(opts, 'strategy', constants.Z_DEFAULT_STRATEGY, constants.Z_FIXED, constants.Z_DEFAULT_STRATEGY);
  if (opts.dictionary !== undefined) {
    if (!ArrayBuffer.isView(opts.dictionary) && !(opts.dictionary instanceof ArrayBuffer)) {
      throw new (errorCodes().ERR_INVALID_ARG_TYPE)('options.dictionary', ['Buffer', 'TypedArray', 'DataView', 'ArrayBuffer'], opts.dictionary);
    }
    settings.dictionary = toBuffer(opts.dictionary, 'options.dictionary');
  }
  return settings;
}

// ---------------------------------------------------------------------------------------------
// Native streams

/** A native stream for `settings` (its handle number). */
function openHandle(settings) {
  const { mode } = settings;
  const handle = isBrotli(mode)
    ? natives.zlibCreate(mode, 0, 0, 0, 0)
    : natives.zlibCreate(mode, settings.level, settings.windowBits, settings.memLevel, settings.strategy);
  if (handle === -1000) {
    const err = new RangeError('too many open zlib streams in this sandbox call');
    err.code = 'ERR_RESOURCE_BUDGET_EXCEEDED';
    throw err;
  }
  if (handle < 0) {
    if (isBrotli(mode)) {
      const err = new Error('Initialization failed');
      err.code = 'ERR_ZLIB_INITIALIZATION_FAILED';
      throw err;
    }
    throw engineError(mode, handle);
  }
  if (settings.dictionary !== undefined) {
    const code = natives.zlibDictionary(handle, settings.dictionary);
    if (code !== 0) {
      natives.zlibClose(handle);
      throw engineError(mode, code, code === constants.Z_DATA_ERROR ? 'Bad dictionary' : undefined);
    }
  }
  if (settings.params !== undefined) {
    for (const [key, value] of settings.params) {
      if (natives.zlibBrotliParam(handle, key, value) !== 0) {
        natives.zlibClose(handle);
        const err = new RangeError(`${key} is not a valid Brotli parameter`);
        err.code = 'ERR_BROTLI_INVALID_PARAM';
        throw err;
      }
    }
  }
  return handle;
}

/** Runs `input` through the stream: { output, ended } or throws the engine's error. */
function processChunk(handle, settings, input, flush, produced) {
  const room = settings.maxOutputLength - produced;
  const [output, code, ended, truncated, text] = natives.zlibProcess(handle, input, flush, room + 1);
  if (code !== 0) throw engineError(settings.mode, code, text);
  if (truncated || output.length > room) {
    throw new (errorCodes().ERR_BUFFER_TOO_LARGE)(settings.maxOutputLength);
  }
  return { output: Buffer.from(output.buffer, output.byteOffset, output.length), ended };
}

// ---------------------------------------------------------------------------------------------
// Stream classes

const kFlushKind = Symbol('kFlushKind');

class ZlibBase extends Transform {
  constructor(opts, mode) {
    const settings = settingsFor(mode, opts);
    super({ ...(opts !== null && typeof opts === 'object' ? opts : {}), readableHighWaterMark: settings.chunkSize, writableHighWaterMark: settings.chunkSize });
    this._settings = settings;
    this._handle = openHandle(settings);
    this._outputProduced = 0;
    this._ended = false;
    this.bytesWritten = 0;
    this._defaultFlushFlag = settings.flush;
    this._finishFlushFlag = settings.finishFlush;
    this._defaultFullFlushFlag = settings.fullFlush;
  }

  get _closed() { return this._handle === null; }

  _run(chunk, flush) {
    if (this._handle === null) {
      const err = new Error('zlib binding closed');
      err.code = 'ERR_ZLIB_BINDING_CLOSED';
      throw err;
    }
    const { output, ended } = processChunk(this._handle, this._settings, chunk, flush, this._outputProduced);
    this._outputProduced += output.length;
    if (ended) this._ended = true;
    if (output.length > 0) this.push(output);
  }

  _transform(chunk, encoding, callback) {
    try {
      const kind = chunk[kFlushKind];
      if (kind !== undefined) {
        this._run(Buffer.alloc(0), kind);
      } else {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : toBuffer(chunk, 'chunk');
        this.bytesWritten += bytes.length;
        this._run(bytes, this._defaultFlushFlag);
      }
      callback();
    } catch (err) {
      callback(err);
    }
  }

  _flush(callback) {
    try {
      this._run(Buffer.alloc(0), this._finishFlushFlag);
      if (!this._ended && inflating.has(this._settings.mode) && this._finishFlushFlag === (isBrotli(this._settings.mode) ? constants.BROTLI_OPERATION_FINISH : constants.Z_FINISH) &&
          this.bytesWritten > 0) {
        throw unexpectedEnd();
      }
      callback();
    } catch (err) {
      callback(err);
    }
  }

  _destroy(err, callback) {
    if (this._handle !== null) {
      natives.zlibClose(this._handle);
      this._handle = null;
    }
    callback(err);
  }

  /** Flushes what is buffered (kind: Z_FULL_FLUSH by default), after the writes before it. */
  flush(kind, callback) {
    if (typeof kind === 'function' || kind === undefined) {
      callback = kind;
      kind = this._defaultFullFlushFlag;
    }
    if (this.writableFinished || this.writableEnded || this.destroyed) {
      if (typeof callback === 'function') process.nextTick(callback);
      return;
    }
    const marker = Buffer.alloc(0);
    marker[kFlushKind] = kind;
    this.write(marker, callback);
  }

  close(callback) {
    if (typeof callback === 'function') require('stream').finished(this, () => callback());
    this.destroy();
  }

  /** Node's internal synchronous step (some packages call it): compresses or decompresses
   *  `chunk` with `flushFlag` and returns what came out (with a callback: through the stream). */
  _processChunk(chunk, flushFlag, callback) {
    if (typeof callback === 'function') { this.write(chunk, callback); return undefined; }
    const bytes = toBuffer(chunk, 'chunk');
    const produced = [];
    const push = this.push;
    this.push = (output) => { if (output !== null) produced.push(output); return true; };
    try {
      this.bytesWritten += bytes.length;
      this._run(bytes, flushFlag);
    } finally {
      this.push = push;
    }
    return Buffer.concat(produced);
  }

  reset() {
    if (this._handle === null) return;
    const code = natives.zlibReset(this._handle);
    if (code !== 0) throw engineError(this._settings.mode, code);
    this._ended = false;
  }
}

class Zlib extends ZlibBase {
  params(level, strategy, callback) {
    const { ERR_OUT_OF_RANGE } = errorCodes();
    if (typeof level !== 'number' || level < constants.Z_MIN_LEVEL || level > constants.Z_MAX_LEVEL) {
      throw new ERR_OUT_OF_RANGE('level', `>= ${constants.Z_MIN_LEVEL} and <= ${constants.Z_MAX_LEVEL}`, level);
    }
    if (typeof strategy !== 'number' || strategy < constants.Z_DEFAULT_STRATEGY || strategy > constants.Z_FIXED) {
      throw new ERR_OUT_OF_RANGE('strategy', `>= ${constants.Z_DEFAULT_STRATEGY} and <= ${constants.Z_FIXED}`, strategy);
    }
    const apply = () => {
      if (this._handle !== null && !isBrotli(this._settings.mode)) {
        // Output of the previous settings first, as deflateParams flushes it.
        this._run(Buffer.alloc(0), constants.Z_BLOCK);
        natives.zlibParams(this._handle, level, strategy);
        this._settings.level = level;
        this._settings.strategy = strategy;
      }
      if (typeof callback === 'function') callback();
    };
    this.flush(constants.Z_SYNC_FLUSH, apply);
  }
}

function defineClass(name, mode, Base) {
  // Callable with or without `new`, as Node's classes are.
  const Class = {
    [name]: function (opts) {
      if (!new.target) return new Class(opts);
      return Reflect.construct(Base, [opts, mode], new.target);
    },
  }[name];
  Object.setPrototypeOf(Class.prototype, Base.prototype);
  Object.setPrototypeOf(Class, Base);
  return Class;
}

const Deflate = defineClass('Deflate', MODE.deflate, Zlib);
const Inflate = defineClass('Inflate', MODE.inflate, Zlib);
const Gzip = defineClass('Gzip', MODE.gzip, Zlib);
const Gunzip = defineClass('Gunzip', MODE.gunzip, Zlib);
const DeflateRaw = defineClass('DeflateRaw', MODE.deflateRaw, Zlib);
const InflateRaw = defineClass('InflateRaw', MODE.inflateRaw, Zlib);
const Unzip = defineClass('Unzip', MODE.unzip, Zlib);
// Brotli streams inherit Zlib's methods too, as in Node (params() changes nothing for them).
const BrotliCompress = defineClass('BrotliCompress', MODE.brotliEncode, Zlib);
const BrotliDecompress = defineClass('BrotliDecompress', MODE.brotliDecode, Zlib);

// ---------------------------------------------------------------------------------------------
// One-shot forms

/** The whole of `buffer` through a new stream of `Class`, synchronously. */
function zlibBufferSync(Class, mode, buffer, opts) {
  buffer = toBuffer(buffer);
  const settings = settingsFor(mode, opts);
  const handle = openHandle(settings);
  try {
    const { output, ended } = processChunk(handle, settings, buffer, settings.finishFlush, 0);
    const finish = isBrotli(mode) ? constants.BROTLI_OPERATION_FINISH : constants.Z_FINISH;
    if (!ended && inflating.has(mode) && settings.finishFlush === finish) throw unexpectedEnd();
    if (settings.info) return { buffer: output, engine: new Class(opts) };
    return output;
  } finally {
    natives.zlibClose(handle);
  }
}

/** The callback form: the same work, its result delivered from the event loop. */
function zlibBuffer(Class, mode, buffer, opts, callback) {
  if (typeof opts === 'function') {
    callback = opts;
    opts = {};
  }
  require('internal/validators').validateFunction(callback, 'callback');
  buffer = toBuffer(buffer);
  settingsFor(mode, opts);
  setImmediate(() => {
    let result;
    try {
      result = zlibBufferSync(Class, mode, buffer, opts);
    } catch (err) {
      callback(err);
      return;
    }
    callback(null, result);
  });
}

// In the order Node defines them (one-shot forms, then factories).
const kinds = [
  ['deflate', Deflate, MODE.deflate], ['gzip', Gzip, MODE.gzip], ['deflateRaw', DeflateRaw, MODE.deflateRaw],
  ['unzip', Unzip, MODE.unzip], ['inflate', Inflate, MODE.inflate], ['gunzip', Gunzip, MODE.gunzip],
  ['inflateRaw', InflateRaw, MODE.inflateRaw],
  ['brotliCompress', BrotliCompress, MODE.brotliEncode], ['brotliDecompress', BrotliDecompress, MODE.brotliDecode],
];
const factoryOrder = ['deflate', 'inflate', 'deflateRaw', 'inflateRaw', 'gzip', 'gunzip', 'unzip', 'brotliCompress', 'brotliDecompress'];

/** zlib.crc32(data[, value]) */
function crc32(data, value = 0) {
  if (typeof data !== 'string' && !ArrayBuffer.isView(data)) {
    throw new (errorCodes().ERR_INVALID_ARG_TYPE)('data', ['Buffer', 'TypedArray', 'DataView', 'string'], data);
  }
  require('internal/validators').validateUint32(value, 'value');
  return natives.crc32(typeof data === 'string' ? Buffer.from(data) : toBuffer(data, 'data'), value);
}

function zstdUnavailable(name) {
  return function () {
    const err = new Error(`zlib.${name} is not supported in sandbox (no zstd)`);
    err.code = 'ERR_NOT_SUPPORTED_IN_SANDBOX';
    throw err;
  };
}

module.exports = {
  crc32,
  Deflate, Inflate, Gzip, Gunzip, DeflateRaw, InflateRaw, Unzip, BrotliCompress, BrotliDecompress,
  ZstdCompress: zstdUnavailable('ZstdCompress'),
  ZstdDecompress: zstdUnavailable('ZstdDecompress'),
};
for (const [name, Class, mode] of kinds) {
  module.exports[name] = { [name](buffer, opts, callback) { return zlibBuffer(Class, mode, buffer, opts, callback); } }[name];
  module.exports[`${name}Sync`] = { [`${name}Sync`](buffer, opts) { return zlibBufferSync(Class, mode, buffer, opts); } }[`${name}Sync`];
}
for (const name of ['zstdCompress', 'zstdCompressSync', 'zstdDecompress', 'zstdDecompressSync']) {
  module.exports[name] = zstdUnavailable(name);
}
for (const name of factoryOrder) {
  const Class = kinds.find((k) => k[0] === name)[1];
  const factory = `create${name[0].toUpperCase()}${name.slice(1)}`;
  module.exports[factory] = { [factory](opts) { return new Class(opts); } }[factory];
}
module.exports.createZstdCompress = zstdUnavailable('createZstdCompress');
module.exports.createZstdDecompress = zstdUnavailable('createZstdDecompress');
// Read-only, as in Node (assigning to them is ignored).
Object.defineProperty(module.exports, 'constants', { __proto__: null, value: constants, writable: false, enumerable: true, configurable: false });
Object.defineProperty(module.exports, 'codes', { __proto__: null, value: codes, writable: false, enumerable: true, configurable: false });
// The legacy top-level constants (Z_NO_FLUSH, …): read-only and not enumerable, as in Node.
for (const key of Object.keys(constants)) {
  if (key.startsWith('BROTLI_')) continue;
  Object.defineProperty(module.exports, key, { __proto__: null, value: constants[key], writable: false, enumerable: false, configurable: false });
}
