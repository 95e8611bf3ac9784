import Crypto
import CryptoExtras
import Foundation
import SecureExecBridge

/// `crypto.cipher` and `crypto.aeadTag`: the stateless block operations behind the guest's
/// `Cipheriv`/`Decipheriv`. The guest keeps every piece of state (buffered partial blocks, the CBC
/// chaining block, the stream offset, the ciphertext an AEAD tag covers) and sends the key with each
/// call; the host never holds key material between calls.
///
/// Every call carries `keyLength`, `ivLength` (and `aadLength` for tags) so the payload
/// `key ‖ iv ‖ aad ‖ data` can be split; every length is validated here again.
enum CryptoCipherOperations {
    /// Largest input of one call (the guest buffers at most this much for one AEAD message).
    static let maxDataBytes = 64 << 20

    static func perform(_ op: String, _ args: Arguments, _ binary: [UInt8]?) throws -> BridgeResponse {
        let payload = binary ?? []
        let keyLength = try args.int("keyLength"), ivLength = try args.int("ivLength")
        let aadLength = op == "crypto.aeadTag" ? try args.int("aadLength") : 0
        guard keyLength >= 0, ivLength >= 0, aadLength >= 0, keyLength + ivLength + aadLength <= payload.count,
              payload.count - keyLength - ivLength - aadLength <= maxDataBytes else {
            throw GuestError.invalidArgument("bad cipher payload")
        }
        let key = Array(payload[0..<keyLength])
        let iv = Array(payload[keyLength..<(keyLength + ivLength)])
        let aad = Array(payload[(keyLength + ivLength)..<(keyLength + ivLength + aadLength)])
        let data = Array(payload[(keyLength + ivLength + aadLength)...])
        let mode = try args.string("mode")
        switch mode {
        case "aes-ecb", "aes-cbc", "aes-ctr", "aes-gcm", "aes-kw":
            guard [16, 24, 32].contains(key.count) else { throw invalidKeyLength() }
        case "chacha20-poly1305":
            guard key.count == 32 else { throw invalidKeyLength() }
            guard iv.count == 12 else { throw invalidIV() }
        default:
            throw GuestError(code: "ERR_CRYPTO_UNKNOWN_CIPHER", message: "Unknown cipher")
        }
        let symmetricKey = SymmetricKey(data: key)
        if op == "crypto.aeadTag" {
            switch mode {
            case "aes-gcm": return .bytes(try gcmTag(symmetricKey, iv: iv, aad: aad, ciphertext: data))
            case "chacha20-poly1305":
                let plaintext = try chachaStream(symmetricKey, nonce: iv, offset: 0, data)
                let box = try ChaChaPoly.seal(plaintext, using: symmetricKey, nonce: try ChaChaPoly.Nonce(data: iv), authenticating: aad)
                return .bytes(Array(box.tag))
            default: throw GuestError.invalidArgument("not an AEAD mode")
            }
        }
        let offset = try args.int("offset")
        guard offset >= 0, offset <= 1 << 48 else { throw GuestError.invalidArgument("bad stream offset") }
        let decrypt = args.bool("decrypt") ?? false
        switch mode {
        case "aes-ecb":
            guard data.count % 16 == 0 else { throw GuestError.invalidArgument("partial block") }
            var out = data
            for start in stride(from: 0, to: out.count, by: 16) {
                var block = out[start..<(start + 16)]
                if decrypt { try AES.inversePermute(&block, key: symmetricKey) } else { try AES.permute(&block, key: symmetricKey) }
                out.replaceSubrange(start..<(start + 16), with: block)
            }
            return .bytes(out)
        case "aes-kw":
            return .bytes(decrypt ? try keyUnwrap(symmetricKey, data) : try keyWrap(symmetricKey, data))
        case "aes-cbc":
            guard iv.count == 16 else { throw invalidIV() }
            guard data.count % 16 == 0 else { throw GuestError.invalidArgument("partial block") }
            guard !data.isEmpty else { return .bytes([]) }
            let cbcIV = try AES._CBC.IV(ivBytes: iv)
            let out = decrypt
                ? try AES._CBC.decrypt(data, using: symmetricKey, iv: cbcIV, noPadding: true)
                : try AES._CBC.encrypt(data, using: symmetricKey, iv: cbcIV, noPadding: true)
            return .bytes(Array(out))
        case "aes-ctr":
            guard iv.count == 16 else { throw invalidIV() }
            return .bytes(try aesCounter(symmetricKey, start: add(iv, offset / 16, wrap32: false), skip: offset % 16, data, wrap32: false))
        case "aes-gcm":
            guard !iv.isEmpty else { throw invalidIV() }
            let first = add(try gcmJ0(symmetricKey, iv: iv), 1 + offset / 16, wrap32: true)
            return .bytes(try aesCounter(symmetricKey, start: first, skip: offset % 16, data, wrap32: true))
        default:
            return .bytes(try chachaStream(symmetricKey, nonce: iv, offset: offset, data))
        }
    }

