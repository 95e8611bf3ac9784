import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import NIOWebSocket
import SecureExecBridge
import Synchronization

// MARK: - The adapter's WebSocket API

/// The opening handshake of a WebSocket the guest asked for (`new WebSocket(url, protocols)`),
/// as the runtime hands it to ``NetworkAdapter/openWebSocket(_:to:events:)`` after every check.
public struct WebSocketRequest: Sendable {
    /// `true` for `wss:` (TLS with certificate verification against ``host``).
    public var secure: Bool
    /// The URL's host: a DNS name (SNI and verification) or an address.
    public var host: String
    /// The port to connect to.
    public var port: Int
    /// Path and query of the handshake request.
    public var target: String
    /// The `Host` header's value.
    public var authority: String
    /// Subprotocols offered in `Sec-WebSocket-Protocol`, in order (may be empty).
    public var protocols: [String]
    /// The largest message (all fragments together) accepted from the server; a larger one
    /// fails the connection with close code 1009.
    public var maxMessageBytes: Int
    /// Time allowed for connecting and the opening handshake.
    public var timeout: Duration

    public init(secure: Bool, host: String, port: Int, target: String, authority: String, protocols: [String] = [],
                maxMessageBytes: Int = 16 << 20, timeout: Duration = .seconds(60)) {
        self.secure = secure
        self.host = host
        self.port = port
        self.target = target
        self.authority = authority
        self.protocols = protocols
        self.maxMessageBytes = maxMessageBytes
        self.timeout = timeout
    }
}

/// What an open ``NetworkWebSocket`` reports, in order.
public enum WebSocketEvent: Sendable {
    /// A complete text message (valid UTF-8).
    case text([UInt8])
    /// A complete binary message.
    case binary([UInt8])
    /// The connection failed (a close event follows).
    case error(NetworkError)
    /// The connection is closed (always the last event): the close code and reason the server
    /// sent, and whether the closing handshake completed (1006 and `false` when it did not).
    case closed(code: Int, reason: String, wasClean: Bool)
}

/// An open WebSocket connection a ``NetworkAdapter`` made for the guest.
public protocol NetworkWebSocket: Sendable {
    /// The subprotocol the server chose (empty when none).
    var `protocol`: String { get }
    /// The extensions the server accepted (empty: none are offered).
    var extensions: String { get }
    /// Sends one message; returns once it is handed to the connection.
    func send(_ bytes: [UInt8], binary: Bool) async throws
    /// Starts the closing handshake with `code` (nil: none) and `reason` (UTF-8, at most 123
    /// bytes); the connection closes when the server answers, or after a grace period.
    func close(code: Int?, reason: [UInt8])
    /// Closes the connection at once.
    func terminate()
}

extension NetworkAdapter {
    /// Opens a WebSocket for the guest to `address` (already checked). The default refuses with
    /// `ENOSYS`.
    public func openWebSocket(_ request: WebSocketRequest, to address: IPAddress,
                              events: @escaping @Sendable (WebSocketEvent) -> Void) async throws -> any NetworkWebSocket {
        throw NetworkError(code: "ENOSYS", message: "WebSockets are not supported by this network adapter")
    }
}

extension DefaultNetworkAdapter {
    /// A WebSocket on SwiftNIO (`NIOWebSocket`), over TLS with full verification for `wss:`;
    /// returns once the server accepted the upgrade.
    public func openWebSocket(_ request: WebSocketRequest, to address: IPAddress,
                              events: @escaping @Sendable (WebSocketEvent) -> Void) async throws -> any NetworkWebSocket {
        try await WebSocketConnection.open(request, address: address, events: events)
    }
}

// MARK: - SwiftNIO implementation

/// A client WebSocket on a SwiftNIO channel.
final class WebSocketConnection: NetworkWebSocket {
    let channel: any Channel
    let `protocol`: String
    let extensions = ""
    /// What the handler needs to know about the closing handshake.
    let closing: Mutex<Bool>

    private init(channel: any Channel, protocol: String) {
        self.channel = channel
        self.protocol = `protocol`
        self.closing = Mutex(false)
    }

    /// The largest frame read at once (a message may have several).
    static let maxFrameBytes = 1 << 20
    /// How long the closing handshake may take before the connection is cut.
    static let closeGrace: TimeAmount = .seconds(5)

