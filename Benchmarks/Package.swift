// swift-tools-version: 6.1
import PackageDescription

// Benchmarks live in their own package so the library's graph never depends on them.
// Run: `scripts/bench.sh` (installs the peers, builds this package and the worker in release,
// writes docs/benchmarks.md and the README's summary).
let package = Package(
    name: "SecureExecBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "SecureExec", path: "..")],
    targets: [
        .executableTarget(name: "secure-exec-bench", dependencies: [.product(name: "SecureExec", package: "SecureExec")]),
    ]
)
