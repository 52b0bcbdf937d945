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
        /// The line ends with CR LF instead of LF: git (`core.autocrlf`) or an editor converted
        /// the log's line endings.
        case crlfLineEnding
        /// The file starts with a UTF-8 byte-order mark (`EF BB BF`), which an editor added.
        case byteOrderMark
        /// The line is empty or holds only spaces and tabs; `trailing` when only such lines
        /// follow the last record (an editor added them at the end).
        case blankLine(trailing: Bool)
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
        case .crlfLineEnding:
            "the line ends with CR LF, not LF: git (core.autocrlf) or an editor converted the log's line endings; a log's lines end with LF alone (keep git from converting them with `*.jsonl -text`, or `*.jsonl eol=lf`, in .gitattributes)"
        case .byteOrderMark:
            "the log starts with a UTF-8 byte-order mark (EF BB BF), which an editor added: a log is UTF-8 without one (save it without a BOM)"
        case .blankLine(trailing: true):
            "a blank line after the last record (an editor added it): a log ends with its last record's newline"
        case .blankLine(trailing: false): "a blank line between records: every line of a log after the header is a record"
        }
    }

    /// The shell command that repairs the log at `path` when the damage is how a text tool
    /// touched it (line endings, a byte-order mark, blank lines): no record is lost, and the
    /// command restores the bytes Timeline wrote. `nil` for other damage, which only a copy repairs.
    public func fix(for path: String) -> String? {
        let quoted = Self.shellQuoted(path)
        switch kind {
        case .crlfLineEnding: return "sed -i 's/\\r$//' \(quoted)"
        case .byteOrderMark: return "sed -i '1s/^\\xEF\\xBB\\xBF//' \(quoted)"
        case .blankLine: return "sed -i '/^[[:space:]]*$/d' \(quoted)"
        default: return nil
        }
    }

    /// `path` as one word of a shell command.
    private static func shellQuoted(_ path: String) -> String {
        let plain = path.allSatisfy { $0.isLetter || $0.isNumber || "/._-+:@".contains($0) }
        return plain && !path.isEmpty ? path : "'" + path.map { $0 == "'" ? #"'\''"# : String($0) }.joined() + "'"
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
