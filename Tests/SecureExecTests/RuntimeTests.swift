import Foundation
import SecureExec
import Synchronization
import Testing

@Suite("Runtime: exec, run, exit codes, fresh state", .timeLimit(.minutes(1)))
struct RuntimeTests {
    @Test func consoleLogReachesOnStdio() async throws {
        let (result, output) = try await exec("console.log(1 + 1); console.error('oops'); process.stdout.write('raw')")
        #expect(result == ExecResult(code: 0))
        #expect(output.stdout == "2\nraw")
        #expect(output.stderr == "oops\n")
    }

    /// `execArgv: ["--expose-gc"]` gives the guest Node's global `gc()`; without it there is none.
    /// Output written before a synchronous call reaches the host before that call does — in
    /// process isolation the call may go through shared memory while output goes through the
    /// socket — and large answers (past the shared memory) arrive whole.
    @Test func outputComesBeforeTheSyncCallThatFollowsIt() async throws {
        let output = Output()
        let seen = Mutex<[Int]>([])
        let permissions = Permissions(fs: .check { (request: FsAccessRequest) -> Bool in
            if request.path == "/tmp/probe" { seen.withLock { $0.append(output.stdout.split(separator: "\n").count) } }
            return true
        })
        let runtime = try NodeRuntime(systemDriver: NodeDriver(permissions: permissions), isolation: testIsolation,
                                      onStdio: output.handler)
        let result = try await runtime.exec("""
            const fs = require('fs');
            for (let i = 1; i <= 300; i++) { console.log(i); fs.existsSync('/tmp/probe'); }
            const big = 'x'.repeat(3 << 20);
            fs.writeFileSync('/tmp/big', big);
            if (fs.readFileSync('/tmp/big', 'utf8') !== big) throw new Error('large answer changed');
            """)
        await runtime.dispose()
        #expect(result.code == 0, "\(result)")
        #expect(seen.withLock { $0 } == Array(1...300))
    }

    @Test func exposeGCDefinesAGlobalGC() async throws {
        let code = """
            const registry = new FinalizationRegistry((tag) => console.log('finalized', tag));
            (() => { registry.register({}, 'x'); })();
            console.log(typeof globalThis.gc, process.execArgv.join());
            if (typeof gc === 'function') { gc(); setTimeout(() => { gc(); }, 1); }
            """
        let (_, plain) = try await exec(code)
        #expect(plain.stdout == "undefined \n")
        let (result, exposed) = try await exec(code, NodeDriver(processConfig: ProcessConfig(execArgv: ["--expose-gc"])))
        #expect(result.code == 0, "\(result)")
        #expect(exposed.stdout.hasPrefix("function --expose-gc\n"), "\(exposed.stdout)")
    }

