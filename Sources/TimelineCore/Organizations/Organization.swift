/// An organization as its founding event defined it, and how its ladder changed since.
public struct Organization: Hashable, Sendable {
    /// The identifier, `SCO`.
    public let id: OrganizationID
    /// The full name, "Shanghai Cooperation Organisation".
    public let name: String
    /// When it was founded.
    public let founded: EDTFDate
    /// Where it was founded.
    public let place: String?
    /// The founding countries (alpha-3), in the order the founding event lists them.
    public let founders: [String]
    /// The organization it succeeds, if any (the Shanghai Five precedes the SCO).
    public let predecessor: OrganizationID?
    /// The ladder at founding.
    public let foundingLadder: StatusLadder
    /// The ladder changes, in fold order: each reclassification's date and resulting ladder.
    public internal(set) var ladderChanges: [(date: EDTFDate, ladder: StatusLadder)] = []
    /// When it was dissolved, if it was.
    public internal(set) var dissolved: EDTFDate?

    /// An organization as founded; the fold records its later ladder changes and dissolution,
    /// and a snapshot passes them back in.
    public init(
        id: OrganizationID, name: String, founded: EDTFDate, place: String?, founders: [String], predecessor: OrganizationID?,
        ladder: StatusLadder,
        ladderChanges: [(date: EDTFDate, ladder: StatusLadder)] = [], dissolved: EDTFDate? = nil
    ) {
        self.ladderChanges = ladderChanges
        self.dissolved = dissolved
        self.id = id
        self.name = name
        self.founded = founded
        self.place = place
        self.founders = founders
        self.predecessor = predecessor
        self.foundingLadder = ladder
    }

    /// The ladder in force at the end of `day` (a reclassification counts once it surely happened).
    public func ladder(at day: CivilDay) -> StatusLadder {
        ladderChanges.last { $0.date.latest <= day }?.ladder ?? foundingLadder
    }

    /// The ladder today: after every reclassification.
    public var currentLadder: StatusLadder { ladderChanges.last?.ladder ?? foundingLadder }

    /// Whether two organizations agree in every field, ladder changes and dissolution included.
    public static func == (lhs: Organization, rhs: Organization) -> Bool {
        lhs.id == rhs.id && lhs.name == rhs.name && lhs.founded == rhs.founded && lhs.place == rhs.place
            && lhs.founders == rhs.founders && lhs.predecessor == rhs.predecessor
            && lhs.foundingLadder == rhs.foundingLadder && lhs.dissolved == rhs.dissolved
            && lhs.ladderChanges.map(\.date) == rhs.ladderChanges.map(\.date)
            && lhs.ladderChanges.map(\.ladder) == rhs.ladderChanges.map(\.ladder)
    }

    /// Hashes the identifier alone (equal organizations share it).
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}
