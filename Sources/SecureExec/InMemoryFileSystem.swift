import SecureExecBridge
import Synchronization

/// A filesystem held in memory, with directories, symlinks, hard links, modes and times. The
/// default for every ``NodeDriver``; the embedder can write inputs before a call and read
/// outputs after it (all methods are async and thread-safe).
public final class InMemoryFileSystem: VirtualFileSystem {
    private struct Inode {
        enum Content {
            case file([UInt8])
            case directory([String: UInt64])
            case symlink(String)
        }
        var content: Content
        var permissions: UInt32
        var uid: UInt32 = 0
        var gid: UInt32 = 0
        var linkCount: Int = 1
        var atime: Double
        var mtime: Double
        var ctime: Double
        let birth: Double

        var type: FileType {
            switch content {
            case .file: return .file
            case .directory: return .directory
            case .symlink: return .symlink
            }
        }
        var size: Int {
            switch content {
            case .file(let bytes): return bytes.count
            case .directory: return 4096
            case .symlink(let target): return target.utf8.count
            }
        }
    }

    private struct State {
        var inodes: [UInt64: Inode] = [:]
        var nextInode: UInt64 = 2
        /// Descriptors open on each inode.
        var openCounts: [UInt64: Int] = [:]
        /// Inodes no directory names any more but a descriptor still holds (freed on its close).
        var orphans: Set<UInt64> = []
    }

    private let state: Mutex<State>
    private static let rootInode: UInt64 = 1
    private static let maxSymlinkHops = 40
    /// The largest size a ranged write or `truncate` grows a file to (`EFBIG` past it).
    public let maximumFileSize: Int

    /// An empty filesystem with the directories a Node program expects: `/root` (the default
    /// working directory) and `/tmp`.
    ///
    /// - Parameters:
    ///   - directories: Directories created up front.
    ///   - maximumFileSize: The size past which ranged writes and `truncate` fail with `EFBIG`,
    ///     so a guest cannot make the host allocate a huge file with one small call.
    ///     Default 256 MiB.
    public init(directories: [String] = ["/root", "/tmp"], maximumFileSize: Int = 256 << 20) {
        self.maximumFileSize = maximumFileSize
        let now = MonotonicClock.epochMilliseconds()
        var s = State()
        s.inodes[Self.rootInode] = Inode(content: .directory([:]), permissions: 0o755, atime: now, mtime: now, ctime: now, birth: now)
        state = Mutex(s)
        for dir in directories {
            _ = try? Self.createDirectory(in: state, GuestPath.normalize(dir), recursive: true, mode: 0o777)
        }
    }

    // MARK: - Convenience for embedders (synchronous)

    /// Writes a file, creating parent directories.
    public func write(_ path: String, contents: [UInt8]) throws(FileSystemError) {
        let p = GuestPath.normalize(path)
        _ = try Self.createDirectory(in: state, GuestPath.dirname(p), recursive: true, mode: 0o777)
        try Self.write(in: state, p, contents, WriteOptions())
    }

    public func write(_ path: String, contents: String) throws(FileSystemError) {
        try write(path, contents: Array(contents.utf8))
    }

    /// Reads a file's bytes.
    public func contents(of path: String) throws(FileSystemError) -> [UInt8] {
        try Self.read(in: state, GuestPath.normalize(path))
    }

    // MARK: - VirtualFileSystem

    public func stat(_ path: String) async throws(FileSystemError) -> FileStatus { try Self.status(in: state, path, follow: true) }
    public func lstat(_ path: String) async throws(FileSystemError) -> FileStatus { try Self.status(in: state, path, follow: false) }
    public func readFile(_ path: String) async throws(FileSystemError) -> [UInt8] { try Self.read(in: state, path) }

    public func writeFile(_ path: String, _ data: [UInt8], options: WriteOptions) async throws(FileSystemError) {
        try Self.write(in: state, path, data, options)
    }

    public func readDirectory(_ path: String) async throws(FileSystemError) -> [DirectoryEntry] {
        try state.withLock { s throws(FileSystemError) in try Self.entries(s, try Self.resolve(s, path, follow: true), path: path) }
    }

    public func createDirectory(_ path: String, recursive: Bool, mode: UInt32) async throws(FileSystemError) -> String? {
        try Self.createDirectory(in: state, path, recursive: recursive, mode: mode)
    }

    public func unlink(_ path: String) async throws(FileSystemError) {
        try changeEntry(of: path, .remove(directory: false, recursive: false))
    }

    public func removeDirectory(_ path: String, recursive: Bool) async throws(FileSystemError) {
        try changeEntry(of: path, .remove(directory: true, recursive: recursive))
    }

