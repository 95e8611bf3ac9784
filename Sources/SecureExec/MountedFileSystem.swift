/// Several filesystems combined at mount points: an in-memory `/` with a host directory at
/// `/workspace` and a read-only one at `/data`, say. A path belongs to the mount with the longest
/// matching prefix (whole segments); inside a mount, paths are relative to it, so a symlink
/// there resolves within that mount. Renames and hard links across mounts fail with `EXDEV`,
/// as in Node.
public final class MountedFileSystem: VirtualFileSystem {
    public let base: any VirtualFileSystem
    /// Mount point → filesystem, longest first.
    private let mounts: [(point: String, filesystem: any VirtualFileSystem)]

    public init(base: any VirtualFileSystem, mounts: [String: any VirtualFileSystem]) {
        self.base = base
        self.mounts = mounts.map { (GuestPath.normalize($0.key), $0.value) }
            .filter { $0.0 != "/" }
            .sorted { $0.0.count > $1.0.count }
    }

    /// The filesystem serving `path`, the path within it, and the mount point.
    private func route(_ path: String) -> (any VirtualFileSystem, String, String) {
        let normalized = GuestPath.normalize(path)
        for (point, filesystem) in mounts where normalized == point || normalized.hasPrefix(point + "/") {
            let inner = normalized == point ? "/" : String(normalized.dropFirst(point.count))
            return (filesystem, inner, point)
        }
        return (base, normalized, "/")
    }

    private func outer(_ inner: String, _ point: String) -> String {
        point == "/" ? inner : (inner == "/" ? point : point + inner)
    }

    /// Re-labels an error from a mount with the guest's paths.
    private func relabel<T>(_ path: String, _ destination: String? = nil, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch var error as FileSystemError {
            error.path = path
            if destination != nil { error.destination = destination }
            throw error
        }
    }

    public func openFile(_ path: String, writable: Bool) async throws -> any VirtualFileHandle {
        let (fs, inner, _) = route(path)
        return try await relabel(path) { try await fs.openFile(inner, writable: writable) }
    }

    public func stat(_ path: String) async throws -> FileStatus {
        let (fs, inner, _) = route(path)
        return try await relabel(path) { try await fs.stat(inner) }
    }

    public func lstat(_ path: String) async throws -> FileStatus {
        let (fs, inner, _) = route(path)
        return try await relabel(path) { try await fs.lstat(inner) }
    }

    public func readFile(_ path: String) async throws -> [UInt8] {
        let (fs, inner, _) = route(path)
        return try await relabel(path) { try await fs.readFile(inner) }
    }

    public func writeFile(_ path: String, _ data: [UInt8], options: WriteOptions) async throws {
        let (fs, inner, _) = route(path)
        try await relabel(path) { try await fs.writeFile(inner, data, options: options) }
    }

    public func read(_ path: String, offset: Int, length: Int) async throws -> [UInt8] {
        let (fs, inner, _) = route(path)
        return try await relabel(path) { try await fs.read(inner, offset: offset, length: length) }
    }

    public func write(_ path: String, offset: Int?, _ data: [UInt8]) async throws -> Int {
        let (fs, inner, _) = route(path)
        return try await relabel(path) { try await fs.write(inner, offset: offset, data) }
    }

    public func readDirectory(_ path: String) async throws -> [DirectoryEntry] {
        let (fs, inner, point) = route(path)
        var entries = try await relabel(path) { try await fs.readDirectory(inner) }
        // Mount points directly inside this directory appear as directories.
        let directory = outer(inner, point)
        for (mountPoint, _) in mounts where GuestPath.dirname(mountPoint) == directory && mountPoint != directory {
            let name = GuestPath.basename(mountPoint)
            if !entries.contains(where: { $0.name == name }) { entries.append(DirectoryEntry(name: name, type: .directory)) }
        }
        return entries.sorted { $0.name < $1.name }
    }

    public func createDirectory(_ path: String, recursive: Bool, mode: UInt32) async throws -> String? {
        let (fs, inner, point) = route(path)
        let first = try await relabel(path) { try await fs.createDirectory(inner, recursive: recursive, mode: mode) }
        return first.map { outer($0, point) }
    }

    public func unlink(_ path: String) async throws {
        let (fs, inner, _) = route(path)
        try await relabel(path) { try await fs.unlink(inner) }
    }

