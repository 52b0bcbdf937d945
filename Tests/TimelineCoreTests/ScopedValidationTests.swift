import Testing
import TimelineCore

/// Appends are checked by folding only the organizations a batch touches: that must refuse
/// exactly what a fold of the whole log refuses, with the same rule.
@Suite("Scoped validation")
struct ScopedValidationTests {
    static let existing = record(OrderIndependenceTests.history)

    static let candidates: [NewEvent] = [
        event(["type": "accession", "org": "SCO", "country": "IND", "date": "2020"]),
        event(["type": "accession", "org": "SCO", "country": "MNG", "date": "2020"]),
        event(["type": "accession", "org": "CSTO", "country": "UZB", "date": "2010"]),
        event(["type": "accession", "org": "CSTO", "country": "UZB", "date": "2005"]),
        event(["type": "withdrawal", "org": "CSTO", "country": "UZB", "date": "2013"]),
        event(["type": "reinstatement", "org": "CSTO", "country": "ARM", "date": "2025"]),
        event(["type": "status", "org": "SCO", "country": "TUR", "status": "observer", "date": "2024"]),
        event(["type": "status", "org": "SCO", "country": "TUR", "status": "observer", "date": "2026"]),
        event(["type": "founding", "org": "CSTO", "name": "again", "date": "2003", "founders": "RUS", "ladder": "member"]),
        event([
            "type": "founding", "org": "EAEU", "name": "Eurasian Economic Union", "date": "2015", "founders": "RUS BLR KAZ",
            "ladder": "observer member", "predecessor": "CSTO",
        ]),
        event([
            "type": "founding", "org": "EAEU", "name": "Eurasian Economic Union", "date": "2015", "founders": "RUS", "ladder": "member",
            "predecessor": "NOPE",
        ]),
        event(["type": "accession", "org": "EAEU", "country": "ARM", "date": "2015"]),
        event(["type": "accession", "org": "SOC", "country": "ARM", "date": "2015"]),
        event(["type": "summit", "org": "CSTO", "date": "2001", "host": "RUS"]),
        event(["type": "statement", "speaker": "X", "org": "SCO", "country": "BLR", "date": "2024", "text": "y"]),
        event(["type": "statement", "speaker": "X", "country": "BLR", "date": "1990", "text": "y"]),
        event(["type": "dissolution", "org": "CSTO", "date": "2010"]),
        event(["type": "milestone", "org": "SCO", "country": "IRN", "date": "2000", "text": "early"]),
    ]

    @Test("the same verdict as a fold of the whole log, for each candidate", arguments: 0..<candidates.count)
    func sameVerdict(index: Int) {
        let batch = record([Self.candidates[index]], startingAt: Self.existing.count + 1)
        let full = verdict { () throws(InvariantViolation) in try Timeline.validate(appending: batch, to: Timeline(records: Self.existing))
        }
        let scoped = verdict { () throws(InvariantViolation) in try Timeline.validate(appending: batch, after: Self.existing) }
        #expect(scoped == full, "\(Self.candidates[index].summary)")
    }

    @Test("candidates cover both verdicts")
    func coverage() {
        let verdicts = Self.candidates.map { candidate in
            verdict { () throws(InvariantViolation) in
                try Timeline.validate(appending: record([candidate], startingAt: Self.existing.count + 1), after: Self.existing)
            }
        }
        #expect(verdicts.filter { $0 == "accepted" }.count >= 4)
        #expect(verdicts.filter { $0 != "accepted" }.count >= 8)
    }
}

/// A correction of another organization's event stays out of a scoped selection (it would name
/// an event the selection lacks); one of an event in scope comes with it.
@Suite("Scoped selection of amendments")
struct ScopedAmendmentTests {
    @Test("an amendment is selected only with its target, so a log with corrections keeps the fast check")
    func amendmentsWithTargets() throws {
        let opec = event([
            "type": "founding", "org": "OPEC", "name": "OPEC", "date": "1960-09-14", "founders": "IRN IRQ", "ladder": "member",
        ])
        let qatar = event(["type": "accession", "org": "OPEC", "country": "QAT", "date": "1961"])
        let leaves = event(["type": "withdrawal", "org": "OPEC", "country": "QAT", "date": "2019-01-01"])
        let existing = record([scoFounding, opec, qatar, leaves])
        let correctOPEC = NewEvent(
            date: nil, payload: .correction(target: existing[3].id.rawValue, changes: Correction(date: .day(2019, 1, 2))),
            source: Source(citation: "test")!)
        let correctSCO = NewEvent(
            date: nil, payload: .correction(target: String(existing[0].id.rawValue.prefix(8)), changes: Correction(place: "Shanghai")),
            source: Source(citation: "test")!)
        let log = existing + record([correctOPEC, correctSCO], startingAt: 5)
        let selected = Timeline.records(of: [log], about: [OrganizationID("SCO")!])
        #expect(selected.map(\.seq.value) == [1, 2, 6], "the SCO, every founding, and only the SCO's correction (by prefix)")
        #expect(Timeline(records: selected).violations.isEmpty)
        // Scoped to OPEC: its correction (by full id) with its target, and the SCO's, whose target
        // (a founding) every selection keeps.
        #expect(Timeline.records(of: [log], about: [OrganizationID("OPEC")!]).map(\.seq.value) == [1, 2, 3, 4, 5, 6])
        // The scoped validator stays clean, so it checks a new SCO event itself.
        var validator = AppendValidator(records: [log], organizations: [OrganizationID("SCO")!])
        let next = record([event(["type": "accession", "org": "SCO", "country": "IND", "date": "2017-06-09"])], startingAt: 7)
        #expect(try validator.check(next))
    }
}
