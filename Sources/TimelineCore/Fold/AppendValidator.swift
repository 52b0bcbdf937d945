/// Checks batches appended after a timeline against the fold's state after its last event,
/// without folding the history again.
///
/// That is exact when every event of the batch comes, in fold order, after every event of its
/// organization already folded: the fold then reaches the batch with that organization in the
/// state the validator holds, and nothing the batch does can reach an earlier event. Appends
/// usually are of that kind (new events). Others — an event dated before later events of its
/// organization, a correction or retraction, a founding that names a predecessor, a history
/// that already breaks a rule, a state introduced (it extends the countries known), an organization outside a scoped validator's — are left to
/// `Timeline.validate`, which folds again.
///
/// For example:
/// ```swift
/// var validator = AppendValidator(timeline: timeline)
/// if try validator.check(batch) { /* valid, and the validator moved past it */ } else { /* fold again */ }
/// ```
public struct AppendValidator: Sendable {
    private var fold: TimelineFold
    /// Per organization: the fold-order key (earliest day, sequence number) of its last event.
    private var lastKeys: [OrganizationID: (day: Int, seq: Int)]
    /// Whether the history is free of violations (the validator then applies).
    private let clean: Bool
    /// The organizations whose events the fold holds, or `nil` for all of them.
    private let scope: Set<OrganizationID>?

    /// A validator for batches appended after `timeline`.
    /// - Complexity: O(n) in the timeline's events.
    public init(timeline: Timeline) {
        self.init(timeline: timeline, scope: nil)
    }

    /// A validator for batches about `organizations` appended after the records held in
    /// `parts` (a log's, then those planned since). It folds only
    /// what such batches depend on — every founding, every amendment and the events of those
    /// organizations — and declines any batch about another organization (or founding one).
    /// - Complexity: O(n) to select, then O(m log m) in the events selected.
    public init(records parts: [[RecordedEvent]], organizations: Set<OrganizationID>, registry: CountryRegistry = .standard) {
        let relevant = Timeline.records(of: parts, about: organizations)
        self.init(timeline: Timeline(records: relevant, registry: registry), scope: organizations)
    }

    private init(timeline: Timeline, scope: Set<OrganizationID>?) {
        fold = timeline.finalFold
        clean = timeline.violations.isEmpty
        self.scope = scope
        var lastKeys: [OrganizationID: (day: Int, seq: Int)] = [:]
        for event in timeline.events {
            if let org = event.payload.organization { lastKeys[org] = (event.date.earliest.ordinal, event.seq.value) }
        }
        self.lastKeys = lastKeys
    }

    /// Checks `batch` (records with sequence numbers after the timeline's), and on success moves
    /// past it. The batch is folded in place, so after a throw the validator has taken in part
    /// of a refused batch: make a new one.
    /// - Returns: `false`, changing nothing, when the batch is not of the kind this validator can
    ///   check exactly; the caller then folds again.
    /// - Throws: the first rule the batch breaks, in fold order.
    public mutating func check(_ batch: [RecordedEvent]) throws(InvariantViolation) -> Bool {
        guard clean else { return false }
        for record in batch {
            switch record.payload {
            // A dissolution also ends memberships the organization holds in others: fold again.
            case .correction, .retraction, .state, .dissolution: return false
            case .founding(let founding) where founding.predecessor != nil: return false
            default: break
            }
            guard let day = record.date?.earliest.ordinal else { return false }
            if let scope, let org = record.payload.organization, !scope.contains(org) { return false }
            if let org = record.payload.organization, let last = lastKeys[org], (last.day, last.seq) >= (day, record.seq.value) {
                return false
            }
        }
        let events = EffectiveEvent.sortedInFoldOrder(batch.map(EffectiveEvent.init(uncorrected:)))
        for event in events {
            if case .founding(let founding) = event.payload, fold.foundings[founding.org] == nil {
                fold.foundings[founding.org] = event.date
            }
        }
        let known = fold.violations.count
        for event in events { fold.apply(event) }
        if fold.violations.count > known { throw fold.violations[known] }
        for event in events {
            if let org = event.payload.organization { lastKeys[org] = (event.date.earliest.ordinal, event.seq.value) }
        }
        return true
    }
}
