/// How much of a calendar date is known: the year, the month or the day.
public enum DatePrecision: Int, Sendable, Hashable, Comparable, CustomStringConvertible {
    case year = 1
    case month = 2
    case day = 3

    public static func < (lhs: DatePrecision, rhs: DatePrecision) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String {
        switch self {
        case .year: "year"
        case .month: "month"
        case .day: "day"
        }
    }
}
