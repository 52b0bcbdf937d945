import Testing
import TimelineCore

/// `PartialDate.description` writes its digits byte by byte; it must give exactly the text of the
/// simple formatting by padded numbers it replaced, for every precision and qualifier.
@Suite("Date text")
struct DateTextTests {
    /// The simple path: each part padded with zeros, joined by hyphens, then the qualifier.
    static func simple(_ date: PartialDate) -> String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        var text = pad(date.year, 4)
        if let month = date.month { text += "-" + pad(month, 2) }
        if let day = date.day { text += "-" + pad(day, 2) }
        if let qualifier = date.qualifier { text.append(qualifier.rawValue) }
        return text
    }

    @Test("every year's text, at every precision and with every qualifier, is the simple path's")
    func sameAsSimplePath() {
        var checked = 0
        for year in 0...9999 {
            let month = 1 + year % 12
            let day = 1 + year % 28
            let qualifier: DateQualifier? = year % 4 == 0 ? nil : DateQualifier.allCases[year % 3]
            for date in [
                PartialDate(year: year), PartialDate(year: year, month: month),
                PartialDate(year: year, month: month, day: day, qualifier: qualifier),
            ] {
                #expect(date.description == Self.simple(date))
                checked += 1
            }
        }
        #expect(checked == 30_000)
        #expect(PartialDate(year: 7, month: 3, day: 9).description == "0007-03-09")
        #expect(PartialDate(year: 2024, month: 12, day: 31, qualifier: .approximate).description == "2024-12-31~")
    }
}
