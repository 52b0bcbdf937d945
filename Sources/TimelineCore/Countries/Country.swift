/// A country of ISO 3166-1, a former country of ISO 3166-3 (the USSR, Yugoslavia …), or a state
/// the log introduces with a `state` event (Tanganyika, the United Arab Republic …).
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
    /// For a state the log introduced, the date it came into being (`nil` for ISO countries).
    public let introduced: EDTFDate?
    /// For a state the log introduced, the date it ceased to exist, if it did.
    public let ended: EDTFDate?

    /// A country from its ISO 3166 codes and names; `withdrawn` is `nil` for a current country.
    public init(alpha3: String, alpha2: String?, numeric: String?, name: String, otherNames: [String], withdrawn: String?) {
        self.alpha3 = alpha3
        self.alpha2 = alpha2
        self.numeric = numeric
        self.name = name
        self.otherNames = otherNames
        self.withdrawn = withdrawn
        self.introduced = nil
        self.ended = nil
    }

    /// A state introduced by the log: known from `introduced`, and until `ended` if given.
    public init(introducedCode code: String, name: String, introduced: EDTFDate, ended: EDTFDate?) {
        self.alpha3 = code
        self.alpha2 = nil
        self.numeric = nil
        self.name = name
        self.otherNames = []
        self.withdrawn = ended?.description
        self.introduced = introduced
        self.ended = ended
    }

    /// Whether the log introduced this state (it is not in ISO 3166).
    public var isIntroduced: Bool { introduced != nil }

    /// Whether the country exists on some day of `date`: always for an ISO country; for an
    /// introduced state, from its first possible day to its last.
    public func exists(at date: EDTFDate) -> Bool {
        guard let introduced else { return true }
        if date.latest < introduced.earliest { return false }
        if let ended, date.earliest > ended.latest { return false }
        return true
    }

    /// Whether this is a former country of ISO 3166-3.
    public var isFormer: Bool { withdrawn != nil }

    /// The name and code as answers show them: `Belarus (BLR)`.
    public var description: String { "\(name) (\(alpha3))" }
}
