import TimelineCore
import TimelineScript
import TimelineStore

/// Runs requests' statements on the session pool and turns their outcomes into answers: the
/// table in its envelope with the head, the file a chart wrote, or the diagnostic as an error.
struct APIService: Sendable {
    let pool: SessionPool
    let limits: ServerLimits

    /// Runs `request` on the least busy session.
    func run(_ request: StatementRequest) async -> APIAnswer {
        let limits = self.limits
        return await pool.perform { session in Self.execute(request, in: session, limits: limits) }
    }

    /// The log's head now.
    func head() async -> APIAnswer {
        await pool.perform { session in
            session.forgetIfMoved()
            guard let head = session.head() else { return Self.unreadable(session) }
            return .json("{\"head\":\(JSONText.head(head))}", head: head)
        }
    }

    /// The countries the log knows (ISO's and those its `state` events introduce).
    func countries() async -> APIAnswer {
        await pool.perform { session in
            session.forgetIfMoved()
            guard let head = session.head() else { return Self.unreadable(session) }
            let table = Table(
                columns: ["code", "name", "former"],
                rows: session.knownCountries().countries.map {
                    [.string($0.alpha3), .string($0.name), .bool($0.isFormer || $0.ended != nil)]
                })
            return .json("{\"head\":\(JSONText.head(head)),\(JSONText.tableMembers(table))}", head: head)
        }
    }

    // MARK: On the session's thread

    private static func execute(_ request: StatementRequest, in session: LogSession, limits: ServerLimits) -> APIAnswer {
        session.forgetIfMoved()
        guard let logHead = session.head() else { return unreadable(session) }
        var known = request.known
        var answerHead = logHead
        var moved = false
        if let pin = request.pin, !(pin.seq == logHead.count && pin.matches(logHead.hash)) {
            let hash = pin.seq <= logHead.count ? try? session.log.chainHash(at: pin.seq) : nil
            guard let hash, pin.matches(hash) else {
                return APIErrorBody.answer(
                    BadRequest(
                        status: 409, "head-not-in-log",
                        "this log does not hold head #\(pin.seq) \(pin.hashPrefix) (it ends at \(logHead)): the link was made on another history"
                    ),
                    head: logHead)
            }
            guard request.acceptsKnown else {
                return APIErrorBody.answer(
                    BadRequest(
                        status: 409, "head-moved",
                        "the log has moved on from #\(pin.seq) \(pin.hashPrefix) to \(logHead), and this answer can be given only at the log's head: ask again without head"
                    ), head: logHead)
            }
            switch known {
            case .seq(let seq)?: known = .seq(min(seq, pin.seq))
            case .time(let time)?:
                return APIErrorBody.answer(
                    .parameter("known", time, expected: "a sequence number when head is given (the log as it stood at the pinned head)"),
                    head: logHead)
            case nil: known = .seq(pin.seq)
            }
            moved = true
            answerHead = LogHead(count: pin.seq, hash: hash)
        }
        if let tags = request.ifNoneMatch, EntityTags.matches(tags, APIAnswer.entityTag(answerHead)) {
            return APIAnswer(
                status: 304, contentType: "application/json; charset=utf-8", body: [], head: answerHead,
                headers: [("ETag", APIAnswer.entityTag(answerHead))])
        }
        let text = request.statement(known)
        let source = SourceFile(name: "<request>", text: text)
        if let refusal = check(source, mode: request.mode, limits: limits) {
            return APIErrorBody.answer(refusal, head: logHead)
        }
        let host = RequestHost(timeLimit: limits.queryTime, body: request.body)
        let interpreter = Interpreter(session: session, host: host)
        let outcome = interpreter.run(source)
        if let diagnostic = outcome.diagnostics.first {
            return APIErrorBody.answer(diagnostic, statement: source, timedOut: host.timedOut, head: session.head() ?? logHead)
        }
        if let receipt = outcome.receipt { answerHead = receipt.head }
        var answer = render(
            request.answer, statement: text, outputs: host.outputs, files: host.files, receipt: outcome.receipt,
            alreadyPresent: interpreter.alreadyPresentCount, head: answerHead, logHead: moved ? logHead : nil)
        answer.headers.append(("ETag", APIAnswer.entityTag(answerHead)))
        if moved { answer.headers.append(("Timeline-Head-Moved", "\(logHead.count):\(logHead.hash.hex)")) }
        return answer
    }

