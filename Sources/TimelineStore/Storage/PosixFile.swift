#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A thin owner of a POSIX file descriptor: every call checks its result and turns `errno` into a
/// `StoreError` naming the file and the operation.
struct PosixFile: ~Copyable {
    let descriptor: Int32
    let path: String

    /// Opens a file; `nil` when it does not exist and `create` is false.
    static func open(_ path: String, writable: Bool, create: Bool = false, exclusive: Bool = false) throws(StoreError) -> PosixFile? {
        var flags = writable ? O_RDWR : O_RDONLY
        flags |= O_CLOEXEC
        if create { flags |= O_CREAT }
        if exclusive { flags |= O_EXCL }
        let descriptor = Glibc.open(path, flags, 0o644)
        if descriptor < 0 {
            if errno == ENOENT && !create { return nil }
            throw PosixFile.failure("open", path)
        }
        return PosixFile(descriptor: descriptor, path: path)
    }

    deinit { _ = Glibc.close(descriptor) }

    /// The error for a failed system call, with the system's own explanation.
    static func failure(_ operation: String, _ path: String, _ code: Int32 = errno) -> StoreError {
        let reason = String(cString: strerror(code))
        var hint = ""
        switch code {
        case ENOSPC: hint = "; free some space and append again (nothing was written)"
        case EROFS: hint = "; the file system is read-only"
        case EACCES, EPERM: hint = "; check the file's permissions, or open another log with --log"
        default: break
        }
        return StoreError(code: .io, message: "cannot \(operation): \(reason)\(hint)", path: path)
    }

    /// The file's size in bytes.
    func size() throws(StoreError) -> Int {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw PosixFile.failure("stat", path) }
        return Int(info.st_size)
    }

    /// Whether `path` still names this open file (it was not removed or replaced meanwhile).
    func isStillAt(_ path: String) -> Bool {
        var open = stat()
        var named = stat()
        guard fstat(descriptor, &open) == 0, stat(path, &named) == 0 else { return false }
        return open.st_dev == named.st_dev && open.st_ino == named.st_ino
    }

    /// The whole file.
    func readAll() throws(StoreError) -> [UInt8] {
        try read(count: try size(), at: 0)
    }

    /// Up to `count` bytes from `offset` (fewer if the file ends first). The buffer is filled
    /// straight from the file, never zeroed first or copied after: logs can be large.
    func read(count: Int, at offset: Int) throws(StoreError) -> [UInt8] {
        var failure: StoreError?
        let bytes = [UInt8](unsafeUninitializedCapacity: max(count, 0)) { buffer, initialized in
            do throws(StoreError) {
                initialized = try read(into: UnsafeMutableRawBufferPointer(buffer), at: offset)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return bytes
    }

    /// Fills `buffer` from `offset`; returns how many bytes were read (fewer if the file ends first).
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(StoreError) -> Int {
        var done = 0
        while done < buffer.count {
            let result = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if result < 0 {
                if errno == EINTR { continue }
                throw PosixFile.failure("read", path)
            }
            if result == 0 { break }  // the file shrank meanwhile
            done += result
        }
        return done
    }

    /// Writes all bytes at an offset.
    func write(_ bytes: [UInt8], at offset: Int) throws(StoreError) {
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                pwrite(descriptor, buffer.baseAddress! + done, bytes.count - done, off_t(offset + done))
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw PosixFile.failure("write", path)
            }
            done += count
        }
    }

    /// Flushes the file's data and metadata to stable storage.
    func sync() throws(StoreError) {
        guard fsync(descriptor) == 0 else { throw PosixFile.failure("sync", path) }
    }

    /// Cuts the file to a length.
    func truncate(to length: Int) throws(StoreError) {
        guard ftruncate(descriptor, off_t(length)) == 0 else { throw PosixFile.failure("truncate", path) }
    }

    /// Takes the exclusive advisory lock, waiting up to `timeout` seconds.
    func lockExclusive(timeout: Double) throws(StoreError) {
        var waited = 0.0
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else { throw PosixFile.failure("lock", path) }
            if waited >= timeout {
                throw StoreError(
                    code: .locked, message: "another writer has held the log's lock for \(Int(timeout)) s; try again", path: path)
            }
            usleep(2_000)
            waited += 0.002
        }
    }

    /// Flushes a directory, so that a file just created in it survives a power loss.
    static func syncDirectory(of path: String) throws(StoreError) {
        let directory = PosixFile.directory(of: path)
        let descriptor = Glibc.open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw PosixFile.failure("open directory", directory) }
        defer { _ = Glibc.close(descriptor) }
        guard fsync(descriptor) == 0 else { throw PosixFile.failure("sync directory", directory) }
    }

    /// Creates a directory and its parents when missing.
    static func makeDirectories(_ path: String) throws(StoreError) {
        guard !path.isEmpty, path != "/" else { return }
        var info = stat()
        if stat(path, &info) == 0 { return }
        try makeDirectories(directory(of: path))
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw PosixFile.failure("create directory", path) }
    }

    /// The directory part of a path (`.` for a bare file name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
