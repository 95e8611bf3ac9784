import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS
import SecureExecBridge
import Synchronization

// MARK: - Raw TCP streams (the guest's `net.connect`)

/// What an open ``NetworkStream`` reports, in order.
public enum NetworkStreamEvent: Sendable {
    /// Bytes arrived.
    case data([UInt8])
    /// The other side finished sending.
    case end
    /// The connection failed.
    case error(NetworkError)
    /// The connection is closed (always the last event).
    case close
}

/// An open TCP connection a ``NetworkAdapter`` made for the guest's `net.connect`.
public protocol NetworkStream: Sendable {
    /// Sends bytes; returns once they are handed to the connection.
    func write(_ bytes: [UInt8]) async throws
    /// Finishes sending (the other side sees the end of the stream), then closes.
    func end() async
    /// Closes at once.
    func close()
    /// Asks for more data: the guest consumed what arrived (backpressure). A stream that pushes
    /// on its own may ignore it (the default does nothing).
    func read()
}

extension NetworkStream {
    public func read() {}
}

extension NetworkAdapter {
    /// Opens a TCP connection to `address` (already checked). The default refuses with `ENOSYS`:
    /// an adapter that carries only HTTP need not implement it.
    public func openStream(to address: IPAddress, port: Int,
                           events: @escaping @Sendable (NetworkStreamEvent) -> Void) async throws -> any NetworkStream {
        throw NetworkError(code: "ENOSYS", message: "raw TCP connections are not supported by this network adapter")
    }
}

extension NetworkAdapter {
    /// Opens a TLS connection to `address` (already checked), verifying the server's certificate
    /// against `serverName` (or the address). The default refuses with `ENOSYS`.
    public func openTLSStream(to address: IPAddress, port: Int, serverName: String?,
                              events: @escaping @Sendable (NetworkStreamEvent) -> Void) async throws -> any NetworkStream {
        throw NetworkError(code: "ENOSYS", message: "TLS connections are not supported by this network adapter")
    }
}

extension DefaultNetworkAdapter {
    /// A TLS connection on SwiftNIO and swift-nio-ssl (the system's trust roots, full
    /// verification); returns once the handshake completed.
    public func openTLSStream(to address: IPAddress, port: Int, serverName: String?,
                              events: @escaping @Sendable (NetworkStreamEvent) -> Void) async throws -> any NetworkStream {
        try await ChannelStream.openTLS(to: address, port: port, serverName: serverName,
                                        context: HTTPClientConnection.tlsContext.get(), events: events)
    }

    /// A TCP connection on SwiftNIO to `address` (connect timeout 30 s).
    public func openStream(to address: IPAddress, port: Int,
                           events: @escaping @Sendable (NetworkStreamEvent) -> Void) async throws -> any NetworkStream {
        let target = address.connectable
        let socketAddress: SocketAddress
        do {
            socketAddress = try SocketAddress(ipAddress: target.description, port: port)
        } catch {
            throw NetworkError(code: "EINVAL", message: "invalid address \(target)")
        }
        do {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(30))
                .channelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
                // Reads happen when the guest asks (``NetworkStream/read()``): backpressure.
                .channelOption(ChannelOptions.autoRead, value: false)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(StreamEventHandler(events: events))
                    }
                }
                .connect(to: socketAddress).get()
            return ChannelStream(channel: channel)
        } catch {
            throw HTTPClientConnection.describe(error, address: target, port: port)
        }
    }
}

/// A ``NetworkStream`` over a SwiftNIO channel.
struct ChannelStream: NetworkStream {
    let channel: any Channel

