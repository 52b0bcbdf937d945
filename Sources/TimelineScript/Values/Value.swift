import TimelineCore

/// A value of the language: a number, a string, a boolean, a date, a list or a table.
public enum Value: Sendable {
    case number(Int)
    case string(String)
    case bool(Bool)
    case date(EDTFDate)
    case list([Value])
    /// (Boxed, as is `row`: a table is much larger than the other kinds, and every cell of every
    /// table pays for a value's largest kind.)
    indirect case table(Table)
    /// One row of a table (what `for` gives for each row of a wider table).
    indirect case row(Row)
    /// No value: an empty cell (a member without an ordinal, an event without a country).
    case null

    /// The type's name for messages: "a number", "a table".
    public var typeName: String {
        switch self {
        case .number: "a number"
        case .string: "a string"
        case .bool: "a boolean"
        case .date: "a date"
        case .list: "a list"
        case .table: "a table"
        case .row: "a row"
        case .null: "nothing"
        }
    }

    /// The value as plain text: what `print` shows and what a table cell holds.
    public var text: String {
        switch self {
        case .number(let number): String(number)
        case .string(let text): text
        case .bool(let flag): flag ? "true" : "false"
        case .date(let date): date.description
        case .list(let items): "[" + items.map(\.text).joined(separator: ", ") + "]"
        case .table(let table): "(a table of \(table.rows.count) rows)"
        case .row(let row): row.key?.text ?? "[" + row.values.map(\.text).joined(separator: ", ") + "]"
        case .null: ""
        }
    }

    /// A string cell, or `.null` for `nil`.
    static func optional(_ text: String?) -> Value { text.map(Value.string) ?? .null }
}

/// A table: named columns and rows of values, with notes (why an answer is empty, what is
/// possible rather than certain).
public struct Table: Sendable {
    /// Column keys, stable across releases: `country`, `name`, `status`, `since`, `certainty` …
    public var columns: [String]
    /// Rows, each with one value per column.
    public var rows: [[Value]]
    /// Remarks shown with the table.
    public var notes: [String]

    /// A table with these column keys, rows and notes.
    public init(columns: [String], rows: [[Value]] = [], notes: [String] = []) {
        self.columns = columns
        self.rows = rows
        self.notes = notes
    }

    /// Columns left out of aligned text, records and Markdown (JSON, JSON Lines and CSV always
    /// carry them): a `kind` column when every row is a country, so that a table a person
    /// reads shows it only when it tells something.
    public var hiddenInText: Set<String> = []

    /// The index of a column by key, ignoring case.
    public func column(_ key: String) -> Int? {
        columns.firstIndex { $0.lowercased() == key.lowercased() }
    }

    /// The table as text formats show it: without the columns `hiddenInText` names.
    public var shownInText: Table {
        guard !hiddenInText.isEmpty else { return self }
        let kept = columns.indices.filter { !hiddenInText.contains(columns[$0]) }
        return Table(columns: kept.map { columns[$0] }, rows: rows.map { row in kept.map { row[$0] } }, notes: notes)
    }

    /// Adds a `kind` column after `country` (`country` or `organization` for each row, by its
    /// code in `registry`), hidden in text when every row is a country.
    mutating func addParticipantKinds(registry: CountryRegistry) {
        guard let country = column("country") else { return }
        columns.insert("kind", at: country + 1)
        var organizations = false
        for index in rows.indices {
            let code = rows[index][country].text
            let isOrganization = registry.isOrganization(code: code)
            organizations = organizations || isOrganization
            rows[index].insert(.string(isOrganization ? "organization" : "country"), at: country + 1)
        }
        if !organizations { hiddenInText.insert("kind") }
    }
}
