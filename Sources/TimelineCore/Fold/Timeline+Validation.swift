extension Timeline {
    /// Checks that appending `batch` after `existing` breaks no rule, folding only what the batch
    /// can affect: the events of the organizations it touches, with every founding and amendment. A batch with amendments is checked against the
    /// whole log, since a correction or retraction may reach any event.
    /// - Throws: the first `InvariantViolation` the batch causes.
    /// - Complexity: O(n) to select, then O(m log m) in the events of the touched organizations.
    public static func validate(appending batch: [RecordedEvent], after existing: [RecordedEvent], registry: CountryRegistry = .standard) throws(InvariantViolation) {
        guard !batch.isEmpty else { return }
        if batch.contains(where: { $0.kind.isAmendment }) {
            try validate(appending: batch, to: Timeline(records: existing, registry: registry))
            return
        }
        // Every founding is kept (they are few, they make predecessors valid and they let an
        // unknown organization's message suggest the near ones), with the other events of the
        // organizations the batch touches.
        let touched = Set(batch.compactMap(\.payload.organization))
        let relevant = existing.filter { record in
            switch record.payload {
            case .founding, .correction, .retraction: return true
            default: return record.payload.organization.map(touched.contains) ?? false
            }
        }
        try validate(appending: batch, to: Timeline(records: relevant, registry: registry))
    }

    /// Checks that appending `batch` to `existing` breaks no rule, at the events' own dates and at
    /// every later date they affect (the whole history is folded again with the batch in place).
    ///
    /// Violations the existing records already had are not charged to the batch.
    /// - Throws: the first `InvariantViolation` the batch causes; when the batch breaks an event
    ///   already in the log, the message says so.
    /// - Complexity: O(n log n) in the size of the log.
    public static func validate(appending batch: [RecordedEvent], to existing: Timeline) throws(InvariantViolation) {
        guard !batch.isEmpty else { return }
        let combined = Timeline(records: existing.records + batch, registry: existing.registry)
        struct Key: Hashable {
            let rule: InvariantViolation.Rule
            let id: EventID
        }
        let known = Set(existing.violations.map { Key(rule: $0.rule, id: $0.eventID) })
        let fresh = combined.violations.filter { !known.contains(Key(rule: $0.rule, id: $0.eventID)) }
        let batchIDs = Set(batch.map(\.id))
        if let own = fresh.first(where: { batchIDs.contains($0.eventID) }) { throw own }
        if let broken = fresh.first {
            let cause = batch.count == 1 ? "appending \(batch[0].id.short) (\(batch[0].event.summary))" : "appending this batch"
            throw InvariantViolation(
                rule: broken.rule, eventID: broken.eventID, seq: broken.seq, summary: broken.summary,
                message: "\(cause) would break the later event \(broken.eventID.short) (\(broken.summary)) already in the log: \(broken.message)")
        }
    }
}
