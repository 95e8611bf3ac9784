#if canImport(Glibc)
import Glibc
#endif
import Foundation
import CSecureExecSpawn
import SecureExecBridge
import SecureExecGuest
import Synchronization

/// The engine in a worker process of its own (`secure-exec-worker`). An engine crash, an
/// out-of-memory abort or a kill ends the call with a clear result; the next call starts a fresh
/// worker. The worker's memory is watched from here and the worker is killed past the limit.
final class WorkerEngine: EngineBackend {
    private let configuration: JSONValue
    private let workerPath: String
    private let memoryLimitBytes: Int
    private let state = Mutex(State())

    private struct State {
        var worker: Worker?
        var host: CallHost?
        var pending: CheckedContinuation<GuestOutcome, Never>?
        /// Runs the running call's sync requests' handlers on the reader thread (no thread hop);
        /// one per call, so a stop that comes before a sync request still reaches it.
        var inline: EngineThreadExecutor?
        /// Why the running call was stopped from here (memory limit, a kill after terminate).
        var killedFor: GuestOutcome.Reason?
        /// Counts calls, so a late kill meant for one call never ends a later one.
        var callNumber = 0
        /// The running call's CPU limit, and the worker's CPU time (ns) when the memory monitor
        /// first looked (5 ms into the call): see `WorkerDeath.abortedAtTheCPULimit`.
        var cpuLimitNanoseconds: UInt64 = 0
        var cpuBaselineNanoseconds: UInt64?
    }

    /// One live worker process.
    final class Worker: Sendable {
        let pid: pid_t
        /// Requests and events from the worker, calls, events and async answers to it.
        let socket: Int32
        /// Answers to sync requests only: the worker's engine thread waits on its end itself (no
        /// hop through the worker's reader thread). Written by this side's reader thread only.
        let replySocket: Int32
        /// Sync requests and their answers in shared memory, when the platform has it.
        let sync: SyncChannel?
        let writeLock = Mutex(())
        init(pid: pid_t, socket: Int32, replySocket: Int32, sync: SyncChannel?) {
            self.pid = pid
            self.socket = socket
            self.replySocket = replySocket
            self.sync = sync
        }
        func send(_ message: WorkerMessage) {
            let frame = message.encoded()
            writeLock.withLock { _ in _ = FrameIO.write(socket, frame) }
        }
        /// Answers a sync request: in the shared memory when it came that way and the answer
        /// fits, else on the reply socket.
        func reply(_ response: BridgeResponse, shared: Bool) {
            let frame = WorkerMessage.response(response).encoded()
            if shared, let sync, sync.answer(frame) { return }
            // Said first: the worker must be reading the socket while a large answer goes out.
            if shared { sync?.answeredOnSocket() }
            _ = FrameIO.write(replySocket, frame)
        }
        func closeSockets() {
            close(socket)
            close(replySocket)
        }
    }

    init(configuration: JSONValue, workerPath: String, memoryLimitBytes: Int) {
        self.configuration = configuration
        self.workerPath = workerPath
        self.memoryLimitBytes = memoryLimitBytes
        // Start the first worker now, so it is warm (bootstrapped) when the first call arrives.
        _ = try? ensureWorker()
    }

    /// The live worker's process id (tests kill it to prove crash survival).
    var workerProcessID: pid_t? { state.withLock { $0.worker?.pid } }

