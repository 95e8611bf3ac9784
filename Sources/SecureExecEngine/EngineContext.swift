#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A JavaScript exception thrown by guest code or raised for it by a host function.
package struct JSThrow: Error {
    package let value: JSValueRef
    package init(_ value: JSValueRef) { self.value = value }
}

/// One global environment (realm) in an ``EngineVM``. Thread-confined like its VM.
package final class EngineContext {
    package let vm: EngineVM
    package let ref: JSGlobalContextRef

    package init(vm: EngineVM) {
        self.vm = vm
        ref = JSGlobalContextCreateInGroup(vm.group, nil)
    }

    /// A context whose global object is of `globalClass` (see ``ContextifiedRealm``).
    init(vm: EngineVM, globalClass: JSClassRef) {
        self.vm = vm
        ref = JSGlobalContextCreateInGroup(vm.group, globalClass)
    }

    deinit { JSGlobalContextRelease(ref) }

    package var globalObject: JSObjectRef { JSContextGetGlobalObject(ref) }

    /// Disables `eval`, `new Function` and the other string-to-code routes.
    package func disableEval(message: String) {
        let msg = JSStringRef.make(message)
        defer { JSStringRelease(msg) }
        JSGlobalContextSetEvalEnabled(ref, false, msg)
    }

    // MARK: Evaluation

    /// Evaluates a classic script.
    package func evaluate(_ source: String, sourceURL: String? = nil, startingLine: Int32 = 1) throws(JSThrow) -> JSValueRef {
        let src = JSStringRef.make(source)
        defer { JSStringRelease(src) }
        return try evaluate(src, sourceURL: sourceURL, startingLine: startingLine)
    }

    /// Evaluates an engine string as a classic script.
    package func evaluate(_ source: JSStringRef, sourceURL: String? = nil, startingLine: Int32 = 1) throws(JSThrow) -> JSValueRef {
        let url = sourceURL.map(JSStringRef.make)
        defer { if let url { JSStringRelease(url) } }
        var exception: JSValueRef?
        let result = JSEvaluateScript(ref, source, nil, url, startingLine, &exception)
        if let exception { throw JSThrow(exception) }
        return result ?? undefined
    }

    /// Parses and compiles `source` once for evaluation in any context of this VM, or nil when it
    /// does not parse (evaluate it as text to get the engine's own `SyntaxError`).
    package func compileIfValid(_ source: JSStringRef, sourceURL: String) -> CompiledScript? {
        let url = JSStringRef.make(sourceURL)
        defer { JSStringRelease(url) }
        var errorMessage: JSStringRef?
        var errorLine: Int32 = 0
        guard let script = JSScriptCreateFromString(vm.group, url, 1, source, &errorMessage, &errorLine) else {
            if let errorMessage { JSStringRelease(errorMessage) }
            return nil
        }
        return CompiledScript(script: script, group: vm.group)
    }

    /// Parses and compiles once; evaluate the result in any context of the same VM.
    package func compile(_ source: String, sourceURL: String) throws(JSThrow) -> CompiledScript {
        let src = JSStringRef.make(source)
        defer { JSStringRelease(src) }
        let url = JSStringRef.make(sourceURL)
        defer { JSStringRelease(url) }
        var errorMessage: JSStringRef?
        var errorLine: Int32 = 0
        guard let script = JSScriptCreateFromString(vm.group, url, 1, src, &errorMessage, &errorLine) else {
            let text = errorMessage.map { String.fromJS($0) } ?? "syntax error"
            if let errorMessage { JSStringRelease(errorMessage) }
            throw JSThrow(makeError(name: "SyntaxError", message: "\(text) (\(sourceURL):\(errorLine))"))
        }
        return CompiledScript(script: script, group: vm.group)
    }

    package func evaluate(_ script: CompiledScript) throws(JSThrow) -> JSValueRef {
        precondition(script.group == vm.group, "a compiled script runs only in contexts of its own VM")
        var exception: JSValueRef?
        let result = JSScriptEvaluate(ref, script.script, nil, &exception)
        if let exception { throw JSThrow(exception) }
        return result ?? undefined
    }

    /// Calls `function` with `this` and arguments.
    package func call(_ function: JSObjectRef, this: JSObjectRef? = nil, _ arguments: [JSValueRef]) throws(JSThrow) -> JSValueRef {
        var exception: JSValueRef?
        let arguments = arguments.map { Optional($0) }
        let result = arguments.withUnsafeBufferPointer { args in
            JSObjectCallAsFunction(ref, function, this, args.count, args.baseAddress, &exception)
        }
        if let exception { throw JSThrow(exception) }
        return result ?? undefined
    }

    /// Runs the microtask queue to exhaustion now. Called from a host function inside a JS
    /// entry, so the watchdog's budget for that entry covers every job (JSC would otherwise drain
    /// at the outermost lock release, giving each job a fresh budget). JSC drops the API lock
    /// around host callbacks; the drain needs it held.
    package func drainMicrotasks() {
        #if canImport(CJavaScriptCore)
        JSLock(ref)
        sejsc_drain_microtasks(vm.group)
        JSUnlock(ref)
        #endif
    }

    // MARK: Values

    package var undefined: JSValueRef { JSValueMakeUndefined(ref) }
    package var null: JSValueRef { JSValueMakeNull(ref) }
    package func number(_ n: Double) -> JSValueRef { JSValueMakeNumber(ref, n) }
    package func boolean(_ b: Bool) -> JSValueRef { JSValueMakeBoolean(ref, b) }

    package func string(_ s: String) -> JSValueRef {
        let js = JSStringRef.make(s)
        defer { JSStringRelease(js) }
        return JSValueMakeString(ref, js)
    }

    /// A string from UTF-8 bytes (invalid sequences become U+FFFD).
    package func string(utf8 bytes: UnsafeRawBufferPointer) -> JSValueRef {
        string(String(decoding: bytes, as: UTF8.self))
    }

    package func object() -> JSObjectRef { JSObjectMake(ref, nil, nil) }

    package func array(_ values: [JSValueRef]) throws(JSThrow) -> JSObjectRef {
        var exception: JSValueRef?
        let values = values.map { Optional($0) }
        let result = values.withUnsafeBufferPointer { JSObjectMakeArray(ref, $0.count, $0.baseAddress, &exception) }
        if let exception { throw JSThrow(exception) }
        guard let result else { throw JSThrow(makeError(name: "Error", message: "array creation failed")) }
        return result
    }

    /// A full, synchronous collection of the VM's heap (`gc()` under `--expose-gc`).
    package func collectGarbage() {
        vm.copiedBytesSinceCollection = 0
        JSSynchronousGarbageCollectForDebugging(ref)
    }

    /// A new `Uint8Array` owning a copy of `bytes`.
    package func uint8Array(copying bytes: UnsafeRawBufferPointer) -> JSValueRef {
        let count = bytes.count
        vm.copiedBytesSinceCollection += count
        if vm.copiedBytesSinceCollection > EngineVM.copiedBytesPerCollection {
            vm.copiedBytesSinceCollection = 0
            JSSynchronousGarbageCollectForDebugging(ref)
        }
        guard let memory = malloc(max(count, 1)) else { return undefined }
        if count > 0, let base = bytes.baseAddress { memcpy(memory, base, count) }
        var exception: JSValueRef?
        let array = JSObjectMakeTypedArrayWithBytesNoCopy(
            ref, kJSTypedArrayTypeUint8Array, memory, count, { bytes, _ in free(bytes) }, nil, &exception)
        if exception != nil || array == nil {
            free(memory)
            return undefined
        }
        // The collector does not see malloc'd backing stores: report them, or a guest reading
        // large files in a loop outgrows the memory limit before any collection.
        JSReportExtraMemoryCost(ref, count)
        return array ?? undefined
    }

    /// Calls `body` with the bytes of a typed array or ArrayBuffer view (offset applied), or nil
    /// when `value` is not one. The pointer is valid only inside `body`.
    package func withBytes<R>(of value: JSValueRef, _ body: (UnsafeRawBufferPointer?) -> R) -> R {
        guard JSValueIsObject(ref, value), let object = JSValueToObject(ref, value, nil) else { return body(nil) }
        let type = JSValueGetTypedArrayType(ref, value, nil)
        if type == kJSTypedArrayTypeNone { return body(nil) }
        if type == kJSTypedArrayTypeArrayBuffer {
            let base = JSObjectGetArrayBufferBytesPtr(ref, object, nil)
            let length = JSObjectGetArrayBufferByteLength(ref, object, nil)
            return body(UnsafeRawBufferPointer(start: base, count: base == nil ? 0 : length))
        }
        // The pointer is the buffer's base, not the view's start: add the byte offset.
        guard let base = JSObjectGetTypedArrayBytesPtr(ref, object, nil) else { return body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        let offset = JSObjectGetTypedArrayByteOffset(ref, object, nil)
        let length = JSObjectGetTypedArrayByteLength(ref, object, nil)
        return body(UnsafeRawBufferPointer(start: base + offset, count: length))
    }

    package func isString(_ v: JSValueRef) -> Bool { JSValueIsString(ref, v) }
    package func isUndefined(_ v: JSValueRef) -> Bool { JSValueIsUndefined(ref, v) }
    package func isObject(_ v: JSValueRef) -> Bool { JSValueIsObject(ref, v) }

    /// `ToString(value)`; nil when the conversion throws.
    package func toSwiftString(_ value: JSValueRef) -> String? {
        var exception: JSValueRef?
        guard let js = JSValueToStringCopy(ref, value, &exception), exception == nil else { return nil }
        defer { JSStringRelease(js) }
        return String.fromJS(js)
    }

    /// UTF-8 bytes of a string value (no conversion of non-strings).
    package func utf8Bytes(ofString value: JSValueRef) -> [UInt8]? {
        guard JSValueIsString(ref, value), let js = JSValueToStringCopy(ref, value, nil) else { return nil }
        defer { JSStringRelease(js) }
        return js.utf8Bytes()
    }

    package func toNumber(_ value: JSValueRef) -> Double {
        JSValueToNumber(ref, value, nil)
    }

    package func toObject(_ value: JSValueRef) -> JSObjectRef? {
        guard JSValueIsObject(ref, value) else { return nil }
        return JSValueToObject(ref, value, nil)
    }

    package func isFunction(_ value: JSValueRef) -> Bool {
        guard let object = toObject(value) else { return false }
        return JSObjectIsFunction(ref, object)
    }

    // MARK: Properties

    package func get(_ object: JSObjectRef, _ name: String) -> JSValueRef {
        let key = JSStringRef.make(name)
        defer { JSStringRelease(key) }
        return JSObjectGetProperty(ref, object, key, nil) ?? undefined
    }

    package func set(_ object: JSObjectRef, _ name: String, _ value: JSValueRef, readOnly: Bool = false) {
        let key = JSStringRef.make(name)
        defer { JSStringRelease(key) }
        let attributes = readOnly
            ? JSPropertyAttributes(kJSPropertyAttributeReadOnly | kJSPropertyAttributeDontDelete | kJSPropertyAttributeDontEnum)
            : JSPropertyAttributes(kJSPropertyAttributeNone)
        JSObjectSetProperty(ref, object, key, value, attributes, nil)
    }

    package func delete(_ object: JSObjectRef, _ name: String) {
        let key = JSStringRef.make(name)
        defer { JSStringRelease(key) }
        _ = JSObjectDeleteProperty(ref, object, key, nil)
    }

    /// A guest `Error` (or subclass by `name`) created in this realm.
    package func makeError(name: String, message: String) -> JSValueRef {
        let constructor = get(globalObject, name)
        let args: [JSValueRef?] = [string(message)]
        var exception: JSValueRef?
        if let ctor = toObject(constructor), JSObjectIsConstructor(ref, ctor) {
            let made = args.withUnsafeBufferPointer { JSObjectCallAsConstructor(ref, ctor, 1, $0.baseAddress, &exception) }
            if let made, exception == nil { return made }
        }
        let made = args.withUnsafeBufferPointer { JSObjectMakeError(ref, 1, $0.baseAddress, nil) }
        return made ?? string(message)
    }

    /// Keeps `value` alive until ``unprotect(_:)`` (values held outside the JS stack).
    package func protect(_ value: JSValueRef) { JSValueProtect(ref, value) }
    package func unprotect(_ value: JSValueRef) { JSValueUnprotect(ref, value) }

    /// Registers the callback JSC calls for promises rejected with no handler (after a drain).
    package func setUnhandledRejectionCallback(_ function: JSObjectRef) throws(JSThrow) {
        var exception: JSValueRef?
        JSGlobalContextSetUnhandledRejectionCallback(ref, function, &exception)
        if let exception { throw JSThrow(exception) }
    }

    package func reportExtraMemory(_ bytes: Int) { JSReportExtraMemoryCost(ref, bytes) }
}

/// A parsed script, reusable across contexts of the VM that compiled it.
package final class CompiledScript {
    let script: JSScriptRef
    let group: JSContextGroupRef
    init(script: JSScriptRef, group: JSContextGroupRef) {
        self.script = script
        self.group = group
    }
    deinit { JSScriptRelease(script) }
}

extension JSStringRef {
    /// A JSC string from a Swift string (UTF-16 when it holds NUL, which C strings cannot carry).
    package static func make(_ s: String) -> JSStringRef {
        if !s.utf8.contains(0) {
            return s.withCString { JSStringCreateWithUTF8CString($0) }
        }
        let units = Array(s.utf16)
        return units.withUnsafeBufferPointer { JSStringCreateWithCharacters($0.baseAddress, $0.count) }
    }

    /// UTF-8 bytes; lone surrogates become U+FFFD.
    package func utf8Bytes() -> [UInt8] {
        let length = JSStringGetLength(self)
        guard length > 0, let chars = JSStringGetCharactersPtr(self) else { return [] }
        let units = UnsafeBufferPointer(start: chars, count: length)
        var out: [UInt8] = []
        out.reserveCapacity(length)
        // ASCII fast path, then a full transcoder for the rest.
        var i = 0
        while i < length, units[i] < 0x80 { out.append(UInt8(truncatingIfNeeded: units[i])); i += 1 }
        if i == length { return out }
        transcode(units[i...].makeIterator(), from: UTF16.self, to: UTF8.self, stoppingOnError: false) { out.append($0) }
        return out
    }
}

extension String {
    package static func fromJS(_ js: JSStringRef) -> String {
        String(decoding: js.utf8Bytes(), as: UTF8.self)
    }
}
