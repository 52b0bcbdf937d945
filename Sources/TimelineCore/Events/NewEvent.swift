/// An event about to be appended: what happened, when, and on whose word.
///
/// For example:
/// ```swift
/// let event = NewEvent(
///     date: .day(2017, 6, 9),
///     payload: .accession(org: OrganizationID("SCO")!, country: "IND"),
///     source: Source(citation: "TASS, 2017-06-09")!)
/// event.derivedID  // the same for the same content, every time
/// ```
public struct NewEvent: Hashable, Sendable {
    /// An explicit id; when `nil` the id is derived from the content.
    public var explicitID: EventID?
    /// When it happened (valid time). Corrections and retractions have none.
    public var date: EDTFDate?
    /// What happened.
    public var payload: EventPayload
    /// The citation behind it (mandatory).
    public var source: Source
    /// A free remark.
    public var note: String? {
        get {
            guard case .text(let text)? = storedNote else { return nil }
            return text
        }
        set { storedNote = newValue.map(BoxedNote.text) }
    }
    // Boxed: few events have a note, and a large log holds millions of events.
    private var storedNote: BoxedNote?

    private enum BoxedNote: Hashable, Sendable {
        indirect case text(String)
    }

    /// The other dates of the same step, each with its kind and source (a decision before the
    /// effective date, a signature before the entry into force), sorted by kind, one per kind.
    public var alternatives: [AlternativeDate] {
        get {
            guard case .dates(let dates)? = storedAlternatives else { return [] }
            return dates
        }
        set { storedAlternatives = newValue.isEmpty ? nil : .dates(AlternativeDate.merging([], newValue)) }
    }
    // Boxed, like the note: few events have alternative dates.
    private var storedAlternatives: BoxedAlternatives?

    private enum BoxedAlternatives: Hashable, Sendable {
        indirect case dates([AlternativeDate])
    }

    /// An event to append; without `id`, its id is derived from the content.
    public init(
        id: EventID? = nil, date: EDTFDate?, payload: EventPayload, source: Source, note: String? = nil,
        alternatives: [AlternativeDate] = []
    ) {
        self.explicitID = id
        self.date = date
        self.payload = payload
        self.source = source
        self.storedNote = note.map(BoxedNote.text)
        self.storedAlternatives = alternatives.isEmpty ? nil : .dates(AlternativeDate.merging([], alternatives))
    }

    /// The event's date of `kind`, if it carries one as an alternative date.
    public func alternative(_ kind: DateKind) -> AlternativeDate? {
        alternatives.first { $0.kind == kind }
    }

    /// The event's type.
    public var kind: EventKind { payload.kind }

    /// The id the event has in the log: the explicit one or the content-derived one.
    public var id: EventID { explicitID ?? derivedID }

    /// The id derived from the content (type, date, fields, source, note).
    public var derivedID: EventID { EventID(derivedValue: EventFields.contentValue(ofSorted: sortedFields)) }
}
