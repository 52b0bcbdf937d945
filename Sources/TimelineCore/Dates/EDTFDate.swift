/// A valid-time date in EDTF (ISO 8601-2) levels 0 and 1: a single date or an interval.
///
/// Every date has an earliest and a latest day, and dates have a total order for folding:
/// by earliest day, then latest day, then text. Parsing and printing are lossless.
///
/// For example:
/// ```swift
/// let summit = try EDTFDate.parse("2024-07-03/2024-07-04")
/// summit.earliest  // 2024-07-03
/// summit.latest    // 2024-07-04
/// summit.description  // "2024-07-03/2024-07-04"
/// ```
public enum EDTFDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// One date at year, month or day precision.
    case single(PartialDate)
    /// An interval; a `nil` end is open (`..`) or unknown (empty) as `IntervalEnd` says.
    case interval(start: IntervalEnd, end: IntervalEnd)

    /// One end of an interval.
    public enum IntervalEnd: Hashable, Sendable {
        /// A known date.
        case date(PartialDate)
        /// `..`: the interval is open on this side.
        case open
        /// Empty: this end is unknown.
        case unknown
    }

    /// A day-precision date.
    public static func day(_ year: Int, _ month: Int, _ day: Int) -> EDTFDate {
        .single(PartialDate(year: year, month: month, day: day))
    }

    /// The first day the date may denote.
    public var earliest: CivilDay {
        switch self {
        case .single(let date): date.earliest
        case .interval(let start, _):
            if case .date(let date) = start { date.earliest } else { .distantPast }
        }
    }

    /// The last day the date may denote.
    public var latest: CivilDay {
        switch self {
        case .single(let date): date.latest
        case .interval(_, let end):
            if case .date(let date) = end { date.latest } else { .distantFuture }
        }
    }

    /// The precision of the date (of its start, for an interval).
    public var precision: DatePrecision {
        switch self {
        case .single(let date): return date.precision
        case .interval(let start, _):
            if case .date(let date) = start { return date.precision }
            return .year
        }
    }

    /// Whether the date is a single day (bounds equal).
    public var isExactDay: Bool { earliest == latest }

    /// Whether any part of the date carries a `?`, `~` or `%` qualifier.
    public var isQualified: Bool {
        switch self {
        case .single(let date): return date.qualifier != nil
        case .interval(let start, let end):
            for part in [start, end] {
                if case .date(let date) = part, date.qualifier != nil { return true }
            }
            return false
        }
    }

    /// The EDTF text of the date.
    public var description: String {
        switch self {
        case .single(let date): return date.description
        case .interval(let start, let end):
            func text(_ part: IntervalEnd) -> String {
                switch part {
                case .date(let date): date.description
                case .open: ".."
                case .unknown: ""
                }
            }
            return text(start) + "/" + text(end)
        }
    }

    /// Orders dates by their earliest day, then their latest day, then their EDTF text.
    public static func < (lhs: EDTFDate, rhs: EDTFDate) -> Bool {
        if lhs.earliest != rhs.earliest { return lhs.earliest < rhs.earliest }
        if lhs.latest != rhs.latest { return lhs.latest < rhs.latest }
        return lhs.description < rhs.description
    }
}
