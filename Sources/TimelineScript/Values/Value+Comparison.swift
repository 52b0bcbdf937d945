import TimelineCore

extension Value {
    /// The value as a date, when it is one or can stand for one (a year number, EDTF text).
    public var asDate: EDTFDate? {
        switch self {
        case .date(let date): return date
        case .number(let year) where (0...9999).contains(year): return .single(PartialDate(year: year))
        case .string(let text): return try? EDTFDate.parse(text)
        default: return nil
        }
    }

    /// Equality across types where it makes sense: numbers, strings (ignoring case), booleans,
    /// dates (same bounds; a year number stands for that year).
    func equals(_ other: Value) -> Bool? {
        switch (self, other) {
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a.lowercased() == b.lowercased()
        case (.bool(let a), .bool(let b)): return a == b
        case (.null, .null): return true
        case (.null, _), (_, .null): return false
        // A row compares as what it stands for (its id, org or country).
        case (.row(let row), _): return row.key?.equals(other)
        case (_, .row(let row)): return row.key.flatMap { equals($0) }
        case (.date, _), (_, .date):
            guard let a = asDate, let b = other.asDate else { return nil }
            return a.earliest == b.earliest && a.latest == b.latest
        default: return nil
        }
    }

    /// Ordering for `<` and `>`. Dates compare by their bounds: `a < b` when `a` ends before `b`
    /// starts, so `since > 2010` means "after 2010", and `2010-04 < 2010` is false.
    func compare(_ op: String, _ other: Value) -> Bool? {
        switch (self, other) {
        case (.number(let a), .number(let b)): return Self.ordered(a, op, b)
        case (.string(let a), .string(let b)): return Self.ordered(a, op, b)
        case (.null, _), (_, .null): return false
        case (.date, _), (_, .date):
            guard let a = asDate, let b = other.asDate else { return nil }
            switch op {
            case "<": return a.latest < b.earliest
            case ">": return a.earliest > b.latest
            case "<=": return !(a.earliest > b.latest)
            default: return !(a.latest < b.earliest)
            }
        default: return nil
        }
    }

    private static func ordered<T: Comparable>(_ a: T, _ op: String, _ b: T) -> Bool {
        switch op {
        case "<": a < b
        case "<=": a <= b
        case ">": a > b
        default: a >= b
        }
    }

    /// A total order for `sort`: nulls last, then numbers, dates (fold order), strings, booleans.
    static func sortsBefore(_ lhs: Value, _ rhs: Value) -> Bool {
        func rank(_ value: Value) -> Int {
            switch value {
            case .number: 0
            case .date: 1
            case .string: 2
            case .bool: 3
            case .list, .table, .row: 4
            case .null: 5
            }
        }
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)): return a < b
        case (.date(let a), .date(let b)): return a < b
        case (.string(let a), .string(let b)): return a.lowercased() < b.lowercased()
        case (.bool(let a), .bool(let b)): return !a && b
        default: return rank(lhs) < rank(rhs)
        }
    }
}
