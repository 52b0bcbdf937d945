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
        var text = PartialDate.pad(year, 4)
        if let month { text += "-" + PartialDate.pad(month, 2) }
        if let day { text += "-" + PartialDate.pad(day, 2) }
        if let qualifier { text.append(qualifier.rawValue) }
        return text
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(abs(value))
        let padded = String(repeating: "0", count: max(0, width - digits.count)) + digits
        return value < 0 ? "-" + padded : padded
    }
}
