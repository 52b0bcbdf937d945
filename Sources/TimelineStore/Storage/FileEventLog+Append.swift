import TimelineCore

#if canImport(Glibc)
    import Glibc
#endif

// The append, in named steps: lock and load the log as committed, plan the batch against it,
// encode the records, write them durably, then publish the new head.
extension FileEventLog {
    /// The log as a writer found it under the lock: what it holds, and what the batch builds on.
    struct Found {
        /// The loaded state, taken out of the cache while the append runs.
        var loaded: LogCache.State
        /// Whether the file was created by this append.
        let created: Bool
        /// Where an unfinished earlier append was set aside, if one was found.
        let setAside: String?
        /// Whether there was such a tail.
        let hadTornTail: Bool

        var committedLength: Int { loaded.committedLength }
        var head: LogHead { loaded.contents.head }
    }

    /// A batch ready to write: its records, the ids already there, and the log's records with
    /// it (the planner's, when the cache keeps one).
    struct Planned {
        let records: [RecordedEvent]
        let alreadyPresent: [EventID]
        let planner: AppendPlanner?
        let allRecords: [RecordedEvent]
    }

    /// Appends `events` (or the records `planned` on a head, written as they are while the log
    /// still ends there) as one durable batch.
    func append(_ events: [NewEvent], planned: (records: [RecordedEvent], head: LogHead)?, recordedAt: RecordedTime) throws(StoreError)
        -> AppendReceipt
    {
        var created = false
        let file = try openAndLock(created: &created)
        var found = try lockedState(of: file, created: created)
        let batch = try plan(events, planned: planned, recordedAt: recordedAt, on: &found)
        guard !batch.records.isEmpty else {
            if created { try? PosixFile.syncDirectory(of: path) }
            cache.store(
                LogCache.State(
                    committedLength: found.committedLength,
                    contents: LogContents(records: batch.allRecords, head: found.head, tornTail: nil), planner: batch.planner))
            return AppendReceipt(appended: [], alreadyPresent: batch.alreadyPresent, head: found.head, setAside: found.setAside)
        }
        let (output, hash) = encode(batch.records, after: found.head, withHeader: found.committedLength == 0)
        try write(output, to: file, at: found.committedLength, created: created)
        writeProgress?(batch.records.count, batch.records.count)
        let head = LogHead(count: found.head.count + batch.records.count, hash: hash)
        HeadMarker(head).write(for: path)
        cache.store(
            LogCache.State(
                committedLength: found.committedLength + output.count,
                contents: LogContents(records: batch.allRecords, head: head, tornTail: nil),
                planner: batch.planner))
        return AppendReceipt(appended: batch.records, alreadyPresent: batch.alreadyPresent, head: head, setAside: found.setAside)
    }

    /// The log as committed, read under the lock: refused when records were lost after a
    /// commit, with any torn tail set aside first.
    private func lockedState(of file: borrowing PosixFile, created: Bool) throws(StoreError) -> Found {
        let marker = HeadMarker.read(for: path)
        // Under the lock, the file is exactly what earlier writers committed (plus a torn tail).
        // The cached state is taken out of the cache while this append runs, so that the planner
        // owns its records and ids alone and adds to them in place.
        let (loaded, tornTail) = try load(file, marker: marker)
        cache.store(nil)
        // Appending after lost records would build on a history that is not the committed one.
        if let warning = loaded.contents.warnings.first {
            throw StoreError(code: .corrupt, message: "refusing to append: \(warning)", path: path)
        }
        var setAside: String?
        if let tail = tornTail {
            let bytes = try file.read(count: tail.length, at: tail.offset)
            setAside = try setAsideTail(bytes, from: file, keeping: tail.offset)
        }
        return Found(loaded: loaded, created: created, setAside: setAside, hadTornTail: tornTail != nil)
    }

