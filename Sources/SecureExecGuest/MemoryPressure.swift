import CSecureExecSystem
import SecureExecBridge
import SecureExecEngine

/// Collects the heap when the process's resident memory nears the runtime's memory limit.
///
/// JavaScriptCore paces its collector by its own heap and sizes it for the machine's RAM: garbage
/// held in malloc'd memory (typed arrays' bytes, buffers a guest allocates, strings) may pile up to
/// several times the live size before it collects — enough to cross a 128 MB limit with a few
/// megabytes live. V8 collects harder near its heap limit; this is our equivalent. At most once a
/// millisecond (a loop turn, a sync bridge call) it reads the resident size, and past half the
/// limit, once it has grown by a sixteenth of the limit since the last collection here, it runs a
/// full collection. The time counts against the call's CPU limit like any other engine work.
final class MemoryPressure {
    /// The process's resident bytes now, or nil (in-process engines have no limit to watch).
    private let residentBytes: (() -> Int?)?
    private var limit = 0
    private var lastCheck: UInt64 = 0
    /// Resident bytes right after the last collection here (or the lowest seen since).
    private var floor = 0

    init(residentBytes: (() -> Int?)?) {
        self.residentBytes = residentBytes
    }

    /// The worker process's resident bytes now (nil in the host's process).
    var resident: Int? { residentBytes?() }

    /// Takes the memory limit of a runtime's configuration (`memoryLimitBytes`; none without).
    func configure(_ configuration: JSONValue) {
        limit = max(0, Int(configuration["memoryLimitBytes"]?.doubleValue ?? 0))
        floor = 0
    }

    /// Resident bytes when first idle (after the warm-up of a pooled engine, or the first call).
    private var idleBaseline: Int?

    /// Between calls, after a while without one: when the process grew by 8 MB since it was
    /// first idle, collects, and the engine's allocator and malloc give their free pages back.
    /// Nothing otherwise: a collection throws away compiled code the next call would have reused,
    /// and returned pages fault back in — up to ≈ 1 ms more on the next call, which light calls
    /// (and pooled engines, idle since their warm-up) should not pay.
    func idle(_ context: EngineContext?) {
        guard let resident else { return }
        guard let baseline = idleBaseline else {
            idleBaseline = resident
            return
        }
        guard resident > baseline + (8 << 20) else { return }
        context?.collectGarbage()
        EngineProcess.releaseFreeMemory()
        se_trim_malloc()
    }

    func relieve(_ context: EngineContext) {
        guard limit > 0, let residentBytes else { return }
        let now = MonotonicClock.nanoseconds()
        guard now &- lastCheck >= 1_000_000 else { return }
        lastCheck = now
        guard let resident = residentBytes() else { return }
        if floor == 0 || resident < floor { floor = resident }
        guard resident > limit / 2, resident >= floor + limit / 16 else { return }
        context.collectGarbage()
        floor = residentBytes() ?? resident
    }
}
