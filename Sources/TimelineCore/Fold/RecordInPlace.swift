/// A record folded where it lies, read through its address.
///
/// Passing a record itself to the fold copies it (the fold cannot prove that nothing writes to
/// the memory it came from), and a copy retains the record's shared strings and boxes: from
/// every fold thread at once, on the same few objects. Through this reference only the fields
/// the fold reads are loaded.
struct RecordInPlace: FoldableEvent {
    let address: UnsafePointer<RecordedEvent>

    var id: EventID { RecordedEvent.id(at: address) }
    var seq: SequenceNumber { address.pointee.seq }
    var payload: EventPayload { address.pointee.event.payload }
    var ownDate: EDTFDate? { address.pointee.event.date }
    var summary: String { address.pointee.event.summary }
}
