/// The messages of `import`: the file's format and its rows. A file that cannot be read is a
/// `HostMessage`; a refused row is a `StoreMessage.importRefused`.
public enum ImportMessage: DiagnosticMessage, Hashable {
    /// The file is neither CSV nor JSON Lines.
    case unsupportedFormat(path: String)
    /// A row that does not read as an event; `reason` says why.
    case invalidRow(path: String, line: Int, reason: String)

    /// The message's id: each is an error in the script's input.
    public var id: DiagnosticID {
        switch self {
        case .unsupportedFormat: return DiagnosticID("import-format", category: .runtime)
        case .invalidRow: return DiagnosticID("import-invalid-row", category: .runtime)
        }
    }

    /// The text of the message.
    public var message: String {
        switch self {
        case .unsupportedFormat(let path): return "import reads .csv or .jsonl files (as written by export events), not \(path)"
        case .invalidRow(let path, let line, let reason): return "\(path):\(line): \(reason); nothing was imported"
        }
    }
}
