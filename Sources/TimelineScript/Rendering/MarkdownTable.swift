/// A table as GitHub-flavoured Markdown, for pasting an answer into an article:
///
/// ```
/// |   # | country | name    | status | since      | certainty |
/// |----:|---------|---------|--------|------------|-----------|
/// |  10 | BLR     | Belarus | member | 2024-07-04 | certain   |
/// ```
///
/// Headers are the column keys (`#` for the ordinal); numeric columns are right-aligned; cells are
/// padded so the source reads as a table too. A `|` or backslash in a cell is escaped and a line
/// break becomes `<br>`, so every row stays one row. Nothing is cut.
struct MarkdownTable {
    let table: Table

    /// The table, each line ending in a newline, and a blank line after it.
    func text() -> String {
        let headers = table.columns.map { $0 == "ordinal" ? "#" : Self.escape($0) }
        let cells = table.rows.map { $0.map { Self.escape($0.text) } }
        let numeric = table.columns.indices.map { index in
            !table.rows.isEmpty
                && table.rows.allSatisfy { row in
                    if case .number = row[index] { return true }
                    if case .null = row[index] { return true }
                    return false
                }
        }
        var widths = headers.map { max(3, $0.count) }
        for row in cells {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        func line(_ values: [String]) -> String {
            let padded = values.enumerated().map { index, value in
                let padding = String(repeating: " ", count: widths[index] - value.count)
                return numeric[index] ? padding + value : value + padding
            }
            return "| " + padded.joined(separator: " | ") + " |\n"
        }
        let rule = widths.indices.map { index in
            numeric[index] ? String(repeating: "-", count: widths[index] + 1) + ":" : String(repeating: "-", count: widths[index] + 2)
        }
        // A blank line ends the table, so that what follows (a note, the next table) stays apart.
        return line(headers) + "|" + rule.joined(separator: "|") + "|\n" + cells.map(line).joined() + "\n"
    }

    /// A cell's text with the characters that would break a row escaped: `\` and `|` get a
    /// backslash, line breaks become `<br>`.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "|": out += "\\|"
            case "\\": out += "\\\\"
            case "\n", "\r\n", "\r": out += "<br>"
            default: out.append(character)
            }
        }
        return out
    }
}
