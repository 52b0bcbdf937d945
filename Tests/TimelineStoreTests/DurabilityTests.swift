import Foundation
import Testing
import TimelineCore
import TimelineStore
import TimelineTestSupport

@Suite("File log durability and integrity")
struct DurabilityTests {
    static let sco = ConformanceTests.sco

    /// A log of the fixture in three batches; returns its path and the offset where the last
    /// batch starts.
    func threeBatchLog(_ scratch: ScratchDirectory) throws -> (path: String, lastBatchStart: Int, headBefore: LogHead) {
        let path = scratch.file("log.jsonl")
        let log = FileEventLog(path: path)
        _ = try log.append(Array(Self.sco[0..<6]), recordedAt: at(0))
        let middle = try log.append(Array(Self.sco[6..<12]), recordedAt: at(1))
        let start = readBytes(path).count
        let markerBefore = readBytes(path + ".head")
        _ = try log.append(Array(Self.sco[12...]), recordedAt: at(2))
        // The head marker as a crash during the third append would have left it.
        writeBytes(markerBefore, to: scratch.file("log.jsonl.head-before-third"))
        return (path, start, middle.head)
    }

    @Test("a log cut at every byte inside its last batch opens to exactly the batch before")
    func cutAtEveryByte() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let (path, start, headBefore) = try threeBatchLog(scratch)
        let full = readBytes(path)
        let cutPath = scratch.file("cut.jsonl")
        for length in start..<full.count {
            writeBytes(Array(full[0..<length]), to: cutPath)
            let contents = try FileEventLog(path: cutPath).read()
            #expect(contents.head == headBefore, "cut at \(length)")
            #expect(contents.records.count == 12)
            if length > start {
                #expect(contents.tornTail?.offset == start)
                #expect(contents.tornTail?.length == length - start)
            } else {
                #expect(contents.tornTail == nil)
            }
            // verify agrees: intact, with a note about the tail.
            let report = try LogVerifier.verify(path: cutPath)
            #expect(report.isIntact, "cut at \(length): \(String(describing: report.damage))")
        }
    }

    @Test("a torn tail is set aside by the next writer; readers leave it alone")
    func tornTailSetAside() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let (path, start, headBefore) = try threeBatchLog(scratch)
        let full = readBytes(path)
        let torn = Array(full[0..<(start + 150)])
        writeBytes(torn, to: path)
        // A crash during the append: the marker still names the batch before.
        writeBytes(readBytes(scratch.file("log.jsonl.head-before-third")), to: path + ".head")
        _ = try FileEventLog(path: path).read()
        #expect(readBytes(path) == torn, "a reader changed the file")
        // The next writer sets the tail aside and appends after the committed batches.
        let receipt = try FileEventLog(path: path).append(Array(Self.sco[12...]), recordedAt: at(3))
        let side = try #require(receipt.setAside)
        #expect(readBytes(side) == Array(full[start..<(start + 150)]))
        #expect(receipt.appended.first?.seq.value == 13)
        let contents = try FileEventLog(path: path).read()
        #expect(contents.tornTail == nil)
        #expect(contents.records.count == Self.sco.count)
        #expect(contents.head != headBefore)
        #expect(try LogVerifier.verify(path: path).isIntact)
    }

    @Test("a flipped byte anywhere is reported by verify with its line")
    func flippedBytes() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let (path, _, _) = try threeBatchLog(scratch)
        let original = readBytes(path)
        let starts = lineStarts(original)
        let flipped = scratch.file("flipped.jsonl")
        var generator = SplitMix64(seed: 42)
        for offset in 0..<original.count {
            var bytes = original
            let mask = UInt8.random(in: 1...255, using: &generator)
            bytes[offset] ^= mask
            writeBytes(bytes, to: flipped)
            let line = starts.lastIndex { $0 <= offset }! + 1
            let report = try LogVerifier.verify(path: flipped)
            guard let damage = report.damage else {
                Issue.record("flip at byte \(offset) (line \(line)) not detected")
                continue
            }
            // A flipped newline joins two lines: the damage is on the first of them.
            #expect(damage.line == line, "flip at byte \(offset): reported line \(damage.line), expected \(line)")
            #expect(throws: StoreError.self) { try FileEventLog(path: flipped).read() }
        }
    }

    @Test("a damaged log is never written to")
    func noWritesIntoDamage() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let (path, _, _) = try threeBatchLog(scratch)
        var bytes = readBytes(path)
        bytes[lineStarts(bytes)[3] + 10] ^= 0x20
        writeBytes(bytes, to: path)
        do {
            _ = try FileEventLog(path: path).append([Self.sco[0]], recordedAt: at(9))
            Issue.record("appended into a damaged log")
        } catch {
            #expect(error.code == .corrupt)
            #expect(error.line == 4)
            #expect(error.message.contains("restore it from a copy"))
        }
        #expect(readBytes(path) == bytes)
    }

    @Test("removed, duplicated and swapped lines break the chain at the right line")
    func lineSurgery() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let (path, _, _) = try threeBatchLog(scratch)
        let lines = readBytes(path).split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map(Array.init)
        func check(_ edited: [[UInt8]], line: Int, _ what: String) throws {
            let target = scratch.file("edited.jsonl")
            writeBytes(Array(edited.joined(separator: [0x0A])) + [0x0A], to: target)
            let report = try LogVerifier.verify(path: target)
            #expect(report.damage?.line == line, "\(what): \(String(describing: report.damage))")
        }
        var removed = lines
        removed.remove(at: 4)
        try check(removed, line: 5, "removed line 5")
        var duplicated = lines
        duplicated.insert(lines[4], at: 5)
        try check(duplicated, line: 6, "duplicated line 5")
        var swapped = lines
        swapped.swapAt(3, 4)
        try check(swapped, line: 4, "swapped lines 4 and 5")
    }

    @Test("a log from a newer format is refused with what this build reads")
    func newerFormat() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("future.jsonl")
        writeBytes(Array(#"{"format":"timeline-log","version":2}"#.utf8) + [0x0A], to: path)
        do {
            _ = try FileEventLog(path: path).read()
            Issue.record("read a version 2 log")
        } catch {
            #expect(error.code == .unsupportedFormat)
            #expect(error.message == "this log has format version 2; this timeline reads version 1")
        }
        writeBytes(Array("hello\n".utf8), to: path)
        #expect(throws: StoreError.self) { try FileEventLog(path: path).read() }
    }

    @Test("a missing log reads as not found; the first append creates it and its directories")
    func missingAndCreated() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("a/b/new.jsonl")
        do {
            _ = try FileEventLog(path: path).read()
            Issue.record("read a missing log")
        } catch {
            #expect(error.code == .notFound)
        }
        _ = try FileEventLog(path: path).append([Self.sco[0]], recordedAt: at(0))
        let text = String(decoding: readBytes(path), as: UTF8.self)
        #expect(text.hasPrefix(LogFormat.header + "\n{\"seq\":1,\"at\":\"2026-01-01T00:00:00Z\",\"id\":\""))
        #expect(text.hasSuffix("\"}\n"))
        #expect(text.contains("\"commit\":true"))
    }
}
