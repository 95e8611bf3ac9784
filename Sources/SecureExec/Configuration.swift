/// What the guest's `process` reports. Nothing here is read from the host.
public struct ProcessConfig: Sendable {
    /// Working directory (`process.cwd()`). Default `/root`.
    public var cwd: String
    /// Environment the guest may see (each access is still checked against the env permission).
    /// Default: empty — the host's environment is never passed implicitly.
    public var env: [String: String]
    /// `process.argv`. Default `["node", "<entry path>"]` (the entry path is filled per call).
    public var argv: [String]?
    /// `process.platform`. Default `linux`.
    public var platform: String
    /// `process.arch`. Default `x64`.
    public var arch: String
    /// `process.version`. Default `v22.20.0`.
    public var version: String
    /// `process.pid`. Default 1.
    public var pid: Int
    /// `process.ppid`. Default 0.
    public var ppid: Int
    /// `process.getuid()` / `getgid()`. Default 0.
    public var uid: Int
    public var gid: Int
    /// `process.execPath`. Default `/usr/bin/node`.
    public var execPath: String
    /// `process.execArgv`: the Node options the guest runs with. Default empty. The options the
    /// runtime honours (a nested `node` accepts exactly these): `--expose-gc` defines the global
    /// `gc()` (a full collection of the guest's heap, under the call's CPU limit);
    /// `--expose-internals` lets guest code require the runtime's own `internal/*` modules and
    /// `internal/test/binding`, as Node's test suite does (no authority — host effects still pass
    /// the permission checks — but the runtime's machinery in the guest's hands: for test suites,
    /// not untrusted code); `--abort-on-uncaught-exception` ends the call with code 134 on an
    /// uncaught exception, past 'uncaughtException' listeners and without 'exit';
    /// `--no-warnings`, `--no-deprecation`, `--throw-deprecation`, `--trace-deprecation` and
    /// `--experimental-vm-modules` (the `vm` module classes) as in Node. Other options are only
    /// reported.
    public var execArgv: [String]

    public init(cwd: String = "/root", env: [String: String] = [:], argv: [String]? = nil, platform: String = "linux",
                arch: String = "x64", version: String = "v22.20.0", pid: Int = 1, ppid: Int = 0, uid: Int = 0, gid: Int = 0,
                execPath: String = "/usr/bin/node", execArgv: [String] = []) {
        self.execArgv = execArgv
        self.cwd = cwd
        self.env = env
        self.argv = argv
        self.platform = platform
        self.arch = arch
        self.version = version
        self.pid = pid
        self.ppid = ppid
        self.uid = uid
        self.gid = gid
        self.execPath = execPath
    }
}

/// What the guest's `os` module reports.
public struct OSConfig: Sendable {
    /// `os.hostname()`. Default `sandbox`.
    public var hostname: String
    /// `os.homedir()`. Default `/root`.
    public var homedir: String
    /// `os.tmpdir()`. Default `/tmp`.
    public var tmpdir: String
    /// `os.type()`, `os.release()`, `os.version()`, `os.machine()`.
    public var type: String
    public var release: String
    public var version: String
    public var machine: String
    /// `os.userInfo().username` and `.shell`.
    public var username: String
    public var shell: String?
    /// `os.cpus().length` / `availableParallelism()`. Default 1.
    public var cpus: Int

    public init(hostname: String = "sandbox", homedir: String = "/root", tmpdir: String = "/tmp", type: String = "Linux",
                release: String = "6.1.0", version: String = "#1 SMP", machine: String = "x86_64", username: String = "root",
                shell: String? = "/bin/sh", cpus: Int = 1) {
        self.hostname = hostname
        self.homedir = homedir
        self.tmpdir = tmpdir
        self.type = type
        self.release = release
        self.version = version
        self.machine = machine
        self.username = username
        self.shell = shell
        self.cpus = cpus
    }
}

