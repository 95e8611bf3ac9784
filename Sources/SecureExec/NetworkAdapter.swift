import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Performs network access for the guest, after the runtime's permission check.
///
/// The runtime drives every connection the same way, whatever the adapter: it parses the URL
/// itself, resolves the hostname with ``resolve(_:)``, asks the `network` permission check with
/// the resolved addresses, asks the adapter's ``admits(_:port:)`` for **every** resolved address,
/// and only then calls ``send(_:to:)`` with the address that was checked, so a second DNS answer
/// (DNS rebinding) can never redirect the connection. Redirects come back to the guest, whose
/// next hop is a new, fully checked request.
///
/// ``DefaultNetworkAdapter`` (``NetworkAdapter/default(loopbackExemptPorts:)``) is the
/// implementation on SwiftNIO with SSRF defaults.
public protocol NetworkAdapter: Sendable {
    /// Resolves a DNS name (never an IP literal: the runtime parses those itself) to addresses.
    /// Throw ``NetworkError`` with `ENOTFOUND` when the name does not exist.
    func resolve(_ hostname: String) async throws -> [IPAddress]

    /// The adapter's destination policy (SSRF defense): whether a connection to `address` on
    /// `port` may be made. Asked for every resolved address of every connection.
    func admits(_ address: IPAddress, port: Int) -> PermissionDecision

    /// Performs one HTTP/1.1 exchange with the server at `address` (already checked). TLS when
    /// the request's scheme is `https`, with certificate verification against ``HTTPRequest/host``.
    /// Never follows redirects.
    func send(_ request: HTTPRequest, to address: IPAddress) async throws -> HTTPResponse

    /// Like ``send(_:to:)``, but answers as soon as the response head arrives; the body follows
    /// through `body`, ending with ``HTTPBodyEvent/end`` or ``HTTPBodyEvent/error(_:)``. The
    /// default implementation calls ``send(_:to:)`` and delivers the whole body at once.
    func stream(_ request: HTTPRequest, to address: IPAddress,
                body: @escaping @Sendable (HTTPBodyEvent) -> Void) async throws -> HTTPStreamingResponse

    /// Opens a TCP connection to `address` (already checked) for the guest's `net.connect`;
    /// `events` receives what arrives, in order. The default implementation refuses with `ENOSYS`.
    func openStream(to address: IPAddress, port: Int,
                    events: @escaping @Sendable (NetworkStreamEvent) -> Void) async throws -> any NetworkStream

    /// Opens a TLS connection to `address` (already checked) for the guest's `tls.connect`,
    /// verifying the certificate against `serverName`. The default implementation refuses with
    /// `ENOSYS`.
    func openTLSStream(to address: IPAddress, port: Int, serverName: String?,
                       events: @escaping @Sendable (NetworkStreamEvent) -> Void) async throws -> any NetworkStream

    /// Opens a WebSocket to `address` (already checked) for the guest's `new WebSocket(url)`:
    /// the opening handshake (over TLS verified against ``WebSocketRequest/host`` for `wss:`),
    /// then messages through `events`. The default implementation refuses with `ENOSYS`.
    func openWebSocket(_ request: WebSocketRequest, to address: IPAddress,
                       events: @escaping @Sendable (WebSocketEvent) -> Void) async throws -> any NetworkWebSocket
}

extension NetworkAdapter {
    public func stream(_ request: HTTPRequest, to address: IPAddress,
                       body: @escaping @Sendable (HTTPBodyEvent) -> Void) async throws -> HTTPStreamingResponse {
        var response = try await send(request, to: address)
        let bytes = response.body
        response.body = []
        if !bytes.isEmpty { body(.data(bytes)) }
        body(.end)
        return HTTPStreamingResponse(head: response, cancel: {})
    }
}

/// A part of a streamed response body.
public enum HTTPBodyEvent: Sendable {
    case data([UInt8])
    /// The body is complete.
    case end
    /// The body was cut off.
    case error(NetworkError)
}

/// A response whose body is still arriving (``NetworkAdapter/stream(_:to:body:)``).
public struct HTTPStreamingResponse: Sendable {
    /// Status and headers (the body is empty: it arrives through the body events).
    public var head: HTTPResponse
    /// Stops the body (the connection closes; an ``HTTPBodyEvent/error(_:)`` ends it).
    public var cancel: @Sendable () -> Void
    /// Asks for more of the body: the guest consumed what arrived (backpressure). Nil: the
    /// body arrives without asking.
    public var read: (@Sendable () -> Void)?
    public init(head: HTTPResponse, cancel: @escaping @Sendable () -> Void, read: (@Sendable () -> Void)? = nil) {
        self.head = head
        self.cancel = cancel
        self.read = read
    }
}

