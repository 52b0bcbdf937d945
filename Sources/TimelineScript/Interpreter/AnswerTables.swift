import TimelineCore

/// Turns the engine's answers into tables with the stable column keys of the language:
/// `country`, `name`, `status`, `since`, `certainty` for states; `seq`, `id`, `type`, `date`,
/// `org`, `country`, `status`, `source` for events.
enum AnswerTables {
    /// The rows of a members, roster or status answer: `ordinal`, `country`, `kind`, `name`,
    /// `status`, `since`, `certainty` (and `suspended` when a row is). `kind` is hidden in text
    /// when every row is a country (as `Table.addParticipantKinds(registry:)` does).
    static func states(_ rows: [StatusRow], notes: [String], registry: CountryRegistry) -> Table {
        let suspended = rows.indices.contains { rows[$0].suspended }
        var table = Table(columns: stateColumns(suspended: suspended), notes: stateNotes(rows, notes: notes))
        table.rows.reserveCapacity(rows.count)
        var organizations = false
        for row in rows {
            let isOrganization = registry.isOrganization(code: row.country)
            organizations = organizations || isOrganization
            var cells: [Value] = [
                row.ordinal.map(Value.number) ?? .null, .string(row.country), isOrganization ? organizationKind : countryKind,
                .string(row.name), .string(row.status.rawValue), .date(row.since), .string(row.certainty.rawValue),
            ]
            if suspended { cells.append(.bool(row.suspended)) }
            table.rows.append(cells)
        }
        if !organizations { table.hiddenInText.insert("kind") }
        return table
    }

    /// The columns of a states answer (`states(_:notes:registry:)`), with `suspended` when a
    /// row is.
    static func stateColumns(suspended: Bool) -> [String] { suspended ? stateColumnsWithSuspension : stateColumnsWithoutSuspension }
    private static let stateColumnsWithSuspension = stateColumnsWithoutSuspension + ["suspended"]
    private static let stateColumnsWithoutSuspension = ["ordinal", "country", "kind", "name", "status", "since", "certainty"]

    /// The notes of a states answer: the engine's, and what `possible` means when a row is.
    static func stateNotes(_ rows: [StatusRow], notes: [String]) -> [String] {
        stateNotes(notes, possible: rows.indices.contains { rows[$0].certainty == .possible })
    }

    /// The notes of a states answer whose rows are possible or not.
    static func stateNotes(_ notes: [String], possible: Bool) -> [String] {
        possible ? notes + ["possible: an event behind the row has a date that may fall after the day asked about"] : notes
    }

    static let countryKind = Value.string("country")
    static let organizationKind = Value.string("organization")

    /// A country's standing in each organization: `org`, `organization`, `status`, `since`,
    /// `certainty` (and `suspended` when a row is).
    static func memberships(_ rows: [(organization: Organization, row: StatusRow)], notes: [String]) -> Table {
        let suspended = rows.contains(where: \.row.suspended)
        var columns = ["org", "organization", "status", "since", "certainty"]
        if suspended { columns.append("suspended") }
        var table = Table(columns: columns, notes: notes)
        for (organization, row) in rows {
            var cells: [Value] = [
                .string(organization.id.rawValue), .string(organization.name), .string(row.status.rawValue), .date(row.since),
                .string(row.certainty.rawValue),
            ]
            if suspended { cells.append(.bool(row.suspended)) }
            table.rows.append(cells)
        }
        if rows.contains(where: { $0.row.certainty == .possible }) {
            table.notes.append("possible: an event behind the row has a date that may fall after the day asked about")
        }
        return table
    }

    static let eventColumns = ["seq", "id", "type", "date", "org", "country", "status", "what", "source"]

