#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CSecureExecSpawn
import Foundation
import Synchronization

/// Runs allowed commands as real host processes.
///
/// Every child gets:
/// - only the environment in its ``CommandRequest`` (never the host's), already cleaned of
///   `LD_PRELOAD`, `LD_LIBRARY_PATH`, `DYLD_*` and `NODE_OPTIONS`;
/// - a process group of its own, so ``RunningCommand/terminate()`` reaches everything it started
///   (a program that calls `setsid` itself leaves the group: use an OS sandbox for that);
/// - default signal dispositions, an empty signal mask, and no descriptor of the host other than
///   its three pipes;
/// - ``workingDirectory`` as its working directory. The guest's `cwd` is a path in the guest's
///   virtual filesystem and has no meaning on the host: it is shown to the permission check and
///   otherwise ignored.
///
/// Bare command names are looked up in ``searchPath``, never in a `PATH` the guest passed: the
/// permission check allowed a name, and a guest-chosen `PATH` (a folder it can write) would let it
/// pick which program answers to that name. The guest's `PATH` still reaches the child's
/// environment.
///
/// Implementation note: this uses `posix_spawn` directly rather than swift-subprocess. Its
/// closure-scoped `run` ties a process's life to one async scope, while a guest's child outlives
/// the bridge request that started it (stdin writes and kills arrive as later requests, and the
/// call's clean-up must kill the whole group); and the executor needs a process group, signal
/// reset and `closefrom` in the child, which `posix_spawn` gives in one call.
public struct HostCommandExecutor: CommandExecutor {
    /// The host directory every child starts in. Default: a fresh empty directory under the
    /// system temporary directory, created by `init` (and left there). It is a starting point,
    /// not a confinement: a child can change directory.
    public var workingDirectory: String
    /// Where bare command names are looked up (the guest's `PATH` is not used for this).
    /// Default `/usr/local/bin:/usr/bin:/bin`.
    public var searchPath: String
    /// Whether children start in the guest's working directory (``CommandRequest/cwd``) instead
    /// of ``workingDirectory``: only sound when the guest's filesystem is the host's own
    /// (`HostFileSystem(root: "/")`, as the CLI does). Default false.
    public var followsGuestWorkingDirectory: Bool
    /// How long ``RunningCommand/terminate()`` waits after `SIGTERM` before `SIGKILL`.
    /// Default 500 ms.
    public var terminationGrace: Duration

    public init(workingDirectory: String? = nil, searchPath: String = "/usr/local/bin:/usr/bin:/bin",
                followsGuestWorkingDirectory: Bool = false, terminationGrace: Duration = .milliseconds(500)) {
        self.followsGuestWorkingDirectory = followsGuestWorkingDirectory
        self.workingDirectory = workingDirectory ?? Self.makeTemporaryDirectory()
        self.searchPath = searchPath
        self.terminationGrace = terminationGrace
    }

    private static func makeTemporaryDirectory() -> String {
        var template = Array((NSTemporaryDirectory() + "/secure-exec-child-XXXXXX").utf8CString)
        return template.withUnsafeMutableBufferPointer { buffer -> String in
            // The folder is only a starting point (a child can change directory); without it the
            // system temporary folder serves.
            guard let base = buffer.baseAddress, mkdtemp(base) != nil else { return NSTemporaryDirectory() }
            return String(cString: base)
        }
    }

    public func spawn(_ request: CommandRequest, events: @escaping @Sendable (CommandEvent) -> Void) async throws -> any RunningCommand {
        let path = try resolve(request.command, searchPath: searchPath)
        return try HostProcess.start(path: path, request: request,
                                     workingDirectory: followsGuestWorkingDirectory ? request.cwd : workingDirectory,
                                     grace: terminationGrace, events: events)
    }

