import Testing

@testable import TimelineCore

/// The fold's look-up table for organization ids and country codes.
@Suite("String numbering")
struct StringNumberingTests {
    @Test("strings are numbered densely in the order they were added, across table growth")
    func numbering() {
        var numbering = StringNumbering()
        let strings = (0..<5_000).map { "K\($0 * 7919 % 100_003)" } + ["", "é", "a longer identifier than a small string holds", "CHN"]
        for (index, string) in strings.enumerated() {
            #expect(numbering.number(of: string) == nil, "\(string) not yet added")
            #expect(numbering.add(string) == index)
        }
        for (index, string) in strings.enumerated() {
            #expect(numbering.number(of: string) == index)
            #expect(numbering.add(string) == index, "adding again keeps the number")
        }
        #expect(numbering.strings == strings)
        #expect(numbering.number(of: "K1") == nil)
        #expect(numbering.number(of: "chn") == nil, "case matters")
    }

    @Test("codes that land in the same bucket are told apart")
    func collisions() {
        // 200 three-letter codes in a table kept at most half full: dozens of them land in a
        // bucket another holds already, and are found by probing on.
        var numbering = StringNumbering()
        let codes = (0..<200).map { index in
            String(decoding: [65 + index % 26, 65 + index / 26 % 26, 65 + index / 676].map(UInt8.init), as: UTF8.self)
        }
        for code in codes { numbering.add(code) }
        #expect(codes.map { numbering.number(of: $0) } == Array(0..<200))
    }
}
