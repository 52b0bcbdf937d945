import Foundation

/// The PostgreSQL server the PostgreSQL benchmarks read from: the throwaway cluster that
/// `scripts/start-postgres` starts and names in `TIMELINE_TEST_POSTGRES` (a superuser's URL on a
/// unix socket). Databases are made and dropped with `psql`, the server's own client, as the
/// tests do.
///
/// For example:
/// ```swift
/// switch PostgresBenchmarkServer.fromEnvironment() {
/// case .available(let server): try server.sql("CREATE DATABASE history")
/// case .skipped(let note): print(note)
/// case .required(let reason): fail(reason)
/// }
/// ```
struct PostgresBenchmarkServer: Sendable {
    /// The superuser's URL.
    let url: String

    /// Whether the benchmarks that need the server can run, and what to say when they cannot.
    enum Availability: Sendable {
        /// `TIMELINE_TEST_POSTGRES` names a server.
        case available(PostgresBenchmarkServer)
        /// No server, on a developer's machine: the benchmarks are left out, with this note.
        case skipped(String)
        /// No server under CI (`CI=true`), where they must run: this says why they fail.
        case required(String)
    }

    /// The server `TIMELINE_TEST_POSTGRES` names, or why there is none.
    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Availability {
        if let url = environment["TIMELINE_TEST_POSTGRES"], !url.isEmpty { return .available(PostgresBenchmarkServer(url: url)) }
        let how = "start one with `source ../scripts/start-postgres` (it sets TIMELINE_TEST_POSTGRES), then `timeline_stop_postgres`"
        if environment["CI"] == "true" {
            return .required("TIMELINE_TEST_POSTGRES is not set and CI=true: the PostgreSQL benchmarks need a server; \(how)")
        }
        return .skipped("note: the PostgreSQL benchmarks (postgres:*) were skipped: TIMELINE_TEST_POSTGRES is not set; \(how)")
    }

    /// The URL of database `name` on the same server, as the same role.
    func url(database name: String) -> String {
        let query = url.firstIndex(of: "?").map { String(url[$0...]) } ?? ""
        let address = String(url.prefix(url.count - query.count))
        let server = address.range(of: "/", options: .backwards).map { String(address[..<$0.lowerBound]) } ?? address
        return server + "/" + name + query
    }

    /// Runs SQL on the superuser's database through `psql`; returns its output.
    @discardableResult
    func sql(_ statements: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = [url, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", statements]
        return try ChildProcess.output(of: process) { _ in "psql: " }
    }
}
