/// Why a host could not do what a script asked of the world outside it.
public struct HostError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kinds of failure.
    public enum Kind: String, Sendable, Hashable {
        /// The host gives scripts no access to files (a server).
        case refused
        /// No such file, or it is not readable.
        case notFound = "not-found"
        /// The system refused: permissions, a full disk, a missing directory.
        case failed
    }

    /// What went wrong.
    public let kind: Kind
    /// The file the script named.
    public let path: String
    /// The system's reason, when there is one (`No such file or directory`).
    public let reason: String?

    /// A failure about `path`.
    public init(_ kind: Kind, path: String, reason: String? = nil) {
        self.kind = kind
        self.path = path
        self.reason = reason
    }

    /// The failure as messages show it: the file named and what went wrong.
    public var description: String {
        switch kind {
        case .refused: return "\(path): this host gives scripts no access to files"
        case .notFound: return "cannot read \(path): no such file, or not readable"
        case .failed: return "cannot write \(path): \(reason ?? "the system refused")"
        }
    }
}
