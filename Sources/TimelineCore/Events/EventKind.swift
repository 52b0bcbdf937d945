/// The type of a diplomatic event, as written after `append` and in the log's `type` field.
public enum EventKind: String, CaseIterable, Sendable, Hashable {
    case founding
    case accession
    case status
    case withdrawal
    case suspension
    case reinstatement
    case reclassify
    case summit
    case statement
    case milestone
    case dissolution
    case state
    case succession
    case merger
    case breakup
    case correction
    case retraction

    /// Whether an event of this kind changes a participant's standing in its organization, as
    /// one transition (a founding, a dissolution or a reclassification may change many).
    public var changesStanding: Bool {
        switch self {
        case .accession, .status, .withdrawal, .suspension, .reinstatement, .succession: return true
        default: return false
        }
    }

    /// Whether events of this kind act on another event rather than on history.
    public var isAmendment: Bool { self == .correction || self == .retraction }
}
