import Testing
import TimelineCore
import TimelineStore
import TimelineTestSupport

/// A large log is decoded in runs on several threads; whatever the damage and wherever it
/// falls (inside a run, on the seam between two), the outcome is that of reading line by line.
@Suite("Parallel log scan")
struct ParallelScanTests {
    static let log: [UInt8] = {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("log.jsonl")
        // In date order every prefix of a valid history is valid, so it can be cut into batches:
        // commit marks then fall inside runs and on their seams.
        let events = SyntheticHistory(events: 2_000, seed: 21).events().sorted { $0.date!.earliest < $1.date!.earliest }
        for (index, start) in stride(from: 0, to: events.count, by: 700).enumerated() {
            _ = try! FileEventLog(path: path).append(Array(events[start..<min(start + 700, events.count)]), recordedAt: at(Int64(index)))
        }
        return readBytes(path)
    }()

    static func expectSameScan(_ bytes: [UInt8], _ label: String) {
        let reference = LogScanner.scan(bytes, parallelism: 1)
        for parallelism in [2, 7] {
            let scan = LogScanner.scan(bytes, parallelism: parallelism)
            #expect(scan.records == reference.records, "\(label), \(parallelism) runs: records")
            #expect(scan.headHash == reference.headHash, "\(label), \(parallelism) runs: head")
            #expect(scan.committedLength == reference.committedLength, "\(label), \(parallelism) runs: length")
            #expect(scan.tornTail == reference.tornTail, "\(label), \(parallelism) runs: torn tail")
            #expect(scan.corruption?.line == reference.corruption?.line, "\(label), \(parallelism) runs: corruption line")
            #expect(scan.corruption?.message == reference.corruption?.message, "\(label), \(parallelism) runs: corruption")
        }
    }

    @Test("an intact log: the same records, head and length")
    func intact() {
        let reference = LogScanner.scan(Self.log, parallelism: 1)
        #expect(reference.records.count == 2_000)
        #expect(reference.corruption == nil)
        Self.expectSameScan(Self.log, "intact")
    }

    @Test("damage anywhere, seams included, is reported on the same line with the same message")
    func damage() {
        let starts = lineStarts(Self.log).filter { $0 < Self.log.count }
        // Lines on the seams of 2, 3 and 7 runs, and a few inside.
        let records = starts.count - 1
        let chosen = Set([1, 2, records / 2, records / 2 + 1, records / 3, 2 * records / 3 + 1, records / 7 + 1, records - 1, records, 1_234])
        for line in chosen.sorted() where line < starts.count {
            let start = starts[line]
            let end = line + 1 < starts.count ? starts[line + 1] : Self.log.count
            var flipped = Self.log
            flipped[start + (end - start) / 2] ^= 0x01
            Self.expectSameScan(flipped, "flip on line \(line + 1)")
            Self.expectSameScan(Array(Self.log[..<start] + Self.log[end...]), "line \(line + 1) removed")
            Self.expectSameScan(Array(Self.log[..<end] + Self.log[start..<end] + Self.log[end...]), "line \(line + 1) duplicated")
            Self.expectSameScan(Array(Self.log[..<(start + (end - start) / 2)]), "cut inside line \(line + 1)")
            Self.expectSameScan(Array(Self.log[..<(end - 1)]), "line \(line + 1) without its newline")
        }
    }
}
