import PostgresNIO
import Synchronization
import TimelineCore
import TimelineStore

/// A log stored in PostgreSQL: the very records a file log holds — the same bytes per record,
/// sequence numbers, SHA-256 chain and head — shared by every process that opens the URL.
///
/// Readers never block: a read is one `REPEATABLE READ` snapshot, and a process that has read
/// the log reads only what was appended since (`seq > n`). Writers take turns on the head row
/// (`SELECT … FOR UPDATE` under `READ COMMITTED`), read what others appended, validate the batch
/// against it with the same rules as the file log, and insert it with the new head in one
/// transaction, which notifies `timeline_appended`.
///
/// For example:
/// ```swift
/// let log = PostgresEventLog(location: try PostgresLocation(url: "postgresql://desk@/history?host=/run/postgresql", environment: [:]))
/// try log.initialize()
/// let receipt = try log.append(events, recordedAt: SystemClock.now)
/// let contents = try log.read()
/// ```
public final class PostgresEventLog: EventLog {
    /// Where the log lives.
    public let location: PostgresLocation
    /// The countries events are validated against.
    public let registry: CountryRegistry
    private let state = Mutex(State())

    struct State: Sendable {
        /// The connection reads and appends use, opened on first need.
        var connection: DatabaseConnection?
        /// Whether the schema was checked on this connection.
        var schemaChecked = false
        /// The log as last read or appended by this process.
        var contents: LogContents?
        /// A planner on the first records of `contents` (all of them, or fewer when a read has
        /// brought others' appends since), kept between appends so that each batch is checked
        /// without folding the log again, as a file log's cache keeps one. Dropped whenever
        /// `contents` is dropped or read whole again.
        var planner: AppendPlanner?
        /// The connection that listens for other writers' appends, once asked to.
        var listener: DatabaseConnection?
    }

    /// Told how many records of how many a large read has fetched (a progress bar's source).
    public let readProgress: (@Sendable (Int, Int) -> Void)?

    /// A log at `location`, validating against `registry`; `readProgress` hears of a large
    /// read's progress. Nothing is opened until it is used.
    public init(location: PostgresLocation, registry: CountryRegistry = .standard, readProgress: (@Sendable (Int, Int) -> Void)? = nil) {
        self.location = location
        self.registry = registry
        self.readProgress = readProgress
    }

    /// The redacted URL, as errors and summaries name the log.
    public var name: String { location.redacted }

    // MARK: Connection and schema

    /// The open connection, opened (or opened again after a failure) when needed.
    func connected(_ state: inout State) throws(StoreError) -> DatabaseConnection {
        if let connection = state.connection, connection.isOpen { return connection }
        state.connection?.close()
        state.connection = nil
        state.schemaChecked = false
        let connection = try DatabaseConnection.open(location)
        state.connection = connection
        return connection
    }

    /// Runs `body` with the connection; a failed connection is dropped, to be opened again.
    func withConnection<Result>(_ body: (DatabaseConnection, inout State) throws(StoreError) -> Result) throws(StoreError) -> Result {
        try state.withLock { (state: inout State) throws(StoreError) -> Result in
            let connection = try connected(&state)
            do throws(StoreError) {
                return try body(connection, &state)
            } catch {
                if !connection.isOpen { state.connection = nil }
                throw error
            }
        }
    }

    /// Checks that the database holds a log of a version this build reads.
    /// - Throws: `.notFound` when it holds none, `.unsupportedFormat` for a newer schema.
    func checkSchema(_ connection: DatabaseConnection, _ state: inout State) throws(StoreError) {
        guard !state.schemaChecked else { return }
        let rows: [PostgresRow]
        do {
            rows = try connection.query("SELECT value FROM timeline_meta WHERE key = 'schema'", doing: "read the log's schema version")
        } catch  where error.code == .notFound {
            // No log's tables: a fresh database (the first append creates them), or someone else's.
            let others = try connection.query(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename LIMIT 4",
                doing: "look at the database's tables")
            let names = others.compactMap { try? $0.decode(String.self) }
            guard names.isEmpty else {
                throw StoreError(
                    code: .unsupportedFormat,
                    message:
                        "this database is not a Timeline log: it holds other tables (\(names.joined(separator: ", "))) and not the log's; use a database of its own (createdb, then timeline init)",
                    path: location.redacted)
            }
            throw error
        }
        guard let row = rows.first, let text = try? row.decode(String.self), let version = Int(text) else {
            throw StoreError(
                code: .notFound, message: "this database holds no Timeline log; create one with timeline init \(location.redacted)",
                path: location.redacted)
        }
        guard version <= PostgresSchema.version else {
            throw StoreError(
                code: .unsupportedFormat,
                message: "this log has schema version \(version); this timeline reads version \(PostgresSchema.version): upgrade timeline",
                path: location.redacted)
        }
        state.schemaChecked = true
    }