extension NetworkAdapter where Self == DefaultNetworkAdapter {
    /// The default adapter: real DNS, HTTP/1.1 and HTTPS (verification on), refusing every
    /// non-public destination except loopback on `loopbackExemptPorts`.
    public static func `default`(loopbackExemptPorts: Set<Int> = []) -> DefaultNetworkAdapter {
        DefaultNetworkAdapter(loopbackExemptPorts: loopbackExemptPorts)
    }
}

/// One HTTP header line.
public struct HTTPHeader: Sendable, Hashable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// One HTTP request as the runtime hands it to a ``NetworkAdapter``.
public struct HTTPRequest: Sendable {
    /// `http` or `https`.
    public var scheme: String
    /// The URL's host: a DNS name (used for SNI and certificate verification) or an address.
    public var host: String
    public var port: Int
    public var method: String
    /// Path and query (`/a?b=1`).
    public var target: String
    /// Headers to send, `Host` included.
    public var headers: [HTTPHeader]
    public var body: [UInt8]?
    /// The response body may not be larger (``NetworkError`` `ERR_SANDBOX_RESPONSE_TOO_LARGE`).
    public var maxResponseBytes: Int
    /// Time allowed for the whole exchange.
    public var timeout: Duration

    public init(scheme: String, host: String, port: Int, method: String, target: String, headers: [HTTPHeader],
                body: [UInt8]? = nil, maxResponseBytes: Int = 16 << 20, timeout: Duration = .seconds(60)) {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        self.maxResponseBytes = maxResponseBytes
        self.timeout = timeout
    }
}

/// The answer to an ``HTTPRequest``.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var statusText: String
    public var headers: [HTTPHeader]
    public var body: [UInt8]
    public init(status: Int, statusText: String, headers: [HTTPHeader], body: [UInt8]) {
        self.status = status
        self.statusText = statusText
        self.headers = headers
        self.body = body
    }
}

/// A network failure, described with Node's error code (`ECONNREFUSED`, `ENOTFOUND`,
/// `ETIMEDOUT`, `ECONNRESET`, `CERT_…`, `ERR_SANDBOX_RESPONSE_TOO_LARGE`).
public struct NetworkError: Error, Sendable, Equatable {
    public var code: String
    public var message: String
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}

/// The default network adapter: DNS through the host's resolver (`getaddrinfo`), HTTP/1.1 and
/// HTTPS on SwiftNIO and swift-nio-ssl with certificate verification on, and SSRF defaults:
/// only public addresses (``IPAddress/isPublic``) are admitted — never loopback, RFC 1918,
/// link-local (cloud metadata `169.254.169.254`), CGNAT, unique-local, multicast, unspecified or
/// reserved addresses, in any spelling or IPv6 embedding — except loopback addresses on the
/// ``loopbackExemptPorts``. Servers the sandbox itself opened are reachable regardless (the
/// runtime routes those before asking the adapter).
public struct DefaultNetworkAdapter: NetworkAdapter {
    /// Loopback ports the guest may reach (a development server, a test server). Default none.
    public var loopbackExemptPorts: Set<Int>
    /// Non-public destinations named explicitly (the CLI's `--allow-net=10.0.0.0/8` or
    /// `--allow-net=127.0.0.1:8080`): an address inside `network`, on `port` when one is given.
    /// Default none.
    public var exemptDestinations: [ExemptDestination]
    /// Replaces the host's resolver (tests, a policy DNS). Default nil: `getaddrinfo`.
    public var resolver: (@Sendable (String) async throws -> [IPAddress])?

    /// A non-public address range (and port) the adapter admits.
    public struct ExemptDestination: Sendable, Hashable {
        public var network: IPNetwork
        /// Nil: every port.
        public var port: Int?
        public init(network: IPNetwork, port: Int? = nil) {
            self.network = network
            self.port = port
        }
    }

    public init(loopbackExemptPorts: Set<Int> = [], exemptDestinations: [ExemptDestination] = [],
                resolver: (@Sendable (String) async throws -> [IPAddress])? = nil) {
        self.loopbackExemptPorts = loopbackExemptPorts
        self.exemptDestinations = exemptDestinations
        self.resolver = resolver
    }

