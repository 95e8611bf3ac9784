import Foundation
import SecureExec
import Testing

/// ES module graphs in `Tests/Fixtures/esm/<case>/`: `entry.mjs` runs inside the sandbox, with the
/// case's folder as the guest's filesystem; its output must be what Node 22 printed
/// (`expected.txt`).
@Suite("ES modules", .timeLimit(.minutes(1)))
struct ModuleTests {
    static let fixtures = repositoryRoot.appendingPathComponent("Tests/Fixtures/esm")

    static var cases: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: fixtures.appendingPathComponent("\($0)/entry.mjs").path) }.sorted()
    }

    @Test(arguments: cases)
    func graphMatchesNode(name: String) async throws {
        let dir = Self.fixtures.appendingPathComponent(name)
        let code = try String(contentsOf: dir.appendingPathComponent("entry.mjs"), encoding: .utf8)
        let expected = try String(contentsOf: dir.appendingPathComponent("expected.txt"), encoding: .utf8)
        let driver = NodeDriver(filesystem: try HostFileSystem(root: Self.fixtures.path, readOnly: true), permissions: .allowAllFs,
                                processConfig: ProcessConfig(cwd: "/\(name)"))
        let (runtime, output) = try makeRuntime(driver)
        let result = try await runtime.exec(code, options: ExecOptions(filePath: "/\(name)/entry.mjs"))
        #expect(result.code == 0, "\(name): \(result.errorMessage ?? "") \(output.stderr.prefix(300))")
        #expect(output.stdout == expected, "\(name)")
        await runtime.dispose()
    }

    /// With `--experimental-vm-modules`, `vm.SourceTextModule` and `vm.SyntheticModule` link
    /// through the caller's linker, evaluate, fail and report as in Node 22 (expected output
    /// printed by Node 22); without the option the classes do not exist, as in Node.
    @Test func vmModulesLinkAndEvaluateAsInNode() async throws {
        let code = """
            import vm from 'node:vm'; import util from 'node:util';
            const dep = new vm.SyntheticModule(['x'], function () { this.setExport('x', 41); });
            const m = new vm.SourceTextModule('import { x } from "dep"; export const y = x + 1; export let later; import.meta.tag = 1;', {
              identifier: 'main', initializeImportMeta(meta, module) { meta.seen = module === m; },
            });
            console.log(m.status, m.dependencySpecifiers, util.inspect(m).replace(/\\n */g, ' '));
            await m.link((specifier, referrer) => { console.log('link', specifier, referrer === m); return dep; });
            console.log(m.status, dep.status, util.inspect(m.namespace));
            await m.evaluate();
            console.log(m.status, dep.status, util.inspect(m.namespace), m.namespace.y);
            const context = vm.createContext({ out: '' });
            const inContext = new vm.SourceTextModule('out = typeof process + " " + typeof Object;', { context });
            await inContext.link(() => {}); await inContext.evaluate();
            console.log(context.out, inContext.identifier);
            const failing = new vm.SourceTextModule('throw new RangeError("boom")');
            await failing.link(() => {});
            await failing.evaluate().catch((e) => console.log(e.message, failing.status, failing.error === e));
            try { m.createCachedData(); } catch (e) { console.log(e.code); }
            const data = new vm.SourceTextModule('export default 1').createCachedData();
            new vm.SourceTextModule('export default 2', { cachedData: data });
            try { new vm.SourceTextModule('export default 10', { cachedData: data }); } catch (e) { console.log(e.code); }
            try { await m.link(() => dep); } catch (e) { console.log(e.code); }
            try { await new vm.SourceTextModule('import "a"').link(() => ({})); } catch (e) { console.log(e.code); }
            """
        let driver = NodeDriver(processConfig: ProcessConfig(execArgv: ["--experimental-vm-modules"]))
        let (runtime, output) = try makeRuntime(driver)
        let result = try await runtime.exec(code, options: ExecOptions(filePath: "/root/vm.mjs"))
        #expect(result.code == 0, "\(result) \(output.stderr)")
        #expect(output.stdout == """
            unlinked [ 'dep' ] SourceTextModule { status: 'unlinked', identifier: 'main', context: undefined }
            link dep true
            linked linked [Module: null prototype] { later: <uninitialized>, y: <uninitialized> }
            evaluated evaluated [Module: null prototype] { later: undefined, y: 42 } 42
            undefined function vm:module(0)
            boom errored true
            ERR_VM_MODULE_CANNOT_CREATE_CACHED_DATA
            ERR_VM_MODULE_CACHED_DATA_REJECTED
            ERR_VM_MODULE_STATUS
            ERR_VM_MODULE_NOT_MODULE

            """, "\(output.stdout)")
        await runtime.dispose()
        let (_, plain) = try await exec("const vm = require('vm'); console.log(typeof vm.SourceTextModule, typeof vm.Module)")
        #expect(plain.stdout == "undefined undefined\n")
    }

    @Test func runReturnsTheNamespace() async throws {
        let (runtime, _) = try makeRuntime()
        let result = try await runtime.run("export default { sum: 1 + 1 }; export const named = 'x'", filePath: "/entry.mjs")
        #expect(result.code == 0)
        #expect(result.exports == ["default": ["sum": 2], "named": "x"])
        let detected = try await runtime.run("export const viaSyntax = true", filePath: "/root/main.js")
        #expect(detected.exports == ["viaSyntax": true])
    }

    @Test func topLevelAwaitWithoutImportsStaysCommonJS() async throws {
        let (result, output) = try await exec("const v = await Promise.resolve(require('path').sep); console.log(v, typeof module)")
        #expect(result.code == 0)
        #expect(output.stdout == "/ object\n")
    }

    @Test func importErrorsLookLikeNode() async throws {
        let fs = InMemoryFileSystem()
        try fs.write("/root/lib.mjs", contents: "export const a = 1")
        let (_, output) = try await exec("""
            try { await import('./missing.mjs') } catch (e) { console.log(e.code) }
            const lib = await import('./lib.mjs'); console.log(lib.a, Object.prototype.toString.call(lib));
            """, NodeDriver(filesystem: fs, permissions: .allowAllFs))
        #expect(output.stdout == "ERR_MODULE_NOT_FOUND\n1 [object Module]\n")
    }

    @Test func linkedPackagesLoadFromTheirRealPaths() async throws {
        // A pnpm layout: node_modules/a links into .pnpm, where a's own dependency b sits beside it.
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pnpm-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = root.appendingPathComponent("node_modules/.pnpm")
        let fm = FileManager.default
        try fm.createDirectory(at: store.appendingPathComponent("a@1.0.0/node_modules/a"), withIntermediateDirectories: true)
        try fm.createDirectory(at: store.appendingPathComponent("b@1.0.0/node_modules/b"), withIntermediateDirectories: true)
        try "module.exports = 'a sees ' + require('b') + ' from ' + __dirname;".write(
            to: store.appendingPathComponent("a@1.0.0/node_modules/a/index.js"), atomically: false, encoding: .utf8)
        try "module.exports = 'b';".write(to: store.appendingPathComponent("b@1.0.0/node_modules/b/index.js"), atomically: false, encoding: .utf8)
        try fm.createSymbolicLink(atPath: store.appendingPathComponent("a@1.0.0/node_modules/b").path,
                                  withDestinationPath: "../../b@1.0.0/node_modules/b")
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("node_modules/a").path,
                                  withDestinationPath: ".pnpm/a@1.0.0/node_modules/a")
        let driver = NodeDriver(filesystem: try HostFileSystem(root: root.path, readOnly: true), permissions: .allowAllFs,
                                processConfig: ProcessConfig(cwd: "/"))
        let (result, output) = try await exec("""
            console.log(require('a'));
            console.log(require.resolve('a'));
            const ns = await import('a');
            console.log(ns.default === require('a'));
            """, driver)
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == """
            a sees b from /node_modules/.pnpm/a@1.0.0/node_modules/a
            /node_modules/.pnpm/a@1.0.0/node_modules/a/index.js
            true

            """)
    }
}
