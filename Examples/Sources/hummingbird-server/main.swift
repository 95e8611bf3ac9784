// A Hummingbird server with a "run this code" endpoint: POST /run with JavaScript as the body
// answers with the result as JSON. Each request gets a fresh sandbox with no grants and tight
// limits, so one user's code can neither see nor stall another's.
//
//   swift run --package-path Examples hummingbird-server            # starts, checks itself, exits
//   swift run --package-path Examples hummingbird-server --serve 8080
//   curl -s --data-binary "console.log(6 * 7)" http://127.0.0.1:8080/run
//   → {"code":0,"stdout":"42\n","stderr":""}   (JSON; key order may differ)
import ExampleSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Hummingbird
import Logging
import NIOCore
import SecureExec

/// The answer of POST /run.
struct RunResponse: ResponseCodable, Equatable {
    var code: Int32
    var errorMessage: String?
    var stdout: String
    var stderr: String
}

/// Limits for code from strangers: 128 MiB of memory, one second of CPU, ten of elapsed time,
/// 64 KiB of output, and source of at most 64 KiB.
let limits = ResourceLimits(memoryMB: 128, cpuTime: .seconds(1), wallClock: .seconds(10), maxOutputBytes: 64 << 10)
let maxSourceBytes = 64 << 10

func makeRouter() -> Router<BasicRequestContext> {
    let router = Router()
    router.post("/run") { request, _ -> RunResponse in
        // Larger bodies are refused with 413 before they are read in full.
        let source = String(buffer: try await request.body.collect(upTo: maxSourceBytes))
        guard !source.isEmpty else { throw HTTPError(.badRequest, message: "send JavaScript source as the request body") }
        // A runtime per request: nothing of one request's code survives into the next. Creating
        // one takes a pre-started worker process, so this costs a few milliseconds.
        let output = Transcript(echo: false)
        let runtime = try NodeRuntime(limits: limits, onStdio: output.record)
        let result: ExecResult
        do {
            result = try await runtime.exec(source)
        } catch {
            await runtime.dispose()
            throw error
        }
        await runtime.dispose()
        return RunResponse(code: result.code, errorMessage: result.errorMessage, stdout: output.stdout, stderr: output.stderr)
    }
    return router
}

/// Starts the server on 127.0.0.1:`port` (0: any free port) and returns the port it listens on.
func startServer(port: Int, logLevel: Logger.Level) async throws -> Int {
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    var logger = Logger(label: "run-this-code")
    logger.logLevel = logLevel
    let app = Application(router: makeRouter(), configuration: .init(address: .hostname("127.0.0.1", port: port)),
                          onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
                          logger: logger)
    Task { try await app.run() }
    for await port in ports { return port }
    fatalError("the server did not start")
}

// `--serve [port]`: run until stopped (Ctrl-C).
let arguments = CommandLine.arguments.dropFirst()
if arguments.first == "--serve" {
    let port = try await startServer(port: arguments.dropFirst().first.flatMap { Int($0) } ?? 8080, logLevel: .info)
    print("POST JavaScript to http://127.0.0.1:\(port)/run")
    try await Task.sleep(for: .seconds(365 * 24 * 3600))
}

// Otherwise: start on an ephemeral port and send the server real requests.
let port = try await startServer(port: 0, logLevel: .warning)
print("server listening on 127.0.0.1:\(port)")

/// POSTs `body` to `path` and returns the status and the decoded answer (nil when not a RunResponse).
func post(_ body: String, to path: String = "/run") async throws -> (status: Int, answer: RunResponse?) {
    guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else { fatalError("bad URL") }
    var request = URLRequest(url: url)
    request.httpMethod = "POST"
    request.httpBody = Data(body.utf8)
    let (data, response) = try await URLSession.shared.data(for: request)
    let status = (response as? HTTPURLResponse)?.statusCode ?? 0
    return (status, try? JSONDecoder().decode(RunResponse.self, from: data))
}

print("1. code that prints")
let hello = try await post("console.log('hello', 6 * 7); console.error('careful')")
expect(hello.status, 200, "200 OK")
expect(hello.answer, RunResponse(code: 0, stdout: "hello 42\n", stderr: "careful\n"), "stdout and stderr in the JSON")

print("2. code that reaches for the host")
let denied = try await post("require('fs').readFileSync('/etc/passwd', 'utf8')")
expect(denied.answer?.code, 1, "the guest failed")
expect(denied.answer?.errorMessage, "Error: EACCES: permission denied, open '/etc/passwd'", "the filesystem is denied")

print("3. code that never ends")
let loop = try await post("while (true) {}")
expect(loop.answer, RunResponse(code: 124, errorMessage: "CPU time limit exceeded", stdout: "", stderr: ""),
       "stopped after one second of CPU")

print("4. bad requests")
expect(try await post("").status, 400, "an empty body is 400")
expect(try await post(String(repeating: "x", count: maxSourceBytes + 1)).status, 413, "a body over 64 KiB is 413")

print("5. concurrent requests each get their own sandbox")
let answers = try await withThrowingTaskGroup(of: (Int, RunResponse?).self) { group in
    for i in 0..<4 {
        group.addTask { (i, try await post("globalThis.count = (globalThis.count ?? 0) + 1; console.log(\(i), count)").answer) }
    }
    var stdout: [Int: String] = [:]
    for try await (i, answer) in group { stdout[i] = answer?.stdout }
    return stdout
}
expect(answers, [0: "0 1\n", 1: "1 1\n", 2: "2 1\n", 3: "3 1\n"], "no request saw another's globals")

finish()
