/// One organization's participants, each with its display name, its rank of accession and its
/// status transitions, sorted by country code.
///
/// The transitions are kept as flat columns, one entry per transition, participant after
/// participant: small integers and dates rather than one value per transition. As-of queries
/// search the day columns without decoding dates, comparing strings or touching reference
/// counts, and a million-event history stays small in memory (about 55 bytes a transition).
///
/// It is an immutable class, not a struct: a query looks an organization's memberships up in a
/// dictionary, and a struct of twenty columns would be copied out of it — twenty reference
/// counts up and down — for every question.
public final class OrganizationMemberships: Sendable {
    /// Participant codes, sorted.
    public let countries: [String]
    /// Display names, parallel to `countries`.
    public let names: [String]
    /// Rank of each participant's first membership (1 for the first), parallel to `countries`.
    // (0 for none: a large history has hundreds of thousands of participants, and an optional
    // whole number takes 16 bytes.)
    private let storedOrdinals: [Int32]

    /// Participant indexes in order of accession (those never members last, by code), so that
    /// a members answer comes out in order without sorting.
    let byOrdinal: [Int32]

    /// The rank of the first membership of the participant at `index` (1 for the first), if any.
    public func ordinal(at index: Int) -> Int? {
        storedOrdinals[index] == 0 ? nil : Int(storedOrdinals[index])
    }
    /// The index of a participant in the arrays, found by binary search in the sorted codes (a
    /// dictionary per organization would take megabytes for a large history).
    func index(of country: String) -> Int? {
        var low = 0
        var high = countries.count
        while low < high {
            let middle = (low + high) / 2
            if countries[middle] < country { low = middle + 1 } else { high = middle }
        }
        return low < countries.count && countries[low] == country ? low : nil
    }
    /// Participant `i` owns the transitions at `offsets[i]..<offsets[i + 1]`.
    let offsets: [Int]
    /// Per transition: earliest and latest day of its date (`CivilDay` ordinals).
    let earliest: [Int32]
    let latest: [Int32]
    /// Per transition: the state before and after it, as indexes into `states`.
    let beforeCodes: [Int32]
    let stateCodes: [Int32]
    /// Per transition: whether the state it leads to is membership.
    let isMembership: [Bool]
    /// Per transition: its date, and the date its status has been held since.
    let dates: [EDTFDate]
    let sinces: [EDTFDate]
    /// Per transition: the event's sequence number and its id (a derived id's 64-bit value; 0
    /// for an explicit id, kept in `explicitIDs` by position).
    let seqs: [Int32]
    let derivedIDs: [UInt64]
    let explicitIDs: [Int: EventID]
    /// The distinct states the transitions lead from and to; `states[0]` is `.none`.
    let states: [MembershipState]
    /// Per state code: whether the state holds a status.
    let holdsStatus: [Bool]
    /// How many members the organization has from each day on, built on first use (or read
    /// from a snapshot).
    let memberCounts: MemberCountSteps

    /// Memberships from the transitions a fold recorded, in fold order, each with the index of
    /// its participant in `countries` (in any order); ranks and names are derived here.
    convenience init(participants countries: [String], recorded: [ParticipantTransition], registry: CountryRegistry) {
        // Each participant's transitions, in fold order, found by counting (no list per participant).
        var starts = [Int](repeating: 0, count: countries.count + 1)
        for item in recorded { starts[Int(item.participant) + 1] += 1 }
        for index in countries.indices { starts[index + 1] += starts[index] }
        var next = starts
        var positions = [Int](repeating: 0, count: recorded.count)
        for (position, item) in recorded.enumerated() {
            positions[next[Int(item.participant)]] = position
            next[Int(item.participant)] += 1
        }
        // Ordinal: rank of each country's first membership, by date, then by code, so that the
        // order in which events were appended never changes it (India 7th, Pakistan 8th). A
        // membership taken over from a predecessor (held since before the event that gave it)
        // keeps the predecessor's rank (Russia the USSR's).
        var firsts: [(participant: Int, day: CivilDay)] = []
        var inherited: [(participant: Int, transition: MembershipTransition)] = []
        for participant in countries.indices {
            guard
                let position = positions[starts[participant]..<starts[participant + 1]].first(where: {
                    recorded[$0].transition.isMembership
                })
            else { continue }
            let transition = recorded[position].transition
            if transition.since.earliest < transition.date.earliest, transition.before.status == nil {
                inherited.append((participant, transition))
            } else {
                firsts.append((participant, transition.date.earliest))
            }
        }
        firsts.sort { $0.day != $1.day ? $0.day < $1.day : countries[$0.participant] < countries[$1.participant] }
        var ranks = [Int?](repeating: nil, count: countries.count)
        for (rank, first) in firsts.enumerated() { ranks[first.participant] = rank + 1 }
        if !inherited.isEmpty {
            Self.rankInherited(inherited, recorded: recorded, ranks: &ranks)
        }
        var builder = Builder()
        builder.reserveCapacity(transitions: recorded.count)
        for participant in countries.indices.sorted(by: { countries[$0] < countries[$1] }) {
            let country = countries[participant]
            builder.startParticipant(country, name: registry.country(code: country)?.name ?? country, ordinal: ranks[participant])
            for position in positions[starts[participant]..<starts[participant + 1]] { builder.add(recorded[position].transition) }
        }
        self.init(builder)
    }

