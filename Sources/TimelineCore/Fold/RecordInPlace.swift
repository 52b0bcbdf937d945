/// A record folded where it lies, read through its address (one of `RecordsInPlace`).
///
/// Passing a record itself to the fold copies it (the fold cannot prove that nothing writes to
/// the memory it came from), and a copy retains the record's shared strings and boxes: from
/// every fold thread at once, on the same few objects. Through this reference only the fields
/// the fold reads are loaded.
package struct RecordInPlace: FoldableEvent {
    /// The record's address, valid while the fold runs.
    package let address: UnsafePointer<RecordedEvent>

    /// The record's `id`, read in place.
    package var id: EventID { RecordedEvent.id(at: address) }
    /// The record's `seq`, read in place.
    package var seq: SequenceNumber { address.pointee.seq }
    /// The record's `payload`, read in place.
    package var payload: EventPayload { address.pointee.event.payload }
    /// The record's `ownDate`, read in place.
    package var ownDate: EDTFDate? { address.pointee.event.date }
    /// The record's `summary`, read in place.
    package var summary: String { address.pointee.event.summary }
}
