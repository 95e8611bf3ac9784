#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 or IPv6 address, compared by value (never by spelling).
struct IPAddress: Sendable, Hashable {
    /// 4 bytes (IPv4) or 16 bytes (IPv6).
    let bytes: [UInt8]

    init?(_ text: String) {
        var t = text
        if t.hasPrefix("["), t.hasSuffix("]") { t = String(t.dropFirst().dropLast()) }
        var v4 = in_addr()
        if inet_pton(AF_INET, t, &v4) == 1 {
            bytes = withUnsafeBytes(of: &v4) { Array($0) }
            return
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, t, &v6) == 1 {
            bytes = withUnsafeBytes(of: &v6) { Array($0) }
            return
        }
        return nil
    }

    init(bytes: [UInt8]) { self.bytes = bytes }

}

/// An address range in CIDR notation (`10.0.0.0/8`, `fd00::/8`).
struct IPNetwork: Sendable, Hashable {
    let base: IPAddress
    let prefixLength: Int

    init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2, let base = IPAddress(parts[0]), let length = Int(parts[1]),
              length >= 0, length <= base.bytes.count * 8 else { return nil }
        self.base = base
        prefixLength = length
    }

    func contains(_ address: IPAddress) -> Bool {
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
