/// What an event says happened: one case per event type.
///
/// Countries are ISO alpha-3 codes, already resolved through the `CountryRegistry`. The large,
/// rarer cases are stored indirectly, so that a log's many status events stay small in memory.
public enum EventPayload: Hashable, Sendable {
    /// An organization comes into being with its founders and status ladder. Founders hold the
    /// ladder's top status from the founding date.
    indirect case founding(Founding)
    /// A country becomes a member (the ladder's top status).
    case accession(org: OrganizationID, country: String)
    /// A country is granted a status, elevated or downgraded. `change` may state which, and is
    /// then checked against the ladder.
    case status(org: OrganizationID, country: String, status: Status, change: StatusChange?)
    /// A country leaves the organization.
    case withdrawal(org: OrganizationID, country: String)
    /// A country's participation is suspended (it keeps its status, flagged suspended).
    case suspension(org: OrganizationID, country: String)
    /// A suspended country is reinstated.
    case reinstatement(org: OrganizationID, country: String)
    /// The organization merges or renames statuses: every holder of a `from` status now holds `to`.
    case reclassify(org: OrganizationID, from: [Status], to: Status)
    /// A summit, at a date or interval.
    indirect case summit(Summit)
    /// A statement by a speaker, paraphrased.
    indirect case statement(SpokenStatement)
    /// A dated fact that changes no status: a procedure launched, a memorandum signed.
    case milestone(org: OrganizationID, country: String?, text: String)
    /// The organization ceases to exist; every status ends.
    case dissolution(org: OrganizationID)
    /// A fix to an earlier event, named by id or unique id prefix.
    indirect case correction(target: String, changes: Correction)
    /// Withdraws an earlier event, named by id or unique id prefix, from every answer.
    case retraction(target: String, reason: String)

    /// The event type.
    public var kind: EventKind {
        switch self {
        case .founding: .founding
        case .accession: .accession
        case .status: .status
        case .withdrawal: .withdrawal
        case .suspension: .suspension
        case .reinstatement: .reinstatement
        case .reclassify: .reclassify
        case .summit: .summit
        case .statement: .statement
        case .milestone: .milestone
        case .dissolution: .dissolution
        case .correction: .correction
        case .retraction: .retraction
        }
    }

    /// The organization the event is about, if any.
    public var organization: OrganizationID? {
        switch self {
        case .founding(let founding): founding.org
        case .accession(let org, _), .status(let org, _, _, _), .withdrawal(let org, _), .suspension(let org, _),
            .reinstatement(let org, _), .reclassify(let org, _, _), .milestone(let org, _, _), .dissolution(let org):
            org
        case .summit(let summit): summit.org
        case .statement(let statement): statement.org
        case .correction, .retraction: nil
        }
    }

    /// The country the event is about directly, if any (founders and hosts not included).
    public var country: String? {
        switch self {
        case .accession(_, let country), .status(_, let country, _, _), .withdrawal(_, let country),
            .suspension(_, let country), .reinstatement(_, let country):
            country
        case .milestone(_, let country, _): country
        case .statement(let statement): statement.country
        case .summit(let summit): summit.host
        default: nil
        }
    }
}

/// Which way a status change goes on the ladder.
public enum StatusChange: String, Sendable, Hashable, CaseIterable {
    /// From no status to a status.
    case grant
    /// Up the ladder.
    case elevation
    /// Down the ladder.
    case downgrade
}

/// The content of a founding event.
public struct Founding: Hashable, Sendable {
    /// The identifier of the new organization, `SCO`.
    public var org: OrganizationID
    /// Its full name, "Shanghai Cooperation Organisation".
    public var name: String
    /// The city where it was founded, if given.
    public var place: String?
    /// The founding countries (alpha-3), each holding the ladder's top status from the founding date.
    public var founders: [String]
    /// The organization's statuses, lowest first; the top rung is membership.
    public var ladder: StatusLadder
    /// The organization this one succeeds, if any (the Shanghai Five for the SCO): it must have been
    /// founded before.
    public var predecessor: OrganizationID?

    /// The founding of `org`, named `name`, by `founders`, with the status ladder `ladder`.
    public init(
        org: OrganizationID, name: String, place: String? = nil, founders: [String], ladder: StatusLadder,
        predecessor: OrganizationID? = nil
    ) {
        self.org = org
        self.name = name
        self.place = place
        self.founders = founders
        self.ladder = ladder
        self.predecessor = predecessor
    }
}

/// The content of a summit event.
public struct Summit: Hashable, Sendable {
    /// The organization holding the summit.
    public var org: OrganizationID
    /// The city.
    public var place: String?
    /// The host country (alpha-3).
    public var host: String?
    /// A name such as "Astana summit".
    public var name: String?
    /// Its number in the series, when counted.
    public var number: Int?

    /// A summit of `org`; place, host, name and number are optional.
    public init(org: OrganizationID, place: String? = nil, host: String? = nil, name: String? = nil, number: Int? = nil) {
        self.org = org
        self.place = place
        self.host = host
        self.name = name
        self.number = number
    }
}

/// The replacement values a correction sets on its target; `nil` fields are left as they were.
public struct Correction: Hashable, Sendable {
    /// The corrected valid time, for any event type that has a date.
    public var date: EDTFDate?
    /// The corrected country (alpha-3), for an accession, status change, withdrawal, suspension,
    /// reinstatement, statement or milestone.
    public var country: String?
    /// The corrected status, for a status event.
    public var status: Status?
    /// The corrected place, for a founding or a summit.
    public var place: String?
    /// The corrected host country (alpha-3), for a summit.
    public var host: String?
    /// The corrected name, for a founding or a summit.
    public var name: String?
    /// The corrected text, for a statement (its paraphrase) or a milestone.
    public var text: String?
    /// The corrected speaker, for a statement.
    public var speaker: String?

    /// A correction that sets the given fields and leaves those passed as `nil` as they were.
    public init(
        date: EDTFDate? = nil, country: String? = nil, status: Status? = nil, place: String? = nil, host: String? = nil,
        name: String? = nil, text: String? = nil, speaker: String? = nil
    ) {
        self.date = date
        self.country = country
        self.status = status
        self.place = place
        self.host = host
        self.name = name
        self.text = text
        self.speaker = speaker
    }

    /// Whether the correction changes nothing.
    public var isEmpty: Bool { self == Correction() }
}
