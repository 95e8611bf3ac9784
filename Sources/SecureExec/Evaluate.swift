import Foundation
import SecureExecBridge

/// Runs `code` once in a fresh sandbox and returns its value decoded as `T`: the one-call form
/// for "code mode" (a model writes a script against a few host functions).
///
/// ```swift
/// let total: Int = try await SecureExec.evaluate("""
///     const accounts = await crm.findAccounts({ region: 'EU' });
///     accounts.length
///     """, hostFunctions: ["crm": ["findAccounts": findAccounts]])
/// ```
///
/// The value is, in this order:
/// 1. for a single expression (`1 + 1`, `await crm.count()`), its value;
/// 2. for a script without top-level `await`, its completion value — the value of the last
///    expression statement, as `eval` returns it;
/// 3. for a script with top-level `await`, the value of a top-level `return` (`undefined`
///    without one);
/// 4. for an ES module (static `import`/`export`), its `export default`.
///
/// Scripts run like a CommonJS entry (`require`, `module`, `exports`, `__filename` are in
/// scope). A promise is awaited. The value crosses as JSON (a `Date` arrives as its ISO string and
/// decodes into a `Date` field; `undefined` decodes as `nil`). Output goes nowhere; the runtime
/// is disposed before this returns.
///
/// - Throws: ``SecureExecError`` with ``SecureExecError/Code/guestFailed`` (the guest's error
///   message) when the code throws or a limit stops it, ``SecureExecError/Code/decodingFailed``
///   when the value does not decode as `T`.
public func evaluate<T: Decodable>(_ code: String, as type: T.Type = T.self, hostFunctions: HostFunctions = [:],
                                   permissions: Permissions = Permissions(), limits: ResourceLimits = .default,
                                   isolation: Isolation = .process) async throws -> T {
    let runtime = try NodeRuntime(systemDriver: NodeDriver(permissions: permissions), limits: limits,
                                  isolation: isolation, hostFunctions: hostFunctions)
    let result: RunResult
    do {
        result = try await Evaluation.run(code, on: runtime)
        await runtime.dispose()
    } catch {
        await runtime.dispose()
        throw error
    }
    guard result.code == 0 else {
        throw SecureExecError(.guestFailed, result.errorMessage ?? "exit code \(result.code)")
    }
    var json: [UInt8] = []
    (result.exports ?? .null).write(to: &json)
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .custom { decoder in
        let container = try decoder.singleValueContainer()
        if let ms = try? container.decode(Double.self) { return Date(timeIntervalSince1970: ms / 1000) }
        let text = try container.decode(String.self)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = formatter.date(from: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 date")
        }
        return date
    }
    do {
        return try decoder.decode(T.self, from: Data(json))
    } catch {
        throw SecureExecError(.decodingFailed, "the value does not decode as \(T.self)", underlying: error)
    }
}

/// How ``evaluate(_:as:hostFunctions:permissions:limits:isolation:)`` finds a value: a wrapper
/// entry tries the forms in order (parsing only — nothing runs twice) and exports
/// `{ value }`, or `{ module: true }` when the code only parses as an ES module, which then runs
/// as a module entry.
enum Evaluation {
    static func run(_ code: String, on runtime: NodeRuntime) async throws -> RunResult {
        var literal: [UInt8] = []
        JSONValue.writeString(code, to: &literal)
        let wrapper = script.replacingOccurrences(of: "$se$CODE", with: String(decoding: literal, as: UTF8.self))
        var first = try await runtime.run(wrapper)
        guard first.code == 0, first.exports?["module"] == true else {
            first.exports = first.exports?["value"] ?? .null
            return first
        }
        // Module syntax: the code itself is the entry (`[eval].js` is judged by its syntax).
        var second = try await runtime.run(code)
        second.exports = second.exports?["default"] ?? .null
        return second
    }

    // Locals carry a `$se$` prefix: direct eval shares this function's scope.
    private static let script = #"""
        const $se$code = $se$CODE;
        const $se$AsyncFunction = (async function () {}).constructor;
        const $se$params = ['require', 'module', 'exports', '__filename', '__dirname'];
        const $se$args = [require, module, exports, __filename, __dirname];
        function $se$parses(make) {
          try { return make(); } catch (e) { if (e instanceof SyntaxError) return undefined; throw e; }
        }
        let $se$value;
        let $se$isModule = false;
        let $se$expression = $se$parses(() => new $se$AsyncFunction(...$se$params, 'return (\n' + $se$code + '\n)'));
        if ($se$expression !== undefined) {
          $se$value = await Reflect.apply($se$expression, exports, $se$args);
        } else if ($se$parses(() => new Function(...$se$params, $se$code)) !== undefined) {
          let $se$body;
          try {
            $se$value = eval($se$code);
          } catch (e) {
            // Only a top-level `return` parses as a function body but not as a script; a
            // SyntaxError at parse time means nothing ran.
            if (!(e instanceof SyntaxError) || !/Return statements are only valid inside functions/.test(e.message)) throw e;
            $se$body = new Function(...$se$params, $se$code);
          }
          if ($se$body !== undefined) $se$value = Reflect.apply($se$body, exports, $se$args);
        } else {
          const $se$async = $se$parses(() => new $se$AsyncFunction(...$se$params, $se$code));
          if ($se$async === undefined) {
            if (!/\b(import|export)\b/.test($se$code)) new $se$AsyncFunction(...$se$params, $se$code);
            $se$isModule = true;
          } else {
            $se$value = await Reflect.apply($se$async, exports, $se$args);
          }
        }
        module.exports = $se$isModule ? { module: true } : { value: await $se$value };
        """#
}
