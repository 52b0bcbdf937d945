import TimelineCore
import TimelineStore

extension Interpreter {
    /// Answers a query as a table. Asked `known at` a point before the log held the organization,
    /// the answer is empty, with a note saying when it was first recorded.
    func evaluate(_ query: Query) throws -> Table {
        do {
            return try answer(query)
        } catch let notYet as NotYetRecorded {
            var table = emptyAnswer(to: query, about: notYet.organization)
            table.notes = [notYet.note]
            return table
        }
    }

    /// The table a query gives when it has nothing to show about `org`: its columns, no rows.
    private func emptyAnswer(to query: Query, about org: OrganizationID) -> Table {
        let empty = Timeline(records: [], registry: registry)
        switch query.kind {
        case .members, .roster, .status, .orgs: return AnswerTables.states([], notes: [], registry: registry)
        case .memberships: return AnswerTables.memberships([], notes: [])
        case .history, .statements, .milestones: return AnswerTables.events([], in: empty, focus: nil)
        case .summits: return AnswerTables.summits([], in: empty)
        case .diff: return AnswerTables.diff(empty, org: org, from: today, to: today)
        case .why(let country, _, _):
            return AnswerTables.why(empty, country: (try? self.country(country).alpha3) ?? "", org: org, at: today)
        case .replay: return (try? AnswerTables.replay(empty, org: org, from: nil, to: today, shouldStop: { false })) ?? Table(columns: [])
        case .export(let what, _, _): return what == .events ? Exports.events(empty, org: org) : Exports.intervals(empty, org: org)
        case .chart, .verify, .head: return Table(columns: [])
        }
    }

