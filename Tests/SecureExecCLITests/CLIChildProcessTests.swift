import Foundation
import Testing

/// `--allow-run` / `--deny-run` end to end: real programs started by the CLI's executor.
extension CLITests {
    /// `run` on a Dispatch thread: waiting for the CLI must not hold a thread of Swift's
    /// cooperative pool (other suites' timers and wall-clock limits run there).

    @Test func runGrantsStartProgramsInTheWorkingDirectory() async throws {
        let code = "console.log(require('child_process').execFileSync('pwd', { encoding: 'utf8' }).trim())"
        let denied = try await runAside(["eval", code])
        #expect(denied.code == 1)
        #expect(denied.stderr.contains("spawnSync pwd EACCES"))
        let allowed = try await runAside(["eval", "--allow-run=pwd", code])
        #expect(allowed.code == 0)
        #expect(allowed.stdout == FileManager.default.currentDirectoryPath + "\n")
        #expect(allowed.stderr.isEmpty)
        let overruled = try await runAside(["eval", "--allow-run=pwd,ls", "--deny-run=pwd", code])
        #expect(overruled.stderr.contains("spawnSync pwd EACCES"))
    }

    @Test func allowingAShellOrInterpreterWarns() async throws {
        let code = "console.log(require('child_process').execSync('echo $((6*7))', { encoding: 'utf8' }).trim())"
        let shell = try await runAside(["eval", "--allow-run=sh", code])
        #expect(shell.stdout == "42\n")
        #expect(shell.stderr.contains("warning: --allow-run=sh allows a shell or interpreter"))
        #expect(try await runAside(["eval", "--allow-run=python3,ls", "1"]).stderr.contains("--allow-run=python3 allows"))
        #expect(try await runAside(["eval", "--allow-run", "1"]).stderr.contains("allows every program"))
        // Without sh, a shell command line is refused.
        #expect(try await runAside(["eval", "--allow-run=echo", code]).stderr.contains("spawnSync /bin/sh EACCES"))
    }
}
