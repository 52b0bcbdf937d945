import TimelineCore

/// A log writer whose appends complete without suspending: the file log and the in-memory log.
///
/// Its synchronous methods are also its `EventLogWriter` witnesses, so the same append runs
/// behind `try log.append(…)` and `try await log.append(…)`.
public protocol SynchronousEventLogWriter: EventLogWriter {
    /// Appends the events as one batch (see `EventLogWriter.append(_:recordedAt:)`).
    /// - Throws: `StoreError` (`.invariant`, `.idConflict`, `.io` …); nothing is written then.
    func append(_ events: [NewEvent], recordedAt: RecordedTime) throws(StoreError) -> AppendReceipt

    /// Appends records already planned on top of `head` (see
    /// `EventLogWriter.append(planned:after:recordedAt:)`).
    func append(planned records: [RecordedEvent], after head: LogHead, recordedAt: RecordedTime) throws(StoreError) -> AppendReceipt
}

extension SynchronousEventLogWriter {
    /// Plans the events again: always correct, never the fastest.
    public func append(planned records: [RecordedEvent], after head: LogHead, recordedAt: RecordedTime) throws(StoreError) -> AppendReceipt
    {
        try append(records.map(\.event), recordedAt: recordedAt)
    }
}
