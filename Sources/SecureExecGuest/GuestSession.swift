#if canImport(Glibc)
package import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
package import SecureExecBridge
import SecureExecEngine

/// One call: a fresh context, the natives the bootstrap uses, the event loop.
final class GuestSession {
    unowned let runtime: GuestRuntime
    let vm: EngineVM
    let context: EngineContext
    /// Set when a call begins (a session is bootstrapped ahead of its call).
    private var call: (execution: GuestExecution, transport: any GuestTransport, inbox: Mailbox<GuestInbound>)?
    private var execution: GuestExecution { call?.execution ?? GuestExecution.idle }

    private var hooks: JSObjectRef?
    /// The `zlib` module's streams (freed with the session).
    private let compression = CompressionStreams(limit: 4096)
    /// The `crypto` module's running hashes and HMACs (freed with the session).
    private let hashes = HashStates(limit: 4096)
    /// Realms made by `vm.createContext`, by their global object (freed with the session).
    private var realms: [JSObjectRef: ContextifiedRealm] = [:]
    /// At most this many `vm` contexts per call (each is a whole set of builtins).
    static let maxRealms = 1024
    private var nextRequestID: UInt32 = 0
    private var pendingAsync = 0
    private var pendingRejections = false
    private var outputBytes = 0
    private var outputTruncated = false

    private var cpuStart: UInt64 = 0
    private var monotonicStart: UInt64 = MonotonicClock.nanoseconds()
    private var exitRequested = false
    private var exitCode: Int32 = 0
    private var exitMessage: String?
    private var fatal: GuestOutcome?

    deinit {
        if let hooks { context.unprotect(hooks) }
        // The vm realms go first: nothing of theirs may outlive the guest's own context.
        realms.removeAll()
    }

    init(runtime: GuestRuntime, vm: EngineVM) {
        self.runtime = runtime
        self.vm = vm
        context = EngineContext(vm: vm)
    }

    // MARK: - The call

    /// How often (seconds of engine CPU time) a long-running entry is interrupted to check the
    /// CPU budget and stop requests: the latency of `terminate()` and the CPU limit's overshoot.
    /// Not shorter: JavaScriptCore 2.50 aborts the process (a RELEASE_ASSERT in
    /// `VMTraps::requestThreadStopIfNeeded`) when its watchdog timer fires while the engine thread
    /// is still inside the handling of the previous firing — which needs the engine thread to be
    /// descheduled inside that handling for a whole period. 10 ms made it likely on a loaded
    /// machine; 50 ms still let it happen under a heavily overloaded CI run.
    static let watchdogPeriod = 0.1

