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
    /// The running call's inbox and sync-reply box, for ``stop(reason:)``.
    private let current = Mutex<(inbox: Mailbox<GuestInbound>, replies: Mailbox<BridgeResponse?>)?>(nil)

    init(configuration: JSONValue) {
        thread = EngineThread()
        guest = ThreadConfined()
        let signal = stopSignal
        thread.post { [guest] in
            // The watchdog and the loop run on this thread: its own CPU clock is the budget's.
            let runtime = GuestRuntime(configuration: configuration, stop: signal, cpuClock: MonotonicClock.threadCPUNanoseconds)
            guest.set(runtime)
            runtime.prepareNext()
        }
    }

    func execute(_ execution: GuestExecution, host: CallHost) async -> GuestOutcome {
        let inbox = Mailbox<GuestInbound>()
        let replies = Mailbox<BridgeResponse?>()
        stopSignal.reset()
        current.withLock { $0 = (inbox, replies) }
        defer { current.withLock { $0 = nil } }
        return await withCheckedContinuation { continuation in
            thread.post { [guest] in
                let transport = InProcessTransport(host: host, inbox: inbox, replies: replies)
                let outcome = guest.value.execute(execution, transport: transport, inbox: inbox)
                continuation.resume(returning: outcome)
                // While the engine is idle, bootstrap the next call's fresh context.
                guest.value.prepareNext()
            }
        }
    }

    /// Stops the running call, even while it waits for the host.
    func stop(reason: GuestOutcome.Reason) {
        stopSignal.request(reason)
        if let (inbox, replies) = current.withLock({ $0 }) {
            inbox.post(.terminate(reason: reason))
            replies.post(nil)
        }
    }

    func shutdown() {
        // Wake a call that is still waiting (its caller is gone), then end the thread.
        stop(reason: .terminated)
        thread.post { [guest] in guest.release() }
        thread.stop()
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
final class InProcessTransport: GuestTransport {
    let host: CallHost
    let inbox: Mailbox<GuestInbound>
    let replies: Mailbox<BridgeResponse?>

    init(host: CallHost, inbox: Mailbox<GuestInbound>, replies: Mailbox<BridgeResponse?>) {
        self.host = host
        self.inbox = inbox
        self.replies = replies
    }

    func callSync(_ request: BridgeRequest) -> BridgeResponse {
        let replies = self.replies
        let host = self.host
        Task { replies.post(await host.handle(request)) }
        // Wait for this request's answer; a nil means the call is being stopped.
        while let reply = replies.take(until: nil) {
            guard let reply else { break }
            if reply.id == request.id { return reply }
        }
        replies.post(nil)  // keep the stop visible to later waits in this call
        return .failure(GuestError(code: "ERR_SANDBOX_TERMINATED", message: "execution terminated"))
    }

    func send(_ request: BridgeRequest) {
        switch request.mode {
        case .event:
            // Events (output) are handled in order, on this thread.
            host.handleEvent(request)
        default:
            let inbox = self.inbox
            let host = self.host
            Task { inbox.post(.response(await host.handle(request))) }
        }
    }
}
