#if canImport(Glibc)
import Glibc
#endif

/// Writes to standard output and standard error through their file descriptors.
enum Console {
    static func out(_ text: String) { write(1, text + "\n") }

    static func error(_ text: String) { write(2, text + "\n") }

    private static func write(_ descriptor: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeMutableBytes { Glibc.write(descriptor, $0.baseAddress! + done, $0.count - done) }
            if count <= 0 {
                if count < 0 && errno == EINTR { continue }
                return
            }
            done += count
        }
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
}
