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
/// let receipt = try log.append([event], recordedAt: .now)
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
    /// What this process last read or wrote of the file (shared by copies of this value).
    private let cache = LogCache()

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
    private func load(_ file: borrowing PosixFile, marker: HeadMarker?) throws(StoreError) -> (state: LogCache.State, tornTail: TornTail?) {
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
        let scan = try LogScanner.scan(size: size, checkpoint: marker?.count) { count, offset throws(StoreError) in
            try file.read(count: count, at: offset)
        }
        let contents = try contents(of: scan, records: scan.records, marker: marker)
        let state = LogCache.State(committedLength: scan.committedLength, contents: contents, planner: nil)
        cache.store(state)
        return (state, scan.tornTail)
    }

    /// The error for a missing log, which says more when a marker shows there was one.
    private func missing(_ marker: HeadMarker?) -> StoreError {
        guard let marker, marker.count > 0 else {
            return StoreError(code: .notFound, message: "no log here; the first append creates it", path: path)
        }
        return StoreError(
            code: .corrupt,
            message: "the log is missing, but it held \(marker.count) records when last committed (head #\(marker.count) \(marker.hash.prefix(12))): its directory entry may have been lost in a power failure. Restore it from a copy, or delete \(HeadMarker.path(for: path)) to start a new log here",
            path: path)
    }

    /// The contents a scan found (`records` are all the committed records, the scan's own and
    /// any read before), or the error for the damage it found.
    private func contents(of scan: LogScanner.Scan, records: [RecordedEvent], marker: HeadMarker?) throws(StoreError) -> LogContents {
        if let damage = scan.damage {
            if case .unsupportedVersion = damage.kind {
                throw StoreError(code: .unsupportedFormat, message: damage.message, path: path, line: damage.line)
            }
            throw StoreError(
                code: .corrupt,
                message: "the log is damaged: \(damage.message). Nothing will be read from or written to it; restore it from a copy and run `timeline verify`",
                path: path, line: damage.line)
        }
        var warnings: [String] = []
        if let marker, let problem = marker.problem(records: records.count, hashAtMarker: scan.checkpointHash, log: path) {
            warnings.append(problem)
        }
        return LogContents(records: records, head: LogHead(count: records.count, hash: scan.headHash), tornTail: scan.tornTail, warnings: warnings)
    }

    /// Verifies the file end to end (`LogVerifier.verify(path:registry:)`), reading it afresh.
    /// - Throws: `.notFound` when there is no log (and no marker saying there was one), `.io`.
    /// - Complexity: O(n log n) in the number of records.
    public func verify(registry: CountryRegistry) throws(StoreError) -> VerificationReport {
        try LogVerifier.verify(path: path, registry: registry)
    }

    public func cachedProjections(registry: CountryRegistry) -> (projections: Projections, head: LogHead)? {
        usesSnapshots ? SnapshotCache(log: path).load(registry: registry) : nil
    }

    public func stillEnds(at head: LogHead) -> Bool {
        guard let size = try? PosixFile.open(path, writable: false)?.size() else { return false }
        return SnapshotCache.log(path, endsAt: head, length: size)
    }

    public func cacheProjections(_ projections: Projections, head: LogHead) {
        guard usesSnapshots else { return }
        let cache = SnapshotCache(log: path)
        if !cache.isCurrent(for: head) { cache.save(projections, head: head) }
    }

    public func append(_ events: [NewEvent], recordedAt: RecordedTime) throws(StoreError) -> AppendReceipt {
        try append(events, planned: nil, recordedAt: recordedAt)
    }

    /// Appends records a planner already checked on top of `head`: when the log still ends
    /// there, they are written as they are (with this batch's recorded time); otherwise their
    /// events are planned again against what the log holds now.
    public func append(planned records: [RecordedEvent], after head: LogHead, recordedAt: RecordedTime) throws(StoreError) -> AppendReceipt {
        try append(records.map(\.event), planned: (records, head), recordedAt: recordedAt)
    }

    private func append(_ events: [NewEvent], planned: (records: [RecordedEvent], head: LogHead)?, recordedAt: RecordedTime) throws(StoreError) -> AppendReceipt {
        var created = false
        let file = try openAndLock(created: &created)
        let marker = HeadMarker.read(for: path)
        // Under the lock, the file is exactly what earlier writers committed (plus a torn tail).
        // The cached state is taken out of the cache while this append runs, so that the planner
        // owns its records and ids alone and adds to them in place.
        var (loaded, tornTail) = try load(file, marker: marker)
        cache.store(nil)
        let committedLength = loaded.committedLength
        let existingHead = loaded.contents.head
        let lastTime = loaded.contents.records.last?.recordedAt
        // Appending after lost records would build on a history that is not the committed one.
        if let warning = loaded.contents.warnings.first {
            throw StoreError(code: .corrupt, message: "refusing to append: \(warning)", path: path)
        }
        var setAside: String?
        if let tail = tornTail {
            let bytes = try file.read(count: tail.length, at: tail.offset)
            setAside = try setAsideTail(bytes, from: file, keeping: tail.offset)
        }
        let plan: (records: [RecordedEvent], alreadyPresent: [EventID])
        // The planner the cache keeps, if one is needed or was there; `records` are the log's
        // records with the batch (the planner's, when there is one).
        var planner: AppendPlanner?
        var records: [RecordedEvent]
        if let planned, planned.head == existingHead, tornTail == nil, planned.records.first?.seq.value == existingHead.count + 1 {
            // Checked against exactly what the log holds: written as planned, at one time. No
            // planner is built for it (indexing a large log's ids costs more than the write).
            let time = max(recordedAt, lastTime ?? recordedAt)
            plan = (planned.records.map { RecordedEvent(seq: $0.seq, recordedAt: time, id: $0.id, event: $0.event) }, [])
            if loaded.planner != nil {
                planner = take(&loaded)
                planner!.extend(with: plan.records)
                planner!.consolidate()
                records = planner!.records
            } else {
                records = takeRecords(&loaded)
                AppendPlanner.add(plan.records, to: &records)
            }
        } else {
            var taken = take(&loaded)
            do {
                plan = try taken.plan(events, recordedAt: recordedAt, path: path)
            } catch {
                // Refused: nothing is written, not even the new, empty file.
                if created && committedLength == 0 && tornTail == nil { unlink(path) }
                cache.store(LogCache.State(committedLength: committedLength, contents: LogContents(records: taken.records, head: existingHead, tornTail: nil), planner: taken))
                throw error
            }
            taken.consolidate()
            planner = taken
            records = taken.records
        }
        guard !plan.records.isEmpty else {
            if created { try? PosixFile.syncDirectory(of: path) }
            cache.store(LogCache.State(committedLength: committedLength, contents: LogContents(records: records, head: existingHead, tornTail: nil), planner: planner))
            return AppendReceipt(appended: [], alreadyPresent: plan.alreadyPresent, head: existingHead, setAside: setAside)
        }
        var output: [UInt8] = []
        if committedLength == 0 { output.append(contentsOf: Array((LogFormat.header + "\n").utf8)) }
        var hash = existingHead.hash
        var encoder = RecordEncoder()
        for (index, record) in plan.records.enumerated() {
            hash = encoder.append(record, commit: index == plan.records.count - 1, previousHash: hash, to: &output)
            output.append(0x0A)
        }
        let start = committedLength
        do {
            if let chunks = crashTestChunks, chunks.bytes > 0 {
                var offset = 0
                while offset < output.count {
                    let end = min(offset + chunks.bytes, output.count)
                    try file.write(Array(output[offset..<end]), at: start + offset)
                    offset = end
                    usleep(chunks.pauseMicroseconds)
                }
            } else {
                try file.write(output, at: start)
            }
            try file.sync()
            if created || start == 0 { try PosixFile.syncDirectory(of: path) }
        } catch {
            // Leave the log exactly as it was: cut whatever part of the batch reached the file.
            try? file.truncate(to: start)
            try? file.sync()
            cache.store(nil)
            throw StoreError(code: error.code, message: error.message + "; the log is unchanged", path: path)
        }
        let head = LogHead(count: existingHead.count + plan.records.count, hash: hash)
        HeadMarker(head).write(for: path)
        cache.store(LogCache.State(
            committedLength: start + output.count,
            contents: LogContents(records: records, head: head, tornTail: nil),
            planner: planner))
        return AppendReceipt(appended: plan.records, alreadyPresent: plan.alreadyPresent, head: head, setAside: setAside)
    }

    /// The planner of a loaded state (a new one on its records if it has none), leaving the
    /// state empty so that the planner is the only owner of the records it adds to.
    private func take(_ state: inout LogCache.State) -> AppendPlanner {
        let planner = state.planner ?? AppendPlanner(existing: state.contents.records, registry: registry)
        state = LogCache.State(committedLength: state.committedLength, contents: LogContents(records: [], head: state.contents.head, tornTail: nil), planner: nil)
        return planner
    }

    /// The records of a loaded state, leaving it empty so that the caller owns them alone.
    private func takeRecords(_ state: inout LogCache.State) -> [RecordedEvent] {
        let records = state.contents.records
        state = LogCache.State(committedLength: state.committedLength, contents: LogContents(records: [], head: state.contents.head, tornTail: nil), planner: nil)
        return records
    }

    /// Opens (or creates) the log and takes the writer's lock. If the path no longer names the
    /// file once locked — a writer that created it refused its batch and removed it — it starts
    /// again, so no batch is ever written into a removed file.
    private func openAndLock(created: inout Bool) throws(StoreError) -> PosixFile {
        while true {
            created = false
            let marker = HeadMarker.read(for: path)
            let file: PosixFile
            if let existing = try PosixFile.open(path, writable: true) {
                file = existing
            } else {
                if let marker, marker.count > 0 { throw missing(marker) }
                try PosixFile.makeDirectories(PosixFile.directory(of: path))
                guard let new = try PosixFile.open(path, writable: true, create: true) else {
                    throw StoreError(code: .io, message: "cannot create the log", path: path)
                }
                file = new
                created = true
            }
            try file.lockExclusive(timeout: lockTimeout)
            if file.isStillAt(path) { return file }
        }
    }

    /// Moves an unfinished tail into a side file next to the log, then cuts the log back to its
    /// committed length. Both steps are durable before the append goes on.
    private func setAsideTail(_ tail: [UInt8], from file: borrowing PosixFile, keeping length: Int) throws(StoreError) -> String {
        var sidePath = path + ".torn-\(getpid())-\(time(nil))"
        var attempt = 0
        while (try? PosixFile.open(sidePath, writable: false)) ?? nil != nil {
            attempt += 1
            sidePath = path + ".torn-\(getpid())-\(time(nil))-\(attempt)"
        }
        guard let side = try PosixFile.open(sidePath, writable: true, create: true, exclusive: true) else {
            throw StoreError(code: .io, message: "cannot create \(sidePath) to set aside an unfinished append", path: path)
        }
        try side.write(tail, at: 0)
        try side.sync()
        try PosixFile.syncDirectory(of: sidePath)
        try file.truncate(to: length)
        try file.sync()
        return sidePath
    }
}
