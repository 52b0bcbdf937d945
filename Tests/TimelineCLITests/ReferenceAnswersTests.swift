import Foundation
import Testing
import TimelineCore
import TimelineStore

/// The bundled history against reference answers taken from sources, one file per organization
/// in `Tests/Fixtures/References/` (`ORG.tsv`): member counts and single statuses at dates,
/// each row with the address of the source it comes from. The answers were read in the
/// sources, not computed from the seeds, so a seed that drifts from its sources fails here.
@Suite("Reference answers")
struct ReferenceAnswersTests {
    static let directory = packageRoot + "/Tests/Fixtures/References"

    /// The organizations with a reference file.
    static var organizations: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".tsv") }
            .map { String($0.dropLast(4)) }.sorted()
    }

    /// One reference answer: `count DATE - N` or `status DATE COUNTRY STATUS [suspended]`.
    struct Answer: CustomStringConvertible {
        let line: Int
        let kind: String
        let date: String
        let country: String
        let expected: String
        let source: String

        var description: String { "line \(line): \(kind) \(date) \(country) \(expected) (\(source))" }
    }

    static func answers(of org: String) throws -> [Answer] {
        let text = try String(contentsOfFile: "\(directory)/\(org).tsv", encoding: .utf8)
        var answers: [Answer] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("#") || line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 5, ["count", "status"].contains(fields[0]) else {
                Issue.record("\(org).tsv line \(index + 1): expected kind, date, country, expected, source; found \(line)")
                continue
            }
            answers.append(
                Answer(line: index + 1, kind: fields[0], date: fields[1], country: fields[2], expected: fields[3], source: fields[4]))
        }
        return answers
    }

    /// The bundled log, folded once for every organization.
    static let bundled: Timeline = {
        // The committed bundled log: a failure is a broken checkout, and stopping here says so.
        // swift-format-ignore: NeverUseForceTry
        Timeline(records: try! FileEventLog(path: packageRoot + "/Events/diplomacy.jsonl").read().records)
    }()

    /// The organizations of the first wave (issue 14) and of the second (issue 17).
    static let waves = [
        "UN", "EEC", "EU", "NATO", "ASEAN", "OAU", "AU", "BRICS", "G7", "OPEC", "COE",
        "LAS", "OAS", "COMMONWEALTH", "CIS", "CST", "CSTO", "EAEU", "GCC", "MERCOSUR", "ECOWAS", "WARSAWPACT", "OECD", "WTO", "G20",
    ]

    @Test("every organization of both waves has a dozen or more sourced answers")
    func coverage() throws {
        for org in Self.waves {
            #expect(Self.organizations.contains(org), "no reference file for \(org)")
            if Self.organizations.contains(org) {
                let answers = try Self.answers(of: org)
                #expect(answers.count >= 12, "\(org) has \(answers.count) reference answers")
                #expect(answers.allSatisfy { $0.source.hasPrefix("http") }, "\(org): every answer names its source's address")
            }
        }
    }

    @Test("the bundled history gives the sourced answers", arguments: organizations)
    func answers(org: String) throws {
        let timeline = Self.bundled
        let id = try #require(OrganizationID(org))
        #expect(timeline.organizations[id] != nil, "\(org) is not in the bundled log")
        for answer in try Self.answers(of: org) {
            let day = try EDTFDate.parse(answer.date).latest
            switch answer.kind {
            case "count":
                let count = timeline.members(of: id, at: day).rows.count
                #expect(String(count) == answer.expected, "\(org) \(answer): the log answers \(count)")
            default:
                let row = timeline.status(of: answer.country, in: id, at: day)
                let found = row.map { $0.status.rawValue + ($0.suspended ? " suspended" : "") } ?? "none"
                #expect(found == answer.expected, "\(org) \(answer): the log answers \(found)")
            }
        }
    }

    @Test("the numbers the issue names: UN 193 on 2011-07-14, NATO 32 on 2024-03-07, EU 27 on 2020-02-01")
    func headlineCounts() throws {
        for (org, date, count) in [("UN", "2011-07-14", 193), ("NATO", "2024-03-07", 32), ("EU", "2020-02-01", 27)] {
            let answer = Self.bundled.members(of: try #require(OrganizationID(org)), at: try EDTFDate.parse(date).latest)
            #expect(answer.rows.count == count, "\(org) at \(date)")
        }
        #expect(Self.bundled.violations.isEmpty)
    }
}