    /// Finds the worker executable: beside the running executable (the CLI, a test bundle, an
    /// app that ships it), or at `explicit`.
    static func locate(explicit: String?) -> String? {
        if let explicit { return FileManager.default.isExecutableFile(atPath: explicit) ? explicit : nil }
        let candidates = [
            URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent(),
            Bundle.main.executableURL?.deletingLastPathComponent(),
        ].compactMap { $0 }
        for dir in candidates {
            let path = dir.appendingPathComponent("secure-exec-worker").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    private func ensureWorker() throws -> Worker {
        if let worker = state.withLock({ $0.worker }) { return worker }
        let worker = try WorkerPool.shared.take(path: workerPath)
        state.withLock { $0.worker = worker }
        worker.send(.configure(json: configuration.jsonBytes))
        let reader = Thread { [weak self] in self?.read(worker) }
        reader.name = "secure-exec-worker-reader"
        reader.start()
        return worker
    }

    /// Starts the worker with an empty environment; descriptor 3 is its end of the channel,
    /// descriptor 4 its end of the sync-reply channel, descriptor 5 the shared memory of sync calls.
    static func spawn(path workerPath: String) throws -> Worker {
        var sockets: [Int32] = [0, 0]
        var replies: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &sockets) == 0 else {
            throw SecureExecError(.engineUnavailable, "socketpair failed (\(errno))")
        }
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &replies) == 0 else {
            close(sockets[0])
            close(sockets[1])
            throw SecureExecError(.engineUnavailable, "socketpair failed (\(errno))")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, sockets[1], 3)
        posix_spawn_file_actions_adddup2(&actions, replies[1], 4)
        let shared = SyncChannel.create()
        defer { if let shared { close(shared.descriptor) } }
        if let shared { posix_spawn_file_actions_adddup2(&actions, shared.descriptor, 5) }
        // Nothing else of the host reaches the worker, not even for the moment before its own
        // closefrom (a descriptor another thread opened without close-on-exec).
        _ = se_spawn_actions_closefrom(&actions, shared == nil ? 5 : 6)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own process group: a kill reaches everything it might start.
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup(workerPath), nil]
        defer { argv.forEach { free($0) } }
        // Crashes must not start Swift's backtracer (it can hang holding the pipes, engine.md §10).
        let env: [UnsafeMutablePointer<CChar>?] = [strdup("SWIFT_BACKTRACE=enable=no"), nil]
        defer { env.forEach { free($0) } }
        let result = posix_spawn(&pid, workerPath, &actions, &attributes, argv, env)
        close(sockets[1])
        close(replies[1])
        guard result == 0 else {
            close(sockets[0])
            close(replies[0])
            throw SecureExecError(.engineUnavailable, "could not start the worker at \(workerPath) (\(result))")
        }
        return Worker(pid: pid, socket: sockets[0], replySocket: replies[0], sync: shared?.channel)
    }

    // MARK: - Calls

    func execute(_ execution: GuestExecution, host: CallHost, wallClock: Duration?) async -> GuestOutcome {
        let worker: Worker
        do {
            worker = try ensureWorker()
        } catch {
            return GuestOutcome(reason: .crashed, code: 70, errorMessage: "\(error)")
        }
        let monitor = startMemoryMonitor(worker)
        host.attach { kind, json, binary in worker.send(.event(kind: kind, json: json, binary: binary)) }
        var timer: HostTimer?
        defer {
            monitor.cancel()
            timer?.cancel()
        }
        let outcome = await withCheckedContinuation { continuation in
            state.withLock {
                $0.host = host
                $0.inline = EngineThreadExecutor()
                $0.pending = continuation
                $0.killedFor = nil
                $0.callNumber += 1
                $0.cpuLimitNanoseconds = execution.cpuTimeLimitNanoseconds
                $0.cpuBaselineNanoseconds = nil
            }
            worker.send(.execute(execution))
            timer = wallClock.map { limit in
                HostTimer(after: limit) { [weak self] in self?.stop(reason: .wallClockLimit) }
            }
            // A terminate() that came while the call was on its way could not reach it.
            if host.stoppedBeforeStart() { stop(reason: .terminated) }
        }
        // The worker bootstraps the next call's context once the caller has its result (see
        // InProcessEngine.execute); a dead worker's channel just refuses the frame.
        if state.withLock({ $0.worker === worker }) { worker.send(.prepare) }
        return outcome
    }

    func stop(reason: GuestOutcome.Reason) {
        let running = state.withLock { s in s.pending == nil ? nil : s.worker.map { ($0, s.callNumber) } }
        // The stop goes out before a waiting sync call is refused, so that the worker learns why
        // its call ends before the refusal reaches its guest (see the worker's `callSync`).
        running?.0.send(.terminate(reason: reason == .wallClockLimit ? 2 : reason == .memoryLimit ? 3 : 1))
        state.withLock { $0.inline?.post(.stop) }
        guard let (worker, call) = running else { return }
        // A worker that does not stop (stuck in native code) is killed, if it still runs that call.
        // (Dispatch, not a task: blocked cooperative threads must not postpone it.)
        DispatchQueue.global().asyncAfter(deadline: .now() + 2) { [weak self] in self?.kill(worker, for: reason, call: call) }
    }

    /// A worker serves one runtime only: it ends with it.
    func release() { shutdown() }

    func shutdown() {
        // Signalled while still registered: the reader forgets a worker before reaping it, so a
        // worker seen here has not been reaped (its process group id is still its own).
        guard let worker = state.withLock({ s -> Worker? in
            defer { s.worker = nil }
            if let worker = s.worker { Glibc.kill(-worker.pid, SIGKILL) }
            return s.worker
        }) else { return }
        shutdownSocket(worker)
    }

    private func shutdownSocket(_ worker: Worker) {
        Glibc.shutdown(worker.socket, Int32(SHUT_RDWR))
    }

    /// Kills the worker if `worker` still runs a call; the reader then ends the call.
    private func kill(_ worker: Worker, for reason: GuestOutcome.Reason, call: Int? = nil) {
        // Killed under the lock, while still registered (so not yet reaped: see `shutdown`).
        // The reader may be answering a sync request (a `spawnSync` waiting for its child): the
        // stop frees it to see the worker's end.
        state.withLock { s in
            guard s.worker === worker, s.pending != nil, call == nil || call == s.callNumber else { return }
            s.killedFor = s.killedFor ?? reason
            s.inline?.post(.stop)
            Glibc.kill(-worker.pid, SIGKILL)
        }
    }

    /// Polls the worker's resident memory every few milliseconds while a call runs; the first
    /// poll also notes the worker's CPU time (`WorkerDeath.abortedAtTheCPULimit`).
    private func startMemoryMonitor(_ worker: Worker) -> HostTimer {
        let limit = memoryLimitBytes
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        return HostTimer(after: .milliseconds(5), every: .milliseconds(5)) { [weak self] in
            if self?.state.withLock({ $0.worker === worker && $0.cpuBaselineNanoseconds == nil }) == true,
               let cpu = Self.cpuTime(of: worker.pid) {
                self?.state.withLock { s in if s.worker === worker, s.cpuBaselineNanoseconds == nil { s.cpuBaselineNanoseconds = cpu } }
            }
            if let rss = Self.residentPages(worker.pid), rss * pageSize > limit {
                self?.kill(worker, for: .memoryLimit)
            }
        }
    }

    /// A live process's CPU time (user and system, all threads) in nanoseconds.
    private static func cpuTime(of pid: pid_t) -> UInt64? {
        var clock = clockid_t()
        guard clock_getcpuclockid(pid, &clock) == 0 else { return nil }
        var now = timespec()
        guard clock_gettime(clock, &now) == 0 else { return nil }
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }


    /// The worker's resident pages (`/proc/PID/statm`, second field).
    private static func residentPages(_ pid: pid_t) -> Int? {
        let fd = open("/proc/\(pid)/statm", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return ResidentPages.read(statm: fd)
    }

    // MARK: - The reader

    private func read(_ worker: Worker) {
        var answeredSync = false
        let frames = FrameReceiver(worker.socket)
        reading: while true {
            if answeredSync {
                // Right after a sync answer the next request often follows within microseconds:
                // watch both the shared memory and the socket for a while.
                worker.sync?.watching(true)
                let deadline = MonotonicClock.nanoseconds() &+ 60_000
                repeat {
                    if worker.sync?.hasRequest == true { break }
                    frames.spin(nanoseconds: 0)
                    if frames.hasBuffered { break }
                } while MonotonicClock.nanoseconds() < deadline
                // Not watching any more: a request posted from now on comes with a wake frame,
                // and one posted before is seen just below.
                worker.sync?.watching(false)
            }
            answeredSync = false
            if let sync = worker.sync, sync.hasRequest {
                guard let body = sync.takeRequest(), case .request(let request)? = try? WorkerMessage.decode(body),
                      request.mode == .sync else { break }
                // What the worker sent before the request comes first (its output, in order):
                // those frames are whole in the socket already.
                while true {
                    frames.spin(nanoseconds: 0)
                    guard frames.hasBuffered else { break }
                    guard let body = try? frames.read(), let message = try? WorkerMessage.decode(body),
                          handle(message, from: worker) else { break reading }
                }
                worker.reply(answer(request), shared: true)
                answeredSync = true
                continue
            }
            // Calls, events and async answers go out on this socket too (`FrameReceiver.waitReadable`).
            frames.waitReadable()
            let body: [UInt8]?
            do { body = try frames.read() } catch { body = nil }
            guard let body, let message = try? WorkerMessage.decode(body) else { break }
            if case .request(let request) = message, request.mode == .sync {
                // Too large for the shared memory: the worker waits on the reply socket.
                worker.reply(answer(request), shared: false)
                answeredSync = true
                continue
            }
            if case .wake = message {
                // A request waits in the shared memory — or did: a wake sent while this side
                // was about to watch arrives after its request was answered. Either way sync
                // calls are under way: watch again.
                answeredSync = true
                continue
            }
            guard handle(message, from: worker) else { break }
        }
        // The worker is gone: end its call with a clear result, reap it, and forget it — forgotten
        // first, so that no other path signals its process group once it is reaped (its id may
        // then belong to another process).
        worker.closeSockets()
        let (pending, killedFor, baseline, cpuLimit) = state.withLock {
            s -> (CheckedContinuation<GuestOutcome, Never>?, GuestOutcome.Reason?, UInt64?, UInt64) in
            if s.worker === worker { s.worker = nil }
            defer { s.pending = nil; s.host = nil; s.inline = nil }
            return (s.pending, s.killedFor, s.cpuBaselineNanoseconds, s.cpuLimitNanoseconds)
        }
        Glibc.kill(-worker.pid, SIGKILL)
        var status: Int32 = 0
        var usage = rusage()
        wait4(worker.pid, &status, 0, &usage)
        guard let pending else { return }
        let cpuTotal = UInt64(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1_000_000_000
            + UInt64(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1_000
        if killedFor == nil, WorkerDeath.abortedAtTheCPULimit(signal: status & 0x7f, cpuTotal: cpuTotal, baseline: baseline, limit: cpuLimit) {
            pending.resume(returning: GuestOutcome(reason: .cpuLimit, code: 124, errorMessage: GuestOutcome.message(for: .cpuLimit)))
            return
        }
        switch killedFor {
        case .memoryLimit?:
            pending.resume(returning: GuestOutcome(reason: .memoryLimit, code: 137, errorMessage: "memory limit exceeded"))
        case let reason?:
            pending.resume(returning: GuestOutcome(reason: reason, code: 124, errorMessage: GuestOutcome.message(for: reason)))
        case nil:
            let signal = status & 0x7f
            pending.resume(returning: GuestOutcome(reason: .crashed, code: signal != 0 ? 128 + signal : 70,
                                                   errorMessage: "worker process exited unexpectedly" + (signal != 0 ? " (signal \(signal))" : "")))
        }
    }

    /// The answer to a sync request (the worker waits for it and sends nothing else meanwhile).
    private func answer(_ request: BridgeRequest) -> BridgeResponse {
        var response: BridgeResponse
        if let host = state.withLock({ $0.host }) {
            let executor = state.withLock { $0.inline } ?? EngineThreadExecutor()
            response = executor.handle(request, with: host)
        } else {
            // Between calls: a sync request still gets an answer (its thread waits for one).
            response = .failure(GuestError(code: "ERR_SANDBOX_TERMINATED", message: "execution terminated"))
        }
        response.id = request.id
        return response
    }

    /// Handles a frame from the worker other than a sync request; false when the channel must
    /// close (the worker sent what it never sends).
    private func handle(_ message: WorkerMessage, from worker: Worker) -> Bool {
        switch message {
        case .request(let request):
            guard let host = state.withLock({ $0.host }) else { return request.mode != .sync }
            if request.mode == .event {
                host.handleEvent(request)  // output, in order
            } else if request.mode == .sync {
                return false  // sync requests are answered by the reader loop only
            } else {
                let prepared = host.prepare(request)  // here, in the guest's order
                Task { [self] in
                    let response = await host.handle(prepared)
                    // Only while its call runs: the worker would take a late answer (a host
                    // function finishing after `process.exit`) for one of the next call's
                    // requests, whose ids start again at 1. Sent under the lock, so it cannot
                    // pass the next call's `execute`.
                    state.withLock { s in
                        if s.host === host { worker.send(.response(response)) }
                    }
                }
            }
        case .outcome(let outcome):
            let pending = state.withLock { s -> CheckedContinuation<GuestOutcome, Never>? in
                defer { s.pending = nil; s.host = nil; s.inline = nil }
                return s.pending
            }
            pending?.resume(returning: outcome)
        case .wake:
            break  // the reader loop looks at the shared memory next
        default:
            return false  // the worker sends nothing else
        }
        return true
    }
}

/// Workers started ahead of need. A worker serves one runtime and ends with it (workers are never
/// shared between runtimes); the pool only hides the start: spawning, starting the engine and
/// compiling our Node API happen before a runtime asks, and the worker is already locked down
/// when it is taken. Each pooled worker is warmed with the default configuration; a runtime with
/// another configuration sends its own, and the worker bootstraps its next context with it.
package final class WorkerPool: Sendable {
    package static let shared = WorkerPool()
    private struct State {
        var idle: [String: [WorkerEngine.Worker]] = [:]
        var refilling: Set<String> = []
        var capacity = 1
    }
    private let state = Mutex(State())

    /// How many started workers to keep ready per worker executable (default 1; 0 disables the
    /// pool, as the command-line tool does: it creates one runtime and exits).
    package var capacity: Int {
        get { state.withLock { $0.capacity } }
        set { state.withLock { $0.capacity = max(0, newValue) } }
    }

    /// A started worker: a ready one from the pool, or a new one. Either way a replacement is
    /// started in the background.
    func take(path: String) throws -> WorkerEngine.Worker {
        var taken: WorkerEngine.Worker?
        while taken == nil, let candidate = state.withLock({ $0.idle[path]?.popLast() }) {
            // A pooled worker that died meanwhile is reaped and skipped.
            var status: Int32 = 0
            if waitpid(candidate.pid, &status, WNOHANG) == 0 {
                taken = candidate
            } else {
                candidate.closeSockets()
            }
        }
        refill(path: path, headStart: taken == nil)
        if let taken { return taken }
        return try WorkerEngine.spawn(path: path)
    }

    private func refill(path: String, headStart: Bool) {
        let start = state.withLock { s -> Bool in
            guard s.capacity > 0, (s.idle[path]?.count ?? 0) < s.capacity, !s.refilling.contains(path) else { return false }
            s.refilling.insert(path)
            return true
        }
        guard start else { return }
        Task.detached(priority: .background) { [self] in
            // A worker started cold for the caller gets a head start on a small machine.
            if headStart { try? await Task.sleep(for: .milliseconds(20)) }
            let worker = try? WorkerEngine.spawn(path: path)
            worker?.send(.configure(json: WorkerPool.warmUpConfiguration.jsonBytes))
            let surplus = state.withLock { s -> WorkerEngine.Worker? in
                s.refilling.remove(path)
                guard let worker else { return nil }
                guard (s.idle[path]?.count ?? 0) < s.capacity else { return worker }
                s.idle[path, default: []].append(worker)
                return nil
            }
            if let surplus {
                Glibc.kill(-surplus.pid, SIGKILL)
                var status: Int32 = 0
                waitpid(surplus.pid, &status, 0)
                surplus.closeSockets()
            }
        }
    }

    /// The configuration of a runtime with default settings (what most runtimes use).
    static let warmUpConfiguration = NodeRuntime.runtimeConfiguration(NodeDriver(), .default)
}

/// Where a runtime's engine runs: a thread of the host, or a worker process.
protocol EngineBackend: Sendable {
    /// Runs one call; `wallClock`, when set, stops it after that long (the timer starts once the
    /// call is registered, so the stop cannot arrive before the call exists).
    func execute(_ execution: GuestExecution, host: CallHost, wallClock: Duration?) async -> GuestOutcome
    func stop(reason: GuestOutcome.Reason)
    func shutdown()
    /// The runtime is done with the engine: keep it for another runtime or shut it down.
    func release()
}

extension InProcessEngine: EngineBackend {}

/// How a worker's death during a call is reported.
package enum WorkerDeath {
    /// JavaScriptCore's watchdog can abort the process (SIGABRT) while it stops code at the CPU
    /// limit — a race inside the engine, rare and not ours to fix. A worker that aborted after
    /// its call had used (nearly) its whole CPU limit was stopped by that limit, and the call
    /// reports it so rather than as a crash. `signal` is what ended the worker, `cpuTotal` its
    /// CPU time when reaped, `baseline` its CPU time early in the call (nanoseconds).
    package static func abortedAtTheCPULimit(signal: Int32, cpuTotal: UInt64, baseline: UInt64?, limit: UInt64) -> Bool {
        guard signal == 6, let baseline, limit > 0, cpuTotal >= baseline else { return false }  // SIGABRT
        // The baseline is taken 5 ms into the call: allow for that and for the clocks' grain.
        return cpuTotal - baseline + 20_000_000 >= limit
    }
}

