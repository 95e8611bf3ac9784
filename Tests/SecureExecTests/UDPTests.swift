import Foundation
import NIOCore
import NIOPosix
@testable import SecureExec
import Synchronization
import Testing

/// A UDP echo server on the host's loopback (answers every datagram with "echo:" + it).
final class LoopbackUDPEcho: Sendable {
    let channel: any Channel
    var port: Int { channel.localAddress?.port ?? 0 }

    private init(channel: any Channel) { self.channel = channel }

    static func start() async throws -> LoopbackUDPEcho {
        let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(Echo()) }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return LoopbackUDPEcho(channel: channel)
    }

    func stop() async { try? await channel.close().get() }

    private final class Echo: ChannelInboundHandler {
        typealias InboundIn = AddressedEnvelope<ByteBuffer>
        typealias OutboundOut = AddressedEnvelope<ByteBuffer>
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var envelope = unwrapInboundIn(data)
            var reply = context.channel.allocator.buffer(string: "echo:")
            reply.writeBuffer(&envelope.data)
            context.writeAndFlush(wrapOutboundOut(AddressedEnvelope(remoteAddress: envelope.remoteAddress, data: reply)), promise: nil)
        }
    }
}

@Suite("dgram: UDP sockets against a real loopback server", .timeLimit(.minutes(2)))
struct UDPTests {
    /// Two sandbox sockets talk on the loopback (no exemption needed: they are the sandbox's
    /// own), connected and not; output as Node 22 prints it for the same script.
    @Test func sandboxSocketsTalkToEachOther() async throws {
        let (result, output) = try await exec("""
            const dgram = require('dgram');
            const server = dgram.createSocket('udp4');
            server.on('message', (msg, rinfo) => {
              console.log('server got', msg.toString(), rinfo.family, rinfo.size);
              server.send(msg.toString().toUpperCase(), rinfo.port, rinfo.address);
            });
            await new Promise((resolve) => server.bind(0, resolve));
            const { port, address, family } = server.address();
            console.log('listening', address, family);
            const client = dgram.createSocket('udp4');
            const reply = () => new Promise((resolve) => client.once('message', (m) => resolve(m.toString())));
            const sent = new Promise((resolve) => client.send(['hel', Buffer.from('lo')], port, '127.0.0.1', (err, n) => resolve(`${err} ${n}`)));
            console.log('client got', await reply());
            console.log('sent', await sent);
            await new Promise((resolve) => client.connect(port, resolve));
            client.send('second');
            console.log('client got', await reply(), client.remoteAddress().port === port);
            try { client.send('x', 0, 1, port, '127.0.0.1'); } catch (e) { console.log(e.code); }
            client.close();
            server.close(() => console.log('closed'));
            """, networkDriver())
        #expect(result.code == 0, "\(result.errorMessage ?? "") \(output.stderr)")
        #expect(output.stdout == """
            listening 0.0.0.0 IPv4
            server got hello IPv4 5
            client got HELLO
            sent null 5
            server got second IPv4 6
            client got SECOND true
            ERR_SOCKET_DGRAM_IS_CONNECTED
            closed

            """)
    }

    /// A host UDP server is reached only as the network check and the SSRF policy allow: the
    /// loopback port must be exempt; link-local (metadata) addresses are refused even with the
    /// check allowing everything; binding asks the check (op `listen`, protocol `udp:`).
    @Test func destinationsPassTheConnectionGate() async throws {
        let echo = try await LoopbackUDPEcho.start()
        let port = echo.port
        let script = """
            const dgram = require('dgram');
            const s = dgram.createSocket('udp4');
            s.on('error', (e) => console.log('error', e.code));
            const reply = new Promise((resolve) => s.once('message', (m) => resolve(m.toString())));
            const sent = (address, port) => new Promise((resolve) => s.send('ping', port, address, (err) => resolve(err ? err.code : 'ok')));
            const result = await sent('127.0.0.1', \(port));
            console.log('host server', result);
            if (result === 'ok') console.log('reply', await reply);
            console.log('metadata', await sent('169.254.169.254', 80));
            s.close();
            """
        let requests = Mutex<[String]>([])
        let check = PermissionCheck<NetworkAccessRequest>.check { request in
            requests.withLock { $0.append("\(request.op.rawValue) \(request.protocol ?? "-") \(request.hostname)") }
            return .allow
        }
        let (allowed, output) = try await exec(script, networkDriver(exempt: [port], check: check))
        #expect(allowed.code == 0, "\(allowed.errorMessage ?? "")")
        #expect(output.stdout == "host server ok\nreply echo:ping\nmetadata EACCES\n")
        #expect(requests.withLock { $0.contains("listen udp: 127.0.0.1") && $0.contains("connect udp: 127.0.0.1") })

        let (_, notExempt) = try await exec(script, networkDriver())
        #expect(notExempt.stdout == "host server EACCES\nmetadata EACCES\n")

        let (denied, deniedOutput) = try await exec("""
            const s = require('dgram').createSocket('udp4');
            s.on('error', (e) => console.log(e.code, e.syscall));
            s.bind(0);
            """, networkDriver(check: .deny))
        #expect(denied.code == 0)
        #expect(deniedOutput.stdout == "EACCES bind\n")
        await echo.stop()
    }

    /// A socket never closed by the guest is closed with its call; sockets count as handles.
    @Test func socketsAreBoundedAndEndWithTheCall() async throws {
        let (runtime, output) = try makeRuntime(networkDriver(), limits: ResourceLimits(maxHandles: 3))
        let result = try await runtime.exec("""
            const dgram = require('dgram');
            const open = () => new Promise((resolve) => {
              const s = dgram.createSocket('udp4');
              s.on('error', (e) => resolve(e.code));
              s.bind(0, () => { s.unref(); resolve('bound'); });
            });
            const results = [];
            for (let i = 0; i < 4; i++) results.push(await open());
            console.log(results.join(' '));
            """)
        #expect(result.code == 0, "\(result.errorMessage ?? "")")
        #expect(output.stdout == "bound bound bound ERR_RESOURCE_BUDGET_EXCEEDED\n")
        let next = try await runtime.exec("""
            const s = require('dgram').createSocket('udp4');
            s.bind(0, () => { console.log('bound again'); s.close(); });
            """)
        #expect(next.code == 0)
        #expect(output.stdout.hasSuffix("bound again\n"))
        await runtime.dispose()
    }
}
