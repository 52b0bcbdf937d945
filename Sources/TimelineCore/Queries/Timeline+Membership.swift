/// Membership queries on a timeline read its projections.
extension Timeline {
    /// The organization with this id or full name, in any case.
    /// - Throws: `UnknownOrganizationError` with the nearest ids and names.
    public func resolveOrganization(_ text: String) throws(UnknownOrganizationError) -> Organization {
        try projections.resolveOrganization(text)
    }

    /// A country's standing in an organization at the end of `day` (see `Projections`).
    public func status(of country: String, in org: OrganizationID, at day: CivilDay) -> StatusRow? {
        projections.status(of: country, in: org, at: day)
    }

    /// The members at the end of `day`, in accession order (see `Projections.members(of:at:)`).
    ///
    /// For example:
    /// ```swift
    /// let timeline = Timeline(records: try FileEventLog(path: "Events/diplomacy.jsonl").read().records)
    /// let sco = try timeline.resolveOrganization("SCO")
    /// let answer = timeline.members(of: sco.id, at: CivilDay(year: 2024, month: 7, day: 4))
    /// answer.rows.map(\.country)  // ["CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB", "IND", "PAK", "IRN", "BLR"]
    /// ```
    /// - Complexity: O(p log t): a binary search in each participant's transitions.
    public func members(of org: OrganizationID, at day: CivilDay) -> MembersAnswer {
        projections.members(of: org, at: day)
    }

    /// Every country with any status at the end of `day`, grouped by status.
    public func roster(of org: OrganizationID, at day: CivilDay) -> RosterAnswer {
        projections.roster(of: org, at: day)
    }

    /// The organizations in existence at the end of `day`, by id.
    public func organizations(at day: CivilDay) -> [OrganizationRow] { projections.organizations(at: day) }

    /// Notes for a query outside the organization's lifetime.
    public func existenceNotes(_ org: OrganizationID, at day: CivilDay) -> [String] {
        projections.existenceNotes(org, at: day)
    }
}
