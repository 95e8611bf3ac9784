import Foundation
@testable import SecureExec
import Synchronization
import Testing

/// Child processes with real host programs (echo, cat, sh, head, env, sleep) and the nested
/// sandboxed `node`. Expected outputs were checked against `node22` where Node has an answer.
@Suite("Child processes", .timeLimit(.minutes(2)))
struct ChildProcessTests {
    /// A driver that may run `commands` (a shell only when `sh` is listed) with a real executor.
    static func driver(_ commands: [String]? = nil, fs: PermissionCheck<FsAccessRequest>? = nil,
                       env: [String: String] = [:], filesystem: any VirtualFileSystem = InMemoryFileSystem(),
                       seen: Recorder? = nil) -> NodeDriver {
        let allowed: PermissionCheck<ChildProcessAccessRequest> = commands.map { .allow(commands: $0, allowShell: true) } ?? .allow
        let child = PermissionCheck<ChildProcessAccessRequest>.check { (request: ChildProcessAccessRequest) async -> PermissionDecision in
            seen?.requests.withLock { $0.append(request) }
            return await allowed.decide(request)
        }
        return NodeDriver(filesystem: filesystem, commandExecutor: HostCommandExecutor(),
                          permissions: Permissions(fs: fs, childProcess: child, env: .allow),
                          processConfig: ProcessConfig(env: env))
    }

    /// A JavaScript string literal.
    static func literal(_ text: String) -> String { String(decoding: JSONValue.string(text).jsonBytes, as: UTF8.self) }

    /// The permission requests a check saw.
    final class Recorder: Sendable {
        let requests = Mutex<[ChildProcessAccessRequest]>([])
    }

    /// Whether a host process is still alive a moment later: a process that was sent SIGKILL
    /// may take a little while to disappear on a loaded machine (waits at most 5 s).
    static func isAlive(_ pid: Int32) async -> Bool {
        for _ in 0..<100 {
            if !isRunning(pid) { return false }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return true
    }

    /// Whether a host process is running now (a zombie nobody reaped counts as gone).
    static func isRunning(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(close, offsetBy: 2)]
        return state != "Z" && state != "X"
    }

