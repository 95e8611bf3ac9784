/// The arguments of one call from guest code into a host function.
package struct HostCall: ~Copyable {
    package let context: JSContextRef
    package let this: JSObjectRef?
    package let arguments: UnsafeBufferPointer<JSValueRef?>

    package var count: Int { arguments.count }

    /// Argument `i`, or `undefined` when missing.
    package subscript(_ i: Int) -> JSValueRef {
        if i < arguments.count, let value = arguments[i] { return value }
        return JSValueMakeUndefined(context)
    }
}

/// A Swift closure callable from JavaScript. Return a value or throw ``JSThrow``.
package typealias HostFunctionBody = (borrowing HostCall) throws(JSThrow) -> JSValueRef

/// Boxes a host closure as the private data of a callable JS object.
private final class HostFunctionBox {
    let body: HostFunctionBody
    init(_ body: @escaping HostFunctionBody) { self.body = body }
}

/// The class of callable host objects (created once per process, on first use).
// The class is immutable after creation and JSC's class refs may be used from any thread.
nonisolated(unsafe) private let hostFunctionClass: JSClassRef = {
    var definition = kJSClassDefinitionEmpty
    definition.className = nil
    definition.attributes = JSClassAttributes(kJSClassAttributeNoAutomaticPrototype)
    definition.callAsFunction = { ctx, function, this, argc, argv, exception in
        guard let ctx, let function, let opaque = JSObjectGetPrivate(function) else { return nil }
        let box = Unmanaged<HostFunctionBox>.fromOpaque(opaque).takeUnretainedValue()
        let call = HostCall(context: ctx, this: this, arguments: UnsafeBufferPointer(start: argv, count: argc))
        do throws(JSThrow) {
            return try box.body(call)
        } catch {
            exception?.pointee = error.value
            return nil
        }
    }
    definition.finalize = { object in
        guard let object, let opaque = JSObjectGetPrivate(object) else { return }
        Unmanaged<HostFunctionBox>.fromOpaque(opaque).release()
    }
    return JSClassCreate(&definition)
}()

extension EngineContext {
    /// A guest function that runs `body`. It inherits from the guest's `Function.prototype`, so
    /// `.call`/`.apply`/`.bind` work and nothing host-side is reachable through its prototype.
    package func makeFunction(name: String, _ body: @escaping HostFunctionBody) -> JSObjectRef {
        let box = Unmanaged.passRetained(HostFunctionBox(body)).toOpaque()
        let function = JSObjectMake(ref, hostFunctionClass, box)!
        if let functionConstructor = toObject(get(globalObject, "Function")) {
            JSObjectSetPrototype(ref, function, get(functionConstructor, "prototype"))
        }
        set(function, "name", string(name), readOnly: true)
        return function
    }
}
