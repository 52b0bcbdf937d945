import Testing
import TimelineCore
import TimelinePostgres
import TimelineStore
import TimelineStoreConformance
import TimelineTestSupport

/// The storage conformance suite against the PostgreSQL log, each check on a database of its own.
@Suite("PostgreSQL log conformance", .enabled(if: PostgresTestServer.enabled))
struct PostgresConformanceTests {
    static let factory = LogFactory(name: "postgresql") {
        let (url, _, drop) = try PostgresTestServer.freshDatabase("conf")
        return (PostgresEventLog(location: try PostgresLocation(url: url, environment: [:])), drop)
    }

    @Test("the PostgreSQL log conforms", arguments: StorageConformance.checks)
    func conforms(_ check: ConformanceCheck) async throws {
        let failures = try await check.run(Self.factory)
        #expect(failures.isEmpty, "\(check): \(failures.joined(separator: "; "))")
    }
}
