'use strict';

// Node 22's `url` module: the WHATWG URL API (URL, URLSearchParams) and the legacy API
// (url.parse / url.format / url.resolve, Url), plus the file-URL and domain helpers.
//
// Node 22.20 parses with Ada 2.9.2 (C++). Here the URL Standard's basic URL parser runs on a
// URL record in JavaScript; where Ada 2.9.2 departs from the Standard we follow Ada, since that
// is what guest code observes on Node 22 (each place is commented):
//   - the path percent-encode set does not include U+005E (^), and opaque paths keep spaces
//     before "?"/"#" unencoded;
//   - a final ".." on a non-special URL whose path is already empty adds no empty segment
//     (new URL('..', 'a:/b').href is "a:");
//   - a relative input containing "#" against a base with an opaque path resolves against that
//     path instead of failing;
//   - the port and host setters have Ada's rules (see setPort / setHostOrHostname);
//   - URL <-> URLSearchParams updates happen at the moments Node performs them.
// Hosts, IPv4 numbers (decimal, octal, hex, short forms), IPv6 and IDNA (internal/idna) follow
// the Standard and match Node on everything our differential tests tried.

const {
  codes: {
    ERR_ARG_NOT_ITERABLE,
    ERR_INVALID_ARG_TYPE,
    ERR_INVALID_ARG_VALUE,
    ERR_INVALID_FILE_URL_HOST,
    ERR_INVALID_FILE_URL_PATH,
    ERR_INVALID_THIS,
    ERR_INVALID_TUPLE,
    ERR_INVALID_URL,
    ERR_INVALID_URI,
    ERR_INVALID_URL_SCHEME,
    ERR_MISSING_ARGS,
  },
  nativeError,
} = require('internal/errors');
const { validateFunction, validateObject, validateString } = require('internal/validators');
const idna = require('internal/idna');

// Loaded lazily: inspect needs this module's classes only when printing, querystring only for
// the legacy API, path and buffer only for the file helpers.
let inspectModule;
function lazyInspect() {
  if (inspectModule === undefined) inspectModule = require('internal/util/inspect');
  return inspectModule;
}
let querystringModule;
function lazyQuerystring() {
  if (querystringModule === undefined) querystringModule = require('querystring');
  return querystringModule;
}
let pathModule;
function lazyPath() {
  if (pathModule === undefined) pathModule = require('path');
  return pathModule;
}

const customInspectSymbol = Symbol.for('nodejs.util.inspect.custom');

// Lone surrogates become U+FFFD, as when Node hands a string to C++ as UTF-8.
const toUSVString = typeof String.prototype.toWellFormed === 'function' ?
  (str) => String.prototype.toWellFormed.call(str) :
  (str) => str.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

// ---------------------------------------------------------------------------
// Percent-encoding (URL Standard section 1.3). A set is a 128-entry table of ASCII code units to
// encode; everything non-ASCII is always encoded as UTF-8.

function makeSet(base, chars) {
  const set = new Uint8Array(128);
  if (base !== null) set.set(base);
  for (let i = 0; i < chars.length; i++) set[chars.charCodeAt(i)] = 1;
  return set;
}

const C0_CONTROL_SET = new Uint8Array(128);
for (let i = 0; i < 0x20; i++) C0_CONTROL_SET[i] = 1;
C0_CONTROL_SET[0x7f] = 1;
const FRAGMENT_SET = makeSet(C0_CONTROL_SET, ' "<>`');
const QUERY_SET = makeSet(C0_CONTROL_SET, ' "#<>');
const SPECIAL_QUERY_SET = makeSet(QUERY_SET, "'");
const PATH_SET = makeSet(QUERY_SET, '?`{}');
const USERINFO_SET = makeSet(PATH_SET, '/:;=@[\\]^|');

const hexTable = [];
for (let i = 0; i < 256; i++) hexTable.push(`%${i < 16 ? '0' : ''}${i.toString(16).toUpperCase()}`);

// UTF-8 percent-encodes the code point starting at str[i] (a well-formed string), appending to
// `out`; returns the number of code units consumed.
function encodeCodePoint(str, i, parts) {
  let c = str.charCodeAt(i);
  if (c < 0x800) {
    parts.push(hexTable[0xc0 | (c >> 6)], hexTable[0x80 | (c & 0x3f)]);
    return 1;
  }
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length) {
    const low = str.charCodeAt(i + 1);
    if (low >= 0xdc00 && low <= 0xdfff) {
      c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
      parts.push(hexTable[0xf0 | (c >> 18)], hexTable[0x80 | ((c >> 12) & 0x3f)],
                 hexTable[0x80 | ((c >> 6) & 0x3f)], hexTable[0x80 | (c & 0x3f)]);
      return 2;
    }
  }
  if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
  parts.push(hexTable[0xe0 | (c >> 12)], hexTable[0x80 | ((c >> 6) & 0x3f)], hexTable[0x80 | (c & 0x3f)]);
  return 1;
}

function percentEncode(str, set) {
  let i = 0;
  // Fast path: nothing to encode.
  for (; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (c >= 0x80 || set[c] === 1) break;
  }
  if (i === str.length) return str;
  const parts = [str.slice(0, i)];
  while (i < str.length) {
    const c = str.charCodeAt(i);
    if (c < 0x80) {
      parts.push(set[c] === 1 ? hexTable[c] : str[i]);
      i++;
    } else {
      i += encodeCodePoint(str, i, parts);
    }
  }
  return parts.join('');
}

function isHexDigit(c) {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

function hexValue(c) {
  return c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x61 + 10;
}

// Percent-decodes a string into UTF-8 bytes (section 1.3 "percent-decode").
function percentDecodeToBytes(str) {
  const bytes = [];
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (c === 0x25 && i + 2 < str.length && isHexDigit(str.charCodeAt(i + 1)) && isHexDigit(str.charCodeAt(i + 2))) {
      bytes.push(hexValue(str.charCodeAt(i + 1)) * 16 + hexValue(str.charCodeAt(i + 2)));
      i += 2;
    } else if (c < 0x80) {
      bytes.push(c);
    } else {
      const parts = [];
      i += encodeCodePoint(str, i, parts) - 1;
      for (const p of parts) bytes.push(parseInt(p.slice(1), 16));
    }
  }
  return bytes;
}

// UTF-8 decode with replacement (WHATWG Encoding "UTF-8 decode without BOM"): each maximal
// invalid subpart becomes one U+FFFD.
function utf8Decode(bytes) {
  let out = '';
  let chunk = [];
  const flush = () => {
    if (chunk.length > 0) {
      out += String.fromCharCode.apply(null, chunk);
      chunk = [];
    }
  };
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    if (b < 0x80) {
      chunk.push(b);
      i++;
      continue;
    }
    let need = 0;
    let cp = 0;
    let lower = 0x80;
    let upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      cp = b & 0x0f;
      if (b === 0xe0) lower = 0xa0;
      if (b === 0xed) upper = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      cp = b & 0x07;
      if (b === 0xf0) lower = 0x90;
      if (b === 0xf4) upper = 0x8f;
    } else {
      chunk.push(0xfffd);
      i++;
      continue;
    }
    let j = 1;
    for (; j <= need; j++) {
      const next = bytes[i + j];
      if (next === undefined || next < lower || next > upper) break;
      cp = (cp << 6) | (next & 0x3f);
      lower = 0x80;
      upper = 0xbf;
    }
    if (j <= need) {
      chunk.push(0xfffd);
      i += j;
      continue;
    }
    if (cp > 0xffff) {
      cp -= 0x10000;
      chunk.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
    } else {
      chunk.push(cp);
    }
    i += need + 1;
    if (chunk.length > 4096) flush();
  }
  flush();
  return out;
}

// ---------------------------------------------------------------------------
// Hosts (URL Standard section 3). Hosts are kept serialized: a domain, "a.b.c.d" for IPv4,
// "[...]" for IPv6, or an opaque host; '' is the empty host and null no host.

const specialSchemes = { __proto__: null, 'ftp': 21, 'file': null, 'http': 80, 'https': 443, 'ws': 80, 'wss': 443 };

function isSpecialScheme(scheme) {
  return scheme in specialSchemes;
}

function defaultPort(scheme) {
  const port = specialSchemes[scheme];
  return port === undefined ? null : port;
}

// Forbidden host code points (opaque hosts) and forbidden domain code points (after IDNA).
const FORBIDDEN_HOST = makeSet(null, '\u0000\t\n\r #/:<>?@[\\]^|');
const FORBIDDEN_DOMAIN = makeSet(C0_CONTROL_SET, '%\u007f');
FORBIDDEN_DOMAIN.set(FORBIDDEN_HOST.map((v, i) => v | FORBIDDEN_DOMAIN[i]));

function containsFrom(set, str) {
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (c < 0x80 && set[c] === 1) return true;
  }
  return false;
}

function parseIPv6(input) {
  const address = [0, 0, 0, 0, 0, 0, 0, 0];
  let pieceIndex = 0;
  let compress = null;
  let pointer = 0;
  const len = input.length;
  const at = (p) => (p < len ? input.charCodeAt(p) : -1);
  const isDigit = (c) => c >= 0x30 && c <= 0x39;

  if (at(pointer) === 0x3a) {
    if (at(pointer + 1) !== 0x3a) return null;
    pointer += 2;
    pieceIndex++;
    compress = pieceIndex;
  }
  while (at(pointer) !== -1) {
    if (pieceIndex === 8) return null;
    if (at(pointer) === 0x3a) {
      if (compress !== null) return null;
      pointer++;
      pieceIndex++;
      compress = pieceIndex;
      continue;
    }
    let value = 0;
    let length = 0;
    while (length < 4 && isHexDigit(at(pointer))) {
      value = value * 0x10 + hexValue(at(pointer));
      pointer++;
      length++;
    }
    if (at(pointer) === 0x2e) {
      // An embedded IPv4 address in the last two pieces.
      if (length === 0) return null;
      pointer -= length;
      if (pieceIndex > 6) return null;
      let numbersSeen = 0;
      while (at(pointer) !== -1) {
        let ipv4Piece = null;
        if (numbersSeen > 0) {
          if (at(pointer) === 0x2e && numbersSeen < 4) pointer++;
          else return null;
        }
        if (!isDigit(at(pointer))) return null;
        while (isDigit(at(pointer))) {
          const number = at(pointer) - 0x30;
          if (ipv4Piece === null) ipv4Piece = number;
          else if (ipv4Piece === 0) return null;
          else ipv4Piece = ipv4Piece * 10 + number;
          if (ipv4Piece > 255) return null;
          pointer++;
        }
        address[pieceIndex] = address[pieceIndex] * 0x100 + ipv4Piece;
        numbersSeen++;
        if (numbersSeen === 2 || numbersSeen === 4) pieceIndex++;
      }
      if (numbersSeen !== 4) return null;
      break;
    } else if (at(pointer) === 0x3a) {
      pointer++;
      if (at(pointer) === -1) return null;
    } else if (at(pointer) !== -1) {
      return null;
    }
    address[pieceIndex] = value;
    pieceIndex++;
  }
  if (compress !== null) {
    let swaps = pieceIndex - compress;
    pieceIndex = 7;
    while (pieceIndex !== 0 && swaps > 0) {
      const tmp = address[pieceIndex];
      address[pieceIndex] = address[compress + swaps - 1];
      address[compress + swaps - 1] = tmp;
      pieceIndex--;
      swaps--;
    }
  } else if (pieceIndex !== 8) {
    return null;
  }
  return address;
}

function serializeIPv6(address) {
  // Compress the first longest run of two or more zero pieces.
  let compress = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (address[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && address[j] === 0) j++;
    if (j - i > bestLen) {
      bestLen = j - i;
      compress = i;
    }
    i = j;
  }
  let out = '';
  let ignore0 = false;
  for (let i = 0; i < 8; i++) {
    if (ignore0 && address[i] === 0) continue;
    ignore0 = false;
    if (compress === i) {
      out += i === 0 ? '::' : ':';
      ignore0 = true;
      continue;
    }
    out += address[i].toString(16);
    if (i !== 7) out += ':';
  }
  return out;
}

