/// A filesystem the guest sees. Paths are absolute, normalised guest paths (`/`-separated);
/// errors carry Node/POSIX codes (`ENOENT`, `EEXIST`, …) and become the matching Node errors in
/// the guest. Implementations must be safe to call from any task.
public protocol VirtualFileSystem: Sendable {
    /// Status of `path`, following symlinks.
    func stat(_ path: String) async throws -> FileStatus
    /// Status of `path` itself (a symlink is reported as one).
    func lstat(_ path: String) async throws -> FileStatus
    func readFile(_ path: String) async throws -> [UInt8]
    func writeFile(_ path: String, _ data: [UInt8], options: WriteOptions) async throws
    func readDirectory(_ path: String) async throws -> [DirectoryEntry]
    /// Creates a directory; with `recursive`, its missing parents too. Returns the first
    /// directory created (nil when it already existed, recursive only).
    func createDirectory(_ path: String, recursive: Bool, mode: UInt32) async throws -> String?
    /// Removes a file or symlink.
    func unlink(_ path: String) async throws
    /// Removes an empty directory, or with `recursive` a whole tree.
    func removeDirectory(_ path: String, recursive: Bool) async throws
    /// Atomic rename within this filesystem (never copy + delete).
    func rename(_ from: String, to: String) async throws
    func copyFile(_ from: String, to: String, exclusive: Bool) async throws
    func symlink(target: String, at path: String) async throws
    func readlink(_ path: String) async throws -> String
    func link(_ existing: String, to newPath: String) async throws
    func chmod(_ path: String, mode: UInt32) async throws
    func chown(_ path: String, uid: UInt32, gid: UInt32) async throws
    func utimes(_ path: String, accessTimeMs: Double, modificationTimeMs: Double) async throws
    func truncate(_ path: String, length: Int) async throws
    /// The canonical path: every symlink resolved.
    func realpath(_ path: String) async throws -> String

    /// Reads at most `length` bytes of the file at `path` from byte `offset` (`pread`): fewer at
    /// the end of the file, none past it. Must not read more of the file than asked.
    ///
    /// The default implementation reads the whole file with ``readFile(_:)`` and slices it;
    /// implement it for files larger than memory.
    func read(_ path: String, offset: Int, length: Int) async throws -> [UInt8]
    /// Writes `data` into the existing file at `path` at byte `offset` (`pwrite`; a gap past the
    /// end reads as zeros), or at its end when `offset` is nil (append). Returns the offset just
    /// past the last byte written. Never creates the file (`ENOENT`).
    ///
    /// The default implementation rewrites the whole file through ``readFile(_:)`` and
    /// ``writeFile(_:_:options:)``; implement it for large files.
    func write(_ path: String, offset: Int?, _ data: [UInt8]) async throws -> Int

    /// Opens the existing file at `path` for a guest descriptor (`fs.open`, `FileHandle`,
    /// streams). The descriptor's reads, writes, `fstat` and `ftruncate` go through the returned
    /// handle, so they reach the file that was opened whatever later happens to its path
    /// (renamed, unlinked, replaced by another file), as POSIX descriptors do. `writable` tells
    /// whether the descriptor may write.
    ///
    /// The default implementation returns a handle that follows `path` through this filesystem's
    /// path methods; implement it for descriptor semantics.
    func openFile(_ path: String, writable: Bool) async throws -> any VirtualFileHandle
}

/// A file a guest descriptor holds open (see ``VirtualFileSystem/openFile(_:writable:)``).
public protocol VirtualFileHandle: Sendable {
    /// Reads at most `length` bytes from byte `offset` (`pread`): fewer at the end, none past it.
    func read(offset: Int, length: Int) async throws -> [UInt8]
    /// Writes `data` at `offset` (`pwrite`; a gap past the end reads as zeros), or at the end
    /// when `offset` is nil. Returns the offset just past the last byte written.
    func write(offset: Int?, _ data: [UInt8]) async throws -> Int
    /// The open file's status (`fstat`).
    func stat() async throws -> FileStatus
    /// Sets the open file's length (`ftruncate`).
    func truncate(length: Int) async throws
    /// Changes the open file's permission bits (`fchmod`). Default: through the path it was opened by.
    func chmod(mode: UInt32) async throws
    /// Changes the open file's owner (`fchown`). Default: through the path it was opened by.
    func chown(uid: UInt32, gid: UInt32) async throws
    /// Sets the open file's access and modification times (`futimens`). Default: through the path.
    func utimes(accessTimeMs: Double, modificationTimeMs: Double) async throws
    /// Releases the file. Called once: when the guest closes the descriptor or its call ends.
    func close() async
}

