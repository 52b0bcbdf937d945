import TimelineCore

/// Appends to a log, one atomic batch at a time.
///
/// The requirements are async, as a database client's are: an async-only backend implements
/// these. A log that writes synchronously adopts `SynchronousEventLogWriter` instead, whose
/// synchronous methods also serve as these.
public protocol EventLogWriter: Sendable {
    /// Appends the events as one batch: all land, or none do.
    ///
    /// Events whose id is already in the log with the same content are skipped (re-running a
    /// script appends nothing); the rest are validated against the whole log, as it stands under
    /// the writer's lock, before anything is written. Acknowledged batches are durable.
    /// - Parameter recordedAt: the transaction time to record; the writer never lets it go
    ///   backwards.
    /// - Throws: `StoreError` (`.invariant`, `.idConflict`, `.io` …); nothing is written then.
    ///
    /// For example, founding an organization and a first accession in one batch:
    /// ```swift
    /// let log: any EventLogWriter = InMemoryEventLog()
    /// let sco = OrganizationID("SCO")!
    /// let founding = Founding(
    ///     org: sco, name: "Shanghai Cooperation Organisation", founders: ["CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB"],
    ///     ladder: StatusLadder([Status("observer")!, Status("member")!])!)
    /// let events = [
    ///     NewEvent(
    ///         date: .day(2001, 6, 15), payload: .founding(founding),
    ///         source: Source(citation: "Declaration on the Establishment of the SCO, 2001-06-15")!),
    ///     NewEvent(
    ///         date: .day(2017, 6, 9), payload: .accession(org: sco, country: "IND"),
    ///         source: Source(citation: "TASS, 2017-06-09")!),
    /// ]
    /// let receipt = try await log.append(events, recordedAt: SystemClock.now)
    /// receipt.appended.count  // 2; appending the same events again writes none (`alreadyPresent` names them)
    /// ```
    func append(_ events: [NewEvent], recordedAt: RecordedTime) async throws(StoreError) -> AppendReceipt

    /// Appends records already planned and checked on top of `head` (by an `AppendPlanner` on
    /// the log's records): a writer may write them as they are while the log still ends at
    /// `head`, and must otherwise plan their events again.
    func append(planned records: [RecordedEvent], after head: LogHead, recordedAt: RecordedTime) async throws(StoreError) -> AppendReceipt

    /// The planner this writer keeps for its own appends, on the records it last read or
    /// appended, and the head they end at; `nil` when it keeps none. A caller planning on
    /// records that end at that same head can start from a copy of it rather than fold them.
    func keptPlanner() -> (planner: AppendPlanner, head: LogHead)?
}

extension EventLogWriter {
    /// None kept.
    public func keptPlanner() -> (planner: AppendPlanner, head: LogHead)? { nil }

    /// Plans the events again: always correct, never the fastest.
    public func append(planned records: [RecordedEvent], after head: LogHead, recordedAt: RecordedTime) async throws(StoreError)
        -> AppendReceipt
    {
        try await append(records.map(\.event), recordedAt: recordedAt)
    }
}
