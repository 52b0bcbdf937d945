#if canImport(Glibc)
    import Glibc
#endif

/// A snapshot file's bytes, read into memory of their own that is given back to the system
/// page by page once decoded.
///
/// The projections a snapshot decodes to are built as its bytes are read, so holding every
/// byte to the end would add the file's size to the peak memory of a start from the snapshot
/// (a tenth of it for a million events). The memory is an anonymous mapping, not the file
/// mapped: a file truncated by someone else while mapped would crash the reader.
final class SnapshotBytes {
    /// The bytes read.
    let bytes: UnsafeRawBufferPointer
    private let mapping: UnsafeMutableRawPointer
    private let mappedLength: Int
    /// Pages before this offset have been given back.
    private var released = 0

    /// The whole of `file` (or `limit` bytes of it, if given).
    init(reading file: borrowing PosixFile, limit: Int? = nil) throws(StoreError) {
        let size = min(try file.size(), limit ?? .max)
        mappedLength = max(size, 1)
        guard let mapping = mmap(nil, mappedLength, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), mapping != MAP_FAILED
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

    /// Gives back the whole pages before `offset`, which must never be read again.
    func release(before offset: Int) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let end = offset / page * page
        guard end > released else { return }
        madvise(mapping + released, end - released, MADV_DONTNEED)
        released = end
    }
}
