/// A country's standing in one organization: its status, if any, and whether it is suspended.
public struct MembershipState: Hashable, Sendable {
    /// The status held, or `nil` for none.
    public var status: Status?
    /// Whether participation is suspended.
    public var suspended: Bool

    /// A standing with `status` (`nil` for none), suspended or not.
    public init(status: Status? = nil, suspended: Bool = false) {
        self.status = status
        self.suspended = suspended
    }

    /// No status.
    public static let none = MembershipState()
}

/// One change of a country's standing, with the event behind it.
public struct MembershipTransition: Hashable, Sendable {
    /// The event that made the change.
    public let eventID: EventID
    /// Its log position.
    public let seq: SequenceNumber
    /// Its (corrected) date.
    public let date: EDTFDate
    /// The standing before.
    public let before: MembershipState
    /// The standing after.
    public let after: MembershipState
    /// Whether `after.status` was the ladder's top rung (membership) when it happened.
    public let isMembership: Bool
    /// The date the current status began: this change's date, or an earlier one when the status
    /// is unchanged (a suspension).
    public let since: EDTFDate

    /// A transition from its parts (the fold, or a snapshot of it).
    public init(
        eventID: EventID, seq: SequenceNumber, date: EDTFDate, before: MembershipState, after: MembershipState, isMembership: Bool,
        since: EDTFDate
    ) {
        self.eventID = eventID
        self.seq = seq
        self.date = date
        self.before = before
        self.after = after
        self.isMembership = isMembership
        self.since = since
    }
}