// IPv4 number parser: the value, or null on failure.
function parseIPv4Number(input) {
  if (input === '') return null;
  let radix = 10;
  if (input.length >= 2 && input[0] === '0' && (input[1] === 'x' || input[1] === 'X')) {
    input = input.slice(2);
    radix = 16;
  } else if (input.length >= 2 && input[0] === '0') {
    input = input.slice(1);
    radix = 8;
  }
  if (input === '') return 0;
  const valid = radix === 16 ? /^[0-9a-fA-F]+$/ : radix === 10 ? /^[0-9]+$/ : /^[0-7]+$/;
  if (!valid.test(input)) return null;
  // Precision is irrelevant beyond 2**32: such values only need to compare as too large.
  return parseInt(input, radix);
}

function endsInANumber(input) {
  const parts = input.split('.');
  if (parts[parts.length - 1] === '') {
    if (parts.length === 1) return false;
    parts.pop();
  }
  const last = parts[parts.length - 1];
  if (last !== '' && /^[0-9]+$/.test(last)) return true;
  return parseIPv4Number(last) !== null;
}

// Returns the serialized address or null.
function parseIPv4(input) {
  const parts = input.split('.');
  if (parts[parts.length - 1] === '' && parts.length > 1) parts.pop();
  if (parts.length > 4) return null;
  const numbers = [];
  for (const part of parts) {
    const n = parseIPv4Number(part);
    if (n === null) return null;
    numbers.push(n);
  }
  for (let i = 0; i < numbers.length - 1; i++) {
    if (numbers[i] > 255) return null;
  }
  const last = numbers[numbers.length - 1];
  if (last >= 256 ** (5 - numbers.length)) return null;
  let ipv4 = last;
  for (let i = 0; i < numbers.length - 1; i++) ipv4 += numbers[i] * 256 ** (3 - i);
  return `${Math.floor(ipv4 / 16777216) % 256}.${Math.floor(ipv4 / 65536) % 256}.` +
    `${Math.floor(ipv4 / 256) % 256}.${ipv4 % 256}`;
}

function parseOpaqueHost(input) {
  if (containsFrom(FORBIDDEN_HOST, input)) return null;
  return percentEncode(input, C0_CONTROL_SET);
}

// Domain to ASCII for the host parser: the ASCII domain or null.
function domainToASCIIInternal(domain) {
  const ascii = idna.toASCII(domain);
  if (ascii === '' || containsFrom(FORBIDDEN_DOMAIN, ascii)) return null;
  return ascii;
}

// The host parser: the serialized host or null on failure.
function parseHost(input, isNotSpecial) {
  if (input[0] === '[') {
    if (input[input.length - 1] !== ']') return null;
    const address = parseIPv6(input.slice(1, -1));
    return address === null ? null : `[${serializeIPv6(address)}]`;
  }
  if (isNotSpecial) return parseOpaqueHost(input);
  const domain = input.includes('%') ? utf8Decode(percentDecodeToBytes(input)) : input;
  const asciiDomain = domainToASCIIInternal(domain);
  if (asciiDomain === null) return null;
  if (endsInANumber(asciiDomain)) return parseIPv4(asciiDomain);
  return asciiDomain;
}

// ---------------------------------------------------------------------------
// URL records and the basic URL parser (URL Standard section 4.4).

class URLRecord {
  constructor() {
    this.scheme = '';
    this.username = '';
    this.password = '';
    this.host = null;
    this.port = null;
    // An array of segments, or a string for an opaque path.
    this.path = [];
    this.query = null;
    this.fragment = null;
  }
}

const EOF = -1;
const SCHEME_START = 1;
const SCHEME = 2;
const NO_SCHEME = 3;
const SPECIAL_RELATIVE_OR_AUTHORITY = 4;
const PATH_OR_AUTHORITY = 5;
const RELATIVE = 6;
const RELATIVE_SLASH = 7;
const SPECIAL_AUTHORITY_SLASHES = 8;
const SPECIAL_AUTHORITY_IGNORE_SLASHES = 9;
const AUTHORITY = 10;
const HOST = 11;
const HOSTNAME = 12;
const PORT = 13;
const FILE = 14;
const FILE_SLASH = 15;
const FILE_HOST = 16;
const PATH_START = 17;
const PATH = 18;
const OPAQUE_PATH = 19;
const QUERY = 20;
const FRAGMENT = 21;

const isAsciiAlpha = (c) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isAsciiDigit = (c) => c >= 0x30 && c <= 0x39;

function hasOpaquePath(url) {
  return typeof url.path === 'string';
}

function includesCredentials(url) {
  return url.username !== '' || url.password !== '';
}

function cannotHaveUsernamePasswordPort(url) {
  return url.host === null || url.host === '' || url.scheme === 'file';
}

function isWindowsDriveLetter(str) {
  return str.length === 2 && isAsciiAlpha(str.charCodeAt(0)) && (str[1] === ':' || str[1] === '|');
}

function isNormalizedWindowsDriveLetter(str) {
  return typeof str === 'string' && str.length === 2 && isAsciiAlpha(str.charCodeAt(0)) && str[1] === ':';
}

function startsWithWindowsDriveLetter(input, pointer) {
  if (input.length - pointer < 2) return false;
  if (!isAsciiAlpha(input.charCodeAt(pointer))) return false;
  const second = input[pointer + 1];
  if (second !== ':' && second !== '|') return false;
  if (input.length - pointer === 2) return true;
  const third = input[pointer + 2];
  return third === '/' || third === '\\' || third === '?' || third === '#';
}

function isSingleDotSegment(seg) {
  return seg === '.' || (seg.length === 3 && seg.toLowerCase() === '%2e');
}

function isDoubleDotSegment(seg) {
  switch (seg.length) {
    case 2: return seg === '..';
    case 4: {
      const lower = seg.toLowerCase();
      return lower === '.%2e' || lower === '%2e.';
    }
    case 6: return seg.toLowerCase() === '%2e%2e';
    default: return false;
  }
}

// Returns whether a segment was removed (Ada only appends the empty segment after a final ".."
// on a non-special URL when one was). `minLength` is 1 for the opaque-base quirk below, whose
// first element is the base's opaque path and cannot be removed.
function shortenPath(url, minLength = 0) {
  const path = url.path;
  if (url.scheme === 'file' && path.length === 1 && isNormalizedWindowsDriveLetter(path[0])) return false;
  if (path.length <= minLength) return false;
  path.pop();
  return true;
}

// Leading and trailing C0 control or space.
const trimControlRe = /^[\u0000-\u0020]+|[\u0000-\u0020]+$/g;
const tabNewlineRe = /[\t\n\r]/g;

