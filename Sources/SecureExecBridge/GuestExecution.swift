// What crosses from host to guest to start a call, and back when it ends: shared by the
// in-process transport and the worker protocol.

/// One call to run: what `exec` or `run` asked for, already decided by the host.
package struct GuestExecution: Sendable {
    package enum Kind: String, Sendable { case exec, run }
    package var kind: Kind
    package var code: String
    /// The entry's guest path (`__filename`).
    package var filePath: String
    /// What is particular to this call (cwd, argv, timing, stdin), JSON built by the host; the
    /// runtime-wide part is ``GuestRuntime/configuration``.
    package var config: JSONValue
    /// CPU time budget for the whole call.
    package var cpuTimeLimitNanoseconds: UInt64
    /// Output bytes budget (stdout + stderr) for the call, enforced again by the host.
    package var maxOutputBytes: Int
    /// Largest JSON and binary payloads a bridge call may carry.
    package var maxJSONPayload: Int
    package var maxBinaryPayload: Int
    /// Timer and handle budgets.
    package var maxTimers: Int

    package init(kind: Kind, code: String, filePath: String, config: JSONValue, cpuTimeLimitNanoseconds: UInt64,
                 maxOutputBytes: Int, maxJSONPayload: Int, maxBinaryPayload: Int, maxTimers: Int) {
        self.kind = kind
        self.code = code
        self.filePath = filePath
        self.config = config
        self.cpuTimeLimitNanoseconds = cpuTimeLimitNanoseconds
        self.maxOutputBytes = maxOutputBytes
        self.maxJSONPayload = maxJSONPayload
        self.maxBinaryPayload = maxBinaryPayload
        self.maxTimers = maxTimers
    }
}

extension GuestExecution {
    /// Limits for a session that is bootstrapped but has no call yet.
    package static let idle = GuestExecution(kind: .exec, code: "", filePath: "/", config: .null, cpuTimeLimitNanoseconds: 10_000_000_000,
                                     maxOutputBytes: 0, maxJSONPayload: 1 << 20, maxBinaryPayload: 1 << 20, maxTimers: 0)
}

/// How a call ended, as the guest side saw it.
package struct GuestOutcome: Sendable {
    package enum Reason: String, Sendable {
        case completed, exit, uncaught, cpuLimit, wallClockLimit, terminated, memoryLimit, crashed
    }
    package var reason: Reason
    package var code: Int32
    package var errorMessage: String?
    /// `run`: the entry's exports as JSON text.
    package var exportsJSON: [UInt8]?

    /// The `errorMessage` a stopped call reports.
    package static func message(for reason: Reason) -> String {
        switch reason {
        case .cpuLimit: return "CPU time limit exceeded"
        case .wallClockLimit: return "wall-clock limit exceeded"
        case .memoryLimit: return "memory limit exceeded"
        case .terminated: return "execution terminated"
        default: return reason.rawValue
        }
    }

    package init(reason: Reason, code: Int32, errorMessage: String? = nil, exportsJSON: [UInt8]? = nil) {
        self.reason = reason
        self.code = code
        self.errorMessage = errorMessage
        self.exportsJSON = exportsJSON
    }
}