    /// `execArgv: ["--expose-internals"]` lets guest code require the runtime's `internal/*`
    /// modules (as Node's own tests do) — never the bootstrap or the loaders; without it they are
    /// not found, as in Node.
    @Test func exposeInternalsOpensTheInternalModules() async throws {
        let code = """
            const attempt = (name) => { try { require(name); return 'ok'; } catch (e) { return e.code; } };
            console.log(attempt('internal/errors'), attempt('internal/bootstrap'), attempt('internal/loop'));
            if (attempt('internal/errors') === 'ok') {
              const { codes } = require('internal/errors');
              const { normalizeEncoding, kEmptyObject } = require('internal/util');
              const { internalBinding } = require('internal/test/binding');
              console.log(new codes.ERR_INVALID_ARG_TYPE('x', 'string', 1).message);
              console.log(normalizeEncoding('UCS-2'), Object.isFrozen(kEmptyObject), internalBinding('uv').UV_ENOENT,
                          internalBinding('uv').errname(-13), internalBinding('constants').os.signals.SIGTERM);
              try { internalBinding('fs'); } catch (e) { console.log(e.message); }
            }
            """
        let (_, plain) = try await exec(code)
        #expect(plain.stdout == "MODULE_NOT_FOUND MODULE_NOT_FOUND MODULE_NOT_FOUND\n", "\(plain.stdout)")
        let (result, exposed) = try await exec(code, NodeDriver(processConfig: ProcessConfig(execArgv: ["--expose-internals"])))
        #expect(result.code == 0, "\(result)")
        #expect(exposed.stdout == """
            ok MODULE_NOT_FOUND MODULE_NOT_FOUND
            The "x" argument must be of type string. Received type number (1)
            utf16le true -2 EACCES 15
            No such binding: fs

            """, "\(exposed.stdout)")
    }

    /// `--abort-on-uncaught-exception` aborts (134) past 'uncaughtException' listeners and without
    /// 'exit'; a capture callback (`process.setUncaughtExceptionCaptureCallback`) takes the error
    /// first, and then nothing aborts; the warning options set their `process` flags.
    @Test func abortOnUncaughtExceptionAndTheCaptureCallback() async throws {
        let driver = NodeDriver(processConfig: ProcessConfig(execArgv: ["--abort-on-uncaught-exception", "--no-deprecation"]))
        let (aborted, abortedOutput) = try await exec("""
            process.on('uncaughtException', () => console.log('listener'));
            process.on('exit', () => console.log('exit'));
            console.log(process.noDeprecation, process.throwDeprecation);
            setTimeout(() => { throw new Error('boom'); }, 1);
            """, driver)
        #expect(aborted.code == 134, "\(aborted)")
        #expect(abortedOutput.stdout == "true undefined\n")
        #expect(abortedOutput.stderr.hasPrefix("Uncaught Error: boom"), "\(abortedOutput.stderr)")
        let (captured, capturedOutput) = try await exec("""
            console.log(process.hasUncaughtExceptionCaptureCallback());
            process.setUncaughtExceptionCaptureCallback((err) => console.log('captured', err.message));
            try { process.setUncaughtExceptionCaptureCallback(() => {}); } catch (e) { console.log(e.code); }
            try { require('domain'); } catch (e) { console.log(e.code); }
            setTimeout(() => { throw new Error('late'); }, 1);
            throw new Error('first');
            """, driver)
        #expect(captured.code == 0, "\(captured)")
        #expect(capturedOutput.stdout == """
            false
            ERR_UNCAUGHT_EXCEPTION_CAPTURE_ALREADY_SET
            ERR_DOMAIN_CALLBACK_NOT_AVAILABLE
            captured first
            captured late

            """, "\(capturedOutput.stdout)")
    }

    /// Proxies are seen through without running a trap, as V8 lets Node do: `util.types.isProxy`,
    /// `showProxy`, `%s`, and revoked proxies; `Proxy` itself still looks like the constructor.
    @Test func proxiesAreInspectedWithoutRunningTraps() async throws {
        let (result, output) = try await exec("""
            const util = require('util');
            const trap = () => { throw new Error('a trap ran'); };
            const handler = { get: trap, has: trap, ownKeys: trap, getPrototypeOf: trap, getOwnPropertyDescriptor: trap };
            const p = new Proxy({ a: 1 }, handler);
            const r = Proxy.revocable([1], {});
            console.log(util.types.isProxy(p), util.types.isProxy({}), util.format('%s', p), util.inspect(p));
            console.log(util.inspect(r.proxy, { showProxy: true }));
            r.revoke();
            console.log(util.inspect(r.proxy, { showProxy: true }), typeof Proxy, Proxy.name, Proxy.length, 'prototype' in Proxy);
            try { Proxy({}, {}); } catch (e) { console.log(e instanceof TypeError); }
            """)
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == """
            true false { a: 1 } { a: 1 }
            Proxy [ [ 1 ], {} ]
            <Revoked Proxy> function Proxy 2 false
            true

            """, "\(output.stdout)")
    }

    /// V8 knows which constructor made an object after its prototype is set to null (util.inspect
    /// says `[Foo: null prototype]`; not for derived classes), and prints native functions — and the proxies and functions
    /// that stand in for the engine's — as `function name() { [native code] }` on one line.
    @Test func constructorNamesAndNativeSourcesAsV8Shows() async throws {
        let (result, output) = try await exec("""
            const util = require('util');
            class Foo { toString() { return 'Bar'; } }
            const viaReflect = new Foo(); Reflect.setPrototypeOf(viaReflect, null);
            const viaProto = new Foo(); viaProto.__proto__ = null;
            class List extends Array {}
            class Sub extends Foo {}
            console.log(util.format('%s', Object.setPrototypeOf(new Foo(), null)), util.inspect(viaReflect), util.inspect(viaProto),
                        util.inspect(Object.setPrototypeOf(List.from([1]), null)), util.inspect(Object.create(null)),
                        util.inspect(Object.setPrototypeOf(new Sub(), null)));
            console.log(String(Object.keys), String(Proxy), String(new Proxy(function f() {}, {})), String(Object.setPrototypeOf));
            console.log(String(Object.getOwnPropertyDescriptor(Map.prototype, 'size').get), String(function f(a) { return a; }),
                        util.types.isProxy(Object.setPrototypeOf), Object.setPrototypeOf.length, String(Function.prototype.toString));
            """)
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == """
            [Foo: null prototype] {} [Foo: null prototype] {} [Foo: null prototype] {} [Array(1): null prototype] [ 1 ] [Object: null prototype] {} [Object: null prototype] {}
            function keys() { [native code] } function Proxy() { [native code] } function () { [native code] } function setPrototypeOf() { [native code] }
            function get size() { [native code] } function f(a) { return a; } false 2 function toString() { [native code] }

            """, "\(output.stdout)")
    }

    /// Writes to frozen and non-extensible objects fail with V8's words; where JSC does not say
    /// which property (a builtin did the write), the words stay V8's without the name.
    @Test func nonExtensibleWritesFailInV8Words() async throws {
        let (result, output) = try await exec("""
            'use strict';
            const attempt = (f) => { try { f(); } catch (e) { console.log(e.constructor.name, e.message); } };
            attempt(() => { const o = Object.freeze({}); o.bar = 1; });
            attempt(() => { const o = Object.preventExtensions({}); o.z = 1; });
            attempt(() => { Object.freeze([1]).push(2); });
            attempt(() => { Object.assign(Object.freeze({}), { foo: 1 }); });
            attempt(() => { Object.defineProperty(Object.freeze({}), 'q', { value: 1 }); });
            attempt(() => { const o = Object.freeze({ x: 1 }); o.x = 2; });
            attempt(() => { const c = 1; c = 2; });
            """)
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == """
            TypeError Cannot add property bar, object is not extensible
            TypeError Cannot add property z, object is not extensible
            TypeError Cannot add property, object is not extensible
            TypeError Cannot add property, object is not extensible
            TypeError Cannot define property, object is not extensible
            TypeError Cannot assign to read only property 'x' of object '#<Object>'
            TypeError Assignment to constant variable.

            """, "\(output.stdout)")
    }

    /// `navigator` as in Node 22: an enumerable getter on the global, a Navigator that cannot be
    /// constructed, the sandbox's CPU count and platform (output printed by Node 22 here).
    @Test func navigatorIsNodes() async throws {
        let (result, output) = try await exec("""
            console.log(navigator.hardwareConcurrency > 0, navigator.language, navigator.languages, Object.isFrozen(navigator.languages),
                        navigator.userAgent, navigator.platform, navigator === globalThis.navigator);
            const d = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
            console.log(typeof d.get, d.set, d.enumerable, d.configurable, d.get.name, typeof Navigator);
            try { new Navigator(); } catch (e) { console.log(e.name, e.code, e.message); }
            console.log(require('util').inspect(navigator), require('util').inspect(navigator, { showHidden: true }).replace(/\\n */g, ' '));
            """)
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == """
            true en-US [ 'en-US' ] true Node.js/22 Linux x86_64 true
            function undefined true true get navigator function
            TypeError ERR_ILLEGAL_CONSTRUCTOR Illegal constructor
            Navigator {} Navigator { hardwareConcurrency: [Getter], language: [Getter], languages: [Getter], userAgent: [Getter], platform: [Getter] }

            """, "\(output.stdout)")
    }

    @Test func perCallOnStdioOverridesTheRuntimes() async throws {
        let (runtime, runtimeOutput) = try makeRuntime()
        let callOutput = Output()
        _ = try await runtime.exec("console.log('here')", options: ExecOptions(onStdio: callOutput.handler))
        #expect(callOutput.stdout == "here\n")
        #expect(runtimeOutput.stdout.isEmpty)
    }

    @Test func consoleFormatsLikeUtilInspect() async throws {
        let (_, output) = try await exec("""
            console.log({ a: 1, b: 'two', c: [1, 2, { d: null }] });
            console.log(new Map([['k', 1]]), new Set([1]), [undefined, -0, 1n]);
            console.log('%s is %d years', 'Bob', 42, { extra: true });
            const e = new RangeError('bad'); e.stack = 'RangeError: bad\\n    at here (file.js:1:1)'; console.log(e);
            console.log(Symbol('s'), function named() {}, class K {}, null, undefined);
            """)
        #expect(output.stdout == """
            { a: 1, b: 'two', c: [ 1, 2, { d: null } ] }
            Map(1) { 'k' => 1 } Set(1) { 1 } [ undefined, -0, 1n ]
            Bob is 42 years { extra: true }
            RangeError: bad
                at here (file.js:1:1)
            Symbol(s) [Function: named] [class K] null undefined

            """)
    }

    @Test(arguments: [
        ("process.exit(3)", Int32(3)),
        ("process.nextTick(() => process.exit(4)); setTimeout(() => {}, 1000)", 4),
        ("setTimeout(() => process.exit(5), 1)", 5),
        ("Promise.resolve().then(() => process.exit(6))", 6),
        ("process.exitCode = 7", 7),
        ("process.on('exit', (c) => { process.exitCode = c + 1 }); process.exitCode = 2", 3),
        ("try { process.exit(8) } catch {} ; for (;;) {}", 8),
        ("console.log('ok')", 0),
    ])
    func exitCodes(code: String, expected: Int32) async throws {
        let (result, _) = try await exec(code)
        #expect(result.code == expected)
        #expect(result.errorMessage == nil)
    }

    @Test func uncaughtErrorsExitOneWithNodesFirstLine() async throws {
        let (result, output) = try await exec("function f() { throw new TypeError('x is not a function') }\nf()")
        #expect(result.code == 1)
        #expect(result.errorMessage == "TypeError: x is not a function")
        // As Node: where it was thrown (file:line, source line, caret), then the error and its stack.
        #expect(output.stderr.hasPrefix("/root/[eval].js:1\nfunction f() { throw new TypeError('x is not a function') }\n               ^\n\n"))
        #expect(output.stderr.contains("\n\nTypeError: x is not a function\n    at f (/root/[eval].js:1:22)\n"))
        #expect(output.stderr.hasSuffix("\n\nNode.js v22.20.0\n"))
    }

    @Test func syntaxErrorsPointAtTheirLineAsNodeDoes() async throws {
        // Node 22's output for each (checked with node22): the file and line, the line, a caret under
        // the token, then the error alone; the engine's own line/column/sourceURL properties are gone.
        let fs = InMemoryFileSystem()
        try fs.write("/root/bad.js", contents: "function f() {\n  return 1 +;\n}\n")
        try fs.write("/root/bad.mjs", contents: "import fs from 'fs';\nlet x = [1, 2;\n")
        for (file, header, line, caret) in [("bad.js", "/root/bad.js", "  return 1 +;", "            ^"),
                                            ("bad.mjs", "file:///root/bad.mjs", "let x = [1, 2;", "             ^")] {
            let (result, output) = try await exec("require('./\(file)')", NodeDriver(filesystem: fs, permissions: .allowAllFs))
            #expect(result.code == 1)
            #expect(output.stderr.hasPrefix("\(header):2\n\(line)\n\(caret)\n\nSyntaxError: Unexpected token ';'\n"), "\(output.stderr)")
        }
        let (_, output) = try await exec("""
            try { require('./bad.js') } catch (e) { console.log(Object.keys(e).length, e.message) }
            """, NodeDriver(filesystem: fs, permissions: .allowAllFs))
        #expect(output.stdout == "0 Unexpected token ';'\n")
    }

    @Test func unhandledRejectionsExitOne() async throws {
        let (result, _) = try await exec("Promise.reject(new Error('boom'))")
        #expect(result.code == 1)
        #expect(result.errorMessage == "Error: boom")
        let (primitive, _) = try await exec("Promise.reject('nope')")
        #expect(primitive.code == 1)
        #expect(primitive.errorMessage?.contains("The promise rejected with the reason \"'nope'\".") == true)
    }

    @Test func rejectionHandlersAndUncaughtHandlersWork() async throws {
        let (result, output) = try await exec("""
            process.on('unhandledRejection', (r) => console.log('caught', r.message));
            process.on('uncaughtException', (e) => console.log('uncaught', e.message));
            Promise.reject(new Error('a'));
            setTimeout(() => { throw new Error('b') }, 1);
            """)
        #expect(result.code == 0)
        #expect(output.stdout == "caught a\nuncaught b\n")
    }

    @Test func handledLaterInTheSameTickIsNotUnhandled() async throws {
        let (result, _) = try await exec("const p = Promise.reject(new Error('x')); Promise.resolve().then(() => p.catch(() => {}))")
        #expect(result.code == 0)
    }

    @Test func topLevelAwaitInExec() async throws {
        let (result, output) = try await exec("const v = await new Promise((r) => setTimeout(() => r(41), 5)); console.log(v + 1)")
        #expect(result.code == 0)
        #expect(output.stdout == "42\n")
    }

    @Test func commonJSGlobals() async throws {
        let (_, output) = try await exec("console.log(typeof require, typeof module, typeof exports, __filename, __dirname, this === module.exports)")
        #expect(output.stdout == "function object object /root/[eval].js /root true\n")
    }

    @Test func runReturnsModuleExports() async throws {
        let (runtime, _) = try makeRuntime()
        let result = try await runtime.run("module.exports = { sum: 1 + 1, list: [1, 'a', null, true], nested: { x: 1.5 } }")
        #expect(result.code == 0)
        #expect(result.exports == ["sum": 2, "list": [1, "a", nil, true], "nested": ["x": 1.5]])
        let scalar = try await runtime.run("module.exports = 1")
        #expect(scalar.exports == 1)
    }

    @Test func runDecodesCodable() async throws {
        struct Summary: Decodable, Equatable { let sum: Int; let names: [String] }
        let (runtime, _) = try makeRuntime()
        let value = try await runtime.run("module.exports = { sum: 3, names: ['a', 'b'] }", as: Summary.self)
        #expect(value == Summary(sum: 3, names: ["a", "b"]))
    }

    @Test func runRefusesFunctionsInExports() async throws {
        let (runtime, _) = try makeRuntime()
        let result = try await runtime.run("module.exports = { f() {} }")
        #expect(result.code == 1)
        #expect(result.errorMessage?.contains("failed to serialize exports") == true)
    }

    @Test func everyCallStartsFromCleanGlobals() async throws {
        let (runtime, output) = try makeRuntime()
        _ = try await runtime.exec("""
            Object.prototype.polluted = 1; Array.prototype.push = () => 0; globalThis.leak = 'x';
            setTimeout(() => console.log('late timer'), 50); require('fs').marker = true;
            process.exit(0)
            """)
        let result = try await runtime.exec("""
            console.log(({}).polluted, [].push(1), typeof leak, require('fs').marker);
            """)
        try await Task.sleep(for: .milliseconds(80))
        #expect(result.code == 0)
        #expect(output.stdout == "undefined 1 undefined undefined\n")
    }

    /// Guest code that puts `get`/`set` on Object.prototype (as Node's test-assert-fail does)
    /// does not break our own modules: their property descriptors have no prototype.
    @Test func accessorNamesOnObjectPrototypeDoNotBreakTheRuntime() async throws {
        let (runtime, output) = try makeRuntime(NodeDriver(permissions: .allowAllFs))
        let result = try await runtime.exec("""
            const assert = require('assert'), events = require('events');
            Object.prototype.get = function () { throw new Error('get called'); };
            Object.prototype.set = function () { throw new Error('set called'); };
            assert.throws(() => assert.fail(''), { code: 'ERR_ASSERTION' });
            const limit = Error.stackTraceLimit;
            Error.stackTraceLimit = 3;
            const e = new events.EventEmitter();
            e.on('x', (v) => console.log('event', v));
            e.emit('x', 1);
            require('fs').writeFileSync('/tmp/p.txt', 'ok');
            console.log(require('fs').readFileSync('/tmp/p.txt', 'utf8'), new URL('http://a/b').pathname,
                        Error.stackTraceLimit, Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit').value);
            Error.stackTraceLimit = limit;
            delete Object.prototype.get; delete Object.prototype.set;
            """)
        #expect(result.code == 0, "\(result.errorMessage ?? "")")
        #expect(output.stdout == "event 1\nok /b 3 3\n")
    }

    @Test func aLaterRuntimeStartsClean() async throws {
        // In-process engines are pooled: the next runtime may get this one's engine.
        let (first, _) = try makeRuntime()
        _ = try await first.exec("Object.prototype.polluted = 1; globalThis.leak = 'x'; Symbol.for('marker')")
        await first.dispose()
        let (second, output) = try makeRuntime(NodeDriver(processConfig: ProcessConfig(cwd: "/work")))
        let result = try await second.exec("console.log(({}).polluted, typeof leak, process.cwd())")
        #expect(result.code == 0)
        #expect(output.stdout == "undefined undefined /work\n")
        await second.dispose()
    }

    @Test func aDisposedRuntimeCannotStopTheNextOnesCalls() async throws {
        let (first, _) = try makeRuntime()
        _ = try await first.exec("1")
        await first.dispose()
        let (second, output) = try makeRuntime()
        async let call = second.exec("setTimeout(() => console.log('done'), 100)")
        try await Task.sleep(for: .milliseconds(20))
        first.terminate()  // must not reach the engine it gave back
        #expect(try await call.code == 0)
        #expect(output.stdout == "done\n")
        await second.dispose()
    }

    @Test func requireLoadsFilesFromTheVirtualFilesystem() async throws {
        let fs = InMemoryFileSystem()
        try fs.write("/root/lib/math.js", contents: "exports.double = (x) => x * 2; exports.name = __filename")
        try fs.write("/root/lib/data.json", contents: "{\"n\": 21}")
        let (result, output) = try await exec("""
            const m = require('./lib/math'); const d = require('./lib/data.json');
            console.log(m.double(d.n), m.name, require('./lib/math') === m);
            try { require('./missing') } catch (e) { console.log(e.code, e.message.split('\\n')[0]) }
            """, NodeDriver(filesystem: fs, permissions: .allowAllFs))
        #expect(result.code == 0)
        #expect(output.stdout == "42 /root/lib/math.js true\nMODULE_NOT_FOUND Cannot find module './missing'\n")
    }

    @Test func unsupportedModulesSayso() async throws {
        let (_, output) = try await exec("for (const m of ['cluster', 'inspector', 'repl']) { try { require(m) } catch (e) { console.log(e.message) } }")
        #expect(output.stdout == "cluster is not supported in sandbox\ninspector is not supported in sandbox\nrepl is not supported in sandbox\n")
    }

    /// A `vm` context is a second realm with nothing but ECMAScript builtins: no natives, no
    /// bridge, no require. Recursion through a contextified Proxy ends in a RangeError, the
    /// number of contexts per call is bounded, and the runtime serves the next call.
    @Test func vmContextsReachNothingOfTheHost() async throws {
        let (runtime, output) = try makeRuntime(limits: ResourceLimits(memoryMB: 512))
        let result = try await runtime.exec("""
            const vm = require('vm');
            const names = vm.runInNewContext('Object.getOwnPropertyNames(globalThis)');
            console.log(names.filter((n) => /natives|internal|bridge|require|process|host/i.test(n)).length,
                        vm.runInNewContext('typeof Function("return this")().process'));
            const loop = new Proxy({}, { has: () => true, get: (t, k) => (k === Symbol.unscopables ? undefined : vm.runInContext('again', c)) });
            const c = vm.createContext(loop);
            try { vm.runInContext('start', c); } catch (e) { console.log(e.name); }
            try { for (let i = 0; i < 2000; i++) vm.createContext({}); } catch (e) { console.log(e.code); }
            """)
        #expect(result.code == 0, "\(result.errorMessage ?? "")")
        #expect(output.stdout == "0 undefined\nRangeError\nERR_RESOURCE_BUDGET_EXCEEDED\n")
        let next = try await runtime.exec("console.log(require('vm').runInNewContext('a * 2', { a: 21 }))")
        #expect(next.code == 0)
        #expect(output.stdout.hasSuffix("ERR_RESOURCE_BUDGET_EXCEEDED\n42\n"))
        await runtime.dispose()
    }

    @Test func nodeInternalsAreNotReachable() async throws {
        let (_, output) = try await exec("""
            for (const m of ['internal/bootstrap', 'internal/loop', 'node:internal/errors']) {
              try { require(m); console.log('loaded', m) } catch (e) { console.log(e.code) }
            }
            const names = Object.getOwnPropertyNames(globalThis).filter((n) => /natives|internal|bridge/i.test(n));
            console.log(JSON.stringify(names));
            for (const fn of ['binding', '_linkedBinding', 'dlopen']) { try { process[fn]('fs') } catch (e) { console.log(e.message) } }
            """, NodeDriver(permissions: .allowAllFs))
        #expect(output.stdout == """
            MODULE_NOT_FOUND
            MODULE_NOT_FOUND
            ERR_UNKNOWN_BUILTIN_MODULE
            []
            process.binding is not supported in sandbox
            process._linkedBinding is not supported in sandbox
            process.dlopen is not supported in sandbox

            """)
    }

    @Test func processAndOSReportTheConfiguredView() async throws {
        let driver = NodeDriver(permissions: .allowAllFs,
                                processConfig: ProcessConfig(cwd: "/tmp", argv: ["node", "main.js", "--flag"]),
                                osConfig: OSConfig(hostname: "box"))
        let (_, output) = try await exec("""
            const os = require('os');
            console.log(process.platform, process.version, process.cwd(), process.argv.join(' '), process.pid);
            console.log(os.hostname(), os.homedir(), os.tmpdir(), os.platform(), typeof process.hrtime.bigint());
            process.chdir('/root'); console.log(process.cwd());
            try { process.chdir('/nope') } catch (e) { console.log(e.code) }
            """, driver)
        #expect(output.stdout == """
            linux v22.20.0 /tmp node main.js --flag 1
            box /root /tmp linux bigint
            /root
            ENOENT

            """)
    }

    @Test func cryptoRandomnessWorksAndTheRestSaysSo() async throws {
        let (_, output) = try await exec("""
            const c = require('crypto');
            const ids = new Set(Array.from({ length: 100 }, () => c.randomUUID()));
            console.log(ids.size, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test([...ids][0]));
            const bytes = crypto.getRandomValues(new Uint8Array(64)); console.log(bytes.some((b) => b !== 0));
            try { crypto.getRandomValues(new Uint8Array(65537)) } catch (e) { console.log(e.name) }
            try { c.createDiffieHellman(512) } catch (e) { console.log(e.message) }
            console.log(c.createHash('sha256').update('a').update(Buffer.from('bc')).digest('hex'));
            console.log(c.createHmac('sha512', 'k').update('d').digest('base64').length, c.hash('sha1', 'abc'));
            try { c.createHash('whirlpool') } catch (e) { console.log(e.code) }
            """)
        #expect(output.stdout == """
            100 true
            true
            QuotaExceededError
            crypto.createDiffieHellman is not supported in sandbox
            ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
            88 a9993e364706816aba3e25717850c26c9cd0d89d
            ERR_OSSL_EVP_UNSUPPORTED

            """)
    }

    @Test(arguments: [
        ("null.x", "TypeError: Cannot read properties of null (reading 'x')"),
        ("let o = {}; o.bar()", "TypeError: o.bar is not a function"),
        ("x.y", "ReferenceError: x is not defined"),
        ("const c = 1; c = 2", "TypeError: Assignment to constant variable."),
        ("function f() { f() } f()", "RangeError: Maximum call stack size exceeded"),
        ("1n + 1", "TypeError: Cannot mix BigInt and other types, use explicit conversions"),
        ("Promise.reject(new Array(-1))", "RangeError: Invalid array length"),
    ])
    func uncaughtEngineErrorsUseNodesWording(code: String, message: String) async throws {
        let (result, output) = try await exec(code)
        #expect(result.errorMessage == message)
        // After Node's source line and caret.
        #expect(output.stderr.hasPrefix("/root/[eval].js:1\n\(code)\n"))
        #expect(output.stderr.contains("^\n\n\(message)\n"))
    }
}
