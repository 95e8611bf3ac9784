'use strict';
// _http_common: what Node's HTTP/1 server and client share — the message parser, the token and
// header-value checks, the methods. The parser is ours (Node's is llhttp, in C); it follows
// llhttp's strict rules: a bare CR or LF, a header name that is not a token, a control character
// in a value, a Content-Length that is not digits or comes twice, Content-Length beside
// Transfer-Encoding, or a request whose last coding is not `chunked` is a parse error with
// llhttp's code (`HPE_*`) and reason, and the head of a message is bounded (`maxHeaderSize`).

const { Buffer } = require('buffer');

const METHODS = ['ACL', 'BIND', 'CHECKOUT', 'CONNECT', 'COPY', 'DELETE', 'GET', 'HEAD', 'LINK', 'LOCK', 'M-SEARCH', 'MERGE',
  'MKACTIVITY', 'MKCALENDAR', 'MKCOL', 'MOVE', 'NOTIFY', 'OPTIONS', 'PATCH', 'POST', 'PROPFIND', 'PROPPATCH', 'PURGE',
  'PUT', 'QUERY', 'REBIND', 'REPORT', 'SEARCH', 'SOURCE', 'SUBSCRIBE', 'TRACE', 'UNBIND', 'UNLINK', 'UNLOCK', 'UNSUBSCRIBE'];
// llhttp also knows these (RTSP and the HTTP/2 preface) as request methods.
const knownMethods = new Set([...METHODS, 'PRI', 'DESCRIBE', 'ANNOUNCE', 'SETUP', 'PLAY', 'PAUSE', 'TEARDOWN',
  'GET_PARAMETER', 'SET_PARAMETER', 'REDIRECT', 'RECORD', 'FLUSH']);

const tokenRegExp = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;
/** Whether `value` is an RFC 7230 token (a header name or method). */
function checkIsHttpToken(value) { return tokenRegExp.test(value); }

const headerCharRegex = /[^\t\x20-\x7e\x80-\xff]/;
/** Whether `value` has a character a header value may not carry. */
function checkInvalidHeaderChar(value) { return headerCharRegex.test(value); }

const chunkExpression = /(?:^|\W)chunked(?:$|\W)/i;
const continueExpression = /(?:^|\W)100-continue(?:$|\W)/i;

const kHeadMax = 16384;

/** A parse error as Node reports one: `Parse Error: <reason>`, with llhttp's code. */
function parseError(code, reason, bytesParsed) {
  const err = new Error(`Parse Error: ${reason}`);
  err.code = code;
  err.reason = reason;
  err.bytesParsed = bytesParsed;
  return err;
}

// Where a parser is.
const START = 0;       // before a message (blank lines are skipped)
const HEAD = 1;        // in the start line and headers
const BODY = 2;        // a body of known length
const CHUNK_SIZE = 3;  // a chunk-size line
const CHUNK_DATA = 4;
const CHUNK_END = 5;   // the CRLF after a chunk's data
const TRAILERS = 6;
const BODY_EOF = 7;    // a response body that ends with the connection
const UPGRADED = 8;    // the connection is no longer HTTP
const DEAD = 9;        // after an error

/**
 * One connection's HTTP/1 parser. The owner sets the callbacks:
 * `onHeadersComplete(info)` returns 0 (read the body the headers announce), 1 (no body: the
 * answer to a HEAD) or 2 (the connection was upgraded: stop); `onBody(chunk)`;
 * `onMessageComplete(rawTrailers)`. `execute(buffer)` returns the bytes it consumed (fewer than
 * given only after an upgrade) or a parse error.
 */
class HTTPParser {
  constructor(type, maxHeaderSize, lenient) {
    this.initialize(type, maxHeaderSize, lenient);
  }

