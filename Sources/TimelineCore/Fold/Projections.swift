/// The folded state of a log that membership queries read: organizations and, for each, every
/// participant's status transitions in fold order.
///
/// It is what a `Timeline` derives from its records, and what a snapshot cache stores, so that
/// a large log answers `members`, `roster` and `status` without reading its records again.
public struct Projections: Sendable {
    /// Every organization founded in the log.
    public let organizations: [OrganizationID: Organization]
    /// The countries codes resolve against.
    public let registry: CountryRegistry
    /// Each organization's participants and their transitions.
    public let memberships: MembershipTable

    /// Projections from their parts (a fold, or a snapshot).
    public init(organizations: [OrganizationID: Organization], memberships: MembershipTable, registry: CountryRegistry) {
        self.organizations = organizations
        self.memberships = memberships
        self.registry = registry
    }

    /// The membership transitions of a country in an organization, in fold order.
    public func transitions(of country: String, in org: OrganizationID) -> [MembershipTransition] {
        guard let memberships = memberships[org], let index = memberships.index(of: country) else { return [] }
        return memberships.transitions(at: index)
    }

    /// Every country that ever held a status in an organization, sorted by code.
    public func participants(of org: OrganizationID) -> [String] {
        memberships[org]?.countries ?? []
    }

    /// The order of accession for one country in an organization (1 for the first member).
    public func ordinal(of country: String, in org: OrganizationID) -> Int? {
        guard let memberships = memberships[org], let index = memberships.index(of: country) else { return nil }
        return memberships.ordinal(at: index)
    }
}
