/// Renders tables as aligned text (with optional colour), JSON or CSV.
///
/// JSON is an array of row objects keyed by the table's column keys; CSV has a header row.
public struct TableRenderer: Sendable {
    /// The output format: aligned text, JSON, JSON Lines or CSV.
    public let format: OutputFormat
    /// Whether to use ANSI colour (only ever on a terminal, never with `NO_COLOR`).
    public let colour: Bool

    /// A renderer for `format`, with ANSI colour when `colour` is true.
    public init(format: OutputFormat, colour: Bool) {
        self.format = format
        self.colour = colour
    }

    /// The table as text ending with a newline; notes are separate (see `notes(of:)`).
    public func render(_ table: Table) -> String {
        guard !table.columns.isEmpty else { return "" }
        switch format {
        case .table: return text(table)
        case .json: return json(table)
        case .jsonl: return jsonLines(table)
        case .csv: return csv(table)
        }
    }

    /// The table's notes as lines: `note: …`.
    public func notes(of table: Table) -> String {
        table.notes.map { "note: \($0)\n" }.joined()
    }

    static func title(_ column: String) -> String { column == "ordinal" ? "#" : column.uppercased() }

    private func text(_ table: Table) -> String {
        let titles = table.columns.map(Self.title)
        let cells = table.rows.map { $0.map(\.text) }
        var widths = titles.map(\.count)
        for row in cells {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        let numeric = table.columns.indices.map { index in
            table.rows.allSatisfy { row in
                if case .number = row[index] { return true }
                if case .null = row[index] { return true }
                return false
            }
        }
        func line(_ values: [String]) -> String {
            var parts: [String] = []
            for (index, value) in values.enumerated() {
                let padding = String(repeating: " ", count: widths[index] - value.count)
                if index == values.count - 1 && !numeric[index] {
                    parts.append(value)
                } else {
                    parts.append(numeric[index] ? padding + value : value + padding)
                }
            }
            return parts.joined(separator: "  ")
        }
        var out = ""
        let header = line(titles)
        out += (colour ? "\u{1B}[1m" + header + "\u{1B}[0m" : header) + "\n"
        let certainty = table.column("certainty")
        for (index, row) in cells.enumerated() {
            let text = line(row)
            let possible = certainty.map { table.rows[index][$0].text == "possible" } ?? false
            out += (colour && possible ? "\u{1B}[33m" + text + "\u{1B}[0m" : text) + "\n"
        }
        if table.rows.isEmpty { out += "(no rows)\n" }
        return out
    }

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