    public func rename(_ from: String, to: String) async throws(FileSystemError) {
        try state.withLock { s throws(FileSystemError) in
            let (fromParent, fromName) = try Self.parentAndName(s, from)
            let (toParent, toName) = try Self.parentAndName(s, to)
            try Self.move(&s, fromParent, fromName, to: toParent, toName, path: from, destination: to)
        }
    }

    public func copyFile(_ from: String, to: String, exclusive: Bool) async throws(FileSystemError) {
        let data = try Self.read(in: state, from)
        do throws(FileSystemError) {
            try Self.write(in: state, to, data, WriteOptions(exclusive: exclusive))
        } catch {
            throw FileSystemError(error.code, path: from, destination: to)
        }
    }

    public func symlink(target: String, at path: String) async throws(FileSystemError) {
        do throws(FileSystemError) {
            try changeEntry(of: path, .symlink(target: target))
        } catch {
            throw FileSystemError(error.code, path: target, destination: path)
        }
    }

    public func readlink(_ path: String) async throws(FileSystemError) -> String {
        try state.withLock { s throws(FileSystemError) in
            let ino = try Self.resolve(s, path, follow: false)
            guard case .symlink(let target)? = s.inodes[ino]?.content else { throw FileSystemError(.invalid, path: path) }
            return target
        }
    }

    public func link(_ existing: String, to newPath: String) async throws(FileSystemError) {
        try state.withLock { s throws(FileSystemError) in
            let (fromParent, fromName) = try Self.parentAndName(s, existing)
            let (toParent, toName) = try Self.parentAndName(s, newPath)
            try Self.link(&s, fromParent, fromName, to: toParent, toName, path: existing, destination: newPath)
        }
    }

    public func chmod(_ path: String, mode: UInt32) async throws(FileSystemError) {
        try modify(path) { $0.permissions = mode & 0o7777 }
    }

    public func chown(_ path: String, uid: UInt32, gid: UInt32) async throws(FileSystemError) {
        try modify(path) { node in
            node.uid = uid
            node.gid = gid
        }
    }

    public func utimes(_ path: String, accessTimeMs: Double, modificationTimeMs: Double) async throws(FileSystemError) {
        try modify(path) { node in
            node.atime = accessTimeMs
            node.mtime = modificationTimeMs
        }
    }

    public func read(_ path: String, offset: Int, length: Int) async throws(FileSystemError) -> [UInt8] {
        try state.withLock { s throws(FileSystemError) in
            try Self.read(s, try Self.resolve(s, path, follow: true), offset: offset, length: length, path: path)
        }
    }

    public func write(_ path: String, offset: Int?, _ data: [UInt8]) async throws(FileSystemError) -> Int {
        let limit = maximumFileSize
        return try state.withLock { s throws(FileSystemError) in
            try Self.write(&s, try Self.resolve(s, path, follow: true), offset: offset, data, limit: limit, path: path)
        }
    }

    public func truncate(_ path: String, length: Int) async throws(FileSystemError) {
        let limit = maximumFileSize
        try state.withLock { s throws(FileSystemError) in
            try Self.truncate(&s, try Self.resolve(s, path, follow: true), length: length, limit: limit, path: path)
        }
    }

    // MARK: - Open files (descriptors follow the inode, not the path)

    public func openFile(_ path: String, writable: Bool) async throws(FileSystemError) -> any VirtualFileHandle {
        let ino = try state.withLock { s throws(FileSystemError) -> UInt64 in
            let ino = try Self.resolve(s, path, follow: true)
            guard let node = s.inodes[ino] else { throw FileSystemError(.noEntry, path: path) }
            if writable, node.type == .directory { throw FileSystemError(.isDirectory, path: path) }
            s.openCounts[ino, default: 0] += 1
            return ino
        }
        return OpenInode(filesystem: self, inode: ino, path: path)
    }

    /// A descriptor's file: the inode stays readable and writable after an unlink until closed.
    fileprivate struct OpenInode: VirtualFileHandle {
        let filesystem: InMemoryFileSystem
        let inode: UInt64
        let path: String

        func read(offset: Int, length: Int) async throws(FileSystemError) -> [UInt8] {
            try filesystem.state.withLock { s throws(FileSystemError) in
                try InMemoryFileSystem.read(s, inode, offset: offset, length: length, path: path)
            }
        }
        func write(offset: Int?, _ data: [UInt8]) async throws(FileSystemError) -> Int {
            let limit = filesystem.maximumFileSize
            return try filesystem.state.withLock { s throws(FileSystemError) in
                try InMemoryFileSystem.write(&s, inode, offset: offset, data, limit: limit, path: path)
            }
        }
        func stat() async throws(FileSystemError) -> FileStatus {
            try filesystem.state.withLock { s throws(FileSystemError) in try InMemoryFileSystem.status(s, inode, path: path) }
        }
        func truncate(length: Int) async throws(FileSystemError) {
            try filesystem.change(inode: inode, path: path, .size(length))
        }
        func chmod(mode: UInt32) async throws(FileSystemError) {
            try filesystem.change(inode: inode, path: path, .mode(mode))
        }
        func chown(uid: UInt32, gid: UInt32) async throws(FileSystemError) {
            try filesystem.change(inode: inode, path: path, .owner(uid: uid, gid: gid))
        }
        func utimes(accessTimeMs: Double, modificationTimeMs: Double) async throws(FileSystemError) {
            try filesystem.change(inode: inode, path: path, .times(accessMs: accessTimeMs, modificationMs: modificationTimeMs))
        }
        func close() async { filesystem.release(inode) }
    }

