import Foundation
import SecureExec

// SecureExec side by side with its peers on this machine; writes a Markdown report. Run it
// through `scripts/bench.sh`, which installs the peers and passes them in the environment
// (see Peers.swift). Nothing here is asserted: benchmarks never gate tests or CI.
//   --output FILE    the full report (default: standard output)
//   --summary FILE   the summary table alone (the README's copy)
//   BENCH_ONLY=a,b   only these measures: cold, warm, memory, bridge, readfile, cpu, modules,
//                    graph, nodeapi, fetch, server, host, errors

func log(_ message: String) { FileHandle.standardError.write(Data((message + "\n").utf8)) }

/// Runs a peer's part; a peer that fails is left out of the report, not the whole run.
@MainActor func attempt(_ what: String, _ body: () async throws -> Void) async {
    do { try await body() } catch { log("skipped \(what): \(error)") }
}

@MainActor func option(_ name: String) -> String? {
    let arguments = CommandLine.arguments
    return arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}

let only = ProcessInfo.processInfo.environment["BENCH_ONLY"].map { Set($0.split(separator: ",").map(String.init)) }
@MainActor func enabled(_ key: String) -> Bool { only?.contains(key) ?? true }

let loadAtStart = loadAverage()
let peers = Peers.fromEnvironment()
let ours: [Contestant] = [.inProcess, .process]
@MainActor func isolation(_ contestant: Contestant) -> Isolation { contestant == .inProcess ? .inProcess : .process }

// Inputs and the loopback server (run by Node, the same for every contestant).
let server = try RunningProcess(peers.node ?? "/usr/bin/node", ["-e", """
    require('http').createServer((req, res) => res.end('ok'))
      .listen(0, '127.0.0.1', function () { console.log(this.address().port); });
    """])
guard let portLine = server.readLine(), let port = Int(portLine) else { throw BenchError("the loopback server did not start") }
let fixtures = try Fixtures.create(serverURL: "http://127.0.0.1:\(port)/")

/// A runtime that may read the fixtures, load Debian's packages and reach the loopback server.
/// `graph`: Node modules from the synthetic graph instead of Debian's packages.
@MainActor func makeRuntime(_ contestant: Contestant, graph: Bool = false) throws -> NodeRuntime {
    let driver = NodeDriver(filesystem: try HostFileSystem(root: fixtures.directory.path, readOnly: true),
                            network: DefaultNetworkAdapter(loopbackExemptPorts: [port]),
                            permissions: Permissions(fs: .allow, network: .allow),
                            moduleAccess: ModuleAccess(nodeModules: graph ? fixtures.graphModules.path : Fixtures.nodeModules))
    return try NodeRuntime(systemDriver: driver, limits: ResourceLimits(memoryMB: 1024), timingMitigation: .off,
                           isolation: isolation(contestant))
}

/// A default runtime created, run once with a trivial script and disposed.
@MainActor func trivialRun(_ contestant: Contestant) async throws {
    let runtime = try NodeRuntime(isolation: isolation(contestant))
    let result = try await runtime.run("module.exports = 1")
    guard result.exports == 1 else { throw BenchError("unexpected result: \(result)") }
    await runtime.dispose()
}

// mini-racer measures itself inside its own process, first, so nothing else runs beside it.
var miniRacer: MiniRacerResults?
if let python = peers.python, let driver = peers.miniRacerDriver {
    await attempt("mini-racer") {
        log("mini-racer …")
        let config: [String: Any] = [
            "cold": 30, "warm": 300, "memory": [1, 10, 100],
            "markdown": ["input": fixtures.directory.appendingPathComponent("big.md").path, "renders": 10],
            "lodash": ["path": "\(Fixtures.nodeModules)/lodash/lodash.js", "runs": 10],
        ]
        let json = String(decoding: try JSONSerialization.data(withJSONObject: config), as: UTF8.self)
        let output = try runProgram(python, [driver, json])
        miniRacer = try JSONDecoder().decode(MiniRacerResults.self, from: Data((output.split(separator: "\n").last ?? "").utf8))
    }
}
@MainActor func milliseconds(_ values: [Double]?) -> Stats? { values.flatMap { $0.isEmpty ? nil : Stats($0.map { $0 / 1000 }) } }

var measures: [Measure] = []

