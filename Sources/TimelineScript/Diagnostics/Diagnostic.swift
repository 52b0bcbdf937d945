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

    /// A stable identifier, such as `unterminated-string` or `unknown-country`, with its category.
    public let id: DiagnosticID
    /// Whether it is an error, a warning or a note.
    public let severity: Severity
    /// What is wrong and what was expected.
    public let message: String
    /// The byte range in the source the finding is about.
    public let range: Range<Int>
    /// Further remarks printed after the caret (`nothing was appended …`).
    public var notes: [String]
    /// Whether the finding is about a place in the source; a failure of the log itself is not.
    public let isLocated: Bool

    /// A finding about a place in the source, with a message of the catalog.
    public init(_ message: some DiagnosticMessage, at range: Range<Int>, severity: Severity = .error, notes: [String] = []) {
        self.id = message.id
        self.severity = severity
        self.message = message.message
        self.range = range
        self.notes = notes
        self.isLocated = true
    }

    /// A finding about the whole run (the log is unreadable, an append failed), not a place.
    public init(unlocated message: some DiagnosticMessage, notes: [String] = []) {
        self.id = message.id
        self.severity = .error
        self.message = message.message
        self.range = 0..<0
        self.notes = notes
        self.isLocated = false
    }
}

/// Renders diagnostics for a terminal or a log: location, message, source line, caret.
public enum DiagnosticRenderer {
    /// The diagnostic as text, several lines, ending with a newline.
    public static func render(_ diagnostic: Diagnostic, in file: SourceFile) -> String {
        guard diagnostic.isLocated else {
            return "\(file.name): \(diagnostic.severity.rawValue): \(diagnostic.message)\n"
                + diagnostic.notes.map { "note: \($0)\n" }.joined()
        }
        let (line, column) = file.location(of: diagnostic.range.lowerBound)
        var text = "\(file.name):\(line):\(column): \(diagnostic.severity.rawValue): \(diagnostic.message)\n"
        // Binary input has no line worth showing.
        if diagnostic.id != LexerMessage.binaryInputID {
            let source = Array(file.lineText(line)).map { character -> Character in
                guard let scalar = character.unicodeScalars.first else { return "?" }
                if character == "\t" { return " " }
                return scalar.value < 0x20 || scalar == "\u{FFFD}" || scalar.value == 0x7F ? "?" : character
            }
            let endColumn =
                file.location(of: diagnostic.range.upperBound).line == line
                ? file.location(of: diagnostic.range.upperBound).column : source.count + 1
            var width = max(1, min(endColumn, source.count + 1) - column)
            // Long lines show a window around the column.
            var start = 0
            var end = source.count
            if source.count > maximumLineWidth {
                start = max(0, column - 1 - maximumLineWidth / 2)
                end = min(source.count, start + maximumLineWidth)
            }
            let prefix = start > 0 ? "…" : ""
            let suffix = end < source.count ? "…" : ""
            text += "  " + prefix + String(source[start..<end]) + suffix + "\n"
            width = min(width, max(1, end - (column - 1)))
            text +=
                "  " + String(repeating: " ", count: prefix.count + column - 1 - start) + "^"
                + String(repeating: "~", count: max(0, width - 1)) + "\n"
        }
        for note in diagnostic.notes { text += "note: \(note)\n" }
        return text
    }

    /// The longest source excerpt shown under a message.
    static let maximumLineWidth = 100
}
