/// Punctuation and operators: `| , ( ) { } [ ] = == != < <= > >= .. + - * / ;`.
public enum Symbol: UInt8, CaseIterable, Sendable {
    case pipe, comma, openParenthesis, closeParenthesis, openBrace, closeBrace, openBracket, closeBracket
    case assign, equal, notEqual, less, lessOrEqual, greater, greaterOrEqual, range
    case plus, minus, times, divide, semicolon

    /// The symbol as written: `<=`.
    public var text: String {
        switch self {
        case .pipe: return "|"
        case .comma: return ","
        case .openParenthesis: return "("
        case .closeParenthesis: return ")"
        case .openBrace: return "{"
        case .closeBrace: return "}"
        case .openBracket: return "["
        case .closeBracket: return "]"
        case .assign: return "="
        case .equal: return "=="
        case .notEqual: return "!="
        case .less: return "<"
        case .lessOrEqual: return "<="
        case .greater: return ">"
        case .greaterOrEqual: return ">="
        case .range: return ".."
        case .plus: return "+"
        case .minus: return "-"
        case .times: return "*"
        case .divide: return "/"
        case .semicolon: return ";"
        }
    }

    /// Whether the symbol compares two values.
    var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: return true
        default: return false
        }
    }
}
