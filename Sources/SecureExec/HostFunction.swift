import Foundation

/// A Swift closure that guest code can call, or a namespace of them.
///
/// Give a runtime a tree of host functions (``HostFunctions``); each top-level name becomes a
/// global in the guest, each namespace a frozen object:
///
/// ```swift
/// struct Query: Decodable { var region: String }
/// struct Account: Encodable { var id: Int; var name: String }
///
/// let runtime = try NodeRuntime(hostFunctions: [
///     "crm": [
///         "findAccounts": HostFunction { (query: Query) in try await crm.accounts(in: query.region) },
///         "count": .sync { () in 42 },
///     ],
/// ])
/// // guest: const accounts = await crm.findAccounts({ region: 'EU' });
/// ```
///
/// - An **async** function (`HostFunction { … }`) returns a promise in the guest; many calls may be
///   in flight at once (up to ``ResourceLimits/maxPendingHostFunctionCalls``).
/// - A **sync** function (`.sync { … }`) returns its value directly; the guest waits.
/// - A **typed** function takes at most one argument, decoded as `Input` (a missing argument
///   decodes as `nil` for optional inputs); a decoding failure rejects in the guest with a
///   `TypeError` naming the function and the field. Its `Output` is encoded back (`Date` becomes
///   a `Date`, `Data` a `Uint8Array`).
/// - An **untyped** function (``init(untyped:)``) receives every argument as a ``HostValue``.
/// - To fail with a message the guest may read, throw ``HostFunctionError``. Any other error
///   reaches the guest as `Error: <name> failed` — never with the Swift error's description.
public struct HostFunction: Sendable {
    enum Node: Sendable {
        case callable(Callable)
        case namespace(HostFunctions)
    }

    struct Callable: Sendable {
        var synchronous: Bool
        /// Runs the function: its qualified name (for messages) and the guest's arguments.
        var invoke: @Sendable (_ name: String, _ arguments: [HostValue]) async throws -> HostValue
    }

    let node: Node

    init(_ node: Node) { self.node = node }

    /// An async function of one argument decoded as `Input`, returning an `Output` encoded back.
    public init<Input: Decodable & SendableMetatype, Output: Encodable & SendableMetatype>(_ body: @escaping @Sendable (Input) async throws -> Output) {
        node = .callable(Callable(synchronous: false) { name, arguments in
            let input = try HostValueCoding.decode(Input.self, from: arguments, function: name)
            return try HostValueCoding.encode(try await body(input), function: name)
        })
    }

    /// An async function without arguments.
    public init<Output: Encodable & SendableMetatype>(_ body: @escaping @Sendable () async throws -> Output) {
        node = .callable(Callable(synchronous: false) { name, arguments in
            try HostValueCoding.expectNoArguments(arguments, function: name)
            return try HostValueCoding.encode(try await body(), function: name)
        })
    }

    /// An async function that receives the guest's arguments as they are (any number of them).
    public init(untyped body: @escaping @Sendable ([HostValue]) async throws -> HostValue) {
        node = .callable(Callable(synchronous: false) { _, arguments in try await body(arguments) })
    }

    /// A synchronous function of one argument: the guest receives its result directly (no
    /// promise) and waits while it runs.
    public static func sync<Input: Decodable & SendableMetatype, Output: Encodable & SendableMetatype>(_ body: @escaping @Sendable (Input) throws -> Output) -> HostFunction {
        HostFunction(.callable(Callable(synchronous: true) { name, arguments in
            let input = try HostValueCoding.decode(Input.self, from: arguments, function: name)
            return try HostValueCoding.encode(try body(input), function: name)
        }))
    }

    /// A synchronous function without arguments.
    public static func sync<Output: Encodable & SendableMetatype>(_ body: @escaping @Sendable () throws -> Output) -> HostFunction {
        HostFunction(.callable(Callable(synchronous: true) { name, arguments in
            try HostValueCoding.expectNoArguments(arguments, function: name)
            return try HostValueCoding.encode(try body(), function: name)
        }))
    }

    /// A synchronous function that receives the guest's arguments as they are.
    public static func sync(untyped body: @escaping @Sendable ([HostValue]) throws -> HostValue) -> HostFunction {
        HostFunction(.callable(Callable(synchronous: true) { _, arguments in try body(arguments) }))
    }

    /// A namespace: a frozen guest object holding these functions.
    public static func namespace(_ functions: HostFunctions) -> HostFunction {
        HostFunction(.namespace(functions))
    }
}

extension HostFunction: ExpressibleByDictionaryLiteral {
    /// A namespace written as a dictionary literal: `["findAccounts": HostFunction { … }]`.
    public init(dictionaryLiteral elements: (String, HostFunction)...) {
        node = .namespace(HostFunctions(elements))
    }
}

/// The host functions of a runtime: names to functions or namespaces, written as a dictionary
/// literal. Default: none.
///
/// Names must be JavaScript identifiers (`[A-Za-z_$][A-Za-z0-9_$]*`); top-level names become
/// globals and must not be one of JavaScript's or Node's own globals (`process`, `console`,
/// `JSON`, …). ``NodeRuntime/init(systemDriver:limits:timingMitigation:isolation:onStdio:hostFunctions:)``
/// throws ``SecureExecError/Code/invalidConfiguration`` otherwise.
public struct HostFunctions: Sendable, ExpressibleByDictionaryLiteral {
    var entries: [String: HostFunction]