    /// Changes an inode (an open or pinned file, which may have no name left).
    fileprivate func change(inode: UInt64, path: String, _ change: PinnedChange) throws(FileSystemError) {
        switch change {
        case .size(let length):
            let limit = maximumFileSize
            try state.withLock { s throws(FileSystemError) in
                try Self.truncate(&s, inode, length: length, limit: limit, path: path)
            }
        case .mode(let mode):
            try modify(inode: inode, path: path) { $0.permissions = mode & 0o7777 }
        case .owner(let uid, let gid):
            try modify(inode: inode, path: path) { node in
                node.uid = uid
                node.gid = gid
            }
        case .times(let accessMs, let modificationMs):
            try modify(inode: inode, path: path) { node in
                node.atime = accessMs
                node.mtime = modificationMs
            }
        }
    }

    /// One holder of `inode` less (a descriptor closed, a pin released).
    fileprivate func release(_ inode: UInt64) {
        state.withLock { s in
            let count = (s.openCounts[inode] ?? 1) - 1
            if count > 0 { s.openCounts[inode] = count; return }
            s.openCounts[inode] = nil
            // The last holder of an unlinked file frees it.
            if s.orphans.remove(inode) != nil { s.inodes[inode] = nil }
        }
    }

    private static func read(_ s: State, _ ino: UInt64, offset: Int, length: Int, path: String) throws(FileSystemError) -> [UInt8] {
        guard offset >= 0, length >= 0 else { throw FileSystemError(.invalid, path: path) }
        switch s.inodes[ino]?.content {
        case .file(let bytes)?:
            guard offset < bytes.count else { return [] }
            return Array(bytes[offset..<(offset + min(length, bytes.count - offset))])
        case .directory?: throw FileSystemError(.isDirectory, path: path)
        default: throw FileSystemError(.noEntry, path: path)
        }
    }

    private static func write(_ s: inout State, _ ino: UInt64, offset: Int?, _ data: [UInt8], limit: Int,
                              path: String) throws(FileSystemError) -> Int {
        guard case .file(var bytes)? = s.inodes[ino]?.content else { throw FileSystemError(.isDirectory, path: path) }
        // Take the bytes out so the splice mutates the only copy (no copy-on-write of the file).
        s.inodes[ino]?.content = .file([])
        defer { s.inodes[ino]?.content = .file(bytes) }
        let end = try RangedWrite.apply(data, at: offset, to: &bytes, path: path, limit: limit)
        let now = MonotonicClock.epochMilliseconds()
        s.inodes[ino]?.mtime = now
        s.inodes[ino]?.ctime = now
        return end
    }

    private static func truncate(_ s: inout State, _ ino: UInt64, length: Int, limit: Int, path: String) throws(FileSystemError) {
        if let size = s.inodes[ino]?.size, length > max(size, limit) { throw FileSystemError(.fileTooLarge, path: path) }
        guard case .file(var bytes)? = s.inodes[ino]?.content else { throw FileSystemError(.isDirectory, path: path) }
        s.inodes[ino]?.content = .file([])
        if length < bytes.count { bytes.removeLast(bytes.count - length) } else { bytes += [UInt8](repeating: 0, count: length - bytes.count) }
        let now = MonotonicClock.epochMilliseconds()
        s.inodes[ino]?.content = .file(bytes)
        s.inodes[ino]?.mtime = now
        s.inodes[ino]?.ctime = now
    }

    public func realpath(_ path: String) async throws(FileSystemError) -> String {
        try state.withLock { s throws(FileSystemError) in try Self.canonical(s, path) }
    }

    // MARK: - Internals (all called with the lock held)

    private func modify(_ path: String, _ change: (inout Inode) -> Void) throws(FileSystemError) {
        try state.withLock { s throws(FileSystemError) in
            try Self.modify(&s, try Self.resolve(s, path, follow: true), path: path, change)
        }
    }

    /// Changes an open file's inode (it may have no name left).
    private func modify(inode: UInt64, path: String, _ change: (inout Inode) -> Void) throws(FileSystemError) {
        try state.withLock { s throws(FileSystemError) in try Self.modify(&s, inode, path: path, change) }
    }

