import TimelineCore

/// Checks a log file end to end: header, every record's hash, the chain, sequence numbers,
/// the commit marks, and the domain's invariants.
public enum LogVerifier {
    /// Verifies the log at `path`.
    /// - Throws: `StoreError` only when the file cannot be read at all.
    /// - Complexity: O(n log n) in the number of records.
    public static func verify(path: String, registry: CountryRegistry = .standard) throws(StoreError) -> VerificationReport {
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
        let scan = try LogScanner.scan(size: try file.size(), checkpoint: marker?.count) { count, offset throws(StoreError) in
            try file.read(count: count, at: offset)
        }
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
