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
/// `BENCH_ONLY=host`: only the host function rows.
let onlyHostFunctions = ProcessInfo.processInfo.environment["BENCH_ONLY"] == "host"

// 1. Create a runtime and complete run("module.exports = 1").
if !onlyHostFunctions {
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
if !onlyHostFunctions {
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
if !onlyHostFunctions {
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

// 4. Process isolation, when a worker binary is given (`BENCH_WORKER=path`; build it with
//    `swift build -c release --product secure-exec-worker` in the root package).
if !onlyHostFunctions, let worker = ProcessInfo.processInfo.environment["BENCH_WORKER"] {
    let isolation = Isolation.process(workerPath: worker)
    var create: [Double] = []
    for _ in 0..<max(20, iterations / 10) {
        create.append(try await time {
            let runtime = try NodeRuntime(isolation: isolation)
            let result = try await runtime.run("module.exports = 1")
            guard result.exports == 1 else { fatalError("unexpected result: \(result)") }
            await runtime.dispose()
        })
    }
    let c = Stats(samples: create)
    rows.append(("process isolation: create runtime + run", ms(c.p50), ms(c.p95)))
    let runtime = try NodeRuntime(isolation: isolation)
    for _ in 0..<20 { _ = try await runtime.run("module.exports = 1") }
    var warm: [Double] = []
    for _ in 0..<iterations { warm.append(try await time { _ = try await runtime.run("module.exports = 1") }) }
    let w = Stats(samples: warm)
    rows.append(("process isolation: warm call", ms(w.p50), ms(w.p95)))
    await runtime.dispose()
    let fsRuntime = try NodeRuntime(systemDriver: NodeDriver(permissions: .allowAllFs), isolation: isolation)
    let n = 10_000
    let total = try await time { _ = try await fsRuntime.exec("const fs = require('fs'); for (let i = 0; i < \(n); i++) fs.existsSync('/tmp')") }
    rows.append(("process isolation: bridge round trip", us(total / Double(n)), "—"))
    await fsRuntime.dispose()
}

// 5. Host functions: calls per second of a trivial function, sync and async, in each isolation
//    mode available (`BENCH_ONLY=host` runs only these rows).
func hostFunctionRows(_ isolation: Isolation, _ label: String) async throws -> [(String, String, String)] {
    var rows: [(String, String, String)] = []
    let runtime = try NodeRuntime(isolation: isolation, hostFunctions: [
        "bench": [
            "addSync": .sync { (n: Int) in n + 1 },
            "add": HostFunction { (n: Int) in n + 1 },
        ],
    ])
    let n = 10_000
    let scripts = [
        ("sync", "let x = 0; for (let i = 0; i < \(n); i++) x = bench.addSync(x); if (x !== \(n)) throw new Error('bad')"),
        ("async, awaited one by one", "let x = 0; for (let i = 0; i < \(n); i++) x = await bench.add(x); if (x !== \(n)) throw new Error('bad')"),
        ("async, 200 in flight", """
            for (let i = 0; i < \(n / 200); i++) await Promise.all(Array.from({ length: 200 }, (_, j) => bench.add(j)));
            """),
    ]
    for (kind, script) in scripts {
        _ = try await runtime.exec(script)  // warm up
        var samples: [Double] = []
        for _ in 0..<3 {
            let seconds = try await time {
                let result = try await runtime.exec(script)
                guard result.code == 0 else { fatalError("host function benchmark failed: \(result)") }
            }
            samples.append(Double(n) / seconds)
        }
        let s = Stats(samples: samples)
        rows.append(("\(label): host function calls/s (\(kind))", String(format: "%.0f", s.p50), "—"))
    }
    await runtime.dispose()
    return rows
}
rows += try await hostFunctionRows(.inProcess, "in-process")
if let worker = ProcessInfo.processInfo.environment["BENCH_WORKER"] {
    rows += try await hostFunctionRows(.process(workerPath: worker), "process isolation")
}

let machine = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
    .split(separator: "\n").first { $0.hasPrefix("model name") }?
    .split(separator: ":").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown CPU"
print("Machine: \(machine), \(ProcessInfo.processInfo.activeProcessorCount) cores; \(iterations) iterations\n")
print("| Benchmark | p50 | p95 |")
print("|---|---|---|")
for (name, p50, p95) in rows { print("| \(name) | \(p50) | \(p95) |") }
