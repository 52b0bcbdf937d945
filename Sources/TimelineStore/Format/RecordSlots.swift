import TimelineCore

/// Slots of a `RecordSpace` that decoding workers initialize, each its own lines' slots.
///
/// It is `Sendable` because the workers of one stretch write disjoint slots, and the scan
/// reads them only after every worker has finished.
struct RecordSlots: @unchecked Sendable {
    private let address: UnsafeMutablePointer<RecordedEvent>

    init(_ address: UnsafeMutablePointer<RecordedEvent>) { self.address = address }

    /// Puts `record` in slot `index`, which must be uninitialized.
    func initialize(_ index: Int, to record: consuming RecordedEvent) {
        (address + index).initialize(to: record)
    }
}
