import Foundation
import SecureExecBridge
import SecureExecGuest
import SecureExecNodeAPI
import Synchronization

/// Runs untrusted Node.js code with deny-by-default access to the host.
///
/// One runtime serves many calls, one at a time; every call starts from a clean global
/// environment (fresh globals, prototypes, module instances and timers).
///
/// ```swift
/// let runtime = try NodeRuntime(systemDriver: NodeDriver(permissions: .allowAllFs))
/// let result = try await runtime.exec("require('fs').writeFileSync('/tmp/a', 'hi')")
/// ```
public final class NodeRuntime: Sendable {
    public let driver: NodeDriver
    public let limits: ResourceLimits
    public let timingMitigation: TimingMitigation
    public let isolation: Isolation
    private let onStdio: StdioHandler?
    /// Read-only module folders (``ModuleAccess``): readable without the fs check, never writable.
    private let moduleGrants: [PathPrefix]
    /// The engine, until the runtime lets it go (a pooled in-process engine then serves another
    /// runtime, so nothing of this one may reach it afterwards: every use goes through the lock).
    private let engineSlot: Mutex<(any EngineBackend)?>
    /// Host functions by dotted name (``HostFunctions``).
    private let hostFunctions: [String: HostFunction.Callable]
    private let queue = CallQueue()
    private let disposed = Atomic(false)
    /// Calls are numbered as they are submitted; `terminate()` stops every call submitted
    /// before it, including one still waiting for its turn or for its engine to start it.
    let tickets = CallTickets()
    /// 0 for a runtime the embedder created; +1 for each nested `node` (NestedNodeCommand.swift).
    let nestingDepth: Int
    /// The child-process budget of the call that started this nested runtime (nil: per call).
    let childBudget: ChildBudget?
    /// The servers the running call opened, as the host reaches them (RuntimeNetwork.swift).
    public let network = RuntimeNetwork()

    /// Creates a runtime. Its engine starts at once, on a thread of its own.
    ///
    /// `hostFunctions` become globals of every call's guest (see <doc:CallingHostFunctions>). Default: none.
    public convenience init(systemDriver: NodeDriver = NodeDriver(), limits: ResourceLimits = .default,
                            timingMitigation: TimingMitigation = .freeze, isolation: Isolation = .process,
                            onStdio: StdioHandler? = nil, hostFunctions: HostFunctions = [:]) throws {
        try self.init(systemDriver: systemDriver, limits: limits, timingMitigation: timingMitigation, isolation: isolation,
                      onStdio: onStdio, hostFunctions: hostFunctions, nestingDepth: 0, childBudget: nil)
    }

    init(systemDriver: NodeDriver, limits: ResourceLimits, timingMitigation: TimingMitigation, isolation: Isolation,
         onStdio: StdioHandler?, hostFunctions: HostFunctions = [:], nestingDepth: Int, childBudget: ChildBudget?) throws {
        self.nestingDepth = nestingDepth
        self.childBudget = childBudget
        guard limits.cpuTime > .zero, limits.maxOutputBytes >= 0, limits.memoryMB > 0 else {
            throw SecureExecError(.invalidConfiguration, "resource limits must be positive")
        }
        try hostFunctions.validate()
        self.hostFunctions = hostFunctions.flattened
        var systemDriver = systemDriver
        var readOnly = systemDriver.moduleAccess.searchPaths.map { GuestPath.normalize($0) }
        if let nodeModules = systemDriver.moduleAccess.nodeModules {
            let packages = try HostFileSystem(root: nodeModules, readOnly: true)
            systemDriver.filesystem = MountedFileSystem(base: systemDriver.filesystem,
                                                        mounts: [ModuleAccess.mountPoint: packages])
            readOnly.append(ModuleAccess.mountPoint)
        }
        moduleGrants = readOnly.map(PathPrefix.init)
        driver = systemDriver
        self.limits = limits
        self.timingMitigation = timingMitigation
        self.isolation = isolation
        self.onStdio = onStdio
        var configuration = Self.runtimeConfiguration(systemDriver, limits)
        if !hostFunctions.isEmpty, case .object(var fields) = configuration {
            fields["hostFunctions"] = HostFunctionInstaller.configuration(hostFunctions, limits)
            configuration = .object(fields)
        }
        switch isolation {
        case .inProcess:
            engineSlot = Mutex(InProcessEnginePool.shared.take(configuration: configuration))
        case .process(let explicit):
            guard let path = WorkerEngine.locate(explicit: explicit) else {
                throw SecureExecError(.engineUnavailable,
                                      "secure-exec-worker not found beside the executable; build that product or pass Isolation.process(workerPath:)")
            }
            engineSlot = Mutex(WorkerEngine(configuration: configuration, workerPath: path, memoryLimitBytes: limits.memoryMB << 20))
        }
    }

