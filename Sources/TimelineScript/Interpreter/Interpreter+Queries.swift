import Foundation
import TimelineCore
import TimelineStore

extension Interpreter {
    /// Answers a query as a table.
    func evaluate(_ query: Query) throws -> Table {
        // Membership queries read the projections, which a snapshot gives without the records;
        // the others fold the records.
        switch query.kind {
        case .members, .roster, .status, .orgs: return try membershipAnswer(query)
        default: break
        }
        let timeline = try timeline(known: query.known)
        switch query.kind {
        case .members, .roster, .status, .orgs:
            return try membershipAnswer(query)  // answered above
        case .history(let subject, let from, let to):
            let fromDay = try from.map { try date($0).earliest }
            let toDay = try to.map { try date($0).latest }
            let events: [EffectiveEvent]
            let focus: String?
            if let org = try? organization(subject, in: timeline) {
                events = timeline.history(ofOrganization: org.id, from: fromDay, to: toDay)
                focus = nil
            } else {
                let country = try countryOrOrganization(subject, timeline: timeline)
                events = timeline.history(ofCountry: country.alpha3, from: fromDay, to: toDay)
                focus = country.alpha3
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
                if let org = try? organization(subject, in: timeline) { orgID = org.id } else { countryCode = try countryOrOrganization(subject, timeline: timeline).alpha3 }
            }
            let events = timeline.statements(org: orgID, country: countryCode, from: try from.map { try date($0).earliest }, to: try to.map { try date($0).latest })
            return AnswerTables.events(events, in: timeline, focus: countryCode)
        case .milestones(let orgExpression, let from, let to):
            let org = try organization(orgExpression, in: timeline)
            let events = timeline.milestones(of: org.id, from: try from.map { try date($0).earliest }, to: try to.map { try date($0).latest })
            return AnswerTables.events(events, in: timeline, focus: nil)
        case .diff(let orgExpression, let fromExpression, let toExpression):
            let org = try organization(orgExpression, in: timeline)
            return AnswerTables.diff(timeline, org: org.id, from: try date(fromExpression).latest, to: try date(toExpression).latest)
        case .why(let countryExpression, let orgExpression, let at):
            let country = try country(countryExpression)
            let org = try organization(orgExpression, in: timeline)
            return AnswerTables.why(timeline, country: country.alpha3, org: org.id, at: try queryDay(at))
        case .replay(let orgExpression, let from, let to, let step):
            let org = try orgExpression.map { try organization($0, in: timeline) }
            let table = try AnswerTables.replay(
                timeline, org: org?.id, from: try from.map { try date($0).earliest }, to: try to.map { try date($0).latest } ?? today,
                shouldStop: shouldStop)
            guard step, let stepper else { return table }
            // One event at a time: each line, then wait for the user.
            for row in table.rows {
                output(.text(ReplayLine.text(row, columns: table.columns)))
                if !stepper() {
                    return Table(columns: [], notes: [])
                }
            }
            return Table(columns: [], notes: [])
        case .chart(let orgExpression, let from, let to, let svg, let html):
            let org = try organization(orgExpression, in: timeline)
            let fromYear = try from.map { try date($0).earliest.components.year } ?? org.founded.earliest.components.year
            let toYear = try to.map { try date($0).latest.components.year } ?? today.components.year
            guard fromYear <= toYear else {
                throw Diagnostic("invalid-range", "the chart ends (\(toYear)) before it starts (\(fromYear))", at: query.range)
            }
            let chart = SwimlaneChart(timeline: timeline, org: org.id, fromYear: fromYear, toYear: toYear)
            for (target, content) in [(svg, { chart.svg() }), (html, { ChartPage.html(chart: chart, events: AnswerTables.events(timeline.history(ofOrganization: org.id), in: timeline, focus: nil)) })] {
                guard let target else { continue }
                let path = try text(of: target, what: "a file name")
                do { try content().write(toFile: path, atomically: true, encoding: .utf8) } catch {
                    throw Diagnostic("write-failed", "cannot write \(path): \(error.localizedDescription)", at: target.range)
                }
                output(.info("wrote \(path)"))
            }
            if svg == nil && html == nil { output(.text(chart.text(width: chartWidth, colour: colour))) }
            return Table(columns: [])
        case .export(let what, let orgExpression):
            let org = try orgExpression.map { try organization($0, in: timeline).id }
            switch what {
            case .events: return Exports.events(timeline, org: org)
            case .intervals: return Exports.intervals(timeline, org: org)
            }
        case .verify:
            let contents = try readLog()
            let violations = try self.timeline().violations
            return Table(
                columns: ["records", "head", "intact", "problem"],
                rows: [[.number(contents.head.count), .string(contents.head.hash.hex), .bool(violations.isEmpty),
                        violations.first.map { .string($0.description) } ?? .null]],
                notes: contents.tornTail.map { [$0.description] } ?? [])
        case .head:
            let contents = try readLog()
            return Table(columns: ["seq", "hash"], rows: [[.number(contents.head.count), .string(contents.head.hash.hex)]])
        }
    }

