import TimelineCore
import TimelineStore

/// Runs scripts against a log: queries read it, `append` statements add to one atomic batch
/// per run, committed when the run succeeds.
///
/// Variables persist from one run to the next (the REPL runs each line as a script).
///
/// For example:
/// ```swift
/// let interpreter = Interpreter(log: FileEventLog(path: "Events/diplomacy.jsonl"), today: today) { output in … }
/// let outcome = interpreter.run(SourceFile(name: "<command>", text: "members SCO at 2017"))
/// ```
public final class Interpreter {
    /// The log queries read and appends write.
    public private(set) var log: any EventLog
    /// The day a query without `at` asks about.
    public var today: CivilDay
    /// A fixed transaction time for appends (seeds use one to reproduce the log byte for byte);
    /// `nil` records the clock's time.
    public var recordedAt: RecordedTime?
    /// Called with everything the script shows, in order.
    public var output: (ScriptOutput) -> Void
    /// Asked between statements and loop iterations; `true` stops the run (Ctrl-C).
    public var shouldStop: () -> Bool = { false }
    /// The countries names resolve against.
    public let registry: CountryRegistry
    /// How many columns a terminal chart may use.
    public var chartWidth = 80
    /// Whether charts may use colour (only on a terminal).
    public var colour = false
    /// For `replay … step`: called after each event; `false` stops the replay. Without it
    /// (scripts), a stepped replay prints every event.
    public var stepper: (() -> Bool)?

    var variables: [String: Value] = [:]
    var committed: LogContents?
    var pending: [RecordedEvent] = []
    /// Plans appends on top of the committed records and `pending`; `nil` until the run's first
    /// append, and again whenever `pending` is reset.
    var planner: AppendPlanner? {
        didSet { if planner == nil { organizationIndex = nil } }
    }
    /// The organizations founded by the committed records and this run's appends, by id and by
    /// name key (see `knownOrganization`); built on first need, dropped with the planner.
    var organizationIndex: [String: OrganizationID]?
    /// Appends of this run that were already in the log (re-running a script appends nothing).
    var alreadyPresent = 0
    var cachedTimeline: Timeline?
    /// Projections and head from the log's snapshot cache, kept across runs while the log
    /// still ends at that head.
    var snapshot: (projections: Projections, head: LogHead)?
    /// Whether this run has checked that the log still ends at the snapshot's head.
    var snapshotChecked = false
    /// The last script parsed, kept until the next: a process that exits after a long script
    /// then need not free its syntax tree node by node.
    private var lastProgram: Program?

    public init(log: any EventLog, today: CivilDay, registry: CountryRegistry = .standard, output: @escaping (ScriptOutput) -> Void) {
        self.log = log
        self.today = today
        self.registry = registry
        self.output = output
    }

    /// Opens another log for the following runs (the REPL's `.log`).
    public func switchLog(to log: any EventLog) {
        self.log = log
        snapshot = nil
        committed = nil
        appendedHead = nil
        cachedTimeline = nil
    }

    /// Parses and runs a script. Syntax errors stop it before anything runs; a run-time error
    /// stops it and discards its appends. On success the appends are committed as one batch.
    public func run(_ source: SourceFile) -> RunOutcome {
        if let problem = SourceCheck.binaryContent(source) { return RunOutcome(diagnostics: [problem], receipt: nil) }
        let (program, syntax) = Parser.parse(source)
        if !syntax.isEmpty { return RunOutcome(diagnostics: syntax, receipt: nil) }
        lastProgram = program
        return run(program)
    }

    /// Runs a parsed program.
    public func run(_ program: Program) -> RunOutcome {
        let before = transactionOpen ? pending.count : 0
        if !transactionOpen { pending = [] }
        alreadyPresent = 0
        cachedTimeline = nil
        do {
            // The log is read when a statement first needs it: queries a snapshot can answer
            // never read the records of a large log.
            committed = nil
            snapshotChecked = false
            planner = nil  // rebuilt on top of what the log holds now
            try execute(program.statements)
        } catch let diagnostic as Diagnostic {
            if transactionOpen {
                // In a transaction a failed statement drops only its own appends.
                var diagnostic = diagnostic
                let dropped = pending.count - before
                pending.removeLast(dropped)
                planner = nil
                cachedTimeline = nil
                diagnostic.notes.append("the transaction keeps its \(pending.count) earlier append\(pending.count == 1 ? "" : "s"); commit or rollback")
                return RunOutcome(diagnostics: [diagnostic], receipt: nil)
            }
            return RunOutcome(diagnostics: [discarding(diagnostic)], receipt: nil)
        } catch {
            return RunOutcome(diagnostics: [Diagnostic(unlocated: "internal", "\(error)")], receipt: nil)
        }
        if transactionOpen {
            let added = pending.count - before
            if added > 0 {
                output(.info("\(added) append\(added == 1 ? "" : "s") added to the transaction (\(pending.count) pending; commit or rollback)"))
            } else if alreadyPresent > 0 {
                output(.info("nothing added: all \(alreadyPresent) event\(alreadyPresent == 1 ? " is" : "s are") already in the log"))
            }
            return RunOutcome(diagnostics: [], receipt: nil)
        }
        // Planned in this run, on the log as this run read it.
        return commitPending(plannedOn: committed?.head)
    }

