/// A country of ISO 3166-1, a former country of ISO 3166-3 (the USSR, Yugoslavia …), a state
/// the log introduces with a `state` event (Tanganyika, the United Arab Republic …), or an
/// organization of the log taking part in others (the European Union in the G20): a participant.
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
    /// Whether this participant is an organization of the log (its code is the organization's
    /// id, its dates its founding and dissolution), not a country.
    public let isOrganization: Bool

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
        self.isOrganization = false
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
        self.isOrganization = false
    }

    /// An organization of the log as a participant of others: known by its id from its
    /// founding, and until its dissolution if it was dissolved.
    public init(organization: Organization) {
        self.init(organization: organization.id, name: organization.name, founded: organization.founded, dissolved: organization.dissolved)
    }

    /// The organization `id`, named `name`, as a participant from `founded` until `dissolved`.
    public init(organization id: OrganizationID, name: String, founded: EDTFDate, dissolved: EDTFDate?) {
        self.alpha3 = id.rawValue
        self.alpha2 = nil
        self.numeric = nil
        self.name = name
        self.otherNames = []
        self.withdrawn = dissolved?.description
        self.introduced = founded
        self.ended = dissolved
        self.isOrganization = true
    }

    /// Whether the log introduced this participant (a state not in ISO 3166, or an organization).
    public var isIntroduced: Bool { introduced != nil }

    /// What kind of participant this is, as answers name it: `country` or `organization`.
    public var kind: String { isOrganization ? "organization" : "country" }

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
