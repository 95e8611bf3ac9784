#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The messages between a host and its worker process, over a stream socket.
///
/// A frame is `[u32 length, little-endian][u8 type][payload]`; `length` counts type and payload
/// and may not exceed ``maxFrameSize``. Any malformed frame ends the channel: the reader reports
/// an error and the connection is closed.
package enum WorkerMessage: Sendable {
    /// Host → worker, first: the runtime-wide bootstrap configuration (JSON text).
    case configure(json: [UInt8])
    /// Host → worker: run a call.
    case execute(GuestExecution)
    /// Host → worker: the answer to a request.
    case response(BridgeResponse)
    /// Host → worker: a host-initiated event.
    case event(kind: String, json: [UInt8], binary: [UInt8]?)
    /// Host → worker: stop the running call (reason code as in the guest's stop signal).
    case terminate(reason: UInt8)
    /// Worker → host: a bridge request of the running call.
    case request(BridgeRequest)
    /// Worker → host: how the call ended.
    case outcome(GuestOutcome)
    /// Host → worker, between calls: bootstrap the next call's context now (sent once the
    /// caller has the outcome, so the bootstrap does not compete with the caller's wake-up).
    case prepare
    /// Worker → host: a sync request waits in the shared memory (``SyncChannel``) and the host
    /// was not watching it.
    case wake

    /// Largest frame either side accepts (bridge payload limits are far below it).
    package static let maxFrameSize = 64 << 20
}

/// Why a channel was closed.
public struct WorkerChannelError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

// MARK: - Encoding

extension WorkerMessage {
    package func encoded() -> [UInt8] {
        var w = FrameWriter()
        switch self {
        case .configure(let json):
            w.u8(1); w.bytes(json)
        case .execute(let e):
            w.u8(2); w.string(e.kind.rawValue); w.string(e.code); w.string(e.filePath); w.bytes(e.config.jsonBytes)
            w.u64(e.cpuTimeLimitNanoseconds); w.u64(UInt64(e.maxOutputBytes)); w.u64(UInt64(e.maxJSONPayload))
            w.u64(UInt64(e.maxBinaryPayload)); w.u64(UInt64(e.maxTimers))
        case .response(let r):
            w.u8(3); w.u32(r.id); w.u8(r.status.rawValue | (r.lasting ? 0x80 : 0)); w.bytes(r.json); w.optionalBytes(r.binary)
        case .event(let kind, let json, let binary):
            w.u8(4); w.string(kind); w.bytes(json); w.optionalBytes(binary)
        case .terminate(let reason):
            w.u8(5); w.u8(reason)
        case .request(let r):
            w.u8(6); w.u32(r.id); w.u8(r.mode.rawValue); w.string(r.operation); w.bytes(r.json); w.optionalBytes(r.binary)
        case .outcome(let o):
            w.u8(7); w.string(o.reason.rawValue); w.u32(UInt32(bitPattern: o.code))
            w.optionalBytes(o.errorMessage.map { Array($0.utf8) }); w.optionalBytes(o.exportsJSON)
        case .prepare:
            w.u8(8)
        case .wake:
            w.u8(9)
        }
        return w.framed()
    }

    /// Decodes one frame's body (type + payload, without the length prefix).
    package static func decode(_ body: [UInt8]) throws(WorkerChannelError) -> WorkerMessage {
        var r = FrameReader(body)
        let type = try r.u8()
        let message: WorkerMessage
        switch type {
        case 1: message = .configure(json: try r.bytes())
        case 2:
            guard let kind = GuestExecution.Kind(rawValue: try r.string()) else { throw WorkerChannelError("bad kind") }
            let code = try r.string()
            let filePath = try r.string()
            let config: JSONValue
            do { config = try JSONValue.parse(try r.bytes()) } catch { throw WorkerChannelError("bad configuration") }
            message = .execute(GuestExecution(
                kind: kind, code: code, filePath: filePath, config: config, cpuTimeLimitNanoseconds: try r.u64(),
                maxOutputBytes: Int(clamping: try r.u64()), maxJSONPayload: Int(clamping: try r.u64()),
                maxBinaryPayload: Int(clamping: try r.u64()), maxTimers: Int(clamping: try r.u64())))
        case 3:
            let id = try r.u32()
            let raw = try r.u8()
            guard let status = BridgeResponse.Status(rawValue: raw & 0x7f) else { throw WorkerChannelError("bad status") }
            message = .response(BridgeResponse(id: id, status: status, json: try r.bytes(), binary: try r.optionalBytes(),
                                               lasting: raw & 0x80 != 0))
        case 4: message = .event(kind: try r.string(), json: try r.bytes(), binary: try r.optionalBytes())
        case 5: message = .terminate(reason: try r.u8())
        case 6:
            let id = try r.u32()
            guard let mode = BridgeCallMode(rawValue: try r.u8()) else { throw WorkerChannelError("bad mode") }
            message = .request(BridgeRequest(id: id, mode: mode, operation: try r.string(), json: try r.bytes(),
                                             binary: try r.optionalBytes()))
        case 7:
            let reason = GuestOutcome.Reason(rawValue: try r.string()) ?? .crashed
            let code = Int32(bitPattern: try r.u32())
            let error = try r.optionalBytes().map { String(decoding: $0, as: UTF8.self) }
            message = .outcome(GuestOutcome(reason: reason, code: code, errorMessage: error, exportsJSON: try r.optionalBytes()))
        case 8: message = .prepare
        case 9: message = .wake
        default:
            throw WorkerChannelError("unknown frame type \(type)")
        }
        guard r.atEnd else { throw WorkerChannelError("trailing bytes in frame") }
        return message
    }
}

