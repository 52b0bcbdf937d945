/// The messages of the parser. `found` is always the description of the token met instead
/// (`"of"`, `the end of the line`, `a string` …).
public enum ParserMessage: DiagnosticMessage, Hashable {
    /// A `}` with no block open.
    case unexpectedBrace
    /// More tokens after a complete statement.
    case expectedEnd(found: String)
    /// `import` with nothing after it.
    case expectedFile
    /// `else` not after the `}` of an if block.
    case elseWithoutIf
    /// A word that starts no statement, followed by another word; with the nearest keywords.
    case unknownStatement(word: String, suggestions: [String])
    /// A `{` never closed; `line` is where it opened.
    case unterminatedBlock(line: Int)
    /// `append` not followed by an event type.
    case expectedEventType(found: String)
    /// A word in an append where a clause keyword belongs.
    case expectedClause(found: String)
    /// An append clause keyword with no value after it.
    case expectedClauseValue(keyword: String, found: String)
    /// An operand missing where a value belongs.
    case expectedValue(found: String)
    /// `export` not followed by `events` or `intervals`.
    case expectedExport
    /// A query's subject (an organization, a country) missing; `what` says which.
    case expectedSubject(what: String, found: String)
    /// `=` in a condition, where `==` was meant.
    case assignmentInCondition
    /// A `(` not closed; `column` is where it opened.
    case unclosedParenthesis(column: Int, found: String)
    /// A word after `|` that is no table verb, with the nearest verb.
    case unknownStage(found: String, suggestion: String?)
    /// A symbol expected `what` (after the variable name …).
    case expectedSymbol(String, what: String, found: String)
    /// A keyword expected `what` (after the loop variable …).
    case expectedKeyword(String, what: String, found: String)
    /// A name expected; `what` says which (a variable name after let …).
    case expectedName(what: String, found: String)
    /// Nesting beyond `maximum` levels.
    case tooDeep(maximum: Int)
    /// A file name expected after a clause or statement (`svg`, `html`, `import`).
    case expectedPath(after: String, example: String, found: String)

    /// The id of `unterminatedBlock`: one message says it for all the blocks around it.
    public static let unterminatedBlockID = DiagnosticID("unterminated-block", category: .syntax)
    /// The id of `tooDeep`.
    public static let tooDeepID = DiagnosticID("too-deep", category: .syntax)

    /// The message's id: every parser error is a syntax error.
    public var id: DiagnosticID {
        switch self {
        case .unterminatedBlock: return Self.unterminatedBlockID
        case .tooDeep: return Self.tooDeepID
        default: return DiagnosticID(name, category: .syntax)
        }
    }

    private var name: String {
        switch self {
        case .unexpectedBrace: return "unexpected-brace"
        case .expectedEnd: return "expected-end"
        case .expectedFile, .expectedPath: return "expected-file"
        case .elseWithoutIf: return "else-without-if"
        case .unknownStatement: return "unknown-statement"
        case .unterminatedBlock: return "unterminated-block"
        case .expectedEventType: return "expected-event-type"
        case .expectedClause: return "expected-clause"
        case .expectedClauseValue, .expectedValue: return "expected-value"
        case .expectedExport: return "expected-export"
        case .expectedSubject: return "expected-subject"
        case .assignmentInCondition: return "assignment-in-condition"
        case .unclosedParenthesis: return "unclosed-parenthesis"
        case .unknownStage: return "unknown-stage"
        case .expectedSymbol: return "expected-symbol"
        case .expectedKeyword: return "expected-keyword"
        case .expectedName: return "expected-name"
        case .tooDeep: return "too-deep"
        }
    }

    /// The text of the message.
    public var message: String {
        switch self {
        case .unexpectedBrace: return "unexpected \"}\": there is no open block to close"
        case .expectedEnd(let found): return "expected the end of the statement (a new line or \";\"), found \(found)"
        case .expectedFile: return "expected a file to import after import, as in import \"events.csv\""
        case .elseWithoutIf: return "\"else\" must follow the closing \"}\" of an if block on the same line"
        case .unknownStatement(let word, let suggestions):
            return "unknown statement \"\(word)\"; expected a query (members, roster, status, history …), let, for, if, print or append"
                + (suggestions.isEmpty ? "" : "; did you mean " + suggestions.map { "\"\($0)\"" }.joined(separator: " or ") + "?")
        case .unterminatedBlock(let line): return "unterminated block: expected \"}\" to close the \"{\" opened on line \(line)"
        case .expectedEventType(let found):
            return
                "expected an event type after append (founding, accession, status, withdrawal, suspension, reinstatement, reclassify, summit, statement, milestone, dissolution, correction, retraction), found \(found)"
        case .expectedClause(let found): return "expected a clause such as on, source, note or id, found \(found)"
        case .expectedClauseValue(let keyword, let found): return "expected a value after \"\(keyword)\", found \(found)"
        case .expectedValue(let found): return "expected a value (a number, a date, a string, a name or a query), found \(found)"
        case .expectedExport: return "expected what to export: export events [ORG] or export intervals [ORG]"
        case .expectedSubject(let what, let found): return "expected \(what), found \(found)"
        case .assignmentInCondition: return "\"=\" assigns; to compare, write \"==\""
        case .unclosedParenthesis(let column, let found): return "expected \")\" to close the \"(\" at column \(column), found \(found)"
        case .unknownStage(let found, let suggestion):
            return "expected a table verb after \"|\" (where, sort, select, count, first, last), found \(found)"
                + (suggestion.map { "; did you mean \"\($0)\"?" } ?? "")
        case .expectedSymbol(let symbol, let what, let found): return "expected \"\(symbol)\" \(what), found \(found)"
        case .expectedKeyword(let keyword, let what, let found): return "expected \"\(keyword)\" \(what), found \(found)"
        case .expectedName(let what, let found): return "expected \(what), found \(found)"
        case .tooDeep(let maximum): return "nested too deeply: at most \(maximum) levels of parentheses, lists or blocks"
        case .expectedPath(let after, let example, let found):
            return "expected a file name after \(after), as in \(example), found \(found)"
        }
    }
}
