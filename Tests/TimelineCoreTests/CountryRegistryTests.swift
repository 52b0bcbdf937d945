import Testing
@testable import TimelineCore

@Suite("Country registry")
struct CountryRegistryTests {
    let registry = CountryRegistry.standard

    @Test("covers ISO 3166-1 and ISO 3166-3")
    func coverage() {
        #expect(registry.countries.filter { !$0.isFormer }.count >= 249)
        #expect(registry.countries.filter(\.isFormer).count >= 25)
    }

    @Test(
        "codes in any case, alpha-3 and alpha-2",
        arguments: [
            ("BLR", "BLR"), ("blr", "BLR"), ("Blr", "BLR"), ("BY", "BLR"), ("by", "BLR"), ("in", "IND"), ("cn", "CHN"),
        ])
    func codes(text: String, code: String) throws {
        #expect(try registry.resolve(text).alpha3 == code)
    }

    @Test(
        "names, official names and aliases",
        arguments: [
            ("Belarus", "BLR"), ("belarus", "BLR"), ("BELARUS", "BLR"),
            ("Turkey", "TUR"), ("Türkiye", "TUR"), ("turkiye", "TUR"), ("Republic of Türkiye", "TUR"),
            ("Kyrgyz Republic", "KGZ"), ("Kyrgyzstan", "KGZ"),
            ("Russian Federation", "RUS"), ("Russia", "RUS"),
            ("Iran", "IRN"), ("Islamic Republic of Iran", "IRN"), ("Iran, Islamic Republic of", "IRN"),
            ("Laos", "LAO"), ("Lao People's Democratic Republic", "LAO"),
            ("Viet Nam", "VNM"), ("Vietnam", "VNM"),
            ("United Arab Emirates", "ARE"), ("UAE", "ARE"), ("Côte d’Ivoire", "CIV"), ("Ivory Coast", "CIV"),
            ("South Korea", "KOR"), ("Burma", "MMR"), ("Myanmar", "MMR"), ("  saudi   arabia ", "SAU"),
        ])
    func names(text: String, code: String) throws {
        #expect(try registry.resolve(text).alpha3 == code)
    }

    @Test(
        "former states of ISO 3166-3",
        arguments: [
            ("SUN", "SUN"), ("USSR", "SUN"), ("Soviet Union", "SUN"), ("YUG", "YUG"), ("Yugoslavia", "YUG"),
            ("CSK", "CSK"), ("Czechoslovakia", "CSK"), ("East Germany", "DDR"),
        ])
    func former(text: String, code: String) throws {
        let country = try registry.resolve(text)
        #expect(country.alpha3 == code)
        #expect(country.isFormer)
        #expect(country.alpha2 == nil)
    }

    @Test("display names are the common ones")
    func displayNames() {
        #expect(registry.country(code: "IRN")?.name == "Iran")
        #expect(registry.country(code: "RUS")?.name == "Russia")
        #expect(registry.country(code: "TUR")?.name == "Türkiye")
        #expect(registry.country(code: "SUN")?.withdrawn == "1992-08-30")
    }

    @Test(
        "a miss suggests the nearest names",
        arguments: [
            ("Belarsu", "Belarus"), ("Kazakstan", "Kazakhstan"), ("Uzbekistn", "Uzbekistan"), ("Pakistn", "Pakistan"),
            ("Mongolai", "Mongolia"), ("Kyrgystan", "Kyrgyzstan"),
        ])
    func suggestions(text: String, expected: String) {
        do {
            _ = try registry.resolve(text)
            Issue.record("\(text) resolved")
        } catch {
            #expect(error.suggestions.first == expected, "\(error.suggestions)")
            #expect(error.description.contains("did you mean \"\(expected)\""))
        }
    }

    @Test("nonsense gets no suggestion and a clear message")
    func nonsense() {
        #expect(throws: CountryLookupError.self) { try registry.resolve("Qqqqqqqqqqqq") }
        #expect(registry.lookup("Atlantis") == nil)
        let error = CountryLookupError(text: "Atlantis", suggestions: [])
        #expect(error.description == "unknown country \"Atlantis\": expected an ISO 3166 code (such as BLR) or a country name")
    }
}

