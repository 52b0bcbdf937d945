import Foundation
import Testing
import TimelineCore
import TimelineStore
import TimelineTestSupport

/// Two copies of the bundled log that each grew on a branch merge into one log, as the git
/// merge driver does: the ancestor, ours byte for byte, then their batches re-validated and
/// re-chained; a conflict names their event, the rule and ours' record.
@Suite("Merging logs")
struct LogMergeTests {
    static let sco = OrganizationID("SCO")!

    static func source(_ citation: String) -> Source { Source(citation: citation)! }

    static func summit(_ place: String, host: String, on day: Int, citation: String = "Merge test, summit") -> NewEvent {
        NewEvent(date: .day(2026, 6, day), payload: .summit(Summit(org: sco, place: place, host: host)), source: source(citation))
    }

    static func accession(_ country: String, on day: Int, citation: String) -> NewEvent {
        NewEvent(date: .day(2026, 7, day), payload: .accession(org: sco, country: country), source: source(citation))
    }

    static func milestone(_ country: String, _ text: String, id: String? = nil) -> NewEvent {
        NewEvent(
            id: id.flatMap(EventID.init), date: .day(2026, 2, 1), payload: .milestone(org: sco, country: country, text: text),
            source: source("Merge test, milestone"))
    }

    /// A copy of the bundled log in `scratch` as the common ancestor, and the ancestor's records.
    static func branches(in scratch: ScratchDirectory) throws -> (ancestor: String, ours: String, theirs: String, base: LogContents) {
        let bytes = readBytes(CorruptionTests.bundled)
        let paths = (scratch.file("ancestor.jsonl"), scratch.file("ours.jsonl"), scratch.file("theirs.jsonl"))
        for path in [paths.0, paths.1, paths.2] { #expect(writeBytes(bytes, to: path)) }
        return (paths.0, paths.1, paths.2, try FileEventLog(path: paths.0).read())
    }

    /// The head the bundled log's last record was recorded at, plus `days`.
    static func after(_ base: LogContents, days: Int64) -> RecordedTime {
        RecordedTime(milliseconds: (base.records.last?.recordedAt.milliseconds ?? 0) + days * 86_400_000)
    }

    static func input(_ side: MergeSide, _ path: String) -> MergeInput {
        MergeInput(side: side, name: side.rawValue, bytes: readBytes(path))
    }

    @Test("two branches that each added events merge into one verified log with every event once")
    func cleanMerge() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let (ancestor, ours, theirs, base) = try Self.branches(in: scratch)
        let shared = Self.summit("Bishkek", host: "KGZ", on: 15)
        _ = try FileEventLog(path: ours).append(
            [shared, Self.milestone("LAO", "ours' memorandum")], recordedAt: Self.after(base, days: 30))
        _ = try FileEventLog(path: theirs).append([Self.milestone("URY", "their first batch")], recordedAt: Self.after(base, days: 10))
        _ = try FileEventLog(path: theirs).append(
            [shared, Self.milestone("ISL", "their second batch")], recordedAt: Self.after(base, days: 40))
        let oursBytes = readBytes(ours)

        let outcome = try LogMerge.merge(
            ancestor: Self.input(.ancestor, ancestor), ours: Self.input(.ours, ours), theirs: Self.input(.theirs, theirs))

        // Ours is kept byte for byte; the summit both added is there once.
        #expect(Array(outcome.bytes.prefix(oursBytes.count)) == oursBytes)
        #expect(outcome.common == base.records.count && outcome.ours == 2)
        #expect(outcome.replayed.map(\.payload.country) == ["URY", "ISL"])
        #expect(outcome.alreadyPresent == [shared.id])
        let scan = LogScanner.scan(outcome.bytes)
        #expect(scan.damage == nil && scan.tornTail == nil)
        #expect(scan.records.count == base.records.count + 4)
        #expect(Set(scan.records.map(\.id)).count == scan.records.count)
        let theirIDs = try FileEventLog(path: theirs).read().records.map(\.id)
        let oursIDs = try FileEventLog(path: ours).read().records.map(\.id)
        #expect(Set(scan.records.map(\.id)) == Set(theirIDs + oursIDs))
        // Re-sequenced and re-chained, ids unchanged; each of their batches stays one batch.
        #expect(scan.records.map(\.seq.value) == Array(1...scan.records.count))
        #expect(outcome.head == LogHead(count: scan.records.count, hash: scan.headHash))
        let tail = String(decoding: outcome.bytes[oursBytes.count...], as: UTF8.self)
        #expect(tail.components(separatedBy: #""commit":true"#).count - 1 == 2)
        // Their first batch was recorded before ours' head: it takes the head's time; the second keeps its own.
        #expect(outcome.batchesMovedForward == 1)
        #expect(outcome.replayed.map(\.recordedAt) == [Self.after(base, days: 30), Self.after(base, days: 40)])

        let merged = scratch.file("merged.jsonl")
        #expect(writeBytes(outcome.bytes, to: merged))
        let report = try LogVerifier.verify(path: merged)
        #expect(report.isIntact && report.recordCount == base.records.count + 4)
    }

