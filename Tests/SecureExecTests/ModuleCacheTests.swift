import Foundation
import SecureExec
import SecureExecBridge
import SecureExecEngine
import SecureExecGuest
import Testing

/// The runtime's module compile cache (ModuleCompileCache): later calls reuse what our compilers
/// made of a file only while its text is the same, and never across runtimes.
@Suite struct ModuleCacheTests {
    /// A module our CommonJS compiler rewrites (it has a `catch` clause), `tag` in its text.
    static func module(_ tag: String) -> String {
        // The throw sits after the rewritten clause on its line: its column needs our edits.
        """
        function read(o) { try { return o.x; } catch (e) { return e.message; } } function fail() { throw new Error('\(tag)'); }
        module.exports = { tag: '\(tag)', message: read(null), fail };
        """
    }

    static let script = """
        const m = require('./m');
        let where;
        try { m.fail(); } catch (e) { where = /\\((.*)\\)/.exec(e.stack.split('\\n')[1])[1]; }
        console.log(m.tag, '|', m.message, '|', where);
        """

    static func expected(_ tag: String) -> String {
        "\(tag) | Cannot read properties of null (reading 'x') | /root/m.js:1:98\n"
    }

    @Test func laterCallsSeeTheFileAsItIsNow() async throws {
        let fs = InMemoryFileSystem()
        try fs.write("/root/m.js", contents: Self.module("v1"))
        let (runtime, output) = try makeRuntime(NodeDriver(filesystem: fs, permissions: .allowAllFs))
        var seen: [String] = []
        for text in ["v1", "v1", "v2", "v2", "v3"] {
            // Same length every time: only the text tells the versions apart.
            try fs.write("/root/m.js", contents: Self.module(text))
            let before = output.stdout.count
            let result = try await runtime.exec(Self.script)
            #expect(result.code == 0)
            seen.append(String(output.stdout.dropFirst(before)))
        }
        await runtime.dispose()
        #expect(seen == ["v1", "v1", "v2", "v2", "v3"].map(Self.expected))
    }

    @Test func aFileTheGuestRewritesIsCompiledAfresh() async throws {
        let fs = InMemoryFileSystem()
        try fs.write("/root/m.js", contents: Self.module("v1"))
        let (runtime, output) = try makeRuntime(NodeDriver(filesystem: fs, permissions: .allowAllFs))
        _ = try await runtime.exec(Self.script)
        let result = try await runtime.exec("""
            require('fs').writeFileSync('/root/m.js', \(jsonString(Self.module("v9"))));
            \(Self.script)
            """)
        await runtime.dispose()
        #expect(result.code == 0)
        #expect(output.stdout == Self.expected("v1") + Self.expected("v9"))
    }

    @Test func eachRuntimeSeesItsOwnFiles() async throws {
        // Runtimes one after another (an engine returned to the pool serves the next one):
        // the same path with different text in each runtime's filesystem.
        for tag in ["r1", "r2", "r3"] {
            let fs = InMemoryFileSystem()
            try fs.write("/root/m.js", contents: Self.module(tag))
            let (result, output) = try await exec(Self.script, NodeDriver(filesystem: fs, permissions: .allowAllFs))
            #expect(result.code == 0)
            #expect(output.stdout == Self.expected(tag))
        }
    }

    @Test func batchedProbesKeepNodesOrderAndPermissions() async throws {
        let fs = InMemoryFileSystem()
        try fs.write("/root/app/y.js", contents: "module.exports = 'y.js (denied)'")
        try fs.write("/root/app/y.json", contents: "{ \"v\": \"y.json\" }")
        try fs.write("/root/app/both", contents: "module.exports = 'exact file'")
        try fs.write("/root/app/both.js", contents: "module.exports = 'both.js'")
        try fs.write("/root/app/z.e69", contents: "module.exports = 'z.e69'")
        try fs.write("/root/node_modules/bar/index.js", contents: "module.exports = 'bar'")
        // A candidate the guest may not stat counts as absent (the next one is tried).
        let permissions = Permissions(fs: .check { (request: FsAccessRequest) -> Bool in !request.path.hasSuffix("/y.js") })
        let (result, output) = try await exec("""
            console.log(require('/root/app/y').v);
            console.log(require('/root/app/both'));
            // More candidates than one host round trip takes (64).
            for (let i = 0; i < 70; i++) require.extensions['.e' + i] = require.extensions['.js'];
            console.log(require('/root/app/z'));
            // Below a package folder that does not exist, a path may still lead elsewhere.
            console.log(require('foo/../bar'));
            try { require('nope/sub'); } catch (e) { console.log(e.code); }
            """, NodeDriver(filesystem: fs, permissions: permissions))
        #expect(result.code == 0)
        #expect(output.stdout == "y.json\nexact file\nz.e69\nbar\nMODULE_NOT_FOUND\n")
    }

