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
            // The member-count step function, so that counting needs no sweep after loading.
            let steps = projections.memberCountSteps(of: org)
            writer.integer(steps.days.count)
            for (day, count) in zip(steps.days, steps.counts) {
                writer.signed(Int(day))
                writer.integer(Int(count))
            }
        }
    }

    private static func state(_ state: MembershipState, into writer: inout ByteWriter) {
        writer.optionalString(state.status?.rawValue)
        writer.flag(state.suspended)
    }

    static func decode(_ reader: inout ByteReader, registry: CountryRegistry) throws(ByteReader.Malformed) -> Projections {
        // Each distinct date and status is parsed once, by its place in the string table.
        var dates = [EDTFDate?](repeating: nil, count: reader.tableCount)
        var statuses = [Status?](repeating: nil, count: reader.tableCount)
        func date() throws(ByteReader.Malformed) -> EDTFDate {
            let index = try reader.stringIndex()
            if let known = dates[index] { return known }
            guard let parsed = try? EDTFDate.parse(reader.tableString(index)) else { throw ByteReader.Malformed() }
            dates[index] = parsed
            return parsed
        }
        func optionalDate() throws(ByteReader.Malformed) -> EDTFDate? {
            guard let text = try reader.optionalString() else { return nil }
            guard let parsed = try? EDTFDate.parse(text) else { throw ByteReader.Malformed() }
            return parsed
        }
        func org(_ text: String) throws(ByteReader.Malformed) -> OrganizationID {
            guard let id = OrganizationID(text) else { throw ByteReader.Malformed() }
            return id
        }
        func ladder() throws(ByteReader.Malformed) -> StatusLadder {
            let rungs = try reader.strings().compactMap(Status.init)
            guard let ladder = StatusLadder(rungs) else { throw ByteReader.Malformed() }
            return ladder
        }
        func state() throws(ByteReader.Malformed) -> MembershipState {
            let index = try reader.integer()
            guard index <= reader.tableCount else { throw ByteReader.Malformed() }
            var status: Status?
            if index > 0 {
                if statuses[index - 1] == nil {
                    guard let parsed = Status(reader.tableString(index - 1)) else { throw ByteReader.Malformed() }
                    statuses[index - 1] = parsed
                }
                status = statuses[index - 1]
            }
            return MembershipState(status: status, suspended: try reader.flag())
        }

        var states: [Country] = []
        for _ in 0..<(try reader.integer()) {
            let code = try reader.string()
            let name = try reader.string()
            states.append(Country(introducedCode: code, name: name, introduced: try date(), ended: try optionalDate()))
        }
        let registry = registry.adding(states)
        var organizations: [OrganizationID: Organization] = [:]
        for _ in 0..<(try reader.integer()) {
            let id = try org(try reader.string())
            let name = try reader.string()
            let founded = try date()
            let place = try reader.optionalString()
            let founders = try reader.strings()
            let predecessor = try reader.optionalString()
            let foundingLadder = try ladder()
            var changes: [(date: EDTFDate, ladder: StatusLadder)] = []
            for _ in 0..<(try reader.integer()) { changes.append((try date(), try ladder())) }
            organizations[id] = Organization(
                id: id, name: name, founded: founded, place: place, founders: founders,
                predecessor: try predecessor.map { text throws(ByteReader.Malformed) in try org(text) }, ladder: foundingLadder,
                ladderChanges: changes, dissolved: try optionalDate())
        }
        var memberships: [OrganizationID: OrganizationMemberships] = [:]
        for _ in 0..<(try reader.integer()) {
            let id = try org(try reader.string())
            let total = try reader.integer()
            guard total <= reader.remaining else { throw ByteReader.Malformed() }
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
                            eventID: eventID, seq: SequenceNumber(try reader.integer()), date: try date(),
                            before: try state(), after: try state(), isMembership: try reader.flag(), since: try date()))
                }
            }
            var days: [Int32] = []
            var counts: [Int32] = []
            for _ in 0..<(try reader.integer()) {
                let day = try reader.signed()
                guard let value = Int32(exactly: day), days.last.map({ $0 < value }) ?? true else { throw ByteReader.Malformed() }
                days.append(value)
                guard let count = Int32(exactly: try reader.integer()) else { throw ByteReader.Malformed() }
                counts.append(count)
            }
            builder.setMemberCountSteps(days: days, counts: counts)
            memberships[id] = OrganizationMemberships(building: builder)
            reader.releaseRead()
        }
        return Projections(
            organizations: organizations, memberships: memberships, registry: registry.adding(organizations: organizations.values))
    }
}
