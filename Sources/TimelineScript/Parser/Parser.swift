/// A recursive-descent parser over the tokens of a script.
///
/// It recovers at statement boundaries, so one run reports every syntax error in a script.
/// Expressions nest at most `maximumDepth` levels: deeper input is an error, not a crash.
public struct Parser {
    /// The lexer, which runs ahead of the parser only as far as the parser looks.
    var lexer: Lexer
    /// The tokens read and not yet forgotten: from the one before the current statement's start
    /// (see `forgetConsumedTokens`) to the furthest the parser has looked. A script of any length
    /// is never held as a whole array of tokens.
    var tokens: [Token] = []
    /// The current token's index in `tokens`.
    var position = 0
    var diagnostics: [Diagnostic] = []
    var depth = 0
    /// The byte ranges of the bare paths read (see `parsePath`): lexical errors inside them are
    /// not errors.
    var pathRanges: [Range<Int>] = []
    let source: SourceFile
    /// Whether binary operators are read one level of precedence at a time (the simple path,
    /// for the test that compares it with precedence climbing) rather than in one loop.
    let usesLevelChain: Bool
    /// Called with each top-level statement once it is read whole, and whether it stays in the
    /// run (see `Statement.staysInRun`, which it equals: tested).
    var parsed: ((Statement, Bool) -> Void)?
    /// How many clauses and statements read so far reach outside a run: a file written (`svg`,
    /// `html`, `into`), a key awaited (`step`), a file imported, a transaction begun or ended.
    var reachesOutsideRun = 0

    /// How deeply expressions and blocks may nest.
    public static let maximumDepth = 200
    /// How many errors one run reports before it stops.
    public static let maximumDiagnostics = 50

    /// Statement keywords, for messages and suggestions.
    public static let statementKeywords = ["let", "for", "if", "print", "append", "import"]
    /// Query keywords: the verbs of `QueryVerb`, in its order.
    public static let queryKeywords = QueryVerb.allCases.map(\.rawValue)

    /// Parses a whole script. Lexical and syntax errors are returned together, in source order.
    public static func parse(_ source: SourceFile) -> (program: Program, diagnostics: [Diagnostic]) {
        parse(source, usesLevelChain: false)
    }

    /// Parses a whole script, reading binary operators one level at a time when `usesLevelChain`,
    /// and handing each top-level statement to `parsed` as soon as it is read (see
    /// `StatementStream`).
    static func parse(_ source: SourceFile, usesLevelChain: Bool, parsed: ((Statement, Bool) -> Void)? = nil) -> (
        program: Program, diagnostics: [Diagnostic]
    ) {
        var parser = Parser(source: source, usesLevelChain: usesLevelChain)
        parser.parsed = parsed
        let statements = parser.parseStatements(untilBrace: false)
        // After too many errors the parser stops early: the lexer still reports the rest.
        if parser.tokens[parser.tokens.count - 1].kind != .end {
            while parser.lexer.next().kind != .end {}
        }
        let lexical = parser.lexer.diagnostics.filter { diagnostic in
            !parser.pathRanges.contains { $0.contains(diagnostic.range.lowerBound) }
        }
        // A line with a lexical error gets no further syntax errors: they would only echo it.
        let lexicalLines = Set(lexical.map { source.location(of: $0.range.lowerBound).line })
        let syntax = parser.diagnostics.filter { !lexicalLines.contains(source.location(of: $0.range.lowerBound).line) }
        let all = (lexical + syntax).sorted { $0.range.lowerBound < $1.range.lowerBound }
        return (Program(statements: statements), Array(all.prefix(maximumDiagnostics)))
    }

    init(source: SourceFile, usesLevelChain: Bool = false) {
        self.source = source
        self.usesLevelChain = usesLevelChain
        lexer = Lexer(source: source)
        tokens.reserveCapacity(64)
        tokens.append(lexer.next())
    }

    // MARK: Tokens

    var current: Token { tokens[position] }

    /// The token `offset` places after the current one (the current one for 0), or the end.
    mutating func peek(_ offset: Int = 1) -> Token {
        while tokens.count <= position + offset, tokens[tokens.count - 1].kind != .end { tokens.append(lexer.next()) }
        return tokens[min(position + offset, tokens.count - 1)]
    }