// Runs the basic URL parser. `input` must be a well-formed string. Returns the URL record, or null
// on failure. With a state override the given record is modified in place (a "return" of the
// Standard also returns the record; only failures return null).
function basicParse(input, base, url, stateOverride) {
  if (url === undefined || url === null) {
    url = new URLRecord();
    input = input.replace(trimControlRe, '');
  }
  input = input.replace(tabNewlineRe, '');
  const len = input.length;
  let state = stateOverride || SCHEME_START;
  let buffer = '';
  let atSignSeen = false;
  let insideBrackets = false;
  let passwordTokenSeen = false;
  let special = isSpecialScheme(url.scheme);
  // Ada 2.9.2 quirk: a relative input that contains "#" (but does not start with it), against a
  // base with an opaque path, is resolved relative to that opaque path instead of failing; the
  // result keeps an opaque path ("x#f" against "a:b" gives "a:b/x#f").
  let opaqueBase = false;
  let opaqueQuirk = 0;

  for (let pointer = 0; ; pointer++) {
    const c = pointer < len ? input.charCodeAt(pointer) : EOF;
    switch (state) {
      case SCHEME_START:
        if (isAsciiAlpha(c)) {
          buffer += input[pointer].toLowerCase();
          state = SCHEME;
        } else if (!stateOverride) {
          state = NO_SCHEME;
          pointer--;
        } else {
          return null;
        }
        break;

      case SCHEME:
        if (isAsciiAlpha(c) || isAsciiDigit(c) || c === 0x2b || c === 0x2d || c === 0x2e) {
          buffer += input[pointer].toLowerCase();
        } else if (c === 0x3a) {
          if (stateOverride) {
            if (isSpecialScheme(url.scheme) !== isSpecialScheme(buffer)) return url;
            if ((includesCredentials(url) || url.port !== null) && buffer === 'file') return url;
            if (url.scheme === 'file' && url.host === '') return url;
          }
          url.scheme = buffer;
          special = isSpecialScheme(buffer);
          if (stateOverride) {
            if (url.port === defaultPort(url.scheme)) url.port = null;
            return url;
          }
          buffer = '';
          if (url.scheme === 'file') {
            state = FILE;
          } else if (special && base !== null && base.scheme === url.scheme) {
            state = SPECIAL_RELATIVE_OR_AUTHORITY;
          } else if (special) {
            state = SPECIAL_AUTHORITY_SLASHES;
          } else if (input.charCodeAt(pointer + 1) === 0x2f) {
            state = PATH_OR_AUTHORITY;
            pointer++;
          } else {
            url.path = '';
            state = OPAQUE_PATH;
          }
        } else if (!stateOverride) {
          buffer = '';
          state = NO_SCHEME;
          pointer = -1;
        } else {
          return null;
        }
        break;

      case NO_SCHEME:
        if (base === null) return null;
        if (hasOpaquePath(base) && c !== 0x23) {
          if (!input.includes('#')) return null;
          opaqueBase = true;
          state = RELATIVE;
          pointer--;
        } else if (hasOpaquePath(base) && c === 0x23) {
          url.scheme = base.scheme;
          special = isSpecialScheme(url.scheme);
          url.path = base.path;
          url.query = base.query;
          url.fragment = '';
          state = FRAGMENT;
        } else if (base.scheme !== 'file') {
          state = RELATIVE;
          pointer--;
        } else {
          state = FILE;
          pointer--;
        }
        break;

      case SPECIAL_RELATIVE_OR_AUTHORITY:
        if (c === 0x2f && input.charCodeAt(pointer + 1) === 0x2f) {
          state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
          pointer++;
        } else {
          state = RELATIVE;
          pointer--;
        }
        break;

      case PATH_OR_AUTHORITY:
        if (c === 0x2f) {
          state = AUTHORITY;
        } else {
          state = PATH;
          pointer--;
        }
        break;

      case RELATIVE:
        url.scheme = base.scheme;
        special = isSpecialScheme(url.scheme);
        if (c === 0x2f || (special && c === 0x5c)) {
          state = RELATIVE_SLASH;
        } else {
          url.username = base.username;
          url.password = base.password;
          url.host = base.host;
          url.port = base.port;
          if (opaqueBase) {
            url.path = base.path.split('/');
            opaqueQuirk = 1;
          } else {
            url.path = base.path.slice();
          }
          url.query = base.query;
          if (c === 0x3f) {
            url.query = '';
            state = QUERY;
          } else if (c === 0x23) {
            url.fragment = '';
            state = FRAGMENT;
          } else if (c !== EOF) {
            url.query = null;
            shortenPath(url, opaqueQuirk);
            state = PATH;
            pointer--;
          }
        }
        break;

      case RELATIVE_SLASH:
        if (special && (c === 0x2f || c === 0x5c)) {
          state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
        } else if (c === 0x2f) {
          state = AUTHORITY;
        } else {
          url.username = base.username;
          url.password = base.password;
          url.host = base.host;
          url.port = base.port;
          state = PATH;
          pointer--;
        }
        break;

      case SPECIAL_AUTHORITY_SLASHES:
        state = SPECIAL_AUTHORITY_IGNORE_SLASHES;
        if (c === 0x2f && input.charCodeAt(pointer + 1) === 0x2f) pointer++;
        else pointer--;
        break;

      case SPECIAL_AUTHORITY_IGNORE_SLASHES:
        if (c !== 0x2f && c !== 0x5c) {
          state = AUTHORITY;
          pointer--;
        }
        break;

      case AUTHORITY:
        if (c === 0x40) {
          if (atSignSeen) buffer = `%40${buffer}`;
          atSignSeen = true;
          if (passwordTokenSeen) {
            url.password += percentEncode(buffer, USERINFO_SET);
          } else {
            const colon = buffer.indexOf(':');
            if (colon === -1) {
              url.username += percentEncode(buffer, USERINFO_SET);
            } else {
              passwordTokenSeen = true;
              url.username += percentEncode(buffer.slice(0, colon), USERINFO_SET);
              url.password += percentEncode(buffer.slice(colon + 1), USERINFO_SET);
            }
          }
          buffer = '';
        } else if (c === EOF || c === 0x2f || c === 0x3f || c === 0x23 || (special && c === 0x5c)) {
          if (atSignSeen && buffer === '') return null;
          pointer -= buffer.length + 1;
          buffer = '';
          state = HOST;
        } else {
          buffer += input[pointer];
        }
        break;

      case HOST:
      case HOSTNAME:
        if (stateOverride && url.scheme === 'file') {
          pointer--;
          state = FILE_HOST;
        } else if (c === 0x3a && !insideBrackets) {
          if (buffer === '') return null;
          if (stateOverride === HOSTNAME) return null;
          const host = parseHost(buffer, !special);
          if (host === null) return null;
          url.host = host;
          buffer = '';
          state = PORT;
        } else if (c === EOF || c === 0x2f || c === 0x3f || c === 0x23 || (special && c === 0x5c)) {
          pointer--;
          if (special && buffer === '') return null;
          if (stateOverride && buffer === '' && (includesCredentials(url) || url.port !== null)) return null;
          const host = parseHost(buffer, !special);
          if (host === null) return null;
          url.host = host;
          buffer = '';
          state = PATH_START;
          if (stateOverride) return url;
        } else {
          if (c === 0x5b) insideBrackets = true;
          if (c === 0x5d) insideBrackets = false;
          buffer += input[pointer];
        }
        break;

      case PORT:
        if (isAsciiDigit(c)) {
          buffer += input[pointer];
        } else if (c === EOF || c === 0x2f || c === 0x3f || c === 0x23 || (special && c === 0x5c) || stateOverride) {
          if (buffer !== '') {
            const port = parseInt(buffer, 10);
            if (port > 65535) return null;
            url.port = port === defaultPort(url.scheme) ? null : port;
            buffer = '';
          }
          if (stateOverride) return url;
          state = PATH_START;
          pointer--;
        } else {
          return null;
        }
        break;

      case FILE:
        url.scheme = 'file';
        special = true;
        url.host = '';
        if (c === 0x2f || c === 0x5c) {
          state = FILE_SLASH;
        } else if (base !== null && base.scheme === 'file') {
          url.host = base.host;
          url.path = base.path.slice();
          url.query = base.query;
          if (c === 0x3f) {
            url.query = '';
            state = QUERY;
          } else if (c === 0x23) {
            url.fragment = '';
            state = FRAGMENT;
          } else if (c !== EOF) {
            url.query = null;
            if (!startsWithWindowsDriveLetter(input, pointer)) shortenPath(url);
            else url.path = [];
            state = PATH;
            pointer--;
          }
        } else {
          state = PATH;
          pointer--;
        }
        break;

      case FILE_SLASH:
        if (c === 0x2f || c === 0x5c) {
          state = FILE_HOST;
        } else {
          if (base !== null && base.scheme === 'file') {
            url.host = base.host;
            if (!startsWithWindowsDriveLetter(input, pointer) && isNormalizedWindowsDriveLetter(base.path[0])) {
              url.path.push(base.path[0]);
            }
          }
          state = PATH;
          pointer--;
        }
        break;

      case FILE_HOST:
        if (c === EOF || c === 0x2f || c === 0x5c || c === 0x3f || c === 0x23) {
          pointer--;
          if (!stateOverride && isWindowsDriveLetter(buffer)) {
            // The buffer is kept and becomes the first path segment.
            state = PATH;
          } else if (buffer === '') {
            url.host = '';
            if (stateOverride) return url;
            state = PATH_START;
          } else {
            let host = parseHost(buffer, !special);
            if (host === null) return null;
            if (host === 'localhost') host = '';
            url.host = host;
            if (stateOverride) return url;
            buffer = '';
            state = PATH_START;
          }
        } else {
          buffer += input[pointer];
        }
        break;

      case PATH_START:
        if (special) {
          state = PATH;
          if (c !== 0x2f && c !== 0x5c) pointer--;
        } else if (!stateOverride && c === 0x3f) {
          url.query = '';
          state = QUERY;
        } else if (!stateOverride && c === 0x23) {
          url.fragment = '';
          state = FRAGMENT;
        } else if (c !== EOF) {
          state = PATH;
          if (c !== 0x2f) pointer--;
        } else if (stateOverride && url.host === null) {
          url.path.push('');
        }
        break;

      case PATH:
        if (c === EOF || c === 0x2f || (special && c === 0x5c) || (!stateOverride && (c === 0x3f || c === 0x23))) {
          // The buffer holds raw code points; encoding them all at once is equivalent to the
          // Standard's per-code-point encoding.
          const segment = percentEncode(buffer, PATH_SET);
          const slash = c === 0x2f || (special && c === 0x5c);
          if (isDoubleDotSegment(segment)) {
            if (shortenPath(url, opaqueQuirk) || special) {
              if (!slash) url.path.push('');
            }
          } else if (isSingleDotSegment(segment)) {
            if (!slash) url.path.push('');
          } else if (url.scheme === 'file' && url.path.length === 0 && isWindowsDriveLetter(segment)) {
            url.path.push(`${segment[0]}:`);
          } else {
            url.path.push(segment);
          }
          buffer = '';
          if (c === 0x3f) {
            url.query = '';
            state = QUERY;
          } else if (c === 0x23) {
            url.fragment = '';
            state = FRAGMENT;
          }
        } else {
          buffer += input[pointer];
        }
        break;

      case OPAQUE_PATH:
        if (c === 0x3f || c === 0x23 || c === EOF) {
          url.path += percentEncode(buffer, C0_CONTROL_SET);
          buffer = '';
          if (c === 0x3f) {
            url.query = '';
            state = QUERY;
          } else if (c === 0x23) {
            url.fragment = '';
            state = FRAGMENT;
          }
        } else {
          buffer += input[pointer];
        }
        break;

      case QUERY:
        if ((!stateOverride && c === 0x23) || c === EOF) {
          url.query += percentEncode(buffer, special ? SPECIAL_QUERY_SET : QUERY_SET);
          buffer = '';
          if (c === 0x23) {
            url.fragment = '';
            state = FRAGMENT;
          }
        } else {
          buffer += input[pointer];
        }
        break;

      case FRAGMENT:
        if (c === EOF) url.fragment += percentEncode(buffer, FRAGMENT_SET);
        else buffer += input[pointer];
        break;
    }
    if (pointer >= len) break;
  }
  if (opaqueQuirk === 1 && Array.isArray(url.path)) url.path = url.path.join('/');
  return url;
}

function serializeHostAndPort(url) {
  return url.port === null ? url.host : `${url.host}:${url.port}`;
}

function serializePath(url) {
  if (hasOpaquePath(url)) return url.path;
  let out = '';
  for (const segment of url.path) out += `/${segment}`;
  return out;
}

function serializeURL(url, excludeFragment) {
  let out = `${url.scheme}:`;
  if (url.host !== null) {
    out += '//';
    if (includesCredentials(url)) {
      out += url.username;
      if (url.password !== '') out += `:${url.password}`;
      out += '@';
    }
    out += serializeHostAndPort(url);
  } else if (!hasOpaquePath(url) && url.path.length > 1 && url.path[0] === '') {
    out += '/.';
  }
  out += serializePath(url);
  if (url.query !== null) out += `?${url.query}`;
  if (!excludeFragment && url.fragment !== null) out += `#${url.fragment}`;
  return out;
}

// "Potentially strip trailing spaces from an opaque path".
function stripTrailingSpacesFromOpaquePath(url) {
  if (!hasOpaquePath(url) || url.fragment !== null || url.query !== null) return;
  url.path = url.path.replace(/ +$/, '');
}

// ---------------------------------------------------------------------------
// Setters, with Ada 2.9.2's behaviour where it departs from the Standard.

function setProtocol(url, value) {
  basicParse(`${value}:`, null, url, SCHEME_START);
}

function setUsername(url, value) {
  if (cannotHaveUsernamePasswordPort(url)) return;
  url.username = percentEncode(value, USERINFO_SET);
}

function setPassword(url, value) {
  if (cannotHaveUsernamePasswordPort(url)) return;
  url.password = percentEncode(value, USERINFO_SET);
}

// Ada's port setter: leading digits are taken ("8080abc"), a value with a digit that does not
// start with one clears the port ("a1", "+1"), a leading "-" or out-of-range value is ignored.
function setPort(url, value) {
  if (cannotHaveUsernamePasswordPort(url)) return false;
  const trimmed = value.replace(tabNewlineRe, '');
  if (trimmed === '') {
    url.port = null;
    return true;
  }
  if (trimmed.charCodeAt(0) <= 0x20) return false;
  if (!/[0-9]/.test(value)) return false;
  if (trimmed[0] === '-') return false;
  const digits = /^[0-9]+/.exec(trimmed);
  if (digits === null) {
    url.port = null;
    return true;
  }
  const port = parseInt(digits[0], 10);
  if (port > 65535) return false;
  url.port = port === defaultPort(url.scheme) ? null : port;
  return true;
}

// Ada's host/hostname setter. Differences from the Standard: a port after ":" is applied
// (with the port setter's rules) before the host is parsed and only if the URL could already
// have a port, and an empty host on a non-special URL is only applied when the URL already has
// a host (or an "/." path prefix).
function setHostOrHostname(url, value, hostnameOnly) {
  if (hasOpaquePath(url)) return false;
  const hash = value.indexOf('#');
  let input = (hash === -1 ? value : value.slice(0, hash)).replace(tabNewlineRe, '');
  const special = isSpecialScheme(url.scheme);

  if (url.scheme !== 'file') {
    let end = input.length;
    let foundColon = false;
    for (let i = 0; i < input.length; i++) {
      const c = input.charCodeAt(i);
      if (c === 0x5b) {
        const close = input.indexOf(']', i);
        if (close === -1) break;
        i = close;
      } else if (c === 0x3a || c === 0x2f || c === 0x3f || (special && c === 0x5c)) {
        end = i;
        foundColon = c === 0x3a;
        break;
      }
    }
    const hostInput = input.slice(0, end);
    const previousHost = url.host;
    const previousPort = url.port;
    if (foundColon) {
      if (hostnameOnly) return false;
      const portInput = input.slice(end + 1);
      if (portInput !== '') setPort(url, portInput);
    } else if (hostInput === '' && (special || includesCredentials(url) || url.port !== null)) {
      return false;
    }
    if (hostInput === '' && !special) {
      if (url.host !== null && url.host !== '') {
        url.host = '';
      } else if (url.host === null && !hasOpaquePath(url) && url.path.length > 1 && url.path[0] === '') {
        // The "/." prefix of a host-less URL whose path starts with "//" turns into "//".
        url.host = '';
      }
      return true;
    }
    const host = hostInput === '' ? null : parseHost(hostInput, !special);
    if (host === null) {
      url.host = previousHost;
      url.port = previousPort;
      return false;
    }
    url.host = host;
    return true;
  }

  const stop = input.search(/[/\\?]/);
  if (stop !== -1) input = input.slice(0, stop);
  if (input === '') {
    url.host = '';
    return true;
  }
  const host = parseHost(input, false);
  if (host === null) return false;
  url.host = host === 'localhost' ? '' : host;
  return true;
}

