import Foundation
import Testing
import TimelineCore
import TimelineScript
import TimelineStore
import TimelineTestSupport

/// A suspended member keeps its status but not its rights: charts draw its suspended years apart
/// from its active ones, in the terminal (a glyph of their own, in the legend) and in SVG (a
/// hatched span marked `data-suspended`).
@Suite("Suspensions in charts")
struct ChartSuspensionTests {
    static let history = """
        append founding TST on 2000 name "Test Organization" founders CHN RUS ladder member source "test"
        append suspension TST RUS on 2003-03 source "test"
        append reinstatement TST RUS on 2006-02 source "test"
        """

    @Test("the terminal chart shows suspended years with their own glyph, and says so in its legend")
    func terminal() throws {
        var printed: [String] = []
        let host = LocalFilesHost(today: CivilDay(year: 2025, month: 1, day: 1), recordedAt: RecordedTime(milliseconds: 0)) { output in
            if case .text(let text) = output { printed.append(text) }
        }
        let interpreter = Interpreter(session: LogSession(log: InMemoryEventLog()), host: host)
        let outcome = interpreter.run(SourceFile(name: "t", text: Self.history + "\nchart TST from 2000 to 2008"))
        #expect(outcome.succeeded, "\(outcome.diagnostics.map(\.message))")
        let lines = try #require(printed.last).split(separator: "\n").map(String.init)
        #expect(lines.contains("CHN  █████████"))
        #expect(lines.contains("RUS  ███×××███"))
        #expect(lines.contains { $0.contains("× suspended") })
    }

    @Test("the SVG hatches the suspended span and marks it, between active spans")
    func svg() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("tst.svg")
        let host = LocalFilesHost(today: CivilDay(year: 2025, month: 1, day: 1), recordedAt: RecordedTime(milliseconds: 0)) { _ in }
        let interpreter = Interpreter(session: LogSession(log: InMemoryEventLog()), host: host)
        let outcome = interpreter.run(SourceFile(name: "t", text: Self.history + "\nchart TST from 2000 to 2008 svg \(path)"))
        #expect(outcome.succeeded, "\(outcome.diagnostics.map(\.message))")
        let svg = String(decoding: readBytes(path), as: UTF8.self)
        let russia = try #require(svg.components(separatedBy: "data-country=\"RUS\"").last?.components(separatedBy: "</g>").first)
        let spans = russia.components(separatedBy: "<rect ").dropFirst()
        #expect(spans.count == 3)
        let suspended = spans.filter { $0.contains("data-suspended=\"true\"") }
        #expect(suspended.count == 1)
        #expect(suspended.first?.contains("data-from=\"2003\" data-to=\"2005\"") == true)
        #expect(suspended.first?.contains("fill=\"url(#suspended)\"") == true)
        #expect(suspended.first?.contains("member, suspended since") == true)
        #expect(svg.contains("<pattern id=\"suspended\""))
        #expect(svg.contains(">suspended</text>"))
        #expect(!svg.components(separatedBy: "data-country=\"CHN\"")[1].components(separatedBy: "</g>")[0].contains("data-suspended"))
    }
}
