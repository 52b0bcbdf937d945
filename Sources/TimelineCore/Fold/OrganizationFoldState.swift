/// What the fold knows of one organization: the organization itself, its current ladder, and
/// per participant its standing, since when, and the transitions recorded.
///
/// Participants are numbered (their slots) the first time a transition reaches them, so that
/// the fold looks a country up once per event and keeps the rest in arrays. The fold keeps the
/// slot numbers by country apart, in its own array: looking one up in a field of this struct,
/// held in an array, made the optimizer copy the whole struct for every event.
struct OrganizationFoldState: Sendable {
    var organization: Organization
    var ladder: StatusLadder
    /// Per participant: its code, its standing and the date its current status began.
    var countries: [String] = []
    var standing: [MembershipState] = []
    var since: [EDTFDate] = []
    /// The transitions recorded, of every participant, in fold order (none when the fold does
    /// not record them): one list grows by doubling more cheaply than one per participant.
    var transitions: [ParticipantTransition] = []

    init(organization: Organization) {
        self.organization = organization
        self.ladder = organization.foundingLadder
    }

    /// The participants in code order, with their slots.
    var participantsByCode: [(country: String, slot: Int)] {
        countries.enumerated().sorted { $0.element < $1.element }.map { ($0.element, $0.offset) }
    }
}
