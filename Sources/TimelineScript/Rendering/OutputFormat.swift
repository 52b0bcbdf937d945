/// How tables are printed: aligned text, JSON or CSV.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table
    case json
    case csv
}
