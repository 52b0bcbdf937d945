import Testing
import TimelineCore

@Suite("Synthetic history")
struct SyntheticHistoryTests {
    @Test("valid under every invariant, deterministic, and partly out of historical order", arguments: [1, 500, 6_000])
    func valid(count: Int) {
        let events = SyntheticHistory(events: count, seed: 11).events()
        #expect(events.count == count)
        #expect(Set(events.map(\.id)).count == count, "two generated events have the same content")
        #expect(events == SyntheticHistory(events: count, seed: 11).events())
        #expect(events != SyntheticHistory(events: count, seed: 12).events() || count == 1)
        let timeline = Timeline(records: record(events))
        #expect(timeline.violations.isEmpty, "\(timeline.violations.prefix(3))")
        if count >= 6_000 {
            #expect(timeline.organizations.count >= 3)
            // Some events come after events dated later than them.
            var latest = CivilDay.distantPast
            var late = 0
            for event in events {
                guard let date = event.date else { continue }
                if date.earliest < latest { late += 1 }
                latest = max(latest, date.earliest)
            }
            #expect(late > count / 100)
            #expect(Set(events.compactMap(\.payload.country)).count > 150)
        }
    }
}
