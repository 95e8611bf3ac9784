import Foundation
import SecureExec
import Synchronization
import Testing

/// An embedder's filesystem written before ranged operations existed: only the whole-file
/// operations, so it gets the protocol's default `read(_:offset:length:)`/`write(_:offset:_:)`.
final class WholeFileOnlyFileSystem: VirtualFileSystem {
    let base = InMemoryFileSystem(directories: ["/tmp"])
    func stat(_ path: String) async throws -> FileStatus { try await base.stat(path) }
    func lstat(_ path: String) async throws -> FileStatus { try await base.lstat(path) }
    func readFile(_ path: String) async throws -> [UInt8] { try await base.readFile(path) }
    func writeFile(_ path: String, _ data: [UInt8], options: WriteOptions) async throws { try await base.writeFile(path, data, options: options) }
    func readDirectory(_ path: String) async throws -> [DirectoryEntry] { try await base.readDirectory(path) }
    func createDirectory(_ path: String, recursive: Bool, mode: UInt32) async throws -> String? { try await base.createDirectory(path, recursive: recursive, mode: mode) }
    func unlink(_ path: String) async throws { try await base.unlink(path) }
    func removeDirectory(_ path: String, recursive: Bool) async throws { try await base.removeDirectory(path, recursive: recursive) }
    func rename(_ from: String, to: String) async throws { try await base.rename(from, to: to) }
    func copyFile(_ from: String, to: String, exclusive: Bool) async throws { try await base.copyFile(from, to: to, exclusive: exclusive) }
    func symlink(target: String, at path: String) async throws { try await base.symlink(target: target, at: path) }
    func readlink(_ path: String) async throws -> String { try await base.readlink(path) }
    func link(_ existing: String, to newPath: String) async throws { try await base.link(existing, to: newPath) }
    func chmod(_ path: String, mode: UInt32) async throws { try await base.chmod(path, mode: mode) }
    func chown(_ path: String, uid: UInt32, gid: UInt32) async throws { try await base.chown(path, uid: uid, gid: gid) }
    func utimes(_ path: String, accessTimeMs: Double, modificationTimeMs: Double) async throws { try await base.utimes(path, accessTimeMs: accessTimeMs, modificationTimeMs: modificationTimeMs) }
    func truncate(_ path: String, length: Int) async throws { try await base.truncate(path, length: length) }
    func realpath(_ path: String) async throws -> String { try await base.realpath(path) }
}

/// Forwards to another filesystem and records how it is used: whole-file calls, and the
/// largest ranged read and write.
final class RecordingFileSystem: VirtualFileSystem {
    struct Usage { var wholeReads = 0, wholeWrites = 0, largestRead = 0, largestWrite = 0, rangedReads = 0 }
    let base: any VirtualFileSystem
    let usage = Mutex(Usage())
    init(_ base: any VirtualFileSystem) { self.base = base }

    func stat(_ path: String) async throws -> FileStatus { try await base.stat(path) }
    func lstat(_ path: String) async throws -> FileStatus { try await base.lstat(path) }
    func readFile(_ path: String) async throws -> [UInt8] {
        usage.withLock { $0.wholeReads += 1 }
        return try await base.readFile(path)
    }
    func writeFile(_ path: String, _ data: [UInt8], options: WriteOptions) async throws {
        usage.withLock { $0.wholeWrites += 1 }
        try await base.writeFile(path, data, options: options)
    }
    func read(_ path: String, offset: Int, length: Int) async throws -> [UInt8] {
        let bytes = try await base.read(path, offset: offset, length: length)
        usage.withLock { $0.largestRead = max($0.largestRead, bytes.count); $0.rangedReads += 1 }
        return bytes
    }
    func write(_ path: String, offset: Int?, _ data: [UInt8]) async throws -> Int {
        usage.withLock { $0.largestWrite = max($0.largestWrite, data.count) }
        return try await base.write(path, offset: offset, data)
    }
    func readDirectory(_ path: String) async throws -> [DirectoryEntry] { try await base.readDirectory(path) }
    func createDirectory(_ path: String, recursive: Bool, mode: UInt32) async throws -> String? { try await base.createDirectory(path, recursive: recursive, mode: mode) }
    func unlink(_ path: String) async throws { try await base.unlink(path) }
    func removeDirectory(_ path: String, recursive: Bool) async throws { try await base.removeDirectory(path, recursive: recursive) }
    func rename(_ from: String, to: String) async throws { try await base.rename(from, to: to) }
    func copyFile(_ from: String, to: String, exclusive: Bool) async throws { try await base.copyFile(from, to: to, exclusive: exclusive) }
    func symlink(target: String, at path: String) async throws { try await base.symlink(target: target, at: path) }
    func readlink(_ path: String) async throws -> String { try await base.readlink(path) }
    func link(_ existing: String, to newPath: String) async throws { try await base.link(existing, to: newPath) }
    func chmod(_ path: String, mode: UInt32) async throws { try await base.chmod(path, mode: mode) }
    func chown(_ path: String, uid: UInt32, gid: UInt32) async throws { try await base.chown(path, uid: uid, gid: gid) }
    func utimes(_ path: String, accessTimeMs: Double, modificationTimeMs: Double) async throws { try await base.utimes(path, accessTimeMs: accessTimeMs, modificationTimeMs: modificationTimeMs) }
    func truncate(_ path: String, length: Int) async throws { try await base.truncate(path, length: length) }
    func realpath(_ path: String) async throws -> String { try await base.realpath(path) }
}

