import Testing
import TimelineCore

@Suite("EDTF dates")
struct EDTFDateTests {
    @Test(
        "valid dates print exactly as written",
        arguments: [
            "2024", "2024-07", "2024-07-04", "2024?", "2024-07~", "2024-07-04%", "0001-01-01", "9999-12-31",
            "2024-07-03/2024-07-04", "2010/2012", "2024-07-03/..", "../2024-07-04", "2024-07/", "/2024-07-04",
            "2010-04?/2010-05~", "2024-02-29", "2000-02-29",
        ])
    func roundTrip(text: String) throws {
        #expect(try EDTFDate.parse(text).description == text)
    }

    @Test("bounds follow precision")
    func bounds() throws {
        let month = try EDTFDate.parse("2010-04")
        #expect(month.earliest.description == "2010-04-01")
        #expect(month.latest.description == "2010-04-30")
        #expect(month.precision == .month)
        let year = try EDTFDate.parse("2024")
        #expect(year.earliest.description == "2024-01-01")
        #expect(year.latest.description == "2024-12-31")
        let leap = try EDTFDate.parse("2024-02")
        #expect(leap.latest.description == "2024-02-29")
        let plain = try EDTFDate.parse("2023-02")
        #expect(plain.latest.description == "2023-02-28")
        let summit = try EDTFDate.parse("2024-07-03/2024-07-04")
        #expect(summit.earliest.description == "2024-07-03")
        #expect(summit.latest.description == "2024-07-04")
        let open = try EDTFDate.parse("2024-07-03/..")
        #expect(open.latest == .distantFuture)
        let day = try EDTFDate.parse("2017-06-09")
        #expect(day.isExactDay)
        #expect(!day.isQualified)
        #expect(try EDTFDate.parse("2017~").isQualified)
    }

    @Test("qualifiers carry but do not widen bounds")
    func qualifiers() throws {
        let uncertain = try EDTFDate.parse("2010-04?")
        guard case .single(let date) = uncertain else { Issue.record("expected a single date"); return }
        #expect(date.qualifier == .uncertain)
        #expect(uncertain.earliest.description == "2010-04-01")
        #expect(try EDTFDate.parse("2010~").description == "2010~")
        #expect(try EDTFDate.parse("2010%").description == "2010%")
    }

    @Test("dates order by earliest bound, then latest, for folding")
    func ordering() throws {
        let texts = ["2010", "2010-04", "2010-04-15", "2009-12-31", "2010-04-15/2010-04-20", "2011", "2010-01-01"]
        let sorted = try texts.map(EDTFDate.parse).sorted().map(\.description)
        #expect(sorted == ["2009-12-31", "2010-01-01", "2010", "2010-04", "2010-04-15", "2010-04-15/2010-04-20", "2011"])
        #expect(try EDTFDate.parse("2010-01-01") < EDTFDate.parse("2010"))
    }

    @Test("civil days round-trip across eras and leap years")
    func civilDays() {
        for ordinal in stride(from: -800_000, through: 3_000_000, by: 997) {
            let day = CivilDay(ordinal: ordinal)
            let (y, m, d) = day.components
            #expect(CivilDay(year: y, month: m, day: d) == day)
        }
        #expect(CivilDay(year: 1970, month: 1, day: 1).ordinal == 0)
        #expect(CivilDay(year: 2000, month: 3, day: 1).ordinal - CivilDay(year: 2000, month: 2, day: 28).ordinal == 2)
    }

    @Test(
        "invalid dates are refused with what was expected",
        arguments: [
            ("2024-13-01", 5, "month 13 is out of range: expected 01 to 12"),
            ("2023-02-29", 8, "day 29 does not exist in 2023-02, which has 28 days"),
            ("2024-7-4", 5, "expected a two-digit month (01–12)"),
            ("24-07-04", 0, "expected a four-digit year (YYYY)"),
            ("", 0, "expected a date such as 2024"),
            ("2024-00", 5, "month 00 is out of range"),
            ("2024-04-31", 8, "day 31 does not exist in 2024-04, which has 30 days"),
            ("2024-07-4", 8, "expected a two-digit day (01–31)"),
            ("20245", 0, "expected a four-digit year"),
            ("2024-07-04x", 10, "unexpected \"x\""),
            ("2024-07-04??", 11, "expected the end of the date"),
            ("2024/2023", 5, "the interval ends (2023) before it starts (2024)"),
            ("../..", 2, "an interval needs at least one known end"),
            ("2024-21", 5, "seasons (21–24) are not supported"),
            ("201X", 0, "unspecified digits (X) are not supported"),
            ("Y17000", 0, "years beyond 0000–9999"),
            ("-0500", 0, "negative years"),
            ("2024-07-04 ", 10, "unexpected \" \""),
            ("July 4 2024", 0, "expected a four-digit year"),
        ])
    func invalid(text: String, offset: Int, message: String) {
        do {
            let date = try EDTFDate.parse(text)
            Issue.record("\"\(text)\" parsed as \(date)")
        } catch {
            #expect(error.offset == offset, "offset for \(text)")
            #expect(error.message.contains(message), "message for \(text): \(error.message)")
            #expect(error.description.hasPrefix("invalid date \"\(text)\""))
        }
    }

    @Test("recorded times parse and print in UTC")
    func recordedTimes() throws {
        let time = try #require(RecordedTime.parse("2026-11-29T03:04:05.678Z"))
        #expect(time.description == "2026-11-29T03:04:05.678Z")
        #expect(RecordedTime.parse("2026-11-29T03:04:05Z")?.description == "2026-11-29T03:04:05Z")
        #expect(RecordedTime.parse("2025-03", endOfPeriod: true)?.description == "2025-03-31T23:59:59.999Z")
        #expect(RecordedTime.parse("2025-03")?.description == "2025-03-01T00:00:00Z")
        #expect(RecordedTime.parse("2026-11-29T25:00:00Z") == nil)
        #expect(RecordedTime.parse("yesterday") == nil)
    }
}
