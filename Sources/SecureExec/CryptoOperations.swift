import Crypto
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
        default:
            throw GuestError(code: "ERR_SANDBOX_UNKNOWN_OPERATION", message: "unknown bridge operation '\(op)'")
        }
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
