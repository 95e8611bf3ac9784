import SecureExecBridge
import Synchronization

/// The host side of the guest's networking (`fetch`, `http`/`https` clients, `dns`, sandbox
/// servers). Every connection is decided here, the same way for every adapter:
///
/// 1. the URL is parsed again on the host (the guest's parse is not trusted), with every IPv4
///    spelling a WHATWG parser accepts read as the address it denotes;
/// 2. a DNS name is resolved only after a `dns` permission request for it (DNS is a channel too);
/// 3. one connection request (`fetch`, `http`, …) carries the resolved addresses to the
///    `network` permission check;
/// 4. every resolved address must pass the adapter's destination policy (SSRF), except a
///    loopback connection to a server the sandbox itself opened;
/// 5. the connection goes to the address that was checked — there is no second resolution.
struct NetworkOperations {
    let host: CallHost

    var state: NetworkCallState { host.network }

    func perform(_ op: String, _ args: Arguments, _ binary: [UInt8]?) async throws -> BridgeResponse {
        state.attach(to: host)
        switch op {
        case "net.fetch": return try await fetch(args, binary)
        case "dns.lookup": return try await lookup(args)
        case "http.poolClose": return try poolClose(args)
        case "net.cancel":
            state.finishBody(try args.int("id"))?()
            return .undefined
        case "net.bodyRead":
            state.readBody(try args.int("id"))
            return .undefined
        case "net.connect", "net.write", "net.read", "net.end", "net.destroy", "net.listen", "net.closeServer":
            return try await performNet(op, args, binary)
        case "ws.connect", "ws.send", "ws.close", "ws.terminate":
            return try await performWebSocket(op, args, binary)
        case "udp.bind", "udp.send", "udp.connect", "udp.disconnect", "udp.read", "udp.close":
            return try await performUDP(op, args, binary)
        default:
            throw GuestError(code: "ERR_SANDBOX_UNKNOWN_OPERATION", message: "unknown bridge operation '\(op)'")
        }
    }

    // MARK: - Permission

    private func decide(_ request: NetworkAccessRequest) async -> PermissionDecision {
        guard let check = host.driver.permissions.network else { return .deny }
        return await check.decide(request)
    }

    static func denied(_ syscall: String, host: String, port: Int?, reason: String?) -> GuestError {
        let endpoint = port.map { "\(host):\($0)" } ?? host
        var error = GuestError.system("EACCES", "permission denied", syscall: syscall, reason: reason)
        error.message = "\(syscall) EACCES \(endpoint)" + (reason.map { ": \($0)" } ?? "")
        error.hostname = host
        return error
    }

    static func failure(_ error: NetworkError, syscall: String, host: String) -> GuestError {
        var guestError = GuestError(code: error.code, message: error.message, syscall: syscall)
        guestError.hostname = host
        return guestError
    }

    // MARK: - Resolution and the connection gate

    /// Where one connection goes, after every check passed.
    struct Destination {
        var url: ParsedURL
        var address: IPAddress
        /// Every checked address, in the resolver's order (`address` is the first): a connection
        /// that is refused or unreachable tries the next, never an unchecked one.
        var alternatives: [IPAddress] = []
        /// The host port to connect to (a sandbox server's real port, or the URL's port).
        var port: Int
        var hostname: String
        /// A server the sandbox itself opened (its TLS may use the guest's `ca` or no
        /// verification: the guest talks to itself).
        var ownServer = false
    }

    /// Resolves `hostname` (a DNS name) after asking the `dns` permission.
    private func resolve(_ name: String, port: Int?, adapter: any NetworkAdapter) async throws -> [IPAddress] {
        let decision = await decide(NetworkAccessRequest(op: .dns, hostname: name, port: port))
        guard decision.allow else { throw Self.denied("getaddrinfo", host: name, port: nil, reason: decision.reason) }
        do {
            let addresses = try await state.track { try await adapter.resolve(name) }
            guard !addresses.isEmpty else { throw NetworkError(code: "ENOTFOUND", message: "getaddrinfo ENOTFOUND \(name)") }
            return addresses
        } catch let error as NetworkError {
            throw Self.failure(error, syscall: "getaddrinfo", host: name)
        }
    }

