import SecureExecBridge

/// The `fs.*` bridge operations: validate, ask the fs permission (with the normalised path,
/// the resolved path and the destination), then call the virtual filesystem.
struct FileSystemOperations {
    let host: CallHost
    var vfs: any VirtualFileSystem { host.driver.filesystem }

    func perform(_ op: String, _ args: Arguments, _ binary: [UInt8]?) async throws -> BridgeResponse {
        switch op {
        case "fs.readFile":
            let path = try args.path("path")
            let (bytes, granted) = try await pinned(.read, path: path, syscall: "open", { file throws(FileSystemError) in try file.readAll() },
                                                    fallback: { try await vfs.readFile(path) })
            if bytes.count > host.limits.maxBinaryPayloadBytes {
                throw GuestError(code: "ERR_SANDBOX_PAYLOAD_TOO_LARGE",
                                 message: "ERR_SANDBOX_PAYLOAD_TOO_LARGE: fs.readFile exceeds \(host.limits.maxBinaryPayloadBytes) bytes (got \(bytes.count))",
                                 name: "RangeError")
            }
            var response: BridgeResponse = (try args.optionalString("encoding")) == "utf8"
                ? .value(.string(String(decoding: bytes, as: UTF8.self))) : .bytes(bytes)
            response.lasting = granted.lasting
            return response

        case "fs.writeFile":
            let path = try args.path("path")
            let flag = try args.optionalString("flag") ?? "w"
            let options = try Self.writeOptions(flag: flag, mode: args.raw["mode"]?.intValue)
            let data = binary ?? []
            let op: FsAccessRequest.Operation = options.append ? .append : .write
            // The file the check judged is the one written (see ``pinnedWrite``).
            let written: Void? = try await pinnedWrite([op], path: path, syscall: "open", exclusive: options.exclusive,
                existing: { file throws(FileSystemError) in try file.write(data, options: options) },
                create: options.create ? { folder, name throws(FileSystemError) in _ = try folder.create(name, data, mode: options.mode) } : nil)
            if written == nil {
                try await authorize(op, path: path, syscall: "open")
                try await run("open", path) { try await vfs.writeFile(path, data, options: options) }
            }
            return .undefined

        case "fs.stat":
            let path = try args.path("path")
            let follow = args.bool("follow") ?? true
            if args.bool("probe") == true, follow {
                let (status, lasting) = try await probeStatus(path)
                var response = BridgeResponse.value(status)
                response.lasting = lasting
                return response
            }
            if follow {
                let status = try await pinned(.stat, path: path, syscall: "stat", { file throws(FileSystemError) in try file.status() },
                                              fallback: { try await vfs.stat(path) }).value
                return .value(Self.json(status))
            }
            return .value(Self.json(try await inFolder(.lstat, path: path, syscall: "lstat",
                { folder, name, _ in try folder.entryStatus(name) }, fallback: { try await vfs.lstat(path) })))

        case "fs.probeFiles":
            // Module resolution's candidates in order (the file, then each extension, …), in one
            // round trip: each one's probe status until the first that is a file; a path the
            // guest may not stat answers false.
            let paths = try args.stringArray("paths")
            guard paths.count <= 64 else { throw GuestError.invalidArgument("at most 64 paths per probe") }
            var results: [JSONValue] = []
            var lasting = true
            for raw in paths {
                let status: JSONValue
                do {
                    let probed = try await probeStatus(try Arguments.guestPath(raw, name: "paths"))
                    status = probed.status
                    lasting = lasting && probed.lasting
                } catch let error as GuestError where error.code == "EACCES" {
                    status = .bool(false)
                    lasting = false
                }
                results.append(status)
                if case .object(let fields) = status, fields["type"] == .string("file") { break }
            }
            var response = BridgeResponse.value(.array(results))
            response.lasting = lasting
            return response

        case "fs.access":
            let path = try args.path("path")
            _ = try await pinned(.exists, path: path, syscall: "access", { file throws(FileSystemError) in try file.status() },
                                 fallback: { try await vfs.stat(path) })
            return .undefined

        case "fs.readdir":
            let path = try args.path("path")
            let recursive = args.bool("recursive") ?? false
            var result: [JSONValue] = []
            var queue: [(String, String)] = [(path, "")]
            // Recursive listings descend into linked directories too (as Node does), each
            // directory once (a link back up cannot loop).
            var visited: Set<[UInt64]>? = recursive ? [] : nil
            while !queue.isEmpty {
                let (dir, prefix) = queue.removeFirst()
                guard let entries = try await listing(dir, below: dir != path, visited: &visited) else { continue }
                for entry in entries {
                    let name = prefix.isEmpty ? entry.name : prefix + "/" + entry.name
                    result.append(.array([.string(name), .string(entry.type.rawValue)]))
                    if recursive && (entry.type == .directory || entry.type == .symlink) {
                        queue.append((GuestPath.join(dir, entry.name), name))
                    }
                    if result.count > 100_000 {
                        throw GuestError(code: "ERR_SANDBOX_PAYLOAD_TOO_LARGE", message: "ERR_SANDBOX_PAYLOAD_TOO_LARGE: directory listing too large", name: "RangeError")
                    }
                }
            }
            return .value(.array(result))

        case "fs.mkdir":
            let path = try args.path("path")
            let recursive = args.bool("recursive") ?? false
            let mode = UInt32(truncatingIfNeeded: args.raw["mode"]?.intValue ?? 0o777)
            if recursive { return .value(try await makeDirectories(path, mode: mode).map(JSONValue.string) ?? .null) }
            try await inFolder(.mkdir, path: path, syscall: "mkdir", { folder, name, _ in
                try folder.changeEntry(name, .makeDirectory(mode: mode))
            }, fallback: { _ = try await vfs.createDirectory(path, recursive: false, mode: mode) })
            return .value(.null)

        case "fs.mkdtemp":
            let prefix = try args.path("prefix")
            for _ in 0..<16 {
                var random = [UInt8](repeating: 0, count: 6)
                random.withUnsafeMutableBytes { fillRandomBytes($0) }
                let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
                let suffix = String(random.map { alphabet[Int($0) % alphabet.count] })
                let path = prefix + suffix
                // Made in the folder judged (see ``inFolder``); a name taken already: another one.
                let made = try await inFolder(.mkdtemp, path: path, syscall: "mkdtemp", reported: (prefix + "XXXXXX", nil), { folder, name, _ in
                    try await Self.unlessTaken { try folder.changeEntry(name, .makeDirectory(mode: 0o700)) }
                }, fallback: {
                    try await Self.unlessTaken { _ = try await vfs.createDirectory(path, recursive: false, mode: 0o700) }
                })
                if made { return .value(.string(path)) }
            }
            throw GuestError.system("EEXIST", "file already exists", syscall: "mkdtemp", path: prefix + "XXXXXX")

        case "fs.rm":
            let path = try args.path("path")
            let recursive = args.bool("recursive") ?? false
            let force = args.bool("force") ?? false
            let directoryOnly = args.bool("directory") ?? false
            let syscall = directoryOnly ? "rmdir" : "rm"
            /// What the entry is (`lstat`), then its removal, in the folder judged or by path.
            func remove(_ lstat: () async throws -> FileStatus, _ remove: (Bool) async throws -> Void) async throws {
                let status: FileStatus
                switch await Self.attempt({ try await lstat() }) {
                case .success(let s): status = s
                case .failure(let error) where force && error.code == .noEntry: return
                case .failure(let error): throw Self.guestError(error, syscall: directoryOnly ? "rmdir" : "lstat", path: path)
                }
                if status.type == .directory {
                    if !directoryOnly && !recursive {
                        throw GuestError(code: "ERR_FS_EISDIR", message: "Path is a directory: rm returned EISDIR (is a directory) \(path)", name: "SystemError", syscall: "rm", path: path)
                    }
                } else if directoryOnly {
                    throw GuestError.system("ENOTDIR", "not a directory", syscall: "rmdir", path: path)
                }
                try await run(status.type == .directory ? "rmdir" : "rm", path) { try await remove(status.type == .directory) }
            }
            try await inFolder(directoryOnly ? .rmdir : .rm, path: path, syscall: syscall, { folder, name, _ in
                try await remove({ try folder.entryStatus(name) }) { directory in
                    try folder.changeEntry(name, .remove(directory: directory, recursive: recursive))
                }
            }, fallback: {
                try await remove({ try await vfs.lstat(path) }) { directory in
                    if directory { try await vfs.removeDirectory(path, recursive: recursive) } else { try await vfs.unlink(path) }
                }
            })
            return .undefined

        case "fs.unlink":
            let path = try args.path("path")
            try await inFolder(.rm, path: path, syscall: "unlink", { folder, name, _ in
                try folder.changeEntry(name, .remove(directory: false, recursive: false))
            }, fallback: { try await vfs.unlink(path) })
            return .undefined

        case "fs.rename":
            try await moveOrLink(.rename, args)
            return .undefined

        case "fs.copyFile":
            let path = try args.path("path")
            let dest = try args.path("dest")
            let mode = args.raw["mode"]?.intValue ?? 0
            let exclusive = mode & 1 != 0
            // The file read and the file written are the ones judged (see ``pinnedWrite``).
            if let pinning = vfs as? any PinningFileSystem, let source = try? pinning.pin(path) {
                let copied: Void? = try await pinnedWrite(dest, syscall: "copyfile", reported: (path, dest), exclusive: exclusive,
                    judge: { resolvedDest in try await judgeCopy(path, source.resolvedPath, to: dest, resolvedDest: resolvedDest) },
                    existing: { file throws(FileSystemError) in try file.write(try source.readAll(), options: WriteOptions(exclusive: exclusive)) },
                    create: { folder, name throws(FileSystemError) in _ = try folder.create(name, try source.readAll(), mode: 0o666) })
                if copied != nil { return .undefined }
            }
            try await judgeCopy(path, await resolved(path), to: dest, resolvedDest: await resolved(dest))
            try await run("copyfile", path, dest) { try await vfs.copyFile(path, to: dest, exclusive: exclusive) }
            return .undefined

        case "fs.realpath":
            let path = try args.path("path")
            try await authorize(.realpath, path: path, syscall: "realpath")
            return .value(.string(try await run("realpath", path) { try await vfs.realpath(path) }))

        case "fs.readlink":
            let path = try args.path("path")
            return .value(.string(try await inFolder(.readlink, path: path, syscall: "readlink",
                { folder, name, _ in try folder.linkTarget(name) }, fallback: { try await vfs.readlink(path) })))

        case "fs.symlink":
            let target = try args.string("target")
            let path = try args.path("path")
            if target.utf8.contains(0) { throw GuestError.invalidArgument("The \"target\" argument must not contain null bytes") }
            // The link's target is checked as a destination: a link may not point where the
            // guest could not go itself. A relative target counts from the folder the link is
            // really in (its path's folder may itself be a link).
            try await inFolder(.symlink, path: path, syscall: "symlink", reported: (target, path), judge: { resolvedPath in
                let folder = resolvedPath.map(GuestPath.dirname) ?? GuestPath.dirname(path)
                _ = try await authorization(.symlink, path: path, resolvedPath: resolvedPath,
                                            destination: GuestPath.normalize(target, relativeTo: folder), syscall: "symlink")
            }, { folder, name, _ in
                try folder.changeEntry(name, .symlink(target: target))
            }, fallback: { try await vfs.symlink(target: target, at: path) })
            return .undefined

        case "fs.link":
            try await moveOrLink(.link, args)
            return .undefined

        case "fs.chmod":
            let path = try args.path("path")
            let mode = UInt32(truncatingIfNeeded: try args.int("mode"))
            _ = try await pinned(.chmod, path: path, syscall: "chmod", { file throws(FileSystemError) in try file.change(.mode(mode)) },
                                 fallback: { try await vfs.chmod(path, mode: mode) })
            return .undefined

        case "fs.chown":
            let path = try args.path("path")
            let uid = UInt32(truncatingIfNeeded: try args.int("uid"))
            let gid = UInt32(truncatingIfNeeded: try args.int("gid"))
            _ = try await pinned(.chown, path: path, syscall: "chown", { file throws(FileSystemError) in try file.change(.owner(uid: uid, gid: gid)) },
                                 fallback: { try await vfs.chown(path, uid: uid, gid: gid) })
            return .undefined

        case "fs.utimes":
            let path = try args.path("path")
            let atime = try args.double("atimeMs")
            let mtime = try args.double("mtimeMs")
            _ = try await pinned(.utimes, path: path, syscall: "utime",
                                 { file throws(FileSystemError) in try file.change(.times(accessMs: atime, modificationMs: mtime)) },
                                 fallback: { try await vfs.utimes(path, accessTimeMs: atime, modificationTimeMs: mtime) })
            return .undefined

        case "fs.truncate":
            let path = try args.path("path")
            let length = max(0, try args.int("length"))
            _ = try await pinned(.truncate, path: path, syscall: "open", { file throws(FileSystemError) in try file.change(.size(length)) },
                                 fallback: { try await vfs.truncate(path, length: length) })
            return .undefined

        case "fs.open": return try await open(args)
        case "fs.close":
            let fd = try args.int("fd")
            guard let file = host.descriptors.withLock({ $0.files.removeValue(forKey: fd) }) else { throw Self.badDescriptor("close") }
            await file.handle.close()
            return .undefined
        case "fs.read":
            // A ranged read (pread): only the asked bytes leave the filesystem, whatever the
            // file's size; at most one bridge payload per call.
            let (fd, file) = try descriptor(args, "read")
            guard file.readable else { throw Self.badDescriptor("read") }
            let length = max(0, min(try args.int("length"), host.limits.maxBinaryPayloadBytes))
            let position = try Self.position(args, "read")
            let start = position ?? file.position
            let chunk = try await run("read", file.path) { try await file.handle.read(offset: start, length: length) }
            if position == nil { host.descriptors.withLock { $0.files[fd]?.position = start + chunk.count } }
            return .bytes(chunk)
        case "fs.write":
            // A ranged write (pwrite, or an append for `a` descriptors): the file is never rewritten.
            let (fd, file) = try descriptor(args, "write")
            guard file.writable else { throw Self.badDescriptor("write") }
            let bytes = binary ?? []
            guard bytes.count <= host.limits.maxBinaryPayloadBytes else {
                throw GuestError(code: "ERR_SANDBOX_PAYLOAD_TOO_LARGE",
                                 message: "ERR_SANDBOX_PAYLOAD_TOO_LARGE: fs.write exceeds \(host.limits.maxBinaryPayloadBytes) bytes (got \(bytes.count))",
                                 name: "RangeError")
            }
            let position = try Self.position(args, "write")
            let offset: Int? = file.append ? nil : (position ?? file.position)
            let end = try await run("write", file.path) { try await file.handle.write(offset: offset, bytes) }
            if position == nil || file.append { host.descriptors.withLock { $0.files[fd]?.position = end } }
            return .value(.number(Double(bytes.count)))
        case "fs.fstat":
            let (_, file) = try descriptor(args, "fstat")
            return .value(Self.json(try await run("fstat", file.path) { try await file.handle.stat() }))
        case "fs.ftruncate":
            let (_, file) = try descriptor(args, "ftruncate")
            guard file.writable else { throw GuestError.system("EINVAL", "invalid argument", syscall: "ftruncate") }
            let length = max(0, try args.int("length"))
            try await run("ftruncate", file.path) { try await file.handle.truncate(length: length) }
            return .undefined
        case "fs.fsync":
            _ = try descriptor(args, "fsync")
            return .undefined
        // Metadata changes through a descriptor act on the open file (it may have been renamed or
        // unlinked since), checked again like the path form on the path it was opened by.
        case "fs.fchmod":
            let (_, file) = try descriptor(args, "fchmod")
            let mode = UInt32(truncatingIfNeeded: try args.int("mode"))
            try await authorize(.chmod, path: file.path, syscall: "fchmod")
            try await run("fchmod", file.path) { try await file.handle.chmod(mode: mode) }
            return .undefined
        case "fs.fchown":
            let (_, file) = try descriptor(args, "fchown")
            let uid = UInt32(truncatingIfNeeded: try args.int("uid"))
            let gid = UInt32(truncatingIfNeeded: try args.int("gid"))
            try await authorize(.chown, path: file.path, syscall: "fchown")
            try await run("fchown", file.path) { try await file.handle.chown(uid: uid, gid: gid) }
            return .undefined
        case "fs.futimes":
            let (_, file) = try descriptor(args, "futime")
            let atime = try args.double("atimeMs")
            let mtime = try args.double("mtimeMs")
            try await authorize(.utimes, path: file.path, syscall: "futime")
            try await run("futime", file.path) { try await file.handle.utimes(accessTimeMs: atime, modificationTimeMs: mtime) }
            return .undefined

        default:
            throw GuestError(code: "ERR_SANDBOX_UNKNOWN_OPERATION", message: "unknown bridge operation '\(op)'")
        }
    }