    public func removeDirectory(_ path: String, recursive: Bool) async throws {
        let (fs, inner, point) = route(path)
        if inner == "/" && point != "/" { throw FileSystemError(.busy, path: path) }
        try await relabel(path) { try await fs.removeDirectory(inner, recursive: recursive) }
    }

    public func rename(_ from: String, to: String) async throws {
        let (fs, innerFrom, pointFrom) = route(from)
        let (_, innerTo, pointTo) = route(to)
        guard pointFrom == pointTo else { throw FileSystemError(.crossDevice, path: from, destination: to) }
        try await relabel(from, to) { try await fs.rename(innerFrom, to: innerTo) }
    }

    public func copyFile(_ from: String, to: String, exclusive: Bool) async throws {
        let data = try await readFile(from)
        try await writeFile(to, data, options: WriteOptions(exclusive: exclusive))
    }

    public func symlink(target: String, at path: String) async throws {
        let (fs, inner, _) = route(path)
        try await relabel(target, path) { try await fs.symlink(target: target, at: inner) }
    }

    public func readlink(_ path: String) async throws -> String {
        let (fs, inner, _) = route(path)
        return try await relabel(path) { try await fs.readlink(inner) }
    }

    public func link(_ existing: String, to newPath: String) async throws {
        let (fs, innerFrom, pointFrom) = route(existing)
        let (_, innerTo, pointTo) = route(newPath)
        guard pointFrom == pointTo else { throw FileSystemError(.crossDevice, path: existing, destination: newPath) }
        try await relabel(existing, newPath) { try await fs.link(innerFrom, to: innerTo) }
    }

    public func chmod(_ path: String, mode: UInt32) async throws {
        let (fs, inner, _) = route(path)
        try await relabel(path) { try await fs.chmod(inner, mode: mode) }
    }

    public func chown(_ path: String, uid: UInt32, gid: UInt32) async throws {
        let (fs, inner, _) = route(path)
        try await relabel(path) { try await fs.chown(inner, uid: uid, gid: gid) }
    }

    public func utimes(_ path: String, accessTimeMs: Double, modificationTimeMs: Double) async throws {
        let (fs, inner, _) = route(path)
        try await relabel(path) { try await fs.utimes(inner, accessTimeMs: accessTimeMs, modificationTimeMs: modificationTimeMs) }
    }

    public func truncate(_ path: String, length: Int) async throws {
        let (fs, inner, _) = route(path)
        try await relabel(path) { try await fs.truncate(inner, length: length) }
    }

    public func realpath(_ path: String) async throws -> String {
        let (fs, inner, point) = route(path)
        let real = try await relabel(path) { try await fs.realpath(inner) }
        return outer(real, point)
    }
}

extension MountedFileSystem: PinningFileSystem {
    /// Pins through the filesystem mounted at `path` when it can (``PinningFileSystem``); the
    /// resolved path is the mount's, under its mount point.
    func pin(_ path: String) throws(FileSystemError) -> any PinnedFile {
        let (fs, inner, point) = route(path)
        guard let pinning = fs as? any PinningFileSystem else { throw FileSystemError(.notImplemented, path: path) }
        let file = try relabeled(path) { () throws(FileSystemError) in try pinning.pin(inner) }
        return MountedPinnedFile(file: file, resolvedPath: outer(file.resolvedPath, point), path: path, point: point, owner: self)
    }

    /// The mount points directly inside the directory `directory` (an outer path).
    fileprivate func mountPoints(in directory: String) -> [String] {
        mounts.map(\.point).filter { GuestPath.dirname($0) == directory && $0 != directory }
    }

    fileprivate func isMountPoint(_ path: String) -> Bool { mounts.contains { $0.point == path } }
}

/// A file pinned inside a mount, with the guest's paths.
private struct MountedPinnedFile: PinnedFile {
    let file: any PinnedFile
    let resolvedPath: String
    let path: String
    /// The mount it is in, and the filesystem mounting it.
    let point: String
    let owner: MountedFileSystem

