import TimelineCore

/// Writes records as log lines: one JSON object per line, fixed key order, hash last.
///
/// A line is `{"seq":…,"at":…,"id":…,"type":…,"date":…, other fields sorted…, "commit":true
/// (last record of a batch only), "prev":…,"hash":…}`, hashed and chained by `ChainRule`: `hash`
/// covers every byte before `,"hash":"`, so it covers `prev`, and the records form a chain.
public struct RecordEncoder {
    // The records of a batch share their recorded time: its text is made once.
    private var lastTime: (time: RecordedTime, text: String)?

    /// An encoder for the records of one batch (or more).
    public init() {}

    /// The line for one record, without the newline, and its hash.
    public static func line(for record: RecordedEvent, commit: Bool, previousHash: ChainHash) -> (bytes: [UInt8], hash: ChainHash) {
        var encoder = RecordEncoder()
        var out: [UInt8] = []
        let hash = encoder.append(record, commit: commit, previousHash: previousHash, to: &out)
        return (out, hash)
    }

    /// Appends the line for one record, without the newline, to `out`, and returns its hash.
    /// - Parameter previousHash: the hash of the record before (`ChainRule.genesis` for the first).
    /// - Complexity: O(n) in the record's size.
    public mutating func append(_ record: RecordedEvent, commit: Bool, previousHash: ChainHash, to out: inout [UInt8]) -> ChainHash {
        let start = out.count
        let fields = record.event.sortedFields
        out.append(contentsOf: Self.seqKey)
        out.append(contentsOf: String(record.seq.value).utf8)
        out.append(contentsOf: Self.atKey)
        if lastTime?.time != record.recordedAt { lastTime = (record.recordedAt, record.recordedAt.description) }
        Self.appendString(lastTime!.text, to: &out)
        // The id, type and date first (the record's id: a derived id is not among the fields),
        // then the others in key order.
        func field(_ key: String, _ value: FieldValue) {
            out.append(UInt8(ascii: ","))
            Self.appendString(key, to: &out)
            out.append(UInt8(ascii: ":"))
            Self.appendValue(value, to: &out)
        }
        field("id", .string(record.id.rawValue))
        for leading in ["type", "date"] { if let value = fields.first(where: { $0.key == leading })?.value { field(leading, value) } }
        for (key, value) in fields where !Self.leading.contains(key) { field(key, value) }
        if commit { out.append(contentsOf: Self.commitField) }
        out.append(contentsOf: Self.prevKey)
        Self.appendHash(previousHash, to: &out)
        let hash = out.withUnsafeBytes { ChainRule.hash(ofBody: UnsafeRawBufferPointer(rebasing: $0[start...])) }
        out.append(contentsOf: ChainRule.hashMarker)
        hash.appendHex(to: &out)
        out.append(contentsOf: Self.closing)
        return hash
    }

    private static let seqKey = Array(#"{"seq":"#.utf8)
    private static let atKey = Array(#","at":"#.utf8)
    private static let leading = ["id", "type", "date"]
    private static let commitField = Array(#","commit":true"#.utf8)
    private static let prevKey = Array(#","prev":"#.utf8)
    private static let closing = Array("\"}".utf8)

    /// A hash as a JSON string of its 64 hex digits.
    private static func appendHash(_ hash: ChainHash, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        hash.appendHex(to: &out)
        out.append(UInt8(ascii: "\""))
    }

    static func appendValue(_ value: FieldValue, to out: inout [UInt8]) {
        switch value {
        case .string(let text): appendString(text, to: &out)
        case .int(let number): out.append(contentsOf: Array(String(number).utf8))
        case .list(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                appendString(item, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .fields(let map):
            out.append(UInt8(ascii: "{"))
            for (index, key) in map.keys.sorted().enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                appendString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                appendString(map[key]!, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\u00XX`, other text as UTF-8.
    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most text needs no escape: its bytes go in at once.
        let plain = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if plain == true {
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
