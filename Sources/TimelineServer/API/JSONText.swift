import TimelineScript
import TimelineStore

/// The JSON pieces every answer shares: heads, string lists, tables with the language's keys.
enum JSONText {
    /// `{"seq":827,"hash":"c79c…"}`.
    static func head(_ head: LogHead) -> String {
        JSONValue.object([("seq", .number(head.count)), ("hash", .string(head.hash.hex))]).text
    }

    /// A JSON array of strings.
    static func strings(_ values: [String]) -> String { JSONValue.array(values.map(JSONValue.string)).text }

    /// A JSON string literal.
    static func string(_ value: String) -> String { JSONValue.string(value).text }

    /// A table's rows as `--format json` prints them: an array of objects with the table's keys.
    static func rows(_ table: Table) -> String {
        guard !table.columns.isEmpty else { return "[]" }
        return TableRenderer(format: .json, colour: false).render(table).trimmingSuffixNewlines()
    }

    /// `"columns":[…],"rows":[…],"notes":[…]`, to splice into an object.
    static func tableMembers(_ table: Table) -> String {
        "\"columns\":\(strings(table.columns)),\"rows\":\(rows(table)),\"notes\":\(strings(table.notes))"
    }
}

extension String {
    /// The text without the line breaks it ends with.
    func trimmingSuffixNewlines() -> String {
        var text = self
        while text.last == "\n" { text.removeLast() }
        return text
    }
}
