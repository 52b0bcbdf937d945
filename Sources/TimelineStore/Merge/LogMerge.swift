import TimelineCore

/// Merges two logs that grew from a common ancestor, as a git merge driver does: the ancestor's
/// records, then ours, then their new batches replayed on top.
///
/// Ours' bytes are kept as they are, so every head ours could cite stays valid. Each of their
/// batches (their records after the ancestor, grouped by their commit marks) is planned after
/// the merged history exactly as an append would be (`AppendPlanner`): re-validated against
/// every rule, events ours already holds with the same content skipped, an id that ours holds
/// with other content refused, then re-sequenced and re-chained with ids unchanged.
///
/// A replayed batch keeps the time their log recorded it, unless that is earlier than the
/// record before it in the merged log; it then takes that record's time (a log's recorded time
/// never goes back, and in the merged log the batch came after ours' head). The merge reads no
/// clock, so merging the same three logs always gives the same bytes.
///
/// For example:
/// ```swift
/// let outcome = try LogMerge.merge(
///     ancestor: MergeInput(side: .ancestor, name: "base", bytes: base),
///     ours: MergeInput(side: .ours, name: "ours", bytes: mine),
///     theirs: MergeInput(side: .theirs, name: "theirs", bytes: yours))
/// write(outcome.bytes)
/// ```
public enum LogMerge {
    /// Merges `theirs` into `ours` on top of their common `ancestor`.
    /// - Throws: `MergeError`: a damaged or unfinished log, an ancestor that is not where both
    ///   logs start, or a conflict (one of their events breaks a rule against ours).
    /// - Complexity: O(n) in the logs' sizes, plus the validation of their batches.
    public static func merge(
        ancestor: MergeInput, ours: MergeInput, theirs: MergeInput, registry: CountryRegistry = .standard
    ) throws(MergeError) -> MergeOutcome {
        let base = try scan(ancestor)
        let mine = try scan(ours, checkpoint: base.records.count)
        let yours = try scan(theirs, checkpoint: base.records.count)
        try requirePrefix(base, of: mine, ours)
        try requirePrefix(base, of: yours, theirs)

        var planner = AppendPlanner(existing: mine.records, registry: registry)
        var output = mine.committedLength > 0 ? Array(ours.bytes[..<mine.committedLength]) : Array((ChainRule.header + "\n").utf8)
        var hash = mine.headHash
        var replayed: [RecordedEvent] = []
        var alreadyPresent: [EventID] = []
        var batches = 0
        var movedForward = 0
        var encoder = RecordEncoder()
        for batch in theirBatches(theirs.bytes, after: base.records.count, committed: yours.records.count) {
            let time = batch[0].recordedAt
            let head = planner.records.last?.recordedAt
            let plan: (records: [RecordedEvent], alreadyPresent: [EventID])
            do {
                plan = try planner.plan(batch.map(\.event), recordedAt: time)
            } catch {
                throw conflict(
                    error, batch: batch, merged: planner.records, oursOwn: base.records.count..<mine.records.count, ours: ours,
                    theirs: theirs)
            }
            alreadyPresent += plan.alreadyPresent
            guard !plan.records.isEmpty else { continue }
            batches += 1
            if let head, time < head { movedForward += 1 }
            for (index, record) in plan.records.enumerated() {
                hash = encoder.append(record, commit: index == plan.records.count - 1, previousHash: hash, to: &output)
                output.append(0x0A)
            }
            replayed += plan.records
        }
        return MergeOutcome(
            bytes: output, head: LogHead(count: mine.records.count + replayed.count, hash: hash), common: base.records.count,
            ours: mine.records.count - base.records.count, replayed: replayed, alreadyPresent: alreadyPresent, batches: batches,
            batchesMovedForward: movedForward)
    }

    /// The committed records of a log, every hash and link checked; an empty file is an empty log.
    private static func scan(_ input: MergeInput, checkpoint: Int? = nil) throws(MergeError) -> LogScanner.Scan {
        let scan = LogScanner.scan(input.bytes, checkpoint: checkpoint)
        if let damage = scan.damage {
            var message = "\(input.side.rawValue) (\(input.name)), line \(damage.line): \(damage.message)"
            if let fix = damage.fix(for: input.name) { message += "; fix: \(fix)" }
            throw MergeError(kind: .damaged(input.side, damage), message: message)
        }
        if let tail = scan.tornTail {
            throw MergeError(
                kind: .unfinishedAppend(input.side, line: tail.line),
                message:
                    "\(input.side.rawValue) (\(input.name)), line \(tail.line): an unfinished append follows the last committed batch; a committed file never holds one (append again, or cut the file back to its last committed batch)"
            )
        }
        return scan
    }

