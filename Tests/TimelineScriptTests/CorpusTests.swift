import Foundation
import Testing
import TimelineCore
import TimelineStore
import TimelineTestSupport

@testable import TimelineScript

/// Runs every script of `Corpus/` against a copy of the frozen bundled log
/// (`Tests/Fixtures/frozen-diplomacy.jsonl`, so that new history re-records nothing here) (or an empty log when the
/// script's first line is `# log: empty`; or the frozen log grown by a fixture script of
/// `Tests/Fixtures` when it is `# fixture: NAME.tl`) and compares the whole transcript — tables, printed
/// text, messages, errors with their line and column — with the `.expected` file beside it.
///
/// Re-record deliberately with `TIMELINE_RECORD_CORPUS=1 swift test --filter Corpus`.
@Suite("Script corpus")
struct CorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")
    static let frozenLog = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/frozen-diplomacy.jsonl").path

    static var scripts: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []).filter { $0.hasSuffix(".tl") }.sorted()
    }

    /// Runs a script and returns its transcript; a script named `error-…` must also leave the log
    /// byte for byte as it was. Leading comments may choose the format and width of its tables
    /// (`# format: records`, `# width: 60`).
    /// With `parsedAlongside`, the script runs as a long one does: parsed on a second thread
    /// while it runs (`Interpreter.runWhileParsing`), whatever its length.
    static func transcript(of name: String, parsedAlongside: Bool = false) throws -> String {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let bytes = readBytes(corpus.appendingPathComponent(name).path)
        let text = String(decoding: bytes, as: UTF8.self)
        let log = scratch.file("log.jsonl")
        if !text.hasPrefix("# log: empty") { writeBytes(readBytes(frozenLog), to: log) }
        let recordedAt = RecordedTime.parse("2026-06-01T12:00:00Z")!
        if text.hasPrefix("# fixture: ") {
            let name = String(text.dropFirst("# fixture: ".count).prefix { $0 != "\n" })
            let fixture = URL(fileURLWithPath: frozenLog).deletingLastPathComponent().appendingPathComponent(name).path
            let host = LocalFilesHost(today: CivilDay(year: 2025, month: 12, day: 31), recordedAt: recordedAt) { _ in }
            let outcome = Interpreter(session: LogSession(log: FileEventLog(path: log)), host: host)
                .run(SourceFile(name: name, text: String(decoding: readBytes(fixture), as: UTF8.self)))
            #expect(outcome.succeeded, "fixture \(name): \(outcome.diagnostics.map(\.message))")
        }
        let printer = OutputPrinter(
            renderer: TableRenderer(
                format: directive("format", in: text).flatMap(OutputFormat.init) ?? .table, colour: false,
                width: directive("width", in: text).flatMap { Int($0) }))
        var transcript = ""
        let host = LocalFilesHost(today: CivilDay(year: 2025, month: 12, day: 31), recordedAt: recordedAt) { output in
            let rendered = printer.text(for: output)
            transcript += rendered.out + rendered.error
        }
        let interpreter = Interpreter(session: LogSession(log: FileEventLog(path: log)), host: host)
        if parsedAlongside { interpreter.parallelParseBytes = 0 }
        let source = SourceFile(name: name, text: text)
        let before = readBytes(log)
        let outcome = interpreter.run(source)
        for diagnostic in outcome.diagnostics { transcript += DiagnosticRenderer.render(diagnostic, in: source) }
        if name.hasPrefix("error-") {
            #expect(!outcome.succeeded, "\(name) succeeded")
            let unchanged = readBytes(log) == before
            #expect(unchanged, "\(name) changed the log")
        }
        return transcript
    }

    /// The value of a directive in the script's leading comment lines: `# format: markdown`
    /// renders its tables as Markdown, `# width: 60` fits them to 60 columns.
    static func directive(_ name: String, in text: String) -> String? {
        for line in text.split(separator: "\n") {
            guard line.hasPrefix("#") else { break }
            let words = line.dropFirst().split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if words.count == 2, words[0] == name { return words[1] }
        }
        return nil
    }

    @Test("the corpus has at least 60 scripts and 100 refused ones, each with its expected transcript")
    func size() {
        #expect(Self.scripts.count >= 60)
        #expect(Self.scripts.filter { $0.hasPrefix("error-") }.count >= 100)
        for script in Self.scripts {
            let expected = Self.corpus.appendingPathComponent(String(script.dropLast(3)) + ".expected").path
            #expect(
                FileManager.default.fileExists(atPath: expected) || ProcessInfo.processInfo.environment["TIMELINE_RECORD_CORPUS"] == "1",
                "\(script) has no .expected")
        }
    }

    @Test("each script gives its expected transcript", arguments: scripts)
    func script(name: String) throws {
        let actual = try Self.transcript(of: name)
        let expectedPath = Self.corpus.appendingPathComponent(String(name.dropLast(3)) + ".expected").path
        if ProcessInfo.processInfo.environment["TIMELINE_RECORD_CORPUS"] == "1" {
            writeBytes(Array(actual.utf8), to: expectedPath)
        }
        let expected = String(decoding: readBytes(expectedPath), as: UTF8.self)
        #expect(actual == expected, "\(name)")
    }

    /// The same transcripts, and the same logs left untouched by refused scripts, when each
    /// script runs while a second thread parses it (as scripts of 64 KiB and more do).
    @Test("each script gives its expected transcript when it runs while it is parsed", arguments: scripts)
    func parsedAlongside(name: String) throws {
        let actual = try Self.transcript(of: name, parsedAlongside: true)
        let expected = String(
            decoding: readBytes(Self.corpus.appendingPathComponent(String(name.dropLast(3)) + ".expected").path), as: UTF8.self)
        #expect(actual == expected, "\(name)")
    }
}