    public init(dictionaryLiteral elements: (String, HostFunction)...) {
        self.init(elements)
    }

    init(_ elements: [(String, HostFunction)]) {
        entries = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }

    /// Functions and namespaces built at run time (a literal is the usual spelling).
    public init(_ functions: [String: HostFunction]) {
        entries = functions
    }

    /// Whether there are no functions at all.
    public var isEmpty: Bool { entries.isEmpty }

    /// Every callable by its dotted name (`crm.findAccounts`).
    var flattened: [String: HostFunction.Callable] {
        var out: [String: HostFunction.Callable] = [:]
        func walk(_ functions: HostFunctions, _ prefix: String) {
            for (name, function) in functions.entries {
                switch function.node {
                case .callable(let callable): out[prefix + name] = callable
                case .namespace(let inner): walk(inner, prefix + name + ".")
                }
            }
        }
        walk(self, "")
        return out
    }

    /// The tree as the guest's installer reads it: names to `"async"`, `"sync"` or a nested object.
    var guestDescription: JSONValue {
        .object(entries.mapValues { function in
            switch function.node {
            case .callable(let callable): .string(callable.synchronous ? "sync" : "async")
            case .namespace(let inner): inner.guestDescription
            }
        })
    }

    /// Checks names (identifiers; no top-level clash with the guest's own globals; bounded nesting).
    func validate() throws {
        func check(_ functions: HostFunctions, _ prefix: String, depth: Int) throws {
            guard depth <= 16 else {
                throw SecureExecError(.invalidConfiguration, "host function namespaces are nested more than 16 levels deep")
            }
            for (name, function) in functions.entries {
                guard Self.isIdentifier(name) else {
                    throw SecureExecError(.invalidConfiguration, "host function name '\(prefix)\(name)' is not a JavaScript identifier")
                }
                if depth == 0, Self.reservedGlobals.contains(name) {
                    throw SecureExecError(.invalidConfiguration, "host function name '\(name)' would replace the guest's global '\(name)'")
                }
                if case .namespace(let inner) = function.node { try check(inner, prefix + name + ".", depth: depth + 1) }
            }
        }
        try check(self, "", depth: 0)
    }

    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, name.utf8.count <= 128 else { return false }
        func letter(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || c == 36 }
        return letter(first) && name.utf8.allSatisfy { letter($0) || ($0 >= 48 && $0 <= 57) }
            && !reservedWords.contains(name)
    }

    private static let reservedWords: Set<String> = [
        "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else",
        "enum", "export", "extends", "false", "finally", "for", "function", "if", "implements", "import", "in",
        "instanceof", "interface", "let", "new", "null", "package", "private", "protected", "public", "return", "static",
        "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "yield",
        "__proto__", "constructor", "prototype",
    ]

    /// Globals of JavaScript and of our Node API that a host function must not replace.
    static let reservedGlobals: Set<String> = [
        "globalThis", "global", "process", "console", "require", "module", "exports", "__filename", "__dirname",
        "Buffer", "setTimeout", "clearTimeout", "setInterval", "clearInterval", "setImmediate", "clearImmediate",
        "queueMicrotask", "structuredClone", "performance", "fetch", "crypto", "atob", "btoa", "Blob", "File",
        "TextEncoder", "TextDecoder", "URL", "URLSearchParams", "AbortController", "AbortSignal", "Event",
        "EventTarget", "CustomEvent", "DOMException", "MessageChannel", "MessagePort", "BroadcastChannel",
        "ReadableStream", "WritableStream", "TransformStream", "Headers", "Request", "Response", "FormData",
        "Object", "Function", "Array", "Number", "String", "Boolean", "Symbol", "BigInt", "Math", "JSON", "Reflect",
        "Proxy", "Promise", "Date", "RegExp", "Error", "TypeError", "RangeError", "SyntaxError", "ReferenceError",
        "EvalError", "URIError", "AggregateError", "Map", "Set", "WeakMap", "WeakSet", "WeakRef",
        "FinalizationRegistry", "ArrayBuffer", "SharedArrayBuffer", "DataView", "Int8Array", "Uint8Array",
        "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array", "Float32Array",
        "Float64Array", "BigInt64Array", "BigUint64Array", "Atomics", "Intl", "eval", "isFinite", "isNaN",
        "parseFloat", "parseInt", "decodeURI", "decodeURIComponent", "encodeURI", "encodeURIComponent", "escape",
        "unescape", "undefined", "NaN", "Infinity", "Iterator", "WebAssembly",
    ]
}

/// An error a host function throws to fail with a message of its choosing.
///
/// The guest receives an `Error` whose `message` is exactly ``message`` and whose `code` is
/// ``code`` (default `ERR_HOST_FUNCTION`); nothing else about the host reaches it. Errors of any
/// other type become `Error: <function name> failed`, so a Swift error's description (which may
/// hold host paths or internals) never reaches guest code.
public struct HostFunctionError: Error, Sendable, Equatable {
    /// The guest-visible message.
    public var message: String
    /// The guest-visible `code` property. Default `ERR_HOST_FUNCTION`.
    public var code: String

    public init(_ message: String, code: String = "ERR_HOST_FUNCTION") {
        self.message = message
        self.code = code
    }
}
