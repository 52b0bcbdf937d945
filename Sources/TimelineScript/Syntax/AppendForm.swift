import TimelineCore

/// The shape of one `append` form: the values before its clauses, the clauses it needs and
/// those it may take, and an example.
///
/// Every event type has one (`EventKind.appendForm`); the interpreter checks an append against
/// it and the completion engine offers its clauses.
public struct AppendForm: Sendable {
    /// A value written before the clauses.
    public enum Role: Sendable, Hashable {
        /// An organization id or name.
        case org
        /// A country code or name.
        case country
        /// A status of the organization's ladder.
        case status
        /// One or more statuses (`reclassify`).
        case statuses
        /// A speaker's name, in quotes.
        case speaker
        /// The id, or a prefix of it, of the event amended.
        case target
        /// A country, or nothing.
        case optionalCountry
        /// Several countries (a merger's members).
        case countries
        /// The code of a state not yet known (`state`).
        case newCode
    }

    /// The values before the clauses, in order.
    public let positional: [Role]
    /// The clauses the form needs.
    public let required: [String]
    /// The clauses the form may take, besides the common ones.
    public let optional: [String]
    /// A whole append of this form.
    public let example: String

    /// The clauses every form takes: `source` (required), `url`, `note`, `id`, and `also` (another
    /// date of the step: `also decided on D source "…" [url "…"]`, any number of times).
    public static let commonClauses = ["source", "url", "note", "id", "also"]

    /// Every clause the form takes: required, optional, then the common ones.
    public var clauses: [String] { required + optional + Self.commonClauses }
}

extension EventKind {
    /// The form of `append` that writes an event of this kind.
    public var appendForm: AppendForm {
        switch self {
        case .founding:
            return AppendForm(
                positional: [.org], required: ["on", "name", "ladder"], optional: ["founders", "place", "predecessor"],
                example: "append founding SCO on 2001-06-15 name \"…\" founders CHN RUS ladder observer member source \"…\"")
        case .accession:
            return AppendForm(
                positional: [.org, .country], required: ["on"], optional: [], example: "append accession SCO IND on 2017-06-09 source \"…\""
            )
        case .withdrawal:
            return AppendForm(
                positional: [.org, .country], required: ["on"], optional: [],
                example: "append withdrawal CSTO UZB on 2012-06-28 source \"…\"")
        case .suspension:
            return AppendForm(
                positional: [.org, .country], required: ["on"], optional: [], example: "append suspension CSTO ARM on 2024-02 source \"…\"")
        case .reinstatement:
            return AppendForm(
                positional: [.org, .country], required: ["on"], optional: [], example: "append reinstatement CSTO ARM on 2025 source \"…\"")
        case .status:
            return AppendForm(
                positional: [.org, .country, .status], required: ["on"], optional: ["change"],
                example: "append status SCO BLR observer on 2015-07-10 source \"…\"")
        case .reclassify:
            return AppendForm(
                positional: [.org, .statuses], required: ["as", "on"], optional: [],
                example: "append reclassify SCO observer dialogue-partner as partner on 2025-09-01 source \"…\"")
        case .summit:
            return AppendForm(
                positional: [.org], required: ["on"], optional: ["place", "host", "name", "number"],
                example: "append summit SCO on 2024-07-03/2024-07-04 place Astana host KAZ source \"…\"")
        case .statement:
            return AppendForm(
                positional: [.speaker], required: ["on", "text"], optional: ["org", "country", "context"],
                example: "append statement \"Xi Jinping\" on 2024-07-04 org SCO text \"…\" source \"…\"")
        case .milestone:
            return AppendForm(
                positional: [.org, .optionalCountry], required: ["on", "text"], optional: [],
                example: "append milestone SCO IRN on 2021-09-17 text \"accession procedure launched\" source \"…\"")
        case .dissolution:
            return AppendForm(
                positional: [.org], required: ["on"], optional: [], example: "append dissolution SHANGHAI5 on 2001-06-15 source \"…\"")
        case .state:
            return AppendForm(
                positional: [.newCode], required: ["name", "on"], optional: ["until"],
                example: "append state TGA name \"Tanganyika\" on 1961-12-09 until 1964-04-26 source \"…\"")
        case .succession:
            return AppendForm(
                positional: [.org, .country], required: ["from", "on"], optional: [],
                example: "append succession UN RUS from SUN on 1991-12-24 source \"…\"")
        case .merger:
            return AppendForm(
                positional: [.org, .countries], required: ["into", "on"], optional: [],
                example: "append merger UN TGA ZAN into TZA on 1964-04-26 source \"…\"")
        case .breakup:
            return AppendForm(
                positional: [.org, .country], required: ["into", "on"], optional: [],
                example: "append breakup UN CSK into CZE SVK on 1993-01-01 source \"…\"")
        case .correction:
            return AppendForm(
                positional: [.target], required: [],
                optional: ["date", "country", "status", "place", "host", "name", "text", "speaker"],
                example: "append correction 3fa9c1 date 2017-06-09 source \"…\"")
        case .retraction:
            return AppendForm(
                positional: [.target], required: ["reason"], optional: [],
                example: "append retraction 3fa9c1 reason \"duplicate\" source \"…\"")
        }
    }
}