    private static func modify(_ s: inout State, _ ino: UInt64, path: String, _ change: (inout Inode) -> Void) throws(FileSystemError) {
        guard var node = s.inodes[ino] else { throw FileSystemError(.noEntry, path: path) }
        change(&node)
        node.ctime = MonotonicClock.epochMilliseconds()
        s.inodes[ino] = node
    }

    private static func child(_ s: State, _ dir: UInt64, _ name: String) -> UInt64? {
        guard case .directory(let children)? = s.inodes[dir]?.content else { return nil }
        return children[name]
    }

    private static func setChild(_ s: inout State, _ dir: UInt64, _ name: String, _ ino: UInt64?) {
        guard case .directory(var children)? = s.inodes[dir]?.content else { return }
        children[name] = ino
        let now = MonotonicClock.epochMilliseconds()
        s.inodes[dir]?.content = .directory(children)
        s.inodes[dir]?.mtime = now
        s.inodes[dir]?.ctime = now
    }

    private static func allocate(_ s: inout State, _ node: Inode) -> UInt64 {
        let ino = s.nextInode
        s.nextInode += 1
        s.inodes[ino] = node
        return ino
    }

    /// Unlinks `name` from `parent`; frees the inode (and a directory's tree) at zero links.
    private static func detach(_ s: inout State, parent: UInt64, name: String, ino: UInt64) {
        setChild(&s, parent, name, nil)
        guard var node = s.inodes[ino] else { return }
        if case .directory(let children) = node.content {
            for (childName, childIno) in children { detach(&s, parent: ino, name: childName, ino: childIno) }
            release(&s, ino)
            return
        }
        node.linkCount -= 1
        if node.linkCount > 0 {
            node.ctime = MonotonicClock.epochMilliseconds()
            s.inodes[ino] = node
        } else {
            release(&s, ino)
        }
    }

    /// Frees an inode no directory names any more, unless a descriptor holds it.
    private static func release(_ s: inout State, _ ino: UInt64) {
        if s.openCounts[ino] != nil {
            s.orphans.insert(ino)
            if case .directory? = s.inodes[ino]?.content { s.inodes[ino]?.content = .directory([:]) }
        } else {
            s.inodes[ino] = nil
        }
    }

    /// Walks `path` component by component, following symlinks (the last one only if `follow`).
    private static func resolve(_ s: State, _ path: String, follow: Bool) throws(FileSystemError) -> UInt64 {
        var hops = 0
        return try walk(s, GuestPath.components(path), stack: [rootInode], follow: follow, hops: &hops, original: path).last ?? rootInode
    }

    /// Walks `components` from the directory chain `stack` (root first; `..` climbs it), and
    /// returns the chain of the inode reached. A relative symlink continues from the chain of
    /// the directory holding it, so its `..` climbs the real parents.
    private static func walk(_ s: State, _ components: [String], stack start: [UInt64], follow: Bool, hops: inout Int,
                             original: String) throws(FileSystemError) -> [UInt64] {
        var stack = start
        for (index, name) in components.enumerated() {
            let current = stack[stack.count - 1]
            guard case .directory(let children)? = s.inodes[current]?.content else { throw FileSystemError(.notDirectory, path: original) }
            if name == ".." {
                if stack.count > 1 { stack.removeLast() }
                continue
            }
            guard let next = children[name], let node = s.inodes[next] else { throw FileSystemError(.noEntry, path: original) }
            let isLast = index == components.count - 1
            if case .symlink(let target) = node.content, !isLast || follow {
                hops += 1
                if hops > maxSymlinkHops { throw FileSystemError(.tooManyLinks, path: original) }
                let targetComponents = target.split(separator: "/").map(String.init).filter { $0 != "." && !$0.isEmpty }
                stack = try walk(s, targetComponents, stack: target.hasPrefix("/") ? [rootInode] : stack, follow: true,
                                 hops: &hops, original: original)
                continue
            }
            stack.append(next)
        }
        return stack
    }

    private static func parentAndName(_ s: State, _ path: String) throws(FileSystemError) -> (UInt64, String) {
        let normalized = GuestPath.normalize(path)
        guard normalized != "/" else { throw FileSystemError(.busy, path: path) }
        let parent = try resolve(s, GuestPath.dirname(normalized), follow: true)
        guard case .directory? = s.inodes[parent]?.type else { throw FileSystemError(.notDirectory, path: path) }
        let name = GuestPath.basename(normalized)
        if name.utf8.count > 255 { throw FileSystemError(.nameTooLong, path: path) }
        return (parent, name)
    }