    // MARK: - Descriptors

    private func open(_ args: Arguments) async throws -> BridgeResponse {
        let path = try args.path("path")
        let flags = try args.optionalString("flags") ?? "r"
        let mode = UInt32(truncatingIfNeeded: args.raw["mode"]?.intValue ?? 0o666)
        let plus = flags.contains("+")
        let readable = flags.hasPrefix("r") || plus
        let writable = !flags.hasPrefix("r") || plus
        let append = flags.hasPrefix("a")
        // Read-only: the file the check judged is the one opened (see ``pin``).
        var pinned: (any PinnedFile)?
        if !writable {
            switch try await pin(.read, path: path, syscall: "open") {
            case .file(let file, _): pinned = file
            case .failed(let error, _): throw Self.guestError(error, syscall: "open", path: path)
            case .unsupported: try await authorize(.read, path: path, syscall: "open")
            }
        }
        let exclusive = flags.contains("x")
        var opened: (any VirtualFileHandle)?
        if writable {
            guard host.descriptors.withLock({ $0.files.count }) < host.limits.maxOpenFiles else {
                throw GuestError.system("EMFILE", "too many open files", syscall: "open", path: path)
            }
            // The file the check judged is the one opened (see ``pinnedWrite``).
            let ops: [FsAccessRequest.Operation] = (readable ? [.read] : []) + [append ? .append : .write]
            let truncate = flags.hasPrefix("w")
            opened = try await pinnedWrite(ops, path: path, syscall: "open", exclusive: exclusive,
                existing: { file throws(FileSystemError) in
                    if exclusive { throw FileSystemError(.exists, path: path) }
                    return try file.openForWriting(truncate: truncate)
                },
                create: flags.hasPrefix("r") ? nil : { folder, name throws(FileSystemError) in
                    try folder.create(name, [], mode: mode).openForWriting(truncate: false)
                })
            if opened == nil { for op in ops { try await authorize(op, path: path, syscall: "open") } }
        }
        if pinned == nil && opened == nil {
            // By path (a filesystem that cannot pin): what is there decides, as open(2) would.
            let existing = try? await vfs.stat(path)
            if flags.hasPrefix("r") {
                guard existing != nil else { throw GuestError.system("ENOENT", "no such file or directory", syscall: "open", path: path) }
                if writable, existing?.type == .directory { throw GuestError.system("EISDIR", "illegal operation on a directory", syscall: "open", path: path) }
            } else {
                if existing?.type == .directory { throw GuestError.system("EISDIR", "illegal operation on a directory", syscall: "open", path: path) }
                if exclusive, existing != nil { throw GuestError.system("EEXIST", "file already exists", syscall: "open", path: path) }
                if flags.hasPrefix("w") || existing == nil {
                    try await run("open", path) { try await vfs.writeFile(path, [], options: WriteOptions(append: append, mode: mode)) }
                }
            }
        }
        guard host.descriptors.withLock({ $0.files.count }) < host.limits.maxOpenFiles else {
            await opened?.close()
            throw GuestError.system("EMFILE", "too many open files", syscall: "open", path: path)
        }
        let handle: any VirtualFileHandle
        if let opened {
            handle = opened
        } else if let pinned {
            do { handle = try pinned.openForReading() } catch { throw Self.guestError(error, syscall: "open", path: path) }
        } else {
            handle = try await run("open", path) { try await vfs.openFile(path, writable: writable) }
        }
        let (fd, registerCleanup) = host.descriptors.withLock { table -> (Int?, Bool) in
            guard table.files.count < host.limits.maxOpenFiles else { return (nil, false) }
            let fd = table.next
            table.next += 1
            table.files[fd] = CallHost.DescriptorTable.OpenFile(path: path, handle: handle, readable: readable, writable: writable,
                                                                append: append, position: 0)
            defer { table.cleanupRegistered = true }
            return (fd, !table.cleanupRegistered)
        }
        guard let fd else {
            await handle.close()
            throw GuestError.system("EMFILE", "too many open files", syscall: "open", path: path)
        }
        if registerCleanup {
            // Descriptors left open when the call ends are closed with it.
            host.onCallEnd { [host] in
                let open = host.descriptors.withLock { table -> [any VirtualFileHandle] in
                    defer { table.files.removeAll() }
                    return table.files.values.map(\.handle)
                }
                for handle in open { await handle.close() }
            }
        }
        return .value(.number(Double(fd)))
    }

