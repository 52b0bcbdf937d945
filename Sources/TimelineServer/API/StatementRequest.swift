import TimelineScript
import TimelineStore

/// One request as the server runs it: the statement (built with the `known` point it is to
/// answer from), what kind of statements it may hold, and how its answer is given.
struct StatementRequest: Sendable {
    /// What the statements may do.
    enum Mode: Sendable {
        /// Queries only (every route but the appending ones, and the query endpoint).
        case query
        /// A script of appends and queries, committed as one batch; no transactions, no `import`.
        case appendScript
        /// One `import` of the request body.
        case importBody
    }

    /// How the answer is given.
    enum Answer: Sendable {
        /// The last table, in the envelope.
        case table
        /// Every output, in order (the query and append endpoints).
        case outputs
        /// The file the statement wrote, with this media type (charts).
        case file(contentType: String)
        /// The last table as CSV or JSON Lines, not in an envelope.
        case text(OutputFormat)
    }

    /// The statement for a `known` point (`nil`: none).
    var statement: @Sendable (KnownPoint?) -> String
    /// The `known` point the request asked for.
    var known: KnownPoint?
    /// Whether the statement takes `known at`, so a pinned head the log has moved on from can
    /// still be answered as the log stood then.
    var acceptsKnown: Bool
    /// The head the request is pinned to.
    var pin: CitedHead?
    /// The entity tags of `If-None-Match`.
    var ifNoneMatch: String?
    var mode: Mode = .query
    var answer: Answer = .table
    /// The request body, offered to `import` under this name.
    var body: (name: String, contents: [UInt8])?

    /// A query whose statement does not depend on `known`.
    static func fixed(_ text: String) -> StatementRequest {
        StatementRequest(statement: { _ in text }, known: nil, acceptsKnown: false, pin: nil, ifNoneMatch: nil)
    }
}
