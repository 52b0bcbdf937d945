/// One organization's participants, each with its display name, its rank of accession and its
/// status transitions, held in parallel arrays sorted by country code so that a query walks
/// them without a look-up per country.
public struct OrganizationMemberships: Sendable {
    /// Participant codes, sorted.
    public let countries: [String]
    /// Display names, parallel to `countries`.
    public let names: [String]
    /// Rank of each participant's first membership (1 for the first), parallel to `countries`.
    public let ordinals: [Int?]
    /// Each participant's transitions in fold order, parallel to `countries`.
    public let transitions: [[MembershipTransition]]
    /// The index of each participant in the arrays.
    let position: [String: Int]

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

    /// Memberships from their stored parts (a snapshot); the arrays must be parallel.
    public init(countries: [String], names: [String], ordinals: [Int?], transitions: [[MembershipTransition]]) {
        precondition(countries.count == names.count && countries.count == ordinals.count && countries.count == transitions.count)
        self.countries = countries
        self.names = names
        self.ordinals = ordinals
        self.transitions = transitions
        var position: [String: Int] = [:]
        position.reserveCapacity(countries.count)
        for (index, country) in countries.enumerated() { position[country] = index }
        self.position = position
    }
}