/// The default handle: every operation goes through the filesystem's path methods, so it
/// follows whatever the path names at the time.
struct PathFollowingFileHandle: VirtualFileHandle {
    let filesystem: any VirtualFileSystem
    let path: String
    func read(offset: Int, length: Int) async throws -> [UInt8] { try await filesystem.read(path, offset: offset, length: length) }
    func write(offset: Int?, _ data: [UInt8]) async throws -> Int { try await filesystem.write(path, offset: offset, data) }
    func stat() async throws -> FileStatus { try await filesystem.stat(path) }
    func truncate(length: Int) async throws { try await filesystem.truncate(path, length: length) }
    func chmod(mode: UInt32) async throws { try await filesystem.chmod(path, mode: mode) }
    func chown(uid: UInt32, gid: UInt32) async throws { try await filesystem.chown(path, uid: uid, gid: gid) }
    func utimes(accessTimeMs: Double, modificationTimeMs: Double) async throws {
        try await filesystem.utimes(path, accessTimeMs: accessTimeMs, modificationTimeMs: modificationTimeMs)
    }
    func close() async {}
}

extension VirtualFileHandle {
    /// Default: refused (`EPERM`) — a handle that cannot reach its file's metadata.
    public func chmod(mode: UInt32) async throws { throw FileSystemError(.notPermitted, path: "") }
    /// Default: refused (`EPERM`).
    public func chown(uid: UInt32, gid: UInt32) async throws { throw FileSystemError(.notPermitted, path: "") }
    /// Default: refused (`EPERM`).
    public func utimes(accessTimeMs: Double, modificationTimeMs: Double) async throws {
        throw FileSystemError(.notPermitted, path: "")
    }
}

extension VirtualFileSystem {
    /// Default: a handle that follows `path` (see ``VirtualFileSystem/openFile(_:writable:)``).
    public func openFile(_ path: String, writable: Bool) async throws -> any VirtualFileHandle {
        PathFollowingFileHandle(filesystem: self, path: path)
    }

    /// Default ranged read: the whole file through ``readFile(_:)``, sliced.
    public func read(_ path: String, offset: Int, length: Int) async throws -> [UInt8] {
        guard offset >= 0, length >= 0 else { throw FileSystemError(.invalid, path: path) }
        let data = try await readFile(path)
        guard offset < data.count else { return [] }
        return Array(data[offset..<min(data.count, offset + min(length, data.count - offset))])
    }

    /// Default ranged write: the whole file read, spliced and written back (at most 1 GiB).
    public func write(_ path: String, offset: Int?, _ data: [UInt8]) async throws -> Int {
        var contents = try await readFile(path)
        let end = try RangedWrite.apply(data, at: offset, to: &contents, path: path, limit: RangedWrite.defaultLimit)
        try await writeFile(path, contents, options: WriteOptions(create: false))
        return end
    }
}

/// Splices a ranged write into a file's bytes (shared by the in-memory and default versions).
enum RangedWrite {
    /// The largest file the default (whole-file) implementation grows a file to: 1 GiB.
    static let defaultLimit = 1 << 30

    /// Writes `data` at `offset` (nil: the end); a file would grow past `limit` → `EFBIG`.
    static func apply(_ data: [UInt8], at offset: Int?, to contents: inout [UInt8], path: String, limit: Int) throws(FileSystemError) -> Int {
        let start = offset ?? contents.count
        guard start >= 0 else { throw FileSystemError(.invalid, path: path) }
        let (end, overflow) = start.addingReportingOverflow(data.count)
        guard !overflow, end <= max(limit, contents.count) else { throw FileSystemError(.fileTooLarge, path: path) }
        if start > contents.count { contents.append(contentsOf: repeatElement(0, count: start - contents.count)) }
        if end > contents.count {
            contents.replaceSubrange(start..<contents.count, with: data)
        } else {
            contents.replaceSubrange(start..<end, with: data)
        }
        return end
    }
}

/// What kind of filesystem object a path names.
public enum FileType: String, Sendable, Hashable {
    case file, directory, symlink, fifo, socket, characterDevice = "char", blockDevice = "block"

    var modeBits: UInt32 {
        switch self {
        case .file: return 0o100000
        case .directory: return 0o040000
        case .symlink: return 0o120000
        case .fifo: return 0o010000
        case .socket: return 0o140000
        case .characterDevice: return 0o020000
        case .blockDevice: return 0o060000
        }
    }
}

/// `fs.Stats` fields.
public struct FileStatus: Sendable, Hashable {
    public var type: FileType
    /// Permission bits (without the type bits).
    public var permissions: UInt32
    public var size: Int
    public var inode: UInt64
    public var linkCount: Int
    public var uid: UInt32
    public var gid: UInt32
    public var device: UInt64
    public var accessTimeMs: Double
    public var modificationTimeMs: Double
    public var changeTimeMs: Double
    public var birthTimeMs: Double

