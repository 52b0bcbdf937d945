/// How much of a calendar date is known: the year, the month or the day.
public enum DatePrecision: Int, Sendable, Hashable, Comparable, CustomStringConvertible {
    case year = 1
    case month = 2
    case day = 3

    /// Orders precisions from the coarsest (year) to the finest (day).
    public static func < (lhs: DatePrecision, rhs: DatePrecision) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The precision's name as messages use it: `year`, `month` or `day`.
    public var description: String {
        switch self {
        case .year: "year"
        case .month: "month"
        case .day: "day"
        }
    }
}
