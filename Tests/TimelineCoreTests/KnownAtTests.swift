import Testing
import TimelineCore

@Suite("Known at, corrections and retractions")
struct KnownAtTests {
    let sco = OrganizationID("SCO")!
    let india = event(["type": "accession", "org": "SCO", "country": "IND", "date": "2017-06-08"])

    @Test("answers as the log stood at an earlier sequence number or recorded time")
    func knownAt() throws {
        let timeline = Timeline(
            records: record([
                scoFounding,
                india,
                event(["type": "accession", "org": "SCO", "country": "PAK", "date": "2017-06-09"]),
            ]))
        #expect(timeline.members(of: sco, at: day("2017")).rows.count == 8)
        #expect(timeline.known(at: .seq(SequenceNumber(2))).members(of: sco, at: day("2017")).rows.count == 7)
        #expect(timeline.known(at: .seq(SequenceNumber(1))).members(of: sco, at: day("2017")).rows.count == 6)
        #expect(timeline.known(at: .seq(SequenceNumber(0))).organizations.isEmpty)
        // Records are one second apart from 1970-01-01T00:00:01Z.
        let asOf = try #require(RecordedTime.parse("1970-01-01T00:00:02Z"))
        #expect(timeline.known(at: .recorded(asOf)).members(of: sco, at: day("2017")).rows.count == 7)
        #expect(timeline.known(at: .recorded(asOf)).head == SequenceNumber(2))
    }

    @Test("a correction changes the answer from its sequence number on")
    func correction() throws {
        let fix = NewEvent(
            date: nil, payload: .correction(target: String(india.id.rawValue.prefix(6)), changes: Correction(date: .day(2017, 6, 9))),
            source: Source(citation: "TASS")!)
        let timeline = Timeline(records: record([scoFounding, india, fix]))
        #expect(timeline.violations.isEmpty)
        #expect(timeline.members(of: sco, at: day("2017-06-08")).rows.count == 6)
        #expect(timeline.members(of: sco, at: day("2017-06-09")).rows.count == 7)
        let row = try #require(timeline.status(of: "IND", in: sco, at: day("2017-06-09")))
        #expect(row.since.description == "2017-06-09")
        #expect(timeline.event(india.id)?.corrections == [fix.id])
        let before = timeline.known(at: .seq(SequenceNumber(2)))
        #expect(before.members(of: sco, at: day("2017-06-08")).rows.count == 7)
        // History shows the corrected date.
        #expect(timeline.history(ofCountry: "IND").first?.date.description == "2017-06-09")
    }

    @Test("later corrections win, and a retracted correction no longer applies")
    func correctionLayers() throws {
        let first = NewEvent(
            date: nil, payload: .correction(target: india.id.rawValue, changes: Correction(date: .day(2018, 1, 1))),
            source: Source(citation: "A")!)
        let second = NewEvent(
            date: nil, payload: .correction(target: india.id.rawValue, changes: Correction(date: .day(2019, 1, 1))),
            source: Source(citation: "B")!)
        let undo = NewEvent(date: nil, payload: .retraction(target: second.id.rawValue, reason: "wrong"), source: Source(citation: "C")!)
        let timeline = Timeline(records: record([scoFounding, india, first, second]))
        #expect(timeline.event(india.id)?.date.description == "2019-01-01")
        let undone = Timeline(records: record([scoFounding, india, first, second, undo]))
        #expect(undone.event(india.id)?.date.description == "2018-01-01")
    }

    @Test("a retraction removes the event from every answer")
    func retraction() throws {
        let retract = NewEvent(
            date: nil, payload: .retraction(target: india.id.rawValue, reason: "duplicate"), source: Source(citation: "x")!)
        let timeline = Timeline(records: record([scoFounding, india, retract]))
        #expect(timeline.violations.isEmpty)
        #expect(timeline.members(of: sco, at: day("2020")).rows.count == 6)
        #expect(timeline.history(ofCountry: "IND").isEmpty)
        #expect(timeline.event(india.id) == nil)
        #expect(timeline.known(at: .seq(SequenceNumber(2))).members(of: sco, at: day("2020")).rows.count == 7)
    }
}
