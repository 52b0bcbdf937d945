import TimelineCore

/// The binary form of `Projections` inside a snapshot.
enum ProjectionsCodec {
    static func encode(_ projections: Projections, into writer: inout ByteWriter) {
        // The states the log introduced, which the registry the snapshot is read with lacks.
        let introduced = projections.registry.introduced
        writer.integer(introduced.count)
        for state in introduced {
            writer.string(state.alpha3)
            writer.string(state.name)
            writer.string(state.introduced!.description)
            writer.optionalString(state.ended?.description)
        }
        let organizations = projections.organizations.values.sorted { $0.id < $1.id }
        writer.integer(organizations.count)
        for organization in organizations {
            writer.string(organization.id.rawValue)
            writer.string(organization.name)
            writer.string(organization.founded.description)
            writer.optionalString(organization.place)
            writer.strings(organization.founders)
            writer.optionalString(organization.predecessor?.rawValue)
            writer.strings(organization.foundingLadder.rungs.map(\.rawValue))
            writer.integer(organization.ladderChanges.count)
            for change in organization.ladderChanges {
                writer.string(change.date.description)
                writer.strings(change.ladder.rungs.map(\.rawValue))
            }
            writer.optionalString(organization.dissolved?.description)
        }
        let orgs = projections.memberships.keys.sorted()
        writer.integer(orgs.count)
        for org in orgs {
            let memberships = projections.memberships[org]!
            writer.string(org.rawValue)
            // The member-count step function in a section of its own, so that counting needs no
            // sweep after loading, and decodes neither the participants nor their transitions.
            let steps = projections.memberCountSteps(of: org)
            let stepsSection = writer.beginSection()
            writer.integer(steps.days.count)
            for (day, count) in zip(steps.days, steps.counts) {
                writer.signed(Int(day))
                writer.integer(Int(count))
            }
            writer.endSection(stepsSection)
            // The memberships in a section of their own, which a reader decodes when first asked.
            let section = writer.beginSection()
            // The transitions in all, so that a reader reserves its columns once.
            writer.integer(memberships.countries.indices.reduce(0) { $0 + memberships.transitionCount(at: $1) })
            writer.integer(memberships.countries.count)
            for index in memberships.countries.indices {
                writer.string(memberships.countries[index])
                writer.string(memberships.names[index])
                writer.integer(memberships.ordinal(at: index) ?? 0)
                let transitions = memberships.transitions(at: index)
                writer.integer(transitions.count)
                for transition in transitions {
                    writer.eventID(transition.eventID)
                    writer.integer(transition.seq.value)
                    writer.string(transition.date.description)
                    state(transition.before, into: &writer)
                    state(transition.after, into: &writer)
                    writer.flag(transition.isMembership)
                    writer.string(transition.since.description)
                }
            }
            writer.endSection(section)
        }
    }

    private static func state(_ state: MembershipState, into writer: inout ByteWriter) {
        writer.optionalString(state.status?.rawValue)
        writer.flag(state.suspended)
    }