    /// The explicit `position` of a read/write (nil: the descriptor's own), a safe integer ≥ 0.
    static func position(_ args: Arguments, _ syscall: String) throws -> Int? {
        guard let value = args.raw["position"], value != .null else { return nil }
        guard let number = value.intValue, number >= 0, number <= 1 << 53 else {
            throw GuestError.system("EINVAL", "invalid argument", syscall: syscall)
        }
        return number
    }

    private func descriptor(_ args: Arguments, _ syscall: String) throws -> (Int, CallHost.DescriptorTable.OpenFile) {
        let fd = try args.int("fd")
        guard let file = host.descriptors.withLock({ $0.files[fd] }) else { throw Self.badDescriptor(syscall) }
        return (fd, file)
    }

    static func badDescriptor(_ syscall: String) -> GuestError {
        GuestError.system("EBADF", "bad file descriptor", syscall: syscall)
    }

    // MARK: - Permission

    /// Asks the fs check; throws Node's `EACCES` error for the syscall when denied.
    /// Asks the fs permission for `op` on `path` (and `destination`); returns the resolved path
    /// the check saw (every symlink followed, or only the folder's for operations on a link).
    @discardableResult
    func authorize(_ op: FsAccessRequest.Operation, path: String, destination: String? = nil, syscall: String) async throws -> String? {
        try await authorization(op, path: path, destination: destination, syscall: syscall).resolvedPath
    }