/// `adding(_:)` extends a registry's look-ups with the new entries' codes and names instead of
/// building them all again; the look-ups must be those of a registry built afresh from all.
@Suite("Country registry: extending equals rebuilding")
struct CountryRegistryExtensionTests {
    /// Every code and name an entry answers to, in the cases people write them.
    static func probes(_ registry: CountryRegistry) -> [String] {
        registry.countries.flatMap { country in
            [country.alpha3, country.alpha3.lowercased(), country.name, country.name.uppercased()] + country.otherNames
                + (country.alpha2.map { [$0, $0.lowercased()] } ?? [])
        } + ["Burma", "AU", "au", "Yugoslavia", "Soviet Union", "nowhere"]
    }

    static func expectSameLookups(_ extended: CountryRegistry, _ rebuilt: CountryRegistry) {
        for probe in probes(rebuilt) {
            #expect(extended.lookup(probe)?.alpha3 == rebuilt.lookup(probe)?.alpha3, "\(probe)")
            #expect(extended.country(code: probe)?.alpha3 == rebuilt.country(code: probe)?.alpha3, "\(probe)")
            #expect(extended.isOrganization(code: probe) == rebuilt.isOrganization(code: probe), "\(probe)")
        }
    }

    @Test("states that share names and codes with ISO's, and organizations whose ids are alpha-2 codes")
    func sameAsRebuilt() throws {
        let day = EDTFDate.day(1950, 1, 1)
        let states = [
            // A current state named like a former country, a former one named like a current one's alias.
            Country(introducedCode: "XBU", name: "Burma", introduced: day, ended: nil),
            Country(introducedCode: "XSU", name: "Soviet Union", introduced: day, ended: .day(1991, 12, 26)),
            Country(introducedCode: "XYU", name: "Yugoslavia", introduced: day, ended: nil),
        ]
        let founded = EDTFDate.day(2002, 7, 9)
        let ladder = try #require(StatusLadder([Status("member")].compactMap { $0 }))
        let organizations = ["AU", "EU", "XSU", "GCC"].map { id in
            Organization(
                id: OrganizationID(id)!, name: "Union \(id)", founded: founded, place: nil, founders: [], predecessor: nil, ladder: ladder,
                ladderChanges: [], dissolved: nil)
        }
        let extended = CountryRegistry.standard.adding(states).adding(organizations: organizations)
        #expect(extended.countries.count == CountryRegistry.standard.countries.count + 3 + 3, "XSU's id is a state's code: left out")
        Self.expectSameLookups(extended, CountryRegistry(countries: extended.countries))
        #expect(extended.lookup("AU")?.name == "Union AU")
        #expect(extended.lookup("Burma")?.alpha3 == "XBU", "a current state's own name outranks an alias and a former name")
        let reversed = CountryRegistry.standard.adding(organizations: organizations.reversed())
        #expect(reversed.organizations.map(\.alpha3) == ["AU", "EU", "GCC", "XSU"], "in the order of their ids, whatever the order given")
    }

    @Test("whether a code is an organization's: the organizations' own table answers as the codes' entries do")
    func organizationCodes() throws {
        let ladder = try #require(StatusLadder([Status("member")].compactMap { $0 }))
        let organizations = ["AU", "EU", "GCC", "ORG0001"].map { id in
            Organization(
                id: OrganizationID(id)!, name: "Union \(id)", founded: .day(2002, 7, 9), place: nil, founders: [], predecessor: nil,
                ladder: ladder, ladderChanges: [], dissolved: nil)
        }
        let extended = CountryRegistry.standard.adding(organizations: organizations)
        // An entry that is no organization, listed after one, takes its code: the table alone
        // would still call it an organization's.
        let taken = CountryRegistry(
            countries: extended.countries + [Country(introducedCode: "GCC", name: "Gulf State", introduced: .day(1990, 1, 1), ended: nil)])
        for registry in [CountryRegistry.standard, extended, CountryRegistry(countries: extended.countries), taken] {
            for probe in Self.probes(registry) + ["ORG0001", "org0001", "ORG000", "GC", ""] {
                #expect(registry.isOrganization(code: probe) == registry.isOrganizationByCode(probe), "\(probe)")
            }
        }
        #expect(extended.isOrganization(code: "AU") && extended.isOrganization(code: "ORG0001"))
        #expect(!extended.isOrganization(code: "AUS") && !CountryRegistry.standard.isOrganization(code: "AU"))
        #expect(!taken.isOrganization(code: "GCC"), "the later entry holds the code")
    }
}
