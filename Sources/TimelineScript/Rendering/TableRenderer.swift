/// Renders tables as aligned text (with optional colour), records, Markdown, JSON or CSV.
///
/// JSON is an array of row objects keyed by the table's column keys; CSV has a header row. With a
/// width, the aligned text fits it (long text columns wrap or are cut with "…", key columns never
/// are), and a table whose rows cannot fit even so is shown as records; JSON, JSON Lines, CSV and
/// Markdown always carry every cell whole.
public struct TableRenderer: Sendable {
    /// The output format: aligned text, records, Markdown, JSON, JSON Lines or CSV.
    public let format: OutputFormat
    /// Whether to use ANSI colour (only ever on a terminal, never with `NO_COLOR`).
    public let colour: Bool
    /// The widest a line of aligned text or records may be, in characters; `nil`: no limit (output
    /// that is not a terminal, with `COLUMNS` unset).
    public let width: Int?

    /// A renderer for `format`, with ANSI colour when `colour` is true, fitting `width` columns
    /// when given.
    public init(format: OutputFormat, colour: Bool, width: Int? = nil) {
        self.format = format
        self.colour = colour
        self.width = width
    }

    /// The table's text as UTF-8 bytes (`render(_:)`): CSV, JSON and JSON Lines are made as bytes
    /// and given as they are, without becoming a string first.
    public func renderBytes(_ table: Table) -> [UInt8] {
        guard !table.columns.isEmpty else { return [] }
        switch format {
        case .json: return json(table).bytes
        case .jsonl: return jsonLines(table).bytes
        case .csv: return csv(table).bytes
        case .table, .records, .markdown: return Array(render(table).utf8)
        }
    }

    /// A members, roster or status answer's text as UTF-8 bytes: the bytes of
    /// `renderBytes(answer.table)`, with CSV, JSON and JSON Lines written from the rows one at a
    /// time rather than from a table of values.
    public func renderBytes(_ answer: StateRows) -> [UInt8] {
        switch format {
        case .json: return json(columns: answer.columns, rowCount: answer.rows.count, rows: answer.forEachRow).bytes
        case .jsonl: return jsonLines(columns: answer.columns, rowCount: answer.rows.count, rows: answer.forEachRow).bytes
        case .csv: return csv(columns: answer.columns, rowCount: answer.rows.count, rows: answer.forEachRow).bytes
        case .table, .records, .markdown: return renderBytes(answer.table)
        }
    }

    /// The table as text ending with a newline; notes are separate (see `notes(of:)`).
    public func render(_ table: Table) -> String {
        guard !table.columns.isEmpty else { return "" }
        switch format {
        case .table:
            let shown = table.shownInText
            return AlignedTable(table: shown, colour: colour).text(width: width)
                ?? ExpandedRecords(table: shown, colour: colour).text(width: width)
        case .records: return ExpandedRecords(table: table.shownInText, colour: colour).text(width: width)
        case .markdown: return MarkdownTable(table: table.shownInText).text()
        case .json: return json(table).text
        case .jsonl: return jsonLines(table).text
        case .csv: return csv(table).text
        }
    }

    /// The table's notes as lines: `note: …`, wrapped to the width for aligned text and records;
    /// in Markdown, each its own paragraph, followed by a blank line.
    public func notes(of table: Table) -> String { notes(table.notes) }

    /// Notes as `notes(of:)` shows a table's.
    func notes(_ notes: [String]) -> String {
        switch format {
        case .markdown:
            return notes.map { "note: \(MarkdownTable.escape($0))\n\n" }.joined()
        case .table, .records, .json, .jsonl, .csv:
            guard let width, !format.isMachineReadable else { return notes.map { "note: \($0)\n" }.joined() }
            // "note: " then the text, its further lines under the text.
            return notes.map { note in
                TextFitting.wrap(note, width: max(AlignedTable.minimumTextWidth, width - 6)).enumerated().map {
                    ($0.offset == 0 ? "note: " : "      ") + $0.element + "\n"
                }.joined()
            }.joined()
        }
    }

    static func title(_ column: String) -> String { column == "ordinal" ? "#" : column.uppercased() }

    /// Calls `body` with the cells of each of the table's rows, read in place: copying a cell
    /// out of its row would retain and release its text.
    private static func forEachRow(of table: Table, _ body: (UnsafeBufferPointer<Value>) -> Void) {
        table.rows.withUnsafeBufferPointer { rows in
            for index in rows.indices { rows[index].withUnsafeBufferPointer(body) }
        }
    }

