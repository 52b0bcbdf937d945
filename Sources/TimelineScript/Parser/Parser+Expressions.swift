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
                guard peek(offset).isSymbol("|") else { break }
                for _ in 0..<offset { _ = advance() }
            }
            guard current.isSymbol("|") else { break }
            _ = advance()
            skipLineBreaks()
            stages.append(try parseStage())
        }
        guard !stages.isEmpty else { return source }
        return Expression(.pipeline(source, stages), source.range.lowerBound..<stages.last!.range.upperBound)
    }

    static let stageNames = ["where", "sort", "select", "count", "first", "last"]

    mutating func parseStage() throws(Diagnostic) -> PipelineStage {
        guard let name = current.keyword, Self.stageNames.contains(name) else {
            let suggestions = current.word.map { NameKey.nearest(to: $0, among: Self.stageNames, limit: 1) } ?? []
            throw error(.unknownStage(found: describe(current), suggestion: suggestions.first))
        }
        let start = advance().range
        switch name {
        case "where":
            let condition = try parseExpression()
            return PipelineStage(kind: .where(condition), range: start.lowerBound..<condition.range.upperBound)
        case "sort":
            var keys: [(column: String, descending: Bool, range: Range<Int>)] = []
            repeat {
                if !keys.isEmpty { _ = advance() }
                let (column, range) = try expectName("a column name after sort")
                var descending = false
                var end = range.upperBound
                if current.isWord("desc") || current.isWord("asc") {
                    descending = current.isWord("desc")
                    end = advance().range.upperBound
                }
                keys.append((column, descending, range.lowerBound..<end))
            } while current.isSymbol(",")
            return PipelineStage(kind: .sort(keys), range: start.lowerBound..<keys.last!.range.upperBound)
        case "select":
            var columns: [(column: String, range: Range<Int>)] = []
            repeat {
                if !columns.isEmpty { _ = advance() }
                let (column, range) = try expectName("a column name after select")
                columns.append((column, range))
            } while current.isSymbol(",")
            return PipelineStage(kind: .select(columns), range: start.lowerBound..<columns.last!.range.upperBound)
        case "count":
            return PipelineStage(kind: .count, range: start)
        default:
            let count = try parseUnary()
            return PipelineStage(kind: name == "first" ? .first(count) : .last(count), range: start.lowerBound..<count.range.upperBound)
        }
    }

    mutating func parseExpression() throws(Diagnostic) -> Expression {
        try enter(current.range)
        defer { leave() }
        return try parseUnionOrExcept()
    }

    /// `a union b`, `a except b`, left to right, over `intersect`s.
    mutating func parseUnionOrExcept() throws(Diagnostic) -> Expression {
        var left = try parseIntersect()
        while let op = current.keyword.flatMap(SetOperator.init(rawValue:)), op != .intersect {
            _ = advance()
            skipLineBreaks()
            let right = try parseIntersect()
            left = Expression(.combine(op, left, right), left.range.lowerBound..<right.range.upperBound)
        }
        return left
    }

    /// `a intersect b`, which binds tighter than `union` and `except` (as in SQL).
    mutating func parseIntersect() throws(Diagnostic) -> Expression {
        var left = try parseOr()
        while current.isWord(SetOperator.intersect.rawValue) {
            _ = advance()
            skipLineBreaks()
            let right = try parseOr()
            left = Expression(.combine(.intersect, left, right), left.range.lowerBound..<right.range.upperBound)
        }
        return left
    }

    mutating func parseOr() throws(Diagnostic) -> Expression {
        var left = try parseAnd()
        while current.isWord("or") {
            _ = advance()
            skipLineBreaks()
            let right = try parseAnd()
            left = Expression(.binary("or", left, right), left.range.lowerBound..<right.range.upperBound)
        }
        return left
    }

    mutating func parseAnd() throws(Diagnostic) -> Expression {
        var left = try parseNot()
        while current.isWord("and") {
            _ = advance()
            skipLineBreaks()
            let right = try parseNot()
            left = Expression(.binary("and", left, right), left.range.lowerBound..<right.range.upperBound)
        }
        return left
    }

    mutating func parseNot() throws(Diagnostic) -> Expression {
        if current.isWord("not") {
            let start = advance().range.lowerBound
            try enter(current.range)
            defer { leave() }
            let operand = try parseNot()
            return Expression(.unary("not", operand), start..<operand.range.upperBound)
        }
        return try parseComparison()
    }

    /// Whether `symbol` compares two values.
    static func isComparison(_ symbol: String) -> Bool {
        switch symbol {
        case "==", "!=", "<", "<=", ">", ">=": return true
        default: return false
        }
    }

    mutating func parseComparison() throws(Diagnostic) -> Expression {
        let left = try parseRange()
        if case .symbol(let op) = current.kind, Self.isComparison(op) {
            _ = advance()
            skipLineBreaks()
            let right = try parseRange()
            return Expression(.binary(op, left, right), left.range.lowerBound..<right.range.upperBound)
        }
        if current.isSymbol("=") {
            throw error(.assignmentInCondition)
        }
        return left
    }

    mutating func parseRange() throws(Diagnostic) -> Expression {
        let left = try parseAdditive()
        if current.isSymbol("..") {
            _ = advance()
            let right = try parseAdditive()
            return Expression(.range(left, right), left.range.lowerBound..<right.range.upperBound)
        }
        return left
    }

    mutating func parseAdditive() throws(Diagnostic) -> Expression {
        var left = try parseTerm()
        while case .symbol(let op) = current.kind, op == "+" || op == "-" {
            _ = advance()
            skipLineBreaks()
            let right = try parseTerm()
            left = Expression(.binary(op, left, right), left.range.lowerBound..<right.range.upperBound)
        }
        return left
    }

    mutating func parseTerm() throws(Diagnostic) -> Expression {
        var left = try parseUnary()
        while case .symbol(let op) = current.kind, op == "*" || op == "/" {
            _ = advance()
            skipLineBreaks()
            let right = try parseUnary()
            left = Expression(.binary(op, left, right), left.range.lowerBound..<right.range.upperBound)
        }
        return left
    }

    mutating func parseUnary() throws(Diagnostic) -> Expression {
        if current.isSymbol("-") {
            let start = advance().range.lowerBound
            try enter(current.range)
            defer { leave() }
            let operand = try parseUnary()
            return Expression(.unary("-", operand), start..<operand.range.upperBound)
        }
        return try parsePrimary()
    }

    /// Query keywords that need a subject (`members SCO`) start a query only when one follows;
    /// otherwise the word is a name, so `where status == partner` reads the status column.
    mutating func startsQuery(_ verb: QueryVerb) -> Bool {
        let next = peek()
        switch next.kind {
        case .word, .string: return true
        case .symbol(let symbol):
            if symbol == "(" { return next.range.lowerBound != current.range.upperBound || !verb.startsWithoutSubject }
            // `for o in orgs { … }`: a block may follow a query with nothing after its verb.
            return verb.startsWithoutSubject && (symbol == "|" || symbol == ")" || symbol == ";" || symbol == "}" || symbol == "{")
        case .newline, .end: return verb.startsWithoutSubject
        default: return false
        }
    }

    /// One value without operators: what queries and appends take as arguments.
    mutating func parseOperand() throws(Diagnostic) -> Expression {
        if current.isSymbol("-") { return try parseUnary() }
        return try parsePrimary(allowQueries: false)
    }

    mutating func parsePrimary(allowQueries: Bool = true) throws(Diagnostic) -> Expression {
        let token = current
        switch token.kind {
        case .number(let value):
            _ = advance()
            return Expression(.number(value), token.range)
        case .string(let value):
            _ = advance()
            return Expression(.string(value), token.range)
        case .date(let literal):
            _ = advance()
            return Expression(.date(literal), token.range)
        case .symbol("("):
            _ = advance()
            try enter(token.range)
            defer { leave() }
            skipLineBreaks()
            let inner = try parsePipeline()
            skipLineBreaks()
            guard current.isSymbol(")") else {
                throw error(.unclosedParenthesis(column: source.location(of: token.range.lowerBound).column, found: describe(current)))
            }
            let end = advance().range.upperBound
            return Expression(inner.kind, token.range.lowerBound..<end)
        case .symbol("["):
            _ = advance()
            try enter(token.range)
            defer { leave() }
            var items: [Expression] = []
            skipLineBreaks()
            while !current.isSymbol("]") {
                if !items.isEmpty {
                    _ = try expectSymbol(",", "between list items")
                    skipLineBreaks()
                }
                items.append(try parseExpression())
                skipLineBreaks()
                if current.kind == .end { break }
            }
            let close = try expectSymbol("]", "to close the list")
            return Expression(.list(items), token.range.lowerBound..<close.range.upperBound)
        case .word(let word):
            let lower = token.keyword ?? word
            if lower == "true" || lower == "false" {
                _ = advance()
                return Expression(.bool(lower == "true"), token.range)
            }
            if allowQueries, let verb = QueryVerb.named[lower], startsQuery(verb) {
                return try parseQuery(verb)
            }
            _ = advance()
            if current.isSymbol("("), current.range.lowerBound == token.range.upperBound {
                _ = advance()
                try enter(token.range)
                defer { leave() }
                var arguments: [Expression] = []
                skipLineBreaks()
                while !current.isSymbol(")") {
                    if !arguments.isEmpty {
                        _ = try expectSymbol(",", "between arguments")
                        skipLineBreaks()
                    }
                    arguments.append(try parsePipeline())
                    skipLineBreaks()
                    if current.kind == .end { break }
                }
                let close = try expectSymbol(")", "to close the arguments of \(word)")
                return Expression(.call(lower, arguments), token.range.lowerBound..<close.range.upperBound)
            }
            return Expression(.name(word), token.range)
        default:
            throw error(.expectedValue(found: describe(token)))
        }
    }
}
