/// A country's standing in an organization at a date: one row of `members`, `roster` or `status`.
public struct StatusRow: Hashable, Sendable {
    /// The organization.
    public let org: OrganizationID
    /// The country's ISO alpha-3 code.
    public let country: String
    /// The country's name.
    public let name: String
    /// The status held.
    public let status: Status
    /// Since when (the date of the event that gave the status).
    public let since: EDTFDate
    /// Certain, or only possible because an event's date straddles the query date.
    public let certainty: Certainty
    /// Whether participation is suspended.
    public let suspended: Bool
    /// For members: the order of accession (the SCO's founders are 1–6, Belarus 10).
    public let ordinal: Int?
    /// The event that gave the status.
    public let eventID: EventID
}

/// The answer to `members ORG at D`: the members, in order of accession, with notes when the
/// organization did not exist then.
public struct MembersAnswer: Hashable, Sendable {
    /// The organization asked about.
    public let org: OrganizationID
    /// The query day (the end of the asked date at its precision).
    public let day: CivilDay
    /// One row per member, in order of accession; a country only possibly a member then is marked
    /// `possible`.
    public let rows: [StatusRow]
    /// Remarks such as "SCO was founded on 2001-06-15".
    public let notes: [String]
}

/// The answer to `roster ORG at D`: every country with any status, grouped by status, highest
/// rung first.
public struct RosterAnswer: Hashable, Sendable {
    /// A status and the countries holding it.
    public struct Group: Hashable, Sendable {
        /// The status the group's countries hold.
        public let status: Status
        /// The countries holding it: members in order of accession, then the others by the date of
        /// their status.
        public let rows: [StatusRow]
    }

    /// The organization asked about.
    public let org: OrganizationID
    /// The query day (the end of the asked date at its precision).
    public let day: CivilDay
    /// The groups, highest rung of the ladder in force that day first (statuses no longer on it
    /// last); a status nobody holds has no group.
    public let groups: [Group]
    /// Remarks such as "SCO was founded on 2001-06-15".
    public let notes: [String]

    /// Every row, group by group.
    public var rows: [StatusRow] { groups.flatMap(\.rows) }
}

/// An organization in existence at a date.
public struct OrganizationRow: Hashable, Sendable {
    /// The organization as founded, with its ladder changes and dissolution.
    public let organization: Organization
    /// Whether it surely existed on the day, or only possibly (its founding or dissolution date
    /// straddles the day).
    public let certainty: Certainty
}
