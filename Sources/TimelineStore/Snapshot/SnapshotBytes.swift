#if canImport(Glibc)
    import Glibc
#endif

/// A snapshot file's bytes, read into memory of their own, whose pages are given back to the
/// system as the organizations they hold are decoded.
///
/// Organizations are decoded when first asked for, so the bytes live as long as the projections
/// they decode to; what each organization took is given back once it is decoded. The memory is an
/// anonymous mapping, not the file mapped: a file truncated by someone else while mapped would
/// crash the reader.
final class SnapshotBytes: @unchecked Sendable {  // read-only after init; `release` only drops pages no one reads again
    /// The bytes read.
    let bytes: UnsafeRawBufferPointer
    private let mapping: UnsafeMutableRawPointer
    private let mappedLength: Int

    /// The whole of `file` (or `limit` bytes of it, if given).
    init(reading file: borrowing PosixFile, limit: Int? = nil) throws(StoreError) {
        let size = min(try file.size(), limit ?? .max)
        mappedLength = max(size, 1)
        // Populated at once: the read would otherwise fault each page in, one at a time.
        guard let mapping = mmap(nil, mappedLength, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0),
            mapping != MAP_FAILED
        else {
            throw PosixFile.failure("allocate memory for", file.path)
        }
        self.mapping = mapping
        do {
            let count = try file.read(into: UnsafeMutableRawBufferPointer(start: mapping, count: size), at: 0)
            bytes = UnsafeRawBufferPointer(start: mapping, count: count)
        } catch {
            munmap(mapping, mappedLength)
            throw error
        }
    }

    deinit { munmap(mapping, mappedLength) }

    /// Gives back the whole pages within `range` of the bytes, which must never be read again
    /// (the pages it shares with its neighbours stay).
    func release(_ range: Range<Int>) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (range.lowerBound + page - 1) / page * page
        let end = range.upperBound / page * page
        guard end > start else { return }
        madvise(mapping + start, end - start, MADV_DONTNEED)
    }
}
