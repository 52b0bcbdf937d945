/// The messages of the lexer and of the check that a script is text at all.
public enum LexerMessage: DiagnosticMessage, Hashable {
    /// `“` or `”` where a straight quote was meant.
    case curlyQuote
    /// A date literal that is not valid EDTF.
    case invalidDate(text: String, reason: String)
    /// A whole number beyond the range of `Int`.
    case numberTooLarge(text: String)
    /// A backslash escape other than `\"`, `\\`, `\n` or `\t`.
    case invalidEscape
    /// A string still open at the end of the input.
    case unterminatedString
    /// A character no token starts with; `shown` is the character quoted, or its byte in hex.
    case unexpectedCharacter(shown: String)
    /// A script larger than the limit, both in MB.
    case scriptTooLarge(megabytes: Int, maximumMegabytes: Int)
    /// A script with a NUL byte.
    case nulByte
    /// A script whose bytes are not valid UTF-8.
    case invalidUTF8

    /// The id of `unterminatedString`: the REPL asks for more input on it.
    public static let unterminatedStringID = DiagnosticID("unterminated-string", category: .syntax)
    /// The id of `nulByte` and `invalidUTF8`: their source line is not shown.
    public static let binaryInputID = DiagnosticID("binary-input", category: .syntax)

    /// The message's id: every lexical error is a syntax error.
    public var id: DiagnosticID {
        switch self {
        case .curlyQuote: return DiagnosticID("curly-quote", category: .syntax)
        case .invalidDate: return DiagnosticID("invalid-date", category: .syntax)
        case .numberTooLarge: return DiagnosticID("number-too-large", category: .syntax)
        case .invalidEscape: return DiagnosticID("invalid-escape", category: .syntax)
        case .unterminatedString: return Self.unterminatedStringID
        case .unexpectedCharacter: return DiagnosticID("unexpected-character", category: .syntax)
        case .scriptTooLarge: return DiagnosticID("script-too-large", category: .syntax)
        case .nulByte, .invalidUTF8: return Self.binaryInputID
        }
    }

    /// The text of the message.
    public var message: String {
        switch self {
        case .curlyQuote: return "typographic quotes are not string delimiters; use straight quotes \"…\""
        case .invalidDate(let text, let reason): return "invalid date \"\(text)\": \(reason)"
        case .numberTooLarge(let text): return "the number \(text) is too large"
        case .invalidEscape: return "unknown escape in a string; expected \\\", \\\\, \\n or \\t"
        case .unterminatedString: return "unterminated string: expected a closing \" before the end of the input"
        case .unexpectedCharacter(let shown):
            return "unexpected character \(shown); expected a statement, a name, a number, a date or a string"
        case .scriptTooLarge(let megabytes, let maximum):
            return "the script is \(megabytes) MB; scripts may be at most \(maximum) MB (split it, or use import for data)"
        case .nulByte: return "this is not a text script: it contains a NUL byte (binary data?)"
        case .invalidUTF8: return "this is not a UTF-8 text script: invalid or binary bytes"
        }
    }
}
