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
                throw Diagnostic(
                    AppendMessage.unexpectedClause(kind: kind.rawValue, clause: clause.keyword, takes: form.clauses), at: clause.range,
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
            throw Diagnostic(
                AppendMessage.missingClause(kind: kind.rawValue, clause: required), at: range,
                notes: [AppendMessage.exampleNote(form.example)])
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
            if !founding, let id = try session.knownOrganization(name) { return id }
            guard let id = OrganizationID(name) else {
                throw Diagnostic(AppendMessage.invalidOrganizationID(name), at: expression.range)
            }
            return id
        }

        // Positional values; the word `organization` marks the value after it as one.
        var positional: [Expression] = []
        var forcedOrganizations: Set<Int> = []
        for (index, expression) in statement.positional.enumerated() {
            if Self.isOrganizationMarker(expression), index + 1 < statement.positional.count {
                forcedOrganizations.insert(statement.positional[index + 1].range.lowerBound)
            } else {
                positional.append(expression)
            }
        }
        func participant(_ expression: Expression) throws -> String {
            try self.participant(expression, forcedOrganization: forcedOrganizations.contains(expression.range.lowerBound))
        }
        var org: OrganizationID?
        var countryCode: String?
        var statusValue: Status?
        var statuses: [Status] = []
        var speaker: String?
        var target: String?
        var countryCodes: [String] = []
        let missingRange = statement.typeRange.upperBound..<statement.typeRange.upperBound + 1
        for role in form.positional {
            switch role {
            case .statuses:
                guard !positional.isEmpty else {
                    throw Diagnostic(AppendMessage.missingStatuses, at: missingRange, notes: [AppendMessage.exampleNote(form.example)])
                }
                statuses = try positional.map(status)
                positional = []
                continue
            case .optionalCountry:
                if let expression = positional.first {
                    countryCode = try participant(expression)
                    positional.removeFirst()
                }
                continue
            case .countries:
                guard !positional.isEmpty else {
                    throw Diagnostic(
                        AppendMessage.missingValue(kind: kind.rawValue, what: "the merging members"), at: missingRange,
                        notes: [AppendMessage.exampleNote(form.example)])
                }
                countryCodes = try positional.map { try participant($0) }
                positional = []
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
                case .newCode: what = "the new state's code (three capital letters)"
                default: what = "an event id or prefix"
                }
                throw Diagnostic(
                    AppendMessage.missingValue(kind: kind.rawValue, what: what), at: missingRange,
                    notes: [AppendMessage.exampleNote(form.example)])
            }
            positional.removeFirst()
            switch role {
            case .org: org = try orgID(expression, founding: kind == .founding)
            case .country: countryCode = try participant(expression)
            case .status: statusValue = try status(expression)
            case .speaker: speaker = try text(of: expression, what: "a speaker")
            case .target: target = try text(of: expression, what: "an event id or prefix")
            case .newCode: countryCode = try newStateCode(expression)
            default: break
            }
        }
        if let extra = positional.first {
            throw Diagnostic(
                AppendMessage.unexpectedValue(text: try evaluate(extra).text), at: extra.range,
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
            let founders = try participants(clauses["founders"]?.values ?? [])
            payload = .founding(
                Founding(
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
            payload = .summit(
                Summit(org: org!, place: try string("place"), host: try clauseCountry("host"), name: try string("name"), number: number))
        case .statement:
            payload = .statement(
                SpokenStatement(
                    speaker: speaker!, org: try single("org").map { try orgID($0) }, country: try clauseCountry("country"),
                    text: try string("text")!, context: try string("context")))
        case .milestone: payload = .milestone(org: org!, country: countryCode, text: try string("text")!)
        case .dissolution: payload = .dissolution(org: org!)
        case .state:
            payload = .state(
                StateIntroduction(code: countryCode!, name: try string("name")!, until: try single("until").map { try self.date($0) }))
        case .succession:
            payload = .succession(org: org!, country: countryCode!, predecessor: try clauseCountry("from")!)
        case .merger:
            payload = .merger(Merger(org: org!, members: countryCodes, result: try clauseCountry("into")!))
        case .breakup:
            let successors = try clauses["into"]!.values.map { try country($0).alpha3 }
            payload = .breakup(Breakup(org: org!, country: countryCode!, successors: successors))
        case .correction:
            let changes = Correction(
                date: try single("date").map { try self.date($0) }, country: try single("country").map { try participant($0) },
                status: try single("status").map(status), place: try string("place"), host: try clauseCountry("host"),
                name: try string("name"), text: try string("text"), speaker: try string("speaker"),
                alternatives: try alternativeDates(statement.alternatives))
            guard !changes.isEmpty else {
                throw Diagnostic(
                    AppendMessage.emptyCorrection, at: range,
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
        let alternatives = kind == .correction ? [] : try alternativeDates(statement.alternatives)
        let event = NewEvent(
            id: explicitID, date: date, payload: payload, source: source, note: try string("note"), alternatives: alternatives)
        do {
            let plan = try session.plan([event], recordedAt: host.now())
            session.addPending(plan.records, alreadyPresent: plan.alreadyPresent.count)
        } catch let error as StoreError {
            throw Diagnostic(StoreMessage.appendRefused(error), at: range)
        }
    }

    /// The alternative dates of `also` clauses, one per kind.
    func alternativeDates(_ clauses: [AlternativeClause]) throws -> [AlternativeDate] {
        var dates: [AlternativeDate] = []
        for clause in clauses {
            let word = try text(of: clause.kind, what: "a kind of date")
            guard let kind = DateKind(word: word) else {
                throw Diagnostic(AppendMessage.invalidDateKind(word), at: clause.kind.range)
            }
            if dates.contains(where: { $0.kind == kind }) {
                throw Diagnostic(AppendMessage.repeatedClause("also \(kind)"), at: clause.range)
            }
            let citation = try text(of: clause.source, what: "a source")
            let url = try clause.url.map { try text(of: $0, what: "a url") }
            guard let source = Source(citation: citation, url: url) else {
                throw Diagnostic(AppendMessage.emptySource, at: clause.source.range)
            }
            dates.append(AlternativeDate(kind: kind, date: try date(clause.date), source: source))
        }
        return dates
    }

    /// The code a `state` event introduces: three capital letters that no ISO country has.
    private func newStateCode(_ expression: Expression) throws -> String {
        let code = try text(of: expression, what: "a state code")
        guard StateIntroduction.isValidCode(code) else {
            throw Diagnostic(AppendMessage.invalidStateCode(code), at: expression.range)
        }
        // A state the log already introduced may be appended again (a seed run twice appends
        // nothing); an ISO code never.
        if let known = registry.country(code: code), !known.isIntroduced {
            throw Diagnostic(AppendMessage.stateCodeTaken(code, by: known.description), at: expression.range)
        }
        return code
    }
}
