import Foundation
import Testing
import TimelineTestSupport

/// Each script of `Examples/` runs with its whole output compared to the `.out` file beside it.
/// Examples run on the bundled log, except those whose header says `--log` (they build a fresh
/// log, at a fixed recorded time so that the head they print is stable).
///
/// Re-record deliberately with `TIMELINE_RECORD_EXAMPLES=1 swift test --filter Examples`.
@Suite("Examples")
struct ExamplesTests {
    static var examples: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: packageRoot + "/Examples")) ?? []).filter { $0.hasSuffix(".tl") }.sorted()
    }

    @Test("there are at least six examples")
    func count() { #expect(Self.examples.count >= 6) }

    @Test("each example prints exactly its golden output", arguments: examples)
    func example(name: String) throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = "Examples/" + name
        let text = String(decoding: readBytes(packageRoot + "/" + path), as: UTF8.self)
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