function setPathname(url, value) {
  if (hasOpaquePath(url)) return;
  url.path = [];
  basicParse(value, null, url, PATH_START);
}

function setSearch(url, value) {
  if (value === '') {
    url.query = null;
    stripTrailingSpacesFromOpaquePath(url);
    return;
  }
  const input = value[0] === '?' ? value.slice(1) : value;
  url.query = '';
  basicParse(input, null, url, QUERY);
}

function setHash(url, value) {
  if (value === '') {
    url.fragment = null;
    stripTrailingSpacesFromOpaquePath(url);
    return;
  }
  const input = value[0] === '#' ? value.slice(1) : value;
  url.fragment = '';
  basicParse(input, null, url, FRAGMENT);
}

function originOf(url) {
  switch (url.scheme) {
    case 'ftp':
    case 'http':
    case 'https':
    case 'ws':
    case 'wss':
      return `${url.scheme}://${serializeHostAndPort(url)}`;
    case 'blob': {
      // Node: the origin of the URL in the path, when that is an http(s) URL.
      const inner = basicParse(serializePath(url), null);
      if (inner !== null && (inner.scheme === 'http' || inner.scheme === 'https')) {
        return `${inner.scheme}://${serializeHostAndPort(inner)}`;
      }
      return 'null';
    }
    default:
      return 'null';
  }
}

// ---------------------------------------------------------------------------
// application/x-www-form-urlencoded (URL Standard section 5).

// Bytes left alone by the serializer: *-._ and ASCII alphanumerics; space becomes '+'.
const FORM_SAFE = new Uint8Array(128);
for (const ch of '*-._0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz') {
  FORM_SAFE[ch.charCodeAt(0)] = 1;
}

function formEncode(str) {
  let i = 0;
  for (; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (c >= 0x80 || FORM_SAFE[c] === 0) break;
  }
  if (i === str.length) return str;
  const parts = [str.slice(0, i)];
  while (i < str.length) {
    const c = str.charCodeAt(i);
    if (c < 0x80) {
      parts.push(FORM_SAFE[c] === 1 ? str[i] : c === 0x20 ? '+' : hexTable[c]);
      i++;
    } else {
      i += encodeCodePoint(str, i, parts);
    }
  }
  return parts.join('');
}

// Serializes a flat [name, value, name, value, ...] list.
function serializeParams(list) {
  let out = '';
  for (let i = 0; i < list.length; i += 2) {
    if (i > 0) out += '&';
    out += `${formEncode(list[i])}=${formEncode(list[i + 1])}`;
  }
  return out;
}

// Parses a well-formed string into a flat list, skipping one leading "?". As in Node, a name or
// value is only decoded when it contains a valid "%XX", and then with querystring.unescape():
// decodeURIComponent, or byte-wise unescapeBuffer() when that throws (which truncates code
// units above 0xFF -- a Node quirk kept for fidelity).
function parseParams(qs) {
  const out = [];
  let seenSep = false;
  let buf = '';
  let encoded = false;
  let encodeCheck = 0;
  let i = qs[0] === '?' ? 1 : 0;
  let pairStart = i;
  let lastPos = i;
  const finish = () => {
    if (lastPos < i) buf += qs.slice(lastPos, i);
    if (encoded) buf = lazyQuerystring().unescape(buf);
    out.push(buf);
  };
  for (; i < qs.length; i++) {
    const code = qs.charCodeAt(i);
    if (code === 0x26) {
      if (pairStart === i) {
        // Empty pair.
        lastPos = pairStart = i + 1;
        continue;
      }
      finish();
      if (!seenSep) out.push('');
      seenSep = false;
      buf = '';
      encoded = false;
      encodeCheck = 0;
      lastPos = pairStart = i + 1;
      continue;
    }
    if (!seenSep && code === 0x3d) {
      finish();
      seenSep = true;
      buf = '';
      encoded = false;
      encodeCheck = 0;
      lastPos = i + 1;
      continue;
    }
    if (code === 0x2b) {
      if (lastPos < i) buf += qs.slice(lastPos, i);
      buf += ' ';
      lastPos = i + 1;
    } else if (!encoded) {
      if (code === 0x25) {
        encodeCheck = 1;
      } else if (encodeCheck > 0) {
        if (code < 0x80 && isHexDigit(code)) {
          if (++encodeCheck === 3) encoded = true;
        } else {
          encodeCheck = 0;
        }
      }
    }
  }
  if (pairStart === i) return out;
  finish();
  if (!seenSep) out.push('');
  return out;
}

// decodeURIComponent with V8's error message ("URI malformed"; JavaScriptCore says "URI error").
function decodeURIComponentLikeV8(str) {
  try {
    return decodeURIComponent(str);
  } catch (err) {
    if (err instanceof URIError) throw new URIError('URI malformed');
    throw err;
  }
}

// `${value}` with V8's message for symbols (JavaScriptCore words it differently).
function toStringLikeV8(value) {
  if (typeof value === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
  return `${value}`;
}

function toUSV(value) {
  return toUSVString(toStringLikeV8(value));
}

function getConstructorOf(obj) {
  let proto = obj;
  while (proto !== null && proto !== undefined) {
    const desc = Object.getOwnPropertyDescriptor(proto, 'constructor');
    if (desc !== undefined && typeof desc.value === 'function' && desc.value.name !== '') {
      return desc.value;
    }
    proto = Object.getPrototypeOf(proto);
  }
  return null;
}

// Linkage between a URL and its URLSearchParams, filled in by the classes' static blocks.
let isSearchParams;       // (value) => boolean
let getParamsList;        // (params) => list
let setParamsList;        // (params, list) => void
let attachParamsToURL;    // (params, url) => void
let searchParamsModified; // (url) => void

// ---------------------------------------------------------------------------
// URLSearchParams

class URLSearchParams {
  #list = [];
  #url = null;

  constructor(init = undefined) {
    if (init === undefined || init === null) {
      // Empty.
    } else if (typeof init === 'object' || typeof init === 'function') {
      const method = init[Symbol.iterator];
      if (method === this[Symbol.iterator] && #list in init) {
        this.#list = init.#list.slice();
      } else if (method !== undefined && method !== null) {
        if (typeof method !== 'function') throw new ERR_ARG_NOT_ITERABLE('Query pairs');
        const list = this.#list;
        for (const pair of init) {
          if (pair === undefined || pair === null) {
            throw new ERR_INVALID_TUPLE('Each query pair', '[name, value]');
          } else if (Array.isArray(pair)) {
            if (pair.length !== 2) throw new ERR_INVALID_TUPLE('Each query pair', '[name, value]');
            list.push(toUSV(pair[0]), toUSV(pair[1]));
          } else {
            if ((typeof pair !== 'object' && typeof pair !== 'function') ||
                typeof pair[Symbol.iterator] !== 'function') {
              throw new ERR_INVALID_TUPLE('Each query pair', '[name, value]');
            }
            let length = 0;
            for (const element of pair) {
              length++;
              list.push(toUSV(element));
            }
            if (length !== 2) throw new ERR_INVALID_TUPLE('Each query pair', '[name, value]');
          }
        }
      } else {
        // A record: own enumerable keys, later duplicates (after USV conversion) overwrite.
        const list = this.#list;
        const seen = new Map();
        for (const key of Reflect.ownKeys(init)) {
          const desc = Reflect.getOwnPropertyDescriptor(init, key);
          if (desc !== undefined && desc.enumerable) {
            const name = toUSV(key);
            const value = toUSV(init[key]);
            if (seen.has(name)) {
              list[seen.get(name)] = value;
            } else {
              seen.set(name, list.push(name, value) - 1);
            }
          }
        }
      }
    } else {
      this.#list = parseParams(toUSV(init));
    }
  }

  static {
    isSearchParams = (value) => typeof value === 'object' && value !== null && #list in value;
    getParamsList = (params) => params.#list;
    setParamsList = (params, list) => { params.#list = list; };
    attachParamsToURL = (params, url) => { params.#url = url; };
  }

  // The associated URL picks up the change lazily (see URL's #flushSearchParams).
  #update() {
    if (this.#url !== null) searchParamsModified(this.#url);
  }

  get size() {
    if (!isSearchParams(this)) throw new ERR_INVALID_THIS('URLSearchParams');
    return this.#list.length / 2;
  }

  append(name, value) {
    if (!isSearchParams(this)) throw new ERR_INVALID_THIS('URLSearchParams');
    if (arguments.length < 2) throw new ERR_MISSING_ARGS('name', 'value');
    this.#list.push(toUSV(name), toUSV(value));
    this.#update();
  }

  delete(name, value = undefined) {
    if (!isSearchParams(this)) throw new ERR_INVALID_THIS('URLSearchParams');
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('name');
    const list = this.#list;
    name = toUSV(name);
    if (value !== undefined) {
      value = toUSV(value);
      for (let i = 0; i < list.length;) {
        if (list[i] === name && list[i + 1] === value) list.splice(i, 2);
        else i += 2;
      }
    } else {
      for (let i = 0; i < list.length;) {
        if (list[i] === name) list.splice(i, 2);
        else i += 2;
      }
    }
    this.#update();
  }

  get(name) {
    if (!isSearchParams(this)) throw new ERR_INVALID_THIS('URLSearchParams');
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('name');
    const list = this.#list;
    name = toUSV(name);
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === name) return list[i + 1];
    }
    return null;
  }

  getAll(name) {
    if (!isSearchParams(this)) throw new ERR_INVALID_THIS('URLSearchParams');
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('name');
    const list = this.#list;
    const values = [];
    name = toUSV(name);
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === name) values.push(list[i + 1]);
    }
    return values;
  }

  has(name, value = undefined) {
    if (!isSearchParams(this)) throw new ERR_INVALID_THIS('URLSearchParams');
    if (arguments.length < 1) throw new ERR_MISSING_ARGS('name');
    const list = this.#list;
    name = toUSV(name);
    if (value !== undefined) value = toUSV(value);
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === name && (value === undefined || list[i + 1] === value)) return true;
    }
    return false;
  }

  set(name, value) {
    if (!isSearchParams(this)) throw new ERR_INVALID_THIS('URLSearchParams');
    if (arguments.length < 2) throw new ERR_MISSING_ARGS('name', 'value');
    const list = this.#list;
    name = toUSV(name);
    value = toUSV(value);
    // Set the first match, drop the others.
    let found = false;
    for (let i = 0; i < list.length;) {
      if (list[i] === name) {
        if (!found) {
          list[i + 1] = value;
          found = true;
          i += 2;
        } else {
          list.splice(i, 2);
        }
      } else {
        i += 2;
      }
    }
    if (!found) list.push(name, value);
    this.#update();
  }

  sort() {
    if (!isSearchParams(this)) throw new ERR_INVALID_THIS('URLSearchParams');
    const list = this.#list;
    const pairs = [];
    for (let i = 0; i < list.length; i += 2) pairs.push([list[i], list[i + 1]]);
    // Array.prototype.sort is stable; `<` compares UTF-16 code units as the Standard asks.
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (let i = 0; i < pairs.length; i++) {
      list[2 * i] = pairs[i][0];
      list[2 * i + 1] = pairs[i][1];
    }
    this.#update();
  }

  entries() {
    if (!isSearchParams(this)) throw new ERR_INVALID_THIS('URLSearchParams');
    return createSearchParamsIterator(this, 'key+value');
  }

  forEach(callback, thisArg = undefined) {
    if (!isSearchParams(this)) throw new ERR_INVALID_THIS('URLSearchParams');
    validateFunction(callback, 'callback');
    // Re-read the list each round: the callback may modify it.
    let list = this.#list;
    for (let i = 0; i < list.length; i += 2) {
      Reflect.apply(callback, thisArg, [list[i + 1], list[i], this]);
      list = this.#list;
    }
  }

  keys() {
    if (!isSearchParams(this)) throw new ERR_INVALID_THIS('URLSearchParams');
    return createSearchParamsIterator(this, 'key');
  }

  values() {
    if (!isSearchParams(this)) throw new ERR_INVALID_THIS('URLSearchParams');
    return createSearchParamsIterator(this, 'value');
  }

  toString() {
    if (!isSearchParams(this)) throw new ERR_INVALID_THIS('URLSearchParams');
    return serializeParams(this.#list);
  }

  [customInspectSymbol](recurseTimes, ctx) {
    if (!isSearchParams(this)) throw new ERR_INVALID_THIS('URLSearchParams');
    if (typeof recurseTimes === 'number' && recurseTimes < 0) return ctx.stylize('[Object]', 'special');
    const { inspect, stripVTControlCharacters } = lazyInspect();
    const innerOpts = { ...ctx };
    if (recurseTimes !== null) innerOpts.depth = recurseTimes - 1;
    const list = this.#list;
    const output = [];
    for (let i = 0; i < list.length; i += 2) {
      output.push(`${inspect(list[i], innerOpts)} => ${inspect(list[i + 1], innerOpts)}`);
    }
    const separator = ', ';
    const length = output.reduce((prev, cur) => prev + stripVTControlCharacters(cur).length + separator.length,
                                 -separator.length);
    const name = this.constructor.name;
    if (length > ctx.breakLength) return `${name} {\n  ${output.join(',\n  ')} }`;
    if (output.length) return `${name} { ${output.join(separator)} }`;
    return `${name} {}`;
  }
}

