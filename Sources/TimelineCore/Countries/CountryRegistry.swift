import Foundation

/// Every country Timeline knows, looked up by code or name in any case.
///
/// The entries are generated from Debian's `iso-codes` (`scripts/generate-country-registry.py`).
///
/// For example:
/// ```swift
/// let registry = CountryRegistry.standard
/// try registry.resolve("turkey").alpha3     // "TUR"
/// try registry.resolve("by").alpha3         // "BLR"
/// try registry.resolve("Belarsu")           // throws: did you mean "Belarus"?
/// ```
public struct CountryRegistry: Sendable {
    /// The ISO 3166-1 and ISO 3166-3 registry.
    public static let standard = CountryRegistry(countries: isoEntries)

    /// All entries, current countries first, each sorted by alpha-3 code.
    public let countries: [Country]
    private let byCode: [String: Int]
    /// Each name key's entry, with the rank that won it (`nameRank`).
    private let byName: [String: (index: Int, rank: Int)]
    /// The codes of the organizations taking part as members, found by a cheap byte hash (a
    /// members answer asks for every row), and whether they alone answer `isOrganization(code:)`:
    /// not when a later entry that is no organization took one of their codes.
    private let organizationCodes: StringNumbering
    private let organizationCodesSuffice: Bool

    /// A registry of the given countries. Codes are matched in upper case, names by `NameKey`.
    public init(countries: [Country]) {
        self.init(countries: countries, extending: nil)
    }

    /// A registry of `countries`; with `base`, a registry of a prefix of them whose look-ups are
    /// kept and extended by the rest, which gives the same look-ups as building them all afresh
    /// (tested) without computing the base's name keys again.
    private init(countries: [Country], extending base: CountryRegistry?) {
        self.countries = countries
        var byCode = base?.byCode ?? [:]
        var byName = base?.byName ?? [:]
        let added = (base?.countries.count ?? 0)..<countries.count
        // Alpha-3 codes (and organization ids) first: an alpha-2 code never hides one ("AU" is
        // the African Union once the log founds it, Australia otherwise).
        for index in added { byCode[countries[index].alpha3] = index }
        for index in added {
            if let alpha2 = countries[index].alpha2, byCode[alpha2] == nil { byCode[alpha2] = index }
        }
        // Current countries win over former ones, and display names over other names, when two
        // entries share a name ("Burma" is Myanmar's alias and the former BUR's name); between
        // equals, the earlier entry.
        for index in added {
            let country = countries[index]
            for (offset, name) in ([country.name] + country.otherNames).enumerated() {
                let rank = Self.nameRank(former: country.isFormer, displayName: offset == 0)
                let key = NameKey.of(name)
                if let held = byName[key], held.rank <= rank { continue }
                byName[key] = (index, rank)
            }
        }
        var organizationCodes = base?.organizationCodes ?? StringNumbering()
        for index in added where countries[index].isOrganization { organizationCodes.add(countries[index].alpha3) }
        organizationCodesSuffice =
            (base?.organizationCodesSuffice ?? true)
            && !added.contains { !countries[$0].isOrganization && organizationCodes.number(of: countries[$0].alpha3) != nil }
        self.organizationCodes = organizationCodes
        self.byCode = byCode
        self.byName = byName
    }

    /// The precedence of a name among entries that share it: lower wins.
    private static func nameRank(former: Bool, displayName: Bool) -> Int { (former ? 2 : 0) + (displayName ? 0 : 1) }

    /// The states a log introduced (`state` events), in the order added.
    public var introduced: [Country] { countries.filter { $0.isIntroduced && !$0.isOrganization } }

    /// The organizations taking part as participants, in the order added.
    public var organizations: [Country] { countries.filter(\.isOrganization) }

    /// The countries proper: ISO's and the states a log introduced, without organizations.
    public var countriesOnly: [Country] { countries.filter { !$0.isOrganization } }

    /// This registry with the states a log introduces added; a state whose code is already
    /// known is left out (the fold reports it). Answers `self` when there are none.
    public func adding(_ states: [Country]) -> CountryRegistry {
        let fresh = states.filter { state in byCode[state.alpha3].map { countries[$0].alpha3 != state.alpha3 } ?? true }
        guard !fresh.isEmpty else { return self }
        return CountryRegistry(countries: countries + fresh, extending: self)
    }

    /// This registry with every organization of `organizations` as a participant (by its id),
    /// except one whose id is already a country's code.
    public func adding(organizations: some Sequence<Organization>) -> CountryRegistry {
        // Sorted as entries, in an array of a known type: sorting the organizations of a sequence
        // of any type moved each one through memory allocated for it.
        var participants = organizations.map(Country.init(organization:))
        participants.sort { $0.alpha3 < $1.alpha3 }
        return adding(participants)
    }

    /// The country with this alpha-3 or alpha-2 code, in any case.
    /// - Complexity: O(1).
    public func country(code: String) -> Country? {
        (byCode[code] ?? byCode[code.uppercased()]).map { countries[$0] }
    }

    /// Whether `code` is the code of an organization taking part as a member (`Country.isOrganization`),
    /// found without copying its entry.
    public func isOrganization(code: String) -> Bool {
        if organizationCodesSuffice { return organizationCodes.number(of: code) != nil }
        return isOrganizationByCode(code)
    }

    /// `isOrganization(code:)` read from the code's entry: the simple path it is tested against.
    func isOrganizationByCode(_ code: String) -> Bool {
        guard let index = byCode[code] else { return false }
        return countries[index].isOrganization && countries[index].alpha3 == code
    }

    /// The country with this code, name or alias, or `nil`.
    /// - Complexity: O(length of text).
    public func lookup(_ text: String) -> Country? {
        // A code as written in the log and in scripts (upper case, no spaces), found directly.
        if let index = byCode[text] { return countries[index] }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.count <= 3, let country = country(code: trimmed) { return country }
        return byName[NameKey.of(trimmed)].map { countries[$0.index] }
    }

    /// The country with this code, name or alias.
    /// - Throws: `CountryLookupError` with the nearest names when nothing matches.
    public func resolve(_ text: String) throws(CountryLookupError) -> Country {
        if let country = lookup(text) { return country }
        throw CountryLookupError(text: text, suggestions: suggestions(for: text))
    }

    /// The names nearest to a text that matched nothing, best first.
    /// - Complexity: O(countries × name length²).
    public func suggestions(for text: String, limit: Int = 3) -> [String] {
        var candidates: [String] = []
        for country in countries {
            candidates.append(country.name)
            candidates.append(contentsOf: country.otherNames.filter { !$0.contains(",") })
        }
        let names = NameKey.nearest(to: text, among: candidates, limit: limit)
        if !names.isEmpty { return names }
        // A three-letter near-miss of a code: suggest codes one letter away.
        guard text.count == 3 else { return [] }
        return NameKey.nearest(to: text, among: countries.map(\.alpha3), limit: limit)
    }
}
