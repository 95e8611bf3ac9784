public import ArgumentParser
import Foundation
import SecureExec

/// `secure-exec`: run a file or a string of JavaScript in the sandbox, like `node`.
public struct SecureExecCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "secure-exec",
        abstract: "Run untrusted Node.js code with deny-by-default access to the host.",
        subcommands: [RunCommand.self, EvalCommand.self]
    )

    public init() {}

    /// Entry point: `--allow-read` and the other grants take an optional `=VALUE`, which
    /// ArgumentParser cannot express, so a bare flag is rewritten to `--flag=*` first.
    public static func runCLI(arguments: [String]) async -> Int32 {
        do {
            var command = try parseAsRoot(SandboxFlags.normalize(arguments))
            if var async = command as? any AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
            return 0
        } catch let exit as GuestExit {
            return exit.code
        } catch {
            let code = exitCode(for: error).rawValue
            let message = fullMessage(for: error)
            if !message.isEmpty {
                FileHandle.standardError.write(Data((message + "\n").utf8))
            }
            return code
        }
    }

}

/// Ends the CLI with the guest's exit code.
struct GuestExit: Error {
    let code: Int32
}

/// The permission and limit flags shared by `run` and `eval`.
struct SandboxFlags: ParsableArguments {
    @Option(name: .customLong("allow-read"), help: ArgumentHelp("Allow reading PATHS (all when bare).", valueName: "PATHS"))
    var allowRead: [String] = []
    @Option(name: .customLong("allow-write"), help: ArgumentHelp("Allow writing PATHS (all when bare).", valueName: "PATHS"))
    var allowWrite: [String] = []
    @Option(name: .customLong("allow-net"), help: ArgumentHelp("Allow network to HOST[:PORT], *.DOMAIN or CIDR (every public host when bare; loopback and private addresses only when named).", valueName: "HOSTS"))
    var allowNet: [String] = []
    @Option(name: .customLong("allow-env"), help: ArgumentHelp("Allow the environment variables NAMES (all when bare).", valueName: "NAMES"))
    var allowEnv: [String] = []
    @Option(name: .customLong("allow-run"), help: ArgumentHelp("Allow running COMMANDS (all when bare).", valueName: "COMMANDS"))
    var allowRun: [String] = []
    @Flag(name: [.customShort("A"), .customLong("allow-all")], help: "Allow everything.")
    var allowAll = false
    @Option(name: .customLong("deny-read"), help: ArgumentHelp("Deny reading PATHS (wins over allows).", valueName: "PATHS"))
    var denyRead: [String] = []
    @Option(name: .customLong("deny-write"), help: ArgumentHelp("Deny writing PATHS.", valueName: "PATHS"))
    var denyWrite: [String] = []
    @Option(name: .customLong("deny-net"), help: ArgumentHelp("Deny network to HOSTS.", valueName: "HOSTS"))
    var denyNet: [String] = []
    @Option(name: .customLong("deny-env"), help: ArgumentHelp("Deny the environment variables NAMES.", valueName: "NAMES"))
    var denyEnv: [String] = []
    @Option(name: .customLong("deny-run"), help: ArgumentHelp("Deny running COMMANDS.", valueName: "COMMANDS"))
    var denyRun: [String] = []
    @Option(name: .customLong("memory-limit"), help: ArgumentHelp("Memory limit in MiB (default 128).", valueName: "MB"))
    var memoryLimit: Int?
    @Option(name: .customLong("cpu-time-limit"), help: ArgumentHelp("CPU time limit per run in ms (default 30000).", valueName: "MS"))
    var cpuTimeLimit: Int?
    @Option(name: .customLong("timing-mitigation"), help: "freeze (default) or off.")
    var timingMitigation: String = "freeze"
    @Option(name: .customLong("module-path"), help: ArgumentHelp("Read-only package folder searched like NODE_PATH.", valueName: "DIR"))
    var modulePath: [String] = []
    @Option(name: .customLong("isolation"), help: "process (default) or in-process.")
    var isolation: String = "process"
    @Flag(name: .customLong("expose-gc"), help: "As node --expose-gc: a global gc() (in process.execArgv).")
    var exposeGC = false

