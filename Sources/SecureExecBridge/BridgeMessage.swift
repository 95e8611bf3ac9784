/// How a guest request expects its answer.
public enum BridgeCallMode: UInt8, Sendable {
    /// The guest thread blocks until the host answers (`readFileSync`).
    case sync = 1
    /// The guest continues; the answer resolves a promise from the event loop.
    case async = 2
    /// No answer (console output).
    case event = 3
}

/// A request from guest code to the host: an operation name, JSON arguments and optional bytes.
/// Guest-side code produces the JSON; the host validates every field before acting.
public struct BridgeRequest: Sendable {
    public var id: UInt32
    public var mode: BridgeCallMode
    public var operation: String
    public var json: [UInt8]
    public var binary: [UInt8]?

    public init(id: UInt32, mode: BridgeCallMode, operation: String, json: [UInt8], binary: [UInt8]? = nil) {
        self.id = id
        self.mode = mode
        self.operation = operation
        self.json = json
        self.binary = binary
    }
}

/// The host's answer to a ``BridgeRequest``.
public struct BridgeResponse: Sendable {
    public enum Status: UInt8, Sendable {
        /// `json` holds the result (empty for `undefined`).
        case ok = 0
        /// `binary` holds the result bytes (a `Uint8Array` in the guest).
        case binary = 1
        /// `json` holds a guest error description: `{code, message, syscall?, path?, ...}`.
        case error = 2
    }

    public var id: UInt32
    public var status: Status
    public var json: [UInt8]
    public var binary: [UInt8]?
    /// The host says this answer stays true for the rest of the runtime's life (it is about
    /// files in module folders taken as unchanging): the engine may keep it and give it again
    /// for the same request in later calls of the same runtime, without asking.
    public var lasting: Bool

    public init(id: UInt32 = 0, status: Status, json: [UInt8] = [], binary: [UInt8]? = nil, lasting: Bool = false) {
        self.id = id
        self.status = status
        self.json = json
        self.binary = binary
        self.lasting = lasting
    }

    public static func value(_ value: JSONValue) -> BridgeResponse { BridgeResponse(status: .ok, json: value.jsonBytes) }
    public static var undefined: BridgeResponse { BridgeResponse(status: .ok) }
    public static func bytes(_ bytes: [UInt8]) -> BridgeResponse { BridgeResponse(status: .binary, binary: bytes) }
    public static func failure(_ error: GuestError) -> BridgeResponse {
        BridgeResponse(status: .error, json: error.json.jsonBytes)
    }
}

/// An error to raise inside the guest, described in Node's terms. The guest side builds the real
/// error object (`Error`, `TypeError`, a system error with `errno`/`syscall`/`path`).
public struct GuestError: Error, Sendable, Equatable {
    /// Node error code: `EACCES`, `ENOENT`, `ERR_INVALID_ARG_TYPE`, `ERR_SANDBOX_PAYLOAD_TOO_LARGE`, …
    public var code: String
    /// The complete message as guest code will read it.
    public var message: String
    /// Constructor name in the guest (`Error`, `TypeError`, `RangeError`).
    public var name: String
    public var syscall: String?
    public var path: String?
    public var dest: String?
    public var hostname: String?

    public init(code: String, message: String, name: String = "Error", syscall: String? = nil,
                path: String? = nil, dest: String? = nil, hostname: String? = nil) {
        self.code = code
        self.message = message
        self.name = name
        self.syscall = syscall
        self.path = path
        self.dest = dest
        self.hostname = hostname
    }

    public var json: JSONValue {
        var o: [String: JSONValue] = ["code": .string(code), "message": .string(message), "name": .string(name)]
        if let syscall { o["syscall"] = .string(syscall) }
        if let path { o["path"] = .string(path) }
        if let dest { o["dest"] = .string(dest) }
        if let hostname { o["hostname"] = .string(hostname) }
        return .object(o)
    }

    /// A system error as Node words it: `ENOENT: no such file or directory, open '/x'`.
    public static func system(_ code: String, _ description: String, syscall: String, path: String? = nil,
                              dest: String? = nil, reason: String? = nil) -> GuestError {
        var message = "\(code): \(description), \(syscall)"
        if let path { message += " '\(path)'" }
        if let dest { message += " -> '\(dest)'" }
        if let reason, !reason.isEmpty { message += ": \(reason)" }
        return GuestError(code: code, message: message, syscall: syscall, path: path, dest: dest)
    }

    public static func invalidArgument(_ message: String) -> GuestError {
        GuestError(code: "ERR_INVALID_ARG_TYPE", message: message, name: "TypeError")
    }
}
