/// A membership transition, with the participant it happened to: the fold records an
/// organization's transitions in one list, in fold order, rather than a list per participant.
struct ParticipantTransition: Sendable {
    /// The participant's index (its slot in the fold's state of the organization).
    let participant: Int32
    let transition: MembershipTransition
}
