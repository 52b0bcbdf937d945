import TimelineCore

/// Where each event id first occurs among a log's records.
///
/// Most ids are derived: 64 bits of a SHA-256, already evenly spread. They go into an
/// open-addressing table of plain integers, which a million records fill several times faster
/// than a `Dictionary` hashing each id with SipHash; explicit ids go into a dictionary.
struct EventIDIndex: Sendable {
    /// A slot: a derived id's value and its position (-1 for an empty slot), side by side so
    /// that a probe reads one place in memory.
    private struct Slot: Sendable {
        var value: UInt64 = 0
        var position = -1
    }

    private var slots: [Slot]
    private var explicit: [EventID: Int] = [:]
    private var derivedCount = 0

    /// An index with room for `capacity` ids before it grows.
    init(capacity: Int = 0) {
        slots = Array(repeating: Slot(), count: Self.size(for: capacity))
    }

    /// A power of two that keeps `count` ids at most two-thirds full.
    private static func size(for count: Int) -> Int {
        var size = 1024
        while size * 2 < count * 3 { size *= 2 }
        return size
    }

    /// The position recorded for `id`, if any.
    subscript(id: EventID) -> Int? {
        guard let value = id.derivedValue else { return explicit[id] }
        let mask = slots.count - 1
        var index = Self.slot(of: value, mask: mask)
        while slots[index].position >= 0 {
            if slots[index].value == value { return slots[index].position }
            index = (index + 1) & mask
        }
        return nil
    }

    /// Records `position` for `id` unless the id already has one (the first occurrence wins).
    mutating func insertIfAbsent(_ id: EventID, at position: Int) {
        guard let value = id.derivedValue else {
            if explicit[id] == nil { explicit[id] = position }
            return
        }
        let mask = slots.count - 1
        var index = Self.slot(of: value, mask: mask)
        while slots[index].position >= 0 {
            if slots[index].value == value { return }
            index = (index + 1) & mask
        }
        slots[index] = Slot(value: value, position: position)
        derivedCount += 1
        if derivedCount * 3 > slots.count * 2 { grow() }
    }

    private static func slot(of value: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: (value &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    /// Doubles the table.
    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(), count: old.count * 2)
        let mask = slots.count - 1
        for slot in old where slot.position >= 0 {
            var index = Self.slot(of: slot.value, mask: mask)
            while slots[index].position >= 0 { index = (index + 1) & mask }
            slots[index] = slot
        }
    }
}
