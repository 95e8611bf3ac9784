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
func exec(_ code: String, _ driver: NodeDriver = NodeDriver(), limits: ResourceLimits = .default,
          timing: TimingMitigation = .freeze) async throws -> (ExecResult, Output) {
    let (runtime, output) = try makeRuntime(driver, limits: limits, timing: timing)
    let result = try await runtime.exec(code)
    await runtime.dispose()
    return (result, output)
}

/// The repository's root (tests read fixtures from it).
let repositoryRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
