/// How tables are printed: aligned text, one field per line (`records`), a GitHub-flavoured
/// Markdown table, a JSON array, JSON Lines (one object per line, empty cells left out) or CSV.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table
    case records
    case markdown
    case json
    case jsonl
    case csv

    /// Whether the format is for programs (JSON, JSON Lines, CSV): notes and messages then go to
    /// standard error, and cells are never cut.
    public var isMachineReadable: Bool {
        switch self {
        case .json, .jsonl, .csv: true
        case .table, .records, .markdown: false
        }
    }

    /// The format names, as `--format` and `.format` take them.
    public static var names: [String] { allCases.map(\.rawValue) }
}