    /// Runs the whole gate for a connection to `url` and returns where to connect.
    /// `ownPort` maps a port to one of the sandbox's own listeners of the URL's protocol (default:
    /// its TCP and HTTP servers, by their guest port).
    func gate(_ url: ParsedURL, op: NetworkAccessRequest.Operation, method: String?,
              reportURL: Bool = true, ownPort: ((Int) -> Int?)? = nil) async throws -> Destination {
        let adapter = host.driver.network
        var addresses: [IPAddress]
        let hostname: String
        switch url.host {
        case .address(let address):
            addresses = [address]
            hostname = address.description
        case .name(let name):
            hostname = name
            // Without an adapter nothing is resolved; the permission is still asked (below).
            if let adapter, host.driver.permissions.network != nil {
                addresses = try await resolve(name, port: url.port, adapter: adapter)
            } else {
                addresses = []
            }
        }
        let request = NetworkAccessRequest(op: op, url: reportURL ? url.href : nil, method: method, hostname: hostname, port: url.port,
                                           protocol: url.scheme + ":", resolvedAddresses: addresses.map(\.description))
        let decision = await decide(request)
        guard decision.allow else { throw Self.denied("connect", host: hostname, port: url.port, reason: decision.reason) }
        guard let adapter else {
            throw GuestError.system("ENOSYS", "function not implemented", syscall: "connect",
                                    reason: "no network adapter is configured")
        }
        // A server the sandbox opened: loopback only, to its real port; no adapter policy.
        if !addresses.isEmpty, addresses.allSatisfy(\.isLoopback),
           let hostPort = ownPort.map({ $0(url.port) }) ?? state.hostPort(forGuestPort: url.port) {
            return Destination(url: url, address: IPAddress(v4: 0x7F00_0001), port: hostPort, hostname: hostname, ownServer: true)
        }
        for address in addresses {
            let verdict = adapter.admits(address, port: url.port)
            guard verdict.allow else { throw Self.denied("connect", host: hostname, port: url.port, reason: verdict.reason) }
        }
        guard let first = addresses.first else {
            throw Self.failure(NetworkError(code: "ENOTFOUND", message: "getaddrinfo ENOTFOUND \(hostname)"),
                               syscall: "getaddrinfo", host: hostname)
        }
        var destination = Destination(url: url, address: first, port: url.port, hostname: hostname)
        destination.alternatives = Array(addresses.dropFirst())
        return destination
    }

    // MARK: - fetch and http(s).request