    /// What ``authorize(_:path:destination:syscall:)`` found: the resolved path, and whether the
    /// answer about it may be kept for the runtime's later calls (a read that only module
    /// folders taken as unchanging granted: no permission check was asked, nothing can change).
    struct Authorization {
        var resolvedPath: String?
        var lasting: Bool
    }

    func authorization(_ op: FsAccessRequest.Operation, path: String, destination: String? = nil, syscall: String) async throws -> Authorization {
        // Operations on a link itself (unlink, lstat, readlink, rename…) resolve only its folder:
        // the link's target is not what they touch.
        let resolvedPath = Self.actsOnLink.contains(op) ? await resolvedParent(path) : await resolved(path)
        return try await authorization(op, path: path, resolvedPath: resolvedPath, destination: destination, syscall: syscall)
    }

    /// The check for a path already resolved (to `resolvedPath`).
    private func authorization(_ op: FsAccessRequest.Operation, path: String, resolvedPath: String?, destination: String? = nil,
                               syscall: String) async throws -> Authorization {
        let request = FsAccessRequest(op: op, path: path, resolvedPath: resolvedPath, destination: destination)
        let grants = host.moduleGrants
        if !grants.isEmpty {
            let (reads, writes) = op.access(of: request)
            // Module folders are read-only whatever the fs permission says…
            if writes.contains(where: { p in grants.contains { $0.contains(p) } }) {
                throw GuestError.system("EACCES", "permission denied", syscall: syscall, path: path, dest: destination,
                                        reason: "read-only module folder")
            }
            // …and readable without it.
            if writes.isEmpty, reads.allSatisfy({ p in grants.contains { $0.contains(p) } }) {
                return Authorization(resolvedPath: resolvedPath, lasting: host.driver.moduleAccess.cachesAcrossCalls)
            }
        }
        let decision: PermissionDecision
        if let check = host.driver.permissions.fs { decision = await check.decide(request) } else { decision = .deny }
        guard decision.allow else {
            throw GuestError.system("EACCES", "permission denied", syscall: syscall, path: path,
                                    dest: destination, reason: decision.reason)
        }
        return Authorization(resolvedPath: resolvedPath, lasting: false)
    }