    public init(type: FileType, permissions: UInt32, size: Int, inode: UInt64, linkCount: Int = 1,
                uid: UInt32 = 0, gid: UInt32 = 0, device: UInt64 = 1, accessTimeMs: Double, modificationTimeMs: Double,
                changeTimeMs: Double, birthTimeMs: Double) {
        self.type = type
        self.permissions = permissions
        self.size = size
        self.inode = inode
        self.linkCount = linkCount
        self.uid = uid
        self.gid = gid
        self.device = device
        self.accessTimeMs = accessTimeMs
        self.modificationTimeMs = modificationTimeMs
        self.changeTimeMs = changeTimeMs
        self.birthTimeMs = birthTimeMs
    }

    /// `st_mode`: type and permission bits.
    public var mode: UInt32 { type.modeBits | (permissions & 0o7777) }
}

/// A filesystem that can open a path once and say where it led (every symlink followed), so
/// that the permission check judges the very file an operation then uses: the path is walked
/// once, and no link swapped between the check and the use can make the operation reach another
/// file than the one judged. ``HostFileSystem`` can; ``MountedFileSystem`` when the filesystem
/// mounted there can. Others are checked by path first (``VirtualFileSystem/realpath(_:)``).
protocol PinningFileSystem: VirtualFileSystem {
    /// What `path` leads to, opened without effect; throws the error a lookup of `path` gives.
    func pin(_ path: String) throws(FileSystemError) -> any PinnedFile
}

/// A file or directory held open by ``PinningFileSystem/pin(_:)`` (closed when released).
protocol PinnedFile: Sendable {
    /// Where the path led, as a guest path.
    var resolvedPath: String { get }
    /// Its status when it was opened.
    func status() throws(FileSystemError) -> FileStatus
    /// Its whole content, read from this file (a regular file; `EISDIR` for a directory, `EACCES`
    /// for a device, FIFO or socket, which are never opened for reading).
    func readAll() throws(FileSystemError) -> [UInt8]
    /// A descriptor reading this file (a regular file or a directory), opened through it.
    func openForReading() throws(FileSystemError) -> any VirtualFileHandle
    /// Writes `data` to this file (a regular file): its new content, or appended
    /// (`options.append`); `EEXIST` when `options.exclusive`.
    func write(_ data: [UInt8], options: WriteOptions) throws(FileSystemError)
    /// A descriptor reading and writing this file (a regular file), emptied first when `truncate`.
    func openForWriting(truncate: Bool) throws(FileSystemError) -> any VirtualFileHandle
    /// Creates the regular file `name` (one component) in this directory with `data` and the
    /// permission bits `mode`, and pins it; `EEXIST` when anything has that name, a link too.
    func create(_ name: String, _ data: [UInt8], mode: UInt32) throws(FileSystemError) -> any PinnedFile
    /// Changes this file itself, never through a path.
    func change(_ change: PinnedChange) throws(FileSystemError)

    // A pinned directory's entries, acted on through it: `name` is one component, and an entry
    // that is a link is acted on as itself, never followed.

    /// This directory's entries, sorted by name (`ENOTDIR` for anything else).
    func entries() throws(FileSystemError) -> [DirectoryEntry]
    /// The status of the entry `name` itself (`lstat`: a link as a link).
    func entryStatus(_ name: String) throws(FileSystemError) -> FileStatus
    /// The target of the symbolic link `name` (`readlink`; `EINVAL` for anything else).
    func linkTarget(_ name: String) throws(FileSystemError) -> String
    /// The directory `name` in this one, pinned without following a link (`ENOTDIR` otherwise).
    func directory(_ name: String) throws(FileSystemError) -> any PinnedFile
    /// Makes `change` to the entry `name` of this directory.
    func changeEntry(_ name: String, _ change: PinnedEntryChange) throws(FileSystemError)
}

/// What ``PinnedFile/changeEntry(_:_:)`` does to a directory's entry.
enum PinnedEntryChange: Sendable {
    /// Creates the directory (`mkdir`; `EEXIST` when anything has the name, a link too).
    case makeDirectory(mode: UInt32)
    /// Removes the entry: a directory (`rmdir`, emptied first when `recursive`) or anything
    /// else (`unlink`; `EISDIR` for a directory).
    case remove(directory: Bool, recursive: Bool)
    /// Creates a symbolic link holding `target` (stored as given, never resolved here).
    case symlink(target: String)
    /// Renames the entry to `name` in `folder`, a directory pinned from the same filesystem
    /// (`EXDEV` otherwise).
    case move(to: any PinnedFile, name: String)
    /// Adds a hard link to the entry as `name` in `folder` (same filesystem, else `EXDEV`).
    case link(to: any PinnedFile, name: String)
}