    /// Appends this run's (or transaction's) events as one batch. `plannedOn` is the head the
    /// pending records were planned on, when they all were in this run: the writer then need not
    /// check them again if the log has not moved.
    func commitPending(plannedOn base: LogHead?) -> RunOutcome {
        guard !pending.isEmpty else {
            if alreadyPresent > 0 {
                output(.info("nothing appended: all \(alreadyPresent) event\(alreadyPresent == 1 ? " is" : "s are") already in the log"))
            }
            return RunOutcome(diagnostics: [], receipt: nil)
        }
        let records = pending
        let count = records.count
        pending = []
        // Let go of the committed records, so that the log's writer adds to them in place.
        planner = nil
        cachedTimeline = nil
        committed = nil
        do {
            let time = recordedAt ?? SystemClock.now
            let receipt: AppendReceipt
            if let base {
                receipt = try log.append(planned: records, after: base, recordedAt: time)
            } else {
                receipt = try log.append(records.map(\.event), recordedAt: time)
            }
            appendedHead = receipt.head
            let present = alreadyPresent + receipt.alreadyPresent.count
            let already = present == 0 ? "" : ", \(present) already in the log"
            if receipt.appended.isEmpty {
                output(.info("nothing appended: all \(count + alreadyPresent) events are already in the log (head \(receipt.head))"))
            } else {
                output(.info("appended \(receipt.appended.count) event\(receipt.appended.count == 1 ? "" : "s")\(already) (head \(receipt.head))"))
            }
            if let side = receipt.setAside { output(.info("an unfinished earlier append was set aside in \(side)")) }
            return RunOutcome(diagnostics: [], receipt: receipt)
        } catch {
            // The id carries the store's code (append-io, append-corrupt, append-locked …).
            return RunOutcome(diagnostics: [Diagnostic(unlocated: "append-\(error.code.rawValue)", error.description, notes: ["nothing was appended"])], receipt: nil)
        }
    }

    // MARK: Transactions

    /// Whether `begin` has opened a transaction: appends wait for `commit`.
    public private(set) var transactionOpen = false

    /// The appends waiting in the open transaction (or the current run).
    public var pendingCount: Int { pending.count }

    /// Opens a transaction: the following runs' appends are kept until `commitTransaction()`.
    /// - Returns: `false` when one is already open.
    @discardableResult
    public func beginTransaction() -> Bool {
        guard !transactionOpen else { return false }
        transactionOpen = true
        pending = []
        planner = nil
        cachedTimeline = nil
        return true
    }

    /// Appends the transaction's events as one batch and closes it.
    public func commitTransaction() -> RunOutcome {
        transactionOpen = false
        alreadyPresent = 0
        // Planned over several runs, perhaps on different heads: the writer checks them again.
        return commitPending(plannedOn: nil)
    }

    /// Discards the transaction's appends and closes it; returns how many were discarded.
    @discardableResult
    public func rollbackTransaction() -> Int {
        let count = pending.count
        transactionOpen = false
        pending = []
        planner = nil
        cachedTimeline = nil
        return count
    }

    /// The head the last commit returned, while the log has not been read since.
    private var appendedHead: LogHead?

    /// The log's head as last read or appended (read now if neither), counting no pending appends.
    public func head() -> LogHead? {
        if let committed { return committed.head }
        if let appendedHead { return appendedHead }
        if let snapshot, log.stillEnds(at: snapshot.head) { return snapshot.head }
        committed = try? readLog()
        return committed?.head
    }

    /// The timeline the next query would read, for completion; `nil` when the log is unreadable.
    public func currentTimeline() -> Timeline? { try? timeline() }

