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
    rows.append(("warm call: run(\"module.exports = 1\"), back to back", ms(s.p50), ms(s.p95)))
    // With the engine idle between calls, the next call's fresh context is already bootstrapped.
    var idle: [Double] = []
    for _ in 0..<max(20, iterations / 10) {
        try await Task.sleep(for: .milliseconds(5))
        idle.append(try await time { _ = try await runtime.run("module.exports = 1") })
    }
    let i = Stats(samples: idle)
    rows.append(("warm call: run(\"module.exports = 1\"), 5 ms apart", ms(i.p50), ms(i.p95)))
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

// 3b. Errors: every `new Error` gets a lazy V8 stack, every caught engine error is reworded
// (internal/error_stacks). Per operation, 100 000 in one call, in-process.
do {
    let runtime = try NodeRuntime(systemDriver: NodeDriver(), isolation: .inProcess)
    let n = 100_000
    for (label, body) in [
        ("new Error('x')", "new Error('x')"),
        ("new Error('x').stack (V8 format)", "new Error('x').stack"),
        ("catch an engine error (null.x) and read its message", "try { null.x } catch (e) { e.message }"),
    ] {
        var samples: [Double] = []
        for _ in 0..<5 {
            let total = try await time {
                _ = try await runtime.exec("for (let i = 0; i < \(n); i++) { \(body) }")
            }
            samples.append(total / Double(n))
        }
        let s = Stats(samples: samples)
        rows.append(("errors: \(label), per op", us(s.p50), us(s.p95)))
    }
    await runtime.dispose()
}

// 4. Process isolation, when a worker binary is given (`BENCH_WORKER=path`; build it with
//    `swift build -c release --product secure-exec-worker` in the root package).
if let worker = ProcessInfo.processInfo.environment["BENCH_WORKER"] {
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
    rows.append(("process isolation: create runtime + run, back to back", ms(c.p50), ms(c.p95)))
    // With a pause between runtimes, the pool has a started, warmed worker ready for each.
    var pooled: [Double] = []
    for _ in 0..<max(20, iterations / 20) {
        try await Task.sleep(for: .milliseconds(150))
        pooled.append(try await time {
            let runtime = try NodeRuntime(isolation: isolation)
            let result = try await runtime.run("module.exports = 1")
            guard result.exports == 1 else { fatalError("unexpected result: \(result)") }
            await runtime.dispose()
        })
    }
    let p = Stats(samples: pooled)
    rows.append(("process isolation: create runtime + run, pool warm", ms(p.p50), ms(p.p95)))
    let runtime = try NodeRuntime(isolation: isolation)
    for _ in 0..<20 { _ = try await runtime.run("module.exports = 1") }
    var warm: [Double] = []
    for _ in 0..<iterations { warm.append(try await time { _ = try await runtime.run("module.exports = 1") }) }
    let w = Stats(samples: warm)
    rows.append(("process isolation: warm call, back to back", ms(w.p50), ms(w.p95)))
    var spaced: [Double] = []
    for _ in 0..<max(20, iterations / 10) {
        try await Task.sleep(for: .milliseconds(5))
        spaced.append(try await time { _ = try await runtime.run("module.exports = 1") })
    }
    let sp = Stats(samples: spaced)
    rows.append(("process isolation: warm call, 5 ms apart", ms(sp.p50), ms(sp.p95)))
    await runtime.dispose()
    let fsRuntime = try NodeRuntime(systemDriver: NodeDriver(permissions: .allowAllFs), isolation: isolation)
    let n = 10_000
    let total = try await time { _ = try await fsRuntime.exec("const fs = require('fs'); for (let i = 0; i < \(n); i++) fs.existsSync('/tmp')") }
    rows.append(("process isolation: bridge round trip", us(total / Double(n)), "—"))
    await fsRuntime.dispose()

    // Memory per live runtime: PSS of every worker (each has run one call), summed, divided by N.
    for count in [1, 10, 100] {
        var live: [NodeRuntime] = []
        for _ in 0..<count {
            let runtime = try NodeRuntime(isolation: isolation)
            _ = try await runtime.run("module.exports = 1")
            live.append(runtime)
        }
        try await Task.sleep(for: .milliseconds(300))  // let the pool's spare start, then exclude it
        let workers = childWorkers()
        let total = workers.map(proportionalSetSize).reduce(0, +)
        let perRuntime = Double(total) / Double(max(1, workers.count))
        rows.append(("process isolation: memory per live runtime (PSS, \(count) runtimes, \(workers.count) workers)",
                     String(format: "%.1f MB", perRuntime / 1_048_576), "—"))
        for runtime in live { await runtime.dispose() }
    }
}

/// Process ids of this process's `secure-exec-worker` children.
func childWorkers() -> [Int32] {
    let me = getpid()
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { Int32($0) }.filter { pid in
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let name = stat[stat.index(after: stat.firstIndex(of: "(") ?? stat.startIndex)..<close]
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return name.hasPrefix("secure-exec-wor") && fields.count > 1 && Int32(fields[1]) == me
    }
}

/// A process's proportional set size in bytes (`/proc/PID/smaps_rollup`).
func proportionalSetSize(_ pid: Int32) -> Int {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/smaps_rollup", encoding: .utf8) else { return 0 }
    for line in text.split(separator: "\n") where line.hasPrefix("Pss:") {
        let kb = line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return kb * 1024
    }
    return 0
}

let machine = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
    .split(separator: "\n").first { $0.hasPrefix("model name") }?
    .split(separator: ":").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown CPU"
print("Machine: \(machine), \(ProcessInfo.processInfo.activeProcessorCount) cores; \(iterations) iterations\n")
print("| Benchmark | p50 | p95 |")
print("|---|---|---|")
for (name, p50, p95) in rows { print("| \(name) | \(p50) | \(p95) |") }
