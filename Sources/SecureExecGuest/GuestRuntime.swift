package import SecureExecBridge
import SecureExecEngine
import SecureExecNodeAPI
import Synchronization

/// The guest side of one runtime: an engine VM and what it has compiled, used by one call at a
/// time on the runtime's ``EngineThread``. Each call gets a fresh context (a fresh global
/// environment); the VM is replaced after any forced termination.
package final class GuestRuntime {
    private var vm: EngineVM
    private var builtinCache: [String: CompiledScript] = [:]
    /// Set by any thread to stop the running call.
    package let stop: StopSignal
    let cpuClock: () -> UInt64
    /// The runtime-wide bootstrap configuration (builtins, process and os views, limits).
    private(set) var configuration: JSONValue
    /// The next call's context, bootstrapped ahead of time (see ``prepareNext()``).
    private var prepared: GuestSession?
    /// What our module compilers made of guest files, kept for this runtime's later calls.
    package let moduleCache = ModuleCompileCache()
    /// The host's lasting answers (module folders' files), kept for this runtime's later calls.
    package let lastingAnswers = LastingAnswers()
    /// Guest scripts this runtime's VM has parsed, for its later calls.
    package let scripts = CompiledScriptCache()

    /// Collections forced near the memory limit (worker engines only).
    let memoryPressure: MemoryPressure

    /// `residentBytes` reads the process's resident memory: given by a worker process, whose
    /// memory the host limits; nil for an engine in the host's process.
    package init(configuration: JSONValue, stop: StopSignal, cpuClock: @escaping () -> UInt64,
                 residentBytes: (() -> Int?)? = nil) {
        vm = EngineVM()
        self.configuration = configuration
        self.stop = stop
        self.cpuClock = cpuClock
        memoryPressure = MemoryPressure(residentBytes: residentBytes)
        memoryPressure.configure(configuration)
    }

    /// Serves another runtime from now on (an engine taken from a pool): later contexts are
    /// bootstrapped with `configuration`. A context prepared for a different configuration is
    /// dropped; compiled builtins stay (they do not depend on it).
    package func reconfigure(_ configuration: JSONValue) {
        // Another runtime (tenant) from now on: nothing compiled for the previous one is kept.
        moduleCache.removeAll()
        lastingAnswers.removeAll()
        scripts.removeAll()
        guard configuration != self.configuration else { return }
        self.configuration = configuration
        memoryPressure.configure(configuration)
        prepared = nil
    }

    /// Bootstraps a fresh context for the next call now, so the call does not wait for it.
    /// Nothing has run in it but our bootstrap: every call still starts from clean globals.
    package func prepareNext() {
        guard prepared == nil else { return }
        let session = GuestSession(runtime: self, vm: vm)
        session.bootstrap()
        prepared = session
    }

    /// For an engine without a call for a while (worker engines): what the last calls left
    /// (garbage once their contexts are gone) is collected when it is much, and free pages go
    /// back to the kernel — an idle runtime keeps little more than its next context. A few
    /// milliseconds, never on a call's path (see ``MemoryPressure/idle(_:)``).
    package func releaseIdleMemory() {
        memoryPressure.idle(prepared?.context)
    }

    /// Runs a trivial call of our own (no guest code, no host: every bridge request is refused)
    /// so that what every call uses after the bootstrap is compiled and touched before the first
    /// real call, then prepares a fresh context for it. For engines started ahead of need.
    package func warmUp() {
        let config: JSONValue = [
            "cwd": "/", "argv": ["node", "/[warm-up].js"], "timing": "freeze", "frozenTimeMs": 0,
            "maxTimers": 16, "stdin": .null,
        ]
        let execution = GuestExecution(kind: .run, code: "module.exports = 1", filePath: "/[eval].js", config: config,
                                       cpuTimeLimitNanoseconds: 1_000_000_000, maxOutputBytes: 0,
                                       maxJSONPayload: 1 << 16, maxBinaryPayload: 1 << 16, maxTimers: 16)
        _ = execute(execution, transport: RefusingTransport(), inbox: Mailbox())
        prepareNext()
    }

    /// Runs one call to completion on the calling (engine) thread.
    package func execute(_ execution: GuestExecution, transport: any GuestTransport,
                         inbox: Mailbox<GuestInbound>) -> GuestOutcome {
        prepareNext()
        guard let session = prepared else { return GuestOutcome(reason: .crashed, code: 70, errorMessage: "no context") }
        prepared = nil
        let outcome = session.run(execution, transport: transport, inbox: inbox)
        if vm.hasTerminated {
            // JSC may terminate the next entry at once after a termination: start afresh.
            builtinCache.removeAll()
            scripts.removeAll()
            vm = EngineVM()
        }
        return outcome
    }

    /// The compiled wrapper of a builtin module, cached for the VM's lifetime.
    func compiledBuiltin(_ name: String, in context: EngineContext) throws(JSThrow) -> CompiledScript? {
        if let cached = builtinCache[name] { return cached }
        guard let source = EmbeddedJavaScript.sources[name] else { return nil }
        let wrapped: String
        if name == "internal/bootstrap" {
            wrapped = "(function (natives, config) { \(source)\n})"
        } else {
            wrapped = "(function (exports, require, module, process, internal) { \(source)\n})"
        }
        let script = try context.compile(wrapped, sourceURL: "node:\(name)")
        builtinCache[name] = script
        return script
    }

}

/// The transport of a warm-up call: no host behind it.
private final class RefusingTransport: GuestTransport {
    func callSync(_ request: BridgeRequest) -> BridgeResponse {
        .failure(GuestError(code: "ERR_SANDBOX_TERMINATED", message: "no host during warm-up"))
    }
    func send(_ request: BridgeRequest) {}
}

/// A cross-thread request to stop the running call, read by the watchdog and the event loop.
package final class StopSignal: Sendable {
    private let value = Atomic<UInt8>(0)

    package init() {}

    /// Asks the running call to stop for `reason` (the first request wins).
    package func request(_ reason: GuestOutcome.Reason) {
        _ = value.compareExchange(expected: 0, desired: Self.code(reason), ordering: .relaxed)
    }

    /// The pending stop request, if any.
    package var reason: GuestOutcome.Reason? {
        switch value.load(ordering: .relaxed) {
        case 1: return .terminated
        case 2: return .wallClockLimit
        case 3: return .memoryLimit
        default: return nil
        }
    }

    package var isRequested: Bool { value.load(ordering: .relaxed) != 0 }

    /// Clears the request before a new call starts.
    package func reset() { value.store(0, ordering: .relaxed) }

    private static func code(_ reason: GuestOutcome.Reason) -> UInt8 {
        switch reason {
        case .wallClockLimit: return 2
        case .memoryLimit: return 3
        default: return 1
        }
    }
}