    /// The number of rows `members ORG at D` would show, without building them.
    func memberCount(_ orgExpression: Expression, at: Expression?) throws -> Int {
        let projections = try projections(known: nil)
        let org = try organization(orgExpression, in: projections, known: nil)
        return projections.memberCount(of: org.id, at: try queryDay(at))
    }

    /// Answers the queries that read only the projections (`members`, `roster`, `status`,
    /// `orgs`). Without `known at`, a large log answers them from its snapshot cache, without
    /// reading its records.
    private func membershipAnswer(_ query: Query) throws -> Table {
        let projections = try self.projections(known: query.known)
        func organization(_ expression: Expression) throws -> Organization {
            try self.organization(expression, in: projections, known: query.known)
        }
        switch query.kind {
        case .members(let orgExpression, let at):
            let org = try organization(orgExpression)
            let answer = projections.members(of: org.id, at: try queryDay(at))
            return AnswerTables.states(answer.rows, notes: answer.notes, ordinals: true)
        case .roster(let orgExpression, let at):
            let org = try organization(orgExpression)
            let answer = projections.roster(of: org.id, at: try queryDay(at))
            return AnswerTables.states(answer.rows, notes: answer.notes, ordinals: true)
        case .status(let countryExpression, let orgExpression, let at):
            let country = try country(countryExpression)
            let org = try organization(orgExpression)
            let day = try queryDay(at)
            let rows = projections.status(of: country.alpha3, in: org.id, at: day).map { [$0] } ?? []
            var notes = projections.existenceNotes(org.id, at: day)
            if rows.isEmpty && notes.isEmpty { notes.append("\(country.name) (\(country.alpha3)) held no status in \(org.id) on \(day)") }
            return AnswerTables.states(rows, notes: notes, ordinals: true)
        case .orgs(let at):
            let day = try queryDay(at)
            let rows = projections.organizations(at: day)
            return AnswerTables.organizations(rows, notes: rows.isEmpty ? ["no organization existed on \(day)"] : [])
        default:
            preconditionFailure("not a membership query: \(query.kind)")
        }
    }

    /// A country operand, with a message naming both kinds when it is neither.
    func countryOrOrganization(_ expression: Expression, timeline: Timeline) throws -> Country {
        let name = try text(of: expression, what: "a country or an organization")
        if let country = registry.lookup(name) { return country }
        let suggestions = registry.suggestions(for: name) + NameKey.nearest(to: name, among: timeline.organizations.keys.map(\.rawValue))
        throw Diagnostic(
            "unknown-name",
            "\"\(name)\" is neither a known country nor an organization"
                + (suggestions.isEmpty ? "" : "; did you mean " + suggestions.prefix(3).map { "\"\($0)\"" }.joined(separator: " or ") + "?"),
            at: expression.range)
    }
}
