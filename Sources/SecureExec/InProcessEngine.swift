import Dispatch
import SecureExecBridge
import SecureExecGuest
import Synchronization

/// The engine on a dedicated thread of the host process. Bridge requests become direct calls
/// into the call's ``CallHost``; the message shapes are the same as across a worker's socket.
final class InProcessEngine: Sendable {
    private let thread: EngineThread
    private let guest: ThreadConfined<GuestRuntime>
    private let stopSignal = StopSignal()
    /// The running call's inbox and sync-call executor, for ``stop(reason:)``.
    private let current = Mutex<(inbox: Mailbox<GuestInbound>, executor: EngineThreadExecutor)?>(nil)

    /// `warm`: also run a warm-up call (for engines started ahead of need, see ``InProcessEnginePool``).
    init(configuration: JSONValue, warm: Bool = false) {
        thread = EngineThread()
        guest = ThreadConfined()
        let signal = stopSignal
        thread.post { [guest] in
            // The watchdog and the loop run on this thread: its own CPU clock is the budget's.
            let runtime = GuestRuntime(configuration: configuration, stop: signal, cpuClock: MonotonicClock.threadCPUNanoseconds)
            guest.set(runtime)
            if warm { runtime.warmUp() } else { runtime.prepareNext() }
        }
    }

    /// Serves a runtime with `configuration` from now on, and prepares its first context.
    func reconfigure(_ configuration: JSONValue) {
        thread.post { [guest] in
            guest.value.reconfigure(configuration)
            guest.value.prepareNext()
        }
    }

    func execute(_ execution: GuestExecution, host: CallHost, wallClock: Duration?) async -> GuestOutcome {
        let inbox = Mailbox<GuestInbound>()
        let executor = EngineThreadExecutor()
        stopSignal.reset()
        current.withLock { $0 = (inbox, executor) }
        // A terminate() that came while the call was on its way could not reach it.
        if host.stoppedBeforeStart() { stop(reason: .terminated) }
        host.attach { kind, json, binary in inbox.post(.event(kind: kind, json: json, binary: binary)) }
        let timer = wallClock.map { limit in
            HostTimer(after: limit) { [weak self] in self?.stop(reason: .wallClockLimit) }
        }
        defer {
            timer?.cancel()
            current.withLock { $0 = nil }
        }
        let outcome: GuestOutcome = await withCheckedContinuation { continuation in
            thread.post { [guest] in
                let transport = InProcessTransport(host: host, inbox: inbox, executor: executor)
                let outcome = guest.value.execute(execution, transport: transport, inbox: inbox)
                continuation.resume(returning: outcome)
            }
        }
        // While the engine is idle, it bootstraps the next call's fresh context — posted from
        // here, once the caller has its result: started on the engine thread right after the
        // resume, it delayed the caller's wake-up by up to a millisecond on a small machine.
        thread.post { [guest] in guest.value.prepareNext() }
        return outcome
    }

    /// Stops the running call, even while it waits for the host.
    func stop(reason: GuestOutcome.Reason) {
        stopSignal.request(reason)
        if let (inbox, executor) = current.withLock({ $0 }) {
            inbox.post(.terminate(reason: reason))
            executor.post(.stop)
        }
    }

    /// Returns the engine to the process's pool (it serves a later runtime) or shuts it down.
    func release() {
        InProcessEnginePool.shared.giveBack(self)
    }

    func shutdown() {
        // Wake a call that is still waiting (its caller is gone), then end the thread.
        stop(reason: .terminated)
        thread.post { [guest] in guest.release() }
        thread.stop()
    }
}

/// Idle in-process engines, kept so that creating a runtime does not start a VM and compile our
/// Node API again (most of the cost of a first call). An engine serves one runtime at a time;
/// every call still runs in a fresh context. A taken engine is replaced in the background, so a
/// program that creates runtimes without disposing of them also finds one ready.
final class InProcessEnginePool: Sendable {
    static let shared = InProcessEnginePool(capacity: 2)
    private let capacity: Int
    private let idle = Mutex<[InProcessEngine]>([])

    init(capacity: Int) { self.capacity = capacity }

    /// A ready engine for a runtime with `configuration` (a new one when none is idle).
    func take(configuration: JSONValue) -> InProcessEngine {
        let (taken, refill) = idle.withLock { engines -> (InProcessEngine?, Bool) in
            let engine = engines.popLast()
            return (engine, engine != nil && engines.isEmpty)
        }
        if refill {
            // Starts its own thread, VM and bootstrap; this call does not wait for it.
            let spare = InProcessEngine(configuration: configuration, warm: true)
            let kept = idle.withLock { engines -> Bool in
                guard engines.count < capacity else { return false }
                engines.append(spare)
                return true
            }
            if !kept { spare.shutdown() }
        }
        guard let taken else { return InProcessEngine(configuration: configuration) }
        taken.reconfigure(configuration)
        return taken
    }

