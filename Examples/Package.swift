// swift-tools-version: 6.1
// Runnable examples of SecureExec, each one an executable that checks its own output.
// Build and run them all with `scripts/examples.sh` from the repository root.
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

/// One executable per example; each uses the public `SecureExec` library and a few checking helpers.
let examples = [
    "quickstart", "permissions", "filesystem", "child-processes", "module-loading",
    "output-capture", "resource-limits", "host-functions", "ai-agent", "plugin-system",
]
/// Examples that also start a real HTTP server on the loopback (with Hummingbird).
let serverExamples = ["networking", "hummingbird-server"]

let package = Package(
    name: "SecureExecExamples",
    platforms: [.macOS(.v15)],
    dependencies: [
        // The library itself, from this repository.
        .package(name: "SecureExec", path: ".."),
        // Without its default ConfigurationSupport trait, so swift-configuration is not built.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // `expect`, `finish` and `Transcript`, shared by every example.
        .target(
            name: "ExampleSupport",
            dependencies: [.product(name: "SecureExec", package: "SecureExec")],
            swiftSettings: swiftSettings
        ),
    ] + serverExamples.map { name in
        .executableTarget(
            name: name,
            dependencies: [
                "ExampleSupport",
                .product(name: "SecureExec", package: "SecureExec"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        )
    } + examples.map { name in
        .executableTarget(
            name: name,
            dependencies: ["ExampleSupport", .product(name: "SecureExec", package: "SecureExec")],
            swiftSettings: swiftSettings
        )
    }
)