  initialize(type, maxHeaderSize = 0, lenient = false) {
    this.type = type;
    this.maxHeaderSize = maxHeaderSize > 0 ? maxHeaderSize : kHeadMax;
    this.lenient = lenient === true;
    this.maxHeaderPairs = 4000;
    this.state = START;
    this.head = '';
    this.remaining = 0;
    this.line = '';
    this.sawCR = false;
    this.upgrade = false;
    this.keepAlive = false;
    this.incoming = null;
    this.socket = null;
    this.onHeadersComplete = null;
    this.onBody = null;
    this.onMessageComplete = null;
  }

  /** Whether the parser sits between messages (nothing of the next one read yet). */
  get idle() { return this.state === START && this.head === ''; }

  execute(data) {
    let i = 0;
    const n = data.length;
    while (i < n) {
      switch (this.state) {
        case START: {
          const byte = data[i];
          if (byte === 13 || byte === 10) { i++; continue; }
          this.state = HEAD;
          this.head = '';
          this.sawCR = false;
          this.lineLength = 0;
          break;
        }
        case HEAD: {
          const scanned = this._scanHead(data, i);
          if (scanned instanceof Error) return this._fail(scanned);
          i = scanned;
          if (this.state === HEAD) continue;
          const end = this._headComplete(i);
          if (end instanceof Error) return this._fail(end);
          if (this.state === UPGRADED) return i;
          break;
        }
        case BODY: {
          i = this._bodyBytes(data, i);
          if (this.remaining === 0) this._messageDone([]);
          break;
        }
        case BODY_EOF: {
          this.onBody(data.subarray(i));
          i = n;
          break;
        }
        case CHUNK_SIZE: {
          const result = this._readLine(data, i, kHeadMax, 'HPE_CHUNK_EXTENSIONS_OVERFLOW', 'Chunk extensions overflow');
          if (result instanceof Error) return this._fail(result);
          i = result;
          if (this.lineDone) {
            const size = this._chunkSize(this.line, i);
            if (size instanceof Error) return this._fail(size);
            this.line = '';
            if (size === 0) {
              this.state = TRAILERS;
              this.head = '';
              this.sawCR = false;
              this.lineLength = 0;
            } else {
              this.remaining = size;
              this.state = CHUNK_DATA;
            }
          }
          break;
        }
        case CHUNK_DATA: {
          i = this._bodyBytes(data, i);
          if (this.remaining === 0) { this.state = CHUNK_END; this.line = ''; }
          break;
        }
        case CHUNK_END: {
          const byte = data[i++];
          if (this.line === '' && byte === 13) { this.line = '\r'; continue; }
          if (this.line === '\r' && byte === 10) { this.line = ''; this.state = CHUNK_SIZE; continue; }
          if (this.lenient && this.line === '' && byte === 10) { this.state = CHUNK_SIZE; continue; }
          return this._fail(parseError('HPE_STRICT', 'Expected LF after chunk data', i));
        }
        case TRAILERS: {
          // Either a bare CRLF (no trailers) or header lines ending with an empty one.
          const scanned = this._scanHead(data, i, true);
          if (scanned instanceof Error) return this._fail(scanned);
          i = scanned;
          if (this.state === TRAILERS) continue;
          break;
        }
        case UPGRADED:
          return i;
        default:
          return parseError('HPE_CLOSED_CONNECTION', 'Data after `Connection: close`', i);
      }
    }
    return n;
  }

  /** Up to `remaining` body bytes from `i` to the owner; returns where they end. */
  _bodyBytes(data, i) {
    const take = Math.min(this.remaining, data.length - i);
    this.remaining -= take;
    this.onBody(data.subarray(i, i + take));
    return i + take;
  }

  /** The connection ended: a message reading to the end is complete; one cut short is an error. */
  finish() {
    if (this.state === BODY_EOF) { this._messageDone([]); return undefined; }
    if (this.state === START || this.state === UPGRADED || this.state === DEAD) return undefined;
    return parseError('HPE_INVALID_EOF_STATE', 'Invalid EOF state', 0);
  }

  _fail(err) {
    this.state = DEAD;
    return err;
  }