    static func events(_ events: [EffectiveEvent], in timeline: Timeline, focus: String?) -> Table {
        var table = Table(columns: eventColumns)
        for event in events {
            let payload = event.payload
            // The status the event gave the country (for a reclassification or a founding, the
            // country in focus), as the fold recorded it.
            var status: Status?
            if case .status(_, _, let given, _) = payload {
                status = given
            } else if let org = payload.organization, let country = focus ?? payload.country {
                status = timeline.transitions(of: country, in: org).first { $0.eventID == event.id }?.after.status
            }
            table.rows.append([
                .number(event.seq.value), .string(event.id.rawValue), .string(event.event.kind.rawValue), .date(event.date),
                .optional(payload.organization?.rawValue), .optional(focus ?? payload.country), .optional(status?.rawValue),
                .string(EventDescription.describe(event, in: timeline) + (event.corrections.isEmpty ? "" : " [corrected]")),
                .string(event.event.source.description),
            ])
        }
        if events.isEmpty { table.notes.append("no events") }
        return table
    }

    static func summits(_ summits: [EffectiveEvent], in timeline: Timeline) -> Table {
        var table = Table(columns: ["date", "place", "host", "name", "decisions", "source", "id"])
        for summit in summits {
            guard case .summit(let details) = summit.payload else { continue }
            // Decisions: status changes of the organization dated within the summit.
            let decisions = timeline.history(ofOrganization: details.org, from: summit.date.earliest, to: summit.date.latest).filter {
                event in
                guard event.date.earliest >= summit.date.earliest, event.date.latest <= summit.date.latest else { return false }
                switch event.event.kind {
                case .accession, .status, .withdrawal, .suspension, .reinstatement, .reclassify, .milestone, .succession, .merger,
                    .breakup:
                    return true
                default: return false
                }
            }
            table.rows.append([
                .date(summit.date), .optional(details.place), .optional(details.host), .optional(details.name),
                .string(decisions.map { EventDescription.describe($0, in: timeline) }.joined(separator: "; ")),
                .string(summit.event.source.description), .string(summit.id.rawValue),
            ])
        }
        if summits.isEmpty { table.notes.append("no summits in that period") }
        return table
    }

    static func organizations(_ rows: [OrganizationRow], notes: [String]) -> Table {
        var table = Table(columns: ["id", "name", "founded", "dissolved", "predecessor", "ladder", "certainty"], notes: notes)
        for row in rows {
            let organization = row.organization
            table.rows.append([
                .string(organization.id.rawValue), .string(organization.name), .date(organization.founded),
                organization.dissolved.map(Value.date) ?? .null, .optional(organization.predecessor?.rawValue),
                .string(organization.currentLadder.description), .string(row.certainty.rawValue),
            ])
        }
        return table
    }

    /// Who joined, left or changed status between two days, in the direction asked: with the
    /// later day first, the changes read backwards (a country that joined in between "left").
    /// Each change is dated by the last event between the two days that moved it.
    static func diff(_ timeline: Timeline, org: OrganizationID, from: CivilDay, to: CivilDay) -> Table {
        var table = Table(columns: ["country", "name", "change", "from", "to", "date", "certainty"])
        var rows: [(date: EDTFDate, cells: [Value])] = []
        let (earlier, later) = from <= to ? (from, to) : (to, from)
        for country in timeline.participants(of: org) {
            let before = timeline.status(of: country, in: org, at: from)
            let after = timeline.status(of: country, in: org, at: to)
            guard before?.status != after?.status else { continue }
            let change = before == nil ? "joined" : (after == nil ? "left" : "changed")
            // The statuses differ, so some event up to the later day moved this country; the
            // last one after the earlier day, else (its date straddling that day) the last one.
            let moves = timeline.transitions(of: country, in: org).filter { $0.date.earliest <= later }
            guard let last = moves.last(where: { $0.date.earliest > earlier }) ?? moves.last else { continue }
            let date = last.date
            let certain = (before?.certainty ?? .certain) == .certain && (after?.certainty ?? .certain) == .certain
            rows.append(
                (
                    date,
                    [
                        .string(country), .string(timeline.registry.country(code: country)?.name ?? country), .string(change),
                        .optional(before?.status.rawValue), .optional(after?.status.rawValue), .date(date),
                        .string(certain ? "certain" : "possible"),
                    ]
                ))
        }
        table.rows = rows.sorted { $0.date != $1.date ? $0.date < $1.date : $0.cells[0].text < $1.cells[0].text }.map(\.cells)
        table.addParticipantKinds(registry: timeline.registry)
        table.notes.append(contentsOf: timeline.existenceNotes(org, at: to))
        if from > to { table.notes.append("\(from) is after \(to): the changes read backwards in time, from \(from) to \(to)") }
        if rows.isEmpty { table.notes.append("no changes between \(from) and \(to)") }
        if let convention = timeline.convention { table.notes.append(conventionNote(convention)) }
        return table
    }

