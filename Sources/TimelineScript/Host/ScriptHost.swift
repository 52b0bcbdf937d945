import TimelineCore

/// Everything a script does outside the language, provided by whoever runs it: files, the clock,
/// cancellation, and how output is shown.
///
/// The interpreter never touches the file system, the clock or a terminal itself. A terminal
/// front end provides a host with real file access; a server provides one that refuses it
/// (`IsolatedHost`), so no request can read or write a file.
///
/// For example, a host that shows output through a closure and gives no file access:
/// ```swift
/// let host = IsolatedHost(today: CivilDay(year: 2025, month: 12, day: 31)) { output in print(output) }
/// let interpreter = Interpreter(session: LogSession(log: InMemoryEventLog()), host: host)
/// ```
public protocol ScriptHost: AnyObject {
    /// Shows something a script produced: a table, printed text, a status message.
    func show(_ output: ScriptOutput)

    /// The bytes of a file a script names (`import`), or why it cannot be read.
    func readFile(at path: String) throws(HostError) -> [UInt8]

    /// Writes a file a script names (`chart … svg`, `export … to`), replacing it whole.
    func writeFile(at path: String, contents: [UInt8]) throws(HostError)

    /// The day a query without `at` asks about.
    var today: CivilDay { get }

    /// The transaction time to record for appends made now.
    func now() -> RecordedTime

    /// Whether the host takes a members, roster or status answer a statement shows as
    /// `ScriptOutput.stateRows` (which a host writing CSV or JSON renders without a table of
    /// values) rather than as `ScriptOutput.table`.
    var takesStateRows: Bool { get }

    /// Whether the user asked to stop the running statement (Ctrl-C); asked between statements,
    /// loop iterations and replayed events.
    var isCancelled: Bool { get }

    /// How many columns a terminal chart may use.
    var chartWidth: Int { get }

    /// Whether charts may use terminal colour.
    var usesColour: Bool { get }

    /// Whether a citation line follows every answer (`--cite`, `.cite on`): the log head and the
    /// statement that reproduces the answer on any copy of the log.
    var citesAnswers: Bool { get }

    /// Whether the host can wait for the user between replayed events (`replay … step`);
    /// without it, a stepped replay shows every event at once.
    var canStep: Bool { get }

    /// For `replay … step`: waits for the user after each event is shown; `false` stops the replay.
    func nextStep() -> Bool

    /// Long work (`import`) reports how far it is: `done` of `total` items of `task`; a host on
    /// a terminal may draw a progress bar.
    func progress(_ task: String, done: Int, total: Int)
}

extension ScriptHost {
    /// Answers come as tables unless the host asks for their rows.
    public var takesStateRows: Bool { false }
    /// Answers are not cited unless the host asks.
    public var citesAnswers: Bool { false }
    /// A host without a terminal does not wait between replayed events.
    public var canStep: Bool { false }
    /// Without a user to wait for, a replay goes on.
    public func nextStep() -> Bool { true }
    /// Nothing cancels a run unless the host says so.
    public var isCancelled: Bool { false }
    /// The width of a plain terminal.
    public var chartWidth: Int { 80 }
    /// No colour unless the host knows it writes to a terminal.
    public var usesColour: Bool { false }
    /// Progress is shown only by a host that draws it.
    public func progress(_ task: String, done: Int, total: Int) {}
}
