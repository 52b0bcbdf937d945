import Testing
import TimelineCore
import TimelineScript
import TimelineStore
import TimelineTestSupport

/// Everything a script does outside the language goes through its host: a host without file
/// access refuses imports and chart files, and sessions outlive the interpreters run over them.
@Suite("Hosts and sessions")
struct HostTests {
    final class Recorder {
        var lines: [String] = []
    }

    static func isolated(_ recorder: Recorder) -> IsolatedHost {
        IsolatedHost(today: CivilDay(year: 2025, month: 12, day: 31), recordedAt: RecordedTime(milliseconds: 0)) { output in
            switch output.withTables {
            case .text(let text), .info(let text): recorder.lines.append(text)
            case .table(let table): recorder.lines.append("\(table.rows.count) rows")
            case .stateRows: break  // given as a table by withTables
            }
        }
    }

    @Test(
        "an isolated host refuses to read or write files, and the error says so",
        arguments: [
            "import \"Package.swift\"", "import \"/etc/passwd\"", "chart SCO from 2001 to 2002 svg \"/tmp/timeline-isolated.svg\"",
            "chart SCO from 2001 to 2002 html \"out.html\"", "export events SCO into sco.csv",
        ])
    func refusesFiles(statement: String) throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let log = scratch.file("log.jsonl")
        writeBytes(readBytes(CorpusTests.frozenLog), to: log)
        let recorder = Recorder()
        let interpreter = Interpreter(session: LogSession(log: FileEventLog(path: log)), host: Self.isolated(recorder))
        let outcome = interpreter.run(SourceFile(name: "<request>", text: statement))
        let diagnostic = try #require(outcome.diagnostics.first)
        #expect(diagnostic.id == HostMessage.refused(HostError(.refused, path: "")).id)
        #expect(diagnostic.message.hasSuffix("this host gives scripts no access to files"))
        #expect(readBytes(log) == readBytes(CorpusTests.frozenLog))
    }

    @Test("a session's transaction spans interpreters; each interpreter is made per request")
    func sessionOutlivesInterpreters() throws {
        let log = InMemoryEventLog()
        let session = LogSession(log: log)
        let recorder = Recorder()
        func request(_ text: String) -> RunOutcome {
            Interpreter(session: session, host: Self.isolated(recorder)).run(SourceFile(name: "<request>", text: text))
        }
        #expect(request("begin").succeeded)
        #expect(request("append founding TESTORG on 2001 name \"Test\" founders CHN ladder member source \"test\"").succeeded)
        #expect(request("append accession TESTORG RUS on 2002 source \"test\"").succeeded)
        #expect(session.transactionOpen && session.pendingCount == 2)
        #expect(try log.read().records.isEmpty)
        #expect(request("print count(members TESTORG at 2003)").succeeded)
        #expect(recorder.lines.last == "2")
        let commit = request("commit")
        #expect(commit.succeeded)
        #expect(commit.receipt?.appended.count == 2)
        #expect(!session.transactionOpen)
        #expect(try log.read().records.count == 2)
        #expect(session.head()?.count == 2)
    }

    @Test("a failed commit leaves the log as it was and closes the transaction")
    func failedCommit() throws {
        let log = InMemoryEventLog()
        let session = LogSession(log: log)
        let recorder = Recorder()
        let interpreter = Interpreter(session: session, host: Self.isolated(recorder))
        #expect(
            interpreter.run(
                SourceFile(
                    name: "a", text: "begin\nappend founding TESTORG on 2001 name \"Test\" founders CHN ladder member source \"test\"")
            ).succeeded)
        // Another writer founds the same organization under the same id with other content.
        _ = try log.append(
            [
                NewEvent(
                    id: nil, date: .day(2001, 1, 1),
                    payload: .founding(
                        Founding(
                            org: OrganizationID("TESTORG")!, name: "Other", place: nil, founders: [],
                            ladder: StatusLadder([Status("member")!])!, predecessor: nil)), source: Source(citation: "other")!, note: nil)
            ],
            recordedAt: RecordedTime(milliseconds: 0))
        let outcome = interpreter.run(SourceFile(name: "b", text: "commit"))
        #expect(!outcome.succeeded)
        #expect(!session.transactionOpen)
        #expect(try log.read().records.count == 1)
    }
}
