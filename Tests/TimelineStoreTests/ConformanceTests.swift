import Testing
import TimelineCore
import TimelineStore
import TimelineStoreConformance
import TimelineTestSupport

/// The storage conformance suite (`TimelineStoreConformance`), run against the file log and the
/// in-memory log, each through its async and its synchronous methods.
@Suite("Event log conformance")
struct ConformanceTests {
    /// The fixture history the other store tests append (the suite carries its own copy).
    // Fixed inputs (committed fixtures, literal dates): a failure is a broken checkout, and stopping here says so.
    // swift-format-ignore: NeverUseForceTry
    static let sco = try! fixtureEvents("sco-small.events.jsonl")

    /// File logs in a fresh scratch directory each, under directories the first append creates.
    static let file = LogFactory(name: "file") {
        let scratch = ScratchDirectory()
        return (FileEventLog(path: scratch.file("nested/dir/log.jsonl")), { scratch.cleanUp() })
    }

    /// In-memory logs.
    static let memory = LogFactory(name: "memory") { (InMemoryEventLog(), {}) }

    @Test("the file log conforms", arguments: StorageConformance.checks)
    func file(_ check: ConformanceCheck) async throws {
        let failures = try await check.run(Self.file)
        #expect(failures.isEmpty, "\(check): \(failures.joined(separator: "; "))")
    }

    @Test("the in-memory log conforms", arguments: StorageConformance.checks)
    func memory(_ check: ConformanceCheck) async throws {
        let failures = try await check.run(Self.memory)
        #expect(failures.isEmpty, "\(check): \(failures.joined(separator: "; "))")
    }

    @Test("an async-only backend conforms, through its async requirements", arguments: StorageConformance.checks)
    func asyncOnly(_ check: ConformanceCheck) async throws {
        let failures = try await check.run(LogFactory(name: "async-only") { (AsyncOnlyLog(), {}) })
        #expect(failures.isEmpty, "\(check): \(failures.joined(separator: "; "))")
    }

    @Test("a backend that loses events fails the checks that append batches")
    func lossIsCaught() async throws {
        let forgetful = LogFactory(name: "forgetful") { (AsyncOnlyLog(forgetful: true), {}) }
        var failing: [String] = []
        for check in StorageConformance.checks where try await !check.run(forgetful).isEmpty { failing.append(check.name) }
        #expect(failing.count >= 6, "only these caught it: \(failing)")
    }

    @Test("a check that is broken reports its failures, with the storage and the form")
    func failuresAreReported() async throws {
        let broken = ConformanceCheck("always fails") { log, findings in findings.expect(false, "as meant") }
        let failures = try await broken.run(Self.memory)
        #expect(failures == ["memory, async: as meant", "memory, sync: as meant"])
    }
}
