import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
@testable import SecureExec
import Synchronization
import Testing

/// A keep-alive HTTP/1.1 server on 127.0.0.1 that counts the connections it accepts and the
/// requests it answers, and knows how many connections are open right now.
final class KeepAliveServer: Sendable {
    enum Mode: Sendable {
        /// Answers every request, keeps the connection open.
        case keepAlive
        /// Answers the first request of a connection; a second one on it is dropped unanswered
        /// (the connection closes before any byte of the answer).
        case dropSecondRequest
        /// Answers (without `Connection: close`), then closes the connection at once: the client
        /// finds it closed while idle.
        case closeAfterAnswer
    }

    let port: Int
    private let channel: any Channel
    let stats: Stats

    final class Stats: Sendable {
        struct Counts { var accepted = 0, open = 0, answered = 0, paths: [String] = [] }
        let counts = Mutex(Counts())
        var accepted: Int { counts.withLock { $0.accepted } }
        var open: Int { counts.withLock { $0.open } }
        var answered: Int { counts.withLock { $0.answered } }
        var paths: [String] { counts.withLock { $0.paths } }
    }

    private init(port: Int, channel: any Channel, stats: Stats) {
        self.port = port
        self.channel = channel
        self.stats = stats
    }

    static func start(_ mode: Mode = .keepAlive) async throws -> KeepAliveServer {
        let stats = Stats()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                stats.counts.withLock {
                    $0.accepted += 1
                    $0.open += 1
                }
                channel.closeFuture.whenComplete { _ in stats.counts.withLock { $0.open -= 1 } }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler(mode: mode, stats: stats))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return KeepAliveServer(port: channel.localAddress?.port ?? 0, channel: channel, stats: stats)
    }

    func stop() async { try? await channel.close() }

    /// Waits (bounded) until no accepted connection is open any more.
    func waitUntilAllClosed() async -> Bool {
        for _ in 0..<400 {
            if stats.open == 0 { return true }
            try? await Task.sleep(for: .milliseconds(25))
        }
        return stats.open == 0
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart
        let mode: Mode
        let stats: Stats
        var head: HTTPRequestHead?
        var served = 0
        init(mode: Mode, stats: Stats) {
            self.mode = mode
            self.stats = stats
        }
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let h): head = h
            case .body: break
            case .end:
                guard let head else { return }
                if head.uri == "/hold" { return }  // never answered
                if mode == .dropSecondRequest && served == 1 {
                    context.close(promise: nil)
                    return
                }
                served += 1
                stats.counts.withLock {
                    $0.answered += 1
                    $0.paths.append(head.uri)
                }
                let payload = Array("path \(head.uri)".utf8)
                var headers = HTTPHeaders()
                headers.add(name: "Content-Length", value: String(payload.count))
                headers.add(name: "X-Connection", value: head.headers.first(name: "connection") ?? "")
                context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: payload)))), promise: nil)
                let channel = context.channel
                let close = mode == .closeAfterAnswer
                context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in if close { channel.close(promise: nil) } }
            }
        }
    }
}

/// Guest code: `get(agent, path)` resolves `{ body, reused, connection }` for one GET to the server.
private func getHelper(_ port: Int) -> String {
    """
    const http = require('http');
    const get = (agent, path) => new Promise((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: \(port), path, agent }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => body += c);
        res.on('end', () => resolve({ body, reused: req.reusedSocket, connection: res.headers['x-connection'] }));
      });
      req.on('error', reject);
    });
    const name = '127.0.0.1:\(port):';
    """
}

