import SecureExecBridge
import Synchronization

/// The message channel between a guest and a `node` child it forked (`child_process.fork`, or
/// `'ipc'` in `stdio`): JSON messages both ways and a disconnect either side may start. Both ends
/// are sandboxed runtimes of this process; nothing crosses but the message text, bounded in size
/// and in how many wait for the child to start.
final class IPCChannel: Sendable {
    enum ParentEvent: Sendable {
        case message([UInt8])
        case disconnect
    }

    private struct State {
        /// The child's call once its guest said it listens (`ipc.ready`).
        var child: CallHost?
        /// Messages for the child before it listens.
        var pending: [[UInt8]] = []
        var pendingBytes = 0
        var closed = false
    }

    private let state = Mutex(State())
    private let toParent: @Sendable (ParentEvent) -> Void
    /// Largest message (the call's JSON payload bound) and most bytes waiting for the child.
    let maxMessageBytes: Int
    static let maxPendingBytes = 16 << 20

    init(maxMessageBytes: Int, toParent: @escaping @Sendable (ParentEvent) -> Void) {
        self.maxMessageBytes = maxMessageBytes
        self.toParent = toParent
    }

    var isOpen: Bool { !state.withLock { $0.closed } }

    private static func tooLarge(_ count: Int, limit: Int) -> GuestError {
        GuestError(code: "ERR_SANDBOX_PAYLOAD_TOO_LARGE",
                   message: "ERR_SANDBOX_PAYLOAD_TOO_LARGE: IPC message exceeds \(limit) bytes (got \(count))", name: "RangeError")
    }

    /// Parent → child. False when the channel is closed (or the child stopped listening).
    func sendToChild(_ json: [UInt8]) throws -> Bool {
        guard json.count <= maxMessageBytes else { throw Self.tooLarge(json.count, limit: maxMessageBytes) }
        let child = try state.withLock { state throws -> CallHost?? in
            if state.closed { return .some(nil) }
            if let child = state.child { return .some(child) }
            guard state.pendingBytes + json.count <= Self.maxPendingBytes else {
                throw GuestError(code: "ERR_IPC_CHANNEL_FULL", message: "the child has not read \(Self.maxPendingBytes) bytes of messages yet")
            }
            state.pending.append(json)
            state.pendingBytes += json.count
            return .none
        }
        switch child {
        case .some(nil): return false
        case .some(let host?): host.emit("ipc", ["type": "message"], binary: json)
        case .none: break
        }
        return true
    }

    /// The child's guest listens: what waited is delivered, in order.
    func childReady(_ host: CallHost) {
        let pending = state.withLock { state -> [[UInt8]]? in
            guard !state.closed, state.child == nil else { return nil }
            state.child = host
            defer { state.pending = []; state.pendingBytes = 0 }
            return state.pending
        }
        for json in pending ?? [] { host.emit("ipc", ["type": "message"], binary: json) }
    }

    /// Child → parent. False when the channel is closed.
    func sendToParent(_ json: [UInt8]) throws -> Bool {
        guard json.count <= maxMessageBytes else { throw Self.tooLarge(json.count, limit: maxMessageBytes) }
        guard isOpen else { return false }
        toParent(.message(json))
        return true
    }

    /// Closes the channel once; both sides get `disconnect`.
    func disconnect() {
        let child = state.withLock { state -> CallHost?? in
            guard !state.closed else { return .none }
            state.closed = true
            state.pending = []
            defer { state.child = nil }
            return .some(state.child)
        }
        guard case .some(let host) = child else { return }
        host?.emit("ipc", ["type": "disconnect"])
        toParent(.disconnect)
    }
}