// Cold start: create a runtime and complete a trivial run; peers start a process per execution.
var spawnStart: [Contestant: Stats] = [:]
if enabled("cold") || enabled("warm") {
    log("cold start …")
    var cold = Measure(key: "cold", title: "Runtime cold start",
                       description: "Create a runtime and complete `run(\"module.exports = 1\")`; the peers spawned per execution run `node -e 0` / `deno eval 0` to exit; mini-racer creates an isolate and evaluates `1`.")
    cold.add(.inProcess, "back to back", try await measure(200, warmup: 10) { try await trivialRun(.inProcess) })
    cold.add(.inProcess, "20 ms apart (pool warm)", try await measure(100, warmup: 3, pause: .milliseconds(20)) { try await trivialRun(.inProcess) })
    cold.add(.process, "back to back", try await measure(50, warmup: 3) { try await trivialRun(.process) })
    cold.add(.process, "150 ms apart (pool warm)", try await measure(30, pause: .milliseconds(150)) { try await trivialRun(.process) })
    for (peer, path) in peers.spawned {
        await attempt(peer.rawValue) {
            let stats = try await measure(30, warmup: 2) {
                try runProgram(path, peers.inlineArguments(peer, code: "0"), environment: peers.environment(peer))
            }
            spawnStart[peer] = stats
            cold.add(peer, stats)
        }
    }
    if let stats = milliseconds(miniRacer?.cold) { cold.add(.miniRacer, stats) }
    measures.append(cold)
}

// Warm call: a further trivial run on a live runtime.
if enabled("warm") {
    log("warm call …")
    var warm = Measure(key: "warm", title: "Warm call",
                       description: "A further `run(\"module.exports = 1\")` on a live runtime, back to back (each call gets a fresh context). Spawned peers have no live runtime: every call is a new process (their cold start).")
    for contestant in ours {
        let runtime = try NodeRuntime(isolation: isolation(contestant))
        warm.add(contestant, "back to back", try await measure(500, warmup: 20) { _ = try await runtime.run("module.exports = 1") })
        // Between calls a runtime bootstraps its next context; a call that finds it ready only runs.
        warm.add(contestant, "5 ms apart (next context ready)", try await measure(300, warmup: 5, pause: .milliseconds(5)) { _ = try await runtime.run("module.exports = 1") })
        await runtime.dispose()
    }
    for (peer, stats) in spawnStart.sorted(by: { $0.key.rawValue > $1.key.rawValue }) {
        warm.add(peer, stats, note: "a new process per call")
    }
    if let stats = milliseconds(miniRacer?.warm) { warm.add(.miniRacer, stats, note: "`eval(\"1\")` in the same context") }
    measures.append(warm)
}

