#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Process-wide JavaScriptCore options. They must be set before the first VM exists (setting an
/// option afterwards crashes JSC), so ``EngineProcess/initialize()`` runs once, before any VM.
package enum EngineProcess {
    private static let once: Void = {
        #if canImport(CJavaScriptCore)
        // Polling traps: the watchdog is re-armed every few milliseconds; signal-based traps make
        // JIT code 3.6–6.4× slower under re-arming and miss deadlines that pass in host callbacks.
        _ = jsc_options_set_boolean("usePollingTraps", 1)
        // WebAssembly compiles native code outside the CPU watchdog's reach and its async API
        // never completes in this embedding: the guest gets no WebAssembly global.
        _ = jsc_options_set_boolean("useWasm", 0)
        // Node has SharedArrayBuffer. With timing mitigation "freeze" the bootstrap removes it
        // (shared memory plus a second thread makes a clock); no second thread runs guest code.
        _ = jsc_options_set_boolean("useSharedArrayBuffer", 1)
        // More room below JSC's stack limit so a host callback at maximum JS depth cannot overflow.
        _ = jsc_options_set_uint("reservedZoneSize", 512 * 1024)
        // Keep SIGUSR1 for the embedder: JSC suspends GC threads with SIGUSR2 instead.
        _ = JSConfigureSignalForGC(SIGUSR2)
        #endif
    }()

    /// Applies the options; cheap and idempotent after the first call.
    package static func initialize() { once }

    /// The engine's allocator gives the kernel back the pages it holds free
    /// (`WTF::releaseFastMallocFreeMemory`).
    package static func releaseFreeMemory() {
        #if canImport(CJavaScriptCore)
        _ZN3WTF27releaseFastMallocFreeMemoryEv()
        #endif
    }
}
