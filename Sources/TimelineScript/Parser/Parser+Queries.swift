import TimelineCore

extension Parser {
    /// `members ORG [at D]`, `status COUNTRY in ORG [at D]`, `history X [from D] [to D]` …, each
    /// optionally followed by `known at seq N` or `known at TIME`.
    mutating func parseQuery(_ verb: QueryVerb) throws(Diagnostic) -> Expression {
        let keyword = advance()
        let start = keyword.range.lowerBound
        let name = verb.rawValue
        var at: Expression?
        var from: Expression?
        var to: Expression?
        var svg: Expression?
        var html: Expression?
        var into: Expression?
        var step = false
        var known: KnownAtClause?
        var conventions: [Expression] = []

        /// Parses the trailing clauses the verb accepts, in any order.
        func clauses(_ parser: inout Parser) throws(Diagnostic) {
            while parser.current.kind == .word {
                let keyword = parser.current.keyword
                if keyword == .known, verb.acceptsKnownAt {
                    _ = parser.advance()
                    _ = try parser.expectWord(.at, "after known (known at seq N, or known at a date or time)")
                    if parser.current.isWord(.seq) {
                        _ = parser.advance()
                        known = .seq(try parser.parseAdditive())
                    } else {
                        known = .time(try parser.parseAdditive())
                    }
                    continue
                }
                if keyword == .by, verb.acceptsConvention {
                    _ = parser.advance()
                    guard parser.current.kind == .word else {
                        throw parser.error(.expectedClauseValue(keyword: "by", found: parser.describe(parser.current)))
                    }
                    conventions.append(try parser.parseOperand())
                    // `diff` compares two conventions: `by decided effective`.
                    if verb == .diff, let next = parser.word(parser.current), DateKind(word: next) != nil {
                        conventions.append(try parser.parseOperand())
                    }
                    continue
                }
                guard let keyword, let clause = QueryVerb.Clause(keyword: keyword), verb.clauses.contains(clause) else { break }
                _ = parser.advance()
                switch clause {
                case .step:
                    step = true
                    parser.reachesOutsideRun += 1
                case .at: at = try parser.parseAdditive()
                case .from: from = try parser.parseAdditive()
                case .to: to = try parser.parseAdditive()
                case .svg, .html:
                    parser.reachesOutsideRun += 1
                    let path = try parser.parsePath(
                        after: clause.rawValue, example: "chart SCO --\(clause.rawValue) charts/sco.\(clause.rawValue)",
                        reserved: verb.clauseWords, additive: true)
                    if clause == .svg { svg = path } else { html = path }
                case .into:
                    parser.reachesOutsideRun += 1
                    into = try parser.parsePath(
                        after: "into", example: "export events SCO into sco-events.csv", reserved: verb.clauseWords, additive: true)
                }
            }
        }

        let kind: Query.Kind
        switch verb {
        case .members, .roster:
            let org = try parseSubject("an organization after \(name)")
            try clauses(&self)
            kind = verb == .members ? .members(org: org, at: at) : .roster(org: org, at: at)
        case .status:
            let country = try parseSubject("a country after status")
            _ = try expectWord(.in, "after the country (status BLR in SCO)")
            let org = try parseSubject("an organization after in")
            try clauses(&self)
            kind = .status(country: country, org: org, at: at)
        case .memberships:
            let country = try parseSubject("a country after memberships")
            try clauses(&self)
            kind = .memberships(country: country, at: at)
        case .why:
            let country = try parseSubject("a country after why")
            _ = try expectWord(.in, "after the country (why BLR in SCO at 2024-07-05)")
            let org = try parseSubject("an organization after in")
            try clauses(&self)
            kind = .why(country: country, org: org, at: at)
        case .history:
            let subject: Expression? =
                atQueryEnd(allowing: verb.clauseWords) ? nil : try parseSubject("a country or an organization after history")
            try clauses(&self)
            kind = .history(subject: subject, from: from, to: to)
        case .summits, .milestones:
            let org = try parseSubject("an organization after \(name)")
            try clauses(&self)
            kind = verb == .summits ? .summits(org: org, from: from, to: to) : .milestones(org: org, from: from, to: to)
        case .statements:
            let subject: Expression? =
                atQueryEnd(allowing: verb.clauseWords) ? nil : try parseSubject("a country or organization after statements")
            try clauses(&self)
            kind = .statements(subject: subject, from: from, to: to)
        case .orgs:
            try clauses(&self)
            kind = .orgs(at: at)
        case .diff:
            let org = try parseSubject("an organization after diff")
            let first = try parseOperand()
            // One date, then `by`: two conventions compared at that date.
            let second = current.isWord(.by) || atQueryEnd(allowing: verb.clauseWords) ? nil : try parseOperand()
            try clauses(&self)
            kind = .diff(org: org, from: first, to: second)
        case .replay:
            let org: Expression? = atQueryEnd(allowing: verb.clauseWords) ? nil : try parseSubject("an organization after replay")
            try clauses(&self)
            kind = .replay(org: org, from: from, to: to, step: step)
        case .chart:
            let subject = try parseSubject("an organization or a country after chart")
            try clauses(&self)
            kind = .chart(subject: subject, from: from, to: to, svg: svg, html: html)
        case .export:
            guard let what = current.isOption ? nil : current.keyword.flatMap({ ExportKind(rawValue: $0.text) }) else {
                throw error(.expectedExport)
            }
            _ = advance()
            let org: Expression? =
                atQueryEnd(allowing: verb.clauseWords) ? nil : try parseSubject("an organization after export \(what.rawValue)")
            try clauses(&self)
            kind = .export(what: what, org: org, file: into)
        case .verify:
            try clauses(&self)
            kind = .verify
        case .head:
            try clauses(&self)
            kind = .head
        }
        let end = tokens[max(0, position - 1)].range.upperBound
        var query = Query(kind: kind, known: known, range: start..<end)
        query.conventions = conventions
        return Expression(.query(query), start..<max(end, keyword.range.upperBound))
    }

    /// Whether the query has no further operand: the statement ends, a pipe follows, or one of
    /// the given clause words.
    func atQueryEnd(allowing words: Set<String>) -> Bool {
        atStatementEnd || current.isSymbol(.pipe) || current.isSymbol(.closeParenthesis)
            || (lowered(current).map { words.contains($0) } ?? false)
    }

    /// An organization or country operand: a name, a string or a value in parentheses.
    mutating func parseSubject(_ what: @autoclosure () -> String) throws(Diagnostic) -> Expression {
        guard current.kind == .word || current.kind == .string || current.isSymbol(.openParenthesis) else {
            throw error(.expectedSubject(what: what(), found: describe(current)))
        }
        return try parseOperand()
    }
}
