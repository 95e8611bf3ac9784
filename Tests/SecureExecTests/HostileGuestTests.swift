import Foundation
import SecureExec
import Testing

/// The host process's resident memory in bytes.
func hostResidentBytes() -> Int {
    let text = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? ""
    let pages = text.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// Floods and loops that must end the call (or be refused) while the runtime stays usable.
@Suite("Hostile guests: floods, deep stacks, each followed by a working call", .timeLimit(.minutes(2)))
struct HostileGuestTests {
    /// Runs `code`, then proves the same runtime still works.
    func survive(_ code: String, limits: ResourceLimits = .default) async throws -> (ExecResult, Output) {
        let (runtime, output) = try makeRuntime(limits: limits)
        let result = try await runtime.exec(code)
        let after = try await runtime.exec("console.log('still works')")
        #expect(after.code == 0)
        #expect(output.stdout.hasSuffix("still works\n"))
        await runtime.dispose()
        return (result, output)
    }

    @Test func timerFloodHitsTheBudget() async throws {
        let (result, _) = try await survive("for (let i = 0; i < 1e6; i++) setTimeout(() => {}, 1e6)")
        #expect(result.code == 1)
        #expect(result.errorMessage?.contains("ERR_RESOURCE_BUDGET_EXCEEDED") == true || result.errorMessage?.contains("budget") == true,
                "\(result)")
    }

    @Test func immediateFloodHitsTheBudget() async throws {
        let (result, output) = try await survive("""
            let n = 0;
            try { for (let i = 0; i < 1e6; i++) { setImmediate(() => {}); n++ } } catch (e) { console.log(e.code, n) }
            """)
        #expect(result.code == 0)
        #expect(output.stdout.hasPrefix("ERR_RESOURCE_BUDGET_EXCEEDED 10000\n"))
    }

    @Test func aGigabyteOfOutputIsBoundedInTheHost() async throws {
        let before = hostResidentBytes()
        let limits = ResourceLimits(cpuTime: .seconds(60))
        let (result, output) = try await survive("""
            const line = 'x'.repeat(1 << 20);
            for (let i = 0; i < 1024; i++) console.log(line);
            """, limits: limits)
        #expect(result.code == 0)
        let received = output.stdout.utf8.count
        #expect(received <= ResourceLimits.default.maxOutputBytes + 4096)
        #expect(output.stdout.contains("[output truncated"))
        if testIsolation != .inProcess {
            // The gigabyte never reaches the host: its memory grows by far less.
            #expect(hostResidentBytes() - before < 256 << 20)
        }
    }

    @Test(arguments: [
        // Through a native array method, through the bridge, and through a getter chain.
        "function f() { return [1].map(f) } f()",
        "function f() { process.env.X; return f() + 1 } f()",
        "const o = {}; Object.defineProperty(o, 'x', { get() { return o.x } }); o.x",
        "function f() { return JSON.parse('[1]', f) } f()",
    ])
    func stackOverflowIsARangeError(code: String) async throws {
        let (result, _) = try await survive(code)
        #expect(result.code == 1)
        #expect(result.errorMessage == "RangeError: Maximum call stack size exceeded", "\(result)")
    }

    @Test func rejectionFloodIsReportedOnce() async throws {
        let (result, output) = try await survive("""
            for (let i = 0; i < 1e4; i++) Promise.reject(new Error('r' + i));
            """)
        #expect(result.code == 1)
        #expect(result.errorMessage == "Error: r0")
        #expect(output.stderr.components(separatedBy: "Error: r").count <= 3)
    }

    @Test func aDecompressionBombIsRefused() async throws {
        // 256 MiB of zeros, gzipped (~250 KiB), against the default 128 MB limit.
        let (result, output) = try await survive("""
            const zlib = require('zlib');
            const gzip = zlib.createGzip();
            const parts = [];
            gzip.on('data', (d) => parts.push(d));
            const zeros = Buffer.alloc(1 << 20);
            for (let i = 0; i < 256; i++) gzip.write(zeros);
            gzip.end();
            gzip.on('end', () => {
              const bomb = Buffer.concat(parts);
              try { zlib.gunzipSync(bomb); console.log('inflated') } catch (e) { console.log(e.name, e.code) }
            });
            """, limits: ResourceLimits(cpuTime: .seconds(60)))
        if result.code == 0 {
            #expect(output.stdout.hasPrefix("RangeError ERR_BUFFER_TOO_LARGE\n"))
        } else {
            // In a worker, its memory may reach the limit first: the call ends, the host does not.
            #expect(result.code == 137 && testIsolation != .inProcess, "\(result)")
        }
    }
}
