import Testing
import TimelineCore

@Suite("Queries at a date")
struct QueryTests {
    @Test("a status dated 2010-04 is possible mid-April, certain in May, absent in March")
    func threeValued() throws {
        let timeline = Timeline(
            records: record([
                scoFounding,
                event(["type": "status", "org": "SCO", "country": "BLR", "status": "dialogue-partner", "date": "2010-04"]),
            ]))
        let sco = try #require(OrganizationID("SCO"))
        let mid = try #require(timeline.status(of: "BLR", in: sco, at: day("2010-04-15")))
        #expect(mid.certainty == .possible)
        #expect(mid.status.rawValue == "dialogue-partner")
        let may = try #require(timeline.status(of: "BLR", in: sco, at: day("2010-05-01")))
        #expect(may.certainty == .certain)
        #expect(may.since.description == "2010-04")
        #expect(timeline.status(of: "BLR", in: sco, at: day("2010-03-31")) == nil)
        // `at 2010-04` means the end of April: certain.
        #expect(timeline.status(of: "BLR", in: sco, at: day("2010-04"))?.certainty == .certain)
        #expect(timeline.roster(of: sco, at: day("2010-04-15")).rows.first { $0.country == "BLR" }?.certainty == .possible)
    }

    @Test("a precise later event makes an imprecise earlier one irrelevant")
    func preciseOverridesImprecise() throws {
        let timeline = Timeline(
            records: record([
                scoFounding,
                event(["type": "status", "org": "SCO", "country": "BLR", "status": "dialogue-partner", "date": "2010"]),
                event(["type": "status", "org": "SCO", "country": "BLR", "status": "observer", "date": "2010-06-01"]),
            ]))
        let sco = try #require(OrganizationID("SCO"))
        let row = try #require(timeline.status(of: "BLR", in: sco, at: day("2010-07-01")))
        #expect(row.status.rawValue == "observer")
        #expect(row.certainty == .certain)
        #expect(timeline.status(of: "BLR", in: sco, at: day("2010-05-01"))?.certainty == .possible)
    }

    @Test("a possible withdrawal makes membership possible")
    func possibleWithdrawal() throws {
        let timeline = Timeline(
            records: record([
                scoFounding,
                event(["type": "withdrawal", "org": "SCO", "country": "UZB", "date": "2012-06"]),
            ]))
        let sco = try #require(OrganizationID("SCO"))
        let members = timeline.members(of: sco, at: day("2012-06-10"))
        #expect(members.rows.count == 6)
        #expect(members.rows.first { $0.country == "UZB" }?.certainty == .possible)
        #expect(members.rows.first { $0.country == "CHN" }?.certainty == .certain)
        #expect(timeline.members(of: sco, at: day("2012-07-01")).rows.count == 5)
    }

    @Test("before founding and after dissolution: empty answers with a note, not an error")
    func lifetimeNotes() throws {
        let timeline = Timeline(records: record([scoFounding, event(["type": "dissolution", "org": "SCO", "date": "2040"])]))
        let sco = try #require(OrganizationID("SCO"))
        for year in 1900...2060 {
            let answer = timeline.members(of: sco, at: day(String(year)))
            if year < 2001 || year >= 2040 {
                #expect(answer.rows.isEmpty)
                #expect(!answer.notes.isEmpty)
            } else {
                #expect(answer.rows.count == 6)
            }
        }
        #expect(timeline.members(of: sco, at: day("1999")).notes == ["SCO did not exist yet on 1999-12-31: it was founded on 2001-06-15"])
        #expect(timeline.members(of: sco, at: day("2041")).notes == ["SCO no longer existed on 2041-12-31: it was dissolved on 2040"])
        #expect(timeline.organizations(at: day("2000")).isEmpty)
        #expect(timeline.organizations(at: day("2001")).map(\.organization.id.rawValue) == ["SCO"])
        #expect(timeline.organizations(at: day("2040-06")).first?.certainty == .possible)
        #expect(timeline.organizations(at: day("2041")).isEmpty)
    }

