import Foundation
import Testing
import TimelineCore
import TimelineStore
import TimelineTestSupport

@testable import TimelineScript

/// A script of 64 KiB or more runs while a second thread parses it. Its outcome must be that of
/// parsing first and then running: the same output in the same order, nothing shown, appended,
/// written or remembered when a syntax error lies anywhere in it, and a run-time error where the
/// statements reach it.
@Suite("Long scripts run while they are parsed")
struct ParallelParseTests {
    static let recordedAt = RecordedTime.parse("2026-06-01T12:00:00Z")!

    /// A run of `text` over a copy of the frozen log: what it showed, in order, its diagnostics,
    /// and the log's bytes after it. `parallel` lets the parse run alongside (else the script
    /// is parsed first).
    static func run(_ text: String, parallel: Bool, in scratch: ScratchDirectory, interpreter existing: Interpreter? = nil) -> (
        shown: [String], diagnostics: [String], log: [UInt8]
    ) {
        // A log of its own for each run (a log file and its head marker go together).
        let log = existing.map { _ in scratch.file("shared.jsonl") } ?? scratch.file("log-\(UUID().uuidString).jsonl")
        if existing == nil { writeBytes(readBytes(CorpusTests.frozenLog), to: log) }
        var shown: [String] = []
        let host = LocalFilesHost(today: CivilDay(year: 2025, month: 12, day: 31), recordedAt: recordedAt) { output in
            let text = OutputPrinter(renderer: TableRenderer(format: .csv, colour: false)).text(for: output)
            shown.append(text.out + text.error)
        }
        let interpreter = existing ?? Interpreter(session: LogSession(log: FileEventLog(path: log)), host: host)
        interpreter.parallelParseBytes = parallel ? 0 : .max
        let outcome = interpreter.run(SourceFile(name: "long.tl", text: text))
        return (shown, outcome.diagnostics.map { "\($0.id.name) \($0.range)" }, readBytes(log))
    }

    /// A long script of queries, counts and appends, with a statement of `tail` at its end.
    static func script(_ statements: Int, tail: String) -> String {
        var lines: [String] = []
        for index in 0..<statements {
            let org = "SCO"  // the frozen log's organization
            let year = 1990 + index % 35
            switch index % 4 {
            case 0: lines.append("print \(index), count(members \(org) at \(year)-06-30)")
            case 1: lines.append("members \(org) at \(year) | select country | first 3")
            case 2: lines.append("let v\(index % 7) = \(index) * 2 + 1")
            default: lines.append("if \(index) > \(index % 3) * 1000 { print v\((index - 1) % 7) }")
            }
        }
        lines.append(tail)
        return lines.joined(separator: "\n")
    }

    @Test("the same output, in the same order, as parsing first")
    func sameOutput() {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let text = Self.script(4_000, tail: "append accession SCO TKM on 2026-01-01 source \"a made-up accession\"")
        #expect(text.utf8.count > Interpreter.parallelParseBytes)
        let sequential = Self.run(text, parallel: false, in: scratch)
        let parallel = Self.run(text, parallel: true, in: scratch)
        #expect(sequential.diagnostics.isEmpty)
        #expect(sequential.shown.count > 2_500)
        #expect(parallel.shown == sequential.shown)
        #expect(parallel.diagnostics == sequential.diagnostics)
        #expect(parallel.log == sequential.log)
        #expect(parallel.log.count > readBytes(CorpusTests.frozenLog).count, "the append was not written")
    }

    /// A host whose first check for cancellation, made before the first statement runs, waits
    /// long enough for the second thread to finish parsing: what the statements show must then
    /// reach it as they run, not at the end.
    final class LateStartHost: ScriptHost {
        let today = CivilDay(year: 2025, month: 12, day: 31)
        var shown: (ScriptOutput) -> Void = { _ in }
        private var waited = false

        func show(_ output: ScriptOutput) { shown(output) }
        func readFile(at path: String) throws(HostError) -> [UInt8] { throw HostError(.notFound, path: path) }
        func writeFile(at path: String, contents: [UInt8]) throws(HostError) { throw HostError(.failed, path: path) }
        func now() -> RecordedTime { ParallelParseTests.recordedAt }
        var isCancelled: Bool {
            if !waited {
                waited = true
                usleep(500_000)
            }
            return false
        }
    }

    @Test("once the whole script has parsed, output reaches the host as the statements run")
    func outputFlowsOnceParsed() {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let log = scratch.file("log.jsonl")
        writeBytes(readBytes(CorpusTests.frozenLog), to: log)
        let host = LateStartHost()
        let interpreter = Interpreter(session: LogSession(log: FileEventLog(path: log)), host: host)
        interpreter.parallelParseBytes = 0
        var seen: [String] = []
        host.shown = { _ in seen.append(interpreter.variables["i"]?.text ?? "none") }
        let count = 3_000
        let text = (0..<count).map { "let i = \($0)\nprint i" }.joined(separator: "\n")
        let outcome = interpreter.run(SourceFile(name: "long.tl", text: text))
        #expect(outcome.diagnostics.isEmpty)
        #expect(seen.count == count)
        // Shown as each ran (held to the end, every one would see the last value of i).
        #expect(seen.first == "0")
        #expect(seen.last == "\(count - 1)")
    }

