import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import SecureExecBridge
import Synchronization

/// The answer the guest gave to a request one of its servers received.
struct SandboxServerResponse: Sendable {
    var status: Int
    var statusText: String?
    var headers: [HTTPHeader]
    var body: [UInt8]
}

/// One call's networking state: the sandbox's servers, requests waiting for the guest's answer,
/// and network work in flight (cancelled when the call ends).
final class NetworkCallState: Sendable {
    /// Servers one call may open.
    static let maxServers = 64
    /// Connections one server accepts at once.
    static let maxConnectionsPerServer = 256
    /// Lookups and exchanges one call may have in flight at once.
    static let maxInFlight = 256
    /// `net` sockets one call may have open at once.
    static let maxStreams = 256

    private struct Inner {
        var servers: [Int: SandboxServer] = [:]
        var nextServer = 1
        /// `net` sockets and servers (NetSockets.swift).
        var streams: [Int: any NetworkStream] = [:]
        var tcpServers: [Int: SandboxTCPServer] = [:]
        /// Open WebSockets (WebSocketClient.swift); they share the ids and the bound of streams.
        var webSockets: [Int: any NetworkWebSocket] = [:]
        /// Keep-alive HTTP client connections (HTTPConnectionPool.swift); same ids and bound.
        var pooled: [Int: PooledHTTPConnection] = [:]
        var nextStream = 1
        /// Response bodies still streaming to the guest: how to stop each.
        var bodies: [Int: @Sendable () -> Void] = [:]
        /// How to ask each streaming body for more (read on demand).
        var bodyReaders: [Int: @Sendable () -> Void] = [:]
        var pending: [Int: SandboxResponseWriter] = [:]
        /// Servers the guest closed whose connections may still be finishing an answer (cut when
        /// the call ends).
        var draining: [SandboxServer] = []
        var nextRequest = 1
        var inFlight: [Int: @Sendable () -> Void] = [:]
        var nextTask = 1
        var cleanupRegistered = false
        var ended = false
        /// Servers reserved and still starting (their listen has not answered yet).
        var startingServers = 0
    }
    private let inner = Mutex(Inner())
    /// ``ResourceLimits/maxHandles``: sockets, WebSockets, pooled connections, servers and
    /// requests in flight together (each kind also has its own fixed bound above).
    let handleLimit: Int

    init(handleLimit: Int = .max) {
        self.handleLimit = max(0, handleLimit)
    }

    /// The call's live handles.
    private static func handles(_ state: Inner) -> Int {
        state.streams.count + state.webSockets.count + state.pooled.count + state.servers.count + state.tcpServers.count
            + state.startingServers + state.inFlight.count
    }

    /// `ERR_RESOURCE_BUDGET_EXCEEDED` once the call holds `handleLimit` handles.
    private func checkHandleBudget(_ state: Inner) throws {
        guard Self.handles(state) < handleLimit else {
            throw GuestError(code: "ERR_RESOURCE_BUDGET_EXCEEDED",
                             message: "ERR_RESOURCE_BUDGET_EXCEEDED: maximum number of handles (\(handleLimit)) exceeded")
        }
    }

    /// Registers the state's clean-up with the call (once).
    func attach(to host: CallHost) {
        let first = inner.withLock { state -> Bool in
            defer { state.cleanupRegistered = true }
            return !state.cleanupRegistered
        }
        if first { host.onCallEnd { [self] in await shutdown() } }
    }

