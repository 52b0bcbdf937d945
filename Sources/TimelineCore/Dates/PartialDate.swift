/// A calendar date known to the year, the month or the day, with an optional EDTF qualifier.
///
/// For example, `2010-04` is April 2010: its earliest day is 2010-04-01, its latest 2010-04-30.
public struct PartialDate: Hashable, Sendable, CustomStringConvertible {
    // Stored compactly, as a log holds millions of dates: month and day are 0 when unknown.
    private let storedYear: Int16
    private let storedMonth: UInt8
    private let storedDay: UInt8

    /// The year, 0...9999 (EDTF level 0 and 1 four-digit years).
    public var year: Int { Int(storedYear) }
    /// The month 1...12, when known.
    public var month: Int? { storedMonth == 0 ? nil : Int(storedMonth) }
    /// The day of the month, when known (only with a month).
    public var day: Int? { storedDay == 0 ? nil : Int(storedDay) }
    /// An EDTF qualifier applying to the whole date.
    public let qualifier: DateQualifier?

    /// A date from components already known to be valid; use `EDTFDate.parse` for user text.
    public init(year: Int, month: Int? = nil, day: Int? = nil, qualifier: DateQualifier? = nil) {
        precondition(day == nil || month != nil, "a day needs a month")
        precondition((0...9999).contains(year) && (1...12).contains(month ?? 1) && (1...31).contains(day ?? 1), "a date out of range")
        self.storedYear = Int16(year)
        self.storedMonth = UInt8(month ?? 0)
        self.storedDay = UInt8(day ?? 0)
        self.qualifier = qualifier
    }

    /// How much of the date is known.
    public var precision: DatePrecision {
        day != nil ? .day : (month != nil ? .month : .year)
    }

    /// The first day this date may denote.
    public var earliest: CivilDay {
        CivilDay(year: year, month: month ?? 1, day: day ?? 1)
    }

    /// The last day this date may denote.
    public var latest: CivilDay {
        let m = month ?? 12
        return CivilDay(year: year, month: m, day: day ?? CivilDay.daysIn(month: m, year: year))
    }

    /// The date as EDTF text, for example `2010-04?`.
    public var description: String {
        // Years are 0…9999 (see `init`): the digits are written byte by byte into a small string.
        var text = String(unsafeUninitializedCapacity: 10) { buffer in
            func put(_ value: Int, digits: Int, at start: Int) {
                var value = value
                for position in stride(from: start + digits - 1, through: start, by: -1) {
                    buffer[position] = UInt8(0x30 + value % 10)
                    value /= 10
                }
            }
            put(year, digits: 4, at: 0)
            guard let month else { return 4 }
            buffer[4] = 0x2D
            put(month, digits: 2, at: 5)
            guard let day else { return 7 }
            buffer[7] = 0x2D
            put(day, digits: 2, at: 8)
            return 10
        }
        if let qualifier { text.append(qualifier.rawValue) }
        return text
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(abs(value))
        let padded = String(repeating: "0", count: max(0, width - digits.count)) + digits
        return value < 0 ? "-" + padded : padded
    }
}
