#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSecureExecSystem

/// Shared memory between a host and its worker for synchronous bridge calls: the worker's engine
/// thread puts a request frame in it and waits for the answer there, the host's reader takes it
/// and puts the answer back — no socket round trip (two system calls on each side, ~2.9 µs on a
/// two-core machine against ~0.2 µs through shared memory). Frames that do not fit, every other
/// frame, and the wake-up of a host that is not watching go over the sockets as before.
///
/// Layout: four 32-bit words — `state` (0 empty, 1 a request, 2 an answer, 3 the answer is on the
/// reply socket), `hostWatching`, `workerSleeping`, `length` — then the frame (its length prefix
/// included) from byte 64. The worker is not trusted: the host reads a request's length once,
/// bounds it, and copies the frame out before decoding it; nothing the worker writes can make the
/// host wait (the host never waits on this memory, only spins a bounded time).
public final class SyncChannel: @unchecked Sendable {
    // @unchecked: the memory is shared with another process; every access goes through the
    // atomic helpers or copies under the protocol above.
    /// Bytes mapped (the frame area is this less the header).
    public static let size = 128 << 10
    private static let header = 64
    /// The largest frame that fits.
    public var capacity: Int { Self.size - Self.header }

    private let base: UnsafeMutableRawPointer
    private var state: UnsafeMutablePointer<UInt32> { base.assumingMemoryBound(to: UInt32.self) }
    private var hostWatching: UnsafeMutablePointer<UInt32> { state + 1 }
    private var workerSleeping: UnsafeMutablePointer<UInt32> { state + 2 }
    private var length: UnsafeMutablePointer<UInt32> { state + 3 }
    private var frame: UnsafeMutableRawPointer { base + Self.header }

    private enum State: UInt32 { case empty = 0, request = 1, answer = 2, answerOnSocket = 3 }

    private init(base: UnsafeMutableRawPointer) { self.base = base }

    /// The host's side: a new shared-memory file and its mapping; pass the descriptor to the
    /// worker (and close it here once it has it). Nil where unsupported.
    public static func create() -> (channel: SyncChannel, descriptor: Int32)? {
        let fd = se_shared_memory(UInt(size))
        guard fd >= 0 else { return nil }
        guard let base = se_map_shared(fd, UInt(size)) else {
            close(fd)
            return nil
        }
        return (SyncChannel(base: base), fd)
    }

    /// The worker's side: maps the descriptor the host passed (closed here either way).
    public static func attach(descriptor fd: Int32) -> SyncChannel? {
        defer { close(fd) }
        guard let base = se_map_shared(fd, UInt(size)) else { return nil }
        return SyncChannel(base: base)
    }

    deinit { munmap(base, Self.size) }

    private func copyIn(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { if let source = $0.baseAddress { frame.copyMemory(from: source, byteCount: $0.count) } }
        length.pointee = UInt32(bytes.count)
    }

    // MARK: Worker

    /// Puts a request frame (``capacity`` at most) in; false when the host is not watching and
    /// must be woken through the socket.
    public func post(_ request: [UInt8]) -> Bool {
        copyIn(request)
        se_store(state, State.request.rawValue)
        return se_load(hostWatching) != 0
    }

    /// What answered a posted request.
    public enum Answer {
        /// The answer frame's body (without its length prefix).
        case frame([UInt8])
        /// Too large for the shared memory: it is on the reply socket.
        case onSocket
    }

    /// Waits for the answer: spinning `spinNanoseconds`, then sleeping on the state word.
    public func awaitAnswer(spinNanoseconds: UInt64) -> Answer {
        let deadline = MonotonicClock.nanoseconds() &+ spinNanoseconds
        var spins = 0
        while se_load_acquire(state) == State.request.rawValue {
            spins += 1
            if spins & 63 == 0, MonotonicClock.nanoseconds() >= deadline {
                se_store(workerSleeping, 1)
                while se_load(state) == State.request.rawValue {
                    _ = se_futex_wait(state, State.request.rawValue, 50_000_000)
                }
                se_store(workerSleeping, 0)
                break
            }
            se_spin_pause()
        }
        defer { se_store(state, State.empty.rawValue) }
        guard se_load_acquire(state) == State.answer.rawValue else { return .onSocket }
        let count = min(Int(length.pointee), capacity)
        guard count > 4 else { return .frame([]) }
        return .frame([UInt8](UnsafeRawBufferPointer(start: frame + 4, count: count - 4)))
    }

    // MARK: Host

    /// Whether the host's reader is watching for requests here (spinning); while not, the worker
    /// wakes it through the socket. Sequentially consistent with ``post(_:)``: after
    /// `watching(false)`, check ``takeRequest()`` once more before sleeping.
    public func watching(_ on: Bool) { se_store(hostWatching, on ? 1 : 0) }

    /// Whether a request is waiting (cheap: for spin loops).
    public var hasRequest: Bool { se_load_acquire(state) == State.request.rawValue }

    /// A waiting request's frame body (without its length prefix), copied out once; nil when
    /// none waits or its length is out of bounds.
    public func takeRequest() -> [UInt8]? {
        guard se_load(state) == State.request.rawValue else { return nil }
        let count = Int(length.pointee)
        guard count > 4, count <= capacity else { return nil }
        return [UInt8](UnsafeRawBufferPointer(start: frame + 4, count: count - 4))
    }

    /// Answers the waiting request with `answer` (an encoded frame); false when it does not fit
    /// (send it on the reply socket, then call ``answeredOnSocket()``).
    public func answer(_ answer: [UInt8]) -> Bool {
        guard answer.count <= capacity else { return false }
        copyIn(answer)
        publish(.answer)
        return true
    }

    /// The answer went on the reply socket.
    public func answeredOnSocket() { publish(.answerOnSocket) }

    private func publish(_ value: State) {
        se_store(state, value.rawValue)
        if se_load(workerSleeping) != 0 { se_futex_wake(state) }
    }
}
