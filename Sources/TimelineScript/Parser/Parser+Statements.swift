import TimelineCore

extension Parser {
    /// Statements until the end of input, or until a `}` when inside a block.
    mutating func parseStatements(untilBrace: Bool) -> [Statement] {
        var statements: [Statement] = []
        while true {
            skipNewlines()
            forgetConsumedTokens()
            if current.kind == .end { return statements }
            if current.isSymbol(.closeBrace) {
                if untilBrace { return statements }
                diagnostics.append(error(.unexpectedBrace))
                _ = advance()
                continue
            }
            if diagnostics.count >= Self.maximumDiagnostics { return statements }
            let depthBefore = depth
            let outsideBefore = reachesOutsideRun
            do throws(Diagnostic) {
                let statement = try parseStatement()
                statements.append(statement)
                if !atStatementEnd {
                    throw error(.expectedEnd(found: describe(current)))
                }
                if !untilBrace, let parsed { parsed(statement, reachesOutsideRun == outsideBefore) }
            } catch {
                depth = depthBefore
                // Once a block is reported unclosed at the end of the input, the blocks around it
                // are too: one message says it.
                let echo =
                    error.id == ParserMessage.unterminatedBlockID
                    && diagnostics.contains { $0.id == ParserMessage.unterminatedBlockID || $0.id == ParserMessage.tooDeepID }
                if !echo { diagnostics.append(error) }
                recover()
            }
        }
    }

    mutating func parseStatement() throws(Diagnostic) -> Statement {
        let start = current.range.lowerBound
        if current.kind == .word {
            let keyword = current.isOption ? nil : current.keyword
            // `begin`, `commit` and `rollback` stand alone (a variable may still be named so).
            if let command = keyword.flatMap(TransactionCommand.init(keyword:)),
                peek().kind == .newline || peek().kind == .end || peek().isSymbol(.semicolon) || peek().isSymbol(.closeBrace)
            {
                reachesOutsideRun += 1
                return Statement(.transaction(command), advance().range)
            }
            switch keyword {
            case .let:
                _ = advance()
                let (name, _) = try expectName("a variable name after let")
                _ = try expectSymbol(.assign, "after the variable name")
                skipLineBreaks()
                let value = try parsePipeline()
                return Statement(.let(name: name, value: value), start..<value.range.upperBound)
            case .for:
                _ = advance()
                let (name, _) = try expectName("a loop variable after for")
                _ = try expectWord(.in, "after the loop variable")
                let sequence = try parsePipeline()
                let body = try parseBlock()
                return Statement(.for(variable: name, sequence: sequence, body: body.statements), start..<body.end)
            case .if:
                return try parseIf()
            case .print:
                _ = advance()
                var values: [Expression] = []
                if !atStatementEnd {
                    values.append(try parsePipeline())
                    while current.isSymbol(.comma) {
                        _ = advance()
                        skipLineBreaks()
                        values.append(try parsePipeline())
                    }
                }
                return Statement(.print(values), start..<(values.last?.range.upperBound ?? current.range.lowerBound))
            case .append:
                return try parseAppend()
            case .import where !peek().isSymbol(.assign):
                reachesOutsideRun += 1
                _ = advance()
                guard !atStatementEnd else { throw error(.expectedFile) }
                let file = try parsePath(after: "import", example: "import events.csv", additive: false)
                return Statement(.importFile(file), start..<file.range.upperBound)
            case .else:
                throw error(.elseWithoutIf)
            default:
                break
            }
            if peek().isSymbol(.assign) {
                let (name, _) = try expectName("a variable")
                _ = advance()
                skipLineBreaks()
                let value = try parsePipeline()
                return Statement(.assign(name: name, value: value), start..<value.range.upperBound)
            }
            // A word that is no keyword, followed by another word, is a mistyped statement: a
            // variable stands alone or in an expression (`a intersect b` is one).
            if keyword.flatMap(QueryVerb.init(keyword:)) == nil, let next = lowered(peek()), SetOperator(rawValue: next) == nil {
                let word = lowered(current) ?? ""
                let suggestions = NameKey.nearest(to: word, among: Self.statementKeywords + Self.queryKeywords, limit: 2)
                throw error(.unknownStatement(word: self.word(current) ?? word, suggestions: suggestions))
            }
        }
        let value = try parsePipeline()
        return Statement(.expression(value), start..<value.range.upperBound)
    }

