import SecureExecEngine

/// Values kept under a key only while the source text they were made from stays the same: the
/// storage and bounds of ``ModuleCompileCache`` and ``CompiledScriptCache``. The text is kept as
/// an engine string (compared in the engine, never transcoded). An entry costing more than a
/// quarter of the capacity is not kept; when full, the store starts over.
final class TextKeyedStore<Key: Hashable, Value> {
    private final class Entry {
        let source: JSStringRef
        let value: Value
        let cost: Int
        init(source: JSStringRef, value: Value, cost: Int) {
            self.source = JSStringRetain(source)
            self.value = value
            self.cost = cost
        }
        deinit { JSStringRelease(source) }
    }

    private var entries: [Key: Entry] = [:]
    private var size = 0
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// What `key` holds, if it was made from exactly `source`.
    func value(for key: Key, source: JSStringRef) -> Value? {
        guard let entry = entries[key], JSStringIsEqual(entry.source, source) else { return nil }
        return entry.value
    }

    /// Keeps `value` for `source` under `key`, replacing what the key held.
    func store(_ value: Value, for key: Key, source: JSStringRef, cost: Int) {
        if let old = entries.removeValue(forKey: key) { size -= old.cost }
        guard cost <= capacity / 4 else { return }
        if size + cost > capacity { removeAll() }
        entries[key] = Entry(source: source, value: value, cost: cost)
        size += cost
    }

    func removeAll() {
        entries.removeAll()
        size = 0
    }

    var count: Int { entries.count }
}

/// An engine string the holder owns a reference to (released with it).
final class RetainedString {
    let string: JSStringRef
    init(_ string: JSStringRef) { self.string = JSStringRetain(string) }
    deinit { JSStringRelease(string) }
}
