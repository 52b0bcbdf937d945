/// An event that breaks a rule of the domain, with the rule's stable code and what was expected.
///
/// Appends that would cause a violation are refused whole; the message names the event (its id
/// and a one-line summary) and the rule.
public struct InvariantViolation: Error, Hashable, Sendable, CustomStringConvertible {
    /// The rules checked on every append.
    public enum Rule: String, Sendable, Hashable, CaseIterable {
        case missingDate = "missing-date"
        case unexpectedDate = "unexpected-date"
        case unknownCountry = "unknown-country"
        case unknownOrganization = "unknown-organization"
        case organizationNotYetFounded = "organization-not-yet-founded"
        case organizationDissolved = "organization-dissolved"
        case duplicateFounding = "duplicate-founding"
        case unknownPredecessor = "unknown-predecessor"
        case statusNotOnLadder = "status-not-on-ladder"
        case alreadyMember = "already-member"
        case sameStatus = "same-status"
        case wrongChangeKind = "wrong-change-kind"
        case notParticipating = "not-participating"
        case alreadySuspended = "already-suspended"
        case notSuspended = "not-suspended"
        case reclassifyConflict = "reclassify-conflict"
        case unknownTarget = "unknown-target"
        case ambiguousTarget = "ambiguous-target"
        case invalidAmendment = "invalid-amendment"
        case alreadyRetracted = "already-retracted"
        case idConflict = "id-conflict"
        case stateCodeTaken = "state-code-taken"
        case stateNotYetExisting = "state-not-yet-existing"
        case stateCeased = "state-ceased"
        case invalidStateDates = "invalid-state-dates"
        case successorHoldsStatus = "successor-holds-status"
        case invalidMerger = "invalid-merger"
        case selfMembership = "self-membership"
    }

    /// Which rule is broken.
    public let rule: Rule
    /// The event that breaks it.
    public let eventID: EventID
    /// Its position in the log, when it is already recorded.
    public let seq: SequenceNumber?
    /// A one-line summary of the event: `accession SCO IND on 2017-06-09`.
    public let summary: String
    /// What is wrong and what was expected.
    public let message: String

    /// A violation of `rule` by the event `eventID` (at `seq` once recorded), with its summary and
    /// what was expected.
    public init(rule: Rule, eventID: EventID, seq: SequenceNumber?, summary: String, message: String) {
        self.rule = rule
        self.eventID = eventID
        self.seq = seq
        self.summary = summary
        self.message = message
    }

    /// The violation as messages show it: the event's short id and summary, what is wrong, and
    /// the rule's code.
    public var description: String {
        "event \(eventID.short) (\(summary)): \(message) [rule \(rule.rawValue)]"
    }
}
