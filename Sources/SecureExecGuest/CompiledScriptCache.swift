package import SecureExecEngine

/// Guest scripts the engine has parsed (CommonJS wrappers, ES module bodies, the entry's code),
/// kept by one runtime's VM across its calls: evaluating a kept script in the next call's fresh
/// context skips the parser and bytecode generator (a 1 KB wrapper: ≈ 100 µs → ≈ 3 µs).
///
/// The same isolation rules as ``ModuleCompileCache``: owned by one ``GuestRuntime``, emptied when
/// its engine serves another runtime and whenever the VM is replaced (a script belongs to the VM
/// that compiled it); an entry is used only when the whole text equals the stored one. A kept
/// script holds no state of any call: each evaluation creates its values in the calling context.
package final class CompiledScriptCache {
    /// The most source bytes (as UTF-16) kept before the cache starts over.
    package static let defaultCapacity = 32 << 20

    private final class Entry {
        let source: JSStringRef
        let script: CompiledScript
        let cost: Int
        init(source: JSStringRef, script: CompiledScript, cost: Int) {
            self.source = JSStringRetain(source)
            self.script = script
            self.cost = cost
        }
        deinit { JSStringRelease(source) }
    }

    private var entries: [String: Entry] = [:]
    private var size = 0
    private let capacity: Int

    package init(capacity: Int = CompiledScriptCache.defaultCapacity) {
        self.capacity = capacity
    }

    /// `source` named `filename`, parsed now or earlier; nil when it does not parse.
    package func script(for source: JSStringRef, filename: String, in context: EngineContext) -> CompiledScript? {
        if let entry = entries[filename], JSStringIsEqual(entry.source, source) { return entry.script }
        guard let script = context.compileIfValid(source, sourceURL: filename) else { return nil }
        let cost = 2 * JSStringGetLength(source)
        if let old = entries.removeValue(forKey: filename) { size -= old.cost }
        guard cost <= capacity / 4 else { return script }
        if size + cost > capacity { removeAll() }
        entries[filename] = Entry(source: source, script: script, cost: cost)
        size += cost
        return script
    }

    /// Forgets everything (another runtime, or another VM, from now on).
    package func removeAll() {
        entries.removeAll()
        size = 0
    }

    /// How many scripts are kept (for tests and diagnostics).
    package var count: Int { entries.count }
}
