/// Refuses input that is not text, or too large, before it reaches the lexer.
enum SourceCheck {
    /// The largest script accepted, in bytes.
    static let maximumBytes = 16 << 20

    /// A diagnostic at the first byte that is not text, or for a script over the size cap; `nil`
    /// for acceptable text.
    static func binaryContent(_ source: SourceFile) -> Diagnostic? {
        let bytes = source.bytes
        if bytes.count > maximumBytes {
            return Diagnostic(unlocated: LexerMessage.scriptTooLarge(megabytes: bytes.count >> 20, maximumMegabytes: maximumBytes >> 20))
        }
        if let nul = bytes.firstIndex(of: 0) {
            return Diagnostic(LexerMessage.nulByte, at: nul..<nul + 1)
        }
        // Bytes that are not UTF-8 were decoded to U+FFFD (EF BF BD): find the first, by bytes.
        if let offset = firstReplacement(in: Array(source.text.utf8)) {
            return Diagnostic(LexerMessage.invalidUTF8, at: offset..<offset + 1)
        }
        return nil
    }

    /// The offset of the first U+FFFD in UTF-8 bytes.
    static func firstReplacement(in bytes: [UInt8]) -> Int? {
        var index = 0
        while index + 2 < bytes.count {
            if bytes[index] == 0xEF, bytes[index + 1] == 0xBF, bytes[index + 2] == 0xBD { return index }
            index += 1
        }
        return nil
    }
}
