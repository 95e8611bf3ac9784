import Synchronization

/// What the guest writes to a nested `node` child's stdin (`child.stdin.write`/`end`), streamed
/// to the child's `process.stdin`. Bytes written before the child reads stdin wait here (at most
/// ``maxPendingBytes``); once it reads, each write is delivered at once as a `stdin` event.
final class NestedInput: Sendable {
    private struct State {
        var child: CallHost?
        var pending: [[UInt8]] = []
        var pendingBytes = 0
        var ended = false
        var closed = false
    }

    private let state = Mutex(State())
    static let maxPendingBytes = 16 << 20

    /// Parent → child. Throws `EPIPE` once the child is gone or stdin was ended, `EAGAIN` when
    /// too much waits for a child that does not read.
    func write(_ bytes: [UInt8]) throws {
        let child = try state.withLock { state throws -> CallHost? in
            guard !state.closed, !state.ended else { throw CommandError("EPIPE") }
            if let child = state.child { return child }
            guard state.pendingBytes + bytes.count <= Self.maxPendingBytes else { throw CommandError("EAGAIN") }
            state.pending.append(bytes)
            state.pendingBytes += bytes.count
            return nil
        }
        child?.emit("stdin", ["type": "data"], binary: bytes)
    }

    /// The end of stdin (`child.stdin.end()`).
    func end() {
        let child = state.withLock { state -> CallHost?? in
            guard !state.closed, !state.ended else { return .none }
            state.ended = true
            return .some(state.child)
        }
        if case .some(let host?) = child { host.emit("stdin", ["type": "end"]) }
    }

    /// The child's guest started reading: what waited is delivered, in order, then the end if
    /// it came already.
    func attach(_ host: CallHost) {
        let (pending, ended) = state.withLock { state -> ([[UInt8]], Bool)? in
            guard !state.closed, state.child == nil else { return nil }
            state.child = host
            defer { state.pending = []; state.pendingBytes = 0 }
            return (state.pending, state.ended)
        } ?? ([], false)
        for bytes in pending { host.emit("stdin", ["type": "data"], binary: bytes) }
        if ended { host.emit("stdin", ["type": "end"]) }
    }

    /// The child is gone: later writes fail with `EPIPE`.
    func close() {
        state.withLock { state in
            state.closed = true
            state.child = nil
            state.pending = []
            state.pendingBytes = 0
        }
    }
}
