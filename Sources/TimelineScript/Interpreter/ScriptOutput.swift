import TimelineStore

/// Something a script shows: a table, a line of text, or a status message.
public enum ScriptOutput: Sendable {
    /// A query's answer.
    case table(Table)
    /// A members, roster or status answer shown as the statement's output, given as its rows
    /// (only to a host whose `takesStateRows` is true): the host renders them as it would
    /// `table(rows.table)`, without the table of values.
    case stateRows(StateRows)
    /// What `print` printed, or a chart.
    case text(String)
    /// A status message: "appended 3 events (head #20 …)".
    case info(String)

    /// The output with a states answer given as its table (`table(rows.table)`), for a reader
    /// that handles tables alone.
    public var withTables: ScriptOutput {
        if case .stateRows(let answer) = self { return .table(answer.table) }
        return self
    }
}

/// How a run ended: the appends it committed, or the diagnostics that stopped it.
public struct RunOutcome: Sendable {
    /// The diagnostics (syntax errors, or the one run-time error). Empty on success.
    public let diagnostics: [Diagnostic]
    /// What the run appended, when it committed a batch.
    public let receipt: AppendReceipt?

    /// Whether the run succeeded.
    public var succeeded: Bool { diagnostics.isEmpty }
}
