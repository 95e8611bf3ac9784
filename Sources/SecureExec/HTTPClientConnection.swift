import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// One HTTP/1.1 exchange on its own connection, to an address that was already checked: the
/// socket connects to `address` (no resolution here), while the `Host` header, TLS SNI and
/// certificate verification use the URL's hostname.
enum HTTPClientConnection {
    /// The client TLS context: the system's trust roots, full verification (shared: loading the
    /// roots is costly).
    static let tlsContext: Result<NIOSSLContext, NetworkError> = {
        do {
            return .success(try NIOSSLContext(configuration: .makeClientConfiguration()))
        } catch {
            return .failure(NetworkError(code: "ERR_TLS_CONTEXT", message: "TLS is not available on this host"))
        }
    }()

    static func exchange(_ request: HTTPRequest, address: IPAddress, tls override: NIOSSLContext? = nil) async throws -> HTTPResponse {
        let collected = Mutex<[UInt8]>([])
        let done = MultiThreadedEventLoopGroup.singleton.next().makePromise(of: Void.self)
        let streaming: HTTPStreamingResponse
        do {
            streaming = try await stream(request, address: address, tls: override) { event in
                switch event {
                case .data(let bytes): collected.withLock { $0 += bytes }
                case .end: done.succeed(())
                case .error(let error): done.fail(error)
                }
            }
        } catch {
            done.fail(error)  // a promise is always completed
            throw error
        }
        try await withTaskCancellationHandler {
            try await done.futureResult.get()
        } onCancel: {
            streaming.cancel()
            done.fail(NetworkError(code: "ECONNRESET", message: "request aborted"))
        }
        var response = streaming.head
        response.body = collected.withLock { $0 }
        return response
    }

    /// Sends the request; returns once the response head arrived. The body follows through
    /// `body`, ending with `.end` or `.error`.
    /// With `onDemand`, the body is read only when the answer's `read` asks (after the head).
    /// `override` replaces the verifying client context for `https` (a sandbox's own server).
    static func stream(_ request: HTTPRequest, address: IPAddress, onDemand: Bool = false, tls override: NIOSSLContext? = nil,
                       body onBody: @escaping @Sendable (HTTPBodyEvent) -> Void) async throws -> HTTPStreamingResponse {
        let target = address.connectable
        let socketAddress: SocketAddress
        do {
            socketAddress = try SocketAddress(ipAddress: target.description, port: request.port)
        } catch {
            throw NetworkError(code: "EINVAL", message: "invalid address \(target)")
        }
        var tls: NIOSSLContext?
        if request.scheme == "https" { tls = try override ?? tlsContext.get() }
        // SNI carries names only; an address host is verified against the certificate's IP entries.
        let sniName: String? = IPAddress(urlHost: request.host) == nil ? request.host : nil

        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let headPromise = loop.makePromise(of: HTTPResponse.self)
        let finished = loop.makePromise(of: Void.self)
        let headers = HTTPHeaders(request.headers.map { ($0.name, $0.value) })
        let head = HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: request.method), uri: request.target,
                                   headers: headers)
        let requestBody = request.body
        let limit = request.maxResponseBytes
        let tlsContext = tls
        let port = request.port
        // Body events, stopped after the first final one.
        let over = Mutex(false)
        let deliver: @Sendable (HTTPBodyEvent) -> Void = { event in
            let send = over.withLock { ended -> Bool in
                if ended { return false }
                switch event {
                case .data: break
                case .end, .error: ended = true
                }
                return true
            }
            if send { onBody(event) }
            switch event {
            case .data: break
            case .end, .error: finished.succeed(())
            }
        }
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(.seconds(30))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tlsContext {
                        let handler = try NIOSSLClientHandler(context: tlsContext, serverHostname: sniName)
                        try channel.pipeline.syncOperations.addHandler(handler)
                    }
                    try channel.pipeline.syncOperations.addInformingHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(
                        ResponseCollector(head: head, body: requestBody, limit: limit, headPromise: headPromise,
                                          deliver: deliver, address: target, port: port, onDemand: onDemand))
                }
            }
        let connected = bootstrap.connect(to: socketAddress)
        connected.whenFailure { headPromise.fail($0) }
        let timeoutNanos = Int64(request.timeout.components.seconds) * 1_000_000_000
            + request.timeout.components.attoseconds / 1_000_000_000
        let timer = loop.scheduleTask(in: .nanoseconds(max(1, timeoutNanos))) {
            let error = NetworkError(code: "ETIMEDOUT", message: "request timed out")
            headPromise.fail(error)
            deliver(.error(error))
        }
        headPromise.futureResult.whenFailure { _ in finished.succeed(()) }
        finished.futureResult.whenComplete { _ in
            timer.cancel()
            connected.whenSuccess { $0.close(promise: nil) }
        }
        let cancel: @Sendable () -> Void = {
            let error = NetworkError(code: "ECONNRESET", message: "request aborted")
            headPromise.fail(error)
            deliver(.error(error))
        }
        let response = try await withTaskCancellationHandler {
            do {
                return try await headPromise.futureResult.get()
            } catch let error as NetworkError {
                throw error
            } catch {
                throw Self.describe(error, address: target, port: port)
            }
        } onCancel: {
            cancel()
        }
        var read: (@Sendable () -> Void)?
        if onDemand { read = { @Sendable in connected.whenSuccess { $0.read() } } }
        return HTTPStreamingResponse(head: response, cancel: cancel, read: read)
    }

    /// Maps a SwiftNIO or TLS error to Node's code.
    static func describe(_ error: any Error, address: IPAddress, port: Int) -> NetworkError {
        let endpoint = "\(address):\(port)"
        if let io = error as? IOError {
            switch io.errnoCode {
            case ECONNREFUSED: return NetworkError(code: "ECONNREFUSED", message: "connect ECONNREFUSED \(endpoint)")
            case ENETUNREACH: return NetworkError(code: "ENETUNREACH", message: "connect ENETUNREACH \(endpoint)")
            case EHOSTUNREACH: return NetworkError(code: "EHOSTUNREACH", message: "connect EHOSTUNREACH \(endpoint)")
            case ETIMEDOUT: return NetworkError(code: "ETIMEDOUT", message: "connect ETIMEDOUT \(endpoint)")
            default: return NetworkError(code: "ECONNRESET", message: "socket error \(io.errnoCode)")
            }
        }
        if let channelError = error as? ChannelError, case .connectTimeout = channelError {
            return NetworkError(code: "ETIMEDOUT", message: "connect ETIMEDOUT \(endpoint)")
        }
        if error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError {
            let text = String(describing: error)
            if text.contains("CERTIFICATE_VERIFY_FAILED") || text.lowercased().contains("certificate") {
                return NetworkError(code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE", message: "unable to verify the first certificate")
            }
            return NetworkError(code: "ERR_SSL_HANDSHAKE_FAILURE", message: "TLS handshake failed")
        }
        if error is HTTPParserError {
            return NetworkError(code: "HPE_INVALID", message: "invalid HTTP response")
        }
        return NetworkError(code: "ECONNRESET", message: "other side closed")
    }
}

