/// An event as the log holds it: its content, its id, and when the log learned it.
public struct RecordedEvent: Hashable, Sendable {
    /// The event's position in the log.
    public let seq: SequenceNumber
    /// When the log recorded it (transaction time).
    public let recordedAt: RecordedTime
    /// The content as appended (before any correction). Its explicit id is always the record's
    /// id, as when read back from the log.
    public let event: NewEvent

    /// The event's identity.
    public var id: EventID { event.explicitID ?? event.derivedID }

    /// The identity of the record at `address`, read in place. Reading `id` from a record in
    /// an array or buffer copies the whole record first, which retains the strings and boxes
    /// it shares with many others; from several threads at once, on the same objects.
    package static func id(at address: UnsafePointer<RecordedEvent>) -> EventID {
        address.pointee.event.explicitID ?? address.pointee.id
    }

    /// The record of `event` at position `seq`, recorded at `recordedAt`. Its id is `event.id`: the
    /// explicit one, or one derived from the content (which costs a SHA-256).
    public init(seq: SequenceNumber, recordedAt: RecordedTime, event: consuming NewEvent) {
        let id = event.id
        self.init(seq: seq, recordedAt: recordedAt, id: id, event: event)
    }

    /// A record whose id is already known (it is `event.id`; deriving it costs a SHA-256).
    public init(seq: SequenceNumber, recordedAt: RecordedTime, id: EventID, event: consuming NewEvent) {
        self.seq = seq
        self.recordedAt = recordedAt
        var event = event
        event.explicitID = id
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