    private static func canonical(_ s: State, _ path: String) throws(FileSystemError) -> String {
        var result: [String] = []
        var pending = GuestPath.components(path)
        var hops = 0
        while !pending.isEmpty {
            let name = pending.removeFirst()
            let dir = try resolve(s, "/" + result.joined(separator: "/"), follow: false)
            guard let ino = child(s, dir, name), let node = s.inodes[ino] else { throw FileSystemError(.noEntry, path: path) }
            if case .symlink(let target) = node.content {
                hops += 1
                if hops > maxSymlinkHops { throw FileSystemError(.tooManyLinks, path: path) }
                let combined = target.hasPrefix("/") ? target : "/" + (result + [target]).joined(separator: "/")
                let joined = GuestPath.normalize(combined)
                result = []
                pending = GuestPath.components(joined) + pending
                continue
            }
            result.append(name)
        }
        return "/" + result.joined(separator: "/")
    }

    private static func status(in state: borrowing Mutex<State>, _ path: String, follow: Bool) throws(FileSystemError) -> FileStatus {
        try state.withLock { s throws(FileSystemError) in try status(s, try resolve(s, path, follow: follow), path: path) }
    }

    private static func status(_ s: State, _ ino: UInt64, path: String) throws(FileSystemError) -> FileStatus {
        guard let n = s.inodes[ino] else { throw FileSystemError(.noEntry, path: path) }
        return FileStatus(type: n.type, permissions: n.permissions, size: n.size, inode: ino,
                          linkCount: s.orphans.contains(ino) ? 0 : n.linkCount,
                          uid: n.uid, gid: n.gid, accessTimeMs: n.atime, modificationTimeMs: n.mtime,
                          changeTimeMs: n.ctime, birthTimeMs: n.birth)
    }

    private static func read(in state: borrowing Mutex<State>, _ path: String) throws(FileSystemError) -> [UInt8] {
        try state.withLock { s throws(FileSystemError) in
            try contents(s, try resolve(s, path, follow: true), path: path)
        }
    }

    /// A file's whole content.
    private static func contents(_ s: State, _ ino: UInt64, path: String) throws(FileSystemError) -> [UInt8] {
        switch s.inodes[ino]?.content {
        case .file(let bytes)?: return bytes
        case .directory?: throw FileSystemError(.isDirectory, path: path)
        default: throw FileSystemError(.noEntry, path: path)
        }
    }

    private static func write(in state: borrowing Mutex<State>, _ path: String, _ data: [UInt8], _ options: WriteOptions) throws(FileSystemError) {
        try state.withLock { s throws(FileSystemError) in
            var target: UInt64?
            do throws(FileSystemError) {
                target = try resolve(s, path, follow: true)
            } catch where error.code == .noEntry {
                target = nil
            }
            if let ino = target { return try overwrite(&s, ino, data, options, path: path) }
            guard options.create else { throw FileSystemError(.noEntry, path: path) }
            // A dangling symlink is written through to its target, like POSIX open(O_CREAT).
            let (parent, name) = try parentAndName(s, try danglingTarget(s, path))
            _ = newFile(&s, in: parent, name, data, mode: options.mode)
        }
    }

    /// An existing file written whole (or appended to); `EEXIST` for an exclusive write.
    private static func overwrite(_ s: inout State, _ ino: UInt64, _ data: [UInt8], _ options: WriteOptions,
                                  path: String) throws(FileSystemError) {
        if options.exclusive { throw FileSystemError(.exists, path: path) }
        guard case .file(var bytes)? = s.inodes[ino]?.content else { throw FileSystemError(.isDirectory, path: path) }
        if options.append { bytes += data } else { bytes = data }
        replace(&s, ino, with: bytes)
    }

    /// A new regular file named `name` in the directory `parent`.
    private static func newFile(_ s: inout State, in parent: UInt64, _ name: String, _ data: [UInt8], mode: UInt32) -> UInt64 {
        let now = MonotonicClock.epochMilliseconds()
        let ino = allocate(&s, Inode(content: .file(data), permissions: mode & 0o7777, atime: now, mtime: now, ctime: now, birth: now))
        setChild(&s, parent, name, ino)
        return ino
    }

    /// A file's new content, its times updated.
    private static func replace(_ s: inout State, _ ino: UInt64, with bytes: [UInt8]) {
        let now = MonotonicClock.epochMilliseconds()
        s.inodes[ino]?.content = .file(bytes)
        s.inodes[ino]?.mtime = now
        s.inodes[ino]?.ctime = now
    }

    /// The path a write creates: `path`, or where a dangling symlink at `path` points.
    private static func danglingTarget(_ s: State, _ path: String) throws(FileSystemError) -> String {
        var current = GuestPath.normalize(path)
        for _ in 0..<maxSymlinkHops {
            let (parent, name) = try parentAndName(s, current)
            guard let ino = child(s, parent, name), case .symlink(let target)? = s.inodes[ino]?.content else { return current }
            current = GuestPath.normalize(target, relativeTo: GuestPath.dirname(current))
        }
        throw FileSystemError(.tooManyLinks, path: path)
    }