    /// What an answer under a date convention means.
    static func conventionNote(_ convention: DateKind) -> String {
        "under \(convention) dates: each event that gives a \(convention) date is dated by it; the others by their own date"
    }

    /// The name of a convention in answers: a kind of date, or the default.
    static func conventionName(_ convention: DateKind?) -> String {
        convention.map { "\($0) dates" } ?? "the default dates"
    }

    /// Where two date conventions disagree at one day: each participant whose standing differs,
    /// read from the first convention (`from`) to the second (`to`), with the date the second
    /// gives the event that makes the difference.
    static func conventionDiff(_ first: Timeline, _ second: Timeline, org: OrganizationID, at day: CivilDay) -> Table {
        var table = Table(columns: ["country", "name", "change", "from", "to", "date", "certainty"])
        var rows: [(date: EDTFDate, cells: [Value])] = []
        let participants = Set(first.participants(of: org)).union(second.participants(of: org)).sorted()
        for country in participants {
            let before = first.status(of: country, in: org, at: day)
            let after = second.status(of: country, in: org, at: day)
            guard before?.status != after?.status || before?.suspended != after?.suspended else { continue }
            let change = before == nil ? "joined" : (after == nil ? "left" : "changed")
            // The event that differs: the last one up to the day under either convention whose
            // dates differ, dated as the second convention dates it.
            let moves = second.transitions(of: country, in: org).filter { $0.date.earliest <= day }
            let firstMoves = first.transitions(of: country, in: org).filter { $0.date.earliest <= day }
            let differing = (moves.last { move in !firstMoves.contains { $0.eventID == move.eventID && $0.date == move.date } })
            let date = differing?.date ?? firstMoves.last?.date ?? moves.last?.date
            let certain = (before?.certainty ?? .certain) == .certain && (after?.certainty ?? .certain) == .certain
            rows.append(
                (
                    date ?? .single(PartialDate(year: 0)),
                    [
                        .string(country), .string(second.registry.country(code: country)?.name ?? country), .string(change),
                        .optional(before.map(statusText)), .optional(after.map(statusText)), date.map(Value.date) ?? .null,
                        .string(certain ? "certain" : "possible"),
                    ]
                ))
        }
        table.rows = rows.sorted { $0.date != $1.date ? $0.date < $1.date : $0.cells[0].text < $1.cells[0].text }.map(\.cells)
        table.addParticipantKinds(registry: second.registry)
        table.notes.append(
            "\(org) on \(day): from = under \(conventionName(first.convention)), to = under \(conventionName(second.convention))")
        table.notes.append(contentsOf: second.existenceNotes(org, at: day))
        if rows.isEmpty {
            table.notes.append(
                "\(conventionName(first.convention)) and \(conventionName(second.convention)) give the same answer for \(org) on \(day)")
        }
        return table
    }

    private static func statusText(_ row: StatusRow) -> String { row.status.rawValue + (row.suspended ? " (suspended)" : "") }

