import Dispatch
import Synchronization
import TimelineScript
import TimelineStore

/// One conversation with the log on a thread of its own: a `LogSession` that only this worker's
/// serial queue touches, so synchronous log reads (a file, or PostgreSQL through bounded waits)
/// never block Swift concurrency's threads.
final class SessionWorker: @unchecked Sendable {
    // `@unchecked`: `session` is touched only from blocks run on `queue`, one at a time.
    private let queue: DispatchQueue
    private let session: LogSession
    /// Jobs submitted and not yet finished.
    private let outstanding = Mutex(0)

    init(label: String, log: any EventLog) {
        queue = DispatchQueue(label: label)
        session = LogSession(log: log)
    }

    /// How many jobs wait for or run on this worker.
    var load: Int { outstanding.withLock { $0 } }

    /// Runs `job` with the session on the worker's thread and returns what it gives.
    func perform<Result: Sendable>(_ job: @escaping @Sendable (LogSession) -> Result) async -> Result {
        outstanding.withLock { $0 += 1 }
        return await withCheckedContinuation { continuation in
            queue.async {
                let result = job(self.session)
                self.outstanding.withLock { $0 -= 1 }
                continuation.resume(returning: result)
            }
        }
    }
}
