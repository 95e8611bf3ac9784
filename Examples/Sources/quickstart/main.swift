// Quickstart: create a runtime, run a script, capture its output, get a value back.
//
//   swift run --package-path Examples quickstart
import ExampleSupport
import SecureExec

// Everything the guest prints arrives here, one event per write.
let transcript = Transcript()

// A runtime with the defaults: an empty in-memory filesystem, no permissions at all, the engine
// in a worker process (`secure-exec-worker`, built beside this executable), 128 MiB, 30 s of CPU.
let runtime = try NodeRuntime(onStdio: transcript.record)

// 1. Run a script the way `node script.js` would. A script's result is its exit code.
print("exec: a script that prints and sets an exit code")
let result = try await runtime.exec("""
    const path = require('path');
    console.log('Hello from', process.version, 'on', require('os').hostname());
    console.log(path.join('/a', 'b', '..', 'c'));
    process.exitCode = 3;
    """)
expect(result, ExecResult(code: 3), "the exit code is process.exitCode")
expect(transcript.stdout, "Hello from v22.20.0 on sandbox\n/a/c\n", "stdout is what console.log wrote")

// 2. Run a module and read its exports back as JSON (or decode them into a Swift type).
print("run: a module's exports")
let value = try await runtime.run("module.exports = { sum: 1 + 1, words: 'a b c'.split(' ') }")
expect(value.exports, ["sum": 2, "words": ["a", "b", "c"]], "exports come back as a JSONValue")

struct Answer: Decodable, Equatable { let sum: Int; let words: [String] }
let answer = try await runtime.run("module.exports = { sum: 40 + 2, words: [] }", as: Answer.self)
expect(answer, Answer(sum: 42, words: []), "run(_:as:) decodes a Decodable type")

// 3. A thrown error is a result, not a Swift error: code 1 and the error's first line.
print("exec: an uncaught error")
transcript.reset()
let failed = try await runtime.exec("throw new RangeError('too big')")
expect(failed, ExecResult(code: 1, errorMessage: "RangeError: too big"), "an uncaught error ends the call with code 1")
expect(transcript.stderr.contains("RangeError: too big"), "Node's report of the error goes to stderr")

// 4. Nothing was granted, so the host is out of reach: reading a file is Node's EACCES error.
print("exec: no grants, no host")
let denied = try await runtime.exec("require('fs').readFileSync('/etc/passwd')")
expect(denied.errorMessage, "Error: EACCES: permission denied, open '/etc/passwd'", "the filesystem is denied by default")

// Every call starts from a fresh global environment; dispose() ends the worker.
await runtime.dispose()
finish()
