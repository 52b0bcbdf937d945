/// The infix words that combine two tables by country, as SQL's set operations do:
/// `members SCO at 2025-01-06 intersect members BRICS at 2025-01-06`.
///
/// `intersect` binds tighter than `union` and `except`, which read left to right; all three
/// bind looser than `or`, so a table expression on either side needs no parentheses, and a
/// pipeline after them applies to the combined table (`… intersect … | count`).
public enum SetOperator: String, CaseIterable, Sendable {
    /// The rows of the left table whose country is in the right one.
    case intersect
    /// The rows of the left table, then those of the right whose country the left lacks.
    case union
    /// The rows of the left table whose country is not in the right one.
    case except

    /// What the operator gives, in a sentence, for `.help` and the README.
    public var summary: String {
        switch self {
        case .intersect: return "the left table's rows whose country is also in the right one"
        case .union: return "the left table's rows, then the right one's whose country the left lacks, in the columns both share"
        case .except: return "the left table's rows whose country is not in the right one"
        }
    }
}
