import Foundation
import Testing
import TimelineTestSupport

/// The questions of the README's "Questions across organizations", asked of the bundled history
/// from the command line, with the answers the organizations' own member lists give (cited per
/// answer; the seeds' sources are in seeds/README.md).
@Suite("Questions across organizations, on the bundled history")
struct BundledQuestionsTests {
    /// The `country` cells of a statement's JSON answer, in the answer's order.
    func countries(_ statement: String) throws -> [String] {
        let result = try timelineInRoot(["--format", "json", "-c", statement])
        #expect(result.status == 0, "\(statement): \(result.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        return rows.compactMap { $0["country"] as? String }
    }

    /// The rows of a statement's JSON answer.
    func rows(_ statement: String) throws -> [[String: Any]] {
        let result = try timelineInRoot(["--format", "json", "-c", statement])
        #expect(result.status == 0, "\(statement): \(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    }

    @Test(
        "Belarus on 2024-07-04: a founder of the CIS, the CSTO and the EAEU, an original Member of the UN, and of the SCO (joined that day)"
    )
    func belarus() throws {
        let answer = try rows("memberships Belarus at 2024-07-04")
        #expect(answer.map { $0["org"] as? String } == ["CIS", "CSTO", "EAEU", "SCO", "UN"])
        #expect(answer.map { $0["status"] as? String } == ["member", "member", "member", "member", "member"])
        #expect(answer.map { $0["since"] as? String } == ["1991-12-08", "2002-10-07", "2015-01-01", "2024-07-04", "1945-10-24"])
        // BRICS partner countries from 2025-01-01, Belarus among the first nine (TASS; Bernama).
        #expect(
            try rows("memberships Belarus at 2025-01-01").contains {
                $0["org"] as? String == "BRICS" && $0["status"] as? String == "partner"
            })
    }

    @Test("SCO and BRICS on 2025-01-06, NATO without the EU at the start of 2024, either of two")
    func setOperations() throws {
        // SCO: ten members since Belarus; BRICS: ten since Indonesia (2025-01-06); both: four.
        #expect(try countries("members SCO at 2025-01-06 intersect members BRICS at 2025-01-06") == ["CHN", "RUS", "IND", "IRN"])
        // NATO on 2024-01-01: 31 (Finland in 2023, Sweden only in March 2024); 22 of them in the EU.
        #expect(
            try countries("members NATO at 2024-01-01 except members EU at 2024-01-01").sorted()
                == ["ALB", "CAN", "GBR", "ISL", "MKD", "MNE", "NOR", "TUR", "USA"])
        #expect(try countries("members SCO at 2025-01-06 union members BRICS at 2025-01-06").count == 16)
        #expect(try countries("members NATO at 2024-01-01 intersect members EU at 2024-01-01").count == 22)
    }

    @Test("members of each organization at the end of 2000, in one loop")
    func countsIn2000() throws {
        let result = try timelineInRoot(["-c", "for o in orgs at 2000 { print o, count(members o at 2000) }"])
        #expect(result.status == 0, "\(result.stderr)")
        let counts = Dictionary(
            uniqueKeysWithValues: result.stdout.split(separator: "\n").map { line in
                let parts = line.split(separator: " ")
                return (String(parts[0]), Int(parts[1]) ?? -1)
            })
        // UN 189 (Tuvalu the 189th, 2000-09-05; FR Yugoslavia in SFRY's place on 2000-11-01);
        // Council of Europe 41 (Georgia the 41st, 1999); EU 15; NATO 19; G8; ASEAN 10; OPEC 11.
        #expect(counts["UN"] == 189)
        #expect(counts["COE"] == 41)
        #expect(counts["EU"] == 15)
        #expect(counts["NATO"] == 19)
        #expect(counts["G7"] == 8)
        #expect(counts["ASEAN"] == 10)
        #expect(counts["OPEC"] == 11)
        #expect(counts["SHANGHAI5"] == 5)
        #expect(counts["SCO"] == nil, "the SCO was founded in 2001")
    }

    @Test("who was ever suspended from the African Union, and who joined any organization in 2004")
    func historyAcrossOrganizations() throws {
        let suspended = Set(try countries("history AU | where type == suspension"))
        // The Peace and Security Council's suspensions after the coups the issue names, and others.
        for country in ["MLI", "GIN", "BFA", "NER", "GAB", "SDN", "MDG", "MRT", "TGO", "CIV", "CAF", "EGY", "GNB"] {
            #expect(suspended.contains(country), "\(country) was suspended from the AU")
        }
        #expect(!suspended.contains("TCD"), "Chad was not suspended in 2021")
        let joined = try rows("history from 2004 to 2004 | where type == accession")
        let byOrg = Dictionary(grouping: joined) { $0["org"] as? String ?? "" }
        // NATO's enlargement of 2004-03-29 (seven), the EU's of 2004-05-01 (ten), Monaco in the
        // Council of Europe (2004-10-05).
        #expect(byOrg["NATO"]?.count == 7)
        #expect(byOrg["EU"]?.count == 10)
        #expect(byOrg["COE"]?.compactMap { $0["country"] as? String } == ["MCO"])
    }

    @Test("Belarus's memberships as a chart: a lane per organization, named in the SVG")
    func belarusChart() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let terminal = try timelineInRoot(["-c", "chart Belarus from 2008 to 2025"], environment: ["COLUMNS": "100"])
        #expect(terminal.status == 0, "\(terminal.stderr)")
        let lanes = terminal.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(Array(lanes.dropFirst().prefix(6)) == ["CIS", "CSTO", "UN", "SCO", "EAEU", "BRICS"])
        let svg = scratch.file("belarus.svg")
        #expect(try timelineInRoot(["-c", "chart Belarus from 2008 to 2025 --svg \"\(svg)\""]).status == 0)
        let text = String(decoding: readBytes(svg), as: UTF8.self)
        for org in ["UN", "SCO", "BRICS"] { #expect(text.contains("data-org=\"\(org)\"")) }
        #expect(text.contains("United Nations (UN)"))
    }

    @Test("summary lists every organization with its member count today")
    func summary() throws {
        let result = try timelineInRoot(["summary"], environment: ["COLUMNS": "200"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        func members(_ org: String) -> String? {
            lines.first { $0.hasPrefix(org + " ") }.map { line in
                line.split(separator: " ", omittingEmptySubsequences: true).map(String.init).first { Int($0) != nil || $0 == "dissolved" }
            } ?? nil
        }
        // Today (the machine's date, after 2025): UN 193, NATO 32, EU 27, COE 46, ASEAN 11, AU 55.
        for (org, count) in [("UN", "193"), ("NATO", "32"), ("EU", "27"), ("COE", "46"), ("ASEAN", "11"), ("AU", "55")] {
            #expect(members(org) == count, "\(org)")
        }
        #expect(members("OAU") == "dissolved")
    }
}
