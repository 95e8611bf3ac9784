import Dispatch

/// A timer for the library's own guarantees (wall-clock limit, memory watch, kill fallback).
///
/// It runs on Dispatch's timer machinery, not on Swift's cooperative thread pool: an embedder (or a
/// test) that blocks every cooperative thread must not be able to postpone a limit.
final class HostTimer: @unchecked Sendable {
    // @unchecked: a Dispatch source may be cancelled from any thread; nothing else is mutated.
    private let source: any DispatchSourceTimer

    /// Runs `body` once after `delay`, or every `interval` after `delay` when one is given.
    init(after delay: Duration, every interval: Duration? = nil, _ body: @escaping @Sendable () -> Void) {
        source = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .userInitiated))
        let start = DispatchTime.now() + .nanoseconds(Self.nanoseconds(delay))
        if let interval {
            source.schedule(deadline: start, repeating: .nanoseconds(Self.nanoseconds(interval)), leeway: .milliseconds(1))
        } else {
            source.schedule(deadline: start, leeway: .milliseconds(1))
        }
        source.setEventHandler(handler: body)
        source.resume()
    }

    func cancel() { source.cancel() }

    deinit { source.cancel() }

    private static func nanoseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return Int(clamping: seconds) &* 1_000_000_000 &+ Int(attoseconds / 1_000_000_000)
    }
}
