/// Whether typed text is a whole statement yet, or the REPL should ask for more on a
/// continuation prompt: an open brace, parenthesis, bracket or string, a trailing `|` or `\`, or
/// a trailing `intersect`, `union` or `except` after a table expression.
public enum StatementCompleteness {
    /// `true` when the text cannot end here.
    public static func needsMore(_ text: String) -> Bool {
        let (tokens, diagnostics) = Lexer.tokenize(SourceFile(name: "", text: text))
        if diagnostics.contains(where: { $0.id == LexerMessage.unterminatedStringID }) { return true }
        var depth = 0
        for token in tokens {
            switch token.symbol {
            case .openBrace, .openParenthesis, .openBracket: depth += 1
            case .closeBrace, .closeParenthesis, .closeBracket: depth -= 1
            default: break
            }
        }
        if depth > 0 { return true }
        if text.hasSuffix("\\") { return true }
        let words = tokens.filter { $0.kind != .newline && $0.kind != .end }
        guard let last = words.last else { return false }
        if last.isSymbol(.pipe) { return true }
        // `members SCO at 2025 intersect` waits for its right side; a lone `union` is a name.
        let setOperators: [Keyword] = [.intersect, .union, .except]
        guard words.count > 1, !last.isOption, last.keyword.map(setOperators.contains) == true else { return false }
        let before = words[words.count - 2]
        return !(before.isWord(.let) || before.isWord(.print) || before.isSymbol(.assign))
    }
}
