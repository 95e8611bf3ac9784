import SecureExecEngine
import Testing

@Suite("Engine")
struct EngineTests {
    @Test func evaluatesScripts() throws {
        let vm = EngineVM()
        let context = EngineContext(vm: vm)
        let value = try context.evaluate("6 * 7")
        #expect(context.toNumber(value) == 42)
    }

    @Test func drainsMicrotasksWhenAsked() throws {
        let vm = EngineVM()
        let context = EngineContext(vm: vm)
        let drain = context.makeFunction(name: "drain") { _ in
            context.drainMicrotasks()
            return context.undefined
        }
        context.set(context.globalObject, "drain", drain)
        let value = try context.evaluate("let x = 0; Promise.resolve().then(() => { x = 1 }); drain(); x")
        #expect(context.toNumber(value) == 1)
    }

    @Test func hostFunctionsThrowGuestErrors() throws {
        let vm = EngineVM()
        let context = EngineContext(vm: vm)
        let fail = context.makeFunction(name: "fail") { _ throws(JSThrow) in
            throw JSThrow(context.makeError(name: "TypeError", message: "nope"))
        }
        context.set(context.globalObject, "fail", fail)
        let value = try context.evaluate("try { fail() } catch (e) { (e instanceof TypeError) + ':' + e.message }")
        #expect(context.toSwiftString(value) == "true:nope")
    }
}