    /// Runs one call in this (bootstrapped) context.
    func run(_ execution: GuestExecution, transport: any GuestTransport, inbox: Mailbox<GuestInbound>) -> GuestOutcome {
        call = (execution, transport, inbox)
        cpuStart = runtime.cpuClock()
        monotonicStart = MonotonicClock.nanoseconds()
        let limit = execution.cpuTimeLimitNanoseconds
        vm.setWatchdog(period: Self.watchdogPeriod) { [unowned self] in
            self.exitRequested || self.runtime.stop.isRequested
                || self.runtime.cpuClock() &- self.cpuStart > limit
        }
        guard let hooks else { return finalOutcome() }
        enter(context.get(hooks, "configure"), [context.string(execution.config.jsonText)])

        let runMain = context.get(hooks, "runMain")
        let timers = context.get(hooks, "runTimers")
        let immediates = context.get(hooks, "runImmediates")
        let beforeExit = context.get(hooks, "beforeExit")
        // Protected while they are built: an array's buffer is Swift heap the collector does not
        // scan, and each string allocation may collect.
        let mainArguments = [execution.code, execution.filePath, execution.kind.rawValue].map { text -> JSValueRef in
            let value = context.string(text)
            context.protect(value)
            return value
        }
        _ = enter(runMain, mainArguments)
        mainArguments.forEach { context.unprotect($0) }

        let hasImmediates = context.get(hooks, "hasImmediates")
        let isAlive = context.get(hooks, "isAlive")
        // libuv's uv_run (1.45+), as Node 22 runs it: while the loop is alive, poll → check →
        // timers, then liveness again. A run starts with a timers phase. When nothing is alive
        // (no ref'd timer, immediate or handle, no host call in flight), 'beforeExit' may
        // schedule more work, and the loop runs again.
        // `isAlive` says 1 (alive), 0, or 2: not alive, and no 'beforeExit' listener can exist,
        // so that entry (which would run under the watchdog) is skipped.
        var noBeforeExitListener = false
        func loopAlive() -> Bool {
            if pendingAsync > 0 { return true }
            let state = enter(isAlive, [], runsGuestCode: false).map { context.toNumber($0) } ?? 0
            noBeforeExitListener = state == 2
            return state == 1
        }
        func runBeforeExit() -> Bool {
            if noBeforeExitListener { return false }
            return (enter(beforeExit, []).map { context.toNumber($0) } ?? 0) > 0
        }
        func runTimersPhase() -> Double {
            // How long the poll phase may wait (see runTimers in internal/loop.js).
            enter(timers, [context.number(elapsedMilliseconds)]).map { context.toNumber($0) } ?? -1
        }
        var next: Double = -1
        var starting = true
        while !isOver {
            runtime.memoryPressure.relieve(context)
            if starting {
                starting = false
                if !loopAlive() {
                    if isOver { break }
                    if runBeforeExit() || (!isOver && pendingAsync > 0) { starting = true; continue }
                    break
                }
                next = runTimersPhase()
                if isOver { break }
            }
            // Poll phase: what the host delivered; block for it only when nothing else is due.
            var delivered = false
            while !isOver, let message = call?.inbox.poll() {
                deliver(message)
                delivered = true
            }
            if isOver { break }
            if !delivered, next >= 0 || pendingAsync > 0, (enter(hasImmediates, [], runsGuestCode: false).map { context.toNumber($0) } ?? 0) == 0 {
                let delay: Double? = next == .infinity ? nil : next >= 0 ? next : next <= -2 ? -next - 2 : nil
                // Wait at most a second at a time, so a stop request is seen even if its wake-up
                // message was lost.
                let deadline = MonotonicClock.nanoseconds() + UInt64(min(delay ?? 1000, 1000) * 1_000_000)
                if let reason = runtime.stop.reason {
                    fatal = GuestOutcome(reason: reason, code: reason == .memoryLimit ? 137 : 124, errorMessage: GuestOutcome.message(for: reason))
                    break
                }
                if let message = call?.inbox.take(until: deadline) {
                    deliver(message)
                    while !isOver, let more = call?.inbox.poll() { deliver(more) }
                }
                if isOver { break }
            }
            // Check phase: every queued immediate runs, ref'd or not.
            enter(immediates, [])
            if isOver { break }
            // Timers phase, then liveness.
            next = runTimersPhase()
            if isOver { break }
            if !loopAlive() {
                if isOver { break }
                if runBeforeExit() || (!isOver && pendingAsync > 0) { starting = true; continue }
                break
            }
        }
        if !isOver, let code = enter(context.get(hooks, "finish"), []) {
            exitCode = Int32(truncatingIfNeeded: Int(context.toNumber(code)))
        }
        var exportsJSON: [UInt8]?
        if execution.kind == .run, fatal == nil, !vm.hasTerminated, !exitRequested || exitMessage == nil,
           let exports = enter(context.get(hooks, "exportsJSON"), []), context.isString(exports) {
            exportsJSON = context.utf8Bytes(ofString: exports)
        }
        var outcome = finalOutcome()
        outcome.exportsJSON = exportsJSON
        return outcome
    }

    private var isOver: Bool { exitRequested || fatal != nil || vm.hasTerminated }

    private var elapsedMilliseconds: Double {
        Double(MonotonicClock.nanoseconds() - monotonicStart) / 1_000_000
    }

    private func finalOutcome() -> GuestOutcome {
        if let fatal { return fatal }
        if vm.hasTerminated && !exitRequested {
            if let reason = runtime.stop.reason {
                return GuestOutcome(reason: reason, code: reason == .memoryLimit ? 137 : 124,
                                    errorMessage: GuestOutcome.message(for: reason))
            }
            return GuestOutcome(reason: .cpuLimit, code: 124, errorMessage: "CPU time limit exceeded")
        }
        if exitRequested {
            return GuestOutcome(reason: exitMessage == nil ? .exit : .uncaught, code: exitCode, errorMessage: exitMessage)
        }
        return GuestOutcome(reason: .completed, code: exitCode)
    }


