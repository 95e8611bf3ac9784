import Foundation
import SecureExecBridge
import Synchronization

/// The host side of one call's bridge: every request the guest makes arrives here. Each
/// operation validates its arguments, asks the permission check, and only then acts. Nothing
/// from the guest is trusted: sizes, types and paths are checked again here.
final class CallHost: Sendable {
    let driver: NodeDriver
    let limits: ResourceLimits
    let onStdio: StdioHandler?
    /// Read-only module folders: reads allowed without asking the fs check, writes refused.
    let moduleGrants: [PathPrefix]
    private let env: Mutex<[String: String]>
    private let output = Mutex(OutputBudget())
    /// The call's open file descriptors (closed with the call).
    let descriptors = Mutex(DescriptorTable())
    /// Where host-initiated events go (set by the engine backend while the call runs).
    private let sink = Mutex<HostEventSink?>(nil)
    /// The call's child processes (ChildProcessOperations.swift).
    let children: ChildProcessTable
    /// The channel to the parent of a forked `node` child (nil otherwise).
    let ipc: IPCChannel?
    /// A nested `node` child's streamed stdin (nil otherwise).
    let stdinFeed: NestedInput?
    /// Whether `terminate()` reached this call before its engine started it; the engine asks
    /// once the call can be stopped (set once, before the call is handed to the engine).
    nonisolated(unsafe) var stoppedBeforeStart: @Sendable () -> Bool = { false }
    /// The runtime's host functions, when it has any (`host.call`).
    let hostFunctions: HostFunctionCalls?
    /// Work to do when the call ends (kill children, close sockets and servers), and whether it
    /// has ended (work registered after that runs at once).
    private let cleanups = Mutex<(work: [@Sendable () async -> Void], ended: Bool)>(([], false))
    /// Sandbox servers and network work in flight (NetworkOperations.swift).
    let network: NetworkCallState

    /// Delivers a host-initiated event to the guest's event loop (`kind`, JSON, bytes).
    typealias HostEventSink = @Sendable (_ kind: String, _ json: [UInt8], _ binary: [UInt8]?) -> Void

    struct DescriptorTable {
        struct OpenFile {
            var path: String
            /// The file itself (reads and writes follow it, not the path).
            var handle: any VirtualFileHandle
            var readable: Bool
            var writable: Bool
            var append: Bool
            var position: Int
        }
        var files: [Int: OpenFile] = [:]
        var next = 10
        /// Whether the call-end clean-up that closes every descriptor is registered.
        var cleanupRegistered = false
    }

    struct OutputBudget {
        var bytes = 0
        var truncated = false
    }

    init(driver: NodeDriver, limits: ResourceLimits, env: [String: String], onStdio: StdioHandler?,
         moduleGrants: [PathPrefix] = [], children: ChildProcessTable = ChildProcessTable(),
         hostFunctions: HostFunctionCalls? = nil, ipc: IPCChannel? = nil, stdinFeed: NestedInput? = nil) {
        self.driver = driver
        self.ipc = ipc
        self.stdinFeed = stdinFeed
        self.children = children
        self.hostFunctions = hostFunctions
        self.moduleGrants = moduleGrants
        self.limits = limits
        network = NetworkCallState(handleLimit: limits.maxHandles)
        self.onStdio = onStdio
        self.env = Mutex(env)
    }

    // MARK: - Call life cycle

    /// Connects the call's event channel to the guest (the engine backend does this when the
    /// call starts).
    func attach(events: @escaping HostEventSink) {
        sink.withLock { $0 = events }
    }

    /// Sends an event to the guest's event loop; a listener registered with
    /// `internal.loop.onHostEvent(kind, …)` receives the parsed JSON and the bytes. Dropped once
    /// the call has ended.
    func emit(_ kind: String, _ value: JSONValue = .null, binary: [UInt8]? = nil) {
        guard let sink = sink.withLock({ $0 }) else { return }
        sink(kind, value.isNull ? [] : value.jsonBytes, binary)
    }

    /// Registers work to run when the call ends, however it ends. A handler still running when
    /// its call was stopped (a child that started just after) gets its work done at once.
    func onCallEnd(_ body: @escaping @Sendable () async -> Void) {
        let late = cleanups.withLock { state -> Bool in
            if !state.ended { state.work.append(body) }
            return state.ended
        }
        if late { Task { await body() } }
    }

