import TimelineCore
import TimelineStore

extension Interpreter {
    /// The shape of one `append` form: what comes before the clauses, and which clauses it takes.
    struct AppendForm {
        enum Role { case org, country, status, statuses, speaker, target, optionalCountry }
        let positional: [Role]
        let required: [String]
        let optional: [String]
        let example: String
    }

    static let commonClauses = ["source", "url", "note", "id"]

    static let forms: [EventKind: AppendForm] = [
        .founding: AppendForm(positional: [.org], required: ["on", "name", "ladder"], optional: ["founders", "place", "predecessor"],
                              example: "append founding SCO on 2001-06-15 name \"…\" founders CHN RUS ladder observer member source \"…\""),
        .accession: AppendForm(positional: [.org, .country], required: ["on"], optional: [], example: "append accession SCO IND on 2017-06-09 source \"…\""),
        .withdrawal: AppendForm(positional: [.org, .country], required: ["on"], optional: [], example: "append withdrawal CSTO UZB on 2012-06-28 source \"…\""),
        .suspension: AppendForm(positional: [.org, .country], required: ["on"], optional: [], example: "append suspension CSTO ARM on 2024-02 source \"…\""),
        .reinstatement: AppendForm(positional: [.org, .country], required: ["on"], optional: [], example: "append reinstatement CSTO ARM on 2025 source \"…\""),
        .status: AppendForm(positional: [.org, .country, .status], required: ["on"], optional: ["change"], example: "append status SCO BLR observer on 2015-07-10 source \"…\""),
        .reclassify: AppendForm(positional: [.org, .statuses], required: ["as", "on"], optional: [],
                                example: "append reclassify SCO observer dialogue-partner as partner on 2025-09-01 source \"…\""),
        .summit: AppendForm(positional: [.org], required: ["on"], optional: ["place", "host", "name", "number"],
                            example: "append summit SCO on 2024-07-03/2024-07-04 place Astana host KAZ source \"…\""),
        .statement: AppendForm(positional: [.speaker], required: ["on", "text"], optional: ["org", "country", "context"],
                               example: "append statement \"Xi Jinping\" on 2024-07-04 org SCO text \"…\" source \"…\""),
        .milestone: AppendForm(positional: [.org, .optionalCountry], required: ["on", "text"], optional: [],
                               example: "append milestone SCO IRN on 2021-09-17 text \"accession procedure launched\" source \"…\""),
        .dissolution: AppendForm(positional: [.org], required: ["on"], optional: [], example: "append dissolution SHANGHAI5 on 2001-06-15 source \"…\""),
        .correction: AppendForm(positional: [.target], required: [], optional: ["date", "country", "status", "place", "host", "name", "text", "speaker"],
                                example: "append correction 3fa9c1 date 2017-06-09 source \"…\""),
        .retraction: AppendForm(positional: [.target], required: ["reason"], optional: [], example: "append retraction 3fa9c1 reason \"duplicate\" source \"…\""),
    ]

