#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A process's resident pages from its `/proc/PID/statm` (Linux), read with plain system calls:
/// the host's memory monitor reads a worker's every 5 ms, a worker its own at most once a
/// millisecond.
package enum ResidentPages {
    /// The second field of the statm file open as `fd` ("size resident shared …"), read from
    /// offset 0 (`pread`: the descriptor can be read again, also by a locked-down worker).
    package static func read(statm fd: Int32) -> Int? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            let count = pread(fd, base, buffer.count, 0)
            guard count > 0 else { return nil }
            var field = 0
            var value = 0
            var digits = 0
            for byte in buffer[0..<count] {
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") {
                    if field == 1 { break }
                    field += 1
                } else if field == 1, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                    value = value &* 10 &+ Int(byte - UInt8(ascii: "0"))
                    digits += 1
                }
            }
            return digits > 0 ? value : nil
        }
    }
}
