import Testing
import TimelineTestSupport

@testable import TimelineStore

#if canImport(Glibc)
    import Glibc
#endif

/// A snapshot's bytes are given back to the system as its organizations are decoded, and what is
/// not given back stays intact.
@Suite("Snapshot bytes")
struct SnapshotBytesTests {
    /// Which of the pages of `bytes` are in memory, per `mincore`.
    static func resident(_ bytes: UnsafeRawBufferPointer) -> [Bool] {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        var vector = [UInt8](repeating: 0, count: (bytes.count + page - 1) / page)
        let status = mincore(UnsafeMutableRawPointer(mutating: bytes.baseAddress!), bytes.count, &vector)
        #expect(status == 0)
        return vector.map { $0 & 1 == 1 }
    }

    @Test("the whole pages within a released range leave memory; the bytes around them are unchanged")
    func release() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("snapshot")
        let content = (0..<1_000_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
        #expect(writeBytes(content, to: path))
        guard let file = try PosixFile.open(path, writable: false) else {
            Issue.record("the file was not written")
            return
        }
        let source = try SnapshotBytes(reading: file)
        #expect(Array(source.bytes) == content)
        #expect(Self.resident(source.bytes).allSatisfy { $0 }, "read: every page in memory")

        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        source.release(100_000..<600_000)
        let pages = Self.resident(source.bytes)
        let first = (100_000 + page - 1) / page  // the first page wholly inside the range
        let end = 600_000 / page  // the page holding offset 600,000 is shared with what follows
        #expect(pages[first..<end].allSatisfy { !$0 }, "released pages left memory")
        #expect(pages[..<first].allSatisfy { $0 } && pages[end...].allSatisfy { $0 }, "the pages around the range stay")
        #expect(Array(source.bytes[..<(first * page)]) == Array(content[..<(first * page)]))
        #expect(Array(source.bytes[(end * page)...]) == Array(content[(end * page)...]))
        source.release(200_000..<200_100)  // within one page: nothing happens
        #expect(Self.resident(source.bytes) == pages)
    }

    @Test("a limit reads only the start of the file")
    func limit() throws {
        let scratch = ScratchDirectory()
        defer { scratch.cleanUp() }
        let path = scratch.file("snapshot")
        #expect(writeBytes(Array(repeating: 7, count: 5_000), to: path))
        guard let file = try PosixFile.open(path, writable: false) else {
            Issue.record("the file was not written")
            return
        }
        #expect(try SnapshotBytes(reading: file, limit: 512).bytes.count == 512)
        #expect(try SnapshotBytes(reading: file).bytes.count == 5_000)
    }
}
