import Dispatch
import Synchronization

/// An event as the fold sees it: the recorded event with every correction applied.
public struct EffectiveEvent: Hashable, Sendable {
    /// The record as logged.
    public let record: RecordedEvent
    /// The corrections applied, oldest first.
    public let corrections: [EventID]
    /// The kind of alternative date the event is dated by, in a timeline folded under a date
    /// convention (`nil`: its own date).
    public let datedBy: DateKind?
    // The corrected content, boxed, only when a correction applies: most events have none, and
    // a second inline copy of every event would double a large log's memory.
    private let corrected: CorrectedContent?

    /// The record with `corrections` applied, `event` being its corrected content (kept only when
    /// there are corrections).
    public init(record: RecordedEvent, event: NewEvent, corrections: [EventID]) {
        self.record = record
        self.corrections = corrections
        self.corrected = corrections.isEmpty ? nil : CorrectedContent(event: event)
        self.datedBy = nil
    }

    /// An event no correction applies to.
    init(uncorrected record: RecordedEvent) {
        self.record = record
        self.corrections = []
        self.corrected = nil
        self.datedBy = nil
    }

    /// `effective` dated by its alternative date of `kind` (a timeline under a date convention).
    init(_ effective: EffectiveEvent, datedBy alternative: AlternativeDate) {
        var event = effective.event
        event.date = alternative.date
        self.record = effective.record
        self.corrections = effective.corrections
        self.corrected = CorrectedContent(event: event)
        self.datedBy = alternative.kind
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

    /// Whether two effective events have the same record, corrections and corrected content.
    public static func == (lhs: EffectiveEvent, rhs: EffectiveEvent) -> Bool {
        lhs.record == rhs.record && lhs.corrections == rhs.corrections && lhs.datedBy == rhs.datedBy && lhs.event == rhs.event
    }

    /// Hashes the record and the ids of its corrections (part of what `==` compares).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(record)
        hasher.combine(corrections)
    }

    /// Record indexes in fold order, given each one's fold key (earliest day of its effective
    /// date, sequence number). Indexes already in that order come back as they are.
    ///
    /// When sequence numbers rise along `indexes` (as in any log), a key's position among them
    /// orders like its sequence number: day and position then pack into one 64-bit integer, and
    /// a million of those sort several times faster than pairs compared field by field.
    static func foldOrder(of indexes: [UInt32], key: @Sendable (UInt32) -> (day: Int, seq: Int)) -> [UInt32] {
        // Two halves at once for a large log: their keys, their order, then one merge.
        let parts = indexes.count < Parallelism.standard.foldOrderThreshold ? 1 : 2
        let size = (indexes.count + parts - 1) / parts
        let results = Mutex<[(packed: [UInt64], ordered: Bool, seqsRise: Bool)]>(Array(repeating: ([], true, true), count: parts))
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let range = min(part * size, indexes.count)..<min((part + 1) * size, indexes.count)
            var packed: [UInt64] = []
            packed.reserveCapacity(range.count)
            var ordered = true
            var seqsRise = true
            var last: (day: Int, seq: Int)?
            for position in range {
                let (day, seq) = key(indexes[position])
                if let last {
                    if (last.day, last.seq) > (day, seq) { ordered = false }
                    if last.seq >= seq { seqsRise = false }
                }
                last = (day, seq)
                // Days are CivilDay ordinals, within Int32 (open ends are its limits).
                let biasedDay = UInt64(UInt32(bitPattern: Int32(clamping: day)) ^ 0x8000_0000)
                packed.append(biasedDay << 32 | UInt64(position))
            }
            if !ordered && seqsRise { packed.sort() }
            let half = (packed, ordered, seqsRise)
            results.withLock { $0[part] = half }
        }
        let halves = results.withLock { $0 }
        // Where the halves meet, the keys must go on rising too.
        var seqsRise = halves.allSatisfy(\.seqsRise)
        var ordered = halves.allSatisfy(\.ordered)
        if parts == 2, size < indexes.count {
            let (a, b) = (key(indexes[size - 1]), key(indexes[size]))
            if a.seq >= b.seq { seqsRise = false }
            if (a.day, a.seq) > (b.day, b.seq) { ordered = false }
        }
        if ordered { return indexes }
        guard seqsRise else {
            let keyed = indexes.map { (key: key($0), index: $0) }
            return keyed.sorted { ($0.key.day, $0.key.seq) < ($1.key.day, $1.key.seq) }.map(\.index)
        }
        var merged: [UInt32] = []
        merged.reserveCapacity(indexes.count)
        if parts == 1 {
            for value in halves[0].packed { merged.append(indexes[Int(truncatingIfNeeded: value & 0xFFFF_FFFF)]) }
            return merged
        }
        let (left, right) = (halves[0].packed, halves[1].packed)
        var (i, j) = (0, 0)
        while i < left.count || j < right.count {
            let takeLeft = j == right.count || (i < left.count && left[i] < right[j])
            let value = takeLeft ? left[i] : right[j]
            if takeLeft { i += 1 } else { j += 1 }
            merged.append(indexes[Int(truncatingIfNeeded: value & 0xFFFF_FFFF)])
        }
        return merged
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