    /// Enters JavaScript once, under the CPU budget. Every host→guest entry goes through here.
    /// `runsGuestCode: false` is for our loop's own pure bookkeeping (`isAlive`, `hasImmediates`:
    /// counters no guest code can hook), entered without JSC's watchdog (see `disarmWatchdog`).
    @discardableResult
    private func enter(_ function: JSValueRef, _ arguments: [JSValueRef], runsGuestCode: Bool = true) -> JSValueRef? {
        guard !isOver, let function = context.toObject(function) else { return nil }
        if let reason = runtime.stop.reason {
            fatal = GuestOutcome(reason: reason, code: reason == .memoryLimit ? 137 : 124, errorMessage: GuestOutcome.message(for: reason))
            return nil
        }
        let used = runtime.cpuClock() &- cpuStart
        guard used < execution.cpuTimeLimitNanoseconds else {
            fatal = GuestOutcome(reason: .cpuLimit, code: 124, errorMessage: "CPU time limit exceeded")
            return nil
        }
        // JSC's limit counts CPU time per outermost entry: cap this entry at what is left.
        let remaining = Double(execution.cpuTimeLimitNanoseconds - used) / 1e9
        if runsGuestCode { vm.armWatchdog(limit: min(Self.watchdogPeriod, remaining)) } else { vm.disarmWatchdog() }
        let result: JSValueRef?
        do {
            result = try context.call(function, arguments)
        } catch {
            result = nil
            if !vm.hasTerminated && !exitRequested {
                // Our hooks catch guest errors themselves; anything escaping them is fatal.
                let text = context.toSwiftString(error.value) ?? "uncaught exception"
                fatal = GuestOutcome(reason: .uncaught, code: 1, errorMessage: text)
            }
        }
        if pendingRejections && !isOver, let hooks {
            pendingRejections = false
            enter(context.get(hooks, "processRejections"), [])
        }
        return result
    }

    private func deliver(_ message: GuestInbound) {
        guard let hooks else { return }
        switch message {
        case .response(let response):
            pendingAsync -= 1
            enter(context.get(hooks, "dispatch"), [context.number(Double(response.id)), responseValue(response)])
        case .event(let kind, let json, let binary):
            let bytes = binary.map { b in b.withUnsafeBytes { context.uint8Array(copying: $0) } } ?? context.undefined
            let text = json.withUnsafeBytes { context.string(utf8: $0) }
            enter(context.get(hooks, "event"), [context.string(kind), text, bytes])
        case .terminate(let reason):
            runtime.stop.request(reason)
            fatal = GuestOutcome(reason: reason, code: reason == .memoryLimit ? 137 : 124, errorMessage: GuestOutcome.message(for: reason))
        }
    }

    // MARK: - Bootstrap and natives

    /// Bootstraps the context with the runtime's configuration, before any call exists. A failure
    /// is kept and reported by the call that uses this session.
    @discardableResult
    func bootstrap() -> Bool {
        do {
            guard let script = try runtime.compiledBuiltin("internal/bootstrap", in: context) else {
                fatal = GuestOutcome(reason: .crashed, code: 70, errorMessage: "bootstrap missing")
                return false
            }
            let function = try context.evaluate(script)
            let natives = makeNatives()
            let config = context.string(runtime.configuration.jsonText)
            guard let entry = context.toObject(function) else { return false }
            // Our own code runs here, before any call: no budget to enforce, but the VM's
            // watchdog must not refer to an earlier session.
            vm.setWatchdog(period: Self.watchdogPeriod) { false }
            let result = try context.call(entry, [natives, config])
            hooks = context.toObject(result)
            // Only Swift holds the hooks (and through them our loop and loader): keep them from
            // the collector, which does not see references on the Swift heap.
            if let hooks { context.protect(hooks) }
            return hooks != nil
        } catch {
            if !vm.hasTerminated {
                let text = context.toSwiftString(error.value) ?? "bootstrap failed"
                fatal = GuestOutcome(reason: .crashed, code: 70, errorMessage: "internal error: \(text)")
            }
            return false
        }
    }

