import Foundation

/// Who ran a measurement: our two isolation modes and the peers run beside them.
enum Contestant: String, CaseIterable, Sendable {
    case inProcess = "SecureExec, in-process"
    case process = "SecureExec, process isolation"
    case node = "Node 24, spawned per execution"
    case deno = "Deno, spawned per execution"
    case miniRacer = "mini-racer (embedded V8 isolate)"

    var isOurs: Bool { self == .inProcess || self == .process }
    /// Column heading of the ratio against this peer.
    var short: String {
        switch self {
        case .inProcess: "in-process"
        case .process: "process"
        case .node: "Node 24"
        case .deno: "Deno"
        case .miniRacer: "mini-racer"
        }
    }
}

enum MeasureUnit: Sendable {
    case time, bytes

    func format(_ value: Double) -> String {
        switch self {
        case .bytes: return String(format: "%.1f MB", value / 1_048_576)
        case .time:
            if value >= 1 { return String(format: "%.2f s", value) }
            if value >= 0.01 { return String(format: "%.1f ms", value * 1e3) }
            if value >= 0.001 { return String(format: "%.2f ms", value * 1e3) }
            return String(format: "%.1f µs", value * 1e6)
        }
    }
}

/// One table of the report: every contestant's p50/p95 per variant (e.g. "1 KB" and "1 MB").
struct Measure: Sendable {
    struct Row: Sendable {
        var contestant: Contestant
        /// Empty when the measure has one variant, or for a peer row that stands for all of them.
        var variant: String
        var stats: Stats
        var note: String?
    }

    var key: String
    var title: String
    var description: String
    var unit: MeasureUnit = .time
    var rows: [Row] = []

    mutating func add(_ contestant: Contestant, _ variant: String, _ stats: Stats, note: String? = nil) {
        rows.append(Row(contestant: contestant, variant: variant, stats: stats, note: note))
    }

    /// A row standing for every variant (a measure with one case, or a peer's only row).
    mutating func add(_ contestant: Contestant, _ stats: Stats, note: String? = nil) {
        add(contestant, "", stats, note: note)
    }

    var peers: [Contestant] {
        Contestant.allCases.filter { peer in !peer.isOurs && rows.contains { $0.contestant == peer } }
    }

    /// The peer row an own row is compared with: same variant, or the peer's only row.
    func peerRow(_ peer: Contestant, for row: Row) -> Row? {
        rows.first { $0.contestant == peer && $0.variant == row.variant }
            ?? rows.first { $0.contestant == peer && $0.variant.isEmpty }
    }

    /// p50 of ours divided by the peer's p50: below 1 means SecureExec is faster (or smaller).
    func ratio(_ row: Row, _ peer: Contestant) -> String {
        guard row.contestant.isOurs, let other = peerRow(peer, for: row), other.stats.p50 > 0 else { return "" }
        let r = row.stats.p50 / other.stats.p50
        return r >= 10 ? String(format: "%.0f×", r) : r >= 0.1 ? String(format: "%.2f×", r) : String(format: "%.3f×", r)
    }

    var markdown: String {
        let hasVariants = rows.contains { !$0.variant.isEmpty }
        var header = (hasVariants ? ["Case"] : []) + ["Contestant", "p50", "p95"] + peers.map { "÷ \($0.short)" }
        if rows.contains(where: { $0.note != nil }) { header.append("Note") }
        var lines = ["### \(title)", "", description, "",
                     "| " + header.joined(separator: " | ") + " |",
                     "|" + String(repeating: "---|", count: header.count)]
        // Grouped by case in first-seen order; rows standing for every case come last.
        let cases = rows.map(\.variant).reduce(into: [String]()) { if !$0.contains($1) && !$1.isEmpty { $0.append($1) } }
        let grouped = rows.enumerated().sorted { a, b in
            let (ca, cb) = (cases.firstIndex(of: a.element.variant) ?? cases.count, cases.firstIndex(of: b.element.variant) ?? cases.count)
            return ca != cb ? ca < cb : a.offset < b.offset
        }.map(\.element)
        for row in grouped {
            var cells: [String] = (hasVariants ? [row.variant.isEmpty ? "all" : row.variant] : [])
            cells += [row.contestant.rawValue, unit.format(row.stats.p50), row.stats.samples.count > 1 ? unit.format(row.stats.p95) : "—"]
            cells += peers.map { ratio(row, $0) }
            if header.last == "Note" { cells.append(row.note ?? "") }
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The p50 of `contestant` for the summary (the first variant, or `variant`).
    func summaryCell(_ contestant: Contestant, variant: String?) -> String {
        let row = rows.first { $0.contestant == contestant && (variant == nil || $0.variant == variant || $0.variant.isEmpty) }
        return row.map { unit.format($0.stats.p50) } ?? "—"
    }
}

/// The whole report: the machine, one table per measure, and a one-line-per-measure summary.
struct Report {
    var machine: [(String, String)]
    var measures: [Measure]
    /// Measures in the summary, each with the variant it shows (nil: the first row of each contestant).
    var summaryVariants: [String: String] = [:]

    var summary: String {
        var lines = ["| Measure (p50) | " + Contestant.allCases.map(\.short).joined(separator: " | ") + " |",
                     "|---|" + String(repeating: "---|", count: Contestant.allCases.count)]
        for measure in measures where !measure.rows.isEmpty {
            let variant = summaryVariants[measure.key]
            let name = measure.title + (variant.map { " (\($0))" } ?? "")
            lines.append("| \(name) | " + Contestant.allCases.map { measure.summaryCell($0, variant: variant) }.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The summary with one line describing the machine, for the README.
    var summaryWithMachine: String {
        let facts = Dictionary(machine, uniquingKeysWith: { a, _ in a })
        let line = ["Date", "CPU", "Cores", "RAM", "OS / kernel", "Load average (1/5/15 min) at start / end"]
            .compactMap { key in facts[key].map { "\(key.lowercased()) \($0)" } }.joined(separator: "; ")
        return "Measured on one machine in one run (\(line)); peer versions and every p95 in "
            + "[docs/benchmarks.md](docs/benchmarks.md).\n\n" + summary
    }

    var machineTable: String {
        (["| Machine | |", "|---|---|"] + machine.map { "| \($0.0) | \($0.1) |" }).joined(separator: "\n") + "\n"
    }

    var markdown: String {
        """
        # Benchmarks

        Produced by `scripts/bench.sh` (do not edit by hand). Every number is measured in the same
        run on the same machine. p50/p95 are nearest-rank percentiles over the samples; a ratio
        column divides SecureExec's p50 by that peer's p50 (below 1×: SecureExec is faster or
        smaller). Peers spawned per execution pay a process start for every call — that is what
        "just run `node -e`" costs; the embedded V8 isolate (mini-racer) is the in-process peer.
        Wall-clock times: on a shared machine (a load average above the core count, see below)
        treat differences under about 2× as noise and compare ratios from the same run only.

        \(machineTable)
        ## Summary (p50)

        \(summary)
        ## Measures

        \(measures.filter { !$0.rows.isEmpty }.map(\.markdown).joined(separator: "\n"))
        """
    }
}
