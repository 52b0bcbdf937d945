import Testing

@testable import TimelineCore

/// Alternative dates and date conventions: an event keeps the other dates of its step, each
/// with its kind and source, and a timeline folded under a convention dates events by them.
@Suite("Date conventions")
struct DateConventionTests {
    static let decidedSource = Source(citation: "Yekaterinburg declaration", url: "https://example.org/decision")!

    /// Belarus: a dialogue partner from the memorandum (2010-04), decided at the summit of
    /// 2009-06-16; Sri Lanka likewise, without an alternative date.
    static let records: [RecordedEvent] = {
        var belarus = event(["type": "status", "org": "SCO", "country": "BLR", "status": "dialogue-partner", "date": "2010-04"])
        belarus.alternatives = [AlternativeDate(kind: .decided, date: .day(2009, 6, 16), source: decidedSource)]
        let sriLanka = event(["type": "status", "org": "SCO", "country": "LKA", "status": "dialogue-partner", "date": "2010-05"])
        return record([scoFounding, belarus, sriLanka])
    }()

    @Test("the default dates each event by its own date; a convention by its alternative of that kind")
    func convention() {
        let plain = Timeline(records: Self.records)
        let decided = Timeline(records: Self.records, convention: .decided)
        let sco = OrganizationID("SCO")!
        #expect(plain.status(of: "BLR", in: sco, at: day("2009-12-31")) == nil)
        let row = decided.status(of: "BLR", in: sco, at: day("2009-12-31"))
        #expect(row?.status == Status("dialogue-partner"))
        #expect(row?.since == .day(2009, 6, 16))
        // No decided date: its own date under every convention.
        #expect(decided.status(of: "LKA", in: sco, at: day("2009-12-31")) == nil)
        #expect(decided.status(of: "LKA", in: sco, at: day("2010-05"))?.status == Status("dialogue-partner"))
        // A kind no event carries changes nothing.
        #expect(Timeline(records: Self.records, convention: .signed).status(of: "BLR", in: sco, at: day("2009-12-31")) == nil)
        #expect(decided.events.first { $0.id == Self.records[1].id }?.datedBy == .decided)
        #expect(plain.under(.decided).status(of: "BLR", in: sco, at: day("2009-12-31")) != nil)
        #expect(decided.known(at: .seq(SequenceNumber(3))).convention == .decided)
    }

    @Test("alternative dates are stored under also, survive a round trip and leave the id of an event without them alone")
    func fields() throws {
        let belarus = Self.records[1].event
        guard case .fields(let map)? = belarus.fields["also"] else {
            Issue.record("no also field in \(belarus.fields)")
            return
        }
        #expect(
            map == ["decided": "2009-06-16", "decided.source": "Yekaterinburg declaration", "decided.url": "https://example.org/decision"])
        let again = try NewEvent(fields: belarus.fields)
        #expect(again.alternatives == belarus.alternatives)
        #expect(again.derivedID == belarus.derivedID)
        var plain = belarus
        plain.alternatives = []
        #expect(plain.fields["also"] == nil)
        #expect(plain.derivedID != belarus.derivedID)
    }

    @Test(
        "a malformed also field names its key and what was expected",
        arguments: [
            (["soon": "2009-06-16", "soon.source": "x"], "also.soon"),
            (["decided": "2009-13-40", "decided.source": "x"], "also.decided"),
            (["decided": "2009-06-16"], "also.decided.source"),
            (["decided.source": "x"], "also.decided.source"),
        ])
    func malformed(map: [String: String], field: String) {
        var fields = Self.records[2].event.fields
        fields["also"] = .fields(map)
        #expect(throws: EventFieldError.self) { try NewEvent(fields: fields) }
        do {
            _ = try NewEvent(fields: fields)
        } catch {
            #expect(error.field == field, "\(error)")
        }
    }

    @Test("a correction adds alternative dates to its target, replacing one of the same kind")
    func correction() {
        let signed = AlternativeDate(
            kind: .signed, date: .single(PartialDate(year: 2010, month: 3)), source: Source(citation: "memorandum")!)
        let redecided = AlternativeDate(kind: .decided, date: .day(2009, 6, 15), source: Source(citation: "a better source")!)
        let fix = NewEvent(
            date: nil, payload: .correction(target: Self.records[1].id.rawValue, changes: Correction(alternatives: [signed, redecided])),
            source: Source(citation: "test")!)
        let records = Self.records + record([fix], startingAt: 4)
        let timeline = Timeline(records: records)
        #expect(timeline.violations.isEmpty)
        let corrected = timeline.events.first { $0.id == Self.records[1].id }!
        #expect(corrected.event.alternatives.map(\.kind) == [.decided, .signed])
        #expect(corrected.event.alternative(.decided)?.date == .day(2009, 6, 15))
        let sco = OrganizationID("SCO")!
        #expect(timeline.under(.decided).status(of: "BLR", in: sco, at: day("2009-06-15"))?.status == Status("dialogue-partner"))
        #expect(timeline.under(.signed).status(of: "BLR", in: sco, at: day("2010-03"))?.status == Status("dialogue-partner"))
        // The correction's fields round-trip through the log's form.
        let again = try? NewEvent(fields: fix.fields)
        #expect(again == fix)
    }

    @Test("kinds are read from participles and nouns")
    func words() {
        #expect(DateKind(word: "decision") == .decided)
        #expect(DateKind(word: "Signed") == .signed)
        #expect(DateKind(word: "entry-into-force") == .effective)
        #expect(DateKind(word: "someday") == nil)
    }
}
