/// An event as the log holds it: its content, its id, and when the log learned it.
public struct RecordedEvent: Hashable, Sendable {
    /// The event's position in the log.
    public let seq: SequenceNumber
    /// When the log recorded it (transaction time).
    public let recordedAt: RecordedTime
    /// The event's identity.
    public let id: EventID
    /// The content as appended (before any correction).
    public let event: NewEvent

    public init(seq: SequenceNumber, recordedAt: RecordedTime, event: NewEvent) {
        self.init(seq: seq, recordedAt: recordedAt, id: event.id, event: event)
    }

    /// A record whose id is already known (it is `event.id`; deriving it costs a SHA-256).
    public init(seq: SequenceNumber, recordedAt: RecordedTime, id: EventID, event: NewEvent) {
        self.seq = seq
        self.recordedAt = recordedAt
        self.id = id
        self.event = event
    }

    /// The event's type.
    public var kind: EventKind { event.kind }
    /// The event's valid time.
    public var date: EDTFDate? { event.date }
    /// What happened.
    public var payload: EventPayload { event.payload }
    /// The source.
    public var source: Source { event.source }
}
