import PostgresNIO
import TimelineCore
import TimelineStore

extension PostgresEventLog: StoredLines {
    /// The stored lines, checked as `read()` checks them, in one snapshot.
    public func storedLines() throws(StoreError) -> [[UInt8]] {
        try withConnection { (connection, state) throws(StoreError) -> [[UInt8]] in
            try checkSchema(connection, &state)
            return try connection.transaction(.snapshot, doing: "read the log") { () throws(StoreError) -> [[UInt8]] in
                let head = try readHead(connection, forUpdate: false)
                let lines = try lines(connection, after: 0, through: head.count).map { Array($0.utf8) }
                let found = try ChainRule.checkedHead(of: lines, log: location.redacted)
                guard found == head else {
                    throw StoreError(
                        code: .corrupt, message: "the head row says #\(head.count) but the records end at #\(found.count)",
                        path: location.redacted)
                }
                return lines
            }
        }
    }

    /// Writes copied lines into this log, which must hold no record, in one transaction, a few
    /// thousand rows a statement.
    public func appendStoredLines(_ lines: [[UInt8]], progress: (Int) -> Void) throws(StoreError) -> LogHead {
        let head = try ChainRule.checkedHead(of: lines, log: location.redacted)
        return try withConnection { (connection, state) throws(StoreError) -> LogHead in
            _ = try createSchema(connection)
            state.schemaChecked = false
            try checkSchema(connection, &state)
            state.contents = nil
            state.planner = nil
            return try connection.transaction(.readCommitted, doing: "copy into the log") { () throws(StoreError) -> LogHead in
                try connection.execute("SET LOCAL lock_timeout = '\(Self.lockTimeout)'", doing: "copy into the log")
                let existing = try readHead(connection, forUpdate: true)
                guard existing.count == 0 else {
                    throw StoreError(
                        code: .io, message: "the log already holds \(existing.count) records; copy into a new log",
                        path: location.redacted)
                }
                var previous = ChainRule.genesis
                var start = 0
                while start < lines.count {
                    let end = min(start + 5_000, lines.count)
                    var seqs: [Int64] = []
                    var ids: [String] = []
                    var parents: [String] = []
                    var hashes: [String] = []
                    var texts: [String] = []
                    for index in start..<end {
                        let line = lines[index][...]
                        guard let hash = ChainRule.storedHash(of: line), let record = try? RecordDecoder.decode(line) else {
                            throw StoreError(code: .corrupt, message: "line \(index + 2) cannot be copied", path: location.redacted)
                        }
                        seqs.append(Int64(index + 1))
                        ids.append(record.record.id.rawValue)
                        parents.append(previous.hex)
                        hashes.append(hash.hex)
                        texts.append(String(decoding: line, as: UTF8.self))
                        previous = hash
                    }
                    try insertRows(seqs: seqs, ids: ids, previous: parents, hashes: hashes, lines: texts, connection)
                    start = end
                    progress(end)
                }
                try moveHead(to: head, connection)
                return head
            }
        }
    }
}
