/// A country of ISO 3166-1, or a former country of ISO 3166-3 (the USSR, Yugoslavia …).
public struct Country: Hashable, Sendable, CustomStringConvertible {
    /// The ISO 3166-1 alpha-3 code, `BLR`: the identity of a country in events and answers.
    public let alpha3: String
    /// The ISO 3166-1 alpha-2 code, `BY`; `nil` for former countries (their codes were reused).
    public let alpha2: String?
    /// The ISO numeric code, `112`, when ISO gives one.
    public let numeric: String?
    /// The name to show: the ISO common name where there is one (`Iran`, `Laos`).
    public let name: String
    /// ISO short and official names, and the aliases people type (`Turkey`, `Kyrgyz Republic`).
    public let otherNames: [String]
    /// For a former country, the date ISO withdrew it (`1992-08-30` for the USSR).
    public let withdrawn: String?

    /// A country from its ISO 3166 codes and names; `withdrawn` is `nil` for a current country.
    public init(alpha3: String, alpha2: String?, numeric: String?, name: String, otherNames: [String], withdrawn: String?) {
        self.alpha3 = alpha3
        self.alpha2 = alpha2
        self.numeric = numeric
        self.name = name
        self.otherNames = otherNames
        self.withdrawn = withdrawn
    }

    /// Whether this is a former country of ISO 3166-3.
    public var isFormer: Bool { withdrawn != nil }

    /// The name and code as answers show them: `Belarus (BLR)`.
    public var description: String { "\(name) (\(alpha3))" }
}
