import Foundation

/// Runs blocking host work (key generation and derivation, name resolution) on a thread of its
/// own. Swift's global executor and `DispatchQueue.global()` share a pool about as wide as the
/// machine has cores; on two cores, two RSA generations or two blocked `getaddrinfo` calls there
/// would stall every other call's bridge requests (a `listen`, a permission check) for seconds.
enum BlockingWork {
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try body() }) }
            thread.name = "secure-exec-blocking"
            thread.start()
        }
    }
}
