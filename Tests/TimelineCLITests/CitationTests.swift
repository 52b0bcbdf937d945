import Foundation
import Testing
import TimelineCore
import TimelineStore
import TimelineTestSupport

/// A head cited from one copy of a log is checkable on any copy: `verify --contains SEQ:HASH`
/// holds while the log only grows, and fails once its history up to that record was rewritten,
/// even with every hash recomputed.
@Suite("Citing a log head")
struct CitationTests {
    @Test("a cited head still holds after appends; a rewritten, re-chained copy does not")
    func containsCitedHead() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let log = scratch.file("copy.jsonl")
        writeBytes(readBytes(frozenLog), to: log)
        let head = try FileEventLog(path: log).read().head
        let cited = "\(head.count):\(head.hash.hex.prefix(12))"

        let holds = try timeline(["--log", log, "verify", "--contains", cited])
        #expect(holds.status == 0, "\(holds.stdout)\(holds.stderr)")
        #expect(holds.stdout.contains("holds #\(head.count) \(head.hash.hex.prefix(12))"))

        // The log grows: the cited state is still its prefix, in full-hash form too.
        let grown = try timeline(["--log", log, "-c", "append milestone SCO on 2026-01-02 text \"a later fact\" source \"test\""])
        #expect(grown.status == 0, "\(grown.stderr)")
        #expect(try timeline(["--log", log, "verify", "--contains", cited]).status == 0)
        #expect(try timeline(["--log", log, "verify", "--contains", "\(head.count):\(head.hash.hex)"]).status == 0)

        // A copy rewritten in the middle: its first 46 records (two committed batches) kept byte
        // for byte, record 47 given another source, and every record from there re-chained by
        // the rule. A valid log, but not the cited history.
        let kept = 46
        let lines = readBytes(frozenLog).split(separator: 0x0A, omittingEmptySubsequences: false)
        var bytes = Array(lines[0...kept].joined(separator: [0x0A])) + [0x0A]
        let records = try FileEventLog(path: frozenLog).read().records
        var previous = try #require(try FileEventLog(path: frozenLog).chainHash(at: kept))
        for (index, record) in records[kept...].enumerated() {
            var event = record.event
            if index == 0 {
                event = NewEvent(
                    id: event.explicitID, date: event.date, payload: event.payload, source: Source(citation: "a rewritten source")!,
                    note: event.note)
            }
            let rewrittenRecord = RecordedEvent(seq: record.seq, recordedAt: record.recordedAt, event: event)
            let line = RecordEncoder.line(for: rewrittenRecord, commit: record.seq.value == records.count, previousHash: previous)
            bytes += line.bytes + [0x0A]
            previous = line.hash
        }
        let rewritten = scratch.file("rewritten.jsonl")
        writeBytes(bytes, to: rewritten)
        #expect(try timeline(["--log", rewritten, "verify"]).status == 0, "the rewritten copy is a valid log")
        let fails = try timeline(["--log", rewritten, "verify", "--contains", cited])
        #expect(fails.status == 65)
        #expect(fails.stdout.contains("does not hold #\(head.count)"), "\(fails.stdout)")
        // The untouched prefix is still the cited history, up to its last kept record.
        let keptHash = try #require(try FileEventLog(path: frozenLog).chainHash(at: kept))
        #expect(try timeline(["--log", rewritten, "verify", "--contains", "\(kept):\(keptHash.hex)"]).status == 0)
        #expect(
            try timeline([
                "--log", rewritten, "verify", "--contains",
                "\(kept + 1):\(try #require(try FileEventLog(path: frozenLog).chainHash(at: kept + 1)).hex)",
            ]).status == 65)
    }

    @Test("a citation past the end, or badly written, is refused with what was expected")
    func refusals() throws {
        let past = try timelineInRoot(["--log", frozenLog, "verify", "--contains", "5000:0123456789ab"])
        #expect(past.status == 65)
        #expect(past.stdout.contains("fewer than 5000 committed records"))
        let bad = try timelineInRoot(["--log", frozenLog, "verify", "--contains", "97:xyz"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--contains takes SEQ:HASH"))
    }

    @Test("--cite follows an answer with the head and a pinned statement that still gives it after the log grows")
    func citeReproduces() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let log = scratch.file("copy.jsonl")
        writeBytes(readBytes(frozenLog), to: log)
        let answer = try timeline(["--log", log, "--cite", "-c", "members SCO at 2024-07-04 | count"])
        #expect(answer.status == 0, "\(answer.stderr)")
        let lines = answer.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "10")
        let cite = try #require(lines.first { $0.hasPrefix("cite: log head #97 ") })
        #expect(cite.contains("timeline verify --contains 97:"))
        let statement = try #require(cite.components(separatedBy: "timeline -c '").last?.dropLast())
        #expect(statement == "members SCO at 2024-07-04 known at seq 97 | count")

        // The log grows by a member on that very day: the plain question now answers 11, the
        // cited one still 10.
        let grown = try timeline(["--log", log, "-c", "append accession SCO TKM on 2024-07-04 source \"test\""])
        #expect(grown.status == 0, "\(grown.stderr)")
        #expect(try timeline(["--log", log, "-c", "members SCO at 2024-07-04 | count"]).stdout == "11\n")
        #expect(try timeline(["--log", log, "-c", String(statement)]).stdout == "10\n")
    }
}
