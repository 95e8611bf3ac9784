import Foundation
import SecureExec
import Testing

/// `node:test` inside the sandbox reports what Node 22 reports (TAP, as Node writes it when
/// standard output is not a terminal). `Tests/Fixtures/test-runner/scenarios.expected` is Node
/// 22's output for `scenarios.js`, with durations and stack traces normalised away (stack frames
/// name Node's own internals) — the same normalisation is applied to the sandbox's output.
@Suite("node:test", .timeLimit(.minutes(2)))
struct TestRunnerTests {
    static let fixtures = repositoryRoot.appendingPathComponent("Tests/Fixtures/test-runner")

    /// Durations become `X`; `stack: |-` blocks are dropped.
    static func normalised(_ tap: String) -> String {
        var lines: [String] = []
        var stackIndent: Int?
        for line in tap.split(separator: "\n", omittingEmptySubsequences: false) {
            let indent = line.prefix { $0 == " " }.count
            if let open = stackIndent {
                if indent > open { continue }
                stackIndent = nil
            }
            if line.dropFirst(indent).hasPrefix("stack: |-") {
                stackIndent = indent
                continue
            }
            if line.hasPrefix("# duration_ms ") {
                lines.append("# duration_ms X")
            } else if let range = line.range(of: "duration_ms: "), line[range.upperBound...].allSatisfy({ $0.isNumber || $0 == "." || $0 == "e" || $0 == "-" }) {
                lines.append(line[..<range.upperBound] + "X")
            } else {
                lines.append(String(line))
            }
        }
        return lines.joined(separator: "\n")
    }

    @Test func scenariosReportAsNodeDoes() async throws {
        let code = try String(contentsOf: Self.fixtures.appendingPathComponent("scenarios.js"), encoding: .utf8)
        let expected = try String(contentsOf: Self.fixtures.appendingPathComponent("scenarios.expected"), encoding: .utf8)
        let (runtime, output) = try makeRuntime()
        let result = try await runtime.exec(code, options: ExecOptions(filePath: "/root/scenarios.js"))
        await runtime.dispose()
        #expect(result.code == 1, "failing tests set process.exitCode = 1")
        let got = Self.normalised(output.stdout).split(separator: "\n", omittingEmptySubsequences: false)
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        if let difference = zip(got, want).enumerated().first(where: { $0.element.0 != $0.element.1 }) {
            Issue.record("line \(difference.offset + 1) differs\n  got:  \(difference.element.0)\n  want: \(difference.element.1)")
        }
        #expect(got.count == want.count)
    }

    @Test func passingTestsExitWithZeroAndSumUp() async throws {
        let (result, output) = try await exec("""
            const { test } = require('node:test');
            test('a', () => {});
            test('b', async (t) => { await t.test('c', () => {}); });
            """)
        #expect(result.code == 0)
        #expect(output.stdout.hasPrefix("TAP version 13\n# Subtest: a\nok 1 - a\n"))
        #expect(output.stdout.contains("1..2\n# tests 3\n# suites 0\n# pass 3\n# fail 0\n# cancelled 0\n# skipped 0\n# todo 0\n"))
    }

    /// `node:test` is only reachable with the scheme, from CommonJS and ES modules alike.
    @Test func onlyTheSchemeNamesTheBuiltin() async throws {
        let (result, output) = try await exec("""
            const Module = require('module');
            let bare;
            try { require('test'); } catch (e) { bare = e.code; }
            const esm = await import('node:test');
            console.log(bare, Module.isBuiltin('node:test'), Module.isBuiltin('test'),
                        Module.builtinModules.includes('test'), typeof esm.describe, esm.default === require('node:test'));
            """)
        #expect(result.code == 0, "\(result.errorMessage ?? "")")
        #expect(output.stdout == "MODULE_NOT_FOUND true false false function true\n")
    }
}
