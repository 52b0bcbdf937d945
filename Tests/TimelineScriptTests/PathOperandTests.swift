import Foundation
import Testing
import TimelineCore
import TimelineScript
import TimelineStore
import TimelineTestSupport

/// File names may be typed bare, as in a shell, wherever the language takes one.
@Suite("Bare paths")
struct PathOperandTests {
    /// Runs a script on a copy of the bundled log in a scratch directory; returns its messages.
    static func run(_ text: String, in scratch: ScratchDirectory) -> (outcome: RunOutcome, info: [String]) {
        let log = scratch.file("log.jsonl")
        if !FileManager.default.fileExists(atPath: log) { _ = writeBytes(readBytes(CorpusTests.frozenLog), to: log) }
        var info: [String] = []
        let host = LocalFilesHost(today: CivilDay(year: 2025, month: 12, day: 31), recordedAt: RecordedTime(milliseconds: 0)) { output in
            if case .info(let text) = output { info.append(text) }
        }
        let interpreter = Interpreter(session: LogSession(log: FileEventLog(path: log)), host: host)
        return (interpreter.run(SourceFile(name: "t", text: text)), info)
    }

    /// The file operand of the first statement, an import.
    static func importedFile(_ text: String) -> TimelineScript.Expression.Kind? {
        let (program, diagnostics) = Parser.parse(SourceFile(name: "t", text: text))
        guard diagnostics.isEmpty, case .importFile(let file) = program.statements.first?.kind else { return nil }
        return file.kind
    }

    @Test("chart … --svg DIR/sco.svg, unquoted, writes the file; so does html")
    func chartWritesBarePath() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        try FileManager.default.createDirectory(atPath: scratch.file("charts"), withIntermediateDirectories: true)
        let svg = scratch.file("charts/sco.svg")
        let html = scratch.file("charts/sco.page.html")
        let (outcome, info) = Self.run("chart SCO from 2001 to 2025 --svg \(svg) html \(html)", in: scratch)
        #expect(outcome.succeeded, "\(outcome.diagnostics.map(\.message))")
        #expect(info == ["wrote \(svg)", "wrote \(html)"])
        #expect(
            String(decoding: readBytes(svg), as: UTF8.self).hasPrefix("<svg")
                || String(decoding: readBytes(svg), as: UTF8.self).contains("<svg"))
        #expect(String(decoding: readBytes(html), as: UTF8.self).contains("<html"))
    }

    @Test("a quoted name, a variable and an expression still name the file")
    func stringsAndVariables() {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let script = """
            chart SCO --svg "\(scratch.file("quoted.svg"))"
            let file = "\(scratch.file("variable.svg"))"
            chart SCO --svg file
            let name = "joined"
            chart SCO svg "\(scratch.path)/" + name + ".svg"
            """
        let (outcome, info) = Self.run(script, in: scratch)
        #expect(outcome.succeeded, "\(outcome.diagnostics.map(\.message))")
        #expect(info == ["quoted", "variable", "joined"].map { "wrote \(scratch.file("\($0).svg"))" })
    }

    @Test("import takes a bare relative, absolute or home path; a single word stays a name")
    func importParses() {
        if case .string(let path) = Self.importedFile("import ./x.csv") { #expect(path == "./x.csv") } else { Issue.record("./x.csv") }
        if case .string(let path) = Self.importedFile("import ../data/events.jsonl # a comment") {
            #expect(path == "../data/events.jsonl")
        } else {
            Issue.record("../data")
        }
        if case .string(let path) = Self.importedFile("import /tmp/x-1.csv; print 1") {
            #expect(path == "/tmp/x-1.csv")
        } else {
            Issue.record("/tmp")
        }
        if case .string(let path) = Self.importedFile("import ~/events.csv") { #expect(path == "~/events.csv") } else { Issue.record("~") }
        if case .string(let path) = Self.importedFile("import events.csv") {
            #expect(path == "events.csv")
        } else {
            Issue.record("events.csv")
        }
        if case .string(let path) = Self.importedFile("import \"a b.csv\"") { #expect(path == "a b.csv") } else { Issue.record("quoted") }
        if case .name(let name) = Self.importedFile("import file") { #expect(name == "file") } else { Issue.record("a name") }
    }

    @Test("a bare path ends the statement at a bar, a semicolon or a brace")
    func pathEnds() {
        let (program, diagnostics) = Parser.parse(
            SourceFile(name: "t", text: "for y in [1] { chart SCO --svg out/a.svg }; chart SCO --svg b.svg | count"))
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.message))")
        #expect(program.statements.count == 2)
    }

    @Test("without a file name, the error says one is expected")
    func missingPath() {
        let missing = Parser.parse(SourceFile(name: "t", text: "chart SCO from 2001 --svg")).diagnostics
        #expect(missing.map(\.id.name) == ["expected-file"])
        #expect(
            missing.first?.message == "expected a file name after svg, as in chart SCO --svg charts/sco.svg, found the end of the input")
        let clause = Parser.parse(SourceFile(name: "t", text: "chart SCO --html --svg x")).diagnostics
        #expect(clause.first?.message == "expected a file name after html, as in chart SCO --html charts/sco.html, found \"--svg\"")
        #expect(Parser.parse(SourceFile(name: "t", text: "import")).diagnostics.map(\.id.name) == ["expected-file"])
    }

    @Test("export … into a bare path writes CSV or JSON Lines by its extension, and import reads it back into a fresh log")
    func exportIntoFile() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let csv = scratch.file("out/sco-events.csv")
        let jsonl = scratch.file("out/intervals.jsonl")
        try FileManager.default.createDirectory(atPath: scratch.file("out"), withIntermediateDirectories: true)
        let (outcome, info) = Self.run("export events into \(csv); export intervals SCO into \(jsonl)", in: scratch)
        #expect(outcome.succeeded, "\(outcome.diagnostics.map(\.message))")
        let exported = try FileEventLog(path: scratch.file("log.jsonl")).read().records
        #expect(info.first == "wrote \(exported.count) rows to \(csv)")
        #expect(String(decoding: readBytes(csv), as: UTF8.self).hasPrefix("seq,"))
        #expect(String(decoding: readBytes(jsonl), as: UTF8.self).hasPrefix("{\"org\":\"SCO\""))

        // The CSV is what import reads: the same events, with the same ids, in a fresh log.
        let fresh = InMemoryEventLog()
        let host = LocalFilesHost(today: CivilDay(year: 2025, month: 12, day: 31), recordedAt: RecordedTime(milliseconds: 0)) { _ in }
        let imported = Interpreter(session: LogSession(log: fresh), host: host).run(SourceFile(name: "t", text: "import \(csv)"))
        #expect(imported.succeeded, "\(imported.diagnostics.map(\.message))")
        #expect(try fresh.read().records.map(\.id) == exported.map(\.id))
    }

    @Test("export into a file of no known format is refused, naming the formats")
    func exportFormat() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let (outcome, _) = Self.run("export events into \(scratch.file("out.txt"))", in: scratch)
        #expect(outcome.diagnostics.map(\.id.name) == ["export-format"])
        #expect(!FileManager.default.fileExists(atPath: scratch.file("out.txt")))
    }
}