    /// A TLS connection with `context`; returns once the handshake completed.
    static func openTLS(to address: IPAddress, port: Int, serverName: String?, context: NIOSSLContext,
                        events: @escaping @Sendable (NetworkStreamEvent) -> Void) async throws -> any NetworkStream {
        let target = address.connectable
        let socketAddress: SocketAddress
        do {
            socketAddress = try SocketAddress(ipAddress: target.description, port: port)
        } catch {
            throw NetworkError(code: "EINVAL", message: "invalid address \(target)")
        }
        let sni = serverName.flatMap { IPAddress(urlHost: $0) == nil ? $0 : nil }
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let handshake = loop.makePromise(of: Void.self)
        do {
            let channel = try await ClientBootstrap(group: loop)
                .connectTimeout(.seconds(30))
                .channelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
                .channelOption(ChannelOptions.autoRead, value: false)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: context, serverHostname: sni))
                        try channel.pipeline.syncOperations.addHandler(StreamEventHandler(events: events, handshake: handshake))
                    }
                }
                .connect(to: socketAddress).get()
            channel.read()  // the handshake needs reads; the TLS handler keeps reading until it is done
            do {
                try await handshake.futureResult.get()
            } catch {
                channel.close(promise: nil)
                throw error
            }
            return ChannelStream(channel: channel)
        } catch let error as NetworkError {
            handshake.fail(error)  // a promise is always completed (no connection: no handler did)
            throw error
        } catch {
            handshake.fail(error)
            throw HTTPClientConnection.describe(error, address: target, port: port)
        }
    }

    func write(_ bytes: [UInt8]) async throws {
        do {
            try await channel.writeAndFlush(channel.allocator.buffer(bytes: bytes)).get()
        } catch {
            throw NetworkError(code: "EPIPE", message: "This socket has been ended by the other party")
        }
    }

    func end() async {
        do {
            try await channel.close(mode: .output).get()
        } catch {
            try? await channel.close().get()
        }
    }

    func close() { channel.close(promise: nil) }

    func read() { channel.read() }
}

/// Turns a channel's inbound side into ``NetworkStreamEvent``s.
final class StreamEventHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    private let events: @Sendable (NetworkStreamEvent) -> Void
    private let handshake: EventLoopPromise<Void>?
    private let onActive: (@Sendable () -> Void)?
    private var closed = false

    init(events: @escaping @Sendable (NetworkStreamEvent) -> Void, handshake: EventLoopPromise<Void>? = nil,
         onActive: (@Sendable () -> Void)? = nil) {
        self.events = events
        self.handshake = handshake
        self.onActive = onActive
    }

    private var announcedActive = false

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { becameActive() }
    }

    func channelActive(context: ChannelHandlerContext) {
        becameActive()
        context.fireChannelActive()
    }

    private func becameActive() {
        guard !announcedActive else { return }
        announcedActive = true
        onActive?()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        if let bytes = buffer.readBytes(length: buffer.readableBytes), !bytes.isEmpty { events(.data(bytes)) }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, case .inputClosed = event {
            events(.end)
            return
        }
        if let event = event as? TLSUserEvent, case .handshakeCompleted = event {
            handshake?.succeed(())
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        handshake?.fail(error)
        let code: String
        if let io = error as? IOError, io.errnoCode == ECONNRESET { code = "ECONNRESET" } else { code = "ECONNRESET" }
        events(.error(NetworkError(code: code, message: "read \(code)")))
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        handshake?.fail(NetworkError(code: "ECONNRESET", message: "Client network socket disconnected before secure TLS connection was established"))
        if !closed {
            closed = true
            events(.close)
        }
        context.fireChannelInactive()
    }
}

// MARK: - TCP servers a sandbox opened (`net.createServer`)

/// A TCP server on the host's loopback for the guest; each accepted connection becomes a stream
/// of the call, announced to the guest with a `connection` event.
final class SandboxTCPServer: Sendable {
    let id: Int
    let guestPort: Int
    let hostPort: Int
    /// TLS (the guest's key and certificate).
    let secure: Bool
    /// An http.Server or https.Server (the guest parses its connections as HTTP).
    let speaksHTTP: Bool
    private let channel: any Channel

    private init(id: Int, guestPort: Int, hostPort: Int, secure: Bool, speaksHTTP: Bool, channel: any Channel) {
        self.id = id
        self.secure = secure
        self.speaksHTTP = speaksHTTP
        self.guestPort = guestPort
        self.hostPort = hostPort
        self.channel = channel
    }

