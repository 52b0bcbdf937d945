/// Transaction time: the UTC instant at which the log recorded an event, in milliseconds.
///
/// Printed and parsed as ISO 8601 `2026-11-29T03:00:00Z` (milliseconds shown when non-zero).
public struct RecordedTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var milliseconds: Int64

    /// The instant `milliseconds` after 1970-01-01T00:00:00Z.
    public init(milliseconds: Int64) { self.milliseconds = milliseconds }

    /// Orders instants chronologically.
    public static func < (lhs: RecordedTime, rhs: RecordedTime) -> Bool { lhs.milliseconds < rhs.milliseconds }

    /// The instant in ISO 8601, `2026-11-29T03:00:00Z`, with milliseconds only when non-zero.
    public var description: String {
        let dayMillis: Int64 = 86_400_000
        var days = milliseconds / dayMillis
        var rest = milliseconds % dayMillis
        if rest < 0 {
            rest += dayMillis
            days -= 1
        }
        let day = CivilDay(ordinal: Int(days))
        let seconds = Int(rest / 1000)
        let millis = Int(rest % 1000)
        var text =
            "\(day)T\(PartialDate.pad(seconds / 3600, 2)):\(PartialDate.pad(seconds / 60 % 60, 2)):\(PartialDate.pad(seconds % 60, 2))"
        if millis != 0 { text += "." + PartialDate.pad(millis, 3) }
        return text + "Z"
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.mmm]Z`, or a date alone (its start, or with `endOfPeriod`
    /// the last millisecond of it, so that "known at 2025-03" includes all of March).
    public static func parse(_ text: String, endOfPeriod: Bool = false) -> RecordedTime? {
        let parts = text.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
        guard let date = try? EDTFDate.parse(String(parts[0])), case .single(let partial) = date,
            partial.qualifier == nil
        else { return nil }
        if parts.count == 1 {
            let day = endOfPeriod ? partial.latest : partial.earliest
            let base = Int64(day.ordinal) * 86_400_000
            return RecordedTime(milliseconds: endOfPeriod ? base + 86_399_999 : base)
        }
        guard partial.precision == .day else { return nil }
        var clock = Substring(parts[1])
        guard clock.hasSuffix("Z") else { return nil }
        clock = clock.dropLast()
        var millis: Int64 = 0
        if let dot = clock.firstIndex(of: ".") {
            let fraction = clock[clock.index(after: dot)...]
            guard fraction.count == 3, let value = Int64(fraction) else { return nil }
            millis = value
            clock = clock[..<dot]
        }
        let fields = clock.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 3, fields.allSatisfy({ $0.count == 2 }),
            let h = Int64(fields[0]), let m = Int64(fields[1]), let s = Int64(fields[2]),
            (0..<24).contains(h), (0..<60).contains(m), (0..<60).contains(s)
        else { return nil }
        let base = Int64(partial.earliest.ordinal) * 86_400_000
        return RecordedTime(milliseconds: base + ((h * 60 + m) * 60 + s) * 1000 + millis)
    }
}