    /// The events behind a country's standing at a day, with their sources.
    static func why(
        _ timeline: Timeline, country: String, org: OrganizationID, at day: CivilDay, under: (DateKind?) -> Timeline? = { _ in nil }
    ) -> Table {
        var table = Table(columns: ["seq", "id", "date", "type", "change", "source", "certainty"])
        let transitions = timeline.transitions(of: country, in: org).filter { $0.date.earliest <= day }
        for (holder, transition) in chain(of: country, in: org, transitions: transitions, timeline: timeline) {
            guard let event = timeline.event(transition.eventID) else { continue }
            let before = transition.before.status?.rawValue ?? "none"
            let after = transition.after.status?.rawValue ?? "none"
            var change = before == after ? after : "\(before) → \(after)"
            if transition.after.suspended != transition.before.suspended {
                change += transition.after.suspended ? " (suspended)" : " (reinstated)"
            }
            // A predecessor's own steps, shown before the succession that passed its status on.
            if holder != country { change = "\(holder): \(change)" }
            table.rows.append([
                .number(event.seq.value), .string(event.id.rawValue), .date(event.date), .string(event.event.kind.rawValue),
                .string(change), .string(event.event.source.description),
                .string(transition.date.latest <= day ? "certain" : "possible"),
            ])
        }
        let name = timeline.registry.country(code: country)?.name ?? country
        if let row = timeline.status(of: country, in: org, at: day) {
            table.notes.append("\(name) (\(country)) holds \(row.status) in \(org) on \(day) since \(row.since): \(row.certainty)")
        } else {
            table.notes.append("\(name) (\(country)) holds no status in \(org) on \(day)")
        }
        for transition in transitions where transition.date.latest > day {
            table.notes.append(
                "possible because event \(transition.eventID.short) is dated \(transition.date), which may fall after \(day)")
        }
        table.notes.append(contentsOf: timeline.existenceNotes(org, at: day))
        table.notes.append(contentsOf: conventionNotes(timeline, country: country, org: org, at: day, under: under))
        return table
    }

    /// For `why`: which date each event behind the answer was dated by, its other dates, and
    /// what the answer is under each other convention those events give.
    static func conventionNotes(
        _ timeline: Timeline, country: String, org: OrganizationID, at day: CivilDay, under: (DateKind?) -> Timeline?
    ) -> [String] {
        var notes: [String] = []
        var kinds: Set<DateKind> = []
        let events = timeline.transitions(of: country, in: org).compactMap { timeline.event($0.eventID) }
        for event in events where !event.event.alternatives.isEmpty {
            let others = event.event.alternatives.filter { $0.kind != event.datedBy }
            kinds.formUnion(event.event.alternatives.map(\.kind))
            let own = event.datedBy.map { "its \($0) date (own date \(event.record.event.date?.description ?? "none"))" } ?? "its own date"
            let listed = others.map { "\($0.kind) \($0.date) (\($0.source.description))" }.joined(separator: "; ")
            notes.append(
                "event \(event.id.short) (\(event.event.kind.rawValue)) is dated \(event.date) by \(own)"
                    + (listed.isEmpty ? "" : "; also \(listed)"))
        }
        if let convention = timeline.convention {
            notes.append(conventionNote(convention))
            kinds.remove(convention)
        }
        let name = timeline.registry.country(code: country)?.name ?? country
        let here = timeline.status(of: country, in: org, at: day)
        // The other conventions, and the default when this answer is under one.
        let others: [DateKind?] = (timeline.convention == nil ? [] : [nil]) + kinds.sorted().map { $0 }
        for kind in others {
            guard let other = under(kind) else { continue }
            let there = other.status(of: country, in: org, at: day)
            let label = conventionName(kind)
            if there?.status == here?.status && there?.suspended == here?.suspended && there?.since == here?.since {
                notes.append("under \(label) the answer is the same")
            } else if let there {
                notes.append("under \(label): \(name) (\(country)) holds \(there.status) in \(org) on \(day) since \(there.since)")
            } else {
                notes.append("under \(label): \(name) (\(country)) holds no status in \(org) on \(day)")
            }
        }
        return notes
    }

    /// A country's transitions, each preceded, where it took over a status (a succession or a
    /// merger), by the transitions of the predecessors that held it, back to where they began.
    static func chain(of country: String, in org: OrganizationID, transitions: [MembershipTransition], timeline: Timeline)
        -> [(holder: String, transition: MembershipTransition)]
    {
        var rows: [(holder: String, transition: MembershipTransition)] = []
        func add(_ holder: String, _ transitions: [MembershipTransition], depth: Int) {
            for transition in transitions {
                if depth < 16, let event = timeline.event(transition.eventID) {
                    var predecessors: [String] = []
                    switch event.payload {
                    case .succession(_, let successor, let predecessor) where successor == holder: predecessors = [predecessor]
                    case .merger(let merger) where merger.result == holder: predecessors = merger.members.filter { $0 != holder }
                    default: break
                    }
                    for predecessor in predecessors {
                        let earlier = timeline.transitions(of: predecessor, in: org).filter {
                            $0.eventID != transition.eventID && $0.date.earliest <= transition.date.earliest
                        }
                        add(predecessor, earlier, depth: depth + 1)
                    }
                }
                rows.append((holder, transition))
            }
        }
        add(country, transitions, depth: 0)
        return rows
    }

