import Foundation
import Testing
import TimelineCore
import TimelineScript
import TimelineStore
import TimelineTestSupport

/// Charts for articles name their lanes: the SVG and the HTML page label each lane with the
/// country's name and code ("Belarus (BLR)"), a long name cut with "…" and given whole in the
/// label's hover title, while the terminal chart, short of width, keeps the codes.
@Suite("Lane names in charts")
struct ChartLabelTests {
    static let history = """
        append founding TST on 2000 name "Test Organization" founders BLR GBR BES ladder member source "test"
        """

    /// Runs the history and `statement`, returning what it printed as text.
    func run(_ statement: String) throws -> [String] {
        var printed: [String] = []
        let host = LocalFilesHost(today: CivilDay(year: 2025, month: 1, day: 1), recordedAt: RecordedTime(milliseconds: 0)) { output in
            if case .text(let text) = output { printed.append(text) }
        }
        let interpreter = Interpreter(session: LogSession(log: InMemoryEventLog()), host: host)
        let outcome = interpreter.run(SourceFile(name: "t", text: Self.history + "\n" + statement))
        #expect(outcome.succeeded, "\(outcome.diagnostics.map(\.message))")
        return printed
    }

    /// The part of an SVG inside one lane's group.
    func lane(_ country: String, in svg: String) throws -> String {
        try #require(svg.components(separatedBy: "data-country=\"\(country)\"").dropFirst().first?.components(separatedBy: "</g>").first)
    }

    @Test("the SVG and HTML label lanes with names and codes; a long name is cut and given whole in a title", arguments: ["svg", "html"])
    func svg(kind: String) throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("tst.\(kind)")
        _ = try run("chart TST from 2000 to 2005 \(kind) \(path)")
        let svg = String(decoding: readBytes(path), as: UTF8.self)
        #expect(try lane("BLR", in: svg).contains(">Belarus (BLR)</text>"))
        #expect(try lane("GBR", in: svg).contains(">United Kingdom (GBR)</text>"))
        let bonaire = try lane("BES", in: svg)
        #expect(bonaire.contains(">Bonaire, Sint Eustatius… (BES)<title>Bonaire, Sint Eustatius and Saba (BES)</title></text>"))
        // The spans' hover titles name the country too.
        #expect(try lane("BLR", in: svg).contains("<title>Belarus (BLR) member since 2000"))
        // The lanes start after the longest label, not over it (about 7 pixels a character).
        let x = try #require(
            try lane("BES", in: svg).components(separatedBy: "class=\"span\"").dropFirst().first?
                .components(separatedBy: " x=\"").dropFirst().first?.prefix { $0 != "\"" })
        #expect(Double(x)! >= 7.0 * Double("Bonaire, Sint Eustatius… (BES)".count))
    }

    @Test("the terminal chart keeps the codes")
    func terminal() throws {
        let lines = try #require(try run("chart TST from 2000 to 2005").last).split(separator: "\n").map(String.init)
        #expect(lines.contains("BLR  ██████"))
        #expect(lines.contains("BES  ██████"))
        #expect(!lines.contains { $0.contains("Belarus") })
    }
}
