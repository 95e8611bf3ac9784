import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import SecureExecBridge
import Synchronization

// Keep-alive connections for the guest's `http.Agent` / `https.Agent`.
//
// A pooled connection lives in the host only (the guest holds its id) and belongs to one call:
// it counts against the call's socket bound and is closed when the call ends. It stays bound to
// the address it was opened to, which was checked then; a later request may use it only when
// that request passed the whole gate again (permission, adapter policy) for the same origin
// (scheme, hostname, port, TLS settings) and the connection's address is among the addresses
// checked for it. Bridge operations: `net.fetch` with `keepAlive: true` (and `conn: id` to reuse
// one) answers the connection's id; `http.poolClose {conn}` closes one; the host reports a
// connection that closed while idle as an `http.pool` event `{type: "close", conn}`.

/// What a pooled connection may be reused for.
struct HTTPPoolKey: Hashable, Sendable {
    var scheme: String
    var hostname: String
    /// The URL's port (the connection's own port is kept on the connection).
    var port: Int
    /// The TLS settings the connection was opened with (`ca`, `rejectUnauthorized`).
    var tls: String
}

/// A reused connection closed before any byte of the answer arrived: the exchange may be
/// retried once on a fresh connection (nothing of it was processed).
struct StalePooledConnection: Error {}

/// One keep-alive HTTP/1.1 client connection (one exchange at a time).
final class PooledHTTPConnection: Sendable {
    enum Status: Sendable { case idle, busy, closed }

    final class StatusBox: Sendable {
        let value = Mutex(Status.busy)
        /// Closed by the host (the guest let go of it, the call ended): never retried.
        let closedHere = Mutex(false)
    }

    let id: Int
    let key: HTTPPoolKey
    let address: IPAddress
    let port: Int
    private let channel: any Channel
    private let status: StatusBox

    private init(id: Int, key: HTTPPoolKey, address: IPAddress, port: Int, channel: any Channel, status: StatusBox) {
        self.id = id
        self.key = key
        self.address = address
        self.port = port
        self.channel = channel
        self.status = status
    }

    /// Connects to `address` (already checked). The new connection is busy (its first exchange
    /// follows); `onClose` runs once when it closes, for whatever reason.
    static func open(id: Int, key: HTTPPoolKey, address: IPAddress, port: Int, tls: NIOSSLContext?, serverName: String?,
                     onClose: @escaping @Sendable (Int) -> Void) async throws -> PooledHTTPConnection {
        let target = address.connectable
        let socketAddress: SocketAddress
        do {
            socketAddress = try SocketAddress(ipAddress: target.description, port: port)
        } catch {
            throw NetworkError(code: "EINVAL", message: "invalid address \(target)")
        }
        let status = StatusBox()
        let closed: @Sendable () -> Void = {
            status.value.withLock { $0 = .closed }
            onClose(id)
        }
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton.next())
            .connectTimeout(.seconds(30))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: tls, serverHostname: serverName))
                    }
                    try channel.pipeline.syncOperations.addInformingHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(
                        PooledExchangeHandler(status: status, address: target, port: port, closed: closed))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(to: socketAddress).get()
        } catch let error as NetworkError {
            throw error
        } catch {
            throw HTTPClientConnection.describe(error, address: target, port: port)
        }
        return PooledHTTPConnection(id: id, key: key, address: address, port: port, channel: channel, status: status)
    }

    /// Takes the connection for an exchange when it is idle.
    func claim() -> Bool {
        status.value.withLock { status in
            guard status == .idle else { return false }
            status = .busy
            return true
        }
    }

    func close() {
        status.closedHere.withLock { $0 = true }
        channel.close(promise: nil)
    }

    /// Whether ``close()`` closed it (rather than the server).
    var closedHere: Bool { status.closedHere.withLock { $0 } }

    /// Sends `request` (the connection must be claimed); returns once the answer's head arrived.
    /// Throws ``StalePooledConnection`` when the connection closed before any byte of the answer.
    func exchange(_ request: HTTPRequest, onDemand: Bool, inform: (@Sendable (HTTPResponse) -> Void)? = nil,
                  body onBody: @escaping @Sendable (HTTPBodyEvent) -> Void) async throws -> HTTPStreamingResponse {
        let loop = channel.eventLoop
        let headPromise = loop.makePromise(of: HTTPResponse.self)
        let over = Mutex(false)
        let deliver: @Sendable (HTTPBodyEvent) -> Void = { event in
            let send = over.withLock { ended -> Bool in
                if ended { return false }
                if case .data = event {} else { ended = true }
                return true
            }
            if send { onBody(event) }
        }
        var head = HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: request.method), uri: request.target,
                                   headers: HTTPHeaders(request.headers.map { ($0.name, $0.value) }))
        if let body = request.body {
            head.headers.replaceOrAdd(name: "content-length", value: String(body.count))
        } else if ["POST", "PUT", "PATCH"].contains(request.method) {
            head.headers.replaceOrAdd(name: "content-length", value: "0")
        }
        let exchange = PooledExchangeHandler.Exchange(
            head: head, body: request.body, limit: request.maxResponseBytes, onDemand: onDemand, timeout: request.timeout,
            headPromise: headPromise, deliver: deliver, inform: inform)
        let channel = self.channel
        loop.execute {
            do {
                try channel.pipeline.syncOperations.handler(type: PooledExchangeHandler.self).begin(exchange)
            } catch {
                headPromise.fail(StalePooledConnection())
            }
        }
        let abort: @Sendable () -> Void = {
            loop.execute {
                (try? channel.pipeline.syncOperations.handler(type: PooledExchangeHandler.self))?
                    .abort(NetworkError(code: "ECONNRESET", message: "request aborted"))
            }
        }
        let response = try await withTaskCancellationHandler {
            try await headPromise.futureResult.get()
        } onCancel: {
            abort()
        }
        let read: (@Sendable () -> Void)? = onDemand ? { @Sendable in channel.read() } : nil
        return HTTPStreamingResponse(head: response, cancel: abort, read: read)
    }
}

