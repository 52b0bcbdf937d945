import Testing
import TimelineCore
import TimelineScript
import TimelineStore

@Suite("Completion")
struct CompletionTests {
    static let timeline: Timeline = {
        let path = CorpusTests.frozenLog
        return Timeline(records: (try? FileEventLog(path: path).read().records) ?? [])
    }()

    let engine = CompletionEngine(timeline: CompletionTests.timeline) { directory in
        directory == "." ? [("Examples", true), ("seeds", true), ("README.md", false)] : [("01-growth.tl", false), ("02-day.tl", false)]
    }

    @Test("statement keywords at the start, dot-commands after a dot")
    func keywords() {
        #expect(engine.complete("mem").candidates == ["members", "memberships"])
        #expect(engine.complete("membe").candidates == ["members", "memberships"])
        #expect(engine.complete("st").candidates.sorted() == ["statements", "status"])
        #expect(engine.complete(".fo").candidates == [".format"])
        #expect(engine.complete(".format j").candidates == ["json", "jsonl"])
    }

    @Test(".format offers every format, records and markdown too; .pager takes on or off")
    func formatsAndPager() {
        #expect(engine.complete(".format ").candidates == ["table", "records", "markdown", "json", "jsonl", "csv"])
        #expect(engine.complete(".format m").candidates == ["markdown"])
        #expect(engine.complete(".format rec").candidates == ["records"])
        #expect(engine.complete(".pa").candidates == [".pager"])
        #expect(engine.complete(".pager o").candidates == ["on", "off"])
    }

    @Test("memberships takes a country, then its clauses")
    func memberships() {
        #expect(engine.complete("memberships Bela").candidates.contains("Belarus"))
        #expect(engine.complete("memberships Saudi A").candidates == ["\"Saudi Arabia\""])
        #expect(engine.complete("memberships BLR ").candidates.sorted() == ["at", "known"])
    }

    @Test("intersect, union and except after a query with countries, then a query of its own")
    func setOperators() {
        #expect(engine.complete("members SCO at 2024 i").candidates == ["intersect"])
        #expect(engine.complete("members SCO at 2024 ").candidates.contains("union"))
        #expect(engine.complete("status BLR in SCO e").candidates == ["except"])
        #expect(engine.complete("history Belarus u").candidates == ["union"])
        #expect(!engine.complete("memberships BLR ").candidates.contains("intersect"))
        #expect(engine.complete("members SCO at 2024 intersect mem").candidates == ["members", "memberships"])
        #expect(engine.complete("members SCO at 2024 intersect ").candidates == QueryVerb.allCases.map(\.rawValue))
        #expect(engine.complete("members SCO at 2024 intersect members S").candidates == ["SCO", "SHANGHAI5"])
        #expect(engine.complete("members SCO at 2024 union members SCO a").candidates == ["at"])
        #expect(engine.complete("(members SCO at 2024) except (roster SCO at 2010 | wh").candidates == ["where"])
    }

    @Test("a statement ending in intersect, union or except continues on the next line")
    func setOperatorContinues() {
        #expect(StatementCompleteness.needsMore("members SCO at 2024 intersect"))
        #expect(StatementCompleteness.needsMore("members SCO union"))
        #expect(!StatementCompleteness.needsMore("members SCO at 2024 intersect members SCO at 2017"))
        #expect(!StatementCompleteness.needsMore("union"))
        #expect(!StatementCompleteness.needsMore("print except"))
    }

    @Test("history and chart take a country or an organization; history also nothing")
    func countryOrOrganization() {
        #expect(engine.complete("chart Bela").candidates.contains("Belarus"))
        #expect(engine.complete("chart S").candidates.starts(with: ["SCO", "SHANGHAI5"]))
        #expect(engine.complete("chart BLR f").candidates == ["from"])
    }

    @Test("organizations, then the clause keywords")
    func organizations() {
        #expect(engine.complete("members S").candidates == ["SCO", "SHANGHAI5"])
        #expect(engine.complete("roster SCO a").candidates == ["at"])
        #expect(engine.complete("members SCO at 2017 known ").candidates == ["at"])
        #expect(engine.complete("members SCO at 2017 known at ").candidates == ["seq"])
    }

    @Test("countries by code or name; names with spaces are quoted and replace what was typed")
    func countries() {
        #expect(engine.complete("status Bela").candidates == ["Belarus"])
        #expect(engine.complete("status BL").candidates == ["BLM", "BLR", "BLZ"])
        let saudi = engine.complete("status Saudi A")
        #expect(saudi.candidates == ["\"Saudi Arabia\""])
        #expect(saudi.replacing == "Saudi A".count)
        let kyrgyz = engine.complete("status \"Kyrgyz R")
        #expect(kyrgyz.candidates == ["\"Kyrgyz Republic\""])
        #expect(kyrgyz.replacing == "\"Kyrgyz R".count)
        #expect(engine.complete("status BLR i").candidates == ["in"])
        #expect(engine.complete("status BLR in S").candidates == ["SCO", "SHANGHAI5"])
    }

