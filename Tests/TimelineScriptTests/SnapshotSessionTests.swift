import Foundation
import Testing
import TimelineCore
import TimelineScript
import TimelineStore
import TimelineTestSupport

/// An interpreter kept open (the REPL) answers membership queries from the log's snapshot, keeps
/// it across runs while the log stays put, and never answers from it once the log has moved.
@Suite("Snapshot across runs")
struct SnapshotSessionTests {
    @Test("answers follow another writer's appends between runs, and this session's own")
    func followsTheLog() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("log.jsonl")
        _ = try FileEventLog(path: path).append(
            SyntheticHistory(events: 10_000, seed: 8).events(), recordedAt: RecordedTime(milliseconds: 0))
        var printed: [String] = []
        let interpreter = Interpreter(log: FileEventLog(path: path), today: CivilDay(year: 2040, month: 1, day: 1)) { output in
            if case .text(let text) = output { printed.append(text) }
        }
        func count() throws -> Int {
            let outcome = interpreter.run(SourceFile(name: "q", text: "print count(members ORG0001 at 2035)"))
            #expect(outcome.succeeded, "\(outcome.diagnostics)")
            let last = try #require(printed.last)
            return try #require(Int(last))
        }
        let before = try count()  // folds the log and writes the snapshot
        #expect(!readBytes(path + ".snapshot").isEmpty)
        #expect(try count() == before)  // from the snapshot
        #expect(try count() == before)  // the same snapshot, kept

        // Another process's append: the kept snapshot no longer matches the log.
        let members = Timeline(records: try FileEventLog(path: path).read().records)
            .members(of: OrganizationID("ORG0001")!, at: CivilDay(year: 2035, month: 1, day: 1)).rows.map(\.country)
        let newcomer = try #require(["ISL", "NOR", "CHE", "LIE", "MCO"].first { !members.contains($0) })
        _ = try FileEventLog(path: path).append(
            [
                NewEvent(
                    date: .day(2030, 1, 1), payload: .accession(org: OrganizationID("ORG0001")!, country: newcomer),
                    source: Source(citation: "other writer")!)
            ],
            recordedAt: RecordedTime(milliseconds: 1_000))
        #expect(try count() == before + 1)

        // This session's own append, then a query in the next run.
        let outcome = interpreter.run(SourceFile(name: "a", text: "append withdrawal ORG0001 \(newcomer) on 2031-01-01 source \"test\""))
        #expect(outcome.succeeded, "\(outcome.diagnostics)")
        #expect(try count() == before)
    }
}
