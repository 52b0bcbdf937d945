import TimelineCore

/// A log reader whose reads complete without suspending: the file log and the in-memory log.
///
/// Its synchronous methods are also its `EventLogReader` witnesses (a synchronous function
/// fulfils an async requirement), so such a log is read by `try log.read()` where a caller
/// cannot wait, and by `try await log.read()` through `any EventLogReader`, through the same
/// code and at the same speed.
public protocol SynchronousEventLogReader: EventLogReader {
    /// The committed records.
    /// - Throws: `StoreError` when the log is missing, unreadable or corrupt.
    func read() throws(StoreError) -> LogContents

    /// Checks the whole log (see `EventLogReader.verify(registry:)`).
    /// - Throws: `StoreError` only when the log cannot be read at all.
    func verify(registry: CountryRegistry) throws(StoreError) -> VerificationReport
    /// The chain hash of committed record `seq` (see `EventLogReader.chainHash(at:)`).
    func chainHash(at seq: Int) throws(StoreError) -> ChainHash?
}