    /// Whether vm code may declare global `var`s or functions (it has a `var` or `function` word).
    static func declaresGlobals(_ source: String) -> Bool {
        guard source.contains("var") || source.contains("function") else { return false }
        return source.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "$") })
            .contains(where: { $0 == "var" || $0 == "function" })
    }

    private func makeNatives() -> JSObjectRef {
        let ctx = context
        let natives = ctx.object()
        compression.install(on: natives, context: ctx)
        func define(_ name: String, _ body: @escaping HostFunctionBody) {
            ctx.set(natives, name, ctx.makeFunction(name: name, body), readOnly: true)
        }
        define("call") { [unowned self] call throws(JSThrow) in
            try self.bridge(call, mode: .sync)
        }
        define("callAsync") { [unowned self] call throws(JSThrow) in
            try self.bridge(call, mode: .async)
        }
        define("send") { [unowned self] call throws(JSThrow) in
            try self.bridge(call, mode: .event)
        }
        define("write") { [unowned self] call in
            self.write(fd: Int(ctx.toNumber(call[0])), call[1])
            return ctx.undefined
        }
        define("drain") { [unowned self] _ in
            ctx.drainMicrotasks()
            return ctx.undefined
        }
        define("hrtime") { [unowned self] _ in
            ctx.number(Double(MonotonicClock.nanoseconds() - self.monotonicStart))
        }
        define("now") { _ in ctx.number(MonotonicClock.epochMilliseconds()) }
        define("heapCapacity") { [unowned self] _ in ctx.number(Double(self.vm.heapCapacity)) }
        // The worker's resident size (process.memoryUsage().rss); undefined for an engine in the
        // host's process, whose memory is the host's.
        define("residentBytes") { [unowned self] _ in
            self.runtime.memoryPressure.resident.map { ctx.number(Double($0)) } ?? ctx.undefined
        }
        define("collectGarbage") { _ in
            ctx.collectGarbage()
            return ctx.undefined
        }
        define("exit") { [unowned self] call in
            self.requestExit(code: Int32(truncatingIfNeeded: Int(ctx.toNumber(call[0]))),
                             message: ctx.isString(call[1]) ? ctx.toSwiftString(call[1]) : nil)
            return ctx.undefined
        }
        define("noteRejection") { [unowned self] _ in
            self.pendingRejections = true
            return ctx.undefined
        }
        define("setRejectionHandler") { call throws(JSThrow) in
            if let function = ctx.toObject(call[0]) { try ctx.setUnhandledRejectionCallback(function) }
            return ctx.undefined
        }
        define("compile") { [unowned self] call throws(JSThrow) in
            // Evaluates a classic script (a module wrapper) under the guest file name, so errors
            // and stacks carry guest paths. Parsed once per runtime (CompiledScriptCache); a text
            // that does not parse is evaluated as text, for the engine's own SyntaxError.
            guard ctx.isString(call[1]), let file = ctx.toSwiftString(call[1]),
                  let source = ctx.engineString(call[0]) else { return ctx.undefined }
            defer { JSStringRelease(source) }
            if let script = self.runtime.scripts.script(for: source, filename: file, in: ctx) {
                return try ctx.evaluate(script)
            }
            return try ctx.evaluate(source, sourceURL: file)
        }
        // (kind, filename, source) → what the module compiler stored for that exact text, or
        // undefined; (kind, filename, source, value) stores it. See ModuleCompileCache.
        define("moduleCacheGet") { [unowned self] call in
            guard ctx.isString(call[0]), ctx.isString(call[1]),
                  let kind = ctx.toSwiftString(call[0]), let file = ctx.toSwiftString(call[1]),
                  let source = ctx.engineString(call[2]) else { return ctx.undefined }
            defer { JSStringRelease(source) }
            guard let value = self.runtime.moduleCache.value(kind: kind, filename: file, source: source) else { return ctx.undefined }
            return JSValueMakeString(ctx.ref, value)
        }
        define("moduleCacheSet") { [unowned self] call in
            guard ctx.isString(call[0]), ctx.isString(call[1]),
                  let kind = ctx.toSwiftString(call[0]), let file = ctx.toSwiftString(call[1]),
                  let source = ctx.engineString(call[2]) else { return ctx.undefined }
            defer { JSStringRelease(source) }
            guard let value = ctx.engineString(call[3]) else { return ctx.undefined }
            defer { JSStringRelease(value) }
            self.runtime.moduleCache.store(kind: kind, filename: file, source: source, value: value)
            return ctx.undefined
        }
        define("builtin") { [unowned self] call throws(JSThrow) in
            guard let name = ctx.toSwiftString(call[0]),
                  let script = try self.runtime.compiledBuiltin(name, in: ctx) else { return ctx.undefined }
            return try ctx.evaluate(script)
        }
        // crypto hashes: (algorithm, key bytes or undefined) → id; (id, bytes); (id) → digest; (id) → copy's id.
        func hashFailure(_ failure: HashStates.Failure) -> JSThrow {
            switch failure {
            case .unknownAlgorithm: return JSThrow(ctx.makeError(name: "Error", message: "Digest method not supported"))
            case .tooMany: return JSThrow(ctx.makeError(name: "RangeError", message: "ERR_RESOURCE_BUDGET_EXCEEDED: at most \(self.hashes.limit) unfinished hashes per call"))
            case .unknownState: return JSThrow(ctx.makeError(name: "Error", message: "ERR_CRYPTO_HASH_FINALIZED"))
            }
        }
        define("hashCreate") { [unowned self] call throws(JSThrow) in
            guard let algorithm = ctx.toSwiftString(call[0]) else { throw hashFailure(.unknownAlgorithm) }
            var key: [UInt8]?
            ctx.withBytes(of: call[1]) { bytes in if let bytes { key = Array(bytes) } }
            do throws(HashStates.Failure) {
                return ctx.number(Double(try self.hashes.create(algorithm, key: key)))
            } catch { throw hashFailure(error) }
        }
        define("hashUpdate") { [unowned self] call throws(JSThrow) in
            let id = Int(ctx.toNumber(call[0]))
            var failure: HashStates.Failure?
            ctx.withBytes(of: call[1]) { bytes in
                do throws(HashStates.Failure) { try self.hashes.update(id, bytes ?? UnsafeRawBufferPointer(start: nil, count: 0)) } catch { failure = error }
            }
            if let failure { throw hashFailure(failure) }
            return ctx.undefined
        }
        define("hashDigest") { [unowned self] call throws(JSThrow) in
            do throws(HashStates.Failure) {
                let digest = try self.hashes.finish(Int(ctx.toNumber(call[0])))
                return digest.withUnsafeBytes { ctx.uint8Array(copying: $0) }
            } catch { throw hashFailure(error) }
        }
        define("hashCopy") { [unowned self] call throws(JSThrow) in
            do throws(HashStates.Failure) {
                return ctx.number(Double(try self.hashes.copy(Int(ctx.toNumber(call[0])))))
            } catch { throw hashFailure(error) }
        }
        // vm.createContext(sandbox) → the new realm's global object.
        define("contextCreate") { [unowned self] call throws(JSThrow) in
            guard let sandbox = ctx.toObject(call[0]) else {
                throw JSThrow(ctx.makeError(name: "TypeError", message: "a context needs an object"))
            }
            guard self.realms.count < Self.maxRealms else {
                throw JSThrow(ctx.makeError(name: "RangeError", message: "ERR_RESOURCE_BUDGET_EXCEEDED: at most \(Self.maxRealms) vm contexts per call"))
            }
            let realm = ContextifiedRealm(vm: self.vm, sandbox: sandbox)
            self.realms[realm.globalObject] = realm
            return realm.globalObject
        }
        // (global, source, filename, line) → the completion value of the script in that realm.
        define("contextEvaluate") { [unowned self] call throws(JSThrow) in
            guard let global = ctx.toObject(call[0]), let realm = self.realms[global],
                  let source = ctx.toSwiftString(call[1]) else {
                throw JSThrow(ctx.makeError(name: "TypeError", message: "not a vm context"))
            }
            let file = ctx.isString(call[2]) ? ctx.toSwiftString(call[2]) : nil
            let line = Int32(clamping: Int(max(1, min(1e9, ctx.toNumber(call[3]).isNaN ? 1 : ctx.toNumber(call[3])))))
            // Code that declares globals runs as global eval code, so that its declarations are
            // the sandbox's properties (see ContextifiedRealm.evaluateAsGlobalEval; strict code's
            // declarations then stay local to it, as strict eval's do); code without declarations
            // keeps the script form, with its file name and lines in stacks.
            if Self.declaresGlobals(source), let value = try realm.evaluateAsGlobalEval(source) { return value }
            return try realm.context.evaluate(source, sourceURL: file, startingLine: line)
        }
        // Buffer's UTF-8 encoder (buffer.js falls back to JavaScript without it):
        // (bytes, string, offset, length) → bytes written (no partial character; a lone
        // surrogate is EF BF BD) and (string) → its UTF-8 length.
        define("utf8Write") { call in
            guard ctx.isString(call[1]), let text = JSValueToStringCopy(ctx.ref, call[1], nil) else { return ctx.number(0) }
            defer { JSStringRelease(text) }
            let offset = Int(max(0, ctx.toNumber(call[2])))
            let length = Int(max(0, ctx.toNumber(call[3])))
            let units = UnsafeBufferPointer(start: JSStringGetCharactersPtr(text), count: JSStringGetLength(text))
            let written = ctx.withBytes(of: call[0]) { bytes -> Int in
                guard let bytes, let base = bytes.baseAddress, offset <= bytes.count else { return 0 }
                let room = min(length, bytes.count - offset)
                return UTF8Units.write(units, into: UnsafeMutableRawPointer(mutating: base + offset).assumingMemoryBound(to: UInt8.self), capacity: room)
            }
            return ctx.number(Double(written))
        }
        define("utf8ByteLength") { call in
            guard ctx.isString(call[0]), let text = JSValueToStringCopy(ctx.ref, call[0], nil) else { return ctx.number(0) }
            defer { JSStringRelease(text) }
            return ctx.number(Double(UTF8Units.length(UnsafeBufferPointer(start: JSStringGetCharactersPtr(text), count: JSStringGetLength(text)))))
        }
        // (object) → the enumerable string keys that are not array indices, in for-in order: own
        // ones first, then inherited ones (callers keep the own ones) — for V8's
        // GetOwnNonIndexProperties in deep equality and inspect. Object.keys would leave one
        // string per index for the collector (a 100 000-element typed array: ~13 MB each time);
        // the engine's name list used here is freed before this returns.
        define("ownNonIndexKeys") { call throws(JSThrow) in
            guard let object = ctx.toObject(call[0]) else { return try ctx.array([]) }
            let list = JSObjectCopyPropertyNames(ctx.ref, object)
            defer { if let list { JSPropertyNameArrayRelease(list) } }
            var keys: [JSValueRef] = []
            for i in 0..<JSPropertyNameArrayGetCount(list) {
                guard let name = JSPropertyNameArrayGetNameAtIndex(list, i) else { continue }
                let units = UnsafeBufferPointer(start: JSStringGetCharactersPtr(name), count: JSStringGetLength(name))
                if !ArrayIndexKey.isIndex(units) { keys.append(JSValueMakeString(ctx.ref, name)) }
            }
            return try ctx.array(keys)
        }
        // Buffer's base64/base64url encoder (buffer.js falls back to JavaScript without it):
        // (bytes, start, end, url) → string.
        define("base64Encode") { call in
            let start = Int(max(0, ctx.toNumber(call[1])))
            let end = Int(max(0, ctx.toNumber(call[2])))
            let url = JSValueToBoolean(ctx.ref, call[3])
            return ctx.withBytes(of: call[0]) { bytes -> JSValueRef in
                guard let bytes, start <= end, end <= bytes.count else { return ctx.string("") }
                let units = Base64.encode(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), url: url)
                let text = units.withUnsafeBufferPointer { JSStringCreateWithCharacters($0.baseAddress, $0.count) }
                defer { JSStringRelease(text) }
                return JSValueMakeString(ctx.ref, text)
            }
        }
        define("randomFill") { call in
            ctx.withBytes(of: call[0]) { bytes in
                guard let bytes, let base = bytes.baseAddress else { return }
                fillRandom(UnsafeMutableRawBufferPointer(mutating: UnsafeRawBufferPointer(start: base, count: bytes.count)))
            }
            return call[0]
        }
        return natives
    }

    private func requestExit(code: Int32, message: String?) {
        guard !exitRequested else { return }
        exitRequested = true
        exitCode = code
        exitMessage = message
        // Guest code that catches the exit sentinel is stopped at the next trap check.
        vm.armWatchdog(limit: 0.001)
    }

    /// `call`/`callAsync`/`send`: (operation, JSON text, bytes?) → result.
    private func bridge(_ call: borrowing HostCall, mode: BridgeCallMode) throws(JSThrow) -> JSValueRef {
        let ctx = context
        guard !exitRequested, let transport = self.call?.transport else {
            throw JSThrow(ctx.makeError(name: "Error", message: "process is exiting"))
        }
        guard let operation = ctx.toSwiftString(call[0]) else {
            throw JSThrow(ctx.makeError(name: "TypeError", message: "bridge operation must be a string"))
        }
        let json = ctx.utf8Bytes(ofString: call[1]) ?? []
        if json.count > execution.maxJSONPayload {
            return ctx.string("!" + GuestError.payloadTooLarge("bridge JSON payload", limit: execution.maxJSONPayload, got: json.count).json.jsonText)
        }
        var binary: [UInt8]?
        var tooLarge = 0
        ctx.withBytes(of: call[2]) { bytes in
            guard let bytes else { return }
            if bytes.count > execution.maxBinaryPayload { tooLarge = bytes.count; return }
            binary = Array(bytes)
        }
        if tooLarge > 0 {
            return ctx.string("!" + GuestError.payloadTooLarge("bridge binary payload", limit: execution.maxBinaryPayload, got: tooLarge).json.jsonText)
        }
        nextRequestID &+= 1
        let request = BridgeRequest(id: nextRequestID, mode: mode, operation: operation, json: json, binary: binary)
        switch mode {
        case .sync:
            if let kept = runtime.lastingAnswers.answer(request) { return responseValue(kept) }
            runtime.memoryPressure.relieve(ctx)
            let response = transport.callSync(request)
            runtime.lastingAnswers.keep(response, for: request)
            if let reason = runtime.stop.reason {
                // The call was stopped while it waited: it ends with the stop's result, whatever
                // the guest does with the error it sees now (the watchdog ends it at once).
                if fatal == nil {
                    fatal = GuestOutcome(reason: reason, code: reason == .memoryLimit ? 137 : 124, errorMessage: GuestOutcome.message(for: reason))
                }
                vm.armWatchdog(limit: 0.0005)
                throw JSThrow(ctx.makeError(name: "Error", message: GuestOutcome.message(for: reason)))
            }
            return responseValue(response)
        case .async:
            pendingAsync += 1
            transport.send(request)
            return ctx.number(Double(request.id))
        case .event:
            transport.send(request)
            return ctx.undefined
        }
    }

    /// A response as the guest-side wrapper reads it: a JSON string (`""` for undefined), a
    /// `Uint8Array`, or `"!"` + an error description.
    private func responseValue(_ response: BridgeResponse) -> JSValueRef {
        switch response.status {
        case .ok: return response.json.withUnsafeBytes { context.string(utf8: $0) }
        case .binary: return (response.binary ?? []).withUnsafeBytes { context.uint8Array(copying: $0) }
        case .error: return context.string("!" + String(decoding: response.json, as: UTF8.self))
        }
    }

    /// stdout/stderr: bounded per call; past the budget output is dropped with one notice.
    private func write(fd: Int, _ value: JSValueRef) {
        // Once the budget is spent, nothing more is converted or sent (an output flood then costs
        // the guest its own CPU time, not memory here or in the host).
        guard !exitRequested, !outputTruncated, fd == 1 || fd == 2 else { return }
        var bytes: [UInt8]
        if let utf8 = context.utf8Bytes(ofString: value) {
            bytes = utf8
        } else {
            var copied: [UInt8]?
            context.withBytes(of: value) { if let b = $0 { copied = Array(b) } }
            guard let copied else { return }
            bytes = copied
        }
        if outputBytes + bytes.count > execution.maxOutputBytes {
            outputTruncated = true
            let room = max(0, execution.maxOutputBytes - outputBytes)
            bytes = Array(bytes.prefix(room))
            bytes += Array("\n[output truncated: limit of \(execution.maxOutputBytes) bytes reached]\n".utf8)
        }
        outputBytes += bytes.count
        call?.transport.send(BridgeRequest(id: 0, mode: .event, operation: "stdio.write", json: Array((fd == 1 ? "1" : "2").utf8), binary: bytes))
    }
}

