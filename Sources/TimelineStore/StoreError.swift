import TimelineCore

/// Why a log could not be read or appended to: a stable code, a message that says what to do,
/// and where (the log's path and, for a bad record, its line).
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kinds of failure.
    public enum Code: String, Sendable, Hashable {
        /// The log file does not exist (reading only; writers create it).
        case notFound = "not-found"
        /// A system call failed: permissions, a full disk, a read-only file system.
        case io
        /// A committed record fails its integrity check, its chain, or does not parse.
        case corrupt
        /// The log was written by a newer or different format.
        case unsupportedFormat = "unsupported-format"
        /// An event id already in the log names different content.
        case idConflict = "id-conflict"
        /// The batch breaks an invariant of the domain.
        case invariant
        /// Another writer held the lock for too long.
        case locked
    }

    /// What kind of failure it is: stable across releases, for matching.
    public let code: Code
    /// What went wrong and what to do about it.
    public let message: String
    /// The log file.
    public let path: String?
    /// The 1-based line of the record at fault, when there is one.
    public let line: Int?
    /// The rule broken, for `.invariant`.
    public let violation: InvariantViolation?

    /// An error of kind `code`, with the log's path, the line at fault and the rule broken when
    /// they are known.
    public init(code: Code, message: String, path: String? = nil, line: Int? = nil, violation: InvariantViolation? = nil) {
        self.code = code
        self.message = message
        self.path = path
        self.line = line
        self.violation = violation
    }

    /// The error as messages show it: `PATH:LINE: MESSAGE` (`<log>` when there is no path).
    public var description: String {
        var location = path ?? "<log>"
        if let line { location += ":\(line)" }
        return "\(location): \(message)"
    }
}