@Suite("Filesystems: ranged I/O, readv/writev, cp, opendir", .timeLimit(.minutes(2)))
struct FileSystemRangedTests {
    /// Memory, a host directory, a mount combining them, and an embedder's whole-file-only one.
    static func filesystems() throws -> [(String, any VirtualFileSystem, HostSandboxDirectory?)] {
        let host = try HostSandboxDirectory()
        let mountedHost = try HostSandboxDirectory()
        let mounted = MountedFileSystem(base: InMemoryFileSystem(directories: []),
                                        mounts: ["/h": try HostFileSystem(root: mountedHost.root.path)])
        return [
            ("memory", InMemoryFileSystem(directories: []), nil),
            ("host", try HostFileSystem(root: host.root.path), host),
            ("mounted", mounted, mountedHost),
            ("whole-file", WholeFileOnlyFileSystem(), nil),
        ]
    }

    /// Runs `script` with fs access on one of ``filesystems()``: `process.env.DIR` in it names a
    /// folder of that filesystem (made first unless it is the mounted host folder).
    static func run(_ script: String, on fs: any VirtualFileSystem, name: String) async throws -> (dir: String, result: ExecResult, stdout: String) {
        let dir = name == "mounted" ? "/h" : "/r"
        if name != "mounted" { _ = try await fs.createDirectory(dir, recursive: true, mode: 0o755) }
        let (runtime, output) = try makeRuntime(NodeDriver(filesystem: fs, permissions: .allowAllFs))
        let result = try await runtime.exec(script.replacingOccurrences(of: "process.env.DIR", with: "'\(dir)'"))
        await runtime.dispose()
        return (dir, result, output.stdout)
    }

    @Test func rangedReadsAndWritesOnEveryFilesystem() async throws {
        for (name, fs, keep) in try Self.filesystems() {
            _ = keep
            let dir = name == "mounted" ? "/h" : "/r"
            if name != "mounted" { _ = try await fs.createDirectory(dir, recursive: true, mode: 0o755) }
            let file = dir + "/f.bin"
            try await fs.writeFile(file, Array("0123456789".utf8), options: WriteOptions())
            #expect(try await fs.read(file, offset: 3, length: 4) == Array("3456".utf8), "\(name)")
            #expect(try await fs.read(file, offset: 8, length: 100) == Array("89".utf8), "\(name)")
            #expect(try await fs.read(file, offset: 10, length: 5) == [], "\(name)")
            #expect(try await fs.read(file, offset: 1000, length: 5) == [], "\(name)")
            // In place, then past the end (the gap reads as zeros), then an append.
            #expect(try await fs.write(file, offset: 2, Array("ab".utf8)) == 4, "\(name)")
            #expect(try await fs.write(file, offset: 12, Array("XY".utf8)) == 14, "\(name)")
            #expect(try await fs.write(file, offset: nil, Array("!".utf8)) == 15, "\(name)")
            #expect(try await fs.readFile(file) == Array("01ab456789".utf8) + [0, 0] + Array("XY!".utf8), "\(name)")
            #expect(try await fs.stat(file).size == 15, "\(name)")
            // A ranged write never creates a file; directories and bad offsets are refused.
            await #expect(throws: FileSystemError.self, "\(name)") { try await fs.write(dir + "/missing", offset: 0, [1]) }
            await #expect(throws: FileSystemError.self, "\(name)") { try await fs.read(dir + "/missing", offset: 0, length: 1) }
            await #expect(throws: FileSystemError.self, "\(name)") { try await fs.write(dir, offset: 0, [1]) }
            await #expect(throws: FileSystemError.self, "\(name)") { try await fs.read(file, offset: -1, length: 1) }
            #expect(try await fs.readFile(file).count == 15, "\(name)")
        }
    }

