import Benchmark
import Foundation
import HummingbirdTesting
import TimelineCore
import TimelineScript
import TimelineStore

/// `timeline serve` answering `GET /api/v1/orgs/SCO/members?at=2024-07-04` on the bundled log,
/// asked over one kept-alive HTTP/1.1 connection on localhost (HummingbirdTesting's client); against
/// the same statement run on a warm session without HTTP, as the server's session runs it for
/// each request.
///
/// The server is the `timeline` built beside the benchmarks (the main package offers no library
/// product for `TimelineServer`), started once per benchmark process with its defaults (loopback,
/// two sessions, appends off), so that its sessions stay warm from one sample to the next, as a
/// running server's do. Only the wall clock is measured for it: the server's memory and
/// allocations are its own process's.
enum ServerBenchmarks {
    /// The question, as the explorer and `Benchmarks/serve.sh` ask it.
    static let path = "/api/v1/orgs/SCO/members?at=2024-07-04"
    /// The statement the route builds from it.
    static let statement = "members SCO at 2024-07-04"

    static func register(_ fixture: Fixture) {
        let served = ServedHistory(directory: fixture.directory)
        Benchmark(
            "serve:GET-orgs-SCO-members",
            configuration: .init(
                metrics: [.wallClock], timeUnits: .microseconds, scalingFactor: .kilo,
                thresholds: timeAndMemoryTolerances.filter { $0.key == .wallClock }),
            closure: { benchmark in
                let client = TestClient(host: "127.0.0.1", port: try served.port())
                client.connect()
                // The first request on the connection also checks the answer.
                let first = try await client.get(path)
                let answer = first.body.flatMap { try? JSONSerialization.jsonObject(with: Data($0.readableBytesView)) as? [String: Any] }
                let rows = (answer?["rows"] as? [Any])?.count
                let expected = try answerRows(in: LogSession(log: FileEventLog(path: served.path)))
                guard first.status.code == 200, rows == expected else {
                    benchmark.error("\(path) answered \(first.status.code) with \(rows ?? -1) rows, not 200 with \(expected)")
                    try await client.shutdown()
                    return
                }
                benchmark.startMeasurement()
                for _ in benchmark.scaledIterations { blackHole(try await client.get(path).body?.readableBytes) }
                benchmark.stopMeasurement()
                try await client.shutdown()
            },
            setup: { try served.start() },
            teardown: { served.stop() })
        Benchmark("serve:baseline-statement-in-a-session", configuration: .init(timeUnits: .microseconds, scalingFactor: .kilo)) {
            benchmark in
            let session = LogSession(log: FileEventLog(path: BundledHistory.copy(into: fixture.directory, named: "session.jsonl")))
            _ = try answerRows(in: session)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations { blackHole(try answerRows(in: session)) }
        }
    }

    /// The rows of the statement's answer on `session`, computed as the server computes each
    /// request's: the session checks that the log still stands, then a new interpreter with a new
    /// host runs the statement.
    static func answerRows(in session: LogSession) throws -> Int {
        session.forgetIfMoved()
        blackHole(session.head())
        var rows = 0
        let host = IsolatedHost(today: CivilDay(year: 2026, month: 1, day: 1)) { output in
            if case .table(let table) = output { rows = table.rows.count }
        }
        let outcome = Interpreter(session: session, host: host).run(SourceFile(name: "<request>", text: statement))
        if let diagnostic = outcome.diagnostics.first { throw BenchmarkSetupError("\(statement): \(diagnostic)") }
        return rows
    }
}
