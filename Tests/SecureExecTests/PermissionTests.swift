import Foundation
import SecureExec
import Synchronization
import Testing

@Suite("Permissions", .timeLimit(.minutes(1)))
struct PermissionTests {
    static let writeAndRead = """
        const fs = require('fs');
        try { fs.writeFileSync('/tmp/a.txt', 'hello'); console.log(fs.readFileSync('/tmp/a.txt', 'utf8')) }
        catch (e) { console.log(e.code, e.syscall, e.path, e.message) }
        """

    @Test func anEmptyPermissionsGrantsNothing() async throws {
        let permissions = Permissions()
        #expect(permissions.fs == nil && permissions.network == nil && permissions.childProcess == nil && permissions.env == nil)
        let (result, output) = try await exec(Self.writeAndRead + """

            console.log(process.env.PATH, Object.keys(process.env).length);
            try { process.env.X = '1' } catch (e) { console.log(e.message) }
            """, NodeDriver(processConfig: ProcessConfig(env: ["PATH": "/usr/bin"])))
        #expect(result.code == 0)
        #expect(output.stdout == """
            EACCES open /tmp/a.txt EACCES: permission denied, open '/tmp/a.txt'
            undefined 0
            EACCES: permission denied, setenv 'X'

            """)
    }

    @Test(arguments: [
        ("allowAll", Permissions.allowAll, true, true),
        ("allowAllFs", Permissions.allowAllFs, true, false),
        ("allowAllEnv", Permissions.allowAllEnv, false, true),
        ("allowAllNetwork", Permissions.allowAllNetwork, false, false),
        ("allowAllChildProcess", Permissions.allowAllChildProcess, false, false),
        ("merged", Permissions.allowAllFs.merging(.allowAllEnv), true, true),
    ])
    func presets(name: String, permissions: Permissions, fsAllowed: Bool, envAllowed: Bool) async throws {
        let driver = NodeDriver(permissions: permissions, processConfig: ProcessConfig(env: ["NAME": "v"]))
        let (_, output) = try await exec("""
            let fsOk; try { require('fs').writeFileSync('/tmp/x', '1'); fsOk = true } catch { fsOk = false }
            console.log(fsOk, process.env.NAME === 'v')
            """, driver)
        #expect(output.stdout == "\(fsAllowed) \(envAllowed)\n", "preset \(name)")
    }

    @Test func syncChecksSeeFullRequests() async throws {
        let seen = Mutex<[FsAccessRequest]>([])
        let fs = InMemoryFileSystem()
        try fs.write("/data/real.txt", contents: "secret")
        try await fs.symlink(target: "/data/real.txt", at: "/tmp/link")
        let check = PermissionCheck<FsAccessRequest>.check { (request: FsAccessRequest) -> PermissionDecision in
            seen.withLock { $0.append(request) }
            return request.resolvedPath?.hasPrefix("/data") == true ? .deny(reason: "no data") : .allow
        }
        let (_, output) = try await exec("""
            const fs = require('fs');
            try { fs.readFileSync('/tmp/../tmp/link') } catch (e) { console.log(e.message) }
            fs.renameSync('/tmp', '/tmp2');
            """, NodeDriver(filesystem: fs, permissions: Permissions(fs: check)))
        #expect(output.stdout == "EACCES: permission denied, open '/tmp/link': no data\n")
        let requests = seen.withLock { $0 }
        #expect(requests.first == FsAccessRequest(op: .read, path: "/tmp/link", resolvedPath: "/data/real.txt"))
        #expect(requests.last == FsAccessRequest(op: .rename, path: "/tmp", resolvedPath: "/tmp", destination: "/tmp2"))
    }

    @Test func asyncChecksAreAwaited() async throws {
        let check = PermissionCheck<EnvAccessRequest>.check { (request: EnvAccessRequest) async -> PermissionDecision in
            try? await Task.sleep(for: .milliseconds(5))
            return request.name == "GOOD" ? .allow : .deny
        }
        let driver = NodeDriver(permissions: Permissions(env: check), processConfig: ProcessConfig(env: ["GOOD": "1", "BAD": "2"]))
        let (_, output) = try await exec("console.log(process.env.GOOD, process.env.BAD, Object.keys(process.env).join())", driver)
        #expect(output.stdout == "1 undefined GOOD\n")
    }

    @Test func aThrowingCheckDenies() async throws {
        struct Boom: Error {}
        let check = PermissionCheck<FsAccessRequest>.check { (_: FsAccessRequest) throws -> PermissionDecision in throw Boom() }
        let (_, output) = try await exec(Self.writeAndRead, NodeDriver(permissions: Permissions(fs: check)))
        #expect(output.stdout == "EACCES open /tmp/a.txt EACCES: permission denied, open '/tmp/a.txt': permission check failed\n")
    }

    @Test func booleanLiteralsWork() async throws {
        let permissions = Permissions(fs: true, childProcess: false)
        let (_, output) = try await exec(Self.writeAndRead, NodeDriver(permissions: permissions))
        #expect(output.stdout == "hello\n")
    }

    @Test func pathPrefixesMatchWholeSegments() async throws {
        let fs = InMemoryFileSystem(directories: ["/data", "/data-secret", "/work"])
        try fs.write("/data/a", contents: "a")
        try fs.write("/data-secret/b", contents: "b")
        let permissions = Permissions(fs: .paths(readOnly: ["/data"], readWrite: ["/work"]))
        let (_, output) = try await exec("""
            const fs = require('fs');
            for (const op of [() => fs.readFileSync('/data/a', 'utf8'), () => fs.readFileSync('/data-secret/b', 'utf8'),
                              () => fs.writeFileSync('/data/c', 'x'), () => { fs.writeFileSync('/work/c', 'x'); return 'wrote' }]) {
              try { console.log(op()) } catch (e) { console.log(e.code) }
            }
            """, NodeDriver(filesystem: fs, permissions: permissions))
        #expect(output.stdout == "a\nEACCES\nEACCES\nwrote\n")
    }

    @Test func hostEnvironmentIsNeverVisible() async throws {
        // The host's own variables (tests never set one: setenv races every thread that reads
        // the environment).
        #expect(ProcessInfo.processInfo.environment["PATH"] != nil)
        let (_, output) = try await exec("""
            console.log(process.env.PATH, JSON.stringify(process.env), 'PATH' in process.env)
            """, NodeDriver(permissions: .allowAll))
        #expect(output.stdout == "undefined {} false\n")
    }

    @Test func envIsCheckedOnEveryAccess() async throws {
        let count = Mutex(0)
        let check = PermissionCheck<EnvAccessRequest>.check { (request: EnvAccessRequest) -> Bool in
            count.withLock { $0 += 1 }
            return request.name != "HIDDEN"
        }
        let driver = NodeDriver(permissions: Permissions(env: check), processConfig: ProcessConfig(env: ["A": "1", "HIDDEN": "h"]))
        let (_, output) = try await exec("""
            process.env.A; process.env.A; process.env.B = 'x';
            console.log(Object.keys(process.env).join(), process.env.HIDDEN, 'HIDDEN' in process.env);
            delete process.env.A; console.log(process.env.A);
            try { process.env.HIDDEN = 'y' } catch (e) { console.log(e.code, e.message) }
            """, driver)
        #expect(output.stdout == "A,B undefined false\nundefined\nEACCES EACCES: permission denied, setenv 'HIDDEN'\n")
        #expect(count.withLock { $0 } >= 9)
    }

    /// process.env as Node's: what is not a variable comes from Object.prototype, values are
    /// converted as strings (a Symbol is a TypeError), and only plain data descriptors define.
    @Test func envBehavesAsNodes() async throws {
        let (result, output) = try await exec("""
            'use strict';
            console.log(process.env.hasOwnProperty === Object.prototype.hasOwnProperty, Object.hasOwn(process.env, 'hasOwnProperty'));
            process.env.N = 42; console.log(typeof process.env.N);
            try { process.env.S = Symbol('s'); } catch (e) { console.log(e.name); }
            try { Object.defineProperty(process.env, 'G', { get() { return 1; } }); } catch (e) { console.log(e.code, e.message); }
            try { Object.defineProperty(process.env, 'W', { value: 'w', writable: false }); } catch (e) { console.log(e.code); }
            Object.defineProperty(process.env, 'D', { value: 'd', writable: true, enumerable: true, configurable: true });
            console.log(process.env.D, Object.keys(process.env).sort().join());
            """, NodeDriver(permissions: .allowAllEnv))
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == """
            true false
            string
            TypeError
            ERR_INVALID_OBJECT_DEFINE_PROPERTY 'process.env' does not accept an accessor(getter/setter) descriptor
            ERR_INVALID_OBJECT_DEFINE_PROPERTY
            d D,N

            """)
    }

    @Test func envAllowListBuilder() async throws {
        let driver = NodeDriver(permissions: Permissions(env: .allow(names: ["PATH"])),
                                processConfig: ProcessConfig(env: ["PATH": "/bin", "HOME": "/root"]))
        let (_, output) = try await exec("console.log(process.env.PATH, process.env.HOME)", driver)
        #expect(output.stdout == "/bin undefined\n")
    }

    @Test func childProcessIsCheckedBeforeTheMissingExecutor() async throws {
        let code = """
            const cp = require('child_process');
            const r = cp.spawnSync('ls', ['-l']); console.log(r.error.code, r.error.message, r.error.syscall);
            try { cp.execSync('ls') } catch (e) { console.log(e.code) }
            cp.spawn('ls').on('error', (e) => console.log('async', e.code));
            """
        let (_, denied) = try await exec(code)
        #expect(denied.stdout == "EACCES spawnSync ls EACCES spawnSync ls\nEACCES\nasync EACCES\n")
        let (_, allowed) = try await exec(code, NodeDriver(permissions: Permissions(childProcess: .allow(commands: ["ls"]))))
        // execSync runs through a shell, which `.allow(commands:)` refuses unless allowShell.
        #expect(allowed.stdout == "ENOSYS spawnSync ls ENOSYS spawnSync ls\nEACCES\nasync ENOSYS\n")
    }

    @Test func childProcessRequestsSeeOnlyTheVisibleEnvironment() async throws {
        let seen = Mutex<[String: String]?>(nil)
        let child = PermissionCheck<ChildProcessAccessRequest>.check { (request: ChildProcessAccessRequest) -> Bool in
            seen.withLock { $0 = request.env }
            return false
        }
        let driver = NodeDriver(permissions: Permissions(childProcess: child, env: .allow(names: ["PATH"])),
                                processConfig: ProcessConfig(env: ["PATH": "/bin", "TOKEN": "secret"]))
        _ = try await exec("require('child_process').spawnSync('ls')", driver)
        #expect(seen.withLock { $0 } == ["PATH": "/bin"])
    }

    @Test func networkDenialsLookLikeNode() async throws {
        let seen = Mutex<NetworkAccessRequest?>(nil)
        let check = PermissionCheck<NetworkAccessRequest>.check { (request: NetworkAccessRequest) -> Bool in
            seen.withLock { $0 = request }
            return request.hostname != "localhost"
        }
        let (result, _) = try await exec("await fetch('http://localhost:8080')", NodeDriver(permissions: Permissions(network: check)))
        #expect(result.code == 1)
        #expect(result.errorMessage == "TypeError: fetch failed")
        #expect(seen.withLock { $0 } == NetworkAccessRequest(op: .fetch, url: "http://localhost:8080/", method: "GET",
                                                              hostname: "localhost", port: 8080, protocol: "http:"))
    }
}

@Suite("Permissions: read and write sides of two-path operations")
struct TwoPathPermissionTests {
    @Test func copyReadsItsSourceAndWritesItsDestination() async throws {
        let fs = InMemoryFileSystem(directories: ["/ro", "/rw"])
        try fs.write("/ro/a", contents: "a")
        let permissions = Permissions(fs: .paths(readOnly: ["/ro"], readWrite: ["/rw"]))
        let (_, output) = try await exec("""
            const fs = require('fs');
            for (const [from, to] of [['/ro/a', '/rw/b'], ['/rw/b', '/ro/c'], ['/ro/a', '/ro/d']]) {
              try { fs.copyFileSync(from, to); console.log('copied', to) } catch (e) { console.log(e.code, to) }
            }
            try { fs.symlinkSync('/ro/a', '/rw/link'); console.log('linked') } catch (e) { console.log(e.code) }
            try { fs.symlinkSync('/rw/b', '/ro/link') } catch (e) { console.log(e.code) }
            """, NodeDriver(filesystem: fs, permissions: permissions))
        #expect(output.stdout == "copied /rw/b\nEACCES /ro/c\nEACCES /ro/d\nlinked\nEACCES\n")
    }

    @Test func removingALinkDoesNotNeedItsTarget() async throws {
        let fs = InMemoryFileSystem(directories: ["/ro", "/rw"])
        try fs.write("/ro/a", contents: "a")
        try await fs.symlink(target: "/ro/a", at: "/rw/link")
        let permissions = Permissions(fs: .paths(readOnly: ["/ro"], readWrite: ["/rw"]))
        let (_, output) = try await exec("""
            const fs = require('fs');
            console.log(fs.readlinkSync('/rw/link'), fs.lstatSync('/rw/link').isSymbolicLink());
            fs.unlinkSync('/rw/link'); console.log(fs.existsSync('/rw/link'), fs.readFileSync('/ro/a', 'utf8'));
            """, NodeDriver(filesystem: fs, permissions: permissions))
        #expect(output.stdout == "/ro/a true\nfalse a\n")
    }
}
