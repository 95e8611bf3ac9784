#if canImport(Glibc)
import Glibc
#endif
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
        #expect(throws: WorkerChannelError.self) { _ = try FrameIO.read(fds[0]) }
    }
}
