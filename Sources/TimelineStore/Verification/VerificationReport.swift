import TimelineCore

/// What `verify` found: the head of an intact log, or the first bad line.
public struct VerificationReport: Sendable {
    /// The log file.
    public let path: String
    /// The committed records that passed every check (up to the first problem).
    public let recordCount: Int
    /// The head of the verified part.
    public let head: LogHead
    /// An unfinished append after the last committed batch (a crash); not damage.
    public let tornTail: TornTail?
    /// The first damaged line and what is wrong with it.
    public let damage: (line: Int, message: String)?
    /// Domain rules the records break (a log edited by hand, or by another tool).
    public let violations: [InvariantViolation]
    /// Records known to be lost (the log is shorter than its last committed head).
    public let warnings: [String]

    /// Whether the log is untampered, complete and consistent.
    public var isIntact: Bool { damage == nil && violations.isEmpty && warnings.isEmpty }
}

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
                    path: path, recordCount: 0, head: LogHead(count: 0, hash: LogFormat.headerHash), tornTail: nil,
                    damage: (0, "the log is missing, but it held \(marker.count) records when last committed: restore it from a copy"),
                    violations: [], warnings: [])
            }
            throw StoreError(code: .notFound, message: "no log here", path: path)
        }
        let scan = try LogScanner.scan(size: try file.size(), checkpoint: marker?.count) { count, offset throws(StoreError) in
            try file.read(count: count, at: offset)
        }
        let violations = scan.corruption == nil ? Timeline.violations(of: scan.records, registry: registry) : []
        var warnings: [String] = []
        if scan.corruption == nil, let marker, let problem = marker.problem(records: scan.records.count, hashAtMarker: scan.checkpointHash, log: path) {
            warnings.append(problem)
        }
        return VerificationReport(
            path: path, recordCount: scan.records.count, head: LogHead(count: scan.records.count, hash: scan.headHash),
            tornTail: scan.tornTail, damage: scan.corruption, violations: violations, warnings: warnings)
    }
}