// Memory per live runtime.
if enabled("memory") {
    log("memory …")
    var memory = Measure(key: "memory", title: "Memory per live runtime", description: """
        Proportional set size (PSS) per live runtime that has completed one trivial call. Process \
        isolation and spawned peers: mean PSS of the live processes (SecureExec's pool spare \
        included). In-process and mini-racer: growth of the host process's anonymous PSS divided \
        by the number of runtimes.
        """, unit: .bytes)
    let available = ((try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? "")
        .split(separator: "\n").first { $0.hasPrefix("MemAvailable") }
        .flatMap { Double($0.split(separator: " ").dropFirst().first ?? "") }.map { $0 * 1024 } ?? 0
    try await trivialRun(.inProcess)
    for count in [1, 10, 100] {
        let variant = count == 1 ? "1 runtime" : "\(count) runtimes"
        for contestant in ours {
            let before = proportionalSetSize(getpid(), field: "Pss_Anon:")
            var live: [NodeRuntime] = []
            for _ in 0..<count {
                let runtime = try NodeRuntime(isolation: isolation(contestant))
                _ = try await runtime.run("module.exports = 1")
                live.append(runtime)
            }
            try await Task.sleep(for: .milliseconds(300))
            if contestant == .inProcess {
                let growth = proportionalSetSize(getpid(), field: "Pss_Anon:") - before
                memory.add(contestant, variant, Stats([growth / Double(count)]))
            } else {
                let workers = childProcesses(named: "secure-exec-worker")
                let total = workers.map { proportionalSetSize($0) }.reduce(0, +)
                memory.add(contestant, variant, Stats([total / Double(max(1, workers.count))]), note: "\(workers.count) workers")
            }
            for runtime in live { await runtime.dispose() }
        }
        for (peer, path) in peers.spawned {
            // 100 idle Node or Deno processes take a few GB; skip when the machine lacks room.
            guard Double(count) * 100e6 < available / 2 else { log("skipped \(peer.rawValue) × \(count): low memory"); continue }
            await attempt("\(peer.rawValue) memory") {
                var processes: [RunningProcess] = []
                defer { for process in processes { process.stop() } }
                for _ in 0..<count {
                    let process = try RunningProcess(path, peers.inlineArguments(peer, code: "console.log('ready'); setInterval(() => {}, 1 << 30)"),
                                                     environment: peers.environment(peer))
                    processes.append(process)
                    guard process.readLine() == "ready" else { throw BenchError("\(peer.rawValue) did not start") }
                }
                try await Task.sleep(for: .milliseconds(300))
                let total = processes.map { proportionalSetSize($0.pid) }.reduce(0, +)
                memory.add(peer, variant, Stats([total / Double(count)]))
            }
        }
        if let bytes = miniRacer?.memory[String(count)] { memory.add(.miniRacer, variant, Stats([bytes])) }
    }
    measures.append(memory)
}

// The workloads every contestant with Node's API runs unchanged.
for workload in workloads where enabled(workload.key) {
    log("\(workload.key) …")
    var measure = Measure(key: workload.key, title: workload.title, description: workload.description)
    for contestant in ours {
        let runtime = try makeRuntime(contestant, graph: workload.usesGraph)
        let code = fixtures.prelude(for: contestant) + workload.script
        for (variant, stats) in try await workload.samples({ try await runGuest(runtime, code) }) {
            measure.add(contestant, variant, stats)
        }
        await runtime.dispose()
    }
    for (peer, path) in peers.spawned {
        await attempt("\(peer.rawValue) \(workload.key)") {
            let file = fixtures.directory.appendingPathComponent("\(workload.key).cjs")
            try (fixtures.prelude(for: peer) + workload.script).write(to: file, atomically: false, encoding: .utf8)
            let arguments = peers.scriptArguments(peer, file: file.path)
            for (variant, stats) in try await workload.samples({
                try runProgram(path, arguments, environment: peers.environment(peer), directory: fixtures.directory)
            }) {
                measure.add(peer, variant, stats)
            }
        }
    }
    if workload.key == "cpu", let stats = milliseconds(miniRacer?.markdown) {
        measure.add(.miniRacer, stats, note: "markdown-it's files bundled by the driver (no `require` in mini-racer)")
    }
    if workload.key == "modules", let stats = milliseconds(miniRacer?.lodash) {
        measure.add(.miniRacer, "lodash", stats, note: "`lodash.js` evaluated in a fresh isolate (no module loader)")
    }
    measures.append(measure)
}

// An HTTP server under load: the same `http.createServer` script in every contestant, driven by
// `wrk` from the host through a real loopback port (SecureExec: the sandbox server's host port).
if enabled("server"), let wrk = ["/usr/bin/wrk", "/usr/local/bin/wrk"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
    log("server under load …")
    var serve = Measure(key: "server", title: "HTTP server under load", description: """
        `http.createServer((req, res) => res.end('ok'))` on 127.0.0.1 answering `wrk -t2 -c32 -d5s` \
        from the host, shown as time per request (1 / requests per second; lower is better). The \
        sandbox's server is reached through its real loopback port (`runtime.network.servers`).
        """)
    let script = "require('http').createServer((req, res) => res.end('ok')).listen(0, '127.0.0.1', function () { console.log(this.address().port); });"
    /// Requests per second `wrk` reached, as seconds per request.
    func drive(_ port: Int) throws -> Stats {
        let output = try runProgram(wrk, ["-t2", "-c32", "-d5s", "http://127.0.0.1:\(port)/"])
        guard let line = output.split(separator: "\n").first(where: { $0.hasPrefix("Requests/sec:") }),
              let rate = Double(line.dropFirst("Requests/sec:".count).trimmingCharacters(in: .whitespaces)), rate > 0 else {
            throw BenchError("no rate in wrk's output: \(output)")
        }
        return Stats([1 / rate])
    }
    for contestant in ours {
        await attempt("\(contestant) server") {
            let runtime = try makeRuntime(contestant)
            let call = Task { try await runtime.exec(script) }
            var hostPort: Int?
            for _ in 0..<500 where hostPort == nil {
                hostPort = runtime.network.servers.first?.hostPort
                if hostPort == nil { try await Task.sleep(for: .milliseconds(10)) }
            }
            guard let hostPort else { throw BenchError("the sandbox server did not start") }
            serve.add(contestant, try drive(hostPort))
            runtime.terminate()
            _ = try? await call.value
            await runtime.dispose()
        }
    }
    for (peer, path) in peers.spawned {
        await attempt("\(peer.rawValue) server") {
            let process = try RunningProcess(path, peers.inlineArguments(peer, code: script), environment: peers.environment(peer))
            defer { process.stop() }
            guard let line = process.readLine(), let port = Int(line) else { throw BenchError("\(peer.rawValue) server did not start") }
            serve.add(peer, try drive(port))
        }
    }
    measures.append(serve)
}

// SecureExec only: host functions and errors (no peer has either in the same form).
if enabled("host") {
    log("host functions …")
    var host = Measure(key: "host", title: "Host function call (SecureExec only)",
                       description: "A trivial Swift function `n + 1` installed with `hostFunctions`, per call, 10 000 calls per execution.")
    let n = 10_000
    let scripts = [
        ("sync", "let x = 0; for (let i = 0; i < \(n); i++) x = bench.addSync(x); if (x !== \(n)) throw new Error('bad')"),
        ("async, awaited one by one", "(async () => { let x = 0; for (let i = 0; i < \(n); i++) x = await bench.add(x); if (x !== \(n)) throw new Error('bad') })()"),
        ("async, 200 in flight", "(async () => { for (let i = 0; i < \(n / 200); i++) await Promise.all(Array.from({ length: 200 }, (_, j) => bench.add(j))) })()"),
    ]
    for contestant in ours {
        let runtime = try NodeRuntime(isolation: isolation(contestant), hostFunctions: [
            "bench": ["addSync": .sync { (n: Int) in n + 1 }, "add": HostFunction { (n: Int) in n + 1 }],
        ])
        for (variant, script) in scripts {
            let stats = try await measure(5, warmup: 1) {
                let result = try await runtime.exec(script)
                guard result.code == 0 else { throw BenchError("host function benchmark failed: \(result)") }
            }
            host.add(contestant, variant, stats.perOperation(n))
        }
        await runtime.dispose()
    }
    measures.append(host)
}

if enabled("errors") {
    log("errors …")
    var errors = Measure(key: "errors", title: "Errors (SecureExec only)",
                         description: "Per operation, 20 000 in one call: every `new Error` gets a lazy V8-format stack and caught engine errors are reworded to V8's wording.")
    let n = 20_000
    for contestant in ours {
        let runtime = try NodeRuntime(isolation: isolation(contestant))
        for (variant, body) in [("new Error('x')", "new Error('x')"), ("new Error('x').stack", "new Error('x').stack"),
                                ("catch null.x, read message", "try { null.x } catch (e) { e.message }")] {
            let stats = try await measure(5, warmup: 1) { _ = try await runtime.exec("for (let i = 0; i < \(n); i++) { \(body) }") }
            errors.add(contestant, variant, stats.perOperation(n))
        }
        await runtime.dispose()
    }
    measures.append(errors)
}

server.stop()
try? FileManager.default.removeItem(at: fixtures.directory)

let report = Report(machine: machineDescription(peers: peers, miniRacer: miniRacer, loadAtStart: loadAtStart),
                    measures: measures,
                    summaryVariants: ["cold": "back to back", "memory": "10 runtimes", "readfile": "1 KB",
                                      "modules": "markdown-it", "graph": "later calls", "host": "sync", "errors": "new Error('x')",
                                      "nodeapi": "sha256 1 KB"])
if let path = option("--output") {
    try report.markdown.write(toFile: path, atomically: true, encoding: .utf8)
} else {
    print(report.markdown)
}
if let path = option("--summary") { try report.summaryWithMachine.write(toFile: path, atomically: true, encoding: .utf8) }
log("done")
