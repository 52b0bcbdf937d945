import TimelineCore

/// Reads a log: the committed records and the head. Readers never block writers or change the log.
public protocol EventLogReader: Sendable {
    /// The committed records.
    /// - Throws: `StoreError` when the log is missing, unreadable or corrupt.
    func read() throws(StoreError) -> LogContents

    /// The projections of a snapshot cache that matches the log as it stands, with that head;
    /// `nil` when the log keeps none, or it is stale.
    func cachedProjections(registry: CountryRegistry) -> (projections: Projections, head: LogHead)?

    /// Offers the projections folded from the log at `head` to its snapshot cache.
    func cacheProjections(_ projections: Projections, head: LogHead)

    /// Whether the log still ends at `head`, checked without reading it (`false` when unsure).
    func stillEnds(at head: LogHead) -> Bool
}

extension EventLogReader {
    /// Logs without a snapshot cache have none.
    public func cachedProjections(registry: CountryRegistry) -> (projections: Projections, head: LogHead)? { nil }
    /// Logs without a snapshot cache keep nothing.
    public func cacheProjections(_ projections: Projections, head: LogHead) {}
    /// Unsure, unless a log knows better.
    public func stillEnds(at head: LogHead) -> Bool { false }
}

/// Appends to a log, one atomic batch at a time.
public protocol EventLogWriter: Sendable {
    /// Appends the events as one batch: all land, or none do.
    ///
    /// Events whose id is already in the log with the same content are skipped (re-running a
    /// script appends nothing); the rest are validated against the whole log, as it stands under
    /// the writer's lock, before anything is written. Acknowledged batches are durable.
    /// - Parameter recordedAt: the transaction time to record; the writer never lets it go
    ///   backwards.
    /// - Throws: `StoreError` (`.invariant`, `.idConflict`, `.io` …); nothing is written then.
    func append(_ events: [NewEvent], recordedAt: RecordedTime) throws(StoreError) -> AppendReceipt

    /// Appends records already planned and checked on top of `head` (by an `AppendPlanner` on
    /// the log's records): a writer may write them as they are while the log still ends at
    /// `head`, and must otherwise plan their events again.
    func append(planned records: [RecordedEvent], after head: LogHead, recordedAt: RecordedTime) throws(StoreError) -> AppendReceipt
}

extension EventLogWriter {
    /// Plans the events again: always correct, never the fastest.
    public func append(planned records: [RecordedEvent], after head: LogHead, recordedAt: RecordedTime) throws(StoreError) -> AppendReceipt {
        try append(records.map(\.event), recordedAt: recordedAt)
    }
}

/// A log that can be read and appended to.
public typealias EventLog = EventLogReader & EventLogWriter
