import Foundation
import SecureExec
import Synchronization
import Testing

/// Records what host functions saw (values, counts, flags) across threads.
final class Recorder: Sendable {
    private let values = Mutex<[HostValue]>([])
    private let counter = Atomic(0)
    private let flag = Atomic(false)

    func record(_ value: HostValue) { values.withLock { $0.append(value) } }
    var recorded: [HostValue] { values.withLock { $0 } }
    @discardableResult func increment() -> Int { counter.add(1, ordering: .relaxed).newValue }
    var count: Int { counter.load(ordering: .relaxed) }
    func set() { flag.store(true, ordering: .relaxed) }
    var isSet: Bool { flag.load(ordering: .relaxed) }

    /// Waits (bounded) until `condition` holds; returns whether it did.
    func wait(timeout: Duration = .seconds(30), until condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !condition() {
            if ContinuousClock.now > deadline || Task.isCancelled { return false }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return true
    }
}

private func runtime(_ functions: HostFunctions, limits: ResourceLimits = .default) throws -> (NodeRuntime, Output) {
    let output = Output()
    let runtime = try NodeRuntime(limits: limits, isolation: testIsolation, onStdio: output.handler, hostFunctions: functions)
    return (runtime, output)
}

/// Runs `code` with `functions` installed; returns the result and stdout.
private func run(_ code: String, _ functions: HostFunctions, limits: ResourceLimits = .default) async throws -> (ExecResult, String) {
    let (runtime, output) = try runtime(functions, limits: limits)
    let result = try await runtime.exec(code)
    await runtime.dispose()
    return (result, output.stdout)
}

struct Query: Codable, Sendable {
    var region: String
    var limit: Int
    var since: Date
    var tags: [String]
    var payload: Data
    var filter: Filter?

    struct Filter: Codable, Sendable {
        var minRevenue: Double
        var owners: [String]
    }
}

struct Account: Codable, Sendable, Equatable {
    var id: Int
    var name: String
    var created: Date
    var logo: Data
}

@Suite("Host functions", .timeLimit(.minutes(3)))
struct HostFunctionTests {
    // MARK: - Values

