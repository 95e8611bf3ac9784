import Foundation
import SecureExec
import Synchronization
import Testing

/// A temporary host directory with a secret beside it, removed at the end.
final class HostSandboxDirectory: Sendable {
    let base: URL
    let root: URL
    let secret: URL

    init() throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("secure-exec-fs-\(UUID().uuidString)")
        root = base.appendingPathComponent("root")
        secret = base.appendingPathComponent("secret.txt")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("dir/sub"), withIntermediateDirectories: true)
        try "outside secret".write(to: secret, atomically: true, encoding: .utf8)
        try "inside".write(to: root.appendingPathComponent("dir/inside.txt"), atomically: true, encoding: .utf8)
    }

    func link(_ name: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent(name).path, withDestinationPath: target)
    }

    deinit { try? FileManager.default.removeItem(at: base) }
}

@Suite("Filesystems", .timeLimit(.minutes(1)))
struct FileSystemTests {
    /// The same behaviour from every implementation, and through a mount (the scripts run in the
    /// mount's base, a host directory, beside an in-memory mount).
    static func filesystems() throws -> [(String, any VirtualFileSystem, HostSandboxDirectory?)] {
        let host = try HostSandboxDirectory()
        let mountedHost = try HostSandboxDirectory()
        let mounted = MountedFileSystem(base: try HostFileSystem(root: mountedHost.root.path),
                                        mounts: ["/elsewhere": InMemoryFileSystem(directories: [])])
        return [("memory", InMemoryFileSystem(directories: []), nil), ("host", try HostFileSystem(root: host.root.path), host),
                ("mounted", mounted, mountedHost)]
    }