  /** Adds head bytes from `i` until the empty line; enforces CRLF line ends and the size bound. */
  _scanHead(data, i, trailers = false) {
    const n = data.length;
    const start = i;
    for (; i < n; i++) {
      const byte = data[i];
      if (this.sawCR) {
        if (byte !== 10) return parseError('HPE_LF_EXPECTED', 'Missing expected LF after header value', i);
        this.sawCR = false;
        if (this.lineLength === 0) {
          // An empty line: the head (or the trailer section) is complete.
          this.head += data.toString('latin1', start, i + 1);
          if (this.head.length > this.maxHeaderSize + 4) return parseError('HPE_HEADER_OVERFLOW', 'Header overflow', i);
          if (trailers) return this._trailersComplete(i + 1);
          this.state = BODY; // _headComplete decides what follows
          return i + 1;
        }
        this.lineLength = 0;
        continue;
      }
      if (byte === 13) { this.sawCR = true; continue; }
      if (byte === 10 && !this.lenient) return parseError('HPE_CR_EXPECTED', 'Missing expected CR after header value', i);
      this.lineLength++;
    }
    this.head += data.toString('latin1', start, n);
    if (this.head.length > this.maxHeaderSize) return parseError('HPE_HEADER_OVERFLOW', 'Header overflow', n);
    return n;
  }

  _trailersComplete(i) {
    const lines = this.head.split('\r\n');
    const raw = [];
    for (const line of lines) {
      if (line === '') continue;
      const pair = this._headerLine(line, i);
      if (pair instanceof Error) return pair;
      raw.push(pair[0], pair[1]);
    }
    this.head = '';
    this._messageDone(raw);
    return i;
  }

  _headerLine(line, at) {
    const colon = line.indexOf(':');
    if (colon <= 0) return parseError('HPE_INVALID_HEADER_TOKEN', 'Invalid header token', at);
    const name = line.slice(0, colon);
    if (!tokenRegExp.test(name)) return parseError('HPE_INVALID_HEADER_TOKEN', 'Invalid header token', at);
    const value = line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
    if (headerCharRegex.test(value)) return parseError('HPE_INVALID_HEADER_TOKEN', 'Invalid header value char', at);
    return [name, value];
  }

