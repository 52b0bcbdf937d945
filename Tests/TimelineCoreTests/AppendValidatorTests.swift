import Testing
import TimelineCore

/// The validator checks a batch against the fold's final state; where it says it applies, its
/// verdict must be exactly that of folding the whole log again.
@Suite("Append validator")
struct AppendValidatorTests {
    /// The validator's verdict, or `nil` where it leaves the batch to a full fold.
    func fast(_ batch: [RecordedEvent], after existing: [RecordedEvent]) -> String? {
        var validator = AppendValidator(timeline: Timeline(records: existing))
        var applied = false
        let result = verdict({ () throws(InvariantViolation) in applied = try validator.check(batch) }, withMessage: true)
        return applied || result != "accepted" ? result : nil
    }

    /// The scoped-validation candidates, and appends dated after the whole history.
    static let candidates =
        ScopedValidationTests.candidates + [
            event(["type": "accession", "org": "SCO", "country": "TUR", "date": "2030-01-01"]),
            event(["type": "accession", "org": "SCO", "country": "CHN", "date": "2030-01-01"]),
            event(["type": "suspension", "org": "CSTO", "country": "KAZ", "date": "2030-01-01"]),
            event(["type": "withdrawal", "org": "SCO", "country": "FRA", "date": "2030-01-01"]),
            event(["type": "summit", "org": "SCO", "date": "2030-06", "host": "KAZ"]),
            event(["type": "accession", "org": "NEW", "country": "FRA", "date": "2031-01-01"]),
            event(["type": "founding", "org": "NEW", "name": "New", "date": "2031-01-02", "founders": "DEU", "ladder": "member"]),
        ]

    @Test("single candidates and pairs: the same verdict and message as a full fold wherever it applies")
    func candidates() {
        let existing = ScopedValidationTests.existing
        let candidates = Self.candidates
        var applicable = 0
        var batches = candidates.map { [$0] }
        for first in candidates.indices {
            for second in candidates.indices where first != second { batches.append([candidates[first], candidates[second]]) }
        }
        for events in batches {
            let batch = record(events, startingAt: existing.count + 1)
            let full = verdict(
                { () throws(InvariantViolation) in try Timeline.validate(appending: batch, to: Timeline(records: existing)) },
                withMessage: true)
            guard let fast = fast(batch, after: existing) else { continue }
            applicable += 1
            #expect(fast == full, "\(events.map(\.summary))")
        }
        #expect(applicable > 40, "the validator should apply to most appends dated after the history")
    }

    @Test("a long history appended in date order: every batch checked without a full fold, the same state at the end")
    func longHistory() throws {
        let events = SyntheticHistory(events: 4_000, seed: 3).events().sorted { $0.date!.earliest < $1.date!.earliest }
        let first = record(Array(events.prefix(1_000)))
        var validator = AppendValidator(timeline: Timeline(records: first))
        var records = first
        for start in stride(from: 1_000, to: events.count, by: 250) {
            let batch = record(Array(events[start..<min(start + 250, events.count)]), startingAt: records.count + 1)
            #expect(try validator.check(batch), "batch at \(start) should be checked incrementally")
            records += batch
        }
        // A member acceding again, after everything: refused with the full fold's message.
        let timeline = Timeline(records: records)
        let org = try #require(timeline.organizations.keys.sorted().first)
        let member = try #require(timeline.members(of: org, at: CivilDay(year: 2030, month: 1, day: 1)).rows.first)
        let again = record(
            [NewEvent(date: .day(2030, 1, 1), payload: .accession(org: org, country: member.country), source: Source(citation: "t")!)],
            startingAt: records.count + 1)
        let full = verdict({ () throws(InvariantViolation) in try Timeline.validate(appending: again, to: timeline) }, withMessage: true)
        #expect(full.hasPrefix("already-member"))
        #expect(verdict({ () throws(InvariantViolation) in _ = try validator.check(again) }, withMessage: true) == full)
    }

    @Test("scoped to the organizations of its batches: the full fold's verdict, and other organizations declined")
    func scoped() {
        let existing = ScopedValidationTests.existing
        var applicable = 0
        for candidate in Self.candidates {
            let batch = record([candidate], startingAt: existing.count + 1)
            let organizations = Set(batch.compactMap(\.payload.organization))
            let full = verdict(
                { () throws(InvariantViolation) in try Timeline.validate(appending: batch, to: Timeline(records: existing)) },
                withMessage: true)
            var validator = AppendValidator(records: [existing], organizations: organizations)
            var applied = false
            let scoped = verdict({ () throws(InvariantViolation) in applied = try validator.check(batch) }, withMessage: true)
            if applied || scoped != "accepted" {
                applicable += 1
                #expect(scoped == full, "\(candidate.summary)")
            }
            // Any organization outside the scope is declined, without a verdict.
            for other in ["SCO", "CSTO", "EAEU"].compactMap(OrganizationID.init) where !organizations.contains(other) {
                var narrow = AppendValidator(records: [existing], organizations: [other])
                if candidate.payload.organization != nil {
                    var declined = false
                    let outcome = verdict { () throws(InvariantViolation) in declined = try !narrow.check(batch) }
                    #expect(outcome == "accepted" && declined, "\(candidate.summary) outside \(other)")
                }
            }
        }
        #expect(applicable >= 10)
    }
}
