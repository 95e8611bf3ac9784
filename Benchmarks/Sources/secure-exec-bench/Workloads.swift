import Foundation
import SecureExec
import Synchronization

/// A script that every contestant with Node's API runs unchanged: SecureExec in both modes (one
/// `exec` per execution) and the spawned peers (one process per execution). It prints one JSON
/// line, `{"case": [milliseconds per operation, …]}`; timing inside the script leaves out what
/// differs between contestants (process start, runtime creation).
struct Workload {
    var key: String
    var title: String
    var description: String
    /// Fresh processes (peers) or calls (SecureExec) whose samples are pooled.
    var executions: Int = 1
    /// Reports the first execution apart from the later ones (SecureExec's first call on a new
    /// runtime; for spawned peers every execution is a first one).
    var firstApart = false
    /// SecureExec mounts the synthetic module graph's `node_modules` through `ModuleAccess`.
    var usesGraph = false
    var script: String
}

/// Where the workloads find their inputs.
struct Fixtures {
    /// Holds small.bin (1 KB), large.bin (1 MB) and big.md; SecureExec sees it as `/`.
    var directory: URL
    /// A loopback HTTP server answering "ok".
    var serverURL: String
    /// Debian's packages (markdown-it, lodash), mounted through ModuleAccess for SecureExec.
    static let nodeModules = "/usr/share/nodejs"

    /// Defines `BENCH` and the batch helpers (the first batch warms up and is dropped).
    func prelude(for contestant: Contestant) -> String {
        let data = contestant.isOurs ? "/" : directory.path + "/"
        let modules = contestant.isOurs ? "" : Self.nodeModules + "/"
        let graph = contestant.isOurs ? "" : graphModules.path + "/"
        return """
            const BENCH = { data: \(quoted(data)), modules: \(quoted(modules)), graph: \(quoted(graph)), url: \(quoted(serverURL)) };
            function batches(count, size, op) {
              const out = [];
              for (let b = 0; b <= count; b++) {
                const t = performance.now();
                for (let i = 0; i < size; i++) op();
                if (b > 0) out.push((performance.now() - t) / size);
              }
              return out;
            }
            async function batchesAsync(count, size, op) {
              const out = [];
              for (let b = 0; b <= count; b++) {
                const t = performance.now();
                for (let i = 0; i < size; i++) await op();
                if (b > 0) out.push((performance.now() - t) / size);
              }
              return out;
            }

            """
    }

