import Testing
import TimelineCore
import TimelineTestSupport

@testable import TimelineStore

/// The planner keeps the records it started from apart from those it planned, and indexes ids
/// in its own table: neither may change what it decides.
@Suite("Append planner")
struct AppendPlannerTests {
    static func accession(_ country: String, _ year: Int, source: String = "test") -> NewEvent {
        NewEvent(
            date: .day(year, 1, 1), payload: .accession(org: OrganizationID("AAA")!, country: country), source: Source(citation: source)!)
    }

    @Test("ids are found among the records it started from and those it planned; its records are both, in order")
    func parts() throws {
        let founding = NewEvent(
            date: .day(2000, 1, 1),
            payload: .founding(
                Founding(org: OrganizationID("AAA")!, name: "A", founders: ["FRA"], ladder: StatusLadder([Status("member")!])!)),
            source: Source(citation: "test")!)
        var planner = AppendPlanner(existing: [])
        let first = try planner.plan([founding, Self.accession("DEU", 2001)], recordedAt: at(0)).records
        var fromLog = AppendPlanner(existing: first)
        let second = try fromLog.plan([Self.accession("ITA", 2002)], recordedAt: at(1))
        #expect(second.records.map(\.seq.value) == [3])
        // Re-planned: one from the records it started from, one from those it planned.
        let again = try fromLog.plan([Self.accession("DEU", 2001), Self.accession("ITA", 2002)], recordedAt: at(2))
        #expect(again.records.isEmpty)
        #expect(again.alreadyPresent == [first[1].id, second.records[0].id])
        // The same id with other content, in either part: refused.
        for (index, clash) in [(0, Self.accession("DEU", 2001, source: "other")), (1, Self.accession("ITA", 2002, source: "other"))] {
            var event = clash
            event.explicitID = index == 0 ? first[1].id : second.records[0].id
            #expect(throws: StoreError.self) { try fromLog.plan([event], recordedAt: at(3)) }
        }
        let third = try fromLog.plan([Self.accession("ESP", 2003)], recordedAt: at(4)).records
        #expect(fromLog.records == first + second.records + third)
        fromLog.consolidate()
        #expect(fromLog.records == first + second.records + third)
        // A batch that breaks a rule is refused with the fold's message, whichever part holds
        // what it breaks.
        let refused = #expect(throws: StoreError.self) { try fromLog.plan([Self.accession("ESP", 2004)], recordedAt: at(5)) }
        #expect(refused?.violation?.rule == .alreadyMember)
    }

    @Test("the id table finds every derived and explicit id, the first position of each, and no other")
    func idIndex() {
        var index = EventIDIndex()
        // Values that differ only in their high bits, and then ordinary ones, past several growths.
        let values = (0..<3_000).map { UInt64($0) << 40 } + (1..<3_000).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }
        for (position, value) in values.enumerated() { index.insertIfAbsent(EventID(derivedValue: value), at: position) }
        let explicit = (0..<50).map { EventID("explicit-\($0)")! }
        for (offset, id) in explicit.enumerated() { index.insertIfAbsent(id, at: values.count + offset) }
        // A second occurrence keeps the first position.
        index.insertIfAbsent(EventID(derivedValue: values[7]), at: 99_999)
        index.insertIfAbsent(explicit[3], at: 99_999)
        for (position, value) in values.enumerated() { #expect(index[EventID(derivedValue: value)] == position) }
        for (offset, id) in explicit.enumerated() { #expect(index[id] == values.count + offset) }
        #expect(index[EventID(derivedValue: 12_345)] == nil)
        #expect(index[EventID("absent")!] == nil)
    }

    @Test("a large log's id table, built on two threads, gives every id its first position")
    func parallelIndex() {
        var events = SyntheticHistory(events: 60_000, seed: 3).events()
        events[100].explicitID = EventID("explicit-one")!
        events.append(events[5])  // the same content again: its first position wins
        let records = events.enumerated().map { RecordedEvent(seq: SequenceNumber($0.offset + 1), recordedAt: at(0), event: $0.element) }
        let index = EventIDIndex(records: records)
        var first: [EventID: Int] = [:]
        for (position, record) in records.enumerated() where first[record.id] == nil { first[record.id] = position }
        #expect(records.count >= 50_000, "large enough for two threads")
        #expect(first.count == records.count - 1)
        for (id, position) in first { #expect(index[id] == position) }
        #expect(index[EventID("explicit-one")!] == 100)
        #expect(index[EventID(derivedValue: 42)] == nil)
    }
}
