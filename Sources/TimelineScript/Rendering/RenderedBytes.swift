import TimelineCore

/// The bytes of a table being rendered as CSV, JSON or JSON Lines: cells are appended as UTF-8
/// straight into one buffer (numbers and plain text without any intermediate string), which
/// becomes the rendered text once, at the end.
struct RenderedBytes {
    private(set) var bytes: [UInt8] = []

    /// An empty buffer with room for about `capacity` bytes.
    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// The text rendered so far.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func append(_ byte: UInt8) { bytes.append(byte) }

    mutating func append(_ some: [UInt8]) { bytes.append(contentsOf: some) }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Appends an integer in decimal.
    mutating func append(number: Int) {
        guard number != 0 else { return bytes.append(0x30) }
        if number < 0 { bytes.append(0x2D) }
        var magnitude = number.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 24 digits, written from the end
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                count += 1
                buffer[24 - count] = UInt8(0x30 + magnitude % 10)
                magnitude /= 10
            }
            bytes.append(contentsOf: buffer[(24 - count)...])
        }
    }

    /// Appends a date's EDTF text: a single date digit by digit, without making a string.
    mutating func append(date: EDTFDate) {
        guard case .single(let single) = date else { return append(date.description) }
        append(digits: single.year, count: 4)
        if let month = single.month {
            bytes.append(0x2D)
            append(digits: month, count: 2)
            if let day = single.day {
                bytes.append(0x2D)
                append(digits: day, count: 2)
            }
        }
        if let qualifier = single.qualifier { append(String(qualifier.rawValue)) }
    }

    /// Appends a non-negative number as exactly `count` digits, zeros first.
    private mutating func append(digits value: Int, count: Int) {
        var divisor = 1
        for _ in 1..<count { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            bytes.append(UInt8(0x30 + rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }

    /// Whether a CSV field must be quoted: it holds a comma, a quote or a line break (RFC 4180).
    static func needsCSVQuotes(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { needsCSVQuotes($0) }
    }

    private static func needsCSVQuotes(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
    }

    /// Appends a cell as a CSV field: its text, quoted (quotes doubled) when it needs it.
    mutating func appendCSV(_ value: Value) {
        switch value {
        case .number(let number): append(number: number)
        case .null: break
        case .string(let text): appendCSVField(text)
        case .date(let date): append(date: date)  // digits, hyphens, `/`, `..` and `?~%`: never quoted
        case .bool, .list, .table, .row: appendCSVField(value.text)
        }
    }

    private mutating func appendCSVField(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            guard Self.needsCSVQuotes(utf8) else { return bytes.append(contentsOf: utf8) }
            bytes.append(0x22)
            for byte in utf8 {
                if byte == 0x22 { bytes.append(0x22) }
                bytes.append(byte)
            }
            bytes.append(0x22)
        }
    }

    /// Appends a cell as JSON: numbers, booleans and null as they are; text, dates, tables and rows
    /// as strings; lists as arrays (`TableRenderer.json(_:)`).
    mutating func appendJSON(_ value: Value) {
        switch value {
        case .number(let number): append(number: number)
        case .bool(let flag): append(flag ? "true" : "false")
        case .null: append("null")
        case .string(let text): appendQuoted(text)
        case .date(let date):
            bytes.append(0x22)
            append(date: date)
            bytes.append(0x22)
        case .list: append(TableRenderer.json(value))
        case .table, .row: appendQuoted(value.text)
        }
    }

    /// Appends a JSON string literal: the text as it is between quotes when no byte of it needs
    /// escaping (the usual case), else escaped as `TableRenderer.quote(_:)` does.
    private mutating func appendQuoted(_ text: String) {
        var text = text
        let plain = text.withUTF8 { utf8 in
            guard !utf8.contains(where: { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }) else { return false }
            bytes.append(0x22)
            bytes.append(contentsOf: utf8)
            bytes.append(0x22)
            return true
        }
        if !plain { append(TableRenderer.quote(text)) }
    }
}
