import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOWebSocket
@testable import SecureExec
import Synchronization
import Testing

/// A real WebSocket server on 127.0.0.1 (an ephemeral port) in the test process. It echoes
/// every message (text as text, binary as binary) and obeys a few commands sent as text:
/// `close` (it closes with 4001 "bye"), `ping` (a ping, then the text `after-ping`), `big`
/// (a 64 KiB binary message), `drop` (it cuts the connection without a close frame).
final class LoopbackWebSocketServer: Sendable {
    let port: Int
    private let channel: any Channel
    let handshakes = Mutex<[(uri: String, protocols: String?)]>([])
    let closes = Mutex<[Int]>([])
    let pongs = Mutex(0)
    /// Upgraded connections that ended.
    let disconnects = Mutex(0)

    private init(port: Int, channel: any Channel) {
        self.port = port
        self.channel = channel
    }

    /// `choose` picks the subprotocol answered for the offered list (nil: none).
    static func start(choose: @escaping @Sendable ([String]) -> String? = { $0.first }) async throws -> LoopbackWebSocketServer {
        let box = ServerRef()
        let upgrader = NIOWebSocketServerUpgrader(
            maxFrameSize: 1 << 20,
            shouldUpgrade: { channel, head in
                let offered = head.headers["sec-websocket-protocol"].flatMap { $0.split(separator: ",") }
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                box.server?.handshakes.withLock {
                    $0.append((head.uri, head.headers["sec-websocket-protocol"].first))
                }
                var headers = HTTPHeaders()
                if let chosen = choose(offered) { headers.add(name: "Sec-WebSocket-Protocol", value: chosen) }
                return channel.eventLoop.makeSucceededFuture(head.uri == "/refuse" ? nil : headers)
            },
            upgradePipelineHandler: { channel, _ in
                channel.eventLoop.makeCompletedFuture {
                    // Frames from here on: the plain-HTTP answerer leaves.
                    channel.pipeline.syncOperations.removeHandler(name: "refuse", promise: nil)
                    try channel.pipeline.syncOperations.addHandler(EchoHandler(server: box))
                }
            })
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                        withServerUpgrade: (upgraders: [upgrader], completionHandler: { _ in }))
                    try channel.pipeline.syncOperations.addHandler(RefuseHandler(), name: "refuse")
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let server = LoopbackWebSocketServer(port: channel.localAddress?.port ?? 0, channel: channel)
        box.set(server)
        return server
    }

    func stop() async { try? await channel.close() }

    final class ServerRef: Sendable {
        private let value = Mutex<LoopbackWebSocketServer?>(nil)
        var server: LoopbackWebSocketServer? { value.withLock { $0 } }
        func set(_ server: LoopbackWebSocketServer) { value.withLock { $0 = server } }
    }

    /// Answers a request that was not upgraded with 403.
    private final class RefuseHandler: ChannelInboundHandler, RemovableChannelHandler, Sendable {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard case .end = unwrapInboundIn(data) else { return }
            var headers = HTTPHeaders()
            headers.add(name: "Content-Length", value: "0")
            headers.add(name: "Connection", value: "close")
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .forbidden, headers: headers))), promise: nil)
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
        }
    }

    private final class EchoHandler: ChannelInboundHandler, Sendable {
        typealias InboundIn = WebSocketFrame
        typealias OutboundOut = WebSocketFrame
        let ref: ServerRef
        init(server: ServerRef) { ref = server }

        func channelInactive(context: ChannelHandlerContext) {
            ref.server?.disconnects.withLock { $0 += 1 }
            context.fireChannelInactive()
        }

        func send(_ context: ChannelHandlerContext, _ opcode: WebSocketOpcode, _ bytes: [UInt8]) {
            context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: opcode, data: context.channel.allocator.buffer(bytes: bytes))),
                                  promise: nil)
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let frame = unwrapInboundIn(data)
            var payload = frame.unmaskedData
            let bytes = payload.readBytes(length: payload.readableBytes) ?? []
            switch frame.opcode {
            case .text:
                switch String(decoding: bytes, as: UTF8.self) {
                case "close":
                    var data = context.channel.allocator.buffer(capacity: 5)
                    data.writeInteger(UInt16(4001))
                    data.writeString("bye")
                    context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .connectionClose, data: data)), promise: nil)
                case "ping":
                    send(context, .ping, Array("p".utf8))
                    send(context, .text, Array("after-ping".utf8))
                case "big":
                    send(context, .binary, [UInt8](repeating: 7, count: 64 << 10))
                case "drop":
                    context.close(promise: nil)
                default:
                    send(context, .text, bytes)
                }
            case .binary:
                send(context, .binary, bytes)
            case .pong:
                ref.server?.pongs.withLock { $0 += 1 }
            case .connectionClose:
                var data = frame.unmaskedData
                let code = data.readInteger(as: UInt16.self).map(Int.init) ?? 1005
                ref.server?.closes.withLock { $0.append(code) }
                // Echo the close (unless it answers ours), then close the connection.
                var echo = context.channel.allocator.buffer(capacity: 2)
                echo.writeInteger(UInt16(code == 1005 ? 1000 : code))
                let channel = context.channel
                context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .connectionClose, data: echo)))
                    .whenComplete { _ in channel.close(promise: nil) }
            default:
                break
            }
        }
    }
}

