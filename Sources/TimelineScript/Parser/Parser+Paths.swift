extension Parser {
    /// A file name: a string (`"charts/sco.svg"`), a value in parentheses, a variable, or a path
    /// typed bare as in a shell (`charts/sco.svg`, `./events.csv`, `/tmp/x.svg`).
    ///
    /// A bare path is the run of source bytes from after the previous token up to the next space
    /// or end of statement (`;`, a new line, `|`, `}`, `)`, `#`, `"`). The lexer splits such a run
    /// into several tokens and reports its `.` or `~` as unexpected characters: the parser skips
    /// the tokens the run covers and notes its range, and `parse` drops the lexical errors inside
    /// it. A run that is exactly one word stays a name, so a variable holding a file name works.
    ///
    /// - Parameters:
    ///   - after: what the file name follows, for the message when there is none (`svg`).
    ///   - example: a statement with a file name, for that message.
    ///   - reserved: words that cannot start a bare path (the query's clause words), so that
    ///     `--svg --html page.html` says the SVG file is missing.
    ///   - additive: whether a string or a name may be followed by `+ …` (clauses), or is one
    ///     operand (`import`).
    mutating func parsePath(after: String, example: String, reserved: Set<String> = [], additive: Bool) throws(Diagnostic) -> Expression {
        let bytes = source.bytes
        var start = position > 0 ? tokens[position - 1].range.upperBound : 0
        while start < bytes.count, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        func value(_ parser: inout Parser) throws(Diagnostic) -> Expression {
            additive ? try parser.parseAdditive() : try parser.parseOperand()
        }
        if current.range.lowerBound == start, current.kind == .string || current.isSymbol(.openParenthesis) { return try value(&self) }
        var end = start
        while end < bytes.count, !Self.endsPath(bytes, at: end) { end += 1 }
        let missing = ParserMessage.expectedPath(after: after, example: example, found: describe(current))
        guard end > start else { throw error(missing) }
        if current.range == start..<end, let word = clauseWord(current) {
            if reserved.contains(word) { throw error(missing) }
            return try value(&self)
        }
        while current.kind != .end, current.range.lowerBound < end { _ = advance() }
        pathRanges.append(start..<end)
        return Expression(.string(String(decoding: bytes[start..<end], as: UTF8.self)), start..<end)
    }

    /// Whether the byte at `index` ends a bare path: a space, the end of the statement, a
    /// comment, a quote, or a backslash continuing the line.
    static func endsPath(_ bytes: [UInt8], at index: Int) -> Bool {
        switch bytes[index] {
        case 0x20, 0x09, 0x0D, 0x0A, UInt8(ascii: ";"), UInt8(ascii: "|"), UInt8(ascii: "}"), UInt8(ascii: ")"), UInt8(ascii: "#"),
            UInt8(ascii: "\""):
            return true
        case UInt8(ascii: "\\"):
            return index + 1 < bytes.count && bytes[index + 1] == 0x0A
        default:
            return false
        }
    }
}
