import TimelineCore
import TimelineStore

/// A host that gives scripts no file access: what a server runs requests with, and what tests
/// and embedders use when scripts only query and append.
///
/// Output goes to a closure; appends are recorded at the system clock's time, or at a fixed
/// time when one is given.
///
/// For example:
/// ```swift
/// var lines: [ScriptOutput] = []
/// let host = IsolatedHost(today: CivilDay(year: 2025, month: 1, day: 1)) { lines.append($0) }
/// ```
public final class IsolatedHost: ScriptHost {
    /// The day a query without `at` asks about.
    public var today: CivilDay
    /// A fixed transaction time for appends; `nil` records the system clock's time.
    public var recordedAt: RecordedTime?
    /// Where output goes.
    public var output: (ScriptOutput) -> Void
    /// Asked between statements; `true` stops the run.
    public var cancellation: () -> Bool = { false }
    /// Whether members, roster and status answers come as their rows (`ScriptOutput.stateRows`)
    /// rather than as tables; `false` unless set.
    public var takesStateRows = false

    /// A host answering for `today`, showing output through `output`.
    public init(today: CivilDay, recordedAt: RecordedTime? = nil, output: @escaping (ScriptOutput) -> Void) {
        self.today = today
        self.recordedAt = recordedAt
        self.output = output
    }

    /// Passes the output to the `output` closure.
    public func show(_ output: ScriptOutput) { self.output(output) }

    /// Refused: this host reads no files.
    public func readFile(at path: String) throws(HostError) -> [UInt8] { throw HostError(.refused, path: path) }

    /// Refused: this host writes no files.
    public func writeFile(at path: String, contents: [UInt8]) throws(HostError) { throw HostError(.refused, path: path) }

    /// The fixed `recordedAt` time when one is set, else the system clock's.
    public func now() -> RecordedTime { recordedAt ?? SystemClock.now }

    /// What the `cancellation` closure answers.
    public var isCancelled: Bool { cancellation() }
}
