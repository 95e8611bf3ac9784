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

    /// A realm for `sandbox` (an object of any context of `vm`).
    package init(vm: EngineVM, sandbox: JSObjectRef) {
        box = SandboxBox(sandbox: sandbox)
        context = EngineContext(vm: vm, globalClass: contextifiedGlobalClass)
        // Protection is per VM: this realm's own context serves for both calls.
        JSValueProtect(context.ref, sandbox)
        _ = JSObjectSetPrivate(context.globalObject, Unmanaged.passUnretained(box).toOpaque())
    }

    deinit {
        _ = JSObjectSetPrivate(context.globalObject, nil)
        JSValueUnprotect(context.ref, box.sandbox)
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