    @Test("the file form writes the merged log into ours, and leaves ours as it was on a conflict")
    func files() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let (ancestor, ours, theirs, base) = try Self.branches(in: scratch)
        _ = try FileEventLog(path: ours).append([Self.milestone("LAO", "ours")], recordedAt: Self.after(base, days: 1))
        _ = try FileEventLog(path: theirs).append([Self.milestone("URY", "theirs")], recordedAt: Self.after(base, days: 2))
        let outcome = try LogMerge.merge(LogMerge.Files(ancestor: ancestor, ours: ours, theirs: theirs))
        #expect(readBytes(ours) == outcome.bytes)
        #expect(try LogVerifier.verify(path: ours).isIntact)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).allSatisfy { !$0.contains(".merging-") })

        // Merging again: theirs is already in ours, so nothing changes.
        let again = try LogMerge.merge(LogMerge.Files(ancestor: ancestor, ours: ours, theirs: theirs))
        #expect(again.replayed.isEmpty && again.bytes == outcome.bytes)

        // A conflict: ours' file is left exactly as it was.
        _ = try FileEventLog(path: ours).append([Self.accession("LAO", on: 1, citation: "ours")], recordedAt: Self.after(base, days: 3))
        _ = try FileEventLog(path: theirs).append([Self.accession("LAO", on: 9, citation: "theirs")], recordedAt: Self.after(base, days: 3))
        let before = readBytes(ours)
        #expect(throws: MergeError.self) { try LogMerge.merge(LogMerge.Files(ancestor: ancestor, ours: ours, theirs: theirs)) }
        #expect(readBytes(ours) == before)
    }

    @Test("when ours added nothing, the merge is their log byte for byte")
    func fastForward() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let (ancestor, ours, theirs, base) = try Self.branches(in: scratch)
        _ = try FileEventLog(path: theirs).append([Self.milestone("URY", "theirs")], recordedAt: Self.after(base, days: 2))
        _ = try FileEventLog(path: theirs).append([Self.summit("Minsk", host: "BLR", on: 2)], recordedAt: Self.after(base, days: 3))
        let outcome = try LogMerge.merge(
            ancestor: Self.input(.ancestor, ancestor), ours: Self.input(.ours, ours), theirs: Self.input(.theirs, theirs))
        #expect(outcome.bytes == readBytes(theirs))
        #expect(outcome.batches == 2 && outcome.batchesMovedForward == 0)
    }

    @Test("an accession both branches logged on different days is a conflict naming the event, the rule and both records")
    func ruleConflict() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let (ancestor, ours, theirs, base) = try Self.branches(in: scratch)
        let mine = Self.accession("LAO", on: 1, citation: "Ours Gazette, 2026-07-01")
        let yours = Self.accession("LAO", on: 2, citation: "Their Herald, 2026-07-02")
        _ = try FileEventLog(path: ours).append([mine], recordedAt: Self.after(base, days: 1))
        _ = try FileEventLog(path: theirs).append([yours], recordedAt: Self.after(base, days: 1))
        do {
            _ = try LogMerge.merge(
                ancestor: Self.input(.ancestor, ancestor), ours: MergeInput(side: .ours, name: "main", bytes: readBytes(ours)),
                theirs: MergeInput(side: .theirs, name: "contributor", bytes: readBytes(theirs)))
            Issue.record("a conflicting merge succeeded")
        } catch {
            guard case .conflict(let conflict) = error.kind else {
                Issue.record("expected a conflict, got \(error)")
                return
            }
            #expect(conflict.rule == .alreadyMember)
            #expect(conflict.theirs.id == yours.id && conflict.theirs.seq.value == base.records.count + 1)
            #expect(conflict.ours.map(\.id) == [mine.id])
            for part in [
                "their event \(yours.id.short)", "rule already-member", "theirs (contributor)", "ours (main)", "Their Herald, 2026-07-02",
                "Ours Gazette, 2026-07-01",
            ] {
                #expect(error.message.contains(part), "\(part) in \(error.message)")
            }
        }
    }

    @Test("an id ours holds with other content is an id conflict")
    func idConflict() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let (ancestor, ours, theirs, base) = try Self.branches(in: scratch)
        _ = try FileEventLog(path: ours).append([Self.milestone("LAO", "ours", id: "memo-1")], recordedAt: Self.after(base, days: 1))
        _ = try FileEventLog(path: theirs).append([Self.milestone("URY", "theirs", id: "memo-1")], recordedAt: Self.after(base, days: 1))
        #expect {
            try LogMerge.merge(
                ancestor: Self.input(.ancestor, ancestor), ours: Self.input(.ours, ours), theirs: Self.input(.theirs, theirs))
        } throws: { error in
            guard let error = error as? MergeError, case .conflict(let conflict) = error.kind else { return false }
            return conflict.rule == .idConflict && conflict.theirs.id.rawValue == "memo-1" && conflict.ours.map(\.id.rawValue) == ["memo-1"]
                && error.message.contains("rule id-conflict")
        }
    }

    @Test("an ancestor that is not where both logs start is refused, naming the side and the record")
    func notAPrefix() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let (ancestor, ours, theirs, base) = try Self.branches(in: scratch)
        _ = try FileEventLog(path: ancestor).append([Self.milestone("LAO", "ancestor")], recordedAt: Self.after(base, days: 1))
        _ = try FileEventLog(path: theirs).append([Self.milestone("URY", "theirs")], recordedAt: Self.after(base, days: 1))
        _ = try FileEventLog(path: ours).append([Self.milestone("ISL", "ours")], recordedAt: Self.after(base, days: 1))
        #expect {
            try LogMerge.merge(
                ancestor: Self.input(.ancestor, ancestor), ours: Self.input(.ours, ours), theirs: Self.input(.theirs, theirs))
        } throws: { error in
            guard let error = error as? MergeError, case .ancestorNotAPrefix(.ours, let seq) = error.kind else { return false }
            return seq == base.records.count + 1 && error.message.contains("the ancestor is not where ours (ours) starts")
        }
        // An ancestor longer than a side.
        #expect {
            try LogMerge.merge(
                ancestor: Self.input(.ancestor, ancestor),
                ours: MergeInput(side: .ours, name: "ours", bytes: readBytes(CorruptionTests.bundled)),
                theirs: Self.input(.theirs, theirs))
        } throws: { error in
            guard let error = error as? MergeError, case .ancestorNotAPrefix(.ours, _) = error.kind else { return false }
            return error.message.contains("ours only \(base.records.count)")
        }
    }

    @Test("a side whose line endings git converted is named with its damage and fix")
    func damagedSide() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let (ancestor, ours, theirs, _) = try Self.branches(in: scratch)
        let converted = readBytes(theirs).flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }
        #expect {
            try LogMerge.merge(
                ancestor: Self.input(.ancestor, ancestor), ours: Self.input(.ours, ours),
                theirs: MergeInput(side: .theirs, name: "theirs", bytes: converted))
        } throws: { error in
            guard let error = error as? MergeError, case .damaged(.theirs, let damage) = error.kind else { return false }
            return damage == LogDamage(line: 1, kind: .crlfLineEnding) && error.message.contains("sed -i 's/\\r$//' theirs")
        }
    }

    @Test("an empty ancestor (both branches created the log) merges the two logs")
    func emptyAncestor() throws {
        let ours = Self.log([[Self.founding]], at: at(0))
        let theirs = Self.log([[Self.founding], [Self.tstSummit]], at: at(5))
        let outcome = try LogMerge.merge(
            ancestor: MergeInput(side: .ancestor, name: "ancestor", bytes: []), ours: MergeInput(side: .ours, name: "ours", bytes: ours),
            theirs: MergeInput(side: .theirs, name: "theirs", bytes: theirs))
        #expect(outcome.alreadyPresent == [Self.founding.id] && outcome.replayed.map(\.id) == [Self.tstSummit.id])
        #expect(LogScanner.scan(outcome.bytes).damage == nil)
    }

    static let tst = OrganizationID("TSTM")!
    static let founding = NewEvent(
        date: .day(2000, 1, 1),
        payload: .founding(
            Founding(org: tst, name: "Merge Test", founders: ["CHN", "RUS"], ladder: StatusLadder([Status("member")!])!)),
        source: source("Merge test, founding"))
    static let tstSummit = NewEvent(date: .day(2001, 1, 1), payload: .summit(Summit(org: tst)), source: source("Merge test, summit"))

    /// A log built in memory, batch by batch, as a file log writes it.
    static func log(_ batches: [[NewEvent]], at time: RecordedTime) -> [UInt8] {
        var bytes = Array((ChainRule.header + "\n").utf8)
        var hash = ChainRule.genesis
        var seq = 1
        for batch in batches {
            for (index, event) in batch.enumerated() {
                var stored = event
                stored.explicitID = event.id
                let line = RecordEncoder.line(
                    for: RecordedEvent(seq: SequenceNumber(seq), recordedAt: time, event: stored), commit: index == batch.count - 1,
                    previousHash: hash)
                bytes += line.bytes + [0x0A]
                hash = line.hash
                seq += 1
            }
        }
        return bytes
    }
}
