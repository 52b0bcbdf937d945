import Testing
import TimelineCore

/// `memberCount` answers from a step function built once per organization; it must give the
/// number of rows `members` gives on every day, imprecise dates and suspensions included.
@Suite("Member counts")
struct MemberCountTests {
    /// A history of one organization whose transitions are dated to the day, the month or the
    /// year, overlapping between countries, with suspensions and withdrawals.
    static func imprecise(seed: UInt64) -> [NewEvent] {
        var random = SplitMix64(seed: seed)
        var events = [scoFounding]
        let cycle = ["accession", "suspension", "reinstatement", "withdrawal", "observer", "accession", "withdrawal"]
        for country in ["IND", "PAK", "IRN", "BLR", "MNG", "AFG", "TUR", "EGY", "QAT", "NPL", "ARM", "AZE"] {
            var year = 2002 + Int(random.next() % 4)
            for kind in cycle.prefix(2 + Int(random.next() % 6)) {
                let month = 1 + Int(random.next() % 12)
                let date =
                    switch random.next() % 3 {
                    case 0: year4(year)
                    case 1: "\(year4(year))-\(month < 10 ? "0" : "")\(month)"
                    default: "\(year4(year))-\(month < 10 ? "0" : "")\(month)-1\(random.next() % 10)"
                    }
                let fields: [String: String] =
                    kind == "observer"
                    ? ["type": "status", "org": "SCO", "country": country, "status": "observer", "date": date]
                    : ["type": kind, "org": "SCO", "country": country, "date": date]
                events.append(event(fields))
                year += 1 + Int(random.next() % 2)
            }
        }
        return events
    }

    @Test("equal to the number of members on every day where it can change, and between", arguments: [0, 3_000, 20_000])
    func sameAsMembers(count: Int) {
        let events = count == 0 ? Self.imprecise(seed: 5) : SyntheticHistory(events: count, seed: 17).events()
        let timeline = Timeline(records: record(events))
        #expect(timeline.violations.isEmpty, "\(timeline.violations.prefix(2))")
        let projections = timeline.projections
        var imprecise = 0
        for org in timeline.organizations.keys {
            // Every bound of every transition, the days either side, and a few others.
            var days = Set([CivilDay.distantPast, CivilDay(year: 1950, month: 1, day: 1), CivilDay(year: 2030, month: 1, day: 1)])
            for country in projections.participants(of: org) {
                for transition in projections.transitions(of: country, in: org) {
                    if transition.date.earliest != transition.date.latest { imprecise += 1 }
                    for bound in [transition.date.earliest, transition.date.latest] {
                        days.formUnion([bound, CivilDay(ordinal: bound.ordinal - 1), CivilDay(ordinal: bound.ordinal + 1)])
                    }
                }
            }
            for day in days {
                #expect(projections.memberCount(of: org, at: day) == projections.members(of: org, at: day).rows.count, "\(org) at \(day)")
            }
        }
        #expect(count > 0 || imprecise > 10, "the history should hold imprecise transitions")
    }

    @Test("possible members count: an accession dated 2010-04 counts from April 1st")
    func possibleMembersCount() throws {
        let timeline = Timeline(
            records: record([
                scoFounding,
                event(["type": "accession", "org": "SCO", "country": "IND", "date": "2010-04"]),
            ]))
        let sco = try #require(OrganizationID("SCO"))
        let founders = timeline.members(of: sco, at: day("2010-03-31")).rows.count
        #expect(timeline.projections.memberCount(of: sco, at: day("2010-03-31")) == founders)
        #expect(timeline.projections.memberCount(of: sco, at: day("2010-04-01")) == founders + 1)
        #expect(timeline.members(of: sco, at: day("2010-04-01")).rows.last?.certainty == .possible)
        #expect(timeline.projections.memberCount(of: OrganizationID("NONE")!, at: day("2010-04-01")) == 0)
    }
}

/// A year with four digits.
func year4(_ year: Int) -> String { String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year) }