    private static func createDirectory(in state: borrowing Mutex<State>, _ path: String, recursive: Bool, mode: UInt32) throws(FileSystemError) -> String? {
        try state.withLock { s throws(FileSystemError) in
            let normalized = GuestPath.normalize(path)
            if !recursive {
                let (parent, name) = try parentAndName(s, normalized)
                try change(&s, entry: name, of: parent, .makeDirectory(mode: mode), path: path)
                return nil
            }
            var first: String?
            var current = rootInode
            var built = ""
            for name in GuestPath.components(normalized) {
                built += "/" + name
                if let existing = child(s, current, name), let node = s.inodes[existing] {
                    if case .symlink = node.content {
                        current = try resolve(s, built, follow: true)
                    } else {
                        current = existing
                    }
                    guard case .directory? = s.inodes[current]?.type else { throw FileSystemError(.notDirectory, path: path) }
                    continue
                }
                current = newDirectory(&s, in: current, name, mode: mode)
                if first == nil { first = built }
            }
            return first
        }
    }
}

// MARK: - A directory's entries (by path and through pinned directories alike)

extension InMemoryFileSystem {
    /// `change` to the entry `path` names, in the folder its parent leads to.
    private func changeEntry(of path: String, _ entryChange: PinnedEntryChange) throws(FileSystemError) {
        try state.withLock { s throws(FileSystemError) in
            let (parent, name) = try Self.parentAndName(s, path)
            try Self.change(&s, entry: name, of: parent, entryChange, path: path)
        }
    }

    /// A directory's entries, sorted by name.
    private static func entries(_ s: State, _ ino: UInt64, path: String) throws(FileSystemError) -> [DirectoryEntry] {
        guard let node = s.inodes[ino] else { throw FileSystemError(.noEntry, path: path) }
        guard case .directory(let children) = node.content else { throw FileSystemError(.notDirectory, path: path) }
        return children.keys.sorted().compactMap { name in
            children[name].flatMap { s.inodes[$0] }.map { DirectoryEntry(name: name, type: $0.type) }
        }
    }

    /// The directory `dir` as a place entries can change: `ENOENT` once removed (a pinned
    /// directory outlives its removal, empty), `ENOTDIR` for anything else.
    private static func liveDirectory(_ s: State, _ dir: UInt64, path: String) throws(FileSystemError) {
        guard let node = s.inodes[dir], !s.orphans.contains(dir) else { throw FileSystemError(.noEntry, path: path) }
        guard case .directory = node.content else { throw FileSystemError(.notDirectory, path: path) }
    }

    /// A new, empty directory named `name` in `parent`.
    private static func newDirectory(_ s: inout State, in parent: UInt64, _ name: String, mode: UInt32) -> UInt64 {
        let now = MonotonicClock.epochMilliseconds()
        let ino = allocate(&s, Inode(content: .directory([:]), permissions: mode & 0o7777, linkCount: 2, atime: now, mtime: now, ctime: now, birth: now))
        setChild(&s, parent, name, ino)
        return ino
    }

    /// Makes `change` to the entry `name` of directory `dir` (moves and links within this
    /// filesystem: the folder given is pinned from it).
    private static func change(_ s: inout State, entry name: String, of dir: UInt64, _ change: PinnedEntryChange,
                               path: String) throws(FileSystemError) {
        try liveDirectory(s, dir, path: path)
        if name.utf8.count > 255 { throw FileSystemError(.nameTooLong, path: path) }
        let existing = child(s, dir, name)
        switch change {
        case .makeDirectory(let mode):
            if existing != nil { throw FileSystemError(.exists, path: path) }
            _ = newDirectory(&s, in: dir, name, mode: mode)
        case .symlink(let target):
            if existing != nil { throw FileSystemError(.exists, path: path) }
            let now = MonotonicClock.epochMilliseconds()
            let ino = allocate(&s, Inode(content: .symlink(target), permissions: 0o777, atime: now, mtime: now, ctime: now, birth: now))
            setChild(&s, dir, name, ino)
        case .remove(let directory, let recursive):
            guard let ino = existing, let node = s.inodes[ino] else { throw FileSystemError(.noEntry, path: path) }
            if case .directory(let children) = node.content {
                guard directory else { throw FileSystemError(.isDirectory, path: path) }
                if !children.isEmpty && !recursive { throw FileSystemError(.notEmpty, path: path) }
            } else if directory {
                throw FileSystemError(.notDirectory, path: path)
            }
            detach(&s, parent: dir, name: name, ino: ino)
        case .move(let folder, let newName), .link(let folder, let newName):
            guard let to = (folder as? PinnedInode)?.inode else { throw FileSystemError(.crossDevice, path: path) }
            let destination = GuestPath.join(folder.resolvedPath, newName)
            if case .move = change {
                try move(&s, dir, name, to: to, newName, path: path, destination: destination)
            } else {
                try link(&s, dir, name, to: to, newName, path: path, destination: destination)
            }
        }
    }

