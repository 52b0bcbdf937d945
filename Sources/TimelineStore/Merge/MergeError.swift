import TimelineCore

/// Why a merge wrote nothing: a typed kind for code, and a message naming the logs.
public struct MergeError: Error, Sendable, CustomStringConvertible {
    /// What stopped the merge.
    public enum Kind: Sendable {
        /// A log could not be read.
        case unreadable(MergeSide, StoreError)
        /// A log is damaged (including how a text tool touched it).
        case damaged(MergeSide, LogDamage)
        /// A log ends with an unfinished append, which a committed file never holds.
        case unfinishedAppend(MergeSide, line: Int)
        /// The ancestor is not where this log starts: its record `seq` differs there, or the
        /// log has fewer records than the ancestor (`seq` is then the first one missing).
        case ancestorNotAPrefix(MergeSide, seq: Int)
        /// One of their events breaks a rule against ours.
        case conflict(MergeConflict)
    }

    /// What stopped the merge.
    public let kind: Kind
    /// The message people read: the logs by name, the event, the rule, and what to do.
    public let message: String

    /// An error of `kind` with its message.
    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