/// Resource limits. Every one is bounded by default (PRODUCT.md §4); none can be switched off.
public struct ResourceLimits: Sendable {
    /// Memory for the whole runtime, in MiB. Default 128.
    public var memoryMB: Int
    /// CPU time per call (real CPU time of the engine thread, not wall time). Default 30 s.
    public var cpuTime: Duration
    /// Optional wall-clock limit per call. Default none.
    public var wallClock: Duration?
    /// stdout + stderr bytes per call; more is dropped after one truncation notice. Default 16 MiB.
    public var maxOutputBytes: Int
    /// Largest binary payload of one bridge call. Default 16 MiB.
    public var maxBinaryPayloadBytes: Int
    /// Largest JSON payload of one bridge call. Default 4 MiB.
    public var maxJSONPayloadBytes: Int
    /// Active timers (and, separately, immediates). Default 10 000.
    public var maxTimers: Int
    /// Active handles (servers, sockets, children). Default 10 000.
    public var maxHandles: Int
    /// Open file descriptors. Default 1024.
    public var maxOpenFiles: Int
    /// Child processes running at once per call, counting nested `node` runtimes and their own
    /// children (then `EAGAIN`). Default 64.
    public var maxChildProcesses: Int
    /// Largest HTTP response body one request may receive (larger fails with
    /// `ERR_SANDBOX_RESPONSE_TOO_LARGE`); also the largest request body a sandbox server accepts.
    /// Default 16 MiB.
    public var maxNetworkBodyBytes: Int
    /// Time one network exchange (connect, send, receive) may take. Default 60 s.
    public var networkTimeout: Duration
    /// Host function calls per call (see ``HostFunctions``); more reject with a `RangeError`. Default 100 000.
    public var maxHostFunctionCalls: Int = 100_000
    /// Async host function calls in flight at once; more reject with a `RangeError`. Default 256.
    public var maxPendingHostFunctionCalls: Int = 256
    /// Nesting of a value passed to or returned from a host function. Default 128.
    public var maxHostValueDepth: Int = 128

    public init(memoryMB: Int = 128, cpuTime: Duration = .seconds(30), wallClock: Duration? = nil,
                maxOutputBytes: Int = 16 << 20, maxBinaryPayloadBytes: Int = 16 << 20, maxJSONPayloadBytes: Int = 4 << 20,
                maxTimers: Int = 10_000, maxHandles: Int = 10_000, maxOpenFiles: Int = 1024, maxChildProcesses: Int = 64,
                maxNetworkBodyBytes: Int = 16 << 20, networkTimeout: Duration = .seconds(60)) {
        self.memoryMB = memoryMB
        self.cpuTime = cpuTime
        self.wallClock = wallClock
        self.maxOutputBytes = maxOutputBytes
        self.maxBinaryPayloadBytes = maxBinaryPayloadBytes
        self.maxJSONPayloadBytes = maxJSONPayloadBytes
        self.maxTimers = maxTimers
        self.maxHandles = maxHandles
        self.maxOpenFiles = maxOpenFiles
        self.maxChildProcesses = maxChildProcesses
        self.maxNetworkBodyBytes = maxNetworkBodyBytes
        self.networkTimeout = networkTimeout
    }

    public static let `default` = ResourceLimits()
}

/// Whether the guest can read clocks. `freeze` (default): `Date.now()`, `new Date()`,
/// `performance.now()` and `process.hrtime()` stand still for the whole call, and there is no
/// `SharedArrayBuffer`. `off`: normal clocks, and `SharedArrayBuffer` as in Node.
public enum TimingMitigation: String, Sendable {
    case freeze
    case off
}

/// Where the engine runs.
public enum Isolation: Sendable, Equatable {
    /// A worker process per runtime (the default): an engine crash, an out-of-memory abort or a
    /// kill ends the call, never the host; the memory limit is enforced on the whole process.
    /// The worker executable `secure-exec-worker` (a product of this package) is looked up beside
    /// the running executable unless `workerPath` names it.
    case process(workerPath: String? = nil)
    /// A dedicated thread in the host process (same bridge, no IPC): for platforms that cannot
    /// spawn processes and for trusted code. The memory limit is not enforced in this mode.
    case inProcess

    public static var process: Isolation { .process(workerPath: nil) }
}

/// Packages the guest may load without filesystem permission, read-only.
public struct ModuleAccess: Sendable {
    /// A host `node_modules` folder, mounted read-only at `/root/node_modules` in the guest (so
    /// bare imports from the default working directory find it). Confined like
    /// ``HostFileSystem``: symlinks cannot lead out of it; `.node` addons are refused.
    public var nodeModules: String?
    /// Guest folders searched for bare specifiers after the `node_modules` walk, like `NODE_PATH`
    /// entries (the CLI's `--module-path`). Readable, never writable.
    public var searchPaths: [String]
    /// Whether these folders are taken as unchanging while a runtime lives. Default true: what
    /// module resolution found in them and their files' text are kept beside the engine and given
    /// again to the runtime's later calls without asking the host (each call still evaluates
    /// every module afresh), as an installed `node_modules` is read once by a Node process. Set
    /// false when the host changes these folders between calls of one runtime.
    public var cachesAcrossCalls: Bool

