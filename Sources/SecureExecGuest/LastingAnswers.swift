package import SecureExecBridge

/// The host's answers that stay true for a runtime's whole life (``BridgeResponse/lasting``),
/// kept beside its engine so that later calls get them without a round trip: what module
/// resolution found in module folders taken as unchanging (`ModuleAccess`), and those files'
/// text. Only the host decides what is lasting; guest code can neither add an entry nor choose
/// what an entry says (the key is the request as sent, the value the host's answer to it).
///
/// Isolation: one ``GuestRuntime``'s, emptied whenever its engine starts serving another runtime
/// (``GuestRuntime/reconfigure(_:)``), like ``ModuleCompileCache``. Bounded in bytes: when full,
/// it starts over.
package final class LastingAnswers {
    /// The most bytes (requests and answers) kept before the cache starts over.
    package static let defaultCapacity = 64 << 20
    /// The requests whose answers may be lasting: the synchronous reads module loading makes.
    static let operations: Set<String> = ["fs.probeFiles", "fs.stat", "fs.readFile"]

    private struct Key: Hashable {
        let operation: String
        let json: [UInt8]
    }

    private var entries: [Key: BridgeResponse] = [:]
    private var size = 0
    private let capacity: Int

    package init(capacity: Int = LastingAnswers.defaultCapacity) {
        self.capacity = capacity
    }

    package var count: Int { entries.count }

    /// The kept answer to `request`, if there is one.
    package func answer(_ request: BridgeRequest) -> BridgeResponse? {
        guard request.binary == nil, Self.operations.contains(request.operation) else { return nil }
        return entries[Key(operation: request.operation, json: request.json)]
    }

    /// Keeps `response` for `request` when the host said it is lasting (and it is an answer to
    /// one of the module-loading reads, and small enough).
    package func keep(_ response: BridgeResponse, for request: BridgeRequest) {
        guard response.lasting, response.status != .error, request.binary == nil,
              Self.operations.contains(request.operation) else { return }
        let cost = request.operation.utf8.count + request.json.count + response.json.count + (response.binary?.count ?? 0) + 64
        guard cost <= capacity / 8 else { return }
        if size + cost > capacity { removeAll() }
        let key = Key(operation: request.operation, json: request.json)
        if entries.updateValue(response, forKey: key) == nil { size += cost }
    }

    package func removeAll() {
        entries.removeAll()
        size = 0
    }
}