    private func json(_ table: Table) -> RenderedBytes {
        json(columns: table.columns, rowCount: table.rows.count) { Self.forEachRow(of: table, $0) }
    }

    /// JSON from rows that `rows` gives one by one (`rowCount` of them) to the closure it is called with.
    private func json(columns: [String], rowCount: Int, rows: ((UnsafeBufferPointer<Value>) -> Void) -> Void) -> RenderedBytes {
        guard rowCount > 0 else {
            var empty = RenderedBytes(capacity: 3)
            empty.append("[]\n")
            return empty
        }
        // Each key once, with what comes before it (`  {"key":` first, `,"key":` after), laid
        // end to end; each row's bytes written straight into one buffer.
        var keys: [UInt8] = []
        var keyRanges: [Range<Int>] = []
        for (offset, column) in columns.enumerated() {
            let start = keys.count
            keys.append(contentsOf: ((offset == 0 ? "  {" : ",") + Self.quote(column) + ":").utf8)
            keyRanges.append(start..<keys.count)
        }
        var out = RenderedBytes(capacity: rowCount * (keys.count + 8 + 16 * keyRanges.count))
        out.append("[\n")
        var written = 0
        keys.withUnsafeBufferPointer { keys in
            keyRanges.withUnsafeBufferPointer { keyRanges in
                rows { cells in
                    if cells.isEmpty { out.append("  {") }
                    for column in 0..<min(cells.count, keyRanges.count) {
                        out.append(UnsafeBufferPointer(rebasing: keys[keyRanges[column]]))
                        out.appendJSON(cells[column])
                    }
                    out.append(0x7D)
                    written += 1
                    if written < rowCount { out.append(0x2C) }
                    out.append(0x0A)
                }
            }
        }
        out.append("]\n")
        return out
    }

    private func jsonLines(_ table: Table) -> RenderedBytes {
        jsonLines(columns: table.columns, rowCount: table.rows.count) { Self.forEachRow(of: table, $0) }
    }

    /// JSON Lines from rows given as `json(columns:rowCount:rows:)` takes them.
    private func jsonLines(columns: [String], rowCount: Int, rows: ((UnsafeBufferPointer<Value>) -> Void) -> Void) -> RenderedBytes {
        let keys = columns.map { Array((Self.quote($0) + ":").utf8) }
        var out = RenderedBytes(capacity: rowCount * (keys.reduce(8) { $0 + $1.count } + 16 * keys.count))
        rows { cells in
            out.append(0x7B)
            var first = true
            for (column, value) in zip(keys.indices, cells) {
                if case .null = value { continue }
                if !first { out.append(0x2C) }
                first = false
                out.append(keys[column])
                out.appendJSON(value)
            }
            out.append("}\n")
        }
        return out
    }

    static func json(_ value: Value) -> String {
        switch value {
        case .number(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .list(let items): return "[" + items.map(json).joined(separator: ",") + "]"
        case .string, .date, .table, .row: return quote(value.text)
        }
    }

    /// A JSON string literal for a text.
    public static func quote(_ text: String) -> String {
        var out = ""
        appendQuoted(text, to: &out)
        return out
    }

    /// Appends a JSON string literal for a text to `out`.
    static func appendQuoted(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
    public static func csvField(_ text: String) -> String {
        guard RenderedBytes.needsCSVQuotes(text) else { return text }
        return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    private func csv(_ table: Table) -> RenderedBytes {
        csv(columns: table.columns, rowCount: table.rows.count) { Self.forEachRow(of: table, $0) }
    }

    /// CSV from rows given as `json(columns:rowCount:rows:)` takes them.
    private func csv(columns: [String], rowCount: Int, rows: ((UnsafeBufferPointer<Value>) -> Void) -> Void) -> RenderedBytes {
        var out = RenderedBytes(capacity: rowCount * 12 * max(1, columns.count) + 64)
        for (index, column) in columns.enumerated() {
            if index > 0 { out.append(0x2C) }
            out.appendCSV(.string(column))
        }
        out.append(0x0A)
        rows { cells in
            for index in cells.indices {
                if index > 0 { out.append(0x2C) }
                out.appendCSV(cells[index])
            }
            out.append(0x0A)
        }
        return out
    }
}