    static func open(_ request: WebSocketRequest, address: IPAddress,
                     events: @escaping @Sendable (WebSocketEvent) -> Void) async throws -> WebSocketConnection {
        let target = address.connectable
        let socketAddress: SocketAddress
        do {
            socketAddress = try SocketAddress(ipAddress: target.description, port: request.port)
        } catch {
            throw NetworkError(code: "EINVAL", message: "invalid address \(target)")
        }
        let tls: NIOSSLContext? = request.secure ? try HTTPClientConnection.tlsContext.get() : nil
        let sni: String? = IPAddress(urlHost: request.host) == nil ? request.host : nil
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let upgraded = loop.makePromise(of: String.self)
        let frameLimit = max(125, min(request.maxMessageBytes, maxFrameBytes))
        let messageLimit = max(125, request.maxMessageBytes)
        let offered = request.protocols
        let handler = WebSocketFrameHandler(events: events, handshake: upgraded)

        let handshakeRequest = UpgradeRequester(request: request, failure: upgraded)
        let upgrader = NIOWebSocketClientUpgrader(maxFrameSize: frameLimit, automaticErrorHandling: false) { channel, head in
            // The server must choose one of the offered subprotocols, or none, and no extension
            // (none is offered).
            let chosen = head.headers["sec-websocket-protocol"].first ?? ""
            var refusal: NetworkError?
            if !chosen.isEmpty, !offered.contains(chosen) {
                refusal = NetworkError(code: "ERR_WS_PROTOCOL", message: "the server chose a subprotocol that was not offered")
            } else if !head.headers["sec-websocket-extensions"].isEmpty {
                refusal = NetworkError(code: "ERR_WS_PROTOCOL", message: "the server accepted an extension that was not offered")
            }
            if let refusal {
                upgraded.fail(refusal)
                return channel.eventLoop.makeFailedFuture(refusal)
            }
            return channel.eventLoop.makeCompletedFuture {
                let sync = channel.pipeline.syncOperations
                // Frames from here on: the handshake's HTTP reader leaves.
                sync.removeHandler(handshakeRequest, promise: nil)
                try sync.addHandler(NIOWebSocketFrameAggregator(
                    minNonFinalFragmentSize: 0, maxAccumulatedFrameCount: 4096, maxAccumulatedFrameSize: messageLimit))
                try sync.addHandler(handler)
                upgraded.succeed(chosen)
            }
        }
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: loop)
                .connectTimeout(.seconds(30))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let sync = channel.pipeline.syncOperations
                        if let tls { try sync.addHandler(NIOSSLClientHandler(context: tls, serverHostname: sni)) }
                        try sync.addHTTPClientHandlers(
                            leftOverBytesStrategy: .forwardBytes,
                            withClientUpgrade: (upgraders: [upgrader], completionHandler: { _ in }))
                        try sync.addHandler(handshakeRequest)
                    }
                }
                .connect(to: socketAddress).get()
        } catch {
            upgraded.fail(error)  // a promise is always completed
            throw HTTPClientConnection.describe(error, address: target, port: request.port)
        }
        // The handshake is bounded in time.
        let timeoutNanos = Int64(request.timeout.components.seconds) * 1_000_000_000
            + request.timeout.components.attoseconds / 1_000_000_000
        let timeout = loop.scheduleTask(in: .nanoseconds(max(1, timeoutNanos))) {
            upgraded.fail(NetworkError(code: "ETIMEDOUT", message: "WebSocket opening handshake timed out"))
        }
        let chosen: String
        do {
            // The end of the call (task cancellation) stops the handshake at once.
            chosen = try await withTaskCancellationHandler {
                try await upgraded.futureResult.get()
            } onCancel: {
                upgraded.fail(NetworkError(code: "ECONNRESET", message: "the call has ended"))
            }
            timeout.cancel()
        } catch {
            timeout.cancel()
            channel.close(promise: nil)
            if let error = error as? NetworkError { throw error }
            if error is NIOHTTPClientUpgradeError {
                throw NetworkError(code: "ERR_WS_HANDSHAKE", message: "Unexpected server response to the WebSocket handshake")
            }
            throw HTTPClientConnection.describe(error, address: target, port: request.port)
        }
        let connection = WebSocketConnection(channel: channel, protocol: chosen)
        handler.connection.withLock { $0 = connection }
        return connection
    }

    func send(_ bytes: [UInt8], binary: Bool) async throws {
        guard !closing.withLock({ $0 }) else {
            throw NetworkError(code: "ERR_WS_CLOSED", message: "the WebSocket is closing")
        }
        let frame = WebSocketFrame(fin: true, opcode: binary ? .binary : .text, maskKey: .random(),
                                   data: channel.allocator.buffer(bytes: bytes))
        do {
            try await channel.writeAndFlush(frame).get()
        } catch {
            throw NetworkError(code: "EPIPE", message: "the WebSocket connection is closed")
        }
    }

    func close(code: Int?, reason: [UInt8]) {
        let first = closing.withLock { state -> Bool in
            defer { state = true }
            return !state
        }
        guard first else { return }
        sendClose(code: code, reason: reason)
        let channel = self.channel
        channel.eventLoop.scheduleTask(in: Self.closeGrace) { channel.close(promise: nil) }
    }

    /// Writes a close frame (the caller marked the connection closing).
    func sendClose(code: Int?, reason: [UInt8]) {
        var data = channel.allocator.buffer(capacity: 2 + reason.count)
        if let code {
            data.writeInteger(UInt16(clamping: code))
            data.writeBytes(reason)
        }
        let frame = WebSocketFrame(fin: true, opcode: .connectionClose, maskKey: .random(), data: data)
        channel.writeAndFlush(frame, promise: nil)
    }

    func terminate() { channel.close(promise: nil) }
}