    static func start(id: Int, guestPort: Int, state: NetworkCallState, host: CallHost,
                      tls: NIOSSLContext? = nil, speaksHTTP: Bool = false) async throws -> SandboxTCPServer {
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.backlog, value: 128)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
            .childChannelOption(ChannelOptions.autoRead, value: false)
            .childChannelInitializer { [weak state, weak host] channel in
                guard let state, let host, let streamID = try? state.reserveStreamID() else { return channel.close() }
                let remote = channel.remoteAddress
                let local = channel.localAddress
                let emit = NetworkOperations.streamEmitter(host: host, state: state, id: streamID)
                let announce: @Sendable () -> Void = { [weak state, weak host] in
                    guard let state, let host, state.register(stream: ChannelStream(channel: channel), id: streamID) else { return }
                    host.emit("net.socket", .object([
                        "type": "connection", "server": .number(Double(id)), "id": .number(Double(streamID)),
                        "remoteAddress": .string(remote?.ipAddress ?? "127.0.0.1"),
                        "remotePort": .number(Double(remote?.port ?? 0)),
                        "localAddress": .string(local?.ipAddress ?? "127.0.0.1"),
                        "localPort": .number(Double(local?.port ?? 0)),
                    ]))
                }
                guard let tls else {
                    // Announced once active: a read the guest asks for before then would be
                    // dropped by the channel (NIO ignores reads of an inactive channel).
                    return channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(StreamEventHandler(events: emit, onActive: announce))
                    }
                }
                // TLS: the guest hears of the connection once the handshake completed; a client
                // that fails it is closed without the guest seeing anything (Node reports it as
                // the server's `tlsClientError`).
                let announced = AnnouncedFlag()
                let handshake = channel.eventLoop.makePromise(of: Void.self)
                handshake.futureResult.whenSuccess {
                    announced.set()
                    announce()
                }
                let gated: @Sendable (NetworkStreamEvent) -> Void = { event in if announced.isSet { emit(event) } }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls))
                    try channel.pipeline.syncOperations.addHandler(StreamEventHandler(events: gated, handshake: handshake))
                    try channel.pipeline.syncOperations.addHandler(ReadOnActive())
                }
            }
        let (channel, port) = try await bindLoopback(bootstrap)
        return SandboxTCPServer(id: id, guestPort: guestPort == 0 ? port : guestPort, hostPort: port, secure: tls != nil,
                                speaksHTTP: speaksHTTP, channel: channel)
    }

    func close() async { try? await channel.close() }
}

/// Whether a TLS server connection was announced to the guest.
private final class AnnouncedFlag: Sendable {
    private let value = Mutex(false)
    var isSet: Bool { value.withLock { $0 } }
    func set() { value.withLock { $0 = true } }
}

/// Reads once when the connection is up (a TLS server's handshake needs the first read; the
/// handler keeps reading until it completes).
private final class ReadOnActive: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    func channelActive(context: ChannelHandlerContext) {
        context.fireChannelActive()
        context.read()
    }
}

// MARK: - The guest's net operations

extension NetworkOperations {
    func performNet(_ op: String, _ args: Arguments, _ binary: [UInt8]?) async throws -> BridgeResponse {
        switch op {
        case "net.connect": return try await connect(args)
        case "net.write":
            guard let stream = state.stream(try args.int("id")) else {
                throw GuestError(code: "EPIPE", message: "This socket has been ended by the other party", syscall: "write")
            }
            do { try await stream.write(binary ?? []) } catch let error as NetworkError {
                throw GuestError(code: error.code, message: error.message, syscall: "write")
            }
            return .undefined
        case "net.read":
            state.stream(try args.int("id"))?.read()
            return .undefined
        case "net.end":
            await state.stream(try args.int("id"))?.end()
            return .undefined
        case "net.destroy":
            state.removeStream(try args.int("id"))?.close()
            return .undefined
        case "net.listen": return try await listenTCP(args)
        case "net.closeServer":
            await state.closeTCPServer(try args.int("id"))
            return .undefined
        default:
            throw GuestError(code: "ERR_SANDBOX_UNKNOWN_OPERATION", message: "unknown bridge operation '\(op)'")
        }
    }

    /// Events of stream `id` to the guest (`net.socket`), in order; the stream leaves the call's
    /// table once closed.
    static func streamEmitter(host: CallHost, state: NetworkCallState, id: Int) -> @Sendable (NetworkStreamEvent) -> Void {
        { [weak host, weak state] event in
            guard let host else { return }
            let idValue = JSONValue.number(Double(id))
            switch event {
            case .data(let bytes): host.emit("net.socket", .object(["type": "data", "id": idValue]), binary: bytes)
            case .end: host.emit("net.socket", .object(["type": "end", "id": idValue]))
            case .error(let error):
                host.emit("net.socket", .object(["type": "error", "id": idValue, "code": .string(error.code),
                                                 "message": .string(error.message)]))
            case .close:
                _ = state?.removeStream(id)
                host.emit("net.socket", .object(["type": "close", "id": idValue]))
            }
        }
    }

