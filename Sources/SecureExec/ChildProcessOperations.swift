import Foundation
import SecureExecBridge
import Synchronization

/// How many children may run at once in one call, nested `node` runtimes' children included
/// (`ResourceLimits.maxChildProcesses`): one budget for the whole tree of runtimes.
final class ChildBudget: Sendable {
    let limit: Int
    private let used = Mutex(0)

    init(limit: Int) { self.limit = limit }

    /// Takes a slot; false when none is left.
    func acquire() -> Bool {
        used.withLock { used -> Bool in
            guard used < limit else { return false }
            used += 1
            return true
        }
    }

    func release() { used.withLock { $0 = max(0, $0 - 1) } }
}

/// One call's children: the live ones by guest id, and how deep this runtime is nested.
final class ChildProcessTable: Sendable {
    /// Isolation of nested `node` runtimes (the parent's).
    let isolation: Isolation
    /// 0 for a runtime the embedder created; +1 per nested `node`.
    let depth: Int
    /// Nested `node` runtimes may not nest deeper than this.
    static let maxDepth = 4

    struct State {
        var live: [Int: any RunningCommand] = [:]
        /// Message channels of forked `node` children, by guest id.
        var channels: [Int: IPCChannel] = [:]
        /// Children that finished before `start` registered them (a fast `echo`).
        var finishedEarly: Set<Int> = []
        var cleanupRegistered = false
        var ended = false
    }
    let state = Mutex(State())
    /// Shared with nested runtimes.
    let budget: ChildBudget

    init(isolation: Isolation = .inProcess, depth: Int = 0, budget: ChildBudget = ChildBudget(limit: 64)) {
        self.isolation = isolation
        self.depth = depth
        self.budget = budget
    }

    /// Forgets a child that ended (its slot is free again).
    func remove(_ id: Int) {
        let removed = state.withLock { $0.live.removeValue(forKey: id) != nil }
        if removed { budget.release() }
    }

    /// Forgets a child that ended, possibly before `start` registered it.
    func finished(_ id: Int) {
        let removed = state.withLock { state -> Bool in
            if state.live.removeValue(forKey: id) != nil { return true }
            state.finishedEarly.insert(id)
            return false
        }
        if removed { budget.release() }
    }
}

/// The host side of `child_process`: permission check, environment cleaning, the executor (or a
/// nested runtime for `node`), streaming to the guest and the clean-up at the end of the call.
struct ChildProcessOperations {
    let host: CallHost
    private var table: ChildProcessTable { host.children }

    func perform(_ op: String, _ args: Arguments, _ binary: [UInt8]?) async throws -> BridgeResponse {
        switch op {
        case "child.spawn": return try await spawn(args)
        case "child.spawnSync": return try await spawnSync(args, input: binary)
        case "child.write":
            let child = try live(args)
            do { try await child.writeInput(binary ?? []) } catch {
                throw GuestError.system("EPIPE", "broken pipe", syscall: "write")
            }
            return .undefined
        case "child.end":
            try live(args).closeInput()
            return .undefined
        case "child.send":
            guard let channel = table.state.withLock({ $0.channels[(try? args.int("id")) ?? -1] }) else { return .value(false) }
            return .value(.bool(try channel.sendToChild(binary ?? [])))
        case "child.disconnect":
            table.state.withLock({ $0.channels[(try? args.int("id")) ?? -1] })?.disconnect()
            return .undefined
        case "child.kill":
            let signal = try args.int("signal")
            guard (0...64).contains(signal) else { throw GuestError.system("EINVAL", "invalid argument", syscall: "kill") }
            guard let child = table.state.withLock({ $0.live[(try? args.int("id")) ?? -1] }) else { return .value(false) }
            return .value(.bool(child.signal(Int32(signal))))
        case "process.kill":
            // Only this call's own children exist for the guest; any other pid is ESRCH.
            let pid = try args.int("pid")
            let signal = try args.int("signal")
            let child = table.state.withLock { $0.live.values.first { Int($0.pid) == pid } }
            guard let child, (0...64).contains(signal), child.signal(Int32(signal)) else {
                throw GuestError(code: "ESRCH", message: "kill ESRCH", syscall: "kill")
            }
            return .value(true)
        default:
            throw GuestError(code: "ERR_SANDBOX_UNKNOWN_OPERATION", message: "unknown bridge operation '\(op)'")
        }
    }

