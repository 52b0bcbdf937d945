/// What the fold knows of one organization: the organization itself, its current ladder, and
/// per participant its standing, since when, and the transitions recorded.
///
/// Participants are numbered (`slots`) the first time a transition reaches them, so that the
/// fold looks a country up once per event and keeps the rest in arrays.
struct OrganizationFoldState: Sendable {
    var organization: Organization
    var ladder: StatusLadder
    /// Each participant's number.
    var slots: [String: Int] = [:]
    /// Per participant: its code, its standing, the date its current status began, and its
    /// transitions (empty when the fold does not record them).
    var countries: [String] = []
    var standing: [MembershipState] = []
    var since: [EDTFDate] = []
    var transitions: [[MembershipTransition]] = []

    init(organization: Organization) {
        self.organization = organization
        self.ladder = organization.foundingLadder
    }

    /// The participants in code order, with their slots.
    var participantsByCode: [(country: String, slot: Int)] {
        slots.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
