extension Projections {
    /// The id of the organization `text` names (see `resolveOrganization(_:)`), found without
    /// copying the organization when `text` is its id: what a count needs.
    public func resolveOrganizationID(_ text: String) throws(UnknownOrganizationError) -> OrganizationID {
        if let id = OrganizationID(text), organizations.index(forKey: id) != nil { return id }
        return try resolveOrganization(text).id
    }

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
    /// - Complexity: O(log t) in the country's transitions in the organization.
    public func status(of country: String, in org: OrganizationID, at day: CivilDay) -> StatusRow? {
        standing(of: country, in: org, at: day)?.row
    }

    /// The standing row and whether it is membership (the ladder's top when it was granted).
    private func standing(of country: String, in org: OrganizationID, at day: CivilDay) -> (row: StatusRow, isMember: Bool)? {
        guard let memberships = memberships[org], let index = memberships.index(of: country) else { return nil }
        return standing(at: index, of: memberships, in: org, at: day)
    }

    /// The position (in the flat columns) of the transition whose state the participant at
    /// `index` holds at the end of day `target`, and how certain that is.
    private func shown(at index: Int, in columns: OrganizationMemberships.Columns, at target: Int32) -> (
        position: Int, certainty: Certainty
    )? {
        let first = columns.offsets[index]
        let end = columns.offsets[index + 1]
        // Transitions are in fold order, by earliest day: binary search for the last one that
        // possibly happened by `day` (without branches on the comparisons, which a processor
        // cannot predict). The last that surely did is at or before it.
        guard end > first, columns.earliest[first] <= target else { return nil }
        var base = first
        var count = end - first
        while count > 1 {
            let half = count >> 1
            base = columns.earliest[base + half] <= target ? base + half : base
            count -= half
        }
        let possibly = base
        var surely = possibly
        while surely >= first, columns.latest[surely] > target { surely -= 1 }
        let sure = surely >= first ? columns.stateCodes[surely] : 0  // code 0 is no status
        let maybe = columns.stateCodes[possibly]
        // The whole row (status and suspension) is certain only when both readings agree.
        if sure == maybe { return columns.holdsStatus[Int(sure)] ? (surely, .certain) : nil }
        if columns.holdsStatus[Int(maybe)] { return (possibly, .possible) }
        if columns.holdsStatus[Int(sure)] { return (surely, .possible) }
        return nil
    }

    /// The row for the participant at `index` holding the state the transition at `position`
    /// set, read from the columns (building the whole transition would cost more than finding it).
    private func row(at index: Int, position: Int, of memberships: OrganizationMemberships, in org: OrganizationID, certainty: Certainty)
        -> StatusRow
    {
        let state = memberships.states[Int(memberships.stateCodes[position])]
        return StatusRow(
            org: org, country: memberships.countries[index], name: memberships.names[index], status: state.status!,
            since: memberships.sinces[position], certainty: certainty, suspended: state.suspended,
            ordinal: memberships.isMembership[position] ? memberships.ordinal(at: index) : nil, eventID: memberships.eventID(at: position))
    }

    /// The standing row of the participant at `index`, and whether it is membership.
    private func standing(at index: Int, of memberships: OrganizationMemberships, in org: OrganizationID, at day: CivilDay) -> (
        row: StatusRow, isMember: Bool
    )? {
        guard let (position, certainty) = memberships.columns({ shown(at: index, in: $0, at: Int32(clamping: day.ordinal)) }) else {
            return nil
        }
        return (row(at: index, position: position, of: memberships, in: org, certainty: certainty), memberships.isMembership[position])
    }