    /// The executable a command names: a path as given, a bare name through `searchPath`.
    func resolve(_ command: String, searchPath: String) throws -> String {
        if command.contains("/") { return command }
        var sawNonExecutable = false
        // Only absolute folders: a relative one would be looked up from the host's directory.
        for directory in searchPath.split(separator: ":") where directory.hasPrefix("/") {
            let candidate = String(directory) + "/" + command
            var info = stat()
            guard stat(candidate, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFREG, access(candidate, X_OK) == 0 { return candidate }
            sawNonExecutable = true
        }
        throw CommandError(sawNonExecutable ? "EACCES" : "ENOENT")
    }
}

/// One real child process: its pipes, a thread that reads them and reaps it, and its group.
final class HostProcess: RunningCommand, Sendable {
    let pid: Int32
    private let grace: Duration
    /// Our end of the child's stdin (-1 once closed).
    private let input: Mutex<Int32>
    /// Serializes stdin writes off the cooperative thread pool (a write can block).
    private let writer = DispatchQueue(label: "secure-exec-child-stdin")
    private let reaped = Atomic(false)
    /// Set by `terminate`: once the child is gone, stop waiting for pipes that something which
    /// escaped the group may hold.
    private let abandoned = Atomic(false)
    private let finished = Mutex<(done: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    private init(pid: Int32, input: Int32, grace: Duration) {
        self.pid = pid
        self.input = Mutex(input)
        self.grace = grace
    }

    static func start(path: String, request: CommandRequest, workingDirectory: String, grace: Duration,
                      events: @escaping @Sendable (CommandEvent) -> Void) throws -> HostProcess {
        var opened: [Int32] = []
        func pipePair() throws -> (read: Int32, write: Int32) {
            var fds: [Int32] = [-1, -1]
            guard se_pipe_cloexec(&fds) == 0 else { throw CommandError("EMFILE") }
            opened += fds
            return (fds[0], fds[1])
        }
        func devNull(_ flags: Int32) throws -> Int32 {
            let fd = open("/dev/null", flags | O_CLOEXEC)
            guard fd >= 0 else { throw CommandError("EMFILE") }
            opened.append(fd)
            return fd
        }
        do {
            let stdinPipe = request.pipeStdin || request.input != nil ? try pipePair() : nil
            let stdoutPipe = request.pipeStdout ? try pipePair() : nil
            let stderrPipe = request.pipeStderr ? try pipePair() : nil
            let childIn = try stdinPipe?.read ?? devNull(O_RDONLY)
            let childOut = try stdoutPipe?.write ?? devNull(O_WRONLY)
            let childErr = try stderrPipe?.write ?? devNull(O_WRONLY)

            // argv[0] is the command as the guest named it (as a shell passes it).
            let argv = ([request.argv0 ?? request.command] + request.args).map { strdup($0) } + [nil]
            // The request's environment only (already cleaned by the caller; cleaned again here).
            let envp = request.env.filter { !CommandRequest.isStripped($0.key) && !$0.key.contains("=") }
                .sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
            defer {
                argv.forEach { free($0) }
                envp.forEach { free($0) }
            }
            var pid: pid_t = 0
            let result = se_spawn_child(path, argv, envp, workingDirectory, childIn, childOut, childErr, &pid)
            // The child's ends are the child's now.
            for fd in [childIn, childOut, childErr] { close(fd) }
            opened.removeAll { [childIn, childOut, childErr].contains($0) }
            guard result == 0 else {
                throw CommandError(result == EACCES || result == EPERM || result == EISDIR || result == ENOEXEC ? "EACCES"
                                   : result == ENOENT || result == ENOTDIR ? "ENOENT" : result == E2BIG ? "E2BIG" : "EAGAIN")
            }
            let process = HostProcess(pid: pid, input: stdinPipe?.write ?? -1, grace: grace)
            opened.removeAll()
            let monitor = Thread { [process] in
                process.monitor(stdout: stdoutPipe?.read ?? -1, stderr: stderrPipe?.read ?? -1, events: events)
            }
            monitor.name = "secure-exec-child"
            monitor.start()
            if let bytes = request.input {
                process.writer.async {
                    _ = process.writeAll(bytes)
                    process.closeInput()
                }
            }
            return process
        } catch {
            for fd in opened { close(fd) }
            throw error
        }
    }

    /// Reads both pipes until they end, reporting the exit as soon as the child is gone; reaps it.
    private func monitor(stdout: Int32, stderr: Int32, events: @Sendable (CommandEvent) -> Void) {
        var open = [(fd: stdout, isStdout: true), (fd: stderr, isStdout: false)].filter { $0.fd >= 0 }
        if stdout < 0 { events(.stdoutEnd) }
        if stderr < 0 { events(.stderrEnd) }
        var exited = false
        var pollFailed = false
        var buffer = [UInt8](repeating: 0, count: 65_536)
        /// Reads what is ready (waiting at most `timeout` ms); forgets streams that ended.
        func pump(_ timeout: Int32) -> Bool {
            var polls = open.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&polls, nfds_t(polls.count), timeout)
            if ready < 0 {
                pollFailed = errno != EINTR
                return false
            }
            let streams = open
            for (index, entry) in polls.enumerated() where entry.revents != 0 {
                let stream = streams[index]
                let count = buffer.withUnsafeMutableBytes { read(stream.fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    let bytes = Array(buffer[0..<count])
                    events(stream.isStdout ? .stdout(bytes) : .stderr(bytes))
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    close(stream.fd)
                    events(stream.isStdout ? .stdoutEnd : .stderrEnd)
                    open.removeAll { $0.fd == stream.fd }
                }
            }
            return ready > 0
        }
        while !open.isEmpty {
            // While the child runs, wake now and then to notice its exit even if something it
            // started keeps the pipes open.
            _ = pump(100)
            if pollFailed { break }
            if exited && abandoned.load(ordering: .acquiring) {
                for stream in open {
                    close(stream.fd)
                    events(stream.isStdout ? .stdoutEnd : .stderrEnd)
                }
                break
            }
            if !exited, let status = reap(blocking: false) {
                exited = true
                // What the child wrote before it ended is reported before its exit (a bounded
                // drain: something it started may go on writing).
                for _ in 0..<16 where !open.isEmpty && pump(0) {}
                events(.exit(status))
            }
        }
        if !exited, let status = reap(blocking: true) { events(.exit(status)) }
        let waiters = finished.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.done = true
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    private func reap(blocking: Bool) -> CommandExit? {
        var status: Int32 = 0
        while true {
            let result = waitpid(pid, &status, blocking ? 0 : WNOHANG)
            if result == pid { break }
            if result == 0 { return nil }
            if errno == EINTR { continue }
            reaped.store(true, ordering: .releasing)
            return CommandExit(code: nil, signal: SIGKILL)
        }
        reaped.store(true, ordering: .releasing)
        let low = status & 0x7f
        if low == 0 { return CommandExit(code: (status >> 8) & 0xff) }
        return CommandExit(code: nil, signal: low)
    }

    func writeInput(_ bytes: [UInt8]) async throws {
        let ok = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            writer.async { continuation.resume(returning: self.writeAll(bytes)) }
        }
        if !ok { throw CommandError("EPIPE") }
    }

    /// Writes everything (blocking: runs on `writer`). False when stdin is closed or broken.
    private func writeAll(_ bytes: [UInt8]) -> Bool {
        let fd = input.withLock { $0 }
        guard fd >= 0 else { return false }
        var offset = 0
        while offset < bytes.count {
            // A child that closed its stdin must not raise SIGPIPE in the host.
            let written = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return se_write_nosigpipe(fd, base + offset, UInt(bytes.count - offset))
            }
            if written <= 0 { return false }
            offset += written
        }
        return true
    }

