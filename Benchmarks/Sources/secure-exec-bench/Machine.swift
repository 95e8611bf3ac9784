import Foundation

/// What the report says about the machine and the software measured.
func machineDescription(peers: Peers, miniRacer: MiniRacerResults?, loadAtStart: String) -> [(String, String)] {
    func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
    func field(_ text: String, _ prefix: String, separator: Character) -> String? {
        text.split(separator: "\n").first { $0.hasPrefix(prefix) }?
            .split(separator: separator, maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) }
    }
    func packageVersion(_ name: String) -> String {
        field(read("\(Fixtures.nodeModules)/\(name)/package.json"), "  \"version\"", separator: ":")?
            .trimmingCharacters(in: CharacterSet(charactersIn: "\", ")) ?? "?"
    }
    let env = ProcessInfo.processInfo.environment
    let memKB = field(read("/proc/meminfo"), "MemTotal", separator: ":").flatMap { Int($0.split(separator: " ").first ?? "") } ?? 0
    var rows: [(String, String)] = [
        ("Date", ISO8601DateFormatter().string(from: Date())),
        ("CPU", field(read("/proc/cpuinfo"), "model name", separator: ":") ?? "?"),
        ("Cores", "\(ProcessInfo.processInfo.activeProcessorCount)"),
        ("RAM", String(format: "%.1f GB", Double(memKB) / 1_048_576)),
        ("OS / kernel", "\(field(read("/etc/os-release"), "PRETTY_NAME", separator: "=")?.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) ?? "?") / Linux \(read("/proc/sys/kernel/osrelease").trimmingCharacters(in: .whitespacesAndNewlines))"),
        ("Load average (1/5/15 min) at start / end", "\(loadAtStart) / \(loadAverage())"),
        ("Swift", env["BENCH_SWIFT_VERSION"] ?? "?"),
        ("SecureExec", "release build; JavaScriptCore (WebKitGTK) \(env["BENCH_JSC_VERSION"] ?? "?")"),
    ]
    if let node = peers.node { rows.append(("Node", peers.version(node))) }
    if let deno = peers.deno { rows.append(("Deno", peers.version(deno))) }
    if let miniRacer { rows.append(("mini-racer", "\(miniRacer.version) (V8 \(miniRacer.v8))")) }
    rows.append(("Packages", "markdown-it \(packageVersion("markdown-it")), lodash \(packageVersion("lodash")) (Debian, \(Fixtures.nodeModules))"))
    return rows
}

func loadAverage() -> String {
    ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "").split(separator: " ").prefix(3).joined(separator: " ")
}
