#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A second global environment in the same VM whose global variables are the properties of an
/// ordinary object of another realm (Node's "contextified" object, `vm.createContext`).
///
/// The new realm starts with nothing but the ECMAScript builtins: no host function, no `require`,
/// no bridge. Reads of a global name look in the sandbox object first (then the builtins);
/// assignments, deletions and enumeration act on the sandbox object, as V8's interceptors do for
/// Node. It shares the VM's heap, CPU watchdog and microtask queue with the guest's own realm.
package final class ContextifiedRealm {
    package let context: EngineContext
    private let box: SandboxBox

    /// The realm's own `eval` (taken before the sandbox is attached, so never the sandbox's).
    private let intrinsicEval: JSObjectRef?

    /// A realm for `sandbox` (an object of any context of `vm`).
    package init(vm: EngineVM, sandbox: JSObjectRef) {
        box = SandboxBox(sandbox: sandbox)
        let realmContext = EngineContext(vm: vm, globalClass: contextifiedGlobalClass)
        context = realmContext
        let name = JSStringRef.make("eval")
        defer { JSStringRelease(name) }
        var eval: JSObjectRef?
        if let value = JSObjectGetProperty(realmContext.ref, realmContext.globalObject, name, nil),
           let object = JSValueToObject(realmContext.ref, value, nil), JSObjectIsFunction(realmContext.ref, object) {
            JSValueProtect(realmContext.ref, object)
            eval = object
        }
        intrinsicEval = eval
        // Protection is per VM: this realm's own context serves for both calls.
        JSValueProtect(context.ref, sandbox)
        _ = JSObjectSetPrivate(context.globalObject, Unmanaged.passUnretained(box).toOpaque())
    }

    deinit {
        _ = JSObjectSetPrivate(context.globalObject, nil)
        if let intrinsicEval { JSValueUnprotect(context.ref, intrinsicEval) }
        JSValueUnprotect(context.ref, box.sandbox)
    }

    /// Runs `source` as global code of this realm by an indirect `eval`, whose top-level `var` and
    /// function declarations become properties of the sandbox that later reads find. (A script's
    /// declarations become JavaScriptCore symbol-table globals, which bare reads use and which
    /// never reach the sandbox's properties.) The price: eval code carries no file name in stacks.
    /// Nil when the realm has no eval of its own.
    package func evaluateAsGlobalEval(_ source: String) throws(JSThrow) -> JSValueRef? {
        guard let intrinsicEval else { return nil }
        let text = JSStringRef.make(source)
        defer { JSStringRelease(text) }
        let argument: JSValueRef? = JSValueMakeString(context.ref, text)
        var exception: JSValueRef?
        let result = withUnsafePointer(to: argument) { pointer in
            JSObjectCallAsFunction(context.ref, intrinsicEval, nil, 1, pointer, &exception)
        }
        if let exception { throw JSThrow(exception) }
        return result ?? JSValueMakeUndefined(context.ref)
    }

    /// The realm's global object (what `globalThis` is inside it).
    package var globalObject: JSObjectRef { context.globalObject }
}

/// The sandbox object a contextified global forwards to.
private final class SandboxBox {
    let sandbox: JSObjectRef
    init(sandbox: JSObjectRef) { self.sandbox = sandbox }
}

private func sandbox(of object: JSObjectRef?) -> JSObjectRef? {
    guard let object, let opaque = JSObjectGetPrivate(object) else { return nil }
    return Unmanaged<SandboxBox>.fromOpaque(opaque).takeUnretainedValue().sandbox
}

/// The class of contextified globals: every named-property operation consults the sandbox.
// Immutable after creation; JSC class refs may be used from any thread.
nonisolated(unsafe) private let contextifiedGlobalClass: JSClassRef = {
    var definition = kJSClassDefinitionEmpty
    definition.className = nil
    definition.hasProperty = { ctx, object, name in
        guard let ctx, let name, let target = sandbox(of: object) else { return false }
        return JSObjectHasProperty(ctx, target, name)
    }
    definition.getProperty = { ctx, object, name, exception in
        guard let ctx, let name, let target = sandbox(of: object), JSObjectHasProperty(ctx, target, name) else { return nil }
        return JSObjectGetProperty(ctx, target, name, exception)
    }
    definition.setProperty = { ctx, object, name, value, exception in
        guard let ctx, let name, let target = sandbox(of: object) else { return false }
        JSObjectSetProperty(ctx, target, name, value, JSPropertyAttributes(kJSPropertyAttributeNone), exception)
        return true
    }
    definition.deleteProperty = { ctx, object, name, exception in
        guard let ctx, let name, let target = sandbox(of: object), JSObjectHasProperty(ctx, target, name) else { return false }
        return JSObjectDeleteProperty(ctx, target, name, exception)
    }
    definition.getPropertyNames = { ctx, object, names in
        guard let ctx, let names, let target = sandbox(of: object) else { return }
        let list = JSObjectCopyPropertyNames(ctx, target)
        defer { if let list { JSPropertyNameArrayRelease(list) } }
        for i in 0..<JSPropertyNameArrayGetCount(list) {
            JSPropertyNameAccumulatorAddName(names, JSPropertyNameArrayGetNameAtIndex(list, i))
        }
    }
    return JSClassCreate(&definition)
}()
