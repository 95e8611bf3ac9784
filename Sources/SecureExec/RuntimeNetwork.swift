import Synchronization

/// The host's side of a runtime's sandbox servers: which servers the running call opened, and
/// requests to them from the host (trusted code: no permission check, no SSRF policy).
///
/// ```swift
/// async let result = runtime.exec("require('http').createServer((q, s) => s.end('hi')).listen(3000)")
/// // once runtime.network.servers lists port 3000:
/// let response = try await runtime.network.fetch(port: 3000, path: "/")
/// ```
public final class RuntimeNetwork: Sendable {
    /// A server the guest opened.
    public struct Server: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable { case http, https, tcp, tls }
        /// The port the guest listened on (what `server.address().port` says).
        public var guestPort: Int
        /// The real port on the host's `127.0.0.1`.
        public var hostPort: Int
        public var kind: Kind
        public init(guestPort: Int, hostPort: Int, kind: Kind) {
            self.guestPort = guestPort
            self.hostPort = hostPort
            self.kind = kind
        }
    }

    private let current = Mutex<NetworkCallState?>(nil)

    init() {}

    func attach(_ state: NetworkCallState) { current.withLock { $0 = state } }

    /// The servers the running (or last) call has open; empty once the call ended.
    public var servers: [Server] { current.withLock { $0 }?.serverList ?? [] }

    /// Sends one HTTP request to the guest's HTTP or HTTPS server on `port` (its guest port; an
    /// HTTPS server's certificate is not verified) and returns
    /// the whole answer (at most `maxResponseBytes`). Throws ``NetworkError`` `ECONNREFUSED` when
    /// no such server is open.
    public func fetch(port: Int, path: String = "/", method: String = "GET", headers: [HTTPHeader] = [],
                      body: [UInt8]? = nil, maxResponseBytes: Int = 16 << 20,
                      timeout: Duration = .seconds(60)) async throws -> HTTPResponse {
        guard let server = servers.first(where: { $0.guestPort == port && ($0.kind == .http || $0.kind == .https) }),
              let loopback = IPAddress("127.0.0.1") else {
            throw NetworkError(code: "ECONNREFUSED", message: "no sandbox server listens on port \(port)")
        }
        var all = headers
        if !all.contains(where: { $0.name.lowercased() == "host" }) {
            all.insert(HTTPHeader(name: "Host", value: "localhost:\(port)"), at: 0)
        }
        all.append(HTTPHeader(name: "Connection", value: "close"))
        let secure = server.kind == .https
        let request = HTTPRequest(scheme: secure ? "https" : "http", host: "127.0.0.1", port: server.hostPort, method: method,
                                  target: path.hasPrefix("/") ? path : "/" + path, headers: all, body: body,
                                  maxResponseBytes: maxResponseBytes, timeout: timeout)
        // An HTTPS server's certificate is the guest's own: the host does not verify it (the
        // connection goes to the host's own loopback port).
        return try await HTTPClientConnection.exchange(request, address: loopback,
                                                       tls: secure ? try TLSContexts.unverifiedClient() : nil)
    }
}
