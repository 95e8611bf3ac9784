#if canImport(Glibc)
import Glibc
#endif
import CSecureExecSystem
import SecureExecBridge
import Synchronization

/// A host directory presented to the guest as its filesystem root.
///
/// It cannot be escaped: every path is resolved by the kernel *inside* the directory
/// (`openat2` with `RESOLVE_IN_ROOT`), so `..`, absolute and relative symlinks — existing ones or
/// links the guest creates, chains of them, directory links — all stay within it, as in a chroot,
/// and a directory swapped for a symlink mid-operation cannot redirect an access (there is no
/// check-then-use window: the checked descriptor is the one used). Operations on a final
/// component (unlink, rename, readlink, …) act on a descriptor of its parent directory and never
/// follow a symlink there. Devices, FIFOs and sockets are refused. Linux only.
public final class HostFileSystem: VirtualFileSystem {
    /// The host directory.
    public let root: String
    /// Whether every change is refused with `EROFS`.
    public let readOnly: Bool
    private let rootDescriptor: Int32
    /// Where the root directory is on the host, as last read (it is read again if the directory
    /// moved).
    private let rootLocation = Mutex<String?>(nil)

    /// Opens `root`. Throws when it is not a directory or this platform cannot confine paths.
    public init(root: String, readOnly: Bool = false) throws {
        #if os(Linux)
        let fd = Glibc.open(root, se_o_path | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw FileSystemError(.noEntry, path: root) }
        // openat2 must exist: without it, confinement cannot be guaranteed.
        let probe = se_openat2(fd, ".", se_o_path | O_CLOEXEC, 0, se_resolve_in_root)
        guard probe >= 0 else {
            close(fd)
            throw FileSystemError(.notImplemented, path: root)
        }
        close(probe)
        self.root = root
        self.readOnly = readOnly
        rootDescriptor = fd
        #else
        throw FileSystemError(.notImplemented, path: root)
        #endif
    }

    deinit { close(rootDescriptor) }

    // MARK: - Resolution

    private static let resolveFlags = se_resolve_in_root | se_resolve_no_magiclinks

    /// A descriptor for `path` resolved inside the root (following symlinks, confined).
    private func open(_ path: String, _ flags: Int32, mode: UInt32 = 0) throws(FileSystemError) -> Int32 {
        let relative = Self.relative(path)
        let fd = se_openat2(rootDescriptor, relative, flags | O_CLOEXEC, mode, Self.resolveFlags)
        guard fd >= 0 else { throw Self.error(-fd, path) }
        return fd
    }

    /// The parent directory's descriptor and the final component (never `.`/`..`, never a link
    /// to follow).
    private func parent(_ path: String) throws(FileSystemError) -> (Int32, String) {
        let normalized = GuestPath.normalize(path)
        guard normalized != "/" else { throw FileSystemError(.busy, path: path) }
        let name = GuestPath.basename(normalized)
        guard name.utf8.count <= 255 else { throw FileSystemError(.nameTooLong, path: path) }
        let dir = try open(GuestPath.dirname(normalized), se_o_path | O_DIRECTORY)
        return (dir, name)
    }

    private static func relative(_ path: String) -> String {
        let normalized = GuestPath.normalize(path)
        return normalized == "/" ? "." : String(normalized.dropFirst())
    }

    static func error(_ code: Int32, _ path: String, _ destination: String? = nil) -> FileSystemError {
        let name: FileSystemError.Code
        switch code {
        case ENOENT: name = .noEntry
        case EEXIST: name = .exists
        case EISDIR: name = .isDirectory
        case ENOTDIR: name = .notDirectory
        case ENOTEMPTY: name = .notEmpty
        case EACCES: name = .accessDenied
        case EPERM: name = .notPermitted
        case ELOOP: name = .tooManyLinks
        case EXDEV: name = .crossDevice
        case EMFILE, ENFILE: name = .tooManyOpenFiles
        case ENAMETOOLONG: name = .nameTooLong
        case EBADF: name = .badDescriptor
        case EINVAL: name = .invalid
        case EROFS: name = .readOnly
        case EBUSY: name = .busy
        case EFBIG: name = .fileTooLarge
        case ENOSYS: name = .notImplemented
        default: name = .io
        }
        return FileSystemError(name, path: path, destination: destination)
    }

