import Foundation
import Testing
import TimelineCore
import TimelineStore
import TimelineTestSupport

/// The questions across organizations from the command line, on the frozen log grown by the
/// multi-organization fixture (`Tests/Fixtures/cross-org.tl`: BRICS, NATO, EU and AU from
/// seeds/research), with the answers the research tables' sources give.
@Suite("Questions across organizations")
struct CrossOrganizationTests {
    /// A scratch copy of the frozen log with the fixture appended; the caller cleans up.
    static func multiOrganizationLog(_ scratch: ScratchDirectory) throws -> String {
        let log = scratch.file("multi.jsonl")
        #expect(writeBytes(readBytes(frozenLog), to: log))
        let result = try timelineInRoot(["--log", log, "--recorded-at", "2026-06-01T12:00:00Z", "run", "Tests/Fixtures/cross-org.tl"])
        #expect(result.status == 0, "\(result.stderr)")
        return log
    }

    @Test("the set operations answer from the command line, in JSON with the stable keys")
    func setOperations() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let log = try Self.multiOrganizationLog(scratch)
        func countries(_ statement: String) throws -> [String] {
            let result = try timeline(["--log", log, "--format", "json", "-c", statement])
            #expect(result.status == 0, "\(statement): \(result.stderr)")
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
            return rows.compactMap { $0["country"] as? String }
        }
        // SCO: the frozen log; BRICS: Brazil's 2025-01-06 announcement of Indonesia (sputnikglobe).
        #expect(try countries("members SCO at 2025-01-06 intersect members BRICS at 2025-01-06") == ["CHN", "RUS", "IND", "IRN"])
        // NATO on 2024-01-01 (31, Finland in, Sweden not yet) without the 27 of the EU.
        #expect(
            try countries("members NATO at 2024-01-01 except members EU at 2024-01-01").sorted()
                == ["ALB", "CAN", "GBR", "ISL", "MKD", "MNE", "NOR", "TUR", "USA"])
        #expect(try countries("members SCO at 2025-01-06 union members BRICS at 2025-01-06").count == 16)
        let keys = try timeline(["--log", log, "--format", "json", "-c", "members SCO at 2025 intersect members BRICS at 2025 | first 1"])
        let row = try #require((try JSONSerialization.jsonObject(with: Data(keys.stdout.utf8)) as? [[String: Any]])?.first)
        #expect(Set(row.keys) == ["ordinal", "country", "kind", "name", "status", "since", "certainty"])
    }

    @Test("timeline summary lists every organization with its member count today")
    func summary() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let log = try Self.multiOrganizationLog(scratch)
        let result = try timeline(["--log", log, "--format", "json", "summary"])
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let organizations = try #require(summary["organizations"] as? [[String: Any]])
        var members: [String: Int] = [:]
        for organization in organizations { members[organization["id"] as? String ?? ""] = organization["members"] as? Int }
        // Today (the clock's): AU 55 with Morocco and South Sudan, BRICS 10, EU 27, NATO 32.
        #expect(members == ["AU": 55, "BRICS": 10, "EU": 27, "NATO": 32, "SCO": 10, "SHANGHAI5": 0])
        let table = try timeline(["--log", log, "summary"])
        for id in ["AU", "BRICS", "EU", "NATO", "SCO", "SHANGHAI5"] {
            #expect(table.stdout.split(separator: "\n").contains { $0.hasPrefix(id + " ") }, "\(id)")
        }
    }

    @Test("a country's chart has a lane per organization, its spans the country's status at each year's end")
    func countryChartSVG() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let log = try Self.multiOrganizationLog(scratch)
        let path = scratch.file("belarus.svg")
        let html = scratch.file("belarus.html")
        let result = try timeline(["--log", log, "-c", "chart Belarus from 2008 to 2025 svg \(path) html \(html)"])
        #expect(result.status == 0, "\(result.stderr)")
        let svg = try SVGLanes(path: path)
        #expect(svg.lanes.map(\.country) == ["SCO", "BRICS"])
        let history = Timeline(records: try FileEventLog(path: log).read().records)
        var checked = 0
        for lane in svg.lanes {
            let org = try #require(OrganizationID(lane.country))
            for year in 2008...2025 {
                let status = history.status(of: "BLR", in: org, at: CivilDay(year: year, month: 12, day: 31))?.status.rawValue
                let span = lane.spans.first { $0.from <= year && year <= $0.to }
                #expect(span?.status == status, "\(lane.country) \(year)")
                checked += 1
            }
        }
        #expect(checked == 36)
        let page = String(decoding: readBytes(html), as: UTF8.self)
        #expect(page.contains("<h1>Belarus (BLR), 2008–2025</h1>"))
        #expect(page.contains("One row per organization"))
        #expect(page.contains("<th>org</th>"))
        // The terminal chart: a lane per organization, labelled by its id.
        let terminal = try timeline(["--log", log, "-c", "chart Belarus from 2008 to 2025"], environment: ["COLUMNS": "80"])
        let lanes = terminal.stdout.split(separator: "\n").filter { $0.hasPrefix("SCO ") || $0.hasPrefix("BRICS ") }
        #expect(lanes.count == 2)
    }
}
