import Foundation
import SecureExecBridge
import Synchronization

/// The host side of one call's host functions (bridge operation `host.call`): budgets, argument
/// decoding, running the closure, error mapping and cancellation when the call ends.
final class HostFunctionCalls: Sendable {
    private let functions: [String: HostFunction.Callable]
    private let limits: ResourceLimits
    private let state = Mutex(State())

    private struct State {
        var calls = 0
        var pending = 0
        var ended = false
        var nextTask = 0
        var tasks: [Int: @Sendable () -> Void] = [:]
    }

    init(functions: [String: HostFunction.Callable], limits: ResourceLimits) {
        self.functions = functions
        self.limits = limits
    }

    /// A `host.call` counted against the budgets (``admit(_:)``), still to be answered.
    struct Admission: Sendable {
        fileprivate let name: String
        fileprivate let function: HostFunction.Callable
    }

    /// Counts a `host.call` (`{f: qualified name, …}`) against the budgets. The bridge does this
    /// synchronously, in the order the guest made its calls, before any of them runs: a later
    /// call can never take the place of an earlier one that has not started yet.
    func admit(_ args: Arguments) throws -> Admission {
        let name = try args.string("f")
        guard let function = functions[name] else {
            throw GuestError(code: "ERR_INVALID_ARG_VALUE", message: "\(name) is not a host function", name: "TypeError")
        }
        // Only async calls count as pending: a sync call blocks the guest until it returns.
        try admit(name, async: !function.synchronous)
        return Admission(name: name, function: function)
    }

    /// Answers an admitted `host.call`: `{f: qualified name, a: wire-format argument array}` plus
    /// the bytes the arguments refer to.
    func perform(_ admission: Admission, _ args: Arguments, _ binary: [UInt8]?) async throws -> BridgeResponse {
        let (name, function) = (admission.name, admission.function)
        defer { if !function.synchronous { state.withLock { $0.pending -= 1 } } }
        let arguments = try decodeArguments(try args.string("a"), binary ?? [], function: name)

        let result: HostValue
        do {
            if function.synchronous {
                result = try await function.invoke(name, arguments)
            } else {
                result = try await runCancellable(name, arguments, function)
            }
        } catch let error as HostFunctionError {
            throw GuestError(code: error.code, message: error.message)
        } catch let error as GuestError {
            throw error
        } catch is CancellationError {
            throw GuestError(code: "ERR_HOST_FUNCTION_CANCELLED", message: "\(name) was cancelled")
        } catch {
            throw GuestError(code: "ERR_HOST_FUNCTION", message: "\(name) failed")
        }
        var out: [UInt8] = []
        do {
            try result.writeWire(to: &out, maxDepth: limits.maxHostValueDepth, maxBytes: limits.maxJSONPayloadBytes)
            if out.count > limits.maxJSONPayloadBytes {
                throw HostValueWireError(message: "the result exceeds \(limits.maxJSONPayloadBytes) bytes", tooLarge: true)
            }
        } catch {
            let message = (error as? HostValueWireError)?.message ?? "the result cannot be sent"
            throw GuestError(code: "ERR_HOST_FUNCTION_RESULT", message: "\(name): \(message)", name: "RangeError")
        }
        return BridgeResponse(status: .ok, json: out)
    }

    /// Registers the end-of-call clean-up (before the call starts, so no call can outlive it).
    func attach(to host: CallHost) {
        host.onCallEnd { [self] in self.cancelAll() }
    }

    /// Counts the call against the budgets.
    private func admit(_ name: String, async: Bool) throws {
        let refusal = state.withLock { s -> GuestError? in
            if s.ended { return GuestError(code: "ERR_HOST_FUNCTION_CANCELLED", message: "\(name) was cancelled") }
            if s.calls >= limits.maxHostFunctionCalls {
                return GuestError(code: "ERR_SANDBOX_HOST_CALL_LIMIT",
                                  message: "ERR_SANDBOX_HOST_CALL_LIMIT: more than \(limits.maxHostFunctionCalls) host function calls",
                                  name: "RangeError")
            }
            if async && s.pending >= limits.maxPendingHostFunctionCalls {
                return GuestError(code: "ERR_SANDBOX_HOST_CALL_LIMIT",
                                  message: "ERR_SANDBOX_HOST_CALL_LIMIT: more than \(limits.maxPendingHostFunctionCalls) pending host function calls",
                                  name: "RangeError")
            }
            s.calls += 1
            if async { s.pending += 1 }
            return nil
        }
        if let refusal { throw refusal }
    }

    private func decodeArguments(_ text: String, _ binary: [UInt8], function: String) throws -> [HostValue] {
        let json: JSONValue
        do {
            // The wire adds one level for the argument list.
            json = try JSONValue.parse(text.utf8, maxDepth: limits.maxHostValueDepth + 1)
        } catch {
            throw GuestError(code: "ERR_INVALID_ARG_VALUE",
                             message: "\(function): arguments are malformed or nested more than \(limits.maxHostValueDepth) levels",
                             name: "RangeError")
        }
        do {
            guard case .array(let list) = try HostValue.fromWire(json, binary: binary) else {
                throw HostValueWireError(message: "malformed arguments")
            }
            return list
        } catch {
            let message = (error as? HostValueWireError)?.message ?? "malformed arguments"
            throw GuestError(code: "ERR_INVALID_ARG_VALUE", message: "\(function): \(message)", name: "TypeError")
        }
    }

    /// Runs an async function in a task of its own, cancelled when the call ends (or when the
    /// request's own task is cancelled).
    private func runCancellable(_ name: String, _ arguments: [HostValue], _ function: HostFunction.Callable) async throws -> HostValue {
        let task = Task { try await function.invoke(name, arguments) }
        let id = state.withLock { s -> Int? in
            if s.ended { return nil }
            s.nextTask += 1
            s.tasks[s.nextTask] = { task.cancel() }
            return s.nextTask
        }
        guard let id else {
            task.cancel()
            throw CancellationError()
        }
        defer { _ = state.withLock { $0.tasks.removeValue(forKey: id) } }
        return try await withTaskCancellationHandler {
            try await task.value
        } onCancel: {
            task.cancel()
        }
    }

    /// The call ended: cancel what is in flight and refuse further calls.
    private func cancelAll() {
        let cancels = state.withLock { s -> [@Sendable () -> Void] in
            s.ended = true
            defer { s.tasks.removeAll() }
            return Array(s.tasks.values)
        }
        for cancel in cancels { cancel() }
    }
}

/// What the guest's `internal/host_functions` installs at bootstrap (runtime configuration key
/// `hostFunctions`): the tree of names and the limits its serializer enforces.
enum HostFunctionInstaller {
    static func configuration(_ functions: HostFunctions, _ limits: ResourceLimits) -> JSONValue {
        [
            "tree": functions.guestDescription,
            "maxDepth": .number(Double(limits.maxHostValueDepth)),
            "maxBytes": .number(Double(limits.maxJSONPayloadBytes)),
            "maxBinaryBytes": .number(Double(limits.maxBinaryPayloadBytes)),
        ]
    }
}