    private func writable(_ path: String) throws(FileSystemError) {
        if readOnly { throw FileSystemError(.readOnly, path: path) }
    }

    static func status(_ s: stat) throws(FileSystemError) -> FileStatus {
        let type: FileType
        switch s.st_mode & S_IFMT {
        case S_IFREG: type = .file
        case S_IFDIR: type = .directory
        case S_IFLNK: type = .symlink
        case S_IFIFO: type = .fifo
        case S_IFSOCK: type = .socket
        case S_IFCHR: type = .characterDevice
        default: type = .blockDevice
        }
        func ms(_ t: timespec) -> Double { Double(t.tv_sec) * 1000 + Double(t.tv_nsec) / 1_000_000 }
        return FileStatus(type: type, permissions: UInt32(s.st_mode & 0o7777), size: Int(s.st_size), inode: UInt64(s.st_ino),
                          linkCount: Int(s.st_nlink), uid: s.st_uid, gid: s.st_gid, device: UInt64(s.st_dev),
                          accessTimeMs: ms(s.st_atim), modificationTimeMs: ms(s.st_mtim), changeTimeMs: ms(s.st_ctim),
                          birthTimeMs: ms(s.st_ctim))
    }

    /// Opens a regular file (never a device, FIFO or socket: opened non-blocking, checked, refused).
    private func openRegular(_ path: String, _ flags: Int32, mode: UInt32 = 0) throws(FileSystemError) -> Int32 {
        try openRegularSized(path, flags, mode: mode).fd
    }

    /// A regular file opened (special files refused), with its size when opened.
    private func openRegularSized(_ path: String, _ flags: Int32, mode: UInt32 = 0) throws(FileSystemError) -> (fd: Int32, size: Int) {
        let fd = try open(path, flags | O_NONBLOCK | O_NOCTTY, mode: mode)
        var s = Glibc.stat()
        guard fstat(fd, &s) == 0 else { close(fd); throw Self.error(errno, path) }
        switch s.st_mode & S_IFMT {
        case S_IFREG: return (fd, max(0, Int(s.st_size)))
        case S_IFDIR: close(fd); throw FileSystemError(.isDirectory, path: path)
        default: close(fd); throw FileSystemError(.accessDenied, path: path)
        }
    }

    // MARK: - VirtualFileSystem

    public func stat(_ path: String) async throws -> FileStatus {
        let fd = try open(path, se_o_path)
        defer { close(fd) }
        var s = Glibc.stat()
        guard fstat(fd, &s) == 0 else { throw Self.error(errno, path) }
        return try Self.status(s)
    }

    public func lstat(_ path: String) async throws -> FileStatus {
        if GuestPath.normalize(path) == "/" { return try await stat(path) }
        let (dir, name) = try parent(path)
        defer { close(dir) }
        var s = Glibc.stat()
        guard fstatat(dir, name, &s, AT_SYMLINK_NOFOLLOW) == 0 else { throw Self.error(errno, path) }
        return try Self.status(s)
    }

    public func readFile(_ path: String) async throws -> [UInt8] {
        let (fd, size) = try openRegularSized(path, O_RDONLY)
        defer { close(fd) }
        return try Self.readAll(fd, size: size, path)
    }

