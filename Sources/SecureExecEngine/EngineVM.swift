#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One JavaScriptCore VM (a context group). Thread-confined: create, use and release it on one
/// thread (see ``EngineThread``). Contexts of one VM share its heap and code cache.
package final class EngineVM {
    package let group: JSContextGroupRef
    /// Set by the watchdog when it asked JSC to terminate; the VM should then be discarded
    /// (JSC may terminate the next entry instantly after a termination).
    package internal(set) var hasTerminated = false
    var watchdog: Watchdog?
    /// Bytes the host copied into typed arrays since the last forced collection.
    var copiedBytesSinceCollection = 0
    /// After this many copied bytes the next copy first collects the heap: the collector paces
    /// itself by the JS heap and lags far behind malloc'd backing stores (a guest reading 1 MB
    /// files in a loop outgrew a 128 MB limit before any collection on a loaded machine).
    package static let copiedBytesPerCollection = 16 << 20

    package init() {
        EngineProcess.initialize()
        group = JSContextGroupCreate()
    }

    deinit {
        if let watchdog {
            JSContextGroupClearExecutionTimeLimit(group)
            Unmanaged.passUnretained(watchdog).release()
        }
        JSContextGroupRelease(group)
    }

    /// The heap's capacity in bytes (`JSC::Heap::capacity()`, ~35 ns): counts the JS heap and
    /// ArrayBuffer memory at its virtual size, not typed arrays created with a length.
    package var heapCapacity: Int {
        #if canImport(CJavaScriptCore)
        // Heap is at a fixed offset in JSC::VM for this JSC build (2.50.6).
        return Int(_ZN3JSC4Heap8capacityEv(UnsafeMutableRawPointer(mutating: UnsafeRawPointer(group)) + 0xc0))
        #else
        return 0
        #endif
    }

    /// Installs a periodic check: every `period` seconds of JS-thread CPU time within one entry,
    /// `shouldTerminate` decides whether to stop the running script.
    package func setWatchdog(period: Double, shouldTerminate: @escaping () -> Bool) {
        let dog = Watchdog(period: period, shouldTerminate: shouldTerminate, vm: self)
        if let old = watchdog { Unmanaged.passUnretained(old).release() }
        watchdog = dog
        let opaque = Unmanaged.passRetained(dog).toOpaque()
        JSContextGroupSetExecutionTimeLimit(group, period, watchdogCallback, opaque)
    }

    /// No limit for the next entry (one of our own that runs no guest code): JSC schedules a
    /// watchdog timer event for every entry made under a limit, and each such event is a chance
    /// for the watchdog race of `GuestSession.watchdogPeriod`; entries without one schedule none.
    package func disarmWatchdog() {
        guard watchdog != nil else { return }
        JSContextGroupClearExecutionTimeLimit(group)
    }

    /// Re-arms the limit for the next entry (JSC's limit counts CPU time per outermost entry).
    package func armWatchdog(limit: Double) {
        guard let dog = watchdog else { return }
        dog.period = max(0.0005, limit)
        JSContextGroupSetExecutionTimeLimit(group, dog.period, watchdogCallback, Unmanaged.passUnretained(dog).toOpaque())
    }
}

/// State for the watchdog callback. Only touched on the VM's thread.
final class Watchdog {
    var period: Double
    let basePeriod: Double
    let shouldTerminate: () -> Bool
    unowned let vm: EngineVM

    init(period: Double, shouldTerminate: @escaping () -> Bool, vm: EngineVM) {
        self.period = period
        self.basePeriod = period
        self.shouldTerminate = shouldTerminate
        self.vm = vm
    }
}

private let watchdogCallback: JSShouldTerminateCallback = { ctx, opaque in
    guard let opaque, let ctx else { return true }
    let dog = Unmanaged<Watchdog>.fromOpaque(opaque).takeUnretainedValue()
    if dog.shouldTerminate() {
        dog.vm.hasTerminated = true
        return true
    }
    // Returning false would disable the watchdog for the rest of this entry: re-arm first.
    JSContextGroupSetExecutionTimeLimit(JSContextGetGroup(ctx), dog.basePeriod, watchdogCallback, opaque)
    return false
}
