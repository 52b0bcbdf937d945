import Synchronization

/// The number of members of one organization as a step function of the day, built once on
/// first use and shared by every copy of the memberships.
///
/// Which transition a participant's standing shows at the end of a day changes only on a day
/// that is the earliest or latest bound of one of its transitions. Sweeping those days, one
/// participant at a time, gives every day on which the number of members can change, and the
/// number from then on; a question for any day is then one binary search.
final class MemberCountSteps: Sendable {
    private let steps: Mutex<(days: [Int32], counts: [Int32])?>

    /// Steps to compute on first use, or already known (read from a snapshot).
    init(_ known: (days: [Int32], counts: [Int32])? = nil) { steps = Mutex(known) }

    /// The steps, computing them with `build` the first time.
    func get(_ build: () -> (days: [Int32], counts: [Int32])) -> (days: [Int32], counts: [Int32]) {
        if let known = steps.withLock({ $0 }) { return known }
        let built = build()
        steps.withLock { $0 = $0 ?? built }
        return built
    }
}