    func status() throws(FileSystemError) -> FileStatus { try relabeled(path) { () throws(FileSystemError) in try file.status() } }
    func readAll() throws(FileSystemError) -> [UInt8] { try relabeled(path) { () throws(FileSystemError) in try file.readAll() } }
    func openForReading() throws(FileSystemError) -> any VirtualFileHandle {
        try relabeled(path) { () throws(FileSystemError) in try file.openForReading() }
    }
    func write(_ data: [UInt8], options: WriteOptions) throws(FileSystemError) {
        try relabeled(path) { () throws(FileSystemError) in try file.write(data, options: options) }
    }
    func openForWriting(truncate: Bool) throws(FileSystemError) -> any VirtualFileHandle {
        try relabeled(path) { () throws(FileSystemError) in try file.openForWriting(truncate: truncate) }
    }
    func change(_ change: PinnedChange) throws(FileSystemError) {
        try relabeled(path) { () throws(FileSystemError) in try file.change(change) }
    }
    func create(_ name: String, _ data: [UInt8], mode: UInt32) throws(FileSystemError) -> any PinnedFile {
        let created = try relabeled(path) { () throws(FileSystemError) in try file.create(name, data, mode: mode) }
        return entry(created, name)
    }

    /// `inner`, the entry `name` of this directory, with the guest's paths.
    private func entry(_ inner: any PinnedFile, _ name: String) -> MountedPinnedFile {
        MountedPinnedFile(file: inner, resolvedPath: GuestPath.join(resolvedPath, name), path: GuestPath.join(path, name),
                          point: point, owner: owner)
    }

    // A directory's entries: a mount point in it is a directory (the mounted one's root),
    // which cannot be replaced, removed or moved from here.

    func entries() throws(FileSystemError) -> [DirectoryEntry] {
        var entries = try relabeled(path) { () throws(FileSystemError) in try file.entries() }
        for mountPoint in owner.mountPoints(in: resolvedPath) {
            let name = GuestPath.basename(mountPoint)
            if !entries.contains(where: { $0.name == name }) { entries.append(DirectoryEntry(name: name, type: .directory)) }
        }
        return entries.sorted { $0.name < $1.name }
    }

    func entryStatus(_ name: String) throws(FileSystemError) -> FileStatus {
        if let mounted = try mountedRoot(name) { return try mounted.status() }
        return try relabeled(GuestPath.join(path, name)) { () throws(FileSystemError) in try file.entryStatus(name) }
    }

    func linkTarget(_ name: String) throws(FileSystemError) -> String {
        let entryPath = GuestPath.join(path, name)
        if owner.isMountPoint(GuestPath.join(resolvedPath, name)) { throw FileSystemError(.invalid, path: entryPath) }
        return try relabeled(entryPath) { () throws(FileSystemError) in try file.linkTarget(name) }
    }

    func directory(_ name: String) throws(FileSystemError) -> any PinnedFile {
        if let mounted = try mountedRoot(name) { return mounted }
        return entry(try relabeled(GuestPath.join(path, name)) { () throws(FileSystemError) in try file.directory(name) }, name)
    }

    func changeEntry(_ name: String, _ change: PinnedEntryChange) throws(FileSystemError) {
        let entryPath = GuestPath.join(path, name)
        var inner = change
        switch change {
        case .makeDirectory, .symlink:
            if owner.isMountPoint(GuestPath.join(resolvedPath, name)) { throw FileSystemError(.exists, path: entryPath) }
        case .remove:
            if owner.isMountPoint(GuestPath.join(resolvedPath, name)) { throw FileSystemError(.busy, path: entryPath) }
        case .move(let folder, let newName), .link(let folder, let newName):
            guard let other = folder as? MountedPinnedFile, other.owner === owner, other.point == point else {
                throw FileSystemError(.crossDevice, path: entryPath, destination: GuestPath.join(folder.resolvedPath, newName))
            }
            if owner.isMountPoint(GuestPath.join(resolvedPath, name)) || owner.isMountPoint(GuestPath.join(other.resolvedPath, newName)) {
                throw FileSystemError(.busy, path: entryPath, destination: GuestPath.join(other.path, newName))
            }
            if case .move = change { inner = .move(to: other.file, name: newName) } else { inner = .link(to: other.file, name: newName) }
        }
        try relabeled(entryPath) { () throws(FileSystemError) in try file.changeEntry(name, inner) }
    }

    /// The root of the filesystem mounted at the entry `name`, pinned, if a mount is there.
    private func mountedRoot(_ name: String) throws(FileSystemError) -> (any PinnedFile)? {
        let entryPath = GuestPath.join(resolvedPath, name)
        return owner.isMountPoint(entryPath) ? try owner.pin(entryPath) : nil
    }
}

/// `body`'s result; its error re-labelled with the guest's `path`.
private func relabeled<T>(_ path: String, _ body: () throws(FileSystemError) -> T) throws(FileSystemError) -> T {
    do {
        return try body()
    } catch {
        var error = error
        error.path = path
        throw error
    }
}