    /// The rest of an open file. The size the file had when opened, straight into an array of
    /// that size (no zeroed scratch buffer, no copy), and no more: as Node's readFileSync, a file
    /// that grows meanwhile is read as it was. A size of 0 (files of /proc and the like) reads to
    /// the end.
    static func readAll(_ fd: Int32, size: Int, _ path: String) throws(FileSystemError) -> [UInt8] {
        var failure: Int32 = 0
        var out = [UInt8](unsafeUninitializedCapacity: min(size, 1 << 30)) { buffer, initialized in
            initialized = 0
            guard let base = buffer.baseAddress else { return }
            while initialized < buffer.count {
                let n = Glibc.read(fd, base + initialized, buffer.count - initialized)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                if n == 0 { return }
                initialized += n
            }
        }
        if failure != 0 { throw Self.error(failure, path) }
        if size > 0 && size <= 1 << 30 { return out }
        // No size told (or past any limit): in chunks to the end.
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw Self.error(errno, path)
            }
            if n == 0 { return out }
            out.append(contentsOf: chunk[0..<n])
            // The bridge refuses more than its limit anyway; stop reading far past any limit.
            if out.count > 1 << 30 { throw FileSystemError(.io, path: path) }
        }
    }

    public func writeFile(_ path: String, _ data: [UInt8], options: WriteOptions) async throws {
        try writable(path)
        var flags = O_WRONLY
        if options.create { flags |= O_CREAT }
        if options.exclusive { flags |= O_EXCL }
        flags |= options.append ? O_APPEND : O_TRUNC
        let fd = try openRegular(path, flags, mode: options.mode & 0o777)
        defer { close(fd) }
        try Self.writeAll(fd, data, path)
    }

    /// Writes all of `data` to an open file.
    static func writeAll(_ fd: Int32, _ data: [UInt8], _ path: String) throws(FileSystemError) {
        var offset = 0
        while offset < data.count {
            let n = data.withUnsafeBytes { bytes -> Int in
                guard let base = bytes.baseAddress else { return 0 }
                return Glibc.write(fd, base + offset, bytes.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw Self.error(errno, path)
            }
            offset += n
        }
    }

    public func read(_ path: String, offset: Int, length: Int) async throws -> [UInt8] {
        guard offset >= 0, length >= 0 else { throw FileSystemError(.invalid, path: path) }
        let fd = try openRegular(path, O_RDONLY)
        defer { close(fd) }
        return try Self.read(fd, offset: offset, length: length, path: path)
    }

    public func write(_ path: String, offset: Int?, _ data: [UInt8]) async throws -> Int {
        try writable(path)
        if let offset, offset < 0 { throw FileSystemError(.invalid, path: path) }
        // Opened without O_CREAT (the file must exist) and, for appends, with O_APPEND so the
        // kernel places the bytes at the end whatever else writes the file.
        let fd = try openRegular(path, offset == nil ? O_WRONLY | O_APPEND : O_WRONLY)
        defer { close(fd) }
        return try Self.write(fd, offset: offset, data, path: path)
    }

    /// `pread` of at most `length` bytes, never allocating more than the file holds.
    static func read(_ fd: Int32, offset: Int, length: Int, path: String) throws(FileSystemError) -> [UInt8] {
        guard offset >= 0, length >= 0 else { throw FileSystemError(.invalid, path: path) }
        var s = Glibc.stat()
        guard fstat(fd, &s) == 0 else { throw Self.error(errno, path) }
        if s.st_mode & S_IFMT == S_IFDIR { throw FileSystemError(.isDirectory, path: path) }
        let want = min(length, max(0, Int(s.st_size) - offset))
        var out = [UInt8](repeating: 0, count: want)
        var filled = 0
        while filled < want {
            let n = out.withUnsafeMutableBytes { bytes -> Int in
                guard let base = bytes.baseAddress else { return 0 }
                return pread(fd, base + filled, want - filled, off_t(offset + filled))
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw Self.error(errno, path)
            }
            if n == 0 { break }
            filled += n
        }
        if filled < want { out.removeLast(want - filled) }
        return out
    }

    /// `pwrite` at `offset`, or a write at the descriptor's position (its end for `O_APPEND`)
    /// when nil; returns the offset past the last byte written.
    static func write(_ fd: Int32, offset: Int?, _ data: [UInt8], path: String) throws(FileSystemError) -> Int {
        var written = 0
        repeat {
            let n = data.withUnsafeBytes { bytes -> Int in
                guard let base = bytes.baseAddress else { return 0 }
                if let offset { return pwrite(fd, base + written, bytes.count - written, off_t(offset + written)) }
                return Glibc.write(fd, base + written, bytes.count - written)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw Self.error(errno, path)
            }
            written += n
        } while written < data.count
        if let offset { return offset + written }
        let end = lseek(fd, 0, SEEK_CUR)
        guard end >= 0 else { throw Self.error(errno, path) }
        return Int(end)
    }

    // MARK: - Open files (descriptors hold the host file itself)

    /// Opens the file inside the root (confined like every other access) and keeps the host
    /// descriptor: later reads and writes reach that file even after a rename or unlink. Each
    /// open guest descriptor holds one host descriptor (bounded by ``ResourceLimits/maxOpenFiles``).
    public func openFile(_ path: String, writable: Bool) async throws -> any VirtualFileHandle {
        if writable { try self.writable(path) }
        let status = try await stat(path)
        let fd: Int32
        if status.type == .directory {
            if writable { throw FileSystemError(.isDirectory, path: path) }
            fd = try open(path, O_RDONLY | O_DIRECTORY)
        } else {
            fd = try openRegular(path, writable ? O_RDWR : O_RDONLY)
        }
        return HostFileHandle(fd: fd, path: path, readOnly: readOnly)
    }

    public func readDirectory(_ path: String) async throws -> [DirectoryEntry] {
        try Self.listing(try open(path, O_RDONLY | O_DIRECTORY), path)
    }

    /// The entries of the directory open as `fd` (closed here), sorted by name.
    static func listing(_ fd: Int32, _ path: String) throws(FileSystemError) -> [DirectoryEntry] {
        guard let dir = fdopendir(fd) else {
            close(fd)
            throw error(errno, path)
        }
        defer { closedir(dir) }
        var entries: [DirectoryEntry] = []
        for (name, kind) in Self.entries(of: dir) {
            let type: FileType
            switch kind {
            case Int32(DT_DIR): type = .directory
            case Int32(DT_LNK): type = .symlink
            case Int32(DT_FIFO): type = .fifo
            case Int32(DT_SOCK): type = .socket
            case Int32(DT_CHR): type = .characterDevice
            case Int32(DT_BLK): type = .blockDevice
            default: type = .file
            }
            entries.append(DirectoryEntry(name: name, type: type))
        }
        return entries.sorted { $0.name < $1.name }
    }

    /// The names and `d_type`s in an open directory stream, without `.` and `..`.
    private static func entries(of stream: OpaquePointer) -> [(String, Int32)] {
        var result: [(String, Int32)] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { result.append((name, Int32(entry.pointee.d_type))) }
        }
        return result
    }

    public func createDirectory(_ path: String, recursive: Bool, mode: UInt32) async throws -> String? {
        try writable(path)
        let normalized = GuestPath.normalize(path)
        if !recursive {
            let (dir, name) = try parent(normalized)
            defer { close(dir) }
            guard mkdirat(dir, name, mode_t(mode & 0o7777)) == 0 else { throw Self.error(errno, path) }
            return nil
        }
        var first: String?
        var built = ""
        for component in GuestPath.components(normalized) {
            built += "/" + component
            let (dir, name) = try parent(built)
            defer { close(dir) }
            if mkdirat(dir, name, mode_t(mode & 0o7777)) == 0 {
                if first == nil { first = built }
                continue
            }
            guard errno == EEXIST else { throw Self.error(errno, path) }
            guard try await stat(built).type == .directory else { throw FileSystemError(.notDirectory, path: path) }
        }
        return first
    }

    public func unlink(_ path: String) async throws {
        try writable(path)
        let (dir, name) = try parent(path)
        defer { close(dir) }
        guard unlinkat(dir, name, 0) == 0 else { throw Self.error(errno, path) }
    }

    public func removeDirectory(_ path: String, recursive: Bool) async throws {
        try writable(path)
        let (dir, name) = try parent(path)
        defer { close(dir) }
        if recursive { try Self.removeTree(in: dir, name: name, path: path) }
        guard unlinkat(dir, name, AT_REMOVEDIR) == 0 else { throw Self.error(errno, path) }
    }

    /// Empties directory `name` in `dir`, never following a symlink.
    static func removeTree(in dir: Int32, name: String, path: String) throws(FileSystemError) {
        let fd = openat(dir, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw error(errno, path) }
        guard let stream = fdopendir(fd) else {
            close(fd)
            throw error(errno, path)
        }
        defer { closedir(stream) }
        for (child, kind) in entries(of: stream) {
            let isDirectory = kind == Int32(DT_DIR)
            if isDirectory { try removeTree(in: fd, name: child, path: path + "/" + child) }
            guard unlinkat(fd, child, isDirectory ? AT_REMOVEDIR : 0) == 0 else { throw error(errno, path + "/" + child) }
        }
    }

    public func rename(_ from: String, to: String) async throws {
        try writable(from)
        let (fromDir, fromName) = try parent(from)
        defer { close(fromDir) }
        let (toDir, toName) = try parent(to)
        defer { close(toDir) }
        guard renameat(fromDir, fromName, toDir, toName) == 0 else { throw Self.error(errno, from, to) }
    }

    public func copyFile(_ from: String, to: String, exclusive: Bool) async throws {
        try writable(to)
        let data = try await readFile(from)
        try await writeFile(to, data, options: WriteOptions(exclusive: exclusive))
    }

    public func symlink(target: String, at path: String) async throws {
        try writable(path)
        let (dir, name) = try parent(path)
        defer { close(dir) }
        guard symlinkat(target, dir, name) == 0 else { throw Self.error(errno, target, path) }
    }

    public func readlink(_ path: String) async throws -> String {
        let (dir, name) = try parent(path)
        defer { close(dir) }
        return try Self.linkTarget(in: dir, name, path)
    }

    /// The target of the symbolic link `name` in the directory `dir`.
    static func linkTarget(in dir: Int32, _ name: String, _ path: String) throws(FileSystemError) -> String {
        var buffer = [UInt8](repeating: 0, count: 4097)
        let n = buffer.withUnsafeMutableBytes { bytes -> Int in
            guard let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self) else { return -1 }
            return readlinkat(dir, name, base, bytes.count - 1)
        }
        guard n >= 0 else { throw error(errno, path) }
        return String(decoding: buffer[0..<n], as: UTF8.self)
    }

    public func link(_ existing: String, to newPath: String) async throws {
        try writable(newPath)
        let (fromDir, fromName) = try parent(existing)
        defer { close(fromDir) }
        let (toDir, toName) = try parent(newPath)
        defer { close(toDir) }
        // Flags 0: a symlink is linked as itself, never followed out of the root.
        guard linkat(fromDir, fromName, toDir, toName, 0) == 0 else { throw Self.error(errno, existing, newPath) }
    }

    // Metadata and size change the file the path leads to, through its O_PATH descriptor.

    public func chmod(_ path: String, mode: UInt32) async throws {
        try writable(path)
        try pin(path).change(.mode(mode))
    }

    public func chown(_ path: String, uid: UInt32, gid: UInt32) async throws {
        try writable(path)
        try pin(path).change(.owner(uid: uid, gid: gid))
    }

    public func utimes(_ path: String, accessTimeMs: Double, modificationTimeMs: Double) async throws {
        try writable(path)
        try pin(path).change(.times(accessMs: accessTimeMs, modificationMs: modificationTimeMs))
    }

    /// A time in milliseconds since the epoch as a `timespec`.
    static func timespec(milliseconds ms: Double) -> Glibc.timespec {
        let seconds = (ms / 1000).rounded(.down)
        return Glibc.timespec(tv_sec: Int(seconds), tv_nsec: Int((ms - seconds * 1000) * 1_000_000))
    }

    public func truncate(_ path: String, length: Int) async throws {
        try writable(path)
        try pin(path).change(.size(length))
    }

    public func realpath(_ path: String) async throws -> String {
        try pin(path).resolvedPath
    }

    /// Where a descriptor opened inside the root is, as a guest path.
    private func guestPath(of fd: Int32, _ path: String) throws(FileSystemError) -> String {
        guard let resolved = Self.descriptorPath(fd) else { throw FileSystemError(.io, path: path) }
        for fresh in [false, true] {
            guard let rootPath = rootPath(fresh: fresh) else { throw FileSystemError(.io, path: path) }
            if resolved == rootPath { return "/" }
            let prefix = rootPath == "/" ? "/" : rootPath + "/"
            if resolved.hasPrefix(prefix) { return "/" + resolved.dropFirst(prefix.count) }
        }
        throw FileSystemError(.accessDenied, path: path)
    }

    /// The root's host path: the one read before, unless `fresh`.
    private func rootPath(fresh: Bool) -> String? {
        if !fresh, let known = rootLocation.withLock({ $0 }) { return known }
        let read = Self.descriptorPath(rootDescriptor)
        rootLocation.withLock { $0 = read }
        return read
    }

    private static func descriptorPath(_ fd: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 4097)
        let n = buffer.withUnsafeMutableBytes { bytes -> Int in
            guard let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self) else { return -1 }
            return Glibc.readlink("/proc/self/fd/\(fd)", base, bytes.count - 1)
        }
        guard n > 0 else { return nil }
        return String(decoding: buffer[0..<n], as: UTF8.self)
    }
}