    private func live(_ args: Arguments) throws -> any RunningCommand {
        let id = try args.int("id")
        guard let child = table.state.withLock({ $0.live[id] }) else {
            throw GuestError.system("EPIPE", "broken pipe", syscall: "write")
        }
        return child
    }

    // MARK: - Starting

    /// Validates, cleans and checks a request; returns it ready for the executor.
    private func authorize(_ args: Arguments, syscall: String) async throws -> CommandRequest {
        let command = try args.string("command")
        let argv = try args.stringArray("args")
        let cwd = try args.path("cwd")
        let shell = args.bool("shell") ?? false
        guard !command.isEmpty, !command.utf8.contains(0), !argv.contains(where: { $0.utf8.contains(0) }) else {
            throw GuestError(code: "ERR_INVALID_ARG_VALUE", message: "The argument 'file' must be a string without null bytes.",
                             name: "TypeError")
        }
        // The child's environment: what the guest passed, or what it may read; never the host's.
        var env: [String: String]
        if let given = try args.stringMap("env") { env = given } else { env = await host.visibleEnvironment() }
        env = env.filter {
            !CommandRequest.isStripped($0.key) && !$0.key.isEmpty && !$0.key.contains("=") && !$0.key.utf8.contains(0)
                && !$0.value.utf8.contains(0)
        }
        let stdio = args.raw["stdio"]?.arrayValue?.map { $0.boolValue ?? true } ?? [true, true, true]
        let access = ChildProcessAccessRequest(command: command, args: argv, cwd: cwd, env: env, shell: shell)
        let decision: PermissionDecision
        if let check = host.driver.permissions.childProcess { decision = await check.decide(access) } else { decision = .deny }
        guard decision.allow else { throw Self.spawnError(syscall, command, code: "EACCES", reason: decision.reason) }
        guard host.driver.commandExecutor != nil else { throw Self.spawnError(syscall, command, code: "ENOSYS", reason: nil) }
        return CommandRequest(command: command, args: argv, argv0: try args.optionalString("argv0"), cwd: cwd, env: env, shell: shell,
                              pipeStdin: stdio.count > 0 ? stdio[0] : true, pipeStdout: stdio.count > 1 ? stdio[1] : true,
                              pipeStderr: stdio.count > 2 ? stdio[2] : true)
    }

    /// Whether a command is `node`: the guest's `process.execPath` or any path named `node` —
    /// never the host's real node.
    private func isNode(_ command: String) -> Bool {
        let name = command.split(separator: "/").last.map(String.init) ?? command
        return command == host.driver.processConfig.execPath || name == "node" || name == "nodejs"
    }

    /// Starts the request (counted against the limit, killed when the call ends).
    private func start(_ request: CommandRequest, id: Int, syscall: String, ipc: IPCChannel? = nil,
                       events: @escaping @Sendable (CommandEvent) -> Void) async throws -> any RunningCommand {
        guard let executor = host.driver.commandExecutor else { throw Self.spawnError(syscall, request.command, code: "ENOSYS", reason: nil) }
        let admitted = table.state.withLock { !$0.ended && $0.live[id] == nil } && table.budget.acquire()
        guard admitted else { throw Self.spawnError(syscall, request.command, code: "EAGAIN", reason: nil) }
        let child: any RunningCommand
        do {
            if executor.sandboxesNode && !request.shell && isNode(request.command) {
                guard table.depth < ChildProcessTable.maxDepth else { throw CommandError("EAGAIN") }
                child = try await NestedNodeCommand.start(request, host: host, ipc: ipc, events: events)
            } else if ipc != nil {
                // A message channel exists only to a sandboxed `node`.
                throw CommandError("ENOTSUP")
            } else {
                child = try await executor.spawn(request, events: events)
            }
        } catch {
            table.budget.release()
            if let error = error as? GuestError { throw error }
            throw Self.spawnError(syscall, request.command, code: (error as? CommandError)?.code ?? "EAGAIN", reason: nil)
        }
        let (ended, registered) = table.state.withLock { state -> (Bool, Bool) in
            guard !state.ended, state.finishedEarly.remove(id) == nil else { return (state.ended, false) }
            state.live[id] = child
            return (false, true)
        }
        if !registered { table.budget.release() }
        if ended {
            await child.terminate()
            throw Self.spawnError(syscall, request.command, code: "EAGAIN", reason: nil)
        }
        registerCleanup()
        return child
    }

