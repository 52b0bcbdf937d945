import TimelineCore

/// Writes the snapshot's binary form: variable-length integers, and strings as indexes into a
/// table written once at the front, so that repeated codes, statuses and dates cost a few bytes.
struct ByteWriter {
    private(set) var body: [UInt8] = []
    private var strings: [String] = []
    private var indexes: [String: Int] = [:]

    /// An unsigned integer in 7-bit groups, low first.
    mutating func integer(_ value: Int) {
        precondition(value >= 0, "only non-negative integers are stored")
        var rest = UInt(value)
        while rest >= 0x80 {
            body.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        body.append(UInt8(rest))
    }

    /// A signed integer, zigzag-encoded (0, -1, 1, -2 … as 0, 1, 2, 3 …).
    mutating func signed(_ value: Int) {
        integer(Int(bitPattern: UInt(bitPattern: value << 1) ^ UInt(bitPattern: value >> (Int.bitWidth - 1))))
    }

    mutating func flag(_ value: Bool) { body.append(value ? 1 : 0) }

    /// A string, by its index in the table.
    mutating func string(_ text: String) {
        if let index = indexes[text] { return integer(index) }
        indexes[text] = strings.count
        integer(strings.count)
        strings.append(text)
    }

    /// An optional string: 0 for none, else its index plus one.
    mutating func optionalString(_ text: String?) {
        guard let text else { return integer(0) }
        if let index = indexes[text] { return integer(index + 1) }
        indexes[text] = strings.count
        integer(strings.count + 1)
        strings.append(text)
    }

    mutating func strings(_ texts: [String]) {
        integer(texts.count)
        for text in texts { string(text) }
    }

    /// An event id: a derived one as its eight bytes, any other as a string.
    mutating func eventID(_ id: EventID) {
        if let value = id.derivedValue {
            body.append(1)
            withUnsafeBytes(of: value.littleEndian) { body.append(contentsOf: $0) }
        } else {
            body.append(0)
            string(id.rawValue)
        }
    }

    /// Starts a section whose length in bytes precedes it (four bytes, filled in by
    /// `endSection(_:)`), so that a reader can step over it without reading it.
    mutating func beginSection() -> Int {
        body.append(contentsOf: [0, 0, 0, 0])
        return body.count
    }

    /// Ends the section begun at `start`: writes its length in front of it.
    mutating func endSection(_ start: Int) {
        let length = UInt32(body.count - start)
        for index in 0..<4 { body[start - 4 + index] = UInt8(truncatingIfNeeded: length >> (8 * UInt32(index))) }
    }

    /// The string table followed by the body.
    func finished() -> [UInt8] {
        var table = ByteWriter()
        table.integer(strings.count)
        for text in strings {
            table.integer(text.utf8.count)
            table.body.append(contentsOf: text.utf8)
        }
        return table.body + body
    }
}
