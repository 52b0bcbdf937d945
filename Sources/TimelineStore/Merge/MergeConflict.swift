import TimelineCore

/// Why one of their events cannot join ours: the event, the rule it breaks against the merged
/// history, and the records of ours it clashes with.
public struct MergeConflict: Sendable, Hashable {
    /// Their record, as their log holds it (its sequence number is theirs).
    public let theirs: RecordedEvent
    /// The rule broken: `id-conflict` when ours holds the same id with other content.
    public let rule: InvariantViolation.Rule
    /// What is wrong, in the validator's words.
    public let explanation: String
    /// Ours' records (after the ancestor) about the same organization and country, or with
    /// the same id, as ours holds them; empty when none is found.
    public let ours: [RecordedEvent]

    /// A conflict of `theirs` with `ours` under `rule`.
    public init(theirs: RecordedEvent, rule: InvariantViolation.Rule, explanation: String, ours: [RecordedEvent]) {
        self.theirs = theirs
        self.rule = rule
        self.explanation = explanation
        self.ours = ours
    }
}