/// Runs one exchange at a time on a pooled connection; between exchanges the connection reads
/// (so a server's close is seen at once) and is idle.
private final class PooledExchangeHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    struct Exchange: Sendable {
        var head: HTTPRequestHead
        var body: [UInt8]?
        var limit: Int
        var onDemand: Bool
        var timeout: Duration
        var headPromise: EventLoopPromise<HTTPResponse>
        var deliver: @Sendable (HTTPBodyEvent) -> Void
        /// Informational (1xx) answers before the response.
        var inform: (@Sendable (HTTPResponse) -> Void)?
        var sawByte = false
        var sawHead = false
        var keepAlive = true
        var received = 0
        var timer: Scheduled<Void>?
    }

    private let status: PooledHTTPConnection.StatusBox
    private let address: IPAddress
    private let port: Int
    private let closed: @Sendable () -> Void
    private var context: ChannelHandlerContext?
    private var exchange: Exchange?
    private var reportedClose = false
    /// Whether the reads since the last read completion produced any part of the body.
    private var deliveredSinceRead = false

    init(status: PooledHTTPConnection.StatusBox, address: IPAddress, port: Int, closed: @escaping @Sendable () -> Void) {
        self.status = status
        self.address = address
        self.port = port
        self.closed = closed
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }
    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    func begin(_ next: Exchange) {
        guard let context, context.channel.isActive, exchange == nil else {
            next.headPromise.fail(StalePooledConnection())
            return
        }
        var next = next
        let nanos = Int64(next.timeout.components.seconds) * 1_000_000_000 + next.timeout.components.attoseconds / 1_000_000_000
        next.timer = context.eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(max(1, nanos))) { [weak self] in
            self?.abort(NetworkError(code: "ETIMEDOUT", message: "request timed out"))
        }
        exchange = next
        context.write(wrapOutboundOut(.head(next.head)), promise: nil)
        if let body = next.body, !body.isEmpty {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))), promise: nil)
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }

    /// Ends the current exchange with `error` and closes the connection.
    func abort(_ error: NetworkError) {
        fail(error)
        context?.close(promise: nil)
    }

    private func fail(_ error: any Error) {
        guard let current = exchange else { return }
        exchange = nil
        current.timer?.cancel()
        current.headPromise.fail(error)
        if current.sawHead, let error = error as? NetworkError { current.deliver(.error(error)) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard var current = exchange else {
            // An answer nobody asked for: the connection is not usable.
            context.close(promise: nil)
            return
        }
        current.sawByte = true
        exchange = current
        switch unwrapInboundIn(data) {
        case .head(let responseHead):
            if responseHead.status.code >= 100 && responseHead.status.code < 200 {
                current.inform?(HTTPResponse(informational: responseHead))
                return
            }
            if let declared = responseHead.headers.first(name: "content-length").flatMap({ Int($0) }), declared > current.limit {
                abort(NetworkError(code: "ERR_SANDBOX_RESPONSE_TOO_LARGE",
                                   message: "response body exceeds the limit of \(current.limit) bytes"))
                return
            }
            current.sawHead = true
            current.keepAlive = responseHead.isKeepAlive && current.head.isKeepAlive
            exchange = current
            if current.onDemand { context.channel.setOption(ChannelOptions.autoRead, value: false).whenFailure { _ in } }
            current.headPromise.succeed(HTTPResponse(
                status: Int(responseHead.status.code), statusText: responseHead.status.reasonPhrase,
                headers: responseHead.headers.map { HTTPHeader(name: $0.name, value: $0.value) }, body: []))
        case .body(var buffer):
            guard current.sawHead else { return }
            guard current.received + buffer.readableBytes <= current.limit else {
                abort(NetworkError(code: "ERR_SANDBOX_RESPONSE_TOO_LARGE",
                                   message: "response body exceeds the limit of \(current.limit) bytes"))
                return
            }
            current.received += buffer.readableBytes
            exchange = current
            if let bytes = buffer.readBytes(length: buffer.readableBytes), !bytes.isEmpty {
                deliveredSinceRead = true
                current.deliver(.data(bytes))
            }
        case .end:
            guard current.sawHead else { return }
            deliveredSinceRead = true
            exchange = nil
            current.timer?.cancel()
            if current.keepAlive {
                // Idle: read again so that a server's close is noticed while nobody uses it.
                status.value.withLock { if $0 == .busy { $0 = .idle } }
                context.channel.setOption(ChannelOptions.autoRead, value: true).whenFailure { _ in }
                context.read()
            } else {
                context.close(promise: nil)
            }
            current.deliver(.end)
        }
    }

    /// On demand, each guest request reads once; a read that held only framing (a chunk-size line,
    /// the CRLF after a chunk) delivers nothing, so the next read is ours to ask for.
    func channelReadComplete(context: ChannelHandlerContext) {
        if let current = exchange, current.onDemand, current.sawHead, !deliveredSinceRead { context.read() }
        deliveredSinceRead = false
        context.fireChannelReadComplete()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let current = exchange, !current.sawByte, isReset(error) {
            fail(StalePooledConnection())
        } else if let error = error as? NetworkError {
            fail(error)
        } else {
            fail(HTTPClientConnection.describe(error, address: address, port: port))
        }
        context.close(promise: nil)
    }

    private func isReset(_ error: any Error) -> Bool {
        guard let io = error as? IOError else { return false }
        return io.errnoCode == ECONNRESET || io.errnoCode == EPIPE
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let current = exchange {
            if current.sawByte {
                fail(NetworkError(code: "ECONNRESET", message: "other side closed"))
            } else {
                fail(StalePooledConnection())
            }
        }
        if !reportedClose {
            reportedClose = true
            closed()
        }
        context.fireChannelInactive()
    }
}