    @Flag(name: .customLong("expose-internals"), help: "As node --expose-internals: guest code may require the runtime's own internal/* modules (for Node's test suite; permission checks are unchanged).")
    var exposeInternals = false
    @Flag(name: .customLong("abort-on-uncaught-exception"), help: "As node: an uncaught exception aborts (status 134) without 'uncaughtException' or 'exit'.")
    var abortOnUncaughtException = false
    @Flag(name: .customLong("no-warnings"), help: "As node: process warnings are not printed.")
    var noWarnings = false
    @Flag(name: .customLong("no-deprecation"), help: "As node: deprecation warnings are not emitted.")
    var noDeprecation = false
    @Flag(name: .customLong("throw-deprecation"), help: "As node: deprecations throw.")
    var throwDeprecation = false
    @Flag(name: .customLong("experimental-vm-modules"), help: "As node: vm.SourceTextModule, vm.SyntheticModule and vm.Module exist.")
    var experimentalVMModules = false

    /// The Node options given, as `process.execArgv`.
    var nodeOptions: [String] {
        [(exposeGC, "--expose-gc"), (exposeInternals, "--expose-internals"),
         (abortOnUncaughtException, "--abort-on-uncaught-exception"), (noWarnings, "--no-warnings"),
         (noDeprecation, "--no-deprecation"), (throwDeprecation, "--throw-deprecation"),
         (experimentalVMModules, "--experimental-vm-modules")].compactMap { $0.0 ? $0.1 : nil }
    }

    static let grantFlags: Set<String> = ["--allow-read", "--allow-write", "--allow-net", "--allow-env", "--allow-run",
                                         "--deny-read", "--deny-write", "--deny-net", "--deny-env", "--deny-run"]
    /// The value a bare grant flag stands for.
    static let everything = "*"

    /// Rewrites bare grant flags (`--allow-env`) to `--allow-env=*`, up to the script operand.
    static func normalize(_ arguments: [String]) -> [String] {
        var out: [String] = []
        var passthrough = false
        for argument in arguments {
            if !passthrough && grantFlags.contains(argument) {
                out.append("\(argument)=\(everything)")
            } else {
                out.append(argument)
            }
            if argument == "--" { passthrough = true }
        }
        return out
    }

    func validate() throws {
        guard ["freeze", "off"].contains(timingMitigation) else {
            throw ValidationError("--timing-mitigation must be 'freeze' or 'off'")
        }
        guard ["process", "in-process"].contains(isolation) else {
            throw ValidationError("--isolation must be 'process' or 'in-process'")
        }
        if let memoryLimit, memoryLimit <= 0 { throw ValidationError("--memory-limit must be positive") }
        if let cpuTimeLimit, cpuTimeLimit <= 0 { throw ValidationError("--cpu-time-limit must be positive") }
    }

    /// Comma lists and repeats, flattened.
    static func list(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
    }

