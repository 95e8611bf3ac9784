'use strict';
// net.BlockList and net.SocketAddress, in JavaScript: addresses as BigInts (IPv4 32 bits, IPv6
// 128 bits). As in Node, an IPv4 rule also matches the IPv4-mapped IPv6 form of its addresses
// (::ffff:a.b.c.d) and the other way round; rules print as Node prints them (newest first).

const {
  codes: { ERR_INVALID_ADDRESS, ERR_INVALID_ARG_VALUE },
} = require('internal/errors');
const { validateInt32, validateObject, validatePort, validateString, validateUint32 } = require('internal/validators');
const { isIPv4, isIPv6 } = require('net');

const customInspect = Symbol.for('nodejs.util.inspect.custom');
const kState = Symbol('SocketAddress state');
const MAPPED_PREFIX = 0xffffn << 32n;

function parseIPv4(text) {
  return text.split('.').reduce((value, part) => (value << 8n) | BigInt(Number(part)), 0n);
}

/** An IPv6 text (with an optional zone and a trailing IPv4 part) → its 128-bit value. */
function parseIPv6(text) {
  let address = text.split('%')[0];
  const lastColon = address.lastIndexOf(':');
  const last = address.slice(lastColon + 1);
  if (last.includes('.')) {
    const v4 = parseIPv4(last);
    address = `${address.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const groupsOf = (part) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const double = address.indexOf('::');
  let groups;
  if (double < 0) {
    groups = groupsOf(address);
  } else {
    const first = groupsOf(address.slice(0, double));
    const rest = groupsOf(address.slice(double + 2));
    groups = [...first, ...new Array(8 - first.length - rest.length).fill(0), ...rest];
  }
  return groups.reduce((value, group) => (value << 16n) | BigInt(group), 0n);
}

function formatIPv4(value) {
  return [24n, 16n, 8n, 0n].map((shift) => Number((value >> shift) & 0xffn)).join('.');
}

/** RFC 5952 text (as inet_ntop writes it; IPv4-mapped addresses end in dotted form). */
function formatIPv6(value) {
  if (value >> 32n === 0xffffn) return `::ffff:${formatIPv4(value & 0xffffffffn)}`;
  const groups = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(Number((value >> shift) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) { bestStart = i; bestLength = j - i; }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

function normalizeFamily(family, name = 'options.family') {
  validateString(family, name);
  const lower = family.toLowerCase();
  if (lower !== 'ipv4' && lower !== 'ipv6') throw new ERR_INVALID_ARG_VALUE(name, family);
  return lower;
}

class SocketAddress {
  static isSocketAddress(value) { return value !== null && typeof value === 'object' && value[kState] !== undefined; }

  /** `address[:port]` or `[ipv6]:port` → a SocketAddress, or undefined. */
  static parse(input) {
    validateString(input, 'input');
    const match = /^(?:\[([^\]]+)\]|([^:]+))(?::(\d+))?$/.exec(input) ?? (isIPv6(input) ? [input, input, undefined, undefined] : null);
    if (match === null) return undefined;
    const address = match[1] ?? match[2];
    try {
      return new SocketAddress({ address, port: match[3] === undefined ? 0 : Number(match[3]), family: isIPv6(address) ? 'ipv6' : 'ipv4' });
    } catch {
      return undefined;
    }
  }

  constructor(options = {}) {
    validateObject(options, 'options');
    const family = normalizeFamily(options.family ?? 'ipv4');
    const { address = family === 'ipv4' ? '127.0.0.1' : '::', port = 0, flowlabel = 0 } = options;
    validateString(address, 'options.address');
    validatePort(port, 'options.port');
    validateUint32(flowlabel, 'options.flowlabel', false);
    if (family === 'ipv4' ? !isIPv4(address) : !isIPv6(address)) throw new ERR_INVALID_ADDRESS();
    const value = family === 'ipv4' ? parseIPv4(address) : parseIPv6(address);
    this[kState] = { family, value, address: family === 'ipv4' ? formatIPv4(value) : formatIPv6(value), port: port | 0, flowlabel };
  }

  get address() { return this[kState].address; }
  get port() { return this[kState].port; }
  get family() { return this[kState].family; }
  get flowlabel() { return this[kState].flowlabel; }
  toJSON() { return { address: this.address, port: this.port, family: this.family, flowlabel: this.flowlabel }; }

  [customInspect](depth, options, inspect) {
    if (depth < 0) return this;
    return `SocketAddress ${inspect(this.toJSON(), { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  }
}

/** The value an address is compared with: IPv4-mapped IPv6 addresses as IPv4. */
function comparable({ family, value }) {
  if (family === 'ipv6' && value >> 32n === 0xffffn) return { family: 'ipv4', value: value & 0xffffffffn };
  return { family, value };
}

function toAddress(address, family, name) {
  if (SocketAddress.isSocketAddress(address)) return address;
  validateString(address, name);
  validateString(family, 'family');
  return new SocketAddress({ address, family });
}

const familyLabel = (family) => (family === 'ipv4' ? 'IPv4' : 'IPv6');

class BlockList {
  #rules = [];

  static isBlockList(value) { return value instanceof BlockList; }

  addAddress(address, family = 'ipv4') {
    const a = toAddress(address, family, 'address')[kState];
    const c = comparable(a);
    this.#rules.unshift({ text: `Address: ${familyLabel(a.family)} ${a.address}`, matches: (x) => x.family === c.family && x.value === c.value });
  }

  addRange(start, end, family = 'ipv4') {
    const s = toAddress(start, family, 'start');
    const e = toAddress(end, family, 'end');
    const from = comparable(s[kState]);
    const to = comparable(e[kState]);
    if (from.family !== to.family || from.value > to.value) throw new ERR_INVALID_ARG_VALUE('start', s, 'must come before end');
    this.#rules.unshift({
      text: `Range: ${familyLabel(s.family)} ${s.address}-${e.address}`,
      matches: (x) => x.family === from.family && x.value >= from.value && x.value <= to.value,
    });
  }

  addSubnet(network, prefix, family = 'ipv4') {
    const n = toAddress(network, family, 'network')[kState];
    validateInt32(prefix, 'prefix', 0, n.family === 'ipv4' ? 32 : 128);
    const bits = n.family === 'ipv4' ? 32n : 128n;
    const shift = bits - BigInt(prefix);
    const base = n.value >> shift;
    this.#rules.unshift({
      text: `Subnet: ${familyLabel(n.family)} ${n.address}/${prefix}`,
      matches: (x) => {
        // An IPv4 subnet also holds the mapped forms; an IPv6 one compares 128-bit values.
        const value = n.family === 'ipv4' ? (x.family === 'ipv4' ? x.value : null)
          : (x.family === 'ipv6' ? x.value : MAPPED_PREFIX | x.value);
        return value !== null && value >> shift === base;
      },
    });
  }

  check(address, family = 'ipv4') {
    let a;
    if (SocketAddress.isSocketAddress(address)) {
      a = address;
    } else {
      validateString(address, 'address');
      validateString(family, 'family');
      try { a = new SocketAddress({ address, family }); } catch { return false; }
    }
    const state = a[kState];
    const mapped = comparable(state);
    return this.#rules.some((rule) => rule.matches(mapped) || rule.matches(state));
  }

  get rules() { return this.#rules.map((rule) => rule.text); }

  [customInspect](depth, options, inspect) {
    if (depth < 0) return '[BlockList]';
    return `BlockList ${inspect({ rules: this.rules }, { ...options, depth: options.depth == null ? null : options.depth - 1 })}`;
  }
}

module.exports = { BlockList, SocketAddress };
