/// Refuses input that is not text before it reaches the lexer: NUL bytes or invalid UTF-8.
enum SourceCheck {
    /// A diagnostic at the first byte that is not text, or `nil` for text.
    static func binaryContent(_ source: SourceFile) -> Diagnostic? {
        let bytes = source.bytes
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
