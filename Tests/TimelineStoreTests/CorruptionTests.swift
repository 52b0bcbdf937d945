import Foundation
import Testing
import TimelineCore
import TimelineStore
import TimelineTestSupport

/// Seeded damage to the bundled log: flipped bytes, truncations, duplicated and swapped lines.
/// Every one is detected and named by line; a damaged log is never read from or written to.
///
/// `swift test` runs the counts below; `scripts/reliability` runs more with
/// `TIMELINE_CORRUPTION_FLIPS=1000 TIMELINE_CORRUPTION_TRUNCATIONS=100`.
@Suite("Corruption")
struct CorruptionTests {
    static let bundled = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Events/diplomacy.jsonl").path
    static var flips: Int { Int(ProcessInfo.processInfo.environment["TIMELINE_CORRUPTION_FLIPS"] ?? "") ?? 300 }
    static var truncations: Int { Int(ProcessInfo.processInfo.environment["TIMELINE_CORRUPTION_TRUNCATIONS"] ?? "") ?? 100 }

    /// A copy of the bundled log with its head marker, as a writer would have left it.
    func copy(in scratch: ScratchDirectory) throws -> (path: String, bytes: [UInt8], lines: [[UInt8]]) {
        let path = scratch.file("log.jsonl")
        let bytes = readBytes(Self.bundled)
        writeBytes(bytes, to: path)
        let head = try FileEventLog(path: path).read().head
        writeBytes(Array("timeline-head 1 \(head.count) \(head.hash.hex)\n".utf8), to: path + ".head")
        return (path, bytes, bytes.split(separator: 0x0A).map(Array.init))
    }

    @Test("seeded single-byte flips are each reported on their line")
    func flips() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let (path, original, _) = try copy(in: scratch)
        let starts = lineStarts(original)
        var generator = SplitMix64(seed: 1)
        for _ in 0..<Self.flips {
            var bytes = original
            let offset = Int.random(in: 0..<bytes.count, using: &generator)
            bytes[offset] ^= UInt8.random(in: 1...255, using: &generator)
            writeBytes(bytes, to: path)
            let line = starts.lastIndex { $0 <= offset }! + 1
            let report = try LogVerifier.verify(path: path)
            #expect(report.damage?.line == line, "flip at \(offset)")
            #expect(throws: StoreError.self) { try FileEventLog(path: path).read() }
        }
        print("corruption: \(Self.flips) seeded flips, each reported on its line")
        // And appends are refused with a way to recover.
        do {
            _ = try FileEventLog(path: path).append(
                [
                    NewEvent(
                        date: .day(2030, 1, 1), payload: .milestone(org: OrganizationID("SCO")!, country: nil, text: "x"),
                        source: Source(citation: "t")!)
                ], recordedAt: SystemClock.now)
            Issue.record("appended into a damaged log")
        } catch {
            #expect(error.message.contains("restore it from a copy and run `timeline verify`"))
        }
    }

    @Test("seeded truncations are each reported: an unfinished batch, or records lost since the last commit")
    func truncations() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let (path, original, _) = try copy(in: scratch)
        let committedHead = try FileEventLog(path: Self.bundled).read().head.count
        var generator = SplitMix64(seed: 2)
        for _ in 0..<Self.truncations {
            let length = Int.random(in: 0..<original.count, using: &generator)
            writeBytes(Array(original[0..<length]), to: path)
            let report = try LogVerifier.verify(path: path)
            #expect(!report.isIntact, "truncation at \(length) not detected")
            #expect(report.warnings.first?.contains("but was last committed at #\(committedHead)") == true)
            // The answers come from a consistent earlier state: whole committed batches only, and
            // everything after them is reported as an unfinished tail.
            let contents = try FileEventLog(path: path).read()
            let wholeRecords = max(0, lineStarts(original).filter { $0 < length }.count - 2)  // lines ended before the cut, less the header
            #expect(contents.records.count <= wholeRecords)
            let committedLength = contents.tornTail?.offset ?? length
            #expect(committedLength + (contents.tornTail?.length ?? 0) == length)
        }
        print("corruption: \(Self.truncations) seeded truncations, each reported")
    }

    @Test("seeded duplicated and swapped lines break the chain at the right line")
    func surgery() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let (path, _, lines) = try copy(in: scratch)
        var generator = SplitMix64(seed: 3)
        for _ in 0..<50 {
            var duplicated = lines
            let index = Int.random(in: 1..<lines.count, using: &generator)
            duplicated.insert(lines[index], at: index + 1)
            writeBytes(Array(duplicated.joined(separator: [0x0A])) + [0x0A], to: path)
            #expect(try LogVerifier.verify(path: path).damage?.line == index + 2, "duplicate of line \(index + 1)")

            var swapped = lines
            let first = Int.random(in: 1..<lines.count - 1, using: &generator)
            let second = Int.random(in: first + 1..<lines.count, using: &generator)
            swapped.swapAt(first, second)
            writeBytes(Array(swapped.joined(separator: [0x0A])) + [0x0A], to: path)
            #expect(try LogVerifier.verify(path: path).damage?.line == first + 1, "swap of lines \(first + 1) and \(second + 1)")
        }
    }
}