    /// At the end of the call every child still known is ended with its whole group.
    private func registerCleanup() {
        let first = table.state.withLock { state -> Bool in
            defer { state.cleanupRegistered = true }
            return !state.cleanupRegistered
        }
        guard first else { return }
        let table = table
        host.onCallEnd {
            let (children, channels) = table.state.withLock { state -> ([any RunningCommand], [IPCChannel]) in
                state.ended = true
                defer { state.live.removeAll(); state.channels.removeAll() }
                return (Array(state.live.values), Array(state.channels.values))
            }
            for channel in channels { channel.disconnect() }
            await withTaskGroup(of: Void.self) { group in
                for child in children { group.addTask { await child.terminate() } }
            }
            for _ in children { table.budget.release() }
        }
    }

    private func forget(_ id: Int) { table.remove(id) }

    /// `spawn`: starts the child and streams its output to the guest as `child` events.
    private func spawn(_ args: Arguments) async throws -> BridgeResponse {
        let id = try args.int("id")
        let request = try await authorize(args, syscall: "spawn")
        let host = host
        var channel: IPCChannel?
        if args.bool("ipc") == true {
            let made = IPCChannel(maxMessageBytes: host.limits.maxJSONPayloadBytes) { [weak host] event in
                switch event {
                case .message(let json): host?.emit("child", ["type": "message", "id": .number(Double(id))], binary: json)
                case .disconnect: host?.emit("child", ["type": "disconnect", "id": .number(Double(id))])
                }
            }
            table.state.withLock { $0.channels[id] = made }
            channel = made
        }
        let child: any RunningCommand
        do {
            child = try await start(request, id: id, syscall: "spawn", ipc: channel, events: spawnEvents(id: id))
        } catch {
            table.state.withLock { _ = $0.channels.removeValue(forKey: id) }
            throw error
        }
        return .value(["pid": .number(Double(child.pid))])
    }

    /// A spawned child's events to the guest (`child` events), until its pipes and exit are done.
    private func spawnEvents(id: Int) -> @Sendable (CommandEvent) -> Void {
        let host = host
        let table = table
        let progress = Mutex((exited: false, ends: 0))
        return { event in
            var message: [String: JSONValue] = ["id": .number(Double(id))]
            var bytes: [UInt8]?
            var finished = false
            switch event {
            case .stdout(let data): message["type"] = "stdout"; bytes = data
            case .stderr(let data): message["type"] = "stderr"; bytes = data
            case .stdoutEnd, .stderrEnd:
                message["type"] = event == .stdoutEnd ? "stdoutEnd" : "stderrEnd"
                finished = progress.withLock { $0.ends += 1; return $0.exited && $0.ends == 2 }
            case .exit(let status):
                message["type"] = "exit"
                message["code"] = status.code.map { .number(Double($0)) } ?? .null
                message["signal"] = status.signal.map { .number(Double($0)) } ?? .null
                finished = progress.withLock { $0.exited = true; return $0.ends == 2 }
            }
            host.emit("child", .object(message), binary: bytes)
            if finished {
                table.state.withLock { _ = $0.channels.removeValue(forKey: id) }
                table.finished(id)
            }
        }
    }

    // MARK: - spawnSync

    /// `spawnSync` and friends: one request that returns when the child and its pipes are done.
    /// Answer: 4-byte little-endian JSON length, the JSON (`pid`, `status`, `signal`, `error`,
    /// `stdoutLength`), then stdout and stderr.
    private func spawnSync(_ args: Arguments, input: [UInt8]?) async throws -> BridgeResponse {
        var request = try await authorize(args, syscall: "spawnSync")
        request.input = request.pipeStdin ? (input ?? []) : nil
        // Each stream may pass maxBuffer by one read (64 KiB), as in Node.
        let payloadRoom = max(0, host.limits.maxBinaryPayloadBytes / 2 - 65_536 - 4096)
        // null: Infinity (no limit of its own); absent: Node's default of 1 MiB.
        let requested: Int
        switch args.raw["maxBuffer"] {
        case .none: requested = 1 << 20
        case .some(.number(let value)) where value.isFinite: requested = max(0, Int(min(value, 1e15)))
        case .some: requested = Int.max
        }
        let maxBuffer = min(requested, payloadRoom)
        let timeout = args.raw["timeout"]?.doubleValue.flatMap { $0 > 0 && $0.isFinite ? $0 : nil }
        let killSignal = Int32(clamping: args.raw["killSignal"]?.intValue ?? 15)
        let id = -(Int(bitPattern: UInt(UInt32.random(in: 1...UInt32.max))))

        let collector = SyncCollector(maxBuffer: maxBuffer)
        let child = try await start(request, id: id, syscall: "spawnSync") { collector.receive($0) }
        defer { forget(id) }
        // A Dispatch timer: it fires even when Swift's cooperative threads are all busy.
        var timer: DispatchWorkItem?
        if let timeout {
            let work = DispatchWorkItem { if collector.flag(.timedOut) { _ = child.signal(killSignal) } }
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(Int(min(timeout, 1e12))), execute: work)
            timer = work
        }
        collector.onOverflow { _ = child.signal(killSignal) }
        let result = await collector.wait()
        timer?.cancel()

