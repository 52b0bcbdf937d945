import Benchmark
import Foundation
import TimelineCore
import TimelineScript
import TimelineStore

// Benchmarks of the engine on a generated log: parse, fold, query, append, snapshot, verify,
// and reading it from PostgreSQL (PostgresReadBenchmarks); and on the bundled history, the
// server's requests (ServerBenchmarks) and questions across organizations
// (CrossOrganizationBenchmarks). Each has a baseline in the same run (the cheapest thing that
// does comparable work), so that the ratio, not the machine, is what the README reports. The
// generated log has TIMELINE_BENCH_EVENTS events (100,000 by default; `Benchmarks/compare.sh`
// measures 1M end to end).

/// The generated log the benchmarks share, written once per run.
final class Fixture: Sendable {
    static let shared = Fixture()

    let directory: String
    let path: String
    let bytes: [UInt8]
    let records: [RecordedEvent]
    let head: LogHead
    let timeline: Timeline
    /// Random as-of queries: an organization and a day.
    let queries: [(org: OrganizationID, day: CivilDay)]

    private init() {
        let count = Int(ProcessInfo.processInfo.environment["TIMELINE_BENCH_EVENTS"] ?? "") ?? 100_000
        directory = NSTemporaryDirectory() + "timeline-bench-\(getpid())"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = directory + "/bench.jsonl"
        let log = FileEventLog(path: path)
        if (try? log.read()) == nil {
            // Fixed inputs (committed fixtures, literal dates): a failure is a broken checkout, and stopping here says so.
            // swift-format-ignore: NeverUseForceTry
            _ = try! log.append(
                SyntheticHistory(events: count, seed: 7).events(), recordedAt: RecordedTime(milliseconds: 1_767_225_600_000))
        }
        bytes = Array(FileManager.default.contents(atPath: path)!)
        // Fixed inputs (committed fixtures, literal dates): a failure is a broken checkout, and stopping here says so.
        // swift-format-ignore: NeverUseForceTry
        let contents = try! log.read()
        records = contents.records
        head = contents.head
        timeline = Timeline(records: records)
        var random = SplitMix64(seed: 11)
        let orgs = timeline.organizations.keys.sorted()
        queries = (0..<10_000).map { _ in
            (orgs[Int(random.next() % UInt64(orgs.count))], CivilDay(year: 1900 + Int(random.next() % 126), month: 7, day: 1))
        }
    }

    /// A fresh copy of the log, for benchmarks that change it, on disk before it is used (else
    /// the first fsync measured would write the whole copy).
    func copy(_ name: String) -> String {
        let target = directory + "/" + name
        _ = FileManager.default.createFile(atPath: target, contents: Data(bytes))
        let descriptor = open(target, O_RDWR)
        fsync(descriptor)
        close(descriptor)
        try? FileManager.default.removeItem(atPath: target + ".head")
        try? FileManager.default.removeItem(atPath: target + ".snapshot")
        return target
    }
}

/// How far a benchmark's p90 time and memory may move from the thresholds checked in.
var timeAndMemoryTolerances: [BenchmarkMetric: BenchmarkThresholds] {
    [
        .wallClock: .init(relative: [.p90: 35.0], absolute: [:]),
        .peakMemoryResident: .init(relative: [.p90: 25.0], absolute: [:]),
    ]
}

