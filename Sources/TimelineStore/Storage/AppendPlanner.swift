import TimelineCore

/// Decides what an append writes, for every kind of log: which events are new, which are already
/// there (idempotent re-runs), and whether the batch keeps every invariant.
///
/// A planner remembers the records it has planned on top of, so a script that appends one event
/// per statement does not rebuild its index of ids each time.
public struct AppendPlanner {
    /// The records planned on so far: the log's, then every batch planned.
    public private(set) var records: [RecordedEvent]
    private var byID: [EventID: NewEvent]
    public let registry: CountryRegistry

    /// A planner on top of a log's records.
    /// - Complexity: O(n) to index the ids.
    public init(existing: [RecordedEvent], registry: CountryRegistry = .standard) {
        records = existing
        self.registry = registry
        var byID: [EventID: NewEvent] = [:]
        byID.reserveCapacity(existing.count)
        for record in existing { byID[record.id] = record.event }
        self.byID = byID
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
            if let known = byID[id] ?? added[id] {
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
            planned.append(RecordedEvent(seq: seq, recordedAt: time, id: id, event: event))
            seq = seq.next
        }
        do {
            try Timeline.validate(appending: planned, after: records, registry: registry)
        } catch {
            throw StoreError(code: .invariant, message: "refused, nothing was written: \(error.description)", path: path, violation: error)
        }
        records.append(contentsOf: planned)
        byID.merge(added) { old, _ in old }
        return (planned, alreadyPresent)
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