    /// Renames `name` in `from` to `newName` in `to` (`rename`): replaces a file, or an empty
    /// directory with a directory; a directory never moves into itself.
    private static func move(_ s: inout State, _ from: UInt64, _ name: String, to: UInt64, _ newName: String,
                             path: String, destination: String) throws(FileSystemError) {
        try liveDirectory(s, from, path: path)
        try liveDirectory(s, to, path: destination)
        if newName.utf8.count > 255 { throw FileSystemError(.nameTooLong, path: path, destination: destination) }
        guard let ino = child(s, from, name), let node = s.inodes[ino] else {
            throw FileSystemError(.noEntry, path: path, destination: destination)
        }
        if case .directory = node.content, contains(s, ino, to) { throw FileSystemError(.invalid, path: path, destination: destination) }
        if let existing = child(s, to, newName), let target = s.inodes[existing] {
            if existing == ino { return }
            switch (node.content, target.content) {
            case (.directory, .directory(let children)):
                if !children.isEmpty { throw FileSystemError(.notEmpty, path: path, destination: destination) }
            case (.directory, _): throw FileSystemError(.notDirectory, path: path, destination: destination)
            case (_, .directory): throw FileSystemError(.isDirectory, path: path, destination: destination)
            default: break
            }
            detach(&s, parent: to, name: newName, ino: existing)
        }
        setChild(&s, from, name, nil)
        setChild(&s, to, newName, ino)
        s.inodes[ino]?.ctime = MonotonicClock.epochMilliseconds()
    }

    /// Whether directory `dir` is `ino` or lies inside it.
    private static func contains(_ s: State, _ ino: UInt64, _ dir: UInt64) -> Bool {
        if ino == dir { return true }
        guard case .directory(let children)? = s.inodes[ino]?.content else { return false }
        return children.values.contains { child in
            if case .directory? = s.inodes[child]?.content { return contains(s, child, dir) }
            return false
        }
    }

    /// A hard link to the entry `name` of `from` (a link as itself) as `newName` in `to`.
    private static func link(_ s: inout State, _ from: UInt64, _ name: String, to: UInt64, _ newName: String,
                             path: String, destination: String) throws(FileSystemError) {
        try liveDirectory(s, from, path: path)
        try liveDirectory(s, to, path: destination)
        guard let ino = child(s, from, name), let node = s.inodes[ino] else { throw FileSystemError(.noEntry, path: path, destination: destination) }
        if case .directory = node.content { throw FileSystemError(.notPermitted, path: path, destination: destination) }
        if newName.utf8.count > 255 { throw FileSystemError(.nameTooLong, path: path, destination: destination) }
        if child(s, to, newName) != nil { throw FileSystemError(.exists, path: path, destination: destination) }
        setChild(&s, to, newName, ino)
        s.inodes[ino]?.linkCount += 1
        s.inodes[ino]?.ctime = MonotonicClock.epochMilliseconds()
    }
}

extension InMemoryFileSystem: PinningFileSystem {
    /// The inode `path` leads to and its canonical path, found under one lock: what the check
    /// judges is what the operation then uses, whatever is renamed meanwhile.
    func pin(_ path: String) throws(FileSystemError) -> any PinnedFile {
        let (ino, resolved) = try state.withLock { s throws(FileSystemError) -> (UInt64, String) in
            let ino = try Self.resolve(s, path, follow: true)
            let resolved = try Self.canonical(s, path)
            s.openCounts[ino, default: 0] += 1
            return (ino, resolved)
        }
        return PinnedInode(filesystem: self, inode: ino, resolvedPath: resolved, path: path)
    }

    /// A pinned inode: held like an open descriptor (readable after an unlink) until released.
    private final class PinnedInode: PinnedFile {
        let filesystem: InMemoryFileSystem
        let inode: UInt64
        let resolvedPath: String
        let path: String

        init(filesystem: InMemoryFileSystem, inode: UInt64, resolvedPath: String, path: String) {
            self.filesystem = filesystem
            self.inode = inode
            self.resolvedPath = resolvedPath
            self.path = path
        }

        deinit { filesystem.release(inode) }

        func status() throws(FileSystemError) -> FileStatus {
            try filesystem.state.withLock { s throws(FileSystemError) in try InMemoryFileSystem.status(s, inode, path: path) }
        }

        func readAll() throws(FileSystemError) -> [UInt8] {
            try filesystem.state.withLock { s throws(FileSystemError) in try InMemoryFileSystem.contents(s, inode, path: path) }
        }

