import Testing
import TimelineCore

/// States introduced by the log, successions, mergers and breakups: what each does to
/// memberships, ordinals and `since`, and what each refuses.
@Suite("State succession")
struct SuccessionTests {
    /// A small UN: the USSR, the Republic of China, Egypt and Syria as founders; Tanganyika and
    /// Zanzibar introduced as states and admitted.
    let events = [
        event(["type": "state", "country": "TGA", "name": "Tanganyika", "date": "1961-12-09", "until": "1964-04-26"]),
        event(["type": "state", "country": "ZAN", "name": "Zanzibar", "date": "1963-12-10", "until": "1964-04-26"]),
        event([
            "type": "founding", "org": "UN", "name": "United Nations", "date": "1945-10-24", "founders": "EGY SUN SYR TWN USA",
            "ladder": "observer member",
        ]),
        event(["type": "accession", "org": "UN", "country": "TGA", "date": "1961-12-14"]),
        event(["type": "accession", "org": "UN", "country": "ZAN", "date": "1963-12-16"]),
    ]

    func timeline(_ more: [[String: String]]) -> Timeline {
        Timeline(records: record(events + more.map(event)))
    }

    func refusal(_ more: [[String: String]]) -> InvariantViolation.Rule? {
        let base = Timeline(records: record(events))
        do {
            try Timeline.validate(appending: record(more.map(event), startingAt: events.count + 1), to: base)
            return nil
        } catch {
            return error.rule
        }
    }

    @Test("a succession passes the status, its since and its ordinal to the successor")
    func succession() throws {
        let un = OrganizationID("UN")!
        let timeline = timeline([["type": "succession", "org": "UN", "country": "RUS", "predecessor": "SUN", "date": "1991-12-24"]])
        #expect(timeline.violations.isEmpty)
        let russia = try #require(timeline.status(of: "RUS", in: un, at: day("1991-12-24")))
        #expect(russia.status.rawValue == "member")
        #expect(russia.since.description == "1945-10-24")
        #expect(timeline.status(of: "SUN", in: un, at: day("1991-12-24")) == nil)
        #expect(timeline.status(of: "SUN", in: un, at: day("1991-12-23"))?.status.rawValue == "member")
        #expect(timeline.status(of: "RUS", in: un, at: day("1991-12-23")) == nil)
        #expect(timeline.ordinal(of: "RUS", in: un) == timeline.ordinal(of: "SUN", in: un))
        #expect(timeline.members(of: un, at: day("1992")).rows.count == 7)
    }

    @Test("a merger into a new state keeps the earliest since; an absorption ends only the absorbed")
    func mergers() throws {
        let un = OrganizationID("UN")!
        let timeline = timeline([
            ["type": "merger", "org": "UN", "members": "TGA ZAN", "country": "TZA", "date": "1964-04-26"],
            ["type": "accession", "org": "UN", "country": "DEU", "date": "1973-09-18"],
            ["type": "accession", "org": "UN", "country": "DDR", "date": "1973-09-18"],
            ["type": "merger", "org": "UN", "members": "DDR DEU", "country": "DEU", "date": "1990-10-03"],
        ])
        #expect(timeline.violations.isEmpty)
        let tanzania = try #require(timeline.status(of: "TZA", in: un, at: day("1964-04-26")))
        #expect(tanzania.since.description == "1961-12-14")
        #expect(timeline.ordinal(of: "TZA", in: un) == timeline.ordinal(of: "TGA", in: un))
        #expect(timeline.status(of: "TGA", in: un, at: day("1964-04-26")) == nil)
        #expect(timeline.status(of: "ZAN", in: un, at: day("1964-04-26")) == nil)
        #expect(timeline.status(of: "DDR", in: un, at: day("1990-10-03")) == nil)
        #expect(timeline.status(of: "DEU", in: un, at: day("1990-10-03"))?.since.description == "1973-09-18")
        // EGY SUN SYR TWN USA, Tanzania, and Germany after absorbing the GDR.
        #expect(timeline.members(of: un, at: day("1990-10-03")).rows.count == 7)
        #expect(timeline.members(of: un, at: day("1990-10-02")).rows.count == 8)
    }

