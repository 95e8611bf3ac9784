import Foundation

/// The peers' executables, given by `scripts/bench.sh` (`BENCH_NODE`, `BENCH_DENO`,
/// `BENCH_PYTHON` for mini-racer); a peer whose variable is unset is left out.
struct Peers: Sendable {
    var node: String?
    var deno: String?
    var python: String?
    /// The mini-racer driver script (Benchmarks/peers/mini_racer_driver.py).
    var miniRacerDriver: String?
    var denoEnvironment: [String: String]

    static func fromEnvironment() -> Peers {
        let env = ProcessInfo.processInfo.environment.filter { !$0.value.isEmpty }
        return Peers(node: env["BENCH_NODE"], deno: env["BENCH_DENO"], python: env["BENCH_PYTHON"],
                     miniRacerDriver: env["BENCH_MINI_RACER_DRIVER"],
                     denoEnvironment: ["DENO_NO_UPDATE_CHECK": "1", "NO_COLOR": "1"].merging(env["BENCH_DENO_DIR"].map { ["DENO_DIR": $0] } ?? [:]) { $1 })
    }

    /// The spawned peers and how each runs a script file or an inline snippet.
    var spawned: [(Contestant, String)] {
        [(Contestant.node, node), (.deno, deno)].compactMap { c, p in p.map { (c, $0) } }
    }

    func environment(_ contestant: Contestant) -> [String: String] {
        contestant == .deno ? denoEnvironment : [:]
    }

    func scriptArguments(_ contestant: Contestant, file: String) -> [String] {
        contestant == .deno ? ["run", "-A", file] : [file]
    }

    func inlineArguments(_ contestant: Contestant, code: String) -> [String] {
        contestant == .deno ? ["eval", code] : ["-e", code]
    }

    /// First line of `--version`.
    func version(_ path: String) -> String {
        ((try? runProgram(path, ["--version"])) ?? "?").split(separator: "\n").first.map(String.init) ?? "?"
    }
}

/// What the mini-racer driver measured inside its own process (`peers/mini_racer_driver.py`).
struct MiniRacerResults: Decodable {
    var version: String
    var v8: String
    var cold: [Double]
    var warm: [Double]
    var memory: [String: Double]
    var markdown: [Double]?
    var lodash: [Double]?
}
