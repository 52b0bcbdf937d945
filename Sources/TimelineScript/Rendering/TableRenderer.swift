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
        case .json: return json(table)
        case .jsonl: return jsonLines(table)
        case .csv: return csv(table)
        }
    }

    /// The table's notes as lines: `note: …`, wrapped to the width for aligned text and records;
    /// in Markdown, each its own paragraph, followed by a blank line.
    public func notes(of table: Table) -> String {
        switch format {
        case .markdown:
            return table.notes.map { "note: \(MarkdownTable.escape($0))\n\n" }.joined()
        case .table, .records, .json, .jsonl, .csv:
            guard let width, !format.isMachineReadable else { return table.notes.map { "note: \($0)\n" }.joined() }
            // "note: " then the text, its further lines under the text.
            return table.notes.map { note in
                TextFitting.wrap(note, width: max(AlignedTable.minimumTextWidth, width - 6)).enumerated().map {
                    ($0.offset == 0 ? "note: " : "      ") + $0.element + "\n"
                }.joined()
            }.joined()
        }
    }

    static func title(_ column: String) -> String { column == "ordinal" ? "#" : column.uppercased() }

    private func json(_ table: Table) -> String {
        guard !table.rows.isEmpty else { return "[]\n" }
        var out = "[\n"
        for (index, row) in table.rows.enumerated() {
            let pairs = zip(table.columns, row).map { key, value in Self.quote(key) + ":" + Self.json(value) }
            out += "  {" + pairs.joined(separator: ",") + "}" + (index == table.rows.count - 1 ? "\n" : ",\n")
        }
        return out + "]\n"
    }

    private func jsonLines(_ table: Table) -> String {
        table.rows.map { row in
            "{"
                + zip(table.columns, row).compactMap { key, value in
                    if case .null = value { return nil }
                    return Self.quote(key) + ":" + Self.json(value)
                }.joined(separator: ",") + "}\n"
        }.joined()
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
        var out = "\""
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
        return out + "\""
    }

    /// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
    public static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    private func csv(_ table: Table) -> String {
        var out = table.columns.map(Self.csvField).joined(separator: ",") + "\n"
        for row in table.rows { out += row.map { Self.csvField($0.text) }.joined(separator: ",") + "\n" }
        return out
    }
}
