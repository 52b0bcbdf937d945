import TimelineCore

/// The memory a scan decodes records into: the uninitialized storage of the array that will
/// hold them, of which the first `count` slots hold records.
///
/// Decoding workers initialize slots past `count` (through `RecordSlots`); the scan then
/// counts those it keeps, and destroys those it drops, so that when the array takes the
/// storage over, exactly the first `count` slots are initialized.
struct RecordSpace {
    private let buffer: UnsafeMutableBufferPointer<RecordedEvent>
    /// How many slots, from the first, hold records.
    var count = 0

    init(_ buffer: UnsafeMutableBufferPointer<RecordedEvent>) { self.buffer = buffer }

    /// How many slots are free.
    var room: Int { buffer.count - count }

    /// The slots from `first` on, to decode into.
    func slots(from first: Int) -> RecordSlots { RecordSlots(buffer.baseAddress! + first) }

    /// Destroys the records in `count` slots from `first` (beyond `count`: decoded, not kept).
    func destroy(_ first: Int, count: Int) {
        guard count > 0 else { return }
        (buffer.baseAddress! + first).deinitialize(count: count)
    }

    /// Destroys the records from `newCount` on.
    mutating func truncate(to newCount: Int) {
        guard newCount < count else { return }
        destroy(newCount, count: count - newCount)
        count = newCount
    }
}
