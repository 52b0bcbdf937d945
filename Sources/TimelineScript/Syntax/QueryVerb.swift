/// The verbs that start a query, with what each takes: its subject, its clauses, whether
/// `known at` applies, and its help.
///
/// The parser's query keywords, the completion engine's statement starts and its per-verb
/// offers, and the topics of `.help` are derived from this table; the parser and the
/// interpreter switch over it (through `Query.Kind`) without a default, so a verb added here
/// does not compile until it parses, answers and has its help.
///
/// For example:
/// ```swift
/// QueryVerb.members.subject          // .organization
/// QueryVerb.members.clauses          // [.at]
/// QueryVerb.members.example          // "members SCO at 2017-06-09"
/// ```
public enum QueryVerb: String, CaseIterable, Sendable {
    /// The verb each keyword is, if any, by the keyword's raw value.
    private static let byKeyword: [QueryVerb?] = Keyword.allCases.map { QueryVerb(rawValue: $0.text) }

    /// The verb a keyword is, if it is one (every verb is a keyword).
    init?(keyword: Keyword) {
        guard let verb = Self.byKeyword[Int(keyword.rawValue)] else { return nil }
        self = verb
    }

    /// The members of an organization at a date, with their ordinal.
    case members
    /// Every country with any status in an organization, highest status first.
    case roster
    /// One country's standing in an organization.
    case status
    /// Every organization a country held a status in at a date.
    case memberships
    /// Every event about a country or an organization, in time order.
    case history
    /// An organization's summits.
    case summits
    /// What was said, paraphrased.
    case statements
    /// Dated facts that change no status.
    case milestones
    /// The organizations in existence at a date.
    case orgs
    /// Who joined, left or changed status between two dates.
    case diff
    /// The events and sources behind a country's standing.
    case why
    /// The events in order, with what each changed.
    case replay
    /// A swimlane chart of an organization (a lane per country) or of a country (a lane per
    /// organization), in the terminal or as an SVG or HTML file.
    case chart
    /// The recorded events, or the status intervals, for other tools.
    case export
    /// The log's head and whether its rules hold.
    case verify
    /// The log's head.
    case head

    /// What a query names right after its verb.
    public enum Subject: Sendable, Hashable {
        /// An organization: `members SCO`.
        case organization
        /// An organization, then two dates: `diff SCO 2015 2024`.
        case organizationAndTwoDates
        /// An organization or nothing: `replay [SCO]`.
        case optionalOrganization
        /// A country: `memberships Belarus`.
        case country
        /// A country, `in`, and an organization: `status BLR in SCO`.
        case countryInOrganization
        /// A country or an organization: `chart Belarus`, `chart SCO`.
        case countryOrOrganization
        /// A country, an organization or nothing: `statements [BLR]`, `history [BLR]`.
        case optionalCountryOrOrganization
        /// What to export (`events` or `intervals`), then an organization or nothing.
        case exportKind
        /// Nothing: `orgs`, `verify`, `head`.
        case none
    }

    /// A trailing clause of a query (also written `--svg`, as on the command line).
    public enum Clause: String, CaseIterable, Sendable {
        /// `at DATE`: the end of the date at its precision.
        case at
        /// `from DATE`.
        case from
        /// `to DATE`.
        case to
        /// `svg FILE`: the chart as an SVG file.
        case svg
        /// `html FILE`: the chart and its events as a page.
        case html
        /// `step`: one event per Enter (in the REPL).
        case step
        /// `into FILE`: an export written to a file (CSV, JSON Lines or JSON, by its extension).
        case into

        /// The clause a keyword starts, if any.
        init?(keyword: Keyword) {
            switch keyword {
            case .at: self = .at
            case .from: self = .from
            case .to: self = .to
            case .svg: self = .svg
            case .html: self = .html
            case .step: self = .step
            case .into: self = .into
            default: return nil
            }
        }

        /// Whether the clause takes a file name (a string, a variable, or a bare path).
        public var takesPath: Bool { self == .svg || self == .html || self == .into }
        /// Whether the clause is a flag with no value.
        public var isFlag: Bool { self == .step }
    }

    /// What the verb names right after it.
    public var subject: Subject {
        switch self {
        case .members, .roster, .summits, .milestones: return .organization
        case .diff: return .organizationAndTwoDates
        case .replay: return .optionalOrganization
        case .status, .why: return .countryInOrganization
        case .memberships: return .country
        case .chart: return .countryOrOrganization
        case .history, .statements: return .optionalCountryOrOrganization
        case .export: return .exportKind
        case .orgs, .verify, .head: return .none
        }
    }

    /// The clauses the verb takes, in any order after its subject.
    public var clauses: [Clause] {
        switch self {
        case .members, .roster, .status, .memberships, .why, .orgs: return [.at]
        case .history, .summits, .statements, .milestones: return [.from, .to]
        case .replay: return [.from, .to, .step]
        case .chart: return [.from, .to, .svg, .html]
        case .export: return [.into]
        case .diff, .verify, .head: return []
        }
    }

    /// Whether `known at seq N` or `known at TIME` may follow: not for the log's own state.
    public var acceptsKnownAt: Bool {
        switch self {
        case .verify, .head: return false
        case .members, .roster, .status, .memberships, .history, .summits, .statements, .milestones, .orgs, .diff, .why, .replay, .chart,
            .export:
            return true
        }
    }

    /// Whether `by KIND` may follow: the date convention to answer under (`members SCO at
    /// 2009-12-31 by decided`). Not for the log's own state, nor for summits, statements and
    /// milestones, which are dated as they were held or said.
    public var acceptsConvention: Bool {
        switch self {
        case .members, .roster, .status, .memberships, .orgs, .history, .diff, .why, .replay, .chart, .export: return true
        case .summits, .statements, .milestones, .verify, .head: return false
        }
    }

    /// Whether the verb starts a query with nothing after it (`orgs`, `replay`); a verb that
    /// needs a subject is read as a plain name without one (`where status == partner`).
    public var startsWithoutSubject: Bool {
        switch subject {
        case .none, .optionalOrganization, .optionalCountryOrOrganization, .exportKind: return true
        case .organization, .organizationAndTwoDates, .country, .countryInOrganization, .countryOrOrganization: return false
        }
    }

    /// The words that may follow the subject: the clauses, and `known` when it applies.
    var clauseWords: Set<String> {
        Set(clauses.map(\.rawValue) + (acceptsKnownAt ? ["known"] : []) + (acceptsConvention ? ["by"] : []))
    }
}