    mutating func parseIf() throws(Diagnostic) -> Statement {
        let start = advance().range.lowerBound
        let condition = try parsePipeline()
        let then = try parseBlock()
        var otherwise: [Statement]?
        var end = then.end
        if current.isWord(.else) {
            _ = advance()
            if current.isWord(.if) {
                let nested = try parseIf()
                otherwise = [nested]
                end = nested.range.upperBound
            } else {
                let block = try parseBlock()
                otherwise = block.statements
                end = block.end
            }
        }
        return Statement(.if(condition: condition, then: then.statements, else: otherwise), start..<end)
    }

    mutating func parseBlock() throws(Diagnostic) -> (statements: [Statement], end: Int) {
        skipLineBreaks()
        let open = try expectSymbol(.openBrace, "to open a block")
        try enter(open.range)
        defer { leave() }
        let statements = parseStatements(untilBrace: true)
        guard current.isSymbol(.closeBrace) else {
            let (line, _) = source.location(of: open.range.lowerBound)
            throw error(.unterminatedBlock(line: line), at: open.range)
        }
        return (statements, advance().range.upperBound)
    }

    /// Words that start a clause of an append (those of every form); anything before the first
    /// is positional.
    static let appendClauses: Set<String> = Set(EventKind.allCases.flatMap { $0.appendForm.clauses })

    mutating func parseAppend() throws(Diagnostic) -> Statement {
        let start = advance().range.lowerBound
        guard let type = word(current) else {
            throw error(.expectedEventType(found: describe(current)))
        }
        let typeRange = advance().range
        var positional: [Expression] = []
        while !atStatementEnd, !(lowered(current).map { Self.appendClauses.contains($0) } ?? false) {
            positional.append(try parseOperand())
        }
        var clauses: [(keyword: String, values: [Expression], range: Range<Int>)] = []
        var alternatives: [AlternativeClause] = []
        while !atStatementEnd {
            guard let keyword = lowered(current), Self.appendClauses.contains(keyword) else {
                throw error(.expectedClause(found: describe(current)))
            }
            if keyword == "also" {
                alternatives.append(try parseAlternativeDate())
                continue
            }
            let keywordRange = advance().range
            var values: [Expression] = []
            while !atStatementEnd, !(lowered(current).map { Self.appendClauses.contains($0) } ?? false) {
                values.append(try parseOperand())
            }
            if values.isEmpty {
                throw error(.expectedClauseValue(keyword: keyword, found: describe(current)))
            }
            clauses.append((keyword, values, keywordRange.lowerBound..<values.last!.range.upperBound))
        }
        let end = max(
            clauses.last?.range.upperBound ?? positional.last?.range.upperBound ?? typeRange.upperBound,
            alternatives.last?.range.upperBound ?? 0)
        var append = AppendStatement(type: type, typeRange: typeRange, positional: positional, clauses: clauses)
        append.alternatives = alternatives
        return Statement(.append(append), start..<end)
    }

    /// `also KIND on DATE source "…" [url "…"]`, from `also`.
    private mutating func parseAlternativeDate() throws(Diagnostic) -> AlternativeClause {
        let start = advance().range.lowerBound
        let shape = "also decided on 2009-06-16 source \"…\" [url \"…\"]"
        guard !atStatementEnd, !current.isWord(.on) else {
            throw error(.expectedClauseValue(keyword: "also", found: describe(current)))
        }
        let kind = try parseOperand()
        _ = try expectWord(.on, "after the kind of date: \(shape)")
        guard !atStatementEnd else { throw error(.expectedClauseValue(keyword: "on", found: describe(current))) }
        let date = try parseOperand()
        _ = try expectWord(.source, "after the other date, its own source: \(shape)")
        guard !atStatementEnd else { throw error(.expectedClauseValue(keyword: "source", found: describe(current))) }
        let source = try parseOperand()
        var url: Expression?
        if current.isWord(.url) {
            _ = advance()
            guard !atStatementEnd else { throw error(.expectedClauseValue(keyword: "url", found: describe(current))) }
            url = try parseOperand()
        }
        return AlternativeClause(kind: kind, date: date, source: source, url: url, range: start..<(url ?? source).range.upperBound)
    }
}
