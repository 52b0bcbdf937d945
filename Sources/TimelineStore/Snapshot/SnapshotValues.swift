import TimelineCore

/// The dates and statuses of a snapshot's string table, each parsed once, by its place in the
/// table, however many transitions name it.
struct SnapshotValues {
    private var dates: [EDTFDate?]
    private var statuses: [Status?]

    init(tableCount: Int) {
        dates = Array(repeating: nil, count: tableCount)
        statuses = Array(repeating: nil, count: tableCount)
    }

    /// The date whose text is the reader's next string.
    mutating func date(_ reader: inout ByteReader) throws(ByteReader.Malformed) -> EDTFDate {
        let index = try reader.stringIndex()
        if let known = dates[index] { return known }
        guard let parsed = try? EDTFDate.parse(reader.tableString(index)) else { throw ByteReader.Malformed() }
        dates[index] = parsed
        return parsed
    }

    /// A membership state: an optional status (by its place in the table, plus one) and a flag.
    mutating func state(_ reader: inout ByteReader) throws(ByteReader.Malformed) -> MembershipState {
        let index = try reader.integer()
        guard index <= reader.tableCount else { throw ByteReader.Malformed() }
        var status: Status?
        if index > 0 {
            if statuses[index - 1] == nil {
                guard let parsed = Status(reader.tableString(index - 1)) else { throw ByteReader.Malformed() }
                statuses[index - 1] = parsed
            }
            status = statuses[index - 1]
        }
        return MembershipState(status: status, suspended: try reader.flag())
    }
}
