import TimelineCore

/// The messages of `append`: the shape of each form, its clauses and their values.
/// `kind` is an event type's name (`accession`), `example` a form's example.
public enum AppendMessage: DiagnosticMessage, Hashable {
    /// A type no event has, with the nearest one.
    case unknownEventType(String, suggestion: String?)
    /// A clause the form does not take; `takes` lists those it does.
    case unexpectedClause(kind: String, clause: String, takes: [String])
    /// A clause given twice.
    case repeatedClause(String)
    /// No `source` clause: provenance is mandatory.
    case missingSource
    /// A `source` clause with empty text.
    case emptySource
    /// A required clause missing.
    case missingClause(kind: String, clause: String)
    /// `on` or `date` with several values.
    case clauseTakesOneDate(String)
    /// Another clause with several values.
    case tooManyValues(String)
    /// A word that is no status name.
    case invalidStatus(String)
    /// A word that cannot be an organization id.
    case invalidOrganizationID(String)
    /// `reclassify` without the statuses it merges.
    case missingStatuses
    /// A positional value missing; `what` says which (an organization, a country …).
    case missingValue(kind: String, what: String)
    /// A value after the positional ones and before any clause; `text` is empty when it has none.
    case unexpectedValue(text: String)
    /// A ladder with a repeated status.
    case invalidLadder
    /// `change` with a word other than grant, elevation or downgrade.
    case invalidChange(String)
    /// `number` with something other than a whole number.
    case numberNeedsWholeNumber
    /// A correction that changes nothing.
    case emptyCorrection
    /// An `id` that is not a valid event id.
    case invalidID(String)
    /// A `state` code that is not three capital letters.
    case invalidStateCode(String)
    /// A `state` code some country already has (`by` names it).
    case stateCodeTaken(String, by: String)
    /// An `also` clause whose kind is not a kind of date.
    case invalidDateKind(String)

    /// The message's id: a missing or empty source is refused by the rule of provenance; the
    /// others are errors in the statement.
    public var id: DiagnosticID {
        switch self {
        case .unknownEventType: return DiagnosticID("unknown-event-type", category: .runtime)
        case .unexpectedClause: return DiagnosticID("unexpected-clause", category: .runtime)
        case .repeatedClause: return DiagnosticID("repeated-clause", category: .runtime)
        case .missingSource, .emptySource: return DiagnosticID("missing-source", category: .refused)
        case .missingClause: return DiagnosticID("missing-clause", category: .runtime)
        case .clauseTakesOneDate: return DiagnosticID("invalid-date", category: .runtime)
        case .tooManyValues: return DiagnosticID("too-many-values", category: .runtime)
        case .invalidStatus: return DiagnosticID("invalid-status", category: .runtime)
        case .invalidOrganizationID: return DiagnosticID("invalid-organization-id", category: .runtime)
        case .missingStatuses, .missingValue: return DiagnosticID("missing-value", category: .runtime)
        case .unexpectedValue: return DiagnosticID("unexpected-value", category: .runtime)
        case .invalidLadder: return DiagnosticID("invalid-ladder", category: .runtime)
        case .invalidChange: return DiagnosticID("invalid-change", category: .runtime)
        case .numberNeedsWholeNumber: return DiagnosticID("type-error", category: .runtime)
        case .emptyCorrection: return DiagnosticID("empty-correction", category: .runtime)
        case .invalidID: return DiagnosticID("invalid-id", category: .runtime)
        case .invalidStateCode: return DiagnosticID("invalid-state-code", category: .runtime)
        case .stateCodeTaken: return DiagnosticID("state-code-taken", category: .refused)
        case .invalidDateKind: return DiagnosticID("invalid-date-kind", category: .runtime)
        }
    }

    /// The text of the message.
    public var message: String {
        switch self {
        case .unknownEventType(let type, let suggestion):
            return "unknown event type \"\(type)\"; expected one of \(EventKind.allCases.map(\.rawValue).joined(separator: ", "))"
                + (suggestion.map { "; did you mean \"\($0)\"?" } ?? "")
        case .unexpectedClause(let kind, let clause, let takes):
            return "\(Article.with(kind)) takes no \"\(clause)\"; it takes \(takes.joined(separator: ", "))"
        case .repeatedClause(let clause): return "\"\(clause)\" is given twice"
        case .missingSource: return "every event needs a source: add source \"…\" (a citation: outlet, title, date or URL)"
        case .emptySource: return "the source is empty: give a citation (outlet, title, date or URL)"
        case .missingClause(let kind, let clause): return "\(Article.with(kind)) needs \"\(clause) …\""
        case .clauseTakesOneDate(let clause): return "\"\(clause)\" takes one date, written year first: 2017-06-09, 2017-06 or 2017"
        case .tooManyValues(let clause): return "\"\(clause)\" takes one value; put text with spaces in quotes"
        case .invalidStatus(let name): return "\"\(name)\" is not a status name"
        case .invalidOrganizationID(let name): return "\"\(name)\" is not an organization id: a letter, then letters, digits, - or _"
        case .missingStatuses: return "name the statuses to reclassify"
        case .missingValue(let kind, let what): return "\(Article.with(kind)) needs \(what) here"
        case .unexpectedValue(let text):
            return "unexpected \(text.isEmpty ? "value" : "\"\(text)\""); expected a clause such as on or source"
        case .invalidLadder: return "a ladder lists distinct statuses, lowest first"
        case .invalidChange(let word): return "expected grant, elevation or downgrade, not \"\(word)\""
        case .numberNeedsWholeNumber: return "number takes a whole number"
        case .emptyCorrection:
            return "a correction must set at least one field: date, country, status, place, host, name, text, speaker or an also date"
        case .invalidID(let text): return "\"\(text)\" is not a valid id: 1 to 64 letters, digits, -, _ or ."
        case .invalidStateCode(let text): return "\"\(text)\" is not a state code: three capital letters, such as TGA"
        case .stateCodeTaken(let code, let known): return "\(code) is already the code of \(known); choose another code for the new state"
        case .invalidDateKind(let word):
            return "\"\(word)\" is not a kind of date; expected one of \(DateKind.words): also decided on 2009-06-16 source \"…\""
        }
    }

    /// The note that shows a form's example.
    public static func exampleNote(_ example: String) -> String { "for example: \(example)" }
}
