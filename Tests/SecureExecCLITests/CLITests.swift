import Foundation
import Testing

/// Runs blocking work (waiting for a process) on a thread of its own: never on Swift's global
/// executor or `DispatchQueue.global()`, whose shared pool is about as wide as the machine has
/// cores (other suites' timers, limits and bridge requests run there).
func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

/// End-to-end tests of the `secure-exec` binary built beside the test bundle.
@Suite("secure-exec command line", .timeLimit(.minutes(1)))
struct CLITests {
    static let binary: URL = {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return bundle.appendingPathComponent("secure-exec")
    }()

    struct Run { let code: Int32; let stdout: String; let stderr: String }

    /// `run` on a thread of its own: waiting for the CLI must not hold a thread of Swift's
    /// cooperative pool (other suites' timers and wall-clock limits run there).
    func runAside(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil) async throws -> Run {
        try await onOwnThread { try self.run(arguments, environment: environment, stdin: stdin) }
    }

    func run(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { _, new in new }
        env["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(code: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func evalPrints() async throws {
        let result = try await runAside(["eval", "console.log(1+1)"])
        #expect(result.code == 0)
        #expect(result.stdout == "2\n")
    }

    @Test func exitCodesPassThrough() async throws {
        #expect(try await runAside(["eval", "process.exit(3)"]).code == 3)
        let thrown = try await runAside(["eval", "throw new TypeError('bad')"])
        #expect(thrown.code == 1)
        #expect(thrown.stderr.contains("TypeError: bad"))
    }

    @Test func environmentNeedsAGrant() async throws {
        let code = "console.log(process.env.HOME)"
        #expect(try await runAside(["eval", code], environment: ["HOME": "/home/tester"]).stdout == "undefined\n")
        #expect(try await runAside(["eval", "--allow-env=HOME", code], environment: ["HOME": "/home/tester"]).stdout == "/home/tester\n")
        #expect(try await runAside(["eval", "--allow-env", code], environment: ["HOME": "/home/tester"]).stdout == "/home/tester\n")
        #expect(try await runAside(["eval", "--allow-env", "--deny-env=HOME", code], environment: ["HOME": "/home/tester"]).stdout == "undefined\n")
    }

    @Test func topLevelAwaitInEval() async throws {
        let result = try await runAside(["eval", "console.log(await Promise.resolve('awaited'))"])
        #expect(result.stdout == "awaited\n")
    }

    @Test func runFileWithArguments() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("secure-exec-cli-\(UUID().uuidString).js")
        try "console.log(process.argv.slice(2).join(' '))".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try await runAside(["run", file.path, "a", "--b"])
        #expect(result.code == 0)
        #expect(result.stdout == "a --b\n")
    }

    @Test func cpuLimitFlag() async throws {
        let result = try await runAside(["eval", "--cpu-time-limit", "100", "for (;;) {}"])
        #expect(result.code == 124)
        #expect(result.stderr.contains("CPU time limit exceeded"))
    }

    @Test func stdinReachesTheGuest() async throws {
        let result = try await runAside(["eval", "let s = ''; process.stdin.on('data', (d) => s += d); process.stdin.on('end', () => console.log(s.trim().toUpperCase()))"], stdin: "hello")
        #expect(result.stdout == "HELLO\n")
    }

    @Test func badFlagsAreRejected() async throws {
        let result = try await runAside(["eval", "--timing-mitigation", "sometimes", "1"])
        #expect(result.code != 0)
        #expect(result.stderr.contains("--timing-mitigation"))
    }
}

@Suite("secure-exec command line: host filesystem through grants", .timeLimit(.minutes(1)))
struct CLIFileSystemTests {
    let cli = CLITests()

    @Test func readsAndWritesOnlyWhatIsGranted() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("secure-exec-cli-fs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "data".write(to: dir.appendingPathComponent("in.txt"), atomically: true, encoding: .utf8)
        let code = """
            const fs = require('fs');
            console.log(fs.readFileSync('\(dir.path)/in.txt', 'utf8'));
            try { fs.writeFileSync('\(dir.path)/out.txt', 'x') } catch (e) { console.log(e.code) }
            for (const p of ['/etc/hostname', '/proc/self/environ']) { try { fs.readFileSync(p); console.log('read', p) } catch (e) { console.log(e.code) } }
            """
        let readOnly = try cli.run(["eval", "--allow-read=\(dir.path)", code])
        #expect(readOnly.stdout == "data\nEACCES\nEACCES\nEACCES\n")
        let readWrite = try cli.run(["eval", "-A", code])
        #expect(readWrite.stdout == "data\nread /etc/hostname\nEACCES\n")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("out.txt").path))
    }
}

/// Real npm packages from Debian (`/usr/share/nodejs`, installed by scripts/test.sh) behave in the
/// sandbox as under the host's `node`: each `Tests/Fixtures/packages/*` script prints the same.
@Suite("Debian's node packages, sandbox vs host node", .timeLimit(.minutes(2)))
struct PackageTests {
    let cli = CLITests()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/packages")

    static var scripts: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []).sorted()
    }

    @Test(arguments: scripts)
    func packageBehavesAsUnderNode(script: String) async throws {
        try await onOwnThread { try Self.comparePackage(script) }
    }

    static func comparePackage(_ script: String) throws {
        // A project folder whose node_modules is Debian's package folder (ESM ignores NODE_PATH).
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("secure-exec-pkg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("node_modules").path,
                                                   withDestinationPath: "/usr/share/nodejs")
        let file = dir.appendingPathComponent(script)
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(script), to: file)
        // Loopback for packages that serve (express): the fixture talks to its own server.
        let sandbox = try CLITests().run(["run", "--module-path=/usr/share/nodejs", "--allow-read=\(dir.path)", "--allow-env=DEBUG",
                                          "--allow-net=127.0.0.1", file.path])
        let node = Process()
        node.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        node.arguments = ["node", file.path]
        node.environment = ["NODE_PATH": "/usr/share/nodejs", "PATH": "/usr/local/bin:/usr/bin:/bin"]
        let out = Pipe()
        node.standardOutput = out
        node.standardError = FileHandle.nullDevice
        try node.run()
        let expected = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        node.waitUntilExit()
        #expect(node.terminationStatus == 0, "host node failed on \(script)")
        #expect(sandbox.code == 0, "\(script): \(sandbox.stderr.prefix(400))")
        #expect(sandbox.stdout == expected, "\(script)")
    }
}