    /// What every call's context is bootstrapped with (the same for all calls of this runtime).
    static func runtimeConfiguration(_ driver: NodeDriver, _ limits: ResourceLimits) -> JSONValue {
        let process = driver.processConfig
        let os = driver.osConfig
        return [
            "builtins": .array(NodeAPI.publicBuiltins.map(JSONValue.string)),
            "modulePaths": .array(driver.moduleAccess.searchPaths.map { .string(GuestPath.normalize($0)) }),
            "maxTimers": .number(Double(limits.maxTimers)),
            "memoryLimitBytes": .number(Double(limits.memoryMB) * 1_048_576),
            "stdin": .null,
            "process": [
                "platform": .string(process.platform), "arch": .string(process.arch), "version": .string(process.version),
                "versions": ["node": .string(String(process.version.dropFirst())), "v8": "12.4.254.21-node.29", "uv": "1.51.0",
                             "modules": "127", "napi": "10", "unicode": "16.0",
                             // The libraries whose behaviour ours reproduce (crypto, zlib, HTTP/1 parser).
                             "openssl": "3.5.2", "zlib": "1.3.1-470d3a2", "brotli": "1.1.0", "llhttp": "9.3.0"],
                "pid": .number(Double(process.pid)), "ppid": .number(Double(process.ppid)),
                "uid": .number(Double(process.uid)), "gid": .number(Double(process.gid)), "execPath": .string(process.execPath),
                "execArgv": .array(process.execArgv.map(JSONValue.string)),
            ],
            "os": [
                "hostname": .string(os.hostname), "homedir": .string(os.homedir), "tmpdir": .string(os.tmpdir),
                "type": .string(os.type), "release": .string(os.release), "version": .string(os.version),
                "machine": .string(os.machine), "username": .string(os.username),
                "shell": os.shell.map(JSONValue.string) ?? .null, "cpus": .number(Double(os.cpus)), "cpuModel": "sandbox",
            ],
        ]
    }

    deinit {
        releaseEngine()
    }

    /// Runs `code` as a CommonJS entry (top-level `await` allowed; `.mjs` entries come with the
    /// module-system issue). Resolves when the event loop is empty, `process.exit` is called, a
    /// limit is hit or ``terminate()`` stops it.
    public func exec(_ code: String, options: ExecOptions = ExecOptions()) async throws -> ExecResult {
        let outcome = try await perform(.exec, code: code, options: options)
        return ExecResult(code: outcome.code, errorMessage: outcome.errorMessage)
    }

    /// Runs `code` as a module and returns its exports (`module.exports`) as a JSON-like value.
    public func run(_ code: String, filePath: String? = nil, options: ExecOptions = ExecOptions()) async throws -> RunResult {
        var options = options
        if let filePath { options.filePath = filePath }
        let outcome = try await perform(.run, code: code, options: options)
        var exports: JSONValue?
        if let json = outcome.exportsJSON { exports = try? JSONValue.parse(json, maxDepth: 1024) }
        return RunResult(code: outcome.code, errorMessage: outcome.errorMessage, exports: exports)
    }