    /// `{host, port}` → `{id, remoteAddress, remotePort}` after the whole gate (op `connect`,
    /// protocol `tcp:`).
    private func connect(_ args: Arguments) async throws -> BridgeResponse {
        let rawHost = try args.string("host").lowercased()
        let port = try args.int("port")
        guard port > 0, port <= 65535 else {
            throw GuestError(code: "ERR_SOCKET_BAD_PORT", message: "Port should be > 0 and < 65536. Received \(port).",
                             name: "RangeError")
        }
        let tls = args.bool("tls") ?? false
        let serverName = try args.optionalString("servername")
        let bracketed = rawHost.contains(":") && !rawHost.hasPrefix("[") ? "[\(rawHost)]" : rawHost
        guard let url = ParsedURL("\(tls ? "tls" : "tcp")://\(bracketed):\(port)/") else {
            throw Self.failure(NetworkError(code: "ENOTFOUND", message: "getaddrinfo ENOTFOUND \(rawHost)"),
                               syscall: "getaddrinfo", host: rawHost)
        }
        let destination = try await gate(url, op: .connect, method: nil, reportURL: false)
        guard let adapter = host.driver.network else { throw GuestError(code: "ENOSYS", message: "no network adapter") }
        let id = try state.reserveStreamID()
        let emit = Self.streamEmitter(host: host, state: state, id: id)
        let stream: any NetworkStream
        var connectedTo = destination.address
        do {
            let ownTLS = tls && destination.ownServer ? try TLSContexts.ownServerClient(args) : nil
            stream = try await Self.eachAddress(destination) { address in
                connectedTo = address
                return try await state.track {
                    if let ownTLS {
                        return try await ChannelStream.openTLS(to: address, port: destination.port,
                                                               serverName: serverName ?? destination.hostname,
                                                               context: ownTLS, events: emit)
                    }
                    if tls {
                        return try await adapter.openTLSStream(to: address, port: destination.port,
                                                               serverName: serverName ?? destination.hostname, events: emit)
                    }
                    return try await adapter.openStream(to: address, port: destination.port, events: emit)
                }
            }
        } catch let error as NetworkError {
            throw Self.failure(error, syscall: "connect", host: destination.hostname)
        }
        guard state.register(stream: stream, id: id) else {
            throw GuestError(code: "ERR_SOCKET_CLOSED", message: "the call has ended")
        }
        var answer: [String: JSONValue] = ["id": .number(Double(id)), "remoteAddress": .string(connectedTo.connectable.description),
                                           "remotePort": .number(Double(port))]
        if let local = (stream as? ChannelStream)?.channel.localAddress {
            answer["localAddress"] = .string(local.ipAddress ?? "127.0.0.1")
            answer["localPort"] = .number(Double(local.port ?? 0))
        }
        return .value(.object(answer))
    }

    /// `{port, host?, tls?, http?}` → `{id, port}`: a TCP server on the host's loopback (op
    /// `listen`, protocol `tcp:`/`tls:`, or `http:`/`https:` for the guest's http and https
    /// servers, which parse their connections themselves).
    private func listenTCP(_ args: Arguments) async throws -> BridgeResponse {
        let port = (try? args.int("port")) ?? 0
        guard port >= 0, port <= 65535 else {
            throw GuestError(code: "ERR_SOCKET_BAD_PORT", message: "options.port should be >= 0 and < 65536. Received \(port).",
                             name: "RangeError")
        }
        let requestedHost = (try args.optionalString("host")) ?? "127.0.0.1"
        let secure = args.raw["tls"].map { !$0.isNull } ?? false
        let http = args.raw["http"] == .bool(true)
        let scheme = http ? (secure ? "https:" : "http:") : (secure ? "tls:" : "tcp:")
        let decision = await host.driver.permissions.network?.decide(
            NetworkAccessRequest(op: .listen, hostname: requestedHost, port: port, protocol: scheme)) ?? .deny
        guard decision.allow else { throw Self.denied("listen", host: requestedHost, port: port, reason: decision.reason) }
        let tls = try TLSContexts.server(args)
        let server = try await state.openTCPServer(guestPort: port, host: host, tls: tls, speaksHTTP: http)
        return .value(["id": .number(Double(server.id)), "port": .number(Double(server.guestPort)),
                       "hostPort": .number(Double(server.hostPort))])
    }
}
