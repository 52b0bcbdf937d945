import TimelineScript

/// A JSON value for command output, written with keys in the order given.
indirect enum JSONOutput {
    case string(String)
    case number(Int)
    case bool(Bool)
    case null
    case array([JSONOutput])
    case object([(String, JSONOutput)])

    /// The value as compact JSON text.
    var text: String {
        switch self {
        case .string(let value): return JSONOutput.quote(value)
        case .number(let value): return String(value)
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        case .array(let items): return "[" + items.map(\.text).joined(separator: ",") + "]"
        case .object(let pairs): return "{" + pairs.map { JSONOutput.quote($0.0) + ":" + $0.1.text }.joined(separator: ",") + "}"
        }
    }

    /// A string or `null`.
    static func optional(_ value: String?) -> JSONOutput { value.map(JSONOutput.string) ?? .null }

    static func quote(_ text: String) -> String { TableRenderer.quote(text) }
}

/// CSV fields quoted when needed (RFC 4180).
enum CSVOutput {
    static func row(_ fields: [String]) -> String { fields.map(TableRenderer.csvField).joined(separator: ",") }
}
