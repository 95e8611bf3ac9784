#if canImport(Glibc)
import Glibc
#endif
import Foundation
@testable import SecureExecBridge
import Testing

@Suite("Worker frames")
struct WorkerProtocolTests {
    func roundTrip(_ message: WorkerMessage) throws -> WorkerMessage {
        let frame = message.encoded()
        return try WorkerMessage.decode(Array(frame.dropFirst(4)))
    }

    @Test func messagesRoundTrip() throws {
        let execution = GuestExecution(kind: .run, code: "module.exports = 1", filePath: "/a.js", config: ["cwd": "/root"],
                                       cpuTimeLimitNanoseconds: 5, maxOutputBytes: 6, maxJSONPayload: 7, maxBinaryPayload: 8,
                                       maxTimers: 9)
        guard case .execute(let e) = try roundTrip(.execute(execution)) else { Issue.record("not execute"); return }
        #expect(e.code == execution.code && e.config == execution.config && e.maxTimers == 9 && e.kind == .run)
        let request = BridgeRequest(id: 42, mode: .async, operation: "fs.readFile", json: Array("{}".utf8), binary: [1, 2])
        guard case .request(let r) = try roundTrip(.request(request)) else { Issue.record("not request"); return }
        #expect(r.id == 42 && r.mode == .async && r.operation == "fs.readFile" && r.binary == [1, 2])
        let outcome = GuestOutcome(reason: .uncaught, code: 1, errorMessage: "Error: x", exportsJSON: nil)
        guard case .outcome(let o) = try roundTrip(.outcome(outcome)) else { Issue.record("not outcome"); return }
        #expect(o.reason == .uncaught && o.code == 1 && o.errorMessage == "Error: x" && o.exportsJSON == nil)
    }

    @Test(arguments: [[UInt8](), [99], [6, 1, 0], [3, 0, 0, 0, 0, 9], [5, 1, 0xFF]])
    func malformedFramesAreRejected(body: [UInt8]) {
        #expect(throws: WorkerChannelError.self) { try WorkerMessage.decode(body) }
    }

    @Test func oversizedFramesCloseTheChannel() throws {
        var fds: [Int32] = [0, 0]
        #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        let header: [UInt8] = [0xFF, 0xFF, 0xFF, 0x7F]
        #expect(FrameIO.write(fds[1], header))
        #expect(throws: WorkerChannelError.self) { _ = try FrameReceiver(fds[0]).read() }
    }

    /// Frames arrive however the stream cuts them: several in one receive, one split across
    /// writes, one larger than the reader's buffer; the end between frames is nil, inside one an
    /// error.
    @Test func framesAreReadWhateverTheStreamCutsThem() throws {
        var fds: [Int32] = [0, 0]
        #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &fds) == 0)
        defer { close(fds[0]) }
        let small = (1...3).map { WorkerMessage.event(kind: "k\($0)", json: Array("{}".utf8), binary: nil).encoded() }
        let large = WorkerMessage.event(kind: "big", json: Array("[]".utf8), binary: (0..<5000).map { UInt8($0 % 251) }).encoded()
        let split = WorkerMessage.event(kind: "split", json: Array("{}".utf8), binary: [9, 8, 7]).encoded()
        #expect(FrameIO.write(fds[1], small.flatMap { $0 } + large + split.prefix(7)))
        let reader = FrameReceiver(fds[0], capacity: 1024)
        reader.spin(nanoseconds: 1_000_000)
        for (index, frame) in small.enumerated() {
            guard case .event(let kind, _, _)? = try reader.read().map(WorkerMessage.decode) else { Issue.record("frame \(index)"); return }
            #expect(kind == "k\(index + 1)")
        }
        guard case .event("big", _, let bytes)? = try reader.read().map(WorkerMessage.decode) else { Issue.record("large frame"); return }
        #expect(bytes == (0..<5000).map { UInt8($0 % 251) })
        // The rest of the split frame comes later, from another thread.
        let writer = fds[1]
        let rest = Array(split.dropFirst(7))
        let thread = Thread { usleep(20_000); _ = FrameIO.write(writer, rest) }
        thread.start()
        guard case .event("split", _, [9, 8, 7])? = try reader.read().map(WorkerMessage.decode) else { Issue.record("split frame"); return }
        // A truncated frame, then the end.
        #expect(FrameIO.write(fds[1], Array(small[0].prefix(6))))
        close(fds[1])
        #expect(throws: WorkerChannelError.self) { _ = try reader.read() }

        var more: [Int32] = [0, 0]
        #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &more) == 0)
        defer { close(more[0]) }
        #expect(FrameIO.write(more[1], small[0]))
        close(more[1])
        let ended = FrameReceiver(more[0])
        #expect(try ended.read() != nil)
        #expect(try ended.read() == nil)
    }
}