extension HostFileSystem: PinningFileSystem {
    /// Opens `path` without effect (`O_PATH`: no read, nothing a device would notice). Most
    /// paths have no symlink on the way: then the path itself is where it leads, and one open
    /// that refuses every symlink (`ELOOP`) says so without asking the kernel for the
    /// descriptor's path.
    func pin(_ path: String) throws(FileSystemError) -> any PinnedFile {
        let normalized = GuestPath.normalize(path)
        var fd = se_openat2(rootDescriptor, Self.relative(normalized), se_o_path | O_CLOEXEC, 0,
                            Self.resolveFlags | se_resolve_no_symlinks)
        var resolved = normalized
        if fd < 0 {
            if -fd != ELOOP { throw Self.error(-fd, path) }
            fd = try open(path, se_o_path)
            do {
                resolved = try guestPath(of: fd, path)
            } catch {
                close(fd)
                throw error
            }
        }
        return PinnedHostFile(descriptor: fd, resolvedPath: resolved, path: path, readOnly: readOnly)
    }
}

/// A file or directory of a ``HostFileSystem`` held by an `O_PATH` descriptor (closed when
/// released). Reading it opens that same file again through the descriptor, never the path.
final class PinnedHostFile: PinnedFile {
    let resolvedPath: String
    private let descriptor: Int32
    private let path: String
    /// From a read-only filesystem (handles opened from it say so).
    private let readOnly: Bool

