import Crypto

/// The `crypto` module's running hashes and HMACs (`createHash`, `createHmac`), computed beside
/// the engine: no host round trip per digest, no bound on the data but the CPU budget (the work
/// runs on the engine thread). Freed with the session.
final class HashStates {
    private var states: [Int: HashState] = [:]
    private var nextID = 0
    /// Live states at once; a guest that never digests cannot grow this table without bound.
    let limit: Int

    init(limit: Int) { self.limit = limit }

    enum Failure: Error {
        case unknownAlgorithm, tooMany, unknownState
    }

    /// A new state for `algorithm` (md5, sha1, sha256, sha384, sha512), keyed when `key` is given.
    func create(_ algorithm: String, key: [UInt8]?) throws(Failure) -> Int {
        guard states.count < limit else { throw .tooMany }
        guard let state = HashState(algorithm, key: key.map { SymmetricKey(data: $0) }) else { throw .unknownAlgorithm }
        nextID += 1
        states[nextID] = state
        return nextID
    }

    func update(_ id: Int, _ bytes: UnsafeRawBufferPointer) throws(Failure) {
        guard var state = states.removeValue(forKey: id) else { throw .unknownState }
        state.update(bytes)
        states[id] = state
    }

    /// The digest; the state is gone afterwards.
    func finish(_ id: Int) throws(Failure) -> [UInt8] {
        guard let state = states.removeValue(forKey: id) else { throw .unknownState }
        return state.finalize()
    }

    func copy(_ id: Int) throws(Failure) -> Int {
        guard states.count < limit else { throw .tooMany }
        guard let state = states[id] else { throw .unknownState }
        nextID += 1
        states[nextID] = state
        return nextID
    }
}

/// One running digest (value types: a copy is an independent state).
private enum HashState {
    case md5(Insecure.MD5), sha1(Insecure.SHA1), sha256(SHA256), sha384(SHA384), sha512(SHA512)
    case hmacMD5(HMAC<Insecure.MD5>), hmacSHA1(HMAC<Insecure.SHA1>), hmacSHA256(HMAC<SHA256>)
    case hmacSHA384(HMAC<SHA384>), hmacSHA512(HMAC<SHA512>)

    init?(_ algorithm: String, key: SymmetricKey?) {
        switch (algorithm, key) {
        case ("md5", nil): self = .md5(Insecure.MD5())
        case ("sha1", nil): self = .sha1(Insecure.SHA1())
        case ("sha256", nil): self = .sha256(SHA256())
        case ("sha384", nil): self = .sha384(SHA384())
        case ("sha512", nil): self = .sha512(SHA512())
        case ("md5", let key?): self = .hmacMD5(HMAC(key: key))
        case ("sha1", let key?): self = .hmacSHA1(HMAC(key: key))
        case ("sha256", let key?): self = .hmacSHA256(HMAC(key: key))
        case ("sha384", let key?): self = .hmacSHA384(HMAC(key: key))
        case ("sha512", let key?): self = .hmacSHA512(HMAC(key: key))
        default: return nil
        }
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        switch self {
        case .md5(var h): h.update(bufferPointer: bytes); self = .md5(h)
        case .sha1(var h): h.update(bufferPointer: bytes); self = .sha1(h)
        case .sha256(var h): h.update(bufferPointer: bytes); self = .sha256(h)
        case .sha384(var h): h.update(bufferPointer: bytes); self = .sha384(h)
        case .sha512(var h): h.update(bufferPointer: bytes); self = .sha512(h)
        case .hmacMD5(var h): h.update(data: bytes); self = .hmacMD5(h)
        case .hmacSHA1(var h): h.update(data: bytes); self = .hmacSHA1(h)
        case .hmacSHA256(var h): h.update(data: bytes); self = .hmacSHA256(h)
        case .hmacSHA384(var h): h.update(data: bytes); self = .hmacSHA384(h)
        case .hmacSHA512(var h): h.update(data: bytes); self = .hmacSHA512(h)
        }
    }

    func finalize() -> [UInt8] {
        switch self {
        case .md5(let h): return Array(h.finalize())
        case .sha1(let h): return Array(h.finalize())
        case .sha256(let h): return Array(h.finalize())
        case .sha384(let h): return Array(h.finalize())
        case .sha512(let h): return Array(h.finalize())
        case .hmacMD5(let h): return Array(h.finalize())
        case .hmacSHA1(let h): return Array(h.finalize())
        case .hmacSHA256(let h): return Array(h.finalize())
        case .hmacSHA384(let h): return Array(h.finalize())
        case .hmacSHA512(let h): return Array(h.finalize())
        }
    }
}
