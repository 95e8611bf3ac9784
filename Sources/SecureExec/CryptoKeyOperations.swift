import Crypto
import CryptoExtras
import Foundation
import SecureExecBridge

/// Asymmetric-key bridge operations (`crypto.key*`, `crypto.sign`, `crypto.verify`,
/// `crypto.rsaCipher`, `crypto.deriveShared`, `crypto.ecdhRaw`). Stateless: the guest keeps every
/// key as canonical DER (PKCS#8 for private keys, SubjectPublicKeyInfo for public keys) and passes
/// it with each call; nothing about a key survives a call on the host. Sizes are bounded here:
/// RSA moduli 1024…8192 bits, key containers ≤ 16 KiB.
enum CryptoKeyOperations {
    static let maxKeyBytes = 16 << 10
    static let maxRSABits = 8192
    static let minRSABits = 1024
    static let maxConcurrentRSAGenerations = 2
    static let rsaGate = ConcurrencyGate(limit: maxConcurrentRSAGenerations)

    static func perform(_ op: String, _ args: Arguments, _ binary: [UInt8]?) async throws -> BridgeResponse {
        let payload = binary ?? []
        switch op {
        case "crypto.keyGenerate":
            let type = try args.string("type")
            let exponent = try? args.int("publicExponent")
            let curve = try args.optionalString("namedCurve")
            if type == "rsa" {
                let bits = try args.int("modulusLength")
                // RSA generation is slow (seconds at 8192 bits) and outside the guest's CPU budget:
                // it runs off the thread serving bridge calls, at most `maxConcurrentRSAGenerations`
                // at a time in this process, the rest waiting their turn.
                await rsaGate.enter()
                defer { Task { await rsaGate.leave() } }
                return try await BlockingWork.run { try generate(type, bits: bits, exponent: exponent, curve: nil) }
            }
            return try await BlockingWork.run { try generate(type, bits: 0, exponent: nil, curve: curve) }
        case "crypto.keyInfo":
            guard payload.count <= maxKeyBytes else { throw unsupportedKey() }
            let key = try ParsedKey.parse(payload, isPrivate: try args.string("kind") == "private", container: try args.optionalString("type"))
            return .value(key.info)
        case "crypto.keyFromJwk":
            return .value(try ParsedKey.fromJWK(args).info)
        case "crypto.keyExport":
            let key = try ParsedKey.parse(payload, isPrivate: try args.string("kind") == "private", container: nil)
            return try key.export(try args.string("format"))
        case "crypto.sign", "crypto.verify":
            let keyLength = try args.int("keyLength")
            let signatureLength = op == "crypto.verify" ? try args.int("signatureLength") : 0
            guard keyLength >= 0, signatureLength >= 0, keyLength + signatureLength <= payload.count, keyLength <= maxKeyBytes else {
                throw GuestError.invalidArgument("bad signature payload")
            }
            let key = try ParsedKey.parse(Array(payload[0..<keyLength]), isPrivate: op == "crypto.sign", container: nil)
            let signature = Array(payload[keyLength..<(keyLength + signatureLength)])
            let data = Array(payload[(keyLength + signatureLength)...])
            let options = SignatureOptions(digest: try args.optionalString("digest"), pss: (try? args.int("padding")) == 6,
                                           saltLength: try? args.int("saltLength"), p1363: try args.optionalString("dsaEncoding") == "ieee-p1363")
            if op == "crypto.sign" { return .bytes(try key.sign(data, options)) }
            return .value(.bool(try key.verify(signature, data, options)))
        case "crypto.ecPoint":
            // An EC public point between its uncompressed (04‖x‖y) and compressed (02/03‖x) forms.
            guard payload.count <= 200 else { throw badPoint() }
            let compressed = args.bool("compressed") ?? false
            func convert<K>(_ x963: (Data) throws -> K, _ compact: (Data) throws -> K, _ out: (K) -> (Data, Data)) throws -> [UInt8] {
                let data = Data(payload)
                let key = try (payload.first == 0x04 ? x963(data) : compact(data))
                let (uncompressedForm, compressedForm) = out(key)
                return Array(compressed ? compressedForm : uncompressedForm)
            }
            do {
                switch try args.string("curve") {
                case "prime256v1":
                    return .bytes(try convert({ try P256.KeyAgreement.PublicKey(x963Representation: $0) }, { try P256.KeyAgreement.PublicKey(compressedRepresentation: $0) },
                                              { ($0.x963Representation, $0.compressedRepresentation) }))
                case "secp384r1":
                    return .bytes(try convert({ try P384.KeyAgreement.PublicKey(x963Representation: $0) }, { try P384.KeyAgreement.PublicKey(compressedRepresentation: $0) },
                                              { ($0.x963Representation, $0.compressedRepresentation) }))
                case "secp521r1":
                    return .bytes(try convert({ try P521.KeyAgreement.PublicKey(x963Representation: $0) }, { try P521.KeyAgreement.PublicKey(compressedRepresentation: $0) },
                                              { ($0.x963Representation, $0.compressedRepresentation) }))
                default:
                    throw GuestError(code: "ERR_CRYPTO_INVALID_CURVE", message: "Invalid EC curve name", name: "TypeError")
                }
            } catch let error as GuestError {
                throw error
            } catch {
                throw badPoint()
            }
        case "crypto.rsaRaw":
            // The RSA private-key primitive on a message the guest padded (RSA-PSS with any salt
            // length): m^d mod n, through swift-crypto's blind-signing API (RSA_sign_raw).
            let keyLength = try args.int("keyLength")
            guard keyLength >= 0, keyLength <= payload.count, keyLength <= maxKeyBytes else { throw GuestError.invalidArgument("bad payload") }
            let key = try ParsedKey.parse(Array(payload[0..<keyLength]), isPrivate: true, container: nil)
            guard case .rsaPrivate(let k) = key.material else { throw GuestError.invalidArgument("not an RSA private key") }
            do {
                let raw = try _RSA.BlindSigning.PrivateKey(unsafeDERRepresentation: k.derRepresentation)
                return .bytes(Array(try raw.blindSignature(for: Array(payload[keyLength...])).rawRepresentation))
            } catch {
                throw GuestError(code: "ERR_OSSL_RSA_DATA_TOO_LARGE_FOR_MODULUS", message: "error:0200006C:rsa routines::data too large for modulus")
            }
        case "crypto.rsaCipher":
            let keyLength = try args.int("keyLength")
            guard keyLength >= 0, keyLength <= payload.count, keyLength <= maxKeyBytes else { throw GuestError.invalidArgument("bad payload") }
            let decrypt = args.bool("decrypt") ?? false
            let key = try ParsedKey.parse(Array(payload[0..<keyLength]), isPrivate: decrypt, container: nil)
            return .bytes(try key.rsaCipher(Array(payload[keyLength...]), decrypt: decrypt, hash: try args.optionalString("oaepHash") ?? "sha1"))
        case "crypto.deriveShared":
            let keyLength = try args.int("keyLength")
            guard keyLength >= 0, keyLength <= payload.count, keyLength <= maxKeyBytes, payload.count - keyLength <= maxKeyBytes else {
                throw GuestError.invalidArgument("bad payload")
            }
            let mine = try ParsedKey.parse(Array(payload[0..<keyLength]), isPrivate: true, container: nil)
            let peer = try ParsedKey.parse(Array(payload[keyLength...]), isPrivate: false, container: nil)
            return .bytes(try mine.sharedSecret(with: peer))
        default:
            throw GuestError(code: "ERR_SANDBOX_UNKNOWN_OPERATION", message: "unknown bridge operation '\(op)'")
        }
    }