    /// One HTTP exchange: `{url, method, headers: [[name, value]…], op: "fetch"|"http"}` plus
    /// the body bytes. Answers a frame: 4-byte big-endian JSON length, the JSON head
    /// (`status`, `statusText`, `headers`, `url`), then the body.
    private func fetch(_ args: Arguments, _ binary: [UInt8]?) async throws -> BridgeResponse {
        let text = try args.string("url")
        guard let url = ParsedURL(text) else {
            throw GuestError(code: "ERR_INVALID_URL", message: "Invalid URL", name: "TypeError")
        }
        guard url.scheme == "http" || url.scheme == "https" else {
            throw GuestError(code: "ERR_UNSUPPORTED_PROTOCOL", message: "Protocol \"\(url.scheme):\" not supported",
                             name: "TypeError")
        }
        let method = try Self.method(args.optionalString("method") ?? "GET")
        let op: NetworkAccessRequest.Operation = (try args.optionalString("op")) == "http" ? .http : .fetch
        var headers = try Self.headers(args.raw["headers"])
        let destination = try await gate(url, op: op, method: method)

        headers.removeAll { ["connection", "content-length", "transfer-encoding", "keep-alive", "upgrade"].contains($0.name.lowercased()) }
        if !headers.contains(where: { $0.name.lowercased() == "host" }) {
            headers.insert(HTTPHeader(name: "Host", value: url.authority), at: 0)
        }
        let pooled = poolable(args, op: op, destination: destination)
        headers.append(HTTPHeader(name: "Connection", value: pooled ? "keep-alive" : "close"))
        let request = HTTPRequest(scheme: url.scheme, host: destination.hostname, port: destination.port, method: method,
                                  target: url.target, headers: headers, body: binary,
                                  maxResponseBytes: host.limits.maxNetworkBodyBytes, timeout: host.limits.networkTimeout)
        guard let adapter = host.driver.network else { throw GuestError(code: "ENOSYS", message: "no network adapter") }
        // HTTPS to one of the sandbox's own servers: the guest's `ca` / `rejectUnauthorized`.
        let ownTLS = destination.ownServer && url.scheme == "https" ? try TLSContexts.ownServerClient(args) : nil
        // Streamed: the body follows as `net.body` events under `bodyID` (they may arrive before
        // this answer; the guest holds them until it knows the id).
        let streamed = args.bool("stream") ?? false
        var bodyID: Int?
        var connection: (id: Int, reused: Bool)?
        var response: HTTPResponse
        do {
            if streamed {
                let id = try state.reserveBodyID()
                bodyID = id
                let emit = Self.bodyEmitter(host: host, state: state, id: id)
                let inform: @Sendable (HTTPResponse) -> Void = { [weak host] answer in
                    host?.emit("net.body", .object([
                        "type": "information", "id": .number(Double(id)), "status": .number(Double(answer.status)),
                        "statusText": .string(answer.statusText),
                        "headers": .array(answer.headers.map { .array([.string($0.name), .string($0.value)]) }),
                    ]))
                }
                let answer: HTTPStreamingResponse
                do {
                    if pooled {
                        let (stream, connID, reused) = try await pooledStream(request, destination: destination, args: args,
                                                                               tls: ownTLS, inform: inform, body: emit)
                        answer = stream
                        connection = (connID, reused)
                    } else if let ownTLS {
                        answer = try await state.track {
                            try await HTTPClientConnection.stream(request, address: destination.address, onDemand: true,
                                                                  tls: ownTLS, body: emit)
                        }
                    } else {
                        answer = try await Self.eachAddress(destination) { address in
                            try await state.track { try await adapter.stream(request, to: address, body: emit) }
                        }
                    }
                } catch {
                    _ = state.finishBody(id)
                    throw error
                }
                state.setBodyCancel(id, answer.cancel)
                if let read = answer.read { state.setBodyReader(id, read) }
                response = answer.head
                response.body = []
            } else if let ownTLS {
                response = try await state.track {
                    try await HTTPClientConnection.exchange(request, address: destination.address, tls: ownTLS)
                }
            } else {
                response = try await Self.eachAddress(destination) { address in
                    try await state.track { try await adapter.send(request, to: address) }
                }
            }
        } catch let error as NetworkError {
            throw Self.failure(error, syscall: "connect", host: destination.hostname)
        } catch is CancellationError {
            throw GuestError(code: "ECONNRESET", message: "request aborted")
        }
        if response.body.count > host.limits.maxNetworkBodyBytes {
            throw GuestError(code: "ERR_SANDBOX_RESPONSE_TOO_LARGE", message: "response body exceeds its limit")
        }
        var headObject: [String: JSONValue] = [
            "status": .number(Double(response.status)),
            "statusText": .string(response.statusText),
            "headers": .array(response.headers.map { .array([.string($0.name), .string($0.value)]) }),
            "url": .string(url.href),
        ]
        if let bodyID {
            headObject["stream"] = .number(Double(bodyID))
            if state.hasBodyReader(bodyID) { headObject["onDemand"] = true }
        }
        if let connection {
            headObject["conn"] = .number(Double(connection.id))
            headObject["reused"] = .bool(connection.reused)
        }
        let head = JSONValue.object(headObject)
        let json = head.jsonBytes
        var frame: [UInt8] = []
        frame.reserveCapacity(4 + json.count + response.body.count)
        let n = UInt32(json.count)
        frame += [UInt8(n >> 24), UInt8((n >> 16) & 0xFF), UInt8((n >> 8) & 0xFF), UInt8(n & 0xFF)]
        frame += json
        frame += response.body
        return .bytes(frame)
    }

    /// Tries the destination's checked addresses in order while connecting fails (refused or
    /// unreachable), like Node's address selection (`localhost` as `::1` then `127.0.0.1`).
    static func eachAddress<T>(_ destination: Destination, _ body: (IPAddress) async throws -> T) async throws -> T {
        var candidates = [destination.address] + destination.alternatives
        while true {
            let address = candidates.removeFirst()
            do {
                return try await body(address)
            } catch let error as NetworkError where !candidates.isEmpty
                && ["ECONNREFUSED", "ENETUNREACH", "EHOSTUNREACH", "EADDRNOTAVAIL"].contains(error.code) {
                continue
            }
        }
    }

