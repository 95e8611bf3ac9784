// Output capture: console output and process.stdout/stderr writes arrive as StdioEvents, one per
// write, in order. Nothing is buffered for you, and output is capped per call.
//
//   swift run --package-path Examples output-capture
import ExampleSupport
import SecureExec
import Synchronization

/// Every event of one call, in order (the handler may be called from any thread).
final class Events: Sendable {
    private let list = Mutex<[StdioEvent]>([])
    func append(_ event: StdioEvent) { list.withLock { $0.append(event) } }
    var all: [StdioEvent] { list.withLock { $0 } }
    func text(_ channel: StdioEvent.Channel) -> String { all.filter { $0.channel == channel }.map(\.message).joined() }
}

// A runtime without a handler of its own: each call below brings one (ExecOptions.onStdio), so
// concurrent callers of one server can each capture their own call's output.
let runtime = try NodeRuntime(limits: ResourceLimits(maxOutputBytes: 1_000))

print("1. stdout and stderr, write by write")
let events = Events()
let result = try await runtime.exec("""
    console.log('starting', { step: 1, items: [1, 2, 3] });   // formatted as Node formats it
    console.error('warning: disk is %s', 'slow');
    process.stdout.write('no newline, ');
    process.stdout.write(Buffer.from([0x64, 0x6f, 0x6e, 0x65, 0x0a]));   // raw bytes: "done\\n"
    """, options: ExecOptions(onStdio: events.append))
expect(result.code, 0, "the script finished")
expect(events.all.map(\.channel), [.stdout, .stderr, .stdout, .stdout], "one event per write, in order")
expect(events.text(.stdout), "starting { step: 1, items: [ 1, 2, 3 ] }\nno newline, done\n", "stdout, formatted like Node")
expect(events.text(.stderr), "warning: disk is slow\n", "stderr separately")
expect(events.all.last?.bytes, Array("done\n".utf8), "each event also carries the raw bytes")

print("2. an uncaught error is printed to stderr as Node prints it")
let failing = Events()
let failed = try await runtime.exec("""
    function parse(text) { return JSON.parse(text); }
    parse('{ not json');
    """, options: ExecOptions(onStdio: failing.append))
expect(failed.code, 1, "the call failed with code 1")
expect(failed.errorMessage?.hasPrefix("SyntaxError:") == true, "the result carries the error's first line",
       detail: failed.errorMessage ?? "nil")
expect(failing.text(.stderr).contains("at parse ("), "stderr has the stack, with the guest's own frames",
       detail: failing.text(.stderr))

print("3. output past the limit (1 000 bytes here) is dropped after one notice")
let flood = Events()
let flooded = try await runtime.exec("for (let i = 0; i < 10000; i++) console.log('line', i)",
                                     options: ExecOptions(onStdio: flood.append))
let text = flood.text(.stdout)
expect(flooded.code, 0, "the guest keeps running")
expect(text.hasSuffix("\n[output truncated: limit of 1000 bytes reached]\n"), "one notice marks the cut",
       detail: String(text.suffix(80)))
expect(text.utf8.count < 1_100, "the host received at most the limit and the notice", detail: "\(text.utf8.count) bytes")

await runtime.dispose()
finish()
