import TimelineCore

/// What `verify` found: the head of an intact log, or the first bad line.
public struct VerificationReport: Sendable {
    /// The log verified: a file log's path, or the name another backend gives its log.
    public let log: String
    /// The committed records that passed every check (up to the first problem).
    public let recordCount: Int
    /// The head of the verified part.
    public let head: LogHead
    /// An unfinished append after the last committed batch (a crash); not damage.
    public let tornTail: TornTail?
    /// The first damaged line and what is wrong with it.
    public let damage: LogDamage?
    /// Domain rules the records break (a log edited by hand, or by another tool).
    public let violations: [InvariantViolation]
    /// Records known to be lost (the log is shorter than its last committed head).
    public let warnings: [String]

    /// A report on `log`; any backend's `verify(registry:)` makes one.
    public init(
        log: String, recordCount: Int, head: LogHead, tornTail: TornTail?, damage: LogDamage?,
        violations: [InvariantViolation], warnings: [String]
    ) {
        self.log = log
        self.recordCount = recordCount
        self.head = head
        self.tornTail = tornTail
        self.damage = damage
        self.violations = violations
        self.warnings = warnings
    }

    /// Whether the log is untampered, complete and consistent.
    public var isIntact: Bool { damage == nil && violations.isEmpty && warnings.isEmpty }
}
