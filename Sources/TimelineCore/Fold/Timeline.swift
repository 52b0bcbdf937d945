/// The folded state of a log: organizations, membership transitions and the effective events,
/// ready to answer queries at any valid time.
///
/// A `Timeline` is a pure function of its records: build it from a log's events (or a prefix of
/// them, for "known at" answers) and query it. It never changes; appending makes a new one.
///
/// For example:
/// ```swift
/// let timeline = Timeline(records: log.records)
/// let sco = try timeline.resolveOrganization("sco")
/// timeline.members(of: sco.id, at: try EDTFDate.parse("2024-07-04").latest).rows.count  // 10
/// ```
public struct Timeline: Sendable {
    /// The records the timeline was built from, in log order.
    public let records: [RecordedEvent]
    /// The effective events (corrections applied, retractions and amendments removed), in fold
    /// order: by valid-time earliest bound, then by sequence number.
    public let events: [EffectiveEvent]
    /// Every organization founded in the log.
    public let organizations: [OrganizationID: Organization]
    /// Rules the records break. Empty for any log built through `append`.
    public let violations: [InvariantViolation]
    /// The countries the timeline resolves codes against.
    public let registry: CountryRegistry
    let transitions: [OrganizationID: [String: [MembershipTransition]]]
    let ordinals: [OrganizationID: [String: Int]]
    /// Each organization's participants, sorted, and every participant's display name: queries
    /// ask for them again and again.
    let participantLists: [OrganizationID: [String]]
    let countryNames: [String: String]

    /// Folds the records.
    /// - Complexity: O(n log n) in the number of records.
    public init(records: [RecordedEvent], registry: CountryRegistry = .standard) {
        self.records = records
        self.registry = registry
        let (effective, amendmentViolations) = AmendmentResolver(records: records).resolve()
        let ordered = EffectiveEvent.sortedInFoldOrder(effective)
        var fold = TimelineFold(registry: registry)
        for event in ordered {
            if case .founding(let founding) = event.payload, fold.foundings[founding.org] == nil {
                fold.foundings[founding.org] = event.date
            }
        }
        for event in ordered { fold.apply(event) }
        self.events = ordered
        self.organizations = fold.organizations
        self.transitions = fold.transitions
        self.violations = amendmentViolations + fold.violations
        // Ordinal: rank of each country's first membership, by date, then by code, so that the
        // order in which events were appended never changes it (India 7th, Pakistan 8th).
        var ordinals: [OrganizationID: [String: Int]] = [:]
        for (org, byCountry) in fold.transitions {
            let firsts = byCountry.compactMap { country, list in
                list.first(where: \.isMembership).map { (country: country, date: $0.date) }
            }.sorted { $0.date.earliest != $1.date.earliest ? $0.date.earliest < $1.date.earliest : $0.country < $1.country }
            var ranks: [String: Int] = [:]
            for (index, first) in firsts.enumerated() { ranks[first.country] = index + 1 }
            ordinals[org] = ranks
        }
        self.ordinals = ordinals
        var lists: [OrganizationID: [String]] = [:]
        var names: [String: String] = [:]
        for (org, byCountry) in fold.transitions {
            lists[org] = byCountry.keys.sorted()
            for country in byCountry.keys where names[country] == nil {
                names[country] = registry.country(code: country)?.name ?? country
            }
        }
        self.participantLists = lists
        self.countryNames = names
    }

    /// The timeline as the log stood at an earlier point of transaction time.
    public func known(at point: KnownAt) -> Timeline {
        Timeline(records: records.filter(point.includes), registry: registry)
    }

    /// The last record's sequence number, or `nil` for an empty log.
    public var head: SequenceNumber? { records.last?.seq }

    /// The membership transitions of a country in an organization, in fold order.
    public func transitions(of country: String, in org: OrganizationID) -> [MembershipTransition] {
        transitions[org]?[country] ?? []
    }

    /// Every country that ever held a status in an organization.
    public func participants(of org: OrganizationID) -> [String] {
        participantLists[org] ?? []
    }
}