    /// Gives each inherited membership the best rank among the participants whose status ended
    /// by the same event (its predecessors), in date order so that a chain of successions
    /// resolves; one without a ranked predecessor ranks after every other.
    private static func rankInherited(
        _ inherited: [(participant: Int, transition: MembershipTransition)], recorded: [ParticipantTransition], ranks: inout [Int?]
    ) {
        let events = Set(inherited.map(\.transition.seq))
        var ended: [SequenceNumber: [Int]] = [:]
        for item in recorded where events.contains(item.transition.seq) {
            if item.transition.before.status != nil, item.transition.after.status == nil {
                ended[item.transition.seq, default: []].append(Int(item.participant))
            }
        }
        var next = (ranks.compactMap { $0 }.max() ?? 0) + 1
        for (participant, transition) in inherited.sorted(by: { $0.transition.date.earliest < $1.transition.date.earliest }) {
            if let rank = (ended[transition.seq] ?? []).compactMap({ ranks[$0] }).min() {
                ranks[participant] = rank
            } else {
                ranks[participant] = next
                next += 1
            }
        }
    }

    /// Collects participants and their transitions, one after another (a fold or a snapshot).
    package struct Builder {
        var countries: [String] = []
        var names: [String] = []
        var ordinals: [Int32] = []
        var offsets = [0]
        var earliest: [Int32] = []
        var latest: [Int32] = []
        var beforeCodes: [Int32] = []
        var stateCodes: [Int32] = []
        var isMembership: [Bool] = []
        var dates: [EDTFDate] = []
        var sinces: [EDTFDate] = []
        var seqs: [Int32] = []
        var derivedIDs: [UInt64] = []
        var explicitIDs: [Int: EventID] = [:]
        var states: [MembershipState] = [.none]
        var codes: [MembershipState: Int32] = [.none: 0]
        var memberCountSteps: (days: [Int32], counts: [Int32])?

        /// An empty builder: no participants yet.
        package init() {}

        /// Sets the member-count step function already computed for these memberships (see
        /// `Projections.memberCountSteps(of:)`); the days must ascend.
        package mutating func setMemberCountSteps(days: [Int32], counts: [Int32]) {
            precondition(days.count == counts.count && zip(days, days.dropFirst()).allSatisfy { $0 < $1 })
            memberCountSteps = (days, counts)
        }

        /// Makes room for `count` more transitions (when the total is known, as in a snapshot).
        package mutating func reserveCapacity(transitions count: Int) {
            earliest.reserveCapacity(earliest.count + count)
            latest.reserveCapacity(latest.count + count)
            beforeCodes.reserveCapacity(beforeCodes.count + count)
            stateCodes.reserveCapacity(stateCodes.count + count)
            isMembership.reserveCapacity(isMembership.count + count)
            dates.reserveCapacity(dates.count + count)
            sinces.reserveCapacity(sinces.count + count)
            seqs.reserveCapacity(seqs.count + count)
            derivedIDs.reserveCapacity(derivedIDs.count + count)
        }

        /// Starts the next participant; participants must come in code order.
        package mutating func startParticipant(_ country: String, name: String, ordinal: Int?) {
            if !countries.isEmpty { offsets.append(dates.count) }
            countries.append(country)
            names.append(name)
            ordinals.append(Int32(clamping: ordinal ?? 0))
        }

        /// Adds the current participant's next transition, in fold order.
        package mutating func add(_ transition: MembershipTransition) {
            precondition(!countries.isEmpty, "a transition needs a participant")
            earliest.append(Int32(clamping: transition.date.earliest.ordinal))
            latest.append(Int32(clamping: transition.date.latest.ordinal))
            beforeCodes.append(code(transition.before))
            stateCodes.append(code(transition.after))
            isMembership.append(transition.isMembership)
            dates.append(transition.date)
            sinces.append(transition.since)
            seqs.append(Int32(clamping: transition.seq.value))
            if let value = transition.eventID.derivedValue {
                derivedIDs.append(value)
            } else {
                explicitIDs[derivedIDs.count] = transition.eventID
                derivedIDs.append(0)
            }
        }

        private mutating func code(_ state: MembershipState) -> Int32 {
            // An organization's states are few (its ladder, suspended or not): a look along them
            // is cheaper than hashing the state for every transition.
            if states.count <= 16 {
                if let index = states.firstIndex(of: state) { return Int32(index) }
            } else if let known = codes[state] {
                return known
            }
            let code = Int32(states.count)
            states.append(state)
            codes[state] = code
            return code
        }
    }