    /// Body events of streamed response `id` to the guest (`net.body`); the id leaves the call's
    /// table at the end.
    static func bodyEmitter(host: CallHost, state: NetworkCallState, id: Int) -> @Sendable (HTTPBodyEvent) -> Void {
        { [weak host, weak state] event in
            let idValue = JSONValue.number(Double(id))
            switch event {
            case .data(let bytes): host?.emit("net.body", .object(["type": "data", "id": idValue]), binary: bytes)
            case .end:
                _ = state?.finishBody(id)
                host?.emit("net.body", .object(["type": "end", "id": idValue]))
            case .error(let error):
                _ = state?.finishBody(id)
                host?.emit("net.body", .object(["type": "error", "id": idValue, "code": .string(error.code),
                                                "message": .string(error.message)]))
            }
        }
    }

    static func method(_ raw: String) throws -> String {
        guard !raw.isEmpty, raw.utf8.count <= 32, raw.utf8.allSatisfy(isTokenByte) else {
            throw GuestError(code: "ERR_INVALID_HTTP_TOKEN", message: "Method must be a valid HTTP token [\"\(raw.prefix(32))\"]",
                             name: "TypeError")
        }
        return raw
    }

    /// Request headers from the guest: names must be tokens, values free of CR, LF and NUL.
    static func headers(_ value: JSONValue?) throws -> [HTTPHeader] {
        guard let value, !value.isNull else { return [] }
        guard let list = value.arrayValue, list.count <= 1000 else {
            throw GuestError.invalidArgument("The \"headers\" argument must be of type Array")
        }
        var total = 0
        return try list.map { pair in
            guard let items = pair.arrayValue, items.count == 2, let name = items[0].stringValue,
                  let text = items[1].stringValue else {
                throw GuestError.invalidArgument("The \"headers\" argument must be of type Array")
            }
            guard !name.isEmpty, name.utf8.allSatisfy(isTokenByte) else {
                throw GuestError(code: "ERR_INVALID_HTTP_TOKEN", message: "Header name must be a valid HTTP token [\"\(name.prefix(64))\"]",
                                 name: "TypeError")
            }
            guard !text.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) else {
                throw GuestError(code: "ERR_INVALID_CHAR", message: "Invalid character in header content [\"\(name)\"]",
                                 name: "TypeError")
            }
            total += name.utf8.count + text.utf8.count
            guard total <= 256 << 10 else {
                throw GuestError(code: "ERR_SANDBOX_PAYLOAD_TOO_LARGE", message: "request headers exceed 256 KiB", name: "RangeError")
            }
            return HTTPHeader(name: name, value: text)
        }
    }

    static func isTokenByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(b)
        }
    }

    // MARK: - dns.lookup

    /// `{hostname, family?: 0|4|6}` → `[{address, family}]`, after the `dns` permission.
    private func lookup(_ args: Arguments) async throws -> BridgeResponse {
        let raw = try args.string("hostname").lowercased()
        let family = (try? args.int("family")) ?? 0
        var addresses: [IPAddress]
        switch IPAddress.parseURLHost(raw.hasPrefix("[") || !raw.contains(":") ? raw : "[\(raw)]") {
        case .address(let address):
            addresses = [address]
        case .name(let name):
            guard ParsedURL.isValidDomain(name) else {
                throw Self.failure(NetworkError(code: "ENOTFOUND", message: "getaddrinfo ENOTFOUND \(raw)"),
                                   syscall: "getaddrinfo", host: raw)
            }
            guard let adapter = host.driver.network else {
                let decision = await decide(NetworkAccessRequest(op: .dns, hostname: name))
                guard decision.allow else { throw Self.denied("getaddrinfo", host: name, port: nil, reason: decision.reason) }
                throw GuestError.system("ENOSYS", "function not implemented", syscall: "getaddrinfo",
                                        reason: "no network adapter is configured")
            }
            addresses = try await resolve(name, port: nil, adapter: adapter)
        case .invalid:
            throw Self.failure(NetworkError(code: "ENOTFOUND", message: "getaddrinfo ENOTFOUND \(raw)"),
                               syscall: "getaddrinfo", host: raw)
        }
        if family == 4 { addresses = addresses.filter(\.isIPv4) }
        if family == 6 { addresses = addresses.filter(\.isIPv6) }
        if addresses.isEmpty {
            throw Self.failure(NetworkError(code: "ENOTFOUND", message: "getaddrinfo ENOTFOUND \(raw)"),
                               syscall: "getaddrinfo", host: raw)
        }
        return .value(.array(addresses.map { .object(["address": .string($0.description), "family": .number($0.isIPv4 ? 4 : 6)]) }))
    }
}

