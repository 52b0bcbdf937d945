import TimelineCore
import TimelineStore

/// The storage contract as checks that any backend's tests run against their own log: appends
/// read back in order, idempotency, refusals that write nothing, out-of-order history, the
/// chain's head, monotonic transaction time, planned appends and verification.
///
/// For example:
/// ```swift
/// for check in StorageConformance.checks {
///     let failures = try await check.run(LogFactory(name: "memory") { (InMemoryEventLog(), {}) })
///     assert(failures.isEmpty, "\(check): \(failures)")
/// }
/// ```
public enum StorageConformance {
    /// Every check, in a stable order.
    public static let checks: [ConformanceCheck] = appendChecks + refusalChecks + headChecks
}