    /// The permissions these flags grant. Deny lists win over allow lists.
    var permissions: Permissions {
        let allowEnvNames = Self.list(allowEnv)
        let denyEnvNames = Set(Self.list(denyEnv))
        let envAll = allowAll || allowEnvNames.contains(Self.everything)
        let envAllowed = Set(allowEnvNames)
        let env: PermissionCheck<EnvAccessRequest> = .check { (request: EnvAccessRequest) -> Bool in
            if denyEnvNames.contains(request.name) || denyEnvNames.contains(Self.everything) { return false }
            return envAll || envAllowed.contains(request.name)
        }

        // Made absolute once, here: each check then only compares strings.
        let readPaths = Self.grantPaths(allowRead)
        let writePaths = Self.grantPaths(allowWrite)
        let denyReadPaths = Self.grantPaths(denyRead)
        let denyWritePaths = Self.grantPaths(denyWrite)
        let fs: PermissionCheck<FsAccessRequest> = .check { (request: FsAccessRequest) -> Bool in
            let (reads, writes) = request.op.access(of: request)
            func granted(_ paths: [String], _ list: [String]) -> Bool {
                list.contains(Self.everything) || paths.allSatisfy { p in list.contains { Self.pathContains($0, p) } }
            }
            func denied(_ paths: [String], _ list: [String]) -> Bool {
                list.contains(Self.everything) || paths.contains { p in list.contains { Self.pathContains($0, p) } }
            }
            // The kernel's views of processes, devices and the system are never reachable: they
            // hold the host's environment and memory (/proc/self/environ, /proc/<pid>/mem).
            if denied(reads + writes, ["/proc", "/sys", "/dev"]) { return false }
            if denied(reads, denyReadPaths) || denied(writes, denyWritePaths) { return false }
            if allowAll { return true }
            return granted(reads, readPaths) && granted(writes, writePaths)
        }

        let netHosts = Self.list(allowNet)
        let denyHosts = Self.list(denyNet)
        let allowRule: PermissionCheck<NetworkAccessRequest> = .allow(hosts: netHosts.filter { $0 != Self.everything })
        let denyRule: PermissionCheck<NetworkAccessRequest> = .allow(hosts: denyHosts.filter { $0 != Self.everything })
        let netAll = allowAll || netHosts.contains(Self.everything)
        let denyAllNet = denyHosts.contains(Self.everything)
        let network: PermissionCheck<NetworkAccessRequest> = .check { (request: NetworkAccessRequest) async -> Bool in
            if denyAllNet { return false }
            if await denyRule.decide(request).allow { return false }
            if netAll { return true }
            return await allowRule.decide(request).allow
        }

        let runCommands = Self.list(allowRun)
        let denyCommands = Set(Self.list(denyRun))
        let runAll = allowAll || runCommands.contains(Self.everything)
        let allowedCommands: PermissionCheck<ChildProcessAccessRequest> = .allow(commands: runCommands, allowShell: true)
        let child: PermissionCheck<ChildProcessAccessRequest> = .check { (request: ChildProcessAccessRequest) async -> Bool in
            let base = request.command.split(separator: "/").last.map(String.init) ?? request.command
            if denyCommands.contains(request.command) || denyCommands.contains(base) || denyCommands.contains(Self.everything) { return false }
            if runAll { return true }
            return await allowedCommands.decide(request).allow
        }
        return Permissions(fs: fs, network: network, childProcess: child, env: env)
    }

    /// A host path made absolute against the current directory.
    static func absolute(_ path: String) -> String {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return URL(fileURLWithPath: full).standardizedFileURL.path
    }

    /// The paths of a grant or deny flag, absolute (``everything`` kept as it is).
    static func grantPaths(_ values: [String]) -> [String] {
        list(values).map { $0 == everything ? $0 : absolute($0) }
    }

    /// Whether the absolute `path` is `prefix` (absolute, from ``grantPaths(_:)``) or inside it.
    static func pathContains(_ prefix: String, _ path: String) -> Bool {
        guard !prefix.isEmpty else { return false }
        return prefix == "/" || path == prefix || path.hasPrefix(prefix + "/")
    }

    var limits: ResourceLimits {
        var limits = ResourceLimits()
        if let memoryLimit { limits.memoryMB = memoryLimit }
        if let cpuTimeLimit { limits.cpuTime = .milliseconds(cpuTimeLimit) }
        return limits
    }

    /// The guest's environment: the host's, filtered by the env grant (checked again on access).
    func environment() -> [String: String] {
        let host = ProcessInfo.processInfo.environment
        let names = Self.list(allowEnv)
        if allowAll || names.contains(Self.everything) { return host }
        return host.filter { names.contains($0.key) }
    }

