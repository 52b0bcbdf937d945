import TimelineCore

extension Parser {
    /// `expression ('|' stage)*`; a `|` at the end of a line, or at the start of the next,
    /// continues the pipeline.
    mutating func parsePipeline() throws(Diagnostic) -> Expression {
        let source = try parseExpression()
        var stages: [PipelineStage] = []
        while true {
            if current.kind == .newline {
                // A pipeline may continue on the next line when that line starts with "|".
                var offset = 0
                while peek(offset).kind == .newline { offset += 1 }
                guard peek(offset).isSymbol(.pipe) else { break }
                for _ in 0..<offset { _ = advance() }
            }
            guard current.isSymbol(.pipe) else { break }
            _ = advance()
            skipLineBreaks()
            stages.append(try parseStage())
        }
        guard !stages.isEmpty else { return source }
        return Expression(.pipeline(source, stages), source.range.lowerBound..<stages.last!.range.upperBound)
    }

    /// The keywords that start a pipeline stage.
    static let stageKeywords: [Keyword] = [.where, .sort, .select, .count, .first, .last]
    /// Their names, for messages and suggestions.
    static let stageNames = stageKeywords.map(\.text)

    mutating func parseStage() throws(Diagnostic) -> PipelineStage {
        guard let name = current.isOption ? nil : current.keyword, Self.stageKeywords.contains(name) else {
            let suggestions = word(current).map { NameKey.nearest(to: $0, among: Self.stageNames, limit: 1) } ?? []
            throw error(.unknownStage(found: describe(current), suggestion: suggestions.first))
        }
        let start = advance().range
        switch name {
        case .where:
            let condition = try parseExpression()
            return PipelineStage(kind: .where(condition), range: start.lowerBound..<condition.range.upperBound)
        case .sort:
            var keys: [(column: String, descending: Bool, range: Range<Int>)] = []
            repeat {
                if !keys.isEmpty { _ = advance() }
                let (column, range) = try expectName("a column name after sort")
                var descending = false
                var end = range.upperBound
                if current.isWord(.desc) || current.isWord(.asc) {
                    descending = current.isWord(.desc)
                    end = advance().range.upperBound
                }
                keys.append((column, descending, range.lowerBound..<end))
            } while current.isSymbol(.comma)
            return PipelineStage(kind: .sort(keys), range: start.lowerBound..<keys.last!.range.upperBound)
        case .select:
            var columns: [(column: String, range: Range<Int>)] = []
            repeat {
                if !columns.isEmpty { _ = advance() }
                let (column, range) = try expectName("a column name after select")
                columns.append((column, range))
            } while current.isSymbol(.comma)
            return PipelineStage(kind: .select(columns), range: start.lowerBound..<columns.last!.range.upperBound)
        case .count:
            return PipelineStage(kind: .count, range: start)
        default:
            let count = try parseUnary()
            return PipelineStage(kind: name == .first ? .first(count) : .last(count), range: start.lowerBound..<count.range.upperBound)
        }
    }

    mutating func parseExpression() throws(Diagnostic) -> Expression {
        try enter(current.range)
        defer { leave() }
        if usesLevelChain { return try parseUnionOrExcept() }
        return try parseOperators(from: BinaryOperator.Level.union)
    }

    /// `a + b`, `a - b` and tighter: what a clause takes (`at 2001 + 1`), with no comparison.
    mutating func parseAdditive() throws(Diagnostic) -> Expression {
        if usesLevelChain { return try parseAdditiveLevel() }
        return try parseOperators(from: BinaryOperator.Level.additive)
    }

    /// Every binary operator of precedence `minimum` or tighter, by precedence climbing: one loop
    /// over the operators that follow an operand, rather than a function per level of precedence
    /// each looking at the current token (see `BinaryOperator` for the levels). It reads what the
    /// levels one by one read (`Parser+LevelChain.swift`, kept to test that): comparisons and
    /// ranges take no second one (`a == b == c` leaves `== c` for the caller), and `not` binds
    /// looser than a comparison.
    mutating func parseOperators(from minimum: Int) throws(Diagnostic) -> Expression {
        var left: Expression
        // The level of the operator at the top of `left`: an operator of a lower level already
        // ended the loop that would take the next one in the levels one by one.
        var leftLevel: Int
        if minimum <= BinaryOperator.Level.not, current.isWord(.not) {
            let start = advance().range.lowerBound
            try enter(current.range)
            defer { leave() }
            let operand = try parseOperators(from: BinaryOperator.Level.not)
            left = Expression(.unary("not", operand), start..<operand.range.upperBound)
            leftLevel = BinaryOperator.Level.not
        } else {
            left = try parseUnary()
            leftLevel = BinaryOperator.Level.operand
        }
        while true {
            guard let op = BinaryOperator(current), op.level >= minimum else {
                if minimum <= BinaryOperator.Level.comparison, leftLevel > BinaryOperator.Level.comparison, current.isSymbol(.assign) {
                    throw error(.assignmentInCondition)
                }
                return left
            }
            if op.associative ? leftLevel < op.level : leftLevel <= op.level { return left }
            _ = advance()
            if op.level != BinaryOperator.Level.range { skipLineBreaks() }
            let right = try parseOperators(from: op.level + 1)
            let range = left.range.lowerBound..<right.range.upperBound
            switch op {
            case .combine(let setOperator): left = Expression(.combine(setOperator, left, right), range)
            case .range: left = Expression(.range(left, right), range)
            case .binary(let symbol, _): left = Expression(.binary(symbol, left, right), range)
            }
            leftLevel = op.level
        }
    }

