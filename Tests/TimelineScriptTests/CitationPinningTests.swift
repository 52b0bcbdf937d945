import Testing
import TimelineCore
import TimelineScript
import TimelineStore
import TimelineTestSupport

/// A citation pins every query of a statement to the head it was answered at, wherever the
/// query stands (a pipeline, a loop, a function's argument), and leaves pinned queries alone.
@Suite("Citations")
struct CitationPinningTests {
    /// Runs `text` with citations on, over a copy of the frozen log; returns the citation lines.
    static func citations(_ text: String) throws -> [String] {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let log = scratch.file("log.jsonl")
        writeBytes(readBytes(CorpusTests.frozenLog), to: log)
        var lines: [String] = []
        let host = CitingHost { output in if case .info(let text) = output { lines.append(text) } }
        let outcome = Interpreter(session: LogSession(log: FileEventLog(path: log)), host: host).run(SourceFile(name: "t", text: text))
        #expect(outcome.succeeded, "\(outcome.diagnostics.map(\.message))")
        return lines.filter { $0.hasPrefix("cite: ") }
    }

    final class CitingHost: ScriptHost {
        let output: (ScriptOutput) -> Void
        init(output: @escaping (ScriptOutput) -> Void) { self.output = output }
        func show(_ output: ScriptOutput) { self.output(output) }
        func readFile(at path: String) throws(HostError) -> [UInt8] { throw HostError(.refused, path: path) }
        func writeFile(at path: String, contents: [UInt8]) throws(HostError) { throw HostError(.refused, path: path) }
        var today: CivilDay { CivilDay(year: 2025, month: 12, day: 31) }
        func now() -> RecordedTime { RecordedTime(milliseconds: 0) }
        var citesAnswers: Bool { true }
    }

    @Test("each query is pinned where it ends, in loops and calls; pinned queries and verify are left alone")
    func pinning() throws {
        let lines = try Self.citations(
            """
            for y in [2016, 2024] { print y, count(members SCO at y) }
            members SCO at 2017 known at seq 40 | count
            roster SCO at 2024 | where status == observer | select country
            verify
            let x = 3
            """)
        #expect(lines.count == 3)
        #expect(lines[0].hasSuffix("'for y in [2016, 2024] { print y, count(members SCO at y known at seq 97) }'"))
        #expect(lines[1].hasSuffix("'members SCO at 2017 known at seq 40 | count'"))
        #expect(lines[2].hasSuffix("'roster SCO at 2024 known at seq 97 | where status == observer | select country'"))
    }

    @Test("an answer that includes appends not yet committed is not cited as if it were in the log")
    func pendingIsNotCited() throws {
        let lines = try Self.citations(
            """
            append milestone SCO on 2026-01-02 text "a later fact" source "test"
            milestones SCO | count
            """)
        #expect(lines == ["cite: not yet: the answer includes 1 append not yet committed"])
    }
}
