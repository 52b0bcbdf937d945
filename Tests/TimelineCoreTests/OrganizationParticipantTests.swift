import Testing

@testable import TimelineCore

/// Organizations as participants of others: the European Union in the G20 and the WTO, the
/// African Union in the G20. The member organization must exist, and its dissolution ends its
/// memberships.
@Suite("Organizations as members")
struct OrganizationParticipantTests {
    static let union = event([
        "type": "founding", "org": "EU", "name": "European Union", "date": "1993-11-01", "founders": "BEL DEU FRA", "ladder": "member",
    ])
    static let africa = event([
        "type": "founding", "org": "AU", "name": "African Union", "date": "2002-07-09", "founders": "ZAF NGA", "ladder": "member",
    ])
    static let twenty = event([
        "type": "founding", "org": "G20", "name": "Group of Twenty", "date": "1999-12-15", "founders": "ARG AUS EU USA",
        "ladder": "member",
    ])
    static let africaJoins = event(["type": "accession", "org": "G20", "country": "AU", "date": "2023-09-09"])

    @Test("an organization is a founder or a member like a country, by its id, and answers say which kind it is")
    func members() {
        let timeline = Timeline(records: record([Self.union, Self.africa, Self.twenty, Self.africaJoins]))
        #expect(timeline.violations.isEmpty, "\(timeline.violations)")
        let g20 = OrganizationID("G20")!
        #expect(codes(timeline.members(of: g20, at: day("2024")).rows) == ["ARG", "AU", "AUS", "EU", "USA"])
        #expect(timeline.registry.country(code: "AU")?.isOrganization == true)
        #expect(timeline.registry.country(code: "AU")?.name == "African Union")
        #expect(timeline.registry.country(code: "AUS")?.isOrganization == false)
        #expect(timeline.projections.memberships(of: "EU", at: day("2024")).map(\.organization.id) == [g20])
        #expect(timeline.registry.introduced.isEmpty, "organizations are not states the log introduced")
    }

    @Test("a member organization must be founded by the event's date")
    func notYetFounded() {
        let early = event(["type": "accession", "org": "G20", "country": "AU", "date": "2001-01-01"])
        let violations = Timeline(records: record([Self.union, Self.africa, Self.twenty, early])).violations
        #expect(violations.map(\.rule) == [.organizationNotYetFounded])
        #expect(violations.first?.message.contains("African Union (AU) is founded only on 2002-07-09") == true)
        let foundedLater = event([
            "type": "founding", "org": "G20", "name": "Group of Twenty", "date": "1990-01-01", "founders": "ARG EU", "ladder": "member",
        ])
        #expect(Timeline(records: record([Self.union, foundedLater])).violations.map(\.rule) == [.organizationNotYetFounded])
    }

    @Test("an organization cannot take part in itself")
    func selfMembership() {
        let itself = event(["type": "accession", "org": "G20", "country": "G20", "date": "2005-01-01"])
        #expect(Timeline(records: record([Self.union, Self.twenty, itself])).violations.map(\.rule) == [.selfMembership])
        let founder = event([
            "type": "founding", "org": "SELF", "name": "Self", "date": "2000-01-01", "founders": "FRA SELF", "ladder": "member",
        ])
        #expect(Timeline(records: record([founder])).violations.map(\.rule) == [.selfMembership])
    }

    /// The African Union dissolves in 2030, the European Union in 2031 (a made-up history):
    /// their G20 memberships end then. Folded on two threads, the AU and the G20 share a group
    /// and the EU is in the other (`PartitionedFold.groupNumbers`), so both paths are taken.
    static let dissolved: [RecordedEvent] = record([
        Self.union, Self.africa, Self.twenty, Self.africaJoins,
        event(["type": "dissolution", "org": "AU", "date": "2030-01-01"]),
        event(["type": "summit", "org": "G20", "date": "2030-06-01"]),
        event(["type": "dissolution", "org": "EU", "date": "2031-01-01"]),
    ])

    @Test("a member organization's dissolution ends its memberships, on one thread or several", arguments: [1, 2])
    func dissolution(parts: Int) {
        let timeline = Timeline(records: Self.dissolved, registry: .standard, foldParts: parts)
        #expect(timeline.violations.isEmpty, "\(timeline.violations)")
        let g20 = OrganizationID("G20")!
        #expect(timeline.status(of: "AU", in: g20, at: day("2029-12-31"))?.status == Status("member"))
        #expect(timeline.status(of: "AU", in: g20, at: day("2030-01-01")) == nil)
        let ending = timeline.transitions(of: "AU", in: g20).last
        #expect(ending?.eventID == Self.dissolved[4].id)
        #expect(ending?.after.status == nil)
        // The EU, in the other group and dissolved after the G20's last event.
        #expect(timeline.status(of: "EU", in: g20, at: day("2030-12-31"))?.status == Status("member"))
        #expect(timeline.status(of: "EU", in: g20, at: day("2031-01-01")) == nil)
        #expect(timeline.transitions(of: "EU", in: g20).last?.eventID == Self.dissolved[6].id)
        #expect(
            PartitionedFold.groupNumbers(foundings: [OrganizationID("AU")!, OrganizationID("EU")!, g20], predecessors: [], parts: 2)
                == [OrganizationID("AU")!: 0, OrganizationID("EU")!: 1, g20: 0])
        // With nothing of the G20 after it, the dissolution still ends the membership.
        let last = Timeline(records: Array(Self.dissolved.prefix(5)), registry: .standard, foldParts: parts)
        #expect(last.status(of: "AU", in: g20, at: day("2030-06-01")) == nil)
    }

    @Test("after its dissolution an organization can take part in nothing, and appends are checked against it")
    func afterDissolution() throws {
        let rejoin = event(["type": "accession", "org": "G20", "country": "AU", "date": "2032-01-01"])
        #expect(Timeline(records: Self.dissolved + record([rejoin], startingAt: 8)).violations.map(\.rule) == [.organizationDissolved])
        // The fast append check agrees with a full fold.
        var validator = AppendValidator(timeline: Timeline(records: Self.dissolved))
        #expect(throws: InvariantViolation.self) { _ = try validator.check(record([rejoin], startingAt: 8)) }
        // A dissolution appended later ends memberships: the validator leaves it to a full fold.
        var before = AppendValidator(timeline: Timeline(records: Array(Self.dissolved.prefix(4))))
        #expect(try before.check([Self.dissolved[4]]) == false)
    }
}