    /// Runs `code` and ends the process like `node` would.
    func execute(code: String, filePath: String, argv: [String]) async throws {
        // The guest sees the host's filesystem through the grants, like Deno.
        let cwd = FileManager.default.currentDirectoryPath
        // Children start in the guest's working directory: the guest's filesystem is the host's.
        let runsCommands = allowAll || !Self.list(allowRun).isEmpty
        if let warning = Self.runWarning(allowAll ? [Self.everything] : Self.list(allowRun)) {
            FileHandle.standardError.write(Data("secure-exec: warning: \(warning)\n".utf8))
        }
        let driver = NodeDriver(
            filesystem: try HostFileSystem(root: "/"),
            // Public destinations for every granted host; loopback, private and link-local ones
            // only when a rule names them (`--allow-net=127.0.0.1:8080`, a CIDR), on its port.
            network: DefaultNetworkAdapter(exemptDestinations: DefaultNetworkAdapter.exemptions(forAllowList: Self.list(allowNet))),
            commandExecutor: runsCommands ? HostCommandExecutor(workingDirectory: cwd, followsGuestWorkingDirectory: true) : nil,
            permissions: permissions,
            processConfig: ProcessConfig(cwd: cwd, env: environment(), argv: argv, execArgv: nodeOptions),
            osConfig: OSConfig(homedir: ProcessInfo.processInfo.environment["HOME"] ?? "/root"),
            moduleAccess: ModuleAccess(searchPaths: Self.list(modulePath).map { Self.absolute($0) }))
        let stdout = FileHandle.standardOutput
        let stderr = FileHandle.standardError
        // One runtime, then exit: a spare worker would only compete for the CPU.
        WorkerPool.shared.capacity = 0
        let runtime = try NodeRuntime(
            systemDriver: driver, limits: limits,
            timingMitigation: timingMitigation == "off" ? .off : .freeze,
            isolation: isolation == "in-process" ? .inProcess : .process,
            onStdio: { event in
                (event.channel == .stdout ? stdout : stderr).write(Data(event.bytes))
            })
        let stdin = code.contains("stdin") ? Self.readStandardInput() : nil
        let result = try await runtime.exec(code, options: ExecOptions(filePath: filePath, stdin: stdin))
        await runtime.dispose()
        if result.code != 0, let message = result.errorMessage, Self.isLimitFailure(result.code) {
            stderr.write(Data("\(message)\n".utf8))
        }
        throw GuestExit(code: result.code)
    }

    /// Programs that run whatever their arguments say: allowing one allows everything. (`node`
    /// is not one here: it runs as a nested sandboxed runtime with the same grants.)
    static let interpreters: Set<String> = [
        "sh", "bash", "zsh", "dash", "ksh", "fish", "csh", "tcsh", "python", "python2", "python3", "perl", "ruby", "php",
        "deno", "bun", "lua", "env", "xargs", "find", "awk", "gawk", "sudo", "su", "nice", "nohup",
        "timeout", "strace", "gdb", "ssh", "docker", "make", "git", "npx", "npm",
    ]

    /// The warning for `--allow-run` grants that amount to allowing everything, or nil.
    static func runWarning(_ commands: [String]) -> String? {
        if commands.contains(everything) {
            return "--allow-run without a list allows every program, which is a grant of everything"
        }
        let risky = commands.filter { command in
            let base = command.split(separator: "/").last.map(String.init) ?? command
            return interpreters.contains(base) || base.hasPrefix("python") || base.hasPrefix("perl") || base.hasPrefix("ruby")
        }
        guard !risky.isEmpty else { return nil }
        return "--allow-run=\(risky.joined(separator: ",")) allows a shell or interpreter, which can run any program: "
            + "this is a grant of everything"
    }

    /// Limit failures are not printed by the guest itself.
    static func isLimitFailure(_ code: Int32) -> Bool { code == 124 || code == 137 || code == 70 }

    static func readStandardInput() -> String? {
        if isatty(STDIN_FILENO) != 0 { return nil }
        let data = FileHandle.standardInput.readDataToEndOfFile()
        return String(decoding: data, as: UTF8.self)
    }
}

/// `secure-exec run [flags] FILE [ARGS…]`
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run a JavaScript file from the host.")

    @OptionGroup var flags: SandboxFlags
    @Argument(help: "The script to run.") var file: String
    @Argument(parsing: .captureForPassthrough, help: "Arguments for the script (process.argv).") var arguments: [String] = []

    func run() async throws {
        let url = URL(fileURLWithPath: file)
        let code: String
        do {
            code = try String(contentsOf: url, encoding: .utf8)
        } catch {
            FileHandle.standardError.write(Data("secure-exec: cannot read \(file)\n".utf8))
            throw GuestExit(code: 1)
        }
        let path = url.standardizedFileURL.path
        try await flags.execute(code: code, filePath: path, argv: ["node", path] + arguments)
    }
}

/// `secure-exec eval [flags] CODE`
struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "eval", abstract: "Run a string of JavaScript (top-level await allowed).")

    @OptionGroup var flags: SandboxFlags
    @Argument(help: "The code to run.") var code: String
    @Argument(parsing: .captureForPassthrough, help: "Arguments for the code (process.argv).") var arguments: [String] = []

    func run() async throws {
        let cwd = FileManager.default.currentDirectoryPath
        try await flags.execute(code: code, filePath: (cwd == "/" ? "" : cwd) + "/[eval]", argv: ["node"] + arguments)
    }
}