    @Test func everyValueKindRoundTripsThroughAnUntypedFunction() async throws {
        let recorder = Recorder()
        let echo = HostFunction(untyped: { arguments in
            recorder.record(.array(arguments))
            return arguments.first ?? .undefined
        })
        let (result, stdout) = try await run("""
            const input = {
              undef: undefined, nul: null, t: true, f: false, int: 42, neg: -1.5, nan: NaN, inf: Infinity,
              ninf: -Infinity, negZero: -0, big: 123456789012345678901234567890n, nbig: -5n, str: 'héllo "q" \\n ✓',
              arr: [1, , 'x', [2, [3]]], obj: JSON.parse('{"__proto__": "own", "nested": {"deep": ["y"]}}'),
              date: new Date(1700000000123), bad: new Date(NaN),
              map: new Map([['a', 1], [{ k: 1 }, new Set([1, 2])]]), set: new Set(['s', 2]),
              u8: new Uint8Array([1, 2, 255]), i16: new Int16Array([-2, 300]), f64: new Float64Array([1.5, -0.25]),
              big64: new BigInt64Array([-1n, 2n]), ab: new Uint8Array([9, 8, 7]).buffer,
              dv: new DataView(new Uint8Array([5, 6, 7, 8]).buffer, 1, 2), buf: Buffer.from('hi'),
              sub: new Uint16Array(new Uint16Array([1, 2, 3, 4]).buffer, 2, 2),
              re: /a+b/gi, err: new TypeError('bad thing'), boxed: new String('boxed'),
            };
            const out = await api.echo(input);
            const util = require('util');
            console.log(util.isDeepStrictEqual(out, { ...input, obj: out.obj, arr: [1, undefined, 'x', [2, [3]]],
              dv: out.dv, buf: out.buf, err: out.err, bad: out.bad, boxed: 'boxed' }));
            for (const k of Object.keys(input)) if (!util.isDeepStrictEqual(out[k], input[k])) console.error('differs:', k);
            console.log(Object.is(out.negZero, -0), Number.isNaN(out.nan), out.big === input.big);
            console.log(out.date instanceof Date, out.date.getTime(), Number.isNaN(out.bad.getTime()));
            console.log(out.map instanceof Map, [...out.map.keys()][1].k, [...out.map.values()][1] instanceof Set);
            console.log(out.u8 instanceof Uint8Array, out.i16 instanceof Int16Array, out.i16[1], out.f64[1], out.big64[0]);
            console.log(out.ab instanceof ArrayBuffer, new Uint8Array(out.ab)[2], out.dv instanceof DataView, out.dv.getUint8(0));
            console.log(out.buf.constructor.name, out.buf.length, out.sub.length, out.sub[0]);
            console.log(out.re instanceof RegExp, out.re.source, out.re.flags);
            console.log(out.err instanceof TypeError, out.err.message, Object.getPrototypeOf(out.obj) === Object.prototype,
              Object.keys(out.obj).join(), out.obj.__proto__);
            console.log(out.arr.length, 1 in out.arr);
            """, ["api": ["echo": echo]])
        #expect(result.code == 0, "\(result.errorMessage ?? "")")
        #expect(stdout == """
            true
            true true true
            true 1700000000123 true
            true 1 true
            true true 300 -0.25 -1n
            true 7 true 6
            Uint8Array 2 2 2
            true a+b gi
            true bad thing true __proto__,nested own
            4 true

            """)
        let value = try #require(recorder.recorded.first?[0])
        #expect(value["undef"] == .undefined)
        #expect(value["nul"] == .null)
        #expect(value["big"] == .bigInt("123456789012345678901234567890"))
        #expect(value["nbig"] == .bigInt("-5"))
        #expect(value["str"] == .string("héllo \"q\" \n ✓"))
        #expect(value["arr"] == [1, .undefined, "x", [2, [3]]])
        #expect(value["obj"]?["__proto__"] == "own")
        #expect(value["date"] == .date(Date(timeIntervalSince1970: 1_700_000_000.123)))
        #expect(value["map"] == .map([(key: "a", value: 1), (key: ["k": 1], value: .set([1, 2]))]))
        #expect(value["set"] == .set(["s", 2]))
        #expect(value["u8"] == .binary(.uint8Array, [1, 2, 255]))
        #expect(value["i16"] == .binary(.int16Array, [0xFE, 0xFF, 0x2C, 0x01]))
        #expect(value["ab"] == .binary(.arrayBuffer, [9, 8, 7]))
        #expect(value["dv"] == .binary(.dataView, [6, 7]))
        #expect(value["buf"] == .binary(.uint8Array, Array("hi".utf8)))
        #expect(value["sub"] == .binary(.uint16Array, [2, 0, 3, 0]))
        #expect(value["re"] == .regExp(source: "a+b", flags: "gi"))
        #expect(value["err"] == .error(name: "TypeError", message: "bad thing"))
        #expect(value["boxed"] == "boxed")
        #expect(value["negZero"]?.doubleValue?.sign == .minus)
        #expect(value["nan"]?.doubleValue?.isNaN == true)
    }

    @Test func typedInputAndOutputKeepDatesAndBytes() async throws {
        let recorder = Recorder()
        let find = HostFunction { (query: Query) -> [Account] in
            recorder.record(.string("\(query.region) \(query.limit) \(query.since.timeIntervalSince1970) \(query.tags) \(Array(query.payload)) \(query.filter?.owners ?? [])"))
            return [Account(id: 1, name: "Acme \(query.region)", created: query.since, logo: Data([1, 2, 3]))]
        }
        let (result, stdout) = try await run("""
            const accounts = await crm.findAccounts({ region: 'EU', limit: 3, since: new Date(86400000),
              tags: ['a', 'b'], payload: new Uint8Array([7, 8]), filter: { minRevenue: 1.5, owners: ['kim'] } });
            const [a] = accounts;
            console.log(accounts.length, a.id, a.name, a.created instanceof Date, a.created.toISOString(),
              a.logo instanceof Uint8Array, [...a.logo].join());
            // Dates may also come as ISO strings, bytes as plain arrays; optional fields may be missing.
            const again = await crm.findAccounts({ region: 'US', limit: 1, since: '1970-01-03T00:00:00Z', tags: [],
              payload: [1] });
            console.log(again[0].name, again[0].created.getTime());
            """, ["crm": ["findAccounts": find]])
        #expect(result.code == 0, "\(result.errorMessage ?? "")")
        #expect(stdout == """
            1 1 Acme EU true 1970-01-02T00:00:00.000Z true 1,2,3
            Acme US 172800000

            """)
        #expect(recorder.recorded == ["EU 3 86400.0 [\"a\", \"b\"] [7, 8] [\"kim\"]", "US 1 172800.0 [] [1] []"])
    }

    @Test func syncFunctionsAnswerWithoutAPromiseAndNamespacesAreFrozen() async throws {
        let (result, stdout) = try await run("""
            const n = math.add({ a: 2, b: 3 });
            console.log(n, typeof math, Object.isFrozen(math), Object.isFrozen(math.deep), Object.keys(math).sort().join());
            console.log(math.add.name, typeof math.add.prototype, math.deep.version(), typeof ping(), ping() instanceof Promise);
            math.add = null; math.extra = 1;
            console.log(typeof math.add, math.extra, delete globalThis.math, typeof math);
            try { new math.add({ a: 1, b: 1 }); } catch (e) { console.log(e.constructor.name); }
            console.log(await ping());
            """, [
                "math": [
                    "add": .sync { (pair: [String: Int]) in (pair["a"] ?? 0) + (pair["b"] ?? 0) },
                    "deep": ["version": .sync { () in "1.0" }],
                ],
                "ping": HostFunction { () in "pong" },
            ])
        #expect(result.code == 0, "\(result.errorMessage ?? "")")
        #expect(stdout == """
            5 object true true add,deep
            add undefined 1.0 object true
            function undefined false object
            TypeError
            pong

            """)
    }

    @Test func hundredParallelCallsAreInFlightTogether() async throws {
        let recorder = Recorder()
        let slow = HostFunction { (i: Int) -> [String: Int] in
            let arrived = recorder.increment()
            // Every call waits until all 100 have arrived: only possible if they run concurrently.
            let together = await recorder.wait { recorder.count >= 100 }
            return ["i": i, "together": together ? 1 : 0, "arrived": arrived]
        }
        let (result, stdout) = try await run("""
            const results = await Promise.all(Array.from({ length: 100 }, (_, i) => api.slow(i)));
            console.log(results.every((r, i) => r.i === i), results.every((r) => r.together === 1),
              new Set(results.map((r) => r.arrived)).size);
            """, ["api": ["slow": slow]])
        #expect(result.code == 0, "\(result.errorMessage ?? "")")
        #expect(stdout == "true true 100\n")
    }

    // MARK: - Errors

    struct Secret: Error, CustomStringConvertible {
        var description: String { "failed reading /etc/host-secret/config.json" }
    }

    @Test func errorsCrossBothWaysWithoutHostDetails() async throws {
        let recorder = Recorder()
        let (result, stdout) = try await run("""
            try { await api.refuse(); } catch (e) { console.log(e.constructor.name, e.message, e.code, String(e.stack).includes('.swift')); }
            try { await api.crash(); } catch (e) { console.log(e.constructor.name, JSON.stringify(e.message), e.code); }
            try { api.crashSync(); } catch (e) { console.log(e.message, e.code); }
            const made = await api.makeError();
            console.log(made instanceof RangeError, made.message, (await api.custom()).name);
            await api.take(new RangeError('from guest'));
            class MyError extends Error { constructor(m) { super(m); this.name = 'MyError'; } }
            await api.take(new MyError('custom'));
            """, ["api": [
                "refuse": HostFunction { () throws -> Int in throw HostFunctionError("no access to that account", code: "E_DENIED") },
                "crash": HostFunction { () throws -> Int in throw Secret() },
                "crashSync": .sync { () throws -> Int in throw Secret() },
                "makeError": HostFunction(untyped: { _ in .error(name: "RangeError", message: "too far") }),
                "custom": HostFunction(untyped: { _ in .error(name: "QuotaError", message: "q") }),
                "take": HostFunction(untyped: { arguments in recorder.record(arguments[0]); return .undefined }),
            ]])
        #expect(result.code == 0, "\(result.errorMessage ?? "")")
        #expect(stdout == """
            Error no access to that account E_DENIED false
            Error "api.crash failed" ERR_HOST_FUNCTION
            api.crashSync failed ERR_HOST_FUNCTION
            true too far QuotaError

            """)
        #expect(!stdout.contains("host-secret"))
        #expect(recorder.recorded == [.error(name: "RangeError", message: "from guest"), .error(name: "MyError", message: "custom")])
    }

    @Test func decodingFailuresNameTheFunctionAndTheField() async throws {
        let find = HostFunction { (query: Query) in query.region }
        let (result, stdout) = try await run("""
            const base = { region: 'EU', limit: 1, since: 0, tags: [], payload: [] };
            const attempts = [
              { ...base, limit: 'ten' },
              { ...base, region: undefined },
              { ...base, tags: ['a', 7] },
              { ...base, filter: { minRevenue: 1, owners: [null] } },
              { ...base, since: 'yesterday' },
              'just a string',
            ];
            for (const a of attempts) {
              try { await crm.find(a); console.log('accepted'); } catch (e) { console.log(e.constructor.name, e.code, e.message); }
            }
            try { await crm.find(base, 2); } catch (e) { console.log(e.constructor.name, e.message); }
            try { await crm.none(1); } catch (e) { console.log(e.constructor.name, e.message); }
            console.log(await crm.find(base));
            """, ["crm": ["find": find, "none": HostFunction { () in 0 }]])
        #expect(result.code == 0, "\(result.errorMessage ?? "")")
        #expect(stdout == """
            TypeError ERR_INVALID_ARG_TYPE crm.find: field "limit" of the argument must be of type Int (received string)
            TypeError ERR_INVALID_ARG_TYPE crm.find: field "region" of the argument is missing
            TypeError ERR_INVALID_ARG_TYPE crm.find: field "tags[1]" of the argument must be of type String (received number)
            TypeError ERR_INVALID_ARG_TYPE crm.find: field "filter.owners[0]" of the argument must be of type String (received null)
            TypeError ERR_INVALID_ARG_TYPE crm.find: field "since" of the argument has an invalid value (received string)
            TypeError ERR_INVALID_ARG_TYPE crm.find: the argument must be of type Query (received string)
            TypeError crm.find takes one argument (received 2)
            TypeError crm.none takes no arguments (received 1)
            EU

            """)
    }

    // MARK: - Hostile arguments

    @Test func hostileArgumentsNeverReachTheHostAlive() async throws {
        let recorder = Recorder()
        let take = HostFunction(untyped: { arguments in
            recorder.record(arguments.first ?? .undefined)
            return .null
        })
        let (result, stdout) = try await run("""
            const log = [];
            const attempt = async (label, make) => {
              try { await api.take(make()); log.push(`${label}: passed`); }
              catch (e) { log.push(`${label}: ${e.constructor.name} ${e.message.replace(/(\\.o){3,}/, '.o.o…')}`); }
            };
            const touched = new Set();
            const note = (what) => touched.add(what);
            await attempt('proxy', () => new Proxy({}, { get() { note('get'); return 1; }, ownKeys() { note('keys'); return []; } }));
            await attempt('nested proxy', () => ({ list: [1, Proxy.revocable([], {}).proxy] }));
            await attempt('getter', () => ({ get secret() { note('getter'); return 1; } }));
            await attempt('array getter', () => { const a = [1]; Object.defineProperty(a, 0, { get() { note('index'); return 2; } }); return a; });
            await attempt('toJSON', () => new (class { constructor() { this.plain = 1; } toJSON() { note('toJSON'); return 'replaced'; } })());
            await attempt('cycle', () => { const o = { a: [] }; o.a.push(o); return o; });
            await attempt('deep', () => { let o = {}; for (let i = 0; i < 1e6; i++) o = { o }; return o; });
            await attempt('function', () => ({ f() {} }));
            await attempt('symbol', () => Symbol('s'));
            await attempt('promise', () => Promise.resolve(1));
            // Prototype tricks: a fake Date, polluted prototypes, an inherited getter.
            const saved = { entries: Map.prototype.entries, iterator: Map.prototype[Symbol.iterator], stringify: JSON.stringify };
            Object.defineProperty(Object.prototype, 'value', { get() { note('Object.prototype.value'); return 'x'; }, configurable: true });
            Object.defineProperty(Array.prototype, '0', { set(v) { note('Array.prototype[0]'); }, configurable: true });
            Array.prototype.toJSON = () => { note('Array toJSON'); return []; };
            Map.prototype[Symbol.iterator] = function* () { note('Map iterator'); };
            Map.prototype.entries = function () { note('Map entries'); return [][Symbol.iterator](); };
            JSON.stringify = () => { note('JSON.stringify'); return '"hijacked"'; };
            await attempt('fake date', () => ({ [Symbol.toStringTag]: 'Date', getTime: () => 1, n: 1 }));
            await attempt('polluted', () => ({ list: [1, 2], map: new Map([[1, 2]]), inherited: Object.create({ get hidden() { note('hidden'); return 1; } }) }));
            delete Object.prototype.value; delete Array.prototype[0]; delete Array.prototype.toJSON;
            Map.prototype.entries = saved.entries; Map.prototype[Symbol.iterator] = saved.iterator; JSON.stringify = saved.stringify;
            console.log(log.join('\\n'));
            console.log('touched:', [...touched].join() || 'nothing');
            """, ["api": ["take": take]])
        #expect(result.code == 0, "\(result.errorMessage ?? "")")
        #expect(stdout == """
            proxy: TypeError api.take: argument 1 is a Proxy, which cannot be passed to a host function
            nested proxy: TypeError api.take: argument 1.list[1] is a Proxy, which cannot be passed to a host function
            getter: TypeError api.take: argument 1.secret has a getter, which is never called; pass plain data
            array getter: TypeError api.take: argument 1[0] has a getter, which is never called; pass plain data
            toJSON: passed
            cycle: TypeError api.take: argument 1.a[0] refers to itself (a cycle), which cannot be passed to a host function
            deep: RangeError api.take: argument 1.o.o… is nested more than 128 levels deep
            function: TypeError api.take: argument 1.f is a function, which cannot be passed to a host function
            symbol: TypeError api.take: argument 1 is a Symbol, which cannot be passed to a host function
            promise: TypeError api.take: argument 1 is a Promise (did you forget `await`?)
            fake date: TypeError api.take: argument 1.getTime is a function, which cannot be passed to a host function
            polluted: passed
            touched: nothing

            """)
        // Only the values that passed reached the host, as plain data.
        #expect(recorder.recorded.count == 2)
        #expect(recorder.recorded.first == ["plain": 1])
        #expect(recorder.recorded.last == ["list": [1, 2], "map": .map([(key: 1, value: 2)]), "inherited": [:]])
    }

    @Test func hugeArgumentsAreRefusedInTheGuestBeforeCopying() async throws {
        let recorder = Recorder()
        let take = HostFunction(untyped: { _ in recorder.increment(); return .null })
        var limits = ResourceLimits(memoryMB: 768)
        limits.maxHostValueDepth = 128
        let (result, stdout) = try await run("""
            const big = 'x'.repeat(100 * 1024 * 1024);
            for (const make of [() => big, () => ({ nested: [big] }), () => new Uint8Array(17 * 1024 * 1024),
                                () => new Array(1e9), () => Array.from({ length: 300000 }, () => 'abcdefghijklmnop')]) {
              try { await api.take(make()); console.log('passed'); }
              catch (e) { console.log(e.constructor.name, e.code, e.message); }
            }
            """, ["api": ["take": take]], limits: limits)
        #expect(result.code == 0, "\(result.errorMessage ?? "")")
        #expect(stdout == """
            RangeError ERR_SANDBOX_PAYLOAD_TOO_LARGE api.take: arguments exceed 4194304 bytes
            RangeError ERR_SANDBOX_PAYLOAD_TOO_LARGE api.take: arguments exceed 4194304 bytes
            RangeError ERR_SANDBOX_PAYLOAD_TOO_LARGE api.take: binary arguments exceed 16777216 bytes
            RangeError ERR_SANDBOX_PAYLOAD_TOO_LARGE api.take: arguments exceed 4194304 bytes
            RangeError ERR_SANDBOX_PAYLOAD_TOO_LARGE api.take: arguments exceed 4194304 bytes

            """)
        #expect(recorder.count == 0)
    }

    @Test func oversizedOrTooDeepResultsRejectInTheGuest() async throws {
        var limits = ResourceLimits(maxJSONPayloadBytes: 1024)
        limits.maxHostValueDepth = 8
        let (result, stdout) = try await run("""
            for (const f of [api.big, api.deep]) {
              try { await f(); } catch (e) { console.log(e.constructor.name, e.code, e.message); }
            }
            """, ["api": [
                "big": HostFunction { () in String(repeating: "y", count: 5000) },
                "deep": HostFunction(untyped: { _ in (0..<20).reduce(HostValue.null) { inner, _ in .array([inner]) } }),
            ]], limits: limits)
        #expect(result.code == 0, "\(result.errorMessage ?? "")")
        #expect(stdout == """
            RangeError ERR_HOST_FUNCTION_RESULT api.big: the result exceeds 1024 bytes
            RangeError ERR_HOST_FUNCTION_RESULT api.deep: the result is nested more than 8 levels deep

            """)
    }

    // MARK: - Budgets and cancellation

    @Test func callAndConcurrencyBudgetsAreEnforced() async throws {
        var limits = ResourceLimits()
        limits.maxHostFunctionCalls = 6
        limits.maxPendingHostFunctionCalls = 3
        let waits = Recorder()
        let counts = Recorder()
        let (result, stdout) = try await run("""
            const first = [api.wait(), api.wait()];
            await api.arrived(2); // both waits are in flight on the host
            // Three in flight at once are fine; a fourth is refused.
            const more = [api.wait(), api.wait()].map((p) => p.then(() => 'ok', (e) => `${e.constructor.name} ${e.message}`));
            api.release();
            console.log((await Promise.all(first)).join());
            console.log((await Promise.all(more)).sort().join('\\n'));
            // Six admitted calls in all (the refused one did not count): one more is allowed, then none.
            console.log(api.count());
            try { api.count(); } catch (e) { console.log(e.constructor.name, e.code, e.message); }
            """, ["api": [
                "wait": HostFunction { () in
                    waits.increment()
                    return await waits.wait { waits.isSet }
                },
                "arrived": HostFunction { (n: Int) in await waits.wait { waits.count >= n } },
                "release": .sync { () in waits.set(); return true },
                "count": .sync { () in counts.increment() },
            ]], limits: limits)
        #expect(result.code == 0, "\(result.errorMessage ?? "")")
        #expect(stdout == """
            true,true
            RangeError ERR_SANDBOX_HOST_CALL_LIMIT: more than 3 pending host function calls
            ok
            1
            RangeError ERR_SANDBOX_HOST_CALL_LIMIT ERR_SANDBOX_HOST_CALL_LIMIT: more than 6 host function calls

            """)
    }

    @Test func inFlightCallsAreCancelledWhenTheCallEnds() async throws {
        let started = Recorder()
        let cancelled = Recorder()
        let hang = HostFunction { () async -> Int in
            started.set()
            await withTaskCancellationHandler {
                _ = await started.wait(timeout: .seconds(120)) { false }
            } onCancel: {
                cancelled.set()
            }
            return 0
        }
        let (runtime, _) = try runtime(["api": ["hang": hang, "started": HostFunction { () in await started.wait { started.isSet } }]])
        let result = try await runtime.exec("""
            api.hang();
            await api.started();
            process.exit(3);
            """)
        #expect(result.code == 3)
        #expect(await cancelled.wait { cancelled.isSet })
        #expect(started.isSet)
        // The next call starts clean: the runtime still works.
        let again = try await runtime.exec("if (typeof api.hang !== 'function') throw new Error('missing')")
        #expect(again.code == 0)
        await runtime.dispose()
    }

    // MARK: - Configuration

    @Test(arguments: ["process", "JSON", "bad-name", "", "class", "9lives"])
    func invalidTopLevelNamesAreRefused(name: String) async throws {
        #expect(throws: SecureExecError.self) {
            _ = try NodeRuntime(isolation: .inProcess, hostFunctions: HostFunctions([name: HostFunction { () in 1 }]))
        }
        // Inside a namespace only identifier rules apply (`tools.process` clashes with nothing).
        let nested = { try NodeRuntime(isolation: .inProcess, hostFunctions: ["tools": [name: HostFunction { () in 1 }]]) }
        if ["process", "JSON"].contains(name) {
            try await nested().dispose()
        } else {
            #expect(throws: SecureExecError.self) { _ = try nested() }
        }
    }

    @Test func proxyStillBehavesLikeTheRealOne() async throws {
        let (result, stdout) = try await run("""
            console.log(typeof Proxy, Proxy.name, Proxy.length, typeof Proxy.prototype, typeof Proxy.revocable);
            console.log(new Proxy({ a: 1 }, {}).a, Proxy.revocable({ b: 2 }, {}).proxy.b);
            try { Proxy({}, {}); } catch (e) { console.log(e.constructor.name); }
            """, ["api": ["x": HostFunction { () in 1 }]])
        #expect(result.code == 0, "\(result.errorMessage ?? "")")
        #expect(stdout == "function Proxy 2 undefined function\n1 2\nTypeError\n")
    }

    // MARK: - evaluate

    /// The README's example: an agent-style script over two host functions.
    @Test func agentScriptFromTheReadme() async throws {
        struct AccountQuery: Decodable { var region: String; var minRevenue: Double? }
        struct Account: Encodable { var id: Int; var name: String; var revenue: Double; var region: String }
        struct Ticket: Encodable { var id: Int; var title: String; var opened: Date }
        struct Busy: Decodable, Equatable { var name: String; var open: Int }
        let accounts = [
            Account(id: 1, name: "Acme", revenue: 2e6, region: "EU"),
            Account(id: 2, name: "Globex", revenue: 5e6, region: "EU"),
            Account(id: 3, name: "Initech", revenue: 3e6, region: "US"),
            Account(id: 4, name: "Small", revenue: 1e3, region: "EU"),
        ]
        let tools: HostFunctions = [
            "crm": [
                "findAccounts": HostFunction { (query: AccountQuery) in
                    accounts.filter { $0.region == query.region && $0.revenue >= (query.minRevenue ?? 0) }
                },
                "openTickets": HostFunction { (accountID: Int) -> [Ticket] in
                    accountID == 1 ? [Ticket(id: 7, title: "Login fails", opened: Date(timeIntervalSince1970: 0)),
                                      Ticket(id: 8, title: "Invoice", opened: Date(timeIntervalSince1970: 60))] : []
                },
            ],
        ]
        let script = """
            const accounts = await crm.findAccounts({ region: 'EU', minRevenue: 1e6 });
            const tickets = await Promise.all(accounts.map((a) => crm.openTickets(a.id)));
            return accounts
              .map((a, i) => ({ name: a.name, open: tickets[i].length }))
              .filter((a) => a.open > 0);
            """
        let busy = try await SecureExec.evaluate(script, as: [Busy].self, hostFunctions: tools,
                                                 limits: ResourceLimits(cpuTime: .seconds(5)), isolation: testIsolation)
        #expect(busy == [Busy(name: "Acme", open: 2)])
    }


    @Test func evaluateReturnsTheValueOfExpressionsScriptsAndModules() async throws {
        let functions: HostFunctions = ["crm": [
            "count": HostFunction { (region: String) in region == "EU" ? 3 : 1 },
            "names": .sync { () in ["Acme", "Globex"] },
        ]]
        func value<T: Decodable>(_ code: String, as type: T.Type = T.self) async throws -> T {
            try await evaluate(code, as: type, hostFunctions: functions, isolation: testIsolation)
        }
        #expect(try await value("1 + 1") == 2)
        #expect(try await value("await crm.count('EU')") == 3)
        #expect(try await value("const n = crm.names(); n.push('Initech'); n") == ["Acme", "Globex", "Initech"])
        #expect(try await value("if (true) { 'then' } else { 'else' }") == "then")
        #expect(try await value("const a = await crm.count('EU'); const b = await crm.count('US'); return a + b") == 4)
        #expect(try await value("var x = 2; return x * 21") == 42)
        #expect(try await value("export default { total: await crm.count('EU') }") == ["total": 3])
        #expect(try await value("import path from 'node:path'; export default path.join('a', 'b')") == "a/b")
        #expect(try await value("Promise.resolve('awaited')") == "awaited")
        #expect(try await value("typeof require('fs').readFileSync") == "function")
        #expect(try await value("new Date(0)", as: Date.self) == Date(timeIntervalSince1970: 0))
        #expect(try await value("undefined", as: Int?.self) == nil)
        await #expect(throws: SecureExecError.self) { _ = try await value("throw new Error('boom')", as: Int.self) }
        await #expect(throws: SecureExecError.self) { _ = try await value("'text'", as: Int.self) }
        await #expect(throws: SecureExecError.self) { _ = try await value("this is not javascript", as: Int.self) }
        do {
            _ = try await value("await crm.count(5)", as: Int.self)
            Issue.record("expected a failure")
        } catch let error as SecureExecError {
            #expect(error.code == .guestFailed)
            #expect(error.message.contains("crm.count: the argument must be of type String (received number)"))
        }
    }
}
