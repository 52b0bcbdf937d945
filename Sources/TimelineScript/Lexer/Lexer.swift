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

    /// A lexer at the start of `source`.
    public init(source: SourceFile) {
        self.source = source
        self.bytes = source.bytes
    }

    /// All tokens, ending with `.end`, and the lexical errors found.
    public static func tokenize(_ source: SourceFile) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var lexer = Lexer(source: source)
        var tokens: [Token] = []
        tokens.reserveCapacity(source.bytes.count / 4 + 16)  // a query line has about one token per four or five bytes
        while true {
            let token = lexer.next()
            tokens.append(token)
            if token.kind == .end { break }
        }
        return (tokens, lexer.diagnostics)
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
            do {
                return Token(kind: .date(EDTFDateLiteral(text: text, date: try EDTFDate.parse(text))), range: start..<index)
            } catch {
                diagnostics.append(
                    Diagnostic(LexerMessage.invalidDate(text: text, reason: error.message), at: (start + error.offset)..<index))
                return Token(kind: .date(EDTFDateLiteral(text: text, date: .single(PartialDate(year: 0)))), range: start..<index)
            }
        }
        // Digits run into letters, or a leading zero: an event id or its prefix (`3fa9c1`, `0b2e`).
        if let byte = current, Self.isWordStart(byte) {
            while let byte = current, Self.isWordByte(byte) { index += 1 }
            return Token(kind: .word(String(decoding: bytes[start..<index], as: UTF8.self)), range: start..<index)
        }
        if digits > 1, bytes[start] == UInt8(ascii: "0") {
            return Token(kind: .word(String(decoding: bytes[start..<index], as: UTF8.self)), range: start..<index)
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Int(text) else {
            diagnostics.append(Diagnostic(LexerMessage.numberTooLarge(text: text), at: start..<index))
            return Token(kind: .number(0), range: start..<index)
        }
        return Token(kind: .number(value), range: start..<index)
    }

    private mutating func string(_ start: Int) -> Token {
        index += 1
        var value: [UInt8] = []
        while let byte = current {
            if byte == UInt8(ascii: "\"") {
                index += 1
                return Token(kind: .string(String(decoding: value, as: UTF8.self)), range: start..<index)
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
        return Token(kind: .string(String(decoding: value, as: UTF8.self)), range: start..<index)
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
        return Token(kind: .word(String(decoding: bytes[start..<index], as: UTF8.self)), range: start..<index)
    }

    private static let twoByteSymbols = ["==", "!=", "<=", ">=", ".."].map {
        (first: Array($0.utf8)[0], second: Array($0.utf8)[1], text: $0)
    }
    /// Per byte: the symbol it is on its own, if any (looked up without hashing, as every
    /// parenthesis and comma of a script passes here).
    private static let oneByteSymbols: [String?] = (0...255).map { byte in
        "|,(){}[]=<>+-*/;".utf8.contains(UInt8(byte)) ? String(UnicodeScalar(UInt8(byte))) : nil
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
            return Token(kind: .symbol(pair.text), range: start..<index)
        }
        if let symbol = Self.oneByteSymbols[Int(byte)] {
            index += 1
            return Token(kind: .symbol(symbol), range: start..<index)
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