    /// The events in order, each with what it changed and the running totals per status.
    static func replay(_ timeline: Timeline, org: OrganizationID?, from: CivilDay?, to: CivilDay, shouldStop: () -> Bool) throws -> Table {
        var table = Table(columns: ["seq", "date", "precision", "type", "org", "country", "change", "totals"])
        var standing: [OrganizationID: [String: Status]] = [:]
        var lastCounts: [OrganizationID: [Status: Int]] = [:]
        let events = timeline.events.filter { event in
            guard event.date.earliest <= to else { return false }
            guard let org else { return true }
            return event.payload.organization == org
        }
        for event in events {
            if shouldStop() { throw Diagnostic(unlocated: InterpreterMessage.replayInterrupted) }
            var changes: [(country: String, change: String, ordinal: String)] = []
            for eventOrg in event.payload.organization.map({ [$0] }) ?? [] {
                for country in timeline.participants(of: eventOrg) {
                    for transition in timeline.transitions(of: country, in: eventOrg) where transition.eventID == event.id {
                        standing[eventOrg, default: [:]][country] = transition.after.status
                        let before = transition.before.status?.rawValue ?? "none"
                        let after = transition.after.status?.rawValue ?? "none"
                        var change = "\(before) → \(after)"
                        if before == after { change = transition.after.suspended ? "suspended" : "reinstated" }
                        var ordinal = ""
                        if transition.isMembership && transition.before.status != transition.after.status,
                            let rank = timeline.ordinal(of: country, in: eventOrg)
                        {
                            ordinal = " (\(Ordinal.text(rank)))"
                        }
                        changes.append((country, change, ordinal))
                    }
                }
            }
            let eventOrg = event.payload.organization
            // Running totals per status, and how this event moved them ("observer 4 → 3").
            var totals = ""
            var moved: [String] = []
            if let eventOrg, let organization = timeline.organizations[eventOrg] {
                let counts = Dictionary(grouping: (standing[eventOrg] ?? [:]).values.compactMap { $0 }, by: { $0 }).mapValues(\.count)
                let previous = lastCounts[eventOrg] ?? [:]
                var order = organization.foundingLadder.rungs.reversed().map { $0 }
                for status in Set(counts.keys).union(previous.keys).sorted() where !order.contains(status) { order.append(status) }
                totals = order.compactMap { status in counts[status].map { "\(status) \($0)" } }.joined(separator: ", ")
                moved = order.compactMap { status in
                    let before = previous[status] ?? 0
                    let after = counts[status] ?? 0
                    return before == after ? nil : "\(status) \(before) → \(after)"
                }
                lastCounts[eventOrg] = counts
            }
            if let from, event.date.latest < from { continue }
            // Many countries changing the same way (a founding, a reclassification) read as one line.
            var described: [String] = []
            if changes.count > 3 {
                var groups: [(change: String, countries: [String])] = []
                for item in changes {
                    if let index = groups.firstIndex(where: { $0.change == item.change }) {
                        groups[index].countries.append(item.country)
                    } else {
                        groups.append((item.change, [item.country]))
                    }
                }
                described = groups.map { "\($0.countries.joined(separator: " ")) \($0.change)" }
            } else {
                described = changes.map { "\($0.country) \($0.change)\($0.ordinal)" }
            }
            var change = described.isEmpty ? EventDescription.describe(event, in: timeline) : described.joined(separator: "; ")
            if !described.isEmpty && !moved.isEmpty { change += " (" + moved.joined(separator: ", ") + ")" }
            table.rows.append([
                .number(event.seq.value), .date(event.date), .string(event.date.precision.description), .string(event.event.kind.rawValue),
                .optional(eventOrg?.rawValue), .optional(event.payload.country), .string(change), .string(totals),
            ])
        }
        if table.rows.isEmpty { table.notes.append("no events to replay") }
        return table
    }

}