    /// Runs `code` as a module and decodes its exports as `T`.
    public func run<T: Decodable>(_ code: String, as type: T.Type, filePath: String? = nil,
                                  options: ExecOptions = ExecOptions()) async throws -> T {
        var options = options
        if let filePath { options.filePath = filePath }
        let outcome = try await perform(.run, code: code, options: options)
        guard outcome.code == 0, let json = outcome.exportsJSON else {
            throw SecureExecError(.guestFailed, outcome.errorMessage ?? "exit code \(outcome.code)")
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(json))
        } catch {
            throw SecureExecError(.decodingFailed, "exports do not decode as \(T.self)", underlying: error)
        }
    }

    /// The worker process's id in process isolation (for tests and diagnostics).
    var workerProcessID: Int32? { engineSlot.withLock { ($0 as? WorkerEngine)?.workerProcessID } }

    /// Stops the running call now (it ends with code 124 and "execution terminated"), and every
    /// call submitted before this that has not started yet; later calls run as usual.
    public func terminate() {
        tickets.stopSubmitted()
        engineSlot.withLock { $0?.stop(reason: .terminated) }
    }

    /// Stops any running call and releases the engine. Later calls throw.
    public func dispose() async {
        guard !disposed.exchange(true, ordering: .relaxed) else { return }
        engineSlot.withLock { $0?.stop(reason: .terminated) }
        await queue.drain()
        releaseEngine()
    }

    private func releaseEngine() {
        let engine = engineSlot.withLock { slot -> (any EngineBackend)? in
            defer { slot = nil }
            return slot
        }
        engine?.release()
    }

    // MARK: - One call

    private func perform(_ kind: GuestExecution.Kind, code: String, options: ExecOptions) async throws -> GuestOutcome {
        guard !disposed.load(ordering: .relaxed) else { throw SecureExecError(.disposed, "the runtime was disposed") }
        let ticket = tickets.submit()
        return try await queue.serialized {
            guard !self.disposed.load(ordering: .relaxed) else { throw SecureExecError(.disposed, "the runtime was disposed") }
            if self.tickets.isStopped(ticket) {
                return GuestOutcome(reason: .terminated, code: 124, errorMessage: GuestOutcome.message(for: .terminated))
            }
            let (execution, host) = self.prepare(kind, code: code, options: options)
            let tickets = self.tickets
            host.stoppedBeforeStart = { tickets.isStopped(ticket) }
            let wallClock = options.wallClock ?? self.limits.wallClock
            guard let engine = self.engineSlot.withLock({ $0 }) else {
                throw SecureExecError(.disposed, "the runtime was disposed")
            }
            let outcome = await engine.execute(execution, host: host, wallClock: wallClock)
            await host.callEnded()
            return outcome
        }
    }

    private func prepare(_ kind: GuestExecution.Kind, code: String, options: ExecOptions) -> (GuestExecution, CallHost) {
        let process = driver.processConfig
        let cwd = GuestPath.normalize(options.cwd ?? process.cwd)
        let filePath = GuestPath.normalize(options.filePath ?? GuestPath.join(cwd, "[eval].js"), relativeTo: cwd)
        var env = process.env
        if let extra = options.env { env.merge(extra) { _, new in new } }
        let timing = options.timingMitigation ?? timingMitigation
        let argv = options.argv ?? process.argv ?? ["node", filePath]
        let config: JSONValue = [
            "cwd": .string(cwd),
            "argv": .array(argv.map(JSONValue.string)),
            "timing": .string(timing.rawValue),
            "frozenTimeMs": .number((Date().timeIntervalSince1970 * 1000).rounded(.down)),
            "maxTimers": .number(Double(limits.maxTimers)),
            "stdin": options.stdin.map(JSONValue.string) ?? .null,
            "ipc": .bool(options.ipc != nil),
            "stdinStream": .bool(options.stdinFeed != nil),
        ]
        let cpu = options.cpuTime ?? limits.cpuTime
        let execution = GuestExecution(
            kind: kind, code: code, filePath: filePath, config: config,
            cpuTimeLimitNanoseconds: UInt64(max(1, cpu.components.seconds * 1_000_000_000 + cpu.components.attoseconds / 1_000_000_000)),
            maxOutputBytes: limits.maxOutputBytes, maxJSONPayload: limits.maxJSONPayloadBytes,
            maxBinaryPayload: limits.maxBinaryPayloadBytes, maxTimers: limits.maxTimers)
        let host = CallHost(driver: driver, limits: limits, env: env, onStdio: options.onStdio ?? onStdio,
                            moduleGrants: moduleGrants, children: ChildProcessTable(isolation: isolation, depth: nestingDepth,
                                                                       budget: childBudget ?? ChildBudget(limit: limits.maxChildProcesses)),
                            hostFunctions: hostFunctions.isEmpty ? nil : HostFunctionCalls(functions: hostFunctions, limits: limits),
                            ipc: options.ipc, stdinFeed: options.stdinFeed)
        host.hostFunctions?.attach(to: host)
        network.attach(host.network)
        return (execution, host)
    }
}

/// Why the library refused or failed a call (guest failures are results, not errors).
public struct SecureExecError: Error, Sendable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: String, Sendable, Hashable {
            case disposed, invalidConfiguration, guestFailed, decodingFailed, engineUnavailable
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }
        public var description: String { value.rawValue }

        /// The runtime was disposed.
        public static let disposed = Code(.disposed)
        /// A configuration value is out of range.
        public static let invalidConfiguration = Code(.invalidConfiguration)
        /// `run(_:as:)`: the guest did not complete successfully.
        public static let guestFailed = Code(.guestFailed)
        /// `run(_:as:)`: the exports did not decode as the requested type.
        public static let decodingFailed = Code(.decodingFailed)
        /// The engine could not be started.
        public static let engineUnavailable = Code(.engineUnavailable)
    }

    public var code: Code
    public var message: String
    public var underlying: (any Error)?

    public init(_ code: Code, _ message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    public var description: String { "\(code): \(message)" }
}

/// Submission numbers of a runtime's calls and how far `terminate()` reached.
final class CallTickets: Sendable {
    private let state = Mutex((submitted: 0, stoppedThrough: 0))

    func submit() -> Int { state.withLock { $0.submitted += 1; return $0.submitted } }
    /// How many calls were submitted so far (for tests).
    var submitted: Int { state.withLock { $0.submitted } }
    func stopSubmitted() { state.withLock { $0.stoppedThrough = $0.submitted } }
    func isStopped(_ ticket: Int) -> Bool { state.withLock { ticket <= $0.stoppedThrough } }
}

/// Runs calls one at a time, in arrival order.
final class CallQueue: Sendable {
    private let state = Mutex<(busy: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func serialized<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    /// Waits until no call is running.
    func drain() async {
        await acquire()
        release()
    }

    private func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let runNow = state.withLock { s -> Bool in
                if !s.busy {
                    s.busy = true
                    return true
                }
                s.waiters.append(continuation)
                return false
            }
            if runNow { continuation.resume() }
        }
    }

    private func release() {
        let next = state.withLock { s -> CheckedContinuation<Void, Never>? in
            if s.waiters.isEmpty {
                s.busy = false
                return nil
            }
            return s.waiters.removeFirst()
        }
        next?.resume()
    }
}
