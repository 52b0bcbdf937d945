import Benchmark
import TimelineCore
import TimelineScript
import TimelineStore

/// Questions across organizations on the bundled history (`CrossOrganizationScript`): the whole
/// script through one `Interpreter` whose session has read the log, so the figure is the
/// questions' own cost, as for "script-of-10000-member-counts"; against a script of as many
/// one-organization `members` questions on the same days.
enum CrossOrganizationBenchmarks {
    static func register(_ fixture: Fixture) {
        let script = CrossOrganizationScript()
        Benchmark("query:baseline-script-of-one-organization-questions") { benchmark in
            try measure(script.oneOrganization, named: "one-organization.tl", in: fixture, benchmark)
        }
        Benchmark("query:script-of-cross-organization-questions") { benchmark in
            try measure(script.crossOrganization, named: "cross-organization.tl", in: fixture, benchmark)
        }
    }

    /// Runs `text` on a copy of the bundled log, once unmeasured (which leaves the snapshot and
    /// checks the script), then measured.
    private static func measure(_ text: String, named name: String, in fixture: Fixture, _ benchmark: Benchmark) throws {
        let path = BundledHistory.copy(into: fixture.directory, named: "across.jsonl")
        let interpreter = Interpreter(log: FileEventLog(path: path), today: CivilDay(year: 2026, month: 1, day: 1)) { _ in }
        let script = SourceFile(name: name, text: text)
        if let diagnostic = interpreter.run(script).diagnostics.first {
            benchmark.error("\(name): \(diagnostic)")
            return
        }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(interpreter.run(script).diagnostics.count) }
    }
}
