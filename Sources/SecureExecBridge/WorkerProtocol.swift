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

    /// Waits up to `nanoseconds` for data on `fd` without sleeping: a peer that answers within
    /// microseconds (a sync bridge call in a loop) is then read without a thread wake-up, which
    /// costs tens of microseconds on a virtual machine. Returns at once when data, end of stream
    /// or an error is there.
    public static func spin(_ fd: Int32, nanoseconds: UInt64) {
        let deadline = MonotonicClock.nanoseconds() &+ nanoseconds
        var byte: UInt8 = 0
        repeat {
            let n = recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
            if n >= 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) { return }
        } while MonotonicClock.nanoseconds() < deadline
    }

    /// Sleeps until `fd` has data (or its end, or an error). A thread that also writes on the
    /// socket must wait here, not in `recv`: a blocked `recv` on a Unix socket is woken whenever
    /// the peer consumes what this side wrote (its wait queue serves both directions), so every
    /// request a thread sends would wake the reader of the same socket for nothing — on two
    /// cores, taking the processor from the thread that waits for the answer. `poll` for
    /// `POLLIN` is woken only for input.
    public static func waitReadable(_ fd: Int32) {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while poll(&entry, 1, -1) < 0 && errno == EINTR {}
    }

    /// Reads one frame's body; nil at end of stream. Throws on a malformed or oversized frame.
    public static func read(_ fd: Int32) throws(WorkerChannelError) -> [UInt8]? {
        var header = [UInt8](repeating: 0, count: 4)
        guard try readFully(fd, &header) else { return nil }
        let length = Int(header.reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        guard length >= 1, length <= WorkerMessage.maxFrameSize else { throw WorkerChannelError("frame size \(length)") }
        var body = [UInt8](repeating: 0, count: length)
        guard try readFully(fd, &body) else { throw WorkerChannelError("truncated frame") }
        return body
    }

    private static func readFully(_ fd: Int32, _ buffer: inout [UInt8]) throws(WorkerChannelError) -> Bool {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeMutableBytes { bytes -> Int in
                guard let base = bytes.baseAddress else { return 0 }
                return recv(fd, base + offset, bytes.count - offset, 0)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw WorkerChannelError("read failed (\(errno))")
            }
            if n == 0 {
                if offset == 0 { return false }
                throw WorkerChannelError("truncated frame")
            }
            offset += n
        }
        return true
    }
}