/// Sends the request once the connection is up, answers the head, then streams the body (bounded).
private final class ResponseCollector: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    private let head: HTTPRequestHead
    private let body: [UInt8]?
    private let limit: Int
    private let headPromise: EventLoopPromise<HTTPResponse>
    private let deliver: @Sendable (HTTPBodyEvent) -> Void
    private let address: IPAddress
    private let port: Int
    private let onDemand: Bool
    private var sawHead = false
    private var received = 0
    private var ended = false
    /// Whether the reads since the last read completion produced any part of the body.
    private var deliveredSinceRead = false

    init(head: HTTPRequestHead, body: [UInt8]?, limit: Int, headPromise: EventLoopPromise<HTTPResponse>,
         deliver: @escaping @Sendable (HTTPBodyEvent) -> Void, address: IPAddress, port: Int, onDemand: Bool) {
        var head = head
        if let body {
            head.headers.replaceOrAdd(name: "content-length", value: String(body.count))
        } else if ["POST", "PUT", "PATCH"].contains(head.method.rawValue) {
            head.headers.replaceOrAdd(name: "content-length", value: "0")
        }
        self.head = head
        self.body = body
        self.limit = limit
        self.headPromise = headPromise
        self.deliver = deliver
        self.address = address
        self.port = port
        self.onDemand = onDemand
    }

    func channelActive(context: ChannelHandlerContext) {
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if let body, !body.isEmpty {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))), promise: nil)
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let responseHead):
            // 1xx informational answers precede the real one.
            if responseHead.status.code >= 100 && responseHead.status.code < 200 { return }
            if let declared = responseHead.headers.first(name: "content-length").flatMap({ Int($0) }), declared > limit {
                fail(NetworkError(code: "ERR_SANDBOX_RESPONSE_TOO_LARGE", message: "response body exceeds the limit of \(limit) bytes"))
                context.close(promise: nil)
                return
            }
            sawHead = true
            // From here on the body is read when the guest asks for it.
            if onDemand { context.channel.setOption(ChannelOptions.autoRead, value: false).whenFailure { _ in } }
            let headers = responseHead.headers.map { HTTPHeader(name: $0.name, value: $0.value) }
            headPromise.succeed(HTTPResponse(status: Int(responseHead.status.code), statusText: responseHead.status.reasonPhrase,
                                             headers: headers, body: []))
        case .body(var buffer):
            guard received + buffer.readableBytes <= limit else {
                fail(NetworkError(code: "ERR_SANDBOX_RESPONSE_TOO_LARGE", message: "response body exceeds the limit of \(limit) bytes"))
                context.close(promise: nil)
                return
            }
            received += buffer.readableBytes
            if let bytes = buffer.readBytes(length: buffer.readableBytes), !bytes.isEmpty {
                deliveredSinceRead = true
                deliver(.data(bytes))
            }
        case .end:
            guard sawHead else { return }
            ended = true
            deliver(.end)
            context.close(promise: nil)
        }
    }

    /// On demand, each guest request reads once; a read that held only framing (a chunk-size line,
    /// the CRLF after a chunk) delivers nothing, so the next read is ours to ask for.
    func channelReadComplete(context: ChannelHandlerContext) {
        if onDemand, sawHead, !ended, !deliveredSinceRead { context.read() }
        deliveredSinceRead = false
        context.fireChannelReadComplete()
    }

    private func fail(_ error: NetworkError) {
        headPromise.fail(error)
        deliver(.error(error))
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let error = error as? NetworkError { fail(error) } else {
            fail(HTTPClientConnection.describe(error, address: address, port: port))
        }
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(NetworkError(code: "ECONNRESET", message: "other side closed"))
        context.fireChannelInactive()
    }
}
