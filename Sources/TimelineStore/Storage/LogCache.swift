import Synchronization
import TimelineCore

/// What one process last read or wrote of a log file: its committed length, contents and an
/// append planner on top of them. Reading the log again, or appending to it, then reads only
/// what other processes appended since — if the file still holds, at that length, the record
/// with that head's hash; anything else (a shorter file, another last record, a head marker that
/// disagrees) is read in full again.
final class LogCache: Sendable {
    struct State: Sendable {
        /// The committed length the contents end at.
        var committedLength: Int
        var contents: LogContents
        /// A planner on top of `contents.records`, once an append has needed one.
        var planner: AppendPlanner?
    }

    private let state = Mutex<State?>(nil)

    var current: State? { state.withLock { $0 } }

    func store(_ new: State?) { state.withLock { $0 = new } }

    /// Whether `file`, of `size` bytes, still holds the cached head at the cached length.
    static func stillHolds(_ state: State, file: borrowing PosixFile, size: Int, marker: HeadMarker?) -> Bool {
        let head = state.contents.head
        guard size >= state.committedLength else { return false }
        // The marker moves with every commit: one that differs from the cached head is fine only
        // when others appended since (the marker is then checked with what they appended).
        if let marker, !marker.names(head), size == state.committedLength { return false }
        return head.endsRecord(in: file, at: state.committedLength)
    }
}
