// swift-tools-version: 6.1
import PackageDescription

// One settings list for every Swift target.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "SecureExec",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "SecureExec", targets: ["SecureExec"]),
        .executable(name: "secure-exec", targets: ["secure-exec"]),
        .executable(name: "secure-exec-worker", targets: ["secure-exec-worker"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        // Networking (the default network adapter's HTTP/1.1 client and sandbox servers). Only the
        // SecureExec library depends on them, never the worker, guest, engine or bridge.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // JavaScriptCore: the system library on Linux (Debian: libjavascriptcoregtk-4.1-dev),
        // the system framework on Apple platforms (see EngineImports.swift).
        .systemLibrary(
            name: "CJavaScriptCore",
            pkgConfig: "javascriptcoregtk-4.1",
            providers: [.apt(["libjavascriptcoregtk-4.1-dev"])]
        ),
        // Swift over the JSC C API: VM, context, values, host functions, limits. No policy, no Node.
        .target(
            name: "SecureExecEngine",
            dependencies: [.target(name: "CJavaScriptCore", condition: .when(platforms: [.linux]))],
            swiftSettings: swiftSettings
        ),
        // The bridge protocol: operations, messages, framing, JSON values. No Foundation.
        .target(name: "SecureExecBridge", dependencies: ["CSecureExecSystem"], swiftSettings: swiftSettings),
        // Guest-side Node API, our JavaScript, embedded at build time.
        .executableTarget(name: "EmbedJavaScriptTool", swiftSettings: swiftSettings),
        .plugin(name: "EmbedJavaScript", capability: .buildTool(), dependencies: ["EmbedJavaScriptTool"]),
        .target(
            name: "SecureExecNodeAPI",
            exclude: ["js"],
            swiftSettings: swiftSettings,
            plugins: ["EmbedJavaScript"]
        ),
        // The guest side of a runtime: engine thread, event loop, natives, bootstrap. No Foundation,
        // so the same code runs in a lean worker process.
        .target(
            name: "SecureExecGuest",
            dependencies: ["SecureExecEngine", "SecureExecBridge", "SecureExecNodeAPI", "CSecureExecCompression", "CSecureExecSystem",
                           .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // zlib and brotli for the guest's `zlib` module (Debian: zlib1g-dev, libbrotli-dev). They
        // run beside the engine (in the worker by default), never on untrusted data in the host.
        .target(
            name: "CSecureExecCompression",
            linkerSettings: [.linkedLibrary("z"), .linkedLibrary("brotlienc", .when(platforms: [.linux])),
                             .linkedLibrary("brotlidec", .when(platforms: [.linux]))]
        ),
        // Linux system calls Swift cannot reach directly (openat2).
        .target(name: "CSecureExecSystem"),
        // posix_spawn for the host's command executor (HostCommandExecutor); not in the worker.
        .target(name: "CSecureExecSpawn"),
        // The public library.
        .target(
            name: "SecureExec",
            dependencies: ["SecureExecGuest", "SecureExecBridge", "SecureExecNodeAPI", "CSecureExecSystem", "CSecureExecSpawn",
                           .product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "CryptoExtras", package: "swift-crypto"),
                           .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "NIOPosix", package: "swift-nio"),
                           .product(name: "NIOHTTP1", package: "swift-nio"),
                           .product(name: "NIOTLS", package: "swift-nio"),
                           .product(name: "NIOWebSocket", package: "swift-nio"),
                           .product(name: "NIOSSL", package: "swift-nio-ssl")],
            swiftSettings: swiftSettings
        ),
        // The command-line tool: commands as a library (testable) and a thin @main.
        .target(
            name: "SecureExecCLI",
            dependencies: ["SecureExec", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(name: "secure-exec", dependencies: ["SecureExecCLI", "secure-exec-worker"], swiftSettings: swiftSettings),
        // The worker process each runtime's engine runs in (no Foundation: small and lean).
        .executableTarget(name: "secure-exec-worker", dependencies: ["SecureExecGuest", "SecureExecBridge", "SecureExecEngine", "CSecureExecSystem"],
                          swiftSettings: swiftSettings),

        .testTarget(name: "SecureExecBridgeTests", dependencies: ["SecureExecBridge"], swiftSettings: swiftSettings),
        .testTarget(name: "SecureExecEngineTests", dependencies: ["SecureExecEngine"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SecureExecTests",
            dependencies: ["SecureExec",
                           .product(name: "NIOCore", package: "swift-nio"),
                           .product(name: "NIOPosix", package: "swift-nio"),
                           .product(name: "NIOHTTP1", package: "swift-nio"),
                           .product(name: "NIOSSL", package: "swift-nio-ssl"),
                           .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "SecureExecCLITests", dependencies: ["SecureExecCLI"], swiftSettings: swiftSettings),
    ]
)
