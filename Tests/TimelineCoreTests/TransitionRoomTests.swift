import Testing

@testable import TimelineCore

/// A large timeline's fold gives each organization's list of transitions its room up front,
/// from a count taken while the events are grouped, instead of growing it by doubling (most of
/// a ten-million-event fold's memory went to lists grown so).
@Suite("Room for transitions")
struct TransitionRoomTests {
    @Test("the changes counted while grouping are each organization's standing-changing events")
    func countedWhileGrouping() {
        let records = record(SyntheticHistory(events: 20_000, seed: 5).events())
        var foundings: [OrganizationID: EDTFDate] = [:]
        var expected: [OrganizationID: Int] = [:]
        for record in records {
            if case .founding(let founding) = record.payload, let date = record.event.date { foundings[founding.org] = date }
        }
        for org in foundings.keys { expected[org] = 0 }
        for record in records {
            guard let org = record.payload.organization, foundings[org] != nil else { continue }
            switch record.payload {
            case .accession, .status, .withdrawal, .suspension, .reinstatement, .succession: expected[org, default: 0] += 1
            default: break
            }
        }
        let order = (0..<UInt32(records.count)).map { $0 }
        let (groups, changes) = PartitionedFold.groups(of: order, in: records, foundings: foundings, predecessors: [], parts: 2)
        #expect(groups.count == records.count)
        #expect(changes.count == foundings.count)
        #expect(changes == expected)
        #expect(changes.values.reduce(0, +) > 5_000)
    }

    @Test("a founding gives the organization's transitions the room expected, founders included")
    func roomAtFounding() throws {
        var fold = TimelineFold(registry: .standard)
        let org = try #require(OrganizationID("ROOM"))
        fold.expectedChanges = [org: 300]
        let events = record([
            event(["type": "founding", "org": "ROOM", "name": "Room", "date": "1990-01-01", "founders": "FRA DEU", "ladder": "member"])
        ])
        fold.apply(events[0])
        let state = try #require(fold.states.first)
        #expect(state.transitions.count == 2)
        #expect(state.transitions.capacity >= 302)
        // Without a count, the list grows as any array does.
        var plain = TimelineFold(registry: .standard)
        plain.apply(events[0])
        #expect(try #require(plain.states.first).transitions.capacity < 302)
    }
}