    private init(_ builder: Builder) {
        // Copied to their exact size when a builder's arrays grew by doubling.
        func exact<Element>(_ array: [Element]) -> [Element] {
            array.capacity > array.count + array.count / 8 + 16 ? array.withUnsafeBufferPointer { Array($0) } : array
        }
        precondition(builder.countries == builder.countries.sorted(), "participants must come in code order")
        countries = builder.countries
        names = builder.names
        storedOrdinals = builder.ordinals
        byOrdinal = builder.ordinals.indices.sorted {
            (builder.ordinals[$0] == 0 ? Int32.max : builder.ordinals[$0], $0) < (
                builder.ordinals[$1] == 0 ? Int32.max : builder.ordinals[$1], $1
            )
        }.map(Int32.init)
        offsets = builder.countries.isEmpty ? builder.offsets : builder.offsets + [builder.dates.count]
        earliest = exact(builder.earliest)
        latest = exact(builder.latest)
        beforeCodes = exact(builder.beforeCodes)
        stateCodes = exact(builder.stateCodes)
        isMembership = exact(builder.isMembership)
        dates = exact(builder.dates)
        sinces = exact(builder.sinces)
        seqs = exact(builder.seqs)
        derivedIDs = exact(builder.derivedIDs)
        explicitIDs = builder.explicitIDs
        states = builder.states
        holdsStatus = builder.states.map { $0.status != nil }
        memberCounts = MemberCountSteps(builder.memberCountSteps)
    }

    /// Memberships a builder collected.
    package convenience init(building builder: Builder) { self.init(builder) }

    /// The id of the event that made the transition at `position` in the columns.
    func eventID(at position: Int) -> EventID {
        if !explicitIDs.isEmpty, let explicit = explicitIDs[position] { return explicit }
        return EventID(derivedValue: derivedIDs[position])
    }

    /// The transition at `position` in the columns.
    func transition(at position: Int) -> MembershipTransition {
        MembershipTransition(
            eventID: eventID(at: position),
            seq: SequenceNumber(Int(seqs[position])), date: dates[position],
            before: states[Int(beforeCodes[position])], after: states[Int(stateCodes[position])],
            isMembership: isMembership[position], since: sinces[position])
    }

    /// How many transitions the participant at `index` has.
    public func transitionCount(at index: Int) -> Int { offsets[index + 1] - offsets[index] }

    /// The transitions of the participant at `index`, in fold order.
    public func transitions(at index: Int) -> [MembershipTransition] {
        (offsets[index]..<offsets[index + 1]).map(transition(at:))
    }

    /// The integer columns, borrowed for the length of one query.
    struct Columns {
        let participants: Int
        let offsets: UnsafeBufferPointer<Int>
        let earliest: UnsafeBufferPointer<Int32>
        let latest: UnsafeBufferPointer<Int32>
        let stateCodes: UnsafeBufferPointer<Int32>
        let isMembership: UnsafeBufferPointer<Bool>
        let holdsStatus: UnsafeBufferPointer<Bool>
    }

    /// Runs `body` with the columns.
    func columns<Result>(_ body: (Columns) -> Result) -> Result {
        offsets.withUnsafeBufferPointer { offsets in
            earliest.withUnsafeBufferPointer { earliest in
                latest.withUnsafeBufferPointer { latest in
                    stateCodes.withUnsafeBufferPointer { stateCodes in
                        isMembership.withUnsafeBufferPointer { isMembership in
                            holdsStatus.withUnsafeBufferPointer { holdsStatus in
                                body(
                                    Columns(
                                        participants: countries.count, offsets: offsets, earliest: earliest, latest: latest,
                                        stateCodes: stateCodes, isMembership: isMembership, holdsStatus: holdsStatus))
                            }
                        }
                    }
                }
            }
        }
    }
}
