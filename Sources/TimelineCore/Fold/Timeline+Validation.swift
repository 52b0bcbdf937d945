extension Timeline {
    /// Checks that appending `batch` after `existing` breaks no rule, folding only what the batch
    /// can affect: the events of the organizations it touches, with every founding and amendment
    /// (see `records(of:about:)`). A batch with amendments is checked against the whole log,
    /// since a correction or retraction may reach any event.
    /// - Throws: the first `InvariantViolation` the batch causes.
    /// - Complexity: O(n) to select, then O(m log m) in the events of the touched organizations.
    public static func validate(appending batch: [RecordedEvent], after existing: [RecordedEvent], registry: CountryRegistry = .standard)
        throws(InvariantViolation)
    {
        try validate(appending: batch, after: [existing], registry: registry)
    }

    /// `validate(appending:after:)` for records held in parts (a log's, then those planned
    /// since), which are read in place rather than joined.
    public static func validate(appending batch: [RecordedEvent], after parts: [[RecordedEvent]], registry: CountryRegistry = .standard)
        throws(InvariantViolation)
    {
        guard !batch.isEmpty else { return }
        if batch.contains(where: { $0.kind.isAmendment }) {
            try validate(appending: batch, to: Timeline(records: Array(parts.joined()), registry: registry))
            return
        }
        let touched = Set(batch.compactMap(\.payload.organization))
        try validate(appending: batch, to: Timeline(records: records(of: parts, about: touched), registry: registry))
    }

    /// What a fold needs to check events about `organizations`: every founding and every state
    /// introduced (they are few,
    /// they make predecessors valid and they let an unknown organization's message suggest the
    /// near ones), the events of those organizations, and every amendment of an event kept.
    /// - Complexity: O(n); records are read in place, and only those kept are copied.
    public static func records(of parts: [[RecordedEvent]], about organizations: Set<OrganizationID>) -> [RecordedEvent] {
        var relevant: [RecordedEvent] = []
        // A batch is about one organization or a few: comparing ids is cheaper than hashing one
        // for every record of a large log.
        let few = organizations.count <= 8 ? Array(organizations) : nil
        var amended = false
        for part in parts {
            // Read in place, through addresses: a subscript would copy each record, payload
            // and all, to look at two of its fields.
            part.withRecordsInPlace { records in
                for index in records.indices {
                    let record = records[index]
                    let keep: Bool
                    switch record.pointee.event.payload.kind {
                    case .founding, .state: keep = true
                    case .correction, .retraction:
                        keep = true
                        amended = true
                    default:
                        guard let organization = record.pointee.event.payload.organization else { keep = false; break }
                        keep = few?.contains(organization) ?? organizations.contains(organization)
                    }
                    if keep { relevant.append(record.pointee) }
                }
            }
        }
        return amended ? withoutStrayAmendments(relevant) : relevant
    }

    /// `records` (in log order) without the amendments whose target is not among them: a
    /// correction of another organization's event would name an event the selection lacks, and
    /// break a rule the log does not.
    private static func withoutStrayAmendments(_ records: [RecordedEvent]) -> [RecordedEvent] {
        var kept: Set<EventID> = []
        var keptTexts: [String] = []
        let prefixed = records.contains { record in
            switch record.payload {
            case .correction(let target, _), .retraction(let target, _): return EventID(target)?.rawValue.utf8.count != 16
            default: return false
            }
        }
        func targetKept(_ target: String) -> Bool {
            if let id = EventID(target), kept.contains(id) { return true }
            return target.utf8.count >= 4 && keptTexts.contains { $0.hasPrefix(target) }
        }
        return records.filter { record in
            switch record.payload {
            case .correction(let target, _), .retraction(let target, _): if !targetKept(target) { return false }
            default: break
            }
            kept.insert(record.id)
            if prefixed { keptTexts.append(record.id.rawValue) }
            return true
        }
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
        let combined = Timeline(records: existing.records + batch, registry: existing.baseRegistry)
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
                message:
                    "\(cause) would break the later event \(broken.eventID.short) (\(broken.summary)) already in the log: \(broken.message)"
            )
        }
    }
}
