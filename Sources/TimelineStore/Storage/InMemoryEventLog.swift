import Synchronization
import TimelineCore

/// A log held in memory: the same contract as the file log, for tests and scratch work.
public final class InMemoryEventLog: SynchronousEventLogReader, SynchronousEventLogWriter {
    private let state: Mutex<(records: [RecordedEvent], hash: ChainHash, hashes: [ChainHash])>
    private let registry: CountryRegistry

    /// An empty log.
    public init(registry: CountryRegistry = .standard) {
        self.registry = registry
        self.state = Mutex(([], ChainRule.genesis, []))
    }

    /// The records appended so far and their head; a log in memory has no torn tail or warnings.
    public func read() throws(StoreError) -> LogContents {
        state.withLock { state in
            LogContents(records: state.records, head: LogHead(count: state.records.count, hash: state.hash), tornTail: nil)
        }
    }

    /// Checks the records against the domain's rules. Held in memory, they cannot be torn or
    /// damaged: the report names no line.
    /// - Complexity: O(n log n) in the number of records.
    public func verify(registry: CountryRegistry) throws(StoreError) -> VerificationReport {
        let contents = try read()
        return VerificationReport(
            log: "<memory>", recordCount: contents.records.count, head: contents.head, tornTail: nil, damage: nil,
            violations: Timeline.violations(of: contents.records, registry: registry), warnings: [])
    }

    /// The chain hash of record `seq`, kept as each batch was appended; the genesis for 0, `nil`
    /// past the last record.
    public func chainHash(at seq: Int) throws(StoreError) -> ChainHash? {
        state.withLock { state in
            if seq == 0 { return ChainRule.genesis }
            return state.hashes.indices.contains(seq - 1) ? state.hashes[seq - 1] : nil
        }
    }

    /// Appends the events as one batch, under the same rules and hash chain as the file log
    /// (see `EventLogWriter.append(_:recordedAt:)`).
    /// - Throws: `StoreError` (`.invariant`, `.idConflict` …); nothing is appended then.
    public func append(_ events: [NewEvent], recordedAt: RecordedTime) throws(StoreError) -> AppendReceipt {
        let registry = self.registry
        let outcome: Result<AppendReceipt, StoreError> = state.withLock { state in
            do throws(StoreError) {
                let plan = try AppendPlanner.plan(events, after: state.records, recordedAt: recordedAt, registry: registry)
                // The same chain as the file log, so heads are comparable across storages.
                for (index, record) in plan.records.enumerated() {
                    state.hash = RecordEncoder.line(for: record, commit: index == plan.records.count - 1, previousHash: state.hash).hash
                    state.hashes.append(state.hash)
                }
                state.records.append(contentsOf: plan.records)
                return .success(
                    AppendReceipt(
                        appended: plan.records, alreadyPresent: plan.alreadyPresent,
                        head: LogHead(count: state.records.count, hash: state.hash), setAside: nil))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }
}
