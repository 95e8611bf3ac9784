import NIOCore
import NIOPosix
import NIOSSL
import SecureExecBridge
import Synchronization

/// One call's networking state: the sandbox's servers and sockets, and network work in flight
/// (cancelled when the call ends).
final class NetworkCallState: Sendable {
    /// Servers one call may open.
    static let maxServers = 64
    /// Lookups and exchanges one call may have in flight at once.
    static let maxInFlight = 256
    /// `net` sockets one call may have open at once.
    static let maxStreams = 256

    private struct Inner {
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
        state.streams.count + state.webSockets.count + state.pooled.count + state.tcpServers.count
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
        inner.withLock { state in state.tcpServers.values.first { $0.guestPort == guestPort }?.hostPort }
    }

    /// The call's open servers.
    var serverList: [RuntimeNetwork.Server] {
        inner.withLock { state in
            state.tcpServers.values.map {
                RuntimeNetwork.Server(guestPort: $0.guestPort, hostPort: $0.hostPort,
                                      kind: $0.speaksHTTP ? ($0.secure ? .https : .http) : ($0.secure ? .tls : .tcp))
            }
        }
    }

    /// Guest ports in use by the call's servers.
    private func portTaken(_ state: Inner, _ guestPort: Int) -> Bool {
        state.tcpServers.values.contains { $0.guestPort == guestPort }
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
            guard state.tcpServers.count + state.startingServers < Self.maxServers else {
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

    func openTCPServer(guestPort: Int, host: CallHost, tls: NIOSSLContext? = nil, speaksHTTP: Bool = false) async throws -> SandboxTCPServer {
        let id = try reserveServer(guestPort: guestPort)
        return try await startReserved({ try await SandboxTCPServer.start(id: id, guestPort: guestPort, state: self, host: host, tls: tls,
                                                                         speaksHTTP: speaksHTTP) },
                                       close: { await $0.close() }, register: { $0.tcpServers[id] = $1 })
    }

    func closeTCPServer(_ id: Int) async {
        guard let server = inner.withLock({ $0.tcpServers.removeValue(forKey: id) }) else { return }
        await server.close()
    }

    /// Ends everything: servers and sockets closed, work in flight cancelled.
    func shutdown() async {
        let (webSockets, pooled) = inner.withLock { state in
            defer {
                state.webSockets.removeAll()
                state.pooled.removeAll()
            }
            return (Array(state.webSockets.values), Array(state.pooled.values))
        }
        for connection in pooled { connection.close() }
        let (inFlight, streams, tcpServers, bodies) = inner.withLock { state in
            state.ended = true
            defer {
                state.bodies.removeAll()
                state.bodyReaders.removeAll()
                state.inFlight.removeAll()
                state.streams.removeAll()
                state.tcpServers.removeAll()
            }
            return (Array(state.inFlight.values), Array(state.streams.values), Array(state.tcpServers.values),
                    Array(state.bodies.values))
        }
        for cancel in bodies { cancel() }
        for cancel in inFlight { cancel() }
        for stream in streams { stream.close() }
        for socket in webSockets { socket.terminate() }
        for server in tcpServers { await server.close() }
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