extension GuestError {
    static func payloadTooLarge(_ label: String, limit: Int, got: Int) -> GuestError {
        GuestError(code: "ERR_SANDBOX_PAYLOAD_TOO_LARGE",
                   message: "ERR_SANDBOX_PAYLOAD_TOO_LARGE: \(label) exceeds \(limit) bytes (got \(got))",
                   name: "RangeError")
    }
}

/// Fills `buffer` from the system's secure random source (getrandom on Linux).
func fillRandom(_ buffer: UnsafeMutableRawBufferPointer) {
    var generator = SystemRandomNumberGenerator()
    var index = 0
    while index < buffer.count {
        var word = generator.next()
        let count = min(8, buffer.count - index)
        withUnsafeBytes(of: &word) { bytes in
            for i in 0..<count { buffer[index + i] = bytes[i] }
        }
        index += count
    }
}

/// Base64 (RFC 4648) as UTF-16 code units, ready for a JavaScript string.
enum Base64 {
    private static let standard = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf16)
    private static let urlSafe = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf16)

    /// Standard alphabet with `=` padding, or base64url without padding.
    static func encode(_ bytes: UnsafeRawBufferPointer, url: Bool) -> [UInt16] {
        let whole = bytes.count / 3 * 3
        let rest = bytes.count - whole
        let length = whole / 3 * 4 + (rest == 0 ? 0 : url ? rest + 1 : 4)
        return (url ? urlSafe : standard).withUnsafeBufferPointer { table in
            [UInt16](unsafeUninitializedCapacity: length) { out, count in
                var i = 0, k = 0
                while i < whole {
                    let v = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
                    out[k] = table[Int(v >> 18)]
                    out[k + 1] = table[Int((v >> 12) & 0x3f)]
                    out[k + 2] = table[Int((v >> 6) & 0x3f)]
                    out[k + 3] = table[Int(v & 0x3f)]
                    i += 3
                    k += 4
                }
                if rest == 1 {
                    let v = UInt32(bytes[i])
                    out[k] = table[Int(v >> 2)]
                    out[k + 1] = table[Int((v & 0x03) << 4)]
                    k += 2
                    if !url { out[k] = 0x3d; out[k + 1] = 0x3d; k += 2 }
                } else if rest == 2 {
                    let v = UInt32(bytes[i]) << 8 | UInt32(bytes[i + 1])
                    out[k] = table[Int(v >> 10)]
                    out[k + 1] = table[Int((v >> 4) & 0x3f)]
                    out[k + 2] = table[Int((v & 0x0f) << 2)]
                    k += 3
                    if !url { out[k] = 0x3d; k += 1 }
                }
                count = k
            }
        }
    }
}

