import Testing
import TimelineCore
import TimelineStore
import TimelineTestSupport

/// A log value remembers what it read or wrote; reading or appending again reads only what
/// other writers appended since, and must give exactly what a fresh reader gives.
@Suite("Incremental reading")
struct IncrementalReadTests {
    static func founding(_ org: String, _ year: Int) -> NewEvent {
        NewEvent(
            date: .day(year, 1, 1),
            payload: .founding(
                Founding(org: OrganizationID(org)!, name: "Org \(org)", founders: ["FRA"], ladder: StatusLadder([Status("member")!])!)),
            source: Source(citation: "test")!)
    }

    static func accession(_ org: String, _ country: String, _ year: Int) -> NewEvent {
        NewEvent(
            date: .day(year, 1, 1), payload: .accession(org: OrganizationID(org)!, country: country), source: Source(citation: "test")!)
    }

    @Test("another writer's batches are read as a suffix; the result equals a fresh read")
    func suffixEqualsFreshRead() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("log.jsonl")
        let mine = FileEventLog(path: path)
        _ = try mine.append([Self.founding("AAA", 2000)], recordedAt: at())
        #expect(try mine.read().records.count == 1)
        for (index, country) in ["DEU", "ITA", "ESP"].enumerated() {
            _ = try FileEventLog(path: path).append([Self.accession("AAA", country, 2001 + index)], recordedAt: at(Int64(index + 1)))
        }
        let incremental = try mine.read()
        let fresh = try FileEventLog(path: path).read()
        #expect(incremental.records == fresh.records)
        #expect(incremental.head == fresh.head)
        // My next append goes after theirs, validated against them.
        let refused = #expect(throws: StoreError.self) { try mine.append([Self.accession("AAA", "DEU", 2010)], recordedAt: at(9)) }
        #expect(refused?.code == .invariant)
        let receipt = try mine.append([Self.accession("AAA", "PRT", 2010)], recordedAt: at(10))
        #expect(receipt.head.count == 5)
        #expect(try LogVerifier.verify(path: path).isIntact)
        #expect(try FileEventLog(path: path).read().records == (try mine.read().records))
    }

    @Test("damage in what was appended since is reported on its line, as by a fresh reader")
    func damageInSuffix() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("log.jsonl")
        let mine = FileEventLog(path: path)
        _ = try mine.append([Self.founding("AAA", 2000), Self.accession("AAA", "DEU", 2001)], recordedAt: at())
        _ = try mine.read()
        _ = try FileEventLog(path: path).append(
            [Self.accession("AAA", "ITA", 2002), Self.accession("AAA", "ESP", 2003)], recordedAt: at(1))
        var bytes = readBytes(path)
        let starts = lineStarts(bytes)
        bytes[starts[4] + 20] ^= 0x01  // line 5: the second record of the other writer's batch
        #expect(writeBytes(bytes, to: path))
        let incremental = #expect(throws: StoreError.self) { try mine.read() }
        let fresh = #expect(throws: StoreError.self) { try FileEventLog(path: path).read() }
        #expect(incremental?.line == 5)
        #expect(incremental?.line == fresh?.line)
        #expect(incremental?.message == fresh?.message)
    }

    @Test("a torn tail after the cached head is set aside by the next append; a rewritten log is read in full")
    func tornTailAndReplacedLog() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("log.jsonl")
        let mine = FileEventLog(path: path)
        _ = try mine.append([Self.founding("AAA", 2000)], recordedAt: at())
        let committed = readBytes(path)
        #expect(writeBytes(committed + Array("{\"seq\":2,\"at\":".utf8), to: path))
        #expect(try mine.read().tornTail != nil)
        let receipt = try mine.append([Self.accession("AAA", "DEU", 2001)], recordedAt: at(1))
        #expect(receipt.setAside != nil)
        #expect(try LogVerifier.verify(path: path).isIntact)

        // Another log of another history now at the same path: the cache no longer holds.
        let other = scratch.file("other.jsonl")
        _ = try FileEventLog(path: other).append(
            [Self.founding("BBB", 1990), Self.accession("BBB", "ITA", 1991), Self.accession("BBB", "ESP", 1992)], recordedAt: at(5))
        #expect(writeBytes(readBytes(other), to: path))
        #expect(writeBytes(readBytes(other + ".head"), to: path + ".head"))
        #expect(try mine.read().records == (try FileEventLog(path: other).read().records))
    }

    @Test("records planned on a head are written as planned while the log stays there, and planned again once it moved")
    func plannedAppends() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("log.jsonl")
        let mine = FileEventLog(path: path)
        _ = try mine.append([Self.founding("AAA", 2000)], recordedAt: at())
        var contents = try mine.read()
        var planner = AppendPlanner(existing: contents.records)
        let planned = try planner.plan([Self.accession("AAA", "DEU", 2001), Self.accession("AAA", "ITA", 2002)], recordedAt: at(1)).records
        let receipt = try mine.append(planned: planned, after: contents.head, recordedAt: at(2))
        #expect(receipt.appended.map(\.seq.value) == [2, 3])
        #expect(receipt.appended.allSatisfy { $0.recordedAt == at(2) }, "one batch, one recorded time")
        #expect(Array(try FileEventLog(path: path).read().records.suffix(2)) == receipt.appended, "read back as written")

        // Planned on a head the log has left: another writer took DEU's withdrawal first.
        contents = try mine.read()
        planner = AppendPlanner(existing: contents.records)
        let stale = try planner.plan([Self.accession("AAA", "ESP", 2003)], recordedAt: at(3)).records
        let conflicting = try planner.plan(
            [
                NewEvent(
                    date: .day(2004, 1, 1), payload: .withdrawal(org: OrganizationID("AAA")!, country: "ITA"),
                    source: Source(citation: "test")!)
            ], recordedAt: at(3)
        ).records
        _ = try FileEventLog(path: path).append(
            [
                NewEvent(
                    date: .day(2003, 6, 1), payload: .withdrawal(org: OrganizationID("AAA")!, country: "ITA"),
                    source: Source(citation: "other")!)
            ], recordedAt: at(4))
        let refused = #expect(throws: StoreError.self) {
            try mine.append(planned: stale + conflicting, after: contents.head, recordedAt: at(5))
        }
        #expect(refused?.code == .invariant, "ITA already withdrew: planned again, the batch is refused")
        let replanned = try mine.append(planned: stale, after: contents.head, recordedAt: at(6))
        #expect(replanned.appended.map(\.seq.value) == [5], "planned again after the other writer's record #4")
        #expect(try LogVerifier.verify(path: path).isIntact)
    }
}
