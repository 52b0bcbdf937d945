import Testing
import TimelineCore
import TimelineScript
import TimelineStore
import TimelineTestSupport

/// The parser reads tokens from the lexer as it goes and forgets those of statements it has
/// finished, so a long script is never held as an array of tokens. Looking ahead over line
/// breaks (a pipeline continued on the next line) and back at the previous token (a bare path)
/// must work across the points where it forgets: a long script prints what its statements print
/// one by one, and reports its errors where they are.
@Suite("Parsing a long script as it is read")
struct StreamingParseTests {
    final class Recorder {
        var lines: [String] = []
    }

    static func output(of text: String, on log: String) -> (lines: [String], diagnostics: [Diagnostic]) {
        let recorder = Recorder()
        let host = IsolatedHost(today: CivilDay(year: 2025, month: 12, day: 31), recordedAt: RecordedTime(milliseconds: 0)) { output in
            switch output.withTables {
            case .text(let text), .info(let text): recorder.lines.append(text)
            case .table(let table): recorder.lines.append(table.rows.map { $0.map(\.text).joined(separator: ",") }.joined(separator: ";"))
            case .stateRows: break  // given as a table by withTables
            }
        }
        let outcome = Interpreter(session: LogSession(log: FileEventLog(path: log)), host: host).run(SourceFile(name: "<test>", text: text))
        return (recorder.lines, outcome.diagnostics)
    }

    /// A copy of the corpus's frozen log in `scratch`, for a run to read.
    static func frozenLogCopy(in scratch: ScratchDirectory) -> String {
        let log = scratch.file("log.jsonl")
        writeBytes(readBytes(CorpusTests.frozenLog), to: log)
        return log
    }

    /// Statements of several shapes, `index` making each one different.
    static func statements(_ index: Int) -> [String] {
        [
            "print count(members SCO at \(2002 + index % 23)-06-01)",
            "let x\(index) = members SCO at \(2001 + index % 24)-01-01\n  | where status == \"member\"\n\n  | count",
            "print x\(index), \(index) * 2",
            "print year(\(1990 + index % 30)-02-03); status IND in SCO at \(2000 + index % 25)",
        ]
    }

    @Test("a script of 1,200 statements prints what its statements print one by one")
    func longScriptAsStatements() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let log = Self.frozenLogCopy(in: scratch)
        let chunks = (0..<300).map { Self.statements($0).joined(separator: "\n") }
        let whole = Self.output(of: chunks.joined(separator: "\n"), on: log)
        #expect(whole.diagnostics.isEmpty, "\(whole.diagnostics.map(\.message))")
        let oneByOne = chunks.flatMap { Self.output(of: $0, on: log).lines }
        #expect(whole.lines.count == 1_200)
        #expect(whole.lines == oneByOne)
    }

    @Test("errors far into a long script are reported at their lines, and nothing runs")
    func errorsFarIn() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let log = Self.frozenLogCopy(in: scratch)
        var lines = (0..<3_000).map { "print \($0)" }
        lines[1_234] = "print 1 + * 2"
        lines[2_999] = "members SCO at 2024-13-01"
        let run = Self.output(of: lines.joined(separator: "\n"), on: log)
        #expect(run.lines.isEmpty)
        let source = SourceFile(name: "<test>", text: lines.joined(separator: "\n"))
        #expect(run.diagnostics.map { source.location(of: $0.range.lowerBound).line } == [1_235, 3_000])
    }
}
