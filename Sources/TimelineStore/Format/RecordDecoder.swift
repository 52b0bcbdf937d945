import TimelineCore

/// A record decoded from a log line, with the chain data needed to check it.
public struct DecodedRecord: Sendable {
    public let record: RecordedEvent
    public let commit: Bool
    public let previousHash: ChainHash
    public let hash: ChainHash

    /// The record, moved out of the decoded line (reading `record` would copy it).
    public consuming func takeRecord() -> RecordedEvent { record }
}

/// Why a line is not a valid record.
public struct RecordDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// Decodes one log line into a record and checks its own hash.
///
/// All reading of log lines goes through this type. The common records take a typed fast path
/// (`CommonRecordReader`); every other line, and any line the fast path does not recognize, is
/// parsed with a hand-written scanner for the log's own JSON (`JSONObjectScanner`) into named
/// fields. Both intern repeated strings across the lines of one reader. Foundation's
/// `JSONDecoder` is the oracle the tests compare them with.
public struct RecordDecoder: Sendable {
    private var common = CommonRecordReader()
    private var scanner = JSONObjectScanner()
    // Records of one batch share their recorded time: parse each distinct text once.
    private var times: [String: RecordedTime] = [:]

    /// A decoder for the lines of one log (it keeps the interned strings).
    public init() {}

    /// Decodes a line (without its newline).
    /// - Throws: `RecordDecodingError` saying what is wrong: not JSON, a missing or malformed
    ///   field, or a hash that does not match the line's content.
    public mutating func decode(_ line: ArraySlice<UInt8>) throws(RecordDecodingError) -> DecodedRecord {
        try decode(line, fastPath: true)
    }

    /// Decodes a line, on the general path only when `fastPath` is `false` (for tests that
    /// compare the two).
    mutating func decode(_ line: ArraySlice<UInt8>, fastPath: Bool) throws(RecordDecodingError) -> DecodedRecord {
        // The hash covers every byte before `,"hash":"`, which must end the line.
        let marker = LogFormat.hashMarker
        guard line.count > marker.count + 66, line.last == UInt8(ascii: "}"),
            line[line.index(line.endIndex, offsetBy: -2)] == UInt8(ascii: "\""),
            line[line.index(line.endIndex, offsetBy: -(66 + marker.count))..<line.index(line.endIndex, offsetBy: -66)].elementsEqual(marker)
        else {
            throw RecordDecodingError(message: "the record does not end with its hash (,\"hash\":\"<64 hex digits>\"})")
        }
        let hashStart = line.index(line.endIndex, offsetBy: -66)
        let bodyEnd = line.index(hashStart, offsetBy: -marker.count)
        let storedHash = line[hashStart..<line.index(line.endIndex, offsetBy: -2)].withUnsafeBufferPointer { ChainHash(hex: $0) }
        let hash = line[line.startIndex..<bodyEnd].withUnsafeBytes { ChainHash(of: $0) }
        guard storedHash == hash else {
            throw RecordDecodingError(message: "integrity check failed: the record's content does not match its hash")
        }
        if fastPath, let (record, commit, previousHash) = common.read(line, bodyEnd: bodyEnd) {
            return DecodedRecord(record: record, commit: commit, previousHash: previousHash, hash: hash)
        }
        let members: [(key: String, value: JSONObjectScanner.Value)]
        do { members = try scanner.scan(line) } catch { throw RecordDecodingError(message: "not valid JSON (\(error.message) at byte \(error.offset + 1))") }
        var seq: Int?
        var at: String?
        var prev: String?
        var commit = false
        var fields: [String: FieldValue] = [:]
        for (key, value) in members {
            switch (key, value) {
            case ("seq", .number(let number)): seq = number
            case ("at", .string(let text)): at = text
            case ("prev", .string(let text)): prev = text
            case ("commit", .bool(let flag)): commit = flag
            case ("hash", _): break
            case ("seq", _), ("at", _), ("prev", _), ("commit", _):
                throw RecordDecodingError(message: "field \"\(key)\": unexpected value")
            default: fields[key] = try Self.fieldValue(value, key: key)
            }
        }
        guard let seq, seq >= 1 else { throw RecordDecodingError(message: "field \"seq\": expected a positive whole number") }
        if let at, times[at] == nil, let parsed = RecordedTime.parse(at) {
            if times.count > 4096 { times.removeAll(keepingCapacity: true) }
            times[at] = parsed
        }
        guard let at, let time = times[at] else {
            throw RecordDecodingError(message: "field \"at\": expected a UTC time such as 2026-11-29T03:00:00Z")
        }
        guard let prev, let previousHash = ChainHash(prev) else { throw RecordDecodingError(message: "field \"prev\": expected 64 lower-case hex digits") }
        guard case .string(let idText)? = fields["id"], let id = EventID(idText) else {
            throw RecordDecodingError(message: "field \"id\": every record needs a valid id")
        }
        let event: NewEvent
        do { event = try NewEvent(fields: fields) } catch { throw RecordDecodingError(message: error.description) }
        return DecodedRecord(record: RecordedEvent(seq: SequenceNumber(seq), recordedAt: time, id: id, event: event),
                             commit: commit, previousHash: previousHash, hash: hash)
    }

    /// Decodes one line with a fresh decoder.
    public static func decode(_ line: ArraySlice<UInt8>) throws(RecordDecodingError) -> DecodedRecord {
        var decoder = RecordDecoder()
        return try decoder.decode(line)
    }

    /// Decodes a plain event object (no chain fields), as written by hand or by an export.
    /// - Throws: `RecordDecodingError` when the line is not a JSON object of event fields.
    public static func eventFields(_ line: ArraySlice<UInt8>) throws(RecordDecodingError) -> [String: FieldValue] {
        var scanner = JSONObjectScanner()
        let members: [(key: String, value: JSONObjectScanner.Value)]
        do { members = try scanner.scan(line) } catch { throw RecordDecodingError(message: "not valid JSON (\(error.message))") }
        var fields: [String: FieldValue] = [:]
        for (key, value) in members {
            if case .null = value { continue }
            fields[key] = try fieldValue(value, key: key)
        }
        return fields
    }

    private static func fieldValue(_ value: JSONObjectScanner.Value, key: String) throws(RecordDecodingError) -> FieldValue {
        switch value {
        case .string(let text): return .string(text)
        case .strings(let items): return .list(items)
        case .object(let map): return .fields(map)
        case .number(let number) where key == "number": return .int(number)
        default: throw RecordDecodingError(message: "field \"\(key)\": unexpected value")
        }
    }
}
