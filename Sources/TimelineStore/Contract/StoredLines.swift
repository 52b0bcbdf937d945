/// A log whose records can be copied as the very lines it stores: what `timeline copy` moves
/// between a file and a database, so that the copy holds the same bytes, sequence numbers,
/// hashes and head as the source.
public protocol StoredLines {
    /// The committed records' lines (each without its newline), in order, after checking the
    /// log as a read does.
    /// - Throws: `StoreError` when the log is missing, unreadable or damaged.
    func storedLines() throws(StoreError) -> [[UInt8]]

    /// Writes lines copied from another log into this log, which must hold no record yet, as
    /// they are: every hash, link and commit mark checked first, nothing written on a problem.
    /// `progress` is told how many lines are written so far.
    /// - Returns: the head after the copy.
    /// - Throws: `StoreError` when the log is not empty, the lines are damaged, or writing fails.
    func appendStoredLines(_ lines: [[UInt8]], progress: (Int) -> Void) throws(StoreError) -> LogHead
}

extension ChainRule {
    /// Checks lines copied from a log, as a reader would: the header they follow, each record's
    /// hash and link, the sequence and the commit marks; answers the head they end at.
    /// - Throws: `StoreError` (`.corrupt`) naming the first bad line, or for an unfinished batch.
    public static func checkedHead(of lines: [[UInt8]], log: String) throws(StoreError) -> LogHead {
        var bytes = Array((header + "\n").utf8)
        bytes.reserveCapacity(lines.reduce(bytes.count) { $0 + $1.count + 1 })
        for line in lines {
            bytes.append(contentsOf: line)
            bytes.append(0x0A)
        }
        let scan = LogScanner.scan(bytes)
        if let damage = scan.damage {
            throw StoreError(code: .corrupt, message: "the lines to copy are damaged: \(damage.message)", path: log, line: damage.line)
        }
        if scan.tornTail != nil {
            throw StoreError(code: .corrupt, message: "the lines to copy end inside a batch (no commit mark on the last)", path: log)
        }
        return LogHead(count: scan.records.count, hash: scan.headHash)
    }
}
