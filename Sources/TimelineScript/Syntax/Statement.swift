/// A statement of the language, with its source range.
public struct Statement: Sendable {
    /// The kinds of statement: bindings, control flow, output, appends, imports and transactions.
    public indirect enum Kind: Sendable {
        case `let`(name: String, value: Expression)
        case assign(name: String, value: Expression)
        case `for`(variable: String, sequence: Expression, body: [Statement])
        case `if`(condition: Expression, then: [Statement], else: [Statement]?)
        case print([Expression])
        /// An expression whose value is shown: a query, a pipeline, a variable.
        case expression(Expression)
        case append(AppendStatement)
        /// `import "FILE.csv"` or `import "FILE.jsonl"`: appends every event of the file.
        case importFile(Expression)
        /// `begin`, `commit` or `rollback`.
        case transaction(TransactionCommand)
    }

    /// What the statement is, with its parts.
    public let kind: Kind
    /// The statement's byte range in the source.
    public let range: Range<Int>

    /// A statement of `kind` covering the byte range `range`.
    public init(_ kind: Kind, _ range: Range<Int>) {
        self.kind = kind
        self.range = range
    }
}

/// `append TYPE positional… clause value…`: the raw parts, interpreted per event type.
public struct AppendStatement: Sendable {
    /// The event type word as written (`accession`) and where.
    public let type: String
    /// The byte range of the event type word.
    public let typeRange: Range<Int>
    /// Values before the first clause keyword (`SCO IND`, or `SCO observer dialogue-partner`).
    public let positional: [Expression]
    /// Clauses in order: `on D`, `source "…"`, `founders CHN KAZ …`.
    public let clauses: [(keyword: String, values: [Expression], range: Range<Int>)]
    /// The `also KIND on DATE source "…" [url "…"]` clauses: the step's other dates.
    public var alternatives: [AlternativeClause] = []
}

/// One `also KIND on DATE source "…" [url "…"]` clause of an append: another date of the same
/// step (the decision of a status that took effect later), with its own source.
public struct AlternativeClause: Sendable {
    /// The kind word: `decided`, `signed`, `ratified`, `deposited`, `announced`, `effective`.
    public let kind: Expression
    /// The date.
    public let date: Expression
    /// Its citation.
    public let source: Expression
    /// Its address, if given.
    public let url: Expression?
    /// The whole clause, from `also`.
    public let range: Range<Int>
}

/// A parsed script.
public struct Program: Sendable {
    /// The script's top-level statements, in order.
    public let statements: [Statement]
}

/// `begin`, `commit` or `rollback`: statements that group appends into one batch.
public enum TransactionCommand: String, Sendable, CaseIterable {
    /// Opens a transaction: appends wait for `commit`.
    case begin
    /// Writes the transaction's appends as one batch and closes it.
    case commit
    /// Discards the transaction's appends and closes it.
    case rollback

    /// The command a keyword is, if any.
    init?(keyword: Keyword) {
        switch keyword {
        case .begin: self = .begin
        case .commit: self = .commit
        case .rollback: self = .rollback
        default: return nil
        }
    }
}
