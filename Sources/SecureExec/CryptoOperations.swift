import Crypto
import CryptoExtras
import SecureExecBridge

/// `crypto.*` bridge operations: digests and MACs computed by swift-crypto on the host. Pure
/// computation (no permission); inputs are bounded by the bridge's payload limit.
enum CryptoOperations {
    static func perform(_ op: String, _ args: Arguments, _ binary: [UInt8]?) throws -> BridgeResponse {
        let data = binary ?? []
        switch op {
        case "crypto.hash":
            return .bytes(try digest(try args.string("algorithm"), data))
        case "crypto.hmac":
            // `binary` is the key followed by the data; `keyLength` splits them.
            let keyLength = try args.int("keyLength")
            guard keyLength >= 0, keyLength <= data.count else { throw GuestError.invalidArgument("bad HMAC key length") }
            let key = SymmetricKey(data: data[0..<keyLength])
            let message = data[keyLength...]
            return .bytes(try mac(try args.string("algorithm"), key, message))
        case "crypto.pbkdf2":
            // `binary` is the password followed by the salt.
            let (password, salt) = try split(data, at: try args.int("passwordLength"))
            let iterations = try args.int("iterations")
            let length = try args.int("keylen")
            guard (1...maxPBKDF2Iterations).contains(iterations) else {
                throw GuestError(code: "ERR_OUT_OF_RANGE", message: "The value of \"iterations\" is out of range. It must be >= 1 && <= \(maxPBKDF2Iterations) in this sandbox. Received \(iterations)", name: "RangeError")
            }
            guard (0...maxDerivedBytes).contains(length) else { throw invalidKeyLength() }
            guard length > 0 else { return .bytes([]) }
            let key = try KDF.Insecure.PBKDF2.deriveKey(from: password, salt: salt, using: try pbkdf2Hash(try args.string("digest")),
                                                       outputByteCount: length, unsafeUncheckedRounds: iterations)
            return .bytes(key.withUnsafeBytes { Array($0) })
        case "crypto.hkdf":
            // `binary` is the key material, the salt and the info, in that order.
            let ikmLength = try args.int("ikmLength")
            let saltLength = try args.int("saltLength")
            guard ikmLength >= 0, saltLength >= 0, ikmLength + saltLength <= data.count else { throw GuestError.invalidArgument("bad HKDF lengths") }
            let ikm = SymmetricKey(data: data[0..<ikmLength])
            let salt = data[ikmLength..<(ikmLength + saltLength)]
            let info = data[(ikmLength + saltLength)...]
            let length = try args.int("keylen")
            let digest = normalized(try args.string("digest"))
            let maximum = 255 * (["md5": 16, "sha1": 20, "sha256": 32, "sha384": 48, "sha512": 64][digest] ?? 0)
            guard maximum > 0 else { throw invalidDigest(try args.string("digest")) }
            guard (0...maximum).contains(length) else { throw invalidKeyLength() }
            guard length > 0 else { return .bytes([]) }
            let key: SymmetricKey
            switch digest {
            case "md5": key = HKDF<Insecure.MD5>.deriveKey(inputKeyMaterial: ikm, salt: salt, info: info, outputByteCount: length)
            case "sha1": key = HKDF<Insecure.SHA1>.deriveKey(inputKeyMaterial: ikm, salt: salt, info: info, outputByteCount: length)
            case "sha256": key = HKDF<SHA256>.deriveKey(inputKeyMaterial: ikm, salt: salt, info: info, outputByteCount: length)
            case "sha384": key = HKDF<SHA384>.deriveKey(inputKeyMaterial: ikm, salt: salt, info: info, outputByteCount: length)
            default: key = HKDF<SHA512>.deriveKey(inputKeyMaterial: ikm, salt: salt, info: info, outputByteCount: length)
            }
            return .bytes(key.withUnsafeBytes { Array($0) })
        case "crypto.scrypt":
            let (password, salt) = try split(data, at: try args.int("passwordLength"))
            let length = try args.int("keylen")
            let cost = try args.int("N"), blockSize = try args.int("r"), parallelism = try args.int("p")
            let maxmem = try args.int("maxmem")
            let memory = 128 * cost * blockSize
            guard cost > 1, cost & (cost - 1) == 0, blockSize > 0, parallelism > 0, cost <= 1 << 20,
                  memory <= min(maxmem, maxScryptMemory) else {
                throw GuestError(code: "ERR_CRYPTO_INVALID_SCRYPT_PARAMS", message: "Invalid scrypt params: memory limit exceeded", name: "RangeError")
            }
            guard (0...maxDerivedBytes).contains(length) else { throw invalidKeyLength() }
            guard length > 0 else { return .bytes([]) }
            let key = try KDF.Scrypt.deriveKey(from: password, salt: salt, outputByteCount: length, rounds: cost,
                                               blockSize: blockSize, parallelism: parallelism, maxMemory: maxScryptMemory)
            return .bytes(key.withUnsafeBytes { Array($0) })
        default:
            throw GuestError(code: "ERR_SANDBOX_UNKNOWN_OPERATION", message: "unknown bridge operation '\(op)'")
        }
    }