    /// A descriptor reaches the file it opened, as in Node: an unlinked file stays readable and
    /// writable until closed (and is then gone), a renamed one still receives writes, a path
    /// replaced after the open does not change what the descriptor reads. Expected output: Node
    /// 22 running the same script on a real directory.
    @Test func descriptorsFollowTheOpenFileNotThePath() async throws {
        let script = """
            const fs = require('fs');
            const dir = process.env.DIR;
            const a = dir + '/a.txt', b = dir + '/b.txt', c = dir + '/c.txt';
            fs.writeFileSync(a, 'hello');
            let fd = fs.openSync(a, 'r+');
            fs.unlinkSync(a);
            fs.writeSync(fd, ' world', 5);
            const buf = Buffer.alloc(32);
            const n = fs.readSync(fd, buf, 0, 32, 0);
            console.log('unlinked:', buf.toString('utf8', 0, n), fs.existsSync(a), fs.fstatSync(fd).size, fs.fstatSync(fd).nlink);
            fs.closeSync(fd);
            fs.writeFileSync(b, 'B');
            fd = fs.openSync(b, 'a');
            fs.renameSync(b, c);
            fs.writeSync(fd, '+more');
            fs.closeSync(fd);
            console.log('renamed:', fs.readFileSync(c, 'utf8'), fs.existsSync(b));
            fs.writeFileSync(a, 'old contents');
            fd = fs.openSync(a, 'r');
            fs.writeFileSync(b, 'new');
            fs.renameSync(b, a);
            console.log('replaced:', fs.readFileSync(fd, 'utf8'), fs.readFileSync(a, 'utf8'));
            fs.closeSync(fd);
            fd = fs.openSync(c, 'r+');
            fs.renameSync(c, b);
            fs.ftruncateSync(fd, 1);
            fs.closeSync(fd);
            console.log('truncated:', fs.readFileSync(b, 'utf8'));
            const h = await fs.promises.open(a, 'r');
            fs.unlinkSync(a);
            console.log('handle:', await h.readFile('utf8'), (await h.stat()).size);
            // Left open: the call's end closes it.
            fs.openSync(b, 'r');
            """
        let expected = "unlinked: hello world false 11 0\nrenamed: B+more false\nreplaced: old contents new\ntruncated: B\nhandle: new 3\n"
        for (name, fs, keep) in try Self.filesystems() where name != "whole-file" {
            let (dir, result, stdout) = try await Self.run(script, on: fs, name: name)
            #expect(result.code == 0, "\(name): \(result.errorMessage ?? "")")
            #expect(stdout == expected, "\(name)")
            // The unlinked file is gone once closed; the moved one is where it was moved.
            let left = try await fs.readDirectory(dir).map(\.name)
            #expect(left.contains("b.txt") && !left.contains("a.txt") && !left.contains("c.txt"), "\(name): \(left)")
            if let keep {
                let names = try FileManager.default.contentsOfDirectory(atPath: keep.root.path + (name == "host" ? dir : ""))
                #expect(!names.contains("c.txt"), "\(name)")
            }
        }
    }

    /// `fchmod`/`futimes`/`fchown` (and `FileHandle.chmod`/`utimes`) change the open file even
    /// after it was renamed or unlinked, with Node's argument errors and `EBADF` after close.
    /// Expected output: Node 22 running the same script on a real directory.
    @Test func metadataChangesThroughADescriptorReachTheOpenFile() async throws {
        let script = """
            const fs = require('fs');
            const dir = process.env.DIR;
            const a = dir + '/m.txt', b = dir + '/n.txt';
            fs.writeFileSync(a, 'x');
            const fd = fs.openSync(a, 'r+');
            fs.renameSync(a, b);
            fs.fchmodSync(fd, 0o600);
            fs.futimesSync(fd, 1000, new Date(2000000));
            const st = fs.fstatSync(fd);
            fs.fchownSync(fd, st.uid, st.gid);
            console.log('renamed:', (st.mode & 0o777).toString(8), st.atimeMs, st.mtimeMs, (fs.statSync(b).mode & 0o777).toString(8), fs.statSync(b).mtimeMs);
            fs.unlinkSync(b);
            fs.fchmod(fd, '644', (err) => {
              console.log('unlinked:', err, (fs.fstatSync(fd).mode & 0o777).toString(8));
              try { fs.fchmodSync(fd, 'x'); } catch (e) { console.log(e.code); }
              try { fs.futimesSync('1', 1, 1); } catch (e) { console.log(e.code); }
              fs.closeSync(fd);
              try { fs.fchmodSync(fd, 0o600); } catch (e) { console.log(e.code, e.syscall); }
              (async () => {
                fs.writeFileSync(a, 'y');
                const h = await fs.promises.open(a, 'r');
                await h.chmod(0o640); await h.utimes(5, 6);
                const s = await h.stat();
                console.log('handle:', (s.mode & 0o777).toString(8), s.mtimeMs);
                await h.close();
              })();
            });
            """
        let expected = """
            renamed: 600 1000000 2000000 600 2000000
            unlinked: null 644
            ERR_INVALID_ARG_VALUE
            ERR_INVALID_ARG_TYPE
            EBADF fchmod
            handle: 640 6000

            """
        for (name, fs, _) in try Self.filesystems() where name != "whole-file" {
            let (_, result, stdout) = try await Self.run(script, on: fs, name: name)
            #expect(result.code == 0, "\(name): \(result.errorMessage ?? "")")
            #expect(stdout == expected, "\(name)")
        }
    }