    /// RFC 3394 AES key wrap with the default initial value.
    static let keyWrapIV: [UInt8] = [0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6, 0xa6]

    static func keyWrapFailed() -> GuestError {
        GuestError(code: "ERR_CRYPTO_OPERATION_FAILED", message: "AES key wrap failed")
    }

    static func keyWrap(_ key: SymmetricKey, _ plaintext: [UInt8]) throws -> [UInt8] {
        guard plaintext.count >= 16, plaintext.count % 8 == 0 else { throw keyWrapFailed() }
        let n = plaintext.count / 8
        var a = keyWrapIV
        var r = (0..<n).map { Array(plaintext[($0 * 8)..<($0 * 8 + 8)]) }
        for j in 0..<6 {
            for i in 0..<n {
                var block = a + r[i]
                try AES.permute(&block, key: key)
                let t = UInt64(n * j + i + 1)
                a = Array(block[0..<8])
                for k in 0..<8 { a[k] ^= UInt8((t >> (56 - 8 * UInt64(k))) & 0xff) }
                r[i] = Array(block[8..<16])
            }
        }
        return a + r.flatMap { $0 }
    }

    static func keyUnwrap(_ key: SymmetricKey, _ ciphertext: [UInt8]) throws -> [UInt8] {
        guard ciphertext.count >= 24, ciphertext.count % 8 == 0 else { throw keyWrapFailed() }
        let n = ciphertext.count / 8 - 1
        var a = Array(ciphertext[0..<8])
        var r = (0..<n).map { Array(ciphertext[(8 + $0 * 8)..<(16 + $0 * 8)]) }
        for j in stride(from: 5, through: 0, by: -1) {
            for i in stride(from: n - 1, through: 0, by: -1) {
                let t = UInt64(n * j + i + 1)
                for k in 0..<8 { a[k] ^= UInt8((t >> (56 - 8 * UInt64(k))) & 0xff) }
                var block = a + r[i]
                try AES.inversePermute(&block, key: key)
                a = Array(block[0..<8])
                r[i] = Array(block[8..<16])
            }
        }
        // Constant-time comparison of the recovered initial value.
        guard zip(a, keyWrapIV).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0 else { throw keyWrapFailed() }
        return r.flatMap { $0 }
    }

    static func invalidKeyLength() -> GuestError {
        GuestError(code: "ERR_CRYPTO_INVALID_KEYLEN", message: "Invalid key length", name: "RangeError")
    }

    static func invalidIV() -> GuestError {
        GuestError(code: "ERR_CRYPTO_INVALID_IV", message: "Invalid initialization vector", name: "TypeError")
    }

    /// `block + n`, as a 128-bit big-endian counter or (GCM's inc32) on its low 32 bits only.
    static func add(_ block: [UInt8], _ n: Int, wrap32: Bool) -> [UInt8] {
        var out = block
        var carry = UInt64(n)
        var index = 15
        let lowest = wrap32 ? 12 : 0
        while carry > 0, index >= lowest {
            let sum = UInt64(out[index]) + (carry & 0xff)
            out[index] = UInt8(sum & 0xff)
            carry = (carry >> 8) + (sum >> 8)
            index -= 1
        }
        return out
    }

