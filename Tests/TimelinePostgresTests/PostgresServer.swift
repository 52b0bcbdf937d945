import Foundation
import Testing
import TimelinePostgres
import TimelineStore

/// The PostgreSQL server the tests use: the throwaway cluster `scripts/start-postgres` starts
/// and names in `TIMELINE_TEST_POSTGRES` (a superuser's URL). Without it the PostgreSQL tests
/// are skipped on a developer's machine, and fail under CI (`CI=true`): they never skip there.
enum PostgresServer {
    static let environment = ProcessInfo.processInfo.environment

    /// The server's superuser location, if one was started.
    static let location: PostgresLocation? = environment["TIMELINE_TEST_POSTGRES"].flatMap {
        try? PostgresLocation(url: $0, environment: [:])
    }

    /// Whether the tests that need the server run: when there is one, and always under CI
    /// (where a missing server then fails them).
    static let enabled = location != nil || environment["CI"] == "true"

    /// The server, or a recorded failure naming how to start one.
    static func required() throws -> PostgresLocation {
        guard let location else {
            Issue.record("no PostgreSQL server for the tests: run them with scripts/test, or source scripts/start-postgres first")
            throw StoreError(code: .io, message: "no test server")
        }
        return location
    }

    /// A fresh, empty database with a unique name, and a function that drops it.
    static func freshDatabase(_ label: String = "log") throws -> (location: PostgresLocation, drop: @Sendable () -> Void) {
        let server = try required()
        let name = "tl_\(label)_\(UInt32.random(in: 0...UInt32.max))_\(getpid())"
        let location = try PostgresAdministration.createDatabase(name, on: server)
        return (location, { try? PostgresAdministration.dropDatabase(name, on: server) })
    }

    /// A database URL for the command line, with the socket folder and port.
    static func url(of location: PostgresLocation) -> String {
        let credentials = location.user + (location.password.map { ":" + $0 } ?? "")
        return "postgresql://\(credentials)@/\(location.database)?host=\(location.host)&port=\(location.port)"
    }
}
