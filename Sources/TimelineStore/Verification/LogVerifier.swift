import TimelineCore

/// Checks a log file end to end: header, every record's hash, the chain, sequence numbers,
/// the commit marks, and the domain's invariants.
public enum LogVerifier {
    /// Verifies the log at `path`; `progress` hears the bytes read so far and the file's size.
    /// - Throws: `StoreError` only when the file cannot be read at all.
    /// - Complexity: O(n log n) in the number of records.
    public static func verify(
        path: String, registry: CountryRegistry = .standard, progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) throws(StoreError) -> VerificationReport {
        let marker = HeadMarker.read(for: path)
        guard let file = try PosixFile.open(path, writable: false) else {
            if let marker, marker.count > 0 {
                return VerificationReport(
                    log: path, recordCount: 0, head: .empty, tornTail: nil,
                    damage: LogDamage(line: 0, kind: .missingLog(committedRecords: marker.count)),
                    violations: [], warnings: [])
            }
            throw StoreError(code: .notFound, message: "no log here", path: path)
        }
        let size = try file.size()
        let scan = try LogScanner.scan(size: size, checkpoint: marker?.count) { count, offset throws(StoreError) in
            progress?(offset, size)
            return try file.read(count: count, at: offset)
        }
        progress?(size, size)
        let violations = scan.damage == nil ? Timeline.violations(of: scan.records, registry: registry) : []
        var warnings: [String] = []
        if scan.damage == nil, let marker,
            let problem = marker.problem(records: scan.records.count, hashAtMarker: scan.checkpointHash, log: path)
        {
            warnings.append(problem)
        }
        return VerificationReport(
            log: path, recordCount: scan.records.count, head: LogHead(count: scan.records.count, hash: scan.headHash),
            tornTail: scan.tornTail, damage: scan.damage, violations: violations, warnings: warnings)
    }
}
