import Testing

@testable import TimelineCore

/// A large timeline is folded on several threads, one group of organizations each; the outcome
/// must be the sequential fold's, violations and their order included.
@Suite("Partitioned fold")
struct PartitionedFoldTests {
    /// A synthetic history made to break rules: some events moved to other dates, duplicate and
    /// out-of-order foundings, predecessors (known, unknown and in a cycle), unknown
    /// organizations and countries, undated events, corrections and retractions.
    static let records: [RecordedEvent] = {
        var generator = SplitMix64(seed: 99)
        var events = SyntheticHistory(events: 6_000, seed: 12).events()
        let organizations = events.compactMap { event -> OrganizationID? in
            if case .founding(let founding) = event.payload { return founding.org }
            return nil
        }
        for index in events.indices where generator.next() % 25 == 0 {
            let year = 1900 + Int(generator.next() % 126)
            events[index].date = .day(year, 1 + Int(generator.next() % 12), 1 + Int(generator.next() % 28))
        }
        let first = organizations[0].rawValue
        let second = organizations[1].rawValue
        let extra: [NewEvent] = [
            event([
                "type": "founding", "org": "HEIR", "name": "Heir", "date": "1990-01-01", "founders": "FRA", "ladder": "member",
                "predecessor": first,
            ]),
            event([
                "type": "founding", "org": "EARLY", "name": "Early", "date": "1950-01-01", "founders": "DEU", "ladder": "member",
                "predecessor": "LATER",
            ]),
            event([
                "type": "founding", "org": "LATER", "name": "Later", "date": "1960-01-01", "founders": "ITA", "ladder": "member",
                "predecessor": "EARLY",
            ]),
            event(["type": "founding", "org": second, "name": "Again", "date": "1999-01-01", "founders": "ESP", "ladder": "member"]),
            event(["type": "accession", "org": "HEIR", "country": "FRA", "date": "1991-01-01"]),
            event(["type": "accession", "org": "HEIR", "country": "BEL", "date": "1989-01-01"]),
            event(["type": "accession", "org": "NOPE", "country": "BEL", "date": "1991-01-01"]),
            event(["type": "accession", "org": "HEIR", "country": "XXX", "date": "1992-01-01"]),
            event(["type": "statement", "speaker": "Someone", "country": "QQQ", "text": "words", "date": "1993-01-01"]),
            event(["type": "statement", "speaker": "Someone", "org": "HEIR", "text": "words", "date": "1993-01-02"]),
            event(["type": "dissolution", "org": "HEIR", "date": "1995-01-01"]),
            event(["type": "accession", "org": "HEIR", "country": "NLD", "date": "1996-01-01"]),
            event(["type": "accession", "org": "HEIR", "country": "NLD"]),
        ]
        for (offset, item) in extra.enumerated() { events.insert(item, at: (offset * 457) % events.count) }
        var records = record(events)
        // Amendments, appended after: a date moved, a country changed, an event retracted.
        let targets = [records[40], records[400], records[4_000]]
        let amendments: [NewEvent] = [
            NewEvent(
                date: nil, payload: .correction(target: targets[0].id.rawValue, changes: Correction(date: .day(1901, 1, 1))),
                source: Source(citation: "t")!),
            NewEvent(date: nil, payload: .retraction(target: targets[1].id.rawValue, reason: "wrong"), source: Source(citation: "t")!),
            NewEvent(
                date: nil, payload: .correction(target: targets[2].id.rawValue, changes: Correction(date: .day(2025, 12, 31))),
                source: Source(citation: "t")!),
        ]
        records += record(amendments, startingAt: records.count + 1)
        return records
    }()

