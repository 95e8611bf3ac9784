import Foundation
import SecureExec
import Testing

/// Each `Tests/Fixtures/js/NAME.corpus.js` runs inside the sandbox; its output must equal what
/// Node 22 printed for it (`NAME.corpus.expected`, made by `tools/expect.sh`).
@Suite("Node behaviour corpora", .timeLimit(.minutes(2)))
struct NodeCorpusTests {
    static let fixtures = repositoryRoot.appendingPathComponent("Tests/Fixtures/js")

    static var corpora: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []
        return names.filter { $0.hasSuffix(".corpus.js") }.map { String($0.dropLast(".corpus.js".count)) }.sorted()
    }

    @Test(arguments: corpora)
    func corpusMatchesNode(name: String) async throws {
        let code = try String(contentsOf: Self.fixtures.appendingPathComponent("\(name).corpus.js"), encoding: .utf8)
        let expected = try String(contentsOf: Self.fixtures.appendingPathComponent("\(name).corpus.expected"), encoding: .utf8)
        let (runtime, output) = try makeRuntime(NodeDriver(permissions: .allowAll))
        let result = try await runtime.exec(code, options: ExecOptions(filePath: "/root/\(name).corpus.js"))
        #expect(result.code == 0, "\(name): \(result.errorMessage ?? "")")
        // Lines listed in NAME.corpus.known differ for a documented reason (each line of that file:
        // `LINE # reason`); they are skipped, and must be removed once they match.
        let known = Self.knownDifferences(name)
        let a = output.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        for line in known.sorted() where line <= min(a.count, e.count) && a[line - 1] == e[line - 1] {
            Issue.record("\(name): line \(line) now matches Node; remove it from \(name).corpus.known")
        }
        if a.count != e.count || zip(a, e).enumerated().contains(where: { $0.element.0 != $0.element.1 && !known.contains($0.offset + 1) }) {
            let firstDifference = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 && !known.contains($0.offset + 1) }
            if let (line, (got, want)) = firstDifference {
                Issue.record("\(name): line \(line + 1) differs\n  got:  \(got)\n  want: \(want)\n(stderr: \(output.stderr.prefix(500)))")
            } else {
                Issue.record("\(name): \(a.count) lines, expected \(e.count)\n(stderr: \(output.stderr.prefix(500)))")
            }
        }
    }

    static func knownDifferences(_ name: String) -> Set<Int> {
        let url = fixtures.appendingPathComponent("\(name).corpus.known")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return Set(text.split(separator: "\n").compactMap { Int($0.split(separator: " ").first ?? "") })
    }
}
