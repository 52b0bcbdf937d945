import TimelineCore

/// A lexical token: its kind and byte range, and what the parser compares, with no string of its
/// own. A word's text, a string's value and a date's literal are read when needed: from the
/// source (`Parser.word(_:)`) or from the lexer's literals (`Lexer.string(_:)`, `Lexer.date(_:)`).
/// So a token is copied as plain bytes, as the parser does with every token it looks at.
public struct Token: Hashable, Sendable {
    /// What kind of token.
    public enum Kind: UInt8, Hashable, Sendable {
        /// A word: a keyword, an identifier, a country code or name, a status (`dialogue-partner`).
        case word
        /// A whole number (`value`).
        case number
        /// A quoted string, escapes resolved (its value from `Lexer.string(_:)`).
        case string
        /// A date literal in EDTF: `2017-06-09`, `2010-04?`, `2024-07-03/2024-07-04` (its
        /// literal from `Lexer.date(_:)`).
        case date
        /// Punctuation or an operator (`symbol`).
        case symbol
        /// The end of a line (statements end there unless an expression is still open).
        case newline
        /// The end of the input.
        case end
    }

    /// The token's byte range in the source.
    public let range: Range<Int>
    /// A number's value; a string's or a date's index among the lexer's literals.
    public let value: Int
    /// What kind of token it is.
    public let kind: Kind
    /// A word's keyword, whatever its case, when the language gives the word a meaning.
    public let keyword: Keyword?
    /// Whether the word is written option-style, with two dashes (`--svg`): `keyword` is then
    /// that of the rest.
    public let isOption: Bool
    /// A symbol token's symbol.
    public let symbol: Symbol?

    init(kind: Kind, range: Range<Int>, keyword: Keyword? = nil, isOption: Bool = false, symbol: Symbol? = nil, value: Int = 0) {
        self.kind = kind
        self.range = range
        self.keyword = keyword
        self.isOption = isOption
        self.symbol = symbol
        self.value = value
    }

    /// Whether this is the given symbol.
    public func isSymbol(_ symbol: Symbol) -> Bool { self.symbol == symbol }

    /// Whether this is the given word, in any case (and not option-style).
    public func isWord(_ keyword: Keyword) -> Bool { self.keyword == keyword && !isOption }
}

/// A date literal: its text and the parsed date.
public struct EDTFDateLiteral: Hashable, Sendable {
    /// The literal as written: `2010-04?`.
    public let text: String
    /// The EDTF date the literal denotes.
    public let date: EDTFDate
}

/// A token with its value, for reading a script's tokens outside the parser (tests, tools).
public enum Lexeme: Hashable, Sendable {
    case word(String)
    case number(Int)
    case string(String)
    case date(EDTFDateLiteral)
    case symbol(String)
    case newline
    case end
}
