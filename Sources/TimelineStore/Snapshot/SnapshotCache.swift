import CXXHash
import TimelineCore

#if canImport(Glibc)
    import Glibc
#endif

/// A derived cache beside a log (`<log>.snapshot`): the log's projections, keyed by its head,
/// so that a large log answers membership queries without reading its records.
///
/// It is never trusted over the log: it is used only while the log ends exactly at the head it
/// was made from (same length, same last hash, same head marker), and a snapshot that is stale,
/// damaged or from another version is ignored and rebuilt. Deleting it loses nothing.
///
/// For example:
/// ```swift
/// let cache = SnapshotCache(log: "big.jsonl")
/// if let (projections, head) = cache.load(registry: .standard) { … }  // else fold the log
/// cache.save(timeline.projections, head: contents.head)
/// ```
public struct SnapshotCache: Sendable {
    /// The log the snapshot belongs to.
    public let log: String

    /// The snapshot file.
    public var path: String { log + ".snapshot" }

    /// Logs with fewer records fold faster than a snapshot is written and read: none is kept.
    public var minimumRecords = 10_000

    /// Bumped whenever the stored form or the fold that makes it changes.
    static let version = 8
    private static let magic = Array("timeline-snapshot\n".utf8)

    /// The snapshot cache of the log at path `log`, kept from `minimumRecords` (10,000) records on.
    public init(log: String) { self.log = log }

    /// A cache that keeps snapshots of logs from `minimumRecords` records on.
    public init(log: String, minimumRecords: Int) {
        self.log = log
        self.minimumRecords = minimumRecords
    }

    /// The projections and head of a snapshot that matches the log as it stands, or `nil`.
    public func load(registry: CountryRegistry) -> (projections: Projections, head: LogHead)? {
        guard let file = try? PosixFile.open(path, writable: false), let source = try? SnapshotBytes(reading: file),
            source.bytes.count > Self.magic.count, source.bytes.prefix(Self.magic.count).elementsEqual(Self.magic)
        else { return nil }
        do {
            var header = try ByteReader(source, from: Self.magic.count)
            guard try header.integer() == Self.version else { return nil }
            let count = try header.integer()
            guard let hash = ChainHash(try header.string()) else { return nil }
            let head = LogHead(count: count, hash: hash)
            let logLength = try header.integer()
            let digest = try header.string()
            let payload = header.offset
            guard Self.checksum(UnsafeRawBufferPointer(rebasing: source.bytes[payload...])) == digest,
                Self.log(log, endsAt: head, length: logLength)
            else { return nil }
            var reader = try ByteReader(source, from: payload)
            let projections = try ProjectionsCodec.decode(&reader, registry: registry)
            guard reader.isAtEnd else { return nil }
            return (projections, head)
        } catch {
            return nil
        }
    }

    /// Writes a snapshot of `projections`, made from the log at `head`, if the log still ends
    /// there. Best effort: a snapshot that cannot be written is simply not there next time.
    public func save(_ projections: Projections, head: LogHead) {
        guard head.count >= minimumRecords,
            let length = try? PosixFile.open(log, writable: false)?.size(),
            Self.log(log, endsAt: head, length: length)
        else { return }
        var body = ByteWriter()
        ProjectionsCodec.encode(projections, into: &body)
        let payload = body.finished()
        var header = ByteWriter()
        header.integer(Self.version)
        header.integer(head.count)
        header.string(head.hash.hex)
        header.integer(length)
        header.string(payload.withUnsafeBytes { Self.checksum($0) })
        let temporary = path + ".tmp-\(getpid())"
        guard let file = try? PosixFile.open(temporary, writable: true, create: true) else { return }
        do {
            try file.truncate(to: 0)
            try file.write(Self.magic + header.finished() + payload, at: 0)
            if rename(temporary, path) != 0 { unlink(temporary) }
        } catch {
            unlink(temporary)
        }
    }

    /// Whether the snapshot on disk was made at `head` (its header only; `load` checks the rest).
    public func isCurrent(for head: LogHead) -> Bool {
        guard let file = try? PosixFile.open(path, writable: false), let source = try? SnapshotBytes(reading: file, limit: 512),
            source.bytes.count > Self.magic.count, source.bytes.prefix(Self.magic.count).elementsEqual(Self.magic),
            var header = try? ByteReader(source, from: Self.magic.count)
        else { return false }
        return (try? header.integer()) == Self.version && (try? header.integer()) == head.count && (try? header.string()) == head.hash.hex
    }

    /// The payload's checksum, as stored in the header: its 64-bit XXH3 hash in hexadecimal.
    ///
    /// The checksum catches damage to a cache, not tampering: anyone able to change the file can
    /// write its checksum too, and what a snapshot is trusted for is its key, the log's head,
    /// which the log's own hash chain proves. On a million events' snapshot (10 MB) XXH3 is under
    /// 5 % of a start from it (`perf record`); SHA-256 was 16 %.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> String {
        String(XXH3_64bits(bytes.baseAddress, bytes.count), radix: 16)
    }

    /// Removes the snapshot, if there is one.
    public func remove() { unlink(path) }

    /// Whether the log file is exactly `length` bytes long, its last line is the committed
    /// record with the head's hash, and its head marker (if any) agrees: then it holds exactly
    /// the records the head names, as hashes chain every record to the ones before it.
    static func log(_ log: String, endsAt head: LogHead, length: Int) -> Bool {
        if let marker = HeadMarker.read(for: log), !marker.names(head) { return false }
        guard let file = try? PosixFile.open(log, writable: false), (try? file.size()) == length else { return false }
        return head.endsRecord(in: file, at: length)
    }
}