    /// What pinning `path` gave, once the permission check judged it.
    private enum Pinned {
        /// The file it leads to (the one the check judged).
        case file(any PinnedFile, Authorization)
        /// It does not open (judged by what exists of it): the lookup's error.
        case failed(FileSystemError, Authorization)
        /// The filesystem cannot pin it: check by path.
        case unsupported
    }

    /// Opens `path` once (a ``PinningFileSystem``) and asks the permission check about where it
    /// led. A path that does not open is judged like any other (by its nearest existing
    /// ancestor), so a denied path says `EACCES`, not whether it exists.
    private func pin(_ op: FsAccessRequest.Operation, path: String, syscall: String) async throws -> Pinned {
        switch attemptPin(path) {
        case .file(let file):
            return .file(file, try await authorization(op, path: path, resolvedPath: file.resolvedPath, syscall: syscall))
        case .failed(let error):
            // The path itself does not resolve: what exists of it is its folder's.
            return .failed(error, try await authorization(op, path: path, resolvedPath: await resolvedParent(path), syscall: syscall))
        case .unsupported:
            return .unsupported
        }
    }

    /// What opening a path once gave (``PinningFileSystem``), not judged yet.
    private enum PinAttempt {
        case file(any PinnedFile)
        case failed(FileSystemError)
        /// The filesystem cannot pin it.
        case unsupported
    }

    private func attemptPin(_ path: String) -> PinAttempt {
        guard let pinning = vfs as? any PinningFileSystem else { return .unsupported }
        do {
            return .file(try pinning.pin(path))
        } catch where error.code == .notImplemented {
            return .unsupported
        } catch {
            return .failed(error)
        }
    }