// Names have no spaces: package-benchmark reads thresholds back by the raw name.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .peakMemoryResident, .mallocCountTotal],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(10),
        maxIterations: 20,
        // Checked against the p90 thresholds in Thresholds/, with room for a shared machine.
        thresholds: timeAndMemoryTolerances.merging([.mallocCountTotal: .init(relative: [.p90: 10.0], absolute: [:])]) { $1 })
    let fixture = Fixture.shared

    // Parse: the hand-written reader (hashes checked) against splitting the same bytes into
    // lines, and against Foundation's JSONSerialization reading the same lines.
    Benchmark("parse:baseline-split-into-lines") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(fixture.bytes.split(separator: 0x0A).count) }
    }
    Benchmark("parse:baseline-JSONSerialization") { benchmark in
        for _ in benchmark.scaledIterations {
            var count = 0
            for line in fixture.bytes.split(separator: 0x0A) where (try? JSONSerialization.jsonObject(with: Data(line))) != nil {
                count += 1
            }
            blackHole(count)
        }
    }
    Benchmark("parse:LogScanner") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(LogScanner.scan(fixture.bytes).records.count) }
    }

    // Fold: every record into projections.
    Benchmark("fold:Timeline") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(Timeline(records: fixture.records).events.count) }
    }

    // Query: one `members ORG at D`, against looking the organization up (the floor of any query).
    Benchmark(
        "query:baseline-organization-lookup",
        configuration: .init(
            metrics: [.wallClock, .peakMemoryResident], timeUnits: .nanoseconds, scalingFactor: .kilo, thresholds: timeAndMemoryTolerances)
    ) { benchmark in
        let projections = fixture.timeline.projections
        for index in benchmark.scaledIterations {
            blackHole(projections.organizations[fixture.queries[index % fixture.queries.count].org]?.name)
        }
    }
    Benchmark("query:members-ORG-at-D", configuration: .init(timeUnits: .nanoseconds, scalingFactor: .kilo)) { benchmark in
        let projections = fixture.timeline.projections
        for index in benchmark.scaledIterations {
            let query = fixture.queries[index % fixture.queries.count]
            blackHole(projections.members(of: query.org, at: query.day).rows.count)
        }
    }
    Benchmark("query:script-of-10000-member-counts") { benchmark in
        let path = fixture.copy("queries.jsonl")
        let script = fixture.queries.map { "print count(members \($0.org) at \($0.day))" }.joined(separator: "\n")
        let interpreter = Interpreter(log: FileEventLog(path: path), today: CivilDay(year: 2026, month: 1, day: 1)) { _ in }
        _ = interpreter.run(SourceFile(name: "warm.tl", text: "members \(fixture.queries[0].org) at 2000"))  // leaves the snapshot
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(interpreter.run(SourceFile(name: "queries.tl", text: script)).diagnostics.count) }
    }

    // Snapshot: write it, and start from it.
    Benchmark("snapshot:save") { benchmark in
        let path = fixture.copy("save.jsonl")
        let cache = SnapshotCache(log: path, minimumRecords: 0)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            cache.remove()
            cache.save(fixture.timeline.projections, head: fixture.head)
        }
    }
    Benchmark("snapshot:load") { benchmark in
        let path = fixture.copy("load.jsonl")
        let cache = SnapshotCache(log: path, minimumRecords: 0)
        cache.save(fixture.timeline.projections, head: fixture.head)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { blackHole(cache.load(registry: .standard)?.head) }
    }

    // Append: one durable event (fsync) at the end of the log, by a process that has the log
    // open (it read it once); against the fsync alone, the floor of any durable append.
    // (Without the allocation count: a bare write and fsync makes a handful of allocations, so a
    // difference of two would count as a ten per cent change.)
    Benchmark(
        "append:baseline-write-and-fsync",
        configuration: .init(
            metrics: [.wallClock, .peakMemoryResident], timeUnits: .microseconds, maxIterations: 50, thresholds: timeAndMemoryTolerances)
    ) { benchmark in
        let path = fixture.copy("fsync.jsonl")
        let descriptor = open(path, O_WRONLY | O_APPEND)
        defer { close(descriptor) }
        let line = Array(String(repeating: "x", count: 300).utf8) + [0x0A]
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            _ = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            fsync(descriptor)
        }
    }
    Benchmark("append:one-durable-event", configuration: .init(timeUnits: .microseconds, maxIterations: 50)) { benchmark in
        let path = fixture.copy("append.jsonl")
        let log = FileEventLog(path: path)
        let source = Source(citation: "benchmark")!
        let org = OrganizationID("BENCH")!
        _ = try log.append(
            [
                NewEvent(
                    date: .day(2029, 12, 31),
                    payload: .founding(Founding(org: org, name: "Bench", founders: ["FRA"], ladder: StatusLadder([Status("member")!])!)),
                    source: source)
            ],
            recordedAt: RecordedTime(milliseconds: 1_800_000_000_000))
        // The second batch builds the validator; a few more settle the process, as in a REPL.
        for (day, country) in ["ITA", "LUX", "MLT", "CYP", "EST"].enumerated() {
            _ = try log.append(
                [NewEvent(date: .day(2030, 1, 1 + day), payload: .accession(org: org, country: country), source: source)],
                recordedAt: RecordedTime(milliseconds: 1_800_000_000_000))
        }
        let countries = ["DEU", "ESP", "PRT", "NLD", "BEL", "AUT", "POL", "SWE", "FIN", "DNK", "IRL", "GRC", "CZE", "HUN", "ROU", "BGR"]
        var next = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            // Each country accedes, then withdraws, one day after another.
            let country = countries[next % countries.count]
            let day = CivilDay(ordinal: CivilDay(year: 2030, month: 2, day: 1).ordinal + next).components
            let payload: EventPayload =
                (next / countries.count) % 2 == 0 ? .accession(org: org, country: country) : .withdrawal(org: org, country: country)
            next += 1
            blackHole(
                try log.append(
                    [NewEvent(date: .day(day.year, day.month, day.day), payload: payload, source: source)],
                    recordedAt: RecordedTime(milliseconds: 1_800_000_000_000)
                ).head)
        }
    }

    // Verify: hashes, chain and invariants of the whole log.
    Benchmark("verify:whole-log") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try LogVerifier.verify(path: fixture.path).isIntact) }
    }

    // The generated log read from PostgreSQL, against the file log (needs TIMELINE_TEST_POSTGRES).
    PostgresReadBenchmarks.register(fixture)
    // The bundled history: a server request against its statement in a session, and a script of
    // questions across organizations against one of one-organization questions.
    ServerBenchmarks.register(fixture)
    CrossOrganizationBenchmarks.register(fixture)
}
