/// Whether typed text is a whole statement yet, or the REPL should ask for more on a
/// continuation prompt: an open brace, parenthesis, bracket or string, or a trailing `|` or `\`.
public enum StatementCompleteness {
    /// `true` when the text cannot end here.
    public static func needsMore(_ text: String) -> Bool {
        let (tokens, diagnostics) = Lexer.tokenize(SourceFile(name: "", text: text))
        if diagnostics.contains(where: { $0.id == LexerMessage.unterminatedStringID }) { return true }
        var depth = 0
        for token in tokens {
            switch token.kind {
            case .symbol("{"), .symbol("("), .symbol("["): depth += 1
            case .symbol("}"), .symbol(")"), .symbol("]"): depth -= 1
            default: break
            }
        }
        if depth > 0 { return true }
        if text.hasSuffix("\\") { return true }
        let last = tokens.last { $0.kind != .newline && $0.kind != .end }
        return last?.isSymbol("|") == true
    }
}
