import TimelineScript
import TimelineStore

/// The JSON body of every error: the diagnostic the language gives (its stable id, message,
/// position in the statement, notes) and the HTTP status chosen from it.
enum APIErrorBody {
    /// An error answer for a request refused before it ran.
    static func answer(_ problem: BadRequest, head: LogHead?) -> APIAnswer {
        let body = object(
            id: problem.id, message: problem.message, category: "request", position: nil, statement: nil, notes: [], head: head)
        return .json(body, status: problem.status, head: head)
    }

    /// An error answer for a diagnostic of `statement`; `timedOut` when the run was stopped
    /// for running past its limit.
    static func answer(_ diagnostic: Diagnostic, statement: SourceFile, timedOut: Bool, head: LogHead?) -> APIAnswer {
        if timedOut {
            return answer(
                BadRequest(status: 503, "query-timeout", "the statement ran longer than the server allows and was stopped; ask for less"),
                head: head)
        }
        let position = diagnostic.isLocated ? statement.location(of: diagnostic.range.lowerBound) : nil
        let body = object(
            id: diagnostic.id.name, message: diagnostic.message, category: name(of: diagnostic.id.category), position: position,
            statement: statement.text, notes: diagnostic.notes, head: head)
        return .json(body, status: status(for: diagnostic.id), head: head)
    }

    /// The HTTP status for a diagnostic: 404 for an unknown organization or country, 409 for a
    /// refused append, 503 when the log cannot be read, 500 for an internal error, else 400.
    static func status(for id: DiagnosticID) -> Int {
        switch id.name {
        case "unknown-organization", "unknown-country": return 404
        default: break
        }
        switch id.category {
        case .syntax, .runtime: return 400
        case .refused: return 409
        case .logUnreadable, .logIO: return 503
        case .internal: return 500
        }
    }

    private static func name(of category: DiagnosticCategory) -> String {
        switch category {
        case .syntax: return "syntax"
        case .runtime: return "runtime"
        case .refused: return "refused"
        case .logUnreadable: return "log-unreadable"
        case .logIO: return "log-io"
        case .internal: return "internal"
        }
    }

    private static func object(
        id: String, message: String, category: String, position: (line: Int, column: Int)?, statement: String?, notes: [String],
        head: LogHead?
    ) -> String {
        var error: [(String, JSONValue)] = [("id", .string(id)), ("message", .string(message)), ("category", .string(category))]
        if let position { error.append(("position", .object([("line", .number(position.line)), ("column", .number(position.column))]))) }
        if let statement { error.append(("statement", .string(statement))) }
        error.append(("notes", .array(notes.map(JSONValue.string))))
        var pairs: [(String, JSONValue)] = [("error", .object(error))]
        if let head { pairs.append(("head", .object([("seq", .number(head.count)), ("hash", .string(head.hash.hex))]))) }
        return JSONValue.object(pairs).text
    }
}
