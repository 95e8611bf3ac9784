// Helpers shared by the examples: each example prints what it does and checks what it got, so
// `scripts/examples.sh` (and CI) fails when an example's output is not what it documents.
import Foundation
import SecureExec
import Synchronization

private let failures = Mutex(0)

/// Prints `✓ what` when `actual == expected`, otherwise `✗ what` with both values, and remembers
/// the failure for ``finish()``.
public func expect<T: Equatable>(_ actual: T, _ expected: T, _ what: String,
                                 file: StaticString = #fileID, line: UInt = #line) {
    if actual == expected {
        print("  ✓ \(what)")
    } else {
        print("  ✗ \(what)\n      got:      \(actual)\n      expected: \(expected)\n      at \(file):\(line)")
        failures.withLock { $0 += 1 }
    }
}

/// Prints `✓ what` when `condition` holds, otherwise `✗ what` (with `detail`) and remembers it.
public func expect(_ condition: Bool, _ what: String, detail: @autoclosure () -> String = "",
                   file: StaticString = #fileID, line: UInt = #line) {
    if condition {
        print("  ✓ \(what)")
    } else {
        let extra = detail()
        print("  ✗ \(what)\(extra.isEmpty ? "" : "\n      \(extra)")\n      at \(file):\(line)")
        failures.withLock { $0 += 1 }
    }
}

/// Ends the example: exit status 0 when every check passed, 1 otherwise.
public func finish(_ name: String = CommandLine.arguments[0].split(separator: "/").last.map(String.init) ?? "example") -> Never {
    let count = failures.withLock { $0 }
    if count == 0 {
        print("\(name): all checks passed")
        exit(0)
    }
    print("\(name): \(count) check(s) FAILED")
    exit(1)
}

/// Collects what a guest writes to stdout and stderr (the `onStdio` handler is called once per
/// write, from any thread, so the text sits behind a lock).
public final class Transcript: Sendable {
    private let state = Mutex<(stdout: String, stderr: String)>(("", ""))
    private let echo: Bool

    /// With `echo`, each write is also printed, indented, so the example's output shows what the
    /// guest printed.
    public init(echo: Bool = true) { self.echo = echo }

    /// Pass this as `onStdio:`.
    public func record(_ event: StdioEvent) {
        state.withLock { text in
            switch event.channel {
            case .stdout: text.stdout += event.message
            case .stderr: text.stderr += event.message
            }
        }
        guard echo else { return }
        let prefix = event.channel == .stdout ? "    │ " : "    ! "
        for line in event.message.split(separator: "\n", omittingEmptySubsequences: false).dropLast(event.message.hasSuffix("\n") ? 1 : 0) {
            print(prefix + line)
        }
    }

    public var stdout: String { state.withLock { $0.stdout } }
    public var stderr: String { state.withLock { $0.stderr } }

    /// Forgets what was collected so far (between calls).
    public func reset() { state.withLock { $0 = ("", "") } }
}
