import TimelineCore

/// The binary operators read one level of precedence at a time, a function per level: the simple
/// path `parseOperators` replaced (it reads the same trees in one loop), kept so a test can parse
/// scripts both ways and compare (`Parser.parse(_:usesLevelChain:)`).
extension Parser {
    /// `a union b`, `a except b`, left to right, over `intersect`s.
    mutating func parseUnionOrExcept() throws(Diagnostic) -> Expression {
        var left = try parseIntersect()
        while let op = lowered(current).flatMap(SetOperator.init(rawValue:)), op != .intersect {
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
        while current.isWord(.intersect) {
            _ = advance()
            skipLineBreaks()
            let right = try parseOr()
            left = Expression(.combine(.intersect, left, right), left.range.lowerBound..<right.range.upperBound)
        }
        return left
    }

    mutating func parseOr() throws(Diagnostic) -> Expression {
        var left = try parseAnd()
        while current.isWord(.or) {
            _ = advance()
            skipLineBreaks()
            let right = try parseAnd()
            left = Expression(.binary("or", left, right), left.range.lowerBound..<right.range.upperBound)
        }
        return left
    }

    mutating func parseAnd() throws(Diagnostic) -> Expression {
        var left = try parseNot()
        while current.isWord(.and) {
            _ = advance()
            skipLineBreaks()
            let right = try parseNot()
            left = Expression(.binary("and", left, right), left.range.lowerBound..<right.range.upperBound)
        }
        return left
    }

    mutating func parseNot() throws(Diagnostic) -> Expression {
        if current.isWord(.not) {
            let start = advance().range.lowerBound
            try enter(current.range)
            defer { leave() }
            let operand = try parseNot()
            return Expression(.unary("not", operand), start..<operand.range.upperBound)
        }
        return try parseComparison()
    }

    mutating func parseComparison() throws(Diagnostic) -> Expression {
        let left = try parseRange()
        if let symbol = current.symbol, symbol.isComparison {
            let op = symbol.text
            _ = advance()
            skipLineBreaks()
            let right = try parseRange()
            return Expression(.binary(op, left, right), left.range.lowerBound..<right.range.upperBound)
        }
        if current.isSymbol(.assign) {
            throw error(.assignmentInCondition)
        }
        return left
    }

    mutating func parseRange() throws(Diagnostic) -> Expression {
        let left = try parseAdditiveLevel()
        if current.isSymbol(.range) {
            _ = advance()
            let right = try parseAdditiveLevel()
            return Expression(.range(left, right), left.range.lowerBound..<right.range.upperBound)
        }
        return left
    }

    mutating func parseAdditiveLevel() throws(Diagnostic) -> Expression {
        var left = try parseTerm()
        while let symbol = current.symbol, symbol == .plus || symbol == .minus {
            let op = symbol.text
            _ = advance()
            skipLineBreaks()
            let right = try parseTerm()
            left = Expression(.binary(op, left, right), left.range.lowerBound..<right.range.upperBound)
        }
        return left
    }

    mutating func parseTerm() throws(Diagnostic) -> Expression {
        var left = try parseUnary()
        while let symbol = current.symbol, symbol == .times || symbol == .divide {
            let op = symbol.text
            _ = advance()
            skipLineBreaks()
            let right = try parseUnary()
            left = Expression(.binary(op, left, right), left.range.lowerBound..<right.range.upperBound)
        }
        return left
    }
}
