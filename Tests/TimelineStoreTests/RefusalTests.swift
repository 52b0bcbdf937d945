import Testing
import TimelineCore
import TimelineStore
import TimelineTestSupport

/// Every refused append leaves the log file byte for byte as it was.
@Suite("Refused appends leave the log unchanged")
struct RefusalTests {
    static let sco = OrganizationID("SCO")!
    static let source = Source(citation: "test")!

    static let refused: [(String, NewEvent)] = [
        ("already-member", NewEvent(date: .day(2020, 1, 1), payload: .accession(org: sco, country: "IND"), source: source)),
        ("unknown-country", NewEvent(date: .day(2020, 1, 1), payload: .accession(org: sco, country: "XXX"), source: source)),
        (
            "unknown-organization",
            NewEvent(date: .day(2020, 1, 1), payload: .accession(org: OrganizationID("NATO")!, country: "BLR"), source: source)
        ),
        ("organization-not-yet-founded", NewEvent(date: .day(1990, 1, 1), payload: .accession(org: sco, country: "MNG"), source: source)),
        (
            "status-not-on-ladder",
            NewEvent(
                date: .day(2020, 1, 1), payload: .status(org: sco, country: "MNG", status: Status("partner")!, change: nil), source: source)
        ),
        (
            "same-status",
            NewEvent(
                date: .day(2012, 1, 1), payload: .status(org: sco, country: "BLR", status: Status("dialogue-partner")!, change: nil),
                source: source)
        ),
        (
            "wrong-change-kind",
            NewEvent(
                date: .day(2020, 1, 1), payload: .status(org: sco, country: "MNG", status: Status("observer")!, change: .elevation),
                source: source)
        ),
        ("not-participating", NewEvent(date: .day(2020, 1, 1), payload: .withdrawal(org: sco, country: "MNG"), source: source)),
        ("not-suspended", NewEvent(date: .day(2020, 1, 1), payload: .reinstatement(org: sco, country: "IND"), source: source)),
        (
            "duplicate-founding",
            NewEvent(
                date: .day(2020, 1, 1),
                payload: .founding(Founding(org: sco, name: "again", founders: [], ladder: StatusLadder([Status("member")!])!)),
                source: source)
        ),
        (
            "organization-dissolved",
            NewEvent(date: .day(2001, 7, 1), payload: .accession(org: OrganizationID("S5")!, country: "MNG"), source: source)
        ),
        ("unknown-target", NewEvent(date: nil, payload: .retraction(target: "zzzzzzzz", reason: "x"), source: source)),
        ("missing-date", NewEvent(date: nil, payload: .accession(org: sco, country: "MNG"), source: source)),
    ]

    @Test("each rule, refused from the file log with nothing written", arguments: 0..<refused.count)
    func refusal(index: Int) throws {
        let (rule, event) = Self.refused[index]
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("log.jsonl")
        _ = try FileEventLog(path: path).append(try fixtureEvents("sco-small.events.jsonl"), recordedAt: at(0))
        let before = readBytes(path)
        do {
            _ = try FileEventLog(path: path).append([event], recordedAt: at(1))
            Issue.record("\(rule): the append was accepted")
        } catch {
            #expect(error.code == .invariant)
            #expect(error.violation?.rule.rawValue == rule)
            #expect(error.description.hasPrefix("\(path): refused, nothing was written: event "))
        }
        #expect(readBytes(path) == before)
    }

    @Test("an event without a source cannot even be built from fields")
    func sourceMandatory() {
        do {
            _ = try NewEvent(fields: [
                "type": .string("accession"), "org": .string("SCO"), "country": .string("IND"), "date": .string("2017"),
            ])
            Issue.record("built an event without a source")
        } catch {
            #expect(error.field == "source")
            #expect(error.message == "every event needs a source (a citation: outlet, title, date or URL)")
        }
        #expect(Source(citation: "   ") == nil)
    }
}

@Suite("A refused first append leaves no file")
struct RefusedCreationTests {
    @Test("the log a refused batch would have created does not exist afterwards")
    func noEmptyFile() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("new.jsonl")
        let bad = NewEvent(
            date: .day(2020, 1, 1), payload: .accession(org: OrganizationID("SCO")!, country: "IND"), source: Source(citation: "x")!)
        #expect(throws: StoreError.self) { try FileEventLog(path: path).append([bad], recordedAt: at(0)) }
        #expect(readBytes(path).isEmpty)
        #expect(throws: StoreError.self) { try FileEventLog(path: path).read() }
    }
}