    @Test("reclassification merges statuses and changes the ladder from its date")
    func reclassification() throws {
        let timeline = Timeline(
            records: record([
                scoFounding,
                event(["type": "status", "org": "SCO", "country": "MNG", "status": "observer", "date": "2004-06-17"]),
                event(["type": "status", "org": "SCO", "country": "TUR", "status": "dialogue-partner", "date": "2013-04-26"]),
                event(["type": "reclassify", "org": "SCO", "from": "observer dialogue-partner", "to": "partner", "date": "2025-09-01"]),
                event(["type": "status", "org": "SCO", "country": "LAO", "status": "partner", "date": "2025-09-02"]),
            ]))
        #expect(timeline.violations.isEmpty)
        let sco = try #require(OrganizationID("SCO"))
        let before = timeline.roster(of: sco, at: day("2025-08-31"))
        #expect(before.groups.map(\.status.rawValue) == ["member", "observer", "dialogue-partner"])
        let after = timeline.roster(of: sco, at: day("2025-09-02"))
        #expect(after.groups.map(\.status.rawValue) == ["member", "partner"])
        #expect(codes(after.groups[1].rows) == ["LAO", "MNG", "TUR"])
        #expect(timeline.organizations[sco]?.currentLadder.description == "partner < member")
        #expect(timeline.status(of: "TUR", in: sco, at: day("2025-09-01"))?.since.description == "2025-09-01")
    }

    @Test("suspension keeps the status, flagged, and its start date")
    func suspension() throws {
        let timeline = Timeline(
            records: record([
                scoFounding,
                event(["type": "suspension", "org": "SCO", "country": "UZB", "date": "2010-01-01"]),
                event(["type": "reinstatement", "org": "SCO", "country": "UZB", "date": "2011-01-01"]),
            ]))
        let sco = try #require(OrganizationID("SCO"))
        let row = try #require(timeline.status(of: "UZB", in: sco, at: day("2010-06")))
        #expect(row.suspended)
        #expect(row.since.description == "2001-06-15")
        #expect(timeline.status(of: "UZB", in: sco, at: day("2011"))?.suspended == false)
        #expect(timeline.members(of: sco, at: day("2010-06")).rows.count == 6)
    }

    @Test("history of a country and an organization, in valid-time order")
    func history() throws {
        let records = record([
            event(["type": "accession", "org": "SCO", "country": "BLR", "date": "2024-07-04"]),
            scoFounding,
            event(["type": "status", "org": "SCO", "country": "BLR", "status": "observer", "date": "2015-07-10"]),
            event(["type": "summit", "org": "SCO", "date": "2024-07-03/2024-07-04", "place": "Astana", "host": "KAZ"]),
            event([
                "type": "statement", "speaker": "Xi Jinping", "org": "SCO", "country": "BLR", "date": "2024-07-04",
                "text": "welcomed Belarus",
            ]),
        ])
        let timeline = Timeline(records: records)
        #expect(timeline.violations.isEmpty)
        let sco = try #require(OrganizationID("SCO"))
        #expect(timeline.history(ofCountry: "BLR").map(\.event.kind) == [.status, .accession, .statement])
        #expect(timeline.history(ofCountry: "KAZ").map(\.event.kind) == [.founding, .summit])
        #expect(timeline.history(ofOrganization: sco).map(\.event.kind) == [.founding, .status, .summit, .accession, .statement])
        #expect(timeline.summits(of: sco, from: day("2020"), to: nil).count == 1)
        #expect(timeline.summits(of: sco, from: nil, to: day("2023")).isEmpty)
        #expect(timeline.statements(country: "BLR").count == 1)
        #expect(timeline.history(ofCountry: "BLR", from: day("2016"), to: nil).count == 2)
    }

    @Test("organizations resolve by id or name, with suggestions")
    func organizations() throws {
        let timeline = Timeline(records: record([scoFounding]))
        #expect(try timeline.resolveOrganization("sco").id.rawValue == "SCO")
        #expect(try timeline.resolveOrganization("Shanghai Cooperation Organisation").id.rawValue == "SCO")
        do {
            _ = try timeline.resolveOrganization("SOC")
            Issue.record("SOC resolved")
        } catch {
            #expect(error.suggestions == ["SCO"])
            #expect(error.description == "unknown organization \"SOC\": no founding event introduces it; did you mean \"SCO\"?")
        }
    }
}
