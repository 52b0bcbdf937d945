import TimelineCore
import TimelineStore

/// A log that could not be opened (a malformed database URL): every use fails with the reason,
/// so each command reports it where it would report an unreadable log, and nothing is written.
struct UnopenableLog: EventLog {
    let error: StoreError

    func read() throws(StoreError) -> LogContents { throw error }
    func verify(registry: CountryRegistry) throws(StoreError) -> VerificationReport { throw error }
    func chainHash(at seq: Int) throws(StoreError) -> ChainHash? { throw error }
    func append(_ events: [NewEvent], recordedAt: RecordedTime) throws(StoreError) -> AppendReceipt { throw error }
}
