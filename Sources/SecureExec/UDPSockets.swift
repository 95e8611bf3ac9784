import NIOCore
import NIOPosix
import SecureExecBridge
import Synchronization

/// A UDP socket a sandbox opened (`dgram`). It is bound on the host's loopback whatever address
/// the guest names (as the sandbox's TCP and HTTP servers are); every datagram it sends goes to
/// an address that passed the same gate as a connection (op `connect`, protocol `udp:`), except
/// to the sandbox's own UDP sockets on the loopback. Datagrams are read one at a time, when the
/// guest took the previous one (backpressure). It lives in the call's stream table (same ids,
/// bounds and clean-up as `net` sockets).
final class SandboxUDPSocket: NetworkStream, Sendable {
    enum Event: Sendable {
        case message([UInt8], from: IPAddress, port: Int)
        case error(NetworkError)
        case close
    }

    /// The largest payload of one datagram (IPv4 limit).
    static let maxPayload = 65507

    let channel: any Channel
    let localPort: Int
    let ipv6: Bool
    /// The peer of a connected socket (`socket.connect`).
    let peer = Mutex<(address: IPAddress, port: Int)?>(nil)

    private init(channel: any Channel, localPort: Int, ipv6: Bool) {
        self.channel = channel
        self.localPort = localPort
        self.ipv6 = ipv6
    }

    static func open(ipv6: Bool, port: Int, reuseAddress: Bool,
                     events: @escaping @Sendable (Event) -> Void) async throws -> SandboxUDPSocket {
        let bootstrap = DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(ChannelOptions.socketOption(.so_reuseaddr), value: reuseAddress ? 1 : 0)
            .channelOption(ChannelOptions.autoRead, value: false)
            .channelOption(ChannelOptions.maxMessagesPerRead, value: 1)
            .channelOption(ChannelOptions.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: 65536))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(UDPEventHandler(events: events))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.bind(host: ipv6 ? "::1" : "127.0.0.1", port: port).get()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw GuestError.system("EADDRINUSE", "address already in use", syscall: "bind")
        } catch {
            throw GuestError.system("EADDRNOTAVAIL", "address not available", syscall: "bind")
        }
        let socket = SandboxUDPSocket(channel: channel, localPort: channel.localAddress?.port ?? port, ipv6: ipv6)
        channel.read()
        return socket
    }

    func send(_ bytes: [UInt8], to address: IPAddress, port: Int) async throws {
        let target = address.connectable
        let remote: SocketAddress
        do {
            remote = try SocketAddress(ipAddress: target.description, port: port)
        } catch {
            throw GuestError.system("EINVAL", "invalid argument", syscall: "send")
        }
        let envelope = AddressedEnvelope(remoteAddress: remote, data: channel.allocator.buffer(bytes: bytes))
        do {
            try await channel.writeAndFlush(envelope).get()
        } catch {
            throw GuestError.system("ENETUNREACH", "network is unreachable", syscall: "send")
        }
    }

    // NetworkStream: only what the call's stream table needs.
    func write(_ bytes: [UInt8]) async throws {
        throw NetworkError(code: "EDESTADDRREQ", message: "a datagram needs a destination")
    }
    func end() async { close() }
    func close() { channel.close(promise: nil) }
    func read() { channel.read() }
}

/// Turns a datagram channel's input into ``SandboxUDPSocket/Event``s.
private final class UDPEventHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    private let events: @Sendable (SandboxUDPSocket.Event) -> Void

    init(events: @escaping @Sendable (SandboxUDPSocket.Event) -> Void) { self.events = events }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var envelope = unwrapInboundIn(data)
        let bytes = envelope.data.readBytes(length: envelope.data.readableBytes) ?? []
        guard let text = envelope.remoteAddress.ipAddress, let address = IPAddress(text),
              let port = envelope.remoteAddress.port else {
            context.read()
            return
        }
        events(.message(bytes, from: address, port: port))
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // An ICMP error for an earlier send (ECONNREFUSED on a connected socket): reported, not fatal.
        let code = (error as? IOError)?.errnoCode == ECONNREFUSED ? "ECONNREFUSED" : "EIO"
        events(.error(NetworkError(code: code, message: "recvmsg \(code)")))
        context.read()
    }

    func channelInactive(context: ChannelHandlerContext) {
        events(.close)
        context.fireChannelInactive()
    }
}

// MARK: - The guest's dgram operations