    /// Runs `use` in the folder `path` is an entry of, opened once (see ``pin``) and judged as
    /// where the entry really is — the folder's real place and the entry's name, for operations
    /// on the entry itself (a link is acted on as a link) — with the entry's name and that
    /// place. The entry is changed through that folder, so a link swapped meanwhile cannot make
    /// the change land in another folder than the one judged. `judge` is the permission check
    /// (default: `op` on `path`); filesystems that cannot pin are judged by path and `fallback`
    /// runs. Filesystem errors become Node's for `syscall`, naming `reported` (default `path`).
    @discardableResult
    private func inFolder<T>(_ op: FsAccessRequest.Operation, path: String, syscall: String,
                             reported: (path: String, dest: String?)? = nil,
                             judge: ((_ resolvedPath: String?) async throws -> Void)? = nil,
                             _ use: (_ folder: any PinnedFile, _ name: String, _ resolvedPath: String) async throws -> T,
                             fallback: () async throws -> T) async throws -> T {
        let judge = judge ?? { resolvedPath in
            _ = try await authorization(op, path: path, resolvedPath: resolvedPath, syscall: syscall)
        }
        let normalized = GuestPath.normalize(path)
        do {
            switch normalized == "/" ? .unsupported : attemptPin(GuestPath.dirname(normalized)) {
            case .file(let folder):
                let name = GuestPath.basename(normalized)
                let resolvedPath = GuestPath.join(folder.resolvedPath, name)
                try await judge(resolvedPath)
                return try await use(folder, name, resolvedPath)
            case .failed(let error):
                try await judge(await resolvedParent(path))
                throw error
            case .unsupported:
                try await judge(await resolvedParent(path))
                return try await fallback()
            }
        } catch let error as FileSystemError {
            let (errorPath, errorDest) = reported ?? (path, nil)
            throw Self.guestError(error, syscall: syscall, path: errorPath, dest: errorDest)
        }
    }

    /// The entries of directory `dir`, opened once, judged where it led and listed through it
    /// (``pin``). `below` the start of a recursive listing (`visited` set: devices and inodes
    /// listed so far), nil for what is no directory, is gone or was listed already.
    private func listing(_ dir: String, below: Bool, visited: inout Set<[UInt64]>?) async throws -> [DirectoryEntry]? {
        func shouldList(_ status: FileStatus?) -> Bool {
            if below && status?.type != .directory { return false }
            guard let status else { return true }
            return visited?.insert([status.device, status.inode]).inserted ?? true
        }
        switch attemptPin(dir) {
        case .file(let folder):
            guard shouldList(visited == nil ? nil : try? folder.status()) else { return nil }
            _ = try await authorization(.readdir, path: dir, resolvedPath: folder.resolvedPath, syscall: "scandir")
            return try await run("scandir", dir) { try folder.entries() }
        case .failed(let error):
            if below { return nil }
            _ = try await authorization(.readdir, path: dir, resolvedPath: await resolvedParent(dir), syscall: "scandir")
            throw Self.guestError(error, syscall: "scandir", path: dir)
        case .unsupported:
            guard shouldList(visited == nil ? nil : try? await vfs.stat(dir)) else { return nil }
            try await authorize(.readdir, path: dir, syscall: "scandir")
            return try await run("scandir", dir) { try await vfs.readDirectory(dir) }
        }
    }

    /// `mkdir -p`: judged once for the whole path (where its nearest existing folder really is,
    /// and the rest), then each missing folder made in the one before it, through pins. The
    /// first folder made, or nil.
    private func makeDirectories(_ path: String, mode: UInt32) async throws -> String? {
        var missing: [String] = []
        var existing = GuestPath.normalize(path)
        while true {
            switch attemptPin(existing) {
            case .file(let base):
                let resolvedPath = missing.isEmpty ? base.resolvedPath : GuestPath.join(base.resolvedPath, missing.joined(separator: "/"))
                _ = try await authorization(.mkdir, path: path, resolvedPath: resolvedPath, syscall: "mkdir")
                do throws(FileSystemError) {
                    guard try base.status().type == .directory else { throw FileSystemError(missing.isEmpty ? .exists : .notDirectory, path: path) }
                    var folder = base
                    var built = existing
                    var first: String?
                    for name in missing {
                        built = GuestPath.join(built, name)
                        do {
                            try folder.changeEntry(name, .makeDirectory(mode: mode))
                            if first == nil { first = built }
                        } catch where error.code == .exists {
                            // Made meanwhile: go on through it if it is a folder.
                        }
                        folder = try folder.directory(name)
                    }
                    return first
                } catch {
                    throw Self.guestError(error, syscall: "mkdir", path: path)
                }
            case .failed(let error) where error.code == .noEntry && existing != "/":
                missing.insert(GuestPath.basename(existing), at: 0)
                existing = GuestPath.dirname(existing)
            case .failed(let error):
                _ = try await authorization(.mkdir, path: path, resolvedPath: await resolved(path), syscall: "mkdir")
                throw Self.guestError(error, syscall: "mkdir", path: path)
            case .unsupported:
                try await authorize(.mkdir, path: path, syscall: "mkdir")
                return try await run("mkdir", path) { try await vfs.createDirectory(path, recursive: true, mode: mode) }
            }
        }
    }

    /// `rename` and `link`: the entry changed through its folder, judged as the source
    /// (``inFolder``), into the destination's folder, opened once too and judged as named and,
    /// when a link on the way leads elsewhere, where it lands.
    private func moveOrLink(_ op: FsAccessRequest.Operation, _ args: Arguments) async throws {
        let path = try args.path("path")
        let dest = try args.path("dest")
        let syscall = op == .rename ? "rename" : "link"
        let target = GuestPath.normalize(dest)
        try await inFolder(op, path: path, syscall: syscall, reported: (path, dest), judge: { resolvedPath in
            _ = try await authorization(op, path: path, resolvedPath: resolvedPath, destination: dest, syscall: syscall)
        }, { folder, name, resolvedPath in
            guard target != "/" else { throw FileSystemError(.busy, path: path) }
            let destinationFolder: any PinnedFile
            switch attemptPin(GuestPath.dirname(target)) {
            case .file(let found): destinationFolder = found
            case .failed(let error): throw error
            case .unsupported: throw FileSystemError(.crossDevice, path: path)  // another mount's
            }
            let newName = GuestPath.basename(target)
            let landing = GuestPath.join(destinationFolder.resolvedPath, newName)
            if landing != target {
                _ = try await authorization(op, path: path, resolvedPath: resolvedPath, destination: landing, syscall: syscall)
            }
            try folder.changeEntry(name, op == .rename ? .move(to: destinationFolder, name: newName) : .link(to: destinationFolder, name: newName))
        }, fallback: {
            if let landing = await resolvedParent(dest), landing != target {
                _ = try await authorization(op, path: path, resolvedPath: await resolvedParent(path), destination: landing, syscall: syscall)
            }
            if op == .rename { try await vfs.rename(path, to: dest) } else { try await vfs.link(path, to: dest) }
        })
    }

