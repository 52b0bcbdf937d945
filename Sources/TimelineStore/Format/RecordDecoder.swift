import TimelineCore

/// A record decoded from a log line, with the chain data needed to check it.
package struct DecodedRecord: Sendable {
    /// The record.
    package let record: RecordedEvent
    /// Whether the line carries the commit mark (it ends a batch).
    package let commit: Bool
    /// The line's `prev`: the hash it points back to.
    package let previousHash: ChainHash
    /// The line's own hash, checked against its content.
    package let hash: ChainHash

    /// The record, moved out of the decoded line (reading `record` would copy it).
    package consuming func takeRecord() -> RecordedEvent { record }
}

/// Decodes one log line into a record and checks its own hash.
///
/// All reading of log lines goes through this type. The common records take a typed fast path
/// (`CommonRecordReader`); every other line, and any line the fast path does not recognize, is
/// parsed with a hand-written scanner for the log's own JSON (`JSONObjectScanner`) into named
/// fields. Both intern repeated strings across the lines of one reader. Foundation's
/// `JSONDecoder` is the oracle the tests compare them with.
package struct RecordDecoder: Sendable {
    private var common = CommonRecordReader()
    private var scanner = JSONObjectScanner()
    // Records of one batch share their recorded time: parse each distinct text once.
    private var times: [String: RecordedTime] = [:]

    /// A decoder for the lines of one log (it keeps the interned strings).
    package init() {}

    /// Decodes a line (without its newline).
    /// - Throws: `RecordDecodingError` saying what is wrong: not JSON, a missing or malformed
    ///   field, or a hash that does not match the line's content.
    package mutating func decode(_ line: ArraySlice<UInt8>) throws(RecordDecodingError) -> DecodedRecord {
        try decode(line, fastPath: true)
    }

    /// Decodes a line, on the general path only when `fastPath` is `false` (for tests that
    /// compare the two).
    mutating func decode(_ line: ArraySlice<UInt8>, fastPath: Bool) throws(RecordDecodingError) -> DecodedRecord {
        // The hash covers every byte before `,"hash":"`, which must end the line (`ChainRule`).
        guard let bodyEnd = ChainRule.bodyEnd(of: line) else { throw RecordDecodingError(.missingHash) }
        let storedHash = ChainRule.storedHash(of: line)
        let hash = ChainRule.hash(ofBody: line[line.startIndex..<bodyEnd])
        guard storedHash == hash else { throw RecordDecodingError(.hashMismatch) }
        if fastPath, let (record, commit, previousHash) = common.read(line, bodyEnd: bodyEnd) {
            return DecodedRecord(record: record, commit: commit, previousHash: previousHash, hash: hash)
        }
        let members: [(key: String, value: JSONObjectScanner.Value)]
        do { members = try scanner.scan(line) } catch {
            throw RecordDecodingError(.invalidJSON(problem: error.message, byte: error.offset + 1))
        }
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
                throw RecordDecodingError(.unexpectedValue(field: key))
            default: fields[key] = try Self.fieldValue(value, key: key)
            }
        }
        guard let seq, seq >= 1 else { throw RecordDecodingError(.invalidSequenceNumber) }
        if let at, times[at] == nil, let parsed = RecordedTime.parse(at) {
            if times.count > 4096 { times.removeAll(keepingCapacity: true) }
            times[at] = parsed
        }
        guard let at, let time = times[at] else {
            throw RecordDecodingError(.invalidRecordedTime)
        }
        guard let prev, let previousHash = ChainHash(prev) else { throw RecordDecodingError(.invalidPreviousHash) }
        guard case .string(let idText)? = fields["id"], let id = EventID(idText) else {
            throw RecordDecodingError(.invalidID)
        }
        let event: NewEvent
        do { event = try NewEvent(fields: fields) } catch { throw RecordDecodingError(.invalidEvent(error.description)) }
        return DecodedRecord(
            record: RecordedEvent(seq: SequenceNumber(seq), recordedAt: time, id: id, event: event),
            commit: commit, previousHash: previousHash, hash: hash)
    }

    /// Decodes one line with a fresh decoder.
    package static func decode(_ line: ArraySlice<UInt8>) throws(RecordDecodingError) -> DecodedRecord {
        var decoder = RecordDecoder()
        return try decoder.decode(line)
    }

    /// Decodes a plain event object (no chain fields), as written by hand or by an export.
    /// - Throws: `RecordDecodingError` when the line is not a JSON object of event fields.
    package static func eventFields(_ line: ArraySlice<UInt8>) throws(RecordDecodingError) -> [String: FieldValue] {
        var scanner = JSONObjectScanner()
        let members: [(key: String, value: JSONObjectScanner.Value)]
        do { members = try scanner.scan(line) } catch { throw RecordDecodingError(.invalidJSON(problem: error.message, byte: nil)) }
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
        default: throw RecordDecodingError(.unexpectedValue(field: key))
        }
    }
}