    /// The current token; the next one becomes current, unless this one is the end.
    mutating func advance() -> Token {
        let token = tokens[position]
        if token.kind == .end { return token }
        position += 1
        if position == tokens.count { tokens.append(lexer.next()) }
        return token
    }

    /// Forgets the tokens read before the previous one, which no statement still being parsed
    /// looks back at (a bare path looks at the previous token's end), and their literals. Called between statements,
    /// and only once enough have gathered that moving the rest down is cheap.
    mutating func forgetConsumedTokens() {
        guard position > 256 else { return }
        tokens.removeFirst(position - 1)
        position = 1
        lexer.forgetLiterals(keeping: tokens)
    }

    mutating func skipNewlines() {
        while current.kind == .newline || current.isSymbol(.semicolon) { _ = advance() }
    }

    mutating func skipLineBreaks() {
        while current.kind == .newline { _ = advance() }
    }

    /// Whether the current token ends a statement.
    var atStatementEnd: Bool {
        switch current.kind {
        case .newline, .end: return true
        case .symbol: return current.symbol == .semicolon || current.symbol == .closeBrace
        default: return false
        }
    }

    /// A word token's text as written (`nil` for any other token), read from the source.
    func word(_ token: Token) -> String? {
        token.kind == .word ? lexer.text(of: token) : nil
    }

    /// A word token's text in lower case, `--` and all (`nil` for any other token): what a
    /// keyword is compared with where the words are not the language's own (an append's clauses).
    func lowered(_ token: Token) -> String? {
        guard token.kind == .word else { return nil }
        if let keyword = token.keyword, !token.isOption { return keyword.text }
        return lexer.text(of: token).lowercased()
    }

    /// The word a clause starts with, its two dashes dropped (`--svg` is `svg`), in lower case.
    func clauseWord(_ token: Token) -> String? {
        guard token.kind == .word else { return nil }
        if let keyword = token.keyword { return keyword.text }
        let text = lexer.text(of: token).lowercased()
        return token.isOption ? String(text.dropFirst(2)) : text
    }

    func describe(_ token: Token) -> String {
        switch token.kind {
        case .word: return "\"\(lexer.text(of: token))\""
        case .number: return "the number \(token.value)"
        case .string: return "a string"
        case .date: return "the date \(lexer.date(token).text)"
        case .symbol: return "\"\(token.symbol?.text ?? "")\""
        case .newline: return "the end of the line"
        case .end: return "the end of the input"
        }
    }

    func error(_ message: ParserMessage, at range: Range<Int>? = nil, notes: [String] = []) -> Diagnostic {
        Diagnostic(message, at: range ?? current.range, notes: notes)
    }

    mutating func expectSymbol(_ symbol: Symbol, _ what: String) throws(Diagnostic) -> Token {
        guard current.isSymbol(symbol) else {
            throw error(.expectedSymbol(symbol.text, what: what, found: describe(current)))
        }
        return advance()
    }

    mutating func expectWord(_ keyword: Keyword, _ what: String) throws(Diagnostic) -> Token {
        guard current.isWord(keyword) else {
            throw error(.expectedKeyword(keyword.text, what: what, found: describe(current)))
        }
        return advance()
    }

    mutating func expectName(_ what: String) throws(Diagnostic) -> (String, Range<Int>) {
        guard let word = word(current) else { throw error(.expectedName(what: what, found: describe(current))) }
        return (word, advance().range)
    }

    /// Skips to the end of the current statement after an error, keeping braces balanced.
    mutating func recover() {
        var braces = 0
        while true {
            switch (current.kind, current.symbol) {
            case (.end, _): return
            case (.newline, _) where braces == 0: return
            case (.symbol, .semicolon) where braces == 0: return
            case (.symbol, .openBrace): braces += 1
            case (.symbol, .closeBrace):
                if braces == 0 { return }
                braces -= 1
            default: break
            }
            _ = advance()
        }
    }

    mutating func enter(_ range: Range<Int>) throws(Diagnostic) {
        depth += 1
        if depth > Self.maximumDepth {
            throw error(.tooDeep(maximum: Self.maximumDepth), at: range)
        }
    }

    mutating func leave() { depth -= 1 }
}