    /// The line after Tab with a unique candidate, as the line editor makes it.
    func completed(_ before: String, _ after: String = "") -> String {
        let suggestion = engine.complete(before, after: after)
        guard Set(suggestion.candidates).count == 1, let candidate = suggestion.candidates.first else { return before + after }
        return String(before.dropLast(suggestion.replacing)) + candidate + suggestion.suffix + "|"
            + after.dropFirst(suggestion.replacingAfter)
    }

    @Test("a completed country name is followed by one space, wherever the cursor is and whatever quote is typed")
    func oneSpaceAfterNames() {
        // "|" marks the cursor after the edit.
        #expect(completed("status Saudi A") == "status \"Saudi Arabia\" |")
        #expect(completed("status Saudi A", " in SCO") == "status \"Saudi Arabia\" |in SCO")
        #expect(completed("status \"Saudi A", "\" in SCO") == "status \"Saudi Arabia\" |in SCO")
        #expect(completed("status \"Saudi A", "\"") == "status \"Saudi Arabia\" |")
        #expect(completed("status Bela", " in SCO") == "status Belarus |in SCO")
        // Right after a closing quote the name is whole: Tab adds the space, then offers "in".
        #expect(completed("status \"Saudi Arabia\"") == "status \"Saudi Arabia\" |")
        #expect(completed("status \"Saudi Arabia\" ") == "status \"Saudi Arabia\" in |")
        #expect(completed("history \"Saudi Arabia\"", " from 2020") == "history \"Saudi Arabia\" |from 2020")
    }

    @Test("after append: event types, then each form's organization, country, status and clauses")
    func appends() {
        #expect(engine.complete("append ac").candidates == ["accession"])
        #expect(engine.complete("append status SCO BLR o").candidates == ["observer"])
        #expect(engine.complete("append status SCO BLR ").candidates == ["dialogue-partner", "observer", "member", "partner"])
        #expect(engine.complete("append accession SCO Ind").candidates.contains("India"))
        #expect(engine.complete("append accession SCO IND on 2017 so").candidates == ["source"])
        #expect(engine.complete("append summit SCO on 2024 host Kazak").candidates == ["Kazakhstan"])
        #expect(engine.complete("append status SCO BLR observer change el").candidates == ["elevation"])
    }

    @Test("the succession forms complete their countries and clauses, and the states a log introduces")
    func successionForms() {
        #expect(engine.complete("append suc").candidates == ["succession"])
        #expect(engine.complete("append succession SCO Rus").candidates.contains("Russia"))
        #expect(engine.complete("append succession SCO RUS fr").candidates == ["from"])
        #expect(engine.complete("append succession SCO RUS from USS").candidates.contains("USSR"))
        #expect(engine.complete("append merger SCO KAZ Kyrg").candidates.contains("Kyrgyzstan"))
        #expect(engine.complete("append merger SCO KAZ KGZ in").candidates.contains("into"))
        #expect(engine.complete("append breakup SCO KAZ into KGZ Tajik").candidates.contains("Tajikistan"))
        #expect(engine.complete("append state TGA name \"Tanganyika\" on 1961 un").candidates == ["until"])
        let introduced = Timeline(
            records: CompletionTests.timeline.records + [
                RecordedEvent(
                    seq: SequenceNumber(CompletionTests.timeline.records.count + 1), recordedAt: RecordedTime(milliseconds: 0),
                    event: NewEvent(
                        date: .single(PartialDate(year: 1961)), payload: .state(StateIntroduction(code: "TGA", name: "Tanganyika")),
                        source: Source(citation: "test")!))
            ])
        let withStates = CompletionEngine(timeline: introduced) { _ in [] }
        #expect(withStates.complete("append accession SCO Tangan").candidates == ["Tanganyika"])
        #expect(engine.complete("append accession SCO Tangan").candidates.isEmpty)
    }

    @Test("pipeline verbs after a bar, files after .read")
    func pipelinesAndFiles() {
        #expect(engine.complete("members SCO | wh").candidates == ["where"])
        let directory = engine.complete(".read Exa")
        #expect(directory.candidates == ["Examples/"])
        #expect(directory.suffix == "")
        #expect(engine.complete(".read Examples/0").candidates == ["Examples/01-growth.tl", "Examples/02-day.tl"])
    }
}
