import TimelineCore

extension Interpreter {
    /// Runs a long script while a second thread parses it (`StatementStream`): each statement
    /// runs as soon as it is read, so the parse and the run overlap on two cores.
    ///
    /// What the script shows is held back until the whole script has parsed; a statement that
    /// reaches outside the run (writes a file, reads one to import, waits for a key, begins or
    /// ends a transaction) waits for that too. If the script has a syntax error, what ran is
    /// undone as if nothing had: its output and appends are dropped, its variables restored,
    /// and only the syntax errors are reported — the outcome of parsing first, then running.
    func runWhileParsing(_ source: SourceFile) -> RunOutcome {
        let stream = StatementStream(parsing: source)
        let variablesBefore = variables
        heldOutput = []
        citedSource = source
        defer {
            citedSource = nil
            heldOutput = nil
        }
        startRun()
        var failure: (any Error)?
        var parsed = false
        reading: while true {
            let statements = stream.next()
            if statements.isEmpty { break }
            for (statement, staysInRun) in statements {
                // Output is held back only until the whole script is known to parse; a statement
                // reaching outside the run waits for that.
                if !parsed, stream.isFinished || !staysInRun {
                    guard endParse(stream, variablesBefore: variablesBefore) else {
                        return RunOutcome(diagnostics: stream.outcome().diagnostics, receipt: nil)
                    }
                    parsed = true
                }
                do { try executeTopLevel(statement) } catch {
                    failure = error
                    break reading
                }
            }
        }
        if !parsed, !endParse(stream, variablesBefore: variablesBefore) {
            return RunOutcome(diagnostics: stream.outcome().diagnostics, receipt: nil)
        }
        if let failure { return failedRun(failure) }
        return finishRun()
    }

    /// Waits for the parse to end. With syntax errors, undoes what ran and returns `false`;
    /// otherwise shows what was held back and lets output through from now on.
    private func endParse(_ stream: StatementStream, variablesBefore: [String: Value]) -> Bool {
        let (program, diagnostics) = stream.outcome()
        guard diagnostics.isEmpty else {
            session.dropRunAppends()
            variables = variablesBefore
            heldOutput = nil
            return false
        }
        lastProgram = program
        let held = heldOutput ?? []
        heldOutput = nil
        for output in held { host.show(output) }
        return true
    }
}

extension Statement {
    /// Whether running the statement touches nothing outside the run, so that it can run
    /// before the rest of its script has parsed: no file is written or read, no key awaited,
    /// no transaction begun or ended (appends wait for the run's end anyway).
    ///
    /// Read from the syntax tree: the simple path. A long script's run uses the mark the parser
    /// makes as it reads each statement (`Parser.reachesOutsideRun`), tested equal to this.
    var staysInRun: Bool {
        switch kind {
        case .let(_, let value), .assign(_, let value): return value.staysInRun
        case .for(_, let sequence, let body): return sequence.staysInRun && body.allSatisfy(\.staysInRun)
        case .if(let condition, let then, let otherwise):
            return condition.staysInRun && then.allSatisfy(\.staysInRun) && (otherwise ?? []).allSatisfy(\.staysInRun)
        case .print(let values): return values.allSatisfy(\.staysInRun)
        case .expression(let value): return value.staysInRun
        case .append(let append):
            let alternatives = append.alternatives.flatMap { [$0.kind, $0.date, $0.source] + ($0.url.map { [$0] } ?? []) }
            return (append.positional + append.clauses.flatMap(\.values) + alternatives).allSatisfy(\.staysInRun)
        case .importFile, .transaction: return false
        }
    }
}

extension Expression {
    /// Whether evaluating the expression touches nothing outside the run (see
    /// `Statement.staysInRun`): charts written to files, exports into files and stepped
    /// replays do.
    var staysInRun: Bool {
        switch kind {
        case .number, .string, .date, .bool, .name: return true
        case .list(let items), .call(_, let items): return items.allSatisfy(\.staysInRun)
        case .unary(_, let operand): return operand.staysInRun
        case .binary(_, let left, let right), .range(let left, let right), .combine(_, let left, let right):
            return left.staysInRun && right.staysInRun
        case .pipeline(let source, let stages):
            return source.staysInRun
                && stages.allSatisfy { stage in
                    switch stage.kind {
                    case .where(let value), .first(let value), .last(let value): return value.staysInRun
                    case .sort, .select, .count: return true
                    }
                }
        case .query(let query): return query.staysInRun
        }
    }
}

extension Optional where Wrapped == Expression {
    /// Whether the operand, if any, stays in the run.
    var staysInRun: Bool { self?.staysInRun ?? true }
}

extension Query {
    /// Whether the query stays in the run (see `Statement.staysInRun`): a chart written to a
    /// file, an export into one and a stepped replay do not, nor a query whose operands hold one.
    /// Read without gathering the operands, as it is asked of every statement of a long script.
    var staysInRun: Bool {
        let operands: Bool
        switch kind {
        case .members(let org, let at), .roster(let org, let at): operands = org.staysInRun && at.staysInRun
        case .status(let country, let org, let at), .why(let country, let org, let at):
            operands = country.staysInRun && org.staysInRun && at.staysInRun
        case .memberships(let country, let at): operands = country.staysInRun && at.staysInRun
        case .history(let subject, let from, let to), .statements(let subject, let from, let to):
            operands = subject.staysInRun && from.staysInRun && to.staysInRun
        case .summits(let org, let from, let to), .milestones(let org, let from, let to):
            operands = org.staysInRun && from.staysInRun && to.staysInRun
        case .orgs(let at): operands = at.staysInRun
        case .diff(let org, let from, let to): operands = org.staysInRun && from.staysInRun && to.staysInRun
        case .replay(let org, let from, let to, let step): operands = !step && org.staysInRun && from.staysInRun && to.staysInRun
        case .chart(let subject, let from, let to, let svg, let html):
            operands = svg == nil && html == nil && subject.staysInRun && from.staysInRun && to.staysInRun
        case .export(_, let org, let file): operands = file == nil && org.staysInRun
        case .verify, .head: operands = true
        }
        guard operands, conventions.allSatisfy(\.staysInRun) else { return false }
        switch known {
        case .seq(let value), .time(let value): return value.staysInRun
        case nil: return true
        }
    }
}