    /// Checks that `log` starts with the ancestor's records: since each hash covers everything
    /// before it, the record at the ancestor's head having the ancestor's head hash proves it.
    private static func requirePrefix(_ ancestor: LogScanner.Scan, of log: LogScanner.Scan, _ input: MergeInput) throws(MergeError) {
        let count = ancestor.records.count
        guard count > 0 else { return }
        guard log.records.count >= count else {
            throw MergeError(
                kind: .ancestorNotAPrefix(input.side, seq: log.records.count + 1),
                message:
                    "the ancestor is not where \(input.side.rawValue) (\(input.name)) starts: the ancestor holds \(count) records, \(input.side.rawValue) only \(log.records.count); a log only grows, so these are not versions of one log"
            )
        }
        guard log.checkpointHash == ancestor.headHash else {
            let first = firstDifference(ancestor.records, log.records) ?? count - 1
            let ancestorHash = ancestor.headHash.hex.prefix(12)
            let found = log.checkpointHash.map { String($0.hex.prefix(12)) } ?? "none"
            let side = input.side.rawValue
            throw MergeError(
                kind: .ancestorNotAPrefix(input.side, seq: first + 1),
                message:
                    "the ancestor is not where \(side) (\(input.name)) starts: record \(first + 1) differs (the ancestor's head #\(count) has hash \(ancestorHash), record \(count) of \(side) has \(found)); a log's history is never rewritten, so these are not versions of one log"
            )
        }
    }

    /// The index of the first record that differs between `ancestor` and `log`, if any does
    /// (records may also differ only in bytes they decode the same from).
    private static func firstDifference(_ ancestor: [RecordedEvent], _ log: [RecordedEvent]) -> Int? {
        for index in ancestor.indices where index < log.count {
            let (left, right) = (ancestor[index], log[index])
            if left.id != right.id || left.recordedAt != right.recordedAt || !AppendPlanner.sameContent(left.event, right.event) {
                return index
            }
        }
        return nil
    }

    /// Their committed records after the ancestor's `count`, grouped by their commit marks.
    static func theirBatches(_ bytes: [UInt8], after count: Int, committed: Int) -> [[RecordedEvent]] {
        var batches: [[RecordedEvent]] = []
        var batch: [RecordedEvent] = []
        var decoder = RecordDecoder()
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        // Line 0 is the header; record `seq` is on line `seq`. The scan checked every one.
        guard committed > count else { return [] }
        for line in lines[(count + 1)...committed] {
            guard let decoded = try? decoder.decode(line) else { break }
            let commit = decoded.commit
            batch.append(decoded.takeRecord())
            if commit {
                batches.append(batch)
                batch = []
            }
        }
        return batches
    }

    /// The conflict a refused batch of theirs makes: their event, the rule, and ours' records
    /// it clashes with.
    private static func conflict(
        _ error: StoreError, batch: [RecordedEvent], merged: [RecordedEvent], oursOwn range: Range<Int>, ours: MergeInput,
        theirs: MergeInput
    ) -> MergeError {
        let oursOwn = merged[range]
        let event: RecordedEvent
        let rule: InvariantViolation.Rule
        let explanation: String
        let clashing: [RecordedEvent]
        if let violation = error.violation, let found = batch.first(where: { $0.id == violation.eventID }) {
            event = found
            rule = violation.rule
            explanation = violation.message
            let countries = Set(found.payload.countries)
            clashing = oursOwn.filter { record in
                record.id == found.id
                    || (record.payload.organization == found.payload.organization
                        && (countries.isEmpty || !countries.isDisjoint(with: record.payload.countries)))
            }
        } else {
            // An id ours holds with other content (the planner checks ids before rules).
            let byID = Dictionary(merged.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let found = batch.first { record in byID[record.id].map { !AppendPlanner.sameContent($0.event, record.event) } ?? false }
            event = found ?? batch[0]
            rule = .idConflict
            explanation = "ours already holds event id \(event.id.rawValue) with other content"
            clashing = found.flatMap { byID[$0.id] }.map { [$0] } ?? []
        }
        let conflict = MergeConflict(theirs: event, rule: rule, explanation: explanation, ours: Array(clashing))
        var lines = [
            "conflict: their event \(event.id.short) (\(event.event.summary)) breaks rule \(rule.rawValue) against ours: \(explanation)",
            "  theirs (\(theirs.name)), record \(event.seq.value): event \(event.id.short), \(event.event.summary); source: \(event.event.source)",
        ]
        if clashing.isEmpty {
            lines.append("  ours (\(ours.name)): records \(range.lowerBound + 1)–\(range.upperBound), added since the ancestor")
        }
        for record in clashing {
            lines.append(
                "  ours (\(ours.name)), record \(record.seq.value): event \(record.id.short), \(record.event.summary); source: \(record.event.source)"
            )
        }
        lines.append(
            "Nothing was merged: ours is unchanged. Keep one account: take ours (in git, `git checkout --ours` the log), append what theirs adds that still holds (a correction of ours' event where theirs has it right), then commit."
        )
        return MergeError(kind: .conflict(conflict), message: lines.joined(separator: "\n"))
    }
}
