import Foundation
import Testing

/// `--allow-run` / `--deny-run` end to end: real programs started by the CLI's executor.
extension CLITests {
    @Test func runGrantsStartProgramsInTheWorkingDirectory() throws {
        let code = "console.log(require('child_process').execFileSync('pwd', { encoding: 'utf8' }).trim())"
        let denied = try run(["eval", code])
        #expect(denied.code == 1)
        #expect(denied.stderr.contains("spawnSync pwd EACCES"))
        let allowed = try run(["eval", "--allow-run=pwd", code])
        #expect(allowed.code == 0)
        #expect(allowed.stdout == FileManager.default.currentDirectoryPath + "\n")
        #expect(allowed.stderr.isEmpty)
        let overruled = try run(["eval", "--allow-run=pwd,ls", "--deny-run=pwd", code])
        #expect(overruled.stderr.contains("spawnSync pwd EACCES"))
    }

    @Test func allowingAShellOrInterpreterWarns() throws {
        let code = "console.log(require('child_process').execSync('echo $((6*7))', { encoding: 'utf8' }).trim())"
        let shell = try run(["eval", "--allow-run=sh", code])
        #expect(shell.stdout == "42\n")
        #expect(shell.stderr.contains("warning: --allow-run=sh allows a shell or interpreter"))
        #expect(try run(["eval", "--allow-run=python3,ls", "1"]).stderr.contains("--allow-run=python3 allows"))
        #expect(try run(["eval", "--allow-run", "1"]).stderr.contains("allows every program"))
        // Without sh, a shell command line is refused.
        #expect(try run(["eval", "--allow-run=echo", code]).stderr.contains("spawnSync /bin/sh EACCES"))
    }
}