    @Test("a syntax error at the end: nothing shown, appended or remembered, only the error")
    func syntaxErrorAtTheEnd() {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let text = "append accession SCO TKM on 2026-01-01 source \"x\"\nlet kept = 2\n" + Self.script(4_000, tail: "print (1 +")
        let host = LocalFilesHost(today: CivilDay(year: 2025, month: 12, day: 31), recordedAt: Self.recordedAt) { _ in }
        let log = scratch.file("shared.jsonl")
        writeBytes(readBytes(CorpusTests.frozenLog), to: log)
        let interpreter = Interpreter(session: LogSession(log: FileEventLog(path: log)), host: host)
        _ = interpreter.run(SourceFile(name: "first", text: "let kept = 1"))
        let outcome = Self.run(text, parallel: true, in: scratch, interpreter: interpreter)
        let sequential = Self.run(text, parallel: false, in: scratch)
        #expect(outcome.shown.isEmpty)
        #expect(outcome.diagnostics == sequential.diagnostics)
        #expect(outcome.diagnostics.count == 1)
        #expect(outcome.log == readBytes(CorpusTests.frozenLog))
        #expect(interpreter.variables["kept"].map { $0.text } == "1")
        #expect(interpreter.session.pending.isEmpty)
    }

    @Test("a file is written only once the whole script has parsed")
    func filesWaitForTheParse() {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let chart = scratch.file("sco.svg")
        let export = scratch.file("sco.csv")
        let statements = "chart SCO --svg \"\(chart)\"\nexport intervals SCO into \"\(export)\"\n"
        let broken = Self.run(statements + Self.script(4_000, tail: "members SCO at"), parallel: true, in: scratch)
        #expect(broken.diagnostics.count == 1)
        #expect(!FileManager.default.fileExists(atPath: chart) && !FileManager.default.fileExists(atPath: export))
        let whole = Self.run(statements + Self.script(4_000, tail: "print 1"), parallel: true, in: scratch)
        #expect(whole.diagnostics.isEmpty)
        #expect(FileManager.default.fileExists(atPath: chart) && FileManager.default.fileExists(atPath: export))
    }

    @Test("a run-time error stops the run where the statements reach it, as when parsed first")
    func runtimeError() {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let text = Self.script(2_000, tail: "members NOSUCHORG at 2001") + "\n" + Self.script(2_000, tail: "print 1")
        let sequential = Self.run(text, parallel: false, in: scratch)
        let parallel = Self.run(text, parallel: true, in: scratch)
        #expect(sequential.diagnostics.count == 1)
        #expect(parallel.diagnostics == sequential.diagnostics)
        #expect(parallel.shown == sequential.shown)
        #expect(parallel.shown.count > 1_200)
    }

    @Test("the parser finds which statements stay in the run as the syntax tree says")
    func parserAgreesWithTheTree() {
        var statements = 0
        var outside = 0
        let extra = [
            "chart SCO --svg sco.svg", "chart SCO from 2001 html \"p.html\"", "export events SCO into sco.csv", "replay SCO step", "begin",
            "commit", "import events.csv", "if true { export events SCO into x.csv }", "print count(members SCO at 2001)",
            "members (chart SCO --html sco.html) at 2001",
        ]
        let scripts = PrecedenceClimbingTests.projectScriptTexts() + [extra.joined(separator: "\n")]
        for text in scripts {
            _ = Parser.parse(SourceFile(name: "t", text: text), usesLevelChain: false) { statement, staysInRun in
                statements += 1
                if !staysInRun { outside += 1 }
                let start = text.utf8.index(text.startIndex, offsetBy: statement.range.lowerBound)
                #expect(staysInRun == statement.staysInRun, "\(text[start...].prefix(80))")
            }
        }
        #expect(statements > 1_000)
        #expect(outside >= 8)
    }

    @Test("which statements may run before the rest of the script has parsed")
    func staysInRun() {
        func stays(_ text: String) -> Bool {
            let (program, diagnostics) = Parser.parse(SourceFile(name: "t", text: text))
            #expect(diagnostics.isEmpty, "\(text)")
            return program.statements.allSatisfy(\.staysInRun)
        }
        #expect(stays("members SCO at 2001 | where status == member | first 2"))
        #expect(stays("for o in orgs at 2000 { print o, count(members o at 2000) }"))
        #expect(stays("append accession SCO TKM on 2026-01-01 source \"x\" also decided on 2025-01-01 source \"y\""))
        #expect(stays("chart SCO from 2001 to 2010"))
        #expect(!stays("chart SCO --svg sco.svg"))
        #expect(!stays("export events SCO into sco.csv"))
        #expect(!stays("replay SCO step"))
        #expect(!stays("import events.csv"))
        #expect(!stays("begin"))
        #expect(!stays("if true { print count(export events SCO into x.csv) }"))
        #expect(!stays("members (chart SCO --html sco.html) at 2001"))
    }
}