    /// Runs `body` so that the end of the call cancels it.
    func track<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        // The slot first (budgets checked), then the work: a refused request never starts.
        let id = try inner.withLock { state -> Int? in
            if state.ended { return nil }
            try checkHandleBudget(state)
            guard state.inFlight.count < Self.maxInFlight else {
                throw GuestError(code: "EMFILE", message: "too many network requests in flight (\(Self.maxInFlight))")
            }
            defer { state.nextTask += 1 }
            state.inFlight[state.nextTask] = {}
            return state.nextTask
        }
        guard let id else { throw CancellationError() }
        defer { _ = inner.withLock { $0.inFlight.removeValue(forKey: id) } }
        let task = Task { try await body() }
        let registered = inner.withLock { state -> Bool in
            guard !state.ended, state.inFlight[id] != nil else { return false }
            state.inFlight[id] = { task.cancel() }
            return true
        }
        // The call ended between the two steps: its clean-up did not see this task.
        if !registered { task.cancel() }
        return try await withTaskCancellationHandler { try await task.value } onCancel: { task.cancel() }
    }

    /// The real port of the sandbox server the guest knows as `guestPort`, if one is open.
    func hostPort(forGuestPort guestPort: Int) -> Int? {
        inner.withLock { state in
            state.servers.values.first { $0.guestPort == guestPort }?.hostPort
                ?? state.tcpServers.values.first { $0.guestPort == guestPort }?.hostPort
        }
    }

    /// The call's open servers.
    var serverList: [RuntimeNetwork.Server] {
        inner.withLock { state in
            state.servers.values.map {
                RuntimeNetwork.Server(guestPort: $0.guestPort, hostPort: $0.hostPort, kind: $0.secure ? .https : .http)
            } + state.tcpServers.values.map {
                RuntimeNetwork.Server(guestPort: $0.guestPort, hostPort: $0.hostPort, kind: $0.secure ? .tls : .tcp)
            }
        }
    }

    /// Guest ports in use by the call's servers (http and net).
    private func portTaken(_ state: Inner, _ guestPort: Int) -> Bool {
        state.servers.values.contains { $0.guestPort == guestPort } || state.tcpServers.values.contains { $0.guestPort == guestPort }
    }

    // MARK: net sockets and servers

    /// Reserves a stream id (nil once the call has ended or too many are open).
    func reserveStreamID() throws -> Int {
        try inner.withLock { state in
            guard !state.ended else { throw GuestError(code: "ERR_SOCKET_CLOSED", message: "the call has ended") }
            try checkHandleBudget(state)
            guard state.streams.count + state.webSockets.count + state.pooled.count < Self.maxStreams else {
                throw GuestError.system("EMFILE", "too many open sockets", syscall: "connect")
            }
            defer { state.nextStream += 1 }
            return state.nextStream
        }
    }

    /// Registers an open stream; false (and the stream closed) when the call has ended.
    func register(stream: any NetworkStream, id: Int) -> Bool {
        let accepted = inner.withLock { state -> Bool in
            guard !state.ended else { return false }
            state.streams[id] = stream
            return true
        }
        if !accepted { stream.close() }
        return accepted
    }

    /// Registers a pooled HTTP connection; false (and the connection closed) when the call has
    /// ended or the call's sockets are at their bound.
    func register(pooled connection: PooledHTTPConnection) -> Bool {
        let accepted = inner.withLock { state -> Bool in
            guard !state.ended, state.streams.count + state.webSockets.count + state.pooled.count < Self.maxStreams,
                  Self.handles(state) < handleLimit else {
                return false
            }
            state.pooled[connection.id] = connection
            return true
        }
        if !accepted { connection.close() }
        return accepted
    }

    func pooledConnection(_ id: Int) -> PooledHTTPConnection? {
        inner.withLock { $0.pooled[id] }
    }

    func removePooled(_ id: Int) -> PooledHTTPConnection? {
        inner.withLock { $0.pooled.removeValue(forKey: id) }
    }

    /// Registers an open WebSocket; false (and the socket closed) when the call has ended.
    func register(webSocket: any NetworkWebSocket, id: Int) -> Bool {
        let accepted = inner.withLock { state -> Bool in
            guard !state.ended else { return false }
            state.webSockets[id] = webSocket
            return true
        }
        if !accepted { webSocket.terminate() }
        return accepted
    }

    func webSocket(_ id: Int) -> (any NetworkWebSocket)? { inner.withLock { $0.webSockets[id] } }

    func removeWebSocket(_ id: Int) -> (any NetworkWebSocket)? { inner.withLock { $0.webSockets.removeValue(forKey: id) } }

    /// Registers a streaming body's canceller under a new id (nil once the call has ended).
    func registerBody(cancel: @escaping @Sendable () -> Void) -> Int? {
        inner.withLock { state in
            guard !state.ended else { return nil }
            defer { state.nextStream += 1 }
            state.bodies[state.nextStream] = cancel
            return state.nextStream
        }
    }

    /// Reserves a body id before the exchange starts (its events may precede the answer).
    func reserveBodyID() throws -> Int {
        try inner.withLock { state in
            guard !state.ended else { throw GuestError(code: "ECONNRESET", message: "the call has ended") }
            guard state.bodies.count < Self.maxStreams else {
                throw GuestError(code: "EMFILE", message: "too many response bodies open")
            }
            defer { state.nextStream += 1 }
            state.bodies[state.nextStream] = {}
            return state.nextStream
        }
    }

    func setBodyCancel(_ id: Int, _ cancel: @escaping @Sendable () -> Void) {
        let ended = inner.withLock { state -> Bool in
            if state.ended { return true }
            if state.bodies[id] != nil { state.bodies[id] = cancel }
            return false
        }
        if ended { cancel() }
    }

    func finishBody(_ id: Int) -> (@Sendable () -> Void)? {
        inner.withLock { state in
            state.bodyReaders.removeValue(forKey: id)
            return state.bodies.removeValue(forKey: id)
        }
    }

    func setBodyReader(_ id: Int, _ read: @escaping @Sendable () -> Void) {
        inner.withLock { state in if state.bodies[id] != nil { state.bodyReaders[id] = read } }
    }

    func hasBodyReader(_ id: Int) -> Bool { inner.withLock { $0.bodyReaders[id] != nil } }

    /// The guest wants more of body `id`.
    func readBody(_ id: Int) { inner.withLock { $0.bodyReaders[id] }?() }

    func stream(_ id: Int) -> (any NetworkStream)? { inner.withLock { $0.streams[id] } }

    func removeStream(_ id: Int) -> (any NetworkStream)? { inner.withLock { $0.streams.removeValue(forKey: id) } }

    /// The loopback ports of the call's own UDP sockets.
    var udpPorts: Set<Int> {
        inner.withLock { Set($0.streams.values.compactMap { ($0 as? SandboxUDPSocket)?.localPort }) }
    }

    /// A server id for a new listen: refused once the call has ended, past ``maxServers``, or when
    /// the guest asks for a port one of its servers already has.
    private func reserveServer(guestPort: Int) throws -> Int {
        try inner.withLock { state -> Int in
            guard !state.ended else { throw GuestError(code: "ERR_SERVER_NOT_RUNNING", message: "the call has ended") }
            try checkHandleBudget(state)
            guard state.servers.count + state.tcpServers.count + state.startingServers < Self.maxServers else {
                throw GuestError.system("EMFILE", "too many open servers", syscall: "listen")
            }
            if guestPort != 0, portTaken(state, guestPort) {
                var error = GuestError.system("EADDRINUSE", "address already in use", syscall: "listen")
                error.message = "listen EADDRINUSE: address already in use 127.0.0.1:\(guestPort)"
                throw error
            }
            defer { state.nextServer += 1 }
            state.startingServers += 1
            return state.nextServer
        }
    }

    /// Starts a server reserved with `reserveServer` and registers it, unless the call ended while
    /// it started (it is closed then). The reservation ends either way.
    private func startReserved<Server: Sendable>(_ start: () async throws -> Server, close: (Server) async -> Void,
                                                 register: (inout Inner, Server) -> Void) async throws -> Server {
        let server: Server
        do {
            server = try await start()
        } catch {
            inner.withLock { $0.startingServers -= 1 }
            throw error
        }
        let accepted = inner.withLock { state -> Bool in
            state.startingServers -= 1
            guard !state.ended else { return false }
            register(&state, server)
            return true
        }
        if !accepted {
            await close(server)
            throw GuestError(code: "ERR_SERVER_NOT_RUNNING", message: "the call has ended")
        }
        return server
    }

    func openTCPServer(guestPort: Int, host: CallHost, tls: NIOSSLContext? = nil) async throws -> SandboxTCPServer {
        let id = try reserveServer(guestPort: guestPort)
        return try await startReserved({ try await SandboxTCPServer.start(id: id, guestPort: guestPort, state: self, host: host, tls: tls) },
                                       close: { await $0.close() }, register: { $0.tcpServers[id] = $1 })
    }

    func closeTCPServer(_ id: Int) async {
        guard let server = inner.withLock({ $0.tcpServers.removeValue(forKey: id) }) else { return }
        await server.close()
    }

    func openServer(guestPort: Int, host: CallHost, tls: NIOSSLContext? = nil) async throws -> SandboxServer {
        let id = try reserveServer(guestPort: guestPort)
        let limit = host.limits.maxNetworkBodyBytes
        let deliver: SandboxServer.Deliver = { [weak self, weak host] writer, head, body in
            guard let self, let host else { return false }
            return self.deliver(server: id, writer: writer, head: head, body: body, host: host)
        }
        return try await startReserved({ try await SandboxServer.start(id: id, guestPort: guestPort, maxBody: limit, tls: tls, deliver: deliver) },
                                       close: { await $0.close() }, register: { $0.servers[id] = $1 })
    }

    /// The guest's `server.close()`: as in Node, no new connections, idle ones closed, and a
    /// connection in the middle of a request closes once its answer is written.
    func closeServer(_ id: Int) async {
        guard let server = inner.withLock({ state -> SandboxServer? in
            guard let server = state.servers.removeValue(forKey: id) else { return nil }
            state.draining.removeAll { $0.isDrained }
            state.draining.append(server)
            return server
        }) else { return }
        await server.close(graceful: true)
    }

    /// Hands one request to the guest (`http.server` event); `writer` takes the answer.
    /// False when the server or the call is gone.
    private func deliver(server: Int, writer: SandboxResponseWriter, head: HTTPRequestHead, body: [UInt8],
                         host: CallHost) -> Bool {
        let id = inner.withLock { state -> Int? in
            guard !state.ended, state.servers[server] != nil else { return nil }
            defer { state.nextRequest += 1 }
            state.pending[state.nextRequest] = writer
            return state.nextRequest
        }
        guard let id else { return false }
        let headers: [JSONValue] = head.headers.map { .array([.string($0.name), .string($0.value)]) }
        host.emit("http.server", .object([
            "type": "request", "server": .number(Double(server)), "req": .number(Double(id)),
            "method": .string(head.method.rawValue), "url": .string(head.uri), "headers": .array(headers),
            "httpVersion": .string("\(head.version.major).\(head.version.minor)"),
        ]), binary: body)
        return true
    }

    /// The guest's whole answer to request `id` (unknown ids are ignored: the request may have gone).
    func answer(_ id: Int, _ response: SandboxServerResponse) {
        inner.withLock { $0.pending.removeValue(forKey: id) }?.respond(response)
    }

    /// The head of a streamed answer (the body follows with ``write(_:_:)``).
    func startAnswer(_ id: Int, _ response: SandboxServerResponse, flush: Bool) {
        inner.withLock { $0.pending[id] }?.start(response, flush: flush)
    }

    /// A part of a streamed answer; returns once the connection took it.
    func write(_ id: Int, _ bytes: [UInt8]) async throws {
        guard let writer = inner.withLock({ $0.pending[id] }) else {
            throw GuestError(code: "ERR_STREAM_DESTROYED", message: "Cannot call write after a stream was destroyed")
        }
        try await writer.chunk(bytes)
    }

    /// Ends a streamed answer.
    func endAnswer(_ id: Int) {
        inner.withLock { $0.pending.removeValue(forKey: id) }?.end()
    }

    /// Ends everything: servers closed, waiting requests failed, work in flight cancelled.
    func shutdown() async {
        let (webSockets, pooled) = inner.withLock { state in
            defer {
                state.webSockets.removeAll()
                state.pooled.removeAll()
            }
            return (Array(state.webSockets.values), Array(state.pooled.values))
        }
        for connection in pooled { connection.close() }
        let (servers, pending, inFlight, streams, tcpServers, bodies) = inner.withLock { state in
            state.ended = true
            defer {
                state.bodies.removeAll()
                state.bodyReaders.removeAll()
                state.servers.removeAll()
                state.draining.removeAll()
                state.pending.removeAll()
                state.inFlight.removeAll()
                state.streams.removeAll()
                state.tcpServers.removeAll()
            }
            return (Array(state.servers.values) + state.draining, Array(state.pending.values), Array(state.inFlight.values),
                    Array(state.streams.values), Array(state.tcpServers.values), Array(state.bodies.values))
        }
        for cancel in bodies { cancel() }
        for cancel in inFlight { cancel() }
        for stream in streams { stream.close() }
        for socket in webSockets { socket.terminate() }
        for server in tcpServers { await server.close() }
        for writer in pending { writer.fail() }
        for server in servers { await server.close() }
    }
}