/// Sends the opening handshake's request once the connection is up; fails the handshake when
/// the connection fails before the upgrade.
private final class UpgradeRequester: ChannelInboundHandler, RemovableChannelHandler, Sendable {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart
    let request: WebSocketRequest
    let failure: EventLoopPromise<String>

    init(request: WebSocketRequest, failure: EventLoopPromise<String>) {
        self.request = request
        self.failure = failure
    }

    func channelActive(context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: request.authority)
        if !request.protocols.isEmpty {
            headers.add(name: "Sec-WebSocket-Protocol", value: request.protocols.joined(separator: ", "))
        }
        headers.add(name: "Content-Length", value: "0")
        let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: request.target, headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // A response that is not an upgrade: the handshake failed.
        if case .head(let head) = unwrapInboundIn(data) {
            failure.fail(NetworkError(code: "ERR_WS_HANDSHAKE", message: "Unexpected server response: \(head.status.code)"))
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        failure.fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        failure.fail(NetworkError(code: "ECONNRESET", message: "the server closed the connection during the WebSocket handshake"))
        context.fireChannelInactive()
    }
}

/// Turns frames into ``WebSocketEvent``s: answers pings, completes the closing handshake,
/// reports the close code.
private final class WebSocketFrameHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame
    private let events: @Sendable (WebSocketEvent) -> Void
    private let handshake: EventLoopPromise<String>
    /// Set once the connection object exists (the event loop reads it).
    let connection = Mutex<WebSocketConnection?>(nil)
    // Event-loop state.
    private var received: (code: Int, reason: String)?
    private var failed = false
    private var finished = false

    init(events: @escaping @Sendable (WebSocketEvent) -> Void, handshake: EventLoopPromise<String>) {
        self.events = events
        self.handshake = handshake
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .text:
            var data = frame.unmaskedData
            let bytes = data.readBytes(length: data.readableBytes) ?? []
            guard String(validating: bytes, as: UTF8.self) != nil else {
                fail(context, code: 1007, NetworkError(code: "ERR_WS_INVALID_UTF8", message: "invalid UTF-8 in a text message"))
                return
            }
            if received == nil { events(.text(bytes)) }
        case .binary:
            var data = frame.unmaskedData
            if received == nil { events(.binary(data.readBytes(length: data.readableBytes) ?? [])) }
        case .ping:
            let pong = WebSocketFrame(fin: true, opcode: .pong, maskKey: .random(), data: frame.unmaskedData)
            context.writeAndFlush(wrapOutboundOut(pong), promise: nil)
        case .pong:
            break
        case .connectionClose:
            var data = frame.unmaskedData
            var code = 1005
            var reason = ""
            if data.readableBytes >= 2, let value = data.readInteger(as: UInt16.self) {
                code = Int(value)
                let rest = data.readBytes(length: data.readableBytes) ?? []
                reason = String(validating: rest, as: UTF8.self) ?? ""
            }
            guard received == nil else { return }  // the server's echo of our own close
            received = (code, reason)
            // Echo the close unless we started the handshake, then let the server close.
            if let connection = connection.withLock({ $0 }) {
                let first = connection.closing.withLock { state -> Bool in
                    defer { state = true }
                    return !state
                }
                if first { connection.sendClose(code: code == 1005 ? nil : code, reason: []) }
            }
            let channel = context.channel
            context.eventLoop.scheduleTask(in: WebSocketConnection.closeGrace) { channel.close(promise: nil) }
        default:
            fail(context, code: 1002, NetworkError(code: "ERR_WS_PROTOCOL", message: "unexpected WebSocket opcode"))
        }
    }

    private func fail(_ context: ChannelHandlerContext, code: Int, _ error: NetworkError) {
        guard !failed else { return }
        failed = true
        events(.error(error))
        var data = context.channel.allocator.buffer(capacity: 2)
        data.writeInteger(UInt16(code))
        let frame = WebSocketFrame(fin: true, opcode: .connectionClose, maskKey: .random(), data: data)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(frame)).whenComplete { _ in channel.close(promise: nil) }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        handshake.fail(error)
        if let error = error as? NIOWebSocketError {
            // A frame the limits or the protocol refuse: the error first, then a close frame
            // with the matching code, then the connection ends.
            let tooLarge = error == .invalidFrameLength || String(describing: error).contains("TooLarge")
            let code = tooLarge ? 1009 : 1002
            fail(context, code: code, tooLarge
                ? NetworkError(code: "ERR_SANDBOX_RESPONSE_TOO_LARGE", message: "the server sent a message larger than the sandbox's limit")
                : NetworkError(code: "ERR_WS_PROTOCOL", message: "the server broke the WebSocket protocol"))
            return
        }
        if !failed, received == nil {
            failed = true
            if String(describing: error).contains("TooLarge") || String(describing: type(of: error)).contains("Aggregator") {
                events(.error(NetworkError(code: "ERR_SANDBOX_RESPONSE_TOO_LARGE",
                                           message: "the server sent a message larger than the sandbox's limit")))
            } else {
                events(.error(NetworkError(code: "ECONNRESET", message: "the WebSocket connection failed")))
            }
        }
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !finished {
            finished = true
            if let received, !failed {
                events(.closed(code: received.code, reason: received.reason, wasClean: true))
            } else {
                events(.closed(code: 1006, reason: "", wasClean: false))
            }
        }
        context.fireChannelInactive()
    }
}

