/// The answer of a permission check: allow, or deny with an optional reason that the guest sees
/// at the end of its `EACCES` message.
public struct PermissionDecision: Sendable, Hashable, ExpressibleByBooleanLiteral {
    public var allow: Bool
    public var reason: String?

    public init(allow: Bool, reason: String? = nil) {
        self.allow = allow
        self.reason = reason
    }

    public init(booleanLiteral value: Bool) { self.init(allow: value) }

    public static let allow = PermissionDecision(allow: true)
    public static let deny = PermissionDecision(allow: false)
    public static func deny(reason: String) -> PermissionDecision { PermissionDecision(allow: false, reason: reason) }
}

/// How one permission domain decides: always, never, or by asking a closure for every request.
/// A Boolean literal works too (`childProcess: false`).
public struct PermissionCheck<Request: Sendable>: Sendable, ExpressibleByBooleanLiteral {
    enum Storage: Sendable {
        case constant(PermissionDecision)
        case sync(@Sendable (Request) throws -> PermissionDecision)
        case async(@Sendable (Request) async throws -> PermissionDecision)
    }
    let storage: Storage

    init(storage: Storage) { self.storage = storage }

    public init(booleanLiteral value: Bool) { storage = .constant(PermissionDecision(allow: value)) }

    /// Every request is allowed.
    public static var allow: PermissionCheck { PermissionCheck(storage: .constant(.allow)) }
    /// Every request is denied.
    public static var deny: PermissionCheck { PermissionCheck(storage: .constant(.deny)) }
    /// Every request is denied with `reason`.
    public static func deny(reason: String) -> PermissionCheck { PermissionCheck(storage: .constant(.deny(reason: reason))) }

    /// Decides each request with a synchronous closure. A closure that throws denies.
    public static func check(_ decide: @escaping @Sendable (Request) throws -> PermissionDecision) -> PermissionCheck {
        PermissionCheck(storage: .sync(decide))
    }
    /// Decides each request with a synchronous closure returning a Boolean.
    public static func check(_ decide: @escaping @Sendable (Request) throws -> Bool) -> PermissionCheck {
        PermissionCheck(storage: .sync { PermissionDecision(allow: try decide($0)) })
    }
    /// Decides each request with an asynchronous closure (a prompt, a policy service). The guest
    /// waits for the answer. A closure that throws denies.
    public static func check(_ decide: @escaping @Sendable (Request) async throws -> PermissionDecision) -> PermissionCheck {
        PermissionCheck(storage: .async(decide))
    }
    public static func check(_ decide: @escaping @Sendable (Request) async throws -> Bool) -> PermissionCheck {
        PermissionCheck(storage: .async { PermissionDecision(allow: try await decide($0)) })
    }

    /// Evaluates the check for one request. Errors thrown by the closure deny (the error text is
    /// not shown to the guest: it may carry host details).
    public func decide(_ request: Request) async -> PermissionDecision {
        switch storage {
        case .constant(let decision): return decision
        case .sync(let decide):
            do { return try decide(request) } catch { return .deny(reason: "permission check failed") }
        case .async(let decide):
            do { return try await decide(request) } catch { return .deny(reason: "permission check failed") }
        }
    }
}

/// The four permission domains. A domain left `nil` denies every request: an empty
/// `Permissions()` grants nothing.
public struct Permissions: Sendable {
    public var fs: PermissionCheck<FsAccessRequest>?
    public var network: PermissionCheck<NetworkAccessRequest>?
    public var childProcess: PermissionCheck<ChildProcessAccessRequest>?
    public var env: PermissionCheck<EnvAccessRequest>?

    public init(fs: PermissionCheck<FsAccessRequest>? = nil,
                network: PermissionCheck<NetworkAccessRequest>? = nil,
                childProcess: PermissionCheck<ChildProcessAccessRequest>? = nil,
                env: PermissionCheck<EnvAccessRequest>? = nil) {
        self.fs = fs
        self.network = network
        self.childProcess = childProcess
        self.env = env
    }

    /// Nothing is allowed (the default).
    public static let none = Permissions()
    /// Every domain allowed.
    public static let allowAll = Permissions(fs: .allow, network: .allow, childProcess: .allow, env: .allow)
    public static let allowAllFs = Permissions(fs: .allow)
    public static let allowAllNetwork = Permissions(network: .allow)
    public static let allowAllChildProcess = Permissions(childProcess: .allow)
    public static let allowAllEnv = Permissions(env: .allow)

    /// These permissions with every domain that `other` sets taken from `other`.
    public func merging(_ other: Permissions) -> Permissions {
        Permissions(fs: other.fs ?? fs, network: other.network ?? network,
                    childProcess: other.childProcess ?? childProcess, env: other.env ?? env)
    }
}

// MARK: - Requests