    /// Creates the log's tables if the database has none (`timeline init`); a database that
    /// already holds a log is left as it is.
    /// - Returns: whether the tables were created now.
    @discardableResult
    public func initialize() throws(StoreError) -> Bool {
        try withConnection { (connection, state) throws(StoreError) -> Bool in
            let created = try createSchema(connection)
            state.schemaChecked = false
            try checkSchema(connection, &state)
            return created
        }
    }

    /// Creates the tables in one transaction, under an advisory lock so that two processes
    /// creating the log at once make it once; answers `false` when they exist.
    func createSchema(_ connection: DatabaseConnection) throws(StoreError) -> Bool {
        let encoding = try connection.query("SHOW server_encoding", doing: "read the server's encoding")
        if let name = try? encoding.first?.decode(String.self), name.uppercased() != "UTF8" {
            throw StoreError(
                code: .io, message: "the database's encoding is \(name); a Timeline log needs UTF8 (createdb -E UTF8)",
                path: location.redacted)
        }
        return try connection.transaction(.readCommitted, doing: "create the log") { () throws(StoreError) -> Bool in
            try connection.execute("SELECT pg_advisory_xact_lock(72011945)", doing: "create the log")
            let exists = try connection.query("SELECT to_regclass('timeline_meta') IS NOT NULL", doing: "create the log")
            if (try? exists.first?.decode(Bool.self)) == true { return false }
            for statement in PostgresSchema.create { try connection.execute(statement, doing: "create the log") }
            try connection.query(
                "INSERT INTO timeline_meta (key, value) VALUES ('schema', \(String(PostgresSchema.version))), ('format', \(String(LogFormat.version)))",
                doing: "create the log")
            try connection.query(
                "INSERT INTO timeline_head (singleton, seq, hash) VALUES (true, 0, \(ChainRule.genesis.hex))", doing: "create the log")
            return true
        }
    }

    // MARK: Reading

    /// The committed records: the whole log on the first read, what was appended since after.
    public func read() throws(StoreError) -> LogContents {
        try withConnection { (connection, state) throws(StoreError) -> LogContents in
            try checkSchema(connection, &state)
            let cached = state.contents
            let (contents, continuesCache) = try connection.transaction(.snapshot, doing: "read the log") {
                () throws(StoreError) -> (LogContents, Bool) in
                try refreshed(connection, cached: cached, head: try readHead(connection, forUpdate: false))
            }
            state.contents = contents
            if !continuesCache { state.planner = nil }
            return contents
        }
    }

    /// The planner kept for this connection's appends, on the records last read or appended,
    /// first taking in what a read brought since; `nil` before the first append.
    public func keptPlanner() -> (planner: AppendPlanner, head: LogHead)? {
        state.withLock { (state: inout State) -> (planner: AppendPlanner, head: LogHead)? in
            guard let contents = state.contents, var planner = state.planner, planner.count <= contents.records.count else { return nil }
            if planner.count < contents.records.count {
                planner.extend(with: Array(contents.records[planner.count...]))
                state.planner = planner
            }
            return (planner, contents.head)
        }
    }

    /// The head row: the last committed record's sequence number and hash.
    func readHead(_ connection: DatabaseConnection, forUpdate: Bool) throws(StoreError) -> LogHead {
        let rows = try connection.query(
            PostgresQuery(unsafeSQL: "SELECT seq, hash FROM timeline_head" + (forUpdate ? " FOR UPDATE" : "")),
            doing: forUpdate ? "take the writer's turn" : "read the log's head")
        guard let row = rows.first, let (seq, hex) = try? row.decode((Int64, String).self), let hash = ChainHash(hex) else {
            throw StoreError(code: .corrupt, message: "the log's head row is missing or unreadable", path: location.redacted)
        }
        return LogHead(count: Int(seq), hash: hash)
    }

