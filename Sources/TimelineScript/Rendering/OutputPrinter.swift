/// Decides where each output of a script goes and how it reads: tables and printed text on
/// standard output; notes and status messages there too for tables, on standard error for JSON
/// and CSV (so that those stay machine-readable).
public struct OutputPrinter: Sendable {
    /// How tables and their notes are rendered.
    public let renderer: TableRenderer

    /// A printer rendering tables with `renderer`.
    public init(renderer: TableRenderer) { self.renderer = renderer }

    /// The bytes for standard output and the text for standard error (`text(for:)`, with a
    /// table's CSV or JSON given as the bytes it was rendered to).
    public func bytes(for output: ScriptOutput) -> (out: [UInt8], error: String) {
        guard renderer.format.isMachineReadable else {
            let text = text(for: output)
            return (Array(text.out.utf8), text.error)
        }
        switch output {
        case .table(let table): return (renderer.renderBytes(table), renderer.notes(of: table))
        case .stateRows(let answer): return (renderer.renderBytes(answer), renderer.notes(answer.notes))
        case .text, .info:
            let text = text(for: output)
            return (Array(text.out.utf8), text.error)
        }
    }

    /// The text for standard output and for standard error.
    public func text(for output: ScriptOutput) -> (out: String, error: String) {
        let machine = renderer.format.isMachineReadable
        switch output {
        case .table(let table):
            let notes = renderer.notes(of: table)
            return machine ? (renderer.render(table), notes) : (renderer.render(table) + notes, "")
        case .stateRows(let answer):
            return text(for: .table(answer.table))
        case .text(let text):
            return (text + "\n", "")
        case .info(let message):
            return machine ? ("", message + "\n") : (message + "\n", "")
        }
    }
}