    private func quoted(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    /// The synthetic graph's packages (a `node_modules` folder).
    var graphModules: URL { directory.appendingPathComponent("graph/node_modules") }

    /// A graph of 1 000 CommonJS modules: package `app` requires 40 packages of 25 files each
    /// (`main` in `package.json`, extension-less relative requires inside a package, and each
    /// package requiring the next one by name).
    static func writeGraph(in modules: URL) throws {
        let packages = 40, files = 25
        func write(_ text: String, _ path: String) throws {
            let url = modules.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: false, encoding: .utf8)
        }
        var app = "let total = 0;\n"
        for p in 0..<packages { app += "total += require('pkg-\(p)').sum;\n" }
        try write(app + "module.exports = total;\n", "app/index.js")
        try write(#"{ "name": "app", "version": "1.0.0" }"#, "app/package.json")
        for p in 0..<packages {
            try write(#"{ "name": "pkg-\#(p)", "version": "1.0.0", "main": "lib/main" }"#, "pkg-\(p)/package.json")
            var main = "'use strict';\nconst parts = [];\n"
            for f in 1..<files - 1 { main += "parts.push(require('./part\(f)'));\n" }
            if p + 1 < packages { main += "require('pkg-\(p + 1)');\n" }
            main += "exports.sum = parts.reduce((a, b) => a + b.value, 0) + require('../util/helper.js').value;\n"
            try write(main, "pkg-\(p)/lib/main.js")
            for f in 1..<files - 1 {
                let body = (0..<20).map { "function f\($0)(x) { return x * \($0) + \(f); }" }.joined(separator: "\n")
                try write("'use strict';\n\(body)\nmodule.exports = { value: f3(\(f)) };\n", "pkg-\(p)/lib/part\(f).js")
            }
            try write("module.exports = { value: \(p) };\n", "pkg-\(p)/util/helper.js")
        }
    }

    /// Writes the inputs: 1 KB and 1 MB binary files, a ≈ 230 KB Markdown document and the
    /// synthetic module graph.
    static func create(serverURL: String) throws -> Fixtures {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("secure-exec-bench-\(getpid())")
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(repeating: 1, count: 1024).write(to: directory.appendingPathComponent("small.bin"))
        try Data(repeating: 2, count: 1 << 20).write(to: directory.appendingPathComponent("large.bin"))
        var markdown = "# Benchmark document\n\n"
        for i in 0..<800 {
            markdown += """
                ## Section \(i)

                Some *emphasis* and **strong** text with `code \(i)`, a [link](https://example.com/\(i)) and an \
                autolink https://example.org/p/\(i) -- "quotes" and (c) typography.

                - item one \(i)
                - item two with _em_
                  - nested item

                > a quote \(i)

                ```js
                const x\(i) = \(i);
                ```

                | a | b |
                |---|---|
                | \(i) | \(i * 2) |


                """
        }
        try markdown.write(to: directory.appendingPathComponent("big.md"), atomically: false, encoding: .utf8)
        let fixtures = Fixtures(directory: directory, serverURL: serverURL)
        try writeGraph(in: fixtures.graphModules)
        return fixtures
    }
}

let workloads: [Workload] = [
    Workload(key: "bridge", title: "Bridge round trip",
             description: "`fs.existsSync` on a file, per call (batches of 400): one synchronous host round trip in SecureExec, a `stat` system call in the peers.",
             script: """
                 const fs = require('fs');
                 console.log(JSON.stringify({ '': batches(25, 400, () => fs.existsSync(BENCH.data + 'small.bin')) }));
                 """),
    Workload(key: "readfile", title: "readFileSync",
             description: "`fs.readFileSync` of a 1 KB file (10 000 times) and a 1 MB file (1 000 times), per call (SecureExec: a read-only `HostFileSystem` over the same directory).",
             script: """
                 const fs = require('fs');
                 console.log(JSON.stringify({
                   '1 KB': batches(40, 250, () => fs.readFileSync(BENCH.data + 'small.bin')),
                   '1 MB': batches(100, 10, () => fs.readFileSync(BENCH.data + 'large.bin')),
                 }));
                 """),
    Workload(key: "cpu", title: "CPU-bound: markdown-it render",
             description: "Rendering a ≈ 230 KB Markdown document with Debian's markdown-it (SecureExec loads it through `ModuleAccess`), per render after one warm-up render.",
             script: """
                 const fs = require('fs');
                 const md = require(BENCH.modules + 'markdown-it')();
                 const input = fs.readFileSync(BENCH.data + 'big.md', 'utf8');
                 console.log(JSON.stringify({ '': batches(10, 1, () => md.render(input)) }));
                 """),
    Workload(key: "modules", title: "Module graph load",
             description: "`require` of Debian's lodash (one 540 KB file) and of markdown-it (a graph of ≈ 60 files), in a fresh process (peers) or a fresh call (SecureExec), one sample per execution.",
             executions: 15,
             script: """
                 let t = performance.now();
                 require(BENCH.modules + 'lodash');
                 const lodash = performance.now() - t;
                 t = performance.now();
                 require(BENCH.modules + 'markdown-it');
                 console.log(JSON.stringify({ 'lodash': [lodash], 'markdown-it': [performance.now() - t] }));
                 """),
    Workload(key: "graph", title: "Synthetic module graph: 1 000 files",
             description: "`require('app')` of a generated graph of 1 000 CommonJS files in 41 packages (`main` without extension, extension-less relative requires, packages found by walking up `node_modules`); SecureExec mounts that `node_modules` through `ModuleAccess`. The first call on a new runtime apart from later calls; each peer execution is a new process.",
             executions: 11, firstApart: true, usesGraph: true,
             script: """
                 const t = performance.now();
                 const total = require(BENCH.graph + 'app');
                 if (typeof total !== 'number') throw new Error('bad graph');
                 console.log(JSON.stringify({ '': [performance.now() - t] }));
                 """),
    Workload(key: "nodeapi", title: "Node API: Buffer, util.inspect, hashing, gzip",
             description: "Per operation: `Buffer.from(string).toString('base64')` of 1 KB, `util.inspect` of a nested object, `createHash('sha256').update(1 KB).digest('hex')`, `gzipSync` + `gunzipSync` of 64 KB of text (SecureExec: hashing and zlib run beside the engine).",
             script: """
                 const util = require('util'), crypto = require('crypto'), zlib = require('zlib');
                 const text = 'x'.repeat(1024);
                 const bytes = Buffer.alloc(1024, 7);
                 const object = { a: [1, 2, { b: 'c', d: [3, 4, 5] }], e: new Map([[1, 2]]), f: 'text', g: { h: { i: { j: 1 } } } };
                 const big = Buffer.from('lorem ipsum dolor sit amet '.repeat(2500));
                 console.log(JSON.stringify({
                   'Buffer base64 1 KB': batches(20, 500, () => Buffer.from(text).toString('base64')),
                   'util.inspect': batches(20, 200, () => util.inspect(object)),
                   'sha256 1 KB': batches(20, 500, () => crypto.createHash('sha256').update(bytes).digest('hex')),
                   'gzip + gunzip 64 KB': batches(10, 10, () => zlib.gunzipSync(zlib.gzipSync(big))),
                 }));
                 """),
    Workload(key: "fetch", title: "fetch to a loopback server",
             description: "Sequential `fetch` + `text()` of a 2-byte answer from a Node HTTP server on 127.0.0.1 (SecureExec: the port exempted from the SSRF policy), per request.",
             script: """
                 (async () => {
                   const out = await batchesAsync(10, 20, async () => { await (await fetch(BENCH.url)).text(); });
                   console.log(JSON.stringify({ '': out }));
                 })();
                 """),
]

/// Runs `code` in `runtime` and returns what it printed on stdout.
func runGuest(_ runtime: NodeRuntime, _ code: String) async throws -> String {
    let output = Mutex("")
    let result = try await runtime.exec(code, options: ExecOptions(onStdio: { event in
        if event.channel == .stdout { output.withLock { $0 += event.message } }
    }))
    guard result.code == 0 else { throw BenchError("guest failed (\(result.code)): \(result.errorMessage ?? "")") }
    return output.withLock { $0 }
}

extension Workload {
    /// Every execution's samples pooled per case, in seconds.
    @MainActor
    func samples(_ execute: () async throws -> String) async throws -> [(String, Stats)] {
        var pooled: [String: [Double]] = [:]
        var order: [String] = []
        for execution in 0..<executions {
            for (key, values) in try decodeSamples(try await execute()) {
                let name = firstApart ? (execution == 0 ? "first call" : "later calls") + (key.isEmpty ? "" : " \(key)") : key
                if pooled[name] == nil { order.append(name) }
                pooled[name, default: []] += values.map { $0 / 1000 }
            }
        }
        return order.sorted().map { ($0, Stats(pooled[$0] ?? [])) }
    }
}
