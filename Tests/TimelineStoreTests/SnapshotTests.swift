import Dispatch
import Synchronization
import Testing
import TimelineCore
import TimelineTestSupport

@testable import TimelineStore

/// The snapshot cache answers exactly as the fold does, and is never used once the log moves on
/// or the file is damaged.
@Suite("Snapshot cache")
struct SnapshotTests {
    static let packageRoot = String(#filePath.split(separator: "/Tests/").first!)

    /// A generated log of `events` in `scratch`, and the snapshot saved of it: the log's path and
    /// head, its cache (kept at any size) and the snapshot's bytes as written.
    static func savedSnapshot(
        in scratch: ScratchDirectory, events: Int, seed: UInt64
    ) throws -> (path: String, head: LogHead, cache: SnapshotCache, bytes: [UInt8]) {
        let path = scratch.file("log.jsonl")
        _ = try FileEventLog(path: path).append(SyntheticHistory(events: events, seed: seed).events(), recordedAt: at())
        let contents = try FileEventLog(path: path).read()
        let cache = SnapshotCache(log: path, minimumRecords: 0)
        cache.save(Timeline(records: contents.records).projections, head: contents.head)
        return (path, contents.head, cache, readBytes(cache.path))
    }

    /// Every membership answer of two projections, for each organization on many days.
    static func expectSameAnswers(_ loaded: Projections, _ folded: Projections, days: [CivilDay]) {
        #expect(Set(loaded.organizations.keys) == Set(folded.organizations.keys))
        for org in folded.organizations.keys {
            let (stored, swept) = (loaded.memberCountSteps(of: org), folded.memberCountSteps(of: org))
            #expect(stored.days == swept.days && stored.counts == swept.counts, "\(org): the stored step function")
        }
        for day in days {
            #expect(loaded.organizations(at: day) == folded.organizations(at: day))
            for org in folded.organizations.keys {
                #expect(loaded.members(of: org, at: day) == folded.members(of: org, at: day))
                // Counts come from the step function the snapshot stores, not from a new sweep.
                #expect(loaded.memberCount(of: org, at: day) == folded.members(of: org, at: day).rows.count)
                #expect(loaded.roster(of: org, at: day) == folded.roster(of: org, at: day))
                for country in folded.participants(of: org) {
                    #expect(loaded.status(of: country, in: org, at: day) == folded.status(of: country, in: org, at: day))
                }
            }
        }
    }

    @Test("the bundled SCO log (corrections, reclassification, explicit ids) comes back answering the same")
    func bundledLogRoundTrip() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("sco.jsonl")
        #expect(writeBytes(readBytes(Self.packageRoot + "/Events/diplomacy.jsonl"), to: path))
        let contents = try FileEventLog(path: path).read()
        let timeline = Timeline(records: contents.records)
        let cache = SnapshotCache(log: path, minimumRecords: 0)
        cache.save(timeline.projections, head: contents.head)
        let (projections, head) = try #require(cache.load(registry: .standard))
        #expect(head == contents.head)
        let days = stride(from: 1995, through: 2026, by: 1).flatMap { year in
            [CivilDay(year: year, month: 1, day: 1), CivilDay(year: year, month: 6, day: 15), CivilDay(year: year, month: 9, day: 1)]
        }
        Self.expectSameAnswers(projections, timeline.projections, days: days)
        #expect(
            projections.transitions(of: "IND", in: OrganizationID("SCO")!) == timeline.transitions(of: "IND", in: OrganizationID("SCO")!))
        // Organizations taking part in others come back as participants, not as states.
        #expect(projections.registry.country(code: "EU")?.isOrganization == true)
        #expect(projections.registry.country(code: "AU")?.name == "African Union")
        #expect(projections.registry.introduced.map(\.alpha3) == timeline.projections.registry.introduced.map(\.alpha3))
    }

    @Test("a generated log of 12,000 events comes back answering the same")
    func generatedLogRoundTrip() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("big.jsonl")
        _ = try FileEventLog(path: path).append(SyntheticHistory(events: 12_000, seed: 5).events(), recordedAt: at())
        let contents = try FileEventLog(path: path).read()
        let timeline = Timeline(records: contents.records)
        let cache = SnapshotCache(log: path)
        cache.save(timeline.projections, head: contents.head)
        #expect(cache.isCurrent(for: contents.head))
        let (projections, _) = try #require(cache.load(registry: .standard))
        let days = stride(from: 1900, through: 2025, by: 5).map { CivilDay(year: $0, month: 7, day: 1) }
        Self.expectSameAnswers(projections, timeline.projections, days: days)
    }

    /// A generated log of `events` folded, its snapshot saved, and the snapshot loaded again.
    private static func foldedAndLoaded(events: Int, seed: UInt64, in scratch: ScratchDirectory) throws -> (Timeline, Projections) {
        let path = scratch.file("big.jsonl")
        _ = try FileEventLog(path: path).append(SyntheticHistory(events: events, seed: seed).events(), recordedAt: at())
        let contents = try FileEventLog(path: path).read()
        let timeline = Timeline(records: contents.records)
        let cache = SnapshotCache(log: path)
        cache.save(timeline.projections, head: contents.head)
        let (projections, _) = try #require(cache.load(registry: .standard))
        return (timeline, projections)
    }

    @Test("a snapshot decodes each organization when first asked for, once, from any thread, answering as the fold does")
    func deferredDecoding() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let (timeline, projections) = try Self.foldedAndLoaded(events: 20_000, seed: 11, in: scratch)
        let orgs = timeline.projections.memberships.keys.sorted()
        #expect(orgs.count > 1)
        #expect(projections.memberships.count == orgs.count)
        #expect(projections.memberships.builtCount == 0, "nothing is decoded before a query asks")
        let day = CivilDay(year: 1990, month: 1, day: 1)
        #expect(projections.members(of: orgs[0], at: day) == timeline.projections.members(of: orgs[0], at: day))
        #expect(projections.memberships.builtCount == 1, "one question, one organization decoded")
        // Every organization, asked from several threads at once: each decoded once, all answers equal.
        let answers = Mutex([OrganizationID: MembersAnswer]())
        DispatchQueue.concurrentPerform(iterations: orgs.count * 4) { index in
            let org = orgs[index % orgs.count]
            let answer = projections.members(of: org, at: day)
            answers.withLock { $0[org] = answer }
        }
        #expect(projections.memberships.builtCount == orgs.count)
        for org in orgs {
            #expect(answers.withLock { $0[org] } == timeline.projections.members(of: org, at: day), "\(org)")
            #expect(projections.memberships[org] === projections.memberships[org], "\(org) is decoded once")
        }
    }

    @Test("counting members from a snapshot decodes the step function alone, and counts as the fold does")
    func countingDecodesStepsAlone() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let (timeline, projections) = try Self.foldedAndLoaded(events: 20_000, seed: 12, in: scratch)
        let orgs = timeline.projections.memberships.keys.sorted()
        let days = stride(from: 1900, through: 2030, by: 3).map { CivilDay(year: $0, month: 2, day: 28) }
        for org in orgs {
            for day in days {
                #expect(projections.memberCount(of: org, at: day) == timeline.projections.memberCount(of: org, at: day), "\(org) \(day)")
            }
        }
        #expect(projections.memberships.builtCount == 0, "counting decodes no organization's memberships")
        // Once an organization's memberships are decoded, its steps come with them, the same.
        let org = orgs[0]
        _ = projections.members(of: org, at: days[0])
        #expect(projections.memberships.builtCount == 1)
        #expect(projections.memberships.storedMemberCountSteps(of: org) == nil)
        #expect(projections.memberCountSteps(of: org) == timeline.projections.memberCountSteps(of: org))
        #expect(days.allSatisfy { projections.memberCount(of: org, at: $0) == timeline.projections.memberCount(of: org, at: $0) })
    }

    @Test("a log smaller than the threshold keeps no snapshot")
    func smallLogKeepsNone() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("small.jsonl")
        _ = try FileEventLog(path: path).append(SyntheticHistory(events: 500, seed: 5).events(), recordedAt: at())
        let contents = try FileEventLog(path: path).read()
        SnapshotCache(log: path).save(Timeline(records: contents.records).projections, head: contents.head)
        #expect(readBytes(path + ".snapshot").isEmpty)
    }

    @Test("a snapshot that another version of the format wrote is neither loaded nor current")
    func otherVersionIsIgnored() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let (_, head, cache, good) = try Self.savedSnapshot(in: scratch, events: 300, seed: 4)
        #expect(cache.load(registry: .standard) != nil && cache.isCurrent(for: head))

        // After the magic line the header is its string table (a count, then each string's
        // length and bytes, all short) and then the version. A snapshot of the version before
        // (version 7, whose checksum was SHA-256) or after is rebuilt, never read.
        var versionOffset = Array("timeline-snapshot\n".utf8).count
        let strings = Int(good[versionOffset])
        versionOffset += 1
        for _ in 0..<strings { versionOffset += 1 + Int(good[versionOffset]) }
        #expect(Int(good[versionOffset]) == SnapshotCache.version)
        for other in [good[versionOffset] - 1, good[versionOffset] + 1] {
            var older = good
            older[versionOffset] = other
            #expect(writeBytes(older, to: cache.path))
            #expect(cache.load(registry: .standard) == nil, "version \(other) was read")
            #expect(!cache.isCurrent(for: head))
        }
        #expect(writeBytes(good, to: cache.path))
        #expect(cache.load(registry: .standard) != nil)
    }

    @Test("once the log moves on, or the snapshot is damaged, it is not used")
    func staleOrDamagedIsIgnored() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let (path, _, cache, good) = try Self.savedSnapshot(in: scratch, events: 500, seed: 9)
        #expect(cache.load(registry: .standard) != nil)

        // Every damaged byte of the payload or header is caught (checksum, structure or key).
        for offset in stride(from: 0, to: good.count, by: max(1, good.count / 200)) {
            var damaged = good
            damaged[offset] ^= 0x20
            #expect(writeBytes(damaged, to: cache.path))
            #expect(cache.load(registry: .standard) == nil, "a flipped byte at \(offset) went unnoticed")
        }
        #expect(writeBytes(Array(good.dropLast(7)), to: cache.path))
        #expect(cache.load(registry: .standard) == nil)

        // The log moves on: the same snapshot no longer matches its head.
        #expect(writeBytes(good, to: cache.path))
        let founding = NewEvent(
            date: .day(2001, 1, 1),
            payload: .founding(
                Founding(
                    org: OrganizationID("LATER")!, name: "Later Organization", founders: ["FRA"], ladder: StatusLadder([Status("member")!])!
                )),
            source: Source(citation: "test")!)
        _ = try FileEventLog(path: path).append([founding], recordedAt: at(1))
        #expect(cache.load(registry: .standard) == nil)
        #expect(!cache.isCurrent(for: try FileEventLog(path: path).read().head))

        // A torn tail after the head the snapshot names makes it stale too.
        let after = try FileEventLog(path: path).read()
        cache.save(Timeline(records: after.records).projections, head: after.head)
        #expect(cache.load(registry: .standard) != nil)
        #expect(writeBytes(readBytes(path) + Array("{\"seq\":".utf8), to: path))
        #expect(cache.load(registry: .standard) == nil)
    }
}