/// A single directory entry's name, as pinned files take it: never empty, `.`, `..`, nor with a
/// `/` or NUL; `ENAMETOOLONG` past 255 bytes. `path` labels the error.
func validEntryName(_ name: String, in path: String) throws(FileSystemError) {
    guard !name.isEmpty, name != ".", name != "..", !name.utf8.contains(UInt8(ascii: "/")), !name.utf8.contains(0) else {
        throw FileSystemError(.invalid, path: path)
    }
    guard name.utf8.count <= 255 else { throw FileSystemError(.nameTooLong, path: path) }
}

/// What ``PinnedFile/change(_:)`` changes.
enum PinnedChange: Sendable {
    /// The size of a regular file (`truncate`).
    case size(Int)
    /// The permission bits (`chmod`).
    case mode(UInt32)
    /// The owner (`chown`).
    case owner(uid: UInt32, gid: UInt32)
    /// The access and modification times, in milliseconds since the epoch (`utimes`).
    case times(accessMs: Double, modificationMs: Double)
}

public struct DirectoryEntry: Sendable, Hashable {
    public var name: String
    public var type: FileType
    public init(name: String, type: FileType) {
        self.name = name
        self.type = type
    }
}

/// How `writeFile` opens its target (Node's flags `w`, `wx`, `a`, `ax`, `r+`).
public struct WriteOptions: Sendable, Hashable {
    public var append: Bool
    /// Fail with `EEXIST` when the file exists (`x` flags).
    public var exclusive: Bool
    /// Create when missing (false for `r+`).
    public var create: Bool
    /// Permission bits for a new file.
    public var mode: UInt32

    public init(append: Bool = false, exclusive: Bool = false, create: Bool = true, mode: UInt32 = 0o666) {
        self.append = append
        self.exclusive = exclusive
        self.create = create
        self.mode = mode
    }
}

/// A filesystem error with a POSIX/Node code.
public struct FileSystemError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The error code; extensible like swift-nio's error codes.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let noEntry = Code(rawValue: "ENOENT")
        public static let exists = Code(rawValue: "EEXIST")
        public static let isDirectory = Code(rawValue: "EISDIR")
        public static let notDirectory = Code(rawValue: "ENOTDIR")
        public static let notEmpty = Code(rawValue: "ENOTEMPTY")
        public static let accessDenied = Code(rawValue: "EACCES")
        public static let notPermitted = Code(rawValue: "EPERM")
        public static let tooManyLinks = Code(rawValue: "ELOOP")
        public static let crossDevice = Code(rawValue: "EXDEV")
        public static let tooManyOpenFiles = Code(rawValue: "EMFILE")
        public static let nameTooLong = Code(rawValue: "ENAMETOOLONG")
        public static let badDescriptor = Code(rawValue: "EBADF")
        public static let invalid = Code(rawValue: "EINVAL")
        public static let readOnly = Code(rawValue: "EROFS")
        public static let notSupported = Code(rawValue: "ENOTSUP")
        public static let notImplemented = Code(rawValue: "ENOSYS")
        public static let io = Code(rawValue: "EIO")
        public static let busy = Code(rawValue: "EBUSY")
        /// A write or truncate would make a file larger than the filesystem allows.
        public static let fileTooLarge = Code(rawValue: "EFBIG")
    }

    public var code: Code
    public var path: String?
    public var destination: String?

    public init(_ code: Code, path: String? = nil, destination: String? = nil) {
        self.code = code
        self.path = path
        self.destination = destination
    }

    public var description: String { "\(code)\(path.map { " '\($0)'" } ?? "")" }

    /// libuv's description of the code (`no such file or directory`).
    public var codeDescription: String { FileSystemError.descriptions[code.rawValue] ?? "unknown error" }

    static let descriptions: [String: String] = [
        "ENOENT": "no such file or directory", "EEXIST": "file already exists",
        "EISDIR": "illegal operation on a directory", "ENOTDIR": "not a directory",
        "ENOTEMPTY": "directory not empty", "EACCES": "permission denied", "EPERM": "operation not permitted",
        "ELOOP": "too many symbolic links encountered", "EXDEV": "cross-device link not permitted",
        "EMFILE": "too many open files", "ENAMETOOLONG": "name too long", "EBADF": "bad file descriptor",
        "EINVAL": "invalid argument", "EROFS": "read-only file system", "ENOTSUP": "operation not supported on socket",
        "ENOSYS": "function not implemented", "EIO": "i/o error", "EBUSY": "resource busy or locked",
        "EFBIG": "file too large",
    ]
}
