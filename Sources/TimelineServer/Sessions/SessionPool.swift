import TimelineScript
import TimelineStore

/// The server's sessions over one log: each request runs on the least busy worker, so a slow
/// query holds one worker while the others answer.
///
/// Every worker opens the log itself (a database log gets a connection per worker); each run
/// checks whether the log moved, so an append through one worker, another server instance or
/// any other writer is seen by the next request on every worker.
final class SessionPool: Sendable {
    private let workers: [SessionWorker]

    /// `count` workers, each on a log `open` gives.
    init(count: Int, open: () throws -> any EventLog) rethrows {
        var workers: [SessionWorker] = []
        for index in 0..<max(1, count) {
            workers.append(SessionWorker(label: "timeline.session.\(index)", log: try open()))
        }
        self.workers = workers
    }

    /// Runs `job` on the least busy worker.
    func perform<Result: Sendable>(_ job: @escaping @Sendable (LogSession) -> Result) async -> Result {
        let worker = workers.min { $0.load < $1.load } ?? workers[0]
        return await worker.perform(job)
    }
}
