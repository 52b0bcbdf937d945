import TimelineCore

/// Where each event id first occurs among a log's records.
///
/// Most ids are derived: 64 bits of a SHA-256, already evenly spread. They go into an
/// open-addressing table of plain integers, which a million records fill several times faster
/// than a `Dictionary` hashing each id with SipHash; explicit ids go into a dictionary.
struct EventIDIndex: Sendable {
    /// Per slot: a derived id's value, and its position (-1 for an empty slot).
    private var values: [UInt64]
    private var positions: [Int]
    private var explicit: [EventID: Int] = [:]
    private var derivedCount = 0

    /// An index with room for `capacity` ids before it grows.
    init(capacity: Int = 0) {
        var size = 1024
        while size < capacity * 2 { size *= 2 }
        values = Array(repeating: 0, count: size)
        positions = Array(repeating: -1, count: size)
    }

    /// The position recorded for `id`, if any.
    subscript(id: EventID) -> Int? {
        guard let value = id.derivedValue else { return explicit[id] }
        var slot = Self.slot(of: value, mask: values.count - 1)
        while positions[slot] >= 0 {
            if values[slot] == value { return positions[slot] }
            slot = (slot + 1) & (values.count - 1)
        }
        return nil
    }

    /// Records `position` for `id` unless the id already has one (the first occurrence wins).
    mutating func insertIfAbsent(_ id: EventID, at position: Int) {
        guard let value = id.derivedValue else {
            if explicit[id] == nil { explicit[id] = position }
            return
        }
        var slot = Self.slot(of: value, mask: values.count - 1)
        while positions[slot] >= 0 {
            if values[slot] == value { return }
            slot = (slot + 1) & (values.count - 1)
        }
        values[slot] = value
        positions[slot] = position
        derivedCount += 1
        if derivedCount * 2 > values.count { grow() }
    }

    private static func slot(of value: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: (value &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// Doubles the table, keeping it at most half full.
    private mutating func grow() {
        let (oldValues, oldPositions) = (values, positions)
        values = Array(repeating: 0, count: oldValues.count * 2)
        positions = Array(repeating: -1, count: oldValues.count * 2)
        let mask = values.count - 1
        for old in oldPositions.indices where oldPositions[old] >= 0 {
            var slot = Self.slot(of: oldValues[old], mask: mask)
            while positions[slot] >= 0 { slot = (slot + 1) & mask }
            values[slot] = oldValues[old]
            positions[slot] = oldPositions[old]
        }
    }
}
