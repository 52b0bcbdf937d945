import TimelineCore

/// Turns a script's bytes into tokens, reporting every lexical error and going on after each.
///
/// Words are letters, digits, `_`, and `-` between letters (`dialogue-partner`), so `a-b` is one
/// word; write `a - b` to subtract. Four digits followed by `-`, a qualifier or `/` start a date;
/// digits running into letters (`3fa9c1`) are a word, as event ids are.
public struct Lexer {
    let source: SourceFile
    private let bytes: [UInt8]
    private var index = 0
    private(set) var diagnostics: [Diagnostic] = []
    /// The values of the string tokens read and not yet forgotten: a token's `value` is its
    /// index here plus `forgottenStrings`.
    private var strings: [String] = []
    private var forgottenStrings = 0
    /// The date literals read and not yet forgotten, as `strings`.
    private var dates: [EDTFDateLiteral] = []
    private var forgottenDates = 0

    /// A lexer at the start of `source`.
    public init(source: SourceFile) {
        self.source = source
        self.bytes = source.bytes
    }

    /// All tokens, ending with `.end`, and the lexical errors found.
    public static func tokenize(_ source: SourceFile) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        let (tokens, _, diagnostics) = tokenizeKeepingLexer(source)
        return (tokens, diagnostics)
    }

    /// All tokens with their values (a word's text, a string's value, a date's literal), ending
    /// with `.end`, and the lexical errors found.
    public static func lexemes(_ source: SourceFile) -> (lexemes: [Lexeme], diagnostics: [Diagnostic]) {
        let (tokens, lexer, diagnostics) = tokenizeKeepingLexer(source)
        return (tokens.map { lexer.lexeme($0) }, diagnostics)
    }

    private static func tokenizeKeepingLexer(_ source: SourceFile) -> (tokens: [Token], lexer: Lexer, diagnostics: [Diagnostic]) {
        var lexer = Lexer(source: source)
        var tokens: [Token] = []
        tokens.reserveCapacity(source.bytes.count / 4 + 16)  // a query line has about one token per four or five bytes
        while true {
            let token = lexer.next()
            tokens.append(token)
            if token.kind == .end { break }
        }
        return (tokens, lexer, lexer.diagnostics)
    }

    /// The token with its value.
    func lexeme(_ token: Token) -> Lexeme {
        switch token.kind {
        case .word: return .word(text(of: token))
        case .number: return .number(token.value)
        case .string: return .string(string(token))
        case .date: return .date(date(token))
        case .symbol: return .symbol(token.symbol?.text ?? "")
        case .newline: return .newline
        case .end: return .end
        }
    }

    /// The token's text as written in the source.
    func text(of token: Token) -> String { String(decoding: bytes[token.range], as: UTF8.self) }

    /// A string token's value, escapes resolved.
    func string(_ token: Token) -> String { strings[token.value - forgottenStrings] }

    /// A date token's literal.
    func date(_ token: Token) -> EDTFDateLiteral { dates[token.value - forgottenDates] }

    /// Forgets the literals of the tokens before `kept`, which the parser no longer holds, so a
    /// long script's literals do not gather (`kept` are the tokens it still holds).
    mutating func forgetLiterals(keeping kept: [Token]) {
        var firstString = forgottenStrings + strings.count
        var firstDate = forgottenDates + dates.count
        for token in kept {
            if token.kind == .string { firstString = min(firstString, token.value) }
            if token.kind == .date { firstDate = min(firstDate, token.value) }
        }
        strings.removeFirst(firstString - forgottenStrings)
        forgottenStrings = firstString
        dates.removeFirst(firstDate - forgottenDates)
        forgottenDates = firstDate
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private func peek(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }

    private static func isDigit(_ byte: UInt8?) -> Bool { byte.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }

    private static func isWordStart(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || byte >= 0x80
    }

    private static func isWordByte(_ byte: UInt8) -> Bool { isWordStart(byte) || isDigit(byte) }

    mutating func next() -> Token {
        while let byte = current {
            if byte == 0x20 || byte == 0x09 || byte == 0x0D {
                index += 1
            } else if byte == UInt8(ascii: "#") {
                while let next = current, next != 0x0A { index += 1 }
            } else if byte == UInt8(ascii: "\\"), peek(1) == 0x0A {
                index += 2  // a backslash at the end of a line continues it
            } else {
                break
            }
        }
        let start = index
        guard let byte = current else { return Token(kind: .end, range: start..<start) }
        if byte == 0x0A {
            index += 1
            return Token(kind: .newline, range: start..<index)
        }
        if Self.isDigit(byte) { return number(start) }
        if byte == UInt8(ascii: "\"") { return string(start) }
        if byte == 0xE2, peek(1) == 0x80, peek(2) == 0x9C || peek(2) == 0x9D {
            index += 3
            diagnostics.append(Diagnostic(LexerMessage.curlyQuote, at: start..<index))
            return next()
        }
        if Self.isWordStart(byte) { return word(start) }
        return symbol(start)
    }

    private mutating func number(_ start: Int) -> Token {
        while Self.isDigit(current) { index += 1 }
        let digits = index - start
        // A date: four digits then "-digit", a qualifier, or "/" and a date or "..".
        let next = current
        let looksLikeDate =
            digits == 4
            && ((next == UInt8(ascii: "-") && Self.isDigit(peek(1)))
                || next == UInt8(ascii: "?") || next == UInt8(ascii: "~") || next == UInt8(ascii: "%")
                || (next == UInt8(ascii: "/") && (Self.isDigit(peek(1)) || (peek(1) == UInt8(ascii: ".") && peek(2) == UInt8(ascii: ".")))))
        if looksLikeDate {
            while let byte = current {
                if Self.isDigit(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "~")
                    || byte == UInt8(ascii: "%") || byte == UInt8(ascii: "/")
                {
                    index += 1
                } else if byte == UInt8(ascii: "."), peek(1) == UInt8(ascii: "."), index > start, bytes[index - 1] == UInt8(ascii: "/") {
                    index += 2
                } else {
                    break
                }
            }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            let literal: EDTFDateLiteral
            do {
                literal = EDTFDateLiteral(text: text, date: try EDTFDate.parse(text))
            } catch {
                diagnostics.append(
                    Diagnostic(LexerMessage.invalidDate(text: text, reason: error.message), at: (start + error.offset)..<index))
                literal = EDTFDateLiteral(text: text, date: .single(PartialDate(year: 0)))
            }
            dates.append(literal)
            return Token(kind: .date, range: start..<index, value: forgottenDates + dates.count - 1)
        }
        // Digits run into letters, or a leading zero: an event id or its prefix (`3fa9c1`, `0b2e`).
        if let byte = current, Self.isWordStart(byte) {
            while let byte = current, Self.isWordByte(byte) { index += 1 }
            return Token(kind: .word, range: start..<index)
        }
        if digits > 1, bytes[start] == UInt8(ascii: "0") {
            return Token(kind: .word, range: start..<index)
        }
        // At most 18 digits always fit; longer runs are checked.
        if digits <= 18 {
            var value = 0
            for byte in bytes[start..<index] { value = value * 10 + Int(byte - 0x30) }
            return Token(kind: .number, range: start..<index, value: value)
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Int(text) else {
            diagnostics.append(Diagnostic(LexerMessage.numberTooLarge(text: text), at: start..<index))
            return Token(kind: .number, range: start..<index)
        }
        return Token(kind: .number, range: start..<index, value: value)
    }

    private mutating func string(_ start: Int) -> Token {
        index += 1
        var value: [UInt8] = []
        while let byte = current {
            if byte == UInt8(ascii: "\"") {
                index += 1
                strings.append(String(decoding: value, as: UTF8.self))
                return Token(kind: .string, range: start..<index, value: forgottenStrings + strings.count - 1)
            }
            if byte == UInt8(ascii: "\\") {
                let escapeStart = index
                index += 1
                switch current {
                case UInt8(ascii: "n"): value.append(0x0A)
                case UInt8(ascii: "t"): value.append(0x09)
                case UInt8(ascii: "\""): value.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): value.append(UInt8(ascii: "\\"))
                default:
                    diagnostics.append(Diagnostic(LexerMessage.invalidEscape, at: escapeStart..<min(index + 1, bytes.count)))
                }
                if current != nil { index += 1 }
                continue
            }
            value.append(byte)
            index += 1
        }
        diagnostics.append(Diagnostic(LexerMessage.unterminatedString, at: start..<start + 1))
        strings.append(String(decoding: value, as: UTF8.self))
        return Token(kind: .string, range: start..<index, value: forgottenStrings + strings.count - 1)
    }

    private mutating func word(_ start: Int) -> Token {
        while let byte = current {
            if Self.isWordByte(byte) {
                index += 1
            } else if byte == UInt8(ascii: "-"), let next = peek(1), Self.isWordStart(next), index > start, !Self.isDigit(bytes[index - 1])
            {
                index += 1
            } else {
                break
            }
        }
        // `--svg`: an option-style word, its keyword that of the rest.
        let isOption = bytes[start] == UInt8(ascii: "-")
        return Token(
            kind: .word, range: start..<index, keyword: Keyword.find(bytes[(isOption ? start + 2 : start)..<index]), isOption: isOption)
    }

    private static let twoByteSymbols: [(first: UInt8, second: UInt8, symbol: Symbol)] = Symbol.allCases.compactMap { symbol in
        let bytes = Array(symbol.text.utf8)
        return bytes.count == 2 ? (bytes[0], bytes[1], symbol) : nil
    }
    /// Per byte: the symbol it is on its own, if any (looked up without hashing, as every
    /// parenthesis and comma of a script passes here).
    private static let oneByteSymbols: [Symbol?] = (0...255).map { byte in
        Symbol.allCases.first { $0.text.utf8.count == 1 && $0.text.utf8.first == UInt8(byte) }
    }

    private mutating func symbol(_ start: Int) -> Token {
        // "--svg": an option-style word, as on the command line.
        if bytes[index] == UInt8(ascii: "-"), peek(1) == UInt8(ascii: "-"), let third = peek(2), Self.isWordStart(third) {
            index += 2
            return word(start)
        }
        let byte = bytes[index]
        if let second = peek(1), let pair = Self.twoByteSymbols.first(where: { $0.first == byte && $0.second == second }) {
            index += 2
            return Token(kind: .symbol, range: start..<index, symbol: pair.symbol)
        }
        if let symbol = Self.oneByteSymbols[Int(byte)] {
            index += 1
            return Token(kind: .symbol, range: start..<index, symbol: symbol)
        }
        // Anything else: skip the whole UTF-8 sequence and report it once.
        index += 1
        while let next = current, next & 0xC0 == 0x80 { index += 1 }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        let shown =
            text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.value >= 0x21 && $0.value < 0x7F }
            ? "\"\(text)\"" : "byte 0x" + String(bytes[start], radix: 16, uppercase: true)
        diagnostics.append(Diagnostic(LexerMessage.unexpectedCharacter(shown: shown), at: start..<index))
        return next()
    }
}
