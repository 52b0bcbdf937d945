#if canImport(Glibc)
    import Glibc
#endif

/// Gives one shared `String` for each distinct byte sequence it is shown.
///
/// A large log repeats a few thousand strings (types, organization ids, country codes,
/// statuses, dates, sources) millions of times. Interning them makes the records share storage,
/// and an open-addressing table keyed by a cheap FNV-1a hash of the raw bytes finds them faster
/// than a `Dictionary`, which would hash every slice with SipHash.
struct StringInterner: Sendable {
    /// Per slot: the hash, or 0 for an empty slot (a real hash of 0 is stored as 1).
    private var hashes: [UInt64] = Array(repeating: 0, count: 1024)
    /// Per slot: where its bytes start in `pool`, and how many there are.
    private var spans: [(start: Int, count: Int)] = Array(repeating: (0, 0), count: 1024)
    private var texts: [String] = Array(repeating: "", count: 1024)
    /// Per slot: the number of the string, in the order first seen.
    private var numbers: [Int] = Array(repeating: 0, count: 1024)
    private var pool: [UInt8] = []
    private var count = 0

    /// The longest byte sequence interned; longer ones become fresh strings.
    static let maximumLength = 160

    /// The shared string for `bytes`, created on first sight.
    mutating func string(for bytes: ArraySlice<UInt8>) -> String { intern(bytes).text }

    /// The shared string for `bytes` and its number (0 for the first distinct string, 1 for the
    /// next …), so that callers can keep what they derive from a string in an array indexed by
    /// it; `number` is `nil` for a string too long to intern.
    mutating func intern(_ bytes: ArraySlice<UInt8>) -> (text: String, number: Int?) {
        bytes.withUnsafeBufferPointer { intern($0) }
    }

    /// `intern(_:)` for bytes read in place.
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> (text: String, number: Int?) {
        guard bytes.count <= Self.maximumLength else { return (String(decoding: bytes, as: UTF8.self), nil) }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        if hash == 0 { hash = 1 }
        let mask = hashes.count - 1
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while hashes[slot] != 0 {
            if hashes[slot] == hash, spans[slot].count == bytes.count, matches(spans[slot].start, bytes) {
                return (texts[slot], numbers[slot])
            }
            slot = (slot + 1) & mask
        }
        let text = String(decoding: bytes, as: UTF8.self)
        hashes[slot] = hash
        spans[slot] = (pool.count, bytes.count)
        texts[slot] = text
        numbers[slot] = count
        pool.append(contentsOf: bytes)
        count += 1
        if count * 2 > hashes.count { grow() }
        return (text, count - 1)
    }

    private func matches(_ start: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if bytes.isEmpty { return true }
        return pool.withUnsafeBufferPointer { stored in
            memcmp(stored.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0
        }
    }

    /// Doubles the table, keeping it at most half full.
    private mutating func grow() {
        let (oldHashes, oldSpans, oldTexts, oldNumbers) = (hashes, spans, texts, numbers)
        let size = oldHashes.count * 2
        hashes = Array(repeating: 0, count: size)
        spans = Array(repeating: (0, 0), count: size)
        texts = Array(repeating: "", count: size)
        numbers = Array(repeating: 0, count: size)
        let mask = size - 1
        for old in oldHashes.indices where oldHashes[old] != 0 {
            var slot = Int(truncatingIfNeeded: oldHashes[old] ^ (oldHashes[old] >> 29)) & mask
            while hashes[slot] != 0 { slot = (slot + 1) & mask }
            hashes[slot] = oldHashes[old]
            spans[slot] = oldSpans[old]
            texts[slot] = oldTexts[old]
            numbers[slot] = oldNumbers[old]
        }
    }
}
