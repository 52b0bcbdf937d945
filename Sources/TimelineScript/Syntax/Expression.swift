import TimelineCore

/// An expression of the language, with its source range.
public struct Expression: Sendable {
    /// The kinds of expression.
    public indirect enum Kind: Sendable {
        case number(Int)
        case string(String)
        case date(EDTFDateLiteral)
        case bool(Bool)
        /// A bare word: a variable when one is defined with that name, else the word itself (an
        /// organization id, a country code or name, a status).
        case name(String)
        case list([Expression])
        case unary(String, Expression)
        case binary(String, Expression, Expression)
        /// `a..b`, inclusive.
        case range(Expression, Expression)
        /// `count(x)`, `year(d)` …
        case call(String, [Expression])
        /// A query statement used as a value: `members SCO at 2017`.
        case query(Query)
        /// `source | stage | stage …`
        case pipeline(Expression, [PipelineStage])
        /// `left intersect right`, `left union right`, `left except right`: two tables matched
        /// by their `country` column.
        case combine(SetOperator, Expression, Expression)
    }

    /// What the expression is, with its operands.
    public let kind: Kind
    /// The expression's byte range in the source.
    public let range: Range<Int>

    /// An expression of `kind` covering the byte range `range`.
    public init(_ kind: Kind, _ range: Range<Int>) {
        self.kind = kind
        self.range = range
    }
}

/// One stage of a pipeline.
public struct PipelineStage: Sendable {
    /// The kinds of stage: `where`, `sort`, `select`, `count`, `first` and `last`.
    public enum Kind: Sendable {
        case `where`(Expression)
        case sort([(column: String, descending: Bool, range: Range<Int>)])
        case select([(column: String, range: Range<Int>)])
        case count
        case first(Expression)
        case last(Expression)
    }

    /// What the stage does, with its operands.
    public let kind: Kind
    /// The stage's byte range in the source.
    public let range: Range<Int>
}

/// What `export` writes.
public enum ExportKind: String, Sendable {
    /// Every recorded event, with all its fields, ready for `import`.
    case events
    /// Status intervals: `org,country,status,from,to`, `to` empty while a status lasts.
    case intervals
}

/// `known at seq N` or `known at TIME`.
public enum KnownAtClause: Sendable {
    case seq(Expression)
    case time(Expression)
}

/// A query: what to ask, of which organization or country, at which date.
public struct Query: Sendable {
    /// The kinds of query, one per verb, with their operands.
    public enum Kind: Sendable {
        case members(org: Expression, at: Expression?)
        case roster(org: Expression, at: Expression?)
        case status(country: Expression, org: Expression, at: Expression?)
        /// `memberships COUNTRY [at D]`: every organization the country held a status in.
        case memberships(country: Expression, at: Expression?)
        /// `history [COUNTRY|ORG] [from D] [to D]`: without a subject, every organization's events.
        case history(subject: Expression?, from: Expression?, to: Expression?)
        case summits(org: Expression, from: Expression?, to: Expression?)
        case statements(subject: Expression?, from: Expression?, to: Expression?)
        case milestones(org: Expression, from: Expression?, to: Expression?)
        case orgs(at: Expression?)
        /// `diff ORG D1 D2 [by K]` between two dates, or `diff ORG D by K1 [K2]` between two date
        /// conventions at one date (`to` is then `nil`).
        case diff(org: Expression, from: Expression, to: Expression?)
        case why(country: Expression, org: Expression, at: Expression?)
        /// `step` waits for Enter between events (in the REPL).
        case replay(org: Expression?, from: Expression?, to: Expression?, step: Bool)
        /// `chart ORG …` (a lane per country) or `chart COUNTRY …` (a lane per organization).
        case chart(subject: Expression, from: Expression?, to: Expression?, svg: Expression?, html: Expression?)
        /// `export events [ORG]` or `export intervals [ORG]`.
        case export(what: ExportKind, org: Expression?, file: Expression?)
        case verify
        case head
    }

    /// The query's verb.
    public var verb: QueryVerb {
        switch kind {
        case .members: return .members
        case .roster: return .roster
        case .status: return .status
        case .memberships: return .memberships
        case .history: return .history
        case .summits: return .summits
        case .statements: return .statements
        case .milestones: return .milestones
        case .orgs: return .orgs
        case .diff: return .diff
        case .why: return .why
        case .replay: return .replay
        case .chart: return .chart
        case .export: return .export
        case .verify: return .verify
        case .head: return .head
        }
    }

    /// What is asked, with its operands.
    public let kind: Kind
    /// The `known at` clause, asking about the log as it stood then; `nil` for the log as it is.
    public let known: KnownAtClause?
    /// The `by KIND` clause: the date convention to answer under (`by decided`); `diff` takes
    /// two (`by decided effective`). Empty: each event's own date.
    public var conventions: [Expression] = []
    /// The query's byte range in the source.
    public let range: Range<Int>
}
