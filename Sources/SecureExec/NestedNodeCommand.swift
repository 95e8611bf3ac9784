import Foundation
import SecureExecBridge
import Synchronization

/// `node` spawned by the guest: a nested ``NodeRuntime`` with the parent's driver (filesystem,
/// permissions, executor), limits and isolation — never the host's real `node`. Its stdout and
/// stderr become the child's; its exit code the child's.
///
/// Supported forms: `node -e code [args]`, `node -p expr [args]`, `node file.js [args]`
/// (read through the parent's filesystem after its fs `read` check), `node -v`, and `node`
/// alone, which runs what arrives as `input` (`spawnSync`). A `spawn`ed child's stdin pipe is
/// streamed to its `process.stdin` (``NestedInput``); `node` alone runs only `input`.
final class NestedNodeCommand: RunningCommand, Sendable {
    let pid: Int32
    private let runtime: NodeRuntime
    private let killedBy = Mutex<Int32?>(nil)
    private let finished = Mutex<(done: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    private static let nextPid = Atomic<Int32>(1000)

    /// The child's streamed stdin (a `spawn` with a stdin pipe; `spawnSync` gives `input` at once).
    private let input: NestedInput?

    private init(runtime: NodeRuntime, input: NestedInput?) {
        self.runtime = runtime
        self.input = input
        pid = Self.nextPid.wrappingAdd(1, ordering: .relaxed).newValue
    }

    /// What the arguments ask for: code to run (and its file path and argv), or an immediate answer.
    enum Plan {
        case run(code: String, filePath: String?, argv: [String])
        case answer(stdout: String, stderr: String, code: Int32)
        /// `node` alone with a stdin pipe: the script is what arrives on stdin, until its end.
        case runStdin(argv: [String])
    }

    /// The Node options a child may be started with: those the runtime honours (see
    /// ``ProcessConfig/execArgv``); they become the child's `process.execArgv`. Any other option is
    /// refused as node refuses an unknown one, rather than silently ignored.
    static let honouredOptions: Set<String> = [
        "--expose-gc", "--expose_gc", "--expose-internals", "--expose_internals", "--abort-on-uncaught-exception",
        "--no-warnings", "--no-deprecation", "--throw-deprecation", "--trace-deprecation", "--experimental-vm-modules",
    ]

    /// The options before the script (or `-e`), in order.
    static func execArgv(_ request: CommandRequest) -> [String] {
        Array(request.args.prefix { honouredOptions.contains($0) })
    }

    static func plan(_ request: CommandRequest, host: CallHost) async throws -> Plan {
        let execPath = host.driver.processConfig.execPath
        var args = request.args[...].drop { honouredOptions.contains($0) }
        while let flag = args.first, flag.hasPrefix("-") {
            args = args.dropFirst()
            switch flag {
            case "-e", "--eval", "-p", "--print":
                guard let code = args.first else {
                    return .answer(stdout: "", stderr: "node: \(flag) requires an argument\n", code: 9)
                }
                let source = flag.hasPrefix("-p") || flag == "--print"
                    ? "console.log(eval(" + String(decoding: JSONValue.string(code).jsonBytes, as: UTF8.self) + "))" : code
                return .run(code: source, filePath: nil, argv: [execPath] + args.dropFirst())
            case "-v", "--version":
                return .answer(stdout: host.driver.processConfig.version + "\n", stderr: "", code: 0)
            case "--":
                break
            default:
                return .answer(stdout: "", stderr: "node: bad option: \(flag)\n", code: 9)
            }
            if flag == "--" { break }
        }
        guard let file = args.first else {
            if request.input == nil && request.pipeStdin { return .runStdin(argv: [execPath]) }
            let input = request.input.map { String(decoding: $0, as: UTF8.self) } ?? ""
            return .run(code: input, filePath: nil, argv: [execPath])
        }
        let path = GuestPath.normalize(file, relativeTo: request.cwd)
        try await FileSystemOperations(host: host).authorize(.read, path: path, syscall: "open")
        let filesystem = host.driver.filesystem
        guard case .success(let bytes) = await FileSystemOperations.attempt({ try await filesystem.readFile(path) }) else {
            return .answer(stdout: "", stderr: "Error: Cannot find module '\(path)'\n", code: 1)
        }
        return .run(code: String(decoding: bytes, as: UTF8.self), filePath: path, argv: [execPath, path] + args.dropFirst())
    }

    static func start(_ request: CommandRequest, host: CallHost, ipc: IPCChannel? = nil,
                      events: @escaping @Sendable (CommandEvent) -> Void) async throws -> NestedNodeCommand {
        let plan: Plan
        do {
            plan = try await Self.plan(request, host: host)
        } catch let error as GuestError {
            // The parent may not read the script: the child fails as node does for a file it
            // cannot open, and the reason reaches its stderr.
            plan = .answer(stdout: "", stderr: "Error: \(error.message)\n", code: 1)
        }
        var driver = host.driver
        driver.processConfig.env = request.env
        driver.processConfig.cwd = request.cwd
        driver.processConfig.execArgv = Self.execArgv(request)
        let runtime = try NodeRuntime(systemDriver: driver, limits: host.limits, timingMitigation: .freeze,
                                      isolation: host.children.isolation, onStdio: { event in
                                          events(event.channel == .stdout ? .stdout(event.bytes) : .stderr(event.bytes))
                                      }, nestingDepth: host.children.depth + 1, childBudget: host.children.budget)
        let command = NestedNodeCommand(runtime: runtime,
                                        input: request.input == nil && request.pipeStdin ? NestedInput() : nil)
        // Off the caller's executor (in-process, a sync request runs on the engine's thread).
        Task(executorPreference: globalConcurrentExecutor) {
            let exit: CommandExit
            switch plan {
            case .answer(let stdout, let stderr, let code):
                if !stdout.isEmpty { events(.stdout(Array(stdout.utf8))) }
                if !stderr.isEmpty { events(.stderr(Array(stderr.utf8))) }
                exit = CommandExit(code: code)
            case .runStdin(let argv):
                // The script is read to its end first (a stopped child stops waiting).
                let script = await command.input?.readAll()
                if let signal = command.killedBy.withLock({ $0 }) {
                    exit = CommandExit(code: nil, signal: signal)
                } else if let script {
                    let options = ExecOptions(cwd: request.cwd, argv: argv)
                    let result = try? await runtime.exec(String(decoding: script, as: UTF8.self), options: options)
                    exit = command.killedBy.withLock({ $0 }).map { CommandExit(code: nil, signal: $0) } ?? CommandExit(code: result?.code ?? 1)
                } else {
                    exit = CommandExit(code: nil, signal: SIGKILL)
                }
            case .run(let code, let filePath, let argv):
                let input = request.input.map { String(decoding: $0, as: UTF8.self) }
                var options = ExecOptions(filePath: filePath, cwd: request.cwd, stdin: input, argv: argv)
                options.ipc = ipc
                options.stdinFeed = command.input
                // Killed before it started: it does not start.
                let result = command.killedBy.withLock({ $0 }) == nil ? try? await runtime.exec(code, options: options) : nil
                if let signal = command.killedBy.withLock({ $0 }) {
                    exit = CommandExit(code: nil, signal: signal)
                } else {
                    exit = CommandExit(code: result?.code ?? 1)
                }
            }
            // The child is gone: so is its end of the channel, and its stdin.
            ipc?.disconnect()
            command.input?.close()
            await runtime.dispose()
            events(.stdoutEnd)
            events(.stderrEnd)
            events(.exit(exit))
            let waiters = command.finished.withLock { state -> [CheckedContinuation<Void, Never>] in
                state.done = true
                defer { state.waiters.removeAll() }
                return state.waiters
            }
            for waiter in waiters { waiter.resume() }
        }
        return command
    }

    func writeInput(_ bytes: [UInt8]) async throws {
        guard let input else { throw CommandError("EPIPE") }
        try input.write(bytes)
    }

    func closeInput() { input?.end() }

    func signal(_ signal: Int32) -> Bool {
        let alive = !finished.withLock { $0.done }
        guard alive, signal != 0 else { return alive }
        killedBy.withLock { $0 = $0 ?? signal }
        input?.close()  // a child still waiting for its script stops waiting
        runtime.terminate()
        return true
    }

    func terminate() async {
        _ = signal(SIGKILL)
        // A stop that arrived between the check and the start of the call is repeated.
        while !finished.withLock({ $0.done }) {
            runtime.terminate()
            try? await Task.sleep(for: .milliseconds(20))
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = finished.withLock { state -> Bool in
                if !state.done { state.waiters.append(continuation) }
                return state.done
            }
            if done { continuation.resume() }
        }
    }
}