    static func expectSameFold(_ records: [RecordedEvent], parts: Int, _ label: String) {
        let sequential = Timeline(records: records, registry: .standard, foldParts: 1)
        let partitioned = Timeline(records: records, registry: .standard, foldParts: parts)
        #expect(partitioned.violations == sequential.violations, "\(label): violations, in order")
        #expect(partitioned.organizations == sequential.organizations, "\(label): organizations")
        #expect(partitioned.events.map(\.id) == sequential.events.map(\.id), "\(label): fold order")
        for org in sequential.organizations.keys {
            #expect(partitioned.participants(of: org) == sequential.participants(of: org), "\(label): \(org) participants")
            for country in sequential.participants(of: org) {
                #expect(
                    partitioned.transitions(of: country, in: org) == sequential.transitions(of: country, in: org),
                    "\(label): \(org) \(country)")
            }
        }
        // The final state, as an append after everything sees it: in every organization, an
        // accession and a withdrawal of a participant (a member already or not), so that each
        // group's participants must be found again in the combined fold.
        var probes = [event(["type": "accession", "org": "HEIR", "country": "FRA", "date": "2030-01-01"])]
        for org in sequential.organizations.keys.sorted() {
            for country in sequential.participants(of: org).prefix(2) {
                probes.append(event(["type": "accession", "org": org.rawValue, "country": country, "date": "2030-01-01"]))
                probes.append(event(["type": "withdrawal", "org": org.rawValue, "country": country, "date": "2030-01-01"]))
            }
        }
        var refused = 0
        let declined = InvariantViolation(
            rule: .invalidAmendment, eventID: EventID("declined")!, seq: SequenceNumber(0), summary: "", message: "declined")
        for probe in probes {
            let batch = record([probe], startingAt: records.count + 1)
            var fromSequential = AppendValidator(timeline: sequential)
            var fromPartitioned = AppendValidator(timeline: partitioned)
            let expected = verdict(
                { () throws(InvariantViolation) in if try !fromSequential.check(batch) { throw declined } }, withMessage: true)
            #expect(
                verdict({ () throws(InvariantViolation) in if try !fromPartitioned.check(batch) { throw declined } }, withMessage: true)
                    == expected, "\(label): \(probe.summary)")
            if expected != "accepted" { refused += 1 }
        }
        // A history that breaks rules is left to a full fold: the validator declines every batch.
        if sequential.violations.isEmpty {
            #expect(refused > 0 && refused < probes.count, "\(label): some probes refused, some accepted")
        }
    }

    @Test("a history that breaks rules: the same violations, organizations and transitions on 2, 3 and 7 threads")
    func brokenHistory() {
        let sequential = Timeline(records: Self.records, registry: .standard, foldParts: 1)
        #expect(sequential.violations.count > 100)
        let rules = Set(sequential.violations.map(\.rule))
        #expect(
            rules.isSuperset(of: [
                .duplicateFounding, .unknownPredecessor, .unknownOrganization, .organizationNotYetFounded,
                .unknownCountry, .organizationDissolved, .missingDate, .alreadyMember,
            ]))
        #expect(sequential.events.contains { !$0.corrections.isEmpty })
        #expect(Timeline.violations(of: Self.records) == sequential.violations, "the check without projections")
        for parts in [2, 3, 7] { Self.expectSameFold(Self.records, parts: parts, "\(parts) threads") }
    }

    @Test("a valid history without amendments: the records folded as they are, on several threads")
    func validHistory() {
        let records = record(SyntheticHistory(events: 5_000, seed: 4).events())
        let timeline = Timeline(records: records, registry: .standard, foldParts: 2)
        #expect(timeline.violations.isEmpty)
        Self.expectSameFold(records, parts: 2, "valid")
    }

    @Test("organizations linked by predecessors share a group")
    func groups() {
        let ids = ["A", "B", "C", "D", "E"].map { OrganizationID($0)! }
        let groups = PartitionedFold.groupNumbers(
            foundings: ids, predecessors: [(ids[1], ids[0]), (ids[3], ids[1]), (ids[4], ids[2])], parts: 2)
        #expect(groups[ids[0]] == groups[ids[1]] && groups[ids[1]] == groups[ids[3]])
        #expect(groups[ids[2]] == groups[ids[4]])
        #expect(groups[ids[0]] != groups[ids[2]])
    }
}
