import Foundation

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
    public let events: EffectiveEvents
    /// Organizations and membership transitions: what membership queries read.
    public let projections: Projections
    /// Rules the records break. Empty for any log built through `append`.
    public let violations: [InvariantViolation]
    /// The fold's state after the last event, without its transitions: what checks a batch
    /// appended after everything (see `AppendValidator`).
    let finalFold: TimelineFold
    /// The date convention the timeline is folded under: each event carrying an alternative
    /// date of this kind is dated by it; `nil`, every event by its own date (each organization's
    /// default convention).
    public let convention: DateKind?

    /// Every organization founded in the log.
    public var organizations: [OrganizationID: Organization] { projections.organizations }
    /// The countries the timeline resolves codes against.
    public var registry: CountryRegistry { projections.registry }

    /// Folds the records.
    /// - Complexity: O(n log n) in the number of records.
    public init(records: [RecordedEvent], registry: CountryRegistry = .standard) {
        self.init(records: records, registry: registry, foldParts: nil)
    }

    /// Folds the records under a date convention: an event with an alternative date of kind
    /// `convention` is dated by it (`members SCO at 2009-12-31 by decided`).
    /// - Complexity: O(n log n) in the number of records.
    public init(records: [RecordedEvent], registry: CountryRegistry = .standard, convention: DateKind?) {
        self.init(records: records, registry: registry, foldParts: nil, convention: convention)
    }

    /// Folds the records on `foldParts` threads (see `PartitionedFold`); by default on one
    /// per processor for a large log, else on one (tests pin it to compare the two).
    init(records: [RecordedEvent], registry: CountryRegistry, foldParts: Int?, convention: DateKind? = nil) {
        self.records = records
        self.baseRegistry = registry
        self.convention = convention
        var (events, fold, violations) = Self.fold(
            records, registry: registry, foldParts: foldParts, recordingTransitions: true, convention: convention)
        self.events = events
        self.violations = violations
        self.projections = Projections(
            organizations: fold.organizations, memberships: MembershipTable(fold.takeMemberships()), registry: fold.registry)
        self.finalFold = fold
    }

    /// The registry the timeline was given, before the states its records introduce.
    let baseRegistry: CountryRegistry

    /// The states the events introduce (`state` events, the first for each code, in fold
    /// order), added to `registry`.
    static func registry(_ registry: CountryRegistry, addingStatesOf events: EffectiveEvents, order: [UInt32], records: [RecordedEvent])
        -> CountryRegistry
    {
        var states: [Country] = []
        var seen: Set<String> = []
        var foundings: [(id: OrganizationID, name: String, date: EDTFDate)] = []
        var dissolutions: [OrganizationID: EDTFDate] = [:]
        for (position, index) in order.enumerated() {
            switch records[Int(index)].kind {
            case .state:
                guard case .state(let state) = events[position].payload, seen.insert(state.code).inserted else { continue }
                states.append(Country(introducedCode: state.code, name: state.name, introduced: events[position].date, ended: state.until))
            case .founding:
                guard case .founding(let founding) = events[position].payload else { continue }
                foundings.append((founding.org, founding.name, events[position].date))
            case .dissolution:
                guard case .dissolution(let org) = events[position].payload, dissolutions[org] == nil else { continue }
                dissolutions[org] = events[position].date
            default: continue
            }
        }
        // Organizations take part in others by their id (the EU in the G20), each once, from
        // its first founding until its first dissolution.
        var founded: Set<OrganizationID> = []
        let organizations = foundings.filter { founded.insert($0.id).inserted }.sorted { $0.id < $1.id }.map {
            Country(organization: $0.id, name: $0.name, founded: $0.date, dissolved: dissolutions[$0.id])
        }
        return registry.adding(states).adding(organizations)
    }

    /// The rules the records break, in fold order, as `Timeline(records:).violations` gives
    /// them, without building the projections queries read.
    /// - Complexity: O(n log n) in the number of records.
    public static func violations(of records: [RecordedEvent], registry: CountryRegistry = .standard) -> [InvariantViolation] {
        fold(records, registry: registry, foldParts: nil, recordingTransitions: false).violations
    }

    /// Resolves amendments, orders the effective events and folds them.
    private static func fold(
        _ records: [RecordedEvent], registry: CountryRegistry, foldParts: Int?, recordingTransitions: Bool, convention: DateKind? = nil
    )
        -> (events: EffectiveEvents, fold: TimelineFold, violations: [InvariantViolation])
    {
        let (included, resolved, amendmentViolations) = AmendmentResolver(records: records).resolve()
        let corrected = convention.map { dated(by: $0, included: included, corrected: resolved, records: records) } ?? resolved
        let order = EffectiveEvent.foldOrder(of: included) { index in
            let date = corrected.isEmpty ? records[Int(index)].foldDate : (corrected[index]?.date ?? records[Int(index)].foldDate)
            return (date.earliest.ordinal, records[Int(index)].seq.value)
        }
        let ordered = EffectiveEvents(records: records, order: order, corrected: corrected)
        var foundings: [OrganizationID: EDTFDate] = [:]
        var predecessors: [(OrganizationID, OrganizationID)] = []
        var dissolutions: [EffectiveEvent] = []
        for (position, index) in order.enumerated() {
            switch records[Int(index)].kind {
            case .founding:
                guard case .founding(let founding) = ordered[position].payload else { continue }
                if foundings[founding.org] == nil { foundings[founding.org] = ordered[position].date }
                if let predecessor = founding.predecessor { predecessors.append((founding.org, predecessor)) }
            case .dissolution: dissolutions.append(ordered[position])
            default: continue
            }
        }
        let registry = Self.registry(registry, addingStatesOf: ordered, order: order, records: records)
        let parts = foldParts ?? Parallelism.standard.threads(for: order.count, threshold: Parallelism.standard.foldThreshold)
        let fold = PartitionedFold.fold(
            records: records, events: ordered, order: order, corrected: !corrected.isEmpty,
            foundings: foundings, predecessors: predecessors, dissolutions: dissolutions, registry: registry, parts: parts,
            recordingTransitions: recordingTransitions)
        return (ordered, fold, amendmentViolations + fold.violations)
    }

    /// `corrected` with every included event that has an alternative date of kind `convention`
    /// dated by it.
    private static func dated(by convention: DateKind, included: [UInt32], corrected: [UInt32: EffectiveEvent], records: [RecordedEvent])
        -> [UInt32: EffectiveEvent]
    {
        var dated = corrected
        for index in included {
            let effective = corrected[index] ?? EffectiveEvent(uncorrected: records[Int(index)])
            guard let alternative = effective.event.alternative(convention), alternative.date != effective.event.date else { continue }
            dated[index] = EffectiveEvent(effective, datedBy: alternative)
        }
        return dated
    }

    /// The timeline as the log stood at an earlier point of transaction time.
    public func known(at point: KnownAt) -> Timeline {
        Timeline(records: records.filter(point.includes), registry: baseRegistry, foldParts: nil, convention: convention)
    }

    /// The same records folded under another date convention (`nil`: each event's own date).
    public func under(_ convention: DateKind?) -> Timeline {
        convention == self.convention ? self : Timeline(records: records, registry: baseRegistry, foldParts: nil, convention: convention)
    }

    /// The last record's sequence number, or `nil` for an empty log.
    public var head: SequenceNumber? { records.last?.seq }

    /// The membership transitions of a country in an organization, in fold order.
    public func transitions(of country: String, in org: OrganizationID) -> [MembershipTransition] {
        projections.transitions(of: country, in: org)
    }

    /// Every country that ever held a status in an organization.
    public func participants(of org: OrganizationID) -> [String] { projections.participants(of: org) }

    /// The order of accession for one country in an organization (1 for the first member).
    public func ordinal(of country: String, in org: OrganizationID) -> Int? { projections.ordinal(of: country, in: org) }
}