// MARK: - The guest's WebSocket operations

extension NetworkOperations {
    /// The largest reason of a close frame (RFC 6455: 125 bytes with the code).
    static let maxCloseReasonBytes = 123
    /// Subprotocols one handshake may offer.
    static let maxSubprotocols = 64

    func performWebSocket(_ op: String, _ args: Arguments, _ binary: [UInt8]?) async throws -> BridgeResponse {
        switch op {
        case "ws.connect": return try await openWebSocket(args)
        case "ws.send":
            let id = try args.int("id")
            let isBinary = args.bool("binary") ?? false
            let bytes = binary ?? []
            guard bytes.count <= host.limits.maxNetworkBodyBytes else {
                throw GuestError(code: "ERR_SANDBOX_PAYLOAD_TOO_LARGE", message: "WebSocket message exceeds its limit",
                                 name: "RangeError")
            }
            if !isBinary, String(validating: bytes, as: UTF8.self) == nil {
                throw GuestError.invalidArgument("a text message must be UTF-8")
            }
            guard let socket = state.webSocket(id) else {
                throw GuestError(code: "ERR_WS_CLOSED", message: "the WebSocket is closed")
            }
            do { try await socket.send(bytes, binary: isBinary) } catch let error as NetworkError {
                throw GuestError(code: error.code, message: error.message)
            }
            return .undefined
        case "ws.close":
            let id = try args.int("id")
            let code = try? args.int("code")
            if let code, code != 1000, !(3000...4999).contains(code) {
                throw GuestError(code: "ERR_INVALID_ARG_VALUE", message: "invalid close code \(code)", name: "RangeError")
            }
            let reason = Array((try args.optionalString("reason") ?? "").utf8)
            guard reason.count <= Self.maxCloseReasonBytes else {
                throw GuestError(code: "ERR_INVALID_ARG_VALUE", message: "the close reason is longer than 123 bytes",
                                 name: "RangeError")
            }
            state.webSocket(id)?.close(code: code, reason: reason)
            return .undefined
        case "ws.terminate":
            state.removeWebSocket(try args.int("id"))?.terminate()
            return .undefined
        default:
            throw GuestError(code: "ERR_SANDBOX_UNKNOWN_OPERATION", message: "unknown bridge operation '\(op)'")
        }
    }

