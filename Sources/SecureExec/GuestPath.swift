/// POSIX path arithmetic for guest paths (always `/`-separated, never the host's).
enum GuestPath {
    /// Absolute, with `.`/`..`/repeated and trailing slashes removed; `..` never climbs above `/`.
    static func normalize(_ path: String, relativeTo base: String = "/") -> String {
        let full = path.hasPrefix("/") ? path : base + "/" + path
        var parts: [Substring] = []
        for part in full.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
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
