/// The ordered statuses of an organization, lowest first; the highest rung is membership.
///
/// For example the SCO's ladder is `dialogue-partner < observer < member`; NATO's could be
/// `partner < member`. Nothing about any organization is built in.
public struct StatusLadder: Hashable, Sendable, CustomStringConvertible {
    /// The statuses, lowest first.
    public let rungs: [Status]

    /// A ladder; `nil` when it is empty or names a status twice.
    public init?(_ rungs: [Status]) {
        guard !rungs.isEmpty, Set(rungs).count == rungs.count else { return nil }
        self.rungs = rungs
    }

    /// The highest status: what `members` lists.
    public var top: Status { rungs[rungs.count - 1] }

    /// The position of a status, 0 for the lowest; `nil` if it is not on the ladder.
    public func rank(of status: Status) -> Int? { rungs.firstIndex(of: status) }

    /// Whether the ladder has the status.
    public func contains(_ status: Status) -> Bool { rungs.contains(status) }

    /// The ladder after merging `merged` statuses into `target`, which takes the place of the
    /// highest merged rung.
    public func merging(_ merged: [Status], into target: Status) -> StatusLadder {
        let highest = merged.compactMap { rank(of: $0) }.max() ?? rungs.count - 1
        var result: [Status] = []
        for (index, rung) in rungs.enumerated() {
            if index == highest { result.append(target) } else if !merged.contains(rung) { result.append(rung) }
        }
        return StatusLadder(result) ?? self
    }

    /// The ladder as messages show it, lowest rung first: `dialogue-partner < observer < member`.
    public var description: String { rungs.map(\.rawValue).joined(separator: " < ") }
}
