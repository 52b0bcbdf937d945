/// What an aligned table may do with a column when the table is wider than the terminal.
///
/// Key columns (codes, statuses, dates, numbers) are never cut: they are what a reader scans and
/// copies. Long text (what happened, sources, names, notes) wraps within its column; addresses
/// are cut with an ellipsis, since half a URL on the next line helps nobody. JSON, JSON Lines and
/// CSV always carry the full text.
enum ColumnFit: Equatable {
    /// Shown whole, at its natural width.
    case fixed
    /// Wrapped at spaces onto further lines of the row.
    case wrap
    /// Cut to the column's width, ending in "…".
    case ellipsize

    /// The keys of short columns that are never cut.
    static let keys: Set<String> = [
        "ordinal", "seq", "id", "country", "status", "since", "date", "from", "to", "certainty", "type", "org", "host",
        "founded", "dissolved", "precision", "suspended", "recorded", "number", "hash", "predecessor", "set.date",
        "set.country", "set.status", "set.host",
    ]

    /// The keys of columns cut with an ellipsis rather than wrapped.
    static let ellipsized: Set<String> = ["url"]

    /// How a column with this key and these values fits: key columns, and columns holding only
    /// numbers, booleans, dates or nothing, are fixed.
    static func of(key: String, values: some Sequence<Value>) -> ColumnFit {
        let lowered = key.lowercased()
        if keys.contains(lowered) { return .fixed }
        let short = values.allSatisfy { value in
            switch value {
            case .number, .bool, .date, .null: true
            case .string, .list, .table, .row: false
            }
        }
        if short { return .fixed }
        return ellipsized.contains(lowered) ? .ellipsize : .wrap
    }
}
