import TimelineCore
import TimelineStore

extension Interpreter {
    /// Builds the event an `append` statement describes, checks it against the log and this
    /// run's earlier appends, and adds it to the run's batch.
    func performAppend(_ statement: AppendStatement, range: Range<Int>) throws {
        guard let kind = EventKind(rawValue: statement.type.lowercased()) else {
            let near = NameKey.nearest(to: statement.type, among: EventKind.allCases.map(\.rawValue), limit: 1)
            throw Diagnostic(AppendMessage.unknownEventType(statement.type, suggestion: near.first), at: statement.typeRange)
        }
        let form = kind.appendForm
        var clauses: [String: (values: [Expression], range: Range<Int>)] = [:]
        for clause in statement.clauses {
            guard form.clauses.contains(clause.keyword) else {
                throw Diagnostic(AppendMessage.unexpectedClause(kind: kind.rawValue, clause: clause.keyword, takes: form.clauses), at: clause.range,
                                 notes: [AppendMessage.exampleNote(form.example)])
            }
            if clauses[clause.keyword] != nil {
                throw Diagnostic(AppendMessage.repeatedClause(clause.keyword), at: clause.range)
            }
            clauses[clause.keyword] = (clause.values, clause.range)
        }
        guard clauses["source"] != nil else {
            throw Diagnostic(
                AppendMessage.missingSource, at: range,
                notes: [AppendMessage.exampleNote(form.example)])
        }
        for required in form.required where clauses[required] == nil {
            throw Diagnostic(AppendMessage.missingClause(kind: kind.rawValue, clause: required), at: range, notes: [AppendMessage.exampleNote(form.example)])
        }

        // Clause values.
        func single(_ key: String) throws -> Expression? {
            guard let clause = clauses[key] else { return nil }
            guard clause.values.count == 1 else {
                if key == "on" || key == "date" {
                    throw Diagnostic(AppendMessage.clauseTakesOneDate(key), at: clause.range)
                }
                throw Diagnostic(AppendMessage.tooManyValues(key), at: clause.range)
            }
            return clause.values[0]
        }
        func string(_ key: String) throws -> String? { try single(key).map { try text(of: $0, what: "a value for \(key)") } }
        func clauseCountry(_ key: String) throws -> String? { try single(key).map { try country($0).alpha3 } }
        func status(_ expression: Expression) throws -> Status {
            let name = try text(of: expression, what: "a status")
            guard let status = Status(name) else { throw Diagnostic(AppendMessage.invalidStatus(name), at: expression.range) }
            return status
        }
        func orgID(_ expression: Expression, founding: Bool = false) throws -> OrganizationID {
            let name = try text(of: expression, what: "an organization")
            if !founding, let id = try knownOrganization(name) { return id }
            guard let id = OrganizationID(name) else {
                throw Diagnostic(AppendMessage.invalidOrganizationID(name), at: expression.range)
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
                guard !positional.isEmpty else { throw Diagnostic(AppendMessage.missingStatuses, at: missingRange, notes: [AppendMessage.exampleNote(form.example)]) }
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
                throw Diagnostic(AppendMessage.missingValue(kind: kind.rawValue, what: what), at: missingRange, notes: [AppendMessage.exampleNote(form.example)])
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
            throw Diagnostic(AppendMessage.unexpectedValue(text: try evaluate(extra).text), at: extra.range,
                             notes: [AppendMessage.exampleNote(form.example)])
        }

        let date = try single("on").map { try self.date($0) }
        let payload: EventPayload
        switch kind {
        case .founding:
            let ladderValues = clauses["ladder"]!.values
            let rungs = try ladderValues.map(status)
            guard let ladder = StatusLadder(rungs) else {
                throw Diagnostic(AppendMessage.invalidLadder, at: clauses["ladder"]!.range)
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
                    throw Diagnostic(AppendMessage.invalidChange(word), at: expression.range)
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
                    throw Diagnostic(AppendMessage.numberNeedsWholeNumber, at: expression.range)
                }
                number = value
            }
            payload = .summit(Summit(org: org!, place: try string("place"), host: try clauseCountry("host"), name: try string("name"), number: number))
        case .statement:
            payload = .statement(TimelineCore.Statement(
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
                throw Diagnostic(AppendMessage.emptyCorrection, at: range,
                                 notes: [AppendMessage.exampleNote(form.example)])
            }
            payload = .correction(target: target!, changes: changes)
        case .retraction:
            payload = .retraction(target: target!, reason: try string("reason")!)
        }
        var explicitID: EventID?
        if let expression = try single("id") {
            let text = try text(of: expression, what: "an id")
            guard let id = EventID(text) else {
                throw Diagnostic(AppendMessage.invalidID(text), at: expression.range)
            }
            explicitID = id
        }
        guard let source = Source(citation: try string("source") ?? "", url: try string("url")) else {
            throw Diagnostic(AppendMessage.emptySource, at: clauses["source"]!.range)
        }
        let event = NewEvent(id: explicitID, date: date, payload: payload, source: source, note: try string("note"))
        let committedRecords = try committedContents().records
        do {
            let plan = try plan([event], after: committedRecords)
            addPending(plan.records)
            alreadyPresent += plan.alreadyPresent.count
            cachedTimeline = nil
        } catch {
            throw Diagnostic(StoreMessage.appendRefused(error), at: range)
        }
    }

    /// Plans events on top of the committed records and this run's earlier appends.
    func plan(_ events: [NewEvent], after committedRecords: [RecordedEvent]) throws(StoreError) -> (records: [RecordedEvent], alreadyPresent: [EventID]) {
        if planner == nil {
            // A timeline already folded for this run's queries lets the planner check new
            // events without folding again.
            if let cachedTimeline, cachedTimeline.records.count == committedRecords.count + pending.count {
                planner = AppendPlanner(timeline: cachedTimeline)
            } else {
                planner = AppendPlanner(existing: pending.isEmpty ? committedRecords : committedRecords + pending, registry: registry)
            }
        }
        return try planner!.plan(events, recordedAt: recordedAt ?? SystemClock.now)
    }

    /// The id of an organization the log (or this run) has founded, by id or full name, without
    /// folding the whole log.
    func knownOrganization(_ name: String) throws -> OrganizationID? {
        if organizationIndex == nil {
            var index: [String: OrganizationID] = [:]
            for record in try committedContents().records { Self.index(record, into: &index) }
            for record in pending { Self.index(record, into: &index) }
            organizationIndex = index
        }
        if let id = OrganizationID(name), let known = organizationIndex?["id:" + id.rawValue] { return known }
        return organizationIndex?["name:" + NameKey.of(name)]
    }

    /// Notes the organization a founding record introduces; the first founding of a name wins.
    static func index(_ record: RecordedEvent, into index: inout [String: OrganizationID]) {
        guard case .founding(let founding) = record.payload else { return }
        if index["id:" + founding.org.rawValue] == nil { index["id:" + founding.org.rawValue] = founding.org }
        let key = "name:" + NameKey.of(founding.name)
        if index[key] == nil { index[key] = founding.org }
    }

    /// Adds planned records to this run's appends, keeping the organization index current.
    func addPending(_ records: [RecordedEvent]) {
        pending.append(contentsOf: records)
        if organizationIndex != nil { for record in records { Self.index(record, into: &organizationIndex!) } }
    }
}