    /// Answers a query as a table.
    private func answer(_ query: Query) throws -> Table {
        // Membership queries read the projections, which a snapshot gives without the records;
        // the others fold the records.
        switch query.kind {
        case .members, .roster, .status, .memberships, .orgs: return try membershipAnswer(query)
        case .history, .summits, .statements, .milestones, .diff, .why, .replay, .chart, .export, .verify, .head: break
        }
        let convention = try convention(of: query)
        let timeline = try timeline(known: query.known, by: query.verb == .diff ? nil : convention)
        switch query.kind {
        case .members, .roster, .status, .memberships, .orgs:
            return try membershipAnswer(query)  // answered above
        case .history(let subject, let from, let to):
            let fromDay = try from.map { try date($0).earliest }
            let toDay = try to.map { try date($0).latest }
            let events: [EffectiveEvent]
            let focus: String?
            if let subject = subject {
                if let org = try organizationIfAny(subject, in: timeline) {
                    events = timeline.history(ofOrganization: org.id, from: fromDay, to: toDay)
                    focus = nil
                } else {
                    let country = try countryOrOrganization(subject, timeline: timeline)
                    events = timeline.history(ofCountry: country.alpha3, from: fromDay, to: toDay)
                    focus = country.alpha3
                }
            } else {
                events = timeline.history(from: fromDay, to: toDay)
                focus = nil
            }
            return AnswerTables.events(events, in: timeline, focus: focus)
        case .summits(let orgExpression, let from, let to):
            let org = try organization(orgExpression, in: timeline)
            let summits = timeline.summits(of: org.id, from: try from.map { try date($0).earliest }, to: try to.map { try date($0).latest })
            return AnswerTables.summits(summits, in: timeline)
        case .statements(let subject, let from, let to):
            var orgID: OrganizationID?
            var countryCode: String?
            if let subject {
                if let org = try organizationIfAny(subject, in: timeline) {
                    orgID = org.id
                } else {
                    countryCode = try countryOrOrganization(subject, timeline: timeline).alpha3
                }
            }
            let events = timeline.statements(
                org: orgID, country: countryCode, from: try from.map { try date($0).earliest }, to: try to.map { try date($0).latest })
            return AnswerTables.events(events, in: timeline, focus: countryCode)
        case .milestones(let orgExpression, let from, let to):
            let org = try organization(orgExpression, in: timeline)
            let events = timeline.milestones(
                of: org.id, from: try from.map { try date($0).earliest }, to: try to.map { try date($0).latest })
            return AnswerTables.events(events, in: timeline, focus: nil)
        case .diff(let orgExpression, let fromExpression, let toExpression):
            let org = try organization(orgExpression, in: timeline)
            let kinds = try conventions(of: query)
            guard let toExpression else {
                // One date: the answers under two conventions (the default when only one is named).
                guard let second = kinds.last else {
                    throw Diagnostic(InterpreterMessage.diffNeedsConvention, at: query.range)
                }
                let first = kinds.count == 2 ? kinds[0] : nil
                return AnswerTables.conventionDiff(
                    try self.timeline(known: query.known, by: first), try self.timeline(known: query.known, by: second), org: org.id,
                    at: try date(fromExpression).latest)
            }
            if kinds.count > 1, let extra = query.conventions.last {
                throw Diagnostic(InterpreterMessage.tooManyConventions(verb: "diff between two dates", most: 1), at: extra.range)
            }
            let dated = try self.timeline(known: query.known, by: convention)
            return AnswerTables.diff(dated, org: org.id, from: try date(fromExpression).latest, to: try date(toExpression).latest)
        case .why(let countryExpression, let orgExpression, let at):
            let country = try country(countryExpression)
            let org = try organization(orgExpression, in: timeline)
            let known = query.known
            return AnswerTables.why(
                timeline, country: country.alpha3, org: org.id, at: try queryDay(at),
                under: { [self] kind in try? self.timeline(known: known, by: kind) })
        case .replay(let orgExpression, let from, let to, let step):
            let org = try orgExpression.map { try organization($0, in: timeline) }
            let table = try AnswerTables.replay(
                timeline, org: org?.id, from: try from.map { try date($0).earliest }, to: try to.map { try date($0).latest } ?? today,
                shouldStop: shouldStop)
            guard step, host.canStep else { return table }
            // One event at a time: each line, then wait for the user.
            for row in table.rows {
                output(.text(ReplayLine.text(row, columns: table.columns)))
                if !host.nextStep() {
                    return Table(columns: [], notes: [])
                }
            }
            return Table(columns: [], notes: [])
        case .chart(let subjectExpression, let from, let to, let svg, let html):
            let subject: SwimlaneChart.Subject
            let firstYear: Int
            let events: () -> Table
            if let org = try organizationIfAny(subjectExpression, in: timeline) {
                subject = .organization(org.id)
                firstYear = org.founded.earliest.components.year
                events = { AnswerTables.events(timeline.history(ofOrganization: org.id), in: timeline, focus: nil) }
            } else {
                let country = try countryOrOrganization(subjectExpression, timeline: timeline)
                subject = .country(country.alpha3)
                // From the first year the country held a status anywhere.
                let first = timeline.organizations.keys.compactMap { timeline.transitions(of: country.alpha3, in: $0).first?.date.earliest }
                    .min()
                firstYear = (first ?? today).components.year
                events = { AnswerTables.events(timeline.history(ofCountry: country.alpha3), in: timeline, focus: country.alpha3) }
            }
            let fromYear = try from.map { try date($0).earliest.components.year } ?? firstYear
            let toYear = try to.map { try date($0).latest.components.year } ?? today.components.year
            guard fromYear <= toYear else {
                throw Diagnostic(InterpreterMessage.chartEndsBeforeStart(from: fromYear, to: toYear), at: query.range)
            }
            guard toYear - fromYear < SwimlaneChart.maximumYears else {
                throw Diagnostic(InterpreterMessage.chartTooLong(from: fromYear, to: toYear), at: query.range)
            }
            let chart = SwimlaneChart(timeline: timeline, subject: subject, fromYear: fromYear, toYear: toYear)
            for (target, content) in [
                (svg, { chart.svg() }),
                (
                    html,
                    {
                        ChartPage.html(chart: chart, events: events())
                    }
                ),
            ] {
                guard let target else { continue }
                let path = try text(of: target, what: "a file name")
                do { try host.writeFile(at: path, contents: Array(content().utf8)) } catch {
                    throw Diagnostic(HostMessage.writing(error), at: target.range)
                }
                output(.info("wrote \(path)"))
            }
            if svg == nil && html == nil { output(.text(chart.text(width: host.chartWidth, colour: host.usesColour))) }
            return Table(columns: [])
        case .export(let what, let orgExpression, let file):
            let org = try orgExpression.map { try organization($0, in: timeline).id }
            let table: Table
            switch what {
            case .events: table = Exports.events(timeline, org: org)
            case .intervals: table = Exports.intervals(timeline, org: org)
            }
            guard let file else { return table }
            try write(table, to: file)
            return Table(columns: [])
        case .verify:
            let contents = try session.readLog()
            let violations = try self.timeline().violations
            return Table(
                columns: ["records", "head", "intact", "problem"],
                rows: [
                    [
                        .number(contents.head.count), .string(contents.head.hash.hex), .bool(violations.isEmpty),
                        violations.first.map { .string($0.description) } ?? .null,
                    ]
                ],
                notes: contents.tornTail.map { [$0.description] } ?? [])
        case .head:
            let contents = try session.readLog()
            return Table(columns: ["seq", "hash"], rows: [[.number(contents.head.count), .string(contents.head.hash.hex)]])
        }
    }