extension NetworkOperations {
    /// Whether this `net.fetch` runs on a pooled connection: an `http` request asking for
    /// keep-alive, streamed, to the sandbox's own server or through the default adapter (a custom
    /// adapter makes its own connections: those requests use one connection each).
    func poolable(_ args: Arguments, op: NetworkAccessRequest.Operation, destination: Destination) -> Bool {
        guard op == .http, args.bool("keepAlive") == true, args.bool("stream") == true else { return false }
        return destination.ownServer || host.driver.network is DefaultNetworkAdapter
    }

    /// The request on a pooled connection: the guest's `conn` when it is idle and fits the
    /// request (same origin and TLS settings, an address checked for this request), else a new
    /// one. A reused connection that closed before any byte of the answer is replaced once.
    /// Answers the response, the connection's id and whether it was reused.
    func pooledStream(_ request: HTTPRequest, destination: Destination, args: Arguments, tls ownTLS: NIOSSLContext?,
                      inform: (@Sendable (HTTPResponse) -> Void)? = nil,
                      body: @escaping @Sendable (HTTPBodyEvent) -> Void) async throws -> (HTTPStreamingResponse, Int, Bool) {
        let url = destination.url
        let tlsKey = url.scheme == "https" && destination.ownServer
            ? "\(args.bool("rejectUnauthorized") == false ? "0" : "1"):\((try? args.optionalString("ca")) ?? "")" : ""
        let key = HTTPPoolKey(scheme: url.scheme, hostname: destination.hostname, port: url.port, tls: tlsKey)
        let checked = [destination.address] + destination.alternatives
        let state = self.state
        if let raw = args.raw["conn"], !raw.isNull {
            guard let id = raw.intValue, id > 0 else { throw GuestError.invalidArgument("The \"conn\" argument must be of type number") }
            if let connection = state.pooledConnection(id) {
                if connection.key == key, connection.port == destination.port, checked.contains(connection.address),
                   connection.claim() {
                    do {
                        let answer = try await state.track {
                            try await connection.exchange(request, onDemand: true, inform: inform, body: body)
                        }
                        return (answer, id, true)
                    } catch is StalePooledConnection where !connection.closedHere {
                        // Closed by the server while idle: a fresh connection below.
                    } catch is StalePooledConnection {
                        throw NetworkError(code: "ECONNRESET", message: "socket hang up")
                    }
                } else if connection.key != key || !checked.contains(connection.address) {
                    // Another origin, or no longer an address this request may reach: never reused.
                    state.removePooled(id)?.close()
                }
            }
        }
        var chosenTLS: NIOSSLContext?
        if url.scheme == "https" {
            do {
                chosenTLS = try ownTLS ?? HTTPClientConnection.tlsContext.get()
            } catch let error as NetworkError {
                throw Self.failure(error, syscall: "connect", host: destination.hostname)
            }
        }
        let tls = chosenTLS
        let serverName: String? = IPAddress(urlHost: request.host) == nil ? request.host : nil
        let id = try state.reserveStreamID()
        let onClose: @Sendable (Int) -> Void = { [weak host, weak state] id in
            guard state?.removePooled(id) != nil else { return }
            host?.emit("http.pool", .object(["type": "close", "conn": .number(Double(id))]))
        }
        let connection: PooledHTTPConnection
        if destination.ownServer {
            connection = try await state.track {
                try await PooledHTTPConnection.open(id: id, key: key, address: destination.address, port: destination.port,
                                                    tls: tls, serverName: serverName, onClose: onClose)
            }
        } else {
            connection = try await Self.eachAddress(destination) { address in
                try await state.track {
                    try await PooledHTTPConnection.open(id: id, key: key, address: address, port: destination.port,
                                                        tls: tls, serverName: serverName, onClose: onClose)
                }
            }
        }
        guard state.register(pooled: connection) else {
            throw GuestError.system("EMFILE", "too many open sockets", syscall: "connect")
        }
        do {
            let answer = try await state.track { try await connection.exchange(request, onDemand: true, inform: inform, body: body) }
            return (answer, id, false)
        } catch is StalePooledConnection {
            state.removePooled(id)?.close()
            throw NetworkError(code: "ECONNRESET", message: "socket hang up")
        }
    }

    /// `http.poolClose {conn}`: the guest's agent let go of a connection.
    func poolClose(_ args: Arguments) throws -> BridgeResponse {
        let id = try args.int("conn")
        state.removePooled(id)?.close()
        return .undefined
    }
}

extension HTTPResponse {
    /// An informational (1xx) head, without a body.
    init(informational head: HTTPResponseHead) {
        self.init(status: Int(head.status.code), statusText: head.status.reasonPhrase,
                  headers: head.headers.map { HTTPHeader(name: $0.name, value: $0.value) }, body: [])
    }
}

extension ChannelPipeline.SynchronousOperations {
    /// NIO's HTTP/1 client handlers, with informational (1xx) answers passed on (NIO drops them
    /// by default; Node reports them as 'information').
    func addInformingHTTPClientHandlers() throws {
        let decoder = HTTPResponseDecoder(leftOverBytesStrategy: .dropBytes, informationalResponseStrategy: .forward)
        try addHandlers([HTTPRequestEncoder(), ByteToMessageHandler(decoder), NIOHTTPRequestHeadersValidator()])
    }
}
