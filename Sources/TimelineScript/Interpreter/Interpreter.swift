import TimelineCore
import TimelineStore

/// Runs scripts over a session: queries read its log, `append` statements add to one atomic
/// batch per run, committed when the run succeeds (or at `commit`, inside `begin` … `commit`).
///
/// An interpreter is cheap: it holds the script's variables and what it needs of the world, the
/// host. The log, its pending appends and its caches belong to the `LogSession`, which may
/// outlive many interpreters (a server makes one per request). Variables persist from one run
/// to the next (the REPL runs each line as a script).
///
/// For example:
/// ```swift
/// let session = LogSession(log: FileEventLog(path: "Events/diplomacy.jsonl"))
/// let interpreter = Interpreter(session: session, host: host)
/// let outcome = interpreter.run(SourceFile(name: "<command>", text: "members SCO at 2017"))
/// ```
public final class Interpreter {
    /// The log, its pending appends and caches.
    public let session: LogSession
    /// Files, the clock, cancellation and output.
    public let host: any ScriptHost

    var variables: [String: Value] = [:]
    /// The last script parsed, kept until the next: a process that exits after a long script
    /// then need not free its syntax tree node by node.
    var lastProgram: Program?

    /// An interpreter over `session`, doing what lies outside the language through `host`.
    public init(session: LogSession, host: any ScriptHost) {
        self.session = session
        self.host = host
    }

    /// An interpreter with a session of its own on `log` and a host without file access that
    /// shows output through `output`.
    public convenience init(
        log: any EventLog, today: CivilDay, registry: CountryRegistry = .standard, output: @escaping (ScriptOutput) -> Void
    ) {
        self.init(session: LogSession(log: log, registry: registry), host: IsolatedHost(today: today, output: output))
    }

    /// The countries names resolve against: the session's, with the states the log and this
    /// run's appends introduce.
    public var registry: CountryRegistry { session.knownCountries() }

    /// The day a query without `at` asks about.
    var today: CivilDay { host.today }

    /// Shows a members, roster or status answer as its rows, to a host that takes them
    /// (`ScriptHost.takesStateRows`), when `expression` is such a query on its own; returns
    /// whether it did.
    private func showStateRows(of expression: Expression) throws -> Bool {
        guard case .query(let query) = expression.kind, host.takesStateRows, let answer = try stateRows(query) else { return false }
        output(.stateRows(answer))
        return true
    }

    /// Shows something the script produced (or holds it back, while a script runs ahead of
    /// its parse: see `runWhileParsing`).
    func output(_ output: ScriptOutput) {
        if heldOutput != nil { heldOutput!.append(output) } else { host.show(output) }
    }

    /// What the script showed while it ran ahead of its parse, shown once the whole script has
    /// parsed without error; `nil` when output goes straight to the host.
    var heldOutput: [ScriptOutput]?

    /// Scripts of this many bytes or more are parsed on a second thread while this one runs the
    /// statements read so far (`runWhileParsing`); shorter ones are parsed first, then run.
    var parallelParseBytes = Interpreter.parallelParseBytes

    /// The default of `parallelParseBytes`: 64 KiB, about 2,000 statements, where starting a
    /// thread costs far less than the parse it overlaps.
    static let parallelParseBytes = 64 << 10

    /// Whether the user asked to stop.
    func shouldStop() -> Bool { host.isCancelled }

    /// Parses and runs a script. Syntax errors stop it before anything runs; a run-time error
    /// stops it and discards its appends. On success the appends are committed as one batch.
    ///
    /// For example:
    /// ```swift
    /// let interpreter = Interpreter(log: InMemoryEventLog(), today: CivilDay(year: 2025, month: 1, day: 1)) { print($0) }
    /// let outcome = interpreter.run(SourceFile(name: "<command>", text: """
    ///     append founding TST on 2000 name "Test" founders CHN ladder member source "x"
    ///     members TST at 2001
    ///     """))
    /// outcome.succeeded                // true
    /// outcome.receipt?.appended.count  // 1
    /// ```
    public func run(_ source: SourceFile) -> RunOutcome {
        if let problem = SourceCheck.binaryContent(source) { return RunOutcome(diagnostics: [problem], receipt: nil) }
        if source.bytes.count >= parallelParseBytes { return runWhileParsing(source) }
        let (program, syntax) = Parser.parse(source)
        if !syntax.isEmpty { return RunOutcome(diagnostics: syntax, receipt: nil) }
        lastProgram = program
        citedSource = source
        defer { citedSource = nil }
        return run(program)
    }

    /// The source of the program being run, for citations.
    var citedSource: SourceFile?

    /// Runs a script's top-level statements, citing each answer when the host asks.
    func executeTopLevel(_ statements: [Statement]) throws {
        for statement in statements { try executeTopLevel(statement) }
    }