    static func generate(_ type: String, bits: Int, exponent: Int?, curve: String?) throws -> BridgeResponse {
        let privateDER: [UInt8]
        switch type {
        case "rsa":
            guard (minRSABits...maxRSABits).contains(bits) else {
                throw GuestError(code: "ERR_OUT_OF_RANGE", message: "The value of \"options.modulusLength\" is out of range. It must be >= \(minRSABits) && <= \(maxRSABits) in this sandbox. Received \(bits)", name: "RangeError")
            }
            if let exponent, exponent != 65537 {
                throw GuestError(code: "ERR_NOT_SUPPORTED_IN_SANDBOX", message: "crypto.generateKeyPair: only publicExponent 65537 is supported in sandbox")
            }
            privateDER = Array(try _RSA.Signing.PrivateKey(unsafeKeySize: .init(bitCount: bits)).pkcs8DERRepresentation)
        case "ec":
            switch curve ?? "" {
            case "prime256v1", "P-256": privateDER = Array(P256.Signing.PrivateKey().derRepresentation)
            case "secp384r1", "P-384": privateDER = Array(P384.Signing.PrivateKey().derRepresentation)
            case "secp521r1", "P-521": privateDER = Array(P521.Signing.PrivateKey().derRepresentation)
            default: throw GuestError(code: "ERR_CRYPTO_INVALID_CURVE", message: "Invalid EC curve name", name: "TypeError")
            }
        case "ed25519": privateDER = Array(Curve25519.Signing.PrivateKey().derRepresentation)
        case "x25519": privateDER = Array(Curve25519.KeyAgreement.PrivateKey().derRepresentation)
        default:
            throw GuestError(code: "ERR_NOT_SUPPORTED_IN_SANDBOX", message: "crypto.generateKeyPair: key type '\(type)' is not supported in sandbox")
        }
        return .value(try ParsedKey.parse(privateDER, isPrivate: true, container: nil).info)
    }