/// A filesystem access, asked before the operation touches anything.
public struct FsAccessRequest: Sendable, Hashable {
    /// The operation (`read`, `write`, `stat`, …); extensible.
    public struct Operation: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let read = Operation(rawValue: "read")
        public static let write = Operation(rawValue: "write")
        public static let append = Operation(rawValue: "append")
        public static let open = Operation(rawValue: "open")
        public static let readdir = Operation(rawValue: "readdir")
        public static let stat = Operation(rawValue: "stat")
        public static let lstat = Operation(rawValue: "lstat")
        public static let exists = Operation(rawValue: "exists")
        public static let mkdir = Operation(rawValue: "mkdir")
        public static let rm = Operation(rawValue: "rm")
        public static let rmdir = Operation(rawValue: "rmdir")
        public static let rename = Operation(rawValue: "rename")
        public static let copy = Operation(rawValue: "copy")
        public static let symlink = Operation(rawValue: "symlink")
        public static let readlink = Operation(rawValue: "readlink")
        public static let link = Operation(rawValue: "link")
        public static let chmod = Operation(rawValue: "chmod")
        public static let chown = Operation(rawValue: "chown")
        public static let utimes = Operation(rawValue: "utimes")
        public static let truncate = Operation(rawValue: "truncate")
        public static let realpath = Operation(rawValue: "realpath")
        public static let mkdtemp = Operation(rawValue: "mkdtemp")
        public static let chdir = Operation(rawValue: "chdir")

        /// Which of a request's paths the operation reads and which it changes: for `copy` the
        /// source is read and the destination written; for `symlink` the link is written and its
        /// target (the destination) is only named; otherwise every path is read or written alike.
        public func access(of request: FsAccessRequest) -> (read: [String], write: [String]) {
            let source = [request.path] + (request.resolvedPath.map { [$0] } ?? [])
            let destination = request.destination.map { [$0] } ?? []
            switch self {
            case .copy: return (source, destination)
            case .symlink: return (destination, source)
            default: return isWrite ? ([], source + destination) : (source + destination, [])
            }
        }

        /// Whether the operation changes the filesystem.
        public var isWrite: Bool {
            switch self {
            case .write, .append, .mkdir, .rm, .rmdir, .rename, .copy, .symlink, .link, .chmod, .chown, .utimes, .truncate, .mkdtemp:
                return true
            default:
                return false
            }
        }
    }

    public var op: Operation
    /// Absolute, normalised guest path.
    public var path: String
    /// The path after resolving symlinks, when it exists (checked too, so links cannot escape).
    public var resolvedPath: String?
    /// For two-path operations (rename, copy, link, symlink): the destination.
    public var destination: String?

    public init(op: Operation, path: String, resolvedPath: String? = nil, destination: String? = nil) {
        self.op = op
        self.path = path
        self.resolvedPath = resolvedPath
        self.destination = destination
    }
}

/// A network access, asked for every connection, every redirect hop, DNS lookups and listens.
public struct NetworkAccessRequest: Sendable, Hashable {
    public struct Operation: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
        public static let fetch = Operation(rawValue: "fetch")
        public static let http = Operation(rawValue: "http")
        public static let connect = Operation(rawValue: "connect")
        public static let dns = Operation(rawValue: "dns")
        public static let listen = Operation(rawValue: "listen")
        /// A WebSocket's opening handshake (`new WebSocket(url)`), protocol `ws:` or `wss:`.
        public static let websocket = Operation(rawValue: "websocket")
    }

    public var op: Operation
    public var url: String?
    public var method: String?
    public var hostname: String
    public var port: Int?
    /// `http:`, `https:`, `tcp:`, `ws:`, …
    public var `protocol`: String?
    /// Addresses the hostname resolved to, when the check runs after DNS.
    public var resolvedAddresses: [String]

    public init(op: Operation, url: String? = nil, method: String? = nil, hostname: String, port: Int? = nil,
                protocol: String? = nil, resolvedAddresses: [String] = []) {
        self.op = op
        self.url = url
        self.method = method
        self.hostname = hostname
        self.port = port
        self.protocol = `protocol`
        self.resolvedAddresses = resolvedAddresses
    }
}

/// A request to start a child process.
public struct ChildProcessAccessRequest: Sendable, Hashable {
    /// The program as the guest named it (a bare name or a path); for a shell, the shell itself.
    public var command: String
    public var args: [String]
    /// The guest's working directory (a guest path).
    public var cwd: String
    /// The child's whole environment, after the loader variables were stripped.
    public var env: [String: String]
    /// True when the command runs through a shell (`exec`, `shell: true`): `command` is then the
    /// shell (`/bin/sh`) and `args` are `["-c", commandLine]`.
    public var shell: Bool

    public init(command: String, args: [String] = [], cwd: String = "/", env: [String: String] = [:], shell: Bool = false) {
        self.command = command
        self.args = args
        self.cwd = cwd
        self.env = env
        self.shell = shell
    }
}

/// An environment variable access: every read, write, delete and enumeration of `process.env`.
public struct EnvAccessRequest: Sendable, Hashable {
    public struct Operation: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
        public static let read = Operation(rawValue: "read")
        public static let write = Operation(rawValue: "write")
        public static let delete = Operation(rawValue: "delete")
        public static let enumerate = Operation(rawValue: "enumerate")
    }

    public var op: Operation
    public var name: String
    /// The value being written (writes only).
    public var value: String?

    public init(op: Operation, name: String, value: String? = nil) {
        self.op = op
        self.name = name
        self.value = value
    }
}