// MARK: - URLs, parsed on the host

/// An `http:`/`https:` URL as the host reads it: scheme, host (an address in any WHATWG
/// spelling, or a lower-case domain name), port, and the request target.
struct ParsedURL: Sendable {
    var scheme: String
    var host: Host
    var port: Int
    /// Path and query.
    var target: String
    /// The URL as the host reads it: `scheme://authority/target`.
    var href: String
    /// `host[:port]` for the `Host` header (the port only when not the scheme's default).
    var authority: String

    enum Host: Sendable, Equatable {
        case address(IPAddress)
        case name(String)
    }

    init?(_ text: String) {
        guard text.utf8.count <= 64 << 10,
              text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\\") }),
              let colon = text.firstIndex(of: ":") else { return nil }
        let scheme = text[..<colon].lowercased()
        guard !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) else { return nil }
        let rest = text[text.index(after: colon)...]
        guard rest.hasPrefix("//") else { return nil }
        let afterSlashes = rest.dropFirst(2)
        let authorityEnd = afterSlashes.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? afterSlashes.endIndex
        var authority = afterSlashes[..<authorityEnd]
        var target = String(afterSlashes[authorityEnd...])
        if let hash = target.firstIndex(of: "#") { target = String(target[..<hash]) }
        if target.isEmpty || target.hasPrefix("?") { target = "/" + target }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var hostText: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            hostText = authority[...close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return nil }
                portText = after.dropFirst()
            }
        } else if let c = authority.lastIndex(of: ":") {
            hostText = authority[..<c]
            portText = authority[authority.index(after: c)...]
        } else {
            hostText = authority
        }
        let defaultPort = scheme == "https" || scheme == "wss" ? 443 : 80
        var port = defaultPort
        if let portText, !portText.isEmpty {
            guard portText.count <= 5, portText.allSatisfy({ $0.isASCII && $0.isNumber }), let p = Int(portText), p <= 65535 else {
                return nil
            }
            port = p
        }
        let lowered = hostText.lowercased()
        guard !lowered.contains("%") else { return nil }  // the guest's parser decodes; a raw % is not a host
        switch IPAddress.parseURLHost(lowered) {
        case .invalid: return nil
        case .address(let address): host = .address(address)
        case .name(var name):
            guard Self.isValidDomain(name) else { return nil }
            if name.hasSuffix(".") { name.removeLast() }  // `localhost.` is `localhost`
            host = .name(name)
        }
        self.scheme = scheme
        self.port = port
        self.target = target
        let hostForHeader: String
        switch host {
        case .address(let a): hostForHeader = a.urlHost
        case .name(let n): hostForHeader = n
        }
        self.authority = port == defaultPort ? hostForHeader : "\(hostForHeader):\(port)"
        // Rebuilt from what the host parsed (no user info, no fragment, the host as it is
        // connected to), so a check that reads the URL sees the real destination.
        href = "\(scheme)://\(self.authority)\(target)"
    }

    /// A DNS name: labels of letters, digits, `-` and `_`, 1–63 bytes each, 253 in all (a final
    /// dot allowed).
    static func isValidDomain(_ name: String) -> Bool {
        var n = Substring(name)
        if n.hasSuffix(".") { n = n.dropLast() }
        guard !n.isEmpty, n.utf8.count <= 253 else { return false }
        return n.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            !label.isEmpty && label.utf8.count <= 63
                && label.utf8.allSatisfy { b in
                    (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_")
                }
        }
    }
}
