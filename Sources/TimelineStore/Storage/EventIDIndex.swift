import Dispatch
import Synchronization
import TimelineCore

/// Where each event id first occurs among a log's records.
///
/// Most ids are derived: 64 bits of a SHA-256, already evenly spread. They go into
/// open-addressing tables of plain integers, which a million records fill several times faster
/// than a `Dictionary` hashing each id with SipHash; explicit ids go into a dictionary. The
/// derived ids are split by their top bit between two tables, which a large log fills on two
/// threads at once.
struct EventIDIndex: Sendable {
    private var tables: [Table]
    private var explicit: [EventID: Int] = [:]

    /// An index with room for `capacity` ids before it grows.
    init(capacity: Int = 0) {
        tables = [Table(capacity: capacity / 2), Table(capacity: capacity / 2)]
    }

    /// The index of `records` (with room for an eighth more), built on two threads for a large log.
    init(records: [RecordedEvent]) {
        let capacity = (records.count + records.count / 8) / 2
        guard records.count >= Parallelism.standard.idIndexThreshold else {
            self.init(capacity: capacity * 2)
            records.withRecordsInPlace { records in
                for index in records.indices { insertIfAbsent(RecordedEvent.id(at: records[index]), at: index) }
            }
            return
        }
        self.init()
        let built = Mutex<[Table?]>([nil, nil])
        DispatchQueue.concurrentPerform(iterations: 2) { half in
            var table = Table(capacity: capacity)
            records.withRecordsInPlace { records in
                for index in records.indices {
                    if let value = RecordedEvent.id(at: records[index]).derivedValue, Int(value >> 63) == half {
                        table.insertIfAbsent(value, at: index)
                    }
                }
            }
            built.withLock { $0[half] = table }
        }
        tables = built.withLock { $0.map { $0! } }
        records.withRecordsInPlace { records in
            for index in records.indices {
                let id = RecordedEvent.id(at: records[index])
                if id.derivedValue == nil, explicit[id] == nil { explicit[id] = index }
            }
        }
    }

    /// The position recorded for `id`, if any.
    subscript(id: EventID) -> Int? {
        guard let value = id.derivedValue else { return explicit[id] }
        return tables[Int(value >> 63)][value]
    }

    /// Records `position` for `id` unless the id already has one (the first occurrence wins).
    mutating func insertIfAbsent(_ id: EventID, at position: Int) {
        guard let value = id.derivedValue else {
            if explicit[id] == nil { explicit[id] = position }
            return
        }
        tables[Int(value >> 63)].insertIfAbsent(value, at: position)
    }

    /// One open-addressing table of derived ids, at most two-thirds full.
    private struct Table: Sendable {
        /// A slot: a derived id's value and its position (-1 for an empty slot), side by side
        /// so that a probe reads one place in memory.
        private struct Slot: Sendable {
            var value: UInt64 = 0
            var position = -1
        }

        private var slots: [Slot]
        private var count = 0

        init(capacity: Int) {
            var size = 1024
            while size * 2 < capacity * 3 { size *= 2 }
            slots = Array(repeating: Slot(), count: size)
        }

        subscript(value: UInt64) -> Int? {
            let mask = slots.count - 1
            var index = Self.slot(of: value, mask: mask)
            while slots[index].position >= 0 {
                if slots[index].value == value { return slots[index].position }
                index = (index + 1) & mask
            }
            return nil
        }

        mutating func insertIfAbsent(_ value: UInt64, at position: Int) {
            let mask = slots.count - 1
            var index = Self.slot(of: value, mask: mask)
            while slots[index].position >= 0 {
                if slots[index].value == value { return }
                index = (index + 1) & mask
            }
            slots[index] = Slot(value: value, position: position)
            count += 1
            if count * 3 > slots.count * 2 { grow() }
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
}