    /// Runs `use` on the file `path` leads to, opened once, after the permission check judged
    /// where it led (the checked file is the one used); filesystems that cannot pin are checked
    /// by path and `fallback` runs.
    private func pinned<T>(_ op: FsAccessRequest.Operation, path: String, syscall: String,
                           _ use: (any PinnedFile) throws(FileSystemError) -> T,
                           fallback: () async throws -> T) async throws -> (value: T, granted: Authorization) {
        switch try await pin(op, path: path, syscall: syscall) {
        case .file(let file, let granted):
            do {
                return (try use(file), granted)
            } catch {
                throw Self.guestError(error, syscall: syscall, path: path)
            }
        case .failed(let error, _):
            throw Self.guestError(error, syscall: syscall, path: path)
        case .unsupported:
            let granted = try await authorization(op, path: path, syscall: syscall)
            return (try await run(syscall, path) { try await fallback() }, granted)
        }
    }

    /// A write through pins (see ``pin``): to the existing file `path` leads to, or to a new
    /// file `create` makes in the folder its parent leads to — `judge` (the permission check)
    /// sees where it led before the write. A dangling link is written through to where it points
    /// (as `open(2)` with `O_CREAT` does; `EEXIST` when `exclusive`): each link is read in its
    /// pinned folder and followed from that folder's real place, so the new file is judged where
    /// it is really made. Nil only when the filesystem cannot pin: check by path then. Errors
    /// name `reported` (default: `path`).
    private func pinnedWrite<T>(_ path: String, syscall: String, reported: (path: String, dest: String?)? = nil,
                                exclusive: Bool = false,
                                judge: (String?) async throws -> Void,
                                existing: (any PinnedFile) throws(FileSystemError) -> T,
                                create: ((any PinnedFile, String) throws(FileSystemError) -> T)?) async throws -> T? {
        let (errorPath, errorDest) = reported ?? (path, nil)
        func failure(_ error: FileSystemError) -> GuestError {
            Self.guestError(error, syscall: syscall, path: errorPath, dest: errorDest)
        }
        var current = GuestPath.normalize(path)
        for _ in 0..<40 {
            let missing: FileSystemError
            switch attemptPin(current) {
            case .unsupported:
                return nil
            case .file(let file):
                try await judge(file.resolvedPath)
                do { return try existing(file) } catch { throw failure(error) }
            case .failed(let error):
                missing = error
            }
            // Nothing there: a new file in the folder it names, or a dangling link to follow.
            guard missing.code == .noEntry, let create, current != "/",
                  case .file(let folder) = attemptPin(GuestPath.dirname(current)) else {
                try await judge(await resolvedParent(current))
                throw failure(missing)
            }
            let name = GuestPath.basename(current)
            if let target = try? folder.linkTarget(name) {
                if exclusive {
                    try await judge(GuestPath.join(folder.resolvedPath, name))
                    throw failure(FileSystemError(.exists, path: current))
                }
                current = GuestPath.normalize(target, relativeTo: folder.resolvedPath)
                continue
            }
            try await judge(GuestPath.join(folder.resolvedPath, name))
            do {
                return try create(folder, name)
            } catch where error.code == .exists {
                continue  // made meanwhile: that one is pinned next time round
            } catch {
                throw failure(error)
            }
        }
        throw failure(FileSystemError(.tooManyLinks, path: path))
    }

    /// ``pinnedWrite(_:syscall:reported:exclusive:judge:existing:create:)`` judged by the check for each
    /// of `ops` on `path`.
    private func pinnedWrite<T>(_ ops: [FsAccessRequest.Operation], path: String, syscall: String, exclusive: Bool,
                                existing: (any PinnedFile) throws(FileSystemError) -> T,
                                create: ((any PinnedFile, String) throws(FileSystemError) -> T)?) async throws -> T? {
        try await pinnedWrite(path, syscall: syscall, exclusive: exclusive, judge: { resolvedPath in
            for op in ops { _ = try await authorization(op, path: path, resolvedPath: resolvedPath, syscall: syscall) }
        }, existing: existing, create: create)
    }

    /// A copy from `path` (resolved: `resolvedPath`) to `dest`, judged for the destination as
    /// named and, when a link leads elsewhere, where it leads (the copy writes there).
    private func judgeCopy(_ path: String, _ resolvedPath: String?, to dest: String, resolvedDest: String?) async throws {
        _ = try await authorization(.copy, path: path, resolvedPath: resolvedPath, destination: dest, syscall: "copyfile")
        if let resolvedDest, resolvedDest != GuestPath.normalize(dest) {
            _ = try await authorization(.copy, path: path, resolvedPath: resolvedPath, destination: resolvedDest, syscall: "copyfile")
        }
    }

    static let actsOnLink: Set<FsAccessRequest.Operation> = [.rm, .rmdir, .lstat, .readlink, .rename, .symlink, .link]

