import TimelineCore
import TimelineScript
import TimelineStore

/// The host a request runs with: output is kept for the response, no file on the server is
/// read or written, and a run stops when its time is up.
///
/// A chart or an export a statement "writes" lands in `files`, in memory, and is returned to
/// the client; an `import` reads the request body, offered under one name only.
final class RequestHost: ScriptHost {
    /// The day a query without `at` asks about: today, in UTC.
    let today: CivilDay
    /// What the run showed, in order.
    private(set) var outputs: [ScriptOutput] = []
    /// What the run wrote, by the name it gave.
    private(set) var files: [(name: String, contents: [UInt8])] = []
    /// The request body, readable as `bodyName` only.
    private let body: (name: String, contents: [UInt8])?
    /// When the run must stop.
    private let deadline: ContinuousClock.Instant
    /// Whether the run was stopped for running past its deadline.
    private(set) var timedOut = false

    init(timeLimit: Duration, body: (name: String, contents: [UInt8])? = nil) {
        today = CivilDay(ordinal: Int(SystemClock.now.milliseconds / 86_400_000))
        deadline = ContinuousClock.now.advanced(by: timeLimit)
        self.body = body
    }

    func show(_ output: ScriptOutput) { outputs.append(output) }

    /// The request body under its name; every other path is refused.
    func readFile(at path: String) throws(HostError) -> [UInt8] {
        guard let body, path == body.name else { throw HostError(.refused, path: path) }
        return body.contents
    }

    /// Kept in memory for the response; nothing touches the server's disk.
    func writeFile(at path: String, contents: [UInt8]) throws(HostError) {
        files.append((path, contents))
    }

    func now() -> RecordedTime { SystemClock.now }

    /// True once the time limit has passed: the interpreter stops between steps.
    var isCancelled: Bool {
        if ContinuousClock.now >= deadline { timedOut = true }
        return timedOut
    }

    /// Charts for a browser are drawn wide.
    var chartWidth: Int { 120 }
}

extension RequestHost {
    /// Today in UTC as an EDTF day, for statements that need an explicit end.
    static var todayText: String { CivilDay(ordinal: Int(SystemClock.now.milliseconds / 86_400_000)).description }
}