@Suite("WebSocket: the global client against a real loopback server")
struct WebSocketTests {
    @Test func echoesTextAndBinaryAndClosesCleanly() async throws {
        let server = try await LoopbackWebSocketServer.start()
        defer { Task { await server.stop() } }
        let log = NetworkLog()
        let (result, output) = try await exec("""
            const ws = new WebSocket('ws://127.0.0.1:\(server.port)/chat?room=1', ['chat.v2', 'chat.v1']);
            console.log('state', ws.readyState, ws.url, ws.binaryType);
            ws.binaryType = 'arraybuffer';
            const got = [];
            ws.onopen = () => {
              console.log('open', ws.readyState, ws.protocol, JSON.stringify(ws.extensions));
              ws.send('hello');
              ws.send(new Uint8Array([1, 2, 3]));
              ws.send(new Uint16Array([0x0201]).buffer);
              ws.send(new Blob(['blob!']));
              console.log('buffered', ws.bufferedAmount);
              ws.send('ping');
            };
            ws.addEventListener('message', (e) => {
              const d = e.data;
              got.push(typeof d === 'string' ? d : d instanceof ArrayBuffer ? 'ab:' + [...new Uint8Array(d)].join(',') : String(d));
              if (got.length === 5) ws.close(1000, 'done');
            });
            ws.onclose = (e) => console.log('close', e.code, e.reason, e.wasClean, ws.readyState, got.join(' | '));
            """, networkDriver(exempt: [server.port], check: log.check()))
        #expect(result.code == 0)
        #expect(output.stdout == """
            state 0 ws://127.0.0.1:\(server.port)/chat?room=1 blob
            open 1 chat.v2 ""
            buffered 15
            close 1000  true 3 hello | ab:1,2,3 | ab:1,2 | ab:98,108,111,98,33 | after-ping

            """)
        #expect(server.handshakes.withLock { $0.map(\.uri) } == ["/chat?room=1"])
        #expect(server.handshakes.withLock { $0.first?.protocols } == "chat.v2, chat.v1")
        #expect(server.closes.withLock { $0 } == [1000])
        #expect(server.pongs.withLock { $0 } == 1)
        let request = try #require(log.requests.last)
        #expect(request.op == .websocket)
        #expect(request.url == "ws://127.0.0.1:\(server.port)/chat?room=1")
        #expect(request.protocol == "ws:")
        #expect(request.hostname == "127.0.0.1")
        #expect(request.port == server.port)
        #expect(request.resolvedAddresses == ["127.0.0.1"])
    }

    @Test func serverCloseAndBlobMessages() async throws {
        let server = try await LoopbackWebSocketServer.start(choose: { _ in nil })
        defer { Task { await server.stop() } }
        let (result, output) = try await exec("""
            const ws = new WebSocket('ws://localhost:\(server.port)/');
            ws.onopen = () => { ws.send(new Uint8Array([104, 105])); };
            ws.onmessage = async (e) => {
              console.log('message', e.data instanceof Blob, await e.data.text(), e.origin);
              ws.send('close');
            };
            ws.onclose = (e) => console.log('close', e.code, e.reason, e.wasClean, JSON.stringify(ws.protocol));
            """, networkDriver(exempt: [server.port]))
        #expect(result.code == 0)
        #expect(output.stdout == "message true hi ws://localhost:\(server.port)\nclose 4001 bye true \"\"\n")
    }

    @Test func droppedConnectionsAndRefusedHandshakes() async throws {
        let server = try await LoopbackWebSocketServer.start()
        defer { Task { await server.stop() } }
        let (result, output) = try await exec("""
            await new Promise((resolve) => {
              const ws = new WebSocket('ws://127.0.0.1:\(server.port)/');
              ws.onopen = () => ws.send('drop');
              ws.onclose = (e) => { console.log('dropped', e.code, e.wasClean); resolve(); };
            });
            await new Promise((resolve) => {
              const ws = new WebSocket('ws://127.0.0.1:\(server.port)/refuse');
              ws.onopen = () => console.log('opened?');
              ws.onerror = (e) => console.log('error', e.type, e.message);
              ws.onclose = (e) => { console.log('refused', e.code, e.wasClean, ws.readyState); resolve(); };
            });
            """, networkDriver(exempt: [server.port]))
        #expect(result.code == 0)
        #expect(output.stdout == """
            dropped 1006 false
            error error Received network error or non-101 status code.
            refused 1006 false 3

            """)
    }

    @Test func deniedAndSSRFBlockedConnectionsNeverReachTheServer() async throws {
        let server = try await LoopbackWebSocketServer.start()
        defer { Task { await server.stop() } }
        let log = NetworkLog()
        let code = """
            for (const url of ['ws://127.0.0.1:\(server.port)/', 'ws://2130706433:\(server.port)/', 'ws://[::ffff:127.0.0.1]:\(server.port)/', 'http://127.1:\(server.port)/']) {
              await new Promise((resolve) => {
                const ws = new WebSocket(url);
                ws.onopen = () => console.log('opened?');
                ws.onerror = (e) => console.log('error', e.error.code);
                ws.onclose = (e) => { console.log('close', e.code); resolve(); };
              });
            }
            """
        // The permission refuses: nothing connects.
        let (_, denied) = try await exec(code, networkDriver(exempt: [server.port], check: log.check { $0.op != .websocket }))
        #expect(denied.stdout == String(repeating: "error EACCES\nclose 1006\n", count: 4))
        // The permission allows, but the port is not exempt: the SSRF defaults refuse loopback in
        // every spelling.
        let (_, blocked) = try await exec(code, networkDriver(check: .allow))
        #expect(blocked.stdout == String(repeating: "error EACCES\nclose 1006\n", count: 4))
        #expect(server.handshakes.withLock { $0.isEmpty })
        #expect(log.requests.map(\.protocol) == ["ws:", "ws:", "ws:", "ws:"])
    }

    /// A WebSocket keeps the call alive (as in Node); when the call ends anyway, the host closes
    /// the connection.
    @Test func theEndOfTheCallClosesOpenWebSockets() async throws {
        let server = try await LoopbackWebSocketServer.start()
        defer { Task { await server.stop() } }
        let (result, output) = try await exec("""
            const ws = new WebSocket('ws://127.0.0.1:\(server.port)/');
            ws.onopen = () => { ws.send('hi'); };
            ws.onmessage = (e) => { console.log('got', e.data); process.exit(3); };
            """, networkDriver(exempt: [server.port]))
        #expect(result.code == 3)
        #expect(output.stdout == "got hi\n")
        // The close reaches the server's event loop shortly after the call returned.
        for _ in 0..<200 where server.disconnects.withLock({ $0 }) == 0 {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(server.disconnects.withLock { $0 } == 1)
    }

    @Test func argumentsAreValidatedLikeNode() async throws {
        let (_, output) = try await exec("""
            for (const [url, protocols] of [['ws://x/#a'], ['ftp://x/'], ['ws://x/', ['a', 'a']], ['ws://x/', ['a b']], ['not a url']]) {
              try { new WebSocket(url, protocols); console.log('made'); } catch (e) { console.log(e.name, e instanceof DOMException); }
            }
            const ws = new WebSocket('ws://127.0.0.1:9/');
            try { ws.send('x') } catch (e) { console.log(e.name) }
            try { ws.close(1001) } catch (e) { console.log(e.name) }
            try { ws.close(1000, 'x'.repeat(124)) } catch (e) { console.log(e.name) }
            ws.onerror = () => {};
            ws.close();
            console.log(ws.readyState, WebSocket.CLOSING, ws.OPEN, typeof MessageEvent);
            """, networkDriver())
        #expect(output.stdout == """
            SyntaxError true
            SyntaxError true
            SyntaxError true
            SyntaxError true
            SyntaxError true
            InvalidStateError
            InvalidAccessError
            SyntaxError
            2 2 1 function

            """)
    }

    /// A message larger than the call's network body limit fails the connection (1006 after an
    /// error) instead of growing without bound.
    @Test func messagesAreBounded() async throws {
        let server = try await LoopbackWebSocketServer.start()
        defer { Task { await server.stop() } }
        let (result, output) = try await exec("""
            const ws = new WebSocket('ws://127.0.0.1:\(server.port)/');
            ws.onopen = () => ws.send('big');
            ws.onmessage = (e) => console.log('message?', e.data.size);
            ws.onerror = (e) => console.log('error', e.error.code);
            ws.onclose = (e) => console.log('close', e.code, e.wasClean);
            """, networkDriver(exempt: [server.port]), limits: ResourceLimits(maxNetworkBodyBytes: 4096))
        #expect(result.code == 0)
        #expect(output.stdout == "error ERR_SANDBOX_RESPONSE_TOO_LARGE\nclose 1006 false\n")
    }

    /// wss: verification is on: a server with a self-signed certificate is refused before any
    /// message.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")))
    func wssVerifiesCertificates() async throws {
        let pem = try await SelfSignedCertificate.make()
        let context = try NIOSSLContext(configuration: .makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMBytes(Array(pem.cert.utf8)).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(pem.key.utf8), format: .pem))))
        let server = try await LoopbackServer.start(tls: context)
        defer { Task { await server.stop() } }
        let log = NetworkLog()
        let (_, output) = try await exec("""
            const ws = new WebSocket('wss://localhost:\(server.port)/');
            ws.onerror = (e) => console.log('error', e.error.code);
            ws.onclose = (e) => console.log('close', e.code);
            """, networkDriver(exempt: [server.port], check: log.check()))
        #expect(output.stdout == "error UNABLE_TO_VERIFY_LEAF_SIGNATURE\nclose 1006\n")
        #expect(server.requests.isEmpty)
        #expect(log.requests.last?.protocol == "wss:")
        #expect(log.requests.last?.url == "wss://localhost:\(server.port)/")
    }
}

/// A self-signed certificate for `localhost` and 127.0.0.1 made by the `openssl` command in a
/// temporary directory (PEM texts).
enum SelfSignedCertificate {
    static func make() async throws -> (key: String, cert: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("se-cert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
                             "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                             "-keyout", dir.appendingPathComponent("key.pem").path, "-out", dir.appendingPathComponent("cert.pem").path]
        openssl.standardError = FileHandle.nullDevice
        openssl.standardOutput = FileHandle.nullDevice
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
        return (try String(contentsOf: dir.appendingPathComponent("key.pem"), encoding: .utf8),
                try String(contentsOf: dir.appendingPathComponent("cert.pem"), encoding: .utf8))
    }
}