extension NetworkOperations {
    func performUDP(_ op: String, _ args: Arguments, _ binary: [UInt8]?) async throws -> BridgeResponse {
        switch op {
        case "udp.bind": return try await bindUDP(args)
        case "udp.send":
            let socket = try udpSocket(args)
            let bytes = binary ?? []
            guard bytes.count <= SandboxUDPSocket.maxPayload else {
                throw GuestError.system("EMSGSIZE", "message too long", syscall: "send")
            }
            let (address, port) = try await udpDestination(args, socket: socket, syscall: "send")
            try await socket.send(bytes, to: address, port: port)
            return .value(.number(Double(bytes.count)))
        case "udp.connect":
            let socket = try udpSocket(args)
            let (address, port) = try await udpDestination(args, socket: nil, syscall: "connect")
            socket.peer.withLock { $0 = (address, port) }
            return .value(["address": .string(address.connectable.description), "port": .number(Double(port))])
        case "udp.disconnect":
            try udpSocket(args).peer.withLock { $0 = nil }
            return .undefined
        case "udp.read":
            (state.stream(try args.int("id")) as? SandboxUDPSocket)?.read()
            return .undefined
        case "udp.close":
            state.removeStream(try args.int("id"))?.close()
            return .undefined
        default:
            throw GuestError(code: "ERR_SANDBOX_UNKNOWN_OPERATION", message: "unknown bridge operation '\(op)'")
        }
    }

    private func udpSocket(_ args: Arguments) throws -> SandboxUDPSocket {
        guard let socket = state.stream(try args.int("id")) as? SandboxUDPSocket else {
            throw GuestError(code: "ERR_SOCKET_DGRAM_NOT_RUNNING", message: "Not running")
        }
        return socket
    }

    /// `{type, port, reuseAddr}` → `{id, port}`: a socket on the loopback (op `listen`, protocol
    /// `udp:`, hostname the loopback address bound).
    private func bindUDP(_ args: Arguments) async throws -> BridgeResponse {
        let port = (try? args.int("port")) ?? 0
        guard port >= 0, port <= 65535 else {
            throw GuestError(code: "ERR_SOCKET_BAD_PORT", message: "Port should be >= 0 and < 65536. Received \(port).",
                             name: "RangeError")
        }
        let ipv6 = (try args.optionalString("type")) == "udp6"
        // The check sees the address really bound: the loopback of the socket's family.
        let bound = ipv6 ? "::1" : "127.0.0.1"
        let decision = await host.driver.permissions.network?.decide(
            NetworkAccessRequest(op: .listen, hostname: bound, port: port, protocol: "udp:")) ?? .deny
        guard decision.allow else { throw Self.denied("bind", host: bound, port: port, reason: decision.reason) }
        let reuseAddress = args.bool("reuseAddr") ?? false
        let id = try state.reserveStreamID()
        let host = host
        let state = state
        let socket = try await state.track {
            try await SandboxUDPSocket.open(ipv6: ipv6, port: port, reuseAddress: reuseAddress) { [weak host, weak state] event in
                guard let host else { return }
                let idValue = JSONValue.number(Double(id))
                switch event {
                case .message(let bytes, let address, let port):
                    host.emit("udp", ["type": "message", "id": idValue, "address": .string(address.description),
                                      "port": .number(Double(port)), "family": .string(address.bytes.count == 4 ? "IPv4" : "IPv6")],
                              binary: bytes)
                case .error(let error):
                    host.emit("udp", ["type": "error", "id": idValue, "code": .string(error.code), "message": .string(error.message)])
                case .close:
                    _ = state?.removeStream(id)
                    host.emit("udp", ["type": "close", "id": idValue])
                }
            }
        }
        guard state.register(stream: socket, id: id) else {
            throw GuestError(code: "ERR_SOCKET_DGRAM_NOT_RUNNING", message: "the call has ended")
        }
        return .value(["id": .number(Double(id)), "port": .number(Double(socket.localPort))])
    }

    /// Where a datagram goes: the connected peer, or `{address, port}` through the gate (the
    /// sandbox's own UDP sockets on the loopback need no exemption).
    private func udpDestination(_ args: Arguments, socket: SandboxUDPSocket?, syscall: String) async throws -> (IPAddress, Int) {
        if let socket, args.raw["port"] == nil || args.raw["port"]?.isNull == true {
            guard let peer = socket.peer.withLock({ $0 }) else {
                throw GuestError(code: "ERR_SOCKET_DGRAM_NOT_CONNECTED", message: "Not connected")
            }
            return peer
        }
        let port = try args.int("port")
        guard port > 0, port <= 65535 else {
            throw GuestError(code: "ERR_SOCKET_BAD_PORT", message: "Port should be > 0 and < 65536. Received \(port).",
                             name: "RangeError")
        }
        let rawHost = try args.string("address").lowercased()
        let bracketed = rawHost.contains(":") && !rawHost.hasPrefix("[") ? "[\(rawHost)]" : rawHost
        guard let url = ParsedURL("udp://\(bracketed):\(port)/") else {
            throw Self.failure(NetworkError(code: "ENOTFOUND", message: "getaddrinfo ENOTFOUND \(rawHost)"),
                               syscall: "getaddrinfo", host: rawHost)
        }
        let state = state
        let destination = try await gate(url, op: .connect, method: nil, reportURL: false) { port in
            state.udpPorts.contains(port) ? port : nil
        }
        // One of the sandbox's own sockets: on the loopback of the sender's family.
        if destination.ownServer, let socket {
            return (socket.ipv6 ? IPAddress(bytes: [UInt8](repeating: 0, count: 15) + [1]) ?? destination.address : destination.address,
                    destination.port)
        }
        return (destination.address, destination.port)
    }
}