    @Test func echoStreamsItsOutputAndExits() async throws {
        let (result, output) = try await exec("""
            const { spawn, execFile } = require('child_process');
            const child = spawn('echo', ['hello', 'world']);
            console.log(typeof child.pid, child.spawnfile, child.spawnargs);
            child.on('spawn', () => console.log('spawn'));
            child.stdout.on('data', (d) => console.log('data', JSON.stringify(d.toString())));
            child.on('exit', (code, signal) => console.log('exit', code, signal));
            child.on('close', (code, signal) => {
              console.log('close', code, signal, child.exitCode, child.signalCode);
              execFile('echo', ['-n', 'x'], (err, stdout, stderr) => console.log('execFile', err, JSON.stringify(stdout), JSON.stringify(stderr)));
            });
            """, Self.driver(["echo"]))
        #expect(result.code == 0)
        #expect(output.stdout == """
            number echo [ 'echo', 'hello', 'world' ]
            spawn
            data "hello world\\n"
            exit 0 null
            close 0 null 0 null
            execFile null "x" ""

            """)
    }

    @Test func catEchoesStdinAsItIsStreamed() async throws {
        // Each chunk is written only after the previous one came back: stdin is streamed, not
        // gathered until end().
        let (result, output) = try await exec("""
            const cat = require('child_process').spawn('cat');
            const chunks = ['one', 'two', 'three'];
            let sent = 0;
            let got = '';
            cat.stdout.setEncoding('utf8');
            cat.stdout.on('data', (d) => {
              got += d;
              if (got !== chunks.slice(0, sent + 1).join('|') + '|') return;
              console.log('got', JSON.stringify(got));
              sent++;
              if (sent < chunks.length) cat.stdin.write(chunks[sent] + '|'); else cat.stdin.end();
            });
            cat.stdin.write(chunks[0] + '|');
            cat.on('close', (code) => console.log('close', code));
            """, Self.driver(["cat"]))
        #expect(result.code == 0)
        #expect(output.stdout == "got \"one|\"\ngot \"one|two|\"\ngot \"one|two|three|\"\nclose 0\n")
    }

    @Test func tenMegabytesOfOutputAreBoundedByMaxBuffer() async throws {
        let (result, output) = try await exec("""
            const cp = require('child_process');
            const r = cp.spawnSync('head', ['-c', '10485760', '/dev/zero'], { maxBuffer: 1048576 });
            // As in Node, the read that crosses maxBuffer is kept, nothing after it.
            const bounded = (n) => n > 1048576 && n <= 1048576 + 65536;
            console.log('sync', r.error.code, r.error.message, bounded(r.stdout.length), r.signal);
            try { cp.execFileSync('head', ['-c', '10485760', '/dev/zero']) } catch (e) { console.log('execFileSync', e.code, bounded(e.stdout.length)) }
            console.log('unbounded', cp.spawnSync('head', ['-c', '3000000', '/dev/zero'], { maxBuffer: Infinity }).stdout.length);
            cp.exec('head -c 10485760 /dev/zero', (err, stdout) => {
              console.log('exec', err.code, err.name, err.message, stdout.length, err.cmd);
            });
            """, Self.driver(["head", "sh"]))
        #expect(result.code == 0)
        #expect(output.stdout == """
            sync ENOBUFS spawnSync head ENOBUFS true SIGTERM
            execFileSync ENOBUFS true
            unbounded 3000000
            exec ERR_CHILD_PROCESS_STDIO_MAXBUFFER RangeError stdout maxBuffer length exceeded 1048576 head -c 10485760 /dev/zero

            """)
    }

    @Test func aChildIgnoringSIGTERMIsKilledWhenTheCallEnds() async throws {
        let (runtime, output) = try makeRuntime(Self.driver(["sh"]))
        let result = try await runtime.exec("""
            const child = require('child_process').spawn('sh', ['-c', 'trap "" TERM; echo $$; while :; do sleep 0.05; done']);
            child.stdout.once('data', (d) => { console.log(d.toString().trim()); child.unref(); });
            """)
        await runtime.dispose()
        #expect(result.code == 0)
        let pid = try #require(output.stdout.split(separator: "\n").first.flatMap { Int32($0) })
        #expect(await !Self.isAlive(pid))
    }

    @Test func aGrandchildIsKilledWithItsGroup() async throws {
        let (runtime, output) = try makeRuntime(Self.driver(["sh"]))
        let result = try await runtime.exec("""
            // The shell starts a sleeper that ignores SIGTERM and exits at once; the sleeper holds
            // the pipes and stays in the group.
            const child = require('child_process').spawn('sh', ['-c', '(trap "" TERM; exec sleep 1000) & echo $!']);
            child.stdout.once('data', (d) => { console.log(d.toString().trim()); });
            child.on('exit', (code) => { console.log('exit', code); child.unref(); });
            """)
        await runtime.dispose()
        #expect(result.code == 0)
        let lines = output.stdout.split(separator: "\n")
        #expect(lines.count == 2 && lines.last == "exit 0")
        let pid = try #require(lines.first.flatMap { Int32($0) })
        #expect(await !Self.isAlive(pid))
    }

    @Test func execSyncFailuresCarryStatusAndStderr() async throws {
        let (result, output) = try await exec("""
            const cp = require('child_process');
            try { cp.execSync('echo out; echo err >&2; exit 3', { stdio: 'pipe' }); }
            catch (e) { console.log(Object.keys(e), JSON.stringify(e.message), e.status, e.signal, String(e.stdout), String(e.stderr)); }
            try { cp.execFileSync('sh', ['-c', 'exit 1']); } catch (e) { console.log(JSON.stringify(e.message), e.status); }
            console.log(cp.execSync('echo ok', { encoding: 'utf8' }));
            const r = cp.spawnSync('nope-command', ['a']);
            console.log(Object.keys(r), r.error.message, r.error.errno, r.error.code, r.error.syscall, r.error.path, r.error.spawnargs, r.pid, r.output);
            """, Self.driver(["sh", "nope-command"]))
        #expect(result.code == 0)
        #expect(output.stdout == """
            [ 'status', 'signal', 'output', 'pid', 'stdout', 'stderr' ] "Command failed: echo out; echo err >&2; exit 3\\nerr\\n" 3 null out
             err

            "Command failed: sh -c exit 1" 1
            ok

            [
              'error',  'status',
              'signal', 'output',
              'pid',    'stdout',
              'stderr'
            ] spawnSync nope-command ENOENT -2 ENOENT spawnSync nope-command nope-command [ 'a' ] 0 null

            """)
    }

    @Test func theHostEnvironmentNeverReachesTheChild() async throws {
        // The host has variables to leak (tests never set any: setenv races every thread that
        // reads the environment); the children see exactly what the guest may.
        #expect(ProcessInfo.processInfo.environment["PATH"] != nil)
        let (result, output) = try await exec("""
            const cp = require('child_process');
            console.log(JSON.stringify(cp.execFileSync('env', { encoding: 'utf8' })));
            console.log(JSON.stringify(cp.execFileSync('env', { env: { ONLY: 'this' }, encoding: 'utf8' })));
            """, Self.driver(["env"], env: ["GUEST_VAR": "g"]))
        #expect(result.code == 0)
        #expect(output.stdout == "\"GUEST_VAR=g\\n\"\n\"ONLY=this\\n\"\n")
    }

    @Test func loaderVariablesAreStripped() async throws {
        let seen = Recorder()
        let (result, output) = try await exec("""
            const cp = require('child_process');
            const env = { LD_PRELOAD: '/tmp/evil.so', LD_LIBRARY_PATH: '/tmp', DYLD_INSERT_LIBRARIES: '/tmp/x', NODE_OPTIONS: '--require /tmp/x', KEEP: '1' };
            console.log(JSON.stringify(cp.execFileSync('env', { env, encoding: 'utf8' })));
            """, Self.driver(["env"], seen: seen))
        #expect(result.code == 0)
        #expect(output.stdout == "\"KEEP=1\\n\"\n")
        #expect(seen.requests.withLock { $0.map(\.env) } == [["KEEP": "1"]])
    }

    @Test func nestedNodeRunsSandboxedWithTheSameDriver() async throws {
        let filesystem = InMemoryFileSystem(directories: ["/root", "/tmp", "/work", "/private"])
        try filesystem.write("/work/script.js", contents: "console.log('script', process.argv.slice(2).join(','), require('fs').readFileSync('/work/data.txt', 'utf8'))")
        try filesystem.write("/work/data.txt", contents: "data")
        try filesystem.write("/private/secret.txt", contents: "secret")
        var driver = Self.driver(["node"], fs: .paths(readOnly: ["/work"]), filesystem: filesystem)
        driver.processConfig.version = "v22.99.0"
        let (result, output) = try await exec("""
            const cp = require('child_process');
            const read = "try { console.log(require('fs').readFileSync('/private/secret.txt', 'utf8')) } catch (e) { console.log(e.code); process.exitCode = 5 }";
            const r = cp.spawnSync('node', ['-e', read], { encoding: 'utf8' });
            console.log('e', r.status, JSON.stringify(r.stdout));
            console.log('p', cp.execFileSync('node', ['-p', 'process.version + " " + (1 + 2)'], { encoding: 'utf8' }).trim());
            console.log('file', cp.execFileSync(process.execPath, ['/work/script.js', 'a', 'b'], { encoding: 'utf8' }).trim());
            const denied = cp.spawnSync('node', ['/private/secret.txt'], { encoding: 'utf8' });
            console.log('denied', denied.status, denied.stderr.includes('EACCES'));
            const child = cp.spawn('node', ['-e', 'console.error("to stderr"); process.exit(4)']);
            child.stderr.on('data', (d) => console.log('stderr', JSON.stringify(d.toString())));
            child.on('close', (code, signal) => console.log('close', code, signal));
            """, driver)
        #expect(result.code == 0)
        #expect(output.stdout == """
            e 5 "EACCES\\n"
            p v22.99.0 3
            file script a,b data
            denied 1 true
            stderr "to stderr\\n"
            close 4 null

            """)
    }

    /// A nested `node` takes the Node options the runtime honours (they become its
    /// `process.execArgv`) and refuses any other, as node refuses an unknown option.
    @Test func nestedNodeTakesTheOptionsTheRuntimeHonours() async throws {
        let (result, output) = try await exec("""
            const cp = require('child_process');
            const run = (args) => cp.spawnSync('node', args, { encoding: 'utf8' });
            const gc = run(['--expose-gc', '--no-warnings', '-p', 'typeof gc + " " + process.execArgv.join(" ")']);
            console.log(gc.status, gc.stdout.trim());
            const aborted = run(['--abort-on-uncaught-exception', '-e', 'process.on("exit", () => console.log("exit")); throw new Error("x")']);
            console.log(aborted.status, JSON.stringify(aborted.stdout), aborted.stderr.startsWith('Uncaught Error: x'));
            const bad = run(['--inspect', '-e', '1']);
            console.log(bad.status, bad.stderr.trim());
            """, Self.driver(["node"]))
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == """
            0 function --expose-gc --no-warnings
            134 "" true
            9 node: bad option: --inspect

            """, "\(output.stdout)")
    }

    @Test func exitCodesAndSignalsAreReportedAsNodeDoes() async throws {
        let (result, output) = try await exec("""
            const cp = require('child_process');
            const s = cp.spawnSync('sh', ['-c', 'kill -TERM $$']);
            console.log('sync', s.status, s.signal);
            const t = cp.spawnSync('sleep', ['1000'], { timeout: 50 });
            console.log('timeout', t.status, t.signal, t.error.code, t.error.message);
            const seven = cp.spawn('sh', ['-c', 'exit 7']);
            seven.on('exit', (code, signal) => {
              console.log('exit', code, signal);
              const sleeper = cp.spawn('sleep', ['1000']);
              sleeper.on('spawn', () => console.log('kill', sleeper.kill('SIGKILL'), sleeper.killed));
              sleeper.on('exit', (code, signal) => console.log('killed', code, signal, sleeper.exitCode, sleeper.signalCode));
              sleeper.on('close', (code, signal) => {
                console.log('close', code, signal, sleeper.kill());
                cp.exec('kill -9 $$', (err) => console.log('exec', err.code, err.killed, err.signal));
              });
            });
            """, Self.driver(["sh", "sleep"]))
        #expect(result.code == 0)
        #expect(output.stdout == """
            sync null SIGTERM
            timeout null SIGTERM ETIMEDOUT spawnSync sleep ETIMEDOUT
            exit 7 null
            kill true true
            killed null SIGKILL null SIGKILL
            close null SIGKILL false
            exec null false SIGKILL

            """)
    }

    @Test func deniedSpawnsFailWithEACCESAsNodeReportsThem() async throws {
        let seen = Recorder()
        let (result, output) = try await exec("""
            const cp = require('child_process');
            const child = cp.spawn('cat', ['x'], { cwd: '/tmp' });
            console.log(child.pid);
            child.on('error', (e) => console.log('error', e.message, e.errno, e.code, e.syscall, e.path, e.spawnargs, Object.keys(e)));
            child.on('close', (code, signal) => {
              console.log('close', code, signal);
              cp.exec('echo hi', (err) => console.log('exec', err.code, err.message));
            });
            """, Self.driver(["echo"], seen: seen))
        #expect(result.code == 0)
        #expect(output.stdout == """
            undefined
            error spawn cat EACCES -13 EACCES spawn cat cat [ 'x' ] [ 'errno', 'code', 'syscall', 'path', 'spawnargs' ]
            close -13 null
            exec EACCES spawn /bin/sh EACCES

            """)
        let requests = seen.requests.withLock { $0 }
        #expect(requests.map(\.command) == ["cat", "/bin/sh"])
        #expect(requests.map(\.shell) == [false, true])
        #expect(requests.last?.args == ["-c", "echo hi"])
        #expect(requests.first?.cwd == "/tmp")
    }

    @Test func aGuestPathCannotRedirectAnAllowedCommand() async throws {
        // A folder with a fake `echo`: neither the guest's PATH nor a path to it passes for `echo`.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("se-fake-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let fake = folder.appendingPathComponent("echo")
        try "#!/bin/sh\necho fake\n".write(to: fake, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        let (result, output) = try await exec("""
            const cp = require('child_process');
            console.log(cp.execFileSync('echo', ['real'], { env: { PATH: \(Self.literal(folder.path)) }, encoding: 'utf8' }).trim());
            console.log(cp.execFileSync('/bin/echo', ['standard'], { encoding: 'utf8' }).trim());
            try { cp.execFileSync(\(Self.literal(fake.path))) } catch (e) { console.log(e.code) }
            """, Self.driver(["echo"]))
        #expect(result.code == 0)
        #expect(output.stdout == "real\nstandard\nEACCES\n")
    }

    @Test func finishedChildrenLeaveTheLimit() async throws {
        // 20 children one after the other under a limit of 2 running at once.
        var limits = ResourceLimits()
        limits.maxChildProcesses = 2
        let (result, output) = try await exec("""
            const { spawn, execFileSync } = require('child_process');
            let n = 0;
            function next() {
              if (n === 20) {
                console.log('done', n, execFileSync('echo', ['sync'], { encoding: 'utf8' }).trim());
                const a = spawn('sleep', ['1000']), b = spawn('sleep', ['1000']), c = spawn('sleep', ['1000']);
                c.on('error', (e) => { console.log(e.code, e.message); a.kill(); b.kill(); });
                return;
              }
              spawn('echo', [String(n++)]).on('close', next);
            }
            next();
            """, Self.driver(["echo", "sleep"]), limits: limits)
        #expect(result.code == 0, "\(result) \(output.stderr)")
        #expect(output.stdout == "done 20 sync\nEAGAIN spawn sleep EAGAIN\n")
    }

    /// The pid a child wrote into `file` in its working directory (waits at most 10 s for it).

    /// Host processes whose command line contains `marker`.
    static func processes(matching marker: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { Int32($0) }.filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            let line = String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
            return line.contains(marker) && isRunning(pid)
        }
    }

    /// Expects that no host process with `marker` in its command line is left (waits at most 5 s
    /// for them to go).
    static func expectNoSurvivors(_ marker: String) async throws {
        var survivors = processes(matching: marker)
        for _ in 0..<100 where !survivors.isEmpty {
            try await Task.sleep(for: .milliseconds(50))
            survivors = processes(matching: marker)
        }
        #expect(survivors.isEmpty, "still running: \(survivors)")
    }

    @Test func childrenDieWithATimedOutCall() async throws {
        // A call stopped by its wall-clock limit, both while the guest waits in its event loop and
        // while it is blocked in a synchronous spawn. Each child sleeps for a duration no other
        // process uses, so the host can look for survivors itself (whether or not the child got to
        // run before the stop, on a loaded machine).
        let marker = "1000.\(UInt32.random(in: 100_000...999_999))"
        let executor = HostCommandExecutor()
        var driver = Self.driver(["sh"])
        driver.commandExecutor = executor
        let (runtime, _) = try makeRuntime(driver)
        let started = ContinuousClock.now
        let looping = try await runtime.exec("""
            require('child_process').spawn('sh', ['-c', 'sleep \(marker); true']);
            """, options: ExecOptions(wallClock: .seconds(5)))
        let blocked = try await runtime.exec("""
            require('child_process').execFileSync('sh', ['-c', 'sleep \(marker); true']);
            """, options: ExecOptions(wallClock: .seconds(5)))
        await runtime.dispose()
        #expect(looping.code == 124, "\(looping)")
        #expect(blocked.code == 124, "\(blocked)")
        #expect(ContinuousClock.now - started < .seconds(60))
        try await Self.expectNoSurvivors(marker)
    }

    @Test func aStopThatComesBeforeASyncSpawnReachesIt() async throws {
        // The host is still busy with the guest's output (a slow stdout handler) when the wall
        // clock runs out; the `execFileSync` the guest sent meanwhile reaches the host only after
        // the stop. It must be refused, not run a child the call then waits for.
        let marker = "1000.\(UInt32.random(in: 100_000...999_999))"
        let runtime = try NodeRuntime(systemDriver: Self.driver(["sh"]), isolation: testIsolation) { event in
            if String(decoding: event.bytes, as: UTF8.self).contains("slow") { Thread.sleep(forTimeInterval: 3) }
        }
        let started = ContinuousClock.now
        let result = try await runtime.exec("""
            console.log('slow');
            require('child_process').execFileSync('sh', ['-c', 'sleep \(marker); true']);
            """, options: ExecOptions(wallClock: .seconds(1)))
        await runtime.dispose()
        #expect(result.code == 124, "\(result)")
        #expect(ContinuousClock.now - started < .seconds(60))
        try await Self.expectNoSurvivors(marker)
    }

    @Test func terminatingTheRuntimeEndsItsChildren() async throws {
        let (runtime, output) = try makeRuntime(Self.driver(["sh"]))
        let call = Task {
            try await runtime.exec("""
                const child = require('child_process').spawn('sh', ['-c', 'echo $$; exec sleep 1000']);
                child.stdout.on('data', (d) => console.log(d.toString().trim()));
                """)
        }
        while output.stdout.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
        runtime.terminate()
        let result = try await call.value
        await runtime.dispose()
        #expect(result.code == 124)
        let pid = try #require(output.stdout.split(separator: "\n").first.flatMap { Int32($0) })
        #expect(await !Self.isAlive(pid))
    }

    @Test func processKillReachesOnlyTheCallsOwnChildren() async throws {
        let (result, output) = try await exec("""
            const child = require('child_process').spawn('sleep', ['1000']);
            child.on('exit', (code, signal) => console.log('exit', code, signal));
            console.log(process.kill(child.pid, 0), process.kill(child.pid, 'SIGINT'));
            try { process.kill(4194000, 0) } catch (e) { console.log(e.message, e.code, e.syscall) }
            """, Self.driver(["sleep"]))
        #expect(result.code == 0, "\(result) \(output.stderr)")
        #expect(output.stdout == "true true\nkill ESRCH ESRCH kill\nexit null SIGINT\n")
    }

    @Test func nestedRuntimesShareTheChildLimit() async throws {
        // The nested node takes one of 3 slots; its own children get the 2 left.
        var limits = ResourceLimits()
        limits.maxChildProcesses = 3
        let (result, output) = try await exec("""
            const inner = `
              const cp = require('child_process');
              const kids = [];
              for (let i = 0; i < 4; i++) {
                const c = cp.spawn('sleep', ['1000']);
                c.on('error', (e) => console.log(i, e.code));
                kids.push(c);
              }
              setTimeout(() => kids.forEach((c) => c.kill()), 50);
            `;
            const r = require('child_process').spawnSync('node', ['-e', inner], { encoding: 'utf8' });
            console.log(r.status, JSON.stringify(r.stdout));
            """, Self.driver(["node", "sleep"]), limits: limits)
        #expect(result.code == 0)
        #expect(output.stdout == "0 \"2 EAGAIN\\n3 EAGAIN\\n\"\n")
    }

    /// An embedder's executor: answers every command itself (`node` included, when it says so).
    struct EchoingExecutor: CommandExecutor {
        let sandboxesNode: Bool
        let seen: Recorder

        struct Finished: RunningCommand {
            let pid: Int32 = 4242
            func writeInput(_ bytes: [UInt8]) async throws {}
            func closeInput() {}
            func signal(_ signal: Int32) -> Bool { false }
            func terminate() async {}
        }

        func spawn(_ request: CommandRequest, events: @escaping @Sendable (CommandEvent) -> Void) async throws -> any RunningCommand {
            seen.requests.withLock { $0.append(ChildProcessAccessRequest(command: request.command, args: request.args)) }
            if request.command == "missing" { throw CommandError("ENOENT") }
            events(.stdout(Array("ran \(request.command) \(request.args.joined(separator: " "))\n".utf8)))
            events(.stdoutEnd)
            events(.stderrEnd)
            events(.exit(CommandExit(code: 3)))
            return Finished()
        }
    }

    @Test func embeddersCanProvideTheirOwnExecutor() async throws {
        for sandboxesNode in [true, false] {
            let seen = Recorder()
            let driver = NodeDriver(commandExecutor: EchoingExecutor(sandboxesNode: sandboxesNode, seen: seen),
                                    permissions: Permissions(childProcess: .allow))
            let (result, output) = try await exec("""
                const cp = require('child_process');
                const r = cp.spawnSync('tool', ['a', 'b'], { encoding: 'utf8' });
                console.log(r.pid, r.status, JSON.stringify(r.stdout));
                console.log(cp.spawnSync('missing').error.message);
                console.log(JSON.stringify(cp.spawnSync('node', ['-p', '1 + 1'], { encoding: 'utf8' }).stdout));
                """, driver)
            #expect(result.code == 0)
            let node = sandboxesNode ? "\"2\\n\"" : "\"ran node -p 1 + 1\\n\""
            #expect(output.stdout == "4242 3 \"ran tool a b\\n\"\nspawnSync missing ENOENT\n\(node)\n")
            #expect(seen.requests.withLock { $0.map(\.command) } == (sandboxesNode ? ["tool", "missing"] : ["tool", "missing", "node"]))
        }
    }

    /// `fork` runs a sandboxed `node` child with a message channel: JSON messages both ways,
    /// callbacks, disconnect from either side, the order of events Node has (expected output:
    /// Node 22 running the same two files). The child stays alive while it listens.
    @Test func forkTalksToASandboxedChildOverAMessageChannel() async throws {
        let filesystem = InMemoryFileSystem(directories: ["/root", "/tmp", "/work"])
        try filesystem.write("/work/child.js", contents: """
            console.log('child argv', process.argv.slice(2).join(','), process.connected, typeof process.send);
            let n = 0;
            process.on('message', (m) => {
              n++;
              process.send({ echo: m, n });
              if (n === 2) process.send({ done: true });
            });
            """)
        let driver = Self.driver(["node"], fs: .paths(readOnly: ["/work"]), filesystem: filesystem)
        let (result, output) = try await exec("""
            const { fork } = require('child_process');
            const child = fork('/work/child.js', ['arg1'], { silent: true });
            child.stdout.on('data', (d) => console.log('child said', d.toString().trim()));
            child.on('message', (m) => {
              console.log('parent got', JSON.stringify(m));
              if (m.done) child.disconnect();
            });
            child.on('disconnect', () => console.log('disconnect', child.connected));
            child.on('exit', (code, signal) => {
              console.log('exit', code, signal);
              try { child.send('late'); } catch (e) { console.log(e.code); }
            });
            child.on('error', (e) => console.log('error', e.code));
            child.send({ hello: 'child', n: 1 });
            child.send([1, 2, 3], (err) => console.log('send cb', err));
            console.log('connected', child.connected);
            """, driver)
        #expect(result.code == 0, "\(result.errorMessage ?? "")")
        #expect(output.stdout == """
            connected true
            send cb null
            child said child argv arg1 true function
            parent got {"echo":{"hello":"child","n":1},"n":1}
            parent got {"echo":[1,2,3],"n":2}
            parent got {"done":true}
            disconnect false
            exit 0 null
            error ERR_IPC_CHANNEL_CLOSED

            """)
    }

    /// A spawned `node` child reads its stdin pipe as the parent writes it (before and after
    /// it starts reading), through `pipe`, and `end` ends it; without a reader it still exits.
    @Test func aNestedNodeReadsItsStdinAsItIsWritten() async throws {
        let (result, output) = try await exec("""
            const cp = require('child_process');
            const child = cp.spawn('node', ['-e', `
              const chunks = [];
              process.stdin.on('data', (d) => chunks.push(d));
              process.stdin.on('end', () => console.log(Buffer.concat(chunks).toString().toUpperCase()));
            `]);
            child.stdout.on('data', (d) => process.stdout.write(d));
            child.stdin.write('early ');
            setTimeout(() => {
              require('stream').Readable.from(['piped ', 'text']).pipe(child.stdin);
            }, 20);
            await new Promise((resolve) => child.on('close', resolve));
            const quiet = cp.spawn('node', ['-e', 'console.log("no reader")']);
            quiet.stdout.on('data', (d) => process.stdout.write(d));
            await new Promise((resolve) => quiet.on('close', (code) => { console.log('closed', code); resolve(); }));
            // `node` alone runs the script it reads from stdin; killed while waiting, it ends.
            const fromStdin = cp.spawn('node');
            fromStdin.stdout.on('data', (d) => process.stdout.write(d));
            fromStdin.stdin.write('console.log(1 + ');
            fromStdin.stdin.end('2, process.argv.length)');
            await new Promise((resolve) => fromStdin.on('close', resolve));
            const waiting = cp.spawn('node');
            setTimeout(() => waiting.kill(), 20);
            await new Promise((resolve) => waiting.on('close', (code, signal) => { console.log('killed', code, signal); resolve(); }));
            """, Self.driver(["node"]))
        #expect(result.code == 0, "\(result.errorMessage ?? "")")
        #expect(output.stdout == "EARLY PIPED TEXT\nno reader\nclosed 0\n3 1\nkilled null SIGTERM\n")
    }

    /// A message channel exists only to a sandboxed `node`, never to a host program; a sync
    /// fork is refused as in Node.
    @Test func aMessageChannelOnlyReachesASandboxedNode() async throws {
        let (_, output) = try await exec("""
            const cp = require('child_process');
            const c = cp.spawn('echo', ['x'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
            c.on('error', (e) => console.log('spawn', e.code));
            try { cp.spawnSync('node', ['-e', '1'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] }); } catch (e) { console.log(e.code); }
            """, Self.driver(["echo", "node"]))
        #expect(output.stdout == "ERR_IPC_SYNC_FORK\nspawn ENOTSUP\n")
    }

    @Test func theExecutorResolvesCommandsThroughThePath() throws {
        let executor = HostCommandExecutor()
        #expect(try executor.resolve("sh", searchPath: "/nonexistent:/bin") == "/bin/sh")
        #expect(throws: CommandError("ENOENT")) { try executor.resolve("no-such-command", searchPath: "/bin") }
        #expect(throws: CommandError("EACCES")) { try executor.resolve("passwd", searchPath: "/etc") }
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: executor.workingDirectory, isDirectory: &isDirectory) && isDirectory.boolValue)
        #expect(try FileManager.default.contentsOfDirectory(atPath: executor.workingDirectory).isEmpty)
    }
}
