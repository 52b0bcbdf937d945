/// Why a line is not a valid record: a typed kind, and the message the reader reports.
public struct RecordDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong with the line.
    public enum Kind: Hashable, Sendable {
        /// The line does not end with `,"hash":"<64 hex digits>"}`.
        case missingHash
        /// The line's content does not match its hash.
        case hashMismatch
        /// The line is not the log's JSON: what the scanner found, and at which byte (from 1)
        /// when it says.
        case invalidJSON(problem: String, byte: Int?)
        /// A field holds a value of the wrong type.
        case unexpectedValue(field: String)
        /// `seq` is missing or not a positive whole number.
        case invalidSequenceNumber
        /// `at` is missing or not a UTC time.
        case invalidRecordedTime
        /// `prev` is missing or not 64 lower-case hex digits.
        case invalidPreviousHash
        /// `id` is missing or not a valid event id.
        case invalidID
        /// The event's own fields do not make an event; the event's explanation.
        case invalidEvent(String)
    }

    /// What is wrong with the line.
    public let kind: Kind

    /// An error of `kind`.
    public init(_ kind: Kind) { self.kind = kind }

    /// The reader's message for this error.
    public var message: String {
        switch kind {
        case .missingHash: "the record does not end with its hash (,\"hash\":\"<64 hex digits>\"})"
        case .hashMismatch: "integrity check failed: the record's content does not match its hash"
        case .invalidJSON(let problem, let byte?): "not valid JSON (\(problem) at byte \(byte))"
        case .invalidJSON(let problem, nil): "not valid JSON (\(problem))"
        case .unexpectedValue(let field): "field \"\(field)\": unexpected value"
        case .invalidSequenceNumber: "field \"seq\": expected a positive whole number"
        case .invalidRecordedTime: "field \"at\": expected a UTC time such as 2026-11-29T03:00:00Z"
        case .invalidPreviousHash: "field \"prev\": expected 64 lower-case hex digits"
        case .invalidID: "field \"id\": every record needs a valid id"
        case .invalidEvent(let explanation): explanation
        }
    }

    /// The message.
    public var description: String { message }
}
