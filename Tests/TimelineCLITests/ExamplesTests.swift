import Foundation
import Testing
import TimelineCore
import TimelineStore
import TimelineTestSupport

/// Each script of `Examples/` runs with its whole output compared to the `.out` file beside it.
/// Examples run on the bundled log, except those whose header says `--log` (they build a fresh
/// log, at a fixed recorded time so that the head they print is stable).
///
/// An example whose first line is `# requires: ORG …` asks about organizations the bundled log
/// may not hold yet (issue 14 adds them): while one is missing, the example must fail naming it
/// as unknown, and its golden output (recorded on a log that holds them) is not compared; once
/// they are all there, it is compared like any other, so it must be re-recorded then.
///
/// Re-record deliberately with `TIMELINE_RECORD_EXAMPLES=1 swift test --filter Examples`.
@Suite("Examples")
struct ExamplesTests {
    static var examples: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: packageRoot + "/Examples")) ?? []).filter { $0.hasSuffix(".tl") }.sorted()
    }

    /// The organizations an example's `# requires: ORG …` first line names.
    static func requiredOrganizations(_ text: String) -> [String] {
        guard text.hasPrefix("# requires: ") else { return [] }
        return text.dropFirst("# requires: ".count).prefix { $0 != "\n" }.split(separator: " ").map(String.init)
    }

    @Test("there are at least six examples")
    func count() { #expect(Self.examples.count >= 6) }

    @Test("each example prints exactly its golden output", arguments: examples)
    func example(name: String) throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = "Examples/" + name
        let text = String(decoding: readBytes(packageRoot + "/" + path), as: UTF8.self)
        let required = Self.requiredOrganizations(text)
        let bundled = Timeline(records: (try? FileEventLog(path: packageRoot + "/Events/diplomacy.jsonl").read().records) ?? [])
        if let missing = required.first(where: { id in OrganizationID(id).map { bundled.organizations[$0] == nil } ?? true }) {
            let result = try timelineInRoot(["run", path], environment: ["COLUMNS": "80"])
            #expect(result.status == 65, "\(name) ran although the bundled log has no \(missing)")
            #expect(result.stderr.contains("unknown organization \"\(missing)\""), "\(name): \(result.stderr)")
            return
        }
        var arguments = ["run", path]
        if text.contains("timeline --log ") {
            arguments = ["--log", scratch.file("fresh.jsonl"), "--recorded-at", "2026-01-01T00:00:00Z"] + arguments
        }
        let result = try timelineInRoot(arguments, environment: ["COLUMNS": "80"])
        #expect(result.status == 0, "\(name): \(result.stderr)")
        let output = result.stdout + result.stderr
        let golden = packageRoot + "/Examples/" + name.dropLast(3) + ".out"
        if ProcessInfo.processInfo.environment["TIMELINE_RECORD_EXAMPLES"] == "1" { writeBytes(Array(output.utf8), to: golden) }
        #expect(output == String(decoding: readBytes(golden), as: UTF8.self), "\(name)")
    }
}