    /// Keeps `engine` for a later runtime, or shuts it down when enough are idle.
    func giveBack(_ engine: InProcessEngine) {
        let kept = idle.withLock { engines -> Bool in
            guard engines.count < capacity else { return false }
            engines.append(engine)
            return true
        }
        if !kept { engine.shutdown() }
    }
}

/// A value used only on one thread, carried across others untouched.
final class ThreadConfined<Value>: @unchecked Sendable {
    // @unchecked: `value` is created, used and released on the engine thread only; other threads
    // only pass the box along.
    private var stored: Value?
    init() {}
    func set(_ value: Value) { stored = value }
    var value: Value {
        guard let stored else { preconditionFailure("engine used after shutdown") }
        return stored
    }
    func release() { stored = nil }
}

/// The guest's transport in in-process mode. Used on the engine thread only.
///
/// A synchronous call runs its host handler *on the engine thread itself*: the handler's task
/// prefers an executor whose jobs this thread runs while it waits, so a handler that never
/// suspends (constant or synchronous permission checks, the in-memory and host filesystems)
/// completes with no thread hop. A handler that does suspend (an async permission check) resumes
/// here too, whenever its awaited work finishes.
final class InProcessTransport: GuestTransport {
    let host: CallHost
    let inbox: Mailbox<GuestInbound>
    private let executor: EngineThreadExecutor

    init(host: CallHost, inbox: Mailbox<GuestInbound>, executor: EngineThreadExecutor) {
        self.host = host
        self.inbox = inbox
        self.executor = executor
    }

    func callSync(_ request: BridgeRequest) -> BridgeResponse {
        executor.handle(request, with: host)
    }

    func send(_ request: BridgeRequest) {
        switch request.mode {
        case .event:
            // Events (output) are handled in order, on this thread.
            host.handleEvent(request)
        default:
            let inbox = self.inbox
            let host = self.host
            let prepared = host.prepare(request)  // here, in the guest's order
            Task { inbox.post(.response(await host.handle(prepared))) }
        }
    }
}

/// Runs the jobs of tasks that prefer it on the thread that waits for a synchronous bridge call
/// (the engine thread in-process, the reader thread for a worker). One per call: once stopped,
/// every wait returns at once and the jobs of handlers still running move to the global pool
/// (nobody waits for them here any more; they finish there, or their call-end clean-up ends them).
final class EngineThreadExecutor: TaskExecutor, @unchecked Sendable {
    // @unchecked: the mailbox is thread-safe and `stopped` is only touched under `lock`.
    enum Work { case job(UnownedJob), reply(BridgeResponse), stop }
    private let work = Mailbox<Work>()
    private let lock = Mutex(false)  // stopped

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let stopped = lock.withLock { stopped -> Bool in
            if !stopped { work.post(.job(job)) }
            return stopped
        }
        if stopped { Self.runElsewhere(job) }
    }

    func post(_ item: Work) {
        if case .stop = item { lock.withLock { $0 = true } }
        work.post(item)
    }

    private static func runElsewhere(_ job: UnownedJob) {
        DispatchQueue.global().async { job.runSynchronously(on: globalConcurrentExecutor.asUnownedTaskExecutor()) }
    }

    private static let terminated = BridgeResponse.failure(GuestError(code: "ERR_SANDBOX_TERMINATED", message: "execution terminated"))

    /// Answers `request` with `host`, running the handler's jobs on the calling thread until the
    /// answer is ready (or a stop arrives).
    func handle(_ request: BridgeRequest, with host: CallHost) -> BridgeResponse {
        guard !lock.withLock({ $0 }) else { return Self.terminated }
        Task(executorPreference: self) { [self] in post(.reply(await host.handle(request))) }
        while let next = work.take(until: nil) {
            switch next {
            case .job(let job): job.runSynchronously(on: asUnownedTaskExecutor())
            case .reply(let reply) where reply.id == request.id: return reply
            case .reply: continue
            case .stop:
                // Jobs that came before the stop: nothing here runs them any more.
                while let left = work.poll() {
                    if case .job(let job) = left { Self.runElsewhere(job) }
                }
                return Self.terminated
            }
        }
        return Self.terminated
    }
}