        var json: [String: JSONValue] = [
            "pid": .number(Double(child.pid)),
            "status": result.exit.code.map { .number(Double($0)) } ?? .null,
            "signal": result.exit.signal.map { .number(Double($0)) } ?? .null,
            "stdoutLength": .number(Double(result.stdout.count)),
        ]
        if result.timedOut || result.overflowed {
            let code = result.timedOut ? "ETIMEDOUT" : "ENOBUFS"
            json["error"] = Self.spawnError("spawnSync", request.command, code: code, reason: nil).json
        }
        let header = JSONValue.object(json).jsonBytes
        var bytes = withUnsafeBytes(of: UInt32(header.count).littleEndian) { Array($0) }
        bytes += header
        bytes += result.stdout
        bytes += result.stderr
        return .bytes(bytes)
    }

    /// Node's spawn failure: `spawn cmd ENOENT` with `syscall: 'spawn cmd'` and `path: 'cmd'`.
    static func spawnError(_ syscall: String, _ command: String, code: String, reason: String?) -> GuestError {
        var message = "\(syscall) \(command) \(code)"
        if let reason, !reason.isEmpty { message += ": \(reason)" }
        return GuestError(code: code, message: message, syscall: "\(syscall) \(command)", path: command)
    }
}

/// Gathers a synchronous child's output up to `maxBuffer` per stream.
final class SyncCollector: Sendable {
    enum Flag { case timedOut, overflowed }
    struct Result {
        var stdout: [UInt8] = []
        var stderr: [UInt8] = []
        var exit = CommandExit(code: nil)
        var ends = 0
        var exited = false
        var timedOut = false
        var overflowed = false
    }
    private let maxBuffer: Int
    private let state = Mutex((result: Result(), waiter: CheckedContinuation<Result, Never>?.none, overflowAction: (@Sendable () -> Void)?.none))

    init(maxBuffer: Int) { self.maxBuffer = maxBuffer }

    /// Runs `action` once a stream passes `maxBuffer` (at once if it already has).
    func onOverflow(_ action: @escaping @Sendable () -> Void) {
        let now = state.withLock { s -> Bool in
            s.overflowAction = action
            return s.result.overflowed
        }
        if now { action() }
    }

    /// Marks the result; true the first time.
    func flag(_ flag: Flag) -> Bool {
        state.withLock { s -> Bool in
            switch flag {
            case .timedOut:
                defer { s.result.timedOut = true }
                return !s.result.timedOut && !s.result.overflowed
            case .overflowed:
                defer { s.result.overflowed = true }
                return !s.result.overflowed && !s.result.timedOut
            }
        }
    }

    func receive(_ event: CommandEvent) {
        var overflow: (@Sendable () -> Void)?
        let resume = state.withLock { s -> (CheckedContinuation<Result, Never>, Result)? in
            // Like Node, the read that crosses maxBuffer is kept whole; nothing after it.
            func append(_ data: [UInt8], to buffer: inout [UInt8]) {
                if buffer.count <= maxBuffer { buffer += data }
                if buffer.count > maxBuffer && !s.result.overflowed && !s.result.timedOut {
                    s.result.overflowed = true
                    overflow = s.overflowAction
                }
            }
            switch event {
            case .stdout(let data): append(data, to: &s.result.stdout)
            case .stderr(let data): append(data, to: &s.result.stderr)
            case .stdoutEnd, .stderrEnd: s.result.ends += 1
            case .exit(let exit):
                s.result.exit = exit
                s.result.exited = true
            }
            guard s.result.exited, s.result.ends == 2, let waiter = s.waiter else { return nil }
            s.waiter = nil
            return (waiter, s.result)
        }
        overflow?()
        if let (waiter, result) = resume { waiter.resume(returning: result) }
    }

    func wait() async -> Result {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { s -> Result? in
                if s.result.exited && s.result.ends == 2 { return s.result }
                s.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }
}
