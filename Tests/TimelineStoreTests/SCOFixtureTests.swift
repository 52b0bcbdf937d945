import Foundation
import Testing
import TimelineCore
import TimelineStore
import TimelineTestSupport

/// The small SCO fixture: the Shanghai Five, the founding, India and Pakistan, Iran, and
/// Belarus's path from dialogue partner to member.
@Suite("SCO fixture")
struct SCOFixtureTests {
    static let goldenLog = "sco-small.jsonl"

    /// The committed golden log, rebuilt when `TIMELINE_RECORD_FIXTURES=1` (deliberately only).
    static func goldenPath() throws -> String {
        try #require(Bundle.module.url(forResource: goldenLog, withExtension: nil, subdirectory: "Fixtures")).path
    }

    @Test("the events, appended as one batch at a fixed time, reproduce the golden log byte for byte")
    func goldenLogReproduces() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("sco.jsonl")
        _ = try FileEventLog(path: path).append(try fixtureEvents("sco-small.events.jsonl"), recordedAt: at(0))
        if ProcessInfo.processInfo.environment["TIMELINE_RECORD_FIXTURES"] == "1" {
            let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(Self.goldenLog)")
            try Data(readBytes(path)).write(to: source)
        }
        #expect(readBytes(path) == readBytes(try Self.goldenPath()))
    }

    @Test(
        "member counts at the dates that matter, Belarus the 10th",
        arguments: [
            ("2001-06-14", 0), ("2001-06-15", 6), ("2017-06-08", 6), ("2017-06-09", 8), ("2023-07-03", 8), ("2023-07-04", 9),
            ("2024-07-03", 9), ("2024-07-04", 10), ("2024", 10),
        ])
    func members(date: String, count: Int) throws {
        let timeline = Timeline(records: try FileEventLog(path: try Self.goldenPath()).read().records)
        let sco = try timeline.resolveOrganization("SCO")
        let answer = timeline.members(of: sco.id, at: try EDTFDate.parse(date).latest)
        #expect(answer.rows.count == count)
        #expect(answer.rows.allSatisfy { $0.certainty == .certain })
        if count == 10 {
            #expect(answer.rows.map(\.country) == ["CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB", "IND", "PAK", "IRN", "BLR"])
            #expect(answer.rows.last?.ordinal == 10)
            #expect(answer.rows.last?.name == "Belarus")
            #expect(answer.rows.last?.since.description == "2024-07-04")
        }
    }

    @Test("Belarus's path: decision, dialogue partner, observer, member")
    func belarusPath() throws {
        let timeline = Timeline(records: try FileEventLog(path: try Self.goldenPath()).read().records)
        let sco = try #require(OrganizationID("SCO"))
        let path = timeline.history(ofCountry: "BLR").map { "\($0.date) \($0.event.kind.rawValue)" }
        #expect(path == ["2009-06-16 milestone", "2010-04 status", "2015-07-10 status", "2024-07-04 accession", "2024-07-04 statement"])
        func status(_ date: String) -> String? { timeline.status(of: "BLR", in: sco, at: day(date))?.status.rawValue }
        #expect(status("2009-12-31") == nil)
        #expect(status("2010-05-01") == "dialogue-partner")
        #expect(timeline.status(of: "BLR", in: sco, at: day("2010-04-20"))?.certainty == .possible)
        #expect(status("2015-07-10") == "observer")
        #expect(status("2024-07-04") == "member")
        // The Shanghai Five: five founders, Uzbekistan the sixth, then dissolved into the SCO.
        let s5 = try #require(OrganizationID("S5"))
        #expect(timeline.members(of: s5, at: day("2001-06-14")).rows.count == 6)
        #expect(timeline.members(of: s5, at: day("2001-06-15")).rows.isEmpty)
        #expect(timeline.organizations[sco]?.predecessor == s5)
        #expect(timeline.organizations(at: day("2001-06-15")).map(\.organization.id) == [sco])
    }
}

// Fixed inputs (committed fixtures, literal dates): a failure is a broken checkout, and stopping here says so.
// swift-format-ignore: NeverUseForceTry
func day(_ text: String) -> CivilDay { try! EDTFDate.parse(text).latest }