  /** The head ends at `i`: parse the start line and headers, decide the body, announce them. */
  _headComplete(i) {
    if (this.head.length > this.maxHeaderSize) return parseError('HPE_HEADER_OVERFLOW', 'Header overflow', i);
    const lines = this.head.split('\r\n');
    this.head = '';
    const first = lines[0];
    this.lineLength = 0;
    const info = {
      versionMajor: 1, versionMinor: 1, rawHeaders: [], method: undefined, url: '', statusCode: 0,
      statusMessage: '', upgrade: false, shouldKeepAlive: false,
    };
    if (this.type === HTTPParser.REQUEST) {
      const match = /^([^ ]+) ([^ ]+) HTTP\/(\d)\.(\d)$/.exec(first);
      if (match === null) {
        const method = first.split(' ')[0];
        if (!knownMethods.has(method)) return parseError('HPE_INVALID_METHOD', 'Invalid method encountered', 0);
        if (/^[^ ]+ [^ ]*[\x00-\x20\x7f]/.test(first) || !/^[^ ]+ [^ ]+ /.test(first)) {
          return parseError('HPE_INVALID_URL', 'Invalid URL', 0);
        }
        return parseError('HPE_INVALID_VERSION', 'Invalid HTTP version', 0);
      }
      if (!knownMethods.has(match[1])) return parseError('HPE_INVALID_METHOD', 'Invalid method encountered', 0);
      if (/[\x00-\x1f\x7f]/.test(match[2])) return parseError('HPE_INVALID_URL', 'Invalid URL', 0);
      info.method = match[1];
      info.url = match[2];
      info.versionMajor = Number(match[3]);
      info.versionMinor = Number(match[4]);
    } else {
      const match = /^HTTP\/(\d)\.(\d) (\d{3})(?: (.*))?$/.exec(first);
      if (match === null) {
        if (!/^HTTP\/\d\.\d /.test(first)) return parseError('HPE_INVALID_CONSTANT', 'Expected HTTP/', 0);
        return parseError('HPE_INVALID_STATUS', 'Invalid status code', 0);
      }
      info.versionMajor = Number(match[1]);
      info.versionMinor = Number(match[2]);
      info.statusCode = Number(match[3]);
      info.statusMessage = match[4] ?? '';
      if (headerCharRegex.test(info.statusMessage)) return parseError('HPE_INVALID_STATUS', 'Invalid response status', 0);
    }
    if (info.versionMajor !== 1 || info.versionMinor > 1) {
      if (!(info.versionMajor === 0 && info.versionMinor === 9) && !(this.lenient)) {
        return parseError('HPE_INVALID_VERSION', 'Invalid HTTP version', 0);
      }
    }
    let contentLength = null;
    let transferEncoding = null;
    const connection = new Set();
    let upgradeHeader = false;
    const raw = info.rawHeaders;
    for (let k = 1; k < lines.length; k++) {
      const line = lines[k];
      if (line === '') continue;
      if (line[0] === ' ' || line[0] === '\t') {
        if (!this.lenient) return parseError('HPE_INVALID_HEADER_TOKEN', 'Unexpected whitespace after header value', i);
        if (raw.length > 0) raw[raw.length - 1] += ' ' + line.trim();
        continue;
      }
      const pair = this._headerLine(line, i);
      if (pair instanceof Error) return pair;
      const [name, value] = pair;
      const lower = name.toLowerCase();
      if (lower === 'content-length') {
        if (!/^\d+$/.test(value)) return parseError('HPE_INVALID_CONTENT_LENGTH', 'Invalid character in Content-Length', i);
        if (contentLength !== null && !this.lenient) return parseError('HPE_UNEXPECTED_CONTENT_LENGTH', 'Duplicate Content-Length', i);
        if (transferEncoding !== null && !this.lenient) {
          return parseError('HPE_UNEXPECTED_CONTENT_LENGTH', "Content-Length can't be present with Transfer-Encoding", i);
        }
        contentLength = Number(value);
      } else if (lower === 'transfer-encoding') {
        if (contentLength !== null && !this.lenient) {
          return parseError('HPE_INVALID_TRANSFER_ENCODING', "Transfer-Encoding can't be present with Content-Length", i);
        }
        transferEncoding = transferEncoding === null ? value : `${transferEncoding}, ${value}`;
      } else if (lower === 'connection') {
        for (const token of value.toLowerCase().split(',')) connection.add(token.trim());
      } else if (lower === 'upgrade') {
        upgradeHeader = true;
      }
      if (raw.length < this.maxHeaderPairs) raw.push(name, value);
    }
    const request = this.type === HTTPParser.REQUEST;
    let chunked = false;
    let untilEOF = false;
    if (transferEncoding !== null) {
      if (contentLength !== null && !this.lenient) {
        return parseError('HPE_UNEXPECTED_CONTENT_LENGTH', "Content-Length can't be present with Transfer-Encoding", i);
      }
      const codings = transferEncoding.toLowerCase().split(',').map((s) => s.trim());
      const last = codings[codings.length - 1];
      if (last === 'chunked' && codings.indexOf('chunked') === codings.length - 1) {
        chunked = true;
      } else if (request || codings.includes('chunked')) {
        if (!this.lenient) return parseError('HPE_INVALID_TRANSFER_ENCODING', 'Request has invalid `Transfer-Encoding`', i);
        chunked = last === 'chunked';
      } else {
        untilEOF = true;
      }
      contentLength = null;
    }
    const http11 = info.versionMajor === 1 && info.versionMinor === 1;
    let keepAlive = http11 ? !connection.has('close') : connection.has('keep-alive');
    if (request) {
      info.upgrade = info.method === 'CONNECT' || (upgradeHeader && connection.has('upgrade'));
    } else {
      info.upgrade = info.statusCode === 101;
      const noBody = info.statusCode === 204 || info.statusCode === 304 || (info.statusCode >= 100 && info.statusCode < 200);
      if (!noBody && !chunked && contentLength === null) untilEOF = true;
      if (noBody) { chunked = false; untilEOF = false; contentLength = null; }
    }
    if (untilEOF) keepAlive = false;
    info.shouldKeepAlive = keepAlive;
    this.keepAlive = keepAlive;
    this.upgrade = info.upgrade;
    const answer = this.onHeadersComplete(info);
    if (this.state === DEAD) return i;
    if (answer === 2) {
      this.state = UPGRADED;
      return i;
    }
    if (answer === 1 || (!request && info.statusCode >= 100 && info.statusCode < 200 && info.statusCode !== 101)) {
      this._messageDone([]);
    } else if (chunked) {
      this.state = CHUNK_SIZE;
      this.line = '';
    } else if (contentLength !== null && contentLength > 0) {
      this.state = BODY;
      this.remaining = contentLength;
    } else if (untilEOF) {
      this.state = BODY_EOF;
    } else {
      this._messageDone([]);
    }
    return i;
  }

