import TimelineCore
import TimelineStore

extension LogSession {
    /// Plans events on top of the committed records and the pending appends, checking them as
    /// the writer would; the caller adds the records to `pending` with `addPending(_:)`.
    func plan(_ events: [NewEvent], recordedAt: RecordedTime) throws -> (records: [RecordedEvent], alreadyPresent: [EventID]) {
        let committed = try committedContents()
        let committedRecords = committed.records
        if planner == nil {
            // A timeline already folded for this run's queries lets the planner check new
            // events without folding again; so does the planner the log's writer keeps, when it
            // is on these very records (a database log's, after this process's last append).
            if let cachedTimeline, cachedTimeline.records.count == committedRecords.count + pending.count {
                planner = AppendPlanner(timeline: cachedTimeline)
            } else if pending.isEmpty, let kept = log.keptPlanner(), kept.head == committed.head,
                kept.planner.count == committedRecords.count
            {
                planner = kept.planner
            } else {
                planner = AppendPlanner(existing: pending.isEmpty ? committedRecords : committedRecords + pending, registry: registry)
            }
        }
        return try planner!.plan(events, recordedAt: recordedAt)
    }

    /// Adds planned records to the pending appends, keeping the organization index current.
    func addPending(_ records: [RecordedEvent], alreadyPresent present: Int) {
        pending.append(contentsOf: records)
        alreadyPresent += present
        if organizationIndex != nil { for record in records { Self.index(record, into: &organizationIndex!) } }
        if let countryIndex { self.countryIndex = countryIndex.adding(Self.states(in: records)) }
        invalidate(.appendsAdded)
    }

    /// The id of an organization the log (or a pending append) has founded, by id or full name,
    /// without folding the whole log.
    func knownOrganization(_ name: String) throws -> OrganizationID? {
        if organizationIndex == nil {
            var index: [String: OrganizationID] = [:]
            for record in try committedContents().records { Self.index(record, into: &index) }
            for record in pending { Self.index(record, into: &index) }
            organizationIndex = index
        }
        if let id = OrganizationID(name), let known = organizationIndex?["id:" + id.rawValue] { return known }
        return organizationIndex?["name:" + NameKey.of(name)]
    }

    /// Notes the organization a founding record introduces; the first founding of a name wins.
    static func index(_ record: RecordedEvent, into index: inout [String: OrganizationID]) {
        guard case .founding(let founding) = record.payload else { return }
        if index["id:" + founding.org.rawValue] == nil { index["id:" + founding.org.rawValue] = founding.org }
        let key = "name:" + NameKey.of(founding.name)
        if index[key] == nil { index[key] = founding.org }
    }

    // MARK: Runs and transactions

    /// Starts a run: outside a transaction nothing is pending; the log is read anew when a
    /// statement first needs it, so queries a snapshot can answer never read a large log.
    func startRun() {
        let hadPending = !pending.isEmpty
        if !transactionOpen { pending = [] }
        pendingBeforeRun = pending.count
        alreadyPresent = 0
        // What the last run read still stands while the log ends where it did (a cheap check of
        // its tail): a server or a REPL then answers without reading the log again.
        if !transactionOpen, let committed, log.stillEnds(at: committed.head) {
            if hadPending { invalidate(.appendsRemoved) }
            return
        }
        invalidate(.logMayHaveMoved)
    }

    /// Drops the appends of a failed run: in a transaction only the run's own, else all.
    /// - Returns: how many were dropped.
    @discardableResult
    func dropRunAppends() -> Int {
        let keep = transactionOpen ? min(pendingBeforeRun, pending.count) : 0
        let dropped = pending.count - keep
        pending.removeLast(dropped)
        invalidate(.appendsRemoved)
        return dropped
    }

    /// Opens a transaction: the following appends wait for `commit`, across runs.
    /// - Returns: `false` when one is already open.
    func beginTransaction() -> Bool {
        guard !transactionOpen else { return false }
        transactionOpen = true
        return true
    }

    /// Discards the pending appends and closes the transaction.
    /// - Returns: how many were discarded.
    func rollbackTransaction() -> Int {
        let count = pending.count
        transactionOpen = false
        pending = []
        pendingBeforeRun = 0
        invalidate(.appendsRemoved)
        return count
    }

    /// Closes the transaction, leaving its appends pending for `commitPending`.
    func closeTransaction() {
        transactionOpen = false
        pendingBeforeRun = 0
    }

    /// What a commit wrote.
    struct Commit {
        /// The writer's receipt.
        let receipt: AppendReceipt
        /// How many pending appends were offered.
        let offered: Int
        /// How many appends were already in the log: found while planning, or by the writer.
        let alreadyPresent: Int
    }

    /// Writes the pending appends as one batch; `nil` when there were none.
    /// - Parameters:
    ///   - plannedOnCurrentLog: whether every pending record was planned on the log as this run
    ///     read it: the writer then need not check them again if the log has not moved.
    ///   - recordedAt: the transaction time.
    func commitPending(plannedOnCurrentLog: Bool, recordedAt: RecordedTime) throws(StoreError) -> Commit? {
        guard !pending.isEmpty else { return nil }
        let records = pending
        let base = plannedOnCurrentLog ? committed?.head : nil
        pending = []
        pendingBeforeRun = 0
        // Let go of the committed records, so that the log's writer adds to them in place.
        invalidate(.logMayHaveMoved)
        let receipt: AppendReceipt
        if let base {
            receipt = try log.append(planned: records, after: base, recordedAt: recordedAt)
        } else {
            receipt = try log.append(records.map(\.event), recordedAt: recordedAt)
        }
        appendedHead = receipt.head
        return Commit(receipt: receipt, offered: records.count, alreadyPresent: alreadyPresent + receipt.alreadyPresent.count)
    }
}