    /// The log as it stands at `head`: `cached` extended by the records after it, or read whole
    /// when there is nothing cached or the cache no longer leads to `head`; and whether it
    /// continues `cached` (its first records are those).
    func refreshed(_ connection: DatabaseConnection, cached: LogContents?, head: LogHead) throws(StoreError) -> (
        contents: LogContents, continuesCache: Bool
    ) {
        if let cached, cached.head == head { return (cached, true) }
        if let cached, cached.head.count < head.count {
            var suffix: [UInt8] = []
            try appendLines(connection, after: cached.head.count, through: head.count, to: &suffix)
            let scan = LogScanner.scan(suffix: suffix, at: 0, after: cached.head)
            let contents = try contents(of: scan, before: cached.records)
            if contents.head == head { return (contents, true) }
        }
        var bytes = Array((ChainRule.header + "\n").utf8)
        try appendLines(connection, after: 0, through: head.count, to: &bytes)
        let scan = LogScanner.scan(bytes)
        let contents = try contents(of: scan, before: [])
        guard contents.head == head else {
            throw StoreError(
                code: .corrupt,
                message:
                    "the head row says #\(head.count) \(head.hash.hex.prefix(12)) but the records end at #\(contents.head.count) \(contents.head.hash.hex.prefix(12))",
                path: location.redacted)
        }
        return (contents, false)
    }

    /// How many records one statement reads.
    static let stretch = 8_000

    /// Appends the lines of records `after` + 1 through `through` to `bytes`, in order, each
    /// with its newline: the log's bytes as a file holds them. The server joins each stretch of
    /// records into one value (a row per record costs a client more than the bytes do), with
    /// their count, which shows a missing record (sequence numbers are the table's key).
    /// - Throws: `.corrupt` naming the first missing record.
    func appendLines(_ connection: DatabaseConnection, after: Int, through: Int, to bytes: inout [UInt8]) throws(StoreError) {
        var start = after
        while start < through {
            let end = min(start + Self.stretch, through)
            let rows = try connection.query(
                """
                SELECT count(*), string_agg(line, E'\\n' ORDER BY seq) FROM timeline_records
                WHERE seq > \(Int64(start)) AND seq <= \(Int64(end))
                """,
                doing: "read the log")
            guard let row = rows.first, let (count, joined) = try? row.decode((Int64, ByteBuffer?).self), count == Int64(end - start),
                let joined
            else {
                // Read again record by record, for the message naming the first one missing.
                _ = try lines(connection, after: start, through: end)
                throw StoreError(code: .corrupt, message: "records #\(start + 1) to #\(end) are unreadable", path: location.redacted)
            }
            bytes.append(contentsOf: joined.readableBytesView)
            bytes.append(0x0A)
            start = end
            if through - after > Self.stretch { readProgress?(end - after, through - after) }
        }
    }

    /// The stored lines of records `after < seq ≤ through`, in order, a row each, fetched a
    /// stretch at a time (reporting each stretch to `progress`, for a large first read): what
    /// `copy` moves out, and how a gap `appendLines` found is named.
    func lines(_ connection: DatabaseConnection, after: Int, through: Int) throws(StoreError) -> [String] {
        var lines: [String] = []
        lines.reserveCapacity(max(0, through - after))
        var expected = Int64(after) + 1
        let stretch = Self.stretch
        var start = after
        while start < through {
            let end = min(start + stretch, through)
            let rows = try connection.query(
                "SELECT seq, line FROM timeline_records WHERE seq > \(Int64(start)) AND seq <= \(Int64(end)) ORDER BY seq",
                doing: "read the log")
            for row in rows {
                guard let (seq, line) = try? row.decode((Int64, String).self), seq == expected else {
                    throw StoreError(
                        code: .corrupt, message: "record #\(expected) is missing or unreadable", path: location.redacted,
                        line: Int(expected) + 1)
                }
                lines.append(line)
                expected += 1
            }
            start = end
            if through - after > stretch { readProgress?(end - after, through - after) }
        }
        guard expected == Int64(through) + 1 else {
            throw StoreError(
                code: .corrupt, message: "record #\(expected) is missing or unreadable", path: location.redacted, line: Int(expected) + 1)
        }
        return lines
    }

    /// The log as a file holds it: the header, then one line per record.
    static func bytes(of lines: [String]) -> [UInt8] {
        var bytes = Array((ChainRule.header + "\n").utf8)
        bytes.reserveCapacity(lines.reduce(bytes.count) { $0 + $1.utf8.count + 1 })
        for line in lines {
            bytes.append(contentsOf: line.utf8)
            bytes.append(0x0A)
        }
        return bytes
    }

