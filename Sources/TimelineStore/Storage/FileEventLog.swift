import TimelineCore

#if canImport(Glibc)
    import Glibc
#endif

/// A log stored in one JSON Lines file: durable, atomic batches, hash-chained, one writer at a
/// time under an advisory lock.
///
/// For example:
/// ```swift
/// let log = FileEventLog(path: "Events/diplomacy.jsonl")
/// let receipt = try log.append([event], recordedAt: SystemClock.now)
/// let contents = try log.read()
/// ```
public struct FileEventLog: SynchronousEventLogReader, SynchronousEventLogWriter {
    /// The log file.
    public let path: String
    /// The countries events are checked against.
    public let registry: CountryRegistry
    /// How long a writer waits for another writer's lock, in seconds.
    public var lockTimeout: Double = 30
    /// For crash testing only: write each batch in pieces of this many bytes, pausing between
    /// them, so that a killed writer leaves a torn tail as a power failure would. `nil` (the
    /// default) writes a batch with one call.
    public var crashTestChunks: (bytes: Int, pauseMicroseconds: UInt32)?

    /// Whether the log keeps a snapshot cache beside it (`<log>.snapshot`).
    public var usesSnapshots = true
    /// Hears how far a whole read of the file (or `verify`) has come: bytes read so far and the
    /// file's size, once per stretch read and once at the end. A progress bar listens here.
    public var readProgress: (@Sendable (_ done: Int, _ total: Int) -> Void)?
    /// Hears how far the writing of a batch has come: records encoded so far and the batch's size,
    /// now and then while a large batch is encoded, and once when it is durable.
    public var writeProgress: (@Sendable (_ done: Int, _ total: Int) -> Void)?
    /// What this process last read or wrote of the file (shared by copies of this value).
    let cache = LogCache()

    /// The log in the file at `path`, its events checked against `registry`. Nothing is opened
    /// here: reading a file that does not exist yet throws `.notFound`, and the first append
    /// creates it.
    ///
    /// For example:
    /// ```swift
    /// let log = FileEventLog(path: "Events/diplomacy.jsonl")
    /// let timeline = Timeline(records: try log.read().records)
    /// ```
    public init(path: String, registry: CountryRegistry = .standard) {
        self.path = path
        self.registry = registry
    }

    /// Reads the committed records without taking any lock or changing the file. Read again in
    /// the same process, only what was appended since is read.
    /// - Throws: `.notFound`, `.io`, `.corrupt` (with the line) or `.unsupportedFormat`.
    public func read() throws(StoreError) -> LogContents {
        let marker = HeadMarker.read(for: path)
        guard let file = try PosixFile.open(path, writable: false) else {
            throw missing(marker)
        }
        return try load(file, marker: marker).state.contents
    }

    /// The file's committed contents now: from this process's cache and the bytes appended
    /// since when it still holds, else from the whole file. Also returns the scan's torn tail.
    func load(_ file: borrowing PosixFile, marker: HeadMarker?) throws(StoreError) -> (state: LogCache.State, tornTail: TornTail?) {
        let size = try file.size()
        if let cached = cache.current, LogCache.stillHolds(cached, file: file, size: size, marker: marker) {
            if size == cached.committedLength { return (cached, nil) }
            let before = cached.contents.head
            // The marker's record must be among the new ones to be checked; else read it all.
            if marker == nil || marker!.count > before.count {
                let suffix = try file.read(count: size - cached.committedLength, at: cached.committedLength)
                let scan = LogScanner.scan(suffix: suffix, at: cached.committedLength, after: before, checkpoint: marker?.count)
                var planner = cached.planner
                planner?.extend(with: scan.records)
                planner?.consolidate()
                let records = planner?.records ?? cached.contents.records + scan.records
                let contents = try contents(of: scan, records: records, marker: marker)
                let state = LogCache.State(committedLength: scan.committedLength, contents: contents, planner: planner)
                cache.store(state)
                return (state, scan.tornTail)
            }
        }
        let progress = readProgress
        let scan = try LogScanner.scan(size: size, checkpoint: marker?.count) { count, offset throws(StoreError) in
            progress?(offset, size)
            return try file.read(count: count, at: offset)
        }
        progress?(size, size)
        let contents = try contents(of: scan, records: scan.records, marker: marker)
        let state = LogCache.State(committedLength: scan.committedLength, contents: contents, planner: nil)
        cache.store(state)
        return (state, scan.tornTail)
    }

    /// The error for a missing log, which says more when a marker shows there was one.
    func missing(_ marker: HeadMarker?) -> StoreError {
        guard let marker, marker.count > 0 else {
            return StoreError(code: .notFound, message: "no log here; the first append creates it", path: path)
        }
        return StoreError(
            code: .corrupt,
            message:
                "the log is missing, but it held \(marker.count) records when last committed (head #\(marker.count) \(marker.hash.prefix(12))): its directory entry may have been lost in a power failure. Restore it from a copy, or delete \(HeadMarker.path(for: path)) to start a new log here",
            path: path)
    }

