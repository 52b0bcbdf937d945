import TimelineCore

/// A lexical token with its byte range in the source.
public struct Token: Hashable, Sendable {
    /// What kind of token, with its value.
    public enum Kind: Hashable, Sendable {
        /// A word: a keyword, an identifier, a country code or name, a status (`dialogue-partner`).
        case word(String)
        /// A whole number.
        case number(Int)
        /// A quoted string, escapes resolved.
        case string(String)
        /// A date literal in EDTF: `2017-06-09`, `2010-04?`, `2024-07-03/2024-07-04`.
        case date(EDTFDateLiteral)
        /// Punctuation and operators: `| , ( ) { } [ ] = == != < <= > >= .. + - * / ;`.
        case symbol(String)
        /// The end of a line (statements end there unless an expression is still open).
        case newline
        /// The end of the input.
        case end
    }

    /// What the token is, with its value.
    public let kind: Kind
    /// The token's byte range in the source.
    public let range: Range<Int>
    /// A word in lower case: keywords match without regard to case. Found once, when the token is
    /// made (the parser asks for it many times); words are nearly always written in lower case
    /// already, and then cost no conversion.
    public let keyword: String?

    /// A token of `kind` over the source's bytes `range`.
    public init(kind: Kind, range: Range<Int>) {
        self.kind = kind
        self.range = range
        if case .word(let text) = kind {
            var text = text
            let lower = text.withUTF8 { !$0.contains { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || $0 >= 0x80 } }
            keyword = lower ? text : text.lowercased()
        } else {
            keyword = nil
        }
    }

    /// The word, if this token is one.
    public var word: String? {
        if case .word(let text) = kind { return text }
        return nil
    }

    /// Whether this is the given symbol.
    public func isSymbol(_ symbol: String) -> Bool {
        if case .symbol(let text) = kind { return text == symbol }
        return false
    }

    /// Whether this is the given word, ignoring case.
    public func isWord(_ keyword: String) -> Bool { self.keyword == keyword }
}

/// A date literal: its text and the parsed date.
public struct EDTFDateLiteral: Hashable, Sendable {
    /// The literal as written: `2010-04?`.
    public let text: String
    /// The EDTF date the literal denotes.
    public let date: EDTFDate
}
