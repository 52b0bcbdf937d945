import Testing
import TimelineCore
import TimelineStore
import TimelineTestSupport

/// The storages every log contract test runs against.
enum StorageKind: String, CaseIterable, CustomTestStringConvertible {
    case file
    case memory

    var testDescription: String { rawValue }

    /// A new, empty log of this kind, and a clean-up action.
    func make() -> (log: any EventLog, cleanUp: () -> Void) {
        switch self {
        case .file:
            let scratch = ScratchDirectory()
            return (FileEventLog(path: scratch.file("nested/dir/log.jsonl")), scratch.cleanUp)
        case .memory:
            return (InMemoryEventLog(), {})
        }
    }
}

/// One conformance suite that every storage passes.
@Suite("Event log conformance")
struct ConformanceTests {
    static let sco = try! fixtureEvents("sco-small.events.jsonl")

    @Test("appends are read back in order, with contiguous sequence numbers", arguments: StorageKind.allCases)
    func appendAndRead(kind: StorageKind) throws {
        let (log, cleanUp) = kind.make()
        defer { cleanUp() }
        let first = try log.append(Array(Self.sco[0..<4]), recordedAt: at(0))
        #expect(first.appended.map(\.seq.value) == [1, 2, 3, 4])
        let second = try log.append(Array(Self.sco[4...]), recordedAt: at(1))
        #expect(second.appended.first?.seq.value == 5)
        let contents = try log.read()
        #expect(contents.records.map(\.seq.value) == Array(1...Self.sco.count))
        #expect(contents.records.map(\.id) == Self.sco.map(\.id))
        #expect(contents.head == second.head)
        #expect(contents.head.count == Self.sco.count)
        #expect(contents.tornTail == nil)
    }

    @Test("re-appending a batch appends nothing", arguments: StorageKind.allCases)
    func idempotent(kind: StorageKind) throws {
        let (log, cleanUp) = kind.make()
        defer { cleanUp() }
        let first = try log.append(Self.sco, recordedAt: at(0))
        let again = try log.append(Self.sco, recordedAt: at(5))
        #expect(again.appended.isEmpty)
        #expect(again.alreadyPresent.count == Self.sco.count)
        #expect(again.head == first.head)
        #expect(try log.read().records.count == Self.sco.count)
    }

    @Test("an id naming different content is refused", arguments: StorageKind.allCases)
    func idConflict(kind: StorageKind) throws {
        let (log, cleanUp) = kind.make()
        defer { cleanUp() }
        _ = try log.append(Self.sco, recordedAt: at(0))
        let before = try log.read().head
        var clash = Self.sco[4]
        clash.explicitID = Self.sco[5].id
        #expect(throws: StoreError.self) { try log.append([clash], recordedAt: at(1)) }
        do {
            _ = try log.append([clash], recordedAt: at(1))
        } catch {
            #expect(error.code == .idConflict)
            #expect(error.message.contains("is already used by different content"))
        }
        #expect(try log.read().head == before)
    }

    @Test("a batch that breaks a rule writes nothing, and names the event and rule", arguments: StorageKind.allCases)
    func atomicRefusal(kind: StorageKind) throws {
        let (log, cleanUp) = kind.make()
        defer { cleanUp() }
        _ = try log.append(Array(Self.sco[0..<12]), recordedAt: at(0))
        let before = try log.read()
        // The fresh tail of the fixture is valid, but its last event is replaced by a second
        // accession of India: the whole batch must be refused.
        var batch = Array(Self.sco[12...])
        let bad = NewEvent(date: .day(2020, 1, 1), payload: .accession(org: OrganizationID("SCO")!, country: "IND"), source: Source(citation: "x")!)
        batch.append(bad)
        do {
            _ = try log.append(batch, recordedAt: at(1))
            Issue.record("the batch was accepted")
        } catch {
            #expect(error.code == .invariant)
            #expect(error.violation?.rule == .alreadyMember)
            #expect(error.violation?.eventID == bad.id)
            #expect(error.message.contains("nothing was written"))
        }
        let after = try log.read()
        #expect(after.head == before.head)
        #expect(after.records == before.records)
    }

    @Test("a batch appended out of historical order folds into place", arguments: StorageKind.allCases)
    func outOfOrder(kind: StorageKind) throws {
        let (log, cleanUp) = kind.make()
        defer { cleanUp() }
        // The foundings and Belarus's accession first, then its earlier statuses.
        let foundings = [Self.sco[0], Self.sco[2]]
        let late = Self.sco.filter { $0.summary.contains("accession SCO BLR") }
        let early = Self.sco.filter { $0.summary.hasPrefix("status SCO BLR") }
        _ = try log.append(foundings + late, recordedAt: at(0))
        _ = try log.append(early, recordedAt: at(1))
        let timeline = Timeline(records: try log.read().records)
        let sco = try #require(OrganizationID("SCO"))
        #expect(timeline.status(of: "BLR", in: sco, at: try EDTFDate.parse("2016").latest)?.status.rawValue == "observer")
    }

    @Test("the same appends give the same head in every storage")
    func sameHeads() throws {
        var heads: [LogHead] = []
        for kind in StorageKind.allCases {
            let (log, cleanUp) = kind.make()
            defer { cleanUp() }
            _ = try log.append(Array(Self.sco[0..<5]), recordedAt: at(0))
            heads.append(try log.append(Array(Self.sco[5...]), recordedAt: at(1)).head)
        }
        #expect(Set(heads).count == 1)
    }

    @Test("transaction time never goes backwards", arguments: StorageKind.allCases)
    func monotonicTime(kind: StorageKind) throws {
        let (log, cleanUp) = kind.make()
        defer { cleanUp() }
        _ = try log.append([Self.sco[0]], recordedAt: at(100))
        let receipt = try log.append([Self.sco[1]], recordedAt: at(50))
        #expect(receipt.appended.first?.recordedAt == at(100))
    }
}
