extension Timeline {
    /// Whether an effective event falls (at least partly) within `from...to`.
    private func overlaps(_ event: EffectiveEvent, from: CivilDay?, to: CivilDay?) -> Bool {
        if let from, event.date.latest < from { return false }
        if let to, event.date.earliest > to { return false }
        return true
    }

    /// Every effective event about a country, in fold order: its own events, foundings it took
    /// part in, summits it hosted, statements about it, successions, mergers and breakups that
    /// name it, the state event that introduced it, and reclassifications or dissolutions that
    /// changed its status.
    /// - Complexity: O(n).
    public func history(ofCountry country: String, from: CivilDay? = nil, to: CivilDay? = nil) -> [EffectiveEvent] {
        var touching = Set<EventID>()
        for org in projections.memberships.keys {
            for transition in projections.transitions(of: country, in: org) { touching.insert(transition.eventID) }
        }
        return events.filter { event in
            guard overlaps(event, from: from, to: to) else { return false }
            if event.payload.country == country || touching.contains(event.id) { return true }
            return event.payload.countries.contains(country)
        }
    }

    /// Every effective event of every organization (and every statement), in fold order.
    /// - Complexity: O(n).
    public func history(from: CivilDay? = nil, to: CivilDay? = nil) -> [EffectiveEvent] {
        events.filter { overlaps($0, from: from, to: to) }
    }

    /// Every effective event of an organization, in fold order.
    public func history(ofOrganization org: OrganizationID, from: CivilDay? = nil, to: CivilDay? = nil) -> [EffectiveEvent] {
        events.filter { $0.payload.organization == org && overlaps($0, from: from, to: to) }
    }

    /// The summits of an organization, in date order.
    public func summits(of org: OrganizationID, from: CivilDay? = nil, to: CivilDay? = nil) -> [EffectiveEvent] {
        history(ofOrganization: org, from: from, to: to).filter { $0.event.kind == .summit }
    }

    /// The statements, optionally only those about an organization or a country, in date order.
    public func statements(org: OrganizationID? = nil, country: String? = nil, from: CivilDay? = nil, to: CivilDay? = nil)
        -> [EffectiveEvent]
    {
        events.filter { event in
            guard case .statement(let statement) = event.payload, overlaps(event, from: from, to: to) else { return false }
            if let org, statement.org != org { return false }
            if let country, statement.country != country { return false }
            return true
        }
    }

    /// The milestones of an organization, optionally only a country's, in date order.
    public func milestones(of org: OrganizationID, country: String? = nil, from: CivilDay? = nil, to: CivilDay? = nil) -> [EffectiveEvent] {
        history(ofOrganization: org, from: from, to: to).filter { event in
            guard case .milestone(_, let about, _) = event.payload else { return false }
            return country == nil || about == country
        }
    }

    /// The effective event with this id, if it is in the timeline (not retracted).
    public func event(_ id: EventID) -> EffectiveEvent? { events.first { $0.id == id } }
}
