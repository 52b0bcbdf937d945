extension EDTFDate {
    /// Parses EDTF levels 0 and 1: `2024`, `2024-07`, `2024-07-04`, a final `?`, `~` or `%`,
    /// and intervals `START/END` whose ends may be open (`..`) or unknown (empty).
    ///
    /// For example:
    /// ```swift
    /// try EDTFDate.parse("2010-04~")         // April 2010, approximate
    /// try EDTFDate.parse("2024-07-03/..")    // from 3 July 2024, open-ended
    /// try EDTFDate.parse("2024-7-4")         // throws: expected a two-digit month
    /// ```
    /// - Throws: `DateParseError` naming the byte offset and what was expected.
    /// - Complexity: O(n) in the length of the text.
    public static func parse(_ text: String) throws(DateParseError) -> EDTFDate {
        var scanner = DateScanner(text: text)
        return try scanner.parseDate()
    }
}

/// A one-pass scanner over the UTF-8 bytes of a date.
struct DateScanner {
    let text: String
    let bytes: [UInt8]
    var index = 0

    init(text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
    }

    func error(_ message: String, at offset: Int? = nil) -> DateParseError {
        DateParseError(text: text, offset: offset ?? index, message: message)
    }

    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func parseDate() throws(DateParseError) -> EDTFDate {
        if bytes.isEmpty {
            throw error("expected a date such as 2024, 2024-07 or 2024-07-04")
        }
        guard let slash = bytes.firstIndex(of: UInt8(ascii: "/")) else {
            let date = try parsePartial(until: bytes.count)
            return .single(date)
        }
        let start = try parseEnd(until: slash)
        index = slash + 1
        let end = try parseEnd(until: bytes.count)
        if case .date = start {
        } else if case .date = end {
        } else {
            throw error("an interval needs at least one known end, as in 2024-07-03/2024-07-04", at: slash)
        }
        if case .date(let from) = start, case .date(let to) = end, to.latest < from.earliest {
            throw error("the interval ends (\(to)) before it starts (\(from))", at: slash + 1)
        }
        return .interval(start: start, end: end)
    }

    mutating func parseEnd(until limit: Int) throws(DateParseError) -> EDTFDate.IntervalEnd {
        if index == limit { return .unknown }
        if limit - index == 2, bytes[index] == UInt8(ascii: "."), bytes[index + 1] == UInt8(ascii: ".") {
            index = limit
            return .open
        }
        return .date(try parsePartial(until: limit))
    }

    mutating func digits(_ count: Int, until limit: Int) -> Int? {
        guard index + count <= limit else { return nil }
        var value = 0
        for offset in 0..<count {
            let byte = bytes[index + offset]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        // A further digit means the field is too long (for example a five-digit year).
        if index + count < limit, let next = Optional(bytes[index + count]),
            next >= UInt8(ascii: "0"), next <= UInt8(ascii: "9")
        {
            return nil
        }
        index += count
        return value
    }

    mutating func parsePartial(until limit: Int) throws(DateParseError) -> PartialDate {
        let start = index
        if current == UInt8(ascii: "Y") || current == UInt8(ascii: "-") {
            throw error("years beyond 0000–9999 and negative years are not supported; expected a four-digit year (YYYY)")
        }
        guard let year = digits(4, until: limit) else {
            if bytes[start..<limit].contains(UInt8(ascii: "X")) {
                throw error("unspecified digits (X) are not supported; expected a four-digit year (YYYY)")
            }
            throw error("expected a four-digit year (YYYY), as in 2024")
        }
        var month: Int?
        var day: Int?
        if index < limit, bytes[index] == UInt8(ascii: "-") {
            index += 1
            let monthOffset = index
            guard let value = digits(2, until: limit) else {
                throw error("expected a two-digit month (01–12) after \"\(PartialDate.pad(year, 4))-\"")
            }
            if (21...24).contains(value) {
                throw error("seasons (21–24) are not supported; expected a month 01–12", at: monthOffset)
            }
            guard (1...12).contains(value) else {
                throw error("month \(PartialDate.pad(value, 2)) is out of range: expected 01 to 12", at: monthOffset)
            }
            month = value
            if index < limit, bytes[index] == UInt8(ascii: "-") {
                index += 1
                let dayOffset = index
                guard let value = digits(2, until: limit) else {
                    throw error("expected a two-digit day (01–31) after \"\(PartialDate.pad(year, 4))-\(PartialDate.pad(month!, 2))-\"")
                }
                let length = CivilDay.daysIn(month: month!, year: year)
                guard (1...length).contains(value) else {
                    throw error(
                        "day \(PartialDate.pad(value, 2)) does not exist in \(PartialDate.pad(year, 4))-\(PartialDate.pad(month!, 2)), which has \(length) days",
                        at: dayOffset)
                }
                day = value
            }
        }
        var qualifier: DateQualifier?
        if index < limit, let found = DateQualifier(rawValue: Character(UnicodeScalar(bytes[index]))) {
            qualifier = found
            index += 1
        }
        if index < limit {
            let unexpected = String(decoding: bytes[index..<index + 1], as: UTF8.self)
            let expected =
                qualifier == nil
                ? "a qualifier (?, ~, %), \"/\" for an interval, or the end of the date"
                : "the end of the date"
            throw error("unexpected \"\(unexpected)\"; expected \(expected)")
        }
        return PartialDate(year: year, month: month, day: day, qualifier: qualifier)
    }
}
