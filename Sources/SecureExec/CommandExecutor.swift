/// What guest code asked to run, after its permission check and after the environment was
/// cleaned (see ``CommandRequest/isStripped(_:)``).
public struct CommandRequest: Sendable, Hashable {
    /// The command as the guest named it: a bare name (looked up in `PATH`) or a path.
    public var command: String
    /// Arguments after the command (`argv[1...]`).
    public var args: [String]
    /// `argv[0]` for the program when the guest chose one (`options.argv0`); default the command.
    public var argv0: String?
    /// The guest's working directory for the child (a virtual path). ``HostCommandExecutor``
    /// does not map it to the host: see ``HostCommandExecutor/workingDirectory``.
    public var cwd: String
    /// The complete environment of the child: only what the guest passed (or the variables the
    /// guest may read, when it passed none). Never the host's environment.
    public var env: [String: String]
    /// True when the command is a shell running a command line (`exec`, `shell: true`).
    public var shell: Bool
    /// Whether stdin, stdout and stderr are pipes to the guest (false: `/dev/null`).
    public var pipeStdin: Bool
    public var pipeStdout: Bool
    public var pipeStderr: Bool
    /// Bytes given to stdin at once, then closed (`spawnSync`'s `input`); nil when stdin is
    /// streamed with ``RunningCommand/writeInput(_:)``.
    public var input: [UInt8]?

    public init(command: String, args: [String] = [], argv0: String? = nil, cwd: String = "/", env: [String: String] = [:], shell: Bool = false,
                pipeStdin: Bool = true, pipeStdout: Bool = true, pipeStderr: Bool = true, input: [UInt8]? = nil) {
        self.command = command
        self.args = args
        self.argv0 = argv0
        self.cwd = cwd
        self.env = env
        self.shell = shell
        self.pipeStdin = pipeStdin
        self.pipeStdout = pipeStdout
        self.pipeStderr = pipeStderr
        self.input = input
    }

    /// Whether an environment variable is never passed to a child: `LD_PRELOAD`,
    /// `LD_LIBRARY_PATH`, `LD_AUDIT`, every `DYLD_*` and `NODE_OPTIONS` (each can make an allowed
    /// program load code the permission check never saw).
    public static func isStripped(_ name: String) -> Bool {
        let upper = name.uppercased()
        return ["LD_PRELOAD", "LD_LIBRARY_PATH", "LD_AUDIT", "NODE_OPTIONS"].contains(upper) || upper.hasPrefix("DYLD_")
    }
}

/// How a child ended: an exit code, or the signal that ended it (then `code` is nil).
public struct CommandExit: Sendable, Hashable {
    public var code: Int32?
    public var signal: Int32?
    public init(code: Int32?, signal: Int32? = nil) {
        self.code = code
        self.signal = signal
    }
}

/// What a running child reports, in order per stream.
public enum CommandEvent: Sendable, Hashable {
    case stdout([UInt8])
    case stderr([UInt8])
    /// The stream reached its end (the child and everything it started closed it).
    case stdoutEnd
    case stderrEnd
    /// The child ended. Output may still follow when something it started holds the pipes.
    case exit(CommandExit)
}

/// Why a command could not start, in Node's terms (`ENOENT`, `EACCES`, `EAGAIN`, …).
public struct CommandError: Error, Sendable, Hashable {
    /// The errno name Node reports (`ENOENT`: not found; `EACCES`: not executable).
    public var code: String
    public init(_ code: String) { self.code = code }
}

/// Starts child processes for the guest. Called only after the `childProcess` permission allowed
/// the request; the environment is already cleaned.
public protocol CommandExecutor: Sendable {
    /// Starts the command. `events` receives its output and its exit (from any thread, in order
    /// per stream). Throws ``CommandError`` when the command cannot start.
    func spawn(_ request: CommandRequest, events: @escaping @Sendable (CommandEvent) -> Void) async throws -> any RunningCommand

    /// Whether `node` (or `process.execPath`) runs as a nested SecureExec runtime with the same
    /// driver, permissions and limits instead of reaching ``spawn(_:events:)``. Default true;
    /// return false to receive `node` commands yourself.
    var sandboxesNode: Bool { get }
}

extension CommandExecutor {
    public var sandboxesNode: Bool { true }
}

/// A started child.
public protocol RunningCommand: Sendable {
    /// The process id the guest sees as `child.pid`.
    var pid: Int32 { get }
    /// Writes to the child's stdin; returns once written. Throws ``CommandError`` (`EPIPE`) when
    /// the child closed it.
    func writeInput(_ bytes: [UInt8]) async throws
    /// Closes the child's stdin.
    func closeInput()
    /// Sends `signal` to the child (`child.kill`). False when it already ended.
    func signal(_ signal: Int32) -> Bool
    /// Ends the child and everything it started (the whole process group): `SIGTERM`, then
    /// `SIGKILL` after a grace period. Returns once it is gone. Called when the call ends, times
    /// out, is terminated, or the runtime is disposed.
    func terminate() async
}
