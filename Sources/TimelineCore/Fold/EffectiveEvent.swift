/// An event as the fold sees it: the recorded event with every correction applied.
public struct EffectiveEvent: Hashable, Sendable {
    /// The record as logged.
    public let record: RecordedEvent
    /// The corrections applied, oldest first.
    public let corrections: [EventID]
    // The corrected content, boxed, only when a correction applies: most events have none, and
    // a second inline copy of every event would double a large log's memory.
    private let corrected: CorrectedContent?

    public init(record: RecordedEvent, event: NewEvent, corrections: [EventID]) {
        self.record = record
        self.corrections = corrections
        self.corrected = corrections.isEmpty ? nil : CorrectedContent(event: event)
    }

    /// An event no correction applies to.
    init(uncorrected record: RecordedEvent) {
        self.record = record
        self.corrections = []
        self.corrected = nil
    }

    // The accessors below read one field of the record or of the corrected content: going
    // through `event` would copy a whole event for each, and the fold reads millions.

    /// The content after corrections (equal to `record.event` when none applies).
    public var event: NewEvent { corrected?.event ?? record.event }
    /// The event's id.
    public var id: EventID { record.id }
    /// The event's log position.
    public var seq: SequenceNumber { record.seq }
    /// The corrected valid time (only amendments have none, and they never reach the fold).
    public var date: EDTFDate { Self.foldDate(ownDate) }
    /// The corrected valid time as the event gives it (`nil` for none).
    var ownDate: EDTFDate? {
        if let corrected { return corrected.event.date }
        return record.event.date
    }

    /// The date the fold sorts an event by: its own, or for an event without one (which the
    /// fold refuses) the year 0.
    static func foldDate(_ date: EDTFDate?) -> EDTFDate { date ?? .single(PartialDate(year: 0)) }
    /// The corrected content.
    public var payload: EventPayload {
        if let corrected { return corrected.event.payload }
        return record.event.payload
    }

    public static func == (lhs: EffectiveEvent, rhs: EffectiveEvent) -> Bool {
        lhs.record == rhs.record && lhs.corrections == rhs.corrections && lhs.event == rhs.event
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(record)
        hasher.combine(corrections)
    }

    /// Record indexes in fold order, given each one's fold key (earliest day of its effective
    /// date, sequence number). Indexes already in that order come back as they are.
    static func foldOrder(of indexes: [UInt32], key: (UInt32) -> (day: Int, seq: Int)) -> [UInt32] {
        var keys: [(day: Int, seq: Int, index: UInt32)] = []
        keys.reserveCapacity(indexes.count)
        var alreadyOrdered = true
        for index in indexes {
            let (day, seq) = key(index)
            if let last = keys.last, (last.day, last.seq) > (day, seq) { alreadyOrdered = false }
            keys.append((day, seq, index))
        }
        if alreadyOrdered { return indexes }
        keys.sort { ($0.day, $0.seq) < ($1.day, $1.seq) }
        return keys.map(\.index)
    }

    /// The events in fold order: by valid-time earliest bound, then sequence number.
    static func sortedInFoldOrder(_ events: [EffectiveEvent]) -> [EffectiveEvent] {
        foldOrder(of: events.indices.map(UInt32.init)) { (events[Int($0)].date.earliest.ordinal, events[Int($0)].seq.value) }
            .map { events[Int($0)] }
    }
}

/// The content of an event after corrections, shared by reference.
private final class CorrectedContent: Sendable {
    let event: NewEvent
    init(event: NewEvent) { self.event = event }
}
