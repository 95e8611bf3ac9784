#if canImport(Glibc)
package import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
package import SecureExecBridge
import CSecureExecSystem

/// A dedicated thread that owns one engine: every job posted to it runs there, in order.
/// JavaScriptCore values never leave this thread. The stack is large (JSC uses up to 5 MiB and
/// host callbacks run at the deepest JS frame).
package final class EngineThread: @unchecked Sendable {
    // @unchecked: the only shared state is `jobs`, a thread-safe mailbox.
    private let jobs = Mailbox<Job>()
    private enum Job { case run(() -> Void), stop }
    private var thread = pthread_t()

    /// `whenIdle`, when given, runs on the thread once it has had no job for `idleAfter`
    /// (and again only after another job).
    package init(stackSize: Int = 32 << 20, idleAfter: Duration = .milliseconds(100),
                 whenIdle: (() -> Void)? = nil) {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setstacksize(&attributes, stackSize)
        let components = idleAfter.components
        let idleNanoseconds = UInt64(max(0, components.seconds)) * 1_000_000_000 + UInt64(max(0, components.attoseconds / 1_000_000_000))
        let box = Unmanaged.passRetained(ThreadStart(jobs: jobs, idleNanoseconds: idleNanoseconds, whenIdle: whenIdle)).toOpaque()
        let result = pthread_create(&thread, &attributes, { opaque in
            guard let opaque else { return nil }
            Unmanaged<ThreadStart>.fromOpaque(opaque).takeRetainedValue().loop()
            return nil
        }, box)
        pthread_attr_destroy(&attributes)
        precondition(result == 0, "could not start the engine thread (\(result))")
        // Nobody joins the thread: it ends by itself after ``stop()`` and never blocks a caller.
        pthread_detach(thread)
    }

    /// Posts `job` to run on the engine thread.
    package func post(_ job: @escaping () -> Void) { jobs.post(.run(job)) }

    /// Ends the thread after the jobs already posted (without waiting for it).
    package func stop() {
        jobs.post(.stop)
    }

    private final class ThreadStart {
        let jobs: Mailbox<Job>
        let idleNanoseconds: UInt64
        let whenIdle: (() -> Void)?
        init(jobs: Mailbox<Job>, idleNanoseconds: UInt64, whenIdle: (() -> Void)?) {
            self.jobs = jobs
            self.idleNanoseconds = idleNanoseconds
            self.whenIdle = whenIdle
        }
        func loop() {
            var next = jobs.take(until: nil)
            while let job = next {
                switch job {
                case .run(let body): body()
                case .stop: return
                }
                next = jobs.poll()
                if next == nil {
                    // Idle: the stack pages a deep call touched go back to the kernel (an idle
                    // runtime's memory is mostly its engine's, and JSC's parser and compilers
                    // touch megabytes of stack).
                    se_release_stack_below(256 * 1024)
                    if let whenIdle {
                        next = jobs.take(until: MonotonicClock.nanoseconds() &+ idleNanoseconds)
                        if next != nil { continue }
                        whenIdle()
                        se_release_stack_below(256 * 1024)
                    }
                    next = jobs.take(until: nil)
                }
            }
        }
    }
}
