import SecureExecEngine

/// What our module compilers made of a guest source file, kept by one runtime's engine across
/// its calls so that a file loaded again (the same path, the same text) skips the lexer and
/// rewriting passes (`internal/modules/cjs` `compileWrapper`, `internal/modules/esm`).
///
/// Texts are kept as engine strings: looking an entry up compares and copies them in the engine
/// (no transcoding of large sources).
///
/// Isolation: the cache belongs to one ``GuestRuntime`` and is emptied whenever its engine starts
/// serving another runtime (``GuestRuntime/reconfigure(_:)``), so one tenant never hits entries
/// (or learns of them through timing) that another tenant's guest code made. An entry is found
/// only when the whole source text equals the stored one (no hash collisions): a file changed
/// between calls is compiled afresh. Every call still evaluates the compiled code in its own
/// fresh context, so module instances are never shared.
package final class ModuleCompileCache {
    /// The most bytes (sources and results together, as UTF-16) kept before the cache starts over.
    package static let defaultCapacity = 32 << 20

    private struct Key: Hashable {
        let kind: String
        let filename: String
    }

    private let entries: TextKeyedStore<Key, RetainedString>

    package init(capacity: Int = ModuleCompileCache.defaultCapacity) {
        entries = TextKeyedStore(capacity: capacity)
    }

    /// The stored result for `source` of `filename` compiled as `kind`, if the text is the same.
    /// The string stays owned by the cache: use it before the next ``store(kind:filename:source:value:)``.
    func value(kind: String, filename: String, source: JSStringRef) -> JSStringRef? {
        entries.value(for: Key(kind: kind, filename: filename), source: source)?.string
    }

    /// Remembers `value` for `source` (replacing what the same file had). Entries larger than
    /// a quarter of the capacity are not kept; when full, the cache starts over.
    func store(kind: String, filename: String, source: JSStringRef, value: JSStringRef) {
        let cost = 2 * (JSStringGetLength(source) + JSStringGetLength(value))
        entries.store(RetainedString(value), for: Key(kind: kind, filename: filename), source: source, cost: cost)
    }

    /// ``value(kind:filename:source:)`` for Swift strings.
    package func value(kind: String, filename: String, source: String) -> String? {
        let text = JSStringRef.make(source)
        defer { JSStringRelease(text) }
        return value(kind: kind, filename: filename, source: text).map { String.fromJS($0) }
    }

    /// ``store(kind:filename:source:value:)`` for Swift strings.
    package func store(kind: String, filename: String, source: String, value: String) {
        let text = JSStringRef.make(source)
        let result = JSStringRef.make(value)
        defer {
            JSStringRelease(text)
            JSStringRelease(result)
        }
        store(kind: kind, filename: filename, source: text, value: result)
    }

    /// Forgets everything (another runtime is served from now on).
    package func removeAll() { entries.removeAll() }

    /// How many results are kept (for tests and diagnostics).
    package var count: Int { entries.count }
}

extension EngineContext {
    /// A string value as an engine string (nil for other values), without transcoding.
    /// The caller releases it.
    func engineString(_ value: JSValueRef) -> JSStringRef? {
        guard isString(value) else { return nil }
        return JSValueToStringCopy(ref, value, nil)
    }
}