    init(descriptor: Int32, resolvedPath: String, path: String, readOnly: Bool) {
        self.descriptor = descriptor
        self.resolvedPath = resolvedPath
        self.path = path
        self.readOnly = readOnly
    }

    deinit { close(descriptor) }

    private func rawStatus() throws(FileSystemError) -> stat {
        var s = Glibc.stat()
        guard fstat(descriptor, &s) == 0 else { throw HostFileSystem.error(errno, path) }
        return s
    }

    func status() throws(FileSystemError) -> FileStatus { try HostFileSystem.status(try rawStatus()) }

    /// This file opened for reading (through its descriptor, never the path), with its status;
    /// a directory only when `directories`. Devices, FIFOs and sockets are never opened.
    private func reopen(directories: Bool, flags access: Int32 = O_RDONLY) throws(FileSystemError) -> (fd: Int32, status: stat) {
        let s = try rawStatus()
        let flags: Int32
        switch s.st_mode & S_IFMT {
        case S_IFREG: flags = access | O_NOCTTY | O_NONBLOCK
        case S_IFDIR where directories: flags = O_RDONLY | O_DIRECTORY
        case S_IFDIR: throw FileSystemError(.isDirectory, path: path)
        default: throw FileSystemError(.accessDenied, path: path)
        }
        let fd = Self.processDescriptors >= 0
            ? openat(Self.processDescriptors, String(descriptor), flags | O_CLOEXEC)
            : Glibc.open("/proc/self/fd/\(descriptor)", flags | O_CLOEXEC)
        guard fd >= 0 else { throw HostFileSystem.error(errno, path) }
        return (fd, s)
    }

