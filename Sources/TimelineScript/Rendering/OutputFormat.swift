/// How tables are printed: aligned text, a JSON array, JSON Lines (one object per line, empty
/// cells left out) or CSV.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table
    case json
    case jsonl
    case csv
}