    // MARK: - Lasting answers (module folders taken as unchanging)

    /// A host `node_modules` folder with package `pkg` (main without extension, a relative
    /// require) whose text says `tag`.
    static func packages(_ tag: String) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("se-lasting-\(UUID().uuidString)")
        try writePackage(root, tag)
        return root
    }

    static func writePackage(_ root: URL, _ tag: String) throws {
        let lib = root.appendingPathComponent("pkg/lib")
        try FileManager.default.createDirectory(at: lib, withIntermediateDirectories: true)
        try #"{ "name": "pkg", "main": "lib/main" }"#.write(to: root.appendingPathComponent("pkg/package.json"), atomically: false, encoding: .utf8)
        try "module.exports = require('./tag');".write(to: lib.appendingPathComponent("main.js"), atomically: false, encoding: .utf8)
        try "module.exports = '\(tag)';".write(to: lib.appendingPathComponent("tag.js"), atomically: false, encoding: .utf8)
    }

    @Test(arguments: [true, false])
    func moduleFoldersAreReadOncePerRuntimeUnlessToldOtherwise(caches: Bool) async throws {
        let root = try Self.packages("v1")
        defer { try? FileManager.default.removeItem(at: root) }
        let plain = FileManager.default.temporaryDirectory.appendingPathComponent("se-plain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: plain, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: plain) }
        try "module.exports = 'p1';".write(to: plain.appendingPathComponent("p.js"), atomically: false, encoding: .utf8)
        let driver = NodeDriver(filesystem: try HostFileSystem(root: plain.path, readOnly: true), permissions: .allowAllFs,
                                moduleAccess: ModuleAccess(nodeModules: root.path, cachesAcrossCalls: caches))
        let (runtime, output) = try makeRuntime(driver)
        let script = "console.log(require('pkg'), require('/p.js'), require('fs').existsSync('/root/node_modules/pkg/lib/new.js'))"
        #expect(try await runtime.exec(script).code == 0)
        // The host changes both folders between calls.
        try Self.writePackage(root, "v2")
        try "module.exports = 'p2';".write(to: plain.appendingPathComponent("p.js"), atomically: false, encoding: .utf8)
        try "".write(to: root.appendingPathComponent("pkg/lib/new.js"), atomically: false, encoding: .utf8)
        #expect(try await runtime.exec(script).code == 0)
        await runtime.dispose()
        // Files outside module folders are always read as they are now; module folders are
        // read once per runtime unless the embedder says they change.
        #expect(output.stdout == "v1 p1 false\n" + (caches ? "v1 p2 true\n" : "v2 p2 true\n"))
    }

    @Test func runtimesNeverSeeAnotherRuntimesModuleFolders() async throws {
        // One after another (an engine returned to the pool serves the next runtime), the same
        // guest path with different packages behind it.
        for tag in ["t1", "t2", "t3"] {
            let root = try Self.packages(tag)
            defer { try? FileManager.default.removeItem(at: root) }
            let driver = NodeDriver(moduleAccess: ModuleAccess(nodeModules: root.path))
            let (runtime, output) = try makeRuntime(driver)
            for _ in 0..<2 { #expect(try await runtime.exec("console.log(require('pkg'))").code == 0) }
            await runtime.dispose()
            #expect(output.stdout == "\(tag)\n\(tag)\n")
        }
    }

    @Test func onlyTheHostsLastingAnswersAreKept() {
        let answers = LastingAnswers(capacity: 4096)
        let request = BridgeRequest(id: 1, mode: .sync, operation: "fs.readFile", json: Array(#"{"path":"/a"}"#.utf8))
        answers.keep(.value("x"), for: request)
        #expect(answers.count == 0)
        var lasting = BridgeResponse.value("x")
        lasting.lasting = true
        answers.keep(lasting, for: BridgeRequest(id: 2, mode: .sync, operation: "fs.writeFile", json: request.json))
        answers.keep(lasting, for: BridgeRequest(id: 3, mode: .sync, operation: "fs.readFile", json: request.json, binary: [1]))
        #expect(answers.count == 0)
        answers.keep(lasting, for: request)
        #expect(answers.count == 1)
        #expect(answers.answer(BridgeRequest(id: 9, mode: .sync, operation: "fs.readFile", json: request.json))?.json == lasting.json)
        #expect(answers.answer(BridgeRequest(id: 9, mode: .sync, operation: "fs.stat", json: request.json)) == nil)
    }

    @Test func anEngineServingAnotherRuntimeStartsEmpty() {
        let configuration: JSONValue = ["cwd": "/"]
        let runtime = GuestRuntime(configuration: configuration, stop: StopSignal(), cpuClock: { 0 })
        runtime.moduleCache.store(kind: "cjs", filename: "/root/a.js", source: "a", value: "[]\n")
        #expect(runtime.moduleCache.count == 1)
        var lasting = BridgeResponse.value("x")
        lasting.lasting = true
        runtime.lastingAnswers.keep(lasting, for: BridgeRequest(id: 1, mode: .sync, operation: "fs.readFile", json: [1]))
        #expect(runtime.lastingAnswers.count == 1)
        // The same configuration still means another runtime (tenant): nothing is kept.
        let context = EngineContext(vm: EngineVM())
        let source = JSStringRef.make("1")
        defer { JSStringRelease(source) }
        _ = runtime.scripts.script(for: source, filename: "/root/a.js", in: context)
        #expect(runtime.scripts.count == 1)
        runtime.reconfigure(configuration)
        #expect(runtime.scripts.count == 0)
        #expect(runtime.moduleCache.count == 0)
        #expect(runtime.lastingAnswers.count == 0)
        #expect(runtime.moduleCache.value(kind: "cjs", filename: "/root/a.js", source: "a") == nil)
    }

    @Test func parsedScriptsAreKeptForTheSameTextOnly() throws {
        let vm = EngineVM()
        let cache = CompiledScriptCache(capacity: 256)
        func script(_ text: String, _ file: String = "/a.js") -> CompiledScript? {
            let context = EngineContext(vm: vm)
            let source = JSStringRef.make(text)
            defer { JSStringRelease(source) }
            return cache.script(for: source, filename: file, in: context)
        }
        let first = try #require(script("(function () { return 1; })"))
        #expect(script("(function () { return 1; })") === first)
        #expect(cache.count == 1)
        // Another text for the same file replaces it; another file is kept beside it.
        #expect(script("(function () { return 2; })") !== first)
        #expect(script("(function () { return 1; })", "/b.js") !== first)
        #expect(cache.count == 2)
        // A text that does not parse is not kept (the caller evaluates it for the engine's error).
        #expect(script("(function () { return ; )") == nil)
        #expect(cache.count == 2)
        // A kept script evaluated in another fresh context makes that context's own function.
        let context = EngineContext(vm: vm)
        let made = try context.evaluate(first)
        let value = try context.call(try #require(context.toObject(made)), [])
        #expect(context.toNumber(value) == 1)
        // Too large for the capacity: parsed but not kept.
        #expect(script(String(repeating: " ", count: 100) + "1", "/big.js") != nil)
        #expect(cache.count == 2)
        cache.removeAll()
        #expect(cache.count == 0)
    }

    @Test func entriesMatchOnlyTheSameText() {
        let cache = ModuleCompileCache(capacity: 64)
        cache.store(kind: "cjs", filename: "/a.js", source: "abc", value: "1")
        #expect(cache.value(kind: "cjs", filename: "/a.js", source: "abc") == "1")
        #expect(cache.value(kind: "cjs", filename: "/a.js", source: "abd") == nil)
        #expect(cache.value(kind: "esm", filename: "/a.js", source: "abc") == nil)
        #expect(cache.value(kind: "cjs", filename: "/b.js", source: "abc") == nil)
        // Too large for the capacity: not kept. Full: starts over.
        cache.store(kind: "cjs", filename: "/big.js", source: String(repeating: "x", count: 40), value: "")
        #expect(cache.value(kind: "cjs", filename: "/big.js", source: String(repeating: "x", count: 40)) == nil)
        for i in 0..<10 { cache.store(kind: "cjs", filename: "/f\(i).js", source: "0123456789", value: "") }
        #expect(cache.count < 10)
    }
}

private func jsonString(_ text: String) -> String {
    let data = (try? JSONSerialization.data(withJSONObject: [text])) ?? Data("[\"\"]".utf8)
    let array = String(decoding: data, as: UTF8.self)
    return String(array.dropFirst().dropLast())
}