    /// This process's `/proc/self/fd`, opened once: a descriptor's entry there opens the file it
    /// holds (how an `O_PATH` descriptor is opened for reading) without walking `/proc/self`.
    private static let processDescriptors = Glibc.open("/proc/self/fd", se_o_path | O_DIRECTORY | O_CLOEXEC)

    func readAll() throws(FileSystemError) -> [UInt8] {
        let (fd, s) = try reopen(directories: false)
        defer { close(fd) }
        return try HostFileSystem.readAll(fd, size: max(0, Int(s.st_size)), path)
    }

    func openForReading() throws(FileSystemError) -> any VirtualFileHandle {
        HostFileHandle(fd: try reopen(directories: true).fd, path: path, readOnly: readOnly)
    }

    func write(_ data: [UInt8], options: WriteOptions) throws(FileSystemError) {
        if readOnly { throw FileSystemError(.readOnly, path: path) }
        if options.exclusive { throw FileSystemError(.exists, path: path) }
        let fd = try reopen(directories: false, flags: O_WRONLY | (options.append ? O_APPEND : O_TRUNC)).fd
        defer { close(fd) }
        try HostFileSystem.writeAll(fd, data, path)
    }

    func openForWriting(truncate: Bool) throws(FileSystemError) -> any VirtualFileHandle {
        if readOnly { throw FileSystemError(.readOnly, path: path) }
        return HostFileHandle(fd: try reopen(directories: false, flags: O_RDWR | (truncate ? O_TRUNC : 0)).fd, path: path, readOnly: readOnly)
    }

