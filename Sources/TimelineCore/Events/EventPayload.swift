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
    /// A state that ISO 3166 lacks (Tanganyika, the United Arab Republic) comes into being with
    /// a code and a name, from the event's date, and ceases on `until` if given.
    indirect case state(StateIntroduction)
    /// `country` succeeds `predecessor` in the organization: it takes over its status, since
    /// when it was held and its ordinal, and the predecessor's ends (Russia continuing the USSR).
    case succession(org: OrganizationID, country: String, predecessor: String)
    /// Members merge into one, which may be one of them (an absorption): each merging member's
    /// status ends and the result holds the highest of them, since the earliest.
    indirect case merger(Merger)
    /// A member dissolves: its status ends, and its successors, named here, are admitted anew
    /// by their own events.
    indirect case breakup(Breakup)
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
        case .state: .state
        case .succession: .succession
        case .merger: .merger
        case .breakup: .breakup
        case .correction: .correction
        case .retraction: .retraction
        }
    }

    /// The organization the event is about, if any.
    public var organization: OrganizationID? {
        switch self {
        case .founding(let founding): founding.org
        case .accession(let org, _), .status(let org, _, _, _), .withdrawal(let org, _), .suspension(let org, _),
            .reinstatement(let org, _), .reclassify(let org, _, _), .milestone(let org, _, _), .dissolution(let org),
            .succession(let org, _, _):
            org
        case .merger(let merger): merger.org
        case .breakup(let breakup): breakup.org
        case .state: nil
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
        case .state(let state): state.code
        case .succession(_, let country, _): country
        case .merger(let merger): merger.result
        case .breakup(let breakup): breakup.country
        default: nil
        }
    }

    /// Every country the event names: its `country`, a founding's founders, a succession's
    /// predecessor, a merger's members, a breakup's successors.
    public var countries: [String] {
        switch self {
        case .founding(let founding): founding.founders
        case .succession(_, let country, let predecessor): [predecessor, country]
        case .merger(let merger): merger.members.contains(merger.result) ? merger.members : merger.members + [merger.result]
        case .breakup(let breakup): [breakup.country] + breakup.successors
        default: country.map { [$0] } ?? []
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

/// The content of a state event: a state ISO 3166 does not list, introduced by the log.
public struct StateIntroduction: Hashable, Sendable {
    /// Its code, three capital letters that no ISO 3166 country uses: `TGA`.
    public var code: String
    /// Its name: "Tanganyika".
    public var name: String
    /// The day it ceased to exist, if it did.
    public var until: EDTFDate?

    /// Whether `text` has the shape of a state code: three capital letters A–Z.
    public static func isValidCode(_ text: String) -> Bool {
        text.utf8.count == 3 && text.utf8.allSatisfy { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
    }

    /// A state with this code and name, existing from the event's date until `until`.
    public init(code: String, name: String, until: EDTFDate? = nil) {
        self.code = code
        self.name = name
        self.until = until
    }
}

/// The content of a merger event.
public struct Merger: Hashable, Sendable {
    /// The organization whose members merge.
    public var org: OrganizationID
    /// The merging members (alpha-3), at least two, or one when it is absorbed by `result`.
    public var members: [String]
    /// The member they become (alpha-3): a new participant, or one of `members`.
    public var result: String

    /// `members` of `org` merging into `result`.
    public init(org: OrganizationID, members: [String], result: String) {
        self.org = org
        self.members = members
        self.result = result
    }
}

/// The content of a breakup event.
public struct Breakup: Hashable, Sendable {
    /// The organization the dissolving member belonged to.
    public var org: OrganizationID
    /// The member that dissolves (alpha-3).
    public var country: String
    /// The states it dissolved into (alpha-3), admitted by their own events.
    public var successors: [String]

    /// `country` of `org` dissolving into `successors`.
    public init(org: OrganizationID, country: String, successors: [String]) {
        self.org = org
        self.country = country
        self.successors = successors
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
    /// Alternative dates added to the event (one of a kind it already has is replaced): how a
    /// log records, after the fact, the other convention's date of a step.
    public var alternatives: [AlternativeDate]

    /// A correction that sets the given fields and leaves those passed as `nil` as they were.
    public init(
        date: EDTFDate? = nil, country: String? = nil, status: Status? = nil, place: String? = nil, host: String? = nil,
        name: String? = nil, text: String? = nil, speaker: String? = nil, alternatives: [AlternativeDate] = []
    ) {
        self.alternatives = AlternativeDate.merging([], alternatives)
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
