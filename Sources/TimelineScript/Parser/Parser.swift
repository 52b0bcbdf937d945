/// A recursive-descent parser over the tokens of a script.
///
/// It recovers at statement boundaries, so one run reports every syntax error in a script.
/// Expressions nest at most `maximumDepth` levels: deeper input is an error, not a crash.
public struct Parser {
    var tokens: [Token]
    var position = 0
    var diagnostics: [Diagnostic] = []
    var depth = 0
    /// The byte ranges of the bare paths read (see `parsePath`): lexical errors inside them are
    /// not errors.
    var pathRanges: [Range<Int>] = []
    let source: SourceFile

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
        let (tokens, lexed) = Lexer.tokenize(source)
        var parser = Parser(tokens: tokens, source: source)
        let statements = parser.parseStatements(untilBrace: false)
        let lexical = lexed.filter { diagnostic in !parser.pathRanges.contains { $0.contains(diagnostic.range.lowerBound) } }
        // A line with a lexical error gets no further syntax errors: they would only echo it.
        let lexicalLines = Set(lexical.map { source.location(of: $0.range.lowerBound).line })
        let syntax = parser.diagnostics.filter { !lexicalLines.contains(source.location(of: $0.range.lowerBound).line) }
        let all = (lexical + syntax).sorted { $0.range.lowerBound < $1.range.lowerBound }
        return (Program(statements: statements), Array(all.prefix(maximumDiagnostics)))
    }

    init(tokens: [Token], source: SourceFile) {
        self.tokens = tokens
        self.source = source
    }

    // MARK: Tokens

    var current: Token { tokens[position] }

    func peek(_ offset: Int = 1) -> Token { tokens[min(position + offset, tokens.count - 1)] }

    mutating func advance() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    mutating func skipNewlines() {
        while current.kind == .newline || current.isSymbol(";") { _ = advance() }
    }

    mutating func skipLineBreaks() {
        while current.kind == .newline { _ = advance() }
    }

    /// Whether the current token ends a statement.
    var atStatementEnd: Bool {
        switch current.kind {
        case .newline, .end: return true
        case .symbol(let symbol): return symbol == ";" || symbol == "}"
        default: return false
        }
    }

    func describe(_ token: Token) -> String {
        switch token.kind {
        case .word(let word): return "\"\(word)\""
        case .number(let number): return "the number \(number)"
        case .string: return "a string"
        case .date(let literal): return "the date \(literal.text)"
        case .symbol(let symbol): return "\"\(symbol)\""
        case .newline: return "the end of the line"
        case .end: return "the end of the input"
        }
    }

    func error(_ message: ParserMessage, at range: Range<Int>? = nil, notes: [String] = []) -> Diagnostic {
        Diagnostic(message, at: range ?? current.range, notes: notes)
    }

    mutating func expectSymbol(_ symbol: String, _ what: String) throws(Diagnostic) -> Token {
        guard current.isSymbol(symbol) else {
            throw error(.expectedSymbol(symbol, what: what, found: describe(current)))
        }
        return advance()
    }

    mutating func expectWord(_ keyword: String, _ what: String) throws(Diagnostic) -> Token {
        guard current.isWord(keyword) else {
            throw error(.expectedKeyword(keyword, what: what, found: describe(current)))
        }
        return advance()
    }

    mutating func expectName(_ what: String) throws(Diagnostic) -> (String, Range<Int>) {
        guard let word = current.word else { throw error(.expectedName(what: what, found: describe(current))) }
        return (word, advance().range)
    }

    /// Skips to the end of the current statement after an error, keeping braces balanced.
    mutating func recover() {
        var braces = 0
        while true {
            switch current.kind {
            case .end: return
            case .newline where braces == 0: return
            case .symbol(";") where braces == 0: return
            case .symbol("{"): braces += 1
            case .symbol("}"):
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
