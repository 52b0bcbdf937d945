/// A JSON value written with its object keys in the order given: what the command line prints for
/// `verify`, `summary` and other answers that are not tables (tables go through `TableRenderer`).
///
/// For example:
/// ```swift
/// JSONValue.object([("seq", .number(97)), ("hash", .string("3fa9…"))]).text   // {"seq":97,"hash":"3fa9…"}
/// ```
public indirect enum JSONValue: Sendable {
    case string(String)
    case number(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// The value as compact JSON text.
    public var text: String {
        switch self {
        case .string(let value): return TableRenderer.quote(value)
        case .number(let value): return String(value)
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        case .array(let items): return "[" + items.map(\.text).joined(separator: ",") + "]"
        case .object(let pairs): return "{" + pairs.map { TableRenderer.quote($0.0) + ":" + $0.1.text }.joined(separator: ",") + "}"
        }
    }

    /// A string, or `null` for `nil`.
    public static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
}

/// A CSV line (RFC 4180): fields quoted when needed, the same quoting as tables.
public enum CSVLine {
    /// The fields as one line, without its line break.
    public static func row(_ fields: [String]) -> String { fields.map(TableRenderer.csvField).joined(separator: ",") }
}