    /// `{url, protocols}` → `{id, protocol, extensions}` after the whole gate (op `websocket`,
    /// protocol `ws:`/`wss:`, method `GET`).
    private func openWebSocket(_ args: Arguments) async throws -> BridgeResponse {
        let text = try args.string("url")
        guard let url = ParsedURL(text) else {
            throw GuestError(code: "ERR_INVALID_URL", message: "Invalid URL", name: "SyntaxError")
        }
        guard url.scheme == "ws" || url.scheme == "wss" else {
            throw GuestError(code: "ERR_INVALID_URL_SCHEME", message: "the URL's scheme must be ws or wss", name: "SyntaxError")
        }
        var protocols: [String] = []
        if let list = args.raw["protocols"], !list.isNull {
            guard let items = list.arrayValue, items.count <= Self.maxSubprotocols else {
                throw GuestError.invalidArgument("The \"protocols\" argument must be an array of at most \(Self.maxSubprotocols) strings")
            }
            for item in items {
                guard let name = item.stringValue, !name.isEmpty, name.utf8.count <= 256, name.utf8.allSatisfy(Self.isTokenByte),
                      !protocols.contains(name) else {
                    throw GuestError(code: "ERR_INVALID_ARG_VALUE", message: "invalid subprotocol", name: "SyntaxError")
                }
                protocols.append(name)
            }
        }
        let destination = try await gate(url, op: .websocket, method: "GET")
        guard let adapter = host.driver.network else { throw GuestError(code: "ENOSYS", message: "no network adapter") }
        let id = try state.reserveStreamID()
        let emit = Self.webSocketEmitter(host: host, state: state, id: id)
        let request = WebSocketRequest(secure: url.scheme == "wss", host: destination.hostname, port: destination.port,
                                       target: url.target, authority: url.authority, protocols: protocols,
                                       maxMessageBytes: host.limits.maxNetworkBodyBytes, timeout: host.limits.networkTimeout)
        let socket: any NetworkWebSocket
        do {
            socket = try await Self.eachAddress(destination) { address in
                try await state.track { try await adapter.openWebSocket(request, to: address, events: emit) }
            }
        } catch let error as NetworkError {
            throw Self.failure(error, syscall: "connect", host: destination.hostname)
        } catch is CancellationError {
            throw GuestError(code: "ECONNRESET", message: "the call has ended")
        }
        guard state.register(webSocket: socket, id: id) else {
            throw GuestError(code: "ERR_SOCKET_CLOSED", message: "the call has ended")
        }
        return .value(["id": .number(Double(id)), "protocol": .string(socket.protocol),
                       "extensions": .string(socket.extensions)])
    }

    /// Events of WebSocket `id` to the guest (`ws.event`), in order; the socket leaves the call's
    /// table once closed.
    static func webSocketEmitter(host: CallHost, state: NetworkCallState, id: Int) -> @Sendable (WebSocketEvent) -> Void {
        { [weak host, weak state] event in
            guard let host else { return }
            let idValue = JSONValue.number(Double(id))
            switch event {
            case .text(let bytes): host.emit("ws.event", .object(["type": "message", "id": idValue]), binary: bytes)
            case .binary(let bytes):
                host.emit("ws.event", .object(["type": "message", "id": idValue, "binary": true]), binary: bytes)
            case .error(let error):
                host.emit("ws.event", .object(["type": "error", "id": idValue, "code": .string(error.code),
                                               "message": .string(error.message)]))
            case .closed(let code, let reason, let wasClean):
                _ = state?.removeWebSocket(id)
                host.emit("ws.event", .object(["type": "close", "id": idValue, "code": .number(Double(code)),
                                               "reason": .string(reason), "wasClean": .bool(wasClean)]))
            }
        }
    }
}