    @Test("a breakup ends the member; its successors are admitted by their own events")
    func breakup() {
        let un = OrganizationID("UN")!
        let timeline = timeline([
            ["type": "accession", "org": "UN", "country": "CSK", "date": "1950"],
            ["type": "breakup", "org": "UN", "country": "CSK", "successors": "CZE SVK", "date": "1993-01-01"],
            ["type": "accession", "org": "UN", "country": "CZE", "date": "1993-01-19"],
        ])
        #expect(timeline.violations.isEmpty)
        #expect(timeline.status(of: "CSK", in: un, at: day("1993-01-01")) == nil)
        #expect(timeline.status(of: "CZE", in: un, at: day("1993-01-19"))?.since.description == "1993-01-19")
        #expect(timeline.status(of: "SVK", in: un, at: day("1993-01-19")) == nil)
        #expect(timeline.history(ofCountry: "SVK").map(\.event.kind) == [.breakup])
    }

    @Test("a state is known between its dates, under its name, and only there")
    func introducedStates() {
        let timeline = timeline([])
        #expect(timeline.violations.isEmpty)
        #expect(timeline.registry.lookup("tanganyika")?.alpha3 == "TGA")
        #expect(timeline.registry.lookup("TGA")?.isIntroduced == true)
        #expect(CountryRegistry.standard.lookup("TGA") == nil)
        #expect(timeline.history(ofCountry: "TGA").first?.event.kind == .state)
        #expect(refusal([["type": "accession", "org": "UN", "country": "TGA", "date": "1960"]]) == .stateNotYetExisting)
        #expect(refusal([["type": "milestone", "org": "UN", "country": "TGA", "text": "x", "date": "1965"]]) == .stateCeased)
        #expect(refusal([["type": "state", "country": "TGO", "name": "Not Togo", "date": "1960"]]) == .stateCodeTaken)
        #expect(refusal([["type": "state", "country": "TGA", "name": "Again", "date": "1962"]]) == .stateCodeTaken)
        #expect(refusal([["type": "state", "country": "XYZ", "name": "Backwards", "date": "1962", "until": "1961"]]) == .invalidStateDates)
        #expect(refusal([["type": "accession", "org": "UN", "country": "XYZ", "date": "1962"]]) == .unknownCountry)
    }

    @Test("what each new event refuses")
    func refusals() {
        #expect(
            refusal([["type": "succession", "org": "UN", "country": "RUS", "predecessor": "FRA", "date": "1991"]]) == .notParticipating)
        #expect(
            refusal([["type": "succession", "org": "UN", "country": "USA", "predecessor": "SUN", "date": "1991"]]) == .successorHoldsStatus)
        #expect(refusal([["type": "succession", "org": "UN", "country": "SUN", "predecessor": "SUN", "date": "1991"]]) == .invalidMerger)
        #expect(refusal([["type": "merger", "org": "UN", "members": "EGY FRA", "country": "ARE", "date": "1958"]]) == .notParticipating)
        #expect(
            refusal([["type": "merger", "org": "UN", "members": "EGY SYR", "country": "USA", "date": "1958"]]) == .successorHoldsStatus)
        #expect(refusal([["type": "merger", "org": "UN", "members": "EGY", "country": "EGY", "date": "1958"]]) == .invalidMerger)
        #expect(refusal([["type": "breakup", "org": "UN", "country": "FRA", "successors": "DEU", "date": "1990"]]) == .notParticipating)
        #expect(refusal([["type": "breakup", "org": "UN", "country": "SUN", "successors": "SUN RUS", "date": "1991"]]) == .invalidMerger)
        #expect(
            refusal([["type": "merger", "org": "UN", "members": "EGY SYR", "country": "UAR", "date": "1958-02-21"]]) == .unknownCountry)
    }

    @Test("the new events keep their fields through the log's flat form")
    func fields() throws {
        for fields in [
            ["type": "state", "country": "UAR", "name": "United Arab Republic", "date": "1958-02-22", "until": "1971-09-02"],
            ["type": "succession", "org": "UN", "country": "RUS", "predecessor": "SUN", "date": "1991-12-24"],
            ["type": "merger", "org": "UN", "members": "TGA ZAN", "country": "TZA", "date": "1964-04-26"],
            ["type": "breakup", "org": "UN", "country": "CSK", "successors": "CZE SVK", "date": "1993-01-01"],
        ] {
            let original = event(fields)
            #expect(try NewEvent(fields: original.fields) == original)
        }
        #expect(throws: EventFieldError.self) {
            try NewEvent(fields: ["type": .string("state"), "source": .string("s"), "country": .string("tg"), "name": .string("x")])
        }
    }
}