/// An HTTP/1.1 server a sandbox opened, listening on the host's loopback on an ephemeral port.
final class SandboxServer: Sendable {
    typealias Deliver = @Sendable (SandboxResponseWriter, HTTPRequestHead, [UInt8]) -> Bool

    let id: Int
    let guestPort: Int
    let hostPort: Int
    /// HTTPS (the guest's key and certificate).
    let secure: Bool
    private let channel: any Channel
    private let connections: Connections

    final class Connections: Sendable {
        let channels = Mutex<[ObjectIdentifier: any Channel]>([:])
    }

    private init(id: Int, guestPort: Int, hostPort: Int, secure: Bool, channel: any Channel, connections: Connections) {
        self.id = id
        self.secure = secure
        self.guestPort = guestPort
        self.hostPort = hostPort
        self.channel = channel
        self.connections = connections
    }

    static func start(id: Int, guestPort: Int, maxBody: Int, tls: NIOSSLContext? = nil,
                      deliver: @escaping Deliver) async throws -> SandboxServer {
        let connections = Connections()
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.backlog, value: 128)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                let key = ObjectIdentifier(channel)
                let admitted = connections.channels.withLock { list -> Bool in
                    guard list.count < NetworkCallState.maxConnectionsPerServer else { return false }
                    list[key] = channel
                    return true
                }
                guard admitted else { return channel.close() }
                channel.closeFuture.whenComplete { _ in _ = connections.channels.withLock { $0.removeValue(forKey: key) } }
                return channel.eventLoop.makeCompletedFuture {
                    if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(SandboxRequestHandler(maxBody: maxBody, deliver: deliver))
                }
            }
        let (channel, port) = try await bindLoopback(bootstrap)
        return SandboxServer(id: id, guestPort: guestPort == 0 ? port : guestPort, hostPort: port, secure: tls != nil, channel: channel,
                             connections: connections)
    }

    /// Stops listening; `graceful` closes idle connections and lets the others finish the answer
    /// they are on, otherwise every connection is cut.
    func close(graceful: Bool = false) async {
        try? await channel.close()
        let open = connections.channels.withLock { Array($0.values) }
        for connection in open {
            if graceful {
                connection.pipeline.fireUserInboundEventTriggered(SandboxServerClosing())
            } else {
                try? await connection.close()
            }
        }
    }

    /// No connection is left open.
    var isDrained: Bool { connections.channels.withLock { $0.isEmpty } }
}

