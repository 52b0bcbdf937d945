/// The records of an array read in place, through their addresses: the one way the fold, the
/// validators and the id index walk a log's records without copying them.
///
/// A subscript of the array, or iterating it, copies each record, and a copy retains the
/// strings and boxes it shares with many others: from several threads at once, on the same
/// objects. An address reads only the fields asked for.
///
/// For example:
/// ```swift
/// records.withRecordsInPlace { records in
///     for index in records.indices { index.insert(RecordedEvent.id(at: records[index])) }
/// }
/// ```
@usableFromInline package struct RecordsInPlace {
    @usableFromInline let buffer: UnsafeBufferPointer<RecordedEvent>

    @inlinable init(_ buffer: UnsafeBufferPointer<RecordedEvent>) { self.buffer = buffer }

    /// The number of records.
    @inlinable package var count: Int { buffer.count }

    /// The positions of the records, from 0.
    @inlinable package var indices: Range<Int> { 0..<buffer.count }

    /// The address of the record at `index` (`index` is one of `indices`).
    /// - Complexity: O(1); nothing is copied or retained.
    @inlinable package subscript(index: Int) -> UnsafePointer<RecordedEvent> {
        // An index among `indices` means the buffer is not empty, so it has an address.
        buffer.baseAddress.unsafelyUnwrapped + index
    }
}

extension Array where Element == RecordedEvent {
    /// Calls `body` with the records read in place; the addresses are valid only inside it.
    /// - Complexity: O(1) besides `body`.
    @inlinable package func withRecordsInPlace<Result>(_ body: (RecordsInPlace) throws -> Result) rethrows -> Result {
        try withUnsafeBufferPointer { try body(RecordsInPlace($0)) }
    }
}