    /// `AT_EMPTY_PATH`: the descriptor itself, never a path; the size through a reopened one.
    func change(_ change: PinnedChange) throws(FileSystemError) {
        if readOnly { throw FileSystemError(.readOnly, path: path) }
        let done: Bool
        switch change {
        case .size(let length):
            let fd = try reopen(directories: false, flags: O_WRONLY).fd
            defer { close(fd) }
            done = ftruncate(fd, off_t(length)) == 0
        case .mode(let mode):
            // Kernels without fchmodat2: the descriptor's own /proc entry.
            done = fchmodat(descriptor, "", mode_t(mode & 0o7777), se_at_empty_path) == 0
                || Glibc.chmod("/proc/self/fd/\(descriptor)", mode_t(mode & 0o7777)) == 0
        case .owner(let uid, let gid):
            done = fchownat(descriptor, "", uid, gid, se_at_empty_path) == 0
        case .times(let accessMs, let modificationMs):
            var times = [HostFileSystem.timespec(milliseconds: accessMs), HostFileSystem.timespec(milliseconds: modificationMs)]
            done = utimensat(descriptor, "", &times, se_at_empty_path) == 0
        }
        guard done else { throw HostFileSystem.error(errno, path) }
    }

    func create(_ name: String, _ data: [UInt8], mode: UInt32) throws(FileSystemError) -> any PinnedFile {
        if readOnly { throw FileSystemError(.readOnly, path: path) }
        try validEntryName(name, in: path)
        let filePath = GuestPath.join(path, name)
        // In this directory (the descriptor, never its path), only if nothing has the name.
        let fd = openat(descriptor, name, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, mode_t(mode & 0o777))
        guard fd >= 0 else { throw HostFileSystem.error(errno, filePath) }
        do {
            try HostFileSystem.writeAll(fd, data, filePath)
        } catch {
            close(fd)
            throw error
        }
        return PinnedHostFile(descriptor: fd, resolvedPath: GuestPath.join(resolvedPath, name), path: filePath, readOnly: readOnly)
    }

    // Entries: the `*at` calls on this directory's descriptor, never on a path.

    func entries() throws(FileSystemError) -> [DirectoryEntry] {
        let (fd, status) = try reopen(directories: true)
        guard status.st_mode & S_IFMT == S_IFDIR else {
            close(fd)
            throw FileSystemError(.notDirectory, path: path)
        }
        return try HostFileSystem.listing(fd, path)
    }

    func entryStatus(_ name: String) throws(FileSystemError) -> FileStatus {
        try validEntryName(name, in: path)
        var s = Glibc.stat()
        guard fstatat(descriptor, name, &s, AT_SYMLINK_NOFOLLOW) == 0 else { throw HostFileSystem.error(errno, GuestPath.join(path, name)) }
        return try HostFileSystem.status(s)
    }

    func linkTarget(_ name: String) throws(FileSystemError) -> String {
        try validEntryName(name, in: path)
        return try HostFileSystem.linkTarget(in: descriptor, name, GuestPath.join(path, name))
    }

    func directory(_ name: String) throws(FileSystemError) -> any PinnedFile {
        try validEntryName(name, in: path)
        let entryPath = GuestPath.join(path, name)
        let fd = openat(descriptor, name, se_o_path | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw HostFileSystem.error(errno == ELOOP ? ENOTDIR : errno, entryPath) }
        return PinnedHostFile(descriptor: fd, resolvedPath: GuestPath.join(resolvedPath, name), path: entryPath, readOnly: readOnly)
    }

