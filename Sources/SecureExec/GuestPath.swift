/// POSIX path arithmetic for guest paths (always `/`-separated, never the host's).
enum GuestPath {
    /// Absolute, with `.`/`..`/repeated and trailing slashes removed; `..` never climbs above `/`.
    static func normalize(_ path: String, relativeTo base: String = "/") -> String {
        if isNormal(path) { return path }
        let full = path.hasPrefix("/") ? path : base + "/" + path
        var parts: [Substring] = []
        for part in full.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// Whether `path` is already what ``normalize(_:relativeTo:)`` makes of it (most paths the
    /// bridge sees are): absolute, no empty, `.` or `..` component, no trailing slash.
    static func isNormal(_ path: String) -> Bool {
        path.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard let first = bytes.first, first == 0x2F else { return false }
            if bytes.count == 1 { return true }
            guard bytes[bytes.count - 1] != 0x2F else { return false }
            // Each component starts after a slash: it must not be empty, `.` or `..`.
            var i = 0
            while i < bytes.count {
                // bytes[i] is a slash.
                let start = i + 1
                var end = start
                while end < bytes.count && bytes[end] != 0x2F { end += 1 }
                let length = end - start
                if length == 0 { return false }
                if bytes[start] == 0x2E && (length == 1 || (length == 2 && bytes[start + 1] == 0x2E)) { return false }
                i = end
            }
            return true
        } ?? false  // a non-contiguous (bridged) string takes the slow path
    }

    static func components(_ path: String) -> [String] {
        normalize(path).split(separator: "/").map(String.init)
    }

    static func dirname(_ path: String) -> String {
        let n = normalize(path)
        guard let slash = n.lastIndex(of: "/"), slash != n.startIndex else { return "/" }
        return String(n[..<slash])
    }

    static func basename(_ path: String) -> String {
        let n = normalize(path)
        guard let slash = n.lastIndex(of: "/") else { return n }
        return String(n[n.index(after: slash)...])
    }

    static func join(_ a: String, _ b: String) -> String {
        normalize(a == "/" ? "/" + b : a + "/" + b)
    }
}
