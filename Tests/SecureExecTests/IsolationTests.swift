import Foundation
@testable import SecureExec
import Testing

@Suite("Worker-process isolation and memory limits", .enabled(if: testIsolation != .inProcess), .timeLimit(.minutes(2)))
struct IsolationTests {
    static let bombs = [
        "const a = []; for (;;) a.push({ x: Math.random(), y: [1, 2, 3] })",
        "const keep = []; for (;;) keep.push(new Uint8Array(64 << 20).fill(1))",
        "let s = 'xxxxxxxxxxxxxxxx'; const keep = []; for (;;) { s = s + s; keep.push(s + '!') }",
        "const m = new Map(); for (let i = 0; ; i++) m.set(i, 'v' + i)",
    ]

    @Test(arguments: bombs)
    func memoryBombsEndTheCallNotTheHost(code: String) async throws {
        let limits = ResourceLimits(memoryMB: 256, cpuTime: .seconds(20))
        let (runtime, output) = try makeRuntime(limits: limits)
        let result = try await runtime.exec(code)
        #expect(result.code == 137 || result.errorMessage == "memory limit exceeded" || result.errorMessage?.contains("RangeError") == true,
                "\(result)")
        let after = try await runtime.exec("console.log('alive')")
        #expect(after.code == 0, "\(result) then \(after)")
        #expect(output.stdout.hasSuffix("alive\n"))
        await runtime.dispose()
    }

    /// Garbage the engine's collector paces badly stays within the default limit: 4 MB stream
    /// chunks read one after another (the collector is forced near the limit), and deep equality
    /// of 100 000-element typed arrays (no string per index is made). Each outgrew 128 MB before.
    @Test func garbageTheCollectorLagsBehindStaysWithinTheLimit() async throws {
        let memory = InMemoryFileSystem(directories: ["/tmp"])
        try memory.write("/tmp/four.bin", contents: [UInt8](repeating: 7, count: 4 << 20))
        let (runtime, output) = try makeRuntime(NodeDriver(filesystem: memory, permissions: .allowAllFs))
        let result = try await runtime.exec("""
            const assert = require('assert');
            const fs = require('fs');
            let total = 0;
            for (let i = 0; i < 30; i++) {
              for await (const chunk of fs.createReadStream('/tmp/four.bin', { highWaterMark: 4 << 20 })) total += chunk.length;
            }
            for (const C of [Uint8Array, Uint16Array, Uint32Array, Int8Array, Int16Array, Int32Array, Float32Array, Float64Array]) {
              assert.deepEqual(new C(1e5), new C(1e5));
              assert.deepStrictEqual(new C(1e5), new C(1e5));
            }
            console.log(total);
            """)
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == "\(30 * (4 << 20))\n")
        await runtime.dispose()
    }

    /// What a call left behind is not kept by an idle worker: 100 ms after its last job it
    /// collects and its allocators return their free pages (without that, 19–60 MB stayed).
    @Test func anIdleWorkerGivesBackWhatItsLastCallLeft() async throws {
        let (runtime, _) = try makeRuntime()
        _ = try await runtime.exec("1")
        let pid = try #require(runtime.workerProcessID)
        func privateMemory() -> Int {
            let text = (try? String(contentsOfFile: "/proc/\(pid)/smaps_rollup", encoding: .utf8)) ?? ""
            let line = text.split(separator: "\n").first { $0.hasPrefix("Private_Dirty:") } ?? ""
            return (line.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0) << 10
        }
        try await Task.sleep(for: .milliseconds(400))
        let idle = privateMemory()
        // 30 MB of objects and strings, all garbage when the call ends.
        let result = try await runtime.exec("""
            let keep = [];
            for (let i = 0; i < 300000; i++) keep.push({ i, s: 'item ' + i, list: [i, i + 1] });
            console.log(keep.length > 0);
            """)
        #expect(result.code == 0)
        let busy = privateMemory()
        // 100 ms idle, then the release: give a loaded machine up to 1 s for both (without the
        // release the engine gives back little within seconds).
        var after = busy
        for _ in 0..<10 where after - idle >= 6 << 20 {
            try await Task.sleep(for: .milliseconds(100))
            after = privateMemory()
        }
        // (`busy` is ~70 MB when the machine is idle; under load the worker may have collected
        // while bootstrapping its next context before it is read.)
        #expect(after - idle < 6 << 20, "private \(idle >> 10) KiB idle, \(busy >> 10) KiB after the call, \(after >> 10) KiB idle again")
        await runtime.dispose()
    }

    /// `process.memoryUsage().rss` is the worker's resident size — what the memory limit counts,
    /// typed arrays' bytes included (the engine's heap figures miss those).
    @Test func memoryUsageReportsTheWorkersResidentSize() async throws {
        let (runtime, output) = try makeRuntime()
        let result = try await runtime.exec("""
            const before = process.memoryUsage.rss();
            const keep = new Uint8Array(64 << 20).fill(1);
            const after = process.memoryUsage().rss;
            console.log(before > 8 << 20, after - before >= 60 << 20, keep.length);
            """)
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == "true true \(64 << 20)\n")
        await runtime.dispose()
    }

    /// A call that recursed to the stack limit touched tens of megabytes of the engine thread's
    /// stack; once the worker is idle again those pages are the kernel's, not the runtime's.
    @Test func anIdleWorkerGivesBackTheStackADeepCallTouched() async throws {
        let (runtime, _) = try makeRuntime()
        _ = try await runtime.exec("1")
        let pid = try #require(runtime.workerProcessID)
        func resident() -> Int {
            let text = (try? String(contentsOfFile: "/proc/\(pid)/statm", encoding: .utf8)) ?? ""
            return (text.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE)))
        }
        let before = resident()
        let result = try await runtime.exec("let depth = 0; function f(a, b, c, d) { depth++; return f(a, b, c, d) + 1 } try { f(1, 2, 3, 4) } catch (e) { console.log(e.name, depth > 1000) }")
        #expect(result.code == 0)
        try await Task.sleep(for: .milliseconds(200))
        let after = resident()
        // The recursion touches most of the 32 MiB stack; what stays may be heap and compiled code.
        #expect(after - before < 16 << 20, "resident \(before >> 10) KiB before, \(after >> 10) KiB after")
        await runtime.dispose()
    }

    @Test func aKilledWorkerIsAResultAndTheNextCallWorks() async throws {
        let (runtime, output) = try makeRuntime()
        async let result = runtime.exec("for (;;) {}")
        try await Task.sleep(for: .milliseconds(300))
        let pid = try #require(runtime.workerProcessID)
        kill(pid, SIGKILL)
        let killed = try await result
        #expect(killed.code != 0)
        let after = try await runtime.exec("console.log('fresh worker')")
        #expect(after.code == 0)
        #expect(output.stdout == "fresh worker\n")
        await runtime.dispose()
    }

    /// JavaScriptCore's watchdog can abort its process while stopping code at the CPU limit; a
    /// worker that aborts having used its call's whole CPU limit reports the limit, any other
    /// death stays a crash. (Only the worker can abort itself: it blocks SIGABRT from outside, so
    /// the decision is tested on its own.)
    @Test func anAbortAtTheCPULimitIsTheCPULimit() {
        let limit: UInt64 = 300_000_000
        #expect(WorkerDeath.abortedAtTheCPULimit(signal: 6, cpuTotal: 1_000_000_000 + limit, baseline: 1_000_000_000, limit: limit))
        #expect(WorkerDeath.abortedAtTheCPULimit(signal: 6, cpuTotal: 990_000_000 + limit, baseline: 1_000_000_000, limit: limit))
        #expect(!WorkerDeath.abortedAtTheCPULimit(signal: 6, cpuTotal: 1_100_000_000, baseline: 1_000_000_000, limit: limit))
        #expect(!WorkerDeath.abortedAtTheCPULimit(signal: 9, cpuTotal: 2_000_000_000, baseline: 1_000_000_000, limit: limit))
        #expect(!WorkerDeath.abortedAtTheCPULimit(signal: 6, cpuTotal: 2_000_000_000, baseline: nil, limit: limit))
        #expect(!WorkerDeath.abortedAtTheCPULimit(signal: 6, cpuTotal: 900_000_000, baseline: 1_000_000_000, limit: limit))
    }

    @Test func theWorkerHasNoHostEnvironmentOrDescriptors() async throws {
        let (runtime, _) = try makeRuntime()
        async let result = runtime.exec("const end = Date.now(); for (let i = 0; i < 3e8; i++);")
        try await Task.sleep(for: .milliseconds(200))
        for pid in [runtime.workerProcessID].compactMap({ $0 }) {
            let environment = (try? String(contentsOfFile: "/proc/\(pid)/environ", encoding: .utf8)) ?? ""
            // Nothing of the host's: only the one setting the worker is started with.
            #expect(environment == "SWIFT_BACKTRACE=enable=no\0", "\(environment)")
            let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")) ?? []
            for fd in fds {
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(fd)")) ?? ""
                #expect(!target.hasPrefix("/work") && !target.hasPrefix("/tmp/secure"), "fd \(fd) -> \(target)")
            }
            // Its sync calls go through memory shared with the host (mapped, its descriptor closed).
            let maps = (try? String(contentsOfFile: "/proc/\(pid)/maps", encoding: .utf8)) ?? ""
            #expect(maps.contains("memfd:secure-exec-sync"))
            #expect(!fds.contains { fd in
                ((try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(fd)")) ?? "").contains("memfd")
            })
        }
        _ = try await result
        await runtime.dispose()
    }

    @Test func inProcessModeRunsTheSameCode() async throws {
        let output = Output()
        let runtime = try NodeRuntime(isolation: .inProcess, onStdio: output.handler)
        let result = try await runtime.exec("setTimeout(() => console.log(require('path').join('a', 'b')), 1)")
        #expect(result.code == 0)
        #expect(output.stdout == "a/b\n")
        await runtime.dispose()
    }

    @Test func aMissingWorkerIsAClearError() {
        #expect(throws: SecureExecError.self) { try NodeRuntime(isolation: .process(workerPath: "/nonexistent/secure-exec-worker")) }
    }
}

@Suite("Worker lockdown")
struct WorkerLockdownTests {
    /// The worker, once its engine is up, cannot open files, create sockets, start programs, look
    /// paths up or signal other processes (an allow-list filter); JavaScript still runs.
    @Test func lockedDownWorkerRefusesFilesSocketsAndPrograms() async throws {
        let worker = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("secure-exec-worker")
        let process = Process()
        process.executableURL = worker
        process.arguments = ["--self-test-lockdown"]
        process.environment = ["SWIFT_BACKTRACE": "enable=no"]
        let out = Pipe()
        process.standardOutput = out
        let text = try await onOwnThread {
            try process.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return text
        }
        #expect(process.terminationStatus == 0)
        #expect(text == "open: Operation not permitted\nsocket: Operation not permitted\nspawn: Operation not permitted\nstat: Operation not permitted\nsignal: Operation not permitted\nengine: 84\n")
    }
}