    /// Builds the event an `append` statement describes, checks it against the log and this
    /// run's earlier appends, and adds it to the run's batch.
    func performAppend(_ statement: AppendStatement, range: Range<Int>) throws {
        guard let kind = EventKind(rawValue: statement.type.lowercased()), let form = Self.forms[kind] else {
            let near = NameKey.nearest(to: statement.type, among: EventKind.allCases.map(\.rawValue), limit: 1)
            throw Diagnostic(
                "unknown-event-type",
                "unknown event type \"\(statement.type)\"; expected one of \(EventKind.allCases.map(\.rawValue).joined(separator: ", "))"
                    + (near.isEmpty ? "" : "; did you mean \"\(near[0])\"?"),
                at: statement.typeRange)
        }
        var clauses: [String: (values: [Expression], range: Range<Int>)] = [:]
        for clause in statement.clauses {
            guard form.required.contains(clause.keyword) || form.optional.contains(clause.keyword) || Self.commonClauses.contains(clause.keyword) else {
                let takes = (form.required + form.optional + Self.commonClauses).joined(separator: ", ")
                throw Diagnostic("unexpected-clause", "\(Article.with(kind.rawValue)) takes no \"\(clause.keyword)\"; it takes \(takes)", at: clause.range,
                                 notes: ["for example: \(form.example)"])
            }
            if clauses[clause.keyword] != nil {
                throw Diagnostic("repeated-clause", "\"\(clause.keyword)\" is given twice", at: clause.range)
            }
            clauses[clause.keyword] = (clause.values, clause.range)
        }
        guard clauses["source"] != nil else {
            throw Diagnostic(
                "missing-source", "every event needs a source: add source \"…\" (a citation: outlet, title, date or URL)", at: range,
                notes: ["for example: \(form.example)"])
        }
        for required in form.required where clauses[required] == nil {
            throw Diagnostic("missing-clause", "\(Article.with(kind.rawValue)) needs \"\(required) …\"", at: range, notes: ["for example: \(form.example)"])
        }

        // Clause values.
        func single(_ key: String) throws -> Expression? {
            guard let clause = clauses[key] else { return nil }
            guard clause.values.count == 1 else {
                if key == "on" || key == "date" {
                    throw Diagnostic("invalid-date", "\"\(key)\" takes one date, written year first: 2017-06-09, 2017-06 or 2017", at: clause.range)
                }
                throw Diagnostic("too-many-values", "\"\(key)\" takes one value; put text with spaces in quotes", at: clause.range)
            }
            return clause.values[0]
        }
        func string(_ key: String) throws -> String? { try single(key).map { try text(of: $0, what: "a value for \(key)") } }
        func clauseCountry(_ key: String) throws -> String? { try single(key).map { try country($0).alpha3 } }
        func status(_ expression: Expression) throws -> Status {
            let name = try text(of: expression, what: "a status")
            guard let status = Status(name) else { throw Diagnostic("invalid-status", "\"\(name)\" is not a status name", at: expression.range) }
            return status
        }
        func orgID(_ expression: Expression, founding: Bool = false) throws -> OrganizationID {
            let name = try text(of: expression, what: "an organization")
            if !founding, let id = try session.knownOrganization(name) { return id }
            guard let id = OrganizationID(name) else {
                throw Diagnostic("invalid-organization-id", "\"\(name)\" is not an organization id: a letter, then letters, digits, - or _", at: expression.range)
            }
            return id
        }

        // Positional values.
        var positional = statement.positional
        var org: OrganizationID?
        var countryCode: String?
        var statusValue: Status?
        var statuses: [Status] = []
        var speaker: String?
        var target: String?
        let missingRange = statement.typeRange.upperBound..<statement.typeRange.upperBound + 1
        for role in form.positional {
            switch role {
            case .statuses:
                guard !positional.isEmpty else { throw Diagnostic("missing-value", "name the statuses to reclassify", at: missingRange, notes: ["for example: \(form.example)"]) }
                statuses = try positional.map(status)
                positional = []
                continue
            case .optionalCountry:
                if let expression = positional.first {
                    countryCode = try country(expression).alpha3
                    positional.removeFirst()
                }
                continue
            default:
                break
            }
            guard let expression = positional.first else {
                let what: String
                switch role {
                case .org: what = "an organization"
                case .country: what = "a country"
                case .status: what = "a status"
                case .speaker: what = "a speaker (in quotes)"
                default: what = "an event id or prefix"
                }
                throw Diagnostic("missing-value", "\(Article.with(kind.rawValue)) needs \(what) here", at: missingRange, notes: ["for example: \(form.example)"])
            }
            positional.removeFirst()
            switch role {
            case .org: org = try orgID(expression, founding: kind == .founding)
            case .country: countryCode = try country(expression).alpha3
            case .status: statusValue = try status(expression)
            case .speaker: speaker = try text(of: expression, what: "a speaker")
            case .target: target = try text(of: expression, what: "an event id or prefix")
            default: break
            }
        }
        if let extra = positional.first {
            throw Diagnostic("unexpected-value", "unexpected \(try evaluate(extra).text.isEmpty ? "value" : "\"\(try evaluate(extra).text)\""); expected a clause such as on or source", at: extra.range,
                             notes: ["for example: \(form.example)"])
        }

