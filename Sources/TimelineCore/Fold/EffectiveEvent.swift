/// An event as the fold sees it: the recorded event with every correction applied.
public struct EffectiveEvent: Hashable, Sendable {
    /// The record as logged.
    public let record: RecordedEvent
    /// The content after corrections (equal to `record.event` when none applies).
    public let event: NewEvent
    /// The corrections applied, oldest first.
    public let corrections: [EventID]

    /// The event's id.
    public var id: EventID { record.id }
    /// The event's log position.
    public var seq: SequenceNumber { record.seq }
    /// The corrected valid time (only amendments have none, and they never reach the fold).
    public var date: EDTFDate { event.date ?? .single(PartialDate(year: 0)) }
    /// The corrected content.
    public var payload: EventPayload { event.payload }

    /// Fold order: valid-time earliest bound, then sequence number.
    static func foldOrder(_ lhs: EffectiveEvent, _ rhs: EffectiveEvent) -> Bool {
        let left = lhs.date.earliest
        let right = rhs.date.earliest
        return left != right ? left < right : lhs.seq < rhs.seq
    }
}
