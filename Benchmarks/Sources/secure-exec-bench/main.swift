import Foundation
import SecureExec

// Prints a Markdown table of SecureExec's timings on this machine. Each row is a p50/p95 over
// many repetitions; nothing here is asserted (benchmarks never gate tests).

struct Stats {
    var samples: [Double]  // seconds
    func percentile(_ p: Double) -> Double {
        let sorted = samples.sorted()
        let index = min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))
        return sorted[index]
    }
    var p50: Double { percentile(0.5) }
    var p95: Double { percentile(0.95) }
}

func time(_ body: () async throws -> Void) async rethrows -> Double {
    let start = ContinuousClock.now
    try await body()
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

func ms(_ s: Double) -> String { String(format: "%.3f ms", s * 1000) }
func us(_ s: Double) -> String { String(format: "%.1f µs", s * 1e6) }

let iterations = Int(ProcessInfo.processInfo.environment["BENCH_ITERATIONS"] ?? "") ?? 1000
var rows: [(String, String, String)] = []

// 1. Create a runtime and complete run("module.exports = 1").
do {
    var samples: [Double] = []
    for _ in 0..<20 { _ = try await NodeRuntime(isolation: .inProcess).run("module.exports = 1") }  // warm up
    for _ in 0..<iterations {
        samples.append(try await time {
            let runtime = try NodeRuntime(isolation: .inProcess)
            let result = try await runtime.run("module.exports = 1")
            guard result.exports == 1 else { fatalError("unexpected result: \(result)") }
            await runtime.dispose()
        })
    }
    let s = Stats(samples: samples)
    rows.append(("create runtime + run(\"module.exports = 1\")", ms(s.p50), ms(s.p95)))
}

// 2. A further call on the same runtime.
do {
    let runtime = try NodeRuntime(isolation: .inProcess)
    var samples: [Double] = []
    for _ in 0..<20 { _ = try await runtime.run("module.exports = 1") }
    for _ in 0..<iterations {
        samples.append(try await time { _ = try await runtime.run("module.exports = 1") })
    }
    let s = Stats(samples: samples)
    rows.append(("warm call: run(\"module.exports = 1\")", ms(s.p50), ms(s.p95)))
    await runtime.dispose()
}

// 3. Bridge round trip: 10 000 fs.existsSync calls in one call.
do {
    let runtime = try NodeRuntime(systemDriver: NodeDriver(permissions: .allowAllFs), isolation: .inProcess)
    var samples: [Double] = []
    let n = 10_000
    for _ in 0..<5 {
        let total = try await time {
            _ = try await runtime.exec("const fs = require('fs'); for (let i = 0; i < \(n); i++) fs.existsSync('/tmp')")
        }
        samples.append(total / Double(n))
    }
    let s = Stats(samples: samples)
    rows.append(("bridge round trip (fs.existsSync, in-process)", us(s.p50), us(s.p95)))
    await runtime.dispose()
}

let machine = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
    .split(separator: "\n").first { $0.hasPrefix("model name") }?
    .split(separator: ":").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown CPU"
print("Machine: \(machine), \(ProcessInfo.processInfo.activeProcessorCount) cores; \(iterations) iterations; isolation: in-process\n")
print("| Benchmark | p50 | p95 |")
print("|---|---|---|")
for (name, p50, p95) in rows { print("| \(name) | \(p50) | \(p95) |") }
