import TimelineCore

/// Decides what an append writes, for every kind of log: which events are new, which are already
/// there (idempotent re-runs), and whether the batch keeps every invariant.
///
/// A planner remembers the records it has planned on top of, so a script that appends one event
/// per statement does not rebuild its index of ids each time; from its second batch on it keeps
/// an `AppendValidator`, so that a batch of new events is checked without folding the history
/// again.
public struct AppendPlanner: Sendable {
    /// The records planned on so far: the log's, then every batch planned.
    public private(set) var records: [RecordedEvent]
    /// Where each id is in `records`.
    private var byID: [EventID: Int]
    public let registry: CountryRegistry
    private var validator: AppendValidator?
    private var batchesPlanned = 0

    /// A planner on top of a log's records.
    /// - Complexity: O(n) to index the ids.
    public init(existing: [RecordedEvent], registry: CountryRegistry = .standard) {
        records = existing
        self.registry = registry
        var byID: [EventID: Int] = [:]
        byID.reserveCapacity(existing.count)
        for (index, record) in existing.enumerated() where byID[record.id] == nil { byID[record.id] = index }
        self.byID = byID
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
        for (offset, record) in appended.enumerated() where byID[record.id] == nil { byID[record.id] = records.count + offset }
        records.append(contentsOf: appended)
    }

    /// Plans a batch after everything planned so far; on success the batch's records join them.
    /// - Throws: `StoreError` with `.idConflict` when an id names different content, or
    ///   `.invariant` when the batch breaks a rule; `path` only labels the error.
    public mutating func plan(_ events: [NewEvent], recordedAt: RecordedTime, path: String? = nil) throws(StoreError) -> (records: [RecordedEvent], alreadyPresent: [EventID]) {
        var planned: [RecordedEvent] = []
        var alreadyPresent: [EventID] = []
        var added: [EventID: NewEvent] = [:]
        var seq = SequenceNumber((records.last?.seq.value ?? 0) + 1)
        // Transaction time never goes backwards, even if the clock does.
        let time = max(recordedAt, records.last?.recordedAt ?? recordedAt)
        for event in events {
            let id = event.id
            if let known = byID[id].map({ records[$0].event }) ?? added[id] {
                guard Self.sameContent(known, event) else {
                    throw StoreError(
                        code: .idConflict,
                        message: "event id \(id) is already used by different content (\(known.summary)); choose another id, or append a correction to change the logged event",
                        path: path)
                }
                alreadyPresent.append(id)
                continue
            }
            added[id] = event
            // As the log will hold it: every record carries its id (read back, it is explicit).
            var stored = event
            stored.explicitID = id
            planned.append(RecordedEvent(seq: seq, recordedAt: time, id: id, event: stored))
            seq = seq.next
        }
        do {
            try validate(planned)
        } catch {
            throw StoreError(code: .invariant, message: "refused, nothing was written: \(error.description)", path: path, violation: error)
        }
        for (offset, record) in planned.enumerated() { byID[record.id] = records.count + offset }
        records.append(contentsOf: planned)
        return (planned, alreadyPresent)
    }

    /// Checks a planned batch: with the validator when it applies, else by folding what the
    /// batch can affect (`Timeline.validate`). The validator is built for the second batch (a
    /// single append is cheaper to check by a scoped fold than by folding everything once).
    private mutating func validate(_ planned: [RecordedEvent]) throws(InvariantViolation) {
        guard !planned.isEmpty else { return }
        batchesPlanned += 1
        if validator == nil, batchesPlanned >= 2 { validator = AppendValidator(timeline: Timeline(records: records, registry: registry)) }
        if validator != nil {
            let checked: Bool
            do { checked = try validator!.check(planned) } catch {
                validator = nil  // it took in part of the refused batch
                throw error
            }
            if checked { return }
            validator = nil  // this batch is folded in full; the validator is rebuilt when next needed
        }
        try Timeline.validate(appending: planned, after: records, registry: registry)
    }

    /// The records to write after `existing`, planned once.
    public static func plan(
        _ events: [NewEvent], after existing: [RecordedEvent], recordedAt: RecordedTime,
        registry: CountryRegistry = .standard, path: String? = nil
    ) throws(StoreError) -> (records: [RecordedEvent], alreadyPresent: [EventID]) {
        var planner = AppendPlanner(existing: existing, registry: registry)
        return try planner.plan(events, recordedAt: recordedAt, path: path)
    }

    /// Whether two events say the same thing, ignoring how their ids were given.
    static func sameContent(_ lhs: NewEvent, _ rhs: NewEvent) -> Bool {
        var left = lhs.fields
        var right = rhs.fields
        left["id"] = nil
        right["id"] = nil
        return left == right
    }
}