    /// Writes an export through the host, as CSV, JSON Lines or a JSON array by the file's
    /// extension (what `import` reads back), and says how many rows it wrote.
    private func write(_ table: Table, to file: Expression) throws {
        let path = try text(of: file, what: "a file name")
        let lowered = path.lowercased()
        let format: OutputFormat
        if lowered.hasSuffix(".csv") {
            format = .csv
        } else if lowered.hasSuffix(".jsonl") || lowered.hasSuffix(".ndjson") {
            format = .jsonl
        } else if lowered.hasSuffix(".json") {
            format = .json
        } else {
            throw Diagnostic(InterpreterMessage.unsupportedExportFile(path: path), at: file.range)
        }
        let text = TableRenderer(format: format, colour: false).render(table)
        do { try host.writeFile(at: path, contents: Array(text.utf8)) } catch {
            throw Diagnostic(HostMessage.writing(error), at: file.range)
        }
        output(.info("wrote \(table.rows.count) row\(table.rows.count == 1 ? "" : "s") to \(path)"))
    }

    /// The number of rows `members ORG at D` would show, without building them.
    func memberCount(_ orgExpression: Expression, at: Expression?) throws -> Int {
        let projections = try projections(known: nil)
        return projections.memberCount(of: try organizationID(orgExpression, in: projections), at: try queryDay(at))
    }

    /// The rows of a members, roster or status answer, for a host that takes them as they are
    /// (`ScriptHost.takesStateRows`); `nil` for any other query, and for one asked `known at` a
    /// point before the log held the organization (whose table says so).
    func stateRows(_ query: Query) throws -> StateRows? {
        switch query.kind {
        case .members, .roster, .status: break
        default: return nil
        }
        do {
            return try stateRows(query, in: try projections(known: query.known, by: try convention(of: query)))
        } catch is NotYetRecorded {
            return nil
        }
    }

    /// The rows of a members, roster or status answer from `projections`; `nil` for another query.
    private func stateRows(_ query: Query, in projections: Projections) throws -> StateRows? {
        func organization(_ expression: Expression) throws -> Organization {
            try self.organization(expression, in: projections, known: query.known)
        }
        switch query.kind {
        case .members(let orgExpression, let at):
            let org = try organization(orgExpression)
            let answer = projections.members(of: org.id, at: try queryDay(at))
            return StateRows(rows: answer.rows, notes: answer.notes, registry: projections.registry)
        case .roster(let orgExpression, let at):
            let org = try organization(orgExpression)
            let answer = projections.roster(of: org.id, at: try queryDay(at))
            return StateRows(rows: answer.rows, notes: answer.notes, registry: projections.registry)
        case .status(let countryExpression, let orgExpression, let at):
            let country = try country(countryExpression)
            let org = try organization(orgExpression)
            let day = try queryDay(at)
            let rows = projections.status(of: country.alpha3, in: org.id, at: day).map { [$0] } ?? []
            var notes = projections.existenceNotes(org.id, at: day)
            if rows.isEmpty && notes.isEmpty { notes.append("\(country.name) (\(country.alpha3)) held no status in \(org.id) on \(day)") }
            return StateRows(rows: rows, notes: notes, registry: projections.registry)
        default:
            return nil
        }
    }

    /// Answers the queries that read only the projections (`members`, `roster`, `status`,
    /// `memberships`, `orgs`). Without `known at`, a large log answers them from its snapshot cache, without
    /// reading its records.
    private func membershipAnswer(_ query: Query) throws -> Table {
        let projections = try self.projections(known: query.known, by: try convention(of: query))
        if let answer = try stateRows(query, in: projections) { return answer.table }
        switch query.kind {
        case .memberships(let countryExpression, let at):
            let country = try country(countryExpression)
            let day = try queryDay(at)
            let rows = projections.memberships(of: country.alpha3, at: day)
            let none = "\(country.name) (\(country.alpha3)) held no status in any organization on \(day)"
            return AnswerTables.memberships(rows, notes: rows.isEmpty ? [none] : [])
        case .orgs(let at):
            let day = try queryDay(at)
            let rows = projections.organizations(at: day)
            return AnswerTables.organizations(rows, notes: rows.isEmpty ? ["no organization existed on \(day)"] : [])
        case .members, .roster, .status:
            preconditionFailure("a states answer, given above")
        case .history, .summits, .statements, .milestones, .diff, .why, .replay, .chart, .export, .verify, .head:
            preconditionFailure("not a membership query: \(query.kind)")
        }
    }

    /// A country operand, with a message naming both kinds when it is neither.
    func countryOrOrganization(_ expression: Expression, timeline: Timeline) throws -> Country {
        let name = try text(of: expression, what: "a country or an organization")
        if let country = registry.lookup(name) { return country }
        let suggestions = registry.suggestions(for: name) + NameKey.nearest(to: name, among: timeline.organizations.keys.map(\.rawValue))
        throw Diagnostic(InterpreterMessage.unknownName(name, suggestions: suggestions), at: expression.range)
    }
}