    /// Ends the call: no more events reach the guest, and every registered clean-up runs.
    func callEnded() async {
        sink.withLock { $0 = nil }
        let work = cleanups.withLock { state -> [@Sendable () async -> Void] in
            defer { state.work.removeAll(); state.ended = true }
            return state.work
        }
        for body in work.reversed() { await body() }
    }

    /// A request that went through ``prepare(_:)``: what is left is ``handle(_:)``.
    struct PreparedRequest: Sendable {
        fileprivate let request: BridgeRequest
        /// A host function call's admission and its parsed arguments (nil for other operations).
        fileprivate let start: Result<(HostFunctionCalls.Admission, Arguments)?, GuestError>
    }

    /// The synchronous first step of answering a request, taken in the order the guest sent its
    /// requests (before any of them runs in a task of its own): budgets that count calls are
    /// charged here, so whether a call is admitted never depends on which task starts first.
    func prepare(_ request: BridgeRequest) -> PreparedRequest {
        guard request.operation == "host.call", let hostFunctions else { return PreparedRequest(request: request, start: .success(nil)) }
        do {
            try checkPayload(request)
            let args = try Arguments(request)
            return PreparedRequest(request: request, start: .success((try hostFunctions.admit(args), args)))
        } catch let error as GuestError {
            return PreparedRequest(request: request, start: .failure(error))
        } catch {
            return PreparedRequest(request: request, start: .failure(GuestError(code: "ERR_INTERNAL", message: "internal error")))
        }
    }

    private func checkPayload(_ request: BridgeRequest) throws {
        if request.json.count > limits.maxJSONPayloadBytes || (request.binary?.count ?? 0) > limits.maxBinaryPayloadBytes {
            throw GuestError(code: "ERR_SANDBOX_PAYLOAD_TOO_LARGE",
                             message: "ERR_SANDBOX_PAYLOAD_TOO_LARGE: bridge payload exceeds its limit",
                             name: "RangeError")
        }
    }

    /// Answers one request.
    func handle(_ request: BridgeRequest) async -> BridgeResponse {
        await handle(prepare(request))
    }

    /// Answers one prepared request.
    func handle(_ prepared: PreparedRequest) async -> BridgeResponse {
        let request = prepared.request
        var response: BridgeResponse
        do {
            if let (admission, args) = try prepared.start.get(), let hostFunctions {
                // Checked and parsed in `prepare`.
                response = try await hostFunctions.perform(admission, args, request.binary)
            } else {
                try checkPayload(request)
                response = try await dispatch(request.operation, try Arguments(request), request.binary)
            }
        } catch let error as GuestError {
            response = .failure(error)
        } catch {
            response = .failure(GuestError(code: "ERR_INTERNAL", message: "internal error"))
        }
        response.id = request.id
        return response
    }

    /// Handles an event (no answer) synchronously, in the order the guest sent it.
    func handleEvent(_ request: BridgeRequest) {
        guard let args = try? Arguments(request) else { return }
        switch request.operation {
        case "stdio.write": _ = write(args, request.binary)
        // A dgram socket's next datagram (the guest took the last one), and closing one: cheap,
        // answerless, in the guest's order.
        case "udp.read": (network.stream((try? args.int("id")) ?? 0) as? SandboxUDPSocket)?.read()
        case "udp.close": network.removeStream((try? args.int("id")) ?? 0)?.close()
        default: break
        }
    }

