import Benchmark
import Foundation
import TimelineCore
import TimelineStore

/// Reading the log from PostgreSQL: `timeline --log URL` on a database holding the generated
/// history, which opens a `PostgresEventLog`, reads it whole and folds it (a database log has no
/// snapshot), then answers one count; against the same command on the file log with
/// `--no-cache`, which reads and folds the same records.
///
/// Both are whole processes of the `timeline` built beside the benchmarks: the main package
/// offers no library product for `TimelinePostgres`, so its log cannot be opened in this process.
/// Only the wall clock is measured (the memory and allocations would be this process's, not the
/// command's). The history goes into a database of its own, one per benchmark process and
/// dropped after, with `timeline copy`. Without a server (`TIMELINE_TEST_POSTGRES`) the pair is
/// left out with a note, except under CI, where it fails.
enum PostgresReadBenchmarks {
    static func register(_ fixture: Fixture) {
        switch PostgresBenchmarkServer.fromEnvironment() {
        case .available(let server):
            registerBenchmarks(fixture, server: server)
        case .skipped(let note):
            noteOncePerRun(note)
        case .required(let reason):
            // Fails loudly: the process ends with an error status, which fails the whole run
            // (`swift package benchmark`, `thresholds check` and `update` alike); the other
            // benchmarks still run.
            Benchmark("postgres:read-and-fold") { _ in
                FileHandle.standardError.write(Data("error: postgres:read-and-fold: \(reason)\n".utf8))
                exit(69)
            }
        }
    }

    /// Wall clock only, in milliseconds, checked against the thresholds as the others are.
    static var configuration: Benchmark.Configuration {
        .init(metrics: [.wallClock], thresholds: timeAndMemoryTolerances.filter { $0.key == .wallClock })
    }

    private static func registerBenchmarks(_ fixture: Fixture, server: PostgresBenchmarkServer) {
        // One database per process: each benchmark runs in a process of its own.
        let database = "tl_bench_\(getpid())"
        let url = server.url(database: database)
        let statement = "print count(members \(fixture.timeline.organizations.keys.sorted()[0]) at 2000)"
        let onFile = ["--quiet", "--no-cache", "--log", fixture.path, "-c", statement]
        let onDatabase = ["--quiet", "--log", url, "-c", statement]

        Benchmark("postgres:baseline-file-read-and-fold", configuration: configuration) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try TimelineCommand.run(onFile)) }
        }
        Benchmark(
            "postgres:read-and-fold", configuration: configuration,
            closure: { benchmark in
                for _ in benchmark.scaledIterations { blackHole(try TimelineCommand.run(onDatabase)) }
            },
            setup: {
                try server.sql("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
                try server.sql("CREATE DATABASE \(database) ENCODING 'UTF8' TEMPLATE template0")
                try TimelineCommand.run(["--quiet", "copy", fixture.path, url])
                let (fromFile, fromDatabase) = (try TimelineCommand.run(onFile), try TimelineCommand.run(onDatabase))
                guard fromFile == fromDatabase else {
                    throw BenchmarkSetupError("the database answers \(fromDatabase), the file \(fromFile): the copy differs")
                }
            },
            teardown: {
                try server.sql("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
            })
    }

    /// Prints `note` once per `swift package benchmark` run, not once per benchmark process: the
    /// processes share a parent, the benchmark tool, so the first to claim a marker file named
    /// after it prints.
    private static func noteOncePerRun(_ note: String) {
        let marker = NSTemporaryDirectory() + "timeline-bench-postgres-note-\(getppid())"
        let descriptor = open(marker, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { return }
        close(descriptor)
        FileHandle.standardError.write(Data((note + "\n").utf8))
    }
}
