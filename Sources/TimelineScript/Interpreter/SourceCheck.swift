/// Refuses input that is not text, or too large, before it reaches the lexer.
enum SourceCheck {
    /// The largest script accepted, in bytes.
    static let maximumBytes = 16 << 20

    /// A diagnostic at the first byte that is not text, or for a script over the size cap; `nil`
    /// for acceptable text.
    static func binaryContent(_ source: SourceFile) -> Diagnostic? {
        let bytes = source.bytes
        if bytes.count > maximumBytes {
            return Diagnostic(unlocated: "script-too-large", "the script is \(bytes.count >> 20) MB; scripts may be at most \(maximumBytes >> 20) MB (split it, or use import for data)")
        }
        if let nul = bytes.firstIndex(of: 0) {
            return Diagnostic("binary-input", "this is not a text script: it contains a NUL byte (binary data?)", at: nul..<nul + 1)
        }
        if let replacement = source.text.unicodeScalars.firstIndex(of: "\u{FFFD}") {
            let offset = source.text.unicodeScalars[..<replacement].reduce(0) { $0 + String($1).utf8.count }
            return Diagnostic("binary-input", "this is not a UTF-8 text script: invalid or binary bytes", at: offset..<offset + 1)
        }
        return nil
    }
}
