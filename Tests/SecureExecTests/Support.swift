import Foundation
import SecureExec
import Synchronization

/// Collects a call's output.
final class Output: Sendable {
    private let events = Mutex<[StdioEvent]>([])

    var handler: StdioHandler { { event in self.events.withLock { $0.append(event) } } }
    var stdout: String { events.withLock { $0.filter { $0.channel == .stdout }.map(\.message).joined() } }
    var stderr: String { events.withLock { $0.filter { $0.channel == .stderr }.map(\.message).joined() } }
    var all: [StdioEvent] { events.withLock { $0 } }
}

/// The isolation guest-visible tests run in: the default (a worker process), or in-process when
/// `SECUREEXEC_TEST_ISOLATION=in-process` (scripts/test.sh runs the suite both ways).
let testIsolation: Isolation =
    ProcessInfo.processInfo.environment["SECUREEXEC_TEST_ISOLATION"] == "in-process" ? .inProcess : .process

/// A runtime with captured output.
func makeRuntime(_ driver: NodeDriver = NodeDriver(), limits: ResourceLimits = .default,
                 timing: TimingMitigation = .freeze) throws -> (NodeRuntime, Output) {
    let output = Output()
    let runtime = try NodeRuntime(systemDriver: driver, limits: limits, timingMitigation: timing, isolation: testIsolation,
                                  onStdio: output.handler)
    return (runtime, output)
}

/// Runs `code` in a fresh runtime and returns result and stdout.
/// A guest that never finishes ends after `wallClock` (code 124) instead of hanging the suite.
func exec(_ code: String, _ driver: NodeDriver = NodeDriver(), limits: ResourceLimits = .default,
          timing: TimingMitigation = .freeze, wallClock: Duration? = nil) async throws -> (ExecResult, Output) {
    let (runtime, output) = try makeRuntime(driver, limits: limits, timing: timing)
    let result = try await runtime.exec(code, options: ExecOptions(wallClock: wallClock ?? limits.wallClock ?? .seconds(120)))
    await runtime.dispose()
    return (result, output)
}

/// The repository's root (tests read fixtures from it).
let repositoryRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Runs blocking work (waiting for a process) on a thread of its own: never on Swift's global
/// executor or `DispatchQueue.global()`, whose shared pool is about as wide as the machine has
/// cores (the runtimes' bridge requests and timers run there).
func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}
