import Foundation
import SecureExecBridge

/// A minimal DER reader and writer for the key containers the crypto bridge handles (PKCS#8,
/// SubjectPublicKeyInfo, PKCS#1, SEC1). Every read is bounds-checked; malformed input throws.
struct DERNode: Sendable {
    var tag: UInt8
    var content: ArraySlice<UInt8>

    static let sequence: UInt8 = 0x30
    static let integer: UInt8 = 0x02
    static let bitString: UInt8 = 0x03
    static let octetString: UInt8 = 0x04
    static let null: UInt8 = 0x05
    static let oid: UInt8 = 0x06

    /// Parses one element at the start of `bytes`; returns it and the rest.
    static func read(_ bytes: ArraySlice<UInt8>) throws -> (DERNode, ArraySlice<UInt8>) {
        var index = bytes.startIndex
        guard index < bytes.endIndex else { throw malformed() }
        let tag = bytes[index]
        index += 1
        guard index < bytes.endIndex else { throw malformed() }
        var length = Int(bytes[index])
        index += 1
        if length & 0x80 != 0 {
            let count = length & 0x7f
            guard (1...4).contains(count), bytes.endIndex - index >= count else { throw malformed() }
            length = 0
            for _ in 0..<count {
                length = (length << 8) | Int(bytes[index])
                index += 1
            }
        }
        guard length >= 0, bytes.endIndex - index >= length else { throw malformed() }
        return (DERNode(tag: tag, content: bytes[index..<(index + length)]), bytes[(index + length)...])
    }

    /// Parses `bytes` as exactly one element.
    static func parse(_ bytes: [UInt8]) throws -> DERNode {
        let (node, rest) = try read(bytes[...])
        guard rest.isEmpty else { throw malformed() }
        return node
    }

    /// The elements of a constructed node.
    func children() throws -> [DERNode] {
        var rest = content
        var out: [DERNode] = []
        while !rest.isEmpty {
            let (node, next) = try DERNode.read(rest)
            out.append(node)
            rest = next
            guard out.count <= 64 else { throw DERNode.malformed() }
        }
        return out
    }

    func expect(_ tag: UInt8) throws -> DERNode {
        guard self.tag == tag else { throw DERNode.malformed() }
        return self
    }

    /// An unsigned big-endian integer without leading zero bytes.
    var unsignedInteger: [UInt8] {
        var bytes = Array(content)
        while bytes.count > 1, bytes[0] == 0 { bytes.removeFirst() }
        return bytes
    }

    static func malformed() -> GuestError {
        GuestError(code: "ERR_OSSL_UNSUPPORTED", message: "error:1E08010C:DECODER routines::unsupported")
    }

    // MARK: writing

    static func encode(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        var out = [tag]
        let n = content.count
        if n < 0x80 {
            out.append(UInt8(n))
        } else {
            var lengthBytes: [UInt8] = []
            var value = n
            while value > 0 {
                lengthBytes.insert(UInt8(value & 0xff), at: 0)
                value >>= 8
            }
            out.append(0x80 | UInt8(lengthBytes.count))
            out += lengthBytes
        }
        return out + content
    }

    static func sequence(_ parts: [[UInt8]]) -> [UInt8] { encode(sequence, parts.flatMap { $0 }) }

    /// A non-negative INTEGER from unsigned big-endian bytes.
    static func integer(_ unsigned: [UInt8]) -> [UInt8] {
        var bytes = Array(unsigned.drop { $0 == 0 })
        if bytes.isEmpty { bytes = [0] }
        if bytes[0] & 0x80 != 0 { bytes.insert(0, at: 0) }
        return encode(integer, bytes)
    }
}

/// Object identifiers (DER content bytes) the crypto bridge recognises.
enum CryptoOID {
    static let rsaEncryption: [UInt8] = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01]
    static let rsaPSS: [UInt8] = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a]
    static let ecPublicKey: [UInt8] = [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]
    static let p256: [UInt8] = [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]
    static let p384: [UInt8] = [0x2b, 0x81, 0x04, 0x00, 0x22]
    static let p521: [UInt8] = [0x2b, 0x81, 0x04, 0x00, 0x23]
    static let ed25519: [UInt8] = [0x2b, 0x65, 0x70]
    static let x25519: [UInt8] = [0x2b, 0x65, 0x6e]

    static func curve(_ oid: [UInt8]) -> String? {
        switch oid {
        case p256: return "prime256v1"
        case p384: return "secp384r1"
        case p521: return "secp521r1"
        default: return nil
        }
    }

    static func curveOID(_ name: String) -> [UInt8]? {
        switch name {
        case "prime256v1": return p256
        case "secp384r1": return p384
        case "secp521r1": return p521
        default: return nil
        }
    }
}