    /// Runs one top-level statement, citing its answer when the host asks.
    func executeTopLevel(_ statement: Statement) throws {
        if shouldStop() { throw Diagnostic(InterpreterMessage.interrupted, at: statement.range) }
        try execute(statement)
        if host.citesAnswers, let source = citedSource { cite(statement, in: source) }
    }

    /// Shows the citation of a statement's answer: the head and the statement pinned to it.
    private func cite(_ statement: Statement, in source: SourceFile) {
        guard let head = session.head(), let citation = Citation.pinning(statement, in: source, at: head) else { return }
        let pending = session.pending.count
        if pending > 0 {
            output(.info("cite: not yet: the answer includes \(pending) append\(pending == 1 ? "" : "s") not yet committed"))
        } else {
            output(.info(citation.text))
        }
    }

    /// Runs a parsed program.
    public func run(_ program: Program) -> RunOutcome {
        startRun()
        do {
            try executeTopLevel(program.statements)
        } catch {
            return failedRun(error)
        }
        return finishRun()
    }

    /// Readies the session and the run's counts for a run.
    func startRun() {
        if heldOutput == nil {
            session.warningHandler = { [host] warning in host.show(.info("warning: \(warning)")) }
        } else {
            // Held back with the rest of the output while the script runs ahead of its parse.
            session.warningHandler = { [weak self] warning in self?.output(.info("warning: \(warning)")) }
        }
        session.startRun()
        receipt = nil
        alreadyPresentCount = 0
    }

    /// The outcome of a run its statements stopped with `error`: its appends dropped.
    func failedRun(_ error: any Error) -> RunOutcome {
        if let diagnostic = error as? Diagnostic { return RunOutcome(diagnostics: [discarding(diagnostic)], receipt: receipt) }
        session.dropRunAppends()
        return RunOutcome(diagnostics: [Diagnostic(unlocated: InterpreterMessage.internalError("\(error)"))], receipt: receipt)
    }

    /// Ends a run whose statements all ran: commits its appends, or says what waits in the
    /// open transaction.
    func finishRun() -> RunOutcome {
        if session.transactionOpen {
            let added = session.pending.count - session.pendingBeforeRun
            if added > 0 {
                let pending = session.pending.count
                output(.info("\(added) append\(added == 1 ? "" : "s") added to the transaction (\(pending) pending; commit or rollback)"))
            } else if session.alreadyPresent > 0 {
                let present = session.alreadyPresent
                output(.info("nothing added: all \(present) event\(present == 1 ? " is" : "s are") already in the log"))
            }
            return RunOutcome(diagnostics: [], receipt: receipt)
        }
        // Planned in this run, on the log as this run read it.
        if let failure = commitPending(plannedOnCurrentLog: true) { return RunOutcome(diagnostics: [failure], receipt: receipt) }
        return RunOutcome(diagnostics: [], receipt: receipt)
    }

    /// The receipt of the run's last commit.
    private var receipt: AppendReceipt?

    /// How many appends of the last run were already in the log (so nothing was written for them).
    public private(set) var alreadyPresentCount = 0

    /// Writes the pending appends as one batch and reports it; the diagnostic when the log
    /// refused them (then nothing was written).
    func commitPending(plannedOnCurrentLog: Bool) -> Diagnostic? {
        let present = session.alreadyPresent
        // Counted once: a later commit in the same run starts again from none.
        defer { session.alreadyPresent = 0 }
        alreadyPresentCount += present
        guard !session.pending.isEmpty else {
            if present > 0 { output(.info("nothing appended: all \(present) event\(present == 1 ? " is" : "s are") already in the log")) }
            return nil
        }
        do {
            guard let commit = try session.commitPending(plannedOnCurrentLog: plannedOnCurrentLog, recordedAt: host.now()) else {
                return nil
            }
            receipt = commit.receipt
            alreadyPresentCount += commit.receipt.appended.isEmpty ? commit.offered : commit.alreadyPresent
            let head = commit.receipt.head
            if commit.receipt.appended.isEmpty {
                output(.info("nothing appended: all \(commit.offered + present) events are already in the log (head \(head))"))
            } else {
                let count = commit.receipt.appended.count
                let already = commit.alreadyPresent == 0 ? "" : ", \(commit.alreadyPresent) already in the log"
                output(.info("appended \(count) event\(count == 1 ? "" : "s")\(already) (head \(head))"))
            }
            if let side = commit.receipt.setAside { output(.info("an unfinished earlier append was set aside in \(side)")) }
            return nil
        } catch {
            // The id carries the store's code (append-io, append-corrupt, append-locked …).
            return Diagnostic(unlocated: StoreMessage.appendFailed(error), notes: ["nothing was appended"])
        }
    }

