// Builders for the common permission shapes.

extension PermissionCheck where Request == FsAccessRequest {
    /// Reads under `readOnly` or `readWrite` prefixes, writes under `readWrite` only. Prefixes
    /// match whole path segments (`/data` does not match `/data-secret`), and the resolved path
    /// and the destination must match too, so a symlink cannot lead out of a grant.
    public static func paths(readOnly: [String] = [], readWrite: [String] = []) -> PermissionCheck {
        let readable = (readOnly + readWrite).map(PathPrefix.init)
        let writable = readWrite.map(PathPrefix.init)
        return .check { (request: FsAccessRequest) -> PermissionDecision in
            let (reads, writes) = request.op.access(of: request)
            let allowed = reads.allSatisfy { p in readable.contains { $0.contains(p) } }
                && writes.allSatisfy { p in writable.contains { $0.contains(p) } }
            return PermissionDecision(allow: allowed)
        }
    }
}

extension PermissionCheck where Request == EnvAccessRequest {
    /// Reads, writes and enumeration of the listed variable names only.
    public static func allow(names: [String]) -> PermissionCheck {
        let set = Set(names)
        return .check { (request: EnvAccessRequest) -> Bool in set.contains(request.name) }
    }
}

extension PermissionCheck where Request == ChildProcessAccessRequest {
    /// Spawning the listed commands only, never through a shell unless `allowShell` (a shell
    /// request names the shell, `/bin/sh`, which must be listed too — as `sh` or `/bin/sh`).
    /// A bare name (`ls`) allows that bare name; a path allows exactly that path. A listed bare
    /// name also allows the standard locations `/bin`, `/usr/bin`, `/usr/local/bin` (where the
    /// executor looks names up), never a path elsewhere (`/tmp/x/ls` is not `ls`).
    public static func allow(commands: [String], allowShell: Bool = false) -> PermissionCheck {
        let set = Set(commands)
        return .check { (request: ChildProcessAccessRequest) -> Bool in
            if request.shell && !allowShell { return false }
            if set.contains(request.command) { return true }
            guard let slash = request.command.lastIndex(of: "/") else { return false }
            let folder = String(request.command[..<slash])
            let base = String(request.command[request.command.index(after: slash)...])
            return ["/bin", "/usr/bin", "/usr/local/bin"].contains(folder) && set.contains(base)
        }
    }
}

extension PermissionCheck where Request == NetworkAccessRequest {
    /// Connections to the listed hosts: `example.com`, `example.com:443`, `*.example.com`
    /// (subdomains only), `10.0.0.0/8`. Hostnames compare case-insensitively without a trailing dot.
    public static func allow(hosts: [String]) -> PermissionCheck {
        let rules = hosts.compactMap(HostRule.init)
        return .check { (request: NetworkAccessRequest) -> Bool in
            rules.contains { $0.matches(hostname: request.hostname, port: request.port, addresses: request.resolvedAddresses) }
        }
    }
}

/// A path prefix matched by whole segments.
struct PathPrefix: Sendable {
    let prefix: String
    init(_ raw: String) { prefix = GuestPath.normalize(raw) }
    func contains(_ path: String) -> Bool {
        let p = GuestPath.normalize(path)
        return prefix == "/" || p == prefix || p.hasPrefix(prefix + "/")
    }
}

/// One `--allow-net` style rule.
struct HostRule: Sendable {
    enum Host: Sendable { case name(String), wildcard(String), network(IPNetwork) }
    let host: Host
    let port: Int?

    init?(_ raw: String) {
        var text = raw.trimmingWhitespace()
        var port: Int?
        if text.hasPrefix("[") {
            // [v6]:port
            guard let close = text.firstIndex(of: "]") else { return nil }
            let after = text[text.index(after: close)...]
            if after.hasPrefix(":") { port = Int(after.dropFirst()) }
            text = String(text[text.index(after: text.startIndex)..<close])
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.lastIndex(of: ":"), !text.contains("/") {
            port = Int(text[text.index(after: colon)...])
            guard port != nil else { return nil }
            text = String(text[..<colon])
        }
        self.port = port
        if let network = IPNetwork(text) {
            host = .network(network)
        } else if text.hasPrefix("*.") {
            host = .wildcard(HostRule.canonical(String(text.dropFirst(2))))
        } else if !text.isEmpty {
            host = .name(HostRule.canonical(text))
        } else {
            return nil
        }
    }

    static func canonical(_ name: String) -> String {
        var n = name.lowercased()
        while n.hasSuffix(".") { n.removeLast() }
        return n
    }

    func matches(hostname: String, port requestPort: Int?, addresses: [String]) -> Bool {
        if let port, port != requestPort { return false }
        let name = HostRule.canonical(hostname)
        switch host {
        case .name(let n):
            if let a = IPAddress(n), let b = IPAddress(name) { return a == b }
            return n == name
        case .wildcard(let suffix):
            return name.hasSuffix("." + suffix)
        case .network(let network):
            let candidates = ([name] + addresses).compactMap { IPAddress($0) }
            return !candidates.isEmpty && candidates.allSatisfy(network.contains)
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
