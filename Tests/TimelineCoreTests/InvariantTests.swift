import Testing
import TimelineCore

/// Each rule of the domain refuses the event that breaks it, with the rule's code and a message.
@Suite("Invariants on append")
struct InvariantTests {
    let base = Timeline(
        records: record([
            scoFounding,
            event(["type": "status", "org": "SCO", "country": "BLR", "status": "dialogue-partner", "date": "2010-04"]),
            event(["type": "status", "org": "SCO", "country": "IND", "status": "observer", "date": "2005-07-05"]),
            event(["type": "accession", "org": "SCO", "country": "IND", "date": "2017-06-09"]),
        ]))

    func refusal(_ events: [NewEvent], on timeline: Timeline? = nil) -> InvariantViolation? {
        let existing = timeline ?? base
        let batch = record(events, startingAt: existing.records.count + 1)
        do {
            try Timeline.validate(appending: batch, to: existing)
            return nil
        } catch {
            return error
        }
    }

    @Test("valid events pass")
    func validPasses() {
        #expect(base.violations.isEmpty)
        #expect(
            refusal([
                event(["type": "status", "org": "SCO", "country": "BLR", "status": "observer", "date": "2015-07-10", "change": "elevation"])
            ]) == nil)
    }

    @Test(
        "each rule is refused with its code and message",
        arguments: [
            (
                ["type": "accession", "org": "SCO", "country": "IND", "date": "2018"], "already-member",
                "India (IND) is already a member of SCO"
            ),
            (["type": "accession", "org": "SCO", "country": "ATL", "date": "2018"], "unknown-country", "unknown country \"ATL\""),
            (["type": "accession", "org": "SCOO", "country": "BLR", "date": "2018"], "unknown-organization", "did you mean \"SCO\"?"),
            (
                ["type": "accession", "org": "SCO", "country": "BLR", "date": "1999"], "organization-not-yet-founded",
                "SCO is founded only on 2001-06-15"
            ),
            (
                ["type": "status", "org": "SCO", "country": "MNG", "status": "partner", "date": "2004"], "status-not-on-ladder",
                "its ladder is dialogue-partner < observer < member"
            ),
            (
                ["type": "status", "org": "SCO", "country": "BLR", "status": "dialogue-partner", "date": "2012"], "same-status",
                "already holds dialogue-partner"
            ),
            (
                ["type": "status", "org": "SCO", "country": "BLR", "status": "observer", "change": "downgrade", "date": "2015"],
                "wrong-change-kind", "this is an elevation, not a downgrade"
            ),
            (
                ["type": "withdrawal", "org": "SCO", "country": "MNG", "date": "2015"], "not-participating",
                "Mongolia (MNG) holds no status in SCO"
            ),
            (["type": "suspension", "org": "SCO", "country": "MNG", "date": "2015"], "not-participating", "cannot be suspended"),
            (["type": "reinstatement", "org": "SCO", "country": "IND", "date": "2018"], "not-suspended", "is not suspended"),
            (
                ["type": "reclassify", "org": "SCO", "from": "observer associate", "to": "partner", "date": "2025"], "status-not-on-ladder",
                "no status \"associate\""
            ),
            (
                ["type": "reclassify", "org": "SCO", "from": "observer", "to": "member", "date": "2025"], "reclassify-conflict",
                "already has a status \"member\""
            ),
            (
                ["type": "founding", "org": "SCO", "name": "Again", "date": "2002", "founders": "CHN", "ladder": "member"],
                "duplicate-founding", "already founded on 2001-06-15"
            ),
            (
                [
                    "type": "founding", "org": "NEW", "name": "New", "date": "2002", "founders": "CHN", "ladder": "member",
                    "predecessor": "OLD",
                ], "unknown-predecessor", "the predecessor OLD"
            ),
            (["type": "summit", "org": "SCO", "date": "2018", "host": "XYZ"], "unknown-country", "unknown country \"XYZ\""),
            (["type": "accession", "org": "SCO", "country": "BLR"], "missing-date", "needs a date"),
        ])
    func rule(fields: [String: String], rule: String, message: String) throws {
        let newEvent = event(fields)
        let violation = try #require(refusal([newEvent]))
        #expect(violation.rule.rawValue == rule)
        #expect(violation.message.contains(message), "\(violation.message)")
        #expect(violation.eventID == newEvent.id)
        #expect(violation.description.contains(newEvent.summary))
    }

    @Test("status after dissolution is refused")
    func dissolved() throws {
        let timeline = Timeline(
            records: base.records + record([event(["type": "dissolution", "org": "SCO", "date": "2030"])], startingAt: 5))
        let violation = try #require(refusal([event(["type": "accession", "org": "SCO", "country": "BLR", "date": "2031"])], on: timeline))
        #expect(violation.rule == .organizationDissolved)
        #expect(violation.message == "SCO was dissolved on 2030; nothing can happen to it after that")
    }

    @Test("an event appended out of order is checked against every later event it affects")
    func laterEventsAffected() throws {
        // India withdrawing in 2016 leaves its logged 2017 accession valid (it accedes afresh);
        // a withdrawal dated 2004, before India held any status, is refused.
        #expect(refusal([event(["type": "withdrawal", "org": "SCO", "country": "IND", "date": "2016"])]) == nil)
        let early = try #require(refusal([event(["type": "withdrawal", "org": "SCO", "country": "IND", "date": "2004"])]))
        #expect(early.rule == .notParticipating)
        // An accession of India in 2010 is fine on its date, but breaks the logged 2017 one.
        let broken = try #require(refusal([event(["type": "accession", "org": "SCO", "country": "IND", "date": "2010"])]))
        #expect(broken.rule == .alreadyMember)
        #expect(broken.message.contains("would break the later event"))
        #expect(broken.message.contains("accession SCO IND on 2017-06-09"))
    }

    @Test("a bad event anywhere in a batch refuses the batch, naming that event")
    func batch() throws {
        let good = event(["type": "status", "org": "SCO", "country": "PAK", "status": "observer", "date": "2005-07-05"])
        let bad = event(["type": "accession", "org": "SCO", "country": "IND", "date": "2020"])
        let violation = try #require(refusal([good, bad]))
        #expect(violation.eventID == bad.id)
    }

    func amendment(_ payload: EventPayload) -> NewEvent {
        NewEvent(date: nil, payload: payload, source: Source(citation: "test")!)
    }

    @Test("corrections and retractions need a target that exists, uniquely, and fits")
    func amendments() throws {
        let india = base.records[3]
        let unknown = try #require(refusal([amendment(.correction(target: "ffffffff", changes: Correction(date: .day(2017, 6, 8))))]))
        #expect(unknown.rule == .unknownTarget)
        #expect(unknown.message == "no earlier event has an id starting with \"ffffffff\"")
        let short = try #require(refusal([amendment(.retraction(target: "ab", reason: "typo"))]))
        #expect(short.message.contains("give at least 4 characters"))
        let misfit = try #require(refusal([amendment(.correction(target: india.id.rawValue, changes: Correction(host: "KAZ")))]))
        #expect(misfit.rule == .invalidAmendment)
        #expect(misfit.message.contains("an accession has no host to correct"))
        let retraction = amendment(.retraction(target: String(india.id.rawValue.prefix(6)), reason: "duplicate"))
        let twice = try #require(refusal([retraction, amendment(.retraction(target: india.id.rawValue, reason: "again"))]))
        #expect(twice.rule == .alreadyRetracted)
        let ofRetraction = try #require(refusal([retraction, amendment(.retraction(target: retraction.id.rawValue, reason: "undo"))]))
        #expect(ofRetraction.rule == .invalidAmendment)
        #expect(ofRetraction.message.contains("a retraction cannot be retracted"))
        let dated = NewEvent(
            date: .day(2020, 1, 1), payload: .retraction(target: india.id.rawValue, reason: "x"), source: Source(citation: "t")!)
        #expect(refusal([dated])?.rule == .unexpectedDate)
    }

    @Test("an ambiguous id prefix is refused with the candidates")
    func ambiguousPrefix() throws {
        let a = event(["type": "milestone", "org": "SCO", "text": "one", "date": "2003", "id": "note-alpha"])
        let b = event(["type": "milestone", "org": "SCO", "text": "two", "date": "2003", "id": "note-beta"])
        let timeline = Timeline(records: base.records + record([a, b], startingAt: 5))
        let violation = try #require(refusal([amendment(.retraction(target: "note", reason: "x"))], on: timeline))
        #expect(violation.rule == .ambiguousTarget)
        #expect(violation.message.contains("\"note\" matches 2 events: note-alpha"))
    }

    @Test("a retraction is checked against the events that depend on the retracted one")
    func retractionChecked() throws {
        // Without its observer grant, India's 2017 accession still stands (from no status).
        #expect(refusal([amendment(.retraction(target: base.records[2].id.rawValue, reason: "wrong"))]) == nil)
        // Without the founding, every later SCO event breaks.
        let founding = base.records[0]
        let breaking = try #require(refusal([amendment(.retraction(target: String(founding.id.rawValue.prefix(6)), reason: "wrong"))]))
        #expect(breaking.rule == .unknownOrganization)
        #expect(breaking.message.contains("would break the later event"))
    }
}
