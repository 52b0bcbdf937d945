import PostgresNIO
import TimelineCore
import TimelineStore

// The append, in named steps: take the writer's turn on the head row, catch up with what others
// appended, plan the batch against it, encode the records, insert them with the new head, notify.
extension PostgresEventLog {
    /// Appends the events as one batch: all land, or none do.
    public func append(_ events: [NewEvent], recordedAt: RecordedTime) throws(StoreError) -> AppendReceipt {
        try appendBatch(events, planned: nil, recordedAt: recordedAt)
    }

    /// Appends records planned on `head`, as they are while the log still ends there, else
    /// their events planned again.
    public func append(planned records: [RecordedEvent], after head: LogHead, recordedAt: RecordedTime) throws(StoreError) -> AppendReceipt
    {
        try appendBatch(records.map(\.event), planned: (records, head), recordedAt: recordedAt)
    }

    /// How long a writer waits for the head row before giving up.
    static let lockTimeout = "10s"

    private func appendBatch(_ events: [NewEvent], planned: (records: [RecordedEvent], head: LogHead)?, recordedAt: RecordedTime)
        throws(StoreError) -> AppendReceipt
    {
        try withConnection { (connection, state) throws(StoreError) -> AppendReceipt in
            do throws(StoreError) {
                try checkSchema(connection, &state)
            } catch  where error.code == .notFound {
                // The first append creates the log, as it creates a file.
                _ = try createSchema(connection)
                try checkSchema(connection, &state)
            }
            let cached = state.contents
            let kept = state.planner
            // Dropped until the batch commits: a failed append leaves nothing cached to trust.
            state.contents = nil
            state.planner = nil
            let (receipt, contents, planner) = try connection.transaction(.readCommitted, doing: "append") {
                () throws(StoreError) -> (AppendReceipt, LogContents, AppendPlanner?) in
                try connection.execute("SET LOCAL lock_timeout = '\(Self.lockTimeout)'", doing: "append")
                let head = try readHead(connection, forUpdate: true)
                // Under the lock, every statement sees what the writers before this one committed.
                let (contents, continuesCache) = try refreshed(connection, cached: cached, head: head)
                var planner = continuesCache ? kept : nil
                let (records, alreadyPresent) = try plan(events, planned: planned, recordedAt: recordedAt, on: contents, planner: &planner)
                guard !records.isEmpty else {
                    return (AppendReceipt(appended: [], alreadyPresent: alreadyPresent, head: head), contents, planner)
                }
                let newHead = try insert(records, after: head, connection)
                return (
                    AppendReceipt(appended: records, alreadyPresent: alreadyPresent, head: newHead),
                    LogContents(records: contents.records + records, head: newHead, tornTail: nil), planner
                )
            }
            state.contents = contents
            state.planner = planner
            return receipt
        }
    }

    /// The batch to insert: the planned records as they are when planned on exactly this head,
    /// else the events planned (validated, numbered, de-duplicated) against the log.
    ///
    /// `planner`, kept from this connection's earlier batches (its records the first of
    /// `contents`), takes in what others appended since and plans the events, so that a batch
    /// after the first is checked without folding the log again; one is made when events must be
    /// planned and none is kept. Afterwards it holds the batch too (a batch written as planned is
    /// checked as it joins by the planner's validator, when it has one).
    private func plan(
        _ events: [NewEvent], planned: (records: [RecordedEvent], head: LogHead)?, recordedAt: RecordedTime, on contents: LogContents,
        planner: inout AppendPlanner?
    ) throws(StoreError) -> (records: [RecordedEvent], alreadyPresent: [EventID]) {
        if var kept = planner, kept.count < contents.records.count {
            kept.extend(with: Array(contents.records[kept.count...]))
            planner = kept
        }
        let last = contents.records.last?.recordedAt
        if let planned, planned.head == contents.head, planned.records.first?.seq.value == contents.head.count + 1 {
            let time = max(recordedAt, last ?? recordedAt)
            let records = planned.records.map { RecordedEvent(seq: $0.seq, recordedAt: time, id: $0.id, event: $0.event) }
            // Checked by whoever planned them on this head: a kept planner takes them in. None
            // is made here, under the head row's lock: a planner on the log alone, without its
            // validator, is no cheaper to start from than to make when needed.
            planner?.extend(with: records)
            return (records, [])
        }
        var fresh = planner ?? AppendPlanner(existing: contents.records, registry: registry)
        planner = nil
        let result = try fresh.plan(events, recordedAt: recordedAt, path: location.redacted)
        planner = fresh
        return result
    }

    /// Encodes the records chained on `head` (the commit mark on the last), inserts them, moves
    /// the head row and notifies listeners, all in one statement; returns the new head.
    private func insert(_ records: [RecordedEvent], after head: LogHead, _ connection: DatabaseConnection) throws(StoreError) -> LogHead {
        var encoder = RecordEncoder()
        var hash = head.hash
        var seqs: [Int64] = []
        var ids: [String] = []
        var previous: [String] = []
        var hashes: [String] = []
        var lines: [String] = []
        for (index, record) in records.enumerated() {
            var line: [UInt8] = []
            previous.append(hash.hex)
            hash = encoder.append(record, commit: index == records.count - 1, previousHash: hash, to: &line)
            seqs.append(Int64(record.seq.value))
            ids.append(record.id.rawValue)
            hashes.append(hash.hex)
            lines.append(String(decoding: line, as: UTF8.self))
        }
        let newHead = LogHead(count: head.count + records.count, hash: hash)
        // One statement, so one round trip while the head row is held: the rows, the head and
        // the notification (a statement in WITH runs to completion whether or not it is read).
        try connection.query(
            """
            WITH inserted AS (
                INSERT INTO timeline_records (seq, id, prev, hash, line)
                SELECT * FROM unnest(\(seqs)::bigint[], \(ids)::text[], \(previous)::text[], \(hashes)::text[], \(lines)::text[])
            ), moved AS (
                UPDATE timeline_head SET seq = \(Int64(newHead.count)), hash = \(newHead.hash.hex) RETURNING seq
            )
            SELECT pg_notify(\(PostgresSchema.channel), seq::text) FROM moved
            """,
            doing: "append")
        return newHead
    }

    /// Moves the head row to `head` and tells listeners (delivered when the transaction commits);
    /// `copy` does this after its rows, an append in the statement that inserts them.
    func moveHead(to head: LogHead, _ connection: DatabaseConnection) throws(StoreError) {
        try connection.query("UPDATE timeline_head SET seq = \(Int64(head.count)), hash = \(head.hash.hex)", doing: "move the log's head")
        try connection.query("SELECT pg_notify(\(PostgresSchema.channel), \(String(head.count)))", doing: "notify the readers")
    }

    /// Inserts rows in one statement (from arrays: one round trip for any batch).
    func insertRows(
        seqs: [Int64], ids: [String], previous: [String], hashes: [String], lines: [String], _ connection: DatabaseConnection
    ) throws(StoreError) {
        try connection.query(
            """
            INSERT INTO timeline_records (seq, id, prev, hash, line)
            SELECT * FROM unnest(\(seqs)::bigint[], \(ids)::text[], \(previous)::text[], \(hashes)::text[], \(lines)::text[])
            """,
            doing: "append")
    }
}
