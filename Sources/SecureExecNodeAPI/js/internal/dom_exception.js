'use strict';
// DOMException as Node 22 exposes it (WebIDL): a constructor whose instances are real Error
// objects (Object.prototype.toString says [object Error], stacks work) while
// `DOMException.prototype` inherits from Error.prototype and `DOMException` itself from
// Function.prototype. JavaScriptCore ships no DOMException, so this is the only one; the
// bootstrap may publish it as the `DOMException` global.

// name/message per instance; a WeakMap keeps them unforgeable (the getters brand-check).
const internals = new WeakMap();
const codeByName = new Map();

// Names the WebIDL table dropped: they keep their legacy constant but report code 0.
const disusedNames = new Set(['DOMStringSizeError', 'NoDataAllowedError', 'ValidationError']);

// Node's own error for brand-check failures here (it cannot use internal/errors in its
// per-context script, so the message differs from ERR_INVALID_THIS: "of DOMException").
function invalidThis() {
  const err = new TypeError();
  Object.defineProperties(err, {
    message: { __proto__: null, value: 'Value of "this" must be of DOMException', enumerable: false, writable: true, configurable: true },
    toString: {
      __proto__: null,
      value() { return `${this.name} [ERR_INVALID_THIS]: ${this.message}`; },
      enumerable: false,
      writable: true,
      configurable: true,
    },
  });
  err.code = 'ERR_INVALID_THIS';
  throw err;
}

function stateOf(self) {
  const state = internals.get(self);
  if (state === undefined) invalidThis();
  return state;
}

class DOMException {
  constructor(message = '', options = 'Error') {
    // `class … extends Error` would make Object.getPrototypeOf(DOMException) === Error; WebIDL
    // wants Function.prototype. Build a genuine Error and return it re-prototyped instead.
    const self = new Error();
    Object.setPrototypeOf(self, new.target.prototype);
    let name;
    if (options !== null && typeof options === 'object') {
      name = `${options.name}`;
      if ('cause' in options) {
        Object.defineProperty(self, 'cause', {
          __proto__: null,
          value: options.cause, configurable: true, writable: true, enumerable: false,
        });
      }
    } else {
      name = `${options}`;
    }
    internals.set(self, { message: `${message}`, name });
    return self;
  }

  get name() { return stateOf(this).name; }

  get message() { return stateOf(this).message; }

  get code() {
    const { name } = stateOf(this);
    if (disusedNames.has(name)) return 0;
    return codeByName.get(name) ?? 0;
  }
}

Object.setPrototypeOf(DOMException.prototype, Error.prototype);
Object.defineProperties(DOMException.prototype, {
  [Symbol.toStringTag]: { __proto__: null, configurable: true, value: 'DOMException' },
  name: { __proto__: null, enumerable: true, configurable: true },
  message: { __proto__: null, enumerable: true, configurable: true },
  code: { __proto__: null, enumerable: true, configurable: true },
});

// The legacy code table: [name, constant, value]. Constants live on both the constructor and
// its prototype (enumerable, read-only).
const kCodes = [
  ['IndexSizeError', 'INDEX_SIZE_ERR', 1],
  ['DOMStringSizeError', 'DOMSTRING_SIZE_ERR', 2],
  ['HierarchyRequestError', 'HIERARCHY_REQUEST_ERR', 3],
  ['WrongDocumentError', 'WRONG_DOCUMENT_ERR', 4],
  ['InvalidCharacterError', 'INVALID_CHARACTER_ERR', 5],
  ['NoDataAllowedError', 'NO_DATA_ALLOWED_ERR', 6],
  ['NoModificationAllowedError', 'NO_MODIFICATION_ALLOWED_ERR', 7],
  ['NotFoundError', 'NOT_FOUND_ERR', 8],
  ['NotSupportedError', 'NOT_SUPPORTED_ERR', 9],
  ['InUseAttributeError', 'INUSE_ATTRIBUTE_ERR', 10],
  ['InvalidStateError', 'INVALID_STATE_ERR', 11],
  ['SyntaxError', 'SYNTAX_ERR', 12],
  ['InvalidModificationError', 'INVALID_MODIFICATION_ERR', 13],
  ['NamespaceError', 'NAMESPACE_ERR', 14],
  ['InvalidAccessError', 'INVALID_ACCESS_ERR', 15],
  ['ValidationError', 'VALIDATION_ERR', 16],
  ['TypeMismatchError', 'TYPE_MISMATCH_ERR', 17],
  ['SecurityError', 'SECURITY_ERR', 18],
  ['NetworkError', 'NETWORK_ERR', 19],
  ['AbortError', 'ABORT_ERR', 20],
  ['URLMismatchError', 'URL_MISMATCH_ERR', 21],
  ['QuotaExceededError', 'QUOTA_EXCEEDED_ERR', 22],
  ['TimeoutError', 'TIMEOUT_ERR', 23],
  ['InvalidNodeTypeError', 'INVALID_NODE_TYPE_ERR', 24],
  ['DataCloneError', 'DATA_CLONE_ERR', 25],
];
for (const [name, constant, value] of kCodes) {
  const desc = { __proto__: null, enumerable: true, value };
  Object.defineProperty(DOMException, constant, desc);
  Object.defineProperty(DOMException.prototype, constant, desc);
  codeByName.set(name, value);
}

module.exports = { DOMException };
