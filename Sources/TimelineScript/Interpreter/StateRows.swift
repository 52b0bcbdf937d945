import TimelineCore

/// A members, roster or status answer as the engine gives it, before it becomes a table of
/// values: what a host that writes CSV, JSON or JSON Lines renders straight to bytes
/// (`TableRenderer.renderBytes(_:)`), one row at a time, without an array of cells per row.
///
/// `table` is the same answer as a table of values (`AnswerTables.states`), the simple path
/// that the rendering from rows is tested against, byte for byte.
public struct StateRows: Sendable {
    /// The rows, in the answer's order.
    public let rows: [StatusRow]
    /// The engine's notes (why an answer is empty, when an organization did not exist yet).
    let engineNotes: [String]
    /// The countries and organizations the rows' codes are read against (for `kind`).
    let registry: CountryRegistry
    /// Whether a row is suspended: the answer then has a `suspended` column.
    let hasSuspension: Bool
    /// Whether a row is possible rather than certain: the notes then say what that means.
    let hasPossible: Bool

    /// The answer of these rows, with the engine's notes, read against `registry`.
    init(rows: [StatusRow], notes: [String], registry: CountryRegistry) {
        self.rows = rows
        self.engineNotes = notes
        self.registry = registry
        // By index: a row copied out of the array for each look would retain its texts.
        hasSuspension = rows.indices.contains { rows[$0].suspended }
        hasPossible = rows.indices.contains { rows[$0].certainty == .possible }
    }

    /// The column keys, as the table has them.
    public var columns: [String] { AnswerTables.stateColumns(suspended: hasSuspension) }

    /// The notes, as the table has them.
    public var notes: [String] { AnswerTables.stateNotes(engineNotes, possible: hasPossible) }

    /// The answer as a table of values.
    public var table: Table { AnswerTables.states(rows, notes: engineNotes, registry: registry) }

    /// Calls `body` with the cells of each row in turn, as the table would hold them, in one
    /// buffer that the next row overwrites.
    func forEachRow(_ body: (UnsafeBufferPointer<Value>) -> Void) {
        var cells = [Value](repeating: .null, count: columns.count)
        cells.withUnsafeMutableBufferPointer { cells in
            for index in rows.indices {
                let row = rows[index]
                cells[0] = row.ordinal.map(Value.number) ?? .null
                cells[1] = .string(row.country)
                cells[2] = registry.isOrganization(code: row.country) ? AnswerTables.organizationKind : AnswerTables.countryKind
                cells[3] = .string(row.name)
                cells[4] = .string(row.status.rawValue)
                cells[5] = .date(row.since)
                cells[6] = .string(row.certainty.rawValue)
                if hasSuspension { cells[7] = .bool(row.suspended) }
                body(UnsafeBufferPointer(cells))
            }
        }
    }
}
