/// What our module compilers made of a guest source file, kept by one runtime's engine across
/// its calls so that a file loaded again (the same path, the same text) skips the lexer and
/// rewriting passes (`internal/modules/cjs` `compileWrapper`, `internal/modules/esm`).
///
/// Isolation: the cache belongs to one ``GuestRuntime`` and is emptied whenever its engine starts
/// serving another runtime (``GuestRuntime/reconfigure(_:)``), so one tenant never hits entries
/// (or learns of them through timing) that another tenant's guest code made. An entry is found
/// only when the whole source text equals the stored one (no hash collisions): a file changed
/// between calls is compiled afresh. Every call still evaluates the compiled code in its own
/// fresh context, so module instances are never shared.
package final class ModuleCompileCache {
    /// The most characters (sources and results together) kept before the cache starts over.
    package static let defaultCapacity = 32 << 20

    private struct Key: Hashable {
        let kind: String
        let filename: String
        let length: Int
    }

    private struct Entry {
        let source: String
        let value: String
    }

    private var entries: [Key: Entry] = [:]
    private var size = 0
    private let capacity: Int

    package init(capacity: Int = ModuleCompileCache.defaultCapacity) {
        self.capacity = capacity
    }

    /// The stored result for `source` of `filename` compiled as `kind`, if the text is the same.
    package func value(kind: String, filename: String, source: String) -> String? {
        let key = Key(kind: kind, filename: filename, length: source.utf16.count)
        guard let entry = entries[key], entry.source == source else { return nil }
        return entry.value
    }

    /// Remembers `value` for `source` (replacing what the same file had). Entries larger than
    /// a quarter of the capacity are not kept; when full, the cache starts over.
    package func store(kind: String, filename: String, source: String, value: String) {
        let cost = source.utf8.count + value.utf8.count
        guard cost <= capacity / 4 else { return }
        let key = Key(kind: kind, filename: filename, length: source.utf16.count)
        if let old = entries.removeValue(forKey: key) { size -= old.source.utf8.count + old.value.utf8.count }
        if size + cost > capacity { removeAll() }
        entries[key] = Entry(source: source, value: value)
        size += cost
    }

    /// Forgets everything (another runtime is served from now on).
    package func removeAll() {
        entries.removeAll()
        size = 0
    }

    /// How many results are kept (for tests and diagnostics).
    package var count: Int { entries.count }
}