    /// Why a statement may not run under `mode`, or `nil` when it may.
    private static func check(_ source: SourceFile, mode: StatementRequest.Mode, limits: ServerLimits) -> BadRequest? {
        let (program, syntax) = Parser.parse(source)
        guard syntax.isEmpty else { return nil }  // the run reports the syntax error with its position
        switch mode {
        case .query:
            guard !program.statements.isEmpty else {
                return BadRequest("empty-statement", "no statement to run: give one query, such as members SCO at 2017")
            }
            if program.statements.count > 1 {
                return BadRequest("one-statement", "the query endpoint runs one statement; this holds \(program.statements.count)")
            }
            if let change = QueryOnlyCheck.firstChange(in: program.statements) {
                let (line, column) = source.location(of: change.range.lowerBound)
                return BadRequest(
                    status: 403, "appends-refused",
                    "\(line):\(column): the query endpoint only asks; appends go to POST /api/v1/append with the server's token")
            }
        case .appendScript:
            if let forbidden = QueryOnlyCheck.firstForbiddenInScript(in: program.statements) {
                let (line, column) = source.location(of: forbidden.range.lowerBound)
                return BadRequest(
                    "statement-refused",
                    "\(line):\(column): an append request is one atomic batch: no begin, commit or rollback, and no import of a server file (POST /api/v1/import takes the file as the body)"
                )
            }
        case .importBody: break
        }
        return nil
    }

    private static func render(
        _ kind: StatementRequest.Answer, statement: String, outputs: [ScriptOutput], files: [(name: String, contents: [UInt8])],
        receipt: AppendReceipt?, alreadyPresent: Int, head: LogHead, logHead movedHead: LogHead?
    ) -> APIAnswer {
        let headJSON = JSONText.head(head)
        // `log_head` is the log's head now: another than `head` only for an answer at a pinned
        // head the log has moved on from, which `head_moved` then says.
        let logHeadJSON = JSONText.head(movedHead ?? head) + (movedHead == nil ? "" : ",\"head_moved\":true")
        let lastTable =
            outputs.reversed().lazy.compactMap { output -> Table? in
                if case .table(let table) = output.withTables { return table }
                return nil
            }.first ?? Table(columns: [])
        switch kind {
        case .table:
            return .json(
                "{\"head\":\(headJSON),\"log_head\":\(logHeadJSON),\"statement\":\(JSONText.string(statement)),\(JSONText.tableMembers(lastTable))}",
                head: head)
        case .text(let format):
            let table = lastTable
            let type = format == .csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8"
            return APIAnswer(
                status: 200, contentType: type, body: Array(TableRenderer(format: format, colour: false).render(table).utf8), head: head)
        case .file(let contentType):
            return APIAnswer(status: 200, contentType: contentType, body: files.last?.contents ?? [], head: head)
        case .outputs:
            var items: [String] = []
            // What a statement "wrote" is returned as a file item, so the interpreter's "wrote
            // NAME" or "wrote N rows to NAME" (which the server never did) is left out, and so
            // are the empty tables of charts and exports into files.
            let names = files.map(\.name)
            let isWriteNotice = { (text: String) in text.hasPrefix("wrote ") && names.contains { text.hasSuffix(" " + $0) } }
            for output in outputs {
                switch output.withTables {
                case .table(let table) where table.columns.isEmpty: continue
                case .table(let table): items.append("{\"kind\":\"table\",\(JSONText.tableMembers(table))}")
                case .text(let text): items.append("{\"kind\":\"text\",\"text\":\(JSONText.string(text))}")
                case .info(let text) where isWriteNotice(text): continue
                case .info(let text): items.append("{\"kind\":\"info\",\"text\":\(JSONText.string(text))}")
                case .stateRows: preconditionFailure("given as a table by withTables")
                }
            }
            for file in files {
                items.append(
                    "{\"kind\":\"file\",\"name\":\(JSONText.string(file.name)),\"text\":\(JSONText.string(String(decoding: file.contents, as: UTF8.self)))}"
                )
            }
            var body = "{\"head\":\(headJSON),\"log_head\":\(logHeadJSON),\"statement\":\(JSONText.string(statement))"
            body += ",\"appended\":\(receipt?.appended.count ?? 0),\"already_present\":\(alreadyPresent)"
            body += ",\"first_seq\":\(receipt?.appended.first.map { String($0.seq.value) } ?? "null")"
            body += ",\"outputs\":[\(items.joined(separator: ","))]}"
            return .json(body, head: head)
        }
    }

    /// 503: the log cannot be read, with what reading it said.
    private static func unreadable(_ session: LogSession) -> APIAnswer {
        let reason: String
        do {
            _ = try session.log.read()
            reason = "the log could not be read"
        } catch {
            reason = "\(error)"
        }
        return APIErrorBody.answer(BadRequest(status: 503, "log-unreadable", "the log cannot be read: \(reason)"), head: nil)
    }
}
