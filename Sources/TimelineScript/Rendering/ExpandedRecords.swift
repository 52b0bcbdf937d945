/// The expanded form of a table, like psql's `\x`: each row is a record headed
/// `-[ RECORD n ]`, then one field per line, its key, a bar and its value.
///
/// ```
/// -[ RECORD 1 ]-------------------
/// ordinal   | 10
/// country   | BLR
/// name      | Belarus
/// ```
///
/// Given a width, long values wrap onto further lines under the bar, and nothing is cut: this is
/// the form for reading every field of a wide row.
struct ExpandedRecords {
    let table: Table
    let colour: Bool

    /// The narrowest a value is wrapped to, however narrow the terminal.
    static let minimumValueWidth = 16

    /// The records as lines ending in a newline, at most `width` characters wide when a width is
    /// given (unless the keys alone leave less than `minimumValueWidth`).
    func text(width: Int?) -> String {
        guard !table.rows.isEmpty else { return "(no rows)\n" }
        let keyWidth = table.columns.map(\.count).max() ?? 0
        let widest = table.rows.lazy.flatMap { $0.lazy.map(\.text.count) }.max() ?? 0
        let valueWidth = width.map { max(Self.minimumValueWidth, $0 - keyWidth - 3) }
        let ruleWidth = keyWidth + 3 + min(widest, valueWidth ?? widest)
        let certainty = table.column("certainty")
        var out = ""
        for (number, row) in table.rows.enumerated() {
            let title = "-[ RECORD \(number + 1) ]"
            let rule = title + String(repeating: "-", count: max(1, ruleWidth - title.count))
            let possible = certainty.map { row[$0].text == "possible" } ?? false
            out += (colour ? "\u{1B}[\(possible ? "1;33" : "1")m" + rule + "\u{1B}[0m" : rule) + "\n"
            for (key, value) in zip(table.columns, row) {
                let lines = valueWidth.map { TextFitting.wrap(value.text, width: $0) } ?? [value.text]
                for (index, text) in lines.enumerated() {
                    let label = index == 0 ? key : ""
                    let line = label + String(repeating: " ", count: keyWidth - label.count) + " |" + (text.isEmpty ? "" : " " + text)
                    out += line + "\n"
                }
            }
        }
        return out
    }
}
