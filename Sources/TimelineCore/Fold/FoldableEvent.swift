/// What the fold reads of an event: an effective event, or a record that no correction changed
/// (folded as it is, without making an effective event of it first, which copies the record).
protocol FoldableEvent {
    var id: EventID { get }
    var seq: SequenceNumber { get }
    var payload: EventPayload { get }
    /// The valid time as the event gives it (`nil` for none, which the fold refuses).
    var ownDate: EDTFDate? { get }
    /// The event in a few words, for messages.
    var summary: String { get }
}

extension FoldableEvent {
    /// The date the fold files the event under.
    var foldDate: EDTFDate { EffectiveEvent.foldDate(ownDate) }
}

extension EffectiveEvent: FoldableEvent {
    var summary: String { event.summary }
}

extension RecordedEvent: FoldableEvent {
    var ownDate: EDTFDate? { event.date }
    var summary: String { event.summary }
}