@Suite("Network: http.Agent keep-alive pooling against real loopback servers")
struct NetworkAgentTests {
    @Test(.timeLimit(.minutes(1))) func sequentialRequestsOnAKeepAliveAgentShareOneConnection() async throws {
        let server = try await KeepAliveServer.start()
        defer { Task { await server.stop() } }
        let (result, output) = try await exec(getHelper(server.port) + """
            const agent = new http.Agent({ keepAlive: true });
            for (let i = 0; i < 4; i++) {
              const r = await get(agent, '/s' + i);
              console.log(r.body, r.reused, r.connection);
            }
            await new Promise((r) => setImmediate(r));
            console.log(Object.keys(agent.freeSockets), agent.freeSockets[name].length, Object.keys(agent.sockets).length,
              agent.totalSocketCount);
            agent.destroy();
            await new Promise((r) => setImmediate(r));
            console.log(Object.keys(agent.freeSockets).length, agent.totalSocketCount);
            """, networkDriver(exempt: [server.port]))
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == """
            path /s0 false keep-alive
            path /s1 true keep-alive
            path /s2 true keep-alive
            path /s3 true keep-alive
            [ '127.0.0.1:\(server.port):' ] 1 0 1
            0 0

            """)
        #expect(server.stats.accepted == 1)
        #expect(server.stats.answered == 4)
    }

    @Test(.timeLimit(.minutes(1))) func maxSocketsQueuesFurtherRequests() async throws {
        let server = try await KeepAliveServer.start()
        defer { Task { await server.stop() } }
        let (result, output) = try await exec(getHelper(server.port) + """
            const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
            const all = [];
            for (let i = 0; i < 5; i++) all.push(get(agent, '/c' + i));
            console.log('in use', agent.sockets[name].length, 'queued', agent.requests[name].length);
            const results = await Promise.all(all);
            console.log(results.map((r) => r.body).join(','), results.map((r) => r.reused).join(','));
            console.log(Object.keys(agent.requests).length, agent.freeSockets[name].length);
            """, networkDriver(exempt: [server.port]))
        #expect(result.code == 0, "\(result)")
        // As node22 prints it (a queued request handed a freed socket is not `reusedSocket`).
        #expect(output.stdout == """
            in use 2 queued 3
            path /c0,path /c1,path /c2,path /c3,path /c4 false,false,false,false,false
            0 2

            """)
        #expect(server.stats.accepted == 2)
        #expect(server.stats.answered == 5)
    }

    @Test(.timeLimit(.minutes(1))) func withoutKeepAliveEveryRequestHasItsOwnConnection() async throws {
        let server = try await KeepAliveServer.start()
        defer { Task { await server.stop() } }
        let (result, output) = try await exec(getHelper(server.port) + """
            const agent = new http.Agent({ keepAlive: false });
            for (let i = 0; i < 3; i++) {
              const r = await get(agent, '/n' + i);
              console.log(r.body, r.reused, r.connection);
            }
            const r = await get(false, '/f');
            console.log(r.body, r.reused, r.connection, Object.keys(agent.sockets).length, agent.totalSocketCount);
            """, networkDriver(exempt: [server.port]))
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == """
            path /n0 false close
            path /n1 false close
            path /n2 false close
            path /f false close 0 0

            """)
        #expect(server.stats.accepted == 4)
    }

    @Test(.timeLimit(.minutes(1))) func theGlobalAgentKeepsConnectionsAlive() async throws {
        let server = try await KeepAliveServer.start()
        defer { Task { await server.stop() } }
        let (result, output) = try await exec(getHelper(server.port) + """
            console.log(http.globalAgent.keepAlive, http.globalAgent.options.timeout, require('https').globalAgent.keepAlive);
            for (let i = 0; i < 3; i++) {
              const r = await get(undefined, '/g' + i);
              console.log(r.body, r.reused, r.connection);
            }
            """, networkDriver(exempt: [server.port]))
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == """
            true 5000 true
            path /g0 false keep-alive
            path /g1 true keep-alive
            path /g2 true keep-alive

            """)
        #expect(server.stats.accepted == 1)
    }

    @Test(.timeLimit(.minutes(1))) func aReusedConnectionTheServerDroppedIsReplacedOnce() async throws {
        // The server answers one request per connection and drops the second unanswered: each
        // reuse fails before any byte of the answer, and the host retries on a fresh connection.
        let server = try await KeepAliveServer.start(.dropSecondRequest)
        defer { Task { await server.stop() } }
        let (result, output) = try await exec(getHelper(server.port) + """
            const agent = new http.Agent({ keepAlive: true });
            for (let i = 0; i < 3; i++) {
              const r = await get(agent, '/d' + i);
              console.log(r.body);
            }
            """, networkDriver(exempt: [server.port]))
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == "path /d0\npath /d1\npath /d2\n")
        #expect(server.stats.accepted == 3)
        #expect(server.stats.paths == ["/d0", "/d1", "/d2"])
    }

    @Test(.timeLimit(.minutes(1))) func aServerClosingIdleConnectionsFailsNoRequest() async throws {
        let server = try await KeepAliveServer.start(.closeAfterAnswer)
        defer { Task { await server.stop() } }
        let (result, output) = try await exec(getHelper(server.port) + """
            const agent = new http.Agent({ keepAlive: true });
            for (let i = 0; i < 4; i++) console.log((await get(agent, '/i' + i)).body);
            """, networkDriver(exempt: [server.port]))
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == "path /i0\npath /i1\npath /i2\npath /i3\n")
        #expect(server.stats.accepted == 4)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")), .timeLimit(.minutes(1)))
    func httpsAgentsPoolConnectionsToTheSandboxsOwnServer() async throws {
        let pem = try await SelfSignedCertificate.make()
        func js(_ text: String) -> String { "'" + text.replacingOccurrences(of: "\n", with: "\\n") + "'" }
        let (result, output) = try await exec("""
            const https = require('https');
            const key = \(js(pem.key)), cert = \(js(pem.cert));
            const server = https.createServer({ key, cert }, (req, res) => res.end(req.url));
            await new Promise((r) => server.listen(4443, r));
            const agent = new https.Agent({ keepAlive: true, ca: cert });
            const get = (path, extra = {}) => new Promise((resolve, reject) => {
              const req = https.get({ host: 'localhost', port: 4443, path, agent, ...extra }, (res) => {
                let body = '';
                res.on('data', (c) => body += c);
                res.on('end', () => resolve(body + ' ' + req.reusedSocket));
              }).on('error', reject);
            });
            console.log(await get('/t0'), await get('/t1'));
            // Other TLS options: another name, another connection.
            console.log(await get('/t2', { rejectUnauthorized: false }), Object.keys(agent.freeSockets).length);
            agent.destroy();
            server.close();
            """, NodeDriver(network: DefaultNetworkAdapter(), permissions: Permissions(network: .allow)))
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == "/t0 false /t1 true\n/t2 false 2\n")
    }

    @Test(.timeLimit(.minutes(1))) func aRequestTheGuestDestroysIsNotSentAgain() async throws {
        // The guest gives up on a request sent on a reused connection: the host closes that
        // connection and does not retry the request on a fresh one.
        let server = try await KeepAliveServer.start()
        defer { Task { await server.stop() } }
        let (result, output) = try await exec(getHelper(server.port) + """
            const agent = new http.Agent({ keepAlive: true });
            console.log((await get(agent, '/ok')).body);
            await new Promise((resolve) => {
              const req = http.get({ host: '127.0.0.1', port: \(server.port), path: '/hold', agent }, () => console.log('answered'));
              req.on('error', () => {});
              req.on('close', () => { console.log('closed', req.reusedSocket); resolve(); });
              req.setTimeout(300, () => req.destroy());
            });
            await new Promise((r) => setTimeout(r, 300));
            console.log(agent.totalSocketCount);
            """, networkDriver(exempt: [server.port]))
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == "path /ok\nclosed true\n0\n")
        #expect(server.stats.accepted == 1)
    }

    @Test(.timeLimit(.minutes(1))) func aDeniedRequestNeverUsesThePooledConnection() async throws {
        let server = try await KeepAliveServer.start()
        defer { Task { await server.stop() } }
        let log = NetworkLog()
        let check = log.check { !($0.url ?? "").contains("/denied") }
        let (result, output) = try await exec(getHelper(server.port) + """
            const agent = new http.Agent({ keepAlive: true });
            console.log((await get(agent, '/ok')).body);
            try { await get(agent, '/denied'); console.log('reached'); }
            catch (e) { console.log(e.code, e.syscall); }
            const r = await get(agent, '/again');
            console.log(r.body, r.reused);
            """, networkDriver(exempt: [server.port], check: check))
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == "path /ok\nEACCES connect\npath /again false\n")
        // Every request was checked; the denied one sent nothing.
        #expect(log.requests.compactMap(\.url) == ["/ok", "/denied", "/again"].map { "http://127.0.0.1:\(server.port)\($0)" })
        #expect(server.stats.paths == ["/ok", "/again"])
    }

    @Test(.timeLimit(.minutes(1))) func theEndOfTheCallClosesPooledConnections() async throws {
        let server = try await KeepAliveServer.start()
        defer { Task { await server.stop() } }
        let (runtime, output) = try makeRuntime(networkDriver(exempt: [server.port]))
        let result = try await runtime.exec(getHelper(server.port) + """
            const a = new http.Agent({ keepAlive: true });
            const b = new http.Agent({ keepAlive: true });
            await Promise.all([get(a, '/a1'), get(a, '/a2'), get(b, '/b1')]);
            console.log(a.freeSockets[name].length, b.freeSockets[name].length);
            """)
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == "2 1\n")
        #expect(server.stats.accepted == 3)
        // The guest left three idle connections; the call's end closed them (the runtime lives on).
        #expect(await server.waitUntilAllClosed())
        await runtime.dispose()
    }

    @Test(.timeLimit(.minutes(1))) func aSandboxServerIsReachedThroughAKeepAliveAgent() async throws {
        let (result, output) = try await exec("""
            const http = require('http');
            let connections = 0;
            const server = http.createServer((req, res) => res.end(req.url));
            server.listen(8080);
            await new Promise((r) => server.once('listening', r));
            const agent = new http.Agent({ keepAlive: true });
            for (let i = 0; i < 3; i++) {
              await new Promise((resolve, reject) => {
                const req = http.get({ host: 'localhost', port: 8080, path: '/k' + i, agent }, (res) => {
                  let body = '';
                  res.on('data', (c) => body += c);
                  res.on('end', () => { console.log(body, req.reusedSocket); resolve(); });
                }).on('error', reject);
              });
            }
            console.log(Object.keys(agent.freeSockets));
            agent.destroy();
            server.close();
            """, NodeDriver(network: DefaultNetworkAdapter(), permissions: Permissions(network: .allow)))
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == "/k0 false\n/k1 true\n/k2 true\n[ 'localhost:8080:' ]\n")
    }

    @Test func agentOptionsAndNamesAsNodeHasThem() async throws {
        let (result, output) = try await exec("""
            const http = require('http'), https = require('https');
            const a = new http.Agent({ keepAlive: true, maxSockets: 3, maxFreeSockets: 4, maxTotalSockets: 9, scheduling: 'fifo' });
            console.log(a.keepAlive, a.keepAliveMsecs, a.maxSockets, a.maxFreeSockets, a.maxTotalSockets, a.scheduling,
              a.totalSocketCount, a.defaultPort, a.protocol);
            console.log(http.globalAgent.getName({ host: 'a', port: 1 }), https.globalAgent.getName({ host: 'a', port: 1 }));
            console.log(new https.Agent().defaultPort, new https.Agent().protocol, new http.Agent().keepAlive);
            try { new http.Agent({ scheduling: 'x' }); } catch (e) { console.log(e.code); }
            try { new http.Agent({ maxTotalSockets: 0 }); } catch (e) { console.log(e.code); }
            """)
        #expect(result.code == 0, "\(result)")
        // node22 prints the same.
        #expect(output.stdout == """
            true 1000 3 4 9 fifo 0 80 http:
            a:1: a:1:::::::::::::::::::::
            443 https: false
            ERR_INVALID_ARG_VALUE
            ERR_OUT_OF_RANGE

            """)
    }
}
