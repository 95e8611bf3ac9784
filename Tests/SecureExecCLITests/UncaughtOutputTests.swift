import Foundation
import Testing

/// The CLI prints an uncaught error exactly as `node` (22) does: `file:line`, the source line, a
/// caret, the error with its stack, and the version line. Node's own frames (`node:internal/…`)
/// are left out of the comparison: the sandbox never shows frames of its own modules.
@Suite("uncaught errors as node prints them", .timeLimit(.minutes(2)))
struct UncaughtOutputTests {
    static let scripts: [String] = [
        "const a = 1;\nfunction f() {\n  null.x;\n}\nf();\n",
        "throw new Error(\"boom\");\n",
        "function check(v) {\n  if (!v) throw new TypeError('value required');\n}\ncheck(0);\n",
        "setTimeout(() => { undefinedFn(); }, 1);\n",
        "Promise.reject(new Error(\"rejected\"));\n",
        "async function f() { await null; undefined.y; }\nf();\n",
        "class Custom extends Error {}\nfunction check() { throw new Custom('custom'); }\ncheck();\n",
        "const o = {};\n\to.method();\n",
        "let x = 1;\nx = notDefinedHere;\n",
        "const c = 1;\nfunction g() { c = 2; }\ng();\n",
        "new Promise(() => { null.p; });\n",
        "function setup() {\n  console.log(config);\n  const config = {};\n}\nsetup();\n",
        "const f = () => { const c = 1; c += 2; };\nf();\n",
        "[1, 2].forEach((x) => { if (x > 1) throw new RangeError('two'); });\n",
        "const text = '{bad';\nJSON.parse(text);\n",
        "JSON.parse('\\n\\n[\\n1,\\n2 3');\n",
        "JSON.parse('[1,');\n",
        "function Point(x) {\n  if (!(this instanceof Point)) return new Point(x);\n  this.x = x.value;\n}\nPoint();\n",
    ]

    static let node: String? = {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(dir)/node22"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    static func run(_ executable: URL, _ arguments: [String]) throws -> (code: Int32, stderr: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = env
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        try process.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Node's output without the frames of Node's own modules.
    static func withoutNodeFrames(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !($0.hasPrefix("    at ") && $0.contains("(node:")) && !$0.hasPrefix("    at node:") }
            .joined(separator: "\n")
    }

    @Test(arguments: scripts.indices)
    func uncaughtOutputMatchesNode(index: Int) async throws {
        try await onOwnThread { try Self.compare(index) }
    }

    static func compare(_ index: Int) throws {
        let node = try #require(Self.node, "node22 must be on PATH")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("secure-exec-uncaught-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("script\(index).js")
        try Self.scripts[index].write(to: file, atomically: true, encoding: .utf8)
        let expected = try Self.run(URL(fileURLWithPath: node), [file.path])
        let got = try Self.run(CLITests.binary, ["run", file.path])
        #expect(got.code == expected.code)
        #expect(got.stderr == Self.withoutNodeFrames(expected.stderr))
    }
}