    func changeEntry(_ name: String, _ change: PinnedEntryChange) throws(FileSystemError) {
        let entryPath = GuestPath.join(path, name)
        if readOnly { throw FileSystemError(.readOnly, path: entryPath) }
        try validEntryName(name, in: entryPath)
        var destination: String?
        let done: Bool
        switch change {
        case .makeDirectory(let mode):
            done = mkdirat(descriptor, name, mode_t(mode & 0o7777)) == 0
        case .remove(let directory, let recursive):
            if directory && recursive { try HostFileSystem.removeTree(in: descriptor, name: name, path: entryPath) }
            done = unlinkat(descriptor, name, directory ? AT_REMOVEDIR : 0) == 0
        case .symlink(let target):
            done = symlinkat(target, descriptor, name) == 0
        case .move(let folder, let newName), .link(let folder, let newName):
            try validEntryName(newName, in: GuestPath.join(folder.resolvedPath, newName))
            guard let other = folder as? PinnedHostFile else { throw FileSystemError(.crossDevice, path: entryPath) }
            destination = GuestPath.join(other.path, newName)
            if case .move = change {
                done = renameat(descriptor, name, other.descriptor, newName) == 0
            } else {
                // Flags 0: a symlink is linked as itself, never followed.
                done = linkat(descriptor, name, other.descriptor, newName, 0) == 0
            }
        }
        guard done else { throw HostFileSystem.error(errno, entryPath, destination) }
    }
}

/// A guest descriptor's host file: the descriptor is closed when the guest closes it, when its
/// call ends, or at the latest when the handle is released.
final class HostFileHandle: VirtualFileHandle {
    private let descriptor: Mutex<Int32>
    let path: String
    /// Opened from a read-only filesystem: its metadata cannot change either.
    let readOnly: Bool

    init(fd: Int32, path: String, readOnly: Bool) {
        descriptor = Mutex(fd)
        self.path = path
        self.readOnly = readOnly
    }

    deinit { descriptor.withLock { if $0 >= 0 { Glibc.close($0) } } }

    private func fd() throws(FileSystemError) -> Int32 {
        let fd = descriptor.withLock { $0 }
        guard fd >= 0 else { throw FileSystemError(.badDescriptor, path: path) }
        return fd
    }

    func read(offset: Int, length: Int) async throws -> [UInt8] {
        try HostFileSystem.read(try fd(), offset: offset, length: length, path: path)
    }

    func write(offset: Int?, _ data: [UInt8]) async throws -> Int {
        let fd = try fd()
        if let offset {
            guard offset >= 0 else { throw FileSystemError(.invalid, path: path) }
            return try HostFileSystem.write(fd, offset: offset, data, path: path)
        }
        // An append: at the file's current end.
        var s = Glibc.stat()
        guard fstat(fd, &s) == 0 else { throw HostFileSystem.error(errno, path) }
        return try HostFileSystem.write(fd, offset: Int(s.st_size), data, path: path)
    }

    func stat() async throws -> FileStatus {
        var s = Glibc.stat()
        guard fstat(try fd(), &s) == 0 else { throw HostFileSystem.error(errno, path) }
        return try HostFileSystem.status(s)
    }

    func truncate(length: Int) async throws {
        guard length >= 0 else { throw FileSystemError(.invalid, path: path) }
        guard ftruncate(try fd(), off_t(length)) == 0 else { throw HostFileSystem.error(errno, path) }
    }

    /// The descriptor for a metadata change, refused on a read-only filesystem.
    private func metadataDescriptor() throws(FileSystemError) -> Int32 {
        if readOnly { throw FileSystemError(.readOnly, path: path) }
        return try fd()
    }

    func chmod(mode: UInt32) async throws {
        guard fchmod(try metadataDescriptor(), mode_t(mode & 0o7777)) == 0 else { throw HostFileSystem.error(errno, path) }
    }

    func chown(uid: UInt32, gid: UInt32) async throws {
        guard fchown(try metadataDescriptor(), uid, gid) == 0 else { throw HostFileSystem.error(errno, path) }
    }

    func utimes(accessTimeMs: Double, modificationTimeMs: Double) async throws {
        var times = [HostFileSystem.timespec(milliseconds: accessTimeMs), HostFileSystem.timespec(milliseconds: modificationTimeMs)]
        guard futimens(try metadataDescriptor(), &times) == 0 else { throw HostFileSystem.error(errno, path) }
    }

    func close() async {
        descriptor.withLock { fd in
            if fd >= 0 { Glibc.close(fd) }
            fd = -1
        }
    }
}
