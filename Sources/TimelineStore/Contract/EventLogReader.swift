import TimelineCore

/// Reads a log: the committed records and the head. Readers never block writers or change the log.
///
/// The requirements are async, as a database client's are (blocking its event loop would
/// deadlock): an async-only backend implements these. A log that reads synchronously (the file
/// and in-memory logs) adopts `SynchronousEventLogReader` instead, whose synchronous methods
/// also serve as these.
public protocol EventLogReader: Sendable {
    /// The committed records.
    /// - Throws: `StoreError` when the log is missing, unreadable or corrupt.
    func read() async throws(StoreError) -> LogContents

    /// Checks the whole log: every record's hash, the chain, sequence numbers, commit marks and
    /// the domain's rules against `registry`, naming the first damaged record.
    /// - Throws: `StoreError` only when the log cannot be read at all (`.notFound` when there is none).
    func verify(registry: CountryRegistry) async throws(StoreError) -> VerificationReport

    /// The chain hash of committed record `seq` (the genesis for 0): what a head cited as
    /// `#seq hash` must match for this log to hold that state. `nil` when the log has fewer
    /// committed records.
    /// - Throws: `StoreError` when the log cannot be read, or is damaged before that record.
    func chainHash(at seq: Int) async throws(StoreError) -> ChainHash?

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
