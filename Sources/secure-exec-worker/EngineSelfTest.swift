import SecureExecEngine

/// A bare engine for `--self-test-lockdown`: proves JavaScript still runs under the filter.
enum EngineSelfTest {
    static func start() -> EngineContext {
        let context = EngineContext(vm: EngineVM())
        _ = try? context.evaluate("1 + 1")
        return context
    }

    static func evaluate(_ context: EngineContext) -> String {
        guard let value = try? context.evaluate("[1, 2, 3].map((x) => x * 14).reduce((a, b) => a + b)") else { return "failed" }
        return context.toSwiftString(value) ?? "failed"
    }
}