  _messageDone(rawTrailers) {
    this.state = START;
    this.head = '';
    if (this.onMessageComplete !== null) this.onMessageComplete(rawTrailers);
  }

  /** Reads a CRLF-terminated line into `this.line` (sets `lineDone`). */
  _readLine(data, i, max, overflowCode, overflowReason) {
    this.lineDone = false;
    const n = data.length;
    const start = i;
    for (; i < n; i++) {
      const byte = data[i];
      if (byte === 10) {
        const text = this.line + data.toString('latin1', start, i);
        if (text.length > max + 1) return parseError(overflowCode, overflowReason, i);
        if (!text.endsWith('\r')) {
          if (!this.lenient) return parseError('HPE_STRICT', 'Expected CRLF', i);
          this.line = text;
        } else {
          this.line = text.slice(0, -1);
        }
        this.lineDone = true;
        return i + 1;
      }
    }
    this.line += data.toString('latin1', start, n);
    if (this.line.length > max) return parseError(overflowCode, overflowReason, n);
    return n;
  }

  _chunkSize(line, at) {
    const match = /^([0-9a-fA-F]+)[ \t]*(;.*)?$/.exec(line);
    if (match === null) return parseError('HPE_INVALID_CHUNK_SIZE', 'Invalid character in chunk size', at);
    if (match[2] !== undefined && /[\r\n]/.test(match[2])) return parseError('HPE_STRICT', 'Invalid character in chunk extensions', at);
    if (match[1].length > 13) return parseError('HPE_INVALID_CHUNK_SIZE', 'Chunk size overflow', at);
    return parseInt(match[1], 16);
  }
}
HTTPParser.REQUEST = 1;
HTTPParser.RESPONSE = 2;
HTTPParser.kOnHeadersComplete = 1;
HTTPParser.kOnBody = 2;
HTTPParser.kOnMessageComplete = 3;

// Node's pool of parsers: ours are cheap to make, so the pool hands out new ones.
const parsers = {
  alloc() { return new HTTPParser(HTTPParser.REQUEST); },
  free() {},
};

function freeParser(parser, req, socket) {
  if (parser) {
    parser.onHeadersComplete = null;
    parser.onBody = null;
    parser.onMessageComplete = null;
    parser.incoming = null;
    parser.socket = null;
  }
  if (req) req.parser = null;
  if (socket) socket.parser = null;
}

module.exports = {
  _checkInvalidHeaderChar: checkInvalidHeaderChar,
  _checkIsHttpToken: checkIsHttpToken,
  chunkExpression,
  continueExpression,
  CRLF: '\r\n',
  freeParser,
  methods: METHODS.slice(),
  parsers,
  kIncomingMessage: Symbol('IncomingMessage'),
  HTTPParser,
  isLenient() { return false; },
  prepareError(err, parser, rawPacket) {
    err.rawPacket = rawPacket || Buffer.alloc(0);
  },
};
