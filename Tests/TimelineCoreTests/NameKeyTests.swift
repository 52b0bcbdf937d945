import Testing

@testable import TimelineCore

/// A name's key has a byte-by-byte path for ASCII names, beside Foundation's folding for all
/// others: on ASCII they must give the same key.
@Suite("Name keys")
struct NameKeyTests {
    /// Every name and other name of the registry, as a user types them and in capitals.
    static let registryNames: [String] = CountryRegistry.standard.countries.flatMap { [$0.name] + $0.otherNames }

    @Test("the ASCII path gives Foundation's key for every registry name, in any case")
    func registryNames() {
        var compared = 0
        for name in Self.registryNames {
            for variant in [name, name.uppercased(), name.lowercased(), " \(name).", "The \(name)"] {
                guard let fast = NameKey.asciiKey(variant) else {
                    #expect(variant.utf8.contains { $0 >= 0x80 }, "\(variant) is ASCII but took the folding path")
                    continue
                }
                #expect(fast == NameKey.foldedKey(variant), "\(variant)")
                compared += 1
            }
        }
        #expect(compared > 1_000)
    }

    @Test("the ASCII path gives Foundation's key for every printable ASCII character, alone and between words")
    func everyCharacter() {
        for byte in UInt8(0x20)...UInt8(0x7E) {
            let character = String(UnicodeScalar(byte))
            for text in [character, "a\(character)b", "\(character)the x", "the\(character)x", "  Word\(character)\(character)9 "] {
                #expect(NameKey.asciiKey(text) == NameKey.foldedKey(text), "\(text)")
            }
        }
    }

    @Test("names beyond ASCII take the folding path: diacritics and curly apostrophes fold")
    func beyondASCII() {
        #expect(NameKey.asciiKey("Türkiye") == nil)
        #expect(NameKey.of("Türkiye") == NameKey.of("TURKIYE"))
        #expect(NameKey.of("Côte d’Ivoire") == NameKey.of("Cote d'Ivoire"))
        #expect(NameKey.of(" the  United   States ") == "united states")
    }
}
