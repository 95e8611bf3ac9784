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

    private let entries: TextKeyedStore<String, CompiledScript>

    package init(capacity: Int = CompiledScriptCache.defaultCapacity) {
        entries = TextKeyedStore(capacity: capacity)
    }

    /// `source` named `filename`, parsed now or earlier; nil when it does not parse.
    package func script(for source: JSStringRef, filename: String, in context: EngineContext) -> CompiledScript? {
        if let script = entries.value(for: filename, source: source) { return script }
        guard let script = context.compileIfValid(source, sourceURL: filename) else { return nil }
        entries.store(script, for: filename, source: source, cost: 2 * JSStringGetLength(source))
        return script
    }

    /// Forgets everything (another runtime, or another VM, from now on).
    package func removeAll() { entries.removeAll() }

    /// How many scripts are kept (for tests and diagnostics).
    package var count: Int { entries.count }
}
