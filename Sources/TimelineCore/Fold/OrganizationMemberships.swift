/// One organization's participants, each with its display name, its rank of accession and its
/// status transitions, sorted by country code.
///
/// As-of queries walk every participant, so the transitions are also kept as flat columns of
/// small integers (day bounds, a code per state) that a query searches without decoding dates,
/// comparing strings or touching reference counts.
public struct OrganizationMemberships: Sendable {
    /// Participant codes, sorted.
    public let countries: [String]
    /// Display names, parallel to `countries`.
    public let names: [String]
    /// Rank of each participant's first membership (1 for the first), parallel to `countries`.
    public let ordinals: [Int?]
    /// The index of each participant in the arrays.
    let position: [String: Int]
    /// Every participant's transitions in fold order, one after another; participant `i` owns
    /// `flat[offsets[i]..<offsets[i + 1]]`.
    let flat: [MembershipTransition]
    let offsets: [Int]
    /// Per transition: earliest and latest day of its date (`CivilDay` ordinals).
    let earliest: [Int32]
    let latest: [Int32]
    /// Per transition: a code for the state it leads to, equal codes for equal states; 0 when
    /// the state holds no status.
    let stateCodes: [Int32]
    /// Per transition: whether the state it leads to is membership.
    let isMembership: [Bool]
    /// How many members (certain or possible) the organization has from each day on: the days
    /// where the number changes, ascending, and the number from then. Built on first use.
    let memberCounts = MemberCountSteps()

    /// The integer columns, borrowed for the length of one query.
    struct Columns {
        let participants: Int
        let offsets: UnsafeBufferPointer<Int>
        let earliest: UnsafeBufferPointer<Int32>
        let latest: UnsafeBufferPointer<Int32>
        let stateCodes: UnsafeBufferPointer<Int32>
        let isMembership: UnsafeBufferPointer<Bool>
    }

    /// Runs `body` with the columns.
    func columns<Result>(_ body: (Columns) -> Result) -> Result {
        offsets.withUnsafeBufferPointer { offsets in
            earliest.withUnsafeBufferPointer { earliest in
                latest.withUnsafeBufferPointer { latest in
                    stateCodes.withUnsafeBufferPointer { stateCodes in
                        isMembership.withUnsafeBufferPointer { isMembership in
                            body(Columns(participants: countries.count, offsets: offsets, earliest: earliest, latest: latest,
                                         stateCodes: stateCodes, isMembership: isMembership))
                        }
                    }
                }
            }
        }
    }

    /// Memberships from transitions by country; ranks and names are derived here.
    public init(transitions byCountry: [String: [MembershipTransition]], registry: CountryRegistry) {
        let countries = byCountry.keys.sorted()
        // Ordinal: rank of each country's first membership, by date, then by code, so that the
        // order in which events were appended never changes it (India 7th, Pakistan 8th).
        let firsts = countries.compactMap { country in
            byCountry[country]!.first(where: \.isMembership).map { (country: country, day: $0.date.earliest) }
        }.sorted { $0.day != $1.day ? $0.day < $1.day : $0.country < $1.country }
        var ranks: [String: Int] = [:]
        for (index, first) in firsts.enumerated() { ranks[first.country] = index + 1 }
        self.init(countries: countries,
                  names: countries.map { registry.country(code: $0)?.name ?? $0 },
                  ordinals: countries.map { ranks[$0] },
                  transitions: countries.map { byCountry[$0]! })
    }

    /// Memberships from their parts; the arrays must be parallel.
    public init(countries: [String], names: [String], ordinals: [Int?], transitions: [[MembershipTransition]]) {
        precondition(countries.count == transitions.count)
        var offsets = [0]
        offsets.reserveCapacity(transitions.count + 1)
        for list in transitions { offsets.append(offsets[offsets.count - 1] + list.count) }
        self.init(countries: countries, names: names, ordinals: ordinals, flat: Array(transitions.joined()), offsets: offsets)
    }

    /// Memberships from their stored parts (a snapshot): every participant's transitions one
    /// after another, participant `i` owning `flat[offsets[i]..<offsets[i + 1]]`.
    public init(countries: [String], names: [String], ordinals: [Int?], flat: [MembershipTransition], offsets: [Int]) {
        precondition(countries.count == names.count && countries.count == ordinals.count && offsets.count == countries.count + 1)
        precondition(offsets.first == 0 && offsets.last == flat.count && zip(offsets, offsets.dropFirst()).allSatisfy { $0 <= $1 })
        self.countries = countries
        self.names = names
        self.ordinals = ordinals
        var position: [String: Int] = [:]
        position.reserveCapacity(countries.count)
        for (index, country) in countries.enumerated() { position[country] = index }
        self.position = position
        var codes: [MembershipState: Int32] = [:]
        self.stateCodes = flat.map { transition in
            guard transition.after.status != nil else { return 0 }
            if let code = codes[transition.after] { return code }
            let code = Int32(codes.count + 1)
            codes[transition.after] = code
            return code
        }
        self.earliest = flat.map { Int32(clamping: $0.date.earliest.ordinal) }
        self.latest = flat.map { Int32(clamping: $0.date.latest.ordinal) }
        self.isMembership = flat.map(\.isMembership)
        self.flat = flat
        self.offsets = offsets
    }

    /// The transitions of the participant at `index`, in fold order.
    public func transitions(at index: Int) -> ArraySlice<MembershipTransition> {
        flat[offsets[index]..<offsets[index + 1]]
    }
}