        func openForReading() throws(FileSystemError) -> any VirtualFileHandle {
            try open { _ throws(FileSystemError) in }
        }

        func write(_ data: [UInt8], options: WriteOptions) throws(FileSystemError) {
            try filesystem.state.withLock { s throws(FileSystemError) in
                try InMemoryFileSystem.overwrite(&s, inode, data, options, path: path)
            }
        }

        func openForWriting(truncate: Bool) throws(FileSystemError) -> any VirtualFileHandle {
            try open { node throws(FileSystemError) in
                guard case .file = node.content else { throw FileSystemError(.isDirectory, path: path) }
            } then: { s in
                if truncate { InMemoryFileSystem.replace(&s, inode, with: []) }
            }
        }

        func create(_ name: String, _ data: [UInt8], mode: UInt32) throws(FileSystemError) -> any PinnedFile {
            try validEntryName(name, in: path)
            let filePath = GuestPath.join(path, name)
            let ino = try filesystem.state.withLock { s throws(FileSystemError) -> UInt64 in
                try InMemoryFileSystem.liveDirectory(s, inode, path: filePath)
                if InMemoryFileSystem.child(s, inode, name) != nil { throw FileSystemError(.exists, path: filePath) }
                let ino = InMemoryFileSystem.newFile(&s, in: inode, name, data, mode: mode)
                s.openCounts[ino, default: 0] += 1
                return ino
            }
            return PinnedInode(filesystem: filesystem, inode: ino, resolvedPath: GuestPath.join(resolvedPath, name), path: filePath)
        }

        func change(_ change: PinnedChange) throws(FileSystemError) {
            try filesystem.change(inode: inode, path: path, change)
        }

        func entries() throws(FileSystemError) -> [DirectoryEntry] {
            try filesystem.state.withLock { s throws(FileSystemError) in try InMemoryFileSystem.entries(s, inode, path: path) }
        }

        func entryStatus(_ name: String) throws(FileSystemError) -> FileStatus {
            try validEntryName(name, in: path)
            let entryPath = GuestPath.join(path, name)
            return try filesystem.state.withLock { s throws(FileSystemError) in
                guard let ino = InMemoryFileSystem.child(s, inode, name) else { throw FileSystemError(.noEntry, path: entryPath) }
                return try InMemoryFileSystem.status(s, ino, path: entryPath)
            }
        }

        func linkTarget(_ name: String) throws(FileSystemError) -> String {
            try validEntryName(name, in: path)
            let entryPath = GuestPath.join(path, name)
            return try filesystem.state.withLock { s throws(FileSystemError) in
                guard let ino = InMemoryFileSystem.child(s, inode, name) else { throw FileSystemError(.noEntry, path: entryPath) }
                guard case .symlink(let target)? = s.inodes[ino]?.content else { throw FileSystemError(.invalid, path: entryPath) }
                return target
            }
        }

        func directory(_ name: String) throws(FileSystemError) -> any PinnedFile {
            try validEntryName(name, in: path)
            let entryPath = GuestPath.join(path, name)
            let ino = try filesystem.state.withLock { s throws(FileSystemError) -> UInt64 in
                guard let ino = InMemoryFileSystem.child(s, inode, name) else { throw FileSystemError(.noEntry, path: entryPath) }
                guard case .directory? = s.inodes[ino]?.content else { throw FileSystemError(.notDirectory, path: entryPath) }
                s.openCounts[ino, default: 0] += 1
                return ino
            }
            return PinnedInode(filesystem: filesystem, inode: ino, resolvedPath: GuestPath.join(resolvedPath, name), path: entryPath)
        }

        func changeEntry(_ name: String, _ entryChange: PinnedEntryChange) throws(FileSystemError) {
            let entryPath = GuestPath.join(path, name)
            try validEntryName(name, in: entryPath)
            switch entryChange {
            case .move(let folder, _), .link(let folder, _):
                guard (folder as? PinnedInode)?.filesystem === filesystem else { throw FileSystemError(.crossDevice, path: entryPath) }
            default: break
            }
            try filesystem.state.withLock { s throws(FileSystemError) in
                try InMemoryFileSystem.change(&s, entry: name, of: inode, entryChange, path: entryPath)
            }
        }

        /// A descriptor on this inode once `check` accepts it (and `then` changed it).
        private func open(_ check: (Inode) throws(FileSystemError) -> Void,
                          then change: (inout State) -> Void = { _ in }) throws(FileSystemError) -> any VirtualFileHandle {
            try filesystem.state.withLock { s throws(FileSystemError) in
                guard let node = s.inodes[inode] else { throw FileSystemError(.noEntry, path: path) }
                try check(node)
                change(&s)
                s.openCounts[inode, default: 0] += 1
            }
            return OpenInode(filesystem: filesystem, inode: inode, path: path)
        }
    }
}
