import Testing
import TimelineTestSupport

@testable import TimelineStore

#if canImport(Glibc)
    import Glibc
#endif

/// A snapshot's bytes are given back to the system as they are decoded, and what is not given
/// back stays intact.
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

    @Test("the pages before a released offset leave memory; the bytes after it are unchanged")
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
        source.release(before: 600_000)
        let pages = Self.resident(source.bytes)
        #expect(pages[..<(600_000 / page)].allSatisfy { !$0 }, "released pages left memory")
        #expect(pages[(600_000 / page)...].allSatisfy { $0 }, "the page holding offset 600,000 and those after stay")
        #expect(Array(source.bytes[(600_000 / page * page)...]) == Array(content[(600_000 / page * page)...]))
        source.release(before: 100)  // before what was released already: nothing happens
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