    /// Where ``nodeModules`` appears in the guest.
    public static let mountPoint = "/root/node_modules"

    public init(nodeModules: String? = nil, searchPaths: [String] = [], cachesAcrossCalls: Bool = true) {
        self.nodeModules = nodeModules
        self.searchPaths = searchPaths
        self.cachesAcrossCalls = cachesAcrossCalls
    }
}

/// Output from the guest.
public struct StdioEvent: Sendable {
    public enum Channel: String, Sendable { case stdout, stderr }
    public var channel: Channel
    /// The text written (one `console.log` line includes its newline).
    public var message: String
    /// The raw bytes written.
    public var bytes: [UInt8]
    public init(channel: Channel, bytes: [UInt8]) {
        self.channel = channel
        self.bytes = bytes
        self.message = String(decoding: bytes, as: UTF8.self)
    }
}

public typealias StdioHandler = @Sendable (StdioEvent) -> Void

/// What the host makes available to guests: the reference's `createNodeDriver`.
public struct NodeDriver: Sendable {
    /// The filesystem the guest sees. Default: a fresh ``InMemoryFileSystem``.
    public var filesystem: any VirtualFileSystem
    /// Network adapter. Default nil: every network call fails (after its permission check).
    public var network: (any NetworkAdapter)?
    /// How child processes are started. Default nil: spawning fails (after its permission check).
    public var commandExecutor: (any CommandExecutor)?
    /// Permissions. Default: nothing allowed.
    public var permissions: Permissions
    public var processConfig: ProcessConfig
    public var osConfig: OSConfig
    public var moduleAccess: ModuleAccess

    public init(filesystem: any VirtualFileSystem = InMemoryFileSystem(), network: (any NetworkAdapter)? = nil,
                commandExecutor: (any CommandExecutor)? = nil, permissions: Permissions = Permissions(),
                processConfig: ProcessConfig = ProcessConfig(), osConfig: OSConfig = OSConfig(),
                moduleAccess: ModuleAccess = ModuleAccess()) {
        self.filesystem = filesystem
        self.network = network
        self.commandExecutor = commandExecutor
        self.permissions = permissions
        self.processConfig = processConfig
        self.osConfig = osConfig
        self.moduleAccess = moduleAccess
    }
}


/// Options of one `exec` or `run` call; each overrides the runtime's setting when set.
public struct ExecOptions: Sendable {
    /// The entry's guest path (`__filename`). Default `<cwd>/[eval].js` for `exec`.
    public var filePath: String?
    /// Extra environment for this call, merged over `ProcessConfig.env`.
    public var env: [String: String]?
    public var cwd: String?
    /// Delivered to `process.stdin`.
    public var stdin: String?
    public var argv: [String]?
    public var cpuTime: Duration?
    public var wallClock: Duration?
    public var timingMitigation: TimingMitigation?
    public var onStdio: StdioHandler?
    /// The channel to the parent when this call is a forked `node` child (set by the library).
    var ipc: IPCChannel?
    /// The parent's writes to this nested `node` child's stdin (set by the library).
    var stdinFeed: NestedInput?

    public init(filePath: String? = nil, env: [String: String]? = nil, cwd: String? = nil, stdin: String? = nil,
                argv: [String]? = nil, cpuTime: Duration? = nil, wallClock: Duration? = nil,
                timingMitigation: TimingMitigation? = nil, onStdio: StdioHandler? = nil) {
        self.filePath = filePath
        self.env = env
        self.cwd = cwd
        self.stdin = stdin
        self.argv = argv
        self.cpuTime = cpuTime
        self.wallClock = wallClock
        self.timingMitigation = timingMitigation
        self.onStdio = onStdio
    }
}

/// The result of `exec`: a process-style exit code and, on failure, Node's first error line.
public struct ExecResult: Sendable, Equatable {
    public var code: Int32
    public var errorMessage: String?
    public init(code: Int32, errorMessage: String? = nil) {
        self.code = code
        self.errorMessage = errorMessage
    }
}

/// The result of `run`: like ``ExecResult`` plus the entry's exports as a JSON-like value.
public struct RunResult: Sendable, Equatable {
    public var code: Int32
    public var errorMessage: String?
    public var exports: JSONValue?
    public init(code: Int32, errorMessage: String? = nil, exports: JSONValue? = nil) {
        self.code = code
        self.errorMessage = errorMessage
        self.exports = exports
    }
}