/// UTF-16 code units to UTF-8 as Node's Buffer writes them: a lone surrogate is U+FFFD, and a
/// character that does not fit whole is not written.
enum UTF8Units {
    static func length(_ units: UnsafeBufferPointer<UInt16>) -> Int {
        var total = 0
        var i = 0
        while i < units.count {
            let c = units[i]
            if c < 0x80 { total += 1 } else if c < 0x800 { total += 2 } else if c >= 0xd800, c <= 0xdbff, i + 1 < units.count,
                                                                             units[i + 1] & 0xfc00 == 0xdc00 {
                total += 4
                i += 1
            } else { total += 3 }
            i += 1
        }
        return total
    }

    static func write(_ units: UnsafeBufferPointer<UInt16>, into out: UnsafeMutablePointer<UInt8>, capacity: Int) -> Int {
        var p = 0
        var i = 0
        while i < units.count {
            var c = UInt32(units[i])
            if c < 0x80 {
                if p >= capacity { break }
                out[p] = UInt8(c)
                p += 1
                i += 1
                continue
            }
            if c < 0x800 {
                if p + 2 > capacity { break }
                out[p] = UInt8(0xc0 | (c >> 6))
                out[p + 1] = UInt8(0x80 | (c & 0x3f))
                p += 2
                i += 1
                continue
            }
            if c >= 0xd800, c <= 0xdfff {
                if c <= 0xdbff, i + 1 < units.count, units[i + 1] & 0xfc00 == 0xdc00 {
                    if p + 4 > capacity { break }
                    let cp = ((c - 0xd800) << 10) + (UInt32(units[i + 1]) - 0xdc00) + 0x10000
                    out[p] = UInt8(0xf0 | (cp >> 18))
                    out[p + 1] = UInt8(0x80 | ((cp >> 12) & 0x3f))
                    out[p + 2] = UInt8(0x80 | ((cp >> 6) & 0x3f))
                    out[p + 3] = UInt8(0x80 | (cp & 0x3f))
                    p += 4
                    i += 2
                    continue
                }
                c = 0xfffd
            }
            if p + 3 > capacity { break }
            out[p] = UInt8(0xe0 | (c >> 12))
            out[p + 1] = UInt8(0x80 | ((c >> 6) & 0x3f))
            out[p + 2] = UInt8(0x80 | (c & 0x3f))
            p += 3
            i += 1
        }
        return p
    }
}

/// Array-index property names: canonical decimal integers below 2³² − 1 ("0", "17"; not "01",
/// "-1" or "4294967295").
enum ArrayIndexKey {
    static func isIndex(_ units: UnsafeBufferPointer<UInt16>) -> Bool {
        guard let first = units.first, units.count <= 10, first >= 0x30, first <= 0x39 else { return false }
        if first == 0x30 { return units.count == 1 }
        var value: UInt64 = 0
        for unit in units {
            guard unit >= 0x30, unit <= 0x39 else { return false }
            value = value * 10 + UInt64(unit - 0x30)
        }
        return value < 4_294_967_295
    }
}
