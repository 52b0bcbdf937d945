import Testing

@testable import TimelineCore

/// The fold order of a large log is found on two threads, each half packed and sorted, then
/// merged: it must be the order of (earliest day, sequence number), whatever the input.
@Suite("Fold order")
struct FoldOrderTests {
    /// The reference: sort the pairs themselves.
    static func reference(_ keys: [(day: Int, seq: Int)]) -> [UInt32] {
        keys.indices.map { UInt32($0) }.sorted { (keys[Int($0)].day, keys[Int($0)].seq) < (keys[Int($1)].day, keys[Int($1)].seq) }
    }

    static func order(_ keys: [(day: Int, seq: Int)]) -> [UInt32] {
        EffectiveEvent.foldOrder(of: keys.indices.map { UInt32($0) }) { keys[Int($0)] }
    }

    @Test("250,000 keys: out of order, in order, ordered halves out of order where they meet, and falling sequence numbers")
    func largeLogs() {
        var random = SplitMix64(seed: 5)
        let count = 250_000
        // Days mostly rising, a few percent from anywhere; sequence numbers rising.
        let mixed = (0..<count).map { index -> (day: Int, seq: Int) in
            (random.next() % 30 == 0 ? Int(random.next() % 40_000) - 20_000 : index / 7, index + 1)
        }
        #expect(Self.order(mixed) == Self.reference(mixed))
        let sorted = (0..<count).map { (day: $0 / 3, seq: $0 + 1) }
        #expect(Self.order(sorted) == sorted.indices.map { UInt32($0) })
        // Each half in order on its own, not across the seam.
        let halves = (0..<count).map { (day: $0 < count / 2 ? 1_000 + $0 : $0 - count / 2, seq: $0 + 1) }
        #expect(Self.order(halves) == Self.reference(halves))
        // Open ends at the limits of the day range.
        var limits = mixed
        limits[10] = (Int(Int32.min), 11)
        limits[count - 10] = (Int(Int32.max), count - 9)
        #expect(Self.order(limits) == Self.reference(limits))
        // Sequence numbers that do not rise (not a log's order): sorted by the pairs themselves.
        let falling = mixed.enumerated().map { (day: $0.element.day, seq: count - $0.offset) }
        #expect(Self.order(falling) == Self.reference(falling))
    }
}