    private func dispatch(_ op: String, _ args: Arguments, _ binary: [UInt8]?) async throws -> BridgeResponse {
        switch op {
        case "stdio.write": return write(args, binary)
        case "env.get": return try await envGet(args)
        case "env.set": return try await envSet(args)
        case "env.delete": return try await envDelete(args)
        case "env.keys": return await envKeys()
        case "process.chdir": return try await chdir(args)
        case "stdin.ready":
            guard let stdinFeed else { return .undefined }
            onCallEnd { stdinFeed.close() }
            stdinFeed.attach(self)
            return .undefined
        case "ipc.ready", "ipc.send", "ipc.disconnect":
            guard let ipc else { throw GuestError(code: "ERR_IPC_CHANNEL_CLOSED", message: "Channel closed") }
            switch op {
            case "ipc.ready":
                onCallEnd { ipc.disconnect() }
                ipc.childReady(self)
                return .undefined
            case "ipc.send": return .value(.bool(try ipc.sendToParent(binary ?? [])))
            default:
                ipc.disconnect()
                return .undefined
            }
        case "process.kill", "child.spawn", "child.spawnSync", "child.write", "child.end", "child.kill", "child.send", "child.disconnect":
            return try await ChildProcessOperations(host: self).perform(op, args, binary)
        case "net.fetch", "net.cancel", "net.bodyRead", "net.connect", "net.write", "net.read", "net.end", "net.destroy", "net.listen", "net.closeServer",
             "dns.lookup", "http.poolClose":
            return try await NetworkOperations(host: self).perform(op, args, binary)
        case "ws.connect", "ws.send", "ws.close", "ws.terminate", "udp.bind", "udp.send", "udp.connect", "udp.disconnect",
             "udp.read", "udp.close":
            return try await NetworkOperations(host: self).perform(op, args, binary)
        case "crypto.pbkdf2", "crypto.scrypt":
            // Deliberately slow derivations (seconds at high costs): off the shared pool.
            return try await BlockingWork.run { try CryptoOperations.perform(op, args, binary) }
        case "crypto.hash", "crypto.hmac", "crypto.hkdf":
            return try CryptoOperations.perform(op, args, binary)
        case "crypto.cipher", "crypto.aeadTag": return try CryptoCipherOperations.perform(op, args, binary)
        case "crypto.keyGenerate", "crypto.keyInfo", "crypto.keyFromJwk", "crypto.keyExport", "crypto.sign", "crypto.verify",
             "crypto.rsaCipher", "crypto.rsaRaw", "crypto.ecPoint", "crypto.deriveShared":
            return try await CryptoKeyOperations.perform(op, args, binary)
        default:
            if op.hasPrefix("fs.") { return try await FileSystemOperations(host: self).perform(op, args, binary) }
            throw GuestError(code: "ERR_SANDBOX_UNKNOWN_OPERATION", message: "unknown bridge operation '\(op)'")
        }
    }

    // MARK: - Output

    private func write(_ args: Arguments, _ binary: [UInt8]?) -> BridgeResponse {
        guard let bytes = binary, let onStdio else { return .undefined }
        let channel: StdioEvent.Channel = args.raw.intValue == 2 ? .stderr : .stdout
        // The guest bounds its output too; the host does not rely on it.
        let allowed: [UInt8]? = output.withLock { budget in
            if budget.truncated { return nil }
            if budget.bytes + bytes.count > limits.maxOutputBytes + 128 {
                budget.truncated = true
                let room = max(0, limits.maxOutputBytes - budget.bytes)
                return Array(bytes.prefix(room)) + Array("\n[output truncated]\n".utf8)
            }
            budget.bytes += bytes.count
            return bytes
        }
        if let allowed { onStdio(StdioEvent(channel: channel, bytes: allowed)) }
        return .undefined
    }

    // MARK: - Environment: checked on every access

    private func check(env request: EnvAccessRequest) async -> PermissionDecision {
        guard let check = driver.permissions.env else { return .deny }
        return await check.decide(request)
    }

    private func envGet(_ args: Arguments) async throws -> BridgeResponse {
        let name = try args.string("name")
        guard await check(env: EnvAccessRequest(op: .read, name: name)).allow else { return .undefined }
        guard let value = env.withLock({ $0[name] }) else { return .undefined }
        return .value(.string(value))
    }

    private func envSet(_ args: Arguments) async throws -> BridgeResponse {
        let name = try args.string("name")
        let value = try args.string("value")
        let decision = await check(env: EnvAccessRequest(op: .write, name: name, value: value))
        guard decision.allow else {
            throw GuestError.system("EACCES", "permission denied", syscall: "setenv", path: name, reason: decision.reason)
        }
        env.withLock { $0[name] = value }
        return .undefined
    }

    private func envDelete(_ args: Arguments) async throws -> BridgeResponse {
        let name = try args.string("name")
        // Deleting a variable that does not exist changes nothing (and `delete` never throws in
        // Node for a missing name).
        guard env.withLock({ $0[name] }) != nil else { return .undefined }
        let decision = await check(env: EnvAccessRequest(op: .delete, name: name))
        guard decision.allow else {
            throw GuestError.system("EACCES", "permission denied", syscall: "unsetenv", path: name, reason: decision.reason)
        }
        env.withLock { _ = $0.removeValue(forKey: name) }
        return .undefined
    }