    /// Deep trees, names at and past the length limit, and many operations at once, on every
    /// implementation (and across a mount: a rename between them is `EXDEV`).
    @Test func conformanceAtTheEdges() async throws {
        for (name, fs, keep) in try Self.filesystems() {
            _ = keep
            // 64 levels deep, made in one call, listed and removed in one call.
            let deep = "/deep" + String(repeating: "/d", count: 64)
            #expect(try await fs.createDirectory(deep, recursive: true, mode: 0o755) == "/deep", "\(name)")
            try await fs.writeFile(deep + "/leaf.txt", Array("leaf".utf8), options: WriteOptions())
            #expect(try await fs.readFile(deep + "/leaf.txt") == Array("leaf".utf8), "\(name)")
            #expect(try await fs.realpath(deep + "/../d/leaf.txt") == deep + "/leaf.txt", "\(name)")
            try await fs.removeDirectory("/deep", recursive: true)
            await #expect(throws: FileSystemError.self, "\(name)") { try await fs.stat("/deep") }
            // A 255-byte name works; 256 is ENAMETOOLONG.
            let longest = String(repeating: "n", count: 255)
            try await fs.writeFile("/" + longest, [1], options: WriteOptions())
            #expect(try await fs.readDirectory("/").map(\.name).contains(longest), "\(name)")
            try await fs.unlink("/" + longest)
            await #expect(throws: FileSystemError(.nameTooLong, path: "/" + longest + "n"), "\(name)") {
                try await fs.writeFile("/" + longest + "n", [1], options: WriteOptions())
            }
            // 200 writers, renamers and readers at once: every file ends whole, under its new name.
            _ = try await fs.createDirectory("/many", recursive: false, mode: 0o755)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<200 {
                    group.addTask {
                        let data = Array(String(repeating: "\(i),", count: 100).utf8)
                        try await fs.writeFile("/many/f\(i)", data, options: WriteOptions())
                        try await fs.rename("/many/f\(i)", to: "/many/g\(i)")
                        guard try await fs.readFile("/many/g\(i)") == data else { throw FileSystemError(.io, path: "/many/g\(i)") }
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await fs.readDirectory("/many").count == 200, "\(name)")
            try await fs.removeDirectory("/many", recursive: true)
            if name == "mounted" {
                try await fs.writeFile("/x.txt", [1], options: WriteOptions())
                await #expect(throws: FileSystemError(.crossDevice, path: "/x.txt", destination: "/elsewhere/x.txt")) {
                    try await fs.rename("/x.txt", to: "/elsewhere/x.txt")
                }
            }
        }
    }

    @Test func conformance() async throws {
        for (name, fs, keep) in try Self.filesystems() {
            _ = keep
            try await fs.createDirectory("/c", recursive: false, mode: 0o755).map { Issue.record("\(name): \($0)") }
            #expect(try await fs.createDirectory("/c/a/b", recursive: true, mode: 0o755) == "/c/a", "\(name)")
            try await fs.writeFile("/c/a/f.txt", Array("hello".utf8), options: WriteOptions())
            try await fs.writeFile("/c/a/f.txt", Array(" world".utf8), options: WriteOptions(append: true))
            #expect(try await fs.readFile("/c/a/f.txt") == Array("hello world".utf8), "\(name)")
            await #expect(throws: FileSystemError.self) { try await fs.writeFile("/c/a/f.txt", [], options: WriteOptions(exclusive: true)) }
            #expect(try await fs.stat("/c/a/f.txt").size == 11, "\(name)")
            #expect(try await fs.stat("/c/a").type == .directory, "\(name)")
            try await fs.rename("/c/a/f.txt", to: "/c/g.txt")
            await #expect(throws: FileSystemError(.noEntry, path: "/c/a/f.txt")) { try await fs.readFile("/c/a/f.txt") }
            try await fs.link("/c/g.txt", to: "/c/h.txt")
            #expect(try await fs.stat("/c/g.txt").linkCount == 2, "\(name)")
            try await fs.symlink(target: "g.txt", at: "/c/s")
            #expect(try await fs.readlink("/c/s") == "g.txt", "\(name)")
            #expect(try await fs.lstat("/c/s").type == .symlink, "\(name)")
            #expect(try await fs.readFile("/c/s") == Array("hello world".utf8), "\(name)")
            #expect(try await fs.realpath("/c/s") == "/c/g.txt", "\(name)")
            try await fs.symlink(target: "loop2", at: "/c/loop1")
            try await fs.symlink(target: "loop1", at: "/c/loop2")
            await #expect(throws: FileSystemError.self) { try await fs.readFile("/c/loop1") }
            let names = try await fs.readDirectory("/c").map(\.name)
            #expect(names == ["a", "g.txt", "h.txt", "loop1", "loop2", "s"], "\(name)")
            await #expect(throws: FileSystemError.self) { try await fs.removeDirectory("/c/a", recursive: false) }
            try await fs.truncate("/c/g.txt", length: 2)
            #expect(try await fs.readFile("/c/h.txt") == Array("he".utf8), "\(name)")
            try await fs.removeDirectory("/c", recursive: true)
            await #expect(throws: FileSystemError.self) { try await fs.stat("/c") }
        }
    }

    /// A host directory with links that lead out of it every way a link can: absolute, relative,
    /// to a folder outside, chained, from deep inside, into `/proc`, and dangling outside.
    static func escapingLinks() throws -> HostSandboxDirectory {
        let dir = try HostSandboxDirectory()
        try dir.link("abs-link", to: dir.secret.path)
        try dir.link("rel-link", to: "../secret.txt")
        try dir.link("dir-link", to: dir.base.path)
        try dir.link("chain-1", to: "chain-2")
        try dir.link("chain-2", to: "/rel-link")
        try FileManager.default.createSymbolicLink(atPath: dir.root.appendingPathComponent("dir/deep-rel").path,
                                                   withDestinationPath: "../../../../../../secret.txt")
        try dir.link("proc-link", to: "/proc/self/environ")
        try dir.link("dangling-out", to: "../planted.txt")
        return dir
    }

    /// Every way out of a host directory stays inside it.
    @Test(arguments: [
        "/../secret.txt", "/dir/../../secret.txt", "/dir/sub/../../../secret.txt", "/./../../secret.txt",
        "/abs-link", "/rel-link", "/dir-link/secret.txt", "/chain-1", "/dir/deep-rel", "/proc-link",
    ])
    func hostDirectoryCannotBeEscaped(path: String) async throws {
        let dir = try Self.escapingLinks()
        let fs = try HostFileSystem(root: dir.root.path)
        do {
            let bytes = try await fs.readFile(path)
            Issue.record("read \(path) succeeded: \(String(decoding: bytes, as: UTF8.self).prefix(40))")
        } catch let error as FileSystemError {
            #expect([.noEntry, .accessDenied, .notDirectory, .tooManyLinks].contains(error.code), "\(path): \(error)")
        }
        if let real = try? await fs.realpath(path) { #expect(!real.contains(dir.base.path)) }
    }

    /// Every way out of a host directory stays inside it for changes too: the guest writes,
    /// appends, copies, truncates, changes modes and times, makes and removes folders, links and
    /// renames through each escaping path, and nothing outside the folder changes.
    @Test(arguments: [
        "/../secret.txt", "/dir/../../secret.txt", "/abs-link", "/rel-link", "/dir-link/secret.txt", "/chain-1",
        "/dir/deep-rel", "/proc-link", "/dangling-out",
    ])
    func hostDirectoryCannotBeEscapedByChanges(path: String) async throws {
        let dir = try Self.escapingLinks()
        let before = try FileManager.default.attributesOfItem(atPath: dir.secret.path)
        let (result, _) = try await exec("""
            const fs = require('fs');
            const p = '\(path)';
            for (const f of [() => fs.writeFileSync(p, 'changed'), () => fs.appendFileSync(p, 'changed'),
                             () => fs.copyFileSync('/dir/inside.txt', p), () => fs.truncateSync(p, 0),
                             () => fs.chmodSync(p, 0o600), () => fs.utimesSync(p, 1, 1),
                             () => { const fd = fs.openSync(p, 'w'); fs.writeSync(fd, 'changed'); fs.closeSync(fd); },
                             () => fs.mkdirSync(p + '/x/y', { recursive: true }), () => fs.mkdtempSync(p + '-'),
                             () => fs.linkSync('/dir/inside.txt', p + '.hard'), () => fs.symlinkSync('x', p + '.sym'),
                             () => { fs.renameSync('/dir/inside.txt', p + '.moved'); fs.renameSync(p + '.moved', '/dir/inside.txt'); },
                             () => fs.rmSync(p, { recursive: true, force: true }), () => fs.unlinkSync(p),
                             () => fs.rmdirSync(p)]) {
              try { f(); } catch {}
            }
            """, NodeDriver(filesystem: try HostFileSystem(root: dir.root.path), permissions: .allowAllFs))
        #expect(result.code == 0, "\(result)")
        #expect(try String(contentsOf: dir.secret, encoding: .utf8) == "outside secret")
        let after = try FileManager.default.attributesOfItem(atPath: dir.secret.path)
        #expect(after[.posixPermissions] as? Int == before[.posixPermissions] as? Int)
        #expect(after[.modificationDate] as? Date == before[.modificationDate] as? Date)
        let outside = try FileManager.default.contentsOfDirectory(atPath: dir.base.path).sorted()
        #expect(outside == ["root", "secret.txt"], "\(path)")
    }

    @Test func guestCreatedLinksAndRenamesStayInside() async throws {
        let dir = try HostSandboxDirectory()
        let fs = try HostFileSystem(root: dir.root.path)
        let (_, output) = try await exec("""
            const fs = require('fs');
            fs.symlinkSync('\(dir.secret.path)', '/out');
            fs.symlinkSync('../../../secret.txt', '/dir/out2');
            fs.renameSync('/out', '/dir/moved');
            for (const p of ['/out', '/dir/out2', '/dir/moved']) {
              try { console.log(fs.readFileSync(p, 'utf8')) } catch (e) { console.log(p, e.code) }
            }
            console.log(fs.readFileSync('/dir/inside.txt', 'utf8'), fs.realpathSync('/dir/sub/..'));
            """, NodeDriver(filesystem: fs, permissions: .allowAllFs))
        #expect(output.stdout == "/out ENOENT\n/dir/out2 ENOENT\n/dir/moved ENOENT\ninside /dir\n")
    }

    @Test func specialFilesAreRefused() async throws {
        let dir = try HostSandboxDirectory()
        #expect(mkfifo(dir.root.appendingPathComponent("fifo").path, 0o600) == 0)
        let fs = try HostFileSystem(root: dir.root.path)
        await #expect(throws: FileSystemError(.accessDenied, path: "/fifo")) { try await fs.readFile("/fifo") }
    }

    @Test func readOnlyHostDirectories() async throws {
        let dir = try HostSandboxDirectory()
        let fs = try HostFileSystem(root: dir.root.path, readOnly: true)
        #expect(try await fs.readFile("/dir/inside.txt") == Array("inside".utf8))
        await #expect(throws: FileSystemError(.readOnly, path: "/x")) { try await fs.writeFile("/x", [], options: WriteOptions()) }
    }

    /// A directory swapped for a symlink while reads run never yields an outside file.
    @Test func swapRaceNeverReadsOutside() async throws {
        let dir = try HostSandboxDirectory()
        let fs = try HostFileSystem(root: dir.root.path)
        let target = dir.root.appendingPathComponent("race")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try "inside".write(to: target.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
        let aside = dir.root.appendingPathComponent("race-real")
        let outsideDirectory = dir.base.path
        let swapper = Thread {
            for _ in 0..<3000 {
                rename(target.path, aside.path)
                symlink(outsideDirectory, target.path)
                unlink(target.path)
                rename(aside.path, target.path)
            }
        }
        swapper.start()
        var outside = 0
        for _ in 0..<10_000 {
            if let bytes = try? await fs.readFile("/race/secret.txt"), bytes == Array("outside secret".utf8) { outside += 1 }
        }
        while !swapper.isFinished { try await Task.sleep(for: .milliseconds(5)) }
        #expect(outside == 0)
    }

    /// Swaps a link 20 000 times or until stopped, off the cooperative pool's hands (a host
    /// thread, or a task that yields every swap): other tests run meanwhile. (Swapping without
    /// bound kept a core busy for as long as the guest ran and starved the process-isolation
    /// suite.)
    final class LinkSwapper: Sendable {
        private let state = Mutex<(stop: Bool, done: Bool)>((false, false))
        var stopping: Bool { state.withLock { $0.stop } }
        func finished() { state.withLock { $0.done = true } }
        /// Stops swapping and waits for the last swap, after which the link points at `/pub/ok.txt`.
        func stop() async {
            state.withLock { $0.stop = true }
            while !state.withLock({ $0.done }) { try? await Task.sleep(for: .milliseconds(2)) }
        }
    }

    static let swaps = 20_000

    /// A filesystem with `/pub/ok.txt` (allowed), `/private/secret.txt` (denied) and a link
    /// `/pub/link` swapped between `allowed` and `denied` (by default those two files; see
    /// ``LinkSwapper``), pointing at `allowed` once stopped.
    static func swappingLink(_ kind: String, _ dir: HostSandboxDirectory,
                             between allowed: String = "/pub/ok.txt", and denied: String = "/private/secret.txt") async throws
        -> (filesystem: any VirtualFileSystem, swapper: LinkSwapper) {
        let swapper = LinkSwapper()
        if kind == "host" {
            let manager = FileManager.default
            try manager.createDirectory(at: dir.root.appendingPathComponent("pub"), withIntermediateDirectories: true)
            try manager.createDirectory(at: dir.root.appendingPathComponent("private"), withIntermediateDirectories: true)
            try "public".write(to: dir.root.appendingPathComponent("pub/ok.txt"), atomically: true, encoding: .utf8)
            try "private secret, longer".write(to: dir.root.appendingPathComponent("private/secret.txt"), atomically: true, encoding: .utf8)
            let link = dir.root.appendingPathComponent("pub/link").path
            let fresh = dir.root.appendingPathComponent("pub/.fresh").path
            symlink(allowed, link)
            Thread {
                var secretNext = true
                for _ in 0..<Self.swaps where !swapper.stopping {
                    symlink(secretNext ? denied : allowed, fresh)
                    rename(fresh, link)
                    secretNext.toggle()
                }
                symlink(allowed, fresh)
                rename(fresh, link)
                swapper.finished()
            }.start()
            return (try HostFileSystem(root: dir.root.path), swapper)
        }
        let memory = InMemoryFileSystem(directories: ["/pub", "/private"])
        try memory.write("/pub/ok.txt", contents: Array("public".utf8))
        try memory.write("/private/secret.txt", contents: Array("private secret, longer".utf8))
        try await memory.symlink(target: allowed, at: "/pub/link")
        Task.detached {
            var secretNext = true
            for _ in 0..<Self.swaps where !swapper.stopping {
                try? await memory.symlink(target: secretNext ? denied : allowed, at: "/pub/.fresh")
                try? await memory.rename("/pub/.fresh", to: "/pub/link")
                secretNext.toggle()
                await Task.yield()
            }
            try? await memory.symlink(target: allowed, at: "/pub/.fresh")
            try? await memory.rename("/pub/.fresh", to: "/pub/link")
            swapper.finished()
        }
        return (memory, swapper)
    }

    /// Only what is (and resolves) under `/pub/` is allowed, destinations too.
    static let publicOnly = Permissions(fs: .check { (request: FsAccessRequest) -> Bool in
        let (reads, writes) = request.op.access(of: request)
        return (reads + writes).allSatisfy { $0 == "/pub" || $0.hasPrefix("/pub/") }
    })

    /// The permission check judges the file a read then uses: a link swapped between an allowed
    /// and a denied file while the guest reads, stats and opens it in a loop yields the allowed
    /// file or `EACCES`, never the denied file's content or status (the file is opened once,
    /// checked by where that open led, then read through the same descriptor or inode) — on the
    /// host's filesystem and in memory.
    @Test(arguments: ["host", "memory"])
    func aLinkSwappedDuringReadsNeverYieldsADeniedFile(filesystem kind: String) async throws {
        let dir = try HostSandboxDirectory()
        let (filesystem, swapper) = try await Self.swappingLink(kind, dir)
        let (result, output) = try await exec("""
            const fs = require('fs');
            const seen = { public: 0, denied: 0, other: 0, leaked: 0 };
            for (let i = 0; i < 2000; i++) {
              try {
                const text = fs.readFileSync('/pub/link', 'utf8');
                if (text === 'public') seen.public++; else seen.leaked++;
                if (fs.statSync('/pub/link').size !== 6) seen.leaked++;
                const fd = fs.openSync('/pub/link', 'r');
                const buffer = Buffer.alloc(64);
                const n = fs.readSync(fd, buffer, 0, 64, 0);
                fs.closeSync(fd);
                if (buffer.toString('utf8', 0, n) !== 'public') seen.leaked++;
              } catch (e) {
                if (e.code === 'EACCES') seen.denied++; else seen.other++;
              }
            }
            console.log(JSON.stringify(seen));
            """, NodeDriver(filesystem: filesystem, permissions: Self.publicOnly))
        await swapper.stop()
        #expect(result.code == 0, "\(result)")
        let seen = try JSONDecoder().decode([String: Int].self, from: Data(output.stdout.utf8))
        #expect(seen["leaked"] == 0, "\(seen)")
        #expect((seen["public"] ?? 0) > 0, "\(seen)")
    }

    /// Writes too: `writeFile`, `appendFile`, descriptors opened for writing, `truncate`,
    /// `chmod` and `utimes` through a link swapped between an allowed and a denied file never
    /// change the denied file.
    @Test(arguments: ["host", "memory"])
    func aLinkSwappedDuringWritesNeverChangesADeniedFile(filesystem kind: String) async throws {
        let dir = try HostSandboxDirectory()
        let (filesystem, swapper) = try await Self.swappingLink(kind, dir)
        let before = try await filesystem.stat("/private/secret.txt")
        let (result, output) = try await exec("""
            const fs = require('fs');
            const seen = { written: 0, denied: 0, other: 0 };
            for (let i = 0; i < 2100; i++) {
              const step = [
                () => fs.writeFileSync('/pub/link', 'public'),
                () => fs.appendFileSync('/pub/link', ''),
                () => { const fd = fs.openSync('/pub/link', 'r+'); fs.writeSync(fd, 'p', 0); fs.closeSync(fd); },
                () => { const fd = fs.openSync('/pub/link', 'w'); fs.writeSync(fd, 'public'); fs.closeSync(fd); },
                () => fs.truncateSync('/pub/link', 6),
                () => fs.chmodSync('/pub/link', 0o600),
                () => fs.utimesSync('/pub/link', 1, 1),
              ][i % 7];
              try { step(); seen.written++; } catch (e) { if (e.code === 'EACCES') seen.denied++; else { seen.other++; } }
            }
            console.log(JSON.stringify(seen));
            """, NodeDriver(filesystem: filesystem, permissions: Self.publicOnly))
        await swapper.stop()
        #expect(result.code == 0, "\(result)")
        let seen = try JSONDecoder().decode([String: Int].self, from: Data(output.stdout.utf8))
        #expect((seen["written"] ?? 0) > 0, "\(seen)")
        #expect(String(decoding: try await filesystem.readFile("/private/secret.txt"), as: UTF8.self) == "private secret, longer", "\(seen)")
        let after = try await filesystem.stat("/private/secret.txt")
        #expect(after.permissions == before.permissions && after.modificationTimeMs == before.modificationTimeMs, "\(seen)")
    }

    /// A copy's destination is judged where it leads: copying an allowed file onto a link to a
    /// denied file is `EACCES` (the copy would write through the link), and the copy writes the
    /// file the check judged — also while the link is being swapped.
    @Test(arguments: ["host", "memory"])
    func aCopyNeverWritesThroughALinkToADeniedFile(filesystem kind: String) async throws {
        let dir = try HostSandboxDirectory()
        let (filesystem, swapper) = try await Self.swappingLink(kind, dir)
        await swapper.stop()  // the link ends pointing at /pub/ok.txt
        if kind == "host" {
            symlink("/private/secret.txt", dir.root.appendingPathComponent("pub/evil").path)
        } else if let memory = filesystem as? InMemoryFileSystem {
            try await memory.symlink(target: "/private/secret.txt", at: "/pub/evil")
        }
        let (result, output) = try await exec("""
            const fs = require('fs');
            try { fs.copyFileSync('/pub/ok.txt', '/pub/evil'); console.log('copied'); } catch (e) { console.log(e.code, e.syscall); }
            fs.promises.copyFile('/pub/ok.txt', '/pub/evil').then(() => console.log('copied'), (e) => console.log(e.code));
            """, NodeDriver(filesystem: filesystem, permissions: Self.publicOnly))
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == "EACCES copyfile\nEACCES\n")
        #expect(String(decoding: try await filesystem.readFile("/private/secret.txt"), as: UTF8.self) == "private secret, longer")

        let racingDirectory = try HostSandboxDirectory()
        let (racing, racingSwapper) = try await Self.swappingLink(kind, racingDirectory)
        let (raced, racedOutput) = try await exec("""
            const fs = require('fs');
            let copied = 0;
            for (let i = 0; i < 1500; i++) { try { fs.copyFileSync('/pub/ok.txt', '/pub/link'); copied++; } catch {} }
            console.log(copied > 0);
            """, NodeDriver(filesystem: racing, permissions: Self.publicOnly))
        await racingSwapper.stop()
        #expect(raced.code == 0 && racedOutput.stdout == "true\n", "\(raced)")
        #expect(String(decoding: try await racing.readFile("/private/secret.txt"), as: UTF8.self) == "private secret, longer")
    }

    /// A rename or a hard link lands where its destination's folder leads: into a denied folder
    /// through a link is `EACCES`, and nothing arrives there. A new link's relative target is
    /// judged from the folder the link really lands in.
    @Test(arguments: ["host", "memory"])
    func renamesAndLinksNeverLandInADeniedFolderThroughALink(filesystem kind: String) async throws {
        let dir = try HostSandboxDirectory()
        let (filesystem, swapper) = try await Self.swappingLink(kind, dir)
        await swapper.stop()
        if kind == "host" {
            symlink("/private", dir.root.appendingPathComponent("pub/into").path)
        } else if let memory = filesystem as? InMemoryFileSystem {
            try await memory.symlink(target: "/private", at: "/pub/into")
        }
        let (result, output) = try await exec("""
            const fs = require('fs');
            fs.writeFileSync('/pub/moved.txt', 'x');
            for (const f of [() => fs.renameSync('/pub/moved.txt', '/pub/into/moved.txt'),
                             () => fs.linkSync('/pub/ok.txt', '/pub/into/hard.txt'),
                             () => fs.renameSync('/pub/moved.txt', '/pub/renamed.txt'),
                             // A relative link target counts from where the link really is.
                             () => fs.mkdirSync('/pub/a/b', { recursive: true }),
                             () => fs.symlinkSync('/pub', '/pub/a/b/c'),
                             () => fs.symlinkSync('../private/secret.txt', '/pub/a/b/c/l')]) {
              try { f(); console.log('done'); } catch (e) { console.log(e.code, e.syscall); }
            }
            """, NodeDriver(filesystem: filesystem, permissions: Self.publicOnly))
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == "EACCES rename\nEACCES link\ndone\ndone\ndone\nEACCES symlink\n")
        for name in ["moved.txt", "hard.txt"] {
            await #expect(throws: FileSystemError.self) { try await filesystem.stat("/private/\(name)") }
        }
    }

    /// Changes to a folder's entries act in the folder the check judged: with `/pub/link`
    /// swapped between an allowed folder and a denied one, removing, creating, linking, renaming
    /// into, making temporary folders in, listing and reading links or statuses of `/pub/link/…`
    /// in a loop never reach the denied folder (the folder is
    /// opened once, judged by where that led, and the entry changed through it).
    @Test(arguments: ["host", "memory"])
    func aFolderLinkSwappedDuringChangesNeverReachesADeniedFolder(filesystem kind: String) async throws {
        let dir = try HostSandboxDirectory()
        let (filesystem, swapper) = try await Self.swappingLink(kind, dir, between: "/pub/real", and: "/private")
        try await filesystem.createDirectory("/pub/real", recursive: true, mode: 0o755)
        try await filesystem.createDirectory("/private/dir", recursive: true, mode: 0o755)
        for name in ["victim", "dir/inner"] {
            try await filesystem.writeFile("/private/" + name, Array("keep".utf8), options: WriteOptions())
        }
        try await filesystem.symlink(target: "private", at: "/private/plink")
        let (result, output) = try await exec("""
            const fs = require('fs');
            const seen = { done: 0, denied: 0, other: {}, leaked: 0 };
            fs.writeFileSync('/pub/mine', 'm');
            fs.symlinkSync('public', '/pub/real/plink');
            for (let i = 0; i < 2000; i++) {
              fs.writeFileSync('/pub/real/victim', 'v');
              fs.mkdirSync('/pub/real/dir/deeper', { recursive: true });
              // [what the step does, what it makes in the folder (removed again when allowed)]
              const [step, made] = [
                [() => fs.unlinkSync('/pub/link/victim')],
                [() => fs.rmSync('/pub/link/dir', { recursive: true })],
                [() => fs.rmSync('/pub/link/victim')],
                [() => fs.mkdirSync('/pub/link/made'), 'made'],
                [() => fs.mkdirSync('/pub/link/deep/a', { recursive: true }), 'deep'],
                [() => fs.symlinkSync('/pub/mine', '/pub/link/sl'), 'sl'],
                [() => fs.linkSync('/pub/mine', '/pub/link/hard'), 'hard'],
                [() => { fs.renameSync('/pub/mine', '/pub/link/moved'); fs.renameSync('/pub/real/moved', '/pub/mine'); }],
                [() => { if (fs.readdirSync('/pub/link').includes('secret.txt') || fs.readdirSync('/pub/link/dir').includes('inner')) seen.leaked++; }],
                [() => { if (fs.readdirSync('/pub/link', { recursive: true }).some((n) => n.endsWith('inner'))) seen.leaked++; }],
                [() => { if (fs.readlinkSync('/pub/link/plink') !== 'public' || fs.lstatSync('/pub/link/victim').size !== 1) seen.leaked++; }],
                [() => fs.rmdirSync('/pub/real/' + fs.mkdtempSync('/pub/link/t-').split('/').pop())],
              ][i % 12];
              try { step(); seen.done++; } catch (e) {
                if (e.code === 'EACCES') seen.denied++; else seen.other[e.code] = (seen.other[e.code] || 0) + 1;
              }
              if (made) fs.rmSync('/pub/real/' + made, { recursive: true, force: true });
              if (!fs.existsSync('/pub/mine')) fs.writeFileSync('/pub/mine', 'm');
            }
            console.log(JSON.stringify(seen));
            """, NodeDriver(filesystem: filesystem, permissions: Self.publicOnly))
        await swapper.stop()
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout.contains("\"leaked\":0"), "\(output.stdout)")
        #expect(output.stdout.contains("\"denied\":") && !output.stdout.contains("\"done\":0,"), "\(output.stdout)")
        let left = try await filesystem.readDirectory("/private").map(\.name)
        #expect(left == ["dir", "plink", "secret.txt", "victim"], "\(output.stdout)")
        #expect(try await filesystem.readDirectory("/private/dir").map(\.name) == ["inner"], "\(output.stdout)")
    }

    /// A write through a dangling link creates the file where the link leads (as Node does) and
    /// is judged there: a link into a denied folder — which the guest can make itself, a relative
    /// link whose folder it then moves — plants nothing there (it did, judged as the link's own
    /// place); an exclusive write onto a dangling link is `EEXIST`.
    @Test(arguments: ["host", "memory"])
    func aDanglingLinkIsWrittenWhereItLeadsAndJudgedThere(filesystem kind: String) async throws {
        let dir = try HostSandboxDirectory()
        let (filesystem, swapper) = try await Self.swappingLink(kind, dir)
        await swapper.stop()
        let (result, output) = try await exec("""
            const fs = require('fs');
            fs.mkdirSync('/pub/a/b', { recursive: true });
            fs.symlinkSync('../../private/planted', '/pub/a/b/out');  // /pub/private/planted from here
            fs.renameSync('/pub/a/b', '/pub/b');                       // now /private/planted
            fs.symlinkSync('made', '/pub/in');
            for (const f of [() => fs.writeFileSync('/pub/b/out', 'x'),
                             () => fs.appendFileSync('/pub/b/out', 'x'),
                             () => fs.closeSync(fs.openSync('/pub/b/out', 'w')),
                             () => fs.closeSync(fs.openSync('/pub/b/out', 'a+')),
                             () => fs.copyFileSync('/pub/ok.txt', '/pub/b/out'),
                             () => fs.writeFileSync('/pub/in', 'x', { flag: 'wx' }),
                             () => fs.writeFileSync('/pub/in', 'made through the link'),
                             () => fs.readFileSync('/pub/made', 'utf8')]) {
              try { console.log(f() ?? 'done'); } catch (e) { console.log(e.code, e.syscall); }
            }
            """, NodeDriver(filesystem: filesystem, permissions: Self.publicOnly))
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == """
            EACCES open
            EACCES open
            EACCES open
            EACCES open
            EACCES copyfile
            EEXIST open
            done
            made through the link

            """)
        await #expect(throws: FileSystemError.self) { try await filesystem.stat("/private/planted") }
    }

    @Test func fileDescriptorsLikeNode() async throws {
        let limits = ResourceLimits(maxOpenFiles: 3)
        let (result, output) = try await exec("""
            const fs = require('fs');
            const fd = fs.openSync('/tmp/f.txt', 'w+');
            console.log(fs.writeSync(fd, 'hello world'), fs.writeSync(fd, Buffer.from('!!'), 0, 2, 5));
            const b = Buffer.alloc(20);
            console.log(fs.readSync(fd, b, 0, 20, 0), b.toString('utf8', 0, 11), fs.fstatSync(fd).size);
            fs.ftruncateSync(fd, 5); console.log(fs.readFileSync('/tmp/f.txt', 'utf8'));
            fs.closeSync(fd);
            try { fs.closeSync(fd) } catch (e) { console.log(e.code) }
            try { fs.openSync('/tmp/missing', 'r') } catch (e) { console.log(e.code) }
            const open = [];
            try { for (let i = 0; i < 10; i++) open.push(fs.openSync('/tmp/f.txt', 'r')) } catch (e) { console.log(e.code, open.length) }
            open.forEach((d) => fs.closeSync(d));
            const ro = fs.openSync('/data/ro.txt', 'r');
            try { fs.writeSync(ro, 'x') } catch (e) { console.log('write on r:', e.code) }
            try { fs.fchmodSync(ro, 0o777) } catch (e) { console.log('fchmod:', e.code) }
            try { fs.openSync('/data/ro.txt', 'w') } catch (e) { console.log('open w:', e.code) }
            (async () => {
              const h = await fs.promises.open('/tmp/f.txt', 'a+');
              try {
                await h.write('++');
                // As in Node: readFile reads from the current position (the end, after an append).
                console.log(JSON.stringify(await h.readFile('utf8')));
                const { bytesRead, buffer } = await h.read(Buffer.alloc(7), 0, 7, 0);
                console.log(bytesRead, buffer.toString());
              } finally { await h[Symbol.asyncDispose]() }
            })();
            """, NodeDriver(filesystem: try Self.dataFilesystem(), permissions: Permissions(fs: .paths(readOnly: ["/data"], readWrite: ["/tmp"]))),
            limits: limits)
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == """
            11 2
            11 hello!!orld 11
            hello
            EBADF
            ENOENT
            EMFILE 3
            write on r: EBADF
            fchmod: EACCES
            open w: EACCES
            ""
            7 hello++

            """)
    }

    @Test func readAndWriteStreams() async throws {
        let (result, output) = try await exec("""
            const fs = require('fs');
            const { pipeline } = require('stream/promises');
            const w = fs.createWriteStream('/tmp/s.txt');
            for (let i = 0; i < 5; i++) w.write(`line ${i}\\n`);
            w.end('done\\n', async () => {
              const chunks = [];
              for await (const c of fs.createReadStream('/tmp/s.txt', { encoding: 'utf8', highWaterMark: 7, start: 2 })) chunks.push(c);
              console.log(w.bytesWritten, JSON.stringify(chunks.join('')));
              await pipeline(fs.createReadStream('/tmp/s.txt'), fs.createWriteStream('/tmp/copy.txt'));
              console.log(fs.readFileSync('/tmp/copy.txt', 'utf8') === fs.readFileSync('/tmp/s.txt', 'utf8'));
              fs.createReadStream('/tmp/nope').on('error', (e) => console.log(e.code));
            });
            """, NodeDriver(permissions: .allowAllFs))
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == "40 \"ne 0\\nline 1\\nline 2\\nline 3\\nline 4\\ndone\\n\"\ntrue\nENOENT\n")
    }

    static func dataFilesystem() throws -> InMemoryFileSystem {
        let fs = InMemoryFileSystem(directories: ["/tmp", "/data"])
        try fs.write("/data/ro.txt", contents: "read only")
        return fs
    }
}