    /// The contents a scan found (`records` are all the committed records, the scan's own and
    /// any read before), or the error for the damage it found.
    private func contents(of scan: LogScanner.Scan, records: [RecordedEvent], marker: HeadMarker?) throws(StoreError) -> LogContents {
        if let damage = scan.damage {
            if case .unsupportedVersion = damage.kind {
                throw StoreError(code: .unsupportedFormat, message: damage.message, path: path, line: damage.line)
            }
            if let fix = damage.fix(for: path) {
                throw StoreError(
                    code: .corrupt,
                    message:
                        "\(damage.message). Nothing will be read from or written to the log until it is fixed; no record is lost, and `\(fix)` fixes it",
                    path: path, line: damage.line)
            }
            throw StoreError(
                code: .corrupt,
                message:
                    "the log is damaged: \(damage.message). Nothing will be read from or written to it; restore it from a copy and run `timeline verify`",
                path: path, line: damage.line)
        }
        var warnings: [String] = []
        if let marker, let problem = marker.problem(records: records.count, hashAtMarker: scan.checkpointHash, log: path) {
            warnings.append(problem)
        }
        return LogContents(
            records: records, head: LogHead(count: records.count, hash: scan.headHash), tornTail: scan.tornTail, warnings: warnings)
    }

    /// Verifies the file end to end (`LogVerifier.verify(path:registry:)`), reading it afresh.
    /// - Throws: `.notFound` when there is no log (and no marker saying there was one), `.io`.
    /// - Complexity: O(n log n) in the number of records.
    public func verify(registry: CountryRegistry) throws(StoreError) -> VerificationReport {
        try LogVerifier.verify(path: path, registry: registry, progress: readProgress)
    }

    /// The chain hash of committed record `seq`, read afresh from the file with every hash and
    /// link up to it checked; the genesis for 0, `nil` past the last committed record.
    /// - Throws: `.notFound` without a log, `.corrupt` when a record before it is damaged, `.io`.
    /// - Complexity: O(n) in the file size.
    public func chainHash(at seq: Int) throws(StoreError) -> ChainHash? {
        guard seq > 0 else { return seq == 0 ? ChainRule.genesis : nil }
        guard let file = try PosixFile.open(path, writable: false) else {
            throw StoreError(code: .notFound, message: "no log here", path: path)
        }
        let scan = try LogScanner.scan(size: try file.size(), checkpoint: seq) { count, offset throws(StoreError) in
            try file.read(count: count, at: offset)
        }
        if let damage = scan.damage, damage.line <= seq + 1 {
            throw StoreError(code: .corrupt, message: "the log is damaged: \(damage.message)", path: path, line: damage.line)
        }
        return seq <= scan.records.count ? scan.checkpointHash : nil
    }

    /// The projections in the snapshot cache beside the log (`<log>.snapshot`) when it matches the
    /// log as it stands, with that head; `nil` when it is stale or missing, or snapshots are off.
    public func cachedProjections(registry: CountryRegistry) -> (projections: Projections, head: LogHead)? {
        usesSnapshots ? SnapshotCache(log: path).load(registry: registry) : nil
    }

    /// Whether the file still ends at `head`: its last line is the committed record with the head's
    /// hash and its head marker agrees, checked without reading the records (`false` when the file
    /// cannot be opened).
    public func stillEnds(at head: LogHead) -> Bool {
        guard let size = try? PosixFile.open(path, writable: false)?.size() else { return false }
        return SnapshotCache.log(path, endsAt: head, length: size)
    }

    /// Offers the projections folded from the log at `head` to the snapshot cache beside it,
    /// unless snapshots are off or the snapshot there is already at `head`.
    public func cacheProjections(_ projections: Projections, head: LogHead) {
        guard usesSnapshots else { return }
        let cache = SnapshotCache(log: path)
        if !cache.isCurrent(for: head) { cache.save(projections, head: head) }
    }

    /// Appends the events as one batch under the writer's lock (see
    /// `EventLogWriter.append(_:recordedAt:)`), setting aside any torn tail first.
    /// - Throws: `StoreError` (`.invariant`, `.idConflict`, `.io`, `.locked` …); nothing is written then.
    public func append(_ events: [NewEvent], recordedAt: RecordedTime) throws(StoreError) -> AppendReceipt {
        try append(events, planned: nil, recordedAt: recordedAt)
    }

    /// Appends records a planner already checked on top of `head`: when the log still ends
    /// there, they are written as they are (with this batch's recorded time); otherwise their
    /// events are planned again against what the log holds now.
    public func append(planned records: [RecordedEvent], after head: LogHead, recordedAt: RecordedTime) throws(StoreError) -> AppendReceipt
    {
        try append(records.map(\.event), planned: (records, head), recordedAt: recordedAt)
    }
}
