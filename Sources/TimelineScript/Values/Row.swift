/// One row of a table as a value: what `for` gives for each row of a table with several
/// columns (`for o in orgs at 2000 { … }`).
///
/// A row stands for what it is about. As an organization operand (`members o at 2000`) it is
/// its `id` or `org` cell; as a country operand (`status c in SCO`) its `country` cell; printed,
/// it shows its key: the first of `id`, `org` and `country` it has.
///
/// For example:
/// ```swift
/// let row = Row(columns: ["id", "name"], values: [.string("SCO"), .string("Shanghai Cooperation Organisation")])
/// row.key          // .string("SCO")
/// row["name"]      // .string("Shanghai Cooperation Organisation")
/// ```
public struct Row: Sendable {
    /// The table's column keys.
    public let columns: [String]
    /// One value per column.
    public let values: [Value]

    /// A row with these columns and values.
    public init(columns: [String], values: [Value]) {
        self.columns = columns
        self.values = values
    }

    /// The columns a row's key is read from, in order of preference.
    static let keyColumns = ["id", "org", "country"]

    /// The value of a column by key, ignoring case; `nil` when the row has no such column.
    public subscript(column: String) -> Value? {
        columns.firstIndex { $0.lowercased() == column.lowercased() }.map { values[$0] }
    }

    /// What the row stands for: its `id`, else its `org`, else its `country`; `nil` when it has
    /// none of them.
    public var key: Value? { Self.keyColumns.lazy.compactMap { self[$0] }.first }

    /// The first of `columns` the row has, as text: the name it gives where an operand is
    /// expected (`["id", "org"]` for an organization).
    func name(from columns: [String]) -> String? {
        for column in columns {
            if let value = self[column], case .string(let text) = value { return text }
        }
        return nil
    }
}
