import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

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

    static func exchange(_ request: HTTPRequest, address: IPAddress) async throws -> HTTPResponse {
        let target = address.connectable
        let socketAddress: SocketAddress
        do {
            socketAddress = try SocketAddress(ipAddress: target.description, port: request.port)
        } catch {
            throw NetworkError(code: "EINVAL", message: "invalid address \(target)")
        }
        var tls: NIOSSLContext?
        if request.scheme == "https" { tls = try tlsContext.get() }
        // SNI carries names only; an address host is verified against the certificate's IP entries.
        let sniName: String? = IPAddress(urlHost: request.host) == nil ? request.host : nil

        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let promise = loop.makePromise(of: HTTPResponse.self)
        let headers = HTTPHeaders(request.headers.map { ($0.name, $0.value) })
        let head = HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: request.method), uri: request.target,
                                   headers: headers)
        let body = request.body
        let limit = request.maxResponseBytes
        let tlsContext = tls
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(.seconds(30))
            .channelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tlsContext {
                        let handler = try NIOSSLClientHandler(context: tlsContext, serverHostname: sniName)
                        try channel.pipeline.syncOperations.addHandler(handler)
                    }
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(
                        ResponseCollector(head: head, body: body, limit: limit, promise: promise))
                }
            }
        let connected = bootstrap.connect(to: socketAddress)
        connected.whenFailure { promise.fail($0) }
        let timeoutNanos = Int64(request.timeout.components.seconds) * 1_000_000_000
            + request.timeout.components.attoseconds / 1_000_000_000
        let timer = loop.scheduleTask(in: .nanoseconds(max(1, timeoutNanos))) {
            promise.fail(NetworkError(code: "ETIMEDOUT", message: "request timed out"))
        }
        promise.futureResult.whenComplete { _ in
            timer.cancel()
            connected.whenSuccess { $0.close(promise: nil) }
        }
        return try await withTaskCancellationHandler {
            do {
                return try await promise.futureResult.get()
            } catch let error as NetworkError {
                throw error
            } catch {
                throw Self.describe(error, address: target, port: request.port)
            }
        } onCancel: {
            promise.fail(NetworkError(code: "ECONNRESET", message: "request aborted"))
        }
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

/// Sends the request once the connection is up and collects the response (bounded).
private final class ResponseCollector: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart

    private let head: HTTPRequestHead
    private let body: [UInt8]?
    private let limit: Int
    private let promise: EventLoopPromise<HTTPResponse>
    private var responseHead: HTTPResponseHead?
    private var received: [UInt8] = []

    init(head: HTTPRequestHead, body: [UInt8]?, limit: Int, promise: EventLoopPromise<HTTPResponse>) {
        var head = head
        if let body {
            head.headers.replaceOrAdd(name: "content-length", value: String(body.count))
        } else if ["POST", "PUT", "PATCH"].contains(head.method.rawValue) {
            head.headers.replaceOrAdd(name: "content-length", value: "0")
        }
        self.head = head
        self.body = body
        self.limit = limit
        self.promise = promise
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
        case .head(let head):
            // 1xx informational answers precede the real one.
            if head.status.code >= 100 && head.status.code < 200 { return }
            responseHead = head
        case .body(var buffer):
            guard received.count + buffer.readableBytes <= limit else {
                promise.fail(NetworkError(code: "ERR_SANDBOX_RESPONSE_TOO_LARGE",
                                          message: "response body exceeds the limit of \(limit) bytes"))
                context.close(promise: nil)
                return
            }
            if let bytes = buffer.readBytes(length: buffer.readableBytes) { received.append(contentsOf: bytes) }
        case .end:
            guard let responseHead else { return }
            let headers = responseHead.headers.map { HTTPHeader(name: $0.name, value: $0.value) }
            promise.succeed(HTTPResponse(status: Int(responseHead.status.code), statusText: responseHead.status.reasonPhrase,
                                         headers: headers, body: received))
            context.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise.fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        promise.fail(NetworkError(code: "ECONNRESET", message: "other side closed"))
        context.fireChannelInactive()
    }
}