/// Writes the guest's answer to one request on its connection, from any thread: whole, or as a
/// head, parts and an end (chunked).
final class SandboxResponseWriter: Sendable {
    private let bound: NIOLoopBound<(SandboxRequestHandler, ChannelHandlerContext)>
    private let loop: any EventLoop
    private let request: HTTPRequestHead

    fileprivate init(handler: SandboxRequestHandler, context: ChannelHandlerContext, request: HTTPRequestHead) {
        bound = NIOLoopBound((handler, context), eventLoop: context.eventLoop)
        loop = context.eventLoop
        self.request = request
    }

    func respond(_ response: SandboxServerResponse) {
        loop.execute { [bound, request] in
            let (handler, context) = bound.value
            handler.writeWhole(context: context, request: request, response: response, forceClose: false)
        }
    }

    func start(_ response: SandboxServerResponse, flush: Bool) {
        loop.execute { [bound, request] in
            let (handler, context) = bound.value
            handler.writeStart(context: context, request: request, response: response, flush: flush)
        }
    }

    func chunk(_ bytes: [UInt8]) async throws {
        let written = loop.flatSubmit { [bound] () -> EventLoopFuture<Void> in
            let (handler, context) = bound.value
            return handler.writeChunk(context: context, bytes: bytes)
        }
        do {
            try await written.get()
        } catch {
            throw GuestError(code: "ECONNRESET", message: "socket hang up")
        }
    }