    static func decode(_ reader: inout ByteReader, registry: CountryRegistry) throws(ByteReader.Malformed) -> Projections {
        var values = SnapshotValues(tableCount: reader.tableCount)
        func org(_ text: String) throws(ByteReader.Malformed) -> OrganizationID {
            guard let id = OrganizationID(text) else { throw ByteReader.Malformed() }
            return id
        }
        func ladder() throws(ByteReader.Malformed) -> StatusLadder {
            let rungs = try reader.strings().compactMap(Status.init)
            guard let ladder = StatusLadder(rungs) else { throw ByteReader.Malformed() }
            return ladder
        }
        func optionalDate() throws(ByteReader.Malformed) -> EDTFDate? {
            guard let text = try reader.optionalString() else { return nil }
            guard let parsed = try? EDTFDate.parse(text) else { throw ByteReader.Malformed() }
            return parsed
        }

        var states: [Country] = []
        for _ in 0..<(try reader.integer()) {
            let code = try reader.string()
            let name = try reader.string()
            states.append(Country(introducedCode: code, name: name, introduced: try values.date(&reader), ended: try optionalDate()))
        }
        let registry = registry.adding(states)
        var organizations: [OrganizationID: Organization] = [:]
        for _ in 0..<(try reader.integer()) {
            let id = try org(try reader.string())
            let name = try reader.string()
            let founded = try values.date(&reader)
            let place = try reader.optionalString()
            let founders = try reader.strings()
            let predecessor = try reader.optionalString()
            let foundingLadder = try ladder()
            var changes: [(date: EDTFDate, ladder: StatusLadder)] = []
            for _ in 0..<(try reader.integer()) { changes.append((try values.date(&reader), try ladder())) }
            organizations[id] = Organization(
                id: id, name: name, founded: founded, place: place, founders: founders,
                predecessor: try predecessor.map { text throws(ByteReader.Malformed) in try org(text) }, ladder: foundingLadder,
                ladderChanges: changes, dissolved: try optionalDate())
        }
        // Each organization's memberships: only where its section lies, for now.
        var ids: [OrganizationID] = []
        var sections: [(steps: Range<Int>, memberships: Range<Int>)] = []
        var previous: OrganizationID?
        for _ in 0..<(try reader.integer()) {
            let id = try org(try reader.string())
            guard previous.map({ $0 < id }) ?? true else { throw ByteReader.Malformed() }
            previous = id
            ids.append(id)
            sections.append((try reader.skipSection(), try reader.skipSection()))
        }
        let decoder = MembershipSections(reader: reader, sections: sections, values: values)
        return Projections(
            organizations: organizations, memberships: MembershipTable(deferring: ids, to: decoder),
            registry: registry.adding(organizations: organizations.values))
    }

    /// One organization's memberships from its section, with its member-count `steps`.
    static func memberships(
        _ reader: inout ByteReader, values: inout SnapshotValues, end: Int, steps: (days: [Int32], counts: [Int32])
    ) throws(ByteReader.Malformed) -> OrganizationMemberships {
        let total = try reader.integer()
        guard total <= end - reader.offset else { throw ByteReader.Malformed() }
        let count = try reader.integer()
        var builder = OrganizationMemberships.Builder()
        builder.reserveCapacity(transitions: total)
        var previous: String?
        for _ in 0..<count {
            let country = try reader.string()
            guard previous.map({ $0 < country }) ?? true else { throw ByteReader.Malformed() }
            previous = country
            let name = try reader.string()
            let ordinal = try reader.integer()
            builder.startParticipant(country, name: name, ordinal: ordinal == 0 ? nil : ordinal)
            for _ in 0..<(try reader.integer()) {
                let eventID = try reader.eventID()
                builder.add(
                    MembershipTransition(
                        eventID: eventID, seq: SequenceNumber(try reader.integer()), date: try values.date(&reader),
                        before: try values.state(&reader), after: try values.state(&reader), isMembership: try reader.flag(),
                        since: try values.date(&reader)))
            }
        }
        guard reader.offset == end else { throw ByteReader.Malformed() }
        builder.setMemberCountSteps(days: steps.days, counts: steps.counts)
        return OrganizationMemberships(building: builder)
    }

    /// One organization's member-count step function from its section.
    static func memberCountSteps(_ reader: inout ByteReader, end: Int) throws(ByteReader.Malformed) -> (days: [Int32], counts: [Int32]) {
        let count = try reader.integer()
        guard count <= end - reader.offset else { throw ByteReader.Malformed() }
        var days: [Int32] = []
        var counts: [Int32] = []
        days.reserveCapacity(count)
        counts.reserveCapacity(count)
        for _ in 0..<count {
            let day = try reader.signed()
            guard let value = Int32(exactly: day), days.last.map({ $0 < value }) ?? true else { throw ByteReader.Malformed() }
            days.append(value)
            guard let members = Int32(exactly: try reader.integer()) else { throw ByteReader.Malformed() }
            counts.append(members)
        }
        guard reader.offset == end else { throw ByteReader.Malformed() }
        return (days, counts)
    }
}