    static func unsupportedKey() -> GuestError { DERNode.malformed() }

    static func badPoint() -> GuestError {
        GuestError(code: "ERR_CRYPTO_OPERATION_FAILED", message: "Failed to convert Buffer to EC_POINT")
    }

    static func base64url(_ bytes: some Sequence<UInt8>) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func fromBase64url(_ text: String) throws -> [UInt8] {
        var s = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while s.count % 4 != 0 { s += "=" }
        guard s.utf8.count <= maxKeyBytes * 2, let data = Data(base64Encoded: s) else { throw invalidJWK() }
        return Array(data)
    }

    static func invalidJWK() -> GuestError {
        GuestError(code: "ERR_CRYPTO_INVALID_JWK", message: "Invalid JWK data", name: "TypeError")
    }
}

/// A counting semaphore for async work: `enter()` waits (FIFO) while `limit` holders are inside.
actor ConcurrencyGate {
    private let limit: Int
    private var inside = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { self.limit = limit }

    func enter() async {
        if inside < limit {
            inside += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty {
            inside -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}

struct SignatureOptions {
    var digest: String?
    var pss: Bool
    var saltLength: Int?
    var p1363: Bool
}

/// One parsed key: its algorithm and its canonical DER.
struct ParsedKey {
    enum Material {
        case rsaPrivate(_RSA.Signing.PrivateKey), rsaPublic(_RSA.Signing.PublicKey)
        case p256Private(P256.Signing.PrivateKey), p256Public(P256.Signing.PublicKey)
        case p384Private(P384.Signing.PrivateKey), p384Public(P384.Signing.PublicKey)
        case p521Private(P521.Signing.PrivateKey), p521Public(P521.Signing.PublicKey)
        case ed25519Private(Curve25519.Signing.PrivateKey), ed25519Public(Curve25519.Signing.PublicKey)
        case x25519Private(Curve25519.KeyAgreement.PrivateKey), x25519Public(Curve25519.KeyAgreement.PublicKey)
    }

    var material: Material

    static func parse(_ der: [UInt8], isPrivate: Bool, container: String?) throws -> ParsedKey {
        guard der.count <= CryptoKeyOperations.maxKeyBytes else { throw DERNode.malformed() }
        do {
            return try parseUnchecked(der, isPrivate: isPrivate, container: container)
        } catch let error as GuestError {
            throw error
        } catch {
            throw DERNode.malformed()
        }
    }

    private static func checkRSA(_ bits: Int) throws {
        guard (CryptoKeyOperations.minRSABits...CryptoKeyOperations.maxRSABits).contains(bits) else {
            throw GuestError(code: "ERR_NOT_SUPPORTED_IN_SANDBOX", message: "RSA keys of \(bits) bits are not supported in sandbox (1024…8192)")
        }
    }

    private static func parseUnchecked(_ der: [UInt8], isPrivate: Bool, container: String?) throws -> ParsedKey {
        let root = try DERNode.parse(der).expect(DERNode.sequence)
        let parts = try root.children()
        if container == "pkcs1" {
            if isPrivate {
                let key = try _RSA.Signing.PrivateKey(unsafeDERRepresentation: der)
                try checkRSA(key.keySizeInBits)
                return ParsedKey(material: .rsaPrivate(key))
            }
            let key = try _RSA.Signing.PublicKey(unsafeDERRepresentation: der)
            try checkRSA(key.keySizeInBits)
            return ParsedKey(material: .rsaPublic(key))
        }
        if container == "sec1" {
            guard isPrivate else { throw DERNode.malformed() }
            var curve: [UInt8]?
            for part in parts where part.tag == 0xa0 {
                curve = Array(try DERNode.parse(Array(part.content)).expect(DERNode.oid).content)
            }
            return try ecPrivate(der, curve: curve)
        }
        if isPrivate {
            // PKCS#8: version, AlgorithmIdentifier, privateKey.
            guard parts.count >= 3 else { throw DERNode.malformed() }
            let algorithm = try parts[1].expect(DERNode.sequence).children()
            guard let oidNode = algorithm.first else { throw DERNode.malformed() }
            let oid = Array(try oidNode.expect(DERNode.oid).content)
            switch oid {
            case CryptoOID.rsaEncryption:
                let key = try _RSA.Signing.PrivateKey(unsafeDERRepresentation: der)
                try checkRSA(key.keySizeInBits)
                return ParsedKey(material: .rsaPrivate(key))
            case CryptoOID.ecPublicKey:
                guard algorithm.count >= 2 else { throw DERNode.malformed() }
                return try ecPrivate(der, curve: Array(try algorithm[1].expect(DERNode.oid).content))
            case CryptoOID.ed25519:
                return ParsedKey(material: .ed25519Private(try Curve25519.Signing.PrivateKey(derRepresentation: der)))
            case CryptoOID.x25519:
                return ParsedKey(material: .x25519Private(try Curve25519.KeyAgreement.PrivateKey(derRepresentation: der)))
            default:
                throw unsupportedAlgorithm()
            }
        }
        // SubjectPublicKeyInfo: AlgorithmIdentifier, subjectPublicKey.
        guard parts.count == 2 else { throw DERNode.malformed() }
        let algorithm = try parts[0].expect(DERNode.sequence).children()
        guard let oidNode = algorithm.first else { throw DERNode.malformed() }
        switch Array(try oidNode.expect(DERNode.oid).content) {
        case CryptoOID.rsaEncryption:
            let key = try _RSA.Signing.PublicKey(unsafeDERRepresentation: der)
            try checkRSA(key.keySizeInBits)
            return ParsedKey(material: .rsaPublic(key))
        case CryptoOID.ecPublicKey:
            guard algorithm.count >= 2 else { throw DERNode.malformed() }
            switch Array(try algorithm[1].expect(DERNode.oid).content) {
            case CryptoOID.p256: return ParsedKey(material: .p256Public(try P256.Signing.PublicKey(derRepresentation: der)))
            case CryptoOID.p384: return ParsedKey(material: .p384Public(try P384.Signing.PublicKey(derRepresentation: der)))
            case CryptoOID.p521: return ParsedKey(material: .p521Public(try P521.Signing.PublicKey(derRepresentation: der)))
            default: throw unsupportedAlgorithm()
            }
        case CryptoOID.ed25519:
            return ParsedKey(material: .ed25519Public(try Curve25519.Signing.PublicKey(derRepresentation: der)))
        case CryptoOID.x25519:
            return ParsedKey(material: .x25519Public(try Curve25519.KeyAgreement.PublicKey(derRepresentation: der)))
        default:
            throw unsupportedAlgorithm()
        }
    }

    private static func ecPrivate(_ der: [UInt8], curve: [UInt8]?) throws -> ParsedKey {
        switch curve {
        case CryptoOID.p256: return ParsedKey(material: .p256Private(try P256.Signing.PrivateKey(derRepresentation: der)))
        case CryptoOID.p384: return ParsedKey(material: .p384Private(try P384.Signing.PrivateKey(derRepresentation: der)))
        case CryptoOID.p521: return ParsedKey(material: .p521Private(try P521.Signing.PrivateKey(derRepresentation: der)))
        default: throw unsupportedAlgorithm()
        }
    }

    static func unsupportedAlgorithm() -> GuestError {
        GuestError(code: "ERR_NOT_SUPPORTED_IN_SANDBOX", message: "this key algorithm is not supported in sandbox (rsa, ec P-256/P-384/P-521, ed25519, x25519)")
    }

    var isPrivate: Bool {
        switch material {
        case .rsaPrivate, .p256Private, .p384Private, .p521Private, .ed25519Private, .x25519Private: return true
        default: return false
        }
    }

    var asymmetricKeyType: String {
        switch material {
        case .rsaPrivate, .rsaPublic: return "rsa"
        case .p256Private, .p256Public, .p384Private, .p384Public, .p521Private, .p521Public: return "ec"
        case .ed25519Private, .ed25519Public: return "ed25519"
        case .x25519Private, .x25519Public: return "x25519"
        }
    }

    var namedCurve: String? {
        switch material {
        case .p256Private, .p256Public: return "prime256v1"
        case .p384Private, .p384Public: return "secp384r1"
        case .p521Private, .p521Public: return "secp521r1"
        default: return nil
        }
    }

    var canonicalDER: [UInt8] {
        switch material {
        case .rsaPrivate(let k): return Array(k.pkcs8DERRepresentation)
        case .rsaPublic(let k): return Array(k.derRepresentation)
        case .p256Private(let k): return Array(k.derRepresentation)
        case .p256Public(let k): return Array(k.derRepresentation)
        case .p384Private(let k): return Array(k.derRepresentation)
        case .p384Public(let k): return Array(k.derRepresentation)
        case .p521Private(let k): return Array(k.derRepresentation)
        case .p521Public(let k): return Array(k.derRepresentation)
        case .ed25519Private(let k): return Array(k.derRepresentation)
        case .ed25519Public(let k): return Array(k.derRepresentation)
        case .x25519Private(let k): return Array(k.derRepresentation)
        case .x25519Public(let k): return Array(k.derRepresentation)
        }
    }

    var publicKey: ParsedKey {
        switch material {
        case .rsaPrivate(let k): return ParsedKey(material: .rsaPublic(k.publicKey))
        case .p256Private(let k): return ParsedKey(material: .p256Public(k.publicKey))
        case .p384Private(let k): return ParsedKey(material: .p384Public(k.publicKey))
        case .p521Private(let k): return ParsedKey(material: .p521Public(k.publicKey))
        case .ed25519Private(let k): return ParsedKey(material: .ed25519Public(k.publicKey))
        case .x25519Private(let k): return ParsedKey(material: .x25519Public(k.publicKey))
        default: return self
        }
    }

    /// What the guest's KeyObject needs: type, details, canonical DER (and the public half).
    var info: JSONValue {
        var o: [String: JSONValue] = [
            "asymmetricKeyType": .string(asymmetricKeyType),
            "der": .string(Data(canonicalDER).base64EncodedString()),
            "kind": .string(isPrivate ? "private" : "public"),
        ]
        if isPrivate { o["publicDer"] = .string(Data(publicKey.canonicalDER).base64EncodedString()) }
        if let namedCurve { o["namedCurve"] = .string(namedCurve) }
        if case .rsaPublic(let k) = publicKey.material, let primitives = try? k.getKeyPrimitives() {
            o["modulusLength"] = .number(Double(k.keySizeInBits))
            o["publicExponent"] = .string(primitives.publicExponent.map { String(format: "%02x", $0) }.joined())
        }
        return .object(o)
    }

    // MARK: export

    func export(_ format: String) throws -> BridgeResponse {
        switch (format, material) {
        case ("pkcs1", .rsaPrivate(let k)): return .bytes(Array(k.derRepresentation))
        case ("pkcs1", .rsaPublic(let k)): return .bytes(Array(k.pkcs1DERRepresentation))
        case ("sec1", _) where isPrivate && namedCurve != nil:
            guard let curve = namedCurve.flatMap(CryptoOID.curveOID), let jwk = try jwkFields(),
                  let d = jwk["d"], let x = jwk["x"], let y = jwk["y"] else { throw DERNode.malformed() }
            let point = [0x04] + (try CryptoKeyOperations.fromBase64url(x)) + (try CryptoKeyOperations.fromBase64url(y))
            let sec1 = DERNode.sequence([
                DERNode.encode(DERNode.integer, [1]),
                DERNode.encode(DERNode.octetString, try CryptoKeyOperations.fromBase64url(d)),
                DERNode.encode(0xa0, DERNode.encode(DERNode.oid, curve)),
                DERNode.encode(0xa1, DERNode.encode(DERNode.bitString, [0] + point)),
            ])
            return .bytes(sec1)
        case ("jwk", _):
            guard let fields = try jwkFields() else { throw DERNode.malformed() }
            return .value(.object(fields.mapValues { .string($0) }))
        default:
            throw GuestError(code: "ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS", message: "The selected key encoding \(format) can only be used for \(format == "pkcs1" ? "RSA" : "EC") keys.", name: "Error")
        }
    }

    private func jwkFields() throws -> [String: String]? {
        func b(_ bytes: some Sequence<UInt8>) -> String { CryptoKeyOperations.base64url(bytes) }
        func ec(_ crv: String, _ x963: Data, _ d: Data?) -> [String: String] {
            let coordinates = x963.dropFirst()
            let half = coordinates.count / 2
            var o = ["kty": "EC", "crv": crv, "x": b(coordinates.prefix(half)), "y": b(coordinates.suffix(half))]
            if let d { o["d"] = b(d) }
            return o
        }
        switch material {
        case .p256Private(let k): return ec("P-256", k.publicKey.x963Representation, k.rawRepresentation)
        case .p256Public(let k): return ec("P-256", k.x963Representation, nil)
        case .p384Private(let k): return ec("P-384", k.publicKey.x963Representation, k.rawRepresentation)
        case .p384Public(let k): return ec("P-384", k.x963Representation, nil)
        case .p521Private(let k): return ec("P-521", k.publicKey.x963Representation, k.rawRepresentation)
        case .p521Public(let k): return ec("P-521", k.x963Representation, nil)
        case .ed25519Private(let k): return ["kty": "OKP", "crv": "Ed25519", "x": b(k.publicKey.rawRepresentation), "d": b(k.rawRepresentation)]
        case .ed25519Public(let k): return ["kty": "OKP", "crv": "Ed25519", "x": b(k.rawRepresentation)]
        case .x25519Private(let k): return ["kty": "OKP", "crv": "X25519", "x": b(k.publicKey.rawRepresentation), "d": b(k.rawRepresentation)]
        case .x25519Public(let k): return ["kty": "OKP", "crv": "X25519", "x": b(k.rawRepresentation)]
        case .rsaPublic(let k):
            let p = try k.getKeyPrimitives()
            return ["kty": "RSA", "n": b(p.modulus.drop { $0 == 0 }), "e": b(p.publicExponent.drop { $0 == 0 })]
        case .rsaPrivate(let k):
            // PKCS#1 RSAPrivateKey: version, n, e, d, p, q, dp, dq, qi.
            let parts = try DERNode.parse(Array(k.derRepresentation)).expect(DERNode.sequence).children()
            guard parts.count >= 9 else { return nil }
            let names = ["n", "e", "d", "p", "q", "dp", "dq", "qi"]
            var o = ["kty": "RSA"]
            for (index, name) in names.enumerated() { o[name] = b(parts[index + 1].unsignedInteger) }
            return o
        }
    }

    static func fromJWK(_ args: Arguments) throws -> ParsedKey {
        func field(_ name: String) throws -> [UInt8] {
            guard let value = try args.optionalString(name) else { throw CryptoKeyOperations.invalidJWK() }
            return try CryptoKeyOperations.fromBase64url(value)
        }
        let hasD = try args.optionalString("d") != nil
        do {
            switch try args.string("kty") {
            case "RSA":
                // Built as PKCS#1 and parsed the "unsafe" way: swift-crypto's component
                // initialisers refuse keys below 2048 bits, Node accepts them.
                let n = try field("n"), e = try field("e")
                if hasD {
                    let names = ["n", "e", "d", "p", "q", "dp", "dq", "qi"]
                    let der = DERNode.sequence([DERNode.integer([0])] + (try names.map { DERNode.integer(try field($0)) }))
                    let key = try _RSA.Signing.PrivateKey(unsafeDERRepresentation: der)
                    try checkRSA(key.keySizeInBits)
                    return ParsedKey(material: .rsaPrivate(key))
                }
                let key = try _RSA.Signing.PublicKey(unsafeDERRepresentation: DERNode.sequence([DERNode.integer(n), DERNode.integer(e)]))
                try checkRSA(key.keySizeInBits)
                return ParsedKey(material: .rsaPublic(key))
            case "EC":
                func x963() throws -> [UInt8] { [0x04] + (try field("x")) + (try field("y")) }
                let parsed: ParsedKey
                switch try args.string("crv") {
                case "P-256": parsed = hasD ? ParsedKey(material: .p256Private(try .init(rawRepresentation: try field("d")))) : ParsedKey(material: .p256Public(try .init(x963Representation: try x963())))
                case "P-384": parsed = hasD ? ParsedKey(material: .p384Private(try .init(rawRepresentation: try field("d")))) : ParsedKey(material: .p384Public(try .init(x963Representation: try x963())))
                case "P-521": parsed = hasD ? ParsedKey(material: .p521Private(try .init(rawRepresentation: try field("d")))) : ParsedKey(material: .p521Public(try .init(x963Representation: try x963())))
                default: throw CryptoKeyOperations.invalidJWK()
                }
                // A private key's public half is computed; when the JWK states it, it must match.
                if try args.optionalString("x") != nil,
                   try parsed.publicKey.jwkFields()?["x"] != CryptoKeyOperations.base64url(try field("x")) {
                    throw CryptoKeyOperations.invalidJWK()
                }
                return parsed
            case "OKP":
                let x = try field("x")
                let parsed: ParsedKey
                switch try args.string("crv") {
                case "Ed25519": parsed = hasD ? ParsedKey(material: .ed25519Private(try .init(rawRepresentation: try field("d")))) : ParsedKey(material: .ed25519Public(try .init(rawRepresentation: x)))
                case "X25519": parsed = hasD ? ParsedKey(material: .x25519Private(try .init(rawRepresentation: try field("d")))) : ParsedKey(material: .x25519Public(try .init(rawRepresentation: x)))
                default: throw CryptoKeyOperations.invalidJWK()
                }
                guard try parsed.publicKey.jwkFields()?["x"] == CryptoKeyOperations.base64url(x) else { throw CryptoKeyOperations.invalidJWK() }
                return parsed
            default:
                throw CryptoKeyOperations.invalidJWK()
            }
        } catch let error as GuestError {
            throw error
        } catch {
            throw CryptoKeyOperations.invalidJWK()
        }
    }

    // MARK: operations

    private static func digestOf(_ name: String, _ data: [UInt8]) throws -> any Digest {
        switch CryptoOperations.normalized(name) {
        case "sha1": return Insecure.SHA1.hash(data: data)
        case "sha256": return SHA256.hash(data: data)
        case "sha384": return SHA384.hash(data: data)
        case "sha512": return SHA512.hash(data: data)
        default: throw GuestError(code: "ERR_CRYPTO_INVALID_DIGEST", message: "Invalid digest: \(name)", name: "TypeError")
        }
    }

    private func requireDigest(_ options: SignatureOptions) throws -> String {
        guard let digest = options.digest else {
            throw GuestError(code: "ERR_NOT_SUPPORTED_IN_SANDBOX", message: "signing \(asymmetricKeyType) keys without a digest is not supported in sandbox")
        }
        return digest
    }

    private func rsaPadding(_ options: SignatureOptions, digest: String, verifying: Bool) throws -> _RSA.Signing.Padding {
        guard options.pss else { return .insecurePKCS1v1_5 }
        let digestLength = ["sha1": 20, "sha256": 32, "sha384": 48, "sha512": 64][CryptoOperations.normalized(digest)] ?? 0
        // swift-crypto's PSS uses a salt as long as the digest (RSA_PSS_SALTLEN_DIGEST, -1); verifying
        // also accepts "auto" (-2) but then only recognises that salt length.
        if let salt = options.saltLength, salt != -1, salt != digestLength, !(verifying && salt == -2) {
            throw GuestError(code: "ERR_NOT_SUPPORTED_IN_SANDBOX", message: "RSA-PSS salt lengths other than the digest length are not supported in sandbox")
        }
        return .PSS
    }

    func sign(_ data: [UInt8], _ options: SignatureOptions) throws -> [UInt8] {
        switch material {
        case .ed25519Private(let k):
            guard options.digest == nil else { throw invalidDigestForKey(options.digest ?? "") }
            return Array(try k.signature(for: data))
        case .rsaPrivate(let k):
            let name = try requireDigest(options)
            let digest = try Self.digestOf(name, data)
            return Array(try k.signature(for: digest, padding: try rsaPadding(options, digest: name, verifying: false)).rawRepresentation)
        case .p256Private(let k):
            let s = try k.signature(for: try Self.digestOf(try requireDigest(options), data))
            return Array(options.p1363 ? s.rawRepresentation : s.derRepresentation)
        case .p384Private(let k):
            let s = try k.signature(for: try Self.digestOf(try requireDigest(options), data))
            return Array(options.p1363 ? s.rawRepresentation : s.derRepresentation)
        case .p521Private(let k):
            let s = try k.signature(for: try Self.digestOf(try requireDigest(options), data))
            return Array(options.p1363 ? s.rawRepresentation : s.derRepresentation)
        default:
            throw GuestError(code: "ERR_OSSL_EVP_OPERATION_NOT_SUPPORTED_FOR_THIS_KEYTYPE", message: "error:03000096:digital envelope routines::operation not supported for this keytype")
        }
    }

    private func invalidDigestForKey(_ digest: String) -> GuestError {
        GuestError(code: "ERR_OSSL_EVP_OPERATION_NOT_SUPPORTED_FOR_THIS_KEYTYPE", message: "error:03000096:digital envelope routines::operation not supported for this keytype")
    }

    func verify(_ signature: [UInt8], _ data: [UInt8], _ options: SignatureOptions) throws -> Bool {
        func ecdsa<S>(_ make: ([UInt8]) throws -> S) -> S? { try? make(signature) }
        switch publicKey.material {
        case .ed25519Public(let k):
            guard options.digest == nil else { throw invalidDigestForKey(options.digest ?? "") }
            return k.isValidSignature(signature, for: data)
        case .rsaPublic(let k):
            let name = try requireDigest(options)
            let digest = try Self.digestOf(name, data)
            return k.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signature), for: digest,
                                      padding: try rsaPadding(options, digest: name, verifying: true))
        case .p256Public(let k):
            let digest = try Self.digestOf(try requireDigest(options), data)
            guard let s = options.p1363 ? try? P256.Signing.ECDSASignature(rawRepresentation: signature) : try? P256.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return k.isValidSignature(s, for: digest)
        case .p384Public(let k):
            let digest = try Self.digestOf(try requireDigest(options), data)
            guard let s = options.p1363 ? try? P384.Signing.ECDSASignature(rawRepresentation: signature) : try? P384.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return k.isValidSignature(s, for: digest)
        case .p521Public(let k):
            let digest = try Self.digestOf(try requireDigest(options), data)
            guard let s = options.p1363 ? try? P521.Signing.ECDSASignature(rawRepresentation: signature) : try? P521.Signing.ECDSASignature(derRepresentation: signature) else { return false }
            return k.isValidSignature(s, for: digest)
        default:
            throw GuestError(code: "ERR_OSSL_EVP_OPERATION_NOT_SUPPORTED_FOR_THIS_KEYTYPE", message: "error:03000096:digital envelope routines::operation not supported for this keytype")
        }
    }

    func rsaCipher(_ data: [UInt8], decrypt: Bool, hash: String) throws -> [UInt8] {
        let padding: _RSA.Encryption.Padding
        switch CryptoOperations.normalized(hash) {
        case "sha1": padding = .PKCS1_OAEP
        case "sha256": padding = .PKCS1_OAEP_SHA256
        default: throw GuestError(code: "ERR_NOT_SUPPORTED_IN_SANDBOX", message: "RSA-OAEP with \(hash) is not supported in sandbox (sha1, sha256)")
        }
        do {
            if decrypt {
                guard case .rsaPrivate(let k) = material else { throw rsaOnly() }
                let key = try _RSA.Encryption.PrivateKey(unsafeDERRepresentation: k.derRepresentation)
                return Array(try key.decrypt(data, padding: padding))
            }
            guard case .rsaPublic(let k) = publicKey.material else { throw rsaOnly() }
            let key = try _RSA.Encryption.PublicKey(unsafeDERRepresentation: k.derRepresentation)
            return Array(try key.encrypt(data, padding: padding))
        } catch let error as GuestError {
            throw error
        } catch {
            if decrypt { throw GuestError(code: "ERR_OSSL_RSA_OAEP_DECODING_ERROR", message: "error:02000079:rsa routines::oaep decoding error") }
            throw GuestError(code: "ERR_OSSL_RSA_DATA_TOO_LARGE_FOR_KEY_SIZE", message: "error:0200006E:rsa routines::data too large for key size")
        }
    }

    private func rsaOnly() -> GuestError {
        GuestError(code: "ERR_OSSL_EVP_OPERATION_NOT_SUPPORTED_FOR_THIS_KEYTYPE", message: "error:03000096:digital envelope routines::operation not supported for this keytype")
    }

    func sharedSecret(with peer: ParsedKey) throws -> [UInt8] {
        func bytes(_ secret: SharedSecret) -> [UInt8] { secret.withUnsafeBytes { Array($0) } }
        switch (material, peer.material) {
        case (.p256Private(let a), .p256Public(let b)):
            return bytes(try P256.KeyAgreement.PrivateKey(rawRepresentation: a.rawRepresentation)
                .sharedSecretFromKeyAgreement(with: try P256.KeyAgreement.PublicKey(x963Representation: b.x963Representation)))
        case (.p384Private(let a), .p384Public(let b)):
            return bytes(try P384.KeyAgreement.PrivateKey(rawRepresentation: a.rawRepresentation)
                .sharedSecretFromKeyAgreement(with: try P384.KeyAgreement.PublicKey(x963Representation: b.x963Representation)))
        case (.p521Private(let a), .p521Public(let b)):
            return bytes(try P521.KeyAgreement.PrivateKey(rawRepresentation: a.rawRepresentation)
                .sharedSecretFromKeyAgreement(with: try P521.KeyAgreement.PublicKey(x963Representation: b.x963Representation)))
        case (.x25519Private(let a), .x25519Public(let b)):
            return bytes(try a.sharedSecretFromKeyAgreement(with: b))
        default:
            throw GuestError(code: "ERR_CRYPTO_INCOMPATIBLE_KEY", message: "Incompatible key types for Diffie-Hellman: \(asymmetricKeyType) and \(peer.asymmetricKeyType)")
        }
    }
}
