/// The first damaged line of a log and what is wrong with it, as a reader or `verify` found it.
///
/// Code decides by `kind`; `message` is the text shown to people (and compared by golden files).
///
/// For example:
/// ```swift
/// if let damage = scan.damage, case .unsupportedVersion = damage.kind { … }
/// print("line \(damage.line): \(damage.message)")
/// ```
public struct LogDamage: Hashable, Sendable, CustomStringConvertible {
    /// What is wrong with a damaged line.
    public enum Kind: Hashable, Sendable {
        /// The record's content does not match its hash.
        case integrityCheckFailed
        /// The record's `prev` is not the hash of the record on line `follows`: a line was
        /// removed, duplicated, reordered or altered.
        case brokenChain(follows: Int)
        /// The record's sequence number is not the next one.
        case sequenceGap(expected: Int, found: Int)
        /// A whole record is followed by a stray byte instead of its newline.
        case strayBytes
        /// The header is a Timeline log's, of a format version this build does not read (the
        /// digits found, possibly none).
        case unsupportedVersion(found: String)
        /// The first line is not a Timeline log's header.
        case notATimelineLog
        /// The line is not a well-formed record (the hash matched, or could not be found).
        case malformedRecord(RecordDecodingError.Kind)
        /// The log is missing, but its head marker says it held this many records.
        case missingLog(committedRecords: Int)
    }

    /// The 1-based line at fault (0 when the whole log is missing).
    public let line: Int
    /// What is wrong with it.
    public let kind: Kind

    /// Damage of `kind` on `line`.
    public init(line: Int, kind: Kind) {
        self.line = line
        self.kind = kind
    }

    /// What is wrong, in the reader's words.
    public var message: String {
        switch kind {
        case .integrityCheckFailed: RecordDecodingError(.hashMismatch).message
        case .brokenChain(let follows):
            "the hash chain is broken: the record does not follow line \(follows) (a line was removed, duplicated, reordered or altered)"
        case .sequenceGap(let expected, let found): "expected sequence number \(expected), found \(found)"
        case .strayBytes: "the record ends with a stray byte instead of a newline"
        case .unsupportedVersion(let found): "this log has format version \(found); this timeline reads version \(LogFormat.version)"
        case .notATimelineLog: "not a Timeline log: the first line must be \(LogFormat.header)"
        case .malformedRecord(let problem): RecordDecodingError(problem).message
        case .missingLog(let count): "the log is missing, but it held \(count) records when last committed: restore it from a copy"
        }
    }

    /// The damage as `verify` reports it after the line number: `the hash chain is broken: …`.
    public var description: String { message }
}

extension LogDamage.Kind {
    /// The damage a refused line is: a hash that does not match its content is an integrity
    /// failure; anything else, a malformed record.
    init(_ problem: RecordDecodingError.Kind) {
        self = problem == .hashMismatch ? .integrityCheckFailed : .malformedRecord(problem)
    }
}