    /// The members (holders of the ladder's top status) at the end of `day`, in accession order.
    /// - Complexity: O(p log t): a binary search in each participant's transitions.
    public func members(of org: OrganizationID, at day: CivilDay) -> MembersAnswer {
        var rows: [StatusRow] = []
        if let memberships = memberships[org] {
            // Participants are visited in order of accession, so members come out in order.
            let target = Int32(clamping: day.ordinal)
            var found: [(index: Int, position: Int, certainty: Certainty)] = []
            memberships.columns { columns in
                for index in memberships.byOrdinal.lazy.map(Int.init) {
                    if let (position, certainty) = shown(at: index, in: columns, at: target), columns.isMembership[position] {
                        found.append((index, position, certainty))
                    }
                }
            }
            rows = found.map { row(at: $0.index, position: $0.position, of: memberships, in: org, certainty: $0.certainty) }
        }
        return MembersAnswer(org: org, day: day, rows: rows, notes: existenceNotes(org, at: day))
    }

    /// The number of rows `members(of:at:)` gives: members at the end of `day`, certain or
    /// possible. Equal to `members(of: org, at: day).rows.count`, without building any row.
    /// - Complexity: O(log t) once the organization's step function is built (on first use,
    ///   O(t log t) in its transitions).
    public func memberCount(of org: OrganizationID, at day: CivilDay) -> Int {
        let steps = memberCountSteps(of: org)
        let target = Int32(clamping: day.ordinal)
        var low = 0
        var high = steps.days.count
        while low < high {
            let middle = (low + high) >> 1
            if steps.days[middle] <= target { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? 0 : Int(steps.counts[low - 1])
    }

    /// The organization's member count as a step function: the days on which it changes,
    /// ascending, and the count from each (what a snapshot stores so as not to sweep again).
    /// A snapshot's reader decodes the steps alone when the organization's memberships are not
    /// decoded yet.
    public func memberCountSteps(of org: OrganizationID) -> (days: [Int32], counts: [Int32]) {
        if let stored = memberships.storedMemberCountSteps(of: org) { return stored }
        guard let memberships = memberships[org] else { return ([], []) }
        return memberships.memberCounts.get { memberCountSteps(memberships) }
    }

    /// Sweeps each participant's bound days and merges the changes of its membership into the
    /// organization's step function.
    private func memberCountSteps(_ memberships: OrganizationMemberships) -> (days: [Int32], counts: [Int32]) {
        var changes: [(day: Int32, delta: Int)] = []
        var bounds: [Int32] = []
        memberships.columns { columns in
            for index in 0..<columns.participants {
                let range = columns.offsets[index]..<columns.offsets[index + 1]
                bounds.removeAll(keepingCapacity: true)
                for position in range {
                    bounds.append(columns.earliest[position])
                    bounds.append(columns.latest[position])
                }
                bounds.sort()
                var member = false
                var previous: Int32?
                for day in bounds where day != previous {
                    previous = day
                    let now = shown(at: index, in: columns, at: day).map { columns.isMembership[$0.position] } ?? false
                    if now != member {
                        changes.append((day, now ? 1 : -1))
                        member = now
                    }
                }
            }
        }
        changes.sort { $0.day < $1.day }
        var days: [Int32] = []
        var counts: [Int32] = []
        var count: Int32 = 0
        for change in changes {
            count += Int32(change.delta)
            if days.last == change.day {
                counts[counts.count - 1] = count
            } else {
                days.append(change.day)
                counts.append(count)
            }
        }
        return (days, counts)
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

    /// Every organization in which `country` held a status at the end of `day`, by organization
    /// id, with that status, since when and how certain it is.
    ///
    /// For example:
    /// ```swift
    /// projections.memberships(of: "BLR", at: CivilDay(year: 2024, month: 7, day: 4)).map(\.organization.id)   // [SCO]
    /// ```
    /// - Complexity: a binary search per organization over its participants.
    public func memberships(of country: String, at day: CivilDay) -> [(organization: Organization, row: StatusRow)] {
        organizations.values.sorted { $0.id < $1.id }.compactMap { organization in
            status(of: country, in: organization.id, at: day).map { (organization, $0) }
        }
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
