import TimelineCore

/// Decides what an append writes, for every kind of log: which events are new, which are already
/// there (idempotent re-runs), and whether the batch keeps every invariant.
///
/// A planner remembers the records it has planned on top of, so a script that appends one event
/// per statement does not rebuild its index of ids each time; from its second batch on it keeps
/// an `AppendValidator`, so that a batch of new events is checked without folding the history
/// again.
public struct AppendPlanner: Sendable {
    /// The records planned on so far: the log's, then every batch planned. Reading it joins
    /// the two parts unless `consolidate()` has.
    public var records: [RecordedEvent] { planned.isEmpty ? base : base + planned }
    /// The records the planner started from, and the batches planned since, kept apart: the
    /// first are often shared with whoever read the log, and adding to them would copy them.
    private var base: [RecordedEvent]
    private var planned: [RecordedEvent] = []
    /// How many records the planner has planned on: the log's, and every batch since.
    public var count: Int { base.count + planned.count }
    private var last: RecordedEvent? { planned.last ?? base.last }
    /// Every record, in order, in its two parts (joining them would copy them).
    private var parts: [[RecordedEvent]] { [base, planned] }
    /// Where each id is in `records`.
    private var byID: EventIDIndex
    /// The countries events are checked against.
    public let registry: CountryRegistry
    private var validator: AppendValidator?
    /// The organizations the batches planned so far are about: what a new validator folds.
    private var scope = Set<OrganizationID>()
    private var batchesPlanned = 0

    /// A planner on top of a log's records.
    /// - Complexity: O(n) to index the ids.
    public init(existing: [RecordedEvent], registry: CountryRegistry = .standard) {
        base = existing
        self.registry = registry
        byID = EventIDIndex(records: existing)
    }

    /// A planner on top of a timeline already folded: it checks new events against the fold
    /// from its first batch on.
    public init(timeline: Timeline) {
        self.init(existing: timeline.records, registry: timeline.registry)
        validator = AppendValidator(timeline: timeline)
    }

    /// Takes in records another writer appended after those planned on (read from the log),
    /// so that the next batch is planned after them.
    public mutating func extend(with appended: [RecordedEvent]) {
        guard !appended.isEmpty else { return }
        if validator != nil, (try? validator!.check(appended)) != true { validator = nil }
        for (offset, record) in appended.enumerated() { byID.insertIfAbsent(record.id, at: count + offset) }
        planned.append(contentsOf: appended)
    }

    /// Moves the batches planned into the records the planner started from — in place when
    /// the planner alone holds them — so that reading `records` copies nothing.
    public mutating func consolidate() {
        guard !planned.isEmpty else { return }
        Self.add(planned, to: &base)
        planned = []
    }

    /// Plans a batch after everything planned so far; on success the batch's records join them.
    /// - Throws: `StoreError` with `.idConflict` when an id names different content, or
    ///   `.invariant` when the batch breaks a rule; `path` only labels the error.
    public mutating func plan(_ events: [NewEvent], recordedAt: RecordedTime, path: String? = nil) throws(StoreError) -> (
        records: [RecordedEvent], alreadyPresent: [EventID]
    ) {
        var batch: [RecordedEvent] = []
        var alreadyPresent: [EventID] = []
        var added: [EventID: NewEvent] = [:]
        var seq = SequenceNumber((last?.seq.value ?? 0) + 1)
        // Transaction time never goes backwards, even if the clock does.
        let time = max(recordedAt, last?.recordedAt ?? recordedAt)
        for event in events {
            let id = event.id
            if let known = byID[id].map({ $0 < base.count ? base[$0].event : planned[$0 - base.count].event }) ?? added[id] {
                guard Self.sameContent(known, event) else {
                    throw StoreError(
                        code: .idConflict,
                        message:
                            "event id \(id) is already used by different content (\(known.summary)); choose another id, or append a correction to change the logged event",
                        path: path)
                }
                alreadyPresent.append(id)
                continue
            }
            added[id] = event
            // As the log will hold it: every record carries its id (read back, it is explicit).
            var stored = event
            stored.explicitID = id
            batch.append(RecordedEvent(seq: seq, recordedAt: time, id: id, event: stored))
            seq = seq.next
        }
        do {
            try validate(batch)
        } catch {
            throw StoreError(code: .invariant, message: "refused, nothing was written: \(error.description)", path: path, violation: error)
        }
        for (offset, record) in batch.enumerated() { byID.insertIfAbsent(record.id, at: count + offset) }
        planned.append(contentsOf: batch)
        return (batch, alreadyPresent)
    }

    /// Checks a planned batch: with the validator when it applies, else by folding what the
    /// batch can affect (`Timeline.validate`). The validator is built for the second batch (a
    /// single append is cheaper to check by a scoped fold than by folding everything once).
    private mutating func validate(_ batch: [RecordedEvent]) throws(InvariantViolation) {
        guard !batch.isEmpty else { return }
        batchesPlanned += 1
        scope.formUnion(batch.compactMap(\.payload.organization))
        if validator == nil, batchesPlanned >= 2 {
            // Scoped to the organizations the batches are about: a script appending to a few
            // organizations of a large log never folds the rest.
            validator = AppendValidator(records: parts, organizations: scope, registry: registry)
        }
        if validator != nil {
            let checked: Bool
            do { checked = try validator!.check(batch) } catch {
                validator = nil  // it took in part of the refused batch
                throw error
            }
            if checked { return }
            validator = nil  // this batch is folded in full; the validator is rebuilt when next needed
        }
        try Timeline.validate(appending: batch, after: parts, registry: registry)
    }

    /// The records to write after `existing`, planned once.
    public static func plan(
        _ events: [NewEvent], after existing: [RecordedEvent], recordedAt: RecordedTime,
        registry: CountryRegistry = .standard, path: String? = nil
    ) throws(StoreError) -> (records: [RecordedEvent], alreadyPresent: [EventID]) {
        var planner = AppendPlanner(existing: existing, registry: registry)
        return try planner.plan(events, recordedAt: recordedAt, path: path)
    }

    /// Appends records to a log's records, growing the array by an eighth when it is full
    /// rather than doubling it: they are hundreds of megabytes for a large log. (The batches
    /// planned grow by doubling: growing a small array by little would reallocate it often.)
    static func add(_ new: [RecordedEvent], to records: inout [RecordedEvent]) {
        if records.count + new.count > records.capacity {
            records.reserveCapacity(records.count + max(new.count, records.count / 8, 1_024))
        }
        records.append(contentsOf: new)
    }

    /// Whether two events say the same thing, ignoring how their ids were given.
    static func sameContent(_ lhs: NewEvent, _ rhs: NewEvent) -> Bool {
        let left = lhs.sortedFields.filter { $0.key != "id" }
        let right = rhs.sortedFields.filter { $0.key != "id" }
        return left.elementsEqual(right) { $0.key == $1.key && $0.value == $1.value }
    }
}
