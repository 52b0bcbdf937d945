/// What a statement event records: who said what, about which organization or country, where.
///
/// Named apart from the language's `Statement` (a line of a script).
public struct SpokenStatement: Hashable, Sendable {
    /// Who spoke: "Xi Jinping".
    public var speaker: String
    /// The organization it concerns, if any.
    public var org: OrganizationID?
    /// The country it concerns (alpha-3), if any.
    public var country: String?
    /// A paraphrase of what was said (never a copied quotation).
    public var text: String
    /// Where or when it was said: "opening of the Astana summit".
    public var context: String?

    /// A statement by `speaker`, paraphrased in `text`.
    public init(speaker: String, org: OrganizationID? = nil, country: String? = nil, text: String, context: String? = nil) {
        self.speaker = speaker
        self.org = org
        self.country = country
        self.text = text
        self.context = context
    }
}