    func end() {
        loop.execute { [bound] in
            let (handler, context) = bound.value
            handler.writeEnd(context: context)
        }
    }

    /// The call ended before the answer did: 503, or the connection cut mid-answer.
    func fail() {
        loop.execute { [bound, request] in
            let (handler, context) = bound.value
            if handler.started { context.close(promise: nil) } else {
                handler.writeWhole(context: context, request: request,
                                   response: SandboxServerResponse(status: 503, statusText: nil, headers: [], body: []),
                                   forceClose: true)
            }
        }
    }
}

/// Tells a connection its server closed (``SandboxServer/close(graceful:)``).
private struct SandboxServerClosing: Sendable {}

/// Collects each request (bounded), hands it to the guest, writes the guest's answer.
fileprivate final class SandboxRequestHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let maxBody: Int
    private let deliver: SandboxServer.Deliver
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private var tooLarge = false
    /// A streamed answer's state.
    private(set) var started = false
    private var streamKeepAlive = false
    private var streamBody = true
    /// A request arrived and its answer is not written yet.
    private var busy = false
    /// The server closed: the connection ends after the answer it is on.
    private var closing = false

    init(maxBody: Int, deliver: @escaping SandboxServer.Deliver) {
        self.maxBody = maxBody
        self.deliver = deliver
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h):
            head = h
            busy = true
            body = []
            tooLarge = false
        case .body(var buffer):
            if body.count + buffer.readableBytes > maxBody {
                tooLarge = true
                body = []
            } else if !tooLarge, let bytes = buffer.readBytes(length: buffer.readableBytes) {
                body += bytes
            }
        case .end:
            guard let head else { return }
            self.head = nil
            started = false
            if tooLarge {
                writeWhole(context: context, request: head,
                           response: SandboxServerResponse(status: 413, statusText: nil, headers: [], body: []), forceClose: true)
                return
            }
            let writer = SandboxResponseWriter(handler: self, context: context, request: head)
            let request = body
            body = []
            if !deliver(writer, head, request) {
                writeWhole(context: context, request: head,
                           response: SandboxServerResponse(status: 503, statusText: nil, headers: [], body: []), forceClose: true)
            }
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        guard event is SandboxServerClosing else { return context.fireUserInboundEventTriggered(event) }
        closing = true
        if !busy { context.close(promise: nil) }
    }

    /// Response headers from the guest, without the framing ones (set here), and whether the
    /// guest asked to close.
    private func headers(_ response: SandboxServerResponse) -> (HTTPHeaders, Bool) {
        var headers = HTTPHeaders()
        var guestWantsClose = false
        for header in response.headers {
            switch header.name.lowercased() {
            case "content-length", "transfer-encoding": continue
            case "connection":
                if header.value.lowercased().contains("close") { guestWantsClose = true }
                continue
            default: headers.add(name: header.name, value: header.value)
            }
        }
        return (headers, guestWantsClose)
    }

    /// The body length the guest's headers declare (a single valid Content-Length), if any.
    private static func contentLength(_ response: SandboxServerResponse) -> Int? {
        let values = response.headers.filter { $0.name.lowercased() == "content-length" }
        guard values.count == 1, let raw = values.first?.value else { return nil }
        let value = raw.utf8.filter { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }
        guard !value.isEmpty, value.count <= 15, value.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return value.reduce(0) { $0 * 10 + Int($1 - 48) }
    }

    private static func bodyAllowed(_ request: HTTPRequestHead, _ status: Int) -> Bool {
        request.method != .HEAD && status != 204 && status != 304 && !(100..<200).contains(status)
    }

    fileprivate func writeWhole(context: ChannelHandlerContext, request: HTTPRequestHead, response: SandboxServerResponse,
                                forceClose: Bool) {
        let status = HTTPResponseStatus(statusCode: response.status, reasonPhrase: response.statusText ?? "")
        var (headers, guestWantsClose) = headers(response)
        let keepAlive = request.isKeepAlive && !forceClose && !guestWantsClose
        busy = false
        let bodyAllowed = Self.bodyAllowed(request, response.status)
        if bodyAllowed || request.method == .HEAD { headers.add(name: "Content-Length", value: String(response.body.count)) }
        headers.add(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        if bodyAllowed, !response.body.isEmpty {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: response.body)))), promise: nil)
        }
        let done = context.channel.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: done)
        if !keepAlive || closing {
            let channel = context.channel
            done.futureResult.whenComplete { _ in channel.close(promise: nil) }
        }
    }

    fileprivate func writeStart(context: ChannelHandlerContext, request: HTTPRequestHead, response: SandboxServerResponse,
                                flush: Bool) {
        guard !started else { return }
        started = true
        let status = HTTPResponseStatus(statusCode: response.status, reasonPhrase: response.statusText ?? "")
        var (headers, guestWantsClose) = headers(response)
        streamBody = Self.bodyAllowed(request, response.status)
        // A length the guest set frames the body, as in Node (no chunks); otherwise chunked, but
        // HTTP/1.0 has no chunked encoding: the end of the connection ends the body.
        let length = Self.contentLength(response)
        let chunked = streamBody && length == nil && request.version.minor >= 1
        streamKeepAlive = request.isKeepAlive && !guestWantsClose && (chunked || length != nil || !streamBody)
        if streamBody, let length { headers.add(name: "Content-Length", value: String(length)) }
        if chunked { headers.add(name: "Transfer-Encoding", value: "chunked") }
        headers.add(name: "Connection", value: streamKeepAlive ? "keep-alive" : "close")
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        if flush { context.flush() }
    }

    fileprivate func writeChunk(context: ChannelHandlerContext, bytes: [UInt8]) -> EventLoopFuture<Void> {
        guard started, context.channel.isActive else {
            return context.eventLoop.makeFailedFuture(ChannelError.ioOnClosedChannel)
        }
        guard streamBody, !bytes.isEmpty else {
            context.flush()  // the head, if it still waits for a part
            return context.eventLoop.makeSucceededVoidFuture()
        }
        let promise = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: bytes)))), promise: promise)
        return promise.futureResult
    }

    fileprivate func writeEnd(context: ChannelHandlerContext) {
        guard started else { return }
        started = false
        busy = false
        let done = context.channel.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: done)
        if !streamKeepAlive || closing {
            let channel = context.channel
            done.futureResult.whenComplete { _ in channel.close(promise: nil) }
        }
    }
}

/// Binds a sandbox server on the host's loopback, on an ephemeral port: the channel and its port.
func bindLoopback(_ bootstrap: ServerBootstrap) async throws -> (any Channel, Int) {
    let channel: any Channel
    do {
        channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
    } catch {
        throw GuestError.system("EADDRNOTAVAIL", "cannot listen", syscall: "listen")
    }
    guard let port = channel.localAddress?.port else {
        try? await channel.close()
        throw GuestError.system("EADDRNOTAVAIL", "cannot listen", syscall: "listen")
    }
    return (channel, port)
}