    /// XORs `data` with the AES keystream of the counter blocks from `start`, dropping the first
    /// `skip` keystream bytes. With `wrap32` the counter wraps in its low 32 bits (GCM).
    static func aesCounter(_ key: SymmetricKey, start: [UInt8], skip: Int, _ data: [UInt8], wrap32: Bool) throws -> [UInt8] {
        guard !data.isEmpty else { return [] }
        var out: [UInt8] = []
        out.reserveCapacity(data.count)
        var counter = start
        var skip = skip
        var position = 0
        while position < data.count {
            // Blocks usable before the low 32 bits wrap (a 128-bit counter carries past them).
            let low = (UInt64(counter[12]) << 24) | (UInt64(counter[13]) << 16) | (UInt64(counter[14]) << 8) | UInt64(counter[15])
            let blocks = wrap32 ? Int(min((1 << 32) - low, UInt64(Int.max / 32))) : Int.max / 32
            let take = min(data.count - position, blocks * 16 - skip)
            var chunk = [UInt8](repeating: 0, count: skip)
            chunk.append(contentsOf: data[position..<(position + take)])
            let encrypted = try AES._CTR.encrypt(chunk, using: key, nonce: try AES._CTR.Nonce(nonceBytes: counter))
            out.append(contentsOf: encrypted.dropFirst(skip))
            position += take
            counter = add(counter, (skip + take + 15) / 16, wrap32: wrap32)
            skip = 0
        }
        return out
    }

    /// GHASH of (aad, ciphertext) under `key`, obtained from swift-crypto's GCM with a fixed
    /// 12-byte nonce: the tag of that seal is GHASH ⊕ E(K, nonce‖1).
    static func ghash(_ key: SymmetricKey, aad: [UInt8], ciphertext: [UInt8]) throws -> [UInt8] {
        let base = [UInt8](repeating: 0, count: 12) + [0, 0, 0, 1]
        let plaintext = try aesCounter(key, start: add(base, 1, wrap32: true), skip: 0, ciphertext, wrap32: true)
        let box = try AES.GCM.seal(plaintext, using: key, nonce: try AES.GCM.Nonce(data: base[0..<12]), authenticating: aad)
        var mask = base
        try AES.permute(&mask, key: key)
        return zip(Array(box.tag), mask).map { $0 ^ $1 }
    }

    /// GCM's pre-counter block J0: `iv‖0001` for 96-bit IVs, GHASH(iv) otherwise.
    static func gcmJ0(_ key: SymmetricKey, iv: [UInt8]) throws -> [UInt8] {
        if iv.count == 12 { return iv + [0, 0, 0, 1] }
        return try ghash(key, aad: [], ciphertext: iv)
    }

    static func gcmTag(_ key: SymmetricKey, iv: [UInt8], aad: [UInt8], ciphertext: [UInt8]) throws -> [UInt8] {
        var mask = try gcmJ0(key, iv: iv)
        try AES.permute(&mask, key: key)
        return zip(try ghash(key, aad: aad, ciphertext: ciphertext), mask).map { $0 ^ $1 }
    }

    /// ChaCha20 keystream XOR as ChaCha20-Poly1305 uses it (block counter starting at 1).
    static func chachaStream(_ key: SymmetricKey, nonce: [UInt8], offset: Int, _ data: [UInt8]) throws -> [UInt8] {
        guard !data.isEmpty else { return [] }
        let skip = offset % 64
        let chunk = [UInt8](repeating: 0, count: skip) + data
        guard let block = UInt32(exactly: 1 + offset / 64) else { throw GuestError.invalidArgument("ChaCha20 counter overflow") }
        let counter = try Insecure.ChaCha20CTR.Counter(offset: block)
        let out = try Insecure.ChaCha20CTR.encrypt(chunk, using: key, counter: counter, nonce: try Insecure.ChaCha20CTR.Nonce(data: nonce))
        return Array(out.dropFirst(skip))
    }
}
