import TimelineCore

/// Reads what `ByteWriter` wrote; any inconsistency throws, and the snapshot is then ignored.
///
/// Sendable: its bytes belong to the `SnapshotBytes` it keeps alive and are never written after
/// they are read in; a reader is a value, moved or copied to the one thread that reads with it.
struct ByteReader: @unchecked Sendable {
    struct Malformed: Error {}

    private let source: SnapshotBytes
    private let bytes: UnsafeRawBufferPointer
    private(set) var offset: Int
    private var table: [String] = []

    /// A reader over `source`'s bytes from `offset`, which starts with the string table.
    init(_ source: SnapshotBytes, from offset: Int) throws(Malformed) {
        self.source = source
        self.bytes = source.bytes
        self.offset = offset
        let count = try integer()
        guard count <= bytes.count else { throw Malformed() }
        table.reserveCapacity(count)
        for _ in 0..<count {
            let length = try integer()
            guard length <= bytes.count - self.offset else { throw Malformed() }
            table.append(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[self.offset..<self.offset + length]), as: UTF8.self))
            self.offset += length
        }
    }

    var isAtEnd: Bool { offset == bytes.count }

    /// Steps over a section `ByteWriter.beginSection()` began: returns where its bytes start and
    /// end, and moves past them.
    mutating func skipSection() throws(Malformed) -> Range<Int> {
        guard bytes.count - offset >= 4 else { throw Malformed() }
        var length = 0
        for index in 0..<4 { length |= Int(bytes[offset + index]) << (8 * index) }
        offset += 4
        guard length <= bytes.count - offset else { throw Malformed() }
        defer { offset += length }
        return offset..<offset + length
    }

    /// This reader (with its string table) moved to `offset`.
    func moved(to offset: Int) -> ByteReader {
        var reader = self
        reader.offset = offset
        return reader
    }

    /// Gives back the memory of the whole pages within `range`, which is never read again.
    func release(_ range: Range<Int>) { source.release(range) }
    /// How many bytes are left to read.
    var remaining: Int { bytes.count - offset }

    mutating func integer() throws(Malformed) -> Int {
        var value: UInt = 0
        var shift: UInt = 0
        while true {
            guard offset < bytes.count, shift < 63 else { throw Malformed() }
            let byte = bytes[offset]
            offset += 1
            value |= UInt(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        guard value <= UInt(Int.max) else { throw Malformed() }
        return Int(value)
    }

    /// A zigzag-encoded signed integer.
    mutating func signed() throws(Malformed) -> Int {
        let value = UInt(try integer())
        return Int(bitPattern: value >> 1) ^ -Int(bitPattern: value & 1)
    }

    mutating func flag() throws(Malformed) -> Bool {
        guard offset < bytes.count, bytes[offset] <= 1 else { throw Malformed() }
        offset += 1
        return bytes[offset - 1] == 1
    }

    /// The index of the next string in the table (for callers that cache what they derive from it).
    mutating func stringIndex() throws(Malformed) -> Int {
        let index = try integer()
        guard index < table.count else { throw Malformed() }
        return index
    }

    mutating func string() throws(Malformed) -> String { table[try stringIndex()] }

    mutating func optionalString() throws(Malformed) -> String? {
        let index = try integer()
        guard index <= table.count else { throw Malformed() }
        return index == 0 ? nil : table[index - 1]
    }

    mutating func strings() throws(Malformed) -> [String] {
        let count = try integer()
        guard count <= bytes.count else { throw Malformed() }
        var texts: [String] = []
        texts.reserveCapacity(count)
        for _ in 0..<count { texts.append(try string()) }
        return texts
    }

    mutating func eventID() throws(Malformed) -> EventID {
        guard offset < bytes.count else { throw Malformed() }
        let tag = bytes[offset]
        offset += 1
        switch tag {
        case 1:
            guard bytes.count - offset >= 8 else { throw Malformed() }
            var value: UInt64 = 0
            for index in (0..<8).reversed() { value = value << 8 | UInt64(bytes[offset + index]) }
            offset += 8
            return EventID(derivedValue: value)
        case 0:
            guard let id = EventID(try string()) else { throw Malformed() }
            return id
        default: throw Malformed()
        }
    }

    /// The table's string at `index`.
    func tableString(_ index: Int) -> String { table[index] }
    var tableCount: Int { table.count }
}
