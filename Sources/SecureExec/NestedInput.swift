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
        /// `node` alone waits for its whole script (``readAll()``).
        var reader: CheckedContinuation<[UInt8]?, Never>?
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
        let (child, reader, all) = state.withLock { state -> (CallHost??, CheckedContinuation<[UInt8]?, Never>?, [UInt8]) in
            guard !state.closed, !state.ended else { return (.none, nil, []) }
            state.ended = true
            guard let reader = state.reader else { return (.some(state.child), nil, []) }
            state.reader = nil
            defer { state.pending = []; state.pendingBytes = 0 }
            return (.none, reader, state.pending.flatMap { $0 })
        }
        if case .some(let host?) = child { host.emit("stdin", ["type": "end"]) }
        reader?.resume(returning: all)
    }

    /// Everything written until the end (`node` run with its script on stdin); nil when the
    /// child is stopped first.
    func readAll() async -> [UInt8]? {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> [UInt8]?? in
                if state.closed { return .some(nil) }
                if state.ended {
                    defer { state.pending = []; state.pendingBytes = 0 }
                    return .some(state.pending.flatMap { $0 })
                }
                state.reader = continuation
                return .none
            }
            if case .some(let result) = ready { continuation.resume(returning: result) }
        }
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
        let reader = state.withLock { state -> CheckedContinuation<[UInt8]?, Never>? in
            state.closed = true
            state.child = nil
            state.pending = []
            state.pendingBytes = 0
            defer { state.reader = nil }
            return state.reader
        }
        reader?.resume(returning: nil)
    }
}