    /// Adds the note that the run's earlier appends were discarded.
    func discarding(_ diagnostic: Diagnostic) -> Diagnostic {
        var diagnostic = diagnostic
        if !pending.isEmpty {
            let count = pending.count
            diagnostic.notes.append("nothing was appended: the \(count) earlier append\(count == 1 ? "" : "s") of this script \(count == 1 ? "was" : "were") discarded")
        }
        pending = []
        planner = nil
        cachedTimeline = nil
        return diagnostic
    }

    func readLog() throws -> LogContents {
        appendedHead = nil
        do {
            let contents = try log.read()
            for warning in contents.warnings { output(.info("warning: \(warning)")) }
            return contents
        } catch let error where error.code == .notFound {
            return LogContents(records: [], head: .empty, tornTail: nil)
        } catch {
            throw Diagnostic(unlocated: "log-unreadable", error.description)
        }
    }

    /// The committed log, read on first need in each run.
    func committedContents() throws -> LogContents {
        if let committed { return committed }
        let contents = try readLog()
        committed = contents
        return contents
    }

    /// The timeline of the committed log plus this run's appends so far.
    func timeline() throws -> Timeline {
        if let cachedTimeline { return cachedTimeline }
        let committed = try committedContents()
        let timeline = Timeline(records: pending.isEmpty ? committed.records : committed.records + pending, registry: registry)
        cachedTimeline = timeline
        if pending.isEmpty { log.cacheProjections(timeline.projections, head: committed.head) }
        return timeline
    }

    /// The projections a membership query reads: with `known at`, those of the log as it stood
    /// then; otherwise from the log's snapshot cache when it matches the log and this run has
    /// nothing pending, else folded from the records.
    func projections(known clause: KnownAtClause?) throws -> Projections {
        if clause == nil, pending.isEmpty, cachedTimeline == nil, committed == nil {
            // Kept from an earlier run (the REPL's previous line) while the log has not moved.
            if let snapshot, snapshotChecked || log.stillEnds(at: snapshot.head) {
                snapshotChecked = true
                return snapshot.projections
            }
            if let cached = log.cachedProjections(registry: registry) {
                snapshot = cached
                snapshotChecked = true
                return cached.projections
            }
        }
        return try timeline(known: clause).projections
    }

    // MARK: Statements

    func execute(_ statements: [Statement]) throws {
        for statement in statements {
            if shouldStop() { throw Diagnostic("interrupted", "interrupted", at: statement.range) }
            try execute(statement)
        }
    }

    func execute(_ statement: Statement) throws {
        switch statement.kind {
        case .let(let name, let value):
            variables[name] = try evaluate(value)
        case .assign(let name, let value):
            guard variables[name] != nil else {
                throw Diagnostic("undefined-variable", "\"\(name)\" is not defined; declare it first with let \(name) = …", at: statement.range)
            }
            variables[name] = try evaluate(value)
        case .for(let name, let sequence, let body):
            let items: [Value]
            switch try evaluate(sequence) {
            case .list(let list): items = list
            // A one-column table yields its cells; a wider one yields each row as a list.
            case .table(let table): items = table.rows.map { row in row.count == 1 ? row[0] : .list(row) }
            case let other:
                throw Diagnostic("type-error", "for … in needs a list or a range such as 2001..2025, not \(other.typeName)", at: sequence.range)
            }
            let saved = variables[name]
            defer { variables[name] = saved }
            for item in items {
                if shouldStop() { throw Diagnostic("interrupted", "interrupted", at: statement.range) }
                variables[name] = item
                try execute(body)
            }
        case .if(let condition, let then, let otherwise):
            let value = try evaluate(condition)
            guard case .bool(let flag) = value else {
                throw Diagnostic("type-error", "if needs a condition that is true or false, not \(value.typeName)", at: condition.range)
            }
            if flag { try execute(then) } else if let otherwise { try execute(otherwise) }
        case .print(let expressions):
            var parts: [String] = []
            for expression in expressions {
                let value = try evaluate(expression)
                if case .table(let table) = value {
                    if !parts.isEmpty { output(.text(parts.joined(separator: " "))) }
                    parts = []
                    output(.table(table))
                } else {
                    parts.append(value.text)
                }
            }
            if !parts.isEmpty || expressions.isEmpty { output(.text(parts.joined(separator: " "))) }
        case .expression(let expression):
            let value = try evaluate(expression)
            switch value {
            case .table(let table): output(.table(table))
            case .null: break
            default: output(.text(value.text))
            }
        case .append(let append):
            try performAppend(append, range: statement.range)
        case .importFile(let file):
            try performImport(file, range: statement.range)
        }
    }
}