// The iterator returned by keys()/values()/entries(): live over the params' current list.
class URLSearchParamsIterator {
  #target;
  #kind;
  #index = 0;

  constructor(target, kind) {
    this.#target = target;
    this.#kind = kind;
  }

  next() {
    if (typeof this !== 'object' || this === null || !(#target in this)) {
      throw new ERR_INVALID_THIS('URLSearchParamsIterator');
    }
    const list = getParamsList(this.#target);
    const index = this.#index;
    if (index >= list.length) return { value: undefined, done: true };
    const name = list[index];
    const value = list[index + 1];
    this.#index = index + 2;
    const kind = this.#kind;
    return { value: kind === 'key' ? name : kind === 'value' ? value : [name, value], done: false };
  }

  [customInspectSymbol](recurseTimes, ctx) {
    if (typeof this !== 'object' || this === null || !(#target in this)) {
      throw new ERR_INVALID_THIS('URLSearchParamsIterator');
    }
    if (typeof recurseTimes === 'number' && recurseTimes < 0) return ctx.stylize('[Object]', 'special');
    const { inspect } = lazyInspect();
    const innerOpts = { ...ctx };
    if (recurseTimes !== null) innerOpts.depth = recurseTimes - 1;
    const list = getParamsList(this.#target);
    const output = [];
    for (let i = this.#index; i < list.length; i += 2) {
      if (this.#kind === 'key') output.push(list[i]);
      else if (this.#kind === 'value') output.push(list[i + 1]);
      else output.push([list[i], list[i + 1]]);
    }
    const breakLine = inspect(output, innerOpts).includes('\n');
    const parts = output.map((p) => inspect(p, innerOpts));
    const body = breakLine ? `\n  ${parts.join(',\n  ')}` : ` ${parts.join(', ')}`;
    return `${this[Symbol.toStringTag]} {${body} }`;
  }
}

// Node's iterator prototype has no `constructor`, an enumerable next() and inherits from
// %IteratorPrototype%.
delete URLSearchParamsIterator.prototype.constructor;
Object.defineProperty(URLSearchParamsIterator.prototype, 'next', { __proto__: null, enumerable: true });
Object.setPrototypeOf(URLSearchParamsIterator.prototype,
                      Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
Object.defineProperty(URLSearchParamsIterator.prototype, Symbol.toStringTag, {
  __proto__: null,
  value: 'URLSearchParams Iterator', writable: false, enumerable: false, configurable: true,
});

function createSearchParamsIterator(params, kind) {
  return new URLSearchParamsIterator(params, kind);
}

// Web IDL layout as in Node: operations and attributes enumerable, @@iterator === entries.
for (const key of ['size', 'append', 'delete', 'get', 'getAll', 'has', 'set', 'sort', 'entries',
                   'forEach', 'keys', 'values', 'toString']) {
  const desc = { __proto__: null, ...Object.getOwnPropertyDescriptor(URLSearchParams.prototype, key) };
  desc.enumerable = true;
  Object.defineProperty(URLSearchParams.prototype, key, desc);
}
Object.defineProperty(URLSearchParams.prototype, Symbol.toStringTag, {
  __proto__: null,
  value: 'URLSearchParams', writable: false, enumerable: false, configurable: true,
});
Object.defineProperty(URLSearchParams.prototype, Symbol.iterator, {
  __proto__: null,
  value: URLSearchParams.prototype.entries, writable: true, enumerable: false, configurable: true,
});

// ---------------------------------------------------------------------------
// URL

function invalidURLError(input, base) {
  // Node throws this one from C++: a plain TypeError with code/input(/base).
  const err = nativeError('ERR_INVALID_URL', 'Invalid URL');
  // The strings as C++ saw them: lone surrogates replaced.
  err.input = toUSVString(input);
  if (base !== undefined) err.base = toUSVString(base);
  return err;
}

// V8's brand-check messages, which depend on whether Node's accessor first calls a private
// method or reads a private field.
const kMethodBrand = 'Receiver must be an instance of class URL';
const kContextBrand = 'Cannot read private member #context from an object whose class did not declare it';
const kSearchParamsBrand = 'Cannot read private member #searchParams from an object whose class did not declare it';

let objectURLs;   // Map of blob: URL id -> Blob (URL.createObjectURL)

// What util.inspect(url, { showHidden: true }) shows under [Symbol(context)]: Node's view of
// Ada's url_aggregator, i.e. the href and the offsets of its components.
const contextForInspect = Symbol('context');
const kOmitted = 0xffffffff;
const schemeTypes = { __proto__: null, 'http': 0, 'https': 2, 'ws': 3, 'ftp': 4, 'wss': 5, 'file': 6 };

class URLContext {
  href = '';
  protocol_end = 0;
  username_end = 0;
  host_start = 0;
  host_end = 0;
  pathname_start = 0;
  search_start = 0;
  hash_start = 0;
  port = 0;
  scheme_type = 1;

  get hasPort() {
    return this.port !== kOmitted;
  }

  get hasSearch() {
    return this.search_start !== kOmitted;
  }

  get hasHash() {
    return this.hash_start !== kOmitted;
  }
}

function contextOf(url) {
  const ctx = new URLContext();
  ctx.href = serializeURL(url, false);
  ctx.protocol_end = url.scheme.length + 1;
  let pathStart;
  if (url.host !== null) {
    ctx.username_end = ctx.protocol_end + 2 + url.username.length;
    ctx.host_start = ctx.username_end + (url.password === '' ? 0 : 1 + url.password.length);
    ctx.host_end = ctx.host_start + (includesCredentials(url) ? 1 : 0) + url.host.length;
    pathStart = ctx.host_end + (url.port === null ? 0 : 1 + String(url.port).length);
  } else {
    ctx.username_end = ctx.host_start = ctx.host_end = ctx.protocol_end;
    const dashDot = !hasOpaquePath(url) && url.path.length > 1 && url.path[0] === '';
    pathStart = ctx.protocol_end + (dashDot ? 2 : 0);
  }
  ctx.pathname_start = pathStart;
  const afterPath = pathStart + serializePath(url).length;
  ctx.search_start = url.query === null ? kOmitted : afterPath;
  ctx.hash_start = url.fragment === null ? kOmitted : afterPath + (url.query === null ? 0 : 1 + url.query.length);
  ctx.port = url.port === null ? kOmitted : url.port;
  ctx.scheme_type = url.scheme in schemeTypes ? schemeTypes[url.scheme] : 1;
  return ctx;
}

class URL {
  #url;
  #searchParams = null;
  #searchParamsModified = false;

  constructor(input, base = undefined) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('url');
    input = toStringLikeV8(input);
    let baseRecord = null;
    if (base !== undefined) {
      base = toStringLikeV8(base);
      baseRecord = basicParse(toUSVString(base), null);
      if (baseRecord === null) throw invalidURLError(input, base);
    }
    const record = basicParse(toUSVString(input), baseRecord);
    if (record === null) throw invalidURLError(input, base);
    this.#url = record;
  }

  // Like Node, a change made through searchParams reaches a URL that has a query at once (the
  // query is first dropped, which may strip trailing spaces from an opaque path, then set from
  // the params); a URL without a query picks it up lazily, on the next read of
  // href/search/toString/toJSON or on the next setter.
  static {
    searchParamsModified = (url) => {
      url.#searchParamsModified = true;
      if (url.#url.query !== null) {
        setSearch(url.#url, '');
        url.#flushSearchParams();
      }
    };
  }

  static #record(self, message = kContextBrand) {
    if (typeof self !== 'object' || self === null || !(#url in self)) throw new TypeError(message);
    return self.#url;
  }

  static #flushed(self, message) {
    const url = URL.#record(self, message);
    self.#flushSearchParams();
    return url;
  }

  #searchFromParams() {
    const list = getParamsList(this.#searchParams);
    return list.length === 0 ? '' : `?${serializeParams(list)}`;
  }

  #searchFromURL() {
    const query = this.#url.query;
    return query === null || query === '' ? '' : `?${query}`;
  }

  #flushSearchParams() {
    if (this.#searchParamsModified) {
      this.#searchParamsModified = false;
      setSearch(this.#url, this.#searchFromParams());
    }
  }

  // Runs a setter's change, then brings searchParams and the URL back in sync as Node's
  // #updateContext does. Only href and search can change the query.
  #update(change, mayChangeSearch) {
    const params = this.#searchParams;
    const previousSearch = mayChangeSearch && params !== null &&
      (this.#searchParamsModified ? this.#searchFromParams() : this.#searchFromURL());
    change();
    if (params !== null) {
      if (mayChangeSearch) {
        const currentSearch = this.#searchFromURL();
        if (previousSearch !== currentSearch) {
          setParamsList(params, parseParams(currentSearch));
          this.#searchParamsModified = false;
        }
      }
      this.#flushSearchParams();
    }
  }

  toString() {
    return serializeURL(URL.#flushed(this, kMethodBrand), false);
  }

  get href() {
    return serializeURL(URL.#flushed(this, kMethodBrand), false);
  }

  set href(value) {
    const url = URL.#record(this);
    value = toStringLikeV8(value);
    const record = basicParse(toUSVString(value), null);
    if (record === null) throw new ERR_INVALID_URL(value);
    this.#update(() => Object.assign(url, record), true);
  }

  get origin() {
    return originOf(URL.#record(this));
  }

  get protocol() {
    return `${URL.#record(this).scheme}:`;
  }

  set protocol(value) {
    const url = URL.#record(this);
    value = toUSV(value);
    this.#update(() => setProtocol(url, value), false);
  }

  get username() {
    return URL.#record(this).username;
  }

  set username(value) {
    const url = URL.#record(this);
    value = toUSV(value);
    this.#update(() => setUsername(url, value), false);
  }

  get password() {
    return URL.#record(this).password;
  }

  set password(value) {
    const url = URL.#record(this);
    value = toUSV(value);
    this.#update(() => setPassword(url, value), false);
  }

  get host() {
    const url = URL.#record(this);
    // An empty host reads as '' even with a port (only Ada's host setter can produce that).
    return url.host === null || url.host === '' ? '' : serializeHostAndPort(url);
  }

  set host(value) {
    const url = URL.#record(this);
    value = toUSV(value);
    this.#update(() => setHostOrHostname(url, value, false), false);
  }

  get hostname() {
    const url = URL.#record(this);
    return url.host === null ? '' : url.host;
  }

  set hostname(value) {
    const url = URL.#record(this);
    value = toUSV(value);
    this.#update(() => setHostOrHostname(url, value, true), false);
  }

  get port() {
    const url = URL.#record(this);
    return url.port === null ? '' : `${url.port}`;
  }

  set port(value) {
    const url = URL.#record(this);
    value = toUSV(value);
    this.#update(() => setPort(url, value), false);
  }

  get pathname() {
    return serializePath(URL.#record(this));
  }

  set pathname(value) {
    const url = URL.#record(this);
    value = toUSV(value);
    this.#update(() => setPathname(url, value), false);
  }

  get search() {
    URL.#flushed(this, kMethodBrand);
    return this.#searchFromURL();
  }

  set search(value) {
    const url = URL.#record(this);
    value = toUSV(value);
    this.#update(() => setSearch(url, value), true);
  }

  get searchParams() {
    URL.#record(this, kSearchParamsBrand);
    if (this.#searchParams === null) {
      const params = new URLSearchParams(this.#searchFromURL());
      attachParamsToURL(params, this);
      this.#searchParams = params;
      this.#searchParamsModified = false;
    }
    return this.#searchParams;
  }

  get hash() {
    const fragment = URL.#record(this).fragment;
    return fragment === null || fragment === '' ? '' : `#${fragment}`;
  }

  set hash(value) {
    const url = URL.#record(this);
    value = toUSV(value);
    this.#update(() => setHash(url, value), false);
  }

  toJSON() {
    return serializeURL(URL.#flushed(this, kMethodBrand), false);
  }

  [customInspectSymbol](depth, opts) {
    if (typeof depth === 'number' && depth < 0) return this;
    const constructor = getConstructorOf(this) || URL;
    // A plain object so that inspect prints just the braces; the name is prefixed below.
    const obj = {
      href: this.href,
      origin: this.origin,
      protocol: this.protocol,
      username: this.username,
      password: this.password,
      host: this.host,
      hostname: this.hostname,
      port: this.port,
      pathname: this.pathname,
      search: this.search,
      searchParams: this.searchParams,
      hash: this.hash,
    };
    if (opts.showHidden) obj[contextForInspect] = contextOf(this.#url);
    return `${constructor.name} ${lazyInspect().inspect(obj, opts)}`;
  }

  static parse(input, base = undefined) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('url');
    input = toStringLikeV8(input);
    if (base !== undefined) base = toStringLikeV8(base);
    try {
      return new URL(input, base);
    } catch {
      return null;
    }
  }

  static canParse(url, base = undefined) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('url');
    url = toUSV(url);
    let baseRecord = null;
    if (base !== undefined) {
      baseRecord = basicParse(toUSV(base), null);
      if (baseRecord === null) return false;
    }
    return basicParse(url, baseRecord) !== null;
  }

  static createObjectURL(obj) {
    const { Blob } = require('buffer');
    if (typeof Blob !== 'function' || !(obj instanceof Blob)) {
      throw new ERR_INVALID_ARG_TYPE('obj', 'Blob', obj);
    }
    if (objectURLs === undefined) objectURLs = new Map();
    // A version-4 UUID, like Node's crypto.randomUUID() (the id needs no secrecy here:
    // nothing outside this module resolves it).
    let id = '';
    for (let i = 0; i < 32; i++) {
      let digit = Math.floor(Math.random() * 16);
      if (i === 12) digit = 4;
      else if (i === 16) digit = 8 + (digit & 3);
      id += digit.toString(16);
      if (i === 7 || i === 11 || i === 15 || i === 19) id += '-';
    }
    objectURLs.set(id, obj);
    return `blob:nodedata:${id}`;
  }

  static revokeObjectURL(url) {
    if (arguments.length === 0) throw new ERR_MISSING_ARGS('url');
    url = toStringLikeV8(url);
    const record = basicParse(toUSVString(url), null);
    if (record === null || objectURLs === undefined) return;
    const split = serializePath(record).split(':');
    if (split.length === 2) objectURLs.delete(split[1]);
  }
}

// Web IDL layout as in Node: accessors and operations enumerable, statics enumerable.
for (const key of ['toString', 'href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname',
                   'port', 'pathname', 'search', 'searchParams', 'hash', 'toJSON']) {
  const desc = { __proto__: null, ...Object.getOwnPropertyDescriptor(URL.prototype, key) };
  desc.enumerable = true;
  Object.defineProperty(URL.prototype, key, desc);
}
Object.defineProperty(URL.prototype, Symbol.toStringTag, {
  __proto__: null,
  value: 'URL', writable: false, enumerable: false, configurable: true,
});
for (const key of ['parse', 'canParse', 'createObjectURL', 'revokeObjectURL']) {
  const desc = { __proto__: null, ...Object.getOwnPropertyDescriptor(URL, key) };
  desc.enumerable = true;
  Object.defineProperty(URL, key, desc);
}

// Node's isURL(): duck-typed, so URL-like objects are accepted by the file helpers and format().
function isURL(self) {
  return Boolean(self?.href && self.protocol && self.auth === undefined && self.path === undefined);
}

// ---------------------------------------------------------------------------
// Domain helpers: Node runs the hostname setter on "ws://x" and returns the hostname, or ''.

function hostnameViaSetter(domain) {
  const url = basicParse('ws://x', null);
  url.host = null;
  if (!setHostOrHostname(url, domain, true) || url.host === null) return null;
  return url.host;
}

function domainToASCII(domain) {
  if (arguments.length < 1) throw new ERR_MISSING_ARGS('domain');
  domain = toUSV(domain);
  if (domain === '') return '';
  const host = hostnameViaSetter(domain);
  return host === null ? '' : host;
}

function domainToUnicode(domain) {
  if (arguments.length < 1) throw new ERR_MISSING_ARGS('domain');
  domain = toUSV(domain);
  if (domain === '') return '';
  const host = hostnameViaSetter(domain);
  return host === null ? '' : idna.toUnicode(host);
}

// ---------------------------------------------------------------------------
// File URLs

function platformName() {
  return typeof process === 'object' && process !== null && typeof process.platform === 'string' ?
    process.platform : 'linux';
}

function isWindowsDefault() {
  return platformName() === 'win32';
}

function toFileURLObject(path) {
  if (typeof path === 'string') return new URL(path);
  if (!isURL(path)) throw new ERR_INVALID_ARG_TYPE('path', ['string', 'URL'], path);
  return path;
}

// Rejects %2F (and on Windows %5C) in a file URL's pathname.
function checkEncodedSeparators(url, pathname, windows) {
  for (let n = 0; n < pathname.length; n++) {
    if (pathname[n] === '%') {
      const third = pathname.codePointAt(n + 2) | 0x20;
      if ((pathname[n + 1] === '2' && third === 102) || (windows && pathname[n + 1] === '5' && third === 99)) {
        throw new ERR_INVALID_FILE_URL_PATH(
          windows ? 'must not include encoded \\ or / characters' : 'must not include encoded / characters', url);
      }
    }
  }
}

function windowsPathname(url) {
  checkEncodedSeparators(url, url.pathname, true);
  return url.pathname.replace(/\//g, '\\');
}

function checkWindowsDrive(url, pathname) {
  const letter = pathname.codePointAt(1) | 0x20;
  if (letter < 0x61 || letter > 0x7a || pathname[2] !== ':') {
    throw new ERR_INVALID_FILE_URL_PATH('must be absolute', url);
  }
}

function fileURLToPath(path, options = undefined) {
  const windows = options?.windows ?? isWindowsDefault();
  const url = toFileURLObject(path);
  if (url.protocol !== 'file:') throw new ERR_INVALID_URL_SCHEME('file');
  if (windows) {
    const hostname = url.hostname;
    const pathname = decodeURIComponentLikeV8(windowsPathname(url));
    if (hostname !== '') return `\\\\${domainToUnicode(hostname)}${pathname}`;
    checkWindowsDrive(url, pathname);
    return pathname.slice(1);
  }
  if (url.hostname !== '') throw new ERR_INVALID_FILE_URL_HOST(platformName());
  const pathname = url.pathname;
  checkEncodedSeparators(url, pathname, false);
  return decodeURIComponentLikeV8(pathname);
}

// Like fileURLToPath, but percent-decodes to raw bytes (no UTF-8 decoding); Node does not
// reject encoded separators here.
function fileURLToPathBuffer(path, options = undefined) {
  const { Buffer } = require('buffer');
  const windows = options?.windows ?? isWindowsDefault();
  const url = toFileURLObject(path);
  if (url.protocol !== 'file:') throw new ERR_INVALID_URL_SCHEME('file');
  if (windows) {
    const hostname = url.hostname;
    const bytes = Buffer.from(percentDecodeToBytes(url.pathname.replace(/\//g, '\\')));
    if (hostname !== '') return Buffer.concat([Buffer.from(`\\\\${domainToUnicode(hostname)}`), bytes]);
    const letter = bytes[1] | 0x20;
    if (letter < 0x61 || letter > 0x7a || bytes[2] !== 0x3a) {
      throw new ERR_INVALID_FILE_URL_PATH('must be absolute', url);
    }
    return bytes.subarray(1);
  }
  if (url.hostname !== '') throw new ERR_INVALID_FILE_URL_HOST(platformName());
  return Buffer.from(percentDecodeToBytes(url.pathname));
}

// Node escapes these in a path before parsing it as a file URL: C0 controls, DEL, space and
// " # % < > ? [ \ ] ^ ` { | } ~ (on Windows backslashes are turned into slashes first).
const FILE_PATH_SET = makeSet(C0_CONTROL_SET, ' "#%<>?[\\]^`{|}~');

function pathToFileURLHref(path) {
  return `file://${percentEncode(path, FILE_PATH_SET)}`;
}

function pathToFileURL(filepath, options = undefined) {
  validateString(filepath, 'path');
  const windows = options?.windows ?? isWindowsDefault();
  const path = lazyPath();
  const isUNC = windows && filepath.startsWith('\\\\');
  let resolved = isUNC ? filepath : (windows ? path.win32.resolve(filepath) : path.posix.resolve(filepath));
  if (isUNC || (windows && resolved.startsWith('\\\\'))) {
    // \\server\share\resource, also \\?\UNC\server\share\resource.
    const isExtendedUNC = resolved.startsWith('\\\\?\\UNC\\');
    const prefixLength = isExtendedUNC ? 8 : 2;
    const hostnameEnd = resolved.indexOf('\\', prefixLength);
    if (hostnameEnd === -1) {
      throw new ERR_INVALID_ARG_VALUE('path', resolved, 'Missing UNC resource path');
    }
    if (hostnameEnd === 2) {
      throw new ERR_INVALID_ARG_VALUE('path', resolved, 'Empty UNC servername');
    }
    const hostname = resolved.slice(prefixLength, hostnameEnd);
    const url = new URL(pathToFileURLHref(resolved.slice(hostnameEnd).replace(/\\/g, '/')));
    url.hostname = hostname;
    return url;
  }
  // path.resolve strips trailing slashes; put one back. (Compared with the platform's separator,
  // as Node does, even for Windows paths.)
  const last = filepath.charCodeAt(filepath.length - 1);
  if ((last === 0x2f || (windows && last === 0x5c)) && resolved[resolved.length - 1] !== path.sep) {
    resolved += '/';
  }
  if (windows) resolved = `/${resolved.replace(/\\/g, '/')}`;
  return new URL(pathToFileURLHref(resolved));
}

// Options for http.request() and friends from a URL.
function urlToHttpOptions(url) {
  const { hostname, pathname, port, username, password, search } = url;
  const options = {
    __proto__: null,
    ...url, // In case the url object was extended by the user.
    protocol: url.protocol,
    hostname: hostname && hostname[0] === '[' ? hostname.slice(1, -1) : hostname,
    hash: url.hash,
    search: search,
    pathname: pathname,
    path: `${pathname || ''}${search || ''}`,
    href: url.href,
  };
  if (port !== '') options.port = Number(port);
  if (username || password) {
    options.auth = `${decodeURIComponentLikeV8(username)}:${decodeURIComponentLikeV8(password)}`;
  }
  return options;
}

// ---------------------------------------------------------------------------
// The legacy API: url.parse(), url.format(), url.resolve(), Url. Node's own algorithm (not the
// WHATWG one), reproduced with its quirks since code depends on them.

function Url() {
  this.protocol = null;
  this.slashes = null;
  this.auth = null;
  this.host = null;
  this.port = null;
  this.hostname = null;
  this.hash = null;
  this.search = null;
  this.query = null;
  this.pathname = null;
  this.path = null;
  this.href = null;
}

const protocolPattern = /^[a-z0-9.+-]+:/i;
const portPattern = /:[0-9]*$/;
const hostPattern = /^\/\/[^@/]+@[^@/]+/;
// A path with no host: fast path for the common "/a/b?c" input.
const simplePathPattern = /^(\/\/?(?!\/)[^?\s]*)(\?[^\s]*)?$/;
const hostnameMaxLen = 255;
// Protocols that never have a host, and whose rest is never auto-escaped.
const hostlessProtocol = new Set(['javascript', 'javascript:']);
const unsafeProtocol = new Set(['javascript', 'javascript:']);
// Protocols that always have "//".
const slashedProtocol = new Set(['http', 'http:', 'https', 'https:', 'ftp', 'ftp:', 'gopher', 'gopher:',
                                 'file', 'file:', 'ws', 'ws:', 'wss', 'wss:']);
// Characters that must not survive in a hostname after IDNA (hostname spoofing guard).
const forbiddenHostChars = /[\0\t\n\r #%/:<>?@[\\\]^|]/;
const forbiddenHostCharsIpv6 = /[\0\t\n\r #%/<>?@\\^|]/;

// Characters the parser escapes in the part after the host ("auto-escape").
const autoEscapeMap = {
  __proto__: null,
  '\t': '%09', '\n': '%0A', '\r': '%0D', ' ': '%20', '"': '%22', "'": '%27', '<': '%3C', '>': '%3E',
  '\\': '%5C', '^': '%5E', '`': '%60', '{': '%7B', '|': '%7C', '}': '%7D',
};
const autoEscapeRe = /[\t\n\r "'<>\\^`{|}]/g;

let warnedInvalidPort = false;

function urlParse(url, parseQueryString, slashesDenoteHost) {
  if (url instanceof Url) return url;
  const urlObject = new Url();
  urlObject.parse(url, parseQueryString, slashesDenoteHost);
  return urlObject;
}

function isIpv6Hostname(hostname) {
  return hostname.charCodeAt(0) === 0x5b && hostname.charCodeAt(hostname.length - 1) === 0x5d;
}

// Trims whitespace (code units < 33, U+00A0, U+FEFF) and turns backslashes before the first
// "?" or "#" into slashes. Also reports whether "#" or "@" occur.
function prepareLegacyInput(url) {
  let start = 0;
  let end = url.length;
  const isWs = (code) => code < 33 || code === 0xa0 || code === 0xfeff;
  while (start < end && isWs(url.charCodeAt(start))) start++;
  while (end > start && isWs(url.charCodeAt(end - 1))) end--;
  let rest = '';
  let hasHash = false;
  let hasAt = false;
  let split = false;
  let last = start;
  for (let i = start; i < end; i++) {
    const code = url.charCodeAt(i);
    if (!split) {
      if (code === 0x40) {
        hasAt = true;
      } else if (code === 0x23 || code === 0x3f) {
        if (code === 0x23) hasHash = true;
        split = true;
      } else if (code === 0x5c) {
        rest += `${url.slice(last, i)}/`;
        last = i + 1;
      }
    } else if (code === 0x23) {
      hasHash = true;
    }
  }
  rest += url.slice(last, end);
  return { rest, hasHash, hasAt };
}

Url.prototype.parse = function parse(url, parseQueryString, slashesDenoteHost) {
  validateString(url, 'url');
  let { rest, hasHash, hasAt } = prepareLegacyInput(url);

  if (!slashesDenoteHost && !hasHash && !hasAt) {
    const simplePath = simplePathPattern.exec(rest);
    if (simplePath) {
      this.path = rest;
      this.href = rest;
      this.pathname = simplePath[1];
      if (simplePath[2]) {
        this.search = simplePath[2];
        this.query = parseQueryString ? lazyQuerystring().parse(this.search.slice(1)) : this.search.slice(1);
      } else if (parseQueryString) {
        this.search = null;
        this.query = { __proto__: null };
      }
      return this;
    }
  }

  let proto = protocolPattern.exec(rest);
  let lowerProto;
  if (proto) {
    proto = proto[0];
    lowerProto = proto.toLowerCase();
    this.protocol = lowerProto;
    rest = rest.slice(proto.length);
  }

  // "//host" means a host after a protocol, with slashesDenoteHost, or for user@server.
  let slashes;
  if (slashesDenoteHost || proto || hostPattern.test(rest)) {
    slashes = rest.charCodeAt(0) === 0x2f && rest.charCodeAt(1) === 0x2f;
    if (slashes && !(proto && hostlessProtocol.has(lowerProto))) {
      rest = rest.slice(2);
      this.slashes = true;
    }
  }

  if (!hostlessProtocol.has(lowerProto) && (slashes || (proto && !slashedProtocol.has(proto)))) {
    // The host ends at the first "/", "?" or "#". Before the last "@" (that precedes those),
    // anything goes: it is the auth part. Characters RFC 2396 never allows in a hostname end
    // the host too, unless an "@" follows them.
    let hostEnd = -1;
    let atSign = -1;
    let nonHost = -1;
    for (let i = 0; i < rest.length && hostEnd === -1; i++) {
      switch (rest.charCodeAt(i)) {
        case 0x09: case 0x0a: case 0x0d:
          // Tabs and newlines are dropped (as WHATWG does) up to the end of the host.
          rest = rest.slice(0, i) + rest.slice(i + 1);
          i--;
          break;
        case 0x20: case 0x22: case 0x25: case 0x27: case 0x3b:
        case 0x3c: case 0x3e: case 0x5c: case 0x5e: case 0x60: case 0x7b: case 0x7c: case 0x7d:
          if (nonHost === -1) nonHost = i;
          break;
        case 0x23: case 0x2f: case 0x3f:
          if (nonHost === -1) nonHost = i;
          hostEnd = i;
          break;
        case 0x40:
          atSign = i;
          nonHost = -1;
          break;
      }
    }
    let hostStart = 0;
    if (atSign !== -1) {
      this.auth = decodeURIComponentLikeV8(rest.slice(0, atSign));
      hostStart = atSign + 1;
    }
    if (nonHost === -1) {
      this.host = rest.slice(hostStart);
      rest = '';
    } else {
      this.host = rest.slice(hostStart, nonHost);
      rest = rest.slice(nonHost);
    }

    this.parseHost();

    // There is a host, so the hostname is at least ''.
    if (typeof this.hostname !== 'string') this.hostname = '';
    const hostname = this.hostname;
    const ipv6Hostname = isIpv6Hostname(hostname);

    if (!ipv6Hostname) {
      // A hostname with "/", "\", "#", "?" or ":" left in it (e.g. an invalid port) is cut
      // there; the remainder moves into the path.
      for (let i = 0; i < hostname.length; i++) {
        const code = hostname.charCodeAt(i);
        if (code === 0x2f || code === 0x5c || code === 0x23 || code === 0x3f || code === 0x3a) {
          if (code === 0x3a && !warnedInvalidPort) {
            warnedInvalidPort = true;
            if (typeof process === 'object' && process !== null && typeof process.emitWarning === 'function') {
              process.emitWarning(`The URL ${url} is invalid. Future versions of Node.js will throw an error.`,
                                  'DeprecationWarning', 'DEP0170');
            }
          }
          this.hostname = hostname.slice(0, i);
          rest = `/${hostname.slice(i)}${rest}`;
          break;
        }
      }
    }

    if (this.hostname.length > hostnameMaxLen) {
      this.hostname = '';
    } else {
      this.hostname = this.hostname.toLowerCase();
    }

    if (this.hostname !== '') {
      if (ipv6Hostname) {
        if (forbiddenHostCharsIpv6.test(this.hostname)) throw new ERR_INVALID_URL(url);
      } else {
        // Punycode the labels that need it (Ada's ToASCII, as in Node); '' means it failed.
        this.hostname = idna.toASCII(toUSVString(this.hostname));
        if (this.hostname === '' || forbiddenHostChars.test(this.hostname)) throw new ERR_INVALID_URL(url);
      }
    }

    const p = this.port ? `:${this.port}` : '';
    const h = this.hostname || '';
    this.host = h + p;

    // The host keeps the brackets, the hostname does not.
    if (ipv6Hostname) {
      this.hostname = this.hostname.slice(1, -1);
      if (rest[0] !== '/') rest = `/${rest}`;
    }
  }

  if (!unsafeProtocol.has(lowerProto)) {
    rest = rest.replace(autoEscapeRe, (ch) => autoEscapeMap[ch]);
  }

  let questionIdx = -1;
  let hashIdx = -1;
  for (let i = 0; i < rest.length; i++) {
    const code = rest.charCodeAt(i);
    if (code === 0x23) {
      this.hash = rest.slice(i);
      hashIdx = i;
      break;
    } else if (code === 0x3f && questionIdx === -1) {
      questionIdx = i;
    }
  }

  if (questionIdx !== -1) {
    if (hashIdx === -1) {
      this.search = rest.slice(questionIdx);
      this.query = rest.slice(questionIdx + 1);
    } else {
      this.search = rest.slice(questionIdx, hashIdx);
      this.query = rest.slice(questionIdx + 1, hashIdx);
    }
    if (parseQueryString) this.query = lazyQuerystring().parse(this.query);
  } else if (parseQueryString) {
    this.search = null;
    this.query = { __proto__: null };
  }

  const useQuestionIdx = questionIdx !== -1 && (hashIdx === -1 || questionIdx < hashIdx);
  const firstIdx = useQuestionIdx ? questionIdx : hashIdx;
  if (firstIdx === -1) {
    if (rest.length > 0) this.pathname = rest;
  } else if (firstIdx > 0) {
    this.pathname = rest.slice(0, firstIdx);
  }
  if (slashedProtocol.has(lowerProto) && this.hostname && !this.pathname) {
    this.pathname = '/';
  }

  // For http.request().
  if (this.pathname || this.search) {
    this.path = (this.pathname || '') + (this.search || '');
  }

  this.href = this.format();
  return this;
};

// Characters left unescaped in the auth part by format(): ALPHA DIGIT ! - . _ ~ ' ( ) * :
const noEscapeAuth = makeSet(null, '');
for (const ch of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!-._~'()*:") {
  noEscapeAuth[ch.charCodeAt(0)] = 1;
}

// UTF-8 percent-encoding of everything not in `noEscapeTable`. Like Node, a surrogate code unit
// is combined with whatever code unit follows it; only a surrogate at the very end throws.
function encodeStr(str, noEscapeTable) {
  const len = str.length;
  if (len === 0) return '';
  let out = '';
  let lastPos = 0;
  for (let i = 0; i < len; i++) {
    let c = str.charCodeAt(i);
    if (c < 0x80) {
      if (noEscapeTable[c] !== 1) {
        if (lastPos < i) out += str.slice(lastPos, i);
        lastPos = i + 1;
        out += hexTable[c];
      }
      continue;
    }
    if (lastPos < i) out += str.slice(lastPos, i);
    if (c < 0x800) {
      lastPos = i + 1;
      out += hexTable[0xc0 | (c >> 6)] + hexTable[0x80 | (c & 0x3f)];
      continue;
    }
    if (c < 0xd800 || c >= 0xe000) {
      lastPos = i + 1;
      out += hexTable[0xe0 | (c >> 12)] + hexTable[0x80 | ((c >> 6) & 0x3f)] + hexTable[0x80 | (c & 0x3f)];
      continue;
    }
    i++;
    if (i >= len) throw new ERR_INVALID_URI();
    const c2 = str.charCodeAt(i) & 0x3ff;
    lastPos = i + 1;
    c = 0x10000 + (((c & 0x3ff) << 10) | c2);
    out += hexTable[0xf0 | (c >> 18)] + hexTable[0x80 | ((c >> 12) & 0x3f)] +
      hexTable[0x80 | ((c >> 6) & 0x3f)] + hexTable[0x80 | (c & 0x3f)];
  }
  if (lastPos === 0) return str;
  if (lastPos < len) return out + str.slice(lastPos);
  return out;
}

Url.prototype.format = function format() {
  let auth = this.auth || '';
  if (auth) {
    auth = `${encodeStr(auth, noEscapeAuth)}@`;
  }

  let protocol = this.protocol || '';
  let pathname = this.pathname || '';
  let hash = this.hash || '';
  let host = '';
  let query = '';

  if (this.host) {
    host = auth + this.host;
  } else if (this.hostname) {
    host = auth + (this.hostname.includes(':') && !isIpv6Hostname(this.hostname) ?
      `[${this.hostname}]` : this.hostname);
    if (this.port) host += `:${this.port}`;
  }

  if (this.query !== null && typeof this.query === 'object') {
    query = lazyQuerystring().stringify(this.query);
  }

  let search = this.search || (query && (`?${query}`)) || '';

  if (protocol && protocol.charCodeAt(protocol.length - 1) !== 0x3a) protocol += ':';

  // "#" and "?" in the pathname are escaped.
  if (pathname.includes('#') || pathname.includes('?')) {
    pathname = pathname.replace(/[#?]/g, (ch) => (ch === '#' ? '%23' : '%3F'));
  }

  // Only the slashed protocols get "//" (others only if they had it).
  if (this.slashes || slashedProtocol.has(protocol)) {
    if (this.slashes || host) {
      if (pathname && pathname.charCodeAt(0) !== 0x2f) pathname = `/${pathname}`;
      host = `//${host}`;
    } else if (protocol.length >= 4 && protocol.startsWith('file')) {
      host = '//';
    }
  }

  search = search.replace(/#/g, '%23');

  if (hash && hash.charCodeAt(0) !== 0x23) hash = `#${hash}`;
  if (search && search.charCodeAt(0) !== 0x3f) search = `?${search}`;

  return protocol + host + pathname + search + hash;
};

Url.prototype.resolve = function resolve(relative) {
  return this.resolveObject(urlParse(relative, false, true)).format();
};

Url.prototype.resolveObject = function resolveObject(relative) {
  if (typeof relative === 'string') {
    const rel = new Url();
    rel.parse(relative, false, true);
    relative = rel;
  }

  const result = new Url();
  for (const key of Object.keys(this)) result[key] = this[key];

  // The hash always comes from the relative URL, even when that is empty.
  result.hash = relative.hash;

  if (relative.href === '') {
    result.href = result.format();
    return result;
  }

  // "//host/path": everything but the protocol comes from the relative URL.
  if (relative.slashes && !relative.protocol) {
    for (const key of Object.keys(relative)) {
      if (key !== 'protocol') result[key] = relative[key];
    }
    if (slashedProtocol.has(result.protocol) && result.hostname && !result.pathname) {
      result.path = result.pathname = '/';
    }
    result.href = result.format();
    return result;
  }

  if (relative.protocol && relative.protocol !== result.protocol) {
    // A different, non-slashed protocol: the relative URL is absolute.
    if (!slashedProtocol.has(relative.protocol)) {
      for (const key of Object.keys(relative)) result[key] = relative[key];
      result.href = result.format();
      return result;
    }

    // A slashed protocol needs a host (except file:) — take it from the start of the path.
    result.protocol = relative.protocol;
    if (!relative.host && !/^file:?$/.test(relative.protocol) && !hostlessProtocol.has(relative.protocol)) {
      const relPath = (relative.pathname || '').split('/');
      while (relPath.length && !(relative.host = relPath.shift()));
      if (!relative.host) relative.host = '';
      if (!relative.hostname) relative.hostname = '';
      if (relPath[0] !== '') relPath.unshift('');
      if (relPath.length < 2) relPath.unshift('');
      result.pathname = relPath.join('/');
    } else {
      result.pathname = relative.pathname;
    }
    result.search = relative.search;
    result.query = relative.query;
    result.host = relative.host || '';
    result.auth = relative.auth;
    result.hostname = relative.hostname || relative.host;
    result.port = relative.port;
    if (result.pathname || result.search) {
      result.path = (result.pathname || '') + (result.search || '');
    }
    result.slashes = result.slashes || relative.slashes;
    result.href = result.format();
    return result;
  }

  const isSourceAbs = result.pathname && result.pathname.charAt(0) === '/';
  const isRelAbs = relative.host || (relative.pathname && relative.pathname.charAt(0) === '/');
  let mustEndAbs = isRelAbs || isSourceAbs || (result.host && relative.pathname);
  const removeAllDots = mustEndAbs;
  let srcPath = (result.pathname && result.pathname.split('/')) || [];
  const relPath = (relative.pathname && relative.pathname.split('/')) || [];
  const noLeadingSlashes = result.protocol && !slashedProtocol.has(result.protocol);

  // For non-slashed protocols the host is treated as the first path segment, so that "../.."
  // can climb up to it; it is put back at the end.
  if (noLeadingSlashes) {
    result.hostname = '';
    result.port = null;
    if (result.host) {
      if (srcPath[0] === '') srcPath[0] = result.host;
      else srcPath.unshift(result.host);
    }
    result.host = '';
    if (relative.protocol) {
      relative.hostname = null;
      relative.port = null;
      result.auth = null;
      if (relative.host) {
        if (relPath[0] === '') relPath[0] = relative.host;
        else relPath.unshift(relative.host);
      }
      relative.host = null;
    }
    mustEndAbs = mustEndAbs && (relPath[0] === '' || srcPath[0] === '');
  }

  if (isRelAbs) {
    if (relative.host || relative.host === '') {
      if (result.host !== relative.host) result.auth = null;
      result.host = relative.host;
      result.port = relative.port;
    }
    if (relative.hostname || relative.hostname === '') {
      if (result.hostname !== relative.hostname) result.auth = null;
      result.hostname = relative.hostname;
    }
    result.search = relative.search;
    result.query = relative.query;
    srcPath = relPath;
  } else if (relPath.length) {
    // Relative path: drop the last segment of the base and append.
    srcPath.pop();
    srcPath = srcPath.concat(relPath);
    result.search = relative.search;
    result.query = relative.query;
  } else if (relative.search !== null && relative.search !== undefined) {
    // Only a new query string.
    if (noLeadingSlashes) {
      result.hostname = result.host = srcPath.shift();
      // The auth may be stuck in the host ("mailto:local1@domain1").
      const authInHost = result.host && result.host.indexOf('@') > 0 && result.host.split('@');
      if (authInHost) {
        result.auth = authInHost.shift();
        result.host = result.hostname = authInHost.shift();
      }
    }
    result.search = relative.search;
    result.query = relative.query;
    if (result.pathname !== null || result.search !== null) {
      result.path = (result.pathname ? result.pathname : '') + (result.search ? result.search : '');
    }
    result.href = result.format();
    return result;
  }

  if (!srcPath.length) {
    result.pathname = null;
    result.path = result.search ? `/${result.search}` : null;
    result.href = result.format();
    return result;
  }

  // A path ending in "." or ".." gets a trailing slash; anything else non-slashy must not.
  let last = srcPath.slice(-1)[0];
  const hasTrailingSlash = ((result.host || relative.host || srcPath.length > 1) &&
    (last === '.' || last === '..')) || last === '';

  // Remove "." and resolve ".."; `up` counts ".." that went above the root.
  let up = 0;
  for (let i = srcPath.length - 1; i >= 0; i--) {
    last = srcPath[i];
    if (last === '.') {
      srcPath.splice(i, 1);
    } else if (last === '..') {
      srcPath.splice(i, 1);
      up++;
    } else if (up) {
      srcPath.splice(i, 1);
      up--;
    }
  }

  if (!mustEndAbs && !removeAllDots) {
    while (up--) srcPath.unshift('..');
  }

  if (mustEndAbs && srcPath[0] !== '' && (!srcPath[0] || srcPath[0].charAt(0) !== '/')) {
    srcPath.unshift('');
  }

  if (hasTrailingSlash && srcPath.join('/').slice(-1) !== '/') srcPath.push('');

  const isAbsolute = srcPath[0] === '' || (srcPath[0] && srcPath[0].charAt(0) === '/');

  // Put the host back.
  if (noLeadingSlashes) {
    result.hostname = result.host = isAbsolute ? '' : srcPath.length ? srcPath.shift() : '';
    const authInHost = result.host && result.host.indexOf('@') > 0 ? result.host.split('@') : false;
    if (authInHost) {
      result.auth = authInHost.shift();
      result.host = result.hostname = authInHost.shift();
    }
  }

  mustEndAbs = mustEndAbs || (result.host && srcPath.length);

  if (mustEndAbs && !isAbsolute) srcPath.unshift('');

  if (srcPath.length > 0) {
    result.pathname = srcPath.join('/');
  } else {
    result.pathname = null;
    result.path = null;
  }

  if (result.pathname !== null || result.search !== null) {
    result.path = (result.pathname ? result.pathname : '') + (result.search ? result.search : '');
  }
  result.auth = relative.auth || result.auth;
  result.slashes = result.slashes || relative.slashes;
  result.href = result.format();
  return result;
};

// Splits a host into hostname and port (":digits" at the end).
Url.prototype.parseHost = function parseHost() {
  let host = this.host;
  let port = portPattern.exec(host);
  if (port) {
    port = port[0];
    if (port !== ':') this.port = port.slice(1);
    host = host.slice(0, host.length - port.length);
  }
  if (host) this.hostname = host;
};

function urlFormat(urlObject, options) {
  if (typeof urlObject === 'string') {
    urlObject = urlParse(urlObject);
  } else if (typeof urlObject !== 'object' || urlObject === null) {
    throw new ERR_INVALID_ARG_TYPE('urlObject', ['Object', 'string'], urlObject);
  } else if (urlObject instanceof URL) {
    let fragment = true;
    let unicode = false;
    let search = true;
    let auth = true;
    if (options) {
      validateObject(options, 'options');
      if (options.fragment != null) fragment = Boolean(options.fragment);
      if (options.unicode != null) unicode = Boolean(options.unicode);
      if (options.search != null) search = Boolean(options.search);
      if (options.auth != null) auth = Boolean(options.auth);
    }
    // Node re-parses the href and serializes it without the dropped parts.
    const record = basicParse(toUSV(urlObject.href), null);
    if (record === null) return '';
    if (!fragment) record.fragment = null;
    if (unicode && record.host !== null) record.host = idna.toUnicode(record.host);
    if (!search) record.query = null;
    if (!auth) {
      record.username = '';
      record.password = '';
    }
    return serializeURL(record, false);
  }
  return Reflect.apply(Url.prototype.format, urlObject, []);
}

function urlResolve(source, relative) {
  return urlParse(source, false, true).resolve(relative);
}

function urlResolveObject(source, relative) {
  if (!source) return relative;
  return urlParse(source, false, true).resolveObject(relative);
}

module.exports = {
  // Legacy API
  Url,
  parse: urlParse,
  resolve: urlResolve,
  resolveObject: urlResolveObject,
  format: urlFormat,

  // WHATWG API
  URL,
  URLSearchParams,
  domainToASCII,
  domainToUnicode,

  // Utilities
  pathToFileURL,
  fileURLToPath,
  fileURLToPathBuffer,
  urlToHttpOptions,
};
