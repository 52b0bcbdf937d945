import Testing
import TimelineCore
import TimelinePostgres
import TimelineStore
import TimelineStoreConformance

/// The storage conformance suite against the PostgreSQL log, each check on a database of its own.
@Suite("PostgreSQL log conformance", .enabled(if: PostgresServer.enabled))
struct PostgresConformanceTests {
    static let factory = LogFactory(name: "postgresql") {
        let (location, drop) = try PostgresServer.freshDatabase("conf")
        return (PostgresEventLog(location: location), drop)
    }

    @Test("the PostgreSQL log conforms", arguments: StorageConformance.checks)
    func conforms(_ check: ConformanceCheck) async throws {
        let failures = try await check.run(Self.factory)
        #expect(failures.isEmpty, "\(check): \(failures.joined(separator: "; "))")
    }
}
