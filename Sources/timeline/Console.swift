import Synchronization
import TimelineStore

#if canImport(Glibc)
    import Glibc
#endif

/// Writes to standard output and standard error through their file descriptors.
///
/// Standard output is buffered when it is not a terminal (a script's thousands of lines would
/// otherwise cost a system call each); anything written to standard error flushes it first, so
/// the two keep their order, and `flush()` runs before the program exits.
enum Console {
    private static let buffer = Mutex<[UInt8]>([])
    private static let buffered = !isTerminal(1)

    static func out(_ text: String) { write(text + "\n") }

    static func error(_ text: String) { writeError(text + "\n") }

    /// Writes text as it is to standard output.
    static func write(_ text: String) {
        guard buffered else { return write(1, text) }
        let full = buffer.withLock { bytes in
            bytes.append(contentsOf: text.utf8)
            return bytes.count >= 65_536
        }
        if full { flush() }
    }

    /// Writes bytes as they are to standard output; a large piece goes out at once rather than
    /// through the buffer.
    static func write(bytes: [UInt8]) {
        guard buffered, bytes.count < 65_536 else {
            flush()
            return write(1, bytes)
        }
        let full = buffer.withLock { buffered in
            buffered.append(contentsOf: bytes)
            return buffered.count >= 65_536
        }
        if full { flush() }
    }

    /// Writes text as it is to standard error.
    static func writeError(_ text: String) {
        guard !text.isEmpty else { return }
        flush()
        write(2, text)
    }

    /// Writes out what standard output holds.
    static func flush() {
        let pending = buffer.withLock { bytes in
            defer { bytes.removeAll(keepingCapacity: true) }
            return bytes
        }
        if !pending.isEmpty { write(1, pending) }
    }

    /// All of standard input.
    static func readStandardInput() -> String {
        String(decoding: readAll(0), as: UTF8.self)
    }

    /// A file's bytes, or `nil` when it cannot be opened (errno says why).
    static func readFile(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            errno = EISDIR
            return nil
        }
        return readAll(descriptor)
    }

    private static func readAll(_ descriptor: Int32) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return bytes
    }

    private static func write(_ descriptor: Int32, _ text: String) {
        guard !text.isEmpty else { return }
        write(descriptor, Array(text.utf8))
    }

    private static func write(_ descriptor: Int32, _ bytes: [UInt8]) { _ = writeAll(descriptor, bytes) }

    /// Writes all of `bytes` to a descriptor, going on after interrupted calls.
    /// - Returns: 0, or the `errno` of the failed write.
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Int32 {
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + done, $0.count - done) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 { return errno }
            if count == 0 { return EIO }
            done += count
        }
        return 0
    }

    /// Whether a descriptor is a terminal.
    static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }
}

/// A failure the command line reports with a message and an exit code (sysexits).
struct CommandFailure: Error {
    let message: String
    let exitCode: Int32

    /// 65: bad input (parse or validation, a damaged log).
    static func dataError(_ message: String) -> CommandFailure { CommandFailure(message: message, exitCode: 65) }
    /// 66: a missing file.
    static func noInput(_ message: String) -> CommandFailure { CommandFailure(message: message, exitCode: 66) }
    /// 70: an internal error.
    static func software(_ message: String) -> CommandFailure { CommandFailure(message: message, exitCode: 70) }

    /// A log that could not be read: 66 with `missing` when there is none, 65 when it is damaged
    /// or of another format, 70 otherwise.
    static func reading(_ error: StoreError, missing: String) -> CommandFailure {
        switch error.code {
        case .notFound: return noInput(missing)
        case .corrupt, .unsupportedFormat: return dataError(error.description)
        case .io, .idConflict, .invariant, .locked: return software(error.description)
        }
    }
}
