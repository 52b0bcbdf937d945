import TimelineCore

/// Decides what an append writes, for every kind of log: which events are new, which are already
/// there (idempotent re-runs), and whether the batch keeps every invariant.
public enum AppendPlanner {
    /// The records to write after `existing`.
    /// - Throws: `StoreError` with `.idConflict` when an id names different content, or
    ///   `.invariant` when the batch breaks a rule; `path` only labels the error.
    public static func plan(
        _ events: [NewEvent], after existing: [RecordedEvent], recordedAt: RecordedTime,
        registry: CountryRegistry = .standard, path: String? = nil
    ) throws(StoreError) -> (records: [RecordedEvent], alreadyPresent: [EventID]) {
        var byID: [EventID: NewEvent] = [:]
        for record in existing { byID[record.id] = record.event }
        var records: [RecordedEvent] = []
        var alreadyPresent: [EventID] = []
        var seq = SequenceNumber((existing.last?.seq.value ?? 0) + 1)
        // Transaction time never goes backwards, even if the clock does.
        let time = max(recordedAt, existing.last?.recordedAt ?? recordedAt)
        for event in events {
            let id = event.id
            if let known = byID[id] {
                guard sameContent(known, event) else {
                    throw StoreError(
                        code: .idConflict,
                        message: "event id \(id) is already used by different content (\(known.summary)); choose another id, or append a correction to change the logged event",
                        path: path)
                }
                alreadyPresent.append(id)
                continue
            }
            byID[id] = event
            records.append(RecordedEvent(seq: seq, recordedAt: time, id: id, event: event))
            seq = seq.next
        }
        do {
            try Timeline.validate(appending: records, after: existing, registry: registry)
        } catch {
            throw StoreError(code: .invariant, message: "refused, nothing was written: \(error.description)", path: path, violation: error)
        }
        return (records, alreadyPresent)
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