    /// What an fs callback (or a stream's listener) throws is an uncaught exception, as in Node
    /// (origin 'uncaughtException'), not an unhandled rejection of a promise of ours.
    @Test func anExceptionInAnFsCallbackIsUncaught() async throws {
        let (runtime, output) = try makeRuntime(NodeDriver(permissions: .allowAllFs))
        let result = try await runtime.exec("""
            const fs = require('fs');
            fs.writeFileSync('/tmp/a.txt', 'abc');
            process.on('unhandledRejection', (r) => console.log('unhandledRejection', r.message));
            process.on('uncaughtException', (e, origin) => console.log('uncaughtException', e.message, origin));
            fs.stat('/nope', () => { throw new Error('stat'); });
            fs.readFile('/tmp/a.txt', () => { throw new Error('readFile'); });
            fs.createReadStream('/tmp/a.txt').on('data', () => { throw new Error('data listener'); });
            """)
        await runtime.dispose()
        #expect(result.code == 0, "\(result.errorMessage ?? "")")
        let lines = output.stdout.split(separator: "\n").sorted()
        #expect(lines == ["uncaughtException data listener uncaughtException", "uncaughtException readFile uncaughtException",
                          "uncaughtException stat uncaughtException"], "\(output.stdout)")
    }

    /// A metadata change through a descriptor is checked like the path form: a read grant does not
    /// allow it (`EACCES`), nor does a read-only host folder (`EROFS`); the file is unchanged.
    @Test func metadataChangesThroughADescriptorAreChecked() async throws {
        let host = try HostSandboxDirectory()
        try Data("x".utf8).write(to: host.root.appendingPathComponent("f.txt"))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: host.root.appendingPathComponent("f.txt").path)
        let script = """
            const fs = require('fs');
            const fd = fs.openSync('/d/f.txt', 'r');
            for (const call of [() => fs.fchmodSync(fd, 0o600), () => fs.futimesSync(fd, 1, 1), () => fs.fchownSync(fd, 0, 0)]) {
              try { call(); console.log('changed'); } catch (e) { console.log(e.code, e.syscall); }
            }
            """
        let readOnlyGrant = NodeDriver(filesystem: MountedFileSystem(base: InMemoryFileSystem(), mounts: ["/d": try HostFileSystem(root: host.root.path)]),
                                       permissions: Permissions(fs: .paths(readOnly: ["/d"], readWrite: [])))
        let readOnlyFolder = NodeDriver(filesystem: MountedFileSystem(base: InMemoryFileSystem(), mounts: ["/d": try HostFileSystem(root: host.root.path, readOnly: true)]),
                                        permissions: .allowAllFs)
        for (driver, code) in [(readOnlyGrant, "EACCES"), (readOnlyFolder, "EROFS")] {
            let (runtime, output) = try makeRuntime(driver)
            let result = try await runtime.exec(script)
            await runtime.dispose()
            #expect(result.code == 0, "\(result.errorMessage ?? "")")
            #expect(output.stdout == "\(code) fchmod\n\(code) futime\n\(code) fchown\n")
        }
        let mode = try FileManager.default.attributesOfItem(atPath: host.root.appendingPathComponent("f.txt").path)[.posixPermissions] as? Int
        #expect(mode == 0o644)
    }

    /// `readdir` with `recursive` descends into linked directories as Node does (output: Node 22
    /// on the same tree), and a link back up is listed but not followed again.
    @Test func recursiveReaddirFollowsDirectoryLinks() async throws {
        let (result, output) = try await exec("""
            const fs = require('fs');
            fs.mkdirSync('/t/a/sub', { recursive: true });
            fs.mkdirSync('/t/other');
            fs.writeFileSync('/t/a/sub/f', '');
            fs.writeFileSync('/t/other/g', '');
            fs.symlinkSync('../other', '/t/a/link');
            console.log(fs.readdirSync('/t/a', { recursive: true }).sort().join(' '));
            console.log(fs.readdirSync('/t/a', { recursive: true, withFileTypes: true }).map((d) => d.parentPath + '/' + d.name).sort().join(' '));
            fs.symlinkSync('..', '/t/a/sub/up');
            console.log(fs.readdirSync('/t/a', { recursive: true }).sort().join(' '));
            """, NodeDriver(permissions: .allowAllFs))
        #expect(result.code == 0, "\(result.errorMessage ?? "")")
        #expect(output.stdout == """
            link link/g sub sub/f
            /t/a/link /t/a/link/g /t/a/sub /t/a/sub/f
            link link/g sub sub/f sub/up

            """)
    }

    @Test func inMemoryFilesCannotBeGrownPastTheLimit() async throws {
        let fs = InMemoryFileSystem(directories: [], maximumFileSize: 1024)
        try fs.write("/f", contents: "x")
        await #expect(throws: FileSystemError(.fileTooLarge, path: "/f")) { try await fs.write("/f", offset: 1 << 40, [1]) }
        await #expect(throws: FileSystemError(.fileTooLarge, path: "/f")) { try await fs.truncate("/f", length: 1 << 40) }
        #expect(try await fs.write("/f", offset: 1000, [1]) == 1001)
        #expect(try fs.contents(of: "/f").count == 1001)
    }

    /// Argument errors as Node throws them, before anything reaches the host.
    @Test func descriptorArgumentsAreCheckedAsNodeChecksThem() async throws {
        let memory = InMemoryFileSystem(directories: ["/tmp"])
        let (result, output) = try await exec("""
            const fs = require('fs');
            const fd = fs.openSync('/tmp/f', 'w+');
            const codes = [];
            const attempt = (f) => { try { f(); codes.push('none'); } catch (e) { codes.push(e.code); } };
            attempt(() => fs.writeSync(fd, Buffer.alloc(0), -1));
            attempt(() => fs.writeSync(fd, Buffer.from('abc'), { length: 5 }));
            attempt(() => fs.write(fd, Buffer.from('abcd'), NaN, 4, 0, () => {}));
            attempt(() => fs.read(fd, Buffer.alloc(4), 0, 4, () => {}, () => {}));
            attempt(() => fs.truncate('/tmp/f', '', () => {}));
            attempt(() => fs.chownSync('/tmp/f', 'x', 1));
            attempt(() => fs.symlinkSync('a', '/tmp/l', 'bad'));
            attempt(() => fs.openSync('/tmp/f', 4294967296));
            attempt(() => fs.openSync('/tmp/missing', fs.constants.O_WRONLY));
            attempt(() => fs.readdirSync('/tmp', 'no-such-encoding'));
            attempt(() => new fs.Dir());
            console.log(codes.join());
            """, NodeDriver(filesystem: memory, permissions: .allowAllFs))
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == "ERR_OUT_OF_RANGE,ERR_OUT_OF_RANGE,ERR_OUT_OF_RANGE,ERR_INVALID_ARG_TYPE,ERR_INVALID_ARG_TYPE,"
                + "ERR_INVALID_ARG_TYPE,ERR_FS_INVALID_SYMLINK_TYPE,ERR_OUT_OF_RANGE,ENOENT,ERR_INVALID_ARG_VALUE,ERR_MISSING_ARGS\n")
    }

    /// A 1-byte write through a descriptor is a 1-byte ranged write, not a rewrite of the file.
    @Test func descriptorIOIsRanged() async throws {
        let memory = InMemoryFileSystem(directories: ["/tmp"])
        try memory.write("/tmp/big.bin", contents: [UInt8](repeating: 65, count: 1 << 20))
        let fs = RecordingFileSystem(memory)
        let (result, output) = try await exec("""
            const fs = require('fs');
            const fd = fs.openSync('/tmp/big.bin', 'r+');
            console.log(fs.writeSync(fd, 'z', 5), fs.writeSync(fd, Buffer.from('yy')));
            const b = Buffer.alloc(8);
            console.log(fs.readSync(fd, b, 0, 8, 3), b.toString());
            fs.closeSync(fd);
            const a = fs.openSync('/tmp/big.bin', 'a');
            fs.writeSync(a, 'END');
            fs.closeSync(a);
            console.log(fs.fstatSync(fs.openSync('/tmp/big.bin', 'r')).size);
            """, NodeDriver(filesystem: fs, permissions: .allowAllFs))
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == "1 2\n8 AAzAAAAA\n\(1 << 20 + 3)\n")
        let usage = fs.usage.withLock { $0 }
        #expect(usage.wholeReads == 0 && usage.wholeWrites == 0)
        #expect(usage.largestWrite == 3 && usage.largestRead == 8)
        let bytes = try memory.contents(of: "/tmp/big.bin")
        #expect(bytes[0..<8] == ArraySlice(Array("yyAAAzAA".utf8)) && bytes.suffix(3) == ArraySlice(Array("END".utf8)))
    }

    /// A file far larger than any payload streams through in chunks: no call reads more than a
    /// chunk, nothing reads the whole file.
    @Test func largeHostFileStreamsInBoundedChunks() async throws {
        let dir = try HostSandboxDirectory()
        let path = dir.root.appendingPathComponent("large.bin").path
        let size = 64 << 20
        let fd = open(path, O_CREAT | O_WRONLY, 0o644)
        #expect(fd >= 0)
        #expect(ftruncate(fd, off_t(size)) == 0)
        #expect(pwrite(fd, "HEAD", 4, 0) == 4 && pwrite(fd, "TAIL", 4, off_t(size - 4)) == 4)
        close(fd)
        let fs = RecordingFileSystem(try HostFileSystem(root: dir.root.path))
        let limits = ResourceLimits(maxBinaryPayloadBytes: 64 << 10)
        let (result, output) = try await exec("""
            const fs = require('fs');
            let total = 0, chunks = 0, first = null, last = null;
            fs.createReadStream('/large.bin', { highWaterMark: 64 << 10 })
              .on('data', (c) => { total += c.length; chunks++; if (!first) first = c.subarray(0, 4).toString(); last = c; })
              .on('end', () => console.log(total, chunks, first, last.subarray(last.length - 4).toString()))
              .on('error', (e) => console.log('error', e.code));
            """, NodeDriver(filesystem: fs, permissions: .allowAllFs), limits: limits)
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == "\(size) 1024 HEAD TAIL\n")
        let usage = fs.usage.withLock { $0 }
        #expect(usage.wholeReads == 0)
        #expect(usage.largestRead <= 64 << 10)
        #expect(usage.rangedReads >= 1024)
    }

    /// Bytes the host hands the guest are reported to the engine's collector: reading a 1 MB file
    /// 1 000 times in one call stays within the default 128 MiB worker limit.
    @Test func repeatedLargeReadsStayWithinTheMemoryLimit() async throws {
        let memory = InMemoryFileSystem(directories: ["/tmp"])
        try memory.write("/tmp/one.bin", contents: [UInt8](repeating: 7, count: 1 << 20))
        let (result, output) = try await exec("""
            const fs = require('fs');
            let total = 0;
            for (let i = 0; i < 1000; i++) total += fs.readFileSync('/tmp/one.bin').length;
            console.log(total);
            """, NodeDriver(filesystem: memory, permissions: .allowAllFs))
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == "\(1000 << 20)\n")
    }

    /// Large chunks copied into the engine in a loop (4 MB reads and 4 MB stream chunks, 500 MB
    /// in all) stay within the default limit: the engine collects after every 16 MB it was handed.
    @Test func largeChunksInALoopStayWithinTheMemoryLimit() async throws {
        let memory = InMemoryFileSystem(directories: ["/tmp"])
        try memory.write("/tmp/four.bin", contents: [UInt8](repeating: 3, count: 4 << 20))
        let (runtime, output) = try makeRuntime(NodeDriver(filesystem: memory, permissions: .allowAllFs))
        let result = try await runtime.exec("""
            const fs = require('fs');
            let total = 0;
            for (let i = 0; i < 100; i++) total += fs.readFileSync('/tmp/four.bin').length;
            for (let i = 0; i < 25; i++) {
              for await (const chunk of fs.createReadStream('/tmp/four.bin', { highWaterMark: 4 << 20 })) total += chunk.length;
            }
            console.log(total);
            """)
        await runtime.dispose()
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == "\(125 * (4 << 20))\n")
    }

    @Test func readvAndWritevLikeNode() async throws {
        let (result, output) = try await exec("""
            const fs = require('fs');
            const p = '/tmp/v.txt';
            fs.writeFileSync(p, '');
            const fd = fs.openSync(p, 'r+');
            console.log(fs.writevSync(fd, [Buffer.from('hello '), Buffer.from('vector '), new Uint8Array([119, 111, 114, 108, 100])]));
            console.log(fs.writevSync(fd, [Buffer.from('V')], 6), fs.readFileSync(p, 'utf8'));
            const a = Buffer.alloc(5), b = Buffer.alloc(3), c = Buffer.alloc(20);
            console.log(fs.readvSync(fd, [a, b, c], 0), a.toString(), b.toString(), c.toString('utf8', 0, 10));
            try { fs.readvSync(fd, 'nope') } catch (e) { console.log(e.code, e.message) }
            fs.readv(fd, [Buffer.alloc(4)], 2, (err, n, bufs) => {
              console.log('readv cb', err, n, bufs[0].toString());
              fs.writev(fd, [Buffer.from('!!')], (err, n) => {
                console.log('writev cb', err, n, fs.readFileSync(p, 'utf8'));
                fs.closeSync(fd);
                (async () => {
                  const h = await fs.promises.open(p, 'r+');
                  const r = await h.writev([Buffer.from('AB'), Buffer.from('CD')], 0);
                  const x = Buffer.alloc(6);
                  const q = await h.readv([x], 0);
                  console.log(r.bytesWritten, q.bytesRead, x.toString());
                  await h.close();
                })();
              });
            });
            """, NodeDriver(permissions: .allowAllFs))
        #expect(result.code == 0, "\(result)")
        // What node22 prints for the same script.
        #expect(output.stdout == """
            18
            1 hello Vector world
            18 hello  Ve ctor world
            ERR_INVALID_ARG_TYPE The "buffers" argument must be an ArrayBufferView[]. Received type string ('nope')
            readv cb null 4 llo\u{20}
            writev cb null 2 hello Vector world!!
            4 6 ABCDo\u{20}

            """)
    }

    @Test func opendirLikeNode() async throws {
        let (result, output) = try await exec("""
            const fs = require('fs');
            const d = '/tmp/od';
            fs.mkdirSync(d + '/sub', { recursive: true });
            fs.writeFileSync(d + '/a.txt', 'a'); fs.writeFileSync(d + '/sub/b.txt', 'b');
            const dir = fs.opendirSync(d);
            const names = [];
            let e;
            while ((e = dir.readSync()) !== null) names.push(`${e.name}:${e.isDirectory()}:${e.parentPath === d}`);
            console.log(names.sort().join(' '), dir.path === d);
            dir.closeSync();
            try { dir.readSync() } catch (err) { console.log(err.code, err.message) }
            try { dir.closeSync() } catch (err) { console.log(err.code) }
            try { fs.opendirSync(d, { bufferSize: 0 }) } catch (err) { console.log(err.code) }
            try { fs.opendirSync(d + '/missing') } catch (err) { console.log(err.code, err.syscall) }
            fs.opendir(d, (err, dir2) => {
              dir2.read((err, entry) => {
                console.log('cb', err, typeof entry.name);
                dir2.close((err) => {
                  console.log('closed', err);
                  (async () => {
                    const seen = [];
                    for await (const entry of await fs.promises.opendir(d, { recursive: true })) seen.push(entry.name);
                    console.log(seen.sort().join(','));
                    const s = fs.statfsSync(d);
                    console.log(typeof s.bsize, typeof s.blocks, typeof fs.statfsSync(d, { bigint: true }).bfree);
                  })();
                });
              });
            });
            """, NodeDriver(permissions: .allowAllFs))
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == """
            a.txt:false:true sub:true:true true
            ERR_DIR_CLOSED Directory handle was closed
            ERR_DIR_CLOSED
            ERR_OUT_OF_RANGE
            ENOENT opendir
            cb null string
            closed null
            a.txt,b.txt,sub
            number number bigint

            """)
    }

    /// `fs.watch` and `fs.watchFile` poll through ordinary, permission-checked fs calls: a watched
    /// directory reports entries appearing ('rename'), changing ('change') and going; `watchFile`
    /// reports a missing file with zeroed Stats, then its creation, as Node's uv_fs_poll does;
    /// paths the guest may not read are refused as Node reports a failed watch.
    @Test func watchersPollThroughThePermissionChecks() async throws {
        let (result, output) = try await exec("""
            const fs = require('fs');
            const d = '/tmp/w';
            fs.mkdirSync(d);
            try { fs.watch('/tmp/missing'); } catch (e) { console.log(e.code, e.syscall); }
            try { fs.watch('/etc'); } catch (e) { console.log(e.code); }
            const events = [];
            const steps = [() => fs.writeFileSync(`${d}/a.txt`, 'x'), () => fs.writeFileSync(`${d}/a.txt`, 'longer'),
                           () => fs.unlinkSync(`${d}/a.txt`)];
            const watcher = fs.watch(d, (type, name) => {
              events.push(`${type}:${name}`);
              const next = steps.shift();
              if (next !== undefined) { next(); return; }
              watcher.close();
              console.log(events.join(' '));
              let calls = 0;
              const file = `${d}/f`;
              fs.watchFile(file, { interval: 5 }, (curr, prev) => {
                calls += 1;
                console.log('watchFile', calls, curr.size, prev.size, prev.ino === 0, curr instanceof fs.Stats);
                if (calls === 1) fs.writeFileSync(file, 'abc');
                else fs.unwatchFile(file);
              });
            });
            watcher.on('close', () => console.log('closed'));
            steps.shift()();
            """, NodeDriver(permissions: Permissions(fs: .paths(readWrite: ["/tmp"]))))
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == """
            ENOENT watch
            EACCES
            rename:a.txt change:a.txt rename:a.txt
            closed
            watchFile 1 0 0 true true
            watchFile 2 3 0 true true

            """, "\(output.stdout)")
    }

    /// Stats print and serialise as Node 22's: the numbers only; the Date fields are prototype
    /// accessors that become own, non-enumerable properties once read.
    @Test func statsLookLikeNode22s() async throws {
        let (result, output) = try await exec("""
            const fs = require('fs');
            fs.writeFileSync('/tmp/s.txt', 'abc');
            const s = fs.statSync('/tmp/s.txt');
            console.log(Object.keys(s).join(','));
            console.log(s.mtime instanceof Date, s.mtime.getTime() === Math.round(s.mtimeMs), Object.keys(s).length, s.isFile());
            const b = fs.statSync('/tmp/s.txt', { bigint: true });
            console.log(Object.keys(b).length, typeof b.mtimeNs, b.isFile(), b.size);
            const z = new fs.Stats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
            console.log(z.atime.toISOString(), z instanceof fs.Stats, s instanceof fs.Stats, JSON.stringify(z).length);
            """, NodeDriver(permissions: .allowAllFs))
        #expect(result.code == 0, "\(result)")
        #expect(output.stdout == """
            dev,mode,nlink,uid,gid,rdev,blksize,ino,size,blocks,atimeMs,mtimeMs,ctimeMs,birthtimeMs
            true true 14 true
            18 bigint true 3n
            1970-01-01T00:00:00.000Z true true 145

            """, "\(output.stdout)")
        #expect(output.stderr.contains("[DEP0180] DeprecationWarning: fs.Stats constructor is deprecated."), "\(output.stderr)")
    }

    /// `cp` over a host directory with grants: trees, symlinks, filters, force/errorOnExist, the
    /// errors Node gives, and copies out of (or into) what the grants allow fail with EACCES.
    @Test func cpLikeNodeWithinGrants() async throws {
        let dir = try HostSandboxDirectory()
        try FileManager.default.createDirectory(at: dir.root.appendingPathComponent("work"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: dir.root.appendingPathComponent("private"), withIntermediateDirectories: true)
        try "secret".write(to: dir.root.appendingPathComponent("private/secret.txt"), atomically: true, encoding: .utf8)
        // A link the guest could not create itself (its target is outside the grants).
        try dir.link("work/plink", to: "/private")
        let fs = try HostFileSystem(root: dir.root.path)
        let permissions = Permissions(fs: .paths(readOnly: ["/dir"], readWrite: ["/work"]))
        let (result, output) = try await exec("""
            const fs = require('fs');
            const root = '/work';
            const s = root + '/src';
            fs.mkdirSync(s + '/deep/er', { recursive: true });
            fs.writeFileSync(s + '/a.txt', 'A');
            fs.writeFileSync(s + '/skip.log', 'L');
            fs.writeFileSync(s + '/deep/er/b.txt', 'B');
            fs.symlinkSync('a.txt', s + '/rel-link');
            fs.symlinkSync('deep', s + '/dir-link');
            const show = (d) => fs.readdirSync(d, { recursive: true }).sort().join(',');
            try { fs.cpSync(s, root + '/dst') } catch (e) { console.log(e.code) }
            fs.cpSync(s, root + '/dst', { recursive: true, filter: (src) => !src.endsWith('.log') });
            console.log(show(root + '/dst'));
            console.log(fs.readlinkSync(root + '/dst/rel-link') === s + '/a.txt', fs.readFileSync(root + '/dst/deep/er/b.txt', 'utf8'));
            fs.cpSync(s, root + '/dst2', { recursive: true, verbatimSymlinks: true });
            console.log(fs.readlinkSync(root + '/dst2/rel-link'));
            fs.writeFileSync(root + '/dst/a.txt', 'changed');
            fs.cpSync(s, root + '/dst', { recursive: true, force: false });
            console.log(fs.readFileSync(root + '/dst/a.txt', 'utf8'));
            try { fs.cpSync(s, root + '/dst', { recursive: true, force: false, errorOnExist: true }) } catch (e) { console.log(e.code) }
            fs.cpSync(s + '/a.txt', root + '/dst/a.txt');
            console.log(fs.readFileSync(root + '/dst/a.txt', 'utf8'));
            try { fs.cpSync(s, s + '/deep/inside', { recursive: true }) } catch (e) { console.log(e.code) }
            try { fs.cpSync(s, s) } catch (e) { console.log(e.code) }
            try { fs.cpSync(s, root + '/dst/a.txt', { recursive: true }) } catch (e) { console.log(e.code) }
            try { fs.cpSync(s + '/a.txt', root + '/dst/deep') } catch (e) { console.log(e.code) }
            try { fs.cpSync(s, root + '/x', { filter: () => Promise.resolve(true) }) } catch (e) { console.log(e.code) }
            try { fs.cpSync(s, root + '/x', { dereference: true, verbatimSymlinks: true }) } catch (e) { console.log(e.code) }
            try { fs.cpSync(s + '/a.txt', '/dir/stolen.txt') } catch (e) { console.log('into read-only', e.code) }
            try { fs.cpSync('/private/secret.txt', root + '/stolen.txt') } catch (e) { console.log('out of grant', e.code, fs.existsSync(root + '/stolen.txt')) }
            try { fs.cpSync(root + '/plink', root + '/pcopy', { recursive: true, dereference: true }) } catch (e) { console.log('through a link', e.code) }
            fs.cp(s, root + '/dst3', { recursive: true }, (err) => {
              console.log('cb', err, show(root + '/dst3'));
              fs.promises.cp(s + '/deep', root + '/dst4', { recursive: true, filter: async (src) => !src.endsWith('b.txt') })
                .then(() => console.log('promise', show(root + '/dst4')));
            });
            """, NodeDriver(filesystem: fs, permissions: permissions))
        #expect(result.code == 0, "\(result)")
        // node22 prints the same, apart from the sandbox's EACCES lines (its recursive readdir
        // also descends into dir-link).
        #expect(output.stdout == """
            ERR_FS_EISDIR
            a.txt,deep,deep/er,deep/er/b.txt,dir-link,dir-link/er,dir-link/er/b.txt,rel-link
            true B
            a.txt
            changed
            ERR_FS_CP_EEXIST
            A
            ERR_FS_CP_EINVAL
            ERR_FS_CP_EINVAL
            ERR_FS_CP_DIR_TO_NON_DIR
            ERR_FS_CP_NON_DIR_TO_DIR
            ERR_INVALID_RETURN_VALUE
            ERR_INCOMPATIBLE_OPTION_PAIR
            into read-only EACCES
            out of grant EACCES false
            through a link EACCES
            cb null a.txt,deep,deep/er,deep/er/b.txt,dir-link,dir-link/er,dir-link/er/b.txt,rel-link,skip.log
            promise er

            """)
        #expect(!FileManager.default.fileExists(atPath: dir.root.appendingPathComponent("work/stolen.txt").path))
        #expect(!FileManager.default.fileExists(atPath: dir.root.appendingPathComponent("work/pcopy/secret.txt").path))
    }
}
