import Foundation
import FoundationXML
import Testing
import TimelineCore
import TimelineStore
import TimelineTestSupport

/// Charts: the terminal chart at two widths, the SVG's structure against the intervals, and the
/// SVG and HTML page rendered by a headless browser.
@Suite("Charts")
struct ChartTests {
    static let timeline = Timeline(records: (try? FileEventLog(path: packageRoot + "/Events/diplomacy.jsonl").read().records) ?? [])

    @Test("the terminal chart fits 80 and 160 columns", arguments: [80, 160])
    func terminal(width: Int) throws {
        // 126 years: squeezed two years a column at 80, one year a column at 160.
        let result = try timelineInRoot(["-c", "chart SCO from 1900 to 2025"], environment: ["COLUMNS": String(width)])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.allSatisfy { $0.count <= width })
        let golden = packageRoot + "/Tests/TimelineCLITests/Golden/chart-\(width).txt"
        if ProcessInfo.processInfo.environment["TIMELINE_RECORD_EXAMPLES"] == "1" { writeBytes(Array(result.stdout.utf8), to: golden) }
        #expect(result.stdout == String(decoding: readBytes(golden), as: UTF8.self))
        #expect(!result.stdout.contains("\u{1B}["))
    }

    @Test("the SVG has a row per country and spans that match the status at each year's end")
    func svgStructure() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("sco.svg")
        let result = try timelineInRoot(["-c", "chart SCO from 2001 to 2025 --svg \"\(path)\""])
        #expect(result.status == 0, "\(result.stderr)")
        let svg = try SVGLanes(path: path)
        let sco = try #require(OrganizationID("SCO"))
        let expected = Self.timeline.participants(of: sco).filter { country in
            (2001...2025).contains { Self.timeline.status(of: country, in: sco, at: CivilDay(year: $0, month: 12, day: 31)) != nil }
        }
        #expect(svg.lanes.map(\.country).sorted() == expected.sorted())
        var checked = 0
        for lane in svg.lanes {
            for span in lane.spans {
                for year in span.from...span.to {
                    #expect(
                        Self.timeline.status(of: lane.country, in: sco, at: CivilDay(year: year, month: 12, day: 31))?.status.rawValue
                            == span.status, "\(lane.country) \(year)")
                    checked += 1
                }
                #expect(span.title.contains("source:"))
            }
        }
        #expect(checked > 300)
    }

    @Test("the SVG and the HTML page render in a headless browser", arguments: ["svg", "html"])
    func browserRender(kind: String) throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let page = scratch.file("sco.\(kind)")
        let png = scratch.file("sco.png")
        let result = try timelineInRoot(["-c", "chart SCO from 2001 to 2025 \(kind) \"\(page)\""])
        #expect(result.status == 0, "\(result.stderr)")
        let browser = try runProduct(
            "/usr/bin/chromium-headless-shell",
            [
                "--no-sandbox", "--headless", "--disable-gpu", "--hide-scrollbars", "--screenshot=\(png)", "--window-size=1000,900",
                "file://\(page)",
            ],
            environment: ["HOME": scratch.path])
        #expect(browser.status == 0, "\(browser.stderr)")
        let image = try #require(PNGImage(readBytes(png)), "no PNG from the browser")
        #expect(image.width == 1000 && image.height == 900)
        // Not blank, not flooded, and every status's colour drawn in quantity.
        let ink = image.inkFraction(x: 0..<1000, y: 0..<700)
        #expect(ink > 0.15 && ink < 0.9, "ink \(ink)")
        for colour in [0x1F4E9C, 0x2A9D8F, 0xE9B949, 0x9B6AC1] {
            #expect(image.count(near: colour) > 500, "colour \(String(colour, radix: 16))")
        }
    }
}

/// The lanes and spans of a chart SVG, read with an XML parser.
final class SVGLanes: NSObject, XMLParserDelegate {
    struct Span {
        let status: String
        let from: Int
        let to: Int
        var title = ""
    }

    private(set) var lanes: [(country: String, spans: [Span])] = []
    private var inTitle = false

    init(path: String) throws {
        super.init()
        let parser = try #require(XMLParser(contentsOf: URL(fileURLWithPath: path)))
        parser.delegate = self
        #expect(parser.parse(), "the SVG is not well-formed XML: \(String(describing: parser.parserError))")
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]
    ) {
        // A lane is a country's (an organization's chart) or an organization's (a country's).
        if name == "g", attributes["class"] == "lane", let country = attributes["data-country"] ?? attributes["data-org"] {
            lanes.append((country, []))
        } else if name == "rect", attributes["class"] == "span", let status = attributes["data-status"],
            let from = attributes["data-from"].flatMap(Int.init), let to = attributes["data-to"].flatMap(Int.init), !lanes.isEmpty
        {
            lanes[lanes.count - 1].spans.append(Span(status: status, from: from, to: to))
        } else if name == "title", !(lanes.last?.spans.isEmpty ?? true) {
            inTitle = true
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard inTitle, !lanes.isEmpty else { return }
        let last = lanes.count - 1
        lanes[last].spans[lanes[last].spans.count - 1].title += string
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "title" { inTitle = false }
    }
}
