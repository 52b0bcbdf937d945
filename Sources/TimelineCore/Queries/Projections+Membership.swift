extension Projections {
    /// The organization with this id or full name, in any case.
    /// - Throws: `UnknownOrganizationError` with the nearest ids and names.
    public func resolveOrganization(_ text: String) throws(UnknownOrganizationError) -> Organization {
        if let id = OrganizationID(text), let organization = organizations[id] { return organization }
        let key = NameKey.of(text)
        if let organization = organizations.values.first(where: { NameKey.of($0.name) == key }) { return organization }
        let candidates = organizations.values.flatMap { [$0.id.rawValue, $0.name] }
        throw UnknownOrganizationError(text: text, suggestions: NameKey.nearest(to: text, among: candidates))
    }

    /// A country's standing in an organization at the end of `day`, or `nil` when it surely
    /// held no status then.
    ///
    /// Three-valued: the standing is certain when every event that surely happened by `day` and
    /// every event that possibly did agree; otherwise the row is `possible`.
    /// - Complexity: O(t) in the country's transitions in the organization.
    public func status(of country: String, in org: OrganizationID, at day: CivilDay) -> StatusRow? {
        standing(of: country, in: org, at: day)?.row
    }

    /// The standing row and whether it is membership (the ladder's top when it was granted).
    private func standing(of country: String, in org: OrganizationID, at day: CivilDay) -> (row: StatusRow, isMember: Bool)? {
        guard let memberships = memberships[org], let index = memberships.position[country] else { return nil }
        return standing(at: index, of: memberships, in: org, at: day)
    }

    /// The standing of the participant at `index`.
    private func standing(at index: Int, of memberships: OrganizationMemberships, in org: OrganizationID, at day: CivilDay) -> (row: StatusRow, isMember: Bool)? {
        let list = memberships.transitions[index]
        guard !list.isEmpty else { return nil }
        var surely: MembershipTransition?
        var possibly: MembershipTransition?
        for transition in list {
            if transition.date.latest <= day { surely = transition }
            if transition.date.earliest <= day { possibly = transition } else { break }  // fold order: by earliest day
        }
        let sure = surely?.after ?? .none
        let maybe = possibly?.after ?? .none
        let shown: MembershipTransition
        let certainty: Certainty
        if sure == maybe {
            guard let surely, sure.status != nil else { return nil }
            shown = surely
            certainty = .certain
        } else if let possibly, maybe.status != nil {
            shown = possibly
            certainty = .possible
        } else if let surely, sure.status != nil {
            shown = surely
            certainty = .possible
        } else {
            return nil
        }
        guard let status = shown.after.status else { return nil }
        let isMember = shown.isMembership
        // The whole row (status and suspension) is certain only when both readings agree.
        let row = StatusRow(
            org: org, country: memberships.countries[index], name: memberships.names[index], status: status,
            since: shown.since, certainty: certainty, suspended: shown.after.suspended,
            ordinal: isMember ? memberships.ordinals[index] : nil, eventID: shown.eventID)
        return (row, isMember)
    }

    /// The members (holders of the ladder's top status) at the end of `day`, in accession order.
    /// - Complexity: O(transitions of the organization).
    public func members(of org: OrganizationID, at day: CivilDay) -> MembersAnswer {
        var rows: [StatusRow] = []
        if let memberships = memberships[org] {
            for index in memberships.countries.indices {
                if let (row, isMember) = standing(at: index, of: memberships, in: org, at: day), isMember { rows.append(row) }
            }
        }
        return MembersAnswer(org: org, day: day, rows: rows.sorted(by: Self.accessionOrder), notes: existenceNotes(org, at: day))
    }

    /// Every country with any status at the end of `day`, grouped by status, highest rung first.
    public func roster(of org: OrganizationID, at day: CivilDay) -> RosterAnswer {
        let rows = standing(of: org, at: day)
        let ladder = organizations[org]?.ladder(at: day)
        var order = (ladder?.rungs ?? []).reversed().map { $0 }
        for row in rows where !order.contains(row.status) { order.append(row.status) }
        let groups = order.compactMap { status -> RosterAnswer.Group? in
            let members = rows.filter { $0.status == status }.sorted(by: Self.accessionOrder)
            return members.isEmpty ? nil : RosterAnswer.Group(status: status, rows: members)
        }
        return RosterAnswer(org: org, day: day, groups: groups, notes: existenceNotes(org, at: day))
    }

    /// The organizations in existence at the end of `day`, by id.
    public func organizations(at day: CivilDay) -> [OrganizationRow] {
        organizations.values.sorted { $0.id < $1.id }.compactMap { organization in
            guard organization.founded.earliest <= day else { return nil }
            var certainty: Certainty = organization.founded.latest <= day ? .certain : .possible
            if let dissolved = organization.dissolved {
                if dissolved.latest <= day { return nil }
                if dissolved.earliest <= day { certainty = .possible }
            }
            return OrganizationRow(organization: organization, certainty: certainty)
        }
    }

    private func standing(of org: OrganizationID, at day: CivilDay) -> [StatusRow] {
        guard let memberships = memberships[org] else { return [] }
        return memberships.countries.indices.compactMap { standing(at: $0, of: memberships, in: org, at: day)?.row }
    }

    private static func accessionOrder(_ lhs: StatusRow, _ rhs: StatusRow) -> Bool {
        switch (lhs.ordinal, rhs.ordinal) {
        case (let left?, let right?): return left < right
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil):
            return lhs.since.earliest != rhs.since.earliest ? lhs.since.earliest < rhs.since.earliest : lhs.country < rhs.country
        }
    }

    /// Notes for a query outside the organization's lifetime: an empty answer, not an error.
    public func existenceNotes(_ org: OrganizationID, at day: CivilDay) -> [String] {
        guard let organization = organizations[org] else { return ["\(org) has no founding event in this log"] }
        var notes: [String] = []
        if day < organization.founded.earliest {
            notes.append("\(org) did not exist yet on \(day): it was founded on \(organization.founded)")
        } else if day < organization.founded.latest {
            notes.append("\(org) was founded on \(organization.founded), which may be after \(day)")
        }
        if let dissolved = organization.dissolved {
            if dissolved.latest <= day {
                notes.append("\(org) no longer existed on \(day): it was dissolved on \(dissolved)")
            } else if dissolved.earliest <= day {
                notes.append("\(org) was dissolved on \(dissolved), which may be before \(day)")
            }
        }
        return notes
    }
}