    private func envKeys() async -> BridgeResponse {
        var visible: [JSONValue] = []
        for name in env.withLock({ $0.keys.sorted() }) where await check(env: EnvAccessRequest(op: .enumerate, name: name)).allow {
            visible.append(.string(name))
        }
        return .value(.array(visible))
    }

    /// The call's environment as the guest may see it (each name passes the env check).
    func visibleEnvironment() async -> [String: String] {
        var visible: [String: String] = [:]
        for (name, value) in env.withLock({ $0 }) where await check(env: EnvAccessRequest(op: .read, name: name)).allow {
            visible[name] = value
        }
        return visible
    }

    // MARK: - Process

    private func chdir(_ args: Arguments) async throws -> BridgeResponse {
        let path = try args.path("path")
        let fs = FileSystemOperations(host: self)
        try await fs.authorize(.chdir, path: path, syscall: "chdir")
        let filesystem = driver.filesystem
        switch await FileSystemOperations.attempt({ try await filesystem.stat(path) }) {
        case .success(let status) where status.type != .directory:
            throw GuestError.system("ENOTDIR", "not a directory", syscall: "chdir", path: path)
        case .success: break
        case .failure(let error):
            throw GuestError.system(error.code.rawValue, error.codeDescription, syscall: "chdir", path: path)
        }
        return .undefined
    }
}

/// A request's JSON arguments with typed, validating accessors.
struct Arguments {
    let raw: JSONValue

    init(_ request: BridgeRequest) throws {
        if request.json.isEmpty {
            raw = .null
            return
        }
        do {
            raw = try JSONValue.parse(request.json, maxDepth: 64)
        } catch {
            throw GuestError(code: "ERR_INVALID_ARG_VALUE", message: "malformed bridge arguments", name: "TypeError")
        }
    }

    private func invalid(_ name: String, _ expected: String) -> GuestError {
        GuestError.invalidArgument("The \"\(name)\" argument must be of type \(expected)")
    }

    func string(_ name: String) throws -> String {
        guard let value = raw[name]?.stringValue else { throw invalid(name, "string") }
        return value
    }

    func optionalString(_ name: String) throws -> String? {
        guard let value = raw[name], !value.isNull else { return nil }
        guard let s = value.stringValue else { throw invalid(name, "string") }
        return s
    }

    /// A guest path: a string without NUL, made absolute and normalised.
    func path(_ name: String) throws -> String {
        try Self.guestPath(try string(name), name: name)
    }

    /// `value` as a guest path (see ``path(_:)``).
    static func guestPath(_ value: String, name: String) throws -> String {
        if value.utf8.contains(0) {
            throw GuestError(code: "ERR_INVALID_ARG_VALUE",
                             message: "The argument '\(name)' must be a string, Uint8Array, or URL without null bytes.",
                             name: "TypeError")
        }
        if value.utf8.count > 4096 {
            throw GuestError.system("ENAMETOOLONG", "name too long", syscall: "open", path: String(value.prefix(64)) + "…")
        }
        return GuestPath.normalize(value)
    }

    func int(_ name: String) throws -> Int {
        guard let value = raw[name]?.intValue else { throw invalid(name, "number") }
        return value
    }

    func double(_ name: String) throws -> Double {
        guard let value = raw[name]?.doubleValue else { throw invalid(name, "number") }
        return value
    }

    func bool(_ name: String) -> Bool? { raw[name]?.boolValue }

    func stringArray(_ name: String) throws -> [String] {
        guard let value = raw[name] else { return [] }
        guard let array = value.arrayValue else { throw invalid(name, "Array") }
        return try array.map { element in
            guard let s = element.stringValue else { throw invalid(name, "string[]") }
            return s
        }
    }

    func stringMap(_ name: String) throws -> [String: String]? {
        guard let value = raw[name], !value.isNull else { return nil }
        guard let object = value.objectValue else { throw invalid(name, "Object") }
        return try object.mapValues { v in
            guard let s = v.stringValue else { throw invalid(name, "Object") }
            return s
        }
    }
}
