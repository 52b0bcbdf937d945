import TimelineCore
import TimelineStore

/// One way of calling a log: through its async requirements (every backend), or through its
/// synchronous methods (a log that also is an `EventLog`). Each check runs once per way the log
/// offers, so both forms are held to the same contract.
public struct LogAccess: Sendable {
    /// How the log is called.
    public enum Form: String, Sendable {
        /// `try await log.read()`, through `EventLogReader` and `EventLogWriter`.
        case asynchronous = "async"
        /// `try log.read()`, through `SynchronousEventLogReader` and `SynchronousEventLogWriter`.
        case synchronous = "sync"
    }

    /// The log, as every backend offers it.
    public let log: any AsyncEventLog
    /// How it is called.
    public let form: Form

    /// The forms `log` offers: async always, sync when it is an `EventLog`.
    static func forms(of log: any AsyncEventLog) -> [Form] {
        log is any EventLog ? [.asynchronous, .synchronous] : [.asynchronous]
    }

    /// The log's synchronous face, when this access uses it.
    private var synchronous: (any EventLog)? { form == .synchronous ? log as? any EventLog : nil }

    /// Reads the committed records.
    public func read() async throws(StoreError) -> LogContents {
        if let synchronous { return try Self.now { () throws(StoreError) in try synchronous.read() } }
        return try await log.read()
    }

    /// Reads the committed records, or `nil` when the log does not exist yet (`.notFound`).
    public func readIfPresent() async throws(StoreError) -> LogContents? {
        do {
            return try await read()
        } catch {
            if error.code == .notFound { return nil }
            throw error
        }
    }

    /// Appends one batch.
    public func append(_ events: [NewEvent], recordedAt: RecordedTime) async throws(StoreError) -> AppendReceipt {
        if let synchronous { return try Self.now { () throws(StoreError) in try synchronous.append(events, recordedAt: recordedAt) } }
        return try await log.append(events, recordedAt: recordedAt)
    }

    /// Appends records planned on top of `head`.
    public func append(planned records: [RecordedEvent], after head: LogHead, recordedAt: RecordedTime) async throws(StoreError)
        -> AppendReceipt
    {
        if let synchronous {
            return try Self.now { () throws(StoreError) in try synchronous.append(planned: records, after: head, recordedAt: recordedAt) }
        }
        return try await log.append(planned: records, after: head, recordedAt: recordedAt)
    }

    /// Verifies the whole log.
    public func verify(registry: CountryRegistry = .standard) async throws(StoreError) -> VerificationReport {
        if let synchronous { return try Self.now { () throws(StoreError) in try synchronous.verify(registry: registry) } }
        return try await log.verify(registry: registry)
    }

    /// The chain hash of committed record `seq`.
    public func chainHash(at seq: Int) async throws(StoreError) -> ChainHash? {
        if let synchronous { return try Self.now { () throws(StoreError) in try synchronous.chainHash(at: seq) } }
        return try await log.chainHash(at: seq)
    }

    /// Runs `call` where nothing can suspend, so that it calls a log's synchronous method: in an
    /// async function the same call would pick the async requirement.
    private static func now<Value>(_ call: () throws(StoreError) -> Value) throws(StoreError) -> Value { try call() }
}
