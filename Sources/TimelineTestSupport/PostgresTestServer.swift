import Foundation
import Testing

/// The PostgreSQL server the tests use: the throwaway cluster `scripts/start-postgres` starts
/// and names in `TIMELINE_TEST_POSTGRES` (a superuser's URL on a unix socket). Without it the
/// PostgreSQL tests are skipped on a developer's machine, and fail under CI (`CI=true`): they
/// never skip there. Databases are made and dropped with `psql`, the server's own client.
public enum PostgresTestServer {
    static let environment = ProcessInfo.processInfo.environment

    /// The superuser's URL, when a server was started.
    public static let url: String? = environment["TIMELINE_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

    /// Whether the tests that need the server run: when there is one, and always under CI
    /// (where a missing server then fails them).
    public static let enabled = url != nil || environment["CI"] == "true"

    /// The server's data folder, binaries and owner, to stop and start it in fault tests.
    public static let dataDirectory = environment["TIMELINE_TEST_POSTGRES_DATA"]
    public static let binaries = environment["TIMELINE_TEST_POSTGRES_BIN"]
    public static let owner = environment["TIMELINE_TEST_POSTGRES_OWNER"]

    /// The superuser's URL, or a recorded failure saying how to start a server.
    public static func required() throws -> String {
        guard let url else {
            Issue.record("no PostgreSQL server for the tests: run them with scripts/test, or source scripts/start-postgres first")
            throw TestServerError(message: "no PostgreSQL server")
        }
        return url
    }

    /// The URL of database `name` on the server, as role `user` (the superuser when `nil`),
    /// with `password` if given.
    public static func url(database name: String, user: String? = nil, password: String? = nil) throws -> String {
        let server = try required()
        guard let query = server.firstIndex(of: "?") else { throw TestServerError(message: "the server's URL has no ?host=") }
        let role = user ?? "postgres"
        return "postgresql://\(role)\(password.map { ":" + $0 } ?? "")@/\(name)" + server[query...]
    }

    /// Runs SQL on database `name` as the superuser, through `psql`; returns its output.
    @discardableResult
    public static func sql(_ statements: String, database name: String = "postgres") throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = [try url(database: name), "-v", "ON_ERROR_STOP=1", "-qAt", "-c", statements]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestServerError(message: "psql: \(problem)") }
        return text
    }

    /// A fresh, empty database with a unique name: its URL, and a function that drops it.
    public static func freshDatabase(_ label: String = "log") throws -> (url: String, name: String, drop: @Sendable () -> Void) {
        let name = "tl_\(label)_\(UInt32.random(in: 0...UInt32.max))_\(getpid())"
        try sql("CREATE DATABASE \(name) ENCODING 'UTF8' TEMPLATE template0")
        return (try url(database: name), name, { _ = try? PostgresTestServer.sql("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") })
    }

    /// Why the test server could not be used.
    public struct TestServerError: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }
}