    /// The path with its folder's symlinks resolved and its last component kept as it is.
    private func resolvedParent(_ path: String) async -> String? {
        guard path != "/" else { return "/" }
        guard let folder = await resolved(GuestPath.dirname(path)) else { return nil }
        return GuestPath.join(folder, GuestPath.basename(path))
    }

    /// The path with every symlink resolved: of the path itself when it exists, else of its
    /// nearest existing ancestor with the rest appended.
    private func resolved(_ path: String) async -> String? {
        var suffix: [String] = []
        var current = path
        while true {
            if let real = try? await vfs.realpath(current) {
                return suffix.isEmpty ? real : GuestPath.normalize(real + "/" + suffix.reversed().joined(separator: "/"))
            }
            if current == "/" { return nil }
            suffix.append(GuestPath.basename(current))
            current = GuestPath.dirname(current)
        }
    }

    // MARK: - Helpers

    /// Whether `make` made its entry: false when the name was taken (`EEXIST`).
    static func unlessTaken(_ make: () async throws -> Void) async throws -> Bool {
        do {
            try await make()
            return true
        } catch let error as FileSystemError where error.code == .exists {
            return false
        }
    }

    /// Runs a VFS call, turning its error into Node's error for `syscall`.
    /// A module resolution probe: the status with the real path it resolved to (Node loads module
    /// files through symlinks; it is the path the permission check already saw), or null for a
    /// missing path — the loader probes many, and an error per absence is most of what one costs.
    /// `lasting`: the answer may be kept for the runtime's later calls (``Authorization``).
    private func probeStatus(_ path: String) async throws -> (status: JSONValue, lasting: Bool) {
        let granted: Authorization
        let looked: Result<FileStatus, FileSystemError>
        switch try await pin(.stat, path: path, syscall: "stat") {
        case .file(let file, let authorization):
            granted = authorization
            looked = Result { () throws(FileSystemError) in try file.status() }
        case .failed(let error, let authorization):
            granted = authorization
            looked = .failure(error)
        case .unsupported:
            granted = try await authorization(.stat, path: path, syscall: "stat")
            looked = await Self.attempt({ try await vfs.stat(path) })
        }
        let status: FileStatus
        switch looked {
        case .success(let found): status = found
        case .failure(let error) where error.code == .noEntry || error.code == .notDirectory: return (.null, granted.lasting)
        case .failure(let error): throw Self.guestError(error, syscall: "stat", path: path)
        }
        var json = Self.json(status)
        if let resolvedPath = granted.resolvedPath, resolvedPath != path, case .object(var fields) = json {
            fields["realPath"] = .string(resolvedPath)
            json = .object(fields)
        }
        return (json, granted.lasting)
    }

    private func run<T>(_ syscall: String, _ path: String, _ dest: String? = nil,
                        _ body: () async throws -> T) async throws(GuestError) -> T {
        switch await Self.attempt(body) {
        case .success(let value): return value
        case .failure(let error): throw Self.guestError(error, syscall: syscall, path: path, dest: dest)
        }
    }

    /// The result of a VFS call as a value.
    /// Errors other than ``FileSystemError`` (from an embedder's filesystem) become `EIO`.
    static func attempt<T>(_ body: () async throws -> T) async -> Result<T, FileSystemError> {
        do {
            return .success(try await body())
        } catch let error as FileSystemError {
            return .failure(error)
        } catch {
            return .failure(FileSystemError(.io))
        }
    }

    static func guestError(_ error: FileSystemError, syscall: String, path: String, dest: String? = nil) -> GuestError {
        GuestError.system(error.code.rawValue, error.codeDescription, syscall: syscall, path: path, dest: dest)
    }

    static func writeOptions(flag: String, mode: Int?) throws -> WriteOptions {
        let m = UInt32(truncatingIfNeeded: mode ?? 0o666)
        switch flag {
        case "w", "w+": return WriteOptions(mode: m)
        case "wx", "xw", "wx+", "xw+": return WriteOptions(exclusive: true, mode: m)
        case "a", "a+", "as", "as+": return WriteOptions(append: true, mode: m)
        case "ax", "xa", "ax+", "xa+": return WriteOptions(append: true, exclusive: true, mode: m)
        case "r+", "rs+": return WriteOptions(create: false, mode: m)
        default:
            throw GuestError(code: "ERR_INVALID_ARG_VALUE", message: "The argument 'flags' is invalid. Received '\(flag)'", name: "TypeError")
        }
    }

    static func json(_ s: FileStatus) -> JSONValue {
        [
            "type": .string(s.type.rawValue), "mode": .number(Double(s.mode)), "size": .number(Double(s.size)),
            "ino": .number(Double(s.inode)), "nlink": .number(Double(s.linkCount)), "uid": .number(Double(s.uid)),
            "gid": .number(Double(s.gid)), "dev": .number(Double(s.device)), "rdev": 0, "blksize": 4096,
            "blocks": .number(Double((s.size + 511) / 512)), "atimeMs": .number(s.accessTimeMs),
            "mtimeMs": .number(s.modificationTimeMs), "ctimeMs": .number(s.changeTimeMs), "birthtimeMs": .number(s.birthTimeMs),
        ]
    }
}

/// Random bytes from the kernel.
func fillRandomBytes(_ buffer: UnsafeMutableRawBufferPointer) {
    var generator = SystemRandomNumberGenerator()
    for i in buffer.indices { buffer[i] = UInt8.random(in: 0...255, using: &generator) }
}