    /// The batch to write: the planned records as they are when they were planned on exactly
    /// this head, else the events planned (validated, numbered, de-duplicated) against the log.
    /// - Throws: the planner's refusal; nothing is written then, not even a new, empty file.
    private func plan(
        _ events: [NewEvent], planned: (records: [RecordedEvent], head: LogHead)?, recordedAt: RecordedTime,
        on found: inout Found
    ) throws(StoreError) -> Planned {
        let existingHead = found.head
        if let planned, planned.head == existingHead, !found.hadTornTail, planned.records.first?.seq.value == existingHead.count + 1 {
            // Checked against exactly what the log holds: written as planned, at one time. No
            // planner is built for it (indexing a large log's ids costs more than the write).
            let time = max(recordedAt, found.loaded.contents.records.last?.recordedAt ?? recordedAt)
            let records = planned.records.map { RecordedEvent(seq: $0.seq, recordedAt: time, id: $0.id, event: $0.event) }
            if found.loaded.planner != nil {
                var planner = take(&found.loaded)
                planner.extend(with: records)
                planner.consolidate()
                return Planned(records: records, alreadyPresent: [], planner: planner, allRecords: planner.records)
            }
            var all = takeRecords(&found.loaded)
            AppendPlanner.add(records, to: &all)
            return Planned(records: records, alreadyPresent: [], planner: nil, allRecords: all)
        }
        var planner = take(&found.loaded)
        let plan: (records: [RecordedEvent], alreadyPresent: [EventID])
        do {
            plan = try planner.plan(events, recordedAt: recordedAt, path: path)
        } catch {
            // Refused: nothing is written, not even the new, empty file.
            if found.created && found.committedLength == 0 && !found.hadTornTail { unlink(path) }
            cache.store(
                LogCache.State(
                    committedLength: found.committedLength,
                    contents: LogContents(records: planner.records, head: existingHead, tornTail: nil), planner: planner))
            throw error
        }
        planner.consolidate()
        return Planned(records: plan.records, alreadyPresent: plan.alreadyPresent, planner: planner, allRecords: planner.records)
    }

    /// The batch's bytes (after the header, for a new log), chained on `head` with the commit
    /// mark on its last record, and the last record's hash.
    /// - Complexity: O(n) in the batch's size.
    private func encode(_ records: [RecordedEvent], after head: LogHead, withHeader: Bool) -> (bytes: [UInt8], hash: ChainHash) {
        var output: [UInt8] = []
        if withHeader { output.append(contentsOf: Array((ChainRule.header + "\n").utf8)) }
        var hash = head.hash
        var encoder = RecordEncoder()
        for (index, record) in records.enumerated() {
            hash = encoder.append(record, commit: index == records.count - 1, previousHash: hash, to: &output)
            output.append(0x0A)
            if index & 0x3FFF == 0x3FFF { writeProgress?(index + 1, records.count) }
        }
        return (output, hash)
    }

    /// Writes the batch at `start` and makes it durable (the directory too for a new file);
    /// on failure, cuts whatever part of it reached the file, leaving the log as it was.
    private func write(_ output: [UInt8], to file: borrowing PosixFile, at start: Int, created: Bool) throws(StoreError) {
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
    }

    /// The planner of a loaded state (a new one on its records if it has none), leaving the
    /// state empty so that the planner is the only owner of the records it adds to.
    private func take(_ state: inout LogCache.State) -> AppendPlanner {
        let planner = state.planner ?? AppendPlanner(existing: state.contents.records, registry: registry)
        state = LogCache.State(
            committedLength: state.committedLength, contents: LogContents(records: [], head: state.contents.head, tornTail: nil),
            planner: nil)
        return planner
    }

    /// The records of a loaded state, leaving it empty so that the caller owns them alone.
    private func takeRecords(_ state: inout LogCache.State) -> [RecordedEvent] {
        let records = state.contents.records
        state = LogCache.State(
            committedLength: state.committedLength, contents: LogContents(records: [], head: state.contents.head, tornTail: nil),
            planner: nil)
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

extension FileEventLog: StoredLines {
    /// The committed lines of the file, checked as `read()` checks them.
    public func storedLines() throws(StoreError) -> [[UInt8]] {
        let contents = try read()
        guard let file = try PosixFile.open(path, writable: false) else { throw missing(HeadMarker.read(for: path)) }
        let bytes = try file.read(count: try file.size(), at: 0)
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).dropFirst().map(Array.init)
        // Only the committed records: a torn tail after them is not part of the log.
        if lines.count > contents.records.count { lines.removeLast(lines.count - contents.records.count) }
        return lines
    }

    /// Writes copied lines into this log, which must be new or empty, under the writer's lock.
    public func appendStoredLines(_ lines: [[UInt8]], progress: (Int) -> Void) throws(StoreError) -> LogHead {
        let head = try ChainRule.checkedHead(of: lines, log: path)
        var created = false
        let file = try openAndLock(created: &created)
        let found = try lockedState(of: file, created: created)
        guard found.head.count == 0 else {
            throw StoreError(
                code: .io, message: "the log already holds \(found.head.count) records; copy into a new log", path: path)
        }
        var output = Array((ChainRule.header + "\n").utf8)
        for line in lines {
            output.append(contentsOf: line)
            output.append(0x0A)
        }
        try write(output, to: file, at: 0, created: true)
        HeadMarker(head).write(for: path)
        cache.store(nil)
        progress(lines.count)
        return head
    }
}
