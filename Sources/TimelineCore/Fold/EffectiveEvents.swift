/// A timeline's effective events in fold order, read from its records on demand.
///
/// A large log holds millions of records; a second array holding a copy of each, as effective
/// events, would double the memory a timeline takes. This collection keeps only the fold order
/// (one 32-bit record index per event) and the few events that corrections changed.
public struct EffectiveEvents: RandomAccessCollection, Sendable {
    private let records: [RecordedEvent]
    /// Record indexes, in fold order.
    private let order: [UInt32]
    /// The events corrections changed, by record index.
    private let corrected: [UInt32: EffectiveEvent]

    init(records: [RecordedEvent], order: [UInt32], corrected: [UInt32: EffectiveEvent]) {
        self.records = records
        self.order = order
        self.corrected = corrected
    }

    /// The position of the first effective event: always 0.
    public var startIndex: Int { 0 }
    /// One past the last effective event: the number of events in fold order.
    public var endIndex: Int { order.count }

    /// The effective event at `position` in fold order: the corrected one when a correction
    /// applies, else built from its record.
    /// - Complexity: O(1).
    public subscript(position: Int) -> EffectiveEvent {
        let index = order[position]
        if !corrected.isEmpty, let event = corrected[index] { return event }
        return EffectiveEvent(uncorrected: records[Int(index)])
    }
}