    public func resolve(_ hostname: String) async throws -> [IPAddress] {
        if let resolver { return try await resolver(hostname) }
        return try await Self.getaddrinfo(hostname)
    }

    public func admits(_ address: IPAddress, port: Int) -> PermissionDecision {
        let scope = address.scope
        if scope == .public { return .allow }
        if address.isLoopback, loopbackExemptPorts.contains(port) { return .allow }
        let target = address.connectable
        for exempt in exemptDestinations where exempt.port == nil || exempt.port == port {
            if exempt.network.contains(target) || exempt.network.contains(address) { return .allow }
        }
        return .deny(reason: "\(scope.words) address \(address) is not reachable from the sandbox")
    }

    public func send(_ request: HTTPRequest, to address: IPAddress) async throws -> HTTPResponse {
        try await HTTPClientConnection.exchange(request, address: address)
    }

    public func stream(_ request: HTTPRequest, to address: IPAddress,
                       body: @escaping @Sendable (HTTPBodyEvent) -> Void) async throws -> HTTPStreamingResponse {
        try await HTTPClientConnection.stream(request, address: address, onDemand: true, body: body)
    }

    /// Resolves `hostname` with the system resolver (`getaddrinfo`, TCP, IPv4 and IPv6), on a
    /// thread of its own (it blocks).
    public static func getaddrinfo(_ hostname: String) async throws -> [IPAddress] {
        try await BlockingWork.run {
            var hints = addrinfo()
            hints.ai_family = AF_UNSPEC
            #if canImport(Glibc)
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            #else
            hints.ai_socktype = SOCK_STREAM
            #endif
            var list: UnsafeMutablePointer<addrinfo>?
            #if canImport(Glibc)
            let status = Glibc.getaddrinfo(hostname, nil, &hints, &list)
            #else
            let status = Darwin.getaddrinfo(hostname, nil, &hints, &list)
            #endif
            guard status == 0, let first = list else {
                throw NetworkError(code: "ENOTFOUND", message: "getaddrinfo ENOTFOUND \(hostname)")
            }
            defer { freeaddrinfo(first) }
            var result: [IPAddress] = []
            var node: UnsafeMutablePointer<addrinfo>? = first
            while let current = node {
                if let sa = current.pointee.ai_addr {
                    if current.pointee.ai_family == AF_INET {
                        let bytes = sa.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { p in
                            withUnsafeBytes(of: p.pointee.sin_addr) { Array($0) }
                        }
                        if let a = IPAddress(bytes: bytes), !result.contains(a) { result.append(a) }
                    } else if current.pointee.ai_family == AF_INET6 {
                        let bytes = sa.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { p in
                            withUnsafeBytes(of: p.pointee.sin6_addr) { Array($0) }
                        }
                        if let a = IPAddress(bytes: bytes), !result.contains(a) { result.append(a) }
                    }
                }
                node = current.pointee.ai_next
            }
            guard !result.isEmpty else { throw NetworkError(code: "ENOTFOUND", message: "getaddrinfo ENOTFOUND \(hostname)") }
            return result
        }
    }
}

extension DefaultNetworkAdapter {
    /// The non-public destinations an allow list names explicitly (`127.0.0.1:8080`,
    /// `[::1]:3000`, `10.0.0.0/8`, `localhost:8080`), for ``exemptDestinations``. Names other than
    /// `localhost` and wildcards exempt nothing: a public name resolving to a private address stays
    /// refused.
    public static func exemptions(forAllowList hosts: [String]) -> [ExemptDestination] {
        var out: [ExemptDestination] = []
        for raw in hosts {
            guard let rule = HostRule(raw) else { continue }
            switch rule.host {
            case .network(let network):
                if network.base.scope != .public { out.append(ExemptDestination(network: network, port: rule.port)) }
            case .name(let name):
                if let address = IPAddress(name) ?? IPAddress(urlHost: name), address.scope != .public,
                   let network = IPNetwork("\(address)/\(address.isIPv4 ? 32 : 128)") {
                    out.append(ExemptDestination(network: network, port: rule.port))
                } else if name == "localhost", let v4 = IPNetwork("127.0.0.0/8"), let v6 = IPNetwork("::1/128") {
                    out.append(ExemptDestination(network: v4, port: rule.port))
                    out.append(ExemptDestination(network: v6, port: rule.port))
                }
            case .wildcard:
                continue
            }
        }
        return out
    }
}
