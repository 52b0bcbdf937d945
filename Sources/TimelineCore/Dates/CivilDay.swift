/// A single day of the proleptic Gregorian calendar, counted from 1970-01-01.
///
/// Every valid-time bound in Timeline is a `CivilDay`: the earliest and latest day an event may
/// have happened. Integer days keep comparisons and folds cheap.
///
/// For example:
/// ```swift
/// let day = CivilDay(year: 2024, month: 7, day: 4)
/// day.components  // (2024, 7, 4)
/// ```
public struct CivilDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public var ordinal: Int

    /// A day from its count since 1970-01-01.
    public init(ordinal: Int) { self.ordinal = ordinal }

    /// The day with the given calendar components; the components must form a real date.
    public init(year: Int, month: Int, day: Int) {
        // The algorithm is Howard Hinnant's `days_from_civil`, which works for every year.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        ordinal = era * 146_097 + dayOfEra - 719_468
    }

    /// The calendar year, month and day of this day.
    public var components: (year: Int, month: Int, day: Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The day after this one.
    public var next: CivilDay { CivilDay(ordinal: ordinal + 1) }

    /// The day before this one.
    public var previous: CivilDay { CivilDay(ordinal: ordinal - 1) }

    /// The earliest representable day, used as the open start of an interval.
    public static let distantPast = CivilDay(ordinal: Int(Int32.min))
    /// The latest representable day, used as the open end of an interval.
    public static let distantFuture = CivilDay(ordinal: Int(Int32.max))

    /// Orders days chronologically.
    public static func < (lhs: CivilDay, rhs: CivilDay) -> Bool { lhs.ordinal < rhs.ordinal }

    /// The day as `YYYY-MM-DD`.
    public var description: String {
        if self == .distantPast { return ".." }
        if self == .distantFuture { return ".." }
        let (y, m, d) = components
        return "\(PartialDate.pad(y, 4))-\(PartialDate.pad(m, 2))-\(PartialDate.pad(d, 2))"
    }

    /// Whether `year` is a leap year in the proleptic Gregorian calendar.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in a month of a year.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