    func closeInput() {
        writer.async {
            let fd = self.input.withLock { fd -> Int32 in
                defer { fd = -1 }
                return fd
            }
            if fd >= 0 { close(fd) }
        }
    }

    func signal(_ signal: Int32) -> Bool {
        guard !reaped.load(ordering: .acquiring) else { return false }
        return kill(pid, signal) == 0
    }

    /// Whether the child's process group still has a member.
    private func groupExists() -> Bool {
        kill(-pid, 0) == 0 || errno != ESRCH
    }

    func terminate() async {
        closeInput()
        // The group outlives its leader when something it started is still running. Once it is
        // gone its id is free again — a later process group (another runtime's worker, another
        // child) may get it — so it is signalled only while it is seen to exist.
        if groupExists() { kill(-pid, SIGTERM) }
        let deadline = ContinuousClock.now.advanced(by: grace)
        while ContinuousClock.now < deadline, groupExists() {
            try? await Task.sleep(for: .milliseconds(10))
        }
        if groupExists() { kill(-pid, SIGKILL) }
        // Until the group is gone (its last member reaped), within a bound: callers that
        // return from here should find no survivor.
        let killed = ContinuousClock.now.advanced(by: .seconds(2))
        while ContinuousClock.now < killed, groupExists() {
            try? await Task.sleep(for: .milliseconds(5))
        }
        abandoned.store(true, ordering: .releasing)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = finished.withLock { state -> Bool in
                if !state.done { state.waiters.append(continuation) }
                return state.done
            }
            if done { continuation.resume() }
        }
    }
}
