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

// 3b. A 1 000-module CommonJS graph (real files through HostFileSystem), first and later calls,
//     beside the host's `node` on the same files (spawned: includes its own start-up, shown apart).
do {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("secure-exec-graph-\(getpid())")
    try? FileManager.default.removeItem(at: dir)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    var index = "let total = 0;\n"
    for i in 0..<1000 {
        let body = """
            'use strict';
            const helper = require('./lib/util');
            function compute\(i)(x) { return helper.add(x, \(i)) * 2; }
            class Item\(i) { constructor() { this.value = compute\(i)(1); } get double() { return this.value * 2; } }
            module.exports = { compute\(i), Item\(i), id: \(i) };
            """
        try body.write(to: dir.appendingPathComponent("m\(i).js"), atomically: false, encoding: .utf8)
        index += "total += require('./m\(i)').id;\n"
    }
    try FileManager.default.createDirectory(at: dir.appendingPathComponent("lib"), withIntermediateDirectories: true)
    try "exports.add = (a, b) => a + b;\n".write(to: dir.appendingPathComponent("lib/util.js"), atomically: false, encoding: .utf8)
    index += "module.exports = total;\n"
    try index.write(to: dir.appendingPathComponent("index.js"), atomically: false, encoding: .utf8)
    let driver = NodeDriver(filesystem: try HostFileSystem(root: dir.path, readOnly: true), permissions: .allowAllFs)
    for (label, isolation) in [("in-process", Isolation.inProcess)] + (ProcessInfo.processInfo.environment["BENCH_WORKER"].map { [("process isolation", Isolation.process(workerPath: $0))] } ?? []) {
        let runtime = try NodeRuntime(systemDriver: driver, isolation: isolation)
        let code = "module.exports = require('/index.js')"
        var first = 0.0
        first = try await time { _ = try await runtime.run(code, filePath: "/main.js") }
        var later: [Double] = []
        for _ in 0..<10 { later.append(try await time { _ = try await runtime.run(code, filePath: "/main.js") }) }
        rows.append(("\(label): 1 000-module graph, first call", ms(first), "—"))
        let l = Stats(samples: later)
        rows.append(("\(label): 1 000-module graph, later calls", ms(l.p50), ms(l.p95)))
        await runtime.dispose()
    }
    if let node = ProcessInfo.processInfo.environment["BENCH_NODE"] {
        func spawnNode(_ args: [String]) throws -> Double {
            try awaitless {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: node)
                process.arguments = args
                process.currentDirectoryURL = dir
                try process.run()
                process.waitUntilExit()
            }
        }
        var empty: [Double] = [], graph: [Double] = []
        for _ in 0..<10 {
            empty.append(try spawnNode(["-e", "0"]))
            graph.append(try spawnNode(["index.js"]))
        }
        rows.append(("host node (spawned): `node -e 0`", ms(Stats(samples: empty).p50), ms(Stats(samples: empty).p95)))
        rows.append(("host node (spawned): 1 000-module graph", ms(Stats(samples: graph).p50), ms(Stats(samples: graph).p95)))
    }
    try? FileManager.default.removeItem(at: dir)
}

/// Times a synchronous body.
func awaitless(_ body: () throws -> Void) throws -> Double {
    let start = ContinuousClock.now
    try body()
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

// readFileSync of a 1 KB and a 1 MB file (10 000 and 1 000 per call), per call to readFileSync.
let readFileScript = """
    const fs = require('fs');
    const t0 = performance.now();
    for (let i = 0; i < 10000; i++) fs.readFileSync('/data/small.bin');
    const t1 = performance.now();
    for (let i = 0; i < 1000; i++) fs.readFileSync('/data/large.bin');
    const t2 = performance.now();
    """
@MainActor func readFileRows(_ isolation: Isolation, label: String) async throws {
    let filesystem = InMemoryFileSystem(directories: ["/tmp", "/data"])
    try filesystem.write("/data/small.bin", contents: [UInt8](repeating: 1, count: 1024))
    try filesystem.write("/data/large.bin", contents: [UInt8](repeating: 2, count: 1 << 20))
    // 1 000 MB read per call: the worker's collector lags behind that much garbage, so the
    // worker gets room for it (the default limit is 128 MiB).
    let runtime = try NodeRuntime(systemDriver: NodeDriver(filesystem: filesystem, permissions: .allowAllFs),
                                  limits: ResourceLimits(memoryMB: 1024), timingMitigation: .off, isolation: isolation)
    var small: [Double] = [], large: [Double] = []
    for _ in 0..<5 {
        let result = try await runtime.run(readFileScript + "module.exports = [(t1 - t0) / 10000, (t2 - t1) / 1000];")
        guard let a = result.exports?[0]?.doubleValue, let b = result.exports?[1]?.doubleValue else { fatalError("unexpected result: \(result)") }
        small.append(a / 1000)
        large.append(b / 1000)
    }
    let s = Stats(samples: small), l = Stats(samples: large)
    rows.append(("\(label)readFileSync 1 KB (10 000 per call)", us(s.p50), us(s.p95)))
    rows.append(("\(label)readFileSync 1 MB (1 000 per call)", us(l.p50), us(l.p95)))
    await runtime.dispose()
}

/// The same loops run by the host's `node` (`BENCH_NODE`, default `node`) on real files, when it exists.
@MainActor func nodeReadFileRows() throws {
    let node = ProcessInfo.processInfo.environment["BENCH_NODE"] ?? "node"
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("secure-exec-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir.appendingPathComponent("data"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try Data(repeating: 1, count: 1024).write(to: dir.appendingPathComponent("data/small.bin"))
    try Data(repeating: 2, count: 1 << 20).write(to: dir.appendingPathComponent("data/large.bin"))
    let script = readFileScript.replacingOccurrences(of: "'/data/", with: "'\(dir.path)/data/")
        + "console.log((t1 - t0) / 10000, (t2 - t1) / 1000);"
    var small: [Double] = [], large: [Double] = []
    for _ in 0..<5 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [node, "-e", script]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return }
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let numbers = out.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { Double($0) }
        guard process.terminationStatus == 0, numbers.count == 2 else { return }
        small.append(numbers[0] / 1000)
        large.append(numbers[1] / 1000)
    }
    let s = Stats(samples: small), l = Stats(samples: large)
    rows.append(("host `\(node)`: readFileSync 1 KB (10 000 per run)", us(s.p50), us(s.p95)))
    rows.append(("host `\(node)`: readFileSync 1 MB (1 000 per run)", us(l.p50), us(l.p95)))
}

try await readFileRows(.inProcess, label: "")
try nodeReadFileRows()

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
    try await readFileRows(isolation, label: "process isolation: ")

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
