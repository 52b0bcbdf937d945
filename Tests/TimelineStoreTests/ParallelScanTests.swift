import Testing
import TimelineCore
import TimelineStore
import TimelineTestSupport

/// A large log is decoded in runs on several threads, and read a stretch at a time; whatever
/// the damage and wherever it falls (inside a run or a stretch, on the seam between two), the
/// outcome is that of reading line by line.
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
            // Fixed inputs (committed fixtures, literal dates): a failure is a broken checkout, and stopping here says so.
            // swift-format-ignore: NeverUseForceTry
            _ = try! FileEventLog(path: path).append(Array(events[start..<min(start + 700, events.count)]), recordedAt: at(Int64(index)))
        }
        return readBytes(path)
    }()

    /// Scans `bytes` in parallel runs and in stretches (of 10,000 bytes, and of 300, shorter
    /// than a line, which makes the reader ask for longer ones), and compares each outcome with
    /// reading line by line.
    static func expectSameScan(_ bytes: [UInt8], _ label: String) {
        let checkpoint = 1_000
        let reference = LogScanner.scan(bytes, checkpoint: checkpoint, parallelism: 1)
        var scans: [(String, LogScanner.Scan)] = [2, 7].map { (count: Int) in
            ("\(count) runs", LogScanner.scan(bytes, checkpoint: checkpoint, parallelism: count))
        }
        for stretch in [10_000, 300] {
            var reads = 0
            let scan = LogScanner.scan(size: bytes.count, stretch: stretch, checkpoint: checkpoint, parallelism: 2) { count, offset in
                reads += 1
                return Array(bytes[offset..<min(offset + count, bytes.count)])
            }
            #expect(reads > 1 || bytes.count <= stretch || reference.damage != nil, "\(label): read in stretches")
            scans.append(("stretches of \(stretch) bytes", scan))
        }
        for (way, scan) in scans {
            #expect(scan.records == reference.records, "\(label), \(way): records")
            #expect(scan.headHash == reference.headHash, "\(label), \(way): head")
            #expect(scan.committedLength == reference.committedLength, "\(label), \(way): length")
            #expect(scan.nextLine == reference.nextLine, "\(label), \(way): next line")
            #expect(scan.checkpointHash == reference.checkpointHash, "\(label), \(way): checkpoint")
            #expect(scan.tornTail == reference.tornTail, "\(label), \(way): torn tail")
            #expect(scan.damage?.line == reference.damage?.line, "\(label), \(way): corruption line")
            #expect(scan.damage?.message == reference.damage?.message, "\(label), \(way): corruption")
        }
    }

    @Test("an intact log: the same records, head and length")
    func intact() {
        let reference = LogScanner.scan(Self.log, checkpoint: 1_000, parallelism: 1)
        #expect(reference.records.count == 2_000)
        #expect(reference.damage == nil)
        #expect(reference.checkpointHash != nil)
        Self.expectSameScan(Self.log, "intact")
    }

    @Test(
        "a log whose later lines are much shorter than its first: the room estimated from the first stretch runs out, and the scan starts again with more"
    )
    func roomRunsOut() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("log.jsonl")
        let events = SyntheticHistory(events: 600, seed: 5).events().sorted { $0.date!.earliest < $1.date!.earliest }
        // The first 20 events carry long notes, so the first stretch holds few lines.
        let long = events[..<20].map { event in
            var event = event
            event.note = String(repeating: "a long note to make the first lines long; ", count: 60)
            return event
        }
        _ = try FileEventLog(path: path).append(Array(long) + events[20...], recordedAt: at(1))
        let bytes = readBytes(path)
        let reference = LogScanner.scan(bytes, parallelism: 1)
        #expect(reference.records.count == 600 && reference.damage == nil)
        var reads = 0
        let stretch = 50_000
        let scan = LogScanner.scan(size: bytes.count, stretch: stretch, parallelism: 2) { count, offset in
            reads += 1
            return Array(bytes[offset..<min(offset + count, bytes.count)])
        }
        #expect(reads > (bytes.count + stretch - 1) / stretch, "some stretches were read twice")
        #expect(scan.records == reference.records)
        #expect(scan.headHash == reference.headHash && scan.committedLength == bytes.count)
    }

    @Test("damage anywhere, seams included, is reported on the same line with the same message")
    func damage() {
        let starts = lineStarts(Self.log).filter { $0 < Self.log.count }
        // Lines on the seams of 2, 3 and 7 runs, and a few inside.
        let records = starts.count - 1
        let chosen = Set([
            1, 2, records / 2, records / 2 + 1, records / 3, 2 * records / 3 + 1, records / 7 + 1, records - 1, records, 1_234,
        ])
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