struct FrameWriter {
    var out: [UInt8] = [0, 0, 0, 0]
    mutating func u8(_ v: UInt8) { out.append(v) }
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
    mutating func bytes(_ b: [UInt8]) { u32(UInt32(b.count)); out.append(contentsOf: b) }
    mutating func string(_ s: String) { bytes(Array(s.utf8)) }
    mutating func optionalBytes(_ b: [UInt8]?) {
        if let b { u8(1); bytes(b) } else { u8(0) }
    }
    func framed() -> [UInt8] {
        var result = out
        let length = UInt32(result.count - 4).littleEndian
        withUnsafeBytes(of: length) { for i in 0..<4 { result[i] = $0[i] } }
        return result
    }
}

struct FrameReader {
    let data: [UInt8]
    var index = 0
    init(_ data: [UInt8]) { self.data = data }
    var atEnd: Bool { index == data.count }

    mutating func take(_ n: Int) throws(WorkerChannelError) -> ArraySlice<UInt8> {
        guard n >= 0, n <= data.count - index else { throw WorkerChannelError("truncated frame") }
        defer { index += n }
        return data[index..<index + n]
    }
    mutating func u8() throws(WorkerChannelError) -> UInt8 { try take(1).first ?? 0 }
    mutating func u32() throws(WorkerChannelError) -> UInt32 {
        try take(4).reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }
    mutating func u64() throws(WorkerChannelError) -> UInt64 {
        try take(8).reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }
    mutating func bytes() throws(WorkerChannelError) -> [UInt8] { Array(try take(Int(try u32()))) }
    mutating func string() throws(WorkerChannelError) -> String { String(decoding: try bytes(), as: UTF8.self) }
    mutating func optionalBytes() throws(WorkerChannelError) -> [UInt8]? {
        switch try u8() {
        case 0: return nil
        case 1: return try bytes()
        default: throw WorkerChannelError("bad optional")
        }
    }
}

// MARK: - The channel

