import Testing
import TimelineCore
import TimelineTestSupport

@Suite("Order independence")
struct OrderIndependenceTests {
    /// Events of two organizations, with imprecise dates, a reclassification, a withdrawal and a
    /// suspension. No two events of one country share a day, so their order is fixed by dates.
    static let history: [NewEvent] = [
        scoFounding,
        event([
            "type": "founding", "org": "CSTO", "name": "Collective Security Treaty Organization", "date": "2002-10-07",
            "founders": "ARM BLR KAZ KGZ RUS TJK", "ladder": "observer member",
        ]),
        event(["type": "accession", "org": "CSTO", "country": "UZB", "date": "2006-08-16"]),
        event(["type": "withdrawal", "org": "CSTO", "country": "UZB", "date": "2012-06-28"]),
        event(["type": "suspension", "org": "CSTO", "country": "ARM", "date": "2024-02"]),
        event(["type": "status", "org": "SCO", "country": "MNG", "status": "observer", "date": "2004-06-17"]),
        event(["type": "status", "org": "SCO", "country": "IND", "status": "observer", "date": "2005-07-05"]),
        event(["type": "status", "org": "SCO", "country": "PAK", "status": "observer", "date": "2005-07-05"]),
        event(["type": "status", "org": "SCO", "country": "IRN", "status": "observer", "date": "2005-07"]),
        event(["type": "status", "org": "SCO", "country": "BLR", "status": "dialogue-partner", "date": "2010-04"]),
        event(["type": "status", "org": "SCO", "country": "LKA", "status": "dialogue-partner", "date": "2010-05~"]),
        event(["type": "status", "org": "SCO", "country": "TUR", "status": "dialogue-partner", "date": "2013"]),
        event(["type": "status", "org": "SCO", "country": "BLR", "status": "observer", "change": "elevation", "date": "2015-07-10"]),
        event(["type": "accession", "org": "SCO", "country": "IND", "date": "2017-06-09"]),
        event(["type": "accession", "org": "SCO", "country": "PAK", "date": "2017-06-09"]),
        event(["type": "summit", "org": "SCO", "date": "2017-06-08/2017-06-09", "place": "Astana", "host": "KAZ"]),
        event(["type": "milestone", "org": "SCO", "country": "IRN", "date": "2021-09-17", "text": "accession procedure launched"]),
        event(["type": "accession", "org": "SCO", "country": "IRN", "date": "2023-07-04"]),
        event(["type": "accession", "org": "SCO", "country": "BLR", "date": "2024-07-04"]),
        event(["type": "reclassify", "org": "SCO", "from": "observer dialogue-partner", "to": "partner", "date": "2025-09-01"]),
        event(["type": "status", "org": "SCO", "country": "LAO", "status": "partner", "date": "2025-10"]),
    ]

    /// Appends events one at a time in the given order, retrying refused ones after the others,
    /// as a user appending out of historical order would. Returns the records as logged.
    static func appendOutOfOrder(_ events: [NewEvent]) -> [RecordedEvent]? {
        var pending = events
        var timeline = Timeline(records: [])
        var rounds = 0
        while !pending.isEmpty {
            rounds += 1
            if rounds > events.count + 1 { return nil }
            var refused: [NewEvent] = []
            for event in pending {
                let candidate = record([event], startingAt: timeline.records.count + 1)
                do {
                    try Timeline.validate(appending: candidate, to: timeline)
                    timeline = Timeline(records: timeline.records + candidate)
                } catch {
                    refused.append(event)
                }
            }
            pending = refused
        }
        return timeline.records
    }

    /// Every answer at every day that matters: each event's bounds and the days around them.
    static func answers(_ timeline: Timeline) -> [String] {
        var days = Set<CivilDay>()
        for event in history where event.date != nil {
            for bound in [event.date!.earliest, event.date!.latest] {
                days.formUnion([bound.previous, bound, bound.next])
            }
        }
        var lines: [String] = []
        for day in days.sorted() {
            for org in timeline.organizations.keys.sorted() {
                for row in timeline.roster(of: org, at: day).rows {
                    lines.append(
                        "\(day) \(org) \(row.country) \(row.status) \(row.since) \(row.certainty) \(row.suspended) \(row.ordinal.map(String.init) ?? "-")"
                    )
                }
                lines.append("\(day) \(org) members \(timeline.members(of: org, at: day).rows.map(\.country))")
            }
            lines.append("\(day) orgs \(timeline.organizations(at: day).map { "\($0.organization.id) \($0.certainty)" })")
        }
        return lines
    }

    @Test("any append order gives identical answers at every date", arguments: 0..<12)
    func shuffled(seed: UInt64) throws {
        let reference = Timeline(records: record(Self.history))
        #expect(reference.violations.isEmpty)
        var generator = SplitMix64(seed: seed)
        let order = Self.history.shuffled(using: &generator)
        let records = try #require(Self.appendOutOfOrder(order), "seed \(seed) could not append every event")
        let shuffled = Timeline(records: records)
        #expect(shuffled.violations.isEmpty)
        #expect(Set(records.map(\.id)) == Set(Self.history.map(\.id)))
        #expect(Self.answers(shuffled) == Self.answers(reference))
    }

    @Test("the reference history answers the known facts")
    func reference() throws {
        let timeline = Timeline(records: record(Self.history))
        let sco = try #require(OrganizationID("SCO"))
        let members = timeline.members(of: sco, at: day("2024-07-04"))
        #expect(members.rows.map(\.country) == ["CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB", "IND", "PAK", "IRN", "BLR"])
        #expect(members.rows.last?.ordinal == 10)
        let csto = try #require(OrganizationID("CSTO"))
        #expect(timeline.members(of: csto, at: day("2013")).rows.count == 6)
        #expect(timeline.status(of: "ARM", in: csto, at: day("2024-02-10"))?.certainty == .possible)
    }
}
