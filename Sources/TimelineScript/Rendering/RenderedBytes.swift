import TimelineCore

/// The bytes of a table being rendered as CSV, JSON or JSON Lines: cells are appended as UTF-8
/// straight into one buffer (numbers and plain text without any intermediate string), which
/// becomes the rendered text once, at the end.
struct RenderedBytes: ~Copyable {
    /// The bytes so far: `count` of the `capacity` allocated. Appending is a copy into this memory
    /// (an array's `append(contentsOf:)` costs more than the few bytes of a cell).
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int

    /// An empty buffer with room for about `capacity` bytes.
    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes rendered so far.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// The text rendered so far.
    var text: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }

    /// Makes room for `extra` more bytes, doubling the allocation as often as needed.
    private mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        var grown = capacity * 2
        while count + extra > grown { grown *= 2 }
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        moved.update(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = grown
    }

    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    mutating func append(_ some: UnsafeBufferPointer<UInt8>) {
        guard let source = some.baseAddress, !some.isEmpty else { return }
        reserve(some.count)
        (base + count).update(from: source, count: some.count)
        count += some.count
    }

    mutating func append(_ some: [UInt8]) { some.withUnsafeBufferPointer { append($0) } }

    mutating func append(_ text: String) { Self.withUTF8(of: text) { append($0) } }

    /// Appends an integer in decimal.
    mutating func append(number: Int) {
        guard number != 0 else { return append(0x30) }
        if number < 0 { append(0x2D) }
        var magnitude = number.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 24 digits, written from the end
        var written = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                written += 1
                buffer[24 - written] = UInt8(0x30 + magnitude % 10)
                magnitude /= 10
            }
            append(UnsafeBufferPointer(start: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self) + 24 - written, count: written))
        }
    }

    /// Appends a date's EDTF text: a single date digit by digit, without making a string.
    mutating func append(date: EDTFDate) {
        guard case .single(let single) = date else { return append(date.description) }
        append(digits: single.year, count: 4)
        if let month = single.month {
            append(0x2D)
            append(digits: month, count: 2)
            if let day = single.day {
                append(0x2D)
                append(digits: day, count: 2)
            }
        }
        if let qualifier = single.qualifier { append(String(qualifier.rawValue)) }
    }

    /// Appends a non-negative number as exactly `count` digits, zeros first.
    private mutating func append(digits value: Int, count digits: Int) {
        reserve(digits)
        var rest = value
        var place = count + digits
        while place > count {
            place -= 1
            base[place] = UInt8(0x30 + rest % 10)
            rest /= 10
        }
        count += digits
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
        Self.withUTF8(of: text) { utf8 in
            guard Self.needsCSVQuotes(utf8) else { return append(utf8) }
            append(0x22)
            for byte in utf8 {
                if byte == 0x22 { append(0x22) }
                append(byte)
            }
            append(0x22)
        }
    }

    /// Calls `body` with the text's UTF-8 bytes: in place when the string keeps them contiguous
    /// (a native string does), without the copy that `String.withUTF8` needs on a constant.
    private static func withUTF8<Result>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var text = text
        return text.withUTF8(body)
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
            append(0x22)
            append(date: date)
            append(0x22)
        case .list: append(TableRenderer.json(value))
        case .table, .row: appendQuoted(value.text)
        }
    }

    /// Appends a JSON string literal: the text as it is between quotes when no byte of it needs
    /// escaping (the usual case), else escaped as `TableRenderer.quote(_:)` does.
    private mutating func appendQuoted(_ text: String) {
        let plain = Self.withUTF8(of: text) { utf8 in
            for byte in utf8 where byte == 0x22 || byte == 0x5C || byte < 0x20 { return false }
            // The quotes and the text in one copy.
            reserve(utf8.count + 2)
            base[count] = 0x22
            if let source = utf8.baseAddress { (base + count + 1).update(from: source, count: utf8.count) }
            count += utf8.count + 2
            base[count - 1] = 0x22
            return true
        }
        if !plain { append(TableRenderer.quote(text)) }
    }
}
