import Foundation

/// Samples of one measurement, in base units (seconds or bytes), with nearest-rank percentiles.
struct Stats: Sendable {
    var samples: [Double]

    init(_ samples: [Double]) {
        precondition(!samples.isEmpty, "a measurement needs at least one sample")
        self.samples = samples
    }

    func percentile(_ p: Double) -> Double {
        let sorted = samples.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }

    var p50: Double { percentile(0.5) }
    var p95: Double { percentile(0.95) }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// The one timing helper: runs `body` `warmup` times untimed, then `iterations` times timed
/// (sleeping `pause` before each timed run when given), and returns the wall-clock samples.
@MainActor
func measure(_ iterations: Int, warmup: Int = 0, pause: Duration? = nil,
             _ body: () async throws -> Void) async throws -> Stats {
    for _ in 0..<warmup { try await body() }
    var samples: [Double] = []
    samples.reserveCapacity(iterations)
    for _ in 0..<iterations {
        if let pause { try await Task.sleep(for: pause) }
        let start = ContinuousClock.now
        try await body()
        samples.append((ContinuousClock.now - start).seconds)
    }
    return Stats(samples)
}

extension Stats {
    /// Each sample divided by `count`: the time of one operation when a sample timed `count`.
    func perOperation(_ count: Int) -> Stats { Stats(samples.map { $0 / Double(count) }) }
}
