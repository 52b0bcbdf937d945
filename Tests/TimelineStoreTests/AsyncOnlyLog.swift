import TimelineCore
import TimelineStore

/// A backend with only the async requirements, as a database log would be, over an in-memory
/// log; `forgetful`, it silently drops the last event of every batch of more than one.
struct AsyncOnlyLog: EventLogReader, EventLogWriter {
    let base = InMemoryEventLog()
    var forgetful = false

    func read() async throws(StoreError) -> LogContents { try base.read() }

    func verify(registry: CountryRegistry) async throws(StoreError) -> VerificationReport { try base.verify(registry: registry) }

    func chainHash(at seq: Int) async throws(StoreError) -> ChainHash? { try base.chainHash(at: seq) }

    func append(_ events: [NewEvent], recordedAt: RecordedTime) async throws(StoreError) -> AppendReceipt {
        try base.append(forgetful && events.count > 1 ? Array(events.dropLast()) : events, recordedAt: recordedAt)
    }
}