    /// Adds to a failed run's diagnostic what became of its appends, and drops them.
    func discarding(_ diagnostic: Diagnostic) -> Diagnostic {
        var diagnostic = diagnostic
        let inTransaction = session.transactionOpen
        let dropped = session.dropRunAppends()
        if inTransaction {
            let kept = session.pending.count
            if kept > 0 {
                diagnostic.notes.append("the transaction keeps its \(kept) earlier append\(kept == 1 ? "" : "s"); commit or rollback")
            } else if dropped > 0 {
                diagnostic.notes.append(
                    "the \(dropped) append\(dropped == 1 ? "" : "s") of this script \(dropped == 1 ? "was" : "were") discarded; the transaction is still open"
                )
            }
        } else if dropped > 0 {
            diagnostic.notes.append(
                "nothing was appended: the \(dropped) earlier append\(dropped == 1 ? "" : "s") of this script \(dropped == 1 ? "was" : "were") discarded"
            )
        }
        return diagnostic
    }

    /// The timeline of the committed log plus this run's appends so far.
    func timeline() throws -> Timeline { try session.timeline() }

    /// The projections a membership query reads: with `known at`, those of the log as it stood
    /// then; otherwise the session's (from the snapshot cache when it can).
    func projections(known clause: KnownAtClause?) throws -> Projections {
        guard clause == nil else { return try timeline(known: clause).projections }
        return try session.projections()
    }

    /// The projections a membership query reads under a date convention (`nil`: as above).
    func projections(known clause: KnownAtClause?, by convention: DateKind?) throws -> Projections {
        guard let convention else { return try projections(known: clause) }
        return try timeline(known: clause, by: convention).projections
    }

    // MARK: Transactions

    /// `begin`, `commit` or `rollback`: a transaction groups the appends of several statements
    /// or runs into one batch.
    func execute(_ command: TransactionCommand) throws {
        switch command {
        case .begin:
            output(
                .info(
                    session.beginTransaction() ? "transaction open: appends wait for commit (or rollback)" : "a transaction is already open"
                ))
        case .commit:
            guard session.transactionOpen else { return output(.info("no transaction is open")) }
            session.closeTransaction()
            // Planned over several runs, perhaps on different heads: the writer checks them again.
            if let failure = commitPending(plannedOnCurrentLog: false) { throw failure }
        case .rollback:
            guard session.transactionOpen else { return output(.info("no transaction is open")) }
            let count = session.rollbackTransaction()
            output(.info("rolled back: \(count) append\(count == 1 ? "" : "s") discarded"))
        }
    }

    // MARK: Statements

    func execute(_ statements: [Statement]) throws {
        for statement in statements {
            if shouldStop() { throw Diagnostic(InterpreterMessage.interrupted, at: statement.range) }
            try execute(statement)
        }
    }

    func execute(_ statement: Statement) throws {
        switch statement.kind {
        case .let(let name, let value):
            variables[name] = try evaluate(value)
        case .assign(let name, let value):
            guard variables[name] != nil else {
                throw Diagnostic(InterpreterMessage.undefinedVariable(name), at: statement.range)
            }
            variables[name] = try evaluate(value)
        case .for(let name, let sequence, let body):
            let items: [Value]
            switch try evaluate(sequence) {
            case .list(let list): items = list
            // A one-column table yields its cells; a wider one yields each row, which stands for
            // its id, org or country where an operand is expected (`members o at 2000`).
            case .table(let table):
                items = table.rows.map { row in row.count == 1 ? row[0] : .row(Row(columns: table.columns, values: row)) }
            case let other:
                throw Diagnostic(InterpreterMessage.forNeedsList(found: other.typeName), at: sequence.range)
            }
            let saved = variables[name]
            defer { variables[name] = saved }
            for item in items {
                if shouldStop() { throw Diagnostic(InterpreterMessage.interrupted, at: statement.range) }
                variables[name] = item
                try execute(body)
            }
        case .if(let condition, let then, let otherwise):
            let value = try evaluate(condition)
            guard case .bool(let flag) = value else {
                throw Diagnostic(InterpreterMessage.ifNeedsCondition(found: value.typeName), at: condition.range)
            }
            if flag { try execute(then) } else if let otherwise { try execute(otherwise) }
        case .print(let expressions) where expressions.count == 1:
            // One value, as most prints are: shown without gathering parts to join.
            if try showStateRows(of: expressions[0]) { return }
            let value = try evaluate(expressions[0])
            if case .table(let table) = value { output(.table(table)) } else { output(.text(value.text)) }
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
            if try showStateRows(of: expression) { return }
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
        case .transaction(let command):
            try execute(command)
        }
    }
}
