import Foundation
import Testing
import TimelineCore
import TimelineStore
import TimelineTestSupport

/// What a power failure can do beyond a torn last batch: lose several acknowledged batches, or
/// the directory entry of a newly created log. The log opens to a consistent earlier state and
/// says what happened; nothing is appended on top of the loss.
@Suite("Power loss")
struct PowerLossTests {
    static let sco = ConformanceTests.sco

    /// A log of five batches; returns the byte offset where each batch starts.
    func fiveBatches(_ path: String) throws -> [Int] {
        var starts: [Int] = []
        for (index, batch) in stride(from: 0, to: Self.sco.count, by: 4).enumerated() {
            starts.append(readBytes(path).count)
            _ = try FileEventLog(path: path).append(Array(Self.sco[batch..<min(batch + 4, Self.sco.count)]), recordedAt: at(Int64(index)))
        }
        return starts
    }

    @Test("a lost suffix of several batches opens to the last batch left, with a warning", arguments: [1, 2, 3])
    func lostSuffix(batchesLeft: Int) throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("log.jsonl")
        let starts = try fiveBatches(path)
        let full = readBytes(path)
        writeBytes(Array(full[0..<starts[batchesLeft]]), to: path)
        let contents = try FileEventLog(path: path).read()
        #expect(contents.records.count == batchesLeft * 4)
        #expect(contents.tornTail == nil)
        let warning = try #require(contents.warnings.first)
        #expect(warning.contains("the log ends at record #\(batchesLeft * 4) but was last committed at #\(Self.sco.count)"))
        #expect(warning.contains("restore the log from a copy"))
        let report = try LogVerifier.verify(path: path)
        #expect(!report.isIntact)
        #expect(report.warnings == contents.warnings)
        do {
            _ = try FileEventLog(path: path).append([Self.sco[0]], recordedAt: at(9))
            Issue.record("appended on top of lost records")
        } catch {
            #expect(error.message.hasPrefix("refusing to append: the log ends at record"))
        }
        // Cut inside a batch as well: both the torn tail and the loss are reported.
        writeBytes(Array(full[0..<(starts[batchesLeft] + 40)]), to: path)
        let torn = try FileEventLog(path: path).read()
        #expect(torn.tornTail?.offset == starts[batchesLeft])
        #expect(torn.warnings.count == 1)
    }

    @Test("a lost directory entry of a new log is reported, and no new log is started in its place")
    func lostDirectoryEntry() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("log.jsonl")
        _ = try fiveBatches(path)
        try FileManager.default.removeItem(atPath: path)
        do {
            _ = try FileEventLog(path: path).read()
            Issue.record("read a missing log")
        } catch {
            #expect(error.code == .corrupt)
            #expect(error.message.contains("the log is missing, but it held \(Self.sco.count) records when last committed"))
        }
        #expect(throws: StoreError.self) { try FileEventLog(path: path).append([Self.sco[0]], recordedAt: at(9)) }
        #expect(!FileManager.default.fileExists(atPath: path))
        let report = try LogVerifier.verify(path: path)
        #expect(!report.isIntact)
        // Deleting the marker accepts the loss: a new log can start.
        try FileManager.default.removeItem(atPath: path + ".head")
        #expect(try FileEventLog(path: path).append([Self.sco[0]], recordedAt: at(9)).appended.count == 1)
    }

    @Test("a log replaced by a different one is noticed")
    func replaced() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("log.jsonl")
        _ = try fiveBatches(path)
        let other = scratch.file("other.jsonl")
        // The same events, recorded as one batch at another time: as many records, other hashes.
        _ = try FileEventLog(path: other).append(Self.sco, recordedAt: at(50))
        writeBytes(readBytes(other), to: path)
        let contents = try FileEventLog(path: path).read()
        #expect(contents.records.count == Self.sco.count)
        #expect(contents.warnings.first?.hasPrefix("record #\(Self.sco.count) is not the one last committed there") == true)
    }
}