/// Blocking frame I/O on a stream socket descriptor.
public enum FrameIO {
    /// Writes one encoded frame completely.
    public static func write(_ fd: Int32, _ frame: [UInt8]) -> Bool {
        var offset = 0
        while offset < frame.count {
            let n = frame.withUnsafeBytes { bytes -> Int in
                guard let base = bytes.baseAddress else { return 0 }
                return send(fd, base + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += n
        }
        return true
    }
}

/// Reads the frames of one stream socket, for the one thread that reads it. Each receive takes
/// as much as has arrived (up to the buffer), so a frame usually costs a single `recv` — none when
/// it came with the previous one — instead of one for its header and one for its body.
public final class FrameReceiver {
    private let fd: Int32
    private let storage: UnsafeMutableRawBufferPointer
    /// The buffered bytes not yet returned: `storage[start..<end]`.
    private var start = 0
    private var end = 0

    /// `capacity`: the buffer; larger frames are read straight into their own array.
    public init(_ fd: Int32, capacity: Int = 16 << 10) {
        self.fd = fd
        storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(capacity, 64), alignment: 8)
    }

    deinit { storage.deallocate() }

    private var buffered: Int { end - start }

    /// Whether bytes of a frame are buffered (``read()`` then needs no new data to start).
    public var hasBuffered: Bool { buffered > 0 }

    /// Waits up to `nanoseconds` for data without sleeping, taking in what arrives: a peer that
    /// answers within microseconds (a sync bridge call in a loop) is then read without a thread
    /// wake-up, which costs tens of microseconds on a virtual machine. Returns at once when data
    /// is buffered, or at the end of the stream or an error (``read()`` reports those).
    public func spin(nanoseconds: UInt64) {
        guard buffered == 0 else { return }
        let deadline = MonotonicClock.nanoseconds() &+ nanoseconds
        repeat {
            switch receive(flags: Int32(MSG_DONTWAIT)) {
            case .received, .ended: return
            case .failed(let code) where code != EAGAIN && code != EWOULDBLOCK && code != EINTR: return
            case .failed: continue
            }
        } while MonotonicClock.nanoseconds() < deadline
    }

    /// Sleeps until data is buffered or `fd` has some (or its end, or an error). A thread that
    /// also writes on the socket must wait here, not in `recv`: a blocked `recv` on a Unix socket
    /// is woken whenever the peer consumes what this side wrote (its wait queue serves both
    /// directions), so every request a thread sends would wake the reader of the same socket for
    /// nothing — on two cores, taking the processor from the thread that waits for the answer.
    /// `poll` for `POLLIN` is woken only for input.
    public func waitReadable() {
        guard buffered == 0 else { return }
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while poll(&entry, 1, -1) < 0 && errno == EINTR {}
    }

    /// One frame's body; nil at the end of the stream (between frames). Throws on a malformed,
    /// oversized or truncated frame, or a failed receive.
    public func read() throws(WorkerChannelError) -> [UInt8]? {
        guard try fill(atLeast: 4) else { return nil }
        let header = UnsafeRawBufferPointer(rebasing: storage[start..<start + 4])
        let length = Int(header.reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        guard length >= 1, length <= WorkerMessage.maxFrameSize else { throw WorkerChannelError("frame size \(length)") }
        start += 4
        if length <= storage.count {
            guard try fill(atLeast: length) else { throw WorkerChannelError("truncated frame") }
            let body = [UInt8](unsafeUninitializedCapacity: length) { out, initialized in
                if let target = out.baseAddress, let source = storage.baseAddress {
                    UnsafeMutableRawPointer(target).copyMemory(from: source + start, byteCount: length)
                    initialized = length
                } else {
                    initialized = 0
                }
            }
            guard body.count == length else { throw WorkerChannelError("frame buffer") }
            start += length
            return body
        }
        // Larger than the buffer: what is buffered, then the rest received in place.
        var failure: Int32 = 0
        var ended = false
        let body = [UInt8](unsafeUninitializedCapacity: length) { out, initialized in
            initialized = 0
            guard let target = out.baseAddress, let source = storage.baseAddress else { failure = EINVAL; return }
            let first = min(buffered, length)
            UnsafeMutableRawPointer(target).copyMemory(from: source + start, byteCount: first)
            start += first
            initialized = first
            while initialized < length {
                let n = recv(fd, target + initialized, length - initialized, 0)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if n == 0 {
                    ended = true
                    return
                }
                initialized += n
            }
        }
        if failure != 0 { throw WorkerChannelError("read failed (\(failure))") }
        if ended { throw WorkerChannelError("truncated frame") }
        return body
    }

    private enum Received { case received, ended, failed(Int32) }

    /// One `recv` into the free end of the buffer (moving what is buffered to its front first
    /// when the free end is short).
    private func receive(flags: Int32) -> Received {
        if buffered == 0 || storage.count - end < storage.count / 4 { compact() }
        guard let base = storage.baseAddress else { return .failed(EINVAL) }
        let n = recv(fd, base + end, storage.count - end, flags)
        if n > 0 {
            end += n
            return .received
        }
        return n == 0 ? .ended : .failed(errno)
    }

    /// Moves what is buffered to the front of the buffer.
    private func compact() {
        if buffered > 0, let base = storage.baseAddress { base.copyMemory(from: base + start, byteCount: buffered) }
        end = buffered
        start = 0
    }

    /// Receives until `count` bytes (at most the buffer's size) are buffered; false when the
    /// stream ended with nothing buffered.
    private func fill(atLeast count: Int) throws(WorkerChannelError) -> Bool {
        if storage.count - start < count { compact() }
        while buffered < count {
            switch receive(flags: 0) {
            case .received: continue
            case .ended:
                if buffered == 0 { return false }
                throw WorkerChannelError("truncated frame")
            case .failed(let code):
                if code == EINTR { continue }
                throw WorkerChannelError("read failed (\(code))")
            }
        }
        return true
    }
}