    /// The contents a scan found, after `before`, or the error for its damage.
    func contents(of scan: LogScanner.Scan, before: [RecordedEvent]) throws(StoreError) -> LogContents {
        if let damage = scan.damage {
            if case .unsupportedVersion = damage.kind {
                throw StoreError(code: .unsupportedFormat, message: damage.message, path: location.redacted, line: damage.line)
            }
            throw StoreError(
                code: .corrupt, message: "the log is damaged: \(damage.message); run timeline verify", path: location.redacted,
                line: damage.line)
        }
        if scan.tornTail != nil {
            throw StoreError(code: .corrupt, message: "the stored records end inside a batch", path: location.redacted)
        }
        let records = before.isEmpty ? scan.records : before + scan.records
        return LogContents(records: records, head: LogHead(count: records.count, hash: scan.headHash), tornTail: nil)
    }

    // MARK: Checking

    /// Checks the whole log afresh: every record's hash, the chain, the sequence, the commit
    /// marks, the head row, and the domain's rules.
    public func verify(registry: CountryRegistry) throws(StoreError) -> VerificationReport {
        try withConnection { (connection, state) throws(StoreError) -> VerificationReport in
            try checkSchema(connection, &state)
            return try connection.transaction(.snapshot, doing: "verify the log") { () throws(StoreError) -> VerificationReport in
                let head = try readHead(connection, forUpdate: false)
                let rows = try connection.query("SELECT line FROM timeline_records ORDER BY seq", doing: "verify the log")
                let lines = rows.compactMap { try? $0.decode(String.self) }
                let scan = LogScanner.scan(Self.bytes(of: lines))
                let violations = scan.damage == nil ? Timeline.violations(of: scan.records, registry: registry) : []
                var warnings: [String] = []
                let found = LogHead(count: scan.records.count, hash: scan.headHash)
                if scan.damage == nil, found != head {
                    warnings.append(
                        "the head row says #\(head.count) \(head.hash.hex.prefix(12)) but the records end at #\(found.count) \(found.hash.hex.prefix(12))"
                    )
                }
                return VerificationReport(
                    log: location.redacted, recordCount: scan.records.count, head: found, tornTail: scan.tornTail, damage: scan.damage,
                    violations: violations, warnings: warnings)
            }
        }
    }

    /// The chain hash of committed record `seq`, the chain checked up to it.
    public func chainHash(at seq: Int) throws(StoreError) -> ChainHash? {
        if seq == 0 { return ChainRule.genesis }
        return try withConnection { (connection, state) throws(StoreError) -> ChainHash? in
            try checkSchema(connection, &state)
            let head = try readHead(connection, forUpdate: false)
            guard seq <= head.count else { return nil }
            var bytes = Array((ChainRule.header + "\n").utf8)
            try appendLines(connection, after: 0, through: seq, to: &bytes)
            // Read up to `seq` only: a record inside a batch is followed by no commit mark here,
            // so its hash is the scan's checkpoint, not its head.
            let scan = LogScanner.scan(bytes, checkpoint: seq)
            if let damage = scan.damage {
                throw StoreError(
                    code: .corrupt, message: "the log is damaged: \(damage.message)", path: location.redacted, line: damage.line)
            }
            return scan.checkpointHash
        }
    }

    /// Listens for other writers' appends (`LISTEN timeline_appended`, on a connection of its
    /// own): `onAppend` is called, on another thread, with each new head's sequence number. A
    /// notification only wakes the caller up; what was appended is always read from the log.
    public func watchAppends(_ onAppend: @escaping @Sendable (Int) -> Void) throws(StoreError) {
        try state.withLock { (state: inout State) throws(StoreError) in
            guard state.listener == nil else { return }
            let listener = try DatabaseConnection.open(location)
            listener.connection.addListener(channel: PostgresSchema.channel) { _, notification in
                onAppend(Int(notification.payload) ?? 0)
            }
            // A round trip, so that LISTEN is in force when this returns.
            try listener.query("SELECT 1", doing: "listen for appends")
            state.listener = listener
        }
    }

    /// Whether the log still ends at `head`: one small query.
    public func stillEnds(at head: LogHead) -> Bool {
        (try? withConnection { (connection, _) throws(StoreError) -> Bool in try readHead(connection, forUpdate: false) == head }) ?? false
    }
}