        let date = try single("on").map { try self.date($0) }
        let payload: EventPayload
        switch kind {
        case .founding:
            let ladderValues = clauses["ladder"]!.values
            let rungs = try ladderValues.map(status)
            guard let ladder = StatusLadder(rungs) else {
                throw Diagnostic("invalid-ladder", "a ladder lists distinct statuses, lowest first", at: clauses["ladder"]!.range)
            }
            let founders = try (clauses["founders"]?.values ?? []).map { try country($0).alpha3 }
            payload = .founding(Founding(
                org: org!, name: try string("name")!, place: try string("place"), founders: founders, ladder: ladder,
                predecessor: try single("predecessor").map { try orgID($0) }))
        case .accession: payload = .accession(org: org!, country: countryCode!)
        case .withdrawal: payload = .withdrawal(org: org!, country: countryCode!)
        case .suspension: payload = .suspension(org: org!, country: countryCode!)
        case .reinstatement: payload = .reinstatement(org: org!, country: countryCode!)
        case .status:
            var change: StatusChange?
            if let expression = try single("change") {
                let word = try text(of: expression, what: "grant, elevation or downgrade")
                guard let parsed = StatusChange(rawValue: word.lowercased()) else {
                    throw Diagnostic("invalid-change", "expected grant, elevation or downgrade, not \"\(word)\"", at: expression.range)
                }
                change = parsed
            }
            payload = .status(org: org!, country: countryCode!, status: statusValue!, change: change)
        case .reclassify:
            payload = .reclassify(org: org!, from: statuses, to: try status(try single("as")!))
        case .summit:
            var number: Int?
            if let expression = try single("number") {
                guard case .number(let value) = try evaluate(expression) else {
                    throw Diagnostic("type-error", "number takes a whole number", at: expression.range)
                }
                number = value
            }
            payload = .summit(Summit(org: org!, place: try string("place"), host: try clauseCountry("host"), name: try string("name"), number: number))
        case .statement:
            payload = .statement(SpokenStatement(
                speaker: speaker!, org: try single("org").map { try orgID($0) }, country: try clauseCountry("country"),
                text: try string("text")!, context: try string("context")))
        case .milestone: payload = .milestone(org: org!, country: countryCode, text: try string("text")!)
        case .dissolution: payload = .dissolution(org: org!)
        case .correction:
            let changes = Correction(
                date: try single("date").map { try self.date($0) }, country: try clauseCountry("country"),
                status: try single("status").map(status), place: try string("place"), host: try clauseCountry("host"),
                name: try string("name"), text: try string("text"), speaker: try string("speaker"))
            guard !changes.isEmpty else {
                throw Diagnostic("empty-correction", "a correction must set at least one field: date, country, status, place, host, name, text or speaker", at: range,
                                 notes: ["for example: \(form.example)"])
            }
            payload = .correction(target: target!, changes: changes)
        case .retraction:
            payload = .retraction(target: target!, reason: try string("reason")!)
        }
        var explicitID: EventID?
        if let expression = try single("id") {
            let text = try text(of: expression, what: "an id")
            guard let id = EventID(text) else {
                throw Diagnostic("invalid-id", "\"\(text)\" is not a valid id: 1 to 64 letters, digits, -, _ or .", at: expression.range)
            }
            explicitID = id
        }
        guard let source = Source(citation: try string("source") ?? "", url: try string("url")) else {
            throw Diagnostic("missing-source", "the source is empty: give a citation (outlet, title, date or URL)", at: clauses["source"]!.range)
        }
        let event = NewEvent(id: explicitID, date: date, payload: payload, source: source, note: try string("note"))
        do {
            let plan = try session.plan([event], recordedAt: host.now())
            session.addPending(plan.records, alreadyPresent: plan.alreadyPresent.count)
        } catch let error as StoreError {
            let message = error.violation.map { "refused: \($0.description)" } ?? error.message
            throw Diagnostic(error.violation.map { "invariant-\($0.rule.rawValue)" } ?? error.code.rawValue, message, at: range)
        }
    }
}