    mutating func parseUnary() throws(Diagnostic) -> Expression {
        if current.isSymbol(.minus) {
            let start = advance().range.lowerBound
            try enter(current.range)
            defer { leave() }
            let operand = try parseUnary()
            return Expression(.unary("-", operand), start..<operand.range.upperBound)
        }
        return try parsePrimary()
    }

    /// The symbols after which a verb that needs no subject starts a query by itself.
    static let endsBareQuery: [Symbol] = [.pipe, .closeParenthesis, .semicolon, .closeBrace, .openBrace]

    /// Query keywords that need a subject (`members SCO`) start a query only when one follows;
    /// otherwise the word is a name, so `where status == partner` reads the status column.
    mutating func startsQuery(_ verb: QueryVerb) -> Bool {
        let next = peek()
        switch next.kind {
        case .word, .string: return true
        case .symbol:
            if next.symbol == .openParenthesis {
                return next.range.lowerBound != current.range.upperBound || !verb.startsWithoutSubject
            }
            // `for o in orgs { … }`: a block may follow a query with nothing after its verb.
            return verb.startsWithoutSubject && next.symbol.map(Self.endsBareQuery.contains) == true
        case .newline, .end: return verb.startsWithoutSubject
        default: return false
        }
    }

    /// One value without operators: what queries and appends take as arguments.
    mutating func parseOperand() throws(Diagnostic) -> Expression {
        if current.isSymbol(.minus) { return try parseUnary() }
        return try parsePrimary(allowQueries: false)
    }

    mutating func parsePrimary(allowQueries: Bool = true) throws(Diagnostic) -> Expression {
        let token = current
        switch (token.kind, token.symbol) {
        case (.number, _):
            _ = advance()
            return Expression(.number(token.value), token.range)
        case (.string, _):
            _ = advance()
            return Expression(.string(lexer.string(token)), token.range)
        case (.date, _):
            _ = advance()
            return Expression(.date(lexer.date(token)), token.range)
        case (.symbol, .openParenthesis):
            _ = advance()
            try enter(token.range)
            defer { leave() }
            skipLineBreaks()
            let inner = try parsePipeline()
            skipLineBreaks()
            guard current.isSymbol(.closeParenthesis) else {
                throw error(.unclosedParenthesis(column: source.location(of: token.range.lowerBound).column, found: describe(current)))
            }
            let end = advance().range.upperBound
            return Expression(inner.kind, token.range.lowerBound..<end)
        case (.symbol, .openBracket):
            _ = advance()
            try enter(token.range)
            defer { leave() }
            var items: [Expression] = []
            skipLineBreaks()
            while !current.isSymbol(.closeBracket) {
                if !items.isEmpty {
                    _ = try expectSymbol(.comma, "between list items")
                    skipLineBreaks()
                }
                items.append(try parseExpression())
                skipLineBreaks()
                if current.kind == .end { break }
            }
            let close = try expectSymbol(.closeBracket, "to close the list")
            return Expression(.list(items), token.range.lowerBound..<close.range.upperBound)
        case (.word, _):
            if token.isWord(.true) || token.isWord(.false) {
                _ = advance()
                return Expression(.bool(token.isWord(.true)), token.range)
            }
            if allowQueries, let verb = token.isOption ? nil : token.keyword.flatMap(QueryVerb.init(keyword:)), startsQuery(verb) {
                return try parseQuery(verb)
            }
            let word = lexer.text(of: token)
            _ = advance()
            if current.isSymbol(.openParenthesis), current.range.lowerBound == token.range.upperBound {
                let lower = lowered(token) ?? word
                _ = advance()
                try enter(token.range)
                defer { leave() }
                var arguments: [Expression] = []
                skipLineBreaks()
                while !current.isSymbol(.closeParenthesis) {
                    if !arguments.isEmpty {
                        _ = try expectSymbol(.comma, "between arguments")
                        skipLineBreaks()
                    }
                    arguments.append(try parsePipeline())
                    skipLineBreaks()
                    if current.kind == .end { break }
                }
                let close = try expectSymbol(.closeParenthesis, "to close the arguments of \(word)")
                return Expression(.call(lower, arguments), token.range.lowerBound..<close.range.upperBound)
            }
            return Expression(.name(word), token.range)
        default:
            throw error(.expectedValue(found: describe(token)))
        }
    }
}