    /// Key derivation runs in the host, outside the guest's CPU budget: bounded here instead.
    static let maxPBKDF2Iterations = 1_000_000
    static let maxScryptMemory = 64 << 20
    static let maxDerivedBytes = 1 << 20

    private static func split(_ data: [UInt8], at index: Int) throws -> (ArraySlice<UInt8>, ArraySlice<UInt8>) {
        guard index >= 0, index <= data.count else { throw GuestError.invalidArgument("bad payload split") }
        return (data[0..<index], data[index...])
    }

    private static func pbkdf2Hash(_ name: String) throws -> KDF.Insecure.PBKDF2.HashFunction {
        switch normalized(name) {
        case "md5": return .insecureMD5
        case "sha1": return .insecureSHA1
        case "sha224": return .insecureSHA224
        case "sha256": return .sha256
        case "sha384": return .sha384
        case "sha512": return .sha512
        default: throw invalidDigest(name)
        }
    }

    static func invalidDigest(_ name: String) -> GuestError {
        GuestError(code: "ERR_CRYPTO_INVALID_DIGEST", message: "Invalid digest: \(name)", name: "TypeError")
    }

    static func invalidKeyLength() -> GuestError {
        GuestError(code: "ERR_CRYPTO_INVALID_KEYLEN", message: "Invalid key length", name: "RangeError")
    }

    static func digest(_ algorithm: String, _ data: [UInt8]) throws -> [UInt8] {
        switch normalized(algorithm) {
        case "md5": return Array(Insecure.MD5.hash(data: data))
        case "sha1": return Array(Insecure.SHA1.hash(data: data))
        case "sha256": return Array(SHA256.hash(data: data))
        case "sha384": return Array(SHA384.hash(data: data))
        case "sha512": return Array(SHA512.hash(data: data))
        default: throw unsupported(algorithm)
        }
    }

    static func mac(_ algorithm: String, _ key: SymmetricKey, _ data: ArraySlice<UInt8>) throws -> [UInt8] {
        switch normalized(algorithm) {
        case "md5": return Array(HMAC<Insecure.MD5>.authenticationCode(for: data, using: key))
        case "sha1": return Array(HMAC<Insecure.SHA1>.authenticationCode(for: data, using: key))
        case "sha256": return Array(HMAC<SHA256>.authenticationCode(for: data, using: key))
        case "sha384": return Array(HMAC<SHA384>.authenticationCode(for: data, using: key))
        case "sha512": return Array(HMAC<SHA512>.authenticationCode(for: data, using: key))
        default: throw unsupported(algorithm)
        }
    }

    /// Node accepts `sha256`, `SHA256`, `sha-256`, `RSA-SHA256`.
    static func normalized(_ algorithm: String) -> String {
        var name = algorithm.lowercased()
        if name.hasPrefix("rsa-") { name.removeFirst(4) }
        return name.replacingOccurrences(of: "-", with: "")
    }

    static func unsupported(_ algorithm: String) -> GuestError {
        GuestError(code: "ERR_OSSL_EVP_UNSUPPORTED", message: "Digest method not supported", name: "Error")
    }
}
