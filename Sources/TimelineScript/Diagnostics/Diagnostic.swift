/// A finding about a script: a stable id, a severity, a message, where it is, and notes.
///
/// Diagnostics are values; the executable renders them as
/// `FILE:LINE:COL: error: MESSAGE`, the source line, and a caret under the column.
public struct Diagnostic: Error, Hashable, Sendable {
    /// How serious it is.
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
        case note
    }

    /// A stable identifier, such as `unterminated-string` or `unknown-country`.
    public let id: String
    public let severity: Severity
    /// What is wrong and what was expected.
    public let message: String
    /// The byte range in the source the finding is about.
    public let range: Range<Int>
    /// Further remarks printed after the caret (`nothing was appended …`).
    public var notes: [String]

    public init(_ id: String, _ message: String, at range: Range<Int>, severity: Severity = .error, notes: [String] = []) {
        self.id = id
        self.severity = severity
        self.message = message
        self.range = range
        self.notes = notes
    }
}

/// Renders diagnostics for a terminal or a log: location, message, source line, caret.
public enum DiagnosticRenderer {
    /// The diagnostic as text, several lines, ending with a newline.
    public static func render(_ diagnostic: Diagnostic, in file: SourceFile) -> String {
        let (line, column) = file.location(of: diagnostic.range.lowerBound)
        var text = "\(file.name):\(line):\(column): \(diagnostic.severity.rawValue): \(diagnostic.message)\n"
        let source = file.lineText(line)
        if !source.isEmpty || file.bytes.isEmpty == false {
            let printable = String(source.map { $0 == "\t" ? " " : ($0.isASCII && $0.asciiValue! < 0x20 ? "?" : $0) })
            text += "  " + printable + "\n"
            let lineLength = printable.count
            var width = max(1, file.location(of: diagnostic.range.upperBound).line == line
                ? file.location(of: diagnostic.range.upperBound).column - column : lineLength - column + 1)
            width = min(width, max(1, lineLength - column + 1))
            text += "  " + String(repeating: " ", count: column - 1) + "^" + String(repeating: "~", count: max(0, width - 1)) + "\n"
        }
        for note in diagnostic.notes { text += "note: \(note)\n" }
        return text
    }
}
