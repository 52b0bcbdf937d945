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
            // Dropped until the batch commits: a failed append leaves nothing cached to trust.
            state.contents = nil
            let (receipt, contents) = try connection.transaction(.readCommitted, doing: "append") {
                () throws(StoreError) -> (AppendReceipt, LogContents) in
                try connection.execute("SET LOCAL lock_timeout = '\(Self.lockTimeout)'", doing: "append")
                let head = try readHead(connection, forUpdate: true)
                // Under the lock, every statement sees what the writers before this one committed.
                let contents = try refreshed(connection, cached: cached, head: head)
                let (records, alreadyPresent) = try plan(events, planned: planned, recordedAt: recordedAt, on: contents)
                guard !records.isEmpty else { return (AppendReceipt(appended: [], alreadyPresent: alreadyPresent, head: head), contents) }
                let newHead = try insert(records, after: head, connection)
                return (
                    AppendReceipt(appended: records, alreadyPresent: alreadyPresent, head: newHead),
                    LogContents(records: contents.records + records, head: newHead, tornTail: nil)
                )
            }
            state.contents = contents
            return receipt
        }
    }

    /// The batch to insert: the planned records as they are when planned on exactly this head,
    /// else the events planned (validated, numbered, de-duplicated) against the log.
    private func plan(
        _ events: [NewEvent], planned: (records: [RecordedEvent], head: LogHead)?, recordedAt: RecordedTime, on contents: LogContents
    ) throws(StoreError) -> (records: [RecordedEvent], alreadyPresent: [EventID]) {
        let last = contents.records.last?.recordedAt
        if let planned, planned.head == contents.head, planned.records.first?.seq.value == contents.head.count + 1 {
            let time = max(recordedAt, last ?? recordedAt)
            return (planned.records.map { RecordedEvent(seq: $0.seq, recordedAt: time, id: $0.id, event: $0.event) }, [])
        }
        var planner = AppendPlanner(existing: contents.records, registry: registry)
        return try planner.plan(events, recordedAt: recordedAt, path: location.redacted)
    }

    /// Encodes the records chained on `head` (the commit mark on the last), inserts them in one
    /// statement, moves the head row and notifies listeners; returns the new head.
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
        try insertRows(seqs: seqs, ids: ids, previous: previous, hashes: hashes, lines: lines, connection)
        let newHead = LogHead(count: head.count + records.count, hash: hash)
        try moveHead(to: newHead, connection)
        return newHead
    }

    /// Moves the head row to `head` and tells listeners (delivered when the transaction commits).
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
