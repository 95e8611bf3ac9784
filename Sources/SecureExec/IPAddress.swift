#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 address, compared by value (never by spelling).
///
/// ``init(_:)`` reads the standard forms (`127.0.0.1`, `::1`, `[::ffff:127.0.0.1]`);
/// ``init(urlHost:)`` also reads every spelling a WHATWG URL parser turns into an IPv4 address
/// (`2130706433`, `0x7f.1`, `0177.0.0.1`, `127.1`, `127.0.0.1.`).
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// 4 bytes (IPv4) or 16 bytes (IPv6).
    public let bytes: [UInt8]

    /// Parses the standard textual forms (dotted-quad IPv4, RFC 4291 IPv6, optionally in brackets).
    public init?(_ text: String) {
        var t = text
        if t.hasPrefix("["), t.hasSuffix("]") { t = String(t.dropFirst().dropLast()) }
        guard !t.isEmpty, t.utf8.count <= 64, !t.utf8.contains(0) else { return nil }
        var v4 = in_addr()
        if !t.contains(":"), Self.isStrictDottedQuad(t), inet_pton(AF_INET, t, &v4) == 1 {
            bytes = withUnsafeBytes(of: &v4) { Array($0) }
            return
        }
        var v6 = in6_addr()
        if t.contains(":"), inet_pton(AF_INET6, t, &v6) == 1 {
            bytes = withUnsafeBytes(of: &v6) { Array($0) }
            return
        }
        return nil
    }

    /// An address from its 4 or 16 bytes.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    init(v4 value: UInt32) {
        bytes = [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    private static func isStrictDottedQuad(_ t: String) -> Bool {
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isASCIIDigit) }
    }

    public var isIPv4: Bool { bytes.count == 4 }
    public var isIPv6: Bool { bytes.count == 16 }

    /// The standard text: dotted quad, or RFC 5952 IPv6 (`::ffff:127.0.0.1` for mapped forms).
    public var description: String {
        var buffer = [CChar](repeating: 0, count: 64)
        var copy = bytes
        let family = isIPv4 ? AF_INET : AF_INET6
        let ok = copy.withUnsafeMutableBytes { raw in
            buffer.withUnsafeMutableBufferPointer { out in
                inet_ntop(family, raw.baseAddress, out.baseAddress, socklen_t(out.count)) != nil
            }
        }
        guard ok else { return "?" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The text used inside a URL's authority: IPv6 in brackets.
    public var urlHost: String { isIPv6 ? "[\(description)]" : description }

    // MARK: - URL hosts (WHATWG)

    /// What a URL's host (already lower-cased, brackets kept for IPv6) denotes.
    enum URLHost: Equatable {
        case address(IPAddress)
        case name(String)
        case invalid
    }

    /// Reads a URL host the way the WHATWG URL parser does: `[…]` is IPv6; a host whose last
    /// label is a number (decimal, `0x` hex, or octal with a leading zero) is IPv4 in any of its
    /// spellings (1 to 4 parts, a trailing dot allowed); anything else is a domain name.
    static func parseURLHost(_ host: String) -> URLHost {
        if host.hasPrefix("[") {
            guard host.hasSuffix("]"), let address = IPAddress(host), address.isIPv6 else { return .invalid }
            return .address(address)
        }
        if host.isEmpty || host.contains(":") { return .invalid }
        var labels = host.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if labels.count > 1, labels.last == "" { labels.removeLast() }
        guard let last = labels.last, endsInNumber(last) else { return .name(host) }
        guard labels.count <= 4 else { return .invalid }
        var numbers: [UInt64] = []
        for label in labels {
            guard let n = parseIPv4Number(label) else { return .invalid }
            numbers.append(n)
        }
        for n in numbers.dropLast() where n > 255 { return .invalid }
        let lastLimit: UInt64 = 1 << (8 * UInt64(5 - numbers.count))
        guard let lastNumber = numbers.last, lastNumber < lastLimit else { return .invalid }
        var value = lastNumber
        for (i, n) in numbers.dropLast().enumerated() { value += n << (8 * UInt64(3 - i)) }
        return .address(IPAddress(v4: UInt32(value)))
    }

    /// Parses a URL host with the WHATWG rules (every IPv4 spelling, `[…]` IPv6) as an address; nil
    /// for names and invalid hosts.
    public init?(urlHost: String) {
        guard case .address(let address) = Self.parseURLHost(urlHost.lowercased()) else { return nil }
        self = address
    }

    private static func endsInNumber(_ label: String) -> Bool {
        if !label.isEmpty, label.allSatisfy(\.isASCIIDigit) { return true }
        let lower = label.lowercased()
        if lower.hasPrefix("0x") { return lower.dropFirst(2).allSatisfy(\.isHexDigit) }
        return false
    }

    private static func parseIPv4Number(_ label: String) -> UInt64? {
        guard !label.isEmpty, label.count <= 40 else { return nil }
        var text = Substring(label)
        var radix = 10
        if text.hasPrefix("0x") || text.hasPrefix("0X") {
            text = text.dropFirst(2)
            radix = 16
        } else if text.count > 1, text.hasPrefix("0") {
            text = text.dropFirst()
            radix = 8
        }
        if text.isEmpty { return 0 }
        guard let value = UInt64(text, radix: radix), value <= UInt64(UInt32.max) else { return nil }
        return value
    }

    // MARK: - Classification

    /// What kind of destination an address is. Everything except ``public`` is refused by the
    /// default network adapter (unless exempt).
    public enum Scope: String, Sendable, Hashable {
        /// Globally routable.
        case `public`
        /// `127.0.0.0/8`, `::1`.
        case loopback
        /// RFC 1918: `10/8`, `172.16/12`, `192.168/16`; IPv6 site-local `fec0::/10`.
        case `private`
        /// `169.254/16` (including the cloud metadata address `169.254.169.254`), `fe80::/10`.
        case linkLocal
        /// Carrier-grade NAT, `100.64.0.0/10`.
        case sharedAddressSpace
        /// IPv6 unique local addresses, `fc00::/7`.
        case uniqueLocal
        /// `224.0.0.0/4`, `ff00::/8`.
        case multicast
        /// `0.0.0.0/8` ("this network"), `::`.
        case unspecified
        /// `255.255.255.255`.
        case broadcast
        /// Reserved, documentation and benchmarking ranges (`240/4`, `192.0.0/24`, `192.0.2/24`,
        /// `198.18/15`, `198.51.100/24`, `203.0.113/24`, `2001:db8::/32`, `100::/64`, …).
        case reserved

        /// The scope in words, as denial reasons name it (`link-local`, `carrier-grade NAT`).
        public var words: String {
            switch self {
            case .public: return "public"
            case .loopback: return "loopback"
            case .private: return "private"
            case .linkLocal: return "link-local"
            case .sharedAddressSpace: return "carrier-grade NAT"
            case .uniqueLocal: return "unique local"
            case .multicast: return "multicast"
            case .unspecified: return "unspecified"
            case .broadcast: return "broadcast"
            case .reserved: return "reserved"
            }
        }
    }

    /// The IPv4 address an IPv6 address carries: IPv4-mapped `::ffff:a.b.c.d`, IPv4-compatible
    /// `::a.b.c.d`, IPv4-translated `::ffff:0:a.b.c.d`, NAT64 `64:ff9b::/96` and `64:ff9b:1::/48`,
    /// 6to4 `2002::/16`, and Teredo `2001::/32` (the client address, inverted).
    public var embeddedIPv4: IPAddress? {
        guard isIPv6 else { return nil }
        let b = bytes
        let tail = IPAddress(bytes: Array(b[12..<16]))
        let zeros10 = b[0..<10].allSatisfy { $0 == 0 }
        if zeros10, b[10] == 0xFF, b[11] == 0xFF { return tail }                          // ::ffff:a.b.c.d
        if b[0..<8].allSatisfy({ $0 == 0 }), b[8] == 0xFF, b[9] == 0xFF, b[10] == 0, b[11] == 0 { return tail } // ::ffff:0:a.b.c.d
        if zeros10, b[10] == 0, b[11] == 0 {                                               // ::a.b.c.d
            let v4 = b[12..<16]
            // `::` and `::1` are IPv6's own unspecified and loopback addresses.
            if v4.allSatisfy({ $0 == 0 }) || (v4.dropLast().allSatisfy { $0 == 0 } && b[15] == 1) { return nil }
            return tail
        }
        if b[0] == 0x00, b[1] == 0x64, b[2] == 0xFF, b[3] == 0x9B {
            if b[4..<12].allSatisfy({ $0 == 0 }) { return tail }                           // 64:ff9b::/96
            if b[4] == 0, b[5] == 1 { return tail }                                        // 64:ff9b:1::/48
        }
        if b[0] == 0x20, b[1] == 0x02 { return IPAddress(bytes: Array(b[2..<6])) }         // 2002::/16
        if b[0] == 0x20, b[1] == 0x01, b[2] == 0, b[3] == 0 {                              // Teredo
            return IPAddress(bytes: b[12..<16].map { ~$0 })
        }
        return nil
    }

    /// The address's scope; an IPv6 form that embeds an IPv4 address has the IPv4 address's scope
    /// (so `::ffff:127.0.0.1` and `64:ff9b::7f00:1` are loopback, `::ffff:8.8.8.8` is public).
    public var scope: Scope {
        if isIPv4 { return Self.scopeV4(bytes) }
        if let embedded = embeddedIPv4 { return Self.scopeV4(embedded.bytes) }
        return Self.scopeV6(bytes)
    }

    /// True when ``scope`` is ``Scope/public``.
    public var isPublic: Bool { scope == .public }

    private static func scopeV4(_ b: [UInt8]) -> Scope {
        switch (b[0], b[1], b[2], b[3]) {
        case (0, _, _, _): return .unspecified
        case (127, _, _, _): return .loopback
        case (10, _, _, _): return .private
        case (172, 16...31, _, _): return .private
        case (192, 168, _, _): return .private
        case (169, 254, _, _): return .linkLocal
        case (100, 64...127, _, _): return .sharedAddressSpace
        case (224...239, _, _, _): return .multicast
        case (255, 255, 255, 255): return .broadcast
        case (240...255, _, _, _): return .reserved
        case (192, 0, 0, _), (192, 0, 2, _), (198, 18...19, _, _), (198, 51, 100, _), (203, 0, 113, _),
             (192, 88, 99, _):
            return .reserved
        default: return .public
        }
    }

    private static func scopeV6(_ b: [UInt8]) -> Scope {
        if b.allSatisfy({ $0 == 0 }) { return .unspecified }
        if b[0..<15].allSatisfy({ $0 == 0 }), b[15] == 1 { return .loopback }
        if b[0] == 0xFF { return .multicast }
        if b[0] & 0xFE == 0xFC { return .uniqueLocal }
        if b[0] == 0xFE, b[1] & 0xC0 == 0x80 { return .linkLocal }
        if b[0] == 0xFE, b[1] & 0xC0 == 0xC0 { return .private }
        if b[0] == 0x20, b[1] == 0x01, b[2] == 0x0D, b[3] == 0xB8 { return .reserved }    // documentation
        if b[0] == 0x01, b[1..<8].allSatisfy({ $0 == 0 }) { return .reserved }            // discard 100::/64
        if b[0] == 0x3F, b[1] == 0xFF, b[2] & 0xF0 == 0 { return .reserved }              // 3fff::/20 documentation
        // Everything outside 2000::/3 is unassigned or special.
        if b[0] & 0xE0 != 0x20 { return .reserved }
        return .public
    }

    /// A loopback address proper: `127.0.0.0/8`, `::1`, or `::ffff:127.x.y.z` (which connects to
    /// IPv4 loopback). Other IPv6 forms embedding 127.x (NAT64, 6to4, …) are loopback in
    /// ``scope`` but do not reach this host's loopback, so they are not exempted.
    public var isLoopback: Bool {
        let target = connectable
        if target.isIPv4 { return target.bytes[0] == 127 }
        return target.bytes[0..<15].allSatisfy { $0 == 0 } && target.bytes[15] == 1
    }

    /// The IPv4 address to connect to for an IPv4-mapped IPv6 address; otherwise the address itself.
    var connectable: IPAddress {
        if isIPv6, bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF,
           let v4 = IPAddress(bytes: Array(bytes[12..<16])) {
            return v4
        }
        return self
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

/// An address range in CIDR notation (`10.0.0.0/8`, `fd00::/8`).
public struct IPNetwork: Sendable, Hashable {
    public let base: IPAddress
    public let prefixLength: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, let base = IPAddress(parts[0]), let length = Int(parts[1]),
              length >= 0, length <= base.bytes.count * 8 else { return nil }
        self.base = base
        prefixLength = length
    }

    public func contains(_ address: IPAddress) -> Bool {
        guard address.bytes.count == base.bytes.count else { return false }
        var remaining = prefixLength
        for i in 0..<base.bytes.count where remaining > 0 {
            let bits = min(8, remaining)
            let mask: UInt8 = bits == 8 ? 0xFF : ~(0xFF >> UInt8(bits))
            if base.bytes[i] & mask != address.bytes[i] & mask { return false }
            remaining -= bits
        }
        return true
    }
}
